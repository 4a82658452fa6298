/* Field facts: who sets each field, and how every contract writes it.
 *
 * Roles, first rule that applies:
 *   server     many-to-many links (managed through the join table), the
 *              owner (from the signed-in user), the parent of a nested
 *              collection (from the path), files (through the upload URL),
 *              a reference to an entity whose rows sign in, named as
 *              its actor (kb contracts `vocab actor-fields`: author,
 *              approver, ...), as that entity (user -> User) or as a role
 *              of feature auth (student) (from the signed-in caller);
 *   spec       `readonly` (server), `immutable` (create only), `writable`;
 *   server     a derived total (`= sum(Child.a * b)`), an enum with
 *              transitions (changed by its operations only), a state enum
 *              (named status or state), a money total (a name with
 *              "total") over child rows that carry money, and a review's
 *              verdict or a grant (kb review-fields: kyc, verified; an enum
 *              holding one of kb review-states: approved, admin);
 *   money      by its meaning (money_role): a system fact (a balance, a
 *              fee), the money of the user's own account (one row per
 *              user holding only money), a total, a ledger entry's amount or a line's copy of a
 *              price is the server's; the amount of a row in a payment flow
 *              (an escrow, a paid order) is immutable;
 *   server     every other field of a ledger entry (kb ledger-records);
 *   immutable  a reference or a unique key of a row in a payment flow (a
 *              transfer's destination, its idempotency key);
 *   client     everything else (a bid, a listing's price).
 * Rows that hold such money, that a ledger points at, that are audited or
 * keep a history, or that a compliance regime retains get no DELETE (kept).
 * Formats: money is a decimal string in JSON (exact: no binary floats),
 * numeric(money-digits, money-scale) in SQL; lengths come from
 * kb/contracts.kb (string-max, email-max, url-max, phone-max).
 *
 * Lifecycles: an enum's transitions grouped by target state; a state that
 * only the system reaches (a payment webhook, a job) gets no operation. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "api.h"
#include "apiint.h"
#include "core.h"
#include "delivery.h"
#include "explain.h"

static bool state_name(Str n) { return str_eqc(n, "status") || str_eqc(n, "state"); }

static bool has_total(Str n) {
  for (ptrdiff_t i = 0; i + 5 <= n.n; i++)
    if (str_eqc((Str){n.p + i, 5}, "total"))
      return true;
  return false;
}

/* A money total over child rows that carry money, not declared otherwise. */
static bool total_over_children(const Entity *e, const Field *f) {
  if (f->type != FT_MONEY || f->array || !has_total(f->name))
    return false;
  for (int i = 0; i < e->nincoming; i++) {
    const Entity *c = e->incoming[i].from;
    if (c->parent != e)
      continue;
    for (int k = 0; k < c->nfields; k++)
      if (c->fields[k].type == FT_MONEY)
        return true;
  }
  return false;
}

bool plan_field_derived(const Field *f) { return f->sum_of || (f->role == ROLE_MARK_NONE && total_over_children(f->entity, f)); }

/* The item of kb `vocab actor-fields` (author, sender, ...) that is the
 * whole name, "_" and "-" alike; NULL: none. */
static const KbItem *actor_name(const Plan *p, Str name) {
  const KbRecord *r = kb_record(p->kb, "vocab", S("actor-fields"));
  for (int i = 0; r && i < r->nitems; i++) {
    Str k = r->items[i].key;
    bool same = k.n == name.n;
    for (ptrdiff_t j = 0; same && j < k.n; j++) {
      char x = k.p[j], y = name.p[j];
      x = x == '_' ? '-' : x >= 'A' && x <= 'Z' ? (char)(x + 32) : x;
      y = y == '_' ? '-' : y >= 'A' && y <= 'Z' ? (char)(y + 32) : y;
      same = x == y;
    }
    if (same)
      return &r->items[i];
  }
  return NULL;
}

static bool upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool lower(char c) { return c >= 'a' && c <= 'z'; }

/* The item of kb `vocab NAME` whose key is a word of s (split at "_" and
 * "-", and with camel before an upper-case letter that follows a
 * lower-case one: LedgerEntry), ignoring case; NULL: none. */
static int words_of(Str s, Str *w, int max, bool camel);

static const KbItem *vocab_word(const Plan *p, const char *name, Str s, bool camel) {
  const KbRecord *r = kb_record(p->kb, "vocab", str_c(name));
  Str w[16];
  int nw = r ? words_of(s, w, 16, camel) : 0;
  for (int i = 0; i < nw; i++)
    for (int k = 0; k < r->nitems; k++)
      if (str_ieq(r->items[k].key, w[i]))
        return &r->items[k];
  return NULL;
}

static Str meaning(const KbItem *it) { return it->nvals ? it->vals[0].text : it->key; }

/* The words of s (split at "_", "-", and with camel at CamelCase), at
 * most max, into w. */
static int words_of(Str s, Str *w, int max, bool camel) {
  int n = 0;
  ptrdiff_t i = 0;
  while (i < s.n && n < max) {
    while (i < s.n && (s.p[i] == '_' || s.p[i] == '-'))
      i++;
    ptrdiff_t j = i;
    while (j < s.n && s.p[j] != '_' && s.p[j] != '-' && !(camel && j > i && upper(s.p[j]) && lower(s.p[j - 1])))
      j++;
    if (j > i)
      w[n++] = (Str){s.p + i, j - i};
    i = j;
  }
  return n;
}

/* Whether the field's words hold the entity's name as consecutive words,
 * its last word singular or plural (comments_count holds Comment). */
static bool names_entity(Arena *a, const Plan *p, const Str *fw, int nf, const Entity *e) {
  Str ew[8];
  int ne = words_of(e->name, ew, 8, true);
  for (int i = 0; ne && i + ne <= nf; i++) {
    bool same = true;
    for (int k = 0; same && k + 1 < ne; k++)
      same = str_ieq(fw[i + k], ew[k]);
    Str last = fw[i + ne - 1];
    if (same && (str_ieq(last, ew[ne - 1]) || str_ieq(last, names_plural(a, p->kb, ew[ne - 1]))))
      return true;
  }
  return false;
}

/* A number the server keeps over other rows, when the spec wrote no role:
 * a count named after the rows that point at the entity (comments_count
 * over Comment), an aggregate of a number field of those rows, named
 * after it with a word of kb `vocab aggregate-words` (avg_price) or after
 * a judgement of kb `vocab rated-fields` (a product's rating over
 * Review.rating), or a tally of kb `vocab tally-fields` (views,
 * followers). Empty: none. */
