// The torch.nn namespace: every built-in layer class from its own description, plus nn.Module and nn.Parameter.
import UnrollNN
import UnrollTensor

/// Registers `torch.nn` (and its `functional` and `init` submodules when their bindings exist).
public enum NNBinding {
    /// The built-in layers. A layer describes itself in UnrollNN; listing its type here makes it `nn.<Name>`.
    static let layers: [any DescribedLayer.Type] = [
        RNN.self, LSTM.self, GRU.self, RNNCell.self, LSTMCell.self, GRUCell.self, Linear.self, Embedding.self,
        Dropout.self, Identity.self, Tanh.self, Sigmoid.self, ReLU.self, Sequential.self,
        MSELoss.self, L1Loss.self, HuberLoss.self, CrossEntropyLoss.self,
    ]

    public static func register() {
        ModuleRegistry.register("torch.nn") { makeNamespace() }
    }

    /// The description of the built-in layer called `name` (`LSTM`), if there is one.
    public static func description(named name: String) -> LayerDescription? {
        layers.first { $0.layerDescription.name == name }?.layerDescription
    }

    /// The description of `module`'s class when it is a built-in layer.
    static func description(of module: Module) -> LayerDescription? {
        (type(of: module) as? any DescribedLayer.Type)?.layerDescription
    }

    static func makeNamespace() -> Namespace {
        let ns = Namespace("torch.nn")
        ns.members["Module"] = .object(ModuleClass())
        for layer in layers {
            ns.members[layer.layerDescription.name] = .object(LayerClass(layer))
        }
        ns.define("Parameter") { args, kwargs, interp in
            let a = try Arguments("Parameter", ["data", "requires_grad"], required: 1, args, kwargs)
            guard let data = a["data"], let t = TensorBridge.tensorValue(data) else {
                throw LangError.typeError("Parameter(): argument 'data' must be Tensor")
            }
            let p = t.detach()
            try p.setRequiresGrad(try a.bool("requires_grad", default: true))
            return TensorBridge.wrap(p, parameter: true)
        }
        return ns
    }
}

/// The Swift module behind a language value, for code outside the bindings (the REPL's inspection commands).
public enum ModuleAccess {
    public static func module(_ value: Value) -> Module? {
        switch value {
        case .object(let o as ModuleObject): return o.module
        case .instance(let i): return (i.backing as? ModuleObject)?.module
        default: return nil
        }
    }
}
