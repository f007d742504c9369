// pandas' DataFrame and Series in the language, over UnrollData's DataFrame (`.iloc` is in PandasILoc.swift).
import UnrollData
import UnrollTensor

/// Wraps data-library errors as the Python exceptions pandas raises.
func pandasCall<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as DataError { throw LangError(e.kind, e.message, hint: e.hint) }
}

/// What pandas hands out for one number (`df.iloc[0, 1]`, `s[3]`, `s.mean()`): a numpy scalar (`np.int64(22262)`);
/// strings and other values pass through.
func numpyScalar(_ v: Value) -> Value {
    switch v {
    case .int(let i): return .object(NDArrayObject(Tensor(scalar: .int(i), dtype: .int64), scalar: true))
    case .float(let d): return .object(NDArrayObject(Tensor(scalar: .double(d), dtype: .float64), scalar: true))
    case .bool(let b): return .object(NDArrayObject(Tensor(scalar: .bool(b), dtype: .bool), scalar: true))
    default: return v
    }
}

/// A Python value for one cell, as iterating or `tolist()` give it (Python numbers, not numpy scalars).
func cellValue(_ column: DataColumn, _ row: Int) -> Value {
    switch column {
    case .int(let v): return .int(v[row])
    case .float(let v): return .float(v[row])
    case .bool(let v): return .bool(v[row])
    case .string(let v): return v[row].map { .str($0) } ?? .float(.nan)
    }
}

/// `pandas.DataFrame`.
final class DataFrameObject: HostObject {
    /// Mutable only through `df["name"] = values` (pandas changes the frame in place).
    private(set) var frame: DataFrame
    /// Text row labels (`describe()`'s statistics); nil for the integer index.
    let rowLabels: [String]?
    init(_ frame: DataFrame, rowLabels: [String]? = nil) {
        self.frame = frame
        self.rowLabels = rowLabels
    }

    var typeName: String { "DataFrame" }
    func repr(_ interp: Interpreter) throws -> String { PandasFormat.frame(frame, labels: rowLabels) }

