/* Roadmap: the task graph of building this plan, with estimates, the
 * critical path, a schedule for the team, milestones and the deadline.
 *
 * Tasks, in build order (each names the tasks it needs):
 *   setup          repository, CI/CD, local environment        (none)
 *   infra          infrastructure as code for every service    setup
 *   model-E        each entity's schema and migration          infra, its owner's model
 *   auth           sign-in with the chosen method              infra, the principal's model
 *   KIND-E         each feature                                its entity's model (and crud),
 *                                                              auth when owner-only or role-gated
 *   integration-N  each external service                       infra
 *   observability  metrics, logs, alerts                       infra
 *   hardening      security review and compliance duties       every feature and integration
 *   load-test      at the design load                          every feature, observability
 *   docs           API reference and runbooks                  every feature
 *   launch         production cut-over                         hardening, load-test, docs
 *
 * Estimate = base effort (kb `figures effort`) x size (the entity's field
 * count against a typical entity) x complexity (the feature's options, as a
 * COCOMO II CPLX rating) x team (COCOMO II PCAP for the level, times LTEX
 * when the team does not know the language), rounded up to half days.
 *
 * graph.c computes the critical path and the list schedule; the deadline
 * comparison reschedules with tasks cut (largest first) and with more
 * developers (binary search), each a linear-ish pass. Everything is linear
 * in entities plus features: ids are deduplicated through a hash table. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../util/date.h"
#include "../util/fmt.h"
#include "core.h"
#include "delivery.h"
#include "explain.h"
#include "graph.h"

typedef struct {
  Arena *a;
  Plan *p;
  Roadmap *r;
  Graph g;
  Str *idtab;            /* open addressing, for unique ids */
  int idcap;
} B;

static double fig(const Plan *p, const char *rec, const char *key, double dflt) {
  return plan_figure(p, rec, key, dflt);
}

static double half_days(double d) {
  double h = ceil(d * 2 - 1e-9) / 2;
  return h < 0.5 ? 0.5 : h;
}

/* A lower-case id with dashes; made unique with -2, -3, ... */
static Str unique_id(B *b, Str want) {
  char *o = new(b->a, char, want.n + 12);
  ptrdiff_t n = 0;
  for (ptrdiff_t i = 0; i < want.n; i++) {
    unsigned char ch = (unsigned char)want.p[i];
    o[n++] = ch < 0x80 && isalnum(ch) ? (char)tolower(ch) : ch >= 0x80 ? (char)ch : '-';
  }
  Str id = {o, n};
  for (int k = 2;; k++) {
    uint64_t h = str_hash(id);
    int slot = (int)(h & (uint64_t)(b->idcap - 1));
    bool taken = false;
    while (b->idtab[slot].n) {
      if (str_eq(b->idtab[slot], id)) {
        taken = true;
        break;
      }
      slot = (slot + 1) & (b->idcap - 1);
    }
    if (!taken) {
      b->idtab[slot] = id;
      return id;
    }
    id = str_printf(b->a, "%.*s-%d", (int)n, o, k);
  }
}

static int add_task(B *b, Str id, Str name, int phase, double days, Str basis, Span span) {
  Roadmap *r = b->r;
  Task *t = push(b->a, r->tasks, r->ntasks, r->task_cap);
  t->id = unique_id(b, id);
  t->name = name;
  t->phase = phase;
  t->days = days;
  t->basis = basis;
  t->span = span;
  return graph_add(b->a, &b->g, days);
}

static void need(B *b, int task, int dep) {
  if (task >= 0 && dep >= 0)
    graph_need(b->a, &b->g, task, dep);
}

static double size_factor(const Plan *p, const Entity *e) {
  if (!e)
    return 1;
  double f = 1 + fig(p, "effort-size", "per-field", 0.06) * (e->nfields - fig(p, "effort-size", "typical-fields", 5));
  double lo = fig(p, "effort-size", "min", 0.8), hi = fig(p, "effort-size", "max", 2.5);
  return f < lo ? lo : f > hi ? hi : f;
}

static double complexity(const Plan *p, const Feature *f, const char **rating) {
  int n = f ? f->nopts : 0;
  if (n >= fig(p, "complexity", "very-high-at", 4)) {
    *rating = "very high";
    return fig(p, "complexity", "very-high", 1.34);
  }
  if (n >= fig(p, "complexity", "high-at", 2)) {
    *rating = "high";
    return fig(p, "complexity", "high", 1.17);
  }
  *rating = "nominal";
  return fig(p, "complexity", "nominal", 1);
}

/* Estimate for base effort `base` (days) on entity e (may be NULL) for
 * feature f (may be NULL); writes the basis. */
