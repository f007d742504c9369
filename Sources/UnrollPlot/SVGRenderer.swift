// Writes a figure as a standalone SVG document: frame, ticks, tick labels, titles, polylines, markers, legend.
import Foundation

/// Renders figures as SVG 1.1 text at 100 pixels per inch of the figure's size (matplotlib's default dpi).
public enum SVGRenderer {
    static let font = "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\""

    public static func render(_ figure: Figure) -> String {
        let width = (figure.size.width * 100).rounded(), height = (figure.size.height * 100).rounded()
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(n(width))pt\" height=\"\(n(height))pt\" viewBox=\"0 0 \(n(width)) \(n(height))\">\n"
        out += "<rect class=\"background\" x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#ffffff\"/>\n"
        var top = 0.0
        if !figure.superTitle.isEmpty {
            out += "<text class=\"suptitle\" x=\"\(n(width / 2))\" y=\"24\" text-anchor=\"middle\" font-size=\"14\" \(font)>\(escape(figure.superTitle))</text>\n"
            top = 30
        }
        for (index, axes) in figure.axes.enumerated() {
            let r = index / figure.columns, c = index % figure.columns
            let frame = figure.tightLayout
                ? tightFrame(axes, row: r, column: c, figure: figure, width: width, height: height, top: top)
                : subplotFrame(row: r, column: c, figure: figure, width: width, height: height)
            out += renderAxes(axes, index: index, frame: frame)
        }
        return out + "</svg>\n"
    }

    /// An axes' frame (left, top, right, bottom) and the x of its rotated y label.
    typealias AxesFrame = (left: Double, top: Double, right: Double, bottom: Double, yLabelX: Double)

    /// matplotlib's default placement: the subplot parameters' grid, gaps as fractions of the axes size.
    static func subplotFrame(row: Int, column: Int, figure: Figure, width: Double, height: Double) -> AxesFrame {
        let p = figure.subplotParams
        let columns = Double(figure.columns), rows = Double(figure.rows)
        let w = (p.right - p.left) * width / (columns + p.wspace * (columns - 1))
        let h = (p.top - p.bottom) * height / (rows + p.hspace * (rows - 1))
        let left = p.left * width + Double(column) * w * (1 + p.wspace)
        let top = (1 - p.top) * height + Double(row) * h * (1 + p.hspace)
        return (left, top, left + w, top + h, max(10, left - 44))
    }

    /// `tight_layout()`: each axes fills its cell of the grid less the room its tick labels, axis labels and title need.
    static func tightFrame(_ axes: Axes, row: Int, column: Int, figure: Figure, width: Double, height: Double, top: Double) -> AxesFrame {
        let cellWidth = width / Double(figure.columns), cellHeight = (height - top) / Double(figure.rows)
        let x = Double(column) * cellWidth, y = top + Double(row) * cellHeight
        return (x + (axes.yLabel.isEmpty ? 58 : 74), y + (axes.title.isEmpty ? 14 : 32),
                x + cellWidth - 16, y + cellHeight - (axes.xLabel.isEmpty ? 34 : 50), x + 14)
    }

    /// Writes `render(figure)` to `path` atomically (a temporary file beside it, then a rename).
    public static func write(_ figure: Figure, to path: String) throws {
        try AtomicFile.write(Data(render(figure).utf8), to: path)
    }

