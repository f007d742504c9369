// Recursive-descent parser, expressions half: precedence climbing from conditional expressions down to atoms.

extension Parser {
    /// `a, b` (a tuple when there is a comma) or a single expression.
    mutating func parseExpressionList(allowStar: Bool = false) throws -> Expr {
        let first = try parseStarOrExpression(allowStar)
        guard isOp(",") else { return first }
        var items = [first]
        while acceptOp(",") {
            if endsExpressionList() { break }
            items.append(try parseStarOrExpression(allowStar))
        }
        return Expr(.tuple(items), first.range.through(items.last?.range ?? first.range))
    }

    func endsExpressionList() -> Bool {
        switch current.kind {
        case .newline, .end: return true
        case .op(let o): return ["=", ")", "]", "}", ":", ";"].contains(o) || (o.hasSuffix("=") && o.count >= 2 && !["==", "!=", "<=", ">="].contains(o))
        case .keyword(let k): return k == "in"
        default: return false
        }
    }

    mutating func parseStarOrExpression(_ allowStar: Bool) throws -> Expr {
        if allowStar && isOp("*") {
            let start = advance().range
            let inner = try parseBitOr()
            return Expr(.starred(inner), start.through(inner.range))
        }
        return try parseExpression()
    }

    /// A loop or `with` target: names, attributes, subscripts, parenthesized or comma-separated tuples.
    mutating func parseTarget() throws -> Expr {
        if isOp("*") {
            let start = advance().range
            let inner = try parseBitOr()
            return Expr(.starred(inner), start.through(inner.range))
        }
        let e = try parseBitOr()
        try checkAssignable(e)
        return e
    }

    mutating func parseTargetList() throws -> Expr {
        let first = try parseTarget()
        guard isOp(",") else { return first }
        var items = [first]
        while acceptOp(",") {
            if isKeyword("in") || isOp("=") { break }
            items.append(try parseTarget())
        }
        return Expr(.tuple(items), first.range.through(items.last?.range ?? first.range))
    }

    mutating func parseExpression() throws -> Expr {
        try enter()
        defer { depth -= 1 }
        if isKeyword("lambda") { throw unsupported("lambda", current.range) }
        if isKeyword("yield") { throw unsupported("yield", current.range) }
        let body = try parseOr()
        if isKeyword("if") {
            _ = advance()
            let test = try parseOr()
            guard acceptKeyword("else") else { throw LangError.syntax("expected 'else' after 'if' expression", current.range) }
            let otherwise = try parseExpression()
            return Expr(.conditional(test: test, then: body, otherwise: otherwise), body.range.through(otherwise.range))
        }
        if isOp(":=") { throw unsupported("walrus operator ':='", current.range) }
        return body
    }

    mutating func parseOr() throws -> Expr {
        var left = try parseAnd()
        while acceptKeyword("or") {
            let right = try parseAnd()
            left = Expr(.or(left, right), left.range.through(right.range))
        }
        return left
    }

    mutating func parseAnd() throws -> Expr {
        var left = try parseNot()
        while acceptKeyword("and") {
            let right = try parseNot()
            left = Expr(.and(left, right), left.range.through(right.range))
        }
        return left
    }

    mutating func parseNot() throws -> Expr {
        if isKeyword("not") {
            try enter()
            defer { depth -= 1 }
            let start = advance().range
            let inner = try parseNot()
            return Expr(.not(inner), start.through(inner.range))
        }
        return try parseComparison()
    }

    mutating func parseComparison() throws -> Expr {
        let left = try parseBitOr()
        var rest: [(CompareOperator, Expr)] = []
        while true {
            var op: CompareOperator?
            switch current.kind {
            case .op(let o):
                if let b = BinaryOperator(rawValue: o), ["==", "!=", "<", "<=", ">", ">="].contains(o) { op = .binary(b) }
            case .keyword("in"): op = .isIn
            case .keyword("is"):
                if case .keyword("not") = peekKind(1) { _ = advance(); op = .isNot } else { op = .isSame }
            case .keyword("not"):
                if case .keyword("in") = peekKind(1) { _ = advance(); op = .notIn }
            default: break
            }
            guard let found = op else { break }
            _ = advance()
            rest.append((found, try parseBitOr()))
        }
        if rest.isEmpty { return left }
        return Expr(.compare(left, rest), left.range.through(rest.last?.1.range ?? left.range))
    }

    private mutating func parseBinaryLevel(_ ops: [String], _ next: (inout Parser) throws -> Expr) throws -> Expr {
        var left = try next(&self)
        while case .op(let o) = current.kind, ops.contains(o), let op = BinaryOperator(rawValue: o) {
            _ = advance()
            let right = try next(&self)
            left = Expr(.binary(op, left, right), left.range.through(right.range))
        }
        return left
    }

