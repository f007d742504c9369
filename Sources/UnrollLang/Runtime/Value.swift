// Runtime values of the language: Python's built-in types plus `.object` for Swift-backed host values.

/// A value in the language. Ints and floats are stored inline (no allocation per arithmetic op);
/// lists and dicts are reference boxes so aliasing behaves as in Python.
public enum Value {
    case none
    case bool(Bool)
    case int(Int64)
    case float(Double)
    case str(String)
    case list(ListBox)
    case tuple([Value])
    case dict(DictBox)
    case range(start: Int64, stop: Int64, step: Int64)
    indirect case slice(Value, Value, Value)
    case ellipsis
    case function(Function)
    case builtin(Builtin)
    case `class`(ClassObject)
    case instance(Instance)
    indirect case boundMethod(receiver: Value, function: Value)
    case module(Namespace)
    case object(any HostObject)

    /// Python's `type(x).__name__`.
    public var typeName: String {
        switch self {
        case .none: return "NoneType"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .str: return "str"
        case .list: return "list"
        case .tuple: return "tuple"
        case .dict: return "dict"
        case .range: return "range"
        case .slice: return "slice"
        case .ellipsis: return "ellipsis"
        case .function: return "function"
        case .builtin: return "builtin_function_or_method"
        case .class: return "type"
        case .instance(let i): return i.cls.name
        case .boundMethod: return "method"
        case .module: return "module"
        case .object(let o): return o.typeName
        }
    }

    /// The Python list of elements, for `list(...)` and friends.
    public static func makeList(_ items: [Value]) -> Value { .list(ListBox(items)) }

    public var isNone: Bool { if case .none = self { return true }; return false }
}

/// A mutable Python list.
public final class ListBox {
    public var items: [Value]
    public init(_ items: [Value]) { self.items = items }
}

/// A key usable in a Python dict: hashable values only.
public enum HashKey: Hashable {
    case none, int(Int64), float(Double), str(String), tuple([HashKey]), identity(ObjectIdentifier)

    /// Python hashing: `True == 1 == 1.0` share a key; unhashable types throw Python's TypeError.
    public init(_ value: Value) throws {
        switch value {
        case .none: self = .none
        case .bool(let b): self = .int(b ? 1 : 0)
        case .int(let i): self = .int(i)
        case .float(let d):
            if d.rounded() == d, let i = Int64(exactly: d) { self = .int(i) } else { self = .float(d) }
        case .str(let s): self = .str(s)
        case .tuple(let items): self = .tuple(try items.map(HashKey.init))
        case .list, .dict, .slice:
            throw LangError.typeError("unhashable type: '\(value.typeName)'")
        case .object(let o): self = .identity(ObjectIdentifier(o))
        case .instance(let i): self = .identity(ObjectIdentifier(i))
        case .class(let c): self = .identity(ObjectIdentifier(c))
        case .function(let f): self = .identity(ObjectIdentifier(f))
        case .builtin(let b): self = .identity(ObjectIdentifier(b))
        case .module(let m): self = .identity(ObjectIdentifier(m))
        case .range(let a, let b, let c): self = .tuple([.str("range"), .int(a), .int(b), .int(c)])
        case .ellipsis: self = .str("...Ellipsis")
        case .boundMethod: throw LangError.typeError("unhashable type: 'method'")
        }
    }
}

/// An insertion-ordered Python dict.
public final class DictBox {
    public private(set) var keys: [Value] = []
    public private(set) var values: [Value] = []
    private var positions: [HashKey: Int] = [:]
    public init() {}

    public var count: Int { keys.count }
    public func get(_ key: Value) throws -> Value? {
        guard let i = positions[try HashKey(key)] else { return nil }
        return values[i]
    }
    public func set(_ key: Value, _ value: Value) throws {
        let h = try HashKey(key)
        if let i = positions[h] { values[i] = value; return }
        positions[h] = keys.count
        keys.append(key)
        values.append(value)
    }
    @discardableResult
    public func remove(_ key: Value) throws -> Value? {
        let h = try HashKey(key)
        guard let i = positions.removeValue(forKey: h) else { return nil }
        let v = values[i]
        keys.remove(at: i)
        values.remove(at: i)
        for (k, p) in positions where p > i { positions[k] = p - 1 }
        return v
    }
    public func clear() { keys = []; values = []; positions = [:] }
}

/// A user function defined with `def`.
public final class Function {
    let definition: FunctionDefinition
    let defaults: [Value?]
    /// The class whose body defined this function (for zero-argument `super()`).
    var owner: ClassObject?
    /// Source lines of the input that defined it, for carets inside its body.
    var sourceLines: [Substring] = []
    public var name: String { definition.name }
    init(definition: FunctionDefinition, defaults: [Value?]) {
        self.definition = definition
        self.defaults = defaults
    }
}

/// A Swift-implemented callable (builtins and binding functions).
public final class Builtin {
    public let name: String
    /// Keyword parameter names offered by completion inside a call (`torch.zeros(2, dt` → `dtype=`).
    public let keywordNames: [String]
    public let body: (_ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value
    public init(_ name: String, keywords: [String] = [],
                _ body: @escaping (_ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value) {
        self.name = name
        self.keywordNames = keywords
        self.body = body
    }
}

/// A user class (`class Net(nn.Module):`).
public final class ClassObject {
    public let name: String
    public let bases: [ClassObject]
    /// The host class this class derives from, directly or through its bases (e.g. `nn.Module`).
    public let hostBase: (any HostClass)?
    public var members: [String: Value] = [:]
    /// The attribute shape a new instance starts with (see `AttributeShape`).
    let rootShape = AttributeShape()
    init(name: String, bases: [ClassObject], hostBase: (any HostClass)?) {
        self.name = name
        self.bases = bases
        self.hostBase = hostBase
    }
    /// Method resolution order: depth-first through bases (enough for single inheritance). Bases never
    /// change, so it is computed once.
    private(set) lazy var mro: [ClassObject] = {
        var out: [ClassObject] = [self]
        for b in bases { for c in b.mro where !out.contains(where: { $0 === c }) { out.append(c) } }
        return out
    }()
    func lookup(_ name: String) -> Value? {
        if let v = members[name] { return v }
        if bases.isEmpty { return nil }
        for c in mro.dropFirst() { if let v = c.members[name] { return v } }
        return nil
    }
    func isSubclass(of other: ClassObject) -> Bool { mro.contains { $0 === other } }
}

/// An instance of a user class. When the class derives from a host class, `backing` is the Swift
/// object the host class created for it (see `HostClass`).
public final class Instance {
    public let cls: ClassObject
    public var attributes: AttributeTable
    public var backing: (any HostObject)?
    init(cls: ClassObject) {
        self.cls = cls
        attributes = AttributeTable(shape: cls.rootShape)
    }

    /// Sets the attribute `expr` (an attribute expression) names on the instance itself.
    @inline(never)
    func setCachedAttribute(_ name: String, _ expr: Expr, _ value: Value) {
        attributes.set(name, value, cache: expr)
    }
}

/// A namespace: `torch`, `torch.nn`, or any module registered in `ModuleRegistry`.
public final class Namespace {
    public let name: String
    public var members: [String: Value]
    public init(_ name: String, members: [String: Value] = [:]) {
        self.name = name
        self.members = members
    }
    /// Adds a Swift function under `name` (a one-liner for binding tables).
    public func define(_ name: String, keywords: [String] = [],
                       _ body: @escaping (_ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value) {
        members[name] = .builtin(Builtin("\(self.name).\(name)", keywords: keywords, body))
    }
}
