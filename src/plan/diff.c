/* plinth diff (see diff.h). Four comparisons and a migration:
 *
 *   decisions  every slot either plan has, matched by slot name: the
 *              technology, and its sizing (the topology the cost is for);
 *   cost       per slot and in total; the explained figures that moved;
 *   api        endpoints matched by method and path, fields by entity and
 *              name (or `was`), each change classified breaking or not;
 *   roadmap    tasks matched by id: added, removed, re-estimated;
 *   schema     entities and fields matched by name or `was`, then the
 *              steps from OLD's schema to NEW's in expand/contract order.
 *
 * Everything is linear in the plans' sizes but for the matching of names,
 * which looks fields up within one entity. */
#include "diff.h"

#include <math.h>
#include <string.h>

/* Makes room for one more in an arena array (the old copy stays behind). */
#define GROW(a, T, v, n, cap)                        \
  do {                                               \
    if ((n) == (cap)) {                              \
      int nc_ = (cap) ? (cap) * 2 : 16;              \
      T *nv_ = new ((a), T, nc_);                    \
      if (n)                                         \
        memcpy(nv_, (v), sizeof(T) * (size_t)(n));   \
      (v) = nv_;                                     \
      (cap) = nc_;                                   \
    }                                                \
  } while (0)

typedef struct {
  Arena *a;
  PlanDiff *d;
  const Plan *o, *n;
  int dec_cap, cost_cap, fig_cap, api_cap, task_cap;
} Ctx;

static void note(Ctx *c, Str s) {
  GROW(c->a, Str, c->d->notes, c->d->nnotes, c->d->note_cap);
  c->d->notes[c->d->nnotes++] = s;
}

/* ---- decisions and cost ---- */

static Str joined(Arena *a, const Str *v, int n) {
  Str s = {0};
  for (int i = 0; i < n; i++)
    s = i ? str_printf(a, "%.*s; %.*s", STRF(s), STRF(v[i])) : v[i];
  return s;
}

static const Choice *choice_of(const Plan *p, Str slot) {
  for (int i = 0; i < p->nchoices; i++)
    if (str_eq(p->choices[i].need->slot, slot))
      return &p->choices[i];
  return NULL;
}

static void decision(Ctx *c, Str slot, const Choice *o, const Choice *n) {
  Str ot = o && o->tech ? o->tech->id : (Str){0}, nt = n && n->tech ? n->tech->id : (Str){0};
  Str os = o && o->tech ? o->cost.sizing : (Str){0}, ns = n && n->tech ? n->cost.sizing : (Str){0};
  int oi = o && o->tech ? o->cost.instances : 0, ni = n && n->tech ? n->cost.instances : 0;
  if (!(o && o->tech) && !(n && n->tech))
    return;
  if (str_eq(ot, nt) && str_eq(os, ns) && oi == ni)
    return;
  PlanDiff *d = c->d;
  GROW(c->a, DiffDecision, d->decisions, d->ndecisions, c->dec_cap);
  DiffDecision *x = &d->decisions[d->ndecisions++];
  *x = (DiffDecision){slot, ot, nt, o && o->tech ? o->tech->name : (Str){0}, n && n->tech ? n->tech->name : (Str){0},
                      os, ns, oi, ni, {0}};
  if (n && n->tech)
    x->why = joined(c->a, n->because, n->nbecause);
  else if (n)
    x->why = n->cost.why_not.n ? n->cost.why_not : S("no candidate is viable for this slot");
  else
    x->why = str_printf(c->a, "the plan no longer needs a %.*s (it was there because %.*s)", STRF(slot),
                        STRF(o->need->reason));
  if (!x->why.n && n)
    x->why = n->need->reason;
}

static void decisions(Ctx *c) {
  const Plan *o = c->o, *n = c->n;
  if (!str_eq(o->style.choice, n->style.choice)) {
    GROW(c->a, DiffDecision, c->d->decisions, c->d->ndecisions, c->dec_cap);
    c->d->decisions[c->d->ndecisions++] = (DiffDecision){S("style"), o->style.choice, n->style.choice,
                                                         o->style.choice, n->style.choice, {0}, {0}, 0, 0,
                                                         joined(c->a, n->style.because, n->style.nbecause)};
  }
  for (int i = 0; i < n->nchoices; i++)
    decision(c, n->choices[i].need->slot, choice_of(o, n->choices[i].need->slot), &n->choices[i]);
  for (int i = 0; i < o->nchoices; i++)
    if (!choice_of(n, o->choices[i].need->slot))
      decision(c, o->choices[i].need->slot, &o->choices[i], NULL);
}

static void cost_line(Ctx *c, Str slot, const Choice *o, const Choice *n) {
  double ob = o && o->tech ? o->cost.usd : 0, nb = n && n->tech ? n->cost.usd : 0;
  Str ot = o && o->tech ? o->tech->id : (Str){0}, nt = n && n->tech ? n->tech->id : (Str){0};
  if (fabs(ob - nb) < 0.005 && str_eq(ot, nt))
    return;
  GROW(c->a, DiffCost, c->d->costs, c->d->ncosts, c->cost_cap);
  c->d->costs[c->d->ncosts++] = (DiffCost){slot, ot, nt, ob, nb};
}

static void costs(Ctx *c) {
  const Plan *o = c->o, *n = c->n;
  c->d->cost_before = o->monthly_usd;
  c->d->cost_after = n->monthly_usd;
  for (int i = 0; i < n->nchoices; i++)
    cost_line(c, n->choices[i].need->slot, choice_of(o, n->choices[i].need->slot), &n->choices[i]);
  for (int i = 0; i < o->nchoices; i++)
    if (!choice_of(n, o->choices[i].need->slot))
      cost_line(c, o->choices[i].need->slot, &o->choices[i], NULL);
  /* Figures that moved by more than half a percent (or appeared). */
  for (int i = 0; i < n->nexplains; i++) {
    const Explain *ne = &n->explains[i];
    const Explain *oe = NULL;
    for (int k = 0; k < o->nexplains && !oe; k++)
      if (str_eq(o->explains[k].key, ne->key))
        oe = &o->explains[k];
    double ov = oe ? oe->value : 0;
    double scale = fmax(fabs(ov), fabs(ne->value));
    if (oe && (scale == 0 || fabs(ne->value - ov) <= 0.005 * scale))
      continue;
    GROW(c->a, DiffFigure, c->d->figures, c->d->nfigures, c->fig_cap);
    c->d->figures[c->d->nfigures++] = (DiffFigure){ne->key, ne->label, ne->unit, ov, ne->value};
  }
}

