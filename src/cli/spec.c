/* The commands over one spec: check, model, estimate, plan, roadmap,
 * explain, compare and diff. Each parses its options, runs the pipeline
 * (driver.h) and prints what the plan decided. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "../emit/findings.h"
#include "../plan/diff.h"

/* The spec's name for a terminal (diag_put_escaped), in the arena. */
static const char *shown_name(Compilation *c) {
  Buf b = {0};
  diag_put_escaped(&b, c->file.name);
  Str s = str_printf(&c->arena, "%.*s", (int)b.n, b.p);
  buf_free(&b);
  return s.p;
}

int cmd_check(int argc, char **argv) {
  Collector diags = {0};
  Findings found = {0};
  Opts o = {.diags = &diags};
  int rc = cli_parse_opts("check", argc, argv, &o, false);
  if (rc >= 0)
    return rc;
  bool structured = o.format && strcmp(o.format, "text");
  Compilation c;
  rc = cli_read_spec(&c, &o);
  if (rc == 0 && structured) {
    c.sink.fn = findings_collect;
    c.sink.ctx = &found;
  }
  /* The plan's review: budget, latency, deadline, auth, indexes, ... */
  if (rc == 0) {
    if (driver_plan(&c, NULL))
      driver_review(&c, structured ? &found.next_rule : NULL);
    rc = c.sink.errors ? 1 : 0;
  }
  if (structured && rc != 2) {
    findings_sort(&found);
    Buf out = {0};
    if (!strcmp(o.format, "json"))
      findings_json(&found, c.file.name, c.sink.errors, c.sink.warnings, &out);
    else
      findings_sarif(&found, c.plan, c.file.name, PLINTH_VERSION, &out);
    int w = cli_write_out(&out);
    buf_free(&out);
    findings_free(&found);
    driver_free(&c);
    return w ? w : rc;
  }
  cli_flush_diags(&diags);
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

int cmd_model(int argc, char **argv) {
  Collector diags = {0};
  Opts o = {.diags = &diags};
  int rc = cli_parse_opts("model", argc, argv, &o, true);
  if (rc >= 0)
    return rc;
  Compilation c;
  rc = cli_compile(&c, &o);
  cli_flush_diags(&diags);
  if (rc == 0) {
    Buf out = {0};
    if (o.json)
      emit_model_json(c.model, &out);
    else
      emit_model_text(c.model, &out);
    rc = cli_write_out(&out);
    buf_free(&out);
  }
  driver_free(&c);
  return rc;
}

/* What a planning command prints, once the plan is built: 0, or an exit
 * status after a message of its own. */
typedef int Render(const Plan *p, const Opts *o, Buf *out);

/* Reads the spec, builds the plan to `depth` (figures only, the whole
 * plan, or with when-to-revisit and the documents' facts), prints the
 * diagnostics and then what `render` writes. */
static int with_plan(Opts *o, DriveDepth depth, Render *render) {
  Compilation c;
  int rc = cli_read_spec(&c, o);
  Plan *p = rc ? NULL : driver_plan_with(&c, &(DriveOpts){.kb_dir = o->kb, .depth = depth, .devs = o->devs});
  if (rc == 0 && !p)
    rc = cli_failed(&c.sink);
  cli_flush_diags(o->diags);
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
      rc = cli_write_out(&out);
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
  char sw[CLI_WORD_BYTES];
  if (best.n)
    fprintf(stderr, "plinth explain: unknown slot '%s'; did you mean '%.*s'?\n", cli_word(sw, o->slot), STRF(best));
  else {
    fprintf(stderr, "plinth explain: unknown slot '%s'; slots:", cli_word(sw, o->slot));
    for (int i = 0; i < p->kb->nslots; i++)
      fprintf(stderr, " %.*s", STRF(p->kb->slots[i].slot));
    fputc('\n', stderr);
  }
  return 2;
}

int cmd_estimate(int argc, char **argv) {
  Collector diags = {0};
  Opts o = {.diags = &diags};
  int rc = cli_parse_opts("estimate", argc, argv, &o, true);
  return rc >= 0 ? rc : with_plan(&o, DRIVE_FIGURES, render_estimate);
}

int cmd_plan(int argc, char **argv) {
  Collector diags = {0};
  Opts o = {.diags = &diags};
  int rc = cli_parse_opts("plan", argc, argv, &o, false);
  if (rc >= 0)
    return rc;
  if (o.format && strcmp(o.format, "md") && strcmp(o.format, "json") && strcmp(o.format, "html"))
    return cli_usage_error("plan", "unknown format '%s' (md, html or json)", o.format);
  if (o.format && (o.only || o.outdir))
    return cli_usage_error("plan", "%s", "--format prints one combined document; -o writes files and --only prints one");
  if (o.force && !o.outdir)
    return cli_usage_error("plan", "%s", "--force applies to -o DIR");
  if (o.lock_wait && !o.outdir)
    return cli_usage_error("plan", "%s", "--lock-wait applies to -o DIR");
  if (o.adr_dir) {
    if (!o.outdir)
      return cli_usage_error("plan", "%s", "--adr-dir applies to -o DIR");
    /* A folder inside DIR: relative, no "..", not DIR itself. */
    if (!outdir_safe_path(str_c(o.adr_dir)) || !strcmp(o.adr_dir, ".") || strlen(o.adr_dir) > 1000)
      return cli_usage_error("plan", "--adr-dir takes a folder inside the output folder, such as docs/adr, not '%s'",
                         o.adr_dir);
  }
  o.records = true;
  if (o.only && !emit_artifact(o.only)) {
    Buf names = {0};
    for (int i = 0; i < emit_nartifacts; i++)
      buf_printf(&names, "%s%s", i ? ", " : "", emit_artifacts[i].only);
    buf_putc(&names, 0);
    cli_usage_error("plan", "unknown part '%s' for --only", o.only);
    fprintf(stderr, "parts: %s\n", names.p);
    buf_free(&names);
    return 2;
  }
  if (o.only && o.outdir)
    return cli_usage_error("plan", "%s", "-o writes every artifact; --only prints one: give one of them");
  if (o.only && emit_artifact(o.only)->contract) {
    o.records = false;
    return with_plan(&o, DRIVE_WHOLE, render_plan);
  }
  svg_one_shot();
  return with_plan(&o, DRIVE_DECIDED, render_plan);
}

static int render_roadmap(const Plan *p, const Opts *o, Buf *out) {
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

int cmd_roadmap(int argc, char **argv) {
  Collector diags = {0};
  Opts o = {.diags = &diags};
  int rc = cli_parse_opts("roadmap", argc, argv, &o, true);
  return rc >= 0 ? rc : with_plan(&o, DRIVE_WHOLE, render_roadmap);
}

int cmd_explain(int argc, char **argv) {
  Collector diags = {0};
  Opts o = {.diags = &diags};
  int rc = cli_parse_opts("explain", argc, argv, &o, false);
  if (rc >= 0)
    return rc;
  if (!o.slot)
    return cli_usage_error("explain", "%s", "name a slot after the spec, such as database or compute");
  return with_plan(&o, DRIVE_DECIDED, render_explain);
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

int cmd_compare(int argc, char **argv) {
  Collector diags = {0};
  const char *ids[2] = {0}, *spec = NULL, *kb = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h"))
      return CLI_HELP;
    if (!strcmp(a, "--spec") || !strcmp(a, "--kb")) {
      if (++i == argc)
        return cli_usage_error("compare", "%s needs a value", a);
      *(!strcmp(a, "--spec") ? &spec : &kb) = argv[i];
    } else if (a[0] == '-' && a[1])
      return cli_usage_error("compare", "unknown option '%s'", a);
    else if (!ids[0])
      ids[0] = a;
    else if (!ids[1])
      ids[1] = a;
    else
      return cli_usage_error("compare", "unexpected argument '%s'", a);
  }
  if (!ids[1])
    return cli_usage_error("compare", "%s", "name two technologies, as in 'plinth compare aws-rds-postgresql aws-dynamodb'");
  Compilation c;
  Opts o = {.diags = &diags, .spec = spec};
  int rc = 0;
  if (spec)
    rc = cli_read_spec(&c, &o);
  else {
    driver_init(&c, cli_collect_diag, &diags);
    driver_set_text(&c, "<default workload>", (Str){default_workload, (ptrdiff_t)sizeof default_workload - 1});
  }
  if (rc == 0 && !driver_estimate(&c, kb))
    rc = cli_failed(&c.sink);
  cli_flush_diags(&diags);
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
      t[k] = cli_find_tech(c.kb, "compare", ids[k], slot.n && n[k] > 1 ? slot : (Str){0}, &ambiguous);
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
      CompareMatrix mx = plan_compare_matrix(c.plan, &cmp);
      Buf out = {0};
      emit_compare_md(c.plan, &cmp, &mx, spec == NULL, &out);
      rc = cli_write_out(&out);
      buf_free(&out);
    }
  }
  driver_free(&c);
  return rc;
}

