// The Tensor class: a strided view onto a Storage, with the autograd fields PyTorch keeps on every tensor.

/// An n-dimensional array with PyTorch's semantics: reference identity, views that share storage,
/// dtypes with promotion, and reverse-mode autograd.
public final class Tensor {
    public internal(set) var storage: Storage
    public internal(set) var shape: [Int]
    public internal(set) var strides: [Int]
    public internal(set) var offset: Int

    /// The tensor this one is a view of, if any (PyTorch's `._base`).
    public internal(set) var base: Tensor?

    /// The node that produced this tensor, or nil for a leaf.
    public internal(set) var gradFn: GradNode?

    /// Accumulated gradient of a leaf (or of a non-leaf that called `retainGrad()`).
    public var grad: Tensor?

    /// True when a non-leaf keeps its gradient after backward (`retain_grad()`).
    public internal(set) var retainsGrad = false

    /// True for a Python number wrapped into a tensor, which promotes with lower priority.
    public var isWrappedNumber = false

    /// True for a module parameter (`nn.Parameter`), which PyTorch prints as `Parameter containing:`.
    public var isParameter = false

    var leafRequiresGrad = false

    public var dtype: DType { storage.dtype }
    public var dim: Int { shape.count }
    public var numel: Int { shape.reduce(1, *) }
    public var isLeaf: Bool { gradFn == nil }

    /// `requires_grad`: true for a leaf that asked for it and for every result of a graph that needs it.
    public var requiresGrad: Bool { gradFn != nil || leafRequiresGrad }

    /// A view onto `storage` with the given geometry.
    public init(storage: Storage, shape: [Int], strides: [Int], offset: Int = 0) {
        self.storage = storage
        self.shape = shape
        self.strides = strides
        self.offset = offset
    }

    /// A new zero-filled contiguous tensor.
    public convenience init(zeros shape: [Int], dtype: DType = .defaultFloat) throws {
        let count = try Shape.checkedNumel(shape)
        let storage = try Storage(count: count, dtype: dtype)
        self.init(storage: storage, shape: shape, strides: Shape.contiguousStrides(shape))
    }

    /// A contiguous tensor whose every element the caller writes before it escapes (kernel outputs only, here and
    /// in the layers' library).
    package convenience init(uninitialized shape: [Int], dtype: DType) throws {
        let count = try Shape.checkedNumel(shape)
        let storage = try Storage(uninitializedCount: count, dtype: dtype)
        self.init(storage: storage, shape: shape, strides: Shape.contiguousStrides(shape))
    }

    /// A contiguous tensor holding `values` in row-major order.
    public convenience init<T: TensorScalar>(_ values: [T], shape: [Int]) throws {
        let count = try Shape.checkedNumel(shape)
        guard count == values.count else {
            throw TensorError.runtime("shape '\(Shape.describe(shape))' is invalid for input of size \(values.count)")
        }
        // Every element is copied in just below: no zero fill first.
        try self.init(uninitialized: shape, dtype: T.dtype)
        let p = storage.pointer(T.self)
        values.withUnsafeBufferPointer { src in
            if let base = src.baseAddress { p.update(from: base, count: count) }
        }
    }

    /// A zero-dimensional tensor holding one scalar; `wrapped` marks a Python number for promotion.
    public convenience init(scalar: Scalar, dtype: DType? = nil, wrapped: Bool = false) {
        let target = dtype ?? scalar.dtype
        // One element never exceeds the budget, so this allocation cannot fail.
        let storage = Storage(scalarOf: target)
        self.init(storage: storage, shape: [], strides: [])
        setElement(0, scalar)
        isWrappedNumber = wrapped
    }

    /// Sets `requires_grad` as PyTorch does: only leaves, only floating dtypes.
    public func setRequiresGrad(_ flag: Bool) throws {
        if !isLeaf {
            if !flag {
                throw TensorError.runtime(
                    "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().")
            }
            return
        }
        if flag && !dtype.isFloatingPoint {
            throw TensorError.runtime("only Tensors of floating point and complex dtype can require gradients")
        }
        leafRequiresGrad = flag
    }

