// mean, var, std, norm and prod over all elements or given dims, with PyTorch's dtype rules, errors and backward.
import Foundation

extension Tensor {
    /// Wrapped dims to reduce: nil or empty means all of them, as PyTorch treats `dim=None` and `dim=[]`.
    func reductionDims(_ dims: [Int]?) throws -> [Int] {
        guard let dims, !dims.isEmpty else { return Array(0..<dim) }
        let wrapped = try Reduction.normalizeDims(dims, rank: dim)
        return dim == 0 ? [] : wrapped  // a scalar accepts dim 0 or -1 and has nothing to reduce
    }

    /// Number of elements folded into each output element.
    func reducedCount(_ dims: [Int]) -> Int { dims.reduce(1) { $0 * (shape.indices.contains($1) ? shape[$1] : 1) } }

    /// `mean()` over every element (`MeanBackward0`).
    public func mean(dtype target: DType? = nil) throws -> Tensor {
        try mean(dims: nil, keepdim: false, dtype: target, name: "MeanBackward0")
    }

    /// `mean(dim, keepdim)` (`MeanBackward1`).
    public func mean(dims: [Int], keepdim: Bool = false, dtype target: DType? = nil) throws -> Tensor {
        try mean(dims: dims, keepdim: keepdim, dtype: target, name: "MeanBackward1")
    }

    private func mean(dims: [Int]?, keepdim: Bool, dtype target: DType?, name: String) throws -> Tensor {
        if let target, !target.isFloatingPoint {
            throw TensorError(.notImplemented,
                "mean(): could not infer output dtype. Optional dtype must be either a floating point or complex dtype. Got: \(target.scalarTypeName)")
        }
        if target == nil && !dtype.isFloatingPoint {
            throw TensorError(.notImplemented,
                "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: \(dtype.scalarTypeName)")
        }
        let reduced = try reductionDims(dims)
        let count = reducedCount(reduced)
        let out = try GradMode.withDisabled {
            try detach().to(target ?? dtype).sum(dims: reduced, keepdim: keepdim).div(Tensor.number(Double(count)))
        }
        let inputShape = shape
        return out.recordGrad(name, inputs: [self]) { g in
            [try g.div(Tensor.number(Double(count))).expandReduced(to: inputShape, dims: reduced, keepdim: keepdim)]
        }
    }

    /// `var(dim, correction, keepdim)`: Bessel-corrected by default (`correction = 1`, i.e. `unbiased=True`).
    public func `var`(dims: [Int]? = nil, correction: Double = 1, keepdim: Bool = false) throws -> Tensor {
        try dispersion(dims: dims, correction: correction, keepdim: keepdim, takeRoot: false)
    }

    /// `std(dim, correction, keepdim)`: the square root of `var`.
    public func std(dims: [Int]? = nil, correction: Double = 1, keepdim: Bool = false) throws -> Tensor {
        try dispersion(dims: dims, correction: correction, keepdim: keepdim, takeRoot: true)
    }

    private func dispersion(dims: [Int]?, correction: Double, keepdim: Bool, takeRoot: Bool) throws -> Tensor {
        guard dtype.isFloatingPoint else {
            throw TensorError(.notImplemented, "std and var only support floating point and complex dtypes")
        }
        let reduced = try reductionDims(dims)
        let count = Double(reducedCount(reduced))
        let divisor = Swift.max(count - correction, 0)
        // Accumulate in double, as PyTorch's CPU kernel does, then return the input dtype.
        let (out, centered) = try GradMode.withDisabled { () throws -> (Tensor, Tensor) in
            let x = try detach().to(.float64)
            let centered = try x.sub(x.sum(dims: reduced, keepdim: true).div(Tensor.number(count)))
            var v = try centered.mul(centered).sum(dims: reduced, keepdim: keepdim).div(Tensor.number(divisor))
            if takeRoot { v = try v.sqrt() }
            return (try v.to(dtype), try centered.to(dtype))
        }
        let result = out.detach()
        let inputShape = shape
        return out.recordGrad(takeRoot ? "StdBackward0" : "VarBackward0", inputs: [self]) { g in
            if takeRoot {
                let scale = try g.div(result.mul(Tensor.number(divisor)))
                return [try centered.mul(scale.expandReduced(to: inputShape, dims: reduced, keepdim: keepdim))]
            }
            let scale = try g.mul(Tensor.number(2 / divisor))
            return [try centered.mul(scale.expandReduced(to: inputShape, dims: reduced, keepdim: keepdim))]
        }
    }

