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
                var written: [String] = []
                var newLines: [String] = []
                for step in steps {
                    switch step {
                    case .same(let e, _), .elided(let e, _):
                        newLines.append(lesson.lines[safe: statement.expected[e].number - 1] ?? indent + expected[e])
                    case .removed: continue
                    case .added(let a):
                        let line = actual[a].isEmpty ? OutputMatcher.blankLine : actual[a]
                        written.append(line)
                        newLines.append(indent + line)
                    }
                }
                if let reason = unrepresentable(written, startsOutput: steps.first.map { if case .added = $0 { true } else { false } } ?? false) {
                    notes.append("\(lesson.path):\(statement.line): not updated: \(reason)")
                    continue
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

    /// Why these output lines cannot be written back into a cell, if they cannot.
    static func unrepresentable(_ lines: [String], startsOutput: Bool) -> String? {
        for (position, line) in lines.enumerated() {
            if line == ">>>" || line.hasPrefix(">>> ") { return "an output line starts with `>>>`" }
            if position == 0, startsOutput, line == "..." || line.hasPrefix("... ") {
                return "the output starts with `...`, which would read as a continuation"
            }
            if Fence(opening: line) != nil { return "an output line looks like a code fence" }
        }
        return nil
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