/* ---- the schema's correspondence ---- */

static int old_entity(const Model *m, Str name) {
  for (int i = 0; i < m->nentities; i++)
    if (str_eq(m->entities[i].name, name))
      return i;
  return -1;
}

static int old_field(const Entity *e, Str name) {
  for (int k = 0; k < e->nfields; k++)
    if (str_eq(e->fields[k].name, name))
      return k;
  return -1;
}

static void match(Ctx *c) {
  const Model *om = c->o->model, *nm = c->n->model;
  PlanDiff *d = c->d;
  d->ents = new(c->a, DiffEntity, nm->nentities + 1);
  bool *taken = new(c->a, bool, om->nentities + 1);
  /* Declared renames first, so a new entity named like an old one that was
   * renamed away does not take it. */
  for (int i = 0; i < nm->nentities; i++) {
    const Entity *e = &nm->entities[i];
    d->ents[i].old = -1;
    if (!e->was.n)
      continue;
    int j = old_entity(om, e->was);
    if (j < 0 || taken[j])
      note(c, str_printf(c->a, "entity %.*s says 'was %.*s', but the old spec has no entity %.*s: it is a new table",
                         STRF(e->name), STRF(e->was), STRF(e->was)));
    else {
      d->ents[i].old = j;
      d->ents[i].renamed = true;
      taken[j] = true;
    }
  }
  for (int i = 0; i < nm->nentities; i++) {
    if (d->ents[i].old >= 0 || nm->entities[i].was.n)
      continue;
    int j = old_entity(om, nm->entities[i].name);
    if (j >= 0 && !taken[j]) {
      d->ents[i].old = j;
      taken[j] = true;
    }
  }
  for (int i = 0; i < nm->nentities; i++) {
    const Entity *e = &nm->entities[i];
    DiffEntity *de = &d->ents[i];
    de->fields = new(c->a, int, e->nfields + 1);
    de->renamed_field = new(c->a, bool, e->nfields + 1);
    for (int k = 0; k < e->nfields; k++)
      de->fields[k] = -1;
    if (de->old < 0)
      continue;
    const Entity *oe = &om->entities[de->old];
    bool *ftaken = new(c->a, bool, oe->nfields + 1);
    for (int k = 0; k < e->nfields; k++) {
      Str was = e->fields[k].was;
      if (!was.n)
        continue;
      int j = old_field(oe, was);
      if (j < 0 || ftaken[j])
        note(c, str_printf(c->a, "field %.*s.%.*s says 'was %.*s', but the old %.*s has no field %.*s: it is a new column",
                           STRF(e->name), STRF(e->fields[k].name), STRF(was), STRF(oe->name), STRF(was)));
      else {
        de->fields[k] = j;
        de->renamed_field[k] = true;
        ftaken[j] = true;
      }
    }
    for (int k = 0; k < e->nfields; k++) {
      if (de->fields[k] >= 0 || e->fields[k].was.n)
        continue;
      int j = old_field(oe, e->fields[k].name);
      if (j >= 0 && !ftaken[j]) {
        de->fields[k] = j;
        ftaken[j] = true;
      }
    }
  }
  /* A field continued with a relation is the same only if it points at the
   * continuation of what it pointed at. */
}

/* The entity of NEW that continues OLD's entity j, or -1. */
/* Whether a plan's schema.sql has the entity's table. */
static bool in_sql(const Plan *p, const Entity *e) { return api_in_schema(p, e, "database"); }

static int continued(const PlanDiff *d, int nents, int j) {
  for (int i = 0; i < nents; i++)
    if (d->ents[i].old == j)
      return i;
  return -1;
}

/* ---- the API ---- */

/* A change at endpoint x of plan p (OLD's for what is gone, else NEW's). */
static void api_change_in(Ctx *c, bool breaking, const Plan *p, const Endpoint *x, Str field, Str change) {
  PlanDiff *d = c->d;
  GROW(c->a, DiffApi, d->api, d->napi, c->api_cap);
  Str where = x ? str_printf(c->a, "%.*s %.*s%.*s", STRF(x->method), STRF(p->api.base), STRF(x->path)) : (Str){0};
  d->api[d->napi++] = (DiffApi){breaking, x ? x->op_id : (Str){0}, where, field, change};
  d->nbreaking += breaking;
}

static void api_change(Ctx *c, bool breaking, const Endpoint *x, Str field, Str change) {
  api_change_in(c, breaking, c->n, x, field, change);
}

static const Endpoint *endpoint(const Api *api, const Endpoint *x) {
  for (int i = 0; i < api->neps; i++)
    if (str_eq(api->eps[i].method, x->method) && str_eq(api->eps[i].path, x->path))
      return &api->eps[i];
  return NULL;
}

static bool has_error(const Endpoint *x, int status) {
  for (int i = 0; i < x->nerrors; i++)
    if (x->errors[i] == status)
      return true;
  return false;
}

/* The endpoint of `p` that creates rows of e, else one that returns them. */
static const Endpoint *entity_op(const Plan *p, const Entity *e, bool create) {
  const Endpoint *any = NULL;
  for (int i = 0; i < p->api.neps; i++) {
    const Endpoint *x = &p->api.eps[i];
    if (x->entity != e)
      continue;
    if (create && x->kind == EP_CREATE)
      return x;
    if (!create && x->kind == EP_GET)
      return x;
    if (!any && (x->kind == EP_LIST || x->kind == EP_CREATE || x->kind == EP_GET))
      any = x;
  }
  return create ? NULL : any;
}

