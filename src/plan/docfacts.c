/* Documents' facts: the system as SPEC.md, ARCHITECTURE.md, BACKEND-PLAN.md
 * and DESIGN.md describe it, derived once from the model and the choices.
 *
 *   parts     people, devices, the API, workers and every chosen service,
 *             each with its technology, duties, interface, failure handling
 *             and the parts it calls (the C4 and deployment diagrams)
 *   modules   the API's components: auth, one per entity with features,
 *             background jobs and one adapter per integration
 *   flows     authentication, then the main flow of each feature, as steps
 *             between parts (the sequence diagrams)
 *   cache     per cached entity: key patterns, TTL, invalidation per write
 *   integrations, alerts and the policies (docpolicy.c): how each
 *             external call is protected, the alert thresholds, and the
 *             policy figures quoted (kb/planning.kb `figures documents`)
 *             and sentences (kb/documents.kb)
 *
 * Every pass is linear in entities and features: modules index entities by
 * their position, flows are built feature by feature. */
#include <stdio.h>
#include <string.h>

#include "../util/esc.h"
#include "alerts.h"
#include "core.h"
#include "docfacts.h"
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

typedef struct {
  Arena *a;
  const Plan *p;
  DocFacts *d;
  int cap_parts, cap_flows, cap_mods, cap_int, cap_flags, cap_alerts, cap_cache;
  int *dcap, *depcap;    /* per part: capacity of duties and deps */
  int *feature_part;     /* per feature: its integration's part, or -1 */
  int *entity_cache;     /* per entity: its cache entry, or -1 */
  int device, email, sms, push;
  int *comp_part;        /* per archetype component: its part */
  Str kinds[16];         /* integration kinds seen, with their first part */
  int kind_part[16], nkinds;
} Ctx;

#define FIG(p, key, dflt) plan_figure((p), "documents", (key), (dflt))

static Str tech_label(Arena *a, const Tech *t) {
  Str v = tech_text(t, "version");
  return v.n ? str_printf(a, "%.*s %.*s", STRF(t->name), STRF(v)) : t->name;
}

static int add_part(Ctx *c, const char *id, Str name, PartKind kind, const Choice *ch, const char *purpose,
                    const char *iface, const char *errors) {
  Part *pt = push(c->a, c->d->parts, c->d->nparts, c->cap_parts);
  pt->id = str_c(id);
  pt->name = name;
  pt->kind = kind;
  pt->choice = ch;
  pt->tech = ch ? tech_label(c->a, ch->tech) : (Str){0};
  pt->purpose = str_c(purpose);
  pt->iface = str_c(iface);
  pt->errors = str_c(errors);
  return c->d->nparts - 1;
}

