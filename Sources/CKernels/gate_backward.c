// Gate derivatives of one backward-through-time step (LSTM, GRU, plain RNN), 8 lanes at a time with AVX2.
#include "CKernels.h"

/* The same operations, in the same order, as the scalar Swift loops these replace: no fused multiply-adds, so
   the vector and plain builds give the same bits. */
#pragma clang fp contract(off)

#define INLINE static inline __attribute__((always_inline))

INLINE void lstm_rows(size_t rows, size_t h, const float *restrict gates, const float *restrict tanh_cells,
                      const float *restrict dh, const float *restrict cell_prev, float *restrict dc,
                      float *restrict dgates) {
    const size_t g4 = 4 * h;
    for (size_t n = 0; n < rows; n++) {
        const float *ig = gates + n * g4, *fg = ig + h, *gg = ig + 2 * h, *og = ig + 3 * h;
        float *di = dgates + n * g4, *df = di + h, *dg = di + 2 * h, *dout = di + 3 * h;
        const float *tc = tanh_cells + n * h, *dhr = dh + n * h;
        const float *cp = cell_prev ? cell_prev + n * h : NULL;
        float *dcr = dc + n * h;
        for (size_t j = 0; j < h; j++) {
            const float o = og[j], t = tc[j], d = dhr[j];
            const float c = dcr[j] + d * o * (1.0f - t * t);
            const float i = ig[j], g = gg[j], f = fg[j];
            dout[j] = d * t * o * (1.0f - o);
            di[j] = c * g * i * (1.0f - i);
            dg[j] = c * i * (1.0f - g * g);
            df[j] = cp ? c * cp[j] * f * (1.0f - f) : 0.0f;
            dcr[j] = c * f;
        }
    }
}

INLINE void gru_rows(size_t rows, size_t h, const float *restrict gates, const float *restrict gh_n,
                     const float *restrict h_prev, float *restrict dh, float *restrict dgi, float *restrict dgh) {
    const size_t g3 = 3 * h;
    for (size_t n = 0; n < rows; n++) {
        const float *rg = gates + n * g3, *zg = rg + h, *ng = rg + 2 * h;
        float *dr = dgi + n * g3, *dz = dr + h, *dn = dr + 2 * h;
        float *hr = dgh + n * g3, *hz = hr + h, *hn = hr + 2 * h;
        const float *ghn = gh_n + n * h, *hp = h_prev + n * h;
        float *dhr = dh + n * h;
        for (size_t j = 0; j < h; j++) {
            const float r = rg[j], z = zg[j], nv = ng[j], d = dhr[j];
            const float dnv = d * (1.0f - z) * (1.0f - nv * nv);
            const float dzv = d * (hp[j] - nv) * z * (1.0f - z);
            const float drv = dnv * ghn[j] * r * (1.0f - r);
            dr[j] = drv; dz[j] = dzv; dn[j] = dnv;
            hr[j] = drv; hz[j] = dzv; hn[j] = dnv * r;
            dhr[j] = d * z;
        }
    }
}

INLINE void rnn_elements(size_t count, const float *restrict hidden, const float *restrict dh,
                         float *restrict dgates, bool relu) {
    if (relu) {
        for (size_t i = 0; i < count; i++) dgates[i] = dh[i] * (hidden[i] > 0.0f ? 1.0f : 0.0f);
    } else {
        for (size_t i = 0; i < count; i++) dgates[i] = dh[i] * (1.0f - hidden[i] * hidden[i]);
    }
}

#if defined(__x86_64__)
#define AVX2 __attribute__((target("avx2,fma")))
AVX2 static void lstm_backward_avx2(size_t rows, size_t h, const float *gates, const float *tanh_cells, const float *dh,
                           const float *cell_prev, float *dc, float *dgates) {
    lstm_rows(rows, h, gates, tanh_cells, dh, cell_prev, dc, dgates);
}
AVX2 static void gru_backward_avx2(size_t rows, size_t h, const float *gates, const float *gh_n, const float *h_prev,
                          float *dh, float *dgi, float *dgh) {
    gru_rows(rows, h, gates, gh_n, h_prev, dh, dgi, dgh);
}
AVX2 static void rnn_backward_avx2(size_t count, const float *hidden, const float *dh, float *dgates, bool relu) {
    rnn_elements(count, hidden, dh, dgates, relu);
}
#endif

void unroll_lstm_gates_backward(size_t rows, size_t h, const float *gates, const float *tanh_cells, const float *dh,
                                const float *cell_prev, float *dc, float *dgates) {
#if defined(__x86_64__)
    if (unroll_avx2_available()) { lstm_backward_avx2(rows, h, gates, tanh_cells, dh, cell_prev, dc, dgates); return; }
#endif
    lstm_rows(rows, h, gates, tanh_cells, dh, cell_prev, dc, dgates);
}

void unroll_gru_gates_backward(size_t rows, size_t h, const float *gates, const float *gh_n, const float *h_prev,
                               float *dh, float *dgi, float *dgh) {
#if defined(__x86_64__)
    if (unroll_avx2_available()) { gru_backward_avx2(rows, h, gates, gh_n, h_prev, dh, dgi, dgh); return; }
#endif
    gru_rows(rows, h, gates, gh_n, h_prev, dh, dgi, dgh);
}

void unroll_rnn_gates_backward(size_t count, const float *hidden, const float *dh, float *dgates, bool relu) {
#if defined(__x86_64__)
    if (unroll_avx2_available()) { rnn_backward_avx2(count, hidden, dh, dgates, relu); return; }
#endif
    rnn_elements(count, hidden, dh, dgates, relu);
}
