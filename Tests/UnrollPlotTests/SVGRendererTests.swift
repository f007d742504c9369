// The SVG output parses as XML and holds the expected elements; files are written atomically.
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import UnrollPlot

/// Collects element names, attributes and text of an SVG document.
final class SVGCollector: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String])] = []
    var texts: [String] = []
    private var current = ""
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append((name, attributes))
        current = ""
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { texts.append(current) }
        current = ""
    }
    func count(_ name: String, class cls: String? = nil) -> Int {
        elements.filter { $0.name == name && (cls == nil || $0.attributes["class"] == cls) }.count
    }

    static func parse(_ svg: String) -> SVGCollector? {
        let collector = SVGCollector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        return parser.parse() ? collector : nil
    }
}

@Suite struct SVGRendererTests {
    func sampleFigure() -> Figure {
        let figure = Figure(rows: 2, columns: 1, size: (6, 8))
        figure.axes[0].plot(x: [0, 1, 2, 3, 4], y: [0, 1, .nan, 9, 16], label: "squares & <more>")
        figure.axes[0].plot(x: [0, 1, 2, 3, 4], y: [0, 1, 2, 3, 4], label: "line", lineStyle: .dashed)
        figure.axes[0].title = "top \"quoted\""
        figure.axes[0].xLabel = "x"
        figure.axes[0].yLabel = "y"
        figure.axes[0].showsLegend = true
        figure.axes[0].showsGrid = true
        figure.axes[1].scatter(x: [1, 2, 3], y: [-1, -2, -3], label: "dots")
        figure.axes[1].title = "bottom"
        return figure
    }

    @Test func isWellFormedWithTheExpectedElements() throws {
        let svg = SVGRenderer.render(sampleFigure())
        let doc = try #require(SVGCollector.parse(svg), "SVG must parse as XML")
        #expect(doc.elements.first?.name == "svg")
        #expect(doc.elements.first?.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(doc.elements.first?.attributes["viewBox"] == "0 0 600 800")
        #expect(doc.count("g", class: "axes") == 2)
        #expect(doc.count("polyline") == 3, "the NaN splits the first line in two")
        #expect(doc.count("circle") == 3)
        #expect(doc.count("g", class: "legend") == 1, "the second axes never called legend()")
        #expect(doc.count("rect", class: "frame") == 2)
        #expect(doc.count("g", class: "grid") == 1)
        #expect(doc.texts.contains("squares & <more>"))
        #expect(doc.texts.contains("top \"quoted\""))
        #expect(doc.texts.contains("bottom"))
        #expect(doc.texts.contains { $0.hasPrefix("\u{2212}") } && !doc.texts.contains { $0.hasPrefix("-") },
                "negative ticks use matplotlib's minus sign")
        #expect(doc.elements.contains { $0.name == "polyline" && $0.attributes["stroke-dasharray"] != nil })
        #expect(doc.elements.contains { $0.name == "polyline" && $0.attributes["stroke"] == "#1f77b4" })
    }

    @Test func writesAtomicallyAndReplaces() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-svg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("plot.svg").path
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        try SVGRenderer.write(sampleFigure(), to: path)
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written == SVGRenderer.render(sampleFigure()))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["plot.svg"], "no temporary file left behind")
        #expect(throws: PlotFileError.self) { try SVGRenderer.write(sampleFigure(), to: dir.path + "/missing/dir/x.svg") }
    }

    @Test func controlCharactersAndEmptyFiguresStayValid() throws {
        let figure = Figure()
        figure.axes[0].title = "bell\u{07}"
        figure.axes[0].plot(y: [])
        #expect(SVGCollector.parse(SVGRenderer.render(figure)) != nil)
    }

    @Test func coordinatesPrintWithAtMostTwoDecimals() {
        let values: [Double] = [0, -0.004, 1.5, -1.5, 12.34, 0.05, -0.05, 100, 2.999, 7.1, -1234.56]
        #expect(values.map(SVGRenderer.n) == ["0", "0", "1.5", "-1.5", "12.34", "0.05", "-0.05", "100", "3", "7.1", "-1234.56"])
        #expect(SVGRenderer.n(.nan) == "0")
    }

    @Test func longLinesAreSimplifiedPerPixelColumnKeepingExtremes() throws {
        let n = 100_000
        var points: [(Double, Double)] = []
        for i in 0..<n {
            let x = Double(i) / Double(n) * 500
            let y = sin(Double(i) / 50) * 100 + Double(i % 7)
            points.append((x, y))
        }
        let kept = SVGRenderer.simplified(points)
        #expect(kept.count <= 4 * 501 && kept.count > 500)
        let ys: [Double] = points.map { $0.1 }, keptYs: [Double] = kept.map { $0.1 }
        #expect(kept.first?.0 == points.first?.0 && kept.last?.0 == points.last?.0 && keptYs.last == ys.last)
        #expect(keptYs.max() == ys.max() && keptYs.min() == ys.min())
        let short = Array(points.prefix(1500))
        #expect(SVGRenderer.simplified(short).count == 1500, "short lines are kept whole")
        let figure = Figure()
        figure.axes[0].plot(y: ys)
        let doc = try #require(SVGCollector.parse(SVGRenderer.render(figure)))
        let drawn = try #require(doc.elements.first { $0.name == "polyline" }?.attributes["points"])
        #expect(drawn.split(separator: " ").count < 4 * 640)
    }
}
