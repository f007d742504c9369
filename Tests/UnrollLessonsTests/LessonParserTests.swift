// Tests of the lesson parser: blocks, statements, flags, exercises and file:line errors for malformed lessons.
import Testing
@testable import UnrollLessons

@Suite struct LessonParserTests {
    @Test func splitsProseAndCellsWithLineNumbers() throws {
        let text = lesson(
            "# Title",                 // 1
            "",                        // 2
            "Some prose.",             // 3
            "```unroll",               // 4
            ">>> x = 2",               // 5
            ">>> for i in range(2):",  // 6
            "...     print(i)",        // 7
            "...",                     // 8
            "0",                       // 9
            "1",                       // 10
            "```",                     // 11
            "After.")                  // 12
        let parsed = try LessonParser.parse(text, path: "l.md")
        #expect(parsed.blocks.count == 3)
        #expect(parsed.blocks.first == .prose(text: "# Title\n\nSome prose.", line: 1))
        #expect(parsed.blocks.last == .prose(text: "After.", line: 12))
        #expect(parsed.title == "Title")
        let cell = try #require(parsed.cells.first)
        #expect(cell.openLine == 4 && cell.closeLine == 11)
        #expect(cell.statements.count == 2)
        #expect(cell.statements[0].line == 5 && cell.statements[0].expected.isEmpty)
        #expect(cell.statements[1].source == "for i in range(2):\n    print(i)")
        #expect(cell.statements[1].lastSourceLine == 8)
        #expect(cell.statements[1].expected == [NumberedLine(number: 9, text: "0"), NumberedLine(number: 10, text: "1")])
    }

    @Test func otherFencesStayProseEvenWhenTheyContainUnrollFences() throws {
        let text = lesson("````markdown", "```unroll", ">>> 1", "1", "```", "````", "~~~python", "x = 1", "~~~")
        let parsed = try LessonParser.parse(text, path: "l.md")
        #expect(parsed.cells.isEmpty)
        #expect(parsed.blocks.count == 1)
    }

    @Test func readsFlags() throws {
        let text = lesson("```unroll skip error tolerance=1e-3 timeout=120", ">>> fail('x')", "RuntimeError: x", "```")
        let flags = try #require(LessonParser.parse(text, path: "l.md").cells.first).flags
        #expect(flags.skip && flags.expectsError && !flags.exercise)
        #expect(flags.tolerance == Tolerance(1e-3))
        #expect(flags.timeout == 120)
        #expect(flags.infoString == "unroll skip error tolerance=0.001 timeout=120")
    }

    @Test func readsTheUnrollOnlyFlag() throws {
        let text = lesson("```unroll unroll-only", ">>> 1", "1", "```")
        let flags = try #require(LessonParser.parse(text, path: "l.md").cells.first).flags
        #expect(flags.unrollOnly && !flags.skip)
        #expect(flags.infoString == "unroll unroll-only")
        #expect(throws: LessonError.self) { try LessonParser.parse(lesson("```unroll unroll-only=1", ">>> 1", "1", "```"), path: "l.md") }
    }

    @Test func blankLineEndsOutputAndBlankLineMarkerStandsForAnEmptyLine() throws {
        let text = lesson("```unroll", ">>> print('a')", "a", "<BLANKLINE>", "b", "", ">>> 1", "1", "```")
        let cell = try #require(LessonParser.parse(text, path: "l.md").cells.first)
        #expect(cell.statements[0].expectedText == ["a", "<BLANKLINE>", "b"])
        #expect(cell.statements[1].expectedText == ["1"])
    }

    @Test func readsExerciseCells() throws {
        let text = lesson(
            "```unroll exercise",          // 1
            "# task: make y twice x",      // 2
            "# check: y == 2 * x",         // 3
            "# hint: multiply",            // 4
            "# hint: y = 2 * x",           // 5
            "# solution:",                 // 6
            ">>> y = 2 * x",               // 7
            "```")
        let cell = try #require(LessonParser.parse(text, path: "l.md").cells.first)
        let exercise = try #require(cell.exercise)
        #expect(exercise.task == ["make y twice x"])
        #expect(exercise.checks == [ExerciseCheck(line: 3, expression: "y == 2 * x")])
        #expect(exercise.hints == ["multiply", "y = 2 * x"])
        #expect(exercise.solutionLine == 6)
        #expect(cell.statements.map(\.line) == [7])
    }