static double estimate(B *b, double base, const Entity *e, const Feature *f, Str *basis) {
  const char *rating;
  double sz = size_factor(b->p, e), cx = complexity(b->p, f, &rating);
  double d = half_days(base * sz * cx * b->r->level_factor);
  char sb[48] = "";
  if (e)
    snprintf(sb, sizeof sb, " x size %.2f (%d fields)", sz, e->nfields);
  *basis = str_printf(b->a, "base %.3g d%s x complexity %.2f (%s) x team %.2f = %.1f d", base, sb, cx, rating,
                      b->r->level_factor, d);
  return d;
}

static Str lower_name(Arena *a, const char *prefix, Str name) {
  return str_printf(a, "%s-%.*s", prefix, STRF(name));
}

/* The team's multiplier: level (PCAP), and a new language (LTEX). */
static void team_factor(Plan *p, Roadmap *r, Arena *a) {
  const Project *pr = &p->model->project;
  const char *lvl = team_level_name(pr->level);
  double f = fig(p, "team-level", lvl, 1);
  const Tech *lang = plan_tech(p, "language");
  bool knows = !lang;
  for (int i = 0; lang && i < lang->nskills && !knows; i++)
    for (int k = 0; k < pr->nskills && !knows; k++)
      knows = str_ieq(lang->skills[i], pr->skills[k].word);
  double lt = knows ? 1 : fig(p, "team-level", "new-language", 1.2);
  r->level_factor = f * lt;
  if (knows)
    r->level_basis = str_printf(a, "%s team: x %.2f (COCOMO II PCAP)", lvl, f);
  else
    r->level_basis = str_printf(a, "%s team: x %.2f (COCOMO II PCAP) x %.2f for a language new to the team (LTEX)",
                                lvl, f, lt);
}

static const char *const kind_effort[FK_COUNT_] = {
  [FK_AUTH] = "auth", [FK_CRUD] = "crud", [FK_SEARCH] = "search", [FK_UPLOAD] = "upload",
  [FK_NOTIFY] = "notify", [FK_REALTIME] = "realtime", [FK_HISTORY] = "history", [FK_INGEST] = "ingest",
  [FK_QUERY] = "query", [FK_REPORT] = "report", [FK_DASHBOARD] = "dashboard", [FK_INTEGRATION] = "integration",
  [FK_FEED] = "feed", [FK_PRESENCE] = "presence", [FK_CHAT] = "chat", [FK_NEARBY] = "nearby", [FK_CRAWL] = "crawl",
  [FK_SHORTLINK] = "shortlink", [FK_LEADERBOARD] = "leaderboard", [FK_COUNTER] = "counter", [FK_MEDIA] = "media",
  [FK_RATELIMIT] = "rate-limit", [FK_RESERVE] = "reserve", [FK_COLLAB] = "collab", [FK_EXCHANGE] = "exchange",
};

static const char *const kind_title[FK_COUNT_] = {
  [FK_CRUD] = "CRUD endpoints for", [FK_SEARCH] = "Search over", [FK_UPLOAD] = "File upload for",
  [FK_NOTIFY] = "Notifications on", [FK_REALTIME] = "Realtime delivery of", [FK_HISTORY] = "History of",
  [FK_INGEST] = "Ingestion of", [FK_QUERY] = "Time-window queries over", [FK_REPORT] = "Report",
  [FK_DASHBOARD] = "Dashboard of", [FK_FEED] = "Feed of", [FK_PRESENCE] = "Presence of", [FK_CHAT] = "Chat delivery of",
  [FK_NEARBY] = "Proximity search over", [FK_CRAWL] = "Crawler for", [FK_SHORTLINK] = "Short keys and redirects for",
  [FK_LEADERBOARD] = "Leaderboard of", [FK_COUNTER] = "Counters on", [FK_MEDIA] = "Media pipeline for",
  [FK_RATELIMIT] = "Rate limiting on", [FK_RESERVE] = "Holds and sales of",
  [FK_COLLAB] = "Collaborative editing of", [FK_EXCHANGE] = "Order matching for",
};

/* MVP: the data in and out; beta: everything else the spec asks for. */
static int feature_phase(FeatureKind k) {
  return k == FK_CRUD || k == FK_INGEST || k == FK_HISTORY ? 0 : 1;
}

/* Schedules g on `devs`; returns the length, or -1 on a cycle. */
static double schedule_len(Arena a, const Graph *g, const GraphAdj *adj, int devs) {
  Cpm c;
  if (!graph_cpm(&a, g, adj, &c))
    return -1;
  return graph_schedule(&a, g, adj, &c, devs).length;
}

