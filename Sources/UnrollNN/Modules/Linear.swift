// nn.Linear: y = x W^T + b through one GEMM, recorded as AddmmBackward0 as PyTorch names it.
import UnrollTensor

/// `nn.Linear(in_features, out_features, bias=True)`, initialised with kaiming_uniform(a=sqrt(5)).
public final class Linear: Module, DescribedLayer {
    public let inFeatures: Int
    public let outFeatures: Int

    public static let layerDescription = LayerDescription(
        "Linear", module: "torch.nn.modules.linear",
        settings: [
            LayerSetting("in_features", .int, "size of each input's last dimension"),
            LayerSetting("out_features", .int, "size of each output's last dimension"),
            LayerSetting("bias", .bool, default: .bool(true), role: .argumentOnly, "learn an additive bias"),
        ] + LayerSetting.factoryKeywords,
        forward: [ForwardArgument("input")],
        shapes: """
            input (*, in_features) -> output (*, out_features): acts on the last dimension only
            parameters  weight [out_features, in_features], bias [out_features]
            """
    ) { a in try Linear(a.int("in_features"), a.int("out_features"), bias: a.bool("bias")) }

    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true) throws {
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        super.init()
        register("weight", parameter: try Parameter(Tensor(zeros: [outFeatures, inFeatures])))
        if bias { register("bias", parameter: try Parameter(Tensor(zeros: [outFeatures]))) }
        try resetParameters()
    }

    public var weight: Tensor? { parameter("weight") }
    public var bias: Tensor? { parameter("bias") }

    /// PyTorch's `reset_parameters`: kaiming_uniform_(weight, a=sqrt(5)), then bias U(±1/sqrt(fan_in)).
    public func resetParameters() throws {
        guard let weight else { return }
        try Init.kaimingUniform_(weight, a: Double(5).squareRoot())
        if let bias {
            let bound = inFeatures > 0 ? 1 / Double(inFeatures).squareRoot() : 0
            try NNRandom.source.uniform_(bias, from: -bound, to: bound)
        }
    }

    public override func initialisation(of name: String) -> String? {
        switch name {
        case "weight": return "kaiming_uniform(a=√5) = " + uniformBounds(inFeatures)
        case "bias" where bias != nil: return uniformInitialisation(fanName: "in_features", inFeatures)
        default: return nil
        }
    }

    public override func settingValue(_ name: String) -> SettingValue? {
        switch name {
        case "in_features": return .int(inFeatures)
        case "out_features": return .int(outFeatures)
        default: return nil
        }
    }

    public override func extraRepr() -> String {
        "in_features=\(inFeatures), out_features=\(outFeatures), bias=\(bias != nil ? "True" : "False")"
    }

    public func forward(_ input: Tensor) throws -> Tensor {
        guard let weight else { throw TensorError.runtime("Linear has no weight") }
        return try linear(input, weight: weight, bias: bias)
    }

    public override func forward(_ inputs: [ModuleValue]) throws -> ModuleValue {
        guard inputs.count == 1, let x = inputs[0].tensor else { throw TensorError.type("Linear.forward() expects one tensor") }
        return .tensor(try forward(x))
    }
}

/// `F.linear(input, weight, bias)` for float32 inputs of any rank ≥ 1.
public func linear(_ input: Tensor, weight: Tensor, bias: Tensor?) throws -> Tensor {
    guard input.dim >= 1, weight.dim == 2 else {
        throw TensorError.runtime("both arguments to linear need to be at least 1D, but they are \(input.dim)D and \(weight.dim)D")
    }
    let (outF, inF) = (weight.shape[0], weight.shape[1])
    let features = input.shape[input.dim - 1]
    let rows = input.numel / max(features, 1)
    let op = bias == nil ? "mm" : "addmm"
    if features != inF {
        throw TensorError.runtime("\(op): mat1 and mat2 shapes cannot be multiplied (\(input.dim == 1 ? 1 : rows)x\(features) and \(inF)x\(outF))")
    }
    if let bias, bias.numel != outF {
        throw TensorError.runtime("The size of tensor a (\(outF)) must match the size of tensor b (\(bias.numel)) at non-singleton dimension 1")
    }
    let x = try denseFloat(input, role: "input"), w = try denseFloat(weight, role: "weight")
    let b = try bias.map { try denseFloat($0, role: "bias") }
    let outShape = Array(input.shape.dropLast()) + [outF]
    let out = try makeFloatTensor(outShape) { y in
        if let b { for r in 0..<rows { (y + r * outF).update(from: b.floatPointer, count: outF) } }
        gemm(false, true, rows, outF, inF, x.floatPointer, inF, w.floatPointer, inF, b == nil ? 0 : 1, y, outF)
    }
    let name = input.dim == 2 ? (bias == nil ? "MmBackward0" : "AddmmBackward0") : (input.dim == 1 ? "SqueezeBackward4" : "UnsafeViewBackward0")
    var inputs = [input, weight]
    if let bias { inputs.append(bias) }
    let inShape = input.shape
    return out.recordGrad(name, inputs: inputs) { g in
        let gy = try denseFloat(g, role: "gradient")
        let dx = try makeFloatTensor(inShape) { p in
            gemm(false, false, rows, inF, outF, gy.floatPointer, outF, w.floatPointer, inF, 0, p, inF)
        }
        let dw = try makeFloatTensor([outF, inF]) { p in
            gemm(true, false, outF, inF, rows, gy.floatPointer, outF, x.floatPointer, inF, 0, p, inF)
        }
        var grads: [Tensor?] = [dx, dw]
        if b != nil {
            grads.append(try makeFloatTensor([outF]) { p in addColumnSums(gy.floatPointer, rows: rows, cols: outF, into: p) })
        }
        return grads
    }
}
