/* The contract: the endpoint list and the physical names every contract
 * artifact shares (see Api in api.h).
 *
 * Names. A spec allows identifiers that no target accepts as they are
 * (`Café`, `cart-item`, `order`, 70-byte names, `User` beside `user`), so
 * each entity and field gets, once, a name per target:
 *   type    ASCII, a capital first ([A-Za-z0-9_]; `-` becomes `_`, a byte
 *           of a non-ASCII character `x` and two hex digits), unique with
 *           its Create/Update/Page variants;
 *   plural  the type in kebab case, pluralised: the path segment;
 *   table   the spec's name, quoted by the SQL emitter; unique ignoring
 *           ASCII case (SQLite folds it) and at most 63 bytes (PostgreSQL
 *           cuts longer names): longer ones keep 54 bytes and add `_` and
 *           8 hex digits of a hash of the whole name;
 *   column  the same rules within a table, beside id and the timestamps.
 * Every clash is settled in declaration order with `_2`, `_3`, ..., so the
 * same spec always gives the same names. Tables, indexes and full-text
 * tables share one namespace, as relations do in PostgreSQL.
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
 * Errors: 400 for bodies and queries, 401 when signed in, 403 for roles and
 * owner-only writes, 404 on items (and for other users' rows), 409 where a
 * unique field or a relation can clash, 429 and 500 everywhere. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../util/fmt.h"
#include "../util/json.h"
#include "api.h"
#include "core.h"
#include "docfacts.h"
#include "explain.h"

/* ---- a set of names (open addressing, in the arena) ---- */

typedef struct {
  Str *keys;
  int n, cap;
  bool fold;     /* compare ignoring ASCII case */
} NameSet;

static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }

static uint64_t hash_name(Str s, bool fold) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (ptrdiff_t i = 0; i < s.n; i++) {
    h ^= (unsigned char)(fold ? lower(s.p[i]) : s.p[i]);
    h *= 0x100000001b3ull;
  }
  return h;
}

static bool same(Str a, Str b, bool fold) {
  if (a.n != b.n)
    return false;
  for (ptrdiff_t i = 0; i < a.n; i++)
    if (fold ? lower(a.p[i]) != lower(b.p[i]) : a.p[i] != b.p[i])
      return false;
  return true;
}

static bool set_has(const NameSet *s, Str k) {
  if (!s->cap)
    return false;
  for (uint64_t i = hash_name(k, s->fold) & (uint64_t)(s->cap - 1);; i = (i + 1) & (uint64_t)(s->cap - 1)) {
    if (!s->keys[i].p)
      return false;
    if (same(s->keys[i], k, s->fold))
      return true;
  }
}

static void set_put(Arena *a, NameSet *s, Str k) {
  if (2 * (s->n + 1) > s->cap) {
    NameSet t = {new(a, Str, s->cap ? 2 * s->cap : 64), 0, s->cap ? 2 * s->cap : 64, s->fold};
    for (int i = 0; i < s->cap; i++)
      if (s->keys[i].p)
        set_put(a, &t, s->keys[i]);
    *s = t;
  }
  uint64_t i = hash_name(k, s->fold) & (uint64_t)(s->cap - 1);
  while (s->keys[i].p)
    i = (i + 1) & (uint64_t)(s->cap - 1);
  s->keys[i] = k;
  s->n++;
}

/* At most `max` bytes: longer names keep a prefix cut at a character
 * boundary and add `_` and 8 hex digits of a hash of the whole name. */
static Str shorten(Arena *a, Str s, ptrdiff_t max) {
  if (s.n <= max)
    return s;
  ptrdiff_t cut = max - 9;
  while (cut > 0 && ((unsigned char)s.p[cut] & 0xC0) == 0x80)
    cut--;
  return str_printf(a, "%.*s_%08x", (int)cut, s.p, (unsigned)(hash_name(s, false) & 0xffffffffu));
}

/* `base` (shortened to `max`), or base_2, base_3, ... if taken; recorded. */
static Str claim(Arena *a, NameSet *s, Str base, ptrdiff_t max) {
  Str c = shorten(a, base, max);
  for (int k = 2; set_has(s, c); k++)
    c = shorten(a, str_printf(a, "%.*s_%d", STRF(base), k), max);
  set_put(a, s, c);
  return c;
}

/* ---- identifiers for code and paths ---- */

static bool alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

/* ASCII letters, digits and `_`; `-` as `_`; other bytes as x and hex. */
static Str ascii(Arena *a, Str s) {
  static const char hex[] = "0123456789abcdef";
  char *o = new(a, char, s.n * 3 + 2);
  ptrdiff_t n = 0;
  for (ptrdiff_t i = 0; i < s.n; i++) {
    unsigned char c = (unsigned char)s.p[i];
    if (alnum((char)c) || c == '_')
      o[n++] = (char)c;
    else if (c == '-')
      o[n++] = '_';
    else {
      o[n++] = 'x';
      o[n++] = hex[c >> 4];
      o[n++] = hex[c & 15];
    }
  }
  return (Str){o, n};
}

static Str type_name(Arena *a, Str name) {
  Str s = ascii(a, name);
  char *o = (char *)s.p;
  if (o[0] >= 'a' && o[0] <= 'z')
    o[0] = (char)(o[0] - 32);
  else if (!(o[0] >= 'A' && o[0] <= 'Z'))
    return str_printf(a, "T%.*s", STRF(s));
  return s;
}

