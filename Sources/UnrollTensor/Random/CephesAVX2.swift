// Scalar replay of the AVX2 log/sincos PyTorch's float randn uses (avx_mathfun.h as GCC compiles it, FMAs included).

/// PyTorch fills float32 tensors of 16 or more elements with `NormalFill16`, which on x86 runs
/// avx_mathfun.h's Cephes-style `log256_ps` and `sincos256_ps`. GCC contracts their multiply-adds into
/// FMAs (`-mfma`, default `-ffp-contract=fast`), so this replay uses `fma` exactly where that compiled code
/// does; every other step is a single rounded float operation in the same order.
enum CephesAVX2 {
    // The C constants are double literals rounded to float (`_PS256_CONST`); these are those floats'
    // exact bit patterns, written as computed properties so they fold into the arithmetic.
    static var sqrtHalf: Float { Float(bitPattern: 0x3f3504f3) }  // 0.707106781186547524
    static var logP0: Float { Float(bitPattern: 0x3d9021bb) }  // 0.070376836292
    static var logP1: Float { Float(bitPattern: 0xbdebd1b8) }  // -0.1151461031
    static var logP2: Float { Float(bitPattern: 0x3def251a) }  // 0.1167699874
    static var logP3: Float { Float(bitPattern: 0xbdfe5d4f) }  // -0.12420140846
    static var logP4: Float { Float(bitPattern: 0x3e11e9bf) }  // 0.14249322787
    static var logP5: Float { Float(bitPattern: 0xbe2aae50) }  // -0.16668057665
    static var logP6: Float { Float(bitPattern: 0x3e4cceac) }  // 0.20000714765
    static var logP7: Float { Float(bitPattern: 0xbe7ffffc) }  // -0.24999993993
    static var logP8: Float { Float(bitPattern: 0x3eaaaaaa) }  // 0.33333331174
    static var logQ1: Float { Float(bitPattern: 0xb95e8083) }  // -0.00021219444
    static var logQ2: Float { Float(bitPattern: 0x3f318000) }  // 0.693359375
    static var minusDP1: Float { Float(bitPattern: 0xbf490000) }  // -0.78515625
    static var minusDP2: Float { Float(bitPattern: 0xb97da000) }  // -0.00024187564849853516
    static var minusDP3: Float { Float(bitPattern: 0xb3222169) }  // -3.774894977445941e-08
    static var sinP0: Float { Float(bitPattern: 0xb94ca1f9) }  // -0.00019515295891
    static var sinP1: Float { Float(bitPattern: 0x3c08839e) }  // 0.0083321608736
    static var sinP2: Float { Float(bitPattern: 0xbe2aaaa3) }  // -0.16666654611
    static var cosP0: Float { Float(bitPattern: 0x37ccf5ce) }  // 2.443315711809948e-05
    static var cosP1: Float { Float(bitPattern: 0xbab6061a) }  // -0.001388731625493765
    static var cosP2: Float { Float(bitPattern: 0x3d2aaaa5) }  // 0.04166664568298827
    static var fourOverPi: Float { Float(bitPattern: 0x3fa2f983) }  // 1.27323954473516
    static var twoPi: Float { Float(bitPattern: 0x40c90fdb) }  // 2.0f * pi<double>

    @inline(__always) static func fma(_ a: Float, _ b: Float, _ c: Float) -> Float { fusedMultiplyAdd(a, b, c) }

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
        var y = fma(x, logP0, logP1)
        y = fma(x, y, logP2)
        y = fma(x, y, logP3)
        y = fma(x, y, logP4)
        y = fma(x, y, logP5)
        y = fma(x, y, logP6)
        y = fma(x, y, logP7)
        y = fma(x, y, logP8)
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

/// `a * b + c` with one rounding, for floats, without a libm call on CPUs Swift targets without FMA.
/// The product is exact in double and the sum is rounded once to double; rounding that double to float
/// gives the correctly rounded float unless it sits exactly on a midpoint between two floats (then the
/// first rounding may have pushed it there), or the result is subnormal; those rare cases ask libm.
@inline(__always)
func fusedMultiplyAdd(_ a: Float, _ b: Float, _ c: Float) -> Float {
    let wide = Double(a) * Double(b) + Double(c)
    let magnitude = abs(wide)
    // Float midpoints have exactly bit 28 set among the 29 mantissa bits a double-to-float conversion drops.
    if (wide.bitPattern & 0x1fff_ffff) == 0x1000_0000 || (magnitude < 0x1p-126 && magnitude != 0) {
        return c.addingProduct(a, b)
    }
    return Float(wide)
}

extension Int32 {
    /// `cvttps2dq`: truncation toward zero, with the x86 "integer indefinite" value for NaN and out-of-range input.
    @inline(__always) init(truncatingScaled value: Float) {
        if value.isNaN || value >= 2_147_483_648 || value < -2_147_483_648 {
            self = Int32.min
        } else {
            self = Int32(value)  // truncates toward zero, like cvttps2dq in range
        }
    }
}
