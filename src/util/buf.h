/* Growable byte buffer for output. A Buf owns its heap memory; buf_free
 * releases it. Any append may move `p`: pointers into it do not survive. */
#ifndef PLINTH_BUF_H
#define PLINTH_BUF_H

#include <stddef.h>
#include <string.h>

#include "str.h"

typedef struct Buf {
  char *p;
  ptrdiff_t n, cap;
  /* When set: before a buffer of BUF_SPILL_AT bytes or more grows, its text
   * goes to spill, which empties it (a file written as it is made; only
   * for writers that never look back at what they wrote). */
  void (*spill)(void *ctx, struct Buf *b);
  void *spill_ctx;
} Buf;
#define BUF_SPILL_AT ((ptrdiff_t)1 << 20)

/* Grows the buffer (or spills it) for n more bytes, then appends them. */
void buf_put_grow(Buf *b, const char *s, ptrdiff_t n);
/* Inline: while there is room, a copy of a length known where it is
 * written. */
inline void buf_put(Buf *b, const char *s, ptrdiff_t n) {
  if (n > 0 && n <= b->cap - b->n) {
    memcpy(b->p + b->n, s, (size_t)n);
    b->n += n;
  } else
    buf_put_grow(b, s, n);
}
/* Inline: a literal's length is then known where it is written. */
inline void buf_puts(Buf *b, const char *z) { buf_put(b, z, (ptrdiff_t)strlen(z)); }
/* One byte; inline, as writers call it for every separator. */
inline void buf_putc(Buf *b, char c) {
  if (b->n < b->cap)
    b->p[b->n++] = c;
  else
    buf_put(b, &c, 1);
}
void buf_str(Buf *b, Str s);
void buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A number with every significant digit, so a bound written into a schema
 * is the bound the spec gave: integers below 1e15 without a fraction,
 * others as %.17g. */
void buf_exact(Buf *b, double v);
/* Appends `c` `n` times. */
void buf_fill(Buf *b, char c, ptrdiff_t n);
void buf_free(Buf *b);
Str buf_view(const Buf *b);

#endif