static Str tally(Arena *a, const Plan *p, const Entity *e, const Field *f) {
  if ((f->type != FT_INT && f->type != FT_FLOAT) || f->array || f->rel != REL_NONE)
    return (Str){0};
  Str fw[8];
  int nf = words_of(f->name, fw, 8, true);
  for (int i = 0; i < e->nincoming; i++) {
    const Entity *c = e->incoming[i].from;
    if (c == e || e->incoming[i].field->rel != REL_MANY_TO_ONE)
      continue;
    if (f->type == FT_INT && names_entity(a, p, fw, nf, c))
      return str_printf(a, "a count of the %.*s rows that point at it, updated as they are made and removed",
                        STRF(c->name));
    for (int k = 0; k < c->nfields; k++) {
      const Field *g = &c->fields[k];
      if ((g->type != FT_INT && g->type != FT_FLOAT) || g->array || g->rel != REL_NONE)
        continue;
      bool named = false, agg = vocab_word(p, "rated-fields", g->name, false) != NULL;
      for (int w = 0; w < nf; w++) {
        named |= str_ieq(fw[w], g->name);
        agg |= vocab_word(p, "aggregate-words", fw[w], false) != NULL;
      }
      if (named && agg)
        return str_printf(a, "an aggregate of %.*s.%.*s over the rows that point at it",
                            STRF(c->name), STRF(g->name));
    }
  }
  const KbItem *it = vocab_word(p, "tally-fields", f->name, true);
  return it ? meaning(it) : (Str){0};
}


bool plan_ledger_record(const Plan *p, const Entity *e) { return vocab_word(p, "ledger-records", e->name, true) != NULL; }

/* Why an entity's rows are in a payment flow, for people: its name (an
 * Escrow, a Payment: kb money-records) or a state of its lifecycle that
 * says money moved (paid, funded: kb money-states); empty: they are not. */
static Str money_flow(Arena *a, const Plan *p, const Entity *e) {
  const KbItem *it = vocab_word(p, "money-records", e->name, true);
  if (it)
    return meaning(it);
  for (int k = 0; k < e->nfields; k++) {
    const Field *f = &e->fields[k];
    if (f->type == FT_ENUM && !f->array && (f->ntrans || state_name(f->name)))
      for (int v = 0; v < f->nenum; v++)
        if ((it = vocab_word(p, "money-states", f->enum_vals[v], false)))
          return str_printf(a, "a %.*s's %.*s reaches %.*s, when %.*s", STRF(e->name), STRF(f->name), STRF(f->enum_vals[v]),
                            STRF(meaning(it)));
  }
  return (Str){0};
}

/* The money a line of a payment copies from the row it points at (an
 * order line's price from its product): e's parent is in a payment flow or
 * keeps a derived total, and e points at another entity with money; NULL:
 * no such copy. */
static const Field *snapshot_of(Arena *a, const Plan *p, const Entity *e) {
  const Entity *par = e->parent;
  if (!par || e->join)
    return NULL;
  bool paying = money_flow(a, p, par).n > 0;
  for (int k = 0; !paying && k < par->nfields; k++)
    paying = par->fields[k].type == FT_MONEY && plan_field_derived(&par->fields[k]);
  for (int k = 0; paying && k < e->nfields; k++) {
    const Field *r = &e->fields[k];
    if (r->rel != REL_MANY_TO_ONE || r == e->parent_field || !r->ref || r->ref == par || r->ref == e)
      continue;
    for (int j = 0; j < r->ref->nfields; j++)
      if (r->ref->fields[j].type == FT_MONEY && !r->ref->fields[j].array)
        return &r->ref->fields[j];
  }
  return NULL;
}

/* An entity whose rows sign in: the principal, one with a secret field, or
 * one named as a role of feature auth (Clinician under `roles clinician`). */
static bool signs_in(const Model *m, const Entity *e) {
  if (!e || !m->auth)
    return false;
  if (e->principal)
    return true;
  for (int k = 0; k < e->nfields; k++)
    if (e->fields[k].type == FT_SECRET || (e->fields[k].tags & TAG_SECRET))
      return true;
  const Option *ro = feature_opt(m->auth, "roles");
  for (int i = 0; ro && i < ro->nargs; i++)
    if (str_ieq(ro->args[i].text, e->name))
      return true;
  return false;
}

/* A reference to an entity that signs in, named as that entity (user ->
 * User, member -> Member) or as a role of feature auth (student under
 * `roles student`): on a row a signed-in user makes, it is the caller. */
static bool names_signer(const Model *m, const Field *f) {
  if (str_ieq(f->name, f->ref->name))
    return true;
  const Option *ro = m->auth ? feature_opt(m->auth, "roles") : NULL;
  for (int i = 0; ro && i < ro->nargs; i++)
    if (str_ieq(ro->args[i].text, f->name))
      return true;
  return false;
}

/* A field that records the platform's review or grant, which the server
 * sets: a word of its name in kb `vocab review-fields` (kyc, verified), or
 * a value of its enum in `vocab review-states` (approved, rejected); NULL:
 * none. */
static const KbItem *reviewed(const Plan *p, const Field *f) {
  const KbItem *it = vocab_word(p, "review-fields", f->name, true);
  for (int v = 0; !it && f->type == FT_ENUM && !f->array && v < f->nenum; v++)
    it = vocab_word(p, "review-states", f->enum_vals[v], false);
  return it;
}

/* How many values of an enum are roles of feature auth. */
static int auth_roles_in(const Model *m, const Field *f) {
  const Option *ro = m->auth ? feature_opt(m->auth, "roles") : NULL;
  int n = 0;
  for (int v = 0; ro && f->type == FT_ENUM && !f->array && v < f->nenum; v++)
    for (int i = 0; i < ro->nargs; i++)
      n += str_ieq(ro->args[i].text, f->enum_vals[v]);
  return n;
}

/* The role a new organisation's first user takes, and that grants roles:
 * the enum's first value in kb `vocab granting-roles` (owner, admin);
 * empty: none. */
Str plan_granting_role(const Plan *p, const Field *f) {
  for (int v = 0; f && f->type == FT_ENUM && v < f->nenum; v++)
    if (vocab_word(p, "granting-roles", f->enum_vals[v], false))
      return f->enum_vals[v];
  return (Str){0};
}

/* The caller's authorization: an enum of the principal (or of a row it
 * owns one to one) that holds two or more roles of feature auth, whatever
 * they are called. Granted by the server, never the request body (else
 * anyone signs up as the owner). Empty: not such a field. */
static Str role_grant(Arena *a, const Plan *p, const Entity *e, const Field *f) {
  const Model *m = p->model;
  bool own = e->principal || (e->parent && e->parent == m->principal && e->parent_field->unique);
  if (!own || auth_roles_in(m, f) < 2)
    return (Str){0};
  Str top = plan_granting_role(p, f);
  return top.n ? str_printf(a, "the caller's authorization (roles of feature auth): granted by a signed-in %.*s, never "
                               "the request body", STRF(top))
               : S("the caller's authorization (roles of feature auth): granted by the server, never the request body");
}

/* An account of the signed-in user: one row per user (a unique relation
 * to the principal) that holds only money besides its links. */
static bool account_of_user(const Model *m, const Entity *e) {
  if (!m->principal || !e->parent_field || e->parent != m->principal || !e->parent_field->unique)
    return false;
  bool money = false;
  for (int k = 0; k < e->nfields; k++) {
    const Field *f = &e->fields[k];
    if (f->rel == REL_NONE && f->type != FT_MONEY)
      return false;
    money |= f->type == FT_MONEY;
  }
  return money;
}

