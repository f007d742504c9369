// TensorDataset: samples are the i-th rows of several tensors of equal first dimension.
import UnrollTensor

/// `torch.utils.data.TensorDataset`: sample `i` is `(t[i] for t in tensors)`.
public final class TensorDataset {
    public let tensors: [Tensor]

    /// PyTorch: `AssertionError: Size mismatch between tensors` when first dimensions differ.
    public init(_ tensors: [Tensor]) throws {
        for t in tensors where t.dim == 0 {
            throw DataError("IndexError", "tuple index out of range")
        }
        let n = tensors.first?.shape[0] ?? 0
        guard tensors.allSatisfy({ $0.shape[0] == n }) else {
            throw DataError("AssertionError", "Size mismatch between tensors")
        }
        self.tensors = tensors
    }

    public var count: Int { tensors.first?.shape[0] ?? 0 }

    /// Sample `i` (negative counts from the end, as tensor indexing does).
    public func sample(_ i: Int) throws -> [Tensor] {
        try tensors.map { try $0.select(0, i) }
    }

    /// The rows at `indices` of every tensor, stacked (what the default collate builds from single samples).
    public func batch(_ indices: [Int]) throws -> [Tensor] {
        let positions = try Tensor(indices.map(Int64.init), shape: [indices.count])
        return try tensors.map { try $0.index([.tensor(positions)]) }
    }
}
