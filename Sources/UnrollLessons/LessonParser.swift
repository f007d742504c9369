// Turns a lesson's Markdown into prose blocks and doctest cells, reporting malformed input as file:line errors.
import Foundation

/// Parses lesson Markdown. Never traps: every malformed input becomes a ``LessonError``.
public enum LessonParser {
    /// Reads and parses the lesson at `path`.
    public static func parse(fileAt path: String) throws(LessonError) -> Lesson {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LessonError(path: path, line: 0, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LessonError(path: path, line: 0, message: "the file is not valid UTF-8")
        }
        return try parse(text, path: path)
    }

    /// Parses lesson text; `path` is used in messages.
    public static func parse(_ text: String, path: String) throws(LessonError) -> Lesson {
        let usesCRLF = text.contains("\r\n")
        let endsWithNewline = text.hasSuffix("\n")
        // "\r\n" is one Character in Swift, so normalise before splitting.
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if endsWithNewline, lines.last == "" { lines.removeLast() }

        var blocks: [LessonBlock] = []
        var prose: [String] = []
        var proseStart = 1
        var cellCount = 0
        var index = 0

        func flushProse() {
            if !prose.isEmpty { blocks.append(.prose(text: prose.joined(separator: "\n"), line: proseStart)) }
            prose = []
        }

        while index < lines.count {
            let lineNumber = index + 1
            guard let fence = Fence(opening: lines[index]) else {
                if prose.isEmpty { proseStart = lineNumber }
                prose.append(lines[index])
                index += 1
                continue
            }
            guard let closeIndex = (index + 1..<lines.count).first(where: { fence.isClosed(by: lines[$0]) }) else {
                throw LessonError(path: path, line: lineNumber, message: "unclosed code fence: no closing \(fence.marker) line")
            }
            let words = fence.info.split(whereSeparator: \.isWhitespace).map(String.init)
            guard words.first == "unroll" else {
                if prose.isEmpty { proseStart = lineNumber }
                prose.append(contentsOf: lines[index...closeIndex])
                index = closeIndex + 1
                continue
            }
            flushProse()
            let flags = try parseFlags(Array(words.dropFirst()), path: path, line: lineNumber)
            let body = (index + 1..<closeIndex).map { NumberedLine(number: $0 + 1, text: fence.strippingIndent(lines[$0])) }
            let cell = try parseCell(
                body, flags: flags, index: cellCount, openLine: lineNumber, closeLine: closeIndex + 1, path: path)
            blocks.append(.cell(cell))
            cellCount += 1
            index = closeIndex + 1
        }
        flushProse()
        return Lesson(path: path, blocks: blocks, lines: lines, usesCRLF: usesCRLF, endsWithNewline: endsWithNewline)
    }

    static let knownFlags = "skip, error, exercise, unroll-only, tolerance=NUMBER, timeout=SECONDS"

    static func parseFlags(_ words: [String], path: String, line: Int) throws(LessonError) -> CellFlags {
        var flags = CellFlags()
        var seen: Set<String> = []
        for word in words {
            let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            let value = parts.count > 1 ? String(parts[1]) : nil
            guard seen.insert(name).inserted else {
                throw LessonError(path: path, line: line, message: "cell flag '\(name)' given twice")
            }
            switch (name, value) {
            case ("skip", nil): flags.skip = true
            case ("error", nil): flags.expectsError = true
            case ("exercise", nil): flags.exercise = true
            case ("unroll-only", nil): flags.unrollOnly = true
            case ("tolerance", let value?), ("timeout", let value?):
                guard let number = Double(value), number.isFinite, number > 0 else {
                    throw LessonError(
                        path: path, line: line,
                        message: "bad value for \(name): '\(value)' (expected a positive number, e.g. \(name)=\(name == "tolerance" ? "1e-3" : "120"))")
                }
                if name == "tolerance" { flags.tolerance = Tolerance(number) } else { flags.timeout = number }
            case ("skip", _?), ("error", _?), ("exercise", _?), ("unroll-only", _?):
                throw LessonError(path: path, line: line, message: "cell flag '\(name)' takes no value")
            case ("tolerance", nil), ("timeout", nil):
                throw LessonError(path: path, line: line, message: "cell flag '\(name)' needs a value, e.g. \(name)=\(name == "tolerance" ? "1e-3" : "120")")
            default:
                throw LessonError(path: path, line: line, message: "unknown cell flag '\(word)' (known: \(knownFlags))")
            }
        }
        if flags.exercise && flags.expectsError {
            throw LessonError(path: path, line: line, message: "cell flags 'exercise' and 'error' cannot be combined")
        }
        return flags
    }

    static func parseCell(
        _ body: [NumberedLine], flags: CellFlags, index: Int, openLine: Int, closeLine: Int, path: String
    ) throws(LessonError) -> Cell {
        var session = body[...]
        var exercise: Exercise?
        if flags.exercise {
            let (parsed, rest) = try parseExerciseDirectives(body, openLine: openLine, path: path)
            exercise = parsed
            session = rest
        }
        let statements = try parseSession(session, path: path)
        if statements.isEmpty {
            let message = flags.exercise ? "the exercise's `# solution:` has no `>>>` statement" : "cell has no `>>>` statement"
            throw LessonError(path: path, line: openLine, message: message)
        }
        return Cell(
            index: index, flags: flags, openLine: openLine, closeLine: closeLine, statements: statements, exercise: exercise)
    }

