// Whether operations record the autograd graph (`torch.no_grad()` turns it off), per thread as in PyTorch.

public enum GradMode {
    /// True while operations on this thread record grad_fn nodes.
    public static var isEnabled: Bool { ThreadState.current.gradEnabled }

    /// Runs `body` with gradient recording off, restoring the previous mode afterwards (`with torch.no_grad():`).
    public static func withDisabled<R>(_ body: () throws -> R) rethrows -> R {
        let state = ThreadState.current
        let saved = state.gradEnabled
        state.gradEnabled = false
        defer { state.gradEnabled = saved }
        return try body()
    }

    /// Sets the mode directly; the language's `with` statement pairs this with a restore.
    public static func set(_ enabled: Bool) { ThreadState.current.gradEnabled = enabled }
}
