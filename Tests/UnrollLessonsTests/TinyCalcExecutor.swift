// A tiny deterministic calculator language used to exercise the lesson engine without the real interpreter.
import Foundation
@testable import UnrollLessons

/// Runs statements of a small calculator: `x = expr`, `print(a, b)`, bare expressions echo their repr,
/// `for i in range(n):` with an indented body, `fail("text")` raises. Errors read like Python's last line.
final class TinyCalcExecutor: CellExecutor {
    enum Value: Equatable {
        case int(Int), double(Double), string(String), bool(Bool), none

        var repr: String {
            switch self {
            case .int(let v): return String(v)
            case .double(let v): return v == v.rounded() && abs(v) < 1e16 ? String(format: "%.1f", v) : String(v)
            case .string(let s): return "'\(s)'"
            case .bool(let b): return b ? "True" : "False"
            case .none: return "None"
            }
        }
        var str: String { if case .string(let s) = self { return s } else { return repr } }
        var number: Double? {
            switch self {
            case .int(let v): return Double(v)
            case .double(let v): return v
            default: return nil
            }
        }
    }

    struct Failure: Error { let text: String }

    var variables: [String: Value] = [:]
    private var output = ""
    private(set) var resets = 0
    private(set) var executed: [String] = []

    func reset() {
        variables = [:]
        resets += 1
    }

