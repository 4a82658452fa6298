/* Risks: kb `risk` rules fired against the finished plan, and the STRIDE
 * review of each data flow (kb `stride` records).
 *
 * First the facts only the finished plan knows are added (the budget's
 * margin, whether the roadmap meets the deadline, which paths miss the p95,
 * which data is sensitive, ...; the words are in `vocab facts`). A risk
 * fires when all its `when` facts hold and none of its `unless` facts do;
 * its texts are filled from the plan (plan_fill) and it points at the part
 * of the spec its `at` names (plan_span). The register is sorted by impact
 * times probability, highest first, KB order on ties. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "delivery.h"
#include "explain.h"

static const KbItem *rec_item(const KbRecord *r, const char *key) {
  for (int i = 0; i < r->nitems; i++)
    if (str_eqc(r->items[i].key, key))
      return &r->items[i];
  return NULL;
}

/* Do all (all=true) or any (all=false) words of r's `key` hold? An absent
 * item gives `dflt`. */
static bool facts_hold(const Plan *p, const KbRecord *r, const char *key, bool all, bool dflt) {
  const KbItem *it = rec_item(r, key);
  if (!it)
    return dflt;
  for (int k = 0; k < it->nvals; k++) {
    bool h = plan_has_fact(p, it->vals[k].text);
    if (all && !h)
      return false;
    if (!all && h)
      return true;
  }
  return all;
}

bool plan_rule_holds(const Plan *p, const KbRecord *r, const char *when, const char *unless) {
  return facts_hold(p, r, when, true, true) && !(unless && facts_hold(p, r, unless, false, false));
}

static bool sensitive(const Field *f) { return (f->tags & (TAG_PII | TAG_PHI | TAG_PCI)) != 0; }

static bool entity_sensitive(const Entity *e) {
  for (int k = 0; k < e->nfields; k++)
    if (sensitive(&e->fields[k]))
      return true;
  return false;
}

static void add(Arena *a, Plan *p, const char *fact) { plan_add_fact(a, p, str_c(fact)); }

