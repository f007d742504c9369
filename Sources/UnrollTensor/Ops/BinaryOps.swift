// Elementwise binary math beyond + - * /: maximum, minimum, remainder (Python's %) and floor_divide (//).
import Foundation

extension Tensor {
    /// `torch.maximum`: elementwise max, NaN propagating; ties share the gradient equally.
    public func maximum(_ other: Tensor) throws -> Tensor {
        let out = try Tensor.arithmetic(self, other, floating32: { $0.isNaN || $1.isNaN ? .nan : Swift.max($0, $1) },
                                        floating64: { $0.isNaN || $1.isNaN ? .nan : Swift.max($0, $1) },
                                        integral: { Swift.max($0, $1) }, boolean: { $0 || $1 }, opName: "maximum")
        return out.recordExtremumGrad("MaximumBackward0", self, other, selfWins: { try $0.gt($1) })
    }

    /// `torch.minimum`: elementwise min, NaN propagating; ties share the gradient equally.
    public func minimum(_ other: Tensor) throws -> Tensor {
        let out = try Tensor.arithmetic(self, other, floating32: { $0.isNaN || $1.isNaN ? .nan : Swift.min($0, $1) },
                                        floating64: { $0.isNaN || $1.isNaN ? .nan : Swift.min($0, $1) },
                                        integral: { Swift.min($0, $1) }, boolean: { $0 && $1 }, opName: "minimum")
        return out.recordExtremumGrad("MinimumBackward0", self, other, selfWins: { try $0.lt($1) })
    }

    private func recordExtremumGrad(
        _ name: String, _ a: Tensor, _ b: Tensor, selfWins: @escaping (Tensor, Tensor) throws -> Tensor
    ) -> Tensor {
        let (x, y) = (a.detach(), b.detach())
        return recordGrad(name, inputs: [a, b]) { g in
            let half = try g.mul(Tensor.number(0.5))
            let tie = try x.eq(y), aWins = try selfWins(x, y), bWins = try selfWins(y, x)
            let ga = try g.mul(aWins.to(g.dtype)).add(half.mul(tie.to(g.dtype)))
            let gb = try g.mul(bWins.to(g.dtype)).add(half.mul(tie.to(g.dtype)))
            return [try ga.sumTo(x.shape), try gb.sumTo(y.shape)]
        }
    }

    /// Python's modulo for floats: the result takes the divisor's sign.
    @inline(__always) static func pythonMod<T: FloatingPoint>(_ a: T, _ b: T, _ fmod: (T, T) -> T) -> T {
        var m = fmod(a, b)
        if m != 0 && ((b < 0) != (m < 0)) { m += b }
        return m
    }

    /// PyTorch's floor division for floats (`div_floor_floating`).
    @inline(__always) static func floorDiv<T: BinaryFloatingPoint>(_ a: T, _ b: T, _ fmod: (T, T) -> T) -> T {
        if b == 0 { return a / b }
        let m = fmod(a, b)
        var div = (a - m) / b
        if m != 0 && ((b < 0) != (m < 0)) { div -= 1 }
        if div != 0 {
            var floored = div.rounded(.down)
            if div - floored > 0.5 { floored += 1 }
            return floored
        }
        return T(signOf: a / b, magnitudeOf: 0)
    }

    static func integerFloorDiv(_ a: Int64, _ b: Int64) throws -> Int64 {
        if b == 0 { throw TensorError.runtime("ZeroDivisionError") }
        // Int64.min / -1 overflows; it wraps in C++, and must not trap here.
        let q = a.dividedReportingOverflow(by: b).partialValue
        let r = a.remainderReportingOverflow(dividingBy: b).partialValue
        return (r != 0 && ((r < 0) != (b < 0))) ? q &- 1 : q
    }

    /// `torch.remainder` / `%` with a tensor divisor (`RemainderBackward1`).
    public func remainder(_ other: Tensor) throws -> Tensor {
        let out = try remainderValues(other)
        let (x, y) = (detach(), other.detach())
        return out.recordGrad("RemainderBackward1", inputs: [self, other]) { g in
            [try g.sumTo(x.shape), try g.mul(x.floorDivide(y)).neg().sumTo(y.shape)]
        }
    }

    /// `x % number` (`RemainderBackward0`).
    public func remainder(_ value: Scalar) throws -> Tensor {
        let out = try remainderValues(Tensor(scalar: value, wrapped: true))
        return out.recordGrad("RemainderBackward0", inputs: [self]) { g in [g] }
    }

    private func remainderValues(_ other: Tensor) throws -> Tensor {
        if dtype == .bool && other.dtype == .bool {
            throw TensorError(.notImplemented, "\"remainder_cpu\" not implemented for 'Bool'")
        }
        return try Tensor.arithmetic(
            self, other,
            floating32: { Tensor.pythonMod($0, $1, { Foundation.fmod($0, $1) }) },
            floating64: { Tensor.pythonMod($0, $1, { Foundation.fmod($0, $1) }) },
            integral: { a, b in
                if b == 0 { throw TensorError.runtime("ZeroDivisionError") }
                let r = a.remainderReportingOverflow(dividingBy: b).partialValue
                return (r != 0 && ((r < 0) != (b < 0))) ? r &+ b : r
            }, opName: "remainder")
    }

    /// `torch.floor_divide` / `//`: rounds toward negative infinity; not differentiable.
    public func floorDivide(_ other: Tensor) throws -> Tensor {
        if dtype == .bool && other.dtype == .bool {
            throw TensorError(.notImplemented, "\"div_floor_cpu\" not implemented for 'Bool'")
        }
        let out = try Tensor.arithmetic(
            self, other,
            floating32: { Tensor.floorDiv($0, $1, { Foundation.fmod($0, $1) }) },
            floating64: { Tensor.floorDiv($0, $1, { Foundation.fmod($0, $1) }) },
            integral: { try Tensor.integerFloorDiv($0, $1) }, opName: "floor_divide")
        return out.recordGrad("NotImplemented", inputs: [self, other]) { _ in
            throw TensorError.runtime("derivative for aten::floor_divide is not implemented")
        }
    }
}
