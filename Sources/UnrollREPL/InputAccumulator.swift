// Decides when typed lines form a complete statement: open brackets, trailing colons and blocks ended by a blank line.
import Foundation

/// Collects lines the way Python's REPL does: a line ending in `:` or leaving a bracket or triple-quoted
/// string open asks for more (`... ` prompt), and an indented block continues until a blank line.
public struct InputAccumulator {
    public private(set) var lines: [String] = []
    private var inBlock = false

    public init() {}

    /// True when nothing has been typed for the current statement.
    public var isEmpty: Bool { lines.isEmpty }

    /// The prompt to show for the next line.
    public var prompt: String { lines.isEmpty ? ">>> " : "... " }

    /// Adds a line; returns the complete source when the statement is finished, else nil.
    public mutating func add(_ line: String) -> String? {
        if lines.isEmpty && line.trimmingCharacters(in: .whitespaces).isEmpty {
            return nil
        }
        if inBlock {
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                return finish()
            }
            lines.append(line)
            return nil
        }
        lines.append(line)
        let source = lines.joined(separator: "\n")
        let state = InputAccumulator.scan(source)
        if state.openBrackets > 0 || state.openTripleQuote || state.endsWithBackslash {
            return nil
        }
        if state.lastCodeCharacter == ":" {
            inBlock = true
            return nil
        }
        return finish()
    }

    /// Drops what was typed so far (Ctrl-C at a continuation prompt).
    public mutating func reset() {
        lines = []
        inBlock = false
    }

    private mutating func finish() -> String {
        let source = lines.joined(separator: "\n")
        reset()
        return source
    }

    struct ScanState {
        var openBrackets = 0
        var openTripleQuote = false
        var endsWithBackslash = false
        var lastCodeCharacter: Character? = nil
    }

    /// Scans source for bracket depth and string state, ignoring brackets inside strings and comments.
    static func scan(_ source: String) -> ScanState {
        var state = ScanState()
        let chars = Array(source)
        var i = 0
        var quote: Character? = nil
        var triple = false
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                if c == "\\" { i += 2; continue }
                if triple {
                    if c == q && i + 2 < chars.count && chars[i + 1] == q && chars[i + 2] == q {
                        quote = nil; triple = false; i += 3; continue
                    }
                } else if c == q || c == "\n" {
                    quote = nil
                }
                i += 1
                continue
            }
            switch c {
            case "#":
                while i < chars.count && chars[i] != "\n" { i += 1 }
                continue
            case "\"", "'":
                if i + 2 < chars.count && chars[i + 1] == c && chars[i + 2] == c {
                    quote = c; triple = true; i += 3; continue
                }
                quote = c
            case "(", "[", "{": state.openBrackets += 1
            case ")", "]", "}": state.openBrackets = max(0, state.openBrackets - 1)
            default: break
            }
            if !c.isWhitespace { state.lastCodeCharacter = c }
            i += 1
        }
        state.openTripleQuote = quote != nil && triple
        state.endsWithBackslash = source.hasSuffix("\\")
        return state
    }
}
