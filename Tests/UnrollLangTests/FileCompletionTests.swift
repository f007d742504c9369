// Tab completion of file names inside string quotes (`pd.read_csv("data/ho<TAB>`), and its limits.
import Foundation
import Testing
@testable import UnrollLang

@Suite struct FileCompletionTests {
    /// A fresh directory with `hourly.csv`, `hours.txt`, `.hidden` and a subdirectory `holdout`.
    func makeDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "unroll-files-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/holdout", withIntermediateDirectories: true)
        for name in ["hourly.csv", "hours.txt", ".hidden", "holdout/part1.csv"] {
            try Data("x\n".utf8).write(to: URL(fileURLWithPath: dir + "/" + name))
        }
        return dir
    }

    @Test func completesNamesInsideQuotes() throws {
        let dir = try makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = Session(output: { _ in })
        let answer = s.completions(for: "df = pd.read_csv(\"\(dir)/ho")
        #expect(answer.replacing == 2)
        #expect(answer.candidates == ["holdout/", "hourly.csv", "hours.txt"])
        #expect(s.completions(for: "open('\(dir)/hourl").candidates == ["hourly.csv"])
        #expect(s.completions(for: "x = '\(dir)/holdout/").candidates == ["part1.csv"])
        #expect(s.completions(for: "x = '\(dir)/holdout/").replacing == 0)
    }

    @Test func hiddenFilesOnlyWhenTheNameStartsWithADot() throws {
        let dir = try makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = Session(output: { _ in })
        #expect(!s.completions(for: "'\(dir)/").candidates.contains(".hidden"))
        #expect(s.completions(for: "'\(dir)/.h").candidates == [".hidden"])
    }

    @Test func closedStringsAndFStringsCompleteCode() throws {
        let s = Session(output: { _ in })
        _ = s.run("hidden_size = 4\n")
        // After a closed string the word is code again.
        #expect(s.completions(for: "print('a', hid").candidates == ["hidden_size"])
        // Inside an f-string the braces hold code, so no file names are offered.
        #expect(s.completions(for: "f'{hid").candidates == ["hidden_size"])
        // A missing directory offers nothing rather than failing.
        #expect(s.completions(for: "open('/no/such/dir/x").candidates.isEmpty)
        // An escaped quote does not end the string.
        #expect(s.completions(for: "'it\\'s /no/such/").candidates.isEmpty)
    }
}
