/* plinth diff: what changes between the plans of two versions of a spec.
 *
 * Everything is computed from the two plans' structures: the choices slot
 * by slot (any slot either plan has, so slots added later need nothing
 * here), their costs and sizing, the explained figures, the contract's
 * endpoints and fields, the schema's names, and the roadmap's tasks. Text
 * the emitters wrote is never compared. The migration is a list of steps
 * in expand/contract order; emit/diff.c writes them as SQL with the same
 * pieces schema.sql is written with. All memory is in the caller's arena. */
#ifndef PLINTH_DIFF_H
#define PLINTH_DIFF_H

#include "plan.h"

typedef struct {
  Str slot;              /* "style", or a need's slot */
  Str before, after;     /* technology ids (the style's name); empty: none */
  Str before_name, after_name;
  Str before_sizing, after_sizing;   /* topology: "2 instances of ..." */
  int before_instances, after_instances;
  Str why;               /* NEW's reasons (OLD's need when the slot is gone) */
} DiffDecision;

typedef struct {
  Str slot;
  Str before_tech, after_tech;
  double before, after;  /* USD a month; 0 where the plan lacks the slot */
} DiffCost;

typedef struct {
  Str key, label, unit;
  double before, after;
} DiffFigure;

typedef struct {
  bool breaking;
  Str op;                /* operation id ("createTask"), or empty for the API as a whole */
  Str endpoint;          /* "POST /v1/tasks" */
  Str field;             /* "Task.title", or empty */
  Str change;            /* for people: "new required request field" */
} DiffApi;

typedef enum { TASK_ADDED, TASK_REMOVED, TASK_REESTIMATED } TaskChange;

typedef struct {
  TaskChange change;
  Str id, name;
  double before, after;  /* days */
} DiffTask;

/* ---- the schema ---- */

/* Per entity of NEW: the entity of OLD it continues (same name, or the
 * name its `was` gives), and per field the field of OLD it continues. */
typedef struct {
  int old;               /* index in OLD's entities, -1: a new table */
  bool renamed;
  int *fields;           /* per field: index in OLD's entity, -1: new */
  bool *renamed_field;
} DiffEntity;

typedef enum {
  MIG_RENAME_TABLE, MIG_RENAME_COLUMN, MIG_RENAME_CONSTRAINT, MIG_DROP_TRIGGERS,
  MIG_DROP_FK, MIG_DROP_CHECK, MIG_DROP_UNIQUE, MIG_DROP_NOT_NULL, MIG_DROP_DEFAULT,
  MIG_CREATE_TABLE, MIG_ADD_COLUMN, MIG_ADD_EXTRA, MIG_ALTER_TYPE, MIG_SET_DEFAULT, MIG_ADD_DELETED_AT, MIG_CREATE_AUDIT,
  MIG_CREATE_INTEGRATION, MIG_SET_NOT_NULL, MIG_ADD_CHECK, MIG_OUTBOX_CHANNELS, MIG_ADD_UNIQUE, MIG_ADD_FK, MIG_COMMENT,
  MIG_CREATE_TRIGGERS,
  MIG_DROP_INDEX, MIG_RENAME_INDEX, MIG_CREATE_INDEX, MIG_PARTITIONING,
  MIG_NARROW_TYPE, MIG_DROP_EXTRA, MIG_DROP_COLUMN, MIG_DROP_DELETED_AT, MIG_DROP_AUDIT, MIG_DROP_INTEGRATION, MIG_DROP_TABLE
} MigKind;   /* ORDER: the order the steps run in (expand, constrain, indexes, contract) */

/* The columns schema.sql adds beside an entity's fields (MigStep.index of
 * MIG_ADD_EXTRA and MIG_DROP_EXTRA): an uploaded file's status, size and
 * sha256 (of the field MigStep.field, or old_field when dropped), the row's
 * currency, the payment provider's checkout and payment ids. */
enum { EXTRA_UP_STATUS, EXTRA_UP_SIZE, EXTRA_UP_SHA256, EXTRA_CURRENCY, EXTRA_CHECKOUT, EXTRA_PAYMENT };
/* MIG_*_TRIGGERS: index 0 a lifecycle's guard, 1 a derived sum's triggers.
 * A drop names the table the trigger is on in `from` (its name once the
 * renames have run) and the function in `to`. MIG_*_INTEGRATION: index 0
 * the webhook-events table, 1 the outbox. */

typedef struct {
  MigKind kind;
  int ent;               /* NEW's entity (-1 for steps on OLD only) */
  int field;             /* NEW's field, or -1 */
  int old_ent, old_field;
  int index;             /* sql_index's `which`, in NEW (create, rename) or OLD (drop) */
  Str from, to;          /* renames: old and new names (table, column, constraint, index) */
  bool destructive;      /* loses data: commented out unless --allow-destructive */
  bool backfill;         /* SET NOT NULL on rows that may hold NULL: backfill first */
} MigStep;

typedef struct PlanDiff {
  const Plan *before, *after;
  DiffDecision *decisions;
  int ndecisions;
  DiffCost *costs;
  int ncosts;
  double cost_before, cost_after;
  DiffFigure *figures;   /* capacity figures that moved */
  int nfigures;
  DiffApi *api;          /* breaking first */
  int napi, nbreaking;
  DiffTask *tasks;
  int ntasks;
  double days_before, days_after;
  DiffEntity *ents;      /* parallel to NEW's entities */
  MigStep *steps;        /* the migration, in the order it runs */
  int nsteps, step_cap;
  int ndestructive;
  Str *notes;            /* for people: a `was` that names nothing in OLD, ... */
  int nnotes, note_cap;
} PlanDiff;

/* Compares two whole plans (driver_plan; the roadmap is read if present). */
PlanDiff *plan_diff(Arena *a, const Plan *before, const Plan *after);
/* Whether nothing differs. */
bool plan_diff_empty(const PlanDiff *d);
/* PostgreSQL's name for an unnamed constraint: table_column_suffix cut to
 * 63 bytes the way PostgreSQL cuts it (the longer part first). */
Str plan_pg_constraint_name(Arena *a, Str table, Str column, const char *suffix);

#endif