static void derived_facts(Arena *a, Plan *p) {
  const Model *m = p->model;
  const Project *pr = &m->project;
  bool nofb = false, upload = false, scanned = true, audit = false, ownerless = false;
  bool realtime_keyed = false;
  for (int i = 0; i < m->nfeatures; i++) {
    const Feature *f = &m->features[i];
    if (f->kind == FK_INTEGRATION && !feature_opt(f, "fallback"))
      nofb = true;
    if (f->kind == FK_UPLOAD) {
      upload = true;
      scanned &= feature_has(f, "scan");
    }
    audit |= feature_has(f, "audit");
    if (feature_has(f, "owner-only") && !m->auth)
      ownerless = true;
    if (f->kind == FK_REALTIME || f->kind == FK_INGEST)
      realtime_keyed = true;
  }
  if (nofb)
    add(a, p, "integration-no-fallback");
  if (!upload || scanned)
    add(a, p, "upload-scanned");
  if (audit)
    add(a, p, "audit-log");
  if (!ownerless)
    add(a, p, "auth-for-owner-only");
  const Tech *db = plan_tech(p, "database");
  if (db && str_eqc(db->hosting, "self-hosted"))
    add(a, p, "database-self-run");
  bool partitioned = (db && (str_eqc(db->family, "key-value") || str_eqc(db->family, "wide-column"))) ||
                     plan_tech(p, "stream");
  if (partitioned && realtime_keyed)
    add(a, p, "hot-partition-prone");
  /* Archetypes (archetype.c): the failure modes their components invite. */
  static const struct { FeatureKind k; const char *fact; } arch[] = {
    {FK_FEED, "archetype-feed"},         {FK_PRESENCE, "archetype-connections"}, {FK_CHAT, "archetype-connections"},
    {FK_NEARBY, "archetype-nearby"},     {FK_CRAWL, "archetype-crawl"},          {FK_SHORTLINK, "archetype-shortlink"},
    {FK_LEADERBOARD, "archetype-counter"}, {FK_COUNTER, "archetype-counter"},   {FK_MEDIA, "archetype-media"},
    {FK_RESERVE, "archetype-reserve"},   {FK_COLLAB, "archetype-collab"},
    {FK_EXCHANGE, "archetype-exchange"}};
  for (size_t k = 0; k < sizeof arch / sizeof *arch; k++)
    for (int i = 0; i < m->nfeatures; i++)
      if (m->features[i].kind == arch[k].k && !plan_has_fact(p, str_c(arch[k].fact))) {
        add(a, p, arch[k].fact);
        break;
      }
  /* an exchange that matches in memory, from a journal (archetype.c) */
  for (int i = 0; i < p->ncomponents; i++)
    if (str_eqc(p->components[i].name, "Matching engine") && !plan_has_fact(p, S("exchange-engine")))
      add(a, p, "exchange-engine");
  if (pr->availability >= 0.9999 - 1e-12)
    add(a, p, "availability-9999");
  /* Several regions named: each is deployed (topology.c, plan_regions),
   * and each region's users are held to the p95 target. */
  if (p->nregions > 1) {
    add(a, p, "regions-deployed");
    bool met = true;
    for (int i = 0; i < p->nregions; i++)
      met &= p->regions[i].meets;
    if (met)
      add(a, p, "region-p95-met");
  } else
    add(a, p, "single-region");
  int tags = 0;
  bool unretained = false;
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    for (int k = 0; k < e->nfields; k++)
      tags |= e->fields[k].tags;
    if (e->retain <= 0 && entity_sensitive(e))
      unretained = true;
  }
  if (pr->ncompliance)
    add(a, p, "regulated");
  if (tags & TAG_PII)
    add(a, p, "data-pii");
  if (tags & TAG_PHI)
    add(a, p, "data-phi");
  if (tags & TAG_PCI)
    add(a, p, "data-pci");
  add(a, p, unretained ? "sensitive-no-retention" : "sensitive-retained");
  if (pr->has_budget) {
    add(a, p, "has-budget");
    if (p->over_budget)
      add(a, p, "over-budget");
    else {
      add(a, p, "within-budget");
      if (p->monthly_usd > 0.8 * pr->budget)
        add(a, p, "budget-margin-low");
    }
  }
  const Roadmap *r = p->roadmap;
  if (r && !r->error.n)
    add(a, p, "roadmap-ok");
  if (pr->deadline > 0) {
    add(a, p, "has-deadline");
    if (r && !r->error.n)
      add(a, p, r->on_track ? "on-deadline" : "deadline-overshoot");
  }
  const Tech *lang = plan_tech(p, "language");
  bool knows = !lang;
  for (int i = 0; lang && i < lang->nskills && !knows; i++)
    for (int k = 0; k < pr->nskills && !knows; k++)
      knows = str_ieq(lang->skills[i], pr->skills[k].word);
  if (!knows && pr->nskills)
    add(a, p, "skills-gap");
  bool miss = false;
  for (int i = 0; i < p->npaths; i++)
    miss |= p->paths[i].p95 > p->paths[i].target + 1e-12;
  add(a, p, miss ? "p95-miss" : "p95-met");
  /* Every other percentile the spec states, held against the paths'
   * figure at it (plan_latency_at). */
  int src = plan_latency_source(p), other = 0, missed = 0;
  for (int k = 0; k < 4; k++)
    if (k != src && pr->src.latency[k].set) {
      other++;
      missed += plan_latency_miss(p, k) != NULL;
    }
  if (other)
    add(a, p, "latency-stated-other");
  if (!missed)
    add(a, p, "latency-stated-met");
  if (p->avail.nparts)
    add(a, p, p->avail.composite + 1e-9 >= p->avail.target ? "availability-met" : "availability-miss");
  if (pr->team == 1)
    add(a, p, "solo-team");
  bool filled = true, quota = false;
  for (int i = 0; i < p->nchoices; i++) {
    filled &= p->choices[i].tech != NULL;
    quota |= p->choices[i].tech && p->choices[i].cost.topo.set && p->choices[i].cost.topo.quota > 0;
  }
  if (quota)
    add(a, p, "quota-increase");
  if (filled)
    add(a, p, "slots-filled");
  if (!plan_unindexed_relation(p))
    add(a, p, "fk-indexed");
  const Tech *obs = plan_tech(p, "observability");
  if (obs && tech_has(obs, CAP_ALERTING))
    add(a, p, "alerting");
}

