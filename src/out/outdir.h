/* The output folder of `plinth plan -o DIR` as a previous run left it: the
 * manifest of the files Plinth wrote (their SHA-256, in `sha256sum` format,
 * DIR/.plinth-manifest) and the index of decision records
 * (DIR/adr/index.txt, or in the --adr-dir folder). Reading it is the only input besides the spec that
 * -o depends on: it keeps record numbers stable and edited files safe.
 * Everything read lives in the caller's arena. */
#ifndef PLINTH_OUTDIR_H
#define PLINTH_OUTDIR_H

#include "../emit/emit.h"
#include "../plan/plan.h"
#include "../util/buf.h"

#define OUTDIR_MANIFEST ".plinth-manifest"
#define OUTDIR_ADR_DIR "adr"       /* the records' folder unless plan -o --adr-dir says another */

typedef struct {
  Str path;              /* relative to DIR */
  char hash[65];         /* lowercase hex SHA-256 */
} ManifestEntry;

typedef struct OutState {
  ManifestEntry *v;
  int n, cap;
  AdrIndex adrs;
} OutState;

/* Reads DIR's manifest and ADR index (both optional: a first run has
 * neither) and the text of every accepted record the index names. False
 * with a message in err on a malformed index or manifest (exit status 2):
 * renumbering on a guess would break the records' links. */
bool outdir_load(Arena *a, const char *dir, const char *adr_dir, OutState *st, Buf *err);
/* Whether `p` can name a folder inside the output folder: relative, no
 * "..", printable ASCII without spaces or backslashes. */
bool outdir_safe_path(Str p);

/* The date for new records: `opt` (YYYY-MM-DD) when given, else
 * SOURCE_DATE_EPOCH as a UTC date, else ADR_DEFAULT_DATE. False with a
 * message in err when either is malformed. */
bool outdir_date(Arena *a, const char *opt, Str *date, Buf *err);

/* Decides which of `files` to write under DIR: write[i] is set for a file
 * that is new, or whose content on disk is what Plinth recorded for it
 * (unchanged since written), or with `force`. A file whose content on disk
 * already equals the new text is not rewritten. A file that differs both
 * from the new text and from its recorded hash (a person edited it, or
 * Plinth never wrote it) is left alone with a warning appended to `warn`.
 * `manifest` receives the new manifest: every file written or already
 * current, plus the previous entries of files left alone or not produced
 * this time that still exist, sorted by path. Returns the number of files
 * left alone. */
int outdir_select(Arena *a, const char *dir, const OutFiles *files, const OutState *st, bool force, bool *write,
                  Buf *warn, Buf *manifest);

#endif
