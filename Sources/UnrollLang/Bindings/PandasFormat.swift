// pandas' console printing of DataFrame and Series (display.width 80, max_rows 60 / min_rows 10), as pandas 3.x does it.
import Foundation
import UnrollData

/// pandas' `DataFrame.__repr__` / `Series.__repr__` with default display options, fitted to an 80-column console.
enum PandasFormat {
    static let width = 80
    static let maxRows = 60
    static let minRows = 10

    /// Formats one column's values the pandas way: ints and floats with a sign slot, text with a leading space.
    static func values(_ column: DataColumn) -> [String] {
        switch column {
        case .int(let v): return v.map { $0 >= 0 ? " \($0)" : "\($0)" }
        case .string(let v): return v.map { $0.map { " " + $0 } ?? "NaN" }
        case .float(let v): return floats(v)
        }
    }

    /// `FloatArrayFormatter`: `% .6f`, common trailing zeros trimmed; `% .6e` for tiny values or long large ones.
    static func floats(_ v: [Double]) -> [String] {
        func fmt(_ spec: String) -> [String] {
            v.map { x in x.isNaN ? "NaN" : (x.isInfinite ? (x < 0 ? "-inf" : " inf") : String(format: spec, x)) }
        }
        var out = fmt("% .6f")
        let finite = v.filter { $0.isFinite }
        let tooLong = (out.map(\.count).max() ?? 0) > 12
        let large = finite.contains { Swift.abs($0) > 1e6 }
        let small = finite.contains { Swift.abs($0) < 1e-6 && $0 != 0 }
        if small || (tooLong && large) { return fmt("% .6e") }
        func isDecimalNumber(_ s: String) -> Bool {
            var t = Substring(s)
            while t.first == " " { t = t.dropFirst() }
            if t.first == "-" || t.first == "+" { t = t.dropFirst() }
            let parts = t.split(separator: ".", omittingEmptySubsequences: false)
            return parts.count == 2 && !parts[0].isEmpty && parts[0].allSatisfy(\.isNumber) && parts[1].allSatisfy(\.isNumber)
        }
        while true {
            let numbers = out.filter(isDecimalNumber)
            guard !numbers.isEmpty, numbers.allSatisfy({ $0.hasSuffix("0") }) else { break }
            out = out.map { isDecimalNumber($0) ? String($0.dropLast()) : $0 }
        }
        return out.map { isDecimalNumber($0) && $0.hasSuffix(".") ? $0 + "0" : $0 }
    }

