// add, sub, mul, div with broadcasting, promotion and their local backward rules.

extension Tensor {
    /// `a + alpha * b` (`torch.add`).
    public func add(_ other: Tensor, alpha: Scalar = .int(1)) throws -> Tensor {
        let scale = alpha.doubleValue
        let out: Tensor
        if scale == 1 {
            out = try Tensor.arithmetic(self, other, floating32: { $0 + $1 }, floating64: { $0 + $1 },
                                        integral: { $0 &+ $1 }, boolean: { $0 || $1 }, opName: "add")
        } else {
            let f = Float(scale), k = alpha.int64Value
            out = try Tensor.arithmetic(self, other, floating32: { $0 + f * $1 }, floating64: { $0 + scale * $1 },
                                        integral: { $0 &+ k &* $1 }, opName: "add")
        }
        let (sa, sb) = (shape, other.shape)
        return out.recordGrad("AddBackward0", inputs: [self, other]) { g in
            [try g.sumTo(sa), try (scale == 1 ? g : g.mul(Tensor(scalar: .double(scale), wrapped: true))).sumTo(sb)]
        }
    }

    /// `a - alpha * b` (`torch.sub`); bool tensors are rejected as PyTorch does.
    public func sub(_ other: Tensor, alpha: Scalar = .int(1)) throws -> Tensor {
        if dtype == .bool && other.dtype == .bool {
            throw TensorError(.notImplemented,
                "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.")
        }
        if dtype == .bool || other.dtype == .bool {
            throw TensorError(.notImplemented,
                "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")
        }
        let scale = alpha.doubleValue
        let f = Float(scale), k = alpha.int64Value
        let out = try Tensor.arithmetic(self, other, floating32: { $0 - f * $1 }, floating64: { $0 - scale * $1 },
                                        integral: { $0 &- k &* $1 }, opName: "sub")
        let (sa, sb) = (shape, other.shape)
        return out.recordGrad("SubBackward0", inputs: [self, other]) { g in
            [try g.sumTo(sa), try g.mul(Tensor(scalar: .double(-scale), wrapped: true)).sumTo(sb)]
        }
    }

    /// Elementwise product (`torch.mul`).
    public func mul(_ other: Tensor) throws -> Tensor {
        let out = try Tensor.arithmetic(self, other, floating32: { $0 * $1 }, floating64: { $0 * $1 },
                                        integral: { $0 &* $1 }, boolean: { $0 && $1 }, opName: "mul")
        let (a, b) = (self.detach(), other.detach())
        let (needA, needB) = (requiresGrad, other.requiresGrad)
        return out.recordGrad("MulBackward0", inputs: [self, other]) { g in
            [needA ? try g.mul(b).sumTo(a.shape) : nil, needB ? try g.mul(a).sumTo(b.shape) : nil]
        }
    }

    /// True division (`torch.div`): integer inputs give the default float dtype.
    public func div(_ other: Tensor) throws -> Tensor {
        let out = try Tensor.arithmetic(self, other, forceFloat: true, floating32: { $0 / $1 }, floating64: { $0 / $1 },
                                        integral: nil, opName: "div")
        let (a, b) = (self.detach(), other.detach())
        let (needA, needB) = (requiresGrad, other.requiresGrad)
        return out.recordGrad("DivBackward0", inputs: [self, other]) { g in
            let ga = needA ? try g.div(b).sumTo(a.shape) : nil
            // d(a/b)/db = -a / b^2
            let gb = needB ? try g.mul(a).div(b.mul(b)).neg().sumTo(b.shape) : nil
            return [ga, gb]
        }
    }

    /// `-a` (`torch.neg`).
    public func neg() throws -> Tensor {
        if dtype == .bool {
            throw TensorError.runtime(
                "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")
        }
        let out: Tensor
        switch dtype {
        case .float32: out = try Tensor.mapUnary(self, as: Float.self, into: Float.self) { -$0 }
        case .float64: out = try Tensor.mapUnary(self, as: Double.self, into: Double.self) { -$0 }
        default: out = try Tensor.mapUnary(self, as: Int64.self, into: Int64.self) { 0 &- $0 }
        }
        return out.recordGrad("NegBackward0", inputs: [self]) { g in [try g.neg()] }
    }
}
