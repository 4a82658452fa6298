/* Resolution of entity fields: types, defaults, bounds, stored bytes,
 * renames (`was`), lifecycles and derived values (src/model/resolve.c
 * runs the passes). */
#include "resolve.h"

#include "../util/fmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- fields ---- */

/* Stored bytes per value, before row overhead. The figures are PostgreSQL's
 * on-disk sizes with half-full variable-length columns; docs/language.md
 * lists them. A text's max bounds what people may write, not what they
 * typically write: it fills a quarter of a small max, and past that holds
 * the typical length of written text (kb/planning.kb, text-typical-bytes),
 * however large the limit. */
double resolve_value_bytes(const Field *f) {
  double typical = &spec_words && spec_words.text_typical_bytes > 0 ? spec_words.text_typical_bytes : 2048;
  switch (f->type) {
  case FT_STRING: return (f->len > 0 ? f->len : 255) / 2 + 1;
  case FT_TEXT: return (f->max_size > 0 ? fmin(f->max_size / 4, typical) : 512) + 4;
  case FT_INT: case FT_FLOAT: case FT_MONEY: case FT_TIMESTAMP: return 8;
  case FT_BOOL: return 1;
  case FT_DATE: return 4;
  case FT_UUID: case FT_REF: return 16;
  case FT_EMAIL: return 32;
  case FT_URL: return 100;
  case FT_PHONE: return 16;
  case FT_JSON: return 256;
  case FT_SECRET: return 61;
  case FT_ENUM: return 8;
  case FT_BLOB: return 64; /* the object key; the bytes live in object storage */
  default: return 8;
  }
}

#define ARRAY_ELEMS 4.0
#define BLOB_DEFAULT_BYTES 1e6
/* The most an assumed average takes from an upload limit. File sizes are
 * roughly lognormal, not spread evenly up to the limit (Downey, "The
 * structural cause of file size distributions", 2001), and most files
 * people keep are under 8 MB (Dinneen and Nguyen, "How Big Are Peoples'
 * Computer Files?", 2021): a limit of 15 GB bounds the rare largest file,
 * not the average (docs/language.md, `avg SIZE`). */
#define BLOB_TYPICAL_CAP 8e6

static bool numeric(FieldType t) { return t == FT_INT || t == FT_FLOAT || t == FT_MONEY; }

static void check_default(Resolver *r, Field *f) {
  const Literal *l = &f->def;
  if (!l->kind)
    return;
  bool ok;
  switch (f->type) {
  case FT_INT: ok = l->kind == LIT_NUMBER && l->num == floor(l->num); break;
  case FT_FLOAT: case FT_MONEY: ok = l->kind == LIT_NUMBER; break;
  case FT_BOOL: ok = l->kind == LIT_BOOL; break;
  case FT_STRING: case FT_TEXT: case FT_EMAIL: case FT_URL: case FT_PHONE: ok = l->kind == LIT_STRING; break;
  case FT_TIMESTAMP: case FT_DATE: ok = l->kind == LIT_WORD && str_eqc(l->text, "now"); break;
  case FT_ENUM:
    ok = false;
    if (l->kind == LIT_WORD)
      for (int i = 0; i < f->nenum; i++)
        ok |= str_eq(f->enum_vals[i], l->text);
    if (!ok && l->kind == LIT_WORD) {
      ERR(r, l->span, "default '%.*s%s' is not one of the values of enum field '%.*s%s'", NAMEF(l->text),
          NAMEF(f->name));
      return;
    }
    break;
  default: ok = false; break;
  }
  if (f->array || (l->dollar && f->type != FT_MONEY))
    ok = false;
  if (!ok) {
    const char *hint = f->type == FT_TIMESTAMP || f->type == FT_DATE ? " (use = now)" : "";
    ERR(r, l->span, "this default does not fit field '%.*s%s' of type %s%s%s", NAMEF(f->name),
        field_type_name(f->type), f->array ? "[]" : "", hint);
    return;
  }
  if (l->kind == LIT_NUMBER && ((f->has_min && (f->min_excl ? l->num <= f->min : l->num < f->min)) ||
                                (f->has_max && (f->max_excl ? l->num >= f->max : l->num > f->max))))
    ERR(r, l->span, "default %g is outside the field's bounds", l->num);
  if (l->kind == LIT_STRING && f->len > 0 && (double)l->text.n > f->len)
    ERR(r, l->span, "default is longer than string(%g)", f->len);
}

/* A name within MODEL_MAX_NAME bytes, or an error at it. */
void resolve_name_length(Resolver *r, Str name, Span sp, const char *what) {
  if (name.n > MODEL_MAX_NAME)
    ERR(r, sp, "%s name '%.*s%s' is %td bytes long; the limit is %d (OpenAPI's YAML keys hold 1024 characters)",
        what, NAMEF(name), name.n, MODEL_MAX_NAME);
}

