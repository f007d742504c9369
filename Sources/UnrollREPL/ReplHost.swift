// One learner session: runs statements through the language, dispatches meta-commands, records, and steps lessons.
import Foundation
import UnrollLang
import UnrollLessons

/// The REPL's engine and, for `unroll replay`, the lessons' executor. Statements go to the `StatementRunner`;
/// `:` commands are handled here (help, history, recording, lessons) or passed to the runner (inspection).
public final class ReplHost: ReplEngine, CellExecutor {
    let runner: StatementRunner
    /// Where text for the learner goes (stdout in the REPL; nil when replaying, where output is captured).
    let out: ((String) -> Void)?
    let color: Bool
    let history: HistoryStore?
    var recorder: SessionRecorder?
    var recordPath: String?
    let learn: LearnController
    private var prefill: String?

    public init(runner: StatementRunner, out: ((String) -> Void)?, color: Bool = false, history: HistoryStore? = nil,
                lessonsDirectory: String? = nil, progress: ProgressStore? = nil, width: Int = 80) {
        self.runner = runner
        self.out = out
        self.color = color
        self.history = history
        self.learn = LearnController(directory: lessonsDirectory, store: progress, width: width, color: color)
    }

    // MARK: CellExecutor (lesson replay): output captured, never printed

    public func reset() { runner.reset() }

    public func execute(_ source: String) -> ExecutionResult {
        let trimmed = source.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix(":") {
            let (name, arguments) = ReplHost.splitMeta(trimmed)
            return metaResult(name, arguments: arguments)
        }
        return PlotDisplay.withFixedSettings { runner.execute(source, live: nil) }  // lesson cells draw plots at 80×20
    }

    // MARK: ReplEngine (interactive)

    public var exitStatus: Int32? { runner.exitStatus }

    public func run(_ source: String) -> Bool {
        // While a lesson is stepped or a session recorded, plots keep the fixed size lessons replay at.
        let execute = { self.runner.execute(source, live: { [weak self] text in self?.emit(text) }) }
        let result = learn.isStepping || recorder != nil ? PlotDisplay.withFixedSettings(execute) : execute()
        if let error = result.error {
            emit(styledError(error) + "\n")
        }
        recorder?.record(source, result: result)
        if learn.isStepping {
            emit(learn.afterRun(source, result: result, executor: self))
            prefill = learn.pendingSource
        }
        return !result.failed
    }

    public func complete(_ textBeforeCursor: String) -> CompletionAnswer {
        let trimmed = textBeforeCursor.drop { $0 == " " }
        if trimmed.hasPrefix(":") && !trimmed.contains(" ") {
            let prefix = String(trimmed.dropFirst())
            return CompletionAnswer(replacing: prefix.count, candidates: MetaCommandCatalog.complete(prefix).map { $0 + " " })
        }
        return runner.complete(textBeforeCursor)
    }

    public func meta(_ command: String, arguments: String) -> MetaOutcome {
        if command == "quit" || command == "exit" || command == "q" { return .quit }
        let result = metaResult(command, arguments: arguments)
        if !result.output.isEmpty { emit(result.output.hasSuffix("\n") ? result.output : result.output + "\n") }
        if let error = result.error { emit(styledError(error) + "\n") }
        if let text = prefill {
            prefill = nil
            return .prefill(text)
        }
        return result.failed ? .failed : .ok
    }

    public func interrupt() { runner.interrupt() }

    /// A statement to put on the prompt next (lesson stepping), taken once.
    public func takePrefill() -> String? {
        defer { prefill = nil }
        return prefill
    }

    // MARK: meta-commands

    static func splitMeta(_ line: String) -> (String, String) {
        let body = line.hasPrefix(":") ? line.dropFirst() : Substring(line)
        let name = String(body.prefix { !$0.isWhitespace })
        let arguments = body.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        return (name, arguments)
    }

    /// Runs a meta-command and returns what it printed, as a statement's result.
    func metaResult(_ name: String, arguments: String) -> ExecutionResult {
        switch name {
        case "help":
            if arguments.isEmpty { return ExecutionResult(output: MetaCommandCatalog.overview() + "\n") }
            if let text = MetaCommandCatalog.help(arguments) { return ExecutionResult(output: text + "\n") }
            return runner.inspect("help", arguments: arguments)
                ?? ExecutionResult(output: "", error: "no help on '\(arguments)': try :help for the list")
        case "history":
            let count = Int(arguments) ?? 20
            let entries = history?.load() ?? []
            let shown = entries.suffix(max(count, 0))
            let start = entries.count - shown.count
            let lines = shown.enumerated().map { i, entry in
                String(format: "%5d  ", start + i + 1) + entry.replacingOccurrences(of: "\n", with: "\n       ")
            }
            return ExecutionResult(output: lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n")
        case "record":
            return record(arguments)
        case "note":
            guard recorder != nil else { return ExecutionResult(output: "", error: ":note needs a recording: start one with :record FILE") }
            recorder?.note(arguments)
            return ExecutionResult(output: "")
        case "reset":
            runner.reset()
            return ExecutionResult(output: "session reset: no variables\n")
        case "lessons", "learn", "next", "back", "run", "restart", "where", "check", "hint", "solution":
            let result = learn.command(name, arguments: arguments, executor: self)
            prefill = learn.pendingSource
            return result
        default:
            if let result = runner.inspect(name, arguments: arguments) { return result }
            // A unique command that starts with what was typed (`:hist`), else one within two edits (`:shpes`).
            let names = MetaCommandCatalog.all.map(\.name)
            let prefixed = name.isEmpty ? [] : names.filter { $0.hasPrefix(name) }
            let close = prefixed.count == 1 ? prefixed : names.filter { Levenshtein.distance($0, name) <= 2 }
            let hint = close.first.map { " (did you mean :\($0)?)" } ?? ""
            return ExecutionResult(output: "", error: "unknown command :\(name)\(hint); :help lists them")
        }
    }

    private func record(_ arguments: String) -> ExecutionResult {
        if arguments == "stop" {
            guard let recorder, let path = recordPath else {
                return ExecutionResult(output: "", error: "not recording: start with :record FILE")
            }
            do {
                try recorder.write(to: path)
            } catch {
                return ExecutionResult(output: "", error: "could not write \(path): \(error)")
            }
            self.recorder = nil
            recordPath = nil
            return ExecutionResult(output: "recorded \(recorder.statementCount) statements to \(path); replay it with: unroll replay \(path)\n")
        }
        guard !arguments.isEmpty else { return ExecutionResult(output: "", error: "usage: :record FILE | :record stop") }
        recordPath = arguments
        let title = URL(fileURLWithPath: arguments).deletingPathExtension().lastPathComponent
        recorder = SessionRecorder(title: title)
        return ExecutionResult(output: "recording to \(arguments); :note TEXT adds prose, :record stop writes the file\n")
    }

    private func emit(_ text: String) { out?(text) }

    private func styledError(_ text: String) -> String {
        color ? "\u{1B}[31m\(text)\u{1B}[0m" : text
    }
}

/// Edit distance for "did you mean" hints on meta-commands.
enum Levenshtein {
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
