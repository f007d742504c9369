// `unroll run FILE`, `unroll -c CODE` and stdin mode: the non-interactive ways to run code (what CI and scripts use).
import Foundation
import UnrollLang

/// Writes text to stdout unbuffered enough that interleaving with errors stays in order.
func writeOut(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// Runs a whole script as one input; returns the process exit status (1 on error).
func runScript(_ source: String, file: String) -> Int32 {
    let session = Session(output: writeOut)
    return session.run(source, file: file).succeeded ? 0 : 1
}

/// Stdin mode: reads statements from a non-terminal stdin, runs each complete statement (blocks end at the
/// next unindented line or a blank line), prints only outputs and errors. Exit status 1 if any failed.
func runStdin() -> Int32 {
    var lines: [String] = []
    while let line = readLine(strippingNewline: true) { lines.append(line) }
    return runStatements(lines, session: Session(output: writeOut))
}

/// Splits lines into top-level chunks (a statement plus its indented continuation) and runs each.
func runStatements(_ lines: [String], session: Session) -> Int32 {
    var status: Int32 = 0
    var chunk: [String] = []
    var depth = 0
    func flush() {
        let text = chunk.joined(separator: "\n")
        chunk = []
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return }
        if !session.run(text + "\n").succeeded { status = 1 }
    }
    for line in lines {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let startsTopLevel = !trimmed.isEmpty && !trimmed.hasPrefix("#") && line.first.map { $0 != " " && $0 != "\t" } ?? false
        let continuation = trimmed.hasPrefix("elif") || trimmed.hasPrefix("else") || trimmed.hasPrefix(")") || trimmed.hasPrefix("]") || trimmed.hasPrefix("}")
        if startsTopLevel && depth == 0 && !continuation { flush() }
        chunk.append(line)
        for c in line where "([{".contains(c) || ")]}".contains(c) { depth += "([{".contains(c) ? 1 : -1 }
        depth = max(0, depth)
    }
    flush()
    return status
}

/// The interactive REPL entry point. The lead's line-editing REPL replaces this; for now it reads lines
/// like stdin mode, without prompts.
