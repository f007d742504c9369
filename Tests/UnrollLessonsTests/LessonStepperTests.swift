// Tests of the learn-mode stepper: feedback, navigation, exercises with hints and solutions, and progress files.
import Foundation
import Testing
@testable import UnrollLessons

@Suite struct LessonStepperTests {
    static let text = lesson(
        "# Doubling",                 // 1
        "",                           // 2
        "Intro prose.",               // 3
        "```unroll",                  // 4
        ">>> x = 4",                  // 5
        ">>> x * 2",                  // 6
        "8",                          // 7
        "```",                        // 8
        "Now you.",                   // 9
        "```unroll exercise",         // 10
        "# task: make y twice x",     // 11
        "# check: y == 2 * x",        // 12
        "# hint: multiply by 2",      // 13
        "# solution:",                // 14
        ">>> y = 2 * x",              // 15
        "```",                        // 16
        "```unroll skip",             // 17
        ">>> shown only",             // 18
        "```",                        // 19
        "The end.")                   // 20

    func stepper() throws -> LessonStepper {
        LessonStepper(lesson: try LessonParser.parse(Self.text, path: "lessons/02-doubling.md"))
    }

    @Test func walksStatementsWithFeedback() throws {
        let stepper = try stepper()
        let executor = TinyCalcExecutor()
        #expect(stepper.proseBeforeCurrentCell == ["# Doubling\n\nIntro prose."])
        #expect(stepper.whereText() == "02-doubling.md (Doubling): cell 1 of 3, statement 1 of 2")
        #expect(stepper.pendingSource == "x = 4")
        #expect(stepper.ran("x = 4", result: executor.execute("x = 4")) == .matched)
        #expect(stepper.pendingSource == "x * 2")
        #expect(stepper.ran("x * 3", result: executor.execute("x * 3")) == .experiment, "an edited statement is an experiment")
        #expect(stepper.cellIndex == 1)
        #expect(stepper.progress.completedCells == [0])
        #expect(stepper.proseBeforeCurrentCell == ["Now you."])
        #expect(stepper.pendingSource == nil, "exercises are written by the learner")
        #expect(stepper.whereText() == "02-doubling.md (Doubling): cell 2 of 3, exercise")
        #expect(stepper.exerciseBrief == ["make y twice x", "check: y == 2 * x"])
    }

    @Test func unchangedCodeWithOtherOutputShowsADiff() throws {
        let stepper = try stepper()
        _ = stepper.ran("x = 4", result: ExecutionResult(output: ""))
        #expect(stepper.ran("x * 2", result: ExecutionResult(output: "9\n"))
            == .differs(diff: ["--- expected", "+++ actual", "@@ -1 +1 @@", "-8", "+9"]))
    }

    @Test func runRestRunsTheRemainingStatements() throws {
        let stepper = try stepper()
        let executor = TinyCalcExecutor()
        let results = stepper.runRest(executor: executor)
        #expect(results.map(\.feedback) == [.matched, .matched])
        #expect(stepper.cellIndex == 1)
    }

    @Test func exerciseHintsAndSolutionAfterTwoMisses() throws {
        let stepper = try stepper()
        let executor = TinyCalcExecutor()
        _ = stepper.runRest(executor: executor)
        #expect(stepper.next() == .needsConfirmation("This exercise is not solved yet. Move on anyway?"))
        _ = executor.execute("y = x + 1")
        #expect(stepper.checkExercise(executor: executor, countsAsAttempt: false)
            == .missed(failedChecks: ["y == 2 * x"], misses: 0, hintAvailable: true, solutionAvailable: false))
        #expect(stepper.checkExercise(executor: executor)
            == .missed(failedChecks: ["y == 2 * x"], misses: 1, hintAvailable: true, solutionAvailable: false))
        #expect(stepper.solution() == nil)
        #expect(stepper.hint() == "multiply by 2")
        #expect(stepper.hint() == nil)
        #expect(stepper.checkExercise(executor: executor)
            == .missed(failedChecks: ["y == 2 * x"], misses: 2, hintAvailable: false, solutionAvailable: true))
        #expect(stepper.solution() == ">>> y = 2 * x")
        _ = executor.execute("y = x * 2")
        #expect(stepper.checkExercise(executor: executor) == .solved)
        #expect(stepper.progress.solvedExercises == [1])
        #expect(stepper.next() == .moved)
        #expect(stepper.pendingSource == nil, "skip cells are shown, not run")
        #expect(stepper.next() == .moved)
        #expect(stepper.isFinished && stepper.progress.finished)
        #expect(stepper.proseBeforeCurrentCell == ["The end."])
        #expect(stepper.next() == .atEnd)
        #expect(stepper.whereText() == "02-doubling.md (Doubling): finished, 3 of 3 cells")
    }

    @Test func navigationAndRestart() throws {
        let stepper = try stepper()
        #expect(stepper.back() == .atStart)
        #expect(stepper.next() == .moved)
        #expect(stepper.next(force: true) == .moved)
        #expect(stepper.back() == .moved)
        #expect(stepper.cellIndex == 1)
        stepper.restart()
        #expect(stepper.cellIndex == 0 && stepper.pendingSource == "x = 4")
        #expect(!stepper.progress.finished)
    }

    @Test func resumesFromSavedProgress() throws {
        var saved = LessonProgress()
        saved.cell = 1
        let stepper = LessonStepper(lesson: try LessonParser.parse(Self.text, path: "x.md"), progress: saved)
        #expect(stepper.cellIndex == 1)
        var learner = LearnerProgress()
        learner.update(from: stepper)
        #expect(learner.current == "x.md" && learner.lessons["x.md"]?.cell == 1)
        saved.cell = 99
        #expect(LessonStepper(lesson: try LessonParser.parse(Self.text, path: "x.md"), progress: saved).isFinished)
    }
}

