// The figure model shared by the terminal and SVG renderers: a figure of axes, each holding labelled series.

/// How a line series is stroked (matplotlib's `linestyle`).
public enum LineStyle: String, Sendable, Equatable {
    case solid = "-", dashed = "--", dotted = ":", dashDot = "-."

    /// Parses matplotlib's short and long names (`'--'`, `'dashed'`); nil for anything else.
    public init?(matplotlibName name: String) {
        switch name {
        case "-", "solid": self = .solid
        case "--", "dashed": self = .dashed
        case ":", "dotted": self = .dotted
        case "-.", "dashdot": self = .dashDot
        default: return nil
        }
    }
}

/// Where the legend goes (matplotlib's `loc`); `best` picks the corner or side that hides the fewest points.
public enum LegendLocation: String, Sendable, CaseIterable {
    case best, upperRight = "upper right", upperLeft = "upper left", lowerLeft = "lower left", lowerRight = "lower right"
    case right, centerLeft = "center left", centerRight = "center right", lowerCenter = "lower center"
    case upperCenter = "upper center", center

    /// matplotlib's numeric codes: 0 is `best`, 1...10 the others in declaration order.
    public init?(code: Int) {
        guard code >= 0, code < LegendLocation.allCases.count else { return nil }
        self = LegendLocation.allCases[code]
    }
}

/// One plotted data set: a polyline (`plot`) or unconnected markers (`scatter`).
public struct Series: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case line, scatter }
    public var kind: Kind
    public var x: [Double]
    public var y: [Double]
    /// Shown in the legend unless nil or starting with `_` (matplotlib's convention for hidden entries).
    public var label: String?
    public var color: PlotColor
    public var lineStyle: LineStyle
    /// A line that also marks its points (`plot(x, y, 'o-')`, `marker='o'`).
    public var hasMarkers = false

    public init(kind: Kind, x: [Double], y: [Double], label: String?, color: PlotColor, lineStyle: LineStyle = .solid) {
        self.kind = kind
        self.x = x
        self.y = y
        self.label = label
        self.color = color
        self.lineStyle = lineStyle
    }

    /// The points with both coordinates finite: the ones that autoscaling considers, as matplotlib does.
    public var finitePoints: [(x: Double, y: Double)] {
        zip(x, y).filter { $0.0.isFinite && $0.1.isFinite }.map { (x: $0.0, y: $0.1) }
    }

    /// Whether the legend lists this series.
    public var isInLegend: Bool {
        guard let label else { return false }
        return !label.isEmpty && !label.hasPrefix("_")
    }
}

/// One set of axes (a subplot): its series, labels, limits and decorations. A class because
/// `axs[i].plot(...)` mutates the axes the figure holds.
public final class Axes {
    public private(set) var series: [Series] = []
    public var title = ""
    public var xLabel = ""
    public var yLabel = ""
    /// User limits; a nil end is autoscaled from the data (`plt.xlim(left=0)`).
    public var xLimits: (lower: Double?, upper: Double?) = (nil, nil)
    public var yLimits: (lower: Double?, upper: Double?) = (nil, nil)
    public var showsLegend = false
    public var legendLocation = LegendLocation.best
    public var showsGrid = false
    /// The next colours of matplotlib's default cycle. Like matplotlib, lines (`plot`) and collections
    /// (`scatter`) advance separate cycles, so `scatter` then `plot` both start at C0.
    private var lineCycleIndex = 0
    private var scatterCycleIndex = 0

    public init() {}

    /// Adds a line series; `y` against `x`, or against 0, 1, 2... when `x` is nil. Extra points of the longer
    /// array are ignored by callers that check lengths first (the bindings raise matplotlib's error).
    @discardableResult
    public func plot(x: [Double]? = nil, y: [Double], label: String? = nil, color: PlotColor? = nil,
                     lineStyle: LineStyle = .solid, markers: Bool = false) -> Series {
        add(.line, x: x, y: y, label: label, color: color, lineStyle: lineStyle, markers: markers)
    }

    /// Adds a scatter series.
    @discardableResult
    public func scatter(x: [Double], y: [Double], label: String? = nil, color: PlotColor? = nil) -> Series {
        add(.scatter, x: x, y: y, label: label, color: color, lineStyle: .solid)
    }