/* Money the field's meaning gives to the server, when the spec wrote no
 * role (readonly, immutable, writable): a system fact (a balance, a fee:
 * kb system-money), a total (computed-money), a ledger entry's amount (kb ledger-records), a copy of
 * a price on a line of a payment, or an amount fixed once a row of a
 * payment flow is made (kb money-records, money-states). False: the client
 * writes it (a bid, a listing's price). */
static bool money_role(Arena *a, const Plan *p, const Entity *e, const Field *f, FieldFacts *ff) {
  if (f->type != FT_MONEY || f->array)
    return false;
  const KbItem *it = vocab_word(p, "system-money", f->name, false);
  if (!it)
    it = vocab_word(p, "computed-money", f->name, false);
  if (!it)
    it = vocab_word(p, "ledger-records", e->name, true);
  const Field *src = it ? NULL : snapshot_of(a, p, e);
  Str flow = it || src ? (Str){0} : money_flow(a, p, e);
  if (!it && !src && !flow.n && account_of_user(p->model, e)) {
    ff->by_meaning = S("a balance of the user's own account, which moves only through the server's operations");
    ff->role = ROLE_SERVER;
    ff->why = str_printf(a, "set by the server: %.*s", STRF(ff->by_meaning));
    return true;
  }
  if (it)
    ff->by_meaning = meaning(it);
  else if (src)
    ff->by_meaning = str_printf(a, "a copy of %.*s.%.*s when the row is made: a later change there does not alter "
                                   "what was agreed", STRF(src->entity->name), STRF(src->name));
  else if (flow.n)
    ff->by_meaning = flow;
  else
    return false;
  ff->role = flow.n ? ROLE_IMMUTABLE : ROLE_SERVER;
  ff->why = str_printf(a, flow.n ? "given at creation, never changed: %.*s" : "set by the server: %.*s", STRF(ff->by_meaning));
  return true;
}

/* A group its users join where they are (a neighbourhood, a school: kb
 * `vocab joined-places`), not one they found at sign-up. */
static bool joined_place(const Plan *p, const Entity *g) { return g && vocab_word(p, "joined-places", g->name, true); }

static void role_of(Arena *a, const Plan *p, const Entity *e, const Field *f, FieldFacts *ff) {
  const Model *m = p->model;
  ff->role = ROLE_SERVER;
  if (f->rel == REL_MANY_TO_MANY) {
    ff->why = S("links, managed through the join table");
    return;
  }
  if (f->rel == REL_MANY_TO_ONE && m->auth && f->ref == m->principal && e->parent_field == f) {
    ff->why = S("the owner, from the signed-in user");
    return;
  }
  if (f->rel == REL_MANY_TO_ONE && e->principal && m->auth && e->parent_field == f && joined_place(p, f->ref)) {
    ff->role = ROLE_IMMUTABLE;
    ff->why = str_printf(a, "the %.*s the user joins at sign-up, checked to exist, never changed after", STRF(f->ref->name));
    return;
  }
  if (f->rel == REL_MANY_TO_ONE && e->parent_field == f && e->parent && e->parent != m->principal && !e->join) {
    ff->why = S("the parent, from the path");
    return;
  }
  if (f->type == FT_BLOB) {
    ff->why = S("the file's key, set through the upload URL");
    return;
  }
  bool signer = f->rel == REL_MANY_TO_ONE && f->role != ROLE_MARK_WRITABLE && signs_in(m, f->ref);
  const KbItem *actor = signer ? actor_name(p, f->name) : NULL;
  /* A row has one creator: the relation on its owner chain, or to the
   * principal. Another party named after a role (an order's restaurant,
   * a ride's driver) is not the caller. */
  bool creator = f == e->parent_field || f->ref == m->principal;
  bool party = signer && !actor && names_signer(m, f) && !creator;
  if (signer && !actor && names_signer(m, f) && creator) {
    ff->why = str_printf(a, "the signed-in %.*s: the caller's own %.*s row, never the request body", STRF(f->name),
                         STRF(f->ref->name));
    return;
  }
  if (actor) {
    ff->why = f->ref == m->principal && !f->optional
                  ? S("the signed-in user who creates it")
                  : str_printf(a, "%.*s: the signed-in caller's own %.*s row, never the request body", STRF(meaning(actor)),
                               STRF(f->ref->name));
    return;
  }
  if (f->role == ROLE_MARK_READONLY) {
    ff->why = S("set by the server (readonly)");
    return;
  }
  if (f->role == ROLE_MARK_IMMUTABLE) {
    ff->role = ROLE_IMMUTABLE;
    ff->why = S("given at creation, never changed (immutable)");
    return;
  }
  if (f->role == ROLE_MARK_WRITABLE) {
    ff->role = ROLE_CLIENT;
    ff->why = S("written by the client (writable)");
    return;
  }
  if (party && f->optional) {
    ff->why = str_printf(a, "another party of the row: the %.*s the server assigns later (a dispatch or a transition), "
                            "never the request body", STRF(f->ref->name));
    return;
  }
  if (party) {
    ff->role = ROLE_IMMUTABLE;
    ff->why = str_printf(a, "another party of the row: the %.*s the client chooses at creation, checked to exist, "
                            "never changed after", STRF(f->ref->name));
    return;
  }
  if (f->sum_of) {
    ff->why = str_printf(a, "derived: the sum of %.*s.%.*s%s%.*s over its rows", STRF(f->sum_of->name), STRF(f->sum_a->name),
                         f->sum_b ? " x " : "", STRF(f->sum_b ? f->sum_b->name : (Str){0}));
    return;
  }
  if (f->ntrans) {
    ff->why = S("lifecycle state: changed only by its transition operations");
    return;
  }
  if (f->type == FT_ENUM && !f->array && state_name(f->name)) {
    ff->why = S("state, set by the server (declare transitions to let users change it)");
    return;
  }
  if (total_over_children(e, f)) {
    ff->why = S("a total over the child rows, computed by the server");
    return;
  }
  Str tal = tally(a, p, e, f);
  if (tal.n) {
    ff->why = str_printf(a, "set by the server: %.*s", STRF(tal));
    return;
  }
  Str grant = role_grant(a, p, e, f);
  if (grant.n) {
    ff->why = grant;
    return;
  }
  const KbItem *rev = reviewed(p, f);
  if (rev) {
    ff->why = str_printf(a, "set by the server: %.*s", STRF(meaning(rev)));
    return;
  }
  if (money_role(a, p, e, f, ff))
    return;
  const KbItem *led = vocab_word(p, "ledger-records", e->name, true);
  if (led) {
    ff->why = str_printf(a, "set by the server: %.*s", STRF(meaning(led)));
    return;
  }
  Str flow = (f->rel == REL_MANY_TO_ONE || f->unique) ? money_flow(a, p, e) : (Str){0};
  if (flow.n) {
    ff->role = ROLE_IMMUTABLE;
    ff->why = str_printf(a, "given at creation, never changed: it says which movement the row is (%.*s)", STRF(flow));
    return;
  }
  ff->role = ROLE_CLIENT;
  ff->why = S("written by the client");
}

