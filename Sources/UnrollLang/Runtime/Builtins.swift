// The builtin functions: print, len, range, enumerate, zip, conversions, min/max/sum/sorted, isinstance, help...
import Foundation

/// Type objects of the builtin types (`int`, `list`...): callable converters that `isinstance` understands.
final class BuiltinType: HostObject {
    let name: String
    let convert: ([Value], [(String, Value)], Interpreter) throws -> Value
    let matches: (Value) -> Bool
    init(_ name: String, matches: @escaping (Value) -> Bool, convert: @escaping ([Value], [(String, Value)], Interpreter) throws -> Value) {
        self.name = name
        self.matches = matches
        self.convert = convert
    }
    var typeName: String { "type" }
    func repr(_ interp: Interpreter) throws -> String { "<class '\(name)'>" }
    func call(_ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value? { try convert(args, kwargs, interp) }
    func isInstance(_ value: Value) -> Bool? { matches(value) }
    /// `__name__` is the unqualified name (`torch.Tensor` → `Tensor`, `numpy.int64` → `int64`).
    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        name == "__name__" ? .str(self.name.split(separator: ".").last.map(String.init) ?? self.name) : nil
    }
}

extension Interpreter {
    func define(_ name: String, _ body: @escaping ([Value], [(String, Value)], Interpreter) throws -> Value) {
        builtins[name] = .builtin(Builtin(name, body))
    }

    private func defineType(_ name: String, _ matches: @escaping (Value) -> Bool, _ convert: @escaping ([Value], [(String, Value)], Interpreter) throws -> Value) {
        builtins[name] = .object(BuiltinType(name, matches: matches, convert: convert))
    }

