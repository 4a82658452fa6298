/* The contract: the endpoint list (see Api in api.h); its names are
 * api_names.c's, its data facts api_data.c's, its settings settings.c's.
 *
 * Endpoints. In entity order, then feature order:
 *   crud     list and create on the collection, get, PATCH and DELETE on
 *            the item (read-only: no writes); a collection is nested under
 *            its parent (`/tasks/{taskId}/attachments`) unless the parent
 *            is the principal, whose rows are the signed-in user's;
 *   search   GET collection/search?q=   history  GET collection/history
 *   upload   POST and GET item/FIELD (presigned URLs)
 *   ingest   POST collection/batch (202)   query  GET collection/aggregate
 *   auth     the set of the method; webhooks  POST /webhooks/NAME.
 * Access follows the ownership chain (access_of): the caller's own rows
 * under owner-only, the caller's organisation's rows when the chain reaches
 * it, else any signed-in user's.
 * Errors: 400 for bodies and queries, 401 when signed in, 403 for roles and
 * owner-only writes, 404 on items (and for other users' or organisations'
 * rows), 409 where a unique field or a relation can clash, 429 and 500
 * everywhere. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../util/fmt.h"
#include "../util/json.h"
#include "api.h"
#include "apiint.h"
#include "core.h"
#include "docfacts.h"
#include "explain.h"

static const Feature *feature_of(const Entity *e, FeatureKind k) {
  for (int i = 0; i < e->nfeatures; i++)
    if (e->features[i]->kind == k)
      return e->features[i];
  return NULL;
}

/* ---- endpoints ---- */

typedef struct {
  Arena *a;
  Plan *p;
  NameSet ops;
  Endpoint *v;
  int n, cap;
  Arena *grow;           /* where v grows; copied to the plan's arena at the end */
} Builder;

static Endpoint *ep(Builder *b, const char *method, Str path, EndpointKind kind, const char *verb, Str noun, int success) {
  Endpoint *e = push(b->grow, b->v, b->n, b->cap);
  e->method = str_c(method);
  e->path = path;
  e->kind = kind;
  e->op_id = names_claim(b->a, &b->ops, str_printf(b->a, "%s%.*s", verb, STRF(noun)), 1 << 20);
  e->success = success;
  return e;
}

static void err(Endpoint *e, int status) {
  int i = e->nerrors;
  for (int k = 0; k < e->nerrors; k++)
    if (e->errors[k] == status)
      return;
  while (i > 0 && e->errors[i - 1] > status) {
    e->errors[i] = e->errors[i - 1];
    i--;
  }
  e->errors[i] = status;
  e->nerrors++;
}

/* Errors every endpoint can answer, and 401 when it needs a user. */
static void common(Endpoint *e) {
  if (e->auth)
    err(e, 401);
  err(e, 429);
  err(e, 500);
}

static bool clashes(const Entity *e) {
  for (int i = 0; i < e->nfields; i++)
    if (e->fields[i].unique || e->fields[i].rel == REL_MANY_TO_ONE)
      return true;
  return false;
}

