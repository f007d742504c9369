// max/min over everything or along a dim (values and indices), amax/amin, argmax/argmin, with PyTorch's tie and NaN rules.

/// `torch.return_types.max` / `min`: the extreme values along a dim and where they are.
public struct ValuesAndIndices {
    public let values: Tensor
    public let indices: Tensor
}

extension Tensor {
    /// True when `a` beats `b` for max (or min when `largest` is false); NaN beats everything.
    @inline(__always) static func beats<T: TensorScalar & Comparable>(_ a: T, _ b: T, largest: Bool) -> Bool {
        if a != a { return b == b }  // NaN propagates; the first NaN wins
        if b != b { return false }
        return largest ? a > b : a < b
    }

    /// For each slice along `axis` of a contiguous copy, the first index of the extreme value.
    private func extremeAlong(_ axis: Int, largest: Bool, name: String) throws -> ValuesAndIndices {
        let size = dim == 0 ? 1 : shape[axis]
        if size == 0 {
            throw TensorError.index("\(name)(): Expected reduction dim \(axis) to have non-zero size.")
        }
        let source = try detach().contiguous()
        let outer = dim == 0 ? 1 : shape[..<axis].reduce(1, *)
        let inner = dim == 0 ? 1 : shape[(axis + 1)...].reduce(1, *)
        var outShape = shape
        if dim > 0 { outShape.remove(at: axis) }
        let values = try Tensor(zeros: outShape, dtype: dtype)
        let indices = try Tensor(zeros: outShape, dtype: .int64)
        let pi = indices.storage.pointer(Int64.self)
        func run<T: TensorScalar & Comparable>(_: T.Type) {
            let ps = source.storage.pointer(T.self) + source.offset, pv = values.storage.pointer(T.self)
            for o in 0..<outer {
                for i in 0..<inner {
                    let base = o * size * inner + i
                    var best = ps[base], bestIndex = 0
                    for k in 1..<Swift.max(size, 1) where Tensor.beats(ps[base + k * inner], best, largest: largest) {
                        best = ps[base + k * inner]
                        bestIndex = k
                    }
                    pv[o * inner + i] = best
                    pi[o * inner + i] = Int64(bestIndex)
                }
            }
        }
        switch dtype {
        case .float32: run(Float.self)
        case .float64: run(Double.self)
        case .int64: run(Int64.self)
        case .bool:
            let ints = try source.to(.int64)
            let r = try ints.extremeAlong(axis, largest: largest, name: name)
            return ValuesAndIndices(values: try r.values.to(.bool), indices: r.indices)
        }
        return ValuesAndIndices(values: values, indices: indices)
    }

    // Named maxAll/maxDim rather than max: a method called `max` would hide Swift.max inside every Tensor extension.

    /// `max()` over every element (`MaxBackward1`); ties share the gradient evenly.
    public func maxAll() throws -> Tensor { try extremeAll(largest: true) }
    /// `min()` over every element (`MinBackward1`).
    public func minAll() throws -> Tensor { try extremeAll(largest: false) }

    private func extremeAll(largest: Bool) throws -> Tensor {
        let name = largest ? "max" : "min"
        guard numel > 0 else {
            throw TensorError.runtime(
                "\(name)(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.")
        }
        let out = try detach().reshape([numel]).extremeAlong(0, largest: largest, name: name).values
        let x = detach(), y = out.detach()
        return out.recordGrad(largest ? "MaxBackward1" : "MinBackward1", inputs: [self]) { g in
            let hit = try x.eq(y).to(g.dtype)
            return [try hit.mul(g.div(hit.sum()))]
        }
    }

    /// `max(dim, keepdim)`: values (`MaxBackward0`) and int64 indices of the first maximum.
    public func maxDim(_ d: Int, keepdim: Bool = false) throws -> ValuesAndIndices { try extreme(dim: d, keepdim: keepdim, largest: true) }
    /// `min(dim, keepdim)`: values (`MinBackward0`) and int64 indices of the first minimum.
    public func minDim(_ d: Int, keepdim: Bool = false) throws -> ValuesAndIndices { try extreme(dim: d, keepdim: keepdim, largest: false) }

    private func extreme(dim d: Int, keepdim: Bool, largest: Bool) throws -> ValuesAndIndices {
        let axis = try Shape.wrapDim(d, rank: dim)
        var r = try extremeAlong(axis, largest: largest, name: largest ? "max" : "min")
        if keepdim && dim > 0 {
            var kept = shape
            kept[axis] = 1
            r = ValuesAndIndices(values: try r.values.reshape(kept), indices: try r.indices.reshape(kept))
        }
        let indices = r.indices, inputShape = shape, rank = dim
        let values = r.values.recordGrad(largest ? "MaxBackward0" : "MinBackward0", inputs: [self]) { g in
            [try Tensor.scatterAlong(axis, rank: rank, inputShape: inputShape, indices: indices, values: g)]
        }
        return ValuesAndIndices(values: values, indices: indices)
    }

