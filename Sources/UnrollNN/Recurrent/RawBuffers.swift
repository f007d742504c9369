// Raw float32 access for the fused kernels: contiguous input views, fresh outputs, and GEMM wrappers over CBLAS.
import CBLAS
import Foundation
import UnrollTensor

extension Tensor {
    /// Pointer to the first element of a contiguous float32 tensor.
    var floatPointer: UnsafeMutablePointer<Float> { storage.pointer(Float.self) + offset }
}

/// A contiguous float32 version of `t` without recording autograd (kernels record their own node).
func denseFloat(_ t: Tensor, role: String) throws -> Tensor {
    guard t.dtype == .float32 else {
        throw TensorError.runtime("expected scalar type Float but found \(t.dtype.scalarTypeName)",
                                  hint: "Unroll's recurrent and linear layers compute in float32; call .float() on the \(role).")
    }
    if t.isContiguous { return t.detach() }
    return try GradMode.withDisabled { try t.detach().contiguous() }
}

/// A fresh float32 tensor of `shape` whose contents `fill` writes: zeros first, unless `fill` writes every element.
func makeFloatTensor(_ shape: [Int], writesEveryElement: Bool = false,
                     _ fill: (UnsafeMutablePointer<Float>) throws -> Void) throws -> Tensor {
    let t = writesEveryElement ? try Tensor(uninitialized: shape, dtype: .float32) : try Tensor(zeros: shape, dtype: .float32)
    try fill(t.floatPointer)
    return t
}

/// A float array whose every element the caller writes before reading it: skips the zero fill, which for an
/// LSTM's tape costs as much as a gate loop.
func uninitializedFloats(_ count: Int) -> [Float] {
    [Float](unsafeUninitializedCapacity: Swift.max(count, 0)) { _, initialized in initialized = Swift.max(count, 0) }
}

/// Row-major C = alpha * op(A) * op(B) + beta * C.
///
/// OpenBLAS runs single-threaded (its own threading changes the summation order); a large product is cut into
/// blocks of rows of C fixed by its shape (`gemmRowsPerBlock`) that `BLASThreads.parallelWorkers` threads share, so
/// every thread count computes the same blocks the same way and the results are bit-identical.
func gemm(_ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int,
          _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
          _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, alpha: Float = 1) {
    guard m > 0, n > 0 else { return }
    if k == 0 {
        if beta == 0 { for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) } }
        return
    }
    BLASThreads.keepLibrarySingleThreaded()
    let rowsPerBlock = gemmRowsPerBlock(m)
    let block = RowBlock(transA: transA, transB: transB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
                         beta: beta, c: c, ldc: ldc, alpha: alpha, rowsPerBlock: rowsPerBlock)
    ParallelParts.forEachBlock((m + rowsPerBlock - 1) / rowsPerBlock, parallel: m * n * k >= 1 << 21, block.run)
}

/// A recurrent layer's weight gradient for all steps at once: `grad` (g×f) += dGᵀ·x, with dG (k×g) the gate
/// gradients of every step and batch row and x (k×f) what multiplied the weight in the forward.
///
/// A one-feature input (the electricity lesson's first layer) is a matrix-vector product, which BLAS does without
/// packing dG: as a GEMM it spent two thirds of its time packing (113 against 38 µs). That call is not split, so
/// every thread count sums the same way.
func addWeightGradient(_ grad: UnsafeMutablePointer<Float>, g: Int, f: Int, k: Int,
                       dG: UnsafePointer<Float>, x: UnsafePointer<Float>) {
    guard f == 1, g > 0, k > 0 else {
        gemm(true, false, g, f, k, dG, g, x, f, 1, grad, f)
        return
    }
    BLASThreads.keepLibrarySingleThreaded()
    cblas_sgemv(CblasRowMajor, CblasTrans, Int32(k), Int32(g), 1, dG, Int32(g), x, 1, 1, grad, 1)
}

/// Rows of C per BLAS call, from C's row count only. Every call packs all of B again, so blocks are as large as
/// they can be while still giving two threads equal shares: an even number of blocks of about 256 rows (64 for
/// small products). For a weight gradient (512 rows) that is 2 packings of B instead of 8: 5% of an LSTM step.
func gemmRowsPerBlock(_ m: Int) -> Int {
    guard m > 256 else { return 64 }
    let blocks = 2 * ((m + 511) / 512)
    return ((m + blocks - 1) / blocks + 15) / 16 * 16
}

/// One block of rows of a `gemm`, as a single-threaded BLAS call; blocks write disjoint rows of C.
private struct RowBlock {
    let transA: Bool, transB: Bool, m: Int, n: Int, k: Int
    let a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int
    let beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float, rowsPerBlock: Int

    func run(_ index: Int) {
        let row = index * rowsPerBlock, rows = Swift.min(rowsPerBlock, m - row)
        // Rows of a transposed A are columns of its storage: one element apart, not lda.
        let start = a + row * (transA ? 1 : lda)
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(rows), Int32(n), Int32(k), alpha, start, Int32(lda), b, Int32(ldb), beta,
                    c + row * ldc, Int32(ldc))
    }
}

/// Adds the column sums of the `rows × cols` matrix `a` into `out`.
@inline(__always)
func addColumnSums(_ a: UnsafePointer<Float>, rows: Int, cols: Int, into out: UnsafeMutablePointer<Float>) {
    for r in 0..<rows {
        let row = a + r * cols
        for c in 0..<cols { out[c] += row[c] }
    }
}

/// float32 sigmoid for the gate loops, the same function `torch.sigmoid` uses here.
@inline(__always) func sigmoidf(_ x: Float) -> Float { Tensor.fastSigmoid(x) }

/// float32 tanh for the gate loops: the tensor library's branch-free rational form (within 4e-7 relative), the
/// same function `torch.tanh` uses here, so a cell unrolled by hand and a fused layer agree.
@inline(__always) func fastTanhf(_ x: Float) -> Float { Tensor.fastTanh(x) }