/* plinth diff OLD NEW: both plans built in full, then compared (plan/diff.c). */
int cmd_diff(int argc, char **argv) {
  const char *specs[2] = {0}, *kb = NULL, *only = NULL;
  bool json = false, exit_code = false, destructive = false, sqlite = false;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h"))
      return CLI_HELP;
    if (!strcmp(a, "--kb") || !strcmp(a, "--only")) {
      if (++i == argc)
        return cli_usage_error("diff", "%s needs a value", a);
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
      return cli_usage_error("diff", "unknown option '%s'", a);
    else if (!specs[0])
      specs[0] = a;
    else if (!specs[1])
      specs[1] = a;
    else
      return cli_usage_error("diff", "unexpected argument '%s' (two specs: OLD NEW)", a);
  }
  if (!specs[1])
    return cli_usage_error("diff", "%s", "name two specs: the old version and the new one");
  if (!strcmp(specs[0], "-") && !strcmp(specs[1], "-"))
    return cli_usage_error("diff", "%s", "only one of the specs can be standard input");
  static const char *const parts[] = {"decisions", "cost", "api", "migration", "roadmap"};
  bool known = !only;
  for (size_t i = 0; i < sizeof parts / sizeof *parts && !known; i++)
    known = !strcmp(only, parts[i]);
  if (!known)
    return cli_usage_error("diff", "unknown part '%s' (decisions, cost, api, migration or roadmap)", only);
  Collector diags = {0};
  Compilation c[2];
  int rc = 0, ready = 0;
  for (int k = 0; k < 2 && rc == 0; k++) {
    Opts o = {.diags = &diags, .spec = specs[k]};
    rc = cli_read_spec(&c[k], &o);
    ready = k + 1;
    if (rc == 0 && !driver_plan(&c[k], kb))
      rc = cli_failed(&c[k].sink);
  }
  cli_flush_diags(&diags);
  if (rc == 0) {
    PlanDiff *d = plan_diff(&c[1].arena, c[0].plan, c[1].plan);
    Buf out = {0};
    if (json)
      emit_diff_json(d, only, !sqlite, destructive, &out);
    else
      emit_diff_text(d, only, !sqlite, destructive, &out);
    rc = cli_write_out(&out);
    buf_free(&out);
    if (rc == 0 && exit_code && !plan_diff_empty(d))
      rc = 1;
  }
  for (int k = 0; k < ready; k++)
    driver_free(&c[k]);
  return rc;
}
