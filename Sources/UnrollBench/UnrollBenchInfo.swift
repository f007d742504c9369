// UnrollBench: module overview; each benchmark family (tensor, rnn, lang, startup, train) has its own file.
/// Namespace for UnrollBench-wide constants.
public enum UnrollBenchInfo { public static let moduleName = "UnrollBench" }