static void criteria(Arena *a, Plan *p, Roadmap *r) {
  const Model *m = p->model;
  char b1[32], b2[32];
  const Tech *compute = plan_tech(p, "compute"), *obs = plan_tech(p, "observability");
  Milestone *ms = r->milestones;
  ms[0].name = S("MVP");
  ms[1].name = S("beta");
  ms[2].name = S("production");
  Str *c0 = new(a, Str, 4), *c1 = new(a, Str, 3), *c2 = new(a, Str, 4);
  int n0 = 0, n1 = 0, n2 = 0;
  Buf ents = {0};
  int ncrud = 0;
  for (int i = 0; i < m->nfeatures; i++)
    if (m->features[i].kind == FK_CRUD && m->features[i].entity && ncrud < 4)
      buf_printf(&ents, "%s%.*s", ncrud++ ? ", " : "", STRF(m->features[i].entity->name));
  Str crud = str_printf(a, "%.*s", (int)ents.n, ents.p ? ents.p : "");
  buf_free(&ents);
  if (m->auth && m->principal)
    c0[n0++] = str_printf(a, "a %.*s registers and signs in with %s on the deployed API%s%.*s", STRF(m->principal->name),
                          feature_opt(m->auth, "method") ? str_dupz(a, feature_opt(m->auth, "method")->args[0].text)
                                                         : "the chosen method",
                          compute ? " on " : "", compute ? (int)compute->name.n : 0, compute ? compute->name.p : "");
  if (crud.n)
    c0[n0++] = str_printf(a, "%.*s can be created, read, updated and deleted end to end, with tests in CI", STRF(crud));
  c0[n0++] = str_printf(a, "the schema of %d entit%s migrates from an empty database in the pipeline", m->nentities,
                        m->nentities == 1 ? "y" : "ies");
  /* Lifecycles: each operation, and the database refusing the others. */
  if (p->api.nlives) {
    Buf lv = {0};
    int shown = 0;
    for (int i = 0; i < p->api.neps && shown < 6; i++)
      if (p->api.eps[i].kind == EP_TRANSITION)
        buf_printf(&lv, "%s%.*s %.*s%.*s", shown++ ? ", " : "", STRF(p->api.eps[i].method), STRF(p->api.base),
                   STRF(p->api.eps[i].path));
    c0[n0++] = str_printf(a, "tests prove each transition operation (%.*s) and that the database refuses every other change of state",
                          (int)lv.n, lv.p);
    buf_free(&lv);
  }
  c1[n1++] = S("every feature of the spec works against staging, each with integration tests");
  int nint = 0;
  for (int i = 0; i < m->nfeatures; i++)
    nint += m->features[i].kind == FK_INTEGRATION;
  if (nint)
    c1[n1++] = str_printf(a, "%d integration%s pass%s sandbox tests with retries, timeouts and idempotency keys", nint,
                          nint == 1 ? "" : "s", nint == 1 ? "es" : "");
  c1[n1++] = str_printf(a, "metrics, logs and alerts for every request path in %.*s", obs ? (int)obs->name.n : 15,
                        obs ? obs->name.p : "the observability");
  c2[n2++] = str_printf(a, "the load test holds p95 under %s at the design load of %s req/s with under %.3g%% errors "
                          "(loadtest.js)",
                        fmt_ms(b1, m->project.latency[PCT_P95]), fmt_count(b2, p->load.design_rps), p->api.error_budget * 100);
  c2[n2++] = str_printf(a, "availability of %.4g%% monitored against its error budget, with a restore from backup rehearsed",
                        m->project.availability * 100);
  c2[n2++] = S("the security review of RISKS.md is closed: each STRIDE mitigation is in place");
  if (m->project.has_budget)
    c2[n2++] = p->over_budget
                   ? str_printf(a, "the monthly bill at launch is within the budget of %s (the estimate is %s today: "
                                   "see RISKS.md)",
                                fmt_usd(b1, m->project.budget), fmt_usd(b2, p->monthly_usd))
                   : str_printf(a, "the monthly bill at launch is within the budget of %s", fmt_usd(b1, m->project.budget));
  ms[0].criteria = c0, ms[0].ncriteria = n0;
  ms[1].criteria = c1, ms[1].ncriteria = n1;
  ms[2].criteria = c2, ms[2].ncriteria = n2;
}

/* The project's name as a shell-safe slug. */
static Str slug(Arena *a, Str name) {
  Str s = str_slug(a, name, 40, NULL);
  return s.n ? s : S("app");
}

static Str table_row(const Plan *p, const char *table, const Tech *t) {
  if (!t)
    return (Str){0};
  const KbRecord *r = kb_record(p->kb, "table", str_c(table));
  for (int i = 0; r && i < r->nitems; i++)
    if (str_eq(r->items[i].key, t->id) && r->items[i].nvals)
      return r->items[i].vals[0].text;
  return (Str){0};
}

static Str packages(Arena *a, const Plan *p, const char *const *slots) {
  Buf b = {0};
  for (int i = 0; slots[i]; i++) {
    Str s = table_row(p, "packages", plan_tech(p, slots[i]));
    if (s.n)
      buf_printf(&b, "%s%.*s", b.n ? " " : "", STRF(s));
  }
  Str out = str_printf(a, "%.*s", (int)b.n, b.p ? b.p : "");
  buf_free(&b);
  return out;
}

