// Methods of the builtin types course code uses: str, list, dict (and tuple's count/index).
import Foundation

extension Interpreter {
    func builtinMethodNames(_ v: Value) -> [String] {
        switch v {
        case .str: return ["format", "join", "split", "upper", "lower", "startswith", "endswith", "replace", "strip",
                           "lstrip", "rstrip", "find", "count", "title", "capitalize", "isdigit", "isalpha", "center", "ljust", "rjust", "zfill", "splitlines"]
        case .list: return ["append", "extend", "pop", "insert", "index", "sort", "reverse", "remove", "clear", "copy", "count"]
        case .dict: return ["items", "keys", "values", "get", "pop", "update", "setdefault", "clear", "copy"]
        case .tuple: return ["count", "index"]
        case .float: return ["is_integer"]
        default: return []
        }
    }

    func attributeNames(of v: Value) -> [String] {
        switch v {
        case .object(let o): return o.attributeNames
        case .module(let ns): return ns.listedNames
        case .instance(let inst):
            return Array(inst.attributes.keys) + inst.cls.mro.flatMap { $0.members.keys }.filter { !$0.hasPrefix("__") } + (inst.backing?.attributeNames ?? [])
        case .class(let c): return c.mro.flatMap { $0.members.keys }
        default: return builtinMethodNames(v)
        }
    }

    func builtinMethod(_ receiver: Value, _ name: String) -> Builtin? {
        let qualified = "\(receiver.typeName).\(name)"
        switch receiver {
        case .str(let s): return stringMethod(s, name, qualified)
        case .list(let l): return listMethod(l, name, qualified)
        case .dict(let d): return dictMethod(d, name, qualified)
        case .tuple(let t):
            switch name {
            case "count": return Builtin(qualified) { args, _, interp in .int(Int64(try t.filter { try interp.equal($0, args.first ?? .none) }.count)) }
            case "index":
                return Builtin(qualified) { args, _, interp in
                    for (i, v) in t.enumerated() where try interp.equal(v, args.first ?? .none) { return .int(Int64(i)) }
                    throw LangError.valueError("tuple.index(x): x not in tuple")
                }
            default: return nil
            }
        case .float(let d):
            if name == "is_integer" { return Builtin(qualified) { _, _, _ in .bool(d.rounded() == d) } }
            return nil
        default: return nil
        }
    }

