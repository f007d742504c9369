// Errors the tensor library throws: PyTorch's exception kind and its message, word for word.

/// An error raised by a tensor operation. `kind` is the Python exception class PyTorch would raise
/// and `message` its text; `hint` is an optional teaching note shown on its own line after it.
public struct TensorError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: String, Sendable {
        case runtime = "RuntimeError"
        case index = "IndexError"
        case type = "TypeError"
        case value = "ValueError"
        case notImplemented = "NotImplementedError"
        case assertion = "AssertionError"
    }

    public var kind: Kind
    public var message: String
    public var hint: String?

    public init(_ kind: Kind, _ message: String, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
    }

    public static func runtime(_ message: String, hint: String? = nil) -> TensorError {
        TensorError(.runtime, message, hint: hint)
    }
    public static func index(_ message: String) -> TensorError { TensorError(.index, message) }
    public static func type(_ message: String) -> TensorError { TensorError(.type, message) }
    public static func value(_ message: String) -> TensorError { TensorError(.value, message) }

    /// `RuntimeError: message` as Python's last traceback line prints it.
    public var description: String { "\(kind.rawValue): \(message)" }
}
