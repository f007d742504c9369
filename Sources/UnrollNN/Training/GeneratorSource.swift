// Initialisation and dropout draws from the tensor library's PyTorch-identical default generator.
import UnrollTensor

/// The default `NNRandomSource`: every draw comes from `Generator.default`, so `torch.manual_seed(0)` followed by
/// `nn.LSTM(1, 32, 2)` gives PyTorch's weights bit for bit (init runs under no_grad, as PyTorch's does).
public final class DefaultGeneratorSource: NNRandomSource {
    public init() {}

    public func uniform_(_ tensor: Tensor, from: Double, to: Double) throws {
        try GradMode.withDisabled { _ = try tensor.uniform_(from, to, generator: Generator.default) }
    }

    public func normal_(_ tensor: Tensor, mean: Double, std: Double) throws {
        try GradMode.withDisabled { _ = try tensor.normal_(mean: mean, std: std, generator: Generator.default) }
    }

    public func bernoulli(count: Int, keep: Double) throws -> [Float] {
        let noise = try Tensor.zeros([count])
        try noise.bernoulli_(keep, generator: Generator.default)
        return noise.toArray(Float.self)
    }
}
