/* Resolution of features: targets, options, and duplicates found with one
 * hash set over kind and target. */
#include "resolve.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- features ---- */

static bool is_date(const Field *f) { return f->type == FT_TIMESTAMP || f->type == FT_DATE; }

static void resolve_options(Resolver *r, Feature *ft, const AstFeature *af) {
  int n = 0;
  for (const AstOption *o = af->opts; o; o = o->next)
    n++;
  ft->opts = new(r->a, Option, n);
  for (const AstOption *o = af->opts; o; o = o->next) {
    Option *op = &ft->opts[ft->nopts++];
    op->spec = o->spec;
    op->span = o->span;
    op->args = o->args;
    op->nargs = o->nargs;
    if (o->spec->arity != OA_FIELD && o->spec->arity != OA_FIELDS)
      continue;
    if (!ft->entity)
      continue;
    op->fields = new(r->a, Field *, o->nargs);
    for (int i = 0; i < o->nargs; i++)
      op->fields[i] = resolve_lookup_field(r, ft->entity, o->args[i].text, o->args[i].span);
  }
}

void resolve_feature(Resolver *r, Feature *ft, const AstFeature *af) {
  ft->kind = af->kind;
  ft->span = af->span;
  ft->name = af->name;
  ft->name_span = af->name_span;
  ft->period = af->period;
  ft->trigger = af->trigger;
  ft->lead = af->lead;
  if (af->entity.n) {
    ft->entity = resolve_table_get(r, af->entity);
    if (!ft->entity) {
      char what[64];
      snprintf(what, sizeof what, " in feature %s", feature_specs[af->kind].name);
      resolve_unknown_entity(r, af->entity, af->entity_span, what);
    } else if (af->field.n) {
      /* notify before E.rel.f: follow each -> relation to the entity that
       * holds the field */
      Entity *at = ft->entity;
      for (int i = 0; i < af->nvia && at; i++) {
        Field *rel = resolve_lookup_field(r, at, af->via[i], af->via_span[i]);
        if (rel && !rel->ref) {
          ERR(r, af->via_span[i], "%.*s%s.%.*s%s is not a relation: a path follows -> fields to the date", NAMEF(at->name),
              NAMEF(rel->name));
          rel = NULL;
        }
        ft->via[ft->nvia++] = rel;
        at = rel ? rel->ref : NULL;
      }
      if (at)
        ft->field = resolve_lookup_field(r, at, af->field, af->field_span);
    }
  }
  resolve_options(r, ft, af);
  if (af->lead_span.len && ft->lead <= 0)
    ERR(r, af->lead_span, "this duration must be positive");

  /* Archetype figures divide by their durations and key-space years. */
  if (ft->kind >= FK_FEED && ft->kind <= FK_EXCHANGE)
    for (int i = 0; i < ft->nopts; i++) {
      const Option *o = &ft->opts[i];
      if (o->spec->arity == OA_DURATION && o->nargs && o->args[0].num <= 0)
        ERR(r, o->args[0].span, "%s must be a positive duration", o->spec->name);
      else if (!strcmp(o->spec->name, "years") && o->nargs && o->args[0].num < 1)
        ERR(r, o->args[0].span, "the key space must hold at least 1 year of keys");
    }
  switch (ft->kind) {
  case FK_UPLOAD:
    if (ft->field && ft->field->type != FT_BLOB)
      ERR(r, af->field_span, "upload needs a blob field; %.*s%s.%.*s%s is %s", NAMEF(ft->entity->name),
          NAMEF(ft->field->name), field_type_name(ft->field->type));
    break;
  case FK_NOTIFY:
    if (ft->trigger == TRIG_BEFORE && ft->field && !is_date(ft->field))
      ERR(r, af->field_span, "'before' needs a timestamp or date field; %.*s%s.%.*s%s is %s",
          NAMEF(ft->field->entity->name), NAMEF(ft->field->name), field_type_name(ft->field->type));
    if (ft->trigger != TRIG_BEFORE && af->nvia)
      ERR(r, af->via_span[0], "a path of relations is for 'before'; 'on' takes an entity or one of its fields");
    break;
  case FK_REALTIME: {
    const Option *o = feature_opt(ft, "deliver");
    if (o && o->fields && o->fields[0] && o->fields[0]->rel != REL_MANY_TO_ONE)
      ERR(r, o->args[0].span, "deliver names the relation whose members receive each row; %.*s%s is not a -> relation",
          NAMEF(o->fields[0]->name));
    break;
  }
  case FK_INGEST: {
    int modes = feature_has(ft, "at-least-once") + feature_has(ft, "exactly-once") + feature_has(ft, "at-most-once");
    if (modes > 1)
      ERR(r, af->span, "choose one delivery guarantee: at-least-once, exactly-once or at-most-once");
    const Option *b = feature_opt(ft, "batch");
    if (b && (b->args[0].num < 1 || b->args[0].num > 100000))
      ERR(r, b->args[0].span, "a batch holds from 1 to 100000 rows");
    break;
  }
  case FK_QUERY:
  case FK_DASHBOARD:
    if (ft->entity) {
      bool has_time = false;
      for (int i = 0; i < ft->entity->nfields; i++)
        has_time |= is_date(&ft->entity->fields[i]);
      if (ft->kind == FK_QUERY && feature_has(ft, "window") && !has_time)
        WARN(r, af->entity_span, "time windows on %.*s%s use created_at: it has no timestamp field",
             NAMEF(ft->entity->name));
    }
    break;
  case FK_SEARCH:
    if (ft->entity && !feature_has(ft, "fields")) {
      bool text = false;
      for (int i = 0; i < ft->entity->nfields; i++)
        text |= ft->entity->fields[i].type == FT_STRING || ft->entity->fields[i].type == FT_TEXT;
      if (!text)
        ERR(r, af->entity_span, "%.*s%s has no string or text field to search", NAMEF(ft->entity->name));
    }
    break;
  case FK_SHORTLINK:
    if (feature_has(ft, "analytics") && feature_has(ft, "no-analytics"))
      ERR(r, feature_opt(ft, "no-analytics")->span, "choose one: analytics or no-analytics");
    if (ft->entity) {
      bool keyed = false;
      for (int i = 0; i < ft->entity->nfields; i++)
        keyed |= ft->entity->fields[i].unique && ft->entity->fields[i].type == FT_STRING;
      if (!keyed)
        WARN(r, af->entity_span, "%.*s%s has no unique string field to hold the short key; add one, as in 'code string unique'",
             NAMEF(ft->entity->name));
    }
    break;
  case FK_INTEGRATION:
    if (!feature_has(ft, "kind"))
      ERR(r, af->name_span, "say what %.*s%s does with 'kind', as in integration %.*s%s { kind payments }",
          NAMEF(ft->name), NAMEF(ft->name));
    break;
  default:
    break;
  }
}

