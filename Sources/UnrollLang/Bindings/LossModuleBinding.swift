// Loss modules in torch.nn (MSELoss, L1Loss, HuberLoss, CrossEntropyLoss), torch.softmax, and the registration of the training namespaces.
import UnrollNN
import UnrollTensor

/// Registers `torch.optim`, `torch.nn.functional`, `torch.nn.init`, `torch.nn.utils`, and adds the loss classes to `torch.nn`.
enum TrainingBindings {
    static func register() {
        ModuleRegistry.register("torch.optim") { OptimBinding.makeNamespace() }
        ModuleRegistry.register("torch.nn.functional") { FunctionalBinding.makeNamespace() }
        ModuleRegistry.register("torch.nn.init") { InitBinding.makeNamespace() }
        ModuleRegistry.register("torch.nn.utils") { NNUtilsBinding.makeNamespace() }
        if let nn = ModuleRegistry.factory("torch.nn") {
            ModuleRegistry.register("torch.nn") {
                let ns = nn()
                LossModuleBinding.install(into: ns)
                return ns
            }
        }
        if let torch = ModuleRegistry.factory("torch") {
            ModuleRegistry.register("torch") {
                let ns = torch()
                LossModuleBinding.installSoftmax(into: ns)
                return ns
            }
        }
    }
}

enum LossModuleBinding {
    static func install(into nn: Namespace) {
        let legacy = ["size_average", "reduce"]
        nn.members["MSELoss"] = NNBinding.layer("MSELoss", legacy + ["reduction", "weight"], required: 0, matches: { $0 is MSELoss }) { a in
            try unweighted(a, "MSELoss")
            return MSELoss(reduction: try reduction(a))
        }
        nn.members["L1Loss"] = NNBinding.layer("L1Loss", legacy + ["reduction", "weight"], required: 0, matches: { $0 is L1Loss }) { a in
            try unweighted(a, "L1Loss")
            return L1Loss(reduction: try reduction(a))
        }
        nn.members["HuberLoss"] = NNBinding.layer("HuberLoss", ["reduction", "delta", "weight"], required: 0, matches: { $0 is HuberLoss }) { a in
            try unweighted(a, "HuberLoss")
            return HuberLoss(reduction: try reduction(a), delta: try a.double("delta", default: 1))
        }
        nn.members["CrossEntropyLoss"] = NNBinding.layer(
            "CrossEntropyLoss", ["weight", "size_average", "ignore_index", "reduce", "reduction", "label_smoothing"], required: 0,
            matches: { $0 is CrossEntropyLoss }) { a in
            try unweighted(a, "CrossEntropyLoss")
            return CrossEntropyLoss(ignoreIndex: try a.int("ignore_index", default: -100), reduction: try reduction(a),
                                    labelSmoothing: try a.double("label_smoothing", default: 0))
        }
    }

    /// `torch.softmax(x, dim)` and `torch.log_softmax(x, dim)`.
    static func installSoftmax(into torch: Namespace) {
        for (name, log) in [("softmax", false), ("log_softmax", true)] {
            torch.define(name, keywords: ["dim", "dtype"]) { args, kwargs, interp in
                let a = try Arguments(name, ["input", "dim", "dtype"], required: 2, args, kwargs)
                var x = try TensorConvert.tensor(a.values["input"] ?? .none, interp, what: "\(name)(): argument 'input' (position 1)")
                if let dtype = try TensorConvert.dtype(a["dtype"]) { x = try x.to(dtype) }
                let dim = try a.int("dim")
                return TensorBridge.wrap(log ? try x.logSoftmax(dim: dim) : try x.softmax(dim: dim))
            }
        }
    }

    static func unweighted(_ a: Arguments, _ name: String) throws {
        if a["weight"] != nil {
            throw LangError("NotImplementedError", "Unroll's \(name) does not take weight=; drop it for the unweighted loss")
        }
    }

    static func reduction(_ a: Arguments) throws -> LossReduction { try FunctionalBinding.reduction(a) }
}
