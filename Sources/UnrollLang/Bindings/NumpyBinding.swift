// The `numpy` namespace: the small subset the course uses (array, linspace, arange, sin, cos, random, reshape, ravel).
import Foundation
import UnrollData
import UnrollTensor

/// Registers `numpy` and `numpy.random`. Names outside the subset raise AttributeError with a hint that names them.
public enum NumpyBinding {
    public static func register() {
        ModuleRegistry.register("numpy") { makeNamespace() }
        ModuleRegistry.register("numpy.random") { makeRandomNamespace() }
    }

    static func makeNamespace() -> Namespace {
        let np = Namespace("numpy")
        np.members["__subset__"] = .str("numpy")
        np.members["float32"] = .object(NumpyScalarType(.float32))
        np.members["float64"] = .object(NumpyScalarType(.float64))
        np.members["int64"] = .object(NumpyScalarType(.int64))
        np.members["ndarray"] = .object(NDArrayClass())
        np.members["pi"] = .float(Double.pi)
        np.members["e"] = .float(M_E)
        np.members["nan"] = .float(.nan)
        np.members["inf"] = .float(.infinity)
        np.defineSubset("array", keywords: ["dtype"], unsupported: ["copy", "order", "subok", "ndmin", "ndmax", "like"]) { args, kwargs, interp in
            let a = try Arguments("array", ["object", "dtype"], required: 1, args, kwargs)
            var t = try arrayTensor(a.values["object"] ?? .none, interp, copy: true)
            if let d = a["dtype"] { t = try t.to(try dtype(d)) }
            return NDArrayObject.wrap(t)
        }
        np.defineSubset("linspace", keywords: ["num", "endpoint", "dtype"], unsupported: ["axis", "device"]) { args, kwargs, _ in
            let a = try Arguments("linspace", ["start", "stop", "num", "endpoint", "retstep", "dtype"], required: 2, args, kwargs)
            let num = try a.int("num", default: 50)
            guard num >= 0 else { throw LangError.valueError("Number of samples, \(num), must be non-negative.") }
            if try a.bool("retstep", default: false) {
                throw LangError("NotImplementedError", "numpy.linspace(retstep=True) is not supported by Unroll")
            }
            let values = SineSeries.linspace(try a.double("start"), try a.double("stop"), count: num, endpoint: try a.bool("endpoint", default: true))
            var t = try Tensor(values, shape: [values.count])
            if let d = a["dtype"] { t = try t.to(try dtype(d)) }
            return NDArrayObject.wrap(t)
        }
        np.defineSubset("arange", keywords: ["dtype"], unsupported: ["device", "like"]) { args, kwargs, _ in
            let a = try Arguments("arange", ["start", "stop", "step", "dtype"], required: 1, args, kwargs)
            var start = a.values["start"] ?? .int(0), stop = a["stop"], step = a["step"] ?? .int(1)
            if stop == nil { stop = start; start = .int(0) }
            let allInts = [start, stop ?? .int(0), step].allSatisfy { if case .int = $0 { return true }; if case .bool = $0 { return true }; return false }
            let s0 = try start.asDouble(what: "arange(): start"), s1 = try (stop ?? .int(0)).asDouble(what: "arange(): stop"), st = try step.asDouble(what: "arange(): step")
            guard st != 0 else { throw LangError("ZeroDivisionError", "division by zero") }
            let n = max(0, Int(((s1 - s0) / st).rounded(.up)))
            guard n <= 100_000_000 else { throw LangError("MemoryError", "arange of \(n) elements is too large") }
            var t: Tensor
            if allInts {
                let a0 = Int64(s0), stepInt = Int64(st)
                t = try Tensor((0..<n).map { a0 + Int64($0) * stepInt }, shape: [n])
            } else {
                t = try Tensor((0..<n).map { s0 + Double($0) * st }, shape: [n])
            }
            if let d = a["dtype"] { t = try t.to(try dtype(d)) }
            return NDArrayObject.wrap(t)
        }
        for name in ["zeros", "ones"] {
            np.defineSubset(name, keywords: ["dtype"], unsupported: ["order", "device", "like"]) { args, kwargs, _ in
                let a = try Arguments(name, ["shape", "dtype"], required: 1, args, kwargs)
                let shape: [Int]
                if case .int(let n)? = a.values["shape"] { shape = [Int(n)] } else { shape = try TensorConvert.shape([a.values["shape"] ?? .none], name) }
                guard shape.allSatisfy({ $0 >= 0 }) else { throw LangError.valueError("negative dimensions are not allowed") }
                let d = try a["dtype"].map(dtype) ?? .float64
                return NDArrayObject.wrap(name == "zeros" ? try Tensor.zeros(shape, dtype: d) : try Tensor.ones(shape, dtype: d))
            }
        }
        // Each ufunc, and whether integers stay integers (abs) or become float64 first (the others).
        for (name, keepsIntegers, f) in [("sin", false, { (t: Tensor) in try t.sin() }), ("cos", false, { (t: Tensor) in try t.cos() }),
                                         ("exp", false, { (t: Tensor) in try t.exp() }), ("sqrt", false, { (t: Tensor) in try t.sqrt() }),
                                         ("tanh", false, { (t: Tensor) in try t.tanh() }), ("log", false, { (t: Tensor) in try t.log() }),
                                         ("abs", true, { (t: Tensor) in try t.abs() })] {
            np.defineSubset(name, unsupported: ["out", "where", "casting", "order", "dtype", "subok", "signature"]) { args, kwargs, interp in
                let a = try Arguments(name, ["x"], required: 1, args, kwargs)
                let x = a.values["x"] ?? .none
                var t = try arrayTensor(x, interp)
                if !t.dtype.isFloatingPoint && !keepsIntegers { t = try t.to(.float64) }
                let r = try f(t)
                if case .object = x { return NDArrayObject.wrap(r) }
                if case .list = x { return NDArrayObject.wrap(r) }
                if case .tuple = x { return NDArrayObject.wrap(r) }
                return try NDArrayObject.scalar(r)
            }
        }
        np.defineSubset("concatenate", keywords: ["axis"], unsupported: ["out", "dtype", "casting"]) { args, kwargs, interp in
            let a = try Arguments("concatenate", ["arrays", "axis"], required: 1, args, kwargs)
            let parts = try interp.iterate(a.values["arrays"] ?? .none).map { try arrayTensor($0, interp) }
            guard let first = parts.first else { throw LangError.valueError("need at least one array to concatenate") }
            let target = parts.map(\.dtype).reduce(first.dtype) { numpyPromote($0, $1) }
            return NDArrayObject.wrap(try Tensor.cat(try parts.map { try $0.to(target) }, dim: try a.int("axis", default: 0)))
        }
        np.defineSubset("stack", keywords: ["axis"], unsupported: ["out", "dtype", "casting"]) { args, kwargs, interp in
            let a = try Arguments("stack", ["arrays", "axis"], required: 1, args, kwargs)
            let parts = try interp.iterate(a.values["arrays"] ?? .none).map { try arrayTensor($0, interp) }
            guard let first = parts.first else { throw LangError.valueError("need at least one array to stack") }
            guard parts.allSatisfy({ $0.shape == first.shape }) else { throw LangError.valueError("all input arrays must have the same shape") }
            let axis = try a.int("axis", default: 0)
            guard axis >= -(first.dim + 1) && axis <= first.dim else {
                throw LangError("numpy.exceptions.AxisError", "axis \(axis) is out of bounds for array of dimension \(first.dim + 1)")
            }
            let target = parts.map(\.dtype).reduce(first.dtype) { numpyPromote($0, $1) }
            return NDArrayObject.wrap(try Tensor.stack(try parts.map { try $0.to(target) }, dim: axis))
        }
        for name in ["mean", "sum", "min", "max", "std"] {
            np.defineSubset(name, keywords: ["axis", "ddof"], unsupported: ["dtype", "out", "keepdims", "initial", "where", "mean", "correction"]) { args, kwargs, interp in
                let a = try Arguments(name, ["a", "axis"] + (name == "std" ? ["ddof"] : []), required: 1, args, kwargs)
                let array = NDArrayObject(try arrayTensor(a.values["a"] ?? .none, interp))
                guard let method = try array.getAttribute(name, interp) else { return .none }
                let passed = ["axis", "ddof"].compactMap { key in a[key].map { (key, $0) } }
                return try interp.call(method, [], passed)
            }
        }
        np.defineSubset("reshape", unsupported: ["copy"]) { args, kwargs, interp in
            let a = try Arguments("reshape", ["a", "shape", "order"], required: 2, args, kwargs)
            try requireRowMajor(a["order"], "numpy.reshape")
            let t = try arrayTensor(a.values["a"] ?? .none, interp)
            return NDArrayObject.wrap(try NumpyErrors.reshape(t, try TensorConvert.shape([a.values["shape"] ?? .none], "reshape")))
        }
        np.define("ravel") { args, kwargs, interp in
            let a = try Arguments("ravel", ["a", "order"], required: 1, args, kwargs)
            try requireRowMajor(a["order"], "numpy.ravel")
            return NDArrayObject.wrap(try arrayTensor(a.values["a"] ?? .none, interp).contiguous().reshape([-1]))
        }
        return np
    }

