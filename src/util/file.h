/* Opening an input file without blocking on it. */
#ifndef PLINTH_FILE_H
#define PLINTH_FILE_H

#include <stdio.h>

#include "arena.h"
#include "str.h"

/* Opens `path` for reading ("rb") without waiting: a FIFO no process
 * writes to opens at once and reads as empty, where fopen would block
 * until a writer came. A folder is refused (NULL, errno EISDIR). On
 * failure returns NULL with errno set. */
FILE *file_open_read(const char *path);

/* Reads `fp` to its end into `a`, at most `max` bytes: an input over it
 * is refused after at most one 64 KiB chunk more is read, and a small one
 * costs only its size. Returns 0 (out set, NUL-terminated), 1 on a read
 * error or 2 over `max` (out empty). */
int file_slurp(Arena *a, FILE *fp, ptrdiff_t max, Str *out);

#endif
