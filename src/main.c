/* plinth: command line -> options -> driver. Nothing else lives here. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "driver.h"
#include "emit/emit.h"
#include "intake/intake.h"
#include "out/outdir.h"
#include "plan/diff.h"
#include "serve/serve.h"
#include "spec/parse.h"

#define PLINTH_VERSION "0.1.0"

typedef struct {
  const char *name;
  const char *summary;
  const char *usage;
  int (*run)(int argc, char **argv);
  const char *brief;      /* one line for `plinth --help` and the manual's NAME; NULL: the summary's first sentence */
} Command;

/* Diagnostics are collected, then printed in source order: the passes of
 * the compiler find problems in their own order, people read top down. */
typedef struct {
  const SourceFile *file;
  ptrdiff_t off;
  int seq, group;         /* group: seq of the file's first diagnostic */
  ptrdiff_t start, len;   /* rendered text in Collector.text */
} Pending;

typedef struct {
  Pending *v;
  int n, cap;
  Buf text;
} Collector;

static void collect_diag(void *ctx, const Diagnostic *d) {
  Collector *c = ctx;
  if (c->n == c->cap) {
    c->cap = c->cap ? c->cap * 2 : 32;
    Pending *v = realloc(c->v, sizeof(Pending) * (size_t)c->cap);
    if (!v) {
      fputs("plinth: out of memory\n", stderr);
      exit(2);
    }
    c->v = v;
  }
  ptrdiff_t start = c->text.n;
  diag_render(&c->text, d);
  /* Notes without a place (the error limit) stay last. */
  int group = d->file ? c->n : INT32_MAX;
  for (int i = 0; i < c->n && d->file; i++)
    if (c->v[i].file == d->file) {
      group = c->v[i].group;
      break;
    }
  c->v[c->n] = (Pending){d->file, d->off, c->n, group, start, c->text.n - start};
  c->n++;
}

/* By file (in order of first report; no place last), then offset, then order. */
static int by_place(const void *x, const void *y) {
  const Pending *a = x, *b = y;
  if (a->group != b->group)
    return a->group < b->group ? -1 : 1;
  if (a->file && a->off != b->off)
    return a->off < b->off ? -1 : 1;
  return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void flush_diags(Collector *c) {
  if (c->n)
    qsort(c->v, (size_t)c->n, sizeof *c->v, by_place);
  for (int i = 0; i < c->n; i++)
    fwrite(c->text.p + c->v[i].start, 1, (size_t)c->v[i].len, stderr);
  free(c->v);
  buf_free(&c->text);
  *c = (Collector){0};
}

static int write_out(const Buf *b) {
  if (b->n && fwrite(b->p, 1, (size_t)b->n, stdout) != (size_t)b->n)
    return 2;
  return fflush(stdout) ? 2 : 0;
}

typedef struct {
  Collector *diags;
  const char *spec;
  const char *kb;
  const char *format;
  const char *only;
  const char *outdir;
  const char *slot;
  const char *date;       /* plan: --date for new decision records */
  const char *adr_dir;    /* plan -o: --adr-dir, the records' folder inside DIR */
  Compilation *comp;      /* plan: set by with_plan for -o */
  bool force;             /* plan -o: overwrite files people edited */
  int lock_wait;          /* plan -o: --lock-wait SECONDS, + 1 (0: not given) */
  bool records;           /* plan: number the decision records */
  bool json;
  bool werror;
  bool explain;
  int devs;               /* roadmap --devs N; 0: the team's size */
  void *ctx;              /* the Compilation, while a plan is rendered */
} Opts;

/* The exit status after a failed step: 2 when a file could not be read
 * (I/O), else 1 (errors in the spec or the knowledge base). */
static int failed(const DiagSink *s) { return s->io_errors ? 2 : 1; }

static int usage_error(const char *cmd, const char *fmt, const char *arg) {
  fprintf(stderr, "plinth %s: ", cmd);
  fprintf(stderr, fmt, arg);
  fprintf(stderr, "\nTry 'plinth %s --help'.\n", cmd);
  return 2;
}

static const Command *find_command(const char *name);

/* An -o value: not empty (an unset variable must not mean the root folder)
 * and not an option (a missing value must not swallow the next flag). */
static bool out_name_ok(const char *v) { return v[0] && v[0] != '-'; }

/* --lock-wait SECONDS: how long -o waits for another run's lock on its
 * folder. The seconds, or -1 after a usage message. */
static int lock_wait_arg(const char *cmd, int argc, char **argv, int *i) {
  if (++*i == argc) {
    usage_error(cmd, "%s needs a value", "--lock-wait");
    return -1;
  }
  char *end;
  long n = strtol(argv[*i], &end, 10);
  if (*end || end == argv[*i] || n < 0 || n > 86400) {
    usage_error(cmd, "--lock-wait takes a number of seconds from 0 to 86400, not '%s'", argv[*i]);
    return -1;
  }
  return (int)n;
}

static int help_for(const char *name) {
  const Command *c = find_command(name);
  printf("usage: %s\n\n%s\n", c->usage, c->summary);
  return 0;
}

/* Parses the options shared by the spec commands. Returns -1 to go on, or
 * an exit status. */
static int parse_opts(const char *cmd, int argc, char **argv, Opts *o, bool allow_json) {
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h"))
      return help_for(cmd);
    if (allow_json && !strcmp(a, "--json"))
      o->json = true;
    else if (!strcmp(cmd, "estimate") && !strcmp(a, "--explain"))
      o->explain = true;
    else if (!strcmp(a, "--kb") && strcmp(cmd, "check") && strcmp(cmd, "model")) {
      if (++i == argc)
        return usage_error(cmd, "%s", "--kb needs a directory");
      o->kb = argv[i];
    }
    else if (!strcmp(a, "--werror"))
      o->werror = true;
    else if (!strcmp(cmd, "check") && (!strcmp(a, "--format") || !strcmp(a, "--deny"))) {
      if (++i == argc)
        return usage_error(cmd, "%s needs a value", a);
      if (!strcmp(a, "--format")) {
        if (strcmp(argv[i], "text") && strcmp(argv[i], "json") && strcmp(argv[i], "sarif"))
          return usage_error(cmd, "unknown format '%s' (text, json or sarif)", argv[i]);
        o->format = argv[i];
      } else if (!strcmp(argv[i], "warnings"))
        o->werror = true;
      else
        return usage_error(cmd, "--deny takes 'warnings', not '%s'", argv[i]);
    }
    else if (!strcmp(cmd, "roadmap") && !strcmp(a, "--devs")) {
      if (++i == argc)
        return usage_error(cmd, "%s", "--devs needs a number of developers");
      char *end;
      long n = strtol(argv[i], &end, 10);
      if (*end || end == argv[i] || n < 1 || n > 1000)
        return usage_error(cmd, "--devs takes a whole number from 1 to 1000, not '%s'", argv[i]);
      o->devs = (int)n;
    }
    else if (!strcmp(cmd, "plan") && !strcmp(a, "--force"))
      o->force = true;
    else if (!strcmp(cmd, "plan") && !strcmp(a, "--lock-wait")) {
      int w = lock_wait_arg(cmd, argc, argv, &i);
      if (w < 0)
        return 2;
      o->lock_wait = w + 1;
    }
    else if (!strcmp(cmd, "plan") && (!strcmp(a, "--format") || !strcmp(a, "--only") || !strcmp(a, "-o") ||
                                      !strcmp(a, "--date") || !strcmp(a, "--adr-dir"))) {
      if (++i == argc)
        return usage_error(cmd, "%s needs a value", a);
      if (!strcmp(a, "--adr-dir")) {
        size_t n = strlen(argv[i]);
        while (n > 1 && argv[i][n - 1] == '/')
          argv[i][--n] = 0; /* docs/adr/ is docs/adr */
        o->adr_dir = argv[i];
      }
      else if (!strcmp(a, "--format"))
        o->format = argv[i];
      else if (!strcmp(a, "--date"))
        o->date = argv[i];
      else if (!strcmp(a, "-o")) {
        if (!out_name_ok(argv[i]))
          return usage_error(cmd, "-o needs a folder name, not '%s' (write ./NAME for a name that starts with '-')",
                             argv[i]);
        o->outdir = argv[i];
      }
      else
        o->only = argv[i];
    }
    else if (a[0] == '-' && a[1])
      return usage_error(cmd, "unknown option '%s'", a);
    else if (o->spec && !strcmp(cmd, "explain") && !o->slot)
      o->slot = a;
    else if (o->spec)
      return usage_error(cmd, "unexpected argument '%s' (one spec at a time)", a);
    else
      o->spec = a;
  }
  if (!o->spec)
    return usage_error(cmd, "%s", "no spec given (a file, or - for standard input)");
  return -1;
}