FieldRole plan_field_role(Arena *a, const Plan *p, const Entity *e, const Field *f) {
  FieldFacts ff = {0};
  role_of(a, p, e, f, &ff);
  return ff.role;
}

static void format_of(Arena *a, const Plan *p, const Field *f, FieldFacts *ff) {
  double smax = plan_figure(p, "contracts", "string-max", 255);
  double digits = plan_figure(p, "contracts", "money-digits", 19), scale = plan_figure(p, "contracts", "money-scale", 4);
  ff->json_type = S("string");
  switch (f->type) {
  case FT_STRING: ff->max_len = f->len > 0 ? f->len : smax; break;
  case FT_TEXT: ff->max_len = f->max_size; break;
  case FT_EMAIL: ff->max_len = plan_figure(p, "contracts", "email-max", 320), ff->json_format = S("email"); break;
  case FT_URL: ff->max_len = plan_figure(p, "contracts", "url-max", 2048), ff->json_format = S("uri"); break;
  case FT_PHONE: {
    ff->max_len = plan_figure(p, "contracts", "phone-max", 32);
    ff->pattern = str_printf(a, "^\\+?[0-9 ()-]{3,%.0f}$", ff->max_len);
    break;
  }
  case FT_INT: ff->json_type = S("integer"), ff->json_format = S("int64"); break;
  case FT_FLOAT: ff->json_type = S("number"), ff->json_format = S("double"); break;
  case FT_MONEY:
    ff->json_format = S("decimal");
    ff->pattern = str_printf(a, "^-?[0-9]{1,%.0f}(\\.[0-9]{1,%.0f})?$", digits - scale, scale);
    break;
  case FT_BOOL: ff->json_type = S("boolean"); break;
  case FT_TIMESTAMP: ff->json_format = S("date-time"); break;
  case FT_DATE: ff->json_format = S("date"); break;
  case FT_UUID: case FT_REF: ff->json_format = S("uuid"); break;
  case FT_SECRET: ff->json_format = S("password"), ff->max_len = smax; break;
  case FT_JSON: ff->json_type = (Str){0}; break;
  default: break;
  }
  switch (f->type) {
  case FT_STRING: case FT_EMAIL: case FT_URL: case FT_PHONE: case FT_SECRET:
    ff->sql_pg = str_printf(a, "varchar(%.0f)", ff->max_len);
    break;
  case FT_TEXT: case FT_ENUM: ff->sql_pg = S("text"); break;
  case FT_INT: ff->sql_pg = S("bigint"); break;
  case FT_FLOAT: ff->sql_pg = S("double precision"); break;
  case FT_MONEY: ff->sql_pg = str_printf(a, "numeric(%.0f,%.0f)", digits, scale); break;
  case FT_BOOL: ff->sql_pg = S("boolean"); break;
  case FT_TIMESTAMP: ff->sql_pg = S("timestamptz"); break;
  case FT_DATE: ff->sql_pg = S("date"); break;
  case FT_UUID: case FT_REF: ff->sql_pg = S("uuid"); break;
  case FT_JSON: ff->sql_pg = S("jsonb"); break;
  case FT_BLOB: ff->sql_pg = S("varchar(1024)"); break;
  default: ff->sql_pg = S("text"); break;
  }
  /* ClickHouse (a MergeTree store): the same facts in its types. */
  switch (f->type) {
  case FT_INT: ff->sql_ch = S("Int64"); break;
  case FT_FLOAT: ff->sql_ch = S("Float64"); break;
  case FT_MONEY: ff->sql_ch = str_printf(a, "Decimal(%.0f, %.0f)", digits, scale); break;
  case FT_BOOL: ff->sql_ch = S("Bool"); break;
  case FT_TIMESTAMP: ff->sql_ch = S("DateTime64(3, 'UTC')"); break;
  case FT_DATE: ff->sql_ch = S("Date32"); break;
  case FT_UUID: case FT_REF: ff->sql_ch = S("UUID"); break;
  case FT_ENUM: ff->sql_ch = S("LowCardinality(String)"); break;
  default: ff->sql_ch = S("String"); break;
  }
  ff->sql_lite = f->array ? S("TEXT")
                 : f->type == FT_INT || f->type == FT_BOOL ? S("INTEGER")
                 : f->type == FT_FLOAT ? S("REAL")
                 : f->type == FT_MONEY ? S("NUMERIC") : S("TEXT");
  /* A valid sample, as JSON text. */
  char b[64];
  switch (f->type) {
  case FT_INT: case FT_FLOAT:
    snprintf(b, sizeof b, "%.15g", api_sample_number(f));
    ff->sample = str_printf(a, "%s", b);
    break;
  case FT_MONEY: ff->sample = str_printf(a, "\"%.2f\"", api_sample_number(f)); break;
  case FT_BOOL: ff->sample = S("true"); break;
  case FT_EMAIL: ff->sample = S("\"ada@example.com\""); break;
  case FT_URL: ff->sample = S("\"https://example.com/\""); break;
  case FT_PHONE: ff->sample = S("\"+15550100\""); break;
  case FT_TIMESTAMP: ff->sample = S("\"2026-01-01T09:00:00Z\""); break;
  case FT_DATE: ff->sample = S("\"2026-01-01\""); break;
  case FT_UUID: case FT_REF: ff->sample = S("\"3f2c1a4e-8b7d-4c6a-9e15-2d4b6f8a0c13\""); break;
  case FT_JSON: ff->sample = S("{}"); break;
  case FT_BLOB: ff->sample = S("\"uploads/3f2c1a4e.bin\""); break;
  case FT_SECRET: ff->sample = S("\"correct horse battery staple\""); break;
  case FT_ENUM: ff->sample = str_printf(a, "\"%.*s\"", STRF(f->enum_vals[0])); break;
  default: {
    int n = ff->max_len > 0 && ff->max_len < 7 ? (int)ff->max_len : 7;
    ff->sample = str_printf(a, "\"%.*s\"", n, "example");
  }
  }
}

/* A path segment: lower-case ASCII, "-" for other ASCII, and each byte of a
 * non-ASCII character as "x" and two hex digits (as type names do). */
static Str kebab_word(Arena *a, Str w) {
  char *s = new(a, char, 3 * w.n + 1);
  ptrdiff_t n = 0;
  for (ptrdiff_t i = 0; i < w.n; i++) {
    unsigned char c = (unsigned char)w.p[i];
    if (c >= 0x80) {
      n += snprintf(s + n, 4, "x%02x", c);
      continue;
    }
    if (c >= 'A' && c <= 'Z')
      c = (unsigned char)(c + 32);
    s[n++] = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? (char)c : '-';
  }
  return (Str){s, n};
}

static bool vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

