/* Documents' facts: the system as SPEC.md, ARCHITECTURE.md, BACKEND-PLAN.md
 * and DESIGN.md describe it, derived once from the model and the choices.
 *
 *   parts     people, devices, the API, workers and every chosen service,
 *             each with its technology, duties, interface, failure handling
 *             and the parts it calls (the C4 and deployment diagrams)
 *   modules   the API's components: auth, one per entity with features,
 *             background jobs and one adapter per integration
 *   flows     authentication, then the main flow of each feature, as steps
 *             between parts (the sequence diagrams; flows.c)
 *   cache     per cached entity: key patterns, TTL, invalidation per write
 *   integrations, alerts and the policies (docpolicy.c): how each
 *             external call is protected, the alert thresholds, and the
 *             policy figures quoted (kb/planning.kb `figures documents`)
 *             and sentences (kb/documents.kb)
 *
 * The flows' steps are flows.c's, made when a document draws them. Every
 * pass is linear in entities and features: modules index entities by their
 * position, flows are built feature by feature. */
#include <stdio.h>
#include <string.h>

#include "../util/esc.h"
#include "alerts.h"
#include "docint.h"
#include "explain.h"

Str tech_text(const Tech *t, const char *key) {
  if (!t || !t->rec)
    return (Str){0};
  for (int i = 0; i < t->rec->nitems; i++) {
    const KbItem *it = &t->rec->items[i];
    if (str_eqc(it->key, key) && it->nvals)
      return it->vals[0].text;
  }
  return (Str){0};
}

typedef DocCtx Ctx;

static Str tech_label(Arena *a, const Tech *t) {
  Str v = tech_text(t, "version");
  return v.n ? str_printf(a, "%.*s %.*s", STRF(t->name), STRF(v)) : t->name;
}

/* Part `id`'s sentence in kb/documents.kb's `text part-WHAT` record: what it
 * does (purpose), what it offers its callers (interface), how its failures
 * are handled (failure); "" when the record has none. */
static Str part_says(const Ctx *c, const char *what, const char *id) {
  Str s = doc_text(c->p, what, str_c(id));
  return s.n ? s : S("");
}

static int add_part(Ctx *c, const char *id, Str name, PartKind kind, const Choice *ch, Str purpose, Str iface,
                    Str errors) {
  Part *pt = push(c->a, c->d->parts, c->d->nparts, c->cap_parts);
  pt->id = str_c(id);
  pt->name = name;
  pt->kind = kind;
  pt->choice = ch;
  pt->tech = ch ? tech_label(c->a, ch->tech) : (Str){0};
  pt->purpose = purpose;
  pt->iface = iface;
  pt->errors = errors;
  return c->d->nparts - 1;
}

/* A part described by the knowledge base's sentences for its id. */
static int kb_part(Ctx *c, const char *id, Str name, PartKind kind, const Choice *ch, const char *failure) {
  return add_part(c, id, name, kind, ch, part_says(c, "part-purpose", id), part_says(c, "part-interface", id),
                  part_says(c, "part-failure", failure));
}

/* The part of a chosen slot, or -1 when nothing was chosen for it. */
static int slot_part(Ctx *c, const char *slot, const char *id, const char *name, PartKind kind) {
  const Choice *ch = plan_choice(c->p, slot);
  if (!ch)
    return -1;
  return kb_part(c, id, str_c(name), kind, ch, id);
}

static void duty(Ctx *c, int part, Str text) {
  if (part < 0)
    return;
  Part *pt = &c->d->parts[part];
  *push(c->a, pt->duties, pt->nduties, c->dcap[part]) = text;
}

static void dep(Ctx *c, int from, int to, const char *what, const char *how) {
  if (from < 0 || to < 0 || from == to)
    return;
  Part *pt = &c->d->parts[from];
  *push(c->a, pt->deps, pt->ndeps, c->depcap[from]) = (PartDep){to, str_c(what), str_c(how)};
}

static void dep_s(Ctx *c, int from, int to, const char *what, Str how) {
  if (from < 0 || to < 0 || from == to)
    return;
  Part *pt = &c->d->parts[from];
  *push(c->a, pt->deps, pt->ndeps, c->depcap[from]) = (PartDep){to, str_c(what), how};
}

