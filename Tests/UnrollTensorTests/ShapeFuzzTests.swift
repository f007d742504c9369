// Random indices, shapes and arguments through every shape op: each call must return or throw, never crash.
import Testing
@testable import UnrollTensor

extension ShapeSuites {
    @Suite struct ShapeFuzzTests {
        /// A small deterministic generator so a failure reproduces.
        struct LCG {
            var state: UInt64
            mutating func next() -> UInt64 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return state >> 33
            }
            mutating func int(_ range: ClosedRange<Int>) -> Int {
                range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
            }
            mutating func extreme() -> Int {
                [Int.min, Int.max, -1 << 40, 1 << 40, int(-6...6)][int(0...4)]
            }
            mutating func maybe(_ value: Int) -> Int? { int(0...2) == 0 ? nil : value }
        }

        private func randomTensor(_ rng: inout LCG) throws -> Tensor {
            let shape = (0..<rng.int(0...3)).map { _ in rng.int(0...3) }
            let n = shape.reduce(1, *)
            let t = try Tensor((0..<n).map { Float($0) }, shape: shape)
            return rng.int(0...1) == 0 && t.dim >= 2 ? try t.transpose(0, -1) : t
        }

        private func randomIndex(_ rng: inout LCG, for t: Tensor) throws -> TensorIndex {
            switch rng.int(0...6) {
            case 0: return .int(rng.int(0...3) == 0 ? rng.extreme() : rng.int(-4...4))
            case 1: return .slice(start: rng.maybe(rng.int(-5...5)), stop: rng.maybe(rng.int(-5...5)), step: rng.maybe(rng.int(-1...3)))
            case 2: return .ellipsis
            case 3: return .newAxis
            case 4:
                let values = (0..<rng.int(0...3)).map { _ in Int64(rng.int(-4...4)) }
                return .tensor(try Tensor(values, shape: [values.count]))
            case 5:
                let shape = (0..<rng.int(0...2)).map { _ in rng.int(0...3) }
                let n = shape.reduce(1, *)
                return .tensor(try Tensor((0..<n).map { _ in rng.int(0...1) == 1 }, shape: shape))
            default:
                return .tensor(Tensor(scalar: .int(Int64(rng.int(-3...3)))))
            }
        }

        @Test func randomIndexingNeverCrashes() throws {
            var rng = LCG(state: 42)
            var succeeded = 0
            for _ in 0..<3000 {
                let t = try randomTensor(&rng)
                let indices = try (0..<rng.int(0...4)).map { _ in try randomIndex(&rng, for: t) }
                if let out = try? t.index(indices) {
                    succeeded += 1
                    #expect(out.numel == out.doubles().count)
                }
                let target = try t.mul(Tensor(scalar: .int(1), wrapped: true))
                let value = rng.int(0...1) == 0 ? Tensor(scalar: .double(7), wrapped: true)
                    : try Tensor([Float(1), 2], shape: [2])
                _ = try? target.indexPut(indices, value: value)
            }
            #expect(succeeded > 300)
        }

        @Test func randomShapeOpArgumentsNeverCrash() throws {
            var rng = LCG(state: 7)
            for _ in 0..<2000 {
                let t = try randomTensor(&rng)
                let a = rng.int(0...2) == 0 ? rng.extreme() : rng.int(-4...4)
                let b = rng.int(0...2) == 0 ? rng.extreme() : rng.int(-4...4)
                let c = rng.int(0...2) == 0 ? rng.extreme() : rng.int(-4...4)
                _ = try? t.flatten(startDim: a, endDim: b)
                _ = try? t.unsqueeze(a)
                _ = try? t.squeeze(a)
                _ = try? t.squeeze(dims: [a, b])
                _ = try? t.permute([a, b, c].prefix(t.dim).map { $0 })
                _ = try? t.transpose(a, b)
                _ = try? t.t()
                _ = try? t.matrixTranspose()
                _ = t.reversedDims()
                _ = try? t.size(a)
                _ = try? t.select(a, b)
                _ = try? t.slice(a, start: b, stop: c, step: max(1, abs(c % 5)))
                _ = try? t.narrow(a, start: b, length: c)
                _ = try? t.split(b, dim: a)
                _ = try? t.split(sizes: [b, c], dim: a)
                _ = try? t.chunk(b, dim: a)
                _ = try? t.unbind(a)
                _ = try? t.flip([a, b])
                _ = try? Tensor.cat([t, t, try randomTensor(&rng)], dim: a)
                _ = try? Tensor.stack([t, try randomTensor(&rng)], dim: a)
                _ = try? t.expandAs(try randomTensor(&rng))
                _ = t.tolist()
            }
        }
    }
}
