// Draws a figure as text: braille plot areas in a frame, tick labels, title, axis labels and a legend.

/// Renders figures for a terminal. The output is deterministic for a given size: every line at most `width`
/// columns, trailing spaces trimmed; colour (ANSI xterm-256) only when asked for.
public enum TerminalRenderer {
    /// The size used when the output is not a terminal, so recorded sessions replay identically.
    public static let defaultSize = (width: 80, height: 20)

    /// The figure as lines of text. A single subplot fills `width` × `height`; a grid of subplots gives each
    /// row of subplots `height / rows` lines (at least 12, so stacked panels stay readable) and each column
    /// `width / columns` columns.
    public static func render(_ figure: Figure, width: Int = defaultSize.width, height: Int = defaultSize.height,
                              color: Bool = false) -> String {
        let width = max(20, width), height = max(6, height)
        var grid: [[StyledCell]] = []
        if !figure.superTitle.isEmpty { grid.append(centered(figure.superTitle, width: width, style: .plain)) }
        let panelHeight = figure.rows == 1 ? height : max(12, height / figure.rows)
        let panelWidth = width / figure.columns
        for r in 0..<figure.rows {
            var rowLines: [[StyledCell]] = Array(repeating: [], count: panelHeight)
            for c in 0..<figure.columns {
                let index = r * figure.columns + c
                guard index < figure.axes.count else { continue }
                let panel = PanelLayout(figure.axes[index], width: panelWidth, height: panelHeight).cells()
                for i in 0..<panelHeight {
                    rowLines[i] += i < panel.count ? pad(panel[i], to: panelWidth) : pad([], to: panelWidth)
                }
            }
            grid += rowLines
        }
        return grid.map { string($0, color: color) }.joined(separator: "\n")
    }

    static func centered(_ text: String, width: Int, style: StyledCell.Style) -> [StyledCell] {
        let chars = Array(text.prefix(width))
        let left = max(0, (width - chars.count) / 2)
        return Array(repeating: StyledCell(" "), count: left) + chars.map { StyledCell($0, style) }
    }

    static func pad(_ line: [StyledCell], to width: Int) -> [StyledCell] {
        line.count >= width ? Array(line.prefix(width)) : line + Array(repeating: StyledCell(" "), count: width - line.count)
    }

    /// One line as text, colour runs as ANSI escapes, trailing blanks removed.
    static func string(_ line: [StyledCell], color: Bool) -> String {
        var end = line.count
        while end > 0, line[end - 1].character == " " { end -= 1 }
        var out = ""
        var current: StyledCell.Style = .plain
        for cell in line.prefix(end) {
            if color && cell.style != current {
                out += "\u{1B}[0m"
                switch cell.style {
                case .plain: break
                case .dim: out += "\u{1B}[2m"
                case .color(let code): out += "\u{1B}[38;5;\(code)m"
                }
                current = cell.style
            }
            out.append(cell.character)
        }
        if color && current != .plain { out += "\u{1B}[0m" }
        return out
    }
}

/// A character and how to colour it.
struct StyledCell: Equatable {
    enum Style: Equatable { case plain, dim, color(Int) }
    var character: Character
    var style: Style
    init(_ character: Character, _ style: Style = .plain) {
        self.character = character
        self.style = style
    }
}

/// The layout of one axes in a `width` × `height` block of text.
struct PanelLayout {
    let axes: Axes
    let width: Int
    let height: Int

    init(_ axes: Axes, width: Int, height: Int) {
        self.axes = axes
        self.width = max(20, width)
        self.height = height
    }

