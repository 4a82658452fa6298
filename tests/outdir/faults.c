/* Fault injection for the output folder tests, by LD_PRELOAD (as jq's
 * inject_errors.c). Each knob counts calls from the start of the process:
 *   PLINTH_FAULT_WRITE=N   the Nth write() fails with ENOSPC
 *   PLINTH_FAULT_CREATE=N  the Nth openat() with O_CREAT fails with EACCES
 *   PLINTH_FAULT_KILL=N    the process kills itself (SIGKILL) at the Nth
 *                          renameat(), before it happens
 *   PLINTH_FAULT_COUNT=F   at exit, the number of renameat() calls is
 *                          appended to the file F
 *   PLINTH_FAULT_LOG=F     each write() appends its number and the path
 *                          of its file to F, each renameat() "R FROM TO",
 *                          so a test can aim a fault at a given file's
 *                          write */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long knob(const char *name) {
  const char *v = getenv(name);
  return v && *v ? atol(v) : 0;
}

static long writes, creates, renames;
static int log_fd = -2;

static void log_open(void) {
  if (log_fd == -2) {
    const char *f = getenv("PLINTH_FAULT_LOG");
    log_fd = f && *f ? open(f, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644) : -1;
  }
}

ssize_t write(int fd, const void *p, size_t n) {
  static ssize_t (*real)(int, const void *, size_t);
  if (!real)
    real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
  log_open();
  if (fd <= 2 || fd == log_fd)
    return real(fd, p, n);
  ++writes;
  if (log_fd >= 0) {
    char path[512], line[600];
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    ssize_t k = readlink(proc, path, sizeof path - 1);
    path[k > 0 ? k : 0] = 0;
    int len = snprintf(line, sizeof line, "%ld %s\n", writes, path);
    if (len > 0)
      real(log_fd, line, strlen(line));
  }
  if (writes == knob("PLINTH_FAULT_WRITE")) {
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
  log_open();
  if (log_fd >= 0) {
    char line[1100];
    int len = snprintf(line, sizeof line, "R %s %s\n", from, to);
    static ssize_t (*wr)(int, const void *, size_t);
    if (!wr)
      wr = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    if (len > 0)
      wr(log_fd, line, strlen(line));
  }
  if (++renames == knob("PLINTH_FAULT_KILL"))
    raise(SIGKILL);
  return real(a, from, b, to);
}
