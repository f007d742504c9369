// numpy's array printing: repr `array([0. , 0.5, 1. ])` and str `[0.  0.5 1. ]`, as numpy 2.x lays them out.
import Foundation
import UnrollTensor

/// numpy 2.x `array_repr`/`array_str` with default print options (precision 8, `maxprec` float mode,
/// line width 75, summarising above 1000 elements with 3 edge items).
enum NumpyFormat {
    static let lineWidth = 75
    static let threshold = 1000
    static let edgeItems = 3

    /// `repr(a)`: `array([...])`, with `, dtype=float32` for non-default dtypes and `, shape=(...)` when summarised.
    static func repr(_ t: Tensor) -> String {
        let summarize = t.numel > threshold
        let skipDtype = t.dtype != .float32 && t.numel > 0
        if t.numel == 0 {
            let shape = pythonTuple(t.shape)
            return "array([]" + (t.shape == [0] ? "" : ", shape=\(shape)") + ", dtype=\(name(t.dtype)))"
        }
        let body = array2string(t, prefix: "array(", separator: ", ", suffix: ")", summarize: summarize)
        var extras: [String] = []
        if summarize { extras.append("shape=\(pythonTuple(t.shape))") }
        if !skipDtype { extras.append("dtype=\(name(t.dtype))") }
        if extras.isEmpty { return "array(" + body + ")" }
        // numpy puts the extras on a new line when they would run past the line width.
        let s = "array(" + body + ","
        let extra = extras.joined(separator: ", ") + ")"
        let lastLine = s.count - ((s.lastIndex(of: "\n").map { s.distance(from: s.startIndex, to: $0) + 1 }) ?? 0)
        return s + (lastLine + extra.count + 1 > lineWidth ? "\n      " : " ") + extra
    }

    /// `str(a)` / `print(a)`: `[0.  0.5 1. ]`.
    static func str(_ t: Tensor) -> String {
        if t.dim == 0 { return scalarString(t) }
        if t.numel == 0 { return "[]" }
        return array2string(t, prefix: "", separator: " ", suffix: "", summarize: t.numel > threshold)
    }

    static func name(_ d: DType) -> String {
        switch d {
        case .float32: return "float32"
        case .float64: return "float64"
        case .int64: return "int64"
        case .bool: return "bool"
        }
    }

    static func pythonTuple(_ dims: [Int]) -> String {
        dims.count == 1 ? "(\(dims[0]),)" : "(" + dims.map(String.init).joined(separator: ", ") + ")"
    }

    /// A 0-d array's or numpy scalar's str (`array(1.5)` prints `1.5`).
    static func scalarString(_ t: Tensor) -> String {
        guard let s = try? t.item() else { return "" }
        switch s {
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .double(let d): return shortestFloat(d, float32: t.dtype == .float32)
        }
    }

    /// The fewest digits that read back as the same float32 or float64, in Python's repr style (numpy prints
    /// scalars and 0-d arrays this way: `0.84312385`, `1e-05`, `nan`).
    static func shortestFloat(_ d: Double, float32: Bool) -> String {
        guard float32, d.isFinite else { return pythonFloatRepr(d) }
        // Float's description has float32's shortest digits; as a Double those digits are also its shortest repr.
        return pythonFloatRepr(Double(Float(d).description) ?? d)
    }

    /// `type(x).__name__` of a numpy scalar: `int64`, `float32`, `float64`, `bool`.
    static func scalarTypeName(_ d: DType) -> String { d == .bool ? "bool" : name(d) }

    /// numpy 2's scalar repr: `np.int64(3)`, `np.float32(0.5)`, `np.True_`.
    static func scalarRepr(_ t: Tensor) -> String {
        guard let s = try? t.item() else { return "" }
        switch s {
        case .bool(let b): return b ? "np.True_" : "np.False_"
        case .int(let i): return "np.int64(\(i))"
        case .double(let d): return "np.\(name(t.dtype))(\(shortestFloat(d, float32: t.dtype == .float32)))"
        }
    }

    // MARK: layout

