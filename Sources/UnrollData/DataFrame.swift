// A small column-oriented table (pandas' DataFrame essentials): typed columns, row/column selection, numeric export.
import UnrollTensor

/// One typed column, as pandas infers it from a CSV: `int64`, `float64` (NaN marks a missing value), `bool` or text
/// (`nil` marks a missing value).
public enum DataColumn: Equatable, Sendable {
    case int([Int64])
    case float([Double])
    case bool([Bool])
    case string([String?])

    public var count: Int {
        switch self {
        case .int(let v): return v.count
        case .float(let v): return v.count
        case .bool(let v): return v.count
        case .string(let v): return v.count
        }
    }

    /// pandas' dtype name (`int64`, `float64`, `str`; a column read with no rows is `object`, as pandas 3 reads it).
    public var dtypeName: String {
        switch self {
        case .int: return "int64"
        case .float: return "float64"
        case .bool: return "bool"
        case .string(let v): return v.isEmpty ? "object" : "str"
        }
    }

    public var isNumeric: Bool { if case .string = self { return false }; return true }

    /// The rows at `positions`, in that order.
    public func rows(_ positions: [Int]) -> DataColumn {
        switch self {
        case .int(let v): return .int(positions.map { v[$0] })
        case .float(let v): return .float(positions.map { v[$0] })
        case .bool(let v): return .bool(positions.map { v[$0] })
        case .string(let v): return .string(positions.map { v[$0] })
        }
    }

    /// The rows in `range` (a contiguous slice, no per-row index array).
    public func rows(_ range: Range<Int>) -> DataColumn {
        switch self {
        case .int(let v): return .int(Array(v[range]))
        case .float(let v): return .float(Array(v[range]))
        case .bool(let v): return .bool(Array(v[range]))
        case .string(let v): return .string(Array(v[range]))
        }
    }

    /// The column as doubles (a bool as 0 or 1); nil for a text column.
    public func doubles() -> [Double]? {
        switch self {
        case .int(let v): return v.map { Double($0) }
        case .float(let v): return v
        case .bool(let v): return v.map { $0 ? 1 : 0 }
        case .string: return nil
        }
    }
}

/// A table of named, typed columns of equal length with a default `RangeIndex` (row labels 0..<n
/// unless `index` says otherwise, e.g. after `iloc` row slicing).
public struct DataFrame: Equatable, Sendable {
    public private(set) var columnNames: [String]
    public private(set) var columns: [DataColumn]
    /// Row labels (pandas keeps the original labels when rows are selected).
    public private(set) var index: [Int]

    public init(columnNames: [String], columns: [DataColumn], index: [Int]? = nil) throws {
        guard columnNames.count == columns.count else {
            throw DataError.value("\(columnNames.count) column names for \(columns.count) columns")
        }
        let n = columns.first?.count ?? (index?.count ?? 0)
        for c in columns where c.count != n { throw DataError.value("All arrays must be of the same length") }
        if let index, index.count != n {
            throw DataError.value("Length of values (\(n)) does not match length of index (\(index.count))")
        }
        self.columnNames = columnNames
        self.columns = columns
        self.index = index ?? Array(0..<n)
    }

    public var rowCount: Int { index.count }
    public var columnCount: Int { columns.count }

    /// The column called `name` (pandas raises `KeyError: 'name'`).
    public func column(named name: String) throws -> DataColumn {
        guard let i = columnNames.firstIndex(of: name) else { throw DataError("KeyError", "'\(name)'") }
        return columns[i]
    }

    /// Rows at `positions` and columns at `columnPositions` (both already bounds-checked by the caller).
    public func select(rows positions: [Int], columns columnPositions: [Int]) -> DataFrame {
        DataFrame(unchecked: columnPositions.map { columnNames[$0] },
                  columns: columnPositions.map { columns[$0].rows(positions) },
                  index: positions.map { index[$0] })
    }

    /// Contiguous rows (`df.iloc[a:b]`, `df.head(n)`), all columns.
    public func slice(rows range: Range<Int>) -> DataFrame {
        DataFrame(unchecked: columnNames, columns: columns.map { $0.rows(range) }, index: Array(index[range]))
    }

    /// `df["name"] = values`: replaces the column called `name`, or appends it.
    public mutating func setColumn(_ name: String, _ column: DataColumn) throws {
        guard column.count == rowCount else {
            throw DataError.value("Length of values (\(column.count)) does not match length of index (\(rowCount))")
        }
        if let i = columnNames.firstIndex(of: name) {
            columns[i] = column
        } else {
            columnNames.append(name)
            columns.append(column)
        }
    }

    private init(unchecked names: [String], columns: [DataColumn], index: [Int]) {
        columnNames = names
        self.columns = columns
        self.index = index
    }

    /// The numeric columns as a row-major `[rows, columns]` float64 tensor (`df.values` of a numeric frame).
    public func numericTensor(columns positions: [Int]? = nil) throws -> Tensor {
        let picked = positions ?? Array(columns.indices)
        var out = [Double](repeating: 0, count: rowCount * picked.count)
        for (j, p) in picked.enumerated() {
            guard let values = columns[p].doubles() else {
                // numpy's text: the first value it fails on (a missing value converts to NaN).
                var first = ""
                if case .string(let texts) = columns[p] { first = texts.lazy.compactMap { $0 }.first(where: { Double($0) == nil }) ?? "" }
                throw DataError.value("could not convert string to float: '\(first)'")
            }
            for i in 0..<rowCount { out[i * picked.count + j] = values[i] }
        }
        return try Tensor(out, shape: [rowCount, picked.count])
    }
}
