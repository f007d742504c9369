// UnrollPlot: module overview; the types live in the files beside this one.
/// Namespace for UnrollPlot-wide constants.
public enum UnrollPlotInfo { public static let moduleName = "UnrollPlot" }
