// The `torch.utils.data` namespace: TensorDataset, Dataset (subclassable), Subset, DataLoader and random_split.
import UnrollData
import UnrollTensor

/// Registers `torch.utils`, `torch.utils.data`, `unroll` and `unroll.datasets`.
public enum DataBinding {
    public static func register() {
        ModuleRegistry.register("torch.utils") { Namespace("torch.utils") }
        ModuleRegistry.register("torch.utils.data") { makeNamespace() }
        DatasetsBinding.register()
    }

    static func makeNamespace() -> Namespace {
        let data = Namespace("torch.utils.data")
        data.members["Dataset"] = .object(DatasetClass())
        data.members["TensorDataset"] = .object(TensorDatasetClass())
        data.members["DataLoader"] = .object(DataLoaderClass())
        data.members["Subset"] = .object(SubsetClass())
        data.define("random_split", keywords: ["generator"]) { args, kwargs, interp in
            let a = try Arguments("random_split", ["dataset", "lengths", "generator"], required: 2, args, kwargs)
            let dataset = a.values["dataset"] ?? .none
            let requested = try interp.iterate(a.values["lengths"] ?? .none).map { try $0.asDouble(what: "random_split(): lengths") }
            let count = try interp.length(dataset)
            let lengths = try pandasCall { try RandomSplit.lengths(count: count, requested) }
            let parts = try pandasCall { try RandomSplit.indices(count: count, lengths: lengths, generator: try generatorArg(a["generator"])) }
            return .makeList(parts.map { .object(SubsetObject(dataset: dataset, indices: $0)) })
        }
        return data
    }
}

/// `torch.utils.data.Dataset`: a base class for `class MyDataset(Dataset):` with `__len__` and `__getitem__`.
final class DatasetClass: HostClass {
    var className: String { "Dataset" }
    var typeName: String { "type" }
    func repr(_ interp: Interpreter) throws -> String { "<class 'torch.utils.data.dataset.Dataset'>" }

    func makeBacking(for instance: Instance, className: String, _ interp: Interpreter) throws -> any HostObject {
        let backing = DatasetBacking()
        backing.owner = instance
        return backing
    }

    func isInstance(_ value: Value) -> Bool? {
        switch value {
        case .object(let o): return o is TensorDatasetObject || o is SubsetObject
        case .instance(let i): return i.backing is DatasetBacking
        default: return false
        }
    }
}

/// The Swift side of a user dataset: Python's legacy iteration (`ds[0]`, `ds[1]`, ... until IndexError).
final class DatasetBacking: HostObject {
    weak var owner: Instance?
    var typeName: String { owner?.cls.name ?? "Dataset" }
    func repr(_ interp: Interpreter) throws -> String {
        "<__main__.\(typeName) object at \(owner.map { interp.address($0) } ?? interp.address(self))>"
    }
    func iterate(_ interp: Interpreter) throws -> [Value]? {
        guard let owner else { return [] }
        return try sequenceItems(.instance(owner), interp)
    }
}

/// Python's fallback iteration over an object with `__getitem__`: indices 0, 1, ... until IndexError.
func sequenceItems(_ object: Value, _ interp: Interpreter) throws -> [Value] {
    var items: [Value] = []
    var i: Int64 = 0
    while true {
        do {
            items.append(try interp.getItem(object, .int(i)))
        } catch let e as LangError where e.type == "IndexError" {
            return items
        } catch let e as TensorError where e.kind.rawValue == "IndexError" {
            return items
        }
        i += 1
        if i > 100_000_000 { throw LangError("MemoryError", "the dataset never raised IndexError") }
    }
}

/// `TensorDataset(*tensors)`.
final class TensorDatasetClass: HostObject {
    var typeName: String { "type" }
    func repr(_ interp: Interpreter) throws -> String { "<class 'torch.utils.data.dataset.TensorDataset'>" }
    func isInstance(_ value: Value) -> Bool? {
        if case .object(let o) = value { return o is TensorDatasetObject }
        return false
    }
    func call(_ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value? {
        let a = try Arguments("TensorDataset", [], variadic: true, args, kwargs)
        let tensors = try a.rest.map { v -> Tensor in
            if let t = TensorBridge.tensorValue(v) { return t }
            if ArrayBridge.isArray(v) { throw LangError.typeError("'int' object is not callable") }
            throw LangError.attributeError("'\(v.typeName)' object has no attribute 'size'")
        }
        return .object(TensorDatasetObject(try pandasCall { try TensorDataset(tensors) }))
    }
}

/// A `TensorDataset`: `ds[i]` is the tuple of every tensor's row `i`. Datasets of the same shape under another
/// name (the course's `HourlyBikesDataset(X, y)`) reuse it with their class path, field names and `str`.
final class TensorDatasetObject: HostObject {
    let dataset: TensorDataset
    let typeName: String
    /// `module.Class` for the repr.
    let classPath: String
    /// Attribute names of the tensors, in order (`X`, `y`); empty for a TensorDataset.
    let fields: [String]
    let describe: ((TensorDataset) -> String)?

