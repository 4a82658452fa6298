/* Unit tests for diagnostics (src/util/diag.c): line and column lookup, the
 * text rendering with its caret line, and the sink's counters, error limit
 * and -Werror. Every rendered block below was laid out by hand following the
 * format in STYLE.md section 4:
 *
 *   file:line:col: severity: message
 *   NNNN | source line
 *        | ^~~~
 *
 * where the line number takes at least four columns. */
#include "harness.h"
#include "util/diag.h"

/* ---- fixture: a file, an arena and a sink that renders every diagnostic ---- */

typedef struct {
  Buf out;
  int calls;
  Severity sev[64];
  int line[64], col[64];
  bool has_file[64];
  char msg[64][1100];
} Log;

static void on_diag(void *ctx, const Diagnostic *d) {
  Log *l = ctx;
  if (l->calls < 64) {
    l->sev[l->calls] = d->sev;
    l->line[l->calls] = d->line;
    l->col[l->calls] = d->col;
    l->has_file[l->calls] = d->file != NULL;
    snprintf(l->msg[l->calls], sizeof l->msg[0], "%s", d->msg);
  }
  l->calls++;
  diag_render(&l->out, d);
}

typedef struct {
  Arena arena;
  SourceFile file;
  DiagSink sink;
  Log *log;
} Fix;

static Fix *fix_new(const char *text, ptrdiff_t n) {
  Fix *f = calloc(1, sizeof *f);
  assert_non_null(f);
  f->log = calloc(1, sizeof *f->log);
  assert_non_null(f->log);
  f->arena = arena_make((ptrdiff_t)1 << 26);
  f->file.name = "t.plinth";
  f->file.text = (Str){text, n};
  f->sink.fn = on_diag;
  f->sink.ctx = f->log;
  f->sink.arena = &f->arena;
  return f;
}

static Fix *fix_z(const char *text) { return fix_new(text, (ptrdiff_t)strlen(text)); }

static void fix_free(Fix *f) {
  buf_free(&f->log->out);
  arena_free(&f->arena);
  free(f->log);
  free(f);
}

/* The rendered output so far, NUL-terminated. */
static const char *out(Fix *f) {
  buf_putc(&f->log->out, 0);
  f->log->out.n--;
  return f->log->out.p;
}

static void locate(Fix *f, ptrdiff_t off, int line, int col) {
  int l = -1, c = -1;
  diag_locate(&f->arena, &f->file, off, &l, &c);
  if (l != line || c != col)
    fail_msg("offset %td: got %d:%d, expected %d:%d", off, l, c, line, col);
}

/* ---- diag_locate ---- */

static void test_locate(void **state) {
  (void)state;
  Fix *f = fix_z("ab\ncd\n");
  locate(f, 0, 1, 1);
  locate(f, 1, 1, 2);
  locate(f, 2, 1, 3); /* the newline itself ends line 1 */
  locate(f, 3, 2, 1);
  locate(f, 4, 2, 2);
  locate(f, 5, 2, 3);
  locate(f, 6, 3, 1); /* end of file, after the last newline */
  locate(f, 99, 3, 1); /* past the end: clamped */
  assert_int_equal(f->file.nlines, 3);
  fix_free(f);

  f = fix_z("");
  locate(f, 0, 1, 1);
  fix_free(f);

  f = fix_z("\n\n\nx");
  locate(f, 3, 4, 1);
  locate(f, 4, 4, 2);
  locate(f, 1, 2, 1);
  fix_free(f);
}

static void test_locate_utf8(void **state) {
  (void)state;
  /* é (2 bytes) 日 (3 bytes) x: x is the third code point */
  Fix *f = fix_z("\xC3\xA9\xE6\x97\xA5x\n\xF0\x9F\x98\x80y");
  locate(f, 0, 1, 1);
  locate(f, 2, 1, 2);
  locate(f, 5, 1, 3);
  locate(f, 6, 1, 4);
  locate(f, 11, 2, 2); /* y after a 4-byte emoji */
  /* a tab is one column */
  fix_free(f);
  f = fix_z("\t\tx");
  locate(f, 2, 1, 3);
  fix_free(f);
}

