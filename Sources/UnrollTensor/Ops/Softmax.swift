// softmax and log_softmax along one dimension (max-shifted, as ATen computes them) with their backward rules.
import Foundation

extension Tensor {
    /// `softmax(dim)`: exp(x - max) / sum(exp(x - max)) along `dim` (`SoftmaxBackward0`).
    public func softmax(dim: Int) throws -> Tensor {
        let (out, d) = try softmaxForward(dim: dim, log: false, name: "softmax")
        let y = out.detach()
        return out.recordGrad("SoftmaxBackward0", inputs: [self]) { g in
            // dx = y * (g - sum(g * y, dim))
            let gy = try g.mul(y)
            return [try gy.sub(y.mul(gy.sum(dims: [d], keepdim: true)))]
        }
    }

    /// `log_softmax(dim)`: x - max - log(sum(exp(x - max))) along `dim` (`LogSoftmaxBackward0`).
    public func logSoftmax(dim: Int) throws -> Tensor {
        let (out, d) = try softmaxForward(dim: dim, log: true, name: "log_softmax")
        let y = out.detach()
        return out.recordGrad("LogSoftmaxBackward0", inputs: [self]) { g in
            // dx = g - exp(y) * sum(g, dim)
            [try g.sub(y.exp().mul(g.sum(dims: [d], keepdim: true)))]
        }
    }

    /// PyTorch's `_get_softmax_dim` for `F.softmax(x)` called without `dim` (0 for 0-, 1- and 3-D input, else 1).
    public static func implicitSoftmaxDim(rank: Int) -> Int { rank == 0 || rank == 1 || rank == 3 ? 0 : 1 }

    private func softmaxForward(dim: Int, log: Bool, name: String) throws -> (Tensor, Int) {
        let d = try Shape.wrapDim(dim, rank: self.dim)
        let kernel = log ? "log_softmax_lastdim_kernel_impl" : "softmax_lastdim_kernel_impl"
        guard dtype.isFloatingPoint else {
            throw TensorError(.notImplemented, "\"\(kernel)\" not implemented for '\(dtype.scalarTypeName)'")
        }
        let source = try GradMode.withDisabled { try detach().contiguous() }
        let out = try Tensor(zeros: shape, dtype: dtype)
        // A 0-d tensor is one row of one element.
        let length = self.dim == 0 ? 1 : shape[d]
        let inner = self.dim == 0 ? 1 : shape[(d + 1)...].reduce(1, *)
        let outer = self.dim == 0 ? 1 : shape[..<d].reduce(1, *)
        if dtype == .float64 {
            Tensor.softmaxRows(source.storage.pointer(Double.self) + source.offset, out.storage.pointer(Double.self),
                               outer: outer, length: length, inner: inner, log: log, exp: { Foundation.exp($0) }, ln: { Foundation.log($0) })
        } else {
            Tensor.softmaxRows(source.storage.pointer(Float.self) + source.offset, out.storage.pointer(Float.self),
                               outer: outer, length: length, inner: inner, log: log, exp: { Foundation.exp($0) }, ln: { Foundation.log($0) })
        }
        return (out, self.dim == 0 ? 0 : d)
    }

    @inline(__always)
    private static func softmaxRows<T: BinaryFloatingPoint>(
        _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, outer: Int, length: Int, inner: Int, log: Bool,
        exp: (T) -> T, ln: (T) -> T
    ) {
        guard length > 0 else { return }
        for o in 0..<outer {
            for i in 0..<inner {
                let base = o * length * inner + i
                var maxValue = -T.infinity
                for k in 0..<length {
                    let v = x[base + k * inner]
                    if v > maxValue || v.isNaN { maxValue = v }
                }
                var total: T = 0
                for k in 0..<length { total += exp(x[base + k * inner] - maxValue) }
                // ATen's rounding order: (x - max) - log(sum); along the last dim it multiplies by 1/sum, elsewhere divides.
                if log {
                    let logTotal = ln(total)
                    for k in 0..<length { y[base + k * inner] = (x[base + k * inner] - maxValue) - logTotal }
                } else if inner == 1 {
                    let reciprocal = 1 / total
                    for k in 0..<length { y[base + k] = exp(x[base + k] - maxValue) * reciprocal }
                } else {
                    for k in 0..<length { y[base + k * inner] = exp(x[base + k * inner] - maxValue) / total }
                }
            }
        }
    }
}
