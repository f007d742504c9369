// `unroll bench rnn`: forward and full training-step times of RNN, LSTM and GRU at the course's sizes, as a text table.
import Foundation
import UnrollNN
import UnrollTensor

/// Recurrent-layer benchmark; tools/bench_rnn.py prints the same table for PyTorch. Each model is the course's
/// `Net`: a 2-layer batch-first recurrent layer, its last step through `Linear(H, 1)`. "forward" is that under
/// no_grad; "train step" is zero_grad, forward, MSE loss, backward and an Adam step.
public enum RNNBench {
    struct Size {
        let hidden, steps, batch, features: Int
        let note: String
        var label: String { "H\(hidden) L\(steps) N\(batch) F\(features)" }
    }

    static let sizes = [
        Size(hidden: 32, steps: 96, batch: 32, features: 1, note: "electricity lesson"),
        Size(hidden: 128, steps: 24, batch: 32, features: 18, note: "bike lesson"),
        Size(hidden: 256, steps: 100, batch: 64, features: 32, note: ""),
    ]

    static let kinds = ["RNN", "LSTM", "GRU"]

    static func makeLayer(_ kind: String, _ s: Size) throws -> RecurrentBase {
        switch kind {
        case "RNN": return try RNN(s.features, s.hidden, numLayers: 2, batchFirst: true)
        case "LSTM": return try LSTM(s.features, s.hidden, numLayers: 2, batchFirst: true)
        default: return try GRU(s.features, s.hidden, numLayers: 2, batchFirst: true)
        }
    }

    /// The course's Net: `fc(rnn(x)[0][:, -1, :])`.
    static func predict(_ rnn: RecurrentBase, _ fc: Linear, _ x: Tensor) throws -> Tensor {
        guard case .tuple(let parts) = try rnn.forward([.tensor(x)]), let out = parts.first?.tensor else {
            throw TensorError.runtime("recurrent layer returned no output")
        }
        return try fc.forward(try out.select(1, -1))
    }

    /// Runs the benchmark and returns the table; `threads` sets the worker count (results do not depend on it);
    /// `size` keeps only the sizes whose label starts with it (`"H128"`).
    public static func run(threads: Int? = nil, kinds selected: [String]? = nil, size sizeFilter: String? = nil) throws -> String {
        if let threads {
            BLASThreads.set(threads)
        }
        let count = BLASThreads.count, used = BLASThreads.parallelWorkers
        let threadNote = "\(count) thread\(count == 1 ? "" : "s")" + (used < count ? ", \(used) used: one per core" : "")
        var lines = ["Unroll recurrent benchmark (float32, 2 layers, batch_first, \(threadNote))", ""]
        lines.append(TensorBench.pad("model", 7) + TensorBench.pad("size", 22) + TensorBench.pad("forward", 12, right: true)
                     + TensorBench.pad("train step", 13, right: true))
        for size in sizes where size.label.hasPrefix(sizeFilter ?? "") {
            for kind in selected ?? kinds {
                let (forward, train) = try measure(kind, size)
                lines.append(TensorBench.pad(kind, 7) + TensorBench.pad(size.label, 22)
                             + TensorBench.pad(TensorBench.formatTime(forward), 12, right: true)
                             + TensorBench.pad(TensorBench.formatTime(train), 13, right: true))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Seconds per forward pass and per training step for one model and size.
    static func measure(_ kind: String, _ size: Size) throws -> (Double, Double) {
        let rnn = try makeLayer(kind, size)
        let fc = try Linear(size.hidden, 1)
        let params = rnn.parameters() + fc.parameters()
        let x = try TensorBench.pattern([size.batch, size.steps, size.features])
        let y = try TensorBench.pattern([size.batch, 1])
        let forward = try TensorBench.secondsPerCall {
            _ = try GradMode.withDisabled { try predict(rnn, fc, x) }
        }
        let optimizer = try Adam(params)
        let criterion = MSELoss()
        let train = try TensorBench.secondsPerCall {
            try optimizer.zeroGrad()
            let loss = try criterion(try predict(rnn, fc, x), y)
            try loss.backward()
            try optimizer.step()
        }
        return (forward, train)
    }
}