/* Kebab case of an ASCII type name: CartItem -> cart-item. */
static Str kebab(Arena *a, Str s) {
  char *o = new(a, char, s.n * 2 + 1);
  ptrdiff_t n = 0;
  for (ptrdiff_t i = 0; i < s.n; i++) {
    char c = s.p[i];
    bool up = c >= 'A' && c <= 'Z';
    if (up && i > 0 && n > 0 && o[n - 1] != '-' && (lower(s.p[i - 1]) == s.p[i - 1] && s.p[i - 1] != '_'))
      o[n++] = '-';
    if (c == '_') {
      if (n > 0 && o[n - 1] != '-')
        o[n++] = '-';
    } else
      o[n++] = lower(c);
  }
  while (n > 1 && o[n - 1] == '-')
    n--;
  return (Str){o, n};
}

static Str plural(Arena *a, Str s) {
  char l = s.n ? s.p[s.n - 1] : 0, l2 = s.n > 1 ? s.p[s.n - 2] : 0;
  if (l == 's' || l == 'x' || l == 'z' || (l == 'h' && (l2 == 'c' || l2 == 's')))
    return str_printf(a, "%.*ses", STRF(s));
  if (l == 'y' && l2 && !strchr("aeiou", l2))
    return str_printf(a, "%.*sies", (int)(s.n - 1), s.p);
  return str_printf(a, "%.*ss", STRF(s));
}

/* Go: exported CamelCase. */
static Str go_name(Arena *a, Str name) {
  Str s = ascii(a, name);
  char *o = new(a, char, s.n + 2);
  ptrdiff_t n = 0;
  bool up = true;
  for (ptrdiff_t i = 0; i < s.n; i++) {
    char c = s.p[i];
    if (c == '_') {
      up = true;
      continue;
    }
    o[n++] = up && c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
    up = false;
  }
  if (!n || !(o[0] >= 'A' && o[0] <= 'Z'))
    return str_printf(a, "F%.*s", (int)n, o);
  return (Str){o, n};
}

static const char *const py_keywords[] = {
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
  "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
  "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "match", "case", "type", "field", 0,
};

static Str py_name(Arena *a, Str name) {
  Str s = ascii(a, name);
  for (int i = 0; py_keywords[i]; i++)
    if (str_eqc(s, py_keywords[i]))
      return str_printf(a, "%.*s_", STRF(s));
  return s;
}

/* ---- the plan's technologies ---- */

static const Feature *feature_of(const Entity *e, FeatureKind k) {
  for (int i = 0; i < e->nfeatures; i++)
    if (e->features[i]->kind == k)
      return e->features[i];
  return NULL;
}

static bool text_like(const Field *f) {
  return !f->array && (f->type == FT_STRING || f->type == FT_TEXT || f->type == FT_EMAIL || f->type == FT_URL ||
                       f->type == FT_PHONE || f->type == FT_ENUM);
}

/* ---- endpoints ---- */

typedef struct {
  Arena *a;
  Plan *p;
  NameSet ops;
  Endpoint *v;
  int n, cap;
} Builder;

