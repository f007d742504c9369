// In-place float32 sigmoid and tanh over arrays for the recurrent gate loops, 8-wide with AVX2+FMA when the CPU has it.
#include "CKernels.h"
#include "gate_functions.h"

#define SIGMOID_BODY for (size_t i = 0; i < n; i++) x[i] = sigmoid_cephes(x[i]);
#define TANH_BODY for (size_t i = 0; i < n; i++) dst[i] = tanh_rational(src[i]);
#define TANH_INPLACE_BODY for (size_t i = 0; i < n; i++) x[i] = tanh_rational(x[i]);

static void sigmoid_generic(float *restrict x, size_t n) { SIGMOID_BODY }
static void tanh_generic(const float *restrict src, float *restrict dst, size_t n) { TANH_BODY }
static void tanh_inplace_generic(float *restrict x, size_t n) { TANH_INPLACE_BODY }

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) static void sigmoid_avx2(float *restrict x, size_t n) { SIGMOID_BODY }
__attribute__((target("avx2,fma"))) static void tanh_avx2(const float *restrict src, float *restrict dst, size_t n) {
    TANH_BODY
}
__attribute__((target("avx2,fma"))) static void tanh_inplace_avx2(float *restrict x, size_t n) { TANH_INPLACE_BODY }

/* Asked on every call (a load and a test once the CPU model is known), so no shared mutable state is needed. */
static inline int avx2(void) { return unroll_avx2_available(); }
#else
static inline int avx2(void) { return 0; }
#endif

void unroll_sigmoid_inplace(float *x, size_t n) {
#if defined(__x86_64__)
    if (avx2()) { sigmoid_avx2(x, n); return; }
#endif
    sigmoid_generic(x, n);
}

void unroll_tanh_inplace(float *x, size_t n) {
#if defined(__x86_64__)
    if (avx2()) { tanh_inplace_avx2(x, n); return; }
#endif
    tanh_inplace_generic(x, n);
}

void unroll_tanh(const float *src, float *dst, size_t n) {
#if defined(__x86_64__)
    if (avx2()) { tanh_avx2(src, dst, n); return; }
#endif
    tanh_generic(src, dst, n);
}
