// Tests of when typed lines make a complete statement, as Python's REPL decides.
import Testing
@testable import UnrollREPL

@Suite struct InputAccumulatorTests {
    @Test func simpleStatementCompletesAtOnce() {
        var acc = InputAccumulator()
        #expect(acc.add("x = 1") == "x = 1")
        #expect(acc.isEmpty)
    }

    @Test func blockContinuesUntilBlankLine() {
        var acc = InputAccumulator()
        #expect(acc.add("for i in range(3):") == nil)
        #expect(acc.prompt == "... ")
        #expect(acc.add("    print(i)") == nil)
        #expect(acc.add("") == "for i in range(3):\n    print(i)")
    }

    @Test func openBracketAsksForMore() {
        var acc = InputAccumulator()
        #expect(acc.add("rnn = nn.RNN(") == nil)
        #expect(acc.add("    3, 4)") == "rnn = nn.RNN(\n    3, 4)")
    }

    @Test func bracketsInStringsAndCommentsAreIgnored() {
        var acc = InputAccumulator()
        #expect(acc.add("s = '(' # (") == "s = '(' # (")
        #expect(acc.add("t = \"a:\"") == "t = \"a:\"")
    }

    @Test func singleLineBodyIsComplete() {
        var acc = InputAccumulator()
        #expect(acc.add("for name, p in m.named_parameters(): print(name, p.shape)") != nil)
    }

    @Test func tripleQuotedStringContinues() {
        var acc = InputAccumulator()
        #expect(acc.add("s = \"\"\"a") == nil)
        #expect(acc.add("b\"\"\"") == "s = \"\"\"a\nb\"\"\"")
    }

    @Test func blankLineAloneIsIgnoredAndResetClears() {
        var acc = InputAccumulator()
        #expect(acc.add("   ") == nil)
        #expect(acc.isEmpty)
        _ = acc.add("if x:")
        acc.reset()
        #expect(acc.isEmpty)
        #expect(acc.prompt == ">>> ")
    }
}
