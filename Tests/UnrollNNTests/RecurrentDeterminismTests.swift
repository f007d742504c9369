// Recurrent layers give bit-identical outputs and gradients whatever the thread count of the products beneath them.
import Foundation
import Testing
import UnrollTensor
@testable import UnrollNN

@Suite(.serialized)
struct RecurrentDeterminismTests {
    /// Output and every parameter gradient of 2-layer bidirectional LSTM and GRU layers, a projected LSTM and a
    /// ReLU RNN, as bit patterns. The sizes are large enough for BLAS to split the input products (L·N = 640 rows)
    /// and for the recurrence to split its batch rows: 16 rows are two fixed blocks, 21 rows three unequal ones.
    static func run() throws -> [[UInt32]] {
        var results: [[UInt32]] = []
        try Generator.default.manualSeed(7)
        for batch in [16, 21] {
            let x = try Tensor((0..<(40 * batch * 24)).map { Float(sin(Double($0) * 0.37)) }, shape: [40, batch, 24])
            let layers: [RecurrentBase] = [
                try LSTM(24, 96, numLayers: 2, bidirectional: true),
                try GRU(24, 96, numLayers: 2, bidirectional: true),
                try LSTM(24, 96, numLayers: 2, projSize: 40),
                try RNN(24, 96, numLayers: 2, nonlinearity: "relu"),
            ]
            var loss: Tensor?
            for layer in layers {
                guard case .tuple(let parts) = try layer.forward([.tensor(x)]), let out = parts.first?.tensor else {
                    throw TensorError.runtime("recurrent layer returned no output")
                }
                results.append(out.toArray(Float.self).map(\.bitPattern))
                let term = try out.mul(out).sum()
                loss = try loss.map { try $0.add(term) } ?? term
            }
            try loss?.backward()
            for p in layers.flatMap({ $0.parameters() }) {
                results.append((p.grad?.toArray(Float.self) ?? []).map(\.bitPattern))
            }
        }
        return results
    }

    @Test func outputsAndGradientsDoNotDependOnThreadCount() throws {
        let saved = BLASThreads.count
        defer { BLASThreads.set(saved); BLASThreads.setLibraryThreads(1) }
        BLASThreads.set(1)
        BLASThreads.setLibraryThreads(1)
        let single = try Self.run()
        for threads in [2, 3] {
            BLASThreads.set(threads)
            BLASThreads.setLibraryThreads(threads)  // the layers must not let OpenBLAS's own threading change the sums
            let several = try Self.run()
            #expect(single.count == several.count)
            for (i, (a, b)) in zip(single, several).enumerated() {
                let differing = zip(a, b).filter { $0 != $1 }.count
                #expect(a.count == b.count && differing == 0,
                        "result \(i): \(differing) of \(a.count) values differ between 1 and \(threads) threads")
            }
        }
    }

    /// The worker pool runs every part exactly once, whether or not its threads are free, and nested splits run
    /// in order on the calling thread instead of waiting for themselves.
    @Test func workerPoolRunsEveryPartOnce() {
        for count in [1, 2, 3, 7] {
            let counts = UnsafeMutablePointer<Int>.allocate(capacity: count * count)
            defer { counts.deallocate() }
            counts.initialize(repeating: 0, count: count * count)
            ParallelParts.run(count) { outer in
                ParallelParts.run(count) { inner in counts[outer * count + inner] += 1 }
            }
            #expect((0..<(count * count)).allSatisfy { counts[$0] == 1 }, "\(count) parts")
        }
    }

    /// A large array given back is handed out again for the same size (same storage); small ones are not kept.
    @Test func floatPoolRecyclesLargeArraysBySize() {
        let size = FloatPool.minimumCount + 12_345  // a size no layer in the tests uses
        let array = [Float](repeating: 1, count: size)
        FloatPool.give(array)
        let again = FloatPool.take(size)
        #expect(again.count == size)
        #expect(again.withUnsafeBufferPointer { $0.baseAddress } == array.withUnsafeBufferPointer { $0.baseAddress })
        let fresh = FloatPool.take(size)
        #expect(fresh.withUnsafeBufferPointer { $0.baseAddress } != array.withUnsafeBufferPointer { $0.baseAddress })
        FloatPool.give([Float](repeating: 0, count: 10))
        #expect(FloatPool.take(10).count == 10)
    }
}
