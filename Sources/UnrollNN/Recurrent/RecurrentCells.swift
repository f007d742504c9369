// nn.RNNCell, nn.LSTMCell and nn.GRUCell: one step of the fused kernel, differentiable when called step by step.
import UnrollTensor

/// PyTorch's `RNNCellBase`: `weight_ih`, `weight_hh`, `bias_ih`, `bias_hh`.
open class RecurrentCellBase: Module {
    public let inputSize: Int
    public let hiddenSize: Int
    public let bias: Bool
    let kind: RecurrentKind
    let cellName: String

    init(name: String, kind: RecurrentKind, inputSize: Int, hiddenSize: Int, bias: Bool) throws {
        guard inputSize > 0 else { throw TensorError.value("input_size must be greater than zero") }
        guard hiddenSize > 0 else { throw TensorError.value("hidden_size must be greater than zero") }
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.bias = bias
        self.kind = kind
        cellName = name
        super.init()
        let gates = kind.gateCount * hiddenSize
        register("weight_ih", parameter: try Parameter(Tensor(zeros: [gates, inputSize])))
        register("weight_hh", parameter: try Parameter(Tensor(zeros: [gates, hiddenSize])))
        if bias {
            register("bias_ih", parameter: try Parameter(Tensor(zeros: [gates])))
            register("bias_hh", parameter: try Parameter(Tensor(zeros: [gates])))
        }
        try resetParameters()
    }

    /// Every parameter U(-1/sqrt(hidden), 1/sqrt(hidden)), in order.
    public func resetParameters() throws {
        let stdv = 1.0 / Double(hiddenSize).squareRoot()
        for name in parameterNames { if let p = parameter(name) { try NNRandom.source.uniform_(p, from: -stdv, to: stdv) } }
    }

    public override func initialisation(of name: String) -> String? {
        parameter(name) == nil ? nil : uniformInitialisation(fanName: "hidden_size", hiddenSize)
    }

    /// The settings every cell shares, in PyTorch's order.
    static let sharedSettings = [
        LayerSetting("input_size", .int, "features of x (F)"),
        LayerSetting("hidden_size", .int, "size of the state (H)"),
        LayerSetting("bias", .bool, default: .bool(true), "use b_ih and b_hh"),
    ]

    static let forwardArguments = [ForwardArgument("input"), ForwardArgument("hx", required: false)]

    public override func settingValue(_ name: String) -> SettingValue? {
        switch name {
        case "input_size": return .int(inputSize)
        case "hidden_size": return .int(hiddenSize)
        case "bias": return .bool(bias)
        case "nonlinearity": return nonlinearityName.map { .string($0) }
        default: return nil
        }
    }

    /// What the inspection commands draw.
    public var spec: RecurrentSpec {
        let (kind, nonlinearity) = self.kind.specKind
        return RecurrentSpec(kind: kind, isCell: true, inputSize: inputSize, hiddenSize: hiddenSize, bias: bias,
                             nonlinearity: nonlinearity)
    }

    /// The `nonlinearity` an RNNCell was built with (nil for LSTM/GRU cells), shown by the repr as PyTorch does.
    var nonlinearityName: String?

    open override func extraRepr() -> String {
        var s = "\(inputSize), \(hiddenSize)"
        if !bias { s += ", bias=False" }
        if let name = nonlinearityName, name != "tanh" { s += ", nonlinearity=\(name)" }
        return s
    }

    /// Runs one step; `states` are hx (and cx) as given, or nil for zeros. Returns h' (and c').
    func step(_ input: Tensor, states: [Tensor]?, resultNames: [String]) throws -> [Tensor] {
        guard input.dim == 1 || input.dim == 2 else {
            throw TensorError.value("\(cellName): Expected input to be 1D or 2D, got \(input.dim)D instead")
        }
        for (i, s) in (states ?? []).enumerated() where s.dim != 1 && s.dim != 2 {
            let what = kind == .lstm ? "hx[\(i)]" : "hidden"
            throw TensorError.value("\(cellName): Expected \(what) to be 1D or 2D, got \(s.dim)D instead")
        }
        let batched = input.dim == 2
        let x = batched ? input : try input.reshape([1, input.shape[0]])
        let hs = try (states ?? []).map { s in s.dim == 2 ? s : try s.reshape([1, s.shape[0]]) }
        let batch = x.shape[0]
        if x.shape[1] != inputSize {
            throw TensorError.runtime("input has inconsistent input_size: got \(x.shape[1]) expected \(inputSize)")
        }
        for (i, h) in hs.enumerated() {
            if h.shape[0] != batch {
                throw TensorError.runtime("Input batch size \(batch) doesn't match hidden\(i) batch size \(h.shape[0])")
            }
            if h.shape[1] != hiddenSize {
                throw TensorError.runtime("hidden\(i) has inconsistent hidden_size: got \(h.shape[1]), expected \(hiddenSize)")
            }
        }
        let cfg = RecurrentConfig(kind: kind, inputSize: inputSize, hidden: hiddenSize, projSize: 0, layers: 1,
                                  directions: 1, bias: bias)
        let layout = RecurrentLayout(batchFirst: false, unbatched: false, steps: 1, batch: batch)
        let (_, hn, cn) = try RecurrentFunction.apply(
            cfg, layout: layout, x: try x.reshape([1, batch, inputSize]),
            h0: try hs.first.map { try $0.reshape([1, batch, hiddenSize]) },
            c0: try (hs.count > 1 ? hs[1] : nil).map { try $0.reshape([1, batch, hiddenSize]) },
            params: parameterNames.compactMap { parameter($0) }, dropout: 0, training: false,
            outputName: "StackBackward0")
        let finalShape = batched ? [batch, hiddenSize] : [hiddenSize]
        var results = [hn]
        if let cn { results.append(cn) }
        return zip(results, resultNames).map { t, name in
            renamed(t, shape: finalShape, name: batched ? name : "SqueezeBackward1")
        }
    }
}

