// `numpy.ndarray` in the language: a host object over a Tensor that keeps numpy's dtypes, promotion and printing.
import UnrollTensor

/// A numpy array backed by a `Tensor` (float64 and int64 by default, as numpy); slices share memory with the
/// array, as numpy's views do. A numpy scalar (`np.int64(3)`, what indexing one element or a full reduction
/// gives) is the same object over a 0-d tensor with `isScalar` set: it computes like a 0-d array but prints,
/// names its type and refuses indexing as numpy's scalar types do.
final class NDArrayObject: HostObject {
    let tensor: Tensor
    let isScalar: Bool
    init(_ tensor: Tensor, scalar: Bool = false) {
        self.tensor = tensor
        self.isScalar = scalar && tensor.dim == 0
    }

    var typeName: String { isScalar ? "numpy." + NumpyFormat.scalarTypeName(tensor.dtype) : "ndarray" }
    func repr(_ interp: Interpreter) throws -> String { isScalar ? NumpyFormat.scalarRepr(tensor) : NumpyFormat.repr(tensor) }
    func str(_ interp: Interpreter) throws -> String { NumpyFormat.str(tensor) }

    /// A numpy scalar stands for the Python number it holds in `format`, `range`, indices and other integer slots.
    func numberValue() throws -> Value? {
        guard isScalar else { return nil }
        return TensorConvert.value(try tensor.item())
    }

