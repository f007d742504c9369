// Loading the PyTorch-generated ops_math fixtures and replaying their ops through the Swift tensor library.
import Foundation
import Testing
@testable import UnrollTensor

/// Parent of the math suites: autograd's grad mode is process-wide, so tests that build graphs run one at a time.
@Suite(.serialized) struct TensorMathTests {}

enum MathFixtures {
    /// Tests/Fixtures/ops_math, found by walking up from this file.
    static var directory: URL {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            let candidate = url.appendingPathComponent("Fixtures/ops_math")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            url = url.deletingLastPathComponent()
        }
        return url
    }

    /// The `cases` array of one fixture file.
    static func cases(_ group: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: directory.appendingPathComponent("\(group).json"))
        let root = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return root?["cases"] as? [[String: Any]] ?? []
    }

    static func number(_ value: Any?) -> Double {
        if let s = value as? String {
            switch s {
            case "nan": return .nan
            case "inf": return .infinity
            case "-inf": return -.infinity
            default: return .nan
            }
        }
        return (value as? NSNumber)?.doubleValue ?? .nan
    }

    static func doubles(_ value: Any?) -> [Double] { (value as? [Any] ?? []).map { number($0) } }

    /// A contiguous tensor from a fixture spec (`shape`, `dtype`, `values`).
    static func tensor(_ spec: [String: Any]) throws -> Tensor {
        let shape = spec["shape"] as? [Int] ?? []
        let raw = spec["values"] as? [Any] ?? []
        switch DType(name: spec["dtype"] as? String ?? "") ?? .float32 {
        case .float32: return try Tensor(raw.map { Float(number($0)) }, shape: shape)
        case .float64: return try Tensor(raw.map { number($0) }, shape: shape)
        case .int64: return try Tensor(raw.map { ($0 as? NSNumber)?.int64Value ?? 0 }, shape: shape)
        case .bool: return try Tensor(raw.map { ($0 as? Bool) ?? false }, shape: shape)
        }
    }

    /// A differentiable swap of the last two dims, standing in for `transpose(-1, -2)`.
    static func transposed(_ t: Tensor) -> Tensor {
        let swapped = t.transposedLastTwo()
        return t.makeView(shape: swapped.shape, strides: swapped.strides, offset: t.offset)
            .recordGrad("TransposeBackward0", inputs: [t]) { g in [try g.transposedLastTwo().contiguous()] }
    }

    /// The leaf built from a spec and the (possibly transposed) tensor the op receives.
    static func input(_ spec: [String: Any], as dtype: DType? = nil) throws -> (leaf: Tensor, used: Tensor) {
        var leaf = try tensor(spec)
        if let dtype { leaf = try leaf.to(dtype).detach() }
        if spec["requires_grad"] as? Bool ?? false { try leaf.setRequiresGrad(true) }
        let used = (spec["transposed"] as? Bool ?? false) ? transposed(leaf) : leaf
        return (leaf, used)
    }

    static func scalar(_ value: Any?) -> Scalar? {
        guard let dict = value as? [String: Any] else {
            if let b = value as? Bool { return .bool(b) }
            return nil
        }
        if let i = dict["int"] { return .int((i as? NSNumber)?.int64Value ?? 0) }
        if let f = dict["float"] { return .double(number(f)) }
        return nil
    }

    static func dims(_ value: Any?) -> [Int]? {
        if let list = value as? [Int] { return list }
        if let s = scalar(value) { return [Int(s.int64Value)] }
        return nil
    }

    /// Runs fixture op `op` with named tensor args and keyword args; max/min with a dim return two outputs.
    static func run(_ op: String, _ a: [String: Tensor], _ kw: [String: Any]) throws -> [Tensor] {
        func arg(_ name: String) throws -> Tensor {
            guard let t = a[name] else { throw TensorError.runtime("fixture is missing argument \(name)") }
            return t
        }
        let x = a["x"] ?? a["a"]
        guard let x else { throw TensorError.runtime("fixture has no input") }
        let dim = dims(kw["dim"]), keepdim = kw["keepdim"] as? Bool ?? false
        let wrapped = { (key: String) -> Tensor in Tensor(scalar: scalar(kw[key]) ?? .int(0), wrapped: true) }
        switch op {
        case "exp": return [try x.exp()]
        case "log": return [try x.log()]
        case "tanh": return [try x.tanh()]
        case "sigmoid": return [try x.sigmoid()]
        case "relu": return [try x.relu()]
        case "sin": return [try x.sin()]
        case "cos": return [try x.cos()]
        case "sqrt": return [try x.sqrt()]
        case "rsqrt": return [try x.rsqrt()]
        case "abs": return [try x.abs()]
        case "square": return [try x.square()]
        case "neg": return [try x.neg()]
        case "pow_scalar": return [try x.pow(scalar(kw["exponent"]) ?? .int(1))]
        case "clamp": return [try x.clamp(min: scalar(kw["min"]), max: scalar(kw["max"]))]
        case "clamp_tensor": return [try x.clamp(min: arg("lo"), max: arg("hi"))]
        case "maximum": return [try x.maximum(arg("b"))]
        case "minimum": return [try x.minimum(arg("b"))]
        case "remainder": return [try x.remainder(arg("b"))]
        case "remainder_scalar": return [try x.remainder(scalar(kw["scalar"]) ?? .int(1))]
        case "floor_divide": return [try x.floorDivide(arg("b"))]
        case "pow": return [try x.pow(arg("b"))]
        case "rpow": return [try Tensor.pow(scalar(kw["scalar"]) ?? .int(1), x)]
        case "add": return [try x.add(arg("b"))]
        case "sub": return [try x.sub(arg("b"))]
        case "mul": return [try x.mul(arg("b"))]
        case "div": return [try x.div(arg("b"))]
        case "eq": return [try x.eq(arg("b"))]
        case "ne": return [try x.ne(arg("b"))]
        case "lt": return [try x.lt(arg("b"))]
        case "le": return [try x.le(arg("b"))]
        case "gt": return [try x.gt(arg("b"))]
        case "ge": return [try x.ge(arg("b"))]
        case "eq_scalar": return [try x.eq(wrapped("scalar"))]
        case "lt_scalar": return [try x.lt(wrapped("scalar"))]
        case "ge_scalar": return [try x.ge(wrapped("scalar"))]
        case "logical_and": return [try x.logicalAnd(arg("b"))]
        case "logical_or": return [try x.logicalOr(arg("b"))]
        case "logical_xor": return [try x.logicalXor(arg("b"))]
        case "logical_not": return [try x.logicalNot()]
        case "sum": return [dim == nil ? try x.sum() : try x.sum(dims: dim ?? [], keepdim: keepdim)]
        case "mean": return [dim == nil ? try x.mean() : try x.mean(dims: dim ?? [], keepdim: keepdim)]
        case "max", "min":
            if let d = dim?.first {
                let r = op == "max" ? try x.maxDim(d, keepdim: keepdim) : try x.minDim(d, keepdim: keepdim)
                return [r.values, r.indices]
            }
            return [op == "max" ? try x.maxAll() : try x.minAll()]
        case "amax": return [try x.amax(dims: dim, keepdim: keepdim)]
        case "amin": return [try x.amin(dims: dim, keepdim: keepdim)]
        case "argmax": return [try x.argmax(dim: dim?.first, keepdim: keepdim)]
        case "argmin": return [try x.argmin(dim: dim?.first, keepdim: keepdim)]
        case "var", "std":
            let c = scalar(kw["correction"])?.doubleValue ?? 1
            return [op == "var" ? try x.var(dims: dim, correction: c, keepdim: keepdim) : try x.std(dims: dim, correction: c, keepdim: keepdim)]
        case "norm": return [try x.norm(p: scalar(kw["p"])?.doubleValue ?? 2, dims: dim, keepdim: keepdim)]
        case "prod": return [dim == nil ? try x.prod() : try x.prod(dim: dim?.first ?? 0, keepdim: keepdim)]
        case "matmul": return [try x.matmul(arg("b"))]
        case "mm": return [try x.mm(arg("b"))]
        case "bmm": return [try x.bmm(arg("b"))]
        case "mv": return [try x.mv(arg("b"))]
        case "dot": return [try x.dot(arg("b"))]
        default: throw TensorError.runtime("unknown fixture op \(op)")
        }
    }

    /// Relative closeness with a small absolute floor; NaN matches NaN and infinities match exactly.
    static func close(_ a: Double, _ b: Double, rtol: Double = 1e-5, atol: Double = 1e-6) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        if a.isInfinite || b.isInfinite { return a == b }
        return Swift.abs(a - b) <= atol + rtol * Swift.max(Swift.abs(a), Swift.abs(b))
    }

    static func allClose(_ a: [Double], _ b: [Double], rtol: Double = 1e-5, atol: Double = 1e-6) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { close($0, $1, rtol: rtol, atol: atol) }
    }
}
