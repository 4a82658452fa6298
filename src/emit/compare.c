/* `plinth compare A B`: a decision matrix of two technologies for one
 * workload, the winner of each row and overall, and a migration path from
 * the first to the second sized for this project. */
#include <stdio.h>
#include <string.h>

#include "../spec/units.h"
#include "../util/esc.h"
#include "emit.h"

static const char *mark(int row_winner, int col) { return row_winner == col ? " (better)" : ""; }

static void row(Buf *o, const char *criterion, const char *a, const char *b, int winner) {
  buf_printf(o, "| %s | %s%s | %s%s |\n", criterion, a, mark(winner, 0), b, mark(winner, 1));
}

static void fact_cell(char *buf, const KbFact *f, bool ms) {
  if (!f)
    snprintf(buf, 48, "not published");
  else if (ms)
    fmt_ms(buf, f->value);
  else
    snprintf(buf, 48, "%.4g%%", f->value * 100);
}

/* Steps and the plan's effort estimate to move a slot from one technology to another. */
static void migration(const Plan *p, const Tech *from, const Tech *to, double days, Buf *o) {
  const Model *m = p->model;
  Str slot = from->slot;
  char b1[32];
  buf_printf(o, "\n## Migrating from %.*s to %.*s\n\n", STRF(from->name), STRF(to->name));
  if (str_eqc(slot, "database")) {
    buf_printf(o, "1. Stand up %.*s beside %.*s and write the schema or key design for the %d entities.\n",
               STRF(to->name), STRF(from->name), m->nentities);
    buf_printf(o, "2. Backfill: copy the existing rows (about %s after a year) with a resumable job.\n",
               fmt_bytes(b1, p->storage.stored_1y));
    buf_puts(o, "3. Write to both for one release and compare reads from both on a sample.\n");
    buf_puts(o, "4. Switch reads, then writes; keep the old store read-only for a week as the way back.\n");
    buf_printf(o, "5. Decommission %.*s.\n", STRF(from->name));
  } else if (str_eqc(slot, "compute") || str_eqc(slot, "gateway")) {
    buf_printf(o, "1. Package the API for %.*s (build, configuration, secrets, health checks).\n", STRF(to->name));
    buf_printf(o, "2. Deploy it beside %.*s and run the load test at the design load (%s req/s).\n", STRF(from->name),
               fmt_count(b1, p->load.design_rps));
    buf_puts(o, "3. Shift traffic in steps (10%, 50%, 100%) behind weighted DNS or the load balancer, watching "
                "error rate and p95.\n");
    buf_printf(o, "4. Remove %.*s after a week without rollback.\n", STRF(from->name));
  } else {
    buf_printf(o, "1. Put %.*s behind the same interface the code uses for %.*s.\n", STRF(to->name), STRF(from->name));
    buf_puts(o, "2. Run both in staging and compare behaviour on recorded traffic.\n");
    buf_puts(o, "3. Switch with a feature flag; keep the old one configured as the way back.\n");
    buf_printf(o, "4. Remove %.*s.\n", STRF(from->name));
  }
  buf_printf(o, "\nEffort for this project: about %.0f developer-days (%d entities, %d features).\n", days,
             m->nentities, m->nfeatures);
}

