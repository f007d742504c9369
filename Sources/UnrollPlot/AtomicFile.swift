// Atomic file writes: a temporary file in the same directory, then a rename over the target.
import Foundation

/// A failed plot file write, with the path and the reason.
public struct PlotFileError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "could not write \(path): \(reason)" }
}

public enum AtomicFile {
    /// Writes `data` to `path` so readers see either the old file or the complete new one, never a partial one.
    public static func write(_ data: Data, to path: String) throws {
        let target = URL(fileURLWithPath: path)
        let directory = target.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            throw PlotFileError(path: path, reason: "No such file or directory or not writable: '\(directory.path)'")
        }
        if rename(temporary.path, target.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw PlotFileError(path: path, reason: reason)
        }
    }
}
