/* libFuzzer harness over the whole spec pipeline.
 *
 * Each input is one spec. It goes through the driver as the CLI's
 * `plinth roadmap` would take it: driver_set_text (on a heap copy of exactly
 * `size` bytes, so ASan sees any read past the end), then driver_plan_with
 * (built-in knowledge base, the whole plan); when a model results, both
 * model emitters, and when a plan does, both estimate emitters, the
 * roadmap's and the risks'. Every diagnostic is
 * rendered with diag_render, so the renderer (line map, clipping, carets) is
 * fuzzed with the rest.
 *
 * Oracles besides the sanitizers:
 *   - a rendered diagnostic is bounded (the renderer clips long lines and
 *     names) and ends in a newline;
 *   - emit_model_json and emit_estimate_json produce well-formed JSON.
 * With PLINTH_FUZZ_STRICT=1 in the environment, emitted JSON and rendered
 * diagnostics must also be valid UTF-8 (RFC 8259 section 8.1 for the JSON);
 * =json or =diag checks only one of them. The check is off by default while
 * invalid UTF-8 from the input still reaches the output; see
 * tests/fuzz/regress/README.
 *
 * Nothing leaks: the Bufs are freed here and driver_free releases the
 * compilation's arena (one 4 GiB MAP_NORESERVE reservation per input, which
 * is not malloc and so not counted by -malloc_limit_mb; only touched pages
 * count toward -rss_limit_mb). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "emit/emit.h"
#include "kb/kb.h"
#include "plan/plan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static bool strict_json, strict_diag;

/* The built-in knowledge base is loaded once: parsing it costs far more
 * than a typical input, and the plan only reads it. Its arena lives as
 * long as the process (still reachable, so not a leak). */
static Arena kb_arena;
static const Kb *kb;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  const char *s = getenv("PLINTH_FUZZ_STRICT");
  if (s && *s && *s != '0') {
    strict_json = strcmp(s, "diag") != 0;
    strict_diag = strcmp(s, "json") != 0;
  }
  kb_arena = arena_make(DRIVER_ARENA_BYTES);
  DiagSink sink = {.arena = &kb_arena};
  kb = kb_load(&kb_arena, NULL, &sink);
  if (!kb) {
    fputs("fuzz_spec: the built-in knowledge base does not load\n", stderr);
    abort();
  }
  return 0;
}

static void fail(const char *what, const char *p, ptrdiff_t n) {
  fprintf(stderr, "fuzz_spec: %s\n--- output (%td bytes) ---\n", what, n);
  fwrite(p, 1, (size_t)(n > 4000 ? 4000 : n), stderr);
  fputs("\n---\n", stderr);
  abort();
}

/* ---- UTF-8 check (no overlongs, no surrogates) ---- */