    /// `norm(p, dim, keepdim)`: the vector p-norm (`torch.linalg.vector_norm`), p = 2 by default.
    public func norm(p: Double = 2, dims: [Int]? = nil, keepdim: Bool = false) throws -> Tensor {
        guard dtype.isFloatingPoint else {
            throw TensorError(.notImplemented,
                "linalg.vector_norm: Expected a floating point or complex tensor as input. Got \(dtype.scalarTypeName)")
        }
        let reduced = try reductionDims(dims)
        let out = try GradMode.withDisabled { () throws -> Tensor in
            let a = try detach().abs()
            if p == 2 { return try a.mul(a).sum(dims: reduced, keepdim: keepdim).sqrt() }
            if p == 1 { return try a.sum(dims: reduced, keepdim: keepdim) }
            if p == .infinity { return try a.amax(dims: reduced, keepdim: keepdim) }
            if p == -.infinity { return try a.amin(dims: reduced, keepdim: keepdim) }
            if p == 0 { return try a.ne(Tensor.number(0)).to(dtype).sum(dims: reduced, keepdim: keepdim) }
            return try a.pow(.double(p)).sum(dims: reduced, keepdim: keepdim).pow(.double(1 / p))
        }
        let x = detach(), n = out.detach()
        let inputShape = shape
        return out.recordGrad("LinalgVectorNormBackward0", inputs: [self]) { g in
            let ge = try g.expandReduced(to: inputShape, dims: reduced, keepdim: keepdim)
            let ne = try n.expandReduced(to: inputShape, dims: reduced, keepdim: keepdim)
            if p == 0 { return [try Tensor.zeros(inputShape, dtype: g.dtype)] }
            if p == 1 { return [try ge.mul(x.sign())] }
            if p == 2 { return [try ge.mul(x).div(ne).maskedZero(ne.eq(Tensor.number(0)))] }
            if p.isInfinite {
                let hit = try x.abs().eq(ne).to(g.dtype)
                let ties = try hit.sum(dims: reduced, keepdim: true)
                return [try ge.mul(x.sign()).mul(hit).div(ties)]
            }
            let d = try ge.mul(x.sign()).mul(x.abs().pow(.double(p - 1))).div(ne.pow(.double(p - 1)))
            return [try d.maskedZero(ne.eq(Tensor.number(0)))]
        }
    }

    /// `prod()` over every element (`ProdBackward0`); integers multiply to int64.
    public func prod(dtype target: DType? = nil) throws -> Tensor {
        try prod(dims: Array(0..<dim), keepdim: false, dtype: target, name: "ProdBackward0")
    }

    /// `prod(dim, keepdim)` along one dim (`ProdBackward1`).
    public func prod(dim d: Int, keepdim: Bool = false, dtype target: DType? = nil) throws -> Tensor {
        let axis = try Shape.wrapDim(d, rank: dim)
        return try prod(dims: dim == 0 ? [] : [axis], keepdim: keepdim, dtype: target, name: "ProdBackward1")
    }

    private func prod(dims reduced: [Int], keepdim: Bool, dtype target: DType?, name: String) throws -> Tensor {
        let outDType = target ?? (dtype.isFloatingPoint ? dtype : .int64)
        let source = try detach().to(outDType)
        let out: Tensor
        switch outDType {
        case .float32: out = try Reduction.reduce(source, dims: reduced, keepdim: keepdim, as: Float.self, initial: 1) { $0 * $1 }
        case .float64: out = try Reduction.reduce(source, dims: reduced, keepdim: keepdim, as: Double.self, initial: 1) { $0 * $1 }
        case .int64, .bool:
            out = try Reduction.reduce(try source.to(.int64), dims: reduced, keepdim: keepdim, as: Int64.self, initial: 1) { $0 &* $1 }
        }
        let x = detach()
        let inputShape = shape
        return out.recordGrad(name, inputs: [self]) { g in
            // The product of the other elements of each group, exact when the group holds zeros.
            let isZero = try x.eq(Tensor.number(0))
            let nonZero = try Tensor.selectWhere(isZero, Tensor.number(1).to(x.dtype), x)
            let prodNonZero = try nonZero.prod(dims: reduced, keepdim: true, dtype: nil, name: name)
            let zeros = try isZero.to(.int64).sum(dims: reduced, keepdim: true)
            let others = try Tensor.selectWhere(
                zeros.eq(Tensor.number(0)), prodNonZero.div(x).to(x.dtype),
                Tensor.selectWhere(zeros.eq(Tensor.number(1)).logicalAnd(isZero), prodNonZero.expand(inputShape),
                                   Tensor.zeros([], dtype: x.dtype)))
            return [try g.expandReduced(to: inputShape, dims: reduced, keepdim: keepdim).mul(others)]
        }
    }

    /// Elementwise `condition ? a : b` with broadcasting; a and b are read as their promoted dtype.
    static func selectWhere(_ condition: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        let shape = try Shape.broadcast(try Shape.broadcast(condition.shape, a.shape), b.shape)
        let common = DType.promote(a.dtype, b.dtype)
        let ca = try a.to(common).expand(shape), cb = try b.to(common).expand(shape)
        let mask = try condition.to(.bool).expand(shape)
        let out = try Tensor(zeros: shape, dtype: common)
        func fill<T: TensorScalar>(_: T.Type) {
            let po = out.storage.pointer(T.self), pa = ca.storage.pointer(T.self), pb = cb.storage.pointer(T.self)
            let pm = mask.storage.pointer(Bool.self)
            var j = 0
            var maskPositions = [Int]()
            maskPositions.reserveCapacity(out.numel)
            Strided.forEachPosition(shape: shape, strides: mask.strides, offset: mask.offset) { maskPositions.append($0) }
            Strided.forEachPositionPair(shape: shape, stridesA: ca.strides, offsetA: ca.offset, stridesB: cb.strides, offsetB: cb.offset) {
                po[j] = pm[maskPositions[j]] ? pa[$0] : pb[$1]
                j += 1
            }
        }
        switch common {
        case .float32: fill(Float.self)
        case .float64: fill(Double.self)
        case .int64: fill(Int64.self)
        case .bool: fill(Bool.self)
        }
        return out
    }
}