    func cells() -> [[StyledCell]] {
        let (x0, x1) = axes.viewX, (y0, y1) = axes.viewY
        let legend = legendLines()
        var top: [[StyledCell]] = []
        if !axes.title.isEmpty { top.append(TerminalRenderer.centered(axes.title, width: width, style: .plain)) }
        if !axes.yLabel.isEmpty { top.append(Array(axes.yLabel.prefix(width)).map { StyledCell($0) }) }
        let bottomCount = 2 + (axes.xLabel.isEmpty ? 0 : 1) + legend.count
        let plotRows = max(2, height - top.count - 1 - bottomCount)

        // y: the view limits on the top and bottom rows, nice ticks between them (at most one per two rows),
        // labels right-aligned in a gutter as wide as the widest label.
        let yTicks = AxisScale.ticks(y0, y1, nbins: max(1, min(8, plotRows / 2)))
        let yLabels = AxisScale.labels(yTicks)
        let yTop = AxisScale.limitLabel(y1, ticks: yTicks), yBottom = AxisScale.limitLabel(y0, ticks: yTicks)
        let gutter = ((yLabels + [yTop, yBottom]).map(\.count).max() ?? 0) + 1
        let plotColumns = max(2, width - gutter - 2)
        var canvas = BrailleCanvas(columns: plotColumns, rows: plotRows)
        let dotWidth = canvas.dotWidth, dotHeight = canvas.dotHeight
        let dotX = { (x: Double) in (x - x0) / (x1 - x0) * Double(dotWidth - 1) }
        let dotY = { (y: Double) in (y1 - y) / (y1 - y0) * Double(dotHeight - 1) }

        let xTicks = AxisScale.ticks(x0, x1, nbins: max(1, min(10, plotColumns / 10)))
        let xLabels = AxisScale.labels(xTicks)
        if axes.showsGrid {
            for t in yTicks { canvas.line(0, dotY(t), Double(dotWidth - 1), dotY(t), series: nil, pattern: [true, false, false, false]) }
            for t in xTicks { canvas.line(dotX(t), 0, dotX(t), Double(dotHeight - 1), series: nil, pattern: [true, false, false]) }
        }
        if min(y0, y1) < 0 && max(y0, y1) > 0 {
            canvas.line(0, dotY(0), Double(dotWidth - 1), dotY(0), series: nil, pattern: [true, false])
        }
        for (index, s) in axes.series.enumerated() { draw(s, index: index, on: &canvas, dotX: dotX, dotY: dotY) }

        var lines = top
        lines.append(Array(repeating: StyledCell(" "), count: gutter) + [StyledCell("┌")]
                     + Array(repeating: StyledCell("─"), count: plotColumns) + [StyledCell("┐")])
        var labelAtRow: [Int: String] = [0: yTop, plotRows - 1: yBottom]
        for (t, label) in zip(yTicks, yLabels) {
            let dot = dotY(t).rounded()
            guard dot.isFinite, abs(dot) < 1e9 else { continue }
            let row = Int(dot) >= 0 ? Int(dot) / 4 : -1
            // A blank row between a tick's label and a limit's keeps them apart.
            if row >= 2, row < plotRows - 2, labelAtRow[row] == nil { labelAtRow[row] = label }
        }
        for row in 0..<plotRows {
            let label = labelAtRow[row] ?? ""
            var line = Array(repeating: StyledCell(" "), count: gutter - 1 - label.count) + label.map { StyledCell($0) }
            line.append(StyledCell(" "))
            line.append(StyledCell(labelAtRow[row] == nil ? "│" : "┤"))
            for column in 0..<plotColumns {
                let (ch, who) = canvas.character(column: column, row: row)
                let style: StyledCell.Style
                if let who, who < axes.series.count { style = .color(axes.series[who].color.xterm256) } else { style = .dim }
                line.append(StyledCell(ch, ch == " " ? .plain : style))
            }
            line.append(StyledCell("│"))
            lines.append(line)
        }

        // Bottom frame with tick marks; below it the x limits under the corners and the tick labels centred under
        // their marks where they collide with neither.
        var frame = Array(repeating: StyledCell("─"), count: plotColumns)
        var labelLine = Array(repeating: StyledCell(" "), count: width)
        let xLeft = Array(AxisScale.limitLabel(x0, ticks: xTicks)), xRight = Array(AxisScale.limitLabel(x1, ticks: xTicks))
        let leftStart = max(0, gutter - xLeft.count / 2)
        let rightStart = max(leftStart + xLeft.count + 1, min(width - xRight.count, gutter + plotColumns + 1 - xRight.count / 2))
        for (i, ch) in xLeft.enumerated() where leftStart + i < width { labelLine[leftStart + i] = StyledCell(ch) }
        for (i, ch) in xRight.enumerated() where rightStart + i < width { labelLine[rightStart + i] = StyledCell(ch) }
        var nextFree = leftStart + xLeft.count + 1
        for (t, label) in zip(xTicks, xLabels) {
            let dot = dotX(t).rounded()
            guard dot.isFinite, abs(dot) < 1e9 else { continue }
            let column = Int(dot) >= 0 ? Int(dot) / 2 : -1
            guard column >= 0, column < plotColumns else { continue }
            frame[column] = StyledCell("┬")
            let center = gutter + 1 + column
            let start = min(max(0, center - label.count / 2), width - label.count)
            guard start >= nextFree, start >= 0, start + label.count < rightStart else { continue }
            for (i, ch) in label.enumerated() { labelLine[start + i] = StyledCell(ch) }
            nextFree = start + label.count + 1
        }
        lines.append(Array(repeating: StyledCell(" "), count: gutter) + [StyledCell("└")] + frame + [StyledCell("┘")])
        lines.append(labelLine)
        if !axes.xLabel.isEmpty {
            let text = Array(axes.xLabel.prefix(width))
            let start = max(0, min(width - text.count, gutter + 1 + (plotColumns - text.count) / 2))
            lines.append(Array(repeating: StyledCell(" "), count: start) + text.map { StyledCell($0) })
        }
        return lines + legend
    }

