/* Markdown helpers shared by the document emitters: headings, escaped text
 * and tables. A table collects its cells, then prints them with the pipes
 * aligned (markdownlint MD060 "aligned"); a table holding any non-ASCII
 * text is printed in the "compact" style instead, since its display width
 * is not a byte count. Cells are never empty. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/esc.h"
#include "../util/format.h"
#include "emit.h"

void md_h(Buf *o, int level, const char *fmt, ...) {
  buf_fill(o, '#', level);
  buf_putc(o, ' ');
  va_list ap;
  va_start(ap, fmt);
  char tmp[512];
  int n = format_v(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  buf_put(o, tmp, n < (int)sizeof tmp ? n : (int)sizeof tmp - 1);
  buf_puts(o, "\n\n");
}

void md_hs(Buf *o, int level, const char *prefix, Str name, const char *suffix) {
  buf_fill(o, '#', level);
  buf_putc(o, ' ');
  buf_puts(o, prefix);
  esc_md(o, name);
  buf_puts(o, suffix);
  buf_puts(o, "\n\n");
}

void md_s(Buf *o, Str s) { esc_md(o, s); }

void md_table(MdTable *t, int ncols, ...) {
  *t = (MdTable){0};
  t->ncols = ncols;
  va_list ap;
  va_start(ap, ncols);
  for (int i = 0; i < ncols; i++)
    md_cell(t, "%s", va_arg(ap, const char *));
  va_end(ap);
}

static void end_cell(MdTable *t, ptrdiff_t start) {
  /* Trim, and never leave a cell empty. */
  while (t->text.n > start && t->text.p[t->text.n - 1] == ' ')
    t->text.n--;
  if (t->text.n == start)
    buf_puts(&t->text, "none");
  if (t->n == t->cap) {
    t->cap = t->cap ? t->cap * 2 : 64;
    ptrdiff_t *v = realloc(t->off, sizeof *v * (size_t)(t->cap + 1));
    if (!v)
      abort();
    t->off = v;
  }
  t->off[t->n++] = start;
}

void md_cell(MdTable *t, const char *fmt, ...) {
  ptrdiff_t start = t->text.n;
  char tmp[1024];
  va_list ap;
  va_start(ap, fmt);
  int n = format_v(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  buf_put(&t->text, tmp, n < (int)sizeof tmp ? n : (int)sizeof tmp - 1);
  end_cell(t, start);
}

void md_cells(MdTable *t, Str s) {
  ptrdiff_t start = t->text.n;
  esc_md(&t->text, s);
  end_cell(t, start);
}

void md_cell_begin(MdTable *t) { t->open = t->text.n; }
Buf *md_cell_buf(MdTable *t) { return &t->text; }
void md_cell_end(MdTable *t) { end_cell(t, t->open); }

void md_table_end(MdTable *t, Buf *o) {
  int nc = t->ncols, nrows = t->n / nc;
  ptrdiff_t *w = calloc((size_t)nc, sizeof *w);
  if (!w)
    abort();
  bool ascii = true;
  for (ptrdiff_t i = 0; i < t->text.n; i++)
    ascii &= (unsigned char)t->text.p[i] < 0x80;
  for (int i = 0; i < nrows * nc; i++) {
    ptrdiff_t len = (i + 1 < t->n ? t->off[i + 1] : t->text.n) - t->off[i];
    if (len > w[i % nc])
      w[i % nc] = len;
  }
  for (int k = 0; k < nc; k++)
    if (w[k] < 3)
      w[k] = 3;
  for (int r = 0; r < nrows; r++) {
    for (int k = 0; k < nc; k++) {
      int i = r * nc + k;
      ptrdiff_t len = (i + 1 < t->n ? t->off[i + 1] : t->text.n) - t->off[i];
      buf_puts(o, "| ");
      buf_put(o, t->text.p + t->off[i], len);
      buf_putc(o, ' ');
      if (ascii)
        buf_fill(o, ' ', w[k] - len);
    }
    buf_puts(o, "|\n");
    if (r == 0) {
      for (int k = 0; k < nc; k++) {
        buf_puts(o, "| ");
        buf_fill(o, '-', ascii ? w[k] : 3);
        buf_putc(o, ' ');
      }
      buf_puts(o, "|\n");
    }
  }
  buf_putc(o, '\n');
  free(w);
  free(t->off);
  buf_free(&t->text);
  *t = (MdTable){0};
}

void md_bullet(Buf *o, const char *fmt, ...) {
  buf_puts(o, "- ");
  char tmp[1024];
  va_list ap;
  va_start(ap, fmt);
  int n = format_v(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  buf_put(o, tmp, n < (int)sizeof tmp ? n : (int)sizeof tmp - 1);
  buf_putc(o, '\n');
}

void md_end(Buf *o) {
  while (o->n && o->p[o->n - 1] == '\n')
    o->n--;
  buf_putc(o, '\n');
}
