// The lessons available to `unroll learn` and `:lessons`: NN-topic.md files in a folder, found by number or topic.
import Foundation

/// A lesson file in the catalog.
public struct LessonEntry: Sendable, Equatable {
    /// Full path of the file.
    public var path: String
    /// File name, e.g. `03-unrolling-by-hand.md` (the key used in progress).
    public var fileName: String
    /// The leading number, e.g. `03`, if the name has one.
    public var number: String?
    /// The name without number and extension, e.g. `unrolling-by-hand`.
    public var topic: String
    /// The lesson's first `# ` heading, if it has one.
    public var title: String?
}

/// The lessons in a folder, in file-name order.
public struct LessonCatalog: Sendable {
    public var entries: [LessonEntry]

    public init(entries: [LessonEntry]) { self.entries = entries }

    /// Lists the `*.md` files of `directory` (README.md excluded).
    public init(directory: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        entries = names.filter { $0.hasSuffix(".md") && $0.lowercased() != "readme.md" && !$0.hasPrefix(".") }.sorted().map { name in
            let stem = String(name.dropLast(3))
            let digits = stem.prefix(while: \.isASCIIDigit)
            var topic = stem.dropFirst(digits.count)
            if !digits.isEmpty, topic.first == "-" || topic.first == "_" { topic = topic.dropFirst() }
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            let title = (try? String(contentsOfFile: path, encoding: .utf8))?
                .split(separator: "\n").first(where: { $0.hasPrefix("# ") })
                .map { String($0.dropFirst(2)).trimmingCharacters(in: .whitespaces) }
            return LessonEntry(
                path: path, fileName: name, number: digits.isEmpty ? nil : String(digits),
                topic: topic.isEmpty ? stem : String(topic), title: title)
        }
    }

    /// Finds a lesson by number (`3`, `03`), topic or file name (exact, then unique prefix, then unique substring).
    public func find(_ query: String) -> Result<LessonEntry, LessonLookupError> {
        let query = query.trimmingCharacters(in: .whitespaces).lowercased()
        if let number = Int(query) {
            if let entry = entries.first(where: { $0.number.flatMap { Int($0) } == number }) { return .success(entry) }
            return .failure(LessonLookupError(message: "no lesson number \(number)"))
        }
        let exact = entries.filter { $0.topic.lowercased() == query || $0.fileName.lowercased() == query }
        if let entry = exact.first { return .success(entry) }
        for matches in [entries.filter { $0.topic.lowercased().hasPrefix(query) },
                        entries.filter { $0.topic.lowercased().contains(query) }] where !matches.isEmpty {
            if matches.count == 1, let entry = matches.first { return .success(entry) }
            return .failure(LessonLookupError(
                message: "'\(query)' matches several lessons: \(matches.map(\.fileName).joined(separator: ", "))"))
        }
        return .failure(LessonLookupError(message: "no lesson matches '\(query)'"))
    }

    /// The `:lessons` listing: one line per lesson with a mark for progress and the current lesson.
    public func listing(progress: LearnerProgress, cellCounts: [String: Int] = [:]) -> String {
        entries.map { entry in
            let state = progress.lessons[entry.fileName]
            let mark = state?.finished == true ? "✓" : (state == nil ? " " : "…")
            let pointer = progress.current == entry.fileName ? "▸" : " "
            var line = "\(pointer)\(mark) \(entry.number.map { $0 + "  " } ?? "")\(entry.title ?? entry.topic)"
            if let state, let total = cellCounts[entry.fileName], total > 0, !state.finished {
                line += "  (\(state.completedCells.count)/\(total) cells)"
            }
            return line
        }.joined(separator: "\n") + (entries.isEmpty ? "" : "\n")
    }

    /// The lesson after `fileName`, if any.
    public func entry(after fileName: String) -> LessonEntry? {
        guard let index = entries.firstIndex(where: { $0.fileName == fileName }) else { return nil }
        return entries[safe: index + 1]
    }
}

/// Why a lesson query found nothing (or too much).
public struct LessonLookupError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