static bool utf8_ok(const unsigned char *s, ptrdiff_t n) {
  for (ptrdiff_t i = 0; i < n;) {
    unsigned c = s[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    int len;
    unsigned min, cp;
    if (c >= 0xC2 && c <= 0xDF)
      len = 2, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
      len = 3, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
      len = 4, min = 0x10000;
    else
      return false;
    if (n - i < len)
      return false;
    cp = c & (0x7Fu >> len);
    for (int k = 1; k < len; k++) {
      if ((s[i + k] & 0xC0) != 0x80)
        return false;
      cp = cp << 6 | (s[i + k] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

/* ---- a small JSON validator (RFC 8259 grammar) ---- */

typedef struct {
  const unsigned char *s;
  ptrdiff_t n, i;
  int depth;
} Js;

static void ws(Js *j) {
  while (j->i < j->n && (j->s[j->i] == ' ' || j->s[j->i] == '\t' || j->s[j->i] == '\n' || j->s[j->i] == '\r'))
    j->i++;
}

static bool lit(Js *j, const char *w) {
  size_t l = strlen(w);
  if (j->n - j->i < (ptrdiff_t)l || memcmp(j->s + j->i, w, l))
    return false;
  j->i += (ptrdiff_t)l;
  return true;
}

static bool digit(Js *j) { return j->i < j->n && j->s[j->i] >= '0' && j->s[j->i] <= '9'; }

static bool number(Js *j) {
  if (j->i < j->n && j->s[j->i] == '-')
    j->i++;
  if (!digit(j))
    return false;
  if (j->s[j->i] == '0')
    j->i++;
  else
    while (digit(j))
      j->i++;
  if (j->i < j->n && j->s[j->i] == '.') {
    j->i++;
    if (!digit(j))
      return false;
    while (digit(j))
      j->i++;
  }
  if (j->i < j->n && (j->s[j->i] == 'e' || j->s[j->i] == 'E')) {
    j->i++;
    if (j->i < j->n && (j->s[j->i] == '+' || j->s[j->i] == '-'))
      j->i++;
    if (!digit(j))
      return false;
    while (digit(j))
      j->i++;
  }
  return true;
}

static bool string(Js *j) {
  if (j->i >= j->n || j->s[j->i] != '"')
    return false;
  j->i++;
  while (j->i < j->n) {
    unsigned char c = j->s[j->i++];
    if (c == '"')
      return true;
    if (c < 0x20)
      return false;
    if (c == '\\') {
      if (j->i >= j->n)
        return false;
      c = j->s[j->i++];
      if (c == 'u') {
        for (int k = 0; k < 4; k++, j->i++)
          if (j->i >= j->n || !strchr("0123456789abcdefABCDEF", j->s[j->i]) || !j->s[j->i])
            return false;
      } else if (!strchr("\"\\/bfnrt", c) || !c)
        return false;
    }
  }
  return false;
}

static bool value(Js *j) {
  ws(j);
  if (j->i >= j->n)
    return false;
  unsigned char c = j->s[j->i];
  if (c == '{' || c == '[') {
    if (++j->depth > 200)
      return false;
    char close = c == '{' ? '}' : ']';
    j->i++;
    ws(j);
    if (j->i < j->n && j->s[j->i] == close) {
      j->i++;
      j->depth--;
      return true;
    }
    for (;;) {
      if (c == '{') {
        ws(j);
        if (!string(j))
          return false;
        ws(j);
        if (j->i >= j->n || j->s[j->i++] != ':')
          return false;
      }
      if (!value(j))
        return false;
      ws(j);
      if (j->i >= j->n)
        return false;
      if (j->s[j->i] == ',') {
        j->i++;
        continue;
      }
      if (j->s[j->i] != close)
        return false;
      j->i++;
      j->depth--;
      return true;
    }
  }
  if (c == '"')
    return string(j);
  if (c == 't')
    return lit(j, "true");
  if (c == 'f')
    return lit(j, "false");
  if (c == 'n')
    return lit(j, "null");
  return number(j);
}

static void check_json(const Buf *b, const char *who) {
  Js j = {(const unsigned char *)b->p, b->n, 0, 0};
  bool ok = value(&j);
  ws(&j);
  if (!ok || j.i != j.n) {
    char m[128];
    snprintf(m, sizeof m, "%s wrote malformed JSON (near byte %td)", who, j.i);
    fail(m, b->p, b->n);
  }
  if (strict_json && !utf8_ok(j.s, j.n)) {
    char m[128];
    snprintf(m, sizeof m, "%s wrote invalid UTF-8", who);
    fail(m, b->p, b->n);
  }
}

/* ---- diagnostics ---- */

/* The message is at most 1023 bytes (diag_at's buffer) and the source
 * excerpt is clipped to a window of 160 bytes, so a rendered diagnostic
 * stays well under this whatever the input. */
enum { RENDER_MAX = 4096 };

static void on_diag(void *ctx, const Diagnostic *d) {
  Buf *all = ctx;
  Buf one = {0};
  diag_render(&one, d);
  if (d->file && (d->line < 1 || d->col < 1))
    fail("diagnostic with a line or column below 1", one.p, one.n);
  if (one.n == 0 || one.p[one.n - 1] != '\n')
    fail("rendered diagnostic does not end in a newline", one.p, one.n);
  if (one.n > RENDER_MAX)
    fail("rendered diagnostic is not clipped", one.p, one.n);
  if (strict_diag && !utf8_ok((const unsigned char *)one.p, one.n))
    fail("rendered diagnostic is not valid UTF-8", one.p, one.n);
  /* Keep a bounded tail of the output so appends are exercised too. */
  if (all->n > (1 << 16))
    all->n = 0;
  buf_put(all, one.p, one.n);
  buf_free(&one);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = malloc(size ? size : 1);
  if (!text)
    return 0;
  if (size)
    memcpy(text, data, size);

  Buf diags = {0};
  Compilation c;
  driver_init(&c, on_diag, &diags);
  driver_set_text(&c, "fuzz.plinth", (Str){text, (ptrdiff_t)size});
  /* The pipeline as driver_plan runs it (with the knowledge base loaded
   * once, above): the model whenever the spec compiles, then the plan with
   * its roadmap, risks and review. */
  c.kb = kb;
  Plan *p = driver_plan_with(&c, &(DriveOpts){.depth = DRIVE_WHOLE});
  if (c.model) {
    Buf json = {0}, txt = {0};
    emit_model_json(c.model, &json);
    check_json(&json, "emit_model_json");
    emit_model_text(c.model, &txt);
    buf_free(&json);
    buf_free(&txt);
  }
  if (p) {
    Buf est = {0}, ej = {0}, rm = {0}, rj = {0}, rk = {0};
    emit_estimate_text(p, &est, true);
    emit_estimate_json(p, &ej);
    check_json(&ej, "emit_estimate_json");
    emit_roadmap_md(p, &rm);
    emit_roadmap_json(p, &rj);
    check_json(&rj, "emit_roadmap_json");
    emit_risks_md(p, &rk);
    buf_free(&est);
    buf_free(&ej);
    buf_free(&rm);
    buf_free(&rj);
    buf_free(&rk);
  }
  driver_free(&c);
  buf_free(&diags);
  free(text);
  return 0;
}
