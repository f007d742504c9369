// Stdin mode: a piped script runs statement by statement, `:` commands included, with no prompts and no colours.
import Foundation
import UnrollLang

/// What `unroll` does when stdin is not a terminal: every top-level statement runs as the REPL would run it
/// (expression values echoed, an error printed and the run continued), and a line starting with `:` at the
/// left margin is a meta-command (`:shapes rnn`, `:trace rnn(x)`, `:seed 0`, ...), exactly as typed at the prompt.
public enum StdinMode {
    /// Runs `lines` through `host`; returns the exit status: 1 when any statement or command failed, else 0.
    /// `:quit` stops the run early.
    public static func run(lines: [String], host: ReplHost) -> Int32 {
        var status: Int32 = 0
        var code: [String] = []
        /// Runs the statements gathered so far; false once one of them called `exit()`.
        func runPendingCode() -> Bool {
            defer { code = [] }
            for chunk in StatementSplitter.chunks(code) {
                if !host.run(chunk + "\n") { status = 1 }
                if let exit = host.exitStatus {
                    status = exit
                    return false
                }
            }
            return true
        }
        for line in lines {
            guard isMetaCommand(line) else {
                code.append(line)
                continue
            }
            guard runPendingCode() else { return status }
            let (name, arguments) = ReplHost.splitMeta(line.trimmingCharacters(in: .whitespaces))
            switch host.meta(name, arguments: arguments) {
            case .quit: return status
            case .failed: status = 1
            case .ok, .prefill: break
            }
        }
        _ = runPendingCode()
        return status
    }

    /// A meta-command line starts with `:` in the first column; an indented `:` belongs to the code around it.
    static func isMetaCommand(_ line: String) -> Bool {
        line.hasPrefix(":") && line.dropFirst().first.map { $0.isLetter } == true
    }

    /// Reads all of stdin and runs it with a language session and no lesson progress.
    public static func runStandardInput(lessonsDirectory: String?) -> Int32 {
        var lines: [String] = []
        while let line = readLine(strippingNewline: true) { lines.append(line) }
        let host = ReplHost(runner: LanguageRunner(), out: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
                            color: false, history: nil, lessonsDirectory: lessonsDirectory, progress: nil,
                            width: Terminal.width())
        return run(lines: lines, host: host)
    }
}
