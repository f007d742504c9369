#!/usr/bin/env python3
# PyTorch side of `unroll bench rnn`: forward and training-step times of RNN, LSTM and GRU, same sizes and threads.
# Usage: python3 tools/bench_rnn.py [threads] [size] [model]   (threads default 1, as `unroll bench rnn --threads N`;
#        size keeps the rows whose label starts with it, as `--size H128`; model as `--model LSTM`)
import math
import sys
import time

from steady_heap import keep_heap_allocations

heap_note = keep_heap_allocations()  # before torch allocates anything

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

SIZES = [(32, 96, 32, 1), (128, 24, 32, 18), (256, 100, 64, 32)]  # hidden, steps, batch, features


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


def measure(kind, hidden, steps, batch, features):
    rnn = getattr(nn, kind)(features, hidden, num_layers=2, batch_first=True)
    fc = nn.Linear(hidden, 1)
    x, y = pattern(batch, steps, features), pattern(batch, 1)

    def predict():
        return fc(rnn(x)[0][:, -1, :])

    def forward():
        with torch.no_grad():
            predict()

    opt = torch.optim.Adam(list(rnn.parameters()) + list(fc.parameters()))

    def train():
        opt.zero_grad()
        loss = F.mse_loss(predict(), y)
        loss.backward()
        opt.step()

    return seconds_per_call(forward), seconds_per_call(train)


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    size_filter = sys.argv[2] if len(sys.argv) > 2 else ""
    models = [sys.argv[3]] if len(sys.argv) > 3 else ["RNN", "LSTM", "GRU"]
    torch.set_num_threads(threads)
    print(f"PyTorch {torch.__version__} recurrent benchmark (float32, 2 layers, batch_first, "
          f"{threads} thread{'' if threads == 1 else 's'}, {heap_note})")
    print()
    print(f"{'model':<7}{'size':<22}{'forward':>12}{'train step':>13}")
    for hidden, steps, batch, features in SIZES:
        label = f"H{hidden} L{steps} N{batch} F{features}"
        if not label.startswith(size_filter):
            continue
        for kind in models:
            fwd, train = measure(kind, hidden, steps, batch, features)
            print(f"{kind:<7}{label:<22}{fmt_time(fwd):>12}{fmt_time(train):>13}")


if __name__ == "__main__":
    main()
