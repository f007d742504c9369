// Whether operations record the autograd graph (`torch.no_grad()` turns it off).

public enum GradMode {
    nonisolated(unsafe) public private(set) static var isEnabled = true

    /// Runs `body` with gradient recording off, restoring the previous mode afterwards (`with torch.no_grad():`).
    public static func withDisabled<R>(_ body: () throws -> R) rethrows -> R {
        let saved = isEnabled
        isEnabled = false
        defer { isEnabled = saved }
        return try body()
    }

    /// Sets the mode directly; the language's `with` statement pairs this with a restore.
    public static func set(_ enabled: Bool) { isEnabled = enabled }
}
