// The GEMM engine behind mm/bmm/matmul: OpenBLAS sgemm/dgemm on strided operands without copies where the layout allows.
import CBLAS
import Foundation

enum Gemm {
    /// How BLAS can read a strided matrix: transposed or not, with its leading dimension; nil when it needs a copy.
    static func layout(rows: Int, cols: Int, rowStride: Int, colStride: Int) -> (transposed: Bool, ld: Int)? {
        if cols == 1 || colStride == 1 {
            let ld = rows == 1 ? Swift.max(cols, 1) : rowStride
            if ld >= Swift.max(cols, 1) { return (false, ld) }
        }
        if rows == 1 || rowStride == 1 {
            let ld = cols == 1 ? Swift.max(rows, 1) : colStride
            if ld >= Swift.max(rows, 1) { return (true, ld) }
        }
        return nil
    }

    /// A matrix operand: base pointer (at its offset), shape and strides.
    struct Operand<T> {
        var pointer: UnsafeMutablePointer<T>
        var rows: Int, cols: Int, rowStride: Int, colStride: Int
    }

    /// `c = a @ b` with c contiguous (row stride `n`); a is m×k, b is k×n.
    static func multiply<T: TensorScalar>(_ a: Operand<T>, _ b: Operand<T>, into c: UnsafeMutablePointer<T>) {
        let m = a.rows, k = a.cols, n = b.cols
        if m == 0 || n == 0 { return }
        if k == 0 { c.update(repeating: T(casting: Int64(0)), count: m * n); return }
        if T.self == Float.self || T.self == Double.self {
            var scratch: [UnsafeMutableRawPointer] = []
            defer { scratch.forEach { $0.deallocate() } }
            func prepared(_ x: Operand<T>) -> (UnsafeMutablePointer<T>, Bool, Int) {
                if let l = layout(rows: x.rows, cols: x.cols, rowStride: x.rowStride, colStride: x.colStride) {
                    return (x.pointer, l.transposed, l.ld)
                }
                let raw = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(x.rows * x.cols, 1) * MemoryLayout<T>.stride, alignment: 64)
                scratch.append(raw)
                let dense = raw.bindMemory(to: T.self, capacity: x.rows * x.cols)
                for i in 0..<x.rows {
                    for j in 0..<x.cols { dense[i * x.cols + j] = x.pointer[i * x.rowStride + j * x.colStride] }
                }
                return (dense, false, Swift.max(x.cols, 1))
            }
            let (pa, ta, lda) = prepared(a), (pb, tb, ldb) = prepared(b)
            BLASThreads.keepLibrarySingleThreaded()
            let job = RowBlocks(transA: ta, transB: tb, m: m, n: n, k: k, a: pa, lda: lda, b: pb, ldb: ldb, c: c)
            // The split depends on the shape only, so every thread count computes the same blocks the same way.
            if m * n * k < 1 << 21 || job.blocks < 2 {
                gemmCall(transA: ta, transB: tb, m: m, n: n, k: k, a: pa, lda: lda, b: pb, ldb: ldb, c: c)
                return
            }
            ParallelParts.forEachBlock(job.blocks, parallel: true, job.run)
            return
        }
        // Integer matmul: a plain loop in i-k-j order, wrapping on overflow like C++.
        let pa = UnsafeMutableRawPointer(a.pointer).assumingMemoryBound(to: Int64.self)
        let pb = UnsafeMutableRawPointer(b.pointer).assumingMemoryBound(to: Int64.self)
        let pc = UnsafeMutableRawPointer(c).assumingMemoryBound(to: Int64.self)
        pc.update(repeating: 0, count: m * n)
        for i in 0..<m {
            for p in 0..<k {
                let x = pa[i * a.rowStride + p * a.colStride]
                for j in 0..<n { pc[i * n + j] = pc[i * n + j] &+ x &* pb[p * b.rowStride + j * b.colStride] }
            }
        }
    }

    /// A product cut into fixed blocks of 64 rows of A and C; blocks write disjoint rows of C.
    struct RowBlocks<T> {
        let transA: Bool, transB: Bool, m: Int, n: Int, k: Int
        let a: UnsafeMutablePointer<T>, lda: Int, b: UnsafeMutablePointer<T>, ldb: Int, c: UnsafeMutablePointer<T>
        static var rowsPerBlock: Int { 64 }
        var blocks: Int { (m + Self.rowsPerBlock - 1) / Self.rowsPerBlock }

        func run(_ block: Int) {
            let row = block * Self.rowsPerBlock, rows = Swift.min(Self.rowsPerBlock, m - row)
            // Rows of a transposed A are columns of its storage: one element apart, not lda.
            let start = a + row * (transA ? 1 : lda)
            Gemm.gemmCall(transA: transA, transB: transB, m: rows, n: n, k: k, a: start, lda: lda, b: b, ldb: ldb, c: c + row * n)
        }
    }

    /// One single-threaded BLAS call, row-major, C contiguous with leading dimension n.
    static func gemmCall<T>(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, a: UnsafeMutablePointer<T>, lda: Int,
                            b: UnsafeMutablePointer<T>, ldb: Int, c: UnsafeMutablePointer<T>) {
        let ta = transA ? CblasTrans : CblasNoTrans, tb = transB ? CblasTrans : CblasNoTrans
        if T.self == Float.self {
            cblas_sgemm(CblasRowMajor, ta, tb, Int32(m), Int32(n), Int32(k), 1,
                        UnsafeRawPointer(a).assumingMemoryBound(to: Float.self), Int32(lda),
                        UnsafeRawPointer(b).assumingMemoryBound(to: Float.self), Int32(ldb), 0,
                        UnsafeMutableRawPointer(c).assumingMemoryBound(to: Float.self), Int32(n))
        } else {
            cblas_dgemm(CblasRowMajor, ta, tb, Int32(m), Int32(n), Int32(k), 1,
                        UnsafeRawPointer(a).assumingMemoryBound(to: Double.self), Int32(lda),
                        UnsafeRawPointer(b).assumingMemoryBound(to: Double.self), Int32(ldb), 0,
                        UnsafeMutableRawPointer(c).assumingMemoryBound(to: Double.self), Int32(n))
        }
    }

    /// Batched product of two tensors of rank >= 2 and equal dtype: broadcast batch dims, contiguous result.
    static func product(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let ra = a.dim, rb = b.dim
        let n = a.shape[ra - 2], k = a.shape[ra - 1], p = b.shape[rb - 1]
        let batchA = Array(a.shape[..<(ra - 2)]), batchB = Array(b.shape[..<(rb - 2)])
        let batch = try Shape.broadcast(batchA, batchB)
        let out = try Tensor(zeros: batch + [n, p], dtype: a.dtype)
        func run<T: TensorScalar>(_: T.Type) {
            let pa = a.storage.pointer(T.self), pb = b.storage.pointer(T.self), po = out.storage.pointer(T.self)
            let stridesA = Shape.broadcastStrides(shape: batchA, strides: Array(a.strides[..<(ra - 2)]), to: batch)
            let stridesB = Shape.broadcastStrides(shape: batchB, strides: Array(b.strides[..<(rb - 2)]), to: batch)
            let (rsA, csA) = (a.strides[ra - 2], a.strides[ra - 1])
            let (rsB, csB) = (b.strides[rb - 2], b.strides[rb - 1])
            // One shared right operand and a left operand whose batch folds into its rows: a single GEMM.
            if stridesB.allSatisfy({ $0 == 0 }), !batch.isEmpty,
               let folded = Tensor.viewStrides(oldShape: batch + [n, k], oldStrides: stridesA + [rsA, csA],
                                               newShape: [batch.reduce(1, *) * n, k]),
               !stridesA.contains(0) || batch.reduce(1, *) == 1 {
                let rows = batch.reduce(1, *) * n
                multiply(Operand(pointer: pa + a.offset, rows: rows, cols: k, rowStride: folded[0], colStride: folded[1]),
                         Operand(pointer: pb + b.offset, rows: k, cols: p, rowStride: rsB, colStride: csB), into: po)
                return
            }
            var index = 0
            Strided.forEachPositionPair(shape: batch, stridesA: stridesA, offsetA: a.offset, stridesB: stridesB, offsetB: b.offset) { oa, ob in
                multiply(Operand(pointer: pa + oa, rows: n, cols: k, rowStride: rsA, colStride: csA),
                         Operand(pointer: pb + ob, rows: k, cols: p, rowStride: rsB, colStride: csB), into: po + index * n * p)
                index += 1
            }
        }
        switch a.dtype {
        case .float32: run(Float.self)
        case .float64: run(Double.self)
        case .int64: run(Int64.self)
        case .bool: throw TensorError(.notImplemented, "\"addmm_impl_cpu_\" not implemented for 'Bool'")
        }
        return out
    }
}

