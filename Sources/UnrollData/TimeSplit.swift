// Time-ordered train/validation/test splits: no shuffling, so no look-ahead into the future.
/// Splits `count` time steps into consecutive train, validation and test ranges.
public struct TimeSplit: Equatable, Sendable {
    public let train: Range<Int>
    public let validation: Range<Int>
    public let test: Range<Int>

    /// Fractions for validation and test (train gets the rest, first in time); sizes round down as
    /// `int(n * fraction)` does, so the train part absorbs the remainder.
    public init(count: Int, validationFraction: Double, testFraction: Double) throws {
        guard count >= 0 else { throw DataError.value("count must be non-negative") }
        guard validationFraction >= 0, testFraction >= 0, validationFraction + testFraction < 1 else {
            throw DataError.value("validation and test fractions must be non-negative and sum to less than 1")
        }
        try self.init(count: count, validationSize: Int(Double(count) * validationFraction), testSize: Int(Double(count) * testFraction))
    }

    /// Explicit sizes for the last two parts (the bike-sharing trainer's `validation_size=96, test_size=24`).
    public init(count: Int, validationSize: Int, testSize: Int) throws {
        guard validationSize >= 0, testSize >= 0, validationSize + testSize <= count else {
            throw DataError.value("validation (\(validationSize)) and test (\(testSize)) sizes do not fit in \(count) steps")
        }
        let trainEnd = count - validationSize - testSize
        train = 0..<trainEnd
        validation = trainEnd..<(trainEnd + validationSize)
        test = (trainEnd + validationSize)..<count
    }
}
