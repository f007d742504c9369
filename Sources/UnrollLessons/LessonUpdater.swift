// Rewrites a lesson's expected outputs from a replay, touching only output lines and keeping elisions that still match.
import Foundation

/// `unroll replay --update`: expected output becomes actual output, everything else stays byte for byte.
public enum LessonUpdater {
    /// The result of updating one lesson.
    public struct Outcome: Sendable, Equatable {
        /// The new file text.
        public var text: String
        /// How many statements got new expected output.
        public var updatedStatements: Int
        /// Statements left alone, as `file:line: reason`.
        public var notes: [String]
    }

    /// Computes the updated text of `lesson` given a replay `report` of it.
    public static func update(_ lesson: Lesson, report: LessonReport) -> Outcome {
        var edits: [(range: Range<Int>, lines: [String])] = []
        var notes: [String] = []
        for (cell, cellReport) in zip(lesson.cells, report.cells) {
            let matcher = OutputMatcher(tolerance: cell.flags.tolerance)
            for (statement, statementReport) in zip(cell.statements, cellReport.statements) {
                switch statementReport.status {
                case .passed: continue
                case .unexpectedError:
                    notes.append("\(lesson.path):\(statement.line): not updated: the statement ended in an error (mark the cell `error` if that is intended)")
                    continue
                case .missingError:
                    notes.append("\(lesson.path):\(statement.line): not updated: the `error` cell's last statement no longer fails")
                    continue
                case .mismatch: break
                }
                let expected = statement.expectedText
                let actual = statementReport.actual.lines
                let steps = alignOutput(expected: expected, actual: actual, matcher: matcher)
                let indent = String(lesson.lines[safe: statement.line - 1]?.prefix(while: { $0 == " " }) ?? "")
                var newLines: [String] = []
                for step in steps {
                    switch step {
                    case .same(let e, _), .elided(let e, _):
                        newLines.append(lesson.lines[safe: statement.expected[e].number - 1] ?? indent + expected[e])
                    case .removed: continue
                    case .added(let a): newLines.append(indent + escapeOutputLine(actual[a], first: newLines.isEmpty))
                    }
                }
                if let first = statement.expected.first, let last = statement.expected.last {
                    edits.append((first.number - 1..<last.number, newLines))
                } else {
                    edits.append((statement.lastSourceLine..<statement.lastSourceLine, newLines))
                }
            }
        }
        var lines = lesson.lines
        for edit in edits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            lines.replaceSubrange(edit.range, with: edit.lines)
        }
        let separator = lesson.usesCRLF ? "\r\n" : "\n"
        var text = lines.joined(separator: separator)
        if lesson.endsWithNewline && !lines.isEmpty { text += separator }
        return Outcome(text: text, updatedStatements: edits.count, notes: notes)
    }

    /// Writes an output line so that it reads back as exactly that output: an empty line becomes `<BLANKLINE>`;
    /// a line that would read as a prompt, a continuation, a fence or a marker gets a leading `[..]` (which matches nothing).
    public static func escapeOutputLine(_ line: String, first: Bool) -> String {
        let line = trimTrailingWhitespace(line)
        if line.isEmpty { return OutputMatcher.blankLine }
        let looksLikePrompt = line == ">>>" || line.hasPrefix(">>> ")
        let looksLikeContinuation = first && (line == "..." || line.hasPrefix("... "))
        if looksLikePrompt || looksLikeContinuation || Fence(opening: line) != nil || line == OutputMatcher.blankLine {
            return OutputMatcher.inlineElision + line
        }
        return line
    }

    /// Updates the lesson file in place (atomically) when anything changed.
    @discardableResult
    public static func updateFile(_ lesson: Lesson, report: LessonReport) throws -> Outcome {
        let outcome = update(lesson, report: report)
        if outcome.updatedStatements > 0 { try AtomicFile.write(outcome.text, to: lesson.path) }
        return outcome
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
