// The generator itself: the default generator and manual_seed, state bytes from PyTorch, clones and raw draws.
import Foundation
import Testing
@testable import UnrollTensor

@Suite struct RandomGeneratorTests {
    /// Every "state" step of sequences.json holds torch.get_rng_state(); restoring it must resume PyTorch's stream.
    @Test func restoringPyTorchStateResumesItsStream() throws {
        let root = try #require(try RandomFixtures.load("sequences.json") as? [String: Any])
        let cases = try #require(root["cases"] as? [[String: Any]])
        let runner = RandomSequenceTests()
        var checked = 0
        for testCase in cases {
            let steps = try #require(testCase["steps"] as? [[String: Any]])
            for (index, step) in steps.enumerated() where step["op"] as? String == "state" && index + 1 < steps.count {
                let hex = try #require(step["values"] as? String)
                var bytes: [UInt8] = []
                var cursor = hex.startIndex
                while cursor < hex.endIndex {
                    let next = hex.index(cursor, offsetBy: 2)
                    bytes.append(UInt8(hex[cursor..<next], radix: 16) ?? 0)
                    cursor = next
                }
                let gen = Generator()
                try gen.setStateBytes(bytes)
                #expect(gen.stateBytes() == bytes)
                let following = steps[index + 1]
                #expect(try runner.run(following, gen) == following["values"] as? [String])
                checked += 1
            }
        }
        #expect(checked == 5)
    }

    @Test func badStateIsRejected() throws {
        let gen = Generator()
        #expect(throws: TensorError.runtime("Expected a CPUGeneratorImplState of size 5056 but found the input RNG state size to be 10")) {
            try gen.setStateBytes([UInt8](repeating: 0, count: 10))
        }
        #expect(throws: TensorError.runtime("Invalid mt19937 state")) {
            try gen.setStateBytes([UInt8](repeating: 0, count: Generator.stateByteCount))
        }
    }

    @Test func manualSeedOnTheDefaultGeneratorMatchesAFreshGenerator() throws {
        let seeded = Generator.manualSeed(42)
        let snapshot = seeded.clone()
        #expect(seeded === Generator.default)
        #expect(snapshot.initialSeed == 42)
        let expected = try Tensor.rand([4], generator: Generator(seed: 42))
        #expect(try Tensor.rand([4], generator: snapshot).doubles() == expected.doubles())
    }

    @Test func cloneCarriesTheNormalCache() throws {
        let gen = Generator(seed: 9)
        _ = try Tensor.randn([1], generator: gen)
        let copy = gen.clone()
        let a = try Tensor.randn([3], generator: gen).doubles()
        let b = try Tensor.randn([3], generator: copy).doubles()
        #expect(a == b)
        gen.manualSeed(9)
        #expect(gen.nextDoubleNormal == nil)
    }

    @Test func sixtyFourBitDrawsPairThirtyTwoBitDraws() {
        let a = Generator(seed: 11), b = Generator(seed: 11)
        let high = UInt64(b.random()), low = UInt64(b.random())
        #expect(a.random64() == (high << 32) | low)
    }
}

@Suite struct FusedMultiplyAddTests {
    @Test func matchesLibmFMAIncludingDoubleRoundingTraps() {
        // The exact result lies just above a float midpoint, and rounding to double lands on the midpoint.
        let a = Float(1) + 0x1p-12, c = Float(0x1p-60)
        #expect(fusedMultiplyAdd(a, a, c).bitPattern == c.addingProduct(a, a).bitPattern)
        #expect(fusedMultiplyAdd(a, a, -c).bitPattern == (-c).addingProduct(a, a).bitPattern)
        #expect(fusedMultiplyAdd(0x1p-70, 0x1p-70, 0x1p-140).bitPattern == Float(0x1p-140).addingProduct(0x1p-70, 0x1p-70).bitPattern)
        var rng = SplitMix(state: 12345)
        for _ in 0..<200_000 {
            let x = rng.float(), y = rng.float(), z = rng.float()
            #expect(fusedMultiplyAdd(x, y, z).bitPattern == z.addingProduct(x, y).bitPattern, "\(x) \(y) \(z)")
        }
    }

    /// A small deterministic source of floats over a wide range of exponents and both signs.
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
        mutating func float() -> Float {
            let bits = next()
            let mantissa = UInt32(truncatingIfNeeded: bits) & 0x007f_ffff
            let exponent = UInt32(100 + (bits >> 32) % 56) << 23
            let sign = UInt32((bits >> 40) & 1) << 31
            return Float(bitPattern: sign | exponent | mantissa)
        }
    }
}
