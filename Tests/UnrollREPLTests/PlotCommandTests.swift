// `:plot EXPR` through the REPL host, as a learner types it (and as lessons replay it: 80×20, no colour).
import Foundation
import Testing
@testable import UnrollREPL

@Suite struct PlotCommandTests {
    func host() -> ReplHost { ReplHost(runner: LanguageRunner(), out: nil) }

    /// Compares with `Tests/Fixtures/plot/<name>.txt`; `UNROLL_UPDATE_SNAPSHOTS=1` rewrites it (review before committing).
    static func expectSnapshot(_ text: String, _ name: String) {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Tests/Fixtures/plot").path) { break }
        }
        let file = url.appendingPathComponent("Tests/Fixtures/plot/\(name).txt")
        if ProcessInfo.processInfo.environment["UNROLL_UPDATE_SNAPSHOTS"] == "1" {
            try? text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        #expect(text == (try? String(contentsOf: file, encoding: .utf8)), "snapshot \(file.path) differs or is missing")
    }

    @Test func plotsATensorLikeTheStdinSnapshot() throws {
        let h = host()
        #expect(!h.execute("import torch\nx = torch.linspace(0, 6.2832, 100)\ny = torch.sin(x)").failed)
        let result = h.execute(":plot y")
        #expect(!result.failed, "\(result.error ?? "")")
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 20 && lines.allSatisfy { $0.count <= 80 })
        #expect(lines.first?.trimmingCharacters(in: .whitespaces) == "y", "titled with the expression")
        // The same sine drawn by :plot and by plt.plot(y) + plt.title('y') + plt.show() is the same picture.
        #expect(!h.execute("import matplotlib.pyplot as plt\n_ = plt.plot(y)\n_ = plt.title('y')").failed)
        #expect(h.execute("plt.show()").output == result.output)
        Self.expectSnapshot(result.output, "repl_plot_sine")
    }

    @Test func plotsAListOfTensorsWithALegend() {
        let h = host()
        _ = h.execute("import torch\nt = torch.arange(10.)")
        let result = h.execute(":plot [t, t * 0.5, torch.ones(10, requires_grad=True)]")
        #expect(!result.failed, "\(result.error ?? "")")
        #expect(result.output.contains("── t   ── t * 0.5   ── torch.ones(10, requires_grad=True)"))
    }

    @Test func plotsRangesTuplesAndLossesThatRequireGrad() {
        let h = host()
        _ = h.execute("import torch\nw = torch.ones(1, requires_grad=True)\nlosses = [((w - i / 10) ** 2).sum() for i in range(30)]")
        let losses = h.execute(":plot losses")
        #expect(!losses.failed, "a list of scalar losses with grad_fn plots: \(losses.error ?? "")")
        #expect(losses.output.contains("3.79 ┤"), "the top limit is the largest loss (3.61) plus 5%")
        #expect(!h.execute(":plot range(5)").failed)
        #expect(!h.execute(":plot (1, 2, 4)").failed)
        #expect(h.execute(":plot range(10**12)").error?.contains("MemoryError") == true)
    }

    @Test func refusesWhatIsNotOneDimensional() {
        let h = host()
        _ = h.execute("import torch")
        #expect(h.execute(":plot torch.zeros(2, 3)").error?.contains(":plot draws 1-D tensors; torch.zeros(2, 3) has shape [2, 3]") == true)
        #expect(h.execute(":plot 'text'").error?.contains(":plot takes a 1-D tensor or a list of them") == true)
        #expect(h.execute(":plot [[1, 2], [3, 4]]").error?.contains(":plot draws 1-D data; [[1, 2], [3, 4]] has shape (2, 2)") == true)
        #expect(h.execute(":plot").error?.contains("usage: :plot EXPR") == true)
        #expect(h.execute(":plot undefined_name").error?.contains("NameError") == true)
    }

    @Test func helpDescribesIt() {
        let text = host().execute(":help plot").output
        #expect(text.hasPrefix(":plot EXPR\n  plot a 1-D tensor or a list of them in the terminal"))
        #expect(text.contains("80×20"))
    }
}