/* Replaces {slug}, {packages}, {dev-packages} and {test} in a command. */
static Str fill_command(Arena *a, Str cmd, Str sl, Str pk, Str dev, Str test) {
  Buf b = {0};
  for (ptrdiff_t i = 0; i < cmd.n; i++) {
    static const char *const keys[] = {"{slug}", "{packages}", "{dev-packages}", "{test}"};
    Str vals[] = {sl, pk, dev, test};
    bool hit = false;
    for (int k = 0; k < 4 && !hit; k++) {
      ptrdiff_t kn = (ptrdiff_t)strlen(keys[k]);
      if (cmd.n - i >= kn && !memcmp(cmd.p + i, keys[k], (size_t)kn)) {
        buf_str(&b, vals[k]);
        i += kn - 1;
        hit = true;
      }
    }
    if (!hit)
      buf_putc(&b, cmd.p[i]);
  }
  Str out = str_printf(a, "%.*s", (int)b.n, b.p ? b.p : "");
  buf_free(&b);
  return out;
}

static void start_today(Arena *a, Plan *p, Roadmap *r) {
  const Tech *lang = plan_tech(p, "language");
  const KbRecord *st = lang ? kb_record(p->kb, "start", lang->id) : NULL;
  if (st) {
    static const char *const run[] = {"framework", "orm", "validation", "authlib", "logging", 0};
    static const char *const dev[] = {"testing", "lint", 0};
    Str sl = slug(a, p->model->project.name), pk = packages(a, p, run), dv = packages(a, p, dev);
    Str test = table_row(p, "test", plan_tech(p, "testing"));
    if (!test.n)
      test = S("make test");
    for (int i = 0; i < st->nitems && r->nstart < 3; i++)
      if (str_eqc(st->items[i].key, "step") && st->items[i].nvals == 2) {
        r->start_title[r->nstart] = st->items[i].vals[0].text;
        r->start_command[r->nstart] = fill_command(a, st->items[i].vals[1].text, sl, pk, dv, test);
        r->nstart++;
      }
  }
  /* Pitfalls of the chosen stack at the team's level. */
  const char *lvl = team_level_name(p->model->project.level);
  int n = 0;
  for (int i = 0; i < p->kb->nrecs; i++)
    n += p->kb->recs[i].kindid == KIND_PITFALL;
  r->pitfalls = new(a, const KbRecord *, n);
  for (int i = 0; i < p->kb->nrecs; i++) {
    const KbRecord *rec = &p->kb->recs[i];
    if (rec->kindid != KIND_PITFALL)
      continue;
    bool stack = false, level = false;
    for (int k = 0; k < rec->nitems; k++) {
      const KbItem *it = &rec->items[k];
      for (int v = 0; v < it->nvals; v++) {
        if (str_eqc(it->key, "levels") && str_eqc(it->vals[v].text, lvl))
          level = true;
        if (str_eqc(it->key, "stack"))
          for (int c = 0; c < p->nchoices && !stack; c++)
            stack = p->choices[c].tech && str_eq(p->choices[c].tech->id, it->vals[v].text);
      }
    }
    if (stack && level)
      r->pitfalls[r->npitfalls++] = rec;
  }
}

/* Setup and infrastructure; returns the infrastructure task, which every
 * other piece of work follows. */
static int foundation_tasks(B *b) {
  Arena *a = b->a;
  Plan *p = b->p;
  const Project *pr = &p->model->project;
  Str basis;
  const Tech *cicd = plan_tech(p, "cicd"), *iac = plan_tech(p, "iac");
  double d = estimate(b, fig(p, "effort", "setup", 2), NULL, NULL, &basis);
  int setup = add_task(b, S("setup"),
                       str_printf(a, "Repository, %.*s pipeline and local environment", cicd ? (int)cicd->name.n : 2,
                                  cicd ? cicd->name.p : "CI"),
                       0, d, basis, pr->src.span);
  int services = 0;
  static const char *const code_slots[] = {"api", "language", "framework", "orm", "authlib", "validation", "testing",
                                           "loadtest", "lint", "logging", "cicd", "iac", 0};
  for (int i = 0; i < p->nchoices; i++) {
    bool code = false;
    for (int k = 0; code_slots[k] && !code; k++)
      code = str_eqc(p->choices[i].need->slot, code_slots[k]);
    services += !code && p->choices[i].tech;
  }
  d = estimate(b, fig(p, "effort", "infra", 2) + fig(p, "effort", "infra-per-service", 0.5) * services, NULL, NULL,
               &basis);
  basis = str_printf(a, "%d services; %.*s", services, STRF(basis));
  int infra = add_task(b, S("infra"),
                       str_printf(a, "Infrastructure as code with %.*s for %d services", iac ? (int)iac->name.n : 3,
                                  iac ? iac->name.p : "IaC", services),
                       0, d, basis, pr->src.span);
  need(b, infra, setup);
  return infra;
}

