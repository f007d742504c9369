// The QR step of nn.init.orthogonal_: LAPACK Householder QR (geqrf + orgqr from OpenBLAS) with R's diagonal signs applied.
import CBLAS
import UnrollTensor

enum OrthogonalQR {
    /// The row-major (rows × cols) matrix whose rows (rows < cols) or columns (rows ≥ cols) are orthonormal, computed
    /// from the row-major normal draws `a` exactly as `orthogonal_` does: QR of the tall orientation, Q times sign(diag R).
    static func orthonormal(_ a: [Float], rows: Int, cols: Int) throws -> [Float] {
        try run(a, rows: rows, cols: cols, geqrf: sgeqrf_, orgqr: sorgqr_)
    }

    static func orthonormal(_ a: [Double], rows: Int, cols: Int) throws -> [Double] {
        try run(a, rows: rows, cols: cols, geqrf: dgeqrf_, orgqr: dorgqr_)
    }

    private typealias Geqrf<T> = (UnsafePointer<Int32>?, UnsafePointer<Int32>?, UnsafeMutablePointer<T>?, UnsafePointer<Int32>?,
                                  UnsafeMutablePointer<T>?, UnsafeMutablePointer<T>?, UnsafePointer<Int32>?, UnsafeMutablePointer<Int32>?) -> Void
    private typealias Orgqr<T> = (UnsafePointer<Int32>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?, UnsafeMutablePointer<T>?,
                                  UnsafePointer<Int32>?, UnsafePointer<T>?, UnsafeMutablePointer<T>?, UnsafePointer<Int32>?,
                                  UnsafeMutablePointer<Int32>?) -> Void

    private static func run<T: BinaryFloatingPoint>(_ a: [T], rows: Int, cols: Int, geqrf: Geqrf<T>, orgqr: Orgqr<T>) throws -> [T] {
        let tall = rows >= cols
        let m = max(rows, cols), n = min(rows, cols)
        // Column-major m × n: for rows < cols the transpose's column-major layout is the row-major draw itself.
        var matrix = [T](repeating: 0, count: m * n)
        if tall {
            for i in 0..<rows { for j in 0..<cols { matrix[i + j * m] = a[i * cols + j] } }
        } else {
            matrix = a
        }
        var tau = [T](repeating: 0, count: n)
        var mm = Int32(m), nn = Int32(n), lda = Int32(m), info: Int32 = 0
        // Workspace queries first, as LAPACK recommends, then the factorisation and Q.
        var query: T = 0, lwork: Int32 = -1
        geqrf(&mm, &nn, &matrix, &lda, &tau, &query, &lwork, &info)
        var work = [T](repeating: 0, count: max(1, Int(query)))
        lwork = Int32(work.count)
        geqrf(&mm, &nn, &matrix, &lda, &tau, &work, &lwork, &info)
        guard info == 0 else { throw TensorError.runtime("orthogonal_: QR factorisation failed (geqrf info \(info))") }
        let signs = (0..<n).map { j -> T in
            let d = matrix[j + j * m]
            return d > 0 ? 1 : (d < 0 ? -1 : 0)
        }
        var k = Int32(n)
        lwork = -1
        orgqr(&mm, &nn, &k, &matrix, &lda, &tau, &query, &lwork, &info)
        work = [T](repeating: 0, count: max(1, Int(query), n))
        lwork = Int32(work.count)
        orgqr(&mm, &nn, &k, &matrix, &lda, &tau, &work, &lwork, &info)
        guard info == 0 else { throw TensorError.runtime("orthogonal_: building Q failed (orgqr info \(info))") }
        for j in 0..<n { for i in 0..<m { matrix[i + j * m] *= signs[j] } }
        guard tall else { return matrix }
        var result = [T](repeating: 0, count: rows * cols)
        for i in 0..<rows { for j in 0..<cols { result[i * cols + j] = matrix[i + j * m] } }
        return result
    }
}
