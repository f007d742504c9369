// Python semantics of operators on built-in values, delegating to host objects where one is involved.
import Foundation

extension Interpreter {
    func truthy(_ v: Value) throws -> Bool {
        switch v {
        case .none: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .float(let d): return d != 0
        case .str(let s): return !s.isEmpty
        case .list(let l): return !l.items.isEmpty
        case .tuple(let t): return !t.isEmpty
        case .dict(let d): return d.count > 0
        case .range: return try length(v) > 0
        case .object(let o):
            if let b = try o.truthiness(self) { return b }
            if let n = try o.length(self) { return n > 0 }
            return true
        case .instance(let inst):
            if inst.cls.lookup("__bool__") != nil { return try truthy(try callMethod(v, "__bool__", [], [])) }
            if inst.cls.lookup("__len__") != nil { return try truthy(try callMethod(v, "__len__", [], [])) }
            if let b = inst.backing, let t = try b.truthiness(self) { return t }
            return true
        default: return true
        }
    }

    func length(_ v: Value) throws -> Int {
        switch v {
        case .str(let s): return s.count
        case .list(let l): return l.items.count
        case .tuple(let t): return t.count
        case .dict(let d): return d.count
        case .range(let a, let b, let s):
            let (span, overflow) = s > 0 ? b.subtractingReportingOverflow(a) : a.subtractingReportingOverflow(b)
            if overflow { throw LangError("OverflowError", "Python int too large to convert to C ssize_t") }
            if span <= 0 { return 0 }
            let stride = s > 0 ? s : (s == .min ? Int64.max : -s)
            return Int((span - 1) / stride + 1)
        case .object(let o): if let n = try o.length(self) { return n }
        case .instance(let inst):
            if inst.cls.lookup("__len__") != nil, case .int(let n) = try callMethod(v, "__len__", [], []) { return Int(n) }
            if let b = inst.backing, let n = try b.length(self) { return n }
        default: break
        }
        throw LangError.typeError("object of type '\(v.typeName)' has no len()")
    }

    /// The elements of an iterable, materialized (course loops are over modest collections).
    public func iterate(_ v: Value) throws -> [Value] {
        switch v {
        case .list(let l): return l.items
        case .tuple(let t): return t
        case .str(let s): return s.map { .str(String($0)) }
        case .dict(let d): return d.keys
        case .range(let a, let b, let s):
            let n = try length(v)
            if n > 10_000_000 { throw LangError("MemoryError", "range of \(n) elements is too large to materialize") }
            var out: [Value] = []
            out.reserveCapacity(n)
            var i = a
            for _ in 0..<n { out.append(.int(i)); i &+= s }
            return out
        case .object(let o): if let items = try o.iterate(self) { return items }
        case .instance(let inst):
            if let b = inst.backing, let items = try b.iterate(self) { return items }
        default: break
        }
        throw LangError.typeError("'\(v.typeName)' object is not iterable")
    }

    // MARK: arithmetic

    func unary(_ op: UnaryOperator, _ v: Value) throws -> Value {
        switch (op, v) {
        case (.neg, .int(let i)):
            guard i != .min else { throw overflow() }
            return .int(-i)
        case (.neg, .float(let d)): return .float(-d)
        case (.neg, .bool(let b)): return .int(b ? -1 : 0)
        case (.pos, .int), (.pos, .float): return v
        case (.pos, .bool(let b)): return .int(b ? 1 : 0)
        case (.invert, .int(let i)): return .int(~i)
        case (.invert, .bool(let b)): return .int(b ? -2 : -1)
        case (_, .object(let o)): if let r = try o.unary(op, self) { return r }
        case (_, .instance(let inst)): if let b = inst.backing, let r = try b.unary(op, self) { return r }
        default: break
        }
        throw LangError.typeError("bad operand type for unary \(op.rawValue): '\(v.typeName)'")
    }

    func overflow() -> LangError {
        LangError("OverflowError", "integer result too large", hint: "Unroll integers are 64-bit; use floats for huge numbers.")
    }

    /// Numeric view of bool/int/float for arithmetic.
    private enum Number { case int(Int64), float(Double) }
    private func number(_ v: Value) -> Number? {
        switch v {
        case .int(let i): return .int(i)
        case .bool(let b): return .int(b ? 1 : 0)
        case .float(let d): return .float(d)
        default: return nil
        }
    }

