/* Shared libraries loaded when a command first needs them, not at every
 * start: Graphviz for diagrams, md4c for report.html, libmicrohttpd (with
 * gnutls and its chain) for `plinth serve`. Linked normally, the dynamic
 * loader mapped and relocated all 23 of them for every run, 2.5 ms of CPU
 * before main() (`plan --format json` needs none of them).
 *
 * A module lists the functions it calls and keeps them in a struct of
 * pointers typed from the library's own header:
 *
 *   #define GV_FUNCS(X) X(agmemread) X(agclose)
 *   static struct { GV_FUNCS(LIB_FIELD) } gv;
 *   ... if (!lib_load(libs, names, n, syms, err)) ...
 */
#ifndef PLINTH_LIB_H
#define PLINTH_LIB_H

#include <stdbool.h>

#include "buf.h"

/* One field per function, with the function's own type. */
#define LIB_FIELD(f) __typeof__(&f) f;
/* Its name, for lib_load. */
#define LIB_NAME(f) #f,

/* Opens the first file of each group in `libs` that loads (a group is a
 * NULL-terminated list of names for one library, "libgvc.so.6" then
 * "libgvc.so"; the list of groups ends with a NULL group), then resolves
 * `names[0..n)` into `syms` (the struct of LIB_FIELDs, read as an array of
 * function pointers), searching every library opened. On failure writes
 * why to `err` and returns false. */
bool lib_load(const char *const *const *libs, const char *const *names, int n, void *syms, Buf *err);

#endif
