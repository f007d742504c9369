// The read-eval-print loop: prompts, continuation lines, meta-commands, Ctrl-C and Ctrl-D, history, terminal restore.
import Foundation

/// Runs the interactive loop on a `LineReader` until Ctrl-D or `:quit`.
public final class ReplLoop {
    private let reader: LineReader
    private let engine: ReplEngine
    private let history: HistoryStore?
    private let color: Bool

    /// - Parameters:
    ///   - reader: libedit on a terminal, plain reading otherwise.
    ///   - history: where entered commands are appended as they are entered; nil keeps no file.
    ///   - color: whether prompts are coloured.
    public init(reader: LineReader, engine: ReplEngine, history: HistoryStore?, color: Bool) {
        self.reader = reader
        self.engine = engine
        self.history = history
        self.color = color
        if let history {
            for entry in history.load() { reader.addHistory(entry) }
        }
    }

    private func styled(_ prompt: String) -> String {
        color ? "\u{1B}[1;32m\(prompt)\u{1B}[0m" : prompt
    }

    /// Loops until the input ends or `:quit`; returns the process exit status.
    public func run() -> Int32 {
        var pending = InputAccumulator()
        var prefill: String? = nil
        while true {
            let prompt = styled(pending.prompt)
            if let text = prefill, let editor = reader as? EditLineReader {
                editor.prefill(text)
                prefill = nil
            }
            switch reader.readLine(prompt: prompt) {
            case .endOfInput:
                if !pending.isEmpty, let source = pending.add("") {
                    execute(source)
                    if let status = engine.exitStatus { return status }
                }
                print("")
                return 0
            case .interrupted:
                pending.reset()
                print("KeyboardInterrupt")
            case .line(let line):
                if pending.isEmpty, line.trimmingCharacters(in: .whitespaces).hasPrefix(":") {
                    record(line)
                    let trimmed = line.trimmingCharacters(in: .whitespaces).dropFirst()
                    let name = String(trimmed.prefix { !$0.isWhitespace })
                    let arguments = trimmed.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
                    switch engine.meta(name, arguments: arguments) {
                    case .quit: return 0
                    case .prefill(let text): prefill = text
                    case .ok, .failed: break
                    }
                    continue
                }
                if let source = pending.add(line) {
                    execute(source)
                    if let status = engine.exitStatus { return status }
                }
            }
        }
    }

    private func record(_ entry: String) {
        reader.addHistory(entry)
        if let history, let error = history.append(entry) {
            FileHandle.standardError.write("warning: \(error)\n".data(using: .utf8) ?? Data())
        }
    }

    private func execute(_ source: String) {
        record(source)
        _ = engine.run(source)
        if let text = engine.takePrefill(), let editor = reader as? EditLineReader {
            editor.prefill(text)
        }
    }
}