    private func stringMethod(_ s: String, _ name: String, _ q: String) -> Builtin? {
        func one(_ body: @escaping ([Value]) throws -> Value) -> Builtin { Builtin(q) { args, _, _ in try body(args) } }
        switch name {
        case "upper": return one { _ in .str(s.uppercased()) }
        case "lower": return one { _ in .str(s.lowercased()) }
        case "title": return one { _ in .str(s.capitalized) }
        case "capitalize": return one { _ in .str(s.prefix(1).uppercased() + s.dropFirst().lowercased()) }
        case "isdigit": return one { _ in .bool(!s.isEmpty && s.allSatisfy(\.isNumber)) }
        case "isalpha": return one { _ in .bool(!s.isEmpty && s.allSatisfy(\.isLetter)) }
        case "strip", "lstrip", "rstrip":
            return one { args in
                let set = try args.first.flatMap { $0.isNone ? nil : try $0.asString() }.map { CharacterSet(charactersIn: $0) } ?? .whitespacesAndNewlines
                var t = Substring(s)
                if name != "rstrip" { while let c = t.first, c.unicodeScalars.allSatisfy(set.contains) { t = t.dropFirst() } }
                if name != "lstrip" { while let c = t.last, c.unicodeScalars.allSatisfy(set.contains) { t = t.dropLast() } }
                return .str(String(t))
            }
        case "startswith", "endswith":
            return one { args in
                let options: [Value]
                if case .tuple(let t)? = args.first { options = t } else { options = [args.first ?? .none] }
                for o in options {
                    let p = try o.asString(what: "\(name) first arg")
                    if name == "startswith" ? s.hasPrefix(p) : s.hasSuffix(p) { return .bool(true) }
                }
                return .bool(false)
            }
        case "replace":
            return one { args in
                guard args.count >= 2 else { throw LangError.typeError("replace expected at least 2 arguments, got \(args.count)") }
                return .str(s.replacingOccurrences(of: try args[0].asString(), with: try args[1].asString()))
            }
        case "split":
            return Builtin(q) { args, kwargs, _ in
                let a = try Arguments(q, ["sep", "maxsplit"], args, kwargs)
                let maxSplit = try a.int("maxsplit", default: -1)
                if let sepValue = a["sep"] {
                    let sep = try sepValue.asString()
                    if sep.isEmpty { throw LangError.valueError("empty separator") }
                    var parts = s.components(separatedBy: sep)
                    if maxSplit >= 0 && parts.count > maxSplit + 1 {
                        parts = Array(parts.prefix(maxSplit)) + [parts.dropFirst(maxSplit).joined(separator: sep)]
                    }
                    return .makeList(parts.map { .str($0) })
                }
                return .makeList(s.split(whereSeparator: { $0.isWhitespace }).map { .str(String($0)) })
            }
        case "splitlines": return one { _ in .makeList(s.split(separator: "\n", omittingEmptySubsequences: false).map { .str(String($0)) }) }
        case "join":
            return Builtin(q) { args, _, interp in
                guard let iterable = args.first else { throw LangError.typeError("str.join() takes exactly one argument (0 given)") }
                let parts = try interp.iterate(iterable).enumerated().map { (i, v) -> String in
                    guard case .str(let t) = v else {
                        throw LangError.typeError("sequence item \(i): expected str instance, \(v.typeName) found")
                    }
                    return t
                }
                return .str(parts.joined(separator: s))
            }
        case "find", "index":
            return one { args in
                let sub = try (args.first ?? .none).asString()
                guard let r = s.range(of: sub) else {
                    if name == "index" { throw LangError.valueError("substring not found") }
                    return .int(-1)
                }
                return .int(Int64(s.distance(from: s.startIndex, to: r.lowerBound)))
            }
        case "count": return one { args in
            let sub = try (args.first ?? .none).asString()
            return .int(Int64(sub.isEmpty ? s.count + 1 : s.components(separatedBy: sub).count - 1))
        }
        case "center", "ljust", "rjust", "zfill":
            return one { args in
                let w = try (args.first ?? .none).asInt()
                let fill = try args.count > 1 ? (try args[1].asString()).first ?? " " : (name == "zfill" ? "0" : " ")
                let pad = max(0, w - s.count)
                switch name {
                case "ljust": return .str(s + String(repeating: fill, count: pad))
                case "center":
                    let left = pad / 2 + (pad % 2 == 1 && s.count % 2 == 1 ? 1 : 0)
                    return .str(String(repeating: fill, count: left) + s + String(repeating: fill, count: pad - left))
                default: return .str(String(repeating: fill, count: pad) + s)
                }
            }
        case "format":
            return Builtin(q) { args, kwargs, interp in .str(try interp.strFormat(s, args, kwargs)) }
        default: return nil
        }
    }