static void test_locate_many_lines(void **state) {
  (void)state;
  /* 100,000 lines "x\n": line k starts at byte 2(k-1) */
  enum { N = 100000 };
  char *t = malloc(2 * N);
  assert_non_null(t);
  for (int i = 0; i < N; i++)
    t[2 * i] = 'x', t[2 * i + 1] = '\n';
  Fix *f = fix_new(t, 2 * N);
  locate(f, 0, 1, 1);
  locate(f, 2 * 54321, 54322, 1);
  locate(f, 2 * 54321 + 1, 54322, 2);
  locate(f, 2 * N - 1, N, 2);
  locate(f, 2 * N, N + 1, 1);
  fix_free(f);
  free(t);
}

/* ---- diag_render ---- */

static void test_render_basic(void **state) {
  (void)state;
  Fix *f = fix_z("project \"x\" {}\nentity Ordr {\n");
  diag_at(&f->sink, &f->file, SEV_ERROR, 22, 4, "unknown entity '%s'", "Ordr");
  assert_string_equal(out(f), "t.plinth:2:8: error: unknown entity 'Ordr'\n"
                              "   2 | entity Ordr {\n"
                              "     |        ^~~~\n");
  fix_free(f);
}

static void test_render_severities(void **state) {
  (void)state;
  Fix *f = fix_z("ab cd\n");
  diag_at(&f->sink, &f->file, SEV_WARNING, 3, 2, "w");
  diag_at(&f->sink, &f->file, SEV_NOTE, 0, 1, "n");
  assert_string_equal(out(f), "t.plinth:1:4: warning: w\n"
                              "   1 | ab cd\n"
                              "     |    ^~\n"
                              "t.plinth:1:1: note: n\n"
                              "   1 | ab cd\n"
                              "     | ^\n");
  fix_free(f);
}

static void test_render_no_file(void **state) {
  (void)state;
  Buf b = {0};
  Diagnostic d = {.sev = SEV_ERROR, .msg = "cannot open 'x'"};
  diag_render(&b, &d);
  buf_putc(&b, 0);
  assert_string_equal(b.p, "plinth: error: cannot open 'x'\n");
  buf_free(&b);
}

static void test_render_zero_length(void **state) {
  (void)state;
  /* a zero-length range still gets one caret */
  Fix *f = fix_z("abc\n");
  diag_at(&f->sink, &f->file, SEV_ERROR, 1, 0, "here");
  assert_string_equal(out(f), "t.plinth:1:2: error: here\n"
                              "   1 | abc\n"
                              "     |  ^\n");
  fix_free(f);
}

static void test_render_tabs(void **state) {
  (void)state;
  /* a tab is shown as one space, so the caret (one column per code point) lines up */
  Fix *f = fix_z("\tx = 1\n\t\tyy\n");
  diag_at(&f->sink, &f->file, SEV_ERROR, 1, 1, "a");
  diag_at(&f->sink, &f->file, SEV_ERROR, 9, 2, "b");
  assert_string_equal(out(f), "t.plinth:1:2: error: a\n"
                              "   1 |  x = 1\n"
                              "     |  ^\n"
                              "t.plinth:2:3: error: b\n"
                              "   2 |   yy\n"
                              "     |   ^~\n");
  fix_free(f);
}

static void test_render_utf8(void **state) {
  (void)state;
  /* "日本 bad": the caret sits after three cells, and a two-code-point token
   * "é日" (5 bytes) gets a caret and one tilde */
  Fix *f = fix_z("\xE6\x97\xA5\xE6\x9C\xAC bad\n\xC3\xA9\xE6\x97\xA5 x\n");
  diag_at(&f->sink, &f->file, SEV_ERROR, 7, 3, "a");
  diag_at(&f->sink, &f->file, SEV_ERROR, 11, 5, "b");
  assert_string_equal(out(f), "t.plinth:1:4: error: a\n"
                              "   1 | \xE6\x97\xA5\xE6\x9C\xAC bad\n"
                              "     |    ^~~\n"
                              "t.plinth:2:1: error: b\n"
                              "   2 | \xC3\xA9\xE6\x97\xA5 x\n"
                              "     | ^~\n");
  fix_free(f);
}

