// Errors of the data library: the Python exception class the same failure raises in pandas/PyTorch, and its text.

/// A failed data operation. `kind` is the Python exception class name (`ParserError`, `FileNotFoundError`,
/// `KeyError`, `IndexError`, `ValueError`...) so the language can raise it unchanged.
public struct DataError: Error, CustomStringConvertible, Equatable, Sendable {
    public var kind: String
    public var message: String
    public var hint: String?

    public init(_ kind: String, _ message: String, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
    }

    public static func value(_ message: String) -> DataError { DataError("ValueError", message) }
    public static func index(_ message: String) -> DataError { DataError("IndexError", message) }

    /// `Kind: message`, as Python's last traceback line.
    public var description: String { "\(kind): \(message)" }
}
