// Tab completion: names, keywords, attributes of the value an expression names, keyword arguments in calls, file names in quotes.
import Foundation

extension Session {
    /// Candidates for the word before the cursor. `replacing` is how many characters before the cursor the
    /// candidates replace. Only side-effect-free dotted names are evaluated (`rnn.`, `nn.`, `torch.ra`).
    public func completions(for textBeforeCursor: String) -> (replacing: Int, candidates: [String]) {
        let chars = Array(textBeforeCursor)
        if let path = openStringLiteral(chars) { return fileCompletions(path) }
        var start = chars.count
        while start > 0, chars[start - 1].isLetter || chars[start - 1].isNumber || chars[start - 1] == "_" || chars[start - 1] == "." {
            start -= 1
        }
        let word = String(chars[start...])
        if let names = importCompletions(before: String(chars[..<start]), word: word) { return (word.count, names) }
        if let dot = word.lastIndex(of: ".") {
            let base = String(word[..<dot])
            let partial = String(word[word.index(after: dot)...])
            guard !base.isEmpty, base.split(separator: ".").allSatisfy({ $0.first.map { !$0.isNumber } ?? false }),
                  let value = try? evaluate(base) else { return (partial.count, []) }
            let names = Set(interpreter.attributeNames(of: value)).filter { $0.hasPrefix(partial) && (partial.hasPrefix("_") || !$0.hasPrefix("_")) }
            return (partial.count, names.sorted())
        }
        var candidates = Set<String>()
        for n in interpreter.globalOrder where n.hasPrefix(word) { candidates.insert(n) }
        for n in interpreter.builtins.keys where n.hasPrefix(word) && n != "_" { candidates.insert(n) }
        for k in pythonKeywords where k.hasPrefix(word) && !word.isEmpty { candidates.insert(k) }
        if let callee = enclosingCallee(chars, before: start), let value = try? evaluate(callee) {
            for k in keywordNames(of: value) where k.hasPrefix(word) { candidates.insert(k + "=") }
        }
        return (word.count, candidates.sorted())
    }

    /// Module names after `import` / `from` (`import tor` → `torch`, `from torch.utils.d` → `torch.utils.data`), and
    /// a module's public members after `from M import`; nil when the cursor is not in an import statement.
    private func importCompletions(before head: String, word: String) -> [String]? {
        let line = head.drop { $0 == " " || $0 == "\t" }
        let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let modules = ModuleRegistry.names
        func matching(_ names: [String]) -> [String] { names.filter { $0.hasPrefix(word) }.sorted() }
        if line == "import " || line == "from " || (words.first == "import" && line.hasSuffix(",") || words.first == "import" && line.hasSuffix(", ")) {
            return matching(modules)
        }
        if words.count >= 3, words[0] == "from", words[2] == "import", words.count == 3 || line.hasSuffix(",") || line.hasSuffix(", ") {
            guard modules.contains(words[1]), let module = try? interpreter.loadModule(words[1]) else { return [] }
            let submodules = modules.filter { $0.hasPrefix(words[1] + ".") }.map { String($0.dropFirst(words[1].count + 1)) }
                .filter { !$0.contains(".") }
            return matching(Array(Set(module.members.keys.filter { !$0.hasPrefix("_") } + submodules)))
        }
        return nil
    }

    /// The text of a plain string literal the cursor is inside (`open("data/ho`), or nil outside strings and
    /// inside f-strings, whose braces hold code.
    private func openStringLiteral(_ chars: [Character]) -> String? {
        var quote: Character?
        var start = 0
        var isFormat = false
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                if c == "\\" { i += 2; continue }
                if c == q { quote = nil }
            } else if c == "#" {
                return nil
            } else if c == "\"" || c == "'" {
                quote = c
                start = i + 1
                var p = i - 1
                isFormat = false
                while p >= 0, chars[p].isLetter {
                    if chars[p] == "f" || chars[p] == "F" { isFormat = true }
                    p -= 1
                }
            }
            i += 1
        }
        guard quote != nil, !isFormat, start <= chars.count else { return nil }
        return String(chars[start...])
    }

    /// File and directory names that continue `partial` (a path typed inside quotes); directories end in `/`.
    /// Hidden entries are offered only when the typed name starts with a dot.
    private func fileCompletions(_ partial: String) -> (replacing: Int, candidates: [String]) {
        let slash = partial.lastIndex(of: "/")
        let directory = slash.map { String(partial[...$0]) } ?? ""
        let base = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
        var listed = directory.isEmpty ? "." : directory
        if listed.hasPrefix("~") { listed = (listed as NSString).expandingTildeInPath }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: listed) else { return (base.count, []) }
        var candidates: [String] = []
        for entry in entries where entry.hasPrefix(base) && (base.hasPrefix(".") || !entry.hasPrefix(".")) {
            var isDirectory: ObjCBool = false
            let full = (listed as NSString).appendingPathComponent(entry)
            _ = FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
            candidates.append(isDirectory.boolValue ? entry + "/" : entry)
        }
        return (base.count, candidates.sorted())
    }

    private func enclosingCallee(_ chars: [Character], before end: Int) -> String? {
        var depth = 0
        var i = end - 1
        while i >= 0 {
            let c = chars[i]
            if c == ")" || c == "]" { depth += 1 }
            else if c == "[" { if depth == 0 { return nil }; depth -= 1 }
            else if c == "(" {
                if depth == 0 {
                    var s = i
                    while s > 0, chars[s - 1].isLetter || chars[s - 1].isNumber || chars[s - 1] == "_" || chars[s - 1] == "." { s -= 1 }
                    let name = String(chars[s..<i])
                    return name.isEmpty || name.first?.isNumber == true ? nil : name
                }
                depth -= 1
            }
            i -= 1
        }
        return nil
    }

    private func keywordNames(of value: Value) -> [String] {
        switch value {
        case .object(let o): return o.keywordNames
        case .function(let f): return f.definition.parameters.map(\.name)
        case .class(let c):
            if case .function(let f)? = c.lookup("__init__") { return f.definition.parameters.dropFirst().map(\.name) }
            return []
        case .boundMethod(_, .function(let f)): return f.definition.parameters.dropFirst().map(\.name)
        case .builtin(let b):
            switch b.name {
            case "print": return ["sep", "end"]
            case "sorted": return ["key", "reverse"]
            case "enumerate": return ["start"]
            default: return b.keywordNames
            }
        default: return []
        }
    }
}