/* Sets up the compilation and reads the spec; 0 or an exit status. */
static int compile_only_read(Compilation *c, const Opts *o) {
  driver_init(c, collect_diag, o->diags);
  c->sink.werror = o->werror;
  Buf err = {0};
  if (!driver_read(c, o->spec, &err)) {
    fwrite(err.p, 1, (size_t)err.n, stderr);
    buf_free(&err);
    return 2;
  }
  return 0;
}

/* Reads and compiles; returns 0 with c->model set, or an exit status. */
static int compile(Compilation *c, const Opts *o) {
  int rc = compile_only_read(c, o);
  return rc ? rc : driver_compile(c) ? 0 : 1;
}

/* Diagnostics kept as data for `check --format json|sarif`. */
typedef struct {
  Severity sev;
  int line, col, end_col;
  char *msg;
  const char *rule;       /* review item id, or NULL for the compiler's own */
} Finding;

typedef struct {
  Finding *v;
  int n, cap;
  const char *next_rule;  /* the rule of the diagnostic being reported */
} Findings;

static void collect_finding(void *ctx, const Diagnostic *d) {
  Findings *f = ctx;
  if (f->n == f->cap) {
    f->cap = f->cap ? f->cap * 2 : 32;
    Finding *v = realloc(f->v, sizeof(Finding) * (size_t)f->cap);
    if (!v) {
      fputs("plinth: out of memory\n", stderr);
      exit(2);
    }
    f->v = v;
  }
  size_t n = strlen(d->msg) + 1;
  char *m = malloc(n);
  if (!m) {
    fputs("plinth: out of memory\n", stderr);
    exit(2);
  }
  memcpy(m, d->msg, n);
  f->v[f->n++] = (Finding){d->sev, d->file ? d->line : 0, d->file ? d->col : 0,
                           d->file ? d->col + (int)(d->len > 0 ? d->len : 1) : 0, m, f->next_rule};
}

static int by_line(const void *x, const void *y) {
  const Finding *a = x, *b = y;
  if (a->line != b->line)
    return a->line < b->line ? -1 : 1;
  return a->col < b->col ? -1 : a->col > b->col;
}