    static func array2string(_ t: Tensor, prefix: String, separator: String, suffix: String, summarize: Bool) -> String {
        if t.dim == 0 {
            // repr of a 0-d array keeps the print precision (`array(0.33333333)`); its str is the shortest digits.
            guard t.dtype.isFloatingPoint, let d = t.doubles().first else { return scalarString(t) }
            return FloatFormat(values: [d], float32: t.dtype == .float32).format(d).trimmingCharacters(in: .whitespaces)
        }
        let values = t.doubles()
        let shape = t.shape
        var strides = [Int](repeating: 1, count: shape.count)
        for i in stride(from: shape.count - 2, through: 0, by: -1) { strides[i] = strides[i + 1] * shape[i + 1] }
        // The formatter sees only the printed (edge) elements when summarising, as numpy's does.
        var shown: [Int] = []
        func collect(_ axis: Int, _ base: Int) {
            if axis == shape.count { shown.append(base); return }
            let n = shape[axis]
            let idx: [Int] = summarize && n > 2 * edgeItems ? Array(0..<edgeItems) + Array((n - edgeItems)..<n) : Array(0..<n)
            for i in idx { collect(axis + 1, base + i * strides[axis]) }
        }
        collect(0, 0)
        let shownValues = shown.map { values[$0] }
        let element: (Double) -> String
        switch t.dtype {
        case .bool:
            element = { $0 != 0 ? " True" : "False" }
        case .int64:
            let ints = shownValues.map { Int64($0) }
            let width = max(String(ints.max() ?? 0).count, String(ints.min() ?? 0).count)
            element = { v in let s = String(Int64(v)); return String(repeating: " ", count: max(0, width - s.count)) + s }
        case .float32, .float64:
            let f = FloatFormat(values: shownValues, float32: t.dtype == .float32)
            element = f.format
        }
        let lineWidth = self.lineWidth - suffix.count
        let hanging = " " + String(repeating: " ", count: prefix.count)  // skip over "[" and the prefix

        func extend(_ s: inout String, _ line: inout String, _ word: String, _ width: Int, _ indent: String) {
            var wrap = line.count + word.count > width
            if line.count <= indent.count { wrap = false }
            if wrap {
                s += rstrip(line) + "\n"
                line = indent
            }
            line += word
        }

        func recurse(_ axis: Int, _ base: Int, _ indent: String, _ width: Int) -> String {
            if axis == shape.count { return element(values[base]) }
            let nextIndent = indent + " "
            let nextWidth = width - 1
            let n = shape[axis]
            let showSummary = summarize && 2 * edgeItems < n
            let leading = showSummary ? edgeItems : 0
            let trailing = showSummary ? edgeItems : n
            var s = ""
            let axesLeft = shape.count - axis
            if axesLeft == 1 {
                let elemWidth = width - max(rstrip(separator).count, 1)
                var line = indent
                for i in 0..<leading {
                    extend(&s, &line, recurse(axis + 1, base + i * strides[axis], nextIndent, nextWidth), elemWidth, indent)
                    line += separator
                }
                if showSummary {
                    extend(&s, &line, "...", elemWidth, indent)
                    line += separator
                }
                if trailing > 1 {
                    for i in stride(from: trailing, to: 1, by: -1) {
                        extend(&s, &line, recurse(axis + 1, base + (n - i) * strides[axis], nextIndent, nextWidth), elemWidth, indent)
                        line += separator
                    }
                }
                extend(&s, &line, recurse(axis + 1, base + (n - 1) * strides[axis], nextIndent, nextWidth), elemWidth, indent)
                s += line
            } else {
                let lineSep = rstrip(separator) + String(repeating: "\n", count: axesLeft - 1)
                for i in 0..<leading {
                    s += indent + recurse(axis + 1, base + i * strides[axis], nextIndent, nextWidth) + lineSep
                }
                if showSummary { s += indent + "..." + lineSep }
                if trailing > 1 {
                    for i in stride(from: trailing, to: 1, by: -1) {
                        s += indent + recurse(axis + 1, base + (n - i) * strides[axis], nextIndent, nextWidth) + lineSep
                    }
                }
                s += indent + recurse(axis + 1, base + (n - 1) * strides[axis], nextIndent, nextWidth)
            }
            return "[" + String(s.dropFirst(indent.count)) + "]"
        }
        return recurse(0, 0, hanging, lineWidth)
    }

    static func rstrip(_ s: String) -> String {
        var s = s
        while s.last == " " || s.last == "\n" { s.removeLast() }
        return s
    }
}

/// numpy's `FloatingFormat` in `maxprec` mode: shortest round-trip digits capped at 8 fractional digits,
/// decimal points aligned, positional unless values are huge, tiny or spread over more than 3 decades.
struct FloatFormat {
    let float32: Bool
    var expFormat = false
    var padLeft = 0
    var padRight = 0
    var precision = 8
    var expSize = -1

    init(values: [Double], float32: Bool) {
        self.float32 = float32
        let finite = values.filter { $0.isFinite }
        let nonZero = finite.filter { $0 != 0 }.map { Swift.abs($0) }
        if let maxV = nonZero.max(), let minV = nonZero.min() {
            expFormat = maxV >= 1e8 || minV < 0.0001 || maxV / minV > 1000
        }
        if finite.isEmpty {
            padLeft = 0; padRight = 0
        } else if expFormat {
            let parts = finite.map { scientific($0, precision: 8, minDigits: 0) }
            expSize = max(2, parts.map { $0.exponent.count }.max() ?? 2)
            precision = parts.map { $0.fraction.count }.max() ?? 0
            padLeft = parts.map { $0.integer.count }.max() ?? 1
            padRight = expSize + 2 + precision
        } else {
            let parts = finite.map { positional($0, precision: 8) }
            padLeft = parts.map { $0.integer.count }.max() ?? 1
            padRight = parts.map { $0.fraction.count }.max() ?? 0
        }
        if finite.count != values.count {
            let negInf = values.contains { $0 == -.infinity }
            padLeft = max(padLeft, 3 - (padRight + 1), 3 + (negInf ? 1 : 0) - (padRight + 1))
        }
    }

