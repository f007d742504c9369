// UnrollLang: module overview; the types live in the files beside this one.
/// Namespace for UnrollLang-wide constants.
public enum UnrollLangInfo { public static let moduleName = "UnrollLang" }
