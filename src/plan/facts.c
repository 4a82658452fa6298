/* Facts about a plan, and what the knowledge base says follows from them.
 *
 * A fact is a word from `vocab facts` (kb/vocab.kb): slot-X when the plan
 * needs slot X, SLOT-FAMILY for a chosen technology's family
 * (database-relational), feature-K for each feature kind, integration-K,
 * compliance-R, and a few derived from figures (read-heavy: 90% or more of
 * requests read; ingest-heavy: 1,000 or more rows a second; connection-
 * burst: function instances at the design load past `pooling-instances`,
 * and for a database candidate past the most connections its largest
 * class accepts (plan_connection_burst);
 * high-availability: 99.95% or more; tight-budget: under $200 a month).
 *
 * Compatibility rules (`rule` records) are applied while choosing: a
 * candidate whose facts meet a rule's `when` must have the capability the
 * rule `requires`. Patterns (`pattern` records) apply to the finished plan
 * when all their `when` facts hold and none of their `unless` facts do. */
#include <math.h>
#include <string.h>

#include "chooseint.h"
#include "core.h"
#include "delivery.h"
#include "explain.h"

/* "x-y" in the arena, NUL-terminated: a fact word, without printf (the
 * facts are rebuilt for every rescaled copy). */
static Str join(Arena *a, Str x, Str y) {
  char *z = new(a, char, x.n + y.n + 2);
  if (x.n)
    memcpy(z, x.p, (size_t)x.n);
  z[x.n] = '-';
  if (y.n)
    memcpy(z + x.n + 1, y.p, (size_t)y.n);
  return (Str){z, x.n + 1 + y.n};
}

static void add(Arena *a, Plan *p, Str fact) {
  for (int i = 0; i < p->nfacts; i++)
    if (str_eq(p->facts[i], fact))
      return;
  if (p->nfacts == p->fact_cap) {
    int nc = p->fact_cap ? p->fact_cap * 2 : 32;
    Str *n = new(a, Str, nc);
    if (p->nfacts)
      memcpy(n, p->facts, sizeof(Str) * (size_t)p->nfacts);
    p->facts = n;
    p->fact_cap = nc;
  }
  p->facts[p->nfacts++] = fact;
}

/* add(join(x, y)), the words joined only when new: the facts are rebuilt
 * for every rescaled copy, and most features repeat a fact. */
static void add_joined(Arena *a, Plan *p, Str x, Str y) {
  for (int i = 0; i < p->nfacts; i++) {
    Str f = p->facts[i];
    if (f.n == x.n + 1 + y.n && f.p[x.n] == '-' && (!x.n || !memcmp(f.p, x.p, (size_t)x.n)) &&
        (!y.n || !memcmp(f.p + x.n + 1, y.p, (size_t)y.n)))
      return;
  }
  add(a, p, join(a, x, y));
}

bool plan_has_fact(const Plan *p, Str fact) {
  for (int i = 0; i < p->nfacts; i++)
    if (str_eq(p->facts[i], fact))
      return true;
  return false;
}

