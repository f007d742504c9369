// Registers the namespaces this module provides; other bindings (nn, optim, utils.data) add theirs the same way.

/// The standard module set. Registering another namespace is one line:
/// `ModuleRegistry.register("torch.nn") { NNBinding.makeNamespace() }`.
public enum StandardModules {
    /// Idempotent; every `Interpreter` calls it on creation.
    public static let install: Void = {
        ModuleRegistry.register("torch") { TorchBinding.makeNamespace() }
        NNBinding.register()
        TrainingBindings.register()  // torch.optim, nn.functional, nn.init, nn.utils, loss modules (after torch and torch.nn)
        SerializationBindings.register()  // safetensors.torch, torch.save/torch.load (after torch)
        // s3-data: numpy, pandas, torch.utils.data, unroll.datasets
        NumpyBinding.register()
        PandasBinding.register()
        DataBinding.register()
        // s4-programs: torchmetrics, tqdm, datetime, unroll.training
        TorchmetricsBinding.register()
        TqdmBinding.register()
        DatetimeBinding.register()
        TrainingUtilitiesBinding.register()  // after DataBinding (which registers the `unroll` package)
        // s4-plot: matplotlib, matplotlib.pyplot
        PyplotBinding.register()
    }()
}
