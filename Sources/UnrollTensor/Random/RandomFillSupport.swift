// Shared plumbing for in-place random fills: PyTorch's in-place autograd rules, fill order, and C-style number text.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Tensor {
    /// Rejects in-place random fills PyTorch rejects: on a leaf that requires grad (or a view of one)
    /// while grad mode is on, and on tensors where several elements share one memory location.
    func prepareRandomFill() throws {
        if GradMode.isEnabled {
            if let base, base.isLeaf, base.requiresGrad {
                throw TensorError.runtime("a view of a leaf Variable that requires grad is being used in an in-place operation.")
            }
            if isLeaf && requiresGrad {
                throw TensorError.runtime("a leaf Variable that requires grad is being used in an in-place operation.")
            }
        }
        for (size, stride) in zip(shape, strides) where size > 1 && stride == 0 {
            _ = size
            throw TensorError.runtime(
                "unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.")
        }
    }

    /// Bumps the version counter and, for a non-leaf in a recorded graph, makes the fill the new grad_fn
    /// (its gradient is zero, as PyTorch's `UniformBackward0` and friends).
    func finishRandomFill(_ nodeName: String) {
        storage.bumpVersion()
        guard GradMode.isEnabled, let previous = gradFn else { return }
        let before = Tensor(storage: storage, shape: shape, strides: strides, offset: offset)
        before.gradFn = previous
        let zeroShape = shape, zeroType = dtype
        gradFn = GradNode(name: nodeName, inputs: [before]) { _ in
            [try Tensor.zeros(zeroShape, dtype: zeroType)]
        }
    }

    /// The dims from outermost to innermost in memory: descending stride, ties in logical order.
    /// PyTorch's TensorIterator fills a non-contiguous output in this order (memory order for permuted
    /// tensors, logical order for sliced ones).
    func fillOrder() -> [Int] {
        let dims = Array(0..<shape.count)
        if isContiguous { return dims }
        return dims.enumerated().sorted { a, b in
            let sa = strides[a.element], sb = strides[b.element]
            return sa != sb ? sa > sb : a.offset < b.offset
        }.map(\.element)
    }

    /// `torch.empty_like(t)` with PyTorch's `preserve_format`: a dense but permuted layout (a transpose, a
    /// permute) keeps its strides, anything else becomes contiguous. It matters here because a fill walks
    /// memory order, so `rand_like(x.t())` and dropout on a transposed input draw in x's memory order.
    func emptyLikePreservingLayout(dtype target: DType) throws -> Tensor {
        let order = fillOrder()
        var expected = 1
        var dense = true
        for d in order.reversed() where shape[d] != 1 {
            if strides[d] != expected { dense = false; break }
            expected *= shape[d]
        }
        guard dense && !isContiguous else { return try Tensor(zeros: shape, dtype: target) }
        let count = try Shape.checkedNumel(shape)
        var newStrides = [Int](repeating: 0, count: shape.count)
        var running = 1
        for d in order.reversed() {
            newStrides[d] = running
            running *= Swift.max(shape[d], 1)
        }
        return Tensor(storage: try Storage(count: count, dtype: target), shape: shape, strides: newStrides)
    }

    /// Calls `body` with each storage position in the order PyTorch's kernels fill them.
    func forEachFillPosition(_ body: (Int) -> Void) {
        let n = numel
        if isContiguous {
            for i in 0..<n { body(offset + i) }
            return
        }
        let order = fillOrder()
        Strided.forEachPosition(shape: order.map { shape[$0] }, strides: order.map { strides[$0] }, offset: offset, body)
    }
}

extension DType {
    /// The C++ type name PyTorch's range checks print ("to is out of bounds for float").
    var cTypeName: String {
        switch self {
        case .float32: return "float"
        case .float64: return "double"
        case .int64: return "long"
        case .bool: return "bool"
        }
    }
}

/// Numbers as C++ `ostream <<` prints a double (`%g`), which PyTorch's messages use.
enum CFormat {
    static func g(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        var buffer = [CChar](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBufferPointer { p -> Int32 in
            withVaList([value]) { vsnprintf(p.baseAddress, 64, "%g", $0) }
        }
        guard count > 0 else { return String(value) }
        return String(decoding: buffer.prefix(Int(count)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
