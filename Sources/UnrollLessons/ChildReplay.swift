// Replays a lesson in a child process of the same binary, so global state never collides and a hung cell can be killed.
import Foundation

/// One line of the child's JSON-lines protocol on stdout (`unroll replay --single FILE --format json`).
public enum ReplayEvent: Sendable, Equatable, Codable {
    /// A cell (by index) is about to run.
    case cellStarted(index: Int)
    /// A statement or check (by lesson line) is about to run.
    case statementStarted(line: Int)
    case cellFinished(CellReport)
    /// The last event: the whole lesson's report.
    case lessonFinished(LessonReport)

    /// The event as one line of JSON (no newline).
    public func jsonLine() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self), let text = String(data: data, encoding: .utf8) else { return "{}" }
        return text
    }

    /// Decodes a protocol line; anything else (stray output) gives nil.
    public static func decode(_ line: String) -> ReplayEvent? {
        guard line.hasPrefix("{") else { return nil }
        return try? JSONDecoder().decode(ReplayEvent.self, from: Data(line.utf8))
    }
}

/// Both halves of the child-process replay.
public enum ChildReplay {
    /// The child's side: parse and run one lesson, writing protocol lines through `emit`. Returns the exit status
    /// (0 when the lesson passed, 1 otherwise).
    public static func runChild(
        path: String, executor: any CellExecutor, failFast: Bool, emit: (String) -> Void
    ) -> Int32 {
        let report: LessonReport
        do {
            let lesson = try LessonParser.parse(fileAt: path)
            report = LessonRunner(failFast: failFast).run(
                lesson, executor: executor,
                onCellStart: { emit(ReplayEvent.cellStarted(index: $0).jsonLine()) },
                onStatementStart: { emit(ReplayEvent.statementStarted(line: $0).jsonLine()) },
                onCellFinish: { emit(ReplayEvent.cellFinished($0).jsonLine()) })
        } catch {
            report = LessonReport(path: path, cells: [], problem: error.description)
        }
        emit(ReplayEvent.lessonFinished(report).jsonLine())
        return report.passed ? 0 : 1
    }

    /// The parent's side: runs `command + [lesson.path]` (e.g. `[unroll, replay, --single]`), follows its events
    /// and kills it when a cell runs longer than its limit (`timeout=` flag, else `defaultTimeout` seconds).
    public static func runInChild(
        _ lesson: Lesson, command: [String], extraArguments: [String] = [], defaultTimeout: Double
    ) -> LessonReport {
        let started = Date()
        guard let executable = command.first else {
            return LessonReport(path: lesson.path, cells: [], problem: "\(lesson.path): no replay command to run")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(command.dropFirst()) + [lesson.path] + extraArguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        // Lessons compare plain text: ask the child for no colours, whatever the parent's terminal.
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let state = ChildState()
        do {
            try process.run()
        } catch {
            return LessonReport(
                path: lesson.path, cells: [], problem: "\(lesson.path): cannot start \(executable): \(error.localizedDescription)")
        }
        let readers = DispatchGroup()
        readLines(stdout.fileHandleForReading, group: readers) { state.receive($0) }
        readLines(stderr.fileHandleForReading, group: readers) { state.appendError($0) }

        let cellsByIndex = Dictionary(lesson.cells.map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })
        var timedOut: (cell: Int, line: Int, limit: Double)?
        var stalled = false
        while process.isRunning {
            if let (cell, since, line) = state.running() {
                let limit = cellsByIndex[cell]?.flags.timeout ?? defaultTimeout
                if Date().timeIntervalSince(since) > limit {
                    kill(process.processIdentifier, SIGKILL)
                    timedOut = (cell, line ?? cellsByIndex[cell]?.openLine ?? 0, limit)
                    break
                }
            } else if Date().timeIntervalSince(state.lastEventTime()) > defaultTimeout {
                // Between cells (start-up, or after the last one) the child must not hang either.
                kill(process.processIdentifier, SIGKILL)
                stalled = true
                break
            }
            usleep(20_000)
        }
        process.waitUntilExit()
        // A grandchild may still hold the pipes open after a kill; do not wait for it forever.
        _ = readers.wait(timeout: .now() + (timedOut == nil ? 30 : 2))

        let snapshot = state.snapshot()
        if timedOut == nil, var final = snapshot.final {
            final.path = lesson.path
            return final
        }
        var cells = snapshot.finished
        let done = Set(cells.map(\.index))
        var problem: String?
        for cell in lesson.cells where !done.contains(cell.index) {
            if let timeout = timedOut, timeout.cell == cell.index {
                let failure = ReplayFailure(
                    line: timeout.line,
                    message: "timed out: the cell ran longer than \(formatFlagNumber(timeout.limit)) s and its interpreter was stopped")
                cells.append(CellReport(index: cell.index, line: cell.openLine, status: .timedOut, failures: [failure], seconds: timeout.limit))
            } else if timedOut == nil, snapshot.runningCell == cell.index {
                let line = snapshot.runningLine ?? cell.openLine
                let status = process.terminationReason == .uncaughtSignal
                    ? "was killed by signal \(process.terminationStatus)" : "exited with status \(process.terminationStatus)"
                var message = "the interpreter process \(status) while running this statement"
                let errors = snapshot.errorTail.trimmingCharacters(in: .whitespacesAndNewlines)
                if !errors.isEmpty { message += "\n" + errors }
                cells.append(CellReport(index: cell.index, line: cell.openLine, status: .failed, failures: [ReplayFailure(line: line, message: message)]))
            } else {
                cells.append(CellReport(index: cell.index, line: cell.openLine, status: .notRun))
            }
        }
        if stalled {
            problem = "\(lesson.path): the replay process made no progress for \(formatFlagNumber(defaultTimeout)) s outside any cell and was stopped"
        } else if timedOut == nil, snapshot.runningCell == nil {
            let errors = snapshot.errorTail.trimmingCharacters(in: .whitespacesAndNewlines)
            problem = "\(lesson.path): the replay process exited with status \(process.terminationStatus) without a report"
                + (errors.isEmpty ? "" : "\n" + errors)
        }
        cells.sort { $0.index < $1.index }
        return LessonReport(path: lesson.path, cells: cells, problem: problem, seconds: Date().timeIntervalSince(started))
    }

