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

/// `nn.Identity()`.
public final class Identity: TensorModule {}

/// `nn.Tanh()`.
public final class Tanh: TensorModule {
    public override func forward(_ input: Tensor) throws -> Tensor { try Activation.tanh(input) }
}

/// `nn.Sigmoid()`.
public final class Sigmoid: TensorModule {
    public override func forward(_ input: Tensor) throws -> Tensor { try Activation.sigmoid(input) }
}

/// `nn.ReLU(inplace=False)`.
public final class ReLU: TensorModule {
    public let inplace: Bool
    public init(inplace: Bool = false) { self.inplace = inplace }
    public override func extraRepr() -> String { inplace ? "inplace=True" : "" }
    public override func forward(_ input: Tensor) throws -> Tensor { try Activation.relu(input) }
}

/// `nn.Dropout(p=0.5, inplace=False)`: zeroes with probability p and scales by 1/(1-p) in training.
public final class Dropout: TensorModule {
    public let p: Double
    public let inplace: Bool
    public init(p: Double = 0.5, inplace: Bool = false) throws {
        guard p >= 0 && p <= 1 else {
            throw TensorError.value("dropout probability has to be between 0 and 1, but got \(pythonFloat(p))")
        }
        self.p = p
        self.inplace = inplace
    }
    public override func extraRepr() -> String { "p=\(pythonFloat(p)), inplace=\(inplace ? "True" : "False")" }
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
public final class Sequential: Module {
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
