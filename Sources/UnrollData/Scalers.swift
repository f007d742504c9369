// Standard and min-max scalers fitted on the training part only, applied per feature column.
import UnrollTensor

/// A per-column affine scaling `(x - shift) / scale` learned from training data (sklearn's semantics).
public protocol Scaler {
    var shift: [Double] { get }
    var scale: [Double] { get }
}

public extension Scaler {
    /// Scales a `[N]` or `[N, F]` tensor with the fitted statistics; float64 out unless the input is float32.
    func transform(_ x: Tensor) throws -> Tensor {
        try apply(x) { v, j in (v - shift[j]) / scale[j] }
    }

    /// Undoes `transform` (predictions back to the data's units).
    func inverseTransform(_ x: Tensor) throws -> Tensor {
        try apply(x) { v, j in v * scale[j] + shift[j] }
    }

    private func apply(_ x: Tensor, _ f: (Double, Int) -> Double) throws -> Tensor {
        let width = x.dim == 2 ? x.shape[1] : 1
        guard x.dim == 1 || x.dim == 2, width == shift.count else {
            throw DataError.value("X has \(width) features, but the scaler is expecting \(shift.count) features as input.")
        }
        let values = try x.contiguous().doubles()
        var out = [Double](repeating: 0, count: values.count)
        for i in 0..<values.count { out[i] = f(values[i], i % width) }
        return x.dtype == .float32 ? try Tensor(out.map { Float($0) }, shape: x.shape) : try Tensor(out, shape: x.shape)
    }
}

/// Column statistics of a `[N]` or `[N, F]` tensor.
func columns(of x: Tensor) throws -> [[Double]] {
    guard x.dim == 1 || x.dim == 2, x.shape[0] > 0 else {
        throw DataError.value("Expected a non-empty 1-D or 2-D array to fit, got shape \(x.shape)")
    }
    let width = x.dim == 2 ? x.shape[1] : 1
    let values = try x.contiguous().doubles()
    return (0..<width).map { j in stride(from: j, to: values.count, by: width).map { values[$0] } }
}

/// Standardisation: mean 0, standard deviation 1 per column (population std, as sklearn's StandardScaler).
public struct StandardScaler: Scaler, Sendable {
    public let shift: [Double]
    public let scale: [Double]
    /// Fits on `train` only, so statistics never see validation or test data.
    public init(fit train: Tensor) throws {
        let cols = try columns(of: train)
        shift = cols.map { $0.reduce(0, +) / Double($0.count) }
        scale = zip(cols, shift).map { col, mean in
            let variance = col.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(col.count)
            return variance > 0 ? variance.squareRoot() : 1
        }
    }
}

/// Min-max scaling to [0, 1] per column (a constant column maps to 0, as sklearn's MinMaxScaler).
public struct MinMaxScaler: Scaler, Sendable {
    public let shift: [Double]
    public let scale: [Double]
    public init(fit train: Tensor) throws {
        let cols = try columns(of: train)
        shift = cols.map { $0.min() ?? 0 }
        scale = cols.map { c in
            let range = (c.max() ?? 0) - (c.min() ?? 0)
            return range > 0 ? range : 1
        }
    }
}
