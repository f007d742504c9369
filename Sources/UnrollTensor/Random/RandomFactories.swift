// Random tensor factories (rand, randn, randint, randperm, normal, bernoulli, *_like) and the dropout noise.

extension Tensor {
    /// `torch.rand(*size, dtype=, generator=)`: U[0, 1).
    public static func rand(_ shape: [Int], dtype: DType = .defaultFloat, generator: Generator? = nil) throws -> Tensor {
        try Tensor(zeros: shape, dtype: dtype).uniform_(0, 1, generator: generator)
    }

    /// `torch.randn(*size, dtype=, generator=)`: standard normal.
    public static func randn(_ shape: [Int], dtype: DType = .defaultFloat, generator: Generator? = nil) throws -> Tensor {
        try Tensor(zeros: shape, dtype: dtype).normal_(mean: 0, std: 1, generator: generator)
    }

    /// `torch.normal(mean, std, size)` with float mean and std.
    public static func normal(
        mean: Double, std: Double, _ shape: [Int], dtype: DType = .defaultFloat, generator: Generator? = nil
    ) throws -> Tensor {
        try Tensor(zeros: shape, dtype: dtype).normal_(mean: mean, std: std, generator: generator)
    }

    /// `torch.randint(low, high, size)`: integers in [low, high), int64 unless `dtype` says otherwise.
    public static func randint(
        low: Int64 = 0, high: Int64, _ shape: [Int], dtype: DType = .int64, generator: Generator? = nil
    ) throws -> Tensor {
        try Tensor(zeros: shape, dtype: dtype).random_(low, high, generator: generator)
    }

    /// `torch.randperm(n)`: a random permutation of 0..<n, drawn as PyTorch's CPU kernel does
    /// (a swap walk on 32-bit draws below 2^32/20, an inside-out Fisher-Yates on 64-bit draws above).
    public static func randperm(_ n: Int, dtype: DType = .int64, generator: Generator? = nil) throws -> Tensor {
        // PyTorch allocates the result first, so a negative n fails as a negative dimension.
        let count = try Shape.checkedNumel([n])
        switch dtype {
        case .float32 where n > (1 << 24) + 1:
            throw TensorError.runtime("n cannot be greater than 2^24+1 for Float type.")
        case .float64 where n > (1 << 53) + 1:
            throw TensorError.runtime("n cannot be greater than 2^53+1 for Double type.")
        case .bool:
            throw TensorError(.notImplemented, "\"randperm\" not implemented for 'Bool'")
        default:
            break
        }
        let gen = generator ?? Generator.default
        let out = try Tensor(zeros: [count], dtype: .int64)
        let perm = out.storage.pointer(Int64.self)
        if n < Int(UInt32.max / 20) {
            for i in 0..<count { perm[i] = Int64(i) }
            var i = 0
            while i < count - 1 {
                let z = Int(Int64(gen.random()) % Int64(count - i))
                let saved = perm[i]
                perm[i] = perm[z + i]
                perm[z + i] = saved
                i += 1
            }
        } else {
            for i in 0..<count {
                let z = Int(gen.random64() % UInt64(i + 1))
                perm[i] = perm[z]
                perm[z] = Int64(i)
            }
        }
        return dtype == .int64 ? out : try out.to(dtype)
    }

    /// `torch.bernoulli(p)`: a tensor like `p` with 1 where a uniform draw falls below each probability.
    public static func bernoulli(_ p: Tensor, generator: Generator? = nil) throws -> Tensor {
        let out = try Tensor(zeros: p.shape, dtype: p.dtype)
        // `out` is fresh and needs no grad, so the in-place fill records nothing.
        try out.bernoulli_(p, generator: generator)
        let zeroShape = p.shape, zeroType = p.dtype
        return out.recordGrad("BernoulliBackward0", inputs: [p]) { _ in [try Tensor.zeros(zeroShape, dtype: zeroType)] }
    }

    /// `torch.bernoulli(input, p)`: a tensor shaped like `input` with each element 1 with probability `p`.
    public static func bernoulli(_ input: Tensor, p: Double, generator: Generator? = nil) throws -> Tensor {
        let out = try Tensor(zeros: input.shape, dtype: input.dtype)
        return try out.bernoulli_(p, generator: generator)
    }

    /// `torch.rand_like(t)`: like PyTorch, a transposed or permuted `t` gives a result with its layout,
    /// filled in memory order.
    public func randLike(dtype: DType? = nil, generator: Generator? = nil) throws -> Tensor {
        try emptyLikePreservingLayout(dtype: dtype ?? self.dtype).uniform_(0, 1, generator: generator)
    }

    /// `torch.randn_like(t)`, with `rand_like`'s layout rule.
    public func randnLike(dtype: DType? = nil, generator: Generator? = nil) throws -> Tensor {
        try emptyLikePreservingLayout(dtype: dtype ?? self.dtype).normal_(mean: 0, std: 1, generator: generator)
    }

    /// `torch.randint_like(t, low, high)`, with `rand_like`'s layout rule.
    public func randintLike(low: Int64 = 0, high: Int64, dtype: DType? = nil, generator: Generator? = nil) throws -> Tensor {
        try emptyLikePreservingLayout(dtype: dtype ?? self.dtype).random_(low, high, generator: generator)
    }

    /// The keep mask of `F.dropout(x, p)` on CPU: `empty_like(x).bernoulli_(1 - p)`, so 1 keeps an element
    /// and 0 drops it. Consumes exactly the draws PyTorch's dropout does (one 64-bit draw per element), in
    /// x's memory order when x is a transposed or permuted dense tensor.
    public func bernoulliMask(keepProbability: Double, generator: Generator? = nil) throws -> Tensor {
        let mask = try emptyLikePreservingLayout(dtype: dtype.isFloatingPoint ? dtype : .defaultFloat)
        return try mask.bernoulli_(keepProbability, generator: generator)
    }

    /// The noise `F.dropout(x, p, training=True)` multiplies by: the keep mask divided by `1 - p`
    /// (0 or `1 / (1 - p)` in x's dtype). Multiply `x` by it with `mul` to get PyTorch's result and `MulBackward0`.
    public func dropoutNoise(p: Double, generator: Generator? = nil) throws -> Tensor {
        guard p >= 0 && p <= 1 else {
            throw TensorError.value("dropout probability has to be between 0 and 1, but got \(p)")
        }
        let noise = try bernoulliMask(keepProbability: 1 - p, generator: generator)
        let scale = 1 - p
        switch noise.dtype {
        case .float32:
            let q = noise.storage.pointer(Float.self), s = Float(scale)
            for i in 0..<noise.numel { q[i] = q[i] / s }
        default:
            let q = noise.storage.pointer(Double.self)
            for i in 0..<noise.numel { q[i] = q[i] / scale }
        }
        return noise
    }

    /// `F.dropout(x, p, training)` as PyTorch computes it on CPU: x unchanged when not training, when p is 0
    /// or x is empty; `x * 0` when p is 1; otherwise `x * dropoutNoise(p)`.
    public func dropout(p: Double, training: Bool = true, generator: Generator? = nil) throws -> Tensor {
        guard p >= 0 && p <= 1 else {
            throw TensorError.value("dropout probability has to be between 0 and 1, but got \(p)")
        }
        if p == 0 || !training || numel == 0 { return self }
        if p == 1 { return try mul(Tensor(scalar: .int(0), dtype: dtype)) }
        return try mul(dropoutNoise(p: p, generator: generator))
    }
}
