// get_hourly_bikes_data against the PyTorch reference of tools/fixtures/data.py (Tests/Fixtures/data/bikes.json).
import Foundation
import Testing
import UnrollTensor
@testable import UnrollData

@Suite struct HourlyBikesTests {
    static func bikesFrame() throws -> DataFrame {
        try CSVReader.read(path: Fixtures.datasets + "/bikeshare_hourly_2011.csv")
    }

    static func values(_ t: Tensor) throws -> [Double] { try t.contiguous().doubles() }

    static func expectTensor(_ actual: Tensor, _ fixture: Any?, atol: Double = 1e-5, _ what: String,
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try fixtureTensor(fixture)
        #expect(actual.shape == expected.shape, "\(what): shape \(actual.shape), expected \(expected.shape)", sourceLocation: sourceLocation)
        expectClose(try values(actual), try values(expected), rtol: 1e-5, atol: atol, what, sourceLocation: sourceLocation)
    }

    @Test func matchesThePyTorchReference() throws {
        let frame = try Self.bikesFrame()
        for case let f in try Fixtures.list("bikes.json") {
            guard let seq = f["sequence_size"] as? Int, let nv = f["validation_size"] as? Int, let nt = f["test_size"] as? Int,
                  let norm = f["y_normalizer"] as? Double else { throw FixtureError(description: "bad bikes fixture") }
            let b = try HourlyBikes.make(from: frame, sequenceSize: seq, validationSize: nv, testSize: nt, yNormalizer: norm)
            let label = "seq \(seq)"
            #expect(b.xTrain.shape == f["train_shape"] as? [Int], "\(label) train shape")
            #expect(b.xValidation.shape == f["validation_shape"] as? [Int], "\(label) validation shape")
            #expect(b.xTrain.dtype == .float32 && b.yTrain.dtype == .float32)
            try Self.expectTensor(b.mean, f["mean"], "\(label) mean")
            try Self.expectTensor(b.std, f["std"], "\(label) std")
            try Self.expectTensor(b.xTrain.select(0, 0), f["train_first"], "\(label) first training window")
            try Self.expectTensor(b.xTrain.select(0, -1), f["train_last"], "\(label) last training window")
            try Self.expectTensor(b.xTrain.to(.float64).abs().sum(dims: [0, 1]), f["train_column_abs_sums"], "\(label) feature absolute sums")
            try Self.expectTensor(b.yTrain.index([.slice(start: 0, stop: 50, step: 1)]), f["y_train_head"], "\(label) training targets")
            let ySum = try b.yTrain.to(.float64).sum().item().doubleValue
            let expectedSum = try #require(f["y_train_sum"] as? Double)
            #expect(abs(ySum - expectedSum) <= 1e-6 * abs(expectedSum), "\(label) target sum \(ySum), expected \(expectedSum)")
            let step = max(1, nv / 8)
            try Self.expectTensor(b.xValidation.index([.slice(start: 0, stop: nil, step: step)]), f["X_validation"], "\(label) validation windows")
            try Self.expectTensor(b.xTest, f["X_test"], "\(label) test windows")
            try Self.expectTensor(b.yValidation, f["y_validation"], "\(label) validation targets")
            try Self.expectTensor(b.yTest, f["y_test"], "\(label) test targets")
        }
    }

    @Test func tooFewHoursIsAValueError() throws {
        let frame = try Self.bikesFrame().slice(rows: 0..<100)
        #expect(throws: DataError.self) {
            _ = try HourlyBikes.make(from: frame, sequenceSize: 24, validationSize: 60, testSize: 24, yNormalizer: 100)
        }
        #expect(throws: DataError.self) {
            _ = try HourlyBikes.make(from: frame, sequenceSize: 0, validationSize: 5, testSize: 5, yNormalizer: 100)
        }
    }

    @Test func aFrameWithoutTheBikeColumnsIsAnError() throws {
        let frame = try DataFrame(columnNames: ["a"], columns: [.int([1, 2, 3])])
        #expect(throws: DataError.self) {
            _ = try HourlyBikes.make(from: frame, sequenceSize: 1, validationSize: 0, testSize: 0, yNormalizer: 1)
        }
    }
}
