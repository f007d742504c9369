// Reads the SVG that plt.savefig writes back into per-axes facts (ticks, series, legend) with Foundation's XMLParser.
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What one `<g class="axes">` of the SVG shows.
struct SVGAxes {
    struct Polyline { var stroke: String; var points: Int; var dashed: String? }
    struct Markers { var fill: String; var count: Int }
    var xTickLabels: [String] = []
    var yTickLabels: [String] = []
    var title = ""
    var xLabel = ""
    var yLabel = ""
    var polylines: [Polyline] = []
    var markers: [Markers] = []
    var legend: [String] = []
    /// The frame and the legend box as (x, y, width, height), for where the legend sits.
    var frame: (Double, Double, Double, Double)?
    var legendBox: (Double, Double, Double, Double)?

    /// matplotlib-style place of the legend's centre in thirds of the frame: "upper right", "center left"...
    var legendPlace: String {
        guard let f = frame, let l = legendBox else { return "" }
        let fx = (l.0 + l.2 / 2 - f.0) / f.2, fy = 1 - (l.1 + l.3 / 2 - f.1) / f.3
        return (fy > 2.0 / 3 ? "upper" : fy < 1.0 / 3 ? "lower" : "center") + " " + (fx > 2.0 / 3 ? "right" : fx < 1.0 / 3 ? "left" : "center")
    }
}

/// The axes of an SVG document in order, or nil when it is not well-formed XML.
final class PlotSVGReader: NSObject, XMLParserDelegate {
    private(set) var axes: [SVGAxes] = []
    private(set) var root: [String: String] = [:]
    private var groups: [String] = []  // class of each open <g>, "" when none
    private var textClass: String?
    private var text = ""

    static func read(_ svg: String) -> PlotSVGReader? {
        let reader = PlotSVGReader()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = reader
        return parser.parse() ? reader : nil
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "svg": root = attributes
        case "g":
            let cls = attributes["class"] ?? ""
            groups.append(cls)
            if cls == "axes" { axes.append(SVGAxes()) }
            if cls == "scatter", !axes.isEmpty { axes[axes.count - 1].markers.append(.init(fill: attributes["fill"] ?? "", count: 0)) }
        case "circle":
            if groups.last == "scatter", !axes.isEmpty, !axes[axes.count - 1].markers.isEmpty {
                axes[axes.count - 1].markers[axes[axes.count - 1].markers.count - 1].count += 1
            }
        case "polyline":
            guard !axes.isEmpty else { break }
            let points = (attributes["points"] ?? "").split(separator: " ").count
            axes[axes.count - 1].polylines.append(.init(stroke: attributes["stroke"] ?? "", points: points,
                                                        dashed: attributes["stroke-dasharray"]))
        case "rect":
            guard !axes.isEmpty else { break }
            let box = (Double(attributes["x"] ?? "") ?? 0, Double(attributes["y"] ?? "") ?? 0,
                       Double(attributes["width"] ?? "") ?? 0, Double(attributes["height"] ?? "") ?? 0)
            if attributes["class"] == "frame" { axes[axes.count - 1].frame = box }
            if groups.last == "legend", axes[axes.count - 1].legendBox == nil { axes[axes.count - 1].legendBox = box }
        case "text":
            textClass = attributes["class"] ?? groups.last ?? ""
            text = ""
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if textClass != nil { text += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "g" { _ = groups.popLast() }
        guard name == "text", let cls = textClass, !axes.isEmpty else { return }
        let i = axes.count - 1
        switch cls {
        case "xticks": axes[i].xTickLabels.append(text)
        case "yticks": axes[i].yTickLabels.append(text)
        case "title": axes[i].title = text
        case "xlabel": axes[i].xLabel = text
        case "ylabel": axes[i].yLabel = text
        case "legend": axes[i].legend.append(text)
        default: break
        }
        textClass = nil
    }
}