void plan_base_facts(Arena *a, Plan *p) {
  const Model *m = p->model;
  const Project *pr = &m->project;
  p->nfacts = 0;
  for (int i = 0; i < p->nneeds; i++)
    add_joined(a, p, S("slot"), p->needs[i].slot);
  bool sensitive = false, fan = false, webhooks = false;
  for (int i = 0; i < m->nfeatures; i++) {
    const Feature *f = &m->features[i];
    if (f->kind == FK_INTEGRATION) {
      const Option *k = feature_opt(f, "kind");
      if (k)
        add_joined(a, p, S("integration"), k->args[0].text);
      webhooks |= feature_has(f, "webhooks");
    } else
      add_joined(a, p, S("feature"), str_c(feature_specs[f->kind].name));
    if (f->kind == FK_AUTH && feature_opt(f, "method") && str_eqc(feature_opt(f, "method")->args[0].text, "session"))
      add(a, p, S("auth-session"));
    if (feature_has(f, "owner-only"))
      add(a, p, S("owner-only"));
    fan |= f->kind == FK_REALTIME && feature_has(f, "deliver");
  }
  for (int i = 0; i < m->nentities && !sensitive; i++)
    for (int k = 0; k < m->entities[i].nfields; k++)
      sensitive |= (m->entities[i].fields[k].tags & (TAG_PII | TAG_PHI | TAG_PCI)) != 0;
  for (int i = 0; i < pr->ncompliance; i++)
    add_joined(a, p, S("compliance"), pr->compliance[i].word);
  if (webhooks)
    add(a, p, S("webhooks"));
  if (sensitive)
    add(a, p, S("sensitive-data"));
  if (fan)
    add(a, p, S("fan-out"));
  if (p->load.read_share >= 0.9)
    add(a, p, S("read-heavy"));
  if (p->load.ingest_rows_per_s >= plan_figure(p, "topology", "events-ingest", 1000))
    add(a, p, S("ingest-heavy"));
  if (plan_function_instances(p) >= plan_figure(p, "compute", "pooling-instances", 100))
    add(a, p, S("connection-burst"));
  if (p->pay_rate > 0 && p->pay_sales > p->pay_rate)
    add(a, p, S("payment-over-limit"));
  if (pr->availability >= 0.9995)
    add(a, p, S("high-availability"));
  if (p->multi_writer)
    add(a, p, S("multi-region-writes"));
  if (plan_budget_tight(p))
    add(a, p, S("tight-budget"));
  if (pr->level == LVL_JUNIOR)
    add(a, p, S("team-junior"));
  if (pr->level == LVL_SENIOR)
    add(a, p, S("team-senior"));
}

void plan_choice_fact(Arena *a, Plan *p, const Need *n, const Tech *t) {
  add_joined(a, p, n->slot, t->family);
}

/* The words of a record item, or NULL. */
static const KbItem *item(const KbRecord *r, const char *key) {
  for (int i = 0; i < r->nitems; i++)
    if (str_eqc(r->items[i].key, key))
      return &r->items[i];
  return NULL;
}

static Str one(const KbRecord *r, const char *key) {
  const KbItem *it = item(r, key);
  return it && it->nvals ? it->vals[0].text : (Str){0};
}

/* Is `w` the fact SLOT-FAMILY, without building the string? */
static bool own_fact(Str w, Str slot, Str family) {
  return w.n == slot.n + 1 + family.n && !memcmp(w.p, slot.p, (size_t)slot.n) && w.p[slot.n] == '-' &&
         !memcmp(w.p + slot.n + 1, family.p, (size_t)family.n);
}

/* The rules' items, looked up once per plan and shared by its rescaled
 * copies: every candidate of every slot is checked against every rule. */
struct RuleIndex {
  const KbRecord *r;
  const KbItem *req, *when;
  int next;   /* the first entry of the next slot's rules */
};

/* Grouped by slot, in KB order within a slot (only the rules of the
 * candidate's slot apply, and the first broken one is reported). */
void plan_index_rules(Arena *a, Plan *p) {
  struct RuleIndex *x = new(a, struct RuleIndex, p->kb->nrules + 1);
  int n = 0;
  for (int i = 0; i < p->kb->nrules; i++) {
    const KbRecord *r = p->kb->rules[i];
    const KbItem *req = item(r, "requires"), *when = item(r, "when");
    if (!req || req->nvals != 2 || !when)
      continue;
    /* after the last rule of its slot so far, else at the end */
    int at = n;
    for (int k = n - 1; k >= 0; k--)
      if (str_eq(x[k].req->vals[0].text, req->vals[0].text)) {
        at = k + 1;
        break;
      }
    memmove(&x[at + 1], &x[at], sizeof *x * (size_t)(n - at));
    x[at] = (struct RuleIndex){r, req, when, 0};
    n++;
  }
  for (int i = n - 1; i >= 0; i--)
    x[i].next = i + 1 < n && str_eq(x[i + 1].req->vals[0].text, x[i].req->vals[0].text) ? x[i + 1].next : i + 1;
  p->rule_index = x;
  p->nrule_index = n;
}

/* A slot's compatibility rules, and whether the plan holds each fact
 * their `when` names, looked up once for all the candidates of the slot:
 * the plan's facts do not change while one slot's candidates are weighed
 * (choose.c adds a choice's fact after its slot is chosen). */