static const char *sev_name(Severity s) { return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note"; }

static void findings_json(const Findings *f, const char *file, int errors, int warnings, Buf *out) {
  Json j = {.out = out, .schema = PLINTH_SCHEMA_BASE "check.schema.json"};
  json_obj(&j);
  json_key(&j, "file");
  json_cstr(&j, file);
  json_key(&j, "errors");
  json_num(&j, errors);
  json_key(&j, "warnings");
  json_num(&j, warnings);
  json_key(&j, "findings");
  json_arr(&j);
  for (int i = 0; i < f->n; i++) {
    json_obj(&j);
    json_key(&j, "severity");
    json_cstr(&j, sev_name(f->v[i].sev));
    json_key(&j, "rule");
    json_cstr(&j, f->v[i].rule ? f->v[i].rule : "spec");
    json_key(&j, "line");
    json_num(&j, f->v[i].line);
    json_key(&j, "column");
    json_num(&j, f->v[i].col);
    json_key(&j, "message");
    json_cstr(&j, f->v[i].msg);
    json_end_obj(&j);
  }
  json_end_arr(&j);
  json_end_obj(&j);
  buf_putc(out, '\n');
}

/* A file name as a URI reference: unreserved characters and '/' as they
 * are, every other byte percent-encoded (RFC 3986). */
static void uri_ref(Json *j, const char *name) {
  Buf b = {0};
  for (const unsigned char *c = (const unsigned char *)name; *c; c++) {
    if ((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || strchr("-._~/", *c))
      buf_putc(&b, (char)*c);
    else
      buf_printf(&b, "%%%02X", *c);
  }
  json_str(j, buf_view(&b));
  buf_free(&b);
}

/* SARIF 2.1.0: one run, one rule per review item that fired, results at
 * the spec's lines (tests/check validates against the official schema). */
static void findings_sarif(const Findings *f, const Plan *p, const char *file, Buf *out) {
  Json j = {.out = out};
  json_obj(&j);
  json_key(&j, "$schema");
  json_cstr(&j, "https://json.schemastore.org/sarif-2.1.0.json");
  json_key(&j, "version");
  json_cstr(&j, "2.1.0");
  json_key(&j, "runs");
  json_arr(&j);
  json_obj(&j);
  json_key(&j, "tool");
  json_obj(&j);
  json_key(&j, "driver");
  json_obj(&j);
  json_key(&j, "name");
  json_cstr(&j, "plinth");
  json_key(&j, "version");
  json_cstr(&j, PLINTH_VERSION);
  json_key(&j, "rules");
  json_arr(&j);
  json_obj(&j);
  json_key(&j, "id");
  json_cstr(&j, "spec");
  json_key(&j, "shortDescription");
  json_obj(&j);
  json_key(&j, "text");
  json_cstr(&j, "The spec does not parse or resolve");
  json_end_obj(&j);
  json_end_obj(&j);
  for (int i = 0; p && i < p->nreview; i++) {
    json_obj(&j);
    json_key(&j, "id");
    json_str(&j, p->review[i].id);
    json_key(&j, "shortDescription");
    json_obj(&j);
    json_key(&j, "text");
    json_str(&j, p->review[i].item);
    json_end_obj(&j);
    json_key(&j, "defaultConfiguration");
    json_obj(&j);
    json_key(&j, "level");
    json_cstr(&j, sev_name(p->review[i].severity));
    json_end_obj(&j);
    json_end_obj(&j);
  }
  json_end_arr(&j);
  json_end_obj(&j);
  json_end_obj(&j);
  json_key(&j, "results");
  json_arr(&j);
  for (int i = 0; i < f->n; i++) {
    json_obj(&j);
    json_key(&j, "ruleId");
    json_cstr(&j, f->v[i].rule ? f->v[i].rule : "spec");
    json_key(&j, "level");
    json_cstr(&j, sev_name(f->v[i].sev));
    json_key(&j, "message");
    json_obj(&j);
    json_key(&j, "text");
    json_cstr(&j, f->v[i].msg);
    json_end_obj(&j);
    json_key(&j, "locations");
    json_arr(&j);
    json_obj(&j);
    json_key(&j, "physicalLocation");
    json_obj(&j);
    json_key(&j, "artifactLocation");
    json_obj(&j);
    json_key(&j, "uri");
    uri_ref(&j, file);
    json_end_obj(&j);
    if (f->v[i].line > 0) {
      json_key(&j, "region");
      json_obj(&j);
      json_key(&j, "startLine");
      json_num(&j, f->v[i].line);
      json_key(&j, "startColumn");
      json_num(&j, f->v[i].col);
      json_key(&j, "endColumn");
      json_num(&j, f->v[i].end_col);
      json_end_obj(&j);
    }
    json_end_obj(&j);
    json_end_obj(&j);
    json_end_arr(&j);
    json_end_obj(&j);
  }
  json_end_arr(&j);
  json_end_obj(&j);
  json_end_arr(&j);
  json_end_obj(&j);
  buf_putc(out, '\n');
}

/* The spec's name for a terminal (diag_put_escaped), in the arena. */
static const char *shown_name(Compilation *c) {
  Buf b = {0};
  diag_put_escaped(&b, c->file.name);
  Str s = str_printf(&c->arena, "%.*s", (int)b.n, b.p);
  buf_free(&b);
  return s.p;
}

static int cmd_check(int argc, char **argv) {
  Collector diags = {0};
  Findings found = {0};
  Opts o = {.diags = &diags};
  int rc = parse_opts("check", argc, argv, &o, false);
  if (rc >= 0)
    return rc;
  bool structured = o.format && strcmp(o.format, "text");
  Compilation c;
  rc = compile_only_read(&c, &o);
  if (rc == 0 && structured) {
    c.sink.fn = collect_finding;
    c.sink.ctx = &found;
  }
  if (rc == 0)
    rc = driver_compile(&c) ? 0 : 1;
  /* The plan's review: budget, latency, deadline, auth, indexes, ... */
  if (rc == 0) {
    c.kb = kb_load(&c.arena, NULL, &c.sink);
    if (c.kb)
      c.plan = plan_build(&c.arena, c.model, c.kb, &c.sink);
    if (c.plan)
      plan_delivery(&c.arena, c.plan);
    if (c.plan)
      driver_review(&c, structured ? &found.next_rule : NULL);
    rc = c.sink.errors ? 1 : 0;
  }
  if (structured && rc != 2) {
    if (found.n)
      qsort(found.v, (size_t)found.n, sizeof *found.v, by_line);
    Buf out = {0};
    if (!strcmp(o.format, "json"))
      findings_json(&found, c.file.name, c.sink.errors, c.sink.warnings, &out);
    else
      findings_sarif(&found, c.plan, c.file.name, &out);
    int w = write_out(&out);
    buf_free(&out);
    for (int i = 0; i < found.n; i++)
      free(found.v[i].msg);
    free(found.v);
    driver_free(&c);
    return w ? w : rc;
  }
  flush_diags(&diags);
  if (rc == 0) {
    const Model *m = c.model;
    fprintf(stderr, "%s: %d entit%s, %d feature%s, %d warning%s\n", shown_name(&c), m->nentities,
            m->nentities == 1 ? "y" : "ies", m->nfeatures, m->nfeatures == 1 ? "" : "s", c.sink.warnings,
            c.sink.warnings == 1 ? "" : "s");
  } else if (rc == 1)
    fprintf(stderr, "%s: %d error%s, %d warning%s\n", shown_name(&c), c.sink.errors, c.sink.errors == 1 ? "" : "s",
            c.sink.warnings, c.sink.warnings == 1 ? "" : "s");
  driver_free(&c);
  return rc;
}

static int cmd_model(int argc, char **argv) {
  Collector diags = {0};
  Opts o = {.diags = &diags};
  int rc = parse_opts("model", argc, argv, &o, true);
  if (rc >= 0)
    return rc;
  Compilation c;
  rc = compile(&c, &o);
  flush_diags(&diags);
  if (rc == 0) {
    Buf out = {0};
    if (o.json)
      emit_model_json(c.model, &out);
    else
      emit_model_text(c.model, &out);
    rc = write_out(&out);
    buf_free(&out);
  }
  driver_free(&c);
  return rc;
}

/* The technology a user's word names (kb_match), optionally in one slot;
 * NULL after a message: none, or several (listed; *ambiguous set). */
static const Tech *find_tech(const Kb *kb, const char *cmd, const char *q, Str slot, bool *ambiguous) {
  const Tech *hit[12];
  int n = kb_match(kb, str_c(q), slot, hit, 12);
  *ambiguous = n > 1;
  if (n == 1)
    return hit[0];
  if (!n) {
    fprintf(stderr, "plinth %s: no technology '%s' (see 'plinth kb list')\n", cmd, q);
    return NULL;
  }
  fprintf(stderr, "plinth %s: '%s' names %d technologies; say which:\n", cmd, q, n);
  for (int i = 0; i < n && i < 12; i++)
    fprintf(stderr, "  %-28.*s %.*s\n", STRF(hit[i]->id), STRF(hit[i]->name));
  if (n > 12)
    fprintf(stderr, "  ... and %d more\n", n - 12);
  return NULL;
}

static int cmd_kb(int argc, char **argv) {
  const char *dir = NULL, *sub = NULL, *arg = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h"))
      return help_for("kb");
    if (!strcmp(a, "--kb")) {
      if (++i == argc)
        return usage_error("kb", "%s", "--kb needs a directory");
      dir = argv[i];
    } else if (a[0] == '-')
      return usage_error("kb", "unknown option '%s'", a);
    else if (!sub)
      sub = a;
    else if (!arg)
      arg = a;
    else
      return usage_error("kb", "unexpected argument '%s'", a);
  }
  if (!sub || (strcmp(sub, "list") && strcmp(sub, "show") && strcmp(sub, "check")))
    return usage_error("kb", "%s", "expected 'list [SLOT]', 'show ID' or 'check'");
  if (!strcmp(sub, "show") && !arg)
    return usage_error("kb", "%s", "'show' needs a technology id (see 'plinth kb list')");
  Arena a = arena_make(DRIVER_ARENA_BYTES);
  Collector diags = {0};
  DiagSink sink = {.fn = collect_diag, .ctx = &diags, .arena = &a};
  /* check parses and checks every file; list and show read the tables. */
  Kb *kb = !strcmp(sub, "check") ? kb_parse_all(&a, dir, &sink) : kb_load(&a, dir, &sink);
  int rc = 0;
  Buf out = {0};
  flush_diags(&diags);
  if (!kb) {
    fprintf(stderr, "knowledge base: %d error%s\n", sink.errors, sink.errors == 1 ? "" : "s");
    rc = failed(&sink);
  }
  else if (!strcmp(sub, "list")) {
    emit_kb_list(kb, arg ? str_c(arg) : (Str){0}, &out);
    if (!out.n) {
      fprintf(stderr, "plinth kb: no technology in slot '%s'\n", arg);
      rc = 2;
    }
  } else if (!strcmp(sub, "show")) {
    bool ambiguous;
    const Tech *t = find_tech(kb, "kb", arg, (Str){0}, &ambiguous);
    if (t)
      emit_kb_show(t, &out);
    else
      rc = 2;
  } else
    fprintf(stderr, "knowledge base: %d records, %d technologies\n", kb->nrecs, kb->ntechs);
  if (!rc)
    rc = write_out(&out);
  buf_free(&out);
  arena_free(&a);
  return rc;
}

/* What a planning command prints, once the plan is built: 0, or an exit
 * status after a message of its own. */
typedef int Render(const Plan *p, const Opts *o, Buf *out);

/* How much of the plan a command prints from. */
enum { PLAN_FIGURES, PLAN_WHOLE, PLAN_DECIDED };

/* Reads the spec, builds the plan to `depth` (figures only, the whole
 * plan, or with when-to-revisit and the documents' facts), prints the
 * diagnostics and then what `render` writes. */
static int with_plan(Opts *o, int depth, Render *render) {
  Compilation c;
  o->ctx = &c;
  int rc = compile_only_read(&c, o);
  Plan *p = rc ? NULL
            : depth == PLAN_DECIDED ? driver_decide(&c, o->kb)
            : depth == PLAN_WHOLE   ? driver_plan(&c, o->kb)
                                    : driver_estimate(&c, o->kb);
  if (rc == 0 && !p)
    rc = failed(&c.sink);
  flush_diags(o->diags);
  if (rc == 0 && o->records) {
    /* plinth plan: number the decision records, against DIR's index with -o. */
    c.adr_dir = o->adr_dir;
    c.lock_wait = o->lock_wait ? o->lock_wait - 1 : OUTDIR_LOCK_WAIT;
    Buf err = {0};
    if (!driver_records(&c, o->outdir, o->date, &err)) {
      fwrite(err.p, 1, (size_t)err.n, stderr);
      rc = 2;
    }
    buf_free(&err);
    o->comp = &c;
  }
  if (rc == 0) {
    Buf out = {0};
    rc = render(c.plan, o, &out);
    if (rc == 0)
      rc = write_out(&out);
    buf_free(&out);
  }
  driver_free(&c);
  return rc;
}

static int render_estimate(const Plan *p, const Opts *o, Buf *out) {
  if (o->json)
    emit_estimate_json(p, out);
  else
    emit_estimate_text(p, out, o->explain);
  return 0;
}

static int render_plan(const Plan *p, const Opts *o, Buf *out) {
  if (o->outdir) {
    Buf err = {0}, warn = {0};
    int nfiles = 0, written = 0, kept = 0;
    int rc = driver_write_plan(o->comp, o->force, &err, &warn, &nfiles, &written, &kept) ? 0 : 2;
    if (warn.n)
      fwrite(warn.p, 1, (size_t)warn.n, stderr);
    if (rc)
      fwrite(err.p, 1, (size_t)err.n, stderr);
    else
      fprintf(stderr, "%s: %d file%s, %d written, %d unchanged, %d left alone\n", o->outdir, nfiles,
              nfiles == 1 ? "" : "s", written, nfiles - written - kept, kept);
    buf_free(&err);
    buf_free(&warn);
    return rc;
  }
  if (o->only) {
    const Artifact *a = emit_artifact(o->only);
    if (a->applies && !a->applies(p)) {
      fprintf(stderr, "plinth plan: this plan has no %s (%s)\n", a->only, a->summary);
      return 1;
    }
    if (a->emit)
      a->emit(p, out);
    else {
      OutFiles files = {0};
      a->emit_many(p, &files);
      for (int i = 0; i < files.n; i++) {
        if (files.n > 1) /* one file (the types) prints as it is */
          buf_printf(out, "%s<!-- %s -->\n", i ? "\n" : "", files.v[i].path);
        buf_put(out, files.v[i].text.p, files.v[i].text.n);
      }
      outfiles_free(&files);
    }
    return 0;
  }
  if (!o->format)
    emit_decisions_md(p, out);
  else if (!strcmp(o->format, "json"))
    emit_plan_json(p, out);
  else if (!strcmp(o->format, "html"))
    emit_report_html(p, out);
  else
    emit_combined_md(p, out);
  return 0;
}

static int render_explain(const Plan *p, const Opts *o, Buf *out) {
  if (emit_explain_slot(p, str_c(o->slot), out))
    return 0;
  /* Not a slot of the knowledge base: the closest one, else the list. */
  Str w = str_c(o->slot), best = {0};
  int bd = 3;
  for (int i = 0; i < p->kb->nslots; i++) {
    int d = str_distance(w, p->kb->slots[i].slot, 2);
    if (d < bd)
      bd = d, best = p->kb->slots[i].slot;
  }
  if (best.n)
    fprintf(stderr, "plinth explain: unknown slot '%s'; did you mean '%.*s'?\n", o->slot, STRF(best));
  else {
    fprintf(stderr, "plinth explain: unknown slot '%s'; slots:", o->slot);
    for (int i = 0; i < p->kb->nslots; i++)
      fprintf(stderr, " %.*s", STRF(p->kb->slots[i].slot));
    fputc('\n', stderr);
  }
  return 2;
}

static int cmd_estimate(int argc, char **argv) {
  Collector diags = {0};
  Opts o = {.diags = &diags};
  int rc = parse_opts("estimate", argc, argv, &o, true);
  return rc >= 0 ? rc : with_plan(&o, PLAN_FIGURES, render_estimate);
}

static int cmd_plan(int argc, char **argv) {
  Collector diags = {0};
  Opts o = {.diags = &diags};
  int rc = parse_opts("plan", argc, argv, &o, false);
  if (rc >= 0)
    return rc;
  if (o.format && strcmp(o.format, "md") && strcmp(o.format, "json") && strcmp(o.format, "html"))
    return usage_error("plan", "unknown format '%s' (md, html or json)", o.format);
  if (o.format && (o.only || o.outdir))
    return usage_error("plan", "%s", "--format prints one combined document; -o writes files and --only prints one");
  if (o.force && !o.outdir)
    return usage_error("plan", "%s", "--force applies to -o DIR");
  if (o.lock_wait && !o.outdir)
    return usage_error("plan", "%s", "--lock-wait applies to -o DIR");
  if (o.adr_dir) {
    if (!o.outdir)
      return usage_error("plan", "%s", "--adr-dir applies to -o DIR");
    /* A folder inside DIR: relative, no "..", not DIR itself. */
    if (!outdir_safe_path(str_c(o.adr_dir)) || !strcmp(o.adr_dir, ".") || strlen(o.adr_dir) > 1000)
      return usage_error("plan", "--adr-dir takes a folder inside the output folder, such as docs/adr, not '%s'",
                         o.adr_dir);
  }
  o.records = true;
  if (o.only && !emit_artifact(o.only)) {
    Buf names = {0};
    for (int i = 0; i < emit_nartifacts; i++)
      buf_printf(&names, "%s%s", i ? ", " : "", emit_artifacts[i].only);
    buf_putc(&names, 0);
    usage_error("plan", "unknown part '%s' for --only", o.only);
    fprintf(stderr, "parts: %s\n", names.p);
    buf_free(&names);
    return 2;
  }
  if (o.only && o.outdir)
    return usage_error("plan", "%s", "-o writes every artifact; --only prints one: give one of them");
  if (o.only && emit_artifact(o.only)->contract) {
    o.records = false;
    return with_plan(&o, PLAN_WHOLE, render_plan);
  }
  return with_plan(&o, PLAN_DECIDED, render_plan);
}

static int render_roadmap(const Plan *p, const Opts *o, Buf *out) {
  if (o->devs) {
    /* The roadmap again for another team size (the plan's arena is the
     * compilation's; the cast is the one place a command changes a plan). */
    Arena *a = (Arena *)&((Compilation *)o->ctx)->arena;
    plan_roadmap(a, (Plan *)p, o->devs);
  }
  if (p->roadmap->error.n) {
    fprintf(stderr, "plinth roadmap: %.*s\n", STRF(p->roadmap->error));
    return 1;
  }
  if (o->json)
    emit_roadmap_json(p, out);
  else
    emit_roadmap_md(p, out);
  return 0;
}

static int cmd_roadmap(int argc, char **argv) {
  Collector diags = {0};
  Opts o = {.diags = &diags};
  int rc = parse_opts("roadmap", argc, argv, &o, true);
  return rc >= 0 ? rc : with_plan(&o, PLAN_WHOLE, render_roadmap);
}

static int cmd_explain(int argc, char **argv) {
  Collector diags = {0};
  Opts o = {.diags = &diags};
  int rc = parse_opts("explain", argc, argv, &o, false);
  if (rc >= 0)
    return rc;
  if (!o.slot)
    return usage_error("explain", "%s", "name a slot after the spec, such as database or compute");
  return with_plan(&o, PLAN_DECIDED, render_explain);
}

/* The workload `plinth compare` assumes without --spec: a small product API,
 * stated in the output. */
static const char default_workload[] =
    "project \"Default workload\" {\n"
    "  idea \"A typical product API: people sign in and manage their own records.\"\n"
    "  users 10k\n  active 20%\n  peak 3x\n  latency p95 300ms\n  availability 99.9%\n"
    "  team 3 mid\n}\n"
    "entity User { email email unique; password secret }\n"
    "entity Item { owner -> User; title string(200); body text?; per User ~ 20 }\n"
    "feature auth { method jwt }\n"
    "feature crud Item { owner-only search title paginate }\n";

static int cmd_compare(int argc, char **argv) {
  Collector diags = {0};
  const char *ids[2] = {0}, *spec = NULL, *kb = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h"))
      return help_for("compare");
    if (!strcmp(a, "--spec") || !strcmp(a, "--kb")) {
      if (++i == argc)
        return usage_error("compare", "%s needs a value", a);
      *(!strcmp(a, "--spec") ? &spec : &kb) = argv[i];
    } else if (a[0] == '-' && a[1])
      return usage_error("compare", "unknown option '%s'", a);
    else if (!ids[0])
      ids[0] = a;
    else if (!ids[1])
      ids[1] = a;
    else
      return usage_error("compare", "unexpected argument '%s'", a);
  }
  if (!ids[1])
    return usage_error("compare", "%s", "name two technologies, as in 'plinth compare aws-rds-postgresql aws-dynamodb'");
  Compilation c;
  Opts o = {.diags = &diags, .spec = spec};
  int rc = 0;
  if (spec)
    rc = compile_only_read(&c, &o);
  else {
    driver_init(&c, collect_diag, &diags);
    driver_set_text(&c, "<default workload>", (Str){default_workload, (ptrdiff_t)sizeof default_workload - 1});
  }
  if (rc == 0 && !driver_estimate(&c, kb))
    rc = failed(&c.sink);
  flush_diags(&diags);
  if (rc == 0) {
    /* Each word names one technology; a word that names several is read
     * in the slot of the other when that one is clear. */
    const Tech *t[2], *hit[2][2];
    int n[2];
    for (int k = 0; k < 2; k++)
      n[k] = kb_match(c.kb, str_c(ids[k]), (Str){0}, hit[k], 2);
    for (int k = 0; k < 2 && rc == 0; k++) {
      Str slot = n[1 - k] == 1 ? hit[1 - k][0]->slot : (Str){0};
      bool ambiguous;
      t[k] = find_tech(c.kb, "compare", ids[k], slot.n && n[k] > 1 ? slot : (Str){0}, &ambiguous);
      if (!t[k])
        rc = 2;
    }
    if (rc == 0 && !str_eq(t[0]->slot, t[1]->slot)) {
      fprintf(stderr, "plinth compare: %s fills the %.*s slot and %s the %.*s slot; compare two of one slot\n", ids[0],
              STRF(t[0]->slot), ids[1], STRF(t[1]->slot));
      rc = 2;
    }
    if (rc == 0) {
      Comparison cmp = plan_compare(&c.arena, c.plan, t[0], t[1]);
      Buf out = {0};
      emit_compare_md(c.plan, &cmp, spec == NULL, &out);
      rc = write_out(&out);
      buf_free(&out);
    }
  }
  driver_free(&c);
  return rc;
}

