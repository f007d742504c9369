// Views share storage with their base, advanced indexing copies, and every shape op's gradient agrees with finite differences.
import Testing
@testable import UnrollTensor

extension ShapeSuites {
    @Suite struct ShapeViewTests {
        private func grid(_ shape: [Int]) throws -> Tensor {
            let n = shape.reduce(1, *)
            return try Tensor((0..<n).map { Float($0) }, shape: shape)
        }

        private func write(_ value: Float, into view: Tensor, at indices: [TensorIndex]) throws {
            try view.indexPut(indices, value: Tensor(scalar: .double(Double(value)), wrapped: true))
        }

        private func element(_ t: Tensor, _ indices: [Int]) throws -> Double {
            try t.index(indices.map(TensorIndex.int)).item().doubleValue
        }

        @Test func writesThroughViewsReachTheBase() throws {
            let base = try grid([2, 3, 4])
            try write(-1, into: try base.transpose(0, 2), at: [.int(3), .int(1), .int(0)])
            #expect(try element(base, [0, 1, 3]) == -1)
            try write(-2, into: try base.permute([1, 2, 0]), at: [.int(2), .int(0), .int(1)])
            #expect(try element(base, [1, 2, 0]) == -2)
            try write(-3, into: try base.index([.all, .int(-1), .slice(start: 1, stop: nil, step: 2)]), at: [.int(1), .int(1)])
            #expect(try element(base, [1, 2, 3]) == -3)
            try write(-4, into: try base.unsqueeze(1).squeeze(1).flatten(startDim: 1), at: [.int(0), .int(5)])
            #expect(try element(base, [0, 1, 1]) == -4)
            try write(-5, into: try base.narrow(2, start: 1, length: 2), at: [.int(1), .int(0), .int(0)])
            #expect(try element(base, [1, 0, 1]) == -5)
            try write(-6, into: try base.split(2, dim: 2)[1], at: [.int(0), .int(0), .int(1)])
            #expect(try element(base, [0, 0, 3]) == -6)
            try write(-7, into: try base.unbind(1)[2], at: [.int(1), .int(2)])
            #expect(try element(base, [1, 2, 2]) == -7)
            try write(-8, into: try base.index([.ellipsis, .newAxis]), at: [.int(1), .int(1), .int(1), .int(0)])
            #expect(try element(base, [1, 1, 1]) == -8)
            try write(-9, into: try base.select(0, 1).t(), at: [.int(0), .int(2)])
            #expect(try element(base, [1, 2, 0]) == -9)
            let alias = try base.index([.ellipsis])
            #expect(alias !== base && alias.storage === base.storage)
        }

        @Test func advancedIndexingCopies() throws {
            let base = try grid([3, 2])
            let picked = try base.index([.tensor(try Tensor([Int64(2), 0], shape: [2]))])
            #expect(picked.storage !== base.storage)
            try write(100, into: picked, at: [.int(0), .int(0)])
            #expect(try element(base, [2, 0]) == 4)
            let flipped = try base.flip([0])
            #expect(flipped.storage !== base.storage)
        }

        @Test func indexAssignmentUnderNoGradSkipsLeafCheck() throws {
            let leaf = try grid([2, 2])
            try leaf.setRequiresGrad(true)
            #expect(throws: TensorError.self) { try self.write(1, into: leaf, at: [.int(0)]) }
            try GradMode.withDisabled { try self.write(1, into: leaf, at: [.int(0)]) }
            #expect(leaf.isLeaf && leaf.requiresGrad)
            #expect(try element(leaf, [0, 1]) == 1)
        }

        @Test func swiftSubscriptMatchesIndex() throws {
            let t = try grid([2, 3, 4])
            let viaSubscript = try t[.all, -1, .slice(start: 1, stop: nil, step: 2)]
            let viaIndex = try t.index([.all, .int(-1), .slice(start: 1, stop: nil, step: 2)])
            #expect(viaSubscript.shape == viaIndex.shape && viaSubscript.doubles() == viaIndex.doubles())
            #expect(viaSubscript.storage === t.storage)
        }

        @Test func sizeAndListing() throws {
            let t = try grid([2, 1, 3])
            #expect(try t.size(-1) == 3 && t.numel == 6 && t.dim == 3)
            #expect(try t.index([.int(1), .int(0)]).tolist() == .list([.scalar(.double(3)), .scalar(.double(4)), .scalar(.double(5))]))
        }

        @Test func extremeIntegersAreErrorsOrEmptyNotCrashes() throws {
            let t = try grid([3, 2])
            #expect(try t.index([.slice(start: 1, stop: nil, step: Int.max)]).shape == [1, 2])
            #expect(try t.index([.slice(start: Int.min, stop: Int.max, step: nil)]).shape == [3, 2])
            #expect(throws: TensorError.self) { try t.index([.int(Int.min)]) }
            #expect(throws: TensorError.self) { try t.narrow(0, start: 1, length: Int.max) }
            #expect(try t.split(Int.max).count == 1)
            #expect(try t.chunk(Int.max).count == 3)
            #expect(throws: TensorError.self) { try t.split(sizes: [Int.max, Int.max, 4]) }
            #expect(throws: TensorError.self) { try t.index([.tensor(try Tensor([Int64.min], shape: [1]))]) }
        }

