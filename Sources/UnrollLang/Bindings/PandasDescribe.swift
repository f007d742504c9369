// `DataFrame.describe()` and a Series' mean/std/min/max/sum: the statistics of numeric columns, as pandas computes them.
import Foundation
import UnrollData

enum PandasDescribe {
    static let statistics = ["count", "mean", "std", "min", "25%", "50%", "75%", "max"]

    /// The summary frame (float64 columns, statistics as row labels); pandas skips text columns.
    static func describe(_ df: DataFrame) throws -> DataFrameObject {
        var names: [String] = []
        var columns: [DataColumn] = []
        for (name, column) in zip(df.columnNames, df.columns) {
            if case .bool = column { continue }  // pandas describes bool columns only in a frame of nothing else
            guard let values = column.doubles() else { continue }
            names.append(name)
            columns.append(.float(summary(values.filter { !$0.isNaN })))
        }
        guard !columns.isEmpty else {
            throw LangError.valueError("Cannot describe a DataFrame without columns")
        }
        return DataFrameObject(try pandasCall { try DataFrame(columnNames: names, columns: columns) }, rowLabels: statistics)
    }

    /// `s.mean()`, `s.std(ddof=1)`, `s.min()`, `s.max()`, `s.sum()`, skipping NaN as pandas does; an int column's
    /// sum, min and max stay ints.
    static func reduce(_ name: String, _ column: DataColumn, ddof: Int, skipNaN: Bool) throws -> Value {
        guard let all = column.doubles() else {
            throw LangError.typeError("Series.\(name): Unroll's pandas subset reduces numeric columns only")
        }
        if case .bool(let flags) = column, name != "mean", name != "std" {
            switch name {
            case "sum": return .int(Int64(flags.filter { $0 }.count))
            case "min": return flags.isEmpty ? .float(.nan) : .bool(flags.allSatisfy { $0 })
            default: return flags.isEmpty ? .float(.nan) : .bool(flags.contains(true))
            }
        }
        if case .int(let ints) = column, name != "mean", name != "std" {
            switch name {
            case "sum": return .int(ints.reduce(0, &+))
            case "min": return ints.min().map { .int($0) } ?? .float(.nan)
            default: return ints.max().map { .int($0) } ?? .float(.nan)
            }
        }
        let v = skipNaN ? all.filter { !$0.isNaN } : all
        switch name {
        case "sum": return .float(v.reduce(0, +))
        case "min": return .float(v.isEmpty ? .nan : (v.contains { $0.isNaN } ? .nan : v.min() ?? .nan))
        case "max": return .float(v.isEmpty ? .nan : (v.contains { $0.isNaN } ? .nan : v.max() ?? .nan))
        case "mean": return .float(v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count))
        default:
            guard v.count > ddof else { return .float(.nan) }
            let mean = v.reduce(0, +) / Double(v.count)
            return .float((v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count - ddof)).squareRoot())
        }
    }

    /// count, mean, sample std (ddof 1), min, numpy's linear-interpolated 25/50/75% percentiles, max.
    static func summary(_ v: [Double]) -> [Double] {
        let n = v.count
        guard n > 0 else { return [0] + [Double](repeating: .nan, count: 7) }
        let mean = v.reduce(0, +) / Double(n)
        let std = n > 1 ? (v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)).squareRoot() : .nan
        let sorted = v.sorted()
        func percentile(_ q: Double) -> Double {
            let position = Double(n - 1) * q
            let lo = Int(position.rounded(.down)), hi = min(lo + 1, n - 1)
            let t = position - Double(lo), a = sorted[lo], b = sorted[hi]
            let diff = b - a
            return t >= 0.5 ? b - diff * (1 - t) : a + diff * t  // numpy's _lerp
        }
        return [Double(n), mean, std, sorted[0], percentile(0.25), percentile(0.5), percentile(0.75), sorted[n - 1]]
    }
}
