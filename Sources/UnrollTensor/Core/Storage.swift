// The flat, reference-counted buffer behind one or more tensor views, with the element budget that guards allocation.

/// Limits that keep a session alive: a request for more elements than `maxElements` is an error, not an OOM kill.
public enum TensorLimits {
    /// Largest number of elements one allocation may hold (default 2^28).
    nonisolated(unsafe) public static var maxElements: Int = 1 << 28

    static func check(elements: Int) throws {
        if elements < 0 || elements > maxElements {
            throw TensorError.runtime(
                "cannot allocate a tensor of \(elements) elements: the element budget is \(maxElements)",
                hint: "Unroll caps tensors at \(maxElements) elements so a typo cannot exhaust memory.")
        }
    }
}

/// A contiguous buffer of `count` elements of one dtype. Views share a storage; `version` counts in-place writes.
public final class Storage: @unchecked Sendable {
    public let dtype: DType
    public let count: Int
    public let raw: UnsafeMutableRawPointer
    /// Bumped by every in-place write, as PyTorch's version counter.
    public internal(set) var version: Int = 0

    /// Allocates zero-filled storage, throwing when the element budget would be exceeded.
    public init(count: Int, dtype: DType) throws {
        try TensorLimits.check(elements: count)
        self.dtype = dtype
        self.count = count
        let bytes = max(count * dtype.itemSize, 1)
        raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
    }

    /// Allocates storage whose contents the caller overwrites in full before anyone reads it (kernel outputs):
    /// skipping the zero fill saves a whole pass over memory on every elementwise op.
    init(uninitializedCount count: Int, dtype: DType) throws {
        try TensorLimits.check(elements: count)
        self.dtype = dtype
        self.count = count
        raw = UnsafeMutableRawPointer.allocate(byteCount: max(count * dtype.itemSize, 1), alignment: 64)
    }

    /// A one-element storage, which the element budget always allows.
    public init(scalarOf dtype: DType) {
        self.dtype = dtype
        count = 1
        raw = UnsafeMutableRawPointer.allocate(byteCount: 8, alignment: 64)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: 8)
    }

    deinit { raw.deallocate() }

    @inline(__always) public func pointer<T: TensorScalar>(_: T.Type) -> UnsafeMutablePointer<T> {
        raw.assumingMemoryBound(to: T.self)
    }

    func bumpVersion() { version &+= 1 }
}
