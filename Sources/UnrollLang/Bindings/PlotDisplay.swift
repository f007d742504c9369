// Where `plt.show()` and `:plot` draw: a size and colour the interactive REPL can set; fixed and plain otherwise.
import Foundation

/// Display settings for terminal plots. Without a provider (pipes, tests, lesson replay) plots are 80×20 without
/// colour so recorded output replays identically; the interactive REPL and `unroll run` on a terminal install one
/// that reads the window size.
public enum PlotDisplay {
    public struct Settings: Sendable, Equatable {
        public var width: Int
        public var height: Int
        public var color: Bool
        public init(width: Int, height: Int, color: Bool) {
            self.width = width
            self.height = height
            self.color = color
        }
    }

    public static let fixed = Settings(width: 80, height: 20, color: false)

    private static let lock = NSLock()
    nonisolated(unsafe) private static var provider: (@Sendable () -> Settings)?

    /// Installs (or with nil removes) the function asked for the size each time something is drawn.
    public static func setProvider(_ newValue: (@Sendable () -> Settings)?) {
        lock.lock(); defer { lock.unlock() }
        provider = newValue
    }

    nonisolated(unsafe) private static var fixedDepth = 0

    /// The settings to draw with now.
    public static var current: Settings {
        lock.lock()
        let p = fixedDepth > 0 ? nil : provider
        lock.unlock()
        return p?() ?? fixed
    }

    /// Runs `body` with plots at the fixed 80×20 without colour, whatever the terminal: a lesson stepped in the
    /// REPL draws its plots as recorded, so they compare equal to the lesson's output.
    public static func withFixedSettings<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock(); fixedDepth += 1; lock.unlock()
        defer { lock.lock(); fixedDepth -= 1; lock.unlock() }
        return try body()
    }
}
