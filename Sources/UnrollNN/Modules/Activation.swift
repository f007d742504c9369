// Elementwise activations with their backward rules, used by the activation modules until the tensor library provides them.
import Foundation
import UnrollTensor

enum Activation {
    /// Applies `f` elementwise to a float32 tensor (float64 goes through Double), returning a fresh tensor.
    static func map(_ x: Tensor, _ f: (Double) -> Double, _ ff: (Float) -> Float) throws -> Tensor {
        switch x.dtype {
        case .float32:
            let d = try denseFloat(x, role: "input")
            return try makeFloatTensor(x.shape) { p in
                let s = d.floatPointer
                for i in 0..<d.numel { p[i] = ff(s[i]) }
            }
        case .float64:
            return try Tensor(x.toArray(Double.self).map(f), shape: x.shape)
        default:
            throw TensorError.runtime("\"\(x.dtype.scalarTypeName)\" activation not implemented for integer tensors")
        }
    }

    static func tanh(_ x: Tensor) throws -> Tensor {
        let y = try map(x, Foundation.tanh, Tensor.fastTanh)
        let saved = y.detach()
        return y.recordGrad("TanhBackward0", inputs: [x]) { g in
            [try g.mul(try map(saved, { 1 - $0 * $0 }, { 1 - $0 * $0 }))]
        }
    }

    static func sigmoid(_ x: Tensor) throws -> Tensor {
        let y = try map(x, { 1 / (1 + exp(-$0)) }, Tensor.fastSigmoid)
        let saved = y.detach()
        return y.recordGrad("SigmoidBackward0", inputs: [x]) { g in
            [try g.mul(try map(saved, { $0 * (1 - $0) }, { $0 * (1 - $0) }))]
        }
    }

    static func relu(_ x: Tensor) throws -> Tensor {
        let y = try map(x, { max($0, 0) }, { max($0, 0) })
        let saved = y.detach()
        return y.recordGrad("ReluBackward0", inputs: [x]) { g in
            [try g.mul(try map(saved, { $0 > 0 ? 1 : 0 }, { $0 > 0 ? 1 : 0 }))]
        }
    }
}
