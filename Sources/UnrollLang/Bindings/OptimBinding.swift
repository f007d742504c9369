// The torch.optim namespace: SGD and Adam over model.parameters(), step/zero_grad, and param_groups with writable lr.
import UnrollNN
import UnrollTensor

/// `torch.optim`: optimizer classes with PyTorch's constructor signatures and validation messages.
enum OptimBinding {
    static func makeNamespace() -> Namespace {
        let ns = Namespace("torch.optim")
        ns.members["SGD"] = .object(OptimizerClass(
            "SGD", file: "sgd",
            parameters: ["params", "lr", "momentum", "dampening", "weight_decay", "nesterov", "maximize", "foreach",
                         "differentiable", "fused"],
            keywordOnly: ["maximize", "foreach", "differentiable", "fused"]) { a, groups in
            for name in ["lr", "momentum", "weight_decay"] { try requireNumber(a.values[name], comparison: "<", numberFirst: false) }
            return try SGD(groups, lr: try hyper(a, "lr", .float(1e-3)), momentum: try hyper(a, "momentum", .int(0)),
                    dampening: try hyper(a, "dampening", .int(0)), weightDecay: try hyper(a, "weight_decay", .int(0)),
                    nesterov: try a.bool("nesterov", default: false), maximize: try a.bool("maximize", default: false))
        })
        ns.members["Adam"] = .object(OptimizerClass(
            "Adam", file: "adam",
            parameters: ["params", "lr", "betas", "eps", "weight_decay", "amsgrad", "foreach", "maximize", "capturable",
                         "differentiable", "fused", "decoupled_weight_decay"],
            keywordOnly: ["foreach", "maximize", "capturable", "differentiable", "fused", "decoupled_weight_decay"]) { a, groups in
            for name in ["lr", "eps"] { try requireNumber(a.values[name], comparison: "<=", numberFirst: true) }
            var betas: (HyperValue, HyperValue) = (.float(0.9), .float(0.999))
            if let value = a["betas"] {
                let pair: [HyperValue]
                switch try hyperValue(value, "betas") {
                case .tuple(let items), .list(let items): pair = items
                default: throw LangError.typeError("cannot unpack non-iterable \(value.typeName) object")
                }
                guard pair.count == 2 else {
                    throw LangError.valueError(pair.count < 2 ? "not enough values to unpack (expected 2, got \(pair.count))"
                                                              : "too many values to unpack (expected 2)")
                }
                betas = (pair[0], pair[1])  // Adam keeps betas as a tuple, whatever sequence was passed
                for beta in [betas.0, betas.1] { try requireNumber(OptimBinding.value(beta), comparison: "<=", numberFirst: true) }
            }
            try requireNumber(a.values["weight_decay"], comparison: "<=", numberFirst: true)
            if try a.bool("decoupled_weight_decay", default: false) {
                throw LangError("NotImplementedError", "Unroll's Adam has no decoupled_weight_decay; use the L2 weight_decay of Adam")
            }
            return try Adam(groups, lr: try hyper(a, "lr", .float(1e-3)), betas: betas, eps: try hyper(a, "eps", .float(1e-8)),
                            weightDecay: try hyper(a, "weight_decay", .int(0)), amsgrad: try a.bool("amsgrad", default: false),
                            maximize: try a.bool("maximize", default: false))
        })
        ns.members["Optimizer"] = .object(OptimizerClass("Optimizer", file: "optimizer", parameters: [], keywordOnly: []) { _, _ in
            throw LangError("NotImplementedError", "torch.optim.Optimizer is a base class; use optim.SGD or optim.Adam")
        })
        return ns
    }

    /// PyTorch validates hyperparameters by comparing them with 0.0 (`lr < 0.0` in SGD, `0.0 <= lr` in Adam), so a
    /// non-number fails with Python's comparison TypeError, operands in that order.
    static func requireNumber(_ value: Value?, comparison: String, numberFirst: Bool) throws {
        guard let value else { return }
        switch value {
        case .int, .float, .bool: return
        default:
            if let t = TensorBridge.tensorValue(value), t.numel == 1 { return }
            let operands = numberFirst ? "'float' and '\(value.typeName)'" : "'\(value.typeName)' and 'float'"
            throw LangError.typeError("'\(comparison)' not supported between instances of \(operands)")
        }
    }

    /// A hyperparameter argument kept with its Python type (so `repr` prints `0` or `0.0` as PyTorch does).
    static func hyper(_ a: Arguments, _ name: String, _ fallback: HyperValue) throws -> HyperValue {
        guard let value = a[name] else { return fallback }
        return try hyperValue(value, name)
    }

    /// A number, bool, None or tuple as a parameter-group value; anything else is Python's comparison error.
    static func hyperValue(_ value: Value, _ name: String) throws -> HyperValue {
        switch value {
        case .none: return .none
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .tuple(let items): return .tuple(try items.map { try hyperValue($0, name) })
        case .list(let box): return .list(try box.items.map { try hyperValue($0, name) })
        case .str(let text): return .str(text)
        default:
            if let t = TensorBridge.tensorValue(value), t.numel == 1, let d = t.doubles().first {
                return .float(d)
            }
            throw LangError.typeError("'<' not supported between instances of '\(value.typeName)' and 'float'")
        }
    }