    static func makeRandomNamespace() -> Namespace {
        let random = Namespace("numpy.random")
        let state = NumpyRandomState()
        random.members["__subset__"] = .str("numpy")
        random.define("seed") { args, kwargs, interp in
            let a = try Arguments("seed", ["seed"], args, kwargs)
            let seed = try a.int("seed", default: 0)
            guard seed >= 0 && seed <= Int(UInt32.max) else { throw LangError.valueError("Seed must be between 0 and 2**32 - 1") }
            state.seed(UInt32(seed))
            return .none
        }
        random.defineSubset("randint", keywords: ["size"], unsupported: ["dtype"]) { args, kwargs, interp in
            let a = try Arguments("randint", ["low", "high", "size"], required: 1, args, kwargs)
            var low = Int64(try a.int("low")), high: Int64
            if let h = a["high"] { high = Int64(try h.asInt()) } else { high = low; low = 0 }
            guard low < high else { throw LangError.valueError(a["high"] == nil ? "high <= 0" : "low >= high") }
            guard let size = a["size"] else { return .int(state.bounded(low: low, high: high)) }
            let shape = try TensorConvert.shape([size], "randint")
            let n = shape.reduce(1, *)
            let values = (0..<n).map { _ in state.bounded(low: low, high: high) }
            return NDArrayObject.wrap(try Tensor(values, shape: shape))
        }
        return random
    }

