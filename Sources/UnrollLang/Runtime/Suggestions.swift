// "Did you mean" suggestions computed as CPython's Python/suggestions.c does, so hints match Python's.

enum Suggestions {
    private static let moveCost = 2
    private static let caseCost = 1
    private static let maxStringSize = 40
    private static let maxCandidates = 750

    /// CPython's `calculate_suggestions`: the candidate within a third of the characters involved (in doubled
    /// edit costs; a change of case alone costs half), the first of equally close ones in `candidates` order.
    static func closest(to name: String, in candidates: [String]) -> String? {
        guard candidates.count <= maxCandidates else { return nil }
        let target = Array(name.unicodeScalars)
        guard target.count <= maxStringSize else { return nil }
        var best: String?
        var bestDistance = Int.max
        for candidate in candidates where candidate != name {
            let item = Array(candidate.unicodeScalars)
            var maxDistance = (target.count + item.count + 3) * moveCost / 6
            maxDistance = min(maxDistance, bestDistance - 1)
            let distance = levenshtein(target, item, maxCost: maxDistance)
            if distance > maxDistance { continue }
            if best == nil || distance < bestDistance {
                best = candidate
                bestDistance = distance
            }
        }
        return best
    }

    private static func substitutionCost(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Int {
        if a.value & 31 != b.value & 31 { return moveCost }
        if a == b { return 0 }
        let la = a.properties.lowercaseMapping, lb = b.properties.lowercaseMapping
        return la == lb ? caseCost : moveCost
    }

    /// CPython's `levenshtein_distance`, which gives up (returns more than `maxCost`) once it must exceed it.
    private static func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], maxCost: Int) -> Int {
        var a = a[...], b = b[...]
        if a == b { return 0 }
        while let x = a.first, let y = b.first, x == y { a = a.dropFirst(); b = b.dropFirst() }
        while let x = a.last, let y = b.last, x == y { a = a.dropLast(); b = b.dropLast() }
        if a.isEmpty || b.isEmpty { return (a.count + b.count) * moveCost }
        if a.count > maxStringSize || b.count > maxStringSize { return maxCost + 1 }
        if b.count < a.count { swap(&a, &b) }
        if (b.count - a.count) * moveCost > maxCost { return maxCost + 1 }
        let aa = Array(a), bb = Array(b)
        var buffer = (0..<aa.count).map { ($0 + 1) * moveCost }
        var result = 0
        for bIndex in 0..<bb.count {
            let code = bb[bIndex]
            var distance = bIndex * moveCost
            result = distance
            var minimum = Int.max
            for aIndex in 0..<aa.count {
                let substitute = distance + substitutionCost(code, aa[aIndex])
                distance = buffer[aIndex]
                let insertDelete = min(result, distance) + moveCost
                result = min(insertDelete, substitute)
                buffer[aIndex] = result
                if result < minimum { minimum = result }
            }
            if minimum > maxCost { return maxCost + 1 }
        }
        return result
    }
}
