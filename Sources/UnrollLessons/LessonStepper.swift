// The state of `unroll learn`: which cell and statement come next, feedback on each run, navigation and exercises.
import Foundation

/// What the learner gets after running a lesson statement.
public enum StepFeedback: Sendable, Equatable {
    /// Output matches the lesson (show a quiet ✓).
    case matched
    /// The lesson's own code printed something else: a short diff.
    case differs(diff: [String])
    /// The learner edited the code and the output differs: their experiment, no complaint.
    case experiment
}

/// The answer to `:next` / `:back`.
public enum StepMove: Sendable, Equatable {
    case moved
    /// `:next` past an unsolved exercise: ask first, then call `next(force: true)`.
    case needsConfirmation(String)
    case atEnd
    case atStart
}

/// The result of checking an exercise.
public enum ExerciseFeedback: Sendable, Equatable {
    case solved
    /// Some checks failed; `solutionAvailable` after two misses.
    case missed(failedChecks: [String], misses: Int, hintAvailable: Bool, solutionAvailable: Bool)
    /// The current cell is not an exercise.
    case notAnExercise
}

/// Walks a learner through one lesson. Pure state: the REPL renders and runs; the stepper judges and moves.
///
/// Cells are visited in order; within a cell, statements are put on the prompt one by one (``pendingSource``).
/// Exercise cells have no pending source: the learner writes code, then ``checkExercise(executor:)`` runs the checks.
/// Moving back does not rewind the interpreter's variables; ``restart()`` starts from the top and the REPL
/// resets its interpreter.
public final class LessonStepper {
    public let lesson: Lesson
    public let fileName: String
    /// The current cell (0-based); equals the cell count when the lesson is done.
    public private(set) var cellIndex: Int
    /// The next statement of the current cell (0-based).
    public private(set) var statementIndex = 0
    public private(set) var progress: LessonProgress
    private var misses: [Int: Int] = [:]
    private var hintsShown: [Int: Int] = [:]
    private let cells: [Cell]

    /// Opens `lesson`, resuming at `progress.cell`.
    public init(lesson: Lesson, progress: LessonProgress = LessonProgress()) {
        self.lesson = lesson
        self.fileName = URL(fileURLWithPath: lesson.path).lastPathComponent
        self.cells = lesson.cells
        self.progress = progress
        self.cellIndex = min(max(0, progress.cell), lesson.cells.count)
    }

    public var cellCount: Int { cells.count }
    public var currentCell: Cell? { cells[safe: cellIndex] }
    public var isFinished: Bool { cellIndex >= cells.count }

    /// The statement to put on the prompt next, or nil (exercise cell, or lesson done).
    public var pendingStatement: Statement? {
        guard let cell = currentCell, !cell.flags.exercise, !cell.flags.skip else { return nil }
        return cell.statements[safe: statementIndex]
    }

    /// The code to put on the prompt, already typed.
    public var pendingSource: String? { pendingStatement?.source }

    /// The prose to show before the current cell: every prose block after the previous cell.
    public var proseBeforeCurrentCell: [String] {
        var prose: [String] = []
        var cellsSeen = 0
        for block in lesson.blocks {
            switch block {
            case .prose(let text, _): if cellsSeen == cellIndex { prose.append(text) }
            case .cell: cellsSeen += 1
            }
            if cellsSeen > cellIndex { break }
        }
        return prose
    }

    /// Records that the pending statement ran (as written, or as the learner edited it) and judges its output.
    /// Moves to the next statement, and past the cell when it was the last.
    public func ran(_ source: String, result: ExecutionResult) -> StepFeedback {
        guard let cell = currentCell, let statement = pendingStatement else { return .experiment }
        let edited = normalized(source) != normalized(statement.source)
        let errorExpected = cell.flags.expectsError && statementIndex == cell.statements.count - 1
        let matcher = OutputMatcher(tolerance: cell.flags.tolerance)
        let expected = statement.expectedText
        let sameOutcome = result.failed == errorExpected && matcher.matches(expected: expected, actual: result.lines)
        advanceStatement()
        if sameOutcome { return .matched }
        if edited { return .experiment }
        let steps = alignOutput(expected: expected, actual: result.lines, matcher: matcher)
        return .differs(diff: unifiedDiff(expected: expected, actual: result.lines, steps: steps))
    }

    /// `:run`: runs the rest of the current cell in `executor`, returning each statement's result and feedback.
    public func runRest(executor: any CellExecutor) -> [(statement: Statement, result: ExecutionResult, feedback: StepFeedback)] {
        var out: [(Statement, ExecutionResult, StepFeedback)] = []
        let cell = cellIndex
        while cellIndex == cell, let statement = pendingStatement {
            let result = executor.execute(statement.source)
            out.append((statement, result, ran(statement.source, result: result)))
        }
        return out
    }

