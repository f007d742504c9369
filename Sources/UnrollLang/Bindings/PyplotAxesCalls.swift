// The Axes methods behind `ax.plot(...)` and `plt.plot(...)`: argument handling as matplotlib does it.
import UnrollPlot

extension PyplotBinding {
    static let textKeywords = ["fontsize", "fontweight", "fontdict", "color", "loc", "pad", "y", "labelpad", "size",
                               "weight", "family", "style", "rotation", "ha", "va"]
    static let lineKeywords = ["label", "color", "c", "linestyle", "ls", "linewidth", "lw", "marker", "markersize", "ms",
                               "alpha", "zorder", "markerfacecolor", "markeredgecolor", "drawstyle", "antialiased"]
    static let scatterKeywords = ["s", "c", "color", "marker", "cmap", "norm", "vmin", "vmax", "alpha", "linewidths",
                                  "edgecolors", "label", "zorder", "plotnonfinite"]

    /// Keyword names completion offers inside the call.
    static func keywords(_ method: String) -> [String] {
        switch method {
        case "plot": return ["label", "color", "linestyle", "linewidth", "marker", "alpha"]
        case "scatter": return ["s", "c", "color", "marker", "alpha", "label"]
        case "legend": return ["loc", "fontsize", "title"]
        case "set_title", "set_xlabel", "set_ylabel": return ["fontsize", "loc"]
        case "set_xlim": return ["left", "right"]
        case "set_ylim": return ["bottom", "top"]
        default: return []
        }
    }

    /// Runs Axes method `name` on `target`. `pyplotName` is the `plt.*` spelling when called through pyplot,
    /// used in error messages and for pyplot's return values (`plt.xlim()` returns the limits as `ax.get_xlim()`).
    static func axesCall(_ name: String, on target: AxesObject, _ args: [Value], _ kwargs: [(String, Value)],
                         _ interp: Interpreter, pyplotName: String?) throws -> Value {
        let axes = target.axes
        let shown = pyplotName ?? name
        switch name {
        case "plot":
            return try plot(target, args, kwargs, interp)
        case "scatter":
            return try scatter(target, args, kwargs, interp)
        case "legend":
            let a = try Arguments(shown, ["labels", "loc", "fontsize", "title", "frameon", "ncol", "ncols", "bbox_to_anchor",
                                          "framealpha", "shadow", "handles"],
                                  keywordOnly: ["fontsize", "title", "frameon", "ncol", "ncols", "bbox_to_anchor", "framealpha", "shadow", "handles"],
                                  args, kwargs)
            if let labels = a["labels"] {
                let names = try interp.iterate(labels).map { try interp.str($0) }
                axes.relabel(names)
            }
            switch a["loc"] {
            case nil: break
            case .str(let name)?:
                guard let place = LegendLocation(rawValue: name) else { throw LangError.valueError("'\(name)' is not a valid value for loc.") }
                axes.legendLocation = place
            case .int(let code)?:
                guard let place = LegendLocation(code: Int(clamping: code)) else {
                    throw LangError.valueError("loc must be string, coordinate tuple, or an integer 0-10, not \(code)")
                }
                axes.legendLocation = place
            case let other?:
                throw LangError("NotImplementedError", "legend(loc=\(try interp.repr(other))) is not supported by Unroll",
                                hint: "give a place name such as loc='upper left', or a code 0-10")
            }
            axes.showsLegend = true
            return .object(ArtistObject("matplotlib.legend.Legend"))
        case "set_title", "set_xlabel", "set_ylabel":
            let a = try Arguments(shown, ["label"] + textKeywords, required: 1, keywordOnly: Set(textKeywords.filter { $0 != "fontdict" && $0 != "loc" }), args, kwargs)
            let text = try interp.str(a.values["label"] ?? .none)
            switch name {
            case "set_title": axes.title = text; return .object(TextObject("0.5, 1.0", text))
            case "set_xlabel": axes.xLabel = text; return .object(TextObject("0.5, 0", text))
            default: axes.yLabel = text; return .object(TextObject("0, 0.5", text))
            }
        case "set_xlim", "set_ylim":
            let isX = name == "set_xlim"
            let (low, high) = isX ? ("left", "right") : ("bottom", "top")
            let a = try Arguments(shown, [low, high, "emit", "auto", isX ? "xmin" : "ymin", isX ? "xmax" : "ymax"],
                                  keywordOnly: ["emit", "auto", isX ? "xmin" : "ymin", isX ? "xmax" : "ymax"], args, kwargs)
            if pyplotName != nil && a.values.isEmpty {
                let view = isX ? axes.viewX : axes.viewY
                return .tuple([.float(view.0), .float(view.1)])
            }
            var lower = try (a[low] ?? a[isX ? "xmin" : "ymin"]).map(limit)
            var upper = try (a[high] ?? a[isX ? "xmax" : "ymax"]).map(limit)
            if case .tuple(let pair)? = a[low], pair.count == 2 {
                lower = try limit(pair[0]); upper = try limit(pair[1])
            } else if case .list(let box)? = a[low], box.items.count == 2 {
                lower = try limit(box.items[0]); upper = try limit(box.items[1])
            }
            let previous = isX ? axes.xLimits : axes.yLimits
            let updated = (lower: lower ?? previous.lower, upper: upper ?? previous.upper)
            if isX { axes.xLimits = updated } else { axes.yLimits = updated }
            let view = isX ? axes.viewX : axes.viewY
            return .tuple([.float(view.0), .float(view.1)])
        case "get_xlim", "get_ylim":
            _ = try Arguments(shown, [], args, kwargs)
            let view = name == "get_xlim" ? axes.viewX : axes.viewY
            return .tuple([.float(view.0), .float(view.1)])
        case "get_title", "get_xlabel", "get_ylabel":
            _ = try Arguments(shown, ["loc"], args, kwargs)
            return .str(name == "get_title" ? axes.title : name == "get_xlabel" ? axes.xLabel : axes.yLabel)
        case "grid":
            let a = try Arguments(shown, ["visible", "which", "axis", "color", "linestyle", "ls", "linewidth", "lw", "alpha"],
                                  keywordOnly: ["color", "linestyle", "ls", "linewidth", "lw", "alpha"], args, kwargs)
            if let v = a["visible"] {
                axes.showsGrid = try interp.truthy(v)
            } else {
                axes.showsGrid = kwargs.isEmpty ? !axes.showsGrid : true
            }
            return .none
        case "cla", "clear":
            _ = try Arguments(shown, [], args, kwargs)
            axes.clear()
            return .none
        default:
            throw notSupported(name, on: "Axes")
        }
    }

