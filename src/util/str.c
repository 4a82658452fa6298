/* String slice helpers (see str.h). */
#define _GNU_SOURCE /* memmem (glibc declares it for GNU only) */
#include "str.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "format.h"

extern inline Str str_c(const char *z);

extern inline bool str_eq(Str a, Str b);
extern inline bool str_eqc(Str a, const char *z);

/* memmem skips ahead by the needle's length where a byte-wise search stops
 * at every occurrence of its first byte ('<' in HTML). */
ptrdiff_t str_find(Str s, ptrdiff_t from, const char *needle, size_t n) {
  if (from < 0 || from >= s.n)
    return -1;
  const char *c = memmem(s.p + from, (size_t)(s.n - from), needle, n);
  return c ? c - s.p : -1;
}

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

bool str_ieq(Str a, Str b) {
  if (a.n != b.n)
    return false;
  for (ptrdiff_t i = 0; i < a.n; i++)
    if (lower((unsigned char)a.p[i]) != lower((unsigned char)b.p[i]))
      return false;
  return true;
}

int str_cmp(Str a, Str b) {
  /* The first bytes settle most comparisons of a search without a call. */
  if (a.n && b.n && a.p[0] != b.p[0])
    return (unsigned char)a.p[0] < (unsigned char)b.p[0] ? -1 : 1;
  ptrdiff_t n = a.n < b.n ? a.n : b.n;
  int c = n ? memcmp(a.p, b.p, (size_t)n) : 0;
  if (c)
    return c;
  return a.n < b.n ? -1 : a.n > b.n;
}

bool str_has_prefix(Str s, Str prefix) {
  return prefix.n == 0 || (s.n >= prefix.n && memcmp(s.p, prefix.p, (size_t)prefix.n) == 0);
}

char *str_dupz(Arena *a, Str s) {
  char *z = new(a, char, s.n + 1);
  if (s.n)
    memcpy(z, s.p, (size_t)s.n);
  return z;
}

/* Formatted once into a buffer on the stack, and copied; only a longer
 * text is formatted again, into the arena. */
Str str_vprintf(Arena *a, const char *fmt, va_list ap) {
  char small[256];
  va_list copy;
  va_copy(copy, ap);
  int n = format_v(small, sizeof small, fmt, copy);
  va_end(copy);
  if (n < 0)
    return (Str){0};
  char *z = new_unzeroed(a, char, n + 1);
  if (n < (int)sizeof small)
    memcpy(z, small, (size_t)n + 1);
  else
    format_v(z, (size_t)n + 1, fmt, ap);
  return (Str){z, n};
}

Str str_printf(Arena *a, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  Str s = str_vprintf(a, fmt, ap);
  va_end(ap);
  return s;
}

uint64_t str_hash(Str s) {
  uint64_t h = 0x100000001b3ull ^ (uint64_t)s.n;
  for (ptrdiff_t i = 0; i < s.n; i++) {
    h ^= (unsigned char)s.p[i];
    h *= 1111111111111111111ull;
  }
  return h ^ (h >> 32);
}

int str_distance(Str a, Str b, int limit) {
  enum { MAXN = 64 };
  if (str_eq(a, b))
    return 0;
  if (a.n > MAXN || b.n > MAXN)
    return limit + 1;
  ptrdiff_t d = a.n - b.n;
  if (d > limit || -d > limit)
    return limit + 1;
  int row[MAXN + 1];
  for (ptrdiff_t j = 0; j <= b.n; j++)
    row[j] = (int)j;
  for (ptrdiff_t i = 1; i <= a.n; i++) {
    int diag = row[0], best = row[0] = (int)i;
    for (ptrdiff_t j = 1; j <= b.n; j++) {
      int up = row[j];
      int cost = lower((unsigned char)a.p[i - 1]) != lower((unsigned char)b.p[j - 1]);
      int v = diag + cost;
      if (up + 1 < v)
        v = up + 1;
      if (row[j - 1] + 1 < v)
        v = row[j - 1] + 1;
      row[j] = v;
      diag = up;
      if (v < best)
        best = v;
    }
    if (best > limit)
      return limit + 1;
  }
  return row[b.n] > limit ? limit + 1 : row[b.n];
}

Str str_slug(Arena *a, Str s, int max, bool *cut) {
  char *o = new(a, char, max + 1);
  int n = 0;
  bool gap = false;
  ptrdiff_t i = 0;
  for (; i < s.n; i++) {
    unsigned char c = (unsigned char)s.p[i];
    if (c >= 'A' && c <= 'Z')
      c = (unsigned char)(c - 'A' + 'a');
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
      gap = true;
      continue;
    }
    if (n + (gap && n) >= max)
      break;
    if (gap && n)
      o[n++] = '-';
    o[n++] = (char)c;
    gap = false;
  }
  if (cut)
    *cut = i < s.n;
  return (Str){o, n};
}

Str str_lower_first(Arena *a, Str s) {
  char *z = str_dupz(a, s);
  if (s.n && z[0] >= 'A' && z[0] <= 'Z')
    z[0] = (char)(z[0] + 32);
  return (Str){z, s.n};
}
