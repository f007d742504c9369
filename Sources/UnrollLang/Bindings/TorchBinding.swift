// The `torch` namespace: tensor factories, random functions, math functions, dtypes, no_grad, Size.
import UnrollTensor

/// `torch.no_grad()` / `torch.enable_grad()` as context managers.
final class GradModeContext: HostObject {
    let enabled: Bool
    private var saved: [Bool] = []
    init(enabled: Bool) { self.enabled = enabled }
    var typeName: String { enabled ? "enable_grad" : "no_grad" }
    func repr(_ interp: Interpreter) throws -> String { "<torch.autograd.grad_mode.\(typeName) object at \(interp.address(self))>" }
    func enter(_ interp: Interpreter) throws -> Value? {
        saved.append(GradMode.isEnabled)
        GradMode.set(enabled)
        return Value.none
    }
    func exit(_ interp: Interpreter) throws { GradMode.set(saved.popLast() ?? true) }
}

/// `torch.Tensor` as a class: `isinstance(x, torch.Tensor)`, `torch.Tensor([1, 2])`.
final class TensorClass: HostObject {
    var typeName: String { "type" }
    func repr(_ interp: Interpreter) throws -> String { "<class 'torch.Tensor'>" }
    func isInstance(_ value: Value) -> Bool? {
        if case .object(let o) = value { return o is TensorObject }
        return false
    }
    func call(_ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value? {
        if args.count == 1, case .list = args[0] { return wrap(try TensorConvert.fromData(args[0], dtype: .float32, interp)) }
        return wrap(try Tensor.empty(try TensorConvert.shape(args, "Tensor")))
    }
}

enum TorchBinding {
    /// Keywords every creation function takes besides its own; `layout`, `device`, `pin_memory` and
    /// `memory_format` are accepted and ignored (Unroll has one layout and one device).
    static let creationKeywords = ["out", "dtype", "layout", "device", "pin_memory", "requires_grad", "memory_format"]

    /// `requires_grad=` of a creation function: a bool (PyTorch refuses ints here), and only on floating-point results.
    static func finishCreation(_ t: Tensor, _ a: Arguments) throws -> Value {
        guard let flag = a["requires_grad"] else { return wrap(t) }
        guard case .bool(let requiresGrad) = flag else {
            throw LangError.typeError("\(a.function)(): argument 'requires_grad' must be bool, not \(flag.typeName)")
        }
        if requiresGrad {
            guard t.dtype.isFloatingPoint else {
                throw LangError("RuntimeError", "Only Tensors of floating point and complex dtype can require gradients")
            }
            try t.setRequiresGrad(true)
        }
        return wrap(t)
    }

