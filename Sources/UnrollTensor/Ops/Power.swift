// pow in its three forms (tensor ** scalar, tensor ** tensor, scalar ** tensor) with PyTorch's dtypes and backward rules.
import Foundation

extension Tensor {
    /// Integer power by repeated squaring, wrapping on overflow as C++ does.
    static func integerPower(_ base: Int64, _ exponent: Int64) throws -> Int64 {
        if exponent < 0 { throw TensorError.runtime("Integers to negative integer powers are not allowed.") }
        var result: Int64 = 1, b = base, e = exponent
        while e > 0 {
            if e & 1 == 1 { result = result &* b }
            b = b &* b
            e >>= 1
        }
        return result
    }

    /// `x ** exponent` with a Python number (`PowBackward0`).
    public func pow(_ exponent: Scalar) throws -> Tensor {
        let wrapped = Tensor(scalar: exponent, wrapped: true)
        let compute = Tensor.resultType(self, wrapped)
        let e = exponent.doubleValue
        let out: Tensor
        switch compute {
        case .float32:
            let f = Float(e)
            let source = try to(.float32).detach()
            switch e {
            case 1: out = try Tensor.mapUnary(source, as: Float.self, into: Float.self) { $0 }  // x ** 2's backward
            case 2: out = try Tensor.mapUnary(source, as: Float.self, into: Float.self) { $0 * $0 }
            case 3: out = try Tensor.mapUnary(source, as: Float.self, into: Float.self) { $0 * $0 * $0 }
            case 0.5: out = try Tensor.mapUnary(source, as: Float.self, into: Float.self) { $0.squareRoot() }
            case -0.5: out = try Tensor.mapUnary(source, as: Float.self, into: Float.self) { 1 / $0.squareRoot() }
            case -1: out = try Tensor.mapUnary(source, as: Float.self, into: Float.self) { 1 / $0 }
            case -2: out = try Tensor.mapUnary(source, as: Float.self, into: Float.self) { 1 / ($0 * $0) }
            default: out = try Tensor.mapUnary(source, as: Float.self, into: Float.self) { Foundation.pow($0, f) }
            }
        case .float64:
            let source = try to(.float64).detach()
            out = try Tensor.mapUnary(source, as: Double.self, into: Double.self) { e == 2 ? $0 * $0 : e == 1 ? $0 : Foundation.pow($0, e) }
        case .int64, .bool:
            let k = exponent.int64Value
            let source = try to(.int64).detach()
            if k < 0 { throw TensorError.runtime("Integers to negative integer powers are not allowed.") }
            out = try Tensor.mapUnary(source, as: Int64.self, into: Int64.self) { (try? Tensor.integerPower($0, k)) ?? 0 }
        }
        let x = detach()
        let inputShape = shape
        return out.recordGrad("PowBackward0", inputs: [self]) { g in
            if e == 0 { return [try Tensor.zeros(inputShape, dtype: g.dtype)] }
            return [try g.mul(x.pow(.double(e - 1))).mul(Tensor.number(e))]
        }
    }

    /// Elementwise `x ** y` for two tensors, broadcasting (`PowBackward1`).
    public func pow(_ exponent: Tensor) throws -> Tensor {
        let out = try Tensor.arithmetic(self, exponent, floating32: { Foundation.pow($0, $1) },
                                        floating64: { Foundation.pow($0, $1) },
                                        integral: { try Tensor.integerPower($0, $1) }, opName: "pow")
        let (x, e, y) = (detach(), exponent.detach(), out.detach())
        let (needX, needE) = (requiresGrad, exponent.requiresGrad)
        return out.recordGrad("PowBackward1", inputs: [self, exponent]) { g in
            var gx: Tensor? = nil, ge: Tensor? = nil
            if needX {
                // Where the exponent is zero the derivative is zero, even at x = 0.
                let d = try g.mul(e).mul(x.pow(e.sub(Tensor.number(1))))
                gx = try d.mul(e.ne(Tensor.number(0)).to(d.dtype)).sumTo(x.shape)
            }
            if needE {
                let d = try g.mul(y).mul(x.log())
                let zeroBase = try x.eq(Tensor.number(0)).logicalAnd(e.ge(Tensor.number(0)))
                ge = try d.maskedZero(zeroBase).sumTo(e.shape)
            }
            return [gx, ge]
        }
    }

    /// `base ** x` for a Python number base (`torch.pow(2, x)`, `PowBackward2`).
    public static func pow(_ base: Scalar, _ exponent: Tensor) throws -> Tensor {
        let b = Tensor(scalar: base, wrapped: true)
        let out = try b.pow(exponent).detach()
        let y = out.detach()
        let logBase = Foundation.log(base.doubleValue)
        return out.recordGrad("PowBackward2", inputs: [exponent]) { g in
            if base.doubleValue == 0 {
                let d = try g.mul(y).mul(Tensor.number(logBase))
                return [try d.maskedZero(exponent.detach().ge(Tensor.number(0)))]
            }
            return [try g.mul(y).mul(Tensor.number(logBase))]
        }
    }

    /// `self` with zeros where the bool `mask` is true (broadcasting), NaN and inf included; float dtypes only.
    func maskedZero(_ mask: Tensor) throws -> Tensor {
        let shape = try Shape.broadcast(self.shape, mask.shape)
        let m = try mask.to(.bool)
        if dtype == .float64 {
            return try Tensor.mapBinary(self, try m.to(.float64), shape: shape, as: Double.self, into: Double.self) { v, z in z != 0 ? 0 : v }
        }
        let source = try to(.float32)
        return try Tensor.mapBinary(source, try m.to(.float32), shape: shape, as: Float.self, into: Float.self) { v, z in z != 0 ? 0 : v }
    }
}
