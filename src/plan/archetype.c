/* Archetypes: the component each classic problem is about, sized from the
 * workload, and the design choices it implies (see core.h).
 *
 *   feed        fan-out service and timeline store; push, pull or hybrid
 *   presence    connection gateway and presence store; WebSocket or polling
 *   chat        the same, plus the inbox for offline members and receipts;
 *               the message store's access pattern
 *   nearby      geo index and matcher; geohash precision from the radius
 *   crawl       frontier, fetcher pool, seen-set, content store; Bloom or set
 *   shortlink   key generator, redirect path, click events, expiry sweep;
 *               key length, key scheme, 301 or 302, key-value or SQL
 *   leaderboard, counter   counter store and ranking; sharded counters
 *   media       upload, transcoding pipeline, delivery; HLS or progressive
 *   rate-limit  the limiter; in-process or shared counters
 *   reserve     holds, sales and the waiting room; where holds live, admission
 *   collab      document sessions and the edit log; how edits merge, routing
 *   exchange    pre-trade risk, sequencer and journal, matching engine,
 *               settlement, market data; where orders match, partitions
 *
 * Every figure comes from the spec's options or kb/archetypes.kb; a default
 * taken from the knowledge base is stated as an assumption. Each decision
 * records the value where its answer changes, computed from the same
 * figures, so a test can move the input across it. */
#include <math.h>
#include <stdio.h>

#include "../util/fmt.h"
#include "core.h"
#include "explain.h"

typedef struct {
  Arena *a;
  Plan *p;
  const Feature *f;
  Str en;                /* the entity's name, or "API" */
  const char *kind;      /* the feature kind's name */
  Component scratch;     /* returned for a component already added, so its load counts once */
} Ctx;

static double fig(const Ctx *c, const char *rec, const char *key, double dflt) {
  return plan_figure(c->p, rec, key, dflt);
}

/* An option's number, or the knowledge base's default stated as an
 * assumption. */
static double opt(Ctx *c, const char *name, const char *rec, const char *key, double dflt, const char *what) {
  const Option *o = feature_opt(c->f, name);
  if (o && o->nargs)
    return o->args[0].num;
  double v = fig(c, rec, key, dflt);
  char b[32];
  plan_assume(c->a, c->p, str_printf(c->a, "feature.%s.%.*s.%s", c->kind, STRF(c->en), name).p,
              "%s %.*s: %s = %s (kb/archetypes.kb %s.%s); say '%s' in the feature to change it", c->kind, STRF(c->en),
              what, fmt_count(b, v), rec, key, name);
  return v;
}

/* Rows a second an entity gains as storage grows it (its `grows`, a
 * stated rate, else the assumed growth), unscaled. */
static double rows_rate(const Plan *p, const Entity *e) {
  return p->storage.ents ? p->storage.ents[e->index].rows_per_month / (p->scale > 0 ? p->scale : 1) / p->load.seconds_per_month
                         : 0;
}

/* What an archetype's events are: the entity's own new rows (posts fanned
 * out, messages sent), the new rows that point at it (the likes a counter
 * counts), or the project's writes (holds on units). */
typedef enum { EVENTS_ROWS, EVENTS_CHILD_ROWS, EVENTS_WRITES } EventsOf;

/* The archetype's events a second: the feature's option, else the rows
 * the plan grows for them (stated as an assumption unless the spec gives
 * the growth), else the project's writes. */
static double entity_rate(Ctx *c, const char *name, const char *what, EventsOf of) {
  const Option *o = feature_opt(c->f, name);
  if (o && o->nargs)
    return o->args[0].num;
  const Plan *p = c->p;
  const Entity *e = c->f->entity;
  char b[32], b2[32];
  double v = 0;
  bool given = e && p->storage.ents && p->storage.ents[e->index].basis == GROWTH_GIVEN;
  if (e && of == EVENTS_ROWS)
    v = rows_rate(p, e);
  for (int i = 0; e && of == EVENTS_CHILD_ROWS && i < p->model->nentities; i++) {
    const Entity *x = &p->model->entities[i];
    bool points = false;
    for (int k = 0; k < x->nfields; k++)
      points |= x->fields[k].rel == REL_MANY_TO_ONE && x->fields[k].ref == e;
    if (points)
      v += rows_rate(p, x), given = false;
  }
  if (v > 0) {
    if (!given)
      plan_assume(c->a, c->p, str_printf(c->a, "feature.%s.%.*s.%s", c->kind, STRF(c->en), name).p,
                  "%s %.*s: %s %s/s = %s new rows a month %s %.*s, as storage grows them; say '%s N/day' to change it",
                  c->kind, STRF(c->en), fmt_count(b, v), what, fmt_count(b2, v * p->load.seconds_per_month),
                  of == EVENTS_ROWS ? "of" : "pointing at", STRF(c->en), name);
    return v;
  }
  if (e && given)
    return rows_rate(p, e);
  v = p->load.writes_per_s;
  plan_assume(c->a, c->p, str_printf(c->a, "feature.%s.%.*s.%s", c->kind, STRF(c->en), name).p,
              "%s %.*s: %s %s/s taken from the project's writes; say '%s N/day' to change it", c->kind, STRF(c->en),
              fmt_count(b, v), what, name);
  return v;
}

static double dau(const Plan *p) { return p->model->project.users * p->model->project.active; }
static double peak(const Plan *p) { return p->model->project.peak > 0 ? p->model->project.peak : 1; }

/* A component is added once per system: presence and chat share one
 * gateway, a leaderboard and a counter on one entity one counter store. */
static Component *find_component(const Plan *p, const char *name) {
  for (int i = 0; i < p->ncomponents; i++)
    if (str_eqc(p->components[i].name, name))
      return &p->components[i];
  return NULL;
}

static Component *component(Ctx *c, const char *name, const char *kind, const char *slot, double value,
                            const char *unit, int instances, Str purpose, Str sized_by) {
  if (find_component(c->p, name)) {
    c->scratch = (Component){0};
    return &c->scratch;
  }
  Component *k = push(c->a, c->p->components, c->p->ncomponents, c->p->component_cap);
  k->name = str_c(name);
  k->kind = str_c(kind);
  k->purpose = purpose;
  k->sized_by = sized_by;
  k->value = value;
  k->unit = str_c(unit);
  k->instances = instances;
  k->want = str_c(slot);
  k->feature = c->f;
  return k;
}

/* What a component adds to its slot's load, at peak. */
static void demand(Component *k, double writes, double reads, double hot_bytes, double throughput) {
  k->writes += writes, k->reads += reads, k->hot_bytes += hot_bytes, k->throughput += throughput;
}

void plan_archetype_slots(Plan *p) {
  for (int i = 0; i < p->ncomponents; i++)
    p->components[i].slot = plan_choice(p, p->components[i].want.p) ? p->components[i].want : (Str){0};
}

ComponentWork plan_component_work(const Plan *p) {
  double fn_gb = plan_figure(p, "compute", "function-memory", 536870912.0) / 1073741824.0;
  double per_vcpu = plan_figure(p, "compute", "function-gb-per-vcpu", 1.769);
  ComponentWork w = {.headroom = plan_figure(p, "compute", "worker-headroom", 1.5)};
  for (int i = 0; i < p->ncomponents; i++) {
    const Component *k = &p->components[i];
    w.kept += k->kept_bytes * p->scale;
    w.puts += k->puts * p->scale;
    w.gets += k->gets * p->scale;
    w.internet += k->internet_bytes * p->scale;
    if (!(k->worker_running > 0))
      continue;
    w.vcpu += k->worker_vcpu * p->scale;
    w.running += k->worker_running * p->scale;
    w.jobs += k->worker_jobs * p->scale;
    w.function_gb += k->worker_running * p->scale * fmax(fn_gb, k->worker_vcpu / k->worker_running * per_vcpu);
  }
  return w;
}

void plan_archetype_demand(const Plan *p, Str slot, Demand *d) {
  double design = p->load.margin * p->scale;
  if (str_eqc(slot, "compute")) {
    ComponentWork w = plan_component_work(p);
    d->vcpu += w.vcpu * w.headroom;
    d->concurrency += w.running * w.headroom;
  }
  for (int i = 0; i < p->ncomponents; i++) {
    const Component *k = &p->components[i];
    if (!str_eq(k->want, slot))
      continue;
    d->writes += k->writes * design;
    d->reads += k->reads * design;
    d->hot_bytes += k->hot_bytes * p->scale;
    d->throughput += k->throughput * design;
    if (k->key.n)
      d->shard_key = k->key;
    if (str_eqc(k->name, "Connection gateway") || str_eqc(k->name, "Market data fan-out")) {
      /* connections held at once, and the nodes that hold them */
      d->concurrency += k->value * p->scale;
      d->vcpu += k->value * p->scale / plan_figure(p, "connections", "per-node", 50000) *
                 plan_figure(p, "self-hosted", "node-vcpu", 2);
    }
  }
}

typedef struct {
  Str because[6];
  int nbecause;
  DesignAlt rejected[4];
  int nrejected;
} Why;

static void decide(Ctx *c, const char *topic, Str choice, const Why *w, const char *parameter, double flip, Str revisit) {
  Str t = c->en.n ? str_printf(c->a, "%s %.*s", topic, STRF(c->en)) : str_c(topic);
  for (int i = 0; i < c->p->ndesigns; i++)
    if (str_eq(c->p->designs[i].topic, t))
      return;
  DesignDecision *d = push(c->a, c->p->designs, c->p->ndesigns, c->p->design_cap);
  d->topic = t;
  d->choice = choice;
  d->because = new(c->a, Str, w->nbecause);
  for (int i = 0; i < w->nbecause; i++)
    d->because[d->nbecause++] = w->because[i];
  d->rejected = new(c->a, DesignAlt, w->nrejected);
  for (int i = 0; i < w->nrejected; i++)
    d->rejected[d->nrejected++] = w->rejected[i];
  d->parameter = str_c(parameter);
  d->flip = flip;
  d->revisit = revisit;
  d->feature = c->f;
}

#define BEC(w, ...) ((w)->because[(w)->nbecause++] = str_printf(c->a, __VA_ARGS__))
#define REJ(w, opt_, ...) ((w)->rejected[(w)->nrejected++] = (DesignAlt){str_c(opt_), str_printf(c->a, __VA_ARGS__)})
#define EXPLAIN(key, label, v, unit, ...) \
  plan_explain(c->a, c->p, str_printf(c->a, "archetype.%s.%.*s.%s", c->kind, STRF(c->en), key).p, label, v, unit, __VA_ARGS__)

/* 4890 -> "4.89 km", 153 -> "153 m". */
static char *fmt_dist(char *buf, double m) {
  char n[32];
  if (m >= 1000)
    snprintf(buf, 32, "%s km", fmt_count(n, m / 1000));
  else
    snprintf(buf, 32, "%s m", fmt_count(n, m));
  return buf;
}

static int nodes(double load, double per) { return per > 0 ? (int)fmax(1, ceil(load / per)) : 1; }

/* ---- feed ---- */

