# Keeps glibc from serving PyTorch's large per-step buffers with fresh mmap pages, so the benches time its steady state.
"""glibc's malloc hands out blocks above its mmap threshold (128 KiB at start) as fresh mappings, and raises that
threshold only after such a block has been freed. PyTorch's LSTM (oneDNN) allocates megabytes per training step, so
until the threshold has grown every step page-faults its workspace in again: on this project's machine the bike-size
LSTM step took 22 ms for a while and then, within the same process, 16 ms. Fixing the threshold before the first
allocation gives the 16 ms from the start, the time a PyTorch user can have, so the comparison is against that."""
import ctypes
import ctypes.util

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3


def keep_heap_allocations():
    """Serves blocks up to 32 MiB (glibc's largest allowed threshold) from the heap and never trims it. Returns a
    note for the bench header, saying whether it took effect (it cannot off glibc)."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name or "libc.so.6")
        done = libc.mallopt(M_MMAP_THRESHOLD, 32 << 20) == 1 and libc.mallopt(M_TRIM_THRESHOLD, 1 << 30) == 1
    except (OSError, AttributeError):
        done = False
    return "glibc heap kept (steady state)" if done else "default allocator"
