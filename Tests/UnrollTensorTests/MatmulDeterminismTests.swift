// The thread count must not change results: products are compared bit for bit at 1 and 2 threads.
import Foundation
import Testing
@testable import UnrollTensor

extension TensorMathTests {
@Suite struct MatmulDeterminismTests {
    /// A deterministic, non-trivial fill (no RNG needed): a scrambled sine pattern.
    static func pattern(_ shape: [Int], seed: Double, dtype: DType = .float32) throws -> Tensor {
        let n = shape.reduce(1, *)
        let values = (0..<n).map { i in Foundation.sin(Double(i) * 0.7311 + seed) * 3 }
        return try Tensor(values, shape: shape).to(dtype)
    }

    static func products() throws -> [[Double]] {
        let a = try pattern([301, 257], seed: 0.1), b = try pattern([257, 311], seed: 0.2)
        let batched = try pattern([3, 130, 70], seed: 0.3), weight = try pattern([90, 70], seed: 0.4)
        let d1 = try pattern([200, 150], seed: 0.5, dtype: .float64), d2 = try pattern([150, 220], seed: 0.6, dtype: .float64)
        return [
            try a.mm(b).doubles(),
            try batched.matmul(weight.transposedLastTwo()).doubles(),
            try d1.mm(d2).doubles(),
            try a.transposedLastTwo().matmul(a).doubles(),
        ]
    }

    @Test func resultsDoNotDependOnThreadCount() throws {
        let saved = BLASThreads.count
        defer { BLASThreads.set(saved) }
        BLASThreads.set(1)
        let single = try Self.products()
        BLASThreads.set(2)
        BLASThreads.setLibraryThreads(2)  // Unroll must not let OpenBLAS's own threading change the sums
        let double = try Self.products()
        for (x, y) in zip(single, double) {
            #expect(x.count == y.count)
            #expect(zip(x, y).allSatisfy { $0.bitPattern == $1.bitPattern })
        }
    }

    /// More threads than cores are remembered (torch.get_num_threads reports them) but split calls use one per
    /// core. (The pure rule is tested: other suites change the global count concurrently.)
    @Test func splitCallsUseAtMostOneThreadPerCore() {
        #expect(BLASThreads.workersUsed(requested: 5, cores: 2) == 2)
        #expect(BLASThreads.workersUsed(requested: 2, cores: 8) == 2)
        #expect(BLASThreads.workersUsed(requested: 1, cores: 2) == 1)
        #expect(BLASThreads.workersUsed(requested: 3, cores: 0) == 1)
        #expect(BLASThreads.parallelWorkers <= max(1, ProcessInfo.processInfo.activeProcessorCount))
    }
}
}
