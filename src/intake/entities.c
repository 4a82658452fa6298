/* The draft's entities and fields: lookups and additions (see draft.h). */
#include <string.h>

#include "draft.h"
#include "nounsint.h"

/* ---- entities ---- */

bool dr_kind_is(const DEnt *e, const char *k) { return str_eqc(e->kind, k); }

bool dr_has_field(const DEnt *e, Str name) {
  for (int i = 0; i < e->nf; i++)
    if (str_eq(e->f[i].name, name))
      return true;
  return false;
}

void dr_add_field(DEnt *e, Str name, Str type, bool from_text) {
  if (dr_has_field(e, name) || e->nf == MAX_FIELDS || !name.n)
    return;
  e->f[e->nf++] = (DField){name, type, from_text};
}

Str dr_field_typed(const DEnt *e, const char *prefix) {
  for (int i = 0; i < e->nf; i++)
    if (str_has_prefix(e->f[i].type, str_c(prefix)))
      return e->f[i].name;
  return (Str){0};
}

Str dr_text_field(const DEnt *e) {
  Str any = {0};
  for (int i = 0; i < e->nf; i++) {
    Str n = e->f[i].name, t = e->f[i].type;
    bool str = str_has_prefix(t, S("string")) || str_has_prefix(t, S("text"));
    if (str && (str_eqc(n, "title") || str_eqc(n, "name")))
      return n;
    if (str && !any.n)
      any = n;
  }
  return any;
}

int ents_named(const Draft *d, Str name) {
  for (int i = 0; i < d->nents; i++)
    if (str_eq(d->ents[i].name, name))
      return i;
  return -1;
}

/* Drops the relations to an entity a later pass removed or merged away
 * ("book a moving date" once named a Moving that "moving company" took):
 * a draft refers only to entities it has. */
void ents_prune_refs(Draft *d) {
  for (int e = 0; e < d->nents; e++) {
    DEnt *en = &d->ents[e];
    for (int k = 0; k < en->nf;) {
      Str t = en->f[k].type;
      if (t.n > 3 && str_has_prefix(t, S("-> "))) {
        Str to = {t.p + 3, t.n - 3};
        if (to.n && to.p[to.n - 1] == '?')
          to.n--;
        if (ents_named(d, to) < 0) {
          memmove(&en->f[k], &en->f[k + 1], sizeof(DField) * (size_t)(en->nf - k - 1));
          en->nf--;
          continue;
        }
      }
      k++;
    }
  }
}

int ents_of_noun(const Draft *d, const Noun *n) {
  for (int i = 0; n && i < d->nents; i++)
    if (d->ents[i].noun == n)
      return i;
  return -1;
}

void ents_init(DEnt *e, const Noun *n, Str name, Str kind, Str said, bool added, int first) {
  *e = (DEnt){.noun = n, .name = name, .kind = kind, .parent = -1, .added = added, .said = said,
              .first = first, .owner_hint = -1, .per = n ? n->per : PER_UNKNOWN};
  for (int k = 0; n && k < n->nfields; k++)
    dr_add_field(e, n->fields[k]->vals[0].text, n->fields[k]->vals[1].text, false);
}

int ents_new(Draft *d, const Noun *n, Str name, Str kind, Str said, bool added, int first) {
  if (d->nents == MAX_ENTS)
    return -1;
  ents_init(&d->ents[d->nents], n, name, kind, said, added, first);
  return d->nents++;
}

int dr_add_entity(Draft *d, Str name, Str kind) {
  return ents_new(d, NULL, name, kind, (Str){0}, true, -1);
}

int dr_ensure(Draft *d, const char *id) {
  const Noun *n = lex_noun_id(&d->lx, id);
  if (!n)
    return -1;
  int k = ents_of_noun(d, n);
  return k >= 0 ? k : ents_new(d, n, n->entity, n->kind, (Str){0}, true, -1);
}

int dr_first_of_kind(const Draft *d, const char *kind) {
  for (int i = 0; i < d->nents; i++)
    if (dr_kind_is(&d->ents[i], kind) && !d->ents[i].principal)
      return i;
  return -1;
}