/* Writes `text` to `path` through a temporary file in the same folder,
 * created with O_EXCL|O_NOFOLLOW (a link planted under any name is never
 * followed). Without `force` an existing file is kept: linkat() refuses to
 * replace it; with it, renameat() replaces the name itself, never a link's
 * target. Messages name `path`, never the temporary file. */
static int write_new_file(const char *path, Str text, bool force, int lock_wait) {
  const char *slash = strrchr(path, '/');
  Buf dir = {0};
  if (slash)
    buf_put(&dir, path, slash == path ? 1 : slash - path);
  else
    buf_putc(&dir, '.');
  buf_putc(&dir, 0);
  const char *base = slash ? slash + 1 : path;
  int dfd = open(dir.p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int rc = 0, fd = -1, e = 0;
  char tmp[64];
  /* The folder's lock, as plan -o takes it: one writer at a time. */
  Buf lerr = {0};
  if (dfd >= 0 && *base && !outdir_lock(dfd, dir.p, lock_wait, &lerr)) {
    fprintf(stderr, "plinth new: %s", lerr.p + strlen("plinth: "));
    buf_free(&lerr);
    close(dfd);
    buf_free(&dir);
    return 2;
  }
  buf_free(&lerr);
  if (dfd >= 0 && *base) {
    for (unsigned seq = 0;; seq++) {
      snprintf(tmp, sizeof tmp, OUTDIR_TMP_PREFIX "%ld-%u", (long)getpid(), seq);
      fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
      if (fd >= 0 || errno != EEXIST)
        break;
    }
  }
  e = dfd < 0 ? errno : !*base ? EISDIR : errno;
  bool ok = fd >= 0;
  for (ptrdiff_t at = 0; ok && at < text.n;) {
    ssize_t w = write(fd, text.p + at, (size_t)(text.n - at));
    if (w < 0 && errno == EINTR)
      continue;
    ok = w > 0;
    e = w < 0 ? errno : ENOSPC;
    at += ok ? w : 0;
  }
  if (fd >= 0 && close(fd) != 0 && ok) {
    ok = false;
    e = errno;
  }
  if (!ok) {
    fprintf(stderr, "plinth new: cannot write '%s': %s\n", path, strerror(e));
    rc = 2;
  } else if (force) {
    if (renameat(dfd, tmp, dfd, base) != 0) {
      fprintf(stderr, "plinth new: cannot write '%s': %s\n", path, strerror(errno));
      rc = 2;
    }
  } else if (linkat(dfd, tmp, dfd, base, 0) != 0) {
    if (errno == EEXIST)
      fprintf(stderr, "plinth new: '%s' already exists; use --force to replace it\n", path);
    else
      fprintf(stderr, "plinth new: cannot write '%s': %s\n", path, strerror(errno));
    rc = 2;
  }
  if (fd >= 0)
    unlinkat(dfd, tmp, 0);
  if (dfd >= 0)
    close(dfd);
  buf_free(&dir);
  return rc;
}

static int cmd_new(int argc, char **argv) {
  const char *out = NULL, *kbdir = NULL;
  bool force = false, json = false, from_stdin = false;
  int lock_wait = OUTDIR_LOCK_WAIT;
  Buf idea = {0};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      buf_free(&idea);
      return help_for("new");
    }
    if (!strcmp(a, "-o") || !strcmp(a, "--kb")) {
      if (++i == argc) {
        buf_free(&idea);
        return usage_error("new", "%s needs a value", a);
      }
      if (!strcmp(a, "-o") && !out_name_ok(argv[i])) {
        buf_free(&idea);
        return usage_error("new", "-o needs a file name, not '%s' (write ./NAME for a name that starts with '-')",
                           argv[i]);
      }
      *(!strcmp(a, "-o") ? &out : &kbdir) = argv[i];
    } else if (!strcmp(a, "--force"))
      force = true;
    else if (!strcmp(a, "--lock-wait")) {
      if ((lock_wait = lock_wait_arg("new", argc, argv, &i)) < 0) {
        buf_free(&idea);
        return 2;
      }
    } else if (!strcmp(a, "--json"))
      json = true;
    else if (!strcmp(a, "-"))
      from_stdin = true;
    else if (a[0] == '-' && a[1] == '-') {
      buf_free(&idea);
      return usage_error("new", "unknown option '%s'", a);
    } else
      buf_printf(&idea, "%s%s", idea.n ? " " : "", a);
  }
  Arena arena = arena_make(DRIVER_ARENA_BYTES);
  Str text = {0};
  if (from_stdin || !idea.n) {
    if (driver_slurp(&arena, stdin, &text)) {
      fprintf(stderr, "plinth new: cannot read the idea from standard input (at most %d MiB)\n", SPEC_MAX_BYTES >> 20);
      buf_free(&idea);
      arena_free(&arena);
      return 2;
    }
  } else {
    char *t = new(&arena, char, idea.n + 1);
    memcpy(t, idea.p, (size_t)idea.n);
    text = (Str){t, idea.n};
  }
  buf_free(&idea);
  Collector diags = {0};
  DiagSink sink = {.fn = collect_diag, .ctx = &diags, .arena = &arena};
  Kb *kb = kb_load(&arena, kbdir, &sink);
  flush_diags(&diags);
  if (!kb) {
    arena_free(&arena);
    return failed(&sink);
  }
  Buf spec = {0}, js = {0}, msg = {0};
  IntakeOut io = {&spec, json ? &js : NULL, &msg, false};
  intake_new(&arena, kb, text, &io);
  if (msg.n)
    fwrite(msg.p, 1, (size_t)msg.n, stderr);
  int rc;
  if (out)
    rc = write_new_file(out, buf_view(&spec), force, lock_wait);
  else
    rc = write_out(json ? &js : &spec);
  if (out && json && rc == 0)
    rc = write_out(&js);
  buf_free(&spec);
  buf_free(&js);
  buf_free(&msg);
  arena_free(&arena);
  return rc;
}

