// The course's sine-wave program (002) end to end, run as a script: its printed losses against real PyTorch's,
// its plt.show() picture as a reviewed snapshot, and its SVG against the figure matplotlib drew
// (Tests/Fixtures/plot/sine_program.{py,json} from tools/fixtures/plot.py).
import Foundation
import Testing
@testable import UnrollLang

@Suite struct PyplotSineProgramTests {
    /// Runs `source` as Python runs a file: no echo of expression statements (the REPL-style `Session.run` echoes).
    func runScript(_ source: String) throws -> String {
        final class Box: @unchecked Sendable { var text = "" }
        let box = Box()
        let session = Session(output: { box.text += $0 })
        try session.perform {
            session.interpreter.sourceLines = source.split(separator: "\n", omittingEmptySubsequences: false).map { Substring($0) }
            try session.interpreter.runModule(try Parser.parse(source), echo: false)
        }
        return box.text
    }

    @Test func printsWhatPyTorchPrintsAndDrawsWhatMatplotlibDraws() throws {
        let program = try String(contentsOf: plotFixtures.appendingPathComponent("sine_program.py"), encoding: .utf8)
        let data = try Data(contentsOf: plotFixtures.appendingPathComponent("sine_program.json"))
        let fixture = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let expectedLines = (fixture["stdout"] as? String ?? "").split(separator: "\n").map(String.init)
        let figure = try #require((fixture["figure"] as? [[String: Any]])?.first)

        // One added line: save the figure plt.show() is about to draw (show closes it).
        let svgPath = NSTemporaryDirectory() + "unroll-sine-\(UUID().uuidString).svg"
        defer { try? FileManager.default.removeItem(atPath: svgPath) }
        #expect(program.components(separatedBy: "\nplt.show()\n").count == 2)
        let source = program.replacingOccurrences(of: "\nplt.show()\n", with: "\nplt.savefig('\(svgPath)')\nplt.show()\n")
        let printed = try runScript(source)

        // The training log: same lines, losses equal to 1e-5 relative (float32 sums in another order drift a little).
        let lines = printed.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let log = Array(lines.prefix(expectedLines.count))
        #expect(log.count == 3)
        for (got, want) in zip(log, expectedLines) {
            let (gotHead, gotLoss) = splitLoss(got), (wantHead, wantLoss) = splitLoss(want)
            #expect(gotHead == wantHead)
            #expect(abs(gotLoss - wantLoss) <= 1e-5 * abs(wantLoss), "\(got) vs PyTorch \(want)")
        }

        // The terminal picture: everything after the log.
        let picture = lines.dropFirst(expectedLines.count).joined(separator: "\n")
        // 2% of the 72×16 plot cells may move with float rounding in the recurrent kernels; labels may not.
        expectPlotSnapshot(picture, "sine_program_show", brailleTolerance: 23)
        #expect(picture.hasSuffix("  ⣿ original   ⣿ predicted\n"))

        // The SVG against matplotlib's figure for the same program.
        let doc = try #require(PlotSVGReader.read(try String(contentsOfFile: svgPath, encoding: .utf8)))
        let axes = try #require(doc.axes.first)
        #expect(doc.axes.count == 1)
        #expect(axes.xTickLabels == figure["xticklabels"] as? [String])
        #expect(axes.yTickLabels == figure["yticklabels"] as? [String])
        #expect(axes.legend == figure["legend"] as? [String])
        let lineSpecs = figure["lines"] as? [[String: Any]] ?? []
        #expect(axes.polylines.map { "\($0.stroke) \($0.points)" } == lineSpecs.map { "\($0["color"] ?? "") \($0["points"] ?? "")" })
        let scatterSpecs = figure["collections"] as? [[String: Any]] ?? []
        #expect(axes.markers.map { "\($0.fill) \($0.count)" } == scatterSpecs.map { "\($0["color"] ?? "") \($0["points"] ?? "")" })
    }

    private func splitLoss(_ line: String) -> (String, Double) {
        guard let range = line.range(of: "loss ", options: .backwards) else { return (line, .nan) }
        return (String(line[..<range.upperBound]), Double(line[range.upperBound...]) ?? .nan)
    }
}
