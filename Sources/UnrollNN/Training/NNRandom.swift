// The random source behind initialisation and dropout: one hook, so the tensor library's PyTorch-identical generator can drive it.
import Foundation
import UnrollTensor

/// Draws that nn needs. The default source draws from the tensor library's PyTorch-identical default generator,
/// so `torch.manual_seed` governs layer initialisation and dropout; tests may install another source.
public protocol NNRandomSource: AnyObject {
    /// `tensor.uniform_(from, to)` on a contiguous float tensor, in PyTorch's draw order.
    func uniform_(_ tensor: Tensor, from: Double, to: Double) throws
    /// `tensor.normal_(mean, std)`.
    func normal_(_ tensor: Tensor, mean: Double, std: Double) throws
    /// `count` draws of bernoulli(keep) as 0/1 floats (dropout's noise before scaling).
    func bernoulli(count: Int, keep: Double) throws -> [Float]
}

public enum NNRandom {
    nonisolated(unsafe) public static var source: NNRandomSource = DefaultGeneratorSource()

    /// Dropout's mask: bernoulli(1-p) / (1-p), as `at::dropout` builds it.
    static func dropoutMask(count: Int, p: Double) throws -> [Float] {
        if p >= 1 { return [Float](repeating: 0, count: count) }
        let noise = try source.bernoulli(count: count, keep: 1 - p)
        let scale = Float(1 - p)
        return noise.map { $0 / scale }
    }
}
