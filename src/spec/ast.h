/* Syntax tree of one spec file, as written: names are unresolved slices into
 * the source, every node keeps the span of the text it came from, and numbers
 * are already normalised to base units (seconds, bytes, per-second rates,
 * fractions, dollars per month). All nodes live in the compilation's arena.
 *
 * The option tables near the end say which options each feature kind takes;
 * the parser uses them to split option lists, the resolver to check values. */
#ifndef PLINTH_AST_H
#define PLINTH_AST_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/str.h"

typedef struct {
  ptrdiff_t off, len;
} Span;

/* A figure from the project block: value in base units, where it was written. */
typedef struct {
  double v;
  Span span;
  bool set;
  bool monthly;   /* a rate written per month or per year: rescaled by the project's month length */
} Fig;

/* ORDER FIELD_TYPES: keep in step with field_type_names in parse.c. */
typedef enum {
  FT_NONE, FT_STRING, FT_TEXT, FT_INT, FT_FLOAT, FT_BOOL, FT_MONEY, FT_EMAIL, FT_URL, FT_PHONE,
  FT_TIMESTAMP, FT_DATE, FT_UUID, FT_JSON, FT_BLOB, FT_SECRET, FT_ENUM, FT_REF, FT_COUNT_
} FieldType;

/* Data tags; a field may carry several. */
enum { TAG_PII = 1, TAG_SECRET = 2, TAG_PHI = 4, TAG_PCI = 8 };

typedef enum { REL_NONE, REL_MANY_TO_ONE, REL_MANY_TO_MANY } RelKind;

typedef enum { LIT_NONE, LIT_NUMBER, LIT_STRING, LIT_BOOL, LIT_WORD } LitKind;

typedef struct {
  LitKind kind;
  double num;
  Str text;    /* string contents (unescaped) or the word */
  bool b;
  bool dollar;   /* written as $N */
  Span span;
} Literal;

/* Who sets a field: the default rules (plan: src/plan/fields.c), or what the
 * spec says with `writable`, `readonly` or `immutable`. */
typedef enum { ROLE_MARK_NONE, ROLE_MARK_WRITABLE, ROLE_MARK_READONLY, ROLE_MARK_IMMUTABLE } RoleMark;

/* One allowed change of an enum: `from -> to by who`. */
typedef struct {
  Str from, to, by;
  Span from_span, to_span, by_span;
} AstTransition;

typedef struct AstField AstField;
struct AstField {
  Str name;
  Span span;            /* the name */
  FieldType type;
  Span type_span;
  double len;           /* string(n): n; 0 when unsized */
  Str *enum_vals;
  Span *enum_spans;
  int nenum;
  bool array, optional, unique, indexed;
  int tags;
  RelKind rel;
  Str ref;              /* target entity of -> or <-> */
  Span ref_span;
  Literal def;
  bool has_min, has_max, min_excl, max_excl;
  double min, max;
  Span min_span, max_span;
  double max_size;      /* "max N": bytes for blob, characters for text/string */
  Span max_size_span;
  double avg;           /* "avg SIZE": average stored bytes, overriding the estimate */
  Span avg_span;
  RoleMark role;        /* writable, readonly, immutable */
  Span role_span;
  AstTransition *trans; /* enum lifecycle: { a -> b by staff; ... } */
  int ntrans;
  Span trans_span;      /* the '{' */
  bool derived;         /* = sum(Child.a * b) */
  Span derived_span;
  Str sum_entity, sum_a, sum_b;   /* sum_b empty: sum(Child.a) */
  Span sum_entity_span, sum_a_span, sum_b_span;
  Str was;              /* "was OLD": the field's name in an earlier version of the spec */
  Span was_span;
  AstField *next;
};

typedef struct AstEntity AstEntity;
struct AstEntity {
  Str name;
  Span span;
  AstField *fields;
  int nfields;
  Str per;              /* per Parent ~ N */
  Span per_span;
  Span per_name_span;
  double per_n;
  bool has_per;
  Fig count;            /* count N: rows of a root entity */
  Fig retain;           /* seconds */
  Fig grows;            /* new rows per second */
  Fig size;             /* average bytes per row, overriding the field estimates */
  Str was;              /* entity NAME was OLD: its name in an earlier version of the spec */
  Span was_span;
  AstEntity *next;
};

typedef enum {
  FK_AUTH, FK_CRUD, FK_SEARCH, FK_UPLOAD, FK_NOTIFY, FK_REALTIME, FK_HISTORY, FK_INGEST, FK_QUERY,
  FK_REPORT, FK_DASHBOARD,
  /* archetypes: the component a classic problem is about (src/plan/archetype.c) */
  FK_FEED, FK_PRESENCE, FK_CHAT, FK_NEARBY, FK_CRAWL, FK_SHORTLINK, FK_LEADERBOARD, FK_COUNTER, FK_MEDIA,
  FK_RATELIMIT, FK_RESERVE, FK_COLLAB, FK_EXCHANGE, FK_INTEGRATION, FK_COUNT_
} FeatureKind;

