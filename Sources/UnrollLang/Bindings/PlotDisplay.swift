// Where `plt.show()`, `:plot` and tqdm draw: a hook the interactive REPL sets; fixed and plain otherwise.
import Foundation

/// Display settings for terminal plots and progress bars. Without a provider (scripts, pipes, lesson replay)
/// plots are 80×20 without colour so recorded output replays identically; the interactive REPL installs one
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

    /// The settings to draw with now.
    public static var current: Settings {
        lock.lock()
        let p = provider
        lock.unlock()
        return p?() ?? fixed
    }
}
