/* BACKEND-PLAN.md: the backend implementation plan, from executive summary
 * to handoff. */
#include "../util/esc.h"
#include "emit.h"

#define T(o, lit) buf_puts((o), (lit))
#define E(o, s) esc_md((o), (s))

static Str nm(const Plan *p, const char *slot) {
  const Choice *c = plan_choice(p, slot);
  return c ? c->tech->name : S("none");
}


/* ORDER FIELD_TYPES: one row per FieldType: Go, TypeScript, Python, JSON. */
static const char *const types[FT_COUNT_][4] = {
  [FT_NONE] = {"string", "string", "str", "string"},
  [FT_STRING] = {"string", "string", "str", "string"},
  [FT_TEXT] = {"string", "string", "str", "string"},
  [FT_INT] = {"int64", "number", "int", "integer"},
  [FT_FLOAT] = {"float64", "number", "float", "number"},
  [FT_BOOL] = {"bool", "boolean", "bool", "boolean"},
  [FT_MONEY] = {"string", "string", "str", "string (decimal)"},
  [FT_EMAIL] = {"string", "string", "str", "string (email)"},
  [FT_URL] = {"string", "string", "str", "string (uri)"},
  [FT_PHONE] = {"string", "string", "str", "string"},
  [FT_TIMESTAMP] = {"time.Time", "string", "datetime", "string (date-time)"},
  [FT_DATE] = {"time.Time", "string", "date", "string (date)"},
  [FT_UUID] = {"uuid.UUID", "string", "UUID", "string (uuid)"},
  [FT_JSON] = {"json.RawMessage", "unknown", "dict", "object"},
  [FT_BLOB] = {"string", "string", "str", "string (object key)"},
  [FT_SECRET] = {"string", "string", "str", "string"},
  [FT_ENUM] = {"string", "string", "str", "string (enum)"},
  [FT_REF] = {"uuid.UUID", "string", "UUID", "string (uuid)"},
};

static void entity_type(Buf *o, const Plan *p, const Entity *e) {
  const Choice *lang = plan_choice(p, "language");
  int col = 3;
  static const char *const heads[] = {"Go type", "TypeScript type", "Python type", "JSON type"};
  if (lang && str_eqc(lang->tech->id, "go"))
    col = 0;
  else if (lang && str_eqc(lang->tech->id, "node-typescript"))
    col = 1;
  else if (lang && str_eqc(lang->tech->id, "python"))
    col = 2;
  MdTable t;
  md_table(&t, 3, "field", heads[col], "notes");
  md_cell(&t, "id");
  md_cell(&t, "%s", types[FT_UUID][col]);
  md_cell(&t, "primary key, read-only");
  for (int k = 0; k < e->nfields; k++) {
    const Field *f = &e->fields[k];
    md_cells(&t, f->name);
    const char *ty = types[f->type][col];
    if (f->array)
      md_cell(&t, col == 0 ? "[]%s" : col == 1 ? "%s[]" : col == 2 ? "list[%s]" : "array of %s", ty);
    else if (f->optional)
      md_cell(&t, col == 0 ? "*%s" : col == 1 ? "%s \\| null" : col == 2 ? "%s \\| None" : "%s, nullable", ty);
    else
      md_cell(&t, "%s", ty);
    md_cell_begin(&t);
    Buf *b = md_cell_buf(&t);
    buf_puts(b, f->optional ? "optional" : "required");
    if (f->unique)
      buf_puts(b, ", unique");
    if (f->ref) {
      buf_puts(b, ", references ");
      esc_md(b, f->ref->name);
    }
    const FieldFacts *ff = &p->api.ents[e->index].ff[k];
    if (f->type == FT_SECRET)
      buf_puts(b, ff->stored ? ", write-only, hashed" : ", write-only, never stored");
    if (f->type == FT_MONEY)
      buf_puts(b, ", exact decimal string");
    if (ff->role != ROLE_CLIENT) {
      buf_puts(b, ", ");
      esc_md(b, ff->why);
    }
    if (f->nenum) {
      buf_puts(b, ", one of ");
      for (int i = 0; i < f->nenum; i++) {
        buf_puts(b, i ? ", " : "");
        esc_md(b, f->enum_vals[i]);
      }
    }
    if (f->len > 0 && (f->type == FT_STRING))
      buf_printf(b, ", at most %.0f characters", f->len);
    if (f->has_min)
      buf_printf(b, ", %s %.10g", f->min_excl ? "above" : "at least", f->min);
    if (f->has_max)
      buf_printf(b, ", %s %.10g", f->max_excl ? "below" : "at most", f->max);
    md_cell_end(&t);
  }
  md_table_end(&t, o);
}

