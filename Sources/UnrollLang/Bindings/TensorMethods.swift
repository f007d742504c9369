// The method and attribute tables of `torch.Tensor` (`x.view(...)`, `x.shape`, `loss.item()`...).
import UnrollTensor

let nonLeafGradWarning = "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute won't "
    + "be populated during autograd.backward(). If you indeed want the .grad field to be populated for a non-leaf Tensor, use "
    + ".retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor "
    + "instead. See github.com/pytorch/pytorch/pull/30531 for more information."

extension TensorObject {
    nonisolated(unsafe) static let properties: [String: (Tensor, Interpreter) throws -> Value] = [
        "shape": { t, _ in .object(SizeObject(t.shape)) },
        "dtype": { t, _ in .object(DTypeObject(t.dtype)) },
        "grad": { t, interp in
            // PyTorch warns (TensorBody.h) when a non-leaf's .grad is read: backward never fills it.
            if !t.isLeaf && !t.retainsGrad && t.grad == nil { interp.warn(nonLeafGradWarning) }
            return t.grad.map(wrap) ?? .none
        },
        "requires_grad": { t, _ in .bool(t.requiresGrad) },
        "is_leaf": { t, _ in .bool(t.isLeaf) },
        "retains_grad": { t, _ in .bool(t.retainsGrad) },
        "grad_fn": { t, _ in t.gradFn.map { .object(GradFnObject($0)) } ?? .none },
        "ndim": { t, _ in .int(Int64(t.dim)) },
        "T": { t, _ in wrap(t.dim < 2 ? t : try t.reversedDims()) },
        "mT": { t, _ in wrap(try t.matrixTranspose()) },
        "data": { t, _ in wrap(t.detach()) },
        "device": { _, _ in .object(DeviceObject()) },
        "is_cuda": { _, _ in .bool(false) },
    ]

    static func noArgs(_ name: String, _ body: @escaping (Tensor) throws -> Tensor) -> TensorMethod {
        { t, args, kwargs, _ in
            _ = try Arguments(name, [], args, kwargs)
            return wrap(try body(t))
        }
    }

    static func shapeArgs(_ name: String, _ body: @escaping (Tensor, [Int]) throws -> Tensor) -> TensorMethod {
        { t, args, kwargs, _ in
            var shapeValues = args
            if let kw = kwargs.first(where: { $0.0 == "size" || $0.0 == "shape" || $0.0 == "dims" }) { shapeValues = [kw.1] }
            return wrap(try body(t, try TensorConvert.shape(shapeValues, name)))
        }
    }

    /// `sum`/`mean`-style reductions: `dim` (int or tuple), `keepdim`.
    static func reduction(_ name: String, all: @escaping (Tensor) throws -> Tensor, dims: @escaping (Tensor, [Int], Bool) throws -> Tensor) -> TensorMethod {
        { t, args, kwargs, interp in
            let a = try Arguments(name, ["dim", "keepdim", "dtype"], args, kwargs)
            var r: Tensor
            if let d = try TensorConvert.dims(a["dim"]) { r = try dims(t, d, try a.bool("keepdim", default: false)) } else { r = try all(t) }
            if let dt = try TensorConvert.dtype(a["dtype"]) { r = try r.to(dt) }
            return wrap(r)
        }
    }

    static func extremum(_ name: String, largest: Bool) -> TensorMethod {
        { t, args, kwargs, interp in
            if let first = args.first, let other = TensorConvert.tensorOperand(first), case .object = first {
                return wrap(largest ? try t.maximum(other) : try t.minimum(other))
            }
            let a = try Arguments(name, ["dim", "keepdim"], args, kwargs)
            guard let d = a["dim"] else { return wrap(largest ? try t.maxAll() : try t.minAll()) }
            let dim = try d.asInt(what: "\(name)(): argument 'dim'")
            let k = try a.bool("keepdim", default: false)
            return .object(ValuesIndicesObject(name, largest ? try t.maxDim(dim, keepdim: k) : try t.minDim(dim, keepdim: k)))
        }
    }