static int slot_part(Ctx *c, const char *slot, const char *id, const char *name, PartKind kind, const char *purpose,
                     const char *iface, const char *errors) {
  const Choice *ch = plan_choice(c->p, slot);
  if (!ch)
    return -1;
  return add_part(c, id, str_c(name), kind, ch, purpose, iface, errors);
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
  Str k = dynamo ? S("dynamodb") : t && !str_eqc(t->family, "relational") && !tech_has(t, "constraints") ? t->family : S("sql");
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



/* The part of the first integration of `kind` (the notify channels are
 * email, sms and push), from the table build_parts fills. */
static int provider_of_kind(Ctx *c, Str kind) {
  for (int i = 0; i < c->nkinds; i++)
    if (str_eq(c->kinds[i], kind))
      return c->kind_part[i];
  return -1;
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

/* ---- the words of a store's own API ---- */

/* The store part an entity's rows are in (NULL: the database's own tables). */
static int store_part(Ctx *c, const Entity *e) {
  if (e && c->d->events >= 0 && str_eqc(c->p->api.ents[e->index].store, "events"))
    return c->d->events;
  return c->d->db;
}

static StoreForm form_e(Ctx *c, const Entity *e) { return e ? c->p->api.ents[e->index].form : c->p->api.db_form; }

/* Whether e's rows are in the events store's own key design. */
static bool ev_keys_e(Ctx *c, const Entity *e) {
  return e && c->p->api.nev_keys && str_eqc(c->p->api.ents[e->index].store, "events");
}

static bool dynamo_e(Ctx *c, const Entity *e) {
  return form_e(c, e) == FORM_KEYS && (ev_keys_e(c, e) ? c->p->api.ev_keys_dynamodb : c->p->api.keys_dynamodb);
}

static bool wide_e(Ctx *c, const Entity *e) {
  return form_e(c, e) == FORM_KEYS &&
         str_eqc(ev_keys_e(c, e) ? c->p->api.ev_keys_family : c->p->api.keys_family, "wide-column");
}

/* A new row of e (named t): "INSERT T in a transaction", "PutItem T ...". */
static Str say_insert(Ctx *c, const Entity *e, Str t, bool tx) {
  switch (form_e(c, e)) {
  case FORM_SQL: return str_printf(c->a, "INSERT %.*s%s", STRF(t), tx ? " in a transaction" : "");
  case FORM_KEYS:
    if (wide_e(c, e))
      return str_printf(c->a, "INSERT %.*s into each of its tables in one logged batch", STRF(t));
    return str_printf(c->a, dynamo_e(c, e) ? "PutItem %.*s with attribute_not_exists(PK)" : "put %.*s if absent", STRF(t));
  case FORM_POINTS: return str_printf(c->a, "write %.*s as a point", STRF(t));
  case FORM_DOCS: return str_printf(c->a, "insertOne %.*s", STRF(t));
  case FORM_GRAPH: return str_printf(c->a, "CREATE (:%.*s)%s", STRF(t), tx ? " in a transaction" : "");
  }
  return t;
}

/* One row of e by id, from the index the key design gives it. */
static Str say_get(Ctx *c, const Entity *e, bool owner) {
  const char *own = owner ? ", then check the owner" : "";
  switch (form_e(c, e)) {
  case FORM_SQL: return str_printf(c->a, "SELECT by primary key%s", owner ? " and owner" : "");
  case FORM_KEYS: {
    Str ix = {0};
    const KeyTable *keys = ev_keys_e(c, e) ? c->p->api.ev_keys : c->p->api.keys;
    int nkeys = ev_keys_e(c, e) ? c->p->api.nev_keys : c->p->api.nkeys;
    for (int i = 0; e && i < nkeys && !ix.n; i++) {
      const KeyTable *t = &keys[i];
      if (t->entity == e && t->npk == 1 && str_eqc(t->pk[0], "id"))
        ix = t->name;
    }
    if (wide_e(c, e))
      return str_printf(c->a, "SELECT from %.*s by id%s", STRF(ix.n ? ix : S("the by-id table")), own);
    if (dynamo_e(c, e))
      return str_eqc(ix, "table") || !ix.n ? str_printf(c->a, "GetItem by id%s", own)
                                           : str_printf(c->a, "Query %.*s by id%s", STRF(ix), own);
    return str_printf(c->a, "get by id%s", own);
  }
  case FORM_POINTS: return str_printf(c->a, "query by id%s", own);
  case FORM_DOCS: return str_printf(c->a, "findOne by _id%s", owner ? " and owner" : "");
  case FORM_GRAPH: return str_printf(c->a, "MATCH the node by id%s", own);
  }
  return S("read by id");
}

/* A change of state of e (named t). */
static Str say_update(Ctx *c, const Entity *e, Str t, const char *what) {
  switch (form_e(c, e)) {
  case FORM_SQL: return str_printf(c->a, "UPDATE %.*s %s", STRF(t), what);
  case FORM_KEYS:
    if (wide_e(c, e))
      return str_printf(c->a, "UPDATE %.*s %s in each of its tables", STRF(t), what);
    return str_printf(c->a, dynamo_e(c, e) ? "UpdateItem %.*s %s" : "update %.*s %s", STRF(t), what);
  case FORM_POINTS: return str_printf(c->a, "write %.*s %s as a new point", STRF(t), what);
  case FORM_DOCS: return str_printf(c->a, "updateOne %.*s %s", STRF(t), what);
  case FORM_GRAPH: return str_printf(c->a, "MATCH (:%.*s) SET %s", STRF(t), what);
  }
  return t;
}

/* ---- parts ---- */

static void build_parts(Ctx *c) {
  const Plan *p = c->p;
  const Model *m = p->model;
  DocFacts *d = c->d;
  Str who = m->principal ? m->principal->name : S("User");
  d->user = add_part(c, "user", who, PART_PERSON, NULL, "uses the product from a browser or a mobile app", "", "");
  bool devices = doc_has_kind(m, FK_INGEST);
  int dev = c->device = devices ? add_part(c, "device", S("Device"), PART_DEVICE, NULL, "reports readings in batches", "", "")
                    : -1;
  d->cdn = slot_part(c, "cdn", "cdn", "CDN", PART_CONTAINER, "serves files and cacheable responses from the edge",
                     "HTTPS at the edge", "falls back to the origin on a miss; origin errors are not cached");
  const Choice *gw = plan_choice(p, "gateway"), *cmp = plan_choice(p, "compute");
  d->gateway = -1;
  if (gw && (!cmp || gw->tech != cmp->tech))
    d->gateway = add_part(c, "gateway", S("Gateway"), PART_CONTAINER, gw,
                          "terminates TLS, applies the per-user rate limit and routes requests to the API",
                          "HTTPS on 443, routes under /v1", "returns 429 with Retry-After over the limit and 502/504 when the API is down");
  const Choice *fw = plan_choice(p, "framework"), *lang = plan_choice(p, "language");
  d->api = add_part(c, "api", S("API"), PART_CONTAINER, cmp,
                    "serves the REST API: validation, authorization, business rules and persistence",
                    "REST over HTTPS with JSON under /v1",
                    "one error body with a stable code; 5xx are logged with the request id and retried by clients only when marked retryable");
  if (fw && lang)
    d->parts[d->api].tech = str_printf(c->a, "%.*s (%.*s) on %.*s", STRF(tech_label(c->a, fw->tech)),
                                       STRF(tech_label(c->a, lang->tech)), STRF(cmp ? cmp->tech->name : S("servers")));
  bool jobs = doc_has_kind(m, FK_NOTIFY) || doc_has_kind(m, FK_REPORT) || doc_has_kind(m, FK_INGEST) ||
              plan_choice(p, "queue") || plan_choice(p, "stream");
  Buf wp = {0};
  buf_puts(&wp, "runs background jobs off the request path:");
  static const struct { FeatureKind k; const char *what; } wk[] = {
    {FK_NOTIFY, "notifications"}, {FK_REPORT, "reports"}, {FK_INGEST, "ingested batches"}, {FK_SEARCH, "index updates"}};
  int nwk = 0;
  for (size_t i = 0; i < sizeof wk / sizeof *wk; i++)
    if (doc_has_kind(m, wk[i].k))
      buf_printf(&wp, "%s %s", nwk++ ? "," : "", wk[i].what);
  if (!nwk)
    buf_puts(&wp, " queued jobs");
  char *wpz = str_dupz(c->a, buf_view(&wp));
  buf_free(&wp);
  d->worker = jobs ? add_part(c, "worker", S("Worker"), PART_CONTAINER, cmp, wpz,
                              "consumes jobs from the queue", "retries with backoff, then moves the job to the dead-letter queue")
                   : -1;
  if (d->worker >= 0)
    d->parts[d->worker].tech = d->parts[d->api].tech;
  d->idp = slot_part(c, "auth", "idp", "Identity provider", PART_EXTERNAL, "signs users in and issues tokens",
                     "OAuth 2.0 / OpenID Connect endpoints and a JWKS", "the API caches the signing keys, so a short outage blocks only new sign-ins");
  d->db = slot_part(c, "database", "db", "Database", PART_STORE, "holds the system of record", "",
                    p->api.db_form == FORM_SQL
                        ? "transactions roll back on error; the pool times out instead of queueing without bound"
                        : "a throttled request is retried with backoff; a failed transaction writes nothing");
  if (d->db >= 0)
    d->parts[d->db].iface = store_access(p, plan_tech(p, "database"), 0);
  d->events = p->classes[DC_EVENTS].nentities && str_eqc(p->classes[DC_EVENTS].slot, "events")
                  ? slot_part(c, "events", "events", "Events store", PART_STORE, "holds the high-volume appended rows", "",
                              "writes are idempotent on the row's key, so a retried batch stores nothing twice")
                  : -1;
  if (d->events >= 0)
    d->parts[d->events].iface = store_access(p, plan_tech(p, "events"), 0);
  d->cache = slot_part(c, "cache", "cache", "Cache", PART_STORE, "keeps hot reads in memory",
                       "key-value protocol over TLS", "a cache error is a miss: the API reads the database and carries on");
  d->search = slot_part(c, "search", "search", "Search engine", PART_STORE, "ranks full-text and faceted queries",
                        "search API over HTTPS", "search degrades to the database's own filtering when the engine is down");
  d->analytics = slot_part(c, "analytics", "analytics", "Analytics store", PART_STORE,
                          "holds the history the reports scan, copied in columns by a nightly batch",
                          "SQL over HTTPS", "a failed nightly copy is retried; reports read the last complete copy");
  d->objects = slot_part(c, "object-storage", "objects", "Object storage", PART_STORE, "stores uploaded files",
                         "presigned HTTPS URLs", "an expired or failed upload leaves the row pending, and a sweep deletes it");
  d->queue = slot_part(c, "queue", "queue", "Queue", PART_QUEUE, "buffers background jobs",
                       "send, receive and acknowledge messages", "unacknowledged messages are redelivered; poison messages go to the dead-letter queue");
  d->stream = slot_part(c, "stream", "stream", "Event stream", PART_QUEUE, "buffers ingested rows in order",
                        "append and consume by partition", "consumers commit offsets after the write, so a crash replays rather than loses");
  d->realtime = slot_part(c, "realtime", "realtime", "Realtime hub", PART_CONTAINER, "fans live updates out to connected clients",
                          "WebSocket subscriptions per channel", "clients reconnect with backoff and fetch what they missed from the API");
  int email = c->email = slot_part(c, "email", "email", "Email provider", PART_EXTERNAL, "delivers email", "HTTPS API",
                        "retried with backoff from the worker; bounces are recorded");
  int sms = c->sms = slot_part(c, "sms", "sms", "SMS provider", PART_EXTERNAL, "delivers text messages", "HTTPS API",
                      "retried with backoff from the worker");
  int pushp = c->push = slot_part(c, "push", "push", "Push service", PART_EXTERNAL, "delivers mobile push notifications", "HTTPS API",
                        "retried with backoff; invalid device tokens are removed");
  d->obs = slot_part(c, "observability", "obs", "Observability", PART_EXTERNAL, "collects metrics, logs and traces and raises alerts",
                     "agent or OTLP export", "telemetry is buffered and dropped before it slows requests");
  /* Archetype components (archetype.c): a part each, on its slot's choice. */
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
                               store || str_eqc(k->kind, "queue") ? ch : cmp, str_dupz(c->a, k->purpose),
                               str_eqc(k->kind, "edge") ? "HTTPS" : "internal calls",
                               str_dupz(c->a, str_printf(c->a, "sized for %.*s", STRF(k->sized_by))));
    buf_free(&id);
  }
  /* Integrations the spec names. Deps are added once every part exists. */
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
                     str_dupz(c->a, str_printf(c->a, "%.*s provider", STRF(k ? k->args[0].text : S("external")))),
                     "HTTPS API", "timeouts, retries with backoff and a circuit breaker (see Integrations)");
    buf_free(&id);
    c->feature_part[i] = x;
    Str kw = k ? k->args[0].text : S("other");
    if (provider_of_kind(c, kw) < 0 && c->nkinds < 16) {
      c->kinds[c->nkinds] = kw;
      c->kind_part[c->nkinds++] = x;
    }
  }
  c->dcap = new(c->a, int, d->nparts);
  c->depcap = new(c->a, int, d->nparts);
  for (int i = 0; i < m->nfeatures; i++) {
    int x = c->feature_part[i];
    if (x < 0)
      continue;
    dep(c, d->api, x, "calls", "HTTPS");
    if (feature_has(&m->features[i], "webhooks"))
      dep(c, x, d->gateway >= 0 ? d->gateway : d->api, "sends signed webhooks", "HTTPS");
  }
  /* Who calls whom. */
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
  dep(c, dev, front, "posts batches of readings", "HTTPS/JSON");
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
  dep(c, d->api, d->stream, "appends ingested batches", "TLS");
  dep(c, d->api, d->realtime, "publishes changes", "HTTPS");
  dep(c, d->worker, d->queue, "consumes jobs", "TLS");
  dep(c, d->worker, d->stream, "consumes batches", "TLS");
  dep_s(c, d->worker, d->db, "reads and writes rows", store_access(c->p, plan_tech(c->p, "database"), 1));
  dep_s(c, d->worker, d->events, "appends rows", store_access(c->p, plan_tech(c->p, "events"), 1));
  dep(c, d->worker, d->search, "updates the index", "HTTPS");
  dep(c, d->worker, d->analytics, "copies history nightly and runs reports", "SQL over HTTPS");
  dep(c, d->worker, d->realtime, "publishes updates", "HTTPS");
  dep(c, d->worker, email, "sends email", "HTTPS");
  dep(c, d->worker, sms, "sends SMS", "HTTPS");
  dep(c, d->worker, pushp, "sends push notifications", "HTTPS");
  dep(c, d->api, d->obs, "exports telemetry", "OTLP/HTTPS");
  dep(c, d->worker, d->obs, "exports telemetry", "OTLP/HTTPS");
  /* Duties from the features. */
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
    case FK_QUERY: duty(c, store_part(c, f->entity), str_printf(c->a, "answers time-window queries over %.*s", STRF(en))); break;
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
    *mo = (Module){S("mod_jobs"), S("Jobs"), NULL, S("background jobs: handlers for queued work, idempotent"), NULL, 0};
  }
}

