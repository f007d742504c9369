// Shim header: exposes OpenBLAS's CBLAS interface (Debian libopenblas-dev) to Swift.
#include <cblas.h>
