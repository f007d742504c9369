// The order in which a DataLoader visits samples: PyTorch's RandomSampler/BatchSampler draws, step for step.
import UnrollTensor

/// What one pass over a `DataLoader` draws and yields, reproducing PyTorch 2.x exactly:
///
/// 1. `_BaseDataLoaderIter.__init__` draws `_base_seed` with `torch.empty((), dtype=torch.int64).random_(generator=loader.generator)`,
///    shuffled or not (so every epoch advances the default generator by one 64-bit draw).
/// 2. With `shuffle=True` and no generator, `RandomSampler.__iter__` draws a seed the same way from the default
///    generator, seeds a fresh `torch.Generator()` with it and yields `randperm(n)`; with a generator it uses that
///    generator directly. Either way it then builds one more `randperm(n)` to slice off `num_samples % n` (= 0) items.
/// 3. `BatchSampler` cuts the order into batches of `batchSize`, keeping a short last batch unless `dropLast`.
public enum BatchSampler {
    /// The number of batches (`len(loader)`).
    public static func batchCount(samples: Int, batchSize: Int, dropLast: Bool) -> Int {
        dropLast ? samples / batchSize : (samples + batchSize - 1) / batchSize
    }

    /// `torch.empty((), dtype=torch.int64).random_()`: a 64-bit draw reduced to [0, 2^63).
    static func seedDraw(_ generator: Generator) -> Int64 {
        Int64(bitPattern: generator.random64() & 0x7fff_ffff_ffff_ffff)
    }

    /// The sample indices of each batch of one pass (one epoch).
    public static func batches(samples n: Int, batchSize: Int, shuffle: Bool, dropLast: Bool,
                               generator: Generator? = nil) throws -> [[Int]] {
        guard batchSize > 0 else {
            throw DataError.value("batch_size should be a positive integer value, but got batch_size=\(batchSize)")
        }
        _ = seedDraw(generator ?? Generator.default)  // _base_seed
        var order = Array(0..<n)
        if shuffle {
            let g = generator ?? Generator(seed: UInt64(seedDraw(Generator.default)))
            order = try Tensor.randperm(n, generator: g).toArray(Int64.self).map { Int($0) }
            _ = try Tensor.randperm(n, generator: g)  // the `[: num_samples % n]` tail PyTorch builds too
        }
        var out: [[Int]] = []
        out.reserveCapacity(batchCount(samples: n, batchSize: batchSize, dropLast: dropLast))
        var start = 0
        while start < n {
            let end = min(start + batchSize, n)
            if end - start < batchSize && dropLast { break }
            out.append(Array(order[start..<end]))
            start = end
        }
        return out
    }
}

/// `torch.utils.data.random_split`'s lengths and indices.
public enum RandomSplit {
    /// Lengths from integers (must sum to `count`) or fractions summing to 1 (floors, then the remainder dealt
    /// round-robin from the first split), as PyTorch computes them.
    public static func lengths(count: Int, _ requested: [Double]) throws -> [Int] {
        let total = requested.reduce(0, +)
        var lengths: [Int]
        if Swift.abs(total - 1) <= 1e-9 * max(1, Swift.abs(total)) && total <= 1 {
            lengths = []
            for (i, frac) in requested.enumerated() {
                guard frac >= 0 && frac <= 1 else { throw DataError.value("Fraction at index \(i) is not between 0 and 1") }
                lengths.append(Int((Double(count) * frac).rounded(.down)))
            }
            let remainder = count - lengths.reduce(0, +)
            if !lengths.isEmpty { for i in 0..<max(remainder, 0) { lengths[i % lengths.count] += 1 } }
        } else {
            lengths = try requested.map { v in
                guard v.rounded() == v, let i = Int(exactly: v) else {
                    throw DataError.value("Sum of input lengths does not equal the length of the input dataset!")
                }
                return i
            }
        }
        guard lengths.reduce(0, +) == count else {
            throw DataError.value("Sum of input lengths does not equal the length of the input dataset!")
        }
        return lengths
    }

    /// The indices of each split: `randperm(count)` from `generator` (default: the default generator) cut in order.
    public static func indices(count: Int, lengths: [Int], generator: Generator? = nil) throws -> [[Int]] {
        let perm = try Tensor.randperm(count, generator: generator ?? Generator.default).toArray(Int64.self).map { Int($0) }
        var out: [[Int]] = []
        var offset = 0
        for l in lengths {
            out.append(Array(perm[offset..<(offset + l)]))
            offset += l
        }
        return out
    }
}
