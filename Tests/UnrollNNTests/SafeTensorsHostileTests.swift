// Malformed, truncated and hostile safetensors files: each gives an error naming the problem, never a crash.
import Foundation
import Testing
import UnrollTensor
@testable import UnrollNN

@Suite struct SafeTensorsHostileTests {
    /// A file image with the given header text (padded as the writer pads) and data bytes.
    static func image(header: String, data: [UInt8] = [], declaredLength: UInt64? = nil) -> [UInt8] {
        var h = Array(header.utf8)
        h += [UInt8](repeating: 0x20, count: (8 - h.count % 8) % 8)
        var bytes: [UInt8] = []
        withUnsafeBytes(of: (declaredLength ?? UInt64(h.count)).littleEndian) { bytes += $0 }
        return bytes + h + data
    }

    static func entry(_ name: String, _ dtype: String, _ shape: [Int], _ begin: Int, _ end: Int) -> String {
        "\"\(name)\":{\"dtype\":\"\(dtype)\",\"shape\":\(shape),\"data_offsets\":[\(begin),\(end)]}"
    }

    /// Expects `bytes` to be rejected with a format error whose message contains every fragment.
    static func expectRejected(_ bytes: [UInt8], _ fragments: String..., sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let contents = try bytes.withUnsafeBytes { try SafeTensors.deserialize($0) }
            Issue.record("accepted a bad file with \(contents.tensors.count) tensors", sourceLocation: sourceLocation)
        } catch let error as SafeTensorsError {
            #expect(error.kind == .format, sourceLocation: sourceLocation)
            #expect(error.message.hasPrefix("Error while deserializing header: "), sourceLocation: sourceLocation)
            for fragment in fragments {
                #expect(error.message.contains(fragment), "\(error.message) lacks \(fragment)", sourceLocation: sourceLocation)
            }
        } catch {
            Issue.record("wrong error type: \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func tooShortForTheLengthField() {
        Self.expectRejected([], "HeaderTooSmall", "0 bytes")
        Self.expectRejected([1, 0, 0], "HeaderTooSmall", "3 bytes")
    }

    @Test func absurdHeaderLengthIsRefusedBeforeAllocating() {
        Self.expectRejected(Self.image(header: "{}", declaredLength: UInt64.max), "HeaderTooLarge", "18446744073709551615")
        Self.expectRejected(Self.image(header: "{}", declaredLength: 100_000_001), "HeaderTooLarge", "100000000")
    }

    @Test func headerLengthPastTheEndOfTheFile() {
        Self.expectRejected(Self.image(header: "{}", declaredLength: 4096), "InvalidHeaderLength", "4096", "truncated")
    }

    @Test func headerThatIsNotUTF8OrNotAnObject() {
        var bytes = Self.image(header: "{\"a\":1}")
        bytes[10] = 0xFF
        Self.expectRejected(bytes, "InvalidHeader", "UTF-8")
        Self.expectRejected(Self.image(header: "[1, 2, 3]"), "InvalidHeaderStart")
    }

    @Test func badJSON() {
        Self.expectRejected(Self.image(header: "{\"w\":{\"dtype\":\"F32\","), "InvalidHeaderDeserialization", "not valid JSON")
        Self.expectRejected(Self.image(header: "{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", data: [0, 0, 0, 0]),
                            "InvalidHeaderDeserialization", "'w'", "data_offsets")
        Self.expectRejected(Self.image(header: "{\"w\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", data: [0, 0, 0, 0]),
                            "InvalidHeaderDeserialization")
        Self.expectRejected(Self.image(header: "{\"__metadata__\":{\"format\":3}}"), "InvalidHeaderDeserialization", "__metadata__")
        let deep = String(repeating: "{\"a\":", count: 10_000) + "1" + String(repeating: "}", count: 10_000)
        Self.expectRejected(Self.image(header: deep), "InvalidHeaderDeserialization")
    }

    @Test func offsetsPastTheEnd() {
        let header = "{" + Self.entry("w", "F32", [4], 0, 16) + "}"
        Self.expectRejected(Self.image(header: header, data: [UInt8](repeating: 0, count: 8)), "InvalidOffset", "'w'", "past the end")
    }

    @Test func truncatedFile() throws {
        let good = try SafeTensors.serialize([("a", try Tensor(zeros: [3])), ("b", try Tensor(zeros: [2, 2]))])
        Self.expectRejected(Array(good.dropLast(5)), "past the end", "truncated")
        Self.expectRejected(Array(good.prefix(20)), "InvalidHeaderLength")
    }

    @Test func overlappingOffsets() {
        let header = "{" + Self.entry("a", "F32", [2], 0, 8) + "," + Self.entry("b", "F32", [2], 4, 12) + "}"
        Self.expectRejected(Self.image(header: header, data: [UInt8](repeating: 0, count: 12)), "InvalidOffset", "'b'", "overlaps")
    }

    @Test func offsetsThatLeaveAGapOrDoNotCoverTheBuffer() {
        let gap = "{" + Self.entry("a", "F32", [1], 0, 4) + "," + Self.entry("b", "F32", [1], 8, 12) + "}"
        Self.expectRejected(Self.image(header: gap, data: [UInt8](repeating: 0, count: 12)), "InvalidOffset", "'b'", "gap of 4 bytes")
        let short = "{" + Self.entry("a", "F32", [1], 0, 4) + "}"
        Self.expectRejected(Self.image(header: short, data: [UInt8](repeating: 0, count: 10)), "MetadataIncompleteBuffer", "4", "10")
        let inverted = "{" + Self.entry("a", "F32", [0], 4, 0) + "}"
        Self.expectRejected(Self.image(header: inverted, data: [0, 0, 0, 0]), "'a'", "data_offsets")
    }

    @Test func unknownOrUnsupportedDType() {
        let unknown = "{" + Self.entry("w", "Q7", [1], 0, 4) + "}"
        Self.expectRejected(Self.image(header: unknown, data: [0, 0, 0, 0]), "'w'", "unknown dtype \"Q7\"")
        let half = "{" + Self.entry("w", "F16", [2], 0, 4) + "}"
        Self.expectRejected(Self.image(header: half, data: [0, 0, 0, 0]), "'w'", "F16", "does not support")
    }

    @Test func shapeAndSpanDisagree() {
        let header = "{" + Self.entry("w", "F64", [2, 3], 0, 24) + "}"
        Self.expectRejected(Self.image(header: header, data: [UInt8](repeating: 0, count: 24)),
                            "TensorInvalidInfo", "'w'", "[2, 3]", "48 bytes", "span 24")
        let negative = "{" + Self.entry("w", "F32", [-1, 4], 0, 16) + "}"
        Self.expectRejected(Self.image(header: negative, data: [UInt8](repeating: 0, count: 16)), "'w'", "negative")
        let huge = "{" + Self.entry("w", "F32", [1 << 62, 1 << 3], 0, 16) + "}"
        Self.expectRejected(Self.image(header: huge, data: [UInt8](repeating: 0, count: 16)), "TensorInvalidInfo", "too large")
    }

    @Test func hugeClaimWithoutTheDataIsRefusedBeforeAllocating() {
        // A 512 MiB tensor claimed by a tiny file: refused by the offset check, nothing is allocated for it.
        let n = 1 << 29
        let header = "{" + Self.entry("w", "BOOL", [n], 0, n) + "}"
        var bytes = Self.image(header: header)
        bytes += [UInt8](repeating: 0, count: 16)  // far less data than claimed
        Self.expectRejected(bytes, "past the end")
    }

    @Test func shapeMismatchWithTheModuleOnLoad() throws {
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/rnn.safetensors"
        try RNN(3, 4).saveStateDict(to: path)
        let other = try RNN(3, 5)
        #expect {
            try other.loadStateDict(from: path)
        } throws: { error in
            guard let e = error as? TensorError else { return false }
            return e.message.hasPrefix("Error(s) in loading state_dict for RNN:\n\tsize mismatch for weight_ih_l0: copying a param with shape torch.Size([4, 3]) from checkpoint, the shape in current model is torch.Size([5, 3]).")
        }
    }

