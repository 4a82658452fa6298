/* The validation and operations kit: what services.yaml, asyncapi.yaml,
 * the contract tests, the runbooks, the infrastructure code and
 * VALIDATION.md print (see plan.h, Kit).
 *
 *   units     services (services style) or modules of the API, a worker for
 *             queued work and an integrations unit for webhooks; every
 *             endpoint of the contract goes to exactly one unit, and each
 *             unit uses the chosen slots its features need
 *             (kb/kit.kb kit-feature-slots)
 *   events    notifications queued for the worker, live updates pushed to
 *             clients, ingested batches, reports, webhooks received, and
 *             changes one service publishes for another; each with its
 *             transport, payload schema (the entity's, as in openapi.yaml),
 *             ordering key, delivery guarantee and retries
 *   cases     per endpoint: a valid request, each required field left out,
 *             each bound broken by one, no credentials, another user's
 *             credentials on an owner-only row
 *   runbooks  per alert: the causes kb/symptoms.kb ranks for the alert's
 *             symptom lines (intake_rank, the rule set of plinth diagnose)
 *   gates     design review, scalability, security, proof of concept per
 *             new technology, integration tests, with the plan's figures
 *   iac       one resource per chosen managed component, one policy per unit
 *
 * Everything is built from the plan's own lists, in their order, so the
 * output is deterministic and grows with them. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../intake/intake.h"
#include "../util/json.h"
#include "kitint.h"

typedef struct {
  Arena *a;
  const Plan *p;
  Kit *k;
  int cap_units, cap_events, cap_cases;
  int cases_made;
  int worker;            /* the jobs unit, or -1 */
  const Feature *feature;   /* the feature whose events are being made */
} Ctx;

static bool has(const Str *arr, int n, Str s) {
  for (int i = 0; i < n; i++)
    if (str_eq(arr[i], s))
      return true;
  return false;
}

static void add_unique(Arena *a, Str **arr, int *n, Str s) {
  if (!has(*arr, *n, s))
    kit_add(a, arr, n, s);
}

static void add_op(Arena *a, Unit *u, int op) {
  if (u->nops == 0 || (u->nops >= 4 && !(u->nops & (u->nops - 1)))) {
    int *v = new(a, int, u->nops ? u->nops * 2 : 4);
    if (u->nops)
      memcpy(v, u->ops, sizeof *v * (size_t)u->nops);
    u->ops = v;
  }
  u->ops[u->nops++] = op;
}

/* ---- existing versus new ---- */

bool plan_team_knows(const Plan *p, const Tech *t) {
  const Project *pr = &p->model->project;
  for (int k = 0; k < pr->nskills; k++) {
    Str w = pr->skills[k].word;
    if (str_ieq(w, t->id))
      return true;
    Str generic = kit_vocab(p, "kit-generic-skills", w);
    if (generic.n && !(str_eqc(generic, "a language") && str_eqc(t->slot, "language")))
      continue;
    if (kit_names(w, t->id, '-') || kit_names(w, t->name, 0) || str_ieq(w, t->family))
      return true;
  }
  return false;
}

/* ---- units ---- */

static Unit *unit_named(Kit *k, Str name);

/* Unit names are unique: a second "user" (from User and USER) is "user-2". */
static Unit *new_unit(Ctx *c, Str name, const char *kind, Str deploy) {
  Str unique = name;
  for (int n = 2; unit_named(c->k, unique); n++)
    unique = str_printf(c->a, "%.*s-%d", STRF(name), n);
  Unit *u = push(c->a, c->k->units, c->k->nunits, c->cap_units);
  u->name = unique;
  u->kind = str_c(kind);
  u->deploy = deploy;
  return u;
}

static Unit *unit_named(Kit *k, Str name) {
  for (int i = 0; i < k->nunits; i++)
    if (str_eq(k->units[i].name, name))
      return &k->units[i];
  return NULL;
}

/* Records that a unit uses a slot, if the plan chose a technology for it;
 * false when it did not. */
static bool use_slot(Ctx *c, Unit *u, Str slot) {
  const Choice *ch = NULL;
  for (int x = 0; x < c->p->nchoices; x++)
    if (str_eq(c->p->choices[x].need->slot, slot) && c->p->choices[x].tech)
      ch = &c->p->choices[x];
  if (!ch)
    return false;
  if (!has(u->store_slots, u->nstores, slot)) {
    int n = u->nstores;
    kit_add(c->a, &u->store_slots, &n, slot);
    kit_add(c->a, &u->stores, &u->nstores, str_printf(c->a, "%.*s: %.*s", STRF(slot), STRF(ch->tech->name)));
  }
  return true;
}

/* The chosen slots a feature kind needs (kb kit-feature-slots): per group
 * of `|`-alternatives, the first the plan chose. */
static void use_slots(Ctx *c, Unit *u, const char *kind) {
  Str spec = kit_vocab(c->p, "kit-feature-slots", str_c(kind));
  ptrdiff_t i = 0;
  while (i < spec.n) {
    ptrdiff_t j = i;
    while (j < spec.n && spec.p[j] != ' ')
      j++;
    Str group = {spec.p + i, j - i};
    ptrdiff_t g = 0;
    while (g < group.n) {
      ptrdiff_t h = g;
      while (h < group.n && group.p[h] != '|')
        h++;
      if (use_slot(c, u, (Str){group.p + g, h - g}))
        break;
      g = h + 1;
    }
    i = j + 1;
  }
}

static Str deploy_text(Ctx *c, const char *what) {
  const Plan *p = c->p;
  Str compute = plan_tech_name(p, "compute");
  Str style = p->style.choice;
  if (str_eqc(style, "serverless"))
    return str_printf(c->a, "%s on %.*s", what, STRF(compute));
  if (str_eqc(style, "services"))
    return str_printf(c->a, "its own deployment on %.*s", STRF(compute));
  return str_printf(c->a, "%s of the one %.*s application", str_eqc(str_c(what), "its own function") ? "a module" : what,
                    STRF(compute));
}

static const char *const duty_verbs[FK_COUNT_] = {
  [FK_CRUD] = "creates, reads, updates and deletes", [FK_SEARCH] = "searches",
  [FK_UPLOAD] = "stores the uploaded files of", [FK_NOTIFY] = "notifies people about",
  [FK_REALTIME] = "pushes live updates of", [FK_HISTORY] = "pages through the history of",
  [FK_INGEST] = "ingests batches of", [FK_QUERY] = "answers time-window queries over",
  [FK_REPORT] = "schedules reports over", [FK_DASHBOARD] = "feeds the live dashboard of",
};