static int cmd_diagnose(int argc, char **argv) {
  const char *spec = NULL, *kbdir = NULL;
  bool json = false, from_stdin = false;
  Buf lines = {0};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      buf_free(&lines);
      return help_for("diagnose");
    }
    if (!strcmp(a, "--spec") || !strcmp(a, "--kb")) {
      if (++i == argc) {
        buf_free(&lines);
        return usage_error("diagnose", "%s needs a value", a);
      }
      *(!strcmp(a, "--spec") ? &spec : &kbdir) = argv[i];
    } else if (!strcmp(a, "--json"))
      json = true;
    else if (!strcmp(a, "-"))
      from_stdin = true;
    else if (a[0] == '-' && a[1] == '-') {
      buf_free(&lines);
      return usage_error("diagnose", "unknown option '%s'", a);
    } else
      buf_printf(&lines, "%s\n", a);
  }
  Collector diags = {0};
  Compilation c;
  Opts o = {.diags = &diags, .spec = spec};
  int rc = 0;
  if (spec) {
    rc = compile_only_read(&c, &o);
    if (rc == 0 && !driver_plan(&c, kbdir))
      rc = failed(&c.sink);
  } else {
    driver_init(&c, collect_diag, &diags);
    c.kb = kb_load(&c.arena, kbdir, &c.sink);
    if (!c.kb)
      rc = failed(&c.sink);
  }
  flush_diags(&diags);
  Str text = {0};
  if (rc == 0 && (from_stdin || !lines.n)) {
    if (driver_slurp(&c.arena, stdin, &text)) {
      fprintf(stderr, "plinth diagnose: cannot read the symptoms from standard input\n");
      rc = 2;
    }
  } else if (rc == 0) {
    char *t = new(&c.arena, char, lines.n + 1);
    memcpy(t, lines.p, (size_t)lines.n);
    text = (Str){t, lines.n};
  }
  buf_free(&lines);
  if (rc == 0) {
    Buf md = {0}, js = {0};
    intake_diagnose(&c.arena, c.kb, c.plan, text, &md, json ? &js : NULL);
    rc = write_out(json ? &js : &md);
    buf_free(&md);
    buf_free(&js);
  }
  driver_free(&c);
  return rc;
}

