/* Diagnostics sink and renderer (see diag.h). */
#include "diag.h"

#include "esc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void build_lines(Arena *a, SourceFile *f) {
  ptrdiff_t n = 1;
  for (ptrdiff_t i = 0; i < f->text.n; i++)
    n += f->text.p[i] == '\n';
  f->lines = new(a, ptrdiff_t, n);
  f->nlines = 0;
  f->lines[f->nlines++] = 0;
  for (ptrdiff_t i = 0; i < f->text.n; i++)
    if (f->text.p[i] == '\n')
      f->lines[f->nlines++] = i + 1;
}

/* Index of the line holding byte `off`. */
static ptrdiff_t line_of(const SourceFile *f, ptrdiff_t off) {
  ptrdiff_t lo = 0, hi = f->nlines - 1;
  while (lo < hi) {
    ptrdiff_t mid = lo + (hi - lo + 1) / 2;
    if (f->lines[mid] <= off)
      lo = mid;
    else
      hi = mid - 1;
  }
  return lo;
}

static int is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

/* Bytes in the display cell at p: a whole valid UTF-8 sequence, or one byte
 * of anything else (shown as '?'). Columns count these cells. */
static ptrdiff_t cell_len(const char *cp, ptrdiff_t n) {
  const unsigned char *p = (const unsigned char *)cp;
  unsigned char c = p[0];
  int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 1;
  if (len == 1 || c >= 0xF5 || len > n)
    return 1;
  for (int k = 1; k < len; k++)
    if (!is_cont(p[k]))
      return 1;
  /* No overlong forms, no surrogates, nothing past U+10FFFF. */
  if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] >= 0xA0) || (c == 0xF0 && p[1] < 0x90) ||
      (c == 0xF4 && p[1] >= 0x90))
    return 1;
  return len;
}

static ptrdiff_t cells(const char *p, ptrdiff_t n) {
  ptrdiff_t c = 0;
  for (ptrdiff_t i = 0; i < n; i += cell_len(p + i, n - i))
    c++;
  return c;
}

void diag_locate(Arena *a, const SourceFile *cf, ptrdiff_t off, int *line, int *col) {
  SourceFile *f = (SourceFile *)cf; /* the line map is a cache */
  if (!f->lines)
    build_lines(a, f);
  if (off > f->text.n)
    off = f->text.n;
  ptrdiff_t l = line_of(f, off);
  ptrdiff_t c = 1 + cells(f->text.p + f->lines[l], off - f->lines[l]);
  *line = (int)(l + 1);
  *col = c > 1000000000 ? 1000000000 : (int)c;
}

void diag_at(DiagSink *s, const SourceFile *f, Severity sev, ptrdiff_t off, ptrdiff_t len, const char *fmt, ...) {
  if (s->stop)
    return;
  if (sev == SEV_WARNING && s->werror)
    sev = SEV_ERROR;
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  uint64_t h = 0xcbf29ce484222325ull ^ (uint64_t)sev;
  for (const char *c = msg; *c; c++)
    h = (h ^ (unsigned char)*c) * 0x100000001b3ull;
  if (sev == SEV_ERROR)
    s->errors++;
  else if (sev == SEV_WARNING)
    s->warnings++;
  bool same = sev != SEV_NOTE && h == s->last_hash && sev == s->last_sev;
  if (same && s->shown < DIAG_SAME_SHOWN) {
    s->shown++;
    same = false;   /* shown: a few in a row say where the pattern is */
  } else if (!same)
    s->shown = 1;
  if (same) {
    s->repeats++;
    s->repeated += sev == SEV_ERROR;
    s->rep_file = f;
    s->rep_off = off;
    s->rep_len = len;
    return;
  }
  if (s->shown == 1)
    diag_flush(s);
  Diagnostic d = {.sev = sev, .file = f, .off = off, .len = len, .msg = msg};
  if (f)
    diag_locate(s->arena, f, off, &d.line, &d.col);
  s->last_hash = h;
  s->last_sev = sev;
  if (s->shown == 1) {
    s->first_line = d.line;
    snprintf(s->last_msg, sizeof s->last_msg, "%s", msg);
  }
  if (s->fn)
    s->fn(s->ctx, &d);
  int max = s->max_errors ? s->max_errors : 20;
  if (sev == SEV_ERROR && s->errors - s->repeated >= max) {
    Diagnostic stop = {.sev = SEV_NOTE, .msg = "too many errors; stopping"};
    if (s->fn)
      s->fn(s->ctx, &stop);
    s->stop = true;
  }
}

void diag_flush(DiagSink *s) {
  if (!s->repeats)
    return;
  char msg[160];
  if (s->repeats == 1) {
    /* One more is shown as it is. */
    Diagnostic one = {.sev = s->last_sev, .file = s->rep_file, .off = s->rep_off, .len = s->rep_len, .msg = s->last_msg};
    if (one.file)
      diag_locate(s->arena, one.file, one.off, &one.line, &one.col);
    s->repeats = 0;
    s->last_hash = 0;
    s->shown = 0;
    if (s->fn)
      s->fn(s->ctx, &one);
    return;
  }
  const char *what = s->last_sev == SEV_ERROR ? "error" : "warning";
  if (s->first_line)
    snprintf(msg, sizeof msg, "%d more %s%s like the one at line %d, the last here", s->repeats, what,
             s->repeats == 1 ? "" : "s", s->first_line);
  else
    snprintf(msg, sizeof msg, "%d more %s%s like the ones above", s->repeats, what, s->repeats == 1 ? "" : "s");
  Diagnostic d = {.sev = SEV_NOTE, .file = s->rep_file, .off = s->rep_off, .len = s->rep_len, .msg = msg};
  if (d.file)
    diag_locate(s->arena, d.file, d.off, &d.line, &d.col);
  s->repeats = 0;
  s->last_hash = 0;
  s->shown = 0;
  if (s->fn)
    s->fn(s->ctx, &d);
}

