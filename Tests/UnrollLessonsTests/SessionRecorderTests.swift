// Tests that a recorded session renders as a lesson and replays green.
import Foundation
import Testing
@testable import UnrollLessons

@Suite struct SessionRecorderTests {
    /// Types `statements` into a calculator session while recording, as `:record` does.
    func recordSession() -> SessionRecorder {
        let executor = TinyCalcExecutor()
        executor.reset()
        var recorder = SessionRecorder(title: "My session")
        func type(_ source: String) { recorder.record(source, result: executor.execute(source)) }
        recorder.note("We start with *two* numbers.")
        type("a = 1.5")
        type("b = 2")
        type("a * b")
        type("print('héllo 世界')")
        recorder.note("A loop and an empty line:")
        type("for i in range(2):\n    print(i)\n")
        type("print('')")
        type("print('>>> not a prompt')")
        type("print('... nor this')")
        type("c")
        type("print(b)")
        type("   ")
        return recorder
    }

    @Test func rendersTheSessionAsALesson() {
        let recorder = recordSession()
        #expect(recorder.statementCount == 10)
        #expect(recorder.render() == """
            # My session

            We start with *two* numbers.

            ```unroll
            >>> a = 1.5
            >>> b = 2
            >>> a * b
            3.0
            >>> print('héllo 世界')
            héllo 世界
            ```

            A loop and an empty line:

            ```unroll error
            >>> for i in range(2):
            ...     print(i)
            0
            1
            >>> print('')
            <BLANKLINE>
            >>> print('>>> not a prompt')
            [..]>>> not a prompt
            >>> print('... nor this')
            [..]... nor this
            >>> c
            NameError: name 'c' is not defined
            ```

            ```unroll
            >>> print(b)
            2
            ```

            """)
    }

    @Test func theFirstErrorEndsAnErrorCell() throws {
        let parsed = try LessonParser.parse(recordSession().render(), path: "rec.md")
        #expect(parsed.cells.map(\.flags.expectsError) == [false, true, false])
    }

    @Test func aRecordedSessionReplaysGreen() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.path + "/recorded.md"
        try recordSession().write(to: path)
        let report = LessonRunner().run(try LessonParser.parse(fileAt: path), executor: TinyCalcExecutor())
        #expect(report.passed, "\(ReplayFormatter.lessonBlock(report))")
        #expect(report.cells.count == 3)
    }
}
