// Recursive-descent parser, statements half: blocks, simple statements and compound statements.

struct Parser {
    var tokens: [Token]
    var pos = 0
    var depth = 0
    static let maxDepth = 120

    init(tokens: [Token]) { self.tokens = tokens }

    static func parse(_ source: String) throws -> [Stmt] {
        var parser = Parser(tokens: try Lexer.tokenize(source))
        return try parser.parseModule()
    }

    /// Parses the expression inside an f-string replacement field.
    static func parseFieldExpression(_ source: String, line: Int, column: Int) throws -> Expr {
        var lexer = Lexer("(" + source + ")", line: line, column: column - 2)
        var parser = Parser(tokens: try lexer.run())
        let expr = try parser.parseExpression()
        guard case .newline = parser.current.kind else { throw parser.unexpected() }
        return expr
    }

    var current: Token { tokens[min(pos, tokens.count - 1)] }
    func peekKind(_ offset: Int) -> TokenKind { tokens[min(pos + offset, tokens.count - 1)].kind }
    mutating func advance() -> Token {
        let t = current
        if pos < tokens.count - 1 { pos += 1 }
        return t
    }
    func isOp(_ s: String) -> Bool { if case .op(let o) = current.kind { return o == s }; return false }
    func isKeyword(_ s: String) -> Bool { if case .keyword(let k) = current.kind { return k == s }; return false }
    mutating func acceptOp(_ s: String) -> Bool { if isOp(s) { _ = advance(); return true }; return false }
    mutating func acceptKeyword(_ s: String) -> Bool { if isKeyword(s) { _ = advance(); return true }; return false }
    mutating func expectOp(_ s: String) throws -> Token {
        guard isOp(s) else {
            if s == ":" { throw LangError.syntax("expected ':'", current.range) }
            throw unexpected()
        }
        return advance()
    }
    mutating func expectName() throws -> (String, SourceRange) {
        guard case .name(let n) = current.kind else { throw unexpected() }
        let t = advance()
        return (n, t.range)
    }

    func unexpected() -> LangError {
        switch current.kind {
        case .end, .newline:
            return LangError.syntax("invalid syntax", current.range)
        case .indent: return LangError("IndentationError", "unexpected indent", range: current.range)
        case .keyword(let k) where unsupportedKeywords[k] != nil: return unsupported(k, current.range)
        default: return LangError.syntax("invalid syntax", current.range)
        }
    }

    func unsupported(_ construct: String, _ range: SourceRange) -> LangError {
        let alternative = unsupportedKeywords[construct] ?? nil
        return LangError.syntax("'\(construct)' is not supported in Unroll", range, hint: alternative)
    }

    mutating func enter() throws {
        depth += 1
        if depth > Parser.maxDepth { throw LangError.syntax("too many nested parentheses", current.range, hint: "Unroll limits nesting to \(Parser.maxDepth) levels.") }
    }

    // MARK: statements

    mutating func parseModule() throws -> [Stmt] {
        var body: [Stmt] = []
        while true {
            switch current.kind {
            case .end: return body
            case .newline: _ = advance()
            case .indent: throw LangError("IndentationError", "unexpected indent", range: current.range)
            default: body.append(contentsOf: try parseStatement())
            }
        }
    }

    mutating func parseBlock() throws -> [Stmt] {
        if case .newline = current.kind {
            _ = advance()
            guard case .indent = current.kind else {
                throw LangError("IndentationError", "expected an indented block", range: current.range)
            }
            _ = advance()
            var body: [Stmt] = []
            while true {
                switch current.kind {
                case .dedent: _ = advance(); return body
                case .end: return body
                case .newline: _ = advance()
                default: body.append(contentsOf: try parseStatement())
                }
            }
        }
        return try parseSimpleLine()
    }

