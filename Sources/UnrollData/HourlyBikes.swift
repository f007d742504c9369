// The bike-sharing course data: `get_hourly_bikes_data` over datasets/bikeshare_hourly_2011.csv, as the course trains on it.
import UnrollTensor

/// The course's (003) hourly bikes windows. The course imports `get_hourly_bikes_data` from its own repository,
/// which reads UCI's two-year `hour.csv`; this is the same procedure over the shipped 2011 file
/// (tools/fixtures/data.py holds the PyTorch reference it is tested against):
/// - features, in the original's order: day of month, season, month, hour, holiday, weekday, working day, temp,
///   atemp, humidity, wind speed, casual, registered, then the weather situation one-hot (4) — 17 features
///   (UCI's `yr` would be constant in a one-year file and standardise to NaN);
/// - window `i` is hours `i ..< i + sequenceSize`; its target is `bikers` at the window's last hour / `yNormalizer`;
/// - the last `validationSize + testSize` windows are validation then test, the rest training;
/// - every part is standardised with the training windows' mean and std over the window axis (per position and
///   feature, Bessel-corrected), as the original does.
public struct HourlyBikes {
    public let xTrain, xValidation, xTest: Tensor
    public let yTrain, yValidation, yTest: Tensor
    /// The training mean and std, `[1, sequenceSize, 17]`.
    public let mean, std: Tensor

    public static let featureNames = ["day", "season", "mnth", "hr", "holiday", "weekday", "workingday", "temp", "atemp",
                                      "hum", "windspeed", "casual", "registered",
                                      "weather_clear", "weather_cloudy", "weather_light_rain", "weather_heavy_rain"]
    static let months = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]
    static let weather = ["clear", "cloudy/misty", "light rain/snow", "heavy rain/snow"]
    static let daysBeforeMonth = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]  // 2011 is not a leap year

    /// Loads the bundled `bikeshare` data set and cuts it.
    public static func load(sequenceSize: Int = 24, validationSize: Int = 96, testSize: Int = 24,
                            yNormalizer: Double = 100) throws -> HourlyBikes {
        guard let set = BundledDataset.named("bikeshare") else { throw DataError.value("unknown dataset 'bikeshare'") }
        return try make(from: try set.load(), sequenceSize: sequenceSize, validationSize: validationSize,
                        testSize: testSize, yNormalizer: yNormalizer)
    }

    /// The feature table `[rows, 17]` (float32 values, row-major) and the `bikers` targets of a bikeshare frame.
    static func table(_ df: DataFrame) throws -> (features: [Float], targets: [Float]) {
        func numbers(_ name: String) throws -> [Double] {
            guard let v = try df.column(named: name).doubles() else { throw DataError.value("bikeshare column '\(name)' is not numeric") }
            return v
        }
        func texts(_ name: String) throws -> [String?] {
            guard case .string(let v) = try df.column(named: name) else { throw DataError.value("bikeshare column '\(name)' is not text") }
            return v
        }
        let n = df.rowCount
        let monthNames = try texts("mnth"), weatherNames = try texts("weathersit"), dayOfYear = try numbers("day")
        let plain = try ["season", "hr", "holiday", "weekday", "workingday", "temp", "atemp", "hum", "windspeed",
                         "casual", "registered"].map(numbers)
        let width = featureNames.count
        var features = [Float](repeating: 0, count: n * width)
        for i in 0..<n {
            guard let m = months.firstIndex(where: { $0 == monthNames[i] }) else {
                throw DataError.value("row \(i): unknown month '\(monthNames[i] ?? "NaN")'")
            }
            guard let w = weather.firstIndex(where: { $0 == weatherNames[i] }) else {
                throw DataError.value("row \(i): unknown weather situation '\(weatherNames[i] ?? "NaN")'")
            }
            let row = [dayOfYear[i] - Double(daysBeforeMonth[m]), plain[0][i], Double(m + 1)] + plain[1...].map { $0[i] }
            for (j, v) in row.enumerated() { features[i * width + j] = Float(v) }
            features[i * width + row.count + w] = 1
        }
        return (features, try numbers("bikers").map { Float($0) })
    }

    /// Cuts a bikeshare frame (the bundled file's columns) into standardised training, validation and test windows.
    public static func make(from df: DataFrame, sequenceSize: Int, validationSize: Int, testSize: Int,
                            yNormalizer: Double) throws -> HourlyBikes {
        guard sequenceSize > 0 else { throw DataError.value("sequence_size must be positive, got \(sequenceSize)") }
        guard validationSize >= 0, testSize >= 0 else { throw DataError.value("validation_size and test_size must not be negative") }
        let (features, targets) = try table(df)
        let width = featureNames.count
        let dataSize = df.rowCount - sequenceSize
        let trainSize = dataSize - (validationSize + testSize)
        guard trainSize > 1 else {
            throw DataError.value("\(df.rowCount) hours leave no training windows of \(sequenceSize) hours after \(validationSize) validation and \(testSize) test windows")
        }
        func windows(_ first: Int, _ count: Int) throws -> (Tensor, Tensor) {
            let windowLength = sequenceSize * width
            var xs = [Float](repeating: 0, count: count * windowLength)
            var ys = [Float](repeating: 0, count: count)
            for k in 0..<count {
                let start = (first + k) * width
                xs.replaceSubrange(k * windowLength ..< (k + 1) * windowLength, with: features[start ..< start + windowLength])
                ys[k] = targets[first + k + sequenceSize - 1]
            }
            let y = try Tensor(ys, shape: [count]).div(Tensor(scalar: .double(yNormalizer), dtype: .float32, wrapped: true))
            return (try Tensor(xs, shape: [count, sequenceSize, width]), y)
        }
        let (rawTrain, yTrain) = try windows(0, trainSize)
        let mean = try rawTrain.mean(dims: [0], keepdim: true)
        let std = try rawTrain.std(dims: [0], keepdim: true)
        func standardise(_ x: Tensor) throws -> Tensor { try x.sub(mean).div(std) }
        let (rawValidation, yValidation) = try windows(trainSize, validationSize)
        let (rawTest, yTest) = try windows(trainSize + validationSize, testSize)
        return HourlyBikes(xTrain: try standardise(rawTrain), xValidation: try standardise(rawValidation),
                           xTest: try standardise(rawTest), yTrain: yTrain, yValidation: yValidation, yTest: yTest,
                           mean: mean, std: std)
    }
}
