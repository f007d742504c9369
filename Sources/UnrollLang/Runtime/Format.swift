// Python's format-spec mini-language (f-string `{x:.4f}`, `{x:>6}`, `{x:,.2f}`, str.format) and `%` formatting.
import Foundation

struct FormatSpec {
    var fill: Character = " "
    var align: Character?
    var sign: Character = "-"
    var alternate = false
    var zeroPad = false
    var width = 0
    var grouping: Character?
    var precision: Int?
    var type: Character?

    init(_ spec: String) throws {
        var cs = Array(spec)[...]
        if cs.count >= 2, "<>^=".contains(cs[cs.startIndex + 1]) {
            fill = cs[cs.startIndex]; align = cs[cs.startIndex + 1]; cs = cs.dropFirst(2)
        } else if let c = cs.first, "<>^=".contains(c) { align = c; cs = cs.dropFirst() }
        if let c = cs.first, "+- ".contains(c) { sign = c; cs = cs.dropFirst() }
        if cs.first == "#" { alternate = true; cs = cs.dropFirst() }
        if cs.first == "0" { zeroPad = true; cs = cs.dropFirst() }
        var digits = ""
        while let c = cs.first, c.isNumber { digits.append(c); cs = cs.dropFirst() }
        if !digits.isEmpty {
            guard let w = Int(digits), w < 10_000 else { throw LangError.valueError("Too many decimal digits in format string") }
            width = w
        }
        if let c = cs.first, c == "," || c == "_" { grouping = c; cs = cs.dropFirst() }
        if cs.first == "." {
            cs = cs.dropFirst()
            var p = ""
            while let c = cs.first, c.isNumber { p.append(c); cs = cs.dropFirst() }
            guard let v = Int(p), v < 1000 else { throw LangError.valueError("Format specifier missing precision") }
            precision = v
        }
        if let c = cs.first { type = c; cs = cs.dropFirst() }
        if !cs.isEmpty { throw LangError.valueError("Invalid format specifier '\(spec)'") }
    }

    func pad(_ body: String, numeric: Bool) -> String {
        let n = body.count
        guard width > n else { return body }
        let fillCount = width - n
        let alignment = align ?? (zeroPad && numeric ? "=" : (numeric ? ">" : "<"))
        let f = align == nil && zeroPad ? "0" : fill
        switch alignment {
        case "<": return body + String(repeating: f, count: fillCount)
        case "^":
            let left = fillCount / 2
            return String(repeating: f, count: left) + body + String(repeating: f, count: fillCount - left)
        case "=":
            var b = body
            var signText = ""
            if let c = b.first, "+- ".contains(c) { signText = String(c); b.removeFirst() }
            return signText + String(repeating: f, count: fillCount) + b
        default: return String(repeating: f, count: fillCount) + body
        }
    }
}

func groupDigits(_ s: String, _ separator: Character) -> String {
    var intPart = s
    var rest = ""
    if let i = s.firstIndex(where: { $0 == "." || $0 == "e" }) { intPart = String(s[..<i]); rest = String(s[i...]) }
    var out = ""
    for (n, c) in intPart.reversed().enumerated() {
        if n > 0 && n % 3 == 0 { out.append(separator) }
        out.append(c)
    }
    return String(out.reversed()) + rest
}

/// C-style fixed/exponent formatting with Python's exponent spelling (at least two digits).
func formatFloat(_ d: Double, _ type: Character, _ precision: Int) -> String {
    if d.isNaN { return type.isUppercase ? "NAN" : "nan" }
    if d.isInfinite { return (d < 0 ? "-" : "") + (type.isUppercase ? "INF" : "inf") }
    switch type {
    case "e", "E": return String(format: "%.\(precision)\(type)", d)
    case "g", "G":
        var s = String(format: "%.\(max(precision, 1))\(type)", d)
        if s.contains("e") || s.contains("E") { s = s.replacingOccurrences(of: "e+0", with: "e+0") }
        return s
    case "%": return String(format: "%.\(precision)f", d * 100) + "%"
    default: return String(format: "%.\(precision)f", d)
    }
}