    func installBuiltins() {
        define("print") { args, kwargs, interp in
            let a = try Arguments("print", ["sep", "end", "flush", "file"], variadic: true, keywordOnly: ["sep", "end", "flush", "file"], args, kwargs)
            let sep = try a["sep"]?.asString(what: "sep") ?? " "
            let end = try a["end"]?.asString(what: "end") ?? "\n"
            interp.output(try a.rest.map { try interp.str($0) }.joined(separator: sep) + end)
            return .none
        }
        define("len") { args, kwargs, interp in
            let a = try Arguments("len", ["obj"], required: 1, args, kwargs)
            return .int(Int64(try interp.length(a["obj"] ?? .none)))
        }
        defineType("range", { if case .range = $0 { return true }; return false }) { args, kwargs, _ in
            guard kwargs.isEmpty else { throw LangError.typeError("range() takes no keyword arguments") }
            let ints = try args.map { v -> Int64 in
                switch v {
                case .int(let i): return i
                case .bool(let b): return b ? 1 : 0
                case .object(let o):
                    if let number = try o.numberValue(), case .int(let i) = number { return i }
                    throw LangError.typeError("'\(v.typeName)' object cannot be interpreted as an integer")
                default: throw LangError.typeError("'\(v.typeName)' object cannot be interpreted as an integer")
                }
            }
            switch ints.count {
            case 1: return .range(start: 0, stop: ints[0], step: 1)
            case 2: return .range(start: ints[0], stop: ints[1], step: 1)
            case 3:
                if ints[2] == 0 { throw LangError.valueError("range() arg 3 must not be zero") }
                return .range(start: ints[0], stop: ints[1], step: ints[2])
            case 0: throw LangError.typeError("range expected at least 1 argument, got 0")
            default: throw LangError.typeError("range expected at most 3 arguments, got \(ints.count)")
            }
        }
        define("enumerate") { args, kwargs, interp in
            let a = try Arguments("enumerate", ["iterable", "start"], required: 1, args, kwargs)
            let start = Int64(try a.int("start", default: 0))
            return .makeList(try interp.iterate(a["iterable"] ?? .none).enumerated().map { .tuple([.int(Int64($0.offset) + start), $0.element]) })
        }
        define("zip") { args, _, interp in
            let lists = try args.map { try interp.iterate($0) }
            let n = lists.map(\.count).min() ?? 0
            return .makeList((0..<n).map { i in .tuple(lists.map { $0[i] }) })
        }
        define("reversed") { args, kwargs, interp in
            let a = try Arguments("reversed", ["sequence"], required: 1, args, kwargs)
            return .makeList(try interp.iterate(a["sequence"] ?? .none).reversed())
        }
        defineType("list", { if case .list = $0 { return true }; return false }) { args, kwargs, interp in
            let a = try Arguments("list", ["iterable"], args, kwargs)
            return .makeList(try a["iterable"].map { try interp.iterate($0) } ?? [])
        }
        defineType("tuple", { if case .tuple = $0 { return true }; return false }) { args, kwargs, interp in
            let a = try Arguments("tuple", ["iterable"], args, kwargs)
            return .tuple(try a["iterable"].map { try interp.iterate($0) } ?? [])
        }
        defineType("dict", { if case .dict = $0 { return true }; return false }) { args, kwargs, interp in
            let d = DictBox()
            if let source = args.first {
                if case .dict(let other) = source {
                    for (k, v) in zip(other.keys, other.values) { try d.set(k, v) }
                } else {
                    for item in try interp.iterate(source) {
                        let pair = try interp.iterate(item)
                        guard pair.count == 2 else {
                            throw LangError.valueError("dictionary update sequence element has length \(pair.count); 2 is required")
                        }
                        try d.set(pair[0], pair[1])
                    }
                }
            }
            for (k, v) in kwargs { try d.set(.str(k), v) }
            return .dict(d)
        }
        defineType("int", { if case .int = $0 { return true }; if case .bool = $0 { return true }; return false }) { args, kwargs, interp in
            let a = try Arguments("int", ["x", "base"], args, kwargs)
            guard let v = a["x"] else { return .int(0) }
            return try interp.toInt(v, base: try a.int("base", default: 10))
        }
        defineType("float", { if case .float = $0 { return true }; return false }) { args, kwargs, interp in
            let a = try Arguments("float", ["x"], args, kwargs)
            guard let v = a["x"] else { return .float(0) }
            return .float(try interp.toDouble(v))
        }
        defineType("str", { if case .str = $0 { return true }; return false }) { args, kwargs, interp in
            let a = try Arguments("str", ["object"], args, kwargs)
            return .str(try a.values["object"].map { try interp.str($0) } ?? "")
        }
        defineType("bool", { if case .bool = $0 { return true }; return false }) { args, kwargs, interp in
            let a = try Arguments("bool", ["x"], args, kwargs)
            return .bool(try a.values["x"].map { try interp.truthy($0) } ?? false)
        }
        define("repr") { args, kwargs, interp in
            let a = try Arguments("repr", ["obj"], required: 1, args, kwargs)
            return .str(try interp.repr(a.values["obj"] ?? .none))
        }
        define("format") { args, kwargs, interp in
            let a = try Arguments("format", ["value", "format_spec"], required: 1, args, kwargs)
            return .str(try interp.format(a.values["value"] ?? .none, spec: try a["format_spec"]?.asString() ?? ""))
        }
        define("abs") { args, kwargs, interp in
            let a = try Arguments("abs", ["x"], required: 1, args, kwargs)
            switch a.values["x"] ?? .none {
            case .int(let i): guard i != .min else { throw interp.overflow() }; return .int(Swift.abs(i))
            case .bool(let b): return .int(b ? 1 : 0)
            case .float(let d): return .float(Swift.abs(d))
            case .object(let o):
                if let v = try o.getAttribute("__abs__", interp) ?? o.getAttribute("abs", interp) { return try interp.call(v, [], []) }
                throw LangError.typeError("bad operand type for abs(): '\(o.typeName)'")
            case let v: throw LangError.typeError("bad operand type for abs(): '\(v.typeName)'")
            }
        }
        define("round") { args, kwargs, interp in
            let a = try Arguments("round", ["number", "ndigits"], required: 1, args, kwargs)
            let number = a.values["number"] ?? .none
            let digits = a["ndigits"]
            switch number {
            case .int(let i): return .int(i)
            case .bool(let b): return .int(b ? 1 : 0)
            case .float(let d):
                guard let nd = digits else {
                    guard d.isFinite else { throw LangError(d.isNaN ? "ValueError" : "OverflowError", d.isNaN ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer") }
                    let r = d.rounded(.toNearestOrEven)
                    guard let i = Int64(exactly: r) else { throw interp.overflow() }
                    return .int(i)
                }
                return .float(pythonRound(d, try nd.asInt()))
            case .object(let o):
                if let d = try o.toDouble(interp) {
                    if let nd = digits { return .float(pythonRound(d, try nd.asInt())) }
                    return .int(Int64(d.rounded(.toNearestOrEven)))
                }
                fallthrough
            default: throw LangError.typeError("type \(number.typeName) doesn't define __round__ method")
            }
        }
        define("min") { args, kwargs, interp in try interp.extreme("min", args, kwargs, wantMax: false) }
        define("max") { args, kwargs, interp in try interp.extreme("max", args, kwargs, wantMax: true) }
        define("sum") { args, kwargs, interp in
            let a = try Arguments("sum", ["iterable", "start"], required: 1, args, kwargs)
            var total = a.values["start"] ?? .int(0)
            for v in try interp.iterate(a.values["iterable"] ?? .none) { total = try interp.binary(.add, total, v) }
            return total
        }
        define("sorted") { args, kwargs, interp in
            let a = try Arguments("sorted", ["iterable", "key", "reverse"], required: 1, keywordOnly: ["key", "reverse"], args, kwargs)
            let items = try interp.iterate(a.values["iterable"] ?? .none)
            return .makeList(try interp.sortValues(items, key: a["key"], reverse: try a.bool("reverse", default: false)))
        }
        define("isinstance") { args, kwargs, interp in
            let a = try Arguments("isinstance", ["obj", "class_or_tuple"], required: 2, args, kwargs)
            return .bool(try interp.isInstance(a.values["obj"] ?? .none, a.values["class_or_tuple"] ?? .none))
        }
        define("type") { args, kwargs, interp in
            let a = try Arguments("type", ["object"], required: 1, args, kwargs)
            let v = a.values["object"] ?? .none
            if case .instance(let inst) = v { return .class(inst.cls) }
            // A built-in layer's type is its torch.nn class (`type(rnn) is nn.RNN`, printed as PyTorch names it).
            if case .object(let o as ModuleObject) = v, case .object(let c as LayerClass)? = try? interp.loadModule("torch.nn").members[o.module.typeName] {
                return .object(c)
            }
            if let t = interp.builtins[v.typeName], case .object = t { return t }
            return .object(BuiltinType(v.typeName == "Tensor" ? "torch.Tensor" : v.typeName, matches: { $0.typeName == v.typeName }) { _, _, _ in
                throw LangError.typeError("cannot create '\(v.typeName)' instances")
            })
        }
        define("hasattr") { args, kwargs, interp in
            let a = try Arguments("hasattr", ["obj", "name"], required: 2, args, kwargs)
            let name = try (a.values["name"] ?? .none).asString(what: "hasattr(): attribute name")
            do { _ = try interp.getAttribute(a.values["obj"] ?? .none, name); return .bool(true) } catch let e as LangError where e.type == "AttributeError" {
                return .bool(false)
            }
        }
        define("getattr") { args, kwargs, interp in
            let a = try Arguments("getattr", ["obj", "name", "default"], required: 2, args, kwargs)
            let name = try (a.values["name"] ?? .none).asString(what: "getattr(): attribute name")
            do { return try interp.getAttribute(a.values["obj"] ?? .none, name) } catch let e as LangError where e.type == "AttributeError" {
                if let d = a.values["default"] { return d }
                throw e
            }
        }
        define("setattr") { args, kwargs, interp in
            let a = try Arguments("setattr", ["obj", "name", "value"], required: 3, args, kwargs)
            try interp.setAttribute(a.values["obj"] ?? .none, try (a.values["name"] ?? .none).asString(), a.values["value"] ?? .none)
            return .none
        }
        define("iter") { args, kwargs, interp in
            let a = try Arguments("iter", ["object"], required: 1, args, kwargs)
            return .object(ListIterator(try interp.iterate(a.values["object"] ?? .none)))
        }
        define("next") { args, kwargs, interp in
            let a = try Arguments("next", ["iterator", "default"], required: 1, args, kwargs)
            guard case .object(let o) = a.values["iterator"] ?? .none, let it = o as? ListIterator else {
                throw LangError.typeError("'\((a.values["iterator"] ?? .none).typeName)' object is not an iterator")
            }
            if it.position < it.items.count { it.position += 1; return it.items[it.position - 1] }
            if let d = a.values["default"] { return d }
            throw LangError("StopIteration", "")
        }
        define("any") { args, kwargs, interp in
            let a = try Arguments("any", ["iterable"], required: 1, args, kwargs)
            for v in try interp.iterate(a.values["iterable"] ?? .none) where try interp.truthy(v) { return .bool(true) }
            return .bool(false)
        }
        define("all") { args, kwargs, interp in
            let a = try Arguments("all", ["iterable"], required: 1, args, kwargs)
            for v in try interp.iterate(a.values["iterable"] ?? .none) where !(try interp.truthy(v)) { return .bool(false) }
            return .bool(true)
        }
        define("divmod") { args, kwargs, interp in
            let a = try Arguments("divmod", ["x", "y"], required: 2, args, kwargs)
            let x = a.values["x"] ?? .none, y = a.values["y"] ?? .none
            return .tuple([try interp.binary(.floorDiv, x, y), try interp.binary(.mod, x, y)])
        }
        define("pow") { args, kwargs, interp in
            let a = try Arguments("pow", ["base", "exp"], required: 2, args, kwargs)
            return try interp.binary(.pow, a.values["base"] ?? .none, a.values["exp"] ?? .none)
        }
        define("chr") { args, kwargs, _ in
            let a = try Arguments("chr", ["i"], required: 1, args, kwargs)
            guard let s = Unicode.Scalar(UInt32(clamping: try a.int("i"))) else { throw LangError.valueError("chr() arg not in range(0x110000)") }
            return .str(String(Character(s)))
        }
        define("ord") { args, kwargs, _ in
            let a = try Arguments("ord", ["c"], required: 1, args, kwargs)
            let s = try (a.values["c"] ?? .none).asString(what: "ord() argument")
            guard s.unicodeScalars.count == 1, let u = s.unicodeScalars.first else {
                throw LangError.typeError("ord() expected a character, but string of length \(s.count) found")
            }
            return .int(Int64(u.value))
        }
        define("id") { args, _, interp in .int(Int64(truncatingIfNeeded: (args.first.map { interp.identity($0) }) ?? 0)) }
        define("callable") { args, _, _ in
            switch args.first ?? .none {
            case .function, .builtin, .class, .boundMethod: return .bool(true)
            case .object(let o): return .bool(o is BuiltinType || o.typeName == "type")
            case .instance(let i): return .bool(i.cls.lookup("__call__") != nil || i.cls.lookup("forward") != nil)
            default: return .bool(false)
            }
        }
        define("input") { _, _, _ in
            throw LangError("RuntimeError", "input() is not available in Unroll", hint: "Assign the value in code instead.")
        }
        for name in ["eval", "exec", "open", "compile", "globals", "locals", "vars"] {
            define(name) { _, _, _ in
                throw LangError("NotImplementedError", "\(name)() is not supported in Unroll", hint: "Unroll runs a PyTorch-flavoured subset of Python; see :help.")
            }
        }
        define("help") { args, _, interp in
            interp.output(interp.helpText(args.first))
            return .none
        }
        define("dir") { args, _, interp in
            guard let v = args.first else { return .makeList(interp.globalOrder.sorted().map { .str($0) }) }
            return .makeList(interp.attributeNames(of: v).sorted().map { .str($0) })
        }
        installExitBuiltins()
        builtins["object"] = .object(BuiltinType("object", matches: { _ in true }) { _, _, _ in .none })
    }

    func identity(_ v: Value) -> Int {
        switch v {
        case .list(let o): return ObjectIdentifier(o).hashValue
        case .dict(let o): return ObjectIdentifier(o).hashValue
        case .object(let o): return ObjectIdentifier(o).hashValue
        case .instance(let o): return ObjectIdentifier(o).hashValue
        default: return (try? HashKey(v).hashValue) ?? 0
        }
    }

    func toInt(_ v: Value, base: Int = 10) throws -> Value {
        switch v {
        case .int: return v
        case .bool(let b): return .int(b ? 1 : 0)
        case .float(let d):
            guard d.isFinite else { throw LangError(d.isNaN ? "ValueError" : "OverflowError", d.isNaN ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer") }
            guard let i = Int64(exactly: d.rounded(.towardZero)) else { throw overflow() }
            return .int(i)
        case .str(let s):
            let t = s.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
            guard (2...36).contains(base), let i = Int64(t, radix: base) else {
                throw LangError.valueError("invalid literal for int() with base \(base): \(pythonStringRepr(s))")
            }
            return .int(i)
        case .object(let o):
            if let d = try o.toDouble(self) { return try toInt(.float(d)) }
        default: break
        }
        throw LangError.typeError("int() argument must be a string, a bytes-like object or a real number, not '\(v.typeName)'")
    }

    func toDouble(_ v: Value) throws -> Double {
        switch v {
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        case .float(let d): return d
        case .str(let s):
            let t = s.trimmingCharacters(in: .whitespaces).lowercased()
            switch t {
            case "inf", "+inf", "infinity": return .infinity
            case "-inf", "-infinity": return -.infinity
            case "nan", "+nan", "-nan": return .nan
            default:
                if let d = Double(t.replacingOccurrences(of: "_", with: "")) { return d }
                throw LangError.valueError("could not convert string to float: \(pythonStringRepr(s))")
            }
        case .object(let o): if let d = try o.toDouble(self) { return d }
        default: break
        }
        throw LangError.typeError("float() argument must be a string or a real number, not '\(v.typeName)'")
    }

    private func extreme(_ name: String, _ args: [Value], _ kwargs: [(String, Value)], wantMax: Bool) throws -> Value {
        let a = try Arguments(name, ["key", "default"], variadic: true, keywordOnly: ["key", "default"], args, kwargs)
        let items = a.rest.count == 1 ? try iterate(a.rest[0]) : a.rest
        if a.rest.isEmpty { throw LangError.typeError("\(name) expected at least 1 argument, got 0") }
        guard var best = items.first else {
            if let d = a.values["default"] { return d }
            throw LangError.valueError("\(name)() iterable argument is empty")
        }
        let key = a["key"]
        var bestKey = try key.map { try call($0, [best], []) } ?? best
        for v in items.dropFirst() {
            let k = try key.map { try call($0, [v], []) } ?? v
            let better = try truthy(try binary(wantMax ? .gt : .lt, k, bestKey))
            if better { best = v; bestKey = k }
        }
        return best
    }

    func sortValues(_ items: [Value], key: Value?, reverse: Bool) throws -> [Value] {
        let keys = try items.map { v in try key.map { try call($0, [v], []) } ?? v }
        var failure: Error?
        let order = Array(items.indices).sorted { i, j in
            if failure != nil { return false }
            do {
                let less = try truthy(try binary(.lt, reverse ? keys[j] : keys[i], reverse ? keys[i] : keys[j]))
                return less
            } catch { failure = error; return false }
        }
        if let f = failure { throw f }
        // Swift's sort is not stable; restore stability for equal keys by index order.
        var result = order
        var i = 0
        while i < result.count {
            var j = i + 1
            while j < result.count, !(try truthy(try binary(.lt, keys[result[i]], keys[result[j]]))),
                  !(try truthy(try binary(.lt, keys[result[j]], keys[result[i]]))) { j += 1 }
            result[i..<j].sort()
            i = j
        }
        return result.map { items[$0] }
    }

    func isInstance(_ v: Value, _ classInfo: Value) throws -> Bool {
        switch classInfo {
        case .tuple(let options):
            for o in options where try isInstance(v, o) { return true }
            return false
        case .class(let cls):
            if case .instance(let inst) = v { return inst.cls.isSubclass(of: cls) }
            return false
        case .object(let o):
            if case .instance(let inst) = v, let host = o as? any HostClass, let mine = inst.cls.hostBase {
                return mine === host || (inst.backing.flatMap { host.isInstance(.object($0)) } ?? false)
            }
            if let r = o.isInstance(v) { return r }
        default: break
        }
        throw LangError.typeError("isinstance() arg 2 must be a type, a tuple of types, or a union")
    }
}

/// Python's round(x, n): correctly rounded half-to-even on the decimal value, via string formatting.
func pythonRound(_ d: Double, _ digits: Int) -> Double {
    guard d.isFinite else { return d }
    if digits > 300 { return d }
    if digits < -308 { return 0 }
    if digits >= 0 {
        let text = String(format: "%.\(digits)f", d)
        return Double(text) ?? d
    }
    let scale = Foundation.pow(10.0, Double(-digits))
    return (d / scale).rounded(.toNearestOrEven) * scale
}

/// What `iter(x)` returns: a cursor over the materialized elements.
final class ListIterator: HostObject {
    let items: [Value]
    var position = 0
    init(_ items: [Value]) { self.items = items }
    var typeName: String { "list_iterator" }
    func repr(_ interp: Interpreter) throws -> String { "<list_iterator object at \(interp.address(self))>" }
    func iterate(_ interp: Interpreter) throws -> [Value]? {
        let rest = Array(items[position...])
        position = items.count
        return rest
    }
}
