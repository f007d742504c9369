// Smoke test that the UnrollPlot module links; real suites live beside it.
import Testing
import UnrollPlot

@Test func UnrollPlotLinks() { #expect(UnrollPlotInfo.moduleName == "UnrollPlot") }
