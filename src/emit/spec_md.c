/* SPEC.md: the Technical Foundation Specification, section by section in
 * the order of the classic template. */
#include "../util/esc.h"
#include "emit.h"

#define T(o, lit) buf_puts((o), (lit))
#define E(o, s) esc_md((o), (s))

static Str nm(const Plan *p, const char *slot) {
  const Choice *c = plan_choice(p, slot);
  return c ? c->tech->name : S("none");
}

static void stack(const Plan *p, Buf *o) {
  md_h(o, 2, "Technology stack decisions");
  md_h(o, 3, "Framework and runtime");
  const Choice *lang = plan_choice(p, "language"), *fw = plan_choice(p, "framework");
  buf_printf(o, "%.*s %.*s on %.*s %.*s, deployed to %.*s.\n\n", STRF(nm(p, "framework")),
             STRF(fw ? tech_text(fw->tech, "version") : S("")), STRF(nm(p, "language")),
             STRF(lang ? tech_text(lang->tech, "version") : S("")), STRF(nm(p, "compute")));
  md_h(o, 3, "Every slot");
  doc_stack_table(o, p, true);
  md_h(o, 3, "Key dependencies");
  doc_dependencies(o, p);
  md_h(o, 3, "Development tools");
  buf_printf(o, "- lint and format: %.*s\n- tests: %.*s\n- load tests: %.*s\n- infrastructure as code: %.*s\n- CI/CD: %.*s\n\n",
             STRF(nm(p, "lint")), STRF(nm(p, "testing")), STRF(nm(p, "loadtest")), STRF(nm(p, "iac")), STRF(nm(p, "cicd")));
}

static void database_system(const Plan *p, const Choice *db, Buf *o) {
  md_h(o, 3, "System and version");
  if (!db) {
    T(o, "No database qualified; see DECISIONS.md.\n\n");
    return;
  }
  E(o, db->tech->name);
  T(o, ": ");
  E(o, db->need->reason);
  if (db->cost.sizing.n) {
    T(o, ", sized as ");
    E(o, db->cost.sizing);
  }
  char b[32];
  buf_printf(o, ". After three years it holds about %s with indexes. Engine version: ", fmt_bytes(b, p->storage.db_bytes_3y));
  Str v = tech_text(db->tech, "version");
  if (v.n) {
    E(o, v);
    T(o, ".\n\n");
  } else
    T(o, "the provider's current major release, pinned in the infrastructure code and upgraded deliberately.\n\n");
}

static void database(const Plan *p, Buf *o) {
  const DocFacts *d = p->docs;
  md_h(o, 2, "Database architecture");
  const Choice *db = plan_choice(p, "database");
  database_system(p, db, o);
  md_h(o, 3, "Connection management");
  if (p->api.db_form == FORM_KEYS || p->api.db_form == FORM_POINTS)
    T(o, "One client per process, created outside the request handler and reused across requests; the store's API "
         "has no connection limit to pool against, so the limits to watch are its request rates.\n\n");
  else if (db && p->api.db_pooler)
    T(o, "The database's built-in pooler serves the API; clients open one pool per process outside the request handler.\n\n");
  else
    T(o, "One pool per API process, sized to the database's connection limit divided by the instance count, with a 5 s acquire timeout.\n\n");
  md_h(o, 3, "Migration strategy");
  E(o, d->migrations.n ? d->migrations : S("versioned scripts applied by the pipeline"));
  T(o, ".\n\n");
  md_h(o, 3, "Backup and recovery");
  buf_printf(o, "Recovery point objective %.0f minutes, recovery time objective %.0f minutes. ", d->rpo / 60, d->rto / 60);
  doc_see(o, "The backups and the quarterly restore that proves them", "DEPLOYMENT.md", "Restore-from-backup drill");
}

static void frontend(const Plan *p, Buf *o) {
  const DocFacts *d = p->docs;
  md_h(o, 2, "Frontend integration");
  T(o, "- API protocol: ");
  E(o, d->api_style);
  T(o, "\n- authentication method: ");
  if (p->model->auth) {
    const Option *me = feature_opt(p->model->auth, "method");
    E(o, me ? me->args[0].text : S("jwt"));
    T(o, " via ");
    E(o, nm(p, "auth"));
  } else
    T(o, "none");
  T(o, "\n- state handling: ");
  E(o, d->state);
  T(o, "\n- realtime transport: ");
  E(o, d->realtime_transport.n ? d->realtime_transport : S("none: the client polls list endpoints"));
  T(o, "\n\n");
}

/* Records the plan freezes once issued (fields.c, freeze): which writes
 * then answer 409, its own and those of the rows under it. */
