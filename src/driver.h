/* The pipeline behind every command: read -> parse -> resolve (-> plan ->
 * emit, in later stages). Shared by the CLI and the server. One Compilation
 * owns one arena; driver_free releases everything. */
#ifndef PLINTH_DRIVER_H
#define PLINTH_DRIVER_H

#include <stdio.h>

#include "emit/emit.h"
#include "kb/kb.h"
#include "model/model.h"
#include "plan/plan.h"
#include "spec/ast.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/diag.h"

typedef struct {
  Arena arena;
  SourceFile file;
  DiagSink sink;
  Ast *ast;              /* NULL once dropped */
  Arena tree;            /* the syntax tree's own arena, with drop_tree */
  bool drop_tree;        /* parse into `tree` and drop it once resolved */
  Model *model;
  const Kb *kb;          /* read-only: the server and the intake share one loaded base */
  Plan *plan;
  struct OutState *out;   /* the output folder as the last -o run left it */
  struct OutDir *dir;     /* that folder, open and locked until driver_free */
  const char *adr_dir;    /* plan -o --adr-dir: the records' folder in it; NULL: adr */
  int lock_wait;          /* seconds to wait for another run's lock on that folder */
} Compilation;

/* Arena reservation per compilation; memory is committed only as used. */
#define DRIVER_ARENA_BYTES ((ptrdiff_t)4 << 30)

/* Sets up a compilation that reports through fn/ctx. */
void driver_init(Compilation *c, DiagFn *fn, void *ctx);
/* The same over an arena the caller owns (the server's, reset per
 * request): do not call driver_free then. */
void driver_init_in(Compilation *c, Arena arena, DiagFn *fn, void *ctx);
/* Reads `path` ("-" for stdin). On failure writes a message to err and
 * returns false (an I/O error: exit status 2). */
bool driver_read(Compilation *c, const char *path, Buf *err);
/* Reads all of `fp` into the arena: 0, 1 on a read error, 2 when it is over
 * SPEC_MAX_BYTES (then at most one 64 KiB chunk more is read). */
int driver_slurp(Arena *a, FILE *fp, Str *out);
/* Uses `text` as the spec named `name`; the text must outlive c. */
void driver_set_text(Compilation *c, const char *name, Str text);
/* Parses and resolves. Returns the model, or NULL after errors. */
Model *driver_compile(Compilation *c);
/* How far driver_plan_with takes the plan. */
typedef enum {
  DRIVE_FIGURES,   /* plan_estimate: figures, choices and style (estimate, compare) */
  DRIVE_BUILT,     /* plan_build: and the contract, the alerts and the services */
  DRIVE_WHOLE,     /* and the roadmap, the risks and the review (plan_delivery_for) */
  DRIVE_DECIDED,   /* and when to revisit, the documents' facts, the kit and the records */
} DriveDepth;

typedef struct {
  const char *kb_dir;   /* a knowledge-base folder loaded after the built-in one, or NULL */
  DriveDepth depth;
  int devs;             /* the roadmap for this many developers; 0: the team's size */
  bool quiet;           /* report no diagnostics (they are still counted) */
} DriveOpts;

/* The one place the stages are wired: compiles, loads the knowledge base
 * (unless c->kb is already set: the server loads it once and shares it
 * read-only) and builds the plan to o->depth. Returns it, or NULL after
 * errors. */
Plan *driver_plan_with(Compilation *c, const DriveOpts *o);
/* driver_plan_with to DRIVE_WHOLE: the plan with its roadmap, risks and review. */
Plan *driver_plan(Compilation *c, const char *kb_dir);
/* driver_plan_with to DRIVE_FIGURES. */
Plan *driver_estimate(Compilation *c, const char *kb_dir);
/* driver_plan_with to DRIVE_DECIDED. */
Plan *driver_decide(Compilation *c, const char *kb_dir);
/* Reports the plan's failed review items as diagnostics at the spec text
 * responsible (after driver_plan). With `rule`, *rule names each item's id
 * while it is reported, then NULL. */
void driver_review(Compilation *c, const char **rule);
void driver_free(Compilation *c);

/* Numbers the plan's decision records (after driver_decide). With `dir`,
 * first reads what the last `plinth plan -o dir` left there (its manifest
 * and record index) so numbers stay stable; `date` (YYYY-MM-DD, or NULL
 * for SOURCE_DATE_EPOCH or the fixed default) dates new records. The folder
 * is created if needed and locked until driver_free. False with a message
 * in err on a bad date or an unreadable folder (exit status 2). */
bool driver_records(Compilation *c, const char *dir, const char *date, Buf *err);
/* Emits every artifact of the plan into the folder driver_records(c, dir,
 * ...) opened and locked, one row at a time (emit_each: only the Markdown
 * and SVG that report.html reads are held to the end), leaving alone any
 * file a person edited since Plinth wrote it (a warning in warn) unless
 * `force`, then the manifest of hashes (see outdir_commit: each file is
 * old or new after any failure, and the next run knows which). Counts the
 * files made, written and left alone. False with a message in err (an I/O
 * error: exit status 2). */
bool driver_write_plan(Compilation *c, bool force, Buf *err, Buf *warn, int *files, int *written, int *kept);

#endif
