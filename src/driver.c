/* Pipeline driver (see driver.h). */
#include "driver.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "out/outdir.h"
#include "spec/parse.h"

void driver_init(Compilation *c, DiagFn *fn, void *ctx) {
  memset(c, 0, sizeof *c);
  c->arena = arena_make(DRIVER_ARENA_BYTES);
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
  if (c->plan)
    plan_delivery(&c->arena, c->plan);
  return c->plan;
}

Plan *driver_estimate(Compilation *c, const char *kb_dir) {
  if (!driver_compile(c))
    return NULL;
  c->kb = kb_load(&c->arena, kb_dir, &c->sink);
  if (!c->kb)
    return NULL;
  c->plan = plan_estimate(&c->arena, c->model, c->kb, &c->sink);
  return c->plan;
}

Plan *driver_decide(Compilation *c, const char *kb_dir) {
  if (!driver_plan(c, kb_dir))
    return NULL;
  plan_revisit(&c->arena, c->plan);
  plan_docfacts(&c->arena, c->plan);
  plan_kit(&c->arena, c->plan);
  /* Records numbered from 0001; driver_records renumbers against -o's folder. */
  plan_adrs(&c->arena, c->plan, NULL, S(ADR_DEFAULT_DATE));
  return c->plan;
}

void driver_free(Compilation *c) { arena_free(&c->arena); }

/* mkdir -p for the folders of `path` (not its last component). */
static bool make_parents(char *path, Buf *err) {
  for (char *q = path + 1; *q; q++) {
    if (*q != '/')
      continue;
    *q = 0;
    bool ok = mkdir(path, 0777) == 0 || errno == EEXIST;
    if (!ok)
      buf_printf(err, "plinth: cannot create folder '%s': %s\n", path, strerror(errno));
    *q = '/';
    if (!ok)
      return false;
  }
  return true;
}

bool driver_write_files(const char *dir, const OutFiles *files, Buf *err) {
  Buf path = {0}, tmp = {0};
  bool ok = true;
  for (int i = 0; i < files->n && ok; i++) {
    const OutFile *f = &files->v[i];
    path.n = tmp.n = 0;
    buf_printf(&path, "%s/%s", dir, f->path);
    buf_putc(&path, 0);
    const char *slash = strrchr(path.p, '/');
    buf_printf(&tmp, "%.*s.%s.tmp%ld", (int)(slash - path.p + 1), path.p, slash + 1, (long)getpid());
    buf_putc(&tmp, 0);
    if (!make_parents(path.p, err)) {
      ok = false;
      break;
    }
    FILE *fp = fopen(tmp.p, "wb");
    if (!fp) {
      buf_printf(err, "plinth: cannot write '%s': %s\n", tmp.p, strerror(errno));
      ok = false;
      break;
    }
    bool wrote = (!f->text.n || fwrite(f->text.p, 1, (size_t)f->text.n, fp) == (size_t)f->text.n);
    wrote = (fclose(fp) == 0) && wrote;
    if (!wrote || rename(tmp.p, path.p) != 0) {
      buf_printf(err, "plinth: cannot write '%s': %s\n", path.p, strerror(errno));
      remove(tmp.p);
      ok = false;
    }
  }
  buf_free(&path);
  buf_free(&tmp);
  return ok;
}

bool driver_records(Compilation *c, const char *dir, const char *date, Buf *err) {
  Str d;
  if (!outdir_date(&c->arena, date, &d, err))
    return false;
  if (dir) {
    c->out = new(&c->arena, OutState, 1);
    if (!outdir_load(&c->arena, dir, c->adr_dir, c->out, err))
      return false;
  }
  plan_adrs(&c->arena, c->plan, c->out ? &c->out->adrs : NULL, d);
  if (c->adr_dir)
    c->plan->adr->dir = str_c(c->adr_dir);
  return true;
}

bool driver_write_outputs(Compilation *c, const char *dir, const OutFiles *files, bool force, Buf *err, Buf *warn,
                          int *written, int *kept) {
  OutState none = {0};
  const OutState *st = c->out ? c->out : &none;
  bool *write = new(&c->arena, bool, files->n + 1);
  Buf manifest = {0};
  *kept = outdir_select(&c->arena, dir, files, st, force, write, warn, &manifest);
  /* The chosen files, then the manifest, each by temporary file and rename. */
  OutFiles sel = {0};
  sel.v = new(&c->arena, OutFile, files->n + 1);
  for (int i = 0; i < files->n; i++)
    if (write[i])
      sel.v[sel.n++] = files->v[i];
  *written = sel.n;
  sel.v[sel.n++] = (OutFile){(char *)OUTDIR_MANIFEST, manifest};
  bool ok = driver_write_files(dir, &sel, err);
  buf_free(&manifest);
  return ok;
}
