// Decides whether actual output matches a cell's expected lines: exact text and integers, floats to printed precision, elisions.
import Foundation

/// Compares expected output (as written in a lesson) with actual output.
///
/// - Text and integers must match exactly (after dropping trailing whitespace).
/// - A float matches when it differs from the expected one by at most half a unit of the expected
///   number's last printed digit (plus a tiny epsilon), or, with a ``Tolerance``, by at most
///   `tolerance * max(1, |expected|)`. An expected float only matches an actual float (`1.` is not `1`).
/// - `[..]` inside a line matches any text (it does not split a number); a line that is exactly `[...]`
///   matches any number of lines, none included. `<BLANKLINE>` stands for an empty line.
public struct OutputMatcher: Sendable {
    public var tolerance: Tolerance?

    public init(tolerance: Tolerance? = nil) { self.tolerance = tolerance }

    /// The marker line that elides any number of lines.
    public static let lineElision = "[...]"
    /// The marker that elides any text inside a line.
    public static let inlineElision = "[..]"
    /// How an empty output line is written in a lesson.
    public static let blankLine = "<BLANKLINE>"

    /// Whether all of `actual` matches all of `expected`.
    public func matches(expected: [String], actual: [String]) -> Bool {
        let patterns = expected.map(LinePattern.init)
        let actualLines = actual.map(trimTrailingWhitespace)
        return globMatch(patterns, actualLines, isWildcard: { $0.isLineElision }) { pattern, line in
            lineMatches(pattern, line)
        }
    }

    /// Whether one expected line (not `[...]`) matches one actual line.
    public func lineMatches(expected: String, actual: String) -> Bool {
        lineMatches(LinePattern(expected), trimTrailingWhitespace(actual))
    }

    func lineMatches(_ pattern: LinePattern, _ actual: String, tokens: [OutputToken]? = nil) -> Bool {
        if pattern.isLineElision { return true }
        if pattern.text == actual { return true }
        let actualTokens = tokens ?? tokenize(actual, allowElision: false)
        return globMatch(pattern.tokens, actualTokens, isWildcard: { $0 == .elision }) { expected, actual in
            tokenMatches(expected, actual)
        }
    }

    func tokenMatches(_ expected: OutputToken, _ actual: OutputToken) -> Bool {
        switch (expected, actual) {
        case (.character(let e), .character(let a)): return e == a
        case (.float(let e), .float(let a)):
            if e.text == a.text { return true }
            let difference = abs(a.value - e.value)
            guard difference.isFinite else { return false }
            var allowed = e.halfUnit * (1 + 1e-9)
            if let tolerance { allowed = max(allowed, tolerance.value * max(1, abs(e.value))) }
            return difference <= allowed
        default: return false
        }
    }
}

/// An expected line, prepared once.
struct LinePattern {
    let text: String
    let isLineElision: Bool
    let tokens: [OutputToken]

    init(_ raw: String) {
        let trimmed = trimTrailingWhitespace(raw)
        let text = trimmed == OutputMatcher.blankLine ? "" : trimmed
        self.text = text
        self.isLineElision = text.trimmingCharacters(in: .whitespaces) == OutputMatcher.lineElision
        self.tokens = tokenize(text, allowElision: true)
    }
}

/// A float as printed, with the precision its digits show.
struct PrintedFloat: Equatable {
    let text: String
    let value: Double
    /// Half a unit of the last printed digit.
    let halfUnit: Double
}

enum OutputToken: Equatable {
    case character(Character)
    case float(PrintedFloat)
    case elision
}

/// Splits a line into characters and floats (integers stay characters: they compare exactly).
func tokenize(_ line: String, allowElision: Bool) -> [OutputToken] {
    let chars = Array(line)
    var tokens: [OutputToken] = []
    tokens.reserveCapacity(chars.count)
    var i = 0
    while i < chars.count {
        if allowElision, i + 3 < chars.count, chars[i] == "[", chars[i + 1] == ".", chars[i + 2] == ".", chars[i + 3] == "]" {
            tokens.append(.elision)
            i += 4
            continue
        }
        if let (float, end) = scanFloat(chars, at: i) {
            tokens.append(.float(float))
            i = end
            continue
        }
        tokens.append(.character(chars[i]))
        i += 1
    }
    return tokens
}

/// Reads a float like `-0.1234`, `1.`, `3.5e-04` starting at `start`, if one starts there and is not part of a word.
func scanFloat(_ chars: [Character], at start: Int) -> (PrintedFloat, Int)? {
    if start > 0 {
        let before = chars[start - 1]
        if before.isLetter || before.isNumber || before == "_" || before == "." { return nil }
    }
    var i = start
    if i < chars.count, chars[i] == "-" || chars[i] == "+" { i += 1 }
    let integerStart = i
    while i < chars.count, chars[i].isASCIIDigit { i += 1 }
    let integerDigits = i - integerStart
    guard i < chars.count || integerDigits > 0 else { return nil }
    var decimals = 0
    var isFloat = false
    if i < chars.count, chars[i] == "." {
        var j = i + 1
        while j < chars.count, chars[j].isASCIIDigit { j += 1 }
        decimals = j - i - 1
        if integerDigits > 0 || decimals > 0 {
            isFloat = true
            i = j
        }
    }
    guard integerDigits > 0 || decimals > 0 else { return nil }
    var exponent = 0
    if i < chars.count, chars[i] == "e" || chars[i] == "E" {
        var j = i + 1
        var negative = false
        if j < chars.count, chars[j] == "-" || chars[j] == "+" {
            negative = chars[j] == "-"
            j += 1
        }
        let digitsStart = j
        while j < chars.count, chars[j].isASCIIDigit { j += 1 }
        if j > digitsStart, let magnitude = Int(String(chars[digitsStart..<j])), magnitude < 400 {
            exponent = negative ? -magnitude : magnitude
            isFloat = true
            i = j
        }
    }
    guard isFloat else { return nil }
    if i < chars.count, chars[i].isLetter || chars[i] == "_" { return nil }
    let text = String(chars[start..<i])
    guard let value = Double(text) else { return nil }
    let halfUnit = 0.5 * pow(10, Double(exponent - decimals))
    return (PrintedFloat(text: text, value: value, halfUnit: halfUnit), i)
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

/// Glob matching where wildcards match any run of items and every other pattern item matches exactly one item.
/// Greedy with backtracking to the last wildcard: O(n·m) at worst, no recursion.
func globMatch<P, A>(_ pattern: [P], _ items: [A], isWildcard: (P) -> Bool, matches: (P, A) -> Bool) -> Bool {
    var p = 0
    var a = 0
    var lastWildcard: Int?
    var resumeAt = 0
    while a < items.count {
        if p < pattern.count, isWildcard(pattern[p]) {
            lastWildcard = p
            resumeAt = a
            p += 1
        } else if p < pattern.count, matches(pattern[p], items[a]) {
            p += 1
            a += 1
        } else if let wildcard = lastWildcard {
            p = wildcard + 1
            resumeAt += 1
            a = resumeAt
        } else {
            return false
        }
    }
    while p < pattern.count, isWildcard(pattern[p]) { p += 1 }
    return p == pattern.count
}
