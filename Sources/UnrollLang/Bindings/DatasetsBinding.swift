// The `unroll.datasets` namespace: the real data sets shipped in datasets/, loaded by name from anywhere.
import UnrollData
import UnrollTensor

/// `from unroll import datasets; df = datasets.load("electricity")` gives a pandas DataFrame;
/// `datasets.path("bikeshare")` the CSV file's path (for `pd.read_csv`); `datasets.names()` the list.
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
