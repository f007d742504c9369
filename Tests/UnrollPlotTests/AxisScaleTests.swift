// View limits and ticks against matplotlib's own (Tests/Fixtures/plot/matplotlib_axes.json), and tick labels.
import Foundation
import Testing
@testable import UnrollPlot

@Suite struct AxisScaleTests {
    private func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }

    @Test func autoscaledLimitsMatchMatplotlib() throws {
        let fixture = try #require(try Fixtures.json("plot/matplotlib_axes.json") as? [String: Any])
        let cases = try #require(fixture["limits"] as? [[String: Any]])
        #expect(cases.count == 6)
        for c in cases {
            let name = c["name"] as? String ?? "?"
            let x = (c["x"] as? [Any] ?? []).map { ($0 as? Double) ?? .nan }
            let y = (c["y"] as? [Any] ?? []).map { ($0 as? Double) ?? .nan }
            let axes = Axes()
            axes.plot(x: x, y: y)
            let xlim = c["xlim"] as? [Double] ?? [], ylim = c["ylim"] as? [Double] ?? []
            #expect(close(axes.viewX.0, xlim[0]) && close(axes.viewX.1, xlim[1]), "\(name) xlim \(axes.viewX) vs \(xlim)")
            #expect(close(axes.viewY.0, ylim[0]) && close(axes.viewY.1, ylim[1]), "\(name) ylim \(axes.viewY) vs \(ylim)")
        }
    }

    @Test func ticksMatchMaxNLocator() throws {
        let fixture = try #require(try Fixtures.json("plot/matplotlib_axes.json") as? [String: Any])
        let cases = try #require(fixture["ticks"] as? [[String: Any]])
        #expect(cases.count == 11)
        for c in cases {
            let lo = c["lo"] as? Double ?? 0, hi = c["hi"] as? Double ?? 0, nbins = c["nbins"] as? Int ?? 0
            let expected = c["ticks"] as? [Double] ?? []
            let got = AxisScale.ticks(lo, hi, nbins: nbins)
            #expect(got.count == expected.count && zip(got, expected).allSatisfy { close($0, $1) },
                    "ticks(\(lo), \(hi), nbins: \(nbins)) = \(got), matplotlib \(expected)")
        }
    }

    @Test func labelsShareDecimalsLikeScalarFormatter() {
        #expect(AxisScale.labels([0, 0.25, 0.5]) == ["0.00", "0.25", "0.50"])
        #expect(AxisScale.labels([-5, 0, 5, 10]) == ["-5", "0", "5", "10"])
        #expect(AxisScale.labels([-1, -0.5, 0, 0.5], minus: "\u{2212}") == ["\u{2212}1.0", "\u{2212}0.5", "0.0", "0.5"])
        #expect(AxisScale.labels([0.4, 0.6000000000000001, 0.8]) == ["0.4", "0.6", "0.8"])
    }

    @Test func limitLabelsAreOneDecimalFinerThanTheTicks() {
        #expect(AxisScale.limitLabel(1.0996, ticks: [-1, -0.5, 0, 0.5, 1]) == "1.10")
        #expect(AxisScale.limitLabel(-1.0996, ticks: [-1, -0.5, 0, 0.5, 1], minus: "\u{2212}") == "\u{2212}1.10")
        #expect(AxisScale.limitLabel(364.6049, ticks: [100, 200, 300]) == "364.6")
        #expect(AxisScale.limitLabel(-0.0001, ticks: [0, 1]) == "0.0", "no negative zero")
        #expect(AxisScale.limitLabel(2.5e6, ticks: [0, 1e6, 2e6]) == "2.5e+06")
        #expect(AxisScale.limitLabel(.nan, ticks: []) == "nan")
        #expect(AxisScale.limitLabel(-.infinity, ticks: []) == "-inf")
    }

    @Test func nonFiniteAndEmptyDataStillGiveDrawableLimits() {
        let axes = Axes()
        axes.plot(y: [.nan, .infinity, -.infinity])
        let (x0, x1) = axes.viewX, (y0, y1) = axes.viewY
        #expect(x0 < x1 && y0 < y1)
        #expect(AxisScale.ticks(.nan, 1, nbins: 4).isEmpty)
        #expect(AxisScale.ticks(0, .infinity, nbins: 4).isEmpty)
        #expect(AxisScale.ticks(-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude, nbins: 4).isEmpty)
    }

    @Test func userLimitsOverrideOneOrBothEnds() {
        let axes = Axes()
        axes.plot(y: [0, 10])
        axes.yLimits = (lower: 0, upper: nil)
        #expect(axes.viewY.0 == 0 && close(axes.viewY.1, 10.5))
        axes.xLimits = (lower: 5, upper: 5)
        #expect(axes.viewX.0 < axes.viewX.1)
    }
}