    func binary(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
        if let x = number(a), let y = number(b) {
            if case .int(let i) = x, case .int(let j) = y { return try intArithmetic(op, i, j) }
            let d1: Double, d2: Double
            switch x { case .int(let i): d1 = Double(i); case .float(let d): d1 = d }
            switch y { case .int(let i): d2 = Double(i); case .float(let d): d2 = d }
            return try floatArithmetic(op, d1, d2)
        }
        if case .object(let o) = a, let r = try o.binary(op, b, reflected: false, self) { return r }
        if case .object(let o) = b, let r = try o.binary(op, a, reflected: true, self) { return r }
        if case .instance(let inst) = a, let r = try instanceBinary(inst, a, op, b, reflected: false) { return r }
        if case .instance(let inst) = b, let r = try instanceBinary(inst, b, op, a, reflected: true) { return r }
        switch (op, a, b) {
        case (.add, .str(let x), .str(let y)): return .str(x + y)
        case (.add, .list(let x), .list(let y)): return .makeList(x.items + y.items)
        case (.add, .tuple(let x), .tuple(let y)): return .tuple(x + y)
        case (.mul, .str(let s), _), (.mul, _, .str(let s)):
            if let n = repeatCount(op, a, b) {
                guard n.multipliedReportingOverflow(by: s.count).overflow == false, n * s.count <= 10_000_000 else { throw LangError("MemoryError", "") }
                return .str(String(repeating: s, count: n))
            }
        case (.mul, .list(let l), _), (.mul, _, .list(let l)):
            if let n = repeatCount(op, a, b) {
                guard n.multipliedReportingOverflow(by: l.items.count).overflow == false, n * l.items.count <= 10_000_000 else { throw LangError("MemoryError", "") }
                return .makeList(Array([[Value]](repeating: l.items, count: n).joined()))
            }
        case (.mul, .tuple(let t), _), (.mul, _, .tuple(let t)):
            if let n = repeatCount(op, a, b) {
                guard n.multipliedReportingOverflow(by: t.count).overflow == false, n * t.count <= 10_000_000 else { throw LangError("MemoryError", "") }
                return .tuple(Array([[Value]](repeating: t, count: n).joined()))
            }
        case (.mod, .str(let s), _):
            return .str(try percentFormat(s, b))
        case (.eq, _, _): return .bool(try equal(a, b))
        case (.ne, _, _): return .bool(!(try equal(a, b)))
        case (.lt, _, _), (.le, _, _), (.gt, _, _), (.ge, _, _):
            if let c = try order(a, b) {
                switch op {
                case .lt: return .bool(c < 0)
                case .le: return .bool(c <= 0)
                case .gt: return .bool(c > 0)
                default: return .bool(c >= 0)
                }
            }
            throw LangError.typeError("'\(op.rawValue)' not supported between instances of '\(a.typeName)' and '\(b.typeName)'")
        default: break
        }
        if op == .eq { return .bool(try equal(a, b)) }
        if op == .ne { return .bool(!(try equal(a, b))) }
        throw LangError.typeError("unsupported operand type(s) for \(op.rawValue): '\(a.typeName)' and '\(b.typeName)'")
    }

    private func instanceBinary(_ inst: Instance, _ me: Value, _ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        let names: [BinaryOperator: String] = [.add: "add", .sub: "sub", .mul: "mul", .div: "truediv", .matmul: "matmul",
                                               .eq: "eq", .lt: "lt", .gt: "gt", .le: "le", .ge: "ge", .ne: "ne"]
        if let n = names[op] {
            let method = reflected ? "__r\(n)__" : "__\(n)__"
            if inst.cls.lookup(method) != nil { return try callMethod(me, method, [other], []) }
        }
        if let backing = inst.backing { return try backing.binary(op, other, reflected: reflected, self) }
        return nil
    }

