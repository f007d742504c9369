// Golden tests of :explain and :layout text for the course's cells and layers.
import Testing
@testable import UnrollREPL
import UnrollLang
import UnrollNN
import UnrollTensor

@Suite struct InspectTests {
    /// The settings come from the module, not its repr (PyTorch does not print nonlinearity='relu' for nn.RNN).
    @Test func explainAndUnrollReadTheNonlinearityAndBiasFromTheLayer() throws {
        let session = Session(output: { _ in })
        #expect(session.run("import torch.nn as nn\nr = nn.RNN(3, 4, nonlinearity='relu', bias=False)\nc = nn.RNNCell(3, 4, nonlinearity='relu')\n").succeeded)
        let layer = try Inspection.explain("r", session)
        #expect(layer.contains("h_t = relu(W_ih_l0[4×3]·x_t[3] + W_hh_l0[4×4]·h_(t-1)[4])"))
        #expect(try Inspection.explain("c", session).contains("h' = relu("))
    }

    @Test func explainRNNCellShowsTheIssueEquation() {
        let text = Explain.render(RecurrentSpec(kind: .rnn, isCell: true, inputSize: 3, hiddenSize: 4), name: "rnn_cell")
        #expect(text.contains("h' = tanh(W_ih[4×3]·x[3] + b_ih[4] + W_hh[4×4]·h[4] + b_hh[4])"))
    }

    @Test func explainStackedLSTMNamesChunks() {
        let spec = RecurrentSpec(kind: .lstm, isCell: false, inputSize: 1, hiddenSize: 32, numLayers: 2, batchFirst: true)
        let text = Explain.render(spec, name: "lstm")
        #expect(text.contains("f = σ(W_if[32×1]·x_t[1] + b_if[32] + W_hf[32×32]·h_(t-1)[32] + b_hf[32])   forget gate; rows 32..<64 of weight_ih_l0"))
        #expect(text.contains("layer 1 (reads layer 0's output, width 32):"))
        #expect(text.contains("weight_ih_l1 is [4·32×32] = [128×32]"))
        #expect(text.contains("Input (N, L, 1); output (N, L, 32); h_n (2, N, 32); c_n (2, N, 32)."))
    }

    @Test func explainGRUHasResetInsideTheNewGate() {
        let text = Explain.render(RecurrentSpec(kind: .gru, isCell: true, inputSize: 3, hiddenSize: 4), name: "g")
        #expect(text.contains("n = tanh(W_in[4×3]·x[3] + b_in[4] + r ⊙ (W_hn[4×4]·h[4] + b_hn[4]))"))
        #expect(text.contains("h' = (1 − z) ⊙ n + z ⊙ h"))
    }

    @Test func layoutOfDataLoaderBatchOnSeqFirstLSTM() {
        let spec = RecurrentSpec(kind: .lstm, isCell: false, inputSize: 1, hiddenSize: 32, numLayers: 2)
        let text = Layout.render(spec, name: "lstm", inputName: "x", shape: [32, 96, 1])
        let expected = """
            lstm = LSTM(1, 32, num_layers=2)   reads seq-first (batch_first=False)
            x: torch.Size([32, 96, 1])

                    batch_first=False (used)   batch_first=True
            axis 0  L = 32 steps               N = 32 sequences
            axis 1  N = 96 sequences           L = 96 steps
            axis 2  F = 1 features ✓           F = 1 features ✓
            output  (32, 96, 32)               (32, 96, 32)
            h_n     (2, 96, 32)                (2, 32, 32)
            c_n     (2, 96, 32)                (2, 32, 32)

            As built, lstm reads 96 sequences of 32 steps.
            Both layouts accept this shape, so a wrong batch_first raises no error: it silently swaps time and batch.
            DataLoader batches are (N, L, F): they need batch_first=True.
            """
        #expect(text == expected)
    }

