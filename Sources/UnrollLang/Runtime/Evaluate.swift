// Expression evaluation: names, literals, operators, calls, attributes, subscripts, comprehensions, f-strings.

extension Interpreter {
    /// The hot expression kinds (names, constants, int arithmetic, attributes) inline; everything else in
    /// `evalOther`, kept out of line so this function's stack frame stays small for the deep recursion.
    func eval(_ expr: Expr, _ frame: Frame) throws -> Value {
        switch expr.kind {
        case .constant(let v): return v
        case .name(let n):
            let slot = expr.slot
            if slot >= 0 {
                if let v = frame.slot(slot) { return v }
            } else if frame.isModule || frame.layout != nil, let v = globals[n] {
                return v
            }
            return try lookupLocated(n, frame, expr.range)
        case .binary(let op, let l, let r):
            let a = try eval(l, frame)
            let b = try eval(r, frame)
            if case .int(let x) = a, case .int(let y) = b {
                switch op {
                case .add: let (s, o) = x.addingReportingOverflow(y); if !o { return .int(s) }
                case .sub: let (s, o) = x.subtractingReportingOverflow(y); if !o { return .int(s) }
                case .mul: let (s, o) = x.multipliedReportingOverflow(by: y); if !o { return .int(s) }
                case .lt: return .bool(x < y)
                default: break
                }
            }
            return try binaryLocated(op, a, b, expr.range)
        case .attribute(let objectExpr, let name):
            // The common case first: an attribute the instance itself holds (`self.fc`, `b.value`),
            // found through this expression's shape cache.
            if objectExpr.slot >= 0, let v = frame.cachedAttribute(ofSlot: objectExpr.slot, expr) { return v }
            let object = try eval(objectExpr, frame)
            if let v = instanceAttribute(object, name, expr) { return v }
            return try getAttributeLocated(object, name, expr.range)
        default:
            return try evalOther(expr, frame)
        }
    }

    /// An instance's own attribute through the expression's cache (out of line so `object` stays borrowed).
    @inline(never)
    private func instanceAttribute(_ object: Value, _ name: String, _ expr: Expr) -> Value? {
        guard case .instance(let inst) = object else { return nil }
        return inst.attributes.value(name, cache: expr)
    }

    @inline(never)
    private func lookupLocated(_ name: String, _ frame: Frame, _ range: SourceRange) throws -> Value {
        try withRange(range) { try lookup(name, frame) }
    }

    @inline(never)
    private func binaryLocated(_ op: BinaryOperator, _ a: Value, _ b: Value, _ range: SourceRange) throws -> Value {
        try withRange(range) { try binary(op, a, b) }
    }

    /// An attribute that is not the instance's own (`eval` looked there first), or of a non-instance.
    @inline(never)
    private func getAttributeLocated(_ object: Value, _ name: String, _ range: SourceRange) throws -> Value {
        try withRange(range) { try getAttribute(object, name, instanceMissed: true) }
    }

