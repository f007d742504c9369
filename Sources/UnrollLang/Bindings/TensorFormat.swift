// TEMPORARY tensor repr following torch/_tensor_str.py (precision 4, linewidth 80, summarize past 1000
// elements); replace with `Tensor.repr()` once the printing work reaches main.
import Foundation
import UnrollTensor

enum TensorFormat {
    static let precision = 4
    static let lineWidth = 80
    static let threshold = 1000
    static let edgeItems = 3

    /// `tensor([...], dtype=..., requires_grad=True)` as PyTorch prints it.
    static func repr(_ t: Tensor, prefix: String = "tensor(") -> String {
        let indent = prefix.count
        var suffixes: [String] = []
        var body: String
        if t.numel == 0 && t.dim > 0 {
            body = "[]"
            if t.shape != [0] { suffixes.append("size=(" + t.shape.map(String.init).joined(separator: ", ") + (t.shape.count == 1 ? ",)" : ")")) }
        } else {
            let summarize = t.numel > threshold
            let formatter = Formatter(values: summarizedValues(t, summarize), dtype: t.dtype)
            body = tensorString(t, t.doubles(), shape: t.shape, indent: indent, summarize: summarize, formatter)
        }
        if ![.float32, .int64, .bool].contains(t.dtype) { suffixes.append("dtype=\(t.dtype.torchName)") }
        if let node = t.gradFn { suffixes.append("grad_fn=<\(node.name)>") }
        else if t.requiresGrad { suffixes.append("requires_grad=True") }
        var out = prefix + body
        for s in suffixes { out += ", " + s }
        return out + ")"
    }

    struct Formatter {
        var intMode = true
        var sciMode = false
        var width = 1
        let dtype: DType

        init(values: [Double], dtype: DType) {
            self.dtype = dtype
            if !dtype.isFloatingPoint {
                width = values.map { format($0).count }.max() ?? 1
                return
            }
            let nonzero = values.filter { $0.isFinite && $0 != 0 }
            if !nonzero.isEmpty {
                let absolute = nonzero.map { Swift.abs($0) }
                let lo = absolute.min() ?? 1, hi = absolute.max() ?? 1
                intMode = nonzero.allSatisfy { $0.rounded(.up) == $0 }
                if intMode {
                    sciMode = hi / lo > 1000 || hi > 1e8
                } else {
                    sciMode = hi / lo > 1000 || hi > 1e8 || lo < 1e-4
                }
            }
            width = values.map { format($0).count }.max() ?? 1
        }

        func format(_ v: Double) -> String {
            switch dtype {
            case .bool: return v != 0 ? "True" : "False"
            case .int64: return String(Int64(v))
            default:
                if v.isNaN { return "nan" }
                if v.isInfinite { return v < 0 ? "-inf" : "inf" }
                if sciMode { return String(format: "%.\(precision)e", v) }
                if intMode { return String(format: "%.0f", v) + "." }
                return String(format: "%.\(precision)f", v)
            }
        }

        func padded(_ v: Double) -> String {
            let s = format(v)
            return String(repeating: " ", count: max(0, width - s.count)) + s
        }
    }

    private static func summarizedValues(_ t: Tensor, _ summarize: Bool) -> [Double] {
        let values = t.doubles()
        guard summarize else { return values }
        var out: [Double] = []
        collect(values, shape: t.shape, into: &out)
        return out
    }

    private static func collect(_ values: [Double], shape: [Int], into out: inout [Double]) {
        guard let n = shape.first else { out.append(contentsOf: values); return }
        let inner = shape.dropFirst().reduce(1, *)
        let picks = n > 2 * edgeItems ? Array(0..<edgeItems) + Array((n - edgeItems)..<n) : Array(0..<n)
        for i in picks { collect(Array(values[(i * inner)..<((i + 1) * inner)]), shape: Array(shape.dropFirst()), into: &out) }
    }

    private static func tensorString(_ t: Tensor, _ values: [Double], shape: [Int], indent: Int, summarize: Bool, _ f: Formatter) -> String {
        if shape.isEmpty { return values.first.map(f.format) ?? "" }
        if shape.count == 1 {
            let n = shape[0]
            let elementLength = f.width + 2
            let perLine = max(1, (lineWidth - indent) / elementLength)
            var items: [String]
            if summarize && n > 2 * edgeItems {
                items = values.prefix(edgeItems).map(f.padded) + [" ..."] + values.suffix(edgeItems).map(f.padded)
            } else {
                items = values.map(f.padded)
            }
            var lines: [String] = []
            var i = 0
            while i < items.count {
                lines.append(items[i..<min(items.count, i + perLine)].joined(separator: ", "))
                i += perLine
            }
            return "[" + lines.joined(separator: ",\n" + String(repeating: " ", count: indent + 1)) + "]"
        }
        let n = shape[0]
        let inner = shape.dropFirst().reduce(1, *)
        let rest = Array(shape.dropFirst())
        func slice(_ i: Int) -> String {
            tensorString(t, Array(values[(i * inner)..<((i + 1) * inner)]), shape: rest, indent: indent + 1, summarize: summarize, f)
        }
        var parts: [String]
        if summarize && n > 2 * edgeItems {
            parts = (0..<edgeItems).map(slice) + ["..."] + ((n - edgeItems)..<n).map(slice)
        } else {
            parts = (0..<n).map(slice)
        }
        let separator = "," + String(repeating: "\n", count: shape.count - 1) + String(repeating: " ", count: indent + 1)
        return "[" + parts.joined(separator: separator) + "]"
    }
}
