// nn.RNN, nn.LSTM and nn.GRU: PyTorch's constructor options, parameter names and order, checks and errors.
import Foundation
import UnrollTensor

/// PyTorch's `RNNBase`: the shared body of RNN, LSTM and GRU. The computation is the fused stack kernel.
open class RecurrentBase: Module {
    public let config: RecurrentConfig
    public let inputSize: Int
    public let hiddenSize: Int
    public let numLayers: Int
    public let bias: Bool
    public let batchFirst: Bool
    public let dropout: Double
    public let bidirectional: Bool
    public let projSize: Int
    let modeName: String

    init(mode: String, kind: RecurrentKind, inputSize: Int, hiddenSize: Int, numLayers: Int, bias: Bool,
         batchFirst: Bool, dropout: Double, bidirectional: Bool, projSize: Int) throws {
        guard dropout >= 0 && dropout <= 1 else {
            throw TensorError.value("dropout should be a number in range [0, 1] representing the probability of an element being zeroed")
        }
        guard inputSize > 0 else { throw TensorError.value("input_size must be greater than zero") }
        guard hiddenSize > 0 else { throw TensorError.value("hidden_size must be greater than zero") }
        guard numLayers > 0 else { throw TensorError.value("num_layers must be greater than zero") }
        guard projSize >= 0 else {
            throw TensorError.value("proj_size should be a positive integer or zero to disable projections")
        }
        guard projSize < hiddenSize else { throw TensorError.value("proj_size has to be smaller than hidden_size") }
        if projSize > 0 && kind != .lstm { throw TensorError.value("proj_size argument is only supported for LSTM, not RNN or GRU") }
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.numLayers = numLayers
        self.bias = bias
        self.batchFirst = batchFirst
        self.dropout = dropout
        self.bidirectional = bidirectional
        self.projSize = projSize
        self.modeName = mode
        config = RecurrentConfig(kind: kind, inputSize: inputSize, hidden: hiddenSize, projSize: projSize,
                                 layers: numLayers, directions: bidirectional ? 2 : 1, bias: bias)
        super.init()
        let gates = kind.gateCount * hiddenSize
        let realHidden = projSize > 0 ? projSize : hiddenSize
        for layer in 0..<numLayers {
            for direction in 0..<config.directions {
                let layerInput = layer == 0 ? inputSize : realHidden * config.directions
                let suffix = direction == 1 ? "_reverse" : ""
                var entries: [(String, [Int])] = [("weight_ih_l\(layer)\(suffix)", [gates, layerInput]),
                                                  ("weight_hh_l\(layer)\(suffix)", [gates, realHidden])]
                if bias {
                    entries += [("bias_ih_l\(layer)\(suffix)", [gates]), ("bias_hh_l\(layer)\(suffix)", [gates])]
                }
                if projSize > 0 { entries.append(("weight_hr_l\(layer)\(suffix)", [projSize, hiddenSize])) }
                for (name, shape) in entries { register(name, parameter: try Parameter(Tensor(zeros: shape))) }
            }
        }
        try resetParameters()
    }

    /// `reset_parameters()`: every parameter U(-1/sqrt(hidden), 1/sqrt(hidden)) in registration order.
    public func resetParameters() throws {
        let stdv = 1.0 / Double(hiddenSize).squareRoot()
        for p in flatWeights { try NNRandom.source.uniform_(p, from: -stdv, to: stdv) }
    }

    public override func initialisation(of name: String) -> String? {
        parameter(name) == nil ? nil : uniformInitialisation(fanName: "hidden_size", hiddenSize)
    }