/* ---- flows ---- */

typedef struct {
  Ctx *c;
  Flow *f;
} FB;

static void participant(FB *b, int part) {
  for (int i = 0; i < b->f->nparts; i++)
    if (b->f->parts[i] == part)
      return;
  int *v = new(b->c->a, int, b->f->nparts + 1);
  if (b->f->nparts)
    memcpy(v, b->f->parts, sizeof *v * (size_t)b->f->nparts);
  v[b->f->nparts++] = part;
  b->f->parts = v;
}

static void step(FB *b, StepKind k, int from, int to, Str text) {
  if ((k == STEP_CALL || k == STEP_REPLY) && (from < 0 || to < 0))
    return;
  if (k == STEP_NOTE && from < 0)
    return;
  if (from >= 0)
    participant(b, from);
  if (to >= 0)
    participant(b, to);
  int cap = b->f->nsteps;   /* exact-size growth per flow; flows are short */
  Step *v = new(b->c->a, Step, cap + 1);
  if (cap)
    memcpy(v, b->f->steps, sizeof *v * (size_t)cap);
  v[b->f->nsteps++] = (Step){k, from, to, text};
  b->f->steps = v;
}

#define CALL(b, x, y, ...) step((b), STEP_CALL, (x), (y), str_printf((b)->c->a, __VA_ARGS__))
#define REPLY(b, x, y, ...) step((b), STEP_REPLY, (x), (y), str_printf((b)->c->a, __VA_ARGS__))
#define NOTE(b, x, ...) step((b), STEP_NOTE, (x), -1, str_printf((b)->c->a, __VA_ARGS__))
#define ALT(b, ...) step((b), STEP_ALT, -1, -1, str_printf((b)->c->a, __VA_ARGS__))
#define ELSE(b, ...) step((b), STEP_ELSE, -1, -1, str_printf((b)->c->a, __VA_ARGS__))
#define END(b) step((b), STEP_END, -1, -1, S("end"))