static void build_units(Ctx *c, int *unit_of_entity) {
  const Plan *p = c->p;
  const Model *m = p->model;
  Kit *k = c->k;
  bool services = p->nservices > 0;
  for (int i = 0; i < m->nentities; i++)
    unit_of_entity[i] = -1;
  int auth_unit = -1;
  if (services) {
    for (int s = 0; s < p->nservices; s++) {
      const Service *sv = &p->services[s];
      Unit *u = new_unit(c, sv->name, "service", deploy_text(c, "its own deployment"));
      for (int d = 0; d < sv->nresponsibilities; d++)
        kit_add(c->a, &u->duties, &u->nduties, sv->responsibilities[d]);
      for (int d = 0; d < sv->ndepends; d++)
        kit_add(c->a, &u->depends, &u->ndepends, sv->depends[d]);
      if (sv->datastore.n) {
        int n = u->nstores;
        kit_add(c->a, &u->store_slots, &n, S("database"));
        kit_add(c->a, &u->stores, &u->nstores, str_printf(c->a, "database: %.*s", STRF(sv->datastore)));
      }
      for (int e = 0; e < sv->nentities; e++) {
        unit_of_entity[sv->entities[e]->index] = s;
        if (sv->entities[e] == m->principal && m->auth)
          auth_unit = s;
      }
    }
  } else {
    if (m->auth) {
      auth_unit = k->nunits;
      Unit *u = new_unit(c, S("auth"), "module", deploy_text(c, "its own function"));
      kit_add(c->a, &u->duties, &u->nduties,
          str_printf(c->a, "signs people in (%.*s), checks credentials on every request, holds the roles",
                     STRF(p->api.method)));
    }
    for (int i = 0; i < m->nentities; i++) {
      const Entity *e = &m->entities[i];
      int nf = 0;
      for (int f = 0; f < e->nfeatures; f++)
        nf += e->features[f]->kind != FK_INTEGRATION && e->features[f]->kind != FK_AUTH;
      if (!nf)
        continue;
      unit_of_entity[i] = k->nunits;
      new_unit(c, kit_dash(c->a, e->name), "module", deploy_text(c, "its own function"));
    }
  }
  /* Duties and stores from the features. */
  for (int f = 0; f < m->nfeatures; f++) {
    const Feature *ft = &m->features[f];
    if (ft->kind == FK_AUTH && auth_unit >= 0) {
      use_slots(c, &k->units[auth_unit], "auth");
      continue;
    }
    if (!ft->entity || ft->kind == FK_INTEGRATION)
      continue;
    int ui = unit_of_entity[ft->entity->index];
    if (ui < 0)
      continue;
    Unit *u = &k->units[ui];
    const char *verb = duty_verbs[ft->kind] ? duty_verbs[ft->kind] : feature_specs[ft->kind].name;
    if (!services)
      add_unique(c->a, &u->duties, &u->nduties,
                 str_printf(c->a, "%s %.*s%s%.*s", verb, STRF(ft->entity->name), ft->field ? "." : "",
                            STRF(ft->field ? ft->field->name : (Str){0})));
    use_slots(c, u, feature_specs[ft->kind].name);
  }
  /* Entities without a unit (owned rows served through their parent) join
   * the unit of the nearest owner that has one. */
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    int guard = 0;
    while (unit_of_entity[i] < 0 && e->parent && guard++ < 100000) {
      e = e->parent;
      unit_of_entity[i] = unit_of_entity[e->index];
    }
  }
  int *count = new(c->a, int, k->nunits + 1);
  for (int i = 0; i < m->nentities; i++)
    if (unit_of_entity[i] >= 0)
      count[unit_of_entity[i]]++;
  for (int u = 0; u < k->nunits; u++)
    k->units[u].entities = new(c->a, const Entity *, count[u] + 1);
  for (int i = 0; i < m->nentities; i++)
    if (unit_of_entity[i] >= 0) {
      Unit *u = &k->units[unit_of_entity[i]];
      u->entities[u->nentities++] = &m->entities[i];
    }
}

/* The unit of an endpoint; NULL when none owns it yet. */
static int unit_of_op(const Endpoint *x, const int *unit_of_entity, int auth_unit) {
  if (x->kind == EP_AUTH)
    return auth_unit;
  if (x->entity)
    return unit_of_entity[x->entity->index];
  return -1;
}

static void assign_ops(Ctx *c, const int *unit_of_entity) {
  const Plan *p = c->p;
  Kit *k = c->k;
  int auth_unit = -1;
  for (int i = 0; i < k->nunits; i++)
    if (str_eqc(k->units[i].name, "auth") ||
        (p->model->principal && p->model->auth && unit_of_entity[p->model->principal->index] == i &&
         str_eqc(k->units[i].kind, "service")))
      auth_unit = i;
  int integ = -1;
  for (int i = 0; i < p->api.neps; i++) {
    const Endpoint *x = &p->api.eps[i];
    int u = unit_of_op(x, unit_of_entity, auth_unit);
    if (u < 0) {
      if (integ < 0) {
        integ = k->nunits;
        Unit *nu = new_unit(c, S("integrations"), p->nservices ? "service" : "module",
                            p->nservices ? deploy_text(c, "its own deployment") : deploy_text(c, "its own function"));
        kit_add(c->a, &nu->duties, &nu->nduties,
            S("receives the external services' webhooks, checks their signatures and ignores replayed event ids"));
      }
      u = integ;
    }
    Unit *un = &k->units[u];
    add_op(c->a, un, i);
    if (x->kind == EP_WEBHOOK && x->feature)
      add_unique(c->a, &un->duties, &un->nduties,
                 str_printf(c->a, "receives %.*s's webhooks", STRF(x->feature->name)));
  }
}

/* ---- events ---- */

static Event *new_event(Ctx *c, Str id, const char *kind) {
  Event *e = push(c->a, c->k->events, c->k->nevents, c->cap_events);
  e->feature = c->feature;
  e->id = id;
  e->kind = str_c(kind);
  e->op = -1;
  e->attempts = (int)kit_fig(c->p, "event-attempts", 5);
  e->backoff_base = kit_fig(c->p, "event-backoff-base", 1);
  e->backoff_max = kit_fig(c->p, "event-backoff-max", 300);
  return e;
}

static Str first_tech(const Plan *p, const char *a, const char *b) {
  Str t = plan_tech_name(p, a);
  return t.n || !b ? t : plan_tech_name(p, b);
}

static void link(Ctx *c, Event *e) {
  Unit *pu = unit_named(c->k, e->producer), *cu = unit_named(c->k, e->consumer);
  if (pu)
    add_unique(c->a, &pu->publishes, &pu->npublishes, e->id);
  if (cu)
    add_unique(c->a, &cu->subscribes, &cu->nsubscribes, e->id);
}

static Unit *worker(Ctx *c) {
  if (c->worker >= 0)
    return &c->k->units[c->worker];
  c->worker = c->k->nunits;
  Unit *w;
  Str compute = plan_tech_name(c->p, "compute");
  Str queue = first_tech(c->p, "queue", "stream");
  Str deploy = str_eqc(c->p->style.choice, "serverless") && queue.n
                   ? str_printf(c->a, "a function on %.*s triggered by %.*s", STRF(compute), STRF(queue))
                   : str_printf(c->a, "a worker process on %.*s, apart from the API", STRF(compute));
  w = new_unit(c, S("jobs"), "worker", deploy);
  kit_add(c->a, &w->duties, &w->nduties, S("runs queued and scheduled work; every handler is idempotent by event id"));
  return w;
}

static Str key_of(Arena *a, const Entity *e, const Feature *ft, const char *opt) {
  const Option *o = ft ? feature_opt(ft, opt) : NULL;
  if (o && o->nargs && o->args[0].text.n) {
    Str w = o->args[0].text;
    for (int i = 0; i < e->nfields; i++)
      if (e->fields[i].ref && (str_ieq(e->fields[i].name, w) || str_ieq(e->fields[i].ref->name, w)))
        return e->fields[i].name;
  }
  if (e->parent_field)
    return e->parent_field->name;
  (void)a;
  return S("id");
}

