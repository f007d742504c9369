// Loading the pandas/numpy/PyTorch-generated fixtures of Tests/Fixtures/data and comparing numbers with them.
import Foundation
import Testing
import UnrollTensor
@testable import UnrollData

enum Fixtures {
    static var directory: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("Tests/Fixtures/data")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        }
        return URL(fileURLWithPath: "Tests/Fixtures/data")
    }

    /// The repository's `datasets/` folder (`Tests/Fixtures/data` → the root, then `datasets`).
    static var datasets: String {
        directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("datasets").path
    }

    static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw FixtureError(description: "\(name) is not a JSON object")
        }
        return object
    }

    static func list(_ name: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
            throw FixtureError(description: "\(name) is not a JSON list")
        }
        return object
    }
}

struct FixtureError: Error, CustomStringConvertible { let description: String }

/// A float64 tensor from `{"shape": [...], "data": [...]}`.
func fixtureTensor(_ any: Any?) throws -> Tensor {
    guard let dict = any as? [String: Any], let shape = dict["shape"] as? [Int], let data = dict["data"] as? [Double] else {
        throw FixtureError(description: "bad tensor fixture")
    }
    return try Tensor(data, shape: shape)
}

/// Expects equal lengths and values within `rtol` relative (plus a small absolute floor).
func expectClose(_ actual: [Double], _ expected: [Double], rtol: Double = 1e-5, atol: Double = 1e-9,
                 _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, "\(what): \(actual.count) values, expected \(expected.count)", sourceLocation: sourceLocation)
    for (i, (a, e)) in zip(actual, expected).enumerated() where !(abs(a - e) <= atol + rtol * abs(e)) {
        Issue.record("\(what): element \(i) is \(a), expected \(e)", sourceLocation: sourceLocation)
        return
    }
}