static FB new_flow(Ctx *c, Str title, const Feature *f) {
  Flow *fl = push(c->a, c->d->flows, c->d->nflows, c->cap_flows);
  fl->title = title;
  fl->feature = f;
  return (FB){c, fl};
}

/* Caller -> gateway -> API, the front half of every API flow. */
static void inbound(FB *b, int who, Str what) {
  DocFacts *d = b->c->d;
  if (d->gateway >= 0) {
    CALL(b, who, d->gateway, "%.*s", STRF(what));
    CALL(b, d->gateway, d->api, "forward (rate limit checked)");
  } else
    CALL(b, who, d->api, "%.*s", STRF(what));
}

static void verify_token(FB *b, const Feature *f) {
  DocFacts *d = b->c->d;
  if (!b->c->p->model->auth)
    return;
  const Option *r = f ? feature_opt(f, "roles") : NULL;
  Str role = S("the role");
  if (r) {
    Buf rb = {0};
    buf_puts(&rb, "role ");
    for (int i = 0; i < r->nargs; i++)
      buf_printf(&rb, "%s%.*s", i ? " or " : "", STRF(r->args[i].text));
    role = str_c(str_dupz(b->c->a, buf_view(&rb)));
    buf_free(&rb);
  }
  if (str_eqc(doc_auth_method(b->c->p->model), "session"))
    NOTE(b, d->api, "look up the session cookie, check %.*s", STRF(role));
  else
    NOTE(b, d->api, "verify the token signature with the cached JWKS, check expiry, audience and %.*s", STRF(role));
}

static void auth_flow(Ctx *c) {
  const Model *m = c->p->model;
  DocFacts *d = c->d;
  Str method = doc_auth_method(m);
  FB b = new_flow(c, str_printf(c->a, "Authentication (%.*s)", STRF(method)), NULL);
  int idp = d->idp >= 0 ? d->idp : d->api;
  int store = d->db;
  if (str_eqc(method, "oauth") || str_eqc(method, "oidc") || str_eqc(method, "saml")) {
    const Option *pr = feature_opt(m->auth, "providers");
    Str prov = pr ? pr->args[0].text : S("the organisation's identity provider");
    CALL(&b, d->user, idp, "authorize request with PKCE code challenge");
    NOTE(&b, idp, "federates to %.*s%s", STRF(prov), pr && pr->nargs > 1 ? " (or another configured provider)" : "");
    REPLY(&b, idp, d->user, "redirect back with an authorization code");
    CALL(&b, d->user, idp, "exchange code and verifier for tokens");
    REPLY(&b, idp, d->user, "ID token, access token (JWT), refresh token");
  } else if (str_eqc(method, "session")) {
    inbound(&b, d->user, S("POST /v1/auth/login with email and password"));
    CALL(&b, d->api, idp, "verify the credentials");
    ALT(&b, "credentials valid");
    REPLY(&b, idp, d->api, "user id and roles");
    CALL(&b, d->api, d->cache >= 0 ? d->cache : store, "store the session with its expiry");
    REPLY(&b, d->api, d->user, "204, Set-Cookie HttpOnly Secure SameSite=Lax");
    ELSE(&b, "invalid or locked");
    REPLY(&b, d->api, d->user, "401 UNAUTHORIZED, same body for unknown user and wrong password");
    END(&b);
    return;
  } else {
    CALL(&b, d->user, idp, "sign in with email and password");
    ALT(&b, "credentials valid");
    REPLY(&b, idp, d->user, "access token (JWT, short-lived) and refresh token");
    ELSE(&b, "invalid");
    REPLY(&b, idp, d->user, "error: invalid credentials, rate limited after repeated failures");
    END(&b);
  }
  inbound(&b, d->user, S("request with Authorization: Bearer token"));
  CALL(&b, d->api, idp, "fetch the JWKS (cached, refreshed on an unknown key id)");
  ALT(&b, "signature, expiry and audience valid");
  REPLY(&b, d->api, d->user, "200 with the resource");
  ELSE(&b, "invalid or expired");
  REPLY(&b, d->api, d->user, "401 UNAUTHORIZED: refresh the token and retry once");
  END(&b);
}

static const CacheEntry *cache_of(const Ctx *c, const Entity *e) {
  int i = e && c->entity_cache ? c->entity_cache[e->index] : -1;
  return i >= 0 ? &c->d->cache_entries[i] : NULL;
}

/* 86400 -> "1 d", 5400 -> "90 min": the largest unit that divides it. */
static char *duration(char *buf, double s) {
  static const struct { double sec; const char *unit; } units[] = {{86400, "d"}, {3600, "h"}, {60, "min"}, {1, "s"}};
  for (size_t i = 0; i < sizeof units / sizeof *units; i++)
    if (s >= units[i].sec && s / units[i].sec == (double)(long long)(s / units[i].sec)) {
      snprintf(buf, 48, "%.0f %s", s / units[i].sec, units[i].unit);
      return buf;
    }
  snprintf(buf, 48, "%.3g s", s);
  return buf;
}

/* The part of the component named `name`, or -1. */
static int comp_part(const Ctx *c, const char *name) {
  for (int i = 0; i < c->p->ncomponents; i++)
    if (str_eqc(c->p->components[i].name, name))
      return c->comp_part[i];
  return -1;
}


