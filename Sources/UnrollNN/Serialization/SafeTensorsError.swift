// The error a safetensors read or write raises: which file, what is wrong with it, and Python's exception class.

/// A problem with a `.safetensors` file. `pythonType` is the exception Python would raise for it
/// (`SafetensorError` for a malformed file, `FileNotFoundError`, `OSError`, `RuntimeError` for a PyTorch pickle), `message` names the problem.
public struct SafeTensorsError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case format = "SafetensorError"
        case fileNotFound = "FileNotFoundError"
        case io = "OSError"
        case notSafeTensors = "RuntimeError"
    }

    public var kind: Kind
    public var message: String
    /// A teaching note shown after the message.
    public var hint: String?

    public init(_ kind: Kind, _ message: String, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
    }

    /// The exception class name, as Python's traceback prints it.
    public var pythonType: String { kind.rawValue }

    public var description: String { "\(pythonType): \(message)" }

    /// A malformed header or data section.
    static func format(_ problem: String) -> SafeTensorsError {
        SafeTensorsError(.format, "Error while deserializing header: \(problem)")
    }
}
