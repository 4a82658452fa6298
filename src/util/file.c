#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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
