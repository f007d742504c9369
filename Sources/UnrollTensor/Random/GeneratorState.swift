// torch.get_rng_state()/set_rng_state(): the generator state as PyTorch's 5056-byte CPUGeneratorImplState layout.

extension Generator {
    /// Size in bytes of PyTorch's `CPUGeneratorImplState` on 64-bit platforms.
    public static let stateByteCount = 5056

    // Field offsets inside the legacy POD (x86-64 / arm64 layout, natural alignment).
    private static let seedOffset = 0, leftOffset = 8, seededOffset = 12, nextOffset = 16, stateOffset = 24
    private static let normalYOffset = stateOffset + 624 * 8 + 8
    private static let normalValidOffset = stateOffset + 624 * 8 + 24
    private static let floatNormalOffset = 5048, floatValidOffset = 5052

    /// `torch.get_rng_state()`: the state as the bytes PyTorch would return for the same generator.
    public func stateBytes() -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: Generator.stateByteCount)
        func put<T: FixedWidthInteger>(_ value: T, at offset: Int) {
            var v = value.littleEndian
            withUnsafeBytes(of: &v) { raw in
                for (i, b) in raw.enumerated() { bytes[offset + i] = b }
            }
        }
        put(engine.seed, at: Generator.seedOffset)
        put(Int32(engine.left), at: Generator.leftOffset)
        put(Int32(1), at: Generator.seededOffset)
        put(UInt64(engine.next), at: Generator.nextOffset)
        for (i, word) in engine.state.enumerated() { put(UInt64(word), at: Generator.stateOffset + 8 * i) }
        if let y = nextDoubleNormal {
            put(y.bitPattern, at: Generator.normalYOffset)
            put(Int32(1), at: Generator.normalValidOffset)
        }
        if let f = nextFloatNormal {
            put(f.bitPattern, at: Generator.floatNormalOffset)
            bytes[Generator.floatValidOffset] = 1
        }
        return bytes
    }

    /// `torch.set_rng_state(state)`: restores a state made by `stateBytes()` (or by PyTorch), with PyTorch's errors.
    public func setStateBytes(_ bytes: [UInt8]) throws {
        guard bytes.count == Generator.stateByteCount else {
            throw TensorError.runtime(
                "Expected a CPUGeneratorImplState of size \(Generator.stateByteCount) but found the input RNG state size to be \(bytes.count)")
        }
        func get<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
            var value: T = 0
            for i in 0..<MemoryLayout<T>.size { value |= T(truncatingIfNeeded: bytes[offset + i]) << (8 * i) }
            return value
        }
        var engine = MT19937(seed: 0)
        engine.seed = get(UInt64.self, at: Generator.seedOffset)
        engine.left = Int(get(Int32.self, at: Generator.leftOffset))
        let seeded = get(Int32.self, at: Generator.seededOffset) != 0
        let next = get(UInt64.self, at: Generator.nextOffset)
        engine.next = Int(UInt32(truncatingIfNeeded: next))
        for i in 0..<MT19937.stateCount {
            engine.state[i] = UInt32(truncatingIfNeeded: get(UInt64.self, at: Generator.stateOffset + 8 * i))
        }
        guard seeded && engine.isValid else { throw TensorError.runtime("Invalid mt19937 state") }
        self.engine = engine
        nextDoubleNormal = get(Int32.self, at: Generator.normalValidOffset) != 0
            ? Double(bitPattern: get(UInt64.self, at: Generator.normalYOffset)) : nil
        nextFloatNormal = bytes[Generator.floatValidOffset] != 0
            ? Float(bitPattern: get(UInt32.self, at: Generator.floatNormalOffset)) : nil
    }
}