/* The action that reaches a state, for its path segment: kb `vocab
 * state-actions` first (paid -> pay, edited -> edit: the participles no
 * spelling rule gets right), else the rules for "-ed" below; a state that
 * is not a past participle is kept (open, draft). */
static Str action(Arena *a, const Plan *p, Str state) {
  Str w = kebab_word(a, state);
  const KbRecord *r = kb_record(p->kb, "vocab", S("state-actions"));
  for (int i = 0; r && i < r->nitems; i++)
    if (r->items[i].nvals && str_eq(r->items[i].key, w))
      return r->items[i].vals[0].text;
  if (w.n < 5 || w.p[w.n - 1] != 'd' || w.p[w.n - 2] != 'e')
    return w;
  char e3 = w.p[w.n - 3];
  if (e3 == 'e' || e3 == 'u' || e3 == 'o')   /* agreed, queued, vetoed: the verb ends there */
    return (Str){w.p, e3 == 'o' ? w.n - 2 : w.n - 1};
  Str stem = {w.p, w.n - 2};
  char z = stem.p[stem.n - 1], y = stem.p[stem.n - 2], x = stem.n > 2 ? stem.p[stem.n - 3] : 'a';
  Str with_e = {w.p, w.n - 1};   /* the stem and its silent e */
  if (z == 'i')   /* carried -> carry */
    return str_printf(a, "%.*sy", (int)stem.n - 1, stem.p);
  if (z == y && !vowel(z)) {
    /* shipped -> ship; a word that ends doubled keeps it (passed, billed,
     * added), but a British -elled drops one (cancelled, labelled) */
    bool keep = z == 's' || z == 'f' || z == 'z' || (z == 'd' && stem.n == 3) || (z == 'l' && !(x == 'e' && stem.n > 5));
    return keep ? stem : (Str){stem.p, stem.n - 1};
  }
  /* No English verb ends in v, c, or a g after a consonant: archived,
   * produced, charged, changed (but belonged); nor in s after a consonant (reversed, licensed); a
   * single-vowel s, z or u takes its e too (closed, authorized). */
  if (z == 'v' || z == 'c' || z == 'z' || (z == 'g' && !vowel(y) && (y != 'n' || x == 'a')) || (z == 's' && y != 's'))
    return with_e;
  /* A consonant and l: settled, enabled (not curled, crawled). */
  if (z == 'l' && !vowel(y) && y != 'r' && y != 'w' && y != 'l')
    return with_e;
  /* One vowel after a consonant, then one consonant: declined, expired,
   * retired, completed; after e, only t does (completed; delivered,
   * opened, labeled keep the stem). */
  if (vowel(y) && !vowel(x) && x != 'y' && !vowel(z) && z != 'w' && z != 'x' && z != 'y' && (y != 'e' || z == 't'))
    return with_e;
  return stem;   /* packed -> pack, published -> publish, rejected -> reject */
}

static void lifecycles(Arena *a, Plan *p) {
  const Model *m = p->model;
  Api *api = &p->api;
  int cap = 0;
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    for (int k = 0; k < e->nfields; k++) {
      const Field *f = &e->fields[k];
      for (int to = 0; to < f->nenum && f->ntrans; to++) {
        Lifecycle l = {e, f, to, NULL, 0, NULL, 0, {0}};
        for (int t = 0; t < f->ntrans; t++) {
          const Transition *tr = &f->trans[t];
          if (tr->to != to || str_eqc(tr->by, "system"))
            continue;
          if (!l.from)
            l.from = new(a, int, f->ntrans), l.by = new(a, Str, f->ntrans);
          bool seen = false;
          for (int j = 0; j < l.nfrom; j++)
            seen |= l.from[j] == tr->from;
          if (!seen)
            l.from[l.nfrom++] = tr->from;
          seen = false;
          for (int j = 0; j < l.nby; j++)
            seen |= str_eq(l.by[j], tr->by);
          if (!seen)
            l.by[l.nby++] = tr->by;
        }
        if (!l.nfrom)
          continue;
        l.verb = action(a, p, f->enum_vals[to]);
        *push(a, api->lives, api->nlives, cap) = l;
      }
    }
  }
}

/* The contract a store takes, by its family; a store that declares
 * constraints (TimescaleDB) speaks SQL DDL whatever its family, except a
 * graph store, whose constraints are Cypher's. No store chosen: the SQL
 * schema, the default a team starts from. */
static StoreForm form_of(const Tech *t) {
  if (t && str_eqc(t->family, "graph"))
    return FORM_GRAPH;
  if (!t || str_eqc(t->family, "relational") || tech_has(t, CAP_CONSTRAINTS))
    return FORM_SQL;
  if (str_eqc(t->family, "key-value") || str_eqc(t->family, "wide-column"))
    return FORM_KEYS;
  if (str_eqc(t->family, "time-series"))
    return FORM_POINTS;
  return FORM_DOCS;
}

/* Which store holds each entity's rows (plan_store_of) and the contract
 * that store takes: schema.sql covers only the database's entities, and
 * only when the database speaks SQL; a separate events store that speaks
 * SQL gets events.sql. */
static void plan_stores(Plan *p) {
  const Model *m = p->model;
  Api *api = &p->api;
  const Tech *db = plan_tech(p, "database"), *ev = plan_tech(p, "events");
  api->db_form = form_of(db);
  api->db_constraints = db && tech_has(db, CAP_CONSTRAINTS);
  api->db_pooler = db && tech_has(db, CAP_CONNECTION_POOLING);
  api->sql = api->db_form == FORM_SQL;
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    ApiEntity *ae = &api->ents[i];
    const Tech *t = plan_store_of(p, e);
    ae->store = t && t == ev && ev != db ? S("events") : S("database");
    ae->form = form_of(t);
    if (str_eqc(ae->store, "events") && ae->form == FORM_SQL)
      api->events_sql = true;
    if (ae->form == FORM_POINTS && !api->ts_store.n) {
      api->ts_store = t->name;
      api->ts_mergetree = tech_has(t, CAP_MERGETREE);
    }
  }
}

/* The sort key of a time-series table (ClickHouse's ORDER BY): the access
 * path the endpoints take, a parent's rows in time order, so the
 * references to parents first, then the enum tags a list filters on
 * (few values: they compress and prune well), then the point's time. */
static void ts_order(Arena *a, const Entity *e, ApiEntity *ae) {
  ae->ts_order = new(a, const Field *, e->nfields + 1);
  for (int pass = 0; pass < 2; pass++)
    for (int k = 0; k < e->nfields; k++) {
      const Field *f = &e->fields[k];
      if (!ae->ff[k].stored || !ae->ff[k].ts_tag || f->optional || f == ae->ts_time)
        continue;
      if (pass == 0 ? f->rel == REL_MANY_TO_ONE : f->type == FT_ENUM)
        ae->ts_order[ae->nts_order++] = f;
    }
}

bool api_in_schema(const Plan *p, const Entity *e, const char *store) {
  const ApiEntity *ae = &p->api.ents[e->index];
  return ae->form == FORM_SQL && str_eqc(ae->store, store);
}

