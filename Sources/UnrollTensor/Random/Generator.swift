// The CPU random generator with PyTorch's semantics: manual_seed, initial_seed, raw draws, normal caches and state bytes.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// PyTorch's CPU generator (`torch.Generator()` / `CPUGeneratorImpl`): an MT19937 engine plus the cached
/// second Box-Muller samples. After `manualSeed(s)` every draw matches PyTorch's for the same seed.
///
/// `Generator.default` is the process-wide generator `torch.manual_seed` seeds and every random
/// function uses when no generator is passed. Generators are not thread-safe; Unroll draws on one thread.
///
/// Fidelity: verified bit for bit against PyTorch 2.x on x86-64 with its AVX2 kernels (which AVX-512 machines
/// also use for `normal_`). Two PyTorch paths depend on the machine and are not reproduced: float32 `randn`
/// of 16+ elements on CPUs PyTorch runs at its baseline (non-AVX2) capability, e.g. ARM, uses libm
/// instead of the AVX2 polynomials; and `bernoulli_(p)` with a float p (hence dropout) on Intel CPUs with
/// MKL draws from MKL's own stream. Unroll follows the AVX2 / non-MKL (AMD, ARM) behaviour everywhere.
public final class Generator: @unchecked Sendable {
    // Unchecked: draws happen per element, and a generator is only ever used from one thread at a time.
    @exclusivity(unchecked) var engine: MT19937
    /// The cached second sample of the double Box-Muller draw (`next_double_normal_sample`).
    @exclusivity(unchecked) var nextDoubleNormal: Double?
    /// The cached float sample (`next_float_normal_sample`); PyTorch's CPU kernels never fill it,
    /// but it is part of the state bytes.
    var nextFloatNormal: Float?

    /// PyTorch's default seed for a fresh `torch.Generator()` (`default_rng_seed_val`).
    public static let defaultSeed: UInt64 = 67_280_421_310_721

    /// The default generator (`torch.default_generator`). It starts from a nondeterministic seed, as PyTorch's
    /// does; `torch.manual_seed` calls `Generator.manualSeed(_:)` on it. Unroll keeps one per thread, so
    /// concurrent sessions (tests, parallel replays) never draw from each other's stream.
    public static var `default`: Generator {
        get {
            let state = ThreadState.current
            if let generator = state.generator { return generator }
            let fresh = Generator(seed: Generator.nondeterministicSeed())
            state.generator = fresh
            return fresh
        }
        set { ThreadState.current.generator = newValue }
    }

    /// A generator seeded with `seed` (`torch.Generator().manual_seed(seed)`).
    public init(seed: UInt64 = Generator.defaultSeed) {
        engine = MT19937(seed: seed)
    }

    /// `generator.manual_seed(seed)` for seeds given as 64 unsigned bits (Python ints in [2^63, 2^64)):
    /// reseeds the engine and clears the normal caches.
    @discardableResult
    public func manualSeed(unsigned seed: UInt64) -> Generator {
        engine = MT19937(seed: seed)
        nextDoubleNormal = nil
        nextFloatNormal = nil
        return self
    }

    /// `generator.manual_seed(seed)`: reseeds the engine and clears the normal caches.
    /// Negative seeds wrap to 64 bits as PyTorch does (-1 becomes 2^64 - 1).
    @discardableResult
    public func manualSeed(_ seed: Int64) -> Generator {
        manualSeed(unsigned: UInt64(bitPattern: seed))
    }

    /// `torch.manual_seed(seed)`: seeds the default generator.
    @discardableResult
    public static func manualSeed(_ seed: Int64) -> Generator {
        Generator.default.manualSeed(seed)
    }

    /// `initial_seed()`: the seed last given, all 64 bits.
    public var initialSeed: UInt64 { engine.seed }

    /// `seed()`: reseeds from a nondeterministic source and returns the new seed.
    @discardableResult
    public func seed() -> UInt64 {
        let s = Generator.nondeterministicSeed()
        manualSeed(unsigned: s)
        return s
    }

    /// One 32-bit draw (`CPUGeneratorImpl::random`).
    @inline(__always)
    public func random() -> UInt32 { engine.nextUInt32() }

    /// One 64-bit draw made of two 32-bit draws, the first as the high word (`CPUGeneratorImpl::random64`).
    @inline(__always)
    public func random64() -> UInt64 {
        let high = UInt64(engine.nextUInt32())
        let low = UInt64(engine.nextUInt32())
        return (high << 32) | low
    }

    /// An independent copy with the same state (`generator.clone_state()`-style).
    public func clone() -> Generator {
        let copy = Generator()
        copy.engine = engine
        copy.nextDoubleNormal = nextDoubleNormal
        copy.nextFloatNormal = nextFloatNormal
        return copy
    }

    static func nondeterministicSeed() -> UInt64 {
        var rng = SystemRandomNumberGenerator()
        return rng.next()
    }
}