struct SlotRules {
  int first, end;       /* the slot's entries in the rule index */
  int *at;              /* per entry from first: where its `when` values start in held */
  signed char *held;    /* per value: 0 not looked up, 1 the plan holds it, 2 not */
};

static void slot_range(const Plan *p, Str slot, int *first, int *end) {
  int i = 0;
  while (i < p->nrule_index && !str_eq(p->rule_index[i].req->vals[0].text, slot))
    i = p->rule_index[i].next;   /* the next slot's rules */
  *first = i;
  *end = i < p->nrule_index ? p->rule_index[i].next : i;
}

struct SlotRules *plan_slot_rules(Arena *a, const Plan *p, Str slot) {
  if (p->kb->nrules && !p->rule_index)
    plan_index_rules(a, (Plan *)p);
  struct SlotRules *sr = new_unzeroed(a, struct SlotRules, 1);   /* every field set below */
  slot_range(p, slot, &sr->first, &sr->end);
  sr->at = NULL, sr->held = NULL;
  if (sr->first == sr->end)
    return sr;   /* no rule of the slot: nothing to look up */
  sr->at = new_unzeroed(a, int, sr->end - sr->first);
  int nv = 0;
  for (int i = sr->first; i < sr->end; i++) {
    sr->at[i - sr->first] = nv;
    nv += p->rule_index[i].when->nvals;
  }
  sr->held = new(a, signed char, nv + 1);
  return sr;
}

/* Whether the plan holds value k of entry i's `when`. */
static bool held(const Plan *p, struct SlotRules *sr, int i, int k) {
  Str w = p->rule_index[i].when->vals[k].text;
  if (!sr)
    return plan_has_fact(p, w);
  signed char *h = &sr->held[sr->at[i - sr->first] + k];
  if (!*h)
    *h = plan_has_fact(p, w) ? 1 : 2;
  return *h == 1;
}

double plan_function_instances(const Plan *p) {
  return p->load.design_rps * plan_figure(p, "compute", "function-duration", 0.1);
}

/* The connections one instance of a class accepts: the class's own
 * (kb size `connections`), else the technology's `limit connections`, else
 * `pooling-instances` (a small database's). `f` NULL: its largest class. */
double plan_class_connections(const Plan *p, const Tech *t, const KbFact *f) {
  double most = f ? f->connections : 0;
  for (int i = 0; !f && i < t->nfacts; i++)
    if (t->facts[i].keyid == KEY_SIZE)
      most = fmax(most, t->facts[i].connections);
  if (most <= 0) {
    const KbFact *lim = tech_fact(t, KEY_LIMIT, "connections");
    most = lim ? lim->value : plan_figure(p, "compute", "pooling-instances", 100);
  }
  return most;
}

/* The function instances at once outnumber what the candidate's largest
 * class accepts: the burst is the candidate's, not the plan's. */
static bool connection_burst(const Plan *p, const Tech *t) {
  return plan_has_fact(p, S("connection-burst")) && plan_function_instances(p) > plan_class_connections(p, t, NULL);
}

/* The technology has the capability, or sells it apart: a price named
 * after it (`price connection-pooling-vcpu-hour`, a proxy billed per
 * vCPU-hour of the database), which pricing adds where it is needed. */
static bool has_or_sells(const Tech *t, Str cap) {
  for (int k = 0; k < t->ncaps; k++)
    if (str_eq(t->caps[k], cap))
      return true;
  for (int k = 0; k < t->nfacts; k++)
    if (t->facts[k].keyid == KEY_PRICE && t->facts[k].name.n > cap.n && t->facts[k].name.p[cap.n] == '-' &&
        !memcmp(t->facts[k].name.p, cap.p, (size_t)cap.n))
      return true;
  return false;
}