    /// The settings of RNN, LSTM and GRU in PyTorch's positional order; `proj_size` is LSTM's alone but the
    /// others accept it to reject it, as PyTorch does.
    static func settings(nonlinearity: Bool, projection: Bool) -> [LayerSetting] {
        var settings = [
            LayerSetting("input_size", .int, "features per step (F)"),
            LayerSetting("hidden_size", .int, "size of the hidden state (H)"),
            LayerSetting("num_layers", .int, default: .int(1), "stacked layers; layer k>0 reads layer k-1's output"),
        ]
        if nonlinearity { settings.append(LayerSetting("nonlinearity", .string, default: .string("tanh"), "'tanh' or 'relu'")) }
        settings += [
            LayerSetting("bias", .bool, default: .bool(true), "use b_ih and b_hh"),
            LayerSetting("batch_first", .bool, default: .bool(false),
                         "read input/output as (N, L, F) instead of (L, N, F); h_n is never batch-first"),
            LayerSetting("dropout", .double, default: .double(0), "dropout between layers (training only)"),
            LayerSetting("bidirectional", .bool, default: .bool(false),
                         "add a reverse direction; output width 2H, h_n rows 2·num_layers"),
            LayerSetting("proj_size", .int, default: .int(0), documented: projection, "project h to this size with weight_hr_l{k}"),
        ]
        return settings + LayerSetting.factoryKeywords + [LayerSetting("mode", .string, role: .attributeOnly)]
    }

    /// PyTorch's `mode` attribute: `RNN_TANH`, `RNN_RELU`, `LSTM` or `GRU`.
    public var mode: String {
        switch config.kind {
        case .rnnTanh: return "RNN_TANH"
        case .rnnRelu: return "RNN_RELU"
        case .lstm: return "LSTM"
        case .gru: return "GRU"
        }
    }

    public override func settingValue(_ name: String) -> SettingValue? {
        switch name {
        case "input_size": return .int(inputSize)
        case "hidden_size": return .int(hiddenSize)
        case "num_layers": return .int(numLayers)
        case "bias": return .bool(bias)
        case "batch_first": return .bool(batchFirst)
        case "dropout": return .double(dropout)
        case "bidirectional": return .bool(bidirectional)
        case "proj_size": return .int(projSize)
        case "mode": return .string(mode)
        case "nonlinearity" where config.kind == .rnnTanh || config.kind == .rnnRelu:
            return .string(config.kind == .rnnRelu ? "relu" : "tanh")
        default: return nil
        }
    }

    /// What the inspection commands draw.
    public var spec: RecurrentSpec {
        let (kind, nonlinearity) = config.kind.specKind
        return RecurrentSpec(kind: kind, isCell: false, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers,
                             bias: bias, batchFirst: batchFirst, bidirectional: bidirectional, nonlinearity: nonlinearity,
                             projSize: projSize)
    }

    static let forwardArguments = [ForwardArgument("input"), ForwardArgument("hx", required: false)]

    /// `_flat_weights`: this layer's own parameters in PyTorch's order.
    public var flatWeights: [Tensor] { parameterNames.compactMap { parameter($0) } }

    open override func extraRepr() -> String {
        var s = "\(inputSize), \(hiddenSize)"
        if projSize != 0 { s += ", proj_size=\(projSize)" }
        if numLayers != 1 { s += ", num_layers=\(numLayers)" }
        if !bias { s += ", bias=False" }
        if batchFirst { s += ", batch_first=True" }
        if dropout != 0 { s += ", dropout=\(PythonFloatRepr.format(dropout))" }
        if bidirectional { s += ", bidirectional=True" }
        return s
    }

