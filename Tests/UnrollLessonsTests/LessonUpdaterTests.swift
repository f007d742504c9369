// Tests of --update: rewrites only expected-output lines, keeps prose, flags and matching elisions, and is idempotent.
import Foundation
import Testing
@testable import UnrollLessons

@Suite struct LessonUpdaterTests {
    static let stale = lesson(
        "# Update me",                  // 1
        "Prose   with trailing space ", // 2
        "```unroll tolerance=1e-3",     // 3
        ">>> x = 5",                    // 4
        ">>> x * 2",                    // 5
        "11",                           // 6
        ">>> for i in range(4):",       // 7
        "...     print('row', i)",      // 8
        "row 0",                        // 9
        "[...]",                        // 10
        "row 9",                        // 11
        ">>> print('kept [..] here')",  // 12
        "kept [..]",                    // 13
        ">>> print('new')",             // 14
        "```",                          // 15
        "More prose.",                  // 16
        "```unroll",                    // 17
        ">>> print('')",                // 18
        "```",                          // 19
        "```unroll error",              // 20
        ">>> fail('new text')",         // 21
        "RuntimeError: old text",       // 22
        "```",                          // 23
        "```unroll",                    // 24
        ">>> missing",                  // 25
        "1",                            // 26
        "```")                          // 27

    static let fresh = lesson(
        "# Update me",
        "Prose   with trailing space ",
        "```unroll tolerance=1e-3",
        ">>> x = 5",
        ">>> x * 2",
        "10",
        ">>> for i in range(4):",
        "...     print('row', i)",
        "row 0",
        "[...]",
        "row 3",
        ">>> print('kept [..] here')",
        "kept [..]",
        ">>> print('new')",
        "new",
        "```",
        "More prose.",
        "```unroll",
        ">>> print('')",
        "<BLANKLINE>",
        "```",
        "```unroll error",
        ">>> fail('new text')",
        "RuntimeError: new text",
        "```",
        "```unroll",
        ">>> missing",
        "1",
        "```")

    func updateOnce(_ text: String) throws -> LessonUpdater.Outcome {
        let parsed = try LessonParser.parse(text, path: "u.md")
        return LessonUpdater.update(parsed, report: LessonRunner().run(parsed, executor: TinyCalcExecutor()))
    }

    @Test func rewritesOnlyOutputLinesAndKeepsMatchingElisions() throws {
        let outcome = try updateOnce(Self.stale)
        #expect(outcome.text == Self.fresh)
        #expect(outcome.updatedStatements == 5)
        #expect(outcome.notes == ["u.md:25: not updated: the statement ended in an error (mark the cell `error` if that is intended)"])
    }

    @Test func isIdempotent() throws {
        let second = try updateOnce(Self.fresh)
        #expect(second.text == Self.fresh)
        #expect(second.updatedStatements == 0)
    }

    @Test func touchesNothingButExpectedOutputLines() throws {
        let parsed = try LessonParser.parse(Self.stale, path: "u.md")
        let outputLines = Set(parsed.cells.flatMap(\.statements).flatMap(\.expected).map(\.number))
        let newLines = try updateOnce(Self.stale).text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Every original non-output line survives, in order, byte for byte.
        let kept = parsed.lines.enumerated().filter { !outputLines.contains($0.offset + 1) }.map(\.element)
        var cursor = newLines.makeIterator()
        for line in kept {
            var found = false
            while let next = cursor.next() { if next == line { found = true; break } }
            #expect(found, "lost line: \(line)")
        }
    }

    @Test func keepsCRLFAndIndentation() throws {
        let text = "intro\r\n  ```unroll\r\n  >>> 1 + 1\r\n  3\r\n  ```\r\n"
        #expect(try updateOnce(text).text == "intro\r\n  ```unroll\r\n  >>> 1 + 1\r\n  2\r\n  ```\r\n")
    }

    @Test func escapesOutputThatWouldReadAsAPromptOrFence() throws {
        let text = lesson("```unroll", ">>> print('>>> hi')", "x", ">>> print('... more')", ">>> print('```')", "```")
        let outcome = try updateOnce(text)
        #expect(outcome.updatedStatements == 3)
        #expect(outcome.text == lesson(
            "```unroll", ">>> print('>>> hi')", "[..]>>> hi", ">>> print('... more')", "[..]... more",
            ">>> print('```')", "[..]```", "```"))
        #expect(try updateOnce(outcome.text).updatedStatements == 0)
    }

    @Test func updateFileReplacesTheFileAndTheResultReplaysGreen() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = try folder.file("01-u.md", Self.stale)
        let parsed = try LessonParser.parse(fileAt: path)
        try LessonUpdater.updateFile(parsed, report: LessonRunner().run(parsed, executor: TinyCalcExecutor()))
        #expect(try folder.read("01-u.md") == Self.fresh)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(leftovers == ["01-u.md"], "no temporary file left behind")
        let again = try LessonParser.parse(fileAt: path)
        let report = LessonRunner().run(again, executor: TinyCalcExecutor())
        #expect(report.cells.map(\.status) == [.passed, .passed, .passed, .failed])
    }
}
