// UnrollREPL: module overview; the types live in the files beside this one.
/// Namespace for UnrollREPL-wide constants.
public enum UnrollREPLInfo { public static let moduleName = "UnrollREPL" }
