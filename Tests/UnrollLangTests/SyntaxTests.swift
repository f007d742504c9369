// Lexer and parser tests: indentation, literals, f-strings, positions, and unsupported constructs.
import Testing
@testable import UnrollLang

@Suite struct LexerTests {
    func kinds(_ s: String) throws -> [TokenKind] { try Lexer.tokenize(s).map(\.kind) }

    @Test func indentationProducesIndentAndDedent() throws {
        let k = try kinds("if x:\n    y = 1\nz\n")
        #expect(k.contains(.indent))
        #expect(k.contains(.dedent))
        #expect(k.filter { $0 == .newline }.count == 3)
    }

    @Test func bracketsJoinLines() throws {
        let k = try kinds("f(1,\n  2)\n")
        #expect(!k.contains(.indent))
        #expect(k.filter { $0 == .newline }.count == 1)
    }

    @Test func numbers() throws {
        #expect(try kinds("1_000") == [.int(1000), .newline, .end])
        #expect(try kinds("1e-3") == [.float(0.001), .newline, .end])
        #expect(try kinds("2.5E+2") == [.float(250), .newline, .end])
        #expect(try kinds("0x10") == [.int(16), .newline, .end])
        #expect(try kinds(".5") == [.float(0.5), .newline, .end])
    }

    @Test func stringsAndEscapes() throws {
        #expect(try kinds(#"'a\nb'"#) == [.string("a\nb"), .newline, .end])
        #expect(try kinds(#""it's""#) == [.string("it's"), .newline, .end])
        #expect(try kinds("'''x\ny'''") == [.string("x\ny"), .newline, .end])
        #expect(try kinds(#"r'\n'"#) == [.string("\\n"), .newline, .end])
    }

    @Test func tokensCarryPositions() throws {
        let tokens = try Lexer.tokenize("x = foo\n")
        #expect(tokens[2].range == SourceRange(line: 1, column: 5, endColumn: 8))
    }

    @Test func commentsAreSkipped() throws {
        #expect(try kinds("x # comment\n") == [.name("x"), .newline, .end])
    }

    @Test func errors() {
        #expect(throws: LangError.self) { try Lexer.tokenize("'abc") }
        #expect(throws: LangError.self) { try Lexer.tokenize("(1, 2") }
        #expect(throws: LangError.self) { try Lexer.tokenize("x = $") }
        #expect(throws: LangError.self) { try Lexer.tokenize("99999999999999999999") }
    }
}

@Suite struct ParserTests {
    func parseError(_ s: String) -> LangError? {
        do { _ = try Parser.parse(s); return nil } catch let e as LangError { return e } catch { return nil }
    }

    @Test func parsesCourseConstructs() throws {
        let source = """
        import torch.nn as nn
        from torch.utils.data import TensorDataset, DataLoader
        class Net(nn.Module):
            def __init__(self, hidden=32):
                super().__init__()
                self.lstm = nn.LSTM(input_size=1, hidden_size=hidden, batch_first=True)
            def forward(self, x):
                out, (h, c) = self.lstm(x)
                return self.fc(out[:, -1, :])
        for name, p in net.named_parameters(): print(name, p.shape)
        with torch.no_grad():
            y = x[..., None, ::2]
        total += [i ** 2 for i in range(3) if i]
        del d['k']
        assert a == b, "msg"
        """
        let statements = try Parser.parse(source)
        #expect(statements.count == 8)
    }

    @Test(arguments: ["try:\n    pass\n", "f = lambda x: x\n", "def g():\n    yield 1\n", "global x\n",
                      "nonlocal x\n", "async def f(): pass\n", "if (n := 3): pass\n", "raise ValueError\n"])
    func unsupportedConstructsNameThemselves(_ source: String) throws {
        let e = try #require(parseError(source))
        #expect(e.type == "SyntaxError")
        #expect(e.message.contains("not supported"))
    }

    @Test func syntaxErrorsHaveRanges() throws {
        let e = try #require(parseError("x = (1 +\n"))
        #expect(e.range != nil)
        #expect(parseError("f(x) = 3\n")?.message.contains("function call") == true)
        #expect(parseError("if x\n    y\n")?.message == "expected ':'")
        #expect(parseError("  x = 1\n")?.type == "IndentationError")
        #expect(parseError("if x:\ny\n")?.type == "IndentationError")
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        #expect(parseError(deep) != nil)
        let deepList = String(repeating: "[", count: 150) + String(repeating: "]", count: 150)
        #expect(parseError(deepList) != nil)
        let deepUnary = String(repeating: "-", count: 10000) + "1"
        #expect(parseError(deepUnary) != nil)
        let deepNot = String(repeating: "not ", count: 10000) + "1"
        #expect(parseError(deepNot) != nil)
        var blocks = ""
        for i in 0..<200 { blocks += String(repeating: " ", count: i) + "if x:\n" }
        blocks += String(repeating: " ", count: 200) + "pass\n"
        #expect(parseError(blocks) != nil)
    }

    @Test func fstringFields() throws {
        let statements = try Parser.parse("f'{x:.4f} {y!r} {{z}}'\n")
        guard case .expression(let e) = statements.first?.kind, case .fstring(let pieces) = e.kind else {
            Issue.record("not an f-string"); return
        }
        #expect(pieces.count == 4)
    }
}
