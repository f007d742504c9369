// Conversions between language values and tensors: nested lists to tensors, shapes, dims, dtypes, scalars.
import UnrollTensor

/// `torch.float32` and friends as values.
final class DTypeObject: HostObject {
    let dtype: DType
    init(_ dtype: DType) { self.dtype = dtype }
    var typeName: String { "dtype" }
    func repr(_ interp: Interpreter) throws -> String { dtype.torchName }
    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        switch name {
        case "is_floating_point": return .bool(dtype.isFloatingPoint)
        case "itemsize": return .int(Int64(dtype.itemSize))
        default: return nil
        }
    }
    func binary(_ op: BinaryOperator, _ other: Value, reflected: Bool, _ interp: Interpreter) throws -> Value? {
        guard op == .eq || op == .ne else { return nil }
        var same = false
        if case .object(let o) = other, let d = o as? DTypeObject { same = d.dtype == dtype }
        return .bool(op == .eq ? same : !same)
    }
    var attributeNames: [String] { ["is_floating_point", "itemsize"] }
}

/// `torch.Size`: a tuple of ints that prints as `torch.Size([2, 3])`.
final class SizeObject: HostObject {
    let dims: [Int]
    init(_ dims: [Int]) { self.dims = dims }
    var typeName: String { "Size" }
    var tuple: Value { .tuple(dims.map { .int(Int64($0)) }) }
    func repr(_ interp: Interpreter) throws -> String { "torch.Size([" + dims.map(String.init).joined(separator: ", ") + "])" }
    func getItem(_ key: Value, _ interp: Interpreter) throws -> Value? {
        let r = try interp.getItem(tuple, key)
        if case .tuple(let items) = r { return .object(SizeObject(try items.map { try $0.asInt() })) }
        return r
    }
    func iterate(_ interp: Interpreter) throws -> [Value]? { dims.map { .int(Int64($0)) } }
    func length(_ interp: Interpreter) throws -> Int? { dims.count }
    func binary(_ op: BinaryOperator, _ other: Value, reflected: Bool, _ interp: Interpreter) throws -> Value? {
        var rhs = other
        if case .object(let o) = other, let s = o as? SizeObject { rhs = s.tuple }
        switch op {
        case .eq: return .bool(try interp.equal(tuple, rhs))
        case .ne: return .bool(!(try interp.equal(tuple, rhs)))
        case .add:
            guard case .tuple(let items) = rhs else { return nil }
            let combined = reflected ? items + (tupleItems) : tupleItems + items
            return .object(SizeObject(try combined.map { try $0.asInt() }))
        default: return nil
        }
    }
    private var tupleItems: [Value] { dims.map { .int(Int64($0)) } }
    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        switch name {
        case "numel": return .builtin(Builtin("Size.numel") { _, _, _ in .int(Int64(self.dims.reduce(1, *))) })
        case "index", "count": return try interp.getAttribute(tuple, name)
        default: return nil
        }
    }
    var attributeNames: [String] { ["numel", "index", "count"] }
}

enum TensorConvert {
    static func value(_ s: Scalar) -> Value {
        switch s {
        case .int(let i): return .int(i)
        case .double(let d): return .float(d)
        case .bool(let b): return .bool(b)
        }
    }

    static func value(_ list: NestedList) -> Value {
        switch list {
        case .scalar(let s): return value(s)
        case .list(let items): return .makeList(items.map(value))
        }
    }

    static func scalar(_ v: Value) -> Scalar? {
        switch v {
        case .int(let i): return .int(i)
        case .float(let d): return .double(d)
        case .bool(let b): return .bool(b)
        default: return nil
        }
    }

    static func dtype(_ v: Value?) throws -> DType? {
        guard let v, !v.isNone else { return nil }
        if case .object(let o) = v, let d = o as? DTypeObject { return d.dtype }
        if case .object(let o) = v, o.typeName == "type", let name = try? o.repr(Interpreter(output: { _ in })) {
            if name.contains("'float'") { return .float64 }
            if name.contains("'int'") { return .int64 }
            if name.contains("'bool'") { return .bool }
        }
        throw LangError.typeError("dtype must be torch.dtype, not \(v.typeName)")
    }

    /// A tensor operand: a tensor, or a Python number as a wrapped scalar (PyTorch's type promotion).
    static func tensor(_ v: Value, _ interp: Interpreter, what: String = "argument") throws -> Tensor {
        switch v {
        case .object(let o):
            if let t = o as? TensorObject { return t.tensor }
        case .int, .float, .bool:
            if let s = scalar(v) { return Tensor(scalar: s, wrapped: true) }
        case .instance(let inst):
            if let t = inst.backing as? TensorObject { return t.tensor }
        default: break
        }
        throw LangError.typeError("\(what) must be Tensor, not \(v.typeName)")
    }

    /// Optional tensor operand (nil for a non-tensor, non-number value).
    static func tensorOperand(_ v: Value) -> Tensor? {
        switch v {
        case .object(let o): return (o as? TensorObject)?.tensor
        case .int, .float, .bool: return scalar(v).map { Tensor(scalar: $0, wrapped: true) }
        default: return nil
        }
    }

