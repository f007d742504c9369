// The scalar sigmoid and tanh formulas every gate kernel inlines, so a fused cell and the array kernels agree bit for bit.
#ifndef UNROLL_GATE_FUNCTIONS_H
#define UNROLL_GATE_FUNCTIONS_H

/* Eigen's clamped rational tanh (within 4e-7 relative); the same formula as Tensor.fastTanh in Swift. */
static inline float tanh_rational(float v) {
    float x = v < -7.90531110763549805f ? -7.90531110763549805f : (v > 7.90531110763549805f ? 7.90531110763549805f : v);
    float x2 = x * x;
    float p = x2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
    p = p * x2 + -8.60467152213735e-11f;
    p = p * x2 + 5.12229709037114e-08f;
    p = p * x2 + 1.48572235717979e-05f;
    p = p * x2 + 6.37261928875436e-04f;
    p = p * x2 + 4.89352455891786e-03f;
    p = p * x;
    float q = x2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
    q = q * x2 + 2.26843463243900e-03f;
    q = q * x2 + 4.89352518554385e-03f;
    float a = v < 0 ? -v : v;
    return a < 0.0004f ? v : p / q;
}

/* Cephes-style e^x (within 2 ulp); 2^n from the exponent bits, as Tensor.fastExp in Swift. */
static inline float exp_cephes(float v) {
    float x = v < -87.33654f ? -87.33654f : (v > 88.37626f ? 88.37626f : v);
    float magic = x * 1.44269504088896341f + 12582912.0f;
    float n = magic - 12582912.0f;
    float r = x - n * 0.693359375f;
    r = r - n * -2.12194440e-4f;
    float r2 = r * r;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * r2 + r + 1.0f;
    union { float f; unsigned int u; } magicBits = { magic }, scale;
    scale.u = (magicBits.u - 0x4B400000u + 127u) << 23;
    return p * scale.f;
}

/* 1 / (1 + e^-v), the form torch.sigmoid's result is compared against. */
static inline float sigmoid_cephes(float v) { return 1.0f / (1.0f + exp_cephes(-v)); }

#endif