/* plinth diff OLD NEW: both plans built in full, then compared (plan/diff.c). */
static int cmd_diff(int argc, char **argv) {
  const char *specs[2] = {0}, *kb = NULL, *only = NULL;
  bool json = false, exit_code = false, destructive = false, sqlite = false;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h"))
      return help_for("diff");
    if (!strcmp(a, "--kb") || !strcmp(a, "--only")) {
      if (++i == argc)
        return usage_error("diff", "%s needs a value", a);
      *(!strcmp(a, "--kb") ? &kb : &only) = argv[i];
    } else if (!strcmp(a, "--json"))
      json = true;
    else if (!strcmp(a, "--exit-code"))
      exit_code = true;
    else if (!strcmp(a, "--allow-destructive"))
      destructive = true;
    else if (!strcmp(a, "--sqlite"))
      sqlite = true;
    else if (a[0] == '-' && a[1])
      return usage_error("diff", "unknown option '%s'", a);
    else if (!specs[0])
      specs[0] = a;
    else if (!specs[1])
      specs[1] = a;
    else
      return usage_error("diff", "unexpected argument '%s' (two specs: OLD NEW)", a);
  }
  if (!specs[1])
    return usage_error("diff", "%s", "name two specs: the old version and the new one");
  if (!strcmp(specs[0], "-") && !strcmp(specs[1], "-"))
    return usage_error("diff", "%s", "only one of the specs can be standard input");
  static const char *const parts[] = {"decisions", "cost", "api", "migration", "roadmap"};
  bool known = !only;
  for (size_t i = 0; i < sizeof parts / sizeof *parts && !known; i++)
    known = !strcmp(only, parts[i]);
  if (!known)
    return usage_error("diff", "unknown part '%s' (decisions, cost, api, migration or roadmap)", only);
  Collector diags = {0};
  Compilation c[2];
  int rc = 0, ready = 0;
  for (int k = 0; k < 2 && rc == 0; k++) {
    Opts o = {.diags = &diags, .spec = specs[k]};
    rc = compile_only_read(&c[k], &o);
    ready = k + 1;
    if (rc == 0 && !driver_plan(&c[k], kb))
      rc = failed(&c[k].sink);
  }
  flush_diags(&diags);
  if (rc == 0) {
    PlanDiff *d = plan_diff(&c[1].arena, c[0].plan, c[1].plan);
    Buf out = {0};
    if (json)
      emit_diff_json(d, only, !sqlite, destructive, &out);
    else
      emit_diff_text(d, only, !sqlite, destructive, &out);
    rc = write_out(&out);
    buf_free(&out);
    if (rc == 0 && exit_code && !plan_diff_empty(d))
      rc = 1;
  }
  for (int k = 0; k < ready; k++)
    driver_free(&c[k]);
  return rc;
}