    /// Reads the input's layout and checks it and the states as PyTorch does; returns the layout.
    func checkedLayout(_ input: Tensor, states: [(Tensor, String)]) throws -> RecurrentLayout {
        guard input.dim == 2 || input.dim == 3 else {
            let tail = modeName == "RNN" ? "tensor instead" : "instead"
            throw TensorError.value("\(modeName): Expected input to be 2D or 3D, got \(input.dim)D \(tail)")
        }
        let batched = input.dim == 3
        if !states.isEmpty {
            let dims = states.map { $0.0.dim }
            let want = batched ? 3 : 2
            if dims.contains(where: { $0 != want }) {
                let form = batched ? "batched 3-D" : "unbatched 2-D"
                if modeName == "LSTM" {
                    throw TensorError.runtime(
                        "For \(form) input, hx and cx should also be \(want)-D but got (\(dims[0])-D, \(dims.count > 1 ? dims[1] : dims[0])-D) tensors")
                }
                throw TensorError.runtime("For \(form) input, hx should also be \(want)-D but got \(dims[0])-D tensor")
            }
        }
        if let weight = flatWeights.first, input.dtype != weight.dtype {
            throw TensorError.value(
                "RNN input dtype (\(input.dtype.torchName)) does not match weight dtype (\(weight.dtype.torchName)). Convert input: input.to(\(weight.dtype.torchName)), or convert model: model.to(\(input.dtype.torchName))")
        }
        let features = input.shape[input.dim - 1]
        let steps = batched ? input.shape[batchFirst ? 1 : 0] : input.shape[0]
        let batch = batched ? input.shape[batchFirst ? 0 : 1] : 1
        if features != inputSize {
            throw TensorError.runtime(
                "input.size(-1) must be equal to input_size. Expected \(inputSize), got \(features)",
                hint: layoutHint(input))
        }
        let slots = numLayers * config.directions
        for (i, (state, _)) in states.enumerated() {
            let last = (modeName == "LSTM" && i == 1) ? hiddenSize : config.outSize
            let got = batched ? state.shape : [state.shape[0], 1] + state.shape.dropFirst()
            if got != [slots, batch, last] {
                let prefix = modeName == "LSTM" ? "Expected hidden[\(i)] size" : "Expected hidden size"
                throw TensorError.runtime("\(prefix) (\(slots), \(batch), \(last)), got \(Shape.describe(got))",
                                          hint: "The hidden state is (num_layers * num_directions, batch, hidden) = (\(slots), \(batch), \(last)) whatever batch_first says.\n" + layoutHint(input))
            }
        }
        return RecurrentLayout(batchFirst: batchFirst, unbatched: !batched, steps: steps, batch: batch)
    }

    /// A teaching line: how the input's shape was read.
    func layoutHint(_ input: Tensor) -> String {
        let s = Shape.describe(input.shape)
        if input.dim == 2 { return "input \(s) was read as unbatched (seq_len=\(input.shape[0]), input_size=\(input.shape[1]))." }
        guard input.dim == 3 else { return "" }
        if batchFirst {
            return "With batch_first=True, input \(s) was read as (batch=\(input.shape[0]), seq_len=\(input.shape[1]), input_size=\(input.shape[2]))."
        }
        return "With batch_first=False, input \(s) was read as (seq_len=\(input.shape[0]), batch=\(input.shape[1]), input_size=\(input.shape[2]))."
    }

    func outputName(_ layout: RecurrentLayout) -> String {
        if layout.unbatched { return "SqueezeBackward1" }
        let mkldnn = config.kind == .lstm && projSize == 0
        if layout.batchFirst { return mkldnn ? "TransposeBackward0" : "TransposeBackward1" }
        if mkldnn { return bidirectional ? "CatBackward0" : "MkldnnRnnLayerBackward0" }
        return "StackBackward0"
    }

    func run(_ input: Tensor, h0: Tensor?, c0: Tensor?) throws -> (Tensor, Tensor, Tensor?) {
        var states: [(Tensor, String)] = []
        if let h0 { states.append((h0, "h")) }
        if let c0 { states.append((c0, "c")) }
        let layout = try checkedLayout(input, states: states)
        return try RecurrentFunction.apply(config, layout: layout, x: input, h0: h0, c0: c0, params: flatWeights,
                                           dropout: dropout, training: training, outputName: outputName(layout))
    }
}

/// `nn.RNN(input_size, hidden_size, num_layers=1, nonlinearity='tanh', bias=True, batch_first=False, dropout=0.0, bidirectional=False)`.
public final class RNN: RecurrentBase, DescribedLayer {
    public let nonlinearity: String

