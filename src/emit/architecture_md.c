/* ARCHITECTURE.md: style, C4 views, component designs, API design, key
 * flows, deployment, data, caching, security, integrations, performance,
 * monitoring, risks, estimates and the review checklist. */
#include "../util/esc.h"
#include "emit.h"

#define T(o, lit) buf_puts((o), (lit))
#define E(o, s) esc_md((o), (s))

static void component(Buf *o, const DocFacts *d, const Part *pt) {
  md_hs(o, 3, "", pt->name, "");
  T(o, "- purpose: ");
  E(o, pt->purpose);
  /* Its duties, when it has more than its purpose. */
  if (pt->nduties && !(pt->nduties == 1 && str_eq(pt->duties[0], pt->purpose))) {
    T(o, "\n- responsibilities: ");
    for (int i = 0; i < pt->nduties; i++) {
      T(o, i ? "; " : "");
      E(o, pt->duties[i]);
    }
  }
  T(o, "\n- interfaces: ");
  E(o, pt->iface);
  T(o, "\n- technology: ");
  E(o, pt->tech.n ? pt->tech : S("managed by the provider"));
  T(o, "\n- dependencies: ");
  if (!pt->ndeps)
    T(o, "none");
  for (int i = 0; i < pt->ndeps; i++) {
    T(o, i ? "; " : "");
    E(o, d->parts[pt->deps[i].to].name);
    T(o, " (");
    E(o, pt->deps[i].what);
    T(o, ")");
  }
  T(o, "\n- error handling: ");
  E(o, pt->errors);
  T(o, "\n\n");
}

static void pattern(const Plan *p, Buf *o) {
  md_h(o, 2, "Architecture pattern");
  buf_printf(o, "The system is a %.*s on %.*s, because:\n\n", STRF(p->style.choice), STRF(p->docs->cloud_name));
  for (int i = 0; i < p->style.nbecause; i++) {
    T(o, "- ");
    E(o, p->style.because[i]);
    T(o, "\n");
  }
  T(o, "\n");
  if (p->npatterns) {
    buf_printf(o, "%d patterns apply. ", p->npatterns);
    doc_see(o, "Each, why it applies here and what to watch", "DECISIONS.md", "Patterns");
  }
}

static void api_design(const DocFacts *d, Buf *o) {
  md_h(o, 2, "API design");
  E(o, d->api_style);
  T(o, "; lists paginate by cursor unless the spec asks for pages; every response carries `X-Request-Id` and the "
       "rate-limit headers.\n\n");
  md_h(o, 3, "Authentication endpoints");
  doc_see(o, "The sign-in endpoints", "SPEC.md", "Authentication endpoints");
  md_h(o, 3, "Resources");
  doc_see(o, "Every endpoint with its access, success and errors (openapi.yaml is the contract)", "SPEC.md", "Resources");
  md_h(o, 3, "Error Code Reference");
  doc_see(o, "The error codes", "SPEC.md", "Errors");
}

/* What each stateful or compute part runs as (DECISIONS.md says why). */
static void topology(const Plan *p, Buf *o) {
  bool topo = false;
  for (int i = 0; i < p->nchoices; i++) {
    const Choice *ch = &p->choices[i];
    const Topology *tp = &ch->cost.topo;
    if (!ch->tech || !tp->set || !tp->instance_class.n)
      continue;
    if (!topo)
      md_h(o, 3, "Topology");
    topo = true;
    buf_printf(o, "- %.*s: ", STRF(ch->need->slot));
    E(o, ch->tech->name);
    if (tp->instances)
      buf_printf(o, ", %d x ", tp->instances);
    else
      T(o, ", ");
    E(o, tp->instance_class);
    if (tp->shards > 1) {
      buf_printf(o, " in %d shards by ", tp->shards);
      E(o, tp->shard_key);
    }
    buf_printf(o, ", %d zone%s", tp->zones, tp->zones == 1 ? "" : "s");
    for (int r = 0; r < tp->nregions; r++) {
      T(o, r ? ", " : "; regions: ");
      E(o, tp->regions[r].name);
      T(o, " ");
      E(o, tp->regions[r].role);
      if (tp->regions[r].instances)
        buf_printf(o, " x %d", tp->regions[r].instances);
    }
    T(o, "\n");
  }
  if (topo)
    T(o, "\n");
}

