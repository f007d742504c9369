// Saves and loads the learner's progress ($XDG_STATE_HOME/unroll/progress.json), atomically; damaged files are set aside.
import Foundation

/// Where a learner is in one lesson.
public struct LessonProgress: Sendable, Equatable, Codable {
    /// The cell the learner is at (0-based).
    public var cell = 0
    /// Cells run to the end, sorted.
    public var completedCells: [Int] = []
    /// Exercise cells solved, sorted.
    public var solvedExercises: [Int] = []
    /// Every cell completed at least once.
    public var finished = false

    public init() {}

    mutating func complete(_ cell: Int) {
        if !completedCells.contains(cell) { completedCells = (completedCells + [cell]).sorted() }
    }

    mutating func solve(_ cell: Int) {
        if !solvedExercises.contains(cell) { solvedExercises = (solvedExercises + [cell]).sorted() }
    }
}

/// Everything `unroll learn` remembers between sessions.
public struct LearnerProgress: Sendable, Equatable, Codable {
    public var version = 1
    /// The lesson to continue with (its file name, e.g. `03-unrolling.md`).
    public var current: String?
    /// Progress per lesson, keyed by file name so that moving the checkout keeps it.
    public var lessons: [String: LessonProgress] = [:]

    public init() {}

    /// Takes in where `stepper` is, and makes its lesson the one to continue with.
    public mutating func update(from stepper: LessonStepper) {
        current = stepper.fileName
        lessons[stepper.fileName] = stepper.progress
    }
}

/// Reads and writes the progress file.
public struct ProgressStore: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// `$XDG_STATE_HOME/unroll/progress.json`, or `~/.local/state/unroll/progress.json`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/unroll/progress.json"
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/state/unroll/progress.json"
    }

    /// Loads the progress. A missing file is a fresh start; a damaged one is renamed to
    /// `progress.json.damaged-<time>` and reported in `warning`, and loading starts fresh.
    public func load(now: Date = Date()) -> (progress: LearnerProgress, warning: String?) {
        guard FileManager.default.fileExists(atPath: path) else { return (LearnerProgress(), nil) }
        if let data = FileManager.default.contents(atPath: path),
           let progress = try? JSONDecoder().decode(LearnerProgress.self, from: data), progress.version == 1 {
            return (progress, nil)
        }
        let stamp = Int(now.timeIntervalSince1970)
        var aside = "\(path).damaged-\(stamp)"
        var attempt = 1
        while FileManager.default.fileExists(atPath: aside) {
            attempt += 1
            aside = "\(path).damaged-\(stamp)-\(attempt)"
        }
        if rename(path, aside) == 0 {
            return (LearnerProgress(), "progress file \(path) was damaged; set it aside as \(aside) and started afresh")
        }
        return (LearnerProgress(), "progress file \(path) is damaged and could not be set aside; starting afresh")
    }

    /// Writes the progress atomically (temporary file, then rename).
    public func save(_ progress: LearnerProgress) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(progress)
        try AtomicFile.write(String(decoding: data, as: UTF8.self) + "\n", to: path)
    }
}
