// Starting the interactive REPL: terminal checks, libedit or plain reading, history file, Ctrl-C watcher, banner.
import Foundation
import UnrollLessons

public enum Interactive {
    /// Runs the REPL on this process's terminal with `runner`; returns the exit status.
    /// - Parameters:
    ///   - noColor: `--no-color`; `NO_COLOR` in the environment has the same effect.
    ///   - lessonsDirectory: where `:lessons` and `:learn` look.
    ///   - startLesson: a lesson to open first (`unroll learn NN`), or "" for "where I left off".
    public static func run(runner makeRunner: @autoclosure () -> StatementRunner, noColor: Bool, lessonsDirectory: String?,
                           startLesson: String?) -> Int32 {
        let runner = makeRunner()
        let interactive = Terminal.stdinIsTerminal && Terminal.stdoutIsTerminal
        let color = interactive && Terminal.wantsColor(noColorFlag: noColor)
        let history = interactive ? HistoryStore(url: HistoryStore.defaultURL()) : nil
        if interactive { TerminalPlots.install(color: color) }
        let host = ReplHost(
            runner: runner, out: { text in FileHandle.standardOutput.write(Data(text.utf8)) }, color: color,
            history: history, lessonsDirectory: lessonsDirectory,
            progress: ProgressStore(path: ProgressStore.defaultPath()), width: Terminal.width())
        let target = InterruptTarget(runner: runner)
        let watcher = InterruptWatcher(onInterrupt: { target.runner.interrupt() })
        watcher.start()
        let reader: LineReader
        if interactive, let editor = EditLineReader() {
            editor.complete = { host.complete($0.textBeforeCursor) }
            reader = editor
            print("Unroll: PyTorch's RNNs in your terminal. :help lists commands, :lessons the course, Ctrl-D quits.")
        } else {
            reader = PlainLineReader()
        }
        if let startLesson, case .prefill(let text) = host.meta("learn", arguments: startLesson),
           let editor = reader as? EditLineReader {
            editor.prefill(text)
        }
        return ReplLoop(reader: reader, engine: host, history: history, color: color).run()
    }
}

/// Carries the runner to the watcher thread. `StatementRunner.interrupt()` is documented as safe to call from
/// another thread (it only sets an atomic flag), which is the one thing that thread does with it.
final class InterruptTarget: @unchecked Sendable {
    let runner: StatementRunner
    init(runner: StatementRunner) { self.runner = runner }
}
