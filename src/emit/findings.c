/* Findings as JSON and SARIF (see findings.h). */
#include "findings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/json.h"

void findings_collect(void *ctx, const Diagnostic *d) {
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

void findings_sort(Findings *f) {
  if (f->n)
    qsort(f->v, (size_t)f->n, sizeof *f->v, by_line);
}

void findings_free(Findings *f) {
  for (int i = 0; i < f->n; i++)
    free(f->v[i].msg);
  free(f->v);
}

static const char *sev_name(Severity s) { return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note"; }

void findings_json(const Findings *f, const char *file, int errors, int warnings, Buf *out) {
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
void findings_sarif(const Findings *f, const Plan *p, const char *file, const char *version, Buf *out) {
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
  json_cstr(&j, version);
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
