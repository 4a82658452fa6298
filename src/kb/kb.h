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

typedef struct {
  Str kind, id;
  Span span;          /* the id */
  Span kind_span;
  int layer;          /* 0: built in; 1: from --kb DIR */
  const SourceFile *file;
  KbItem *items;
  int nitems;
} KbRecord;

/* A numeric fact: price, limit, latency, sla, size... */
typedef struct {
  Str key;        /* "price", "limit", "latency", "coldstart", "sla", "size", "tier" */
  Str name;       /* "hour", "connections", "p95", or a size's name */
  double value;   /* base units: dollars, seconds, bytes, counts, fraction */
  double vcpu, memory;   /* sizes only */
  double rps;            /* sizes only: requests/s one node of this size serves */
  double reads, writes;  /* sizes only: sustained operations/s one instance carries; 0: not stated */
  double connections;    /* sizes only: connections one instance accepts; 0: not stated */
  double max;            /* sizes only: most instances of this size the provider allows; 0: no limit */
  double baseline;       /* sizes only: a burstable class's sustained CPU share once its credits run out; 0: not burstable */
  double above;          /* prices only: the usage past which this rate applies (a volume band); 0: the base rate */
  Str *includes;         /* tiers: what the tier includes (hipaa, pci, pitr, sla, ...); sizes: the
                          * deployment modes that accept the class (none stated: every mode) */
  int nincludes;
  bool monthly;          /* sizes only: value is per month, not per hour */
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
  const int *by_id;               /* record indices by kind, id, then order (kb_record); NULL: none */
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
bool tech_has(const Tech *t, const char *cap);
/* The first fact with this key and name, or NULL. */
const KbFact *tech_fact(const Tech *t, const char *key, const char *name);
/* Value of a fact, or `dflt` when the tech does not state it. */
double tech_value(const Tech *t, const char *key, const char *name, double dflt);

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
