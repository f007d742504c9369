// A small persistent thread pool for splitting one kernel call into a fixed number of parts.
#ifndef UNROLL_WORKER_POOL_H
#define UNROLL_WORKER_POOL_H

#include <stddef.h>

/// One part of a split call: `context` is the caller's, `index` the part number.
typedef void (*unroll_part_fn)(void *context, size_t index);

/// Runs part(context, i) for every i < count and returns when all have finished: part 0 on the calling thread,
/// part i on pool thread i-1 (started on first use and kept; idle threads spin for a moment, then sleep). Which
/// thread runs a part never changes what it computes, so callers that fix the parts by shape stay deterministic.
/// When another thread is using the pool, or a part itself calls this, every part runs on the calling thread.
void unroll_parallel_for(size_t count, unroll_part_fn part, void *context);

#endif
