// nn.init functions after torch.manual_seed against PyTorch: values, generator state afterwards, errors.
import Foundation
import Testing
import UnrollTensor
@testable import UnrollNN

@Suite struct InitTests {
    static func apply(_ name: String, _ t: Tensor, _ kw: [String: Any]) throws {
        func d(_ key: String, _ fallback: Double) -> Double { kw[key] as? Double ?? fallback }
        func s(_ key: String, _ fallback: String) -> String { kw[key] as? String ?? fallback }
        switch name {
        case "uniform_": try Init.uniform_(t, a: d("a", 0), b: d("b", 1))
        case "normal_": try Init.normal_(t, mean: d("mean", 0), std: d("std", 1))
        case "constant_": try Init.constant_(t, d("val", 0))
        case "zeros_": try Init.zeros_(t)
        case "ones_": try Init.ones_(t)
        case "xavier_uniform_": try Init.xavierUniform_(t, gain: d("gain", 1))
        case "xavier_normal_": try Init.xavierNormal_(t, gain: d("gain", 1))
        case "kaiming_uniform_": try Init.kaimingUniform_(t, a: d("a", 0), mode: s("mode", "fan_in"), nonlinearity: s("nonlinearity", "leaky_relu"))
        case "kaiming_normal_": try Init.kaimingNormal_(t, a: d("a", 0), mode: s("mode", "fan_in"), nonlinearity: s("nonlinearity", "leaky_relu"))
        case "orthogonal_": try Init.orthogonal_(t, gain: d("gain", 1))
        default: Issue.record("unknown init \(name)")
        }
    }

    @Test func initFunctionsMatchPyTorch() throws {
        guard let fixture = try Fixtures.json("init_functions.json") as? [String: Any],
              let cases = fixture["cases"] as? [[String: Any]] else { Issue.record("init_functions.json"); return }
        #expect(cases.count == 17)
        for c in cases {
            let name = c["fn"] as? String ?? ""
            let shape = c["shape"] as? [Int] ?? []
            _ = Generator.manualSeed(Int64(c["seed"] as? Int ?? 0))
            let t = try Tensor.zeros(shape)
            try Self.apply(name, t, c["kwargs"] as? [String: Any] ?? [:])
            let expected = try requiredTensor(c["result"])
            if name == "orthogonal_" {
                // LAPACK QR in float32 (OpenBLAS here, PyTorch's own LAPACK there): equal to rounding.
                expectClose(t, expected, rtol: 1e-5, atol: 1e-6, "\(name) \(shape)")
            } else {
                #expect(t.toArray(Float.self) == expected.toArray(Float.self), "\(name) \(shape) \(c["kwargs"] ?? "")")
            }
            let next = try Tensor.rand([1]).toArray(Float.self)
            #expect(next == [Float(c["next_draw"] as? Double ?? -1)], "\(name) generator state after")
        }
    }

    @Test func initErrorsMatchPyTorch() throws {
        guard let fixture = try Fixtures.json("init_functions.json") as? [String: Any],
              let errors = fixture["errors"] as? [String: [String]] else { Issue.record("init_functions.json"); return }
        let cases: [(String, () throws -> Void)] = [
            ("fan_1d", { try Init.xavierUniform_(try Tensor.zeros([3])) }),
            ("ortho_1d", { try Init.orthogonal_(try Tensor.zeros([3])) }),
            ("mode", { try Init.kaimingUniform_(try Tensor.zeros([3, 2]), mode: "fan") }),
            ("gain", { try Init.kaimingUniform_(try Tensor.zeros([3, 2]), nonlinearity: "softplus") }),
        ]
        for (key, body) in cases {
            let pair = errors[key] ?? []
            #expect(throws: TensorError(TensorError.Kind(rawValue: pair.first ?? "") ?? .runtime, pair.last ?? ""), "\(key)") { try body() }
        }
    }

    @Test func orthogonalRowsAreOrthonormal() throws {
        _ = Generator.manualSeed(1)
        let t = try Tensor.zeros([4, 9])
        try Init.orthogonal_(t)
        let gram = try t.matmul(t.t()).doubles()
        for i in 0..<4 { for j in 0..<4 { #expect(abs(gram[i * 4 + j] - (i == j ? 1 : 0)) < 1e-5) } }
    }
}
