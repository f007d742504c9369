// Turns language values (tensors, numpy arrays, pandas series, lists, ranges) into float columns for plots.
import UnrollTensor

/// A plottable value as matplotlib sees it after `np.asarray`: its shape (for error messages) and its columns
/// (a 1-D value is one column; a 2-D value of shape (N, k) is k columns of length N, one line each).
struct PlotArray {
    var shape: [Int]
    var columns: [[Double]]

    /// Rows, i.e. the length of the first dimension (1 for a scalar).
    var length: Int { shape.first ?? 1 }
    var shapeText: String { PlotValues.shapeText(shape) }
    /// All values in row-major order (what scatter uses: it flattens its inputs).
    var flattened: [Double] {
        guard columns.count > 1, let n = columns.first?.count else { return columns.first ?? [] }
        var out: [Double] = []
        out.reserveCapacity(n * columns.count)
        for r in 0..<n { for c in columns { out.append(r < c.count ? c[r] : .nan) } }
        return out
    }
}

enum PlotValues {
    /// The most points one value may hold (a range of 10**9 would otherwise exhaust memory before failing).
    static let maxPoints: Int64 = 50_000_000

    /// The array matplotlib would make of `value`. Tensors that require grad fail as `np.asarray` does.
    /// `detach` reads tensors that require grad as they are (for `:plot`, a viewer) instead of failing as matplotlib.
    static func array(_ value: Value, _ interp: Interpreter, what: String, detach: Bool = false) throws -> PlotArray {
        if let tensor = ArrayBridge.tensor(value) { return try array(of: tensor, detach: detach) }
        switch value {
        case .int, .float, .bool:
            return PlotArray(shape: [], columns: [[try value.asDouble()]])
        case .range(let start, let stop, let step):
            let count = step > 0 ? max(0, (stop - start + step - 1) / step) : (step < 0 ? max(0, (start - stop - step - 1) / -step) : 0)
            guard count <= maxPoints else {
                throw LangError("MemoryError", "\(what): a range of \(count) points is more than Unroll plots (at most \(maxPoints))")
            }
            let values = (0..<Int(count)).map { Double(start + Int64($0) * step) }
            return PlotArray(shape: [values.count], columns: [values])
        case .list, .tuple:
            return try array(of: interp.iterate(value), interp, what: what, detach: detach)
        case .object(let object):
            if let items = try object.iterate(interp) { return try array(of: items, interp, what: what, detach: detach) }
            if let d = try object.toDouble(interp) { return PlotArray(shape: [], columns: [[d]]) }
        default:
            break
        }
        throw LangError.typeError("\(what): cannot plot a value of type '\(value.typeName)'; pass a tensor, a numpy array, a list of numbers or a range")
    }

    static func array(of tensor: Tensor, detach: Bool = false) throws -> PlotArray {
        if tensor.requiresGrad && !detach {
            throw LangError("RuntimeError", "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.",
                            hint: "plot `t.detach()`: matplotlib turns tensors into numpy arrays, which cannot carry gradients.")
        }
        let values = try tensor.detach().to(.float64).contiguous().doubles()
        switch tensor.dim {
        case 0, 1: return PlotArray(shape: tensor.shape, columns: [values])
        case 2:
            let rows = tensor.shape[0], cols = tensor.shape[1]
            return PlotArray(shape: tensor.shape, columns: (0..<cols).map { c in (0..<rows).map { r in values[r * cols + c] } })
        default:
            // Shapes beyond 2-D are reported by the caller, which knows both shapes.
            return PlotArray(shape: tensor.shape, columns: [values])
        }
    }

    private static func array(of items: [Value], _ interp: Interpreter, what: String, detach: Bool) throws -> PlotArray {
        var flat: [Double] = []
        flat.reserveCapacity(items.count)
        var rows: [[Double]] = []
        for item in items {
            switch item {
            case .int, .float, .bool:
                flat.append(try item.asDouble())
            case .list, .tuple, .range:
                rows.append(try array(item, interp, what: what, detach: detach).flattened)
            case .object(let object):
                if let tensor = ArrayBridge.tensor(item) {
                    let a = try array(of: tensor, detach: detach)
                    if tensor.numel == 1 && tensor.dim <= 1 { flat.append(a.columns.first?.first ?? .nan) } else { rows.append(a.flattened) }
                } else if let d = try object.toDouble(interp) {
                    flat.append(d)
                } else {
                    rows.append(try array(item, interp, what: what, detach: detach).flattened)
                }
            default:
                throw LangError.typeError("\(what): cannot plot an element of type '\(item.typeName)'")
            }
        }
        if rows.isEmpty { return PlotArray(shape: [flat.count], columns: [flat]) }
        let width = rows[0].count
        guard flat.isEmpty, rows.allSatisfy({ $0.count == width }) else {
            throw LangError.valueError("setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was (\(items.count),) + inhomogeneous part.")
        }
        return PlotArray(shape: [rows.count, width], columns: (0..<width).map { c in rows.map { $0[c] } })
    }

    /// numpy's shape text: `(3,)`, `(2, 3)`, `()`.
    static func shapeText(_ shape: [Int]) -> String {
        "(" + shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? ",)" : ")")
    }
}