    /// Markers without a line (`plot(x, y, 'o')`): drawn like scatter points but coloured from the line cycle,
    /// as matplotlib's `plot` does.
    @discardableResult
    public func plotMarkers(x: [Double], y: [Double], label: String? = nil, color: PlotColor? = nil) -> Series {
        add(.scatter, x: x, y: y, label: label, color: color, lineStyle: .solid, lineCycle: true)
    }

    /// `legend(['a', 'b'])`: gives the series, in drawing order, these labels (extra names are ignored).
    public func relabel(_ names: [String]) {
        for (i, name) in zip(series.indices, names) { series[i].label = name }
    }

    private func add(_ kind: Series.Kind, x: [Double]?, y: [Double], label: String?, color: PlotColor?,
                     lineStyle: LineStyle, lineCycle: Bool = false, markers: Bool = false) -> Series {
        let xs = x ?? y.indices.map(Double.init)
        let n = min(xs.count, y.count)
        let resolved: PlotColor
        if let color {
            resolved = color
        } else if kind == .line || lineCycle {
            resolved = PlotColor.cycle[lineCycleIndex % PlotColor.cycle.count]
            lineCycleIndex += 1
        } else {
            resolved = PlotColor.cycle[scatterCycleIndex % PlotColor.cycle.count]
            scatterCycleIndex += 1
        }
        var s = Series(kind: kind, x: Array(xs.prefix(n)), y: Array(y.prefix(n)), label: label, color: resolved,
                       lineStyle: lineStyle)
        s.hasMarkers = markers && kind == .line
        series.append(s)
        return s
    }

    /// Removes everything drawn and every setting (`plt.cla()`).
    public func clear() {
        series = []
        title = ""; xLabel = ""; yLabel = ""
        xLimits = (nil, nil); yLimits = (nil, nil)
        showsLegend = false; showsGrid = false
        legendLocation = .best
        lineCycleIndex = 0
        scatterCycleIndex = 0
    }

    /// The x view interval: user limits where set, otherwise the data range with matplotlib's 5% margins.
    public var viewX: (Double, Double) {
        AxisScale.viewLimits(data: series.flatMap { $0.finitePoints.map(\.x) }, lower: xLimits.lower, upper: xLimits.upper)
    }

    /// The y view interval, as `viewX`.
    public var viewY: (Double, Double) {
        AxisScale.viewLimits(data: series.flatMap { $0.finitePoints.map(\.y) }, lower: yLimits.lower, upper: yLimits.upper)
    }

    /// The series the legend lists, in drawing order.
    public var legendEntries: [Series] { showsLegend ? series.filter(\.isInLegend) : [] }
}

/// matplotlib's `figure.subplot.*` parameters: where the grid of axes sits, as fractions of the figure, and the
/// gaps between axes as fractions of the average axes width/height. `plt.subplots_adjust` changes them.
public struct SubplotParams: Sendable, Equatable {
    public var left = 0.125, right = 0.9, bottom = 0.11, top = 0.88, wspace = 0.2, hspace = 0.2
    public init() {}
}

/// A figure: a grid of axes (`plt.subplots(rows, cols)`), an optional overall title, and a size in inches
/// (matplotlib's `figsize`, 100 SVG pixels per inch).
public final class Figure {
    public let rows: Int
    public let columns: Int
    /// Row-major, `rows * columns` axes.
    public let axes: [Axes]
    public var size: (width: Double, height: Double)
    public var superTitle = ""
    /// Where the SVG puts the axes: the subplot parameters, unless `tightLayout` (`plt.tight_layout()`) asks for
    /// margins just wide enough for each axes' labels.
    public var subplotParams = SubplotParams()
    public var tightLayout = false

    /// A figure with a `rows` × `columns` grid of empty axes (at least 1 × 1).
    public init(rows: Int = 1, columns: Int = 1, size: (width: Double, height: Double) = (6.4, 4.8)) {
        self.rows = max(1, rows)
        self.columns = max(1, columns)
        self.axes = (0..<(max(1, rows) * max(1, columns))).map { _ in Axes() }
        let ok = size.width.isFinite && size.height.isFinite && size.width > 0 && size.height > 0
        self.size = ok ? size : (6.4, 4.8)
    }

    /// Whether nothing has been drawn or labelled on any axes.
    public var isEmpty: Bool {
        superTitle.isEmpty && axes.allSatisfy { $0.series.isEmpty && $0.title.isEmpty }
    }
}
