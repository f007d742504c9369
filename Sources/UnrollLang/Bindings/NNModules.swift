// torch.nn modules in the language: a Swift Module as a host object, and nn.Module as a subclassable host class.
import UnrollNN
import UnrollTensor

/// A Swift `Module` living in the language. Attribute reads find parameters, buffers, submodules,
/// constructor settings and methods; calls run `forward` inside a trace scope named after the module.
final class ModuleObject: HostObject {
    let module: Module
    /// For `class Net(nn.Module)`: the user instance this module backs (its `forward` is the user's).
    weak var owner: Instance?
    /// Values assigned through `self.x = ...`, returned as they were (a user submodule stays an instance).
    private var assigned: [String: Value] = [:]

    init(_ module: Module) { self.module = module }

    /// The value a program sees for this module: the user's instance for `class Net(nn.Module)`, so methods that
    /// return the module (`to`, `train`, `eval`) keep its forward.
    var selfValue: Value { owner.map { .instance($0) } ?? .object(self) }

    /// The backings of user-defined modules, so traversals (`children()`, `modules()`) hand back the user's instances.
    nonisolated(unsafe) private static var userBackings: [ObjectIdentifier: WeakModuleObject] = [:]

    static func registerUserBacking(_ object: ModuleObject) {
        userBackings = userBackings.filter { $0.value.object != nil }
        userBackings[ObjectIdentifier(object.module)] = WeakModuleObject(object: object)
    }

    /// `module` as a language value: its user instance when it backs one, else a new host object.
    static func value(of module: Module) -> Value {
        if let backing = userBackings[ObjectIdentifier(module)]?.object, backing.module === module { return backing.selfValue }
        return .object(ModuleObject(module))
    }

    var typeName: String { module.typeName }

    func repr(_ interp: Interpreter) throws -> String { module.repr }

    var attributeNames: [String] {
        module.parameterNames + module.bufferNames + module.moduleNames + ModuleMethods.names
            + (NNBinding.description(of: module)?.attributeNames ?? [])
    }

    /// What `forward` takes: the layer's own description, or a user module's single input.
    private var forwardArguments: [ForwardArgument] {
        NNBinding.description(of: module)?.forward ?? [ForwardArgument("input")]
    }

    var keywordNames: [String] { forwardArguments.map(\.name) }

    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        if let value = assigned[name] { return value }
        if let p = module.parameter(name) { return TensorBridge.wrap(p, parameter: true) }
        if let b = module.buffer(name) { return TensorBridge.wrap(b) }
        if let m = module.submodule(name) { return .object(ModuleObject(m)) }
        if let setting = module.settingValue(name) { return LayerSettings.value(setting) }
        if let method = ModuleMethods.method(name, on: self) { return method }
        return nil
    }

    func setAttribute(_ name: String, _ value: Value, _ interp: Interpreter) throws -> Bool {
        switch value {
        case .object(let object as ModuleObject):
            module.register(name, module: object.module)
        case .instance(let instance):
            guard let backing = instance.backing as? ModuleObject else { return false }
            module.register(name, module: backing.module)
        case .object(let object):
            guard let tensor = TensorBridge.tensor(object), TensorBridge.isParameter(object) else { return false }
            module.register(name, parameter: tensor)
        default:
            return false
        }
        assigned[name] = value
        return true
    }

    func call(_ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value? {
        let shapes = args.compactMap { TensorBridge.tensorValue($0)?.shape }
        return try OpTrace.scope("\(module.typeName)\(module.extraRepr().isEmpty ? "" : "(\(module.extraRepr()))")", inputs: shapes) {
            if let owner {
                // Without this check the lookup would find nn.Module's own `forward`, which calls back here.
                guard owner.attributes["forward"] != nil || owner.cls.mro.contains(where: { $0.members["forward"] != nil }) else {
                    throw LangError("NotImplementedError", "Module [\(owner.cls.name)] is missing the required \"forward\" function")
                }
                return try interp.callMethod(.instance(owner), "forward", args, kwargs)
            }
            let signature = forwardArguments
            let bound = try Arguments("\(module.typeName).forward", signature.map(\.name),
                                      required: signature.prefix { $0.required }.count, args, kwargs)
            // Trailing arguments left out are not passed, so a layer sees as many as were given.
            let given = signature.lastIndex { bound.values[$0.name] != nil }.map { $0 + 1 } ?? 0
            let inputs = try signature.prefix(given).map { try ModuleValues.from(bound.values[$0.name] ?? .none) }
            if let loss = module as? LossModule, loss.warnsWhenTargetSizeDiffers, inputs.count == 2,
               let x = inputs[0].tensor, let y = inputs[1].tensor {
                warnIfTargetSizeDiffers(x.shape, y.shape, interp)
            }
            return ModuleValues.to(try module.forward(inputs))
        }
    }
}