/* One feature as an event source: its entity and owning unit, and the
 * plan's transports. */
typedef struct {
  const Feature *ft;
  const Entity *en;
  Str owner;             /* the unit that owns the entity, or empty */
  Str ename, type;       /* the entity's dashed name and API type */
  Str queue, stream, db; /* the chosen technologies' names */
} EventSource;

/* A notification: queued with the change, before a date, or on a schedule. */
static void notify_event(Ctx *c, const EventSource *s) {
  const Plan *p = c->p;
  const Feature *ft = s->ft;
  const Entity *en = s->en;
  Str owner = s->owner, ename = s->ename, type = s->type, queue = s->queue, db = s->db;
  Unit *w = p->nservices && owner.n ? unit_named(c->k, owner) : worker(c);
  Str chan = ft->name.n ? kit_dash(c->a, ft->name) : S("notify");
  use_slots(c, w, "notify");
  use_slot(c, w, ft->name);
  use_slot(c, w, S("database"));
  Event *e = new_event(c, en ? str_printf(c->a, "%.*s.%.*s-notification", STRF(ename), STRF(chan))
                             : str_printf(c->a, "digest.%.*s-notification", STRF(chan)),
                       "queue");
  e->entity = en;
  e->own_schema = true;
  e->payload = en ? str_printf(c->a, "%.*sNotification", STRF(type)) : S("DigestNotification");
  Str about = en ? str_printf(c->a, " about %.*s", STRF(en->name)) : S("");
  bool vowel = ft->name.n && strchr("aeiouAEIOU", ft->name.p[0]);
  e->summary = str_printf(c->a, "%s %.*s notification%.*s, %s", vowel ? "an" : "a", STRF(ft->name), STRF(about),
                          ft->trigger == TRIG_BEFORE ? "scheduled before the date it names"
                          : ft->trigger == TRIG_EVERY ? "on a fixed schedule"
                                                      : "queued in the transaction that changes the row");
  e->transport = queue.n ? queue : str_printf(c->a, "an outbox table in %.*s, polled by the worker", STRF(db));
  e->key = en ? key_of(c->a, en, ft, "to") : S("id");
  e->delivery = kit_vocab(p, "kit-delivery", S("notification"));
  e->dead_letter = queue.n ? str_printf(c->a, "%.*s.dlq", STRF(e->id)) : S("the outbox row marked failed");
  e->producer = ft->trigger == TRIG_ON && owner.n ? owner : w->name;
  e->consumer = w->name;
  link(c, e);
}

/* Rows or dashboard figures pushed live to the clients that follow them
 * (a dashboard only when it is live or refreshed). */
static void live_event(Ctx *c, const EventSource *s) {
  const Plan *p = c->p;
  const Feature *ft = s->ft;
  const Entity *en = s->en;
  if (ft->kind == FK_DASHBOARD && !feature_has(ft, "live") && !feature_opt(ft, "refresh"))
    return;
  Str rt = plan_tech_name(p, "realtime");
  Event *e = new_event(c, str_printf(c->a, "%.*s.%s", STRF(s->ename), ft->kind == FK_REALTIME ? "live" : "dashboard"),
                       "realtime");
  e->entity = en;
  e->payload = s->type;
  e->summary = str_printf(c->a, "%s %.*s pushed to the signed-in clients that follow it",
                          ft->kind == FK_REALTIME ? "each new or changed" : "the refreshed figures of",
                          STRF(en->name));
  e->transport = rt.n ? rt : S("WebSocket");
  e->key = key_of(c->a, en, ft, "deliver");
  e->delivery = kit_vocab(p, "kit-delivery", S("realtime"));
  e->attempts = 1;
  e->producer = s->owner;
  e->consumer = S("clients");
  link(c, e);
}

/* A frame the connection's server sends its clients, at most once. */
static void socket_frame(Ctx *c, const EventSource *s, Event *e, Str key) {
  Str rt = plan_tech_name(c->p, "realtime");
  e->transport = rt.n ? rt : S("WebSocket");
  e->key = key;
  e->delivery = kit_vocab(c->p, "kit-delivery", S("realtime"));
  e->attempts = 1;
  e->producer = s->owner;
  e->consumer = S("clients");
  link(c, e);
}

/* The connection gateway's frames (archetype.c): presence changes, and for
 * chat messages and receipts. */
static void gateway_events(Ctx *c, const EventSource *s) {
  const Feature *ft = s->ft;
  const Entity *en = s->en;
  for (int x = 0; x < 3; x++) {
    if ((ft->kind == FK_PRESENCE) != (x == 0))
      continue;
    static const char *const what[] = {"presence", "message", "receipt"};
    Event *e = new_event(c, str_printf(c->a, "%.*s.%s", STRF(s->ename), what[x]), "realtime");
    e->entity = x == 1 ? en : NULL;
    e->own_schema = x != 1;
    e->payload = x == 0 ? S("PresenceChange") : x == 1 ? s->type : S("Receipt");
    e->summary = x == 0   ? S("a user comes online, or goes offline two missed heartbeats after the last")
                 : x == 1 ? str_printf(c->a, "each %.*s, to every member of its conversation; an offline member gets it "
                                             "from the inbox on reconnect", STRF(en->name))
                          : S("delivered and read marks per member, sent back to the sender");
    socket_frame(c, s, e, S("id"));
  }
}

/* A collaborative document's frames on its session server's socket: the
 * editors' operations and their cursors (archetype.c collab). */
static void collab_events(Ctx *c, const EventSource *s) {
  static const char *const what[] = {"edit", "cursor"}, *const payload[] = {"EditOperation", "CursorPosition"};
  for (int x = 0; x < 2; x++) {
    Event *e = new_event(c, str_printf(c->a, "%.*s.%s", STRF(s->ename), what[x]), "realtime");
    e->own_schema = true;
    e->payload = str_c(payload[x]);
    e->summary = x == 0 ? str_printf(c->a, "an editor's operations on an open %.*s against the version they saw; the session "
                                           "server orders them and sends each to the other editors", STRF(s->en->name))
                        : str_printf(c->a, "an editor's cursor and selection in an open %.*s, sent to the other editors",
                                     STRF(s->en->name));
    socket_frame(c, s, e, S("document_id"));
  }
}

/* An exchange's market data on the fan-out's sockets (archetype.c
 * exchange): each trade printed, and each book's changed price levels,
 * ordered by the journal's sequence per instrument. */
static void exchange_events(Ctx *c, const EventSource *s) {
  static const char *const what[] = {"trade", "book"}, *const payload[] = {"TradePrint", "BookUpdate"};
  const Entity *bk = plan_exchange_book(s->en);
  Str on = bk ? kit_dash(c->a, bk->name) : S("instrument");
  for (int x = 0; x < 2; x++) {
    Event *e = new_event(c, str_printf(c->a, "%.*s.%s", STRF(on), what[x]), "realtime");
    e->own_schema = true;
    e->payload = str_c(payload[x]);
    e->summary = x == 0 ? S("each trade the matching engine prints: price, size, the taker's side and its sequence number")
                        : S("the price levels of one book that changed, with the sequence number; a client that sees a gap "
                            "fetches the book again");
    socket_frame(c, s, e, S("instrument_id"));
  }
}

