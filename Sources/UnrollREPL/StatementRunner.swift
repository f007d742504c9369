// What the REPL needs from the language: run a statement (streaming its output), complete, inspect, interrupt.
import UnrollLessons

/// The language side of a session, as the REPL and lesson replay use it.
public protocol StatementRunner: AnyObject {
    /// Runs one complete input. `live`, when given, receives output as it is produced (training loops print
    /// progressively); the result always carries all of it. Must not throw or trap.
    func execute(_ source: String, live: ((String) -> Void)?) -> ExecutionResult
    /// Candidates for Tab.
    func complete(_ textBeforeCursor: String) -> CompletionAnswer
    /// Asks the running statement to stop with KeyboardInterrupt; safe from a signal-watching thread.
    func interrupt()
    /// Forgets every variable.
    func reset()
    /// Runs an inspection meta-command (`shapes`, `trace`, `layout`, `unroll`, `explain`, `vars`, `seed`,
    /// `time`, `plot`, `help` with a topic). Returns nil when `command` is not one it knows.
    func inspect(_ command: String, arguments: String) -> ExecutionResult?
    /// Set once the code called `exit()`/`quit()`: the status the process should end with.
    var exitStatus: Int32? { get }
}

extension StatementRunner {
    public var exitStatus: Int32? { nil }
}
