// Splits a recurrence across threads by batch rows: row n at step t depends only on row n at step t-1.
import UnrollTensor

/// The batch rows of one layer call, cut into fixed chunks that threads share.
///
/// Within a direction every batch row runs its own recurrence, forward and backward, so disjoint row ranges can
/// run on different threads for the whole sequence with no synchronisation per step. Ranges are unions of
/// fixed `chunk`-row blocks chosen by the batch size alone, and every BLAS call inside a range is made per block
/// (`forEachChunk`), so each row is computed by the same calls whatever the thread count: results are
/// bit-identical at any `BLASThreads.count`.
enum BatchRows {
    /// Rows per fixed block.
    static let chunk = 8

    /// Multiply-adds below which a call stays on the calling thread: starting workers costs more than it saves.
    static let parallelThreshold = 1 << 20

    /// Calls `body(start, end)` over disjoint row ranges covering `0..<rows`, each starting on a multiple of
    /// `chunk`, on up to `BLASThreads.parallelWorkers` threads when the call's `work` (multiply-adds) is large enough.
    static func split(_ rows: Int, work: Int, _ body: (Int, Int) -> Void) {
        let chunks = (rows + chunk - 1) / chunk
        let workers = Swift.min(BLASThreads.parallelWorkers, chunks)
        if workers <= 1 || work < parallelThreshold {
            body(0, rows)
            return
        }
        ParallelParts.run(workers) { w in
            // Contiguous, near-equal groups of chunks: worker w takes chunks [w·C/W, (w+1)·C/W).
            let first = w * chunks / workers, last = (w + 1) * chunks / workers
            body(first * chunk, Swift.min(last * chunk, rows))
        }
    }

    /// Calls `body(start, end)` for each fixed block inside `start..<end` (which starts on a block boundary).
    @inline(__always)
    static func forEachChunk(_ start: Int, _ end: Int, _ body: (Int, Int) -> Void) {
        var row = start
        while row < end {
            let next = Swift.min(row + chunk, end)
            body(row, next)
            row = next
        }
    }
}