    static let methodNames = ["reshape", "ravel", "flatten", "astype", "tolist", "copy", "item", "sum", "mean", "min", "max", "std", "all", "any"]
    var attributeNames: [String] { ["shape", "ndim", "size", "dtype", "T"] + NDArrayObject.methodNames }

    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        let t = tensor
        switch name {
        case "shape": return .tuple(t.shape.map { .int(Int64($0)) })
        case "ndim": return .int(Int64(t.dim))
        case "size": return .int(Int64(t.numel))
        case "dtype": return .object(NumpyDTypeObject(t.dtype))
        case "T": return NDArrayObject.wrap(t.dim < 2 ? t : t.reversedDims())
        case "__abs__": return .builtin(Builtin("__abs__") { _, _, _ in try NDArrayObject.wrapResult(try t.abs()) })
        default: break
        }
        guard NDArrayObject.methodNames.contains(name) else {
            throw LangError.attributeError("'\(isScalar ? typeName : "numpy.ndarray")' object has no attribute '\(name)'",
                                           hintless: "\(typeName).\(name) is not available in Unroll's numpy subset; it has: " + attributeNames.sorted().joined(separator: ", ") + ".")
        }
        return .builtin(Builtin("ndarray.\(name)") { args, kwargs, interp in try self.method(name, args, kwargs, interp) })
    }

    private func method(_ name: String, _ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value {
        let t = tensor
        switch name {
        case "reshape":
            var shapeArgs = args
            for (key, value) in kwargs {
                switch key {
                case "shape": shapeArgs = [value]
                case "order": try NumpyBinding.requireRowMajor(value, "ndarray.reshape")
                default: throw LangError.typeError("reshape() got an unexpected keyword argument '\(key)'")
                }
            }
            return NDArrayObject.wrap(try NumpyErrors.reshape(t, try TensorConvert.shape(shapeArgs, "reshape")))
        case "ravel", "flatten":
            try NumpyBinding.requireRowMajor(try Arguments(name, ["order"], args, kwargs)["order"], "ndarray.\(name)")
            let flat = try t.contiguous().reshape([-1])
            return NDArrayObject.wrap(name == "flatten" ? try flat.clone() : flat)
        case "astype":
            let a = try Arguments("astype", ["dtype"], required: 1, args, kwargs)
            return NDArrayObject.wrap(try t.to(try NumpyBinding.dtype(a.values["dtype"] ?? .none)).clone())
        case "tolist":
            return TensorConvert.value(t.tolist())
        case "copy":
            return NDArrayObject.wrap(try t.clone())
        case "item":
            guard t.numel == 1 else { throw LangError.valueError("can only convert an array of size 1 to a Python scalar") }
            return TensorConvert.value(try t.reshape([]).item())
        case "std":
            // numpy's std is the population std unless ddof says otherwise (PyTorch's is Bessel-corrected).
            let a = try Arguments("std", ["axis", "dtype", "out", "ddof"], args, kwargs)
            for unsupported in ["dtype", "out"] where a[unsupported] != nil {
                throw LangError("NotImplementedError", "ndarray.std(\(unsupported)=...) is not supported by Unroll")
            }
            let source = t.dtype.isFloatingPoint ? t : try t.to(.float64)
            let correction = Double(try a.int("ddof", default: 0))
            if let axis = a["axis"] {
                return NDArrayObject.wrap(try source.std(dims: [try axis.asInt(what: "axis")], correction: correction))
            }
            return try NDArrayObject.scalar(try source.std(correction: correction))
        case "all", "any":
            let a = try Arguments(name, ["axis"], args, kwargs)
            // all(): no element is zero; any(): some element is not. Counting keeps numpy's answers for empty arrays.
            let nonZero = try t.ne(Tensor(scalar: .int(0), dtype: t.dtype))
            let counted = try (name == "all" ? nonZero.logicalNot() : nonZero).to(.int64)
            let count = try a["axis"].map { try counted.sum(dims: [try $0.asInt(what: "axis")]) } ?? counted.sum()
            return try NDArrayObject.wrapResult(name == "all" ? try count.eq(.int(0)) : try count.gt(.int(0)))
        case "sum", "mean", "min", "max":
            let a = try Arguments(name, ["axis"], args, kwargs)
            let source = name == "mean" && !t.dtype.isFloatingPoint ? try t.to(.float64) : t
            if let axis = a["axis"] {
                let d = try axis.asInt(what: "axis")
                switch name {
                case "sum": return NDArrayObject.wrap(try source.sum(dims: [d]))
                case "mean": return NDArrayObject.wrap(try source.mean(dims: [d]))
                case "min": return NDArrayObject.wrap(try source.minDim(d, keepdim: false).values)
                default: return NDArrayObject.wrap(try source.maxDim(d, keepdim: false).values)
                }
            }
            if t.numel == 0 && (name == "min" || name == "max") {
                throw LangError.valueError("zero-size array to reduction operation \(name == "min" ? "minimum" : "maximum") which has no identity")
            }
            switch name {
            case "sum": return try NDArrayObject.scalar(try source.sum())
            case "mean": return try NDArrayObject.scalar(try source.mean())
            case "min": return try NDArrayObject.scalar(try source.minAll())
            default: return try NDArrayObject.scalar(try source.maxAll())
            }
        default:
            throw LangError.attributeError("'numpy.ndarray' object has no attribute '\(name)'")
        }
    }

    /// An index key with numpy arrays (masks, positions) as the tensors they hold, for tensor indexing.
    static func tensorKey(_ key: Value) -> Value {
        switch key {
        case .object(let a as NDArrayObject): return TensorBridge.wrap(a.tensor)
        case .tuple(let items): return .tuple(items.map(tensorKey))
        default: return key
        }
    }

    /// A numpy array value.
    static func wrap(_ t: Tensor) -> Value { .object(NDArrayObject(t)) }

    /// A 0-d result as the numpy scalar numpy gives (`np.float64(0.5)`).
    static func scalar(_ t: Tensor) throws -> Value { .object(NDArrayObject(try t.reshape([]), scalar: true)) }

    /// An array result, or a numpy scalar when it has no dimensions (as numpy's ufuncs return).
    static func wrapResult(_ t: Tensor) throws -> Value { t.dim == 0 ? try scalar(t) : wrap(t) }

    func getItem(_ key: Value, _ interp: Interpreter) throws -> Value? {
        if isScalar { throw LangError("IndexError", "invalid index to scalar variable.") }
        return try NDArrayObject.wrapResult(try NumpyErrors.translate { try index(key, interp) })
    }

    /// numpy indexing over the tensor. numpy slices may step backwards (`a[::-1]`), which tensor slices cannot: such
    /// a slice is taken forwards over the same positions and that result axis flipped (a copy, not a view).
    private func index(_ key: Value, _ interp: Interpreter) throws -> Tensor {
        let parts: [Value]
        if case .tuple(let items) = key { parts = items } else { parts = [key] }
        let consuming = parts.filter { part in
            switch part { case .none, .ellipsis: return false; default: return true }
        }.count
        var forward: [Value] = []
        var flips: [Int] = []
        var dim = 0, resultDim = 0
        for part in parts {
            switch part {
            case .slice(_, _, .int(let step)) where step < 0 && dim < tensor.dim:
                let positions = try interp.sliceIndices(part, count: tensor.shape[dim])
                if let first = positions.first, let last = positions.last {
                    forward.append(.slice(.int(Int64(last)), .int(Int64(first + 1)), .int(-step)))
                    flips.append(resultDim)
                } else {
                    forward.append(.slice(.int(0), .int(0), .none))
                }
                dim += 1; resultDim += 1
            case .int, .bool: forward.append(part); dim += 1
            case .none: forward.append(part); resultDim += 1
            case .ellipsis:
                forward.append(part)
                let k = max(tensor.dim - consuming, 0)
                dim += k; resultDim += k
            case .slice: forward.append(part); dim += 1; resultDim += 1
            default:
                forward.append(part)
                if !flips.isEmpty || parts.contains(where: { if case .slice(_, _, .int(let st)) = $0 { return st < 0 }; return false }) {
                    throw LangError("NotImplementedError", "Unroll's numpy subset does not combine a reversed slice (::-1) with array indices")
                }
                dim += 1; resultDim += 1
            }
        }
        if flips.isEmpty { return try tensor.index(try TensorConvert.indices(NDArrayObject.tensorKey(key), interp)) }
        var forwardKey: Value = .tuple(forward)
        if case .tuple = key {} else { forwardKey = forward[0] }
        return try tensor.index(try TensorConvert.indices(forwardKey, interp)).flip(flips).contiguous()
    }

    func setItem(_ key: Value, _ value: Value, _ interp: Interpreter) throws -> Bool {
        let v = try NumpyBinding.arrayTensor(value, interp).to(tensor.dtype)
        _ = try NumpyErrors.translate { try tensor.indexPut(try TensorConvert.indices(NDArrayObject.tensorKey(key), interp), value: v) }
        return true
    }

    func iterate(_ interp: Interpreter) throws -> [Value]? {
        if isScalar { throw LangError.typeError("'\(typeName)' object is not iterable") }
        guard tensor.dim > 0 else { throw LangError.typeError("iteration over a 0-d array") }
        return try tensor.unbind(0).map(NDArrayObject.wrapResult)
    }

    func length(_ interp: Interpreter) throws -> Int? {
        if isScalar { throw LangError.typeError("object of type '\(typeName)' has no len()") }
        guard let n = tensor.shape.first else { throw LangError.typeError("len() of unsized object") }
        return n
    }

    func toDouble(_ interp: Interpreter) throws -> Double? {
        guard tensor.numel == 1 else { throw LangError.typeError("only length-1 arrays can be converted to Python scalars") }
        return try tensor.reshape([]).item().doubleValue
    }

    func truthiness(_ interp: Interpreter) throws -> Bool? {
        guard tensor.numel == 1 else {
            throw LangError.valueError("The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()")
        }
        return try tensor.reshape([]).item().doubleValue != 0
    }

    func unary(_ op: UnaryOperator, _ interp: Interpreter) throws -> Value? {
        switch op {
        case .neg: return try NDArrayObject.wrapResult(try tensor.neg())
        case .pos: return .object(self)
        case .invert: return nil
        }
    }

    func binary(_ op: BinaryOperator, _ other: Value, reflected: Bool, _ interp: Interpreter) throws -> Value? {
        guard let (lhs, rhs) = try NumpyBinding.promote(tensor, other, op: op, reflected: reflected) else { return nil }
        if op != .matmul, (try? Shape.broadcast(lhs.shape, rhs.shape)) == nil {
            throw LangError.valueError("operands could not be broadcast together with shapes \(NumpyErrors.shape(lhs.shape)) \(NumpyErrors.shape(rhs.shape)) ")
        }
        let r: Tensor
        switch op {
        case .add: r = try lhs.add(rhs)
        case .sub: r = try lhs.sub(rhs)
        case .mul: r = try lhs.mul(rhs)
        case .div: r = try lhs.div(rhs)
        case .pow: r = try lhs.pow(rhs)
        case .floorDiv: r = try lhs.floorDivide(rhs)
        case .mod: r = try lhs.remainder(rhs)
        case .matmul: r = try lhs.matmul(rhs)
        case .eq: r = try lhs.eq(rhs)
        case .ne: r = try lhs.ne(rhs)
        case .lt: r = try lhs.lt(rhs)
        case .le: r = try lhs.le(rhs)
        case .gt: r = try lhs.gt(rhs)
        case .ge: r = try lhs.ge(rhs)
        default: return nil
        }
        return try NDArrayObject.wrapResult(r)
    }
}