    static func makeNamespace() -> Namespace {
        let torch = Namespace("torch")
        for dtype in DType.allCases { torch.members[String(dtype.torchName.dropFirst(6))] = .object(DTypeObject(dtype)) }
        torch.members["float"] = .object(DTypeObject(.float32))
        torch.members["double"] = .object(DTypeObject(.float64))
        torch.members["long"] = .object(DTypeObject(.int64))
        torch.members["Tensor"] = .object(TensorClass())
        torch.members["__version__"] = .str("2.5.1+unroll")
        torch.define("Size") { args, _, interp in
            .object(SizeObject(try (args.first.map { try interp.iterate($0) } ?? []).map { try $0.asInt() }))
        }
        torch.define("device") { _, _, _ in .object(DeviceObject()) }
        torch.define("tensor", keywords: ["dtype", "requires_grad", "device"]) { args, kwargs, interp in
            let a = try Arguments("tensor", ["data", "dtype", "device", "requires_grad", "pin_memory"], required: 1,
                                  keywordOnly: ["dtype", "device", "requires_grad", "pin_memory"], args, kwargs)
            let t = try TensorConvert.fromData(a.values["data"] ?? .none, dtype: try TensorConvert.dtype(a["dtype"]), interp)
            return try finishCreation(t, a)
        }
        torch.members["from_numpy"] = NumpyBinding.fromNumpy  // s3-data
        torch.define("is_tensor") { args, _, _ in
            if case .object(let o)? = args.first { return .bool(o is TensorObject) }
            return .bool(false)
        }
        /// `random` factories also take `generator=`, as in PyTorch (zeros and ones refuse it).
        func factory(_ name: String, random: Bool = false, _ make: @escaping ([Int], DType?, Arguments) throws -> Tensor) {
            let own = random ? ["size", "generator"] : ["size"]
            torch.define(name, keywords: ["dtype", "requires_grad", "device"] + (random ? ["generator"] : [])) { args, kwargs, _ in
                let a = try Arguments(name, own + creationKeywords, variadic: true, keywordOnly: Set(own + creationKeywords), args, kwargs)
                let shape = try TensorConvert.shape(a.values["size"].map { [$0] } ?? a.rest, name)
                return try finishCreation(try make(shape, try TensorConvert.dtype(a["dtype"]), a), a)
            }
        }
        factory("zeros") { s, d, _ in try Tensor.zeros(s, dtype: d ?? .defaultFloat) }
        factory("ones") { s, d, _ in try Tensor.ones(s, dtype: d ?? .defaultFloat) }
        factory("empty") { s, d, _ in try Tensor.zeros(s, dtype: d ?? .defaultFloat) }
        factory("rand", random: true) { try Tensor.rand($0, dtype: $1 ?? .defaultFloat, generator: try generatorArg($2["generator"])) }
        factory("randn", random: true) { try Tensor.randn($0, dtype: $1 ?? .defaultFloat, generator: try generatorArg($2["generator"])) }
        for (name, make) in [("zeros_like", { (t: Tensor, d: DType?) in try t.zerosLike(dtype: d) }),
                             ("ones_like", { try $0.onesLike(dtype: $1) }), ("empty_like", { try $0.zerosLike(dtype: $1) }),
                             ("rand_like", { try $0.randLike(dtype: $1) }), ("randn_like", { try $0.randnLike(dtype: $1) })] {
            torch.define(name, keywords: ["dtype", "requires_grad", "device"]) { args, kwargs, interp in
                let a = try Arguments(name, ["input"] + creationKeywords, required: 1, keywordOnly: Set(creationKeywords), args, kwargs)
                let t = try make(try TensorConvert.tensor(a.values["input"] ?? .none, interp), try TensorConvert.dtype(a["dtype"]))
                return try finishCreation(t, a)
            }
        }
        torch.define("full", keywords: ["dtype", "requires_grad", "device"]) { args, kwargs, _ in
            let a = try Arguments("full", ["size", "fill_value"] + creationKeywords, required: 2, keywordOnly: Set(creationKeywords), args, kwargs)
            guard let s = TensorConvert.scalar(a.values["fill_value"] ?? .none) else { throw LangError.typeError("full(): argument 'fill_value' must be Number") }
            let t = try Tensor.full(try TensorConvert.shape([a.values["size"] ?? .none], "full"), s, dtype: try TensorConvert.dtype(a["dtype"]))
            return try finishCreation(t, a)
        }
        torch.define("full_like", keywords: ["dtype", "requires_grad", "device"]) { args, kwargs, interp in
            let a = try Arguments("full_like", ["input", "fill_value"] + creationKeywords, required: 2, keywordOnly: Set(creationKeywords), args, kwargs)
            guard let s = TensorConvert.scalar(a.values["fill_value"] ?? .none) else { throw LangError.typeError("full_like(): argument 'fill_value' must be Number") }
            let t = try TensorConvert.tensor(a.values["input"] ?? .none, interp).fullLike(s, dtype: try TensorConvert.dtype(a["dtype"]))
            return try finishCreation(t, a)
        }
        torch.define("arange", keywords: ["dtype", "requires_grad", "device"]) { args, kwargs, _ in
            let a = try Arguments("arange", ["start", "end", "step"] + creationKeywords, keywordOnly: Set(creationKeywords), args, kwargs)
            func s(_ n: String) throws -> Scalar? {
                guard let v = a[n] else { return nil }
                guard let x = TensorConvert.scalar(v) else { throw LangError.typeError("arange(): argument '\(n)' must be Number, not \(v.typeName)") }
                return x
            }
            var start = try s("start") ?? .int(0)
            var end = try s("end")
            if end == nil { end = start; start = .int(0) }
            let t = try Tensor.arange(start, end ?? .int(0), try s("step") ?? .int(1), dtype: try TensorConvert.dtype(a["dtype"]))
            return try finishCreation(t, a)
        }
        torch.define("linspace", keywords: ["dtype", "requires_grad", "device"]) { args, kwargs, _ in
            let a = try Arguments("linspace", ["start", "end", "steps"] + creationKeywords, required: 3, keywordOnly: Set(creationKeywords), args, kwargs)
            let t = try Tensor.linspace(try a.double("start"), try a.double("end"), steps: try a.int("steps"),
                                        dtype: try TensorConvert.dtype(a["dtype"]) ?? .defaultFloat)
            return try finishCreation(t, a)
        }
        torch.define("eye", keywords: ["dtype", "requires_grad", "device"]) { args, kwargs, _ in
            let a = try Arguments("eye", ["n", "m"] + creationKeywords, required: 1, keywordOnly: Set(creationKeywords), args, kwargs)
            let t = try Tensor.eye(try a.int("n"), try a["m"].map { try $0.asInt() }, dtype: try TensorConvert.dtype(a["dtype"]) ?? .defaultFloat)
            return try finishCreation(t, a)
        }
        torch.define("randint", keywords: ["generator", "dtype", "requires_grad", "device"]) { args, kwargs, _ in
            let a = try Arguments("randint", ["low", "high", "size", "generator"] + creationKeywords,
                                  keywordOnly: Set(["generator"] + creationKeywords), args, kwargs)
            var low: Int64 = 0, high: Int64
            var sizeValue: Value
            if args.count >= 3 || (args.count == 2 && kwargs.contains { $0.0 == "size" } == false && a.values["size"] == nil && false) {
                low = Int64(try a.int("low")); high = Int64(try a.int("high")); sizeValue = a.values["size"] ?? .none
            } else if let size = a.values["size"], a.values["high"] == nil {
                high = Int64(try a.int("low")); sizeValue = size
            } else if args.count == 2 {
                high = Int64(try a.int("low")); sizeValue = a.values["high"] ?? .none
            } else {
                low = Int64(try a.int("low", default: 0)); high = Int64(try a.int("high")); sizeValue = a.values["size"] ?? .none
            }
            let t = try Tensor.randint(low: low, high: high, try TensorConvert.shape([sizeValue], "randint"),
                                       dtype: try TensorConvert.dtype(a["dtype"]) ?? .int64, generator: try generatorArg(a["generator"]))
            return try finishCreation(t, a)
        }
        torch.define("randperm", keywords: ["generator", "dtype", "requires_grad", "device"]) { args, kwargs, _ in
            let a = try Arguments("randperm", ["n", "generator"] + creationKeywords, required: 1,
                                  keywordOnly: Set(["generator"] + creationKeywords), args, kwargs)
            let t = try Tensor.randperm(try a.int("n"), dtype: try TensorConvert.dtype(a["dtype"]) ?? .int64, generator: try generatorArg(a["generator"]))
            return try finishCreation(t, a)
        }
        torch.define("normal", keywords: ["generator", "dtype", "requires_grad", "device"]) { args, kwargs, _ in
            let a = try Arguments("normal", ["mean", "std", "size", "generator"] + creationKeywords, required: 2,
                                  keywordOnly: Set(["generator"] + creationKeywords), args, kwargs)
            let t = try Tensor.normal(mean: try a.double("mean"), std: try a.double("std"),
                                      try TensorConvert.shape([a.values["size"] ?? .tuple([])], "normal"),
                                      dtype: try TensorConvert.dtype(a["dtype"]) ?? .defaultFloat, generator: try generatorArg(a["generator"]))
            return try finishCreation(t, a)
        }
        // Unroll's matrix products split their work into blocks fixed by the shape, so any count gives the same bits.
        torch.define("get_num_threads") { args, kwargs, _ in
            _ = try Arguments("get_num_threads", [], args, kwargs)
            return .int(Int64(BLASThreads.count))
        }
        torch.define("set_num_threads") { args, kwargs, _ in
            guard args.count == 1, kwargs.isEmpty else {
                throw LangError.typeError("torch.set_num_threads() takes exactly one argument (\(args.count + kwargs.count) given)")
            }
            let n: Int64
            switch args[0] {
            case .int(let i): n = i
            case .bool(let b): n = b ? 1 : 0
            default: throw LangError("RuntimeError", "set_num_threads expects an int, but got \(args[0].typeName)")
            }
            guard n > 0 else { throw LangError("RuntimeError", "set_num_threads expects a positive integer") }
            BLASThreads.set(Int(Swift.min(n, 1024)))
            return .none
        }
        torch.define("manual_seed") { args, kwargs, _ in
            let a = try Arguments("manual_seed", ["seed"], required: 1, args, kwargs)
            return .object(GeneratorObject(Generator.manualSeed(Int64(try a.int("seed")))))
        }
        torch.define("set_printoptions") { args, kwargs, _ in
            let a = try Arguments("set_printoptions", ["precision", "threshold", "edgeitems", "linewidth", "profile", "sci_mode"],
                                  required: 0, args, kwargs)
            var options = PrintOptions.current
            if case .str(let profile)? = a["profile"] {
                switch profile {
                case "default": options = PrintOptions()
                case "short": options = PrintOptions(); options.precision = 2; options.edgeitems = 2
                case "full": options = PrintOptions(); options.threshold = Int.max
                default: break  // PyTorch ignores an unknown profile too
                }
            }
            func count(_ name: String) throws -> Int? {
                guard let v = a[name], !v.isNone else { return nil }
                let d = try a.double(name)
                return d >= Double(Int.max) ? Int.max : max(0, Int(d))
            }
            if let v = try count("precision") { options.precision = v }
            if let v = try count("threshold") { options.threshold = v }
            if let v = try count("edgeitems") { options.edgeitems = v }
            if let v = try count("linewidth") { options.linewidth = v }
            if let v = a["sci_mode"], !v.isNone { options.sciMode = try a.bool("sci_mode", default: false) } else { options.sciMode = nil }
            PrintOptions.current = options
            return .none
        }
        torch.define("initial_seed") { _, _, _ in .int(Int64(bitPattern: Generator.default.initialSeed)) }
        torch.define("Generator") { _, _, _ in .object(GeneratorObject(Generator())) }
        torch.define("no_grad") { _, _, _ in .object(GradModeContext(enabled: false)) }
        torch.define("enable_grad") { _, _, _ in .object(GradModeContext(enabled: true)) }
        torch.define("is_grad_enabled") { _, _, _ in .bool(GradMode.isEnabled) }
        torch.define("set_grad_enabled") { args, _, _ in
            GradMode.set(try (args.first ?? .bool(true)).asInt() != 0)
            return .none
        }
        torch.define("cat") { args, kwargs, interp in
            let a = try Arguments("cat", ["tensors", "dim"], required: 1, args, kwargs)
            let ts = try interp.iterate(a.values["tensors"] ?? .none).map { try TensorConvert.tensor($0, interp, what: "cat(): tensors") }
            return wrap(try Tensor.cat(ts, dim: try a.int("dim", default: 0)))
        }
        torch.define("concat") { args, kwargs, interp in try interp.call(torch.members["cat"] ?? .none, args, kwargs) }
        torch.define("stack") { args, kwargs, interp in
            let a = try Arguments("stack", ["tensors", "dim"], required: 1, args, kwargs)
            let ts = try interp.iterate(a.values["tensors"] ?? .none).map { try TensorConvert.tensor($0, interp, what: "stack(): tensors") }
            return wrap(try Tensor.stack(ts, dim: try a.int("dim", default: 0)))
        }
        torch.define("allclose") { args, kwargs, interp in
            let a = try Arguments("allclose", ["input", "other", "rtol", "atol", "equal_nan"], required: 2, args, kwargs)
            let x = try TensorConvert.tensor(a.values["input"] ?? .none, interp), y = try TensorConvert.tensor(a.values["other"] ?? .none, interp)
            let rtol = try a.double("rtol", default: 1e-5), atol = try a.double("atol", default: 1e-8)
            let shape = try Shape.broadcast(x.shape, y.shape)
            let xs = try x.expand(shape).doubles(), ys = try y.expand(shape).doubles()
            return .bool(zip(xs, ys).allSatisfy { Swift.abs($0 - $1) <= atol + rtol * Swift.abs($1) })
        }
        torch.define("numel") { args, _, interp in .int(Int64(try TensorConvert.tensor(args.first ?? .none, interp).numel)) }
        // Functions that are the same as the tensor method of their first argument.
        for name in ["tanh", "sigmoid", "relu", "exp", "log", "sin", "cos", "sqrt", "rsqrt", "abs", "sign", "square", "neg",
                     "matmul", "mm", "bmm", "dot", "add", "sub", "mul", "div", "pow", "eq", "ne", "lt", "le", "gt", "ge",
                     "maximum", "minimum", "remainder", "floor_divide", "sum", "mean", "prod", "max", "min", "argmax", "argmin",
                     "std", "var", "norm", "amax", "amin", "clamp", "clip", "reshape", "squeeze", "unsqueeze", "transpose",
                     "permute", "flatten", "t", "unbind", "chunk", "split", "select", "narrow", "equal", "clone", "detach",
                     "swapaxes"] {
            guard let method = TensorObject.methods[name] else { continue }
            torch.define(name) { args, kwargs, interp in
                var rest = args
                var input: Value
                if !rest.isEmpty { input = rest.removeFirst() }
                else if let i = kwargs.firstIndex(where: { $0.0 == "input" }) { input = kwargs[i].1 }
                else { throw LangError.typeError("\(name)() missing 1 required positional argument: 'input'") }
                let t = try TensorConvert.tensor(input, interp, what: "\(name)(): argument 'input' (position 1)")
                return try method(t, rest, kwargs.filter { $0.0 != "input" }, interp)
            }
        }
        return torch
    }
}
