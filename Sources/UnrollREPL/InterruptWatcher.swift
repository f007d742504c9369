// Ctrl-C while a statement runs: SIGINT is blocked in every thread and a watcher thread turns it into KeyboardInterrupt.
import Foundation

/// While a statement runs the terminal is in its normal mode, so Ctrl-C sends SIGINT. Rather than doing work
/// in a signal handler, SIGINT is blocked process-wide and one thread waits for it with `sigwait`, then asks
/// the session to stop at its next check. At the prompt, libedit receives Ctrl-C as a key instead.
public final class InterruptWatcher {
    private let onInterrupt: @Sendable () -> Void

    /// Blocks SIGINT in the calling thread (call first, before other threads start, so they inherit the mask).
    public static func blockInterruptsInThisThread() {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    public init(onInterrupt: @escaping @Sendable () -> Void) {
        self.onInterrupt = onInterrupt
    }

    /// Starts the watcher thread; it lives as long as the process.
    public func start() {
        let handler = onInterrupt
        let thread = Thread {
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, SIGINT)
            while true {
                var signal: Int32 = 0
                if sigwait(&set, &signal) == 0 && signal == SIGINT {
                    handler()
                }
            }
        }
        thread.name = "unroll-interrupts"
        thread.start()
    }
}
