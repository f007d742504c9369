// Tests of whole replay runs: folder expansion, ordered output with parallel jobs, fail-fast, --update, JUnit XML.
import Foundation
import Testing
@testable import UnrollLessons
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct ReplayDriverTests {
    static let good = lesson("# Good", "```unroll", ">>> 2 + 2", "4", "```", "```unroll skip", ">>> nope", "```")
    static let bad = lesson("# Bad", "```unroll", ">>> 'é' + '世'", "'é世!'", "```", "```unroll", ">>> 1", "1", "```")
    static let broken = lesson("# Broken", "```unroll", ">>> 1")

    func driver(_ paths: [String], jobs: Int = 1, failFast: Bool = false, update: Bool = false, junit: String? = nil) -> ReplayDriver {
        var options = ReplayOptions()
        options.paths = paths
        options.jobs = jobs
        options.failFast = failFast
        options.update = update
        options.junitPath = junit
        return ReplayDriver(options: options) { lesson in
            LessonRunner(failFast: failFast).run(lesson, executor: TinyCalcExecutor())
        }
    }

    func runCollecting(_ driver: ReplayDriver) -> (Int32, String) {
        var output = ""
        let status = driver.run { output += $0 }
        return (status, output)
    }

    @Test func expandsFoldersAndPrintsInFileOrderWhateverTheJobs() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        _ = try folder.file("lessons/01-good.md", Self.good)
        _ = try folder.file("lessons/02-bad.md", Self.bad)
        _ = try folder.file("lessons/03-broken.md", Self.broken)
        _ = try folder.file("lessons/notes.txt", "not a lesson")
        let base = folder.path + "/lessons"
        for jobs in [1, 3] {
            let (status, output) = runCollecting(driver([base], jobs: jobs))
            #expect(status == 1)
            #expect(output == """
                ✓ \(base)/01-good.md  2 cells (1 skipped)
                \(base)/02-bad.md:4: output differs
                >>> 'é' + '世'
                --- expected
                +++ actual
                @@ -1 +1 @@
                -'é世!'
                +'é世'

                ✗ \(base)/02-bad.md  1 of 2 cells failed
                \(base)/03-broken.md:2: unclosed code fence: no closing ``` line
                ✗ \(base)/03-broken.md  not run
                3 lessons: 1 passed, 2 failed (4 cells, 1 failed, 1 skipped)

                """)
        }
    }

    @Test func passingRunExitsZeroAndMissingPathsFail() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let good = try folder.file("01-good.md", Self.good)
        #expect(runCollecting(driver([good])).0 == 0)
        let (status, output) = runCollecting(driver([good, folder.path + "/nope.md"]))
        #expect(status == 1)
        #expect(output.hasPrefix("\(folder.path)/nope.md: no such file or directory\n"))
        #expect(runCollecting(driver([folder.path + "/empty-dir-does-not-exist"])).0 == 1)
    }

    @Test func failFastStartsNoLessonAfterAFailure() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        _ = try folder.file("01-bad.md", Self.bad)
        _ = try folder.file("02-good.md", Self.good)
        let (status, output) = runCollecting(driver([folder.path], failFast: true))
        #expect(status == 1)
        #expect(!output.contains("02-good.md"))
        #expect(output.hasSuffix("1 lesson: 0 passed, 1 failed (2 cells, 1 failed, 0 skipped)\n"))
    }

    @Test func updateFixesTheLessonAndExitsZero() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = try folder.file("02-bad.md", Self.bad)
        let (status, output) = runCollecting(driver([path], update: true))
        #expect(status == 0)
        #expect(output.contains("updated \(path) (1 statement)\n"))
        #expect(try folder.read("02-bad.md") == Self.bad.replacingOccurrences(of: "'é世!'", with: "'é世'"))
        #expect(runCollecting(driver([path])).0 == 0)
    }

    @Test func writesJUnitXML() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        _ = try folder.file("l/01-good.md", Self.good)
        _ = try folder.file("l/02-bad.md", Self.bad)
        _ = try folder.file("l/03-broken.md", Self.broken)
        let junit = folder.path + "/out/junit.xml"
        _ = runCollecting(driver([folder.path + "/l"], junit: junit))
        let xml = try String(contentsOfFile: junit, encoding: .utf8)
        let document = try XMLDocument(xmlString: xml)
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        #expect(root.attribute(forName: "tests")?.stringValue == "5")
        #expect(root.attribute(forName: "failures")?.stringValue == "2")
        #expect(root.attribute(forName: "skipped")?.stringValue == "1")
        let suites = root.elements(forName: "testsuite")
        #expect(suites.map { $0.attribute(forName: "name")?.stringValue ?? "" }
            == ["01-good.md", "02-bad.md", "03-broken.md"].map { "\(folder.path)/l/\($0)" })
        let goodCases = suites[0].elements(forName: "testcase")
        #expect(goodCases.map { $0.attribute(forName: "name")?.stringValue ?? "" } == ["cell 1 (line 2)", "cell 2 (line 6)"])
        #expect(goodCases[1].elements(forName: "skipped").count == 1)
        let failure = try #require(suites[1].elements(forName: "testcase").first?.elements(forName: "failure").first)
        #expect(failure.attribute(forName: "message")?.stringValue == "line 4: output differs")
        #expect(failure.stringValue?.contains("-'é世!'\n+'é世'") == true)
        #expect(suites[2].elements(forName: "testcase").first?.elements(forName: "failure").count == 1)
    }

    @Test func junitEscapesMarkupAndControlCharacters() {
        #expect(JUnitReport.escape("a<b & \"c\" \u{1B}[31m") == "a&lt;b &amp; &quot;c&quot; [31m")
    }
}
