// StepMatrix's per-step products (packed AVX2 tiles with row/column remainders, or BLAS) against a double-precision reference.
import Testing
@testable import UnrollNN

struct StepProductTests {
    /// Deterministic values in [-1, 1) that are not all alike.
    static func values(_ count: Int, seed: Int) -> [Float] {
        (0..<count).map { Float(((($0 + 1) * 7919 + seed * 104_729) % 2001) - 1000) / 1000 }
    }

    @Test(arguments: [(1, 1, 1), (3, 5, 2), (4, 16, 8), (5, 17, 3), (7, 40, 9), (9, 24, 32), (32, 128, 32), (6, 7, 0)])
    func matchesReference(_ shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        // A and C with leading dimensions wider than the logical sizes, as the layers use them; B dense, stored
        // as k×n or as its n×k transpose.
        let lda = k + 2, ldc = n + 1
        let a = Self.values(m * lda, seed: 1), b = Self.values(max(k * n, 1), seed: 2)
        for (accumulate, transposed) in [(false, false), (true, false), (false, true), (true, true)] {
            // Element (p, j) of B, whichever way it is stored.
            let bAt = { (p: Int, j: Int) in transposed ? b[j * k + p] : b[p * n + j] }
            var c = Self.values(m * ldc, seed: 3)
            let before = c
            a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
            c.withUnsafeMutableBufferPointer { cp in
                guard let ap = ap.baseAddress, let bp = bp.baseAddress, let cp = cp.baseAddress else { return }
                StepMatrix(bp, k: k, n: n, transposed: transposed).multiply(m, ap, lda, into: cp, ldc, accumulate: accumulate)
            }}}
            for i in 0..<m {
                for j in 0..<ldc {
                    let got = c[i * ldc + j]
                    guard j < n else {
                        #expect(got == before[i * ldc + j], "column \(j) past n was written")
                        continue
                    }
                    var want = accumulate ? Double(before[i * ldc + j]) : 0
                    for p in 0..<k { want += Double(a[i * lda + p]) * Double(bAt(p, j)) }
                    #expect(abs(Double(got) - want) <= 1e-5 * max(1, abs(want)), "C[\(i), \(j)] m=\(m) n=\(n) k=\(k) transposed=\(transposed)")
                }
            }
        }
    }
}
