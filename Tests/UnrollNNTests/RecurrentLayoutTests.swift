// Regression tests for the fused recurrent kernels across input layouts (unbatched, seq-first, batch-first).
import Testing
import UnrollNN
import UnrollTensor

@Suite struct RecurrentLayoutTests {
    /// Unbatched (L, F) input must give the same numbers as the same sequence as a batch of one, for every kind.
    /// (The non-LSTM kinds once wrote cell states into Swift's shared empty-array storage and corrupted the heap.)
    @Test(arguments: ["RNN", "GRU", "LSTM"])
    func unbatchedMatchesBatchOfOne(kind: String) throws {
        let module: RecurrentBase
        switch kind {
        case "GRU": module = try GRU(3, 4, numLayers: 2)
        case "LSTM": module = try LSTM(3, 4, numLayers: 2)
        default: module = try RNN(3, 4, numLayers: 2)
        }
        let x = try Tensor.randn([6, 3], generator: Generator(seed: 7))
        for _ in 0..<20 {
            let single = try module.forward([.tensor(x)])
            let batched = try module.forward([.tensor(try x.unsqueeze(1))])
            guard case .tuple(let a) = single, case .tuple(let b) = batched, let outA = a.first?.tensor, let outB = b.first?.tensor else {
                Issue.record("forward did not return (output, state)")
                return
            }
            #expect(outA.shape == [6, 4])
            #expect(outB.shape == [6, 1, 4])
            #expect(outA.doubles() == outB.doubles())
        }
    }
}