    static func statistic(_ name: String, _ body: @escaping (Tensor, [Int]?, Double, Bool) throws -> Tensor) -> TensorMethod {
        { t, args, kwargs, _ in
            let a = try Arguments(name, ["dim", "unbiased", "keepdim", "correction"], args, kwargs)
            var correction = try a.double("correction", default: 1)
            if let u = a["unbiased"], case .bool(let b) = u { correction = b ? 1 : 0 }
            return wrap(try body(t, try TensorConvert.dims(a["dim"]), correction, try a.bool("keepdim", default: false)))
        }
    }

    static func binaryMethod(_ name: String, _ body: @escaping (Tensor, Tensor) throws -> Tensor) -> TensorMethod {
        { t, args, kwargs, interp in
            let a = try Arguments(name, ["other"], required: 1, args, kwargs)
            return wrap(try body(t, try TensorConvert.tensor(a.values["other"] ?? .none, interp, what: "\(name)(): argument 'other'")))
        }
    }

    static func inPlace(_ name: String, _ body: @escaping (Tensor, Tensor) throws -> Tensor) -> TensorMethod {
        { t, args, kwargs, interp in
            let a = try Arguments(name, ["other", "alpha"], required: 1, args, kwargs)
            var other = try TensorConvert.tensor(a.values["other"] ?? .none, interp, what: "\(name)(): argument 'other'")
            if let alpha = a["alpha"], let s = TensorConvert.scalar(alpha) { other = try other.mul(Tensor(scalar: s, wrapped: true)) }
            _ = try body(t, other)
            return wrap(t)
        }
    }

    static func conversion(_ dtype: DType) -> TensorMethod {
        { t, args, kwargs, _ in
            _ = try Arguments("to", [], args, kwargs)
            return wrap(t.dtype == dtype ? t : try t.to(dtype))
        }
    }

