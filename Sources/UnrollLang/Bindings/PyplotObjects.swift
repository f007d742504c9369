// The language objects of matplotlib.pyplot: Figure, Axes, arrays of Axes, and the artists calls return.
import UnrollPlot

/// `plt.figure()` / `fig` of `plt.subplots()`: a figure and whether any axes exist yet (for its repr).
final class FigureObject: HostObject {
    let figure: Figure
    let number: Int
    var hasAxes: Bool
    /// Which axes `plt.plot` draws on: the last one created, as in matplotlib.
    var currentAxesIndex: Int
    weak var state: PyplotState?
    private var axesObjects: [AxesObject] = []

    init(_ figure: Figure, number: Int, hasAxes: Bool, state: PyplotState) {
        self.figure = figure
        self.number = number
        self.hasAxes = hasAxes
        self.currentAxesIndex = figure.axes.count - 1
        self.state = state
    }

    var typeName: String { "Figure" }
    private var pixels: String { "\(Int((figure.size.width * 100).rounded()))x\(Int((figure.size.height * 100).rounded()))" }
    func repr(_ interp: Interpreter) throws -> String { "<Figure size \(pixels) with \(hasAxes ? figure.axes.count : 0) Axes>" }
    func str(_ interp: Interpreter) throws -> String { "Figure(\(pixels))" }

    func axesObject(_ index: Int) -> AxesObject {
        if axesObjects.isEmpty { axesObjects = figure.axes.map { AxesObject($0, figure: self) } }
        hasAxes = true
        return axesObjects[min(max(0, index), axesObjects.count - 1)]
    }

    var attributeNames: [String] { ["savefig", "suptitle", "tight_layout", "subplots_adjust", "show", "axes", "set_size_inches", "clf"] }

    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        let q = "Figure.\(name)"
        switch name {
        case "axes": return .makeList(hasAxes ? figure.axes.indices.map { .object(axesObject($0)) } : [])
        case "savefig":
            return .builtin(Builtin(q, keywords: PyplotBinding.savefigKeywords) { [self] args, kwargs, interp in
                try PyplotBinding.savefig(self, args, kwargs, interp)
            })
        case "suptitle":
            return .builtin(Builtin(q) { [self] args, kwargs, interp in
                let a = try Arguments("suptitle", ["t", "fontsize"], required: 1, args, kwargs)
                figure.superTitle = try interp.str(a.values["t"] ?? .none)
                return .object(TextObject("0.5, 0.98", figure.superTitle))
            })
        // Where the SVG places the axes; the terminal lays panels out by itself.
        case "tight_layout":
            return .builtin(Builtin(q) { [self] args, kwargs, _ in
                _ = try Arguments("tight_layout", ["pad", "h_pad", "w_pad", "rect"], keywordOnly: ["pad", "h_pad", "w_pad", "rect"], args, kwargs)
                figure.tightLayout = true
                return .none
            })
        case "subplots_adjust":
            return .builtin(Builtin(q, keywords: PyplotBinding.subplotsAdjustKeywords) { [self] args, kwargs, _ in
                try PyplotBinding.subplotsAdjust(figure, args, kwargs)
                return .none
            })
        case "add_subplot", "add_axes", "colorbar", "legend", "text", "subplots", "gca":
            throw PyplotBinding.notSupported(name, on: "Figure")
        case "show":
            return .builtin(Builtin(q) { [self] _, _, interp in
                interp.output(PyplotBinding.draw(self) + "\n")
                return .none
            })
        case "set_size_inches":
            return .builtin(Builtin(q) { [self] args, kwargs, interp in
                let a = try Arguments("set_size_inches", ["w", "h"], required: 1, args, kwargs)
                figure.size = try PyplotBinding.figsize(a["h"].map { .tuple([a.values["w"] ?? .none, $0]) } ?? (a.values["w"] ?? .none))
                return .none
            })
        case "clf":
            return .builtin(Builtin(q) { [self] _, _, _ in
                for axes in figure.axes { axes.clear() }
                figure.superTitle = ""
                return .none
            })
        default: return nil
        }
    }
}

/// One `Axes`: `ax.plot`, `ax.set_title`... and the same calls `plt.*` makes on the current axes.
final class AxesObject: HostObject {
    let axes: Axes
    unowned let figure: FigureObject

    init(_ axes: Axes, figure: FigureObject) {
        self.axes = axes
        self.figure = figure
    }

    var typeName: String { "Axes" }
    func repr(_ interp: Interpreter) throws -> String {
        var parts: [String] = []
        if !axes.title.isEmpty { parts.append("title={'center': \(try interp.repr(.str(axes.title)))}") }
        if !axes.xLabel.isEmpty { parts.append("xlabel=\(try interp.repr(.str(axes.xLabel)))") }
        if !axes.yLabel.isEmpty { parts.append("ylabel=\(try interp.repr(.str(axes.yLabel)))") }
        return "<Axes: \(parts.joined(separator: ", "))>"
    }