void emit_backend_md(const Plan *p, Buf *o) {
  const Model *m = p->model;
  const DocFacts *d = p->docs;
  char a[32], b[32];
  md_hs(o, 1, "Backend implementation plan: ", m->project.name, "");
  md_h(o, 2, "Executive summary");
  E(o, m->project.idea);
  buf_printf(o, " The backend is a %.*s on %.*s: %.*s in %.*s with %.*s, for %s users at %s req/s peak, costing %s a month.\n\n",
             STRF(p->style.choice), STRF(d->cloud_name), STRF(nm(p, "framework")), STRF(nm(p, "language")), STRF(nm(p, "database")),
             fmt_count(a, m->project.users), fmt_count(b, p->load.peak_rps), fmt_usd((char[32]){0}, p->monthly_usd));
  md_h(o, 2, "Assumptions");
  doc_see(o, "What Plinth assumed where the spec was silent", "SPEC.md", "Assumptions");
  md_h(o, 2, "Architecture overview");
  doc_see(o, "Why this style", "ARCHITECTURE.md", "Architecture pattern");
  mm_c4_container(o, p);
  md_h(o, 2, "Technology selection");
  doc_see(o, "One choice per slot, with its version and monthly cost", "SPEC.md", "Every slot");
  doc_see(o, "Which are new to the team, each with a proof of concept before its first task", "VALIDATION.md",
          "Quality gates");
  md_h(o, 2, "API design");
  doc_see(o, "The endpoints, their access and errors (openapi.yaml is the contract)", "SPEC.md", "API contract summary");
  md_h(o, 2, "Data models");
  for (int i = 0; i < m->nentities; i++) {
    md_hs(o, 3, "", m->entities[i].name, "");
    entity_type(o, p, &m->entities[i]);
  }
  md_h(o, 2, "Infrastructure requirements");
  doc_cost(o, p);
  doc_see(o, "Each component's monthly cost", "SPEC.md", "Every slot");
  md_h(o, 2, "Deployment strategy");
  buf_printf(o, "%.*s runs lint, tests (coverage at least %.0f%%), builds one artifact and deploys it to staging, then to %.0f%% "
                "of production for %.0f minutes before all traffic; an alert rolls it back.\n\n",
             STRF(nm(p, "cicd")), d->coverage * 100, d->canary_share * 100, d->canary_minutes);
  mm_deployment(o, p);
  md_h(o, 2, "Integrations");
  doc_see(o, "How each external call is protected", "ARCHITECTURE.md", "Integrations");
  md_h(o, 2, "Security");
  doc_see(o, "Authentication, roles, data protection and threats", "ARCHITECTURE.md", "Security");
  md_h(o, 2, "Performance and scalability");
  doc_see(o, "Latency per request path and availability", "ARCHITECTURE.md", "Performance requirements and strategy");
  md_h(o, 3, "Caching");
  doc_see(o, "What is cached and how it is invalidated", "ARCHITECTURE.md", "Caching strategy");
  md_h(o, 3, "When to revisit");
  doc_revisit(o, p);
  md_h(o, 2, "Implementation phases");
  doc_milestones(o, p);
  doc_estimates(o, p);
  md_h(o, 2, "Testing strategy");
  buf_printf(o, "- unit tests with %.*s for handlers and rules; integration tests against a real %.*s\n",
             STRF(nm(p, "testing")), STRF(nm(p, "database")));
  buf_printf(o, "- contract tests: every endpoint's responses validated against the OpenAPI document; no create or "
                "update body accepts a server-set field\n");
  /* Lifecycles: each operation from each allowed state, and one refused change. */
  for (int i = 0; i < p->api.neps; i++) {
    const Endpoint *x = &p->api.eps[i];
    if (x->kind != EP_TRANSITION)
      continue;
    const Lifecycle *l = x->life;
    buf_printf(o, "- lifecycle: `%.*s %.*s%.*s` moves %.*s.%.*s from ", STRF(x->method), STRF(p->api.base), STRF(x->path),
               STRF(l->entity->name), STRF(l->field->name));
    for (int k = 0; k < l->nfrom; k++)
      buf_printf(o, "%s%.*s", k ? (k == l->nfrom - 1 ? " or " : ", ") : "", STRF(l->field->enum_vals[l->from[k]]));
    buf_printf(o, " to %.*s, answers 409 from any other state, and %s to anyone but ", STRF(l->field->enum_vals[l->to]),
               x->owner_only ? "404" : "403");
    for (int k = 0; k < l->nby; k++)
      buf_printf(o, "%s%s%.*s", k ? " or " : "", str_eqc(l->by[k], "owner") ? "the " : "role ", STRF(l->by[k]));
    T(o, "\n");
  }
  if (p->api.nlives && p->api.sql)
    T(o, "- lifecycle: the database refuses a change of state outside the declared transitions (the trigger in schema.sql)\n");
  else if (p->api.nlives)
    T(o, "- lifecycle: each change of state is a conditional write that holds only from the states the transition starts from\n");
  buf_printf(o, "- load tests with %.*s at %.4g req/s, failing above a p95 of %s\n",
             STRF(nm(p, "loadtest")), p->load.design_rps, fmt_ms(a, m->project.latency[PCT_P95]));
  buf_printf(o, "- the pipeline blocks a merge under %.0f%% line coverage\n\n", d->coverage * 100);
  md_h(o, 2, "Risk assessment");
  doc_see(o, "The risks, scored, with owners and mitigations", "RISKS.md", "Register");
  md_h(o, 2, "Success criteria");
  const Roadmap *rm = p->roadmap;
  if (rm && !rm->error.n && rm->milestones[2].ncriteria) {
    buf_printf(o, "- the %d criteria of the production milestone: see [Milestones](ROADMAP.md#milestones)\n",
               rm->milestones[2].ncriteria);
  } else {
    buf_printf(o, "- p95 latency at or under %s at the design load of %.4g req/s\n", fmt_ms(a, m->project.latency[PCT_P95]),
               p->load.design_rps);
    buf_printf(o, "- availability of %.3f%% over a month\n", m->project.availability * 100);
  }
  buf_printf(o, "- error rate under %.4g%% of requests, the error budget of the availability target\n",
             (1 - m->project.availability) * 100);
  buf_printf(o, "- every feature of the spec (%d) is live, behind its flag or endpoint\n\n", m->nfeatures);
  md_h(o, 2, "Handoff");
  md_h(o, 3, "Review checklist");
  doc_verdict(o, p);
  md_h(o, 3, "Top risks");
  doc_see(o, "The highest-scored risks", "RISKS.md", "Top risks");
  md_h(o, 3, "Decision points");
  doc_see(o, "When each decision should be revisited", "BACKEND-PLAN.md", "When to revisit");
  md_h(o, 3, "Where to start");
  doc_start(o, p);
  md_end(o);
}
