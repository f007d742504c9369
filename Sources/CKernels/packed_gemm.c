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

/* Eight rows of 8 floats (stride ld) written as their transpose into 8 rows of a 16-wide panel. */
UNROLL_AVX2 static void transpose8x8(const float *src, size_t ld, float *dst) {
    __m256 r0 = _mm256_loadu_ps(src), r1 = _mm256_loadu_ps(src + ld), r2 = _mm256_loadu_ps(src + 2 * ld),
           r3 = _mm256_loadu_ps(src + 3 * ld), r4 = _mm256_loadu_ps(src + 4 * ld), r5 = _mm256_loadu_ps(src + 5 * ld),
           r6 = _mm256_loadu_ps(src + 6 * ld), r7 = _mm256_loadu_ps(src + 7 * ld);
    __m256 t0 = _mm256_unpacklo_ps(r0, r1), t1 = _mm256_unpackhi_ps(r0, r1), t2 = _mm256_unpacklo_ps(r2, r3),
           t3 = _mm256_unpackhi_ps(r2, r3), t4 = _mm256_unpacklo_ps(r4, r5), t5 = _mm256_unpackhi_ps(r4, r5),
           t6 = _mm256_unpacklo_ps(r6, r7), t7 = _mm256_unpackhi_ps(r6, r7);
    r0 = _mm256_shuffle_ps(t0, t2, 0x44); r1 = _mm256_shuffle_ps(t0, t2, 0xEE);
    r2 = _mm256_shuffle_ps(t1, t3, 0x44); r3 = _mm256_shuffle_ps(t1, t3, 0xEE);
    r4 = _mm256_shuffle_ps(t4, t6, 0x44); r5 = _mm256_shuffle_ps(t4, t6, 0xEE);
    r6 = _mm256_shuffle_ps(t5, t7, 0x44); r7 = _mm256_shuffle_ps(t5, t7, 0xEE);
    _mm256_storeu_ps(dst, _mm256_permute2f128_ps(r0, r4, 0x20));
    _mm256_storeu_ps(dst + 16, _mm256_permute2f128_ps(r1, r5, 0x20));
    _mm256_storeu_ps(dst + 32, _mm256_permute2f128_ps(r2, r6, 0x20));
    _mm256_storeu_ps(dst + 48, _mm256_permute2f128_ps(r3, r7, 0x20));
    _mm256_storeu_ps(dst + 64, _mm256_permute2f128_ps(r0, r4, 0x31));
    _mm256_storeu_ps(dst + 80, _mm256_permute2f128_ps(r1, r5, 0x31));
    _mm256_storeu_ps(dst + 96, _mm256_permute2f128_ps(r2, r6, 0x31));
    _mm256_storeu_ps(dst + 112, _mm256_permute2f128_ps(r3, r7, 0x31));
}

UNROLL_AVX2 void unroll_pack(size_t k, size_t n, const float *b, size_t ldb, bool transposed, float *packed) {
    for (size_t j0 = 0; j0 < n; j0 += 16) {
        float *panel = packed + j0 * k;
        size_t p = 0;
        if (j0 + 16 <= n) {
            if (!transposed) {
                /* A full panel of a row-major B: 16 contiguous floats per row. */
                for (; p < k; p++) {
                    _mm256_storeu_ps(panel + p * 16, _mm256_loadu_ps(b + p * ldb + j0));
                    _mm256_storeu_ps(panel + p * 16 + 8, _mm256_loadu_ps(b + p * ldb + j0 + 8));
                }
            } else {
                /* B stored transposed: panel column c is row j0 + c of the storage, moved 8x8 at a time. */
                for (; p + 8 <= k; p += 8) {
                    transpose8x8(b + j0 * ldb + p, ldb, panel + p * 16);
                    transpose8x8(b + (j0 + 8) * ldb + p, ldb, panel + p * 16 + 8);
                }
            }
        }
        /* Whatever is left (a partial panel, or the last k % 8 rows of a transposed one), element by element. */
        for (; p < k; p++) {
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
