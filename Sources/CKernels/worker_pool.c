// A persistent pool of threads that run the fixed parts of one split kernel call, woken in microseconds.
#include "WorkerPool.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <time.h>

#if defined(__x86_64__)
#include <immintrin.h>
#define CPU_RELAX() _mm_pause()
#elif defined(__aarch64__)
#define CPU_RELAX() __asm__ __volatile__("yield")
#else
#define CPU_RELAX() ((void)0)
#endif

/* Helper threads at most; parts past this many run on the calling thread. */
#define MAX_HELPERS 63
/* How long an idle helper spins before it sleeps: a training step calls the pool every few hundred microseconds,
   and waking a sleeping thread costs tens of microseconds, but an idle REPL must not keep a core busy. */
#define SPIN_NANOS 300000ull
/* How long the caller spins on an unfinished part before it also yields its core between checks. */
#define WAIT_SPIN_NANOS 1000000ull

typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    _Atomic unsigned long long posted;   /* generation of the last part handed to this helper */
    _Atomic unsigned long long finished; /* generation of the last part it completed */
    unroll_part_fn part;
    void *context;
    size_t index;
    unsigned long long started_at; /* the generation when the helper was created: it has seen every part before */
} helper_t;

static helper_t helpers[MAX_HELPERS];
static size_t started = 0;                   /* helpers running; only changed under pool_lock */
static unsigned long long generation = 0;    /* only changed under pool_lock */
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;

static unsigned long long now_nanos(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long long)ts.tv_sec * 1000000000ull + (unsigned long long)ts.tv_nsec;
}

static void *helper_main(void *arg) {
    helper_t *h = arg;
    /* Not `posted`: the first part may already have been posted before this thread got to run. */
    unsigned long long seen = h->started_at;
    for (;;) {
        const unsigned long long spin_start = now_nanos();
        unsigned long spins = 0;
        while (atomic_load_explicit(&h->posted, memory_order_acquire) == seen) {
            CPU_RELAX();
            if ((++spins & 255) == 0 && now_nanos() - spin_start > SPIN_NANOS) {
                pthread_mutex_lock(&h->lock);
                while (atomic_load_explicit(&h->posted, memory_order_acquire) == seen) {
                    pthread_cond_wait(&h->wake, &h->lock);
                }
                pthread_mutex_unlock(&h->lock);
            }
        }
        /* The acquire load above makes part, context and index (written before the release store) visible. */
        seen = atomic_load_explicit(&h->posted, memory_order_acquire);
        h->part(h->context, h->index);
        atomic_store_explicit(&h->finished, seen, memory_order_release);
    }
    return NULL;
}

/* Starts helpers until `wanted` run (or thread creation fails); returns how many run. Called under pool_lock. */
static size_t ensure_helpers(size_t wanted) {
    while (started < wanted) {
        helper_t *h = &helpers[started];
        pthread_mutex_init(&h->lock, NULL);
        pthread_cond_init(&h->wake, NULL);
        h->started_at = generation;
        atomic_store(&h->posted, generation);
        atomic_store(&h->finished, generation);
        pthread_t thread;
        if (pthread_create(&thread, NULL, helper_main, h) != 0) break;
        pthread_detach(thread);
        started++;
    }
    return started < wanted ? started : wanted;
}

void unroll_parallel_for(size_t count, unroll_part_fn part, void *context) {
    if (count == 0) return;
    if (count == 1 || pthread_mutex_trylock(&pool_lock) != 0) {
        for (size_t i = 0; i < count; i++) part(context, i);
        return;
    }
    const size_t wanted = count - 1 < MAX_HELPERS ? count - 1 : MAX_HELPERS;
    const size_t used = ensure_helpers(wanted);
    const unsigned long long gen = ++generation;
    for (size_t i = 0; i < used; i++) {
        helper_t *h = &helpers[i];
        h->part = part;
        h->context = context;
        h->index = i + 1;
        pthread_mutex_lock(&h->lock);
        atomic_store_explicit(&h->posted, gen, memory_order_release);
        pthread_cond_signal(&h->wake);
        pthread_mutex_unlock(&h->lock);
    }
    part(context, 0);
    for (size_t i = used + 1; i < count; i++) part(context, i);
    const unsigned long long wait_start = now_nanos();
    for (size_t i = 0; i < used; i++) {
        unsigned long spins = 0;
        while (atomic_load_explicit(&helpers[i].finished, memory_order_acquire) != gen) {
            CPU_RELAX();
            if ((++spins & 255) == 0 && now_nanos() - wait_start > WAIT_SPIN_NANOS) sched_yield();
        }
    }
    pthread_mutex_unlock(&pool_lock);
}
