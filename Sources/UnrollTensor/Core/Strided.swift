// Walking strided layouts: the odometer loops that let kernels read views without copying them first.

public enum Strided {
    /// Calls `body` with the storage position of every element, in row-major order of `shape`.
    @inline(__always)
    public static func forEachPosition(shape: [Int], strides: [Int], offset: Int, _ body: (Int) -> Void) {
        let rank = shape.count
        if rank == 0 { body(offset); return }
        if shape.contains(0) { return }
        let innerSize = shape[rank - 1], innerStride = strides[rank - 1]
        var index = [Int](repeating: 0, count: rank)
        var rowStart = offset
        while true {
            var p = rowStart
            for _ in 0..<innerSize { body(p); p += innerStride }
            // Advance the odometer over the outer dims.
            var d = rank - 2
            while d >= 0 {
                index[d] += 1
                rowStart += strides[d]
                if index[d] < shape[d] { break }
                rowStart -= strides[d] * shape[d]
                index[d] = 0
                d -= 1
            }
            if d < 0 { return }
        }
    }

    /// Calls `body(positionA, positionB)` for every element of `shape`, reading two operands with their own strides.
    @inline(__always)
    public static func forEachPositionPair(
        shape: [Int], stridesA: [Int], offsetA: Int, stridesB: [Int], offsetB: Int, _ body: (Int, Int) -> Void
    ) {
        let rank = shape.count
        if rank == 0 { body(offsetA, offsetB); return }
        if shape.contains(0) { return }
        let innerSize = shape[rank - 1]
        let innerA = stridesA[rank - 1], innerB = stridesB[rank - 1]
        var index = [Int](repeating: 0, count: rank)
        var rowA = offsetA, rowB = offsetB
        while true {
            var pa = rowA, pb = rowB
            for _ in 0..<innerSize { body(pa, pb); pa += innerA; pb += innerB }
            var d = rank - 2
            while d >= 0 {
                index[d] += 1
                rowA += stridesA[d]
                rowB += stridesB[d]
                if index[d] < shape[d] { break }
                rowA -= stridesA[d] * shape[d]
                rowB -= stridesB[d] * shape[d]
                index[d] = 0
                d -= 1
            }
            if d < 0 { return }
        }
    }
}
