/* String slices. A Str points into memory it does not own (the source text or
 * an arena) and is never assumed to be NUL-terminated. */
#ifndef PLINTH_STR_H
#define PLINTH_STR_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"

typedef struct {
  const char *p;
  ptrdiff_t n;
} Str;

#define S(lit) ((Str){(lit), (ptrdiff_t)sizeof(lit) - 1})
/* For printf: "%.*s", STRF(s). */
#define STRF(s) (int)(s).n, (s).p

/* Inline: a literal's length is then known where it is written. */
inline Str str_c(const char *z) { return (Str){z, (ptrdiff_t)strlen(z)}; }
/* Equality, inline: names are compared on every hot path (the chooser, the
 * cost model, every KB lookup), most differing at the first byte. */
inline bool str_eq(Str a, Str b) {
  if (a.n != b.n)
    return false;
  for (ptrdiff_t i = 0; i < a.n; i++)
    if (a.p[i] != b.p[i])
      return false;
  return true;
}
/* Against a C string, without strlen. */
inline bool str_eqc(Str a, const char *z) {
  for (ptrdiff_t i = 0; i < a.n; i++)
    if (!z[i] || z[i] != a.p[i])
      return false;
  return z[a.n] == 0;
}
/* ASCII case-insensitive equality. */
bool str_ieq(Str a, Str b);
int str_cmp(Str a, Str b);
bool str_has_prefix(Str s, Str prefix);
/* Where `needle` (n > 0 bytes) first occurs in s at or after `from`, or -1. */
ptrdiff_t str_find(Str s, ptrdiff_t from, const char *needle, size_t n);
/* Copies into the arena with a terminating NUL (for C APIs). */
char *str_dupz(Arena *a, Str s);
Str str_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
Str str_vprintf(Arena *a, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
uint64_t str_hash(Str s);
/* A copy with its first ASCII letter in lower case: "Task" -> "task". */
Str str_lower_first(Arena *a, Str s);
/* "use-aws-lambda-for-compute": ASCII letters and digits lower-cased, runs
 * of anything else as one hyphen, none at either end, at most `max` bytes;
 * empty when `s` has no letter or digit. `cut` is set when `s` had more. */
Str str_slug(Arena *a, Str s, int max, bool *cut);
/* Edit distance, or `limit`+1 when it exceeds `limit` (cheap early exit).
 * Different strings over 64 bytes are never close: limit+1. */
int str_distance(Str a, Str b, int limit);

#endif
