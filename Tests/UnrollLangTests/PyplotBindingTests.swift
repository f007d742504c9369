// matplotlib.pyplot through the interpreter, against what real matplotlib drew for the same code
// (Tests/Fixtures/plot/pyplot_*.json from tools/fixtures/plot.py), plus terminal snapshots of plt.show().
import Foundation
import Testing
@testable import UnrollLang

/// Tests/Fixtures/plot, found by walking up from this file.
let plotFixtures: URL = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        let candidate = url.appendingPathComponent("Tests/Fixtures/plot")
        if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
    }
    return URL(fileURLWithPath: "Tests/Fixtures/plot")
}()

/// Compares `text` with `Tests/Fixtures/plot/<name>.txt`; `UNROLL_UPDATE_SNAPSHOTS=1` rewrites the file instead
/// (to be reviewed by eye before committing). A missing snapshot fails. With `brailleTolerance`, up to that many
/// braille cells may differ (a trained model's predictions move by float rounding when kernels change); every
/// other character — frame, labels, legend — must still match.
func expectPlotSnapshot(_ text: String, _ name: String, brailleTolerance: Int = 0, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = plotFixtures.appendingPathComponent(name + ".txt")
    if ProcessInfo.processInfo.environment["UNROLL_UPDATE_SNAPSHOTS"] == "1" {
        try? text.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("missing snapshot \(url.path); run with UNROLL_UPDATE_SNAPSHOTS=1", sourceLocation: sourceLocation)
        return
    }
    guard brailleTolerance > 0 else {
        #expect(text == expected, "snapshot \(name) differs", sourceLocation: sourceLocation)
        return
    }
    let got = text.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
    let want = expected.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
    #expect(got.count == want.count, "snapshot \(name): \(got.count) lines, expected \(want.count)", sourceLocation: sourceLocation)
    var brailleDifferences = 0, otherDifferences = 0
    func isBraille(_ c: Character) -> Bool { c.unicodeScalars.first.map { (0x2800...0x28FF).contains($0.value) } ?? false }
    for (g, w) in zip(got, want) {
        if g.count != w.count { otherDifferences += 1; continue }
        for (a, b) in zip(g, w) where a != b {
            if (isBraille(a) || a == " ") && (isBraille(b) || b == " ") { brailleDifferences += 1 } else { otherDifferences += 1 }
        }
    }
    #expect(otherDifferences == 0, "snapshot \(name): frame, labels or legend differ", sourceLocation: sourceLocation)
    #expect(brailleDifferences <= brailleTolerance, "snapshot \(name): \(brailleDifferences) braille cells differ", sourceLocation: sourceLocation)
}

let pyplotPrelude = "import numpy as np\nimport torch\nimport matplotlib.pyplot as plt\n"

struct PyplotCase {
    struct Axes {
        var xlim: [Double], ylim: [Double]
        var xTickLabels: [String], yTickLabels: [String]
        var title: String, xLabel: String, yLabel: String
        var lines: [[String: Any]], collections: [[String: Any]]
        var legend: [String]
        var legendPlace: String
    }
    var name: String
    var code: String
    var figsize: [Double]
    var axes: [Axes]

    static func load() throws -> [PyplotCase] {
        let data = try Data(contentsOf: plotFixtures.appendingPathComponent("pyplot_cases.json"))
        let cases = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        return cases.map { c in
            PyplotCase(name: c["name"] as? String ?? "", code: c["code"] as? String ?? "", figsize: c["figsize"] as? [Double] ?? [],
                       axes: (c["axes"] as? [[String: Any]] ?? []).map { a in
                           Axes(xlim: a["xlim"] as? [Double] ?? [], ylim: a["ylim"] as? [Double] ?? [],
                                xTickLabels: a["xticklabels"] as? [String] ?? [], yTickLabels: a["yticklabels"] as? [String] ?? [],
                                title: a["title"] as? String ?? "", xLabel: a["xlabel"] as? String ?? "", yLabel: a["ylabel"] as? String ?? "",
                                lines: a["lines"] as? [[String: Any]] ?? [], collections: a["collections"] as? [[String: Any]] ?? [],
                                legend: a["legend"] as? [String] ?? [], legendPlace: a["legend_place"] as? String ?? "")
                       })
        }
    }
}

@Suite struct PyplotBindingTests {
    /// Runs the prelude and `code` in a fresh session; returns the session, what it printed and the outcome.
    func session(_ code: String) -> (Session, String, RunOutcome) {
        let box = OutputBox()
        let s = Session(output: { box.text += $0 }, printsErrors: false)
        let outcome = s.run(pyplotPrelude + code)
        return (s, box.text, outcome)
    }

