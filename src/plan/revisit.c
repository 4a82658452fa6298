/* When to revisit: for each choice, the load and data (or the budget) at
 * which another technology would be chosen. The plan is rebuilt at 2x, 4x,
 * ... 1024x today's load and data, and at 1/2, 1/4, ... of the budget,
 * each copy choosing its stack again (choose.c) in a scratch arena; the
 * first multiple at which a slot's choice, or its topology, changes is the
 * revisit point. Only plausible points count: no more users than
 * `load.max-users`, and no budget below what the alternative itself costs
 * there; past them the search reports that none was found within reach. */
#include <math.h>
#include <string.h>

#include "../util/fmt.h"
#include "../util/format.h"
#include "chooseint.h"
#include "core.h"
#include "explain.h"

static struct Verdicts *verdicts_make(Arena *a, const Plan *p) {
  struct Verdicts *v = new(a, struct Verdicts, 1);
  v->needs = p->needs;
  v->nneeds = p->nneeds;
  v->ntechs = p->kb->ntechs;
  v->known = new(a, signed char, (ptrdiff_t)v->nneeds * v->ntechs + 1);
  return v;
}

/* The memo lives in its own arena, the struct first. */
static struct PriceMemo *price_memo(void) {
  Arena arena = arena_make((ptrdiff_t)64 << 20);   /* reserved, committed as used */
  struct PriceMemo *m = new(&arena, struct PriceMemo, 1);
  m->arena = arena;
  return m;
}

static void price_memo_free(struct PriceMemo *m) {
  if (!m)
    return;
  Arena arena = m->arena;
  arena_free(&arena);
}

static Plan *rescaled(Arena *a, const Plan *base, double f, double bf, struct PriceMemo *prices, bool fit) {
  Plan *q = new(a, Plan, 1);
  q->prices = prices;
  q->skilled = base->skilled;
  q->skill_canon = base->skill_canon;
  q->verdicts = base->verdicts;
  q->model = base->model;
  q->kb = base->kb;
  q->figures = base->figures;
  q->nfigures = base->nfigures;
  q->rule_index = base->rule_index;
  q->nrule_index = base->nrule_index;
  q->scale = f;
  q->ent_scale = f;
  q->quiet = true;
  q->budget_scale = bf;
  q->load = base->load;
  Load *l = &q->load;
  l->requests_per_day *= f, l->avg_rps *= f, l->peak_rps *= f, l->design_rps *= f;
  l->reads_per_s *= f, l->writes_per_s *= f, l->ingest_rows_per_s *= f;
  q->storage = base->storage;
  Storage *s = &q->storage;
  s->bytes_now *= f, s->bytes_1y *= f, s->bytes_3y *= f, s->bytes_per_month *= f;
  s->blob_now *= f, s->blob_1y *= f, s->blob_3y *= f, s->blob_per_month *= f;
  s->db_bytes_3y *= f, s->stored_1y *= f, s->written_per_month *= f, s->uploads_per_month *= f;
  s->search_bytes_1y *= f;
  q->bw = base->bw;
  q->bw.ingress_bytes_per_month *= f, q->bw.egress_bytes_per_month *= f, q->bw.blob_egress_bytes_per_month *= f;
  plan_needs(a, q);
  plan_choose_joint(a, q);
  if (fit)
    plan_fit_budget(a, q);
  return q;
}

Plan *plan_rescaled(Arena *a, const Plan *base, double f, double bf, struct PriceMemo *prices) {
  return rescaled(a, base, f, bf, prices, true);
}

/* The budget pass's copy at today's load and bf times the budget. Until
 * the budget is fitted, the stack depends on the budget only through
 * plan_budget_tight (the weights, the tight-budget fact): it is chosen
 * once per verdict, in `keep`, and each step copies its choices and only
 * fits its own budget (plan_fit_budget, which in a quiet copy changes nothing
 * but the choices and the monthly sum). */
static Plan *budget_rescaled(Arena *a, const Plan *base, double bf, struct PriceMemo *prices, Arena *keep,
                             Plan *unfitted[2]) {
  Plan probe = *base;
  probe.budget_scale = bf;
  int tight = plan_budget_tight(&probe);
  if (!unfitted[tight])
    unfitted[tight] = rescaled(keep, base, 1, bf, prices, false);
  Plan *q = new_unzeroed(a, Plan, 1);   /* copied whole below */
  *q = *unfitted[tight];
  q->budget_scale = bf;
  q->choices = new_unzeroed(a, Choice, q->nchoices);   /* each copied below */
  memcpy(q->choices, unfitted[tight]->choices, sizeof *q->choices * (size_t)q->nchoices);
  plan_fit_budget(a, q);
  return q;
}

/* Rebuilds the plan at 2x, 4x, ... 1024x the load and data (and at 1/2,
 * 1/4, ... of the budget when there is one) and reports, per slot, the first
 * multiple at which the choice changes. 1024 covers the "within 1000x" the
 * explanation promises; ten rebuilds keep the search cheap. */
