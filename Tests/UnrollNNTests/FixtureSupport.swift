// Loading PyTorch-generated fixtures and comparing tensors for the UnrollNN tests.
import Foundation
import Testing
import UnrollTensor
@testable import UnrollNN

enum Fixtures {
    static var directory: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("Tests/Fixtures/nn")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        }
        return URL(fileURLWithPath: "Tests/Fixtures/nn")
    }

    static func json(_ name: String) throws -> Any {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return try JSONSerialization.jsonObject(with: data)
    }
}

struct FixtureError: Error, CustomStringConvertible { let description: String }

/// A float32 tensor from `{"shape": [...], "data": [...]}`; nil for JSON null.
func fixtureTensor(_ any: Any?) throws -> Tensor? {
    guard let dict = any as? [String: Any] else { return nil }
    guard let shape = dict["shape"] as? [Int], let data = dict["data"] as? [Double] else {
        throw FixtureError(description: "bad tensor fixture")
    }
    return try Tensor(data.map { Float($0) }, shape: shape)
}

func requiredTensor(_ any: Any?) throws -> Tensor {
    guard let t = try fixtureTensor(any) else { throw FixtureError(description: "missing tensor") }
    return t
}

/// Expects equal shapes and values within `rtol` relative (plus a small absolute floor).
func expectClose(_ actual: Tensor?, _ expected: Tensor?, rtol: Double = 1e-5, atol: Double = 1e-6,
                 _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let actual, let expected else {
        #expect(actual == nil && expected == nil, "\(what): one side missing", sourceLocation: sourceLocation)
        return
    }
    #expect(actual.shape == expected.shape, "\(what): shape \(actual.shape) vs \(expected.shape)", sourceLocation: sourceLocation)
    guard actual.shape == expected.shape else { return }
    let a = actual.doubles(), e = expected.doubles()
    var worst = 0.0, worstIndex = 0
    for i in 0..<a.count {
        let excess = abs(a[i] - e[i]) - (atol + rtol * abs(e[i]))
        if excess > worst { worst = excess; worstIndex = i }
    }
    #expect(worst == 0, "\(what): element \(worstIndex) is \(a.isEmpty ? 0 : a[worstIndex]), expected \(e.isEmpty ? 0 : e[worstIndex])",
            sourceLocation: sourceLocation)
}

/// Copies fixture parameters (name, tensor) into a module's parameters of the same names.
func loadParams(_ module: Module, _ list: Any?) throws {
    guard let pairs = list as? [[Any]] else { throw FixtureError(description: "bad params") }
    var entries: [(String, Tensor)] = []
    for pair in pairs {
        guard let name = pair.first as? String else { throw FixtureError(description: "bad param name") }
        entries.append((name, try requiredTensor(pair.last)))
    }
    try module.loadStateDict(StateDict(entries))
}

/// sum(a * r) as a scalar tensor, differentiable, built from tensor-library ops.
func weightedSum(_ a: Tensor, _ r: Tensor) throws -> Tensor { try a.mul(r).sum() }