/* How the API reaches a store (kb/contracts.kb store-access), by the
 * contract the store takes: part 0 for the container list, 1 for arrows. */
static Str store_access(const Plan *p, const Tech *t, int which) {
  bool dynamo = false;
  for (int i = 0; t && i < t->nskills; i++)
    dynamo |= str_eqc(t->skills[i], "dynamodb");
  Str k = dynamo ? S("dynamodb") : t && !str_eqc(t->family, "relational") && !tech_has(t, CAP_CONSTRAINTS) ? t->family : S("sql");
  const KbRecord *r = kb_record(p->kb, "vocab", S("store-access"));
  for (int i = 0; r && i < r->nitems; i++)
    if (str_eq(r->items[i].key, k) && r->items[i].nvals) {
      Str v = r->items[i].vals[0].text;
      ptrdiff_t bar = 0;
      while (bar < v.n && v.p[bar] != '|')
        bar++;
      return which ? (bar < v.n ? (Str){v.p + bar + 1, v.n - bar - 1} : v) : (Str){v.p, bar};
    }
  return which ? S("TLS") : S("the store's API over TLS");
}


/* The part a chosen slot is drawn as, or -1. */
static int slot_index(const DocFacts *d, Str slot) {
  static const char *const names[] = {"queue", "cache", "realtime", "database", "object-storage", "cdn", "stream"};
  int v[] = {d->queue, d->cache, d->realtime, d->db, d->objects, d->cdn, d->stream};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (str_eqc(slot, names[i]))
      return v[i];
  return -1;
}

/* ---- parts ---- */

/* The people and devices that use the system, then its edge: the CDN and
 * a gateway when it is not the compute itself. */
static void front_parts(Ctx *c) {
  const Plan *p = c->p;
  const Model *m = p->model;
  DocFacts *d = c->d;
  Str who = m->principal ? m->principal->name : S("User");
  d->user = kb_part(c, "user", who, PART_PERSON, NULL, "user");
  bool devices = doc_has_kind(m, FK_INGEST);
  c->device = devices ? kb_part(c, "device", S("Device"), PART_DEVICE, NULL, "device") : -1;
  d->cdn = slot_part(c, "cdn", "cdn", "CDN", PART_CONTAINER);
  const Choice *gw = plan_choice(p, "gateway"), *cmp = plan_choice(p, "compute");
  d->gateway = -1;
  if (gw && (!cmp || gw->tech != cmp->tech))
    d->gateway = kb_part(c, "gateway", S("Gateway"), PART_CONTAINER, gw, "gateway");
}

/* The worker's purpose: the background jobs the features give it. */
static Str worker_purpose(Ctx *c) {
  const Model *m = c->p->model;
  Buf wp = {0};
  buf_printf(&wp, "%.*s:", STRF(part_says(c, "part-purpose", "worker")));
  static const struct { FeatureKind k; const char *what; } wk[] = {
    {FK_NOTIFY, "notifications"}, {FK_REPORT, "reports"}, {FK_INGEST, "ingested batches"}, {FK_SEARCH, "index updates"}};
  int nwk = 0;
  for (size_t i = 0; i < sizeof wk / sizeof *wk; i++)
    if (doc_has_kind(m, wk[i].k))
      buf_printf(&wp, "%s %s", nwk++ ? "," : "", wk[i].what);
  if (!nwk)
    buf_puts(&wp, " queued jobs");
  Str out = str_c(str_dupz(c->a, buf_view(&wp)));
  buf_free(&wp);
  return out;
}

/* The code the team writes: the API on the chosen compute, and a worker
 * when there are background jobs; both run the chosen framework. */
