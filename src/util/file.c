#include "file.h"

#include <errno.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"

FILE *file_open_read(const char *path) {
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return NULL;
  struct stat st;
  int flags = fcntl(fd, F_GETFL);
  FILE *fp = NULL;
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
    errno = EISDIR;
  else if (flags >= 0 && fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == 0)
    fp = fdopen(fd, "rb");
  if (!fp) {
    int e = errno;
    close(fd);
    errno = e;
  }
  return fp;
}

int file_slurp(Arena *a, FILE *fp, ptrdiff_t max, Str *out) {
  Buf in = {0};
  char chunk[65536];
  size_t got;
  while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0 && in.n <= max)
    buf_put(&in, chunk, (ptrdiff_t)got);
  int rc = ferror(fp) ? 1 : in.n > max ? 2 : 0;
  char *text = new(a, char, (rc ? 0 : in.n) + 1);
  if (!rc && in.n)
    memcpy(text, in.p, (size_t)in.n);
  *out = (Str){text, rc ? 0 : in.n};
  buf_free(&in);
  return rc;
}