static void issued_records(const Plan *p, Buf *o) {
  const Model *m = p->model;
  for (int i = 0; i < m->nentities; i++) {
    const ApiEntity *ae = &p->api.ents[i];
    if (ae->frozen_by != &m->entities[i])
      continue;
    int n = 0;
    Buf w = {0};
    for (int k = 0; k < p->api.neps; k++) {
      const Endpoint *x = &p->api.eps[k];
      if (x->frozen_by == &m->entities[i])
        buf_printf(&w, "%s`%.*s %.*s%.*s`", n++ ? ", " : "", STRF(x->method), STRF(p->api.base), STRF(x->path));
    }
    if (n) {
      E(o, m->entities[i].name);
      T(o, " is frozen ");
      E(o, ae->frozen);
      T(o, ": ");
      buf_put(o, w.p, w.n);
      buf_puts(o, " answer 409 CONFLICT, and only its transitions move it on.\n\n");
    }
    buf_free(&w);
  }
}

static void api_and_data(const Plan *p, Buf *o) {
  md_h(o, 2, "API contract summary");
  md_h(o, 3, "Authentication endpoints");
  doc_auth_endpoints(o, p);
  md_h(o, 3, "Resources");
  doc_api_summary(o, p);
  issued_records(p, o);
  md_h(o, 3, "Errors");
  doc_errors(o);

  md_h(o, 2, "Data model");
  md_h(o, 3, "Entities");
  doc_entities(o, p);
  md_h(o, 3, "Relationships and constraints");
  doc_relations(o, p);
  md_h(o, 3, "Indexing strategy");
  if (p->api.keys_slot.n && str_eqc(p->api.keys_slot, "database"))
    T(o, "Every access path with its partition and sort keys, and the endpoints it serves: see [keys.md](keys.md).\n\n");
  else
    doc_indexes(o, p);

  md_h(o, 2, "Integration architecture");
  doc_see(o, "Each external service, its timeouts, retries, breaker and fallback", "ARCHITECTURE.md", "Integrations");
}

static void configuration(const Plan *p, Buf *o) {
  const DocFacts *d = p->docs;
  md_h(o, 2, "Configuration management");
  md_h(o, 3, "Environment variables");
  doc_env(o, p);
  md_h(o, 3, "Secrets per environment");
  buf_printf(o, "Development uses the values above in a local `.env` that git ignores. Staging and production read their secrets from "
                "%.*s at start-up, one set per environment, never shared; each is rotated every %.0f days and at once "
                "when someone with access leaves.\n\n",
             STRF(d->secret_store), d->secret_rotation_days);
  md_h(o, 3, "Feature flags");
  doc_flags(o, p);
  md_h(o, 3, "Validation at start-up");
  T(o, "The process parses every variable into a typed configuration");
  if (plan_choice(p, "validation")) {
    T(o, " with ");
    E(o, nm(p, "validation"));
  }
  T(o, " before it listens; a missing or malformed value stops it with the variable's name, so a bad deploy fails its health check instead of serving.\n\n");
}

/* The tools a developer installs and runs: each slot's choice, in order. */
typedef struct {
  const char *const *slots;
  const Choice *const *cs;
  int n;
} Tools;

/* "# slot: Tool" then the command, inside a sh fence. */
static void command(Buf *o, const char *slot, const Choice *c, Str cmd) {
  buf_printf(o, "# %s: ", slot);
  esc_md_fenced(o, c->tech->name);
  buf_putc(o, '\n');
  esc_md_fenced(o, cmd);
  buf_putc(o, '\n');
}

static void install_steps(Tools t, Buf *o) {
  const Choice *const *cs = t.cs;
  md_h(o, 3, "Install steps");
  int ncmd = 0;
  for (int i = 0; i < t.n; i++)
    ncmd += cs[i] && tech_text(cs[i]->tech, "install").n;
  if (ncmd) {
    T(o, "From an empty folder, in this order:\n\n```sh\n");
    for (int i = 0; i < t.n; i++) {
      Str cmd = cs[i] ? tech_text(cs[i]->tech, "install") : (Str){0};
      if (cmd.n)
        command(o, t.slots[i], cs[i], cmd);
    }
    T(o, "```\n\n");
  } else {
    T(o, "Install the tools from their pages:\n\n");
    for (int i = 0; i < t.n; i++)
      if (cs[i]) {
        T(o, "- ");
        E(o, cs[i]->tech->name);
        buf_printf(o, ": <%.*s>\n", STRF(cs[i]->tech->url));
      }
    T(o, "\n");
  }
}

