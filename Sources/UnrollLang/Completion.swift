// Tab completion: names, keywords, attributes of the value an expression names, and keyword arguments in calls.

extension Session {
    /// Candidates for the word before the cursor. `replacing` is how many characters before the cursor the
    /// candidates replace. Only side-effect-free dotted names are evaluated (`rnn.`, `nn.`, `torch.ra`).
    public func completions(for textBeforeCursor: String) -> (replacing: Int, candidates: [String]) {
        let chars = Array(textBeforeCursor)
        var start = chars.count
        while start > 0, chars[start - 1].isLetter || chars[start - 1].isNumber || chars[start - 1] == "_" || chars[start - 1] == "." {
            start -= 1
        }
        let word = String(chars[start...])
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
