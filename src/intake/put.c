/* The draft's writing helpers (draft.h): text copied clean, "from the
 * text" and "assumed" comments, figures, numbers, durations and sizes as
 * the spec language writes them. Every pass that writes uses them; they
 * call nothing of the passes. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "draft.h"

/* Copies s as valid UTF-8 without control characters or quotes, for a
 * string or a comment (invalid bytes become '?', newlines spaces). */
void dr_put_clean(Buf *b, Str s, bool in_string) {
  for (ptrdiff_t i = 0; i < s.n;) {
    unsigned char c = (unsigned char)s.p[i];
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7f)
        buf_putc(b, ' ');
      else if (in_string && (c == '"' || c == '\\'))
        buf_putc(b, '\'');
      else
        buf_putc(b, (char)c);
      i++;
      continue;
    }
    int len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    bool ok = len && i + len <= s.n;
    for (int k = 1; ok && k < len; k++)
      ok = ((unsigned char)s.p[i + k] & 0xC0) == 0x80;
    if (ok && len == 3) {
      unsigned char c1 = (unsigned char)s.p[i + 1];
      ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
    }
    if (ok && len == 4) {
      unsigned char c1 = (unsigned char)s.p[i + 1];
      ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
    }
    if (ok) {
      buf_put(b, s.p + i, len);
      i += len;
    } else {
      buf_putc(b, '?');
      i++;
    }
  }
}

/* Pads the current line to column `col` for a trailing comment. */
static void pad_to(Buf *b, int col) {
  ptrdiff_t ls = b->n;
  while (ls > 0 && b->p[ls - 1] != '\n')
    ls--;
  ptrdiff_t w = b->n - ls;
  buf_fill(b, ' ', w < col ? col - w : 1);
}

void dr_from_text(Buf *b, Str s) {
  pad_to(b, 30);
  buf_puts(b, "# from the text: \"");
  dr_put_clean(b, s, true);
  buf_puts(b, "\"\n");
}

void dr_quoted(Buf *b, const char *lead, Str s, const char *tail) {
  pad_to(b, 30);
  buf_printf(b, "# %s\"", lead);
  dr_put_clean(b, s, true);
  buf_printf(b, "\"%s \xe2\x80\x94 change me\n", tail);
}

void dr_assumed(Buf *b, const char *fmt, ...) {
  pad_to(b, 30);
  buf_puts(b, "# assumed: ");
  va_list ap;
  va_start(ap, fmt);
  char tmp[512];
  vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  buf_puts(b, tmp);
  buf_puts(b, " \xe2\x80\x94 change me\n");
}

/* A figure: the text's, the one varied for the sensitivity search, or
 * the default. */
double dr_fig(const Draft *d, const Vary *vy, FigId id, double dflt, bool *given) {
  if (vy && vy->fig == (int)id) {
    *given = false;
    return vy->v;
  }
  *given = d->f[id].given;
  return d->f[id].given || d->f[id].v > 0 ? d->f[id].v : dflt;
}

/* Figures as the spec writes them. */
void dr_put_num(Buf *b, double v) {
  if (v == floor(v) && fabs(v) < 1e15)
    buf_printf(b, "%.0f", v);
  else
    buf_printf(b, "%.4g", v);
}

void dr_put_duration(Buf *b, double s) {
  if (s < 1)
    buf_printf(b, "%.0fms", s * 1000 < 1 ? 1 : s * 1000);
  else if (s < 120 && s == floor(s))
    buf_printf(b, "%.0fs", s);
  else if (s < 7200)
    buf_printf(b, "%.0fm", s / 60 < 1 ? 1 : floor(s / 60 + 0.5));
  else if (s < 2 * 86400)
    buf_printf(b, "%.0fh", floor(s / 3600 + 0.5));
  else if (s < 8 * 7 * 86400)
    buf_printf(b, "%.0f days", floor(s / 86400 + 0.5));
  else if (fabs(s / 2629800.0 - floor(s / 2629800.0 + 0.5)) < 0.02)
    buf_printf(b, "%.0f months", floor(s / 2629800.0 + 0.5));
  else
    buf_printf(b, "%.0f weeks", floor(s / 604800 + 0.5));
}

void dr_put_size(Buf *b, double bytes) {
  if (bytes >= 1e9 && fmod(bytes, 1e9) == 0)
    buf_printf(b, "%.0fGB", bytes / 1e9);
  else if (bytes >= 1e6 && fmod(bytes, 1e6) == 0)
    buf_printf(b, "%.0fMB", bytes / 1e6);
  else
    buf_printf(b, "%.0fKB", ceil(bytes / 1e3) < 1 ? 1 : ceil(bytes / 1e3));
}

/* "a" or "an" before a name: by its first sound, so "a User", "a Unit",
 * "a Europe..." (a U or Eu read "you"), "an Update", "an Order". */
const char *dr_article(Str name) {
  char c = name.n ? (char)(name.p[0] | 0x20) : 'x', c1 = name.n > 1 ? (char)(name.p[1] | 0x20) : 'x',
       c2 = name.n > 2 ? (char)(name.p[2] | 0x20) : 'x';
  if (c == 'e' && c1 == 'u')
    return "a";
  if (c == 'u' && !strchr("aeiou", c1) && strchr("aeiou", c2))
    return "a";
  return strchr("aeiou", c) ? "an" : "a";
}
