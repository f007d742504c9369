// Replays a parsed lesson in one executor, top to bottom, and compares every statement with its expected output.
import Foundation

/// Runs lessons in-process. (Time limits need a child process: see ``ChildReplay``.)
public struct LessonRunner: Sendable {
    /// Stop at the first failing cell; later cells are reported as not run.
    public var failFast: Bool

    public init(failFast: Bool = false) { self.failFast = failFast }

    /// Replays `lesson` in `executor` after resetting it.
    /// - Parameters:
    ///   - onCellStart: called before a cell runs (with its index), e.g. to start a watchdog.
    ///   - onStatementStart: called with the line of each statement (or check) before it runs.
    ///   - onCellFinish: called with each cell's report as soon as it is known.
    public func run(
        _ lesson: Lesson, executor: any CellExecutor,
        onCellStart: (Int) -> Void = { _ in }, onStatementStart: (Int) -> Void = { _ in },
        onCellFinish: (CellReport) -> Void = { _ in }
    ) -> LessonReport {
        let started = Date()
        executor.reset()
        var reports: [CellReport] = []
        var stopped = false
        for cell in lesson.cells {
            let report: CellReport
            if stopped {
                report = CellReport(index: cell.index, line: cell.openLine, status: .notRun)
            } else if cell.flags.skip {
                report = CellReport(index: cell.index, line: cell.openLine, status: .skipped)
            } else {
                onCellStart(cell.index)
                report = runCell(cell, executor: executor, onStatementStart: onStatementStart)
                if failFast && report.status == .failed { stopped = true }
            }
            onCellFinish(report)
            reports.append(report)
        }
        return LessonReport(path: lesson.path, cells: reports, seconds: Date().timeIntervalSince(started))
    }

    /// Runs one cell's statements (and an exercise's checks) and judges them.
    public func runCell(
        _ cell: Cell, executor: any CellExecutor, onStatementStart: (Int) -> Void = { _ in }
    ) -> CellReport {
        let started = Date()
        let matcher = OutputMatcher(tolerance: cell.flags.tolerance)
        var statements: [StatementReport] = []
        var failures: [ReplayFailure] = []
        for (position, statement) in cell.statements.enumerated() {
            onStatementStart(statement.line)
            let result = executor.execute(statement.source)
            let errorExpected = cell.flags.expectsError && position == cell.statements.count - 1
            let (status, failure) = judge(statement, result: result, errorExpected: errorExpected, matcher: matcher)
            statements.append(StatementReport(line: statement.line, status: status, actual: result))
            if let failure { failures.append(failure) }
        }
        for check in cell.exercise?.checks ?? [] {
            onStatementStart(check.line)
            let result = executor.execute(check.expression)
            let lines = result.lines
            if result.failed || lines != ["True"] {
                let gave = lines.isEmpty ? "no output" : lines.joined(separator: "\n")
                failures.append(ReplayFailure(
                    line: check.line, message: "check failed: `\(check.expression)` gave \(gave)", source: nil, diff: []))
            }
        }
        return CellReport(
            index: cell.index, line: cell.openLine, status: failures.isEmpty ? .passed : .failed,
            statements: statements, failures: failures, seconds: Date().timeIntervalSince(started))
    }

    func judge(
        _ statement: Statement, result: ExecutionResult, errorExpected: Bool, matcher: OutputMatcher
    ) -> (StatementStatus, ReplayFailure?) {
        let expected = statement.expectedText
        let actual = result.lines
        let status: StatementStatus
        let message: String
        if errorExpected && !result.failed {
            status = .missingError
            message = "expected an error, but the statement succeeded"
        } else if !errorExpected && result.failed {
            status = .unexpectedError
            message = "unexpected error"
        } else if matcher.matches(expected: expected, actual: actual) {
            return (.passed, nil)
        } else {
            status = .mismatch
            message = result.failed ? "error text differs" : "output differs"
        }
        let steps = alignOutput(expected: expected, actual: actual, matcher: matcher)
        let line = firstDifferenceLine(statement, steps: steps)
        let diff = unifiedDiff(expected: expected, actual: actual, steps: steps)
        return (status, ReplayFailure(line: line, message: message, source: statement.source, diff: diff))
    }

    /// The lesson line where expected and actual part: the first removed expected line, or where an added line would go.
    func firstDifferenceLine(_ statement: Statement, steps: [AlignmentStep]) -> Int {
        let lines = statement.expected.map(\.number)
        for (position, step) in steps.enumerated() {
            switch step {
            case .removed(let e): return lines[e]
            case .added:
                for later in steps[position...] {
                    if case .removed(let e) = later { return lines[e] }
                    if case .same(let e, _) = later { return lines[e] }
                    if case .elided(let e, _) = later { return lines[e] }
                }
                return (lines.last ?? statement.lastSourceLine) + 1
            default: continue
            }
        }
        return statement.line
    }
}
