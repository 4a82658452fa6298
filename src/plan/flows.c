/* The flows of the documents (see docfacts.h): authentication, then the
 * main flow of each feature, as steps between the parts docfacts.c drew.
 * plan_docfacts keeps only each flow's title (docfacts_flows); the steps
 * are made when a document draws the flow (docfacts_flow), one flow at a
 * time in a scratch arena, so 50,000 flows are never held at once. */
#include <stdio.h>
#include <string.h>

#include "docint.h"

typedef DocCtx Ctx;



int docfacts_provider_of_kind(const DocCtx *c, Str kind) {
  for (int i = 0; i < c->nkinds; i++)
    if (str_eq(c->kinds[i], kind))
      return c->kind_part[i];
  return -1;
}

/* ---- the words of a store's own API ---- */

int docfacts_store_part(const DocCtx *c, const Entity *e) {
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

/* ---- flows ---- */

typedef struct {
  Ctx *c;
  Flow *f;
} FB;

/* Room for one more of `n` elements: the capacity is implied by the count
 * (4, then each power of two), so a flow's arrays grow by doubling, and a
 * flow with a step per entity stays linear. */
static void *grown(Arena *a, void *v, int n, size_t size) {
  if (n && (n < 4 || (n & (n - 1))))
    return v;
  void *w = arena_alloc(a, (ptrdiff_t)size, 16, n ? 2 * n : 4);
  if (n)
    memcpy(w, v, size * (size_t)n);
  return w;
}

static void participant(FB *b, int part) {
  for (int i = 0; i < b->f->nparts; i++)
    if (b->f->parts[i] == part)
      return;
  b->f->parts = grown(b->c->a, b->f->parts, b->f->nparts, sizeof *b->f->parts);
  b->f->parts[b->f->nparts++] = part;
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
  b->f->steps = grown(b->c->a, b->f->steps, b->f->nsteps, sizeof *b->f->steps);
  b->f->steps[b->f->nsteps++] = (Step){k, from, to, text};
}

#define CALL(b, x, y, ...) step((b), STEP_CALL, (x), (y), str_printf((b)->c->a, __VA_ARGS__))
#define REPLY(b, x, y, ...) step((b), STEP_REPLY, (x), (y), str_printf((b)->c->a, __VA_ARGS__))
#define NOTE(b, x, ...) step((b), STEP_NOTE, (x), -1, str_printf((b)->c->a, __VA_ARGS__))
#define ALT(b, ...) step((b), STEP_ALT, -1, -1, str_printf((b)->c->a, __VA_ARGS__))
#define ELSE(b, ...) step((b), STEP_ELSE, -1, -1, str_printf((b)->c->a, __VA_ARGS__))
#define END(b) step((b), STEP_END, -1, -1, S("end"))

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

static void auth_flow(FB *fb) {
  Ctx *c = fb->c;
  const Model *m = c->p->model;
  DocFacts *d = c->d;
  Str method = doc_auth_method(m);
  FB b = *fb;
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

int docfacts_comp_part(const DocCtx *c, const char *name) {
  for (int i = 0; i < c->p->ncomponents; i++)
    if (str_eqc(c->p->components[i].name, name))
      return c->comp_part[i];
  return -1;
}


/* A post fans out to the followers' timelines; a read merges the timeline
 * with the celebrities' recent posts. */
static void feed_flow(FB *b, const Feature *f) {
  Ctx *c = b->c;
  DocFacts *d = c->d;
  Str en = f->entity ? f->entity->name : S("request");
  const Plan *p = c->p;
  int fan = docfacts_comp_part(c, "Fan-out service"), tl = docfacts_comp_part(c, "Timeline store");
  const DesignDecision *dd = doc_design_of(p, f, "feed fan-out");
  inbound(b, d->user, str_printf(c->a, "post a %.*s", STRF(en)));
  CALL(b, d->api, docfacts_store_part(c, f->entity), "%.*s", STRF(say_insert(c, f->entity, en, false)));
  CALL(b, d->api, d->queue >= 0 ? d->queue : fan, "enqueue the fan-out job");
  REPLY(b, d->api, d->user, "201 Created");
  CALL(b, fan, tl, "push the id onto each follower's timeline, trimmed to its length");
  if (dd)
    NOTE(b, fan, "%.*s", STRF(dd->choice));
  inbound(b, d->user, S("read my timeline"));
  CALL(b, d->api, tl, "read the newest ids");
  CALL(b, d->api, d->db, "fetch the items, merged with recent posts of followed celebrities");
  REPLY(b, d->api, d->user, "200 with one page and the next cursor");
}

/* Presence over the connection gateway; chat adds routing, the offline
 * inbox and, with a receipt tracker, delivered and read receipts. */
static void chat_flow(FB *b, const Feature *f) {
  Ctx *c = b->c;
  DocFacts *d = c->d;
  Str en = f->entity ? f->entity->name : S("request");
  int gw = docfacts_comp_part(c, "Connection gateway"), pres = docfacts_comp_part(c, "Presence store");
  int router = docfacts_comp_part(c, "Message router"), inbox = docfacts_comp_part(c, "Offline inbox");
  int rec = docfacts_comp_part(c, "Receipt tracker");
  CALL(b, d->user, gw, "connect with the access token");
  CALL(b, gw, pres, "mark online with a TTL of two heartbeats");
  NOTE(b, gw, "heartbeats refresh the TTL; a missed TTL marks the user offline and tells their contacts");
  if (f->kind == FK_PRESENCE)
    return;
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
}

/* Locations move between geo cells; a search matches in the cells around
 * the point. */
static void nearby_flow(FB *b, const Feature *f) {
  Ctx *c = b->c;
  DocFacts *d = c->d;
  Str en = f->entity ? f->entity->name : S("request");
  const Plan *p = c->p;
  int geo = docfacts_comp_part(c, "Geo index"), match = docfacts_comp_part(c, "Matcher");
  const DesignDecision *dd = doc_design_of(p, f, "geo index");
  inbound(b, d->user, str_printf(c->a, "report a %.*s location (lat, lng)", STRF(en)));
  CALL(b, d->api, geo, "move the item to its cell");
  REPLY(b, d->api, d->user, "204");
  inbound(b, d->user, str_printf(c->a, "find %.*s near (lat, lng) within the radius", STRF(en)));
  if (match < 0) {   /* listing, not dispatch */
    CALL(b, d->api, geo, "%.*s", STRF(dd ? dd->choice : S("query the cells around the point")));
    NOTE(b, d->api, "filter by exact distance, nearest first");
    REPLY(b, d->api, d->user, "200 with the items and their distance");
    return;
  }
  CALL(b, d->api, match, "match the request");
  CALL(b, match, geo, "%.*s", STRF(dd ? dd->choice : S("query the cells around the point")));
  NOTE(b, match, "filter by exact distance, rank by ETA, hold the best until accepted");
  REPLY(b, d->api, d->user, "200 with candidates, distance and ETA");
}

/* The crawler's loop: frontier, polite fetch, dedup, store and new links. */
static void crawl_flow(FB *b) {
  Ctx *c = b->c;
  int fr = docfacts_comp_part(c, "URL frontier"), fe = docfacts_comp_part(c, "Fetcher pool");
  int dd = docfacts_comp_part(c, "Seen-URL and content dedup"), cs = docfacts_comp_part(c, "Content store and indexer");
  int rs = docfacts_comp_part(c, "Re-crawl scheduler");
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
}

/* Creating a short key, the redirect path and the expiry sweep. */
static void shortlink_flow(FB *b, const Feature *f) {
  Ctx *c = b->c;
  DocFacts *d = c->d;
  Str en = f->entity ? f->entity->name : S("request");
  const Plan *p = c->p;
  int kg = docfacts_comp_part(c, "Key generator"), rp = docfacts_comp_part(c, "Redirect path");
  int ce = docfacts_comp_part(c, "Click events"), sw = docfacts_comp_part(c, "Expiry sweeper");
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
}

/* Atomic increments, and with a ranking the top entries and one's rank. */
static void counter_flow(FB *b, const Feature *f) {
  Ctx *c = b->c;
  DocFacts *d = c->d;
  Str en = f->entity ? f->entity->name : S("request");
  int cs = docfacts_comp_part(c, "Counter store"), rk = docfacts_comp_part(c, "Ranking");
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
}

/* A resumable upload, transcoding off the request path, then playback. */
static void media_flow(FB *b, const Feature *f) {
  Ctx *c = b->c;
  DocFacts *d = c->d;
  Str en = f->entity ? f->entity->name : S("request");
  int up = docfacts_comp_part(c, "Upload ingest"), tc = docfacts_comp_part(c, "Transcoding pipeline"), dl = docfacts_comp_part(c, "Media delivery");
  inbound(b, d->user, str_printf(c->a, "ask to upload a %.*s", STRF(en)));
  CALL(b, d->api, d->objects, "presign a resumable multipart upload");
  REPLY(b, d->api, d->user, "201 with the upload URLs");
  CALL(b, d->user, up >= 0 ? up : d->objects, "PUT the parts directly");
  inbound(b, d->user, S("confirm the upload"));
  CALL(b, d->api, d->queue >= 0 ? d->queue : tc, "enqueue the transcoding job");
  CALL(b, tc, d->objects, "write the renditions and thumbnails");
  CALL(b, tc, d->db, "mark the file ready");
  CALL(b, d->user, dl >= 0 ? dl : d->cdn, "play the renditions");
}

/* Every request takes a token, or is answered 429 over the limit. */
static void ratelimit_flow(FB *b) {
  Ctx *c = b->c;
  DocFacts *d = c->d;
  int rl = docfacts_comp_part(c, "Rate limiter");
  inbound(b, d->user, S("any request"));
  CALL(b, d->api, rl, "take one token for the caller");
  ALT(b, "under the limit");
  REPLY(b, d->api, d->user, "the response, with RateLimit headers");
  ELSE(b, "over the limit");
  REPLY(b, d->api, d->user, "429 RATE_LIMITED with Retry-After");
  END(b);
}

/* A sale: through the waiting room when there is one, a hold that
 * expires by itself, then the payment and the sale that commits once. */
static void reserve_flow(FB *b, const Feature *f) {
  Ctx *c = b->c;
  DocFacts *d = c->d;
  Str en = f->entity ? f->entity->name : S("unit");
  int wr = docfacts_comp_part(c, "Waiting room"), hm = docfacts_comp_part(c, "Hold manager");
  if (wr >= 0) {
    inbound(b, d->user, S("join the sale when it opens"));
    CALL(b, d->api, wr, "take a place in arrival order");
    REPLY(b, d->api, d->user, "202 with the place; poll until let in");
    const Plan *p = c->p;
    const Feature *pay = model_integration(p->model, "payments");
    char b1[32];
    if (p->pay_admit > 0 && pay)   /* bound by the provider's rate (archetype.c) */
      CALL(b, wr, d->api, "let the next buyers in with an entry token, %s a second: the calls %.*s takes",
           fmt_count(b1, p->pay_admit), STRF(pay->name));
    else
      CALL(b, wr, d->api, "let the next buyers in with an entry token");
  }
  inbound(b, d->user, str_printf(c->a, "hold a %.*s", STRF(en)));
  CALL(b, d->api, hm >= 0 ? hm : d->db, "hold it if free or its hold expired, with an expiry");
  ALT(b, "held");
  REPLY(b, d->api, d->user, "201 with the hold and when it ends");
  ELSE(b, "taken");
  REPLY(b, d->api, d->user, "409 with the units still free");
  END(b);
  inbound(b, d->user, S("pay within the hold"));
  CALL(b, d->api, d->db, "commit the sale once: the unit is unique across sales");
  REPLY(b, d->api, d->user, "201 with the confirmation");
}

/* Edits to a shared document: through its session server, in order. */
static void collab_flow(FB *b, const Feature *f) {
  Ctx *c = b->c;
  DocFacts *d = c->d;
  Str en = f->entity ? f->entity->name : S("document");
  int ss = docfacts_comp_part(c, "Document sessions"), log = docfacts_comp_part(c, "Edit log");
  int srv = ss >= 0 ? ss : d->api, store = log >= 0 ? log : d->db;
  inbound(b, d->user, str_printf(c->a, "open a %.*s for editing", STRF(en)));
  CALL(b, d->api, srv, "route to the session server that holds it");
  CALL(b, srv, store, "load the last snapshot and the edits after it");
  REPLY(b, d->api, d->user, "the document and its version, over one socket");
  inbound(b, d->user, S("send an edit based on a version"));
  CALL(b, srv, srv, "order it after the edits before, transformed to fit them");
  CALL(b, srv, store, "append it to the edit log (batched)");
  REPLY(b, srv, d->user, "the edit to every other editor, with the new version");
}

/* An order: reserved in the database, sequenced into the journal, matched
 * by its book's engine, settled, and published; a cancel takes the same
 * path, so it meets the order in sequence. */
static void exchange_flow(FB *b, const Feature *f) {
  Ctx *c = b->c;
  DocFacts *d = c->d;
  Str en = f->entity ? f->entity->name : S("order");
  int risk = docfacts_comp_part(c, "Pre-trade risk"), j = docfacts_comp_part(c, "Sequencer and journal");
  int eng = docfacts_comp_part(c, "Matching engine"), st = docfacts_comp_part(c, "Trade settlement");
  int md = docfacts_comp_part(c, "Market data fan-out");
  int ledger = st >= 0 ? st : d->db, match = eng >= 0 ? eng : ledger;
  inbound(b, d->user, str_printf(c->a, "place a %.*s", STRF(en)));
  CALL(b, d->api, risk >= 0 ? risk : d->db, "reserve its funds or holdings in the account's balance");
  ALT(b, "reserved");
  if (j >= 0)
    CALL(b, d->api, j, "append it with the next sequence number, replicated before acknowledged");
  REPLY(b, d->api, d->user, "201 with the order accepted; status and fills are the server's");
  ELSE(b, "short of funds");
  REPLY(b, d->api, d->user, "422 with the balance available");
  END(b);
  if (j >= 0)
    CALL(b, j, match, "deliver the orders and cancels of its partition in sequence");
  CALL(b, match, match, "match against the book in price-time priority");
  CALL(b, match, ledger, "settle each trade's two sides and release what was reserved");
  if (md >= 0)
    CALL(b, match, md, "publish the trades and the book change");
  if (md >= 0)
    REPLY(b, md, d->user, "trades and book updates for the instruments watched");
  inbound(b, d->user, str_printf(c->a, "cancel a %.*s", STRF(en)));
  CALL(b, d->api, j >= 0 ? j : match, "append the cancel in sequence, behind the order");
  REPLY(b, d->api, d->user, "202: cancelled unless it filled first");
}

/* The main flow of an archetype, through its components. */
static void archetype_flow(FB *b, const Feature *f) {
  switch (f->kind) {
  case FK_FEED:
    feed_flow(b, f);
    break;
  case FK_PRESENCE:
  case FK_CHAT:
    chat_flow(b, f);
    break;
  case FK_NEARBY:
    nearby_flow(b, f);
    break;
  case FK_CRAWL:
    crawl_flow(b);
    break;
  case FK_SHORTLINK:
    shortlink_flow(b, f);
    break;
  case FK_LEADERBOARD:
  case FK_COUNTER:
    counter_flow(b, f);
    break;
  case FK_MEDIA:
    media_flow(b, f);
    break;
  case FK_RATELIMIT:
    ratelimit_flow(b);
    break;
  case FK_RESERVE:
    reserve_flow(b, f);
    break;
  case FK_COLLAB:
    collab_flow(b, f);
    break;
  case FK_EXCHANGE:
    exchange_flow(b, f);
    break;
  default:
    break;
  }
}

/* Create (unless read-only), then read by id through the cache when the
 * entity is cached. */
static void crud_flow(FB *b, const Feature *f, Str en, Str tbl) {
  Ctx *c = b->c;
  DocFacts *d = c->d;
  const CacheEntry *ce = cache_of(c, f->entity);
  bool ro = feature_has(f, "read-only");
  if (!ro) {
    inbound(b, d->user, str_printf(c->a, "create %.*s (JSON body)", STRF(en)));
    verify_token(b, f);
    NOTE(b, d->api, "validate the body against the %.*s schema%s", STRF(en),
         feature_has(f, "owner-only") ? "; set the owner from the caller" : "");
    ALT(b, "valid");
    CALL(b, d->api, docfacts_store_part(c, f->entity), "%.*s", STRF(say_insert(c, f->entity, tbl, true)));
    REPLY(b, docfacts_store_part(c, f->entity), d->api, "row with id and timestamps");
    if (ce && !str_has_prefix(ce->invalidate, S("create: the fan-out")))
      CALL(b, d->api, d->cache, "bump the %.*s list version", STRF(en));
    REPLY(b, d->api, d->user, "201 Created with the %.*s", STRF(en));
    ELSE(b, "invalid");
    REPLY(b, d->api, d->user, "400 VALIDATION_ERROR with the failing fields");
    END(b);
  }
  inbound(b, d->user, str_printf(c->a, "get one %.*s by id", STRF(en)));
  if (ce) {
    CALL(b, d->api, d->cache, "GET %.*s", STRF(ce->item_key));
    ALT(b, "hit");
    REPLY(b, d->cache, d->api, "cached %.*s", STRF(en));
    ELSE(b, "miss");
    CALL(b, d->api, docfacts_store_part(c, f->entity), "%.*s", STRF(say_get(c, f->entity, false)));
    CALL(b, d->api, d->cache, "SET with a TTL of %.0f s", ce->ttl);
    END(b);
  } else
    CALL(b, d->api, docfacts_store_part(c, f->entity), "%.*s", STRF(say_get(c, f->entity, feature_has(f, "owner-only"))));
  REPLY(b, d->api, d->user, feature_has(f, "owner-only") ? "200, or 404 when it belongs to someone else" : "200 with the %.*s",
        STRF(en));
}

/* A search through the engine, or the database's own full-text index. */
static void search_flow(FB *b, Str en) {
  Ctx *c = b->c;
  DocFacts *d = c->d;
  inbound(b, d->user, str_printf(c->a, "search %.*s with q and facets", STRF(en)));
  if (d->search >= 0) {
    CALL(b, d->api, d->search, "ranked query with filters");
    REPLY(b, d->search, d->api, "ids, highlights and facet counts");
    NOTE(b, d->worker >= 0 ? d->worker : d->api, "the index follows writes through the outbox, seconds behind");
  } else {
    CALL(b, d->api, d->db, "full-text query on the indexed columns");
    REPLY(b, d->db, d->api, "ranked rows");
  }
  REPLY(b, d->api, d->user, "200 with one page of results");
}

/* A presigned direct upload to object storage, then its confirmation. */
static void upload_flow(FB *b, const Feature *f, Str en, Str tbl) {
  Ctx *c = b->c;
  DocFacts *d = c->d;
  Str fld = f->field ? f->field->name : S("file");
  inbound(b, d->user, str_printf(c->a, "ask to upload %.*s.%.*s (name, size, type)", STRF(en), STRF(fld)));
  verify_token(b, f);
  CALL(b, d->api, docfacts_store_part(c, f->entity), "%.*s", STRF(say_update(c, f->entity, tbl, "with status pending")));
  CALL(b, d->api, d->objects, "presign a POST for %.0f minutes, capped at the declared size", FIG(c->p, "presign-expiry", 900) / 60);
  REPLY(b, d->api, d->user, "201 with the upload URL and its signed fields");
  CALL(b, d->user, d->objects, "POST the file directly with the signed fields");
  inbound(b, d->user, S("confirm the upload"));
  CALL(b, d->api, docfacts_store_part(c, f->entity), "mark %.*s stored with its size and checksum", STRF(tbl));
  REPLY(b, d->api, d->user, "200 with a presigned download URL");
}

/* A notification: found by a scheduled scan or written with the change
 * (through an outbox), then sent by the worker with retries. */
static void notify_flow(FB *b, const Feature *f, Str en, Str tbl) {
  Ctx *c = b->c;
  DocFacts *d = c->d;
  char dur[48];
  int jobs = d->queue >= 0 ? d->queue : d->stream;
  int prov = str_eqc(f->name, "email") ? c->email : str_eqc(f->name, "sms") ? c->sms : c->push;
  if (prov < 0)
    prov = docfacts_provider_of_kind(c, f->name);
  bool scheduled = f->trigger == TRIG_BEFORE || f->trigger == TRIG_EVERY;
  if (f->trigger == TRIG_BEFORE && f->nvia && f->via[0] && f->field)
    NOTE(b, d->worker, "a scheduled scan finds %.*s rows whose %.*s.%.*s is %s away", STRF(en),
         STRF(f->via[f->nvia - 1] ? f->via[f->nvia - 1]->name : S("relation")), STRF(f->field->name),
         duration(dur, f->lead));
  else if (f->trigger == TRIG_BEFORE)
    NOTE(b, d->worker, "a scheduled scan finds %.*s rows whose %.*s is %s away", STRF(en),
         STRF(f->field ? f->field->name : S("date")), duration(dur, f->lead));
  else if (f->trigger == TRIG_EVERY)
    NOTE(b, d->worker, "the schedule fires every %s and collects what is due", duration(dur, f->lead));
  if (scheduled)
    CALL(b, d->worker, docfacts_store_part(c, f->entity), "select the due %.*s rows not yet notified", STRF(en.n ? en : S("subscription")));
  else {
    inbound(b, d->user, str_printf(c->a, "change %.*s", STRF(en)));
    /* The outbox shares a transaction with the row only in one store. */
    if (docfacts_store_part(c, f->entity) != d->db)
      CALL(b, d->api, docfacts_store_part(c, f->entity), "%.*s", STRF(say_insert(c, f->entity, tbl, false)));
    else
      CALL(b, d->api, d->db,
           dynamo_e(c, f->entity) ? "TransactWriteItems: %.*s and an outbox item" : "write %.*s and an outbox row in one transaction",
           STRF(en));
  }
  CALL(b, scheduled ? d->worker : d->api, jobs, "enqueue the %.*s job with an idempotency key", STRF(f->name));
  CALL(b, d->worker, jobs, "receive the job");
  CALL(b, d->worker, prov, "send the %.*s", STRF(f->name));
  ALT(b, "accepted");
  CALL(b, d->worker, jobs, "acknowledge");
  ELSE(b, "provider error or timeout");
  NOTE(b, d->worker, "retry with exponential backoff, then dead-letter the job");
  END(b);
}

/* Subscribing to a channel, then a post delivered to every subscriber. */
static void realtime_flow(FB *b, const Feature *f, Str en, Str tbl) {
  Ctx *c = b->c;
  DocFacts *d = c->d;
  const Option *dl = feature_opt(f, "deliver");
  const Field *via = dl && dl->nargs && dl->fields ? dl->fields[0] : NULL;
  Str chan = via && via->ref ? str_printf(c->a, "the %.*s's channel", STRF(via->ref->name)) : S("the channel");
  bool session = str_eqc(doc_auth_method(c->p->model), "session");
  CALL(b, d->user, d->realtime >= 0 ? d->realtime : d->api, "subscribe to %.*s with %s", STRF(chan),
       session ? "a connection token signed for the session" : "the access token");
  const Option *ord = feature_opt(f, "order");
  if (ord && ord->nargs)
    NOTE(b, d->realtime >= 0 ? d->realtime : d->api, "ordering: %.*s", STRF(ord->args[0].text));
  inbound(b, d->user, str_printf(c->a, "post a %.*s", STRF(en)));
  verify_token(b, f);
  CALL(b, d->api, docfacts_store_part(c, f->entity), "%.*s", STRF(say_insert(c, f->entity, tbl, false)));
  CALL(b, d->api, d->realtime, "publish to the channel");
  REPLY(b, d->api, d->user, "201 Created");
  REPLY(b, d->realtime, d->user, "deliver the %.*s to every subscriber", STRF(en));
}

/* One page of history after a cursor. */
static void history_flow(FB *b, const Feature *f, Str en) {
  Ctx *c = b->c;
  DocFacts *d = c->d;
  inbound(b, d->user, str_printf(c->a, "list %.*s history after a cursor", STRF(en)));
  verify_token(b, f);
  CALL(b, d->api, docfacts_store_part(c, f->entity),
       form_e(c, f->entity) == FORM_SQL ? "keyset query on the parent and created_at index"
                                        : "read the parent's partition, newest first, after the cursor");
  REPLY(b, docfacts_store_part(c, f->entity), d->api, "one page of rows");
  REPLY(b, d->api, d->user, "200 with the page and the next cursor");
}

/* A device's batch, accepted at once and written by the worker. */
static void ingest_flow(FB *b, const Feature *f, Str en) {
  Ctx *c = b->c;
  DocFacts *d = c->d;
  int jobs = d->queue >= 0 ? d->queue : d->stream;
  int dev = c->device;
  const Option *bt = feature_opt(f, "batch");
  inbound(b, dev, str_printf(c->a, "POST a batch of %.0f %.*s rows", bt ? bt->args[0].num : 1.0, STRF(en)));
  int in = d->stream >= 0 ? d->stream : jobs;
  NOTE(b, d->api, "authenticate the device, validate the batch");
  CALL(b, d->api, in, "append the batch keyed by device");
  REPLY(b, d->api, dev, "202 Accepted");
  CALL(b, d->worker, in, "consume batches");
  CALL(b, d->worker, docfacts_store_part(c, f->entity), "batch write, idempotent on device and time");
  CALL(b, d->worker, in, d->stream >= 0 ? "commit the offset" : "acknowledge the batch");
}

/* A time-window query, from a rollup when the feature downsamples. */
static void query_flow(FB *b, const Feature *f, Str en) {
  Ctx *c = b->c;
  DocFacts *d = c->d;
  inbound(b, d->user, str_printf(c->a, "query %.*s over a time window", STRF(en)));
  verify_token(b, f);
  CALL(b, d->api, docfacts_store_part(c, f->entity), feature_has(f, "downsample") ? "aggregate from the rollup matching the window" : "aggregate over the window");
  REPLY(b, docfacts_store_part(c, f->entity), d->api, "series points");
  REPLY(b, d->api, d->user, "200 with the series");
}

/* The scheduled report: aggregate, store the file, record the run. */
static void report_flow(FB *b, const Feature *f) {
  Ctx *c = b->c;
  DocFacts *d = c->d;
  NOTE(b, d->worker, "the scheduler starts the %.*s %.*s report", STRF(f->period), STRF(f->name));
  CALL(b, d->worker, docfacts_store_part(c, f->entity), "aggregate the period's rows (read replica when there is one)");
  CALL(b, d->worker, d->objects, "store the report file");
  CALL(b, d->worker, d->db, "record the run, keyed by period, so a rerun replaces it");
}

/* Live tiles pushed through the realtime hub, or a polled dashboard. */
static void dashboard_flow(FB *b, const Feature *f, Str en) {
  Ctx *c = b->c;
  DocFacts *d = c->d;
  CALL(b, d->user, d->realtime >= 0 ? d->realtime : d->api, feature_has(f, "live") ? "subscribe to the dashboard channel" : "poll the dashboard");
  if (d->worker >= 0 && d->realtime >= 0) {
    CALL(b, d->worker, d->db, "write new %.*s rows", STRF(en));
    CALL(b, d->worker, d->realtime, "publish the changed tiles");
    REPLY(b, d->realtime, d->user, "push the update");
  } else {
    inbound(b, d->user, str_printf(c->a, "load the %.*s dashboard", STRF(en)));
    CALL(b, d->api, d->db, "read the aggregates");
    REPLY(b, d->api, d->user, "200 with the tiles");
  }
}

/* An integration's signed webhook: verified, deduplicated by event id, and
 * applied in the same transaction (for payments, the payment id and the
 * system transition it triggers). */
static void webhook_flow(FB *b, const Feature *f, int x) {
  Ctx *c = b->c;
  DocFacts *d = c->d;
  CALL(b, x, d->gateway >= 0 ? d->gateway : d->api, "webhook event with an HMAC signature");
  if (d->gateway >= 0)
    CALL(b, d->gateway, d->api, "forward");
  const Api *api = &c->p->api;
  NOTE(b, d->api, "verify the signature and timestamp");
  if (api->db_form == FORM_SQL)
    CALL(b, d->api, d->db, "INSERT the event id into %.*s ON CONFLICT DO NOTHING: a replay stops here, answered 200",
         STRF(api->events_table));
  else
    CALL(b, d->api, d->db, "%s the event id into %.*s %s: a replay stops here, answered 200",
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
    CALL(b, d->api, d->db, "in the same transaction, store the payment id in %.*s.%.*s%.*s", STRF(pe->table),
         STRF(pe->pay_payment), STRF(to));
  } else
    CALL(b, d->api, d->db, "in the same transaction, apply the event");
  REPLY(b, d->api, x, "200 OK");
}

/* A call to an external service with an idempotency key, a timeout, retries
 * and a breaker, and for payments the hosted checkout. */
static void integration_flow(FB *b, const Feature *f) {
  Ctx *c = b->c;
  DocFacts *d = c->d;
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
  inbound(b, d->user, act);
  CALL(b, d->api, x, co ? "create a hosted checkout session with an idempotency key and a %.0f s timeout"
                         : "call with an idempotency key and a %.0f s timeout", FIG(c->p, "call-timeout", 3));
  ALT(b, "success");
  REPLY(b, x, d->api, co ? "the session's id and URL" : "result");
  {
    const Api *api = &c->p->api;
    bool email = kd && str_eqc(kd->args[0].text, "email");
    if (api->payments == f && api->payable) {
      const ApiEntity *pe = &api->ents[api->payable->index];
      CALL(b, d->api, d->db, "store the checkout session id in %.*s.%.*s", STRF(pe->table), STRF(pe->pay_checkout));
      if (co)
        REPLY(b, d->api, d->user, "201 with the checkout URL: the card is entered on the provider's page");
    } else if (email && api->outbox_table.n)
      CALL(b, d->api, d->db, "mark the %.*s row sent with the provider's message id", STRF(api->outbox_table));
  }
  ELSE(b, "timeout, 429 or 5xx");
  NOTE(b, d->api, "retry with backoff; the breaker opens after %.0f failures", FIG(c->p, "breaker-failures", 5));
  END(b);
  if (feature_has(f, "webhooks"))
    webhook_flow(b, f, x);
}

/* A feature's flow title: "crud Task", "notify email before Task.due". */
static Str flow_title(Ctx *c, const Feature *f, Str en) {
  char dur[48];
  if (f->kind == FK_INTEGRATION || f->kind == FK_REPORT)
    return str_printf(c->a, "%s %.*s", feature_specs[f->kind].name, STRF(f->name));
  if (f->kind == FK_NOTIFY && f->field)
    return str_printf(c->a, "notify %.*s %s %.*s.%.*s", STRF(f->name), f->trigger == TRIG_BEFORE ? "before" : "on", STRF(en),
                      STRF(f->field->name));
  if (f->kind == FK_NOTIFY && f->trigger == TRIG_EVERY)
    return str_printf(c->a, "notify %.*s every %s", STRF(f->name), duration(dur, f->lead));
  if (f->kind == FK_NOTIFY)
    return str_printf(c->a, "notify %.*s on %.*s", STRF(f->name), STRF(en));
  if (f->kind == FK_UPLOAD && f->field)
    return str_printf(c->a, "upload %.*s.%.*s", STRF(en), STRF(f->field->name));
  if (!en.n)   /* rate-limit on the whole API */
    return str_c(feature_specs[f->kind].name);
  return str_printf(c->a, "%s %.*s", feature_specs[f->kind].name, STRF(en));
}

/* Every feature beyond CRUD and integrations ships dark first: its flag is
 * the title in snake case with the feature's index. */
static void feature_flag(Ctx *c, const Feature *f, Str title) {
  if (f->kind == FK_CRUD || f->kind == FK_INTEGRATION)
    return;
  Buf n = {0};
  for (ptrdiff_t k = 0; k < title.n; k++) {
    char ch = title.p[k];
    bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
    buf_putc(&n, ok ? ch : ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : '_');
  }
  FeatureFlag *fl = push(c->a, c->d->flags, c->d->nflags, c->cap_flags);
  fl->name = str_printf(c->a, "%.*s_%d", STRF(buf_view(&n)), f->index);
  fl->what = title;
  buf_free(&n);
}

/* The steps of one feature's flow (auth's are auth_flow's). */
static void feature_flow(FB *b, const Feature *f) {
  Ctx *c = b->c;
  Str en = f->entity ? f->entity->name : (Str){0};
  /* SQL statements name the table schema.sql creates. */
  Str tbl = f->entity ? c->p->api.ents[f->entity->index].table : en;
  switch (f->kind) {
  case FK_AUTH:
    break;
  case FK_CRUD:
    crud_flow(b, f, en, tbl);
    break;
  case FK_SEARCH:
    search_flow(b, en);
    break;
  case FK_UPLOAD:
    upload_flow(b, f, en, tbl);
    break;
  case FK_NOTIFY:
    notify_flow(b, f, en, tbl);
    break;
  case FK_REALTIME:
    realtime_flow(b, f, en, tbl);
    break;
  case FK_HISTORY:
    history_flow(b, f, en);
    break;
  case FK_INGEST:
    ingest_flow(b, f, en);
    break;
  case FK_QUERY:
    query_flow(b, f, en);
    break;
  case FK_REPORT:
    report_flow(b, f);
    break;
  case FK_DASHBOARD:
    dashboard_flow(b, f, en);
    break;
  case FK_INTEGRATION:
    integration_flow(b, f);
    break;
  case FK_COUNT_: break;
  default: archetype_flow(b, f); break;
  }
}


/* The flows name the events they move: a note on the flow of the feature
 * behind each event (Kit.first_event), over the part that carries it. */
static void event_notes(FB *b) {
  const Kit *k = b->c->p->kit;
  const DocFacts *d = b->c->d;
  Flow *fl = b->f;
  if (!k || !k->first_event || !fl->feature || !fl->nparts)
    return;
  for (int i = k->first_event[fl->feature->index]; i >= 0; i = k->event_next[i]) {
    const Event *e = &k->events[i];
    int over = fl->parts[0];
    int want = str_eqc(e->kind, "realtime") ? d->realtime : str_eqc(e->kind, "webhook-in") ? d->api
               : str_eqc(e->kind, "stream") && d->stream >= 0 ? d->stream : d->queue;
    for (int x = 0; x < fl->nparts; x++)
      if (fl->parts[x] == want)
        over = want;
    fl->steps = grown(b->c->a, fl->steps, fl->nsteps, sizeof *fl->steps);
    fl->steps[fl->nsteps++] = (Step){STEP_NOTE, over, -1, str_printf(b->c->a, "event %.*s (asyncapi.yaml)", STRF(e->id))};
  }
}

void docfacts_flows(Ctx *c) {
  const Model *m = c->p->model;
  DocFacts *d = c->d;
  d->feature_titles = new(c->a, Str, m->nfeatures);
  if (m->auth) {
    Flow *fl = push(c->a, d->flows, d->nflows, c->cap_flows);
    fl->title = str_printf(c->a, "Authentication (%.*s)", STRF(doc_auth_method(m)));
    d->feature_titles[m->auth->index] = fl->title;
  }
  for (int i = 0; i < m->nfeatures; i++) {
    const Feature *f = &m->features[i];
    if (f->kind == FK_AUTH)
      continue;   /* drawn by auth_flow */
    Str title = flow_title(c, f, f->entity ? f->entity->name : (Str){0});
    Flow *fl = push(c->a, d->flows, d->nflows, c->cap_flows);
    fl->title = title;
    fl->feature = f;
    d->feature_titles[f->index] = title;
    feature_flag(c, f, title);
  }
}

Flow docfacts_flow(Arena *a, const Plan *p, int i) {
  const DocFacts *d = p->docs;
  Ctx c = *d->ctx;
  c.a = a;
  Flow fl = {d->flows[i].title, d->flows[i].feature, NULL, 0, NULL, 0};
  FB b = {&c, &fl};
  if (fl.feature)
    feature_flow(&b, fl.feature);
  else
    auth_flow(&b);
  event_notes(&b);
  return fl;
}
