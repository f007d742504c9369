// nn.init: uniform_, normal_, zeros_, ones_, constant_, xavier_uniform_, kaiming_uniform_, orthogonal_ (PyTorch's formulas).
import Foundation
import UnrollTensor

/// `torch.nn.init`. Each function fills a parameter in place without recording autograd, as PyTorch does.
public enum Init {
    public static func uniform_(_ t: Tensor, a: Double = 0, b: Double = 1) throws {
        try NNRandom.source.uniform_(t, from: a, to: b)
    }

    public static func normal_(_ t: Tensor, mean: Double = 0, std: Double = 1) throws {
        try NNRandom.source.normal_(t, mean: mean, std: std)
    }

    public static func constant_(_ t: Tensor, _ value: Double) throws {
        let filled = try Tensor.full(t.shape, .double(value), dtype: t.dtype)
        try copyValues(from: filled, into: t)
    }

    public static func zeros_(_ t: Tensor) throws { try constant_(t, 0) }
    public static func ones_(_ t: Tensor) throws { try constant_(t, 1) }

    /// `_calculate_fan_in_and_fan_out`.
    public static func fans(_ t: Tensor) throws -> (fanIn: Int, fanOut: Int) {
        guard t.dim >= 2 else {
            throw TensorError.value("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")
        }
        let receptive = t.shape.dropFirst(2).reduce(1, *)
        return (t.shape[1] * receptive, t.shape[0] * receptive)
    }

    /// `calculate_gain(nonlinearity, param)`.
    public static func gain(_ nonlinearity: String, param: Double? = nil) throws -> Double {
        switch nonlinearity {
        case "linear", "conv1d", "conv2d", "conv3d", "sigmoid": return 1
        case "tanh": return 5.0 / 3
        case "relu": return 2.0.squareRoot()
        case "leaky_relu":
            let slope = param ?? 0.01
            return (2.0 / (1 + slope * slope)).squareRoot()
        case "selu": return 3.0 / 4
        default: throw TensorError.value("Unsupported nonlinearity \(nonlinearity)")
        }
    }

    public static func xavierUniform_(_ t: Tensor, gain: Double = 1) throws {
        let (fanIn, fanOut) = try fans(t)
        let std = gain * (2.0 / Double(fanIn + fanOut)).squareRoot()
        let a = 3.0.squareRoot() * std
        try uniform_(t, a: -a, b: a)
    }

    public static func xavierNormal_(_ t: Tensor, gain: Double = 1) throws {
        let (fanIn, fanOut) = try fans(t)
        try normal_(t, mean: 0, std: gain * (2.0 / Double(fanIn + fanOut)).squareRoot())
    }

    /// `kaiming_uniform_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu')`.
    public static func kaimingUniform_(_ t: Tensor, a: Double = 0, mode: String = "fan_in",
                                       nonlinearity: String = "leaky_relu") throws {
        let (fanIn, fanOut) = try fans(t)
        let fan = mode == "fan_in" ? fanIn : fanOut
        guard fan > 0 else { return }
        // Python computes a**2 with pow, so sqrt(5)**2 is 5.000000000000001 there too.
        let g = try gain(nonlinearity, param: a)
        let std = g / Double(fan).squareRoot()
        let bound = 3.0.squareRoot() * std
        try uniform_(t, a: -bound, b: bound)
    }

    /// `orthogonal_(tensor, gain=1)`: QR of a normal matrix with the sign fix PyTorch applies.
    public static func orthogonal_(_ t: Tensor, gain: Double = 1) throws {
        guard t.dim >= 2 else { throw TensorError.value("Only tensors with 2 or more dimensions are supported") }
        let rows = t.shape[0], cols = t.numel / max(rows, 1)
        let flat = try Tensor(zeros: [rows, cols], dtype: .float64)
        try normal_(flat, mean: 0, std: 1)
        var a = flat.toArray(Double.self)
        // Work on the tall orientation, as PyTorch transposes when rows < cols.
        let transpose = rows < cols
        let (m, n) = transpose ? (cols, rows) : (rows, cols)
        var mat = [Double](repeating: 0, count: m * n)
        for i in 0..<rows { for j in 0..<cols { if transpose { mat[j * n + i] = a[i * cols + j] } else { mat[i * n + j] = a[i * cols + j] } } }
        // Modified Gram-Schmidt QR; q columns orthonormal, r diagonal signs applied.
        var q = mat
        for k in 0..<n {
            var norm = 0.0
            for i in 0..<m { norm += q[i * n + k] * q[i * n + k] }
            norm = norm.squareRoot()
            let sign: Double = norm == 0 ? 1 : 1
            for i in 0..<m { q[i * n + k] = norm == 0 ? 0 : q[i * n + k] / norm * sign }
            for j in (k + 1)..<max(n, k + 1) {
                var dot = 0.0
                for i in 0..<m { dot += q[i * n + k] * q[i * n + j] }
                for i in 0..<m { q[i * n + j] -= dot * q[i * n + k] }
            }
        }
        for i in 0..<rows { for j in 0..<cols { a[i * cols + j] = gain * (transpose ? q[j * n + i] : q[i * n + j]) } }
        try copyValues(from: try Tensor(a, shape: t.shape), into: t)
    }
}