/* The data model: one task per entity (into model[]), after its owner's;
 * crud[] starts with no CRUD task for any entity. */
static void model_tasks(B *b, int infra, int *model, int *crud) {
  Arena *a = b->a;
  Plan *p = b->p;
  const Model *m = p->model;
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    double base = fig(p, "effort", "model", 0.5) + fig(p, "effort", "model-per-field", 0.05) * e->nfields;
    double d = half_days(base * b->r->level_factor);
    Str basis = str_printf(a, "base %.3g d + %.3g d x %d fields x team %.2f = %.1f d", fig(p, "effort", "model", 0.5),
                           fig(p, "effort", "model-per-field", 0.05), e->nfields, b->r->level_factor, d);
    model[i] = add_task(b, lower_name(a, "model", e->name), str_printf(a, "Data model and migration of %.*s", STRF(e->name)),
                        0, d, basis, e->span);
    crud[i] = -1;
    need(b, model[i], infra);
  }
  /* Owners come first in the graph even when declared later. */
  for (int i = 0; i < m->nentities; i++)
    if (m->entities[i].parent)
      need(b, model[i], model[m->entities[i].parent->index]);
}

/* Sign-in, after the principal's model; -1 when the spec has none. */
static int auth_task(B *b, int infra, const int *model) {
  Arena *a = b->a;
  Plan *p = b->p;
  const Model *m = p->model;
  if (!m->auth)
    return -1;
  Str basis;
  double base = fig(p, "effort", "auth", 3);
  const Option *meth = feature_opt(m->auth, "method");
  if (meth && (str_eqc(meth->args[0].text, "oauth") || str_eqc(meth->args[0].text, "oidc")))
    base += fig(p, "effort", "auth-oauth", 1.5);
  if (feature_has(m->auth, "mfa"))
    base += fig(p, "effort", "auth-mfa", 1);
  double d = estimate(b, base, NULL, m->auth, &basis);
  const Tech *idp = plan_tech(p, "auth");
  int auth = add_task(b, S("auth"),
                      str_printf(a, "Sign-in with %s%s%.*s", meth ? str_dupz(a, meth->args[0].text) : "the chosen method",
                                 idp ? " via " : "", idp ? (int)idp->name.n : 0, idp ? idp->name.p : ""),
                      0, d, basis, m->auth->span);
  need(b, auth, infra);
  if (m->principal)
    need(b, auth, model[m->principal->index]);
  return auth;
}

/* One feature's task: its name, id, base effort and phase. An integration
 * is work on an outside service, so it clears *e (no entity to size by). */
static double feature_work(B *b, const Feature *f, const Entity **e, Str *name, Str *id, int *phase) {
  Arena *a = b->a;
  Plan *p = b->p;
  double base;
  if (f->kind == FK_INTEGRATION) {
    const Option *k = feature_opt(f, "kind");
    bool pay = k && str_eqc(k->args[0].text, "payments");
    base = fig(p, "effort", pay ? "integration-payments" : "integration", 2);
    if (feature_has(f, "webhooks"))
      base += fig(p, "effort", "webhooks", 1);
    *name = str_printf(a, "Integration with %.*s%s%.*s%s", STRF(f->name), k ? " (" : "", k ? (int)k->args[0].text.n : 0,
                       k ? k->args[0].text.p : "", k ? ")" : "");
    *id = lower_name(a, "integration", f->name);
    *phase = 1;
    *e = NULL;
  } else {
    base = fig(p, "effort", kind_effort[f->kind], 2);
    Str what = *e ? (*e)->name : f->name;
    if (f->kind == FK_REPORT)
      *name = str_printf(a, "Report %.*s (%.*s)", STRF(f->name), STRF(f->period));
    else if (f->kind == FK_NOTIFY)
      *name = str_printf(a, "Notifications by %.*s on %.*s", STRF(f->name), STRF(what));
    else
      *name = str_printf(a, "%s %.*s", kind_title[f->kind], STRF(what));
    *id = str_printf(a, "%s-%.*s", feature_specs[f->kind].name, STRF(what));
    *phase = feature_phase(f->kind);
  }
  return base;
}

/* An archetype's components of feature f: one task each, after the
 * feature's own task t (never cut). */
static void component_tasks(B *b, const Feature *f, const Entity *e, Str id, int phase, int t) {
  Arena *a = b->a;
  Plan *p = b->p;
  Str basis;
  for (int k = 0; k < p->ncomponents; k++) {
    const Component *cp = &p->components[k];
    if (cp->feature != f)
      continue;
    double cd = estimate(b, fig(p, "effort", "component", 2), NULL, f, &basis);
    int ct = add_task(b, str_printf(a, "%.*s-%d", STRF(id), k),
                      str_printf(a, "%.*s for %.*s: %.*s", STRF(cp->name), STRF(e ? e->name : f->name), STRF(cp->sized_by)),
                      phase, cd, basis, f->span);
    b->r->tasks[b->r->ntasks - 1].cuttable = false;
    need(b, ct, t);
  }
}