static void app_parts(Ctx *c) {
  const Plan *p = c->p;
  const Model *m = p->model;
  DocFacts *d = c->d;
  const Choice *cmp = plan_choice(p, "compute");
  const Choice *fw = plan_choice(p, "framework"), *lang = plan_choice(p, "language");
  d->api = kb_part(c, "api", S("API"), PART_CONTAINER, cmp, "api");
  if (fw && lang)
    d->parts[d->api].tech = str_printf(c->a, "%.*s (%.*s) on %.*s", STRF(tech_label(c->a, fw->tech)),
                                       STRF(tech_label(c->a, lang->tech)), STRF(cmp ? cmp->tech->name : S("servers")));
  bool jobs = doc_has_kind(m, FK_NOTIFY) || doc_has_kind(m, FK_REPORT) || doc_has_kind(m, FK_INGEST) ||
              plan_choice(p, "queue") || plan_choice(p, "stream");
  Str wp = worker_purpose(c);
  d->worker = jobs ? add_part(c, "worker", S("Worker"), PART_CONTAINER, cmp, wp, part_says(c, "part-interface", "worker"),
                              part_says(c, "part-failure", "worker"))
                   : -1;
  if (d->worker >= 0)
    d->parts[d->worker].tech = d->parts[d->api].tech;
}

/* One part per chosen service: identity, stores, queues, realtime,
 * messaging and observability. */
static void service_parts(Ctx *c) {
  const Plan *p = c->p;
  DocFacts *d = c->d;
  d->idp = slot_part(c, "auth", "idp", "Identity provider", PART_EXTERNAL);
  d->db = slot_part(c, "database", "db", "Database", PART_STORE);
  if (d->db >= 0) {
    d->parts[d->db].iface = store_access(p, plan_tech(p, "database"), 0);
    d->parts[d->db].errors = part_says(c, "part-failure", p->api.db_form == FORM_SQL ? "db" : "db-nosql");
  }
  d->events = p->classes[DC_EVENTS].nentities && str_eqc(p->classes[DC_EVENTS].slot, "events")
                  ? slot_part(c, "events", "events", "Events store", PART_STORE)
                  : -1;
  if (d->events >= 0)
    d->parts[d->events].iface = store_access(p, plan_tech(p, "events"), 0);
  d->cache = slot_part(c, "cache", "cache", "Cache", PART_STORE);
  d->search = slot_part(c, "search", "search", "Search engine", PART_STORE);
  d->analytics = slot_part(c, "analytics", "analytics", "Analytics store", PART_STORE);
  d->objects = slot_part(c, "object-storage", "objects", "Object storage", PART_STORE);
  d->queue = slot_part(c, "queue", "queue", "Queue", PART_QUEUE);
  d->stream = slot_part(c, "stream", "stream", "Event stream", PART_QUEUE);
  d->realtime = slot_part(c, "realtime", "realtime", "Realtime hub", PART_CONTAINER);
  c->email = slot_part(c, "email", "email", "Email provider", PART_EXTERNAL);
  c->sms = slot_part(c, "sms", "sms", "SMS provider", PART_EXTERNAL);
  c->push = slot_part(c, "push", "push", "Push service", PART_EXTERNAL);
  d->obs = slot_part(c, "observability", "obs", "Observability", PART_EXTERNAL);
}

/* Archetype components (archetype.c): a part each, on its slot's choice. */
static void component_parts(Ctx *c) {
  const Plan *p = c->p;
  const Choice *cmp = plan_choice(p, "compute");
  c->comp_part = new(c->a, int, p->ncomponents + 1);
  for (int i = 0; i < p->ncomponents; i++) {
    const Component *k = &p->components[i];
    Buf id = {0};
    buf_printf(&id, "cmp%d_", i);
    esc_mermaid_id(&id, k->name);
    bool store = str_eqc(k->kind, "store");
    const Choice *ch = k->slot.n ? plan_choice(p, str_dupz(c->a, k->slot)) : NULL;
    c->comp_part[i] = add_part(c, str_dupz(c->a, buf_view(&id)), k->name,
                               store ? PART_STORE : str_eqc(k->kind, "queue") ? PART_QUEUE : PART_CONTAINER,
                               store || str_eqc(k->kind, "queue") ? ch : cmp, str_c(str_dupz(c->a, k->purpose)),
                               str_eqc(k->kind, "edge") ? S("HTTPS") : S("internal calls"),
                               str_c(str_dupz(c->a, str_printf(c->a, "sized for %.*s", STRF(k->sized_by)))));
    buf_free(&id);
  }
}

