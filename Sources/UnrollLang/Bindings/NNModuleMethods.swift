// Methods and settings of torch.nn modules as the language sees them: parameters(), state_dict(), hidden_size...
import UnrollNN
import UnrollTensor

/// `net.parameters()`, `net.named_parameters()`, `net.train()`, ... bound to one module object.
enum ModuleMethods {
    static let names = [
        "parameters", "named_parameters", "buffers", "named_buffers", "children", "named_children", "modules",
        "named_modules", "state_dict", "load_state_dict", "train", "eval", "zero_grad", "requires_grad_", "forward",
        "to", "cpu", "float", "training",
    ]

    static func method(_ name: String, on object: ModuleObject) -> Value? {
        let module = object.module
        let qualified = "\(module.typeName).\(name)"
        func define(_ body: @escaping ([Value], [(String, Value)], Interpreter) throws -> Value) -> Value {
            .builtin(Builtin(qualified, body))
        }
        func wrapModule(_ m: Module) -> Value { ModuleObject.value(of: m) }
        // Taken now, strongly: in `Net().to(device)` nothing else keeps the user's instance alive until the call.
        let selfValue = object.selfValue
        switch name {
        case "training":
            return .bool(module.training)
        case "parameters":
            return define { args, kwargs, _ in
                _ = try Arguments(qualified, ["recurse"], args, kwargs)
                return .makeList(module.parameters().map { TensorBridge.wrap($0, parameter: true) })
            }
        case "named_parameters":
            return define { args, kwargs, _ in
                _ = try Arguments(qualified, ["prefix", "recurse", "remove_duplicate"], args, kwargs)
                return .makeList(module.namedParameters().map { .tuple([.str($0.0), TensorBridge.wrap($0.1, parameter: true)]) })
            }
        case "buffers":
            return define { _, _, _ in .makeList(module.namedBuffers().map { TensorBridge.wrap($0.1) }) }
        case "named_buffers":
            return define { _, _, _ in .makeList(module.namedBuffers().map { .tuple([.str($0.0), TensorBridge.wrap($0.1)]) }) }
        case "children":
            return define { _, _, _ in .makeList(module.children().map(wrapModule)) }
        case "named_children":
            return define { _, _, _ in .makeList(module.namedChildren().map { .tuple([.str($0.0), wrapModule($0.1)]) }) }
        case "modules":
            return define { _, _, _ in .makeList(module.modules().map(wrapModule)) }
        case "named_modules":
            return define { _, _, _ in .makeList(module.namedModules().map { .tuple([.str($0.0), wrapModule($0.1)]) }) }
        case "state_dict":
            return define { _, _, _ in
                let dict = DictBox()
                for (key, tensor) in module.stateDict().entries { try dict.set(.str(key), TensorBridge.wrap(tensor.detach())) }
                return .dict(dict)
            }
        case "load_state_dict":
            return define { args, kwargs, _ in
                let bound = try Arguments(qualified, ["state_dict", "strict", "assign"], required: 1, args, kwargs)
                let strict = try bound.bool("strict", default: true)
                guard case .dict(let dict)? = bound["state_dict"] else {
                    throw LangError.typeError("Expected state_dict to be dict-like, got <class '\(bound["state_dict"]?.typeName ?? "NoneType")'>.")
                }
                var entries: [(String, Tensor)] = []
                var nonTensors: [(key: String, pythonClass: String)] = []
                for (key, value) in zip(dict.keys, dict.values) {
                    guard case .str(let name) = key else { continue }
                    if let tensor = TensorBridge.tensorValue(value) { entries.append((name, tensor)) } else {
                        nonTensors.append((name, SafetensorsBinding.pythonClass(value)))
                    }
                }
                let result = try module.loadStateDict(StateDict(entries), strict: strict, nonTensors: nonTensors)
                return .object(LoadResult(missing: result.missingKeys, unexpected: result.unexpectedKeys))
            }
        case "train":
            return define { args, kwargs, _ in
                let bound = try Arguments(qualified, ["mode"], args, kwargs)
                _ = module.train(try bound.bool("mode", default: true))
                return selfValue
            }
        case "eval":
            return define { _, _, _ in _ = module.eval(); return selfValue }
        case "zero_grad":
            return define { args, kwargs, _ in
                let bound = try Arguments(qualified, ["set_to_none"], args, kwargs)
                try module.zeroGrad(setToNone: try bound.bool("set_to_none", default: true))
                return .none
            }
        case "requires_grad_":
            return define { args, kwargs, _ in
                let bound = try Arguments(qualified, ["requires_grad"], args, kwargs)
                _ = try module.requiresGrad_(try bound.bool("requires_grad", default: true))
                return selfValue
            }
        case "forward":
            return define { args, kwargs, interp in try object.call(args, kwargs, interp) ?? .none }
        case "to", "cpu", "float":
            // Everything is float32 on the CPU already: these return the module, as PyTorch does.
            return define { _, _, _ in selfValue }
        default:
            return nil
        }
    }
}

/// What `load_state_dict` returns; PyTorch prints `<All keys matched successfully>` when nothing is off.
final class LoadResult: HostObject {
    let missing: [String]
    let unexpected: [String]
    init(missing: [String], unexpected: [String]) {
        self.missing = missing
        self.unexpected = unexpected
    }
    var typeName: String { "_IncompatibleKeys" }
    func repr(_ interp: Interpreter) throws -> String {
        if missing.isEmpty && unexpected.isEmpty { return "<All keys matched successfully>" }
        let m = missing.map { "'\($0)'" }.joined(separator: ", ")
        let u = unexpected.map { "'\($0)'" }.joined(separator: ", ")
        return "_IncompatibleKeys(missing_keys=[\(m)], unexpected_keys=[\(u)])"
    }
    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        switch name {
        case "missing_keys": return .makeList(missing.map { .str($0) })
        case "unexpected_keys": return .makeList(unexpected.map { .str($0) })
        default: return nil
        }
    }
}