    nonisolated(unsafe) static let methods: [String: TensorMethod] = {
        var m: [String: TensorMethod] = [:]
        m["size"] = { t, args, kwargs, _ in
            let a = try Arguments("size", ["dim"], args, kwargs)
            if let d = a["dim"] { return .int(Int64(try t.size(try d.asInt()))) }
            return .object(SizeObject(t.shape))
        }
        m["dim"] = { t, _, _, _ in .int(Int64(t.dim)) }
        m["ndimension"] = m["dim"]
        m["numel"] = { t, _, _, _ in .int(Int64(t.numel)) }
        m["nelement"] = m["numel"]
        m["element_size"] = { t, _, _, _ in .int(Int64(t.dtype.itemSize)) }
        m["is_contiguous"] = { t, _, _, _ in .bool(t.isContiguous) }
        m["is_floating_point"] = { t, _, _, _ in .bool(t.dtype.isFloatingPoint) }
        m["view"] = { t, args, kwargs, interp in
            if args.count == 1, let d = try? TensorConvert.dtype(args[0]), d != t.dtype {
                throw LangError("RuntimeError", "view(dtype) is not supported in Unroll")
            }
            return try shapeArgs("view") { try $0.view($1) }(t, args, kwargs, interp)
        }
        m["reshape"] = shapeArgs("reshape") { try $0.reshape($1) }
        m["expand"] = shapeArgs("expand") { try $0.expand($1) }
        m["permute"] = shapeArgs("permute") { try $0.permute($1) }
        m["repeat"] = shapeArgs("repeat") { t, reps in
            var r = t
            guard reps.count >= t.dim else { throw TensorError.runtime("Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor") }
            r = try r.reshape(Array(repeating: 1, count: reps.count - t.dim) + t.shape)
            for (d, n) in reps.enumerated() where n != 1 { r = try Tensor.cat(Array(repeating: r, count: n), dim: d) }
            return r
        }
        m["view_as"] = binaryMethod("view_as") { try $0.viewAs($1) }
        m["reshape_as"] = binaryMethod("reshape_as") { try $0.reshapeAs($1) }
        m["expand_as"] = binaryMethod("expand_as") { try $0.expandAs($1) }
        m["squeeze"] = { t, args, kwargs, _ in
            let a = try Arguments("squeeze", ["dim"], args, kwargs)
            guard let d = try TensorConvert.dims(a["dim"]) else { return wrap(t.squeeze()) }
            return wrap(d.count == 1 ? try t.squeeze(d[0]) : try t.squeeze(dims: d))
        }
        m["unsqueeze"] = { t, args, kwargs, _ in
            let a = try Arguments("unsqueeze", ["dim"], required: 1, args, kwargs)
            return wrap(try t.unsqueeze(try a.int("dim")))
        }
        m["transpose"] = { t, args, kwargs, _ in
            let a = try Arguments("transpose", ["dim0", "dim1"], required: 2, args, kwargs)
            return wrap(try t.transpose(try a.int("dim0"), try a.int("dim1")))
        }
        m["swapaxes"] = m["transpose"]
        m["t"] = noArgs("t") { try $0.t() }
        m["flatten"] = { t, args, kwargs, _ in
            let a = try Arguments("flatten", ["start_dim", "end_dim"], args, kwargs)
            return wrap(try t.flatten(startDim: try a.int("start_dim", default: 0), endDim: try a.int("end_dim", default: -1)))
        }
        m["contiguous"] = noArgs("contiguous") { try $0.contiguous() }
        m["clone"] = noArgs("clone") { try $0.clone() }
        m["detach"] = noArgs("detach") { $0.detach() }
        m["float"] = conversion(.float32)
        m["double"] = conversion(.float64)
        m["long"] = conversion(.int64)
        m["int"] = conversion(.int64)
        m["bool"] = conversion(.bool)
        m["cpu"] = { t, _, _, _ in wrap(t) }
        m["numpy"] = { t, args, kwargs, _ in  // s3-data: an ndarray sharing the tensor's memory
            _ = try Arguments("numpy", ["force"], args, kwargs)
            return try NumpyBinding.tensorToNumpy(t)
        }
        m["to"] = { t, args, kwargs, interp in
            // `device=` (keyword, as the course's `x.to(device=self.device)`): Unroll has the CPU only, so it changes nothing.
            let a = try Arguments("to", ["dtype", "non_blocking", "copy", "device"], keywordOnly: ["device"], args, kwargs)
            if let first = a["dtype"], case .object(let o) = first, o is DeviceObject { return wrap(t) }
            if let first = a["dtype"], case .str = first { return wrap(t) }
            guard let d = try TensorConvert.dtype(a["dtype"]) else { return wrap(t) }
            return wrap(d == t.dtype ? t : try t.to(d))
        }
        m["type"] = { t, args, _, _ in
            if let d = try TensorConvert.dtype(args.first) { return wrap(try t.to(d)) }
            return .str(t.typeDescription)
        }
        m["sum"] = reduction("sum", all: { try $0.sum() }, dims: { try $0.sum(dims: $1, keepdim: $2) })
        m["mean"] = reduction("mean", all: { try $0.mean() }, dims: { try $0.mean(dims: $1, keepdim: $2) })
        m["prod"] = { t, args, kwargs, _ in
            let a = try Arguments("prod", ["dim", "keepdim"], args, kwargs)
            if let d = a["dim"] { return wrap(try t.prod(dim: try d.asInt(), keepdim: try a.bool("keepdim", default: false))) }
            return wrap(try t.prod())
        }
        m["amax"] = reduction("amax", all: { try $0.amax() }, dims: { try $0.amax(dims: $1, keepdim: $2) })
        m["amin"] = reduction("amin", all: { try $0.amin() }, dims: { try $0.amin(dims: $1, keepdim: $2) })
        m["max"] = extremum("max", largest: true)
        m["min"] = extremum("min", largest: false)
        m["argmax"] = { t, args, kwargs, _ in
            let a = try Arguments("argmax", ["dim", "keepdim"], args, kwargs)
            return wrap(try t.argmax(dim: try a["dim"].map { try $0.asInt() }, keepdim: try a.bool("keepdim", default: false)))
        }
        m["argmin"] = { t, args, kwargs, _ in
            let a = try Arguments("argmin", ["dim", "keepdim"], args, kwargs)
            return wrap(try t.argmin(dim: try a["dim"].map { try $0.asInt() }, keepdim: try a.bool("keepdim", default: false)))
        }
        m["std"] = statistic("std") { try $0.std(dims: $1, correction: $2, keepdim: $3) }
        m["var"] = statistic("var") { try $0.var(dims: $1, correction: $2, keepdim: $3) }
        m["norm"] = { t, args, kwargs, _ in
            let a = try Arguments("norm", ["p", "dim", "keepdim"], args, kwargs)
            return wrap(try t.norm(p: try a.double("p", default: 2), dims: try TensorConvert.dims(a["dim"]), keepdim: try a.bool("keepdim", default: false)))
        }
        m["item"] = { t, args, kwargs, _ in
            _ = try Arguments("item", [], args, kwargs)
            return TensorConvert.value(try t.item())
        }
        m["tolist"] = { t, _, _, _ in TensorConvert.value(t.tolist()) }
        m["backward"] = { t, args, kwargs, interp in
            let a = try Arguments("backward", ["gradient", "retain_graph", "create_graph"], args, kwargs)
            try t.backward(gradient: try a["gradient"].map { try TensorConvert.tensor($0, interp) }, retainGraph: try a.bool("retain_graph", default: false))
            return .none
        }
        m["retain_grad"] = { t, args, kwargs, _ in
            _ = try Arguments("retain_grad", [], args, kwargs)
            guard t.requiresGrad else { throw LangError("RuntimeError", "can't retain_grad on Tensor that has requires_grad=False") }
            try t.retainGrad()
            return .none
        }
        m["requires_grad_"] = { t, args, kwargs, _ in
            let a = try Arguments("requires_grad_", ["requires_grad"], args, kwargs)
            try t.setRequiresGrad(try a.bool("requires_grad", default: true))
            return wrap(t)
        }
        m["add_"] = inPlace("add_") { try $0.add_($1) }
        m["sub_"] = inPlace("sub_") { try $0.sub_($1) }
        m["mul_"] = inPlace("mul_") { try $0.mul_($1) }
        m["div_"] = inPlace("div_") { try $0.div_($1) }
        m["copy_"] = inPlace("copy_") { try $0.copy_($1) }
        m["zero_"] = { t, _, _, _ in try t.zero_(); return wrap(t) }
        m["fill_"] = { t, args, kwargs, interp in
            let a = try Arguments("fill_", ["value"], required: 1, args, kwargs)
            let v = a.values["value"] ?? .none
            if let s = TensorConvert.scalar(v) { try t.fill_(s) } else { try t.fill_(try TensorConvert.tensor(v, interp)) }
            return wrap(t)
        }
        m["uniform_"] = { t, args, kwargs, _ in
            let a = try Arguments("uniform_", ["a", "b", "generator"], args, kwargs)
            return wrap(try t.uniform_(try a.double("a", default: 0), try a.double("b", default: 1), generator: generatorArg(a["generator"])))
        }
        m["normal_"] = { t, args, kwargs, _ in
            let a = try Arguments("normal_", ["mean", "std", "generator"], args, kwargs)
            return wrap(try t.normal_(mean: try a.double("mean", default: 0), std: try a.double("std", default: 1), generator: generatorArg(a["generator"])))
        }
        m["__iadd__"] = inPlace("add_") { try $0.add_($1) }
        m["__isub__"] = inPlace("sub_") { try $0.sub_($1) }
        m["__imul__"] = inPlace("mul_") { try $0.mul_($1) }
        m["__itruediv__"] = inPlace("div_") { try $0.div_($1) }
        for (name, f) in [("exp", { try $0.exp() }), ("log", { try $0.log() }), ("tanh", { try $0.tanh() }),
                          ("sigmoid", { try $0.sigmoid() }), ("relu", { try $0.relu() }), ("sin", { try $0.sin() }),
                          ("cos", { try $0.cos() }), ("sqrt", { try $0.sqrt() }), ("rsqrt", { try $0.rsqrt() }),
                          ("abs", { try $0.abs() }), ("sign", { try $0.sign() }), ("square", { try $0.square() }),
                          ("neg", { try $0.neg() })] as [(String, (Tensor) throws -> Tensor)] {
            m[name] = noArgs(name, f)
        }
        for (name, f) in [("add", { try $0.add($1) }), ("sub", { try $0.sub($1) }), ("mul", { try $0.mul($1) }),
                          ("div", { try $0.div($1) }), ("matmul", { try $0.matmul($1) }), ("mm", { try $0.mm($1) }),
                          ("bmm", { try $0.bmm($1) }), ("dot", { try $0.dot($1) }), ("pow", { try $0.pow($1) }),
                          ("eq", { try $0.eq($1) }), ("ne", { try $0.ne($1) }), ("lt", { try $0.lt($1) }),
                          ("le", { try $0.le($1) }), ("gt", { try $0.gt($1) }), ("ge", { try $0.ge($1) }),
                          ("maximum", { try $0.maximum($1) }), ("minimum", { try $0.minimum($1) }),
                          ("remainder", { try $0.remainder($1) }), ("floor_divide", { try $0.floorDivide($1) })]
                as [(String, (Tensor, Tensor) throws -> Tensor)] {
            m[name] = binaryMethod(name, f)
        }
        m["equal"] = { t, args, _, interp in .bool(try t.equal(try TensorConvert.tensor(args.first ?? .none, interp))) }
        m["clamp"] = { t, args, kwargs, _ in
            let a = try Arguments("clamp", ["min", "max"], args, kwargs)
            return wrap(try t.clamp(min: a["min"].flatMap(TensorConvert.scalar), max: a["max"].flatMap(TensorConvert.scalar)))
        }
        m["clip"] = m["clamp"]
        m["unbind"] = { t, args, kwargs, _ in
            let a = try Arguments("unbind", ["dim"], args, kwargs)
            return .tuple(try t.unbind(try a.int("dim", default: 0)).map(wrap))
        }
        m["chunk"] = { t, args, kwargs, _ in
            let a = try Arguments("chunk", ["chunks", "dim"], required: 1, args, kwargs)
            return .tuple(try t.chunk(try a.int("chunks"), dim: try a.int("dim", default: 0)).map(wrap))
        }
        m["split"] = { t, args, kwargs, _ in
            let a = try Arguments("split", ["split_size", "dim"], required: 1, args, kwargs)
            let d = try a.int("dim", default: 0)
            switch a.values["split_size"] ?? .none {
            case .list(let l): return .tuple(try t.split(sizes: try l.items.map { try $0.asInt() }, dim: d).map(wrap))
            case .tuple(let items): return .tuple(try t.split(sizes: try items.map { try $0.asInt() }, dim: d).map(wrap))
            case let v: return .tuple(try t.split(try v.asInt(), dim: d).map(wrap))
            }
        }
        m["select"] = { t, args, kwargs, _ in
            let a = try Arguments("select", ["dim", "index"], required: 2, args, kwargs)
            return wrap(try t.select(try a.int("dim"), try a.int("index")))
        }
        m["narrow"] = { t, args, kwargs, _ in
            let a = try Arguments("narrow", ["dim", "start", "length"], required: 3, args, kwargs)
            return wrap(try t.narrow(try a.int("dim"), start: try a.int("start"), length: try a.int("length")))
        }
        return m
    }()
}

