// The Mersenne Twister engine exactly as PyTorch's at::mt19937: 32-bit state words, seeded from the low 32 bits.

/// PyTorch's `at::mt19937` (Matsumoto and Nishimura's MT19937 with Cokus's twist), word for word, so that
/// the same seed gives the same stream of 32-bit draws as `torch.manual_seed`.
struct MT19937: Sendable {
    static let stateCount = 624
    static let shift = 397
    static let matrixA: UInt32 = 0x9908_b0df
    static let upperMask: UInt32 = 0x8000_0000
    static let lowerMask: UInt32 = 0x7fff_ffff

    /// The full seed as given (PyTorch keeps all 64 bits for `initial_seed()`; only the low 32 seed the state).
    var seed: UInt64
    /// Draws left before the next twist (PyTorch's `left_`); 1 right after seeding.
    var left: Int
    /// Index of the next state word to temper (PyTorch's `next_`).
    var next: Int
    var state: [UInt32]

    init(seed: UInt64 = 5489) {
        self.seed = seed
        var words = [UInt32](repeating: 0, count: MT19937.stateCount)
        words[0] = UInt32(truncatingIfNeeded: seed)
        for j in 1..<MT19937.stateCount {
            let previous = words[j - 1]
            words[j] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(j)
        }
        state = words
        left = 1
        next = 0
    }

    /// True when the fields describe a state PyTorch accepts (`mt19937::is_valid`).
    var isValid: Bool { left > 0 && left <= MT19937.stateCount && next >= 0 && next <= MT19937.stateCount }

    /// The next tempered 32-bit draw.
    @inline(__always)
    mutating func nextUInt32() -> UInt32 {
        left -= 1
        if left == 0 { twist() }
        var y = state.withUnsafeBufferPointer { $0[next] }
        next += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    /// Regenerates all 624 words (PyTorch's `next_state`).
    private mutating func twist() {
        left = MT19937.stateCount
        next = 0
        state.withUnsafeMutableBufferPointer { buffer in
            guard let p = buffer.baseAddress else { return }
            @inline(__always) func mixed(_ u: UInt32, _ v: UInt32) -> UInt32 {
                (((u & MT19937.upperMask) | (v & MT19937.lowerMask)) >> 1) ^ ((v & 1) != 0 ? MT19937.matrixA : 0)
            }
            let n = MT19937.stateCount, m = MT19937.shift
            for i in 0..<(n - m) {
                p[i] = p[i + m] ^ mixed(p[i], p[i + 1])
            }
            for i in (n - m)..<(n - 1) {
                p[i] = p[i + m - n] ^ mixed(p[i], p[i + 1])
            }
            p[n - 1] = p[m - 1] ^ mixed(p[n - 1], p[0])
        }
    }
}
