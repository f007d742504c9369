// Calls, user classes (including subclasses of host classes), attribute lookup and super().

/// The object `super()` returns: attribute lookup starts after `start` in the instance's MRO.
final class SuperProxy: HostObject {
    let instance: Instance
    let start: ClassObject
    init(instance: Instance, start: ClassObject) {
        self.instance = instance
        self.start = start
    }
    var typeName: String { "super" }
    func repr(_ interp: Interpreter) throws -> String { "<super: <class '\(start.name)'>, <\(instance.cls.name) object>>" }
    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        let mro = instance.cls.mro
        let after = (mro.firstIndex { $0 === start } ?? 0) + 1
        for c in mro.dropFirst(after) {
            if let v = c.members[name] { return interp.bind(v, to: .instance(instance)) }
        }
        if let host = instance.cls.hostBase {
            if name == "__init__" {
                let inst = instance
                return .builtin(Builtin("__init__") { args, kwargs, interp in
                    try host.initialize(inst, args: args, kwargs: kwargs, interp)
                    return .none
                })
            }
            if let b = instance.backing, let v = try b.getAttribute(name, interp) { return v }
        }
        if name == "__init__" { return .builtin(Builtin("__init__") { _, _, _ in .none }) }
        return nil
    }
}

extension Interpreter {
    /// Calls any callable value with positional and keyword arguments.
    public func call(_ callee: Value, _ args: [Value], _ kwargs: [(String, Value)]) throws -> Value {
        switch callee {
        case .builtin(let b):
            // Tensor work happens in builtins, so a long op sequence also stops promptly on interrupt.
            if interruptFlag.isRaised { try checkInterrupt() }
            return try b.body(args, kwargs, self)
        case .function(let f): return try callFunction(f, args, kwargs)
        case .boundMethod(let receiver, let function): return try call(function, [receiver] + args, kwargs)
        case .class(let cls): return try instantiate(cls, args, kwargs)
        case .object(let o):
            if let v = try o.call(args, kwargs, self) { return v }
        case .instance(let inst):
            if inst.cls.lookup("__call__") != nil { return try callMethod(callee, "__call__", args, kwargs) }
            if let b = inst.backing, let v = try b.call(args, kwargs, self) { return v }
            if inst.cls.lookup("forward") != nil { return try callMethod(callee, "forward", args, kwargs) }
        default: break
        }
        throw LangError.typeError("'\(callee.typeName)' object is not callable")
    }

    /// Looks up `name` on `receiver` and calls it (used by host classes to run a user's `forward`).
    public func callMethod(_ receiver: Value, _ name: String, _ args: [Value], _ kwargs: [(String, Value)]) throws -> Value {
        try call(try getAttribute(receiver, name), args, kwargs)
    }

    func bind(_ member: Value, to receiver: Value) -> Value {
        switch member {
        case .function, .builtin: return .boundMethod(receiver: receiver, function: member)
        default: return member
        }
    }

    func callFunction(_ f: Function, _ args: [Value], _ kwargs: [(String, Value)]) throws -> Value {
        let parameters = f.definition.parameters
        let frame = Frame(function: f, isModule: false)
        if args.count > parameters.count {
            let required = parameters.filter { $0.defaultValue == nil }.count
            let takes = required == parameters.count ? "\(parameters.count)" : "from \(required) to \(parameters.count)"
            let noun = parameters.count == 1 && required == parameters.count ? "argument" : "arguments"
            throw LangError.typeError("\(f.name)() takes \(takes) positional \(noun) but \(args.count) \(args.count == 1 ? "was" : "were") given")
        }
        // Arguments go straight into the parameters' slots (no name hashing per call).
        let slots = f.definition.parameterSlots
        for (i, v) in args.enumerated() { frame.setParameter(slots[i], parameters[i].name, v) }
        for (name, v) in kwargs {
            guard let i = parameters.firstIndex(where: { $0.name == name }) else {
                throw LangError.typeError("\(f.name)() got an unexpected keyword argument '\(name)'")
            }
            if i < args.count { throw LangError.typeError("\(f.name)() got multiple values for argument '\(name)'") }
            frame.setParameter(slots[i], name, v)
        }
        var missing: [String] = []
        if args.count < parameters.count {
            for i in args.count..<parameters.count where frame.parameter(slots[i], parameters[i].name) == nil {
                if let d = f.defaults[i] ?? nil { frame.setParameter(slots[i], parameters[i].name, d) } else { missing.append(parameters[i].name) }
            }
        }
        if !missing.isEmpty {
            let quoted = missing.map { "'\($0)'" }
            let list = quoted.count == 1 ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " and " + (quoted.last ?? "")
            throw LangError.typeError("\(f.name)() missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(list)")
        }
        callDepth += 1
        defer { callDepth -= 1 }
        if callDepth > recursionLimit { throw LangError("RecursionError", "maximum recursion depth exceeded") }
        let savedLines = sourceLines
        sourceLines = f.sourceLines
        defer { sourceLines = savedLines }
        if case .returned(let v) = try execBlock(f.definition.unretainedBody, frame) { return v }
        return .none
    }

    // MARK: classes

