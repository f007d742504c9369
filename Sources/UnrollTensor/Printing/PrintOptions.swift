// Tensor print options, mirroring torch.set_printoptions (kept per thread).

/// PyTorch's print options (`torch.set_printoptions`); defaults are PyTorch's.
public struct PrintOptions: Sendable, Equatable {
    /// Digits after the decimal point for floating tensors.
    public var precision: Int = 4
    /// Element count above which a tensor is summarised with `...`.
    public var threshold: Int = 1000
    /// Items kept at each edge of a summarised dimension.
    public var edgeitems: Int = 3
    /// Characters per line before wrapping.
    public var linewidth: Int = 80
    /// `nil` chooses scientific notation automatically, as PyTorch does.
    public var sciMode: Bool? = nil

    public init() {}

    /// The options every tensor repr on this thread uses; a session changes them like `torch.set_printoptions`.
    /// Kept per thread (like grad mode) so concurrent sessions never see each other's settings.
    public static var current: PrintOptions {
        get { ThreadState.current.printOptions }
        set { ThreadState.current.printOptions = newValue }
    }

    /// Updates only the given fields of `current`, as `torch.set_printoptions` does.
    public static func set(
        precision: Int? = nil, threshold: Int? = nil, edgeitems: Int? = nil,
        linewidth: Int? = nil, sciMode: Bool?? = nil
    ) {
        if let precision { current.precision = precision }
        if let threshold { current.threshold = threshold }
        if let edgeitems { current.edgeitems = edgeitems }
        if let linewidth { current.linewidth = linewidth }
        if let sciMode { current.sciMode = sciMode }
    }
}