    private static func limit(_ value: Value) throws -> Double? {
        if value.isNone { return nil }
        return try value.asDouble(what: "axis limit")
    }

    /// A format string such as `'r--'` or `'o'`: colour, line style, and whether a marker was asked for.
    struct Format {
        var color: PlotColor?
        var lineStyle: LineStyle?
        var marker = false
    }

    static func parseFormat(_ fmt: String) throws -> Format {
        var format = Format()
        var chars = Array(fmt)[...]
        let markers = Set(".,ov^<>1234sp*hH+xXDd|_8P")
        while let c = chars.first {
            if chars.starts(with: "--") || chars.starts(with: "-.") {
                format.lineStyle = LineStyle(matplotlibName: String(chars.prefix(2)))
                chars = chars.dropFirst(2)
            } else if c == "-" || c == ":" {
                format.lineStyle = LineStyle(matplotlibName: String(c))
                chars = chars.dropFirst()
            } else if c == "C", chars.count >= 2, let digit = chars.dropFirst().first, digit.isNumber {
                format.color = PlotColor(matplotlib: "C\(digit)")
                chars = chars.dropFirst(2)
            } else if "bgrcmykw".contains(c) {
                format.color = PlotColor(matplotlib: String(c))
                chars = chars.dropFirst()
            } else if markers.contains(c) {
                format.marker = true
                chars = chars.dropFirst()
            } else {
                throw LangError.valueError("'\(fmt)' is not a valid format string (unrecognized character '\(c)')")
            }
        }
        return format
    }

    static func color(_ value: Value?, _ interp: Interpreter) throws -> PlotColor? {
        guard let value, !value.isNone else { return nil }
        guard case .str(let spec) = value else {
            throw LangError.valueError("Unroll takes colours as names or '#rrggbb' strings ('red', 'C1', 'tab:orange'); got \(value.typeName)")
        }
        guard let color = PlotColor(matplotlib: spec) else {
            throw LangError.valueError("\(try interp.repr(value)) is not a valid value for color: supported inputs are (r, g, b) and (r, g, b, a) 0-1 float tuples; '#rrggbb', '#rrggbbaa', '#rgb', '#rgba' strings; named color strings; string reprs of 0-1 floats for grayscale values; 'C0', 'C1', ... strings for colors of the color cycle; and pairs combining one of the above with an alpha value")
        }
        return color
    }

