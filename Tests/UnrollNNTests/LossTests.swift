// Losses and softmax against PyTorch: values, gradients, grad_fn names, module reprs and error messages.
import Foundation
import Testing
import UnrollTensor
@testable import UnrollNN

@Suite struct LossTests {
    static func run(_ loss: String, _ x: Tensor, _ target: Tensor, _ kwargs: [String: Any]) throws -> Tensor {
        let reduction = try LossReduction(parsing: kwargs["reduction"] as? String ?? "mean")
        switch loss {
        case "mse", "mse_broadcast": return try Loss.mse(x, target, reduction: reduction)
        case "l1", "l1_sum": return try Loss.l1(x, target, reduction: reduction)
        case "huber", "huber_broadcast": return try Loss.huber(x, target, reduction: reduction, delta: kwargs["delta"] as? Double ?? 1)
        case "softmax_dim1", "softmax_dim0": return try x.softmax(dim: kwargs["dim"] as? Int ?? 0)
        case "log_softmax_dim-1", "log_softmax_dim1": return try x.logSoftmax(dim: kwargs["dim"] as? Int ?? 0)
        default:
            return try Loss.crossEntropy(x, target, reduction: reduction, ignoreIndex: kwargs["ignore_index"] as? Int ?? -100,
                                         labelSmoothing: kwargs["label_smoothing"] as? Double ?? 0)
        }
    }

    static func check(_ c: [String: Any], loss: String, kwargs: [String: Any], longTarget: Bool) throws {
        let what = "\(loss) \(kwargs)"
        let x = try requiredTensor(c["input"]); try x.setRequiresGrad(true)
        var target = try requiredTensor(c["target"])
        if longTarget { target = try target.long() }
        let y = try run(loss, x, target, kwargs)
        expectClose(y, try fixtureTensor(c["output"]), what)
        #expect(y.gradFn?.name == c["grad_fn"] as? String, "\(what) grad_fn \(y.gradFn?.name ?? "nil")")
        try weightedSum(y, try requiredTensor(c["r"])).backward()
        expectClose(x.grad, try fixtureTensor(c["grad"]), what + " grad")
    }

    @Test func lossesMatchPyTorch() throws {
        guard let cases = try Fixtures.json("losses.json") as? [[String: Any]] else { Issue.record("losses.json"); return }
        #expect(cases.count == 15)
        for c in cases {
            let loss = c["loss"] as? String ?? ""
            let kwargs: [String: Any] = ["reduction": c["reduction"] ?? "mean", "delta": c["delta"] ?? 1.0]
            try Self.check(c, loss: loss, kwargs: kwargs, longTarget: loss == "cross_entropy")
        }
    }

    @Test func moreLossesAndSoftmaxMatchPyTorch() throws {
        guard let fixture = try Fixtures.json("training_extras.json") as? [String: Any],
              let cases = fixture["losses"] as? [[String: Any]] else { Issue.record("training_extras.json"); return }
        #expect(cases.count == 14)
        for c in cases {
            try Self.check(c, loss: c["label"] as? String ?? "", kwargs: c["kwargs"] as? [String: Any] ?? [:],
                           longTarget: c["target_is_long"] as? Bool ?? false)
        }
    }

    @Test func lossModulesPrintLikePyTorch() throws {
        guard let fixture = try Fixtures.json("training_extras.json") as? [String: Any],
              let reprs = fixture["loss_reprs"] as? [String] else { Issue.record("training_extras.json"); return }
        let modules: [Module] = [MSELoss(), L1Loss(reduction: .sum), HuberLoss(delta: 0.5), CrossEntropyLoss(),
                                 CrossEntropyLoss(ignoreIndex: 2, labelSmoothing: 0.1)]
        #expect(modules.map(\.repr) == reprs)
    }

    @Test func lossModuleForwardMatchesFunction() throws {
        let x = try Tensor([Float(1), 2, 3], shape: [3]), y = try Tensor([Float(0), 2, 5], shape: [3])
        let out = try MSELoss().forward([.tensor(x), .tensor(y)]).tensor
        #expect(out?.doubles() == [Double(Float(5) / 3)])
        #expect(throws: TensorError.type("MSELoss.forward() missing 1 required positional argument: 'target'")) {
            try MSELoss().forward([.tensor(x)])
        }
    }

    static func errorCase(_ key: String) throws -> TensorError? {
        guard let fixture = try Fixtures.json("training_extras.json") as? [String: Any],
              let errors = fixture["errors"] as? [String: Any], let pair = errors[key] as? [String],
              let kind = TensorError.Kind(rawValue: pair[0]) else { return nil }
        return TensorError(kind, pair[1])
    }

    @Test func lossErrorsMatchPyTorch() throws {
        let a34 = try Tensor.randn([3, 4])
        let cases: [(String, () throws -> Tensor)] = [
            ("mse_shape", { try Loss.mse(a34, try Tensor.randn([3, 5])) }),
            ("l1_shape", { try Loss.l1(a34, try Tensor.randn([2, 4])) }),
            ("huber_delta", { try Loss.huber(a34, a34, delta: 0) }),
            ("reduction", { try Loss.mse(a34, a34, reduction: try LossReduction(parsing: "avg")) }),
            ("ce_batch", { try Loss.crossEntropy(a34, try Tensor([Int64(0), 1], shape: [2])) }),
            ("ce_bounds", { try Loss.crossEntropy(a34, try Tensor([Int64(0), 1, 4], shape: [3])) }),
            ("ce_negative", { try Loss.crossEntropy(a34, try Tensor([Int64(-1), 1, 2], shape: [3])) }),
            ("ce_float_target", { try Loss.crossEntropy(a34, try Tensor([Float(0), 1, 2], shape: [3])) }),
            ("ce_3d_target", { try Loss.crossEntropy(try Tensor.randn([2, 3, 4]), try Tensor([Int64(1), 2], shape: [2])) }),
            ("ce_long_input", { try Loss.crossEntropy(try a34.long(), try Tensor([Int64(1), 1, 1], shape: [3])) }),
            ("mse_long", { try Loss.mse(try a34.long(), try a34.long()) }),
        ]
        for (key, body) in cases {
            let expected = try Self.errorCase(key)
            #expect(expected != nil, "fixture error \(key)")
            do {
                _ = try body()
                Issue.record("\(key): no error")
            } catch let error as TensorError {
                #expect(error.kind == expected?.kind && error.message == expected?.message, "\(key): \(error)")
            }
        }
    }
}
