// In-place random fills (uniform_, normal_, random_, bernoulli_) drawing exactly as PyTorch's CPU kernels.

extension Tensor {
    /// `tensor.uniform_(from, to)`: U[from, to) in place. Float32 draws 24 bits per element, float64 53 bits,
    /// each `from + u * (to - from)` fused; a value that rounds up to `to` becomes `from`, as in PyTorch.
    @discardableResult
    public func uniform_(_ from: Double = 0, _ to: Double = 1, generator: Generator? = nil) throws -> Tensor {
        guard dtype.isFloatingPoint else {
            throw TensorError(.notImplemented, "\"check_uniform_bounds\" not implemented for '\(dtype.scalarTypeName)'")
        }
        let limit = dtype == .float32 ? Double(Float.greatestFiniteMagnitude) : Double.greatestFiniteMagnitude
        if !from.isFinite || from < -limit || from > limit {
            throw TensorError.runtime("from is out of bounds for \(dtype.cTypeName)")
        }
        if !to.isFinite || to < -limit || to > limit {
            throw TensorError.runtime("to is out of bounds for \(dtype.cTypeName)")
        }
        guard from <= to else {
            throw TensorError.runtime(
                "uniform_ expects to return a [from, to) range, but found from=\(CFormat.g(from)) > to=\(CFormat.g(to))")
        }
        guard to - from <= limit else {
            throw TensorError.runtime(
                "uniform_ expects to-from <= std::numeric_limits<\(dtype.scalarTypeName)>::max(), but found to=\(CFormat.g(to)) and from=\(CFormat.g(from)) which result in to-from to exceed the limit")
        }
        try prepareRandomFill()
        let gen = generator ?? Generator.default
        switch dtype {
        case .float32:
            let lo = Float(from), hi = Float(to), span = Float(to) - Float(from)
            let p = storage.pointer(Float.self)
            forEachFillPosition { i in
                let v = gen.uniformFloat(from: lo, span: span)
                p[i] = v == hi ? lo : v
            }
        default:
            let span = to - from
            let p = storage.pointer(Double.self)
            forEachFillPosition { i in
                let v = gen.uniformDouble(from: from, span: span)
                p[i] = v == to ? from : v
            }
        }
        finishRandomFill("UniformBackward0")
        return self
    }

    /// `tensor.normal_(mean, std)`. A contiguous tensor of 16 or more elements takes PyTorch's block path
    /// (all uniforms first, Box-Muller in blocks of 16, the last 16 redrawn when the size is not a multiple of 16);
    /// anything else draws one double normal at a time, sharing the generator's cached second sample.
    @discardableResult
    public func normal_(mean: Double = 0, std: Double = 1, generator: Generator? = nil) throws -> Tensor {
        guard std >= 0 else {
            throw TensorError.runtime("normal expects std >= 0.0, but found std \(CFormat.g(std))")
        }
        guard dtype.isFloatingPoint else {
            throw TensorError(.notImplemented, "\"normal_kernel_cpu\" not implemented for '\(dtype.scalarTypeName)'")
        }
        try prepareRandomFill()
        let gen = generator ?? Generator.default
        let n = numel
        if n >= 16 && isContiguous {
            if dtype == .float32 {
                Tensor.normalBlockFill(storage.pointer(Float.self) + offset, count: n, mean: Float(mean), std: Float(std), gen.unitFloat)
            } else {
                Tensor.normalBlockFill(storage.pointer(Double.self) + offset, count: n, mean: mean, std: std, gen.unitDouble)
            }
        } else if dtype == .float32 {
            let p = storage.pointer(Float.self)
            forEachFillPosition { p[$0] = Float(gen.normalDouble(mean: mean, std: std)) }
        } else {
            let p = storage.pointer(Double.self)
            forEachFillPosition { p[$0] = gen.normalDouble(mean: mean, std: std) }
        }
        finishRandomFill("NormalBackward0")
        return self
    }