static void feed(Ctx *c) {
  Plan *p = c->p;
  char b1[32], b2[32], b3[32], b4[32], b5[32];
  double posts = entity_rate(c, "posts", "posts", EVENTS_ROWS);
  double followers = opt(c, "followers", "feed", "followers", 200, "average followers per author");
  double per_worker = fig(c, "feed", "writes-per-worker", 5000);
  double target = fig(c, "feed", "delivery-target", 5);
  /* The largest fan-out one post may do on write and still reach every
   * timeline within the delivery target. */
  const Option *co = feature_opt(c->f, "celebrity");
  double celeb = co ? co->args[0].num : per_worker * target;
  if (!co)
    plan_assume(c->a, p, str_printf(c->a, "feature.feed.%.*s.celebrity", STRF(c->en)).p,
                "feed %.*s: authors above %s followers count as celebrities, the most one worker delivers in the %g s target "
                "(%s writes/s, kb/archetypes.kb feed); say 'celebrity N' to change it",
                STRF(c->en), fmt_count(b1, celeb), target, fmt_count(b2, per_worker));
  double items = opt(c, "timeline", "feed", "timeline-items", 800, "items kept per timeline");
  double entry = fig(c, "feed", "entry-bytes", 32);
  double pk = posts * peak(p);
  double deliveries = pk * fmin(followers, celeb);
  double users = p->model->project.users, active = dau(p);
  int workers = nodes(deliveries, per_worker);
  double tl_bytes = active * items * entry;
  EXPLAIN("deliveries", "timeline deliveries per second at peak", deliveries, "/s",
          "posts %s/s x peak %g x followers %s = %s deliveries/s", fmt_count(b1, posts), peak(p), fmt_count(b2, fmin(followers, celeb)),
          fmt_count(b3, deliveries));
  demand(component(c, "Fan-out service", "service", "queue", deliveries, "deliveries/s", workers,
            str_printf(c->a, "copies each new %.*s id into its followers' timelines off the request path", STRF(c->en)),
            str_printf(c->a, "deliveries %s/s = posts %s/s x peak %g x followers %s; %d workers at %s writes/s each",
                       fmt_count(b1, deliveries), fmt_count(b2, posts), peak(p), fmt_count(b3, fmin(followers, celeb)), workers,
                       fmt_count(b4, per_worker))), 0, 0, 0, pk * 1000);
  demand(component(c, "Timeline store", "store", "cache", tl_bytes, "B", 0,
            str_printf(c->a, "holds each active user's precomputed timeline of %.*s ids, newest first", STRF(c->en)),
            str_printf(c->a, "%s = active users %s x %s items x %s B per entry; writes %s/s", fmt_bytes(b1, tl_bytes),
                       fmt_count(b2, active), fmt_count(b3, items), fmt_count(b4, entry), fmt_count(b5, deliveries))), deliveries, 0, tl_bytes, 0);
  Why w = {0};
  Str choice;
  const char *param;
  double flip;
  Str revisit;
  if (followers >= celeb) {
    choice = S("fan-out on read: merge the followed authors' recent posts when a timeline is read");
    BEC(&w, "average followers %s reach the write fan-out limit %s (%s writes/s per worker x %g s delivery target)",
        fmt_count(b1, followers), fmt_count(b2, celeb), fmt_count(b3, per_worker), target);
    REJ(&w, "fan-out on write", "each post would write %s timelines, past what a worker delivers in %g s", fmt_count(b1, followers), target);
    param = "followers";
    flip = celeb;
    revisit = str_printf(c->a, "when average followers fall below %s, fan out on write", fmt_count(b1, celeb));
  } else if (users > celeb) {
    choice = str_printf(c->a, "hybrid: fan-out on write for authors below %s followers, on read for those above", fmt_count(b1, celeb));
    BEC(&w, "an average author's %s followers are written in well under %g s", fmt_count(b1, followers), target);
    BEC(&w, "with %s users an account can pass %s followers; one post from it would write that many timelines", fmt_count(b1, users),
        fmt_count(b2, celeb));
    BEC(&w, "reads stay one key lookup for everyone, plus a merge of the few celebrities each user follows");
    REJ(&w, "fan-out on write for all", "a celebrity's post costs more writes than %g s of a worker's budget", target);
    REJ(&w, "fan-out on read for all", "every timeline read would merge posts from all %s followed accounts", fmt_count(b1, followers));
    param = "followers";
    flip = celeb;
    revisit = str_printf(c->a, "when average followers reach %s, fan out on read for everyone", fmt_count(b1, celeb));
  } else {
    choice = S("fan-out on write: each post is pushed to every follower's timeline");
    BEC(&w, "%s users: no account can pass %s followers, so no post outgrows the %g s delivery target", fmt_count(b1, users),
        fmt_count(b2, celeb), target);
    REJ(&w, "fan-out on read", "every timeline read would merge %s authors' posts", fmt_count(b1, followers));
    REJ(&w, "hybrid", "no celebrity accounts at %s users", fmt_count(b1, users));
    param = "users";
    flip = celeb;
    revisit = str_printf(c->a, "when users pass %s (an account could then pass the fan-out limit), go hybrid", fmt_count(b1, celeb));
  }
  decide(c, "feed fan-out", choice, &w, param, flip, revisit);
}

/* ---- presence and chat ---- */

static bool has_client(const Feature *f, const char *w) {
  const Option *o = feature_opt(f, "clients");
  for (int i = 0; o && i < o->nargs; i++)
    if (str_eqc(o->args[i].text, w))
      return true;
  return false;
}

/* Concurrent connections, the gateway and the transport decision, shared by
 * presence and chat. Returns the connections at peak. */
/* People connected at once at peak: active users x their connected time
 * a day (`session`) / 24 h x peak. */
static double connected(Ctx *c, double *session) {
  /* One figure for the project: the longest `session` any connected
   * feature (presence, chat, collab) states, else the kb's. */
  const Model *m = c->p->model;
  const Feature *by = NULL;
  double longest = 0;
  for (int i = 0; i < m->nfeatures; i++) {
    const Feature *g = &m->features[i];
    const Option *o = g->kind == FK_PRESENCE || g->kind == FK_CHAT || g->kind == FK_COLLAB || g->kind == FK_EXCHANGE ? feature_opt(g, "session") : NULL;
    if (o && o->nargs && o->args[0].num > longest)
      longest = o->args[0].num, by = g;
  }
  const Feature *f = c->f;
  if (by)
    c->f = by;
  *session = opt(c, "session", "connections", "session", 1800, "connected time per active user a day (s)");
  c->f = f;
  return dau(c->p) * *session / 86400 * peak(c->p);
}

static double connections(Ctx *c, bool chat) {
  Plan *p = c->p;
  char b1[32], b2[32], b3[32];
  double session, active = dau(p);
  double conns = connected(c, &session);
  double per_node = fig(c, "connections", "per-node", 50000);
  int gw = nodes(conns, per_node);
  EXPLAIN("connections", "concurrent connections at peak", conns, "",
          "active users %s x session %.0f s / 86400 s x peak %g = %s", fmt_count(b1, active), session, peak(p), fmt_count(b2, conns));
  component(c, "Connection gateway", "service", "realtime", conns, "connections", gw,
            S("holds each client's persistent connection, authenticates it once and routes messages to and from it"),
            str_printf(c->a, "connections %s = active users %s x session %.0f min / 24 h x peak %g; %d nodes at %s connections each",
                       fmt_count(b1, conns), fmt_count(b2, active), session / 60, peak(p), gw, fmt_count(b3, per_node)));
  /* Transport: long polling costs a request per client per hold period. */
  double hold = fig(c, "connections", "longpoll-hold", 25);
  double max_rps = fig(c, "connections", "longpoll-max-rps", 200);
  double polls = conns / hold;
  double flip = max_rps * hold;
  Why w = {0};
  Str choice;
  if (conns < flip && !chat && !has_client(c->f, "mobile")) {
    choice = S("long polling over the existing HTTP API");
    BEC(&w, "%s connections / %.0f s hold = %s polls/s, under the %s requests/s the API absorbs without a new tier",
        fmt_count(b1, conns), hold, fmt_count(b2, polls), fmt_count(b3, max_rps));
    REJ(&w, "WebSocket", "a connection tier to run for %s clients", fmt_count(b1, conns));
  } else {
    choice = S("WebSocket through the connection gateway");
    if (conns >= flip)
      BEC(&w, "long polling would cost %s requests/s (%s connections / %.0f s hold), past %s",
          fmt_count(b1, polls), fmt_count(b2, conns), hold, fmt_count(b3, max_rps));
    if (chat)
      BEC(&w, "chat sends both ways: typing, receipts and messages go up the same connection");
    if (has_client(c->f, "mobile"))
      BEC(&w, "mobile clients keep one socket instead of waking the radio for each poll");
    REJ(&w, "long polling", "%s requests/s of empty polls", fmt_count(b1, polls));
    REJ(&w, "server-sent events", "one-way: receipts and typing would need a second channel");
  }
  if (has_client(c->f, "legacy-web"))
    BEC(&w, "legacy-web clients fall back to long polling on the same endpoint");
  Str en = c->en;
  c->en = (Str){0};   /* one transport for the whole system */
  decide(c, "realtime transport", choice, &w, "connections", flip,
         str_printf(c->a, "at %s concurrent connections (%s polls/s at a %.0f s hold) the answer flips", fmt_count(b1, flip),
                    fmt_count(b2, max_rps), hold));
  c->en = en;
  return conns;
}

static void presence(Ctx *c, double conns) {
  char b1[32], b2[32], b3[32];
  double hb = opt(c, "heartbeat", "connections", "heartbeat", 30, "heartbeat interval (s)");
  double bytes = fig(c, "connections", "presence-bytes", 64);
  double beats = conns / hb;
  demand(component(c, "Presence store", "store", "cache", beats, "heartbeats/s", 0,
            str_printf(c->a, "keeps who is online: one key per connected user expiring after %.0f s without a heartbeat", 2 * hb),
            str_printf(c->a, "heartbeats %s/s = connections %s / %.0f s; %s in memory at %.0f B each", fmt_count(b1, beats),
                       fmt_count(b2, conns), hb, fmt_bytes(b3, conns * bytes), bytes)), beats, 0, conns * bytes, 0);
}

static void chat(Ctx *c) {
  Plan *p = c->p;
  char b1[32], b2[32], b3[32], b4[32];
  double conns = connections(c, true);
  presence(c, conns);
  double msgs = entity_rate(c, "messages", "messages", EVENTS_ROWS);
  double members = opt(c, "members", "connections", "members", 2, "members per conversation");
  double offline = opt(c, "offline", "connections", "offline", 30 * 86400.0, "days undelivered messages wait (s)");
  double mbytes = fig(c, "connections", "message-bytes", 300);
  double pk = msgs * peak(p);
  double deliveries = pk * fmax(1, members - 1);
  bool receipts = feature_has(c->f, "receipts") || !feature_opt(c->f, "receipts");
  EXPLAIN("deliveries", "message deliveries per second at peak", deliveries, "/s", "messages %s/s x peak %g x (members %g - 1) = %s/s",
          fmt_count(b1, msgs), peak(p), members, fmt_count(b2, deliveries));
  component(c, "Message router", "service", "realtime", deliveries, "deliveries/s", 0,
            S("looks up each member's connection and delivers the message, or parks it in the member's inbox"),
            str_printf(c->a, "deliveries %s/s = messages %s/s x peak %g x (members %g - 1)", fmt_count(b1, deliveries),
                       fmt_count(b2, msgs), peak(p), members));
  double share = 1 - fmin(1, conns / fmax(1, dau(p) * peak(p)));
  double inbox = deliveries / peak(p) * share * fmin(offline, 7 * 86400.0) * mbytes;
  component(c, "Offline inbox", "store", "database", inbox, "B", 0,
            str_printf(c->a, "keeps undelivered messages per member for up to %.0f days; drained on reconnect", offline / 86400),
            str_printf(c->a, "%s = deliveries %s/s x offline share %.0f%% x a week x %.0f B", fmt_bytes(b1, inbox),
                       fmt_count(b2, deliveries / peak(p)), share * 100, mbytes));
  /* Every delivery and receipt is a message through the realtime service,
   * which prices by message. */
  p->load.fanout_messages += deliveries / peak(p) * (receipts ? 3 : 1) * p->load.seconds_per_month;
  if (receipts)
    component(c, "Receipt tracker", "service", "realtime", deliveries * 2, "receipts/s", 0,
              S("records delivered and read marks per member and tells the sender"),
              str_printf(c->a, "receipts %s/s = deliveries %s/s x 2 (delivered, read)", fmt_count(b1, deliveries * 2),
                         fmt_count(b2, deliveries)));
  /* The message store's access pattern: append by conversation, read the
   * latest page of one conversation. */
  double sqlw = fig(c, "connections", "sql-writes", 2000);
  Why w = {0};
  Str choice;
  if (pk >= sqlw) {
    choice = S("wide-column store keyed by conversation, clustered by time");
    BEC(&w, "%s messages/s at peak pass the %s writes/s one SQL primary takes", fmt_count(b1, pk), fmt_count(b2, sqlw));
    BEC(&w, "every read is the latest page of one conversation: one partition, no joins");
    REJ(&w, "SQL", "writes would need sharding by conversation by hand");
  } else {
    choice = S("SQL table with an index on (conversation, created_at)");
    BEC(&w, "%s messages/s at peak fit one SQL primary (%s writes/s)", fmt_count(b1, pk), fmt_count(b2, sqlw));
    BEC(&w, "one store for messages and the rows they refer to keeps membership checks transactional");
    REJ(&w, "wide-column store", "a second database to run for %s writes/s", fmt_count(b1, pk));
  }
  decide(c, "message store", choice, &w, "messages_per_s", sqlw,
         str_printf(c->a, "at %s messages/s at peak the answer flips (%s writes/s per SQL primary)", fmt_count(b3, sqlw),
                    fmt_count(b4, sqlw)));
}

