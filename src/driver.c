/* Pipeline driver (see driver.h). */
#include "driver.h"

#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out/outdir.h"
#include "spec/parse.h"
#include "util/file.h"

void driver_init(Compilation *c, DiagFn *fn, void *ctx) {
  driver_init_in(c, arena_make(DRIVER_ARENA_BYTES), fn, ctx);
  /* The syntax tree of a long spec is tens of MB the plan never reads. */
  c->drop_tree = true;
}

void driver_init_in(Compilation *c, Arena arena, DiagFn *fn, void *ctx) {
  memset(c, 0, sizeof *c);
  c->arena = arena;
  c->sink.fn = fn;
  c->sink.ctx = ctx;
  c->sink.arena = &c->arena;
}

int driver_slurp(Arena *a, FILE *fp, Str *out) { return file_slurp(a, fp, SPEC_MAX_BYTES, out); }

bool driver_read(Compilation *c, const char *path, Buf *err) {
  bool is_stdin = !strcmp(path, "-");
  FILE *fp = is_stdin ? stdin : file_open_read(path);
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
  if (c->drop_tree) {
    c->tree = arena_make(DRIVER_ARENA_BYTES);
    c->tree.oom = c->arena.oom;
  }
  c->ast = parse_spec(c->drop_tree ? &c->tree : &c->arena, &c->file, &c->sink);
  diag_flush(&c->sink);
  if (c->sink.errors)
    return NULL;
  c->model = model_resolve(&c->arena, c->ast, &c->file, &c->sink);
  diag_flush(&c->sink);
  if (c->drop_tree) {
    if (c->model)
      model_keep(&c->arena, c->model, &c->tree);
    arena_drop(&c->tree);
    c->ast = NULL;
  }
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
  arena_free(&c->tree);
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
    if (!outdir_open(c->dir, dir, c->lock_wait, err) || !outdir_load(&c->arena, c->dir, c->adr_dir, c->out, err))
      return false;
  }
  plan_adrs(&c->arena, c->plan, c->out ? &c->out->adrs : NULL, d);
  if (c->adr_dir)
    c->plan->adr->dir = str_c(c->adr_dir);
  return true;
}

/* One row's files: each is considered, then staged under a temporary
 * name if chosen; texts are freed by emit_each as it goes. The Markdown
 * and SVG report.html is made of stay in memory up to WRITING_HOLD bytes
 * in all; past that they are freed once on disk (staged, or already
 * current there), and report.html reads them back one at a time. */
enum { WRITING_HOLD = 1 << 20 };
typedef struct {
  Compilation *c;
  const OutState *st;
  bool force;
  Manifest m;
  Buf *err, *warn;
  int files, written;
  bool ok;
  OutStream stream;      /* a derived file written as it is made */
  const char *streaming; /* its path, or NULL */
  ptrdiff_t held;        /* bytes of the texts kept in memory for report.html */
} Writing;

/* Where file `rel`, staged as `tmp` (or already current when NULL), can be
 * read back: a path relative to the folder. */
static char *disk_name(const char *rel, const char *tmp) {
  Buf b = {0};
  const char *slash = strrchr(rel, '/');
  if (tmp && slash)
    buf_put(&b, rel, slash - rel + 1);
  buf_puts(&b, tmp ? tmp : rel);
  buf_putc(&b, 0);
  return b.p;
}

static bool spills(const char *path) {
  size_t n = strlen(path);
  return (n > 3 && !strcmp(path + n - 3, ".md")) || (n > 4 && !strcmp(path + n - 4, ".svg"));
}

