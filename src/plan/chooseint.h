/* Shared by the choice (choose.c) and the revisit search (revisit.c). */
#ifndef PLINTH_PLAN_CHOOSEINT_H
#define PLINTH_PLAN_CHOOSEINT_H

#include "core.h"

/* The revisit's budget pass rebuilds the plan at today's load ten times,
 * only the budget changing. A candidate's price does not depend on the
 * budget (cost.c reads the load, the data, the needs and the cloud, never
 * the budget or the other choices), so the copies share it: computed by the
 * first, in the memo's own arena (each copy's scratch is rewound), and
 * copied by the others. Keyed by the need's position and the technology. */
struct PriceMemo {
  Arena arena;
  int nneeds, ntechs;
  int *at;            /* [need * ntechs + tech]: entry + 1, or 0 */
  Costed *e;
  uint64_t *sig;      /* per entry: the choices made when it was priced */
  int n, cap;
};

/* fits_need per need of the plan and technology, for the revisit's copies:
 * they make the same needs again (or a few more, which are not shared). */
struct Verdicts {
  const Need *needs;    /* the plan's own */
  int nneeds, ntechs;
  signed char *known;   /* [need * ntechs + tech]: 0 not yet, else as choose.c's ruled_out says */
};

/* What pricing reads of one need whatever the technology (cost.c): its
 * usage, the plan's cloud and, once a price asks for it, its demand. Valid
 * while the plan's load, data, needs, components, features and cloud stay
 * as they are: for the candidates of one slot, in the arena it was made
 * in. plan_price_with prices its need as plan_price does. */
struct PriceNeed;
struct PriceNeed *plan_price_need(Arena *a, const Plan *p, const Need *n);
Costed plan_price_with(Arena *a, const Plan *p, const Tech *t, struct PriceNeed *pn);

/* A slot's compatibility rules with the facts they ask about, looked up
 * once for the slot's candidates while the plan's facts stay as they are
 * (facts.c; a choice's fact is added once its slot is chosen).
 * plan_rule_violation_in answers as plan_rule_violation does; sr may be
 * NULL. */
struct SlotRules;
struct SlotRules *plan_slot_rules(Arena *a, const Plan *p, Str slot);
Str plan_rule_violation_in(Arena *a, const Plan *p, const Need *n, const Tech *t, struct SlotRules *sr);
/* plan_slot_agreement, from the slot's rules (sr may be NULL). */
Str plan_slot_agreement_in(Arena *a, const Plan *p, Str slot, struct SlotRules *sr);

/* The stack chosen jointly with its compute (every slot, no budget yet). */
void plan_choose_joint(Arena *a, Plan *p);
/* The budget binds: swaps the choices that save the most until the stack
 * fits it, or says why none can. */
void plan_fit_budget(Arena *a, Plan *p);

#endif