/* `was OLD` names what the previous version of the spec called a field or
 * an entity (plinth diff renames it instead of dropping and adding). OLD
 * must not be a current name, nor claimed twice. */
void resolve_was_fields(Resolver *r, const Entity *e) {
  for (int k = 0; k < e->nfields; k++) {
    const Field *f = &e->fields[k];
    if (!f->was.n)
      continue;
    if (str_eq(f->was, f->name)) {
      ERR(r, f->was_span, "'was' names the field's earlier name, not its current one");
      continue;
    }
    for (int j = 0; j < e->nfields; j++)
      if (j != k && str_eq(e->fields[j].name, f->was)) {
        ERR(r, f->was_span, "'%.*s%s' is still a field of %.*s%s (line %d); 'was' names a field the previous version had",
            NAMEF(f->was), NAMEF(e->name), resolve_line(r, e->fields[j].span));
        break;
      }
    for (int j = 0; j < k; j++)
      if (str_eq(e->fields[j].was, f->was)) {
        ERR(r, f->was_span, "two fields were '%.*s%s'; the other is at line %d", NAMEF(f->was),
            resolve_line(r, e->fields[j].span));
        break;
      }
  }
}

void resolve_was_entities(Resolver *r, const Model *m, int n) {
  for (int i = 0; i < n; i++) {
    const Entity *e = &m->entities[i];
    if (!e->was.n)
      continue;
    if (str_eq(e->was, e->name)) {
      ERR(r, e->was_span, "'was' names the entity's earlier name, not its current one");
      continue;
    }
    Entity *other = resolve_table_get(r, e->was);
    if (other) {
      ERR(r, e->was_span, "'%.*s%s' is still an entity (line %d); 'was' names an entity the previous version had",
          NAMEF(e->was), resolve_line(r, other->span));
      continue;
    }
    for (int j = 0; j < i; j++)
      if (str_eq(m->entities[j].was, e->was)) {
        ERR(r, e->was_span, "two entities were '%.*s%s'; the other is at line %d", NAMEF(e->was),
            resolve_line(r, m->entities[j].span));
        break;
      }
  }
}

void resolve_field(Resolver *r, Entity *e, Field *f, const AstField *af) {
  f->name = af->name;
  f->span = af->span;
  resolve_name_length(r, f->name, f->span, "a field");
  f->was = af->was;
  f->was_span = af->was_span;
  f->entity = e;
  f->type = af->type;
  f->type_span = af->type_span;
  f->len = af->len;
  f->enum_vals = af->enum_vals;
  f->nenum = af->nenum;
  f->array = af->array;
  f->optional = af->optional;
  f->unique = af->unique;
  f->indexed = af->indexed;
  f->tags = af->tags;
  f->rel = af->rel;
  f->def = af->def;
  f->has_min = af->has_min, f->has_max = af->has_max;
  f->min_excl = af->min_excl, f->max_excl = af->max_excl;
  f->min = af->min, f->max = af->max;
  f->max_size = af->max_size;
  f->role = af->role;
  f->trans_span = af->trans_span;
  f->derived_span = af->derived_span;
  if (f->type == FT_EMAIL || f->type == FT_PHONE)
    f->tags |= TAG_PII;

  static const char *const implicit[] = {"id", "created_at", "updated_at", "deleted_at", 0};
  for (int i = 0; implicit[i]; i++)
    if (str_eqc(f->name, implicit[i]))
      ERR(r, f->span, "'%s' is added to every entity by Plinth; choose another name", implicit[i]);

  if (f->rel) {
    f->ref = resolve_table_get(r, af->ref);
    if (!f->ref) {
      resolve_unknown_entity(r, af->ref, af->ref_span, " in relation");
      e->broken = true;
    }
    if (f->unique && f->rel == REL_MANY_TO_MANY)
      ERR(r, f->span, "a many-to-many relation cannot be unique");
  }
  if ((f->has_min || f->has_max) && !numeric(f->type))
    ERR(r, f->has_min ? af->min_span : af->max_span, "bounds apply to int, float and money fields, not %s",
        field_type_name(f->type));
  if (f->has_min && f->has_max && (f->min > f->max || (f->min == f->max && (f->min_excl || f->max_excl))))
    ERR(r, af->max_span, f->min == f->max ? "no value fits: the bounds are equal and one excludes the value"
                                           : "no value fits: the upper bound is below the lower bound");
  if (af->max_size_span.len && f->max_size <= 0)
    ERR(r, af->max_size_span, "a maximum size must be positive");
  if (f->max_size > 0 && f->type == FT_STRING && af->len > 0)
    ERR(r, af->max_size_span, "string(%g) already has a maximum length", f->len);
  if (f->type == FT_STRING && f->max_size > 0) {
    f->len = f->max_size;
    f->max_size = 0;
  }
  if (f->type == FT_STRING && f->len > 65535)
    WARN(r, f->type_span, "string(%g) is very long; text suits long values", f->len);
  if (f->unique && (f->type == FT_BLOB || f->type == FT_JSON || f->type == FT_TEXT || f->array))
    WARN(r, f->span, "a unique constraint on a %s%s field is costly to index", field_type_name(f->type),
         f->array ? " array" : "");
  if (f->unique && f->type == FT_BOOL)
    WARN(r, f->span, "a unique bool allows at most two rows");
  check_default(r, f);

  double b = resolve_value_bytes(f);
  if (f->array)
    b = b * ARRAY_ELEMS + 24;
  if (af->avg_span.len) {
    if (af->avg <= 0)
      ERR(r, af->avg_span, "an average size must be positive");
    else if (f->type == FT_BLOB)
      f->blob_bytes = af->avg;
    else
      b = af->avg;
  }
  f->avg_bytes = f->rel == REL_MANY_TO_MANY ? 0 : b;
  if (f->type == FT_BLOB && f->blob_bytes <= 0) {
    if (f->max_size > 0 && f->max_size / 2 > BLOB_TYPICAL_CAP) {
      f->blob_bytes = BLOB_TYPICAL_CAP;
      resolve_assume(r, f->span, str_printf(r->a, "field.%.*s.%.*s.size", STRF(e->name), STRF(f->name)),
             "%.*s%s.%.*s%s: objects average 8 MB, far below their max: the max bounds the rare largest file "
             "(add 'avg SIZE' to state it)", NAMEF(e->name), NAMEF(f->name));
    } else if (f->max_size > 0) {
      f->blob_bytes = f->max_size / 2;
      resolve_assume(r, f->span, str_printf(r->a, "field.%.*s.%.*s.size", STRF(e->name), STRF(f->name)),
             "%.*s%s.%.*s%s: objects average half their max (add 'avg SIZE' to state it)", NAMEF(e->name),
             NAMEF(f->name));
    } else {
      f->blob_bytes = BLOB_DEFAULT_BYTES;
      resolve_assume(r, f->span, str_printf(r->a, "field.%.*s.%.*s.size", STRF(e->name), STRF(f->name)),
             "%.*s%s.%.*s%s: objects average 1 MB (no max given)", NAMEF(e->name), NAMEF(f->name));
    }
    if (f->array)
      f->blob_bytes *= ARRAY_ELEMS;
  }
}