    mutating func parseStatement() throws -> [Stmt] {
        try enter()
        defer { depth -= 1 }
        let start = current.range
        if case .keyword(let k) = current.kind {
            switch k {
            case "if": return [try parseIf()]
            case "while":
                _ = advance()
                let test = try parseExpression()
                _ = try expectOp(":")
                let body = try parseBlock()
                if isKeyword("else") { throw unsupported("while ... else", current.range) }
                return [Stmt(.whileLoop(test, body), start)]
            case "for":
                _ = advance()
                let target = try parseTargetList()
                guard acceptKeyword("in") else { throw LangError.syntax("expected 'in'", current.range) }
                let iterable = try parseExpressionList()
                _ = try expectOp(":")
                let body = try parseBlock()
                if isKeyword("else") { throw unsupported("for ... else", current.range) }
                return [Stmt(.forLoop(target: target, iterable: iterable, body: body), start)]
            case "def": return [try parseDef()]
            case "class":
                _ = advance()
                let (name, _) = try expectName()
                var bases: [Expr] = []
                if acceptOp("(") {
                    while !isOp(")") {
                        bases.append(try parseExpression())
                        if !acceptOp(",") { break }
                    }
                    _ = try expectOp(")")
                }
                _ = try expectOp(":")
                return [Stmt(.classDefinition(name: name, bases: bases, body: try parseBlock()), start)]
            case "with":
                _ = advance()
                var items: [(Expr, Expr?)] = []
                repeat {
                    let context = try parseExpression()
                    var target: Expr?
                    if acceptKeyword("as") { target = try parseTarget() }
                    items.append((context, target))
                } while acceptOp(",")
                _ = try expectOp(":")
                return [Stmt(.with(items, try parseBlock()), start)]
            case "try", "async", "except", "finally":
                throw unsupported(k, start)
            case "elif", "else":
                throw LangError.syntax("invalid syntax", start, hint: "'\(k)' must follow an 'if' block at the same indentation.")
            default: break
            }
        }
        if case .op("@") = current.kind { throw unsupported("decorator", start) }
        return try parseSimpleLine()
    }

    mutating func parseSimpleLine() throws -> [Stmt] {
        var result = [try parseSimpleStatement()]
        while acceptOp(";") {
            if case .newline = current.kind { break }
            result.append(try parseSimpleStatement())
        }
        switch current.kind {
        case .newline: _ = advance()
        case .end: break
        default: throw unexpected()
        }
        return result
    }

    mutating func parseIf() throws -> Stmt {
        let start = advance().range
        var branches: [(Expr, [Stmt])] = []
        let test = try parseExpression()
        _ = try expectOp(":")
        branches.append((test, try parseBlock()))
        var otherwise: [Stmt]?
        while true {
            if acceptKeyword("elif") {
                let t = try parseExpression()
                _ = try expectOp(":")
                branches.append((t, try parseBlock()))
            } else if acceptKeyword("else") {
                _ = try expectOp(":")
                otherwise = try parseBlock()
                break
            } else { break }
        }
        return Stmt(.ifElse(branches, otherwise: otherwise), start)
    }

    mutating func parseDef() throws -> Stmt {
        let start = advance().range
        let (name, _) = try expectName()
        _ = try expectOp("(")
        var parameters: [Parameter] = []
        while !isOp(")") {
            if isOp("*") || isOp("**") || isOp("/") {
                throw LangError.syntax("'*args', '**kwargs' and '/' parameters are not supported in Unroll", current.range)
            }
            let (p, range) = try expectName()
            if parameters.contains(where: { $0.name == p }) {
                throw LangError.syntax("duplicate argument '\(p)' in function definition", range)
            }
            if acceptOp(":") { _ = try parseExpression() }
            var defaultValue: Expr?
            if acceptOp("=") { defaultValue = try parseExpression() }
            else if parameters.last?.defaultValue != nil {
                throw LangError.syntax("parameter without a default follows parameter with a default", range)
            }
            parameters.append(Parameter(name: p, defaultValue: defaultValue))
            if !acceptOp(",") { break }
        }
        _ = try expectOp(")")
        if acceptOp("->") { _ = try parseExpression() }
        _ = try expectOp(":")
        let body = try parseBlock()
        return Stmt(.function(FunctionDefinition(name: name, parameters: parameters, body: body)), start)
    }

