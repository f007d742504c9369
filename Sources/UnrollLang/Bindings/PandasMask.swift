// Boolean Series in pandas' subset: comparisons, `&` `|` `^` `~`, and masks selecting rows (`df[df["x"] > 0]`).
import UnrollData
import UnrollTensor

enum PandasMask {
    /// `s < 3`, `s == t`, `s["timestamp"] < "2000-08-01"`, `(a > 1) & (b < 2)`: a bool Series, or nil when `op` is
    /// not a comparison or logical operator (arithmetic is the Series' own).
    static func compare(_ s: SeriesObject, _ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> SeriesObject? {
        switch op {
        case .eq, .ne, .lt, .le, .gt, .ge: break
        case .bitAnd, .bitOr, .bitXor: return try logical(s, op, other)
        default: return nil
        }
        // `3 < s` arrives as s reflected: swap the comparison so the Series stays on the left.
        let flipped: BinaryOperator
        switch (op, reflected) {
        case (.lt, true): flipped = .gt
        case (.le, true): flipped = .ge
        case (.gt, true): flipped = .lt
        case (.ge, true): flipped = .le
        default: flipped = op
        }
        if case .string(let texts) = s.column {
            let others: [String?]
            switch other {
            case .str(let t): others = [String?](repeating: t, count: texts.count)
            case .object(let o as SeriesObject):
                guard case .string(let v) = o.column else { return s.series(.bool([Bool](repeating: flipped == .ne, count: texts.count))) }
                try sameLabels(s, o)
                others = v
            default:
                guard flipped == .eq || flipped == .ne else {
                    let (left, right) = reflected ? (other.typeName, "str") : ("str", other.typeName)
                    throw LangError.typeError("'\(op.rawValue)' not supported between instances of '\(left)' and '\(right)'")
                }
                return s.series(.bool([Bool](repeating: flipped == .ne, count: texts.count)))
            }
            return s.series(.bool(zip(texts, others).map { a, b in
                guard let a, let b else { return flipped == .ne }  // a missing value compares unequal to everything
                switch flipped {
                case .eq: return a == b
                case .ne: return a != b
                case .lt: return a < b
                case .le: return a <= b
                case .gt: return a > b
                default: return a >= b
                }
            }))
        }
        if case .object(let o as SeriesObject) = other { try sameLabels(s, o) }
        guard let (a, b) = try NumpyBinding.promote(try s.valuesTensor(), other, op: flipped, reflected: false) else { return nil }
        let r: Tensor
        switch flipped {
        case .eq: r = try a.eq(b)
        case .ne: r = try a.ne(b)
        case .lt: r = try a.lt(b)
        case .le: r = try a.le(b)
        case .gt: r = try a.gt(b)
        default: r = try a.ge(b)
        }
        return s.series(r)
    }

    private static func logical(_ s: SeriesObject, _ op: BinaryOperator, _ other: Value) throws -> SeriesObject? {
        guard case .bool(let lhs) = s.column else { return nil }
        let rhs: [Bool]
        switch other {
        case .bool(let b): rhs = [Bool](repeating: b, count: lhs.count)
        case .object(let o as SeriesObject):
            guard case .bool(let v) = o.column else { return nil }
            try sameLabels(s, o)
            rhs = v
        default: return nil
        }
        return s.series(.bool(zip(lhs, rhs).map { a, b in
            switch op {
            case .bitAnd: return a && b
            case .bitOr: return a || b
            default: return a != b
            }
        }))
    }

    /// pandas aligns two Series on their labels; Unroll's subset requires the same labels in the same order.
    private static func sameLabels(_ a: SeriesObject, _ b: SeriesObject) throws {
        guard a.column.count == b.column.count, a.labels == b.labels else {
            throw LangError("NotImplementedError", "Unroll's pandas subset compares Series with the same index only (pandas would align them)")
        }
    }

    /// The row positions a boolean mask selects (a bool Series of the same index, a bool array or a list of bools),
    /// or nil when `key` is not a mask.
    static func rows(_ key: Value, count: Int, index: [Int]?, _ interp: Interpreter) throws -> [Int]? {
        var flags: [Bool]
        switch key {
        case .object(let s as SeriesObject):
            guard case .bool(let v) = s.column else { return nil }
            if let index, let p = s.positions, p != index {
                throw LangError("NotImplementedError", "Unroll's pandas subset selects rows with a mask of the same index only (pandas would align it)")
            }
            flags = v
        case .object(let a as NDArrayObject):
            guard a.tensor.dtype == .bool, a.tensor.dim == 1 else { return nil }
            flags = try a.tensor.contiguous().toArray(Bool.self)
        case .list(let l):
            guard !l.items.isEmpty, l.items.allSatisfy({ if case .bool = $0 { return true }; return false }) else { return nil }
            flags = l.items.map { if case .bool(let b) = $0 { return b }; return false }
        default:
            return nil
        }
        guard flags.count == count else { throw LangError.valueError("Item wrong length \(flags.count) instead of \(count).") }
        return flags.indices.filter { flags[$0] }
    }
}