    init(_ dataset: TensorDataset, typeName: String = "TensorDataset", classPath: String = "torch.utils.data.dataset.TensorDataset",
         fields: [String] = [], describe: ((TensorDataset) -> String)? = nil) {
        self.dataset = dataset
        self.typeName = typeName
        self.classPath = classPath
        self.fields = fields
        self.describe = describe
    }
    func repr(_ interp: Interpreter) throws -> String { "<\(classPath) object at \(interp.address(self))>" }
    func str(_ interp: Interpreter) throws -> String { try describe?(dataset) ?? repr(interp) }
    var attributeNames: [String] { fields.isEmpty ? ["tensors"] : fields }
    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        if let i = fields.firstIndex(of: name), i < dataset.tensors.count { return TensorBridge.wrap(dataset.tensors[i]) }
        return name == "tensors" && fields.isEmpty ? .tuple(dataset.tensors.map { TensorBridge.wrap($0) }) : nil
    }
    func getItem(_ key: Value, _ interp: Interpreter) throws -> Value? {
        .tuple(try dataset.tensors.map { try interp.getItem(TensorBridge.wrap($0), key) })
    }
    func length(_ interp: Interpreter) throws -> Int? { dataset.count }
    func iterate(_ interp: Interpreter) throws -> [Value]? {
        try (0..<dataset.count).map { i in .tuple(try dataset.sample(i).map { TensorBridge.wrap($0) }) }
    }
}

/// `Subset(dataset, indices)`.
final class SubsetClass: HostObject {
    var typeName: String { "type" }
    func repr(_ interp: Interpreter) throws -> String { "<class 'torch.utils.data.dataset.Subset'>" }
    func isInstance(_ value: Value) -> Bool? {
        if case .object(let o) = value { return o is SubsetObject }
        return false
    }
    func call(_ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value? {
        let a = try Arguments("Subset", ["dataset", "indices"], required: 2, args, kwargs)
        let indices = try interp.iterate(a.values["indices"] ?? .none).map { try $0.asInt(what: "Subset index") }
        return .object(SubsetObject(dataset: a.values["dataset"] ?? .none, indices: indices))
    }
}

/// A `Subset`: `subset[i]` is `dataset[indices[i]]` (what `random_split` returns).
final class SubsetObject: HostObject {
    let dataset: Value
    let indices: [Int]
    init(dataset: Value, indices: [Int]) {
        self.dataset = dataset
        self.indices = indices
    }
    var typeName: String { "Subset" }
    func repr(_ interp: Interpreter) throws -> String { "<torch.utils.data.dataset.Subset object at \(interp.address(self))>" }
    var attributeNames: [String] { ["dataset", "indices"] }
    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        switch name {
        case "dataset": return dataset
        case "indices": return .makeList(indices.map { .int(Int64($0)) })
        default: return nil
        }
    }
    func getItem(_ key: Value, _ interp: Interpreter) throws -> Value? {
        if case .slice = key {
            return .makeList(try interp.sliceIndices(key, count: indices.count).map { try interp.getItem(dataset, .int(Int64(indices[$0]))) })
        }
        guard case .int(let i) = key, i >= -Int64(indices.count), i < Int64(indices.count) else {
            if case .int = key { throw LangError("IndexError", "list index out of range") }
            throw LangError.typeError("list indices must be integers or slices, not \(key.typeName)")
        }
        let position = Int(i < 0 ? i + Int64(indices.count) : i)
        return try interp.getItem(dataset, .int(Int64(indices[position])))
    }
    func length(_ interp: Interpreter) throws -> Int? { indices.count }
    func iterate(_ interp: Interpreter) throws -> [Value]? { try sequenceItems(.object(self), interp) }

    /// The rows of a TensorDataset underneath (for the DataLoader's batched fast path).
    var tensorRows: (TensorDataset, [Int])? {
        if case .object(let o as TensorDatasetObject) = dataset { return (o.dataset, indices) }
        if case .object(let s as SubsetObject) = dataset, let (d, inner) = s.tensorRows {
            guard indices.allSatisfy({ $0 >= 0 && $0 < inner.count }) else { return nil }
            return (d, indices.map { inner[$0] })
        }
        return nil
    }
}