static void auth_endpoints(Builder *b, const Feature *auth) {
  Arena *a = b->a;
  const Option *m = feature_opt(auth, "method");
  Str meth = m ? m->args[0].text : S("jwt");
  b->p->api.method = meth;
  struct Step { const char *step, *method, *path, *verb, *summary; int success; bool user, body; };
  static const struct Step jwt[] = {
    {"register", "POST", "/auth/register", "register", "Create an account", 201, false, true},
    {"login", "POST", "/auth/login", "login", "Sign in and receive an access and a refresh token", 200, false, true},
    {"refresh", "POST", "/auth/refresh", "refresh", "Exchange a refresh token for a new access token", 200, false, true},
    {"logout", "POST", "/auth/logout", "logout", "Revoke the refresh token", 204, true, false},
    {"me", "GET", "/auth/me", "me", "Validate the token and return the signed-in user", 200, true, false},
    {0}};
  static const struct Step session[] = {
    {"register", "POST", "/auth/register", "register", "Create an account", 201, false, true},
    {"login", "POST", "/auth/login", "login", "Sign in; the session cookie is set", 200, false, true},
    {"logout", "POST", "/auth/logout", "logout", "End the session", 204, true, false},
    {"me", "GET", "/auth/session", "session", "Validate the session and return the signed-in user", 200, true, false},
    {0}};
  static const struct Step oidc[] = {
    {"authorize", "GET", "/auth/authorize", "authorize", "Redirect to the identity provider (authorization code with PKCE)", 302, false, false},
    {"callback", "GET", "/auth/callback", "callback", "Exchange the authorization code for tokens", 200, false, false},
    {"refresh", "POST", "/auth/refresh", "refresh", "Exchange a refresh token for a new access token", 200, false, true},
    {"logout", "POST", "/auth/logout", "logout", "Revoke the tokens", 204, true, false},
    {"me", "GET", "/auth/me", "me", "Validate the token and return the signed-in user", 200, true, false},
    {0}};
  static const struct Step apikey[] = {
    {"register", "POST", "/auth/keys", "createApiKey", "Issue an API key (shown once)", 201, true, false},
    {"revoke", "DELETE", "/auth/keys/current", "revokeApiKey", "Revoke the key used for this request", 204, true, false},
    {"me", "GET", "/auth/me", "me", "Validate the key and return its owner", 200, true, false},
    {0}};
  static const struct Step magic[] = {
    {"request", "POST", "/auth/magic-link", "requestMagicLink", "Email a one-time sign-in link", 202, false, true},
    {"login", "POST", "/auth/magic-link/verify", "verifyMagicLink", "Exchange the link's token for an access token", 200, false, true},
    {"refresh", "POST", "/auth/refresh", "refresh", "Exchange a refresh token for a new access token", 200, false, true},
    {"logout", "POST", "/auth/logout", "logout", "Revoke the refresh token", 204, true, false},
    {"me", "GET", "/auth/me", "me", "Validate the token and return the signed-in user", 200, true, false},
    {0}};
  static const struct Step passkey[] = {
    {"register", "POST", "/auth/passkey/register", "registerPasskey", "Register a passkey (WebAuthn attestation)", 201, false, true},
    {"login", "POST", "/auth/passkey/login", "loginPasskey", "Sign in with a passkey (WebAuthn assertion)", 200, false, true},
    {"logout", "POST", "/auth/logout", "logout", "End the session", 204, true, false},
    {"me", "GET", "/auth/me", "me", "Validate the session and return the signed-in user", 200, true, false},
    {0}};
  static const struct Step saml[] = {
    {"authorize", "GET", "/auth/saml/login", "samlLogin", "Redirect to the identity provider", 302, false, false},
    {"callback", "POST", "/auth/saml/acs", "samlAcs", "Assertion consumer service: the identity provider posts here", 200, false, true},
    {"logout", "POST", "/auth/logout", "logout", "End the session", 204, true, false},
    {"me", "GET", "/auth/me", "me", "Validate the session and return the signed-in user", 200, true, false},
    {0}};
  const struct Step *set = str_eqc(meth, "session") ? session
                           : str_eqc(meth, "oauth") || str_eqc(meth, "oidc") ? oidc
                           : str_eqc(meth, "apikey") ? apikey
                           : str_eqc(meth, "magic-link") ? magic
                           : str_eqc(meth, "passkey") ? passkey
                           : str_eqc(meth, "saml") ? saml : jwt;
  for (const struct Step *s = set; s->step; s++) {
    Endpoint *e = ep(b, s->method, str_c(s->path), EP_AUTH, s->verb, (Str){0}, s->success);
    e->auth_step = str_c(s->step);
    e->summary = str_c(s->summary);
    e->feature = auth;
    e->entity = b->p->model->principal;
    e->auth = s->user;
    e->read = !strcmp(s->method, "GET");
    const Api *api = &b->p->api;
    if (!strcmp(s->step, "register") && api->signup_org && (set == jwt || set == session))
      e->summary = api->signup_role.n
                       ? str_printf(a, "Sign up a new %.*s: create it and its first %.*s, who takes the role %.*s",
                                    STRF(api->signup_org->name), STRF(e->entity->name), STRF(api->signup_role))
                       : str_printf(a, "Sign up a new %.*s: create it and its first %.*s", STRF(api->signup_org->name),
                                    STRF(e->entity->name));
    if (s->body || !strcmp(s->step, "callback"))
      err(e, 400);
    if (!strcmp(s->step, "login") || !strcmp(s->step, "refresh") || !strcmp(s->step, "callback"))
      err(e, 401);
    if (!strcmp(s->step, "register") && s->body)
      err(e, 409);
    common(e);
  }
}

