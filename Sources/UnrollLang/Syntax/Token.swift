// Tokens produced by the lexer, each with its source position (1-based line and column).

/// A position span inside one source line, used for carets under failing code.
public struct SourceRange: Sendable, Equatable {
    public var line: Int
    public var column: Int
    public var endColumn: Int
    public init(line: Int, column: Int, endColumn: Int) {
        self.line = line
        self.column = column
        self.endColumn = max(endColumn, column + 1)
    }
    /// The span from the start of `self` to the end of `other` (clamped to this line).
    func through(_ other: SourceRange) -> SourceRange {
        if other.line != line { return self }
        return SourceRange(line: line, column: column, endColumn: max(endColumn, other.endColumn))
    }
}

/// One piece of an f-string: literal text or a replacement field.
enum FStringPart: Sendable {
    case literal(String)
    case field(source: String, conversion: Character?, spec: String, line: Int, column: Int)
}

enum TokenKind: Equatable, Sendable {
    case name(String)
    case keyword(String)
    case int(Int64)
    case float(Double)
    case string(String)
    case fstring([FStringPartBox])
    case op(String)
    case newline
    case indent
    case dedent
    case end
}

/// Equatable wrapper so `TokenKind` stays Equatable.
struct FStringPartBox: Equatable, Sendable {
    let part: FStringPart
    static func == (a: FStringPartBox, b: FStringPartBox) -> Bool { false }
}

struct Token: Sendable {
    var kind: TokenKind
    var range: SourceRange
}

let pythonKeywords: Set<String> = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
    "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
]
