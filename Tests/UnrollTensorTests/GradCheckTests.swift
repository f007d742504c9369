// Finite-difference gradient check in float64 over every differentiable case of the ops_math fixtures.
import Foundation
import Testing
@testable import UnrollTensor

extension TensorMathTests {
@Suite struct GradCheckTests {
    /// Central differences of `loss` with respect to each element of `leaf` (perturbing its storage in place).
    static func numericGradient(_ leaf: Tensor, eps: Double = 1e-6, _ loss: () throws -> Double) throws -> [Double] {
        let p = leaf.storage.pointer(Double.self)
        var grads: [Double] = []
        for i in 0..<leaf.numel {
            let saved = p[leaf.offset + i]
            p[leaf.offset + i] = saved + eps
            let up = try loss()
            p[leaf.offset + i] = saved - eps
            let down = try loss()
            p[leaf.offset + i] = saved
            grads.append((up - down) / (2 * eps))
        }
        return grads
    }

    /// Checks one fixture case; returns problems found.
    static func check(_ c: [String: Any]) throws -> [String] {
        guard let weightValues = c["weights"] else { return [] }
        var leaves: [Tensor] = [], named: [String: Tensor] = [:]
        for spec in c["args"] as? [[String: Any]] ?? [] {
            let dtype = DType(name: spec["dtype"] as? String ?? "")
            let (leaf, used) = try MathFixtures.input(spec, as: dtype?.isFloatingPoint == true ? .float64 : nil)
            leaves.append(leaf)
            named[spec["arg"] as? String ?? ""] = used
        }
        let op = c["op"] as? String ?? "", kw = c["kwargs"] as? [String: Any] ?? [:]
        guard let out = try MathFixtures.run(op, named, kw).first else { return ["no output"] }
        let w = try Tensor(MathFixtures.doubles(weightValues), shape: out.shape)
        try out.mul(w).sum().backward()
        let loss = { () throws -> Double in
            try GradMode.withDisabled {
                guard let o = try MathFixtures.run(op, named, kw).first else { return .nan }
                return try o.to(.float64).mul(w).sum().item().doubleValue
            }
        }
        var problems: [String] = []
        for (i, leaf) in leaves.enumerated() where leaf.requiresGrad {
            let numeric = try numericGradient(leaf, loss)
            let analytic = leaf.grad?.doubles() ?? []
            if !MathFixtures.allClose(analytic, numeric, rtol: 1e-4, atol: 1e-5) {
                problems.append("input \(i): analytic \(analytic.prefix(6)) vs numeric \(numeric.prefix(6))")
            }
        }
        return problems
    }

    @Test(arguments: ["unary", "binary", "reductions", "matmul"])
    func finiteDifferences(_ group: String) throws {
        var checked = 0, failures: [String] = []
        // Ties make max/min/maximum non-differentiable; PyTorch's subgradient there is a convention, not a limit.
        for c in try MathFixtures.cases(group) where c["weights"] != nil {
            let name = c["name"] as? String ?? "?"
            if name.contains("ties") { continue }
            checked += 1
            failures += try Self.check(c).map { "\(name): \($0)" }
        }
        #expect(checked > 15)
        #expect(failures.isEmpty, "\(failures.count) failures:\n\(failures.joined(separator: "\n"))")
    }
}
}
