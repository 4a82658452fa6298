/* Arena allocation: one arena per compilation (and, in the server, per request).
 *
 * An arena is a single reserved region; allocation bumps a pointer and returns
 * zeroed memory. Nothing allocated from an arena is freed on its own: the whole
 * arena is released with arena_free (or rewound by copying an earlier Arena
 * value, which is how scratch arenas passed by value work).
 *
 * Running out of space never returns NULL: if `oom` is set the allocator
 * longjmps there, otherwise it prints a message and exits with status 2. */
#ifndef PLINTH_ARENA_H
#define PLINTH_ARENA_H

#include <setjmp.h>
#include <stddef.h>

typedef struct {
  char *beg, *end;
  char *base;        /* start of the reservation, for arena_free */
  ptrdiff_t cap;     /* size of the reservation */
  jmp_buf *oom;      /* where to go when full; NULL: exit(2) */
} Arena;

#define new(a, T, n) ((T *)arena_alloc((a), (ptrdiff_t)sizeof(T), (ptrdiff_t)_Alignof(T), (n)))

/* Reserves `cap` bytes of address space; pages are committed on first use.
 * It may be a reservation an earlier arena_free kept, with its first pages
 * still mapped (and not zeroed: arena_alloc zeroes what it hands out). */
Arena arena_make(ptrdiff_t cap);
/* Gives the reservation back, or keeps it for the next arena_make (its
 * first 256 KiB mapped, the rest returned to the system). */
void arena_free(Arena *a);
/* Gives the arena's memory back but keeps its range reserved, and any
 * access to it faulting, until arena_free: a pointer left into it fails at
 * once instead of reading memory mapped there later. */
void arena_drop(Arena *a);
void *arena_alloc(Arena *a, ptrdiff_t size, ptrdiff_t align, ptrdiff_t count);
/* The same, not zeroed: only for an array every element of which is
 * assigned before it is read, on a hot path (the chooser's candidates). */
#define new_unzeroed(a, T, n) ((T *)arena_alloc_unzeroed((a), (ptrdiff_t)sizeof(T), (ptrdiff_t)_Alignof(T), (n)))
void *arena_alloc_unzeroed(Arena *a, ptrdiff_t size, ptrdiff_t align, ptrdiff_t count);
/* Bytes handed out so far. */
ptrdiff_t arena_used(const Arena *a);

/* Room for one more element in a growing arena array of `len` elements and
 * capacity *cap: when full, the array is copied to a block twice as large
 * (the old block stays in the arena, as everything does). Returns the
 * array, which may have moved. */
void *arena_grow(Arena *a, void *arr, ptrdiff_t len, int *cap, ptrdiff_t size);
/* Appends a zeroed element to arr[0..len) and returns a pointer to it. */
#define push(a, arr, len, cap) \
  ((arr) = arena_grow((a), (arr), (len), &(cap), (ptrdiff_t)sizeof *(arr)), &(arr)[(len)++])

#endif