/* ---- nearby ---- */

static void nearby(Ctx *c) {
  Plan *p = c->p;
  char b1[32], b2[32], b3[32], b4[32];
  double radius = opt(c, "radius", "geo", "radius", 5000, "search radius (m)");
  /* The movers and how often they report: the feature's options, else
   * the project's stated devices and interval, else the kb's share. */
  const Project *pr = &p->model->project;
  double every = feature_opt(c->f, "updates") || !(pr->interval > 0)
                     ? opt(c, "updates", "geo", "update-interval", 4, "seconds between location reports")
                     : pr->interval;
  const Option *mo = feature_opt(c->f, "movers");
  double movers = mo ? mo->args[0].num : pr->devices > 0 ? pr->devices : dau(p) * fig(c, "geo", "mover-share", 0.1);
  if (!mo && !(pr->devices > 0))
    plan_assume(c->a, p, str_printf(c->a, "feature.nearby.%.*s.movers", STRF(c->en)).p,
                "nearby %.*s: %s items report locations (active users x %.0f%%); say 'movers N' to change it", STRF(c->en),
                fmt_count(b1, movers), fig(c, "geo", "mover-share", 0.1) * 100);
  double updates = movers / every * peak(p);
  double queries = p->load.reads_per_s * peak(p);
  double ebytes = fig(c, "geo", "entry-bytes", 64);
  double writes = fig(c, "geo", "index-writes", 50000);
  int shards = nodes(updates, writes);
  EXPLAIN("updates", "location updates per second at peak", updates, "/s", "movers %s / %g s x peak %g = %s/s",
          fmt_count(b1, movers), every, peak(p), fmt_count(b2, updates));
  /* Geohash precision: the finest cell still as wide as the radius, so the
   * cell and its 8 neighbours cover every point within the radius. */
  static const char *const cells[] = {"cell-1", "cell-2", "cell-3", "cell-4", "cell-5", "cell-6", "cell-7", "cell-8"};
  int prec = 1;
  double cell = fig(c, "geo", cells[0], 5e6);
  for (int k = 2; k <= 8; k++) {
    double w = fig(c, "geo", cells[k - 1], 0);
    if (w >= radius)
      prec = k, cell = w;
  }
  double finer = prec < 8 ? fig(c, "geo", cells[prec], 0) : 0;
  demand(component(c, "Geo index", "store", "cache", updates, "updates/s", shards,
            str_printf(c->a, "keeps each %.*s's latest position in geohash cells of precision %d and answers radius queries",
                       STRF(c->en), prec),
            str_printf(c->a, "updates %s/s = movers %s / %g s x peak %g; %s in memory at %.0f B each; %d shard%s at %s writes/s",
                       fmt_count(b1, updates), fmt_count(b2, movers), every, peak(p), fmt_bytes(b3, movers * ebytes), ebytes,
                       shards, shards == 1 ? "" : "s", fmt_count(b4, writes))), updates, queries * 9, movers * ebytes, 0);
  if (feature_has(c->f, "match"))   /* dispatch: a request is matched to one item */
    component(c, "Matcher", "service", "compute", queries, "queries/s", 0,
            str_printf(c->a, "takes the candidates in the 9 cells around a request, filters by distance and ranks them by ETA; "
                             "offers the best %.*s and holds it until accepted", STRF(c->en)),
            str_printf(c->a, "queries %s/s = reads %s/s x peak %g, each scanning 9 cells", fmt_count(b1, queries),
                       fmt_count(b2, p->load.reads_per_s), peak(p)));
  Why w = {0};
  BEC(&w, "radius %s: a precision-%d cell is %s wide, so the cell and its 8 neighbours cover the circle", fmt_dist(b1, radius),
      prec, fmt_dist(b2, cell));
  if (finer > 0)
    BEC(&w, "precision %d (%s cells) would miss points within the radius", prec + 1, fmt_dist(b1, finer));
  BEC(&w, "%s location updates/s each move one key between cells: O(1), no rebalancing", fmt_count(b1, updates));
  REJ(&w, "quadtree", "rebuilt or rebalanced as %s items move every %g s", fmt_count(b1, movers), every);
  REJ(&w, "H3 hexagons", "equal neighbour distances, but a library in every service; geohash prefixes work in the stores as they are");
  REJ(&w, "SQL bounding-box query", "%s writes/s of moving points rewrite a spatial index continuously", fmt_count(b1, updates));
  decide(c, "geo index", str_printf(c->a, "geohash precision %d (cells %s wide), 3 x 3 cell query", prec, fmt_dist(b1, cell)),
         &w, "radius_m", finer > 0 ? finer : cell,
         finer > 0 ? str_printf(c->a, "when the radius falls to %s or less, use precision %d; past %s, precision %d", fmt_dist(b1, finer),
                                prec + 1, fmt_dist(b2, cell), prec - 1)
                   : str_printf(c->a, "when the radius passes %s, use precision %d", fmt_dist(b1, cell), prec - 1));
}

/* ---- crawl ---- */

static void crawl(Ctx *c) {
  Plan *p = c->p;
  char b1[32], b2[32], b3[32], b4[32], b5[32], b6[32];
  const Option *po = feature_opt(c->f, "pages");
  double pages = po ? po->args[0].num : fig(c, "crawl", "pages-per-month", 10e6) / p->load.seconds_per_month;
  if (!po)
    plan_assume(c->a, p, str_printf(c->a, "feature.crawl.%.*s.pages", STRF(c->en)).p,
                "crawl %.*s: %s pages a month (kb/archetypes.kb crawl.pages-per-month); say 'pages N/month' to change it",
                STRF(c->en), fmt_count(b1, pages * p->load.seconds_per_month));
  double polite = opt(c, "politeness", "crawl", "politeness", 1, "seconds between fetches from one host");
  double latency = fig(c, "crawl", "fetch-latency", 0.5);
  double per_node = fig(c, "crawl", "fetches-per-node", 500);
  double psize = opt(c, "page-size", "crawl", "page-bytes", 100e3, "bytes per page");
  double recrawl = opt(c, "recrawl", "crawl", "recrawl", 30 * 86400.0, "seconds between fetches of one page");
  double ubytes = fig(c, "crawl", "url-bytes", 100);
  double hosts_busy = pages * polite;
  double inflight = pages * latency;
  int fetchers = nodes(inflight, per_node);
  double unique = pages * recrawl;
  double bw = pages * psize * 8;
  EXPLAIN("pages", "pages fetched per second", pages, "/s", "%s pages/month / %.0f s = %s/s",
          fmt_count(b1, pages * p->load.seconds_per_month), p->load.seconds_per_month, fmt_count(b2, pages));
  demand(component(c, "URL frontier", "queue", "queue", unique, "URLs", 0,
            S("one queue per host with a next-fetch time, so no host is fetched faster than its politeness delay; "
              "priorities and re-crawl due dates decide the order"),
            str_printf(c->a, "%s URLs = pages %s/s x re-crawl %.0f days; %s at %.0f B per URL; at least %s hosts busy at once "
                             "(pages/s x %g s politeness)",
                       fmt_count(b1, unique), fmt_count(b2, pages), recrawl / 86400, fmt_bytes(b3, unique * ubytes), ubytes,
                       fmt_count(b4, hosts_busy), polite)), 0, 0, 0, pages * ubytes * 2);
  Component *fp = component(c, "Fetcher pool", "service", "compute", inflight, "fetches in flight", fetchers,
            S("fetches pages over HTTP, honours robots.txt and Crawl-delay, follows redirects with a depth limit"),
            str_printf(c->a, "%s fetches in flight = pages %s/s x %.0f ms latency; %d nodes at %s each; %s bit/s inbound",
                       fmt_count(b1, inflight), fmt_count(b2, pages), latency * 1000, fetchers, fmt_count(b3, per_node),
                       fmt_count(b4, bw)));
  /* The fetchers run as workers on the compute: their nodes' vCPUs, and
   * each fetch in flight (a function is billed while it waits). */
  fp->worker_vcpu = fetchers * plan_figure(p, "self-hosted", "node-vcpu", 2);
  fp->worker_running = inflight;
  fp->worker_jobs = pages;
  fp->internet_bytes = pages * psize;
  double bits = fig(c, "crawl", "bloom-bits", 10);
  double setmem = fig(c, "crawl", "set-memory", 64e9);
  double flip = setmem / ubytes;
  demand(component(c, "Seen-URL and content dedup", "store", "cache", unique, "URLs", 0,
            S("drops URLs already queued and pages whose content fingerprint (SimHash) was seen, which also breaks crawler traps"),
            str_printf(c->a, "%s URLs x %s = %s", fmt_count(b1, unique), unique >= flip ? "10 bits (Bloom filter)" : "100 B (exact set)",
                       fmt_bytes(b2, unique >= flip ? unique * bits / 8 : unique * ubytes))), pages, pages, unique >= flip ? unique * bits / 8 : unique * ubytes, 0);
  /* The store keeps the latest fetch of each URL. One object per page
   * costs a write request per fetch; pages appended to segment files
   * (WARC) cost one per segment. Segments pay while a page's write
   * request costs more than storing the page until its next fetch. */
  const Tech *ref = kb_tech(p->kb, S("aws-s3"));
  double put_usd = ref ? tech_value(ref, KEY_PRICE, "million-writes", 5) / 1e6 : 5e-6;
  double gb_usd = ref ? tech_value(ref, KEY_PRICE, "gb-month", 0.023) : 0.023;
  double seg = fig(c, "crawl", "segment-bytes", 1e9);
  double held_usd = psize / 1e9 * gb_usd * recrawl / p->load.seconds_per_month;   /* a page until its next fetch */
  double seg_flip = put_usd / (gb_usd / 1e9 * recrawl / p->load.seconds_per_month);   /* page bytes */
  bool segments = put_usd > held_usd;
  Component *cs = component(c, "Content store and indexer", "store", "object-storage", unique * psize, "B", 0,
            S("keeps the latest fetch of each URL and feeds the parser, the link extractor and the index builder"),
            str_printf(c->a, "%s = unique URLs %s x %s; %s a month written = pages %s/s x %s x %.0f s",
                       fmt_bytes(b1, unique * psize), fmt_count(b2, unique), fmt_bytes(b3, psize),
                       fmt_bytes(b4, pages * psize * p->load.seconds_per_month), fmt_count(b5, pages), fmt_bytes(b6, psize),
                       p->load.seconds_per_month));
  cs->kept_bytes = unique * psize;
  cs->puts = segments ? pages * psize / seg : pages;
  cs->gets = pages;   /* the parser reads each fetch once (a range read of its segment) */
  {
    Why w = {0};
    Str choice;
    if (segments) {
      choice = str_printf(c->a, "pages appended to segment files of %s (WARC) with an index from URL to segment and offset", fmt_bytes(b1, seg));
      BEC(&w, "a write request ($%.6f at Amazon S3's price) costs more than keeping a %s page for its %.0f days until the next fetch ($%.6f)",
          put_usd, fmt_bytes(b1, psize), recrawl / 86400, held_usd);
      BEC(&w, "%s write requests a month become %s", fmt_count(b1, pages * p->load.seconds_per_month),
          fmt_count(b2, pages * psize / seg * p->load.seconds_per_month));
      REJ(&w, "one object per page", "%s write requests a month, $%.0f at Amazon S3's price", fmt_count(b1, pages * p->load.seconds_per_month),
          pages * p->load.seconds_per_month * put_usd);
    } else {
      choice = S("one object per page, keyed by URL hash");
      BEC(&w, "keeping a %s page for %.0f days ($%.6f) costs more than its write request ($%.6f): requests are a small share of the bill",
          fmt_bytes(b1, psize), recrawl / 86400, held_usd, put_usd);
      REJ(&w, "segment files", "an index from URL to (segment, offset) and compaction of replaced pages, for little saving");
    }
    decide(c, "content store layout", choice, &w, "page_bytes", seg_flip,
           str_printf(c->a, "at %s a page (with a re-crawl every %.0f days) the answer flips", fmt_bytes(b1, seg_flip), recrawl / 86400));
  }
  component(c, "Re-crawl scheduler", "job", "queue", pages, "pages/s", 0,
            str_printf(c->a, "puts each page back in the frontier when its re-crawl interval (%.0f days) falls due, sooner for pages "
                             "that changed", recrawl / 86400),
            str_printf(c->a, "%s due pages/s = unique URLs %s / %.0f s", fmt_count(b1, unique / recrawl), fmt_count(b2, unique), recrawl));
  Why w = {0};
  Str choice;
  if (unique >= flip) {
    choice = str_printf(c->a, "Bloom filter at %.0f bits per URL (about 1%% false positives)", bits);
    BEC(&w, "%s URLs x %.0f B = %s, past the %s a memory node holds", fmt_count(b1, unique), ubytes, fmt_bytes(b2, unique * ubytes),
        fmt_bytes(b3, setmem));
    BEC(&w, "a false positive only skips one URL until its re-crawl");
    REJ(&w, "exact set", "%s of keys", fmt_bytes(b1, unique * ubytes));
  } else {
    choice = S("exact set of URL hashes in the key-value store");
    BEC(&w, "%s URLs x %.0f B = %s fits one memory node (%s)", fmt_count(b1, unique), ubytes, fmt_bytes(b2, unique * ubytes),
        fmt_bytes(b3, setmem));
    REJ(&w, "Bloom filter", "false positives drop pages for no saving at this size");
  }
  decide(c, "seen-URL test", choice, &w, "unique_urls", flip,
         str_printf(c->a, "at %s unique URLs (%s / %.0f B) the answer flips", fmt_count(b1, flip), fmt_bytes(b2, setmem), ubytes));
}

