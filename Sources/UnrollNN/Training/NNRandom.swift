// The random source behind initialisation and dropout: one hook, so the tensor library's PyTorch-identical generator can drive it.
import Foundation
import UnrollTensor

/// Draws that nn needs. The default is a PyTorch-compatible mt19937; the language sets `NNRandom.source`
/// to the tensor library's global generator so `torch.manual_seed` governs layer initialisation too.
public protocol NNRandomSource: AnyObject {
    /// `tensor.uniform_(from, to)` on a contiguous float tensor, in PyTorch's draw order.
    func uniform_(_ tensor: Tensor, from: Double, to: Double) throws
    /// `tensor.normal_(mean, std)`.
    func normal_(_ tensor: Tensor, mean: Double, std: Double) throws
    /// `count` draws of bernoulli(keep) as 0/1 floats (dropout's noise before scaling).
    func bernoulli(count: Int, keep: Double) throws -> [Float]
}

public enum NNRandom {
    nonisolated(unsafe) public static var source: NNRandomSource = DefaultGeneratorSource()

    /// Reseeds the default source (what `torch.manual_seed` does when no other source is installed).
    public static func manualSeed(_ seed: UInt64) {
        source = MersenneTwisterSource(seed: seed)
    }

    /// Dropout's mask: bernoulli(1-p) / (1-p), as `at::dropout` builds it.
    static func dropoutMask(count: Int, p: Double) throws -> [Float] {
        if p >= 1 { return [Float](repeating: 0, count: count) }
        let noise = try source.bernoulli(count: count, keep: 1 - p)
        let scale = Float(1 - p)
        return noise.map { $0 / scale }
    }
}

/// PyTorch's CPU generator: mt19937 seeded with the low 32 bits, its float and double conversions.
public final class MersenneTwisterSource: NNRandomSource {
    private var state = [UInt32](repeating: 0, count: 624)
    private var index = 624

    public init(seed: UInt64) {
        state[0] = UInt32(truncatingIfNeeded: seed)
        for i in 1..<624 {
            state[i] = 1812433253 &* (state[i - 1] ^ (state[i - 1] >> 30)) &+ UInt32(i)
        }
        index = 624
    }

    /// The next 32-bit draw.
    public func random() -> UInt32 {
        if index >= 624 { twist() }
        var y = state[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c5680
        y ^= (y << 15) & 0xefc60000
        y ^= y >> 18
        return y
    }

    /// The next 64-bit draw, as PyTorch combines two 32-bit ones.
    public func random64() -> UInt64 {
        let hi = UInt64(random()), lo = UInt64(random())
        return (hi << 32) | lo
    }

    private func twist() {
        for i in 0..<624 {
            let y = (state[i] & 0x80000000) | (state[(i + 1) % 624] & 0x7fffffff)
            var v = state[(i + 397) % 624] ^ (y >> 1)
            if y & 1 != 0 { v ^= 0x9908b0df }
            state[i] = v
        }
        index = 0
    }

    func uniformFloat(_ from: Float, _ to: Float) -> Float {
        let x = Float(random() & ((1 << 24) - 1)) * (1.0 / Float(1 << 24))
        return x * (to - from) + from
    }

    func uniformDouble(_ from: Double, _ to: Double) -> Double {
        let x = Double(random64() & ((1 << 53) - 1)) * (1.0 / Double(UInt64(1) << 53))
        return x * (to - from) + from
    }

    public func uniform_(_ tensor: Tensor, from: Double, to: Double) throws {
        let positions = tensor.storagePositions()
        switch tensor.dtype {
        case .float32:
            let p = tensor.storage.pointer(Float.self)
            for pos in positions { p[pos] = uniformFloat(Float(from), Float(to)) }
        case .float64:
            let p = tensor.storage.pointer(Double.self)
            for pos in positions { p[pos] = uniformDouble(from, to) }
        default:
            throw TensorError.runtime("\"uniform_\" not implemented for '\(tensor.dtype.scalarTypeName)'")
        }
    }

    public func normal_(_ tensor: Tensor, mean: Double, std: Double) throws {
        let positions = tensor.storagePositions()
        var values = [Double](repeating: 0, count: positions.count)
        var i = 0
        while i < values.count {
            let u1 = uniformDouble(0, 1), u2 = uniformDouble(0, 1)
            let r = (-2 * log(1 - u2)).squareRoot()
            values[i] = r * cos(2 * Double.pi * u1) * std + mean
            if i + 1 < values.count { values[i + 1] = r * sin(2 * Double.pi * u1) * std + mean }
            i += 2
        }
        switch tensor.dtype {
        case .float32:
            let p = tensor.storage.pointer(Float.self)
            for (k, pos) in positions.enumerated() { p[pos] = Float(values[k]) }
        case .float64:
            let p = tensor.storage.pointer(Double.self)
            for (k, pos) in positions.enumerated() { p[pos] = values[k] }
        default:
            throw TensorError.runtime("\"normal_kernel_cpu\" not implemented for '\(tensor.dtype.scalarTypeName)'")
        }
    }

    public func bernoulli(count: Int, keep: Double) throws -> [Float] {
        (0..<count).map { _ in uniformDouble(0, 1) < keep ? 1 : 0 }
    }
}