    /// A Python value as numpy would build an array from it: float64 for floats, int64 for ints, bool for bools;
    /// arrays, pandas objects and tensors keep their dtype.
    static func arrayTensor(_ value: Value, _ interp: Interpreter, copy: Bool = false) throws -> Tensor {
        if let t = ArrayBridge.tensor(value) {
            if case .object(let o) = value, o is TensorObject, t.requiresGrad {
                throw LangError("RuntimeError", "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.")
            }
            return copy ? try t.clone() : t
        }
        switch value {
        case .int(let i): return try Tensor([i], shape: [])
        case .bool(let b): return try Tensor([b], shape: [])
        case .float(let d): return try Tensor([d], shape: [])
        case .list, .tuple:
            let items = try interp.iterate(value)
            // Fast path: a list of equally shaped arrays/series (the course's `np.array(xs)`).
            if !items.isEmpty, case .object = items[0] {
                let parts = try items.map { v -> Tensor in
                    guard let t = ArrayBridge.tensor(v) else { throw LangError.valueError("setting an array element with a sequence. The requested array has an inhomogeneous shape") }
                    return t
                }
                let shape = parts[0].shape
                guard parts.allSatisfy({ $0.shape == shape }) else {
                    throw LangError.valueError("setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was (\(parts.count),) + inhomogeneous part.")
                }
                let target = parts.map(\.dtype).reduce(parts[0].dtype) { numpyPromote($0, $1) }
                return try Tensor.stack(try parts.map { try $0.to(target) }, dim: 0)
            }
            var sawFloat = false, sawInt = false
            func scan(_ v: Value) throws {
                switch v {
                case .float: sawFloat = true
                case .int: sawInt = true
                case .list, .tuple: for x in try interp.iterate(v) { try scan(x) }
                case .object:
                    if let t = ArrayBridge.tensor(v) { if t.dtype.isFloatingPoint { sawFloat = true } else if t.dtype == .int64 { sawInt = true } }
                default: break
                }
            }
            try scan(value)
            let target: DType = sawFloat ? .float64 : (sawInt ? .int64 : (items.isEmpty ? .float64 : .bool))
            if let shape = try inhomogeneousShape(value, interp) {
                throw LangError.valueError("setting an array element with a sequence. The requested array has an inhomogeneous shape after \(shape.count) dimensions. The detected shape was \(NumpyFormat.pythonTuple(shape)) + inhomogeneous part.")
            }
            return try TensorConvert.fromData(value, dtype: target, interp)
        default:
            throw LangError.typeError("Unroll's numpy subset cannot make an array from '\(value.typeName)'")
        }
    }