    func defineClass(_ name: String, _ baseExprs: [Expr], _ body: [Stmt], _ frame: Frame) throws {
        var bases: [ClassObject] = []
        var host: (any HostClass)?
        for e in baseExprs {
            let b = try eval(e, frame)
            switch b {
            case .class(let c):
                bases.append(c)
                if host == nil { host = c.hostBase }
            case .object(let o as any HostClass):
                host = o
            case .object(let o) where o.typeName == "type" || o.typeName == "object":
                break
            default:
                throw LangError.typeError("cannot subclass '\(b.typeName)' (base classes must be classes)")
            }
        }
        let cls = ClassObject(name: name, bases: bases, hostBase: host)
        let classFrame = Frame(function: nil, isModule: false)
        let flow = try execBlock(body, classFrame)
        if case .returned = flow { throw LangError.syntax("'return' outside function", body.first?.range) }
        for (k, v) in classFrame.locals {
            if case .function(let f) = v { f.owner = cls }
            cls.members[k] = v
        }
        assignName(name, .class(cls), frame)
    }

    func instantiate(_ cls: ClassObject, _ args: [Value], _ kwargs: [(String, Value)]) throws -> Value {
        let instance = Instance(cls: cls)
        if let host = cls.hostBase {
            instance.backing = try host.makeBacking(for: instance, className: cls.name, self)
        }
        let value = Value.instance(instance)
        if let initializer = cls.lookup("__init__") {
            let result = try call(initializer, [value] + args, kwargs)
            if !result.isNone { throw LangError.typeError("__init__() should return None, not '\(result.typeName)'") }
        } else if let host = cls.hostBase {
            try host.initialize(instance, args: args, kwargs: kwargs, self)
        } else if !args.isEmpty || !kwargs.isEmpty {
            throw LangError.typeError("\(cls.name)() takes no arguments")
        }
        return value
    }

    /// `super()` inside a method: finds the defining class and `self` from the current call.
    func makeSuper(_ args: [Value], _ frame: Frame) throws -> Value {
        if args.count == 2, case .class(let c) = args[0], case .instance(let inst) = args[1] {
            return .object(SuperProxy(instance: inst, start: c))
        }
        guard let f = frame.function, let owner = f.owner, let firstName = f.definition.parameters.first?.name,
              case .instance(let inst)? = frame.local(firstName) else {
            throw LangError("RuntimeError", "super(): no arguments")
        }
        return .object(SuperProxy(instance: inst, start: owner))
    }

    // MARK: attributes

    public func getAttribute(_ object: Value, _ name: String) throws -> Value {
        if case .instance(let inst) = object, let v = inst.attributes[name] { return v }
        return try getAttribute(object, name, instanceMissed: true)
    }

    /// `getAttribute` once the instance's own attributes are known not to hold `name` (an attribute
    /// expression's cache says so): class members, the host object behind it, builtin methods. The label
    /// states that precondition; it is always true.
    func getAttribute(_ object: Value, _ name: String, instanceMissed: Bool) throws -> Value {
        switch object {
        case .instance(let inst):
            if let v = inst.cls.lookup(name) { return bind(v, to: object) }
            if let b = inst.backing, let v = try b.getAttribute(name, self) { return v }
            if name == "__class__" { return .class(inst.cls) }
            throw attributeError(object, name, candidates: Array(inst.attributes.keys) + inst.cls.mro.flatMap { $0.members.keys } + (inst.backing?.attributeNames ?? []))
        case .class(let cls):
            if let v = cls.lookup(name) { return v }
            if name == "__name__" { return .str(cls.name) }
            throw LangError.attributeError("type object '\(cls.name)' has no attribute '\(name)'")
        case .module(let ns):
            if let v = ns.members[name] { return v }
            var hint: String?
            if let close = closestName(to: name, in: ns.listedNames) { hint = "Did you mean: '\(close)'?" }
            // Modules Unroll mirrors only in part (numpy, pandas) say so, naming what they have.
            if hint == nil, case .str(let subset)? = ns.members["__subset__"] {
                let names = ns.listedNames.filter { !$0.hasPrefix("_") }.sorted().joined(separator: ", ")
                hint = "\(ns.name).\(name) is not supported by Unroll; its \(subset) subset has: \(names)."
            }
            throw LangError.attributeError("module '\(ns.name)' has no attribute '\(name)'", hintless: hint)
        case .object(let o):
            if let v = try o.getAttribute(name, self) { return v }
            throw attributeError(object, name, candidates: o.attributeNames)
        default:
            if let method = builtinMethod(object, name) { return .builtin(method) }
            if name == "__class__" { return .str(object.typeName) }
            throw attributeError(object, name, candidates: builtinMethodNames(object))
        }
    }

    func attributeError(_ object: Value, _ name: String, candidates: [String]) -> LangError {
        var e = LangError.attributeError("'\(object.typeName)' object has no attribute '\(name)'")
        if let close = closestName(to: name, in: candidates) { e.hint = "Did you mean: '\(close)'?" }
        return e
    }

    public func setAttribute(_ object: Value, _ name: String, _ value: Value) throws {
        switch object {
        case .instance(let inst):
            if let b = inst.backing, try b.setAttribute(name, value, self) {
                inst.attributes.removeValue(forKey: name)
                return
            }
            inst.attributes[name] = value
        case .class(let cls): cls.members[name] = value
        case .module(let ns): ns.members[name] = value
        case .object(let o):
            if try o.setAttribute(name, value, self) { return }
            throw LangError.attributeError("'\(o.typeName)' object has no attribute '\(name)'")
        default:
            throw LangError.attributeError("'\(object.typeName)' object has no attribute '\(name)' and no __dict__ for setting new attributes")
        }
    }
}

extension LangError {
    static func attributeError(_ message: String, hintless hint: String?) -> LangError {
        LangError("AttributeError", message, hint: hint)
    }
}

/// The name Python would suggest in `Did you mean` (CPython's algorithm, see Suggestions).
func closestName(to name: String, in candidates: [String]) -> String? {
    Suggestions.closest(to: name, in: Set(candidates).filter { !$0.hasPrefix("__") }.sorted())
}