/* ---- shortlink ---- */

/* A shortlink's new links a second: the option, else the entity's stated
 * growth, else the project's stated writes (a shortener's writes are its
 * links), else the kb's default. *grown: the growth gave it. */
static double short_links(const Ctx *c, const Feature *f, bool *grown) {
  const Plan *p = c->p;
  const Option *lo = feature_opt(f, "links");
  const Entity *e = f->entity;
  *grown = !lo && e && p->storage.ents && p->storage.ents[e->index].basis == GROWTH_GIVEN;
  return lo && lo->nargs ? lo->args[0].num
         : *grown ? rows_rate(p, e)
         : p->model->project.writes_per_s > 0 ? p->model->project.writes_per_s
         : fig(c, "shortlink", "links-per-month", 1e6) / p->load.seconds_per_month;
}

/* Its redirects a second: the option, else the project's stated reads,
 * else the kb's reads per link. */
static double short_redirects(const Ctx *c, const Feature *f, double links) {
  const Option *ro = feature_opt(f, "redirects");
  double reads = c->p->model->project.reads_per_s;
  return ro && ro->nargs ? ro->args[0].num : reads > 0 ? reads : links * fig(c, "shortlink", "reads-per-link", 100);
}

static void shortlink(Ctx *c) {
  Plan *p = c->p;
  char b1[32], b2[32], b3[32], b4[32];
  bool grown;
  double links = short_links(c, c->f, &grown);
  const Option *lo = feature_opt(c->f, "links");
  if (!lo && !grown)
    plan_assume(c->a, p, str_printf(c->a, "feature.shortlink.%.*s.links", STRF(c->en)).p,
                p->model->project.writes_per_s > 0
                    ? "shortlink %.*s: %s new keys a month, the project's writes; say 'links N/month' to change it"
                    : "shortlink %.*s: %s new keys a month (kb/archetypes.kb shortlink.links-per-month); say "
                      "'links N/month' to change it",
                STRF(c->en), fmt_count(b1, links * p->load.seconds_per_month));
  double redirects = short_redirects(c, c->f, links);
  double rpl = redirects / fmax(links, 1e-9);
  double years = opt(c, "years", "shortlink", "years", 10, "years of keys the key space must hold");
  double safety = fig(c, "shortlink", "safety", 1000);
  double alpha = fig(c, "shortlink", "alphabet", 62);
  double hit = fig(c, "shortlink", "cache-hit", 0.9);
  double sqlr = fig(c, "shortlink", "sql-reads", 10000);
  bool analytics = !feature_has(c->f, "no-analytics");
  double keys = links * 365.25 * 86400 * years;
  int len = (int)ceil(log(fmax(keys * safety, 2)) / log(alpha));
  if (len < 5)
    len = 5;
  double space = pow(alpha, len);
  double pk = redirects * peak(p);
  EXPLAIN("keys", "keys created over the key-space horizon", keys, "", "links %s/s x %g years = %s keys", fmt_count(b1, links), years,
          fmt_count(b2, keys));
  component(c, "Key generator", "service", "compute", links, "keys/s", 0,
            str_printf(c->a, "draws random %d-character base%.0f keys and inserts them under a unique constraint, retrying on the rare "
                             "collision", len, alpha),
            str_printf(c->a, "%s keys in %g years = links %s/s x %g years; key space %.0f^%d = %s, %s of it used",
                       fmt_count(b1, keys), years, fmt_count(b2, links), years, alpha, len, fmt_count(b3, space),
                       fmt_count(b4, keys / space)));
  demand(component(c, "Redirect path", "edge", "cache", pk, "redirects/s", 0,
            S("GET /{code} looks the key up in the cache, then the store, and answers with a Location header"),
            str_printf(c->a, "redirects %s/s = links %s/s x %s reads per link x peak %g; store reads %s/s after a %.0f%% cache hit ratio",
                       fmt_count(b1, pk), fmt_count(b2, links), fmt_count(b3, rpl), peak(p), fmt_count(b4, pk * (1 - hit)), hit * 100)), 0, pk, 0, 0);
  if (analytics)
    demand(component(c, "Click events", "queue", "queue", pk, "events/s", 0,
              S("each redirect appends a click event (key, time, referrer, country); a consumer rolls them into per-link counts"),
              str_printf(c->a, "events %s/s = redirects at peak", fmt_count(b1, pk))), 0, 0, 0, pk * 200);
  double expire = opt(c, "expire", "shortlink", "expire", 365 * 86400.0, "key lifetime (s)");
  component(c, "Expiry sweeper", "job", "queue", links, "keys/s", 0,
            str_printf(c->a, "a scheduled job deletes keys past their expiry (default %.0f days) in batches and evicts them from the cache",
                       expire / 86400),
            str_printf(c->a, "expired keys %s/s in steady state = links created", fmt_count(b1, links)));
  /* Key length. */
  Why w = {0};
  BEC(&w, "%s keys over %g years x safety %s = %s; %.0f^%d = %s covers it", fmt_count(b1, keys), years, fmt_count(b2, safety),
      fmt_count(b3, keys * safety), alpha, len, fmt_count(b4, space));
  BEC(&w, "a random key collides with probability %s per insert", fmt_count(b1, keys / space));
  REJ(&w, "sequential counter", "keys are guessable: strangers could walk every link");
  REJ(&w, "hash of the URL", "the same URL gets the same key for every owner, and truncation collisions need a second probe anyway");
  double flip = space / safety / (365.25 * 86400 * years);
  decide(c, "short key", str_printf(c->a, "random base%.0f keys of %d characters", alpha, len), &w, "links_per_s", flip,
         str_printf(c->a, "when creation passes %s links/s (%s a month), use %d characters", fmt_count(b1, flip),
                    fmt_count(b2, flip * p->load.seconds_per_month), len + 1));
  /* Redirect status. */
  Why r = {0};
  if (analytics) {
    BEC(&r, "clicks are counted: a 302 brings every visit back to the server, where it is recorded");
    REJ(&r, "301 Moved Permanently", "browsers cache it and later clicks never reach the server, so they are never counted");
  } else {
    BEC(&r, "no click analytics: browsers and proxies may cache a 301, taking repeat visits off the %s redirects/s", fmt_count(b1, pk));
    REJ(&r, "302 Found", "every repeat click costs a round trip for nothing the system records");
  }
  decide(c, "redirect status", analytics ? S("302 Found") : S("301 Moved Permanently"), &r, "analytics", analytics ? 1 : 0,
         analytics ? S("if click analytics are dropped ('no-analytics'), answer 301") : S("if clicks must be counted, answer 302"));
  /* Store. */
  Why s = {0};
  double reads = pk * (1 - hit);
  Str choice;
  if (reads >= sqlr) {
    choice = S("key-value store, the key as partition key");
    BEC(&s, "%s store reads/s after the cache pass the %s reads/s of one SQL primary", fmt_count(b1, reads), fmt_count(b2, sqlr));
    BEC(&s, "every read and write is by key: no joins, no ranges");
    REJ(&s, "SQL", "read replicas or sharding for a pure key lookup");
  } else {
    choice = S("a table of the system of record, the key as its primary key, behind the cache");
    BEC(&s, "%s store reads/s after the cache fit one primary (%s reads/s)", fmt_count(b1, reads), fmt_count(b2, sqlr));
    BEC(&s, "a unique key makes collision retries safe; owners and expiry are plain attributes");
    REJ(&s, "a separate key-value store", "a second database for %s reads/s", fmt_count(b1, reads));
  }
  decide(c, "link store", choice, &s, "redirects_per_s", sqlr / (1 - hit),
         str_printf(c->a, "at %s redirects/s at peak (%s store reads/s after the cache) the answer flips", fmt_count(b1, sqlr / (1 - hit)),
                    fmt_count(b2, sqlr)));
}

/* ---- counters and rankings ---- */