static Str collection(Arena *a, const Plan *p, const Entity *e, const Entity **parent) {
  const ApiEntity *ae = &p->api.ents[e->index];
  const Entity *par = e->parent;
  *parent = NULL;
  if (par && par != p->model->principal && !e->join) {
    *parent = par;
    const ApiEntity *pa = &p->api.ents[par->index];
    return str_printf(a, "/%.*s/{%.*s}/%.*s", STRF(pa->plural), STRF(pa->param), STRF(ae->plural));
  }
  return str_printf(a, "/%.*s", STRF(ae->plural));
}

/* One POST per lifecycle target state: /orders/{orderId}/cancel. The state
 * field is never written through PATCH. */
static void transition_endpoints(Builder *b, const Entity *e, const Feature *crud, Str item, Str noun, bool owner) {
  Arena *a = b->a;
  Api *api = &b->p->api;
  for (int i = 0; i < api->nlives; i++) {
    const Lifecycle *l = &api->lives[i];
    if (l->entity != e)
      continue;
    Str verb = names_go(a, l->verb);
    char *vz = str_dupz(a, verb);
    vz[0] = names_lower(vz[0]);
    /* Unique among the paths so far: two lifecycles may reach states of one
     * name, and non-ASCII states may fold to one segment. */
    Str path = str_printf(a, "%.*s/%.*s", STRF(item), STRF(l->verb));
    for (int n = 1;; n++) {
      bool taken = false;
      for (int k = 0; k < b->n && !taken; k++)
        taken = str_eq(b->v[k].path, path);
      if (!taken)
        break;
      path = n == 1 ? str_printf(a, "%.*s/%.*s-%.*s", STRF(item), STRF(names_kebab(a, names_ascii(a, l->field->name))), STRF(l->verb))
                    : str_printf(a, "%.*s/%.*s-%d", STRF(item), STRF(l->verb), n);
    }
    Endpoint *x = ep(b, "POST", path, EP_TRANSITION, vz, noun, 200);
    x->entity = e, x->feature = crud, x->field = l->field, x->life = l;
    x->auth = b->p->model->auth != NULL;
    bool by_owner = false;
    for (int k = 0; k < l->nby; k++)
      by_owner |= str_eqc(l->by[k], "owner");
    x->owner_only = owner && by_owner && l->nby == 1;
    x->roles = new(a, Str, l->nby);
    for (int k = 0; k < l->nby; k++)
      if (!str_eqc(l->by[k], "owner"))
        x->roles[x->nroles++] = l->by[k];
    Buf s = {0};
    buf_printf(&s, "Move one %.*s to %.*s (from ", STRF(e->name), STRF(l->field->enum_vals[l->to]));
    for (int k = 0; k < l->nfrom; k++)
      buf_printf(&s, "%s%.*s", k ? (k == l->nfrom - 1 ? " or " : ", ") : "", STRF(l->field->enum_vals[l->from[k]]));
    buf_putc(&s, ')');
    x->summary = str_printf(a, "%.*s", (int)s.n, s.p);
    buf_free(&s);
    err(x, 404);
    if (x->nroles || x->owner_only)
      err(x, 403);
    err(x, 409);
    common(x);
  }
}

/* What every endpoint of one entity shares: its paths, nouns and guards. */
typedef struct {
  const Entity *e;
  const ApiEntity *ae;
  const Feature *crud;     /* the entity's crud feature, or NULL */
  bool authed, owner, clash;
  const Entity *tenant;    /* the organisation whose rows bound every signed-in call, or NULL */
  const Entity *parent;    /* the owner in the collection's path, or NULL */
  Str coll, item, noun, plural_noun;
} EntityPaths;

/* Access follows the ownership chain: to the caller's own rows when
 * owner-only is on the entity, or on one up its chain that reaches the
 * principal (unless the row names a user of its own); else to the rows of the caller's organisation
 * (model_tenant) when the chain reaches it (entity_endpoints applies it to
 * every signed-in call; public reads stay public). */