static double str_len(const Field *f) {
  switch (f->type) {
  case FT_STRING: return f->len > 0 ? f->len : 255;
  case FT_EMAIL: return 320;
  case FT_URL: return 2048;
  case FT_PHONE: return 32;
  case FT_TEXT: return f->max_size > 0 ? f->max_size : (double)INFINITY;
  default: return 0;
  }
}

static bool textual(const Field *f) { return str_len(f) > 0; }

/* Whether every value of a is a value of b (b accepts what a accepted). */
static bool widens(const Field *a, const Field *b) {
  if (a->array != b->array)
    return false;
  if (textual(a) && textual(b))
    return (b->type == a->type || b->type == FT_STRING || b->type == FT_TEXT) && str_len(b) >= str_len(a);
  if (a->type == FT_ENUM && b->type == FT_ENUM) {
    for (int i = 0; i < a->nenum; i++) {
      bool found = false;
      for (int k = 0; k < b->nenum && !found; k++)
        found = str_eq(a->enum_vals[i], b->enum_vals[k]);
      if (!found)
        return false;
    }
    return true;
  }
  if (a->type == FT_ENUM && (b->type == FT_STRING || b->type == FT_TEXT))
    return true;
  if (a->type == FT_INT && (b->type == FT_FLOAT || b->type == FT_MONEY))
    return true;
  if ((a->type == FT_UUID || a->type == FT_REF) && (b->type == FT_UUID || b->type == FT_REF))
    return true;
  return a->type == b->type;
}

static bool same_bounds(const Field *a, const Field *b) {
  return a->has_min == b->has_min && a->has_max == b->has_max && (!a->has_min || (a->min == b->min && a->min_excl == b->min_excl)) &&
         (!a->has_max || (a->max == b->max && a->max_excl == b->max_excl));
}

/* b's bounds admit every value a's did. */
static bool looser_bounds(const Field *a, const Field *b) {
  if (b->has_min && (!a->has_min || a->min < b->min || (a->min == b->min && b->min_excl && !a->min_excl)))
    return false;
  if (b->has_max && (!a->has_max || a->max > b->max || (a->max == b->max && b->max_excl && !a->max_excl)))
    return false;
  return true;
}

static const char *type_word(const Field *f) {
  static const char *const names[FT_COUNT_] = {"", "string", "text", "int", "float", "bool", "money", "email", "url",
                                               "phone", "timestamp", "date", "uuid", "json", "blob", "secret", "enum",
                                               "relation"};
  return names[f->type];
}

static bool in_response(const Field *f) { return f->type != FT_SECRET && f->rel != REL_MANY_TO_MANY; }

static bool required_in_create(const Plan *p, const Entity *e, const Field *f) {
  return !f->optional && f->def.kind == LIT_NONE && !api_server_set(p, e, f);
}

static void field_changes(Ctx *c, const Entity *oe, const Entity *ne, const DiffEntity *de) {
  const Plan *o = c->o, *n = c->n;
  const Endpoint *ncreate = entity_op(n, ne, true), *nget = entity_op(n, ne, false);
  const Endpoint *oget = entity_op(o, oe, false);
  if (!nget && !oget)
    return; /* not in the API */
  Arena *a = c->a;
  for (int j = 0; j < oe->nfields; j++) {
    bool kept = false;
    for (int k = 0; k < ne->nfields && !kept; k++)
      kept = de->fields[k] == j;
    const Field *f = &oe->fields[j];
    if (!kept && in_response(f) && oget)
      api_change_in(c, true, o, oget, str_printf(a, "%.*s.%.*s", STRF(oe->name), STRF(f->name)), S("removed field"));
  }
  for (int k = 0; k < ne->nfields; k++) {
    const Field *f = &ne->fields[k];
    Str fname = str_printf(a, "%.*s.%.*s", STRF(ne->name), STRF(f->name));
    if (de->fields[k] < 0) {
      if (ncreate && required_in_create(n, ne, f))
        api_change(c, true, ncreate, fname, S("new required request field"));
      else if (nget && in_response(f))
        api_change(c, false, nget, fname, S("new field"));
      continue;
    }
    const Field *of = &oe->fields[de->fields[k]];
    const Endpoint *at = ncreate ? ncreate : nget;
    if (!at)
      continue;
    if (de->renamed_field[k] && in_response(f))
      api_change(c, true, nget ? nget : at, fname, str_printf(a, "renamed from %.*s", STRF(of->name)));
    if (in_response(of) && !in_response(f) && nget)
      api_change(c, true, nget, fname, S("removed from responses"));
    if (ncreate && required_in_create(n, ne, f) && !required_in_create(o, oe, of))
      api_change(c, true, ncreate, fname, S("now required in the request"));
    else if (ncreate && !required_in_create(n, ne, f) && required_in_create(o, oe, of) && !api_server_set(n, ne, f))
      api_change(c, false, ncreate, fname, S("no longer required in the request"));
    if (f->optional && !of->optional && nget && in_response(f))
      api_change(c, true, nget, fname, S("may now be null in responses"));
    if (f->rel != of->rel || (f->rel == REL_NONE && !widens(of, f) && !widens(f, of)))
      api_change(c, true, at, fname, str_printf(a, "type changed from %s to %s", type_word(of), type_word(f)));
    else if (f->rel == REL_NONE && !widens(of, f)) {
      Str what = f->type == FT_ENUM ? S("narrowed enum: a value was removed")
                 : textual(f)       ? str_printf(a, "narrowed: at most %g characters, was %g", str_len(f), str_len(of))
                                    : str_printf(a, "narrowed type: %s, was %s", type_word(f), type_word(of));
      api_change(c, true, at, fname, what);
    } else if (f->rel == REL_NONE && !widens(f, of)) {
      Str what = f->type == FT_ENUM && of->type == FT_ENUM ? S("enum widened: new values")
                 : textual(f) && textual(of) && f->type == of->type
                     ? str_printf(a, "widened: at most %g characters, was %g", str_len(f), str_len(of))
                     : str_printf(a, "widened: %s, was %s", type_word(f), type_word(of));
      api_change(c, false, at, fname, what);
    }
    if (!same_bounds(of, f))
      api_change(c, !looser_bounds(of, f), at, fname,
                 looser_bounds(of, f) ? S("bounds loosened") : S("bounds narrowed"));
    if (f->unique && !of->unique)
      api_change(c, true, at, fname, S("now unique: creating a duplicate answers 409"));
    if (f->rel == REL_MANY_TO_ONE && of->rel == REL_MANY_TO_ONE && f->ref && of->ref &&
        continued(c->d, n->model->nentities, of->ref->index) != f->ref->index)
      api_change(c, true, at, fname, str_printf(a, "now points at %.*s", STRF(f->ref->name)));
  }
}

