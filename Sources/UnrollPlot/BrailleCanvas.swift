// A grid of Unicode braille cells (2×4 dots each) that series are rasterised into, with a colour per cell.

/// Dots addressed in dot coordinates: x in `0..<dotWidth` left to right, y in `0..<dotHeight` top to bottom.
/// Series dots and background dots (zero axis, grid) are kept apart so a cell's colour comes from the series.
struct BrailleCanvas {
    let columns: Int
    let rows: Int
    var dotWidth: Int { columns * 2 }
    var dotHeight: Int { rows * 4 }
    private(set) var seriesBits: [UInt8]
    private(set) var backgroundBits: [UInt8]
    /// Index of the series that last drew into each cell (later series are drawn on top, as in matplotlib).
    private(set) var owner: [Int]

    /// Bit of the dot at (column, row) within a cell, per the Unicode braille pattern layout.
    private static let dotBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    init(columns: Int, rows: Int) {
        self.columns = max(1, columns)
        self.rows = max(1, rows)
        seriesBits = Array(repeating: 0, count: self.columns * self.rows)
        backgroundBits = seriesBits
        owner = Array(repeating: -1, count: self.columns * self.rows)
    }

    mutating func set(_ x: Int, _ y: Int, series: Int?) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let cell = (y / 4) * columns + x / 2
        let bit = BrailleCanvas.dotBits[x % 2][y % 4]
        if let series {
            seriesBits[cell] |= bit
            owner[cell] = series
        } else {
            backgroundBits[cell] |= bit
        }
    }

    /// Draws the segment between two points in (fractional) dot coordinates, clipped to the canvas first so
    /// a point far outside the view costs nothing.
    mutating func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, series: Int?, pattern: [Bool] = []) {
        guard let (ax, ay, bx, by) = clip(x0, y0, x1, y1) else { return }
        let steps = Int(max(abs(bx - ax), abs(by - ay)).rounded(.up))
        if steps == 0 {
            set(Int(ax.rounded()), Int(ay.rounded()), series: series)
            return
        }
        for i in 0...steps {
            if !pattern.isEmpty && !pattern[i % pattern.count] { continue }
            let t = Double(i) / Double(steps)
            set(Int((ax + (bx - ax) * t).rounded()), Int((ay + (by - ay) * t).rounded()), series: series)
        }
    }

    /// Liang–Barsky clipping to the dot rectangle (half a dot of slack on each side).
    private func clip(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> (Double, Double, Double, Double)? {
        guard x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite else { return nil }
        let xmin = -0.5, ymin = -0.5, xmax = Double(dotWidth) - 0.5, ymax = Double(dotHeight) - 0.5
        let dx = x1 - x0, dy = y1 - y0
        var t0 = 0.0, t1 = 1.0
        for (p, q) in [(-dx, x0 - xmin), (dx, xmax - x0), (-dy, y0 - ymin), (dy, ymax - y0)] {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let r = q / p
                if p < 0 { if r > t1 { return nil }; if r > t0 { t0 = r } } else { if r < t0 { return nil }; if r < t1 { t1 = r } }
            }
        }
        return (x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy)
    }

    /// The character of a cell: braille for any dots, a space for none.
    func character(column: Int, row: Int) -> (Character, series: Int?) {
        let cell = row * columns + column
        let bits = seriesBits[cell] | backgroundBits[cell]
        let scalar = Unicode.Scalar(0x2800 + UInt32(bits)) ?? " "
        let who = seriesBits[cell] != 0 ? owner[cell] : nil
        return (bits == 0 ? " " : Character(scalar), who)
    }
}
