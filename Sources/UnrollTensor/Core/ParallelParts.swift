// Runs the fixed parts of one kernel call on the persistent worker pool (CKernels' unroll_parallel_for).
import CKernels

/// Splits one kernel call across threads. Callers fix the parts by shape, never by thread count, and parts write
/// disjoint memory, so a result does not depend on which thread ran which part.
///
/// The pool's threads stay alive between calls and spin briefly before sleeping: a recurrent layer splits every
/// call, and `DispatchQueue.concurrentPerform` often woke its second thread too late to take any work.
public enum ParallelParts {
    /// Runs `body(i)` for every `i < count` (part 0 on the calling thread) and returns when all have finished.
    /// When the pool is busy with another thread's call, or `body` itself splits, the parts run in order here.
    public static func run(_ count: Int, _ body: (Int) -> Void) {
        guard count > 1 else {
            if count == 1 { body(0) }
            return
        }
        withoutActuallyEscaping(body) { body in
            var box = PartBody(body: body)
            withUnsafeMutablePointer(to: &box) { pointer in
                unroll_parallel_for(count, { context, index in
                    context?.assumingMemoryBound(to: PartBody.self).pointee.body(index)
                }, pointer)
            }
        }
    }

    /// Runs `body(block)` for every `block < blocks`, shared by up to `BLASThreads.parallelWorkers` threads when
    /// `parallel` (worker w takes blocks w, w + W, w + 2W, ...), otherwise in order on this thread. Blocks are fixed
    /// by the caller's shape, so which thread runs one never changes what it computes.
    public static func forEachBlock(_ blocks: Int, parallel: Bool, _ body: (Int) -> Void) {
        let workers = parallel ? Swift.min(BLASThreads.parallelWorkers, blocks) : 1
        guard workers > 1 else {
            for block in 0..<blocks { body(block) }
            return
        }
        run(workers) { worker in
            for block in stride(from: worker, to: blocks, by: workers) { body(block) }
        }
    }
}

/// The closure handed through the C pool's context pointer.
private struct PartBody {
    let body: (Int) -> Void
}