    private static func normalBlockFill<T: BinaryFloatingPoint>(
        _ data: UnsafeMutablePointer<T>, count n: Int, mean: T, std: T, _ uniform: () -> T
    ) {
        for i in 0..<n { data[i] = uniform() }
        var i = 0
        while i + 16 <= n {
            normalFill16Generic(data + i, mean: mean, std: std)
            i += 16
        }
        if n % 16 != 0 {
            let tail = data + (n - 16)
            for j in 0..<16 { tail[j] = uniform() }
            normalFill16Generic(tail, mean: mean, std: std)
        }
    }

    @inline(__always)
    private static func normalFill16Generic<T: BinaryFloatingPoint>(_ data: UnsafeMutablePointer<T>, mean: T, std: T) {
        if T.self == Float.self {
            data.withMemoryRebound(to: Float.self, capacity: 16) { normalFill16($0, mean: Float(mean), std: Float(std)) }
        } else {
            data.withMemoryRebound(to: Double.self, capacity: 16) { normalFill16($0, mean: Double(mean), std: Double(std)) }
        }
    }

    /// `tensor.random_(from, to)`: integers uniform in [from, to), `(draw % range) + from` as PyTorch draws them.
    @discardableResult
    public func random_(_ from: Int64, _ to: Int64, generator: Generator? = nil) throws -> Tensor {
        guard from < to else {
            throw TensorError.runtime("random_ expects 'from' to be less than 'to', but got from=\(from) >= to=\(to)")
        }
        var low = from, high = to
        switch dtype {
        case .float32, .float64:
            let digits = dtype == .float32 ? 24 : 53
            low = Tensor.representableFrom(from, digits: digits, float: dtype == .float32)
            high = Tensor.representableTo(to, digits: digits, float: dtype == .float32)
            guard low < high else {
                throw TensorError.runtime(
                    "random_ expects 'from' casted to dtype to be less than 'to' casted to dtype, but got from=\(low) >= to=\(high)")
            }
        case .bool:
            if low < 0 { throw TensorError.runtime("from is out of bounds for bool") }
            if high - 1 > 1 { throw TensorError.runtime("to - 1 is out of bounds for bool") }
        case .int64:
            break
        }
        try prepareRandomFill()
        let gen = generator ?? Generator.default
        let range = UInt64(bitPattern: high) &- UInt64(bitPattern: low)
        switch dtype {
        case .int64:
            let p = storage.pointer(Int64.self)
            forEachFillPosition { p[$0] = gen.integer(range: range, base: low) }
        case .float32:
            let p = storage.pointer(Float.self)
            forEachFillPosition { p[$0] = Float(gen.integer(range: range, base: low)) }
        case .float64:
            let p = storage.pointer(Double.self)
            forEachFillPosition { p[$0] = Double(gen.integer(range: range, base: low)) }
        case .bool:
            let p = storage.pointer(Bool.self)
            forEachFillPosition { p[$0] = gen.integer(range: range, base: low) != 0 }
        }
        finishRandomFill("RandomBackward0")
        return self
    }

    /// PyTorch's `update_from`: raise `from` to a value the float dtype holds exactly.
    static func representableFrom(_ from: Int64, digits: Int, float: Bool) -> Int64 {
        let plusOne = from &+ 1
        let cast = float ? Int64(exactly: Float(plusOne).rounded()) : Int64(exactly: Double(plusOne).rounded())
        guard let fromPlusOne = cast, fromPlusOne < from else { return from }
        var magnitude = plusOne.magnitude, n = 0
        while magnitude > 1 { magnitude >>= 1; n += 1 }
        return fromPlusOne &+ (Int64(1) << (n - digits + 1))
    }

    /// PyTorch's `update_to`: lower `to` so that `to - 1` is exactly representable.
    static func representableTo(_ to: Int64, digits: Int, float: Bool) -> Int64 {
        let minusOne = to &- 1
        let cast = float ? Int64(exactly: Float(minusOne).rounded()) : Int64(exactly: Double(minusOne).rounded())
        guard let toMinusOne = cast, toMinusOne >= to else { return to }
        var magnitude = minusOne.magnitude, n = 0
        while magnitude > 1 { magnitude >>= 1; n += 1 }
        return toMinusOne &- (Int64(1) << (n - digits + 1))
    }