extension Interpreter {
    /// Python's `format(value, spec)`.
    func format(_ value: Value, spec: String) throws -> String {
        // PyTorch's Tensor.__format__: a 0-dim tensor formats as its item() (f"{mse.compute()}" prints 0.1329216...).
        // Any other tensor takes object.__format__, which refuses a format spec.
        if case .object(let o) = value, let t = TensorBridge.tensor(o) {
            if t.dim == 0 { return try format(TensorConvert.value(try t.item()), spec: spec) }
            if !spec.isEmpty { throw LangError.typeError("unsupported format string passed to Tensor.__format__") }
        }
        // numpy scalars format as the Python number they hold, even with an empty spec (f"{np.float32(1) / 3}" shows
        // float64 digits, unlike str()).
        if case .object(let o) = value, let number = try o.numberValue() { return try format(number, spec: spec) }
        if spec.isEmpty { return try str(value) }
        let f = try FormatSpec(spec)
        var v = value
        if case .object(let o) = value {
            guard let d = try o.toDouble(self) else {
                throw LangError.typeError("unsupported format string passed to \(o.typeName).__format__")
            }
            v = .float(d)
        }
        if case .bool(let b) = v { v = f.type == nil ? .str(b ? "True" : "False") : .int(b ? 1 : 0) }
        switch v {
        case .str(let s):
            if let t = f.type, t != "s" { throw LangError.valueError("Unknown format code '\(t)' for object of type 'str'") }
            let body = f.precision.map { String(s.prefix($0)) } ?? s
            return f.pad(body, numeric: false)
        case .int(let i):
            if let t = f.type, "eEfFgG%".contains(t) { return try format(.float(Double(i)), spec: spec) }
            if f.type == nil && f.precision != nil { throw LangError.valueError("Precision not allowed in integer format specifier") }
            var body: String
            switch f.type {
            case "x"?: body = String(i.magnitude, radix: 16)
            case "X"?: body = String(i.magnitude, radix: 16).uppercased()
            case "b"?: body = String(i.magnitude, radix: 2)
            case "o"?: body = String(i.magnitude, radix: 8)
            case "d"?, nil: body = String(i.magnitude)
            case let t?: throw LangError.valueError("Unknown format code '\(t)' for object of type 'int'")
            }
            if let g = f.grouping { body = groupDigits(body, g) }
            return f.pad(signed(body, negative: i < 0, f), numeric: true)
        case .float(let d):
            var body: String
            switch f.type {
            case nil:
                if let p = f.precision {
                    body = formatFloat(abs(d), "g", p)
                    if !body.contains(".") && !body.contains("e") && !body.contains("n") && !body.contains("i") && p > 0 && body.count > p { body += "" }
                } else { body = pythonFloatRepr(abs(d)) }
            case let t? where "eEfFgG%".contains(t): body = formatFloat(abs(d), t, f.precision ?? 6)
            case let t?: throw LangError.valueError("Unknown format code '\(t)' for object of type 'float'")
            }
            if let g = f.grouping { body = groupDigits(body, g) }
            return f.pad(signed(body, negative: d.sign == .minus && !d.isNaN, f), numeric: true)
        default:
            if f.type == nil && f.precision == nil { return f.pad(try str(value), numeric: false) }
            throw LangError.typeError("unsupported format string passed to \(value.typeName).__format__")
        }
    }

    private func signed(_ body: String, negative: Bool, _ f: FormatSpec) -> String {
        if negative { return "-" + body }
        switch f.sign {
        case "+": return "+" + body
        case " ": return " " + body
        default: return body
        }
    }

    /// `"..." % args` for the common `%d %s %f %.3f %r %%` cases.
    func percentFormat(_ template: String, _ args: Value) throws -> String {
        var values: [Value]
        if case .tuple(let t) = args { values = t } else { values = [args] }
        var out = ""
        var cs = Array(template)[...]
        while let c = cs.first {
            cs = cs.dropFirst()
            if c != "%" { out.append(c); continue }
            var spec = ""
            while let d = cs.first, !"diouxXeEfFgGcrs%".contains(d) { spec.append(d); cs = cs.dropFirst() }
            guard let conversion = cs.first else { throw LangError.valueError("incomplete format") }
            cs = cs.dropFirst()
            if conversion == "%" { out.append("%"); continue }
            guard !values.isEmpty else { throw LangError.typeError("not enough arguments for format string") }
            let v = values.removeFirst()
            switch conversion {
            case "s": out += try format(.str(try str(v)), spec: spec.replacingOccurrences(of: "-", with: "<"))
            case "r": out += try format(.str(try repr(v)), spec: spec)
            case "d", "i", "u":
                let n: Value
                switch v { case .float(let d): n = .int(Int64(d.rounded(.towardZero))); default: n = v }
                out += try format(n, spec: spec + "d")
            default: out += try format(v, spec: spec + String(conversion))
            }
        }
        if !values.isEmpty { throw LangError.typeError("not all arguments converted during string formatting") }
        return out
    }
}
