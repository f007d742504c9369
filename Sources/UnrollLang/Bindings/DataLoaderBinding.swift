// `torch.utils.data.DataLoader` in the language: PyTorch's batch order (seeded shuffles) and default collation.
import UnrollData
import UnrollTensor

/// `DataLoader(dataset, batch_size=1, shuffle=False, drop_last=False, generator=None, ...)`.
final class DataLoaderClass: HostObject {
    static let parameters = ["dataset", "batch_size", "shuffle", "sampler", "batch_sampler", "num_workers", "collate_fn",
                             "pin_memory", "drop_last", "timeout", "worker_init_fn", "multiprocessing_context", "generator",
                             "prefetch_factor", "persistent_workers", "pin_memory_device"]
    var typeName: String { "type" }
    var keywordNames: [String] { DataLoaderClass.parameters }
    func repr(_ interp: Interpreter) throws -> String { "<class 'torch.utils.data.dataloader.DataLoader'>" }
    func isInstance(_ value: Value) -> Bool? {
        if case .object(let o) = value { return o is DataLoaderObject }
        return false
    }
    func call(_ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value? {
        let a = try Arguments("DataLoader", DataLoaderClass.parameters, required: 1, args, kwargs)
        for name in ["sampler", "batch_sampler", "collate_fn", "worker_init_fn", "multiprocessing_context", "prefetch_factor"] where a[name] != nil {
            throw LangError("NotImplementedError", "DataLoader(\(name)=...) is not supported by Unroll",
                            hint: "Unroll's DataLoader supports dataset, batch_size, shuffle, drop_last and generator.")
        }
        let batchSize: Int
        if let b = a.values["batch_size"] {
            if b.isNone {
                throw LangError("NotImplementedError", "DataLoader(batch_size=None) is not supported by Unroll",
                                hint: "Iterate over the dataset itself to get single samples.")
            }
            batchSize = try b.asInt(what: "batch_size")
        } else {
            batchSize = 1
        }
        guard batchSize > 0 else {
            throw LangError.valueError("batch_size should be a positive integer value, but got batch_size=\(batchSize)")
        }
        return .object(DataLoaderObject(dataset: a.values["dataset"] ?? .none, batchSize: batchSize,
                                        shuffle: try a.bool("shuffle", default: false), dropLast: try a.bool("drop_last", default: false),
                                        generator: try a["generator"].map { v -> GeneratorObject in
                                            guard case .object(let g as GeneratorObject) = v else {
                                                throw LangError.typeError("generator must be torch.Generator, not \(v.typeName)")
                                            }
                                            return g
                                        }))
    }
}

/// A DataLoader: each `for` over it is one epoch, drawing its order as PyTorch does when the loop starts.
final class DataLoaderObject: HostObject {
    let dataset: Value
    let batchSize: Int
    let shuffle: Bool
    let dropLast: Bool
    let generator: GeneratorObject?

    init(dataset: Value, batchSize: Int, shuffle: Bool, dropLast: Bool, generator: GeneratorObject?) {
        self.dataset = dataset
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.dropLast = dropLast
        self.generator = generator
    }

    var typeName: String { "DataLoader" }
    func repr(_ interp: Interpreter) throws -> String { "<torch.utils.data.dataloader.DataLoader object at \(interp.address(self))>" }
    var attributeNames: [String] { ["dataset", "batch_size", "drop_last", "generator"] }
    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        switch name {
        case "dataset": return dataset
        case "batch_size": return .int(Int64(batchSize))
        case "drop_last": return .bool(dropLast)
        case "generator": return generator.map { .object($0) } ?? Value.none
        default: return nil
        }
    }

    func length(_ interp: Interpreter) throws -> Int? {
        BatchSampler.batchCount(samples: try interp.length(dataset), batchSize: batchSize, dropLast: dropLast)
    }

    func iterate(_ interp: Interpreter) throws -> [Value]? {
        let n = try interp.length(dataset)
        let order = try pandasCall {
            try BatchSampler.batches(samples: n, batchSize: batchSize, shuffle: shuffle, dropLast: dropLast, generator: generator?.generator)
        }
        // Fast path: rows of a TensorDataset (possibly through Subsets) are gathered per batch, no per-sample tuples.
        var rows: (TensorDataset, [Int])?
        switch dataset {
        case .object(let o as TensorDatasetObject): rows = (o.dataset, Array(0..<n))
        case .object(let s as SubsetObject): rows = s.tensorRows
        default: rows = nil
        }
        if let (tensorDataset, map) = rows, map.count == n {
            return try order.map { batch in .makeList(try tensorDataset.batch(batch.map { map[$0] }).map { TensorBridge.wrap($0) }) }
        }
        return try order.map { batch in
            try Collate.collate(try batch.map { try interp.getItem(dataset, .int(Int64($0))) }, interp)
        }
    }
}

/// `torch.utils.data.default_collate`: tensors stacked, Python numbers to tensors, tuples/lists transposed to lists.
enum Collate {
    static func collate(_ batch: [Value], _ interp: Interpreter) throws -> Value {
        guard let first = batch.first else { return .makeList([]) }
        switch first {
        case .object(let o) where o is TensorObject || o is NDArrayObject:
            let tensors = try batch.map { v -> Tensor in
                guard let t = ArrayBridge.tensor(v) else {
                    throw LangError.typeError("expected Tensor as element \(0) in argument 0, but got \(v.typeName)")
                }
                return t
            }
            return TensorBridge.wrap(try Tensor.stack(tensors, dim: 0))
        case .float:
            return TensorBridge.wrap(try TensorConvert.fromData(.makeList(batch), dtype: .float64, interp))
        case .int, .bool:
            return TensorBridge.wrap(try TensorConvert.fromData(.makeList(batch), dtype: nil, interp))
        case .str:
            return .makeList(batch)
        case .dict(let d):
            let out = DictBox()
            for key in d.keys {
                try out.set(key, try collate(try batch.map { v -> Value in
                    guard case .dict(let e) = v, let item = try e.get(key) else { throw LangError("KeyError", try interp.repr(key)) }
                    return item
                }, interp))
            }
            return .dict(out)
        case .tuple, .list:
            let rows = try batch.map { try interp.iterate($0) }
            let width = rows[0].count
            guard rows.allSatisfy({ $0.count == width }) else {
                throw LangError("RuntimeError", "each element in list of batch should be of equal size")
            }
            return .makeList(try (0..<width).map { j in try collate(rows.map { $0[j] }, interp) })
        default:
            throw LangError.typeError("default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found <class '\(first.typeName)'>")
        }
    }
}