static void api(Ctx *c) {
  const Api *oa = &c->o->api, *na = &c->n->api;
  Arena *a = c->a;
  if (!str_eq(oa->base, na->base))
    api_change(c, true, NULL, (Str){0}, str_printf(a, "base path changed from %.*s to %.*s", STRF(oa->base), STRF(na->base)));
  if (!str_eq(oa->method, na->method))
    api_change(c, oa->method.n > 0, NULL, (Str){0},
               str_printf(a, "sign-in method changed from %.*s to %.*s", STRF(oa->method.n ? oa->method : S("none")),
                          STRF(na->method.n ? na->method : S("none"))));
  for (int i = 0; i < oa->neps; i++)
    if (!endpoint(na, &oa->eps[i]))
      api_change_in(c, true, c->o, &oa->eps[i], (Str){0}, S("removed operation"));
  for (int i = 0; i < na->neps; i++) {
    const Endpoint *x = &na->eps[i], *ox = endpoint(oa, x);
    if (!ox) {
      api_change(c, false, x, (Str){0}, S("new operation"));
      continue;
    }
    if (x->auth && !ox->auth)
      api_change(c, true, x, (Str){0}, S("now requires sign-in"));
    else if (!x->auth && ox->auth)
      api_change(c, false, x, (Str){0}, S("no longer requires sign-in"));
    if (x->owner_only && !ox->owner_only)
      api_change(c, true, x, (Str){0}, S("now answers only the owner (404 for other users' rows)"));
    if (x->success != ox->success)
      api_change(c, true, x, (Str){0}, str_printf(a, "success status changed from %d to %d", ox->success, x->success));
    for (int k = 0; k < x->nerrors; k++)
      if (!has_error(ox, x->errors[k]))
        api_change(c, true, x, (Str){0}, str_printf(a, "may now answer %d", x->errors[k]));
    for (int k = 0; k < ox->nerrors; k++)
      if (!has_error(x, ox->errors[k]))
        api_change(c, false, x, (Str){0}, str_printf(a, "no longer answers %d", ox->errors[k]));
    if (!str_eq(x->paginate, ox->paginate))
      api_change(c, true, x, (Str){0},
                 str_printf(a, "pagination changed from %.*s to %.*s", STRF(ox->paginate.n ? ox->paginate : S("none")),
                            STRF(x->paginate.n ? x->paginate : S("none"))));
  }
  const Model *nm = c->n->model, *om = c->o->model;
  for (int i = 0; i < nm->nentities; i++)
    if (c->d->ents[i].old >= 0)
      field_changes(c, &om->entities[c->d->ents[i].old], &nm->entities[i], &c->d->ents[i]);
  /* Breaking first, each group in the order found. */
  PlanDiff *d = c->d;
  DiffApi *sorted = new(a, DiffApi, d->napi + 1);
  int m = 0;
  for (int pass = 0; pass < 2; pass++)
    for (int i = 0; i < d->napi; i++)
      if (d->api[i].breaking == (pass == 0))
        sorted[m++] = d->api[i];
  d->api = sorted;
}

/* ---- the roadmap ---- */

static void roadmap(Ctx *c) {
  const Roadmap *o = c->o->roadmap, *n = c->n->roadmap;
  if (!o || !n)
    return;
  PlanDiff *d = c->d;
  d->days_before = o->duration_days;
  d->days_after = n->duration_days;
  for (int i = 0; i < n->ntasks; i++) {
    const Task *t = &n->tasks[i], *ot = NULL;
    for (int k = 0; k < o->ntasks && !ot; k++)
      if (str_eq(o->tasks[k].id, t->id))
        ot = &o->tasks[k];
    if (ot && fabs(ot->days - t->days) < 0.05)
      continue;
    GROW(c->a, DiffTask, d->tasks, d->ntasks, c->task_cap);
    d->tasks[d->ntasks++] = (DiffTask){ot ? TASK_REESTIMATED : TASK_ADDED, t->id, t->name, ot ? ot->days : 0, t->days};
  }
  for (int k = 0; k < o->ntasks; k++) {
    bool kept = false;
    for (int i = 0; i < n->ntasks && !kept; i++)
      kept = str_eq(o->tasks[k].id, n->tasks[i].id);
    if (kept)
      continue;
    GROW(c->a, DiffTask, d->tasks, d->ntasks, c->task_cap);
    d->tasks[d->ntasks++] = (DiffTask){TASK_REMOVED, o->tasks[k].id, o->tasks[k].name, o->tasks[k].days, 0};
  }
}

/* ---- the migration ---- */

Str plan_pg_constraint_name(Arena *a, Str table, Str column, const char *suffix) {
  /* makeObjectName: name1_name2_label within NAMEDATALEN-1 bytes, cutting
   * the longer of name1 and name2 first. */
  ptrdiff_t l1 = table.n, l2 = column.n, ls = (ptrdiff_t)strlen(suffix);
  ptrdiff_t over = l1 + (l2 ? l2 + 1 : 0) + 1 + ls - 63;
  while (over > 0) {
    if (l1 > l2)
      l1--;
    else
      l2--;
    over--;
  }
  if (l2 || column.n)
    return str_printf(a, "%.*s_%.*s_%s", (int)l1, table.p, (int)l2, column.p, suffix);
  return str_printf(a, "%.*s_%s", (int)l1, table.p, suffix);
}

static MigStep *step(Ctx *c, MigKind kind, int ent, int field, int old_ent, int old_field) {
  PlanDiff *d = c->d;
  GROW(c->a, MigStep, d->steps, d->nsteps, d->step_cap);
  MigStep *s = &d->steps[d->nsteps++];
  *s = (MigStep){kind, ent, field, old_ent, old_field, -1, {0}, {0}, false, false};
  return s;
}

