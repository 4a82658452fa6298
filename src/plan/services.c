/* Services: with the services style, the plan's service boundaries.
 *
 * An area of the domain is an entity without an owner (plan_style counts
 * them) together with every entity whose ownership chain leads to it; a
 * join entity belongs to the area of its first relation's target. Each
 * area becomes one service that owns its entities' tables (in its own
 * schema of the chosen database), serves their endpoints and publishes
 * their changes when another area refers to them; a service subscribes to
 * the events of the entities it refers to elsewhere, so it can keep the
 * copies it needs instead of reading another service's tables. The
 * service of the principal also signs people in. Endpoint paths follow the
 * /v1/PLURAL convention of the API contract. */
#include <string.h>

#include "../spec/parse.h"
#include "core.h"
#include "explain.h"
#include "services.h"

static const Entity *root_of(const Entity *e) {
  int guard = 0;
  while (e->parent && guard++ < 100000)
    e = e->parent;
  return e;
}

/* The area root of every entity (joins: their first relation's target). */
static const Entity *area_of(const Entity *e) {
  if (e->join)
    for (int i = 0; i < e->nfields; i++)
      if (e->fields[i].ref)
        return root_of(e->fields[i].ref);
  return root_of(e);
}

static Str lower_dash(Arena *a, Str s) {
  char *o = new(a, char, s.n * 2 + 1);
  int n = 0;
  for (ptrdiff_t i = 0; i < s.n; i++) {
    char c = s.p[i];
    if (c >= 'A' && c <= 'Z') {
      if (n && i && !(s.p[i - 1] >= 'A' && s.p[i - 1] <= 'Z'))
        o[n++] = '-';
      c = (char)(c - 'A' + 'a');
    } else if (c == '_' || c == ' ')
      c = '-';
    o[n++] = c;
  }
  return (Str){o, n};
}

/* Appends to an arena array whose capacity is the next power of two. */
static void add(Arena *a, Str **arr, int *n, Str s) {
  if (*n == 0 || (*n >= 4 && !(*n & (*n - 1)))) {
    Str *v = new(a, Str, *n ? *n * 2 : 4);
    if (*n)
      memcpy(v, *arr, sizeof *v * (size_t)*n);
    *arr = v;
  }
  (*arr)[(*n)++] = s;
}

static void add_unique(Arena *a, Str **arr, int *n, Str s) {
  for (int i = 0; i < *n; i++)
    if (str_eq((*arr)[i], s))
      return;
  add(a, arr, n, s);
}

