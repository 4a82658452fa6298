/* The knowledge base: technologies, vocabularies and rule sets, as data.
 *
 * KB files (kb/NAME.kb) share the spec language's lexer. A file is a list of
 * records, `KIND ID { items }`, one item per line: a key and its values. The
 * loader parses records generically, then checks each against the schema of
 * its kind (which keys, which values, which vocabulary) and that every figure
 * carries `source "URL"` and `date "YYYY-MM-DD"`. kb/README.md documents the
 * format; grep 'KB SCHEMA' for the tables.
 *
 * The files in kb/ are compiled into the binary; `--kb DIR` loads DIR's files
 * after them, and a record there replaces a built-in record of the same kind
 * and id. Everything lives in the arena given to kb_load. */
#ifndef PLINTH_KB_H
#define PLINTH_KB_H

#include <stdbool.h>
#include <stdint.h>

#include "../spec/ast.h"
#include "../util/arena.h"
#include "../util/diag.h"

typedef enum { KV_WORD, KV_NUMBER, KV_STRING, KV_SLASH } KbValKind;

typedef struct {
  KbValKind kind;
  Str text;       /* word, string contents, or the number token */
  double num;     /* numbers: value without unit */
  Str unit;       /* numbers: suffix ("ms", "%", "MB"), may be empty */
  bool dollar;
  Span span;
} KbVal;

typedef struct {
  Str key;
  Span span;
  KbVal *vals;
  int nvals;
  Str source, date;   /* for figures; empty otherwise */
  Span source_span, date_span;
} KbItem;

/* A record's kind, interned when it is parsed (kbgen writes it into the
 * static tables): scans for the records of one kind compare integers. */
#define KB_KINDS(X)                                                                                               \
  X(KIND_VOCAB, "vocab") X(KIND_FIGURES, "figures") X(KIND_TECH, "tech") X(KIND_PATTERN, "pattern")             \
      X(KIND_RULE, "rule") X(KIND_NOUN, "noun") X(KIND_CUE, "cue") X(KIND_SKILL, "skill")                       \
      X(KIND_MEASURE, "measure") X(KIND_PROVIDER, "provider") X(KIND_SYMPTOM, "symptom") X(KIND_START, "start") \
      X(KIND_TABLE, "table") X(KIND_TEXT, "text") X(KIND_PITFALL, "pitfall") X(KIND_RISK, "risk")               \
      X(KIND_CHECK, "check") X(KIND_STRIDE, "stride")
typedef enum {
  KIND_UNKNOWN,   /* not a kind of the schema: the checks report it */
#define KB_ENUM(e, s) e,
  KB_KINDS(KB_ENUM)
#undef KB_ENUM
  KIND_COUNT_
} KbKind;

typedef struct {
  Str kind, id;
  Span span;          /* the id */
  Span kind_span;
  int layer;          /* 0: built in; 1: from --kb DIR */
  const SourceFile *file;
  KbItem *items;
  int nitems;
  KbKind kindid;      /* kind, interned */
} KbRecord;

/* Names the planner asks a technology about, interned when the technology
 * is built (build_tech; kbgen writes them into the static tables): a fact's
 * key is a KbKey, each capability the code tests a bit of Tech.capset, so
 * asking is an integer compare, not a string compare. The texts stay
 * (KbFact.key, Tech.caps) for what is printed; a capability the code never
 * tests has no bit. */
#define KB_KEYS(X)                                                                                                \
  X(KEY_PRICE, "price") X(KEY_LIMIT, "limit") X(KEY_LATENCY, "latency") X(KEY_COLDSTART, "coldstart")           \
      X(KEY_SLA, "sla") X(KEY_SIZE, "size") X(KEY_TIER, "tier") X(KEY_UNPRICED, "unpriced")
typedef enum {
  KEY_OTHER,   /* a key the code does not ask for */
#define KB_ENUM(e, s) e,
  KB_KEYS(KB_ENUM)
  KEY_COUNT_
} KbKey;
#define KB_CAPS(X)                                                                                                \
  X(CAP_ONE_WRITER, "one-writer") X(CAP_MULTI_REGION, "multi-region") X(CAP_AUTOSCALE, "autoscale")             \
      X(CAP_STORAGE_SEPARATED, "storage-separated") X(CAP_REPLICATION, "replication")                          \
      X(CAP_COMPRESSION, "compression") X(CAP_VPC_ONLY, "vpc-only") X(CAP_HIPAA_ELIGIBLE, "hipaa-eligible")     \
      X(CAP_PCI_COMPLIANT, "pci-compliant") X(CAP_ALERTING, "alerting") X(CAP_CONSTRAINTS, "constraints")       \
      X(CAP_SECONDARY_INDEXES, "secondary-indexes") X(CAP_CONNECTION_POOLING, "connection-pooling")             \
      X(CAP_MERGETREE, "mergetree") X(CAP_PRIVATE_LINK, "private-link")
typedef enum {
  KB_CAPS(KB_ENUM)
  CAP_COUNT_
#undef KB_ENUM
} KbCap;
_Static_assert(CAP_COUNT_ <= 32, "Tech.capset holds 32 capabilities");