    mutating func parseBitOr() throws -> Expr { try parseBinaryLevel(["|"]) { try $0.parseBitXor() } }
    mutating func parseBitXor() throws -> Expr { try parseBinaryLevel(["^"]) { try $0.parseBitAnd() } }
    mutating func parseBitAnd() throws -> Expr { try parseBinaryLevel(["&"]) { try $0.parseShift() } }
    mutating func parseShift() throws -> Expr { try parseBinaryLevel(["<<", ">>"]) { try $0.parseArith() } }
    mutating func parseArith() throws -> Expr { try parseBinaryLevel(["+", "-"]) { try $0.parseTerm() } }
    mutating func parseTerm() throws -> Expr { try parseBinaryLevel(["*", "/", "//", "%", "@"]) { try $0.parseFactor() } }

    mutating func parseFactor() throws -> Expr {
        if case .op(let o) = current.kind, let op = UnaryOperator(rawValue: o) {
            try enter()
            defer { depth -= 1 }
            let start = advance().range
            let operand = try parseFactor()
            if op == .neg, case .constant(let v) = operand.kind {
                if case .int(let i) = v, i != Int64.min { return Expr(.constant(.int(-i)), start.through(operand.range)) }
                if case .float(let d) = v { return Expr(.constant(.float(-d)), start.through(operand.range)) }
            }
            return Expr(.unary(op, operand), start.through(operand.range))
        }
        return try parsePower()
    }

    mutating func parsePower() throws -> Expr {
        let base = try parsePrimary()
        if acceptOp("**") {
            try enter()
            defer { depth -= 1 }
            let exponent = try parseFactor()
            return Expr(.binary(.pow, base, exponent), base.range.through(exponent.range))
        }
        return base
    }

    mutating func parsePrimary() throws -> Expr {
        var e = try parseAtom()
        var trailers = 0
        while true {
            trailers += 1
            if trailers > 400 { throw LangError.syntax("expression too long", current.range) }
            if isOp("(") {
                _ = advance()
                let args = try parseCallArguments()
                let end = try expectOp(")").range
                e = Expr(.call(e, args), e.range.through(end))
            } else if isOp("[") {
                _ = advance()
                let index = try parseSubscriptList()
                let end = try expectOp("]").range
                e = Expr(.index(e, index), e.range.through(end))
            } else if isOp(".") {
                _ = advance()
                let (name, range) = try expectName()
                e = Expr(.attribute(e, name), e.range.through(range))
            } else {
                return e
            }
        }
    }

    mutating func parseCallArguments() throws -> [CallArgument] {
        try enter()
        defer { depth -= 1 }
        var args: [CallArgument] = []
        var sawKeyword = false
        while !isOp(")") {
            if isOp("**") { throw LangError.syntax("'**kwargs' arguments are not supported in Unroll", current.range) }
            if isOp("*") {
                let start = advance().range
                let inner = try parseExpression()
                args.append(CallArgument(name: nil, value: Expr(.starred(inner), start.through(inner.range)), starred: true))
            } else if case .name(let n) = current.kind, case .op("=") = peekKind(1) {
                _ = advance(); _ = advance()
                if args.contains(where: { $0.name == n }) {
                    throw LangError.syntax("keyword argument repeated: \(n)", current.range)
                }
                args.append(CallArgument(name: n, value: try parseExpression()))
                sawKeyword = true
            } else {
                let value = try parseExpression()
                if sawKeyword { throw LangError.syntax("positional argument follows keyword argument", value.range) }
                if isKeyword("for") {
                    let clauses = try parseComprehensionClauses()
                    args.append(CallArgument(name: nil, value: Expr(.listComprehension(value, clauses), value.range)))
                } else {
                    args.append(CallArgument(name: nil, value: value))
                }
            }
            if !acceptOp(",") { break }
        }
        return args
    }

    mutating func parseSubscriptList() throws -> Expr {
        let first = try parseSubscriptItem()
        guard isOp(",") else { return first }
        var items = [first]
        while acceptOp(",") {
            if isOp("]") { break }
            items.append(try parseSubscriptItem())
        }
        return Expr(.tuple(items), first.range.through(items.last?.range ?? first.range))
    }

    mutating func parseSubscriptItem() throws -> Expr {
        let start = current.range
        var lower: Expr?
        if !isOp(":") { lower = try parseExpression() }
        guard isOp(":") else {
            guard let l = lower else { throw unexpected() }
            return l
        }
        _ = advance()
        var upper: Expr?
        var step: Expr?
        if !isOp(":") && !isOp(",") && !isOp("]") { upper = try parseExpression() }
        if acceptOp(":") {
            if !isOp(",") && !isOp("]") { step = try parseExpression() }
        }
        return Expr(.slice(lower, upper, step), start)
    }