    static func rjust(_ s: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - s.count)) + s }
    static func ljust(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
    /// Python's `str.center` (the extra space goes right).
    static func center(_ s: String, _ w: Int) -> String {
        let total = max(0, w - s.count)
        let left = total / 2 + (total % 2 == 1 && w % 2 == 1 ? 1 : 0)
        return String(repeating: " ", count: left) + s + String(repeating: " ", count: total - left)
    }

    /// `adjoin(space, *lists)`: every column but the last left-justified to its width plus `space`.
    static func adjoin(_ space: Int, _ lists: [[String]]) -> [String] {
        guard let rows = lists.first?.count else { return [] }
        let widths = lists.enumerated().map { i, l in (l.map(\.count).max() ?? 0) + (i < lists.count - 1 ? space : 0) }
        return (0..<rows).map { r in lists.enumerated().map { i, l in ljust(l[r], widths[i]) }.joined() }
    }

    /// Which rows to show: all, or the first and last `minRows / 2` when there are more than `maxRows`.
    static func shownRows(_ n: Int) -> (positions: [Int], truncatedAt: Int?) {
        guard n > maxRows else { return (Array(0..<n), nil) }
        let half = minRows / 2
        return (Array(0..<half) + Array((n - half)..<n), half)
    }

    // MARK: DataFrame

    static func frame(_ df: DataFrame) -> String {
        if df.columnCount == 0 || df.rowCount == 0 {
            let cols = "[" + df.columnNames.map { "'\($0)'" }.joined(separator: ", ") + "]"
            return "Empty DataFrame\nColumns: \(cols)\nIndex: []"
        }
        let (rows, truncRow) = shownRows(df.rowCount)
        func strcols(columns: [Int], truncCol: Int?) -> [[String]] {
            let labels = rows.map { String(df.index[$0]) }
            let labelWidth = labels.map(\.count).max() ?? 0
            var cols: [[String]] = [[""] + labels.map { ljust($0, labelWidth) }]
            for c in columns {
                let column = df.columns[c].rows(rows)
                let header = (column.isNumeric ? " " : "") + df.columnNames[c]
                let vals = values(column)
                let w = max(header.count, vals.map(\.count).max() ?? 0)
                cols.append([rjust(header, w)] + vals.map { rjust($0, w) })
            }
            if let truncCol { cols.insert([String](repeating: " ...", count: cols[0].count), at: truncCol + 1) }
            if let truncRow {
                for (ix, col) in cols.enumerated() {
                    var cwidth = col[truncRow].count
                    let isDotCol = truncCol.map { ix == $0 + 1 } ?? false
                    let dots = cwidth > 3 || isDotCol ? "..." : ".."
                    let s: String
                    if ix == 0 { s = ljust(dots, cwidth) } else {
                        if isDotCol { cwidth = 1 }
                        s = rjust(dots, cwidth)
                    }
                    cols[ix].insert(s, at: truncRow + 1)
                }
            }
            return cols
        }
        let all = Array(0..<df.columnCount)
        var cols = strcols(columns: all, truncCol: nil)
        let maxLen = adjoin(1, cols).map(\.count).max() ?? 0
        var adjDif = maxLen - width + 1
        let lens = cols.map { c in c.map(\.count).max() ?? 0 }
        var ids = Array(lens.indices)
        while adjDif > 0 && ids.count > 1 {
            let mid = pythonRound(Double(ids.count) / 2)
            adjDif -= lens[ids[mid]] + 1
            ids.remove(at: mid)
        }
        let fitted = max(ids.count - 1, 2)
        var truncCol: Int?
        if df.columnCount > fitted {
            let half = fitted / 2
            let keep = Array(0..<half) + Array((df.columnCount - half)..<df.columnCount)
            truncCol = half
            cols = strcols(columns: keep, truncCol: truncCol)
        }
        var text = adjoin(1, cols).joined(separator: "\n")
        if truncRow != nil || truncCol != nil { text += "\n\n[\(df.rowCount) rows x \(df.columnCount) columns]" }
        return text
    }

    /// Python's `round(x)` for halves: to the even neighbour.
    static func pythonRound(_ x: Double) -> Int { Int(x.rounded(.toNearestOrEven)) }

    // MARK: Series

    static func series(_ column: DataColumn, labels: [String], name: String?, dtype: String) -> String {
        let n = column.count
        if n == 0 { return "Series([], " + (name.map { "Name: \($0), " } ?? "") + "dtype: \(dtype))" }
        let (rows, truncRow) = shownRows(n)
        var vals = values(column.rows(rows))
        let w = vals.map(\.count).max() ?? 0
        vals = vals.map { rjust($0, w) }
        var idx = rows.map { labels[$0] }
        let iw = idx.map(\.count).max() ?? 0
        idx = idx.map { ljust($0, iw) }
        if let t = truncRow {
            let cw = vals[t - 1].count
            vals.insert(center(cw > 3 ? "..." : "..", cw), at: t)
            idx.insert("", at: t)
        }
        var text = adjoin(3, [idx, vals]).joined(separator: "\n")
        var footer: [String] = []
        if let name { footer.append("Name: \(name)") }
        if truncRow != nil { footer.append("Length: \(n)") }
        footer.append("dtype: \(dtype)")
        text += "\n" + footer.joined(separator: ", ")
        return text
    }
}