/* Rows the API never deletes (no DELETE, unless the spec asks for a soft
 * delete, which archives): rows of a payment flow or of a ledger that hold
 * money, rows with money the server sets as a system fact (a balance),
 * rows a ledger entry points at, and records kept by law or by the spec
 * (audit, history, retain under kb retention-regimes). Their lifecycle ends them (cancel,
 * refund); their history stays. */
static void kept(Arena *a, const Plan *p, const Entity *e, ApiEntity *ae) {
  bool money = false;
  for (int k = 0; k < e->nfields; k++) {
    const Field *f = &e->fields[k];
    money |= f->type == FT_MONEY;
    const KbItem *it = f->type == FT_MONEY && ae->ff[k].role == ROLE_SERVER ? vocab_word(p, "system-money", f->name, false) : NULL;
    if (it && !ae->kept.n)
      ae->kept = str_printf(a, "it holds %.*s, and %.*s", STRF(f->name), STRF(meaning(it)));
  }
  const KbItem *it = money ? vocab_word(p, "ledger-records", e->name, true) : NULL;
  Str flow = money && !it ? money_flow(a, p, e) : (Str){0};
  if (it || flow.n)
    ae->kept = str_printf(a, "it holds money: %.*s", STRF(it ? meaning(it) : flow));
  for (int i = 0; i < e->nincoming && !ae->kept.n; i++) {
    const Entity *from = e->incoming[i].from;
    if (from != e && vocab_word(p, "ledger-records", from->name, true))
      ae->kept = str_printf(a, "%.*s entries point at it", STRF(from->name));
  }
  /* Records the law or the spec keeps: audited changes, a version
   * history, or a retention period under a regime that requires it. */
  const Model *m = p->model;
  for (int i = 0; i < e->nfeatures && !ae->kept.n; i++) {
    const Feature *f = e->features[i];
    if (f->kind == FK_CRUD && feature_has(f, "audit"))
      ae->kept = S("its changes are audited, and an audit trail outlives the row");
    else if (f->kind == FK_HISTORY)
      ae->kept = S("its history is kept, and a version history outlives the row");
  }
  for (int i = 0; e->retain > 0 && i < m->project.ncompliance && !ae->kept.n; i++) {
    const KbItem *reg = vocab_word(p, "retention-regimes", m->project.compliance[i].word, false);
    if (reg)
      ae->kept = str_printf(a, "its rows are kept for their retention period: %.*s", STRF(meaning(reg)));
  }
  /* The spec's own `retain`: it asked to keep the rows, regime or not. */
  if (e->retain > 0 && !ae->kept.n)
    ae->kept = S("the spec keeps its rows for their retention period (retain)");
}

/* Rows under a record that are records of their own, not its content: a
 * payment against it, a ledger entry, a row with its own lifecycle, an
 * event or a comment on it (kb `vocab event-records`). */
static bool record_of_its_own(Arena *a, const Plan *p, const Entity *e) {
  bool own = money_flow(a, p, e).n || plan_ledger_record(p, e) || vocab_word(p, "event-records", e->name, true);
  for (int k = 0; k < e->nfields && !own; k++)
    own = e->fields[k].ntrans > 0;
  return own;
}

/* Whether e is kept only for its audit trail or version history, which
 * outlive it without keeping the rows under it. */
static bool kept_for_trail(const Entity *e) {
  bool trail = false;
  for (int i = 0; i < e->nfeatures; i++)
    trail |= (e->features[i]->kind == FK_CRUD && feature_has(e->features[i], "audit")) || e->features[i]->kind == FK_HISTORY;
  return trail && e->retain <= 0;
}

/* The nearest entity from c up its ownership chain (c included) for which
 * is() holds, stopping before `stop` or `stop2`; NULL: none. Results are
 * kept in memo (state 2: known) so that a chain of n entities costs O(n),
 * not O(n^2); a cycle ends the walk. */
typedef bool (*EntityTest)(const Plan *p, const Entity *e);
static const Entity *nearest_up(Arena *a, const Plan *p, const Entity *c, EntityTest is, const Entity *stop,
                                const Entity *stop2, const Entity **memo, signed char *state) {
  const Model *m = p->model;
  const Entity **path = new(a, const Entity *, 16);
  int n = 0, cap = 16;
  const Entity *found = NULL;
  for (; c && c != stop && c != stop2; c = c->parent) {
    if (state[c->index] == 2) {
      found = memo[c->index];
      break;
    }
    if (state[c->index] == 1 || n > m->nentities)
      break;   /* a cycle */
    if (is(p, c)) {
      found = c;
      break;
    }
    state[c->index] = 1;
    if (n == cap) {
      const Entity **grown = new(a, const Entity *, cap * 2);
      memcpy(grown, path, sizeof *path * (size_t)n);
      path = grown, cap *= 2;
    }
    path[n++] = c;
  }
  for (int i = 0; i < n; i++)
    memo[path[i]->index] = found, state[path[i]->index] = 2;
  return found;
}

static bool kept_for_content(const Plan *p, const Entity *c) {
  return p->api.ents[c->index].kept.n && !kept_for_trail(c);
}

static bool frozen_itself(const Plan *p, const Entity *c) { return p->api.ents[c->index].frozen_by == c; }

/* Rows under a kept record are its content (an invoice's lines): kept too,
 * the nearest kept ancestor giving the reason; not under a record kept
 * only for its trail. The chain stops at the user and the organisation,
 * whose other rows are not their content. */
static void kept_children(Arena *a, const Plan *p) {
  const Model *m = p->model;
  const Entity *t = model_tenant(m);
  /* the records kept for themselves, before any inherits */
  const Entity **memo = new(a, const Entity *, m->nentities + 1);
  signed char *state = new(a, signed char, m->nentities + 1);
  const Entity **from = new(a, const Entity *, m->nentities + 1);
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    from[i] = p->api.ents[i].kept.n || e->join || record_of_its_own(a, p, e)
                  ? NULL : nearest_up(a, p, e->parent, kept_for_content, m->principal, t, memo, state);
  }
  for (int i = 0; i < m->nentities; i++) {
    const Entity *c = from[i];
    if (c && c != &m->entities[i])
      p->api.ents[i].kept = str_printf(a, "its rows are part of %s %.*s, which is kept",
                                       strchr("AEIOUaeiou", c->name.p[0]) ? "an" : "a", STRF(c->name));
  }
}

/* A record's lifecycle freezes it: once it leaves its first state for a
 * state of kb `vocab issued-states` (issued, sent, paid, signed), that
 * state and every state after it hold the record as issued, so PATCH of its
 * other fields and writes of the rows under it are refused. */