/* A column's CHECK in PostgreSQL, as facts (sql.c's col_check writes it). */
static bool pg_check(const Field *f) {
  if (f->rel == REL_MANY_TO_MANY)
    return false;
  if (f->array)
    return f->type == FT_ENUM;
  return f->type == FT_ENUM || f->has_min || f->has_max || f->type == FT_EMAIL || (f->type == FT_TEXT && f->max_size > 0);
}

static bool same_enum(const Field *a, const Field *b) {
  if (a->nenum != b->nenum)
    return false;
  for (int i = 0; i < a->nenum; i++)
    if (!str_eq(a->enum_vals[i], b->enum_vals[i]))
      return false;
  return true;
}

static bool same_check(const Field *a, const Field *b) {
  if (pg_check(a) != pg_check(b))
    return false;
  if (!pg_check(a))
    return true;
  return a->type == b->type && a->array == b->array && same_enum(a, b) && same_bounds(a, b) &&
         (a->type != FT_TEXT || a->max_size == b->max_size);
}

/* The PostgreSQL column type, as facts. */
static bool same_type(const Field *a, const Field *b) {
  if (a->array != b->array)
    return false;
  bool ua = a->type == FT_UUID || a->type == FT_REF, ub = b->type == FT_UUID || b->type == FT_REF;
  if (ua || ub)
    return ua && ub;
  bool ta = a->type == FT_TEXT || a->type == FT_ENUM, tb = b->type == FT_TEXT || b->type == FT_ENUM;
  if (ta || tb)
    return ta && tb;
  if (textual(a) && textual(b))
    return str_len(a) == str_len(b) && a->type != FT_TEXT && b->type != FT_TEXT;
  if ((a->type == FT_SECRET && b->type == FT_STRING) || (b->type == FT_SECRET && a->type == FT_STRING))
    return str_len(a) == 255 && str_len(b) == 255;
  return a->type == b->type;
}

static bool same_default(const Field *a, const Field *b) {
  const Literal *x = &a->def, *y = &b->def;
  if (x->kind != y->kind)
    return false;
  switch (x->kind) {
  case LIT_NONE: return true;
  case LIT_NUMBER: return x->num == y->num;
  case LIT_BOOL: return x->b == y->b;
  default: return str_eq(x->text, y->text) && (a->type == FT_DATE) == (b->type == FT_DATE);
  }
}

static int tags_of(const Field *f) { return f->tags & (TAG_PII | TAG_PHI | TAG_PCI | TAG_SECRET); }

/* An index of a table, as the columns it covers in NEW's names. */
typedef struct {
  Str name;
  Str key;               /* kind and columns: "i:owner_id", "c:owner_id,created_at", "f:title,body" */
  int which;             /* sql_index's argument */
} Ix;

/* OLD's column names as NEW calls them (renamed columns), else as they were. */
static Str new_col(const Plan *o, const Plan *n, const DiffEntity *de, int ne, Str ocol) {
  if (!de)
    return ocol;
  const Entity *e = &n->model->entities[ne];
  const ApiEntity *oae = &o->api.ents[de->old];
  for (int k = 0; k < e->nfields; k++)
    if (de->fields[k] >= 0 && str_eq(oae->cols[de->fields[k]], ocol))
      return n->api.ents[ne].cols[k];
  return ocol;
}

static int indexes(Arena *a, const Plan *p, int ent, Ix *out, const Plan *n, const DiffEntity *de, int ne) {
  const ApiEntity *ae = &p->api.ents[ent];
  int m = 0;
  const Plan *o = p;
  bool map = n != NULL;
#define COL(s) (map ? new_col(o, n, de, ne, (s)) : (s))
  for (int k = 0; k < ae->nidx; k++)
    out[m++] = (Ix){ae->idx_name[k], str_printf(a, "i:%.*s", STRF(COL(ae->cols[ae->idx[k]->index]))), k};
  if (ae->idx_created) {
    Str lead = ae->created_lead.n ? COL(ae->created_lead) : (Str){0};
    out[m++] = (Ix){ae->created_idx, str_printf(a, "c:%.*s,%.*s", STRF(lead), STRF(COL(ae->created_col))), ae->nidx};
  }
  if (ae->nfts) {
    Str key = S("f:");
    for (int k = 0; k < ae->nfts; k++)
      key = str_printf(a, "%.*s%.*s,", STRF(key), STRF(COL(ae->cols[ae->fts[k]->index])));
    out[m++] = (Ix){ae->fts_idx, key, ae->nidx + 1};
  }
#undef COL
  return m;
}

static void index_steps(Ctx *c, int ne, int oe) {
  const Plan *o = c->o, *n = c->n;
  const DiffEntity *de = ne >= 0 ? &c->d->ents[ne] : NULL;
  int ocap = oe >= 0 ? o->api.ents[oe].nidx + 3 : 1, ncap = ne >= 0 ? n->api.ents[ne].nidx + 3 : 1;
  Ix *ox = new(c->a, Ix, ocap), *nx = new(c->a, Ix, ncap);
  int no = oe >= 0 ? indexes(c->a, o, oe, ox, ne >= 0 ? n : NULL, de, ne) : 0;
  int nn = ne >= 0 ? indexes(c->a, n, ne, nx, NULL, NULL, -1) : 0;
  bool *used = new(c->a, bool, nn + 1);
  for (int i = 0; i < no; i++) {
    int hit = -1;
    for (int k = 0; k < nn && hit < 0; k++)
      if (!used[k] && str_eq(ox[i].key, nx[k].key))
        hit = k;
    if (hit < 0) {
      MigStep *s = step(c, MIG_DROP_INDEX, ne, -1, oe, -1);
      s->index = ox[i].which;
      s->from = ox[i].name;
      continue;
    }
    used[hit] = true;
    if (!str_eq(ox[i].name, nx[hit].name)) {
      MigStep *s = step(c, MIG_RENAME_INDEX, ne, -1, oe, -1);
      s->from = ox[i].name;
      s->to = nx[hit].name;
      s->index = nx[hit].which;
    }
  }
  for (int k = 0; k < nn; k++)
    if (!used[k]) {
      MigStep *s = step(c, MIG_CREATE_INDEX, ne, -1, oe, -1);
      s->index = nx[k].which;
      s->to = nx[k].name;
    }
}

