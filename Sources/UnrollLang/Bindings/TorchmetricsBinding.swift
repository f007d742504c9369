// The `torchmetrics` subset the course uses: MeanSquaredError and MeanAbsoluteError with torchmetrics' states and results.
import UnrollTensor

/// `import torchmetrics; mse = torchmetrics.MeanSquaredError()`: update by call or `update`, `compute()`, `reset()`.
/// Semantics follow torchmetrics 1.x: a float32 sum-of-errors state of shape `[num_outputs]`, an int64 count,
/// `compute()` = sum / count squeezed to 0-dim, and a call returns the batch's own value.
enum TorchmetricsBinding {
    static func register() {
        ModuleRegistry.register("torchmetrics") { makeNamespace(name: "torchmetrics") }
        ModuleRegistry.register("torchmetrics.regression") { makeNamespace(name: "torchmetrics.regression") }
    }

    static func makeNamespace(name: String) -> Namespace {
        let ns = Namespace(name)
        ns.members["__subset__"] = .str("torchmetrics")
        for kind in RegressionMetric.Kind.allCases {
            ns.define(kind.className, keywords: kind.parameters) { args, kwargs, _ in
                .object(try RegressionMetric(kind, args, kwargs))
            }
        }
        return ns
    }
}

/// A running regression metric (mean squared or absolute error).
final class RegressionMetric: HostObject {
    enum Kind: CaseIterable {
        case meanSquared, meanAbsolute

        var className: String { self == .meanSquared ? "MeanSquaredError" : "MeanAbsoluteError" }
        var parameters: [String] { self == .meanSquared ? ["squared", "num_outputs"] : ["num_outputs"] }
    }

    let kind: Kind
    /// False gives the root of the mean squared error (torchmetrics' `squared=False`).
    let squared: Bool
    let numOutputs: Int
    private(set) var sumOfErrors: Tensor
    private(set) var total: Tensor
    private var updated = false

    init(_ kind: Kind, _ args: [Value], _ kwargs: [(String, Value)]) throws {
        self.kind = kind
        // torchmetrics takes its options by keyword (`**kwargs` after them), so positional ones bind in order.
        let a = try Arguments(kind.className, kind.parameters, args, kwargs)
        if let s = a.values["squared"] {
            guard case .bool(let b) = s else {
                throw LangError.valueError("Expected argument `squared` to be a boolean but got \(try Self.plain(s))")
            }
            squared = b
        } else {
            squared = true
        }
        let outputs = a.values["num_outputs"] ?? .int(1)
        guard case .int(let n) = outputs, n > 0, let count = Int(exactly: n) else {
            throw LangError.valueError("Expected num_outputs to be a positive integer but got \(try Self.plain(outputs))")
        }
        numOutputs = count
        sumOfErrors = try Tensor.zeros([count])
        total = Tensor(scalar: .int(0), dtype: .int64)
    }

    private static func plain(_ v: Value) throws -> String {
        switch v {
        case .str(let s): return s
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .float(let d): return pythonFloatRepr(d)
        case .none: return "None"
        default: return v.typeName
        }
    }

    var typeName: String { kind.className }
    func repr(_ interp: Interpreter) throws -> String { kind.className + "()" }

    /// The sum of errors and the number of observations of one batch (torchmetrics' `_update` functions).
    private func batchState(_ preds: Tensor, _ target: Tensor) throws -> (Tensor, Int) {
        guard preds.shape == target.shape else {
            throw LangError("RuntimeError", "Predictions and targets are expected to have the same shape, but got "
                            + "torch.Size(\(Shape.describe(preds.shape))) and torch.Size(\(Shape.describe(target.shape))).")
        }
        var p = preds, t = target
        if numOutputs == 1 {
            p = try preds.reshape([-1])
            t = try target.reshape([-1])
        }
        let diff = try p.sub(t)
        let errors = kind == .meanSquared ? try diff.mul(diff) : try diff.abs()
        let sum = try errors.sum(dims: [0])
        return (sum, t.shape.first ?? 1)
    }

