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

/// Runs each top-level statement as its own input, like a REPL fed from a file.
func runStatements(_ lines: [String], session: Session) -> Int32 {
    var status: Int32 = 0
    for chunk in StatementSplitter.chunks(lines) where !session.run(chunk + "\n").succeeded { status = 1 }
    return status
}

/// The interactive REPL entry point. The lead's line-editing REPL replaces this; for now it reads lines
/// like stdin mode, without prompts.
