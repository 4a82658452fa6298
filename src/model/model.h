/* The model: a spec with every name resolved, defaults applied and derived
 * facts computed. It is what every later stage reads (plan, emit, serve);
 * nothing downstream looks at the Ast again.
 *
 * All figures are in base units: seconds, bytes, requests per second,
 * fractions (0.2 for 20%), US dollars per month. Spans point into the
 * source so later stages can report at the line responsible.
 *
 * Everything lives in the compilation's arena; arrays are in declaration
 * order and iterating them is the only way output order is decided. */
#ifndef PLINTH_MODEL_H
#define PLINTH_MODEL_H

/* Columns an entity may bring: PostgreSQL's 1,600 a table
 * (MaxHeapAttributeNumber) less the 4 Plinth adds (id, created_at,
 * updated_at, deleted_at). Fields of <-> relations are join tables, not
 * columns. SQLite's default limit (2,000) is higher. */
#define MODEL_MAX_COLUMNS 1596
/* Bytes in an entity or field name: a name is a key in OpenAPI's YAML,
 * where an implicit key holds at most 1,024 characters, and the contract's
 * paths nest several (api.c bounds its derived names to 100 bytes). */
#define MODEL_MAX_NAME 255

#include <stdbool.h>

#include "../spec/ast.h"
#include "../util/arena.h"
#include "../util/diag.h"

typedef struct Entity Entity;
typedef struct Field Field;
typedef struct Feature Feature;

/* One allowed change of an enum field's value, and who may make it:
 * "system" (the server itself: a webhook, a job), "owner" (the row's owner)
 * or a role of feature auth. */
typedef struct {
  int from, to;           /* indices into the field's enum values */
  Str by;
  Span span;
} Transition;

struct Field {
  Str name;
  Span span;
  int index;              /* position in its entity */
  Entity *entity;         /* the entity that declares it */
  FieldType type;
  Span type_span;
  double len;             /* string(n): n; 0 when unsized */
  Str *enum_vals;
  int nenum;
  bool array, optional, unique, indexed;
  int tags;               /* TAG_* as written, plus TAG_PII for email and phone */
  RelKind rel;
  Entity *ref;            /* target of -> and <-> */
  Literal def;
  bool has_min, has_max, min_excl, max_excl;
  double min, max;
  double max_size;        /* blob: bytes; text/string: characters; 0: none */
  double avg_bytes;       /* estimated bytes in the row */
  double blob_bytes;      /* blob: estimated bytes per object in object storage */
  RoleMark role;          /* as written: writable, readonly, immutable, or none */
  Transition *trans;      /* the enum's lifecycle, in spec order; none: any change */
  int ntrans;
  Span trans_span;
  const Entity *sum_of;   /* derived: sum(sum_of.sum_a * sum_b) over the child rows */
  const Field *sum_a, *sum_b;   /* sum_b NULL: sum(sum_of.sum_a) */
  Span derived_span;
  Str was;                /* its name in an earlier version of the spec (plinth diff); empty: none */
  Span was_span;
};

/* A relation seen from its target: `field` of `from` points here. */
typedef struct {
  Entity *from;
  Field *field;
} Ref;

struct Entity {
  Str name;
  Span span;
  int index;
  Field *fields;
  int nfields;
  Ref *incoming;
  int nincoming;
  Entity *parent;         /* owner in the ownership chain: the `per` parent or the first required -> */
  Field *parent_field;
  double per_n;           /* rows per parent row */
  bool has_per;
  Span per_span;
  double rows;            /* expected rows now */
  Str rows_basis;         /* how `rows` was derived, for explanations */
  double content_bytes;   /* estimated bytes of the fields, or the spec's `size` */
  double row_bytes;       /* content plus the per-row overhead */
  double blob_bytes;      /* estimated object-storage bytes per row */
  double retain;          /* seconds; 0: kept forever */
  double grows;           /* new rows per second from `grows`; 0: not given */
  Span grows_span;
  Span retain_span;
  bool principal;         /* the entity that signs in */
  bool device;            /* counted by the project's devices */
  bool join;              /* synthesised for a <-> relation */
  bool broken;            /* a relation failed to resolve: skip checks that would cascade */
  Entity *owner;          /* the principal reached by the ownership chain, if any */
  int depth;              /* length of the ownership chain */
  Feature **features;
  int nfeatures;
  Str was;                /* its name in an earlier version of the spec (plinth diff); empty: none */
  Span was_span;
};

