// In-place ops (add_, sub_, mul_, div_, clamp_, zero_, fill_, copy_) with PyTorch's leaf rules, casts and graph rewiring.
import Foundation

extension Tensor {
    /// PyTorch's refusal to modify a leaf (or a view of one) that requires grad while grad mode is on.
    func checkInPlaceAllowed() throws {
        guard GradMode.isEnabled else { return }
        if isLeaf && leafRequiresGrad && base == nil {
            throw TensorError.runtime("a leaf Variable that requires grad is being used in an in-place operation.")
        }
        if let base, base.isLeaf && base.leafRequiresGrad {
            throw TensorError.runtime("a view of a leaf Variable that requires grad is being used in an in-place operation.")
        }
        if isLeaf && leafRequiresGrad {
            throw TensorError.runtime("a leaf Variable that requires grad is being used in an in-place operation.")
        }
    }

    /// True when two elements of this view share one memory location (an expanded tensor).
    var hasInternalOverlap: Bool { zip(shape, strides).contains { $0.0 > 1 && $0.1 == 0 } }

    /// Writes `source` (broadcast to `shape`, cast to `dtype`) through this view's strides into the shared storage.
    func assign(from source: Tensor) throws {
        var src = try source.detach().expand(shape)
        if src.storage === storage { src = try src.contiguous() }
        if src.dtype == dtype && src.isContiguous && isContiguous {
            storage.raw.advanced(by: offset * dtype.itemSize)
                .copyMemory(from: src.storage.raw.advanced(by: src.offset * dtype.itemSize), byteCount: numel * dtype.itemSize)
            return
        }
        func write<D: TensorScalar>(_: D.Type) {
            let pd = storage.pointer(D.self)
            func from<S: TensorScalar>(_: S.Type) {
                let ps = src.storage.pointer(S.self)
                let viaDouble = S.self == Float.self || S.self == Double.self
                Strided.forEachPositionPair(shape: shape, stridesA: strides, offsetA: offset, stridesB: src.strides, offsetB: src.offset) {
                    pd[$0] = viaDouble ? D(casting: ps[$1].doubleValue) : D(casting: ps[$1].int64Value)
                }
            }
            switch src.dtype {
            case .float32: from(Float.self)
            case .float64: from(Double.self)
            case .int64: from(Int64.self)
            case .bool: from(Bool.self)
            }
        }
        switch dtype {
        case .float32: write(Float.self)
        case .float64: write(Double.self)
        case .int64: write(Int64.self)
        case .bool: write(Bool.self)
        }
    }

    /// Nodes whose backward reads their own output, as PyTorch's saved `result`.
    static let nodesSavingOutput: Set<String> = [
        "ExpBackward0", "TanhBackward0", "SigmoidBackward0", "SqrtBackward0", "RsqrtBackward0", "ReluBackward0",
        "PowBackward1", "PowBackward2", "StdBackward0", "LinalgVectorNormBackward0", "MaxBackward1", "MinBackward1",
        "AmaxBackward0", "AminBackward0",
    ]

    /// Overwriting a saved output would make its node's gradient silently wrong; PyTorch's version check
    /// turns that into an error at backward time, and so does this.
    private func invalidateSavedOutputs() {
        for owner in [self, base].compactMap({ $0 }) {
            guard let node = owner.gradFn, Tensor.nodesSavingOutput.contains(node.name), node.backward != nil else { continue }
            let version = storage.version
            // PyTorch names the forward op: ExpBackward0 -> Exp, MaxBackward1 -> Max1.
            var opName = node.name.replacingOccurrences(of: "Backward", with: "")
            if opName.hasSuffix("0") { opName.removeLast() }
            let message = "one of the variables needed for gradient computation has been modified by an inplace operation: [\(owner.typeDescription) \(Shape.describe(owner.shape))], which is output 0 of \(opName), is at version \(version + 1); expected version \(version) instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False)."
            node.backward = { _ in throw TensorError.runtime(message) }
        }
    }

