// Views along one dim (select, slice, narrow, split, chunk, unbind) and flip, with their backward rules.

extension Tensor {
    /// `select(dim, index)`: drops `dim` by picking one position (`SelectBackward0`).
    public func select(_ dimension: Int, _ index: Int) throws -> Tensor {
        guard dim > 0 else { throw TensorError.index("select() cannot be applied to a 0-dim tensor.") }
        let d = try Shape.wrapDim(dimension, rank: dim)
        let size = shape[d]
        guard index >= -size && index < size else {
            throw TensorError.index("select(): index \(index) out of range for tensor of size \(Shape.describe(shape)) at dimension \(d)")
        }
        return selectUnchecked(d, index < 0 ? index + size : index, name: "SelectBackward0")
    }

    func selectUnchecked(_ d: Int, _ i: Int, name: String) -> Tensor {
        var newShape = shape, newStrides = strides
        newShape.remove(at: d)
        newStrides.remove(at: d)
        let inputShape = shape
        return makeView(shape: newShape, strides: newStrides, offset: offset + i * strides[d])
            .recordGrad(name, inputs: [self]) { g in
                [try Tensor.embed(g, inShapeOf: inputShape) { $0.selectUnchecked(d, i, name: name) }]
            }
    }

    /// Python-style `slice(start, stop, step)` along `dim`: bounds clamp, negatives count from the end.
    public func slice(_ dimension: Int, start: Int?, stop: Int?, step: Int = 1) throws -> Tensor {
        guard dim > 0 else { throw TensorError.index("slice() cannot be applied to a 0-dim tensor.") }
        guard step > 0 else { throw TensorError.value("step must be greater than zero") }
        let d = try Shape.wrapDim(dimension, rank: dim)
        let size = shape[d]
        func clamp(_ v: Int) -> Int {
            let w = v < 0 ? v + size : v
            return Swift.min(Swift.max(w, 0), size)
        }
        let lo = clamp(start ?? 0)
        let hi = Swift.max(clamp(stop ?? size), lo)
        return sliceUnchecked(d, lo, hi, step, name: "SliceBackward0")
    }

    func sliceUnchecked(_ d: Int, _ lo: Int, _ hi: Int, _ step: Int, name: String) -> Tensor {
        var newShape = shape, newStrides = strides
        newShape[d] = hi <= lo ? 0 : (hi - lo - 1) / step + 1
        // A huge step leaves at most one element, whose stride never matters; avoid the overflow.
        let (scaled, overflow) = strides[d].multipliedReportingOverflow(by: step)
        newStrides[d] = overflow ? strides[d] : scaled
        let inputShape = shape
        return makeView(shape: newShape, strides: newStrides, offset: offset + (newShape[d] > 0 ? lo * strides[d] : 0))
            .recordGrad(name, inputs: [self]) { g in
                [try Tensor.embed(g, inShapeOf: inputShape) { $0.sliceUnchecked(d, lo, hi, step, name: name) }]
            }
    }

    /// `narrow(dim, start, length)`: `length` positions from `start` (`SliceBackward0`).
    public func narrow(_ dimension: Int, start: Int, length: Int) throws -> Tensor {
        guard dim > 0 else { throw TensorError.runtime("narrow() cannot be applied to a 0-dim tensor.") }
        let d = try Shape.wrapDim(dimension, rank: dim)
        let size = shape[d]
        guard start >= -size && start <= size else {
            throw TensorError.index("start out of range (expected to be in range of [\(-size), \(size)], but got \(start))")
        }
        guard length >= 0 else { throw TensorError.runtime("narrow(): length must be non-negative.") }
        let s = start < 0 ? start + size : start
        guard length <= size - s else {
            throw TensorError.runtime("start (\(s)) + length (\(length)) exceeds dimension size (\(size)).")
        }
        return sliceUnchecked(d, s, s + length, 1, name: "SliceBackward0")
    }

    /// `split(split_size, dim)`: pieces of `splitSize` along `dim`, the last one shorter (`SplitBackward0`).
    public func split(_ splitSize: Int, dim dimension: Int = 0) throws -> [Tensor] {
        guard dim > 0 else { throw TensorError.runtime("split expects at least a 1-dimensional tensor") }
        let d = try Shape.wrapDim(dimension, rank: dim)
        let size = shape[d]
        guard splitSize >= 0 else {
            throw TensorError.runtime("split expects split_size be non-negative, but got split_size=\(splitSize)")
        }
        guard splitSize > 0 || size == 0 else {
            throw TensorError.runtime("split_size can only be 0 if dimension size is 0, but got dimension size of \(size)")
        }
        let count = size == 0 ? 1 : (size - 1) / splitSize + 1
        return (0..<count).map { i in
            let lo = i * splitSize
            return sliceUnchecked(d, lo, lo + Swift.min(splitSize, size - lo), 1, name: "SplitBackward0")
        }
    }

