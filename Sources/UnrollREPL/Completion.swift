// Completion helpers independent of what is being completed: common prefixes and column listings.
import Foundation

public enum Completion {
    /// The longest prefix shared by every candidate.
    public static func commonPrefix(_ candidates: [String]) -> String {
        guard var prefix = candidates.first else { return "" }
        for candidate in candidates.dropFirst() {
            while !candidate.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    /// Candidates laid out in columns that fit `width`, as shells list them.
    public static func columns(_ candidates: [String], width: Int) -> String {
        let sorted = candidates.sorted()
        let cell = (sorted.map { $0.count }.max() ?? 0) + 2
        let perRow = max(1, width / max(cell, 1))
        var out = ""
        for (i, item) in sorted.enumerated() {
            out += item.padding(toLength: cell, withPad: " ", startingAt: 0)
            if (i + 1) % perRow == 0 || i == sorted.count - 1 {
                while out.hasSuffix(" ") { out.removeLast() }
                out += "\n"
            }
        }
        return out
    }
}
