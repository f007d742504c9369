// Cuts a time series into (input window, target) training pairs: the course's `create_sequences`.
import UnrollTensor

/// Sliding windows over a series, as the course's `create_sequences` loop builds them: window `i` is rows
/// `i ..< i + sequenceLength`, its target the `horizon` rows after it.
public enum SlidingWindows {
    /// Windows over a 1-D series `[N]` (inputs `[W, L]`, targets `[W]` or `[W, horizon]`) or over a table
    /// `[N, F]` (inputs `[W, L, F]` over `featureColumns`, or all; targets from `targetColumn`).
    /// `W = N - sequenceLength - horizon + 1` windows; the result keeps the series' dtype.
    public static func createSequences(
        _ series: Tensor, sequenceLength: Int, horizon: Int = 1,
        featureColumns: [Int]? = nil, targetColumn: Int = 0
    ) throws -> (inputs: Tensor, targets: Tensor) {
        guard sequenceLength > 0 else { throw DataError.value("sequence length must be positive, got \(sequenceLength)") }
        guard horizon > 0 else { throw DataError.value("horizon must be positive, got \(horizon)") }
        guard series.dim == 1 || series.dim == 2 else {
            throw DataError.value("expected a 1-D series or a 2-D [time, features] table, got \(series.dim) dimensions")
        }
        let n = series.shape[0]
        let width = series.dim == 2 ? series.shape[1] : 1
        let features = featureColumns ?? Array(0..<width)
        for c in features + [targetColumn] where c < 0 || c >= width {
            throw DataError.index("column \(c) is out of bounds for \(width) columns")
        }
        let count = n - sequenceLength - horizon + 1
        guard count > 0 else {
            throw DataError.value("a series of \(n) points is too short for windows of \(sequenceLength) plus \(horizon) target point\(horizon == 1 ? "" : "s")")
        }
        let values = try series.contiguous().doubles()
        var xs = [Double](repeating: 0, count: count * sequenceLength * features.count)
        var ys = [Double](repeating: 0, count: count * horizon)
        var k = 0
        for i in 0..<count {
            for t in i..<(i + sequenceLength) {
                for c in features { xs[k] = values[t * width + c]; k += 1 }
            }
            for h in 0..<horizon { ys[i * horizon + h] = values[(i + sequenceLength + h) * width + targetColumn] }
        }
        let inputShape = series.dim == 1 ? [count, sequenceLength] : [count, sequenceLength, features.count]
        let targetShape = horizon == 1 ? [count] : [count, horizon]
        return (try make(xs, inputShape, like: series), try make(ys, targetShape, like: series))
    }

    private static func make(_ values: [Double], _ shape: [Int], like series: Tensor) throws -> Tensor {
        switch series.dtype {
        case .int64: return try Tensor(values.map { Int64($0) }, shape: shape)
        case .float32: return try Tensor(values.map { Float($0) }, shape: shape)
        default: return try Tensor(values, shape: shape)
        }
    }
}
