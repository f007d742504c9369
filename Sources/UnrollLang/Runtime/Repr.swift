// Python's repr() and str() of values: shortest round-trip floats, quoted strings, containers.
import Foundation

/// Python's `repr(float)`: shortest round-trip digits, exponent form below 1e-4 or from 1e16.
public func pythonFloatRepr(_ d: Double) -> String {
    if d.isNaN { return "nan" }
    if d.isInfinite { return d < 0 ? "-inf" : "inf" }
    if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
    // Swift's description is shortest round-trip too; re-layout its digits the way Python does.
    let text = "\(abs(d))"
    var mantissa = text
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        mantissa = String(text[..<e])
        exponent = Int(text[text.index(after: e)...]) ?? 0
    }
    var intPart = mantissa
    var fracPart = ""
    if let dot = mantissa.firstIndex(of: ".") {
        intPart = String(mantissa[..<dot])
        fracPart = String(mantissa[mantissa.index(after: dot)...])
    }
    var digits = intPart + fracPart
    var pointPosition = intPart.count + exponent
    while digits.hasPrefix("0") && digits.count > 1 { digits.removeFirst(); pointPosition -= 1 }
    while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
    let decimalExponent = pointPosition - 1
    let sign = d < 0 ? "-" : ""
    if decimalExponent < -4 || decimalExponent >= 16 {
        let rest = digits.dropFirst()
        let m = rest.isEmpty ? String(digits.prefix(1)) : "\(digits.prefix(1)).\(rest)"
        let e = abs(decimalExponent)
        return "\(sign)\(m)e\(decimalExponent < 0 ? "-" : "+")\(e < 10 ? "0" : "")\(e)"
    }
    if pointPosition <= 0 {
        return sign + "0." + String(repeating: "0", count: -pointPosition) + digits
    }
    if pointPosition >= digits.count {
        return sign + digits + String(repeating: "0", count: pointPosition - digits.count) + ".0"
    }
    let i = digits.index(digits.startIndex, offsetBy: pointPosition)
    return sign + digits[..<i] + "." + digits[i...]
}

/// Python's `repr(str)`: single quotes unless the text contains one and no double quote.
public func pythonStringRepr(_ s: String) -> String {
    let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
    var out = String(quote)
    for c in s.unicodeScalars {
        switch c {
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        default:
            if Character(c) == quote { out += "\\\(quote)" }
            else if c.value < 0x20 || c.value == 0x7f { out += String(format: "\\x%02x", c.value) }
            else { out.unicodeScalars.append(c) }
        }
    }
    out.append(quote)
    return out
}

extension Interpreter {
    public func repr(_ v: Value) throws -> String {
        var seen: [ObjectIdentifier] = []
        return try repr(v, &seen)
    }

    private func repr(_ v: Value, _ seen: inout [ObjectIdentifier]) throws -> String {
        switch v {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .float(let d): return pythonFloatRepr(d)
        case .str(let s): return pythonStringRepr(s)
        case .list(let l):
            let id = ObjectIdentifier(l)
            if seen.contains(id) { return "[...]" }
            if seen.count > 200 { throw LangError("RecursionError", "maximum recursion depth exceeded while getting the repr of an object") }
            seen.append(id)
            defer { seen.removeLast() }
            return "[" + (try l.items.map { try repr($0, &seen) }).joined(separator: ", ") + "]"
        case .tuple(let t):
            if seen.count > 200 { throw LangError("RecursionError", "maximum recursion depth exceeded while getting the repr of an object") }
            seen.append(ObjectIdentifier(ListBox([])))
            defer { seen.removeLast() }
            let parts = try t.map { try repr($0, &seen) }
            return t.count == 1 ? "(\(parts[0]),)" : "(" + parts.joined(separator: ", ") + ")"
        case .dict(let d):
            let id = ObjectIdentifier(d)
            if seen.contains(id) { return "{...}" }
            if seen.count > 200 { throw LangError("RecursionError", "maximum recursion depth exceeded while getting the repr of an object") }
            seen.append(id)
            defer { seen.removeLast() }
            var parts: [String] = []
            for (k, value) in zip(d.keys, d.values) { parts.append("\(try repr(k, &seen)): \(try repr(value, &seen))") }
            return "{" + parts.joined(separator: ", ") + "}"
        case .range(let a, let b, let s): return s == 1 ? "range(\(a), \(b))" : "range(\(a), \(b), \(s))"
        case .slice(let a, let b, let c): return "slice(\(try repr(a)), \(try repr(b)), \(try repr(c)))"
        case .ellipsis: return "Ellipsis"
        case .function(let f): return "<function \(f.name) at \(address(f))>"
        case .builtin(let b): return "<built-in function \(b.name)>"
        case .class(let c): return "<class '__main__.\(c.name)'>"
        case .instance(let inst):
            if inst.cls.lookup("__repr__") != nil {
                guard case .str(let s) = try callMethod(v, "__repr__", [], []) else {
                    throw LangError.typeError("__repr__ returned non-string")
                }
                return s
            }
            if let b = inst.backing { return try b.repr(self) }
            return "<__main__.\(inst.cls.name) object at \(address(inst))>"
        case .boundMethod(let receiver, let function):
            let name: String
            switch function {
            case .function(let f): name = f.name
            case .builtin(let b): name = b.name
            default: name = "?"
            }
            if case .instance(let inst) = receiver { return "<bound method \(inst.cls.name).\(name) of \(try repr(receiver))>" }
            return "<built-in method \(name) of \(receiver.typeName) object>"
        case .module(let ns): return "<module '\(ns.name)'>"
        case .object(let o): return try o.repr(self)
        }
    }

    public func str(_ v: Value) throws -> String {
        switch v {
        case .str(let s): return s
        case .object(let o): return try o.str(self)
        case .instance(let inst):
            if inst.cls.lookup("__str__") != nil, case .str(let s) = try callMethod(v, "__str__", [], []) { return s }
            if inst.cls.lookup("__repr__") == nil, let b = inst.backing { return try b.str(self) }
            return try repr(v)
        default: return try repr(v)
        }
    }

    func address(_ object: AnyObject) -> String {
        "0x" + String(UInt(bitPattern: ObjectIdentifier(object)), radix: 16).leftPadded(to: 12)
    }
}

extension String {
    func leftPadded(to width: Int, with fill: Character = "0") -> String {
        count >= width ? self : String(repeating: fill, count: width - count) + self
    }
}