static Endpoint *ep(Builder *b, const char *method, Str path, EndpointKind kind, const char *verb, Str noun, int success) {
  Endpoint *e = push(b->a, b->v, b->n, b->cap);
  e->method = str_c(method);
  e->path = path;
  e->kind = kind;
  e->op_id = claim(b->a, &b->ops, str_printf(b->a, "%s%.*s", verb, STRF(noun)), 1 << 20);
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
    if (s->body || !strcmp(s->step, "callback"))
      err(e, 400);
    if (!strcmp(s->step, "login") || !strcmp(s->step, "refresh") || !strcmp(s->step, "callback"))
      err(e, 401);
    if (!strcmp(s->step, "register") && s->body)
      err(e, 409);
    common(e);
  }
  (void)a;
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
    Str verb = go_name(a, l->verb);
    char *vz = str_dupz(a, verb);
    vz[0] = lower(vz[0]);
    /* Unique among the paths so far: two lifecycles may reach states of one
     * name, and non-ASCII states may fold to one segment. */
    Str path = str_printf(a, "%.*s/%.*s", STRF(item), STRF(l->verb));
    for (int n = 1;; n++) {
      bool taken = false;
      for (int k = 0; k < b->n && !taken; k++)
        taken = str_eq(b->v[k].path, path);
      if (!taken)
        break;
      path = n == 1 ? str_printf(a, "%.*s/%.*s-%.*s", STRF(item), STRF(kebab(a, ascii(a, l->field->name))), STRF(l->verb))
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

static void entity_endpoints(Builder *b, const Entity *e) {
  Arena *a = b->a;
  Plan *p = b->p;
  ApiEntity *ae = &p->api.ents[e->index];
  bool authed = p->model->auth != NULL;
  const Feature *crud = feature_of(e, FK_CRUD);
  bool owner = crud && feature_has(crud, "owner-only");
  const Entity *parent;
  Str coll = collection(a, p, e, &parent);
  Str item = str_printf(a, "/%.*s/{%.*s}", STRF(ae->plural), STRF(ae->param));
  Str noun = ae->type;
  Str plural_noun = go_name(a, ae->plural);
  bool clash = clashes(e);
  for (int fi = 0; fi < e->nfeatures; fi++) {
    const Feature *f = e->features[fi];
    switch (f->kind) {
    case FK_CRUD: {
      bool pub = feature_has(f, "public"), ro = feature_has(f, "read-only"), roles = feature_has(f, "roles");
      /* Keyed resources (short links) are read by their key; strangers may
       * neither list nor change them: without sign-in there is no list,
       * update or delete, and with it only the owner's. */
      bool keyed = feature_of(e, FK_SHORTLINK) != NULL;
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
        if (ops[k].kind == EP_UPDATE && !updatable)
          continue;
        bool guarded = keyed && (ops[k].kind == EP_LIST || ops[k].kind == EP_UPDATE || ops[k].kind == EP_DELETE);
        if (guarded && !authed)
          continue;
        Endpoint *x = ep(b, ops[k].m, ops[k].on_item ? item : coll, (EndpointKind)ops[k].kind, ops[k].verb,
                         ops[k].kind == EP_LIST ? plural_noun : noun, ops[k].ok);
        x->entity = e;
        x->feature = f;
        x->parent = ops[k].on_item ? NULL : parent;
        x->read = !ops[k].write;
        x->auth = authed && !(pub && !ops[k].write && !guarded);
        x->owner_only = owner || guarded;
        static const char *const what[] = {"List", "Create", "Get", "Update", "Delete"};
        x->summary = str_printf(a, "%s %s%.*s", what[k], ops[k].kind == EP_LIST ? "" : "one ",
                                STRF(ops[k].kind == EP_LIST ? ae->plural : e->name));
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
        if (clash && (ops[k].kind == EP_CREATE || ops[k].kind == EP_UPDATE))
          err(x, 409);
        if (ops[k].write && roles) {
          const Option *rl = feature_opt(f, "roles");
          x->roles = new(a, Str, rl->nargs);
          for (int r = 0; r < rl->nargs; r++)
            x->roles[x->nroles++] = rl->args[r].text;
        }
        common(x);
      }
      transition_endpoints(b, e, f, item, noun, owner);
      if (p->api.payable == e) {
        Endpoint *x = ep(b, "POST", str_printf(a, "%.*s/checkout", STRF(item)), EP_CHECKOUT, "checkout", noun, 201);
        x->entity = e, x->feature = p->api.payments, x->auth = authed, x->owner_only = owner;
        x->summary = str_printf(a, "Start a hosted %.*s checkout for one %.*s", STRF(p->api.payments->name), STRF(e->name));
        err(x, 404);
        if (owner)
          err(x, 403);
        err(x, 409);
        common(x);
      }
      break;
    }
    case FK_SEARCH:
    case FK_HISTORY:
    case FK_QUERY: {
      bool s = f->kind == FK_SEARCH, h = f->kind == FK_HISTORY;
      Endpoint *x = ep(b, "GET", str_printf(a, "%.*s/%s", STRF(coll), s ? "search" : h ? "history" : "aggregate"),
                       s ? EP_SEARCH : h ? EP_HISTORY : EP_QUERY, s ? "search" : h ? "history" : "aggregate",
                       s || h ? plural_noun : noun, 200);
      /* Reads of a public entity are public wherever they are served. */
      x->entity = e, x->feature = f, x->parent = parent, x->read = true, x->owner_only = owner;
      x->auth = authed && !(crud && feature_has(crud, "public"));
      x->summary = str_printf(a, s ? "Search %.*s" : h ? "%.*s, newest first" : "Aggregate %.*s over a time window",
                              STRF(ae->plural));
      if (!s && h) {
        const Option *pg = feature_opt(f, "paginate");
        x->paginate = pg && pg->nargs ? pg->args[0].text : S("cursor");
      } else if (s)
        x->paginate = S("page");
      err(x, 400);
      if (parent)
        err(x, 404);
      if (owner && parent)
        err(x, 403);
      common(x);
      break;
    }
    case FK_UPLOAD: {
      const Field *fd = f->field;
      Str seg = ae->seg[fd->index];
      for (int k = 0; k < 2; k++) {
        Endpoint *x = ep(b, k ? "GET" : "POST", str_printf(a, "%.*s/%.*s", STRF(item), STRF(seg)), EP_UPLOAD,
                         k ? "download" : "upload", str_printf(a, "%.*s%.*s", STRF(noun), STRF(ae->go[fd->index])),
                         k ? 200 : 201);
        x->entity = e, x->feature = f, x->field = fd, x->read = k == 1;
        bool open = k == 1 && feature_has(f, "public");   /* public files: anyone with the link */
        x->auth = authed && !open;
        x->owner_only = owner && !open;
        x->summary = str_printf(a, k ? "Get a presigned URL to download %.*s.%.*s" : "Get a presigned URL to upload %.*s.%.*s",
                                STRF(e->name), STRF(fd->name));
        if (!k)
          err(x, 400);
        err(x, 404);
        if (x->owner_only)
          err(x, 403);
        common(x);
      }
      break;
    }
    case FK_SHORTLINK: {
      /* Create, unless crud already does, then the redirect by key. */
      if (!feature_of(e, FK_CRUD)) {
        Endpoint *x = ep(b, "POST", coll, EP_CREATE, "create", noun, 201);
        x->entity = e, x->feature = f, x->parent = parent, x->auth = authed;
        x->summary = str_printf(a, "Create one %.*s; the answer carries its key", STRF(e->name));
        err(x, 400);
        if (parent)
          err(x, 404);
        common(x);
      }
      const DesignDecision *st = NULL;
      for (int k = 0; k < p->ndesigns; k++)
        if (p->designs[k].feature == f && str_has_prefix(p->designs[k].topic, S("redirect status")))
          st = &p->designs[k];
      bool permanent = st && str_has_prefix(st->choice, S("301"));
      Endpoint *x = ep(b, "GET", S("/{code}"), EP_REDIRECT, "follow", noun, permanent ? 301 : 302);
      x->entity = e, x->feature = f, x->read = true, x->auth = false;
      x->summary = str_printf(a, "Follow a short %.*s to its target", STRF(e->name));
      err(x, 404);
      common(x);
      break;
    }
    case FK_NEARBY: {
      Endpoint *x = ep(b, "GET", str_printf(a, "%.*s/nearby", STRF(coll)), EP_NEARBY, "nearby", plural_noun, 200);
      x->entity = e, x->feature = f, x->parent = parent, x->read = true, x->auth = authed;
      x->summary = str_printf(a, "%.*s within a radius of a point, nearest first", STRF(ae->plural));
      err(x, 400);
      if (parent)
        err(x, 404);
      common(x);
      break;
    }
    case FK_INGEST: {
      Endpoint *x = ep(b, "POST", str_printf(a, "%.*s/batch", STRF(coll)), EP_INGEST, "ingest", plural_noun, 202);
      x->entity = e, x->feature = f, x->parent = parent, x->auth = authed, x->owner_only = owner;
      x->summary = str_printf(a, "Send a batch of %.*s", STRF(ae->plural));
      err(x, 400);
      if (parent)
        err(x, 404);
      common(x);
      break;
    }
    default:
      break;
    }
  }
}

