// Tensor factories that need no random numbers: full, zeros, ones, empty, arange, linspace, eye and the *_like forms.

extension Tensor {
    /// `torch.full(size, fill_value, dtype=...)`.
    public static func full(_ shape: [Int], _ value: Scalar, dtype: DType? = nil) throws -> Tensor {
        let target = dtype ?? (value.dtype == .float64 ? DType.defaultFloat : value.dtype)
        let out = try Tensor(zeros: shape, dtype: target)
        out.fillStorage(value)
        return out
    }

    public static func zeros(_ shape: [Int], dtype: DType = .defaultFloat) throws -> Tensor {
        try Tensor(zeros: shape, dtype: dtype)
    }

    public static func ones(_ shape: [Int], dtype: DType = .defaultFloat) throws -> Tensor {
        try full(shape, .int(1), dtype: dtype)
    }

    /// `torch.empty`: zero-filled here, which is a valid "uninitialised" content and keeps output deterministic.
    public static func empty(_ shape: [Int], dtype: DType = .defaultFloat) throws -> Tensor {
        try Tensor(zeros: shape, dtype: dtype)
    }

    public func zerosLike(dtype: DType? = nil) throws -> Tensor { try Tensor.zeros(shape, dtype: dtype ?? self.dtype) }
    public func onesLike(dtype: DType? = nil) throws -> Tensor { try Tensor.ones(shape, dtype: dtype ?? self.dtype) }
    public func fullLike(_ value: Scalar, dtype: DType? = nil) throws -> Tensor {
        try Tensor.full(shape, value, dtype: dtype ?? self.dtype)
    }

    /// Fills every storage element of a fresh contiguous tensor.
    func fillStorage(_ value: Scalar) {
        let n = storage.count
        switch dtype {
        case .float32: storage.pointer(Float.self).update(repeating: Float(value.doubleValue), count: n)
        case .float64: storage.pointer(Double.self).update(repeating: value.doubleValue, count: n)
        case .int64: storage.pointer(Int64.self).update(repeating: value.int64Value, count: n)
        case .bool: storage.pointer(Bool.self).update(repeating: value.doubleValue != 0, count: n)
        }
    }

    /// `torch.arange(start, end, step)`: int64 when all bounds are integers, else the default float dtype.
    public static func arange(_ start: Scalar, _ end: Scalar, _ step: Scalar = .int(1), dtype: DType? = nil) throws -> Tensor {
        let allInt = [start, end, step].allSatisfy { if case .double = $0 { return false } else { return true } }
        let target = dtype ?? (allInt ? .int64 : .defaultFloat)
        let s = step.doubleValue
        guard s != 0 else { throw TensorError.runtime("step must be nonzero") }
        let a = start.doubleValue, b = end.doubleValue
        guard (s > 0 && b >= a) || (s < 0 && b <= a) else {
            throw TensorError.runtime("upper bound and larger bound inconsistent with step sign")
        }
        let count: Int
        if allInt {
            let (lo, hi, st) = (start.int64Value, end.int64Value, step.int64Value)
            count = Int((hi - lo + st - (st > 0 ? 1 : -1)) / st)
        } else {
            count = Int(((b - a) / s).rounded(.up))
        }
        let out = try Tensor(zeros: [max(count, 0)], dtype: target)
        for i in 0..<max(count, 0) {
            if allInt {
                out.setElement(i, .int(start.int64Value + Int64(i) * step.int64Value))
            } else {
                out.setElement(i, .double(a + Double(i) * s))
            }
        }
        return out
    }

    /// `torch.linspace(start, end, steps)`, computed as PyTorch's CPU kernel does (from both ends).
    public static func linspace(_ start: Double, _ end: Double, steps: Int, dtype: DType = .defaultFloat) throws -> Tensor {
        guard steps >= 0 else { throw TensorError.runtime("number of steps must be non-negative") }
        let out = try Tensor(zeros: [steps], dtype: dtype)
        guard steps > 0 else { return out }
        if steps == 1 { out.setElement(0, .double(start)); return out }
        let step = (end - start) / Double(steps - 1)
        let half = steps / 2
        for i in 0..<steps {
            let v = i < half ? start + step * Double(i) : end - step * Double(steps - i - 1)
            out.setElement(i, .double(v))
        }
        return out
    }

    /// `torch.eye(n, m)`.
    public static func eye(_ n: Int, _ m: Int? = nil, dtype: DType = .defaultFloat) throws -> Tensor {
        let cols = m ?? n
        guard n >= 0 else { throw TensorError.runtime("n must be greater or equal to 0, got \(n)") }
        guard cols >= 0 else { throw TensorError.runtime("m must be greater or equal to 0, got \(cols)") }
        let out = try Tensor(zeros: [n, cols], dtype: dtype)
        for i in 0..<min(n, cols) { out.setElement(i * cols + i, .int(1)) }
        return out
    }
}
