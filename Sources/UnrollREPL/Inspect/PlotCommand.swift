// `:plot EXPR` and the terminal size plots are drawn at when the REPL runs on a real terminal.
import Foundation
import UnrollLang

enum PlotCommand {
    /// `:plot EXPR`: evaluates EXPR in the session and draws it (a 1-D tensor, or a list of them).
    static func run(_ arguments: String, _ session: Session) throws -> String {
        guard !arguments.isEmpty else { throw Inspection.Failure(description: "usage: :plot EXPR (a 1-D tensor or a list of them)") }
        let value = try session.evaluate(arguments)
        return try QuickPlot.render(value, expression: arguments, session.interpreterForBindings)
    }

}

/// How plots meet the terminal, for the REPL and `unroll run`.
public enum TerminalPlots {
    /// Makes `plt.show()` and `:plot` fill the terminal window (read at each draw, so resizing works) with
    /// colour as `color` says. Only for a terminal: elsewhere plots stay 80×20 and plain so output replays.
    public static func install(color: Bool) {
        guard Terminal.stdoutIsTerminal else { return }
        PlotDisplay.setProvider {
            let (columns, rows) = Terminal.windowSize()
            // Leave the prompt and a line of context visible; never taller than a readable aspect ratio.
            let height = min(max(10, rows - 3), max(10, columns / 2))
            return PlotDisplay.Settings(width: max(40, min(columns, 240)), height: min(height, 80), color: color)
        }
    }
}

extension Terminal {
    /// The window's columns and rows, or 80×24 when they cannot be asked.
    static func windowSize() -> (columns: Int, rows: Int) {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 && size.ws_row > 0 {
            return (Int(size.ws_col), Int(size.ws_row))
        }
        return (80, 24)
    }
}
