// Shape arithmetic shared by every op: strides, contiguity, dim wrapping and broadcasting, with PyTorch's error texts.

public enum Shape {
    /// Row-major strides for `shape`.
    public static func contiguousStrides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i] = running
            running *= max(shape[i], 1)
        }
        return strides
    }

    /// True when `strides` lay `shape` out densely in row-major order (size-1 dims may have any stride).
    public static func isContiguous(shape: [Int], strides: [Int]) -> Bool {
        var expected = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            if shape[i] == 1 { continue }
            if shape[i] == 0 { return true }
            if strides[i] != expected { return false }
            expected *= shape[i]
        }
        return true
    }

    /// The element count of `shape`, rejecting negative sizes and counts past the element budget.
    public static func checkedNumel(_ shape: [Int]) throws -> Int {
        var count = 1
        for size in shape {
            if size < 0 {
                throw TensorError.runtime("Trying to create tensor with negative dimension \(size): \(describe(shape))")
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            if overflow { throw TensorError.runtime("numel: integer multiplication overflow") }
            count = product
        }
        try TensorLimits.check(elements: count)
        return count
    }

    /// `[2, 3]` as PyTorch writes a shape inside messages.
    public static func describe(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }

    /// Wraps a possibly negative dim into `0..<rank`, with PyTorch's message when out of range.
    /// A zero-dimensional tensor accepts dims -1 and 0, as in PyTorch.
    public static func wrapDim(_ dim: Int, rank: Int) throws -> Int {
        let effective = max(rank, 1)
        let low = -effective, high = effective - 1
        guard dim >= low && dim <= high else {
            throw TensorError.index("Dimension out of range (expected to be in range of [\(low), \(high)], but got \(dim))")
        }
        return dim < 0 ? dim + effective : dim
    }

    /// The broadcast shape of two shapes, or PyTorch's size-mismatch error.
    public static func broadcast(_ a: [Int], _ b: [Int]) throws -> [Int] {
        let rank = max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let ai = i - (rank - a.count), bi = i - (rank - b.count)
            let sa = ai >= 0 ? a[ai] : 1
            let sb = bi >= 0 ? b[bi] : 1
            if sa == sb || sb == 1 {
                result[i] = sa
            } else if sa == 1 {
                result[i] = sb
            } else {
                throw TensorError.runtime(
                    "The size of tensor a (\(sa)) must match the size of tensor b (\(sb)) at non-singleton dimension \(i)")
            }
        }
        return result
    }

    /// Strides that read a tensor of `shape`/`strides` as if expanded to `target` (0 where broadcast).
    public static func broadcastStrides(shape: [Int], strides: [Int], to target: [Int]) -> [Int] {
        var result = [Int](repeating: 0, count: target.count)
        let shift = target.count - shape.count
        for i in 0..<shape.count where shape[i] != 1 || target[i + shift] == 1 {
            result[i + shift] = shape[i] == 1 ? 0 : strides[i]
        }
        return result
    }
}