static void access_of(const Model *m, EntityPaths *ps) {
  const Entity *e = ps->e;
  ps->owner = ps->crud && feature_has(ps->crud, "owner-only");
  if (!m->auth)
    return;
  /* A row that names a user of its own (a bid's bidder on another's
   * listing) is not simply its parent's owner's. */
  bool pub = ps->crud && feature_has(ps->crud, "public"), actor = false;
  for (int k = 0; k < e->nfields; k++)
    actor |= e->fields[k].rel == REL_MANY_TO_ONE && e->fields[k].ref == m->principal && &e->fields[k] != e->parent_field;
  bool own = ps->owner;
  const Entity *c = e->parent;
  for (int n = 0; c && n <= m->nentities && !own && !pub && !actor; n++, c = c->parent) {
    const Feature *f = feature_of(c, FK_CRUD);
    own = f && feature_has(f, "owner-only");
  }
  const Entity *t = model_tenant(m);
  bool mine = e == m->principal || e->owner == m->principal, theirs = t && model_reaches(m, e, t);
  ps->owner = own && mine;
  if (theirs && !ps->owner)
    ps->tenant = t;
}

/* List, create, get, update and delete, as the crud feature's options
 * allow; each with its guards and errors. */
static void crud_endpoints(Builder *b, const EntityPaths *ps, const Feature *f) {
  Arena *a = b->a;
  const Entity *e = ps->e;
  const ApiEntity *ae = ps->ae;
  bool authed = ps->authed, owner = ps->owner;
  const Entity *parent = ps->parent;
  bool pub = feature_has(f, "public"), ro = feature_has(f, "read-only"), roles = feature_has(f, "roles");
  /* Keyed resources (short links) are read by their key; strangers may
   * neither list nor change them: without sign-in there is no list,
   * update or delete, and with it only the owner's. */
  bool keyed = feature_of(e, FK_SHORTLINK) != NULL;
  /* An order an exchange matches is never edited in the book: a DELETE
   * cancels it (sequenced behind it, 202) and the row is kept. */
  bool matched = feature_of(e, FK_EXCHANGE) != NULL;
  const Option *pg = feature_opt(f, "paginate");
  Str paginate = pg && pg->nargs ? pg->args[0].text : S("cursor");
  struct { const char *m; int kind; const char *verb; int ok; bool on_item, write; } ops[] = {
    {"GET", EP_LIST, "list", 200, false, false}, {"POST", EP_CREATE, "create", 201, false, true},
    {"GET", EP_GET, "get", 200, true, false},    {"PATCH", EP_UPDATE, "update", 200, true, true},
    {"DELETE", EP_DELETE, "delete", 204, true, true},
  };
  bool updatable = false;   /* some field the client may change */
  for (int k = 0; k < e->nfields; k++)
    updatable |= ae->ff[k].in_update;
  for (int k = 0; k < 5; k++) {
    if (ro && ops[k].write)
      continue;
    if (ops[k].kind == EP_UPDATE && (!updatable || matched))
      continue;
    if (ops[k].kind == EP_DELETE && ae->kept.n && !ae->soft_delete && !matched) {
      b->p->api.ents[e->index].delete_withheld = true;
      continue;   /* rows with money end by their lifecycle (fields.c, kept) */
    }
    bool guarded = keyed && (ops[k].kind == EP_LIST || ops[k].kind == EP_UPDATE || ops[k].kind == EP_DELETE);
    if (guarded && !authed)
      continue;
    Endpoint *x = ep(b, ops[k].m, ops[k].on_item ? ps->item : ps->coll, (EndpointKind)ops[k].kind, ops[k].verb,
                     ops[k].kind == EP_LIST ? ps->plural_noun : ps->noun, ops[k].ok);
    x->entity = e;
    x->feature = f;
    x->parent = ops[k].on_item ? NULL : parent;
    x->read = !ops[k].write;
    x->auth = authed && !(pub && !ops[k].write && !guarded);
    x->owner_only = owner || guarded;
    static const char *const what[] = {"List", "Create", "Get", "Update", "Delete"};
    x->summary = str_printf(a, "%s %s%.*s", what[k], ops[k].kind == EP_LIST ? "" : "one ",
                            STRF(ops[k].kind == EP_LIST ? ae->plural : e->name));
    if (ops[k].kind == EP_DELETE && matched) {
      x->success = 202;
      x->summary = str_printf(a, "Cancel one %.*s: sequenced behind it, so it is cancelled unless it filled first",
                              STRF(e->name));
    }
    if (ops[k].kind == EP_LIST)
      x->paginate = paginate;
    if (ops[k].kind == EP_LIST || ops[k].write)
      err(x, 400);
    if (ops[k].kind != EP_LIST && ops[k].kind != EP_CREATE)
      err(x, 404);
    if (parent && !ops[k].on_item)
      err(x, 404);
    /* 403: a role may not write, or the parent or row is another user's. */
    if ((ops[k].write && (roles || (owner && parent))) || (owner && ops[k].kind == EP_LIST && parent))
      err(x, 403);
    if (owner && ops[k].on_item)
      err(x, 403);
    if (ps->clash && (ops[k].kind == EP_CREATE || ops[k].kind == EP_UPDATE))
      err(x, 409);
    /* An issued record's content stays as issued (fields.c, freeze). */
    if (ops[k].write && ae->frozen_by && (ops[k].kind != EP_CREATE || ae->frozen_by != e))
      x->frozen_by = ae->frozen_by, err(x, 409);
    if (ops[k].write && roles) {
      const Option *rl = feature_opt(f, "roles");
      x->roles = new(a, Str, rl->nargs);
      for (int r = 0; r < rl->nargs; r++)
        x->roles[x->nroles++] = rl->args[r].text;
    }
    common(x);
  }
}

