/* The settings: local services, environment variables and the
 * integrations' names (see Api in api.h). */
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
void api_local_services(Arena *a, Plan *p) {
  static const char *const slots[] = {"database", "events", "cache", "queue", "stream", "search", "object-storage", 0};
  const KbRecord *r = kb_record(p->kb, "vocab", S("compose-images"));
  Api *api = &p->api;
  int cap = 0;
  for (int k = 0; slots[k] && r; k++) {
    const Tech *t = plan_tech(p, slots[k]);
    if (!t || str_eqc(t->hosting, "library"))
      continue;
    if (!strcmp(slots[k], "events") && t == plan_tech(p, "database"))
      continue;   /* the database's own container holds them */
    Str img = {0};
    for (int i = 0; i < r->nitems && !img.n; i++)
      if (str_eq(r->items[i].key, t->id) && r->items[i].nvals)
        img = r->items[i].vals[0].text;
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
    l->load = part(img, 5);
    Str port = l->port;
    l->host_port = port;
    for (ptrdiff_t i = 0; i < port.n; i++)
      if (port.p[i] == ':') {
        l->host_port = (Str){port.p, i};
        l->port = (Str){port.p + i + 1, port.n - i - 1};
      }
  }
}

/* What each local store loads at first start: the contract the plan gives
 * its slot (after the stores' forms and the key design are decided). */