static void test_render_control_and_bad_bytes(void **state) {
  (void)state;
  /* control bytes show as spaces; an invalid lead byte as '?' (one cell, one column) */
  Fix *f = fix_z("a\x01" "b\xFF" "c @\n");
  diag_at(&f->sink, &f->file, SEV_ERROR, 6, 1, "a");
  assert_string_equal(out(f), "t.plinth:1:7: error: a\n"
                              "   1 | a b?c @\n"
                              "     |       ^\n");
  fix_free(f);
}

/* Returns the column (byte index after "| ") of `c` in the source line of a
 * rendered diagnostic, and of the caret in the line under it. */
static void caret_columns(const char *r, char c, ptrdiff_t *at, ptrdiff_t *caret) {
  const char *l2 = strchr(r, '\n') + 1;
  const char *l3 = strchr(l2, '\n') + 1;
  const char *src = strstr(l2, "| ") + 2;
  const char *car = strstr(l3, "| ") + 2;
  *at = strchr(src, c) - src;
  *caret = strchr(car, '^') - car;
}

/* DEFECT (reported): put_visible() prints a stray UTF-8 continuation byte as
 * '?' (one cell), but the caret offset and the column (cells(), diag_locate)
 * do not count continuation bytes. So on a line holding one, the caret lands
 * one cell left of the token. Here the source line shows as "a?b @" and the
 * caret must sit under '@'. The same happens after a truncated sequence such
 * as E2 82 followed by a space (two '?' shown, one counted). */
static void test_render_stray_continuation_aligned(void **state) {
  (void)state;
  ptrdiff_t at1, caret1, at2, caret2;
  Fix *f = fix_z("a\x80" "b @\n");
  diag_at(&f->sink, &f->file, SEV_ERROR, 4, 1, "a");
  caret_columns(out(f), '@', &at1, &caret1);
  fix_free(f);

  f = fix_z("\xE2\x82 @\n");
  diag_at(&f->sink, &f->file, SEV_ERROR, 3, 1, "a");
  caret_columns(out(f), '@', &at2, &caret2);
  fix_free(f);

  assert_int_equal(caret1, at1);
  assert_int_equal(caret2, at2);
}

static void test_render_end_of_file(void **state) {
  (void)state;
  /* no trailing newline: the caret goes one past the last character */
  Fix *f = fix_z("entity A {");
  diag_at(&f->sink, &f->file, SEV_ERROR, 10, 0, "expected '}'");
  assert_string_equal(out(f), "t.plinth:1:11: error: expected '}'\n"
                              "   1 | entity A {\n"
                              "     |           ^\n");
  fix_free(f);

  /* with a trailing newline, end of file is an empty line 2 */
  f = fix_z("x {\n");
  diag_at(&f->sink, &f->file, SEV_ERROR, 4, 1, "eof");
  assert_string_equal(out(f), "t.plinth:2:1: error: eof\n"
                              "   2 | \n"
                              "     | ^\n");
  fix_free(f);

  /* an empty file */
  f = fix_z("");
  diag_at(&f->sink, &f->file, SEV_WARNING, 0, 0, "empty");
  assert_string_equal(out(f), "t.plinth:1:1: warning: empty\n"
                              "   1 | \n"
                              "     | ^\n");
  fix_free(f);
}

static void test_render_range_past_line(void **state) {
  (void)state;
  /* a range running past the end of the line is cut at the line end */
  Fix *f = fix_z("ab\ncd\n");
  diag_at(&f->sink, &f->file, SEV_ERROR, 1, 4, "x");
  assert_string_equal(out(f), "t.plinth:1:2: error: x\n"
                              "   1 | ab\n"
                              "     |  ^\n");
  fix_free(f);
}

static void test_render_crlf(void **state) {
  (void)state;
  /* the '\r' of a CRLF line end is not shown */
  Fix *f = fix_z("x int\r\ny @\r\n");
  diag_at(&f->sink, &f->file, SEV_ERROR, 9, 1, "unexpected character '@'");
  diag_at(&f->sink, &f->file, SEV_ERROR, 2, 3, "t");
  assert_string_equal(out(f), "t.plinth:2:3: error: unexpected character '@'\n"
                              "   2 | y @\n"
                              "     |   ^\n"
                              "t.plinth:1:3: error: t\n"
                              "   1 | x int\n"
                              "     |   ^~~\n");
  fix_free(f);
}

