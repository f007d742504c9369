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
        case "sum": return .float(pairwiseSum(v[...]))
        case "min": return .float(v.isEmpty ? .nan : (v.contains { $0.isNaN } ? .nan : v.min() ?? .nan))
        case "max": return .float(v.isEmpty ? .nan : (v.contains { $0.isNaN } ? .nan : v.max() ?? .nan))
        case "mean": return .float(v.isEmpty ? .nan : pairwiseSum(v[...]) / Double(v.count))
        default:
            // pandas' nanvar: the mean, then the summed squared deviations, both summed as numpy sums.
            guard v.count > ddof else { return .float(.nan) }
            let mean = pairwiseSum(v[...]) / Double(v.count)
            let squares = v.map { ($0 - mean) * ($0 - mean) }
            return .float((pairwiseSum(squares[...]) / Double(v.count - ddof)).squareRoot())
        }
    }

    /// numpy's pairwise summation (`pairwise_sum_DOUBLE`): 8 running sums over blocks of up to 128 values, halves
    /// added recursively above that. pandas sums through numpy, so its last digits depend on this order.
    static func pairwiseSum(_ a: ArraySlice<Double>) -> Double {
        let n = a.count, base = a.startIndex
        if n < 8 { return a.reduce(0, +) }
        if n <= 128 {
            var r = (0..<8).map { a[base + $0] }
            var i = 8
            while i < n - n % 8 {
                for j in 0..<8 { r[j] += a[base + i + j] }
                i += 8
            }
            var total = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
            while i < n { total += a[base + i]; i += 1 }
            return total
        }
        var half = n / 2
        half -= half % 8
        return pairwiseSum(a[base..<(base + half)]) + pairwiseSum(a[(base + half)...])
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