/* ---- duplicate features ---- */

/* Two features are the same when kind and target agree: entity and field
 * for most kinds, the name for reports and integrations. auth and notify
 * may repeat (auth is checked apart; notify may fire on several events). */
static bool same_feature(const Feature *a, const Feature *b) {
  if (a->kind != b->kind)
    return false;
  if (a->kind == FK_INTEGRATION || a->kind == FK_REPORT)
    return str_eq(a->name, b->name);
  return a->entity && a->entity == b->entity && a->field == b->field;
}

static uint64_t feature_hash(const Feature *f) {
  uint64_t h = (uint64_t)f->kind;
  if (f->kind == FK_INTEGRATION || f->kind == FK_REPORT)
    h ^= str_hash(f->name);
  else
    h ^= (uint64_t)(f->entity ? f->entity->index + 1 : 0) << 20 ^ (uint64_t)(f->field ? f->field->index + 1 : 0) << 4;
  h *= 0x9E3779B97F4A7C15ull; /* spread into the low bits the mask keeps */
  return h ^ h >> 29;
}

/* Returns the earlier feature `f` repeats, or records `f` and returns NULL. */
Feature *resolve_dup_feature(Resolver *r, Feature *f) {
  if (f->kind == FK_AUTH || f->kind == FK_NOTIFY || (!f->entity && f->kind != FK_INTEGRATION && f->kind != FK_REPORT))
    return NULL;
  ptrdiff_t mask = r->fcap - 1;
  for (ptrdiff_t i = (ptrdiff_t)(feature_hash(f) & (uint64_t)mask);; i = (i + 1) & mask) {
    if (!r->ftable[i]) {
      r->ftable[i] = f;
      return NULL;
    }
    if (same_feature(r->ftable[i], f))
      return r->ftable[i];
  }
}