    @Test func pyTorchPickleCheckpointsAreNamed() throws {
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let zip = directory + "/model.pt"
        try Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0, 0x08, 0]).write(to: URL(fileURLWithPath: zip))
        let pickle = directory + "/old.pt"
        try Data([0x80, 0x02, 0x8A, 0x0A, 0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20, 0x6A, 0xA8]).write(to: URL(fileURLWithPath: pickle))
        for (path, what) in [(zip, "zip archive"), (pickle, "Python pickle")] {
            #expect {
                _ = try SafeTensors.load(from: path)
            } throws: { error in
                guard let e = error as? SafeTensorsError else { return false }
                return e.kind == .notSafeTensors && e.message.contains(what) && e.message.contains(path)
                    && (e.hint ?? "").contains("save_file")
            }
        }
    }

    @Test func missingFileIsFileNotFound() {
        #expect {
            _ = try SafeTensors.load(from: "/nonexistent-unroll/none.safetensors")
        } throws: { error in
            (error as? SafeTensorsError)?.description == "FileNotFoundError: No such file or directory: /nonexistent-unroll/none.safetensors"
        }
    }

    @Test func randomMutationsNeverCrash() throws {
        let good = try SafeTensors.serialize([("a", try Tensor(zeros: [3])), ("b", try Tensor([Int64(1), 2], shape: [2]))],
                                             metadata: ["format": "pt"])
        var rng = SystemRandomNumberGenerator()
        var accepted = 0
        for _ in 0..<3000 {
            var bytes = good
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                case 1: bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &rng)))
                default: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: Int.random(in: 0...bytes.count, using: &rng))
                }
                if bytes.isEmpty { break }
            }
            if (try? bytes.withUnsafeBytes { try SafeTensors.deserialize($0) }) != nil { accepted += 1 }
        }
        #expect(accepted < 3000)
    }
}