    private func listMethod(_ l: ListBox, _ name: String, _ q: String) -> Builtin? {
        switch name {
        case "append":
            return Builtin(q) { args, _, _ in
                guard args.count == 1 else { throw LangError.typeError("list.append() takes exactly one argument (\(args.count) given)") }
                l.items.append(args[0]); return .none
            }
        case "extend": return Builtin(q) { args, _, interp in l.items.append(contentsOf: try interp.iterate(args.first ?? .none)); return .none }
        case "insert":
            return Builtin(q) { args, _, _ in
                guard args.count == 2 else { throw LangError.typeError("insert expected 2 arguments, got \(args.count)") }
                var i = try args[0].asInt()
                if i < 0 { i += l.items.count }
                l.items.insert(args[1], at: min(max(i, 0), l.items.count)); return .none
            }
        case "pop":
            return Builtin(q) { args, _, interp in
                if l.items.isEmpty { throw LangError("IndexError", "pop from empty list") }
                let i = try args.first.map { try interp.normalizedIndex($0, count: l.items.count, what: "pop") } ?? l.items.count - 1
                return l.items.remove(at: i)
            }
        case "index":
            return Builtin(q) { args, _, interp in
                for (i, v) in l.items.enumerated() where try interp.equal(v, args.first ?? .none) { return .int(Int64(i)) }
                throw LangError.valueError("\(try interp.repr(args.first ?? .none)) is not in list")
            }
        case "count": return Builtin(q) { args, _, interp in .int(Int64(try l.items.filter { try interp.equal($0, args.first ?? .none) }.count)) }
        case "remove":
            return Builtin(q) { args, _, interp in
                for (i, v) in l.items.enumerated() where try interp.equal(v, args.first ?? .none) { l.items.remove(at: i); return .none }
                throw LangError.valueError("list.remove(x): x not in list")
            }
        case "reverse": return Builtin(q) { _, _, _ in l.items.reverse(); return .none }
        case "clear": return Builtin(q) { _, _, _ in l.items.removeAll(); return .none }
        case "copy": return Builtin(q) { _, _, _ in .makeList(l.items) }
        case "sort":
            return Builtin(q) { args, kwargs, interp in
                let a = try Arguments(q, ["key", "reverse"], keywordOnly: ["key", "reverse"], args, kwargs)
                l.items = try interp.sortValues(l.items, key: a["key"], reverse: try a.bool("reverse", default: false))
                return .none
            }
        default: return nil
        }
    }

    private func dictMethod(_ d: DictBox, _ name: String, _ q: String) -> Builtin? {
        switch name {
        case "items": return Builtin(q) { _, _, _ in .makeList(zip(d.keys, d.values).map { .tuple([$0, $1]) }) }
        case "keys": return Builtin(q) { _, _, _ in .makeList(d.keys) }
        case "values": return Builtin(q) { _, _, _ in .makeList(d.values) }
        case "get": return Builtin(q) { args, _, _ in try d.get(args.first ?? .none) ?? (args.count > 1 ? args[1] : .none) }
        case "pop":
            return Builtin(q) { args, _, interp in
                if let v = try d.remove(args.first ?? .none) { return v }
                if args.count > 1 { return args[1] }
                throw LangError("KeyError", try interp.repr(args.first ?? .none))
            }
        case "setdefault":
            return Builtin(q) { args, _, _ in
                let k = args.first ?? .none
                if let v = try d.get(k) { return v }
                let v = args.count > 1 ? args[1] : .none
                try d.set(k, v)
                return v
            }
        case "update":
            return Builtin(q) { args, kwargs, interp in
                if case .dict(let o)? = args.first { for (k, v) in zip(o.keys, o.values) { try d.set(k, v) } }
                else if let src = args.first { for item in try interp.iterate(src) { let p = try interp.iterate(item); if p.count == 2 { try d.set(p[0], p[1]) } } }
                for (k, v) in kwargs { try d.set(.str(k), v) }
                return .none
            }
        case "clear": return Builtin(q) { _, _, _ in d.clear(); return .none }
        case "copy":
            return Builtin(q) { _, _, _ in
                let c = DictBox()
                for (k, v) in zip(d.keys, d.values) { try c.set(k, v) }
                return .dict(c)
            }
        default: return nil
        }
    }

