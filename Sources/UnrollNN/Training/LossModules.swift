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

    /// Whether PyTorch warns when target and input sizes differ (the regression losses broadcast silently otherwise).
    open var warnsWhenTargetSizeDiffers: Bool { false }

    /// `size_average=None, reduce=None, reduction='mean'`: the reduction settings every loss takes.
    static let legacyReductionSettings = [
        LayerSetting("size_average", .optionalBool, default: SettingValue.none, role: .argumentOnly, documented: false),
        LayerSetting("reduce", .optionalBool, default: SettingValue.none, role: .argumentOnly, documented: false),
    ]
    static let reductionSetting = LayerSetting("reduction", .string, default: .string("mean"), "'mean', 'sum' or 'none'")
    static let forwardArguments = [ForwardArgument("input"), ForwardArgument("target")]

    /// The reduction the legacy flags ask for when given, else `reduction`.
    static func reduction(_ a: LayerArguments) throws -> LossReduction {
        let sizeAverage = try a.optionalBool("size_average"), reduce = try a.optionalBool("reduce")
        if sizeAverage != nil || reduce != nil {
            return reduce == false ? .none : (sizeAverage ?? true ? .mean : .sum)
        }
        return try LossReduction(parsing: a.string("reduction"))
    }

    open override func settingValue(_ name: String) -> SettingValue? {
        name == "reduction" ? .string(reduction.rawValue) : nil
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
public final class MSELoss: LossModule, DescribedLayer {
    public static let layerDescription = LayerDescription(
        "MSELoss", module: "torch.nn.modules.loss", settings: legacyReductionSettings + [reductionSetting],
        forward: forwardArguments, shapes: "input (*), target (*) of the same shape -> mean of (input - target)²"
    ) { a in MSELoss(reduction: try reduction(a)) }
    public override var warnsWhenTargetSizeDiffers: Bool { true }
    public override func loss(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try Loss.mse(input, target, reduction: reduction)
    }
}

/// `nn.L1Loss(reduction='mean')`.
public final class L1Loss: LossModule, DescribedLayer {
    public static let layerDescription = LayerDescription(
        "L1Loss", module: "torch.nn.modules.loss", settings: legacyReductionSettings + [reductionSetting],
        forward: forwardArguments, shapes: "input (*), target (*) of the same shape -> mean of |input - target|"
    ) { a in L1Loss(reduction: try reduction(a)) }
    public override var warnsWhenTargetSizeDiffers: Bool { true }
    public override func loss(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try Loss.l1(input, target, reduction: reduction)
    }
}

/// `nn.HuberLoss(reduction='mean', delta=1.0)`.
public final class HuberLoss: LossModule, DescribedLayer {
    public let delta: Double

    public static let layerDescription = LayerDescription(
        "HuberLoss", module: "torch.nn.modules.loss",
        settings: [reductionSetting, LayerSetting("delta", .double, default: .double(1), "where the loss turns from squared to linear")],
        forward: forwardArguments, shapes: "input (*), target (*) of the same shape"
    ) { a in HuberLoss(reduction: try LossReduction(parsing: a.string("reduction")), delta: try a.double("delta")) }
    public override var warnsWhenTargetSizeDiffers: Bool { true }

    public override func settingValue(_ name: String) -> SettingValue? {
        name == "delta" ? .double(delta) : super.settingValue(name)
    }

    public init(reduction: LossReduction = .mean, delta: Double = 1) {
        self.delta = delta
        super.init(reduction: reduction)
    }

    public override func loss(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try Loss.huber(input, target, reduction: reduction, delta: delta)
    }
}

/// `nn.CrossEntropyLoss(ignore_index=-100, reduction='mean', label_smoothing=0.0)` (no class weights).
public final class CrossEntropyLoss: LossModule, DescribedLayer {
    public let ignoreIndex: Int
    public let labelSmoothing: Double

    public static let layerDescription = LayerDescription(
        "CrossEntropyLoss", module: "torch.nn.modules.loss",
        settings: [
            LayerSetting("weight", .optionalTensor, default: SettingValue.none, role: .argumentOnly, "a weight per class (not yet in Unroll)"),
            legacyReductionSettings[0],
            LayerSetting("ignore_index", .int, default: .int(-100), "a target class that contributes nothing"),
            legacyReductionSettings[1], reductionSetting,
            LayerSetting("label_smoothing", .double, default: .double(0), "mix the one-hot target with the uniform distribution"),
        ],
        forward: forwardArguments,
        shapes: "input (N, C) logits or (C,); target (N,) class indices or (N, C) probabilities"
    ) { a in
        if a.optionalTensor("weight") != nil {
            throw TensorError(.notImplemented, "Unroll's CrossEntropyLoss does not take weight=; drop it for the unweighted loss")
        }
        return CrossEntropyLoss(ignoreIndex: try a.int("ignore_index"), reduction: try reduction(a),
                                labelSmoothing: try a.double("label_smoothing"))
    }

    public override func settingValue(_ name: String) -> SettingValue? {
        switch name {
        case "ignore_index": return .int(ignoreIndex)
        case "label_smoothing": return .double(labelSmoothing)
        default: return super.settingValue(name)
        }
    }

    public init(ignoreIndex: Int = -100, reduction: LossReduction = .mean, labelSmoothing: Double = 0) {
        self.ignoreIndex = ignoreIndex
        self.labelSmoothing = labelSmoothing
        super.init(reduction: reduction)
    }

    public override func loss(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try Loss.crossEntropy(input, target, reduction: reduction, ignoreIndex: ignoreIndex, labelSmoothing: labelSmoothing)
    }
}