    static let names = ["head", "tail", "shape", "columns", "iloc", "values", "to_numpy", "dtypes", "describe"]
    var attributeNames: [String] { DataFrameObject.names + frame.columnNames }

    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        switch name {
        case "shape": return .tuple([.int(Int64(frame.rowCount)), .int(Int64(frame.columnCount))])
        case "columns": return .object(PandasIndexObject(frame.columnNames))
        case "iloc": return .object(ILocIndexer(.frame(frame)))
        case "values": return NDArrayObject.wrap(try numeric())
        case "to_numpy": return .builtin(Builtin("to_numpy") { _, _, _ in NDArrayObject.wrap(try self.numeric()) })
        case "head", "tail":
            return .builtin(Builtin(name) { args, kwargs, _ in
                let a = try Arguments(name, ["n"], args, kwargs)
                let n = try a.int("n", default: 5)
                let count = self.frame.rowCount
                let k = n >= 0 ? min(n, count) : max(count + n, 0)
                return .object(DataFrameObject(self.frame.slice(rows: name == "head" ? 0..<k : (count - k)..<count)))
            })
        case "describe":
            return .builtin(Builtin("describe") { args, kwargs, _ in
                _ = try Arguments("describe", [], args, kwargs)
                return .object(try PandasDescribe.describe(self.frame))
            })
        case "dtypes":
            return .object(SeriesObject(.string(frame.columns.map { $0.dtypeName }), labels: frame.columnNames, name: nil, dtypeOverride: "object"))
        default:
            if let i = frame.columnNames.firstIndex(of: name) { return .object(SeriesObject(frame, column: i)) }
            throw LangError.attributeError("'DataFrame' object has no attribute '\(name)'",
                                           hintless: "DataFrame.\(name) is not available in Unroll's pandas subset; it has: " + DataFrameObject.names.joined(separator: ", ") + ".")
        }
    }

    /// `df.values`: numeric frames only (Unroll's numpy has no object arrays).
    func numeric() throws -> Tensor {
        if frame.columns.contains(where: { !$0.isNumeric }) {
            throw LangError.typeError("DataFrame.values: Unroll's numpy subset has no object arrays; select numeric columns first (e.g. df.iloc[:, 1:])")
        }
        let allInt = frame.columns.allSatisfy { if case .int = $0 { return true }; return false }
        let allBool = frame.columns.allSatisfy { if case .bool = $0 { return true }; return false }
        if !allBool && frame.columns.contains(where: { if case .bool = $0 { return true }; return false }) {
            throw LangError.typeError("DataFrame.values: bool and number columns make an object array in pandas, which Unroll's numpy subset does not have; select them apart")
        }
        let t = try pandasCall { try frame.numericTensor() }
        return allBool && frame.columnCount > 0 ? try t.to(.bool) : (allInt ? try t.to(.int64) : t)
    }

    func getItem(_ key: Value, _ interp: Interpreter) throws -> Value? {
        switch key {
        case .str(let name):
            guard let i = frame.columnNames.firstIndex(of: name) else { throw LangError("KeyError", "'\(name)'") }
            return .object(SeriesObject(frame, column: i))
        case .list(let l):
            if let rows = try PandasMask.rows(key, count: frame.rowCount, index: frame.index, interp) {
                return .object(DataFrameObject(frame.select(rows: rows, columns: Array(0..<frame.columnCount))))
            }
            let names = try l.items.map { try $0.asString(what: "column name") }
            let missing = names.filter { !frame.columnNames.contains($0) }
            if !missing.isEmpty {
                let listed = missing.map { "'\($0)'" }.joined(separator: ", ")
                throw LangError("KeyError", missing.count == names.count
                                ? "\"None of [Index([\(listed)], dtype='str')] are in the [columns]\""
                                : "\"[\(listed)] not in index\"")
            }
            let positions = names.compactMap { frame.columnNames.firstIndex(of: $0) }
            return .object(DataFrameObject(frame.select(rows: Array(0..<frame.rowCount), columns: positions)))
        case .slice:
            let rows = try interp.sliceIndices(key, count: frame.rowCount)
            return .object(DataFrameObject(frame.select(rows: rows, columns: Array(0..<frame.columnCount))))
        default:
            if let rows = try PandasMask.rows(key, count: frame.rowCount, index: frame.index, interp) {
                return .object(DataFrameObject(frame.select(rows: rows, columns: Array(0..<frame.columnCount))))
            }
            throw LangError("KeyError", try interp.repr(key))
        }
    }

    /// `df["name"] = values`: a Series of the same rows, a 1-D array or list of matching length, or one value for every row.
    func setItem(_ key: Value, _ value: Value, _ interp: Interpreter) throws -> Bool {
        guard case .str(let name) = key else {
            throw LangError("NotImplementedError", "Unroll's pandas subset assigns whole columns by name only (df[\"name\"] = values)")
        }
        let n = frame.rowCount
        let column: DataColumn
        switch value {
        case .int(let i): column = .int([Int64](repeating: i, count: n))
        case .bool(let b): column = .bool([Bool](repeating: b, count: n))
        case .float(let d): column = .float([Double](repeating: d, count: n))
        case .str(let t): column = .string([String?](repeating: t, count: n))
        case .object(let s as SeriesObject):
            if let p = s.positions, p != frame.index {
                throw LangError("NotImplementedError", "Unroll's pandas subset does not align a Series with a different index; assign .values instead")
            }
            column = s.column
        default:
            let t = try NumpyBinding.arrayTensor(value, interp)
            guard t.dim == 1 else { throw LangError.valueError("Unroll's pandas subset assigns 1-D values to a column, got \(t.dim) dimensions") }
            switch t.dtype {
            case .bool: column = .bool(try t.contiguous().toArray(Bool.self))
            case .int64: column = .int(try t.contiguous().toArray(Int64.self))
            default: column = .float(try t.contiguous().doubles())
            }
        }
        try pandasCall { try frame.setColumn(name, column) }
        return true
    }

    func length(_ interp: Interpreter) throws -> Int? { frame.rowCount }
    func iterate(_ interp: Interpreter) throws -> [Value]? { frame.columnNames.map { .str($0) } }
}