static void counter(Ctx *c, bool ranking) {
  Plan *p = c->p;
  char b1[32], b2[32], b3[32], b4[32];
  /* A leaderboard and a counter on one entity share one store: the
   * busiest rate either gives sizes it. */
  double rate = 0;
  bool given = false;
  for (int i = 0; i < p->model->nfeatures; i++) {
    const Feature *g = &p->model->features[i];
    const Option *o = (g->kind == FK_COUNTER || g->kind == FK_LEADERBOARD) && g->entity == c->f->entity
                          ? feature_opt(g, "updates") : NULL;
    if (o && o->nargs && o->args[0].num > rate)
      rate = o->args[0].num, given = true;
  }
  /* A shortlink on the entity counts its redirects (each is a click). */
  for (int i = 0; !given && i < p->model->nfeatures; i++) {
    const Feature *g = &p->model->features[i];
    bool grown;
    if (g->kind == FK_SHORTLINK && g->entity && g->entity == c->f->entity)
      rate = short_redirects(c, g, short_links(c, g, &grown)), given = true;
  }
  if (!given)
    rate = entity_rate(c, "updates", "updates", EVENTS_CHILD_ROWS);
  double updates = rate * peak(p);
  double hot = updates * fig(c, "counter", "hot-share", 0.1);
  double row = fig(c, "counter", "row-updates", 500);
  double keyops = fig(c, "counter", "key-ops", 100000);
  int shards = nodes(hot, keyops);
  EXPLAIN("hot", "updates per second on the hottest key", hot, "/s", "updates %s/s x hot share %.0f%% = %s/s", fmt_count(b1, updates),
          fig(c, "counter", "hot-share", 0.1) * 100, fmt_count(b2, hot));
  /* The store exists for in-memory counters and rankings only: counts
   * under a locked row's rate stay a column of the database. */
  bool memory = hot >= row || ranking;
  if (memory)
    demand(component(c, "Counter store", "store", "cache", updates, "increments/s", shards,
            str_printf(c->a, "increments %.*s counters in memory and flushes totals to the database in batches", STRF(c->en)),
            str_printf(c->a, "increments %s/s = updates %s/s x peak %g; hottest key %s/s (%.0f%%); %d key shard%s at %s ops/s",
                       fmt_count(b1, updates), fmt_count(b4, rate), peak(p), fmt_count(b2, hot),
                       fig(c, "counter", "hot-share", 0.1) * 100, shards, shards == 1 ? "" : "s", fmt_count(b3, keyops))), updates, 0, 0, 0);
  if (ranking) {
    double top = opt(c, "top", "counter", "top", 100, "entries shown in a ranking");
    double rows = p->storage.ents && c->f->entity ? p->storage.ents[c->f->entity->index].rows_now : 0;
    double eb = fig(c, "counter", "entry-bytes", 80);
    component(c, "Ranking", "store", "cache", rows, "entries", 0,
              str_printf(c->a, "a sorted set by score: rank of one entry and the top %.0f in O(log n)", top),
              str_printf(c->a, "%s entries x %.0f B = %s in memory", fmt_count(b1, rows), eb, fmt_bytes(b2, rows * eb)));
  }
  Why w = {0};
  Str choice;
  if (hot >= row) {
    int n = (int)ceil(hot / row);
    choice = str_printf(c->a, "in-memory counters (INCR), %s", shards > 1 ? "sharded by key suffix" : "one key per counter");
    BEC(&w, "the hottest key takes %s updates/s, past the %s a locked database row takes", fmt_count(b1, hot), fmt_count(b2, row));
    REJ(&w, "UPDATE ... SET n = n + 1", "row lock contention at %s/s", fmt_count(b1, hot));
    REJ(&w, "sharded database counters", "%d shard rows summed on every read", n);
  } else {
    choice = S("database counter column, incremented in the write's transaction");
    BEC(&w, "the hottest key takes %s updates/s, under the %s a locked row takes", fmt_count(b1, hot), fmt_count(b2, row));
    REJ(&w, "in-memory counters", "a second store and a flush job for %s updates/s", fmt_count(b1, hot));
  }
  decide(c, "counters", choice, &w, "hot_key_per_s", row,
         str_printf(c->a, "at %s updates/s on one key the answer flips", fmt_count(b1, row)));
}

/* ---- media ---- */

/* What the first word of `name` found in the kb vocab `rec` means, or
 * empty. Names are split into words at underscores and capitals:
 * PodcastEpisode, audio_file, seats_left. */
static Str name_word(const Plan *p, const char *rec, Str name) {
  ptrdiff_t i = 0;
  while (i < name.n) {
    char w[32];
    int n = 0;
    do
      if (n < (int)sizeof w)
        w[n++] = (char)(name.p[i] >= 'A' && name.p[i] <= 'Z' ? name.p[i] + 32 : name.p[i]);
    while (++i < name.n && name.p[i] != '_' && !(name.p[i] >= 'A' && name.p[i] <= 'Z'));
    while (i < name.n && name.p[i] == '_')
      i++;
    if (n < (int)sizeof w) {
      const KbRecord *r = kb_record(p->kb, "vocab", str_c(rec));
      for (int k = 0; r && k < r->nitems; k++)
        if (str_eq(r->items[k].key, (Str){w, n}) && r->items[k].nvals)
          return r->items[k].vals[0].text;
    }
  }
  return (Str){0};
}

/* What a media feature plays: its `medium`, else a word of its file
 * fields' names or of an upload's `types`, else of the entity's name;
 * video when none says. `from` says which. */
Str plan_media_medium(const Plan *p, const Feature *mf, Str *from) {
  const Option *o = feature_opt(mf, "medium");
  *from = (Str){0};
  if (o && o->nargs)
    return *from = S("the feature's medium"), o->args[0].text;
  const Entity *e = mf->entity;
  for (int k = 0; e && k < e->nfields; k++) {
    Str m = e->fields[k].type == FT_BLOB ? name_word(p, "media-words", e->fields[k].name) : (Str){0};
    if (m.n)
      return *from = e->fields[k].name, m;
  }
  for (int i = 0; e && i < p->model->nfeatures; i++) {
    const Feature *u = &p->model->features[i];
    const Option *t = u->kind == FK_UPLOAD && u->field && u->field->entity == e ? feature_opt(u, "types") : NULL;
    for (int k = 0; t && k < t->nargs; k++) {
      Str m = name_word(p, "media-words", t->args[k].text);
      if (m.n)
        return *from = u->field->name, m;
    }
  }
  Str m = e ? name_word(p, "media-words", e->name) : (Str){0};
  if (m.n)
    return *from = e->name, m;
  return S("video");
}

/* A medium's figures record (plan_figure remembers records by address,
 * so the names are literals); an image has none. */
static const char *medium_record(Str medium) {
  return str_eqc(medium, "audio") ? "media-audio" : str_eqc(medium, "clip") ? "media-clip" : "media-video";
}

static double medium_figure(const Plan *p, Str medium, const char *key, double dflt) {
  return plan_figure(p, medium_record(medium), key, dflt);
}

/* A media entity most of whose parents carry none (fewer than one per
 * parent) is a part of what the audience comes for, not the product. */
static bool media_minor(const Feature *mf) {
  const Entity *e = mf->entity;
  return e && e->parent && e->has_per && e->per_n < 1;
}

/* Bytes a month streamed to the audience: active users x the time each
 * plays a day x the medium's bytes an hour, shared among the streamed
 * media features; 0 when the files are delivered per view. A stated
 * `watch` streams whatever the file; without it a file streams when it
 * plays longer than a `streaming-bytes` video file (an image never does),
 * and a minor part of the product is sized per view. */
double plan_media_streamed(const Plan *p, const Feature *mf, double bytes) {
  const Model *m = p->model;
  Str from, medium = plan_media_medium(p, mf, &from);
  const Option *wo = feature_opt(mf, "watch");
  bool watched = wo && wo->nargs;
  double rate = medium_figure(p, medium, "bytes-per-hour", 3e9) / 3600;
  double flip = plan_figure(p, "media", "streaming-bytes", 20e6) / (medium_figure(p, S("video"), "bytes-per-hour", 3e9) / 3600);
  if (str_eqc(medium, "image") || (!watched && (!(bytes / rate >= flip) || media_minor(mf))))
    return 0;
  int streamed = 0;   /* the media features an audience may stream */
  for (int i = 0; i < m->nfeatures; i++) {
    const Feature *x = &m->features[i];
    Str xf;
    streamed += x->kind == FK_MEDIA && x->entity && !str_eqc(plan_media_medium(p, x, &xf), "image") &&
                (!media_minor(x) || feature_opt(x, "watch"));
  }
  double watch = watched ? wo->args[0].num : medium_figure(p, medium, "watch-per-day", 7200);
  double S = p->scale > 0 ? p->scale : 1;
  return dau(p) * S * watch * rate * m->project.month / 86400 / (streamed ? streamed : 1);
}

static void media(Ctx *c) {
  Plan *p = c->p;
  char b1[32], b2[32], b3[32], b4[32];
  /* The uploads, their size, what is kept and what is viewed are the
   * plan's storage figures (capacity.c); here they are stated. */
  const EntityStorage *es = &p->storage.ents[c->f->entity->index];
  double month = p->load.seconds_per_month;
  double ups = es->rows_per_month / (p->scale > 0 ? p->scale : 1) / month;
  if (!feature_opt(c->f, "uploads") && es->basis != GROWTH_GIVEN)
    plan_assume(c->a, p, str_printf(c->a, "feature.media.%.*s.uploads", STRF(c->en)).p,
                "media %.*s: %s uploads a month (kb/archetypes.kb media.uploads-per-month); say 'uploads N/month' to change it",
                STRF(c->en), fmt_count(b1, ups * month));
  double size = es->upload_bytes;
  if (!feature_opt(c->f, "size") && !(c->f->entity->blob_bytes > 0))
    opt(c, "size", "media", "size", 200e6, "bytes per upload");   /* the default capacity.c took, stated */
  double rend = opt(c, "renditions", "media", "renditions", 4, "renditions per file");
  double views = opt(c, "views", "media", "views", 50, "views per file");
  double share = fig(c, "media", "rendition-share", 0.5);
  double cost = fig(c, "media", "transcode-vcpu-s-per-gb", 600);
  double vcpu = ups * size / 1e9 * rend * cost;
  double stored = es->blob_per_month / (p->scale > 0 ? p->scale : 1);
  double egress = es->download_per_month / (p->scale > 0 ? p->scale : 1);
  EXPLAIN("transcode", "transcoding vCPUs busy on average", vcpu, "vCPU", "uploads %s/s x %s x %g renditions x %.0f vCPU-s/GB",
          fmt_count(b1, ups), fmt_bytes(b2, size), rend, cost);
  component(c, "Upload ingest", "edge", "object-storage", ups * month, "uploads/month", 0,
            S("clients upload straight to object storage with presigned, resumable multipart URLs; the API only records the file"),
            str_printf(c->a, "%s uploads a month x %s = %s a month in", fmt_count(b1, ups * month), fmt_bytes(b2, size),
                       fmt_bytes(b3, ups * month * size)));
  Component *tc = component(c, "Transcoding pipeline", "service", "queue", vcpu, "vCPU", nodes(vcpu, 1),
            str_printf(c->a, "a queue of jobs per upload: probe, transcode into %.0f renditions, thumbnails, package; idempotent per "
                             "(file, rendition)", rend),
            str_printf(c->a, "%s vCPU on average = uploads %s/s x %s x %g renditions x %.0f vCPU-s per GB; peak bursts queue",
                       fmt_count(b1, vcpu), fmt_count(b2, ups), fmt_bytes(b3, size), rend, cost));
  tc->worker_vcpu = tc->worker_running = vcpu;   /* the transcoders run on the compute, one vCPU a job */
  tc->worker_jobs = ups * rend;
  /* Streamed files: the audience's playing is the delivery, at the
   * medium's bytes an hour; views per file only size files downloaded
   * whole. */
  Str from, medium = plan_media_medium(p, c->f, &from);
  double rate = medium_figure(p, medium, "bytes-per-hour", 3e9);
  if (!feature_opt(c->f, "medium"))
    plan_assume(c->a, p, str_printf(c->a, "feature.media.%.*s.medium", STRF(c->en)).p,
                "media %.*s: %.*s%s, %s (kb/archetypes.kb %s); say 'medium audio', 'video', 'clip' or 'image' to change it",
                STRF(c->en), STRF(medium),
                from.n ? str_printf(c->a, ", as the name %.*s says", STRF(from)).p : " (no field or name says)",
                str_eqc(medium, "image") ? "viewed per file, never streamed" : str_printf(c->a, "%s an hour", fmt_bytes(b1, rate)).p,
                str_eqc(medium, "image") ? "vocab media-words" : medium_record(medium));
  double streamed = plan_media_streamed(p, c->f, size) / (p->scale > 0 ? p->scale : 1);
  Str basis;
  if (streamed > 0 && streamed >= egress) {
    double watch = opt(c, "watch", medium_record(medium), "watch-per-day", medium_figure(p, medium, "watch-per-day", 7200),
                       "seconds each active user plays a day");
    basis = str_printf(c->a, "%s a month = active users %s x %g h a day x %s an hour (%.*s) x %.1f days",
                       fmt_bytes(b1, egress), fmt_count(b2, dau(p)), watch / 3600, fmt_bytes(b3, rate), STRF(medium),
                       month / 86400);
  } else
    basis = str_printf(c->a, "%s a month = %s uploads x %g views x %s per view%s", fmt_bytes(b1, egress),
                       fmt_count(b2, ups * month), views, fmt_bytes(b3, size * share),
                       media_minor(c->f) && !feature_opt(c->f, "watch") && !str_eqc(medium, "image")
                           ? str_printf(c->a, " (fewer than one %.*s per %.*s: %.*s is what the audience comes for; say "
                                              "'watch' to size it by the time each plays)", STRF(c->en),
                                        STRF(c->f->entity->parent->name), STRF(c->f->entity->parent->name)).p
                           : "");
  component(c, "Media delivery", "edge", "cdn", egress, "B/month", 0, S("renditions served from the CDN; origin is the object store"),
            str_printf(c->a, "%.*s; stored %s a month with renditions", STRF(basis), fmt_bytes(b4, stored)));
  double flip = fig(c, "media", "streaming-bytes", 20e6);
  Why w = {0};
  Str choice;
  if (size >= flip) {
    choice = S("adaptive streaming (HLS segments in several renditions) through the CDN");
    BEC(&w, "files of %s: viewers start after one segment and the player picks the rendition their bandwidth carries",
        fmt_bytes(b1, size));
    REJ(&w, "progressive download", "the whole %s file at one quality; seeking fetches ranges of it", fmt_bytes(b1, size));
  } else {
    choice = S("progressive download of each rendition through the CDN");
    BEC(&w, "files of %s download in seconds; segmenting buys little", fmt_bytes(b1, size));
    REJ(&w, "adaptive streaming", "a packaging step and manifests for %s files", fmt_bytes(b1, size));
  }
  decide(c, "media delivery", choice, &w, "size_bytes", flip,
         str_printf(c->a, "at %s per file the answer flips", fmt_bytes(b1, flip)));
}