    static func readLines(_ handle: FileHandle, group: DispatchGroup, onLine: @escaping @Sendable (String) -> Void) {
        group.enter()
        let thread = Thread {
            var buffer = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: 0x0A) {
                    let line = buffer[buffer.startIndex..<newline]
                    onLine(String(decoding: line, as: UTF8.self))
                    buffer.removeSubrange(buffer.startIndex...newline)
                }
            }
            if !buffer.isEmpty { onLine(String(decoding: buffer, as: UTF8.self)) }
            group.leave()
        }
        thread.start()
    }
}

/// What the parent knows about its child so far; written by the reader threads, read by the watchdog.
final class ChildState: @unchecked Sendable {
    struct Snapshot {
        var finished: [CellReport] = []
        var final: LessonReport?
        var runningCell: Int?
        var runningSince = Date()
        var runningLine: Int?
        var errorTail = ""
        var lastEvent = Date()
    }

    private let lock = NSLock()
    private var state = Snapshot()

    func receive(_ line: String) {
        guard let event = ReplayEvent.decode(line) else { return }
        lock.lock()
        defer { lock.unlock() }
        state.lastEvent = Date()
        switch event {
        case .cellStarted(let index):
            state.runningCell = index
            state.runningSince = Date()
            state.runningLine = nil
        case .statementStarted(let line): state.runningLine = line
        case .cellFinished(let report):
            state.finished.append(report)
            state.runningCell = nil
        case .lessonFinished(let report): state.final = report
        }
    }

    func appendError(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        state.errorTail += line + "\n"
        if state.errorTail.utf8.count > 4000 { state.errorTail = String(state.errorTail.suffix(2000)) }
    }

    func running() -> (Int, Date, Int?)? {
        lock.lock()
        defer { lock.unlock() }
        return state.runningCell.map { ($0, state.runningSince, state.runningLine) }
    }

    func lastEventTime() -> Date {
        lock.lock()
        defer { lock.unlock() }
        return state.lastEvent
    }

    func snapshot() -> Snapshot {
        lock.lock()
        defer { lock.unlock() }
        return state
    }
}
