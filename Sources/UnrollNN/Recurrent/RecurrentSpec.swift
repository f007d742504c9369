// A recurrent cell's or layer's settings as one value: what :explain, :layout, :unroll and :trace draw from.

/// The configuration of an `RNNCell`/`LSTMCell`/`GRUCell` or `RNN`/`LSTM`/`GRU`, read from the module's own fields.
public struct RecurrentSpec: Equatable, Sendable {
    public enum Kind: String, Sendable { case rnn = "RNN", lstm = "LSTM", gru = "GRU" }
    public var kind: Kind
    /// True for the single-step cells (`nn.RNNCell`, ...).
    public var isCell: Bool
    public var inputSize: Int
    public var hiddenSize: Int
    public var numLayers: Int
    public var bias: Bool
    public var batchFirst: Bool
    public var bidirectional: Bool
    /// `tanh` or `relu` (RNN only).
    public var nonlinearity: String
    /// LSTM projection size; 0 when unused.
    public var projSize: Int

    public init(kind: Kind, isCell: Bool, inputSize: Int, hiddenSize: Int, numLayers: Int = 1, bias: Bool = true,
                batchFirst: Bool = false, bidirectional: Bool = false, nonlinearity: String = "tanh", projSize: Int = 0) {
        self.kind = kind
        self.isCell = isCell
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.numLayers = numLayers
        self.bias = bias
        self.batchFirst = batchFirst
        self.bidirectional = bidirectional
        self.nonlinearity = nonlinearity
        self.projSize = projSize
    }

    public var directions: Int { bidirectional ? 2 : 1 }
    /// The size of the state a layer outputs per direction (proj_size when set).
    public var outputSize: Int { projSize > 0 ? projSize : hiddenSize }
    /// How many stacked gate blocks `weight_ih` holds: 1 (RNN), 4 (LSTM), 3 (GRU).
    public var gateCount: Int {
        switch kind {
        case .rnn: return 1
        case .lstm: return 4
        case .gru: return 3
        }
    }
    /// The input width of layer `layer`.
    public func layerInputSize(_ layer: Int) -> Int { layer == 0 ? inputSize : outputSize * directions }

    /// `nn.LSTM`, `nn.RNNCell`, ... as the learner typed it.
    public var typeName: String { isCell ? "\(kind.rawValue)Cell" : kind.rawValue }
}

extension RecurrentKind {
    /// The spec's kind and nonlinearity for this kernel kind.
    var specKind: (RecurrentSpec.Kind, String) {
        switch self {
        case .rnnTanh: return (.rnn, "tanh")
        case .rnnRelu: return (.rnn, "relu")
        case .lstm: return (.lstm, "tanh")
        case .gru: return (.gru, "tanh")
        }
    }
}
