// torch.softmax and torch.log_softmax, and the registration of the training namespaces (optim, functional, init, utils).
import UnrollNN
import UnrollTensor

/// Registers `torch.optim`, `torch.nn.functional`, `torch.nn.init`, `torch.nn.utils`, and adds softmax to `torch`.
enum TrainingBindings {
    static func register() {
        ModuleRegistry.register("torch.optim") { OptimBinding.makeNamespace() }
        ModuleRegistry.register("torch.nn.functional") { FunctionalBinding.makeNamespace() }
        ModuleRegistry.register("torch.nn.init") { InitBinding.makeNamespace() }
        ModuleRegistry.register("torch.nn.utils") { NNUtilsBinding.makeNamespace() }
        if let torch = ModuleRegistry.factory("torch") {
            ModuleRegistry.register("torch") {
                let ns = torch()
                SoftmaxBinding.installSoftmax(into: ns)
                return ns
            }
        }
    }
}

enum SoftmaxBinding {
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
}