/* Integrations the spec names: an external part each, and the first part
 * of each integration kind. Deps are added once every part exists. */
static void integration_parts(Ctx *c) {
  const Model *m = c->p->model;
  c->feature_part = new(c->a, int, m->nfeatures);
  for (int i = 0; i < m->nfeatures; i++)
    c->feature_part[i] = -1;
  for (int i = 0; i < m->nfeatures; i++) {
    const Feature *f = &m->features[i];
    if (f->kind != FK_INTEGRATION)
      continue;
    Buf id = {0};
    buf_printf(&id, "ext%d_", i);
    esc_mermaid_id(&id, f->name);
    const Option *k = feature_opt(f, "kind");
    int x = add_part(c, str_dupz(c->a, buf_view(&id)), f->name, PART_EXTERNAL, NULL,
                     str_c(str_dupz(c->a, str_printf(c->a, "%.*s provider", STRF(k ? k->args[0].text : S("external"))))),
                     part_says(c, "part-interface", "integration"), part_says(c, "part-failure", "integration"));
    buf_free(&id);
    c->feature_part[i] = x;
    Str kw = k ? k->args[0].text : S("other");
    if (docfacts_provider_of_kind(c, kw) < 0 && c->nkinds < 16) {
      c->kinds[c->nkinds] = kw;
      c->kind_part[c->nkinds++] = x;
    }
  }
}

/* Who calls whom: integrations and their webhooks, components, then every
 * fixed path between the parts (dep skips a part that is absent). */
static void part_deps(Ctx *c) {
  const Plan *p = c->p;
  const Model *m = p->model;
  DocFacts *d = c->d;
  for (int i = 0; i < m->nfeatures; i++) {
    int x = c->feature_part[i];
    if (x < 0)
      continue;
    dep(c, d->api, x, "calls", "HTTPS");
    if (feature_has(&m->features[i], "webhooks"))
      dep(c, x, d->gateway >= 0 ? d->gateway : d->api, "sends signed webhooks", "HTTPS");
  }
  int front = d->gateway >= 0 ? d->gateway : d->api;
  for (int i = 0; i < p->ncomponents; i++) {
    const Component *k = &p->components[i];
    int x = c->comp_part[i];
    int on = slot_index(d, k->slot);
    if (str_eqc(k->kind, "edge") || str_eqc(k->slot, "realtime"))
      dep(c, d->user, x, "connects", str_eqc(k->slot, "realtime") ? "WebSocket" : "HTTPS");
    else
      dep(c, d->api, x, "calls", "internal");
    if (!str_eqc(k->kind, "store") && !str_eqc(k->kind, "queue"))
      dep(c, x, on, "runs on", "TLS");
  }
  dep(c, d->user, d->idp, "signs in", "HTTPS");
  dep(c, d->user, front, "calls the API", "HTTPS/JSON");
  dep(c, d->user, d->cdn, "downloads files", "HTTPS");
  dep(c, d->user, d->realtime, "subscribes to live updates", "WebSocket");
  dep(c, c->device, front, "posts batches of readings", "HTTPS/JSON");
  dep(c, d->cdn, d->objects, "reads files on a miss", "HTTPS");
  dep(c, d->gateway, d->api, "forwards requests", "HTTP");
  if (str_eqc(doc_auth_method(c->p->model), "session"))
    dep(c, d->api, d->idp, "checks credentials at sign-in", "HTTPS");
  else
    dep(c, d->api, d->idp, "verifies tokens with its keys", "HTTPS (JWKS)");
  dep(c, d->api, d->cache, "reads through, invalidates on write", "TLS");
  dep_s(c, d->api, d->db, "reads and writes rows", store_access(c->p, plan_tech(c->p, "database"), 1));
  dep_s(c, d->api, d->events, "reads and appends rows", store_access(c->p, plan_tech(c->p, "events"), 1));
  dep(c, d->api, d->search, "queries the index", "HTTPS");
  dep(c, d->api, d->objects, "presigns uploads and downloads", "HTTPS");
  dep(c, d->api, d->queue, "enqueues jobs", "TLS");
  /* the stream carries ingested rows, else a log the API appends to (an
   * exchange's journal of orders) */
  dep(c, d->api, d->stream, c->p->load.ingest_rows_per_s > 0 ? "appends ingested batches" : "appends to the log in order",
      "TLS");
  dep(c, d->api, d->realtime, "publishes changes", "HTTPS");
  dep(c, d->worker, d->queue, "consumes jobs", "TLS");
  dep(c, d->worker, d->stream, "consumes batches", "TLS");
  dep_s(c, d->worker, d->db, "reads and writes rows", store_access(c->p, plan_tech(c->p, "database"), 1));
  dep_s(c, d->worker, d->events, "appends rows", store_access(c->p, plan_tech(c->p, "events"), 1));
  dep(c, d->worker, d->search, "updates the index", "HTTPS");
  dep(c, d->worker, d->analytics, "copies history nightly and runs reports", "SQL over HTTPS");
  dep(c, d->worker, d->realtime, "publishes updates", "HTTPS");
  dep(c, d->worker, c->email, "sends email", "HTTPS");
  dep(c, d->worker, c->sms, "sends SMS", "HTTPS");
  dep(c, d->worker, c->push, "sends push notifications", "HTTPS");
  dep(c, d->api, d->obs, "exports telemetry", "OTLP/HTTPS");
  dep(c, d->worker, d->obs, "exports telemetry", "OTLP/HTTPS");
}