    @Test func layoutWarnsWhenFeaturesDoNotFit() {
        let spec = RecurrentSpec(kind: .rnn, isCell: false, inputSize: 3, hiddenSize: 4)
        let text = Layout.render(spec, name: "rnn", inputName: "x", shape: [10, 3, 5])
        #expect(text.contains("PyTorch: RuntimeError: input.size(-1) must be equal to input_size. Expected 3, got 5"))
        #expect(text.contains("Axis 1 has size 3: permute the features to the last axis."))
        let oneD = Layout.render(spec, name: "rnn", inputName: "x", shape: [3])
        #expect(oneD.contains("ValueError: RNN: Expected input to be 2D or 3D, got 1D tensor instead"))
    }
}

@Suite struct UnrollChartTests {
    @Test func chainShowsEveryStepAndTheFinalCheck() {
        let steps = (0..<3).map { t in
            UnrollStep(inputShape: [3], input: [Double(t), 0.5, -1], stateShape: [4], state: [0.1 * Double(t), 0, 0, 0.25])
        }
        let text = UnrollChart.render(cellName: "RNNCell", initialShape: [4], initial: [0, 0, 0, 0], initialWasGiven: false,
                                      steps: steps, finalCheck: (label: "h_n[0] of the layer", equal: true))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "RNNCell unrolled over 3 steps")
        #expect(lines[2] == "h_init [4]  0.0000  0.0000  0.0000  0.0000   (zeros: no hidden state given)")
        #expect(lines.contains("x_2 [3]  2.0000  0.5000 -1.0000 ──▶ [RNNCell] ──▶ h_2 [4]  0.2000  0.0000  0.0000  0.2500"))
        #expect(lines.last == "h_2 equals h_n[0] of the layer: True")
    }

    @Test func longVectorsAreElided() {
        #expect(UnrollChart.compact([1, 2, 3, 4, 5, 6]) == " 1.0000  2.0000  3.0000  4.0000 … (+2)")
    }
}

@Suite struct ShapesTableTests {
    @Test func moduleTableListsRowsAndTotal() {
        let u = "U(-0.5, 0.5)"
        let rows = [
            ParameterRow(name: "weight_ih_l0", shape: [4, 3], initialisation: u),
            ParameterRow(name: "weight_hh_l0", shape: [4, 4], initialisation: u),
            ParameterRow(name: "bias_ih_l0", shape: [4], initialisation: u),
            ParameterRow(name: "bias_hh_l0", shape: [4], initialisation: u),
        ]
        let text = ShapesTable.module(title: "rnn: RNN(3, 4)", rows: rows)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[1] == "name          shape   numel  init")
        #expect(lines[3] == "weight_ih_l0  [4, 3]     12  U(-0.5, 0.5)")
        #expect(lines.last == "total                    36  4 parameter tensors")
    }

    @Test func largeCountsAreGrouped() {
        #expect(ShapesTable.group(1234567) == "1,234,567")
        #expect(ShapesTable.group(999) == "999")
    }

    @Test func tensorFacts() {
        let text = ShapesTable.tensor(name: "x", shape: [4, 3], dtype: "torch.float32", strides: [1, 4], contiguous: false,
                                      requiresGrad: false, gradFn: nil)
        #expect(text.contains("strides        (1, 4)"))
        #expect(text.contains("contiguous     False"))
    }
}

@Suite struct TraceViewTests {
    @Test func nestsScopesAndFoldsRepeats() throws {
        let a = try Tensor([Float](repeating: 1, count: 12), shape: [4, 3])
        let b = try Tensor([Float](repeating: 2, count: 3), shape: [3])
        let (_, events) = try OpTrace.capture {
            try OpTrace.scope("net (Net)", inputs: [[4, 3]]) {
                for _ in 0..<3 { _ = try a.add(b) }
                OpTrace.note("done")
                return try a.mul(b).sum()
            }
        }
        let text = TraceView.render(events)
        #expect(text == """
            net (Net)  ← [4, 3]
              Add  [4, 3], [3] → [4, 3]   × 3
              done
              Mul  [4, 3], [3] → [4, 3]
              Sum  [4, 3] → []
            """)
    }
}