static void write_file(Writing *w, OutFile *f) {
  bool write;
  w->files++;
  if (w->streaming && !strcmp(w->streaming, f->path)) {
    /* The rest of a streamed file, then the same choice by its hash. */
    char now[65];
    w->streaming = NULL;
    w->ok = outdir_stream_write(w->c->dir, &w->stream, buf_view(&f->text), w->err) &&
            outdir_stream_close(w->c->dir, &w->stream, now, w->err);
    if (!w->ok)
      return;
    int kept = w->m.kept;
    outdir_consider_hash(&w->c->arena, w->c->dir, w->st, f->path, now, w->force, &write, w->warn, &w->m);
    bool read_later = spills(f->path);
    buf_free(&f->text);
    if (read_later && w->m.kept != kept) {
      /* Left alone: report.html reads the new text, from memory. */
      char *tmp = disk_name(f->path, outdir_last_tmp(w->c->dir));
      w->ok = outdir_reread(w->c->dir, tmp, 0, -1, &f->text, w->err);
      free(tmp);
    } else if (read_later)
      f->disk = disk_name(f->path, write ? outdir_last_tmp(w->c->dir) : NULL);
    if (write)
      w->written++;
    else
      outdir_unstage_last(w->c->dir);
    return;
  }
  int kept = w->m.kept;
  outdir_consider(&w->c->arena, w->c->dir, w->st, f, w->force, &write, w->warn, &w->m);
  if (write) {
    w->ok = outdir_stage(w->c->dir, f->path, buf_view(&f->text), w->err);
    w->written += w->ok;
  }
  /* On disk as made, staged or already current: freed, read back later,
   * unless it fits in what is held. A file left alone differs on disk
   * from its new text: kept in memory. */
  if (w->ok && spills(f->path) && w->m.kept == kept && w->held + f->text.n <= WRITING_HOLD)
    w->held += f->text.n;
  else if (w->ok && spills(f->path) && w->m.kept == kept) {
    f->disk = disk_name(f->path, write ? outdir_last_tmp(w->c->dir) : NULL);
    buf_free(&f->text);
  }
}

static void write_batch(void *ctx, OutFiles *batch) {
  Writing *w = ctx;
  for (int i = 0; i < batch->n && w->ok; i++)
    write_file(w, &batch->v[i]);
}

static bool reread(void *ctx, const char *disk, ptrdiff_t off, ptrdiff_t max, Buf *into) {
  Writing *w = ctx;
  if (!w->ok)
    return false;
  w->ok = outdir_reread(w->c->dir, disk, off, max, into, w->err);
  return w->ok;
}

static bool earlier(void *ctx, const char *rel, Buf *into) {
  Writing *w = ctx;
  return w->ok && outdir_earlier(w->c->dir, w->st, rel, into);
}

static void part(void *ctx, const char *path, Buf *text) {
  Writing *w = ctx;
  if (w->ok && !w->streaming) {
    w->ok = outdir_stream_open(w->c->dir, &w->stream, path, w->err);
    w->streaming = w->ok ? path : NULL;
  }
  if (w->ok)
    w->ok = outdir_stream_write(w->c->dir, &w->stream, buf_view(text), w->err);
  text->n = 0;
}

bool driver_write_plan(Compilation *c, bool force, Buf *err, Buf *warn, int *files, int *written, int *kept) {
  OutState none = {0};
  Writing w = {.c = c, .st = c->out ? c->out : &none, .force = force, .err = err, .warn = warn, .ok = true};
  /* Every chosen file goes to a temporary name first, as it is made: a
   * full disk or a forbidden folder stops the run before anything is
   * replaced; then the renames (outdir_commit). */
  EmitIO io = {reread, part, &w, NULL, earlier};
#ifdef __GLIBC__
  /* A file's text goes back to the system when freed: glibc would
   * otherwise raise its mmap threshold to the largest file freed so far and
   * keep the next ones' memory in the heap. */
  mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
  emit_each(c->plan, write_batch, &io, &w);
  if (w.streaming) {
    char ignored[65];
    outdir_stream_close(c->dir, &w.stream, ignored, err);   /* a failed run's; removed by outdir_close */
  }
  Buf manifest = {0};
  outdir_manifest(&c->arena, c->dir, w.st, &w.m, &manifest);
  outdir_manifest_free(&w.m);
  bool ok = w.ok && outdir_commit(c->dir, buf_view(&manifest), err);
  buf_free(&manifest);
  *files = w.files;
  *written = w.written;
  *kept = w.m.kept;
  return ok;
}
