// Replays tools/fixtures/ops_shape.py: every shape op, join and index against PyTorch's values, grad_fns, gradients and errors.
import Testing
@testable import UnrollTensor

extension ShapeSuites {
    @Suite struct ShapeOpsFixtureTests {
        @Test func opsMatchPyTorch() throws {
            let cases = try ShapeFixtures.load("ops.json", as: OpCase.self)
            #expect(cases.count > 100)
            for c in cases {
                let made = try c.inputs.map { try $0.makeInput() }
                let result: OpResult
                do {
                    result = try runShapeOp(c.op, made.map(\.input), c.args)
                } catch {
                    Issue.record("\(c.name): unexpected error \(describeError(error))")
                    continue
                }
                switch result {
                case .int(let n):
                    #expect(n == c.int, "\(c.name)")
                case .list(let list):
                    guard let expected = c.list else { Issue.record("\(c.name): no list"); continue }
                    #expect(matches(list, expected), "\(c.name): \(list)")
                case .tensors(let outs):
                    let expected = c.outputs ?? []
                    #expect(outs.count == expected.count, "\(c.name): output count")
                    for (i, (o, e)) in zip(outs, expected).enumerated() {
                        #expect(matches(o, e), "\(c.name)[\(i)]: got \(o.shape) \(o.doubles())")
                        #expect(o.gradFn?.name == c.grad_fns?[i] ?? nil, "\(c.name)[\(i)]: grad_fn")
                        if let shares = c.shares_storage?[i], let first = made.first {
                            #expect((o.storage === first.input.storage) == shares, "\(c.name)[\(i)]: shares storage")
                        }
                    }
                    try backpropagateWeightedSum(outs)
                    for (k, m) in made.enumerated() {
                        let expectedGrad = c.grads?[k] ?? nil
                        #expect(matches(m.leaf.grad, expectedGrad), "\(c.name): grad of input \(k) \(m.leaf.grad?.doubles() ?? [])")
                    }
                }
            }
        }

        @Test func errorsMatchPyTorch() throws {
            let cases = try ShapeFixtures.load("errors.json", as: OpCase.self)
            #expect(cases.count > 50)
            for c in cases {
                let inputs = try c.inputs.map { try $0.makeInput().input }
                do {
                    _ = try runShapeOp(c.op, inputs, c.args)
                    Issue.record("\(c.name): expected \(c.kind ?? "") \(c.message ?? "")")
                } catch let error as TensorError {
                    #expect(error.kind.rawValue == c.kind, "\(c.name): kind \(error.kind) for \(error.message)")
                    #expect(error.message == c.message, "\(c.name)")
                }
            }
        }

        @Test func setItemMatchesPyTorch() throws {
            let cases = try ShapeFixtures.load("setitem.json", as: SetItemCase.self)
            #expect(cases.count > 20)
            for c in cases {
                let (leaf, x0) = try c.input.makeInput()
                let x = try setItemTarget(mode: c.mode, x0)
                let value = try c.value.make()
                let target = try c.through.map { try x.index($0.map { try $0.make() }) } ?? x
                do {
                    try target.indexPut(c.indices.map { try $0.make() }, value: value)
                } catch {
                    Issue.record("\(c.name): unexpected error \(describeError(error))")
                    continue
                }
                #expect(matches(x, c.result), "\(c.name): got \(x.doubles())")
                #expect(x.gradFn?.name == c.grad_fn, "\(c.name): grad_fn \(x.gradFn?.name ?? "nil")")
                if c.through != nil {
                    #expect(target.gradFn?.name == c.view_grad_fn, "\(c.name): view grad_fn \(target.gradFn?.name ?? "nil")")
                }
                if x.requiresGrad {
                    try backpropagateWeightedSum([x])
                    #expect(matches(leaf.grad, c.grads?[0] ?? nil), "\(c.name): leaf grad \(leaf.grad?.doubles() ?? [])")
                    #expect(matches(value.grad, c.grads?[1] ?? nil), "\(c.name): value grad \(value.grad?.doubles() ?? [])")
                }
            }
        }

        @Test func setItemErrorsMatchPyTorch() throws {
            let cases = try ShapeFixtures.load("setitem_errors.json", as: SetItemCase.self)
            #expect(cases.count >= 10)
            for c in cases {
                let (_, x0) = try c.input.makeInput()
                let x = try setItemTarget(mode: c.mode, x0)
                let before = x.doubles()
                do {
                    let target = try c.through.map { try x.index($0.map { try $0.make() }) } ?? x
                    try target.indexPut(c.indices.map { try $0.make() }, value: try c.value.make())
                    Issue.record("\(c.name): expected \(c.message ?? "")")
                } catch let error as TensorError {
                    #expect(error.kind.rawValue == c.kind, "\(c.name): kind")
                    #expect(error.message == c.message, "\(c.name)")
                }
                #expect(x.doubles() == before, "\(c.name): a failed assignment must not write")
            }
        }
    }
}
