// A 20-step Adam training run of LSTM(1, 8, 2) + Linear(8, 1) on a sine window task, losses against PyTorch's.
import Foundation
import Testing
import UnrollTensor
@testable import UnrollNN

@Suite struct TrainingRunTests {
    /// The fixture's `Net`: an LSTM whose last time step feeds a Linear head.
    final class Net: Module {
        let lstm: LSTM
        let fc: Linear
        init(seeded: Void = ()) throws {
            lstm = try LSTM(1, 8, numLayers: 2, batchFirst: true)
            fc = try Linear(8, 1)
            super.init()
            customTypeName = "Net"
            register("lstm", module: lstm)
            register("fc", module: fc)
        }
        func forward(_ x: Tensor) throws -> Tensor {
            let (out, _) = try lstm.forward(x)
            let last = try out.select(1, out.shape[1] - 1)
            return try fc.forward(last)
        }
    }

    @Test func adamRunMatchesPyTorch() throws {
        guard let fixture = try Fixtures.json("training.json") as? [String: Any] else { Issue.record("training.json"); return }
        let net = try Net()
        #expect(net.repr == fixture["repr"] as? String)
        try loadParams(net, fixture["params"])
        let x = try requiredTensor(fixture["x"]), y = try requiredTensor(fixture["y"])
        let expected = fixture["losses"] as? [Double] ?? []
        #expect(expected.count == 20)
        let opt = try Adam(net.parameters(), lr: 0.01)
        let criterion = MSELoss()
        for (step, want) in expected.enumerated() {
            try opt.zeroGrad()
            let loss = try criterion(try net.forward(x), y)
            try loss.backward()
            try opt.step()
            let got = loss.doubles().first ?? .nan
            #expect(abs(got - want) <= 1e-4 * max(abs(want), 1e-3), "step \(step + 1): \(got) vs \(want)")
        }
    }
}