    mutating func parseSimpleStatement() throws -> Stmt {
        let start = current.range
        if case .keyword(let k) = current.kind {
            switch k {
            case "pass": _ = advance(); return Stmt(.pass, start)
            case "break": _ = advance(); return Stmt(.breakLoop, start)
            case "continue": _ = advance(); return Stmt(.continueLoop, start)
            case "return":
                _ = advance()
                if case .newline = current.kind { return Stmt(.returnValue(nil), start) }
                if isOp(";") || current.kind == .end { return Stmt(.returnValue(nil), start) }
                return Stmt(.returnValue(try parseExpressionList()), start)
            case "assert":
                _ = advance()
                let test = try parseExpression()
                let message = acceptOp(",") ? try parseExpression() : nil
                return Stmt(.assert(test, message), start)
            case "del":
                _ = advance()
                var targets = [try parseTarget()]
                while acceptOp(",") { targets.append(try parseTarget()) }
                return Stmt(.delete(targets), start)
            case "import":
                _ = advance()
                var modules: [(path: [String], alias: String?)] = []
                repeat {
                    let path = try parseDottedName()
                    let alias = acceptKeyword("as") ? try expectName().0 : nil
                    modules.append((path, alias))
                } while acceptOp(",")
                return Stmt(.importModules(modules), start)
            case "from":
                _ = advance()
                if isOp(".") || isOp("...") { throw LangError.syntax("relative imports are not supported in Unroll", current.range) }
                let path = try parseDottedName()
                guard acceptKeyword("import") else { throw LangError.syntax("invalid syntax", current.range) }
                if isOp("*") { throw unsupported("import *", current.range) }
                let parenthesized = acceptOp("(")
                var names: [(name: String, alias: String?)] = []
                repeat {
                    if parenthesized && isOp(")") { break }
                    let name = try expectName().0
                    let alias = acceptKeyword("as") ? try expectName().0 : nil
                    names.append((name, alias))
                } while acceptOp(",")
                if parenthesized { _ = try expectOp(")") }
                return Stmt(.importFrom(path: path, names: names), start)
            case "global", "nonlocal", "raise", "yield", "lambda", "await":
                throw unsupported(k, start)
            default: break
            }
        }
        let first = try parseExpressionList(allowStar: true)
        if isOp("=") {
            var targets = [first]
            var value = first
            while acceptOp("=") {
                value = try parseExpressionList(allowStar: true)
                targets.append(value)
            }
            targets.removeLast()
            for t in targets { try checkAssignable(t) }
            return Stmt(.assign(targets: targets, value: value), start.through(value.range))
        }
        if case .op(let o) = current.kind, o.count >= 2, o.hasSuffix("="), !["==", "!=", "<=", ">="].contains(o) {
            if o == ":=" { throw unsupported("walrus operator ':='", current.range) }
            guard let op = BinaryOperator(rawValue: String(o.dropLast())) else { throw unexpected() }
            _ = advance()
            try checkAssignable(first)
            if case .tuple = first.kind { throw LangError.syntax("'tuple' is an illegal expression for augmented assignment", first.range) }
            let value = try parseExpressionList()
            return Stmt(.augmentedAssign(first, op, value), start)
        }
        if isOp(":") {
            _ = advance()
            _ = try parseExpression()
            if acceptOp("=") {
                try checkAssignable(first)
                return Stmt(.assign(targets: [first], value: try parseExpressionList()), start)
            }
            return Stmt(.pass, start)
        }
        return Stmt(.expression(first), first.range)
    }

    func checkAssignable(_ e: Expr) throws {
        switch e.kind {
        case .name, .attribute, .index: return
        case .tuple(let items), .list(let items): for i in items { try checkAssignable(i) }
        case .starred(let inner): try checkAssignable(inner)
        case .call: throw LangError.syntax("cannot assign to function call here. Maybe you meant '==' instead of '='?", e.range)
        case .constant: throw LangError.syntax("cannot assign to literal here. Maybe you meant '==' instead of '='?", e.range)
        default: throw LangError.syntax("cannot assign to expression here. Maybe you meant '==' instead of '='?", e.range)
        }
    }

    mutating func parseDottedName() throws -> [String] {
        var path = [try expectName().0]
        while acceptOp(".") { path.append(try expectName().0) }
        return path
    }
}

/// Constructs outside the subset, with the supported alternative where one exists.
let unsupportedKeywords: [String: String?] = [
    "try": "Unroll has no exception handling; check the condition with 'if' first.",
    "except": "Unroll has no exception handling; check the condition with 'if' first.",
    "finally": "Unroll has no exception handling.",
    "raise": "Unroll has no exception handling; use 'assert condition, \"message\"' to stop with an error.",
    "lambda": "Define a named function with 'def' instead.",
    "yield": "Unroll has no generators; build a list and return it.",
    "global": "Return the new value from the function and assign it at the top level.",
    "nonlocal": "Return the new value from the inner function instead.",
    "async": nil,
    "await": nil,
    "decorator": "Call the function explicitly instead.",
    "import *": "Import the names you need: 'from torch import nn, optim'.",
    "while ... else": "Use a flag variable and an 'if' after the loop.",
    "for ... else": "Use a flag variable and an 'if' after the loop.",
    "walrus operator ':='": "Assign on its own line first.",
]
