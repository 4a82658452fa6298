/* Fault injection for the output folder tests, by LD_PRELOAD (as jq's
 * inject_errors.c). Each knob counts calls from the start of the process:
 *   PLINTH_FAULT_WRITE=N   the Nth write() fails with ENOSPC
 *   PLINTH_FAULT_CREATE=N  the Nth openat() with O_CREAT fails with EACCES
 *   PLINTH_FAULT_KILL=N    the process kills itself (SIGKILL) at the Nth
 *                          renameat(), before it happens
 *   PLINTH_FAULT_COUNT=F   at exit, the number of renameat() calls is
 *                          appended to the file F */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static long knob(const char *name) {
  const char *v = getenv(name);
  return v && *v ? atol(v) : 0;
}

static long writes, creates, renames;

ssize_t write(int fd, const void *p, size_t n) {
  static ssize_t (*real)(int, const void *, size_t);
  if (!real)
    real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
  if (fd > 2 && ++writes == knob("PLINTH_FAULT_WRITE")) {
    errno = ENOSPC;
    return -1;
  }
  return real(fd, p, n);
}

int openat(int dfd, const char *path, int flags, ...) {
  static int (*real)(int, const char *, int, ...);
  if (!real)
    real = (int (*)(int, const char *, int, ...))dlsym(RTLD_NEXT, "openat");
  mode_t mode = 0;
  if (flags & O_CREAT) {
    va_list ap;
    va_start(ap, flags);
    mode = (mode_t)va_arg(ap, int);
    va_end(ap);
    if (++creates == knob("PLINTH_FAULT_CREATE")) {
      errno = EACCES;
      return -1;
    }
  }
  return real(dfd, path, flags, mode);
}

static void count(void) {
  const char *f = getenv("PLINTH_FAULT_COUNT");
  FILE *fp = f && *f ? fopen(f, "a") : NULL;
  if (fp) {
    fprintf(fp, "%ld\n", renames);
    fclose(fp);
  }
}

int renameat(int a, const char *from, int b, const char *to) {
  static int (*real)(int, const char *, int, const char *);
  if (!real) {
    real = (int (*)(int, const char *, int, const char *))dlsym(RTLD_NEXT, "renameat");
    atexit(count);
  }
  if (++renames == knob("PLINTH_FAULT_KILL"))
    raise(SIGKILL);
  return real(a, from, b, to);
}