        @Test func traceShowsOneEventPerUserLevelOp() throws {
            let a = try grid([2, 3]), b = try grid([2, 3])
            let rows = try Tensor([Int64(1), 0], shape: [2])
            let (_, events) = try OpTrace.capture { () throws -> Void in
                _ = try Tensor.cat([a, b], dim: 1)
                _ = try Tensor.stack([a, b])
                _ = try a.index([.tensor(rows), .int(1)])
                try a.indexPut([.tensor(rows)], value: try b.index([.int(0)]))
            }
            #expect(events.map(\.name) == ["Cat", "Stack", "Select", "Index", "Select"])
            #expect(events.first?.inputShapes == [[2, 3], [2, 3]] && events.first?.outputShape == [2, 6])
        }

        /// Central differences of sum(f(x) * w) in float64 against backward().
        private func checkGradient(_ name: String, shape: [Int], _ f: (Tensor) throws -> [Tensor]) throws {
            let n = shape.reduce(1, *)
            let values = (0..<n).map { Double(($0 * 37) % 11) / 7 - 0.6 }
            let x = try Tensor(values, shape: shape)
            try x.setRequiresGrad(true)
            try backpropagateWeightedSum(try f(x))
            let analytic = x.grad?.doubles() ?? [Double](repeating: 0, count: n)
            func loss(_ input: [Double]) throws -> Double {
                let outs = try GradMode.withDisabled { try f(try Tensor(input, shape: shape)) }
                return try outs.reduce(0) { $0 + (try $1.mul(lossWeights(for: $1)).sum().item().doubleValue) }
            }
            let eps = 1e-6
            for i in 0..<n {
                var plus = values, minus = values
                plus[i] += eps
                minus[i] -= eps
                let numeric = (try loss(plus) - loss(minus)) / (2 * eps)
                #expect(abs(numeric - analytic[i]) < 1e-5, "\(name)[\(i)]: numeric \(numeric) analytic \(analytic[i])")
            }
        }

        @Test func gradientsAgreeWithFiniteDifferences() throws {
            let rows = try Tensor([Int64(2), 0, 2], shape: [3])
            let mask = try Tensor([true, false, true, true, false, true], shape: [2, 3])
            try checkGradient("flatten", shape: [2, 3, 2]) { [try $0.flatten(startDim: 1)] }
            try checkGradient("unsqueeze+squeeze", shape: [2, 3]) { [try $0.unsqueeze(1).squeeze()] }
            try checkGradient("permute", shape: [2, 3, 2]) { [try $0.permute([2, 0, 1])] }
            try checkGradient("transpose", shape: [2, 3]) { [try $0.transpose(0, 1)] }
            try checkGradient("t", shape: [2, 3]) { [try $0.t()] }
            try checkGradient("T", shape: [2, 3, 2]) { [$0.reversedDims()] }
            try checkGradient("select", shape: [3, 2]) { [try $0.select(0, -1)] }
            try checkGradient("slice", shape: [5, 2]) { [try $0.slice(0, start: 1, stop: nil, step: 2)] }
            try checkGradient("narrow", shape: [2, 5]) { [try $0.narrow(1, start: 1, length: 3)] }
            try checkGradient("split", shape: [5, 2]) { try $0.split(2) }
            try checkGradient("chunk", shape: [2, 5]) { try $0.chunk(3, dim: 1) }
            try checkGradient("unbind", shape: [3, 2]) { try $0.unbind(1) }
            try checkGradient("flip", shape: [2, 3]) { [try $0.flip([0, 1])] }
            try checkGradient("cat", shape: [2, 3]) { [try Tensor.cat([$0, $0.t().contiguous().view([2, 3]), $0], dim: 1)] }
            try checkGradient("stack", shape: [2, 3]) { [try Tensor.stack([$0, $0.flip([1])], dim: -1)] }
            try checkGradient("expand", shape: [3, 1]) { [try $0.expand([2, 3, 4])] }
            try checkGradient("index basic", shape: [2, 3, 2]) { [try $0.index([.all, .int(-1), .newAxis, .ellipsis])] }
            try checkGradient("index rows", shape: [3, 2]) { [try $0.index([.tensor(rows)])] }
            try checkGradient("index mask", shape: [2, 3]) { [try $0.index([.tensor(mask)])] }
            try checkGradient("index mixed", shape: [3, 3, 3]) { [try $0.index([.tensor(rows), .int(1), .slice(start: nil, stop: nil, step: 2)])] }
            try checkGradient("setitem", shape: [2, 3]) { x in
                let y = try x.mul(Tensor(scalar: .int(2), wrapped: true))
                try y.indexPut([.all, .int(1)], value: try x.select(0, 0).narrow(0, start: 0, length: 2))
                return [y]
            }
            try checkGradient("setitem mask", shape: [2, 3]) { x in
                let y = try x.mul(Tensor(scalar: .int(3), wrapped: true))
                try y.indexPut([.tensor(mask)], value: try x.flatten().narrow(0, start: 1, length: 4))
                return [y]
            }
        }
    }
}
