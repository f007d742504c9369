// Module: PyTorch's nn.Module with ordered registration of parameters, buffers and submodules, state dicts and repr.
import Foundation
import UnrollTensor

/// What a module's forward takes and returns: a tensor, a (possibly nested) tuple, or None.
public enum ModuleValue {
    case tensor(Tensor)
    case tuple([ModuleValue])
    case none

    /// The tensor inside `.tensor`, or nil.
    public var tensor: Tensor? {
        if case .tensor(let t) = self { return t }
        return nil
    }
}

/// The base of every layer, as `torch.nn.Module`. Parameters, buffers and submodules are kept in
/// registration (definition) order, which fixes names, `state_dict` order and initialisation order.
/// A language-defined subclass (`class Net(nn.Module)`) uses a plain `Module` with `customTypeName`,
/// registering attributes through `register(_:parameter:)` and `register(_:module:)`; the language runs its forward.
open class Module {
    public private(set) var parameterNames: [String] = []
    public private(set) var parameterTable: [String: Tensor] = [:]
    public private(set) var bufferNames: [String] = []
    public private(set) var bufferTable: [String: Tensor] = [:]
    public private(set) var moduleNames: [String] = []
    public private(set) var moduleTable: [String: Module] = [:]

    /// `training`: true after `train()`, false after `eval()`.
    public private(set) var training = true

    /// The class name shown by `repr` for language-defined modules (`Net`); nil uses the Swift type name.
    public var customTypeName: String?

    public init() {}

    /// The name `repr` prints, e.g. `LSTM`.
    open var typeName: String {
        if let customTypeName { return customTypeName }
        return String(describing: type(of: self))
    }

    /// PyTorch's `extra_repr()`: the constructor arguments shown inside the parentheses.
    open func extraRepr() -> String { "" }

    /// The value of a setting the layer's description lists as an attribute (`hidden_size`); nil for others.
    open func settingValue(_ name: String) -> SettingValue? { nil }

    /// How `reset_parameters` initialises the parameter `name`, for `:shapes`; nil when the module does not say.
    open func initialisation(of name: String) -> String? { nil }

    /// Runs the module on positional arguments (what `module(x, h)` does in the language).
    open func forward(_ inputs: [ModuleValue]) throws -> ModuleValue {
        throw TensorError(.notImplemented,
                          "Module [\(typeName)] is missing the required \"forward\" function")
    }

    /// `module(x)` for a single tensor argument.
    public func callAsFunction(_ input: Tensor) throws -> ModuleValue { try forward([.tensor(input)]) }

    // MARK: registration

    /// `register_parameter` / attribute assignment of a Parameter: keeps the first registration's position.
    /// Passing nil removes a parameter (PyTorch's `register_parameter(name, None)` shows nothing).
    public func register(_ name: String, parameter: Tensor?) {
        guard let parameter else {
            parameterNames.removeAll { $0 == name }
            parameterTable[name] = nil
            return
        }
        if parameterTable[name] == nil { parameterNames.append(name) }
        parameterTable[name] = parameter
    }

    /// `register_buffer(name, tensor)`.
    public func register(_ name: String, buffer: Tensor?) {
        guard let buffer else {
            bufferNames.removeAll { $0 == name }
            bufferTable[name] = nil
            return
        }
        if bufferTable[name] == nil { bufferNames.append(name) }
        bufferTable[name] = buffer
    }

    /// `add_module` / attribute assignment of a submodule.
    public func register(_ name: String, module: Module?) {
        guard let module else {
            moduleNames.removeAll { $0 == name }
            moduleTable[name] = nil
            return
        }
        if moduleTable[name] == nil { moduleNames.append(name) }
        moduleTable[name] = module
    }

    /// The parameter, buffer or submodule registered under `name` (attribute lookup).
    public func parameter(_ name: String) -> Tensor? { parameterTable[name] }
    public func buffer(_ name: String) -> Tensor? { bufferTable[name] }
    public func submodule(_ name: String) -> Module? { moduleTable[name] }

