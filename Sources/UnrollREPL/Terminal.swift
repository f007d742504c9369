// Facts about the terminal: whether stdin/stdout are terminals, its width, and whether colour is wanted.
import Foundation

public enum Terminal {
    public static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }
    public static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// The window's width in columns, or 80 when it cannot be asked.
    public static func width() -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 {
            return Int(size.ws_col)
        }
        return 80
    }

    /// Colour is on for a terminal unless `NO_COLOR` is set or `--no-color` was given.
    public static func wantsColor(noColorFlag: Bool) -> Bool {
        if noColorFlag { return false }
        if let value = ProcessInfo.processInfo.environment["NO_COLOR"], !value.isEmpty { return false }
        return stdoutIsTerminal
    }
}
