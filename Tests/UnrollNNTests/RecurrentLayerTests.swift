// RNN, LSTM and GRU against PyTorch: outputs, states and gradients of every parameter, the input and the states.
import Foundation
import Testing
import UnrollTensor
@testable import UnrollNN

@Suite struct RecurrentLayerTests {
    static func makeLayer(_ c: [String: Any]) throws -> RecurrentBase {
        let kind = c["kind"] as? String ?? ""
        let (f, h, layers) = (c["input_size"] as? Int ?? 0, c["hidden_size"] as? Int ?? 0, c["num_layers"] as? Int ?? 1)
        let bias = c["bias"] as? Bool ?? true, bf = c["batch_first"] as? Bool ?? false
        let bidir = c["bidirectional"] as? Bool ?? false
        switch kind {
        case "RNN":
            return try RNN(f, h, numLayers: layers, nonlinearity: c["nonlinearity"] as? String ?? "tanh", bias: bias,
                           batchFirst: bf, bidirectional: bidir)
        case "GRU":
            return try GRU(f, h, numLayers: layers, bias: bias, batchFirst: bf, bidirectional: bidir)
        default:
            return try LSTM(f, h, numLayers: layers, bias: bias, batchFirst: bf, bidirectional: bidir,
                            projSize: c["proj_size"] as? Int ?? 0)
        }
    }

    @Test func everyLayerConfigurationMatchesPyTorch() throws {
        guard let cases = try Fixtures.json("layers.json") as? [[String: Any]] else {
            Issue.record("layers.json missing"); return
        }
        #expect(cases.count >= 50)
        for (i, c) in cases.enumerated() {
            let what = "case \(i) \(c["repr"] as? String ?? "")"
            let layer = try Self.makeLayer(c)
            #expect(layer.repr == c["repr"] as? String, "\(what) repr")
            let expectedNames = (c["params"] as? [[Any]] ?? []).compactMap { $0.first as? String }
            #expect(layer.namedParameters().map { $0.0 } == expectedNames, "\(what) names")
            try loadParams(layer, c["params"])
            let x = try requiredTensor(c["input"]); try x.setRequiresGrad(true)
            let h0 = try fixtureTensor(c["h0"]); try h0?.setRequiresGrad(true)
            let c0 = try fixtureTensor(c["c0"]); try c0?.setRequiresGrad(true)
            let out: Tensor, hn: Tensor, cn: Tensor?
            if let lstm = layer as? LSTM {
                let r = try lstm.forward(x, hx: h0.flatMap { h in c0.map { (h, $0) } })
                (out, hn, cn) = (r.0, r.1.0, r.1.1)
            } else if let rnn = layer as? RNN {
                (out, hn) = try rnn.forward(x, hx: h0); cn = nil
            } else if let gru = layer as? GRU {
                (out, hn) = try gru.forward(x, hx: h0); cn = nil
            } else { Issue.record("unknown layer"); continue }
            expectClose(out, try fixtureTensor(c["output"]), "\(what) output")
            expectClose(hn, try fixtureTensor(c["h_n"]), "\(what) h_n")
            expectClose(cn, try fixtureTensor(c["c_n"]), "\(what) c_n")
            var loss = try weightedSum(out, try requiredTensor(c["r_out"])).add(weightedSum(hn, try requiredTensor(c["r_hn"])))
            if let cn { loss = try loss.add(weightedSum(cn, try requiredTensor(c["r_cn"]))) }
            try loss.backward()
            for (pair, (name, p)) in zip(c["grads"] as? [[Any]] ?? [], layer.namedParameters()) {
                expectClose(p.grad, try fixtureTensor(pair.last), rtol: 1e-4, atol: 1e-5, "\(what) grad \(name)")
            }
            expectClose(x.grad, try fixtureTensor(c["grad_input"]), rtol: 1e-4, atol: 1e-5, "\(what) grad input")
            expectClose(h0?.grad, try fixtureTensor(c["grad_h0"]), rtol: 1e-4, atol: 1e-5, "\(what) grad h0")
            expectClose(c0?.grad, try fixtureTensor(c["grad_c0"]), rtol: 1e-4, atol: 1e-5, "\(what) grad c0")
        }
    }

    @Test func outputGradFnNamesFollowPyTorch() throws {
        let x = try Tensor([Float](repeating: 0.1, count: 30), shape: [5, 2, 3])
        let (o1, h1) = try RNN(3, 4).forward(x)
        #expect(o1.gradFn?.name == "StackBackward0" && h1.gradFn?.name == "StackBackward0")
        let (o2, _) = try LSTM(3, 4).forward(x)
        #expect(o2.gradFn?.name == "MkldnnRnnLayerBackward0")
        let (o3, _) = try GRU(3, 4, batchFirst: true).forward(x)
        #expect(o3.gradFn?.name == "TransposeBackward1")
        let (o4, h4) = try RNN(3, 4).forward(try Tensor([Float](repeating: 0.1, count: 15), shape: [5, 3]))
        #expect(o4.gradFn?.name == "SqueezeBackward1" && h4.gradFn?.name == "SqueezeBackward1")
        let noGrad = try GradMode.withDisabled { try RNN(3, 4).forward(x) }
        #expect(noGrad.0.gradFn == nil)
    }
}
