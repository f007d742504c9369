// torch.nn.utils.clip_grad_norm_ and clip_grad_value_: gradients scaled down to a total p-norm, or clamped elementwise.
import Foundation
import UnrollTensor

public enum GradClipping {
    /// `clip_grad_norm_(parameters, max_norm, norm_type=2.0, error_if_nonfinite=False)`: returns the total norm
    /// (the norm of the per-gradient norms) as a 0-d tensor and multiplies every gradient by
    /// `min(max_norm / (total + 1e-6), 1)` in place, as PyTorch does.
    @discardableResult
    public static func clipGradNorm_(_ parameters: [Tensor], maxNorm: Double, normType: Double = 2,
                                     errorIfNonfinite: Bool = false) throws -> Tensor {
        let grads = parameters.compactMap(\.grad)
        guard let first = grads.first else { return Tensor(scalar: .double(0), dtype: .float32) }
        let dtype = first.dtype.isFloatingPoint ? first.dtype : .float32
        func rounded(_ x: Double) -> Double { dtype == .float32 ? Double(Float(x)) : x }
        // Each gradient's norm is a tensor of its dtype before the norms are combined, so round as PyTorch stores them.
        let norms = grads.map { rounded(vectorNorm($0.doubles(), normType)) }
        let total = rounded(vectorNorm(norms, normType))
        if errorIfNonfinite && !total.isFinite {
            throw TensorError.runtime("The total norm of order \(PythonFloatRepr.format(normType)) for gradients from `parameters` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`")
        }
        let coefficient = min(rounded(rounded(maxNorm) / rounded(total + rounded(1e-6))), 1)
        try GradMode.withDisabled {
            for g in grads {
                _ = try g.detach().mul_(Tensor(scalar: .double(coefficient), dtype: g.dtype))
            }
        }
        return Tensor(scalar: .double(total), dtype: dtype)
    }

    /// `clip_grad_value_(parameters, clip_value)`: clamps every gradient into [-clip_value, clip_value] in place.
    public static func clipGradValue_(_ parameters: [Tensor], clipValue: Double) throws {
        try GradMode.withDisabled {
            for g in parameters.compactMap(\.grad) {
                try g.clamp_(min: .double(-clipValue), max: .double(clipValue))
            }
        }
    }

    /// `torch.linalg.vector_norm(x, ord)` over plain values: p-norms, ±inf (max/min of |x|) and 0 (count of non-zeros).
    public static func vectorNorm(_ values: [Double], _ p: Double) -> Double {
        if p == .infinity { return values.reduce(0) { max($0, abs($1)) } }
        if p == -.infinity { return values.isEmpty ? .infinity : values.reduce(.infinity) { min($0, abs($1)) } }
        if p == 0 { return Double(values.filter { $0 != 0 }.count) }
        if p == 1 { return values.reduce(0) { $0 + abs($1) } }
        if p == 2 { return values.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        return Foundation.pow(values.reduce(0) { $0 + Foundation.pow(abs($1), p) }, 1 / p)
    }
}