/* Duties from the features, on the part that carries each. */
static void feature_duties(Ctx *c) {
  const Model *m = c->p->model;
  DocFacts *d = c->d;
  for (int i = 0; i < m->nfeatures; i++) {
    const Feature *f = &m->features[i];
    Str en = f->entity ? f->entity->name : (Str){0};
    switch (f->kind) {
    case FK_AUTH: duty(c, d->api, str_printf(c->a, "authenticates every request (%.*s)", STRF(doc_auth_method(m)))); break;
    case FK_CRUD: duty(c, d->api, str_printf(c->a, "creates, reads, updates and deletes %.*s", STRF(en))); break;
    case FK_SEARCH: duty(c, d->search >= 0 ? d->search : d->db, str_printf(c->a, "searches %.*s", STRF(en))); break;
    case FK_UPLOAD: duty(c, d->objects, str_printf(c->a, "stores %.*s.%.*s files", STRF(en), STRF(f->field->name))); break;
    case FK_NOTIFY:
      duty(c, d->worker, str_printf(c->a, "sends %.*s notifications about %.*s", STRF(f->name), STRF(en)));
      break;
    case FK_REALTIME: duty(c, d->realtime, str_printf(c->a, "delivers new %.*s rows live", STRF(en))); break;
    case FK_HISTORY: duty(c, d->api, str_printf(c->a, "pages through %.*s history", STRF(en))); break;
    case FK_INGEST: duty(c, d->worker, str_printf(c->a, "writes ingested %.*s batches", STRF(en))); break;
    case FK_QUERY: duty(c, docfacts_store_part(c, f->entity), str_printf(c->a, "answers time-window queries over %.*s", STRF(en))); break;
    case FK_REPORT:
      duty(c, d->worker, str_printf(c->a, "builds the %.*s %.*s report", STRF(f->period), STRF(f->name)));
      if (d->analytics >= 0)
        duty(c, d->analytics, str_printf(c->a, "answers the %.*s report's scans", STRF(f->name)));
      break;
    case FK_DASHBOARD: duty(c, d->realtime >= 0 ? d->realtime : d->api, str_printf(c->a, "feeds the %.*s dashboard", STRF(en))); break;
    case FK_INTEGRATION: break;
    case FK_COUNT_: break;
    default: break;   /* archetypes: their components carry the duties */
    }
  }
}


static void build_parts(Ctx *c) {
  front_parts(c);
  app_parts(c);
  service_parts(c);
  component_parts(c);
  integration_parts(c);
  c->dcap = new(c->a, int, c->d->nparts);
  c->depcap = new(c->a, int, c->d->nparts);
  part_deps(c);
  feature_duties(c);
}