    /// The language value of a parameter-group entry.
    static func value(_ hyper: HyperValue) -> Value {
        switch hyper {
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .bool(let b): return .bool(b)
        case .none: return .none
        case .tuple(let items): return .tuple(items.map(value))
        case .list(let items): return .makeList(items.map(value))
        case .str(let text): return .str(text)
        }
    }

    /// `params`: an iterable of tensors, of `(name, tensor)` pairs, or of dicts with a `params` entry (parameter groups).
    static func groups(_ params: Value, _ interp: Interpreter) throws -> [ParamGroupSpec] {
        if let t = TensorBridge.tensorValue(params) {
            throw LangError.typeError("params argument given to the optimizer should be an iterable of Tensors or dicts, but got \(legacyTypeName(t))")
        }
        let items = try interp.iterate(params)
        guard let first = items.first else { throw LangError.valueError("optimizer got an empty parameter list") }
        if case .dict = first {
            return try items.map { item in
                guard case .dict(let dict) = item else {
                    throw LangError.typeError("param group must be a dict, not \(item.typeName)")
                }
                guard let paramsValue = try dict.get(.str("params")) else { throw LangError("KeyError", "'params'") }
                let tensors: [Tensor], names: [String]?
                if let t = TensorBridge.tensorValue(paramsValue) { (tensors, names) = ([t], nil) } else {
                    (tensors, names) = try tensorList(try interp.iterate(paramsValue))
                }
                var overrides: [(String, HyperValue)] = []
                for (key, entry) in zip(dict.keys, dict.values) {
                    guard case .str(let name) = key, name != "params" else { continue }
                    overrides.append((name, try hyperValue(entry, name)))
                }
                if let names, !overrides.contains(where: { $0.0 == "param_names" }) {
                    overrides.append(("param_names", .list(names.map { .str($0) })))
                }
                return ParamGroupSpec(params: tensors, overrides: overrides)
            }
        }
        let (tensors, names) = try tensorList(items)
        return [ParamGroupSpec(params: tensors, overrides: names.map { [("param_names", .list($0.map { .str($0) }))] } ?? [])]
    }

    /// Tensors from a parameter iterable, and their names when it holds `named_parameters()` pairs (all or none).
    static func tensorList(_ items: [Value]) throws -> ([Tensor], [String]?) {
        var tensors: [Tensor] = [], names: [String] = []
        for item in items {
            if let t = TensorBridge.tensorValue(item) {
                tensors.append(t)
            } else if case .tuple(let pair) = item, pair.count == 2, case .str(let name) = pair[0], let t = TensorBridge.tensorValue(pair[1]) {
                tensors.append(t)
                names.append(name)
            } else {
                throw LangError.typeError("optimizer can only optimize Tensors, but one of the params is \(item.typeName)")
            }
        }
        if !names.isEmpty && names.count != tensors.count {
            throw LangError.valueError("all optimizer params should be with/without names. Some param names are missing")
        }
        return (tensors, names.isEmpty ? nil : names)
    }

    /// PyTorch's legacy tensor type names (`torch.FloatTensor`) used in some messages.
    static func legacyTypeName(_ t: Tensor) -> String {
        switch t.dtype {
        case .float32: return "torch.FloatTensor"
        case .float64: return "torch.DoubleTensor"
        case .int64: return "torch.LongTensor"
        case .bool: return "torch.BoolTensor"
        }
    }
}

/// An optimizer class such as `optim.Adam`: calling it builds the optimizer; `isinstance` recognises its instances.
final class OptimizerClass: HostObject {
    let name: String
    let file: String
    let parameters: [String]
    let keywordOnly: Set<String>
    let make: (Arguments, [ParamGroupSpec]) throws -> Optimizer

    init(_ name: String, file: String, parameters: [String], keywordOnly: Set<String>,
         make: @escaping (Arguments, [ParamGroupSpec]) throws -> Optimizer) {
        self.name = name
        self.file = file
        self.parameters = parameters
        self.keywordOnly = keywordOnly
        self.make = make
    }

    var typeName: String { "type" }
    var keywordNames: [String] { Array(parameters.dropFirst()) }
    func repr(_ interp: Interpreter) throws -> String { "<class 'torch.optim.\(file).\(name)'>" }

    func call(_ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value? {
        let a = try Arguments("\(name).__init__", parameters, required: 1, keywordOnly: keywordOnly, args, kwargs)
        let groups = try OptimBinding.groups(a.values["params"] ?? .none, interp)
        return .object(OptimizerObject(try make(a, groups)))
    }

    func isInstance(_ value: Value) -> Bool? {
        guard case .object(let o as OptimizerObject) = value else { return false }
        return name == "Optimizer" || o.optimizer.typeName == name
    }
}

/// An optimizer in the language: `step()`, `zero_grad()`, `param_groups`, `defaults`, and PyTorch's repr.
final class OptimizerObject: HostObject {
    let optimizer: Optimizer
    /// One object per group, so `optimizer.param_groups[0]` is the same dict each time (as in Python).
    private var groupObjects: [ParamGroupObject] = []

