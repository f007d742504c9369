// Python-style warnings (`UserWarning: ...`) on stderr, each shown once per session as Python's default filter does.

/// A session's warnings: which were shown, and where they go (stderr unless a host redirects them).
public final class WarningState {
    var shown: Set<String> = []
    /// Receives each warning line; nil writes to the process's stderr, so stdout stays what PyTorch prints.
    public var sink: ((String) -> Void)?
    init() {}
}

extension Interpreter {
    /// Emits `Category: message` once per session. Python shows a warning once per code location; the
    /// warnings Unroll mirrors come from one place inside PyTorch (nn.MSELoss's forward), so the text is the key.
    func warn(_ message: String, category: String = "UserWarning") {
        let line = "\(category): \(message)\n"
        guard warnings.shown.insert(line).inserted else { return }
        if let sink = warnings.sink { sink(line) } else { StandardErrorStream.write(line) }
    }

    /// Where this session's warnings go; tests and embedding hosts can capture them.
    public var warningSink: ((String) -> Void)? {
        get { warnings.sink }
        set { warnings.sink = newValue }
    }
}

/// `torch.Size([4, 1])`, as PyTorch's warnings print sizes.
func torchSizeText(_ shape: [Int]) -> String { "torch.Size([" + shape.map(String.init).joined(separator: ", ") + "])" }

/// PyTorch's warning from mse_loss, l1_loss, huber_loss and smooth_l1_loss when the shapes differ.
func warnIfTargetSizeDiffers(_ input: [Int], _ target: [Int], _ interp: Interpreter) {
    guard input != target else { return }
    interp.warn("Using a target size (\(torchSizeText(target))) that is different to the input size (\(torchSizeText(input))). "
                + "This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.")
}
