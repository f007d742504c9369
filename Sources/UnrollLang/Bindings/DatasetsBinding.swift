// The `unroll.datasets` namespace: the real data sets shipped in datasets/, loaded by name from anywhere.
import UnrollData
import UnrollTensor

/// `from unroll import datasets; df = datasets.load("electricity")` gives a pandas DataFrame;
/// `datasets.path("bikeshare")` the CSV file's path (for `pd.read_csv`); `datasets.names()` the list;
/// `get_hourly_bikes_data(...)` and `HourlyBikesDataset(X, y)` the bike-sharing trainer's data (course text 003).
enum DatasetsBinding {
    static func register() {
        ModuleRegistry.register("unroll") { Namespace("unroll") }
        ModuleRegistry.register("unroll.datasets") { makeNamespace() }
    }

    static func makeNamespace() -> Namespace {
        let ns = Namespace("unroll.datasets")
        ns.define("names") { args, kwargs, _ in
            _ = try Arguments("names", [], args, kwargs)
            return .makeList(BundledDataset.all.map { .str($0.name) })
        }
        ns.define("describe") { args, kwargs, interp in
            _ = try Arguments("describe", [], args, kwargs)
            let width = BundledDataset.all.map(\.name.count).max() ?? 0
            for set in BundledDataset.all {
                interp.output(set.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + set.summary + "\n")
            }
            return .none
        }
        ns.define("path") { args, kwargs, _ in
            let a = try Arguments("path", ["name"], required: 1, args, kwargs)
            let set = try known(try (a.values["name"] ?? .none).asString(what: "path(): name"))
            guard let path = DatasetLocator.path(of: set.fileName) else {
                throw LangError("FileNotFoundError", "[Errno 2] No such file or directory: '\(set.fileName)'",
                                hint: "Unroll looks for datasets/ in $UNROLL_DATASETS, the current folder and its parents, and beside the unroll executable.")
            }
            return .str(path)
        }
        ns.define("load") { args, kwargs, _ in
            let a = try Arguments("load", ["name"], required: 1, args, kwargs)
            let set = try known(try (a.values["name"] ?? .none).asString(what: "load(): name"))
            return .object(DataFrameObject(try pandasCall { try set.load() }))
        }
        ns.define("sine", keywords: ["start", "stop", "num"]) { args, kwargs, _ in
            let a = try Arguments("sine", ["start", "stop", "num"], args, kwargs)
            let num = try a.int("num", default: 50)
            guard num >= 0 else { throw LangError.valueError("Number of samples, \(num), must be non-negative.") }
            let series = try SineSeries.make(start: try a.double("start", default: 0), stop: try a.double("stop", default: 10), count: num)
            return .tuple([NDArrayObject.wrap(series.time), NDArrayObject.wrap(series.values)])
        }
        ns.define("get_hourly_bikes_data", keywords: ["sequence_size", "validation_size", "test_size", "y_normalizer"]) { args, kwargs, _ in
            let a = try Arguments("get_hourly_bikes_data", ["sequence_size", "validation_size", "test_size", "y_normalizer"], args, kwargs)
            let bikes = try pandasCall {
                try HourlyBikes.load(sequenceSize: try a.int("sequence_size", default: 24), validationSize: try a.int("validation_size", default: 96),
                                     testSize: try a.int("test_size", default: 24), yNormalizer: try a.double("y_normalizer", default: 100))
            }
            return .tuple([bikes.xTrain, bikes.xValidation, bikes.xTest, bikes.yTrain, bikes.yValidation, bikes.yTest].map { TensorBridge.wrap($0) })
        }
        ns.members["HourlyBikesDataset"] = .object(HourlyBikesDatasetClass())
        return ns
    }

    private static func known(_ name: String) throws -> BundledDataset {
        guard let set = BundledDataset.named(name) else {
            throw LangError.valueError("unknown dataset '\(name)'", hint: "Bundled datasets: " + BundledDataset.all.map(\.name).joined(separator: ", ") + ".")
        }
        return set
    }
}

extension LangError {
    static func valueError(_ message: String, hint: String) -> LangError { LangError("ValueError", message, hint: hint) }
}

/// `HourlyBikesDataset(X=..., y=...)`: the course's dataset of bike windows and targets (`ds[i]` is `(X[i], y[i])`,
/// `str(ds)` its size and shapes), batched by the DataLoader like a TensorDataset.
final class HourlyBikesDatasetClass: HostObject {
    var typeName: String { "type" }
    var keywordNames: [String] { ["X", "y"] }
    func repr(_ interp: Interpreter) throws -> String { "<class 'unroll.datasets.HourlyBikesDataset'>" }
    func isInstance(_ value: Value) -> Bool? {
        if case .object(let o as TensorDatasetObject) = value { return o.typeName == "HourlyBikesDataset" }
        return false
    }
    func call(_ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value? {
        let a = try Arguments("HourlyBikesDataset", ["X", "y"], required: 2, args, kwargs)
        let tensors = try ["X", "y"].map { name -> Tensor in
            let v = a.values[name] ?? .none
            guard let t = TensorBridge.tensorValue(v), t.dim > 0 else {
                throw LangError.typeError("HourlyBikesDataset(): \(name) must be a tensor with a first dimension, not \(v.typeName)")
            }
            return t
        }
        guard tensors[0].shape[0] == tensors[1].shape[0] else { throw LangError("AssertionError", "") }
        let dataset = try pandasCall { try TensorDataset(tensors) }
        return .object(TensorDatasetObject(dataset, typeName: "HourlyBikesDataset", classPath: "unroll.datasets.HourlyBikesDataset",
                                           fields: ["X", "y"]) { d in
            func size(_ t: Tensor) -> String { "torch.Size([" + t.shape.map(String.init).joined(separator: ", ") + "])" }
            return "Data Size: \(d.count), Input Shape: \(size(d.tensors[0])), Target Shape: \(size(d.tensors[1]))"
        })
    }
}
