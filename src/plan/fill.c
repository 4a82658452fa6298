/* The filling of kb texts ({placeholders}) with the plan's figures, and the
 * plan's parts those texts name (see delivery.h). */
#include <math.h>

#include "../util/fmt.h"
#include "delivery.h"
#include "explain.h"

/* The store that holds an entity: the events store for the events class
 * when there is one, else the database. */
const Tech *plan_store_of(const Plan *p, const Entity *e) {
  const Tech *ev = plan_tech(p, "events");
  if (ev && p->entity_class && p->entity_class[e->index] == DC_EVENTS)
    return ev;
  return plan_tech(p, "database");
}

/* A relation no index serves: only possible off a relational store, where
 * every foreign key gets one in schema.sql. */
const Field *plan_unindexed_relation(const Plan *p) {
  for (int i = 0; i < p->model->nentities; i++) {
    const Entity *e = &p->model->entities[i];
    const Tech *db = plan_store_of(p, e);
    if (!db || str_eqc(db->family, "relational") || tech_has(db, CAP_SECONDARY_INDEXES))
      continue;
    for (int k = 0; k < e->nfields; k++) {
      const Field *f = &e->fields[k];
      if (f->rel != REL_NONE && f != e->parent_field && !f->indexed && !e->join)
        return f;
    }
  }
  return NULL;
}

static Str cat(Arena *a, Str x) { return str_printf(a, "%.*s", STRF(x)); }

/* Each *_value below sets *v and returns true when it knows the key; an
 * empty *v still ends the search, as the placeholder's unknown value. */

/* {c:Component} is an archetype component's sizing, {d:topic} a design
 * decision's choice (archetype.c); a slot's name is its choice. */
static bool choice_value(const Plan *p, Str key, Str *v) {
  if (key.n > 2 && key.p[1] == ':' && (key.p[0] == 'c' || key.p[0] == 'd')) {
    Str name = {key.p + 2, key.n - 2};
    for (int i = 0; key.p[0] == 'c' && i < p->ncomponents; i++)
      if (str_ieq(p->components[i].name, name))
        return *v = p->components[i].sized_by, true;
    for (int i = 0; key.p[0] == 'd' && i < p->ndesigns; i++)
      if (str_has_prefix(p->designs[i].topic, name))
        return *v = p->designs[i].choice, true;
  }
  for (int i = 0; i < p->nchoices; i++)
    if (str_eq(p->choices[i].need->slot, key))
      return *v = p->choices[i].tech ? p->choices[i].tech->name : S("nothing viable"), true;
  return false;
}

/* The project, its bill against the budget, and its schedule. */
static bool project_value(Arena *a, const Plan *p, Str key, Str *v) {
  const Project *pr = &p->model->project;
  const Roadmap *r = p->roadmap;
  char b[32];
  if (str_eqc(key, "project"))
    *v = pr->name;
  else if (str_eqc(key, "cost"))
    *v = cat(a, str_c(fmt_usd(b, p->monthly_usd)));
  else if (str_eqc(key, "budget"))
    *v = cat(a, str_c(fmt_usd(b, pr->budget)));
  else if (str_eqc(key, "margin"))
    *v = pr->budget > 0 ? str_printf(a, "%.0f%%", (1 - p->monthly_usd / pr->budget) * 100) : S("no");
  else if (str_eqc(key, "over"))
    *v = cat(a, str_c(fmt_usd(b, p->monthly_usd - pr->budget)));
  else if (r && str_eqc(key, "duration"))
    *v = str_printf(a, "%.1f working days", r->duration_days);
  else if (r && str_eqc(key, "critical"))
    *v = str_printf(a, "%.1f working days", r->critical_days);
  else if (r && str_eqc(key, "deadline"))
    *v = r->deadline_text.n ? r->deadline_text : str_printf(a, "%.0f working days", r->deadline_days);
  else if (r && str_eqc(key, "deadline-fix"))
    *v = r->deadline_fix.n ? r->deadline_fix : S("nothing to change");
  else if (r && str_eqc(key, "overshoot"))
    *v = str_printf(a, "%.1f working days", r->overshoot_days);
  else if (r && str_eqc(key, "devs"))
    *v = str_printf(a, "%d developer%s", r->devs, r->devs == 1 ? "" : "s");
  else if (r && str_eqc(key, "devs-needed"))
    *v = r->devs_needed ? str_printf(a, "%d developers", r->devs_needed) : S("no team of up to 64 developers");
  else if (r && str_eqc(key, "cut"))
    *v = r->ncut ? r->tasks[r->cut[0]].name : S("nothing from the beta scope");
  else if (str_eqc(key, "team"))
    *v = str_printf(a, "%d %s", pr->team, team_level_name(pr->level));
  else if (str_eqc(key, "skills")) {
    Buf o = {0};
    for (int i = 0; i < pr->nskills; i++)
      buf_printf(&o, "%s%.*s", i ? ", " : "", STRF(pr->skills[i].word));
    *v = str_printf(a, "%.*s", (int)o.n, o.n ? o.p : "none listed");
    buf_free(&o);
  } else
    return false;
  return true;
}