    func execute(_ source: String) -> ExecutionResult {
        executed.append(source)
        output = ""
        do {
            try run(lines: source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), echo: true)
            return ExecutionResult(output: output)
        } catch {
            return ExecutionResult(output: output, error: error.text)
        }
    }

    private func run(lines: [String], echo: Bool) throws(Failure) {
        var index = 0
        while index < lines.count {
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            index += 1
            if line.isEmpty { continue }
            if line.hasPrefix("for "), line.hasSuffix(":") {
                let header = line.dropFirst(4).dropLast()
                let parts = header.components(separatedBy: " in range(")
                guard parts.count == 2, parts[1].hasSuffix(")") else { throw Failure(text: "SyntaxError: invalid syntax") }
                let name = parts[0].trimmingCharacters(in: .whitespaces)
                guard case .int(let count) = try evaluate(String(parts[1].dropLast())) else {
                    throw Failure(text: "TypeError: range() needs an int")
                }
                var body: [String] = []
                while index < lines.count, lines[index].hasPrefix(" ") {
                    body.append(lines[index])
                    index += 1
                }
                for i in 0..<max(0, count) {
                    variables[name] = .int(i)
                    try run(lines: body, echo: false)
                }
                continue
            }
            if let equals = assignmentSplit(line) {
                variables[equals.name] = try evaluate(equals.expression)
                continue
            }
            let value = try evaluate(line)
            if echo, value != .none { output += value.repr + "\n" }
        }
    }

    private func assignmentSplit(_ line: String) -> (name: String, expression: String)? {
        guard let equals = line.firstIndex(of: "=") else { return nil }
        let after = line.index(after: equals)
        if after < line.endIndex, line[after] == "=" { return nil }
        let name = line[..<equals].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        return (name, String(line[after...]))
    }

    // MARK: expressions

    private var tokens: [String] = []
    private var position = 0

    func evaluate(_ text: String) throws(Failure) -> Value {
        tokens = tokenize(text)
        position = 0
        let value = try comparison()
        guard position == tokens.count else { throw Failure(text: "SyntaxError: invalid syntax") }
        return value
    }

    private func tokenize(_ text: String) -> [String] {
        var result: [String] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            if c == "'" || c == "\"" {
                var j = i + 1
                while j < chars.count, chars[j] != c { j += 1 }
                result.append(String(chars[i..<min(j + 1, chars.count)]))
                i = j + 1
            } else if c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isNumber) {
                var j = i
                while j < chars.count, chars[j].isNumber || chars[j] == "." || chars[j] == "e"
                    || ((chars[j] == "-" || chars[j] == "+") && j > i && chars[j - 1] == "e") { j += 1 }
                result.append(String(chars[i..<j]))
                i = j
            } else if c.isLetter || c == "_" {
                var j = i
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j += 1 }
                result.append(String(chars[i..<j]))
                i = j
            } else if i + 1 < chars.count, ["==", "!="].contains(String(chars[i...i + 1])) {
                result.append(String(chars[i...i + 1]))
                i += 2
            } else {
                result.append(String(c))
                i += 1
            }
        }
        return result
    }

    private var peek: String? { position < tokens.count ? tokens[position] : nil }

    private func take(_ token: String) -> Bool {
        if peek == token { position += 1; return true }
        return false
    }

    private func comparison() throws(Failure) -> Value {
        let left = try additive()
        for op in ["==", "!=", "<", ">"] where take(op) {
            let right = try additive()
            let equal = left == right || (left.number != nil && left.number == right.number)
            if op == "==" { return .bool(equal) }
            if op == "!=" { return .bool(!equal) }
            guard let a = left.number, let b = right.number else { throw Failure(text: "TypeError: '\(op)' needs numbers") }
            return .bool(op == "<" ? a < b : a > b)
        }
        return left
    }

    private func additive() throws(Failure) -> Value {
        var value = try multiplicative()
        while let op = peek, op == "+" || op == "-" {
            position += 1
            value = try arithmetic(op, value, try multiplicative())
        }
        return value
    }

    private func multiplicative() throws(Failure) -> Value {
        var value = try unary()
        while let op = peek, op == "*" || op == "/" {
            position += 1
            value = try arithmetic(op, value, try unary())
        }
        return value
    }

    private func unary() throws(Failure) -> Value {
        if take("-") { return try arithmetic("-", .int(0), try unary()) }
        return try primary()
    }

    private func arithmetic(_ op: String, _ a: Value, _ b: Value) throws(Failure) -> Value {
        if op == "+", case .string(let x) = a, case .string(let y) = b { return .string(x + y) }
        if case .int(let x) = a, case .int(let y) = b, op != "/" {
            switch op {
            case "+": return .int(x &+ y)
            case "-": return .int(x &- y)
            default: return .int(x &* y)
            }
        }
        guard let x = a.number, let y = b.number else {
            throw Failure(text: "TypeError: unsupported operand type(s) for \(op)")
        }
        switch op {
        case "+": return .double(x + y)
        case "-": return .double(x - y)
        case "*": return .double(x * y)
        default:
            guard y != 0 else { throw Failure(text: "ZeroDivisionError: division by zero") }
            return .double(x / y)
        }
    }

    private func primary() throws(Failure) -> Value {
        guard let token = peek else { throw Failure(text: "SyntaxError: unexpected end of input") }
        position += 1
        if token == "(" {
            let value = try comparison()
            guard take(")") else { throw Failure(text: "SyntaxError: '(' was never closed") }
            return value
        }
        if token.first == "'" || token.first == "\"" {
            guard token.count >= 2, token.last == token.first else { throw Failure(text: "SyntaxError: unterminated string literal") }
            return .string(String(token.dropFirst().dropLast()))
        }
        if let int = Int(token) { return .int(int) }
        if let double = Double(token) { return .double(double) }
        if token == "True" { return .bool(true) }
        if token == "False" { return .bool(false) }
        if token == "None" { return .none }
        if take("(") {
            var arguments: [Value] = []
            if !take(")") {
                repeat { arguments.append(try comparison()) } while take(",")
                guard take(")") else { throw Failure(text: "SyntaxError: '(' was never closed") }
            }
            return try call(token, arguments)
        }
        guard let value = variables[token] else { throw Failure(text: "NameError: name '\(token)' is not defined") }
        return value
    }

    private func call(_ name: String, _ arguments: [Value]) throws(Failure) -> Value {
        switch (name, arguments.count) {
        case ("print", _):
            output += arguments.map(\.str).joined(separator: " ") + "\n"
            return .none
        case ("fmt", 2):
            guard let x = arguments[0].number, case .int(let digits) = arguments[1] else { throw Failure(text: "TypeError: fmt(x, digits)") }
            return .string(String(format: "%.\(digits)f", x))
        case ("fail", 1):
            throw Failure(text: "RuntimeError: \(arguments[0].str)")
        case ("len", 1):
            guard case .string(let s) = arguments[0] else { throw Failure(text: "TypeError: object has no len()") }
            return .int(s.count)
        default:
            throw Failure(text: "NameError: name '\(name)' is not defined")
        }
    }
}