static void test_render_wide_line_number(void **state) {
  (void)state;
  /* line 10000 needs five columns; the gutter grows to match */
  enum { N = 9999 };
  char *t = malloc(N + 5);
  assert_non_null(t);
  memset(t, '\n', N);
  memcpy(t + N, "bad\n", 4);
  t[N + 4] = 0;
  Fix *f = fix_new(t, N + 4);
  diag_at(&f->sink, &f->file, SEV_ERROR, N, 3, "b");
  assert_string_equal(out(f), "t.plinth:10000:1: error: b\n"
                              "10000 | bad\n"
                              "      | ^~~\n");
  fix_free(f);
  free(t);
}

static void test_render_long_line(void **state) {
  (void)state;
  /* A 1 MB line with "ZZZ" in the middle at byte 500000: the window starts 60
   * bytes before the caret and is 160 bytes wide, with "..." on each cut side. */
  enum { N = 1000000, AT = 500000 };
  char *t = malloc(N + 2);
  assert_non_null(t);
  memset(t, 'a', N);
  memcpy(t + AT, "ZZZ", 3);
  t[N] = '\n';
  t[N + 1] = 0;
  Fix *f = fix_new(t, N + 1);
  diag_at(&f->sink, &f->file, SEV_ERROR, AT, 3, "z");

  char want[1024];
  int k = snprintf(want, sizeof want, "t.plinth:1:500001: error: z\n   1 | ...");
  memset(want + k, 'a', 60), k += 60;
  memcpy(want + k, "ZZZ", 3), k += 3;
  memset(want + k, 'a', 97), k += 97; /* 160 - 60 - 3 */
  k += snprintf(want + k, sizeof want - (size_t)k, "...\n     |    ");
  memset(want + k, ' ', 60), k += 60;
  k += snprintf(want + k, sizeof want - (size_t)k, "^~~\n");
  assert_string_equal(out(f), want);
  fix_free(f);

  /* at the very end of a 1 MB line without a newline (a missing '}') only the
   * left side is cut */
  Fix *g = fix_new(t, N);
  diag_at(&g->sink, &g->file, SEV_ERROR, N, 0, "e");
  k = snprintf(want, sizeof want, "t.plinth:1:1000001: error: e\n   1 | ...");
  memset(want + k, 'a', 60), k += 60;
  k += snprintf(want + k, sizeof want - (size_t)k, "\n     |    ");
  memset(want + k, ' ', 60), k += 60;
  k += snprintf(want + k, sizeof want - (size_t)k, "^\n");
  assert_string_equal(out(g), want);
  fix_free(g);

  /* near the start only the right side is cut */
  Fix *h = fix_new(t, N + 1);
  diag_at(&h->sink, &h->file, SEV_ERROR, 10, 2, "s");
  k = snprintf(want, sizeof want, "t.plinth:1:11: error: s\n   1 | ");
  memset(want + k, 'a', 160), k += 160;
  k += snprintf(want + k, sizeof want - (size_t)k, "...\n     | ");
  memset(want + k, ' ', 10), k += 10;
  k += snprintf(want + k, sizeof want - (size_t)k, "^~\n");
  assert_string_equal(out(h), want);
  fix_free(h);
  free(t);
}