/* Each row of an accepted batch, on the stream to its consumer. */
static void ingest_event(Ctx *c, const EventSource *s) {
  const Plan *p = c->p;
  const Feature *ft = s->ft;
  const Entity *en = s->en;
  Event *e = new_event(c, str_printf(c->a, "%.*s.ingested", STRF(s->ename)), "stream");
  e->entity = en;
  e->payload = str_printf(c->a, "%.*sCreate", STRF(s->type));
  e->summary = str_printf(c->a, "one %.*s row from an accepted batch, written by the consumer", STRF(en->name));
  e->transport = s->stream.n ? s->stream : s->db;
  e->key = key_of(c->a, en, ft, "key");
  e->delivery = kit_vocab(p, "kit-delivery", feature_has(ft, "exactly-once") ? S("ingest-exactly-once") : S("ingest"));
  e->dead_letter = str_printf(c->a, "%.*s.dlq", STRF(e->id));
  Unit *w = p->nservices && s->owner.n ? unit_named(c->k, s->owner) : worker(c);
  use_slots(c, w, "ingest");
  e->producer = s->owner;
  e->consumer = w->name;
  link(c, e);
}

/* A report to build for one period, a job the worker gives itself. */
static void report_event(Ctx *c, const EventSource *s) {
  const Plan *p = c->p;
  const Feature *ft = s->ft;
  Unit *w = worker(c);
  use_slots(c, w, "report");
  Str nm = ft->name.n ? kit_dash(c->a, ft->name) : S("report");
  Event *e = new_event(c, str_printf(c->a, "report.%.*s", STRF(nm)), "queue");
  e->own_schema = true;
  e->payload = S("ReportJob");
  e->summary = str_printf(c->a, "the %.*s report to build for one period", STRF(ft->name));
  e->transport = s->queue.n ? s->queue : str_printf(c->a, "a jobs table in %.*s", STRF(s->db));
  e->key = S("period");
  e->delivery = kit_vocab(p, "kit-delivery", S("report"));
  e->dead_letter = s->queue.n ? str_printf(c->a, "%.*s.dlq", STRF(e->id)) : S("the job row marked failed");
  e->producer = w->name;
  e->consumer = w->name;
  link(c, e);
}

/* Webhooks received: every webhook endpoint of the contract, consumed by
 * the unit that serves it. */
static void webhook_events(Ctx *c) {
  const Plan *p = c->p;
  Kit *k = c->k;
  for (int i = 0; i < p->api.neps; i++) {
    const Endpoint *x = &p->api.eps[i];
    if (x->kind != EP_WEBHOOK)
      continue;
    c->feature = x->feature;
    Str from = x->feature ? x->feature->name : S("provider");
    Event *e = new_event(c, str_printf(c->a, "webhook.%.*s", STRF(kit_dash(c->a, from))), "webhook-in");
    e->payload = S("WebhookEvent");
    e->summary = str_printf(c->a, "an event %.*s sends to %.*s %.*s%.*s", STRF(from), STRF(x->method), STRF(p->api.base),
                            STRF(x->path));
    e->transport = S("HTTPS");
    e->key = S("Webhook-Id");
    e->delivery = kit_vocab(p, "kit-delivery", S("webhook-in"));
    e->attempts = 0;
    e->producer = from;
    e->op = i;
    for (int u = 0; u < k->nunits; u++)
      for (int o = 0; o < k->units[u].nops; o++)
        if (k->units[u].ops[o] == i)
          e->consumer = k->units[u].name;
    link(c, e);
  }
  c->feature = NULL;
}

/* Changes one service publishes for another (services style): one event
 * per topic, its consumers joined, and each unit's topics. */
static void change_events(Ctx *c, Str queue, Str db) {
  const Plan *p = c->p;
  const Model *m = p->model;
  Kit *k = c->k;
  for (int s = 0; s < p->nservices; s++) {
    const Service *sv = &p->services[s];
    for (int t = 0; t < sv->npublishes; t++) {
      Str topic = sv->publishes[t];
      const Entity *en = NULL;
      for (int i = 0; i < m->nentities && !en; i++)
        if (str_eq(str_printf(c->a, "%.*s.changed", STRF(kit_dash(c->a, m->entities[i].name))), topic))
          en = &m->entities[i];
      for (int r = 0; r < p->nservices; r++) {
        if (!has(p->services[r].subscribes, p->services[r].nsubscribes, topic))
          continue;
        Event *e = NULL;
        for (int x = 0; x < k->nevents; x++)
          if (str_eq(k->events[x].id, topic))
            e = &k->events[x];
        if (!e) {
          e = new_event(c, topic, "change");
          e->entity = en;
          e->payload = en ? p->api.ents[en->index].type : S("WebhookEvent");
          e->summary = str_printf(c->a, "a %.*s row was created, changed or deleted; subscribers keep the copy they need",
                                  STRF(en ? en->name : topic));
          e->transport = queue.n ? queue : str_printf(c->a, "an outbox table in %.*s", STRF(db));
          e->key = S("id");
          e->delivery = kit_vocab(p, "kit-delivery", S("change"));
          e->dead_letter = str_printf(c->a, "%.*s.dlq", STRF(topic));
          e->producer = sv->name;
          e->consumer = p->services[r].name;
        } else if (!str_eq(e->consumer, p->services[r].name))
          e->consumer = str_printf(c->a, "%.*s, %.*s", STRF(e->consumer), STRF(p->services[r].name));
        Unit *pu = unit_named(k, sv->name), *cu = unit_named(k, p->services[r].name);
        if (pu)
          add_unique(c->a, &pu->publishes, &pu->npublishes, topic);
        if (cu)
          add_unique(c->a, &cu->subscribes, &cu->nsubscribes, topic);
      }
    }
  }
}

/* Every event: the features' (notifications, live pushes, gateway frames,
 * ingested rows, reports), webhooks received, then services' changes. */
static void build_events(Ctx *c, const int *unit_of_entity) {
  const Plan *p = c->p;
  const Model *m = p->model;
  Kit *k = c->k;
  EventSource s = {.queue = first_tech(p, "queue", "stream"), .stream = first_tech(p, "stream", "queue"),
                   .db = plan_tech_name(p, "database")};
  for (int f = 0; f < m->nfeatures; f++) {
    const Feature *ft = &m->features[f];
    c->feature = ft;
    const Entity *en = ft->entity;
    s.ft = ft;
    s.en = en;
    s.owner = en && unit_of_entity[en->index] >= 0 ? k->units[unit_of_entity[en->index]].name : (Str){0};
    s.ename = en ? kit_dash(c->a, en->name) : (Str){0};
    s.type = en ? p->api.ents[en->index].type : (Str){0};
    switch (ft->kind) {
    case FK_NOTIFY: notify_event(c, &s); break;
    case FK_REALTIME:
    case FK_DASHBOARD: live_event(c, &s); break;
    case FK_PRESENCE:
    case FK_CHAT: gateway_events(c, &s); break;
    case FK_COLLAB: if (en) collab_events(c, &s); break;
    case FK_EXCHANGE: if (en) exchange_events(c, &s); break;
    case FK_INGEST: ingest_event(c, &s); break;
    case FK_REPORT: report_event(c, &s); break;
    default: break;
    }
  }
  c->feature = NULL;
  webhook_events(c);
  change_events(c, s.queue, s.db);
}