    static let methods = ["plot", "scatter", "set_title", "set_xlabel", "set_ylabel", "set_xlim", "set_ylim", "get_xlim",
                          "get_ylim", "legend", "grid", "cla", "clear", "get_title", "get_xlabel", "get_ylabel"]
    var attributeNames: [String] { Self.methods + ["figure"] }

    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        if name == "figure" { return .object(figure) }
        if PyplotBinding.unsupported.contains(name) || name.hasPrefix("set_") || name.hasPrefix("get_") {
            guard Self.methods.contains(name) else { throw PyplotBinding.notSupported(name, on: "Axes") }
        }
        guard Self.methods.contains(name) else { return nil }
        return .builtin(Builtin("Axes.\(name)", keywords: PyplotBinding.keywords(name)) { [self] args, kwargs, interp in
            try PyplotBinding.axesCall(name, on: self, args, kwargs, interp, pyplotName: nil)
        })
    }
}

/// The numpy array of Axes `plt.subplots(rows, cols)` returns: `axs[i]`, `axs[i, j]`, `axs[i][j]`, iteration, `flat`.
final class AxesArray: HostObject {
    let items: [AxesObject]
    let shape: [Int]

    init(_ items: [AxesObject], shape: [Int]) {
        self.items = items
        self.shape = shape
    }

    var typeName: String { "ndarray" }
    func repr(_ interp: Interpreter) throws -> String {
        if shape.count == 1 { return "array([\(try items.map { try $0.repr(interp) }.joined(separator: ", "))], dtype=object)" }
        let columns = shape[1]
        let rows = try stride(from: 0, to: items.count, by: columns).map { start in
            "[" + (try items[start..<min(start + columns, items.count)].map { try $0.repr(interp) }.joined(separator: ", ")) + "]"
        }
        return "array([" + rows.joined(separator: ",\n       ") + "], dtype=object)"
    }

    func length(_ interp: Interpreter) throws -> Int? { shape[0] }

    private func row(_ i: Int) -> Value {
        if shape.count == 1 { return .object(items[i]) }
        let columns = shape[1]
        return .object(AxesArray(Array(items[(i * columns)..<((i + 1) * columns)]), shape: [columns]))
    }

    private func index(_ value: Value, size: Int, axis: Int) throws -> Int {
        let i = try value.asInt(what: "index")
        let wrapped = i < 0 ? i + size : i
        guard wrapped >= 0, wrapped < size else {
            throw LangError("IndexError", "index \(i) is out of bounds for axis \(axis) with size \(size)")
        }
        return wrapped
    }

    func getItem(_ key: Value, _ interp: Interpreter) throws -> Value? {
        if case .tuple(let parts) = key {
            guard parts.count == shape.count else {
                throw LangError("IndexError", "too many indices for array: array is \(shape.count)-dimensional, but \(parts.count) were indexed")
            }
            if shape.count == 1 { return .object(items[try index(parts[0], size: shape[0], axis: 0)]) }
            let r = try index(parts[0], size: shape[0], axis: 0), c = try index(parts[1], size: shape[1], axis: 1)
            return .object(items[r * shape[1] + c])
        }
        return row(try index(key, size: shape[0], axis: 0))
    }

    func iterate(_ interp: Interpreter) throws -> [Value]? { (0..<shape[0]).map(row) }

    var attributeNames: [String] { ["flat", "flatten", "ravel", "shape"] }
    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        switch name {
        case "flat": return .makeList(items.map { .object($0) })
        case "flatten", "ravel":
            return .builtin(Builtin("ndarray.\(name)") { [self] _, _, _ in .object(AxesArray(items, shape: [items.count])) })
        case "shape": return .tuple(shape.map { .int(Int64($0)) })
        default: return nil
        }
    }
}

/// `Text(0.5, 1.0, 'title')`, what `plt.title` and friends return; `position` is printed as matplotlib does
/// (`0.5, 1.0` for a title, `0.5, 0` for an x label, `0, 0.5` for a y label).
final class TextObject: HostObject {
    let position: String, text: String
    init(_ position: String, _ text: String) {
        self.position = position
        self.text = text
    }
    var typeName: String { "Text" }
    func repr(_ interp: Interpreter) throws -> String { "Text(\(position), \(try interp.repr(.str(text))))" }
}

/// An artist with nothing to offer in Unroll but its repr (`Line2D`, `PathCollection`, `Legend`).
final class ArtistObject: HostObject {
    let pythonClass: String
    init(_ pythonClass: String) { self.pythonClass = pythonClass }
    var typeName: String { String(pythonClass.split(separator: ".").last ?? "") }
    func repr(_ interp: Interpreter) throws -> String { "<\(pythonClass) object at \(interp.address(self))>" }
}
