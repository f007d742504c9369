// torch.optim.Optimizer: parameter groups with hyperparameters, per-parameter state, zero_grad and PyTorch's repr.
import UnrollTensor

/// A hyperparameter value in a parameter group, kept with its Python type so `repr` prints it as PyTorch does
/// (`weight_decay: 0` for the default int, `0.0` when the user passed a float).
public enum HyperValue: Equatable, Sendable {
    case int(Int64)
    case float(Double)
    case bool(Bool)
    case none
    case tuple([HyperValue])
    case str(String)
    case list([HyperValue])

    /// The number, for ints, floats and bools.
    public var double: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .float(let d): return d
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    public var bool: Bool {
        switch self {
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .float(let d): return d != 0
        case .none: return false
        case .tuple(let items), .list(let items): return !items.isEmpty
        case .str(let text): return !text.isEmpty
        }
    }

    /// Python's `repr` of the value.
    public var repr: String {
        switch self {
        case .int(let i): return String(i)
        case .float(let d): return PythonFloatRepr.format(d)
        case .bool(let b): return b ? "True" : "False"
        case .none: return "None"
        case .tuple(let items):
            return "(" + items.map(\.repr).joined(separator: ", ") + (items.count == 1 ? ",)" : ")")
        case .list(let items): return "[" + items.map(\.repr).joined(separator: ", ") + "]"
        case .str(let text): return PythonStringRepr.format(text)
        }
    }
}

/// One entry of `optimizer.param_groups`: its parameters and hyperparameters in PyTorch's key order.
public final class ParamGroup {
    public var params: [Tensor]
    public private(set) var keys: [String] = []
    private var values: [String: HyperValue] = [:]

    public init(params: [Tensor], options: [(String, HyperValue)]) {
        self.params = params
        for (key, value) in options { self[key] = value }
    }

    /// `group[key]`; setting a new key appends it (as a Python dict does).
    public subscript(_ key: String) -> HyperValue? {
        get { values[key] }
        set {
            guard let newValue else {
                keys.removeAll { $0 == key }
                values[key] = nil
                return
            }
            if values[key] == nil { keys.append(key) }
            values[key] = newValue
        }
    }

    /// A numeric hyperparameter, e.g. `lr`.
    public func number(_ key: String) throws -> Double {
        guard let value = values[key]?.double else {
            throw TensorError.type("parameter group entry '\(key)' must be a number, not \(values[key]?.repr ?? "missing")")
        }
        return value
    }

    public func flag(_ key: String) -> Bool { values[key]?.bool ?? false }
}

/// What a caller passes for one parameter group: its tensors and the hyperparameters it overrides.
public struct ParamGroupSpec {
    public var params: [Tensor]
    public var overrides: [(String, HyperValue)]
    public init(params: [Tensor], overrides: [(String, HyperValue)] = []) {
        self.params = params
        self.overrides = overrides
    }
}

/// The base of `SGD` and `Adam`, as `torch.optim.Optimizer`: parameter groups whose missing keys come from
/// `defaults`, state per parameter, `zero_grad` and the `repr` PyTorch prints.
open class Optimizer {
    public let defaults: [(String, HyperValue)]
    public private(set) var paramGroups: [ParamGroup] = []

    /// The class name printed by `repr`.
    open var typeName: String { String(describing: type(of: self)) }

    public init(_ groups: [ParamGroupSpec], defaults: [(String, HyperValue)]) throws {
        self.defaults = defaults
        guard !groups.isEmpty else { throw TensorError.value("optimizer got an empty parameter list") }
        for group in groups { try addParamGroup(group) }
    }

    /// `add_param_group`: fills missing hyperparameters from `defaults`; parameters must be leaves and appear once.
    public func addParamGroup(_ spec: ParamGroupSpec) throws {
        for p in spec.params where !p.isLeaf {
            throw TensorError.value("can't optimize a non-leaf Tensor")
        }
        let existing = Set(paramGroups.flatMap { $0.params.map(ObjectIdentifier.init) })
        if spec.params.contains(where: { existing.contains(ObjectIdentifier($0)) }) {
            throw TensorError.value("some parameters appear in more than one parameter group")
        }
        // As a Python dict: the caller's keys in their order, then the defaults it did not set (`setdefault`).
        var options = spec.overrides
        for (key, value) in defaults where !options.contains(where: { $0.0 == key }) { options.append((key, value)) }
        paramGroups.append(ParamGroup(params: spec.params, options: options))
    }

    /// One update of every parameter that has a gradient.
    open func step() throws {}

    /// `zero_grad(set_to_none=True)`: drops gradients, or zeroes them in place when `setToNone` is false.
    public func zeroGrad(setToNone: Bool = true) throws {
        for group in paramGroups {
            for p in group.params {
                guard let g = p.grad else { continue }
                if setToNone { p.grad = nil } else { try GradMode.withDisabled { _ = try g.detach().zero_() } }
            }
        }
    }

    /// PyTorch's `repr(optimizer)`: every group's hyperparameters in sorted key order.
    public var repr: String {
        var text = typeName + " ("
        for (i, group) in paramGroups.enumerated() {
            text += "\nParameter Group \(i)"
            for key in group.keys.sorted() where key != "params" {
                text += "\n    \(key): \(group[key]?.repr ?? "None")"
            }
            if i < paramGroups.count - 1 { text += "\n" }
        }
        return text + "\n)"
    }

    // MARK: helpers for subclasses

    /// The parameter's gradient as a dense tensor of the parameter's dtype, or nil when it has none.
    func denseGradient(of p: Tensor) throws -> Tensor? {
        guard let g = p.grad else { return nil }
        guard g.shape == p.shape else {
            throw TensorError.runtime("gradient shape \(Shape.describe(g.shape)) does not match parameter shape \(Shape.describe(p.shape))")
        }
        return try GradMode.withDisabled { try g.detach().to(p.dtype).contiguous() }
    }
}

extension Optimizer: CustomStringConvertible {
    public var description: String { repr }
}

/// Element access to a parameter's storage in logical order, contiguous or not, for in-place updates.
struct ParameterElements {
    let positions: [Int]?
    let offset: Int
    let count: Int

    init(_ t: Tensor) {
        offset = t.offset
        count = t.numel
        positions = t.isContiguous ? nil : t.storagePositions()
    }

    @inline(__always) func position(_ i: Int) -> Int { positions?[i] ?? (offset + i) }
}

/// Python's `repr` of a str: single quotes unless the text holds a single quote and no double quote.
enum PythonStringRepr {
    static func format(_ text: String) -> String {
        let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
        var out = String(quote)
        for ch in text {
            switch ch {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case quote: out += "\\" + String(quote)
            default: out.append(ch)
            }
        }
        out.append(quote)
        return out
    }
}