/* ---- modules ---- */

static void build_modules(Ctx *c) {
  const Model *m = c->p->model;
  DocFacts *d = c->d;
  if (m->auth) {
    Module *mo = push(c->a, d->modules, d->nmodules, c->cap_mods);
    *mo = (Module){S("mod_auth"), S("Auth"), NULL,
                   str_printf(c->a, "%.*s sign-in, %s checks, roles", STRF(doc_auth_method(m)),
                              str_eqc(doc_auth_method(m), "session") ? "session" : "token"),
                   NULL, 0};
  }
  /* One module per entity with features, in entity order; each entity's
   * feature kinds are collected from the entity's own list. */
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    int nf = 0;
    for (int k = 0; k < e->nfeatures; k++)
      nf += e->features[k]->kind != FK_INTEGRATION;
    if (!nf)
      continue;
    Buf id = {0}, du = {0};
    buf_printf(&id, "mod%d_", i);
    esc_mermaid_id(&id, e->name);
    bool seen[FK_COUNT_] = {0};
    for (int k = 0; k < e->nfeatures; k++) {
      FeatureKind fk = e->features[k]->kind;
      if (seen[fk])
        continue;
      seen[fk] = true;
      buf_printf(&du, "%s%s", du.n ? ", " : "", feature_specs[fk].name);
    }
    Module *mo = push(c->a, d->modules, d->nmodules, c->cap_mods);
    mo->id = str_c(str_dupz(c->a, buf_view(&id)));
    mo->name = e->name;
    mo->entity = e;
    mo->duties = str_c(str_dupz(c->a, buf_view(&du)));
    buf_free(&id);
    buf_free(&du);
    int uses[8], nu = 0;
    uses[nu++] = d->db;
    if (d->cache >= 0)
      for (int k = 0; k < e->nfeatures; k++)
        if (e->features[k]->kind == FK_CRUD && feature_opt(e->features[k], "cache")) {
          uses[nu++] = d->cache;
          break;
        }
    if (seen[FK_SEARCH] && d->search >= 0)
      uses[nu++] = d->search;
    if (seen[FK_UPLOAD] && d->objects >= 0)
      uses[nu++] = d->objects;
    if ((seen[FK_NOTIFY] || seen[FK_REPORT]) && d->queue >= 0)
      uses[nu++] = d->queue;
    if (seen[FK_INGEST] && (d->stream >= 0 || d->queue >= 0))
      uses[nu++] = d->stream >= 0 ? d->stream : d->queue;
    if ((seen[FK_REALTIME] || seen[FK_DASHBOARD]) && d->realtime >= 0)
      uses[nu++] = d->realtime;
    mo->uses = new(c->a, int, nu);
    for (int k = 0; k < nu; k++)
      if (uses[k] >= 0)
        mo->uses[mo->nuses++] = uses[k];
  }
  if (d->worker >= 0) {
    Module *mo = push(c->a, d->modules, d->nmodules, c->cap_mods);
    *mo = (Module){S("mod_jobs"), S("Jobs"), NULL, part_says(c, "module-duties", "jobs"), NULL, 0};
  }
}

/* ---- cache ---- */