void plan_revisit(Arena *a, Plan *p) {
  enum { STEPS = 10 };
  const Project *pr = &p->model->project;
  p->verdicts = verdicts_make(a, p);   /* before the copies' scratch arenas */
  double max_users = plan_figure(p, "load", "max-users", 5.5e9);
  /* Per choice, the searches that reached their plausible bound: 1 the
   * users, 2 the budget. */
  unsigned char *beyond = new(a, unsigned char, p->nchoices + 1);
  for (int pass = 0; pass < 2; pass++) {
    if (pass == 1 && !pr->has_budget)
      break;
    /* The budget pass keeps today's load: its copies share their prices. */
    struct PriceMemo *prices = pass == 1 ? price_memo() : NULL;
    Arena keep = pass == 1 ? arena_make((ptrdiff_t)64 << 20) : (Arena){0};
    Plan *unfitted[2] = {NULL, NULL};
    /* A step's new topologies, written out once its copy is done with:
     * the copy lives in scratch, the same memory `a` would give the texts. */
    Topology *moved = new_unzeroed(a, Topology, p->nchoices + 1);
    bool *did_move = new(a, bool, p->nchoices + 1);
    /* Their class names too: a node's name lives in the copy's scratch. */
    enum { CLS = 96 };
    char *cls = new_unzeroed(a, char, CLS * (p->nchoices + 1));
    for (int s = 1; s <= STEPS; s++) {
      double f = (double)(1 << s);
      if (pass == 0 && pr->users * f > max_users) {
        for (int i = 0; i < p->nchoices; i++)
          beyond[i] |= !p->choices[i].revisit.found && p->choices[i].tech ? 1 : 0;
        break;
      }
      /* Load and data grow with the budget (a bigger business), or the
       * budget shrinks alone. */
      /* Each rebuilt plan lives in a scratch copy of the arena, rewound for
       * the next: only what the records keep (factor, value, the KB's
       * technology) outlives it, and their texts are written below. */
      Arena scratch = *a;
      Plan *q = pass ? budget_rescaled(&scratch, p, 1 / f, prices, &keep, unfitted)
                     : plan_rescaled(&scratch, p, f, f, prices);
      bool pending = false;
      for (int i = 0; i < p->nchoices; i++) {
        Choice *ch = &p->choices[i];
        if (ch->revisit.found || !ch->tech)
          continue;
        pending = true;
        const Tech *other = NULL;
        const Choice *qc = NULL;
        for (int k = 0; k < q->nchoices; k++)
          if (str_eq(q->choices[k].need->slot, ch->need->slot))
            other = q->choices[k].tech, qc = &q->choices[k];
        /* The same technology, resized: the first scale at which its
         * topology must change is a revisit point too. */
        const Topology *t0 = &ch->cost.topo;
        if (pass == 0 && other == ch->tech && qc && t0->set && ch->revisit.topo_factor == 0) {
          const Topology *t1 = &qc->cost.topo;
          if (!str_eq(t0->instance_class, t1->instance_class) || t0->shards != t1->shards ||
              t0->replicas != t1->replicas || t0->standbys != t1->standbys ||
              (t0->instances != t1->instances && !str_eqc(ch->tech->family, "functions"))) {
            ch->revisit.topo_factor = f;
            moved[i] = *t1;
            did_move[i] = true;
            format_s(cls + CLS * i, CLS, "%.*s", STRF(t1->instance_class));
          }
        }
        if (!other || other == ch->tech || !str_eq(other->slot, ch->tech->slot))
          continue;
        /* A smaller budget that cannot pay for the alternative itself is
         * the search's bound, not a flip; smaller ones pay for it less. */
        if (pass == 1 && (beyond[i] & 2 || qc->cost.usd > pr->budget / f)) {
          beyond[i] |= 2;
          continue;
        }
        Revisit *r = &ch->revisit;
        r->found = true;
        r->factor = f;
        r->to = other;
        r->parameter = pass == 0 ? S("users and data") : S("budget");
        r->value = pass == 0 ? pr->users * f : pr->budget / f;
      }
      /* The copy is done with: its memory may take the texts. */
      for (int i = 0; i < p->nchoices; i++) {
        if (!did_move[i])
          continue;
        did_move[i] = false;
        const Topology *t0 = &p->choices[i].cost.topo, *t1 = &moved[i];
        /* The parts on the stack: only the text itself goes to `a`. */
        char shards[32] = "", copies[64] = "";
        if (t1->shards > 1)
          format_s(shards, sizeof shards, ", %d shards", t1->shards);
        if (t1->replicas && !t1->quorum)
          format_s(copies, sizeof copies, ", %d replica%s%s", t1->replicas, t1->replicas == 1 ? "" : "s",
                   t1->shards > 1 ? " per shard" : "");
        else if (t1->replicas)
          format_s(copies, sizeof copies, ", replication factor %d", 1 + t1->replicas);
        p->choices[i].revisit.topo_text =
            str_printf(a, "at %gx today's load: %d x %s%s%s (today %d x %.*s)", f, t1->instances, cls + CLS * i,
                       shards, copies, t0->instances, STRF(t0->instance_class));
      }
      if (!pending)
        break;
    }
    price_memo_free(prices);
    if (pass == 1)
      arena_free(&keep);
  }
  for (int i = 0; i < p->nchoices; i++) {
    Revisit *r = &p->choices[i].revisit;
    char b1[32];
    if (r->found && str_eqc(r->parameter, "budget"))
      r->text = str_printf(a, "with a budget of %s a month (1/%g of today's), %.*s becomes the better choice",
                           fmt_usd(b1, r->value), r->factor, STRF(r->to->name));
    else if (r->found)
      r->text = str_printf(a, "at %gx today's load and data (about %s users), %.*s becomes the better choice",
                           r->factor, fmt_count(b1, r->value), STRF(r->to->name));
    else if (p->choices[i].tech && beyond[i]) {
      r->text = beyond[i] & 1 ? str_printf(a, "none within reach: no other choice wins up to %s users", fmt_count(b1, max_users))
                              : S("none within reach: no other choice wins within 1000x of today's load");
      if (beyond[i] & 2)
        r->text = str_printf(a, "%.*s, nor at a smaller budget that still pays for it", STRF(r->text));
    } else if (p->choices[i].tech)
      r->text = S("not within 1000x of today's load, data or budget");
  }
}