    /// Unroll's arrays are row-major: `order='C'` (or none) is accepted, any other order refused by name.
    static func requireRowMajor(_ order: Value?, _ function: String) throws {
        guard let order, !order.isNone else { return }
        guard case .str(let name) = order else { throw LangError.typeError("order must be str, not \(order.typeName)") }
        if name == "C" { return }
        throw LangError("NotImplementedError", "\(function)(order='\(name)') is not supported by Unroll",
                        hint: "Unroll's numpy subset works in row-major (C) order only.")
    }

    /// For nested lists that are not rectangular, the shape numpy detects before the ragged level; nil when rectangular.
    static func inhomogeneousShape(_ value: Value, _ interp: Interpreter) throws -> [Int]? {
        func isSequence(_ v: Value) -> Bool {
            switch v { case .list, .tuple: return true; default: return false }
        }
        var level = [value]
        var shape: [Int] = []
        while true {
            let sequences = level.filter(isSequence)
            if sequences.isEmpty { return nil }
            guard sequences.count == level.count else { return shape }
            let children = try sequences.map { try interp.iterate($0) }
            let n = children[0].count
            guard children.allSatisfy({ $0.count == n }) else { return shape }
            shape.append(n)
            level = children.flatMap { $0 }
        }
    }

    /// numpy's promotion between array dtypes (int64 with float32 gives float64, unlike PyTorch).
    static func numpyPromote(_ a: DType, _ b: DType) -> DType {
        if a == b { return a }
        let rank: [DType: Int] = [.bool: 0, .int64: 1, .float32: 2, .float64: 3]
        let (lo, hi) = (rank[a] ?? 0) <= (rank[b] ?? 0) ? (a, b) : (b, a)
        if lo == .int64 && hi == .float32 { return .float64 }
        return hi
    }

    /// Both operands of `array op other`, cast to numpy's result dtype (Python numbers are "weak").
    static func promote(_ t: Tensor, _ other: Value, op: BinaryOperator, reflected: Bool) throws -> (Tensor, Tensor)? {
        var target: DType
        var otherTensor: Tensor
        switch other {
        case .int(let i):
            target = t.dtype == .bool ? .int64 : t.dtype
            otherTensor = Tensor(scalar: .int(i), dtype: target)
        case .bool(let b):
            target = t.dtype
            otherTensor = Tensor(scalar: .bool(b), dtype: target)
        case .float(let d):
            target = t.dtype.isFloatingPoint ? t.dtype : .float64
            otherTensor = Tensor(scalar: .double(d), dtype: target)
        default:
            guard case .object(let o) = other, o is NDArrayObject || o is SeriesObject, let ot = ArrayBridge.tensor(other) else { return nil }
            target = numpyPromote(t.dtype, ot.dtype)
            otherTensor = ot
        }
        if op == .div && !target.isFloatingPoint { target = .float64 }
        let a = try t.to(target), b = try otherTensor.to(target)
        return reflected ? (b, a) : (a, b)
    }

    /// A dtype argument: `np.float32`, `np.float64`, `np.int64`, `float`, `int`, a string name or a torch dtype.
    static func dtype(_ v: Value) throws -> DType {
        switch v {
        case .str(let s):
            switch s {
            case "float32", "f4": return .float32
            case "float64", "float", "f8": return .float64
            case "int64", "int", "i8": return .int64
            case "bool": return .bool
            default: throw LangError.typeError("data type '\(s)' not understood")
            }
        case .object(let o as NumpyScalarType): return o.dtype
        case .object(let o as NumpyDTypeObject): return o.dtype
        default:
            if let d = try? TensorConvert.dtype(v) { return d == .float32 && !isTorchDType(v) ? .float64 : d }
            throw LangError.typeError("Cannot interpret '\(v.typeName)' as a data type")
        }
    }

    private static func isTorchDType(_ v: Value) -> Bool {
        if case .object(let o) = v { return o is DTypeObject }
        return false
    }