    private func repeatCount(_ op: BinaryOperator, _ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.int(let n), _), (_, .int(let n)): return Int(max(0, n))
        case (.bool(let n), _), (_, .bool(let n)): return n ? 1 : 0
        default: return nil
        }
    }

    private func intArithmetic(_ op: BinaryOperator, _ x: Int64, _ y: Int64) throws -> Value {
        switch op {
        case .add: let (r, o) = x.addingReportingOverflow(y); if o { throw overflow() }; return .int(r)
        case .sub: let (r, o) = x.subtractingReportingOverflow(y); if o { throw overflow() }; return .int(r)
        case .mul: let (r, o) = x.multipliedReportingOverflow(by: y); if o { throw overflow() }; return .int(r)
        case .div:
            if y == 0 { throw LangError("ZeroDivisionError", "division by zero") }
            return .float(Double(x) / Double(y))
        case .floorDiv:
            if y == 0 { throw LangError("ZeroDivisionError", "integer division or modulo by zero") }
            if x == .min && y == -1 { throw overflow() }
            var q = x / y
            if (x % y != 0) && ((x < 0) != (y < 0)) { q -= 1 }
            return .int(q)
        case .mod:
            if y == 0 { throw LangError("ZeroDivisionError", "integer modulo by zero") }
            if y == -1 { return .int(0) }
            var r = x % y
            if r != 0 && ((r < 0) != (y < 0)) { r += y }
            return .int(r)
        case .pow:
            if y < 0 {
                if x == 0 { throw LangError("ZeroDivisionError", "0.0 cannot be raised to a negative power") }
                return .float(Foundation.pow(Double(x), Double(y)))
            }
            var result: Int64 = 1, base = x, e = y
            while e > 0 {
                if e & 1 == 1 { let (r, o) = result.multipliedReportingOverflow(by: base); if o { throw overflow() }; result = r }
                e >>= 1
                if e > 0 { let (b, o) = base.multipliedReportingOverflow(by: base); if o { throw overflow() }; base = b }
            }
            return .int(result)
        case .bitAnd: return .int(x & y)
        case .bitOr: return .int(x | y)
        case .bitXor: return .int(x ^ y)
        case .lshift:
            if y < 0 { throw LangError.valueError("negative shift count") }
            if y >= 63 || (x << y) >> y != x { throw overflow() }
            return .int(x << y)
        case .rshift:
            if y < 0 { throw LangError.valueError("negative shift count") }
            return .int(x >> min(y, 63))
        case .eq: return .bool(x == y)
        case .ne: return .bool(x != y)
        case .lt: return .bool(x < y)
        case .le: return .bool(x <= y)
        case .gt: return .bool(x > y)
        case .ge: return .bool(x >= y)
        case .matmul: throw LangError.typeError("unsupported operand type(s) for @: 'int' and 'int'")
        }
    }

    private func floatArithmetic(_ op: BinaryOperator, _ x: Double, _ y: Double) throws -> Value {
        switch op {
        case .add: return .float(x + y)
        case .sub: return .float(x - y)
        case .mul: return .float(x * y)
        case .div:
            if y == 0 { throw LangError("ZeroDivisionError", "float division by zero") }
            return .float(x / y)
        case .floorDiv:
            if y == 0 { throw LangError("ZeroDivisionError", "float floor division by zero") }
            return .float((x / y).rounded(.down))
        case .mod:
            if y == 0 { throw LangError("ZeroDivisionError", "float modulo") }
            var r = fmod(x, y)
            if r != 0 && ((r < 0) != (y < 0)) { r += y }
            return .float(r)
        case .pow:
            if x == 0 && y < 0 { throw LangError("ZeroDivisionError", "0.0 cannot be raised to a negative power") }
            if x < 0 && y.rounded() != y { throw LangError.valueError("complex results are not supported in Unroll") }
            let r = Foundation.pow(x, y)
            if r.isInfinite && x.isFinite && y.isFinite { throw LangError("OverflowError", "(34, 'Numerical result out of range')") }
            return .float(r)
        case .eq: return .bool(x == y)
        case .ne: return .bool(x != y)
        case .lt: return .bool(x < y)
        case .le: return .bool(x <= y)
        case .gt: return .bool(x > y)
        case .ge: return .bool(x >= y)
        default:
            throw LangError.typeError("unsupported operand type(s) for \(op.rawValue): 'float' and 'float'")
        }
    }

    // MARK: comparison

    func compare(_ op: CompareOperator, _ a: Value, _ b: Value) throws -> Value {
        switch op {
        case .binary(let bop): return try binary(bop, a, b)
        case .isSame: return .bool(identical(a, b))
        case .isNot: return .bool(!identical(a, b))
        case .isIn: return .bool(try contains(b, a))
        case .notIn: return .bool(!(try contains(b, a)))
        }
    }

    func identical(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.none, .none), (.ellipsis, .ellipsis): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.str(let x), .str(let y)): return x == y
        case (.list(let x), .list(let y)): return x === y
        case (.dict(let x), .dict(let y)): return x === y
        case (.object(let x), .object(let y)): return x === y
        case (.instance(let x), .instance(let y)): return x === y
        case (.class(let x), .class(let y)): return x === y
        case (.function(let x), .function(let y)): return x === y
        case (.builtin(let x), .builtin(let y)): return x === y
        case (.module(let x), .module(let y)): return x === y
        default: return false
        }
    }

    func contains(_ container: Value, _ item: Value) throws -> Bool {
        switch container {
        case .str(let s):
            guard case .str(let sub) = item else {
                throw LangError.typeError("'in <string>' requires string as left operand, not \(item.typeName)")
            }
            return sub.isEmpty || s.contains(sub)
        case .dict(let d): return try d.get(item) != nil
        case .range(let a, let b, let s):
            guard case .int(let i) = item else { return try iterate(container).contains { (try? equal($0, item)) ?? false } }
            if s > 0 { return i >= a && i < b && (i - a) % s == 0 }
            return i <= a && i > b && (a - i) % (-s) == 0
        default:
            for element in try iterate(container) where try equal(element, item) { return true }
            return false
        }
    }

    /// Python `==` on built-in values (host objects: identity unless their `binary(.eq)` answers a bool).
    func equal(_ a: Value, _ b: Value) throws -> Bool {
        if let x = number(a), let y = number(b) {
            switch (x, y) {
            case (.int(let i), .int(let j)): return i == j
            case (.int(let i), .float(let d)), (.float(let d), .int(let i)): return Double(i) == d
            case (.float(let c), .float(let d)): return c == d
            }
        }
        switch (a, b) {
        case (.none, .none), (.ellipsis, .ellipsis): return true
        case (.str(let x), .str(let y)): return x == y
        case (.list(let x), .list(let y)):
            return try x === y || (x.items.count == y.items.count && zip(x.items, y.items).allSatisfy { try equal($0, $1) })
        case (.tuple(let x), .tuple(let y)):
            return try x.count == y.count && zip(x, y).allSatisfy { try equal($0, $1) }
        case (.dict(let x), .dict(let y)):
            guard x.count == y.count else { return false }
            for (k, v) in zip(x.keys, x.values) {
                guard let w = try y.get(k), try equal(v, w) else { return false }
            }
            return true
        case (.range, .range): return try iterate(a).count == iterate(b).count && equal(.tuple(try iterate(a)), .tuple(try iterate(b)))
        case (.object(let o), _):
            if let r = try o.binary(.eq, b, reflected: false, self), case .bool(let t) = r { return t }
            return identical(a, b)
        default: return identical(a, b)
        }
    }

    /// -1/0/1 ordering for `<` on numbers, strings, lists and tuples; nil when unorderable.
    func order(_ a: Value, _ b: Value) throws -> Int? {
        if let x = number(a), let y = number(b) {
            let d1: Double, d2: Double
            switch (x, y) {
            case (.int(let i), .int(let j)): return i < j ? -1 : (i > j ? 1 : 0)
            default:
                switch x { case .int(let i): d1 = Double(i); case .float(let d): d1 = d }
                switch y { case .int(let i): d2 = Double(i); case .float(let d): d2 = d }
            }
            if d1.isNaN || d2.isNaN { return 2 }
            return d1 < d2 ? -1 : (d1 > d2 ? 1 : 0)
        }
        switch (a, b) {
        case (.str(let x), .str(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.list(let x), .list(let y)): return try orderSequences(x.items, y.items)
        case (.tuple(let x), .tuple(let y)): return try orderSequences(x, y)
        default: return nil
        }
    }

    private func orderSequences(_ x: [Value], _ y: [Value]) throws -> Int? {
        for (p, q) in zip(x, y) where !(try equal(p, q)) {
            guard let c = try order(p, q) else {
                throw LangError.typeError("'<' not supported between instances of '\(p.typeName)' and '\(q.typeName)'")
            }
            return c
        }
        return x.count < y.count ? -1 : (x.count > y.count ? 1 : 0)
    }
}