typedef struct {
  const OptSpec *spec;
  Span span;
  OptArg *args;
  int nargs;
  Field **fields;         /* for OA_FIELD(S): resolved args */
} Option;

struct Feature {
  FeatureKind kind;
  Span span;
  int index;
  Entity *entity;
  Field *field;           /* with `via`: a field of the entity the relations lead to */
  Field *via[4];          /* notify before E.rel.f: the -> relations followed from `entity` */
  int nvia;
  Str name;               /* report, integration, notify channel */
  Span name_span;
  Str period;
  Trigger trigger;
  double lead;            /* seconds */
  Option *opts;
  int nopts;
};

/* Something Plinth assumed because the spec was silent. */
typedef struct {
  Str key;                /* stable id, e.g. "project.active" or "entity.Product.rows" */
  Str text;               /* one sentence for people */
  Span span;              /* where it applies; len 0: the whole spec */
} Assumption;

typedef struct {
  Str name, idea;
  Span span;
  double users, active, actions, requests_per_day, reads_per_s, writes_per_s, devices, interval, peak;
  bool has_requests;      /* requests given in the spec, not derived from users */
  double month;           /* seconds in a month: 30.44 days unless seconds-per-month is given */
  double budget;          /* dollars per month; 0 with has_budget false: none */
  bool has_budget;
  double availability;
  double latency[4];      /* seconds; 0: not set (p95 is always set) */
  double deadline;        /* seconds; 0: none */
  double horizon;         /* seconds the design must carry growth for; 0: the planning default (3 years) */
  Str deadline_date;      /* a deadline given as a date (YYYY-MM-DD); with start_date it sets `deadline` */
  Str start_date;         /* the day work starts (YYYY-MM-DD); the roadmap's calendar counts from it */
  int team;
  TeamLevel level;
  Word *skills, *prefer, *compliance, *priorities, *regions, *clouds;
  int nskills, nprefer, ncompliance, npriorities, nregions, nclouds;
  Word *currencies;       /* ISO 4217 codes; none: one currency, not named */
  int ncurrencies;
  AstProject src;         /* spans of what was written */
} Project;

typedef struct {
  const SourceFile *file;
  Project project;
  Entity *entities;
  int nentities;
  Feature *features;
  int nfeatures;
  Entity *principal;      /* NULL without auth */
  Feature *auth;
  Assumption *assumptions;
  int nassumptions;
} Model;

/* The words a project block's lists accept, each list NULL-terminated and
 * in the knowledge base's order: kb/vocab.kb's `vocab clouds`, `compliance`,
 * `preferences` and `priorities`, written into the built-in tables by
 * tools/kbgen.c; and the figures that size a field's stored value
 * (kb/planning.kb's `figures storage`: text-typical-bytes) and a media
 * feature's file (kb/archetypes.kb's `figures media`: size). Weak: kbgen
 * itself is linked without them (and resolves no spec). */
typedef struct {
  const char *const *clouds, *const *compliance, *const *preferences, *const *priorities;
  double text_typical_bytes, media_bytes;
} SpecWords;
extern const SpecWords spec_words __attribute__((weak));

/* Resolves names, checks the spec's consistency and derives facts. Reports
 * to `sink`; returns NULL when any error was reported. */
Model *model_resolve(Arena *a, const Ast *ast, const SourceFile *f, DiagSink *sink);
/* Copies into `a` whatever of m still lies in `tree` (the syntax tree's
 * arena: unescaped strings, option arguments, enum values, word lists), so
 * the tree can be dropped once the model is resolved (keep.c). */
void model_keep(Arena *a, Model *m, const Arena *tree);

Entity *model_entity(const Model *m, Str name);
Field *entity_field(const Entity *e, Str name);
const Option *feature_opt(const Feature *f, const char *name);
bool feature_has(const Feature *f, const char *name);
/* The spec's first integration of that kind (payments, email, sms...), or NULL. */
const Feature *model_integration(const Model *m, const char *kind);
const char *team_level_name(TeamLevel l);
/* The organisation the principal belongs to (its parent: Agent ->
 * Company), whose rows its users share; NULL: none. */
const Entity *model_tenant(const Model *m);
/* Whether e's ownership chain reaches t (e itself included). */
bool model_reaches(const Model *m, const Entity *e, const Entity *t);

#endif
