// `help(nn.LSTM)` and `:help nn.LSTM`: a layer's signature, settings and shapes, read from its description.
import UnrollNN

public enum LayerDocs {
    /// What nn.Module's help says: how to subclass it.
    static let moduleText = """
        nn.Module: subclass it with __init__ (call super().__init__() first) and forward.
        Attributes that are modules or nn.Parameter are registered in definition order; net(x) calls forward.
        """

    /// Help for `topic` (`nn.LSTM`, `LSTM`, `torch.nn.GRU`), or nil when it names no torch.nn class.
    public static func text(_ topic: String) -> String? {
        let name = topic.split(separator: ".").last.map(String.init) ?? topic
        if name == "Module" { return moduleText }
        return NNBinding.description(named: name)?.helpText
    }
}