/* The hosted checkout of the entity that payments pay for. */
static void checkout_endpoint(Builder *b, const EntityPaths *ps) {
  Arena *a = b->a;
  Plan *p = b->p;
  Endpoint *x = ep(b, "POST", str_printf(a, "%.*s/checkout", STRF(ps->item)), EP_CHECKOUT, "checkout", ps->noun, 201);
  x->entity = ps->e, x->feature = p->api.payments, x->auth = ps->authed, x->owner_only = ps->owner;
  x->summary = str_printf(a, "Start a hosted %.*s checkout for one %.*s", STRF(p->api.payments->name), STRF(ps->e->name));
  err(x, 404);
  if (ps->owner)
    err(x, 403);
  err(x, 409);
  common(x);
}

/* A read over the collection: search, history or a time-window aggregate. */
static void read_endpoint(Builder *b, const EntityPaths *ps, const Feature *f) {
  Arena *a = b->a;
  bool s = f->kind == FK_SEARCH, h = f->kind == FK_HISTORY;
  Endpoint *x = ep(b, "GET", str_printf(a, "%.*s/%s", STRF(ps->coll), s ? "search" : h ? "history" : "aggregate"),
                   s ? EP_SEARCH : h ? EP_HISTORY : EP_QUERY, s ? "search" : h ? "history" : "aggregate",
                   s || h ? ps->plural_noun : ps->noun, 200);
  /* Reads of a public entity are public wherever they are served. */
  x->entity = ps->e, x->feature = f, x->parent = ps->parent, x->read = true, x->owner_only = ps->owner;
  x->auth = ps->authed && !(ps->crud && feature_has(ps->crud, "public"));
  x->summary = str_printf(a, s ? "Search %.*s" : h ? "%.*s, newest first" : "Aggregate %.*s over a time window",
                          STRF(ps->ae->plural));
  if (!s && h) {
    const Option *pg = feature_opt(f, "paginate");
    x->paginate = pg && pg->nargs ? pg->args[0].text : S("cursor");
  } else if (s)
    x->paginate = S("page");
  err(x, 400);
  if (ps->parent)
    err(x, 404);
  if (ps->owner && ps->parent)
    err(x, 403);
  common(x);
}

/* A presigned upload and download of one file field. */
static void upload_endpoints(Builder *b, const EntityPaths *ps, const Feature *f) {
  Arena *a = b->a;
  const Entity *e = ps->e;
  const Field *fd = f->field;
  Str seg = ps->ae->seg[fd->index];
  for (int k = 0; k < 2; k++) {
    Endpoint *x = ep(b, k ? "GET" : "POST", str_printf(a, "%.*s/%.*s", STRF(ps->item), STRF(seg)), EP_UPLOAD,
                     k ? "download" : "upload", str_printf(a, "%.*s%.*s", STRF(ps->noun), STRF(ps->ae->go[fd->index])),
                     k ? 200 : 201);
    x->entity = e, x->feature = f, x->field = fd, x->read = k == 1;
    bool open = k == 1 && feature_has(f, "public");   /* public files: anyone with the link */
    x->auth = ps->authed && !open;
    x->owner_only = ps->owner && !open;
    x->summary = str_printf(a, k ? "Get a presigned URL to download %.*s.%.*s" : "Get a presigned URL to upload %.*s.%.*s",
                            STRF(e->name), STRF(fd->name));
    if (!k)
      err(x, 400);
    err(x, 404);
    if (x->owner_only)
      err(x, 403);
    common(x);
  }
}

