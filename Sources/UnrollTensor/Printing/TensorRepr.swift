// Tensor repr exactly as torch/_tensor_str.py prints it: formatter, summarisation, line wrapping, suffixes.
import Foundation

extension Tensor {
    /// `repr(tensor)` as PyTorch prints it, e.g. `tensor([1., 2.], requires_grad=True)`.
    ///
    /// - Parameters:
    ///   - prefix: the opening text; PyTorch uses `tensor(`, and `torch.return_types` reprs use
    ///     `values=tensor(` so continuation lines line up under the first element.
    ///   - options: the print options; defaults to this thread's `PrintOptions.current`.
    public func repr(prefix: String = "tensor(", options: PrintOptions = .current) -> String {
        let indent = prefix.count
        var suffixes: [String] = []
        let body: String
        if numel == 0 {
            if dim != 1 { suffixes.append("size=" + TensorRepr.pythonTuple(shape)) }
            if dtype != .float32 { suffixes.append("dtype=" + dtype.torchName) }
            body = "[]"
        } else {
            if options.edgeitems == 0 { suffixes.append("size=" + TensorRepr.pythonTuple(shape)) }
            if dtype == .float64 { suffixes.append("dtype=" + dtype.torchName) }
            body = TensorRepr(options: options).body(self, indent: indent)
        }
        if let node = gradFn {
            suffixes.append("grad_fn=<\(node.name)>")
        } else if requiresGrad {
            suffixes.append("requires_grad=True")
        }
        return TensorRepr.addSuffixes(prefix + body, suffixes, indent: indent, lineWidth: options.linewidth)
    }
}

/// The pieces of `_tensor_str.py`, kept together because they share the options.
struct TensorRepr {
    let options: PrintOptions

    /// `str(tuple(shape))`: `(0, 3)`, and `(0,)` for one dimension.
    static func pythonTuple(_ shape: [Int]) -> String {
        "(" + shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? ",)" : ")")
    }

    /// `_add_suffixes`: each suffix goes on the current line unless it would pass the line width.
    static func addSuffixes(_ text: String, _ suffixes: [String], indent: Int, lineWidth: Int) -> String {
        var out = text
        // PyTorch's own arithmetic: rfind returns -1 without a newline, so the first line counts two extra.
        let lastNewline = text.lastIndex(of: "\n").map { text.distance(from: text.startIndex, to: $0) } ?? -1
        var lastLineLength = text.count - lastNewline + 1
        for suffix in suffixes {
            if lastLineLength + suffix.count + 2 > lineWidth {
                out += ",\n" + String(repeating: " ", count: indent) + suffix
                lastLineLength = indent + suffix.count
            } else {
                out += ", " + suffix
                lastLineLength += suffix.count + 2
            }
        }
        return out + ")"
    }

    /// `_tensor_str`: the bracketed contents of a non-empty tensor.
    func body(_ t: Tensor, indent: Int) -> String {
        let summarize = t.numel > options.threshold
        let values = t.doubles()
        let formatter = ElementFormatter(
            summarize ? summarized(values, shape: t.shape) : values, dtype: t.dtype, options: options)
        return render(values[...], shape: t.shape[...], indent: indent, summarize: summarize, formatter)
    }

    /// `get_summarized_data`: the elements the formatter sees when a tensor is summarised.
    private func summarized(_ values: [Double], shape: [Int]) -> [Double] {
        var out: [Double] = []
        collect(values[...], shape: shape[...], into: &out)
        return out
    }

    private func collect(_ values: ArraySlice<Double>, shape: ArraySlice<Int>, into out: inout [Double]) {
        guard let n = shape.first else { out.append(contentsOf: values); return }
        let rest = shape.dropFirst()
        let edge = options.edgeitems
        if rest.isEmpty {
            if n > 2 * edge {
                out.append(contentsOf: values.prefix(edge))
                out.append(contentsOf: values.suffix(edge))
            } else {
                out.append(contentsOf: values)
            }
            return
        }
        guard edge > 0 else { return }  // PyTorch formats `new_empty([0] * dim)`: nothing
        let inner = rest.reduce(1, *)
        for i in rows(n) {
            let start = values.startIndex + i * inner
            collect(values[start..<(start + inner)], shape: rest, into: &out)
        }
    }

    /// The rows a summarised dimension keeps (all of them when it is short).
    private func rows(_ n: Int) -> [Int] {
        n > 2 * options.edgeitems
            ? Array(0..<options.edgeitems) + Array((n - options.edgeitems)..<n)
            : Array(0..<n)
    }

    /// `_tensor_str_with_formatter` and `_vector_str`.
    private func render(_ values: ArraySlice<Double>, shape: ArraySlice<Int>, indent: Int, summarize: Bool,
                        _ f: ElementFormatter) -> String {
        guard let n = shape.first else { return values.first.map(f.format) ?? "" }
        let rest = shape.dropFirst()
        let edge = options.edgeitems
        if rest.isEmpty {
            let elementLength = f.width + 2
            let perLine = max(1, (options.linewidth - indent) / elementLength)
            let items: [String]
            if summarize && edge == 0 {
                items = ["..."]
            } else if summarize && n > 2 * edge {
                items = values.prefix(edge).map(f.format) + [" ..."] + values.suffix(edge).map(f.format)
            } else {
                items = values.map(f.format)
            }
            var lines: [String] = []
            var i = 0
            while i < items.count {
                lines.append(items[i..<min(items.count, i + perLine)].joined(separator: ", "))
                i += perLine
            }
            return "[" + lines.joined(separator: ",\n" + String(repeating: " ", count: indent + 1)) + "]"
        }
        let inner = rest.reduce(1, *)
        func slice(_ i: Int) -> String {
            let start = values.startIndex + i * inner
            return render(values[start..<(start + inner)], shape: rest, indent: indent + 1, summarize: summarize, f)
        }
        let parts: [String]
        if summarize && n > 2 * edge {
            parts = (0..<edge).map(slice) + ["..."] + ((n - edge)..<n).map(slice)
        } else {
            parts = (0..<n).map(slice)
        }
        let separator = "," + String(repeating: "\n", count: shape.count - 1) + String(repeating: " ", count: indent + 1)
        return "[" + parts.joined(separator: separator) + "]"
    }
}