/* Who may make a transition: system, owner, or a declared role. */
static bool known_actor(const Model *m, Str by) {
  if (str_eqc(by, "system") || str_eqc(by, "owner"))
    return true;
  const Option *roles = m->auth ? feature_opt(m->auth, "roles") : NULL;
  for (int k = 0; roles && k < roles->nargs; k++)
    if (str_eq(roles->args[k].text, by))
      return true;
  return false;
}

static int enum_index(const Field *f, Str v) {
  for (int i = 0; i < f->nenum; i++)
    if (str_eq(f->enum_vals[i], v))
      return i;
  return -1;
}

/* Lifecycles and derived values: they name states, roles and other
 * entities' fields, so they are checked once features are resolved. */
void resolve_lifecycle(Resolver *r, Field *f, const AstField *af) {
  Model *m = r->m;
  f->trans = new(r->a, Transition, af->ntrans);
  for (int i = 0; i < af->ntrans; i++) {
    const AstTransition *t = &af->trans[i];
    int from = enum_index(f, t->from), to = enum_index(f, t->to);
    if (from < 0 || to < 0) {
      Str w = from < 0 ? t->from : t->to;
      ERR(r, from < 0 ? t->from_span : t->to_span, "'%.*s%s' is not a value of enum field '%.*s%s'", NAMEF(w), NAMEF(f->name));
      continue;
    }
    if (from == to) {
      ERR(r, t->to_span, "a transition goes to another state; '%.*s%s' -> '%.*s%s' changes nothing", NAMEF(t->from), NAMEF(t->to));
      continue;
    }
    if (!known_actor(m, t->by)) {
      const Option *roles = m->auth ? feature_opt(m->auth, "roles") : NULL;
      if (str_eqc(t->by, "owner") || !roles)
        ERR(r, t->by_span, "unknown actor '%.*s%s'; a transition is made by system, owner%s", NAMEF(t->by),
            m->auth ? " or a role of feature auth (none declared)" : " (roles need feature auth)");
      else
        ERR(r, t->by_span, "unknown actor '%.*s%s'; a transition is made by system, owner or a role of feature auth",
            NAMEF(t->by));
      continue;
    }
    if (str_eqc(t->by, "owner") && !m->auth) {
      ERR(r, t->by_span, "'by owner' needs a 'feature auth' to know who the owner is");
      continue;
    }
    bool dup = false;
    for (int k = 0; k < f->ntrans; k++)
      dup |= f->trans[k].from == from && f->trans[k].to == to;
    if (dup) {
      ERR(r, t->from_span, "transition '%.*s%s' -> '%.*s%s' is given twice", NAMEF(t->from), NAMEF(t->to));
      continue;
    }
    f->trans[f->ntrans++] = (Transition){from, to, t->by, (Span){t->from_span.off, t->by_span.off + t->by_span.len - t->from_span.off}};
  }
}