/// `a.dtype`: prints `dtype('float64')`, compares equal to `np.float64` and to `'float64'`.
final class NumpyDTypeObject: HostObject {
    let dtype: DType
    init(_ dtype: DType) { self.dtype = dtype }
    var typeName: String { "dtype" }
    func repr(_ interp: Interpreter) throws -> String { "dtype('\(NumpyFormat.name(dtype))')" }
    func str(_ interp: Interpreter) throws -> String { NumpyFormat.name(dtype) }
    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        name == "name" ? .str(NumpyFormat.name(dtype)) : nil
    }
    func binary(_ op: BinaryOperator, _ other: Value, reflected: Bool, _ interp: Interpreter) throws -> Value? {
        guard op == .eq || op == .ne else { return nil }
        let same = (try? NumpyBinding.dtype(other)) == dtype
        return .bool(op == .eq ? same : !same)
    }
}

/// `np.float32`, `np.float64`, `np.int64`: scalar types usable as `dtype=` and callable on a number.
final class NumpyScalarType: HostObject {
    let dtype: DType
    init(_ dtype: DType) { self.dtype = dtype }
    var typeName: String { "type" }
    func repr(_ interp: Interpreter) throws -> String { "<class 'numpy.\(NumpyFormat.name(dtype))'>" }
    func call(_ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value? {
        let a = try Arguments(NumpyFormat.name(dtype), ["value"], args, kwargs)
        let v = a.values["value"] ?? .int(0)
        let t = try NumpyBinding.arrayTensor(v, interp).to(dtype)
        return t.dim == 0 ? try NDArrayObject.scalar(t) : NDArrayObject.wrap(t)
    }
}

/// numpy's wording for the failures tensors report in PyTorch's.
enum NumpyErrors {
    /// Index errors name an axis, as numpy does, rather than a dimension.
    static func translate<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as TensorError where e.kind == .index {
            if let mask = maskMismatch(e.message) { throw LangError("IndexError", mask) }
            throw LangError("IndexError", e.message.replacingOccurrences(of: "for dimension", with: "for axis"))
        }
    }