static void column_steps(Ctx *c, int i) {
  const Plan *o = c->o, *n = c->n;
  const DiffEntity *de = &c->d->ents[i];
  const Entity *ne = &n->model->entities[i], *oe = &o->model->entities[de->old];
  const ApiEntity *nae = &n->api.ents[i], *oae = &o->api.ents[de->old];
  Arena *a = c->a;
  if (!str_eq(nae->table, oae->table)) {
    MigStep *s = step(c, MIG_RENAME_TABLE, i, -1, de->old, -1);
    s->from = oae->table;
    s->to = nae->table;
    s = step(c, MIG_RENAME_CONSTRAINT, i, -1, de->old, -1);
    s->from = plan_pg_constraint_name(a, oae->table, (Str){0}, "pkey");
    s->to = plan_pg_constraint_name(a, nae->table, (Str){0}, "pkey");
    if (oae->partitioned && nae->partitioned) {
      s = step(c, MIG_RENAME_TABLE, i, -1, de->old, -1);
      s->from = oae->part_default;
      s->to = nae->part_default;
    }
  }
  if (oae->partitioned != nae->partitioned)
    step(c, MIG_PARTITIONING, i, -1, de->old, -1);
  for (int k = 0; k < ne->nfields; k++) {
    const Field *f = &ne->fields[k];
    if (f->rel == REL_MANY_TO_MANY)
      continue;
    int j = de->fields[k];
    if (j < 0 || oe->fields[j].rel == REL_MANY_TO_MANY) {
      /* expand: a nullable column (with its default), backfill, then constrain */
      step(c, MIG_ADD_COLUMN, i, k, de->old, -1);
      if (!f->optional && f->def.kind == LIT_NONE)
        step(c, MIG_SET_NOT_NULL, i, k, de->old, -1)->backfill = true;
      if (pg_check(f))
        step(c, MIG_ADD_CHECK, i, k, de->old, -1);
      if (f->unique && !f->array)
        step(c, MIG_ADD_UNIQUE, i, k, de->old, -1);
      if (f->rel == REL_MANY_TO_ONE && f->ref && in_sql(n, f->ref))
        step(c, MIG_ADD_FK, i, k, de->old, -1);
      if (tags_of(f))
        step(c, MIG_COMMENT, i, k, de->old, -1);
      continue;
    }
    const Field *of = &oe->fields[j];
    Str oc = oae->cols[j], nc = nae->cols[k];
    if (!str_eq(oc, nc)) {
      MigStep *s = step(c, MIG_RENAME_COLUMN, i, k, de->old, j);
      s->from = oc;
      s->to = nc;
    }
    /* Constraint names follow the table and column (PostgreSQL named them). */
    if (!str_eq(oc, nc) || !str_eq(oae->table, nae->table)) {
      static const char *const suffix[] = {"check", "key", "fkey"};
      bool has[] = {pg_check(of), of->unique && !of->array, of->rel == REL_MANY_TO_ONE && of->ref};
      for (int t = 0; t < 3; t++)
        if (has[t]) {
          MigStep *s = step(c, MIG_RENAME_CONSTRAINT, i, k, de->old, j);
          s->from = plan_pg_constraint_name(a, oae->table, oc, suffix[t]);
          s->to = plan_pg_constraint_name(a, nae->table, nc, suffix[t]);
        }
    }
    bool type_same = same_type(of, f) && f->rel == of->rel;
    bool fk_same = f->rel != REL_MANY_TO_ONE || !f->ref || !of->ref ||
                   (continued(c->d, n->model->nentities, of->ref->index) == f->ref->index &&
                    !strcmp(plan_on_delete(oe, of), plan_on_delete(ne, f)));
    bool old_fk = of->rel == REL_MANY_TO_ONE && of->ref && in_sql(o, of->ref),
         new_fk = f->rel == REL_MANY_TO_ONE && f->ref && in_sql(n, f->ref);
    if (old_fk && (!new_fk || !fk_same))
      step(c, MIG_DROP_FK, i, k, de->old, j);
    if (pg_check(of) && (!same_check(of, f) || !type_same))
      step(c, MIG_DROP_CHECK, i, k, de->old, j);
    if (of->unique && !of->array && !(f->unique && !f->array))
      step(c, MIG_DROP_UNIQUE, i, k, de->old, j);
    if (!of->optional && f->optional)
      step(c, MIG_DROP_NOT_NULL, i, k, de->old, j);
    bool def_same = same_default(of, f) && type_same;
    if (of->def.kind != LIT_NONE && !def_same)
      step(c, MIG_DROP_DEFAULT, i, k, de->old, j);
    if (!type_same)
      step(c, widens(of, f) ? MIG_ALTER_TYPE : MIG_NARROW_TYPE, i, k, de->old, j)->destructive = !widens(of, f);
    if (f->def.kind != LIT_NONE && !def_same)
      step(c, MIG_SET_DEFAULT, i, k, de->old, j);
    if (of->optional && !f->optional)
      step(c, MIG_SET_NOT_NULL, i, k, de->old, j)->backfill = f->def.kind == LIT_NONE;
    if (pg_check(f) && (!same_check(of, f) || !type_same))
      step(c, MIG_ADD_CHECK, i, k, de->old, j);
    if (f->unique && !f->array && !(of->unique && !of->array))
      step(c, MIG_ADD_UNIQUE, i, k, de->old, j);
    if (new_fk && (!old_fk || !fk_same))
      step(c, MIG_ADD_FK, i, k, de->old, j);
    if (tags_of(f) != tags_of(of))
      step(c, MIG_COMMENT, i, k, de->old, j);
  }
  for (int j = 0; j < oe->nfields; j++) {
    bool kept = false;
    for (int k = 0; k < ne->nfields && !kept; k++)
      kept = de->fields[k] == j && ne->fields[k].rel != REL_MANY_TO_MANY;
    if (!kept && oe->fields[j].rel != REL_MANY_TO_MANY)
      step(c, MIG_DROP_COLUMN, i, -1, de->old, j)->destructive = true;
  }
  if (nae->soft_delete && !oae->soft_delete)
    step(c, MIG_ADD_DELETED_AT, i, -1, de->old, -1);
  else if (!nae->soft_delete && oae->soft_delete)
    step(c, MIG_DROP_DELETED_AT, i, -1, de->old, -1)->destructive = true;
  index_steps(c, i, de->old);
}

