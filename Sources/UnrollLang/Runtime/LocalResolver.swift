// Python's scoping rule, decided once per function: the names a body binds are its locals, each gets a slot,
// and every name expression in the body that refers to one remembers its slot (no dictionary per access).

/// The local variables of one function: their names in slot order.
final class LocalLayout {
    let names: [String]
    let index: [String: Int]
    init(names: [String]) {
        self.names = names
        var index: [String: Int] = [:]
        for (i, n) in names.enumerated() { index[n] = i }
        self.index = index
    }
}

/// Finds a function's locals (parameters plus every name its body binds, as Python's compiler does) and
/// annotates the body's name expressions with their slots. Nested function and class bodies are their own
/// scopes and are left alone; a nested `def`'s defaults and a class's bases run in this scope and are resolved.
enum LocalResolver {
    static func layout(for definition: FunctionDefinition) -> LocalLayout {
        var names: [String] = []
        var seen: Set<String> = []
        func bind(_ name: String) { if seen.insert(name).inserted { names.append(name) } }
        for p in definition.parameters { bind(p.name) }
        for s in definition.body { collectBindings(s, bind) }
        let layout = LocalLayout(names: names)
        for s in definition.body { annotate(s, layout) }
        return layout
    }

    // MARK: which names a body binds

    private static func collectBindings(_ s: Stmt, _ bind: (String) -> Void) {
        switch s.kind {
        case .assign(let targets, let value):
            for t in targets { bindTarget(t, bind) }
            collectComprehensionTargets(value, bind)
        case .augmentedAssign(let target, _, _):
            if case .name(let n) = target.kind { bind(n) }
        case .forLoop(let target, _, let body):
            bindTarget(target, bind)
            for b in body { collectBindings(b, bind) }
        case .whileLoop(_, let body):
            for b in body { collectBindings(b, bind) }
        case .ifElse(let branches, let otherwise):
            for (_, body) in branches { for b in body { collectBindings(b, bind) } }
            for b in otherwise ?? [] { collectBindings(b, bind) }
        case .with(let items, let body):
            for (_, target) in items { if let t = target { bindTarget(t, bind) } }
            for b in body { collectBindings(b, bind) }
        case .function(let definition): bind(definition.name)
        case .classDefinition(let name, _, _): bind(name)
        case .delete(let targets): for t in targets { bindTarget(t, bind) }
        case .importModules(let modules):
            for m in modules { bind(m.alias ?? m.path.first ?? "") }
        case .importFrom(_, let imported):
            for n in imported { bind(n.alias ?? n.name) }
        case .expression(let e):
            collectComprehensionTargets(e, bind)
        case .returnValue, .breakLoop, .continueLoop, .pass, .assert:
            break
        }
    }

    private static func bindTarget(_ e: Expr, _ bind: (String) -> Void) {
        switch e.kind {
        case .name(let n): bind(n)
        case .tuple(let items), .list(let items): for i in items { bindTarget(i, bind) }
        case .starred(let inner): bindTarget(inner, bind)
        default: break
        }
    }

    /// Unroll's comprehensions run in the enclosing frame, so their loop variables are locals of the function.
    private static func collectComprehensionTargets(_ e: Expr, _ bind: (String) -> Void) {
        visit(e) { expr in
            switch expr.kind {
            case .listComprehension(_, let clauses), .dictComprehension(_, _, let clauses):
                for c in clauses { bindTarget(c.target, bind) }
            default: break
            }
        }
    }

    // MARK: annotating name expressions with slots

    private static func annotate(_ s: Stmt, _ layout: LocalLayout) {
        func expr(_ e: Expr) {
            visit(e) { node in
                if case .name(let n) = node.kind, let slot = layout.index[n] { node.slot = slot }
            }
        }
        func block(_ body: [Stmt]) { for b in body { annotate(b, layout) } }
        switch s.kind {
        case .expression(let e): expr(e)
        case .assign(let targets, let value): targets.forEach(expr); expr(value)
        case .augmentedAssign(let target, _, let value): expr(target); expr(value)
        case .ifElse(let branches, let otherwise):
            for (test, body) in branches { expr(test); block(body) }
            block(otherwise ?? [])
        case .whileLoop(let test, let body): expr(test); block(body)
        case .forLoop(let target, let iterable, let body): expr(target); expr(iterable); block(body)
        case .function(let definition):
            for p in definition.parameters { if let d = p.defaultValue { expr(d) } }
        case .classDefinition(_, let bases, _): bases.forEach(expr)
        case .returnValue(let e): if let e { expr(e) }
        case .with(let items, let body):
            for (context, target) in items { expr(context); if let t = target { expr(t) } }
            block(body)
        case .assert(let test, let message): expr(test); if let m = message { expr(m) }
        case .delete(let targets): targets.forEach(expr)
        case .breakLoop, .continueLoop, .pass, .importModules, .importFrom: break
        }
    }

    /// Calls `body` on `e` and every expression inside it.
    static func visit(_ e: Expr, _ body: (Expr) -> Void) {
        body(e)
        switch e.kind {
        case .name, .constant: break
        case .list(let items), .tuple(let items): for i in items { visit(i, body) }
        case .dict(let pairs): for (k, v) in pairs { visit(k, body); visit(v, body) }
        case .binary(_, let l, let r), .and(let l, let r), .or(let l, let r): visit(l, body); visit(r, body)
        case .unary(_, let x), .not(let x), .starred(let x): visit(x, body)
        case .compare(let first, let rest): visit(first, body); for (_, r) in rest { visit(r, body) }
        case .conditional(let t, let a, let b): visit(t, body); visit(a, body); visit(b, body)
        case .call(let callee, let args): visit(callee, body); for a in args { visit(a.value, body) }
        case .attribute(let o, _): visit(o, body)
        case .index(let o, let k): visit(o, body); visit(k, body)
        case .slice(let a, let b, let c):
            if let a { visit(a, body) }
            if let b { visit(b, body) }
            if let c { visit(c, body) }
        case .listComprehension(let element, let clauses):
            visit(element, body)
            for c in clauses { visit(c.target, body); visit(c.iterable, body); c.conditions.forEach { visit($0, body) } }
        case .dictComprehension(let k, let v, let clauses):
            visit(k, body); visit(v, body)
            for c in clauses { visit(c.target, body); visit(c.iterable, body); c.conditions.forEach { visit($0, body) } }
        case .fstring(let pieces):
            for p in pieces { if case .field(let e, _, _) = p { visit(e, body) } }
        }
    }
}
