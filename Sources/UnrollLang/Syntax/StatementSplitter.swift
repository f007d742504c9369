// Splits a script into top-level statements (a line plus its indented or bracketed continuation), as a REPL reads them.

public enum StatementSplitter {
    /// Groups lines into chunks, each one top-level statement with its block; `elif`/`else` stay with their `if`.
    public static func chunks(_ lines: [String]) -> [String] {
        var result: [String] = []
        var chunk: [String] = []
        var depth = 0
        var inTriple: Character?
        func flush() {
            let text = chunk.joined(separator: "\n")
            chunk = []
            if !text.allSatisfy({ $0.isWhitespace }) { result.append(text) }
        }
        for line in lines {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            let startsTopLevel = !trimmed.isEmpty && !trimmed.hasPrefix("#") && line.first.map { $0 != " " && $0 != "\t" } ?? false
            let continuation = ["elif", "else", ")", "]", "}"].contains { trimmed.hasPrefix($0) }
            if startsTopLevel && depth == 0 && inTriple == nil && !continuation { flush() }
            chunk.append(line)
            var quote: Character?
            var previous: Character = " "
            let cs = Array(line)
            var i = 0
            while i < cs.count {
                let c = cs[i]
                if let t = inTriple {
                    if c == t, i + 2 < cs.count, cs[i + 1] == t, cs[i + 2] == t { inTriple = nil; i += 3; continue }
                } else if let q = quote {
                    if c == q && previous != "\\" { quote = nil }
                } else if c == "#" {
                    break
                } else if c == "\"" || c == "'" {
                    if i + 2 < cs.count, cs[i + 1] == c, cs[i + 2] == c { inTriple = c; i += 3; continue }
                    quote = c
                } else if "([{".contains(c) { depth += 1 } else if ")]}".contains(c) { depth = max(0, depth - 1) }
                previous = c
                i += 1
            }
        }
        flush()
        return result
    }
}
