// The text replay prints: each failure as file:LINE with a unified diff, a summary line per lesson, a total.

/// Formats replay results for a terminal or CI log (plain text, no colours).
public enum ReplayFormatter {
    /// The failures of a lesson (each `file:LINE: message`, the statement with prompts, the diff),
    /// then its summary line.
    public static func lessonBlock(_ report: LessonReport) -> String {
        var out: [String] = []
        if let problem = report.problem { out.append(problem) }
        for failure in report.failures {
            out.append("\(report.path):\(failure.line): \(failure.message)")
            if let source = failure.source {
                for (position, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    out.append((position == 0 ? ">>> " : "... ") + line)
                }
            }
            out.append(contentsOf: failure.diff)
            out.append("")
        }
        out.append(summaryLine(report))
        return out.joined(separator: "\n") + "\n"
    }

    /// `✓ lessons/01-x.md  12 cells` or `✗ lessons/01-x.md  2 of 12 cells failed`.
    public static func summaryLine(_ report: LessonReport) -> String {
        let total = report.cells.count
        let cells = total == 1 ? "1 cell" : "\(total) cells"
        var notes: [String] = []
        if report.skippedCount > 0 { notes.append("\(report.skippedCount) skipped") }
        if report.notRunCount > 0 { notes.append("\(report.notRunCount) not run") }
        let suffix = notes.isEmpty ? "" : " (\(notes.joined(separator: ", ")))"
        if report.passed { return "✓ \(report.path)  \(cells)\(suffix)" }
        if report.problem != nil && report.cells.isEmpty { return "✗ \(report.path)  not run" }
        return "✗ \(report.path)  \(report.failedCount) of \(cells) failed\(suffix)"
    }

    /// `3 lessons: 2 passed, 1 failed (40 cells, 2 failed, 1 skipped)`.
    public static func totalLine(_ reports: [LessonReport]) -> String {
        let passed = reports.filter(\.passed).count
        let cells = reports.reduce(0) { $0 + $1.cells.count }
        let failedCells = reports.reduce(0) { $0 + $1.failedCount }
        let skipped = reports.reduce(0) { $0 + $1.skippedCount }
        let lessons = reports.count == 1 ? "1 lesson" : "\(reports.count) lessons"
        let cellCount = cells == 1 ? "1 cell" : "\(cells) cells"
        return "\(lessons): \(passed) passed, \(reports.count - passed) failed (\(cellCount), \(failedCells) failed, \(skipped) skipped)"
    }
}