static void webhook_endpoints(Builder *b) {
  const Model *m = b->p->model;
  NameSet segs = {0};
  for (int i = 0; i < m->nfeatures; i++) {
    const Feature *f = &m->features[i];
    if (f->kind != FK_INTEGRATION || !feature_has(f, "webhooks"))
      continue;
    Str seg = claim(b->a, &segs, kebab(b->a, ascii(b->a, f->name)), 100);
    Endpoint *x = ep(b, "POST", str_printf(b->a, "/webhooks/%.*s", STRF(seg)), EP_WEBHOOK, "receive",
                     str_printf(b->a, "%.*sWebhook", STRF(go_name(b->a, f->name))), 200);
    x->feature = f;
    x->summary = str_printf(b->a, "Receive %.*s's webhook events (HMAC-signed, idempotent)", STRF(f->name));
    err(x, 400);
    err(x, 401);
    common(x);
  }
}

/* ---- names and the data model's facts ---- */

static void name_entities(Arena *a, Plan *p) {
  const Model *m = p->model;
  Api *api = &p->api;
  NameSet types = {0}, plurals = {0}, rels = {.fold = true};
  /* The contract's own schemas (grep 'ORDER SCHEMAS' in openapi.c). */
  static const char *const own[] = {"Error", "PageInfo", "AuthTokens", "LoginRequest", "RefreshRequest",
                                    "MagicLinkRequest", "MagicLinkVerify", "PasskeyCredential", "ApiKey",
                                    "UploadRequest", "UploadUrl", "DownloadUrl", "IngestAccepted", "Aggregate",
                                    "WebhookEvent", "Received", "CheckoutSession", 0};
  for (int k = 0; own[k]; k++)
    set_put(a, &types, str_c(own[k]));
  set_put(a, &plurals, S("auth"));
  set_put(a, &plurals, S("webhooks"));
  api->ents = new(a, ApiEntity, m->nentities);
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    ApiEntity *ae = &api->ents[i];
    /* Bounded: types are OpenAPI keys and make the paths (plural, param). */
    Str base = shorten(a, type_name(a, e->name), 100);
    Str t = base;
    for (int k = 2;; k++) {
      if (!set_has(&types, t) && !set_has(&types, str_printf(a, "%.*sCreate", STRF(t))) &&
          !set_has(&types, str_printf(a, "%.*sUpdate", STRF(t))) && !set_has(&types, str_printf(a, "%.*sPage", STRF(t))))
        break;
      t = str_printf(a, "%.*s_%d", STRF(base), k);
    }
    set_put(a, &types, t);
    set_put(a, &types, str_printf(a, "%.*sCreate", STRF(t)));
    set_put(a, &types, str_printf(a, "%.*sUpdate", STRF(t)));
    set_put(a, &types, str_printf(a, "%.*sPage", STRF(t)));
    ae->type = t;
    ae->plural = claim(a, &plurals, plural(a, kebab(a, t)), 1 << 20);
    Str lc = str_printf(a, "%.*s", STRF(t));
    ((char *)lc.p)[0] = lower(lc.p[0]);
    ae->param = str_printf(a, "%.*sId", STRF(lc));
    ae->table = claim(a, &rels, e->name, 63);
    ae->cols = new(a, Str, e->nfields);
    ae->go = new(a, Str, e->nfields);
    ae->py = new(a, Str, e->nfields);
    ae->seg = new(a, Str, e->nfields);
    NameSet cols = {.fold = true}, gos = {0}, pys = {0}, segs = {0};
    static const char *const sys[] = {"id", "created_at", "updated_at", "deleted_at"};
    static const char *const gsys[] = {"ID", "CreatedAt", "UpdatedAt", "DeletedAt"};
    for (int k = 0; k < 4; k++) {
      set_put(a, &cols, str_c(sys[k]));
      set_put(a, &pys, str_c(sys[k]));
      set_put(a, &gos, str_c(gsys[k]));
    }
    for (int k = 0; k < e->nfields; k++) {
      const Field *f = &e->fields[k];
      ae->cols[k] = claim(a, &cols, f->name, 63);
      ae->go[k] = claim(a, &gos, go_name(a, f->name), 1 << 20);
      ae->py[k] = claim(a, &pys, py_name(a, f->name), 1 << 20);
      ae->seg[k] = claim(a, &segs, kebab(a, ascii(a, f->name)), 100);
    }
    /* The row's currency, when the spec has several. */
    bool money = false;
    for (int k = 0; k < e->nfields; k++)
      money |= e->fields[k].type == FT_MONEY;
    if (money && m->project.ncurrencies > 1) {
      ae->cur = claim(a, &cols, S("currency"), 63);
      ae->cur_go = claim(a, &gos, go_name(a, ae->cur), 1 << 20);
      ae->cur_py = claim(a, &pys, py_name(a, ae->cur), 1 << 20);
    }
    /* An uploaded file's state beside its key (status, size, checksum). */
    ae->up = new(a, Str, 3 * e->nfields);
    ae->up_go = new(a, Str, 3 * e->nfields);
    ae->up_py = new(a, Str, 3 * e->nfields);
    for (int fi = 0; fi < e->nfeatures; fi++) {
      const Feature *up = e->features[fi];
      if (up->kind != FK_UPLOAD || !up->field || up->field->entity != e)
        continue;
      static const char *const sfx[] = {"status", "size", "sha256"};
      for (int j = 0; j < 3; j++) {
        Str c = ae->up[3 * up->field->index + j] = claim(a, &cols, str_printf(a, "%.*s_%s", STRF(up->field->name), sfx[j]), 63);
        ae->up_go[3 * up->field->index + j] = claim(a, &gos, go_name(a, c), 1 << 20);
        ae->up_py[3 * up->field->index + j] = claim(a, &pys, py_name(a, c), 1 << 20);
      }
    }
  }
}