/// A backing held without keeping it alive.
struct WeakModuleObject {
    weak var object: ModuleObject?
}

/// Conversions between the language's values and `ModuleValue` (tensors and nested tuples).
enum ModuleValues {
    static func from(_ value: Value) throws -> ModuleValue {
        switch value {
        case .none: return .none
        case .tuple(let items): return .tuple(try items.map(from))
        case .list(let box): return .tuple(try box.items.map(from))
        default:
            guard let tensor = TensorBridge.tensorValue(value) else {
                throw LangError.typeError("expected a Tensor, got \(value.typeName)")
            }
            return .tensor(tensor)
        }
    }

    static func to(_ value: ModuleValue) -> Value {
        switch value {
        case .none: return .none
        case .tensor(let t): return TensorBridge.wrap(t)
        case .tuple(let items): return .tuple(items.map(to))
        }
    }
}

/// `nn.Module` itself: subclassed by `class Net(nn.Module):`.
final class ModuleClass: HostClass {
    var className: String { "Module" }
    var typeName: String { "type" }
    func repr(_ interp: Interpreter) throws -> String { "<class 'torch.nn.modules.module.Module'>" }

    func makeBacking(for instance: Instance, className: String, _ interp: Interpreter) throws -> any HostObject {
        let module = Module()
        module.customTypeName = className
        let object = ModuleObject(module)
        object.owner = instance
        ModuleObject.registerUserBacking(object)
        return object
    }

    func isInstance(_ value: Value) -> Bool? {
        switch value {
        case .object(let o): return o is ModuleObject
        case .instance(let i): return i.backing is ModuleObject
        default: return false
        }
    }
}

/// A built-in layer class such as `nn.RNN`: calling it binds the arguments its description lists and constructs the
/// module; `isinstance` recognises it.
final class LayerClass: HostObject {
    let layer: any DescribedLayer.Type
    var description: LayerDescription { layer.layerDescription }
    var name: String { description.name }

    init(_ layer: any DescribedLayer.Type) { self.layer = layer }

    var typeName: String { "type" }
    var keywordNames: [String] { description.arguments.filter { $0.kind != .modules }.map(\.name) }
    func repr(_ interp: Interpreter) throws -> String { "<class '\(description.qualifiedName)'>" }
    var attributeNames: [String] { ["__name__", "__module__", "__qualname__"] }
    func getAttribute(_ attribute: String, _ interp: Interpreter) throws -> Value? {
        switch attribute {
        case "__name__", "__qualname__": return .str(name)
        case "__module__": return .str(description.pythonModule)
        default: return nil
        }
    }

    func call(_ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value? {
        let module = try description.make(try LayerSettings.bind(description, args, kwargs))
        if let recurrent = module as? RecurrentBase, recurrent.dropout > 0, recurrent.numLayers == 1 {
            interp.warn("dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects "
                        + "num_layers greater than 1, but got dropout=\(try interp.repr(.float(recurrent.dropout))) and num_layers=1")
        }
        return .object(ModuleObject(module))
    }

    func isInstance(_ value: Value) -> Bool? {
        guard let module = ModuleAccess.module(value) else { return false }
        return ObjectIdentifier(type(of: module)) == ObjectIdentifier(layer)
    }
}
