// Inline Markdown (emphasis, code, links) as styled characters, terminal display width, and word wrapping.

/// Inline styles a character can carry.
struct InlineStyle: OptionSet, Hashable {
    let rawValue: Int
    static let bold = InlineStyle(rawValue: 1)
    static let italic = InlineStyle(rawValue: 2)
    static let code = InlineStyle(rawValue: 4)
    static let link = InlineStyle(rawValue: 8)
    static let dim = InlineStyle(rawValue: 16)
}

/// A run of text rendered with styles: one entry per character.
struct StyledText {
    var characters: [(Character, InlineStyle)] = []

    mutating func append(_ text: String, _ style: InlineStyle) {
        for character in text { characters.append((character, style)) }
    }

    var width: Int { characters.reduce(0) { $0 + displayWidth($1.0) } }

    /// The text with ANSI SGR codes (`styled`) or plain.
    func render(styled: Bool) -> String {
        guard styled else { return String(characters.map(\.0)) }
        var out = ""
        var current: InlineStyle = []
        for (character, style) in characters {
            if style != current {
                out += sgr(from: current, to: style)
                current = style
            }
            out.append(character)
        }
        if !current.isEmpty { out += "\u{1B}[0m" }
        return out
    }

    private func sgr(from old: InlineStyle, to new: InlineStyle) -> String {
        if new.isEmpty { return "\u{1B}[0m" }
        var codes: [String] = old.isEmpty ? [] : ["0"]
        if new.contains(.bold) { codes.append("1") }
        if new.contains(.dim) { codes.append("2") }
        if new.contains(.italic) { codes.append("3") }
        if new.contains(.link) { codes.append("4") }
        if new.contains(.code) { codes.append("36") }
        return "\u{1B}[\(codes.joined(separator: ";"))m"
    }
}

/// Parses inline Markdown: `**bold**`, `__bold__`, `*em*`, `_em_`, `` `code` ``, `[text](url)`, backslash escapes.
/// Without styles, markers are removed except code's backticks, and links show their address in parentheses.
func parseInline(_ text: String, base: InlineStyle = [], styled: Bool) -> StyledText {
    var out = StyledText()
    let chars = Array(text)
    var i = 0
    let style = base
    func closes(_ marker: String, from start: Int) -> Int? {
        let pattern = Array(marker)
        var j = start
        while j + pattern.count <= chars.count {
            if Array(chars[j..<j + pattern.count]) == pattern, j > start { return j }
            j += 1
        }
        return nil
    }
    while i < chars.count {
        let c = chars[i]
        if c == "\\", i + 1 < chars.count, chars[i + 1].isPunctuation || chars[i + 1].isSymbol {
            out.append(String(chars[i + 1]), style)
            i += 2
            continue
        }
        if c == "`" {
            let ticks = chars[i...].prefix(while: { $0 == "`" }).count
            let fence = String(repeating: "`", count: ticks)
            if let end = closes(fence, from: i + ticks - 1), end > i + ticks - 1 {
                var code = String(chars[(i + ticks)..<end])
                if code.hasPrefix(" ") && code.hasSuffix(" ") && code.count > 1 { code = String(code.dropFirst().dropLast()) }
                out.append(styled ? code : "`\(code)`", style.union(.code))
                i = end + ticks
                continue
            }
        }
        if c == "*" || c == "_" {
            let double = i + 1 < chars.count && chars[i + 1] == c
            let marker = double ? String([c, c]) : String(c)
            let afterMarker = i + marker.count
            let leftFlanking = afterMarker < chars.count && !chars[afterMarker].isWhitespace
            let wordBefore = i > 0 && (chars[i - 1].isLetter || chars[i - 1].isNumber)
            if leftFlanking, !(c == "_" && wordBefore), let end = closes(marker, from: afterMarker - 1), end > afterMarker,
               !chars[end - 1].isWhitespace,
               !(c == "_" && end + marker.count < chars.count && (chars[end + marker.count].isLetter || chars[end + marker.count].isNumber)) {
                let inner = String(chars[afterMarker..<end])
                let added: InlineStyle = double ? .bold : .italic
                let nested = parseInline(inner, base: style.union(added), styled: styled)
                out.characters.append(contentsOf: nested.characters)
                i = end + marker.count
                continue
            }
        }
        if c == "[", let close = chars[i...].firstIndex(of: "]"), close + 1 < chars.count, chars[close + 1] == "(",
           let paren = chars[(close + 1)...].firstIndex(of: ")") {
            let label = String(chars[(i + 1)..<close])
            let url = String(chars[(close + 2)..<paren])
            let rendered = parseInline(label, base: style.union(.link), styled: styled)
            out.characters.append(contentsOf: rendered.characters)
            if !url.isEmpty && url != label { out.append(" (\(url))", style.union(.dim)) }
            i = paren + 1
            continue
        }
        out.append(String(c), style)
        i += 1
    }
    return out
}

/// Wraps styled text to `width` columns at spaces (a word longer than the width is broken).
func wrap(_ text: StyledText, width: Int) -> [StyledText] {
    let width = max(1, width)
    var words: [StyledText] = []
    var word = StyledText()
    for (character, style) in text.characters {
        if character == " " || character == "\n" {
            if !word.characters.isEmpty { words.append(word) }
            word = StyledText()
        } else {
            word.characters.append((character, style))
        }
    }
    if !word.characters.isEmpty { words.append(word) }

    var lines: [StyledText] = []
    var line = StyledText()
    var lineWidth = 0
    for var word in words {
        var wordWidth = word.width
        if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
            line.characters.append((" ", line.characters.last?.1.intersection(word.characters.first?.1 ?? []) ?? []))
            line.characters.append(contentsOf: word.characters)
            lineWidth += 1 + wordWidth
            continue
        }
        if lineWidth > 0 { lines.append(line) }
        line = StyledText()
        lineWidth = 0
        while wordWidth > width {
            var piece = StyledText()
            var pieceWidth = 0
            while let first = word.characters.first, pieceWidth + displayWidth(first.0) <= width || piece.characters.isEmpty {
                piece.characters.append(first)
                pieceWidth += displayWidth(first.0)
                word.characters.removeFirst()
            }
            lines.append(piece)
            wordWidth = word.width
        }
        line = word
        lineWidth = wordWidth
    }
    if lineWidth > 0 || lines.isEmpty { lines.append(line) }
    return lines
}

/// Columns a character takes in a terminal: 0 for combining marks, 2 for East Asian wide and emoji, else 1.
func displayWidth(_ character: Character) -> Int {
    guard let scalar = character.unicodeScalars.first else { return 0 }
    let properties = scalar.properties
    if properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark { return 0 }
    if scalar.value == 0x200B || scalar.value == 0x200D || scalar.value == 0xFEFF { return 0 }
    if properties.isEmojiPresentation { return 2 }
    switch scalar.value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
         0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
         0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
        return 2
    default:
        return 1
    }
}

/// Display width of a plain string.
func displayWidth(of text: String) -> Int { text.reduce(0) { $0 + displayWidth($1) } }
