// `:plot EXPR`: a one-line look at a 1-D tensor (or a list of them) as a terminal line plot.
import Foundation
import UnrollPlot
import UnrollTensor

/// The REPL's quick plot. Values are read without gradients (it is a viewer, not matplotlib), size-1 dimensions
/// are squeezed, and each series is drawn against its index.
public enum QuickPlot {
    /// The plot of `value` (the result of evaluating `expression`) at the display's current size.
    public static func render(_ value: Value, expression: String, _ interp: Interpreter) throws -> String {
        let names = elementNames(expression)
        var series: [(label: String, values: [Double])] = []
        if let tensor = ArrayBridge.tensor(value) {
            series = [(expression, try values(tensor, name: expression))]
        } else if case .list = value, try isListOfSeries(value, interp) {
            let items = try interp.iterate(value)
            for (i, item) in items.enumerated() {
                let name = i < names.count ? names[i] : "\(expression)[\(i)]"
                guard let tensor = ArrayBridge.tensor(item) else {
                    throw LangError.typeError(":plot takes a 1-D tensor or a list of them; element \(i) is of type '\(item.typeName)'")
                }
                series.append((name, try values(tensor, name: name)))
            }
        } else if case .tuple = value, try isListOfSeries(value, interp) {
            return try render(.makeList(try interp.iterate(value)), expression: expression, interp)
        } else {
            // Numbers in a list, tuple or range: one series (values that require grad are fine here: it is a viewer).
            let numeric: Bool
            switch value {
            case .list, .tuple, .range: numeric = true
            default: numeric = false
            }
            guard numeric else {
                throw LangError.typeError(":plot takes a 1-D tensor or a list of them; \(expression) is of type '\(value.typeName)'")
            }
            let array = try PlotValues.array(value, interp, what: ":plot", detach: true)
            guard array.shape.filter({ $0 != 1 }).count <= 1 else {
                throw LangError.valueError(":plot draws 1-D data; \(expression) has shape \(array.shapeText)")
            }
            series = [(expression, array.flattened)]
        }
        guard !series.isEmpty else { throw LangError.valueError(":plot: \(expression) is empty") }
        let figure = Figure()
        let axes = figure.axes[0]
        for s in series { axes.plot(y: s.values, label: s.label) }
        axes.showsLegend = series.count > 1
        if series.count == 1 { axes.title = expression }
        let settings = PlotDisplay.current
        return TerminalRenderer.render(figure, width: settings.width, height: settings.height, color: settings.color)
    }

    /// Whether a list holds tensors/arrays (one series each) rather than numbers (one series).
    private static func isListOfSeries(_ value: Value, _ interp: Interpreter) throws -> Bool {
        guard let first = try interp.iterate(value).first else { return false }
        guard let t = ArrayBridge.tensor(first) else { return false }
        return t.numel != 1 || t.dim > 0
    }

    private static func values(_ tensor: Tensor, name: String) throws -> [Double] {
        let squeezed = tensor.shape.filter { $0 != 1 }
        guard squeezed.count <= 1, tensor.numel > 0 else {
            let shape = "[" + tensor.shape.map(String.init).joined(separator: ", ") + "]"
            throw LangError.valueError(":plot draws 1-D tensors; \(name) has shape \(shape) (try \(name).flatten() or \(name)[0])")
        }
        return try tensor.detach().to(.float64).contiguous().doubles()
    }

    /// The element texts of a list or tuple display (`[y, model(x)]` → `y`, `model(x)`), for legend labels.
    static func elementNames(_ expression: String) -> [String] {
        let text = expression.trimmingCharacters(in: .whitespaces)
        guard let open = text.first, let close = text.last, (open == "[" && close == "]") || (open == "(" && close == ")") else { return [] }
        var parts: [String] = [], current = "", depth = 0
        var quote: Character?
        for c in text.dropFirst().dropLast() {
            if let q = quote {
                current.append(c)
                if c == q { quote = nil }
                continue
            }
            switch c {
            case "'", "\"": quote = c; current.append(c)
            case "(", "[", "{": depth += 1; current.append(c)
            case ")", "]", "}": depth -= 1; current.append(c)
            case "," where depth == 0:
                parts.append(current.trimmingCharacters(in: .whitespaces)); current = ""
            default: current.append(c)
            }
        }
        let last = current.trimmingCharacters(in: .whitespaces)
        if !last.isEmpty { parts.append(last) }
        return parts
    }
}
