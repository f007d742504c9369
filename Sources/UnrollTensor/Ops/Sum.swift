// sum over all elements or given dims, and sumTo, which folds a broadcast gradient back to an input's shape.

extension Tensor {
    /// `sum()` over every element; integer and bool inputs sum to int64.
    public func sum(dtype target: DType? = nil) throws -> Tensor {
        try sum(dims: Array(0..<dim), keepdim: false, dtype: target, allDims: true)
    }

    /// `sum(dim, keepdim)` over the listed dims (negative allowed, duplicates rejected).
    /// An empty `dims` reduces every dim, as PyTorch's `sum(dim=[])` does.
    public func sum(dims: [Int], keepdim: Bool = false, dtype target: DType? = nil) throws -> Tensor {
        try sum(dims: dims.isEmpty ? Array(0..<dim) : dims, keepdim: keepdim, dtype: target, allDims: false)
    }

    private func sum(dims: [Int], keepdim: Bool, dtype target: DType?, allDims: Bool) throws -> Tensor {
        let reduced = try Reduction.normalizeDims(dims, rank: dim)
        let outDType = target ?? (dtype.isFloatingPoint ? dtype : .int64)
        let source = try to(outDType).detach()
        let out: Tensor
        switch outDType {
        case .float32:
            out = try Reduction.sumFloat32(source, dims: reduced, keepdim: keepdim)
        case .float64:
            out = try Reduction.reduce(source, dims: reduced, keepdim: keepdim, as: Double.self, initial: 0) { $0 + $1 }
        case .int64, .bool:
            out = try Reduction.reduce(try source.to(.int64), dims: reduced, keepdim: keepdim, as: Int64.self, initial: 0) { $0 &+ $1 }
        }
        let inputShape = shape
        return out.recordGrad(allDims ? "SumBackward0" : "SumBackward1", inputs: [self]) { g in
            [try g.expandReduced(to: inputShape, dims: reduced, keepdim: keepdim)]
        }
    }

    /// Sums a gradient of a broadcast result back down to `target` (the inverse of broadcasting).
    public func sumTo(_ target: [Int]) throws -> Tensor {
        if shape == target { return self }
        let lead = dim - target.count
        guard lead >= 0 else { return try reshape(target) }
        var dims = Array(0..<lead)
        for (i, size) in target.enumerated() where size == 1 && shape[lead + i] != 1 {
            dims.append(lead + i)
        }
        var result = dims.isEmpty ? self : try sum(dims: dims, keepdim: true)
        if result.shape != target { result = try result.reshape(target) }
        return result
    }

    /// Broadcasts a reduced gradient back over the reduced dims of `inputShape`.
    func expandReduced(to inputShape: [Int], dims: [Int], keepdim: Bool) throws -> Tensor {
        var g = self
        if !keepdim {
            var kept = inputShape
            for d in dims where d < kept.count { kept[d] = 1 }
            g = try g.reshape(kept)
        }
        return try g.expand(inputShape).contiguous()
    }
}

/// Shared machinery for reductions over a set of dims.
public enum Reduction {
    /// Wraps and sorts dims, rejecting repeats with PyTorch's message.
    public static func normalizeDims(_ dims: [Int], rank: Int) throws -> [Int] {
        var seen = Set<Int>()
        for d in dims {
            let w = try Shape.wrapDim(d, rank: rank)
            if !seen.insert(w).inserted {
                throw TensorError.runtime("dim \(w) appears multiple times in the list of dims")
            }
        }
        return seen.sorted().filter { $0 < max(rank, 0) || rank == 0 }
    }

    /// Sums float32 elements with a double accumulator, so long sums stay within an ulp or two of PyTorch's
    /// pairwise float sums instead of drifting as a running float sum does.
    public static func sumFloat32(_ source: Tensor, dims: [Int], keepdim: Bool) throws -> Tensor {
        let wide = try reduceShape(source, dims: dims, keepdim: keepdim)
        let acc = try Tensor(zeros: wide.shape, dtype: .float64)
        let pa = acc.storage.pointer(Double.self), ps = source.storage.pointer(Float.self)
        if wide.shape.reduce(1, *) == 1 && source.isContiguous {
            var total = 0.0
            let base = ps + source.offset
            for i in 0..<source.numel { total += Double(base[i]) }
            pa[0] = total
        } else {
            Strided.forEachPositionPair(
                shape: source.shape, stridesA: source.strides, offsetA: source.offset,
                stridesB: wide.strides, offsetB: 0
            ) { s, o in pa[o] += Double(ps[s]) }
        }
        return try acc.copyContiguous(as: .float32)  // internal cast: not an op of the user's graph or trace
    }

    /// The output shape of a reduction and the output's strides seen from the input's index space.
    static func reduceShape(_ source: Tensor, dims: [Int], keepdim: Bool) throws -> (shape: [Int], strides: [Int]) {
        let reducedSet = Set(dims)
        var outShape: [Int] = []
        for d in 0..<source.dim {
            if reducedSet.contains(d) {
                if keepdim { outShape.append(1) }
            } else {
                outShape.append(source.shape[d])
            }
        }
        var strides = [Int](repeating: 0, count: source.dim)
        var running = 1
        for d in stride(from: source.dim - 1, through: 0, by: -1) where !reducedSet.contains(d) {
            strides[d] = running
            running *= source.shape[d]
        }
        return (outShape, strides)
    }

    /// Folds `combine` over `dims` of `source` (read as `T`), producing a contiguous result.
    @inline(__always)
    public static func reduce<T: TensorScalar>(
        _ source: Tensor, dims: [Int], keepdim: Bool, as _: T.Type, initial: T, _ combine: (T, T) -> T
    ) throws -> Tensor {
        let rank = source.dim
        let reducedSet = Set(dims)
        var outShape: [Int] = []
        for d in 0..<rank {
            if reducedSet.contains(d) {
                if keepdim { outShape.append(1) }
            } else {
                outShape.append(source.shape[d])
            }
        }
        let out = try Tensor(zeros: outShape, dtype: T.dtype)
        let po = out.storage.pointer(T.self)
        po.update(repeating: initial, count: out.storage.count)
        // Strides of the output seen from the input's index space: 0 along reduced dims.
        var outStridesFull = [Int](repeating: 0, count: rank)
        var running = 1
        for d in stride(from: rank - 1, through: 0, by: -1) where !reducedSet.contains(d) {
            outStridesFull[d] = running
            running *= source.shape[d]
        }
        let ps = source.storage.pointer(T.self)
        Strided.forEachPositionPair(
            shape: source.shape, stridesA: source.strides, offsetA: source.offset,
            stridesB: outStridesFull, offsetB: 0
        ) { s, o in po[o] = combine(po[o], ps[s]) }
        return out
    }
}
