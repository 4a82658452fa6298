/* `plinth compare`'s decision matrix: for two technologies of one slot,
 * compared by plan_compare (choose.c), the winner of each row, the
 * published figures the rows compare, and the effort to migrate from the
 * loser to the winner. The emitter (emit/compare.c) prints it. */
#include <math.h>

#include "core.h"
#include "explain.h"

/* 0 when a is lower, 1 when b is, -1 for a tie. */
static int lower(double a, double b) { return a < b - 1e-9 ? 0 : b < a - 1e-9 ? 1 : -1; }

/* A base per kind of slot, then what grows with the project: a database's
 * schema per entity and its backfill per `database-gb-per-day` stored after
 * a year; the code that calls a compute, gateway or other service per
 * feature (kb figures migration). */
static double migration_days(const Plan *p, Str slot) {
  const Model *m = p->model;
  if (str_eqc(slot, "database")) {
    double gb = p->storage.stored_1y / 1e9;
    return plan_figure(p, "migration", "database", 5) +
           plan_figure(p, "migration", "database-per-entity", 0.5) * m->nentities +
           gb / plan_figure(p, "migration", "database-gb-per-day", 500);
  }
  if (str_eqc(slot, "compute") || str_eqc(slot, "gateway"))
    return plan_figure(p, "migration", "service", 3) +
           plan_figure(p, "migration", "service-per-feature", 0.2) * m->nfeatures;
  return plan_figure(p, "migration", "other", 2) + plan_figure(p, "migration", "other-per-feature", 0.1) * m->nfeatures;
}

CompareMatrix plan_compare_matrix(const Plan *p, const Comparison *c) {
  CompareMatrix m = {0};
  const Tech *t[2] = {c->c[0].tech, c->c[1].tech};
  for (int k = 0; k < 2; k++) {
    m.qualifies[k] = !c->ruled_out[k].n && c->c[k].viable;
    /* the burden scored (one more for a self-hosted part in a compliance
     * scope), else the technology's own */
    m.burden[k] = c->c[k].burden ? c->c[k].burden : t[k]->burden;
    m.p95[k] = tech_fact(t[k], KEY_LATENCY, "p95");
    m.sla[k] = tech_fact(t[k], KEY_SLA, NULL);
  }
  m.winner[CMP_CONSTRAINTS] = m.qualifies[0] != m.qualifies[1] ? (m.qualifies[0] ? 0 : 1) : -1;
  /* the bill and the people to run it (choose.c), as the score weighs them */
  m.winner[CMP_COST] = lower(c->c[0].usd + c->c[0].ops_usd, c->c[1].usd + c->c[1].ops_usd);
  m.winner[CMP_BURDEN] = lower(m.burden[0], m.burden[1]);
  m.winner[CMP_SKILLS] = lower(c->c[0].parts[SC_SKILLS], c->c[1].parts[SC_SKILLS]);
  m.winner[CMP_LOCKIN] = lower(t[0]->lockin, t[1]->lockin);
  m.winner[CMP_HOSTING] = lower(c->c[0].parts[SC_HOSTING], c->c[1].parts[SC_HOSTING]);
  m.winner[CMP_P95] = m.p95[0] && m.p95[1] ? lower(m.p95[0]->value, m.p95[1]->value) : -1;
  m.winner[CMP_SLA] = m.sla[0] && m.sla[1] ? lower(-m.sla[0]->value, -m.sla[1]->value)
                      : m.sla[0]           ? 0
                      : m.sla[1]           ? 1
                                           : -1;
  m.from = c->winner == 1 ? 0 : 1;
  m.migration_days = ceil(migration_days(p, t[m.from]->slot));
  return m;
}
