// The torch.nn.init namespace (uniform_ ... orthogonal_, calculate_gain) and torch.nn.utils (clip_grad_norm_, clip_grad_value_).
import UnrollNN
import UnrollTensor

/// `nn.init.*`: each function fills the tensor in place from PyTorch's generator and returns it.
enum InitBinding {
    static func makeNamespace() -> Namespace {
        let ns = Namespace("torch.nn.init")
        func define(_ name: String, _ parameters: [String], _ body: @escaping (Tensor, Arguments) throws -> Void) {
            ns.define(name, keywords: Array(parameters.dropFirst())) { args, kwargs, interp in
                let a = try Arguments(name, parameters, required: name == "constant_" ? 2 : 1, args, kwargs)
                let value = a.values["tensor"] ?? .none
                guard let t = TensorBridge.tensorValue(value) else {
                    throw LangError.attributeError("'\(value.typeName)' object has no attribute '\(name == "constant_" || name.hasPrefix("zeros") || name.hasPrefix("ones") ? "fill_" : "dim")'")
                }
                try body(t, a)
                return value
            }
        }
        define("uniform_", ["tensor", "a", "b", "generator"]) { t, a in
            try Init.uniform_(t, a: try a.double("a", default: 0), b: try a.double("b", default: 1), generator: try generatorArg(a["generator"]))
        }
        define("normal_", ["tensor", "mean", "std", "generator"]) { t, a in
            try Init.normal_(t, mean: try a.double("mean", default: 0), std: try a.double("std", default: 1),
                             generator: try generatorArg(a["generator"]))
        }
        define("constant_", ["tensor", "val"]) { t, a in try Init.constant_(t, try a.double("val")) }
        define("zeros_", ["tensor"]) { t, _ in try Init.zeros_(t) }
        define("ones_", ["tensor"]) { t, _ in try Init.ones_(t) }
        define("xavier_uniform_", ["tensor", "gain", "generator"]) { t, a in
            try Init.xavierUniform_(t, gain: try a.double("gain", default: 1), generator: try generatorArg(a["generator"]))
        }
        define("xavier_normal_", ["tensor", "gain", "generator"]) { t, a in
            try Init.xavierNormal_(t, gain: try a.double("gain", default: 1), generator: try generatorArg(a["generator"]))
        }
        let kaiming = ["tensor", "a", "mode", "nonlinearity", "generator"]
        define("kaiming_uniform_", kaiming) { t, a in
            try Init.kaimingUniform_(t, a: try a.double("a", default: 0), mode: try string(a, "mode", "fan_in"),
                                     nonlinearity: try string(a, "nonlinearity", "leaky_relu"), generator: try generatorArg(a["generator"]))
        }
        define("kaiming_normal_", kaiming) { t, a in
            try Init.kaimingNormal_(t, a: try a.double("a", default: 0), mode: try string(a, "mode", "fan_in"),
                                    nonlinearity: try string(a, "nonlinearity", "leaky_relu"), generator: try generatorArg(a["generator"]))
        }
        define("orthogonal_", ["tensor", "gain", "generator"]) { t, a in
            try Init.orthogonal_(t, gain: try a.double("gain", default: 1), generator: try generatorArg(a["generator"]))
        }
        ns.define("calculate_gain", keywords: ["param"]) { args, kwargs, _ in
            let a = try Arguments("calculate_gain", ["nonlinearity", "param"], required: 1, args, kwargs)
            let name = try (a.values["nonlinearity"] ?? .none).asString(what: "calculate_gain(): argument 'nonlinearity'")
            return .float(try Init.gain(name, param: try a["param"].map { try $0.asDouble(what: "negative_slope") }))
        }
        return ns
    }

    static func string(_ a: Arguments, _ name: String, _ fallback: String) throws -> String {
        guard let value = a[name] else { return fallback }
        return try value.asString(what: "\(a.function)(): argument '\(name)'")
    }
}

/// `torch.nn.utils`: gradient clipping.
enum NNUtilsBinding {
    static func makeNamespace() -> Namespace {
        let ns = Namespace("torch.nn.utils")
        ns.define("clip_grad_norm_", keywords: ["max_norm", "norm_type", "error_if_nonfinite", "foreach"]) { args, kwargs, interp in
            let a = try Arguments("clip_grad_norm_", ["parameters", "max_norm", "norm_type", "error_if_nonfinite", "foreach"],
                                  required: 2, args, kwargs)
            let normType: Double
            if case .str(let text)? = a["norm_type"], text == "inf" { normType = .infinity } else { normType = try a.double("norm_type", default: 2) }
            let total = try GradClipping.clipGradNorm_(try parameters(a, interp), maxNorm: try a.double("max_norm"), normType: normType,
                                                       errorIfNonfinite: try a.bool("error_if_nonfinite", default: false))
            return TensorBridge.wrap(total)
        }
        ns.define("clip_grad_value_", keywords: ["clip_value", "foreach"]) { args, kwargs, interp in
            let a = try Arguments("clip_grad_value_", ["parameters", "clip_value", "foreach"], required: 2, args, kwargs)
            try GradClipping.clipGradValue_(try parameters(a, interp), clipValue: try a.double("clip_value"))
            return .none
        }
        return ns
    }

    /// `parameters`: one tensor or an iterable of tensors (such as `model.parameters()`).
    static func parameters(_ a: Arguments, _ interp: Interpreter) throws -> [Tensor] {
        let value = a.values["parameters"] ?? .none
        if let t = TensorBridge.tensorValue(value) { return [t] }
        return try interp.iterate(value).map { item in
            guard let t = TensorBridge.tensorValue(item) else {
                throw LangError.attributeError("'\(item.typeName)' object has no attribute 'grad'")
            }
            return t
        }
    }
}
