// Writing to the process's stderr (progress bars, warnings), which stays out of the output that replays compare.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The process's standard error: whether it is a terminal, its width, and unbuffered writes.
enum StandardErrorStream {
    /// True when stderr is a terminal (tqdm draws only then, so piped or replayed runs stay silent).
    static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// The terminal's width in columns, or nil when stderr is not a terminal.
    static var columns: Int? {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 { return Int(size.ws_col) }
        return nil
    }

    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