    /// Runs an in-place op: checks, computes `compute(old)` out of place, writes it back and rewires the graph
    /// so `self` (and the base it views) carries the op's grad_fn, as PyTorch's CopySlices does.
    private func inPlace(other: Tensor?, checkCast: Bool, _ compute: (Tensor) throws -> Tensor) throws -> Tensor {
        try checkInPlaceAllowed()
        if let other {
            if checkCast {
                let result = Tensor.resultType(self, other)
                if result.category > dtype.category {
                    throw TensorError.runtime(
                        "result type \(result.scalarTypeName) can't be cast to the desired output type \(dtype.scalarTypeName)")
                }
            }
            let broadcast = try Shape.broadcast(shape, other.shape)
            if broadcast != shape {
                throw TensorError.runtime(
                    "output with shape \(Shape.describe(shape)) doesn't match the broadcast shape \(Shape.describe(broadcast))")
            }
        }
        if hasInternalOverlap {
            throw TensorError.runtime(
                "unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.")
        }
        invalidateSavedOutputs()
        let needsGraph = GradMode.isEnabled && (requiresGrad || (base?.requiresGrad ?? false) || (other?.requiresGrad ?? false))
        guard needsGraph else {
            let result = try GradMode.withDisabled { try compute(detach()) }
            try assign(from: result)
            storage.bumpVersion()
            return self
        }
        guard let base else {
            // A stand-in holds the old values and the old history, so the new node does not point at itself.
            let old = try GradMode.withDisabled { try detach().clone() }
            old.gradFn = gradFn
            let result = try compute(old)
            try assign(from: result)
            storage.bumpVersion()
            gradFn = result.gradFn
            return self
        }
        guard base.isContiguous else {
            throw TensorError.runtime("Unroll supports in-place operations on views of contiguous tensors only; call .clone() first")
        }
        let oldBase = Tensor(storage: base.storage, shape: base.shape, strides: base.strides, offset: base.offset)
        oldBase.gradFn = base.gradFn
        let region = (shape: shape, strides: strides, delta: offset - base.offset)
        let baseShape = base.shape
        let oldView = try GradMode.withDisabled { try detach().clone() }
        oldView.recordGrad("AsStridedBackward0", inputs: [oldBase]) { g in
            [try Tensor.embed(g, in: baseShape, region: region)]
        }
        let result = try compute(oldView)
        try assign(from: result)
        storage.bumpVersion()
        base.gradFn = nil
        base.recordGrad("CopySlices", inputs: [oldBase, result]) { g in
            let cleared = try g.contiguous().clone()
            try cleared.regionView(region).assign(from: Tensor.zeros([], dtype: g.dtype))
            return [cleared, try g.contiguous().regionView(region).contiguous()]
        }
        gradFn = nil
        recordGrad("AsStridedBackward0", inputs: [base]) { g in [try Tensor.embed(g, in: baseShape, region: region)] }
        return self
    }

    /// The part of a contiguous base-shaped tensor that a view covers.
    private func regionView(_ region: (shape: [Int], strides: [Int], delta: Int)) -> Tensor {
        Tensor(storage: storage, shape: region.shape, strides: region.strides, offset: offset + region.delta)
    }

    /// Zeros of `baseShape` with `g` written into the view's region.
    private static func embed(_ g: Tensor, in baseShape: [Int], region: (shape: [Int], strides: [Int], delta: Int)) throws -> Tensor {
        let out = try Tensor.zeros(baseShape, dtype: g.dtype)
        try out.regionView(region).assign(from: g)
        return out
    }

    /// `add_(other, alpha=1)`.
    @discardableResult public func add_(_ other: Tensor, alpha: Scalar = .int(1)) throws -> Tensor {
        try inPlace(other: other, checkCast: true) { try $0.add(other, alpha: alpha) }
    }

