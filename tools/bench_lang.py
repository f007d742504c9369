#!/usr/bin/env python3
"""CPython's side of `unroll bench lang`: the same two loops, timed the same way (best of 3)."""
import time


class Box:
    def __init__(self):
        self.value = 0


def simple_loop():
    for i in range(1000000):
        x = i * 2 + 1


def attribute_loop():
    b = Box()
    for i in range(1000000):
        b.value = b.value + 1


def best(fn, repeats=3):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


if __name__ == "__main__":
    import platform
    print(f"interpreter loops, CPython {platform.python_version()} (best of 3)")
    print(f"for i in range(1000000): x = i * 2 + 1          {best(simple_loop) * 1000:8.1f} ms")
    print(f"for i in range(1000000): b.value = b.value + 1 {best(attribute_loop) * 1000:8.1f} ms")