static void freeze(Arena *a, const Plan *p) {
  const Model *m = p->model;
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    ApiEntity *ae = &p->api.ents[i];
    for (int k = 0; k < e->nfields && !ae->frozen_by; k++) {
      const Field *f = &e->fields[k];
      int first = ae->ff[k].initial;
      if (!f->ntrans || first < 0 || f->nenum > 64)
        continue;
      /* The issued states, then every state reached from one of them. */
      unsigned long long held = 0;
      const KbItem *why = NULL;
      for (int v = 0; v < f->nenum; v++) {
        const KbItem *it = v == first ? NULL : vocab_word(p, "issued-states", f->enum_vals[v], false);
        if (it && str_ieq(it->key, f->enum_vals[v])) {
          held |= 1ull << v;
          why = why ? why : it;
        }
      }
      for (bool grew = held != 0; grew;) {
        grew = false;
        for (int t = 0; t < f->ntrans; t++)
          if ((held >> f->trans[t].from & 1) && !(held >> f->trans[t].to & 1) && f->trans[t].to != first)
            held |= 1ull << f->trans[t].to, grew = true;
      }
      if (!held)
        continue;
      Buf b = {0};
      buf_printf(&b, "once the %.*s's %.*s is ", STRF(e->name), STRF(f->name));
      int n = 0, total = 0;
      for (int v = 0; v < f->nenum; v++)
        total += (int)(held >> v & 1);
      for (int v = 0; v < f->nenum; v++)
        if (held >> v & 1) {
          n++;
          buf_printf(&b, "%s%.*s", n == 1 ? "" : n == total ? " or " : ", ", STRF(f->enum_vals[v]));
        }
      buf_printf(&b, " (%.*s)", STRF(meaning(why)));
      ae->frozen_by = e, ae->frozen_field = f, ae->frozen_states = held;
      ae->frozen = str_printf(a, "%.*s", (int)b.n, b.p);
      buf_free(&b);
    }
  }
  /* Rows under a frozen record, its content: the nearest frozen
   * ancestor's. Records of their own go on after issue. */
  const Entity **memo = new(a, const Entity *, m->nentities + 1);
  signed char *state = new(a, signed char, m->nentities + 1);
  const Entity **from = new(a, const Entity *, m->nentities + 1);
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    from[i] = p->api.ents[i].frozen_by || e->join || record_of_its_own(a, p, e)
                  ? NULL : nearest_up(a, p, e->parent, frozen_itself, m->principal, NULL, memo, state);
  }
  for (int i = 0; i < m->nentities; i++) {
    const Entity *c = from[i];
    ApiEntity *ae = &p->api.ents[i];
    if (c && c != &m->entities[i])
      ae->frozen_by = c, ae->frozen = p->api.ents[c->index].frozen, ae->frozen_field = p->api.ents[c->index].frozen_field,
      ae->frozen_states = p->api.ents[c->index].frozen_states;
  }
}

/* A principal that belongs to an organisation (a User's required ->
 * Company, a root) cannot sign up alone: register is a tenant sign-up that
 * creates the organisation and its first user, who takes the role that
 * grants roles; a place users join (a neighbourhood) is named instead. */
static void signup(Plan *p) {
  const Model *m = p->model;
  const Entity *u = m->principal;
  if (!m->auth || !u || !u->parent || !u->parent_field || u->parent_field->optional || u->parent == u || u->parent->parent ||
      joined_place(p, u->parent))
    return;
  p->api.signup_org = u->parent;
  for (int k = 0; k < u->nfields && !p->api.signup_role.n; k++)
    if (auth_roles_in(m, &u->fields[k]) >= 2)
      p->api.signup_role = plan_granting_role(p, &u->fields[k]);
}

/* A write open to every signed-in user on rows that belong to someone
 * else: another user's rows (the chain reaches the principal), or money on
 * rows the caller does not own, or owns only through a parent's owner-only
 * (a citizen's payments). Once per crud feature, at its line. */
static void access_warn(const Plan *p, DiagSink *sink) {
  const Model *m = p->model;
  for (int i = 0; m->auth && i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    const Feature *crud = NULL;
    for (int k = 0; k < e->nfeatures && !crud; k++)
      crud = e->features[k]->kind == FK_CRUD ? e->features[k] : NULL;
    if (!crud || !crud->span.len)
      continue;
    /* owner-only that the ownership chain cannot honour: the rows reach
     * no signed-in user through their parents, so the contract scopes
     * them to the caller's organisation, wider than the spec asked */
    for (int k = 0; k < p->api.neps && feature_has(crud, "owner-only"); k++) {
      const Endpoint *x = &p->api.eps[k];
      if (x->entity != e || !x->read || !x->tenant)
        continue;
      diag_at(sink, m->file, SEV_WARNING, crud->span.off, crud->span.len,
              "owner-only on %.*s: its rows reach %.*s through their parents, not a signed-in %.*s, so every user of the same "
              "%.*s sees them (%.*s %.*s); make the user who owns a row its parent (its first required ->), or say "
              "`roles` for who may read them", STRF(e->name), STRF(x->tenant->name), STRF(m->principal->name),
              STRF(x->tenant->name), STRF(x->method), STRF(x->path));
      break;
    }
    const Endpoint *open = NULL, *change = NULL;   /* any open write; one on an existing row */
    for (int k = 0; k < p->api.neps && !change; k++) {
      const Endpoint *x = &p->api.eps[k];
      bool inherited = x->owner_only && !x->tenant && !feature_has(crud, "owner-only");
      if (x->entity != e || x->read || !x->auth || (x->owner_only && !inherited) || x->nroles || x->kind == EP_AUTH)
        continue;
      open = open ? open : x;
      change = x->kind != EP_CREATE ? x : NULL;
    }
    if (!open)
      continue;
    const Field *money = NULL;
    for (int k = 0; k < e->nfields && !money; k++)
      money = e->fields[k].type == FT_MONEY && (p->api.ents[i].ff[k].in_create || p->api.ents[i].ff[k].in_update)
                  ? &e->fields[k] : NULL;
    if (open->owner_only) {
      if (money)
        diag_at(sink, m->file, SEV_WARNING, crud->span.off, crud->span.len,
                "a signed-in user may write %.*s.%.*s, money on rows that are theirs only through %.*s (%.*s %.*s): "
                "add roles for who may write them, or mark it readonly", STRF(e->name), STRF(money->name),
                STRF(e->parent->name), STRF(open->method), STRF(open->path));
    } else if (change && (e->principal || e->owner == m->principal))
      diag_at(sink, m->file, SEV_WARNING, crud->span.off, crud->span.len,
              "any signed-in user may write another user's %.*s rows (%.*s %.*s): add owner-only, or roles for who "
              "may write them", STRF(e->name), STRF(change->method), STRF(change->path));
    else if (money)
      diag_at(sink, m->file, SEV_WARNING, crud->span.off, crud->span.len,
              "any signed-in user may write %.*s.%.*s, money on rows that are not theirs (%.*s %.*s): add roles for "
              "who may write them, or mark it readonly", STRF(e->name), STRF(money->name), STRF(open->method),
              STRF(open->path));
  }
}

/* Whether a word of f's name is a state of a lifecycle of e (signed_at
 * under `-> signed`): its transition writes it. */
