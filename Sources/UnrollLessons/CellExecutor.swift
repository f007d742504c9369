// The one seam between lessons and the language: something that runs a statement and returns its output.
import Foundation

/// What running one statement produced.
public struct ExecutionResult: Sendable, Equatable, Codable {
    /// Everything the statement printed (`print` output and the echoed repr of an expression), newline-terminated lines.
    public var output: String
    /// The error the statement ended in, as the REPL shows it (no colours), or nil when it succeeded.
    public var error: String?

    public init(output: String, error: String? = nil) {
        self.output = output
        self.error = error
    }

    /// Whether the statement ended in an error.
    public var failed: Bool { error != nil }

    /// The lines a lesson compares against: the printed output, then the error text.
    public var lines: [String] {
        var text = output
        if let error {
            if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
            text += error
        }
        return outputLines(text)
    }
}

/// Splits printed text into lines: a final newline does not start an empty line, trailing whitespace is dropped.
public func outputLines(_ text: String) -> [String] {
    if text.isEmpty { return [] }
    let text = text.contains("\r\n") ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if text.hasSuffix("\n") { lines.removeLast() }
    return lines.map(trimTrailingWhitespace)
}

func trimTrailingWhitespace(_ line: String) -> String {
    var line = Substring(line)
    while let last = line.last, last.isWhitespace { line = line.dropLast() }
    return String(line)
}

/// Runs lesson statements in one interpreter session.
///
/// A lesson runs top to bottom in one executor after a ``reset()``; each statement is passed whole
/// (a `>>> ` line and its `... ` continuations, prompts removed, joined with newlines).
public protocol CellExecutor: AnyObject {
    /// Starts a fresh session: no variables, default settings.
    func reset()
    /// Runs one statement as the REPL would (an expression statement echoes its repr unless it is None)
    /// and returns what it printed and the error it ended in, if any. Must not throw or trap on bad input.
    func execute(_ source: String) -> ExecutionResult
}
