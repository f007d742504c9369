// tqdm's progress-bar text (`tqdm.format_meter`, default bar format), ported so Unroll's bar reads like tqdm's.
import Foundation

/// The pure formatting half of tqdm: numbers in, one line of text out.
enum TqdmMeter {
    /// tqdm's Unicode bar characters: blank, then eighths from ▏ up to █.
    static let blocks: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

    /// `tqdm.format_interval`: `[H:]MM:SS`.
    static func interval(_ seconds: Double) -> String {
        let sign = seconds < 0 ? "-" : ""
        // Python's ints never overflow; a remaining time past any clock shows as the largest we can hold.
        let magnitude = seconds.isNaN ? 0 : min(abs(seconds).rounded(.towardZero), 9e15)
        let whole = Int(magnitude)
        let (mins, s) = whole.quotientAndRemainder(dividingBy: 60)
        let (h, m) = mins.quotientAndRemainder(dividingBy: 60)
        let mm = m < 10 ? "0\(m)" : "\(m)", ss = s < 10 ? "0\(s)" : "\(s)"
        return h > 0 ? "\(sign)\(h):\(mm):\(ss)" : "\(sign)\(mm):\(ss)"
    }

    /// `tqdm.format_num`: 3 significant digits unless `str(n)` is shorter.
    static func number(_ value: Value) -> String {
        switch value {
        case .int(let i):
            let g = String(format: "%.3g", Double(i)).replacingOccurrences(of: "e+0", with: "e+").replacingOccurrences(of: "e-0", with: "e-")
            let s = String(i)
            return g.count < s.count ? g : s
        case .float(let d):
            let g = String(format: "%.3g", d).replacingOccurrences(of: "e+0", with: "e+").replacingOccurrences(of: "e-0", with: "e-")
            let s = pythonFloatRepr(d)
            return g.count < s.count ? g : s
        case .bool(let b): return b ? "True" : "False"
        default: return ""
        }
    }

    /// The bar itself for fraction `frac` in `width` cells (tqdm's `Bar.__format__` with the UTF charset).
    static func bar(_ frac: Double, width: Int) -> String {
        let symbols = blocks.count - 1
        let clamped = frac.isNaN ? 0 : min(max(frac, 0), 1)  // a negative count (update(-n)) draws an empty bar
        let (full, partial) = Int(clamped * Double(width) * Double(symbols)).quotientAndRemainder(dividingBy: symbols)
        var out = String(repeating: blocks[symbols], count: max(0, full))
        if full < width {
            out.append(blocks[max(0, partial)])
            out += String(repeating: " ", count: width - full - 1)
        }
        return out
    }

    /// `tqdm.format_meter(n, total, elapsed, ncols, prefix, unit=unit, postfix=postfix)` with the default bar format.
    static func format(n: Int, total: Int?, elapsed: Double, ncols: Int?, prefix: String, unit: String = "it",
                       postfix: String = "") -> String {
        var total = total
        if let t = total, t > 0, Double(n) >= Double(t) + 0.5 { total = nil }
        let elapsedText = interval(elapsed)
        let rate: Double? = elapsed > 0 ? Double(n) / elapsed : nil
        let inverse: Double? = (rate.map { $0 != 0 } ?? false) ? 1 / (rate ?? 1) : nil
        let rateText: String
        if let inv = inverse, inv > 1 {
            rateText = String(format: "%5.2f", inv) + "s/" + unit
        } else if let r = rate, r != 0 {
            rateText = String(format: "%5.2f", r) + unit + "/s"
        } else {
            rateText = "?" + unit + "/s"
        }
        let post = postfix.isEmpty ? "" : ", " + postfix
        let totalText = total.map(String.init) ?? "?"
        var remainingText = "?"
        if let r = rate, r != 0 {
            remainingText = interval(total.map { $0 == 0 ? 0 : Double($0 - n) / r } ?? 0)
        }
        let rightBar = "| \(n)/\(totalText) [\(elapsedText)<\(remainingText), \(rateText)\(post)]"
        guard let t = total, t != 0 else {
            let line = (prefix.isEmpty ? "" : prefix + ": ") + "\(n)\(unit) [\(elapsedText), \(rateText)\(post)]"
            return trim(line, ncols)
        }
        var leftBar = prefix.isEmpty ? "" : (prefix.hasSuffix(": ") ? prefix : prefix + ": ")
        let frac = Double(n) / Double(t)
        leftBar += String(format: "%3.0f", frac * 100) + "%|"
        if ncols == 0 { return String(leftBar.dropLast()) + String(rightBar.dropFirst()) }
        let width = ncols.map { max(1, $0 - leftBar.count - rightBar.count) } ?? 10
        return trim(leftBar + bar(frac, width: width) + rightBar, ncols)
    }

    /// tqdm's `disp_trim`: cut to `ncols` columns.
    static func trim(_ line: String, _ ncols: Int?) -> String {
        guard let n = ncols, n > 0, line.count > n else { return line }
        return String(line.prefix(n))
    }
}
