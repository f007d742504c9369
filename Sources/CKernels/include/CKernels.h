// Hand-vectorised float32 kernels for the recurrent layers: small matrix products and gate activations.
#ifndef UNROLL_CKERNELS_H
#define UNROLL_CKERNELS_H

#include <stdbool.h>
#include <stddef.h>

/// True when this CPU runs the AVX2+FMA kernels below; when false, callers use BLAS instead.
bool unroll_small_gemm_available(void);

/// Row-major C[m×n] = A[m×k]·B[k×n] (+ C when `accumulate`), for the per-time-step products of a recurrent layer
/// (m = batch, n = gates, k = hidden), where BLAS spends more time packing than multiplying. Each element sums over
/// k in order, so the result does not depend on how rows are blocked. Only call when
/// `unroll_small_gemm_available()` is true.
void unroll_small_gemm(size_t m, size_t n, size_t k, const float *a, size_t lda, const float *b, size_t ldb,
                       float *c, size_t ldc, bool accumulate);

/// x[i] = 1 / (1 + e^-x[i]) for i < n (Cephes-style exp, within a few ulp of the exact value).
void unroll_sigmoid_inplace(float *x, size_t n);

/// x[i] = tanh(x[i]) for i < n (Eigen's rational form, within 4e-7 relative).
void unroll_tanh_inplace(float *x, size_t n);

/// dst[i] = tanh(src[i]) for i < n; src and dst must not overlap.
void unroll_tanh(const float *src, float *dst, size_t n);

#endif
