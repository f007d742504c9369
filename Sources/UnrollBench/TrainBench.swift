// `unroll bench train`: one epoch of the electricity LSTM over the full real demand series, run as language code.
import Foundation
import UnrollLang
import UnrollTensor

/// The training benchmark of issue 7; tools/bench_train.py is the PyTorch side and runs the same steps. Both
/// normalise the half-hourly demand series, cut 48-step windows, batch them 32 at a time (shuffled, drop_last),
/// and time one epoch of the course's 2-layer LSTM `Net` with MSE and Adam — through the interpreter here, as a
/// learner's program runs, so the time includes the language's overhead just as Python's is in PyTorch's.
public enum TrainBench {
    /// Data, loader, model and optimizer (not timed).
    static let setup = """
        import torch
        import torch.nn as nn
        import torch.optim as optim
        import pandas as pd
        from torch.utils.data import DataLoader, TensorDataset

        class LSTMNet(nn.Module):
            def __init__(self):
                super().__init__()
                self.lstm = nn.LSTM(input_size=1, hidden_size=32, num_layers=2, batch_first=True)
                self.fc = nn.Linear(32, 1)

            def forward(self, x):
                h0 = torch.zeros(2, x.size(0), 32)
                c0 = torch.zeros(2, x.size(0), 32)
                out, _ = self.lstm(x, (h0, c0))
                return self.fc(out[:, -1, :])

        torch.manual_seed(0)
        values = torch.tensor(pd.read_csv("taylor_electricity_demand_2000.csv")["demand_mw"].values).float()
        values = (values - values.mean()) / values.std(unbiased=False)
        xs = torch.stack([values[i:i + 48] for i in range(len(values) - 48)])
        ys = values[48:]
        loader = DataLoader(TensorDataset(xs, ys), batch_size=32, shuffle=True, drop_last=True)
        net = LSTMNet()
        criterion = nn.MSELoss()
        optimizer = optim.Adam(net.parameters(), lr=0.001)
        batches = len(loader)
        """

    /// The timed epoch.
    static let epoch = """
        for seqs, labels in loader:
            loss = criterion(net(seqs.view(32, 48, 1)).squeeze(), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        """

    /// Runs one epoch and returns the report; `threads` defaults to 1, as tools/bench_train.py sets for PyTorch.
    public static func run(threads: Int? = nil) throws -> String {
        let count = threads ?? 1
        BLASThreads.set(count)
        var printed = ""
        let session = Session(output: { printed += $0 }, printsErrors: false)
        let prepared = session.run(setup, file: "<bench train setup>", echo: false)
        if let error = prepared.errorText { throw BenchError(message: "bench train setup failed: \(error)\n\(printed)") }
        let start = DispatchTime.now().uptimeNanoseconds
        let trained = session.run(epoch, file: "<bench train epoch>", echo: false)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if let error = trained.errorText { throw BenchError(message: "bench train epoch failed: \(error)") }
        let batches = (try? session.evaluate("batches")).flatMap { value -> Int? in
            if case .int(let n) = value { return Int(n) }
            return nil
        } ?? 0
        let loss = (try? session.evaluate("loss.item()")).map(session.repr) ?? "?"
        return """
            electricity LSTM, one epoch (\(batches) batches of 32x48x1), Unroll, \(count) thread\(count == 1 ? "" : "s")
            epoch time \(String(format: "%.3f", elapsed)) s (last batch loss \(loss))
            """
    }
}

/// A benchmark that could not run (e.g. the data set was not found).
public struct BenchError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
