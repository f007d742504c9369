// Loss modules (nn.MSELoss, nn.L1Loss, nn.HuberLoss, nn.CrossEntropyLoss): callable with (input, target), repr like PyTorch's.
import UnrollTensor

/// A loss as a module: `criterion(input, target)` returns the reduced loss. PyTorch's loss reprs show no
/// arguments (`MSELoss()`, `HuberLoss()`), since their `extra_repr` is empty.
open class LossModule: Module {
    public let reduction: LossReduction

    public init(reduction: LossReduction = .mean) {
        self.reduction = reduction
        super.init()
    }

    /// The loss of `input` against `target`.
    open func loss(_ input: Tensor, _ target: Tensor) throws -> Tensor { input }

    public func callAsFunction(_ input: Tensor, _ target: Tensor) throws -> Tensor { try loss(input, target) }

    open override func forward(_ inputs: [ModuleValue]) throws -> ModuleValue {
        guard inputs.count == 2 else {
            let missing = ["input", "target"].dropFirst(inputs.count).map { "'\($0)'" }
            if inputs.count < 2 {
                throw TensorError.type("\(typeName).forward() missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(missing.joined(separator: " and "))")
            }
            throw TensorError.type("\(typeName).forward() takes 3 positional arguments but \(inputs.count + 1) were given")
        }
        guard let input = inputs[0].tensor, let target = inputs[1].tensor else {
            throw TensorError.type("\(typeName).forward() expects two tensors (input, target)")
        }
        return .tensor(try loss(input, target))
    }
}

/// `nn.MSELoss(reduction='mean')`.
public final class MSELoss: LossModule {
    public override func loss(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try Loss.mse(input, target, reduction: reduction)
    }
}

/// `nn.L1Loss(reduction='mean')`.
public final class L1Loss: LossModule {
    public override func loss(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try Loss.l1(input, target, reduction: reduction)
    }
}

/// `nn.HuberLoss(reduction='mean', delta=1.0)`.
public final class HuberLoss: LossModule {
    public let delta: Double

    public init(reduction: LossReduction = .mean, delta: Double = 1) {
        self.delta = delta
        super.init(reduction: reduction)
    }

    public override func loss(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try Loss.huber(input, target, reduction: reduction, delta: delta)
    }
}

/// `nn.CrossEntropyLoss(ignore_index=-100, reduction='mean', label_smoothing=0.0)` (no class weights).
public final class CrossEntropyLoss: LossModule {
    public let ignoreIndex: Int
    public let labelSmoothing: Double

    public init(ignoreIndex: Int = -100, reduction: LossReduction = .mean, labelSmoothing: Double = 0) {
        self.ignoreIndex = ignoreIndex
        self.labelSmoothing = labelSmoothing
        super.init(reduction: reduction)
    }

    public override func loss(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try Loss.crossEntropy(input, target, reduction: reduction, ignoreIndex: ignoreIndex, labelSmoothing: labelSmoothing)
    }
}