/* A whole number from lo to hi for option `opt`, or -1 after a usage error. */
static int int_arg(const char *cmd, const char *opt, const char *v, int lo, int hi) {
  char *end;
  long n = strtol(v, &end, 10);
  if (*end || end == v || n < lo || n > hi) {
    fprintf(stderr, "plinth %s: %s takes a whole number from %d to %d, not '%s'\n", cmd, opt, lo, hi, v);
    return -1;
  }
  return (int)n;
}

static int cmd_serve(int argc, char **argv) {
  ServeOpts o = {.version = PLINTH_VERSION, .timeout = 10};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h"))
      return help_for("serve");
    if (!strcmp(a, "--listen") || !strcmp(a, "--kb") || !strcmp(a, "--threads") || !strcmp(a, "--timeout")) {
      if (++i == argc)
        return usage_error("serve", "%s needs a value", a);
      if (!strcmp(a, "--listen"))
        o.listen = argv[i];
      else if (!strcmp(a, "--kb"))
        o.kb_dir = argv[i];
      else if ((*(!strcmp(a, "--threads") ? &o.threads : &o.timeout) =
                    int_arg("serve", a, argv[i], 1, !strcmp(a, "--threads") ? 256 : 3600)) < 0)
        return 2;
    } else if (a[0] == '-')
      return usage_error("serve", "unknown option '%s'", a);
    else if (o.spec)
      return usage_error("serve", "unexpected argument '%s' (one spec to watch)", a);
    else
      o.spec = a;
  }
  return serve_run(&o);
}

static const Command commands[] = {
  {"check", "Parse and resolve a spec, build its plan and report every problem found, as file:line:col\n"
            "diagnostics at the spec line responsible: the language's own checks, then the review checklist\n"
            "(a budget the stack cannot meet, a p95 a request path cannot reach, a deadline the roadmap\n"
            "overshoots, an owner-only feature without auth, a relation without an index, ...).\n"
            "Exit status: 0 clean or warnings only, 1 errors in the spec, 2 usage or I/O errors.\n\n"
            "options:\n  --format text|json|sarif   diagnostics on stderr (default), or JSON or SARIF 2.1.0 on stdout\n"
            "  --deny warnings            treat warnings as errors (for CI); --werror is the same",
   "plinth check [--format text|json|sarif] [--deny warnings] [--werror] SPEC|-", cmd_check,
   "parse, resolve and review a spec; report every problem at its line"},
  {"model", "Print the resolved model: entities with derived rows and row sizes, relations both ways,\n"
            "ownership chains, features and every assumption made for what the spec left out.\n\n"
            "options:\n  --json     print the model as JSON (stable key order)\n  --werror   treat warnings as errors",
   "plinth model [--json] [--werror] SPEC|-", cmd_model,
   "print the resolved model with its derived facts and assumptions"},
  {"estimate", "Capacity, cost, latency and availability: requests per second (average, peak, design load),\n"
               "storage now and after 1 and 3 years, bandwidth, the monthly cost of each component against the\n"
               "budget, the latency of each request path against the p95 target, and the composite availability.\n\n"
               "options:\n  --json     print the figures as JSON\n  --explain  print every formula with its inputs\n"
               "  --kb DIR   also load DIR/*.kb into the knowledge base",
   "plinth estimate [--json] [--explain] [--kb DIR] SPEC|-", cmd_estimate,
   "capacity, cost, latency and availability figures with their formulas"},
  {"plan", "The technology plan: the architecture style and one decision per slot, each with the facts\n"
           "that decided it, every rejected alternative with its reason, and when to revisit it.\n\n"
           "options:\n  --format md|html|json  one combined document: every Markdown document with a table of\n"
           "                         contents, report.html, or the whole plan as JSON (default: the decisions)\n"
           "  -o DIR             write every artifact into DIR; files people edited since are left alone\n"
           "  --force            with -o, overwrite files people edited\n"
           "  --lock-wait SECONDS  with -o, how long to wait while another run writes DIR (default 120;\n"
           "                     0: fail at once); then exit 2 naming the folder and the other run\n"
           "  --adr-dir DIR      with -o, write the decision records in DIR inside the output folder\n"
           "                     (such as docs/adr; default adr)\n"
           "  --date YYYY-MM-DD  date of new decision records (default: SOURCE_DATE_EPOCH, else " ADR_DEFAULT_DATE ")\n"
           "  --only PART        print one artifact: decisions, json, ... (see the list on a wrong PART)\n"
           "  --kb DIR           also load DIR/*.kb",
   "plinth plan [--format md|html|json | -o DIR [--force] [--lock-wait S] [--adr-dir DIR] | --only PART] [--date D] [--kb DIR] "
   "SPEC|-",
   cmd_plan,
   "the technology plan, or every artifact of it with -o"},
  {"explain", "One decision in full: why this technology for this slot, every alternative and why not,\n"
              "the cost formula, and when to revisit.\n\noptions:\n  --kb DIR   also load DIR/*.kb",
   "plinth explain [--kb DIR] SPEC|- SLOT", cmd_explain,
   "one decision in full: reasons, alternatives, cost, when to revisit"},
  {"compare", "Two technologies of one slot side by side: a decision matrix (cost at the load, burden, skills,\n"
              "lock-in, hosting, latency, SLA), the winner of each row and overall, and a migration path from\n"
              "the loser to the winner with an effort estimate. Without --spec, for a stated default workload\n"
              "(10,000 users, 20% daily active, a team of 3).\n\n"
              "options:\n  --spec SPEC   compare for this spec's workload\n  --kb DIR      also load DIR/*.kb",
   "plinth compare A B [--spec SPEC] [--kb DIR]", cmd_compare,
   "two technologies of one slot side by side, for a workload"},
  {"roadmap", "The roadmap: tasks with estimates and dependencies, the critical path, the schedule for the\n"
              "team, milestones (MVP, beta, production) with success criteria, the deadline, where to start\n"
              "today and the stack's pitfalls for a team of this level.\n\n"
              "options:\n  --devs N   schedule for N developers instead of the team's size\n"
              "  --json     tasks, critical path, duration and milestones as JSON\n  --kb DIR   also load DIR/*.kb",
   "plinth roadmap [--devs N] [--json] [--kb DIR] SPEC|-", cmd_roadmap,
   "tasks, critical path, schedule, milestones and where to start"},
  {"kb", "Browse and check the knowledge base: the technologies Plinth chooses from, with every\n"
         "figure's source and date.\n\n"
         "  list [SLOT]  one line per technology, optionally of one slot (compute, database, ...)\n"
         "  show ID      every attribute and figure of one technology\n"
         "  check        load and validate the knowledge base\n\n"
         "options:\n  --kb DIR   also load DIR/*.kb; a record there replaces a built-in one with the same id",
   "plinth kb list [SLOT] | show ID | check  [--kb DIR]", cmd_kb,
   "browse and check the knowledge base"},
  {"new", "Draft a spec from an idea in plain English: the entities, fields, relations, features and figures\n"
          "the text implies, each guess marked '# assumed', and the questions whose answers would change the\n"
          "plan most (found by planning the draft again with each assumed figure varied).\n"
          "The idea is the arguments, or standard input with - or no argument.\n\n"
          "options:\n  -o FILE    write the draft to FILE (atomically); an existing FILE is kept unless --force\n"
          "  --force    replace FILE\n"
          "  --lock-wait SECONDS  how long to wait while another plinth run writes FILE's folder\n"
          "             (default 120; 0: fail at once); then exit 2\n  --json     print what was found as JSON, the draft included\n"
          "  --kb DIR   also load DIR/*.kb",
   "plinth new [-o FILE [--force] [--lock-wait S]] [--json] [--kb DIR] \"IDEA TEXT\"|-", cmd_new,
   "draft a spec from an idea in plain English"},
  {"diagnose", "Rank the likely causes of symptoms and metrics ('p95 3s under load', 'database cpu 95%',\n"
               "'error rate 5%'), one per line: for each cause the evidence to look for, why it happens, the fix\n"
               "(with an example for the plan's stack when --spec is given), immediate actions, long-term\n"
               "improvements and the expected before and after. The symptoms are the arguments (one line each),\n"
               "or standard input with - or no argument.\n\n"
               "options:\n  --spec SPEC   the system's spec, for examples in its database, compute and language\n"
               "  --json        print the ranking as JSON\n  --kb DIR      also load DIR/*.kb",
   "plinth diagnose [--spec SPEC] [--json] [--kb DIR] [SYMPTOMS|-]", cmd_diagnose,
   "rank the likely causes of symptoms, with evidence and fixes"},
  {"diff", "What changes between two versions of a spec: decisions that flip (with the new plan's reason)\n"
           "and topology that moves, cost per component and in total, capacity figures, API changes\n"
           "classified breaking or not, a PostgreSQL migration in expand/contract order (renames only where\n"
           "the new spec says 'was OLD'), and the roadmap's added, removed and re-estimated tasks.\n"
           "Prints nothing when the plans agree.\n\n"
           "options:\n  --json               print the changes as JSON\n"
           "  --only PART          one part: decisions, cost, api, migration or roadmap\n"
           "  --exit-code          exit 1 when the plans differ, as git diff --exit-code does\n"
           "  --allow-destructive  write the migration's data-losing steps (otherwise commented out)\n"
           "  --sqlite             the migration for SQLite, where its ALTER TABLE allows\n"
           "  --kb DIR             also load DIR/*.kb",
   "plinth diff [--json] [--only PART] [--exit-code] [--allow-destructive] [--sqlite] [--kb DIR] OLD NEW", cmd_diff,
   "what changes between two versions of a spec, with the migration"},
  {"serve", "A live web page over the same pipeline, and the HTTP API behind it.\n"
            "The page: an editor for the spec with diagnostics as you type; the decisions, cost and capacity,\n"
            "every diagram and document, updated as you type. The API: POST /api/plan answers what\n"
            "'plinth plan --format json' prints, and more (docs/serve.md). With SPEC, the page follows\n"
            "the file as it changes. Stops on Ctrl-C (SIGINT) or SIGTERM.\n\n"
            "options:\n  --listen HOST:PORT  address to listen on (default 127.0.0.1:8080; port 0 picks a free one);\n"
            "                      another than loopback prints a warning: the API has no authentication\n"
            "  --kb DIR            also load DIR/*.kb (once, at start)\n"
            "  --threads N         worker threads (default: one per core)\n"
            "  --timeout S         seconds a request may take to arrive whole (default 10)",
   "plinth serve [--listen 127.0.0.1:8080] [--kb DIR] [--threads N] [--timeout S] [SPEC]", cmd_serve,
   "a live web page and HTTP API over the same pipeline"},
};

