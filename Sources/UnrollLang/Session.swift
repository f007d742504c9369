// The public entry point the REPL, lessons and CLI use: one interpreter session with run/evaluate/complete.
import Foundation

/// The result of running one input.
public struct RunOutcome: Sendable, Equatable {
    public var succeeded: Bool
    /// The full error text as printed: `Type: message`, the source line, a caret line, then the hint.
    public var errorText: String?
    /// Just `Type: message`.
    public var errorLine: String?
    /// Set when the code called `exit()`/`quit()`: the status the process should end with.
    public var exitStatus: Int32?
    public init(succeeded: Bool, errorText: String? = nil, errorLine: String? = nil, exitStatus: Int32? = nil) {
        self.succeeded = succeeded
        self.errorText = errorText
        self.errorLine = errorLine
        self.exitStatus = exitStatus
    }
}

/// The session's own thread, with a large stack so deep (but limited) recursion never overflows the native
/// stack. Every input of a session runs on it, so per-thread tensor state (the default generator seeded by
/// `torch.manual_seed`, grad mode) carries over from one input to the next.
final class SessionWorker: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [() -> Void] = []
    private var stopped = false
    private var thread: Thread?

    init() {
        let t = Thread { [self] in loop() }
        t.stackSize = 512 << 20
        t.name = "unroll-session"
        thread = t
        t.start()
    }

    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopped { condition.wait() }
            if jobs.isEmpty { condition.unlock(); return }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }

    /// Runs `work` on the session thread and waits for it (inline when already on it).
    func sync(_ work: @escaping () -> Void) {
        if Thread.current === thread { work(); return }
        let done = DispatchSemaphore(value: 0)
        condition.lock()
        jobs.append { work(); done.signal() }
        condition.signal()
        condition.unlock()
        done.wait()
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }
}

/// One interpreter session. Everything the code prints — and the text of any error — goes to `output`.
public final class Session {
    let interpreter: Interpreter
    private let output: (String) -> Void
    private let worker = SessionWorker()

    /// - Parameter output: receives all printed text (print, echoes, and error texts), never stdout directly.
    /// When false, errors are only returned in `RunOutcome` (the REPL prints them itself, styled).
    private let printsErrors: Bool

    public init(output: @escaping (String) -> Void, printsErrors: Bool = true) {
        self.output = output
        self.printsErrors = printsErrors
        interpreter = Interpreter(output: output)
    }

    deinit { worker.stop() }

    /// Parses and executes one input (one or several statements, or a block). With `echo` (the REPL, lessons,
    /// piped statements) expression statements print their repr unless it is None; a script run as a file
    /// (`unroll run`, `unroll -c`) passes false, as `python3 FILE` prints nothing it is not asked to. On failure
    /// the error text is also written to the output sink; variables assigned before the failure are kept.
    public func run(_ source: String, file: String = "<stdin>", echo: Bool = true) -> RunOutcome {
        var outcome = RunOutcome(succeeded: true)
        let interp = interpreter
        worker.sync {
            outcome = Session.execute(source, interp, echo: echo)
        }
        if printsErrors, let text = outcome.errorText { output(text.hasSuffix("\n") ? text : text + "\n") }
        return outcome
    }

    private static func execute(_ source: String, _ interp: Interpreter, echo: Bool) -> RunOutcome {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        interp.sourceLines = lines.map { Substring($0) }
        interp.stepsTaken = 0
        do {
            let statements = try Parser.parse(source)
            try interp.runModule(statements, echo: echo)
            return RunOutcome(succeeded: true)
        } catch let exit as ExitRequest {
            interp.callDepth = 0
            // As Python's SystemExit: a message argument goes to stderr and the status is 1.
            if let message = exit.message { StandardErrorStream.write(message + "\n") }
            // Nothing is printed; a non-zero status still reads as the SystemExit it is.
            return RunOutcome(succeeded: exit.status == 0, errorLine: exit.status == 0 ? nil : "SystemExit: \(exit.status)",
                              exitStatus: exit.status)
        } catch var error as LangError {
            if error.sourceLine == nil, let r = error.range, r.line - 1 < lines.count, r.line >= 1 {
                error.sourceLine = String(lines[r.line - 1])
            }
            interp.callDepth = 0
            return RunOutcome(succeeded: false, errorText: Session.render(error), errorLine: error.description)
        } catch {
            interp.callDepth = 0
            let e = LangError("RuntimeError", "\(error)")
            return RunOutcome(succeeded: false, errorText: Session.render(e), errorLine: e.description)
        }
    }

    /// `Type: message`, then the source line and carets under the failing span, then the hint.
    static func render(_ error: LangError) -> String {
        var text = error.description
        if let line = error.sourceLine, let r = error.range, !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let indent = line.prefix { $0 == " " || $0 == "\t" }.count
            let trimmed = String(line.dropFirst(indent))
            let start = max(0, r.column - 1 - indent)
            let end = min(trimmed.count, max(start + 1, r.endColumn - 1 - indent))
            text += "\n    " + trimmed
            if start < trimmed.count {
                text += "\n    " + String(repeating: " ", count: start) + String(repeating: "^", count: max(1, end - start))
            }
        }
        if let hint = error.hint { text += "\n" + hint }
        return text
    }

    /// Forgets all variables and imported modules.
    public func reset() {
        let interp = interpreter
        interp.globals = [:]
        interp.globalOrder = []
        interp.loadedModules = [:]
        interp.callDepth = 0
        _ = interp.interruptFlag.take()
    }

    /// Asks the running code to stop with `KeyboardInterrupt` at the next statement or loop iteration
    /// (safe to call from any thread, e.g. a signal handler's thread).
    public func interrupt() { interpreter.interruptFlag.raise() }

    /// Evaluates one expression (for meta-commands like `:shapes x`); no echo.
    public func evaluate(_ expression: String) throws -> Value {
        var result: Result<Value, Error> = .success(.none)
        let interp = interpreter
        worker.sync {
            result = Result {
                var lexer = Lexer(expression)
                var parser = Parser(tokens: try lexer.run())
                let expr = try parser.parseExpressionList()
                guard case .newline = parser.current.kind else { throw parser.unexpected() }
                return try interp.withRange(expr.range) { try interp.eval(expr, interp.moduleFrame) }
            }
        }
        return try result.get()
    }

    /// Runs `body` on the session's thread, where its per-thread tensor state lives (the generator that
    /// `torch.manual_seed` seeded, grad mode, op tracing). Inspection commands use it.
    public func perform<T>(_ body: @escaping () throws -> T) throws -> T {
        var result: Result<T, Error>?
        worker.sync { result = Result { try body() } }
        guard let result else { throw LangError("RuntimeError", "the session thread did not run the request") }
        return try result.get()
    }

    /// The session's variables in definition order.
    public var globals: [(name: String, value: Value)] { interpreter.orderedGlobals }

    /// The interpreter, for bindings and tools that need `repr`, `call` or attribute access.
    public var interpreterForBindings: Interpreter { interpreter }

    /// Python's repr of a value, as the REPL would echo it.
    public func repr(_ value: Value) -> String { (try? interpreter.repr(value)) ?? "<\(value.typeName)>" }

    /// What `help(value)` prints.
    public func helpText(_ value: Value) -> String { interpreter.helpText(value) }
}
