/* The findings of `plinth check --format json|sarif`: diagnostics kept as
 * data while the compiler and the review report them, then written as one
 * JSON document or one SARIF 2.1.0 log. */
#ifndef PLINTH_FINDINGS_H
#define PLINTH_FINDINGS_H

#include "../plan/plan.h"
#include "../util/buf.h"
#include "../util/diag.h"

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

/* A DiagFn: keeps each diagnostic (ctx: the Findings) with the rule
 * f->next_rule names at the time. */
void findings_collect(void *ctx, const Diagnostic *d);
/* By line, then column. */
void findings_sort(Findings *f);
void findings_free(Findings *f);
/* {file, errors, warnings, findings[]} (docs/schema/check.schema.json). */
void findings_json(const Findings *f, const char *file, int errors, int warnings, Buf *out);
/* SARIF 2.1.0: one run by Plinth `version`, one rule per review item of
 * `p` (NULL: none), results at the spec's lines. */
void findings_sarif(const Findings *f, const Plan *p, const char *file, const char *version, Buf *out);

#endif
