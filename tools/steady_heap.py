# Keeps glibc from serving PyTorch's large per-step buffers with fresh mmap pages, so the benches time its steady state.
"""glibc's malloc hands out blocks above its mmap threshold (128 KiB at start) as fresh mappings, and raises that
threshold only after such a block has been freed. PyTorch's LSTM (oneDNN) allocates megabytes per training step, so
until the threshold has grown every step page-faults its workspace in again: on this project's machine the bike-size
LSTM step took 22 ms for a while and then, within the same process, 16 ms. Keeping large blocks on the heap from
the first allocation (here: no mmap at all) gives the 16 ms from the start, the time a PyTorch user can have, so
the comparison is against that."""
import ctypes
import ctypes.util

M_TRIM_THRESHOLD = -1
M_MMAP_MAX = -4


def keep_heap_allocations():
    """Serves every block from the heap (no mmap at all: the largest threshold glibc accepts, 32 MiB, is below the
    H256 LSTM's workspace) and never trims it. Returns a note for the bench header, saying whether it took effect
    (it cannot off glibc)."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name or "libc.so.6")
        done = libc.mallopt(M_MMAP_MAX, 0) == 1 and libc.mallopt(M_TRIM_THRESHOLD, 1 << 30) == 1
    except (OSError, AttributeError):
        done = False
    return "glibc heap kept (steady state)" if done else "default allocator"
