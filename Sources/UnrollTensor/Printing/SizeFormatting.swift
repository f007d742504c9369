// PyTorch's repr of a size: torch.Size([4, 3]).

extension Shape {
    /// `torch.Size([4, 3])`, as PyTorch prints `tensor.shape`.
    public static func torchSizeRepr(_ sizes: [Int]) -> String {
        "torch.Size([" + sizes.map(String.init).joined(separator: ", ") + "])"
    }
}