    /// `:next`: to the next cell. Past an unsolved exercise only with `force`.
    public func next(force: Bool = false) -> StepMove {
        guard let cell = currentCell else { return .atEnd }
        if cell.flags.exercise, !progress.solvedExercises.contains(cell.index), !force {
            return .needsConfirmation("This exercise is not solved yet. Move on anyway?")
        }
        if cell.flags.skip { progress.complete(cell.index) }
        moveTo(cellIndex + 1)
        return .moved
    }

    /// `:back`: to the previous cell (variables stay as they are).
    public func back() -> StepMove {
        guard cellIndex > 0 else { return .atStart }
        moveTo(cellIndex - 1)
        return .moved
    }

    /// `:restart`: back to the first cell; the caller resets the interpreter.
    public func restart() { moveTo(0) }

    /// `:where`: e.g. `03-unrolling.md (Unrolling by hand): cell 2 of 7, statement 1 of 3`.
    public func whereText() -> String {
        let name = lesson.title.map { "\(fileName) (\($0))" } ?? fileName
        guard let cell = currentCell else { return "\(name): finished, \(cells.count) of \(cells.count) cells" }
        var text = "\(name): cell \(cellIndex + 1) of \(cells.count)"
        if cell.flags.exercise {
            text += progress.solvedExercises.contains(cell.index) ? ", exercise (solved)" : ", exercise"
        } else {
            text += ", statement \(min(statementIndex + 1, cell.statements.count)) of \(cell.statements.count)"
        }
        return text
    }

    /// Runs the current exercise's checks in the learner's session. A failed attempt counts as a miss
    /// when `countsAsAttempt` (an explicit `:check`); a quiet check after each statement passes `false`.
    public func checkExercise(executor: any CellExecutor, countsAsAttempt: Bool = true) -> ExerciseFeedback {
        guard let cell = currentCell, let exercise = cell.exercise else { return .notAnExercise }
        let failed = exercise.checks.filter { check in
            let result = executor.execute(check.expression)
            return result.failed || result.lines != ["True"]
        }.map(\.expression)
        if failed.isEmpty {
            progress.solve(cell.index)
            progress.complete(cell.index)
            updateFinished()
            return .solved
        }
        let count = (misses[cell.index] ?? 0) + (countsAsAttempt ? 1 : 0)
        misses[cell.index] = count
        return .missed(
            failedChecks: failed, misses: count, hintAvailable: (hintsShown[cell.index] ?? 0) < exercise.hints.count,
            solutionAvailable: count >= 2)
    }

    /// The next hint of the current exercise, or nil when there is none left.
    public func hint() -> String? {
        guard let cell = currentCell, let exercise = cell.exercise else { return nil }
        let shown = hintsShown[cell.index] ?? 0
        guard let hint = exercise.hints[safe: shown] else { return nil }
        hintsShown[cell.index] = shown + 1
        return hint
    }

    /// The solution as a doctest session, available after two misses (or once solved).
    public func solution() -> String? {
        guard let cell = currentCell, cell.exercise != nil else { return nil }
        guard (misses[cell.index] ?? 0) >= 2 || progress.solvedExercises.contains(cell.index) else { return nil }
        return cell.statements.map { statement in
            (statement.sourceLines.enumerated().map { ($0.offset == 0 ? ">>> " : "... ") + $0.element.text }
                + statement.expectedText).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// The exercise's task lines and checks, for showing when the learner arrives at it.
    public var exerciseBrief: [String]? {
        guard let exercise = currentCell?.exercise else { return nil }
        return exercise.task + exercise.checks.map { "check: \($0.expression)" }
    }

    private func advanceStatement() {
        guard let cell = currentCell else { return }
        statementIndex += 1
        if statementIndex >= cell.statements.count {
            progress.complete(cell.index)
            moveTo(cellIndex + 1)
        }
    }

    private func moveTo(_ cell: Int) {
        cellIndex = min(max(0, cell), cells.count)
        statementIndex = 0
        progress.cell = cellIndex
        updateFinished()
    }

    private func updateFinished() {
        if progress.completedCells.count >= cells.count || cellIndex >= cells.count && cells.allSatisfy({ progress.completedCells.contains($0.index) }) {
            progress.finished = true
        }
    }

    private func normalized(_ source: String) -> String {
        source.split(separator: "\n", omittingEmptySubsequences: false).map { trimTrailingWhitespace(String($0)) }
            .joined(separator: "\n").trimmingCharacters(in: .newlines)
    }
}