/* Each tool's everyday command, once where two tools share it. */
static void everyday_commands(Tools t, Buf *o) {
  const Choice *const *cs = t.cs;
  md_h(o, 3, "Everyday commands");
  int nrun = 0;
  for (int i = 0; i < t.n; i++) {
    Str cmd = cs[i] ? tech_text(cs[i]->tech, "run") : (Str){0};
    bool dup = false;
    for (int k = 0; k < i && !dup; k++)
      dup = cs[k] && str_eq(tech_text(cs[k]->tech, "run"), cmd);
    if (!cmd.n || dup)
      continue;
    if (!nrun++)
      T(o, "```sh\n");
    command(o, t.slots[i], cs[i], cmd);
  }
  if (nrun)
    T(o, "```\n\n");
  else
    T(o, "Run the tests and the linter before every push; the pipeline runs the same commands.\n\n");
}

static void dev_environment(const Plan *p, Buf *o) {
  md_h(o, 2, "Development environment setup");
  md_h(o, 3, "Requirements");
  const Choice *lang = plan_choice(p, "language");
  if (lang) {
    T(o, "- ");
    E(o, lang->tech->name);
    Str v = tech_text(lang->tech, "version");
    if (v.n) {
      T(o, " ");
      E(o, v);
    }
    T(o, "\n");
  }
  T(o, "- Docker, for the local database and services\n- git\n\n");
  static const char *const order[] = {"language", "framework", "orm", "authlib", "validation", "logging", "testing", "lint", "loadtest"};
  enum { NORDER = sizeof order / sizeof *order };
  const Choice *cs[NORDER];
  for (int i = 0; i < NORDER; i++)
    cs[i] = plan_choice(p, order[i]);
  Tools t = {order, cs, NORDER};
  install_steps(t, o);
  everyday_commands(t, o);
}

static void testing(const Plan *p, Buf *o) {
  const Choice *db = plan_choice(p, "database");
  md_h(o, 2, "Testing framework");
  buf_printf(o, "- unit: %.*s, every handler and validation rule\n", STRF(nm(p, "testing")));
  buf_printf(o, "- integration: the API against a real %.*s started for the test run, one transaction per test rolled back\n",
             STRF(db ? db->tech->name : S("database")));
  T(o, "- test data: factories per entity, with realistic sizes; no production data in tests\n");
  buf_printf(o, "- load: %.*s at the design load of %.4g req/s with the p95 target as the threshold\n",
             STRF(nm(p, "loadtest")), p->load.design_rps);
  buf_printf(o, "- coverage threshold: %.0f%% of lines, enforced by the pipeline\n\n", p->docs->coverage * 100);
}

static void build_and_deploy(const Plan *p, Buf *o) {
  md_h(o, 2, "Build and deployment");
  buf_printf(o, "%.*s builds one artifact per commit; %.*s provisions the environments.\n\n", STRF(nm(p, "cicd")), STRF(nm(p, "iac")));
  mm_pipeline(o, p);
  md_h(o, 3, "Promotion and rollback");
  buf_printf(o, "The same artifact goes to staging, then to %.0f%% of production for %.0f minutes, then to all traffic. An alert "
                "during the canary, or a failed health check, rolls back to the previous artifact; migrations are additive, so "
                "the previous code runs on the new schema.\n\n",
             p->docs->canary_share * 100, p->docs->canary_minutes);
}

static void handoff(const Plan *p, Buf *o) {
  md_h(o, 2, "Implementation validation checklist");
  doc_verdict(o, p);

  md_h(o, 2, "Next-phase handoff");
  md_h(o, 3, "Risks");
  doc_see(o, "The highest-scored risks, with their mitigations", "RISKS.md", "Top risks");
  md_h(o, 3, "Decision points");
  doc_see(o, "When each decision should be revisited", "BACKEND-PLAN.md", "When to revisit");
  md_h(o, 3, "Where to start");
  doc_start(o, p);
}

void emit_spec_md(const Plan *p, Buf *o) {
  const Model *m = p->model;
  md_hs(o, 1, "Technical Foundation Specification: ", m->project.name, "");
  E(o, m->project.idea);
  buf_printf(o, "\n\nArchitecture style: %.*s on %.*s.\n\n", STRF(p->style.choice), STRF(p->docs->cloud_name));
  md_h(o, 2, "Assumptions");
  doc_assumptions(o, p);
  stack(p, o);
  database(p, o);
  frontend(p, o);
  api_and_data(p, o);
  configuration(p, o);
  dev_environment(p, o);
  testing(p, o);
  build_and_deploy(p, o);
  handoff(p, o);
  md_end(o);
}
