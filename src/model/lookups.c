/* The lookups the resolver's passes share (resolve.h), and the model's
 * own accessors (model.h): line numbers, assumptions, the entity table,
 * unknown names with "did you mean", fields and feature options. */
#include "resolve.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int resolve_line(Resolver *r, Span s) {
  int line, col;
  diag_locate(r->d->arena, r->f, s.off, &line, &col);
  return line;
}

void resolve_assume(Resolver *r, Span sp, Str key, const char *fmt, ...) {
  Assumption *as = push(r->a, r->asm_buf, r->nasm, r->asm_cap);
  as->key = key;
  as->span = sp;
  va_list ap;
  va_start(ap, fmt);
  as->text = str_vprintf(r->a, fmt, ap);
  va_end(ap);
}

/* ---- lookup ---- */

void resolve_table_put(Resolver *r, Entity *e) {
  ptrdiff_t mask = r->tcap - 1;
  for (ptrdiff_t i = (ptrdiff_t)(str_hash(e->name) & (uint64_t)mask);; i = (i + 1) & mask)
    if (!r->table[i]) {
      r->table[i] = e;
      return;
    }
}

Entity *resolve_table_get(Resolver *r, Str name) {
  ptrdiff_t mask = r->tcap - 1;
  for (ptrdiff_t i = (ptrdiff_t)(str_hash(name) & (uint64_t)mask); r->table[i]; i = (i + 1) & mask)
    if (str_eq(r->table[i]->name, name))
      return r->table[i];
  return NULL;
}

/* Reports an unknown entity with the closest declared name. */
void resolve_unknown_entity(Resolver *r, Str name, Span sp, const char *what) {
  const Entity *best = NULL;
  int bd = 3;
  for (int i = 0; i < r->m->nentities && name.n <= DIAG_NAME_MAX; i++) {
    int d = str_distance(name, r->m->entities[i].name, 2);
    if (d < bd)
      bd = d, best = &r->m->entities[i];
  }
  if (best)
    ERR(r, sp, "unknown entity '%.*s%s'%s; did you mean '%.*s%s'?", NAMEF(name), what, NAMEF(best->name));
  else
    ERR(r, sp, "unknown entity '%.*s%s'%s", NAMEF(name), what);
}

Field *resolve_lookup_field(Resolver *r, Entity *e, Str name, Span sp) {
  Field *f = entity_field(e, name);
  if (f)
    return f;
  const Field *best = NULL;
  int bd = 3;
  for (int i = 0; i < e->nfields; i++) {
    int d = str_distance(name, e->fields[i].name, 2);
    if (d < bd)
      bd = d, best = &e->fields[i];
  }
  if (best)
    ERR(r, sp, "entity '%.*s%s' has no field '%.*s%s'; did you mean '%.*s%s'?", NAMEF(e->name), NAMEF(name),
        NAMEF(best->name));
  else
    ERR(r, sp, "entity '%.*s%s' has no field '%.*s%s'", NAMEF(e->name), NAMEF(name));
  return NULL;
}

Entity *model_entity(const Model *m, Str name) {
  for (int i = 0; i < m->nentities; i++)
    if (str_eq(m->entities[i].name, name))
      return &m->entities[i];
  return NULL;
}

Field *entity_field(const Entity *e, Str name) {
  for (int i = 0; i < e->nfields; i++)
    if (str_eq(e->fields[i].name, name))
      return &e->fields[i];
  return NULL;
}

const Option *feature_opt(const Feature *f, const char *name) {
  for (int i = 0; i < f->nopts; i++)
    if (!strcmp(f->opts[i].spec->name, name))
      return &f->opts[i];
  return NULL;
}

bool feature_has(const Feature *f, const char *name) { return feature_opt(f, name) != NULL; }

const Feature *model_integration(const Model *m, const char *kind) {
  for (int i = 0; i < m->nfeatures; i++) {
    const Option *k = m->features[i].kind == FK_INTEGRATION ? feature_opt(&m->features[i], "kind") : NULL;
    if (k && k->nargs > 0 && str_eqc(k->args[0].text, kind))
      return &m->features[i];
  }
  return NULL;
}

const char *team_level_name(TeamLevel l) {
  static const char *const n[] = {"mid", "junior", "mid", "senior", "mixed"};
  return l >= 0 && l <= LVL_MIXED ? n[l] : "mid";
}
