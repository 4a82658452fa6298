/* Resolution: Ast -> Model.
 *
 * Passes, each linear in the size of the spec:
 *   1. entities: copy, index by name (hash table), reject duplicates;
 *      synthesise a join entity for every <-> relation;
 *   2. fields: resolve relation targets, check types, defaults and bounds,
 *      estimate stored bytes; record incoming relations on the target;
 *   3. project: normalise figures, fill defaults (each one an Assumption),
 *      check contradictions;
 *   4. features: resolve targets and option fields, pick the principal;
 *   5. ownership: parent links, cycle check, row counts down each chain,
 *      owner-only reachability.
 *
 * The ownership walk is iterative with an explicit stack: a chain of
 * 100,000 entities must not overflow the C stack. */
#include "model.h"
#include "../util/date.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../spec/parse.h"
#include "../spec/units.h"

typedef struct {
  Arena *a;
  const SourceFile *f;
  DiagSink *d;
  Model *m;
  Entity **table;        /* open addressing by name */
  ptrdiff_t tcap;
  Assumption *asm_buf;
  int nasm, asm_cap;
  Feature **ftable;      /* features by kind and target, for duplicates */
  ptrdiff_t fcap;
} Resolver;

#define ERR(r, sp, ...) diag_at((r)->d, (r)->f, SEV_ERROR, (sp).off, (sp).len ? (sp).len : 1, __VA_ARGS__)
#define WARN(r, sp, ...) diag_at((r)->d, (r)->f, SEV_WARNING, (sp).off, (sp).len ? (sp).len : 1, __VA_ARGS__)

static int line_of(Resolver *r, Span s) {
  int line, col;
  diag_locate(r->d->arena, r->f, s.off, &line, &col);
  return line;
}