    @inline(never)
    private func evalOther(_ expr: Expr, _ frame: Frame) throws -> Value {
        switch expr.kind {
        case .constant, .name, .binary, .attribute:
            return try eval(expr, frame)
        case .call(let calleeExpr, let argExprs):
            if case .name("super") = calleeExpr.kind, frame.local("super") == nil, globals["super"] == nil {
                let args = try argExprs.map { try eval($0.value, frame) }
                return try withRange(expr.range) { try makeSuper(args, frame) }
            }
            let callee = try eval(calleeExpr, frame)
            var args: [Value] = []
            args.reserveCapacity(argExprs.count)
            var kwargs: [(String, Value)] = []
            for a in argExprs {
                if let n = a.name { kwargs.append((n, try eval(a.value, frame))) }
                else if a.starred, case .starred(let inner) = a.value.kind {
                    args.append(contentsOf: try withRange(a.value.range) { try iterate(try eval(inner, frame)) })
                } else { args.append(try eval(a.value, frame)) }
            }
            return try withRange(expr.range) { try call(callee, args, kwargs) }
        case .index(let objectExpr, let keyExpr):
            let object = try eval(objectExpr, frame)
            let key = try eval(keyExpr, frame)
            return try withRange(expr.range) { try getItem(object, key) }
        case .slice(let a, let b, let c):
            return .slice(try a.map { try eval($0, frame) } ?? .none, try b.map { try eval($0, frame) } ?? .none,
                          try c.map { try eval($0, frame) } ?? .none)
        case .list(let items): return .makeList(try evalItems(items, frame))
        case .tuple(let items): return .tuple(try evalItems(items, frame))
        case .dict(let pairs):
            let d = DictBox()
            for (k, v) in pairs {
                let key = try eval(k, frame)
                try withRange(k.range) { try d.set(key, try eval(v, frame)) }
            }
            return .dict(d)
        case .unary(let op, let operand):
            let v = try eval(operand, frame)
            return try withRange(expr.range) { try unary(op, v) }
        case .not(let e): return .bool(!(try truthy(try eval(e, frame))))
        case .and(let l, let r):
            let a = try eval(l, frame)
            return try truthy(a) ? try eval(r, frame) : a
        case .or(let l, let r):
            let a = try eval(l, frame)
            return try truthy(a) ? a : try eval(r, frame)
        case .compare(let first, let rest):
            var left = try eval(first, frame)
            var result: Value = .bool(true)
            for (op, rightExpr) in rest {
                let right = try eval(rightExpr, frame)
                result = try withRange(expr.range) { try compare(op, left, right) }
                if rest.count > 1, !(try truthy(result)) { return result }
                left = right
            }
            return result
        case .conditional(let test, let then, let otherwise):
            return try truthy(try eval(test, frame)) ? try eval(then, frame) : try eval(otherwise, frame)
        case .listComprehension(let element, let clauses):
            var out: [Value] = []
            try comprehend(clauses, 0, frame) { out.append(try eval(element, frame)) }
            return .makeList(out)
        case .dictComprehension(let k, let v, let clauses):
            let d = DictBox()
            try comprehend(clauses, 0, frame) { try d.set(try eval(k, frame), try eval(v, frame)) }
            return .dict(d)
        case .fstring(let pieces):
            var s = ""
            for p in pieces {
                switch p {
                case .literal(let t): s += t
                case .field(let e, let conversion, let spec):
                    let v = try eval(e, frame)
                    try withRange(e.range) {
                        switch conversion {
                        case "r"?, "a"?: s += try format(.str(try repr(v)), spec: spec)
                        case "s"?: s += try format(.str(try str(v)), spec: spec)
                        default: s += try format(v, spec: spec)
                        }
                    }
                }
            }
            return .str(s)
        case .starred:
            throw LangError.syntax("can't use starred expression here", expr.range)
        }
    }

    private func evalItems(_ items: [Expr], _ frame: Frame) throws -> [Value] {
        var out: [Value] = []
        out.reserveCapacity(items.count)
        for item in items {
            if case .starred(let inner) = item.kind {
                out.append(contentsOf: try withRange(item.range) { try iterate(try eval(inner, frame)) })
            } else {
                out.append(try eval(item, frame))
            }
        }
        return out
    }

    private func comprehend(_ clauses: [Comprehension], _ index: Int, _ frame: Frame, _ body: () throws -> Void) throws {
        guard index < clauses.count else { try body(); return }
        let clause = clauses[index]
        let iterable = try eval(clause.iterable, frame)
        for item in try withRange(clause.iterable.range, { try iterate(iterable) }) {
            try checkInterrupt()
            try assign(clause.target, item, frame)
            var keep = true
            for c in clause.conditions where !(try truthy(try eval(c, frame))) { keep = false; break }
            if keep { try comprehend(clauses, index + 1, frame, body) }
        }
    }
}