/// A contiguous tensor re-shaped as `shape`, whose grad_fn carries PyTorch's name for this result.
func renamed(_ t: Tensor, shape: [Int], name: String) -> Tensor {
    let out = Tensor(storage: t.storage, shape: shape, strides: Shape.contiguousStrides(shape), offset: t.offset)
    let original = t.shape
    return out.recordGrad(name, inputs: [t]) { g in [try g.reshape(original)] }
}

/// `nn.RNNCell(input_size, hidden_size, bias=True, nonlinearity='tanh')`.
public final class RNNCell: RecurrentCellBase, DescribedLayer {
    public static let layerDescription = LayerDescription(
        "RNNCell", module: "torch.nn.modules.rnn",
        settings: sharedSettings + [LayerSetting("nonlinearity", .string, default: .string("tanh"), "'tanh' or 'relu'")]
            + LayerSetting.factoryKeywords,
        forward: forwardArguments,
        shapes: """
            input (N, F) or (F,); hx optional (N, H) or (H,), zeros when omitted; returns h' of hx's shape
            parameters  weight_ih [H, F], weight_hh [H, H], bias_ih [H], bias_hh [H]
            """
    ) { a in
        try RNNCell(a.int("input_size"), a.int("hidden_size"), bias: a.bool("bias"), nonlinearity: a.string("nonlinearity"))
    }

    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true, nonlinearity: String = "tanh") throws {
        // PyTorch accepts any string here and only complains when the cell runs.
        try super.init(name: "RNNCell", kind: nonlinearity == "relu" ? .rnnRelu : .rnnTanh,
                       inputSize: inputSize, hiddenSize: hiddenSize, bias: bias)
        nonlinearityName = nonlinearity
    }

    public func forward(_ input: Tensor, hx: Tensor? = nil) throws -> Tensor {
        if let name = nonlinearityName, name != "tanh", name != "relu" {
            throw TensorError.runtime("Unknown nonlinearity: \(name)")
        }
        let name = kind == .rnnRelu ? "ReluBackward0" : "TanhBackward0"
        return try step(input, states: hx.map { [$0] }, resultNames: [name])[0]
    }

    public override func forward(_ inputs: [ModuleValue]) throws -> ModuleValue {
        let (x, h) = try recurrentArguments(inputs, name: "RNNCell")
        return .tensor(try forward(x, hx: h.first))
    }
}

/// `nn.GRUCell(input_size, hidden_size, bias=True)`.
public final class GRUCell: RecurrentCellBase, DescribedLayer {
    public static let layerDescription = LayerDescription(
        "GRUCell", module: "torch.nn.modules.rnn", settings: sharedSettings + LayerSetting.factoryKeywords,
        forward: forwardArguments,
        shapes: """
            input (N, F) or (F,); hx optional (N, H); returns h'
            parameters  weight_ih [3H, F], weight_hh [3H, H], bias_ih [3H], bias_hh [3H]
            """
    ) { a in
        try GRUCell(a.int("input_size"), a.int("hidden_size"), bias: a.bool("bias"))
    }

    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true) throws {
        try super.init(name: "GRUCell", kind: .gru, inputSize: inputSize, hiddenSize: hiddenSize, bias: bias)
    }

    public func forward(_ input: Tensor, hx: Tensor? = nil) throws -> Tensor {
        try step(input, states: hx.map { [$0] }, resultNames: ["AddBackward0"])[0]
    }

    public override func forward(_ inputs: [ModuleValue]) throws -> ModuleValue {
        let (x, h) = try recurrentArguments(inputs, name: "GRUCell")
        return .tensor(try forward(x, hx: h.first))
    }
}

/// `nn.LSTMCell(input_size, hidden_size, bias=True)` → (h', c').
public final class LSTMCell: RecurrentCellBase, DescribedLayer {
    public static let layerDescription = LayerDescription(
        "LSTMCell", module: "torch.nn.modules.rnn", settings: sharedSettings + LayerSetting.factoryKeywords,
        forward: forwardArguments,
        shapes: """
            input (N, F) or (F,); (h, c) optional, each (N, H); returns (h', c')
            parameters  weight_ih [4H, F], weight_hh [4H, H], bias_ih [4H], bias_hh [4H]
            """
    ) { a in
        try LSTMCell(a.int("input_size"), a.int("hidden_size"), bias: a.bool("bias"))
    }

    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true) throws {
        try super.init(name: "LSTMCell", kind: .lstm, inputSize: inputSize, hiddenSize: hiddenSize, bias: bias)
    }

    public func forward(_ input: Tensor, hx: (Tensor, Tensor)? = nil) throws -> (Tensor, Tensor) {
        let r = try step(input, states: hx.map { [$0.0, $0.1] }, resultNames: ["MulBackward0", "AddBackward0"])
        guard r.count == 2 else { throw TensorError.runtime("LSTMCell produced no cell state") }
        return (r[0], r[1])
    }

    public override func forward(_ inputs: [ModuleValue]) throws -> ModuleValue {
        let (x, h) = try recurrentArguments(inputs, name: "LSTMCell", statePair: true)
        let (hn, cn) = try forward(x, hx: h.count == 2 ? (h[0], h[1]) : nil)
        return .tuple([.tensor(hn), .tensor(cn)])
    }
}
