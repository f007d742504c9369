// Bad input to the random functions: PyTorch's exception kind and text, and its in-place autograd rules.
import Foundation
import Testing
@testable import UnrollTensor

@Suite struct RandomErrorTests {
    /// The Swift call for each error case tools/fixtures/random.py records.
    let calls: [String: () throws -> Void] = [
        "randint_equal": { _ = try Tensor.randint(low: 5, high: 5, [3], generator: Generator()) },
        "randint_reversed": { _ = try Tensor.randint(low: 5, high: 3, [3], generator: Generator()) },
        "randint_negative_size": { _ = try Tensor.randint(low: 0, high: 10, [2, -1], generator: Generator()) },
        "rand_negative_size": { _ = try Tensor.rand([2, -3], generator: Generator()) },
        "randn_negative_size": { _ = try Tensor.randn([-1], generator: Generator()) },
        "randperm_negative": { _ = try Tensor.randperm(-3, generator: Generator()) },
        "randperm_float_too_big": { _ = try Tensor.randperm((1 << 24) + 2, dtype: .float32, generator: Generator()) },
        "normal_negative_std": { _ = try Tensor.normal(mean: 0, std: -1, [3], generator: Generator()) },
        "normal_negative_std_fraction": { _ = try Tensor.normal(mean: 0, std: -1.5, [3], generator: Generator()) },
        "normal__negative_std": { _ = try Tensor.empty([3]).normal_(mean: 0, std: -0.1, generator: Generator()) },
        "normal_nan_std": { _ = try Tensor.empty([2]).normal_(mean: 0, std: .nan, generator: Generator()) },
        "uniform_reversed": { _ = try Tensor.empty([3]).uniform_(1, 0, generator: Generator()) },
        "uniform_too_wide": { _ = try Tensor.empty([3]).uniform_(-3e38, 3e38, generator: Generator()) },
        "uniform_infinite": { _ = try Tensor.empty([2]).uniform_(0, .infinity, generator: Generator()) },
        "uniform_long": { _ = try Tensor.empty([3], dtype: .int64).uniform_(generator: Generator()) },
        "rand_long": { _ = try Tensor.rand([3], dtype: .int64, generator: Generator()) },
        "randn_long": { _ = try Tensor.randn([3], dtype: .int64, generator: Generator()) },
        "bernoulli__above_one": { _ = try Tensor.empty([3]).bernoulli_(1.5, generator: Generator()) },
        "bernoulli__below_zero": { _ = try Tensor.empty([3]).bernoulli_(-0.5, generator: Generator()) },
        "bernoulli_tensor_out_of_range": {
            _ = try Tensor.bernoulli(try Tensor([Float(0.5), 1.5], shape: [2]), generator: Generator())
        },
        "bernoulli_long_probs": { _ = try Tensor.bernoulli(try Tensor([Int64(1), 0], shape: [2]), generator: Generator()) },
        "randint_bool_range": { _ = try Tensor.randint(low: 0, high: 5, [3], dtype: .bool, generator: Generator()) },
        "leaf_uniform_": { _ = try RandomErrorTests.leaf().uniform_(generator: Generator()) },
        "leaf_normal_": { _ = try RandomErrorTests.leaf().normal_(generator: Generator()) },
        "leaf_bernoulli_": { _ = try RandomErrorTests.leaf().bernoulli_(0.5, generator: Generator()) },
        "leaf_view_uniform_": {
            let leaf = try RandomErrorTests.leaf()
            _ = try leaf.makeView(shape: [2], strides: [1], offset: 0).uniform_(generator: Generator())
        },
        "expanded_uniform_": { _ = try Tensor.empty([3]).expand([2, 3]).uniform_(generator: Generator()) },
        "dropout_p": { _ = try Tensor.ones([3]).dropout(p: 1.5, generator: Generator()) },
    ]

    static func leaf() throws -> Tensor {
        let t = try Tensor.ones([3])
        try t.setRequiresGrad(true)
        return t
    }

    @Test func errorsMatchPyTorch() throws {
        let root = try #require(try RandomFixtures.load("errors.json") as? [String: Any])
        let errors = try #require(root["errors"] as? [[String: String]])
        #expect(errors.count == calls.count)
        for error in errors {
            let name = error["name"] ?? ""
            guard let call = calls[name] else {
                Issue.record("no Swift call for \(name)")
                continue
            }
            do {
                try call()
                Issue.record("\(name) did not throw")
            } catch let thrown as TensorError {
                #expect(thrown.kind.rawValue == error["kind"], "\(name)")
                #expect(thrown.message == error["message"], "\(name)")
            }
        }
    }

    @Test func gradFnNamesMatchPyTorch() throws {
        let root = try #require(try RandomFixtures.load("errors.json") as? [String: Any])
        let names = try #require(root["grad_fns"] as? [String: String])
        func nonLeaf() throws -> Tensor {
            try RandomErrorTests.leaf().mul(Tensor(scalar: .int(2), wrapped: true))
        }
        let gen = Generator(seed: 0)
        #expect(try nonLeaf().uniform_(generator: gen).gradFn?.name == names["uniform_"])
        #expect(try nonLeaf().normal_(generator: gen).gradFn?.name == names["normal_"])
        #expect(try nonLeaf().random_(0, 5, generator: gen).gradFn?.name == names["random_"])
        #expect(try nonLeaf().bernoulli_(0.5, generator: gen).gradFn?.name == names["bernoulli_scalar"])
        #expect(try nonLeaf().bernoulli_(Tensor.rand([3], generator: gen), generator: gen).gradFn?.name == names["bernoulli_tensor"])
        let probs = try Tensor.rand([3], generator: gen)
        try probs.setRequiresGrad(true)
        #expect(try Tensor.bernoulli(probs, generator: gen).gradFn?.name == names["bernoulli"])
        #expect(try RandomErrorTests.leaf().dropout(p: 0.5, generator: gen).gradFn?.name == names["dropout"])
    }

    @Test func filledNonLeafBackpropagatesZero() throws {
        let leaf = try RandomErrorTests.leaf()
        let y = try leaf.mul(Tensor(scalar: .int(2), wrapped: true))
        try y.uniform_(generator: Generator(seed: 1))
        try y.sum().backward()
        #expect(leaf.grad?.doubles() == [0, 0, 0])
    }

    @Test func aBadProbabilityStopsBernoulliPartWay() throws {
        let root = try #require(try RandomFixtures.load("errors.json") as? [String: Any])
        let gen = Generator(seed: 5)
        let probs = try Tensor([Float(0.5), 0.25, 2, 0.5], shape: [4])
        #expect(throws: TensorError.self) { try Tensor.bernoulli(probs, generator: gen) }
        #expect(RandomFixtures.strings(try Tensor.rand([3], generator: gen)) == root["after_bad_bernoulli"] as? [String])
    }
}