/* The features (into feat[]), crud first so that the others can follow
 * their entity's crud; each after its entity's model, and after sign-in
 * when owner-only or role-gated. */
static void feature_tasks(B *b, int infra, int auth, const int *model, int *crud, int *feat) {
  const Model *m = b->p->model;
  Roadmap *r = b->r;
  Str basis;
  for (int pass = 0; pass < 2; pass++)
    for (int i = 0; i < m->nfeatures; i++) {
      const Feature *f = &m->features[i];
      if (f->kind == FK_AUTH || (pass == 0) != (f->kind == FK_CRUD))
        continue;
      const Entity *e = f->entity ? f->entity : f->field ? f->field->entity : NULL;
      Str name, id;
      int phase;
      double base = feature_work(b, f, &e, &name, &id, &phase);
      double d = estimate(b, base, e, f, &basis);
      int t = add_task(b, id, name, phase, d, basis, f->span);
      r->tasks[r->ntasks - 1].cuttable = phase == 1 && f->kind != FK_INTEGRATION;
      feat[i] = t;
      need(b, t, infra);
      component_tasks(b, f, e, id, phase, t);
      if (e) {
        need(b, t, model[e->index]);
        if (f->kind == FK_CRUD && crud[e->index] < 0)
          crud[e->index] = t;
        else if (crud[e->index] >= 0)
          need(b, t, crud[e->index]);
      }
      if (auth >= 0 && (feature_has(f, "owner-only") || feature_opt(f, "roles")))
        need(b, t, auth);
    }
}

/* Cross-cutting work and the release: observability, hardening, the load
 * test and the docs after the features, then the launch after those. */
static void release_tasks(B *b, int infra, int auth, const int *feat) {
  Arena *a = b->a;
  Plan *p = b->p;
  const Model *m = p->model;
  const Project *pr = &m->project;
  Str basis;
  double d = estimate(b, fig(p, "effort", "observability", 2), NULL, NULL, &basis);
  const Tech *obs = plan_tech(p, "observability");
  int observ = add_task(b, S("observability"),
                        str_printf(a, "Metrics, logs and alerts in %.*s", obs ? (int)obs->name.n : 14,
                                   obs ? obs->name.p : "observability"),
                        1, d, basis, pr->src.span);
  need(b, observ, infra);
  d = estimate(b, fig(p, "effort", "hardening", 2) + fig(p, "effort", "hardening-compliance", 2) * pr->ncompliance,
               NULL, NULL, &basis);
  if (pr->ncompliance)
    basis = str_printf(a, "%d compliance regime%s; %.*s", pr->ncompliance, pr->ncompliance == 1 ? "" : "s", STRF(basis));
  int harden = add_task(b, S("hardening"),
                        pr->ncompliance ? S("Security hardening and compliance duties") : S("Security hardening"), 2, d,
                        basis, pr->ncompliance ? pr->compliance[0].span : pr->src.span);
  const Tech *lt = plan_tech(p, "loadtest");
  d = estimate(b, fig(p, "effort", "load-test", 2), NULL, NULL, &basis);
  int load = add_task(b, S("load-test"),
                      str_printf(a, "Load test at the design load with %.*s", lt ? (int)lt->name.n : 2, lt ? lt->name.p : "k6"),
                      2, d, basis, pr->src.latency[PCT_P95].set ? pr->src.latency[PCT_P95].span : pr->src.span);
  d = estimate(b, fig(p, "effort", "docs", 1.5), NULL, NULL, &basis);
  int docs = add_task(b, S("docs"), S("API reference, runbooks and handover"), 2, d, basis, pr->src.span);
  d = estimate(b, fig(p, "effort", "launch", 1), NULL, NULL, &basis);
  int launch = add_task(b, S("launch"), S("Production launch"), 2, d, basis,
                        pr->src.deadline.set ? pr->src.deadline.span : pr->src.span);
  need(b, harden, auth);
  need(b, load, observ);
  for (int i = 0; i < m->nfeatures; i++)
    if (m->features[i].kind != FK_AUTH) {
      need(b, harden, feat[i]);
      if (m->features[i].kind != FK_INTEGRATION) {
        need(b, load, feat[i]);
        need(b, docs, feat[i]);
      }
    }
  if (!m->nfeatures || (m->nfeatures == 1 && m->auth)) {
    need(b, harden, infra);
    need(b, docs, infra);
    need(b, load, infra);
  }
  need(b, launch, harden);
  need(b, launch, load);
  need(b, launch, docs);
}

