// AVX2+FMA register-blocked matrix product over a pre-packed B, for the per-step GEMMs of the recurrent kernels.
#include "CKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define UNROLL_AVX2 __attribute__((target("avx2,fma")))

bool unroll_avx2_available(void) {
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

size_t unroll_packed_size(size_t k, size_t n) { return k * ((n + 15) / 16) * 16; }

void unroll_pack(size_t k, size_t n, const float *b, size_t ldb, bool transposed, float *packed) {
    for (size_t j0 = 0; j0 < n; j0 += 16) {
        float *panel = packed + j0 * k;
        for (size_t p = 0; p < k; p++) {
            for (size_t c = 0; c < 16; c++) {
                size_t j = j0 + c;
                panel[p * 16 + c] = j < n ? (transposed ? b[j * ldb + p] : b[p * ldb + j]) : 0.0f;
            }
        }
    }
}

/* A 1-row by 16-column tile over a packed panel, for the rows left after the 4-row blocks. */
UNROLL_AVX2 static void tile1x16(size_t k, const float *a, const float *panel, float *c, bool accumulate) {
    __m256 c0 = accumulate ? _mm256_loadu_ps(c) : _mm256_setzero_ps();
    __m256 c1 = accumulate ? _mm256_loadu_ps(c + 8) : _mm256_setzero_ps();
    for (size_t p = 0; p < k; p++) {
        const __m256 av = _mm256_broadcast_ss(a + p);
        c0 = _mm256_fmadd_ps(av, _mm256_loadu_ps(panel + p * 16), c0);
        c1 = _mm256_fmadd_ps(av, _mm256_loadu_ps(panel + p * 16 + 8), c1);
    }
    _mm256_storeu_ps(c, c0);
    _mm256_storeu_ps(c + 8, c1);
}

UNROLL_AVX2 void unroll_packed_gemm(size_t m, size_t n, size_t k, const float *a, size_t lda, const float *packed,
                                    float *c, size_t ldc, bool accumulate) {
    float edge[4 * 16];
    for (size_t j0 = 0; j0 < n; j0 += 16) {
        const float *panel = packed + j0 * k;
        const size_t width = n - j0 < 16 ? n - j0 : 16;
        for (size_t i = 0; i < m; i += 4) {
            const size_t rows = m - i < 4 ? m - i : 4;
            if (width == 16 && rows == 4) {
                tile4x16(k, a + i * lda, lda, panel, 16, c + i * ldc + j0, ldc, accumulate);
                continue;
            }
            /* A partial tile goes through a 16-wide scratch row so nothing past column n or row m is touched. */
            for (size_t r = 0; r < rows; r++) {
                for (size_t col = 0; col < 16; col++) edge[r * 16 + col] = col < width && accumulate ? c[(i + r) * ldc + j0 + col] : 0.0f;
                tile1x16(k, a + (i + r) * lda, panel, edge + r * 16, accumulate);
                for (size_t col = 0; col < width; col++) c[(i + r) * ldc + j0 + col] = edge[r * 16 + col];
            }
        }
    }
}

#else

bool unroll_avx2_available(void) { return false; }

size_t unroll_packed_size(size_t k, size_t n) { return k * ((n + 15) / 16) * 16; }

void unroll_pack(size_t k, size_t n, const float *b, size_t ldb, bool transposed, float *packed) {
    (void)k; (void)n; (void)b; (void)ldb; (void)transposed; (void)packed;
}

void unroll_packed_gemm(size_t m, size_t n, size_t k, const float *a, size_t lda, const float *packed,
                        float *c, size_t ldc, bool accumulate) {
    /* Never called: callers check unroll_avx2_available() and use BLAS on other CPUs. */
    (void)m; (void)n; (void)k; (void)a; (void)lda; (void)packed; (void)c; (void)ldc; (void)accumulate;
}

#endif