/* Each data class beside the records and the store that holds it. */
static void data_classes(const Plan *p, Buf *o) {
  for (int k = 0; k < DC_COUNT_; k++) {
    const DataClass *dc = &p->classes[k];
    if (!dc->slot.n || !dc->nentities || k == DC_RECORD)
      continue;
    const Choice *hold = NULL;
    for (int i = 0; i < p->nchoices && !hold; i++)
      if (str_eq(p->choices[i].need->slot, dc->slot) && p->choices[i].tech)
        hold = &p->choices[i];
    T(o, dc->kind == DC_EVENTS ? " Events (" : " Files (");
    for (int e = 0; e < dc->nentities; e++) {
      if (e)
        T(o, ", ");
      E(o, dc->entities[e]->name);
    }
    T(o, ") live in ");
    E(o, hold ? hold->tech->name : dc->slot);
    T(o, ".");
  }
}

static void data_architecture(const Plan *p, Buf *o) {
  md_h(o, 2, "Data architecture");
  char b[32], c[32];
  buf_printf(o, "%d entities, %s of data now and %s after three years with indexes; the system of record is in ", p->model->nentities,
             fmt_bytes(b, p->storage.bytes_now), fmt_bytes(c, p->storage.db_bytes_3y));
  const Choice *db = plan_choice(p, "database");
  E(o, db ? db->tech->name : S("the database"));
  T(o, ".");
  data_classes(p, o);
  T(o, "\n\n");
  mm_er(o, p);
  md_h(o, 3, "Indexes");
  doc_see(o, "Each index and the query it serves", "SPEC.md", "Indexing strategy");
}

static void performance(const Plan *p, Buf *o) {
  md_h(o, 2, "Performance requirements and strategy");
  doc_perf(o, p);
  T(o, "Strategy: keep each request to the database round trips the budget above counts, push slow work to the worker, ");
  T(o, p->docs->cache >= 0 ? "serve hot reads from the cache, " : "");
  T(o, "index every filter and foreign key, and load-test at the design load before each release.\n\n");
  doc_availability(o, p);
}

static void monitoring(const Plan *p, Buf *o) {
  md_h(o, 2, "Monitoring, logging and alerts");
  const Choice *obs = plan_choice(p, "observability"), *lg = plan_choice(p, "logging");
  T(o, "Metrics, traces and logs go to ");
  E(o, obs ? obs->tech->name : S("the observability service"));
  T(o, "; logs are structured JSON");
  if (lg) {
    T(o, " from ");
    E(o, lg->tech->name);
  }
  T(o, " with the request id, user id and route, never secrets or personal fields.\n\n");
  doc_alerts(o, p);
}

void emit_architecture_md(const Plan *p, Buf *o) {
  const Model *m = p->model;
  const DocFacts *d = p->docs;
  md_hs(o, 1, "Architecture of ", m->project.name, "");
  E(o, m->project.idea);
  T(o, "\n\n");
  md_h(o, 2, "Assumptions");
  doc_see(o, "What Plinth assumed where the spec was silent", "SPEC.md", "Assumptions");
  pattern(p, o);

  md_h(o, 2, "System context");
  mm_c4_context(o, p);
  md_h(o, 2, "Containers");
  mm_c4_container(o, p);
  md_h(o, 2, "Components of the API");
  mm_c4_component(o, p);

  md_h(o, 2, "Component designs");
  for (int i = 0; i < d->nparts; i++)
    if (d->parts[i].kind != PART_PERSON && d->parts[i].kind != PART_DEVICE)
      component(o, d, &d->parts[i]);
  api_design(d, o);

  md_h(o, 2, "Key flows");
  Arena scratch = arena_make(DOCFACTS_FLOW_ARENA);
  for (int i = 0; i < d->nflows; i++) {
    md_hs(o, 3, "", d->flows[i].title, "");
    Arena a = scratch;   /* one flow's steps at a time */
    Flow f = docfacts_flow(&a, p, i);
    mm_sequence(o, p, &f);
  }
  arena_free(&scratch);

  md_h(o, 2, "Deployment");
  mm_deployment(o, p);
  topology(p, o);
  md_h(o, 3, "Pipeline");
  mm_pipeline(o, p);
  data_architecture(p, o);

  md_h(o, 2, "Caching strategy");
  doc_cache(o, p, 3);
  md_h(o, 2, "Security");
  doc_security(o, p, 3);
  md_h(o, 2, "Integrations");
  doc_integrations(o, p, 3);
  performance(p, o);
  monitoring(p, o);

  md_h(o, 2, "Technical risks");
  doc_see(o, "The risks, scored, with owners and mitigations", "RISKS.md", "Register");
  md_h(o, 2, "Development estimates");
  doc_see(o, "Estimates and the schedule", "BACKEND-PLAN.md", "Implementation phases");
  doc_see(o, "The monthly cost", "BACKEND-PLAN.md", "Infrastructure requirements");
  md_h(o, 2, "Review checklist");
  doc_verdict(o, p);
  md_end(o);
}
