// Aligns expected with actual output (elisions and tolerances included) and renders the difference as a unified diff.

/// One step of an alignment between expected lines and actual lines.
public enum AlignmentStep: Sendable, Equatable {
    /// Expected line `expected` matches actual line `actual`.
    case same(expected: Int, actual: Int)
    /// The `[...]` line `expected` stands for the actual lines in `actual`.
    case elided(expected: Int, actual: Range<Int>)
    /// Expected line not in the actual output.
    case removed(expected: Int)
    /// Actual line not in the expected output.
    case added(actual: Int)
}

/// Computes a least-change alignment of expected and actual output under an ``OutputMatcher``.
public func alignOutput(expected: [String], actual: [String], matcher: OutputMatcher) -> [AlignmentStep] {
    let patterns = expected.map(LinePattern.init)
    let lines = actual.map(trimTrailingWhitespace)
    let n = patterns.count
    let m = lines.count
    guard (n + 1) * (m + 1) <= 1_000_000 else {
        // Too big to align optimally: pair lines by position (elisions cannot be placed that way).
        if patterns.contains(where: \.isLineElision) {
            return (0..<n).map { .removed(expected: $0) } + (0..<m).map { .added(actual: $0) }
        }
        var steps: [AlignmentStep] = []
        for index in 0..<max(n, m) {
            if index < n, index < m, matcher.lineMatches(patterns[index], lines[index]) {
                steps.append(.same(expected: index, actual: index))
                continue
            }
            if index < n { steps.append(.removed(expected: index)) }
            if index < m { steps.append(.added(actual: index)) }
        }
        return steps
    }
    let width = m + 1
    var cost = [Int32](repeating: 0, count: (n + 1) * width)
    var matchCache = [Bool](repeating: false, count: max(1, n * m))
    let tokens = lines.map { tokenize($0, allowElision: false) }
    for i in 0..<n where !patterns[i].isLineElision {
        for j in 0..<m { matchCache[i * m + j] = matcher.lineMatches(patterns[i], lines[j], tokens: tokens[j]) }
    }
    for j in stride(from: m, through: 0, by: -1) { cost[n * width + j] = Int32(m - j) }
    for i in stride(from: n - 1, through: 0, by: -1) {
        for j in stride(from: m, through: 0, by: -1) {
            let here = i * width + j
            if patterns[i].isLineElision {
                var best = cost[(i + 1) * width + j]
                if j < m { best = min(best, cost[here + 1]) }
                cost[here] = best
            } else {
                var best = 1 + cost[(i + 1) * width + j]
                if j < m {
                    best = min(best, 1 + cost[here + 1])
                    // A changed line costs one, like a lone removal, so a changed line after `[...]` is paired
                    // with its replacement instead of being dropped while the elision swallows the rest.
                    let pair = cost[(i + 1) * width + j + 1]
                    best = min(best, matchCache[i * m + j] ? pair : 1 + pair)
                }
                cost[here] = best
            }
        }
    }
    var steps: [AlignmentStep] = []
    var i = 0
    var j = 0
    while i < n || j < m {
        if i == n {
            steps.append(.added(actual: j))
            j += 1
            continue
        }
        let here = cost[i * width + j]
        if patterns[i].isLineElision {
            let start = j
            while j < m, cost[i * width + j + 1] == here, cost[(i + 1) * width + j] != here { j += 1 }
            steps.append(.elided(expected: i, actual: start..<j))
            i += 1
            continue
        }
        if j < m, matchCache[i * m + j], cost[(i + 1) * width + j + 1] == here {
            steps.append(.same(expected: i, actual: j))
            i += 1
            j += 1
        } else if j < m, !matchCache[i * m + j], 1 + cost[(i + 1) * width + j + 1] == here {
            steps.append(.removed(expected: i))
            steps.append(.added(actual: j))
            i += 1
            j += 1
        } else if 1 + cost[(i + 1) * width + j] == here {
            steps.append(.removed(expected: i))
            i += 1
        } else {
            steps.append(.added(actual: j))
            j += 1
        }
    }
    return steps
}

/// Renders a unified diff (`--- expected`, `+++ actual`, hunks with three lines of context).
public func unifiedDiff(expected: [String], actual: [String], steps: [AlignmentStep], context: Int = 3) -> [String] {
    struct Row {
        let mark: Character
        let text: String
        let expectedCount: Int
        let actualCount: Int
    }
    var rows: [Row] = []
    for step in steps {
        switch step {
        case .same(let e, _): rows.append(Row(mark: " ", text: expected[e], expectedCount: 1, actualCount: 1))
        case .elided(let e, let range): rows.append(Row(mark: " ", text: expected[e], expectedCount: 1, actualCount: range.count))
        case .removed(let e): rows.append(Row(mark: "-", text: expected[e], expectedCount: 1, actualCount: 0))
        case .added(let a): rows.append(Row(mark: "+", text: actual[a], expectedCount: 0, actualCount: 1))
        }
    }
    // Within each run of changes, removals come before additions, as unified diffs show them.
    var start = 0
    while start < rows.count {
        guard rows[start].mark != " " else { start += 1; continue }
        var end = start
        while end < rows.count, rows[end].mark != " " { end += 1 }
        let run = rows[start..<end]
        rows.replaceSubrange(start..<end, with: run.filter { $0.mark == "-" } + run.filter { $0.mark == "+" })
        start = end
    }
    let changed = rows.indices.filter { rows[$0].mark != " " }
    guard let firstChange = changed.first else { return [] }
    var hunks: [ClosedRange<Int>] = []
    start = max(0, firstChange - context)
    var end = min(rows.count - 1, firstChange + context)
    for index in changed.dropFirst() {
        if index - context <= end + 1 {
            end = min(rows.count - 1, index + context)
        } else {
            hunks.append(start...end)
            start = max(0, index - context)
            end = min(rows.count - 1, index + context)
        }
    }
    hunks.append(start...end)

    var out = ["--- expected", "+++ actual"]
    for hunk in hunks {
        let expectedBefore = rows[..<hunk.lowerBound].reduce(0) { $0 + $1.expectedCount }
        let actualBefore = rows[..<hunk.lowerBound].reduce(0) { $0 + $1.actualCount }
        let expectedCount = rows[hunk].reduce(0) { $0 + $1.expectedCount }
        let actualCount = rows[hunk].reduce(0) { $0 + $1.actualCount }
        out.append("@@ -\(hunkRange(expectedBefore, expectedCount)) +\(hunkRange(actualBefore, actualCount)) @@")
        for row in rows[hunk] { out.append(trimTrailingWhitespace("\(row.mark)\(row.text)")) }
    }
    return out
}

/// `start,count` as unified diffs write it (1-based; `start` is the line before when count is 0).
func hunkRange(_ before: Int, _ count: Int) -> String {
    if count == 1 { return "\(before + 1)" }
    return count == 0 ? "\(before),0" : "\(before + 1),\(count)"
}
