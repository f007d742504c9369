// `unroll replay`: replays lesson files, compares every cell's output, updates them, writes JUnit (what CI runs).
import ArgumentParser
import Foundation
import UnrollLessons

/// `unroll replay [PATH ...]`. Each lesson runs in a child process of this binary
/// (`unroll replay --format json --single FILE`) so interpreters never share global state and a cell
/// that runs past its time limit can be killed.
struct Replay: ParsableCommand {
    /// Makes a fresh interpreter for a lesson; main.swift sets it once, before parsing the command line.
    nonisolated(unsafe) static var makeExecutor: (@Sendable () -> any CellExecutor)?
    /// The arguments that lead from this binary to this command (so children can be started).
    nonisolated(unsafe) static var commandPath = ["replay"]

    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay lessons and check that every cell prints what the lesson says.",
        discussion: """
            PATHs are lesson files or folders (searched for *.md); the default is lessons/. Each mismatch is \
            reported as FILE:LINE with a unified diff of expected against actual output. The exit status is 0 \
            only when every lesson passes.
            """)

    @Argument(help: "Lesson files or folders (default: lessons/).")
    var paths: [String] = []

    @Flag(help: "Rewrite expected outputs in place (prose, flags and elisions that still match are kept).")
    var update = false

    @Option(help: "Run this many lessons at once.")
    var jobs = 1

    @Flag(help: "Stop at the first failing cell.")
    var failFast = false

    @Option(help: "Seconds a cell may run before it fails (a cell's timeout= flag overrides it).")
    var timeout = 60.0

    @Option(help: ArgumentHelp("Write JUnit XML results to this file.", valueName: "file"))
    var junit: String?

    @Flag(help: "Run lessons inside this process (no time limit; for debugging).")
    var inProcess = false

    @Option(help: .hidden)
    var single: String?

    @Option(help: .hidden)
    var format = "text"

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be a positive number of seconds") }
        guard format == "text" || format == "json" else { throw ValidationError("--format must be text or json") }
    }

    func run() throws {
        guard let makeExecutor = Self.makeExecutor else {
            FileHandle.standardError.write(Data("unroll replay: no interpreter is wired in to run lessons\n".utf8))
            throw ExitCode(2)
        }
        if let single {
            try runSingle(single, executor: makeExecutor())
            return
        }
        var options = ReplayOptions()
        options.paths = paths.isEmpty ? ["lessons"] : paths
        options.jobs = jobs
        options.failFast = failFast
        options.update = update
        options.junitPath = junit
        let runLesson: @Sendable (Lesson) -> LessonReport
        if inProcess {
            let failFast = self.failFast
            runLesson = { lesson in LessonRunner(failFast: failFast).run(lesson, executor: makeExecutor()) }
        } else {
            let command = [Self.executablePath()] + Self.commandPath + ["--format", "json", "--single"]
            let extra = failFast && !update ? ["--fail-fast"] : []
            let timeout = self.timeout
            runLesson = { lesson in
                ChildReplay.runInChild(lesson, command: command, extraArguments: extra, defaultTimeout: timeout)
            }
        }
        let status = ReplayDriver(options: options, runLesson: runLesson).run { text in
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// The child's side: one lesson, events as JSON lines (or the text report with `--format text`).
    func runSingle(_ path: String, executor: any CellExecutor) throws {
        let status: Int32
        if format == "json" {
            status = ChildReplay.runChild(path: path, executor: executor, failFast: failFast) { line in
                FileHandle.standardOutput.write(Data((line + "\n").utf8))
            }
        } else {
            let report: LessonReport
            do {
                report = LessonRunner(failFast: failFast).run(try LessonParser.parse(fileAt: path), executor: executor)
            } catch {
                report = LessonReport(path: path, cells: [], problem: "\(error)")
            }
            FileHandle.standardOutput.write(Data(ReplayFormatter.lessonBlock(report).utf8))
            status = report.passed ? 0 : 1
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// This binary, for starting children.
    static func executablePath() -> String {
        #if os(Linux)
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        #endif
        return Bundle.main.executablePath ?? CommandLine.arguments.first ?? "unroll"
    }
}
