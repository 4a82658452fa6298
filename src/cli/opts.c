/* What every command shares: the diagnostics collector, the options of
 * the spec commands, reading the spec (see cli.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "../util/esc.h"

void cli_collect_diag(void *ctx, const Diagnostic *d) {
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

void cli_flush_diags(Collector *c) {
  if (c->n)
    qsort(c->v, (size_t)c->n, sizeof *c->v, by_place);
  for (int i = 0; i < c->n; i++)
    fwrite(c->text.p + c->v[i].start, 1, (size_t)c->v[i].len, stderr);
  free(c->v);
  buf_free(&c->text);
  *c = (Collector){0};
}

int cli_write_out(const Buf *b) {
  if (b->n && fwrite(b->p, 1, (size_t)b->n, stdout) != (size_t)b->n)
    return 2;
  return fflush(stdout) ? 2 : 0;
}

int cli_failed(const DiagSink *s) { return s->io_errors ? 2 : 1; }

const char *cli_word(char *buf, const char *arg) {
  Str s = str_c(arg);
  int o = 0;
  for (ptrdiff_t i = 0; i < s.n;) {
    int32_t cp;
    int len = esc_next(s, i, &cp);
    if (o + len > DIAG_NAME_MAX) {
      memcpy(buf + o, "...", 3);
      o += 3;
      break;
    }
    if (cp < 0 || esc_hostile(cp))
      buf[o++] = '?';
    else {
      memcpy(buf + o, s.p + i, (size_t)len);
      o += len;
    }
    i += len;
  }
  buf[o] = 0;
  return buf;
}

int cli_usage_error(const char *cmd, const char *fmt, const char *arg) {
  char w[CLI_WORD_BYTES];
  fprintf(stderr, "plinth %s: ", cmd);
  fprintf(stderr, fmt, cli_word(w, arg));
  fprintf(stderr, "\nTry 'plinth %s --help'.\n", cmd);
  return 2;
}

bool cli_out_name_ok(const char *v) { return v[0] && v[0] != '-'; }

/* Parses the options shared by the spec commands. Returns -1 to go on, or
 * an exit status. */
int cli_parse_opts(const char *cmd, int argc, char **argv, Opts *o, bool allow_json) {
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h"))
      return CLI_HELP;
    if (allow_json && !strcmp(a, "--json"))
      o->json = true;
    else if (!strcmp(cmd, "estimate") && !strcmp(a, "--explain"))
      o->explain = true;
    else if (!strcmp(a, "--kb") && strcmp(cmd, "check") && strcmp(cmd, "model")) {
      if (++i == argc)
        return cli_usage_error(cmd, "%s", "--kb needs a directory");
      o->kb = argv[i];
    }
    else if (!strcmp(a, "--werror"))
      o->werror = true;
    else if (!strcmp(cmd, "check") && (!strcmp(a, "--format") || !strcmp(a, "--deny"))) {
      if (++i == argc)
        return cli_usage_error(cmd, "%s needs a value", a);
      if (!strcmp(a, "--format")) {
        if (strcmp(argv[i], "text") && strcmp(argv[i], "json") && strcmp(argv[i], "sarif"))
          return cli_usage_error(cmd, "unknown format '%s' (text, json or sarif)", argv[i]);
        o->format = argv[i];
      } else if (!strcmp(argv[i], "warnings"))
        o->werror = true;
      else
        return cli_usage_error(cmd, "--deny takes 'warnings', not '%s'", argv[i]);
    }
    else if (!strcmp(cmd, "roadmap") && !strcmp(a, "--devs")) {
      if (++i == argc)
        return cli_usage_error(cmd, "%s", "--devs needs a number of developers");
      char *end;
      long n = strtol(argv[i], &end, 10);
      if (*end || end == argv[i] || n < 1 || n > 1000)
        return cli_usage_error(cmd, "--devs takes a whole number from 1 to 1000, not '%s'", argv[i]);
      o->devs = (int)n;
    }
    else if (!strcmp(cmd, "plan") && !strcmp(a, "--force"))
      o->force = true;
    else if (!strcmp(cmd, "plan") && !strcmp(a, "--lock-wait")) {
      int w = cli_lock_wait(cmd, argc, argv, &i);
      if (w < 0)
        return 2;
      o->lock_wait = w + 1;
    }
    else if (!strcmp(cmd, "plan") && (!strcmp(a, "--format") || !strcmp(a, "--only") || !strcmp(a, "-o") ||
                                      !strcmp(a, "--date") || !strcmp(a, "--adr-dir"))) {
      if (++i == argc)
        return cli_usage_error(cmd, "%s needs a value", a);
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
        if (!cli_out_name_ok(argv[i]))
          return cli_usage_error(cmd, "-o needs a folder name, not '%s' (write ./NAME for a name that starts with '-')",
                             argv[i]);
        o->outdir = argv[i];
      }
      else
        o->only = argv[i];
    }
    else if (a[0] == '-' && a[1])
      return cli_usage_error(cmd, "unknown option '%s'", a);
    else if (o->spec && !strcmp(cmd, "explain") && !o->slot)
      o->slot = a;
    else if (o->spec)
      return cli_usage_error(cmd, "unexpected argument '%s' (one spec at a time)", a);
    else
      o->spec = a;
  }
  if (!o->spec)
    return cli_usage_error(cmd, "%s", "no spec given (a file, or - for standard input)");
  return -1;
}