    private static func renderAxes(_ axes: Axes, index: Int, frame: AxesFrame) -> String {
        let (left, top, right, bottom) = (frame.left, frame.top, frame.right, frame.bottom)
        guard right > left + 10, bottom > top + 10 else { return "" }
        let (x0, x1) = axes.viewX, (y0, y1) = axes.viewY
        let px = { (x: Double) in left + (x - x0) / (x1 - x0) * (right - left) }
        let py = { (y: Double) in bottom - (y - y0) / (y1 - y0) * (bottom - top) }
        var out = "<g class=\"axes\" id=\"axes\(index + 1)\">\n"
        out += "<clipPath id=\"clip\(index + 1)\"><rect x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(right - left))\" height=\"\(n(bottom - top))\"/></clipPath>\n"

        // matplotlib's AutoLocator: as many bins as fit 3 (x) or 2 (y) label heights of 10 pt, at most 9.
        let xTicks = AxisScale.ticks(x0, x1, nbins: autoBins(length: right - left, labelSpacing: 30))
        let yTicks = AxisScale.ticks(y0, y1, nbins: autoBins(length: bottom - top, labelSpacing: 20))
        if axes.showsGrid {
            out += "<g class=\"grid\" stroke=\"#b0b0b0\" stroke-width=\"0.8\">\n"
            for t in xTicks { out += "<line x1=\"\(n(px(t)))\" y1=\"\(n(top))\" x2=\"\(n(px(t)))\" y2=\"\(n(bottom))\"/>\n" }
            for t in yTicks { out += "<line x1=\"\(n(left))\" y1=\"\(n(py(t)))\" x2=\"\(n(right))\" y2=\"\(n(py(t)))\"/>\n" }
            out += "</g>\n"
        }
        out += "<g class=\"xticks\" \(font) font-size=\"10\" text-anchor=\"middle\">\n"
        for (t, label) in zip(xTicks, AxisScale.labels(xTicks, minus: "\u{2212}")) {
            out += "<line x1=\"\(n(px(t)))\" y1=\"\(n(bottom))\" x2=\"\(n(px(t)))\" y2=\"\(n(bottom + 3.5))\" stroke=\"#000000\" stroke-width=\"0.8\"/>"
            out += "<text x=\"\(n(px(t)))\" y=\"\(n(bottom + 15))\">\(escape(label))</text>\n"
        }
        out += "</g>\n<g class=\"yticks\" \(font) font-size=\"10\" text-anchor=\"end\">\n"
        for (t, label) in zip(yTicks, AxisScale.labels(yTicks, minus: "\u{2212}")) {
            out += "<line x1=\"\(n(left - 3.5))\" y1=\"\(n(py(t)))\" x2=\"\(n(left))\" y2=\"\(n(py(t)))\" stroke=\"#000000\" stroke-width=\"0.8\"/>"
            out += "<text x=\"\(n(left - 6))\" y=\"\(n(py(t) + 3.5))\">\(escape(label))</text>\n"
        }
        out += "</g>\n"

        out += "<g class=\"series\" clip-path=\"url(#clip\(index + 1))\">\n"
        for s in axes.series { out += seriesElements(s, px: px, py: py) }
        out += "</g>\n"
        out += "<rect class=\"frame\" x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(right - left))\" height=\"\(n(bottom - top))\" fill=\"none\" stroke=\"#000000\" stroke-width=\"0.8\"/>\n"
        if !axes.title.isEmpty {
            out += "<text class=\"title\" x=\"\(n((left + right) / 2))\" y=\"\(n(top - 8))\" text-anchor=\"middle\" font-size=\"12\" \(font)>\(escape(axes.title))</text>\n"
        }
        if !axes.xLabel.isEmpty {
            out += "<text class=\"xlabel\" x=\"\(n((left + right) / 2))\" y=\"\(n(bottom + 32))\" text-anchor=\"middle\" font-size=\"10\" \(font)>\(escape(axes.xLabel))</text>\n"
        }
        if !axes.yLabel.isEmpty {
            let cx = frame.yLabelX, cy = (top + bottom) / 2
            out += "<text class=\"ylabel\" x=\"\(n(cx))\" y=\"\(n(cy))\" transform=\"rotate(-90 \(n(cx)) \(n(cy)))\" text-anchor=\"middle\" font-size=\"10\" \(font)>\(escape(axes.yLabel))</text>\n"
        }
        let vertices = axes.series.flatMap { zip($0.x, $0.y).map { (px($0), py($1)) } }
        out += legend(axes.legendEntries, box: (left, top, right, bottom), location: axes.legendLocation, vertices: vertices)
        return out + "</g>\n"
    }

    /// `min(9, floor(length in points / spacing))`, at least 1, for an axis `length` pixels long (100 px per inch).
    static func autoBins(length: Double, labelSpacing: Double) -> Int {
        let points = length / 100 * 72
        guard points.isFinite else { return 1 }
        return max(1, min(9, Int((points / labelSpacing).rounded(.down))))
    }

    private static func seriesElements(_ s: Series, px: (Double) -> Double, py: (Double) -> Double) -> String {
        let points = zip(s.x, s.y).map { (px($0), py($1)) }
        switch s.kind {
        case .scatter:
            var out = "<g class=\"scatter\" fill=\"\(s.color.hex)\">\n"
            for (x, y) in points where x.isFinite && y.isFinite { out += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"3\"/>\n" }
            return out + "</g>\n"
        case .line:
            // NaN and inf split the line into runs, as matplotlib leaves gaps there.
            var runs: [[(Double, Double)]] = [[]]
            for p in points {
                if p.0.isFinite && p.1.isFinite && abs(p.0) < 1e7 && abs(p.1) < 1e7 { runs[runs.count - 1].append(p) } else if !(runs.last?.isEmpty ?? true) { runs.append([]) }
            }
            var out = ""
            for run in runs where !run.isEmpty {
                let coordinates = simplified(run).map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
                out += "<polyline fill=\"none\" stroke=\"\(s.color.hex)\" stroke-width=\"1.5\"\(dash(s.lineStyle)) stroke-linecap=\"square\" points=\"\(coordinates)\"/>\n"
            }
            if s.hasMarkers {
                out += "<g class=\"scatter\" fill=\"\(s.color.hex)\">\n"
                for (x, y) in points where x.isFinite && y.isFinite { out += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"3\"/>\n" }
                out += "</g>\n"
            }
            return out
        }
    }

