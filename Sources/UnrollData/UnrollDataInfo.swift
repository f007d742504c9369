// UnrollData: module overview; the types live in the files beside this one.
/// Namespace for UnrollData-wide constants.
public enum UnrollDataInfo { public static let moduleName = "UnrollData" }