    /// A shape from `f(2, 3)`, `f((2, 3))`, `f([2, 3])` or `f(torch.Size([2, 3]))`.
    static func shape(_ args: [Value], _ function: String) throws -> [Int] {
        if args.count == 1 {
            switch args[0] {
            case .tuple(let items): return try items.map { try $0.asInt(what: "\(function)(): size") }
            case .list(let l): return try l.items.map { try $0.asInt(what: "\(function)(): size") }
            case .object(let o as SizeObject): return o.dims
            default: break
            }
        }
        return try args.map { v in
            switch v {
            case .int, .bool: return try v.asInt()
            default:
                throw LangError.typeError("\(function)(): argument 'size' must be tuple of ints, but found element of type \(v.typeName) at pos 0")
            }
        }
    }

    /// A `dim` argument: an int, a tuple/list of ints, or None (all dims).
    static func dims(_ v: Value?) throws -> [Int]? {
        guard let v, !v.isNone else { return nil }
        switch v {
        case .tuple(let items): return try items.map { try $0.asInt(what: "dim") }
        case .list(let l): return try l.items.map { try $0.asInt(what: "dim") }
        default: return [try v.asInt(what: "dim")]
        }
    }

    /// `torch.tensor(data)`: nested lists/tuples of numbers (or tensors), with PyTorch's dtype inference.
    static func fromData(_ data: Value, dtype: DType?, _ interp: Interpreter) throws -> Tensor {
        // s3-data: a numpy array (or pandas column) keeps its dtype, as torch.tensor(ndarray) does.
        if case .object(let o) = data, o is NDArrayObject || o is SeriesObject, let t = ArrayBridge.tensor(data) {
            return try t.to(dtype ?? t.dtype).clone()
        }
        var flat: [Scalar] = []
        var shape: [Int] = []
        var sawFloat = false, sawInt = false, sawBool = false
        func walk(_ v: Value, depth: Int) throws {
            if depth > 64 { throw LangError.valueError("too many dimensions") }
            switch v {
            case .list, .tuple:
                let items = try interp.iterate(v)
                if depth == shape.count { shape.append(items.count) }
                else if depth > shape.count || shape[depth] != items.count {
                    throw LangError.valueError("expected sequence of length \(depth < shape.count ? shape[depth] : 0) at dim \(depth) (got \(items.count))")
                }
                for i in items { try walk(i, depth: depth + 1) }
            case .object(let o):
                guard let t = (o as? TensorObject)?.tensor else { fallthrough }
                if t.dim == 0 {
                    if depth != shape.count { throw LangError.valueError("expected sequence of length \(shape[depth]) at dim \(depth) (got 0)") }
                    let s = try t.item()
                    switch s { case .double: sawFloat = true; case .int: sawInt = true; case .bool: sawBool = true }
                    flat.append(s)
                } else {
                    try walk(TensorConvert.value(t.tolist()), depth: depth)
                }
            default:
                guard let s = scalar(v) else {
                    throw LangError.typeError("new(): invalid data type '\(v.typeName)'")
                }
                if depth != shape.count {
                    throw LangError.valueError("expected sequence of length \(shape[depth]) at dim \(depth) (got 0)")
                }
                switch s { case .double: sawFloat = true; case .int: sawInt = true; case .bool: sawBool = true }
                flat.append(s)
            }
        }
        try walk(data, depth: 0)
        let inferred: DType = sawFloat ? .float32 : (sawInt ? .int64 : (sawBool ? .bool : .float32))
        let target = dtype ?? inferred
        guard flat.count == shape.reduce(1, *) else { throw LangError.valueError("inconsistent tensor data") }
        switch target {
        case .float32: return try Tensor(flat.map { Float($0.doubleValue) }, shape: shape)
        case .float64: return try Tensor(flat.map { $0.doubleValue }, shape: shape)
        case .int64: return try Tensor(flat.map { $0.int64Value }, shape: shape)
        case .bool: return try Tensor(flat.map { $0.doubleValue != 0 }, shape: shape)
        }
    }

    /// Indices for `x[...]`: ints, slices, `...`, None, tensors and lists of ints, or a tuple of those.
    static func indices(_ key: Value, _ interp: Interpreter) throws -> [TensorIndex] {
        if case .tuple(let items) = key { return try items.map { try index($0, interp) } }
        return [try index(key, interp)]
    }

    private static func index(_ v: Value, _ interp: Interpreter) throws -> TensorIndex {
        switch v {
        case .int, .bool:
            if case .bool = v { return .tensor(try fromData(v, dtype: .bool, interp)) }
            return .int(try v.asInt())
        case .none: return .newAxis
        case .ellipsis: return .ellipsis
        case .slice(let a, let b, let c):
            func opt(_ x: Value) throws -> Int? { x.isNone ? nil : try x.asInt(what: "slice indices") }
            return .slice(start: try opt(a), stop: try opt(b), step: try opt(c))
        case .list: return .tensor(try fromData(v, dtype: nil, interp))
        case .object(let o):
            if let t = o as? TensorObject { return .tensor(t.tensor) }
        default: break
        }
        throw LangError("IndexError", "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got \(v.typeName))")
    }
}