static void assume(Resolver *r, Span sp, Str key, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void assume(Resolver *r, Span sp, Str key, const char *fmt, ...) {
  Assumption *as = push(r->a, r->asm_buf, r->nasm, r->asm_cap);
  as->key = key;
  as->span = sp;
  va_list ap;
  va_start(ap, fmt);
  as->text = str_vprintf(r->a, fmt, ap);
  va_end(ap);
}

/* ---- lookup ---- */

static void table_put(Resolver *r, Entity *e) {
  ptrdiff_t mask = r->tcap - 1;
  for (ptrdiff_t i = (ptrdiff_t)(str_hash(e->name) & (uint64_t)mask);; i = (i + 1) & mask)
    if (!r->table[i]) {
      r->table[i] = e;
      return;
    }
}

static Entity *table_get(Resolver *r, Str name) {
  ptrdiff_t mask = r->tcap - 1;
  for (ptrdiff_t i = (ptrdiff_t)(str_hash(name) & (uint64_t)mask); r->table[i]; i = (i + 1) & mask)
    if (str_eq(r->table[i]->name, name))
      return r->table[i];
  return NULL;
}

/* Reports an unknown entity with the closest declared name. */
static void unknown_entity(Resolver *r, Str name, Span sp, const char *what) {
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

static Field *lookup_field(Resolver *r, Entity *e, Str name, Span sp) {
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

const char *team_level_name(TeamLevel l) {
  static const char *const n[] = {"mid", "junior", "mid", "senior", "mixed"};
  return l >= 0 && l <= LVL_MIXED ? n[l] : "mid";
}

/* ---- fields ---- */

/* Stored bytes per value, before row overhead. The figures are PostgreSQL's
 * on-disk sizes with half-full variable-length columns; docs/language.md
 * lists them. */
static double value_bytes(const Field *f) {
  switch (f->type) {
  case FT_STRING: return (f->len > 0 ? f->len : 255) / 2 + 1;
  case FT_TEXT: return (f->max_size > 0 ? f->max_size / 4 : 512) + 4;
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

/* Per row: tuple header 24 + id 16 + created_at 8 + updated_at 8. */
#define ROW_OVERHEAD 56.0
#define ARRAY_ELEMS 4.0
#define BLOB_DEFAULT_BYTES 1e6

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
static void name_length(Resolver *r, Str name, Span sp, const char *what) {
  if (name.n > MODEL_MAX_NAME)
    ERR(r, sp, "%s name '%.*s%s' is %td bytes long; the limit is %d (OpenAPI's YAML keys hold 1024 characters)",
        what, NAMEF(name), name.n, MODEL_MAX_NAME);
}

/* `was OLD` names what the previous version of the spec called a field or
 * an entity (plinth diff renames it instead of dropping and adding). OLD
 * must not be a current name, nor claimed twice. */
static void check_was_fields(Resolver *r, const Entity *e) {
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
            NAMEF(f->was), NAMEF(e->name), line_of(r, e->fields[j].span));
        break;
      }
    for (int j = 0; j < k; j++)
      if (str_eq(e->fields[j].was, f->was)) {
        ERR(r, f->was_span, "two fields were '%.*s%s'; the other is at line %d", NAMEF(f->was),
            line_of(r, e->fields[j].span));
        break;
      }
  }
}

static void check_was_entities(Resolver *r, const Model *m, int n) {
  for (int i = 0; i < n; i++) {
    const Entity *e = &m->entities[i];
    if (!e->was.n)
      continue;
    if (str_eq(e->was, e->name)) {
      ERR(r, e->was_span, "'was' names the entity's earlier name, not its current one");
      continue;
    }
    Entity *other = table_get(r, e->was);
    if (other) {
      ERR(r, e->was_span, "'%.*s%s' is still an entity (line %d); 'was' names an entity the previous version had",
          NAMEF(e->was), line_of(r, other->span));
      continue;
    }
    for (int j = 0; j < i; j++)
      if (str_eq(m->entities[j].was, e->was)) {
        ERR(r, e->was_span, "two entities were '%.*s%s'; the other is at line %d", NAMEF(e->was),
            line_of(r, m->entities[j].span));
        break;
      }
  }
}

static void resolve_field(Resolver *r, Entity *e, Field *f, const AstField *af) {
  f->name = af->name;
  f->span = af->span;
  name_length(r, f->name, f->span, "a field");
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
    f->ref = table_get(r, af->ref);
    if (!f->ref) {
      unknown_entity(r, af->ref, af->ref_span, " in relation");
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

  double b = value_bytes(f);
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
    if (f->max_size > 0) {
      f->blob_bytes = f->max_size / 2;
      assume(r, f->span, str_printf(r->a, "field.%.*s.%.*s.size", STRF(e->name), STRF(f->name)),
             "%.*s%s.%.*s%s: objects average half their max (add 'avg SIZE' to state it)", NAMEF(e->name),
             NAMEF(f->name));
    } else {
      f->blob_bytes = BLOB_DEFAULT_BYTES;
      assume(r, f->span, str_printf(r->a, "field.%.*s.%.*s.size", STRF(e->name), STRF(f->name)),
             "%.*s%s.%.*s%s: objects average 1 MB (no max given)", NAMEF(e->name), NAMEF(f->name));
    }
    if (f->array)
      f->blob_bytes *= ARRAY_ELEMS;
  }
}

/* ---- project ---- */

static bool known(Str w, const char *const *list) {
  for (; *list; list++)
    if (str_eqc(w, *list))
      return true;
  return false;
}

static void check_words(Resolver *r, const Word *w, int n, const char *const *list, const char *what) {
  for (int i = 0; i < n; i++) {
    if (known(w[i].word, list))
      continue;
    const char *best = NULL;
    int bd = 3;
    for (const char *const *x = list; *x; x++) {
      int d = str_distance(w[i].word, str_c(*x), 2);
      if (d < bd)
        bd = d, best = *x;
    }
    char all[256];
    size_t k = 0;
    all[0] = 0;
    for (const char *const *x = list; *x && k + 1 < sizeof all; x++)
      k += (size_t)snprintf(all + k, sizeof all - k, "%s%s", x == list ? "" : ", ", *x);
    if (best)
      ERR(r, w[i].span, "unknown %s '%.*s%s'; did you mean '%s'?", what, NAMEF(w[i].word), best);
    else
      ERR(r, w[i].span, "unknown %s '%.*s%s'; expected one of %s", what, NAMEF(w[i].word), all);
  }
}

/* A rate in rows per second, with per-month rates taken at the project's
 * month length. */
static double rate_of(const Fig *f, double month) {
  if (!f->set)
    return 0;
  return f->monthly ? f->v * SECONDS_PER_MONTH / month : f->v;
}

static const char *const compliance_words[] = {"gdpr", "hipaa", "pci", "soc2", "ccpa", "iso27001", "ferpa", 0};
static const char *const prefer_words[] = {"existing", "managed", "self-hosted", "serverless", "open-source", 0};
static const char *const priority_words[] = {"cost", "speed", "reliability", "performance", "simplicity",
                                             "scalability", "security", "time-to-market", 0};
static const char *const cloud_words[] = {"aws", "gcp", "azure", "any", "self-hosted", 0};

static Span whole(Resolver *r) { return r->m->project.src.present ? r->m->project.src.span : (Span){0, 0}; }

static void resolve_project(Resolver *r, const AstProject *ap) {
  Project *p = &r->m->project;
  p->src = *ap;
  p->name = ap->name;
  p->idea = ap->idea;
  p->span = ap->span;
  Span here = whole(r);
  if (!ap->present)
    WARN(r, ((Span){0, 0}), "no project block: every project figure below is assumed");
  else if (!ap->idea.n)
    WARN(r, ap->name_span, "the project has no idea line; documents will lack a one-sentence summary");

  const Fig *nonneg[] = {&ap->users, &ap->active, &ap->actions, &ap->requests, &ap->reads, &ap->writes, &ap->devices,
                         &ap->interval, &ap->peak, &ap->budget, &ap->availability, &ap->deadline, &ap->team};
  for (size_t i = 0; i < sizeof nonneg / sizeof *nonneg; i++)
    if (nonneg[i]->set && nonneg[i]->v < 0)
      ERR(r, nonneg[i]->span, "this figure must not be negative");

  /* month length first: rates per month are rescaled by it */
  p->month = SECONDS_PER_MONTH;
  if (ap->month.set) {
    if (ap->month.v <= 0)
      ERR(r, ap->month.span, "seconds-per-month must be positive");
    else {
      p->month = ap->month.v;
      if (p->month < 2.3e6 || p->month > 2.7e6)
        WARN(r, ap->month.span, "a month has 2.4M to 2.7M seconds; %g is far from that", p->month);
    }
  }

  /* users */
  if (ap->users.set)
    p->users = ap->users.v;
  else {
    p->users = 1000;
    assume(r, here, S("project.users"), "1,000 users (the spec gives no users figure)");
  }
  if (ap->users.set && ap->users.v != floor(ap->users.v))
    ERR(r, ap->users.span, "a number of users is a whole number");

  /* active share */
  if (ap->active.set) {
    p->active = ap->active.v;
    if (p->active > 1)
      ERR(r, ap->active.span, "the active share cannot exceed 100%%");
    else if (p->active == 0)
      ERR(r, ap->active.span, "an active share of 0%% means no traffic; give at least 1%%");
  } else {
    p->active = 0.2;
    assume(r, here, S("project.active"), "20%% of users are active on a typical day");
  }

  /* actions per active user */
  if (ap->actions.set)
    p->actions = ap->actions.v;
  else {
    p->actions = 20;
    if (!ap->requests.set)
      assume(r, here, S("project.actions"), "each active user makes 20 API requests a day");
  }

  /* requests per day */
  p->reads_per_s = rate_of(&ap->reads, p->month);
  if (ap->requests.set) {
    p->has_requests = true;
    p->requests_per_day = rate_of(&ap->requests, p->month) * SECONDS_PER_DAY;
    double floor_rq = p->users * p->active;
    if (ap->users.set && p->requests_per_day < floor_rq && floor_rq > 0)
      WARN(r, ap->requests.span, "fewer requests a day (%.0f) than active users (%.0f)", p->requests_per_day,
           floor_rq);
  } else
    p->requests_per_day = p->users * p->active * p->actions;

  /* devices and writes */
  p->devices = ap->devices.set ? ap->devices.v : 0;
  p->interval = ap->interval.set ? ap->interval.v : 0;
  if (ap->interval.set && ap->interval.v == 0)
    ERR(r, ap->interval.span, "a reporting interval must be positive");
  if (ap->interval.set && !ap->devices.set)
    WARN(r, ap->interval.span, "interval applies to devices, and the project gives no devices figure");
  if (ap->writes.set)
    p->writes_per_s = rate_of(&ap->writes, p->month);
  else if (p->devices > 0) {
    if (!ap->interval.set) {
      p->interval = 60;
      assume(r, ap->devices.span, S("project.interval"), "each device reports once a minute");
    }
    p->writes_per_s = p->interval > 0 ? p->devices / p->interval : 0;
  }
  if (ap->writes.set && ap->devices.set && ap->interval.set && ap->interval.v > 0) {
    double implied = ap->devices.v / ap->interval.v;
    double w = rate_of(&ap->writes, p->month);
    if (fabs(implied - w) > 0.5 * implied)
      WARN(r, ap->writes.span, "writes (%g/s) disagree with devices / interval (%g/s)", w, implied);
  }

  /* peak */
  if (ap->peak.set) {
    p->peak = ap->peak.v;
    if (p->peak < 1 && p->peak >= 0)
      ERR(r, ap->peak.span, "a peak factor is at least 1x (the peak is never below the average)");
    else if (p->peak > 1000)
      WARN(r, ap->peak.span, "a peak of %gx the average is unusual; check the figure", p->peak);
  } else {
    p->peak = 3;
    assume(r, here, S("project.peak"), "the busiest hour carries 3x the average load");
  }

  /* budget */
  if (ap->budget.set) {
    p->budget = ap->budget.v;
    p->has_budget = true;
    if (p->budget == 0)
      WARN(r, ap->budget.span, "a budget of $0 leaves only free tiers");
  } else
    assume(r, here, S("project.budget"), "no budget limit: cost is minimised but not capped");

  /* availability */
  if (ap->availability.set) {
    p->availability = ap->availability.v;
    if (p->availability >= 1)
      ERR(r, ap->availability.span, "100%% availability cannot be met by any system; use 99.99%% or less");
    else if (p->availability < 0.9 && p->availability >= 0)
      WARN(r, ap->availability.span, "an availability below 90%% allows over 36 days of downtime a year");
  } else {
    p->availability = 0.999;
    assume(r, here, S("project.availability"), "99.9%% availability (about 43 minutes of downtime a month)");
  }

  /* latency */
  static const char *const pname[] = {"p50", "p90", "p95", "p99"};
  bool any = false;
  for (int i = 0; i < 4; i++) {
    if (!ap->latency[i].set)
      continue;
    any = true;
    p->latency[i] = ap->latency[i].v;
    if (p->latency[i] <= 0)
      ERR(r, ap->latency[i].span, "a latency target must be positive");
    if (p->latency[i] < 0)
      p->latency[i] = 0;
  }
  for (int hi = 1; hi < 4; hi++)
    for (int lo = 0; lo < hi; lo++)
      if (ap->latency[lo].set && ap->latency[hi].set && ap->latency[hi].v < ap->latency[lo].v)
        ERR(r, ap->latency[lo].span, "%s (%gms) is above %s (%gms): a lower percentile cannot be slower",
            pname[lo], ap->latency[lo].v * 1000, pname[hi], ap->latency[hi].v * 1000);
  if (!ap->latency[PCT_P95].set) {
    /* Derive p95 from what was given, or assume it. */
    if (ap->latency[PCT_P99].set)
      p->latency[PCT_P95] = ap->latency[PCT_P99].v * 0.7;
    else if (ap->latency[PCT_P90].set)
      p->latency[PCT_P95] = ap->latency[PCT_P90].v * 1.3;
    else if (ap->latency[PCT_P50].set)
      p->latency[PCT_P95] = ap->latency[PCT_P50].v * 3;
    else
      p->latency[PCT_P95] = 0.3;
    assume(r, here, S("project.latency.p95"), any ? "a p95 target of %.0fms, derived from the given percentile"
                                                  : "a p95 latency target of %.0fms",
           p->latency[PCT_P95] * 1000);
  }

  /* team */
  if (ap->team.set) {
    if (ap->team.v >= 0 && (ap->team.v < 1 || ap->team.v != floor(ap->team.v) || ap->team.v > 10000))
      ERR(r, ap->team.span, "a team is a whole number of people from 1 to 10000");
    p->team = ap->team.v >= 1 && ap->team.v <= 10000 ? (int)ap->team.v : 1;
  } else {
    p->team = 2;
    assume(r, here, S("project.team"), "a team of 2 developers");
  }
  if (ap->level)
    p->level = ap->level;
  else {
    p->level = LVL_MID;
    assume(r, here, S("project.team.level"), "the team is of mid level");
  }
  if (!ap->nskills)
    assume(r, here, S("project.team.skills"), "the team's skills are not known, so no stack is preferred for familiarity");
  p->skills = ap->skills, p->nskills = ap->nskills;

  /* word lists */
  check_words(r, ap->compliance, ap->ncompliance, compliance_words, "compliance regime");
  check_words(r, ap->prefer, ap->nprefer, prefer_words, "preference");
  check_words(r, ap->priorities, ap->npriorities, priority_words, "priority");
  check_words(r, ap->clouds, ap->nclouds, cloud_words, "cloud");
  p->compliance = ap->compliance, p->ncompliance = ap->ncompliance;
  p->prefer = ap->prefer, p->nprefer = ap->nprefer;
  p->priorities = ap->priorities, p->npriorities = ap->npriorities;
  p->regions = ap->regions, p->nregions = ap->nregions;
  p->clouds = ap->clouds, p->nclouds = ap->nclouds;
  p->currencies = ap->currencies, p->ncurrencies = ap->ncurrencies;
  for (int i = 0; i < ap->ncurrencies; i++) {
    Str c = ap->currencies[i].word;
    bool iso = c.n == 3;
    for (ptrdiff_t k = 0; iso && k < 3; k++)
      iso = c.p[k] >= 'A' && c.p[k] <= 'Z';
    if (!iso)
      ERR(r, ap->currencies[i].span, "a currency is a three-letter ISO 4217 code in capitals, such as EUR or USD; found '%.*s%s'",
          NAMEF(c));
    for (int k = 0; k < i; k++)
      if (str_eq(ap->currencies[k].word, c))
        ERR(r, ap->currencies[i].span, "currency '%.*s%s' is listed twice", NAMEF(c));
  }
  if (!ap->nprefer)
    assume(r, here, S("project.prefer"), "managed services are preferred over self-hosted ones");
  if (!ap->nregions)
    assume(r, here, S("project.region"), "one region, close to most users");

  /* growth horizon */
  if (ap->horizon.set) {
    p->horizon = ap->horizon.v;
    if (p->horizon < SECONDS_PER_MONTH || p->horizon > 20 * 12 * SECONDS_PER_MONTH)
      ERR(r, ap->horizon.span, "a growth horizon is 1 month to 20 years, such as 'horizon 5 years'");
  }

  /* deadline */
  p->start_date = ap->start_date;
  if (ap->deadline_date.n && ap->start_date.n) {
    /* Both dates are the spec's: the calendar days between them are the
     * deadline, the same whatever day the plan is made. */
    long from = date_days(ap->start_date), to = date_days(ap->deadline_date);
    p->deadline_date = ap->deadline_date;
    if (to <= from)
      ERR(r, ap->deadline.span, "the deadline %.*s is not after the start %.*s", STRF(ap->deadline_date),
          STRF(ap->start_date));
    else
      p->deadline = (double)(to - from) * SECONDS_PER_DAY;
  } else if (ap->deadline_date.n) {
    /* A calendar date needs a first day to become a duration, and the
     * same spec must always give the same plan: without a start the date
     * is kept and shown, and no duration is assumed from it. */
    p->deadline_date = ap->deadline_date;
    assume(r, here, S("project.deadline"),
           "the deadline is the date %.*s, but the spec has no start date: add 'start YYYY-MM-DD' to have the "
           "roadmap scheduled and checked against it", STRF(ap->deadline_date));
  } else if (ap->deadline.set) {
    p->deadline = ap->deadline.v;
    if (p->deadline == 0)
      ERR(r, ap->deadline.span, "a deadline must be in the future");
  } else
    assume(r, here, S("project.deadline"), "no deadline: the roadmap reports its duration only");
}

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
      op->fields[i] = lookup_field(r, ft->entity, o->args[i].text, o->args[i].span);
  }
}

