// Loss functions (F.mse_loss, l1_loss, huber_loss, cross_entropy, nll_loss) with PyTorch's reductions, errors and grad_fn names.
import Foundation
import UnrollTensor

/// PyTorch's `reduction=` argument.
public enum LossReduction: String, Sendable, CaseIterable {
    case none, mean, sum

    /// Parses `'mean'`, `'sum'` or `'none'`, with PyTorch's error for anything else.
    public init(parsing text: String) throws {
        guard let value = LossReduction(rawValue: text) else {
            throw TensorError.value("\(text) is not a valid value for reduction")
        }
        self = value
    }
}

/// The functional losses of `torch.nn.functional`.
public enum Loss {
    /// `F.mse_loss(input, target, reduction)`: (input - target)² reduced (`MseLossBackward0`).
    public static func mse(_ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean) throws -> Tensor {
        try requireFloating(input, kernel: "mse_cpu")
        let (diff, out) = try GradMode.withDisabled { () -> (Tensor, Tensor) in
            let d = try input.detach().sub(target.detach())
            return (d, try reduce(d.mul(d), reduction))
        }
        let count = Double(diff.numel)
        return out.recordGrad("MseLossBackward0", inputs: [input, target]) { g in
            var scale = try g.mul(Tensor(scalar: .double(2), wrapped: true))
            if reduction == .mean { scale = try scale.div(Tensor(scalar: .double(count), wrapped: true)) }
            let gradInput = try diff.mul(scale)
            return [gradInput, try gradInput.neg()]
        }
    }

    /// `F.l1_loss(input, target, reduction)`: |input - target| reduced, built from `sub`, `abs` and `mean`/`sum`
    /// as PyTorch composes it (so its grad_fn is `MeanBackward0`, `SumBackward0` or `AbsBackward0`).
    public static func l1(_ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean) throws -> Tensor {
        _ = try Shape.broadcast(input.shape, target.shape)
        return try reduce(input.sub(target).abs(), reduction)
    }

    /// `F.huber_loss(input, target, reduction, delta)`: quadratic within `delta`, linear beyond (`HuberLossBackward0`).
    public static func huber(_ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean, delta: Double = 1) throws -> Tensor {
        guard delta > 0 else { throw TensorError.runtime("huber_loss does not support non-positive values for delta.") }
        try requireFloating(input, kernel: "huber_cpu")
        let diff = try GradMode.withDisabled { try input.detach().sub(target.detach()).contiguous() }
        let elementwise = try ElementwiseMap.apply(diff) { x in
            let z = Swift.abs(x)
            return z < delta ? 0.5 * z * z : delta * (z - 0.5 * delta)
        }
        let out = try GradMode.withDisabled { try reduce(elementwise, reduction) }
        let count = Double(diff.numel)
        return out.recordGrad("HuberLossBackward0", inputs: [input, target]) { g in
            let slope = try ElementwiseMap.apply(diff) { x in x <= -delta ? -delta : (x >= delta ? delta : x) }
            var scale = g
            if reduction == .mean { scale = try g.div(Tensor(scalar: .double(count), wrapped: true)) }
            let gradInput = try slope.mul(scale)
            return [gradInput, try gradInput.neg()]
        }
    }

