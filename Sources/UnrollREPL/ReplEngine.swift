// What the REPL needs from whatever runs statements: run source, complete words, answer meta-commands.

/// The language side of the REPL. The REPL owns the terminal; the engine owns the session's state.
public protocol ReplEngine: AnyObject {
    /// Runs one complete statement (possibly several lines), printing its output and any error.
    /// Returns false when it ended in an error.
    func run(_ source: String) -> Bool
    /// Completion candidates for the text before the cursor.
    func complete(_ textBeforeCursor: String) -> CompletionAnswer
    /// Runs a `:command args` line; returns false when it failed.
    func meta(_ command: String, arguments: String) -> MetaOutcome
    /// A statement to put on the next prompt already typed (lesson stepping), taken once.
    func takePrefill() -> String?
    /// Requests that the running statement stop with KeyboardInterrupt (called from a signal handler's thread).
    func interrupt()
    /// Set once a statement called `exit()`/`quit()`: the REPL ends with this status.
    var exitStatus: Int32? { get }
}

extension ReplEngine {
    public var exitStatus: Int32? { nil }
}

/// The result of a meta-command.
public enum MetaOutcome: Equatable {
    case ok
    case failed
    case quit
    /// The command wants a statement put on the prompt already typed (lesson stepping).
    case prefill(String)
}
