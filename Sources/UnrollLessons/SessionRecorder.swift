// Records a REPL session (statements, their actual output, :note prose) and writes it as a lesson that replays green.
import Foundation

/// Accumulates a session for `:record FILE` and renders it in the lesson format.
///
/// Consecutive statements share a cell; a note ends the cell and becomes a paragraph; a statement that ends
/// in an error ends its cell, which is marked `error`, so the recorded file replays as it ran.
public struct SessionRecorder: Sendable {
    enum Entry: Sendable {
        case statement(String, ExecutionResult)
        case note(String)
    }

    /// The lesson's `# ` heading.
    public var title: String
    private var entries: [Entry] = []

    public init(title: String) { self.title = title }

    /// How many statements have been recorded.
    public var statementCount: Int {
        entries.reduce(0) { count, entry in if case .statement = entry { count + 1 } else { count } }
    }

    /// Records a statement (as typed, possibly several lines) with what running it produced.
    public mutating func record(_ source: String, result: ExecutionResult) {
        let trimmed = source.split(separator: "\n", omittingEmptySubsequences: false).map { trimTrailingWhitespace(String($0)) }
        var lines = trimmed[...]
        while let last = lines.last, last.isEmpty, lines.count > 1 { lines = lines.dropLast() }
        guard !lines.joined().allSatisfy(\.isWhitespace) else { return }
        entries.append(.statement(lines.joined(separator: "\n"), result))
    }

    /// Adds prose (`:note TEXT`) between cells.
    public mutating func note(_ text: String) {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !text.isEmpty { entries.append(.note(text)) }
    }

    /// The lesson text.
    public func render() -> String {
        var out = ["# \(title)"]
        var cell: [String] = []
        func closeCell(error: Bool) {
            guard !cell.isEmpty else { return }
            out.append("")
            out.append(error ? "```unroll error" : "```unroll")
            out.append(contentsOf: cell)
            out.append("```")
            cell = []
        }
        for entry in entries {
            switch entry {
            case .note(let text):
                closeCell(error: false)
                out.append("")
                out.append(text)
            case .statement(let source, let result):
                for (position, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let prompt = position == 0 ? ">>>" : "..."
                    cell.append(line.isEmpty ? prompt : "\(prompt) \(line)")
                }
                for (position, line) in result.lines.enumerated() {
                    cell.append(LessonUpdater.escapeOutputLine(line, first: position == 0))
                }
                if result.failed { closeCell(error: true) }
            }
        }
        closeCell(error: false)
        return out.joined(separator: "\n") + "\n"
    }

    /// Writes the lesson to `path` atomically.
    public func write(to path: String) throws { try AtomicFile.write(render(), to: path) }
}
