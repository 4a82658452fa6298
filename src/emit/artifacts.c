/* The table of artifacts `plinth plan -o DIR` writes and `--only NAME`
 * prints. One row per artifact: adding an emitter means adding a row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

const Artifact emit_artifacts[] = {
  {"decisions", "DECISIONS.md", "the decision record: one decision per slot with reasons and alternatives",
   NULL, emit_decisions_md, NULL},
  {"json", "plan.json", "the whole plan as JSON", NULL, emit_plan_json, NULL},
  {"spec", "SPEC.md", "the Technical Foundation Specification", NULL, emit_spec_md, NULL},
  {"architecture", "ARCHITECTURE.md", "the architecture document with C4, sequence, ER and deployment diagrams", NULL,
   emit_architecture_md, NULL},
  {"backend", "BACKEND-PLAN.md", "the backend implementation plan", NULL, emit_backend_md, NULL},
  {"design", "DESIGN.md", "the short architecture-design form", NULL, emit_design_md, NULL},
};
const int emit_nartifacts = (int)(sizeof emit_artifacts / sizeof *emit_artifacts);

const Artifact *emit_artifact(const char *only) {
  for (int i = 0; i < emit_nartifacts; i++)
    if (!strcmp(emit_artifacts[i].only, only))
      return &emit_artifacts[i];
  return NULL;
}

Buf *outfiles_add(OutFiles *out, const char *path) {
  if (out->n == out->cap) {
    out->cap = out->cap ? out->cap * 2 : 16;
    OutFile *v = realloc(out->v, sizeof *v * (size_t)out->cap);
    if (!v) {
      fputs("plinth: out of memory\n", stderr);
      abort();
    }
    out->v = v;
  }
  size_t n = strlen(path) + 1;
  char *copy = malloc(n);
  if (!copy) {
    fputs("plinth: out of memory\n", stderr);
    abort();
  }
  memcpy(copy, path, n);
  out->v[out->n] = (OutFile){copy, {0}};
  return &out->v[out->n++].text;
}

void outfiles_free(OutFiles *out) {
  for (int i = 0; i < out->n; i++) {
    buf_free(&out->v[i].text);
    free(out->v[i].path);
  }
  free(out->v);
  *out = (OutFiles){0};
}

void emit_all(const Plan *p, OutFiles *out) {
  for (int i = 0; i < emit_nartifacts; i++) {
    const Artifact *a = &emit_artifacts[i];
    if (a->applies && !a->applies(p))
      continue;
    if (a->emit_many)
      a->emit_many(p, out);
    else
      a->emit(p, outfiles_add(out, a->path));
  }
}