    final class OutputBox: @unchecked Sendable { var text = "" }

    func temporarySVG() -> String { NSTemporaryDirectory() + "unroll-plot-\(UUID().uuidString).svg" }

    @Test func courseFiguresMatchMatplotlibLimitsTicksAndSeries() throws {
        let cases = try PyplotCase.load()
        #expect(cases.count == 7)
        for c in cases {
            let (s, _, outcome) = session(c.code)
            #expect(outcome.succeeded, "\(c.name): \(outcome.errorText ?? "")")
            guard outcome.succeeded else { continue }
            // View limits, as ax.get_xlim()/get_ylim() report them.
            let limits = try s.evaluate("[a.get_xlim() + a.get_ylim() for a in plt.gcf().axes]")
            let rows = try s.interpreterForBindings.iterate(limits).map { try s.interpreterForBindings.iterate($0).map { try $0.asDouble() } }
            #expect(rows.count == c.axes.count, "\(c.name): axes count")
            for (got, want) in zip(rows, c.axes) {
                let expected = want.xlim + want.ylim
                let scale = max(abs(want.xlim[1] - want.xlim[0]), abs(want.ylim[1] - want.ylim[0]))
                #expect(zip(got, expected).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, scale) }, "\(c.name): limits \(got) vs matplotlib \(expected)")
            }
            // What the SVG shows.
            let path = temporarySVG()
            defer { try? FileManager.default.removeItem(atPath: path) }
            let saved = s.run("plt.savefig('\(path)')\n")
            #expect(saved.succeeded, "\(c.name): \(saved.errorText ?? "")")
            let svg = try String(contentsOfFile: path, encoding: .utf8)
            let doc = try #require(PlotSVGReader.read(svg), "\(c.name): the SVG must parse")
            #expect(doc.root["viewBox"] == "0 0 \(Int(c.figsize[0] * 100)) \(Int(c.figsize[1] * 100))", "\(c.name): figsize")
            #expect(doc.axes.count == c.axes.count)
            for (i, (got, want)) in zip(doc.axes, c.axes).enumerated() {
                let where_ = "\(c.name) axes \(i)"
                #expect(got.xTickLabels == want.xTickLabels, "\(where_): x ticks \(got.xTickLabels) vs matplotlib \(want.xTickLabels)")
                #expect(got.yTickLabels == want.yTickLabels, "\(where_): y ticks \(got.yTickLabels) vs matplotlib \(want.yTickLabels)")
                #expect(got.title == want.title && got.xLabel == want.xLabel && got.yLabel == want.yLabel, "\(where_): labels")
                #expect(got.legend == want.legend, "\(where_): legend \(got.legend) vs \(want.legend)")
                #expect(got.legendPlace == want.legendPlace, "\(where_): legend at \(got.legendPlace), matplotlib \(want.legendPlace)")
                let drawnLines = want.lines.filter { ($0["markers_only"] as? Bool) != true }
                #expect(got.polylines.count == drawnLines.count, "\(where_): polylines")
                for (line, expected) in zip(got.polylines, drawnLines) {
                    #expect(line.stroke == expected["color"] as? String, "\(where_): line colour \(line.stroke) vs \(expected["color"] ?? "")")
                    #expect(line.points == expected["points"] as? Int, "\(where_): line points")
                    let style = expected["linestyle"] as? String ?? "-"
                    #expect((line.dashed == nil) == (style == "-"), "\(where_): line style \(style)")
                }
                // Scatter collections and the markers of lines (`'o'`, `'o-'`, `marker=`) become groups of circles.
                let expectedMarkers = (want.lines.filter { ($0["marker"] as? Bool) == true } + want.collections)
                    .map { "\($0["color"] as? String ?? "") \($0["points"] as? Int ?? -1)" }.sorted()
                #expect(got.markers.map { "\($0.fill) \($0.count)" }.sorted() == expectedMarkers, "\(where_): markers")
            }
        }
    }

