// PyTorch's per-element samplers (DistributionsHelper.h / TransformationHelper.h) on top of a Generator.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Generator {
    /// `uniform_real_distribution<float>(0, 1)`: the low 24 bits of one 32-bit draw, times 2^-24.
    @inline(__always)
    func unitFloat() -> Float {
        Float(random() & 0x00ff_ffff) * 0x1p-24
    }

    /// `uniform_real_distribution<double>(0, 1)`: the low 53 bits of one 64-bit draw, times 2^-53.
    @inline(__always)
    func unitDouble() -> Double {
        Double(random64() & 0x001f_ffff_ffff_ffff) * 0x1p-53
    }

    /// `uniform_real_distribution<float>(from, to)`: `x * (to - from) + from`, which PyTorch's x86 and
    /// arm builds compile to one fused multiply-add.
    @inline(__always)
    func uniformFloat(from: Float, span: Float) -> Float {
        fusedMultiplyAdd(unitFloat(), span, from)
    }

    @inline(__always)
    func uniformDouble(from: Double, span: Double) -> Double {
        from.addingProduct(unitDouble(), span)
    }

    /// `normal_distribution<double>(mean, std)`: Box-Muller on two 53-bit uniforms, returning the cosine
    /// sample and caching the sine one for the next call (the scalar path of `normal_`).
    @inline(__always)
    func normalDouble(mean: Double, std: Double) -> Double {
        if let cached = nextDoubleNormal {
            nextDoubleNormal = nil
            return mean.addingProduct(cached, std)
        }
        let u1 = unitDouble()
        let u2 = unitDouble()
        let r = (-2.0 * log1p(-u2)).squareRoot()
        let theta = 2.0 * Double.pi * u1
        nextDoubleNormal = r * sin(theta)
        let sample = r * cos(theta)
        return mean.addingProduct(sample, std)
    }

    /// `uniform_int_from_to_distribution`: `(draw % range) + base`, with a 64-bit draw once range reaches 2^28.
    @inline(__always)
    func integer(range: UInt64, base: Int64) -> Int64 {
        let draw: UInt64 = range >= (1 << 28) ? random64() : UInt64(random())
        return Int64(bitPattern: (draw % range) &+ UInt64(bitPattern: base))
    }
}

/// The float `NormalFill16` block transform: 16 uniforms in place become 16 normals
/// (cosines in the first 8, sines in the last 8), using the AVX2 math replay.
@inline(__always)
func normalFill16(_ data: UnsafeMutablePointer<Float>, mean: Float, std: Float) {
    let twoPi = CephesAVX2.twoPi
    for j in 0..<8 {
        let u1 = 1 - data[j]
        let u2 = data[j + 8]
        let radius = (-2 * CephesAVX2.log(u1)).squareRoot()
        let theta = twoPi * u2
        let (s, c) = CephesAVX2.sincos(theta)
        data[j] = fusedMultiplyAdd(radius * c, std, mean)
        data[j + 8] = fusedMultiplyAdd(radius * s, std, mean)
    }
}

/// The double `NormalFill16` block transform (the generic C++ loop with libm's log, cos and sin).
@inline(__always)
func normalFill16(_ data: UnsafeMutablePointer<Double>, mean: Double, std: Double) {
    for j in 0..<8 {
        let u1 = 1 - data[j]
        let u2 = data[j + 8]
        let radius = (-2 * log(u1)).squareRoot()
        let theta = 2.0 * Double.pi * u2
        data[j] = mean.addingProduct(radius * cos(theta), std)
        data[j + 8] = mean.addingProduct(radius * sin(theta), std)
    }
}