/// Threads used for large matrix products. Unroll splits work into blocks fixed by the shape and keeps
/// OpenBLAS itself single-threaded, because OpenBLAS's own threading changes the summation order.
public enum BLASThreads {
    nonisolated(unsafe) private static var workers = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)

    private static let cores = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Worker threads for one product (default: the number of active cores), as `torch.set_num_threads` set it.
    public static var count: Int { workers }
    public static func set(_ n: Int) { workers = Swift.max(1, n) }

    /// Threads a split call actually uses: `count`, but never more than the cores. More threads than cores only
    /// take turns (measured: 4 threads on 2 cores made a training step twice as slow as 2), and since every split
    /// is fixed by shape, the results are the same either way.
    public static var parallelWorkers: Int { workersUsed(requested: workers, cores: cores) }

    static func workersUsed(requested: Int, cores: Int) -> Int { Swift.max(1, Swift.min(requested, cores)) }

    /// Sets OpenBLAS's own thread count (benchmarks and tests use it to show results do not change).
    public static func setLibraryThreads(_ n: Int) { openblas_set_num_threads(Int32(n)) }

    /// Sets OpenBLAS to one thread (its own threading changes summation order); products that want threads split
    /// their rows into fixed blocks themselves.
    public static func keepLibrarySingleThreaded() {
        if openblas_get_num_threads() != 1 {
            openblas_set_num_threads(1)
            _ = libraryServerStopped
        }
    }

    /// Stops OpenBLAS's idle server threads once: Unroll never runs OpenBLAS threaded, and those threads, once
    /// woken, spin on `sched_yield` for a tenth of a second at a time, taking the core the worker pool needs
    /// (measured with perf: 6-8% of a recurrent training run). Looked up at run time because only OpenBLAS's
    /// pthreads build has the function; OpenBLAS starts the threads again if it is ever asked to run threaded.
    private static let libraryServerStopped: Bool = {
        #if canImport(Darwin)
        let everyLibrary = UnsafeMutableRawPointer(bitPattern: -2)  // RTLD_DEFAULT
        #else
        let everyLibrary: UnsafeMutableRawPointer? = nil  // RTLD_DEFAULT
        #endif
        guard let symbol = dlsym(everyLibrary, "blas_thread_shutdown_") else { return false }
        typealias Shutdown = @convention(c) () -> Int32
        _ = unsafeBitCast(symbol, to: Shutdown.self)()
        return true
    }()
}