    /// `retain_grad()`: keep `.grad` on a non-leaf after backward.
    public func retainGrad() throws {
        if isLeaf {
            return
        }
        retainsGrad = true
        gradFn?.retainedOutput = self
    }

    public var isContiguous: Bool { Shape.isContiguous(shape: shape, strides: strides) }

    // MARK: element access by storage position (used by kernels that already know the offset)

    @inline(__always) func storageDouble(at position: Int) -> Double {
        switch dtype {
        case .float32: return Double(storage.pointer(Float.self)[position])
        case .float64: return storage.pointer(Double.self)[position]
        case .int64: return Double(storage.pointer(Int64.self)[position])
        case .bool: return storage.pointer(Bool.self)[position] ? 1 : 0
        }
    }

    /// The scalar at storage position `position`, typed by dtype.
    func storageScalar(at position: Int) -> Scalar {
        switch dtype {
        case .float32: return .double(Double(storage.pointer(Float.self)[position]))
        case .float64: return .double(storage.pointer(Double.self)[position])
        case .int64: return .int(storage.pointer(Int64.self)[position])
        case .bool: return .bool(storage.pointer(Bool.self)[position])
        }
    }

    /// Writes `value` at storage position `position`, cast to this tensor's dtype.
    func setElement(_ position: Int, _ value: Scalar) {
        switch dtype {
        case .float32: storage.pointer(Float.self)[position] = Float(value.doubleValue)
        case .float64: storage.pointer(Double.self)[position] = value.doubleValue
        case .int64:
            if case .double(let d) = value {
                storage.pointer(Int64.self)[position] = truncatingInt64(d)
            } else {
                storage.pointer(Int64.self)[position] = value.int64Value
            }
        case .bool: storage.pointer(Bool.self)[position] = value.doubleValue != 0
        }
    }

    /// Storage positions of every element in row-major order of the logical shape.
    public func storagePositions() -> [Int] {
        var result = [Int]()
        result.reserveCapacity(numel)
        Strided.forEachPosition(shape: shape, strides: strides, offset: offset) { result.append($0) }
        return result
    }

    /// All elements in row-major order, converted to `T`.
    public func toArray<T: TensorScalar>(_: T.Type) -> [T] {
        var result = [T]()
        result.reserveCapacity(numel)
        switch dtype {
        case .float32:
            let p = storage.pointer(Float.self)
            Strided.forEachPosition(shape: shape, strides: strides, offset: offset) { result.append(T(casting: Double(p[$0]))) }
        case .float64:
            let p = storage.pointer(Double.self)
            Strided.forEachPosition(shape: shape, strides: strides, offset: offset) { result.append(T(casting: p[$0])) }
        case .int64:
            let p = storage.pointer(Int64.self)
            Strided.forEachPosition(shape: shape, strides: strides, offset: offset) { result.append(T(casting: p[$0])) }
        case .bool:
            let p = storage.pointer(Bool.self)
            Strided.forEachPosition(shape: shape, strides: strides, offset: offset) { result.append(T(casting: p[$0] ? Int64(1) : Int64(0))) }
        }
        return result
    }

    /// All elements in row-major order as doubles (exact for float32, float64, bool; int64 beyond 2^53 rounds).
    public func doubles() -> [Double] { toArray(Double.self) }

    /// All elements in row-major order as Python-style scalars.
    public func scalars() -> [Scalar] {
        var result = [Scalar]()
        result.reserveCapacity(numel)
        Strided.forEachPosition(shape: shape, strides: strides, offset: offset) { result.append(storageScalar(at: $0)) }
        return result
    }

    /// `item()`: the single element of a one-element tensor.
    public func item() throws -> Scalar {
        guard numel == 1 else {
            throw TensorError.runtime("a Tensor with \(numel) elements cannot be converted to Scalar")
        }
        return storageScalar(at: offset)
    }
}