/* Every task, in build order (see the top of this file). */
static void build_tasks(B *b) {
  Arena *a = b->a;
  const Model *m = b->p->model;
  int infra = foundation_tasks(b);
  int *model = new(a, int, m->nentities + 1), *crud = new(a, int, m->nentities + 1);
  model_tasks(b, infra, model, crud);
  int auth = auth_task(b, infra, model);
  int *feat = new(a, int, m->nfeatures + 1);
  feature_tasks(b, infra, auth, model, crud, feat);
  release_tasks(b, infra, auth, feat);
}

/* The roadmap's error when its tasks need each other in a cycle. */
static void cycle_error(Arena *a, Roadmap *r, const Cpm *cpm) {
  Buf e = {0};
  for (int i = 0; i < cpm->ncycle; i++)
    buf_printf(&e, "%s%.*s", i ? " needs " : "", STRF(r->tasks[cpm->cycle[i]].id));
  buf_printf(&e, " needs %.*s", STRF(r->tasks[cpm->cycle[0]].id));
  r->error = str_printf(a, "the roadmap's tasks need each other in a cycle: %.*s", (int)e.n, e.p);
  buf_free(&e);
}

/* The critical path and the schedule on the team, copied into the tasks;
 * each milestone ends with the last task of its phase or an earlier one. */
static void schedule_tasks(B *b, const GraphAdj *adj, const Cpm *cpm, double eps) {
  Roadmap *r = b->r;
  Schedule s = graph_schedule(b->a, &b->g, adj, cpm, r->devs);
  r->critical = cpm->path;
  r->ncritical = cpm->npath;
  r->critical_days = cpm->length;
  r->duration_days = s.length;
  for (int i = 0; i < r->ntasks; i++) {
    Task *t = &r->tasks[i];
    t->deps = adj->pred + adj->pred_off[i];
    t->ndeps = adj->pred_off[i + 1] - adj->pred_off[i];
    t->start = s.start[i];
    t->finish = s.finish[i];
    t->dev = s.worker[i] + 1;
    t->es = cpm->es[i];
    t->slack = cpm->slack[i];
  }
  for (int i = 0; i < cpm->npath; i++)
    r->tasks[cpm->path[i]].critical = true;
  for (int k = 0; k < 3; k++) {
    r->milestones[k].last = -1;
    for (int i = 0; i < r->ntasks; i++)
      if (r->tasks[i].phase <= k && (r->milestones[k].last < 0 || r->tasks[i].finish > r->milestones[k].day + eps)) {
        r->milestones[k].day = r->tasks[i].finish;
        r->milestones[k].last = i;
      }
  }
}

/* The calendar: from the spec's start date, the day the schedule ends
 * (working days are Monday to Friday) and, with a date deadline, the
 * working days between the two dates. Returns the start as a day number,
 * or -1 without a start date. */
static long calendar(Arena *a, const Project *pr, Roadmap *r, double eps) {
  long start = pr->start_date.n ? date_days(pr->start_date) : -1;
  if (start >= 0) {
    char buf[DATE_BYTES];
    date_format(date_after_working(start, (long)ceil(r->duration_days - eps)), buf);
    r->start_date = pr->start_date;
    r->finish_date = str_printf(a, "%s", buf);
    for (int k = 0; k < 3; k++) {
      date_format(date_after_working(start, (long)ceil(r->milestones[k].day - eps)), buf);
      r->milestones[k].date = str_printf(a, "%s", buf);
    }
    r->deadline_date = pr->deadline_date;
    if (!r->deadline_date.n && pr->deadline > 0) {
      date_format(start + (long)floor(pr->deadline / 86400 + 1e-9), buf);
      r->deadline_date = str_printf(a, "%s", buf);
    }
  }
  return start;
}

/* Cuts beta features, the largest first, until the schedule fits the
 * deadline or max-cuts is reached; sets the cut and its schedule's length. */
static void cut_to_fit(B *b, const GraphAdj *adj, double eps) {
  Arena *a = b->a;
  Roadmap *r = b->r;
  int maxcuts = (int)fig(b->p, "calendar", "max-cuts", 5);
  r->cut = new(a, int, maxcuts > 0 ? maxcuts : 1);
  Graph cg = b->g;
  cg.dur = new(a, double, b->g.n);
  memcpy(cg.dur, b->g.dur, sizeof(double) * (size_t)b->g.n);
  r->cut_duration = r->duration_days;
  /* The work left over the developers bounds the schedule from below:
   * while that bound is over the deadline no reschedule can fit, so
   * the schedule is computed only when it might, and once at the end. */
  double work = 0;
  for (int i = 0; i < r->ntasks; i++)
    work += cg.dur[i];
  bool fresh = true;
  while (r->ncut < maxcuts && r->cut_duration > r->deadline_days + eps) {
    int best = -1;
    for (int i = 0; i < r->ntasks; i++)
      if (r->tasks[i].cuttable && cg.dur[i] > 0 && (best < 0 || cg.dur[i] > cg.dur[best]))
        best = i;
    if (best < 0)
      break;
    work -= cg.dur[best];
    cg.dur[best] = 0;
    r->cut[r->ncut++] = best;
    fresh = work / r->devs <= r->deadline_days + eps;
    if (fresh)
      r->cut_duration = schedule_len(*a, &cg, adj, r->devs);
  }
  if (!fresh)
    r->cut_duration = schedule_len(*a, &cg, adj, r->devs);
}

