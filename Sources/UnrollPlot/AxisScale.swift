// View limits and tick positions/labels chosen as matplotlib does: 5% margins, nice steps of 1, 2, 2.5, 5 × 10^k.
import Foundation

/// Axis arithmetic shared by both renderers.
public enum AxisScale {
    /// matplotlib's `axes.xmargin`/`axes.ymargin`.
    static let margin = 0.05
    /// The steps `MaxNLocator` tries, per decade.
    static let steps: [Double] = [1, 2, 2.5, 5, 10]

    /// The finite minimum and maximum of `values`, or nil when there are none (NaN and ±inf are skipped).
    public static func finiteRange(_ values: [Double]) -> (Double, Double)? {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite {
            if v < lo { lo = v }
            if v > hi { hi = v }
        }
        return lo <= hi ? (lo, hi) : nil
    }

    /// matplotlib's autoscaled view of `data` (an empty data set behaves like the single value 0), with
    /// user-set ends taking precedence. A zero-width result is widened so it can be drawn.
    public static func viewLimits(data: [Double], lower: Double?, upper: Double?) -> (Double, Double) {
        var (lo, hi) = finiteRange(data) ?? (0, 0)
        if lo == hi {
            let d = lo == 0 ? 0.05 : abs(lo) * 0.05
            lo -= d; hi += d
        }
        let pad = (hi - lo) * margin
        var view = (lower.flatMap { $0.isFinite ? $0 : nil } ?? lo - pad, upper.flatMap { $0.isFinite ? $0 : nil } ?? hi + pad)
        if view.0 == view.1 {
            let d = view.0 == 0 ? 1 : abs(view.0) * 0.05
            view = (view.0 - d, view.1 + d)
        }
        if !(view.1 - view.0).isFinite { view = (-Double.greatestFiniteMagnitude / 4, Double.greatestFiniteMagnitude / 4) }
        return view
    }

    /// Tick positions inside `[a, b]` (either order), as matplotlib's `MaxNLocator(nbins, steps=[1, 2, 2.5, 5, 10])`:
    /// the smallest nice step not below `(hi - lo) / nbins`, or a smaller one if that leaves fewer than two ticks.
    public static func ticks(_ a: Double, _ b: Double, nbins: Int) -> [Double] {
        let lo = min(a, b), hi = max(a, b)
        guard lo.isFinite, hi.isFinite, hi > lo, (hi - lo).isFinite else { return lo.isFinite && lo == hi ? [lo] : [] }
        let raw = (hi - lo) / Double(max(1, nbins))
        let scale = pow(10, log10(raw).rounded(.down))
        let candidates = ([0.1, 0.2, 0.25, 0.5] + steps.dropLast() + [10, 20]).map { $0 * scale }
        let firstLarge = candidates.firstIndex { $0 >= raw } ?? (candidates.count - 1)
        var chosen: [Double] = []
        for step in candidates[...firstLarge].reversed() {
            let first = (lo / step).rounded(.down), last = (hi / step).rounded(.up)
            guard last - first < 10_000 else { break }
            chosen = stride(from: first, through: last, by: 1).map { k in
                let v = k * step
                return abs(v) < step * 1e-9 ? 0 : v
            }.filter { $0 >= lo - step * 1e-10 && $0 <= hi + step * 1e-10 }
            if chosen.count >= 2 { break }
        }
        return chosen
    }

    /// Tick labels with one shared number of decimals, as matplotlib's ScalarFormatter prints them
    /// (`0.00, 0.25, 0.50`; `0, 5, 10`); very large or tiny magnitudes use exponent notation.
    /// `minus` is the sign to print (matplotlib uses U+2212 in figures).
    public static func labels(_ ticks: [Double], minus: String = "-") -> [String] {
        guard ticks.count > 0 else { return [] }
        let step = ticks.count > 1 ? abs(ticks[1] - ticks[0]) : abs(ticks[0])
        let largest = ticks.map(abs).max() ?? 0
        let useExponent = largest >= 1e6 || (largest > 0 && largest < 1e-4)
        let decimals = step > 0 ? decimalsNeeded(step) : 0
        return ticks.map { v in
            let text: String
            if v == 0 {
                text = decimals > 0 && !useExponent ? String(format: "%.\(decimals)f", 0.0) : "0"
            } else if useExponent {
                text = String(format: "%.3g", v)
            } else {
                text = String(format: "%.\(decimals)f", v)
            }
            return text.hasPrefix("-") ? minus + text.dropFirst() : text
        }
    }

    /// A view limit as text: one decimal finer than the ticks beside it (`1.10` next to `0.5, 1.0`, `364.6` next to
    /// `100, 200`), exponent notation for very large or tiny magnitudes, never `-0.00`.
    public static func limitLabel(_ value: Double, ticks: [Double], minus: String = "-") -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? minus + "inf" : "inf") }
        let step = ticks.count > 1 ? abs(ticks[1] - ticks[0]) : 0
        let decimals = min(12, (step > 0 ? decimalsNeeded(step) : 1) + 1)
        let magnitude = abs(value)
        var text = magnitude >= 1e6 || (magnitude > 0 && magnitude < 1e-4)
            ? String(format: "%.3g", value) : String(format: "%.\(decimals)f", value)
        if text.hasPrefix("-") {
            text.removeFirst()
            if text.contains(where: { $0 != "0" && $0 != "." }) { text = minus + text }
        }
        return text
    }

    /// How many decimals print `step` exactly (0.25 → 2, 2.5 → 1, 50 → 0).
    static func decimalsNeeded(_ step: Double) -> Int {
        for d in 0...12 {
            let scaled = step * pow(10, Double(d))
            if abs(scaled - scaled.rounded()) < 1e-6 * max(1, abs(scaled)) { return d }
        }
        return 12
    }
}