/// On a real terminal plots fill the window and are coloured, unless NO_COLOR says otherwise.
@Suite struct PlotOnTerminalTests {
    func start(columns: UInt16, rows: UInt16, color: Bool) throws -> PseudoTerminal {
        let binary = try #require(BuiltBinary.unroll, "build the unroll binary first (swift build)")
        let state = NSTemporaryDirectory() + "unroll-plot-pty-\(UUID().uuidString)"
        let env = ["XDG_STATE_HOME": state, "LANG": "C.UTF-8", "NO_COLOR": color ? "" : "1"]
        let pty = try #require(PseudoTerminal(executable: binary, environment: env, columns: columns, rows: rows))
        #expect(pty.waitForPrompt(), "no prompt: \(pty.plainText)")
        return pty
    }

    /// The plot's lines in the transcript: from the line holding the title to the x tick labels under the frame.
    func plotLines(_ text: String) -> [Substring] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let top = lines.firstIndex(where: { $0.contains("┌") }), let bottom = lines.lastIndex(where: { $0.contains("┘") }) else { return [] }
        return Array(lines[(top - 1)...min(bottom + 1, lines.count - 1)])
    }

    @Test func plotFillsTheWindowWithColour() throws {
        let pty = try start(columns: 100, rows: 30, color: true)
        pty.type("import torch\r")
        #expect(pty.waitForPrompt())
        let mark = pty.transcript.count
        pty.type(":plot torch.arange(12.) % 5\r")
        #expect(pty.waitFor("┘", after: mark))
        #expect(pty.waitForPrompt())
        let lines = plotLines(pty.plainText)
        #expect(lines.count == 27, "a 100×30 window leaves 27 lines for the plot: \(lines.count)")
        #expect(lines.contains { $0.hasSuffix("┐") && $0.count == 100 }, "the frame spans the window's 100 columns")
        #expect(pty.transcript.contains("\u{1B}[38;5;68m"), "the series in matplotlib's C0 (#1f77b4, xterm colour 68)")
        pty.type("\u{04}")
        _ = pty.waitForExit()
    }

    @Test func noColorKeepsTheSizeButDropsTheColour() throws {
        let pty = try start(columns: 60, rows: 24, color: false)
        pty.type("import torch\r")
        #expect(pty.waitForPrompt())
        let mark = pty.transcript.count
        pty.type(":plot torch.arange(12.) % 5\r")
        #expect(pty.waitFor("┘", after: mark))
        #expect(pty.waitForPrompt())
        let lines = plotLines(pty.plainText)
        #expect(lines.contains { $0.hasSuffix("┐") && $0.count == 60 })
        #expect(!pty.transcript.contains("\u{1B}[38;5;"))
        pty.type("\u{04}")
        _ = pty.waitForExit()
    }

    @Test func recordingKeepsPlotsAtTheReplaySize() throws {
        let pty = try start(columns: 120, rows: 40, color: false)
        let file = NSTemporaryDirectory() + "unroll-plot-record-\(UUID().uuidString).md"
        defer { try? FileManager.default.removeItem(atPath: file) }
        pty.type("import matplotlib.pyplot as plt\r")
        #expect(pty.waitForPrompt())
        pty.type("_ = plt.plot([1, 3, 2])\r")
        #expect(pty.waitForPrompt())
        pty.type(":record \(file)\r")
        #expect(pty.waitForPrompt())
        let mark = pty.transcript.count
        pty.type("plt.show()\r")
        #expect(pty.waitFor("┘", after: mark))
        #expect(pty.waitForPrompt())
        pty.type(":record stop\r")
        #expect(pty.waitFor("recorded", after: mark))
        let shown = plotLines(pty.plainText)  // the session's only plot
        #expect(shown.contains { $0.hasSuffix("┐") && $0.count == 80 }, "80 columns while recording, not the window's 120")
        let recorded = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        #expect(recorded.split(separator: "\n").contains { $0.hasSuffix("┐") && $0.count == 80 })
        pty.type("\u{04}")
        _ = pty.waitForExit()
    }
}
