// Safetensors against real PyTorch: reading files save_file wrote, writing byte-identical files, module round trips.
import Foundation
import Testing
import UnrollTensor
@testable import UnrollNN

/// A tensor of any dtype from `{"dtype": "torch.int64", "shape": [...], "data": [...]}` (floats as numbers or repr strings).
func typedFixtureTensor(_ any: Any?) throws -> Tensor {
    guard let dict = any as? [String: Any], let shape = dict["shape"] as? [Int], let data = dict["data"] as? [Any],
          let dtypeName = dict["dtype"] as? String, let dtype = DType(name: dtypeName) else {
        throw FixtureError(description: "bad typed tensor fixture")
    }
    let numbers = data.compactMap { $0 as? NSNumber }
    // Floats may come as repr strings, which Double(String) parses exactly.
    let floats = data.compactMap { ($0 as? String).flatMap(Double.init) ?? ($0 as? NSNumber)?.doubleValue }
    switch dtype {
    case .float32: return try Tensor(floats.map { Float($0) }, shape: shape)
    case .float64: return try Tensor(floats, shape: shape)
    case .int64: return try Tensor(numbers.map { $0.int64Value }, shape: shape)
    case .bool: return try Tensor(numbers.map { $0.doubleValue != 0 }, shape: shape)
    }
}

func fixtureBytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: Fixtures.directory.appendingPathComponent(name)))
}

/// A fresh empty directory for file tests.
func scratchDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "unroll-safetensors-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func expectSameTensor(_ actual: Tensor?, _ expected: Tensor, _ what: String) {
    guard let actual else { Issue.record("\(what): missing"); return }
    #expect(actual.dtype == expected.dtype, "\(what): dtype \(actual.dtype) vs \(expected.dtype)")
    #expect(actual.shape == expected.shape, "\(what): shape \(actual.shape) vs \(expected.shape)")
    #expect(actual.scalars() == expected.scalars(), "\(what): values differ")
}

@Suite struct SafeTensorsTests {
    /// safetensors.json's tensors, keyed by name.
    static func stateDictFixture() throws -> [(String, Tensor)] {
        guard let dict = try Fixtures.json("safetensors.json") as? [String: Any] else {
            throw FixtureError(description: "safetensors.json missing")
        }
        return try dict.map { name, value in
            guard var entry = value as? [String: Any] else { throw FixtureError(description: "bad entry") }
            // The fixture stores bools as doubles; the dtype field says what they were.
            if entry["dtype"] as? String == "torch.bool" { entry["data"] = (entry["data"] as? [Double] ?? []).map { $0 != 0 } }
            return (name, try typedFixtureTensor(entry))
        }
    }

    static func identicalFixture() throws -> (tensors: [(String, Tensor)], cases: [[String: Any]]) {
        guard let root = try Fixtures.json("safetensors_identical.json") as? [String: Any],
              let list = root["tensors"] as? [[Any]], let cases = root["cases"] as? [[String: Any]] else {
            throw FixtureError(description: "safetensors_identical.json missing")
        }
        let tensors = try list.map { pair -> (String, Tensor) in
            guard let name = pair.first as? String else { throw FixtureError(description: "bad name") }
            return (name, try typedFixtureTensor(pair.last))
        }
        return (tensors, cases)
    }

    @Test func readsWhatPyTorchWrote() throws {
        let expected = try Self.stateDictFixture()
        let bytes = try fixtureBytes("torch_written.safetensors")
        let contents = try bytes.withUnsafeBytes { try SafeTensors.deserialize($0) }
        #expect(contents.metadata == ["format": "pt"])
        // load_file's order: data order (dtype widest first, then name).
        #expect(contents.tensors.map { $0.0 } == ["steps", "scale", "0.bias_hh_l0", "0.bias_ih_l0", "0.weight_hh_l0",
                                                  "0.weight_hr_l0", "0.weight_ih_l0", "1.bias", "1.weight", "mask"])
        #expect(contents.tensors.count == expected.count)
        for (name, tensor) in expected { expectSameTensor(contents.stateDict[name], tensor, name) }
    }

    @Test func writesTheBytesPyTorchWrites() throws {
        let written = try SafeTensors.serialize(try Self.stateDictFixture(), metadata: ["format": "pt"])
        #expect(written == (try fixtureBytes("torch_written.safetensors")))

        let (tensors, cases) = try Self.identicalFixture()
        #expect(cases.count == 2)
        for c in cases {
            let file = c["file"] as? String ?? ""
            let metadata = c["metadata"] as? [String: String]
            let bytes = try SafeTensors.serialize(tensors, metadata: metadata)
            #expect(bytes == (try fixtureBytes(file)), "\(file)")
            let back = try bytes.withUnsafeBytes { try SafeTensors.deserialize($0) }
            #expect(back.tensors.map { $0.0 } == c["load_order"] as? [String], "\(file) load order")
            for (name, tensor) in tensors { expectSameTensor(back.stateDict[name], tensor, "\(file) \(name)") }
        }
        #expect(try SafeTensors.serialize([]) == (try fixtureBytes("torch_empty.safetensors")))
    }

    @Test func nonContiguousTensorsAreWrittenInLogicalOrder() throws {
        let t = try Tensor([Float(1), 2, 3, 4, 5, 6], shape: [2, 3])
        let transposed = try t.transpose(0, 1)
        let bytes = try SafeTensors.serialize([("t", transposed)])
        let back = try bytes.withUnsafeBytes { try SafeTensors.deserialize($0) }
        #expect(back.stateDict["t"]?.shape == [3, 2])
        #expect(back.stateDict["t"]?.toArray(Float.self) == [1, 4, 2, 5, 3, 6])
    }

    @Test func moduleLoadsATorchWrittenCheckpoint() throws {
        let net = Sequential([try LSTM(3, 4, projSize: 2), try Linear(2, 1)])
        let path = Fixtures.directory.appendingPathComponent("torch_written.safetensors").path
        let result = try net.loadStateDict(from: path, strict: false)
        #expect(result.missingKeys == [])
        #expect(result.unexpectedKeys == ["steps", "scale", "mask"])
        for (name, tensor) in try Self.stateDictFixture() where !["steps", "scale", "mask"].contains(name) {
            expectSameTensor(net.stateDict()[name], tensor, name)
        }
        #expect(throws: TensorError.self) { try net.loadStateDict(from: path) }
    }

    @Test func saveIsAtomicAndRoundTrips() throws {
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/model.safetensors"
        let source = try GRU(2, 3, numLayers: 2, bidirectional: true)
        try source.saveStateDict(to: path)
        try source.saveStateDict(to: path)  // overwrite in place
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["model.safetensors"])
        let target = try GRU(2, 3, numLayers: 2, bidirectional: true)
        #expect(try target.loadStateDict(from: path).repr == "<All keys matched successfully>")
        for ((name, a), (_, b)) in zip(source.stateDict().entries, target.stateDict().entries) {
            expectSameTensor(b, a, name)
        }
        #expect(try SafeTensors.load(from: path).metadata == ["format": "pt"])
    }

    @Test func writingIntoAMissingDirectoryFailsCleanly() throws {
        #expect {
            try SafeTensors.save([("a", try Tensor(zeros: [2]))], to: "/nonexistent-unroll-dir/x.safetensors")
        } throws: { ($0 as? SafeTensorsError)?.kind == .fileNotFound }
    }
}