    @Test func keepsCRLFAndIndentedFences() throws {
        let parsed = try LessonParser.parse("text\r\n  ```unroll\r\n  >>> 1\r\n  1\r\n  ```\r\n", path: "l.md")
        #expect(parsed.usesCRLF)
        let cell = try #require(parsed.cells.first)
        #expect(cell.statements[0].source == "1" && cell.statements[0].expectedText == ["1"])
    }

    @Test(arguments: [
        (lesson("prose", "```unroll", ">>> 1", "1"), 2, "unclosed code fence: no closing ʼʼʼ line"),
        (lesson("```unroll", "1", ">>> 1", "```"), 2, "output before any `>>>` statement"),
        (lesson("```unroll fast", ">>> 1", "```"), 1,
         "unknown cell flag 'fast' (known: skip, error, exercise, unroll-only, tolerance=NUMBER, timeout=SECONDS)"),
        (lesson("```unroll tolerance=abc", ">>> 1", "```"), 1,
         "bad value for tolerance: 'abc' (expected a positive number, e.g. tolerance=1e-3)"),
        (lesson("```unroll tolerance=-1", ">>> 1", "```"), 1,
         "bad value for tolerance: '-1' (expected a positive number, e.g. tolerance=1e-3)"),
        (lesson("```unroll timeout", ">>> 1", "```"), 1, "cell flag 'timeout' needs a value, e.g. timeout=120"),
        (lesson("```unroll skip=1", ">>> 1", "```"), 1, "cell flag 'skip' takes no value"),
        (lesson("```unroll skip skip", ">>> 1", "```"), 1, "cell flag 'skip' given twice"),
        (lesson("```unroll exercise error", ">>> 1", "```"), 1, "cell flags 'exercise' and 'error' cannot be combined"),
        (lesson("", "```unroll", "```"), 2, "cell has no `>>>` statement"),
        (lesson("```unroll", ">>>", "```"), 2, "empty statement after `>>>`"),
        (lesson("```unroll", ">>> 1", "1", "", "2", "```"), 5,
         "expected output continues after a blank line; write <BLANKLINE> for an empty line of output"),
        (lesson("```unroll exercise", "# check: x", ">>> x = 1", "```"), 3,
         "in an exercise cell, expected `# task:`, `# check:`, `# hint:` or `# solution:` before the solution"),
        (lesson("```unroll exercise", "# check: x", "```"), 1, "exercise cell has no `# solution:` section"),
        (lesson("```unroll exercise", "# hint: h", "# solution:", ">>> x = 1", "```"), 1, "exercise cell has no `# check:` line"),
        (lesson("```unroll exercise", "# check:", "# solution:", ">>> x = 1", "```"), 2,
         "`# check:` needs an expression that should be True"),
    ])
    func malformedLessonsGiveFileLineMessages(text: String, line: Int, message: String) {
        let expected = message.replacingOccurrences(of: "ʼʼʼ", with: "```")
        #expect(throws: LessonError(path: "bad.md", line: line, message: expected)) {
            try LessonParser.parse(text, path: "bad.md")
        }
    }

    @Test func errorDescriptionIsFileLineMessage() {
        #expect(LessonError(path: "lessons/01-x.md", line: 7, message: "boom").description == "lessons/01-x.md:7: boom")
        #expect(LessonError(path: "x.md", line: 0, message: "cannot read the file").description == "x.md: cannot read the file")
    }

    @Test func unreadableFilesAreErrorsNotCrashes() {
        #expect(throws: LessonError(path: "/nonexistent/x.md", line: 0, message: "cannot read the file")) {
            try LessonParser.parse(fileAt: "/nonexistent/x.md")
        }
    }

    @Test func randomGarbageNeverCrashes() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["```unroll", "```", ">>> ", "... ", "x", "", "# check: a", "# solution:", "```unroll exercise",
                      "~~~", "<BLANKLINE>", "[...]", "é世", "```unroll tolerance=", "\r"]
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }
                .joined(separator: "\n")
            _ = try? LessonParser.parse(text, path: "fuzz.md")
        }
    }
}
