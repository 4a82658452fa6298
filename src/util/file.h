/* Opening an input file without blocking on it. */
#ifndef PLINTH_FILE_H
#define PLINTH_FILE_H

#include <stdio.h>

/* Opens `path` for reading ("rb") without waiting: a FIFO no process
 * writes to opens at once and reads as empty, where fopen would block
 * until a writer came. A folder is refused (NULL, errno EISDIR). On
 * failure returns NULL with errno set. */
FILE *file_open_read(const char *path);

#endif
