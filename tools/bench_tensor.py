#!/usr/bin/env python3
# PyTorch side of `unroll bench tensor`: the same matmul GFLOP/s and elementwise table, same shapes and thread count.
# Usage: python3 tools/bench_tensor.py [threads]   (default: all cores, like Unroll)
import math
import os
import sys
import time

import torch


def seconds_per_call(body, minimum_batch=0.05, batches=5):
    body()
    iterations = 1
    while True:
        start = time.perf_counter()
        for _ in range(iterations):
            body()
        if time.perf_counter() - start >= minimum_batch or iterations >= 1 << 20:
            break
        iterations *= 2
    best = math.inf
    for _ in range(batches):
        start = time.perf_counter()
        for _ in range(iterations):
            body()
        best = min(best, (time.perf_counter() - start) / iterations)
    return best


def pattern(*shape):
    n = math.prod(shape)
    return torch.sin(torch.arange(n, dtype=torch.float64) * 0.618).float().reshape(shape)


def fmt_time(s):
    return f"{s * 1e6:.1f} us" if s < 1e-3 else f"{s * 1e3:.2f} ms"


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else os.cpu_count()
    torch.set_num_threads(threads)
    print(f"PyTorch {torch.__version__} tensor benchmark (float32, {threads} thread{'' if threads == 1 else 's'})")
    print()
    print(f"{'matmul':<22}{'time':>12}{'GFLOP/s':>10}")
    shapes = [(s, s, s) for s in (32, 64, 128, 256, 512, 1024)] + [(32, 33, 128)]
    with torch.no_grad():
        for m, k, n in shapes:
            a, b = pattern(m, k), pattern(k, n)
            s = seconds_per_call(lambda: a @ b)
            print(f"{f'{m}x{k} @ {k}x{n}':<22}{fmt_time(s):>12}{2 * m * k * n / s / 1e9:>10.1f}")
        print()
        print(f"{'elementwise (1M)':<22}{'time':>12}{'Melem/s':>10}{'GB/s':>8}")
        count = 1 << 20
        x, y = pattern(count), pattern(count)
        for name, touched, body in [("add", 3, lambda: x + y), ("mul", 3, lambda: x * y), ("tanh", 2, lambda: torch.tanh(x))]:
            s = seconds_per_call(body)
            print(f"{name:<22}{fmt_time(s):>12}{count / s / 1e6:>10.0f}{count * 4 * touched / s / 1e9:>8.1f}")


if __name__ == "__main__":
    main()
