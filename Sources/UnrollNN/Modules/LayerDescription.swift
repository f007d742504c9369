// How a layer describes itself once: constructor settings, forward arguments, Python path and help, for every view of it.
import Foundation
import UnrollTensor

/// A constructor setting's value, independent of the language that passes it.
public enum SettingValue: @unchecked Sendable, Equatable {
    case int(Int)
    case double(Double)
    case bool(Bool)
    case string(String)
    case none
    /// A tensor argument (a loss's class `weight`), compared by identity.
    case tensor(Tensor)
    /// The modules `nn.Sequential(*modules)` chains (never an attribute).
    case modules([ModuleBox])

    public static func == (a: SettingValue, b: SettingValue) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.none, .none): return true
        case (.tensor(let x), .tensor(let y)): return x === y
        case (.modules(let x), .modules(let y)): return x == y
        default: return false
        }
    }

    /// How Python's `repr` shows a default in a signature (`num_layers=1`, `nonlinearity='tanh'`).
    public var pythonRepr: String {
        switch self {
        case .int(let i): return String(i)
        case .double(let d): return PythonFloatRepr.format(d)
        case .bool(let b): return b ? "True" : "False"
        case .string(let s): return "'\(s)'"
        case .none: return "None"
        case .tensor, .modules: return "..."
        }
    }
}

/// A module inside a `SettingValue` (values are Equatable by identity).
public struct ModuleBox: @unchecked Sendable, Equatable {
    public let module: Module
    public init(_ module: Module) { self.module = module }
    public static func == (a: ModuleBox, b: ModuleBox) -> Bool { a.module === b.module }
}

/// What a setting accepts, so a front end converts its own values with Python's error wording.
public enum SettingKind: Sendable, Equatable {
    case int, double, bool, string
    /// An int or None (`padding_idx`).
    case optionalInt
    /// A float or None (`max_norm`).
    case optionalDouble
    /// A bool or None (the legacy `size_average` and `reduce` of the losses).
    case optionalBool
    /// A tensor or None (`weight` of a loss).
    case optionalTensor
    /// Accepted for PyTorch compatibility and ignored: Unroll has one device and computes in float32 (`device`, `dtype`).
    case ignored
    /// `*modules`: every positional argument is a module.
    case modules
}

/// One constructor argument, or one attribute PyTorch sets from the arguments (`mode` of nn.LSTM).
public struct LayerSetting: Sendable {
    public enum Role: Sendable {
        /// A constructor argument that the module also exposes as an attribute (`hidden_size`).
        case argument
        /// A constructor argument that is not an attribute of that name (Linear's `bias` becomes a parameter).
        case argumentOnly
        /// An attribute the constructor derives (`mode`); not an argument.
        case attributeOnly
    }

    public let name: String
    public let kind: SettingKind
    /// The default; nil for a required argument.
    public let defaultValue: SettingValue?
    public let role: Role
    /// One line for `help()`: what the setting means.
    public let summary: String
    /// False for an argument PyTorch accepts only to reject it or for compatibility (`proj_size` of nn.GRU):
    /// bound like any other, left out of the signature `help()` shows.
    public let documented: Bool

    public init(_ name: String, _ kind: SettingKind, default defaultValue: SettingValue? = nil, role: Role = .argument,
                documented: Bool = true, _ summary: String = "") {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.role = role
        self.documented = documented
        self.summary = summary
    }

    /// `device=None, dtype=None`, which every PyTorch layer with parameters accepts.
    public static let factoryKeywords = [
        LayerSetting("device", .ignored, default: SettingValue.none, role: .argumentOnly),
        LayerSetting("dtype", .ignored, default: SettingValue.none, role: .argumentOnly),
    ]
}

/// A parameter of `forward`, in order.
public struct ForwardArgument: Sendable {
    public let name: String
    public let required: Bool
    public init(_ name: String, required: Bool = true) {
        self.name = name
        self.required = required
    }
}

/// The settings a constructor was called with, already converted by kind; defaults fill what was not passed.
public struct LayerArguments {
    public let values: [String: SettingValue]

    public init(_ values: [String: SettingValue]) { self.values = values }

    public func int(_ name: String) throws -> Int {
        if case .int(let i)? = values[name] { return i }
        throw TensorError.type("\(name) must be int")
    }

    public func double(_ name: String) throws -> Double {
        switch values[name] {
        case .double(let d)?: return d
        case .int(let i)?: return Double(i)
        default: throw TensorError.type("\(name) must be float")
        }
    }

    public func bool(_ name: String) throws -> Bool {
        if case .bool(let b)? = values[name] { return b }
        throw TensorError.type("\(name) must be bool")
    }

    public func string(_ name: String) throws -> String {
        if case .string(let s)? = values[name] { return s }
        throw TensorError.type("\(name) must be str")
    }

