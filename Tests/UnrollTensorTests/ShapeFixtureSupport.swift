// Decoding and replaying the PyTorch fixtures of tools/fixtures/ops_shape.py: inputs, index specs and the op dispatcher.
import Foundation
import Testing
@testable import UnrollTensor

/// Parent of the shape suites. Serialized because `GradMode` is process-global: a test inside
/// `GradMode.withDisabled` would otherwise switch grad recording off for a test running beside it.
@Suite(.serialized) enum ShapeSuites {}

/// A JSON number or bool, read as a double (bools as 0/1).
struct FlexNumber: Decodable {
    let value: Double
    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            value = flag ? 1 : 0
        } else {
            value = try container.decode(Double.self)
        }
    }
}

/// Python's nested list from `tolist()`.
indirect enum JSONNested: Decodable {
    case bool(Bool), number(Double), list([JSONNested])
    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) { self = .bool(flag); return }
        if let number = try? container.decode(Double.self) { self = .number(number); return }
        self = .list(try container.decode([JSONNested].self))
    }
}

struct TensorJSON: Decodable {
    let data: [FlexNumber]
    let shape: [Int]
    let dtype: String
    var permute: [Int]? = nil
    var grad: Bool? = nil

    /// A fresh contiguous leaf holding the data.
    func makeLeaf() throws -> Tensor {
        let values = data.map(\.value)
        let leaf: Tensor
        switch dtype {
        case "float32": leaf = try Tensor(values.map { Float($0) }, shape: shape)
        case "float64": leaf = try Tensor(values, shape: shape)
        case "int64": leaf = try Tensor(values.map { Int64($0) }, shape: shape)
        case "bool": leaf = try Tensor(values.map { $0 != 0 }, shape: shape)
        default: throw TensorError.type("unknown dtype \(dtype)")
        }
        if grad == true { try leaf.setRequiresGrad(true) }
        return leaf
    }

    /// The leaf and the input an op sees (the leaf permuted when the case asks for a non-contiguous view).
    func makeInput() throws -> (leaf: Tensor, input: Tensor) {
        let leaf = try makeLeaf()
        if let permute { return (leaf, try leaf.permute(permute)) }
        return (leaf, leaf)
    }
}

struct IndexJSON: Decodable {
    let k: String
    var v: Int? = nil
    var start: Int? = nil
    var stop: Int? = nil
    var step: Int? = nil
    var data: [FlexNumber]? = nil
    var shape: [Int]? = nil
    var dtype: String? = nil

    func make() throws -> TensorIndex {
        switch k {
        case "int": return .int(v ?? 0)
        case "slice": return .slice(start: start, stop: stop, step: step)
        case "ellipsis": return .ellipsis
        case "none": return .newAxis
        default:
            let spec = TensorJSON(data: data ?? [], shape: shape ?? [], dtype: dtype ?? "int64")
            return .tensor(try spec.makeLeaf())
        }
    }
}

struct OpArgs: Decodable {
    var shape: [Int]? = nil
    var start: Int? = nil
    var end: Int? = nil
    var dim: Int? = nil
    var dims: [Int]? = nil
    var d0: Int? = nil
    var d1: Int? = nil
    var sizes: [Int]? = nil
    var size: Int? = nil
    var chunks: Int? = nil
    var index: Int? = nil
    var length: Int? = nil
    var indices: [IndexJSON]? = nil
}

struct OpCase: Decodable {
    let name: String
    let op: String
    let inputs: [TensorJSON]
    let args: OpArgs
    var outputs: [TensorJSON]? = nil
    var grad_fns: [String?]? = nil
    var shares_storage: [Bool]? = nil
    var grads: [TensorJSON?]? = nil
    var multi: Bool? = nil
    var int: Int? = nil
    var list: JSONNested? = nil
    var kind: String? = nil
    var message: String? = nil
}

struct SetItemCase: Decodable {
    let name: String
    let input: TensorJSON
    let mode: String
    let indices: [IndexJSON]
    let value: ValueJSON
    let through: [IndexJSON]?
    var result: TensorJSON? = nil
    var grad_fn: String? = nil
    var view_grad_fn: String? = nil
    var grads: [TensorJSON?]? = nil
    var kind: String? = nil
    var message: String? = nil
}

struct ValueJSON: Decodable {
    var scalar: FlexNumber? = nil
    var data: [FlexNumber]? = nil
    var shape: [Int]? = nil
    var dtype: String? = nil
    var grad: Bool? = nil

    func make() throws -> Tensor {
        if let scalar { return Tensor(scalar: .double(scalar.value), wrapped: true) }
        let spec = TensorJSON(data: data ?? [], shape: shape ?? [], dtype: dtype ?? "float32", grad: grad)
        return try spec.makeLeaf()
    }
}

struct FixtureFile<Case: Decodable>: Decodable {
    let torch: String
    let cases: [Case]
}

enum ShapeFixtures {
    static func url(_ name: String) -> URL {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("Fixtures").appendingPathComponent("ops_shape")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate.appendingPathComponent(name) }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: "/nonexistent/\(name)")
    }

    static func load<Case: Decodable>(_ name: String, as _: Case.Type) throws -> [Case] {
        let data = try Data(contentsOf: url(name))
        return try JSONDecoder().decode(FixtureFile<Case>.self, from: data).cases
    }
}