static bool compliance(const Model *m, const char *w) {
  for (int i = 0; i < m->project.ncompliance; i++)
    if (str_eqc(m->project.compliance[i].word, w))
      return true;
  return false;
}

static void add_idx(Arena *a, ApiEntity *ae, bool *mark, const Field *f, const char *why, int cap) {
  if (mark[f->index] || (f->unique && !f->array))
    return;
  mark[f->index] = true;
  (void)cap;
  ae->idx[ae->nidx] = f;
  ae->idx_why[ae->nidx++] = str_c(why);
  (void)a;
}

static void add_fields(Arena *a, ApiEntity *ae, bool *mark, const Option *o, const char *why, int cap) {
  for (int k = 0; o && k < o->nargs; k++)
    if (o->fields && o->fields[k])
      add_idx(a, ae, mark, o->fields[k], why, cap);
}

static void add_fts(ApiEntity *ae, bool *mark, const Field *f) {
  if (!text_like(f) || mark[f->index])
    return;
  mark[f->index] = true;
  ae->fts[ae->nfts++] = f;
}

static void data_facts(Arena *a, Plan *p) {
  const Model *m = p->model;
  Api *api = &p->api;
  api->partition_rows = plan_figure(p, "contracts", "partition-rows", 1e8);
  bool comp_audit = compliance(m, "hipaa") || compliance(m, "pci") || compliance(m, "sox") || compliance(m, "soc2");
  bool any_audit = false;
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    ApiEntity *ae = &api->ents[i];
    int cap = e->nfields;
    ae->idx = new(a, const Field *, cap);
    ae->idx_why = new(a, Str, cap);
    ae->fts = new(a, const Field *, cap);
    bool *mark = new(a, bool, cap + 1), *tmark = new(a, bool, cap + 1);
    for (int k = 0; k < e->nfields; k++) {
      const Field *f = &e->fields[k];
      if (f->rel == REL_MANY_TO_ONE)
        add_idx(a, ae, mark, f, "foreign key", cap);
    }
    for (int k = 0; k < e->nfields; k++)
      if (e->fields[k].indexed)
        add_idx(a, ae, mark, &e->fields[k], "index", cap);
    bool tagged = false;
    for (int k = 0; k < e->nfields; k++)
      tagged |= (e->fields[k].tags & (TAG_PHI | TAG_PCI)) != 0;
    for (int fi = 0; fi < e->nfeatures; fi++) {
      const Feature *f = e->features[fi];
      switch (f->kind) {
      case FK_CRUD: {
        add_fields(a, ae, mark, feature_opt(f, "filter"), "filter", cap);
        add_fields(a, ae, mark, feature_opt(f, "sort"), "sort", cap);
        const Option *s = feature_opt(f, "search");
        for (int k = 0; s && k < s->nargs; k++)
          if (s->fields[k] && text_like(s->fields[k]))
            add_fts(ae, tmark, s->fields[k]);
          else if (s->fields[k])
            add_idx(a, ae, mark, s->fields[k], "search", cap);
        ae->soft_delete |= feature_has(f, "soft-delete");
        ae->audited |= feature_has(f, "audit");
        if (!feature_has(f, "paginate") || feature_opt(f, "paginate")->nargs == 0 ||
            str_eqc(feature_opt(f, "paginate")->args[0].text, "cursor"))
          ae->idx_created = true;
        break;
      }
      case FK_SEARCH: {
        const Option *fl = feature_opt(f, "fields");
        if (fl) {
          for (int k = 0; k < fl->nargs; k++)
            if (fl->fields[k] && text_like(fl->fields[k]))
              add_fts(ae, tmark, fl->fields[k]);
            else if (fl->fields[k])
              add_idx(a, ae, mark, fl->fields[k], "search", cap);
        } else
          for (int k = 0; k < e->nfields; k++)
            if (e->fields[k].type == FT_STRING || e->fields[k].type == FT_TEXT)
              add_fts(ae, tmark, &e->fields[k]);
        add_fields(a, ae, mark, feature_opt(f, "facets"), "facet", cap);
        break;
      }
      case FK_HISTORY: {
        ae->idx_created = true;
        const Option *s = feature_opt(f, "search");
        for (int k = 0; s && k < s->nargs; k++)
          if (s->fields[k] && text_like(s->fields[k]))
            add_fts(ae, tmark, s->fields[k]);
          else if (s->fields[k])
            add_idx(a, ae, mark, s->fields[k], "history search", cap);
        break;
      }
      case FK_QUERY: {
        add_fields(a, ae, mark, feature_opt(f, "group"), "group", cap);
        const Field *t = NULL;
        for (int k = 0; k < e->nfields && !t; k++)
          if ((e->fields[k].type == FT_TIMESTAMP || e->fields[k].type == FT_DATE) && !e->fields[k].array)
            t = &e->fields[k];
        if (t)
          add_idx(a, ae, mark, t, "time window", cap);
        else
          ae->idx_created = true;
        break;
      }
      default:
        break;
      }
      ae->exposed |= f->kind == FK_CRUD || f->kind == FK_SEARCH || f->kind == FK_HISTORY || f->kind == FK_UPLOAD ||
                     f->kind == FK_INGEST || f->kind == FK_QUERY || f->kind == FK_SHORTLINK || f->kind == FK_NEARBY;
    }
    if (e->retain > 0)
      ae->idx_created = true;
    /* Newest-first lists of one parent's rows: (parent, created_at, id) also
     * serves the parent's foreign key, which then needs no index of its own. */
    const Field *pf = e->parent_field;
    if (ae->idx_created && pf && pf->rel == REL_MANY_TO_ONE && !pf->unique) {
      ae->created_lead = ae->cols[pf->index];
      int w = 0;
      for (int k = 0; k < ae->nidx; k++)
        if (ae->idx[k] != pf) {
          ae->idx[w] = ae->idx[k];
          ae->idx_why[w++] = ae->idx_why[k];
        }
      ae->nidx = w;
    }
    if (comp_audit && tagged)
      ae->audited = true;
    any_audit |= ae->audited;
    /* Time partitioning: rows kept after three years above the threshold. */
    const EntityStorage *st = i < p->storage.nents ? &p->storage.ents[i] : NULL;
    ae->rows_3y = st ? st->rows_3y : e->rows;
    if (ae->rows_3y >= api->partition_rows && !e->principal) {
      bool unique = false;
      for (int k = 0; k < e->nfields; k++)
        unique |= e->fields[k].unique;
      char b1[32], b2[32];
      if (e->nincoming || unique)
        ae->partition_note =
            str_printf(a, "%s rows after three years, above the %s-row partitioning threshold, but not partitioned: %s",
                       fmt_count(b1, ae->rows_3y), fmt_count(b2, api->partition_rows),
                       e->nincoming ? "other tables reference it, and a foreign key cannot point into a partitioned table by id alone"
                                    : "a unique constraint on a partitioned table must include the partition key");
      else {
        ae->partitioned = true;
        ae->partition_col = S("created_at");
        for (int k = 0; k < e->nfields; k++)
          if (e->fields[k].type == FT_TIMESTAMP && !e->fields[k].optional && !e->fields[k].array) {
            ae->partition_col = ae->cols[k];
            break;
          }
        ae->partition_note = str_printf(a, "%s rows after three years, above the %s-row partitioning threshold: partitioned by month on %.*s",
                                        fmt_count(b1, ae->rows_3y), fmt_count(b2, api->partition_rows),
                                        STRF(ae->partition_col));
      }
    }
  }
  for (int i = 0; i < m->nentities; i++)
    api->ents[i].created_col = api->ents[i].partitioned ? api->ents[i].partition_col : S("created_at");
  /* Relation names after the tables, so an entity called audit_log or
   * Task_title_idx keeps its name. */
  NameSet rels = {.fold = true};
  for (int i = 0; i < m->nentities; i++)
    set_put(a, &rels, api->ents[i].table);
  if (any_audit) {
    api->audit_table = claim(a, &rels, S("audit_log"), 63);
    api->audit_idx = claim(a, &rels, str_printf(a, "%.*s_row_idx", STRF(api->audit_table)), 63);
  }
  for (int i = 0; i < m->nentities; i++) {
    ApiEntity *ae = &api->ents[i];
    ae->idx_name = new(a, Str, ae->nidx);
    for (int k = 0; k < ae->nidx; k++)
      ae->idx_name[k] = claim(a, &rels, str_printf(a, "%.*s_%.*s_idx", STRF(ae->table), STRF(ae->cols[ae->idx[k]->index])), 63);
    if (ae->idx_created)
      ae->created_idx = claim(a, &rels, ae->created_lead.n ? str_printf(a, "%.*s_%.*s_%.*s_idx", STRF(ae->table), STRF(ae->created_lead), STRF(ae->created_col))
                                                           : str_printf(a, "%.*s_%.*s_idx", STRF(ae->table), STRF(ae->created_col)), 63);
    if (ae->nfts) {
      ae->fts_idx = claim(a, &rels, str_printf(a, "%.*s_fts_idx", STRF(ae->table)), 63);
      ae->fts_table = claim(a, &rels, str_printf(a, "%.*s_fts", STRF(ae->table)), 63);
    }
    if (ae->partitioned)
      ae->part_default = claim(a, &rels, str_printf(a, "%.*s_default", STRF(ae->table)), 63);
    const Entity *e = &m->entities[i];
    for (int k = 0; k < e->nfields; k++) {
      if (e->fields[k].ntrans)
        ae->ff[k].guard = claim(a, &rels, str_printf(a, "%.*s_%.*s_transition", STRF(ae->table), STRF(ae->cols[k])), 63);
      if (e->fields[k].sum_of)
        ae->ff[k].sum_fn = claim(a, &rels, str_printf(a, "%.*s_%.*s_sum", STRF(ae->table), STRF(ae->cols[k])), 63);
    }
  }
}

