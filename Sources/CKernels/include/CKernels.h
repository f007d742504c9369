// Hand-vectorised float32 kernels for the recurrent layers: small matrix products and gate activations.
#ifndef UNROLL_CKERNELS_H
#define UNROLL_CKERNELS_H

#include <stdbool.h>
#include <stddef.h>

#include "WorkerPool.h"

/// True when this CPU has AVX2 and FMA; the product kernels below may only be called then (callers use BLAS
/// otherwise), while the activations check it themselves and fall back to plain loops.
bool unroll_avx2_available(void);

/// Floats needed to hold a k×n matrix packed by `unroll_pack` (n rounded up to 16-column panels).
size_t unroll_packed_size(size_t k, size_t n);

/// Packs the k×n matrix B (row-major with leading dimension ldb, or, when `transposed`, stored as its n×k
/// transpose) into 16-column panels, each k rows of 16 contiguous floats, zero-padded. A weight matrix is packed
/// once per layer call and reused by every time step.
void unroll_pack(size_t k, size_t n, const float *b, size_t ldb, bool transposed, float *packed);

/// Row-major C[m×n] = A[m×k]·B (+ C when `accumulate`), B packed by `unroll_pack`, for the per-time-step products of
/// a recurrent layer (m = batch rows), where BLAS spends more time packing than multiplying. Every load of B is
/// contiguous, and each element sums over k in order with one fused multiply-add per term whichever tile computes
/// it, so results do not depend on how rows and columns are blocked.
void unroll_packed_gemm(size_t m, size_t n, size_t k, const float *a, size_t lda, const float *packed,
                        float *c, size_t ldc, bool accumulate);

/// x[i] = 1 / (1 + e^-x[i]) for i < n (Cephes-style exp, within a few ulp of the exact value).
void unroll_sigmoid_inplace(float *x, size_t n);

/// x[i] = tanh(x[i]) for i < n (Eigen's rational form, within 4e-7 relative).
void unroll_tanh_inplace(float *x, size_t n);

/// dst[i] = tanh(src[i]) for i < n; src and dst must not overlap.
void unroll_tanh(const float *src, float *dst, size_t n);

/// One LSTM step forward for `rows` batch rows: activates the gates in place (i, f, o sigmoid, g tanh; 4h floats per
/// row, pre-activations in), then c = f·c_prev + i·g, tanh(c) and h = o·tanh(c) (row stride `ldh`).
void unroll_lstm_cell_forward(size_t rows, size_t h, float *gates, const float *cell_prev, float *cells,
                              float *tanh_cells, float *h_out, size_t ldh);

/// One GRU step forward for `rows` batch rows. `gates` holds the input-side pre-activations (r, z, n; 3h per row)
/// and becomes the activated r, z, n; `gh` is W_hh·h + b_hh. Writes W_hn·h + b_hn to `gh_n` (for backward) and
/// h' = (1 - z)·n + z·h to `h_out` (row stride `ldh`); `h_prev` has row stride `ldp`.
void unroll_gru_cell_forward(size_t rows, size_t h, float *gates, const float *gh, const float *h_prev, size_t ldp,
                             float *gh_n, float *h_out, size_t ldh);

/// Adds `values` (n floats) to each of `rows` rows of x (row stride ld): the biases of a step's pre-activations.
void unroll_add_to_rows(size_t rows, size_t n, const float *values, float *x, size_t ld);

/// One LSTM step of backward through time for `rows` batch rows. Per row: gates (i, f, g, o activated, 4h floats),
/// tanh of the cell state, the hidden-state gradient dh and the previous cell state (NULL: zeros) are read; the
/// cell-state gradient dc (h floats, holding the gradient from later steps) becomes the one for the previous step,
/// and dgates (4h floats) receives the pre-activation gate gradients.
void unroll_lstm_gates_backward(size_t rows, size_t h, const float *gates, const float *tanh_cells, const float *dh,
                                const float *cell_prev, float *dc, float *dgates);

/// One GRU step of backward through time for `rows` batch rows. Per row: gates (r, z, n activated, 3h floats),
/// W_hn·h + b_hn (h floats) and the previous hidden state are read; dh (h floats) becomes its direct part z·dh;
/// dgi receives the gradients of the input-side pre-activations and dgh those of the hidden-side ones (3h each).
void unroll_gru_gates_backward(size_t rows, size_t h, const float *gates, const float *gh_n, const float *h_prev,
                               float *dh, float *dgi, float *dgh);

/// dgates[i] = dh[i]·tanh'(·) (or ·relu'(·)) for a plain RNN, from the step's output `hidden`.
void unroll_rnn_gates_backward(size_t count, const float *hidden, const float *dh, float *dgates, bool relu);

/// One step of torch.optim.Adam for a contiguous float32 parameter without weight decay, amsgrad or maximize:
/// m = lerp(m, g, 1 - beta1) (`lerp_forward` picks ATen's formula), v = v·beta2 + (1 - beta2)·g·g,
/// w += neg_step · m / (sqrt(v) / sqrt_bc2 + eps), each operation rounded on its own in adam.py's order (no fused
/// multiply-adds), so every lane gives the same bits as the scalar loop.
void unroll_adam_update(float *w, const float *g, float *m, float *v, size_t n, float lerp_weight, bool lerp_forward,
                        float beta2, float one_minus_beta2, float sqrt_bc2, float eps, float neg_step);

#endif
