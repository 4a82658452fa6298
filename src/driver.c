/* Pipeline driver (see driver.h). */
#include "driver.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "spec/parse.h"

void driver_init(Compilation *c, DiagFn *fn, void *ctx) {
  memset(c, 0, sizeof *c);
  c->arena = arena_make(DRIVER_ARENA_BYTES);
  c->sink.fn = fn;
  c->sink.ctx = ctx;
  c->sink.arena = &c->arena;
}

bool driver_read(Compilation *c, const char *path, Buf *err) {
  bool is_stdin = !strcmp(path, "-");
  FILE *fp = is_stdin ? stdin : fopen(path, "rb");
  if (!fp) {
    buf_printf(err, "plinth: cannot open '%s': %s\n", path, strerror(errno));
    return false;
  }
  /* Read in growing chunks, at most one byte over the limit, so an
   * oversized input is refused without being read whole and a small one
   * costs only its size. */
  Buf in = {0};
  char chunk[65536];
  size_t got;
  while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0 && in.n <= SPEC_MAX_BYTES)
    buf_put(&in, chunk, (ptrdiff_t)got);
  bool failed = ferror(fp);
  if (!is_stdin)
    fclose(fp);
  if (failed) {
    buf_free(&in);
    buf_printf(err, "plinth: cannot read '%s'\n", path);
    return false;
  }
  if (in.n > SPEC_MAX_BYTES) {
    buf_free(&in);
    buf_printf(err, "plinth: '%s' is larger than the %d MiB limit for a spec\n", path, SPEC_MAX_BYTES >> 20);
    return false;
  }
  char *text = new(&c->arena, char, in.n + 1);
  if (in.n)
    memcpy(text, in.p, (size_t)in.n);
  ptrdiff_t n = in.n;
  buf_free(&in);
  driver_set_text(c, is_stdin ? "<stdin>" : path, (Str){text, n});
  return true;
}

void driver_set_text(Compilation *c, const char *name, Str text) {
  c->file.name = name;
  c->file.text = text;
  int line, col;
  diag_locate(&c->arena, &c->file, 0, &line, &col); /* builds the line map */
}

Model *driver_compile(Compilation *c) {
  c->ast = parse_spec(&c->arena, &c->file, &c->sink);
  if (c->sink.errors)
    return NULL;
  c->model = model_resolve(&c->arena, c->ast, &c->file, &c->sink);
  return c->model;
}

Plan *driver_plan(Compilation *c, const char *kb_dir) {
  if (!driver_compile(c))
    return NULL;
  c->kb = kb_load(&c->arena, kb_dir, &c->sink);
  if (!c->kb)
    return NULL;
  c->plan = plan_build(&c->arena, c->model, c->kb, &c->sink);
  return c->plan;
}

Plan *driver_decide(Compilation *c, const char *kb_dir) {
  if (!driver_plan(c, kb_dir))
    return NULL;
  plan_revisit(&c->arena, c->plan);
  return c->plan;
}

void driver_free(Compilation *c) { arena_free(&c->arena); }
