// The error value of the language: a Python exception type, its message, an optional teaching hint and a source span.

/// An error raised while lexing, parsing or running code. Printed like Python's last traceback line
/// (`NameError: name 'x' is not defined`), then the source line with a caret, then the hint.
public struct LangError: Error, Sendable, CustomStringConvertible {
    /// The Python exception class name, e.g. `TypeError`.
    public var type: String
    public var message: String
    /// A teaching note (or Python's `Did you mean: ...?`) printed on its own line after the caret.
    public var hint: String?
    public var range: SourceRange?
    /// The text of the source line `range` refers to (filled when the range is attached).
    public var sourceLine: String?

    public init(_ type: String, _ message: String, hint: String? = nil, range: SourceRange? = nil) {
        self.type = type
        self.message = message
        self.hint = hint
        self.range = range
    }

    /// `Type: message` (or just `Type` when the message is empty, as Python prints `KeyboardInterrupt`).
    public var description: String { message.isEmpty ? type : "\(type): \(message)" }

    static func syntax(_ message: String, _ range: SourceRange?, hint: String? = nil) -> LangError {
        LangError("SyntaxError", message, hint: hint, range: range)
    }
    static func typeError(_ message: String) -> LangError { LangError("TypeError", message) }
    static func valueError(_ message: String) -> LangError { LangError("ValueError", message) }
    static func attributeError(_ message: String) -> LangError { LangError("AttributeError", message) }
}
