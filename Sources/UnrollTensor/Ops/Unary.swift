// Unary math (exp, log, tanh, sigmoid, relu, sin, cos, sqrt, rsqrt, abs) with PyTorch's dtypes and backward rules.
import Foundation

extension Tensor {
    /// Runs a floating-point kernel; integer and bool inputs are promoted to the default float dtype first.
    @inline(__always)
    func floatingUnary(_ f32: (Float) -> Float, _ f64: (Double) -> Double) throws -> Tensor {
        let source = dtype.isFloatingPoint ? self : try to(.defaultFloat).detach()
        if source.dtype == .float64 {
            return try Tensor.mapUnary(source, as: Double.self, into: Double.self, f64)
        }
        return try Tensor.mapUnary(source, as: Float.self, into: Float.self, f32)
    }

    /// A wrapped Python number of this tensor's float kind, for use inside backward formulas.
    static func number(_ value: Double) -> Tensor { Tensor(scalar: .double(value), wrapped: true) }

    /// `exp()`.
    public func exp() throws -> Tensor {
        let out = try floatingUnary({ Foundation.exp($0) }, { Foundation.exp($0) })
        let result = out.detach()
        return out.recordGrad("ExpBackward0", inputs: [self]) { g in [try g.mul(result)] }
    }

    /// `log()` (natural logarithm).
    public func log() throws -> Tensor {
        let out = try floatingUnary({ Foundation.log($0) }, { Foundation.log($0) })
        let x = detach()
        return out.recordGrad("LogBackward0", inputs: [self]) { g in [try g.div(x)] }
    }

    /// `tanh()`.
    public func tanh() throws -> Tensor {
        let out = try floatingUnary({ Tensor.fastTanh($0) }, { Foundation.tanh($0) })
        let y = out.detach()
        return out.recordGrad("TanhBackward0", inputs: [self]) { g in
            [try g.mul(Tensor.number(1).sub(y.mul(y)))]
        }
    }

    /// `sigmoid()`, computed as 1 / (1 + exp(-x)).
    public func sigmoid() throws -> Tensor {
        let out = try floatingUnary({ Tensor.fastSigmoid($0) }, { 1 / (1 + Foundation.exp(-$0)) })
        let y = out.detach()
        return out.recordGrad("SigmoidBackward0", inputs: [self]) { g in
            [try g.mul(y.mul(Tensor.number(1).sub(y)))]
        }
    }

    /// `relu()`: max(x, 0), keeping integer dtypes.
    public func relu() throws -> Tensor {
        let out: Tensor
        switch dtype {
        case .float32: out = try Tensor.mapUnary(self, as: Float.self, into: Float.self) { $0 > 0 || $0.isNaN ? $0 : 0 }
        case .float64: out = try Tensor.mapUnary(self, as: Double.self, into: Double.self) { $0 > 0 || $0.isNaN ? $0 : 0 }
        case .int64: out = try Tensor.mapUnary(self, as: Int64.self, into: Int64.self) { Swift.max($0, 0) }
        case .bool: throw TensorError(.notImplemented, "Boolean inputs not supported for relu")
        }
        let y = out.detach()
        return out.recordGrad("ReluBackward0", inputs: [self]) { g in
            [try g.mul(y.gt(Tensor.number(0)).to(g.dtype))]
        }
    }

    /// `sin()`.
    public func sin() throws -> Tensor {
        let out = try floatingUnary({ Foundation.sin($0) }, { Foundation.sin($0) })
        let x = detach()
        return out.recordGrad("SinBackward0", inputs: [self]) { g in [try g.mul(x.cos())] }
    }

    /// `cos()`.
    public func cos() throws -> Tensor {
        let out = try floatingUnary({ Foundation.cos($0) }, { Foundation.cos($0) })
        let x = detach()
        return out.recordGrad("CosBackward0", inputs: [self]) { g in [try g.mul(x.sin()).neg()] }
    }

    /// `sqrt()`.
    public func sqrt() throws -> Tensor {
        let out = try floatingUnary({ $0.squareRoot() }, { $0.squareRoot() })
        let y = out.detach()
        return out.recordGrad("SqrtBackward0", inputs: [self]) { g in [try g.div(y.mul(Tensor.number(2)))] }
    }

    /// `rsqrt()`: 1 / sqrt(x).
    public func rsqrt() throws -> Tensor {
        let out = try floatingUnary({ 1 / $0.squareRoot() }, { 1 / $0.squareRoot() })
        let y = out.detach()
        return out.recordGrad("RsqrtBackward0", inputs: [self]) { g in
            [try g.mul(y.mul(y).mul(y)).mul(Tensor.number(-0.5))]
        }
    }

    /// `abs()`, keeping integer dtypes.
    public func abs() throws -> Tensor {
        let out: Tensor
        switch dtype {
        case .float32: out = try Tensor.mapUnary(self, as: Float.self, into: Float.self) { Swift.abs($0) }
        case .float64: out = try Tensor.mapUnary(self, as: Double.self, into: Double.self) { Swift.abs($0) }
        case .int64: out = try Tensor.mapUnary(self, as: Int64.self, into: Int64.self) { $0 == .min ? $0 : Swift.abs($0) }
        case .bool: throw TensorError(.notImplemented, "\"abs_cpu\" not implemented for 'Bool'")
        }
        let x = detach()
        return out.recordGrad("AbsBackward0", inputs: [self]) { g in [try g.mul(x.sign())] }
    }

    /// `sign()`: -1, 0 or 1 (not differentiable: its gradient is zero).
    public func sign() throws -> Tensor {
        let out: Tensor
        switch dtype {
        case .float32: out = try Tensor.mapUnary(self, as: Float.self, into: Float.self) { $0 > 0 ? 1 : ($0 < 0 ? -1 : ($0.isNaN ? $0 : 0)) }
        case .float64: out = try Tensor.mapUnary(self, as: Double.self, into: Double.self) { $0 > 0 ? 1 : ($0 < 0 ? -1 : ($0.isNaN ? $0 : 0)) }
        case .int64: out = try Tensor.mapUnary(self, as: Int64.self, into: Int64.self) { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }
        case .bool: out = try clone().detach()
        }
        let inputShape = shape
        return out.recordGrad("SignBackward0", inputs: [self]) { g in [try Tensor.zeros(inputShape, dtype: g.dtype)] }
    }

    /// `square()`: `x ** 2`, recorded as PyTorch records it (`PowBackward0`).
    public func square() throws -> Tensor { try pow(.int(2)) }
}