void resolve_derived(Resolver *r, Entity *e, Field *f, const AstField *af) {
  if (f->type != FT_MONEY && f->type != FT_INT && f->type != FT_FLOAT) {
    ERR(r, af->derived_span, "a sum is a number: field '%.*s%s' is %s, not int, float or money", NAMEF(f->name),
        field_type_name(f->type));
    return;
  }
  if (f->array) {
    ERR(r, af->derived_span, "a sum is one number, not an array");
    return;
  }
  Entity *c = resolve_table_get(r, af->sum_entity);
  if (!c) {
    resolve_unknown_entity(r, af->sum_entity, af->sum_entity_span, " in sum");
    return;
  }
  bool child = false;
  for (int k = 0; k < c->nfields; k++)
    child |= c->fields[k].rel == REL_MANY_TO_ONE && c->fields[k].ref == e;
  if (!child) {
    ERR(r, af->sum_entity_span, "'%.*s%s' has no '-> %.*s%s' field, so its rows cannot be summed into its %.*s%s",
        NAMEF(c->name), NAMEF(e->name), NAMEF(e->name));
    return;
  }
  Str names[2] = {af->sum_a, af->sum_b};
  Span spans[2] = {af->sum_a_span, af->sum_b_span};
  const Field *got[2] = {0};
  for (int i = 0; i < (af->sum_b.n ? 2 : 1); i++) {
    got[i] = entity_field(c, names[i]);
    if (!got[i]) {
      ERR(r, spans[i], "'%.*s%s' has no field '%.*s%s'", NAMEF(c->name), NAMEF(names[i]));
      return;
    }
    if (got[i]->array || (got[i]->type != FT_INT && got[i]->type != FT_FLOAT && got[i]->type != FT_MONEY)) {
      ERR(r, spans[i], "'%.*s%s.%.*s%s' is not a number to sum", NAMEF(c->name), NAMEF(names[i]));
      return;
    }
  }
  if (f->def.kind)
    ERR(r, af->derived_span, "a derived field takes no default");
  f->sum_of = c, f->sum_a = got[0], f->sum_b = got[1];
}

/* A media feature's file is a media upload: where a file field of its
 * entity states no average, it takes the feature's `size`, else the media
 * archetype's upload size from the knowledge base (at most half a stated
 * max): one figure for the storage, the transcoding and the delivery, in
 * place of the generic file guess. */
void resolve_media_sizes(Resolver *r) {
  Model *m = r->m;
  double kb = &spec_words ? spec_words.media_bytes : 0;
  for (int i = 0; i < m->nfeatures; i++) {
    const Feature *ft = &m->features[i];
    if (ft->kind != FK_MEDIA || !ft->entity)
      continue;
    const Option *o = feature_opt(ft, "size");
    bool stated = o && o->nargs;
    if (!stated && !(kb > 0))
      continue;
    Entity *e = ft->entity;
    for (int k = 0; k < e->nfields; k++) {
      Field *f = &e->fields[k];
      Str key = str_printf(r->a, "field.%.*s.%.*s.size", STRF(e->name), STRF(f->name));
      Assumption *as = NULL;
      for (int j = 0; f->type == FT_BLOB && j < r->nasm; j++)
        if (str_eq(r->asm_buf[j].key, key))
          as = &r->asm_buf[j];
      if (!as)
        continue;   /* not a file, or its size is stated */
      double size = stated ? o->args[0].num : f->max_size > 0 ? fmin(kb, f->max_size / 2) : kb;
      f->blob_bytes = size * (f->array ? ARRAY_ELEMS : 1);
      char b[32];
      as->text = stated ? str_printf(r->a, "%.*s%s.%.*s%s: objects average %s, the size feature media states", NAMEF(e->name),
                                     NAMEF(f->name), fmt_bytes(b, size))
                        : str_printf(r->a, "%.*s%s.%.*s%s: objects average %s, a media upload (kb/archetypes.kb media.size%s); "
                                           "add 'avg SIZE' to state it", NAMEF(e->name), NAMEF(f->name), fmt_bytes(b, size),
                                     size < kb ? ", at most half the max" : "");
      break;
    }
  }
}
