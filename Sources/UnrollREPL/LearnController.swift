// `unroll learn` inside the REPL: opens lessons, renders prose, puts each statement on the prompt, judges runs.
import Foundation
import UnrollLessons

/// Drives a `LessonStepper` from meta-commands and from each statement the learner runs.
final class LearnController {
    let directory: String?
    let store: ProgressStore?
    let width: Int
    let color: Bool
    private(set) var stepper: LessonStepper?
    private var progress = LearnerProgress()
    private var confirmSkip = false

    init(directory: String?, store: ProgressStore?, width: Int, color: Bool) {
        self.directory = directory
        self.store = store
        self.width = width
        self.color = color
        if let store {
            let loaded = store.load()
            progress = loaded.progress
            startupWarning = loaded.warning
        }
    }

    /// A problem found while loading progress (a damaged file is set aside); shown when a lesson opens.
    private var startupWarning: String?

    var isStepping: Bool { stepper != nil && !(stepper?.isFinished ?? true) }
    var pendingSource: String? { stepper?.pendingSource }

    private var catalog: LessonCatalog? { directory.map { LessonCatalog(directory: $0) } }

    /// Opens a lesson by number or topic, or the one the learner was at (or the first).
    func open(_ query: String) -> ExecutionResult {
        guard let catalog, !catalog.entries.isEmpty else {
            return ExecutionResult(output: "", error: "no lessons found\(directory.map { " in \($0)" } ?? "")")
        }
        let entry: LessonEntry
        if query.isEmpty {
            let current = progress.current.flatMap { name in catalog.entries.first { $0.fileName == name } }
            guard let first = current ?? catalog.entries.first else {
                return ExecutionResult(output: "", error: "no lessons found")
            }
            entry = first
        } else {
            switch catalog.find(query) {
            case .success(let found): entry = found
            case .failure(let error): return ExecutionResult(output: "", error: error.message)
            }
        }
        let lesson: Lesson
        do {
            let text = try String(contentsOfFile: entry.path, encoding: .utf8)
            lesson = try LessonParser.parse(text, path: entry.path)
        } catch {
            return ExecutionResult(output: "", error: "\(error)")
        }
        let saved = progress.lessons[entry.fileName] ?? LessonProgress()
        let opened = LessonStepper(lesson: lesson, progress: saved.finished ? LessonProgress() : saved)
        stepper = opened
        progress.current = entry.fileName
        save()
        let warning = startupWarning.map { "warning: \($0)\n" } ?? ""
        startupWarning = nil
        return ExecutionResult(output: warning + presentCurrentCell(opened))
    }

