// Locates Tests/Fixtures from this file, and compares text with committed snapshots.
import Foundation
import Testing

enum Fixtures {
    static var root: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("Fixtures")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        }
        return URL(fileURLWithPath: "Tests/Fixtures")
    }

    static func json(_ relative: String) throws -> Any {
        let data = try Data(contentsOf: root.appendingPathComponent(relative))
        return try JSONSerialization.jsonObject(with: data)
    }

    /// Checks `text` against `plot/<name>.txt`. With `UNROLL_UPDATE_SNAPSHOTS=1` the file is (re)written instead,
    /// to be reviewed by eye and committed; a missing snapshot fails.
    static func expectSnapshot(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = root.appendingPathComponent("plot").appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["UNROLL_UPDATE_SNAPSHOTS"] == "1" {
            try (text + "\n").write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing snapshot \(url.path); run with UNROLL_UPDATE_SNAPSHOTS=1", sourceLocation: sourceLocation)
            return
        }
        #expect(text + "\n" == expected, "snapshot \(name) differs", sourceLocation: sourceLocation)
    }
}
