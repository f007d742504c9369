// Per-thread tensor state (grad mode, op tracing, the default generator, print options), so concurrent sessions never mix.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// State PyTorch keeps per thread (grad mode) or per process (the default generator). Unroll keeps all of
/// it per thread: each interpreter, lesson replay or test runs on its own thread and cannot disturb another.
final class ThreadState {
    var gradEnabled = true
    var traceActive = false
    var traceEvents: [TraceEvent] = []
    var traceDepth = 0
    var traceMuted = 0
    var generator: Generator?
    var printOptions = PrintOptions()

    /// This thread's state, created on first use.
    static var current: ThreadState {
        if let raw = pthread_getspecific(threadStateKey) {
            return Unmanaged<ThreadState>.fromOpaque(raw).takeUnretainedValue()
        }
        let state = ThreadState()
        pthread_setspecific(threadStateKey, Unmanaged.passRetained(state).toOpaque())
        return state
    }
}

/// The key under which each thread's `ThreadState` lives; the destructor releases it when the thread ends.
private let threadStateKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key) { raw in
        #if canImport(Glibc)
        guard let raw else { return }
        #endif
        Unmanaged<ThreadState>.fromOpaque(raw).release()
    }
    return key
}()
