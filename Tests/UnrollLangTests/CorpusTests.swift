// Runs every Corpus/*.py snippet statement by statement and compares with the output real PyTorch printed.
import Foundation
import Testing
@testable import UnrollLang

/// Runs `source` like a REPL fed one top-level statement at a time; an error contributes only its
/// `Type: message` line (what tools/fixtures/lang_corpus.py records from Python).
func runLikePython(_ source: String) -> String {
    var output = ""
    let session = Session(output: { output += $0 })
    for chunk in StatementSplitter.chunks(source.components(separatedBy: "\n")) {
        let before = output.count
        let outcome = session.run(chunk + "\n")
        if !outcome.succeeded, let text = outcome.errorText, let line = outcome.errorLine {
            let printed = String(output.dropFirst(before))
            let kept = printed.hasSuffix(text + "\n") ? String(printed.dropLast(text.count + 1)) : printed
            output = String(output.prefix(before)) + kept + line + "\n"
        }
    }
    return output
}

let corpusDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

func corpusNames() -> [String] {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: corpusDirectory.path)) ?? []
    return files.filter { $0.hasSuffix(".py") }.map { String($0.dropLast(3)) }.sorted()
}

/// Generator objects print their address, which differs between runs.
func normalizeAddresses(_ s: String) -> String {
    s.replacingOccurrences(of: "object at 0x[0-9a-f]+", with: "object at 0x", options: .regularExpression)
}

@Suite struct CorpusTests {
    @Test func corpusIsPresent() {
        #expect(corpusNames().count >= 7)
    }

    @Test(arguments: corpusNames())
    func snippetMatchesPyTorch(_ name: String) throws {
        let source = try String(contentsOf: corpusDirectory.appendingPathComponent(name + ".py"), encoding: .utf8)
        let expected = try String(contentsOf: corpusDirectory.appendingPathComponent(name + ".out"), encoding: .utf8)
        let actual = runLikePython(source)
        let expectedLines = normalizeAddresses(expected).components(separatedBy: "\n")
        let actualLines = normalizeAddresses(actual).components(separatedBy: "\n")
        for (i, (e, a)) in zip(expectedLines, actualLines).enumerated() where e != a {
            Issue.record("\(name).out line \(i + 1): expected \(e.debugDescription), got \(a.debugDescription)")
        }
        #expect(expectedLines.count == actualLines.count, "\(name): line count differs")
    }
}