/* Field k (0-based) of a |-separated entry. */
static Str part(Str s, int k) {
  ptrdiff_t i = 0;
  for (int n = 0; n < k && i <= s.n; i++)
    if (i == s.n || s.p[i] == '|')
      n++;
  if (i > s.n)
    return (Str){0};
  ptrdiff_t j = i;
  while (j < s.n && s.p[j] != '|')
    j++;
  return (Str){s.p + i, j - i};
}

/* The data services that run locally in containers: each chosen data
 * technology with an image for one of its skills ("image|port|SETTING=local
 * value|env|command"); libraries such as SQLite need none. */
static void local_services(Arena *a, Plan *p) {
  static const char *const slots[] = {"database", "cache", "queue", "stream", "search", "object-storage", 0};
  const KbRecord *r = kb_record(p->kb, "vocab", S("compose-images"));
  Api *api = &p->api;
  int cap = 0;
  for (int k = 0; slots[k] && r; k++) {
    const Tech *t = plan_tech(p, slots[k]);
    if (!t || str_eqc(t->hosting, "library"))
      continue;
    Str img = {0};
    for (int s = 0; s < t->nskills && !img.n; s++)
      for (int i = 0; i < r->nitems && !img.n; i++)
        if (str_eq(r->items[i].key, t->skills[s]) && r->items[i].nvals)
          img = r->items[i].vals[0].text;
    if (!img.n)
      continue;
    LocalService *l = push(a, api->local, api->nlocal, cap);
    l->slot = str_c(slots[k]);
    l->tech = t;
    l->image = part(img, 0);
    l->port = part(img, 1);
    Str set = part(img, 2);
    for (ptrdiff_t i = 0; i < set.n; i++)
      if (set.p[i] == '=') {
        l->setting = (Str){set.p, i};
        l->local = (Str){set.p + i + 1, set.n - i - 1};
        break;
      }
    l->env = part(img, 3);
    l->command = part(img, 4);
  }
}