static void resolve_feature(Resolver *r, Feature *ft, const AstFeature *af) {
  ft->kind = af->kind;
  ft->span = af->span;
  ft->name = af->name;
  ft->name_span = af->name_span;
  ft->period = af->period;
  ft->trigger = af->trigger;
  ft->lead = af->lead;
  if (af->entity.n) {
    ft->entity = table_get(r, af->entity);
    if (!ft->entity) {
      char what[64];
      snprintf(what, sizeof what, " in feature %s", feature_specs[af->kind].name);
      unknown_entity(r, af->entity, af->entity_span, what);
    } else if (af->field.n) {
      /* notify before E.rel.f: follow each -> relation to the entity that
       * holds the field */
      Entity *at = ft->entity;
      for (int i = 0; i < af->nvia && at; i++) {
        Field *rel = lookup_field(r, at, af->via[i], af->via_span[i]);
        if (rel && !rel->ref) {
          ERR(r, af->via_span[i], "%.*s%s.%.*s%s is not a relation: a path follows -> fields to the date", NAMEF(at->name),
              NAMEF(rel->name));
          rel = NULL;
        }
        ft->via[ft->nvia++] = rel;
        at = rel ? rel->ref : NULL;
      }
      if (at)
        ft->field = lookup_field(r, at, af->field, af->field_span);
    }
  }
  resolve_options(r, ft, af);
  if (af->lead_span.len && ft->lead <= 0)
    ERR(r, af->lead_span, "this duration must be positive");

  /* Archetype figures divide by their durations and key-space years. */
  if (ft->kind >= FK_FEED && ft->kind <= FK_RATELIMIT)
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
static Feature *dup_feature(Resolver *r, Feature *f) {
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

/* ---- ownership and rows ---- */

static bool has_secret(const Entity *e) {
  for (int i = 0; i < e->nfields; i++)
    if (e->fields[i].type == FT_SECRET || (e->fields[i].tags & TAG_SECRET))
      return true;
  return false;
}

static const char *const principal_names[] = {"User", "Account", "Customer", "Member", "Person", "Operator", 0};

/* With an external identity provider (oauth, oidc, saml) and no entity that
 * signs in, Plinth adds a User to hang roles and ownership on. It is made
 * before relations are resolved, so specs can point at it. */
static void synthesize_user(Resolver *r, const Ast *ast, const AstEntity **asts, int ndeclared) {
  Model *m = r->m;
  const AstFeature *auth = NULL;
  for (const AstFeature *f = ast->features; f && !auth; f = f->next)
    if (f->kind == FK_AUTH)
      auth = f;
  if (!auth)
    return;
  const AstOption *method = NULL, *roles = NULL;
  for (const AstOption *o = auth->opts; o; o = o->next) {
    if (!strcmp(o->spec->name, "principal"))
      return;
    if (!strcmp(o->spec->name, "method"))
      method = o;
    if (!strcmp(o->spec->name, "roles"))
      roles = o;
  }
  if (!method || !(str_eqc(method->args[0].text, "oauth") || str_eqc(method->args[0].text, "oidc") ||
                   str_eqc(method->args[0].text, "saml")))
    return;
  for (int i = 0; i < ndeclared; i++) {
    for (const AstField *af = asts[i]->fields; af; af = af->next)
      if (af->type == FT_SECRET || (af->tags & TAG_SECRET))
        return;
    for (int k = 0; principal_names[k]; k++)
      if (str_ieq(m->entities[i].name, str_c(principal_names[k])))
        return;
  }
  Entity *u = &m->entities[m->nentities];
  u->index = m->nentities++;
  u->name = S("User");
  u->span = auth->span;
  int nf = roles ? 3 : 2;
  u->fields = new(r->a, Field, nf);
  u->nfields = nf;
  u->fields[0] = (Field){.name = S("subject"), .span = auth->span, .index = 0, .entity = u, .type = FT_STRING,
                         .len = 255, .unique = true};
  u->fields[1] = (Field){.name = S("email"), .span = auth->span, .index = 1, .entity = u, .type = FT_EMAIL,
                         .tags = TAG_PII};
  if (roles) {
    Str *vals = new(r->a, Str, roles->nargs);
    for (int i = 0; i < roles->nargs; i++)
      vals[i] = roles->args[i].text;
    u->fields[2] = (Field){.name = S("role"), .span = auth->span, .index = 2, .entity = u, .type = FT_ENUM,
                           .enum_vals = vals, .nenum = roles->nargs,
                           .def = {.kind = LIT_WORD, .text = vals[0], .span = auth->span}};
  }
  for (int i = 0; i < nf; i++)
    u->fields[i].avg_bytes = value_bytes(&u->fields[i]);
  table_put(r, u);
  assume(r, auth->span, S("auth.principal"),
         "User (subject, email%s) is added to hold the identity provider's users", roles ? ", role" : "");
}

static void pick_principal(Resolver *r) {
  Model *m = r->m;
  Feature *auth = m->auth;
  if (!auth)
    return;
  const Option *o = feature_opt(auth, "principal");
  if (o) {
    m->principal = table_get(r, o->args[0].text);
    if (!m->principal)
      unknown_entity(r, o->args[0].text, o->args[0].span, " as principal");
  }
  for (int i = 0; !m->principal && i < m->nentities; i++)
    if (has_secret(&m->entities[i]))
      m->principal = &m->entities[i];
  for (int k = 0; !m->principal && principal_names[k]; k++)
    for (int i = 0; !m->principal && i < m->nentities; i++)
      if (str_ieq(m->entities[i].name, str_c(principal_names[k])))
        m->principal = &m->entities[i];
  const Option *method = feature_opt(auth, "method");
  bool external = method && (str_eqc(method->args[0].text, "oauth") || str_eqc(method->args[0].text, "oidc") ||
                             str_eqc(method->args[0].text, "saml"));
  if (m->principal) {
    m->principal->principal = true;
    if (!o && !has_secret(m->principal) && !external)
      assume(r, auth->span, S("auth.principal"), "%.*s%s is the entity that signs in", NAMEF(m->principal->name));
  } else if (!o)
    ERR(r, auth->span, "auth needs an entity that signs in: add a 'password secret' field or 'principal Entity'");
}

/* Sets parent links from `per` or the first required -> relation. */
static void link_parents(Resolver *r, const AstEntity **asts) {
  for (int i = 0; i < r->m->nentities; i++) {
    Entity *e = &r->m->entities[i];
    const AstEntity *ae = asts[i];
    if (!ae)
      continue;
    if (ae->has_per) {
      Entity *par = table_get(r, ae->per);
      if (!par)
        unknown_entity(r, ae->per, ae->per_name_span, " after 'per'");
      else {
        for (int k = 0; k < e->nfields && !e->parent; k++)
          if (e->fields[k].rel == REL_MANY_TO_ONE && e->fields[k].ref == par)
            e->parent = par, e->parent_field = &e->fields[k];
        if (!e->parent && !e->broken)
          ERR(r, ae->per_span, "'per %.*s%s' needs a relation: %.*s%s has no '-> %.*s%s' field", NAMEF(ae->per),
              NAMEF(e->name), NAMEF(ae->per));
      }
      e->has_per = true;
      e->per_n = ae->per_n;
      e->per_span = ae->per_span;
      if (ae->per_n < 0)
        ERR(r, ae->per_span, "an expected count must not be negative");
      else if (ae->per_n == 0)
        WARN(r, ae->per_span, "no %.*s%s rows are expected", NAMEF(e->name));
    } else {
      for (int k = 0; k < e->nfields && !e->parent; k++)
        if (e->fields[k].rel == REL_MANY_TO_ONE && !e->fields[k].optional && e->fields[k].ref &&
            e->fields[k].ref != e)
          e->parent = e->fields[k].ref, e->parent_field = &e->fields[k];
    }
  }
}

#define ROOT_DEFAULT_ROWS 1000.0
#define CHILD_DEFAULT_PER 10.0

/* Rows of an entity whose parent's rows are known (or that has none). */
static void derive_rows(Resolver *r, Entity *e, const AstEntity *ae) {
  Project *p = &r->m->project;
  if (ae && ae->count.set) {
    e->rows = ae->count.v;
    e->rows_basis = S("count given in the spec");
    if (e->parent)
      WARN(r, ae->count.span, "count overrides the rows derived from %.*s%s", NAMEF(e->parent->name));
    return;
  }
  /* The people who sign in and the devices that report are counted by the
   * project's figures, whatever they belong to. */
  if (e->principal) {
    e->rows = p->users;
    e->rows_basis = S("one per user");
    return;
  }
  if (e->device && !e->has_per) {
    e->rows = p->devices;
    e->rows_basis = S("one per device");
    return;
  }
  if (e->parent) {
    bool one = !e->has_per && e->parent_field && e->parent_field->unique;
    double per = e->has_per ? e->per_n : one ? 1 : CHILD_DEFAULT_PER;
    if (!e->has_per && !one)
      assume(r, e->span, str_printf(r->a, "entity.%.*s.per", STRF(e->name)),
             "%.0f %.*s%s rows per %.*s%s (no 'per' given)", per, NAMEF(e->name), NAMEF(e->parent->name));
    e->rows = per * e->parent->rows;
    e->rows_basis = one ? str_printf(r->a, "at most one per %.*s (unique)", STRF(e->parent->name))
                        : str_printf(r->a, "%g per %.*s", per, STRF(e->parent->name));
    return;
  }
  {
    e->rows = ROOT_DEFAULT_ROWS;
    e->rows_basis = S("assumed");
    assume(r, e->span, str_printf(r->a, "entity.%.*s.rows", STRF(e->name)),
           "%.*s%s holds 1,000 rows (no parent and no 'count')", NAMEF(e->name));
  }
}

/* Walks every entity's parent chain with an explicit stack, reporting
 * cycles, then derives rows from the root down. state: 0 new, 1 on the
 * stack, 2 done. */
static void derive_chains(Resolver *r, const AstEntity **asts) {
  Model *m = r->m;
  int n = m->nentities;
  unsigned char *state = new(r->a, unsigned char, n);
  Entity **stack = new(r->a, Entity *, n + 1);
  for (int i = 0; i < n; i++) {
    int sp = 0;
    Entity *e = &m->entities[i];
    while (e && state[e->index] == 0) {
      state[e->index] = 1;
      stack[sp++] = e;
      e = e->parent;
    }
    if (e && state[e->index] == 1) {
      /* Cycle: e is on the stack. Report once at e and cut its link. The
       * hint names a required relation of the cycle; when every one is
       * optional already, the links come from 'per' lines. */
      const Entity *req = NULL, *per = NULL;
      const Entity *x = e;
      do {
        if (x->parent_field && !x->parent_field->optional && !req)
          req = x;
        if (x->has_per && !per)
          per = x;
        x = x->parent;
      } while (x && x != e);
      if (req)
        ERR(r, e->parent_field ? e->parent_field->span : e->span,
            "ownership cycle through %.*s%s: make one of the relations in the cycle optional with '?', such as "
            "%.*s%s.%.*s%s",
            NAMEF(e->name), NAMEF(req->name), NAMEF(req->parent_field->name));
      else
        ERR(r, e->parent_field ? e->parent_field->span : e->span,
            "ownership cycle through %.*s%s: its relations are optional already, the 'per' lines make the owners; "
            "remove one of them, such as the 'per' of %.*s%s",
            NAMEF(e->name), NAMEF(per ? per->name : e->name));
      e->parent = NULL;
      e->parent_field = NULL;
    }
    while (sp > 0) {
      Entity *x = stack[--sp];
      derive_rows(r, x, asts[x->index]);
      if (x->parent) {
        x->depth = x->parent->depth + 1;
        x->owner = x->parent->principal ? x->parent : x->parent->owner;
      }
      if (!isfinite(x->rows) || x->rows > 1e18) {
        ERR(r, x->per_span.len ? x->per_span : x->span, "%.*s%s would hold more than 1e18 rows; check the 'per' figures",
            NAMEF(x->name));
        x->rows = 1e18;
      }
      state[x->index] = 2;
    }
  }
}

static void row_sizes(Model *m, const AstEntity **asts) {
  for (int i = 0; i < m->nentities; i++) {
    Entity *e = &m->entities[i];
    double b = 0, blob = 0;
    for (int k = 0; k < e->nfields; k++) {
      b += e->fields[k].avg_bytes;
      blob += e->fields[k].blob_bytes;
    }
    if (asts[i] && asts[i]->size.set)
      b = asts[i]->size.v;
    e->content_bytes = b;
    e->row_bytes = b + ROW_OVERHEAD;
    e->blob_bytes = blob;
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
static void resolve_lifecycle(Resolver *r, Field *f, const AstField *af) {
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

static void resolve_derived(Resolver *r, Entity *e, Field *f, const AstField *af) {
  if (f->type != FT_MONEY && f->type != FT_INT && f->type != FT_FLOAT) {
    ERR(r, af->derived_span, "a sum is a number: field '%.*s%s' is %s, not int, float or money", NAMEF(f->name),
        field_type_name(f->type));
    return;
  }
  if (f->array) {
    ERR(r, af->derived_span, "a sum is one number, not an array");
    return;
  }
  Entity *c = table_get(r, af->sum_entity);
  if (!c) {
    unknown_entity(r, af->sum_entity, af->sum_entity_span, " in sum");
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

/* Was an error already reported on this entity's ownership chain? */
static bool chain_broken(const Entity *e) {
  for (int n = 0; e && n < 1000000; e = e->parent, n++)
    if (e->broken)
      return true;
  return false;
}

/* ---- driver ---- */

Model *model_resolve(Arena *a, const Ast *ast, const SourceFile *f, DiagSink *sink) {
  Resolver r = {.a = a, .f = f, .d = sink};
  Model *m = r.m = new(a, Model, 1);
  m->file = f;

  /* 1. entities, and one join entity per <-> relation */
  int njoin = 0;
  for (const AstEntity *ae = ast->entities; ae; ae = ae->next)
    for (const AstField *af = ae->fields; af; af = af->next)
      njoin += af->rel == REL_MANY_TO_MANY;
  int cap = ast->nentities + njoin + 1; /* +1: a User for external sign-in */
  m->entities = new(a, Entity, cap);
  const AstEntity **asts = new(a, const AstEntity *, cap);
  r.tcap = 16;
  while (r.tcap < 2 * (ptrdiff_t)cap)
    r.tcap *= 2;
  r.table = new(a, Entity *, r.tcap);
  for (const AstEntity *ae = ast->entities; ae; ae = ae->next) {
    Entity *dup = table_get(&r, ae->name);
    if (dup) {
      ERR(&r, ae->span, "duplicate entity '%.*s%s'; the first is at line %d", NAMEF(ae->name), line_of(&r, dup->span));
      continue;
    }
    Entity *e = &m->entities[m->nentities];
    e->index = m->nentities;
    asts[m->nentities++] = ae;
    e->name = ae->name;
    e->span = ae->span;
    name_length(&r, e->name, e->span, "an entity");
    e->was = ae->was;
    e->was_span = ae->was_span;
    e->retain = ae->retain.set ? ae->retain.v : 0;
    e->retain_span = ae->retain.span;
    if (ae->retain.set && ae->retain.v <= 0)
      ERR(&r, ae->retain.span, "a retention period must be positive");
    if (ae->size.set && ae->size.v <= 0)
      ERR(&r, ae->size.span, "a row size must be positive");
    if (ae->count.set && (ae->count.v < 0 || ae->count.v != floor(ae->count.v)))
      ERR(&r, ae->count.span, "a row count is a whole number, not negative");
    table_put(&r, e);
  }
  int ndeclared = m->nentities;
  synthesize_user(&r, ast, asts, ndeclared);

  /* 2. fields (join entities are appended as <-> fields are met) */
  for (int i = 0; i < ndeclared; i++) {
    Entity *e = &m->entities[i];
    const AstEntity *ae = asts[i];
    e->fields = new(a, Field, ae->nfields);
    int k = 0;
    for (const AstField *af = ae->fields; af; af = af->next) {
      Field *fl = &e->fields[k];
      fl->index = k++;
      resolve_field(&r, e, fl, af);
    }
    e->nfields = k;
    if (!k)
      WARN(&r, e->span, "entity '%.*s%s' has no fields", NAMEF(e->name));
    int cols = 0;
    for (int j = 0; j < k; j++)
      cols += e->fields[j].rel != REL_MANY_TO_MANY;
    if (cols > MODEL_MAX_COLUMNS)
      ERR(&r, e->span,
          "entity '%.*s%s' has %d columns; PostgreSQL allows 1600 a table and plinth adds 4 (id, created_at, "
          "updated_at, deleted_at), so at most %d fields that are not <-> relations",
          NAMEF(e->name), cols, MODEL_MAX_COLUMNS);
    check_was_fields(&r, e);
  }
  check_was_entities(&r, m, ndeclared);
  for (int i = 0; i < ndeclared; i++) {
    Entity *e = &m->entities[i];
    for (int k = 0; k < e->nfields; k++) {
      Field *fl = &e->fields[k];
      if (fl->rel != REL_MANY_TO_MANY || !fl->ref)
        continue;
      Str jname = str_printf(a, "%.*s_%.*s", STRF(e->name), STRF(fl->name));
      if (table_get(&r, jname)) {
        ERR(&r, fl->span, "the join entity '%.*s%s' for this relation clashes with a declared entity", NAMEF(jname));
        continue;
      }
      Entity *j = &m->entities[m->nentities];
      j->index = m->nentities++;
      j->name = jname;
      j->span = fl->span;
      j->join = true;
      j->fields = new(a, Field, 2);
      j->nfields = 2;
      Str left = str_lower_first(a, e->name);
      Str right = fl->name;
      if (str_eq(left, right))
        left = str_printf(a, "%.*s_of", STRF(left));
      j->fields[0] = (Field){.name = left, .span = fl->span, .index = 0, .entity = j, .type = FT_REF,
                             .rel = REL_MANY_TO_ONE, .ref = e, .avg_bytes = 16};
      j->fields[1] = (Field){.name = right, .span = fl->span, .index = 1, .entity = j, .type = FT_REF,
                             .rel = REL_MANY_TO_ONE, .ref = fl->ref, .avg_bytes = 16};
      j->parent = e;
      j->parent_field = &j->fields[0];
      j->has_per = true;
      j->per_n = 4;
      j->per_span = fl->span;
      assume(&r, fl->span, str_printf(a, "entity.%.*s.per", STRF(jname)), "each %.*s%s links to 4 %.*s%s on average",
             NAMEF(e->name), NAMEF(fl->ref->name));
      table_put(&r, j);
    }
  }
  /* incoming relations: count, then fill */
  for (int i = 0; i < m->nentities; i++)
    for (int k = 0; k < m->entities[i].nfields; k++) {
      Field *fl = &m->entities[i].fields[k];
      if (fl->rel == REL_MANY_TO_ONE && fl->ref)
        fl->ref->nincoming++;
    }
  for (int i = 0; i < m->nentities; i++) {
    Entity *e = &m->entities[i];
    e->incoming = new(a, Ref, e->nincoming);
    e->nincoming = 0;
  }
  for (int i = 0; i < m->nentities; i++)
    for (int k = 0; k < m->entities[i].nfields; k++) {
      Field *fl = &m->entities[i].fields[k];
      if (fl->rel == REL_MANY_TO_ONE && fl->ref)
        fl->ref->incoming[fl->ref->nincoming++] = (Ref){&m->entities[i], fl};
    }

  /* 3. project, then growth rates that depend on its month length */
  resolve_project(&r, &ast->project);
  for (int i = 0; i < m->nentities; i++) {
    const AstEntity *ae = asts[i];
    if (!ae || !ae->grows.set)
      continue;
    if (ae->grows.v < 0)
      ERR(&r, ae->grows.span, "a growth rate must not be negative");
    m->entities[i].grows = rate_of(&ae->grows, m->project.month);
    m->entities[i].grows_span = ae->grows.span;
  }

  /* 4. features */
  m->features = new(a, Feature, ast->nfeatures);
  r.fcap = 16;
  while (r.fcap < 2 * (ptrdiff_t)ast->nfeatures)
    r.fcap *= 2;
  r.ftable = new(a, Feature *, r.fcap);
  for (const AstFeature *af = ast->features; af; af = af->next) {
    Feature *ft = &m->features[m->nfeatures];
    ft->index = m->nfeatures++;
    resolve_feature(&r, ft, af);
    if (ft->kind == FK_AUTH) {
      if (m->auth)
        ERR(&r, af->span, "auth is declared twice; the first is at line %d", line_of(&r, m->auth->span));
      else
        m->auth = ft;
    }
    /* Duplicates: one hash set over (kind, entity, field) and (kind, name). */
    Feature *o = dup_feature(&r, ft);
    if (o)
      ERR(&r, af->kind == FK_INTEGRATION ? af->name_span : af->span, "%s %.*s%s is declared twice; the first is at line %d",
          feature_specs[ft->kind].name, NAMEF(ft->entity ? ft->entity->name : ft->name), line_of(&r, o->span));
  }
  if (!m->auth && m->nfeatures)
    assume(&r, ((Span){0, 0}), S("auth"), "no auth feature: the API is open, so it suits internal use only");
  pick_principal(&r);

  /* 5. ownership, rows, sizes */
  link_parents(&r, asts);
  /* Devices: the root of each ingested entity's ownership chain is what the
   * project's `devices` counts. The walk is bounded: cycles are cut later. */
  if (m->project.devices > 0)
    for (int i = 0; i < m->nfeatures; i++)
      if (m->features[i].kind == FK_INGEST && m->features[i].entity) {
        Entity *root = m->features[i].entity;
        for (int n = 0; root->parent && n < m->nentities; n++)
          root = root->parent;
        if (root != m->features[i].entity && !root->principal)
          root->device = true;
      }
  derive_chains(&r, asts);
  row_sizes(m, asts);

  /* features per entity, and checks that need ownership */
  for (int i = 0; i < m->nfeatures; i++)
    if (m->features[i].entity)
      m->features[i].entity->nfeatures++;
  for (int i = 0; i < m->nentities; i++) {
    m->entities[i].features = new(a, Feature *, m->entities[i].nfeatures);
    m->entities[i].nfeatures = 0;
  }
  for (int i = 0; i < m->nfeatures; i++) {
    Feature *ft = &m->features[i];
    if (ft->entity)
      ft->entity->features[ft->entity->nfeatures++] = ft;
    const Option *oo = feature_opt(ft, "owner-only");
    if (oo && ft->entity) {
      if (!m->auth)
        ERR(&r, oo->span, "owner-only needs a 'feature auth' to know who the owner is");
      else if (m->principal && ft->entity != m->principal && ft->entity->owner != m->principal &&
               !chain_broken(ft->entity))
        ERR(&r, oo->span, "owner-only: %.*s%s has no chain of required relations to %.*s%s", NAMEF(ft->entity->name),
            NAMEF(m->principal->name));
    }
    const Option *ro = feature_opt(ft, "roles");
    if (ro && m->auth && ft->kind != FK_AUTH) {
      const Option *declared = feature_opt(m->auth, "roles");
      if (!declared) {
        ERR(&r, ro->span, "roles need a list in feature auth: add 'roles %.*s%s' there", NAMEF(ro->args[0].text));
        continue;
      }
      for (int k = 0; k < ro->nargs; k++) {
        bool ok = false;
        for (int j = 0; declared && j < declared->nargs; j++)
          ok |= str_eq(declared->args[j].text, ro->args[k].text);
        if (!ok)
          ERR(&r, ro->args[k].span, "role '%.*s%s' is not declared in feature auth's roles", NAMEF(ro->args[k].text));
      }
    }
  }
  for (int i = 0; i < ndeclared; i++) {
    Entity *e = &m->entities[i];
    int k = 0;
    for (const AstField *af = asts[i]->fields; af && k < e->nfields; af = af->next, k++) {
      if (af->ntrans)
        resolve_lifecycle(&r, &e->fields[k], af);
      if (af->derived)
        resolve_derived(&r, e, &e->fields[k], af);
      if (af->role == ROLE_MARK_WRITABLE && (af->derived || af->ntrans))
        ERR(&r, af->role_span, "'%.*s%s' is %s, so the client cannot write it", NAMEF(af->name),
            af->derived ? "derived" : "changed only by its transitions");
      /* A state field is the server's (src/plan/fields.c): say so where the
       * API would otherwise offer no way to change it. */
      bool crud = false;
      for (int fi = 0; fi < e->nfeatures; fi++)
        crud |= e->features[fi]->kind == FK_CRUD && !feature_has(e->features[fi], "read-only");
      if (crud && af->type == FT_ENUM && !af->array && !af->ntrans && !af->role &&
          (str_eqc(af->name, "status") || str_eqc(af->name, "state")))
        WARN(&r, af->span, "'%.*s%s' is set by the server only: declare its transitions, as in { %.*s%s -> %.*s%s by owner }, "
             "or mark it writable", NAMEF(af->name), NAMEF(af->enum_vals[0]), NAMEF(af->enum_vals[af->nenum > 1 ? 1 : 0]));
    }
  }
  for (int i = 0; i < ndeclared; i++) {
    Entity *e = &m->entities[i];
    if (!e->nfeatures && !e->nincoming && !e->parent && !e->principal && m->nfeatures)
      WARN(&r, e->span, "entity '%.*s%s' is not used by any feature or relation", NAMEF(e->name));
  }

  m->assumptions = r.asm_buf;
  m->nassumptions = r.nasm;
  return sink->errors ? NULL : m;
}