    /// `split([sizes], dim)`: pieces of the listed sizes, which must add up to the dim (`SplitWithSizesBackward0`).
    public func split(sizes: [Int], dim dimension: Int = 0) throws -> [Tensor] {
        guard dim > 0 else { throw TensorError.runtime("split expects at least a 1-dimensional tensor") }
        let d = try Shape.wrapDim(dimension, rank: dim)
        let listed = "[" + sizes.map(String.init).joined(separator: ", ") + "]"
        guard sizes.allSatisfy({ $0 >= 0 }) else {
            throw TensorError.runtime("split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=\(listed)")
        }
        var total = 0, overflow = false
        for size in sizes where !overflow { (total, overflow) = total.addingReportingOverflow(size) }
        guard !overflow, total == shape[d] else {
            throw TensorError.runtime(
                "split_with_sizes expects split_sizes to sum exactly to \(shape[d]) (input tensor's size at dimension \(d)), but got split_sizes=\(listed)")
        }
        var lo = 0
        return sizes.map { length in
            defer { lo += length }
            return sliceUnchecked(d, lo, lo + length, 1, name: "SplitWithSizesBackward0")
        }
    }

    /// `chunk(chunks, dim)`: at most `chunks` pieces of equal size (the last may be smaller).
    public func chunk(_ chunks: Int, dim dimension: Int = 0) throws -> [Tensor] {
        guard dim > 0 else { throw TensorError.runtime("chunk expects at least a 1-dimensional tensor") }
        guard chunks > 0 else { throw TensorError.runtime("chunk expects `chunks` to be greater than 0, got: \(chunks)") }
        let d = try Shape.wrapDim(dimension, rank: dim)
        let size = shape[d]
        let splitSize = size == 0 ? 0 : (size - 1) / chunks + 1
        if splitSize == 0 && size == 0 {
            // An empty dim yields `chunks` empty pieces; a huge count is an element-budget error, not an OOM.
            try TensorLimits.check(elements: chunks)
            return try split(sizes: [Int](repeating: 0, count: chunks), dim: d)
        }
        return try split(splitSize, dim: d)
    }

    /// `unbind(dim)`: every position along `dim` as a view (`UnbindBackward0`).
    public func unbind(_ dimension: Int = 0) throws -> [Tensor] {
        guard dim > 0 else { throw TensorError.index("Dimension specified as \(dimension) but tensor has no dimensions") }
        let d = try Shape.wrapDim(dimension, rank: dim)
        return (0..<shape[d]).map { selectUnchecked(d, $0, name: "UnbindBackward0") }
    }

    /// `flip(dims)`: a copy with the listed dims reversed (`FlipBackward0`).
    public func flip(_ dims: [Int]) throws -> Tensor {
        let wrapped = try Reduction.normalizeDims(dims, rank: dim).filter { $0 < dim }
        var newStrides = strides
        var start = offset
        for d in wrapped where shape[d] > 0 {
            start += (shape[d] - 1) * strides[d]
            newStrides[d] = -strides[d]
        }
        let reversedView = Tensor(storage: storage, shape: shape, strides: newStrides, offset: start)
        let out = try reversedView.copyContiguous(as: dtype)
        return out.recordGrad("FlipBackward0", inputs: [self]) { g in [try g.flip(wrapped)] }
    }

    /// A zero tensor of `shape` with `gradient` written into the region `region` picks out: the backward of a view.
    static func embed(_ gradient: Tensor, inShapeOf shape: [Int], region: (Tensor) throws -> Tensor) throws -> Tensor {
        let out = try Tensor(zeros: shape, dtype: gradient.dtype)
        try GradMode.withDisabled { try region(out).overwrite(with: gradient) }
        return out
    }

    /// Writes `source` (broadcast to this shape, cast to this dtype) into this tensor's elements, in place.
    func overwrite(with source: Tensor) throws {
        var src = source.detach()
        try OpTrace.muting {
            if src.dtype != dtype { src = try src.to(dtype) }
            if src.storage === storage { src = try src.clone() }
        }
        let srcStrides = Shape.broadcastStrides(shape: src.shape, strides: src.strides, to: shape)
        func run<T: TensorScalar>(_: T.Type) {
            let dst = storage.pointer(T.self), from = src.storage.pointer(T.self)
            Strided.forEachPositionPair(
                shape: shape, stridesA: strides, offsetA: offset, stridesB: srcStrides, offsetB: src.offset
            ) { a, b in dst[a] = from[b] }
        }
        switch dtype {
        case .float32: run(Float.self)
        case .float64: run(Double.self)
        case .int64: run(Int64.self)
        case .bool: run(Bool.self)
        }
        storage.bumpVersion()
    }
}
