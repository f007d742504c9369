// `help(nn.LSTM)` and `:help nn.LSTM`: each layer's constructor arguments, the shapes it reads and returns, and where PyTorch defines it.
import Foundation

public enum LayerDocs {
    /// The PyTorch module that defines each torch.nn class, for `<class 'torch.nn.modules.rnn.RNN'>` and help().
    static let pythonModules: [String: String] = [
        "RNN": "torch.nn.modules.rnn", "LSTM": "torch.nn.modules.rnn", "GRU": "torch.nn.modules.rnn",
        "RNNCell": "torch.nn.modules.rnn", "LSTMCell": "torch.nn.modules.rnn", "GRUCell": "torch.nn.modules.rnn",
        "Linear": "torch.nn.modules.linear", "Identity": "torch.nn.modules.linear",
        "MSELoss": "torch.nn.modules.loss", "L1Loss": "torch.nn.modules.loss", "HuberLoss": "torch.nn.modules.loss",
        "CrossEntropyLoss": "torch.nn.modules.loss", "Dropout": "torch.nn.modules.dropout",
        "ReLU": "torch.nn.modules.activation", "Sigmoid": "torch.nn.modules.activation", "Tanh": "torch.nn.modules.activation",
        "Sequential": "torch.nn.modules.container", "Module": "torch.nn.modules.module",
    ]

    /// `torch.nn.modules.rnn.RNN` for `RNN`; `torch.nn.X` for a class not in the table.
    static func qualifiedName(_ name: String) -> String { "\(pythonModules[name] ?? "torch.nn").\(name)" }

    static let recurrentArguments = """
          input_size     features per step (F)
          hidden_size    size of the hidden state (H)
          num_layers=1   stacked layers; layer k>0 reads layer k-1's output
          bias=True      use b_ih and b_hh
          batch_first=False  read input/output as (N, L, F) instead of (L, N, F); h_n is never batch-first
          dropout=0.0    dropout between layers (training only)
          bidirectional=False  add a reverse direction; output width 2H, h_n rows 2·num_layers
        """

    static let texts: [String: String] = [
        "RNN": """
            nn.RNN(input_size, hidden_size, num_layers=1, nonlinearity='tanh', bias=True, batch_first=False, dropout=0.0, bidirectional=False)
            \(recurrentArguments)\n  nonlinearity   'tanh' or 'relu'
            input   (L, F) unbatched, (L, N, F), or (N, L, F) with batch_first
            h_0     optional, (D·num_layers, N, H) (or (D·num_layers, H) unbatched); zeros when omitted
            output  (L, N, D·H): the top layer's state at every step, forward half first
            h_n     (D·num_layers, N, H): every layer's last state, row layer·D + direction
            parameters  weight_ih_l{k} [H, F or D·H], weight_hh_l{k} [H, H], bias_ih_l{k} [H], bias_hh_l{k} [H], plus _reverse
            """,
        "LSTM": """
            nn.LSTM(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0, bidirectional=False, proj_size=0)
            \(recurrentArguments)\n  proj_size=0    project h to this size with weight_hr_l{k}
            input   as nn.RNN
            (h_0, c_0)  optional tuple, each (D·num_layers, N, H) (h_0 uses proj_size when set)
            output  (L, N, D·H)
            (h_n, c_n)  each (D·num_layers, N, H)
            parameters  weight_ih_l{k} [4H, ·] stacked i, f, g, o; weight_hh_l{k} [4H, H]; biases [4H]
            """,
        "GRU": """
            nn.GRU(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0, bidirectional=False)
            \(recurrentArguments)\ninput, h_0, output, h_n  as nn.RNN
            parameters  weight_ih_l{k} [3H, ·] stacked r, z, n; weight_hh_l{k} [3H, H]; biases [3H]
            """,
        "RNNCell": """
            nn.RNNCell(input_size, hidden_size, bias=True, nonlinearity='tanh')
            input (N, F) or (F,); hx optional (N, H) or (H,), zeros when omitted; returns h' of hx's shape
            parameters  weight_ih [H, F], weight_hh [H, H], bias_ih [H], bias_hh [H]
            """,
        "LSTMCell": """
            nn.LSTMCell(input_size, hidden_size, bias=True)
            input (N, F) or (F,); (h, c) optional, each (N, H); returns (h', c')
            parameters  weight_ih [4H, F], weight_hh [4H, H], bias_ih [4H], bias_hh [4H]
            """,
        "GRUCell": """
            nn.GRUCell(input_size, hidden_size, bias=True)
            input (N, F) or (F,); hx optional (N, H); returns h'
            parameters  weight_ih [3H, F], weight_hh [3H, H], bias_ih [3H], bias_hh [3H]
            """,
        "Linear": """
            nn.Linear(in_features, out_features, bias=True)
            input (*, in_features) -> output (*, out_features): acts on the last dimension only
            parameters  weight [out_features, in_features], bias [out_features]
            """,
        "Module": """
            nn.Module: subclass it with __init__ (call super().__init__() first) and forward.
            Attributes that are modules or nn.Parameter are registered in definition order; net(x) calls forward.
            """,
    ]

    /// Help for `topic` (`nn.LSTM`, `LSTM`, `torch.nn.GRU`), or nil when it is not a layer Unroll documents.
    public static func text(_ topic: String) -> String? {
        let name = topic.split(separator: ".").last.map(String.init) ?? topic
        return texts[name].map { $0.trimmingCharacters(in: .newlines) }
    }
}
