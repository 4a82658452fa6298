/* JSON writer (see json.h). */
#include "json.h"

#include <math.h>
#include <stdio.h>

#include "format.h"

/* Nesting deeper than JSON_MAX_DEPTH shares the last slot: still valid JSON. */
static bool *first(Json *j) { return &j->first[j->depth < JSON_MAX_DEPTH ? j->depth : JSON_MAX_DEPTH - 1]; }

static void sep(Json *j) {
  if (j->after_key) {
    j->after_key = false;
    return;
  }
  if (j->depth > 0) {
    if (!*first(j))
      buf_putc(j->out, ',');
    *first(j) = false;
    buf_putc(j->out, '\n');
    buf_fill(j->out, ' ', 2 * j->depth);
  }
}

static void open(Json *j, char c) {
  sep(j);
  buf_putc(j->out, c);
  j->depth++;
  *first(j) = true;
}

static void close(Json *j, char c) {
  bool empty = *first(j);
  j->depth--;
  if (!empty) {
    buf_putc(j->out, '\n');
    buf_fill(j->out, ' ', 2 * j->depth);
  }
  buf_putc(j->out, c);
  if (j->depth == 0)
    buf_putc(j->out, '\n');
}

void json_obj(Json *j) {
  bool top = j->depth == 0 && !j->after_key;
  open(j, '{');
  if (top && j->schema) {
    const char *name = j->schema;
    j->schema = NULL; /* once: a second top-level value is not this output */
    json_key(j, "$schema");
    json_cstr(j, name);
  }
}
void json_arr(Json *j) { open(j, '['); }
void json_end_obj(Json *j) { close(j, '}'); }
void json_end_arr(Json *j) { close(j, ']'); }

void json_key(Json *j, const char *key) {
  sep(j);
  buf_putc(j->out, '"');
  esc_json(j->out, str_c(key));
  buf_puts(j->out, "\": ");
  j->after_key = true;
}

void json_str(Json *j, Str s) {
  sep(j);
  buf_putc(j->out, '"');
  esc_json(j->out, s);
  buf_putc(j->out, '"');
}

void json_cstr(Json *j, const char *z) { json_str(j, str_c(z)); }

void fmt_num(char *buf, double v) {
  if (v == 0)
    v = 0; /* no "-0" */
  if (v == floor(v) && fabs(v) < 1e15) {
    /* what "%.0f" prints for an integer, without printf */
    long long k = (long long)v;
    unsigned long long u = k < 0 ? 0ull - (unsigned long long)k : (unsigned long long)k;
    char digits[24];
    int n = 0, i = 0;
    do
      digits[n++] = (char)('0' + u % 10);
    while (u /= 10);
    if (k < 0)
      buf[i++] = '-';
    while (n)
      buf[i++] = digits[--n];
    buf[i] = 0;
  } else
    format_s(buf, 32, "%.10g", v);
}

void json_num(Json *j, double v) {
  sep(j);
  if (!isfinite(v)) {
    buf_puts(j->out, "null");
    return;
  }
  char b[32];
  fmt_num(b, v);
  buf_puts(j->out, b);
}

void json_bool(Json *j, bool b) {
  sep(j);
  buf_puts(j->out, b ? "true" : "false");
}

void json_null(Json *j) {
  sep(j);
  buf_puts(j->out, "null");
}
