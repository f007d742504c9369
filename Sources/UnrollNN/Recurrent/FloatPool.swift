// Recycles the recurrent kernels' large scratch arrays between layer calls instead of handing them back to malloc.
import Foundation

/// Large float arrays (tapes, gate gradients) that a layer call needs and a later call of the same shape needs
/// again. Handing megabytes back to glibc on every call made the next call's speed depend on the heap's history
/// (the same LSTM forward took 4.4 or 6 ms), so arrays of at least `minimumCount` floats are kept, up to
/// `limitCount` floats in all, and handed out again by exact size. Contents are not cleared: every user writes an
/// element before reading it. Returning an array that is still shared is safe: Swift copies it on the next write.
enum FloatPool {
    static let minimumCount = 1 << 16
    static let limitCount = 16 << 20
    private static let lock = NSLock()
    nonisolated(unsafe) private static var free: [Int: [[Float]]] = [:]
    nonisolated(unsafe) private static var held = 0

    /// `count` floats whose contents the caller overwrites before reading.
    static func take(_ count: Int) -> [Float] {
        if count >= minimumCount {
            lock.lock()
            if var list = free[count], let array = list.popLast() {
                free[count] = list
                held -= count
                lock.unlock()
                return array
            }
            lock.unlock()
        }
        return uninitializedFloats(count)
    }

    /// Keeps `array` for a later `take` of the same size (small arrays and arrays past the limit are just freed).
    static func give(_ array: [Float]) {
        let count = array.count
        guard count >= minimumCount else { return }
        lock.lock()
        defer { lock.unlock() }
        guard held + count <= limitCount else { return }
        free[count, default: []].append(array)
        held += count
    }
}
