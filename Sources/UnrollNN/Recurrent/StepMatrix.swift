// A weight matrix prepared once per layer call for the per-time-step products h·W_hhᵀ (forward) and dG·W_hh (backward).
import CKernels
import UnrollTensor

/// The right-hand operand B (k×n) of every step's product C = A·B (+ C), A being the batch's rows.
///
/// With AVX2+FMA, B is packed once into 16-column panels and each step runs a register-blocked kernel with no
/// packing of its own: for the 32-row products of the course sizes BLAS spends more time packing than multiplying.
/// Without it the products go to BLAS. The choice depends only on the CPU, never on thread count or data, and
/// every element sums over k in the same order whichever tile computes it.
struct StepMatrix {
    let k: Int
    let n: Int
    private let source: UnsafePointer<Float>
    private let sourceIsTransposed: Bool
    private let packed: [Float]

    /// Whether this CPU has the AVX2+FMA kernels (checked once).
    static let packedKernelAvailable: Bool = unroll_avx2_available()

    /// B = W, with W stored row-major as k×n (`transposed: false`) or as its n×k transpose (`transposed: true`).
    /// `source` must stay valid for as long as this value is used.
    init(_ source: UnsafePointer<Float>, k: Int, n: Int, transposed: Bool) {
        self.k = k
        self.n = n
        self.source = source
        sourceIsTransposed = transposed
        guard Self.packedKernelAvailable, k > 0, n > 0 else {
            packed = []
            return
        }
        var buffer = uninitializedFloats(unroll_packed_size(k, n))
        buffer.withUnsafeMutableBufferPointer { out in
            guard let out = out.baseAddress else { return }
            unroll_pack(k, n, source, transposed ? k : n, transposed, out)
        }
        packed = buffer
    }

    /// C[m×n] = A[m×k] · B (+ C when `accumulate`) for many rows at once (every step's input projection, the
    /// gradient of a layer's input), on up to `BLASThreads.parallelWorkers` threads by fixed blocks of 64 rows.
    /// Without `accumulate` the packed kernel writes C without reading it, which saves BLAS's zeroing pass over the
    /// whole gate buffer; each element's sum is the same whichever block or thread computes it.
    func multiplyAllRows(_ m: Int, _ a: UnsafePointer<Float>, _ lda: Int, into c: UnsafeMutablePointer<Float>, _ ldc: Int,
                         accumulate: Bool = false) {
        guard m > 0, n > 0 else { return }
        guard !packed.isEmpty else {
            gemm(false, sourceIsTransposed, m, n, k, a, lda, source, sourceIsTransposed ? k : n, accumulate ? 1 : 0, c, ldc)
            return
        }
        let rowsPerBlock = 64
        packed.withUnsafeBufferPointer { p in
            guard let p = p.baseAddress else { return }
            ParallelParts.forEachBlock((m + rowsPerBlock - 1) / rowsPerBlock, parallel: m * n * k >= 1 << 21) { block in
                let row = block * rowsPerBlock, rows = Swift.min(rowsPerBlock, m - row)
                unroll_packed_gemm(rows, n, k, a + row * lda, lda, p, c + row * ldc, ldc, accumulate)
            }
        }
    }

    /// C[m×n] (leading dimension ldc) = A[m×k] (leading dimension lda) · B, plus C's old value when `accumulate`.
    func multiply(_ m: Int, _ a: UnsafePointer<Float>, _ lda: Int, into c: UnsafeMutablePointer<Float>, _ ldc: Int,
                  accumulate: Bool) {
        guard m > 0, n > 0 else { return }
        if !packed.isEmpty {
            packed.withUnsafeBufferPointer { p in
                guard let p = p.baseAddress else { return }
                unroll_packed_gemm(m, n, k, a, lda, p, c, ldc, accumulate)
            }
        } else {
            // One BLAS call per fixed block of rows (A starts on a block boundary), so a row's result cannot depend on
            // how many rows the caller's thread holds.
            BatchRows.forEachChunk(0, m) { r0, r1 in
                gemm(false, sourceIsTransposed, r1 - r0, n, k, a + r0 * lda, lda, source, sourceIsTransposed ? k : n,
                     accumulate ? 1 : 0, c + r0 * ldc, ldc)
            }
        }
    }
}
