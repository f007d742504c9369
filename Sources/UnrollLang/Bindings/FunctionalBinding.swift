// The torch.nn.functional namespace: losses (mse_loss, l1_loss, huber_loss, cross_entropy, nll_loss), softmax, activations, dropout.
import UnrollNN
import UnrollTensor

/// `import torch.nn.functional as F`: PyTorch's signatures, autograd through every function.
enum FunctionalBinding {
    static func makeNamespace() -> Namespace {
        let ns = Namespace("torch.nn.functional")
        let legacy = ["size_average", "reduce"]
        defineLoss(ns, "mse_loss", ["input", "target"] + legacy + ["reduction", "weight"]) { x, y, a in
            try Loss.mse(x, y, reduction: try reduction(a))
        }
        defineLoss(ns, "l1_loss", ["input", "target"] + legacy + ["reduction", "weight"]) { x, y, a in
            try Loss.l1(x, y, reduction: try reduction(a))
        }
        defineLoss(ns, "huber_loss", ["input", "target", "reduction", "delta", "weight"]) { x, y, a in
            try Loss.huber(x, y, reduction: try reduction(a), delta: try a.double("delta", default: 1))
        }
        defineLoss(ns, "cross_entropy", ["input", "target", "weight", "size_average", "ignore_index", "reduce", "reduction",
                                         "label_smoothing"]) { x, y, a in
            try Loss.crossEntropy(x, y, reduction: try reduction(a), ignoreIndex: try a.int("ignore_index", default: -100),
                                  labelSmoothing: try a.double("label_smoothing", default: 0))
        }
        defineLoss(ns, "nll_loss", ["input", "target", "weight", "size_average", "ignore_index", "reduce", "reduction"]) { x, y, a in
            try Loss.nllLoss(x, y, reduction: try reduction(a), ignoreIndex: try a.int("ignore_index", default: -100))
        }
        for (name, log) in [("softmax", false), ("log_softmax", true)] {
            ns.define(name, keywords: ["dim", "dtype"]) { args, kwargs, interp in
                let a = try Arguments(name, ["input", "dim", "_stacklevel", "dtype"], required: 1, args, kwargs)
                var x = try input(a, "input", attribute: name)
                if let dtype = try TensorConvert.dtype(a["dtype"]) { x = try x.to(dtype) }
                // Without dim PyTorch warns (on stderr) and picks _get_softmax_dim's choice.
                if a["dim"] == nil {
                    interp.warn("Implicit dimension choice for \(name) has been deprecated. Change the call to include dim=X as an argument.")
                }
                let dim = try a["dim"].map { try $0.asInt() } ?? Tensor.implicitSoftmaxDim(rank: x.dim)
                return TensorBridge.wrap(log ? try x.logSoftmax(dim: dim) : try x.softmax(dim: dim))
            }
        }
        let activations: [(String, (Tensor) throws -> Tensor)] = [
            ("relu", { try $0.relu() }), ("tanh", { try $0.tanh() }), ("sigmoid", { try $0.sigmoid() }),
        ]
        for (name, op) in activations {
            let parameters = name == "relu" ? ["input", "inplace"] : ["input"]
            ns.define(name, keywords: Array(parameters.dropFirst())) { args, kwargs, interp in
                let a = try Arguments(name, parameters, required: 1, args, kwargs)
                let x = try TensorConvert.tensor(a.values["input"] ?? .none, interp,
                                                 what: "\(name)(): argument 'input' (position 1)")
                let result = try op(x)
                // inplace=True writes the result back into the input (through copy_, so autograd still flows).
                if try a.bool("inplace", default: false) { return TensorBridge.wrap(try x.copy_(result)) }
                return TensorBridge.wrap(result)
            }
        }
        ns.define("dropout", keywords: ["p", "training", "inplace"]) { args, kwargs, _ in
            let a = try Arguments("dropout", ["input", "p", "training", "inplace"], required: 1, args, kwargs)
            let x = try input(a, "input", attribute: "dropout")
            let result = try x.dropout(p: try a.double("p", default: 0.5), training: try a.bool("training", default: true))
            if try a.bool("inplace", default: false), result !== x {
                _ = try x.copy_(result)
                return TensorBridge.wrap(x)
            }
            return TensorBridge.wrap(result)
        }
        return ns
    }

    /// A loss function: input and target must be tensors; `weight` is not supported (class weights are outside Unroll).
    /// The losses whose Python code warns when target and input sizes differ (then broadcasts anyway).
    static let warnsOnSizeMismatch: Set<String> = ["mse_loss", "l1_loss", "huber_loss", "smooth_l1_loss"]

    static func defineLoss(_ ns: Namespace, _ name: String, _ parameters: [String],
                           _ body: @escaping (Tensor, Tensor, Arguments) throws -> Tensor) {
        ns.define(name, keywords: Array(parameters.dropFirst(2))) { args, kwargs, interp in
            let a = try Arguments(name, parameters, required: 2, args, kwargs)
            let x = try input(a, "input", attribute: "size"), y = try input(a, "target", attribute: "size")
            if a["weight"] != nil {
                throw LangError("NotImplementedError", "Unroll's \(name) does not take weight=; drop it for the unweighted loss")
            }
            if warnsOnSizeMismatch.contains(name) { warnIfTargetSizeDiffers(x.shape, y.shape, interp) }
            return TensorBridge.wrap(try body(x, y, a))
        }
    }

    /// The tensor argument `name`; other values fail as PyTorch's Python code does (`'list' object has no attribute 'size'`).
    static func input(_ a: Arguments, _ name: String, attribute: String) throws -> Tensor {
        let value = a.values[name] ?? .none
        guard let t = TensorBridge.tensorValue(value) else {
            throw LangError.attributeError("'\(value.typeName)' object has no attribute '\(attribute)'")
        }
        return t
    }

    /// `reduction=`, or the legacy `size_average`/`reduce` pair (`_Reduction.legacy_get_string`).
    static func reduction(_ a: Arguments) throws -> LossReduction {
        if a["size_average"] != nil || a["reduce"] != nil {
            let sizeAverage = try a.bool("size_average", default: true), reduce = try a.bool("reduce", default: true)
            return !reduce ? .none : (sizeAverage ? .mean : .sum)
        }
        guard let value = a["reduction"] else { return .mean }
        return try LossReduction(parsing: try value.asString(what: "reduction"))
    }
}