    /// Zeros of `inputShape` with `values` placed at `indices` along `axis` (the backward of max/min with dim).
    static func scatterAlong(_ axis: Int, rank: Int, inputShape: [Int], indices: Tensor, values: Tensor) throws -> Tensor {
        let out = try Tensor(zeros: inputShape, dtype: values.dtype)
        let size = rank == 0 ? 1 : inputShape[axis]
        let inner = rank == 0 ? 1 : inputShape[(axis + 1)...].reduce(1, *)
        let idx = try indices.contiguous().toArray(Int64.self)
        let vals = try values.contiguous()
        for (j, k) in idx.enumerated() {
            let o = j / inner, i = j % inner
            let target = o * size * inner + Int(k) * inner + i
            out.setElement(target, vals.storageScalar(at: vals.offset + j))
        }
        return out
    }

    /// `amax(dim, keepdim)`: maximum over dims without indices (`AmaxBackward0`); ties share the gradient.
    public func amax(dims: [Int]? = nil, keepdim: Bool = false) throws -> Tensor { try extremeDims(dims, keepdim: keepdim, largest: true) }
    /// `amin(dim, keepdim)` (`AminBackward0`).
    public func amin(dims: [Int]? = nil, keepdim: Bool = false) throws -> Tensor { try extremeDims(dims, keepdim: keepdim, largest: false) }

    private func extremeDims(_ dims: [Int]?, keepdim: Bool, largest: Bool) throws -> Tensor {
        let reduced = try reductionDims(dims)
        let name = largest ? "amax" : "amin"
        for d in reduced where dim > 0 && shape[d] == 0 {
            throw TensorError.index("\(name)(): Expected reduction dim \(d) to have non-zero size.")
        }
        let out: Tensor
        switch dtype {
        case .float32:
            out = try Reduction.reduce(detach(), dims: reduced, keepdim: keepdim, as: Float.self, initial: largest ? -.infinity : .infinity) {
                Tensor.beats($1, $0, largest: largest) ? $1 : $0 }
        case .float64:
            out = try Reduction.reduce(detach(), dims: reduced, keepdim: keepdim, as: Double.self, initial: largest ? -.infinity : .infinity) {
                Tensor.beats($1, $0, largest: largest) ? $1 : $0 }
        case .int64, .bool:
            let r = try Reduction.reduce(try detach().to(.int64), dims: reduced, keepdim: keepdim, as: Int64.self,
                                         initial: largest ? .min : .max) { largest ? Swift.max($0, $1) : Swift.min($0, $1) }
            out = dtype == .bool ? try r.to(.bool) : r
        }
        let x = detach(), y = out.detach(), inputShape = shape
        return out.recordGrad(largest ? "AmaxBackward0" : "AminBackward0", inputs: [self]) { g in
            let ye = try y.expandReduced(to: inputShape, dims: reduced, keepdim: keepdim)
            let hit = try x.eq(ye).to(g.dtype)
            let ties = try hit.sum(dims: reduced, keepdim: true)
            return [try hit.mul(g.expandReduced(to: inputShape, dims: reduced, keepdim: keepdim)).div(ties)]
        }
    }

    /// `argmax(dim, keepdim)`: int64 index of the first maximum; without a dim, over the flattened tensor.
    public func argmax(dim d: Int? = nil, keepdim: Bool = false) throws -> Tensor { try argExtreme(d, keepdim: keepdim, largest: true) }
    /// `argmin(dim, keepdim)`.
    public func argmin(dim d: Int? = nil, keepdim: Bool = false) throws -> Tensor { try argExtreme(d, keepdim: keepdim, largest: false) }

    private func argExtreme(_ d: Int?, keepdim: Bool, largest: Bool) throws -> Tensor {
        let name = largest ? "argmax" : "argmin"
        if dtype == .bool { throw TensorError(.notImplemented, "\(name)(): does not support bool input") }
        guard let d else {
            guard numel > 0 else {
                throw TensorError.index("\(name)(): Expected reduction dim to be specified for input.numel() == 0.")
            }
            let r = try detach().reshape([numel]).extremeAlong(0, largest: largest, name: name).indices
            return keepdim ? try r.reshape([Int](repeating: 1, count: dim)) : r
        }
        let axis = try Shape.wrapDim(d, rank: dim)
        let r = try detach().extremeAlong(axis, largest: largest, name: name).indices
        if keepdim && dim > 0 {
            var kept = shape
            kept[axis] = 1
            return try r.reshape(kept)
        }
        return r
    }
}
