/* Bump allocator over one mmap'd reservation (see arena.h). */
#define _DEFAULT_SOURCE
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

Arena arena_make(ptrdiff_t cap) {
  Arena a = {0};
  void *p = mmap(NULL, (size_t)cap, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) {
    fputs("plinth: cannot reserve memory for the arena\n", stderr);
    exit(2);
  }
  a.base = a.beg = p;
  a.end = a.beg + cap;
  a.cap = cap;
  return a;
}

void arena_free(Arena *a) {
  if (a->base)
    munmap(a->base, (size_t)a->cap);
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
    fprintf(stderr, "plinth: out of memory (arena limit %td MiB)\n", a->cap >> 20);
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