    /// `sub_(other, alpha=1)`.
    @discardableResult public func sub_(_ other: Tensor, alpha: Scalar = .int(1)) throws -> Tensor {
        try inPlace(other: other, checkCast: true) { try $0.sub(other, alpha: alpha) }
    }

    /// `mul_(other)`.
    @discardableResult public func mul_(_ other: Tensor) throws -> Tensor {
        try inPlace(other: other, checkCast: true) { try $0.mul(other) }
    }

    /// `div_(other)`: true division, so integer tensors cannot hold the result.
    @discardableResult public func div_(_ other: Tensor) throws -> Tensor {
        if !dtype.isFloatingPoint {
            throw TensorError.runtime("result type Float can't be cast to the desired output type \(dtype.scalarTypeName)")
        }
        return try inPlace(other: other, checkCast: true) { try $0.div(other) }
    }

    /// `pow_(exponent)` with a number.
    @discardableResult public func pow_(_ exponent: Scalar) throws -> Tensor {
        try inPlace(other: Tensor(scalar: exponent, wrapped: true), checkCast: true) { try $0.pow(exponent) }
    }

    /// `clamp_(min, max)`.
    @discardableResult public func clamp_(min lower: Scalar? = nil, max upper: Scalar? = nil) throws -> Tensor {
        var operands: [(DType, PromotionKind)] = [(dtype, promotionKind)]
        if let lower { operands.append((lower.dtype, .wrappedNumber)) }
        if let upper { operands.append((upper.dtype, .wrappedNumber)) }
        let result = DType.resultType(operands)
        if result.category > dtype.category {
            throw TensorError.runtime("result type \(result.scalarTypeName) can't be cast to the desired output type \(dtype.scalarTypeName)")
        }
        return try inPlace(other: nil, checkCast: false) { try $0.clamp(min: lower, max: upper) }
    }

    /// `zero_()`.
    @discardableResult public func zero_() throws -> Tensor {
        try inPlace(other: nil, checkCast: false) { old in
            try Tensor.zeros(old.shape, dtype: old.dtype).recordGrad("ZeroBackward0", inputs: [old]) { g in [try g.zerosLike()] }
        }
    }

    /// `fill_(value)` with a number.
    @discardableResult public func fill_(_ value: Scalar) throws -> Tensor {
        try inPlace(other: nil, checkCast: false) { old in
            try Tensor.full(old.shape, value, dtype: old.dtype).recordGrad("FillBackward2", inputs: [old]) { g in [try g.zerosLike()] }
        }
    }

    /// `fill_(value)` with a zero-dimensional tensor (differentiable in the value).
    @discardableResult public func fill_(_ value: Tensor) throws -> Tensor {
        guard value.dim == 0 else {
            throw TensorError.runtime("fill_ only supports 0-dimension value tensor but got tensor with \(value.dim) dimensions.")
        }
        return try inPlace(other: nil, checkCast: false) { old in
            let filled = try Tensor.full(old.shape, value.item(), dtype: old.dtype)
            return filled.recordGrad("FillBackward3", inputs: [old, value]) { g in [try g.zerosLike(), try g.sum()] }
        }
    }

    /// `copy_(src)`: broadcast and cast `src` into this tensor (`CopyBackwards`).
    @discardableResult public func copy_(_ source: Tensor) throws -> Tensor {
        let broadcast = try Shape.broadcast(shape, source.shape)
        if broadcast != shape {
            throw TensorError.runtime(
                "output with shape \(Shape.describe(shape)) doesn't match the broadcast shape \(Shape.describe(broadcast))")
        }
        return try inPlace(other: source, checkCast: false) { old in
            let copied = try source.detach().to(old.dtype).expand(old.shape).contiguous().clone()
            let sourceShape = source.shape, sourceType = source.dtype
            return copied.recordGrad("CopyBackwards", inputs: [old, source]) { g in
                [try g.zerosLike(), sourceType.isFloatingPoint ? try g.sumTo(sourceShape).to(sourceType) : nil]
            }
        }
    }
}
