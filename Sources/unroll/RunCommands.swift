// `unroll run FILE` and `unroll -c CODE`: running a whole script at once (stdin mode lives in UnrollREPL/StdinMode).
import Foundation
import UnrollLang
import UnrollREPL

/// Writes text to stdout unbuffered enough that interleaving with errors stays in order.
func writeOut(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// Writes text to stderr, where Python writes a script's traceback.
func writeError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

/// Runs a whole script as one input, as `python3 FILE` does (no echo of expression values; an error goes to stderr,
/// so `unroll run f.py > out.txt` keeps it out of the output); returns the process exit status (1 on error).
func runScript(_ source: String, file: String) -> Int32 {
    TerminalPlots.install(color: Terminal.wantsColor(noColorFlag: false))  // plt.show() sized to the window on a terminal
    let session = Session(output: writeOut, printsErrors: false)
    // Ctrl-C stops the script with KeyboardInterrupt (as Python's), so loops end cleanly: tqdm closes its bar line.
    let flag = session.interpreterForBindings.interruptFlag
    InterruptWatcher(onInterrupt: { flag.raise() }).start()
    let outcome = session.run(source, file: file, echo: false)
    if let text = outcome.errorText { writeError(text.hasSuffix("\n") ? text : text + "\n") }
    if let status = outcome.exitStatus { return status }
    return outcome.succeeded ? 0 : 1
}
