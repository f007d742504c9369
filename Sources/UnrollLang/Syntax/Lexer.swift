// Turns source text into tokens with Python's indentation rules (INDENT/DEDENT, bracket line joining).
import Foundation


struct Lexer {
    private let chars: [Character]
    private var pos = 0
    private var line = 1
    private var lineStart = 0
    private var tokens: [Token] = []
    private var indents: [Int] = [0]
    private var brackets: [Character] = []
    private let baseLine: Int
    private let baseColumn: Int

    init(_ source: String, line: Int = 1, column: Int = 0) {
        chars = Array(source)
        baseLine = line
        baseColumn = column
        self.line = line
    }

    private var column: Int { pos - lineStart + 1 + (line == baseLine ? baseColumn : 0) }
    private func peek(_ offset: Int = 0) -> Character? {
        let i = pos + offset
        return i < chars.count ? chars[i] : nil
    }
    private func here(_ width: Int = 1) -> SourceRange {
        SourceRange(line: line, column: column, endColumn: column + width)
    }

    static func tokenize(_ source: String) throws -> [Token] {
        var lexer = Lexer(source)
        return try lexer.run()
    }

    mutating func run() throws -> [Token] {
        var atLineStart = true
        while pos < chars.count {
            if atLineStart {
                // A line that starts inside brackets (`    ):` closing a multi-line signature) has no indentation.
                atLineStart = false
                if brackets.isEmpty, try handleIndentation() { continue }
            }
            guard let c = peek() else { break }
            if c == "\n" {
                if brackets.isEmpty, let last = tokens.last, last.kind != .newline {
                    tokens.append(Token(kind: .newline, range: here()))
                }
                pos += 1; line += 1; lineStart = pos
                atLineStart = true
                continue
            }
            if c == " " || c == "\t" || c == "\r" || c == "\u{0C}" { pos += 1; continue }
            if c == "#" {
                while let d = peek(), d != "\n" { pos += 1 }
                continue
            }
            if c == "\\" && peek(1) == "\n" {
                pos += 2; line += 1; lineStart = pos
                continue
            }
            if c.isNumber || (c == "." && (peek(1)?.isNumber ?? false)) {
                try lexNumber()
                continue
            }
            if c.isLetter || c == "_" {
                try lexNameOrPrefixedString()
                continue
            }
            if c == "\"" || c == "'" {
                let start = here()
                let text = try lexStringBody()
                tokens.append(Token(kind: .string(text), range: start.through(here(0))))
                continue
            }
            try lexOperator()
        }
        if !brackets.isEmpty {
            throw LangError.syntax("'\(brackets.last ?? "(")' was never closed", here(), hint: nil)
        }
        if let last = tokens.last, last.kind != .newline { tokens.append(Token(kind: .newline, range: here())) }
        while indents.count > 1 {
            indents.removeLast()
            tokens.append(Token(kind: .dedent, range: here()))
        }
        tokens.append(Token(kind: .end, range: here()))
        return tokens
    }

    /// Measures leading whitespace; returns true when the line is blank or a comment (nothing emitted).
    private mutating func handleIndentation() throws -> Bool {
        var width = 0
        while let c = peek(), c == " " || c == "\t" {
            width += c == "\t" ? 8 - width % 8 : 1
            pos += 1
        }
        guard let c = peek() else { return true }
        if c == "\n" || c == "#" || c == "\r" { return false }
        let current = indents.last ?? 0
        if width > current {
            if tokens.isEmpty || tokens.last?.kind != .newline {
                throw LangError("IndentationError", "unexpected indent", range: here())
            }
            indents.append(width)
            tokens.append(Token(kind: .indent, range: here()))
        } else if width < current {
            while let top = indents.last, top > width {
                indents.removeLast()
                tokens.append(Token(kind: .dedent, range: here()))
            }
            if indents.last != width {
                throw LangError("IndentationError", "unindent does not match any outer indentation level", range: here())
            }
        }
        return false
    }

    private mutating func lexNumber() throws {
        let start = pos
        let startColumn = column
        var isFloat = false
        if peek() == "0", let x = peek(1), "xXoObB".contains(x) {
            pos += 2
            let radix = "xX".contains(x) ? 16 : ("oO".contains(x) ? 8 : 2)
            var digits = ""
            while let d = peek(), d.isHexDigit || d == "_" { if d != "_" { digits.append(d) }; pos += 1 }
            guard let value = Int64(digits, radix: radix) else {
                throw LangError.syntax("invalid or too large integer literal", SourceRange(line: line, column: startColumn, endColumn: column))
            }
            tokens.append(Token(kind: .int(value), range: SourceRange(line: line, column: startColumn, endColumn: column)))
            return
        }
        while let d = peek(), d.isNumber || d == "_" { pos += 1 }
        if peek() == ".", !(peek(1) == "." && peek(2) == ".") {
            isFloat = true
            pos += 1
            while let d = peek(), d.isNumber || d == "_" { pos += 1 }
        }
        if let e = peek(), e == "e" || e == "E" {
            let sign = peek(1)
            if let s = sign, s.isNumber || ((s == "+" || s == "-") && (peek(2)?.isNumber ?? false)) {
                isFloat = true
                pos += 2
                while let d = peek(), d.isNumber || d == "_" { pos += 1 }
            }
        }
        let range = SourceRange(line: line, column: startColumn, endColumn: column)
        if let c = peek(), c.isLetter || c == "_" {
            throw LangError.syntax("invalid decimal literal", range)
        }
        let text = String(chars[start..<pos]).replacingOccurrences(of: "_", with: "")
        if isFloat {
            guard let value = Double(text) else { throw LangError.syntax("invalid decimal literal", range) }
            tokens.append(Token(kind: .float(value), range: range))
        } else {
            guard let value = Int64(text) else {
                throw LangError("OverflowError", "integer literal too large (Unroll integers are 64-bit)", range: range)
            }
            tokens.append(Token(kind: .int(value), range: range))
        }
    }

    private mutating func lexNameOrPrefixedString() throws {
        let start = pos
        let startColumn = column
        while let c = peek(), c.isLetter || c.isNumber || c == "_" { pos += 1 }
        let word = String(chars[start..<pos])
        if let q = peek(), q == "\"" || q == "'", word.count <= 2, word.lowercased().allSatisfy({ "rbf".contains($0) }) {
            let lower = word.lowercased()
            let raw = lower.contains("r")
            let startRange = SourceRange(line: line, column: startColumn, endColumn: startColumn + 1)
            if lower.contains("f") {
                let bodyLine = line
                let bodyColumn = column + 1
                let text = try lexStringBody(raw: true)
                let parts = try Lexer.splitFString(text, raw: raw, line: bodyLine, column: bodyColumn, at: startRange)
                tokens.append(Token(kind: .fstring(parts.map { FStringPartBox(part: $0) }), range: startRange.through(here(0))))
            } else {
                let text = try lexStringBody(raw: raw)
                tokens.append(Token(kind: .string(text), range: startRange.through(here(0))))
            }
            return
        }
        let range = SourceRange(line: line, column: startColumn, endColumn: column)
        tokens.append(Token(kind: pythonKeywords.contains(word) ? .keyword(word) : .name(word), range: range))
    }

    /// Reads a quoted string starting at the quote; returns its decoded text (escapes resolved unless raw).
    private mutating func lexStringBody(raw: Bool = false) throws -> String {
        let startRange = here()
        guard let quote = peek() else { throw LangError.syntax("unterminated string literal", startRange) }
        let triple = peek(1) == quote && peek(2) == quote
        pos += triple ? 3 : 1
        var out = ""
        while true {
            guard let c = peek() else {
                throw LangError.syntax(triple ? "unterminated triple-quoted string literal" : "unterminated string literal", startRange)
            }
            if c == quote {
                if !triple { pos += 1; return out }
                if peek(1) == quote && peek(2) == quote { pos += 3; return out }
            }
            if c == "\n" {
                if !triple { throw LangError.syntax("unterminated string literal", startRange) }
                out.append(c); pos += 1; line += 1; lineStart = pos
                continue
            }
            if c == "\\", let next = peek(1) {
                if raw {
                    out.append(c); out.append(next); pos += 2
                    if next == "\n" { line += 1; lineStart = pos }
                    continue
                }
                pos += 2
                switch next {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "0": out.append("\0")
                case "\\": out.append("\\")
                case "'": out.append("'")
                case "\"": out.append("\"")
                case "\n": line += 1; lineStart = pos
                case "x", "u":
                    let count = next == "x" ? 2 : 4
                    var hex = ""
                    for _ in 0..<count { if let h = peek(), h.isHexDigit { hex.append(h); pos += 1 } }
                    if let v = UInt32(hex, radix: 16), hex.count == count, let scalar = Unicode.Scalar(v) {
                        out.append(Character(scalar))
                    } else {
                        throw LangError.syntax("(unicode error) truncated \\\(next) escape", startRange)
                    }
                default: out.append("\\"); out.append(next)
                }
                continue
            }
            out.append(c); pos += 1
        }
    }

    /// Splits f-string text into literal runs and `{expr!c:spec}` fields.
    static func splitFString(_ text: String, raw: Bool, line: Int, column: Int, at range: SourceRange) throws -> [FStringPart] {
        let cs = Array(text)
        var parts: [FStringPart] = []
        var literal = ""
        var i = 0
        while i < cs.count {
            let c = cs[i]
            if c == "{" {
                if i + 1 < cs.count && cs[i + 1] == "{" { literal.append("{"); i += 2; continue }
                if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
                var depth = 0
                var j = i + 1
                var exprEnd = -1
                var conversion: Character?
                var specStart = -1
                var quote: Character?
                while j < cs.count {
                    let d = cs[j]
                    if let q = quote { if d == q { quote = nil }; j += 1; continue }
                    if d == "'" || d == "\"" { quote = d }
                    else if "([{".contains(d) { depth += 1 }
                    else if ")]".contains(d) { depth -= 1 }
                    else if d == "}" {
                        if depth == 0 { break }
                        depth -= 1
                    } else if depth == 0 && d == "!" && j + 1 < cs.count && cs[j + 1] != "=" && exprEnd < 0 {
                        exprEnd = j
                        conversion = j + 1 < cs.count ? cs[j + 1] : nil
                        j += 2
                        continue
                    } else if depth == 0 && d == ":" && specStart < 0 {
                        if exprEnd < 0 { exprEnd = j }
                        specStart = j + 1
                        // The spec runs to the matching close brace; nested fields are not supported.
                        while j < cs.count && cs[j] != "}" { j += 1 }
                        break
                    }
                    j += 1
                }
                guard j < cs.count else { throw LangError.syntax("f-string: expecting '}'", range) }
                if exprEnd < 0 { exprEnd = j }
                let source = String(cs[(i + 1)..<exprEnd])
                if source.trimmingCharacters(in: .whitespaces).isEmpty {
                    throw LangError.syntax("f-string: valid expression required before '}'", range)
                }
                if let conv = conversion, !"rsa".contains(conv) {
                    throw LangError.syntax("f-string: invalid conversion character '\(conv)': expected 's', 'r', or 'a'", range)
                }
                let spec = specStart >= 0 ? String(cs[specStart..<j]) : ""
                parts.append(.field(source: source, conversion: conversion, spec: spec, line: line, column: column + i + 1))
                i = j + 1
                continue
            }
            if c == "}" {
                if i + 1 < cs.count && cs[i + 1] == "}" { literal.append("}"); i += 2; continue }
                throw LangError.syntax("f-string: single '}' is not allowed", range)
            }
            if c == "\\" && !raw && i + 1 < cs.count {
                let n = cs[i + 1]
                switch n {
                case "n": literal.append("\n")
                case "t": literal.append("\t")
                case "\\": literal.append("\\")
                case "'": literal.append("'")
                case "\"": literal.append("\"")
                default: literal.append("\\"); literal.append(n)
                }
                i += 2
                continue
            }
            literal.append(c)
            i += 1
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        return parts
    }

    private static let threeCharOps: Set<String> = ["**=", "//=", "...", ">>=", "<<="]
    private static let twoCharOps: Set<String> = [
        "**", "//", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=", "@=", "->", "<<", ">>", ":=", "&=", "|=", "^=",
    ]

    private mutating func lexOperator() throws {
        let startColumn = column
        func take(_ n: Int) -> String? {
            guard pos + n <= chars.count else { return nil }
            return String(chars[pos..<(pos + n)])
        }
        var op: String
        if let three = take(3), Lexer.threeCharOps.contains(three) { op = three }
        else if let two = take(2), Lexer.twoCharOps.contains(two) { op = two }
        else {
            guard let c = peek() else { return }
            guard "+-*/%@<>=()[]{},:.;~&|^!".contains(c) else {
                throw LangError.syntax("invalid character '\(c)' (U+\(String(c.unicodeScalars.first?.value ?? 0, radix: 16, uppercase: true)))", here())
            }
            op = String(c)
        }
        pos += op.count
        let range = SourceRange(line: line, column: startColumn, endColumn: column)
        if let c = op.first, op.count == 1 {
            if "([{".contains(c) {
                if brackets.count >= 200 { throw LangError.syntax("too many nested parentheses", range) }
                brackets.append(c)
            } else if ")]}".contains(c) {
                let expected: Character = c == ")" ? "(" : (c == "]" ? "[" : "{")
                guard let open = brackets.last else { throw LangError.syntax("unmatched '\(c)'", range) }
                if open != expected {
                    throw LangError.syntax("closing parenthesis '\(c)' does not match opening parenthesis '\(open)'", range)
                }
                brackets.removeLast()
            }
        }
        if op == "!" { throw LangError.syntax("invalid syntax", range, hint: "Python writes 'not x' for negation and '!=' for inequality.") }
        tokens.append(Token(kind: .op(op), range: range))
    }
}
