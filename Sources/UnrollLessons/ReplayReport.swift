// What replaying a lesson found: per statement, per cell and per lesson, encodable for the child-process protocol.

/// How one statement fared.
public enum StatementStatus: String, Sendable, Codable {
    case passed
    /// Output differs from the expected lines.
    case mismatch
    /// The statement ended in an error where none was expected.
    case unexpectedError
    /// The last statement of an `error` cell succeeded.
    case missingError
}

/// The run of one statement.
public struct StatementReport: Sendable, Equatable, Codable {
    /// Line of the `>>> `.
    public var line: Int
    public var status: StatementStatus
    public var actual: ExecutionResult

    public init(line: Int, status: StatementStatus, actual: ExecutionResult) {
        self.line = line
        self.status = status
        self.actual = actual
    }
}

/// A mismatch to show: where, what, and the diff.
public struct ReplayFailure: Sendable, Equatable, Codable {
    /// The line to point at: the first differing expected line, or the statement.
    public var line: Int
    public var message: String
    /// The statement's source, shown with prompts above the diff.
    public var source: String?
    /// Unified diff lines (may be empty).
    public var diff: [String]

    public init(line: Int, message: String, source: String? = nil, diff: [String] = []) {
        self.line = line
        self.message = message
        self.source = source
        self.diff = diff
    }
}

/// How one cell fared.
public enum CellStatus: String, Sendable, Codable {
    case passed, failed, skipped
    /// Ran past its time limit; the interpreter was stopped.
    case timedOut
    /// Not reached (fail-fast, a crash or a timeout earlier in the lesson).
    case notRun
}

/// The run of one cell.
public struct CellReport: Sendable, Equatable, Codable {
    public var index: Int
    /// Line of the opening fence.
    public var line: Int
    public var status: CellStatus
    public var statements: [StatementReport]
    public var failures: [ReplayFailure]
    public var seconds: Double

    public init(
        index: Int, line: Int, status: CellStatus, statements: [StatementReport] = [], failures: [ReplayFailure] = [],
        seconds: Double = 0
    ) {
        self.index = index
        self.line = line
        self.status = status
        self.statements = statements
        self.failures = failures
        self.seconds = seconds
    }
}

/// The run of one lesson.
public struct LessonReport: Sendable, Equatable, Codable {
    public var path: String
    public var cells: [CellReport]
    /// A problem with the lesson as a whole (`file:line: message`): unparsable, unreadable, interpreter crashed.
    public var problem: String?
    public var seconds: Double

    public init(path: String, cells: [CellReport], problem: String? = nil, seconds: Double = 0) {
        self.path = path
        self.cells = cells
        self.problem = problem
        self.seconds = seconds
    }

    public var passed: Bool { problem == nil && !cells.contains { $0.status == .failed || $0.status == .timedOut || $0.status == .notRun } }
    public var failedCount: Int { cells.filter { $0.status == .failed || $0.status == .timedOut }.count }
    public var skippedCount: Int { cells.filter { $0.status == .skipped }.count }
    public var notRunCount: Int { cells.filter { $0.status == .notRun }.count }
    /// Every failure of every cell, in file order.
    public var failures: [ReplayFailure] { cells.flatMap(\.failures) }
}