static const Command *find_command(const char *name) {
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    if (!strcmp(commands[i].name, name))
      return &commands[i];
  return NULL;
}

/* A command's line in `plinth --help`: its brief, or else the summary's
 * first sentence (to the first ". " or the end of its paragraph), never
 * cut short. */
static void brief_line(FILE *fp, const Command *c) {
  if (c->brief) {
    fprintf(fp, "  %-10s %s\n", c->name, c->brief);
    return;
  }
  const char *s = c->summary, *end = s;
  while (*end && !(end[0] == '.' && (end[1] == ' ' || end[1] == '\n' || !end[1])) && !(end[0] == '\n' && end[1] == '\n'))
    end++;
  fprintf(fp, "  %-10s ", c->name);
  int col = 13;
  for (const char *w = s; w < end;) {
    while (w < end && (*w == ' ' || *w == '\n'))
      w++;
    const char *we = w;
    while (we < end && *we != ' ' && *we != '\n')
      we++;
    if (we == w)
      break;
    if (col > 13 && col + (we - w) + 1 > 100) {
      fprintf(fp, "\n%13s", "");
      col = 13;
    } else if (col > 13) {
      fputc(' ', fp);
      col++;
    }
    fwrite(w, 1, (size_t)(we - w), fp);
    col += (int)(we - w);
    w = we;
  }
  fputc('\n', fp);
}

static void usage(FILE *fp) {
  fprintf(fp, "usage: plinth COMMAND [options] SPEC|-\n\n"
              "Plinth compiles a project spec into a technical foundation plan.\n\ncommands:\n");
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    brief_line(fp, &commands[i]);
  fprintf(fp, "\noptions:\n  -h, --help     this text; 'plinth COMMAND --help' for a command\n"
              "  -V, --version  print the version\n");
}

/* Hidden: the manual pages and completions, made from the table above
 * (make install writes them). --gen-man [COMMAND | --list], --gen-completions SHELL. */
static int gen_docs(int argc, char **argv) {
  enum { N = sizeof commands / sizeof *commands };
  CliCommand cli[N];
  for (int i = 0; i < N; i++)
    cli[i] = (CliCommand){commands[i].name, commands[i].summary, commands[i].usage,
                          commands[i].brief ? commands[i].brief : commands[i].name};
  Buf out = {0};
  int rc = 0;
  if (!strcmp(argv[1], "--gen-man")) {
    if (argc > 2 && !strcmp(argv[2], "--list")) {
      for (int i = 0; i < N; i++)
        buf_printf(&out, "%s\n", cli[i].name);
    } else {
      int which = -1;
      for (int i = 0; argc > 2 && i < N; i++)
        if (!strcmp(cli[i].name, argv[2]))
          which = i;
      if (argc > 2 && which < 0) {
        fprintf(stderr, "plinth: no command '%s'\n", argv[2]);
        return 2;
      }
      emit_man(cli, N, which, PLINTH_VERSION, &out);
    }
  } else if (argc < 3 || !emit_completions(cli, N, argv[2], &out)) {
    fprintf(stderr, "plinth: --gen-completions takes bash, zsh or fish\n");
    rc = 2;
  }
  if (!rc)
    rc = write_out(&out);
  buf_free(&out);
  return rc;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
    if (argc > 2 && find_command(argv[2]))
      return help_for(argv[2]);
    usage(stdout);
    return 0;
  }
  if (!strcmp(argv[1], "--gen-man") || !strcmp(argv[1], "--gen-completions"))
    return gen_docs(argc, argv);
  if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
    printf("plinth %s\n", PLINTH_VERSION);
    return 0;
  }
  const Command *c = find_command(argv[1]);
  if (!c) {
    fprintf(stderr, "plinth: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
  }
  return c->run(argc - 1, argv + 1);
}
