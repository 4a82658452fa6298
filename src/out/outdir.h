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
#include "../util/sha256.h"

#define OUTDIR_MANIFEST ".plinth-manifest"
#define OUTDIR_JOURNAL ".plinth-journal"
#define OUTDIR_ADR_DIR "adr"       /* the records' folder unless plan -o --adr-dir says another */
/* Every temporary file starts so; any left in the folder (or a subfolder)
 * when a run takes the lock is a killed run's, and is removed. */
#define OUTDIR_TMP_PREFIX ".plinth-tmp-"

typedef struct {
  Str path;              /* relative to DIR */
  char hash[65];         /* lowercase hex SHA-256 */
  char alt[65];          /* the journal's hash (an interrupted run's new file), or "" */
} ManifestEntry;

typedef struct OutState {
  ManifestEntry *v;
  int n, cap;
  AdrIndex adrs;
} OutState;

/* A file written under a temporary name, waiting for outdir_commit. */
typedef struct {
  char *rel;             /* final path, relative to DIR */
  char *tmp;             /* temporary name, in the same folder */
} Staged;

enum { OUTDIR_SUBS = 32 };

/* The output folder, open and locked for one run. Every file is reached
 * from `fd` one component at a time with O_NOFOLLOW, so a symbolic link
 * planted in the folder is never followed; files are created with
 * O_CREAT|O_EXCL|O_NOFOLLOW under fresh temporary names and renamed into
 * place. The lock (flock on the folder) is held from outdir_open to
 * outdir_close: a second run on the same folder waits. */
typedef struct OutDir {
  int fd;                /* -1: not open */
  const char *name;      /* as given, for messages */
  Staged *v;             /* heap; freed by outdir_close */
  int n, cap;
  unsigned seq;          /* next temporary name's number */
  long pid;              /* this process's id, in temporary names */
  /* Subfolders already walked to, kept open for the run (each file takes
   * three steps in its folder: compare, write, rename). */
  struct OutSub {
    char *rel;           /* "diagrams", "infra/k8s": heap, no trailing slash */
    int fd;
  } subs[OUTDIR_SUBS];
  int nsubs;
  bool empty;            /* it held nothing when locked: a first run */
} OutDir;

/* How long a run waits for another run's lock on the folder by default
 * (--lock-wait SECONDS); a 10,000-entity plan takes about a minute. */
#define OUTDIR_LOCK_WAIT 120

/* Takes the exclusive flock on the folder open as `fd` (named `name` in
 * messages). While another process holds it, a line on stderr names the
 * folder and the holder (its process id, from /proc/locks, when known) and
 * this one waits at most wait_s seconds (0: not at all). False with a
 * message in err (exit 2) naming both when the time runs out. */
bool outdir_lock(int fd, const char *name, int wait_s, Buf *err);
/* Creates DIR (and its parents) when missing, opens and locks it
 * (outdir_lock), removes a killed run's temporary files. False with a
 * message in err (exit 2) when DIR is not a folder, cannot be opened, or
 * stays locked longer than wait_s seconds. */
bool outdir_open(OutDir *d, const char *dir, int wait_s, Buf *err);
/* Removes temporary files not committed, releases the lock. */
void outdir_close(OutDir *d);

/* Writes `text` to a new temporary file beside DIR/rel (creating the
 * subfolders, never through a symbolic link). False with a message naming
 * DIR/rel in err. */
bool outdir_stage(OutDir *d, const char *rel, Str text, Buf *err);
/* A file written in parts under a temporary name (report.html, made as
 * it is rendered), staged from outdir_stream_open on: a failure before
 * outdir_commit removes it with the others. */