    /// `tensor.bernoulli_(p)` with a float p: each element is 1 when a 53-bit uniform is below p.
    /// This is PyTorch's portable kernel (AMD x86, ARM, builds without MKL); Intel CPUs with MKL use a different stream.
    @discardableResult
    public func bernoulli_(_ p: Double, generator: Generator? = nil) throws -> Tensor {
        guard p >= 0 && p <= 1 else {
            throw TensorError.runtime("bernoulli_ expects p to be in [0, 1], but got p=\(CFormat.g(p))")
        }
        try prepareRandomFill()
        let gen = generator ?? Generator.default
        fillBits { gen.unitDouble() < p }
        finishRandomFill("BernoulliBackward2")
        return self
    }

    /// `tensor.bernoulli_(p_tensor)`: p broadcast to this shape; float32 probabilities draw 24-bit uniforms,
    /// float64 ones 53-bit uniforms.
    @discardableResult
    public func bernoulli_(_ p: Tensor, generator: Generator? = nil) throws -> Tensor {
        guard p.dtype.isFloatingPoint else {
            throw TensorError(.notImplemented, "\"bernoulli_tensor_cpu_p_\" not implemented for '\(p.dtype.scalarTypeName)'")
        }
        let expanded = try p.expand(shape)
        try prepareRandomFill()
        let gen = generator ?? Generator.default
        // Walk self in fill order and p alongside, through the same permutation of dims.
        let order = fillOrder()
        var positions: [(Int, Int)] = []
        positions.reserveCapacity(numel)
        Strided.forEachPositionPair(
            shape: order.map { shape[$0] }, stridesA: order.map { strides[$0] }, offsetA: offset,
            stridesB: order.map { expanded.strides[$0] }, offsetB: expanded.offset
        ) { positions.append(($0, $1)) }
        // PyTorch checks each probability as it reaches it, so a bad one stops the fill part-way.
        var firstBad = positions.count
        var hits = [Bool](repeating: false, count: positions.count)
        if p.dtype == .float32 {
            let pp = expanded.storage.pointer(Float.self)
            for (k, (_, pPosition)) in positions.enumerated() {
                let prob = pp[pPosition]
                guard prob >= 0 && prob <= 1 else { firstBad = k; break }
                hits[k] = gen.unitFloat() < prob
            }
        } else {
            let pp = expanded.storage.pointer(Double.self)
            for (k, (_, pPosition)) in positions.enumerated() {
                let prob = pp[pPosition]
                guard prob >= 0 && prob <= 1 else { firstBad = k; break }
                hits[k] = gen.unitDouble() < prob
            }
        }
        for k in 0..<firstBad { setBit(positions[k].0, hits[k]) }
        storage.bumpVersion()
        if firstBad < positions.count {
            throw TensorError.runtime(
                "Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)")
        }
        finishRandomFill("BernoulliBackward1")
        return self
    }

    /// Writes `value()` (true as 1, false as 0) at every element in fill order, cast to this dtype.
    private func fillBits(_ value: () -> Bool) {
        switch dtype {
        case .float32:
            let q = storage.pointer(Float.self)
            forEachFillPosition { q[$0] = value() ? 1 : 0 }
        case .float64:
            let q = storage.pointer(Double.self)
            forEachFillPosition { q[$0] = value() ? 1 : 0 }
        case .int64:
            let q = storage.pointer(Int64.self)
            forEachFillPosition { q[$0] = value() ? 1 : 0 }
        case .bool:
            let q = storage.pointer(Bool.self)
            forEachFillPosition { q[$0] = value() }
        }
    }

    /// Writes one 0/1 value at a storage position.
    private func setBit(_ position: Int, _ bit: Bool) {
        switch dtype {
        case .float32: storage.pointer(Float.self)[position] = bit ? 1 : 0
        case .float64: storage.pointer(Double.self)[position] = bit ? 1 : 0
        case .int64: storage.pointer(Int64.self)[position] = bit ? 1 : 0
        case .bool: storage.pointer(Bool.self)[position] = bit
        }
    }
}