/* Create, unless crud already does, then the redirect by key. */
static void shortlink_endpoints(Builder *b, const EntityPaths *ps, const Feature *f) {
  Arena *a = b->a;
  const Plan *p = b->p;
  const Entity *e = ps->e;
  if (!feature_of(e, FK_CRUD)) {
    Endpoint *x = ep(b, "POST", ps->coll, EP_CREATE, "create", ps->noun, 201);
    x->entity = e, x->feature = f, x->parent = ps->parent, x->auth = ps->authed;
    x->summary = str_printf(a, "Create one %.*s; the answer carries its key", STRF(e->name));
    err(x, 400);
    if (ps->parent)
      err(x, 404);
    common(x);
  }
  const DesignDecision *st = NULL;
  for (int k = 0; k < p->ndesigns; k++)
    if (p->designs[k].feature == f && str_has_prefix(p->designs[k].topic, S("redirect status")))
      st = &p->designs[k];
  bool permanent = st && str_has_prefix(st->choice, S("301"));
  Endpoint *x = ep(b, "GET", S("/{code}"), EP_REDIRECT, "follow", ps->noun, permanent ? 301 : 302);
  x->entity = e, x->feature = f, x->read = true, x->auth = false;
  x->summary = str_printf(a, "Follow a short %.*s to its target", STRF(e->name));
  err(x, 404);
  common(x);
}

/* The rows within a radius of a point. */
static void nearby_endpoint(Builder *b, const EntityPaths *ps, const Feature *f) {
  Arena *a = b->a;
  Endpoint *x = ep(b, "GET", str_printf(a, "%.*s/nearby", STRF(ps->coll)), EP_NEARBY, "nearby", ps->plural_noun, 200);
  x->entity = ps->e, x->feature = f, x->parent = ps->parent, x->read = true, x->auth = ps->authed;
  x->summary = str_printf(a, "%.*s within a radius of a point, nearest first", STRF(ps->ae->plural));
  err(x, 400);
  if (ps->parent)
    err(x, 404);
  common(x);
}

/* The order book of an instrument an exchange matches on: its best price
 * levels, public market data. */
static void book_endpoint(Builder *b, const EntityPaths *ps, const Feature *f) {
  Endpoint *x = ep(b, "GET", str_printf(b->a, "%.*s/book", STRF(ps->item)), EP_BOOK, "book", ps->noun, 200);
  x->entity = ps->e, x->feature = f, x->read = true, x->auth = false;
  x->summary = str_printf(b->a, "The order book of one %.*s: its best price levels on each side", STRF(ps->e->name));
  err(x, 400);
  err(x, 404);
  common(x);
}

/* A batch of rows, accepted for the worker to write. */
static void ingest_endpoint(Builder *b, const EntityPaths *ps, const Feature *f) {
  Arena *a = b->a;
  Endpoint *x = ep(b, "POST", str_printf(a, "%.*s/batch", STRF(ps->coll)), EP_INGEST, "ingest", ps->plural_noun, 202);
  x->entity = ps->e, x->feature = f, x->parent = ps->parent, x->auth = ps->authed, x->owner_only = ps->owner;
  x->summary = str_printf(a, "Send a batch of %.*s", STRF(ps->ae->plural));
  err(x, 400);
  if (ps->parent)
    err(x, 404);
  common(x);
}