/// `pandas.Series`: one typed column with row labels.
final class SeriesObject: HostObject {
    let column: DataColumn
    let labels: [String]
    /// Integer row labels (a RangeIndex or a slice of one); nil for text labels such as a row's column names.
    let positions: [Int]?
    let name: String?
    let dtypeOverride: String?
    /// The typed values of an object Series (a row across columns of different dtypes); `column` holds their text.
    let objectCells: [Value]?

    init(_ column: DataColumn, labels: [String], name: String?, positions: [Int]? = nil, dtypeOverride: String? = nil,
         objectCells: [Value]? = nil) {
        self.objectCells = objectCells
        self.column = column
        self.labels = labels
        self.positions = positions
        self.name = name
        self.dtypeOverride = dtypeOverride
    }

    convenience init(_ frame: DataFrame, column i: Int) {
        self.init(frame.columns[i], labels: frame.index.map(String.init), name: frame.columnNames[i], positions: frame.index)
    }

    var dtypeName: String { dtypeOverride ?? column.dtypeName }
    var typeName: String { "Series" }
    func repr(_ interp: Interpreter) throws -> String {
        PandasFormat.series(column, labels: labels, name: name, dtype: dtypeName)
    }

    /// The values as a tensor (int64 or float64).
    func valuesTensor() throws -> Tensor {
        switch column {
        case .int(let v): return try Tensor(v, shape: [v.count])
        case .float(let v): return try Tensor(v, shape: [v.count])
        case .bool(let v): return try Tensor(v, shape: [v.count])
        case .string:
            throw LangError.typeError("Series.values: Unroll's numpy subset has no object (text) arrays")
        }
    }

    static let names = ["values", "to_numpy", "shape", "name", "dtype", "iloc", "head", "tail", "tolist",
                        "mean", "std", "min", "max", "sum"]
    var attributeNames: [String] { SeriesObject.names }

    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        switch name {
        case "values": return NDArrayObject.wrap(try valuesTensor())
        case "to_numpy": return .builtin(Builtin("to_numpy") { _, _, _ in NDArrayObject.wrap(try self.valuesTensor()) })
        case "shape": return .tuple([.int(Int64(column.count))])
        case "name": return self.name.map { .str($0) } ?? Value.none
        case "dtype":
            switch column {
            case .int: return .object(NumpyDTypeObject(.int64))
            case .float: return .object(NumpyDTypeObject(.float64))
            case .bool: return .object(NumpyDTypeObject(.bool))
            case .string: return .object(PandasStringDType())
            }
        case "iloc": return .object(ILocIndexer(.series(self)))
        case "mean", "std", "min", "max", "sum":
            return .builtin(Builtin(name) { args, kwargs, _ in
                let a = try Arguments(name, ["axis", "skipna", "ddof"], args, kwargs)
                return numpyScalar(try PandasDescribe.reduce(name, self.column, ddof: try a.int("ddof", default: 1), skipNaN: try a.bool("skipna", default: true)))
            })
        case "tolist": return .builtin(Builtin("tolist") { _, _, _ in .makeList((0..<self.column.count).map(self.cell)) })
        case "head", "tail":
            return .builtin(Builtin(name) { args, kwargs, _ in
                let a = try Arguments(name, ["n"], args, kwargs)
                let n = try a.int("n", default: 5), count = self.column.count
                let k = n >= 0 ? min(n, count) : max(count + n, 0)
                return .object(self.rows(Array(name == "head" ? 0..<k : (count - k)..<count)))
            })
        default:
            throw LangError.attributeError("'Series' object has no attribute '\(name)'",
                                           hintless: "Series.\(name) is not available in Unroll's pandas subset; it has: " + SeriesObject.names.joined(separator: ", ") + ".")
        }
    }

    func rows(_ picked: [Int]) -> SeriesObject {
        SeriesObject(column.rows(picked), labels: picked.map { labels[$0] }, name: name,
                     positions: positions.map { p in picked.map { p[$0] } }, dtypeOverride: dtypeOverride,
                     objectCells: objectCells.map { cells in picked.map { cells[$0] } })
    }

    /// `s[label]` looks up a row label (pandas' label semantics for an integer index); slices are positional.
    func getItem(_ key: Value, _ interp: Interpreter) throws -> Value? {
        if case .slice = key { return .object(rows(try interp.sliceIndices(key, count: column.count))) }
        if let picked = try PandasMask.rows(key, count: column.count, index: positions, interp) { return .object(rows(picked)) }
        if let positions, case .int(let label) = key {
            guard let i = positions.firstIndex(of: Int(label)) else { throw LangError("KeyError", "\(label)") }
            return numpyScalar(cell(i))
        }
        if case .str(let s) = key, let i = labels.firstIndex(of: s) { return numpyScalar(cell(i)) }
        throw LangError("KeyError", try interp.repr(key))
    }

    func length(_ interp: Interpreter) throws -> Int? { column.count }
    func iterate(_ interp: Interpreter) throws -> [Value]? { (0..<column.count).map(cell) }

    /// The Python value at position `i`.
    func cell(_ i: Int) -> Value { objectCells?[i] ?? cellValue(column, i) }

    func binary(_ op: BinaryOperator, _ other: Value, reflected: Bool, _ interp: Interpreter) throws -> Value? {
        if let mask = try PandasMask.compare(self, op, other, reflected: reflected) { return .object(mask) }
        guard let (a, b) = try NumpyBinding.promote(try valuesTensor(), other, op: op, reflected: reflected) else { return nil }
        let r: Tensor
        switch op {
        case .add: r = try a.add(b)
        case .sub: r = try a.sub(b)
        case .mul: r = try a.mul(b)
        case .div: r = try a.div(b)
        case .pow: r = try a.pow(b)
        default: return nil
        }
        return .object(series(r))
    }

    func unary(_ op: UnaryOperator, _ interp: Interpreter) throws -> Value? {
        switch op {
        case .neg: return .object(series(try valuesTensor().neg()))
        case .pos: return .object(series(try valuesTensor()))
        case .invert:
            guard case .bool(let flags) = column else { return nil }
            return .object(series(.bool(flags.map { !$0 })))
        }
    }

    /// Values computed from this Series' values, with its labels and name.
    func series(_ values: Tensor) -> SeriesObject {
        switch values.dtype {
        case .int64: return series(.int(values.toArray(Int64.self)))
        case .bool: return series(.bool(values.toArray(Bool.self)))
        default: return series(.float(values.doubles()))
        }
    }

    func series(_ column: DataColumn) -> SeriesObject {
        SeriesObject(column, labels: labels, name: name, positions: positions)
    }
}

