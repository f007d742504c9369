// `unroll bench tensor`: matmul GFLOP/s and elementwise throughput of the tensor engine, as a text table.
import Foundation
import UnrollTensor

/// Benchmarks of the tensor engine; tools/bench_tensor.py prints the same table for PyTorch.
public enum TensorBench {
    /// Seconds per call of `body`: the best of several timed batches, each at least ~50 ms long.
    static func secondsPerCall(minimumBatch: Double = 0.05, batches: Int = 5, _ body: () throws -> Void) rethrows -> Double {
        try body()  // warm-up: first-touch allocation, BLAS buffers
        var iterations = 1
        while true {
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<iterations { try body() }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if elapsed >= minimumBatch || iterations >= 1 << 20 { break }
            iterations *= 2
        }
        var best = Double.infinity
        for _ in 0..<batches {
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<iterations { try body() }
            best = Swift.min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(iterations))
        }
        return best
    }

    /// A tensor of `shape` filled with a fixed, non-trivial pattern (no RNG needed).
    static func pattern(_ shape: [Int]) throws -> Tensor {
        let n = shape.reduce(1, *)
        var values = [Float](repeating: 0, count: n)
        for i in 0..<n { values[i] = Float(Foundation.sin(Double(i) * 0.618)) }
        return try Tensor(values, shape: shape)
    }

    /// Runs the benchmark and returns the table; `threads` sets the GEMM worker count (nil keeps the default).
    public static func run(threads: Int? = nil) throws -> String {
        if let threads { BLASThreads.set(threads) }
        var lines = ["Unroll tensor benchmark (float32, \(BLASThreads.count) thread\(BLASThreads.count == 1 ? "" : "s"))", ""]
        lines.append(pad("matmul", 22) + pad("time", 12, right: true) + pad("GFLOP/s", 10, right: true))
        var shapes: [(Int, Int, Int)] = [32, 64, 128, 256, 512, 1024].map { ($0, $0, $0) }
        shapes.append((32, 33, 128))
        for (m, k, n) in shapes {
            let a = try pattern([m, k]), b = try pattern([k, n])
            let seconds = try secondsPerCall { _ = try a.matmul(b) }
            let gflops = 2 * Double(m * k * n) / seconds / 1e9
            lines.append(pad("\(m)x\(k) @ \(k)x\(n)", 22) + pad(formatTime(seconds), 12, right: true)
                         + pad(String(format: "%.1f", gflops), 10, right: true))
        }
        lines.append("")
        lines.append(pad("elementwise (1M)", 22) + pad("time", 12, right: true) + pad("Melem/s", 10, right: true)
                     + pad("GB/s", 8, right: true))
        let count = 1 << 20
        let x = try pattern([count]), y = try pattern([count])
        let cases: [(String, Int, () throws -> Void)] = [
            ("add", 3, { _ = try x.add(y) }),
            ("mul", 3, { _ = try x.mul(y) }),
            ("tanh", 2, { _ = try x.tanh() }),
        ]
        for (name, tensorsTouched, body) in cases {
            let seconds = try secondsPerCall(body)
            let melem = Double(count) / seconds / 1e6
            let gbps = Double(count * 4 * tensorsTouched) / seconds / 1e9
            lines.append(pad(name, 22) + pad(formatTime(seconds), 12, right: true)
                         + pad(String(format: "%.0f", melem), 10, right: true) + pad(String(format: "%.1f", gbps), 8, right: true))
        }
        return lines.joined(separator: "\n")
    }

    static func formatTime(_ seconds: Double) -> String {
        if seconds < 1e-3 { return String(format: "%.1f us", seconds * 1e6) }
        return String(format: "%.2f ms", seconds * 1e3)
    }

    static func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: Swift.max(0, width - s.count))
        return right ? fill + s : s + fill
    }
}
