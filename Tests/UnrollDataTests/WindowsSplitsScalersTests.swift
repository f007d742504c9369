// Sliding windows, time splits and scalers against numpy (the course's create_sequences loop, sklearn's formulas).
import Testing
import UnrollTensor
@testable import UnrollData

@Suite struct SlidingWindowTests {
    nonisolated(unsafe) static let fixture: [String: Any] = (try? Fixtures.json("windows.json")) ?? [:]
    nonisolated(unsafe) static let windows = fixture["windows"] as? [[String: Any]] ?? []

    @Test func fixturesArePresent() { #expect(Self.windows.count == 5) }

    @Test(arguments: Array(windows.indices))
    func windowsMatchCreateSequences(_ index: Int) throws {
        let c = Self.windows[index]
        let series = try Tensor(try #require(c["series"] as? [Double]), shape: try #require(c["shape"] as? [Int]))
        let (x, y) = try SlidingWindows.createSequences(
            series, sequenceLength: try #require(c["seq_length"] as? Int), horizon: try #require(c["horizon"] as? Int),
            featureColumns: c["features"] as? [Int], targetColumn: c["target"] as? Int ?? 0)
        let ex = try fixtureTensor(c["inputs"]), ey = try fixtureTensor(c["targets"])
        #expect(x.shape == ex.shape && y.shape == ey.shape, "case \(index): shapes \(x.shape) \(y.shape)")
        #expect(x.dtype == .float64)
        expectClose(x.doubles(), ex.doubles(), rtol: 0, atol: 0, "case \(index) inputs")
        expectClose(y.doubles(), ey.doubles(), rtol: 0, atol: 0, "case \(index) targets")
    }

    @Test func electricityWindowsAsTheCourseBuildsThem() throws {
        let e = try #require(Self.fixture["electricity"] as? [String: Any])
        let df = try CSVReader.read(path: Fixtures.datasets + "/taylor_electricity_demand_2000.csv")
        let rows = try #require(e["rows"] as? Int)
        let demand = try df.slice(rows: 0..<rows).numericTensor(columns: [1]).reshape([-1]).to(.int64)
        let (x, y) = try SlidingWindows.createSequences(demand, sequenceLength: try #require(e["seq_length"] as? Int))
        #expect(x.shape == e["inputs_shape"] as? [Int])
        #expect(e["inputs_dtype"] as? String == "int64" && x.dtype == .int64)
        #expect(try x.select(0, 0).toArray(Int64.self) == (e["first_input"] as? [Int])?.map(Int64.init))
        #expect(try x.select(0, -1).toArray(Int64.self) == (e["last_input"] as? [Int])?.map(Int64.init))
        #expect(y.toArray(Int64.self) == (e["targets"] as? [Int])?.map(Int64.init))
    }

    @Test func tooShortSeriesAndBadColumnsAreErrors() throws {
        let s = try Tensor([1.0, 2, 3], shape: [3])
        #expect(throws: DataError.value("a series of 3 points is too short for windows of 3 plus 1 target point")) {
            try SlidingWindows.createSequences(s, sequenceLength: 3)
        }
        #expect(throws: DataError.value("sequence length must be positive, got 0")) {
            try SlidingWindows.createSequences(s, sequenceLength: 0)
        }
        let table = try Tensor([Double](repeating: 0, count: 8), shape: [4, 2])
        #expect(throws: DataError.index("column 2 is out of bounds for 2 columns")) {
            try SlidingWindows.createSequences(table, sequenceLength: 2, targetColumn: 2)
        }
    }
}

@Suite struct TimeSplitTests {
    @Test func splitsMatchIntTruncation() throws {
        let splits = try #require(try Fixtures.json("windows.json")["splits"] as? [[String: Any]])
        #expect(splits.count == 6)
        for c in splits {
            let n = try #require(c["count"] as? Int)
            let split: TimeSplit
            if let v = c["validation_fraction"] as? Double, let t = c["test_fraction"] as? Double {
                split = try TimeSplit(count: n, validationFraction: v, testFraction: t)
            } else {
                split = try TimeSplit(count: n, validationSize: try #require(c["validation_size"] as? Int),
                                      testSize: try #require(c["test_size"] as? Int))
            }
            for (range, key) in [(split.train, "train"), (split.validation, "validation"), (split.test, "test")] {
                #expect([range.lowerBound, range.upperBound] == c[key] as? [Int], "\(n) \(key)")
            }
        }
    }

    @Test func impossibleSplitsAreErrors() {
        #expect(throws: DataError.value("validation (96) and test (24) sizes do not fit in 100 steps")) {
            try TimeSplit(count: 100, validationSize: 96, testSize: 24)
        }
        #expect(throws: DataError.value("validation and test fractions must be non-negative and sum to less than 1")) {
            try TimeSplit(count: 10, validationFraction: 0.5, testFraction: 0.5)
        }
    }
}

@Suite struct ScalerTests {
    nonisolated(unsafe) static let cases: [[String: Any]] = (try? Fixtures.list("scalers.json")) ?? []

    @Test func fixturesArePresent() { #expect(Self.cases.count == 3) }

    @Test(arguments: Array(cases.indices))
    func scalerMatchesSklearnFormulas(_ index: Int) throws {
        let c = Self.cases[index]
        let train = try fixtureTensor(c["train"]), test = try fixtureTensor(c["test"])
        let scaler: any Scaler = c["kind"] as? String == "minmax" ? try MinMaxScaler(fit: train) : try StandardScaler(fit: train)
        expectClose(scaler.shift, try #require(c["shift"] as? [Double]), rtol: 1e-12, "case \(index) shift")
        expectClose(scaler.scale, try #require(c["scale"] as? [Double]), rtol: 1e-12, "case \(index) scale")
        expectClose(try scaler.transform(train).doubles(), try #require(c["train_scaled"] as? [Double]), rtol: 1e-12, atol: 1e-12, "case \(index) train")
        let scaledTest = try scaler.transform(test)
        expectClose(scaledTest.doubles(), try #require(c["test_scaled"] as? [Double]), rtol: 1e-12, atol: 1e-12, "case \(index) test")
        expectClose(try scaler.inverseTransform(scaledTest).doubles(), test.doubles(), rtol: 1e-12, atol: 1e-12, "case \(index) inverse")
        // float32 data stays float32.
        #expect(try scaler.transform(try test.to(.float32)).dtype == .float32)
    }

    @Test func featureCountMismatchIsValueError() throws {
        let scaler = try StandardScaler(fit: try Tensor([1.0, 2, 3, 4], shape: [2, 2]))
        #expect(throws: DataError.value("X has 3 features, but the scaler is expecting 2 features as input.")) {
            try scaler.transform(try Tensor([Double](repeating: 0, count: 6), shape: [2, 3]))
        }
    }
}