/* The main flow of an archetype, through its components. */
static void archetype_flow(FB *b, const Feature *f) {
  Ctx *c = b->c;
  DocFacts *d = c->d;
  Str en = f->entity ? f->entity->name : S("request");
  const Plan *p = c->p;
  switch (f->kind) {
  case FK_FEED: {
    int fan = comp_part(c, "Fan-out service"), tl = comp_part(c, "Timeline store");
    const DesignDecision *dd = doc_design_of(p, f, "feed fan-out");
    inbound(b, d->user, str_printf(c->a, "post a %.*s", STRF(en)));
    CALL(b, d->api, store_part(c, f->entity), "%.*s", STRF(say_insert(c, f->entity, en, false)));
    CALL(b, d->api, d->queue >= 0 ? d->queue : fan, "enqueue the fan-out job");
    REPLY(b, d->api, d->user, "201 Created");
    CALL(b, fan, tl, "push the id onto each follower's timeline, trimmed to its length");
    if (dd)
      NOTE(b, fan, "%.*s", STRF(dd->choice));
    inbound(b, d->user, S("read my timeline"));
    CALL(b, d->api, tl, "read the newest ids");
    CALL(b, d->api, d->db, "fetch the items, merged with recent posts of followed celebrities");
    REPLY(b, d->api, d->user, "200 with one page and the next cursor");
    break;
  }
  case FK_PRESENCE:
  case FK_CHAT: {
    int gw = comp_part(c, "Connection gateway"), pres = comp_part(c, "Presence store");
    int router = comp_part(c, "Message router"), inbox = comp_part(c, "Offline inbox");
    int rec = comp_part(c, "Receipt tracker");
    CALL(b, d->user, gw, "connect with the access token");
    CALL(b, gw, pres, "mark online with a TTL of two heartbeats");
    NOTE(b, gw, "heartbeats refresh the TTL; a missed TTL marks the user offline and tells their contacts");
    if (f->kind == FK_PRESENCE)
      break;
    CALL(b, d->user, gw, "send a %.*s with a client id (idempotent)", STRF(en));
    CALL(b, gw, router, "route to the conversation's members");
    CALL(b, router, d->db, "append to the conversation in order");
    REPLY(b, gw, d->user, "ack: stored");
    ALT(b, "member online");
    CALL(b, router, gw, "deliver to the member's connection");
    ELSE(b, "member offline");
    CALL(b, router, inbox, "park in the member's inbox");
    NOTE(b, router, "push notification; the inbox drains on reconnect");
    END(b);
    if (rec >= 0) {
      CALL(b, d->user, gw, "delivered and read receipts");
      CALL(b, gw, rec, "record the marks");
      REPLY(b, gw, d->user, "receipt to the sender");
    }
    break;
  }
  case FK_NEARBY: {
    int geo = comp_part(c, "Geo index"), match = comp_part(c, "Matcher");
    const DesignDecision *dd = doc_design_of(p, f, "geo index");
    inbound(b, d->user, str_printf(c->a, "report a %.*s location (lat, lng)", STRF(en)));
    CALL(b, d->api, geo, "move the item to its cell");
    REPLY(b, d->api, d->user, "204");
    inbound(b, d->user, str_printf(c->a, "find %.*s near (lat, lng) within the radius", STRF(en)));
    CALL(b, d->api, match, "match the request");
    CALL(b, match, geo, "%.*s", STRF(dd ? dd->choice : S("query the cells around the point")));
    NOTE(b, match, "filter by exact distance, rank by ETA, hold the best until accepted");
    REPLY(b, d->api, d->user, "200 with candidates, distance and ETA");
    break;
  }
  case FK_CRAWL: {
    int fr = comp_part(c, "URL frontier"), fe = comp_part(c, "Fetcher pool");
    int dd = comp_part(c, "Seen-URL and content dedup"), cs = comp_part(c, "Content store and indexer");
    int rs = comp_part(c, "Re-crawl scheduler");
    CALL(b, rs, fr, "re-queue pages whose re-crawl is due");
    CALL(b, fe, fr, "take the next URL whose host's politeness delay has passed");
    NOTE(b, fe, "robots.txt checked (cached per host); fetch with a timeout and a size cap");
    CALL(b, fe, dd, "content fingerprint seen?");
    ALT(b, "new content");
    CALL(b, fe, cs, "store the page and index it");
    CALL(b, fe, dd, "filter the extracted links already seen");
    CALL(b, fe, fr, "enqueue the new links by host");
    ELSE(b, "duplicate or trap (depth, size, repeated path)");
    NOTE(b, fe, "drop it and lower the host's priority");
    END(b);
    break;
  }
  case FK_SHORTLINK: {
    int kg = comp_part(c, "Key generator"), rp = comp_part(c, "Redirect path");
    int ce = comp_part(c, "Click events"), sw = comp_part(c, "Expiry sweeper");
    const DesignDecision *st = doc_design_of(p, f, "redirect status");
    inbound(b, d->user, str_printf(c->a, "create a %.*s", STRF(en)));
    CALL(b, d->api, kg, "draw a random key");
    CALL(b, kg, d->db, "INSERT under the unique key; retry on a collision");
    REPLY(b, d->api, d->user, "201 with the short URL");
    CALL(b, d->user, rp, "GET /{code}");
    CALL(b, rp, d->cache >= 0 ? d->cache : d->db, "look up the key");
    ALT(b, "found and not expired");
    if (ce >= 0)
      CALL(b, rp, ce, "append a click event");
    REPLY(b, rp, d->user, "%.*s with Location", STRF(st ? st->choice : S("302 Found")));
    ELSE(b, "unknown or expired");
    REPLY(b, rp, d->user, "404");
    END(b);
    NOTE(b, sw, "on schedule: delete expired keys in batches and evict them from the cache");
    break;
  }
  case FK_LEADERBOARD:
  case FK_COUNTER: {
    int cs = comp_part(c, "Counter store"), rk = comp_part(c, "Ranking");
    inbound(b, d->user, str_printf(c->a, "add to a %.*s", STRF(en)));
    CALL(b, d->api, cs, "atomic increment");
    if (rk >= 0)
      CALL(b, d->api, rk, "update the score in the sorted set");
    REPLY(b, d->api, d->user, "200 with the new value");
    NOTE(b, cs, "totals flushed to the database in batches");
    if (rk >= 0) {
      inbound(b, d->user, S("read the top entries and my rank"));
      CALL(b, d->api, rk, "range by score and rank of one member");
      REPLY(b, d->api, d->user, "200 with the ranking");
    }
    break;
  }
  case FK_MEDIA: {
    int up = comp_part(c, "Upload ingest"), tc = comp_part(c, "Transcoding pipeline"), dl = comp_part(c, "Media delivery");
    inbound(b, d->user, str_printf(c->a, "ask to upload a %.*s", STRF(en)));
    CALL(b, d->api, d->objects, "presign a resumable multipart upload");
    REPLY(b, d->api, d->user, "201 with the upload URLs");
    CALL(b, d->user, up >= 0 ? up : d->objects, "PUT the parts directly");
    inbound(b, d->user, S("confirm the upload"));
    CALL(b, d->api, d->queue >= 0 ? d->queue : tc, "enqueue the transcoding job");
    CALL(b, tc, d->objects, "write the renditions and thumbnails");
    CALL(b, tc, d->db, "mark the file ready");
    CALL(b, d->user, dl >= 0 ? dl : d->cdn, "play the renditions");
    break;
  }
  case FK_RATELIMIT: {
    int rl = comp_part(c, "Rate limiter");
    inbound(b, d->user, S("any request"));
    CALL(b, d->api, rl, "take one token for the caller");
    ALT(b, "under the limit");
    REPLY(b, d->api, d->user, "the response, with RateLimit headers");
    ELSE(b, "over the limit");
    REPLY(b, d->api, d->user, "429 RATE_LIMITED with Retry-After");
    END(b);
    break;
  }
  default:
    break;
  }
}