static void test_render_long_line_utf8_window(void **state) {
  (void)state;
  /* 400 x 日 (bytes 0..1199), 'x' at 1200, 10 x 日 (1201..1230), '@' at 1231,
   * 400 x 日 after. The window start 1231 - 60 = 1171 is inside a 日
   * (1171 = 3*390 + 1) and moves forward to 1173; the end 1173 + 160 = 1333
   * is inside one too (1333 - 1232 = 3*33 + 2) and moves back to 1331. So the
   * window shows 9 x 日, x, 10 x 日, @, 33 x 日, and the caret follows
   * 9 + 1 + 10 = 20 cells. The column is 400 + 1 + 10 + 1 = 412. */
  static const char R[] = "\xE6\x97\xA5";
  Buf t = {0};
  for (int i = 0; i < 400; i++)
    buf_puts(&t, R);
  buf_putc(&t, 'x');
  for (int i = 0; i < 10; i++)
    buf_puts(&t, R);
  buf_putc(&t, '@');
  for (int i = 0; i < 400; i++)
    buf_puts(&t, R);
  buf_putc(&t, '\n');
  assert_int_equal(t.n, 2 * 1200 + 1 + 30 + 1 + 1);
  Fix *f = fix_new(t.p, t.n);
  diag_at(&f->sink, &f->file, SEV_ERROR, 1231, 1, "at");
  Buf w = {0};
  buf_puts(&w, "t.plinth:1:412: error: at\n   1 | ...");
  for (int i = 0; i < 9; i++)
    buf_puts(&w, R);
  buf_putc(&w, 'x');
  for (int i = 0; i < 10; i++)
    buf_puts(&w, R);
  buf_putc(&w, '@');
  for (int i = 0; i < 33; i++)
    buf_puts(&w, R);
  buf_puts(&w, "...\n     |    ");
  buf_fill(&w, ' ', 20);
  buf_puts(&w, "^\n");
  buf_putc(&w, 0);
  assert_string_equal(out(f), w.p);
  fix_free(f);
  buf_free(&w);
  buf_free(&t);
}

/* ---- the sink ---- */

static void test_counters(void **state) {
  (void)state;
  Fix *f = fix_z("abc\n");
  diag_at(&f->sink, &f->file, SEV_ERROR, 0, 1, "e1");
  diag_at(&f->sink, &f->file, SEV_WARNING, 0, 1, "w1");
  diag_at(&f->sink, &f->file, SEV_WARNING, 0, 1, "w2");
  diag_at(&f->sink, &f->file, SEV_NOTE, 0, 1, "n1");
  diag_at(&f->sink, NULL, SEV_ERROR, 0, 0, "no file %d", 7);
  assert_int_equal(f->sink.errors, 2);
  assert_int_equal(f->sink.warnings, 2);
  assert_false(f->sink.stop);
  assert_int_equal(f->log->calls, 5);
  assert_string_equal(f->log->msg[4], "no file 7");
  assert_false(f->log->has_file[4]);
  assert_true(f->log->has_file[0]);
  fix_free(f);

  /* no callback: still counted */
  DiagSink s = {0};
  Arena a = arena_make(1 << 20);
  s.arena = &a;
  SourceFile sf = {.name = "x", .text = S("x\n")};
  diag_at(&s, &sf, SEV_ERROR, 0, 1, "e");
  diag_at(&s, &sf, SEV_WARNING, 0, 1, "w");
  assert_int_equal(s.errors, 1);
  assert_int_equal(s.warnings, 1);
  arena_free(&a);
}

static void test_message_formatting(void **state) {
  (void)state;
  Fix *f = fix_z("x\n");
  /* a message longer than the 1024-byte buffer is cut, not overrun */
  char big[3001];
  memset(big, 'm', 3000);
  big[3000] = 0;
  diag_at(&f->sink, &f->file, SEV_ERROR, 0, 1, "%s", big);
  assert_int_equal(strlen(f->log->msg[0]), 1023);
  /* NAMEF clips long names to 64 bytes plus "..." */
  Str name = {big, 100};
  diag_at(&f->sink, &f->file, SEV_ERROR, 0, 1, "unknown entity '%.*s%s'", NAMEF(name));
  char want[128];
  snprintf(want, sizeof want, "unknown entity '%.64s...'", big);
  assert_string_equal(f->log->msg[1], want);
  Str small = S("Ordr");
  diag_at(&f->sink, &f->file, SEV_ERROR, 0, 1, "'%.*s%s'", NAMEF(small));
  assert_string_equal(f->log->msg[2], "'Ordr'");
  fix_free(f);
}

