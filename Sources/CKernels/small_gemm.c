// AVX2+FMA register-blocked matrix product for the small per-step GEMMs of the recurrent kernels.
#include "CKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define UNROLL_AVX2 __attribute__((target("avx2,fma")))

bool unroll_small_gemm_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

/* A 4-row by 16-column tile: 8 accumulators stay in registers over the whole k loop. */
UNROLL_AVX2 static void tile4x16(size_t k, const float *a, size_t lda, const float *b, size_t ldb,
                                 float *c, size_t ldc, bool accumulate) {
    __m256 c00, c01, c10, c11, c20, c21, c30, c31;
    if (accumulate) {
        c00 = _mm256_loadu_ps(c);           c01 = _mm256_loadu_ps(c + 8);
        c10 = _mm256_loadu_ps(c + ldc);     c11 = _mm256_loadu_ps(c + ldc + 8);
        c20 = _mm256_loadu_ps(c + 2 * ldc); c21 = _mm256_loadu_ps(c + 2 * ldc + 8);
        c30 = _mm256_loadu_ps(c + 3 * ldc); c31 = _mm256_loadu_ps(c + 3 * ldc + 8);
    } else {
        c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = _mm256_setzero_ps();
    }
    for (size_t p = 0; p < k; p++) {
        const __m256 b0 = _mm256_loadu_ps(b + p * ldb), b1 = _mm256_loadu_ps(b + p * ldb + 8);
        __m256 av = _mm256_broadcast_ss(a + p);
        c00 = _mm256_fmadd_ps(av, b0, c00); c01 = _mm256_fmadd_ps(av, b1, c01);
        av = _mm256_broadcast_ss(a + lda + p);
        c10 = _mm256_fmadd_ps(av, b0, c10); c11 = _mm256_fmadd_ps(av, b1, c11);
        av = _mm256_broadcast_ss(a + 2 * lda + p);
        c20 = _mm256_fmadd_ps(av, b0, c20); c21 = _mm256_fmadd_ps(av, b1, c21);
        av = _mm256_broadcast_ss(a + 3 * lda + p);
        c30 = _mm256_fmadd_ps(av, b0, c30); c31 = _mm256_fmadd_ps(av, b1, c31);
    }
    _mm256_storeu_ps(c, c00);           _mm256_storeu_ps(c + 8, c01);
    _mm256_storeu_ps(c + ldc, c10);     _mm256_storeu_ps(c + ldc + 8, c11);
    _mm256_storeu_ps(c + 2 * ldc, c20); _mm256_storeu_ps(c + 2 * ldc + 8, c21);
    _mm256_storeu_ps(c + 3 * ldc, c30); _mm256_storeu_ps(c + 3 * ldc + 8, c31);
}

/* One row by 8 columns, for the row and column remainders of the 4x16 tiling. */
UNROLL_AVX2 static void tile1x8(size_t k, const float *a, const float *b, size_t ldb, float *c, bool accumulate) {
    __m256 acc = accumulate ? _mm256_loadu_ps(c) : _mm256_setzero_ps();
    for (size_t p = 0; p < k; p++) acc = _mm256_fmadd_ps(_mm256_broadcast_ss(a + p), _mm256_loadu_ps(b + p * ldb), acc);
    _mm256_storeu_ps(c, acc);
}

/* One element, summed over k in the same order (one fused multiply-add per term) as the vector tiles. */
UNROLL_AVX2 static void tile1x1(size_t k, const float *a, const float *b, size_t ldb, float *c, bool accumulate) {
    float acc = accumulate ? *c : 0.0f;
    for (size_t p = 0; p < k; p++) acc = __builtin_fmaf(a[p], b[p * ldb], acc);
    *c = acc;
}

/* Columns [j0, n) of row i, in 8-wide then scalar steps. */
UNROLL_AVX2 static void row_columns(size_t i, size_t j0, size_t n, size_t k, const float *a, size_t lda,
                                    const float *b, size_t ldb, float *c, size_t ldc, bool accumulate) {
    size_t j = j0;
    for (; j + 8 <= n; j += 8) tile1x8(k, a + i * lda, b + j, ldb, c + i * ldc + j, accumulate);
    for (; j < n; j++) tile1x1(k, a + i * lda, b + j, ldb, c + i * ldc + j, accumulate);
}

UNROLL_AVX2 void unroll_small_gemm(size_t m, size_t n, size_t k, const float *a, size_t lda, const float *b,
                                   size_t ldb, float *c, size_t ldc, bool accumulate) {
    size_t i = 0;
    const size_t n16 = n - n % 16;
    for (; i + 4 <= m; i += 4) {
        for (size_t j = 0; j < n16; j += 16) tile4x16(k, a + i * lda, lda, b + j, ldb, c + i * ldc + j, ldc, accumulate);
        for (size_t r = i; r < i + 4; r++) row_columns(r, n16, n, k, a, lda, b, ldb, c, ldc, accumulate);
    }
    for (; i < m; i++) row_columns(i, 0, n, k, a, lda, b, ldb, c, ldc, accumulate);
}

#else

bool unroll_small_gemm_available(void) { return false; }

void unroll_small_gemm(size_t m, size_t n, size_t k, const float *a, size_t lda, const float *b, size_t ldb,
                       float *c, size_t ldc, bool accumulate) {
    /* Never called: callers check unroll_small_gemm_available() and use BLAS on other CPUs. */
    (void)m; (void)n; (void)k; (void)a; (void)lda; (void)b; (void)ldb; (void)c; (void)ldc; (void)accumulate;
}

#endif