void plan_services(Arena *a, Plan *p) {
  if (!str_eqc(p->style.choice, "services"))
    return;
  const Model *m = p->model;
  int nroots = 0;
  for (int i = 0; i < m->nentities; i++)
    nroots += !m->entities[i].parent && !m->entities[i].join;
  p->services = new(a, Service, nroots);
  /* Service index of each entity, by entity index. */
  int *svc = new(a, int, m->nentities);
  const Entity **roots = new(a, const Entity *, nroots);
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    if (e->parent || e->join)
      continue;
    roots[p->nservices] = e;
    Service *s = &p->services[p->nservices++];
    s->name = str_printf(a, "%.*s-service", STRF(lower_dash(a, e->name)));
  }
  int *count = new(a, int, nroots);
  for (int i = 0; i < m->nentities; i++) {
    const Entity *r = area_of(&m->entities[i]);
    int k = 0;
    while (k < nroots && roots[k] != r)
      k++;
    svc[i] = k < nroots ? k : 0;
    count[svc[i]]++;
  }
  for (int k = 0; k < nroots; k++)
    p->services[k].entities = new(a, const Entity *, count[k]);
  for (int i = 0; i < m->nentities; i++) {
    Service *s = &p->services[svc[i]];
    s->entities[s->nentities++] = &m->entities[i];
  }
  Str db = plan_tech_name(p, "database"), cache = plan_tech_name(p, "cache"), queue = plan_tech_name(p, "queue");
  if (!queue.n)
    queue = plan_tech_name(p, "stream");
  for (int k = 0; k < nroots; k++) {
    Service *s = &p->services[k];
    s->datastore = db.n ? str_printf(a, "%.*s, schema %.*s (no other service reads it)", STRF(db),
                                     STRF(lower_dash(a, roots[k]->name)))
                        : db;
    s->cache = cache;
    s->queue = queue;
    Str names = {0};
    for (int i = 0; i < s->nentities; i++)
      names = str_printf(a, "%.*s%s%.*s", STRF(names), i ? (i + 1 == s->nentities ? " and " : ", ") : "",
                         STRF(s->entities[i]->name));
    add(a, &s->responsibilities, &s->nresponsibilities,
               str_printf(a, "owns the %.*s record%s and %s rules", STRF(names), s->nentities == 1 ? "" : "s", s->nentities == 1 ? "its" : "their"));
    if (m->principal && area_of(m->principal) == roots[k] && m->auth)
      add(a, &s->responsibilities, &s->nresponsibilities,
                 S("signs people in and issues the tokens every other service verifies"));
  }
  /* Features: responsibilities and endpoints of the service owning the entity. */
  for (int f = 0; f < m->nfeatures; f++) {
    const Feature *ft = &m->features[f];
    if (!ft->entity)
      continue;
    Service *s = &p->services[svc[ft->entity->index]];
    static const char *const verbs[FK_COUNT_] = {
      [FK_CRUD] = "creates, reads, updates and deletes", [FK_SEARCH] = "searches",
      [FK_UPLOAD] = "stores the uploaded files of", [FK_NOTIFY] = "sends notifications about",
      [FK_REALTIME] = "delivers live updates of", [FK_HISTORY] = "pages through the history of",
      [FK_INGEST] = "ingests in batches", [FK_QUERY] = "answers time-window queries over",
      [FK_REPORT] = "builds scheduled reports over", [FK_DASHBOARD] = "serves dashboards of",
      [FK_FEED] = "fans out to followers' timelines", [FK_PRESENCE] = "tracks who is online among",
      [FK_CHAT] = "delivers, with receipts and offline inboxes,", [FK_NEARBY] = "finds by proximity and matches",
      [FK_CRAWL] = "crawls, politely and without duplicates,", [FK_SHORTLINK] = "keys and redirects",
      [FK_LEADERBOARD] = "ranks", [FK_COUNTER] = "counts", [FK_MEDIA] = "transcodes and delivers",
      [FK_RATELIMIT] = "rate-limits", [FK_RESERVE] = "holds and sells, never twice,",
      [FK_COLLAB] = "merges concurrent edits of", [FK_EXCHANGE] = "matches, in sequence,",
    };
    const char *verb = ft->kind < FK_COUNT_ && verbs[ft->kind] ? verbs[ft->kind] : feature_kind_name(ft->kind);
    add(a, &s->responsibilities, &s->nresponsibilities,
        str_printf(a, "%s %.*s%s%.*s", verb, STRF(ft->entity->name), ft->field ? "." : "",
                   STRF(ft->field ? ft->field->name : (Str){0})));
  }
  /* Endpoints: the contract's own (api.c), each with the service that owns
   * its resource; the auth endpoints go to the service that signs people in. */
  for (int i = 0; i < p->api.neps; i++) {
    const Endpoint *x = &p->api.eps[i];
    const Entity *e = x->entity ? x->entity : x->kind == EP_AUTH ? m->principal : NULL;
    if (!e)
      continue;
    Service *s = &p->services[svc[e->index]];
    Str base = x->kind == EP_REDIRECT ? (Str){0} : p->api.base;   /* short URLs live at the root */
    add(a, &s->apis, &s->napis, str_printf(a, "%.*s %.*s%.*s", STRF(x->method), STRF(base), STRF(x->path)));
  }
  /* Relations across areas: dependencies and events. */
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    Service *s = &p->services[svc[i]];
    for (int k = 0; k < e->nfields; k++) {
      const Entity *t = e->fields[k].ref;
      if (!t || svc[t->index] == svc[i])
        continue;
      Service *o = &p->services[svc[t->index]];
      add_unique(a, &s->depends, &s->ndepends, o->name);
      Str topic = str_printf(a, "%.*s.changed", STRF(lower_dash(a, t->name)));
      add_unique(a, &o->publishes, &o->npublishes, topic);
      add_unique(a, &s->subscribes, &s->nsubscribes, topic);
    }
  }
  /* Every service verifies the identity service's tokens. */
  if (m->principal && m->auth)
    for (int k = 0; k < nroots; k++)
      if (k != svc[m->principal->index])
        add_unique(a, &p->services[k].depends, &p->services[k].ndepends, p->services[svc[m->principal->index]].name);
}