/* Every endpoint of one entity, feature by feature in declaration order. */
static void entity_endpoints(Builder *b, const Entity *e) {
  Arena *a = b->a;
  Plan *p = b->p;
  EntityPaths ps = {.e = e, .ae = &p->api.ents[e->index], .crud = feature_of(e, FK_CRUD)};
  ps.authed = p->model->auth != NULL;
  access_of(p->model, &ps);
  int first = b->n;
  ps.coll = collection(a, p, e, &ps.parent);
  ps.item = str_printf(a, "/%.*s/{%.*s}", STRF(ps.ae->plural), STRF(ps.ae->param));
  ps.noun = ps.ae->type;
  ps.plural_noun = names_go(a, ps.ae->plural);
  ps.clash = clashes(e);
  for (int fi = 0; fi < e->nfeatures; fi++) {
    const Feature *f = e->features[fi];
    switch (f->kind) {
    case FK_CRUD:
      crud_endpoints(b, &ps, f);
      transition_endpoints(b, e, f, ps.item, ps.noun, ps.owner);
      if (p->api.payable == e)
        checkout_endpoint(b, &ps);
      break;
    case FK_SEARCH:
    case FK_HISTORY:
    case FK_QUERY: read_endpoint(b, &ps, f); break;
    case FK_UPLOAD: upload_endpoints(b, &ps, f); break;
    case FK_SHORTLINK: shortlink_endpoints(b, &ps, f); break;
    case FK_NEARBY: nearby_endpoint(b, &ps, f); break;
    case FK_INGEST: ingest_endpoint(b, &ps, f); break;
    case FK_EXCHANGE:
      /* orders are placed, read and cancelled even with no crud: each
       * trader's own when they belong to the one signed in */
      if (!ps.crud) {
        EntityPaths q = ps;
        q.owner = ps.authed && e->owner && e->owner == p->model->principal;
        crud_endpoints(b, &q, f);
      }
      break;
    default: break;
    }
  }
  for (int i = 0; i < p->model->nfeatures; i++)
    if (p->model->features[i].kind == FK_EXCHANGE && plan_exchange_book(p->model->features[i].entity) == e)
      book_endpoint(b, &ps, &p->model->features[i]);
  /* What a payment buys is paid for through the checkout, with or
   * without its own endpoints (a wallet topped up). */
  if (p->api.payable == e && !ps.crud)
    checkout_endpoint(b, &ps);
  /* Every signed-in call on an organisation's rows stays within the
   * caller's organisation, role-gated ones too. */
  for (int k = first; k < b->n && ps.tenant; k++)
    if (b->v[k].auth) {
      b->v[k].owner_only = true, b->v[k].tenant = ps.tenant;
      if (memchr(b->v[k].path.p, '{', (size_t)b->v[k].path.n))
        err(&b->v[k], 403), err(&b->v[k], 404);
    }
}

static void webhook_endpoints(Builder *b) {
  const Model *m = b->p->model;
  NameSet segs = {0};
  for (int i = 0; i < m->nfeatures; i++) {
    const Feature *f = &m->features[i];
    if (f->kind != FK_INTEGRATION || !feature_has(f, "webhooks"))
      continue;
    Str seg = names_claim(b->a, &segs, names_kebab(b->a, names_ascii(b->a, f->name)), 100);
    Endpoint *x = ep(b, "POST", str_printf(b->a, "/webhooks/%.*s", STRF(seg)), EP_WEBHOOK, "receive",
                     str_printf(b->a, "%.*sWebhook", STRF(names_go(b->a, f->name))), 200);
    x->feature = f;
    x->summary = str_printf(b->a, "Receive %.*s's webhook events (HMAC-signed, idempotent)", STRF(f->name));
    err(x, 400);
    err(x, 401);
    common(x);
  }
}

static int vus(double rate, double p95) {
  double v = ceil(rate * (p95 > 0 ? p95 : 0.3) * 2) + 2;
  return v > 1000 ? 1000 : (int)v;
}

/* The DynamoDB table the key design asks for (dynamodb.cfn.json and the
 * infrastructure code print it): the GSIs its key tables name, TTL when an
 * entity has `retain`, a stream when the outbox reads it. */
int api_key_gsi(const KeyTable *t) {
  if (t->name.n < 4 || memcmp(t->name.p, "GSI", 3))
    return 0;
  int n = 0;
  for (ptrdiff_t i = 3; i < t->name.n; i++)
    n = n * 10 + (t->name.p[i] - '0');
  return n;
}

static void api_dynamodb_shape(Api *api) {
  api->ddb_indexes = 1;
  api->ddb_ttl = api->ddb_stream = false;
  if (!api->keys_dynamodb)
    return;
  for (int i = 0; i < api->nkeys; i++) {
    const KeyTable *t = &api->keys[i];
    int g = api_key_gsi(t);
    if (g > 0 && g < 16)
      api->ddb_indexes |= 1u << g;
    api->ddb_ttl |= t->entity->retain > 0;
  }
  api->ddb_stream = api->outbox_table.n > 0;
}

