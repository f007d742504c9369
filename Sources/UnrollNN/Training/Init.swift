// nn.init: uniform_, normal_, zeros_, ones_, constant_, xavier_uniform_/normal_, kaiming_uniform_/normal_, orthogonal_ (PyTorch's formulas).
import Foundation
import UnrollTensor

/// `torch.nn.init`. Each function fills a parameter in place without recording autograd, as PyTorch does.
public enum Init {
    /// `uniform_(tensor, a=0, b=1, generator=None)`: U(a, b) from `generator`, or the NN random source (the default generator).
    public static func uniform_(_ t: Tensor, a: Double = 0, b: Double = 1, generator: Generator? = nil) throws {
        if let generator {
            try GradMode.withDisabled { _ = try t.uniform_(a, b, generator: generator) }
        } else {
            try NNRandom.source.uniform_(t, from: a, to: b)
        }
    }

    /// `normal_(tensor, mean=0, std=1, generator=None)`.
    public static func normal_(_ t: Tensor, mean: Double = 0, std: Double = 1, generator: Generator? = nil) throws {
        if let generator {
            try GradMode.withDisabled { _ = try t.normal_(mean: mean, std: std, generator: generator) }
        } else {
            try NNRandom.source.normal_(t, mean: mean, std: std)
        }
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
        case "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "sigmoid": return 1
        case "tanh": return 5.0 / 3
        case "relu": return 2.0.squareRoot()
        case "leaky_relu":
            let slope = param ?? 0.01
            return (2.0 / (1 + slope * slope)).squareRoot()
        case "selu": return 3.0 / 4
        default: throw TensorError.value("Unsupported nonlinearity \(nonlinearity)")
        }
    }

    /// `xavier_uniform_(tensor, gain=1)`: U(±gain·sqrt(6 / (fan_in + fan_out))).
    public static func xavierUniform_(_ t: Tensor, gain: Double = 1, generator: Generator? = nil) throws {
        let (fanIn, fanOut) = try fans(t)
        let std = gain * (2.0 / Double(fanIn + fanOut)).squareRoot()
        let a = 3.0.squareRoot() * std
        try uniform_(t, a: -a, b: a, generator: generator)
    }

    /// `xavier_normal_(tensor, gain=1)`: N(0, gain·sqrt(2 / (fan_in + fan_out))).
    public static func xavierNormal_(_ t: Tensor, gain: Double = 1, generator: Generator? = nil) throws {
        let (fanIn, fanOut) = try fans(t)
        try normal_(t, mean: 0, std: gain * (2.0 / Double(fanIn + fanOut)).squareRoot(), generator: generator)
    }

    /// `kaiming_uniform_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu')`.
    public static func kaimingUniform_(_ t: Tensor, a: Double = 0, mode: String = "fan_in",
                                       nonlinearity: String = "leaky_relu", generator: Generator? = nil) throws {
        let fan = try selectedFan(t, mode: mode)
        guard fan > 0 else { return }
        // Python computes a**2 with pow, so sqrt(5)**2 is 5.000000000000001 there too.
        let g = try gain(nonlinearity, param: a)
        let std = g / Double(fan).squareRoot()
        let bound = 3.0.squareRoot() * std
        try uniform_(t, a: -bound, b: bound, generator: generator)
    }

    /// `kaiming_normal_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu')`: N(0, gain / sqrt(fan)).
    public static func kaimingNormal_(_ t: Tensor, a: Double = 0, mode: String = "fan_in",
                                      nonlinearity: String = "leaky_relu", generator: Generator? = nil) throws {
        let fan = try selectedFan(t, mode: mode)
        guard fan > 0 else { return }
        let std = try gain(nonlinearity, param: a) / Double(fan).squareRoot()
        try normal_(t, mean: 0, std: std, generator: generator)
    }

    /// `_calculate_correct_fan(tensor, mode)`.
    static func selectedFan(_ t: Tensor, mode: String) throws -> Int {
        guard mode == "fan_in" || mode == "fan_out" else {
            throw TensorError.value("Mode \(mode) not supported, please use one of ['fan_in', 'fan_out']")
        }
        let (fanIn, fanOut) = try fans(t)
        return mode == "fan_in" ? fanIn : fanOut
    }

    /// `orthogonal_(tensor, gain=1)`: draws a (rows, numel/rows) normal matrix in the tensor's dtype, takes the
    /// Householder QR of its tall orientation (LAPACK geqrf + orgqr, as PyTorch's CPU `linalg.qr`), multiplies
    /// Q's columns by the signs of R's diagonal, and writes Q (transposed back when rows < cols) times `gain`.
    public static func orthogonal_(_ t: Tensor, gain: Double = 1, generator: Generator? = nil) throws {
        guard t.dim >= 2 else { throw TensorError.value("Only tensors with 2 or more dimensions are supported") }
        guard t.numel > 0 else { return }
        let rows = t.shape[0], cols = t.numel / rows
        let flat = try Tensor(zeros: [rows, cols], dtype: t.dtype)
        try normal_(flat, mean: 0, std: 1, generator: generator)
        let q: [Double]
        switch t.dtype {
        case .float32: q = try OrthogonalQR.orthonormal(flat.toArray(Float.self), rows: rows, cols: cols).map(Double.init)
        case .float64: q = try OrthogonalQR.orthonormal(flat.toArray(Double.self), rows: rows, cols: cols)
        default: throw TensorError.runtime("orthogonal_ needs a floating point tensor, got \(t.dtype.scalarTypeName)")
        }
        let scaled = try Tensor(q, shape: t.shape).to(t.dtype)
        try GradMode.withDisabled { _ = try scaled.mul_(Tensor(scalar: .double(gain), dtype: t.dtype)) }
        try copyValues(from: scaled, into: t)
    }
}