static bool names_state(const Entity *e, const Field *f) {
  Str w[8];
  int nw = words_of(f->name, w, 8, true);
  for (int k = 0; e && k < e->nfields; k++)
    for (int v = 0; e->fields[k].ntrans && v < e->fields[k].nenum; v++)
      for (int i = 0; i < nw; i++)
        if (str_ieq(w[i], e->fields[k].enum_vals[v]))
          return true;
  return false;
}

/* A readonly field that may stay empty and that nothing writes: no state
 * of its row's (or its parent's) lifecycle names it, and it is no total,
 * tally or review the server keeps. Its value never comes (Recipient.signed
 * with no operation for a recipient). */
static void unwritten_warn(const Plan *p, DiagSink *sink) {
  const Model *m = p->model;
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    for (int k = 0; k < e->nfields; k++) {
      const Field *f = &e->fields[k];
      if (f->role != ROLE_MARK_READONLY || !f->optional || f->rel != REL_NONE || f->type == FT_BLOB || f->sum_of ||
          f->def.kind != LIT_NONE || !f->span.len || names_state(e, f) || names_state(e->parent, f))
        continue;
      if (vocab_word(p, "review-fields", f->name, true) || vocab_word(p, "tally-fields", f->name, true) ||
          vocab_word(p, "system-money", f->name, false) || vocab_word(p, "computed-money", f->name, false))
        continue;
      diag_at(sink, m->file, SEV_WARNING, f->span.off, f->span.len,
              "'%.*s' is set by the server (readonly), but no operation, transition or tally writes it, so it stays "
              "empty: add a lifecycle state that records it (a transition `by ROLE` gives that role an operation), "
              "or drop readonly", STRF(f->name));
    }
  }
}

void plan_fields_warn(const Plan *p, DiagSink *sink) {
  const Model *m = p->model;
  access_warn(p, sink);
  unwritten_warn(p, sink);
  const Feature *pay = p->api.payments;
  if (pay && !p->api.payable && pay->span.len)
    diag_at(sink, m->file, SEV_WARNING, pay->span.off, pay->span.len,
            "integration '%.*s' takes payments, but nothing is paid for: no entity the signed-in user owns points at "
            "an entity with a price or holds money the server sets, so the contract has no checkout and anything "
            "sold is free", STRF(pay->name));
  for (int i = 0; i < m->nentities; i++)
    for (int k = 0; k < m->entities[i].nfields; k++) {
      const Field *f = &m->entities[i].fields[k];
      const FieldFacts *ff = &p->api.ents[i].ff[k];
      if (!ff->by_meaning.n || !f->span.len)
        continue;
      if (ff->role == ROLE_IMMUTABLE)
        diag_at(sink, m->file, SEV_WARNING, f->span.off, f->span.len,
                "'%.*s' is money the client gives only at creation (%.*s): mark it immutable to agree, or writable if "
                "the client may change it", STRF(f->name), STRF(ff->by_meaning));
      else
        diag_at(sink, m->file, SEV_WARNING, f->span.off, f->span.len,
                "'%.*s' is money the server sets (%.*s), so no request body carries it: mark it readonly to agree, or "
                "writable if the client sets it", STRF(f->name), STRF(ff->by_meaning));
    }
}

void plan_fields(Arena *a, Plan *p) {
  const Model *m = p->model;
  plan_stores(p);
  const Tech *idp = m->auth ? plan_tech(p, "auth") : NULL;
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    ApiEntity *ae = &p->api.ents[i];
    ae->ff = new(a, FieldFacts, e->nfields);
    for (int k = 0; k < e->nfields; k++) {
      const Field *f = &e->fields[k];
      FieldFacts *ff = &ae->ff[k];
      role_of(a, p, e, f, ff);
      format_of(a, p, f, ff);
      ff->in_create = ff->role != ROLE_SERVER;
      ff->in_update = ff->role == ROLE_CLIENT;
      ff->required = ff->in_create && !f->optional && f->def.kind == LIT_NONE;
      ff->in_response = f->type != FT_SECRET && f->rel != REL_MANY_TO_MANY;
      ff->stored = f->rel != REL_MANY_TO_MANY;
      ff->ts_tag = !f->array && (f->rel == REL_MANY_TO_ONE || f->type == FT_ENUM || f->type == FT_BOOL ||
                                 f->type == FT_UUID || (f->type == FT_STRING && f->len > 0 && f->len <= 64));
      if (e->principal && idp && (f->type == FT_SECRET || (f->tags & TAG_SECRET))) {
        ff->stored = false;   /* the identity service holds it */
        ff->why = str_printf(a, "passed to %.*s at sign-up, never stored here", STRF(idp->name));
      }
      ff->initial = -1;
      if (f->ntrans) {
        for (int v = 0; v < f->nenum && ff->initial < 0; v++) {
          bool reached = false;
          for (int t = 0; t < f->ntrans; t++)
            reached |= f->trans[t].to == v;
          if (f->def.kind == LIT_WORD ? str_eq(f->def.text, f->enum_vals[v]) : !reached)
            ff->initial = v;
        }
        if (ff->initial >= 0)
          ff->sample = str_printf(a, "\"%.*s\"", STRF(f->enum_vals[ff->initial]));
      }
    }
  }
  for (int i = 0; i < m->nentities; i++)
    kept(a, p, &m->entities[i], &p->api.ents[i]);
  kept_children(a, p);
  for (int i = 0; i < m->nentities; i++) {
    ApiEntity *ae = &p->api.ents[i];
    for (int k = 0; k < m->entities[i].nfields && !ae->ts_time; k++)
      if (m->entities[i].fields[k].type == FT_TIMESTAMP && !m->entities[i].fields[k].optional && !m->entities[i].fields[k].array)
        ae->ts_time = &m->entities[i].fields[k];
    if (ae->form == FORM_POINTS)
      ts_order(a, &m->entities[i], ae);
    for (int k = 0; ae->cur.n && k < m->entities[i].nfields; k++)
      ae->cur_client |= m->entities[i].fields[k].type == FT_MONEY && ae->ff[k].in_create;
  }
  lifecycles(a, p);
  freeze(a, p);
  signup(p);
}

double api_sample_number(const Field *f) {
  bool whole = f->type == FT_INT;
  if (f->has_min && f->has_max) {
    double v = (f->min + f->max) / 2;
    return whole ? floor(v) : v;
  }
  if (f->has_min)
    return whole ? floor(f->min) + 1 : f->min + 1;
  if (f->has_max)
    return whole ? ceil(f->max) - 1 : f->max - 1;
  return f->type == FT_MONEY ? 9.5 : 1;
}

/* The longest string a field accepts (0: no limit in the contract). */
double api_str_max(const Field *f) {
  switch (f->type) {
  case FT_STRING: return f->len > 0 ? f->len : 255;
  case FT_TEXT: return f->max_size;
  case FT_EMAIL: return 320;
  case FT_URL: return 2048;
  case FT_PHONE: return 32;
  default: return 0;
  }
}
