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

    @Test func refusesWhatIsNotOneDimensional() {
        let h = host()
        _ = h.execute("import torch")
        #expect(h.execute(":plot torch.zeros(2, 3)").error?.contains(":plot draws 1-D tensors; torch.zeros(2, 3) has shape [2, 3]") == true)
        #expect(h.execute(":plot 'text'").error?.contains(":plot takes a 1-D tensor or a list of them") == true)
        #expect(h.execute(":plot").error?.contains("usage: :plot EXPR") == true)
        #expect(h.execute(":plot undefined_name").error?.contains("NameError") == true)
    }

    @Test func helpDescribesIt() {
        let text = host().execute(":help plot").output
        #expect(text.hasPrefix(":plot EXPR\n  plot a 1-D tensor or a list of them in the terminal"))
        #expect(text.contains("80×20"))
    }
}