/* Latency, availability and load: the target, the first path that misses
 * it, and the rates. */
static bool performance_value(Arena *a, const Plan *p, Str key, Str *v) {
  const Project *pr = &p->model->project;
  char b[32];
  static const char *const pname[] = {"p50", "p90", "p95", "p99"};
  if (str_eqc(key, "target"))
    return *v = cat(a, str_c(fmt_ms(b, pr->latency[PCT_P95]))), true;
  if (str_eqc(key, "target-line")) {
    /* the p95 target, and the stated percentile a derived one comes from */
    int k = plan_latency_source(p);
    char b2[32];
    *v = k >= 0 && k != PCT_P95 ? str_printf(a, "the %s target (the p95 read from the spec's %s of %s)",
                                             fmt_ms(b, pr->latency[PCT_P95]), pname[k],
                                             fmt_ms(b2, pr->src.latency[k].v))
                                : str_printf(a, "the %s target", fmt_ms(b, pr->latency[PCT_P95]));
    return true;
  }
  if (str_eqc(key, "stated-miss")) {
    /* each stated percentile besides the p95 target's source that a path misses */
    Buf o = {0};
    char b2[32];
    for (int k = 0; k < 4; k++) {
      const Path *x = k == plan_latency_source(p) ? NULL : plan_latency_miss(p, k);
      if (x)
        buf_printf(&o, "%sthe %.*s path reaches %s%s at %s%s, over the stated %s of %s", o.n ? "; " : "",
                   STRF(x->name), k == PCT_P99 ? "at least " : k == PCT_P90 ? "up to " : "",
                   fmt_ms(b, plan_latency_at(x, k)), pname[k],
                   k == PCT_P99 ? " (its p95)" : k == PCT_P90 ? " (its p95 bounds it)" : "", pname[k],
                   fmt_ms(b2, pr->src.latency[k].v));
    }
    *v = str_printf(a, "%.*s", (int)o.n, o.p);
    buf_free(&o);
    return true;
  }
  for (int i = 0; i < p->npaths; i++)
    if (p->paths[i].p95 > p->paths[i].target + 1e-12) {
      if (str_eqc(key, "miss-path"))
        return *v = p->paths[i].name, true;
      if (str_eqc(key, "miss-p95"))
        return *v = cat(a, str_c(fmt_ms(b, p->paths[i].p95))), true;
      if (str_eqc(key, "miss-dominant"))
        return *v = p->paths[i].dominant, true;
    }
  if (str_eqc(key, "region-p95") || str_eqc(key, "region-p95-miss")) {
    /* each deployed region's p95 (plan_region_latency); -miss: those over the target */
    bool miss = str_eqc(key, "region-p95-miss");
    Buf o = {0};
    char b2[32];
    for (int i = 0; i < p->nregions; i++) {
      const Region *r = &p->regions[i];
      if (miss && r->meets)
        continue;
      buf_printf(&o, "%s%.*s%s reads %s, writes %s", o.n ? "; " : "", STRF(r->word), r->home ? " (home)" : "",
                 fmt_ms(b, r->p95_read), fmt_ms(b2, r->p95_write));
      if (r->write_rtt > 0)
        buf_printf(&o, " (%s of it the round trip to %.*s)", fmt_ms(b2, r->write_rtt), STRF(p->regions[0].word));
      else if (!r->home)
        buf_printf(&o, " (written in %.*s)", STRF(r->word));
    }
    *v = str_printf(a, "%.*s", (int)o.n, o.p);
    buf_free(&o);
    return true;
  }
  if (str_eqc(key, "deployed-regions") && p->nregions > 1)
    return *v = plan_region_list(a, p, true), true;   /* the regions the plan deploys, home first */
  if (str_eqc(key, "deployed-regions")) {
    /* the one region the plan deploys, and those the spec names besides */
    Buf o = {0};
    for (int i = 0; i < pr->nregions; i++)
      buf_printf(&o, "%s%.*s", !i ? "" : i == pr->nregions - 1 ? " and " : ", ", STRF(pr->regions[i].word));
    *v = pr->nregions > 1 ? str_printf(a, "a single region (the spec names %.*s; the plan deploys %.*s only, so users "
                                          "of the others cross to it on every request)",
                                       (int)o.n, o.p, STRF(pr->regions[0].word))
                          : S("a single region");
    buf_free(&o);
    return true;
  }
  if (str_eqc(key, "availability"))
    *v = str_printf(a, "%.4g%%", pr->availability * 100);
  else if (str_eqc(key, "composite"))
    *v = str_printf(a, "%.*f%%", plan_avail_digits(&p->avail), p->avail.composite * 100);
  else if (str_eqc(key, "design-rps"))
    *v = cat(a, str_c(fmt_count(b, p->load.design_rps)));
  else if (str_eqc(key, "peak-rps"))
    *v = cat(a, str_c(fmt_count(b, p->load.peak_rps)));
  else if (str_eqc(key, "pay-sales"))   /* the sales a payments provider would take at peak (reserve) */
    *v = cat(a, str_c(fmt_count(b, p->pay_sales)));
  else if (str_eqc(key, "pay-rate"))
    *v = cat(a, str_c(fmt_count(b, p->pay_rate)));
  else if (str_eqc(key, "pay-admit"))
    *v = cat(a, str_c(fmt_count(b, p->pay_admit > 0 ? p->pay_admit : p->pay_rate)));
  else if (str_eqc(key, "pay-queue"))
    *v = cat(a, str_c(fmt_count(b, p->pay_queue)));
  else if (str_eqc(key, "pay-wait"))
    *v = cat(a, str_c(plan_wait_fmt(b, p->pay_wait)));
  else if (str_eqc(key, "pay-integration")) {
    const Feature *f = model_integration(p->model, "payments");
    *v = f ? f->name : S("the payments provider");
  } else
    return false;
  return true;
}