/* ---- what schema.sql derives from the spec: triggers, extra columns,
 * the integration tables ---- */

/* A lifecycle guard as facts: what its SQL says (sql.c, guard). */
static Str guard_sig(Arena *a, const Plan *p, const Entity *e, const Field *f) {
  const ApiEntity *ae = &p->api.ents[e->index];
  const FieldFacts *ff = &ae->ff[f->index];
  Str s = str_printf(a, "%.*s|%.*s|%.*s|%.*s", STRF(ae->table), STRF(ae->cols[f->index]), STRF(ff->guard),
                     STRF(ff->initial >= 0 ? f->enum_vals[ff->initial] : S("")));
  for (int t = 0; t < f->ntrans; t++)
    s = str_printf(a, "%.*s|%.*s>%.*s", STRF(s), STRF(f->enum_vals[f->trans[t].from]), STRF(f->enum_vals[f->trans[t].to]));
  return s;
}

/* The child table and link column a derived sum's triggers are on. */
static const Field *sum_link(const Entity *e, const Field *f) {
  const Entity *ch = f->sum_of;
  const Field *link = ch->parent == e ? ch->parent_field : NULL;
  for (int k = 0; k < ch->nfields && !link; k++)
    if (ch->fields[k].rel == REL_MANY_TO_ONE && ch->fields[k].ref == e)
      link = &ch->fields[k];
  return link;
}

static Str sum_sig(Arena *a, const Plan *p, const Entity *e, const Field *f) {
  const ApiEntity *ae = &p->api.ents[e->index], *ce = &p->api.ents[f->sum_of->index];
  const Field *link = sum_link(e, f);
  return str_printf(a, "%.*s|%.*s|%.*s|%.*s|%.*s|%.*s|%.*s", STRF(ae->table), STRF(ae->cols[f->index]),
                    STRF(ae->ff[f->index].sum_fn), STRF(ce->table), STRF(link ? ce->cols[link->index] : S("")),
                    STRF(ce->cols[f->sum_a->index]), STRF(f->sum_b ? ce->cols[f->sum_b->index] : S("")));
}

/* The triggers of one plan, each with its signature. */
typedef struct {
  const Entity *e;
  const Field *f;
  int kind;              /* 0 guard, 1 sum */
  Str sig;
} Trig;

static int triggers(Arena *a, const Plan *p, Trig **out) {
  const Model *m = p->model;
  int n = 0, cap = 0;
  Trig *v = NULL;
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    if (!in_sql(p, e))
      continue;
    for (int k = 0; k < e->nfields; k++) {
      const Field *f = &e->fields[k];
      for (int kind = 0; kind < 2; kind++) {
        if (kind ? !(f->sum_of && in_sql(p, f->sum_of) && sum_link(e, f)) : !f->ntrans)
          continue;
        GROW(a, Trig, v, n, cap);
        v[n++] = (Trig){e, f, kind, kind ? sum_sig(a, p, e, f) : guard_sig(a, p, e, f)};
      }
    }
  }
  *out = v;
  return n;
}

static void trigger_steps(Ctx *c) {
  Trig *ot, *nt;
  int no = triggers(c->a, c->o, &ot), nn = triggers(c->a, c->n, &nt);
  for (int i = 0; i < no; i++) {
    bool kept = false;
    for (int j = 0; j < nn && !kept; j++)
      kept = nt[j].kind == ot[i].kind && str_eq(nt[j].sig, ot[i].sig);
    if (kept)
      continue;
    /* The table the trigger is on, by its name after the renames. */
    const Entity *on = ot[i].kind ? ot[i].f->sum_of : ot[i].e;
    int ne = continued(c->d, c->n->model->nentities, on->index);
    const ApiEntity *oae = &c->o->api.ents[ot[i].e->index];
    MigStep *s = step(c, MIG_DROP_TRIGGERS, -1, -1, ot[i].e->index, ot[i].f->index);
    s->index = ot[i].kind;
    s->from = ne >= 0 ? c->n->api.ents[ne].table : c->o->api.ents[on->index].table;
    s->to = ot[i].kind ? oae->ff[ot[i].f->index].sum_fn : oae->ff[ot[i].f->index].guard;
  }
  for (int j = 0; j < nn; j++) {
    bool kept = false;
    for (int i = 0; i < no && !kept; i++)
      kept = nt[j].kind == ot[i].kind && str_eq(nt[j].sig, ot[i].sig);
    if (!kept)
      step(c, MIG_CREATE_TRIGGERS, nt[j].e->index, nt[j].f->index, -1, -1)->index = nt[j].kind;
  }
}

static void extra(Ctx *c, bool add, int code, int ent, int field, int old_ent, int old_field, Str col) {
  MigStep *s = step(c, add ? MIG_ADD_EXTRA : MIG_DROP_EXTRA, ent, field, old_ent, old_field);
  s->index = code;
  s->to = col;
  s->destructive = !add;
}

