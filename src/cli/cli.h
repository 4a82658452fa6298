/* The command line: what the commands share (options, the diagnostics
 * collector, reading the spec) and the commands themselves, which main.c
 * dispatches. Every command returns an exit status: 0, 1 for errors in the
 * spec, 2 for usage and I/O, or CLI_HELP for its --help. */
#ifndef PLINTH_CLI_H
#define PLINTH_CLI_H

#include <stdbool.h>

#include "../driver.h"
#include "../emit/emit.h"
#include "../kb/kb.h"
#include "../out/outdir.h"
#include "../spec/parse.h"
#include "../util/buf.h"
#include "../util/diag.h"

#define PLINTH_VERSION "0.1.0"

/* Returned by a command asked for --help: main prints its usage, exit 0. */
enum { CLI_HELP = 256 };

/* Diagnostics are collected, then printed in source order: the passes of
 * the compiler find problems in their own order, people read top down. */
typedef struct {
  const SourceFile *file;
  ptrdiff_t off;
  int seq, group;         /* group: seq of the file's first diagnostic */
  ptrdiff_t start, len;   /* rendered text in Collector.text */
} Pending;

typedef struct {
  Pending *v;
  int n, cap;
  Buf text;
} Collector;

typedef struct {
  Collector *diags;
  const char *spec;
  const char *kb;
  const char *format;
  const char *only;
  const char *outdir;
  const char *slot;
  const char *date;       /* plan: --date for new decision records */
  const char *adr_dir;    /* plan -o: --adr-dir, the records' folder inside DIR */
  Compilation *comp;      /* plan: set by with_plan for -o */
  bool force;             /* plan -o: overwrite files people edited */
  int lock_wait;          /* plan -o: --lock-wait SECONDS, + 1 (0: not given) */
  bool records;           /* plan: number the decision records */
  bool json;
  bool werror;
  bool explain;
  int devs;               /* roadmap --devs N; 0: the team's size */
} Opts;

/* A DiagFn (ctx: the Collector): renders and keeps each diagnostic. */
void cli_collect_diag(void *ctx, const Diagnostic *d);
/* Prints the kept diagnostics to stderr in source order and empties c. */
void cli_flush_diags(Collector *c);
/* Writes b to stdout: 0, or 2 on a write error. */
int cli_write_out(const Buf *b);
/* The exit status after a failed step: 2 when a file could not be read
 * (I/O), else 1 (errors in the spec or the knowledge base). */
int cli_failed(const DiagSink *s);
/* "plinth CMD: " fmt (with arg, as cli_word quotes it) and where to find
 * help; returns 2. */
int cli_usage_error(const char *cmd, const char *fmt, const char *arg);
/* A user's word as a message quotes it, in buf: at most DIAG_NAME_MAX
 * bytes then "...", and a byte that is not UTF-8 or a code point no
 * terminal should get raw as '?'. Returns buf. */
enum { CLI_WORD_BYTES = DIAG_NAME_MAX + 8 };
const char *cli_word(char *buf, const char *arg);
/* An -o value: not empty (an unset variable must not mean the root folder)
 * and not an option (a missing value must not swallow the next flag). */
bool cli_out_name_ok(const char *v);
/* --lock-wait SECONDS at argv[*i]: how long -o waits for another run's lock
 * on its folder. The seconds (*i moved past them), or -1 after a usage
 * message. */
int cli_lock_wait(const char *cmd, int argc, char **argv, int *i);
/* Parses the options shared by the spec commands. Returns -1 to go on, or
 * an exit status. */
int cli_parse_opts(const char *cmd, int argc, char **argv, Opts *o, bool allow_json);
/* Sets up the compilation and reads the spec; 0 or an exit status. */
int cli_read_spec(Compilation *c, const Opts *o);
/* Reads and compiles; returns 0 with c->model set, or an exit status. */
int cli_compile(Compilation *c, const Opts *o);
/* The technology a user's word names (kb_match), optionally in one slot;
 * NULL after a message: none, or several (listed; *ambiguous set). */
const Tech *cli_find_tech(const Kb *kb, const char *cmd, const char *q, Str slot, bool *ambiguous);
/* A whole number from lo to hi for option `opt`, or -1 after a usage error. */
int cli_int_arg(const char *cmd, const char *opt, const char *v, int lo, int hi);

/* The commands (argv[0] is the command's name). */
int cmd_check(int argc, char **argv);
int cmd_model(int argc, char **argv);
int cmd_estimate(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_roadmap(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_kb(int argc, char **argv);
int cmd_new(int argc, char **argv);
int cmd_diagnose(int argc, char **argv);
int cmd_serve(int argc, char **argv);

#endif
