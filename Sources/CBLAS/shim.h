// Shim header: exposes OpenBLAS's CBLAS interface (Debian libopenblas-dev) to Swift.
#include <cblas.h>

/* LAPACK's Householder QR from OpenBLAS (it ships LAPACK but no header for it): nn.init.orthogonal_. */
void sgeqrf_(const int *m, const int *n, float *a, const int *lda, float *tau, float *work, const int *lwork, int *info);
void sorgqr_(const int *m, const int *n, const int *k, float *a, const int *lda, const float *tau, float *work,
             const int *lwork, int *info);
void dgeqrf_(const int *m, const int *n, double *a, const int *lda, double *tau, double *work, const int *lwork, int *info);
void dorgqr_(const int *m, const int *n, const int *k, double *a, const int *lda, const double *tau, double *work,
             const int *lwork, int *info);
