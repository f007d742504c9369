// Seeded draws compared bit for bit with real PyTorch: every random factory and in-place fill, in sequence.
import Foundation
import Testing
@testable import UnrollTensor

@Suite struct RandomSequenceTests {
    /// Runs one fixture step on `gen`, mirroring tools/fixtures/random.py's `run`.
    func run(_ step: [String: Any], _ gen: Generator) throws -> [String]? {
        let op = step["op"] as? String ?? ""
        let dtype = RandomFixtures.dtype(step)
        let shape = step["shape"] as? [Int] ?? []
        func d(_ key: String) -> Double { RandomFixtures.double(step[key]) }
        switch op {
        case "seed":
            gen.manualSeed(RandomFixtures.int64(step["seed"]))
            return nil
        case "rand": return RandomFixtures.strings(try Tensor.rand(shape, dtype: dtype, generator: gen))
        case "randn": return RandomFixtures.strings(try Tensor.randn(shape, dtype: dtype, generator: gen))
        case "randint":
            let t = try Tensor.randint(
                low: RandomFixtures.int64(step["low"]), high: RandomFixtures.int64(step["high"]), shape,
                dtype: dtype, generator: gen)
            return RandomFixtures.strings(t)
        case "randperm":
            return RandomFixtures.strings(try Tensor.randperm(step["n"] as? Int ?? 0, dtype: dtype, generator: gen))
        case "normal":
            return RandomFixtures.strings(try Tensor.normal(mean: d("mean"), std: d("std"), shape, dtype: dtype, generator: gen))
        case "uniform_":
            return RandomFixtures.strings(try Tensor.empty(shape, dtype: dtype).uniform_(d("from"), d("to"), generator: gen))
        case "normal_":
            return RandomFixtures.strings(try Tensor.empty(shape, dtype: dtype).normal_(mean: d("mean"), std: d("std"), generator: gen))
        case "bernoulli_":
            return RandomFixtures.strings(try Tensor.empty(shape, dtype: dtype).bernoulli_(d("p"), generator: gen))
        case "bernoulli":
            let probs = try Tensor.linspace(0, 1, steps: step["n"] as? Int ?? 0, dtype: dtype)
            return RandomFixtures.strings(try Tensor.bernoulli(probs, generator: gen))
        case "dropout":
            return RandomFixtures.strings(try Tensor.ones(shape, dtype: dtype).dropout(p: d("p"), generator: gen))
        case "rand_like_view", "randn_like_view", "randint_like_view", "dropout_view", "bernoulli_probs_view":
            let view = try makeView(try Tensor.full(shape, .double(0.5), dtype: dtype), step["view"] as? String ?? "")
            let out: Tensor
            switch op {
            case "rand_like_view": out = try view.randLike(generator: gen)
            case "randn_like_view": out = try view.randnLike(generator: gen)
            case "randint_like_view": out = try view.randintLike(low: 3, high: 9, generator: gen)
            case "dropout_view": out = try view.dropout(p: 0.4, generator: gen)
            default: out = try Tensor.bernoulli(view, generator: gen)
            }
            return RandomFixtures.strings(out)
        case "uniform_view", "normal_view", "bernoulli_view", "randint_view":
            let base = try Tensor.zeros(shape, dtype: dtype)
            let view = try makeView(base, step["view"] as? String ?? "")
            switch op {
            case "uniform_view": try view.uniform_(d("from"), d("to"), generator: gen)
            case "normal_view": try view.normal_(mean: d("mean"), std: d("std"), generator: gen)
            case "bernoulli_view": try view.bernoulli_(d("p"), generator: gen)
            default: try view.random_(RandomFixtures.int64(step["low"]), RandomFixtures.int64(step["high"]), generator: gen)
            }
            return RandomFixtures.strings(base)
        case "state":
            return [gen.stateBytes().map { String(format: "%02x", $0) }.joined()]
        default:
            Issue.record("unknown fixture op \(op)")
            return nil
        }
    }

    /// The non-contiguous views random.py fills, built from strides.
    func makeView(_ base: Tensor, _ name: String) throws -> Tensor {
        switch name {
        case "t": return base.makeView(shape: [base.shape[1], base.shape[0]], strides: [base.strides[1], base.strides[0]], offset: 0)
        case "step2": return base.makeView(shape: [base.shape[0], base.shape[1] / 2], strides: [base.strides[0], 2], offset: 0)
        case "permute": return base.makeView(shape: [base.shape[2], base.shape[0], base.shape[1]], strides: [base.strides[2], base.strides[0], base.strides[1]], offset: 0)
        case "narrow": return base.makeView(shape: [base.shape[0] - 1, 2], strides: base.strides, offset: base.strides[0] + 1)
        default: throw TensorError.value("unknown view \(name)")
        }
    }

    @Test func sequencesMatchPyTorch() throws {
        let root = try #require(try RandomFixtures.load("sequences.json") as? [String: Any])
        let cases = try #require(root["cases"] as? [[String: Any]])
        #expect(cases.count == 5)
        for testCase in cases {
            let seed = RandomFixtures.seed(testCase["seed"])
            let gen = Generator(seed: seed)
            #expect(String(gen.initialSeed) == testCase["initial_seed"] as? String)
            let steps = try #require(testCase["steps"] as? [[String: Any]])
            for (index, step) in steps.enumerated() {
                let got = try run(step, gen)
                let expected: [String]?
                if let s = step["values"] as? String { expected = [s] } else { expected = step["values"] as? [String] }
                guard let expected else { continue }
                let got2 = got ?? []
                if got2 != expected {
                    let firstDiff = zip(got2, expected).enumerated().first { $0.element.0 != $0.element.1 }
                    Issue.record("seed \(seed) step \(index) \(step["op"] ?? "") \(step["dtype"] ?? "") \(step["shape"] ?? ""): count \(got2.count) vs \(expected.count), first difference \(firstDiff.map { "at \($0.offset): \($0.element.0) vs \($0.element.1)" } ?? "none")")
                    return
                }
            }
        }
    }

    @Test func longDrawsMatchPyTorch() throws {
        let entries = try #require(try RandomFixtures.load("long.json") as? [[String: Any]])
        #expect(entries.count == 8)
        for entry in entries {
            let gen = Generator(seed: RandomFixtures.seed(entry["seed"]))
            let dtype = RandomFixtures.dtype(entry)
            let n = entry["n"] as? Int ?? 0
            let t = entry["op"] as? String == "rand"
                ? try Tensor.rand([n], dtype: dtype, generator: gen) : try Tensor.randn([n], dtype: dtype, generator: gen)
            let expected = entry["values"] as? [String] ?? []
            let got = RandomFixtures.strings(t)
            let mismatches = zip(got, expected).filter { $0 != $1 }.count
            #expect(got.count == expected.count && mismatches == 0, "\(entry["op"] ?? "") \(dtype) seed \(entry["seed"] ?? ""): \(mismatches) mismatches")
        }
    }

    @Test func seedsWrapAndKeepAllBits() throws {
        let entries = try #require(try RandomFixtures.load("seeds.json") as? [[String: Any]])
        #expect(entries.count == 7)
        for entry in entries {
            let text = entry["seed"] as? String ?? ""
            let gen = Generator()
            if let signed = Int64(text) { gen.manualSeed(signed) } else { gen.manualSeed(unsigned: UInt64(text) ?? 0) }
            #expect(String(gen.initialSeed) == entry["initial_seed"] as? String)
            #expect(RandomFixtures.strings(try Tensor.rand([3], generator: gen)) == entry["values"] as? [String])
        }
    }
}
