// Renders lesson prose (Markdown) for a terminal: headings, emphasis, code, lists, quotes, tables, wrapped to a width.
import Foundation

/// A pure Markdown-to-terminal renderer for lesson prose.
public enum TerminalMarkdown {
    /// Renders `markdown` wrapped to `width` columns. With `styled`, uses ANSI styles (bold, italic, underline,
    /// colour); without, plain text (emphasis markers removed, code keeps its backticks, headings underlined).
    public static func render(_ markdown: String, width: Int = 80, styled: Bool = false) -> String {
        let width = max(20, width)
        let lines = markdown.replacingOccurrences(of: "\r\n", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var blocks: [[String]] = []
        var i = 0
        var paragraph: [String] = []
        func flushParagraph() {
            if !paragraph.isEmpty {
                let text = paragraph.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
                blocks.append(wrap(parseInline(text, styled: styled), width: width).map { $0.render(styled: styled) })
            }
            paragraph = []
        }
        while i < lines.count {
            let line = lines[i]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                flushParagraph()
                i += 1
            } else if let fence = Fence(opening: line) {
                flushParagraph()
                var code: [String] = []
                i += 1
                while i < lines.count, !fence.isClosed(by: lines[i]) {
                    code.append(fence.strippingIndent(lines[i]))
                    i += 1
                }
                i += 1
                blocks.append(code.map { "    " + (styled ? "\u{1B}[36m\($0)\u{1B}[0m" : $0) })
            } else if let (level, text) = heading(trimmed) {
                flushParagraph()
                blocks.append(renderHeading(text, level: level, width: width, styled: styled))
                i += 1
            } else if isRule(trimmed) {
                flushParagraph()
                blocks.append([String(repeating: "─", count: width)])
                i += 1
            } else if trimmed.hasPrefix("|"), i + 1 < lines.count, isTableSeparator(lines[i + 1]) {
                flushParagraph()
                let separator = lines[i + 1]
                var rows = [line]
                i += 2
                while i < lines.count, lines[i].trimmingCharacters(in: .whitespaces).hasPrefix("|") {
                    rows.append(lines[i])
                    i += 1
                }
                blocks.append(renderTable(header: line, separator: separator, rows: Array(rows.dropFirst()), styled: styled))
            } else if trimmed.hasPrefix(">") {
                flushParagraph()
                var quoted: [String] = []
                while i < lines.count, lines[i].trimmingCharacters(in: .whitespaces).hasPrefix(">") {
                    var inner = lines[i].trimmingCharacters(in: .whitespaces).dropFirst()
                    if inner.hasPrefix(" ") { inner = inner.dropFirst() }
                    quoted.append(String(inner))
                    i += 1
                }
                let body = render(quoted.joined(separator: "\n"), width: width - 2, styled: styled)
                blocks.append(body.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "│ " + $0 })
            } else if listMarker(line) != nil {
                flushParagraph()
                var items: [String] = []
                while i < lines.count {
                    let current = lines[i]
                    if listMarker(current) != nil {
                        items.append(current)
                    } else if !current.trimmingCharacters(in: .whitespaces).isEmpty, current.hasPrefix(" "), !items.isEmpty {
                        items[items.count - 1] += " " + current.trimmingCharacters(in: .whitespaces)
                    } else {
                        break
                    }
                    i += 1
                }
                blocks.append(items.flatMap { renderListItem($0, width: width, styled: styled) })
            } else {
                paragraph.append(line)
                i += 1
            }
        }
        flushParagraph()
        return blocks.map { $0.joined(separator: "\n") }.joined(separator: "\n\n") + (blocks.isEmpty ? "" : "\n")
    }

    static func heading(_ line: String) -> (Int, String)? {
        let hashes = line.prefix(while: { $0 == "#" }).count
        guard (1...6).contains(hashes), line.count == hashes || line.dropFirst(hashes).first == " " else { return nil }
        var text = line.dropFirst(hashes).trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("#") { text = String(text.dropLast()).trimmingCharacters(in: .whitespaces) }
        return (hashes, text)
    }

    static func renderHeading(_ text: String, level: Int, width: Int, styled: Bool) -> [String] {
        let base: InlineStyle = level == 1 ? [.bold, .link] : .bold
        let lines = wrap(parseInline(text, base: styled ? base : [], styled: styled), width: width)
        let rendered = lines.map { $0.render(styled: styled) }
        guard !styled, level <= 2 else { return rendered }
        let underline = String(repeating: level == 1 ? "═" : "─", count: lines.map(\.width).max() ?? 0)
        return rendered + [underline]
    }

    static func isRule(_ line: String) -> Bool {
        let compact = line.filter { $0 != " " }
        guard compact.count >= 3, let first = compact.first, "-*_".contains(first) else { return false }
        return compact.allSatisfy { $0 == first }
    }

    /// `- item`, `* item`, `+ item`, `1. item`, `2) item`: indentation level and marker.
    static func listMarker(_ line: String) -> (indent: Int, marker: String, text: String)? {
        let indent = line.prefix(while: { $0 == " " }).count
        let rest = line.dropFirst(indent)
        if let first = rest.first, "-*+".contains(first), rest.dropFirst().first == " " {
            return (indent, String(first), String(rest.dropFirst(2)))
        }
        let digits = rest.prefix(while: \.isASCIIDigit)
        if !digits.isEmpty, digits.count <= 9 {
            let after = rest.dropFirst(digits.count)
            if let mark = after.first, mark == "." || mark == ")", after.dropFirst().first == " " {
                return (indent, digits + String(mark), String(after.dropFirst(2)))
            }
        }
        return nil
    }

    static func renderListItem(_ line: String, width: Int, styled: Bool) -> [String] {
        guard let (indent, marker, text) = listMarker(line) else { return [line] }
        let bullet = marker.count == 1 ? (styled ? "•" : "-") : marker
        let lead = String(repeating: " ", count: 2 + (indent / 2) * 2)
        let prefix = lead + bullet + " "
        let hanging = String(repeating: " ", count: displayWidth(of: prefix))
        let wrapped = wrap(parseInline(text.trimmingCharacters(in: .whitespaces), styled: styled), width: width - hanging.count)
        return wrapped.enumerated().map { ($0.offset == 0 ? prefix : hanging) + $0.element.render(styled: styled) }
    }

    static func isTableSeparator(_ line: String) -> Bool {
        let cells = tableCells(line)
        return !cells.isEmpty && cells.allSatisfy { cell in
            let core = cell.filter { $0 != ":" }
            return core.count >= 1 && core.allSatisfy { $0 == "-" }
        }
    }

    static func tableCells(_ line: String) -> [String] {
        var text = line.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("|") { text.removeFirst() }
        if text.hasSuffix("|") && !text.hasSuffix("\\|") { text.removeLast() }
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if escaped { current.append(character); escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == "|" { cells.append(current.trimmingCharacters(in: .whitespaces)); current = ""; continue }
            current.append(character)
        }
        cells.append(current.trimmingCharacters(in: .whitespaces))
        return cells
    }

    static func renderTable(header: String, separator: String, rows: [String], styled: Bool) -> [String] {
        let alignments = tableCells(separator).map { cell -> Character in
            cell.hasSuffix(":") ? (cell.hasPrefix(":") ? "c" : "r") : "l"
        }
        let headerCells = tableCells(header).map { parseInline($0, base: styled ? .bold : [], styled: styled) }
        let bodyCells = rows.map { tableCells($0).map { parseInline($0, styled: styled) } }
        let columns = max(headerCells.count, bodyCells.map(\.count).max() ?? 0)
        var widths = [Int](repeating: 0, count: columns)
        for row in [headerCells] + bodyCells {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.width) }
        }
        func renderRow(_ row: [StyledText]) -> String {
            (0..<columns).map { column in
                let cell = row[safe: column] ?? StyledText()
                let padding = widths[column] - cell.width
                let alignment = alignments[safe: column] ?? "l"
                let left = alignment == "r" ? padding : (alignment == "c" ? padding / 2 : 0)
                return " " + String(repeating: " ", count: left) + cell.render(styled: styled)
                    + String(repeating: " ", count: padding - left) + " "
            }.joined(separator: "│")
        }
        let rule = widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: "┼")
        return ([renderRow(headerCells), rule] + bodyCells.map(renderRow)).map(trimTrailingWhitespace)
    }
}
