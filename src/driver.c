/* Pipeline driver (see driver.h). */
#include "driver.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out/outdir.h"
#include "spec/parse.h"

void driver_init(Compilation *c, DiagFn *fn, void *ctx) { driver_init_in(c, arena_make(DRIVER_ARENA_BYTES), fn, ctx); }

void driver_init_in(Compilation *c, Arena arena, DiagFn *fn, void *ctx) {
  memset(c, 0, sizeof *c);
  c->arena = arena;
  c->sink.fn = fn;
  c->sink.ctx = ctx;
  c->sink.arena = &c->arena;
}

int driver_slurp(Arena *a, FILE *fp, Str *out) {
  /* Read in growing chunks, at most one chunk over the limit, so an
   * oversized input is refused without being read whole and a small one
   * costs only its size. */
  Buf in = {0};
  char chunk[65536];
  size_t got;
  while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0 && in.n <= SPEC_MAX_BYTES)
    buf_put(&in, chunk, (ptrdiff_t)got);
  int rc = ferror(fp) ? 1 : in.n > SPEC_MAX_BYTES ? 2 : 0;
  char *text = new(a, char, (rc ? 0 : in.n) + 1);
  if (!rc && in.n)
    memcpy(text, in.p, (size_t)in.n);
  *out = (Str){text, rc ? 0 : in.n};
  buf_free(&in);
  return rc;
}

bool driver_read(Compilation *c, const char *path, Buf *err) {
  bool is_stdin = !strcmp(path, "-");
  FILE *fp = is_stdin ? stdin : fopen(path, "rb");
  if (!fp) {
    buf_printf(err, "plinth: cannot open '%s': %s\n", path, strerror(errno));
    return false;
  }
  Str text;
  int rc = driver_slurp(&c->arena, fp, &text);
  if (!is_stdin)
    fclose(fp);
  if (rc == 1) {
    buf_printf(err, "plinth: cannot read '%s'\n", path);
    return false;
  }
  if (rc == 2) {
    buf_printf(err, "plinth: '%s' is larger than the %d MiB limit for a spec\n", path, SPEC_MAX_BYTES >> 20);
    return false;
  }
  driver_set_text(c, is_stdin ? "<stdin>" : path, text);
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
  diag_flush(&c->sink);
  if (c->sink.errors)
    return NULL;
  c->model = model_resolve(&c->arena, c->ast, &c->file, &c->sink);
  diag_flush(&c->sink);
  return c->model;
}

Plan *driver_plan_with(Compilation *c, const DriveOpts *o) {
  if (o->quiet)
    c->sink.fn = NULL;
  if (!driver_compile(c))
    return NULL;
  if (!c->kb)
    c->kb = kb_load(&c->arena, o->kb_dir, &c->sink);
  if (!c->kb)
    return NULL;
  Plan *p = o->depth == DRIVE_FIGURES ? plan_estimate(&c->arena, c->model, c->kb, &c->sink)
                                      : plan_build(&c->arena, c->model, c->kb, &c->sink);
  c->plan = p;
  diag_flush(&c->sink);
  if (!p || o->depth < DRIVE_WHOLE)
    return p;
  plan_delivery_for(&c->arena, p, o->devs);
  if (o->depth < DRIVE_DECIDED)
    return p;
  plan_revisit(&c->arena, p);
  plan_docfacts(&c->arena, p);
  plan_kit(&c->arena, p);
  /* Records numbered from 0001; driver_records renumbers against -o's folder. */
  plan_adrs(&c->arena, p, NULL, S(ADR_DEFAULT_DATE));
  return p;
}

Plan *driver_plan(Compilation *c, const char *kb_dir) {
  return driver_plan_with(c, &(DriveOpts){.kb_dir = kb_dir, .depth = DRIVE_WHOLE});
}

Plan *driver_estimate(Compilation *c, const char *kb_dir) {
  return driver_plan_with(c, &(DriveOpts){.kb_dir = kb_dir, .depth = DRIVE_FIGURES});
}

Plan *driver_decide(Compilation *c, const char *kb_dir) {
  return driver_plan_with(c, &(DriveOpts){.kb_dir = kb_dir, .depth = DRIVE_DECIDED});
}

void driver_review(Compilation *c, const char **rule) {
  const Plan *p = c->plan;
  for (int i = 0; i < p->nreview; i++) {
    const ReviewItem *it = &p->review[i];
    if (it->status != REVIEW_FAIL || !it->span.len)
      continue; /* a finding about what the spec left to assumptions has no line to point at */
    if (rule)
      *rule = str_dupz(&c->arena, it->id);
    diag_at(&c->sink, &c->file, it->severity, it->span.off, it->span.len, "%.*s", STRF(it->reason));
  }
  diag_flush(&c->sink);
  if (rule)
    *rule = NULL;
}

void driver_free(Compilation *c) {
  if (c->dir)
    outdir_close(c->dir);
  arena_free(&c->arena);
}

bool driver_records(Compilation *c, const char *dir, const char *date, Buf *err) {
  Str d;
  if (!outdir_date(&c->arena, date, &d, err))
    return false;
  if (dir) {
    /* The folder stays locked from reading its index to the last rename. */
    c->dir = new(&c->arena, OutDir, 1);
    c->out = new(&c->arena, OutState, 1);
    if (!outdir_open(c->dir, dir, err) || !outdir_load(&c->arena, c->dir, c->adr_dir, c->out, err))
      return false;
  }
  plan_adrs(&c->arena, c->plan, c->out ? &c->out->adrs : NULL, d);
  if (c->adr_dir)
    c->plan->adr->dir = str_c(c->adr_dir);
  return true;
}

/* One row's files: each is considered, then staged under a temporary
 * name if chosen; texts are freed by emit_each as it goes. */
typedef struct {
  Compilation *c;
  const OutState *st;
  bool force;
  Manifest m;
  Buf *err, *warn;
  int files, written;
  bool ok;
} Writing;

static void write_batch(void *ctx, OutFiles *batch) {
  Writing *w = ctx;
  for (int i = 0; i < batch->n && w->ok; i++) {
    bool write;
    w->files++;
    outdir_consider(&w->c->arena, w->c->dir, w->st, &batch->v[i], w->force, &write, w->warn, &w->m);
    if (write) {
      w->ok = outdir_stage(w->c->dir, batch->v[i].path, buf_view(&batch->v[i].text), w->err);
      w->written += w->ok;
    }
  }
}

bool driver_write_plan(Compilation *c, bool force, Buf *err, Buf *warn, int *files, int *written, int *kept) {
  OutState none = {0};
  Writing w = {.c = c, .st = c->out ? c->out : &none, .force = force, .err = err, .warn = warn, .ok = true};
  /* Every chosen file goes to a temporary name first, as it is made: a
   * full disk or a forbidden folder stops the run before anything is
   * replaced; then the renames (outdir_commit). */
  emit_each(c->plan, write_batch, &w);
  Buf manifest = {0};
  outdir_manifest(&c->arena, c->dir, w.st, &w.m, &manifest);
  bool ok = w.ok && outdir_commit(c->dir, buf_view(&manifest), err);
  buf_free(&manifest);
  *files = w.files;
  *written = w.written;
  *kept = w.m.kept;
  return ok;
}
