// Sliding windows checked against the course's own `create_sequences` loop, written out element by element.
import Testing
import UnrollData
import UnrollTensor

@Suite struct WindowsAgainstCourseLoopTests {
    @Test func seriesWindowsMatchTheCourseLoop() throws {
        let values = (0..<23).map { Float($0 * $0 % 17) - 3.5 }
        let series = try Tensor(values, shape: [23])
        let (xs, ys) = try SlidingWindows.createSequences(series, sequenceLength: 5)
        // The course: for i in range(len(df) - seq_length): x = df[i:i+seq_length]; y = df[i+seq_length]
        var expectedX: [Float] = []
        var expectedY: [Float] = []
        for i in 0..<(values.count - 5) {
            expectedX += values[i..<(i + 5)]
            expectedY.append(values[i + 5])
        }
        #expect(xs.shape == [18, 5])
        #expect(ys.shape == [18])
        #expect(try xs.toArray(Float.self) == expectedX)
        #expect(try ys.toArray(Float.self) == expectedY)
    }

    @Test func tooShortSeriesIsAnError() throws {
        let series = try Tensor([Float](repeating: 1, count: 4), shape: [4])
        #expect(throws: (any Error).self) { try SlidingWindows.createSequences(series, sequenceLength: 4) }
    }
}