    @Test func errorsMatchMatplotlibs() throws {
        let data = try Data(contentsOf: plotFixtures.appendingPathComponent("pyplot_errors.json"))
        let cases = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: String]])
        #expect(cases.count == 14)
        for c in cases {
            let (_, _, outcome) = session((c["code"] ?? "") + "\n")
            #expect(outcome.errorLine == "\(c["type"] ?? ""): \(c["message"] ?? "")", "\(c["code"] ?? "")")
        }
    }

    @Test func reprsMatchMatplotlibs() throws {
        let data = try Data(contentsOf: plotFixtures.appendingPathComponent("pyplot_reprs.json"))
        let cases = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: String]])
        #expect(cases.count == 15)
        let (s, _, _) = session("")
        for c in cases {
            let value = try s.evaluate(c["code"] ?? "")
            #expect(value.stringValue == c["result"], "\(c["code"] ?? ""): \(s.repr(value))")
        }
    }

    @Test func showDrawsTheSineFigureAndClosesIt() throws {
        let sine = try #require(try PyplotCase.load().first { $0.name == "sine_scatter" })
        let (s, printed, outcome) = session(sine.code.replacingOccurrences(of: "plt.", with: "_ = plt.") + "plt.show()\n")
        #expect(outcome.succeeded, "\(outcome.errorText ?? "")")
        expectPlotSnapshot(printed, "pyplot_sine_scatter_show")
        let lines = printed.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 20 && lines.allSatisfy { $0.count <= 80 }, "80×20 when not on a terminal")
        #expect(!printed.contains("\u{1B}"), "no colour escapes")
        #expect(s.run("plt.show()\n").succeeded)
        #expect(try s.evaluate("len(plt.gcf().axes)").intValue == 0, "show() closed the figure; gcf() made a new one")
    }

    @Test func showStacksTheThreePanels() throws {
        let panels = try #require(try PyplotCase.load().first { $0.name == "three_panels" })
        let (_, printed, outcome) = session(panels.code.replacingOccurrences(of: "axs[i].", with: "_ = axs[i].") + "plt.show()\n")
        #expect(outcome.succeeded, "\(outcome.errorText ?? "")")
        expectPlotSnapshot(printed, "pyplot_three_panels_show")
        for title in ["train", "validation", "test"] { #expect(printed.contains(title)) }
        #expect(printed.components(separatedBy: "── target   ── prediction").count == 4, "a legend per panel")
    }

    @Test func showDrawsEveryOpenFigureInOrderAndCloseForgetsThem() {
        let (_, printed, outcome) = session("""
            _ = plt.plot([1, 2])
            _ = plt.title('first')
            _ = plt.figure()
            _ = plt.plot([2, 1])
            _ = plt.title('second')
            plt.show()

            """)
        #expect(outcome.succeeded, "\(outcome.errorText ?? "")")
        let figures = printed.components(separatedBy: "\n\n")
        #expect(figures.count == 2)
        #expect(figures.first?.split(separator: "\n").first?.trimmingCharacters(in: .whitespaces) == "first")
        #expect(figures.last?.split(separator: "\n").first?.trimmingCharacters(in: .whitespaces) == "second")
        #expect(figures.allSatisfy { $0.split(separator: "\n").count == 20 })
        let box = OutputBox()
        let quiet = Session(output: { box.text += $0 })
        _ = quiet.run(pyplotPrelude + "_ = plt.plot([1])\nplt.close()\n_ = plt.figure()\n_ = plt.plot([2])\nplt.close('all')\nplt.show()\n")
        #expect(box.text == "", "closed figures are not drawn")
    }

    @Test func savefigWritesSVGOnlyAndAtomically() throws {
        let dir = NSTemporaryDirectory() + "unroll-savefig-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (s, _, outcome) = session("_ = plt.plot([1, 2, 3])\nplt.savefig('\(dir)/a.svg')\nplt.savefig('\(dir)/b')\n")
        #expect(outcome.succeeded, "\(outcome.errorText ?? "")")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["a.svg", "b.svg"], "no temporary files left")
        let png = s.run("plt.savefig('\(dir)/c.png')\n")
        #expect(png.errorLine == "ValueError: Format 'png' is not supported (supported formats: svg)")
        #expect(png.errorText?.contains("plt.savefig(\"plot.svg\")") == true, "the hint says what works")
        let missing = s.run("plt.savefig('\(dir)/no/such/dir/d.svg')\n")
        #expect(missing.errorLine == "FileNotFoundError: [Errno 2] No such file or directory: '\(dir)/no/such/dir/d.svg'")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["a.svg", "b.svg"])
    }

    @Test func unsupportedFunctionsSayWhichAndWhatIsSupported() {
        for (code, name) in [("plt.bar([1], [2])", "matplotlib.pyplot.bar"), ("plt.hist([1, 2])", "matplotlib.pyplot.hist"),
                             ("fig, ax = plt.subplots()\nax.axhline(0)", "Axes.axhline"), ("plt.subplot(2, 1, 1)", "matplotlib.pyplot.subplot"),
                             ("fig = plt.figure()\nfig.add_subplot(111)", "Figure.add_subplot")] {
            let (_, _, outcome) = session(code + "\n")
            #expect(outcome.errorLine == "NotImplementedError: \(name) is not supported by Unroll", "\(code)")
            #expect(outcome.errorText?.contains("Unroll's matplotlib subset: plot, scatter") == true)
        }
        let (_, _, layout) = session("fig = plt.figure()\nplt.subplots_adjust(hspace=0.4)\nfig.subplots_adjust(left=0.1)\nfig.tight_layout()\n")
        #expect(layout.succeeded, "layout calls are accepted: \(layout.errorText ?? "")")
        let (_, _, outcome) = session("plt.nonexistent\n")
        #expect(outcome.errorLine == "AttributeError: module 'matplotlib.pyplot' has no attribute 'nonexistent'")
    }

    @Test func valuesOfEveryKindPlot() throws {
        let (s, _, outcome) = session("""
            import pandas as pd
            fig, ax = plt.subplots()
            _ = ax.plot(range(4), torch.tensor([1.0, 2.0, 3.0, 4.0]))
            _ = ax.plot(np.arange(4), [4, 3, 2, 1])
            _ = ax.plot(torch.arange(4).float().view(4, 1))
            _ = ax.scatter(np.array([0.5, 1.5]), (2.5, 3.5))
            _ = ax.plot(torch.ones(4, requires_grad=True).detach())
            _ = ax.scatter([1, 2], [3, 4], 5, color='C2', label='third', zorder=3)
            _ = ax.plot(torch.zeros(4, 0))
            _ = ax.plot([])

            """)
        #expect(outcome.succeeded, "\(outcome.errorText ?? "")")
        let path = temporarySVG()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(s.run("fig.savefig('\(path)')\n").succeeded)
        let doc = try #require(PlotSVGReader.read(try String(contentsOfFile: path, encoding: .utf8)))
        #expect(doc.axes.first?.polylines.map(\.points) == [4, 4, 4, 4])
        #expect(doc.axes.first?.polylines.count == 4, "an (N, 0) array and an empty list draw nothing")
        #expect(doc.axes.first?.markers.map(\.count) == [2, 2])
        #expect(doc.axes.first?.markers.last?.fill == "#2ca02c")
        let (_, _, huge) = session("plt.figure(figsize=(1e300, 2))\n")
        #expect(huge.errorLine?.hasPrefix("ValueError: Unroll draws figures of at most 1000 × 1000 inches") == true)
    }
}