/// `_Formatter`: decides integer, fixed or scientific notation once per tensor and pads every element
/// to the widest one.
struct ElementFormatter {
    private(set) var intMode = true
    private(set) var sciMode = false
    private(set) var width = 1
    let dtype: DType
    let precision: Int

    init(_ values: [Double], dtype: DType, options: PrintOptions) {
        self.dtype = dtype
        self.precision = options.precision
        guard dtype.isFloatingPoint else {
            width = values.map { plain($0).count }.max() ?? 1
            width = max(width, 1)
            return
        }
        let nonzeroFinite = values.filter { $0.isFinite && $0 != 0 }
        guard !nonzeroFinite.isEmpty else { return }
        let magnitudes = nonzeroFinite.map { Swift.abs($0) }
        let lo = magnitudes.min() ?? 1, hi = magnitudes.max() ?? 1
        intMode = nonzeroFinite.allSatisfy { $0.rounded(.up) == $0 }
        sciMode = options.sciMode ?? (hi / lo > 1000 || hi > 1e8 || lo < 1e-4)
        for v in nonzeroFinite {
            let text: String
            if sciMode {
                text = ElementFormatter.scientific(v, precision)
            } else if intMode {
                text = ElementFormatter.fixed(v, 0) + "."
            } else {
                text = ElementFormatter.fixed(v, precision)
            }
            width = max(width, text.count)
        }
    }

    /// One element, padded on the left to the common width.
    func format(_ v: Double) -> String {
        let text = dtype.isFloatingPoint ? floating(v) : plain(v)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    private func floating(_ v: Double) -> String {
        if sciMode { return ElementFormatter.scientific(v, precision) }
        if intMode { return v.isFinite ? ElementFormatter.fixed(v, 0) + "." : ElementFormatter.fixed(v, 0) }
        return ElementFormatter.fixed(v, precision)
    }

    /// Python's `f"{value}"` for int64 and bool elements.
    private func plain(_ v: Double) -> String {
        dtype == .bool ? (v != 0 ? "True" : "False") : String(Int64(v))
    }

    /// Python's `'{:.Nf}'`: exact decimal rounding (as C's printf), but `nan`/`inf` spelled Python's way.
    static func fixed(_ v: Double, _ digits: Int) -> String {
        if let special = nonFinite(v) { return special }
        return String(format: "%.\(digits)f", v)
    }

    /// Python's `'{:.Ne}'`, e.g. `1.0000e-05`.
    static func scientific(_ v: Double, _ digits: Int) -> String {
        if let special = nonFinite(v) { return special }
        return String(format: "%.\(digits)e", v)
    }

    private static func nonFinite(_ v: Double) -> String? {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        return nil
    }
}
