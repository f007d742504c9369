// Python-style indexing `x[...]`: ints, slices, `...`, None (basic, giving views) and integer or bool tensors (advanced, giving copies).

/// One entry of a subscript such as `x[:, -1, None, ..., idx]`.
public enum TensorIndex {
    /// An integer position (negative counts from the end); removes the dim.
    case int(Int)
    /// `start:stop:step` with Python's clamping; all nil is `:`.
    case slice(start: Int?, stop: Int?, step: Int?)
    /// `...`: as many `:` as needed.
    case ellipsis
    /// `None`: a new size-1 dim.
    case newAxis
    /// An integer tensor (or list) picking positions, or a bool mask; a 0-D integer tensor acts as an int.
    case tensor(Tensor)

    /// `:`.
    public static var all: TensorIndex { .slice(start: nil, stop: nil, step: nil) }
}

extension TensorIndex: ExpressibleByIntegerLiteral {
    /// Lets Swift callers write `x[0, .all]`.
    public init(integerLiteral value: Int) { self = .int(value) }
}

/// The result of the basic part of an index: a view plus the advanced index tensors still to apply.
struct IndexPlan {
    var view: Tensor
    /// (dim of `view`, int64 index tensor) in dim order; masks have been turned into coordinates already.
    var advanced: [(dim: Int, index: Tensor)]
    /// False when the basic part was a no-op (`x[...]`, `x[:]`), so `view` is `self`.
    var changed: Bool
}

/// Where the elements of an advanced index come from: output shape and one storage position per element.
struct AdvancedLayout {
    var shape: [Int]
    var positions: [Int]
}

extension Tensor {
    /// `x[indices]`: basic indices give views (`SelectBackward0`, `SliceBackward0`, `UnsqueezeBackward0`,
    /// `AliasBackward0`); integer-tensor and mask indices give a copy (`IndexBackward0`).
    public func index(_ indices: [TensorIndex]) throws -> Tensor {
        let plan = try planIndex(indices)
        if plan.advanced.isEmpty { return plan.changed ? plan.view : alias() }
        let view = plan.view
        let layout = try Tensor.advancedLayout(shape: view.shape, strides: view.strides, offset: view.offset, advanced: plan.advanced)
        let out = try view.gather(layout)
        let viewShape = view.shape
        let advanced = plan.advanced.map { ($0.dim, $0.index.detach()) }
        return out.recordGrad("IndexBackward0", inputs: [view]) { g in
            let linear = try Tensor.advancedLayout(
                shape: viewShape, strides: Shape.contiguousStrides(viewShape), offset: 0, advanced: advanced)
            return [try g.scatterAdd(into: viewShape, at: linear.positions)]
        }
    }

    /// `x[i, j, ...]` from Swift: the same as `index([i, j, ...])`.
    public subscript(_ indices: TensorIndex...) -> Tensor {
        get throws { try index(indices) }
    }

    /// Runs the basic part of `indices` (mirroring PyTorch's `applySlicing`) and collects the advanced part.
    func planIndex(_ indices: [TensorIndex]) throws -> IndexPlan {
        var specified = 0
        for index in indices {
            switch index {
            case .int, .slice: specified += 1
            case .ellipsis, .newAxis: break
            case .tensor(let t): specified += t.dtype == .bool ? t.dim : 1
            }
        }
        // A lone int or slice takes PyTorch's single-index fast path, which words 0-D errors its own way.
        if dim == 0, indices.count == 1 {
            if case .int = indices[0] {
                throw TensorError.index(
                    "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number")
            }
            if case .slice = indices[0] { throw TensorError.index("slice() cannot be applied to a 0-dim tensor.") }
        }
        guard specified <= dim else { throw TensorError.index("too many indices for tensor of dimension \(dim)") }
        var result = self
        var d = 0, realDim = 0
        var advanced: [(dim: Int, index: Tensor)] = []
        var changed = false
        func selectInt(_ i: Int) throws {
            // Repeated ellipses can push past the last dim; PyTorch then reads the size as 0.
            let size = d < result.dim ? result.shape[d] : 0
            guard i >= -size && i < size else {
                throw TensorError.index("index \(i) is out of bounds for dimension \(realDim) with size \(size)")
            }
            result = result.selectUnchecked(d, i < 0 ? i + size : i, name: "SelectBackward0")
            realDim += 1
            changed = true
        }
        for index in indices {
            switch index {
            case .int(let i):
                try selectInt(i)
            case .slice(let start, let stop, let step):
                if step == 0 { throw TensorError.value("slice step cannot be zero") }
                if start != nil || stop != nil || step != nil {
                    result = try result.slice(d, start: start, stop: stop, step: step ?? 1)
                    changed = true
                }
                d += 1
                realDim += 1
            case .ellipsis:
                d += dim - specified
                realDim += dim - specified
            case .newAxis:
                result = try result.unsqueeze(d)
                d += 1
                changed = true
            case .tensor(let t):
                let consumed = t.dtype == .bool ? t.dim : (t.dim == 0 ? 0 : 1)
                guard d + consumed <= result.dim else {
                    throw TensorError.index("too many indices for tensor of dimension \(dim) (got \(d + consumed))")
                }
                switch t.dtype {
                case .float32, .float64:
                    throw TensorError.index("tensors used as indices must be long, int, byte or bool tensors")
                case .int64 where t.dim == 0:
                    guard let i = Int(exactly: t.storageScalar(at: t.offset).int64Value) else {
                        throw TensorError.index("index out of range")
                    }
                    try selectInt(i)
                case .int64:
                    advanced.append((d, t))
                    d += 1
                    realDim += 1
                case .bool where t.dim == 0:
                    result = try result.unsqueeze(d)
                    let keep = t.storageScalar(at: t.offset) == .bool(true)
                    advanced.append((d, try Tensor(keep ? [Int64(0)] : [], shape: [keep ? 1 : 0])))
                    d += 1
                    changed = true
                case .bool:
                    for j in 0..<t.dim where t.shape[j] != result.shape[d + j] {
                        throw TensorError.index(
                            "The shape of the mask \(Shape.describe(t.shape)) at index \(j) does not match the shape of the indexed tensor \(Shape.describe(result.shape)) at index \(d + j)")
                    }
                    for (k, coordinates) in try t.maskCoordinates().enumerated() {
                        advanced.append((d + k, coordinates))
                    }
                    d += t.dim
                    realDim += t.dim
                }
            }
        }
        return IndexPlan(view: result, advanced: advanced, changed: changed)
    }

