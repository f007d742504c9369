// Braille renderings of representative figures, compared with reviewed snapshots in Tests/Fixtures/plot/.
import Foundation
import Testing
@testable import UnrollPlot

@Suite struct TerminalSnapshotTests {
    static func sine(_ n: Int, from a: Double, to b: Double, _ f: (Double) -> Double) -> (x: [Double], y: [Double]) {
        let x = (0..<n).map { a + (b - a) * Double($0) / Double(n - 1) }
        return (x, x.map(f))
    }

    @Test func sineAndCosineWithLegendAndLabels() throws {
        let figure = Figure()
        let axes = figure.axes[0]
        let s = Self.sine(100, from: 0, to: 10, sin), c = Self.sine(100, from: 0, to: 10, cos)
        axes.plot(x: s.x, y: s.y, label: "sin")
        axes.plot(x: c.x, y: c.y, label: "cos", lineStyle: .dashed)
        axes.title = "Waves"
        axes.xLabel = "t"
        axes.yLabel = "value"
        axes.showsLegend = true
        try Fixtures.expectSnapshot(TerminalRenderer.render(figure), "sine_cosine_80x20")
    }

    @Test func scatterOverLineLikeTheSineBlog() throws {
        let figure = Figure()
        let axes = figure.axes[0]
        let s = Self.sine(50, from: 1, to: 11, sin)
        axes.scatter(x: Array(s.x.dropLast()), y: Array(s.y.dropLast()), label: "original")
        axes.plot(x: Array(s.x.dropLast()), y: Array(s.y.dropLast()))
        axes.scatter(x: Array(s.x.dropFirst()), y: s.y.dropFirst().map { $0 * 0.9 }, label: "predicted")
        axes.showsLegend = true
        try Fixtures.expectSnapshot(TerminalRenderer.render(figure, width: 60, height: 16), "scatter_line_60x16")
    }

    @Test func gapsAtNaNAndInfinityAndAnEmptyAxes() throws {
        let figure = Figure(rows: 1, columns: 2)
        figure.axes[0].plot(y: [0, 1, 2, .nan, 4, 5, .infinity, 7, 8, -.infinity, 10])
        figure.axes[0].title = "gaps"
        figure.axes[1].title = "empty"
        try Fixtures.expectSnapshot(TerminalRenderer.render(figure, width: 80, height: 12), "gaps_and_empty_80x12")
    }

    @Test func threeStackedSubplotsLikeTheBikeSharingPlot() throws {
        let figure = Figure(rows: 3, columns: 1, size: (6, 9))
        for (i, name) in ["train", "validation", "test"].enumerated() {
            let offset = Double(i * 24)
            let x = (0..<24).map { offset + Double($0) }
            figure.axes[i].plot(x: x, y: x.map { 200 + 150 * sin($0 / 4) }, label: "target")
            figure.axes[i].plot(x: x, y: x.map { 190 + 140 * sin($0 / 4 + 0.2) }, label: "prediction")
            figure.axes[i].title = name
            figure.axes[i].showsLegend = true
        }
        try Fixtures.expectSnapshot(TerminalRenderer.render(figure, width: 72, height: 36), "three_panels_72x36")
    }

    @Test func limitsAndGrid() throws {
        let figure = Figure()
        let axes = figure.axes[0]
        axes.plot(x: [-5, 0, 5, 10, 15], y: [3, -1, 4, -1, 5], label: "zigzag")
        axes.xLimits = (0, 10)
        axes.yLimits = (-2, 2)
        axes.showsGrid = true
        try Fixtures.expectSnapshot(TerminalRenderer.render(figure, width: 50, height: 14), "limits_grid_50x14")
    }

    @Test func outputRespectsTheRequestedSize() {
        let figure = Figure()
        figure.axes[0].plot(y: (0..<500).map { Double($0 % 37) })
        for (w, h) in [(40, 10), (80, 20), (120, 30)] {
            let lines = TerminalRenderer.render(figure, width: w, height: h).split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == h, "\(w)x\(h) gave \(lines.count) lines")
            #expect(lines.allSatisfy { $0.count <= w })
        }
    }

    @Test func colourWrapsSeriesCellsInTheirCycleColour() {
        let figure = Figure()
        figure.axes[0].plot(y: [0, 1])
        let text = TerminalRenderer.render(figure, width: 40, height: 10, color: true)
        #expect(text.contains("\u{1B}[38;5;\(PlotColor.cycle[0].xterm256)m"))
        #expect(!TerminalRenderer.render(figure, width: 40, height: 10).contains("\u{1B}"))
    }

    @Test func tinySizesAndHugeValuesDoNotCrash() {
        let figure = Figure(rows: 4, columns: 3)
        figure.axes[0].plot(y: [1e308, -1e308, 0])
        figure.axes[1].scatter(x: [.nan], y: [1])
        figure.axes[2].plot(y: [Double](repeating: 3, count: 10))
        figure.axes[3].xLimits = (1, 0)
        figure.axes[3].plot(y: [0, 1, 2])
        for (w, h) in [(0, 0), (1, 1), (20, 6), (200, 3)] {
            _ = TerminalRenderer.render(figure, width: w, height: h)
        }
        _ = SVGRenderer.render(figure)
    }
}
