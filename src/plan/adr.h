/* Decision records (adr.c). */
#ifndef PLINTH_PLAN_ADR_H
#define PLINTH_PLAN_ADR_H

#include "core.h"

/* One record (ADR) per decision: the architecture style, then every slot
 * with a technology. Numbers are stable across regenerations: the index of
 * the previous run (read from the output folder by the driver) maps each
 * slot to its number; a new slot takes the next free number; a slot whose
 * choice changed gets a new record that supersedes the old one, and a slot
 * the plan no longer has is deprecated. */
typedef struct {
  int number;
  Str slot;              /* "style" or a need's slot */
  Str choice;            /* technology id, or the style */
  Str status;            /* "accepted", "superseded by 0012", "deprecated" */
  Str date;              /* YYYY-MM-DD */
  Str file;              /* "0003-use-aws-lambda-for-compute.md", relative to the records' folder (adr/) */
  Str text;              /* previous index only: the file as read back, or empty */
} AdrEntry;

typedef struct {
  AdrEntry *v;
  int n, cap;
} AdrIndex;

/* A consequence of a decision as its record states it: "- VERDICT,
 * because WHY" then QUOTE. */
typedef struct {
  const char *verdict;   /* "Good", "Bad" or "Neutral" */
  Str why;               /* the plan's own words, printed as they are */
  Str quote;             /* words from the spec or the knowledge base, escaped when printed; may be empty */
} AdrConsequence;

/* One architecture style the style record weighs, with what it would
 * bring this plan. */
typedef struct {
  Str name;              /* "monolith", "modular-monolith", "serverless", "services" */
  AdrConsequence *cons;
  int ncons;
} AdrStyleOption;

typedef struct {
  AdrEntry entry;
  const Choice *choice;  /* NULL for the style */
  int supersedes;        /* the number this record replaces, 0: none */
  Str contested;         /* why this decision gets a record: a close runner-up, lock-in, data */
  AdrConsequence *cons;  /* its Consequences, in the order the record lists them */
  int ncons;
  const KbRecord **patterns;   /* the plan's patterns about its slot, in the plan's order */
  int npatterns;
} Adr;

typedef struct AdrLedger {
  Adr *adrs;             /* the current records, in plan order (style first) */
  int nadrs;
  AdrEntry *index;       /* every record ever written, by number */
  int nindex;
  AdrEntry *rewrite;     /* older records whose status changed: their text with the new status */
  int nrewrite;
  const Choice **routine;   /* choices without a record: no close runner-up, no lasting lock-in */
  const Costed **runner;    /* per routine choice: the best viable alternative, or NULL */
  int nroutine;
  int options;           /* options a record lists: the chosen one and the best others */
  Str dir;               /* the records' folder, relative to the output folder: "adr" (plan -o --adr-dir) */
  AdrStyleOption *styles;   /* the styles the style record considers, in its order */
  int nstyles;
} AdrLedger;

/* The best alternatives of a choice, at most n: viable ones by score, then
 * the others in knowledge-base order; writes indices into c->rejected and
 * returns how many (adr.c). Records and DECISIONS.md list the same ones. */
int plan_top_options(const Choice *c, int *out, int n);
/* Why a choice is contested enough for a decision record, or an empty Str
 * (adr.c); `runner` gets the best viable alternative, or NULL. */
Str plan_contested(Arena *a, const Plan *p, const Choice *c, const Costed **runner);

/* The date new records get when neither --date nor SOURCE_DATE_EPOCH is
 * given (docs/outputs.md): fixed, so output never depends on the clock. */
#define ADR_DEFAULT_DATE "2026-01-01"

/* Numbers the plan's decisions against `prev` (NULL: a first run). New
 * records are dated `date`; kept ones keep their recorded date. */
void plan_adrs(Arena *a, Plan *p, const AdrIndex *prev, Str date);

#endif
