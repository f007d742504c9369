// The parsed form of a lesson file: prose blocks and doctest-style cells with exact line numbers.
import Foundation


/// A line of the lesson file together with its 1-based line number.
public struct NumberedLine: Sendable, Equatable, Codable {
    /// 1-based line number in the lesson file.
    public var number: Int
    /// The line's text (without the line terminator).
    public var text: String

    public init(number: Int, text: String) {
        self.number = number
        self.text = text
    }
}

/// One statement of a cell: the `>>> ` line, its `... ` continuations and the expected output after them.
public struct Statement: Sendable, Equatable {
    /// The source lines with the `>>> ` / `... ` prompts removed.
    public var sourceLines: [NumberedLine]
    /// The expected output lines, as written (elisions included, `<BLANKLINE>` not yet translated).
    public var expected: [NumberedLine]

    /// The line number of the `>>> ` line.
    public var line: Int { sourceLines.first?.number ?? 0 }
    /// The line number of the last source line (`>>> ` or `... `).
    public var lastSourceLine: Int { sourceLines.last?.number ?? line }
    /// The statement's source as handed to the executor: prompt-less lines joined by newlines,
    /// with trailing blank continuation lines removed.
    public var source: String {
        var lines = sourceLines.map(\.text)
        while let last = lines.last, last.allSatisfy(\.isWhitespace), lines.count > 1 { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
    /// The expected output lines as text.
    public var expectedText: [String] { expected.map(\.text) }

    public init(sourceLines: [NumberedLine], expected: [NumberedLine]) {
        self.sourceLines = sourceLines
        self.expected = expected
    }
}

/// How far a float in the output may drift from the expected one beyond what its printed precision allows.
public struct Tolerance: Sendable, Equatable, Codable {
    /// `|actual - expected| <= value * max(1, |expected|)`: absolute below 1, relative above.
    public var value: Double

    public init(_ value: Double) { self.value = value }
}

/// The flags written after `unroll` in a cell's info string.
public struct CellFlags: Sendable, Equatable {
    /// Shown but not run.
    public var skip = false
    /// The cell's last statement must end in an error whose text is compared.
    public var expectsError = false
    /// An exercise: directives (`# check:`, `# hint:`) then a `# solution:` session.
    public var exercise = false
    /// A widened float tolerance (`tolerance=1e-3`).
    public var tolerance: Tolerance?
    /// A per-cell time limit in seconds (`timeout=120`), overriding the run's default.
    public var timeout: Double?
    /// Runs in Unroll as usual, but shows what only Unroll shows (a terminal plot, `:` output), so
    /// tools/lessons_pytorch.py leaves it out when checking the lesson against real PyTorch.
    public var unrollOnly = false

    public init() {}

    /// The info string these flags are written as, e.g. `unroll error tolerance=0.001`.
    public var infoString: String {
        var words = ["unroll"]
        if skip { words.append("skip") }
        if expectsError { words.append("error") }
        if exercise { words.append("exercise") }
        if unrollOnly { words.append("unroll-only") }
        if let tolerance { words.append("tolerance=\(formatFlagNumber(tolerance.value))") }
        if let timeout { words.append("timeout=\(formatFlagNumber(timeout))") }
        return words.joined(separator: " ")
    }
}

func formatFlagNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return String(value)
}

/// A check of an exercise cell: an expression that must evaluate to `True`.
public struct ExerciseCheck: Sendable, Equatable {
    public var line: Int
    public var expression: String
}

/// The learner-facing parts of an exercise cell.
public struct Exercise: Sendable, Equatable {
    /// Optional task lines (`# task: ...`), joined; the prose around the cell usually says the rest.
    public var task: [String]
    /// Expressions that must all print `True` once the learner's code ran.
    public var checks: [ExerciseCheck]
    /// Hints, shown one at a time on request.
    public var hints: [String]
    /// The line of the `# solution:` marker.
    public var solutionLine: Int
}

/// A fenced ```` ```unroll ```` block.
public struct Cell: Sendable, Equatable {
    /// 0-based position among the lesson's cells.
    public var index: Int
    public var flags: CellFlags
    /// Line of the opening fence.
    public var openLine: Int
    /// Line of the closing fence.
    public var closeLine: Int
    /// The statements to run (for an exercise: its solution).
    public var statements: [Statement]
    /// Present exactly when `flags.exercise` is set.
    public var exercise: Exercise?
}

/// A block of the lesson in file order.
public enum LessonBlock: Sendable, Equatable {
    /// Markdown prose (including any non-`unroll` fenced blocks), with the line it starts on.
    case prose(text: String, line: Int)
    case cell(Cell)
}

/// A parsed lesson file.
public struct Lesson: Sendable, Equatable {
    /// The path the lesson was read from, as given (used in every message).
    public var path: String
    public var blocks: [LessonBlock]
    /// The file's lines, kept for `--update`.
    public var lines: [String]
    /// Whether the file used CRLF line endings.
    public var usesCRLF: Bool
    /// Whether the file ended with a line terminator.
    public var endsWithNewline: Bool

    /// The cells in file order.
    public var cells: [Cell] {
        blocks.compactMap { if case .cell(let cell) = $0 { return cell } else { return nil } }
    }

    /// The first `# ` heading of the lesson, if any.
    public var title: String? {
        for line in lines where line.hasPrefix("# ") {
            return String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}

/// A lesson that could not be parsed: `file:line: message`.
public struct LessonError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    /// `file:line: message`, or `file: message` for problems with the file as a whole (line 0).
    public var description: String { line > 0 ? "\(path):\(line): \(message)" : "\(path): \(message)" }
}