    mutating func parseComprehensionClauses() throws -> [Comprehension] {
        var clauses: [Comprehension] = []
        while acceptKeyword("for") {
            let target = try parseTargetList()
            guard acceptKeyword("in") else { throw LangError.syntax("expected 'in'", current.range) }
            let iterable = try parseOr()
            var conditions: [Expr] = []
            while acceptKeyword("if") { conditions.append(try parseOr()) }
            clauses.append(Comprehension(target: target, iterable: iterable, conditions: conditions))
        }
        return clauses
    }

    mutating func parseAtom() throws -> Expr {
        let token = current
        let r = token.range
        switch token.kind {
        case .name(let n): _ = advance(); return Expr(.name(n), r)
        case .int(let v): _ = advance(); return Expr(.constant(.int(v)), r)
        case .float(let v): _ = advance(); return Expr(.constant(.float(v)), r)
        case .string, .fstring: return try parseStrings()
        case .keyword("None"): _ = advance(); return Expr(.constant(.none), r)
        case .keyword("True"): _ = advance(); return Expr(.constant(.bool(true)), r)
        case .keyword("False"): _ = advance(); return Expr(.constant(.bool(false)), r)
        case .op("..."): _ = advance(); return Expr(.constant(.ellipsis), r)
        case .op("("):
            try enter()
            defer { depth -= 1 }
            _ = advance()
            if isOp(")") { let end = advance().range; return Expr(.tuple([]), r.through(end)) }
            let first = try parseStarOrExpression(true)
            if isKeyword("for") {
                let clauses = try parseComprehensionClauses()
                let end = try expectOp(")").range
                return Expr(.listComprehension(first, clauses), r.through(end))
            }
            if isOp(")") { _ = advance(); return first }
            var items = [first]
            while acceptOp(",") {
                if isOp(")") { break }
                items.append(try parseStarOrExpression(true))
            }
            let end = try expectOp(")").range
            return Expr(.tuple(items), r.through(end))
        case .op("["):
            try enter()
            defer { depth -= 1 }
            _ = advance()
            if isOp("]") { let end = advance().range; return Expr(.list([]), r.through(end)) }
            let first = try parseStarOrExpression(true)
            if isKeyword("for") {
                let clauses = try parseComprehensionClauses()
                let end = try expectOp("]").range
                return Expr(.listComprehension(first, clauses), r.through(end))
            }
            var items = [first]
            while acceptOp(",") {
                if isOp("]") { break }
                items.append(try parseStarOrExpression(true))
            }
            let end = try expectOp("]").range
            return Expr(.list(items), r.through(end))
        case .op("{"):
            try enter()
            defer { depth -= 1 }
            _ = advance()
            if isOp("}") { let end = advance().range; return Expr(.dict([]), r.through(end)) }
            let key = try parseExpression()
            guard acceptOp(":") else { throw LangError.syntax("set literals are not supported in Unroll", r, hint: "Use a list, or a dict with values.") }
            let value = try parseExpression()
            if isKeyword("for") {
                let clauses = try parseComprehensionClauses()
                let end = try expectOp("}").range
                return Expr(.dictComprehension(key, value, clauses), r.through(end))
            }
            var pairs = [(key, value)]
            while acceptOp(",") {
                if isOp("}") { break }
                let k = try parseExpression()
                _ = try expectOp(":")
                pairs.append((k, try parseExpression()))
            }
            let end = try expectOp("}").range
            return Expr(.dict(pairs), r.through(end))
        case .keyword(let k) where unsupportedKeywords[k] != nil:
            throw unsupported(k, r)
        default:
            throw unexpected()
        }
    }

    /// Adjacent string literals concatenate, f-strings included.
    mutating func parseStrings() throws -> Expr {
        let start = current.range
        var pieces: [FStringPiece] = []
        var plain = true
        var last = start
        while true {
            if case .string(let s) = current.kind {
                pieces.append(.literal(s))
            } else if case .fstring(let parts) = current.kind {
                plain = false
                for box in parts {
                    switch box.part {
                    case .literal(let s): pieces.append(.literal(s))
                    case .field(let source, let conversion, let spec, let line, let column):
                        let expr = try Parser.parseFieldExpression(source, line: line, column: column)
                        pieces.append(.field(expr, conversion: conversion, spec: spec))
                    }
                }
            } else { break }
            last = advance().range
        }
        let range = start.through(last)
        if plain {
            var text = ""
            for case .literal(let s) in pieces { text += s }
            return Expr(.constant(.str(text)), range)
        }
        return Expr(.fstring(pieces), range)
    }
}
