// DataLoader batch order and random_split against real PyTorch: seeded shuffles, drop_last, generators, RNG draws.
import Testing
import UnrollTensor
@testable import UnrollData

@Suite struct BatchOrderTests {
    nonisolated(unsafe) static let fixture: [String: Any] = (try? Fixtures.json("loader.json")) ?? [:]
    nonisolated(unsafe) static let loaders = fixture["loaders"] as? [[String: Any]] ?? []
    nonisolated(unsafe) static let splits = fixture["random_split"] as? [[String: Any]] ?? []

    @Test func fixturesArePresent() {
        #expect(Self.loaders.count >= 8)
        #expect(Self.splits.count >= 6)
    }

    @Test(arguments: Array(loaders.indices))
    func dataLoaderOrderMatchesPyTorch(_ index: Int) throws {
        let c = Self.loaders[index]
        let n = try #require(c["samples"] as? Int), batchSize = try #require(c["batch_size"] as? Int)
        let shuffle = try #require(c["shuffle"] as? Bool), dropLast = try #require(c["drop_last"] as? Bool)
        let epochs = try #require(c["epochs"] as? [[[Int]]])
        _ = Generator.manualSeed(Int64(try #require(c["seed"] as? Int)))
        let generator = (c["generator_seed"] as? Int).map { Generator(seed: UInt64($0)) }
        #expect(BatchSampler.batchCount(samples: n, batchSize: batchSize, dropLast: dropLast) == c["length"] as? Int)
        for (epoch, expected) in epochs.enumerated() {
            let batches = try BatchSampler.batches(samples: n, batchSize: batchSize, shuffle: shuffle, dropLast: dropLast, generator: generator)
            #expect(batches == expected, "case \(index) epoch \(epoch)")
        }
        // The default generator advanced exactly as PyTorch's did.
        let next = try #require(c["next_rand"] as? [Double])
        expectClose(try Tensor.rand([3]).doubles(), next, rtol: 1e-6, "case \(index) next draw")
    }

    @Test(arguments: Array(splits.indices))
    func randomSplitMatchesPyTorch(_ index: Int) throws {
        let c = Self.splits[index]
        let n = try #require(c["count"] as? Int)
        let requested = try #require(c["lengths"] as? [Double])
        _ = Generator.manualSeed(Int64(try #require(c["seed"] as? Int)))
        let generator = (c["generator_seed"] as? Int).map { Generator(seed: UInt64($0)) }
        let lengths = try RandomSplit.lengths(count: n, requested)
        let parts = try RandomSplit.indices(count: n, lengths: lengths, generator: generator)
        #expect(parts == c["indices"] as? [[Int]], "case \(index)")
        let next = try #require(c["next_rand"] as? [Double])
        expectClose(try Tensor.rand([2]).doubles(), next, rtol: 1e-6, "case \(index) next draw")
    }

    @Test func randomSplitErrorsMatchPyTorch() throws {
        let errors = try #require(Self.fixture["random_split_errors"] as? [[String: Any]])
        #expect(errors.count == 2)
        for e in errors {
            let n = try #require(e["count"] as? Int), lengths = try #require(e["lengths"] as? [Double])
            #expect(throws: DataError("ValueError", e["message"] as? String ?? "")) { try RandomSplit.lengths(count: n, lengths) }
        }
    }

    @Test func nonPositiveBatchSizeIsValueError() {
        #expect(throws: DataError("ValueError", "batch_size should be a positive integer value, but got batch_size=0")) {
            try BatchSampler.batches(samples: 4, batchSize: 0, shuffle: false, dropLast: false)
        }
    }

    @Test func tensorDatasetBatchesAreTheSampledRows() throws {
        let x = try Tensor((0..<12).map { Float($0) }, shape: [6, 2])
        let y = try Tensor((0..<6).map { Int64($0 * 10) }, shape: [6])
        let ds = try TensorDataset([x, y])
        #expect(ds.count == 6)
        let batch = try ds.batch([4, 1])
        #expect(batch[0].shape == [2, 2])
        #expect(batch[0].doubles() == [8, 9, 2, 3])
        #expect(batch[1].toArray(Int64.self) == [40, 10])
        let sample = try ds.sample(-1)
        #expect(sample[0].doubles() == [10, 11])
        #expect(throws: DataError("AssertionError", "Size mismatch between tensors")) {
            try TensorDataset([x, try Tensor(zeros: [5], dtype: .float32)])
        }
    }
}
