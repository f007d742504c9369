// clamp / clamp(min=, max=) with Python-number bounds (ClampBackward1) and tensor bounds (ClampBackward0).

extension Tensor {
    /// `clamp(min, max)` with number bounds; the result dtype follows promotion with the bounds.
    public func clamp(min lower: Scalar? = nil, max upper: Scalar? = nil) throws -> Tensor {
        guard lower != nil || upper != nil else {
            throw TensorError.runtime("torch.clamp: At least one of 'min' or 'max' must not be None")
        }
        var operands: [(DType, PromotionKind)] = [(dtype, promotionKind)]
        if let lower { operands.append((lower.dtype, .wrappedNumber)) }
        if let upper { operands.append((upper.dtype, .wrappedNumber)) }
        let compute = DType.resultType(operands)
        let source = try to(compute).detach()
        let out: Tensor
        switch compute {
        case .float32:
            let lo = lower.map { Float($0.doubleValue) }, hi = upper.map { Float($0.doubleValue) }
            out = try Tensor.mapUnary(source, as: Float.self, into: Float.self) { Tensor.clampValue($0, lo, hi) }
        case .float64:
            let lo = lower?.doubleValue, hi = upper?.doubleValue
            out = try Tensor.mapUnary(source, as: Double.self, into: Double.self) { Tensor.clampValue($0, lo, hi) }
        case .int64:
            let lo = lower?.int64Value, hi = upper?.int64Value
            out = try Tensor.mapUnary(source, as: Int64.self, into: Int64.self) { v in
                var r = v
                if let lo { r = Swift.max(r, lo) }
                if let hi { r = Swift.min(r, hi) }
                return r
            }
        case .bool:
            let lo = lower.map { $0.doubleValue != 0 }, hi = upper.map { $0.doubleValue != 0 }
            out = try Tensor.mapUnary(source, as: Bool.self, into: Bool.self) { v in
                var r = v
                if let lo { r = r || lo }
                if let hi { r = r && hi }
                return r
            }
        }
        let x = detach()
        return out.recordGrad("ClampBackward1", inputs: [self]) { g in
            var keep = try Tensor.full(x.shape, .bool(true), dtype: .bool)
            if let lower { keep = try keep.logicalAnd(x.ge(lower)) }
            if let upper { keep = try keep.logicalAnd(x.le(upper)) }
            return [try g.mul(keep.to(g.dtype))]
        }
    }

    @inline(__always) static func clampValue<T: FloatingPoint>(_ v: T, _ lo: T?, _ hi: T?) -> T {
        if v.isNaN { return v }
        var r = v
        if let lo { r = lo.isNaN ? lo : Swift.max(r, lo) }
        if let hi { r = hi.isNaN ? hi : Swift.min(r, hi) }
        return r
    }

    /// `clamp(min=tensor, max=tensor)`, broadcasting (`ClampBackward0`).
    public func clamp(min lower: Tensor?, max upper: Tensor?) throws -> Tensor {
        guard lower != nil || upper != nil else {
            throw TensorError.runtime("torch.clamp: At least one of 'min' or 'max' must not be None")
        }
        let out = try GradMode.withDisabled { () throws -> Tensor in
            var r = detach()
            if let lower { r = try r.maximumKeepingNaN(lower) }
            if let upper { r = try r.minimumKeepingNaN(upper) }
            return r
        }
        let x = detach(), lo = lower?.detach(), hi = upper?.detach()
        var inputs = [self]
        if let lower { inputs.append(lower) }
        if let upper { inputs.append(upper) }
        return out.recordGrad("ClampBackward0", inputs: inputs) { g in
            var keep = try Tensor.full(x.shape, .bool(true), dtype: .bool)
            if let lo { keep = try keep.logicalAnd(x.ge(lo)) }
            if let hi { keep = try keep.logicalAnd(x.le(hi)) }
            var grads: [Tensor?] = [try g.mul(keep.to(g.dtype)).sumTo(x.shape)]
            if let lo { grads.append(try g.mul(x.lt(lo).to(g.dtype)).sumTo(lo.shape)) }
            if let hi { grads.append(try g.mul(x.gt(hi).to(g.dtype)).sumTo(hi.shape)) }
            return grads
        }
    }

    /// max(self, bound) where a NaN in self stays NaN (clamp semantics).
    private func maximumKeepingNaN(_ bound: Tensor) throws -> Tensor {
        try Tensor.arithmetic(self, bound, floating32: { $0.isNaN ? $0 : ($1.isNaN ? $1 : Swift.max($0, $1)) },
                              floating64: { $0.isNaN ? $0 : ($1.isNaN ? $1 : Swift.max($0, $1)) },
                              integral: { Swift.max($0, $1) }, boolean: { $0 || $1 }, opName: "clamp")
    }

    private func minimumKeepingNaN(_ bound: Tensor) throws -> Tensor {
        try Tensor.arithmetic(self, bound, floating32: { $0.isNaN ? $0 : ($1.isNaN ? $1 : Swift.min($0, $1)) },
                              floating64: { $0.isNaN ? $0 : ($1.isNaN ? $1 : Swift.min($0, $1)) },
                              integral: { Swift.min($0, $1) }, boolean: { $0 && $1 }, opName: "clamp")
    }
}