    /// `nonzero` of a bool mask as one int64 coordinate tensor per dim.
    func maskCoordinates() throws -> [Tensor] {
        let flags = toArray(Bool.self)
        var coordinates = [[Int64]](repeating: [], count: dim)
        let strides = Shape.contiguousStrides(shape)
        for (linear, flag) in flags.enumerated() where flag {
            var rest = linear
            for k in 0..<dim {
                coordinates[k].append(Int64(rest / strides[k]))
                rest %= strides[k]
            }
        }
        return try coordinates.map { try Tensor($0, shape: [$0.count]) }
    }

    /// Broadcasts the advanced index tensors, checks their values and lists the storage positions they select.
    /// Adjacent advanced dims keep their place in the output; separated ones move to the front, as in NumPy.
    static func advancedLayout(
        shape: [Int], strides: [Int], offset: Int, advanced: [(dim: Int, index: Tensor)]
    ) throws -> AdvancedLayout {
        var broadcastShape = advanced[0].index.shape
        for entry in advanced.dropFirst() {
            guard let next = try? Shape.broadcast(broadcastShape, entry.index.shape) else {
                let shapes = advanced.map { Shape.describe($0.index.shape) }.joined(separator: ", ")
                throw TensorError.index("shape mismatch: indexing tensors could not be broadcast together with shapes \(shapes)")
            }
            broadcastShape = next
        }
        let count = try Shape.checkedNumel(broadcastShape)
        var offsets = [Int](repeating: 0, count: count)
        for (k, entry) in advanced.enumerated() {
            let size = shape[entry.dim]
            let values = try OpTrace.muting { try GradMode.withDisabled { try entry.index.expand(broadcastShape) } }
                .toArray(Int64.self)
            for (b, raw) in values.enumerated() {
                guard raw >= Int64(-size) && raw < Int64(size) else {
                    throw TensorError.index("index \(raw) is out of bounds for dimension \(k) with size \(size)")
                }
                let i = raw < 0 ? Int(raw) + size : Int(raw)
                offsets[b] += i * strides[entry.dim]
            }
        }
        let dims = advanced.map(\.dim)
        let first = dims[0], last = dims[dims.count - 1]
        let adjacent = last - first == dims.count - 1
        let rest = (0..<shape.count).filter { !dims.contains($0) }
        let pre = adjacent ? rest.filter { $0 < first } : []
        let post = adjacent ? rest.filter { $0 > last } : rest
        func positions(_ ds: [Int]) -> [Int] {
            var out: [Int] = []
            Strided.forEachPosition(shape: ds.map { shape[$0] }, strides: ds.map { strides[$0] }, offset: 0) { out.append($0) }
            return out
        }
        let prePositions = positions(pre), postPositions = positions(post)
        let outShape = pre.map { shape[$0] } + broadcastShape + post.map { shape[$0] }
        let total = try Shape.checkedNumel(outShape)
        var result = [Int]()
        result.reserveCapacity(total)
        for p in prePositions {
            for b in offsets {
                for q in postPositions { result.append(offset + p + b + q) }
            }
        }
        return AdvancedLayout(shape: outShape, positions: result)
    }

    /// A new contiguous tensor of `layout.shape` read from this tensor's storage at `layout.positions`.
    func gather(_ layout: AdvancedLayout) throws -> Tensor {
        let out = try Tensor(zeros: layout.shape, dtype: dtype)
        func run<T: TensorScalar>(_: T.Type) {
            let src = storage.pointer(T.self), dst = out.storage.pointer(T.self)
            for (i, p) in layout.positions.enumerated() { dst[i] = src[p] }
        }
        switch dtype {
        case .float32: run(Float.self)
        case .float64: run(Double.self)
        case .int64: run(Int64.self)
        case .bool: run(Bool.self)
        }
        return out
    }

    /// A zero tensor of `shape` with this tensor's elements (row-major) added at the linear `positions`.
    func scatterAdd(into shape: [Int], at positions: [Int]) throws -> Tensor {
        let out = try Tensor(zeros: shape, dtype: dtype)
        let values = try contiguous()
        func run<T: TensorScalar & AdditiveArithmetic>(_: T.Type) {
            let src = values.storage.pointer(T.self) + values.offset, dst = out.storage.pointer(T.self)
            for (i, p) in positions.enumerated() { dst[p] += src[i] }
        }
        switch dtype {
        case .float32: run(Float.self)
        case .float64: run(Double.self)
        case .int64: run(Int64.self)
        case .bool: break
        }
        return out
    }
}