    init(_ optimizer: Optimizer) { self.optimizer = optimizer }

    var typeName: String { optimizer.typeName }
    func repr(_ interp: Interpreter) throws -> String { optimizer.repr }
    var attributeNames: [String] { ["step", "zero_grad", "param_groups", "defaults", "add_param_group"] }

    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        let optimizer = self.optimizer
        let qualified = "\(optimizer.typeName).\(name)"
        switch name {
        case "step":
            return .builtin(Builtin(qualified, keywords: ["closure"]) { args, kwargs, interp in
                let a = try Arguments(qualified, ["closure"], args, kwargs)
                var loss = Value.none
                if let closure = a["closure"] {
                    // PyTorch runs the closure under torch.enable_grad().
                    let saved = GradMode.isEnabled
                    GradMode.set(true)
                    defer { GradMode.set(saved) }
                    loss = try interp.call(closure, [], [])
                }
                try optimizer.step()
                return loss
            })
        case "zero_grad":
            return .builtin(Builtin(qualified, keywords: ["set_to_none"]) { args, kwargs, _ in
                let a = try Arguments(qualified, ["set_to_none"], args, kwargs)
                try optimizer.zeroGrad(setToNone: try a.bool("set_to_none", default: true))
                return .none
            })
        case "param_groups":
            while groupObjects.count < optimizer.paramGroups.count {
                groupObjects.append(ParamGroupObject(optimizer.paramGroups[groupObjects.count]))
            }
            return .makeList(groupObjects.map { .object($0) })
        case "defaults":
            let dict = DictBox()
            for (key, value) in optimizer.defaults { try dict.set(.str(key), OptimBinding.value(value)) }
            return .dict(dict)
        case "add_param_group":
            return .builtin(Builtin(qualified) { args, kwargs, interp in
                let a = try Arguments(qualified, ["param_group"], required: 1, args, kwargs)
                guard let group = a["param_group"], case .dict = group else {
                    throw LangError.typeError("param_group must be a dict, but got \(a["param_group"]?.typeName ?? "NoneType")")
                }
                for spec in try OptimBinding.groups(.makeList([group]), interp) { try optimizer.addParamGroup(spec) }
                return .none
            })
        default:
            return nil
        }
    }
}

/// One `optimizer.param_groups[i]`: a dict view whose writes (`group['lr'] = 0.01`) change the optimizer.
final class ParamGroupObject: HostObject {
    let group: ParamGroup
    init(_ group: ParamGroup) { self.group = group }

    var typeName: String { "dict" }
    var keys: [String] { ["params"] + group.keys }

    /// The group as a plain dict (params first, then hyperparameters in PyTorch's order).
    func snapshot() throws -> DictBox {
        let dict = DictBox()
        try dict.set(.str("params"), .makeList(group.params.map { TensorBridge.wrap($0, parameter: $0.isParameter) }))
        for key in group.keys { try dict.set(.str(key), OptimBinding.value(group[key] ?? .none)) }
        return dict
    }

    func repr(_ interp: Interpreter) throws -> String { try interp.repr(.dict(try snapshot())) }

    func getItem(_ key: Value, _ interp: Interpreter) throws -> Value? {
        guard case .str(let name) = key else { throw LangError("KeyError", try interp.repr(key)) }
        if name == "params" { return .makeList(group.params.map { TensorBridge.wrap($0, parameter: $0.isParameter) }) }
        guard let value = group[name] else { throw LangError("KeyError", try interp.repr(key)) }
        return OptimBinding.value(value)
    }

    func setItem(_ key: Value, _ value: Value, _ interp: Interpreter) throws -> Bool {
        guard case .str(let name) = key else {
            throw LangError.typeError("Unroll's param_groups entries have str keys, not \(key.typeName)")
        }
        if name == "params" {
            group.params = try OptimBinding.tensorList(try interp.iterate(value)).0
        } else {
            group[name] = try OptimBinding.hyperValue(value, name)
        }
        return true
    }

    func iterate(_ interp: Interpreter) throws -> [Value]? { keys.map { .str($0) } }
    func length(_ interp: Interpreter) throws -> Int? { keys.count }
    var attributeNames: [String] { ["keys", "values", "items", "get"] }

    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        switch name {
        case "keys": return .builtin(Builtin("dict.keys") { _, _, _ in .makeList(self.keys.map { .str($0) }) })
        case "values":
            return .builtin(Builtin("dict.values") { _, _, _ in .makeList(try self.snapshot().values) })
        case "items":
            return .builtin(Builtin("dict.items") { _, _, _ in
                let d = try self.snapshot()
                return .makeList(zip(d.keys, d.values).map { .tuple([$0, $1]) })
            })
        case "get":
            return .builtin(Builtin("dict.get") { args, _, interp in
                guard let key = args.first else { throw LangError.typeError("get expected at least 1 argument, got 0") }
                return try self.snapshot().get(key) ?? (args.count > 1 ? args[1] : .none)
            })
        default: return nil
        }
    }
}