Str plan_rule_violation_in(Arena *a, const Plan *p, const Need *n, const Tech *t, struct SlotRules *sr) {
  if (!p->kb->nrules)
    return (Str){0};
  int first, end;
  if (sr)
    first = sr->first, end = sr->end;
  else
    slot_range(p, n->slot, &first, &end);
  for (int i = first; i < end; i++) {
    const KbRecord *r = p->rule_index[i].r;
    const KbItem *req = p->rule_index[i].req, *when = p->rule_index[i].when;
    /* The capability first: it is cheaper to check than the facts. */
    if (has_or_sells(t, req->vals[1].text))
      continue;
    bool holds = true;
    for (int k = 0; k < when->nvals && holds; k++)
      holds = own_fact(when->vals[k].text, n->slot, t->family) ||
              (str_eqc(when->vals[k].text, "connection-burst") ? connection_burst(p, t) : held(p, sr, i, k));
    if (!holds)
      continue;
    if (p->quiet)
      return S("rule");
    return str_printf(a, "lacks %.*s: %.*s", STRF(req->vals[1].text), STRF(one(r, "says")));
  }
  return (Str){0};
}

Str plan_rule_violation(Arena *a, const Plan *p, const Need *n, const Tech *t) {
  return plan_rule_violation_in(a, p, n, t, NULL);
}

bool plan_rules_may_bind(Arena *a, const Plan *p, const Need *n, const Tech *t) {
  (void)a;   /* unused since the index is built up front; choose.c still passes it */
  if (!p->kb->nrules)
    return false;
  for (int i = 0; i < p->nrule_index; i++) {
    const KbItem *req = p->rule_index[i].req;
    if (!str_eq(req->vals[0].text, n->slot)) {
      i = p->rule_index[i].next - 1;
      continue;
    }
    bool has = false;
    for (int k = 0; k < t->ncaps && !has; k++)
      has = str_eq(t->caps[k], req->vals[1].text);
    if (!has)
      return true;
  }
  return false;
}

Str plan_slot_agreement_in(Arena *a, const Plan *p, Str slot, struct SlotRules *sr) {
  if (!p->kb->nrules)
    return (Str){0};
  if (!p->rule_index)
    plan_index_rules(a, (Plan *)p);
  int first, end;
  if (sr)
    first = sr->first, end = sr->end;
  else
    slot_range(p, slot, &first, &end);
  for (int i = first; i < end; i++) {
    const KbItem *req = p->rule_index[i].req, *when = p->rule_index[i].when;
    Str cap = req->vals[1].text;
    if (!str_eqc(cap, "hipaa-eligible") && !str_eqc(cap, "pci-compliant"))
      continue;
    bool holds = true;
    for (int k = 0; k < when->nvals && holds; k++)
      holds = held(p, sr, i, k);
    if (holds)
      return cap;
  }
  return (Str){0};
}

Str plan_slot_agreement(Arena *a, const Plan *p, Str slot) {
  return plan_slot_agreement_in(a, p, slot, NULL);
}

bool plan_slot_requires(const Plan *p, Str slot, const char *cap) {
  for (int i = 0; i < p->kb->nrules; i++) {
    const KbItem *req = item(p->kb->rules[i], "requires");
    if (req && req->nvals == 2 && str_eq(req->vals[0].text, slot) && str_eqc(req->vals[1].text, cap))
      return true;
  }
  return false;
}

void plan_patterns(Arena *a, Plan *p) {
  int n = 0;
  for (int i = 0; i < p->kb->nrecs; i++)
    n += p->kb->recs[i].kindid == KIND_PATTERN;
  p->patterns = new(a, const KbRecord *, n);
  p->npatterns = 0;
  for (int i = 0; i < p->kb->nrecs; i++) {
    const KbRecord *r = &p->kb->recs[i];
    if (r->kindid != KIND_PATTERN)
      continue;
    const KbItem *when = item(r, "when"), *unless = item(r, "unless");
    bool ok = when != NULL;
    for (int k = 0; ok && k < when->nvals; k++)
      ok = plan_has_fact(p, when->vals[k].text);
    for (int k = 0; ok && unless && k < unless->nvals; k++)
      ok = !plan_has_fact(p, unless->vals[k].text);
    if (ok)
      p->patterns[p->npatterns++] = r;
  }
}

Str pattern_text(const KbRecord *r, const char *key) { return one(r, key); }

void plan_add_fact(Arena *a, Plan *p, Str fact) { add(a, p, fact); }

Str rec_text(const KbRecord *r, const char *key) { return one(r, key); }
