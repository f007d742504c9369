// view, reshape and expand: new geometry over the same storage, with PyTorch's stride rules and messages.

extension Tensor {
    /// A view sharing `self`'s storage with new geometry; `base` points at the tensor that owns the memory.
    public func makeView(shape: [Int], strides: [Int], offset: Int) -> Tensor {
        let out = Tensor(storage: storage, shape: shape, strides: strides, offset: offset)
        out.base = base ?? self
        return out
    }

    /// Resolves one `-1` in a requested shape against `numel`, with PyTorch's errors.
    public static func inferShape(_ requested: [Int], numel: Int) throws -> [Int] {
        var inferred: Int? = nil
        var known = 1
        for (i, size) in requested.enumerated() {
            if size == -1 {
                if inferred != nil { throw TensorError.runtime("only one dimension can be inferred") }
                inferred = i
            } else if size < 0 {
                throw TensorError.runtime("invalid shape dimension \(size)")
            } else {
                known *= size
            }
        }
        var result = requested
        if let i = inferred {
            guard known != 0, numel % known == 0 else {
                if known == 0 {
                    throw TensorError.runtime(
                        "cannot reshape tensor of \(numel) elements into shape \(Shape.describe(requested)) because the unspecified dimension size -1 can be any value and is ambiguous")
                }
                throw TensorError.runtime("shape '\(Shape.describe(requested))' is invalid for input of size \(numel)")
            }
            result[i] = numel / known
        } else if known != numel {
            throw TensorError.runtime("shape '\(Shape.describe(requested))' is invalid for input of size \(numel)")
        }
        return result
    }

    /// Strides that express `newShape` over the current layout without copying, or nil when impossible
    /// (PyTorch's `computeStride`).
    static func viewStrides(oldShape: [Int], oldStrides: [Int], newShape: [Int]) -> [Int]? {
        if oldShape.isEmpty { return [Int](repeating: 1, count: newShape.count) }
        let numel = oldShape.reduce(1, *)
        if numel == 0 && oldShape == newShape { return oldStrides }
        var newStrides = [Int](repeating: 0, count: newShape.count)
        if numel == 0 { return Shape.contiguousStrides(newShape) }
        var viewD = newShape.count - 1
        var chunkBaseStride = oldStrides[oldStrides.count - 1]
        var tensorNumel = 1, viewNumel = 1
        for tensorD in stride(from: oldShape.count - 1, through: 0, by: -1) {
            tensorNumel *= oldShape[tensorD]
            if tensorD == 0 || (oldShape[tensorD - 1] != 1 && oldStrides[tensorD - 1] != tensorNumel * chunkBaseStride) {
                while viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1) {
                    newStrides[viewD] = viewNumel * chunkBaseStride
                    viewNumel *= newShape[viewD]
                    viewD -= 1
                }
                if viewNumel != tensorNumel { return nil }
                if tensorD > 0 {
                    chunkBaseStride = oldStrides[tensorD - 1]
                    tensorNumel = 1
                    viewNumel = 1
                }
            }
        }
        return viewD == -1 ? newStrides : nil
    }

    /// `view(*shape)`: same storage, or PyTorch's error when the strides do not allow it.
    public func view(_ requested: [Int]) throws -> Tensor {
        let newShape = try Tensor.inferShape(requested, numel: numel)
        guard let newStrides = Tensor.viewStrides(oldShape: shape, oldStrides: strides, newShape: newShape) else {
            throw TensorError.runtime(
                "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.")
        }
        let inputShape = shape
        return makeView(shape: newShape, strides: newStrides, offset: offset)
            .recordGrad("ViewBackward0", inputs: [self]) { g in [try g.reshape(inputShape)] }
    }

    /// `reshape(*shape)`: a view when possible, else a copy (`UnsafeViewBackward0` after a clone).
    public func reshape(_ requested: [Int]) throws -> Tensor {
        let newShape = try Tensor.inferShape(requested, numel: numel)
        if Tensor.viewStrides(oldShape: shape, oldStrides: strides, newShape: newShape) != nil {
            return try view(newShape)
        }
        let copy = try clone()
        let inputShape = shape
        return Tensor(storage: copy.storage, shape: newShape, strides: Shape.contiguousStrides(newShape))
            .recordGrad("UnsafeViewBackward0", inputs: [copy]) { g in [try g.reshape(inputShape)] }
    }

    /// `expand(*sizes)`: broadcast size-1 dims (or add leading dims) without copying; -1 keeps a size.
    public func expand(_ sizes: [Int]) throws -> Tensor {
        guard sizes.count >= dim else {
            throw TensorError.runtime(
                "expand(\(typeDescription){\(Shape.describe(shape))}, size=\(Shape.describe(sizes))): the number of sizes provided (\(sizes.count)) must be greater or equal to the number of dimensions in the tensor (\(dim))")
        }
        let lead = sizes.count - dim
        var newShape = [Int](repeating: 0, count: sizes.count)
        var newStrides = [Int](repeating: 0, count: sizes.count)
        for i in stride(from: sizes.count - 1, through: 0, by: -1) {
            let d = i - lead
            let target = sizes[i]
            if d >= 0 {
                let size = shape[d]
                let want = target == -1 ? size : target
                if size == want {
                    newShape[i] = size
                    newStrides[i] = strides[d]
                } else if size == 1 {
                    guard want >= 0 else {
                        throw TensorError.runtime("The expanded size of the tensor (\(target)) isn't allowed in a leading, non-existing dimension \(i)")
                    }
                    newShape[i] = want
                    newStrides[i] = 0
                } else {
                    throw TensorError.runtime(
                        "The expanded size of the tensor (\(want)) must match the existing size (\(size)) at non-singleton dimension \(i).  Target sizes: \(Shape.describe(sizes)).  Tensor sizes: \(Shape.describe(shape))")
                }
            } else {
                guard target >= 0 else {
                    throw TensorError.runtime("The expanded size of the tensor (\(target)) isn't allowed in a leading, non-existing dimension \(i)")
                }
                newShape[i] = target
                newStrides[i] = 0
            }
        }
        let inputShape = shape
        return makeView(shape: newShape, strides: newStrides, offset: offset)
            .recordGrad("ExpandBackward0", inputs: [self]) { g in [try g.sumTo(inputShape)] }
    }

    /// `torch.FloatTensor` and friends, as PyTorch names a tensor's type in some messages.
    public var typeDescription: String { "torch.\(dtype.scalarTypeName)Tensor" }
}