/* ---- settings ---- */

static const KbRecord *env_vocab(const Plan *p, const char *fmt, Str a, Str b) {
  char name[96];
  snprintf(name, sizeof name, fmt, STRF(a), STRF(b));
  return kb_record(p->kb, "vocab", str_c(name));
}

typedef struct {
  Arena *a;
  Api *api;
  int cap;
  Str section;
} Env;

/* Adds a setting once; a description starting "secret: " marks a secret. */
static void env_add(Env *e, Str name, Str desc, Str example) {
  for (int i = 0; i < e->api->nenv; i++)   /* a few dozen at most: the kb's vocabularies */
    if (str_eq(e->api->env[i].name, name))
      return;
  bool secret = str_has_prefix(desc, S("secret: "));
  EnvVar *v = push(e->a, e->api->env, e->api->nenv, e->cap);
  *v = (EnvVar){name, secret ? (Str){desc.p + 8, desc.n - 8} : desc, secret, example, e->section};
}

/* A vocabulary's settings; the one a local service points at gets its value. */
static void env_record(Env *e, const KbRecord *r, const LocalService *l) {
  for (int i = 0; r && i < r->nitems; i++)
    if (r->items[i].nvals)
      env_add(e, r->items[i].key, r->items[i].vals[0].text,
              l && str_eq(r->items[i].key, l->setting) ? l->local : (Str){0});
}

