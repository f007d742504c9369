// The `matplotlib` and `matplotlib.pyplot` namespaces: the course's plotting subset over UnrollPlot's figures.
import Foundation
import UnrollPlot

/// pyplot's global state for one session: the open figures in creation order and the current one.
final class PyplotState {
    var figures: [FigureObject] = []
    var current: FigureObject?
    private var nextNumber = 1

    /// A new figure, made current. `hasAxes` is false for `plt.figure()` until something is drawn on it.
    func newFigure(rows: Int = 1, columns: Int = 1, size: (Double, Double)? = nil, hasAxes: Bool) -> FigureObject {
        let figure = Figure(rows: rows, columns: columns, size: size ?? (6.4, 4.8))
        let object = FigureObject(figure, number: nextNumber, hasAxes: hasAxes, state: self)
        nextNumber += 1
        figures.append(object)
        current = object
        return object
    }

    /// `plt.gcf()`: the current figure, created when there is none.
    func currentFigure() -> FigureObject { current ?? newFigure(hasAxes: false) }

    /// `plt.gca()`: the current axes of the current figure.
    func currentAxes() -> AxesObject {
        let figure = currentFigure()
        return figure.axesObject(figure.currentAxesIndex)
    }

    func close(_ figure: FigureObject) {
        figures.removeAll { $0 === figure }
        if current === figure { current = figures.last }
    }

    func closeAll() {
        figures = []
        current = nil
    }
}

/// Registers `matplotlib` and `matplotlib.pyplot`. Names of matplotlib that the subset leaves out raise
/// NotImplementedError naming them, so a learner knows the code is fine Python but not drawable here.
public enum PyplotBinding {
    public static func register() {
        ModuleRegistry.register("matplotlib") { makeMatplotlib() }
        ModuleRegistry.register("matplotlib.pyplot") { makeNamespace() }
    }

    /// What `plt.*` offers, listed in the errors for everything else.
    static let supported = ["plot", "scatter", "legend", "title", "xlabel", "ylabel", "xlim", "ylim", "grid", "figure",
                            "subplots", "suptitle", "tight_layout", "subplots_adjust", "show", "savefig", "close", "clf", "cla", "gcf", "gca"]

    /// matplotlib.pyplot functions outside the subset that course-style code might reach for.
    static let unsupported = ["bar", "barh", "hist", "hist2d", "imshow", "matshow", "pie", "fill_between", "fill", "errorbar",
                              "stem", "step", "boxplot", "violinplot", "contour", "contourf", "pcolormesh", "pcolor", "quiver",
                              "subplot", "subplot2grid", "subplot_mosaic", "axhline", "axvline", "axhspan", "axvspan",
                              "hlines", "vlines", "text", "annotate", "figtext", "xticks", "yticks", "xscale", "yscale",
                              "semilogx", "semilogy", "loglog", "twinx", "twiny", "colorbar", "ion", "ioff", "pause",
                              "draw", "axis", "margins", "table", "polar", "specgram", "stackplot", "hexbin"]

    static func notSupported(_ name: String, on owner: String) -> LangError {
        LangError("NotImplementedError", "\(owner).\(name) is not supported by Unroll",
                  hint: "Unroll's matplotlib subset: " + supported.joined(separator: ", ") + ".")
    }

    static func makeMatplotlib() -> Namespace {
        let mpl = Namespace("matplotlib")
        mpl.members["__version__"] = .str("3.11.2")
        // `matplotlib.use("Agg")` is common at the top of scripts; Unroll has one backend (the terminal + SVG).
        mpl.define("use") { args, kwargs, _ in
            _ = try Arguments("use", ["backend", "force"], required: 1, args, kwargs)
            return .none
        }
        return mpl
    }

