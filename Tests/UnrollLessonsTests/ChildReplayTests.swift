// Tests of replay in a child process: the JSON-lines protocol, timeouts that kill the child, and crashes.
import Foundation
import Testing
@testable import UnrollLessons

@Suite struct ChildReplayTests {
    static let twoCells = lesson(
        "```unroll",          // 1
        ">>> x = 2",          // 2
        ">>> x * 3",          // 3
        "6",                  // 4
        "```",                // 5
        "```unroll",          // 6
        ">>> print(x)",       // 7
        "3",                  // 8
        "```")                // 9

    /// Runs the child's side in-process and returns the protocol lines it wrote.
    func childLines(_ path: String) -> (Int32, [String]) {
        var lines: [String] = []
        let status = ChildReplay.runChild(path: path, executor: TinyCalcExecutor(), failFast: false) { lines.append($0) }
        return (status, lines)
    }

    @Test func childWritesEventsEndingInTheLessonReport() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = try folder.file("a.md", Self.twoCells)
        let (status, lines) = childLines(path)
        #expect(status == 1)
        let events = lines.compactMap(ReplayEvent.decode)
        #expect(events.count == lines.count)
        #expect(events.prefix(4) == [.cellStarted(index: 0), .statementStarted(line: 2), .statementStarted(line: 3),
                                      events[3]])
        guard case .lessonFinished(let report)? = events.last else {
            Issue.record("no final report")
            return
        }
        #expect(report.cells.map(\.status) == [.passed, .failed])
        #expect(ReplayEvent.decode("Traceback: not an event") == nil)
    }

    @Test func childReportsUnparsableLessons() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = try folder.file("bad.md", "```unroll bogus\n>>> 1\n```\n")
        let (status, lines) = childLines(path)
        #expect(status == 1)
        #expect(lines.compactMap(ReplayEvent.decode) == [.lessonFinished(LessonReport(
            path: path, cells: [],
            problem: "\(path):1: unknown cell flag 'bogus' (known: skip, error, exercise, unroll-only, tolerance=NUMBER, timeout=SECONDS)"))])
    }

    @Test func parentReadsTheChildsEventsFromARealProcess() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = try folder.file("a.md", Self.twoCells)
        let (_, lines) = childLines(path)
        let events = try folder.file("events.jsonl", (["stray interpreter output"] + lines).joined(separator: "\n") + "\n")
        let parsed = try LessonParser.parse(fileAt: path)
        let report = ChildReplay.runInChild(parsed, command: ["/bin/sh", "-c", "cat \"$0\"", events], defaultTimeout: 10)
        let inProcess = LessonRunner().run(parsed, executor: TinyCalcExecutor())
        #expect(report.cells.map(\.status) == inProcess.cells.map(\.status))
        #expect(report.failures == inProcess.failures)
        #expect(report.path == path)
    }

    @Test func aCellPastItsTimeLimitIsKilledAndReported() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = try folder.file("slow.md", Self.twoCells.replacingOccurrences(of: "```unroll\n>>> x = 2", with: "```unroll timeout=0.3\n>>> x = 2"))
        let parsed = try LessonParser.parse(fileAt: path)
        let script = "echo '{\"cellStarted\":{\"index\":0}}'; echo '{\"statementStarted\":{\"line\":3}}'; exec sleep 30"
        let started = Date()
        let report = ChildReplay.runInChild(parsed, command: ["/bin/sh", "-c", script, "sh"], defaultTimeout: 60)
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(report.cells.map(\.status) == [.timedOut, .notRun])
        #expect(report.failures == [ReplayFailure(
            line: 3, message: "timed out: the cell ran longer than 0.3 s and its interpreter was stopped")])
        #expect(ReplayFormatter.summaryLine(report) == "✗ \(path)  1 of 2 cells failed (1 not run)")
    }

    @Test func aChildHangingOutsideAnyCellIsStoppedToo() throws {
        let parsed = try LessonParser.parse(Self.twoCells, path: "hang.md")
        let report = ChildReplay.runInChild(parsed, command: ["/bin/sh", "-c", "exec sleep 30", "sh"], defaultTimeout: 0.3)
        #expect(report.problem == "hang.md: the replay process made no progress for 0.3 s outside any cell and was stopped")
        #expect(report.cells.map(\.status) == [.notRun, .notRun])
    }

    @Test func aCrashedChildFailsTheRunningStatement() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = try folder.file("crash.md", Self.twoCells)
        let parsed = try LessonParser.parse(fileAt: path)
        let script = "echo '{\"cellStarted\":{\"index\":0}}'; echo '{\"statementStarted\":{\"line\":2}}'; echo 'fatal: boom' >&2; exit 3"
        let report = ChildReplay.runInChild(parsed, command: ["/bin/sh", "-c", script, "sh"], defaultTimeout: 60)
        #expect(report.cells.map(\.status) == [.failed, .notRun])
        #expect(report.failures == [ReplayFailure(
            line: 2, message: "the interpreter process exited with status 3 while running this statement\nfatal: boom")])
    }

    @Test func aChildThatCannotStartIsAProblemNotACrash() throws {
        let parsed = try LessonParser.parse(Self.twoCells, path: "x.md")
        let report = ChildReplay.runInChild(parsed, command: ["/nonexistent/unroll"], defaultTimeout: 1)
        #expect(!report.passed)
        #expect(report.problem?.hasPrefix("x.md: cannot start /nonexistent/unroll") == true)
    }
}