/* What the spec declares: compliance, the first integration without a
 * fallback, sensitive fields, an unindexed relation, an unfilled slot and
 * the entity of a realtime, ingest or upload feature. */
static bool spec_value(Arena *a, const Plan *p, Str key, Str *v) {
  const Model *m = p->model;
  const Project *pr = &m->project;
  if (str_eqc(key, "compliance")) {
    Buf o = {0};
    for (int i = 0; i < pr->ncompliance; i++)
      buf_printf(&o, "%s%.*s", i ? ", " : "", STRF(pr->compliance[i].word));
    *v = str_printf(a, "%.*s", (int)o.n, o.n ? o.p : "none");
    buf_free(&o);
    return true;
  }
  if (str_eqc(key, "integration")) {
    const Feature *first = NULL;
    for (int i = 0; i < m->nfeatures; i++)
      if (m->features[i].kind == FK_INTEGRATION) {
        if (!feature_opt(&m->features[i], "fallback"))
          return *v = m->features[i].name, true;
        if (!first)
          first = &m->features[i];
      }
    return *v = first ? first->name : S("the provider"), true;
  }
  if (str_eqc(key, "sensitive") || str_eqc(key, "retention"))
    for (int i = 0; i < m->nentities; i++) {
      const Entity *e = &m->entities[i];
      if (str_eqc(key, "retention") && e->retain > 0)
        continue;
      for (int k = 0; k < e->nfields; k++)
        if (e->fields[k].tags & (TAG_PII | TAG_PHI | TAG_PCI))
          return *v = str_eqc(key, "retention") ? e->name : str_printf(a, "%.*s.%.*s", STRF(e->name), STRF(e->fields[k].name)),
                 true;
    }
  if (str_eqc(key, "relation") || str_eqc(key, "relation-store")) {
    const Field *f = plan_unindexed_relation(p);
    const Tech *t = f ? plan_store_of(p, f->entity) : NULL;
    if (f && str_eqc(key, "relation-store"))
      return *v = t ? t->name : S("the store"), true;
    if (f)
      return *v = str_printf(a, "%.*s.%.*s", STRF(f->entity->name), STRF(f->name)), true;
  }
  /* The provider quotas the topologies pass: "Amazon OpenSearch Service
   * (search): 273 instances against a default quota of 80". */
  if (str_eqc(key, "quotas")) {
    Buf o = {0};
    for (int i = 0; i < p->nchoices; i++) {
      const Choice *c = &p->choices[i];
      if (c->tech && c->cost.topo.set && c->cost.topo.quota > 0)
        buf_printf(&o, "%s%.*s (%.*s): %d instances against a default quota of %g", o.n ? "; " : "",
                   STRF(c->tech->name), STRF(c->need->slot), c->cost.topo.instances, c->cost.topo.quota);
    }
    *v = str_printf(a, "%.*s", (int)o.n, o.n ? o.p : "");
    buf_free(&o);
    return v->n > 0;
  }
  if (str_eqc(key, "unfilled"))
    for (int i = 0; i < p->nchoices; i++)
      if (!p->choices[i].tech)
        return *v = p->choices[i].need->slot, true;
  if (str_eqc(key, "realtime") || str_eqc(key, "ingest") || str_eqc(key, "upload"))
    for (int i = 0; i < m->nfeatures; i++) {
      FeatureKind k = m->features[i].kind;
      const Feature *f = &m->features[i];
      if ((k == FK_REALTIME && str_eqc(key, "realtime")) || (k == FK_INGEST && str_eqc(key, "ingest")) ||
          (k == FK_UPLOAD && str_eqc(key, "upload") && !feature_has(f, "scan")))
        return *v = f->entity ? f->entity->name : f->field ? f->field->entity->name : S("it"), true;
    }
  return false;
}

/* The value of one placeholder, or an empty Str when unknown. */
static Str value(Arena *a, const Plan *p, Str key) {
  Str v = {0};
  if (choice_value(p, key, &v) || project_value(a, p, key, &v) || performance_value(a, p, key, &v) ||
      spec_value(a, p, key, &v))
    return v;
  return (Str){0};
}

Str plan_fill(Arena *a, const Plan *p, Str t) {
  Buf o = {0};
  for (ptrdiff_t i = 0; i < t.n; i++) {
    if (t.p[i] == '{') {
      ptrdiff_t j = i + 1;
      while (j < t.n && t.p[j] != '}' && t.p[j] != '{' && j - i < 40)
        j++;
      if (j < t.n && t.p[j] == '}') {
        Str v = value(a, p, (Str){t.p + i + 1, j - i - 1});
        if (v.n) {
          buf_str(&o, v);
          i = j;
          continue;
        }
      }
    }
    buf_putc(&o, t.p[i]);
  }
  Str s = str_printf(a, "%.*s", (int)o.n, o.n ? o.p : "");
  buf_free(&o);
  return s;
}