/* ---- rate limit ---- */

static void ratelimit(Ctx *c) {
  Plan *p = c->p;
  char b1[32], b2[32], b3[32];
  const Option *lo = feature_opt(c->f, "limit");
  double limit = lo ? lo->args[0].num * 60 : fig(c, "ratelimit", "limit-per-min", 100);
  if (!lo)
    plan_assume(c->a, p, str_printf(c->a, "feature.rate-limit.%.*s.limit", STRF(c->en)).p,
                "rate-limit %.*s: %.0f requests a minute per client (kb/archetypes.kb); say 'limit N/min' to change it",
                STRF(c->en), limit);
  const Option *al = feature_opt(c->f, "algorithm");
  Str algo = al ? al->args[0].text : S("token-bucket");
  const Option *by = feature_opt(c->f, "by");
  Str who = by ? by->args[0].text : S("user");
  double checks = p->load.design_rps;
  double clients = str_eqc(who, "ip") || str_eqc(who, "key") ? p->model->project.users : dau(p);
  double cb = fig(c, "ratelimit", "counter-bytes", 32);
  double per = plan_figure(p, "compute", "rps-per-vcpu", 250);
  int inst = nodes(checks, per);
  demand(component(c, "Rate limiter", "service", "cache", checks, "checks/s", 0,
            str_printf(c->a, "%.*s of %.0f requests a minute per %.*s; over it, 429 with Retry-After", STRF(algo), limit, STRF(who)),
            str_printf(c->a, "checks %s/s = the design load; %s clients x %.0f B = %s of counters", fmt_count(b1, checks),
                       fmt_count(b2, clients), cb, fmt_bytes(b3, clients * cb))), checks / p->load.margin, 0, clients * cb, 0);
  Why w = {0};
  Str choice;
  if (inst >= 2) {
    choice = S("shared counters in the in-memory store, one atomic script per check");
    BEC(&w, "%s checks/s need %d API instances (%s requests/s each): per-instance counters would let a client through %d times "
            "the limit", fmt_count(b1, checks), inst, fmt_count(b2, per), inst);
    REJ(&w, "in-process counters", "each of %d instances counts alone", inst);
  } else {
    choice = S("in-process counters in the single API instance");
    BEC(&w, "%s checks/s fit one API instance (%s requests/s)", fmt_count(b1, checks), fmt_count(b2, per));
    REJ(&w, "shared counters", "a network hop per request for one instance");
  }
  if (str_eqc(algo, "fixed-window"))
    BEC(&w, "fixed windows let up to twice the limit through across a window boundary");
  decide(c, "rate-limit counters", choice, &w, "design_rps", per,
         str_printf(c->a, "above %s requests/s (a second API instance) the answer flips", fmt_count(b1, per)));
}

/* ---- reserve ---- */

/* Units many buyers compete for: each is held while its buyer pays and
 * sold at most once. Attempts come from the rush when a sale opens (the
 * stated buyers within its window) or from steady trade. */