    /// The prose before the current cell and, for an exercise, its task.
    private func presentCurrentCell(_ stepper: LessonStepper) -> String {
        var text = ""
        let prose = stepper.proseBeforeCurrentCell.joined(separator: "\n\n")
        if !prose.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            text += TerminalMarkdown.render(prose, width: width, styled: color) + "\n"
        }
        if let brief = stepper.exerciseBrief {
            text += "\n" + (color ? "\u{1B}[1mExercise\u{1B}[0m" : "Exercise") + "\n"
            text += brief.map { "  " + $0 }.joined(separator: "\n") + "\n"
            text += "  Write your code at the prompt; :check tests it, :hint helps, :next moves on.\n"
        } else if stepper.isFinished {
            text += "\nEnd of the lesson. :lessons lists the others.\n"
        } else {
            text += dim("(the next statement is on the prompt: Enter runs it, or edit it first; :run runs the rest of the cell)") + "\n"
        }
        return text
    }

    /// After each statement the learner ran while stepping: feedback, then the next cell's prose when the cell ended.
    func afterRun(_ source: String, result: ExecutionResult, executor: CellExecutor) -> String {
        guard let stepper else { return "" }
        let cellBefore = stepper.cellIndex
        var text = ""
        if stepper.currentCell?.exercise != nil {
            if case .solved = stepper.checkExercise(executor: executor, countsAsAttempt: false) {
                text += green("✓ exercise solved") + " — :next to go on\n"
            }
            save()
            return text
        }
        guard stepper.pendingStatement != nil else { return "" }
        switch stepper.ran(source, result: result) {
        case .matched: text += dim("✓") + "\n"
        case .experiment: text += dim("(your own version: output differs from the lesson, which is fine)") + "\n"
        case .differs(let diff): text += "The lesson printed something else:\n" + diff.joined(separator: "\n") + "\n"
        }
        if stepper.cellIndex != cellBefore {
            text += presentCurrentCell(stepper)
        }
        save()
        return text
    }

    func command(_ name: String, arguments: String, executor: CellExecutor) -> ExecutionResult {
        if name == "lessons" {
            guard let catalog else { return ExecutionResult(output: "", error: "no lessons folder") }
            return ExecutionResult(output: catalog.listing(progress: progress) + "\n")
        }
        if name == "learn" { return open(arguments) }
        guard let stepper else {
            return ExecutionResult(output: "", error: "no lesson open: :learn NN opens one, :lessons lists them")
        }
        defer { save() }
        switch name {
        case "next":
            switch stepper.next(force: confirmSkip) {
            case .needsConfirmation(let message):
                confirmSkip = true
                return ExecutionResult(output: message + " Type :next again to skip it.\n")
            case .atEnd:
                return ExecutionResult(output: "This is the end of the lesson. :lessons lists the others.\n")
            case .moved, .atStart:
                confirmSkip = false
                return ExecutionResult(output: presentCurrentCell(stepper))
            }
        case "back":
            if stepper.back() == .atStart { return ExecutionResult(output: "Already at the first cell.\n") }
            return ExecutionResult(output: presentCurrentCell(stepper))
        case "restart":
            executor.reset()
            stepper.restart()
            return ExecutionResult(output: "Lesson restarted with a fresh session.\n" + presentCurrentCell(stepper))
        case "where":
            return ExecutionResult(output: stepper.whereText() + "\n")
        case "run":
            var text = ""
            let cellBefore = stepper.cellIndex
            for (statement, result, feedback) in stepper.runRest(executor: executor) {
                text += statement.source.split(separator: "\n").enumerated()
                    .map { ($0.offset == 0 ? ">>> " : "... ") + $0.element }.joined(separator: "\n") + "\n"
                for line in result.lines { text += line + "\n" }
                if case .differs(let diff) = feedback { text += diff.joined(separator: "\n") + "\n" }
            }
            if stepper.cellIndex != cellBefore { text += presentCurrentCell(stepper) }
            return ExecutionResult(output: text)
        case "check":
            switch stepper.checkExercise(executor: executor, countsAsAttempt: true) {
            case .solved: return ExecutionResult(output: green("✓ solved") + " — :next to go on\n")
            case .notAnExercise: return ExecutionResult(output: "This cell is not an exercise.\n")
            case .missed(let failed, let misses, let hintAvailable, let solutionAvailable):
                var text = "Not yet: " + failed.map { "`\($0)`" }.joined(separator: ", ") + " is not True.\n"
                if hintAvailable { text += ":hint gives a hint.\n" }
                if solutionAvailable { text += "After \(misses) tries, :solution shows one answer.\n" }
                return ExecutionResult(output: text)
            }
        case "hint":
            return ExecutionResult(output: (stepper.hint() ?? "No more hints.") + "\n")
        case "solution":
            guard let solution = stepper.solution() else {
                return ExecutionResult(output: "The solution appears after two tries with :check.\n")
            }
            return ExecutionResult(output: solution + "\n")
        default:
            return ExecutionResult(output: "", error: "unknown lesson command :\(name)")
        }
    }

    private func save() {
        guard let store, let stepper else { return }
        progress.update(from: stepper)
        try? store.save(progress)
    }

    private func dim(_ text: String) -> String { color ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
    private func green(_ text: String) -> String { color ? "\u{1B}[32m\(text)\u{1B}[0m" : text }
}
