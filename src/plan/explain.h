/* What every stage records and looks up (explain.c): explained figures,
 * assumptions, planning figures from the knowledge base, and the choice
 * made for a slot. */
#ifndef PLINTH_PLAN_EXPLAIN_H
#define PLINTH_PLAN_EXPLAIN_H

#include "core.h"

/* Records a figure with its formula; fmt builds the formula text. The key
 * is copied; label and unit must be string literals. */
void plan_explain(Arena *a, Plan *p, const char *key, const char *label, double value, const char *unit,
                  const char *fmt, ...) __attribute__((format(printf, 7, 8)));
const Explain *plan_find_explain(const Plan *p, const char *key);
/* The plan's choice for a slot that has a technology, or NULL. */
const Choice *plan_choice(const Plan *p, const char *slot);
/* Its technology, or NULL; its name, or an empty Str. */
const Tech *plan_tech(const Plan *p, const char *slot);
Str plan_tech_name(const Plan *p, const char *slot);
/* Records an assumption the plan made (key: a stable id). */
void plan_assume(Arena *a, Plan *p, const char *key, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* A planning constant from kb/planning.kb (`figures NAME { key value }`),
 * or `dflt` if the knowledge base lacks it. Lookups are cached by the
 * address of record and key: pass string literals, never a reused buffer
 * (use kb_figure for a computed key). */
double plan_figure(const Plan *p, const char *record, const char *key, double dflt);
/* Gives a new plan its cache of planning figures, which its rescaled
 * copies share (plan_estimate calls it). */
void plan_figure_cache(Arena *a, Plan *p);
/* Beside the figures: what pricing reads whatever the load (cost.c), each
 * KB technology's facts and the planning figures it uses, found at the
 * first price, for the plan and its copies; NULL for a plan without the
 * cache. */
struct CostMemo *plan_cost_memo(const Plan *p);
struct CostMemo *plan_cost_memo_new(Arena *a, const Kb *kb);
void plan_cost_memo_keep(Plan *p, struct CostMemo *m);
Str plan_node_name(Arena *a, const Plan *p, double vcpu, double gib, bool memory);

#endif