func generatorArg(_ v: Value?) throws -> Generator? {
    guard let v else { return nil }
    if case .object(let o) = v, let g = o as? GeneratorObject { return g.generator }
    throw LangError.typeError("generator must be torch.Generator, not \(v.typeName)")
}

/// `torch.device('cpu')`: Unroll computes on the CPU only.
final class DeviceObject: HostObject {
    var typeName: String { "device" }
    func repr(_ interp: Interpreter) throws -> String { "device(type='cpu')" }
    func str(_ interp: Interpreter) throws -> String { "cpu" }
    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? { name == "type" ? .str("cpu") : nil }
    func binary(_ op: BinaryOperator, _ other: Value, reflected: Bool, _ interp: Interpreter) throws -> Value? {
        guard op == .eq || op == .ne else { return nil }
        var same = false
        if case .object(let o) = other { same = o is DeviceObject }
        if case .str(let s) = other { same = s == "cpu" }
        return .bool(op == .eq ? same : !same)
    }
}

/// `torch.Generator` / what `torch.manual_seed` returns.
final class GeneratorObject: HostObject {
    let generator: Generator
    init(_ generator: Generator) { self.generator = generator }
    var typeName: String { "Generator" }
    func repr(_ interp: Interpreter) throws -> String { "<torch._C.Generator object at \(interp.address(self))>" }
    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        let g = generator
        switch name {
        case "manual_seed":
            return .builtin(Builtin("manual_seed") { args, kwargs, _ in
                let a = try Arguments("manual_seed", ["seed"], required: 1, args, kwargs)
                _ = g.manualSeed(Int64(try a.int("seed")))
                return .object(self)
            })
        case "initial_seed": return .builtin(Builtin("initial_seed") { _, _, _ in .int(Int64(bitPattern: g.initialSeed)) })
        default: return nil
        }
    }
    var attributeNames: [String] { ["manual_seed", "initial_seed"] }
}
