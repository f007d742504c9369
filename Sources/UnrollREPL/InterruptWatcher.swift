// Ctrl-C while a statement runs: a SIGINT handler sets a flag, and a watcher thread turns it into KeyboardInterrupt.
import Foundation
import Synchronization

/// Set by the SIGINT handler (an atomic store is async-signal-safe), cleared by the watcher.
private let interruptPending = Atomic<Bool>(false)

/// While a statement runs the terminal is in its normal mode, so Ctrl-C sends SIGINT. The handler only sets an
/// atomic flag, whichever thread the kernel picks to run it on; a watcher thread polls the flag and asks the
/// session to stop at its next check. At the prompt, libedit receives Ctrl-C as a key instead.
public final class InterruptWatcher {
    private let onInterrupt: @Sendable () -> Void

    public init(onInterrupt: @escaping @Sendable () -> Void) {
        self.onInterrupt = onInterrupt
    }

    /// Installs the handler and starts the watcher thread; both live as long as the process.
    public func start() {
        signal(SIGINT) { _ in interruptPending.store(true, ordering: .relaxed) }
        // A parent may have started us with SIGINT blocked; Ctrl-C must reach the handler.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        let handler = onInterrupt
        let thread = Thread {
            while true {
                if interruptPending.exchange(false, ordering: .relaxed) { handler() }
                usleep(20_000)
            }
        }
        thread.name = "unroll-interrupts"
        thread.start()
    }
}