static void reserve(Ctx *c) {
  Plan *p = c->p;
  char b1[32], b2[32], b3[32], b4[32];
  /* A pool: any unit serves. Said by `pool`, or by a count field on the
   * entity (an int named like on_hand, quantity, seats_left: kb vocab
   * pool-words), whose rows are then counts, not units. */
  bool pool = feature_has(c->f, "pool");
  const Field *count = NULL;
  for (int k = 0; c->f->entity && !count && k < c->f->entity->nfields; k++) {
    const Field *x = &c->f->entity->fields[k];
    if (x->type == FT_INT && !x->array && name_word(p, "pool-words", x->name).n)
      count = x;
  }
  if (count && !pool)
    plan_assume(c->a, p, str_printf(c->a, "feature.reserve.%.*s.pool", STRF(c->en)).p,
                "reserve %.*s: a pool of units, as its count %.*s says (kb/archetypes.kb vocab pool-words): a hold takes "
                "from the count, and the units are not its rows; say 'units N' to size the sale", STRF(c->en),
                STRF(count->name));
  pool |= count != NULL;
  const Option *bo = feature_opt(c->f, "buyers");
  double buyers = bo && bo->nargs ? bo->args[0].num : 0;
  double tries = fig(c, "reserve", "attempts", 3);
  double per_buyer = fig(c, "reserve", "requests-per-buyer", 20);
  double row = fig(c, "counter", "row-updates", 500);
  double hold = opt(c, "hold", "reserve", "hold", 600, "seconds a unit stays held while its buyer pays");
  const Option *uo = feature_opt(c->f, "units");
  /* a pool's units are the sum of its counts, which the spec states as
   * `units` or not at all; another entity's units are its rows */
  double units = uo && uo->nargs ? uo->args[0].num
                 : !pool && p->storage.ents && c->f->entity ? p->storage.ents[c->f->entity->index].rows_now : 0;
  double window = 0, arrivals = 0, rush = 0, admit = 0, attempts;
  double capacity = p->load.design_rps / (p->load.margin > 0 ? p->load.margin : 1);   /* at peak */
  /* Each sale calls the payments provider, which takes so many calls a
   * second from one account: the integration's stated `rate` (a raised
   * limit), else the published one (reserve.payment-writes). The buyers
   * let in buy at most at that rate. */
  const Feature *pay = model_integration(p->model, "payments");
  const Option *ro = pay ? feature_opt(pay, "rate") : NULL;
  double pay_rate = !pay ? 0 : ro && ro->nargs ? ro->args[0].num : fig(c, "reserve", "payment-writes", 100);
  double wanted;   /* sales a second with no provider limit */
  if (buyers > 0) {
    window = opt(c, "window", "reserve", "window", 600, "seconds the rush lasts once a sale opens");
    arrivals = buyers / window;
    rush = arrivals * per_buyer;
    admit = rush > capacity ? capacity / per_buyer : arrivals;
    wanted = units > 0 ? fmin(units / window, admit) : admit;
    EXPLAIN("rush", "requests per second when a sale opens", rush, "/s", "buyers %s / window %.0f s x %.0f requests each",
            fmt_count(b1, buyers), window, per_buyer);
  } else {
    arrivals = entity_rate(c, "holds", "reservations", EVENTS_WRITES) * peak(p);   /* the option, else the writes */
    admit = wanted = arrivals;
  }
  bool paybound = pay_rate > 0 && admit > pay_rate;
  if (paybound && buyers <= 0) {
    /* The stated peak held for a rush: the buyers it brings. */
    window = opt(c, "window", "reserve", "window", 600, "seconds the rush lasts once a sale opens");
    buyers = arrivals * window;
    rush = capacity;   /* the stated peak, which the compute carries */
  }
  if (paybound)
    admit = pay_rate;
  bool waiting = buyers > 0 && admit < arrivals;
  attempts = admit * tries;
  /* The hottest unit: every attempt on a pool's one stock row; a share
   * of them on the unit most buyers pick. */
  double share = pool ? 1 : fig(c, "reserve", "hot-share", 0.1);
  double hot = attempts * share;
  bool memory = hot >= row;
  double sales = buyers > 0 && units > 0 ? fmin(units / window, admit) : admit;
  if (pay) {
    p->pay_sales = fmax(p->pay_sales, wanted);
    p->pay_rate = pay_rate;
  }
  EXPLAIN("hot", "hold attempts per second on the hottest unit", hot, "/s", "attempts %s/s x %.0f%%", fmt_count(b1, attempts),
          share * 100);
  Component *hm = component(c, "Hold manager", "service", memory ? "cache" : "database", attempts, "holds/s", 0,
            memory ? str_printf(c->a, "holds each %.*s in memory (set-if-absent with a %.0f-minute expiry); the sale commits in "
                                      "the database, where a unit is unique", STRF(c->en), hold / 60)
                   : str_printf(c->a, "holds a %.*s by one conditional update (free, or its hold expired) with a %.0f-minute "
                                      "expiry; the sale commits in the same row", STRF(c->en), hold / 60),
            str_printf(c->a, "attempts %s/s = %s x %.0f tries each; hottest %.*s %s/s; sales %s/s", fmt_count(b1, attempts),
                       buyers > 0 ? str_printf(c->a, "buyers admitted %s/s", fmt_count(b3, admit)).p
                                  : str_printf(c->a, "reservations at peak %s/s", fmt_count(b3, attempts / tries)).p,
                       tries, STRF(c->en), fmt_count(b2, hot), fmt_count(b4, sales)));
  /* in memory: the holds alive at once, each for its expiry */
  if (memory)
    demand(hm, attempts, 0, fmin(units > 0 ? units : HUGE_VAL, attempts / tries * hold) * fig(c, "reserve", "hold-bytes", 100), 0);
  Component *sc = component(c, "Sale ledger", "store", "database", sales, "sales/s", 0,
            pool ? str_printf(c->a, "commits each sale with its payment, taking the unit from the %.*s count, which never "
                                    "falls below zero, so no unit sells twice", STRF(c->en))
                 : str_printf(c->a, "commits each sale with its payment, the %.*s unique across sales so no unit sells twice",
                              STRF(c->en)),
            str_printf(c->a, "sales %s/s%s", fmt_count(b1, sales),
                       buyers > 0 && units > 0 ? str_printf(c->a, " = %s units within %.0f s, at most the admitted buyers",
                                                            fmt_count(b2, units), window).p : ""));
  demand(sc, sales + (memory ? 0 : attempts), 0, 0, 0);
  /* The rush past which buyers wait: what the compute carries, or what
   * the payments provider takes, whichever is less. */
  double flip = pay_rate > 0 ? fmin(capacity, pay_rate * per_buyer) : capacity;
  if (buyers > 0) {
    double poll = fig(c, "reserve", "poll", 10);
    double queued = waiting ? fmax(0, buyers - admit * window) : 0;
    char wait[32];
    plan_wait_fmt(wait, (units > 0 && units < buyers ? units : buyers) / admit);
    Str via = !paybound ? str_printf(c->a, "%s requests/s the compute carries at peak / %.0f requests a buyer",
                                     fmt_count(b3, capacity), per_buyer)
                        : str_printf(c->a, "the %s calls a second %.*s takes from one account (%s)", fmt_count(b3, pay_rate),
                                     STRF(pay->name), ro ? "the spec's rate" : "its published limit");
    if (waiting)
      demand(component(c, "Waiting room", "edge", "cache", buyers, "buyers", 0,
                       str_printf(c->a, "queues buyers in arrival order when the sale opens and lets them in at %s/s; each sees "
                                        "their place", fmt_count(b1, admit)),
                       str_printf(c->a, "%s buyers x %.0f B of place and token; lets in %s/s = %.*s",
                                  fmt_count(b1, buyers), fig(c, "reserve", "entry-bytes", 64), fmt_count(b2, admit), STRF(via))),
             arrivals, queued / poll, buyers * fig(c, "reserve", "entry-bytes", 64), 0);
    if (paybound) {
      p->pay_admit = admit;
      p->pay_queue = queued;
      p->pay_wait = (units > 0 && units < buyers ? units : buyers) / admit;
    }
    Why w = {0};
    Str choice;
    if (waiting) {
      choice = paybound ? S("a virtual waiting room that lets buyers in at the rate the payments provider takes")
                        : S("a virtual waiting room that lets buyers in at the rate the checkout carries");
      if (rush > capacity)
        BEC(&w, "%s buyers within %.0f minutes make %s requests/s, %.0fx the %s/s the compute carries at peak",
            fmt_count(b1, buyers), window / 60, fmt_count(b2, rush), rush / capacity, fmt_count(b3, capacity));
      else
        BEC(&w, "%s buyers within %.0f minutes, %s a second at the stated peak", fmt_count(b1, buyers), window / 60,
            fmt_count(b2, arrivals));
      if (paybound)
        BEC(&w, "every sale calls the payments integration %.*s, which takes %s calls a second from one account (%s): "
                "%s sales a second would pass it %.0fx", STRF(pay->name), fmt_count(b1, pay_rate),
            ro ? "the spec's rate" : "its published limit", fmt_count(b2, wanted), wanted / pay_rate);
      if (units > 0 && units < buyers)
        BEC(&w, "buyers are let in first come, first served at %s/s: the %s units are gone after about %s of "
                "admissions, and the buyers still queued are told at once", fmt_count(b1, admit), fmt_count(b2, units), wait);
      else
        BEC(&w, "buyers are let in first come, first served at %s/s; %s are still queued when the rush ends, and the last "
                "waits about %s", fmt_count(b1, admit), fmt_count(b2, queued), wait);
      if (rush > capacity)
        REJ(&w, "compute scaled for the rush", "%.0fx the instances for %.0f minutes: they start in minutes, after the rush "
                                                "has hit, and the holds behind them would not keep up", rush / capacity, window / 60);
      if (paybound && !ro)
        REJ(&w, "the published limit raised", "%.*s raises it on request at least six weeks ahead; state the raised limit as "
                                              "`rate N/s` on the integration and the room lets buyers in at it, up to the %s/s "
                                              "the compute carries", STRF(pay->name), fmt_count(b1, capacity / per_buyer));
      REJ(&w, "no admission control", "errors past capacity make buyers retry, which multiplies the load and rewards bots");
    } else {
      choice = S("no waiting room: the compute carries the rush");
      BEC(&w, "%s buyers within %.0f minutes make %s requests/s, within the %s/s the compute carries at peak",
          fmt_count(b1, buyers), window / 60, fmt_count(b2, rush), fmt_count(b3, capacity));
      REJ(&w, "a virtual waiting room", "a queue and its tokens for a rush the compute already carries");
    }
    decide(c, "on-sale admission", choice, &w, "rush_rps", flip,
           str_printf(c->a, "at %s requests/s when a sale opens the answer flips", fmt_count(b1, flip)));
  }
  Why w = {0};
  Str choice;
  if (memory) {
    choice = S("holds in the in-memory store (set-if-absent with an expiry), the sale committed in the database");
    BEC(&w, "the hottest %s takes %s hold attempts/s, past the %s a locked database row takes",
        pool ? "stock row" : "unit", fmt_count(b1, hot), fmt_count(b2, row));
    BEC(&w, "a hold expires by itself after %.0f minutes; the sale's unique unit in the database is what prevents a double sale",
        hold / 60);
    REJ(&w, "a conditional UPDATE in the database", "row lock waits at %s attempts/s on one row", fmt_count(b1, hot));
  } else {
    choice = S("a conditional UPDATE in the database: held where free or where the hold expired");
    BEC(&w, "the hottest %s takes %s hold attempts/s, under the %s a locked database row takes", pool ? "stock row" : "unit",
        fmt_count(b1, hot), fmt_count(b2, row));
    BEC(&w, "one statement holds the unit and sets when the hold ends (%.0f minutes); an expired hold is free again without a "
            "sweeper, and the sale commits in the same row", hold / 60);
    REJ(&w, "holds in the in-memory store", "a second copy of every unit's state to reconcile with the sale, for %s attempts/s "
                                           "a row takes", fmt_count(b1, hot));
  }
  REJ(&w, "SELECT ... FOR UPDATE through the payment", "a row locked for the minutes a buyer takes to pay");
  decide(c, "unit holds", choice, &w, "hot_unit_per_s", row,
         str_printf(c->a, "at %s hold attempts/s on one %s the answer flips", fmt_count(b1, row), pool ? "stock row" : "unit"));
}

/* ---- collab ---- */

/* A document several people edit at once: every editor of it meets on
 * one session server, which orders the edits, appends them to the log and
 * folds them into snapshots. */
static void collab(Ctx *c) {
  Plan *p = c->p;
  char b1[32], b2[32], b3[32], b4[32], b5[32], b6[32];
  /* each editor keeps one socket to the session server of the document */
  double session;
  double conns = connected(c, &session);
  /* `editors` is the most people on one document; an open document has
   * the kb's typical count, at most that */
  const Option *eo = feature_opt(c->f, "editors");
  double editors = opt(c, "editors", "collab", "editors", 3, "people editing one document at once");
  double typical = eo && eo->nargs ? fmin(editors, fig(c, "collab", "editors", 3)) : editors;
  if (typical < editors)
    plan_assume(c->a, p, str_printf(c->a, "feature.collab.%.*s.editors-typical", STRF(c->en)).p,
                "collab %.*s: an open document has %g editors (kb/archetypes.kb collab.editors), the %g stated being the most "
                "on one document", STRF(c->en), typical, editors);
  bool offline = feature_has(c->f, "offline");
  double per_editor = fig(c, "collab", "ops-per-editor", 0.5);
  double ops = conns * per_editor;
  double docs = conns / fmax(1, typical);
  double doc_bytes = fig(c, "collab", "document-bytes", 1e6);
  double per_vcpu = fig(c, "collab", "ops-per-vcpu", 5000);
  double node_mem = plan_figure(p, "self-hosted", "steady-node-memory", 8589934592.0);
  double node_vcpu = plan_figure(p, "self-hosted", "node-vcpu", 2);
  double vcpu = ops / per_vcpu;
  int servers = (int)fmax(1, fmax(ceil(vcpu / node_vcpu), ceil(docs * doc_bytes / node_mem)));
  EXPLAIN("documents", "documents open at once at peak", docs, "", "connections %s / %g editors each",
          fmt_count(b1, conns), typical);
  Component *ss = component(c, "Document sessions", "service", "compute", docs, "open documents", servers,
            str_printf(c->a, "holds each open %.*s in memory on one server, orders its editors' edits and sends each "
                             "to the others", STRF(c->en)),
            str_printf(c->a, "%s open documents = %s connections / %g editors; %s edits/s = connections x %g; %d "
                             "server%s for %s of documents and %s vCPU at %s edits/s each",
                       fmt_count(b1, docs), fmt_count(b2, conns), typical, fmt_count(b3, ops), per_editor, servers,
                       servers == 1 ? "" : "s", fmt_bytes(b4, docs * doc_bytes), fmt_count(b5, vcpu),
                       fmt_count(b6, per_vcpu)));
  ss->worker_vcpu = ss->worker_running = vcpu;   /* they run on the compute, beside the API */
  demand(ss, 0, 0, docs * doc_bytes, 0);         /* and its memory holds the open documents */
  double flush = fig(c, "collab", "flush", 1);
  double log_writes = fmin(ops, docs / flush);
  double snap = fig(c, "collab", "snapshot-ops", 1000);
  demand(component(c, "Edit log", "store", "database", log_writes, "appends/s", 0,
                   str_printf(c->a, "appends each document's edits in order, batched every %g s, and keeps a snapshot "
                                    "every %.0f edits so a document opens from its last snapshot and the edits after it",
                              flush, snap),
                   str_printf(c->a, "appends %s/s = the lesser of %s edits/s and %s open documents / %g s; snapshots "
                                    "%s/s = edits / %.0f", fmt_count(b1, log_writes), fmt_count(b2, ops),
                              fmt_count(b3, docs), flush, fmt_count(b4, ops / snap), snap)),
         log_writes + ops / snap, 0, 0, 0);
  Why w = {0};
  Str choice;
  if (offline) {
    choice = S("CRDT documents (Yjs or Automerge): replicas merge without a server deciding the order");
    BEC(&w, "edits made offline arrive minutes or days late and must merge with what others did meanwhile");
    REJ(&w, "server-ordered operations", "an offline device has no server to order its edits against");
    REJ(&w, "last write wins", "a device coming back online would overwrite hours of others' work");
  } else if (editors >= 2) {
    choice = S("one server per document orders the edits (operational transform, last writer wins per property)");
    BEC(&w, "%g people edit one document at once, all online: the session server that holds the document orders "
            "their edits and rebases each on the ones before", editors);
    REJ(&w, "CRDT documents", "tombstones and per-character metadata grow with every edit, for an order the server "
                             "can give since every editor is connected to it");
    REJ(&w, "locking the document", "%g editors would wait for each other", editors - 1);
  } else {
    choice = S("last write wins per document, with a version check (409 on a stale version)");
    BEC(&w, "one person edits a document at a time: a version check catches the rare second tab");
    REJ(&w, "operational transform or CRDT", "merging machinery for edits that do not overlap");
  }
  decide(c, "concurrent edits", choice, &w, "editors", 2,
         S("at 2 people editing one document at once the answer flips; offline editing calls for CRDTs"));
  double per_node = fmax(node_vcpu * per_vcpu, 1);
  Why r = {0};
  if (servers >= 2) {
    choice = S("documents routed to session servers by document id (consistent hashing)");
    BEC(&r, "%d session servers: every editor of one document must reach the server that holds it", servers);
    REJ(&r, "any server per connection", "two editors of one document on two servers would order its edits twice");
  } else {
    choice = S("one session server holds every open document");
    BEC(&r, "%s open documents and %s edits/s fit one server", fmt_count(b1, docs), fmt_count(b2, ops));
    REJ(&r, "routing by document id", "a hash ring for a single server");
  }
  decide(c, "document routing", choice, &r, "edits_per_s", per_node,
         str_printf(c->a, "at %s edits/s (one server's %g vCPUs) the answer flips", fmt_count(b1, per_node), node_vcpu));
}