int cli_lock_wait(const char *cmd, int argc, char **argv, int *i) {
  if (++*i == argc) {
    cli_usage_error(cmd, "%s needs a value", "--lock-wait");
    return -1;
  }
  char *end;
  long n = strtol(argv[*i], &end, 10);
  if (*end || end == argv[*i] || n < 0 || n > 86400) {
    cli_usage_error(cmd, "--lock-wait takes a number of seconds from 0 to 86400, not '%s'", argv[*i]);
    return -1;
  }
  return (int)n;
}

/* Sets up the compilation and reads the spec; 0 or an exit status. */
int cli_read_spec(Compilation *c, const Opts *o) {
  driver_init(c, cli_collect_diag, o->diags);
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
int cli_compile(Compilation *c, const Opts *o) {
  int rc = cli_read_spec(c, o);
  return rc ? rc : driver_compile(c) ? 0 : 1;
}

/* The technology a user's word names (kb_match), optionally in one slot;
 * NULL after a message: none, or several (listed; *ambiguous set). */
const Tech *cli_find_tech(const Kb *kb, const char *cmd, const char *q, Str slot, bool *ambiguous) {
  const Tech *hit[12];
  int n = kb_match(kb, str_c(q), slot, hit, 12);
  *ambiguous = n > 1;
  if (n == 1)
    return hit[0];
  if (!n) {
    char w[CLI_WORD_BYTES];
    fprintf(stderr, "plinth %s: no technology '%s' (see 'plinth kb list')\n", cmd, cli_word(w, q));
    return NULL;
  }
  fprintf(stderr, "plinth %s: '%s' names %d technologies; say which:\n", cmd, q, n);
  for (int i = 0; i < n && i < 12; i++)
    fprintf(stderr, "  %-28.*s %.*s\n", STRF(hit[i]->id), STRF(hit[i]->name));
  if (n > 12)
    fprintf(stderr, "  ... and %d more\n", n - 12);
  return NULL;
}

/* A whole number from lo to hi for option `opt`, or -1 after a usage error. */
int cli_int_arg(const char *cmd, const char *opt, const char *v, int lo, int hi) {
  char *end;
  long n = strtol(v, &end, 10);
  if (*end || end == v || n < lo || n > hi) {
    fprintf(stderr, "plinth %s: %s takes a whole number from %d to %d, not '%s'\n", cmd, opt, lo, hi, v);
    return -1;
  }
  return (int)n;
}