/* How an option's values are written. */
typedef enum {
  OA_FLAG,        /* no value */
  OA_WORD,        /* exactly one word, from `words` when given */
  OA_OPT_WORD,    /* zero or one word from `words` */
  OA_WORDS,       /* one or more words, from `words` when given */
  OA_FIELDS,      /* one or more fields of the feature's entity */
  OA_FIELD,       /* one field of the feature's entity */
  OA_DURATION,    /* one duration */
  OA_DURATIONS,   /* one or more durations */
  OA_COUNT,       /* one count */
  OA_RATE,        /* one rate (count/period) */
  OA_SIZE,        /* one size */
  OA_DISTANCE,    /* one distance: 500m, 5km, 3mi (metres) */
  OA_MONEY        /* one positive amount in dollars: $40 */
} OptArity;

typedef struct {
  const char *name;
  OptArity arity;
  const char *const *words;  /* allowed words, NULL-terminated; NULL: any */
  const char *help;          /* one line for docs and messages */
} OptSpec;

typedef struct {
  const char *name;          /* "crud" */
  const OptSpec *opts;       /* terminated by a {0} entry */
} FeatureSpec;

extern const FeatureSpec feature_specs[FK_COUNT_];

typedef struct {
  const char *name;
  FeatureKind kind;
} FeatureAlias;
extern const FeatureAlias feature_aliases[];   /* terminated by a {0} entry */

typedef struct {
  Str text;        /* a word or field name; empty for numbers */
  double num;      /* durations in s, counts, rates per s, sizes in bytes */
  Span span;
} OptArg;

typedef struct AstOption AstOption;
struct AstOption {
  const OptSpec *spec;
  Span span;
  OptArg *args;
  int nargs;
  AstOption *next;
};

typedef enum { TRIG_NONE, TRIG_ON, TRIG_BEFORE, TRIG_EVERY } Trigger;

typedef struct AstFeature AstFeature;
struct AstFeature {
  FeatureKind kind;
  Span span;            /* the kind word */
  Str entity;           /* target entity, empty when the kind takes none */
  Span entity_span;
  Str field;            /* upload E.f, notify ... E.f */
  Span field_span;
  Str via[4];           /* notify before E.rel.f: the relations followed, in order */
  Span via_span[4];
  int nvia;
  Str name;             /* report NAME, integration NAME, notify CHANNEL */
  Span name_span;
  Str period;           /* report PERIOD */
  Span period_span;
  Trigger trigger;      /* notify */
  double lead;          /* notify before E.f DURATION: seconds */
  Span lead_span;
  AstOption *opts;
  AstFeature *next;
};

typedef enum { LVL_NONE, LVL_JUNIOR, LVL_MID, LVL_SENIOR, LVL_MIXED } TeamLevel;

typedef struct {
  Str word;
  Span span;
} Word;

/* `use SLOT TECH` in the project block: the technology for a slot. */
typedef struct {
  Word slot, tech;
  Span span;             /* the whole item, from 'use' */
} Pin;

typedef struct {
  bool present;
  Span span;             /* the 'project' keyword */
  Str name;
  Span name_span;
  Str idea;
  Span idea_span;
  Fig users, active, actions, requests, reads, writes, devices, interval, peak, budget, availability, deadline, horizon;
  Fig month;             /* seconds-per-month convention */
  Str deadline_date;     /* "deadline 2026-06-01": the date as written, in place of a duration */
  Fig start;             /* "start 2026-03-02": the span of the date (v unused) */
  Str start_date;        /* the date work starts, as written */
  Fig latency[4];        /* p50 p90 p95 p99, in seconds */
  Fig team;
  TeamLevel level;
  Span level_span;
  Word *skills, *prefer, *compliance, *priorities, *regions, *clouds;
  int nskills, nprefer, ncompliance, npriorities, nregions, nclouds;
  Word *currencies;      /* ISO 4217 codes the money fields are in */
  int ncurrencies;
  Pin *pins;             /* `use` lines, in order */
  int npins;
  Word *avoid;           /* `avoid` technology ids */
  int navoid;
} AstProject;

enum { PCT_P50, PCT_P90, PCT_P95, PCT_P99 };

typedef struct {
  AstProject project;
  AstEntity *entities;
  int nentities;
  AstFeature *features;  /* features and integrations, in file order */
  int nfeatures;
} Ast;

#endif
