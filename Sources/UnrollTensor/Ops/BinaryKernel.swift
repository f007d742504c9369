// The broadcasting elementwise engine every binary op runs on: promotion, output shape, typed strided loops.

extension Tensor {
    /// Applies `op` elementwise over the broadcast of `a` and `b`, both read as `T`, writing `R`.
    /// The contiguous same-shape case is a flat loop; other layouts walk both operands' strides.
    @inline(__always)
    static func mapBinary<T: TensorScalar, R: TensorScalar>(
        _ a: Tensor, _ b: Tensor, shape: [Int], as _: T.Type, into _: R.Type, _ op: (T, T) -> R
    ) throws -> Tensor {
        let out = try Tensor(uninitialized: shape, dtype: R.dtype)
        let pa = a.storage.pointer(T.self), pb = b.storage.pointer(T.self)
        let po = out.storage.pointer(R.self)
        let n = out.numel
        if a.shape == shape && b.shape == shape && a.isContiguous && b.isContiguous {
            let xa = pa + a.offset, xb = pb + b.offset
            for i in 0..<n { po[i] = op(xa[i], xb[i]) }
        } else if b.numel == 1 && a.shape == shape && a.isContiguous {
            let xa = pa + a.offset, sb = pb[b.offset]
            for i in 0..<n { po[i] = op(xa[i], sb) }
        } else {
            let sa = Shape.broadcastStrides(shape: a.shape, strides: a.strides, to: shape)
            let sb = Shape.broadcastStrides(shape: b.shape, strides: b.strides, to: shape)
            var i = 0
            Strided.forEachPositionPair(shape: shape, stridesA: sa, offsetA: a.offset, stridesB: sb, offsetB: b.offset) {
                po[i] = op(pa[$0], pb[$1])
                i += 1
            }
        }
        return out
    }

    /// Applies `op` elementwise to `a` read as `T`, writing `R`.
    @inline(__always)
    static func mapUnary<T: TensorScalar, R: TensorScalar>(
        _ a: Tensor, as _: T.Type, into _: R.Type, _ op: (T) -> R
    ) throws -> Tensor {
        let out = try Tensor(uninitialized: a.shape, dtype: R.dtype)
        let pa = a.storage.pointer(T.self)
        let po = out.storage.pointer(R.self)
        if a.isContiguous {
            let xa = pa + a.offset
            for i in 0..<out.numel { po[i] = op(xa[i]) }
        } else {
            var i = 0
            Strided.forEachPosition(shape: a.shape, strides: a.strides, offset: a.offset) {
                po[i] = op(pa[$0])
                i += 1
            }
        }
        return out
    }

    /// `torch.result_type(a, b)` for two tensors, honouring zero-dim tensors and wrapped numbers.
    static func resultType(_ a: Tensor, _ b: Tensor) -> DType {
        DType.resultType([(a.dtype, a.promotionKind), (b.dtype, b.promotionKind)])
    }

    var promotionKind: PromotionKind {
        if isWrappedNumber { return .wrappedNumber }
        return shape.isEmpty ? .zeroDim : .dimensioned
    }

    /// A binary arithmetic op whose result has the promoted dtype; `floating`/`integral` are its kernels.
    /// Inlined so each op's closures specialise into a tight loop instead of a call per element.
    @inline(__always)
    static func arithmetic(
        _ a: Tensor, _ b: Tensor, forceFloat: Bool = false,
        floating32: (Float, Float) -> Float, floating64: (Double, Double) -> Double,
        integral: ((Int64, Int64) throws -> Int64)?, boolean: ((Bool, Bool) -> Bool)? = nil, opName: String
    ) throws -> Tensor {
        let shape = try Shape.broadcast(a.shape, b.shape)
        var compute = resultType(a, b)
        if forceFloat && !compute.isFloatingPoint { compute = .defaultFloat }
        let ca = try a.to(compute).detach(), cb = try b.to(compute).detach()
        switch compute {
        case .float32: return try mapBinary(ca, cb, shape: shape, as: Float.self, into: Float.self, floating32)
        case .float64: return try mapBinary(ca, cb, shape: shape, as: Double.self, into: Double.self, floating64)
        case .int64, .bool:
            if compute == .bool, let boolean {
                return try mapBinary(ca, cb, shape: shape, as: Bool.self, into: Bool.self, boolean)
            }
            guard let integral else {
                throw TensorError.runtime("\"\(opName)\" not implemented for '\(compute.scalarTypeName)'")
            }
            let ia = try ca.to(.int64), ib = try cb.to(.int64)
            var failure: Error?
            let out = try mapBinary(ia, ib, shape: shape, as: Int64.self, into: Int64.self) { x, y in
                do { return try integral(x, y) } catch { failure = error; return 0 }
            }
            if let failure { throw failure }
            return compute == .bool ? try out.to(.bool) : out
        }
    }

    /// A comparison: operands promoted to their common dtype, result bool.
    static func comparison(
        _ a: Tensor, _ b: Tensor, _ op: @escaping (Double, Double) -> Bool, int: @escaping (Int64, Int64) -> Bool
    ) throws -> Tensor {
        let shape = try Shape.broadcast(a.shape, b.shape)
        let compute = resultType(a, b)
        let ca = try a.to(compute).detach(), cb = try b.to(compute).detach()
        switch compute {
        case .float32: return try mapBinary(ca, cb, shape: shape, as: Float.self, into: Bool.self) { op(Double($0), Double($1)) }
        case .float64: return try mapBinary(ca, cb, shape: shape, as: Double.self, into: Bool.self, op)
        case .int64: return try mapBinary(ca, cb, shape: shape, as: Int64.self, into: Bool.self, int)
        case .bool:
            return try mapBinary(ca, cb, shape: shape, as: Bool.self, into: Bool.self) { int($0 ? 1 : 0, $1 ? 1 : 0) }
        }
    }
}
