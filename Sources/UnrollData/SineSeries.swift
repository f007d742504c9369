// The generated sine-wave series of the sine lesson: `num` evenly spaced points of sin over [start, stop].
import Foundation
import UnrollTensor

/// The sine series the course's sine-wave program trains on (`np.sin(np.linspace(start, stop, num))`).
public enum SineSeries {
    /// Evenly spaced times as `np.linspace` computes them (`start + i * step`, the last point exactly `stop`).
    public static func linspace(_ start: Double, _ stop: Double, count: Int, endpoint: Bool = true) -> [Double] {
        guard count > 0 else { return [] }
        let div = endpoint ? count - 1 : count
        guard div > 0 else { return [start] }
        let step = (stop - start) / Double(div)
        var out = (0..<count).map { start + Double($0) * step }
        if endpoint && count > 1 { out[count - 1] = stop }
        return out
    }

    /// The times and the sine values at them, as float64 tensors of shape [count].
    public static func make(start: Double = 0, stop: Double = 10, count: Int = 50) throws -> (time: Tensor, values: Tensor) {
        let t = linspace(start, stop, count: count)
        return (try Tensor(t, shape: [t.count]), try Tensor(t.map { Foundation.sin($0) }, shape: [t.count]))
    }
}