static void test_clip(void **state) {
  (void)state;
  char big[200];
  memset(big, 'n', sizeof big);
  assert_int_equal(diag_clip((Str){big, 10}), 10);
  assert_int_equal(diag_clip((Str){big, 64}), 64);
  assert_int_equal(diag_clip((Str){big, 65}), 64);
  assert_int_equal(diag_clip((Str){big, 200}), 64);
  /* "a" then 2-byte é: byte 64 is the second byte of an é (é starts at odd
   * offsets), so the cut moves back to 63, after 31 whole é */
  big[0] = 'a';
  for (int i = 1; i + 1 < (int)sizeof big; i += 2)
    big[i] = '\xC3', big[i + 1] = '\xA9';
  assert_int_equal(diag_clip((Str){big, 101}), 63);
  /* without the "a", é starts at even offsets and 64 is a boundary */
  assert_int_equal(diag_clip((Str){big + 1, 100}), 64);
  /* 3-byte 日 from offset 0: 63 = 3*21 is the boundary below 64 */
  for (int i = 0; i + 2 < (int)sizeof big; i += 3)
    big[i] = '\xE6', big[i + 1] = '\x97', big[i + 2] = '\xA5';
  assert_int_equal(diag_clip((Str){big, 99}), 63);
}

static void test_error_limit(void **state) {
  (void)state;
  Fix *f = fix_z("x\n");
  for (int i = 0; i < 25; i++)
    diag_at(&f->sink, &f->file, SEV_ERROR, 0, 1, "error %d", i + 1);
  /* 20 errors reach the callback, then one note, then nothing */
  assert_int_equal(f->sink.errors, 20);
  assert_true(f->sink.stop);
  assert_int_equal(f->log->calls, 21);
  assert_string_equal(f->log->msg[19], "error 20");
  assert_int_equal(f->log->sev[20], SEV_NOTE);
  assert_false(f->log->has_file[20]);
  assert_string_equal(f->log->msg[20], "too many errors; stopping");
  /* the note renders without a location */
  const char *r = out(f);
  const char *tail = "plinth: note: too many errors; stopping\n";
  assert_string_equal(r + strlen(r) - strlen(tail), tail);
  /* once stopped, warnings and notes are dropped too */
  diag_at(&f->sink, &f->file, SEV_WARNING, 0, 1, "late");
  assert_int_equal(f->sink.warnings, 0);
  assert_int_equal(f->log->calls, 21);
  fix_free(f);
}

static void test_error_limit_warnings_do_not_count(void **state) {
  (void)state;
  Fix *f = fix_z("x\n");
  for (int i = 0; i < 30; i++)
    diag_at(&f->sink, &f->file, SEV_WARNING, 0, 1, "w");
  for (int i = 0; i < 19; i++)
    diag_at(&f->sink, &f->file, SEV_ERROR, 0, 1, "e%d", i);
  assert_false(f->sink.stop);
  assert_int_equal(f->sink.warnings, 30);
  assert_int_equal(f->sink.errors, 19);
  diag_at(&f->sink, &f->file, SEV_ERROR, 0, 1, "e20");
  assert_true(f->sink.stop);
  fix_free(f);
}

static void test_custom_limit(void **state) {
  (void)state;
  Fix *f = fix_z("x\n");
  f->sink.max_errors = 3;
  for (int i = 0; i < 5; i++)
    diag_at(&f->sink, &f->file, SEV_ERROR, 0, 1, "e");
  assert_int_equal(f->sink.errors, 3);
  assert_int_equal(f->log->calls, 4);
  assert_int_equal(f->log->sev[3], SEV_NOTE);
  fix_free(f);

  f = fix_z("x\n");
  f->sink.max_errors = 1;
  diag_at(&f->sink, &f->file, SEV_ERROR, 0, 1, "only");
  assert_true(f->sink.stop);
  assert_int_equal(f->log->calls, 2);
  fix_free(f);
}

static void test_werror(void **state) {
  (void)state;
  Fix *f = fix_z("abc\n");
  f->sink.werror = true;
  diag_at(&f->sink, &f->file, SEV_WARNING, 1, 1, "w");
  diag_at(&f->sink, &f->file, SEV_NOTE, 0, 1, "n");
  assert_int_equal(f->sink.errors, 1);
  assert_int_equal(f->sink.warnings, 0);
  assert_int_equal(f->log->sev[0], SEV_ERROR);
  assert_int_equal(f->log->sev[1], SEV_NOTE); /* notes stay notes */
  assert_string_equal(out(f), "t.plinth:1:2: error: w\n"
                              "   1 | abc\n"
                              "     |  ^\n"
                              "t.plinth:1:1: note: n\n"
                              "   1 | abc\n"
                              "     | ^\n");
  fix_free(f);

  /* promoted warnings count toward the limit */
  f = fix_z("x\n");
  f->sink.werror = true;
  for (int i = 0; i < 25; i++)
    diag_at(&f->sink, &f->file, SEV_WARNING, 0, 1, "w%d", i);
  assert_true(f->sink.stop);
  assert_int_equal(f->sink.errors, 20);
  assert_int_equal(f->log->calls, 21);
  fix_free(f);
}