    /// `F.cross_entropy(input, target, reduction, ignore_index, label_smoothing)`: `log_softmax` over the class
    /// dimension (1, or 0 for unbatched input) followed by `nll_loss`. A floating target of the input's shape holds
    /// class probabilities.
    public static func crossEntropy(_ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean,
                                    ignoreIndex: Int = -100, labelSmoothing: Double = 0) throws -> Tensor {
        guard labelSmoothing >= 0 && labelSmoothing <= 1 else {
            throw TensorError.runtime("label_smoothing must be between 0.0 and 1.0. Got: \(labelSmoothing)")
        }
        let classDim = input.dim == 1 ? 0 : 1
        if input.dim == 0 {
            throw TensorError.index("Dimension out of range (expected to be in range of [-1, 0], but got 1)")
        }
        let logProbabilities = try input.logSoftmax(dim: classDim)
        if target.dtype.isFloatingPoint && target.shape == input.shape {
            return try probabilityCrossEntropy(logProbabilities, target, classDim: classDim, reduction: reduction,
                                               labelSmoothing: labelSmoothing)
        }
        let nll = try nllLoss(logProbabilities, target, reduction: reduction, ignoreIndex: ignoreIndex)
        guard labelSmoothing > 0 else { return nll }
        // ATen's label smoothing: (1 - ε) · nll + ε / C · smooth, where smooth is -Σ log p over classes.
        let classes = input.shape[classDim]
        let keep = try target.ne(.int(Int64(ignoreIndex))).to(input.dtype)
        let smooth = try logProbabilities.sum(dims: [classDim]).neg().mul(keep)
        let smoothReduced: Tensor
        switch reduction {
        case .mean: smoothReduced = try smooth.sum().div(keep.sum())
        case .sum: smoothReduced = try smooth.sum()
        case .none: smoothReduced = smooth
        }
        let weighted = try nll.mul(Tensor(scalar: .double(1 - labelSmoothing), wrapped: true))
        return try weighted.add(smoothReduced.mul(Tensor(scalar: .double(labelSmoothing / Double(classes)), wrapped: true)))
    }

    /// `F.nll_loss(input, target, reduction, ignore_index)` on log-probabilities shaped (C), (N, C) or (N, C, d1, ...).
    public static func nllLoss(_ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean,
                               ignoreIndex: Int = -100) throws -> Tensor {
        guard target.dtype == .int64 || target.dtype == .bool else {
            throw TensorError.runtime("expected target dtype to be Long or Byte, but got \(target.dtype.scalarTypeName)")
        }
        let layout = try NLLLayout(input: input.shape, target: target.shape)
        let source = try GradMode.withDisabled { try input.detach().contiguous().to(.float64) }
        let values = source.toArray(Double.self)
        let targets = try GradMode.withDisabled { try target.detach().to(.int64) }.toArray(Int64.self)
        var picked = [Double](repeating: 0, count: layout.batch * layout.inner)
        var included = [Bool](repeating: false, count: picked.count)
        for n in 0..<layout.batch {
            for i in 0..<layout.inner {
                let position = n * layout.inner + i
                let cls = targets[position]
                if cls == Int64(ignoreIndex) { continue }
                guard cls >= 0 && cls < Int64(layout.classes) else { throw TensorError.index("Target \(cls) is out of bounds.") }
                picked[position] = -values[(n * layout.classes + Int(cls)) * layout.inner + i]
                included[position] = true
            }
        }
        let weight = Double(included.filter { $0 }.count)
        let out: Tensor
        switch reduction {
        case .none: out = try Tensor(picked, shape: layout.targetShape).to(input.dtype)
        case .sum: out = try Tensor(scalar: .double(picked.reduce(0, +)), dtype: input.dtype)
        case .mean: out = try Tensor(scalar: .double(picked.reduce(0, +) / weight), dtype: input.dtype)
        }
        let inputShape = input.shape, dtype = input.dtype
        // ATen reshapes input of 3 or more dims for nll_loss2d, hence the 2D node name.
        return out.recordGrad(input.dim >= 3 ? "NllLoss2DBackward0" : "NllLossBackward0", inputs: [input]) { g in
            let gradOut = try GradMode.withDisabled { try g.to(.float64).contiguous() }.toArray(Double.self)
            var grad = [Double](repeating: 0, count: inputShape.reduce(1, *))
            for n in 0..<layout.batch {
                for i in 0..<layout.inner {
                    let position = n * layout.inner + i
                    guard included[position] else { continue }
                    let upstream: Double
                    switch reduction {
                    case .none: upstream = gradOut[position]
                    case .sum: upstream = gradOut.first ?? 0
                    case .mean: upstream = (gradOut.first ?? 0) / weight
                    }
                    grad[(n * layout.classes + Int(targets[position])) * layout.inner + i] = -upstream
                }
            }
            return [try Tensor(grad, shape: inputShape).to(dtype)]
        }
    }

    // MARK: helpers

    static func reduce(_ t: Tensor, _ reduction: LossReduction) throws -> Tensor {
        switch reduction {
        case .none: return t
        case .sum: return try t.sum()
        case .mean: return try t.mean()
        }
    }

