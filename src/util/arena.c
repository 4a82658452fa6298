/* Bump allocator over one mmap'd reservation (see arena.h). */
#define _DEFAULT_SOURCE
#include "arena.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Reservations freed, kept for the next arena_make: a run makes and frees
 * scratch arenas one after another (the emitters', the revisit search's),
 * and a kept reservation brings its first pages already mapped, so the
 * next arena does not fault them in again (a fault costs a few
 * microseconds, as much as a few thousand instructions). Beyond KEPT_BYTES
 * its pages go back to the system: at most 1 MiB stays mapped for the four,
 * which counts toward a run's peak (tests/memory). */
enum { KEPT = 4 };
#define KEPT_BYTES ((size_t)256 << 10)
static struct {
  char *base;
  ptrdiff_t cap;
} kept[KEPT];
static int nkept;
static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;

/* At exit the kept reservations go back: a memory checker (valgrind's leak
 * check) reads every mapped page, and the four may span gigabytes. */
static void release_kept(void) {
  pthread_mutex_lock(&kept_lock);
  for (int i = 0; i < nkept; i++)
    munmap(kept[i].base, (size_t)kept[i].cap);
  nkept = 0;
  pthread_mutex_unlock(&kept_lock);
}

/* A kept reservation of at least `cap` bytes (the smallest), or NULL. */
static char *take_kept(ptrdiff_t cap, ptrdiff_t *got) {
  char *p = NULL;
  pthread_mutex_lock(&kept_lock);
  int best = -1;
  for (int i = 0; i < nkept; i++)
    if (kept[i].cap >= cap && (best < 0 || kept[i].cap < kept[best].cap))
      best = i;
  if (best >= 0) {
    p = kept[best].base;
    *got = kept[best].cap;
    kept[best] = kept[--nkept];
  }
  pthread_mutex_unlock(&kept_lock);
  return p;
}

Arena arena_make(ptrdiff_t cap) {
  Arena a = {0};
  ptrdiff_t got = cap;
  char *p = take_kept(cap, &got);
  if (!p) {
    void *m = mmap(NULL, (size_t)cap, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m == MAP_FAILED) {
      fputs("plinth: cannot reserve memory for the arena\n", stderr);
      exit(2);
    }
    p = m;
  }
  a.base = a.beg = p;
  a.end = a.beg + cap;   /* a larger kept reservation still ends at cap */
  a.cap = got;
  return a;
}

void arena_free(Arena *a) {
  char *unmap = a->base;
  ptrdiff_t unmap_cap = a->cap;
  /* Kept unless dropped (end == base: no pages left). */
  if (a->base && a->end > a->base) {
    /* Trimmed before another thread can take it. */
    if ((size_t)a->cap > KEPT_BYTES)
      madvise(a->base + KEPT_BYTES, (size_t)a->cap - KEPT_BYTES, MADV_DONTNEED);
    pthread_mutex_lock(&kept_lock);
    int at = nkept < KEPT ? nkept : -1;   /* a free place, else the smallest kept if smaller */
    for (int i = 0; at < 0 && i < KEPT; i++)
      if (kept[i].cap < a->cap && (at < 0 || kept[i].cap < kept[at].cap))
        at = i;
    static bool registered;
    if (!registered)
      registered = atexit(release_kept) == 0;
    if (at == nkept) {
      nkept++;
      unmap = NULL;
    } else if (at >= 0) {
      unmap = kept[at].base;
      unmap_cap = kept[at].cap;
    }
    if (at >= 0) {
      kept[at].base = a->base;
      kept[at].cap = a->cap;
    }
    pthread_mutex_unlock(&kept_lock);
  }
  if (unmap)
    munmap(unmap, (size_t)unmap_cap);
  a->base = a->beg = a->end = NULL;
}

void arena_drop(Arena *a) {
  if (a->base && mmap(a->base, (size_t)a->cap, PROT_NONE, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1,
                      0) == MAP_FAILED)
    madvise(a->base, (size_t)a->cap, MADV_DONTNEED);
  a->beg = a->end = a->base;
}

ptrdiff_t arena_used(const Arena *a) { return a->beg - a->base; }

void *arena_alloc_unzeroed(Arena *a, ptrdiff_t size, ptrdiff_t align, ptrdiff_t count) {
  ptrdiff_t pad = (ptrdiff_t)(-(uintptr_t)a->beg & (uintptr_t)(align - 1));
  ptrdiff_t avail = a->end - a->beg - pad;
  if (count < 0 || size <= 0 || avail < 0 || count > avail / size) {
    if (a->oom)
      longjmp(*a->oom, 1);
    fprintf(stderr, "plinth: out of memory (arena limit %td MiB)\n", (a->end - a->base) >> 20);
    exit(2);
  }
  char *p = a->beg + pad;
  a->beg += pad + size * count;
  return p;
}

void *arena_alloc(Arena *a, ptrdiff_t size, ptrdiff_t align, ptrdiff_t count) {
  return memset(arena_alloc_unzeroed(a, size, align, count), 0, (size_t)(size * count));
}

void *arena_grow(Arena *a, void *arr, ptrdiff_t len, int *cap, ptrdiff_t size) {
  if (len < *cap)
    return arr;
  int nc = *cap ? *cap * 2 : 16;
  /* 16 covers every element type the pipeline grows. */
  void *n = arena_alloc(a, size, 16, nc);
  if (len)
    memcpy(n, arr, (size_t)(size * len));
  *cap = nc;
  return n;
}
