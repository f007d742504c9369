// `torch.Tensor` in the language: a HostObject over `Tensor` whose methods and attributes are tables of closures.
import UnrollTensor

typealias TensorMethod = (_ t: Tensor, _ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value

/// A tensor value. Operators with Python numbers wrap them as PyTorch does (`Tensor(scalar:wrapped:true)`).
public final class TensorObject: HostObject {
    public let tensor: Tensor
    public init(_ tensor: Tensor) { self.tensor = tensor }

    public var typeName: String { "Tensor" }
    public func repr(_ interp: Interpreter) throws -> String {
        // nn.Parameter is a tensor subclass in PyTorch; its repr prefixes the tensor's.
        tensor.isParameter ? "Parameter containing:\n" + tensor.repr() : tensor.repr()
    }

    public func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        if let p = TensorObject.properties[name] { return try p(tensor, interp) }
        if let m = TensorObject.methods[name] {
            let t = tensor
            return .builtin(Builtin("Tensor.\(name)") { args, kwargs, interp in try m(t, args, kwargs, interp) })
        }
        return nil
    }

    public func setAttribute(_ name: String, _ value: Value, _ interp: Interpreter) throws -> Bool {
        switch name {
        case "grad":
            tensor.grad = value.isNone ? nil : try TensorConvert.tensor(value, interp, what: "assigned grad")
            return true
        case "requires_grad":
            guard case .bool(let b) = value else { throw LangError.typeError("requires_grad must be a bool") }
            try tensor.setRequiresGrad(b)
            return true
        case "data":
            _ = try GradMode.withDisabled { try tensor.copy_(try TensorConvert.tensor(value, interp)) }
            return true
        default:
            throw LangError.attributeError("'Tensor' object attribute '\(name)' is read-only")
        }
    }

    public func getItem(_ key: Value, _ interp: Interpreter) throws -> Value? {
        wrap(try tensor.index(try TensorConvert.indices(key, interp)))
    }

    public func setItem(_ key: Value, _ value: Value, _ interp: Interpreter) throws -> Bool {
        _ = try tensor.indexPut(try TensorConvert.indices(key, interp), value: try TensorConvert.tensor(value, interp, what: "value"))
        return true
    }

    public func iterate(_ interp: Interpreter) throws -> [Value]? {
        guard tensor.dim > 0 else { throw LangError.typeError("iteration over a 0-d tensor") }
        return try tensor.unbind(0).map(wrap)
    }

    public func length(_ interp: Interpreter) throws -> Int? {
        guard let n = tensor.shape.first else { throw LangError.typeError("len() of a 0-d tensor") }
        return n
    }

    public func truthiness(_ interp: Interpreter) throws -> Bool? {
        guard tensor.numel == 1 else {
            throw LangError("RuntimeError", "Boolean value of Tensor with \(tensor.numel == 0 ? "no values" : "more than one value") is ambiguous")
        }
        return try tensor.item().doubleValue != 0
    }

    public func toDouble(_ interp: Interpreter) throws -> Double? {
        guard tensor.numel == 1 else {
            throw LangError.typeError("only one element tensors can be converted to Python scalars")
        }
        return try tensor.item().doubleValue
    }

    public func binary(_ op: BinaryOperator, _ other: Value, reflected: Bool, _ interp: Interpreter) throws -> Value? {
        guard let o = TensorConvert.tensorOperand(other) else { return nil }
        let (a, b) = reflected ? (o, tensor) : (tensor, o)
        let r: Tensor
        switch op {
        case .add: r = try a.add(b)
        case .sub: r = try a.sub(b)
        case .mul: r = try a.mul(b)
        case .div: r = try a.div(b)
        case .matmul: r = try a.matmul(b)
        case .pow: r = try a.pow(b)
        case .floorDiv: r = try a.floorDivide(b)
        case .mod: r = try a.remainder(b)
        case .eq: r = try a.eq(b)
        case .ne: r = try a.ne(b)
        case .lt: r = try a.lt(b)
        case .le: r = try a.le(b)
        case .gt: r = try a.gt(b)
        case .ge: r = try a.ge(b)
        case .bitAnd: r = try a.logicalAnd(b)
        case .bitOr: r = try a.logicalOr(b)
        case .bitXor: r = try a.logicalXor(b)
        default: return nil
        }
        return wrap(r)
    }

    public func unary(_ op: UnaryOperator, _ interp: Interpreter) throws -> Value? {
        switch op {
        case .neg: return wrap(try tensor.neg())
        case .pos: return .object(self)
        case .invert: return wrap(try tensor.eq(Tensor(scalar: .bool(false), wrapped: true)))
        }
    }

    public var attributeNames: [String] { Array(TensorObject.properties.keys) + Array(TensorObject.methods.keys) }
}

func wrap(_ t: Tensor) -> Value { .object(TensorObject(t)) }

/// `torch.return_types.max(values=..., indices=...)`: unpacks like a tuple.
final class ValuesIndicesObject: HostObject {
    let kind: String
    let values: Tensor
    let indices: Tensor
    init(_ kind: String, _ r: ValuesAndIndices) {
        self.kind = kind
        values = r.values
        indices = r.indices
    }
    var typeName: String { kind }
    func repr(_ interp: Interpreter) throws -> String {
        "torch.return_types.\(kind)(\n" + values.repr(prefix: "values=tensor(") + ",\n" + indices.repr(prefix: "indices=tensor(") + ")"
    }
    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        name == "values" ? wrap(values) : (name == "indices" ? wrap(indices) : nil)
    }
    func iterate(_ interp: Interpreter) throws -> [Value]? { [wrap(values), wrap(indices)] }
    func getItem(_ key: Value, _ interp: Interpreter) throws -> Value? { try interp.getItem(.tuple([wrap(values), wrap(indices)]), key) }
    func length(_ interp: Interpreter) throws -> Int? { 2 }
    var attributeNames: [String] { ["values", "indices"] }
}

/// A `grad_fn` node as a value (`<AddBackward0 object at 0x...>`).
final class GradFnObject: HostObject {
    let node: GradNode
    init(_ node: GradNode) { self.node = node }
    var typeName: String { node.name }
    func repr(_ interp: Interpreter) throws -> String { "<\(node.name) object at \(interp.address(node))>" }
    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        guard name == "next_functions" else { return name == "name" ? .builtin(Builtin("name") { _, _, _ in .str(self.node.name) }) : nil }
        return .tuple(node.nextNodeNames.map { n in .tuple([n.map { .str($0) } ?? .none, .int(0)]) })
    }
}