int diag_clip(Str s) {
  if (s.n <= DIAG_NAME_MAX)
    return (int)s.n;
  int n = DIAG_NAME_MAX;
  while (n > 0 && (s.p[n] & 0xC0) == 0x80)
    n--;
  return n;
}

static const char *sev_name[] = {"note", "warning", "error"};

/* Shows at most this many bytes of a source line around the caret. */
enum { WINDOW_BEFORE = 60, WINDOW = 160 };

/* How a source line shows a cell: ASCII controls as a space, invalid
 * UTF-8 as '?', the other code points no terminal should get raw (C1
 * controls, separators, BOM, noncharacters, bidirectional controls) as
 * <U+XXXX>. Appends it to out (when not NULL); returns its width. */
static int show_cell(Buf *out, const char *p, ptrdiff_t len) {
  unsigned char c = (unsigned char)p[0];
  int32_t cp;
  if (c == '\t' || c < 0x20 || c == 0x7f) {
    if (out)
      buf_putc(out, ' ');
    return 1;
  }
  if (c < 0x80) {
    if (out)
      buf_putc(out, (char)c);
    return 1;
  }
  if (len == 1) {
    if (out)
      buf_putc(out, '?');
    return 1;
  }
  esc_next((Str){p, len}, 0, &cp);
  if (esc_hostile(cp)) {
    char b[16];
    int w = snprintf(b, sizeof b, "<U+%04X>", (unsigned)cp);
    if (out)
      buf_puts(out, b);
    return w;
  }
  if (out)
    buf_put(out, p, len);
  return 1;
}

static void put_visible(Buf *out, const char *p, ptrdiff_t n) {
  for (ptrdiff_t i = 0; i < n;) {
    ptrdiff_t len = cell_len(p + i, n - i);
    show_cell(out, p + i, len);
    i += len;
  }
}

/* The width put_visible gives p[0..n). */
static ptrdiff_t shown_width(const char *p, ptrdiff_t n) {
  ptrdiff_t w = 0;
  for (ptrdiff_t i = 0; i < n;) {
    ptrdiff_t len = cell_len(p + i, n - i);
    w += show_cell(NULL, p + i, len);
    i += len;
  }
  return w;
}

/* A message or file name with every hostile code point as \u{XXXX} and
 * every byte that is not UTF-8 as \xHH: nothing raw reaches the terminal. */
void diag_put_escaped(Buf *out, const char *z) {
  Str s = str_c(z);
  for (ptrdiff_t i = 0; i < s.n;) {
    int32_t cp;
    int len = esc_next(s, i, &cp);
    if (cp < 0)
      buf_printf(out, "\\x%02X", (unsigned char)s.p[i]);
    else if (esc_hostile(cp))
      buf_printf(out, "\\u{%X}", (unsigned)cp);
    else
      buf_put(out, s.p + i, len);
    i += len;
  }
}

void diag_render(Buf *out, const Diagnostic *d) {
  if (!d->file) {
    buf_printf(out, "plinth: %s: ", sev_name[d->sev]);
    diag_put_escaped(out, d->msg);
    buf_putc(out, '\n');
    return;
  }
  const SourceFile *f = d->file;
  diag_put_escaped(out, f->name);
  buf_printf(out, ":%d:%d: %s: ", d->line, d->col, sev_name[d->sev]);
  diag_put_escaped(out, d->msg);
  buf_putc(out, '\n');
  ptrdiff_t ls = f->lines[d->line - 1];
  ptrdiff_t le = ls;
  while (le < f->text.n && f->text.p[le] != '\n')
    le++;
  if (le > ls && f->text.p[le - 1] == '\r')
    le--;
  ptrdiff_t off = d->off < ls ? ls : d->off > le ? le : d->off;
  /* Clip long lines to a window around the caret, on code point boundaries. */
  ptrdiff_t ws = ls, we = le;
  if (off - ws > WINDOW_BEFORE) {
    ws = off - WINDOW_BEFORE;
    while (ws < off && is_cont((unsigned char)f->text.p[ws]))
      ws++;
  }
  if (we - ws > WINDOW) {
    we = ws + WINDOW;
    while (we > off && we < le && is_cont((unsigned char)f->text.p[we]))
      we--;
  }
  char num[16];
  int w = snprintf(num, sizeof num, "%d", d->line);
  if (w < 4)
    w = 4;
  buf_printf(out, "%*d | ", w, d->line);
  if (ws > ls)
    buf_puts(out, "...");
  put_visible(out, f->text.p + ws, we - ws);
  if (we < le)
    buf_puts(out, "...");
  buf_putc(out, '\n');
  buf_fill(out, ' ', w);
  buf_puts(out, " | ");
  if (ws > ls)
    buf_puts(out, "   ");
  buf_fill(out, ' ', shown_width(f->text.p + ws, off - ws));
  buf_putc(out, '^');
  ptrdiff_t end = d->off + d->len;
  if (end > we)
    end = we;
  ptrdiff_t under = end > off ? shown_width(f->text.p + off, end - off) : 1;
  buf_fill(out, '~', under - 1);
  buf_putc(out, '\n');
}