/* After three diagnostics in a row with the same message, the rest are
 * counted and reported as one note at the last of them; they count as
 * errors but not toward the limit of 20. One more is shown as it is. */
static void test_repeats_collapse(void **state) {
  (void)state;
  Fix *f = fix_z("a\nb\nc\nd\ne\nf\ng\n");
  for (int i = 0; i < 7; i++)
    diag_at(&f->sink, &f->file, SEV_ERROR, 2 * i, 1, "same");
  diag_flush(&f->sink);
  assert_int_equal(f->sink.errors, 7);
  assert_false(f->sink.stop);
  assert_int_equal(f->log->calls, 4);
  assert_int_equal(f->log->sev[3], SEV_NOTE);
  assert_string_equal(out(f), "t.plinth:1:1: error: same\n   1 | a\n     | ^\n"
                              "t.plinth:2:1: error: same\n   2 | b\n     | ^\n"
                              "t.plinth:3:1: error: same\n   3 | c\n     | ^\n"
                              "t.plinth:7:1: note: 4 more errors like the one at line 1, the last here\n"
                              "   7 | g\n     | ^\n");
  fix_free(f);

  /* 4 in a row: the fourth is shown as it is, no note */
  f = fix_z("a\nb\nc\nd\n");
  for (int i = 0; i < 4; i++)
    diag_at(&f->sink, &f->file, SEV_ERROR, 2 * i, 1, "same");
  diag_flush(&f->sink);
  assert_int_equal(f->log->calls, 4);
  assert_int_equal(f->log->sev[3], SEV_ERROR);
  fix_free(f);

  /* 1,000 repeats never reach the limit of 20 */
  f = fix_z("x\n");
  for (int i = 0; i < 1000; i++)
    diag_at(&f->sink, &f->file, SEV_ERROR, 0, 1, "same");
  diag_flush(&f->sink);
  assert_false(f->sink.stop);
  assert_int_equal(f->sink.errors, 1000);
  assert_int_equal(f->log->calls, 4);
  fix_free(f);
}

/* Messages and file names reach the terminal with escapes, never raw. */
static void test_escaped_message(void **state) {
  (void)state;
  Fix *f = fix_z("x\n");
  diag_at(&f->sink, &f->file, SEV_ERROR, 0, 1, "name 'a\xc2\x9b\xe2\x80\xae" "b\xff'");
  assert_string_equal(out(f), "t.plinth:1:1: error: name 'a\\u{9B}\\u{202E}b\\xFF'\n   1 | x\n     | ^\n");
  fix_free(f);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_repeats_collapse),
    cmocka_unit_test(test_escaped_message),
    cmocka_unit_test(test_locate),
    cmocka_unit_test(test_locate_utf8),
    cmocka_unit_test(test_locate_many_lines),
    cmocka_unit_test(test_render_basic),
    cmocka_unit_test(test_render_severities),
    cmocka_unit_test(test_render_no_file),
    cmocka_unit_test(test_render_zero_length),
    cmocka_unit_test(test_render_tabs),
    cmocka_unit_test(test_render_utf8),
    cmocka_unit_test(test_render_control_and_bad_bytes),
    cmocka_unit_test(test_render_end_of_file),
    cmocka_unit_test(test_render_range_past_line),
    cmocka_unit_test(test_render_crlf),
    cmocka_unit_test(test_render_wide_line_number),
    cmocka_unit_test(test_render_long_line),
    cmocka_unit_test(test_render_long_line_utf8_window),
    cmocka_unit_test(test_counters),
    cmocka_unit_test(test_message_formatting),
    cmocka_unit_test(test_clip),
    cmocka_unit_test(test_error_limit),
    cmocka_unit_test(test_error_limit_warnings_do_not_count),
    cmocka_unit_test(test_custom_limit),
    cmocka_unit_test(test_werror),
    cmocka_unit_test(test_render_stray_continuation_aligned), /* known defect: see the test */
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
