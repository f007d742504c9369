// torch.optim.Adam's plain float32 update (contiguous parameter, no weight decay, amsgrad or maximize), 8 lanes at a time.
#include "CKernels.h"

#include <math.h>

/* Every step is a separate IEEE operation in the order adam.py's tensor ops use: nothing may be fused into an FMA. */
#pragma clang fp contract(off)

#if defined(__x86_64__)
#include <immintrin.h>

__attribute__((target("avx2,fma")))
static void adam_avx2(float *w, const float *g, float *m, float *v, size_t n, float lerp_weight, bool lerp_forward,
                      float beta2, float one_minus_beta2, float sqrt_bc2, float eps, float neg_step) {
    const __m256 lw = _mm256_set1_ps(lerp_weight), one_minus_lw = _mm256_set1_ps(1.0f - lerp_weight);
    const __m256 b2 = _mm256_set1_ps(beta2), omb2 = _mm256_set1_ps(one_minus_beta2);
    const __m256 sb = _mm256_set1_ps(sqrt_bc2), ep = _mm256_set1_ps(eps), ns = _mm256_set1_ps(neg_step);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256 d = _mm256_loadu_ps(g + i), m_old = _mm256_loadu_ps(m + i);
        const __m256 diff = _mm256_sub_ps(d, m_old);
        const __m256 m_new = lerp_forward ? _mm256_add_ps(m_old, _mm256_mul_ps(lw, diff))
                                          : _mm256_sub_ps(d, _mm256_mul_ps(diff, one_minus_lw));
        const __m256 v_new = _mm256_add_ps(_mm256_mul_ps(_mm256_loadu_ps(v + i), b2),
                                           _mm256_mul_ps(_mm256_mul_ps(omb2, d), d));
        _mm256_storeu_ps(m + i, m_new);
        _mm256_storeu_ps(v + i, v_new);
        const __m256 denom = _mm256_add_ps(_mm256_div_ps(_mm256_sqrt_ps(v_new), sb), ep);
        _mm256_storeu_ps(w + i, _mm256_add_ps(_mm256_loadu_ps(w + i), _mm256_div_ps(_mm256_mul_ps(ns, m_new), denom)));
    }
    for (; i < n; i++) {
        const float d = g[i], m_old = m[i];
        const float m_new = lerp_forward ? m_old + lerp_weight * (d - m_old) : d - (d - m_old) * (1.0f - lerp_weight);
        const float v_new = v[i] * beta2 + one_minus_beta2 * d * d;
        m[i] = m_new;
        v[i] = v_new;
        const float denom = _mm_cvtss_f32(_mm_sqrt_ss(_mm_set_ss(v_new))) / sqrt_bc2 + eps;
        w[i] = w[i] + neg_step * m_new / denom;
    }
}
#endif

static void adam_generic(float *w, const float *g, float *m, float *v, size_t n, float lerp_weight, bool lerp_forward,
                         float beta2, float one_minus_beta2, float sqrt_bc2, float eps, float neg_step) {
    for (size_t i = 0; i < n; i++) {
        const float d = g[i], m_old = m[i];
        const float m_new = lerp_forward ? m_old + lerp_weight * (d - m_old) : d - (d - m_old) * (1.0f - lerp_weight);
        const float v_new = v[i] * beta2 + one_minus_beta2 * d * d;
        m[i] = m_new;
        v[i] = v_new;
        const float denom = sqrtf(v_new) / sqrt_bc2 + eps;
        w[i] = w[i] + neg_step * m_new / denom;
    }
}

void unroll_adam_update(float *w, const float *g, float *m, float *v, size_t n, float lerp_weight, bool lerp_forward,
                        float beta2, float one_minus_beta2, float sqrt_bc2, float eps, float neg_step) {
#if defined(__x86_64__)
    if (unroll_avx2_available()) {
        adam_avx2(w, g, m, v, n, lerp_weight, lerp_forward, beta2, one_minus_beta2, sqrt_bc2, eps, neg_step);
        return;
    }
#endif
    adam_generic(w, g, m, v, n, lerp_weight, lerp_forward, beta2, one_minus_beta2, sqrt_bc2, eps, neg_step);
}
