// SGD, Adam and clip_grad_norm_ against PyTorch: trajectories, reprs, validation errors, zero_grad.
import Foundation
import Testing
import UnrollTensor
@testable import UnrollNN

@Suite struct OptimizerTests {
    /// JSON numbers come back as NSNumber; keep ints as ints so reprs print `0` not `0.0`.
    static func hyperValue(_ any: Any?) -> HyperValue? {
        guard let n = any as? NSNumber else { return nil }
        let kind = String(cString: n.objCType)
        if kind == "c" || kind == "B" { return .bool(n.boolValue) }
        if kind == "d" || kind == "f" { return .float(n.doubleValue) }
        return .int(n.int64Value)
    }

    static func make(_ name: String, _ kwargs: [String: Any], _ params: [Tensor]) throws -> Optimizer {
        let group = [ParamGroupSpec(params: params)]
        func v(_ key: String, _ d: HyperValue) -> HyperValue { hyperValue(kwargs[key]) ?? d }
        if name == "sgd" || name == "SGD" {
            return try SGD(group, lr: v("lr", .float(1e-3)), momentum: v("momentum", .int(0)), dampening: v("dampening", .int(0)),
                           weightDecay: v("weight_decay", .int(0)), nesterov: kwargs["nesterov"] as? Bool ?? false)
        }
        let betas = (kwargs["betas"] as? [Any]).map { (hyperValue($0[0]) ?? .float(0.9), hyperValue($0[1]) ?? .float(0.999)) }
        return try Adam(group, lr: v("lr", .float(1e-3)), betas: betas ?? (.float(0.9), .float(0.999)), eps: v("eps", .float(1e-8)),
                        weightDecay: v("weight_decay", .int(0)), amsgrad: kwargs["amsgrad"] as? Bool ?? false)
    }

    @Test func trajectoriesMatchPyTorch() throws {
        guard let fixture = try Fixtures.json("optim.json") as? [String: Any],
              let cases = fixture["cases"] as? [[String: Any]] else { Issue.record("optim.json"); return }
        #expect(cases.count == 7)
        for c in cases {
            let kwargs = c["kwargs"] as? [String: Any] ?? [:]
            let what = "\(c["optim"] ?? "") \(kwargs)"
            let p = try requiredTensor(c["p0"]); try p.setRequiresGrad(true)
            let opt = try Self.make(c["optim"] as? String ?? "", kwargs, [p])
            let grads = try (c["grads"] as? [Any] ?? []).map(requiredTensor)
            let trajectory = try (c["trajectory"] as? [Any] ?? []).map(requiredTensor)
            #expect(grads.count == 5 && trajectory.count == 5)
            for (step, (g, expected)) in zip(grads, trajectory).enumerated() {
                p.grad = g
                try opt.step()
                expectClose(p, expected, "\(what) step \(step + 1)")
            }
        }
    }

    /// The vectorised float32 path (a contiguous parameter: 8 lanes, a scalar tail, blocks shared by threads) gives
    /// the same bits as the general loop a non-contiguous view of the same values takes.
    @Test func vectorisedAdamMatchesTheGeneralLoopBitForBit() throws {
        let rows = 35_003  // 70 006 elements: more than two blocks, and a tail of 6 after the 8-lane loop
        let values = (0..<(rows * 2)).map { Float(sin(Double($0) * 0.37)) }
        let contiguous = try Tensor(values, shape: [rows, 2])
        let transposedStorage = (0..<(rows * 2)).map { i in values[(i % rows) * 2 + i / rows] }
        let strided = try Tensor(transposedStorage, shape: [2, rows]).transpose(0, 1)
        #expect(!strided.isContiguous && strided.toArray(Float.self) == values)
        try contiguous.setRequiresGrad(true); try strided.setRequiresGrad(true)
        for lr in [1e-3, 0.7] {  // lr 0.7 with beta1 0.2 takes ATen's other lerp formula
            let beta1 = lr > 0.5 ? 0.2 : 0.9
            let fast = try Adam([ParamGroupSpec(params: [contiguous])], lr: .float(lr), betas: (.float(beta1), .float(0.999)))
            let general = try Adam([ParamGroupSpec(params: [strided])], lr: .float(lr), betas: (.float(beta1), .float(0.999)))
            for step in 0..<3 {
                let grad = try Tensor(values.indices.map { Float(cos(Double($0 * (step + 2)) * 0.11)) }, shape: [rows, 2])
                contiguous.grad = grad
                strided.grad = grad
                try fast.step()
                try general.step()
                let a = contiguous.toArray(Float.self), b = strided.toArray(Float.self)
                let differing = zip(a, b).filter { $0.bitPattern != $1.bitPattern }.count
                #expect(differing == 0, "lr \(lr) step \(step + 1): \(differing) of \(a.count) values differ")
            }
        }
    }

    @Test func reprsMatchPyTorch() throws {
        guard let fixture = try Fixtures.json("training_extras.json") as? [String: Any],
              let reprs = fixture["optim_reprs"] as? [[String: Any]] else { Issue.record("training_extras.json"); return }
        let p = try Tensor.zeros([2]), q = try Tensor.zeros([3])
        try p.setRequiresGrad(true); try q.setRequiresGrad(true)
        for c in reprs {
            let name = c["optim"] as? String ?? ""
            let opt: Optimizer
            if name == "Adam-groups" {
                opt = try Adam([ParamGroupSpec(params: [p]), ParamGroupSpec(params: [q], overrides: [("lr", .float(0.5))])], lr: .float(0.01))
            } else {
                opt = try Self.make(name, c["kwargs"] as? [String: Any] ?? [:], [p])
            }
            #expect(opt.repr == c["repr"] as? String, "\(name): \(opt.repr)")
        }
    }

