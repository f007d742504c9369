// UnrollLessons: module overview; the types live in the files beside this one.
/// Namespace for UnrollLessons-wide constants.
public enum UnrollLessonsInfo { public static let moduleName = "UnrollLessons" }