    public func optionalInt(_ name: String) throws -> Int? {
        switch values[name] {
        case .int(let i)?: return i
        case .none?, nil: return nil
        default: throw TensorError.type("\(name) must be int or None")
        }
    }

    public func optionalDouble(_ name: String) throws -> Double? {
        switch values[name] {
        case .double(let d)?: return d
        case .int(let i)?: return Double(i)
        case .none?, nil: return nil
        default: throw TensorError.type("\(name) must be float or None")
        }
    }

    public func optionalBool(_ name: String) throws -> Bool? {
        switch values[name] {
        case .bool(let b)?: return b
        case .none?, nil: return nil
        default: throw TensorError.type("\(name) must be bool or None")
        }
    }

    public func optionalTensor(_ name: String) -> Tensor? {
        if case .tensor(let t)? = values[name] { return t }
        return nil
    }

    public func modules(_ name: String) -> [Module] {
        if case .modules(let boxes)? = values[name] { return boxes.map(\.module) }
        return []
    }
}

/// Everything the language, `help()`, completion and the inspection commands know about one layer class.
public struct LayerDescription: @unchecked Sendable {
    /// The class name, `LSTM`.
    public let name: String
    /// Where PyTorch defines it, `torch.nn.modules.rnn`.
    public let pythonModule: String
    /// Constructor arguments in PyTorch's order, then derived attributes.
    public let settings: [LayerSetting]
    /// What `forward` takes.
    public let forward: [ForwardArgument]
    /// `help()` lines after the arguments: the shapes read and returned, the parameters.
    public let shapes: String
    /// True for `nn.Identity(*args, **kwargs)`, which takes any arguments and ignores them.
    public let ignoresArguments: Bool
    /// Builds the layer from converted settings.
    public let make: (LayerArguments) throws -> Module

    public init(_ name: String, module pythonModule: String, settings: [LayerSetting], forward: [ForwardArgument],
                shapes: String = "", ignoresArguments: Bool = false, make: @escaping (LayerArguments) throws -> Module) {
        self.name = name
        self.pythonModule = pythonModule
        self.settings = settings
        self.forward = forward
        self.shapes = shapes
        self.ignoresArguments = ignoresArguments
        self.make = make
    }

    /// `torch.nn.modules.rnn.LSTM`.
    public var qualifiedName: String { "\(pythonModule).\(name)" }

    /// The constructor's parameters, in order.
    public var arguments: [LayerSetting] { settings.filter { $0.role != .attributeOnly } }

    /// How many leading arguments are required.
    public var requiredCount: Int { arguments.prefix { $0.defaultValue == nil && $0.kind != .modules }.count }

    /// The attributes an instance exposes from its settings.
    public var attributeNames: [String] { settings.filter { $0.role != .argumentOnly }.map(\.name) }

    /// `nn.LSTM(input_size, hidden_size, num_layers=1, ...)`, without the ignored factory keywords.
    public var signature: String {
        let shown = arguments.filter { $0.kind != .ignored && $0.documented }.map { s -> String in
            if s.kind == .modules { return "*\(s.name)" }
            return s.defaultValue.map { "\(s.name)=\($0.pythonRepr)" } ?? s.name
        }
        return "nn.\(name)(\(ignoresArguments ? "*args, **kwargs" : shown.joined(separator: ", ")))"
    }

    /// `help(nn.LSTM)`'s body: the signature, one line per documented setting, then the shapes.
    public var helpText: String {
        var lines = [signature]
        let documented = settings.filter { !$0.summary.isEmpty && $0.documented }
        let width = documented.map { argumentLabel($0).count }.max() ?? 0
        for s in documented {
            lines.append("  " + argumentLabel(s).padding(toLength: width + 2, withPad: " ", startingAt: 0) + s.summary)
        }
        if !shapes.isEmpty { lines.append(shapes) }
        return lines.joined(separator: "\n")
    }

    private func argumentLabel(_ s: LayerSetting) -> String {
        s.defaultValue.map { "\(s.name)=\($0.pythonRepr)" } ?? s.name
    }
}

/// A layer class that describes itself (every built-in torch.nn layer).
public protocol DescribedLayer: Module {
    static var layerDescription: LayerDescription { get }
}

/// `U(-b, b)` with b = 1/sqrt(fan), as `:shapes` shows PyTorch's default initialisations.
func uniformBounds(_ fan: Int) -> String {
    let b = String(format: "%.4g", fan > 0 ? 1 / Double(fan).squareRoot() : 0)
    return "U(-\(b), \(b))"
}

/// `U(-b, b), k = 1/√hidden_size`: the bounds and where they come from.
func uniformInitialisation(fanName: String, _ fan: Int) -> String {
    uniformBounds(fan) + ", k = 1/√\(fanName)"
}
