/* The commands around the specs: kb, new, diagnose and serve. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "../intake/intake.h"
#include "../serve/serve.h"

int cmd_kb(int argc, char **argv) {
  const char *dir = NULL, *sub = NULL, *arg = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h"))
      return CLI_HELP;
    if (!strcmp(a, "--kb")) {
      if (++i == argc)
        return cli_usage_error("kb", "%s", "--kb needs a directory");
      dir = argv[i];
    } else if (a[0] == '-')
      return cli_usage_error("kb", "unknown option '%s'", a);
    else if (!sub)
      sub = a;
    else if (!arg)
      arg = a;
    else
      return cli_usage_error("kb", "unexpected argument '%s'", a);
  }
  if (!sub || (strcmp(sub, "list") && strcmp(sub, "show") && strcmp(sub, "check")))
    return cli_usage_error("kb", "%s", "expected 'list [SLOT]', 'show ID' or 'check'");
  if (!strcmp(sub, "show") && !arg)
    return cli_usage_error("kb", "%s", "'show' needs a technology id (see 'plinth kb list')");
  Arena a = arena_make(DRIVER_ARENA_BYTES);
  Collector diags = {0};
  DiagSink sink = {.fn = cli_collect_diag, .ctx = &diags, .arena = &a};
  /* check parses and checks every file; list and show read the tables. */
  const Kb *kb = !strcmp(sub, "check") ? kb_parse_all(&a, dir, &sink) : kb_load(&a, dir, &sink);
  int rc = 0;
  Buf out = {0};
  cli_flush_diags(&diags);
  if (!kb) {
    fprintf(stderr, "knowledge base: %d error%s\n", sink.errors, sink.errors == 1 ? "" : "s");
    rc = cli_failed(&sink);
  }
  else if (!strcmp(sub, "list")) {
    emit_kb_list(kb, arg ? str_c(arg) : (Str){0}, &out);
    if (!out.n) {
      fprintf(stderr, "plinth kb: no technology in slot '%s'\n", arg);
      rc = 2;
    }
  } else if (!strcmp(sub, "show")) {
    bool ambiguous;
    const Tech *t = cli_find_tech(kb, "kb", arg, (Str){0}, &ambiguous);
    if (t)
      emit_kb_show(t, &out);
    else
      rc = 2;
  } else
    fprintf(stderr, "knowledge base: %d records, %d technologies\n", kb->nrecs, kb->ntechs);
  if (!rc)
    rc = cli_write_out(&out);
  buf_free(&out);
  arena_free(&a);
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

int cmd_new(int argc, char **argv) {
  const char *out = NULL, *kbdir = NULL;
  bool force = false, json = false, from_stdin = false;
  int lock_wait = OUTDIR_LOCK_WAIT;
  Buf idea = {0};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      buf_free(&idea);
      return CLI_HELP;
    }
    if (!strcmp(a, "-o") || !strcmp(a, "--kb")) {
      if (++i == argc) {
        buf_free(&idea);
        return cli_usage_error("new", "%s needs a value", a);
      }
      if (!strcmp(a, "-o") && !cli_out_name_ok(argv[i])) {
        buf_free(&idea);
        return cli_usage_error("new", "-o needs a file name, not '%s' (write ./NAME for a name that starts with '-')",
                           argv[i]);
      }
      *(!strcmp(a, "-o") ? &out : &kbdir) = argv[i];
    } else if (!strcmp(a, "--force"))
      force = true;
    else if (!strcmp(a, "--lock-wait")) {
      if ((lock_wait = cli_lock_wait("new", argc, argv, &i)) < 0) {
        buf_free(&idea);
        return 2;
      }
    } else if (!strcmp(a, "--json"))
      json = true;
    else if (!strcmp(a, "-"))
      from_stdin = true;
    else if (a[0] == '-' && a[1] == '-') {
      buf_free(&idea);
      return cli_usage_error("new", "unknown option '%s'", a);
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
  DiagSink sink = {.fn = cli_collect_diag, .ctx = &diags, .arena = &arena};
  const Kb *kb = kb_load(&arena, kbdir, &sink);
  cli_flush_diags(&diags);
  if (!kb) {
    arena_free(&arena);
    return cli_failed(&sink);
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
    rc = cli_write_out(json ? &js : &spec);
  if (out && json && rc == 0)
    rc = cli_write_out(&js);
  buf_free(&spec);
  buf_free(&js);
  buf_free(&msg);
  arena_free(&arena);
  return rc;
}

int cmd_diagnose(int argc, char **argv) {
  const char *spec = NULL, *kbdir = NULL;
  bool json = false, from_stdin = false;
  Buf lines = {0};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      buf_free(&lines);
      return CLI_HELP;
    }
    if (!strcmp(a, "--spec") || !strcmp(a, "--kb")) {
      if (++i == argc) {
        buf_free(&lines);
        return cli_usage_error("diagnose", "%s needs a value", a);
      }
      *(!strcmp(a, "--spec") ? &spec : &kbdir) = argv[i];
    } else if (!strcmp(a, "--json"))
      json = true;
    else if (!strcmp(a, "-"))
      from_stdin = true;
    else if (a[0] == '-' && a[1] == '-') {
      buf_free(&lines);
      return cli_usage_error("diagnose", "unknown option '%s'", a);
    } else
      buf_printf(&lines, "%s\n", a);
  }
  Collector diags = {0};
  Compilation c;
  Opts o = {.diags = &diags, .spec = spec};
  int rc = 0;
  if (spec) {
    rc = cli_read_spec(&c, &o);
    if (rc == 0 && !driver_plan(&c, kbdir))
      rc = cli_failed(&c.sink);
  } else {
    driver_init(&c, cli_collect_diag, &diags);
    c.kb = kb_load(&c.arena, kbdir, &c.sink);
    if (!c.kb)
      rc = cli_failed(&c.sink);
  }
  cli_flush_diags(&diags);
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
    rc = cli_write_out(json ? &js : &md);
    buf_free(&md);
    buf_free(&js);
  }
  driver_free(&c);
  return rc;
}

int cmd_serve(int argc, char **argv) {
  ServeOpts o = {.version = PLINTH_VERSION, .timeout = 10};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h"))
      return CLI_HELP;
    if (!strcmp(a, "--listen") || !strcmp(a, "--kb") || !strcmp(a, "--threads") || !strcmp(a, "--timeout")) {
      if (++i == argc)
        return cli_usage_error("serve", "%s needs a value", a);
      if (!strcmp(a, "--listen"))
        o.listen = argv[i];
      else if (!strcmp(a, "--kb"))
        o.kb_dir = argv[i];
      else if ((*(!strcmp(a, "--threads") ? &o.threads : &o.timeout) =
                    cli_int_arg("serve", a, argv[i], 1, !strcmp(a, "--threads") ? 256 : 3600)) < 0)
        return 2;
    } else if (a[0] == '-')
      return cli_usage_error("serve", "unknown option '%s'", a);
    else if (o.spec)
      return cli_usage_error("serve", "unexpected argument '%s' (one spec to watch)", a);
    else
      o.spec = a;
  }
  return serve_run(&o);
}