/* ---- exchange ---- */

const Entity *plan_exchange_book(const Entity *e) {
  for (int k = 0; e && k < e->nfields; k++) {
    const Field *x = &e->fields[k];
    if (x->rel == REL_MANY_TO_ONE && x->ref && x->ref != e && x->ref != e->parent)
      return x->ref;
  }
  return NULL;
}

/* Orders matched against a book per instrument: the sequencer numbers
 * every order and cancel into a replicated journal (the source of truth),
 * one single-threaded engine per instrument partition matches them in
 * memory and replays the journal on restart, the database reserves the
 * funds before an order is sequenced and settles each trade, and the book
 * changes fan out to the traders watching. */
static void exchange(Ctx *c) {
  Plan *p = c->p;
  char b1[32], b2[32], b3[32], b4[32], b5[32];
  double orders = entity_rate(c, "orders", "orders", EVENTS_ROWS);
  const Entity *book = plan_exchange_book(c->f->entity);
  const Option *io = feature_opt(c->f, "instruments");
  double stated = book && p->storage.ents ? p->storage.ents[book->index].rows_now : 0;
  double instruments = io && io->nargs ? io->args[0].num
                       : stated >= 1 ? stated
                                     : opt(c, "instruments", "exchange", "instruments", 100, "instruments traded, each with its own book");
  instruments = fmax(1, instruments);
  Str key = book ? str_printf(c->a, "%.*s_id", STRF(book->name)) : S("symbol");
  /* the busiest book takes the kb's share of the orders, all of them when
   * there is one instrument */
  double share = fmax(fig(c, "exchange", "hot-share", 0.25), 1 / instruments);
  double pk = orders * peak(p);
  double hot = pk * share;
  double row = fig(c, "counter", "row-updates", 500);
  double per_engine = fig(c, "exchange", "engine-orders", 6e6);
  double util = fig(c, "exchange", "engine-utilisation", 0.5);
  double cap = per_engine * util;
  bool engine = hot >= row;
  int parts = engine ? (int)fmin(instruments, nodes(pk, cap)) : 0;
  double trades = pk * fig(c, "exchange", "trade-share", 0.3);
  double entry = fig(c, "exchange", "journal-bytes", 128);
  double p99 = fig(c, "exchange", "match-p99-us", 100);
  EXPLAIN("hot", "orders per second on the busiest instrument at peak", hot, "/s", "orders %s/s x peak %g x %.0f%%",
          fmt_count(b1, orders), peak(p), share * 100);
  /* pre-trade risk: the funds or holdings an order needs are reserved in
   * the account's balance before it is sequenced */
  demand(component(c, "Pre-trade risk", "service", "database", pk, "reservations/s", 0,
                   S("reserves the funds or holdings each order needs in its account's balance, in one ACID transaction, "
                     "before the order is sequenced; a cancel or an unfilled remainder releases it"),
                   str_printf(c->a, "reservations %s/s = orders %s/s x peak %g; balances never leave the database",
                              fmt_count(b1, pk), fmt_count(b2, orders), peak(p))),
         pk, 0, 0, 0);
  if (engine) {
    Component *j = component(c, "Sequencer and journal", "store", "stream", pk, "orders/s", parts,
                             str_printf(c->a, "numbers every order and cancel per %.*s and appends it to a replicated log "
                                              "before the engine sees it: the log is the source of truth, and an engine "
                                              "rebuilds its books by replaying it from the last snapshot",
                                        STRF(book ? book->name : S("instrument"))),
                             str_printf(c->a, "%s/s = orders %s/s at peak x %s B an entry, partitioned by %.*s",
                                        fmt_bytes(b3, pk * entry), fmt_count(b1, pk), fmt_count(b2, entry), STRF(key)));
    j->key = key;   /* each book's orders in one ordered partition */
    demand(j, 0, 0, 0, pk * entry);
    Component *m = component(c, "Matching engine", "service", "compute", pk, "orders/s", parts,
              str_printf(c->a, "one thread per partition holds its %.*s books in memory and matches in price-time "
                               "priority, reading the journal in sequence order; a hot standby replays the same journal",
                         STRF(book ? book->name : S("instrument"))),
              str_printf(c->a, "%d partition%s by %.*s = orders %s/s at peak / %s a thread carries (%s x %.0f%% "
                               "utilisation); busiest book %s/s; match p99 %.0f us",
                         parts, parts == 1 ? "" : "s", STRF(key), fmt_count(b1, pk), fmt_count(b2, cap),
                         fmt_count(b3, per_engine), util * 100, fmt_count(b4, hot), p99));
    m->worker_vcpu = m->worker_running = 2.0 * parts;   /* a core each, primary and standby */
  }
  demand(component(c, "Trade settlement", "store", "database", trades, "trades/s", 0,
                   S("commits each trade's two sides to the ledger and the balances, releasing what was reserved, in "
                     "sequence order; a replayed trade is recognised by its sequence number"),
                   str_printf(c->a, "trades %s/s = orders %s/s at peak x %.0f%% that fill; 2 ledger rows each",
                              fmt_count(b1, trades), fmt_count(b2, pk), fig(c, "exchange", "trade-share", 0.3) * 100)),
         2 * trades, 0, 0, 0);
  /* market data: each watcher receives its instrument's book, conflated */
  double session;
  double conns = connected(c, &session);
  double conflate = fig(c, "exchange", "conflate", 0.1);
  double per_book = fmin(hot, 1 / conflate);
  double frames = conns * per_book;
  double bytes = fig(c, "exchange", "update-bytes", 100);
  demand(component(c, "Market data fan-out", "service", "realtime", conns, "connections",
                   nodes(conns, fig(c, "connections", "per-node", 50000)),
                   str_printf(c->a, "publishes each trade and book change per %.*s from the engine's output, conflated "
                                    "to one book update every %.0f ms per watcher", STRF(book ? book->name : S("instrument")),
                              conflate * 1000),
                   str_printf(c->a, "%s watchers at peak; %s frames/s = watchers x %s updates/s each (at most one per "
                                    "%.0f ms); %s/s", fmt_count(b1, conns), fmt_count(b2, frames), fmt_count(b3, per_book),
                              conflate * 1000, fmt_bytes(b5, frames * bytes))),
         0, 0, 0, frames * bytes);
  Why w = {0};
  Str choice;
  if (engine) {
    choice = str_printf(c->a, "a single-threaded in-memory matching engine per %.*s partition, fed by the sequenced journal",
                        STRF(book ? book->name : S("instrument")));
    BEC(&w, "the busiest book takes %s orders/s at peak, past the %s updates/s a locked database row takes",
        fmt_count(b1, hot), fmt_count(b2, row));
    BEC(&w, "one thread owns each book: no locks, every order sees the book the one before left, and the same journal "
            "replayed gives the same trades (LMAX: %s orders/s on one thread)", fmt_count(b1, per_engine));
    BEC(&w, "funds are reserved in the database before an order is sequenced, and trades settle there: money never "
            "lives only in the engine");
    REJ(&w, "matching in the database", "each order locks its book's best price rows: %s orders/s queue on one lock",
        fmt_count(b1, hot));
    REJ(&w, "matching within each customer's shard", "the two sides of a trade belong to two customers: a book must live "
                                                     "in one place");
  } else {
    choice = S("matching in the database: each order locks its instrument's book rows in one transaction");
    BEC(&w, "the busiest book takes %s orders/s at peak, under the %s updates/s a locked row takes", fmt_count(b1, hot),
        fmt_count(b2, row));
    BEC(&w, "the reservation, the match and the settlement commit together; nothing to replay after a restart");
    REJ(&w, "an in-memory matching engine", "a sequencer, a journal and a standby engine for %s orders/s", fmt_count(b1, hot));
  }
  decide(c, "order matching", choice, &w, "hot_book_orders_per_s", row,
         str_printf(c->a, "at %s orders/s on the busiest book the answer flips", fmt_count(b1, row)));
  if (!engine)
    return;
  Why r = {0};
  if (parts >= 2) {
    choice = str_printf(c->a, "%d engine partitions, %.*s hashed to one; the journal partitioned the same way", parts,
                        STRF(key));
    BEC(&r, "%s orders/s at peak pass the %s one engine thread carries at %.0f%% utilisation", fmt_count(b1, pk),
        fmt_count(b2, cap), util * 100);
    BEC(&r, "each book stays whole on one partition: an order only ever meets orders of its own %.*s",
        STRF(book ? book->name : S("instrument")));
  } else {
    choice = S("one engine thread holds every book, with a hot standby replaying the same journal");
    BEC(&r, "%s orders/s at peak are within the %s one thread carries at %.0f%% utilisation", fmt_count(b1, pk),
        fmt_count(b2, cap), util * 100);
    REJ(&r, "partitions by instrument", "a router and more engines to run for load one thread carries");
  }
  if (hot > cap)
    BEC(&r, "the busiest book alone takes %s orders/s, past one thread: it cannot be split, so its orders are throttled "
            "at the gateway", fmt_count(b1, hot));
  REJ(&r, "a partition per customer", "a book split across partitions would match each order against part of the market");
  decide(c, "matching partitions", choice, &r, "orders_per_s", cap,
         str_printf(c->a, "at %s orders/s at peak (one thread at %.0f%%) a second partition", fmt_count(b1, cap), util * 100));
}

/* A wait for people: minutes, hours past two, days past two. */
char *plan_wait_fmt(char *buf, double seconds) {
  double m = ceil(seconds / 60);
  if (m < 120)
    snprintf(buf, 32, "%.0f minute%s", m, m == 1 ? "" : "s");
  else if (m < 48 * 60)
    snprintf(buf, 32, "%.0f hours", ceil(m / 60));
  else
    snprintf(buf, 32, "%.0f days", ceil(m / 1440));
  return buf;
}

void plan_archetypes(Arena *a, Plan *p) {
  const Model *m = p->model;
  p->pay_sales = p->pay_rate = p->pay_admit = p->pay_queue = p->pay_wait = 0;
  for (int i = 0; i < m->nfeatures; i++) {
    const Feature *f = &m->features[i];
    Ctx c = {.a = a, .p = p, .f = f, .en = f->entity ? f->entity->name : S("API"), .kind = feature_specs[f->kind].name};
    switch (f->kind) {
    case FK_FEED: feed(&c); break;
    case FK_PRESENCE: presence(&c, connections(&c, false)); break;
    case FK_CHAT: chat(&c); break;
    case FK_NEARBY: nearby(&c); break;
    case FK_CRAWL: crawl(&c); break;
    case FK_SHORTLINK: shortlink(&c); break;
    case FK_LEADERBOARD: counter(&c, true); break;
    case FK_COUNTER: counter(&c, false); break;
    case FK_MEDIA: media(&c); break;
    case FK_RATELIMIT: ratelimit(&c); break;
    case FK_RESERVE: reserve(&c); break;
    case FK_COLLAB: collab(&c); break;
    case FK_EXCHANGE: exchange(&c); break;
    default: break;
    }
  }
}