    static func makeNamespace() -> Namespace {
        let plt = Namespace("matplotlib.pyplot")
        plt.members["__subset__"] = .str("matplotlib.pyplot")
        let state = PyplotState()
        for name in unsupported {
            plt.define(name) { _, _, _ in throw notSupported(name, on: "matplotlib.pyplot") }
        }
        plt.define("figure", keywords: ["figsize", "dpi", "num"]) { args, kwargs, _ in
            let a = try Arguments("figure", ["num", "figsize", "dpi", "facecolor", "edgecolor", "frameon", "clear"], args, kwargs)
            if case .int(let n)? = a["num"], let existing = state.figures.first(where: { $0.number == Int(n) }) {
                state.current = existing
                return .object(existing)
            }
            return .object(state.newFigure(size: try a["figsize"].map(figsize), hasAxes: false))
        }
        plt.define("subplots", keywords: ["nrows", "ncols", "figsize", "sharex", "sharey", "squeeze"]) { args, kwargs, _ in
            let a = try Arguments("subplots", ["nrows", "ncols", "sharex", "sharey", "squeeze", "width_ratios", "height_ratios",
                                               "subplot_kw", "gridspec_kw", "figsize", "dpi", "num", "layout"],
                                  keywordOnly: ["width_ratios", "height_ratios", "subplot_kw", "gridspec_kw", "figsize", "dpi",
                                                "num", "layout"], args, kwargs)
            let rows = try a.int("nrows", default: 1), columns = try a.int("ncols", default: 1)
            guard rows > 0 else { throw LangError.valueError("Number of rows must be a positive integer, not \(rows)") }
            guard columns > 0 else { throw LangError.valueError("Number of columns must be a positive integer, not \(columns)") }
            guard rows * columns <= 64 else {
                throw LangError.valueError("Unroll draws at most 64 subplots in a figure; asked for \(rows)×\(columns)")
            }
            let figure = state.newFigure(rows: rows, columns: columns, size: try a["figsize"].map(figsize), hasAxes: true)
            let axes = figure.figure.axes.indices.map { figure.axesObject($0) }
            let squeeze = try a.bool("squeeze", default: true)
            let grid: Value
            if squeeze && rows == 1 && columns == 1 {
                grid = .object(axes[0])
            } else if squeeze && (rows == 1 || columns == 1) {
                grid = .object(AxesArray(axes, shape: [axes.count]))
            } else {
                grid = .object(AxesArray(axes, shape: [rows, columns]))
            }
            return .tuple([.object(figure), grid])
        }
        plt.define("gcf") { args, kwargs, _ in
            _ = try Arguments("gcf", [], args, kwargs)
            return .object(state.currentFigure())
        }
        plt.define("gca") { args, kwargs, _ in
            _ = try Arguments("gca", [], args, kwargs)
            return .object(state.currentAxes())
        }
        for name in ["plot", "scatter", "legend", "title", "xlabel", "ylabel", "xlim", "ylim", "grid", "cla"] {
            let method = axesMethod(forPyplot: name)
            plt.define(name, keywords: keywords(method)) { args, kwargs, interp in
                try axesCall(method, on: state.currentAxes(), args, kwargs, interp, pyplotName: name)
            }
        }
        plt.define("suptitle", keywords: ["fontsize"]) { args, kwargs, interp in
            guard let suptitle = try state.currentFigure().getAttribute("suptitle", interp) else { return .none }
            return try interp.call(suptitle, args, kwargs)
        }
        plt.define("clf") { args, kwargs, interp in
            _ = try Arguments("clf", [], args, kwargs)
            guard let clf = try state.currentFigure().getAttribute("clf", interp) else { return .none }
            return try interp.call(clf, [], [])
        }
        // Layout is computed when drawing (every panel gets room for its labels), so this only checks its arguments.
        plt.define("tight_layout", keywords: ["pad", "h_pad", "w_pad", "rect"]) { args, kwargs, interp in
            guard let call = try state.currentFigure().getAttribute("tight_layout", interp) else { return .none }
            return try interp.call(call, args, kwargs)
        }
        plt.define("subplots_adjust", keywords: subplotsAdjustKeywords) { args, kwargs, interp in
            guard let call = try state.currentFigure().getAttribute("subplots_adjust", interp) else { return .none }
            return try interp.call(call, args, kwargs)
        }
        plt.define("show", keywords: ["block"]) { args, kwargs, interp in
            _ = try Arguments("show", ["block"], keywordOnly: ["block"], args, kwargs)
            // Like closing the windows of a blocking show: every open figure is drawn once, then forgotten.
            let figures = state.figures.filter(\.hasAxes)
            state.closeAll()
            // Figures in creation order, a blank line between them.
            if !figures.isEmpty { interp.output(figures.map(draw).joined(separator: "\n\n") + "\n") }
            return .none
        }
        plt.define("savefig", keywords: savefigKeywords) { args, kwargs, interp in
            try savefig(state.currentFigure(), args, kwargs, interp)
        }
        plt.define("close") { args, kwargs, interp in
            let a = try Arguments("close", ["fig"], args, kwargs)
            switch a["fig"] {
            case nil:
                if let current = state.current { state.close(current) }
            case .str(let s)?:
                guard s == "all" else { throw LangError.valueError("close() argument must be a Figure, an int, a string, or None, not '\(s)'") }
                state.closeAll()
            case .int(let n)?:
                if let figure = state.figures.first(where: { $0.number == Int(n) }) { state.close(figure) }
            case .object(let o)?:
                if let figure = o as? FigureObject { state.close(figure) } else if let axes = o as? AxesObject { state.close(axes.figure) }
            case let other?:
                throw LangError.typeError("close() argument must be a Figure, an int, a string, or None, not \(other.typeName)")
            }
            return .none
        }
        return plt
    }