    /// Rasterises one series: consecutive finite points joined (NaN or inf breaks the line), scatter points as
    /// 2×2 dot markers, dashed and dotted styles as dot patterns.
    private func draw(_ s: Series, index: Int, on canvas: inout BrailleCanvas,
                      dotX: (Double) -> Double, dotY: (Double) -> Double) {
        let points = zip(s.x, s.y).map { (dotX($0), dotY($1)) }
        if s.kind == .scatter || s.hasMarkers {
            for (px, py) in points where px.isFinite && py.isFinite && abs(px) < 1e9 && abs(py) < 1e9 {
                let cx = Int(px.rounded(.down)), cy = Int(py.rounded(.down))
                for dx in 0...1 { for dy in 0...1 { canvas.set(cx + dx, cy + dy, series: index) } }
            }
        }
        switch s.kind {
        case .scatter:
            break
        case .line:
            let pattern: [Bool]
            switch s.lineStyle {
            case .solid: pattern = []
            case .dashed: pattern = [true, true, true, false, false]
            case .dotted: pattern = [true, false, false]
            case .dashDot: pattern = [true, true, true, false, true, false]
            }
            var previous: (Double, Double)? = nil
            for (px, py) in points {
                guard px.isFinite, py.isFinite else { previous = nil; continue }
                if let (ax, ay) = previous {
                    canvas.line(ax, ay, px, py, series: index, pattern: pattern)
                } else {
                    canvas.line(px, py, px, py, series: index)
                }
                previous = (px, py)
            }
        }
    }

    /// Legend entries (`── label` for lines, `⣿ label` for scatter) packed into lines of `width`.
    private func legendLines() -> [[StyledCell]] {
        var lines: [[StyledCell]] = []
        var current: [StyledCell] = []
        for s in axes.legendEntries {
            let style = StyledCell.Style.color(s.color.xterm256)
            let marker: [StyledCell] = s.kind == .line ? [StyledCell("─", style), StyledCell("─", style)] : [StyledCell("⣿", style)]
            let entry = marker + [StyledCell(" ")] + (s.label ?? "").map { StyledCell($0) }
            if !current.isEmpty && current.count + 3 + entry.count > width {
                lines.append(current)
                current = []
            }
            if current.isEmpty { current = [StyledCell(" "), StyledCell(" ")] } else { current += Array(repeating: StyledCell(" "), count: 3) }
            current += entry
        }
        if !current.isEmpty { lines.append(Array(current.prefix(width))) }
        return lines
    }
}
