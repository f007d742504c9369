// Finds the lessons folder from anywhere: $UNROLL_LESSONS, the current directory and its parents, or beside the binary.
import Foundation

public enum LessonsLocator {
    /// The first existing folder among `$UNROLL_LESSONS`, `lessons/` in the current directory or a parent,
    /// and `lessons/` above the executable (so `.build/debug/unroll` finds the checkout's lessons).
    public static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let fm = FileManager.default
        func isDirectory(_ path: String) -> Bool {
            var dir: ObjCBool = false
            return fm.fileExists(atPath: path, isDirectory: &dir) && dir.boolValue
        }
        if let explicit = environment["UNROLL_LESSONS"], isDirectory(explicit) { return explicit }
        var starts = [URL(fileURLWithPath: fm.currentDirectoryPath)]
        if let exe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            starts.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        for start in starts {
            var url = start
            for _ in 0..<6 {
                let candidate = url.appendingPathComponent("lessons").path
                if isDirectory(candidate) { return candidate }
                url.deleteLastPathComponent()
            }
        }
        return nil
    }
}