    @Test func validationErrorsMatchPyTorch() throws {
        let p = try Tensor.zeros([2]); try p.setRequiresGrad(true)
        let nonLeaf = try p.mul(Tensor(scalar: .int(2), wrapped: true))
        let cases: [(String, () throws -> Optimizer)] = [
            ("adam_lr", { try Adam([ParamGroupSpec(params: [p])], lr: .int(-1)) }),
            ("adam_eps", { try Adam([ParamGroupSpec(params: [p])], eps: .float(-1)) }),
            ("adam_beta0", { try Adam([ParamGroupSpec(params: [p])], betas: (.float(1), .float(0.9))) }),
            ("adam_beta1", { try Adam([ParamGroupSpec(params: [p])], betas: (.float(0.9), .float(-0.1))) }),
            ("adam_wd", { try Adam([ParamGroupSpec(params: [p])], weightDecay: .float(-1e-3)) }),
            ("sgd_momentum", { try SGD([ParamGroupSpec(params: [p])], momentum: .float(-1)) }),
            ("sgd_nesterov", { try SGD([ParamGroupSpec(params: [p])], lr: .float(0.1), nesterov: true) }),
            ("empty", { try SGD([], lr: .float(0.1)) }),
            ("non_leaf", { try SGD([ParamGroupSpec(params: [nonLeaf])], lr: .float(0.1)) }),
        ]
        for (key, body) in cases {
            let expected = try LossTests.errorCase(key)
            #expect(expected != nil, "fixture error \(key)")
            do {
                _ = try body()
                Issue.record("\(key): no error")
            } catch let error as TensorError {
                #expect(error.kind == expected?.kind && error.message == expected?.message, "\(key): \(error)")
            }
        }
    }

    @Test func zeroGradDropsOrZeroes() throws {
        let p = try Tensor.ones([2]); try p.setRequiresGrad(true)
        let opt = try SGD([p], lr: 0.1)
        p.grad = try Tensor([Float(1), 2], shape: [2])
        try opt.zeroGrad(setToNone: false)
        #expect(p.grad?.doubles() == [0, 0])
        try opt.zeroGrad()
        #expect(p.grad == nil)
        try opt.step()  // no gradient: nothing moves
        #expect(p.doubles() == [1, 1])
    }

    @Test func paramGroupLearningRateCanChange() throws {
        let p = try Tensor.ones([1]); try p.setRequiresGrad(true)
        let opt = try SGD([p], lr: 0.1)
        opt.paramGroups[0]["lr"] = .float(0.5)
        p.grad = try Tensor([Float(1)], shape: [1])
        try opt.step()
        #expect(p.doubles() == [0.5])
    }

    @Test func clipGradNormMatchesPyTorch() throws {
        guard let fixture = try Fixtures.json("optim.json") as? [String: Any], let clip = fixture["clip"] as? [String: Any],
              let extras = try Fixtures.json("training_extras.json") as? [String: Any],
              let clips = extras["clips"] as? [[String: Any]] else { Issue.record("fixtures"); return }
        var all = clips
        var first = clip
        first["norm_type"] = 2.0
        all.insert(first, at: 0)
        for c in all {
            let grads = try (c["grads"] as? [Any] ?? []).map(requiredTensor)
            let params = try grads.map { g -> Tensor in
                let p = try Tensor.zeros(g.shape); try p.setRequiresGrad(true); p.grad = g; return p
            }
            let noGrad = try Tensor.zeros([2]); try noGrad.setRequiresGrad(true)
            let normType = (c["norm_type"] as? Double) ?? Double.infinity
            let total = try GradClipping.clipGradNorm_(params + [noGrad], maxNorm: c["max_norm"] as? Double ?? 0, normType: normType)
            let what = "clip norm_type \(normType)"
            expectClose(total, try Tensor([Float(c["total"] as? Double ?? 0)], shape: []), what + " total")
            for (p, expected) in zip(params, c["clipped"] as? [Any] ?? []) {
                expectClose(p.grad, try requiredTensor(expected), what + " grad")
            }
        }
    }

    @Test func clipGradValueMatchesPyTorch() throws {
        guard let extras = try Fixtures.json("training_extras.json") as? [String: Any],
              let cases = extras["clip_values"] as? [[String: Any]] else { Issue.record("training_extras.json"); return }
        #expect(cases.count == 2)
        for c in cases {
            let grads = try (c["grads"] as? [Any] ?? []).map(requiredTensor)
            let params = try grads.map { g -> Tensor in
                let p = try Tensor.zeros(g.shape); try p.setRequiresGrad(true); p.grad = g; return p
            }
            let clipValue = c["clip_value"] as? Double ?? 0
            try GradClipping.clipGradValue_(params, clipValue: clipValue)
            for (p, expected) in zip(params, c["clipped"] as? [Any] ?? []) {
                expectClose(p.grad, try requiredTensor(expected), "clip_grad_value_ \(clipValue)")
            }
        }
    }

    @Test func clipGradNormNonfiniteError() throws {
        let p = try Tensor.ones([2]); try p.setRequiresGrad(true)
        p.grad = try Tensor([Float.infinity, 1], shape: [2])
        let expected = try #require(try LossTests.errorCase("clip_nonfinite"))
        #expect(throws: expected) { try GradClipping.clipGradNorm_([p], maxNorm: 1, errorIfNonfinite: true) }
        #expect(try GradClipping.clipGradNorm_([], maxNorm: 1).doubles() == [0])
    }
}
