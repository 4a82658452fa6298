/* Diagnostics: one sink per compilation.
 *
 * Every message carries a source position as a byte offset and length into a
 * SourceFile; line and column are computed on demand from the file's line
 * map. The sink counts errors and warnings and hands each diagnostic to a
 * callback: the CLI renders them as text (diag_render), the server as JSON.
 *
 * After `max_errors` errors the sink sets `stop`; callers check it and give up
 * on the compilation instead of reporting more. */
#ifndef PLINTH_DIAG_H
#define PLINTH_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "str.h"

typedef struct {
  const char *name;   /* as given on the command line, "<stdin>" for - */
  Str text;
  ptrdiff_t *lines;   /* byte offset of each line start; built lazily */
  ptrdiff_t nlines;
} SourceFile;

typedef enum { SEV_NOTE, SEV_WARNING, SEV_ERROR } Severity;

enum { DIAG_SAME_SHOWN = 3 };

typedef struct {
  Severity sev;
  const SourceFile *file;   /* NULL for diagnostics about no particular place */
  ptrdiff_t off, len;       /* byte range the caret underlines */
  int line, col;            /* 1-based; col counts code points */
  const char *msg;          /* valid only during the callback */
} Diagnostic;

typedef void DiagFn(void *ctx, const Diagnostic *d);

typedef struct {
  DiagFn *fn;
  void *ctx;
  Arena *arena;       /* for line maps */
  int errors, warnings;
  int io_errors;      /* of `errors`, files that could not be read: exit status 2 */
  int max_errors;     /* 0: 20 */
  bool stop;
  bool werror;        /* treat warnings as errors */
  /* After DIAG_SAME_SHOWN diagnostics in a row with the same severity
   * and message, more are counted, not shown; diag_flush (or the next
   * different one) reports them as one note at the last one's place.
   * Repeats count in errors and warnings but not toward max_errors. */
  uint64_t last_hash;
  Severity last_sev;
  int shown, repeats;
  int repeated;          /* errors counted, not shown: not toward max_errors */
  char last_msg[1024];
  const SourceFile *rep_file;
  ptrdiff_t rep_off, rep_len;
  int first_line;
} DiagSink;

/* Report at a byte range; `fmt` is printf-style. */
void diag_at(DiagSink *s, const SourceFile *f, Severity sev, ptrdiff_t off, ptrdiff_t len, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Reports a pending run of repeated diagnostics (see DiagSink). Call it
 * when a stage ends; diag_at calls it before a different diagnostic. */
void diag_flush(DiagSink *s);
/* Appends z with every hostile code point (esc_hostile) as \u{XXXX} and
 * every byte that is not UTF-8 as \xHH, for a terminal. */
void diag_put_escaped(Buf *out, const char *z);

/* Fills in line and column for a byte offset. */
void diag_locate(Arena *a, const SourceFile *f, ptrdiff_t off, int *line, int *col);

/* Renders as "file:line:col: error: msg", the source line and a caret line. */
void diag_render(Buf *out, const Diagnostic *d);

/* Names in messages are clipped to this many bytes (1 MB identifiers exist). */
#define DIAG_NAME_MAX 64
/* For printf: "%.*s%s", NAMEF(s) prints a clipped name with an ellipsis.
 * The cut falls on a UTF-8 code point boundary. */
#define NAMEF(s) diag_clip(s), (s).p, ((s).n > DIAG_NAME_MAX ? "..." : "")
int diag_clip(Str s);

#endif
