// Comparisons (eq, ne, lt, le, gt, ge) and logical ops: broadcasting, promoted compare, bool results, no gradient.

extension Tensor {
    /// `==` elementwise (`torch.eq`).
    public func eq(_ other: Tensor) throws -> Tensor { try Tensor.comparison(self, other, { $0 == $1 }, int: { $0 == $1 }) }
    /// `!=` elementwise (`torch.ne`); NaN differs from everything.
    public func ne(_ other: Tensor) throws -> Tensor { try Tensor.comparison(self, other, { $0 != $1 }, int: { $0 != $1 }) }
    /// `<` elementwise (`torch.lt`).
    public func lt(_ other: Tensor) throws -> Tensor { try Tensor.comparison(self, other, { $0 < $1 }, int: { $0 < $1 }) }
    /// `<=` elementwise (`torch.le`).
    public func le(_ other: Tensor) throws -> Tensor { try Tensor.comparison(self, other, { $0 <= $1 }, int: { $0 <= $1 }) }
    /// `>` elementwise (`torch.gt`).
    public func gt(_ other: Tensor) throws -> Tensor { try Tensor.comparison(self, other, { $0 > $1 }, int: { $0 > $1 }) }
    /// `>=` elementwise (`torch.ge`).
    public func ge(_ other: Tensor) throws -> Tensor { try Tensor.comparison(self, other, { $0 >= $1 }, int: { $0 >= $1 }) }

    /// Scalar forms: `x == 0.5` and friends compare against a wrapped Python number.
    public func eq(_ value: Scalar) throws -> Tensor { try eq(Tensor(scalar: value, wrapped: true)) }
    public func ne(_ value: Scalar) throws -> Tensor { try ne(Tensor(scalar: value, wrapped: true)) }
    public func lt(_ value: Scalar) throws -> Tensor { try lt(Tensor(scalar: value, wrapped: true)) }
    public func le(_ value: Scalar) throws -> Tensor { try le(Tensor(scalar: value, wrapped: true)) }
    public func gt(_ value: Scalar) throws -> Tensor { try gt(Tensor(scalar: value, wrapped: true)) }
    public func ge(_ value: Scalar) throws -> Tensor { try ge(Tensor(scalar: value, wrapped: true)) }

    /// `torch.equal`: same shape and same values (after promotion).
    public func equal(_ other: Tensor) throws -> Bool {
        guard shape == other.shape else { return false }
        return try eq(other).toArray(Bool.self).allSatisfy { $0 }
    }

    /// Truthiness of every element as a bool tensor (nonzero is true, NaN is true).
    func truthValues() throws -> Tensor {
        switch dtype {
        case .bool: return detach()
        case .float32: return try Tensor.mapUnary(self, as: Float.self, into: Bool.self) { $0 != 0 }
        case .float64: return try Tensor.mapUnary(self, as: Double.self, into: Bool.self) { $0 != 0 }
        case .int64: return try Tensor.mapUnary(self, as: Int64.self, into: Bool.self) { $0 != 0 }
        }
    }

    private func logical(_ other: Tensor, _ op: (Bool, Bool) -> Bool) throws -> Tensor {
        let shape = try Shape.broadcast(self.shape, other.shape)
        return try Tensor.mapBinary(try truthValues(), try other.truthValues(), shape: shape, as: Bool.self, into: Bool.self, op)
    }

    /// `torch.logical_and`.
    public func logicalAnd(_ other: Tensor) throws -> Tensor { try logical(other) { $0 && $1 } }
    /// `torch.logical_or`.
    public func logicalOr(_ other: Tensor) throws -> Tensor { try logical(other) { $0 || $1 } }
    /// `torch.logical_xor`.
    public func logicalXor(_ other: Tensor) throws -> Tensor { try logical(other) { $0 != $1 } }
    /// `torch.logical_not`.
    public func logicalNot() throws -> Tensor {
        try Tensor.mapUnary(try truthValues(), as: Bool.self, into: Bool.self) { !$0 }
    }
}