    private func value(_ sum: Tensor, _ count: Tensor) throws -> Tensor {
        var v = try sum.div(count)
        if kind == .meanSquared && !squared { v = try v.sqrt() }
        return v.numel == 1 ? try v.reshape([]) : v  // torchmetrics squeezes a one-element result
    }

    func update(_ preds: Tensor, _ target: Tensor) throws {
        try GradMode.withDisabled {
            let (sum, count) = try batchState(preds, target)
            try sumOfErrors.add_(sum)
            try total.add_(Tensor(scalar: .int(Int64(count)), dtype: .int64))
        }
        updated = true
    }

    func compute() throws -> Tensor {
        if !updated {
            warn("The ``compute`` method of metric \(kind.className) was called before the ``update`` method which may lead to errors, as metric states have not yet been updated.")
        }
        return try GradMode.withDisabled { try value(sumOfErrors, total) }
    }

    func reset() {
        sumOfErrors = (try? Tensor.zeros([numOutputs])) ?? sumOfErrors
        total = Tensor(scalar: .int(0), dtype: .int64)
        updated = false
    }

    /// torchmetrics' UserWarning, on stderr like Python's `warnings` (stdout stays PyTorch's).
    private func warn(_ message: String) {
        StandardErrorStream.write("UserWarning: " + message + "\n")
    }

    private func tensors(_ name: String, _ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> (Tensor, Tensor) {
        let a = try Arguments("\(kind.className).\(name)", ["preds", "target"], required: 2, args, kwargs)
        return (try TensorConvert.tensor(a.values["preds"] ?? .none, interp, what: "preds"),
                try TensorConvert.tensor(a.values["target"] ?? .none, interp, what: "target"))
    }

    /// `metric(preds, target)`: accumulates, and returns the metric of this batch alone (as torchmetrics' forward).
    func call(_ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value? {
        let (preds, target) = try tensors("forward", args, kwargs, interp)
        let (sum, count) = try batchState(preds, target)
        let batch = try value(sum, Tensor(scalar: .int(Int64(count)), dtype: .int64)).clone()
        try update(preds, target)
        return TensorBridge.wrap(batch)
    }

    func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        switch name {
        case "update", "forward":
            return .builtin(Builtin("\(kind.className).\(name)") { args, kwargs, interp in
                if name == "forward" { return try self.call(args, kwargs, interp) ?? .none }
                let (preds, target) = try self.tensors("update", args, kwargs, interp)
                try self.update(preds, target)
                return .none
            })
        case "compute":
            return .builtin(Builtin("\(kind.className).compute") { args, kwargs, _ in
                _ = try Arguments("\(self.kind.className).compute", [], args, kwargs)
                return TensorBridge.wrap(try self.compute())
            })
        case "reset":
            return .builtin(Builtin("\(kind.className).reset") { args, kwargs, _ in
                _ = try Arguments("\(self.kind.className).reset", [], args, kwargs)
                self.reset()
                return .none
            })
        case "to":
            // Unroll runs on the CPU only; `.to(device)` returns the metric itself, as torchmetrics does on CPU.
            return .builtin(Builtin("\(kind.className).to") { _, _, _ in .object(self) })
        case "sum_squared_error" where kind == .meanSquared, "sum_abs_error" where kind == .meanAbsolute:
            return TensorBridge.wrap(sumOfErrors)
        case "total": return TensorBridge.wrap(total)
        case "squared" where kind == .meanSquared: return .bool(squared)
        case "num_outputs": return .int(Int64(numOutputs))
        case "higher_is_better": return .bool(false)
        case "is_differentiable": return .bool(true)
        default: return nil
        }
    }

    var attributeNames: [String] {
        ["update", "forward", "compute", "reset", "to", kind == .meanSquared ? "sum_squared_error" : "sum_abs_error", "total",
         "num_outputs", "higher_is_better", "is_differentiable"] + (kind == .meanSquared ? ["squared"] : [])
    }
    var keywordNames: [String] { ["preds", "target"] }
}
