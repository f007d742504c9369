// `unroll run FILE` and `unroll -c CODE`: running a whole script at once (stdin mode lives in UnrollREPL/StdinMode).
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