    static func requireFloating(_ input: Tensor, kernel: String) throws {
        guard input.dtype.isFloatingPoint else {
            throw TensorError(.notImplemented, "\"\(kernel)\" not implemented for '\(input.dtype.scalarTypeName)'")
        }
    }

    /// Cross entropy against class probabilities: -Σ target · log p over classes, averaged over the batch for `mean`.
    static func probabilityCrossEntropy(_ logProbabilities: Tensor, _ target: Tensor, classDim: Int,
                                        reduction: LossReduction, labelSmoothing: Double) throws -> Tensor {
        var probabilities = target
        let classes = logProbabilities.shape[classDim]
        if labelSmoothing > 0 {
            probabilities = try target.mul(Tensor(scalar: .double(1 - labelSmoothing), wrapped: true))
                .add(Tensor(scalar: .double(labelSmoothing / Double(classes)), wrapped: true))
        }
        let products = try logProbabilities.mul(probabilities)
        switch reduction {
        case .none: return try products.sum(dims: [classDim]).neg()
        case .sum: return try products.sum().neg()
        case .mean:
            let batch = Double(logProbabilities.numel / max(classes, 1))
            let total = try products.sum().neg()
            // ATen divides by the batch size as a Scalar, hence `DivBackward1` rather than `DivBackward0`.
            let out = try GradMode.withDisabled { try total.detach().div(Tensor(scalar: .double(batch), wrapped: true)) }
            return out.recordGrad("DivBackward1", inputs: [total]) { g in
                [try g.div(Tensor(scalar: .double(batch), wrapped: true))]
            }
        }
    }
}

/// How `nll_loss` reads its input: batch × classes × inner positions, and the matching target shape.
struct NLLLayout {
    let batch: Int
    let classes: Int
    let inner: Int
    let targetShape: [Int]

    init(input: [Int], target: [Int]) throws {
        switch input.count {
        case 1:
            guard target.isEmpty || target == [1] else {
                throw TensorError.runtime("0D or 1D target tensor expected, multi-target not supported")
            }
            batch = 1; classes = input[0]; inner = 1; targetShape = target
        case 2:
            guard target.count == 1 else {
                throw TensorError.runtime("0D or 1D target tensor expected, multi-target not supported")
            }
            guard input[0] == target[0] else {
                throw TensorError.value("Expected input batch_size (\(input[0])) to match target batch_size (\(target[0])).")
            }
            batch = input[0]; classes = input[1]; inner = 1; targetShape = target
        default:
            let expected = [input[0]] + Array(input.dropFirst(2))
            guard target == expected else {
                if target.count == input.count - 1, let first = target.first, first != input[0] {
                    throw TensorError.value("Expected input batch_size (\(input[0])) to match target batch_size (\(first)).")
                }
                throw TensorError.runtime("Expected target size \(Shape.describe(expected)), got \(Shape.describe(target))")
            }
            batch = input[0]; classes = input[1]; inner = input.dropFirst(2).reduce(1, *); targetShape = target
        }
    }
}

/// Elementwise maps over contiguous float tensors that the losses need and the tensor library does not export.
enum ElementwiseMap {
    /// `f` applied to every element of a contiguous float32 or float64 tensor, into a fresh tensor of its dtype.
    static func apply(_ t: Tensor, _ f: (Double) -> Double) throws -> Tensor {
        let dense = t.isContiguous ? t : try GradMode.withDisabled { try t.detach().contiguous() }
        let out = try Tensor(zeros: dense.shape, dtype: dense.dtype)
        switch dense.dtype {
        case .float32:
            let source = dense.storage.pointer(Float.self) + dense.offset
            let target = out.storage.pointer(Float.self)
            for i in 0..<dense.numel { target[i] = Float(f(Double(source[i]))) }
        case .float64:
            let source = dense.storage.pointer(Double.self) + dense.offset
            let target = out.storage.pointer(Double.self)
            for i in 0..<dense.numel { target[i] = f(source[i]) }
        default:
            throw TensorError(.notImplemented, "elementwise loss not implemented for '\(dense.dtype.scalarTypeName)'")
        }
        return out
    }
}
