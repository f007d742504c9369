// Python subscripts on built-in values: indices, slices, item get/set, delegating to host objects.

extension Interpreter {
    func normalizedIndex(_ key: Value, count: Int, what: String) throws -> Int {
        let i: Int64
        switch key {
        case .int(let v): i = v
        case .bool(let b): i = b ? 1 : 0
        case .object(let o):
            guard let d = try o.toDouble(self), d.rounded() == d, let v = Int64(exactly: d) else { fallthrough }
            i = v
        default:
            let kind = what.hasPrefix("list") ? "list" : (what.hasPrefix("tuple") ? "tuple" : "string")
            throw LangError.typeError("\(kind) indices must be integers or slices, not \(key.typeName)")
        }
        let n = Int64(count)
        let j = i < 0 ? i + n : i
        guard j >= 0 && j < n else { throw LangError("IndexError", "\(what) index out of range") }
        return Int(j)
    }

    func sliceIndices(_ key: Value, count: Int) throws -> [Int] {
        guard case .slice(let a, let b, let c) = key else { return [] }
        func int(_ v: Value) throws -> Int64? {
            switch v {
            case .none: return nil
            case .int(let i): return i
            case .bool(let x): return x ? 1 : 0
            case .object(let o):
                if let number = try o.numberValue(), case .int(let i) = number { return Int64(i) }
                throw LangError.typeError("slice indices must be integers or None or have an __index__ method")
            default: throw LangError.typeError("slice indices must be integers or None or have an __index__ method")
            }
        }
        let step = try int(c) ?? 1
        if step == 0 { throw LangError.valueError("slice step cannot be zero") }
        let n = Int64(count)
        func clamp(_ v: Int64?, _ defaultValue: Int64) -> Int64 {
            guard var x = v else { return defaultValue }
            if x < 0 { x += n }
            if step > 0 { return min(max(x, 0), n) }
            return min(max(x, -1), n - 1)
        }
        let start = clamp(try int(a), step > 0 ? 0 : n - 1)
        let stop = clamp(try int(b), step > 0 ? n : -1)
        var out: [Int] = []
        var i = start
        while step > 0 ? i < stop : i > stop {
            out.append(Int(i))
            let (next, overflow) = i.addingReportingOverflow(step)
            if overflow { break }
            i = next
        }
        return out
    }

    func getItem(_ object: Value, _ key: Value) throws -> Value {
        switch object {
        case .list(let l):
            if case .slice = key { return .makeList(try sliceIndices(key, count: l.items.count).map { l.items[$0] }) }
            return l.items[try normalizedIndex(key, count: l.items.count, what: "list")]
        case .tuple(let t):
            if case .slice = key { return .tuple(try sliceIndices(key, count: t.count).map { t[$0] }) }
            return t[try normalizedIndex(key, count: t.count, what: "tuple")]
        case .str(let s):
            let chars = Array(s)
            if case .slice = key { return .str(String(try sliceIndices(key, count: chars.count).map { chars[$0] })) }
            return .str(String(chars[try normalizedIndex(key, count: chars.count, what: "string")]))
        case .dict(let d):
            guard let v = try d.get(key) else { throw LangError("KeyError", try repr(key)) }
            return v
        case .range:
            let items = try iterate(object)
            if case .slice = key { return .makeList(try sliceIndices(key, count: items.count).map { items[$0] }) }
            return items[try normalizedIndex(key, count: items.count, what: "range object")]
        case .object(let o):
            if let v = try o.getItem(key, self) { return v }
        case .instance(let inst):
            if inst.cls.lookup("__getitem__") != nil { return try callMethod(object, "__getitem__", [key], []) }
            if let b = inst.backing, let v = try b.getItem(key, self) { return v }
        default: break
        }
        throw LangError.typeError("'\(object.typeName)' object is not subscriptable")
    }

    func setItem(_ object: Value, _ key: Value, _ value: Value) throws {
        switch object {
        case .list(let l):
            if case .slice = key {
                let indices = try sliceIndices(key, count: l.items.count)
                let replacement = try iterate(value)
                if case .slice(_, _, let step) = key, !step.isNone, !(try equal(step, .int(1))) {
                    guard indices.count == replacement.count else {
                        throw LangError.valueError("attempt to assign sequence of size \(replacement.count) to extended slice of size \(indices.count)")
                    }
                    for (i, v) in zip(indices, replacement) { l.items[i] = v }
                    return
                }
                let startGuess = try sliceStart(key, l.items.count)
                let lo = indices.first ?? min(l.items.count, max(0, startGuess))
                let hi = indices.last.map { $0 + 1 } ?? lo
                l.items.replaceSubrange(lo..<hi, with: replacement)
                return
            }
            l.items[try normalizedIndex(key, count: l.items.count, what: "list assignment")] = value
        case .dict(let d): try d.set(key, value)
        case .object(let o):
            if try o.setItem(key, value, self) { return }
            throw LangError.typeError("'\(object.typeName)' object does not support item assignment")
        case .instance(let inst):
            if inst.cls.lookup("__setitem__") != nil { _ = try callMethod(object, "__setitem__", [key, value], []); return }
            if let b = inst.backing, try b.setItem(key, value, self) { return }
            throw LangError.typeError("'\(object.typeName)' object does not support item assignment")
        default:
            throw LangError.typeError("'\(object.typeName)' object does not support item assignment")
        }
    }

    private func sliceStart(_ key: Value, _ count: Int) throws -> Int {
        guard case .slice(let a, _, _) = key, case .int(let i) = a else { return 0 }
        return Int(i < 0 ? max(0, Int64(count) + i) : i)
    }
}