    /// `plot([x], y, [fmt], [x2], y2, [fmt2], ..., **kwargs)`; returns the list of Line2D artists.
    static func plot(_ target: AxesObject, _ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value {
        for (key, _) in kwargs where !lineKeywords.contains(key) {
            throw LangError.attributeError("Line2D.set() got an unexpected keyword argument '\(key)'")
        }
        let kw = Dictionary(kwargs, uniquingKeysWith: { _, last in last })
        let label = try kw["label"].flatMap { $0.isNone ? nil : try interp.str($0) }
        let keywordColor = try color(kw["color"] ?? kw["c"], interp)
        var keywordStyle: LineStyle?
        if let style = kw["linestyle"] ?? kw["ls"], !style.isNone {
            let name = try style.asString(what: "linestyle")
            guard let parsed = LineStyle(matplotlibName: name) else {
                throw LangError.valueError("\(try interp.repr(style)) is not a valid value for ls; supported values are '-', '--', '-.', ':', 'solid', 'dashed', 'dashdot', 'dotted'")
            }
            keywordStyle = parsed
        }
        var keywordMarker = false
        if let marker = kw["marker"], !marker.isNone {
            let name = try interp.str(marker)
            keywordMarker = !(name.isEmpty || name == "None" || name == " ")
        }
        // Split the positional arguments into groups of ([x], y, [fmt]).
        var groups: [(x: Value?, y: Value, fmt: String?)] = []
        var i = 0
        func isString(_ k: Int) -> Bool { if k < args.count, case .str = args[k] { return true }; return false }
        while i < args.count {
            if case .str(let s) = args[i] { throw LangError.valueError("'\(s)' is not a valid format string: it has no data before it") }
            if isString(i + 1), case .str(let f) = args[i + 1] {
                groups.append((nil, args[i], f)); i += 2
            } else if i + 1 < args.count {
                if isString(i + 2), case .str(let f) = args[i + 2] {
                    groups.append((args[i], args[i + 1], f)); i += 3
                } else {
                    groups.append((args[i], args[i + 1], nil)); i += 2
                }
            } else {
                groups.append((nil, args[i], nil)); i += 1
            }
        }
        var artists: [Value] = []
        for group in groups {
            let y = try PlotValues.array(group.y, interp, what: "plot")
            let x = try group.x.map { try PlotValues.array($0, interp, what: "plot") }
            let xShape = x?.shape ?? [y.length]
            guard (x?.shape.count ?? 1) <= 2, y.shape.count <= 2 else {
                throw LangError.valueError("x and y can be no greater than 2D, but have shapes \(PlotValues.shapeText(xShape)) and \(y.shapeText)")
            }
            if let x, x.length != y.length {
                throw LangError.valueError("x and y must have same first dimension, but have shapes \(x.shapeText) and \(y.shapeText)")
            }
            let xColumns = x?.columns ?? [(0..<y.length).map(Double.init)]
            // An array with no columns (shape (N, 0)) draws no lines, as in matplotlib.
            if xColumns.isEmpty || y.columns.isEmpty { continue }
            guard xColumns.count == y.columns.count || xColumns.count == 1 || y.columns.count == 1 else {
                throw LangError.valueError("x has \(xColumns.count) columns but y has \(y.columns.count) columns")
            }
            let format = try group.fmt.map(parseFormat) ?? Format()
            let lineStyle = keywordStyle ?? format.lineStyle
            // A marker without a line style (`'o'`) draws points only, as matplotlib does; `'o-'` or `marker=` both.
            let pointsOnly = format.marker && lineStyle == nil
            let markers = format.marker || keywordMarker
            for k in 0..<max(xColumns.count, y.columns.count) {
                let xs = xColumns[min(k, xColumns.count - 1)], ys = y.columns[min(k, y.columns.count - 1)]
                let c = keywordColor ?? format.color
                if pointsOnly {
                    target.axes.plotMarkers(x: xs, y: ys, label: label, color: c)
                } else {
                    target.axes.plot(x: xs, y: ys, label: label, color: c, lineStyle: lineStyle ?? .solid, markers: markers)
                }
                artists.append(.object(ArtistObject("matplotlib.lines.Line2D")))
            }
        }
        return .makeList(artists)
    }

    /// `scatter(x, y, s=None, c=None, ..., label=None)`; x and y are flattened and must be the same size.
    static func scatter(_ target: AxesObject, _ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value {
        for (key, _) in kwargs where !scatterKeywords.contains(key) && key != "x" && key != "y" {
            throw LangError.attributeError("PathCollection.set() got an unexpected keyword argument '\(key)'")
        }
        // matplotlib's signature: eleven positional parameters, the rest keyword-only (**kwargs go to the collection).
        let a = try Arguments("scatter", ["x", "y", "s", "c", "marker", "cmap", "norm", "vmin", "vmax", "alpha", "linewidths",
                                          "edgecolors", "plotnonfinite", "color", "label", "zorder"],
                              required: 2, keywordOnly: ["edgecolors", "plotnonfinite", "color", "label", "zorder"], args, kwargs)
        let xs = try PlotValues.array(a.values["x"] ?? .none, interp, what: "scatter").flattened
        let ys = try PlotValues.array(a.values["y"] ?? .none, interp, what: "scatter").flattened
        guard xs.count == ys.count else { throw LangError.valueError("x and y must be the same size") }
        var c: PlotColor?
        if let spec = a["c"] {
            guard case .str = spec else {
                throw LangError("NotImplementedError", "scatter(c=...) with an array of values (a colour map) is not supported by Unroll",
                                hint: "give one colour for the whole series: c='red' or color='C1'")
            }
            c = try color(spec, interp)
        }
        if let spec = a["color"] { c = try color(spec, interp) }
        let label = try a["label"].map { try interp.str($0) }
        target.axes.scatter(x: xs, y: ys, label: label, color: c)
        return .object(ArtistObject("matplotlib.collections.PathCollection"))
    }
}