@Suite struct ProgressStoreTests {
    @Test func defaultPathFollowsXDG() {
        #expect(ProgressStore.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/unroll/progress.json")
        #expect(ProgressStore.defaultPath(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"]) == "/h/.local/state/unroll/progress.json")
        #expect(ProgressStore.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/state/unroll/progress.json")
    }

    @Test func roundTripsAtomically() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let store = ProgressStore(path: folder.path + "/state/unroll/progress.json")
        #expect(store.load().progress == LearnerProgress())
        var progress = LearnerProgress()
        progress.current = "02-doubling.md"
        var lesson = LessonProgress()
        lesson.cell = 2
        lesson.completedCells = [0, 1]
        lesson.solvedExercises = [1]
        progress.lessons["02-doubling.md"] = lesson
        try store.save(progress)
        let (loaded, warning) = store.load()
        #expect(loaded == progress && warning == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/state/unroll") == ["progress.json"])
    }

    @Test(arguments: ["{not json", "{\"version\": 7, \"lessons\": {}}", "[1, 2]", ""])
    func damagedFileIsSetAsideNotFatal(content: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = try folder.file("progress.json", content)
        let store = ProgressStore(path: path)
        let (progress, warning) = store.load(now: Date(timeIntervalSince1970: 1000))
        #expect(progress == LearnerProgress())
        #expect(warning == "progress file \(path) was damaged; set it aside as \(path).damaged-1000 and started afresh")
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try String(contentsOfFile: path + ".damaged-1000", encoding: .utf8) == content)
        _ = try folder.file("progress.json", "{")
        #expect(store.load(now: Date(timeIntervalSince1970: 1000)).warning?.hasSuffix("\(path).damaged-1000-2 and started afresh") == true)
        try store.save(LearnerProgress())
        #expect(store.load().warning == nil)
    }
}

@Suite struct LessonCatalogTests {
    @Test func findsLessonsByNumberTopicAndPrefix() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        _ = try folder.file("01-sequential-data.md", "# Sequential data\n")
        _ = try folder.file("02-rnn-cell.md", "# The RNN cell\n")
        _ = try folder.file("03-rnn-layer.md", "no title\n")
        _ = try folder.file("README.md", "# index\n")
        let catalog = LessonCatalog(directory: folder.path)
        #expect(catalog.entries.map(\.fileName) == ["01-sequential-data.md", "02-rnn-cell.md", "03-rnn-layer.md"])
        #expect(try catalog.find("2").get().fileName == "02-rnn-cell.md")
        #expect(try catalog.find("03").get().topic == "rnn-layer")
        #expect(try catalog.find("sequential").get().number == "01")
        #expect(try catalog.find("layer").get().fileName == "03-rnn-layer.md")
        #expect(throws: LessonLookupError(message: "'rnn' matches several lessons: 02-rnn-cell.md, 03-rnn-layer.md")) {
            try catalog.find("rnn").get()
        }
        #expect(throws: LessonLookupError(message: "no lesson number 9")) { try catalog.find("9").get() }
        #expect(catalog.entry(after: "02-rnn-cell.md")?.fileName == "03-rnn-layer.md")

        var progress = LearnerProgress()
        progress.current = "02-rnn-cell.md"
        var finished = LessonProgress()
        finished.finished = true
        progress.lessons["01-sequential-data.md"] = finished
        var partial = LessonProgress()
        partial.completedCells = [0]
        progress.lessons["02-rnn-cell.md"] = partial
        #expect(catalog.listing(progress: progress, cellCounts: ["02-rnn-cell.md": 4]) == """
             ✓ 01  Sequential data
            ▸… 02  The RNN cell  (1/4 cells)
               03  rnn-layer

            """)
    }
}