static void feature_flow(Ctx *c, const Feature *f) {
  DocFacts *d = c->d;
  Str en = f->entity ? f->entity->name : (Str){0};
  /* SQL statements name the table schema.sql creates. */
  Str tbl = f->entity ? c->p->api.ents[f->entity->index].table : en;
  if (f->kind == FK_AUTH)
    return;   /* drawn by auth_flow */
  char dur[48];
  Str title;
  if (f->kind == FK_INTEGRATION || f->kind == FK_REPORT)
    title = str_printf(c->a, "%s %.*s", feature_specs[f->kind].name, STRF(f->name));
  else if (f->kind == FK_NOTIFY && f->field)
    title = str_printf(c->a, "notify %.*s %s %.*s.%.*s", STRF(f->name), f->trigger == TRIG_BEFORE ? "before" : "on", STRF(en),
                       STRF(f->field->name));
  else if (f->kind == FK_NOTIFY && f->trigger == TRIG_EVERY)
    title = str_printf(c->a, "notify %.*s every %s", STRF(f->name), duration(dur, f->lead));
  else if (f->kind == FK_NOTIFY)
    title = str_printf(c->a, "notify %.*s on %.*s", STRF(f->name), STRF(en));
  else if (f->kind == FK_UPLOAD && f->field)
    title = str_printf(c->a, "upload %.*s.%.*s", STRF(en), STRF(f->field->name));
  else if (!en.n)   /* rate-limit on the whole API */
    title = str_c(feature_specs[f->kind].name);
  else
    title = str_printf(c->a, "%s %.*s", feature_specs[f->kind].name, STRF(en));
  FB b = new_flow(c, title, f);
  d->feature_titles[f->index] = title;
  if (f->kind != FK_CRUD && f->kind != FK_INTEGRATION) {
    /* Every feature beyond CRUD and integrations ships dark first. */
    Buf n = {0};
    for (ptrdiff_t k = 0; k < title.n; k++) {
      char ch = title.p[k];
      bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
      buf_putc(&n, ok ? ch : ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : '_');
    }
    FeatureFlag *fl = push(c->a, d->flags, d->nflags, c->cap_flags);
    fl->name = str_printf(c->a, "%.*s_%d", STRF(buf_view(&n)), f->index);
    fl->what = title;
    buf_free(&n);
  }
  int jobs = d->queue >= 0 ? d->queue : d->stream;
  switch (f->kind) {
  case FK_AUTH:
    break;
  case FK_CRUD: {
    const CacheEntry *ce = cache_of(c, f->entity);
    bool ro = feature_has(f, "read-only");
    if (!ro) {
      inbound(&b, d->user, str_printf(c->a, "create %.*s (JSON body)", STRF(en)));
      verify_token(&b, f);
      NOTE(&b, d->api, "validate the body against the %.*s schema%s", STRF(en),
           feature_has(f, "owner-only") ? "; set the owner from the caller" : "");
      ALT(&b, "valid");
      CALL(&b, d->api, store_part(c, f->entity), "%.*s", STRF(say_insert(c, f->entity, tbl, true)));
      REPLY(&b, store_part(c, f->entity), d->api, "row with id and timestamps");
      if (ce && !str_has_prefix(ce->invalidate, S("create: the fan-out")))
        CALL(&b, d->api, d->cache, "bump the %.*s list version", STRF(en));
      REPLY(&b, d->api, d->user, "201 Created with the %.*s", STRF(en));
      ELSE(&b, "invalid");
      REPLY(&b, d->api, d->user, "400 VALIDATION_ERROR with the failing fields");
      END(&b);
    }
    inbound(&b, d->user, str_printf(c->a, "get one %.*s by id", STRF(en)));
    if (ce) {
      CALL(&b, d->api, d->cache, "GET %.*s", STRF(ce->item_key));
      ALT(&b, "hit");
      REPLY(&b, d->cache, d->api, "cached %.*s", STRF(en));
      ELSE(&b, "miss");
      CALL(&b, d->api, store_part(c, f->entity), "%.*s", STRF(say_get(c, f->entity, false)));
      CALL(&b, d->api, d->cache, "SET with a TTL of %.0f s", ce->ttl);
      END(&b);
    } else
      CALL(&b, d->api, store_part(c, f->entity), "%.*s", STRF(say_get(c, f->entity, feature_has(f, "owner-only"))));
    REPLY(&b, d->api, d->user, feature_has(f, "owner-only") ? "200, or 404 when it belongs to someone else" : "200 with the %.*s",
          STRF(en));
    break;
  }
  case FK_SEARCH:
    inbound(&b, d->user, str_printf(c->a, "search %.*s with q and facets", STRF(en)));
    if (d->search >= 0) {
      CALL(&b, d->api, d->search, "ranked query with filters");
      REPLY(&b, d->search, d->api, "ids, highlights and facet counts");
      NOTE(&b, d->worker >= 0 ? d->worker : d->api, "the index follows writes through the outbox, seconds behind");
    } else {
      CALL(&b, d->api, d->db, "full-text query on the indexed columns");
      REPLY(&b, d->db, d->api, "ranked rows");
    }
    REPLY(&b, d->api, d->user, "200 with one page of results");
    break;
  case FK_UPLOAD: {
    Str fld = f->field ? f->field->name : S("file");
    inbound(&b, d->user, str_printf(c->a, "ask to upload %.*s.%.*s (name, size, type)", STRF(en), STRF(fld)));
    verify_token(&b, f);
    CALL(&b, d->api, store_part(c, f->entity), "%.*s", STRF(say_update(c, f->entity, tbl, "with status pending")));
    CALL(&b, d->api, d->objects, "presign a POST for %.0f minutes, capped at the declared size", FIG(c->p, "presign-expiry", 900) / 60);
    REPLY(&b, d->api, d->user, "201 with the upload URL and its signed fields");
    CALL(&b, d->user, d->objects, "POST the file directly with the signed fields");
    inbound(&b, d->user, S("confirm the upload"));
    CALL(&b, d->api, store_part(c, f->entity), "mark %.*s stored with its size and checksum", STRF(tbl));
    REPLY(&b, d->api, d->user, "200 with a presigned download URL");
    break;
  }
  case FK_NOTIFY: {
    int prov = str_eqc(f->name, "email") ? c->email : str_eqc(f->name, "sms") ? c->sms : c->push;
    if (prov < 0)
      prov = provider_of_kind(c, f->name);
    bool scheduled = f->trigger == TRIG_BEFORE || f->trigger == TRIG_EVERY;
    if (f->trigger == TRIG_BEFORE && f->nvia && f->via[0] && f->field)
      NOTE(&b, d->worker, "a scheduled scan finds %.*s rows whose %.*s.%.*s is %s away", STRF(en),
           STRF(f->via[f->nvia - 1] ? f->via[f->nvia - 1]->name : S("relation")), STRF(f->field->name),
           duration(dur, f->lead));
    else if (f->trigger == TRIG_BEFORE)
      NOTE(&b, d->worker, "a scheduled scan finds %.*s rows whose %.*s is %s away", STRF(en),
           STRF(f->field ? f->field->name : S("date")), duration(dur, f->lead));
    else if (f->trigger == TRIG_EVERY)
      NOTE(&b, d->worker, "the schedule fires every %s and collects what is due", duration(dur, f->lead));
    if (scheduled)
      CALL(&b, d->worker, store_part(c, f->entity), "select the due %.*s rows not yet notified", STRF(en.n ? en : S("subscription")));
    else {
      inbound(&b, d->user, str_printf(c->a, "change %.*s", STRF(en)));
      /* The outbox shares a transaction with the row only in one store. */
      if (store_part(c, f->entity) != d->db)
        CALL(&b, d->api, store_part(c, f->entity), "%.*s", STRF(say_insert(c, f->entity, tbl, false)));
      else
        CALL(&b, d->api, d->db,
             dynamo_e(c, f->entity) ? "TransactWriteItems: %.*s and an outbox item" : "write %.*s and an outbox row in one transaction",
             STRF(en));
    }
    CALL(&b, scheduled ? d->worker : d->api, jobs, "enqueue the %.*s job with an idempotency key", STRF(f->name));
    CALL(&b, d->worker, jobs, "receive the job");
    CALL(&b, d->worker, prov, "send the %.*s", STRF(f->name));
    ALT(&b, "accepted");
    CALL(&b, d->worker, jobs, "acknowledge");
    ELSE(&b, "provider error or timeout");
    NOTE(&b, d->worker, "retry with exponential backoff, then dead-letter the job");
    END(&b);
    break;
  }
  case FK_REALTIME: {
    const Option *dl = feature_opt(f, "deliver");
    const Field *via = dl && dl->nargs && dl->fields ? dl->fields[0] : NULL;
    Str chan = via && via->ref ? str_printf(c->a, "the %.*s's channel", STRF(via->ref->name)) : S("the channel");
    bool session = str_eqc(doc_auth_method(c->p->model), "session");
    CALL(&b, d->user, d->realtime >= 0 ? d->realtime : d->api, "subscribe to %.*s with %s", STRF(chan),
         session ? "a connection token signed for the session" : "the access token");
    const Option *ord = feature_opt(f, "order");
    if (ord && ord->nargs)
      NOTE(&b, d->realtime >= 0 ? d->realtime : d->api, "ordering: %.*s", STRF(ord->args[0].text));
    inbound(&b, d->user, str_printf(c->a, "post a %.*s", STRF(en)));
    verify_token(&b, f);
    CALL(&b, d->api, store_part(c, f->entity), "%.*s", STRF(say_insert(c, f->entity, tbl, false)));
    CALL(&b, d->api, d->realtime, "publish to the channel");
    REPLY(&b, d->api, d->user, "201 Created");
    REPLY(&b, d->realtime, d->user, "deliver the %.*s to every subscriber", STRF(en));
    break;
  }
  case FK_HISTORY:
    inbound(&b, d->user, str_printf(c->a, "list %.*s history after a cursor", STRF(en)));
    verify_token(&b, f);
    CALL(&b, d->api, store_part(c, f->entity),
         form_e(c, f->entity) == FORM_SQL ? "keyset query on the parent and created_at index"
                                          : "read the parent's partition, newest first, after the cursor");
    REPLY(&b, store_part(c, f->entity), d->api, "one page of rows");
    REPLY(&b, d->api, d->user, "200 with the page and the next cursor");
    break;
  case FK_INGEST: {
    int dev = c->device;
    const Option *bt = feature_opt(f, "batch");
    inbound(&b, dev, str_printf(c->a, "POST a batch of %.0f %.*s rows", bt ? bt->args[0].num : 1.0, STRF(en)));
    int in = d->stream >= 0 ? d->stream : jobs;
    NOTE(&b, d->api, "authenticate the device, validate the batch");
    CALL(&b, d->api, in, "append the batch keyed by device");
    REPLY(&b, d->api, dev, "202 Accepted");
    CALL(&b, d->worker, in, "consume batches");
    CALL(&b, d->worker, store_part(c, f->entity), "batch write, idempotent on device and time");
    CALL(&b, d->worker, in, d->stream >= 0 ? "commit the offset" : "acknowledge the batch");
    break;
  }
  case FK_QUERY:
    inbound(&b, d->user, str_printf(c->a, "query %.*s over a time window", STRF(en)));
    verify_token(&b, f);
    CALL(&b, d->api, store_part(c, f->entity), feature_has(f, "downsample") ? "aggregate from the rollup matching the window" : "aggregate over the window");
    REPLY(&b, store_part(c, f->entity), d->api, "series points");
    REPLY(&b, d->api, d->user, "200 with the series");
    break;
  case FK_REPORT:
    NOTE(&b, d->worker, "the scheduler starts the %.*s %.*s report", STRF(f->period), STRF(f->name));
    CALL(&b, d->worker, store_part(c, f->entity), "aggregate the period's rows (read replica when there is one)");
    CALL(&b, d->worker, d->objects, "store the report file");
    CALL(&b, d->worker, d->db, "record the run, keyed by period, so a rerun replaces it");
    break;
  case FK_DASHBOARD:
    CALL(&b, d->user, d->realtime >= 0 ? d->realtime : d->api, feature_has(f, "live") ? "subscribe to the dashboard channel" : "poll the dashboard");
    if (d->worker >= 0 && d->realtime >= 0) {
      CALL(&b, d->worker, d->db, "write new %.*s rows", STRF(en));
      CALL(&b, d->worker, d->realtime, "publish the changed tiles");
      REPLY(&b, d->realtime, d->user, "push the update");
    } else {
      inbound(&b, d->user, str_printf(c->a, "load the %.*s dashboard", STRF(en)));
      CALL(&b, d->api, d->db, "read the aggregates");
      REPLY(&b, d->api, d->user, "200 with the tiles");
    }
    break;
  case FK_INTEGRATION: {
    int x = c->feature_part[f->index];
    static const char *const acts[][2] = {
      {"payments", "pay for the order"}, {"email", "an action that sends email"}, {"sms", "an action that sends a text"},
      {"push", "an action that notifies devices"}, {"maps", "look up an address"}, {"analytics", "record an event"},
      {"crm", "update the contact"}, {"shipping", "book the shipment"}, {"accounting", "post the invoice"},
      {"ai", "ask the model"}, {"search", "search the catalogue"}, {"storage", "store a file"},
      {"auth", "sign in through the provider"}, {"messaging", "send a message"}};
    const Option *kd = feature_opt(f, "kind");
    Str act = str_printf(c->a, "a request that needs %.*s", STRF(f->name));
    for (size_t i = 0; kd && i < sizeof acts / sizeof *acts; i++)
      if (str_eqc(kd->args[0].text, acts[i][0]))
        act = str_c(acts[i][1]);
    const Endpoint *co = NULL;   /* the hosted checkout operation, for payments */
    for (int i = 0; i < c->p->api.neps && c->p->api.payments == f; i++)
      if (c->p->api.eps[i].kind == EP_CHECKOUT)
        co = &c->p->api.eps[i];
    if (co)
      act = str_printf(c->a, "%.*s %.*s%.*s", STRF(co->method), STRF(c->p->api.base), STRF(co->path));
    inbound(&b, d->user, act);
    CALL(&b, d->api, x, co ? "create a hosted checkout session with an idempotency key and a %.0f s timeout"
                           : "call with an idempotency key and a %.0f s timeout", FIG(c->p, "call-timeout", 3));
    ALT(&b, "success");
    REPLY(&b, x, d->api, co ? "the session's id and URL" : "result");
    {
      const Api *api = &c->p->api;
      bool email = kd && str_eqc(kd->args[0].text, "email");
      if (api->payments == f && api->payable) {
        const ApiEntity *pe = &api->ents[api->payable->index];
        CALL(&b, d->api, d->db, "store the checkout session id in %.*s.%.*s", STRF(pe->table), STRF(pe->pay_checkout));
        if (co)
          REPLY(&b, d->api, d->user, "201 with the checkout URL: the card is entered on the provider's page");
      } else if (email && api->outbox_table.n)
        CALL(&b, d->api, d->db, "mark the %.*s row sent with the provider's message id", STRF(api->outbox_table));
    }
    ELSE(&b, "timeout, 429 or 5xx");
    NOTE(&b, d->api, "retry with backoff; the breaker opens after %.0f failures", FIG(c->p, "breaker-failures", 5));
    END(&b);
    if (feature_has(f, "webhooks")) {
      CALL(&b, x, d->gateway >= 0 ? d->gateway : d->api, "webhook event with an HMAC signature");
      if (d->gateway >= 0)
        CALL(&b, d->gateway, d->api, "forward");
      const Api *api = &c->p->api;
      NOTE(&b, d->api, "verify the signature and timestamp");
      if (api->db_form == FORM_SQL)
        CALL(&b, d->api, d->db, "INSERT the event id into %.*s ON CONFLICT DO NOTHING: a replay stops here, answered 200",
             STRF(api->events_table));
      else
        CALL(&b, d->api, d->db, "%s the event id into %.*s %s: a replay stops here, answered 200",
             api->keys_dynamodb ? "PutItem" : "put", STRF(api->events_table),
             api->keys_dynamodb ? "with attribute_not_exists(PK)" : "if absent");
      if (api->payments == f && api->payable) {
        const ApiEntity *pe = &api->ents[api->payable->index];
        Str to = {0};
        for (int k = 0; k < api->payable->nfields && !to.n; k++) {
          const Field *lf = &api->payable->fields[k];
          for (int t = 0; t < lf->ntrans && !to.n; t++)
            if (str_eqc(lf->trans[t].by, "system") && lf->trans[t].from == pe->ff[k].initial)
              to = str_printf(c->a, " and move its %.*s to %.*s", STRF(lf->name), STRF(lf->enum_vals[lf->trans[t].to]));
        }
        CALL(&b, d->api, d->db, "in the same transaction, store the payment id in %.*s.%.*s%.*s", STRF(pe->table),
             STRF(pe->pay_payment), STRF(to));
      } else
        CALL(&b, d->api, d->db, "in the same transaction, apply the event");
      REPLY(&b, d->api, x, "200 OK");
    }
    break;
  }
  case FK_COUNT_: break;
  default: archetype_flow(&b, f); break;
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
  Ctx c = {.a = a, .p = p, .d = d};
  build_parts(&c);
  build_modules(&c);
  build_cache(&c);
  d->feature_titles = new(a, Str, p->model->nfeatures);
  if (p->model->auth) {
    auth_flow(&c);
    d->feature_titles[p->model->auth->index] = d->flows[0].title;
  }
  for (int i = 0; i < p->model->nfeatures; i++)
    feature_flow(&c, &p->model->features[i]);
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
  docfacts_policy(a, p, d, comp_part(&c, "Receipt tracker") >= 0);
}