extension Value {
    /// The Swift string of a `str` value, nil otherwise.
    var stringValue: String? { if case .str(let s) = self { return s }; return nil }
    /// The Swift int of an `int` value, nil otherwise.
    var intValue: Int64? { if case .int(let i) = self { return i }; return nil }
}

/// plt.show() through the real binary in stdin mode: stdout is a pipe, so the plot is 80×20 without colour.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: unrollBinary.path), "build the unroll product first"))
struct PyplotCommandLineTests {
    static let script = """
        import torch
        import matplotlib.pyplot as plt
        x = torch.linspace(0, 6.2832, 100)
        _ = plt.plot(x, torch.sin(x), label='sin(x)')
        _ = plt.plot(x, torch.cos(x), '--', label='cos(x)')
        _ = plt.title('one period')
        _ = plt.legend()
        plt.show()

        """

    @Test func stdinModeDrawsAStablePlot() throws {
        let (out, status) = try runUnroll([], input: Self.script)
        #expect(status == 0)
        expectPlotSnapshot(out, "stdin_sine_cosine_show")
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 20 && lines.allSatisfy { $0.count <= 80 })
        #expect(!out.contains("\u{1B}"))
        let (again, _) = try runUnroll([], input: Self.script)
        #expect(again == out, "replays identically")
    }

    @Test func runFileWithAnUnsupportedCallExitsOne() throws {
        let (out, errors, status) = try runUnrollWithErrors(["-c", "import matplotlib.pyplot as plt\nplt.imshow([[1]])"])
        #expect(status == 1)
        #expect(out == "")
        #expect(errors.hasPrefix("NotImplementedError: matplotlib.pyplot.imshow is not supported by Unroll\n"))
    }
}
