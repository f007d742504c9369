// Every recurrent-layer, cell, linear and state-dict error against PyTorch's text word for word, plus the teaching hints.
import Foundation
import Testing
import UnrollTensor
@testable import UnrollNN

@Suite struct RecurrentErrorTests {
    static let expected: [String: [String]] = {
        (try? Fixtures.json("errors.json") as? [String: [String]]) ?? [:]
    }()

    static func randn(_ shape: Int...) throws -> Tensor { try Tensor.randn(shape) }

    /// The operation each errors.json case runs, as its PyTorch line does.
    static let cases: [String: @Sendable () throws -> Void] = [
        "rnn_input_size": { _ = try RNN(10, 20).forward(try randn(5, 3, 7)) },
        "rnn_hidden": { _ = try RNN(10, 20).forward(try randn(5, 3, 10), hx: try randn(1, 5, 20)) },
        "lstm_hidden0": { _ = try LSTM(10, 20, numLayers: 4).forward(try randn(5, 3, 10), hx: (try randn(4, 2, 20), try randn(4, 3, 20))) },
        "lstm_hidden1": { _ = try LSTM(10, 20).forward(try randn(5, 3, 10), hx: (try randn(1, 3, 20), try randn(1, 2, 20))) },
        "rnn_1d": { _ = try RNN(10, 20).forward(try randn(10)) },
        "lstm_4d": { _ = try LSTM(10, 20).forward(try randn(2, 3, 4, 10)) },
        "gru_1d": { _ = try GRU(10, 20).forward(try randn(10)) },
        "cell_input": { _ = try RNNCell(10, 20).forward(try randn(3, 7)) },
        "cell_batch": { _ = try RNNCell(10, 20).forward(try randn(3, 10), hx: try randn(5, 20)) },
        "cell_hidden": { _ = try GRUCell(10, 20).forward(try randn(3, 10), hx: try randn(3, 21)) },
        "cell_3d": { _ = try LSTMCell(10, 20).forward(try randn(1, 3, 10)) },
        "nonlinearity": { _ = try RNN(10, 20, nonlinearity: "sigmoid") },
        "linear": { _ = try Linear(10, 20).forward(try randn(3, 7)) },
        "linear_nobias": { _ = try Linear(10, 20, bias: false).forward(try randn(3, 7)) },
        "batched_hx_2d": { _ = try GRU(10, 20).forward(try randn(5, 3, 10), hx: try randn(1, 20)) },
        "lstm_unbatched_hx": { _ = try LSTM(10, 20).forward(try randn(5, 10), hx: (try randn(1, 1, 20), try randn(1, 1, 20))) },
        "proj_size": { _ = try LSTM(10, 20, projSize: 20) },
        "dtype": { _ = try RNN(10, 20).forward(try randn(5, 3, 10).double()) },
        "load_missing": {
            try Linear(3, 2).loadStateDict(StateDict([("weight", try Tensor(zeros: [2, 3])), ("foo", try Tensor(zeros: [1]))]))
        },
        "load_shape": {
            try Linear(3, 2).loadStateDict(StateDict([("weight", try Tensor(zeros: [2, 4])), ("bias", try Tensor(zeros: [2]))]))
        },
    ]

    static func error(_ body: () throws -> Void) -> TensorError? {
        do { try body() } catch let e as TensorError { return e } catch { return nil }
        return nil
    }

    @Test(arguments: cases.keys.sorted())
    func matchesPyTorchWordForWord(_ name: String) throws {
        let want = try #require(Self.expected[name], "errors.json has no case \(name)")
        let body = try #require(Self.cases[name])
        let got = try #require(Self.error(body), "\(name) raised no TensorError")
        #expect(got.kind.rawValue == want.first, "\(name) kind")
        #expect(got.message == want.last, "\(name) message")
    }

    @Test func everyFixtureCaseIsExercised() {
        #expect(Set(Self.expected.keys) == Set(Self.cases.keys))
        #expect(Self.expected.count == 20)
    }

    @Test func wrongInputSizeExplainsHowTheShapeWasRead() throws {
        let seqFirst = try #require(Self.error { _ = try RNN(10, 20).forward(try Self.randn(5, 3, 7)) })
        #expect(seqFirst.hint == "With batch_first=False, input [5, 3, 7] was read as (seq_len=5, batch=3, input_size=7).")
        let batchFirst = try #require(Self.error { _ = try GRU(10, 20, batchFirst: true).forward(try Self.randn(5, 3, 7)) })
        #expect(batchFirst.message == "input.size(-1) must be equal to input_size. Expected 10, got 7")
        #expect(batchFirst.hint == "With batch_first=True, input [5, 3, 7] was read as (batch=5, seq_len=3, input_size=7).")
        let unbatched = try #require(Self.error { _ = try LSTM(10, 20).forward(try Self.randn(3, 7)) })
        #expect(unbatched.hint == "input [3, 7] was read as unbatched (seq_len=3, input_size=7).")
    }

    @Test func wrongHiddenShapeSaysTheHiddenStateIgnoresBatchFirst() throws {
        let e = try #require(Self.error {
            _ = try RNN(10, 20, batchFirst: true).forward(try Self.randn(3, 5, 10), hx: try Self.randn(1, 5, 20))
        })
        #expect(e.message == "Expected hidden size (1, 3, 20), got [1, 5, 20]")
        #expect(e.hint == "The hidden state is (num_layers * num_directions, batch, hidden) = (1, 3, 20) whatever batch_first says.\nWith batch_first=True, input [3, 5, 10] was read as (batch=3, seq_len=5, input_size=10).")
    }
}