/// What an op produced: tensors (one, or a tuple), an int (`size`) or a nested list (`tolist`).
enum OpResult {
    case tensors([Tensor])
    case int(Int)
    case list(NestedList)
}

/// Runs `op` on `xs` as tools/fixtures/ops_shape.py's `run` does in PyTorch.
func runShapeOp(_ op: String, _ xs: [Tensor], _ a: OpArgs) throws -> OpResult {
    func x() throws -> Tensor {
        guard let first = xs.first else { throw TensorError.runtime("missing input") }
        return first
    }
    func one(_ t: Tensor) -> OpResult { .tensors([t]) }
    switch op {
    case "view": return one(try x().view(a.shape ?? []))
    case "reshape": return one(try x().reshape(a.shape ?? []))
    case "flatten": return one(try x().flatten(startDim: a.start ?? 0, endDim: a.end ?? -1))
    case "unsqueeze": return one(try x().unsqueeze(a.dim ?? 0))
    case "squeeze":
        if let dims = a.dims { return one(try x().squeeze(dims: dims)) }
        if let d = a.dim { return one(try x().squeeze(d)) }
        return one(try x().squeeze())
    case "permute": return one(try x().permute(a.dims ?? []))
    case "transpose": return one(try x().transpose(a.d0 ?? 0, a.d1 ?? 0))
    case "swapaxes": return one(try x().swapaxes(a.d0 ?? 0, a.d1 ?? 0))
    case "t": return one(try x().t())
    case "T": return one(try x().reversedDims())
    case "mT": return one(try x().matrixTranspose())
    case "contiguous": return one(try x().contiguous())
    case "expand": return one(try x().expand(a.sizes ?? []))
    case "expand_as": return one(try x().expandAs(xs[1]))
    case "view_as": return one(try x().viewAs(xs[1]))
    case "reshape_as": return one(try x().reshapeAs(xs[1]))
    case "cat": return one(try Tensor.cat(xs, dim: a.dim ?? 0))
    case "stack": return one(try Tensor.stack(xs, dim: a.dim ?? 0))
    case "split":
        if let size = a.size { return .tensors(try x().split(size, dim: a.dim ?? 0)) }
        return .tensors(try x().split(sizes: a.sizes ?? [], dim: a.dim ?? 0))
    case "chunk": return .tensors(try x().chunk(a.chunks ?? 1, dim: a.dim ?? 0))
    case "unbind": return .tensors(try x().unbind(a.dim ?? 0))
    case "flip": return one(try x().flip(a.dims ?? []))
    case "narrow": return one(try x().narrow(a.dim ?? 0, start: a.start ?? 0, length: a.length ?? 0))
    case "select": return one(try x().select(a.dim ?? 0, a.index ?? 0))
    case "index": return one(try x().index((a.indices ?? []).map { try $0.make() }))
    case "size": return .int(try x().size(a.dim ?? 0))
    case "tolist": return .list(try x().tolist())
    default: throw TensorError.runtime("unknown op \(op)")
    }
}

/// The tensor a setitem case writes into: `x0 * 1`, `(x0 * 1).t()` or `x0` itself, by mode.
func setItemTarget(mode: String, _ x0: Tensor) throws -> Tensor {
    switch mode {
    case "nonleaf": return try x0.mul(Tensor(scalar: .int(1), wrapped: true))
    case "nonleaf_t": return try x0.mul(Tensor(scalar: .int(1), wrapped: true)).t()
    default: return x0
    }
}

/// PyTorch's loss weights: arange(numel) % 7 + 1 in the output's dtype and shape.
func lossWeights(for t: Tensor) throws -> Tensor {
    let values = (0..<t.numel).map { Double($0 % 7 + 1) }
    return try Tensor(values, shape: t.shape).to(t.dtype)
}

/// sum(out * w) over the outputs that require grad, then backward.
func backpropagateWeightedSum(_ outputs: [Tensor]) throws {
    var loss: Tensor? = nil
    for o in outputs where o.requiresGrad {
        let term = try o.mul(lossWeights(for: o)).sum()
        loss = try loss.map { try $0.add(term) } ?? term
    }
    try loss?.backward()
}

/// Values equal within 1e-5 relative (exactly for shape and dtype).
func matches(_ t: Tensor?, _ expected: TensorJSON?) -> Bool {
    guard let t, let expected else { return t == nil && expected == nil }
    guard t.shape == expected.shape, t.dtype.torchName == "torch.\(expected.dtype)" else { return false }
    let actual = t.doubles()
    guard actual.count == expected.data.count else { return false }
    return zip(actual, expected.data).allSatisfy { a, e in
        abs(a - e.value) <= 1e-5 * max(abs(e.value), 1e-3) || a == e.value
    }
}

func matches(_ list: NestedList, _ expected: JSONNested) -> Bool {
    switch (list, expected) {
    case (.scalar(.bool(let a)), .bool(let b)): return a == b
    case (.scalar(.int(let a)), .number(let b)): return Double(a) == b
    case (.scalar(.double(let a)), .number(let b)): return abs(a - b) <= 1e-5 * max(abs(b), 1e-3)
    case (.list(let a), .list(let b)): return a.count == b.count && zip(a, b).allSatisfy { matches($0, $1) }
    default: return false
    }
}

func describeError(_ error: Error) -> String {
    if let e = error as? TensorError { return "\(e.kind.rawValue): \(e.message)" }
    return "\(error)"
}