/* ---- contract tests ---- */

static ContractCase *new_case(Ctx *c, int op, ContractKind kind, Str name) {
  ContractCase *cc = push(c->a, c->k->cases, c->k->ncases, c->cap_cases);
  cc->op = op;
  cc->kind = kind;
  cc->name = name;
  return cc;
}

/* The path with every {param} set to a sample id. */
static Str concrete(Arena *a, Str path) {
  Buf b = {0};
  for (ptrdiff_t i = 0; i < path.n; i++) {
    if (path.p[i] == '{') {
      while (i < path.n && path.p[i] != '}')
        i++;
      buf_puts(&b, "0b7e2a4c-5d1f-4e8a-9c3b-6f2d8e1a7b40");
      continue;
    }
    buf_putc(&b, path.p[i]);
  }
  Str s = str_printf(a, "%.*s", (int)b.n, b.n ? b.p : "");
  buf_free(&b);
  return s;
}

static bool required_in_create(const Plan *p, const Entity *e, const Field *f) {
  return !f->optional && f->def.kind == LIT_NONE && api_client_writes(p, e, f);
}

/* A JSON body of the entity's writable fields: all of them (create),
 * leaving out `skip`, with `bad` given the value `badv`; `only` (update)
 * writes that one field. */
static Str body(Arena *a, const Plan *p, const Entity *e, const Field *skip, const Field *only, const Field *bad,
                Str badv, bool wrap_items) {
  Buf b = {0};
  if (wrap_items)
    buf_puts(&b, "{\"items\": [");
  buf_putc(&b, '{');
  bool first = true;
  const ApiEntity *ae = &p->api.ents[e->index];
  for (int i = 0; i < e->nfields; i++) {
    const Field *f = &e->fields[i];
    if (!api_client_writes(p, e, f) || f == skip || (only && f != only))
      continue;
    if (!only && !bad && f->optional)
      continue;
    if (!only && bad && f != bad && f->optional)
      continue;
    buf_puts(&b, first ? "" : ", ");
    first = false;
    buf_putc(&b, '"');
    esc_json(&b, f->name);
    buf_puts(&b, "\": ");
    if (f == bad)
      buf_str(&b, badv);
    else {
      if (f->array)
        buf_putc(&b, '[');
      buf_str(&b, ae->ff[i].sample);
      if (f->array)
        buf_putc(&b, ']');
    }
  }
  /* A create body also declares each uploaded file's size and checksum and,
   * where the client gives it, the row's currency (the contract's create
   * schema, api.c's names). */
  for (int i = 0; i < e->nfields && !only && !wrap_items && ae->up; i++) {
    const Str *c = &ae->up[3 * i];
    if (!c[1].n || e->fields[i].optional)
      continue;
    buf_printf(&b, "%s\"%.*s\": 1024, \"%.*s\": \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"",
               first ? "" : ", ", STRF(c[1]), STRF(c[2]));
    first = false;
  }
  const Project *pr = &p->model->project;
  if (!only && !wrap_items && ae->cur_client && pr->ncurrencies) {
    buf_printf(&b, "%s\"%.*s\": \"%.*s\"", first ? "" : ", ", STRF(ae->cur), STRF(pr->currencies[0].word));
    first = false;
  }
  buf_putc(&b, '}');
  if (wrap_items)
    buf_puts(&b, "]}");
  Str s = str_printf(a, "%.*s", (int)b.n, b.p);
  buf_free(&b);
  return s;
}

/* The values that break one bound of a field, each with what it breaks. */
typedef struct {
  Str value, what;
} Bad;

static int bad_values(Arena *a, const Plan *p, const Field *f, Bad *out) {
  int n = 0;
  double max = api_str_max(f), lim = kit_fig(p, "probe-max-length", 4096);
  bool str_like = f->type == FT_STRING || f->type == FT_TEXT || f->type == FT_EMAIL || f->type == FT_URL ||
                  f->type == FT_PHONE;
  if (f->array)
    return 0;
  if (str_like && max > 0 && max <= lim) {
    char *s = new(a, char, (ptrdiff_t)max + 4);
    int k = 0;
    s[k++] = '"';
    for (int i = 0; i < (int)max + 1; i++)
      s[k++] = f->type == FT_PHONE ? '1' : 'x';
    s[k++] = '"';
    out[n++] = (Bad){(Str){s, k}, str_printf(a, "longer than %.0f characters", max)};
  }
  if (f->type == FT_EMAIL)
    out[n++] = (Bad){S("\"not-an-email\""), S("not an email address")};
  if (f->type == FT_INT || f->type == FT_FLOAT || f->type == FT_MONEY) {
    double step = f->type == FT_INT ? 1 : 0.5;
    if (f->has_min)
      out[n++] = (Bad){str_printf(a, "%.17g", f->min_excl ? f->min : f->min - step),
                       str_printf(a, "below the minimum %.17g", f->min)};
    if (f->has_max)
      out[n++] = (Bad){str_printf(a, "%.17g", f->max_excl ? f->max : f->max + step),
                       str_printf(a, "above the maximum %.17g", f->max)};
  }
  if (f->type == FT_INT || f->type == FT_FLOAT || f->type == FT_MONEY || f->type == FT_BOOL)
    out[n++] = (Bad){S("\"text\""), S("not a number or boolean")};
  if (f->type == FT_ENUM)
    out[n++] = (Bad){S("\"not-a-listed-value\""), S("not one of the listed values")};
  return n;
}

/* The login body: the principal's sign-in name and its secret (the same
 * fields openapi.yaml's LoginRequest names). */
static Str login_body(Arena *a, const Plan *p, const Entity *pr) {
  const Field *idf = NULL, *sec = NULL;
  for (int k = 0; pr && k < pr->nfields; k++) {
    const Field *f = &pr->fields[k];
    if (!idf && f->unique && (f->type == FT_EMAIL || f->type == FT_STRING || f->type == FT_PHONE))
      idf = f;
    if (!sec && (f->type == FT_SECRET || (f->tags & TAG_SECRET)))
      sec = f;
  }
  Buf b = {0};
  buf_puts(&b, "{\"");
  esc_json(&b, idf ? idf->name : S("username"));
  buf_puts(&b, "\": ");
  if (idf)
    buf_str(&b, p->api.ents[pr->index].ff[idf->index].sample);
  else
    buf_puts(&b, "\"ada\"");
  buf_puts(&b, ", \"");
  esc_json(&b, sec ? sec->name : S("password"));
  buf_puts(&b, "\": \"correct horse battery staple\"}");
  Str s = str_printf(a, "%.*s", (int)b.n, b.p);
  buf_free(&b);
  return s;
}

static bool has_status(const Endpoint *x, int s) {
  for (int i = 0; i < x->nerrors; i++)
    if (x->errors[i] == s)
      return true;
  return false;
}

/* The valid request of one operation: its body, query and headers. */
typedef struct {
  Str body, query, headers;
  bool known;            /* false: no request can be written (passkey, SAML) */
  bool no_valid;         /* an update with no writable field: only refusals */
} Request;