    /// Long polylines keep, per run of consecutive points in the same pixel column, the first, lowest, highest
    /// and last point: the drawn line is the same (as matplotlib's path simplification), the file far smaller.
    /// Lines of up to `limit` points are kept whole.
    static func simplified(_ points: [(Double, Double)], limit: Int = 2000) -> [(Double, Double)] {
        guard points.count > limit else { return points }
        var out: [(Double, Double)] = []
        out.reserveCapacity(limit)
        var start = 0
        while start < points.count {
            let column = points[start].0.rounded(.down)
            var end = start + 1
            var low = start, high = start
            while end < points.count, points[end].0.rounded(.down) == column {
                if points[end].1 < points[low].1 { low = end }
                if points[end].1 > points[high].1 { high = end }
                end += 1
            }
            var kept: [Int] = []
            for i in [start, min(low, high), max(low, high), end - 1] where kept.last != i { kept.append(i) }
            for i in kept { out.append(points[i]) }
            start = end
        }
        return out
    }

    private static func dash(_ style: LineStyle) -> String {
        switch style {
        case .solid: return ""
        case .dashed: return " stroke-dasharray=\"5.55,2.4\""
        case .dotted: return " stroke-dasharray=\"1.5,2.475\""
        case .dashDot: return " stroke-dasharray=\"9.6,2.4,1.5,2.4\""
        }
    }

    /// The legend box at `location` inside the axes `box` (left, top, right, bottom); for `best`, the first place in
    /// matplotlib's order that covers the fewest data points.
    private static func legend(_ entries: [Series], box: (Double, Double, Double, Double), location: LegendLocation,
                               vertices: [(Double, Double)]) -> String {
        guard !entries.isEmpty else { return "" }
        let longest = entries.map { ($0.label ?? "").count }.max() ?? 0
        let boxWidth = 40 + Double(longest) * 6.2, boxHeight = 8 + Double(entries.count) * 16
        func origin(_ place: LegendLocation) -> (Double, Double) {
            let (left, top, right, bottom) = box
            let xLeft = left + 8, xRight = right - 8 - boxWidth, xCenter = (left + right - boxWidth) / 2
            let yTop = top + 8, yBottom = bottom - 8 - boxHeight, yCenter = (top + bottom - boxHeight) / 2
            switch place {
            case .best, .upperRight: return (xRight, yTop)
            case .upperLeft: return (xLeft, yTop)
            case .lowerLeft: return (xLeft, yBottom)
            case .lowerRight: return (xRight, yBottom)
            case .right, .centerRight: return (xRight, yCenter)
            case .centerLeft: return (xLeft, yCenter)
            case .lowerCenter: return (xCenter, yBottom)
            case .upperCenter: return (xCenter, yTop)
            case .center: return (xCenter, yCenter)
            }
        }
        var place = location
        if location == .best {
            var fewest = Int.max
            for candidate in LegendLocation.allCases.dropFirst() {
                let (cx, cy) = origin(candidate)
                let covered = vertices.reduce(0) { count, p in
                    count + (p.0 >= cx && p.0 <= cx + boxWidth && p.1 >= cy && p.1 <= cy + boxHeight ? 1 : 0)
                }
                if covered < fewest { fewest = covered; place = candidate }
            }
        }
        let (x, y) = origin(place)
        var out = "<g class=\"legend\">\n<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(boxWidth))\" height=\"\(n(boxHeight))\" rx=\"2\" fill=\"#ffffff\" fill-opacity=\"0.8\" stroke=\"#cccccc\"/>\n"
        for (i, s) in entries.enumerated() {
            let cy = y + 12 + Double(i) * 16
            switch s.kind {
            case .line:
                out += "<line x1=\"\(n(x + 6))\" y1=\"\(n(cy))\" x2=\"\(n(x + 26))\" y2=\"\(n(cy))\" stroke=\"\(s.color.hex)\" stroke-width=\"1.5\"\(dash(s.lineStyle))/>\n"
            case .scatter:
                out += "<circle cx=\"\(n(x + 16))\" cy=\"\(n(cy))\" r=\"3\" fill=\"\(s.color.hex)\"/>\n"
            }
            out += "<text x=\"\(n(x + 32))\" y=\"\(n(cy + 3.5))\" font-size=\"10\" \(font)>\(escape(s.label ?? ""))</text>\n"
        }
        return out + "</g>\n"
    }

    /// A coordinate with at most two decimals and no trailing zeros (integer arithmetic: polylines of
    /// many thousand points format fast).
    static func n(_ v: Double) -> String {
        guard v.isFinite, abs(v) < 1e15 else { return "0" }
        let hundredths = Int((v * 100).rounded())
        let whole = abs(hundredths) / 100, fraction = abs(hundredths) % 100
        var s = hundredths < 0 ? "-" : ""
        s += String(whole)
        if fraction != 0 {
            s += fraction % 10 == 0 ? "." + String(fraction / 10) : (fraction < 10 ? ".0" : ".") + String(fraction)
        }
        return s
    }

    /// Text escaped for XML character data and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // XML 1.0 forbids most control characters, even escaped.
                if ch.value < 0x20 && ch != "\t" && ch != "\n" && ch != "\r" { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