Span plan_span(const Plan *p, Str part) {
  const Model *m = p->model;
  const AstProject *s = &m->project.src;
  Span whole = s->present ? s->span : (Span){0, 0};
  /* What the spec does not write has no line of its own: an empty span at
   * the project block (plinth check reports only findings with a line). */
  Span none = {whole.off, 0};
  if (str_eqc(part, "project") || str_eqc(part, "database"))
    return whole;
#define FIG(f) ((f).set ? (f).span : none)
  if (str_eqc(part, "budget"))
    return FIG(s->budget);
  if (str_eqc(part, "deadline"))
    return FIG(s->deadline);
  if (str_eqc(part, "availability"))
    return FIG(s->availability);
  /* A p95 target derived from another percentile is reported at the line
   * that states that one. */
  if (str_eqc(part, "latency"))
    return plan_latency_source(p) >= 0 ? s->latency[plan_latency_source(p)].span : none;
  if (str_eqc(part, "latency-stated"))
    for (int k = 0; k < 4; k++)
      if (k != plan_latency_source(p) && plan_latency_miss(p, k))
        return s->latency[k].span;
  if (str_eqc(part, "team"))
    return s->team.set ? s->team.span : s->level_span.len ? s->level_span : none;
  if (str_eqc(part, "region"))
    return s->nregions ? s->regions[0].span : none;
  if (str_eqc(part, "compliance"))
    return s->ncompliance ? s->compliance[0].span : none;
#undef FIG
  const Feature *first = NULL;
  for (int i = 0; i < m->nfeatures; i++) {
    const Feature *f = &m->features[i];
    bool hit = (str_eqc(part, "integration") && f->kind == FK_INTEGRATION) ||
               (str_eqc(part, "webhooks") && f->kind == FK_INTEGRATION && feature_has(f, "webhooks")) ||
               (str_eqc(part, "realtime") && f->kind == FK_REALTIME) ||
               (str_eqc(part, "feed") && f->kind == FK_FEED) || (str_eqc(part, "nearby") && f->kind == FK_NEARBY) ||
               (str_eqc(part, "connections") && (f->kind == FK_CHAT || f->kind == FK_PRESENCE)) ||
               (str_eqc(part, "crawl") && f->kind == FK_CRAWL) || (str_eqc(part, "shortlink") && f->kind == FK_SHORTLINK) ||
               (str_eqc(part, "counter") && (f->kind == FK_COUNTER || f->kind == FK_LEADERBOARD)) ||
               (str_eqc(part, "media") && f->kind == FK_MEDIA) ||
               (str_eqc(part, "reserve") && f->kind == FK_RESERVE) ||
               (str_eqc(part, "collab") && f->kind == FK_COLLAB) ||
               (str_eqc(part, "exchange") && f->kind == FK_EXCHANGE) ||
               (str_eqc(part, "ingest") && f->kind == FK_INGEST) ||
               (str_eqc(part, "upload") && f->kind == FK_UPLOAD && !feature_has(f, "scan")) ||
               (str_eqc(part, "auth") && (f->kind == FK_AUTH || (!m->auth && feature_has(f, "owner-only"))));
    if (!hit)
      continue;
    if (str_eqc(part, "integration") && !feature_opt(f, "fallback"))
      return f->span;
    if (!first)
      first = f;
    if (!str_eqc(part, "integration"))
      break;
  }
  if (first)
    return first->span;
  if (str_eqc(part, "sensitive") || str_eqc(part, "retention"))
    for (int i = 0; i < m->nentities; i++) {
      const Entity *e = &m->entities[i];
      if (str_eqc(part, "retention") && (e->retain > 0 || !entity_sensitive(e)))
        continue;
      for (int k = 0; k < e->nfields; k++)
        if (sensitive(&e->fields[k]))
          return str_eqc(part, "retention") ? e->span : e->fields[k].span;
    }
  if (str_eqc(part, "relation")) {
    const Field *f = plan_unindexed_relation(p);
    if (f)
      return f->span;
  }
  return none;
}

static int level(Str w) { return str_eqc(w, "high") ? 3 : str_eqc(w, "medium") ? 2 : 1; }

static int by_score(const void *x, const void *y) {
  const Risk *a = x, *b = y;
  int sa = a->impact * a->probability, sb = b->impact * b->probability;
  if (sa != sb)
    return sa > sb ? -1 : 1;
  if (a->impact != b->impact)
    return a->impact > b->impact ? -1 : 1;
  return a->rule < b->rule ? -1 : a->rule > b->rule;
}

void plan_risks(Arena *a, Plan *p) {
  derived_facts(a, p);
  const Kb *kb = p->kb;
  int nr = 0, ns = 0;
  for (int i = 0; i < kb->nrecs; i++) {
    nr += kb->recs[i].kindid == KIND_RISK;
    ns += kb->recs[i].kindid == KIND_STRIDE;
  }
  p->risks = new(a, Risk, nr);
  p->nrisks = 0;
  p->stride = new(a, StrideFlow, ns);
  p->nstride = 0;
  for (int i = 0; i < kb->nrecs; i++) {
    const KbRecord *r = &kb->recs[i];
    if (r->kindid == KIND_RISK && plan_rule_holds(p, r, "when", "unless")) {
      Risk *k = &p->risks[p->nrisks++];
      k->rule = r;
      k->id = r->id;
      k->name = rec_text(r, "name");
      k->impact_word = rec_text(r, "impact");
      k->probability_word = rec_text(r, "probability");
      k->impact = level(k->impact_word);
      k->probability = level(k->probability_word);
      k->owner = rec_text(r, "owner");
      k->why = plan_fill(a, p, rec_text(r, "why"));
      k->mitigation = plan_fill(a, p, rec_text(r, "mitigation"));
      k->span = plan_span(p, rec_text(r, "at"));
    } else if (r->kindid == KIND_STRIDE && plan_rule_holds(p, r, "when", "unless")) {
      static const char *const cat[6] = {"spoofing", "tampering", "repudiation", "disclosure", "dos", "elevation"};
      StrideFlow *f = &p->stride[p->nstride++];
      f->flow = plan_fill(a, p, rec_text(r, "flow"));
      for (int c = 0; c < 6; c++)
        f->threat[c] = plan_fill(a, p, rec_text(r, cat[c]));
    }
  }
  if (p->nrisks > 1)
    qsort(p->risks, (size_t)p->nrisks, sizeof *p->risks, by_score);
}