/// The dtype of a text column (pandas 3's default string dtype without pyarrow); compares equal to `'str'`.
final class PandasStringDType: HostObject {
    var typeName: String { "StringDtype" }
    func repr(_ interp: Interpreter) throws -> String { "<StringDtype(storage='python', na_value=nan)>" }
    func str(_ interp: Interpreter) throws -> String { "str" }
    func binary(_ op: BinaryOperator, _ other: Value, reflected: Bool, _ interp: Interpreter) throws -> Value? {
        guard op == .eq || op == .ne else { return nil }
        var same = false
        if case .str(let s) = other { same = s == "str" || s == "string" }
        if case .object(let o) = other { same = o is PandasStringDType }
        return .bool(op == .eq ? same : !same)
    }
}

/// `df.columns`: prints as pandas' `Index([...], dtype='str')`.
final class PandasIndexObject: HostObject {
    let names: [String]
    init(_ names: [String]) { self.names = names }
    var typeName: String { "Index" }
    func repr(_ interp: Interpreter) throws -> String {
        "Index(" + PandasFormat.objectSummary(names.map { "'\($0)'" }, name: "Index") + "dtype='str')"
    }
    func getItem(_ key: Value, _ interp: Interpreter) throws -> Value? {
        if case .slice = key { return .object(PandasIndexObject(try interp.sliceIndices(key, count: names.count).map { names[$0] })) }
        return .str(names[try interp.normalizedIndex(key, count: names.count, what: "index")])
    }
    func iterate(_ interp: Interpreter) throws -> [Value]? { names.map { .str($0) } }
    func length(_ interp: Interpreter) throws -> Int? { names.count }
    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        name == "tolist" ? .builtin(Builtin("tolist") { _, _, _ in .makeList(self.names.map { .str($0) }) }) : nil
    }
}