    /// Reads `# task:`, `# check:` and `# hint:` lines up to `# solution:`; returns the rest as the solution session.
    static func parseExerciseDirectives(
        _ body: [NumberedLine], openLine: Int, path: String
    ) throws(LessonError) -> (Exercise, ArraySlice<NumberedLine>) {
        var task: [String] = []
        var checks: [ExerciseCheck] = []
        var hints: [String] = []
        for (position, line) in body.enumerated() {
            let text = line.text.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            if text == "# solution:" {
                guard !checks.isEmpty else {
                    throw LessonError(path: path, line: openLine, message: "exercise cell has no `# check:` line")
                }
                let exercise = Exercise(task: task, checks: checks, hints: hints, solutionLine: line.number)
                return (exercise, body[(position + 1)...])
            }
            if let rest = directive(text, "# check:") {
                guard !rest.isEmpty else {
                    throw LessonError(path: path, line: line.number, message: "`# check:` needs an expression that should be True")
                }
                checks.append(ExerciseCheck(line: line.number, expression: rest))
            } else if let rest = directive(text, "# hint:") {
                hints.append(rest)
            } else if let rest = directive(text, "# task:") {
                task.append(rest)
            } else {
                throw LessonError(
                    path: path, line: line.number,
                    message: "in an exercise cell, expected `# task:`, `# check:`, `# hint:` or `# solution:` before the solution")
            }
        }
        throw LessonError(path: path, line: openLine, message: "exercise cell has no `# solution:` section")
    }

    static func directive(_ text: String, _ prefix: String) -> String? {
        guard text.hasPrefix(prefix) else { return nil }
        return String(text.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
    }

    /// Parses `>>> ` / `... ` / expected-output lines into statements.
    static func parseSession(_ lines: ArraySlice<NumberedLine>, path: String) throws(LessonError) -> [Statement] {
        var statements: [Statement] = []
        var current: Statement?
        var outputEnded = false

        for line in lines {
            let text = line.text
            if let source = promptContent(text, prompt: ">>>") {
                if let finished = current { statements.append(finished) }
                guard !source.allSatisfy(\.isWhitespace) else {
                    throw LessonError(path: path, line: line.number, message: "empty statement after `>>>`")
                }
                current = Statement(sourceLines: [NumberedLine(number: line.number, text: source)], expected: [])
                outputEnded = false
                continue
            }
            guard var statement = current else {
                if text.allSatisfy(\.isWhitespace) { continue }
                throw LessonError(path: path, line: line.number, message: "output before any `>>>` statement")
            }
            if statement.expected.isEmpty, !outputEnded, let source = promptContent(text, prompt: "...") {
                statement.sourceLines.append(NumberedLine(number: line.number, text: source))
            } else if text.allSatisfy(\.isWhitespace) {
                outputEnded = true
            } else if outputEnded {
                throw LessonError(
                    path: path, line: line.number,
                    message: "expected output continues after a blank line; write <BLANKLINE> for an empty line of output")
            } else {
                statement.expected.append(line)
            }
            current = statement
        }
        if let finished = current { statements.append(finished) }
        return statements
    }

    /// `>>> x` gives `x`, a bare `>>>` gives ``; anything else nil.
    static func promptContent(_ text: String, prompt: String) -> String? {
        guard text.hasPrefix(prompt) else { return nil }
        let rest = text.dropFirst(prompt.count)
        if rest.isEmpty { return "" }
        if rest.hasPrefix(" ") { return String(rest.dropFirst()) }
        return nil
    }
}

/// A CommonMark-style code fence opening (``` or ~~~, up to three spaces of indent).
struct Fence {
    let character: Character
    let length: Int
    let indent: Int
    let info: String

    var marker: String { String(repeating: character, count: length) }

    init?(opening line: String) {
        let indent = line.prefix(while: { $0 == " " }).count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        guard let first = rest.first, first == "`" || first == "~" else { return nil }
        let length = rest.prefix(while: { $0 == first }).count
        guard length >= 3 else { return nil }
        let info = rest.dropFirst(length).trimmingCharacters(in: .whitespaces)
        if first == "`" && info.contains("`") { return nil }
        self.character = first
        self.length = length
        self.indent = indent
        self.info = info
    }

    func isClosed(by line: String) -> Bool {
        let indent = line.prefix(while: { $0 == " " }).count
        guard indent <= 3 else { return false }
        let rest = line.dropFirst(indent)
        let run = rest.prefix(while: { $0 == character }).count
        return run >= length && rest.dropFirst(run).allSatisfy(\.isWhitespace)
    }

    /// Removes up to the fence's indentation from a content line, as CommonMark does.
    func strippingIndent(_ line: String) -> String {
        let spaces = min(indent, line.prefix(while: { $0 == " " }).count)
        return String(line.dropFirst(spaces))
    }
}
