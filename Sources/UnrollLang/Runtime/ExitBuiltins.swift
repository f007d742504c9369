// `exit()` and `quit()`: Python's site builtins that end the session (SystemExit), and their repr as a reminder.

/// Thrown by `exit(code)`; it unwinds like an error but the hosts end the process with `status` instead of printing.
struct ExitRequest: Error {
    var status: Int32
    /// A non-integer argument, which Python prints on stderr (status 1).
    var message: String?
}

/// `exit` / `quit` as values: `quit` alone prints how to leave, as Python's REPL does.
final class Quitter: HostObject {
    let name: String
    init(_ name: String) { self.name = name }
    var typeName: String { "Quitter" }
    func repr(_ interp: Interpreter) throws -> String { "Use \(name)() or Ctrl-D (i.e. EOF) to exit" }

    func call(_ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value? {
        let a = try Arguments(name, ["code"], args, kwargs)
        switch a["code"] {
        case nil: throw ExitRequest(status: 0)
        case .int(let n)?: throw ExitRequest(status: Int32(truncatingIfNeeded: n))
        case .bool(let b)?: throw ExitRequest(status: b ? 1 : 0)
        case .str(let s)?: throw ExitRequest(status: 1, message: s)
        case let other?: throw ExitRequest(status: 1, message: try interp.str(other))
        }
    }
}

extension Interpreter {
    func installExitBuiltins() {
        builtins["exit"] = .object(Quitter("exit"))
        builtins["quit"] = .object(Quitter("quit"))
    }
}
