// One forward time step's gate activations and state update (LSTM, GRU) for a block of batch rows, in one call.
#include "CKernels.h"
#include "gate_functions.h"

#define INLINE static inline __attribute__((always_inline))

/* The activations are the array kernels' formulas (gate_functions.h, same compile target, so the same bits). The
   state updates below are separate roundings, as the Swift loops they replace: no fused multiply-adds there. */

INLINE float blend(float a, float b, float c, float d) {
#pragma clang fp contract(off)
    return a * b + c * d;
}

INLINE float add_product(float a, float b, float c) {
#pragma clang fp contract(off)
    return a + b * c;
}

/* Each loop gets its own restrict-qualified arrays: gate blocks are offsets into one row, and without this the
   compiler cannot prove they do not overlap and leaves the activations scalar. */
INLINE void sigmoid_loop(float *restrict x, size_t n) {
    for (size_t j = 0; j < n; j++) x[j] = sigmoid_cephes(x[j]);
}

INLINE void sigmoid_of_sum_loop(float *restrict x, const float *restrict y, size_t n) {
    for (size_t j = 0; j < n; j++) x[j] = sigmoid_cephes(x[j] + y[j]);
}

INLINE void tanh_loop(float *restrict x, size_t n) {
    for (size_t j = 0; j < n; j++) x[j] = tanh_rational(x[j]);
}

INLINE void lstm_state_loop(size_t n, const float *restrict i, const float *restrict f, const float *restrict g,
                            const float *restrict o, const float *restrict cp, float *restrict c,
                            float *restrict tc, float *restrict ho) {
    for (size_t j = 0; j < n; j++) c[j] = blend(f[j], cp[j], i[j], g[j]);
    for (size_t j = 0; j < n; j++) tc[j] = tanh_rational(c[j]);
    for (size_t j = 0; j < n; j++) ho[j] = o[j] * tc[j];
}

INLINE void gru_state_loop(size_t n, const float *restrict r, const float *restrict z, float *restrict nv,
                           const float *restrict hn, const float *restrict hp, float *restrict ghn,
                           float *restrict ho) {
    for (size_t j = 0; j < n; j++) nv[j] = tanh_rational(add_product(nv[j], r[j], hn[j]));
    for (size_t j = 0; j < n; j++) ghn[j] = hn[j];
    for (size_t j = 0; j < n; j++) ho[j] = blend(1.0f - z[j], nv[j], z[j], hp[j]);
}

INLINE void lstm_rows(size_t rows, size_t h, float *gates, const float *cell_prev, float *cells, float *tanh_cells,
                      float *h_out, size_t ldh) {
    for (size_t n = 0; n < rows; n++) {
        float *ig = gates + n * 4 * h;
        sigmoid_loop(ig, 2 * h);
        tanh_loop(ig + 2 * h, h);
        sigmoid_loop(ig + 3 * h, h);
        lstm_state_loop(h, ig, ig + h, ig + 2 * h, ig + 3 * h, cell_prev + n * h, cells + n * h, tanh_cells + n * h,
                        h_out + n * ldh);
    }
}

INLINE void gru_rows(size_t rows, size_t h, float *gates, const float *gh, const float *h_prev, size_t ldp,
                     float *gh_n, float *h_out, size_t ldh) {
    for (size_t n = 0; n < rows; n++) {
        float *rg = gates + n * 3 * h;
        const float *hrow = gh + n * 3 * h;
        sigmoid_of_sum_loop(rg, hrow, 2 * h);
        gru_state_loop(h, rg, rg + h, rg + 2 * h, hrow + 2 * h, h_prev + n * ldp, gh_n + n * h, h_out + n * ldh);
    }
}

INLINE void add_rows(size_t rows, size_t n, const float *restrict values, float *restrict x, size_t ld) {
    for (size_t r = 0; r < rows; r++) {
        float *row = x + r * ld;
        for (size_t j = 0; j < n; j++) row[j] += values[j];
    }
}

#if defined(__x86_64__)
#define AVX2 __attribute__((target("avx2,fma")))
AVX2 static void lstm_forward_avx2(size_t rows, size_t h, float *gates, const float *cell_prev, float *cells,
                           float *tanh_cells, float *h_out, size_t ldh) {
    lstm_rows(rows, h, gates, cell_prev, cells, tanh_cells, h_out, ldh);
}
AVX2 static void gru_forward_avx2(size_t rows, size_t h, float *gates, const float *gh, const float *h_prev, size_t ldp,
                          float *gh_n, float *h_out, size_t ldh) {
    gru_rows(rows, h, gates, gh, h_prev, ldp, gh_n, h_out, ldh);
}
AVX2 static void add_rows_avx2(size_t rows, size_t n, const float *values, float *x, size_t ld) {
    add_rows(rows, n, values, x, ld);
}
#endif

void unroll_lstm_cell_forward(size_t rows, size_t h, float *gates, const float *cell_prev, float *cells,
                              float *tanh_cells, float *h_out, size_t ldh) {
#if defined(__x86_64__)
    if (unroll_avx2_available()) {
        lstm_forward_avx2(rows, h, gates, cell_prev, cells, tanh_cells, h_out, ldh);
        return;
    }
#endif
    lstm_rows(rows, h, gates, cell_prev, cells, tanh_cells, h_out, ldh);
}

void unroll_gru_cell_forward(size_t rows, size_t h, float *gates, const float *gh, const float *h_prev, size_t ldp,
                             float *gh_n, float *h_out, size_t ldh) {
#if defined(__x86_64__)
    if (unroll_avx2_available()) { gru_forward_avx2(rows, h, gates, gh, h_prev, ldp, gh_n, h_out, ldh); return; }
#endif
    gru_rows(rows, h, gates, gh, h_prev, ldp, gh_n, h_out, ldh);
}

void unroll_add_to_rows(size_t rows, size_t n, const float *values, float *x, size_t ld) {
#if defined(__x86_64__)
    if (unroll_avx2_available()) { add_rows_avx2(rows, n, values, x, ld); return; }
#endif
    add_rows(rows, n, values, x, ld);
}