/* The credentials header the contract tests send, by sign-in method. */
static void auth_scheme(Kit *k, const Api *api) {
  if (str_eqc(api->method, "session") || str_eqc(api->method, "passkey") || str_eqc(api->method, "saml"))
    k->auth_header = S("Cookie"), k->auth_format = S("session=%s");
  else if (str_eqc(api->method, "apikey"))
    k->auth_header = S("X-API-Key"), k->auth_format = S("%s");
  else if (api->method.n)
    k->auth_header = S("Authorization"), k->auth_format = S("Bearer %s");
}

/* A sign-in step's request: register, login, refresh, a magic link, or an
 * OAuth redirect and callback. */
static void auth_request(Ctx *c, const Endpoint *x, Request *rq) {
  const Plan *p = c->p;
  const Api *api = &p->api;
  const Entity *e = x->entity;
  Str s = x->auth_step;
  if (str_eqc(s, "register") && e && !str_eqc(api->method, "apikey") && !str_eqc(api->method, "passkey")) {
    rq->body = body(c->a, p, e, NULL, NULL, NULL, (Str){0}, false);
    if (api->signup_org)   /* a tenant sign-up: the new organisation too (api.signup_org) */
      rq->body = str_printf(c->a, "%.*s%s\"%.*s\": %.*s}", (int)rq->body.n - 1, rq->body.p, rq->body.n > 2 ? ", " : "",
                            STRF(e->parent_field->name), STRF(body(c->a, p, api->signup_org, NULL, NULL, NULL, (Str){0}, false)));
  }
  else if (str_eqc(s, "login") && (str_eqc(api->method, "jwt") || str_eqc(api->method, "session")))
    rq->body = login_body(c->a, p, p->model->principal);
  else if (str_eqc(s, "refresh"))
    rq->body = S("{\"refresh_token\": \"rt_0001\"}");
  else if (str_eqc(s, "request"))
    rq->body = S("{\"email\": \"ada@example.com\"}");
  else if (str_eqc(s, "login") && str_eqc(api->method, "magic-link"))
    rq->body = S("{\"token\": \"ml_0001\"}");
  else if (str_eqc(s, "authorize")) {
    const Option *pv = feature_opt(x->feature, "providers");
    rq->query = pv && pv->nargs ? str_printf(c->a, "?redirect_uri=https%%3A%%2F%%2Fapp.example.com%%2Fcallback&provider=%.*s",
                                             STRF(pv->args[0].text))
                                : S("?redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback");
  } else if (str_eqc(s, "callback") && !str_eqc(api->method, "saml"))
    rq->query = S("?code=c_0001&state=s_0001");
  else if (str_eqc(api->method, "passkey") || str_eqc(api->method, "saml"))
    rq->known = false;
}

/* The time window of a query, in its largest whole unit: ?window=1d. */
static Str window_query(Arena *a, const Endpoint *x) {
  const Option *w = feature_opt(x->feature, "window");
  double s = w && w->nargs ? w->args[0].num : 3600;
  return fmod(s, 86400) == 0 ? str_printf(a, "?window=%.0fd", s / 86400)
         : fmod(s, 3600) == 0 ? str_printf(a, "?window=%.0fh", s / 3600)
         : fmod(s, 60) == 0   ? str_printf(a, "?window=%.0fm", s / 60)
                              : str_printf(a, "?window=%.0fs", s);
}

/* The valid request of operation x, by its kind. */
static Request valid_request(Ctx *c, const Endpoint *x) {
  const Plan *p = c->p;
  const Entity *e = x->entity;
  Request rq = {.known = true};
  switch (x->kind) {
  case EP_CREATE: rq.body = body(c->a, p, e, NULL, NULL, NULL, (Str){0}, false); break;
  case EP_UPDATE: {
    const Field *one = NULL;
    for (int f = 0; f < e->nfields && !one; f++)
      if (api_client_writes(p, e, &e->fields[f]))
        one = &e->fields[f];
    /* No writable field: the update body admits nothing; the tests
     * check that an unknown field is refused, with the other cases. */
    rq.body = one ? body(c->a, p, e, NULL, one, NULL, (Str){0}, false) : S("{\"unknown_field\": 1}");
    rq.no_valid = one == NULL;
    break;
  }
  case EP_INGEST:
    rq.body = body(c->a, p, e, NULL, NULL, NULL, (Str){0}, true);
    if (feature_has(x->feature, "exactly-once"))
      rq.headers = S("Idempotency-Key: batch-0001");
    break;
  case EP_UPLOAD:
    if (!x->read)
      rq.body = S("{\"content_type\": \"image/png\", \"size\": 1024, "
                  "\"sha256\": \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"}");
    break;
  case EP_WEBHOOK:
    rq.body = S("{\"id\": \"evt_0001\", \"type\": \"event.test\"}");
    rq.headers = S("Webhook-Signature: 5d41402abc4b2a76b9719d911017c592\nWebhook-Timestamp: 1767258000\n"
                   "Webhook-Id: evt_0001");
    break;
  case EP_SEARCH: rq.query = S("?q=example"); break;
  case EP_QUERY: rq.query = window_query(c->a, x); break;
  case EP_AUTH: auth_request(c, x, &rq); break;
  default: break;
  }
  return rq;
}

/* Required fields and bounds of the body of operation i, each refused
 * with 400 (vc: the valid case, copied before new_case moves the array). */
static void body_cases(Ctx *c, int i, const Endpoint *x, const Entity *be, const ContractCase *vc, Str headers) {
  const Plan *p = c->p;
  Str op = x->op_id;
  for (int f = 0; be && f < be->nfields; f++) {
    const Field *fd = &be->fields[f];
    if (!api_client_writes(p, be, fd))
      continue;
    bool upd = x->kind == EP_UPDATE;
    if (!upd && required_in_create(p, be, fd)) {
      ContractCase *r = new_case(c, i, CT_REQUIRED, str_printf(c->a, "%.*s: %.*s missing", STRF(op), STRF(fd->name)));
      r->path = vc->path;
      r->body = body(c->a, p, be, fd, NULL, NULL, (Str){0}, x->kind == EP_INGEST);
      r->headers = headers;
      r->token = vc->token;
      r->expect = 400;
    }
    Bad bads[6];
    int nb = bad_values(c->a, p, fd, bads);
    for (int b = 0; b < nb; b++) {
      ContractCase *r = new_case(c, i, CT_BOUNDS,
                                 str_printf(c->a, "%.*s: %.*s %.*s", STRF(op), STRF(fd->name), STRF(bads[b].what)));
      r->path = vc->path;
      r->body = body(c->a, p, be, NULL, upd ? fd : NULL, fd, bads[b].value, x->kind == EP_INGEST);
      r->headers = headers;
      r->token = vc->token;
      r->expect = 400;
    }
  }
}

/* The refusals every guarded operation owes: a page size over the
 * maximum, no credentials, another user's row. */