    static let subplotsAdjustKeywords = ["left", "bottom", "right", "top", "wspace", "hspace"]

    /// `subplots_adjust(left=..., ...)`: the given parameters replace the figure's, checked as matplotlib does.
    static func subplotsAdjust(_ figure: Figure, _ args: [Value], _ kwargs: [(String, Value)]) throws {
        let a = try Arguments("subplots_adjust", subplotsAdjustKeywords, args, kwargs)
        var p = figure.subplotParams
        if let v = a["left"] { p.left = try v.asDouble(what: "left") }
        if let v = a["bottom"] { p.bottom = try v.asDouble(what: "bottom") }
        if let v = a["right"] { p.right = try v.asDouble(what: "right") }
        if let v = a["top"] { p.top = try v.asDouble(what: "top") }
        if let v = a["wspace"] { p.wspace = try v.asDouble(what: "wspace") }
        if let v = a["hspace"] { p.hspace = try v.asDouble(what: "hspace") }
        guard p.left < p.right else { throw LangError.valueError("left cannot be >= right") }
        guard p.bottom < p.top else { throw LangError.valueError("bottom cannot be >= top") }
        guard [p.left, p.right, p.bottom, p.top].allSatisfy({ $0.isFinite && $0 >= -1 && $0 <= 2 }),
              [p.wspace, p.hspace].allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= 10 }) else {
            throw LangError.valueError("subplots_adjust: parameters must be fractions of the figure (spaces from 0 to 10)")
        }
        figure.subplotParams = p
        figure.tightLayout = false
    }

    /// The Axes method a pyplot function forwards to (`plt.title` → `set_title`).
    static func axesMethod(forPyplot name: String) -> String {
        switch name {
        case "title": return "set_title"
        case "xlabel": return "set_xlabel"
        case "ylabel": return "set_ylabel"
        case "xlim": return "set_xlim"
        case "ylim": return "set_ylim"
        default: return name
        }
    }

    /// `figsize=(w, h)` in inches.
    static func figsize(_ value: Value) throws -> (Double, Double) {
        let parts: [Value]
        switch value {
        case .tuple(let items): parts = items
        case .list(let box): parts = box.items
        default: throw LangError.typeError("figsize must be a (width, height) tuple, not \(value.typeName)")
        }
        guard parts.count == 2 else { throw LangError.valueError("figsize must be a (width, height) tuple of 2 numbers, not \(parts.count)") }
        let w = try parts[0].asDouble(what: "figsize width"), h = try parts[1].asDouble(what: "figsize height")
        guard w.isFinite, h.isFinite, w > 0, h > 0 else {
            throw LangError.valueError("figure size must be positive finite not (\(w), \(h))")
        }
        guard w <= 1000, h <= 1000 else {
            throw LangError.valueError("Unroll draws figures of at most 1000 × 1000 inches; figsize was (\(w), \(h))")
        }
        return (w, h)
    }

    /// The figure as text at the display's current size (80×20 and no colour unless the REPL says otherwise).
    static func draw(_ figure: FigureObject) -> String {
        let settings = PlotDisplay.current
        return TerminalRenderer.render(figure.figure, width: settings.width, height: settings.height, color: settings.color)
    }

    static let savefigKeywords = ["dpi", "format", "bbox_inches", "pad_inches", "facecolor", "edgecolor", "transparent",
                                  "metadata", "backend", "orientation"]

    /// `savefig(fname)`: SVG only. A name without an extension gets `.svg` (matplotlib adds its default format's).
    static func savefig(_ figure: FigureObject, _ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value {
        let a = try Arguments("savefig", ["fname"] + savefigKeywords, required: 1, keywordOnly: Set(savefigKeywords), args, kwargs)
        guard case .str(var path)? = a["fname"] else {
            throw LangError.typeError("savefig() fname must be a str path, not \(a.values["fname"]?.typeName ?? "NoneType")")
        }
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        var format = ext
        if let f = a["format"] { format = try f.asString(what: "savefig(): format").lowercased() }
        if format.isEmpty { format = "svg" }
        guard format == "svg" else {
            throw LangError("ValueError", "Format '\(format)' is not supported (supported formats: svg)",
                            hint: "Unroll writes figures as SVG: plt.savefig(\"plot.svg\") makes a file any browser shows.")
        }
        if ext.isEmpty { path += ".svg" }
        do {
            try SVGRenderer.write(figure.figure, to: path)
        } catch {
            throw LangError("FileNotFoundError", "[Errno 2] No such file or directory: \(try interp.repr(.str(path)))")
        }
        return .none
    }
}
