// Python-style argument binding for Swift functions: positional/keyword, with Python's error wording.

/// The bound arguments of one call, looked up by parameter name.
public struct Arguments {
    public let function: String
    public let values: [String: Value]
    /// Extra positional arguments when the signature accepts `*args` (e.g. `torch.zeros(2, 3)`).
    public let rest: [Value]

    /// Binds `args`/`kwargs` to `parameters` (the first `required` are mandatory). With `variadic`, extra
    /// positionals go to `rest` instead of raising `takes N positional arguments but M were given`.
    public init(_ function: String, _ parameters: [String], required: Int = 0, variadic: Bool = false,
                keywordOnly: Set<String> = [], _ args: [Value], _ kwargs: [(String, Value)]) throws {
        self.function = function
        var values: [String: Value] = [:]
        let positional = parameters.filter { !keywordOnly.contains($0) }
        var rest: [Value] = []
        if variadic {
            rest = args
        } else {
            if args.count > positional.count {
                let takes = required == positional.count ? "\(positional.count)" : "from \(required) to \(positional.count)"
                throw LangError.typeError("\(function)() takes \(takes) positional argument\(positional.count == 1 ? "" : "s") but \(args.count) \(args.count == 1 ? "was" : "were") given")
            }
            for (p, v) in zip(positional, args) { values[p] = v }
        }
        for (name, v) in kwargs {
            guard parameters.contains(name) else {
                throw LangError.typeError("\(function)() got an unexpected keyword argument '\(name)'")
            }
            if values[name] != nil { throw LangError.typeError("\(function)() got multiple values for argument '\(name)'") }
            values[name] = v
        }
        if !variadic {
            let missing = parameters.prefix(required).filter { values[$0] == nil }
            if !missing.isEmpty {
                let quoted = missing.map { "'\($0)'" }
                let list = quoted.count == 1 ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " and " + (quoted.last ?? "")
                throw LangError.typeError("\(function)() missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(list)")
            }
        }
        self.values = values
        self.rest = rest
    }

    public subscript(_ name: String) -> Value? {
        if let v = values[name], !v.isNone { return v }
        return nil
    }

    public func int(_ name: String, default d: Int? = nil) throws -> Int {
        guard let v = self[name] else {
            if let d { return d }
            throw LangError.typeError("\(function)() missing required argument '\(name)'")
        }
        return try v.asInt(what: "\(function)(): argument '\(name)'")
    }

    public func double(_ name: String, default d: Double? = nil) throws -> Double {
        guard let v = self[name] else {
            if let d { return d }
            throw LangError.typeError("\(function)() missing required argument '\(name)'")
        }
        return try v.asDouble(what: "\(function)(): argument '\(name)'")
    }

    public func bool(_ name: String, default d: Bool) throws -> Bool {
        guard let v = self[name] else { return d }
        switch v {
        case .bool(let b): return b
        case .int(let i): return i != 0
        default: throw LangError.typeError("\(function)(): argument '\(name)' must be bool, not \(v.typeName)")
        }
    }
}

extension Value {
    /// An int for Swift (bools count, floats do not — as Python's `__index__`).
    public func asInt(what: String = "argument") throws -> Int {
        switch self {
        case .int(let i):
            guard let v = Int(exactly: i) else { throw LangError("OverflowError", "Python int too large to convert to C long") }
            return v
        case .bool(let b): return b ? 1 : 0
        case .object(let o):
            // numpy's integer scalars have `__index__`; its float scalars, like Python floats, do not.
            if let number = try o.numberValue(), case .int = number { return try number.asInt(what: what) }
            throw LangError.typeError("\(what) must be int, not \(typeName)")
        default: throw LangError.typeError("\(what) must be int, not \(typeName)")
        }
    }

    public func asDouble(what: String = "argument") throws -> Double {
        switch self {
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        case .float(let d): return d
        case .object(let o):
            if let number = try o.numberValue() { return try number.asDouble(what: what) }
            throw LangError.typeError("\(what) must be float, not \(typeName)")
        default: throw LangError.typeError("\(what) must be float, not \(typeName)")
        }
    }

    public func asString(what: String = "argument") throws -> String {
        guard case .str(let s) = self else { throw LangError.typeError("\(what) must be str, not \(typeName)") }
        return s
    }
}