static void guard_cases(Ctx *c, int i, const Endpoint *x, const ContractCase *vc, const Request *rq) {
  const Api *api = &c->p->api;
  Str op = x->op_id;
  if (x->paginate.n && has_status(x, 400)) {
    ContractCase *r = new_case(c, i, CT_BOUNDS, str_printf(c->a, "%.*s: page size above %.0f", STRF(op), api->max_page_size));
    r->path = str_printf(c->a, "%.*s%s%s=%.0f", STRF(vc->path), rq->query.n ? "&" : "?",
                         str_eqc(x->paginate, "cursor") ? "limit" : "per_page", api->max_page_size + 1);
    r->token = vc->token;
    r->expect = 400;
  }
  if (x->auth && has_status(x, 401) && c->k->auth_header.n) {
    ContractCase *r = new_case(c, i, CT_NO_AUTH, str_printf(c->a, "%.*s: no credentials", STRF(op)));
    r->path = vc->path;
    r->body = vc->body;
    r->headers = rq->headers;
    r->expect = 401;
  }
  if (x->owner_only && has_status(x, 404) && memchr(x->path.p, '{', (size_t)x->path.n) && !rq->no_valid) {
    ContractCase *r = new_case(c, i, CT_NOT_OWNER, str_printf(c->a, "%.*s: another user's row", STRF(op)));
    r->path = vc->path;
    r->body = vc->body;
    r->headers = rq->headers;
    r->token = 2;
    r->prefer = S("code=404");
    r->expect = 404;
  }
}

/* The contract tests of every operation: its valid request, then what the
 * API must refuse. */
/* The cases of endpoint i, appended to c->k->cases. */
static void op_cases(Ctx *c, int i) {
  const Endpoint *x = &c->p->api.eps[i];
  Request rq = valid_request(c, x);
  if (!rq.known)
    return;
  Str op = x->op_id;
  ContractCase *v = new_case(c, i, rq.no_valid ? CT_BOUNDS : CT_VALID,
                             str_printf(c->a, rq.no_valid ? "%.*s: an unknown field" : "%.*s: a valid request", STRF(op)));
  v->path = str_printf(c->a, "%.*s%.*s", STRF(concrete(c->a, x->path)), STRF(rq.query));
  v->body = rq.body;
  v->headers = rq.headers;
  v->token = x->auth ? 1 : 0;
  v->expect = rq.no_valid ? 400 : x->success;
  const ContractCase vc = *v; /* new_case may move the array */
  const Entity *be = (x->kind == EP_CREATE || x->kind == EP_UPDATE || x->kind == EP_INGEST ||
                      (x->kind == EP_AUTH && str_eqc(x->auth_step, "register") && rq.body.n))
                         ? x->entity
                         : NULL;
  if (has_status(x, 400))
    body_cases(c, i, x, be, &vc, rq.headers);
  guard_cases(c, i, x, &vc, &rq);
}

/* The cases are made again per operation where they are printed
 * (plan_kit_cases): all of them at once outweigh the rest of the plan.
 * Here only their count, each operation's made and dropped. */
static void count_cases(Ctx *c) {
  auth_scheme(c->k, &c->p->api);
  for (int i = 0; i < c->p->api.neps; i++) {
    Arena mark = *c->a;
    op_cases(c, i);
    c->cases_made += c->k->ncases;
    c->k->cases = NULL;
    c->k->ncases = 0;
    c->cap_cases = 0;
    *c->a = mark;
  }
  c->k->ncases = c->cases_made;
}

int plan_kit_cases(Arena *a, const Plan *p, int op, const ContractCase **out) {
  Kit k = *p->kit;
  k.cases = NULL;
  k.ncases = 0;
  Ctx c = {.a = a, .p = p, .k = &k, .worker = -1};
  if (op >= 0 && op < p->api.neps)
    op_cases(&c, op);
  *out = k.cases;
  return k.ncases;
}

/* ---- runbooks ---- */

static void build_runbooks(Ctx *c) {
  const Plan *p = c->p;
  Kit *k = c->k;
  k->runbooks = new(c->a, Runbook, p->nalerts > 0 ? p->nalerts : 1);
  Str obs = plan_tech_name(p, "observability");
  Str compute = plan_tech_name(p, "compute");
  const Tech *ct = plan_tech(p, "compute");
  Str deploy = ct ? kit_vocab(p, "kit-rollback", ct->id) : (Str){0};
  if (ct && !deploy.n)
    deploy = kit_vocab(p, "kit-rollback", ct->family);
  k->rollback = deploy;
  for (int i = 0; i < p->nalerts; i++) {
    const PromRule *r = &p->alerts[i];
    Runbook *rb = &k->runbooks[k->nrunbooks++];
    rb->alert = r->name;
    rb->file = str_printf(c->a, "runbooks/%.*s.md", STRF(r->name));
    rb->meaning = str_printf(c->a, "%.*s. %.*s", STRF(r->summary), STRF(r->description));
    const CwAlarm *cw = NULL;
    for (int x = 0; x < k->nalarms; x++)
      if (k->alarms[x].rule == i && k->alarms[x].of[0] < 0 && !cw)
        cw = &k->alarms[x];
    if (cw && cw->custom)
      kit_add(c->a, &rb->queries, &rb->nqueries,
          str_printf(c->a, "CloudWatch metric %.*s / %.*s (published by the application), %.*s over %.0f s",
                     STRF(cw->ns), STRF(cw->metric), STRF(cw->stat), cw->period));
    else if (cw)
      kit_add(c->a, &rb->queries, &rb->nqueries,
          str_printf(c->a, "CloudWatch metric %.*s %.*s%s%.*s by %.*s, %.*s over %.0f s", STRF(cw->ns), STRF(cw->metric),
                     cw->metric2.n ? " / " : "", STRF(cw->metric2), STRF(cw->dim), STRF(cw->stat), cw->period));
    else
      kit_add(c->a, &rb->queries, &rb->nqueries, str_printf(c->a, "the alert's own query: %.*s", STRF(r->expr)));
    if (obs.n)
      kit_add(c->a, &rb->queries, &rb->nqueries,
          str_printf(c->a, "%.*s: the API dashboard (request rate, 5xx ratio, p95 by route) over the last 6 hours, "
                           "with deploys marked",
                     STRF(obs)));
    kit_add(c->a, &rb->queries, &rb->nqueries, S("the error logs of the same window, grouped by route and error code"));
    Str sym = kit_vocab(p, "kit-alert-symptoms", r->name);
    if (sym.n) {
      const KbRecord *got[4];
      int n = intake_rank(c->a, p->kb, sym, got, 4);
      rb->causes = new(c->a, const KbRecord *, n > 0 ? n : 1);
      for (int x = 0; x < n; x++)
        rb->causes[rb->ncauses++] = got[x];
    }
    kit_add(c->a, &rb->steps, &rb->nsteps, r->runbook);
    if (deploy.n)
      kit_add(c->a, &rb->steps, &rb->nsteps,
          str_printf(c->a, "If it began with a deploy, roll back to the previous release: %.*s", STRF(deploy)));
    else if (compute.n)
      kit_add(c->a, &rb->steps, &rb->nsteps,
          str_printf(c->a, "If it began with a deploy, roll %.*s back to the previous release (DEPLOYMENT.md)",
                     STRF(compute)));
    rb->escalate = plan_fill(c->a, p, kit_vocab(p, "kit-escalate", r->severity));
  }
}

/* ---- gates ---- */

static void gate(Ctx *c, int *cap, Str name, Str crit, Str how) {
  Gate *g = push(c->a, c->k->gates, c->k->ngates, *cap);
  g->name = name;
  g->criterion = crit;
  g->how = how;
}

