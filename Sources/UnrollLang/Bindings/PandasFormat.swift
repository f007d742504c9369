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
        case .bool(let v): return v.map { $0 ? " True" : " False" }
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

    /// `labels` replaces the integer row labels (e.g. `describe()`'s `count`, `mean`...).
    static func frame(_ df: DataFrame, labels rowLabels: [String]? = nil) -> String {
        if df.columnCount == 0 || df.rowCount == 0 {
            // pprint_thing of the labels: at most 100 (display.max_seq_items), then "...".
            func listed(_ items: [String]) -> String {
                "[" + (items.prefix(100) + (items.count > 100 ? ["..."] : [])).joined(separator: ", ") + "]"
            }
            var text = "Empty DataFrame\nColumns: \(listed(df.columnNames))\nIndex: \(listed(rowLabels ?? df.index.map(String.init)))"
            if df.rowCount > maxRows { text += "\n\n[\(df.rowCount) rows x \(df.columnCount) columns]" }
            return text
        }
        let (rows, truncRow) = shownRows(df.rowCount)
        func strcols(columns: [Int], truncCol: Int?) -> [[String]] {
            let labels = rows.map { rowLabels?[$0] ?? String(df.index[$0]) }
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
        // pandas 3.1's `_fit_strcols_to_terminal_width`: drop middle columns until the frame fits the width,
        // leaving room for the " ..." column, then keep the first and last halves of what fits.
        let cols = strcols(columns: Array(0..<df.columnCount), truncCol: nil)
        var lens = cols.map { c in c.map(\.count).max() ?? 0 }
        var adjDif = lens.reduce(0, +) + lens.count - 1 - width + 1
        var truncated = false
        var kept = cols
        if adjDif > 0 {
            adjDif += 5
            while adjDif > 0 && lens.count > 1 {
                let mid = pythonRound(Double(lens.count) / 2)
                adjDif -= lens.remove(at: mid) + 1
            }
            let fitted = max(lens.count - 1, 2)
            if fitted < df.columnCount {
                let half = fitted / 2
                kept = Array(cols[0..<(half + 1)]) + (half > 0 ? Array(cols[(cols.count - half)...]) : [])
                kept.insert([String](repeating: " ...", count: cols[0].count), at: half + 1)
                truncated = true
            }
        }
        var text = adjoin(1, kept).joined(separator: "\n")
        if truncRow != nil || truncated { text += "\n\n[\(df.rowCount) rows x \(df.columnCount) columns]" }
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

    // MARK: Index

    /// pandas' `format_object_summary` for an Index's values (display.width 80, max_seq_items 100, justified):
    /// `['a', 'b'], ` on one line, or wrapped lines indented under the name and ending in a newline.
    static func objectSummary(_ formatted: [String], name: String, justify: Bool = false) -> String {
        let space1 = "\n" + String(repeating: " ", count: name.count + 1)
        let space2 = "\n" + String(repeating: " ", count: name.count + 2)
        let n = formatted.count
        if n == 0 { return "[], " }
        if n == 1 { return "[\(formatted[0])], " }
        if n == 2 { return "[\(formatted[0]), \(formatted[1])], " }
        let maxItems = 100
        let truncated = n > maxItems
        var head: [String] = [], tail = formatted
        if truncated {
            let k = min(maxItems / 2, 10)
            head = Array(formatted.prefix(k))
            tail = Array(formatted.suffix(k))
        }
        // pandas right-justifies the values of a long non-text Index; text (column names) is never justified.
        if justify && (truncated || !(head.joined(separator: ", ").count < width && tail.joined(separator: ", ").count < width)) {
            let w = (head + tail).map(\.count).max() ?? 0
            head = head.map { rjust($0, w) }
            tail = tail.map { rjust($0, w) }
        }
        func rstripped(_ s: String) -> String {
            var t = s
            while t.last == " " || t.last == "\n" { t.removeLast() }
            return t
        }
        var summary = "", line = space2
        func extend(_ value: String, _ displayWidth: Int) {
            if rstripped(line).count + rstripped(value).count >= displayWidth {
                summary += rstripped(line)
                line = space2
            }
            line += value
        }
        for v in head { extend(v + ", ", width) }
        if truncated {
            summary += rstripped(line) + space2 + "..."
            line = space2
        }
        for v in tail.dropLast() { extend(v + ", ", width) }
        extend(tail[tail.count - 1], width - 2)
        summary += line + "],"
        summary += summary.count > width ? space1 : " "
        return "[" + String(summary.dropFirst(space2.count))
    }
}
