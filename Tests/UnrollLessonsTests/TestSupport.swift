// Helpers for the lesson tests: temporary folders and lesson text built from lines.
import Foundation

/// A fresh temporary folder, removed by the caller with `cleanUp()`.
struct TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "unroll-lessons-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String, _ text: String) throws -> String {
        let full = path + "/" + name
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: true, encoding: .utf8)
        return full
    }

    func read(_ name: String) throws -> String {
        try String(contentsOfFile: path + "/" + name, encoding: .utf8)
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: path) }
}

/// Joins lines into lesson text with a final newline.
func lesson(_ lines: String...) -> String { lines.joined(separator: "\n") + "\n" }
