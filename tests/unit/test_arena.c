/* Unit tests for the arena (src/util/arena.c): a freed reservation is kept
 * for the next arena_make with its first pages still mapped, so a run that
 * makes and frees scratch arenas one after another faults those pages in
 * once; what it hands out is zeroed all the same; a dropped arena is not
 * kept; the limit is the size asked for, even in a larger
 * kept reservation. Residency is read with mincore. */
#define _DEFAULT_SOURCE
#include "harness.h"

#include <sys/mman.h>
#include <unistd.h>

#include "util/arena.h"

static bool resident(const void *p) {
  long page = sysconf(_SC_PAGESIZE);
  unsigned char v = 0;
  void *at = (void *)((uintptr_t)p & ~(uintptr_t)(page - 1));
  return mincore(at, (size_t)page, &v) == 0 && (v & 1);
}

static void test_kept_with_pages(void **state) {
  (void)state;
  enum { CAP = 1 << 24 };
  Arena a = arena_make(CAP);
  char *p = new(&a, char, 3 * 4096);
  memset(p, 'x', 3 * 4096);
  char *base = a.base;
  arena_free(&a);
  assert_null(a.base);
  Arena b = arena_make(CAP);
  assert_ptr_equal(b.base, base);        /* the same reservation */
  assert_true(resident(b.base + 4096));  /* its pages still mapped */
  char *q = new(&b, char, 3 * 4096);
  for (int i = 0; i < 3 * 4096; i++)     /* and handed out zeroed */
    assert_int_equal(q[i], 0);
  arena_free(&b);
}

static void test_larger_kept_keeps_limit(void **state) {
  (void)state;
  /* Larger than what the test above kept, which is the smallest that fits
   * a smaller request. */
  Arena big = arena_make((ptrdiff_t)1 << 27);
  char *base = big.base;
  arena_free(&big);
  Arena small = arena_make((ptrdiff_t)1 << 25);
  assert_ptr_equal(small.base, base);
  assert_int_equal(small.end - small.base, (ptrdiff_t)1 << 25);   /* the limit asked for */
  arena_free(&small);
}

static void test_dropped_not_kept(void **state) {
  (void)state;
  Arena d = arena_make((ptrdiff_t)1 << 22);
  char *dbase = d.base;
  new(&d, char, 100);
  arena_drop(&d);
  arena_free(&d);
  /* A dropped range is not kept (its pages fault, PROT_NONE): the next
   * arena is writable, wherever it is. */
  Arena h = arena_make((ptrdiff_t)1 << 22);
  char *w = new(&h, char, 8192);
  w[0] = w[8191] = 1;
  assert_true(h.base != dbase || resident(w));
  arena_free(&h);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_kept_with_pages),
    cmocka_unit_test(test_larger_kept_keeps_limit),
    cmocka_unit_test(test_dropped_not_kept),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