/* A numeric fact: price, limit, latency, sla, size... */
typedef struct {
  Str key;        /* "price", "limit", "latency", "coldstart", "sla", "size", "tier", "unpriced" */
  KbKey keyid;    /* the key interned */
  Str name;       /* "hour", "connections", "p95", a size's name, or the unit of a meter billed but unpriced */
  double value;   /* base units: dollars, seconds, bytes, counts, fraction */
  double vcpu, memory;   /* sizes only */
  double rps;            /* sizes only: requests/s one node of this size serves */
  double reads, writes;  /* sizes only: sustained operations/s one instance carries; 0: not stated */
  double connections;    /* sizes only: connections one instance accepts; 0: not stated */
  double max;            /* sizes only: most instances of this size the provider allows; 0: no limit */
  double baseline;       /* sizes only: a burstable class's sustained CPU share once its credits run out; 0: not burstable */
  double above;          /* prices only: the usage past which this rate applies (a volume band); 0: the base rate */
  double granted;        /* adjustable limits only: the most the provider grants on request; 0: not stated */
  Str *includes;         /* tiers: what the tier includes (hipaa, pci, pitr, sla, ...); sizes: the
                          * deployment modes that accept the class (none stated: every mode) */
  int nincludes;
  bool monthly;          /* sizes only: value is per month, not per hour */
  bool adjustable;       /* limits only: a default quota the provider raises on request, not a ceiling */
  Str source, date;
  Span span;
} KbFact;

typedef struct {
  const KbRecord *rec;
  Str id, name, slot, family, hosting, version, url, summary;
  Str vendor;            /* who runs it, when not the cloud it runs on; empty: see plan_vendor */
  Str *clouds, *caps, *skills;
  int nclouds, ncaps, nskills;
  Str *regions;          /* areas that keep customer data; none: every area */
  int nregions;
  int burden, lockin;
  KbFact *facts;
  int nfacts;
  uint32_t capset;       /* bit c: it has capability c (KbCap) */
} Tech;

typedef struct {
  Str slot;
  const Tech **techs;
  int n;
} KbSlot;

typedef struct {
  KbRecord *recs;
  int nrecs;
  KbSlot *slots;                  /* technologies by slot */
  int nslots;
  Tech *techs;
  int ntechs;
  const KbRecord **rules;         /* the `rule` records, in order */
  int nrules;
  struct KbItemScratch *scratch;  /* the loader's working space */
  int layer;                      /* layer of the records being parsed */
  /* kb_record's hash table of (kind, id): name_mask + 1 slots (a power of
   * two, at least twice the records), each a record index + 1 (0: empty),
   * the first record of each kind and id; NULL: none (a scan). */
  const int *by_name;
  unsigned name_mask;
  int rec_cap;                    /* records recs has room for (the loader's) */
} Kb;

/* Loads the built-in KB and then, when dir is not NULL, every *.kb file in
 * dir (sorted by name). Reports to sink; returns NULL after errors. Without
 * dir it is the static tables built at compile time (tools/kbgen.c), whose
 * checks ran in the build: nothing is parsed. */
const Kb *kb_load(Arena *a, const char *dir, DiagSink *sink);
/* The same, always parsing and checking every file (kb check, kbgen). */
Kb *kb_parse_all(Arena *a, const char *dir, DiagSink *sink);

/* Parses and checks KB text already in memory (used by kb_load and tests).
 * Records are appended to *kb. */
void kb_parse(Arena *a, Kb *kb, const SourceFile *f, DiagSink *sink);
/* Validates the whole KB and builds the Tech views. */
bool kb_finish(Arena *a, Kb *kb, DiagSink *sink);

const Tech *kb_tech(const Kb *kb, Str id);
/* Technologies a user's word names, ignoring case, best kind of match
 * first: its whole id or name; else the start of its id ("postgres" for
 * postgresql); else a whole part of its id or name ("dynamodb" for
 * aws-dynamodb); else anywhere in them. Only that best kind counts; with
 * `slot` (not empty) only that slot's technologies. Fills up to max of them
 * into out, in KB order; returns how many there are (1: unambiguous). */
int kb_match(const Kb *kb, Str q, Str slot, const Tech **out, int max);
/* The technologies of a slot, in KB order; *n gets their count. */
const Tech *const *kb_slot(const Kb *kb, Str slot, int *n);
const KbRecord *kb_record(const Kb *kb, const char *kind, Str id);
/* Whether the technology has capability `cap`. */
static inline bool tech_has(const Tech *t, KbCap cap) { return t->capset >> cap & 1; }
/* The first fact with this key and name (NULL: any name), or NULL. */
const KbFact *tech_fact(const Tech *t, KbKey key, const char *name);
/* Value of a fact, or `dflt` when the tech does not state it. */
double tech_value(const Tech *t, KbKey key, const char *name, double dflt);
/* The interned key of a fact's key text: KEY_OTHER when the code asks for
 * no such key. */
KbKey kb_key(Str key);
/* The interned kind of a record's kind text. */
KbKind kb_kind(Str kind);

/* A named figure from a `figures RECORD { NAME VALUE source .. date .. }`
 * record, in base units; NaN when absent. *where, if given, receives the
 * item (for its source and date). */
double kb_figure(const Kb *kb, const char *record, const char *name, const KbItem **where);

/* The built-in files, generated from kb/ at build time. */
typedef struct {
  const char *name;
  const char *text;
  ptrdiff_t len;
} KbEmbedded;
extern const KbEmbedded kb_embedded[];
extern const int kb_nembedded;

#endif