static void settings(Arena *a, Plan *p) {
  const Model *m = p->model;
  Api *api = &p->api;
  Env e = {a, api, 0, S("the application")};
  env_add(&e, S("APP_ENV"), S("development, staging or production"), S("development"));
  env_add(&e, S("PORT"), S("port the API listens on"), S("8080"));
  env_add(&e, S("API_BASE_PATH"), S("versioned base path of every endpoint"), api->base);
  env_add(&e, S("RATE_LIMIT_PER_MINUTE"), S("requests a client may send each minute before 429"),
          str_printf(a, "%.0f", api->rate_per_min));
  if (api->method.n) {
    e.section = str_printf(a, "sign-in: %.*s", STRF(api->method));
    Str meth = str_eqc(api->method, "oauth") ? S("oidc") : api->method;
    const KbRecord *idp = plan_tech(p, "auth") ? env_vocab(p, "env-auth-%.*s%.*s", meth, S("-idp")) : NULL;
    env_record(&e, idp ? idp : env_vocab(p, "env-auth-%.*s%.*s", meth, S("")), NULL);
  }
  for (int i = 0; i < p->nchoices; i++) {
    const Choice *c = &p->choices[i];
    if (!c->tech)
      continue;
    const KbRecord *r = env_vocab(p, "env-%.*s-%.*s", c->need->slot, c->tech->family);
    if (!r)
      r = env_vocab(p, "env-%.*s%.*s", c->need->slot, S(""));
    if (!r)
      continue;
    e.section = str_printf(a, "%.*s: %.*s", STRF(c->need->slot), STRF(c->tech->name));
    const LocalService *l = NULL;
    for (int k = 0; k < api->nlocal && !l; k++)
      if (api->local[k].tech == c->tech && str_eq(api->local[k].slot, c->need->slot))
        l = &api->local[k];
    env_record(&e, r, l);
  }
  e.section = S("integrations");
  for (int i = 0; i < m->nfeatures; i++) {
    const Feature *f = &m->features[i];
    if (f->kind != FK_INTEGRATION)
      continue;
    /* the integration's name as an environment prefix: STRIPE */
    char *up = str_dupz(a, f->name);
    for (char *q = up; *q; q++)
      *q = *q >= 'a' && *q <= 'z' ? (char)(*q - 32) : (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') ? *q : '_';
    env_add(&e, str_printf(a, "%s_API_KEY", up), str_printf(a, "secret: credentials for %.*s", STRF(f->name)),
            (Str){0});
    if (feature_has(f, "webhooks"))
      env_add(&e, str_printf(a, "%s_WEBHOOK_SECRET", up),
              str_printf(a, "secret: shared secret that signs %.*s's webhooks (HMAC-SHA256)", STRF(f->name)),
              (Str){0});
  }
}

/* Payments, webhooks and email as parts of the contract: what a checkout
 * pays for and where the provider's ids go, the processed-events table,
 * the email outbox. */
static void integrations(Arena *a, Plan *p) {
  const Model *m = p->model;
  Api *api = &p->api;
  bool hooks = false;
  /* What the outbox carries: notifications by channel, email through an
   * email integration, and search-index updates for a search engine. */
  Str ch[16];
  int nch = 0;
  for (int i = 0; i < m->nfeatures; i++) {
    const Feature *f = &m->features[i];
    const Option *kd = f->kind == FK_INTEGRATION ? feature_opt(f, "kind") : NULL;
    hooks |= f->kind == FK_INTEGRATION && feature_has(f, "webhooks");
    Str c = f->kind == FK_NOTIFY ? f->name
            : kd && str_eqc(kd->args[0].text, "email") ? S("email")
            : f->kind == FK_SEARCH && plan_tech(p, "search") ? S("search-index") : (Str){0};
    bool seen = false;
    for (int k = 0; k < nch; k++)
      seen |= str_eq(ch[k], c);
    if (c.n && !seen && nch < 16)
      ch[nch++] = c;
    if (kd && str_eqc(kd->args[0].text, "payments") && !api->payments)
      api->payments = f;
  }
  bool email = nch > 0;
  if (nch) {
    api->outbox_channels = new(a, Str, nch);
    memcpy(api->outbox_channels, ch, sizeof(Str) * (size_t)nch);
    api->noutbox_channels = nch;
  }
  if (api->payments)
    for (int i = 0; i < m->nentities && !api->payable; i++) {
      const Entity *e = &m->entities[i];
      if (!m->principal || e->owner != m->principal)
        continue;
      for (int k = 0; k < e->nfields; k++)
        if (e->fields[k].type == FT_MONEY && !e->fields[k].array && api->ents[i].ff[k].role == ROLE_SERVER &&
            plan_field_derived(&e->fields[k]))
          api->payable = e;
    }
  NameSet rels = {.fold = true};
  for (int i = 0; i < m->nentities; i++)
    set_put(a, &rels, api->ents[i].table);
  if (hooks) {
    api->events_table = claim(a, &rels, S("webhook_events"), 63);
    api->events_idx = claim(a, &rels, S("webhook_events_event_idx"), 63);
  }
  if (email) {
    api->outbox_table = claim(a, &rels, S("outbox"), 63);
    api->outbox_idx = claim(a, &rels, S("outbox_due_idx"), 63);
  }
  if (api->payable) {
    ApiEntity *ae = &api->ents[api->payable->index];
    NameSet cols = {.fold = true};
    static const char *const sys[] = {"id", "created_at", "updated_at", "deleted_at"};
    for (int k = 0; k < 4; k++)
      set_put(a, &cols, str_c(sys[k]));
    for (int k = 0; k < api->payable->nfields; k++)
      set_put(a, &cols, ae->cols[k]);
    Str pre = ascii(a, api->payments->name);
    ae->pay_checkout = claim(a, &cols, str_printf(a, "%.*s_checkout_id", STRF(pre)), 63);
    ae->pay_payment = claim(a, &cols, str_printf(a, "%.*s_payment_id", STRF(pre)), 63);
  }
}

static int vus(double rate, double p95) {
  double v = ceil(rate * (p95 > 0 ? p95 : 0.3) * 2) + 2;
  return v > 1000 ? 1000 : (int)v;
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
  name_entities(a, p);
  plan_fields(a, p);
  integrations(a, p);
  data_facts(a, p);
  local_services(a, p);
  Builder b = {a, p, {0}, NULL, 0, 0};
  if (m->auth)
    auth_endpoints(&b, m->auth);
  for (int i = 0; i < m->nentities; i++)
    entity_endpoints(&b, &m->entities[i]);
  webhook_endpoints(&b);
  api->eps = b.v;
  api->neps = b.n;
  settings(a, p);   /* after auth_endpoints, which sets api->method */
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
    plan_keys(a, p);
  }
}

/* Whether the client sends a field in create and update bodies: every
 * field the server does not set (api_server_set, errors.c). */
bool api_client_writes(const Plan *p, const Entity *e, const Field *f) { return !api_server_set(p, e, f); }