/* The extra columns of a table that continues one of OLD's. */
static void extra_steps(Ctx *c, int i) {
  const DiffEntity *de = &c->d->ents[i];
  const Entity *ne = &c->n->model->entities[i], *oe = &c->o->model->entities[de->old];
  const ApiEntity *nae = &c->n->api.ents[i], *oae = &c->o->api.ents[de->old];
  for (int k = 0; k < ne->nfields; k++) {
    int j = de->fields[k];
    bool had = j >= 0 && oae->up[3 * j].n;
    if (nae->up[3 * k].n && !had)
      for (int x = 0; x < 3; x++)
        extra(c, true, EXTRA_UP_STATUS + x, i, k, de->old, j, nae->up[3 * k + x]);
  }
  for (int j = 0; j < oe->nfields; j++) {
    if (!oae->up[3 * j].n)
      continue;
    bool kept = false;
    for (int k = 0; k < ne->nfields && !kept; k++)
      kept = de->fields[k] == j && nae->up[3 * k].n;
    for (int x = 0; x < 3 && !kept; x++)
      extra(c, false, EXTRA_UP_STATUS + x, i, -1, de->old, j, oae->up[3 * j + x]);
  }
  Str nv[] = {nae->cur, nae->pay_checkout, nae->pay_payment}, ov[] = {oae->cur, oae->pay_checkout, oae->pay_payment};
  for (int x = 0; x < 3; x++)
    if (nv[x].n && !ov[x].n)
      extra(c, true, EXTRA_CURRENCY + x, i, -1, de->old, -1, nv[x]);
    else if (!nv[x].n && ov[x].n)
      extra(c, false, EXTRA_CURRENCY + x, i, -1, de->old, -1, ov[x]);
}

static bool same_channels(const Api *a, const Api *b) {
  if (a->noutbox_channels != b->noutbox_channels)
    return false;
  for (int i = 0; i < a->noutbox_channels; i++)
    if (!str_eq(a->outbox_channels[i], b->outbox_channels[i]))
      return false;
  return true;
}

static void integration_steps(Ctx *c) {
  const Api *na = &c->n->api, *oa = &c->o->api;
  Str nt[] = {na->events_table, na->outbox_table}, ot[] = {oa->events_table, oa->outbox_table};
  for (int x = 0; x < 2; x++)
    if (nt[x].n && !ot[x].n)
      step(c, MIG_CREATE_INTEGRATION, -1, -1, -1, -1)->index = x;
    else if (!nt[x].n && ot[x].n) {
      MigStep *s = step(c, MIG_DROP_INTEGRATION, -1, -1, -1, -1);
      s->index = x;
      s->from = ot[x];
      s->destructive = true;
    }
  if (na->outbox_table.n && oa->outbox_table.n && !same_channels(na, oa))
    step(c, MIG_OUTBOX_CHANNELS, -1, -1, -1, -1);
}

static void migration(Ctx *c) {
  const Plan *o = c->o, *n = c->n;
  const Model *nm = n->model, *om = o->model;
  PlanDiff *d = c->d;
  /* A migration is SQL: for a database that speaks it in both plans. */
  if (!o->api.sql || !n->api.sql) {
    Str on = plan_tech_name(o, "database"), nn = plan_tech_name(n, "database");
    note(c, str_printf(c->a, "no SQL migration: the database is %.*s in OLD and %.*s in NEW, and %s; "
                             "move the data with the store's own tools (keys.md, dynamodb.cfn.json, schema.cql)",
                       STRF(on.n ? on : S("none")), STRF(nn.n ? nn : S("none")),
                       o->api.sql || n->api.sql ? "only one of them speaks SQL" : "neither speaks SQL"));
    return;
  }
  for (int i = 0; i < nm->nentities; i++) {
    if (!in_sql(n, &nm->entities[i]))
      continue;   /* its rows are in another store */
    if (d->ents[i].old < 0 || !in_sql(o, &om->entities[d->ents[i].old])) {
      step(c, MIG_CREATE_TABLE, i, -1, -1, -1);
      for (int k = 0; k < nm->entities[i].nfields; k++) {
        const Field *f = &nm->entities[i].fields[k];
        if (f->rel == REL_MANY_TO_ONE && f->ref && in_sql(n, f->ref))
          step(c, MIG_ADD_FK, i, k, -1, -1);
      }
    } else {
      column_steps(c, i);
      extra_steps(c, i);
    }
  }
  trigger_steps(c);
  integration_steps(c);
  for (int j = 0; j < om->nentities; j++) {
    int i = continued(d, nm->nentities, j);
    if (in_sql(o, &om->entities[j]) && (i < 0 || !in_sql(n, &nm->entities[i])))
      step(c, MIG_DROP_TABLE, -1, -1, j, -1)->destructive = true;
  }
  if (n->api.audit_table.n && !o->api.audit_table.n)
    step(c, MIG_CREATE_AUDIT, -1, -1, -1, -1);
  else if (!n->api.audit_table.n && o->api.audit_table.n)
    step(c, MIG_DROP_AUDIT, -1, -1, -1, -1)->destructive = true;
  /* The order they run in: the kinds are declared in it. A counting sort
   * keeps the order of creation within a kind (tables in model order). */
  MigStep *v = d->steps;
  if (d->nsteps > 1) {
    MigStep *tmp = new(c->a, MigStep, d->nsteps);
    memcpy(tmp, v, sizeof *v * (size_t)d->nsteps);
    /* counting sort by kind keeps creation order */
    int counts[MIG_DROP_TABLE + 2] = {0};
    for (int i = 0; i < d->nsteps; i++)
      counts[tmp[i].kind + 1]++;
    for (int k = 1; k <= MIG_DROP_TABLE + 1; k++)
      counts[k] += counts[k - 1];
    for (int i = 0; i < d->nsteps; i++)
      v[counts[tmp[i].kind]++] = tmp[i];
  }
  for (int i = 0; i < d->nsteps; i++)
    d->ndestructive += d->steps[i].destructive;
}

PlanDiff *plan_diff(Arena *a, const Plan *before, const Plan *after) {
  PlanDiff *d = new(a, PlanDiff, 1);
  d->before = before;
  d->after = after;
  Ctx c = {.a = a, .d = d, .o = before, .n = after};
  decisions(&c);
  costs(&c);
  match(&c);
  api(&c);
  roadmap(&c);
  migration(&c);
  return d;
}

bool plan_diff_empty(const PlanDiff *d) {
  return !d->ndecisions && !d->ncosts && !d->nfigures && !d->napi && !d->ntasks && !d->nsteps &&
         fabs(d->cost_before - d->cost_after) < 0.005;
}
