// Small modules: Identity, Tanh, ReLU, Sigmoid, Dropout and Sequential.
import UnrollTensor

/// A module whose forward maps one tensor to one tensor.
open class TensorModule: Module {
    open func forward(_ input: Tensor) throws -> Tensor { input }
    open override func forward(_ inputs: [ModuleValue]) throws -> ModuleValue {
        guard inputs.count == 1, let x = inputs[0].tensor else {
            throw TensorError.type("\(typeName).forward() expects one tensor")
        }
        return .tensor(try forward(x))
    }
}

/// `nn.Identity(*args, **kwargs)`: returns its input; the arguments are ignored, as PyTorch does.
public final class Identity: TensorModule, DescribedLayer {
    public static let layerDescription = LayerDescription(
        "Identity", module: "torch.nn.modules.linear", settings: [], forward: [ForwardArgument("input")],
        shapes: "input (*) -> output (*), unchanged", ignoresArguments: true) { _ in Identity() }
}

/// `nn.Tanh()`.
public final class Tanh: TensorModule, DescribedLayer {
    public static let layerDescription = LayerDescription(
        "Tanh", module: "torch.nn.modules.activation", settings: [], forward: [ForwardArgument("input")],
        shapes: "input (*) -> output (*): tanh of every element") { _ in Tanh() }
    public override func forward(_ input: Tensor) throws -> Tensor { try Activation.tanh(input) }
}

/// `nn.Sigmoid()`.
public final class Sigmoid: TensorModule, DescribedLayer {
    public static let layerDescription = LayerDescription(
        "Sigmoid", module: "torch.nn.modules.activation", settings: [], forward: [ForwardArgument("input")],
        shapes: "input (*) -> output (*): 1 / (1 + exp(-x)) of every element") { _ in Sigmoid() }
    public override func forward(_ input: Tensor) throws -> Tensor { try Activation.sigmoid(input) }
}

/// `nn.ReLU(inplace=False)`.
public final class ReLU: TensorModule, DescribedLayer {
    public let inplace: Bool
    public static let layerDescription = LayerDescription(
        "ReLU", module: "torch.nn.modules.activation",
        settings: [LayerSetting("inplace", .bool, default: .bool(false), "accepted; Unroll returns a new tensor")],
        forward: [ForwardArgument("input")], shapes: "input (*) -> output (*): max(x, 0) of every element"
    ) { a in ReLU(inplace: try a.bool("inplace")) }
    public init(inplace: Bool = false) { self.inplace = inplace }
    public override func extraRepr() -> String { inplace ? "inplace=True" : "" }
    public override func settingValue(_ name: String) -> SettingValue? { name == "inplace" ? .bool(inplace) : nil }
    public override func forward(_ input: Tensor) throws -> Tensor { try Activation.relu(input) }
}

/// `nn.Dropout(p=0.5, inplace=False)`: zeroes with probability p and scales by 1/(1-p) in training.
public final class Dropout: TensorModule, DescribedLayer {
    public let p: Double
    public let inplace: Bool
    public static let layerDescription = LayerDescription(
        "Dropout", module: "torch.nn.modules.dropout",
        settings: [
            LayerSetting("p", .double, default: .double(0.5), "probability of zeroing an element (training only)"),
            LayerSetting("inplace", .bool, default: .bool(false), "accepted; Unroll returns a new tensor"),
        ],
        forward: [ForwardArgument("input")], shapes: "input (*) -> output (*); the identity after eval()"
    ) { a in try Dropout(p: a.double("p"), inplace: a.bool("inplace")) }
    public init(p: Double = 0.5, inplace: Bool = false) throws {
        guard p >= 0 && p <= 1 else {
            throw TensorError.value("dropout probability has to be between 0 and 1, but got \(PythonFloatRepr.format(p))")
        }
        self.p = p
        self.inplace = inplace
    }
    public override func extraRepr() -> String { "p=\(PythonFloatRepr.format(p)), inplace=\(inplace ? "True" : "False")" }
    public override func settingValue(_ name: String) -> SettingValue? {
        switch name {
        case "p": return .double(p)
        case "inplace": return .bool(inplace)
        default: return nil
        }
    }
    public override func forward(_ input: Tensor) throws -> Tensor {
        guard training, p > 0 else { return input }
        let mask = try NNRandom.dropoutMask(count: input.numel, p: p)
        let m = try Tensor(mask, shape: input.shape).to(input.dtype)
        let x = try denseFloatOrDouble(input)
        let out = try x.mul(m)
        return out
    }
}

/// `nn.Sequential(*modules)`: children named 0, 1, ...; forward chains them.
public final class Sequential: Module, DescribedLayer {
    public static let layerDescription = LayerDescription(
        "Sequential", module: "torch.nn.modules.container",
        settings: [LayerSetting("args", .modules, role: .argumentOnly, "the modules to chain, registered as 0, 1, ...")],
        forward: [ForwardArgument("input")], shapes: "input -> each module in turn -> output"
    ) { a in Sequential(a.modules("args")) }
    public init(_ modules: [Module]) {
        super.init()
        for (i, m) in modules.enumerated() { register("\(i)", module: m) }
    }
    public override func forward(_ inputs: [ModuleValue]) throws -> ModuleValue {
        var value: [ModuleValue] = inputs
        var result: ModuleValue = inputs.first ?? .none
        for m in children() {
            result = try m.forward(value)
            value = [result]
        }
        return result
    }
}

func denseFloatOrDouble(_ t: Tensor) throws -> Tensor {
    guard t.dtype.isFloatingPoint else {
        throw TensorError.runtime("result type Float can't be cast to the desired output type \(t.dtype.scalarTypeName)")
    }
    return t
}
