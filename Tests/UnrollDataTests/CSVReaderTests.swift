// CSV reading against pandas.read_csv: dtype inference, missing values, quoting, pandas' errors, the bundled files.
import Foundation
import Testing
import UnrollTensor
@testable import UnrollData

/// The fixture form of a column's cells: ints/floats as Double, bools as Bool, text as String, missing as nil, inf as "inf".
private func cells(_ column: DataColumn) -> [Any?] {
    switch column {
    case .int(let v): return v.map { Double($0) as Any? }
    case .float(let v):
        return v.map { x -> Any? in
            if x.isNaN { return nil }
            if x.isInfinite { return x > 0 ? "inf" : "-inf" }
            return x
        }
    case .bool(let v): return v.map { $0 as Any? }
    case .string(let v): return v.map { $0 as Any? }
    }
}

private func sameCell(_ a: Any?, _ e: Any?) -> Bool {
    switch (a, e) {
    case (nil, nil), (nil, is NSNull): return true
    case (let x as Double, let y as NSNumber): return x == y.doubleValue
    case (let x as String, let y as String): return x == y
    case (let x as Bool, let y as Bool): return x == y
    default: return false
    }
}

private func expectFrame(_ df: DataFrame, _ expected: [String: Any], _ what: String) {
    #expect(df.columnNames == expected["columns"] as? [String], "\(what): columns")
    #expect(df.columns.map(\.dtypeName) == expected["dtypes"] as? [String], "\(what): dtypes")
    #expect(df.index == expected["index"] as? [Int], "\(what): index")
    let values = expected["values"] as? [[Any]] ?? []
    #expect(values.count == df.columnCount, "\(what): column count")
    for (j, (column, want)) in zip(df.columns, values).enumerated() {
        let got = cells(column)
        #expect(got.count == want.count, "\(what): column \(j) length")
        for (i, (a, e)) in zip(got, want).enumerated() where !sameCell(a, e) {
            Issue.record("\(what): column \(df.columnNames[j]) row \(i) is \(String(describing: a)), pandas read \(e)")
        }
    }
}

@Suite struct CSVReaderTests {
    nonisolated(unsafe) static let cases: [[String: Any]] = ((try? Fixtures.json("csv.json"))?["cases"] as? [[String: Any]]) ?? []

    @Test func fixturesArePresent() {
        #expect(Self.cases.count >= 12)
    }

    @Test(arguments: cases.compactMap { $0["name"] as? String })
    func matchesPandas(_ name: String) throws {
        let entry = try #require(Self.cases.first { $0["name"] as? String == name })
        let text = try #require(entry["text"] as? String)
        if let error = entry["error"] as? [String: String] {
            #expect(throws: DataError(error["kind"] ?? "", error["message"] ?? "")) { try CSVReader.parse(text) }
        } else {
            let df = try CSVReader.parse(text)
            expectFrame(df, try #require(entry["frame"] as? [String: Any]), name)
        }
    }

    @Test func missingFileIsFileNotFoundError() throws {
        let fixture = try #require(try Fixtures.json("csv.json")["missing_file"] as? [String: String])
        #expect(throws: DataError(fixture["kind"] ?? "", fixture["message"] ?? "")) {
            try CSVReader.read(path: fixture["path"] ?? "")
        }
    }

    @Test func textWhereNumbersAreNeededFailsAsNumpy() throws {
        let fixture = try #require(try Fixtures.json("csv.json")["numeric_error"] as? [String: String])
        let df = try CSVReader.parse(fixture["text"] ?? "")
        #expect(throws: DataError(fixture["kind"] ?? "", fixture["message"] ?? "")) { try df.numericTensor() }
        // The numeric column alone converts.
        let counts = try df.numericTensor(columns: [1])
        #expect(counts.doubles() == [2, 3])
    }

    @Test(arguments: ["bikeshare", "electricity", "msft"])
    func bundledDatasetMatchesPandas(_ name: String) throws {
        let fixture = try #require((try Fixtures.json("csv.json")["bundled"] as? [String: Any])?[name] as? [String: Any])
        let file = try #require(fixture["file"] as? String)
        let df = try CSVReader.read(path: Fixtures.datasets + "/" + file)
        #expect([df.rowCount, df.columnCount] == fixture["shape"] as? [Int])
        #expect(df.columnNames == fixture["columns"] as? [String])
        #expect(df.columns.map(\.dtypeName) == fixture["dtypes"] as? [String])
        expectFrame(df.slice(rows: 0..<3), try #require(fixture["head"] as? [String: Any]), "\(name) head")
        expectFrame(df.slice(rows: (df.rowCount - 2)..<df.rowCount), try #require(fixture["tail"] as? [String: Any]), "\(name) tail")
        let sums = try #require(fixture["numeric_sums"] as? [String: Double])
        for (column, expected) in sums {
            let values = try #require(try df.column(named: column).doubles())
            expectClose([values.reduce(0, +)], [expected], rtol: 1e-12, "\(name).\(column) sum")
        }
    }

    @Test func bundledDatasetsLoadByNameWithTheLocator() throws {
        let env = ["UNROLL_DATASETS": Fixtures.datasets]
        #expect(DatasetLocator.directory(environment: env) == Fixtures.datasets)
        #expect(DatasetLocator.path(of: "msft_daily_1986_2017.csv", environment: env) == Fixtures.datasets + "/msft_daily_1986_2017.csv")
        #expect(BundledDataset.named("electricity")?.fileName == "taylor_electricity_demand_2000.csv")
        #expect(BundledDataset.named("taylor_electricity_demand_2000")?.name == "electricity")
        #expect(BundledDataset.named("weather") == nil)
        #expect(throws: DataError("ValueError", "unknown dataset 'weather'", hint: "Bundled datasets: bikeshare, electricity, msft.")) {
            try BundledDataset.load("weather")
        }
    }

    @Test func unknownColumnIsKeyError() throws {
        let df = try CSVReader.parse("a,b\n1,2\n")
        #expect(throws: DataError("KeyError", "'c'")) { try df.column(named: "c") }
    }
}
