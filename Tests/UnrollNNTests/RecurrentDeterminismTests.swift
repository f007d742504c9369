// Recurrent layers give bit-identical outputs and gradients whatever the thread count of the products beneath them.
import Foundation
import Testing
import UnrollTensor
@testable import UnrollNN

@Suite(.serialized)
struct RecurrentDeterminismTests {
    /// Output and every parameter gradient of a 2-layer bidirectional LSTM and GRU at sizes where BLAS would
    /// split the work (L·N = 640 rows), as bit patterns.
    static func run() throws -> [[UInt32]] {
        var results: [[UInt32]] = []
        let x = try Tensor((0..<(40 * 16 * 24)).map { Float(sin(Double($0) * 0.37)) }, shape: [40, 16, 24])
        try Generator.default.manualSeed(7)
        let lstm = try LSTM(24, 96, numLayers: 2, bidirectional: true)
        let gru = try GRU(24, 96, numLayers: 2, bidirectional: true)
        let (lo, _) = try lstm.forward(x)
        let (go, _) = try gru.forward(x)
        try lo.mul(lo).sum().add(go.mul(go).sum()).backward()
        results.append(lo.toArray(Float.self).map(\.bitPattern))
        results.append(go.toArray(Float.self).map(\.bitPattern))
        for p in lstm.parameters() + gru.parameters() {
            results.append((p.grad?.toArray(Float.self) ?? []).map(\.bitPattern))
        }
        return results
    }

    @Test func outputsAndGradientsDoNotDependOnThreadCount() throws {
        let saved = BLASThreads.count
        defer { BLASThreads.set(saved); BLASThreads.setLibraryThreads(1) }
        BLASThreads.set(1)
        BLASThreads.setLibraryThreads(1)
        let single = try Self.run()
        BLASThreads.set(2)
        BLASThreads.setLibraryThreads(2)  // the layers must not let OpenBLAS's own threading change the sums
        let double = try Self.run()
        #expect(single.count == double.count)
        for (i, (a, b)) in zip(single, double).enumerated() {
            let differing = zip(a, b).filter { $0 != $1 }.count
            #expect(a.count == b.count && differing == 0, "result \(i): \(differing) of \(a.count) values differ between 1 and 2 threads")
        }
    }
}