    public static let layerDescription = LayerDescription(
        "RNN", module: "torch.nn.modules.rnn", settings: settings(nonlinearity: true, projection: false),
        forward: forwardArguments,
        shapes: """
            input   (L, F) unbatched, (L, N, F), or (N, L, F) with batch_first
            h_0     optional, (D·num_layers, N, H) (or (D·num_layers, H) unbatched); zeros when omitted
            output  (L, N, D·H): the top layer's state at every step, forward half first
            h_n     (D·num_layers, N, H): every layer's last state, row layer·D + direction
            parameters  weight_ih_l{k} [H, F or D·H], weight_hh_l{k} [H, H], bias_ih_l{k} [H], bias_hh_l{k} [H], plus _reverse
            """
    ) { a in
        try RNN(a.int("input_size"), a.int("hidden_size"), numLayers: a.int("num_layers"), nonlinearity: a.string("nonlinearity"),
                bias: a.bool("bias"), batchFirst: a.bool("batch_first"), dropout: a.double("dropout"),
                bidirectional: a.bool("bidirectional"), projSize: a.int("proj_size"))
    }

    public init(_ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, nonlinearity: String = "tanh", bias: Bool = true,
                batchFirst: Bool = false, dropout: Double = 0, bidirectional: Bool = false, projSize: Int = 0) throws {
        let kind: RecurrentKind
        switch nonlinearity {
        case "tanh": kind = .rnnTanh
        case "relu": kind = .rnnRelu
        default: throw TensorError.value("Unknown nonlinearity '\(nonlinearity)'. Select from 'tanh' or 'relu'.")
        }
        self.nonlinearity = nonlinearity
        try super.init(mode: "RNN", kind: kind, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers,
                       bias: bias, batchFirst: batchFirst, dropout: dropout, bidirectional: bidirectional, projSize: projSize)
    }

    /// `rnn(input, hx=None)` → (output, h_n).
    public func forward(_ input: Tensor, hx: Tensor? = nil) throws -> (Tensor, Tensor) {
        let (out, hn, _) = try run(input, h0: hx, c0: nil)
        return (out, hn)
    }

    public override func forward(_ inputs: [ModuleValue]) throws -> ModuleValue {
        let (x, h) = try recurrentArguments(inputs, name: "RNN")
        let (out, hn) = try forward(x, hx: h.first)
        return .tuple([.tensor(out), .tensor(hn)])
    }
}

/// `nn.GRU(...)` with the same options as RNN (no nonlinearity).
public final class GRU: RecurrentBase, DescribedLayer {
    public static let layerDescription = LayerDescription(
        "GRU", module: "torch.nn.modules.rnn", settings: settings(nonlinearity: false, projection: false),
        forward: forwardArguments,
        shapes: """
            input, h_0, output, h_n  as nn.RNN
            parameters  weight_ih_l{k} [3H, ·] stacked r, z, n; weight_hh_l{k} [3H, H]; biases [3H]
            """
    ) { a in
        try GRU(a.int("input_size"), a.int("hidden_size"), numLayers: a.int("num_layers"), bias: a.bool("bias"),
                batchFirst: a.bool("batch_first"), dropout: a.double("dropout"), bidirectional: a.bool("bidirectional"),
                projSize: a.int("proj_size"))
    }

    public init(_ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, bias: Bool = true, batchFirst: Bool = false,
                dropout: Double = 0, bidirectional: Bool = false, projSize: Int = 0) throws {
        try super.init(mode: "GRU", kind: .gru, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers,
                       bias: bias, batchFirst: batchFirst, dropout: dropout, bidirectional: bidirectional, projSize: projSize)
    }

    public func forward(_ input: Tensor, hx: Tensor? = nil) throws -> (Tensor, Tensor) {
        let (out, hn, _) = try run(input, h0: hx, c0: nil)
        return (out, hn)
    }