    /// `"{} {:.2f} {name}".format(...)`.
    func strFormat(_ template: String, _ args: [Value], _ kwargs: [(String, Value)]) throws -> String {
        var out = ""
        var cs = Array(template)[...]
        var auto = 0
        while let c = cs.first {
            cs = cs.dropFirst()
            if c == "}" {
                if cs.first == "}" { cs = cs.dropFirst(); out.append("}"); continue }
                throw LangError.valueError("Single '}' encountered in format string")
            }
            if c != "{" { out.append(c); continue }
            if cs.first == "{" { cs = cs.dropFirst(); out.append("{"); continue }
            var field = ""
            while let d = cs.first, d != "}" { field.append(d); cs = cs.dropFirst() }
            guard cs.first == "}" else { throw LangError.valueError("expected '}' before end of string") }
            cs = cs.dropFirst()
            var spec = ""
            var conversion: Character?
            if let colon = field.firstIndex(of: ":") { spec = String(field[field.index(after: colon)...]); field = String(field[..<colon]) }
            if let bang = field.firstIndex(of: "!") { conversion = field[field.index(after: bang)...].first; field = String(field[..<bang]) }
            var parts = field.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            let head = parts.isEmpty ? "" : parts.removeFirst()
            var value: Value
            if head.isEmpty {
                guard auto < args.count else { throw LangError("IndexError", "Replacement index \(auto) out of range for positional args tuple") }
                value = args[auto]; auto += 1
            } else if let i = Int(head) {
                guard i < args.count else { throw LangError("IndexError", "Replacement index \(i) out of range for positional args tuple") }
                value = args[i]
            } else {
                guard let kv = kwargs.first(where: { $0.0 == head }) else { throw LangError("KeyError", pythonStringRepr(head)) }
                value = kv.1
            }
            for p in parts { value = try getAttribute(value, p) }
            switch conversion {
            case "r"?: value = .str(try repr(value))
            case "s"?: value = .str(try str(value))
            default: break
            }
            out += try format(value, spec: spec)
        }
        return out
    }

    func helpText(_ v: Value?) -> String {
        guard let v else {
            return "Unroll runs a PyTorch-flavoured subset of Python. Type code as in the course; meta-commands start with ':' (try :help).\n"
        }
        switch v {
        case .builtin(let b):
            // `torch.nn.functional.mse_loss` → function mse_loss in module torch.nn.functional; `len` is in builtins.
            let dot = b.name.lastIndex(of: ".")
            let name = dot.map { String(b.name[b.name.index(after: $0)...]) } ?? b.name
            let module = dot.map { String(b.name[..<$0]) } ?? "builtins"
            let keywords = b.keywordNames.isEmpty ? "" : "\n    keyword arguments: " + b.keywordNames.joined(separator: ", ")
            return "Help on built-in function \(name) in module \(module):\n\n\(name)(...)\(keywords)\n"
        case .function(let f):
            let parameters = zip(f.definition.parameters, f.defaults).map { p, d in
                d.map { "\(p.name)=\((try? repr($0)) ?? "...")" } ?? p.name
            }
            return "Help on function \(f.name) in module __main__:\n\n\(f.name)(\(parameters.joined(separator: ", ")))\n"
        case .object(is ModuleClass):
            return "Help on class Module in module torch.nn.modules.module:\n\n\(LayerDocs.moduleText)\n"
        case .object(let c as LayerClass):
            return "Help on class \(c.name) in module \(c.description.pythonModule):\n\n\(c.description.helpText)\n"
        case .module(let ns): return "Help on module \(ns.name):\n\n" + ns.listedNames.filter { !$0.hasPrefix("_") }.sorted().joined(separator: "\n") + "\n"
        case .class(let c): return "Help on class \(c.name):\n\n" + c.members.keys.sorted().joined(separator: "\n") + "\n"
        case .object(let m as ModuleObject):
            if let description = NNBinding.description(of: m.module) {
                let names = attributeNames(of: v).filter { !$0.hasPrefix("_") }.sorted()
                return "Help on \(description.name) in module \(description.pythonModule) object:\n\n\(description.helpText)\n\n"
                    + "attributes and methods: " + names.joined(separator: ", ") + "\n"
            }
            return "Help on \(m.module.typeName) object:\n\n" + attributeNames(of: v).filter { !$0.hasPrefix("_") }.sorted().joined(separator: "\n") + "\n"
        default:
            let names = attributeNames(of: v).filter { !$0.hasPrefix("_") }.sorted()
            return "Help on \(v.typeName) object:\n\n" + names.joined(separator: "\n") + "\n"
        }
    }
}
