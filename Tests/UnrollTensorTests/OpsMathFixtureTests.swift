// Replays the PyTorch ops_math fixtures: values, dtypes, shapes, grad_fn names, input gradients and error messages.
import Foundation
import Testing
@testable import UnrollTensor

extension TensorMathTests {
@Suite struct OpsMathFixtureTests {
    /// Replays every case of a group and returns one description per mismatch.
    /// Products sum many terms, so near-zero results carry an absolute error on the scale of the terms.
    static func absoluteTolerance(_ group: String) -> Double { group == "matmul" ? 1e-5 : 1e-6 }

    static func replay(_ group: String) throws -> (count: Int, failures: [String]) {
        var failures: [String] = []
        let cases = try MathFixtures.cases(group)
        for c in cases {
            let name = c["name"] as? String ?? "?"
            do {
                failures += try replayCase(c, atol: absoluteTolerance(group)).map { "\(group)/\(name): \($0)" }
            } catch {
                failures.append("\(group)/\(name): threw \(error)")
            }
        }
        return (cases.count, failures)
    }

    static func replayCase(_ c: [String: Any], atol: Double) throws -> [String] {
        var problems: [String] = []
        var leaves: [Tensor] = [], named: [String: Tensor] = [:]
        for spec in c["args"] as? [[String: Any]] ?? [] {
            let (leaf, used) = try MathFixtures.input(spec)
            leaves.append(leaf)
            named[spec["arg"] as? String ?? ""] = used
        }
        let outs = try MathFixtures.run(c["op"] as? String ?? "", named, c["kwargs"] as? [String: Any] ?? [:])
        let expected = c["outputs"] as? [[String: Any]] ?? []
        guard outs.count == expected.count else { return ["got \(outs.count) outputs, expected \(expected.count)"] }
        for (out, want) in zip(outs, expected) {
            if out.shape != want["shape"] as? [Int] ?? [] { problems.append("shape \(out.shape) vs \(want["shape"] ?? "")") }
            if out.dtype.torchName != "torch." + (want["dtype"] as? String ?? "") {
                problems.append("dtype \(out.dtype.torchName) vs \(want["dtype"] ?? "")")
            }
            let wantValues = MathFixtures.doubles(want["values"])
            if !MathFixtures.allClose(out.doubles(), wantValues, atol: atol) {
                problems.append("values \(out.doubles().prefix(8)) vs \(wantValues.prefix(8))")
            }
        }
        let gradFn = c["grad_fn"] as? String
        if outs.first?.gradFn?.name != gradFn {
            problems.append("grad_fn \(outs.first?.gradFn?.name ?? "nil") vs \(gradFn ?? "nil")")
        }
        if let first = outs.first, let weights = c["weights"] {
            let w = try Tensor(MathFixtures.doubles(weights), shape: first.shape).to(first.dtype)
            try first.mul(w).sum().backward()
            let grads = c["grads"] as? [Any] ?? []
            for (i, (leaf, want)) in zip(leaves, grads).enumerated() where !(want is NSNull) {
                let wantValues = MathFixtures.doubles(want)
                let got = leaf.grad?.doubles() ?? []
                if !MathFixtures.allClose(got, wantValues, rtol: 1e-4, atol: 1e-5) {
                    problems.append("grad \(i) \(got.prefix(8)) vs \(wantValues.prefix(8))")
                }
            }
        }
        return problems
    }

    @Test(arguments: ["unary", "binary", "reductions", "matmul"])
    func fixtureGroup(_ group: String) throws {
        let (count, failures) = try Self.replay(group)
        #expect(count > 20)
        #expect(failures.isEmpty, "\(failures.count) mismatches:\n\(failures.joined(separator: "\n"))")
    }

    @Test func errorMessagesMatchPyTorch() throws {
        let cases = try MathFixtures.cases("errors")
        #expect(cases.count > 40)
        for c in cases {
            let name = c["name"] as? String ?? "?"
            var named: [String: Tensor] = [:]
            for spec in c["args"] as? [[String: Any]] ?? [] { named[spec["arg"] as? String ?? ""] = try MathFixtures.input(spec).used }
            let want = c["error"] as? [String: Any] ?? [:]
            do {
                _ = try MathFixtures.run(c["op"] as? String ?? "", named, c["kwargs"] as? [String: Any] ?? [:])
                Issue.record("\(name): no error, expected \(want["message"] ?? "")")
            } catch let error as TensorError {
                #expect(error.message == want["message"] as? String, "\(name)")
                #expect(error.kind.rawValue == want["type"] as? String, "\(name): kind \(error.kind.rawValue)")
            }
        }
    }
}
}
