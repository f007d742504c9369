// Golden tests of replay: the runner's verdicts, the file:LINE diff blocks, summary lines and the total line.
import Testing
@testable import UnrollLessons

@Suite struct ReplayOutputTests {
    static let demo = lesson(
        "# Demo",                                // 1
        "",                                      // 2
        "```unroll",                             // 3
        ">>> x = 3",                             // 4
        ">>> x * 2",                             // 5
        "7",                                     // 6
        ">>> print('a')",                        // 7
        "a",                                     // 8
        "```",                                   // 9
        "```unroll error",                       // 10
        ">>> 1 / 0",                             // 11
        "ZeroDivisionError: division by zero",   // 12
        "```",                                   // 13
        "```unroll skip",                        // 14
        ">>> nothing",                           // 15
        "```")                                   // 16

    func run(_ text: String, path: String = "demo.md", failFast: Bool = false) throws -> LessonReport {
        try LessonRunner(failFast: failFast).run(LessonParser.parse(text, path: path), executor: TinyCalcExecutor())
    }

    @Test func reportsAMismatchWithLineAndDiff() throws {
        let report = try run(Self.demo)
        #expect(report.cells.map(\.status) == [.failed, .passed, .skipped])
        #expect(report.cells[0].statements.map(\.status) == [.passed, .mismatch, .passed])
        #expect(ReplayFormatter.lessonBlock(report) == """
            demo.md:6: output differs
            >>> x * 2
            --- expected
            +++ actual
            @@ -1 +1 @@
            -7
            +6

            ✗ demo.md  1 of 3 cells failed (1 skipped)

            """)
    }

    @Test func passingLessonSummary() throws {
        let report = try run(Self.demo.replacingOccurrences(of: "\n7\n", with: "\n6\n"))
        #expect(report.passed)
        #expect(ReplayFormatter.lessonBlock(report) == "✓ demo.md  3 cells (1 skipped)\n")
        #expect(ReplayFormatter.totalLine([report, report]) == "2 lessons: 2 passed, 0 failed (6 cells, 0 failed, 2 skipped)")
    }

    @Test func multiLineStatementsAndHunksWithContext() throws {
        let text = lesson(
            "```unroll",                          // 1
            ">>> for i in range(12):",            // 2
            "...     print(i * 10)",              // 3
            "0", "10", "20", "30", "40", "50",    // 4-9
            "60", "70", "80", "99", "100", "111", // 10-15
            "```")
        let report = try run(text, path: "loop.md")
        let failure = try #require(report.failures.first)
        #expect(failure.line == 13)
        #expect(ReplayFormatter.lessonBlock(report) == """
            loop.md:13: output differs
            >>> for i in range(12):
            ...     print(i * 10)
            --- expected
            +++ actual
            @@ -7,6 +7,6 @@
             60
             70
             80
            -99
            +90
             100
            -111
            +110

            ✗ loop.md  1 of 1 cell failed

            """)
    }

    @Test func separateHunksAndAddedLinesPointAtTheirPlace() throws {
        let text = lesson("```unroll", ">>> for i in range(10):", "...     print(i)",
                          "0", "1", "2", "3", "4", "5", "6", "7", "8", "```")
        let report = try run(text, path: "more.md")
        let failure = try #require(report.failures.first)
        #expect(failure.line == 13, "an added line points after the last expected line")
        #expect(failure.diff == ["--- expected", "+++ actual", "@@ -7,3 +7,4 @@", " 6", " 7", " 8", "+9"])

        let gaps = lesson("```unroll", ">>> for i in range(12):", "...     print(i)",
                          "x", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "y", "```")
        let diff = try #require(try run(gaps, path: "gaps.md").failures.first).diff
        #expect(diff == ["--- expected", "+++ actual", "@@ -1,4 +1,4 @@", "-x", "+0", " 1", " 2", " 3",
                         "@@ -9,4 +9,4 @@", " 8", " 9", " 10", "-y", "+11"])
    }

    @Test func unexpectedAndMissingErrors() throws {
        let text = lesson(
            "```unroll",              // 1
            ">>> y",                  // 2
            "3",                      // 3
            "```",                    // 4
            "```unroll error",        // 5
            ">>> 1 + 1",              // 6
            "RuntimeError: [..]",     // 7
            "```",                    // 8
            "```unroll error",        // 9
            ">>> fail('no')",         // 10
            "RuntimeError: yes",      // 11
            "```")
        let report = try run(text, path: "err.md")
        #expect(report.cells.flatMap(\.statements).map(\.status) == [.unexpectedError, .missingError, .mismatch])
        #expect(ReplayFormatter.lessonBlock(report) == """
            err.md:3: unexpected error
            >>> y
            --- expected
            +++ actual
            @@ -1 +1 @@
            -3
            +NameError: name 'y' is not defined

            err.md:7: expected an error, but the statement succeeded
            >>> 1 + 1
            --- expected
            +++ actual
            @@ -1 +1 @@
            -RuntimeError: [..]
            +2

            err.md:11: error text differs
            >>> fail('no')
            --- expected
            +++ actual
            @@ -1 +1 @@
            -RuntimeError: yes
            +RuntimeError: no

            ✗ err.md  3 of 3 cells failed

            """)
    }

    @Test func errorCellsLetEarlierStatementsSucceed() throws {
        let text = lesson("```unroll error", ">>> z = 0", ">>> print('before')", "before",
                          ">>> 1 / z", "ZeroDivisionError: division by zero", "```")
        #expect(try run(text).passed)
    }

    @Test func exerciseSolutionsRunAndChecksMustPrintTrue() throws {
        let text = lesson(
            "```unroll", ">>> x = 4", "```",
            "```unroll exercise",       // 4
            "# check: y == 2 * x",      // 5
            "# check: y > 100",         // 6
            "# hint: double it",        // 7
            "# solution:",              // 8
            ">>> y = 2 * x",            // 9
            "```")
        let report = try run(text, path: "ex.md")
        #expect(report.cells.map(\.status) == [.passed, .failed])
        #expect(report.failures == [ReplayFailure(line: 6, message: "check failed: `y > 100` gave False")])
    }

    @Test func failFastStopsAtTheFirstFailingCell() throws {
        let text = lesson("```unroll", ">>> 1", "2", "```", "```unroll", ">>> 1", "1", "```")
        let report = try run(text, path: "ff.md", failFast: true)
        #expect(report.cells.map(\.status) == [.failed, .notRun])
        #expect(ReplayFormatter.summaryLine(report) == "✗ ff.md  1 of 2 cells failed (1 not run)")
    }

    @Test func toleranceFlagWidensFloatComparison() throws {
        let strict = lesson("```unroll", ">>> 1 / 3", "0.3334", "```")
        #expect(try !run(strict).passed)
        #expect(try run(strict.replacingOccurrences(of: "```unroll\n", with: "```unroll tolerance=1e-3\n")).passed)
    }

    @Test func eachLessonStartsFromAResetExecutor() throws {
        let executor = TinyCalcExecutor()
        let parsed = try LessonParser.parse(lesson("```unroll", ">>> x = 1", "```"), path: "a.md")
        _ = LessonRunner().run(parsed, executor: executor)
        _ = LessonRunner().run(parsed, executor: executor)
        #expect(executor.resets == 2)
        #expect(executor.executed == ["x = 1", "x = 1"])
    }
}

@Suite struct LargeOutputDiffTests {
    @Test func hugeOutputsAreDiffedByPosition() {
        let expected = (0..<1500).map { "line \($0)" }
        var actual = expected
        actual[700] = "changed"
        let steps = alignOutput(expected: expected, actual: actual, matcher: OutputMatcher())
        #expect(steps.count == 1501)
        #expect(unifiedDiff(expected: expected, actual: actual, steps: steps)
            == ["--- expected", "+++ actual", "@@ -698,7 +698,7 @@", " line 697", " line 698", " line 699",
                "-line 700", "+changed", " line 701", " line 702", " line 703"])
    }
}
