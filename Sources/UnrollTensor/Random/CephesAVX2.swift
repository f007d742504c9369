// Scalar replay of the AVX2 log/sincos PyTorch's float randn uses (avx_mathfun.h as GCC compiles it, FMAs included).

/// PyTorch fills float32 tensors of 16 or more elements with `NormalFill16`, which on x86 runs
/// avx_mathfun.h's Cephes-style `log256_ps` and `sincos256_ps`. GCC contracts their multiply-adds into
/// FMAs (`-mfma`, default `-ffp-contract=fast`), so this replay uses `fma` exactly where that compiled code
/// does; every other step is a single rounded float operation in the same order.
enum CephesAVX2 {
    // Constants are double literals rounded to float, as the C source's `_PS256_CONST` does.
    static let sqrtHalf = Float(0.707106781186547524 as Double)
    static let logP: [Float] = [
        7.0376836292E-2, -1.1514610310E-1, 1.1676998740E-1, -1.2420140846E-1, 1.4249322787E-1,
        -1.6668057665E-1, 2.0000714765E-1, -2.4999993993E-1, 3.3333331174E-1,
    ].map { (d: Double) in Float(d) }
    static let logQ1 = Float(-2.12194440e-4 as Double)
    static let logQ2 = Float(0.693359375 as Double)
    static let minusDP1 = Float(-0.78515625 as Double)
    static let minusDP2 = Float(-2.4187564849853515625e-4 as Double)
    static let minusDP3 = Float(-3.77489497744594108e-8 as Double)
    static let sinP0 = Float(-1.9515295891E-4 as Double)
    static let sinP1 = Float(8.3321608736E-3 as Double)
    static let sinP2 = Float(-1.6666654611E-1 as Double)
    static let cosP0 = Float(2.443315711809948E-005 as Double)
    static let cosP1 = Float(-1.388731625493765E-003 as Double)
    static let cosP2 = Float(4.166664568298827E-002 as Double)
    static let fourOverPi = Float(1.27323954473516 as Double)

    @inline(__always) static func fma(_ a: Float, _ b: Float, _ c: Float) -> Float { c.addingProduct(a, b) }

    /// `log256_ps` for one lane; NaN for x <= 0 as the vector code gives.
    @inline(__always)
    static func log(_ input: Float) -> Float {
        let invalid = !(input > 0)
        let minNormal = Float(bitPattern: 0x0080_0000)
        var x = input > minNormal ? input : minNormal
        let exponentBits = Int32(bitPattern: x.bitPattern >> 23) - 0x7f
        x = Float(bitPattern: (x.bitPattern & ~UInt32(0x7f80_0000)) | Float(0.5).bitPattern)
        var e = Float(exponentBits) + 1
        let below = x < sqrtHalf
        let tmp: Float = below ? x : 0
        let xm1 = x + -1
        e = e - (below ? 1 : 0)
        x = tmp + xm1
        let z = x * x
        var y = fma(x, logP[0], logP[1])
        for k in 2...8 { y = fma(x, y, logP[k]) }
        y = x * y
        let eq1 = e * logQ1
        y = fma(z, y, eq1)
        y = fma(-z, 0.5, y)
        let sum = x + y
        let result = fma(e, logQ2, sum)
        return invalid ? Float(bitPattern: 0xffff_ffff) : result
    }

    /// `sincos256_ps` for one lane: (sin, cos).
    @inline(__always)
    static func sincos(_ input: Float) -> (sin: Float, cos: Float) {
        var signSin = input.bitPattern & 0x8000_0000
        let ax = Float(bitPattern: input.bitPattern & 0x7fff_ffff)
        let scaled = ax * fourOverPi
        var j = Int32(truncatingScaled: scaled)
        j = (j &+ 1) & ~1
        let yj = Float(j)
        let swapSignSin = UInt32(bitPattern: (j & 4) << 29)
        let polyMask = (j & 2) == 0
        var x = fma(yj, minusDP1, ax)
        x = fma(yj, minusDP2, x)
        x = fma(yj, minusDP3, x)
        let signCos = UInt32(bitPattern: (~(j &- 2) & 4) << 29)
        signSin ^= swapSignSin
        let z = x * x
        var y = fma(z, cosP0, cosP1)
        y = fma(z, y, cosP2)
        y = z * y
        let half = z * 0.5
        y = fma(z, y, -half)
        y = y + 1
        var y2 = fma(z, sinP0, sinP1)
        y2 = fma(z, y2, sinP2)
        y2 = z * y2
        y2 = fma(x, y2, x)
        let ysin2: Float = polyMask ? y2 : 0
        let ysin1: Float = polyMask ? 0 : y
        let y2r = y2 - ysin2
        let yr = y - ysin1
        let s = ysin1 + ysin2
        let c = yr + y2r
        return (Float(bitPattern: s.bitPattern ^ signSin), Float(bitPattern: c.bitPattern ^ signCos))
    }
}

extension Int32 {
    /// `cvttps2dq`: truncation toward zero, with the x86 "integer indefinite" value for NaN and out-of-range input.
    @inline(__always) init(truncatingScaled value: Float) {
        if value.isNaN || value >= 2_147_483_648 || value < -2_147_483_648 {
            self = Int32.min
        } else {
            self = Int32(value.rounded(.towardZero))
        }
    }
}
