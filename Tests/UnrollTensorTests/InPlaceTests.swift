// In-place ops against PyTorch: values written through views, rewired grad_fns, gradients, leaf rules and errors.
import Foundation
import Testing
@testable import UnrollTensor

extension TensorMathTests {
@Suite struct InPlaceTests {
    static func apply(_ method: String, _ target: Tensor, other: Tensor?, scalar: Scalar?) throws {
        let o = other ?? Tensor(scalar: scalar ?? .int(0), wrapped: true)
        switch method {
        case "add_": try target.add_(o)
        case "sub_": try target.sub_(o)
        case "mul_": try target.mul_(o)
        case "div_": try target.div_(o)
        case "copy_": try target.copy_(o)
        case "zero_": try target.zero_()
        case "fill_": try target.fill_(scalar ?? .int(0))
        case "pow_": try target.pow_(scalar ?? .int(1))
        case "clamp_":
            let v = scalar?.doubleValue ?? 0
            try target.clamp_(min: .double(-v), max: .double(v))
        default: throw TensorError.runtime("unknown in-place method \(method)")
        }
    }

    @Test func inPlaceFixtures() throws {
        let cases = try MathFixtures.cases("inplace")
        #expect(cases.count >= 15)
        for c in cases {
            let name = c["name"] as? String ?? "?"
            let x = try MathFixtures.tensor(c["x"] as? [String: Any] ?? [:])
            try x.setRequiresGrad(true)
            var other: Tensor? = nil
            if let spec = c["other"] as? [String: Any] { other = try MathFixtures.input(spec).leaf }
            let y = try x.mul(Tensor(scalar: .double(1.5), wrapped: true))
            var target = y
            if let view = c["view"] as? [String: Any] {
                target = y.makeView(shape: view["shape"] as? [Int] ?? [], strides: view["strides"] as? [Int] ?? [],
                                    offset: y.offset + (view["offset"] as? Int ?? 0))
            }
            let versionBefore = y.storage.version
            try Self.apply(c["method"] as? String ?? "", target, other: other, scalar: MathFixtures.scalar(c["scalar"]))
            #expect(y.storage.version == versionBefore + 1, "\(name): version not bumped")
            #expect(y.gradFn?.name == c["grad_fn"] as? String, "\(name): base grad_fn \(y.gradFn?.name ?? "nil")")
            #expect(target.gradFn?.name == c["view_grad_fn"] as? String, "\(name): view grad_fn \(target.gradFn?.name ?? "nil")")
            #expect(MathFixtures.allClose(y.doubles(), MathFixtures.doubles(c["y"])), "\(name): values \(y.doubles())")
            let w = try Tensor(MathFixtures.doubles(c["weights"]).map { Float($0) }, shape: y.shape)
            try y.mul(w).sum().backward()
            #expect(MathFixtures.allClose(x.grad?.doubles() ?? [], MathFixtures.doubles(c["x_grad"]), rtol: 1e-4, atol: 1e-5),
                    "\(name): x.grad \(x.grad?.doubles() ?? [])")
            if let want = c["other_grad"], !(want is NSNull) {
                #expect(MathFixtures.allClose(other?.grad?.doubles() ?? [], MathFixtures.doubles(want), rtol: 1e-4, atol: 1e-5),
                        "\(name): other.grad \(other?.grad?.doubles() ?? [])")
            }
        }
    }

    /// The same situations as tools/fixtures/ops_math.py's `inplace_error_cases`, by name.
    static func triggerError(_ name: String) throws {
        let wrapped = { (s: Scalar) in Tensor(scalar: s, wrapped: true) }
        switch name {
        case "leaf":
            let w = try Tensor.ones([3]); try w.setRequiresGrad(true); try w.add_(wrapped(.int(1)))
        case "leaf_view":
            let w = try Tensor.ones([3]); try w.setRequiresGrad(true); try w.view([3]).mul_(wrapped(.int(2)))
        case "cast_float_to_long": try Tensor([Int64(1), 2, 3], shape: [3]).add_(wrapped(.double(0.5)))
        case "cast_long_to_bool": try Tensor([true], shape: [1]).add_(wrapped(.int(1)))
        case "broadcast_shape": try Tensor.zeros([3]).add_(Tensor.ones([2, 3]))
        case "overlap": try Tensor.zeros([1, 3]).expand([2, 3]).add_(wrapped(.int(1)))
        case "div_long": try Tensor.zeros([3], dtype: .int64).div_(wrapped(.int(2)))
        case "copy_shape": try Tensor.zeros([3]).copy_(Tensor.ones([2, 3]))
        case "fill_dims": try Tensor.zeros([3]).fill_(Tensor.ones([2]))
        case "modified_saved_output":
            let w = try Tensor.ones([3]); try w.setRequiresGrad(true)
            let y = try w.exp()
            try y.add_(wrapped(.int(1)))
            try y.sum().backward()
        default: throw TensorError.runtime("no Swift counterpart for \(name)")
        }
    }

    @Test func inPlaceErrorsMatchPyTorch() throws {
        let cases = try MathFixtures.cases("inplace_errors")
        #expect(cases.count >= 10)
        for c in cases {
            let name = c["name"] as? String ?? "?"
            do {
                try Self.triggerError(name)
                Issue.record("\(name): no error")
            } catch let error as TensorError {
                #expect(error.message == c["message"] as? String, "\(name)")
                #expect(error.kind.rawValue == c["type"] as? String, "\(name)")
            }
        }
    }

    @Test func inPlaceOnLeafIsAllowedWithoutGradMode() throws {
        let w = try Tensor([Float(1), 2, 3], shape: [3])
        try w.setRequiresGrad(true)
        try GradMode.withDisabled {
            try w.sub_(Tensor([Float(0.5), 0.5, 0.5], shape: [3]), alpha: .double(2))
            try w.view([3]).mul_(Tensor(scalar: .int(2), wrapped: true))
        }
        #expect(w.doubles() == [0, 2, 4])
        #expect(w.isLeaf && w.requiresGrad)
        #expect(w.storage.version == 2)
    }

    @Test func writesGoThroughStridesIntoSharedStorage() throws {
        let base = try Tensor([Float(0), 1, 2, 3, 4, 5], shape: [2, 3])
        let column = base.makeView(shape: [2], strides: [3], offset: 1)
        try column.fill_(.double(9))
        #expect(base.doubles() == [0, 9, 2, 3, 9, 5])
        let transposed = base.makeView(shape: [3, 2], strides: [1, 3], offset: 0)
        try transposed.copy_(Tensor([Int64(1), 2, 3, 4, 5, 6], shape: [3, 2]))
        #expect(base.doubles() == [1, 3, 5, 2, 4, 6])
        // Overlapping source and destination: the source is read in full before writing, as PyTorch does.
        try transposed.copy_(base.makeView(shape: [3, 2], strides: [2, 1], offset: 0))
        #expect(base.doubles() == [1, 5, 4, 3, 2, 6])
    }
}
}

extension TensorMathTests {
/// Inputs at the edges of the integer range and of rank must give values or errors, never a trap.
@Suite struct EdgeInputTests {
    @Test func integerOverflowWrapsInsteadOfTrapping() throws {
        let a = try Tensor([Int64.min, 7], shape: [2]), b = try Tensor([Int64(-1), -2], shape: [2])
        #expect(try a.remainder(b).toArray(Int64.self) == [0, -1])
        #expect(try a.floorDivide(b).toArray(Int64.self) == [Int64.min, -4])
        #expect(try a.abs().toArray(Int64.self) == [Int64.min, 7])
    }

    @Test func reducingAScalarAlongDimZeroBackpropagates() throws {
        let s = Tensor(scalar: .double(3), dtype: .float32)
        try s.setRequiresGrad(true)
        let total = try s.mean(dims: [0]).add(s.sum(dims: [-1])).add(s.prod(dim: 0)).add(s.amax(dims: [0]))
        try total.add(s.maxDim(0).values).backward()
        #expect(s.grad?.doubles() == [5])
    }
}
}