    /// A 1-D tensor's elements as Python numbers.
    static func pythonValues(_ t: Tensor) -> [Value] {
        switch t.dtype {
        case .int64: return t.toArray(Int64.self).map { .int($0) }
        case .bool: return t.toArray(Bool.self).map { .bool($0) }
        default: return t.doubles().map { .float($0) }
        }
    }

    /// `torch.from_numpy(a)`: a tensor sharing the array's memory, with its dtype.
    nonisolated(unsafe) static let fromNumpy: Value = .builtin(Builtin("from_numpy") { args, kwargs, _ in
        let a = try Arguments("from_numpy", ["ndarray"], required: 1, args, kwargs)
        guard case .object(let o as NDArrayObject)? = a.values["ndarray"] else {
            throw LangError.typeError("expected np.ndarray (got \(a.values["ndarray"]?.typeName ?? "NoneType"))")
        }
        return TensorBridge.wrap(o.tensor.detach())
    })

    /// `tensor.numpy()`: an array sharing the tensor's memory (PyTorch refuses tensors that require grad).
    static func tensorToNumpy(_ t: Tensor) throws -> Value {
        if t.requiresGrad {
            throw LangError("RuntimeError", "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.")
        }
        return NDArrayObject.wrap(t.detach())
    }
}

/// `np.ndarray` as a class, for `isinstance(x, np.ndarray)`.
final class NDArrayClass: HostObject {
    var typeName: String { "type" }
    func repr(_ interp: Interpreter) throws -> String { "<class 'numpy.ndarray'>" }
    func isInstance(_ value: Value) -> Bool? {
        if case .object(let o) = value { return o is NDArrayObject }
        return false
    }
}

/// The seam other bindings (plots, metrics) use to accept numpy arrays and pandas columns like tensors.
public enum ArrayBridge {
    /// The tensor behind a numpy array, a pandas Series/DataFrame (numeric), or a torch tensor; nil otherwise.
    public static func tensor(_ value: Value) -> Tensor? {
        guard case .object(let o) = value else { return nil }
        switch o {
        case let a as NDArrayObject: return a.tensor
        case let s as SeriesObject: return try? s.valuesTensor()
        case let f as DataFrameObject: return try? f.frame.numericTensor()
        case let t as TensorObject: return t.tensor
        default: return nil
        }
    }

    /// Whether the value is a numpy array (so printing and `torch.tensor` keep numpy semantics).
    public static func isArray(_ value: Value) -> Bool {
        if case .object(let o) = value { return o is NDArrayObject }
        return false
    }
}

/// numpy's legacy global `RandomState` (MT19937): `np.random.seed(s)` then `randint` as numpy draws them.
final class NumpyRandomState {
    private var generator = Generator(seed: UInt64(UInt32.random(in: 0...UInt32.max)))

    func seed(_ s: UInt32) { generator = Generator(seed: UInt64(s)) }

    /// `randint(low, high)`: numpy's masked rejection sampling on 32-bit draws (64-bit for wide ranges).
    func bounded(low: Int64, high: Int64) -> Int64 {
        let range = UInt64(bitPattern: high &- low &- 1)
        if range == 0 { return low }
        var mask = range
        mask |= mask >> 1; mask |= mask >> 2; mask |= mask >> 4; mask |= mask >> 8; mask |= mask >> 16; mask |= mask >> 32
        if range <= UInt64(UInt32.max) {
            while true {
                let v = UInt64(generator.random()) & mask
                if v <= range { return low &+ Int64(bitPattern: v) }
            }
        }
        while true {
            let v = generator.random64() & mask
            if v <= range { return low &+ Int64(bitPattern: v) }
        }
    }
}

extension Namespace {
    /// Defines a function of a library Unroll mirrors in part (numpy): a keyword the library has but Unroll's
    /// subset does not is refused by name rather than reported as unknown.
    func defineSubset(_ name: String, keywords: [String] = [], unsupported: [String],
                      _ body: @escaping (_ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value) {
        let qualified = "\(self.name).\(name)"
        define(name, keywords: keywords) { args, kwargs, interp in
            if let key = kwargs.first(where: { unsupported.contains($0.0) })?.0 {
                throw LangError("NotImplementedError", "\(qualified)(\(key)=...) is not supported by Unroll")
            }
            return try body(args, kwargs, interp)
        }
    }
}
