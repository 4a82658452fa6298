/* The filling of kb texts ({placeholders}) with the plan's figures, and the
 * plan's parts those texts name (see delivery.h). */
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
    if (!db || str_eqc(db->family, "relational") || tech_has(db, "secondary-indexes"))
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

/* The value of one placeholder, or an empty Str when unknown. */
static Str value(Arena *a, const Plan *p, Str key) {
  const Model *m = p->model;
  const Project *pr = &m->project;
  const Roadmap *r = p->roadmap;
  char b[32];
  /* {c:Component} is an archetype component's sizing, {d:topic} a design
   * decision's choice (archetype.c). */
  if (key.n > 2 && key.p[1] == ':' && (key.p[0] == 'c' || key.p[0] == 'd')) {
    Str name = {key.p + 2, key.n - 2};
    for (int i = 0; key.p[0] == 'c' && i < p->ncomponents; i++)
      if (str_ieq(p->components[i].name, name))
        return p->components[i].sized_by;
    for (int i = 0; key.p[0] == 'd' && i < p->ndesigns; i++)
      if (str_has_prefix(p->designs[i].topic, name))
        return p->designs[i].choice;
  }
  for (int i = 0; i < p->nchoices; i++)
    if (str_eq(p->choices[i].need->slot, key))
      return p->choices[i].tech ? p->choices[i].tech->name : S("nothing viable");
  if (str_eqc(key, "project"))
    return pr->name;
  if (str_eqc(key, "cost"))
    return cat(a, str_c(fmt_usd(b, p->monthly_usd)));
  if (str_eqc(key, "budget"))
    return cat(a, str_c(fmt_usd(b, pr->budget)));
  if (str_eqc(key, "margin"))
    return pr->budget > 0 ? str_printf(a, "%.0f%%", (1 - p->monthly_usd / pr->budget) * 100) : S("no");
  if (str_eqc(key, "over"))
    return cat(a, str_c(fmt_usd(b, p->monthly_usd - pr->budget)));
  if (r && str_eqc(key, "duration"))
    return str_printf(a, "%.1f working days", r->duration_days);
  if (r && str_eqc(key, "critical"))
    return str_printf(a, "%.1f working days", r->critical_days);
  if (r && str_eqc(key, "deadline"))
    return str_printf(a, "%.0f working days", r->deadline_days);
  if (r && str_eqc(key, "overshoot"))
    return str_printf(a, "%.1f working days", r->overshoot_days);
  if (r && str_eqc(key, "devs"))
    return str_printf(a, "%d developer%s", r->devs, r->devs == 1 ? "" : "s");
  if (r && str_eqc(key, "devs-needed"))
    return r->devs_needed ? str_printf(a, "%d developers", r->devs_needed) : S("no team of up to 64 developers");
  if (r && str_eqc(key, "cut"))
    return r->ncut ? r->tasks[r->cut[0]].name : S("nothing from the beta scope");
  if (str_eqc(key, "team"))
    return str_printf(a, "%d %s", pr->team, team_level_name(pr->level));
  if (str_eqc(key, "skills")) {
    Buf o = {0};
    for (int i = 0; i < pr->nskills; i++)
      buf_printf(&o, "%s%.*s", i ? ", " : "", STRF(pr->skills[i].word));
    Str s = str_printf(a, "%.*s", (int)o.n, o.n ? o.p : "none listed");
    buf_free(&o);
    return s;
  }
  if (str_eqc(key, "target"))
    return cat(a, str_c(fmt_ms(b, pr->latency[PCT_P95])));
  for (int i = 0; i < p->npaths; i++)
    if (p->paths[i].p95 > p->paths[i].target + 1e-12) {
      if (str_eqc(key, "miss-path"))
        return p->paths[i].name;
      if (str_eqc(key, "miss-p95"))
        return cat(a, str_c(fmt_ms(b, p->paths[i].p95)));
      if (str_eqc(key, "miss-dominant"))
        return p->paths[i].dominant;
    }
  if (str_eqc(key, "availability"))
    return str_printf(a, "%.4g%%", pr->availability * 100);
  if (str_eqc(key, "composite"))
    return str_printf(a, "%.3f%%", p->avail.composite * 100);
  if (str_eqc(key, "design-rps"))
    return cat(a, str_c(fmt_count(b, p->load.design_rps)));
  if (str_eqc(key, "peak-rps"))
    return cat(a, str_c(fmt_count(b, p->load.peak_rps)));
  if (str_eqc(key, "compliance")) {
    Buf o = {0};
    for (int i = 0; i < pr->ncompliance; i++)
      buf_printf(&o, "%s%.*s", i ? ", " : "", STRF(pr->compliance[i].word));
    Str s = str_printf(a, "%.*s", (int)o.n, o.n ? o.p : "none");
    buf_free(&o);
    return s;
  }
  if (str_eqc(key, "integration")) {
    const Feature *first = NULL;
    for (int i = 0; i < m->nfeatures; i++)
      if (m->features[i].kind == FK_INTEGRATION) {
        if (!feature_opt(&m->features[i], "fallback"))
          return m->features[i].name;
        if (!first)
          first = &m->features[i];
      }
    return first ? first->name : S("the provider");
  }
  if (str_eqc(key, "sensitive") || str_eqc(key, "retention"))
    for (int i = 0; i < m->nentities; i++) {
      const Entity *e = &m->entities[i];
      if (str_eqc(key, "retention") && e->retain > 0)
        continue;
      for (int k = 0; k < e->nfields; k++)
        if (e->fields[k].tags & (TAG_PII | TAG_PHI | TAG_PCI))
          return str_eqc(key, "retention") ? e->name : str_printf(a, "%.*s.%.*s", STRF(e->name), STRF(e->fields[k].name));
    }
  if (str_eqc(key, "relation") || str_eqc(key, "relation-store")) {
    const Field *f = plan_unindexed_relation(p);
    const Tech *t = f ? plan_store_of(p, f->entity) : NULL;
    if (f && str_eqc(key, "relation-store"))
      return t ? t->name : S("the store");
    if (f)
      return str_printf(a, "%.*s.%.*s", STRF(f->entity->name), STRF(f->name));
  }
  if (str_eqc(key, "unfilled"))
    for (int i = 0; i < p->nchoices; i++)
      if (!p->choices[i].tech)
        return p->choices[i].need->slot;
  if (str_eqc(key, "realtime") || str_eqc(key, "ingest") || str_eqc(key, "upload"))
    for (int i = 0; i < m->nfeatures; i++) {
      FeatureKind k = m->features[i].kind;
      const Feature *f = &m->features[i];
      if ((k == FK_REALTIME && str_eqc(key, "realtime")) || (k == FK_INGEST && str_eqc(key, "ingest")) ||
          (k == FK_UPLOAD && str_eqc(key, "upload") && !feature_has(f, "scan")))
        return f->entity ? f->entity->name : f->field ? f->field->entity->name : S("it");
    }
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
