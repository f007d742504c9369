// pandas' `.iloc`: positional selection of rows and columns of a DataFrame or Series.
import UnrollData
import UnrollTensor

/// `df.iloc[...]` / `s.iloc[...]`: positional selection with ints, slices and lists, rows then columns.
final class ILocIndexer: HostObject {
    enum Target { case frame(DataFrame), series(SeriesObject) }
    let target: Target
    init(_ target: Target) { self.target = target }
    var typeName: String { "_iLocIndexer" }
    func repr(_ interp: Interpreter) throws -> String { "<pandas.core.indexing._iLocIndexer object at \(interp.address(self))>" }

    /// Positions for one axis; `scalar` is set for a single integer (which drops that axis). `cell` marks the column
    /// of `iloc[row, col]`, whose out-of-range error is numpy's (pandas reads that one value straight from the array).
    private func positions(_ key: Value, count: Int, _ interp: Interpreter, cell: Bool = false) throws -> (positions: [Int], scalar: Bool) {
        switch key {
        case .slice: return (try interp.sliceIndices(key, count: count), false)
        case .int, .bool:
            let i = try key.asInt()
            let j = i < 0 ? i + count : i
            guard j >= 0 && j < count else {
                throw LangError("IndexError", cell ? "index \(i) is out of bounds for axis 0 with size \(count)" : "single positional indexer is out-of-bounds")
            }
            return ([j], true)
        case .list, .tuple:
            let items = try interp.iterate(key)
            if !items.isEmpty, items.allSatisfy({ if case .bool = $0 { return true }; return false }) {
                return (try mask(items.map { if case .bool(let b) = $0 { return b }; return false }, count: count), false)
            }
            return (try items.map { v in
                let i = try v.asInt(what: "iloc position")
                let j = i < 0 ? i + count : i
                guard j >= 0 && j < count else { throw LangError("IndexError", "positional indexers are out-of-bounds") }
                return j
            }, false)
        case .object(let s as SeriesObject):
            guard case .bool(let flags) = s.column else { return try positions(.makeList(s.column.count == 0 ? [] : (0..<s.column.count).map(s.cell)), count: count, interp) }
            return (try mask(flags, count: count), false)
        default:
            if case .object(let a as NDArrayObject) = key, a.tensor.dtype == .bool, a.tensor.dim == 1 {
                return (try mask(try a.tensor.contiguous().toArray(Bool.self), count: count), false)
            }
            if let t = ArrayBridge.tensor(key), t.dtype == .int64 { return try positions(.makeList(NumpyBinding.pythonValues(t.reshape([-1]))), count: count, interp) }
            throw LangError.typeError("Cannot index by location index with a non-integer key")
        }
    }

    private func mask(_ flags: [Bool], count: Int) throws -> [Int] {
        guard flags.count == count else { throw LangError("IndexError", "Boolean index has wrong length: \(flags.count) instead of \(count)") }
        return flags.indices.filter { flags[$0] }
    }

    func getItem(_ key: Value, _ interp: Interpreter) throws -> Value? {
        switch target {
        case .series(let s):
            let (rows, scalar) = try positions(key, count: s.column.count, interp)
            return scalar ? numpyScalar(s.cell(rows[0])) : .object(s.rows(rows))
        case .frame(let df):
            var rowKey = key, colKey: Value = .slice(.none, .none, .none)
            if case .tuple(let items) = key {
                guard items.count == 2 else { throw LangError("IndexingError", "Too many indexers") }
                rowKey = items[0]; colKey = items[1]
            }
            let (rows, rowScalar) = try positions(rowKey, count: df.rowCount, interp)
            let (cols, colScalar) = try positions(colKey, count: df.columnCount, interp, cell: rowScalar)
            switch (rowScalar, colScalar) {
            case (true, true): return numpyScalar(cellValue(df.columns[cols[0]], rows[0]))
            case (false, true):
                let c = cols[0]
                let column: DataColumn
                if let first = rows.first, let last = rows.last, last - first + 1 == rows.count, rows == Array(first...last) {
                    column = df.columns[c].rows(first..<(last + 1))
                } else {
                    column = df.columns[c].rows(rows)
                }
                return .object(SeriesObject(column, labels: rows.map { String(df.index[$0]) }, name: df.columnNames[c], positions: rows.map { df.index[$0] }))
            case (true, false):
                return .object(rowSeries(df, row: rows[0], columns: cols))
            case (false, false):
                return .object(DataFrameObject(df.select(rows: rows, columns: cols)))
            }
        }
    }

    /// One row as a Series labelled by column names (int64 if all ints, float64 if all numbers, else object).
    private func rowSeries(_ df: DataFrame, row: Int, columns: [Int]) -> SeriesObject {
        let picked = columns.map { df.columns[$0] }
        let labels = columns.map { df.columnNames[$0] }
        let name = String(df.index[row])
        if picked.allSatisfy({ if case .int = $0 { return true }; return false }) {
            return SeriesObject(.int(picked.map { if case .int(let v) = $0 { return v[row] }; return 0 }), labels: labels, name: name)
        }
        if picked.allSatisfy(\.isNumeric) {
            return SeriesObject(.float(picked.compactMap { $0.doubles()?[row] }), labels: labels, name: name)
        }
        let texts: [String?] = picked.map { c in
            switch c {
            case .int(let v): return String(v[row])
            case .float(let v): return v[row].isNaN ? nil : String(v[row])
            case .bool(let v): return v[row] ? "True" : "False"
            case .string(let v): return v[row]
            }
        }
        return SeriesObject(.string(texts), labels: labels, name: name, dtypeOverride: "object",
                            objectCells: picked.map { cellValue($0, row) })
    }
}