/* The fewest developers that fit the deadline, up to max-devs (binary
 * search: the schedule's length does not grow with more developers here);
 * leaves devs_needed at 0 when no team size fits. */
static void devs_to_fit(B *b, const GraphAdj *adj, double eps) {
  Roadmap *r = b->r;
  int hi = (int)fig(b->p, "calendar", "max-devs", 64);
  /* No team is faster than the critical path: then there is no search. */
  if (hi > r->devs && r->critical_days <= r->deadline_days + eps &&
      schedule_len(*b->a, &b->g, adj, hi) <= r->deadline_days + eps) {
    int lo = r->devs;   /* known not to fit */
    while (hi - lo > 1) {
      int mid = lo + (hi - lo) / 2;
      if (schedule_len(*b->a, &b->g, adj, mid) <= r->deadline_days + eps)
        hi = mid;
      else
        lo = mid;
    }
    r->devs_needed = hi;
  }
}

/* Over the deadline, what to do: cut the beta scope, unless the critical
 * path alone is longer than the deadline, which no team size shortens;
 * then move the deadline, or cut when that fits. */
static Str deadline_fix(Arena *a, const Roadmap *r, double eps) {
  Str cut = r->ncut ? r->tasks[r->cut[0]].name : S("nothing from the beta scope");
  if (!r->past_critical)
    return str_printf(a, "cut %.*s first", STRF(cut));
  Str s = str_printf(a, "the critical path alone takes %.1f working days, longer than the deadline with any number of "
                        "developers: move the deadline",
                     r->critical_days);
  if (r->ncut && r->cut_duration <= r->deadline_days + eps)
    s = str_printf(a, "%.*s, or cut %.*s first (then %.1f working days)", STRF(s), STRF(cut), r->cut_duration);
  return s;
}

/* The deadline in working days; when the schedule overshoots it, what to
 * cut and how many developers would fit it. A deadline under one working
 * day is still a deadline (0 days), not the absence of one. */
static void meet_deadline(B *b, const GraphAdj *adj, long start, double eps) {
  const Project *pr = &b->p->model->project;
  Roadmap *r = b->r;
  r->has_deadline = true;
  r->deadline_days = floor(pr->deadline / 86400 / 7 * fig(b->p, "calendar", "working-days-per-week", 5) + 1e-9);
  if (start >= 0 && pr->deadline_date.n)
    r->deadline_days = (double)date_working_between(start, date_days(pr->deadline_date));
  if (!(r->deadline_days >= 1))
    r->deadline_days = 0;
  r->deadline_text = r->deadline_days < 1 ? S("less than one working day")
                                          : str_printf(b->a, "%.0f working day%s", r->deadline_days,
                                                       r->deadline_days == 1 ? "" : "s");
  r->past_critical = r->critical_days > r->deadline_days + eps;
  r->on_track = r->duration_days <= r->deadline_days + eps;
  if (r->on_track)
    return;
  r->overshoot_days = r->duration_days - r->deadline_days;
  cut_to_fit(b, adj, eps);
  devs_to_fit(b, adj, eps);
  r->deadline_fix = deadline_fix(b->a, r, eps);
}

void plan_roadmap(Arena *a, Plan *p, int devs) {
  const Model *m = p->model;
  const Project *pr = &m->project;
  Roadmap *r = new(a, Roadmap, 1);
  p->roadmap = r;
  B b = {.a = a, .p = p, .r = r, .g = graph_make()};
  b.idcap = 64;
  while (b.idcap < 2 * (m->nentities + m->nfeatures + 16))
    b.idcap *= 2;
  b.idtab = new(a, Str, b.idcap);
  team_factor(p, r, a);
  build_tasks(&b);

  GraphAdj adj = graph_adj(a, &b.g);
  Cpm cpm;
  r->devs = devs > 0 ? devs : pr->team > 0 ? pr->team : 1;
  if (!graph_cpm(a, &b.g, &adj, &cpm)) {
    cycle_error(a, r, &cpm);
    return;
  }
  double eps = 1e-9 * (1 + cpm.length);
  schedule_tasks(&b, &adj, &cpm, eps);
  criteria(a, p, r);
  start_today(a, p, r);
  long start = calendar(a, pr, r, eps);
  if (pr->deadline > 0)
    meet_deadline(&b, &adj, start, eps);
}
