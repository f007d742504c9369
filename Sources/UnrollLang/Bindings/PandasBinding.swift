// The `pandas` namespace: read_csv (which also finds the bundled data sets by file name) and DataFrame.
import UnrollData

/// Registers `pandas`; anything outside the subset raises AttributeError with a hint naming it.
public enum PandasBinding {
    public static func register() {
        ModuleRegistry.register("pandas") { makeNamespace() }
    }

    static func makeNamespace() -> Namespace {
        let pd = Namespace("pandas")
        pd.members["__subset__"] = .str("pandas")
        pd.members["DataFrame"] = .object(DataFrameClass())
        pd.define("read_csv", keywords: readCSVOptions) { args, kwargs, _ in
            if let option = kwargs.first(where: { readCSVOptions.contains($0.0) }) {
                throw LangError("NotImplementedError", "read_csv(\(option.0)=...) is not supported by Unroll",
                                hint: "Unroll's read_csv reads a comma-separated file with a header row, inferring int64, float64 and text columns.")
            }
            let a = try Arguments("read_csv", ["filepath_or_buffer"], required: 1, args, kwargs)
            let path = try (a.values["filepath_or_buffer"] ?? .none).asString(what: "read_csv(): filepath_or_buffer")
            let frame = try pandasCall { try CSVReader.read(path: DatasetLocator.resolve(path)) }
            return .object(DataFrameObject(frame))
        }
        return pd
    }

    /// pandas' other read_csv parameters: refused by name rather than as unknown keywords.
    static let readCSVOptions = [
        "sep", "delimiter", "header", "names", "index_col", "usecols", "dtype", "engine", "converters", "true_values",
        "false_values", "skipinitialspace", "skiprows", "skipfooter", "nrows", "na_values", "keep_default_na", "na_filter",
        "skip_blank_lines", "parse_dates", "date_format", "dayfirst", "cache_dates", "iterator", "chunksize", "compression",
        "thousands", "decimal", "lineterminator", "quotechar", "quoting", "doublequote", "escapechar", "comment", "encoding",
        "encoding_errors", "dialect", "on_bad_lines", "low_memory", "memory_map", "float_precision", "storage_options",
        "dtype_backend",
    ]
}

/// `pd.DataFrame`: a class for `isinstance`, and `pd.DataFrame({"a": [1, 2]})` from a dict of equal-length lists.
final class DataFrameClass: HostObject {
    var typeName: String { "type" }
    func repr(_ interp: Interpreter) throws -> String { "<class 'pandas.DataFrame'>" }
    func isInstance(_ value: Value) -> Bool? {
        if case .object(let o) = value { return o is DataFrameObject }
        return false
    }
    func call(_ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value? {
        let a = try Arguments("DataFrame", ["data"], args, kwargs)
        guard case .dict(let d)? = a["data"] else {
            throw LangError.typeError("Unroll's pandas subset builds a DataFrame from a dict of columns only")
        }
        var names: [String] = []
        var columns: [DataColumn] = []
        for (k, v) in zip(d.keys, d.values) {
            names.append(try interp.str(k))
            let items = try interp.iterate(v)
            if !items.isEmpty, items.allSatisfy({ if case .bool = $0 { return true }; return false }) {
                columns.append(.bool(items.map { if case .bool(let b) = $0 { return b }; return false }))
            } else if items.allSatisfy({ if case .int = $0 { return true }; return false }) {
                columns.append(.int(items.map { if case .int(let i) = $0 { return i }; return 0 }))
            } else if let ds = try? items.map({ try $0.asDouble() }) {
                columns.append(.float(ds))
            } else {
                columns.append(.string(try items.map { try interp.str($0) }))
            }
        }
        return .object(DataFrameObject(try pandasCall { try DataFrame(columnNames: names, columns: columns) }))
    }
}