    /// PyTorch's "The shape of the mask [4] at index 0 does not match the shape of the indexed tensor [3, 4] at
    /// index 0" in numpy's words.
    private static func maskMismatch(_ message: String) -> String? {
        guard message.hasPrefix("The shape of the mask") else { return nil }
        // Two "[dims] at index k" groups: the mask's, then the indexed tensor's.
        let groups = message.components(separatedBy: "[").dropFirst().map { part -> ([Int], Int?) in
            let pieces = part.components(separatedBy: "]")
            let dims = (pieces.first ?? "").split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            let at = pieces.dropFirst().first?.components(separatedBy: "at index ").dropFirst().first
            return (dims, at.flatMap { Int($0.prefix { $0.isNumber }) })
        }
        guard groups.count == 2, let maskAt = groups[0].1, let tensorAt = groups[1].1,
              maskAt < groups[0].0.count, tensorAt < groups[1].0.count else { return nil }
        return "boolean index did not match indexed array along axis \(tensorAt); size of axis is \(groups[1].0[tensorAt]) but size of corresponding boolean axis is \(groups[0].0[maskAt])"
    }

    /// `a.reshape(shape)` with numpy's error for a size that does not fit.
    static func reshape(_ t: Tensor, _ shape: [Int]) throws -> Tensor {
        do { return try t.reshape(shape) } catch let e as TensorError where e.kind == .runtime {
            if shape.filter({ $0 < 0 }).count > 1 { throw LangError.valueError("can only specify one unknown dimension") }
            throw LangError.valueError("cannot reshape array of size \(t.numel) into shape \(NumpyErrors.shape(shape))")
        }
    }

    /// A shape as numpy's errors print it: `(2,3)`, `(7,)`, `newaxis` for -1.
    static func shape(_ dims: [Int]) -> String {
        let items = dims.map { $0 < 0 ? "newaxis" : String($0) }
        return "(" + items.joined(separator: ",") + (items.count == 1 ? ",)" : ")")
    }
}
