// Interpreter behaviour through the public Session API: echo, errors with carets and hints, state, interrupts.
import Foundation
import Testing
@testable import UnrollLang

func run(_ source: String, in session: Session? = nil) -> (String, RunOutcome) {
    var out = ""
    let box = OutputBox()
    let s = session ?? Session(output: { box.text += $0 })
    let outcome = s.run(source)
    out = box.text
    return (out, outcome)
}

final class OutputBox: @unchecked Sendable { var text = "" }

@Suite struct InterpreterTests {
    @Test func echoesExpressionsButNotNone() {
        let (out, outcome) = run("1 + 1\nNone\nx = 3\nx\nprint('hi')\n")
        #expect(outcome.succeeded)
        #expect(out == "2\n3\nhi\n")
    }

    @Test func errorTextHasLineCaretAndHint() {
        let box = OutputBox()
        let s = Session(output: { box.text += $0 })
        _ = s.run("run = 1\n")
        let outcome = s.run("y = rnn + 1\n")
        #expect(!outcome.succeeded)
        #expect(outcome.errorLine == "NameError: name 'rnn' is not defined")
        #expect(outcome.errorText == "NameError: name 'rnn' is not defined\n    y = rnn + 1\n        ^^^\nDid you mean: 'run'?")
        #expect(box.text.hasSuffix("Did you mean: 'run'?\n"))
    }

    @Test func variablesSurviveErrors() {
        let box = OutputBox()
        let s = Session(output: { box.text += $0 })
        _ = s.run("a = 1\nb = 1 / 0\n")
        #expect(s.globals.map(\.name) == ["a"])
        if case .int(1)? = s.globals.first?.value {} else { Issue.record("a is not 1") }
    }

    @Test func resetForgetsEverything() {
        let s = Session(output: { _ in })
        _ = s.run("a = 1\nimport torch\n")
        s.reset()
        #expect(s.globals.isEmpty)
        #expect(!s.run("a\n").succeeded)
    }

    @Test func recursionLimitIsAnError() {
        let (_, outcome) = run("def f(n): return f(n + 1)\nf(0)\n")
        #expect(outcome.errorLine == "RecursionError: maximum recursion depth exceeded")
    }

    @Test func interruptStopsLoopAndKeepsState() async throws {
        let box = OutputBox()
        let s = Session(output: { box.text += $0 })
        _ = s.run("i = 0\n")
        let sessionBox = SessionBox(s)
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.2)
            sessionBox.session.interrupt()
        }
        let outcome = s.run("while True:\n    i += 1\n")
        #expect(outcome.errorLine == "KeyboardInterrupt")
        let value = try s.evaluate("i > 0")
        if case .bool(true) = value {} else { Issue.record("i did not advance") }
    }

    @Test func evaluateReturnsValues() throws {
        let s = Session(output: { _ in })
        _ = s.run("x = [1, 2, 3]\n")
        let v = try s.evaluate("len(x) * 2")
        if case .int(6) = v {} else { Issue.record("expected 6") }
        #expect(throws: LangError.self) { try s.evaluate("nope") }
    }

    @Test func importErrorsExplain() {
        let (_, sklearn) = run("from sklearn.preprocessing import MinMaxScaler\n")
        #expect(sklearn.errorLine == "ModuleNotFoundError: No module named 'sklearn'")
        #expect(sklearn.errorText?.contains("it provides torch and the course's namespaces only: ") == true)
        #expect(sklearn.errorText?.contains("numpy, pandas") == true)
        let (_, os) = run("import os\n")
        #expect(os.errorLine == "ModuleNotFoundError: No module named 'os'")
        #expect(os.errorText?.contains("no user modules") == true)
    }

    @Test func completions() {
        let s = Session(output: { _ in })
        _ = s.run("import torch\nhidden_size = 3\ndef make(units, layers=1): return units\n")
        #expect(s.completions(for: "hid").candidates == ["hidden_size"])
        #expect(s.completions(for: "torch.ra").candidates.contains("randn"))
        #expect(s.completions(for: "torch.ra").replacing == 2)
        #expect(s.completions(for: "x = torch.zeros(2).vi").candidates.isEmpty)
        _ = s.run("t = torch.zeros(2)\n")
        #expect(s.completions(for: "t.vi").candidates == ["view", "view_as"])
        #expect(s.completions(for: "make(3, lay").candidates.contains("layers="))
        #expect(s.completions(for: "whi").candidates.contains("while"))
        #expect(s.completions(for: "torch.zeros(2, dt").candidates == ["dtype="])
    }

    @Test func pythonFloatReprs() {
        #expect(pythonFloatRepr(0.1) == "0.1")
        #expect(pythonFloatRepr(1e-5) == "1e-05")
        #expect(pythonFloatRepr(1.0) == "1.0")
        #expect(pythonFloatRepr(.infinity) == "inf")
        #expect(pythonFloatRepr(.nan) == "nan")
        #expect(pythonFloatRepr(1e16) == "1e+16")
        #expect(pythonFloatRepr(123456789012345678) == "1.2345678901234568e+17")
        #expect(pythonFloatRepr(0.0001) == "0.0001")
        #expect(pythonFloatRepr(-2.5) == "-2.5")
    }

    @Test func tensorErrorsMapToTheirKind() {
        let (_, outcome) = run("import torch\ntorch.zeros(2, 3).view(4, 2)\n")
        #expect(outcome.errorLine?.hasPrefix("RuntimeError: shape '[4, 2]' is invalid for input of size 6") == true)
    }
}

final class SessionBox: @unchecked Sendable {
    let session: Session
    init(_ s: Session) { session = s }
}