    public override func forward(_ inputs: [ModuleValue]) throws -> ModuleValue {
        let (x, h) = try recurrentArguments(inputs, name: "GRU")
        let (out, hn) = try forward(x, hx: h.first)
        return .tuple([.tensor(out), .tensor(hn)])
    }
}

/// `nn.LSTM(...)` with `proj_size`.
public final class LSTM: RecurrentBase, DescribedLayer {
    public static let layerDescription = LayerDescription(
        "LSTM", module: "torch.nn.modules.rnn", settings: settings(nonlinearity: false, projection: true),
        forward: forwardArguments,
        shapes: """
            input   as nn.RNN
            (h_0, c_0)  optional tuple, each (D·num_layers, N, H) (h_0 uses proj_size when set)
            output  (L, N, D·H)
            (h_n, c_n)  each (D·num_layers, N, H)
            parameters  weight_ih_l{k} [4H, ·] stacked i, f, g, o; weight_hh_l{k} [4H, H]; biases [4H]
            """
    ) { a in
        try LSTM(a.int("input_size"), a.int("hidden_size"), numLayers: a.int("num_layers"), bias: a.bool("bias"),
                 batchFirst: a.bool("batch_first"), dropout: a.double("dropout"), bidirectional: a.bool("bidirectional"),
                 projSize: a.int("proj_size"))
    }

    public init(_ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, bias: Bool = true, batchFirst: Bool = false,
                dropout: Double = 0, bidirectional: Bool = false, projSize: Int = 0) throws {
        try super.init(mode: "LSTM", kind: .lstm, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers,
                       bias: bias, batchFirst: batchFirst, dropout: dropout, bidirectional: bidirectional,
                       projSize: projSize)
    }

    /// `lstm(input, (h0, c0))` → (output, (h_n, c_n)).
    public func forward(_ input: Tensor, hx: (Tensor, Tensor)? = nil) throws -> (Tensor, (Tensor, Tensor)) {
        let (out, hn, cn) = try run(input, h0: hx?.0, c0: hx?.1)
        guard let cn else { throw TensorError.runtime("LSTM produced no cell state") }
        return (out, (hn, cn))
    }

    public override func forward(_ inputs: [ModuleValue]) throws -> ModuleValue {
        let (x, h) = try recurrentArguments(inputs, name: "LSTM", statePair: true)
        let state: (Tensor, Tensor)?
        if h.isEmpty { state = nil } else if h.count == 2 { state = (h[0], h[1]) } else {
            throw TensorError.type("LSTM expects hx as a tuple (h_0, c_0)")
        }
        let (out, (hn, cn)) = try forward(x, hx: state)
        return .tuple([.tensor(out), .tuple([.tensor(hn), .tensor(cn)])])
    }
}

/// Splits `(input, hx)` positional arguments; hx may be a tensor, a tuple, or None. With `statePair` (LSTM's
/// `(h, c)`), a single tensor is unpacked along its first dimension as Python's `h, c = hx` does.
func recurrentArguments(_ inputs: [ModuleValue], name: String, statePair: Bool = false) throws -> (Tensor, [Tensor]) {
    guard let first = inputs.first, let x = first.tensor, inputs.count <= 2 else {
        throw TensorError.type("\(name).forward() expects (input, hx=None)")
    }
    guard inputs.count == 2 else { return (x, []) }
    switch inputs[1] {
    case .none: return (x, [])
    case .tensor(let h) where statePair:
        let n = h.dim > 0 ? h.shape[0] : 0
        guard h.dim > 0, n == 2 else {
            throw TensorError.value(n > 2 ? "too many values to unpack (expected 2)" : "not enough values to unpack (expected 2, got \(n))")
        }
        return (x, [try h.select(0, 0), try h.select(0, 1)])
    case .tensor(let h): return (x, [h])
    case .tuple(let items):
        let tensors = items.compactMap { $0.tensor }
        guard tensors.count == items.count else { throw TensorError.type("\(name): hx must hold tensors") }
        return (x, tensors)
    }
}