void plan_api(Arena *a, Plan *p) {
  const Model *m = p->model;
  Api *api = &p->api;
  api->base = S("/v1");
  api->rate_per_min = plan_figure(p, "contracts", "rate-per-minute", 600);
  api->page_size = plan_figure(p, "contracts", "page-size", 20);
  api->max_page_size = plan_figure(p, "contracts", "max-page-size", 100);
  api->error_budget = plan_figure(p, "contracts", "error-budget", 0.001);
  api->pg_version = plan_figure(p, "contracts", "postgresql-version", 15);
  double cap = plan_figure(p, "diagrams", "er-max-entities", 0);
  api->er_entities = cap >= 1 && m->nentities > (int)cap ? (int)cap : m->nentities;
  static const char *const tags[] = {"pii", "secret", "phi", "pci"};   /* by bit, as TAG_* */
  const KbRecord *prot = kb_record(p->kb, "vocab", S("protection"));
  for (int b = 0; b < 4; b++) {
    api->protection[b] = str_c(tags[b]);
    for (int i = 0; prot && i < prot->nitems; i++)
      if (str_eqc(prot->items[i].key, tags[b]) && prot->items[i].nvals) {
        api->protection[b] = prot->items[i].vals[0].text;
        break;
      }
  }
  const Tech *db = plan_tech(p, "database");
  api->db_family = db ? db->family : S("relational");
  api_name_entities(a, p);
  plan_fields(a, p);
  api_integrations(a, p);
  api_data_facts(a, p);
  api_local_services(a, p);
  /* The endpoint list grows by doubling in a scratch arena, then one copy
   * of its final size stays: the copies left behind by growing would
   * outweigh it. */
  Arena grow = arena_make((ptrdiff_t)1 << 32);
  Builder b = {a, p, {0}, NULL, 0, 0, &grow};
  if (m->auth)
    auth_endpoints(&b, m->auth);
  for (int i = 0; i < m->nentities; i++)
    entity_endpoints(&b, &m->entities[i]);
  webhook_endpoints(&b);
  api->eps = new(a, Endpoint, b.n);
  if (b.n)
    memcpy(api->eps, b.v, sizeof *b.v * (size_t)b.n);
  arena_free(&grow);
  api->neps = b.n;
  api_settings(a, p);   /* after auth_endpoints, which sets api->method */
  double p95 = m->project.latency[PCT_P95];
  api->lt_peak = fmax(1, ceil(p->load.peak_rps));
  api->lt_design = fmax(api->lt_peak, ceil(p->load.design_rps));
  api->lt_vus_peak = vus(api->lt_peak, p95);
  api->lt_vus_design = vus(api->lt_design, p95);
  /* The key design: for the database when it is a key-value or wide-column
   * store, else for the events store when it is one (its entities only). */
  const Tech *ev = plan_tech(p, "events");
  if (str_eqc(api->db_family, "key-value") || str_eqc(api->db_family, "wide-column"))
    api->keys_slot = S("database"), api->keys_family = api->db_family;
  else if (ev && (str_eqc(ev->family, "key-value") || str_eqc(ev->family, "wide-column")))
    api->keys_slot = S("events"), api->keys_family = ev->family;
  if (api->keys_slot.n) {
    const Tech *kt = plan_tech(p, str_eqc(api->keys_slot, "events") ? "events" : "database");
    for (int i = 0; kt && i < kt->nskills; i++)
      api->keys_dynamodb |= str_eqc(kt->skills[i], "dynamodb") && str_eqc(api->keys_family, "key-value");
    /* A separate events store with keys of its own gets its own design,
     * made as the primary one is and set beside it. */
    const Tech *dbt = plan_tech(p, "database");
    if (str_eqc(api->keys_slot, "database") && ev && ev != dbt &&
        (str_eqc(ev->family, "key-value") || str_eqc(ev->family, "wide-column"))) {
      Str fam = api->keys_family;
      bool dyn = api->keys_dynamodb;
      api->keys_slot = S("events"), api->keys_family = ev->family, api->keys_dynamodb = false;
      for (int i = 0; i < ev->nskills; i++)
        api->keys_dynamodb |= str_eqc(ev->skills[i], "dynamodb") && str_eqc(ev->family, "key-value");
      plan_keys(a, p);
      api->ev_keys = api->keys, api->nev_keys = api->nkeys;
      api->ev_keys_family = ev->family, api->ev_keys_dynamodb = api->keys_dynamodb;
      api->keys_slot = S("database"), api->keys_family = fam, api->keys_dynamodb = dyn;
    }
    plan_keys(a, p);
  }
  api_dynamodb_shape(api);
  api_local_loads(a, p);
}

/* Whether the client sends a field in create and update bodies: every
 * field the server does not set (api_server_set, errors.c). */
bool api_client_writes(const Plan *p, const Entity *e, const Field *f) { return !api_server_set(p, e, f); }