void emit_compare_md(const Plan *p, const Comparison *c, const CompareMatrix *mx, bool default_workload, Buf *o) {
  const Tech *t[2] = {c->c[0].tech, c->c[1].tech};
  char a[96], b[96];
  buf_printf(o, "# %.*s or %.*s for %.*s\n\n", STRF(t[0]->name), STRF(t[1]->name), STRF(c->need->slot));
  if (default_workload)
    buf_printf(o, "For a stated default workload: %s users, %.0f%% active a day, %s requests a day, p95 %.0f ms, "
                  "availability %.2f%%, a team of %d (%s). Pass --spec SPEC to compare for your own.\n\n",
               fmt_count(a, p->model->project.users), p->model->project.active * 100,
               fmt_count(b, p->load.requests_per_day), p->model->project.latency[PCT_P95] * 1000,
               p->model->project.availability * 100, p->model->project.team, team_level_name(p->model->project.level));
  else
  {
    buf_puts(o, "For ");
    esc_md(o, p->model->project.name);
    buf_printf(o, "'s workload: %s requests a day, design load %s req/s.\n\n", fmt_count(a, p->load.requests_per_day),
               fmt_count(b, p->load.design_rps));
  }
  buf_printf(o, "| criterion | %.*s | %.*s |\n|---|---|---|\n", STRF(t[0]->id), STRF(t[1]->id));
  row(o, "meets the hard constraints", mx->qualifies[0] ? "yes" : "no", mx->qualifies[1] ? "yes" : "no",
      mx->winner[CMP_CONSTRAINTS]);
  char *cell[2] = {a, b};
  for (int k = 0; k < 2; k++) {
    fmt_usd(cell[k], c->c[k].usd);
    if (c->c[k].ops_usd > 0) {   /* a part the team runs: its people too */
      char e[32], u[32];
      size_t n = strlen(cell[k]);
      snprintf(cell[k] + n, sizeof a - n, " + %s (%s)", plan_engineers_fmt(e, c->c[k].ops_engineers),
               fmt_usd(u, c->c[k].ops_usd));
    }
  }
  row(o, "monthly cost at this load", a, b, mx->winner[CMP_COST]);
  /* the burden scored, and how the team's skills fit (choose.c) */
  snprintf(a, sizeof a, "%d of 5", mx->burden[0]);
  snprintf(b, sizeof b, "%d of 5", mx->burden[1]);
  row(o, "operational burden", a, b, mx->winner[CMP_BURDEN]);
  static const char *const fit[3] = {"new to the team", "the team knows its cloud or language", "the team knows it"};
  snprintf(a, sizeof a, "%s", fit[c->c[0].skill_fit > 0 && c->c[0].skill_fit < 3 ? c->c[0].skill_fit : 0]);
  snprintf(b, sizeof b, "%s", fit[c->c[1].skill_fit > 0 && c->c[1].skill_fit < 3 ? c->c[1].skill_fit : 0]);
  row(o, "fit to the team's skills", a, b, mx->winner[CMP_SKILLS]);
  snprintf(a, sizeof a, "%d of 5", t[0]->lockin);
  snprintf(b, sizeof b, "%d of 5", t[1]->lockin);
  row(o, "lock-in", a, b, mx->winner[CMP_LOCKIN]);
  snprintf(a, sizeof a, "%.*s", STRF(t[0]->hosting));
  snprintf(b, sizeof b, "%.*s", STRF(t[1]->hosting));
  row(o, "hosting (spec's preference)", a, b, mx->winner[CMP_HOSTING]);
  fact_cell(a, mx->p95[0], true);
  fact_cell(b, mx->p95[1], true);
  row(o, "published p95 latency", a, b, mx->winner[CMP_P95]);
  fact_cell(a, mx->sla[0], false);
  fact_cell(b, mx->sla[1], false);
  row(o, "published SLA", a, b, mx->winner[CMP_SLA]);
  snprintf(a, sizeof a, "%.2f", c->c[0].score);
  snprintf(b, sizeof b, "%.2f", c->c[1].score);
  row(o, "weighted score (lower wins among those that qualify)", a, b, c->winner);
  buf_putc(o, '\n');
  for (int k = 0; k < 2; k++) {
    if (c->ruled_out[k].n)
      buf_printf(o, "%.*s is ruled out: %.*s.\n", STRF(t[k]->name), STRF(c->ruled_out[k]));
    else if (!c->c[k].viable)
      buf_printf(o, "%.*s is ruled out: %.*s.\n", STRF(t[k]->name), STRF(c->c[k].why_not));
  }
  if (c->winner >= 0)
    buf_printf(o, "Overall: %.*s.\n", STRF(t[c->winner]->name));
  else
    buf_puts(o, "Overall: neither meets the hard constraints for this workload.\n");
  for (int k = 0; k < 2; k++)
    for (int i = 0; i < c->c[k].nterms; i++)
      buf_printf(o, "%s%.*s: %.*s\n", i ? "" : "\n", STRF(t[k]->id), STRF(c->c[k].terms[i].what));
  migration(p, t[mx->from], t[1 - mx->from], mx->migration_days, o);
}