    // MARK: traversal

    /// `children()`: direct submodules in order.
    public func children() -> [Module] { moduleNames.compactMap { moduleTable[$0] } }
    public func namedChildren() -> [(String, Module)] { moduleNames.compactMap { n in moduleTable[n].map { (n, $0) } } }

    /// `named_modules()`: self first (name ""), then every descendant once, depth first.
    public func namedModules() -> [(String, Module)] {
        var seen = Set<ObjectIdentifier>()
        var result: [(String, Module)] = []
        func visit(_ m: Module, _ prefix: String) {
            guard seen.insert(ObjectIdentifier(m)).inserted else { return }
            result.append((prefix, m))
            for (name, child) in m.namedChildren() { visit(child, prefix.isEmpty ? name : prefix + "." + name) }
        }
        visit(self, "")
        return result
    }

    public func modules() -> [Module] { namedModules().map { $0.1 } }

    /// `named_parameters()`: every parameter once, with dotted names, in registration order.
    public func namedParameters() -> [(String, Tensor)] {
        var seen = Set<ObjectIdentifier>()
        var result: [(String, Tensor)] = []
        for (prefix, m) in namedModules() {
            for name in m.parameterNames {
                guard let p = m.parameterTable[name], seen.insert(ObjectIdentifier(p)).inserted else { continue }
                result.append((prefix.isEmpty ? name : prefix + "." + name, p))
            }
        }
        return result
    }

    public func parameters() -> [Tensor] { namedParameters().map { $0.1 } }

    public func namedBuffers() -> [(String, Tensor)] {
        var result: [(String, Tensor)] = []
        for (prefix, m) in namedModules() {
            for name in m.bufferNames {
                guard let b = m.bufferTable[name] else { continue }
                result.append((prefix.isEmpty ? name : prefix + "." + name, b))
            }
        }
        return result
    }

    // MARK: modes and gradients

    /// `train(mode)`: sets training on this module and every descendant; returns self.
    @discardableResult
    public func train(_ mode: Bool = true) -> Module {
        for m in modules() { m.training = mode }
        return self
    }

    /// `eval()`, the same as `train(false)`.
    @discardableResult
    public func eval() -> Module { train(false) }

    /// `zero_grad(set_to_none=True)`.
    public func zeroGrad(setToNone: Bool = true) throws {
        for p in parameters() {
            guard let g = p.grad else { continue }
            p.grad = setToNone ? nil : try g.zerosLike()
        }
    }

    /// `requires_grad_(requires_grad=True)`.
    @discardableResult
    public func requiresGrad_(_ flag: Bool = true) throws -> Module {
        for p in parameters() { try p.setRequiresGrad(flag) }
        return self
    }

    // MARK: repr

    /// PyTorch's `repr(module)`.
    public var repr: String {
        let extra = extraRepr()
        let extraLines = extra.isEmpty ? [] : extra.components(separatedBy: "\n")
        let childLines = namedChildren().map { (name, child) in "(\(name)): " + Module.addIndent(child.repr, 2) }
        let lines = extraLines + childLines
        var main = typeName + "("
        if !lines.isEmpty {
            if extraLines.count == 1 && childLines.isEmpty {
                main += extraLines[0]
            } else {
                main += "\n  " + lines.joined(separator: "\n  ") + "\n"
            }
        }
        return main + ")"
    }

    static func addIndent(_ s: String, _ spaces: Int) -> String {
        let lines = s.components(separatedBy: "\n")
        guard lines.count > 1 else { return s }
        let pad = String(repeating: " ", count: spaces)
        return ([lines[0]] + lines.dropFirst().map { pad + $0 }).joined(separator: "\n")
    }
}

extension Module: CustomStringConvertible {
    public var description: String { repr }
}