static void build_cache(Ctx *c) {
  const Plan *p = c->p;
  const Model *m = p->model;
  DocFacts *d = c->d;
  c->entity_cache = new(c->a, int, m->nentities);
  for (int i = 0; i < m->nentities; i++)
    c->entity_cache[i] = -1;
  if (d->cache < 0)
    return;
  bool any_given = false;
  for (int i = 0; i < m->nfeatures; i++)
    any_given |= m->features[i].kind == FK_CRUD && feature_opt(&m->features[i], "cache");
  Buf slug = {0};
  for (ptrdiff_t i = 0; i < m->project.name.n; i++) {
    char ch = m->project.name.p[i];
    if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
      buf_putc(&slug, (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch));
  }
  if (!slug.n)
    buf_puts(&slug, "app");
  Str sl = str_c(str_dupz(c->a, buf_view(&slug)));
  buf_free(&slug);
  for (int i = 0; i < m->nfeatures; i++) {
    const Feature *f = &m->features[i];
    const Option *o = f->kind == FK_CRUD ? feature_opt(f, "cache") : NULL;
    /* Without a `cache` option anywhere, shared (not owner-only) rows are
     * cached: per-user rows see little reuse between readers. */
    if (f->kind != FK_CRUD || (any_given ? !o : feature_has(f, "owner-only")) || c->entity_cache[f->entity->index] >= 0)
      continue;
    c->entity_cache[f->entity->index] = d->ncache;
    CacheEntry *ce = push(c->a, d->cache_entries, d->ncache, c->cap_cache);
    ce->entity = f->entity;
    ce->ttl_given = o != NULL;
    ce->ttl = o ? o->args[0].num : FIG(p, "cache-ttl-default", 60);
    Buf n = {0};
    esc_mermaid_id(&n, f->entity->name);
    Str en = buf_view(&n);
    ce->item_key = str_printf(c->a, "%.*s:v1:%.*s:{id}", STRF(sl), STRF(en));
    ce->list_key = str_printf(c->a, "%.*s:v1:%.*s:list:{version}:{query-hash}", STRF(sl), STRF(en));
    bool fed = false;   /* a feed's lists are per-user timelines: no shared version to bump on every post */
    for (int k = 0; k < f->entity->nfeatures; k++)
      fed |= f->entity->features[k]->kind == FK_FEED;
    if (fed) {
      ce->list_key = str_printf(c->a, "%.*s:v1:timeline:{userId}", STRF(sl));
      ce->invalidate = str_printf(c->a, "create: the fan-out service pushes the id onto each follower's timeline (no shared list "
                                        "version, so one post empties no cache); update and delete: DEL %.*s:v1:%.*s:{id}",
                                  STRF(sl), STRF(en));
      buf_free(&n);
      continue;
    }
    ce->invalidate = str_printf(c->a,
                                "create: INCR %.*s:v1:%.*s:version; update and delete: DEL the item key and INCR the version, "
                                "in the same request after the commit",
                                STRF(sl), STRF(en));
    buf_free(&n);
  }
}

void plan_docfacts(Arena *a, Plan *p) {
  DocFacts *d = new(a, DocFacts, 1);
  p->docs = d;
  Ctx *c = new(a, Ctx, 1);
  *c = (Ctx){.a = a, .p = p, .d = d};
  d->ctx = c;
  build_parts(c);
  build_modules(c);
  build_cache(c);
  docfacts_flows(c);
  docfacts_integrations(a, p, d);
  docfacts_alerts(a, p, d);
  const Option *r = p->model->auth ? feature_opt(p->model->auth, "roles") : NULL;
  if (r) {
    d->roles = new(a, Str, r->nargs);
    for (int i = 0; i < r->nargs; i++)
      d->roles[d->nroles++] = r->args[i].text;
  }
  for (int i = 0; i < p->model->nentities; i++)
    for (int j = 0; j < p->model->entities[i].nfields; j++) {
      int t = p->model->entities[i].fields[j].tags;
      d->npii += (t & TAG_PII) != 0;
      d->nphi += (t & TAG_PHI) != 0;
      d->npci += (t & TAG_PCI) != 0;
      d->nsecret += (t & TAG_SECRET) != 0 || p->model->entities[i].fields[j].type == FT_SECRET;
    }
  d->coverage = FIG(p, "coverage-lines", 0.8);
  d->backup_days = FIG(p, "pitr-days", 7);
  d->snapshot_days = FIG(p, "snapshot-days", 30);
  d->rpo = FIG(p, "rpo", 300);
  d->rto = FIG(p, "rto", 3600);
  d->canary_share = FIG(p, "canary-share", 0.1);
  d->canary_minutes = FIG(p, "canary-time", 900) / 60;
  d->rate_limit_user = p->api.rate_per_min;
  d->secret_rotation_days = FIG(p, "secret-rotation-days", 90);
  docfacts_policy(a, p, d, docfacts_comp_part(c, "Receipt tracker") >= 0);
}
