// The real data sets shipped in datasets/, found from anywhere, loadable by short name or by file name.
import Foundation

/// A data set shipped with Unroll in `datasets/`.
public struct BundledDataset: Sendable, Equatable {
    /// The short name `datasets.load(...)` takes.
    public let name: String
    public let fileName: String
    public let summary: String

    public static let all: [BundledDataset] = [
        BundledDataset(name: "bikeshare", fileName: "bikeshare_hourly_2011.csv",
                       summary: "hourly Capital Bikeshare rentals, Washington D.C., 2011 (8,645 rows, 15 columns)"),
        BundledDataset(name: "electricity", fileName: "taylor_electricity_demand_2000.csv",
                       summary: "half-hourly electricity demand in England and Wales, June-August 2000, MW (4,032 rows)"),
        BundledDataset(name: "msft", fileName: "msft_daily_1986_2017.csv",
                       summary: "daily Microsoft stock prices 1986-2017 (7,983 rows)"),
    ]

    /// The data set called `name` (short name, file name, or file name without `.csv`).
    public static func named(_ name: String) -> BundledDataset? {
        let base = (name as NSString).lastPathComponent
        return all.first { $0.name == name || $0.fileName == base || $0.fileName == base + ".csv" }
    }

    /// Reads the data set into a table.
    public func load() throws -> DataFrame {
        guard let path = DatasetLocator.path(of: fileName) else {
            throw DataError("FileNotFoundError", "[Errno 2] No such file or directory: '\(fileName)'",
                            hint: "Unroll looks for datasets/ in $UNROLL_DATASETS, the current folder and its parents, and beside the unroll executable.")
        }
        return try CSVReader.read(path: path)
    }

    /// Loads a bundled data set by short name, with the list of names in the error otherwise.
    public static func load(_ name: String) throws -> DataFrame {
        guard let set = named(name) else {
            throw DataError("ValueError", "unknown dataset '\(name)'",
                            hint: "Bundled datasets: " + all.map(\.name).joined(separator: ", ") + ".")
        }
        return try set.load()
    }
}

/// Finds the `datasets/` folder: `$UNROLL_DATASETS`, `datasets/` in the current folder or a parent, or above
/// the executable (so `.build/debug/unroll` finds the checkout's data), mirroring the lessons locator.
public enum DatasetLocator {
    public static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let fm = FileManager.default
        func isDirectory(_ path: String) -> Bool {
            var dir: ObjCBool = false
            return fm.fileExists(atPath: path, isDirectory: &dir) && dir.boolValue
        }
        if let explicit = environment["UNROLL_DATASETS"], isDirectory(explicit) { return explicit }
        var starts = [URL(fileURLWithPath: fm.currentDirectoryPath)]
        if let exe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            starts.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        starts.append(URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent())
        for start in starts {
            var url = start
            for _ in 0..<8 {
                let candidate = url.appendingPathComponent("datasets").path
                if isDirectory(candidate), fm.fileExists(atPath: candidate + "/" + BundledDataset.all[0].fileName) {
                    return candidate
                }
                url.deleteLastPathComponent()
            }
        }
        return nil
    }

    /// The full path of a bundled file, if the folder is found and holds it.
    public static func path(of fileName: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard let dir = directory(environment: environment) else { return nil }
        let path = dir + "/" + fileName
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// Resolves a path given to `read_csv`: as given if it exists, else a bundled data set with that file name.
    public static func resolve(_ path: String) -> String {
        if FileManager.default.fileExists(atPath: path) { return path }
        if let set = BundledDataset.named(path), let found = self.path(of: set.fileName) { return found }
        return path
    }
}