/* The main record: the first thing named (not a person or a device). */
int dr_main_ent(const Draft *d) {
  int best = -1;
  for (int pass = 0; pass < 2 && best < 0; pass++)
  for (int i = 0; i < d->nents; i++) {
    const DEnt *e = &d->ents[i];
    if (dr_kind_is(e, "person") || dr_kind_is(e, "device") || dr_kind_is(e, "reading") || e->added ||
        (pass == 0 && e->strength < 2))
      continue;
    if (best < 0 || (e->first >= 0 && (d->ents[best].first < 0 || e->first < d->ents[best].first)))
      best = i;
  }
  if (best >= 0)
    return best;
  for (int i = 0; i < d->nents; i++)
    if (!d->ents[i].principal)
      return i;
  return -1;
}

/* The entity named nearest after word `at` (within `fwd` words, in its
 * sentence), else -1. */
int dr_ent_near(const Draft *d, int at, int fwd) {
  for (int k = at + 1; at >= 0 && k < d->w.n && k <= at + fwd; k++) {
    if (d->w.v[k].kind == W_BREAK)
      break;
    if (d->eat[k] >= 0)
      return d->eat[k];
  }
  return -1;
}

bool dr_owned(const Draft *d, int e) {
  for (int k = e, steps = 0; k >= 0 && steps <= MAX_ENTS; k = d->ents[k].parent, steps++)
    if (k == d->principal)
      return true;
  return false;
}

/* The record verb v acts on: the head of its object, else (its object a
 * pronoun, or none: "employees submit claims, their manager approves or
 * rejects them") the nearest record named before it in its sentence. */
static int acted_on(const Draft *d, int v) {
  static const char *const pron[] = {"them", "it", "those", "these", 0};
  static const char *const join[] = {"or", "and", 0};
  int k = v + 1;
  /* "approves or rejects": the last verb of the pair takes the object */
  VerbUse u;
  if (k + 1 < d->w.n && !dr_punct_before(d, k) && dr_is_list(d, k, join) && words_wverb(d, k + 1, &u))
    k += 2;
  int end, h = k < d->w.n && k <= d->send[v] && !dr_punct_before(d, k) ? words_phrase_head(d, k, &end, false) : -1;
  if (h >= 0)
    return d->eat[h];
  bool none = k >= d->w.n || k > d->send[v] || dr_punct_before(d, k) || dr_is_list(d, k, join);
  if (!none && !dr_is_list(d, k, pron))
    return -1;
  for (int b = v - 1; b >= d->sstart[v]; b--)
    if (d->eat[b] >= 0 && !dr_kind_is(&d->ents[d->eat[b]], "person") && d->verb[b] >= 0)
      return d->eat[b];
  return -1;
}

/* Does someone other than the principal act on entity e's rows (approve,
 * review, verify, see, publish them)? Then they are not the principal's
 * alone: "staff raise requests, heads see all requests of their
 * department", "venues publish events". */
bool dr_shared(const Draft *d, int e) {
  for (int v = 0; v < d->w.n; v++) {
    int s = d->subject[v];
    if (s < 0 || d->eat[s] < 0 || d->eat[s] == d->principal || d->eat[s] == e ||
        dr_kind_is(&d->ents[d->eat[s]], "device"))
      continue;
    if (acted_on(d, v) == e)
      return true;
    /* "grandparents get a push notification when a new photo is added":
     * who is told of a record reads it */
    static const char *const told[] = {"get", "gets", "receive", "receives", 0};
    static const char *const note[] = {"notification", "notifications", "alert", "alerts", "email", "emails", "sms",
                                       "text", "message", "reminder", "reminders", 0};
    bool notice = false;
    for (int k = v + 1; dr_is_list(d, v, told) && k <= d->send[v] && k <= v + 4 && !notice; k++)
      notice = dr_is_list(d, k, note);
    for (int k = v + 1; notice && k <= d->send[v]; k++)
      if (d->eat[k] == e)
        return true;
    for (int h = v + 1; h <= d->send[v] && h < d->w.n; h++)
      if (d->verb[h] == v && d->eat[h] == e)
        return true;
  }
  return false;
}
