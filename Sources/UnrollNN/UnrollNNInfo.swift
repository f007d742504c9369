// UnrollNN: module overview; the types live in the files beside this one.
/// Namespace for UnrollNN-wide constants.
public enum UnrollNNInfo { public static let moduleName = "UnrollNN" }