    func format(_ x: Double) -> String {
        if !x.isFinite {
            let text = x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf")
            return String(repeating: " ", count: max(0, padLeft + padRight + 1 - text.count)) + text
        }
        if expFormat {
            let p = scientific(x, precision: precision, minDigits: precision)
            let exp = String(repeating: "0", count: max(0, expSize - p.exponent.count)) + p.exponent
            return pad(p.integer, padLeft) + "." + p.fraction + "e" + p.sign + exp
        }
        let p = positional(x, precision: precision)
        return pad(p.integer, padLeft) + "." + p.fraction + String(repeating: " ", count: max(0, padRight - p.fraction.count))
    }

    private func pad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }

    /// The shortest round-trip decimal digits of `x` and the decimal exponent: `x = 0.d1d2... × 10^exponent`.
    private func digits(_ x: Double) -> (negative: Bool, digits: [UInt8], exponent: Int) {
        let text = float32 ? Float(x).description : x.description
        var s = Substring(text)
        var negative = false
        if s.first == "-" { negative = true; s = s.dropFirst() }
        var exp10 = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exp10 = Int(s[s.index(after: e)...]) ?? 0
            s = s[..<e]
        }
        let intPart = s.split(separator: ".", omittingEmptySubsequences: false).first ?? ""
        let fracPart = s.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first ?? ""
        var ds = Array((intPart + fracPart).utf8).map { $0 - 48 }
        var pointPos = intPart.count + exp10
        while let first = ds.first, first == 0, ds.count > 1 { ds.removeFirst(); pointPos -= 1 }
        while let last = ds.last, last == 0, ds.count > 1 { ds.removeLast() }
        if ds == [0] { pointPos = 1 }
        return (negative, ds, pointPos)
    }

    /// Positional digits with at most `precision` fractional digits (rounded half-even on the exact value).
    private func positional(_ x: Double, precision: Int) -> (integer: String, fraction: String) {
        let d = digits(x)
        let fracDigits = d.digits.count - d.exponent
        var integer: String, fraction: String
        if fracDigits > precision {
            let rounded = String(format: "%.\(precision)f", Swift.abs(x))
            let parts = rounded.split(separator: ".", omittingEmptySubsequences: false)
            integer = String(parts[0])
            fraction = parts.count > 1 ? String(parts[1]) : ""
            while fraction.last == "0" { fraction.removeLast() }
        } else {
            let ds = d.digits.map { Character(UnicodeScalar($0 + 48)) }
            if d.exponent <= 0 {
                integer = "0"
                fraction = String(repeating: "0", count: -d.exponent) + String(ds)
            } else if d.exponent >= ds.count {
                integer = String(ds) + String(repeating: "0", count: d.exponent - ds.count)
                fraction = ""
            } else {
                integer = String(ds[0..<d.exponent])
                fraction = String(ds[d.exponent...])
            }
            if ds == ["0"] { integer = "0"; fraction = "" }
        }
        return ((d.negative ? "-" : "") + integer, fraction)
    }

    /// Scientific digits: one integer digit, up to `precision` fractional digits padded to `minDigits` with zeros.
    private func scientific(_ x: Double, precision: Int, minDigits: Int) -> (integer: String, fraction: String, sign: String, exponent: String) {
        var d = digits(x)
        var exponent = d.exponent - 1
        var frac = Array(d.digits.dropFirst())
        if frac.count > precision {
            let rounded = String(format: "%.\(precision)e", Swift.abs(x))
            let parts = rounded.split(separator: "e")
            let mantissa = parts[0].split(separator: ".", omittingEmptySubsequences: false)
            d.digits = [UInt8(mantissa[0].utf8.first ?? 48) - 48]
            frac = mantissa.count > 1 ? Array(mantissa[1].utf8).map { $0 - 48 } : []
            exponent = Int(parts.count > 1 ? parts[1] : "0") ?? 0
            while frac.last == 0 { frac.removeLast() }
        }
        var fraction = String(frac.map { Character(UnicodeScalar($0 + 48)) })
        if fraction.count < minDigits { fraction += String(repeating: "0", count: minDigits - fraction.count) }
        let first = String(Character(UnicodeScalar((d.digits.first ?? 0) + 48)))
        return ((d.negative ? "-" : "") + first, fraction, exponent < 0 ? "-" : "+", String(Swift.abs(exponent)))
    }
}
