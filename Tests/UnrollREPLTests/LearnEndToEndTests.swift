// Stepping through a small lesson with an exercise in the real binary on a pseudo-terminal, and recording one.
import Foundation
import Testing

@Suite(.serialized) struct LearnEndToEndTests {
    let root = NSTemporaryDirectory() + "unroll-learn-\(UUID().uuidString)"

    func writeLesson() throws -> String {
        let lessons = root + "/lessons"
        try FileManager.default.createDirectory(atPath: lessons, withIntermediateDirectories: true)
        let text = """
            # 1. Tiny

            First we make a list.

            ```unroll
            >>> xs = [1, 2, 3]
            >>> len(xs)
            3
            ```

            Now your turn.

            ```unroll exercise
            # task: Make `total` the sum of xs.
            # check: total == 6
            # hint: sum(xs)
            # solution:
            >>> total = sum(xs)
            ```
            """
        try text.write(toFile: lessons + "/01-tiny.md", atomically: true, encoding: .utf8)
        return lessons
    }

    @Test func stepThroughALessonAndSolveTheExercise() throws {
        let lessons = try writeLesson()
        let binary = try #require(BuiltBinary.unroll)
        let pty = try #require(PseudoTerminal(
            executable: binary, arguments: ["learn", "1"],
            environment: ["XDG_STATE_HOME": root + "/state", "UNROLL_LESSONS": lessons, "NO_COLOR": "1", "LANG": "C.UTF-8"]))
        #expect(pty.waitFor("First we make a list."), "\(pty.plainText)")
        #expect(pty.waitFor("xs = [1, 2, 3]"))   // the statement is on the prompt, typed
        pty.type("\r")
        #expect(pty.waitFor("✓"))
        pty.type("\r")                            // len(xs), prefilled next
        #expect(pty.waitFor("Make `total` the sum of xs."), "\(pty.plainText)")
        pty.type(":check\r")
        #expect(pty.waitFor("Not yet"))
        pty.type(":hint\r")
        #expect(pty.waitFor("sum(xs)"))
        pty.type("total = sum(xs)\r")
        #expect(pty.waitFor("exercise solved"), "\(pty.plainText)")
        pty.type(":where\r")
        #expect(pty.waitFor("exercise (solved)"))
        pty.waitForPrompt()
        pty.type("\u{04}")
        #expect(pty.waitForExit() == 0)
        let progress = try String(contentsOfFile: root + "/state/unroll/progress.json", encoding: .utf8)
        #expect(progress.contains("01-tiny.md"))
    }

    @Test func aDamagedProgressFileIsReportedAndSetAside() throws {
        let lessons = try writeLesson()
        let binary = try #require(BuiltBinary.unroll)
        try FileManager.default.createDirectory(atPath: root + "/state/unroll", withIntermediateDirectories: true)
        try "{ not json".write(toFile: root + "/state/unroll/progress.json", atomically: true, encoding: .utf8)
        let pty = try #require(PseudoTerminal(
            executable: binary, arguments: ["learn"],
            environment: ["XDG_STATE_HOME": root + "/state", "UNROLL_LESSONS": lessons, "NO_COLOR": "1", "LANG": "C.UTF-8"]))
        #expect(pty.waitFor("warning:"), "\(pty.plainText)")
        #expect(pty.waitFor("First we make a list."))
        // Wait until libedit shows the prefilled statement (it owns the terminal then), clear it, and exit.
        #expect(pty.waitFor("xs = [1, 2, 3]"))
        pty.type("\u{15}\u{04}")
        #expect(pty.waitForExit() == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: root + "/state/unroll")
        #expect(names.contains { $0.hasPrefix("progress.json.damaged") })
    }

    @Test func aRecordedSessionReplaysGreen() throws {
        let binary = try #require(BuiltBinary.unroll)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let file = root + "/recorded.md"
        let pty = try #require(PseudoTerminal(
            executable: binary, environment: ["XDG_STATE_HOME": root + "/state", "NO_COLOR": "1", "LANG": "C.UTF-8"]))
        #expect(pty.waitFor(">>> "))
        pty.type(":record \(file)\r")
        pty.type(":note Lists and sums.\r")
        pty.type("xs = [1, 2, 3]\r")
        pty.type("sum(xs) * 2\r")
        #expect(pty.waitFor("12"))
        pty.type(":record stop\r")
        #expect(pty.waitFor("recorded 2 statements"), "\(pty.plainText)")
        pty.waitForPrompt()
        pty.type("\u{04}")
        _ = pty.waitForExit()
        let replay = Process()
        replay.executableURL = URL(fileURLWithPath: binary)
        replay.arguments = ["replay", file]
        replay.standardOutput = FileHandle.nullDevice
        try replay.run()
        replay.waitUntilExit()
        #expect(replay.terminationStatus == 0)
    }
}
