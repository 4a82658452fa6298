/* Growable output buffer (see buf.h). */
#include "buf.h"

#include <math.h>

#include "format.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void grow(Buf *b, ptrdiff_t extra) {
  if (b->cap - b->n >= extra)
    return;
  if (b->spill && b->n >= BUF_SPILL_AT) {
    b->spill(b->spill_ctx, b);
    if (b->cap - b->n >= extra)
      return;
  }
  ptrdiff_t cap = b->cap ? b->cap : 256;
  while (cap - b->n < extra)
    cap *= 2;
  char *p = realloc(b->p, (size_t)cap);
  if (!p) {
    fputs("plinth: realloc returned null pointer, aborting\n", stderr);
    abort();
  }
  b->p = p;
  b->cap = cap;
}

extern inline void buf_put(Buf *b, const char *s, ptrdiff_t n);

void buf_put_grow(Buf *b, const char *s, ptrdiff_t n) {
  if (n <= 0)
    return;
  grow(b, n);
  memcpy(b->p + b->n, s, (size_t)n);
  b->n += n;
}

extern inline void buf_puts(Buf *b, const char *z);

extern inline void buf_putc(Buf *b, char c);

void buf_str(Buf *b, Str s) { buf_put(b, s.p, s.n); }

void buf_fill(Buf *b, char c, ptrdiff_t n) {
  if (n <= 0)
    return;
  grow(b, n);
  memset(b->p + b->n, c, (size_t)n);
  b->n += n;
}

/* Formatted once into the room the buffer has; only a text longer than
 * that is formatted again, after the buffer grows. */
void buf_printf(Buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  ptrdiff_t room = b->cap - b->n;
  int n = format_v(room > 0 ? b->p + b->n : NULL, room > 0 ? (size_t)room : 0, fmt, ap);
  va_end(ap);
  if (n < 0)
    return;
  if (n >= room) {
    grow(b, n + 1);
    va_start(ap, fmt);
    format_v(b->p + b->n, (size_t)n + 1, fmt, ap);
    va_end(ap);
  }
  b->n += n;
}

void buf_free(Buf *b) {
  free(b->p);
  b->p = NULL;
  b->n = b->cap = 0;
}

Str buf_view(const Buf *b) { return (Str){b->p, b->n}; }

void buf_exact(Buf *b, double v) {
  if (v == floor(v) && fabs(v) < 1e15)
    buf_printf(b, "%.0f", v);
  else
    buf_printf(b, "%.17g", v);
}
