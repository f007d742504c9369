// Runs `unroll replay`: finds lessons, runs them (in parallel if asked), prints results in order, updates, writes JUnit.
import Foundation

/// Settings of one `unroll replay` run.
public struct ReplayOptions: Sendable {
    /// Files or folders; folders are searched for `*.md` files.
    public var paths: [String] = ["lessons"]
    /// How many lessons run at once.
    public var jobs = 1
    /// Stop at the first failing cell; start no lesson after a failing one.
    public var failFast = false
    /// Rewrite expected output in place.
    public var update = false
    /// Where to write JUnit XML, if anywhere.
    public var junitPath: String?

    public init() {}
}

/// Runs a set of lessons and reports on them. How one lesson runs (in a child process or in-process) is given.
public struct ReplayDriver: Sendable {
    public var options: ReplayOptions
    /// Runs one parsed lesson and reports on it; called from worker threads.
    public var runLesson: @Sendable (Lesson) -> LessonReport

    public init(options: ReplayOptions, runLesson: @escaping @Sendable (Lesson) -> LessonReport) {
        self.options = options
        self.runLesson = runLesson
    }

    /// Expands folders into their `*.md` files (sorted, recursively); files are kept as given.
    /// Paths that do not exist come back in `missing`.
    public static func lessonFiles(_ paths: [String]) -> (files: [String], missing: [String]) {
        var files: [String] = []
        var missing: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                missing.append(path)
                continue
            }
            if !isDirectory.boolValue {
                files.append(path)
                continue
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            let found = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                .filter { $0.hasSuffix(".md") && !$0.split(separator: "/").contains { $0.hasPrefix(".") } }
                .sorted()
            files.append(contentsOf: found.map { "\(base)/\($0)" })
        }
        return (files, missing)
    }

    /// Runs everything, writing text through `write` as results come in (in file order). Returns the exit status:
    /// 0 when every lesson passed (with `update`: when nothing is left that the update could not fix).
    public func run(write: (String) -> Void) -> Int32 {
        let (files, missing) = Self.lessonFiles(options.paths)
        var reports: [LessonReport] = missing.map { LessonReport(path: $0, cells: [], problem: "\($0): no such file or directory") }
        for report in reports { write(ReplayFormatter.lessonBlock(report)) }
        if files.isEmpty && missing.isEmpty {
            write("no lessons found in \(options.paths.joined(separator: " "))\n")
            return 1
        }
        var unresolved = !missing.isEmpty
        let failFast = options.failFast && !options.update
        let pool = LessonPool(count: files.count, failFast: failFast)
        let runLesson = self.runLesson
        let workers = max(1, min(options.jobs, files.count))
        for _ in 0..<workers {
            Thread {
                while let index = pool.next() {
                    let report: LessonReport
                    do {
                        report = runLesson(try LessonParser.parse(fileAt: files[index]))
                    } catch {
                        report = LessonReport(path: files[index], cells: [], problem: "\(error)")
                    }
                    pool.finish(index, report)
                }
            }.start()
        }
        for index in files.indices {
            guard let report = pool.wait(for: index) else { continue }
            reports.append(report)
            write(ReplayFormatter.lessonBlock(report))
            if options.update {
                unresolved = update(report, write: write) || unresolved
            } else if !report.passed {
                unresolved = true
            }
        }
        write(ReplayFormatter.totalLine(reports) + "\n")
        if let junitPath = options.junitPath {
            do {
                try AtomicFile.write(JUnitReport.xml(reports), to: junitPath)
            } catch {
                write("cannot write \(junitPath): \(error.localizedDescription)\n")
                unresolved = true
            }
        }
        return unresolved ? 1 : 0
    }

    /// Applies `--update` for one lesson; returns whether failures remain that the update could not fix.
    func update(_ report: LessonReport, write: (String) -> Void) -> Bool {
        if report.passed { return false }
        guard report.problem == nil, let lesson = try? LessonParser.parse(fileAt: report.path) else { return true }
        var unresolved = report.cells.contains { $0.status == .timedOut || $0.status == .notRun }
            || report.failures.contains { $0.source == nil }
        do {
            let outcome = try LessonUpdater.updateFile(lesson, report: report)
            if outcome.updatedStatements > 0 {
                let statements = outcome.updatedStatements == 1 ? "1 statement" : "\(outcome.updatedStatements) statements"
                write("updated \(report.path) (\(statements))\n")
            }
            for note in outcome.notes { write(note + "\n") }
            unresolved = unresolved || !outcome.notes.isEmpty
        } catch {
            write("cannot update \(report.path): \(error.localizedDescription)\n")
            unresolved = true
        }
        return unresolved
    }
}

/// Hands out lesson indices to workers in order and collects their reports.
final class LessonPool: @unchecked Sendable {
    private let condition = NSCondition()
    private var reports: [LessonReport?]
    private var nextIndex = 0
    private var stopped = false
    private let failFast: Bool

    init(count: Int, failFast: Bool) {
        reports = Array(repeating: nil, count: count)
        self.failFast = failFast
    }

    func next() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard !stopped, nextIndex < reports.count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    func finish(_ index: Int, _ report: LessonReport) {
        condition.lock()
        reports[index] = report
        if failFast && !report.passed { stopped = true }
        condition.broadcast()
        condition.unlock()
    }

    /// The report of lesson `index`, or nil when it will never run (fail-fast).
    func wait(for index: Int) -> LessonReport? {
        condition.lock()
        defer { condition.unlock() }
        while reports[index] == nil {
            if stopped && index >= nextIndex { return nil }
            condition.wait()
        }
        return reports[index]
    }
}
