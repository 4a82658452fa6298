/* The model's own copy of what it shares with the syntax tree (see
 * model_keep in model.h): names and strings the parser unescaped, option
 * arguments, enum values, the project's word lists and `use` lines. */
#include <string.h>

#include "model.h"

typedef struct {
  Arena *a;
  const char *lo, *hi;   /* the tree's arena */
} Keep;

static bool inside(const Keep *k, const void *p) { return (const char *)p >= k->lo && (const char *)p < k->hi; }

static void str(const Keep *k, Str *s) {
  if (!s->p || !inside(k, s->p))
    return;
  char *c = new(k->a, char, s->n + 1);   /* still followed by a NUL */
  memcpy(c, s->p, (size_t)s->n);
  s->p = c;
}

static void *array(const Keep *k, const void *v, ptrdiff_t size, int n) {
  if (!v || !inside(k, v))
    return (void *)v;
  void *c = arena_alloc(k->a, size, 16, n > 0 ? n : 1);
  memcpy(c, v, (size_t)(size * n));
  return c;
}

#define ARRAY(k, v, n) ((v) = array((k), (v), (ptrdiff_t)sizeof *(v), (n)))

static void words(const Keep *k, Word **w, int n) {
  ARRAY(k, *w, n);
  for (int i = 0; i < n; i++)
    str(k, &(*w)[i].word);
}

static void project(const Keep *k, Project *p) {
  str(k, &p->name);
  str(k, &p->idea);
  str(k, &p->deadline_date);
  str(k, &p->start_date);
  words(k, &p->skills, p->nskills);
  words(k, &p->prefer, p->nprefer);
  words(k, &p->compliance, p->ncompliance);
  words(k, &p->priorities, p->npriorities);
  words(k, &p->regions, p->nregions);
  words(k, &p->clouds, p->nclouds);
  words(k, &p->currencies, p->ncurrencies);
  AstProject *s = &p->src;
  str(k, &s->name);
  str(k, &s->idea);
  str(k, &s->deadline_date);
  str(k, &s->start_date);
  words(k, &s->skills, s->nskills);
  words(k, &s->prefer, s->nprefer);
  words(k, &s->compliance, s->ncompliance);
  words(k, &s->priorities, s->npriorities);
  words(k, &s->regions, s->nregions);
  words(k, &s->clouds, s->nclouds);
  words(k, &s->currencies, s->ncurrencies);
  words(k, &s->avoid, s->navoid);
  ARRAY(k, s->pins, s->npins);
  for (int i = 0; i < s->npins; i++) {
    str(k, &s->pins[i].slot.word);
    str(k, &s->pins[i].tech.word);
  }
}

static void field(const Keep *k, Field *f) {
  str(k, &f->name);
  str(k, &f->was);
  ARRAY(k, f->enum_vals, f->nenum);
  for (int i = 0; i < f->nenum; i++)
    str(k, &f->enum_vals[i]);
  str(k, &f->def.text);
  ARRAY(k, f->trans, f->ntrans);
  for (int i = 0; i < f->ntrans; i++)
    str(k, &f->trans[i].by);
}

static void feature(const Keep *k, Feature *f) {
  str(k, &f->name);
  str(k, &f->period);
  ARRAY(k, f->opts, f->nopts);
  for (int i = 0; i < f->nopts; i++) {
    Option *o = &f->opts[i];
    ARRAY(k, o->args, o->nargs);
    OptArity ar = o->spec->arity;
    if (ar != OA_WORD && ar != OA_OPT_WORD && ar != OA_WORDS && ar != OA_FIELD && ar != OA_FIELDS)
      continue;   /* numbers: their text is not set */
    for (int j = 0; j < o->nargs; j++)
      str(k, &o->args[j].text);
  }
}

void model_keep(Arena *a, Model *m, const Arena *tree) {
  Keep k = {a, tree->base, tree->base + tree->cap};
  project(&k, &m->project);
  for (int i = 0; i < m->nentities; i++) {
    Entity *e = &m->entities[i];
    str(&k, &e->name);
    str(&k, &e->was);
    str(&k, &e->rows_basis);
    for (int j = 0; j < e->nfields; j++)
      field(&k, &e->fields[j]);
  }
  for (int i = 0; i < m->nfeatures; i++)
    feature(&k, &m->features[i]);
  for (int i = 0; i < m->nassumptions; i++) {
    str(&k, &m->assumptions[i].key);
    str(&k, &m->assumptions[i].text);
  }
}
