// tolist(): a tensor as nested Swift values, the shape Python's list of lists has, for the language to print.

/// A Python value produced by `tolist()`: a scalar for a 0-D tensor, else nested lists.
public indirect enum NestedList: Equatable, Sendable {
    case scalar(Scalar)
    case list([NestedList])
}

extension Tensor {
    /// `tolist()`: a 0-D tensor gives its scalar; otherwise one nested list level per dim.
    public func tolist() -> NestedList {
        let flat = scalars()
        if dim == 0 { return flat.first.map(NestedList.scalar) ?? .list([]) }
        var cursor = 0
        func build(_ d: Int) -> NestedList {
            if d == dim - 1 {
                let row = flat[cursor..<(cursor + shape[d])].map(NestedList.scalar)
                cursor += shape[d]
                return .list(Array(row))
            }
            return .list((0..<shape[d]).map { _ in build(d + 1) })
        }
        return build(0)
    }
}
