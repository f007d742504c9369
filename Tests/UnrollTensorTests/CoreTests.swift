// Core geometry tests: shapes, strides, views, broadcasting, promotion and the autograd engine on basic ops.
import Testing
@testable import UnrollTensor

@Suite struct CoreTests {
    @Test func broadcastShapesAndError() throws {
        #expect(try Shape.broadcast([3, 1], [1, 4]) == [3, 4])
        #expect(throws: TensorError.runtime("The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1")) {
            try Shape.broadcast([2, 3], [2, 4])
        }
    }

    @Test func dimWrapping() throws {
        #expect(try Shape.wrapDim(-1, rank: 2) == 1)
        #expect(throws: TensorError.index("Dimension out of range (expected to be in range of [-2, 1], but got 2)")) {
            try Shape.wrapDim(2, rank: 2)
        }
    }

    @Test func promotion() {
        #expect(DType.resultType([(.int64, .dimensioned), (.float64, .wrappedNumber)]) == .float32)
        #expect(DType.resultType([(.float32, .dimensioned), (.float64, .zeroDim)]) == .float32)
        #expect(DType.resultType([(.int64, .dimensioned), (.float64, .zeroDim)]) == .float64)
        #expect(DType.resultType([(.bool, .dimensioned), (.int64, .wrappedNumber)]) == .int64)
    }

    @Test func addBroadcastsAndBackpropagates() throws {
        let a = try Tensor([Float(1), 2, 3, 4, 5, 6], shape: [2, 3])
        let b = try Tensor([Float(10), 20, 30], shape: [3])
        try a.setRequiresGrad(true)
        try b.setRequiresGrad(true)
        let c = try a.mul(b).add(a).sum()
        #expect(c.gradFn?.name == "SumBackward0")
        try c.backward()
        #expect(a.grad?.doubles() == [11, 21, 31, 11, 21, 31])
        #expect(b.grad?.doubles() == [5, 7, 9])
        #expect(throws: TensorError.self) { try c.backward() }
    }

    @Test func viewOfTransposeNeedsReshape() throws {
        let a = try Tensor([Float(1), 2, 3, 4, 5, 6], shape: [2, 3])
        let t = a.makeView(shape: [3, 2], strides: [1, 3], offset: 0)
        #expect(throws: TensorError.self) { try t.view([6]) }
        #expect(try t.reshape([6]).doubles() == [1, 4, 2, 5, 3, 6])
        #expect(try a.view([3, -1]).shape == [3, 2])
    }

    @Test func divisionPromotesIntegersToFloat() throws {
        let a = try Tensor([Int64(1), 2, 3], shape: [3])
        let q = try a.div(Tensor(scalar: .int(2), wrapped: true))
        #expect(q.dtype == .float32)
        #expect(q.doubles() == [0.5, 1, 1.5])
    }
}