typedef struct {
  int fd;                /* -1: closed */
  int staged;            /* its index among the staged files */
  Sha256 hash;           /* of the parts written so far */
} OutStream;
bool outdir_stream_open(OutDir *d, OutStream *s, const char *rel, Buf *err);
bool outdir_stream_write(OutDir *d, OutStream *s, Str text, Buf *err);
/* Closes the file; its SHA-256 into hex. */
bool outdir_stream_close(OutDir *d, OutStream *s, char hex[65], Buf *err);
/* Removes the last staged file (a stream whose text turned out current). */
void outdir_unstage_last(OutDir *d);
/* The temporary name (in its folder) of the last staged file. */
const char *outdir_last_tmp(const OutDir *d);
/* Reads DIR/rel (a staged temporary file, or a file already current) back
 * into `into`, through no symbolic link: its bytes from `off` on, at most
 * `max` of them (max < 0: to the end). False with a message in err. */
bool outdir_reread(OutDir *d, const char *rel, ptrdiff_t off, ptrdiff_t max, Buf *into, Buf *err);
/* DIR/rel as an earlier run wrote it, into `into`: true only when the
 * manifest (or the journal) records the file and it still has that
 * content, read through no symbolic link. */
bool outdir_earlier(OutDir *d, const OutState *st, const char *rel, Buf *into);

/* Puts every staged file in place, then the manifest. The manifest's new
 * text is first renamed to DIR/.plinth-journal; each file is renamed over
 * its old version; the journal then becomes the manifest. A run killed in
 * between leaves each file old or new and the journal saying which new
 * contents are Plinth's: the next run's outdir_load reads both. False
 * with a message in err. */
bool outdir_commit(OutDir *d, Str manifest, Buf *err);

/* Reads DIR's manifest (with an interrupted run's journal) and ADR index
 * (both optional: a first run has neither) and the text of every accepted
 * record the index names. False with a message in err on a malformed index
 * or manifest (exit status 2): renumbering on a guess would break the
 * records' links. */
bool outdir_load(Arena *a, OutDir *d, const char *adr_dir, OutState *st, Buf *err);
/* Whether `p` can name a folder inside the output folder: relative, no
 * "..", printable ASCII without spaces or backslashes. */
bool outdir_safe_path(Str p);

/* The date for new records: `opt` (YYYY-MM-DD) when given, else
 * SOURCE_DATE_EPOCH as a UTC date, else ADR_DEFAULT_DATE. False with a
 * message in err when either is malformed. */
bool outdir_date(Arena *a, const char *opt, Str *date, Buf *err);

/* The new manifest, built one file at a time as the files are made. */
typedef struct {
  ManifestEntry *v;      /* heap, as produced: outdir_manifest_free */
  int n, cap;
  Str *produced;         /* every path made this run */
  int nproduced, pcap;
  int kept;              /* files left alone */
} Manifest;

/* Decides whether to write file f under DIR: *write is set for a file that
 * is new, or whose content on disk is what Plinth recorded for it
 * (unchanged since written, or written by an interrupted run: the
 * journal), or with `force`. A file whose content on disk already equals
 * the new text (the same SHA-256, read in chunks) is not rewritten. A file that differs both from the new
 * text and from its recorded hash (a person edited it, or Plinth never
 * wrote it, or it is a link) is left alone with a warning appended to
 * `warn` and counted in m->kept. Its manifest entry goes into m. */
void outdir_consider(Arena *a, OutDir *d, const OutState *st, const OutFile *f, bool force, bool *write,
                     Buf *warn, Manifest *m);
/* The same for a file known by its path and the SHA-256 of its new text. */
void outdir_consider_hash(Arena *a, OutDir *d, const OutState *st, const char *rel, const char now[65], bool force,
                          bool *write, Buf *warn, Manifest *m);
/* The manifest's text into `out`: every file written or already current,
 * plus the previous entries of files left alone or not produced this time
 * that still exist, sorted by path. */
void outdir_manifest(Arena *a, OutDir *d, const OutState *st, Manifest *m, Buf *out);
/* Frees the manifest's arrays (heap: grown one file at a time). */
void outdir_manifest_free(Manifest *m);

#endif