void api_local_loads(Arena *a, Plan *p) {
  Api *api = &p->api;
  const KbRecord *init = kb_record(p->kb, "vocab", S("compose-init"));
  for (int k = 0; k < api->nlocal; k++) {
    LocalService *l = &api->local[k];
    if (!l->load.n)
      continue;
    bool events = str_eqc(l->slot, "events"), keys = str_eq(api->keys_slot, l->slot);
    Str file = {0};
    if (!events && str_eqc(l->slot, "database") && api->sql)
      file = S("schema.sql");
    else if (events && api->events_sql)
      file = S("events.sql");
    else if (events && api->ts_mergetree)
      file = S("clickhouse.sql");
    else if (keys && api->keys_dynamodb)
      file = S("dynamodb-table.json");
    else if (keys && str_eqc(api->keys_family, "wide-column"))
      file = S("schema.cql");
    else if (events && api->nev_keys && api->ev_keys_dynamodb)
      file = S("dynamodb-table.json");
    else if (events && api->nev_keys && str_eqc(api->ev_keys_family, "wide-column"))
      file = S("schema.cql");
    if (!file.n) {
      l->load = (Str){0};
      continue;
    }
    l->load_file = file;
    for (int i = 0; init && !str_eqc(l->load, "initdb") && i < init->nitems; i++) {
      if (!str_eq(init->items[i].key, l->load) || !init->items[i].nvals)
        continue;
      Str v = init->items[i].vals[0].text;
      l->init_image = str_eqc(part(v, 0), "-") ? l->image : part(v, 0);
      l->init_health = part(v, 1);
      l->init_env = part(v, 3);
      Str cmd = part(v, 2);
      Buf b = {0};
      for (ptrdiff_t x = 0; x < cmd.n; x++)
        if (cmd.n - x >= 5 && !memcmp(cmd.p + x, "$HOST", 5))
          buf_str(&b, l->slot), x += 4;
        else if (cmd.n - x >= 5 && !memcmp(cmd.p + x, "$FILE", 5))
          buf_str(&b, file), x += 4;
        else
          buf_putc(&b, cmd.p[x]);
      l->init_command = str_printf(a, "%.*s", (int)b.n, b.n ? b.p : "");
      buf_free(&b);
    }
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

void api_settings(Arena *a, Plan *p) {
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
    /* And the technology's own (an observability vendor's keys). */
    const KbRecord *own = env_vocab(p, "env-tech-%.*s%.*s", c->tech->id, S(""));
    if (!r && !own)
      continue;
    e.section = str_printf(a, "%.*s: %.*s", STRF(c->need->slot), STRF(c->tech->name));
    const LocalService *l = NULL;
    for (int k = 0; k < api->nlocal && !l; k++)
      if (api->local[k].tech == c->tech && str_eq(api->local[k].slot, c->need->slot))
        l = &api->local[k];
    if (r)
      env_record(&e, r, l);
    if (own)
      env_record(&e, own, l);
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

/* How well an entity fits as what a checkout pays for, lower first: 0, a
 * row with a derived money total (an order); 1, a row that points at a
 * priced entity (an enrolment in a course with a price: the price the
 * client gives is what is bought); 2, a row that holds money the server
 * sets (a wallet's balance, topped up). -1: not payable (not the signed-in
 * user's, or a ledger entry, which records what moved). *what: the
 * reference to the priced entity, for rank 1. Roles are the contract's
 * (plan_field_role), so the estimate, which runs first, ranks alike. */
static int pay_rank(Arena *a, const Plan *p, const Entity *e, const Field **what) {
  const Model *m = p->model;
  *what = NULL;
  if (!m->principal || e->owner != m->principal || e->join || plan_ledger_record(p, e))
    return -1;
  int rank = -1;
  for (int k = 0; k < e->nfields; k++) {
    const Field *f = &e->fields[k];
    if (f->type == FT_MONEY && !f->array && plan_field_role(a, p, e, f) == ROLE_SERVER)
      rank = plan_field_derived(f) ? 0 : rank < 0 || rank > 2 ? 2 : rank;
    if (f->rel != REL_MANY_TO_ONE || f == e->parent_field || !f->ref || f->ref == e || (rank >= 0 && rank <= 1))
      continue;
    for (int j = 0; j < f->ref->nfields; j++)
      if (f->ref->fields[j].type == FT_MONEY && !f->ref->fields[j].array &&
          plan_field_role(a, p, f->ref, &f->ref->fields[j]) == ROLE_CLIENT)
        rank = 1, *what = f;
  }
  return rank;
}

/* The best ranked entity (pay_rank), the first declared among equals. */
const Entity *plan_paid_entity(Arena *a, const Plan *p, const Field **bought) {
  const Model *m = p->model;
  const Entity *paid = NULL;
  const Field *what, *best_what = NULL;
  int best = -1;
  for (int i = 0; i < m->nentities; i++) {
    int r = pay_rank(a, p, &m->entities[i], &what);
    if (r >= 0 && (best < 0 || r < best))
      best = r, paid = &m->entities[i], best_what = what;
  }
  if (bought)
    *bought = best_what;
  return paid;
}

/* What a checkout pays for, when the spec takes payments. The reference
 * to what was bought is fixed once the row exists: a paid enrolment is not
 * moved to another course. */
static void payable(Arena *a, Plan *p) {
  Api *api = &p->api;
  const Field *bought = NULL;
  api->payable = plan_paid_entity(a, p, &bought);
  if (bought) {
    FieldFacts *ff = &api->ents[api->payable->index].ff[bought->index];
    if (ff->role == ROLE_CLIENT) {
      ff->role = ROLE_IMMUTABLE, ff->in_update = false;
      ff->why = S("given at creation, never changed: what the checkout pays for");
    }
  }
}

/* Payments, webhooks and email as parts of the contract: what a checkout
 * pays for and where the provider's ids go, the processed-events table,
 * the email outbox. */
void api_integrations(Arena *a, Plan *p) {
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
    payable(a, p);
  NameSet rels = {.fold = true};
  for (int i = 0; i < m->nentities; i++)
    names_put(a, &rels, api->ents[i].table);
  if (hooks) {
    api->events_table = names_claim(a, &rels, S("webhook_events"), 63);
    api->events_idx = names_claim(a, &rels, S("webhook_events_event_idx"), 63);
  }
  if (email) {
    api->outbox_table = names_claim(a, &rels, S("outbox"), 63);
    api->outbox_idx = names_claim(a, &rels, S("outbox_due_idx"), 63);
  }
  if (api->payable) {
    ApiEntity *ae = &api->ents[api->payable->index];
    NameSet cols = {.fold = true};
    static const char *const sys[] = {"id", "created_at", "updated_at", "deleted_at"};
    for (int k = 0; k < 4; k++)
      names_put(a, &cols, str_c(sys[k]));
    for (int k = 0; k < api->payable->nfields; k++)
      names_put(a, &cols, ae->cols[k]);
    Str pre = names_ascii(a, api->payments->name);
    ae->pay_checkout = names_claim(a, &cols, str_printf(a, "%.*s_checkout_id", STRF(pre)), 63);
    ae->pay_payment = names_claim(a, &cols, str_printf(a, "%.*s_payment_id", STRF(pre)), 63);
  }
}