static void build_gates(Ctx *c) {
  const Plan *p = c->p;
  Kit *k = c->k;
  const Project *pr = &p->model->project;
  int cap = 0;
  char b1[32], b2[32];
  int fails = 0;
  for (int i = 0; i < p->nreview; i++)
    fails += p->review[i].status == REVIEW_FAIL;
  gate(c, &cap, S("design review"),
       str_printf(c->a, "plinth check reports no error, and the %d review items that fail today are fixed or accepted in "
                        "writing",
                  fails),
       S("plinth check SPEC; review RISKS.md's checklist"));
  double margin = kit_fig(p, "scalability-margin", 3);
  gate(c, &cap, S("scalability"),
       str_printf(c->a, "at the design load of %s requests/s (peak %s x %.0f) the p95 stays under %.0f ms and fewer than "
                        "%.2g%% of requests fail",
                  fmt_count(b1, p->load.design_rps), fmt_count(b2, p->load.peak_rps), margin, pr->latency[PCT_P95] * 1000,
                  p->api.error_budget * 100),
       S("the load test at design load (validate.sh)"));
  gate(c, &cap, S("security"),
       str_printf(c->a, "each of the %d STRIDE rows of RISKS.md has its mitigation in place; no request without "
                        "credentials reaches an operation that needs them (contract tests: no credentials); secrets "
                        "only in %.*s",
                  p->nstride * 6, STRF(p->docs && p->docs->secret_store.n ? p->docs->secret_store : S("the secret store"))),
       S("contract tests; review of RISKS.md's STRIDE table"));
  for (int i = 0; i < p->nchoices; i++) {
    const Choice *ch = &p->choices[i];
    if (!ch->tech || plan_team_knows(p, ch->tech))
      continue;
    kit_add(c->a, &k->new_techs, &k->nnew, ch->tech->name);
  }
  gate(c, &cap, S("proof of concept"),
       str_printf(c->a, "each of the %d technologies new to the team has a working spike in the real account before its "
                        "first task starts",
                  k->nnew),
       S("one spike per technology listed below"));
  gate(c, &cap, S("integration tests"),
       str_printf(c->a, "the %d contract-test requests pass against a running build (and the mock, in CI); the %d "
                        "event%s round-trip through %s transport",
                  k->ncases, k->nevents, k->nevents == 1 ? "" : "s", k->nevents == 1 ? "its" : "their"),
       S("newman on the contract tests, with baseUrl set to the build"));
  gate(c, &cap, S("observability"),
       str_printf(c->a, "the %d alerts are deployed, each with its runbook, and the check passes", p->nalerts),
       S("the alert-rule check (validate.sh)"));
}

/* ---- validate.sh ---- */
static void check(Ctx *c, int *cap, const char *name, const char *key, Str crit, Str note) {
  Check *x = push(c->a, c->k->checks, c->k->nchecks, *cap);
  x->name = str_c(name);
  x->command = kit_vocab(c->p, "kit-checks", str_c(key));
  x->criterion = crit;
  x->note = note;
}

static void build_checks(Ctx *c) {
  const Plan *p = c->p;
  Kit *k = c->k;
  int cap = 0;
  char b1[32];
  check(c, &cap, "OpenAPI lint", "openapi", str_printf(c->a, "no error on the %d operation%s", p->api.neps, p->api.neps == 1 ? "" : "s"), (Str){0});
  check(c, &cap, "AsyncAPI lint", "asyncapi", str_printf(c->a, "no error on the %d event%s", k->nevents, k->nevents == 1 ? "" : "s"), (Str){0});
  check(c, &cap, "contract tests", "contract",
        str_printf(c->a, "all %d requests answer the status they expect", k->ncases),
        S("against the mock, the tests prove the contract and the requests agree; against a build, they prove the build "
          "keeps the contract (not-owner needs two real accounts)"));
  k->mock_command = kit_vocab(p, "kit-checks", S("contract-mock"));
  Str alerts = str_printf(c->a, "alerts-%.*s", STRF(k->alert_form));
  check(c, &cap, "alert rules", str_dupz(c->a, alerts),
        str_printf(c->a, "the %d alerts parse, each with its runbook link", p->nalerts), (Str){0});
  Str iac = str_printf(c->a, "iac-%.*s", STRF(k->iac));
  int managed = 0;
  for (int i = 0; i < k->nres; i++)
    managed += k->res[i].managed_here;
  check(c, &cap, "infrastructure", str_dupz(c->a, iac),
        str_printf(c->a, "the %d managed resource%s and %d least-privilege role%s type-check "
                   "and preview without error", managed, managed == 1 ? "" : "s", k->ndeploys, k->ndeploys == 1 ? "" : "s"),
        (Str){0});
  check(c, &cap, "load test at design load", "loadtest",
        str_printf(c->a, "p95 under %.0f ms and under %.2g%% failed requests at %s requests/s", 
                   p->model->project.latency[PCT_P95] * 1000, p->api.error_budget * 100, fmt_count(b1, p->load.design_rps)),
        S("needs a deployed build: BASE_URL and TOKEN"));
}

/* The flows name the events they move (docfacts_flow): each feature's
 * events, in order. */
static void index_events(Ctx *c) {
  Kit *k = c->k;
  int nf = c->p->model->nfeatures;
  k->first_event = new(c->a, int, nf + 1);
  k->event_next = new(c->a, int, k->nevents + 1);
  for (int i = 0; i < nf; i++)
    k->first_event[i] = -1;
  for (int i = k->nevents - 1; i >= 0; i--) {
    const Feature *f = k->events[i].feature;
    k->event_next[i] = f ? k->first_event[f->index] : -1;
    if (f)
      k->first_event[f->index] = i;
  }
}

void plan_kit(Arena *a, Plan *p) {
  Kit *k = new(a, Kit, 1);
  p->kit = k;
  Ctx c = {.a = a, .p = p, .k = k, .worker = -1};
  k->project_id = kit_dash(a, p->model->project.name);
  int *uoe = new(a, int, p->model->nentities + 1);
  build_units(&c, uoe);
  assign_ops(&c, uoe);
  build_events(&c, uoe);
  count_cases(&c);
  const Tech *obs = plan_tech(p, "observability");
  Str form = obs ? kit_vocab(p, "kit-alert-form", obs->id) : (Str){0};
  k->alert_form = form.n ? form : S("prometheus");
  Str file = kit_vocab(p, "kit-alert-file", k->alert_form);
  k->alerts_file = file.n ? file : S("alerts.yaml");
  if (!str_eqc(k->alert_form, "prometheus") && !str_eqc(k->alert_form, "cloudwatch"))
    plan_alert_queries(a, p, k->alert_form);
  if (obs && !form.n)
    k->alert_note = str_printf(a, "%.*s has no alert format Plinth writes yet (kb/kit.kb kit-alert-form): these are "
                                  "Prometheus rules for a Prometheus-compatible evaluator fed the same metrics, or "
                                  "to translate into %.*s's own conditions, runbook links included.",
                               STRF(obs->name), STRF(obs->name));
  plan_kit_iac(a, p, k);
  plan_kit_cloudwatch(a, p, k);
  build_runbooks(&c);
  build_gates(&c);
  build_checks(&c);
  index_events(&c);
}
