// The torch.nn namespace: layer classes with PyTorch's constructor signatures, nn.Module and nn.Parameter.
import UnrollNN
import UnrollTensor

/// Registers `torch.nn` (and its `functional` and `init` submodules when their bindings exist).
public enum NNBinding {
    public static func register() {
        ModuleRegistry.register("torch.nn") { makeNamespace() }
    }

    static func layer(_ name: String, _ parameters: [String], required: Int, matches: @escaping (Module) -> Bool,
                      _ build: @escaping (Arguments) throws -> Module) -> Value {
        .object(LayerClass(name, parameters: parameters, matches: matches) { args, kwargs in
            try build(try Arguments(name + ".__init__", parameters, required: required, args, kwargs))
        })
    }

    static func makeNamespace() -> Namespace {
        let ns = Namespace("torch.nn")
        ns.members["Module"] = .object(ModuleClass())
        let recurrent = ["input_size", "hidden_size", "num_layers", "bias", "batch_first", "dropout", "bidirectional"]
        ns.members["RNN"] = layer("RNN", ["input_size", "hidden_size", "num_layers", "nonlinearity", "bias", "batch_first", "dropout", "bidirectional", "device", "dtype"],
                                  required: 2, matches: { $0 is RNN }) { a in
            let nonlinearity: String
            if case .str(let s)? = a["nonlinearity"] { nonlinearity = s } else { nonlinearity = "tanh" }
            return try RNN(try a.int("input_size"), try a.int("hidden_size"), numLayers: try a.int("num_layers", default: 1),
                           nonlinearity: nonlinearity, bias: try a.bool("bias", default: true),
                           batchFirst: try a.bool("batch_first", default: false), dropout: try a.double("dropout", default: 0),
                           bidirectional: try a.bool("bidirectional", default: false))
        }
        ns.members["LSTM"] = layer("LSTM", recurrent + ["proj_size", "device", "dtype"], required: 2, matches: { $0 is LSTM }) { a in
            try LSTM(try a.int("input_size"), try a.int("hidden_size"), numLayers: try a.int("num_layers", default: 1),
                     bias: try a.bool("bias", default: true), batchFirst: try a.bool("batch_first", default: false),
                     dropout: try a.double("dropout", default: 0), bidirectional: try a.bool("bidirectional", default: false),
                     projSize: try a.int("proj_size", default: 0))
        }
        ns.members["GRU"] = layer("GRU", recurrent + ["device", "dtype"], required: 2, matches: { $0 is GRU }) { a in
            try GRU(try a.int("input_size"), try a.int("hidden_size"), numLayers: try a.int("num_layers", default: 1),
                    bias: try a.bool("bias", default: true), batchFirst: try a.bool("batch_first", default: false),
                    dropout: try a.double("dropout", default: 0), bidirectional: try a.bool("bidirectional", default: false))
        }
        ns.members["RNNCell"] = layer("RNNCell", ["input_size", "hidden_size", "bias", "nonlinearity", "device", "dtype"],
                                      required: 2, matches: { $0 is RNNCell }) { a in
            let nonlinearity: String
            if case .str(let s)? = a["nonlinearity"] { nonlinearity = s } else { nonlinearity = "tanh" }
            return try RNNCell(try a.int("input_size"), try a.int("hidden_size"), bias: try a.bool("bias", default: true), nonlinearity: nonlinearity)
        }
        ns.members["LSTMCell"] = layer("LSTMCell", ["input_size", "hidden_size", "bias", "device", "dtype"], required: 2, matches: { $0 is LSTMCell }) { a in
            try LSTMCell(try a.int("input_size"), try a.int("hidden_size"), bias: try a.bool("bias", default: true))
        }
        ns.members["GRUCell"] = layer("GRUCell", ["input_size", "hidden_size", "bias", "device", "dtype"], required: 2, matches: { $0 is GRUCell }) { a in
            try GRUCell(try a.int("input_size"), try a.int("hidden_size"), bias: try a.bool("bias", default: true))
        }
        ns.members["Linear"] = layer("Linear", ["in_features", "out_features", "bias", "device", "dtype"], required: 2, matches: { $0 is Linear }) { a in
            try Linear(try a.int("in_features"), try a.int("out_features"), bias: try a.bool("bias", default: true))
        }
        ns.members["Dropout"] = layer("Dropout", ["p", "inplace"], required: 0, matches: { $0 is Dropout }) { a in
            try Dropout(p: try a.double("p", default: 0.5), inplace: try a.bool("inplace", default: false))
        }
        ns.members["Identity"] = layer("Identity", [], required: 0, matches: { $0 is Identity }) { _ in Identity() }
        ns.members["Tanh"] = layer("Tanh", [], required: 0, matches: { $0 is Tanh }) { _ in Tanh() }
        ns.members["Sigmoid"] = layer("Sigmoid", [], required: 0, matches: { $0 is Sigmoid }) { _ in Sigmoid() }
        ns.members["ReLU"] = layer("ReLU", ["inplace"], required: 0, matches: { $0 is ReLU }) { a in ReLU(inplace: try a.bool("inplace", default: false)) }
        ns.members["Sequential"] = .object(LayerClass("Sequential", parameters: [], matches: { $0 is Sequential }) { args, _ in
            let modules: [Module] = try args.map { value in
                guard let m = ModuleAccess.module(value) else {
                    throw LangError.typeError("\(value.typeName) is not a Module subclass")
                }
                return m
            }
            return Sequential(modules)
        })
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
