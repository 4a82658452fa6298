/* The output folder (see outdir.h). Every path under DIR is walked from
 * the folder's descriptor one component at a time with O_NOFOLLOW, so a
 * symbolic link planted in the folder (a file or a subfolder) is never
 * followed out of it; files are read into the arena, written under fresh
 * temporary names created with O_EXCL and renamed into place. */
#define _DEFAULT_SOURCE /* flock */
#include "outdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "../util/format.h"
#include "../util/sha256.h"

/* mkdir -p for `path` itself and its parents (the folder the user named:
 * links in it are the user's own). */
static bool make_path(const char *dir, Buf *err) {
  Buf p = {0};
  buf_puts(&p, dir);
  buf_putc(&p, 0);
  bool ok = true;
  for (char *q = p.p + 1;; q++) {
    bool end = !*q;
    if (*q != '/' && !end)
      continue;
    *q = 0;
    if (mkdir(p.p, 0777) != 0 && errno != EEXIST) {
      buf_printf(err, "plinth: cannot create folder '%s': %s\n", p.p, strerror(errno));
      ok = false;
      break;
    }
    if (end)
      break;
    *q = '/';
  }
  buf_free(&p);
  return ok;
}

/* Opens the folder holding `rel` (its last component excluded) under
 * d->fd, creating missing subfolders when `create`; sets *base to the last
 * component. -1 with errno set on failure (ELOOP or ENOTDIR for a link or
 * a file in the way); the caller hands the result back with let_go. A
 * subfolder reached once stays open for the run (d->subs): the walk is
 * made once per folder, not three times per file. */
static int parent_of(OutDir *d, const char *rel, bool create, const char **base) {
  const char *last = strrchr(rel, '/');
  if (!last) {
    *base = rel;
    return d->fd;
  }
  size_t dirn = (size_t)(last - rel);
  for (int i = 0; i < d->nsubs; i++)
    if (!strncmp(d->subs[i].rel, rel, dirn) && !d->subs[i].rel[dirn]) {
      *base = last + 1;
      return d->subs[i].fd;
    }
  int fd = d->fd;
  const char *p = rel;
  for (const char *slash; (slash = strchr(p, '/')); p = slash + 1) {
    char part[256];
    size_t n = (size_t)(slash - p);
    if (n == 0 || n >= sizeof part) {
      errno = ENAMETOOLONG;
      goto fail;
    }
    memcpy(part, p, n);
    part[n] = 0;
    int next = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (next < 0 && errno == ENOENT && create) {
      if (mkdirat(fd, part, 0777) != 0 && errno != EEXIST)
        goto fail;
      next = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    }
    if (next < 0)
      goto fail;
    if (fd != d->fd)
      close(fd);
    fd = next;
  }
  *base = p;
  if (d->nsubs < OUTDIR_SUBS) {
    char *keep = malloc(dirn + 1);
    if (keep) {
      memcpy(keep, rel, dirn);
      keep[dirn] = 0;
      d->subs[d->nsubs++] = (struct OutSub){keep, fd};
    }
  }
  return fd;
fail:
  if (fd != d->fd) {
    int e = errno;
    close(fd);
    errno = e;
  }
  return -1;
}

/* Closes a descriptor from parent_of unless the run keeps it. */
static void let_go(const OutDir *d, int fd) {
  if (fd < 0 || fd == d->fd)
    return;
  for (int i = 0; i < d->nsubs; i++)
    if (d->subs[i].fd == fd)
      return;
  close(fd);
}

/* The reason a path under DIR cannot be used, for messages. */
static const char *why(int e) {
  return e == ELOOP || e == ENOTDIR ? "a symbolic link or a file is in the way; plinth writes only inside the folder"
                                    : strerror(e);
}

/* Reads DIR/rel whole into `b` (reset first). *found is false when it does
 * not exist; a symbolic link is reported as found with `*link` set (its
 * target is never read). False on any other error. */
/* DIR/rel's bytes from `off` on, at most `max` of them (max < 0: all). */
static bool read_rel_at(OutDir *d, const char *rel, ptrdiff_t off, ptrdiff_t max, Buf *b, bool *found, bool *link,
                        Buf *err) {
  *found = *link = false;
  b->n = 0;
  const char *base;
  int dfd = parent_of(d, rel, false, &base);
  int fd = dfd < 0 ? -1 : openat(dfd, base, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  int e = errno;
  let_go(d, dfd);
  if (fd < 0) {
    if (e == ENOENT)
      return true;
    if (dfd >= 0 && e == ELOOP) {
      *found = *link = true;
      return true;
    }
    buf_printf(err, "plinth: cannot read '%s/%s': %s\n", d->name, rel, why(e));
    return false;
  }
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    *found = *link = true;   /* not a regular file: never ours */
    return true;
  }
  char chunk[65536];
  ssize_t got = 0;
  if (off > 0 && lseek(fd, (off_t)off, SEEK_SET) < 0)
    got = -1;
  while (got >= 0 && (max < 0 || b->n < max) &&
         (got = read(fd, chunk, max < 0 || max - b->n > (ptrdiff_t)sizeof chunk ? sizeof chunk : (size_t)(max - b->n))) > 0)
    buf_put(b, chunk, (ptrdiff_t)got);
  e = errno;
  close(fd);
  if (got < 0) {
    buf_printf(err, "plinth: cannot read '%s/%s': %s\n", d->name, rel, strerror(e));
    return false;
  }
  *found = true;
  return true;
}

static bool read_rel(OutDir *d, const char *rel, Buf *b, bool *found, bool *link, Buf *err) {
  return read_rel_at(d, rel, 0, -1, b, found, link, err);
}

/* DIR/rel's SHA-256 read in chunks (never whole), like read_rel for
 * *found and *link. */
static bool hash_rel(OutDir *d, const char *rel, char hex[65], bool *found, bool *link) {
  *found = *link = false;
  if (d->empty)
    return true;   /* nothing is in place before outdir_commit */
  const char *base;
  int dfd = parent_of(d, rel, false, &base);
  int fd = dfd < 0 ? -1 : openat(dfd, base, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  int e = errno;
  let_go(d, dfd);
  if (fd < 0) {
    if (dfd >= 0 && e == ELOOP)
      *found = *link = true;
    return e == ENOENT || *link;
  }
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    *found = *link = true;
    return true;
  }
  Sha256 h;
  sha256_init(&h);
  char chunk[65536];
  ssize_t got;
  while ((got = read(fd, chunk, sizeof chunk)) > 0)
    sha256_update(&h, chunk, got);
  close(fd);
  sha256_final_hex(&h, hex);
  *found = true;
  return got == 0;
}

/* read_rel into the arena. */
static bool slurp(Arena *a, OutDir *d, const char *rel, Str *out, bool *found, Buf *err) {
  Buf b = {0};
  bool link;
  *out = (Str){0};
  bool ok = read_rel(d, rel, &b, found, &link, err);
  if (ok && *found && !link) {
    char *p = new(a, char, b.n + 1);
    if (b.n)
      memcpy(p, b.p, (size_t)b.n);
    *out = (Str){p, b.n};
  }
  if (link)
    *found = false;
  buf_free(&b);
  return ok;
}

/* Removes a killed run's temporary files from `fd` and, one level down,
 * from its real subfolders. The number of other entries in `fd`. */
static int clean_stale(int fd, int depth) {
  int dup_fd = dup(fd);
  DIR *dir = dup_fd < 0 ? NULL : fdopendir(dup_fd);
  if (!dir) {
    if (dup_fd >= 0)
      close(dup_fd);
    return -1;
  }
  int others = 0;
  struct dirent *e;
  while ((e = readdir(dir))) {
    if (!strncmp(e->d_name, OUTDIR_TMP_PREFIX, sizeof OUTDIR_TMP_PREFIX - 1)) {
      unlinkat(fd, e->d_name, 0);
      continue;
    }
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
      others++;
    if (depth > 0 && e->d_name[0] != '.') {
      int sub = openat(fd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (sub >= 0) {
        clean_stale(sub, depth - 1);
        close(sub);
      }
    }
  }
  closedir(dir);
  return others;
}

/* The process holding an flock on the file `fd` is open on, from
 * /proc/locks (Linux); 0 when unknown. */
static long lock_holder(int fd) {
  struct stat st;
  FILE *f = fstat(fd, &st) == 0 ? fopen("/proc/locks", "r") : NULL;
  if (!f)
    return 0;
  char line[256];
  long found = 0;
  while (!found && fgets(line, sizeof line, f)) {
    char kind[16];
    long pid;
    unsigned maj, min;
    unsigned long long ino;
    /* "1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF" */
    if (sscanf(line, "%*d: %15s %*s %*s %ld %x:%x:%llu", kind, &pid, &maj, &min, &ino) == 5 &&
        !strcmp(kind, "FLOCK") && pid > 0 && ino == (unsigned long long)st.st_ino &&
        makedev(maj, min) == st.st_dev)
      found = pid;
  }
  fclose(f);
  return found;
}

bool outdir_lock(int fd, const char *name, int wait_s, Buf *err) {
  if (flock(fd, LOCK_EX | LOCK_NB) == 0)
    return true;
  if (errno != EWOULDBLOCK) {
    buf_printf(err, "plinth: cannot lock folder '%s': %s\n", name, strerror(errno));
    return false;
  }
  long pid = lock_holder(fd);
  char holder[48] = "another plinth run";
  if (pid)
    snprintf(holder, sizeof holder, "another run (process %ld)", pid);
  if (wait_s > 0) {
    fprintf(stderr, "plinth: waiting up to %d s for %s to finish writing '%s'\n", wait_s, holder, name);
    struct timespec t0, now, nap = {0, 50 * 1000 * 1000};
    clock_gettime(CLOCK_MONOTONIC, &t0);
    do {
      nanosleep(&nap, NULL);
      if (flock(fd, LOCK_EX | LOCK_NB) == 0)
        return true;
      if (errno != EWOULDBLOCK) {
        buf_printf(err, "plinth: cannot lock folder '%s': %s\n", name, strerror(errno));
        return false;
      }
      clock_gettime(CLOCK_MONOTONIC, &now);
    } while ((now.tv_sec - t0.tv_sec) * 1000L + (now.tv_nsec - t0.tv_nsec) / 1000000L < wait_s * 1000L);
  }
  if (wait_s > 0)
    buf_printf(err, "plinth: '%s' is locked by %s; gave up after %d s (--lock-wait SECONDS waits longer)\n", name,
               holder, wait_s);
  else
    buf_printf(err, "plinth: '%s' is locked by %s (--lock-wait SECONDS waits for it)\n", name, holder);
  return false;
}

bool outdir_open(OutDir *d, const char *dir, int wait_s, Buf *err) {
  *d = (OutDir){.fd = -1, .name = dir};
  struct stat st;
  if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
    buf_printf(err, "plinth: '%s' exists and is not a folder\n", dir);
    return false;
  }
  if (!make_path(dir, err))
    return false;
  d->fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (d->fd < 0) {
    buf_printf(err, "plinth: cannot open folder '%s': %s\n", dir, strerror(errno));
    return false;
  }
  if (!outdir_lock(d->fd, dir, wait_s, err)) {
    close(d->fd);
    d->fd = -1;
    return false;
  }
  /* Empty under the lock (a killed run's temporary files aside): nothing
   * in it is looked for, only what this run writes appears in it. */
  d->empty = clean_stale(d->fd, 2) == 0;
  d->pid = (long)getpid();
  return true;
}

void outdir_close(OutDir *d) {
  for (int i = 0; i < d->n; i++) {
    if (d->v[i].tmp && d->fd >= 0) {
      const char *base;
      int dfd = parent_of(d, d->v[i].rel, false, &base);
      if (dfd >= 0) {
        unlinkat(dfd, d->v[i].tmp, 0);
        let_go(d, dfd);
      }
    }
    free(d->v[i].rel);
    free(d->v[i].tmp);
  }
  free(d->v);
  for (int i = 0; i < d->nsubs; i++) {
    close(d->subs[i].fd);
    free(d->subs[i].rel);
  }
  if (d->fd >= 0)
    close(d->fd);   /* releases the lock */
  *d = (OutDir){.fd = -1, .name = d->name};
}

static char *dupz(const char *s) {
  size_t n = strlen(s) + 1;
  char *p = malloc(n);
  if (!p)
    abort();
  return memcpy(p, s, n);
}

/* Opens a new temporary file beside DIR/rel: its descriptor, and its name
 * in tmp; -1 with errno set. */
static int open_tmp(OutDir *d, const char *rel, char tmp[64], int *dfdp) {
  const char *base;
  int dfd = parent_of(d, rel, true, &base);
  if (dfd < 0)
    return -1;
  int fd;
  do {
    format_s(tmp, 64, OUTDIR_TMP_PREFIX "%ld-%u", d->pid, d->seq++);
    fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
  } while (fd < 0 && errno == EEXIST);
  if (fd < 0) {
    int e = errno;
    let_go(d, dfd);
    errno = e;
  }
  *dfdp = dfd;
  return fd;
}

static void add_staged(OutDir *d, const char *rel, const char *tmp) {
  if (d->n == d->cap) {
    d->cap = d->cap ? 2 * d->cap : 64;
    d->v = realloc(d->v, sizeof *d->v * (size_t)d->cap);
    if (!d->v)
      abort();
  }
  Staged *s = &d->v[d->n++];
  s->rel = dupz(rel);
  s->tmp = dupz(tmp);
}

static bool write_all(int fd, Str text, int *e) {
  for (ptrdiff_t at = 0; at < text.n;) {
    ssize_t w = write(fd, text.p + at, (size_t)(text.n - at));
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0) {
      *e = w < 0 ? errno : ENOSPC;
      return false;
    }
    at += w;
  }
  return true;
}

bool outdir_stage(OutDir *d, const char *rel, Str text, Buf *err) {
  char tmp[64];
  int dfd;
  int fd = open_tmp(d, rel, tmp, &dfd);
  if (fd < 0) {
    buf_printf(err, "plinth: cannot write '%s/%s': %s\n", d->name, rel, why(errno));
    return false;
  }
  int e = 0;
  bool ok = write_all(fd, text, &e);
  if (close(fd) != 0 && ok) {
    ok = false;
    e = errno;
  }
  if (!ok)
    unlinkat(dfd, tmp, 0);
  let_go(d, dfd);
  if (!ok) {
    buf_printf(err, "plinth: cannot write '%s/%s': %s\n", d->name, rel, strerror(e));
    return false;
  }
  add_staged(d, rel, tmp);
  return true;
}

bool outdir_stream_open(OutDir *d, OutStream *s, const char *rel, Buf *err) {
  char tmp[64];
  int dfd;
  *s = (OutStream){.fd = -1};
  int fd = open_tmp(d, rel, tmp, &dfd);
  if (fd < 0) {
    buf_printf(err, "plinth: cannot write '%s/%s': %s\n", d->name, rel, why(errno));
    return false;
  }
  let_go(d, dfd);
  /* Staged at once, so a failure before the end removes it (outdir_close). */
  add_staged(d, rel, tmp);
  s->fd = fd;
  s->staged = d->n - 1;
  sha256_init(&s->hash);
  return true;
}

bool outdir_stream_write(OutDir *d, OutStream *s, Str text, Buf *err) {
  int e = 0;
  if (s->fd < 0)
    return false;
  sha256_update(&s->hash, text.p, text.n);
  if (write_all(s->fd, text, &e))
    return true;
  buf_printf(err, "plinth: cannot write '%s/%s': %s\n", d->name, d->v[s->staged].rel, strerror(e));
  close(s->fd);
  s->fd = -1;
  return false;
}

bool outdir_stream_close(OutDir *d, OutStream *s, char hex[65], Buf *err) {
  if (s->fd < 0)
    return false;
  int rc = close(s->fd);
  s->fd = -1;
  sha256_final_hex(&s->hash, hex);
  if (rc != 0) {
    buf_printf(err, "plinth: cannot write '%s/%s': %s\n", d->name, d->v[s->staged].rel, strerror(errno));
    return false;
  }
  return true;
}

void outdir_unstage_last(OutDir *d) {
  if (!d->n)
    return;
  Staged *s = &d->v[--d->n];
  const char *base;
  int dfd = parent_of(d, s->rel, false, &base);
  if (dfd >= 0) {
    unlinkat(dfd, s->tmp, 0);
    let_go(d, dfd);
  }
  free(s->rel);
  free(s->tmp);
}

const char *outdir_last_tmp(const OutDir *d) { return d->n ? d->v[d->n - 1].tmp : NULL; }

bool outdir_reread(OutDir *d, const char *rel, ptrdiff_t off, ptrdiff_t max, Buf *into, Buf *err) {
  bool found, link;
  if (!read_rel_at(d, rel, off, max, into, &found, &link, err))
    return false;
  if (!found || link) {
    buf_printf(err, "plinth: cannot read back '%s/%s'\n", d->name, rel);
    return false;
  }
  return true;
}

/* Renames staged file i into place; its temporary name is then gone. */
static bool put_in_place(OutDir *d, int i, const char *as, Buf *err) {
  Staged *s = &d->v[i];
  const char *base;
  int dfd = parent_of(d, s->rel, false, &base);
  bool ok = dfd >= 0 && renameat(dfd, s->tmp, dfd, as ? as : base) == 0;
  int e = errno;
  let_go(d, dfd);
  if (!ok) {
    buf_printf(err, "plinth: cannot write '%s/%s': %s\n", d->name, as ? as : s->rel, why(e));
    return false;
  }
  free(s->tmp);
  s->tmp = NULL;
  return true;
}

bool outdir_commit(OutDir *d, Str manifest, Buf *err) {
  int files = d->n;
  if (!files) {
    /* Nothing changed: when the manifest says so already (and no journal
     * waits), the folder is left untouched. */
    Buf cur = {0}, ignored = {0};
    bool found, link, jfound, jlink;
    bool same = read_rel(d, OUTDIR_MANIFEST, &cur, &found, &link, &ignored) && found && !link &&
                cur.n == manifest.n && (!cur.n || !memcmp(cur.p, manifest.p, (size_t)cur.n));
    same = same && read_rel(d, OUTDIR_JOURNAL, &cur, &jfound, &jlink, &ignored) && !jfound;
    buf_free(&cur);
    buf_free(&ignored);
    if (same)
      return true;
  }
  if (!outdir_stage(d, OUTDIR_MANIFEST, manifest, err))
    return false;
  /* The new manifest becomes the journal, then each file, then the manifest. */
  if (!put_in_place(d, files, OUTDIR_JOURNAL, err))
    return false;
  for (int i = 0; i < files; i++)
    if (!put_in_place(d, i, NULL, err))
      return false;
  if (renameat(d->fd, OUTDIR_JOURNAL, d->fd, OUTDIR_MANIFEST) != 0) {
    buf_printf(err, "plinth: cannot write '%s/%s': %s\n", d->name, OUTDIR_MANIFEST, strerror(errno));
    return false;
  }
  return true;
}

/* Splits off the next line of *s (without its newline). */
static bool next_line(Str *s, Str *line) {
  if (s->n <= 0)
    return false;
  ptrdiff_t e = 0;
  while (e < s->n && s->p[e] != '\n')
    e++;
  *line = (Str){s->p, e};
  s->p += e < s->n ? e + 1 : e;
  s->n -= e < s->n ? e + 1 : e;
  return true;
}

/* A relative path Plinth could have written: no leading '/', no "..",
 * printable ASCII without spaces. */
static bool safe_path(Str p) {
  if (!p.n || p.p[0] == '/')
    return false;
  for (ptrdiff_t i = 0; i < p.n; i++) {
    unsigned char c = (unsigned char)p.p[i];
    if (c <= ' ' || c >= 127 || c == '\\')
      return false;
    if (c == '.' && i + 1 < p.n && p.p[i + 1] == '.')
      return false;
  }
  return true;
}

static bool is_hex64(Str s) {
  if (s.n != 64)
    return false;
  for (int i = 0; i < 64; i++)
    if (!((s.p[i] >= '0' && s.p[i] <= '9') || (s.p[i] >= 'a' && s.p[i] <= 'f')))
      return false;
  return true;
}

/* Parses a manifest's (or the journal's) lines into st; with `journal`,
 * each hash becomes the entry's alternative. */
static bool parse_manifest(Arena *a, const OutDir *d, const char *name, Str text, bool journal, OutState *st,
                           Buf *err) {
  Str line;
  for (int no = 1; next_line(&text, &line); no++) {
    if (!line.n)
      continue;
    Str hash = {line.p, line.n < 64 ? line.n : 64};
    Str path = {line.p + 66, line.n - 66};
    if (line.n < 67 || !is_hex64(hash) || line.p[64] != ' ' || line.p[65] != ' ' || !safe_path(path)) {
      buf_printf(err, "plinth: %s/%s:%d: expected a SHA-256 in hex, two spaces and a path\n", d->name, name, no);
      return false;
    }
    ManifestEntry *e = NULL;
    for (int i = 0; journal && i < st->n && !e; i++)
      if (str_eq(st->v[i].path, path))
        e = &st->v[i];
    if (!e) {
      e = push(a, st->v, st->n, st->cap);
      e->path = path;
      memcpy(e->hash, hash.p, 64);
      e->hash[64] = 0;
    }
    if (journal) {
      memcpy(e->alt, hash.p, 64);
      e->alt[64] = 0;
    }
  }
  return true;
}

static bool load_manifest(Arena *a, OutDir *d, OutState *st, Buf *err) {
  Str text;
  bool found;
  if (!slurp(a, d, OUTDIR_MANIFEST, &text, &found, err) ||
      !parse_manifest(a, d, OUTDIR_MANIFEST, text, false, st, err))
    return false;
  /* A journal: the run that wrote it was killed between its renames. */
  if (!slurp(a, d, OUTDIR_JOURNAL, &text, &found, err))
    return false;
  return !found || parse_manifest(a, d, OUTDIR_JOURNAL, text, true, st, err);
}

static bool valid_date(Str d) {
  if (d.n != 10 || d.p[4] != '-' || d.p[7] != '-')
    return false;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (d.p[i] < '0' || d.p[i] > '9'))
      return false;
  int m = (d.p[5] - '0') * 10 + (d.p[6] - '0'), day = (d.p[8] - '0') * 10 + (d.p[9] - '0');
  return m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

/* One record per line: number, slot, choice, status, date, file, separated
 * by tabs; '#' starts a comment line. */
static bool load_index(Arena *a, OutDir *d, const char *adr_dir, OutState *st, Buf *err) {
  Str text, line;
  bool found;
  char index[4096];
  snprintf(index, sizeof index, "%s/index.txt", adr_dir);
  if (!slurp(a, d, index, &text, &found, err))
    return false;
  for (int no = 1; next_line(&text, &line); no++) {
    if (!line.n || line.p[0] == '#')
      continue;
    Str f[6];
    int nf = 0;
    ptrdiff_t start = 0;
    for (ptrdiff_t i = 0; i <= line.n && nf < 6; i++)
      if (i == line.n || line.p[i] == '\t') {
        f[nf++] = (Str){line.p + start, i - start};
        start = i + 1;
      }
    int num = 0;
    bool ok = nf == 6 && start > line.n && f[0].n == 4;
    for (int i = 0; ok && i < 4; i++) {
      ok = f[0].p[i] >= '0' && f[0].p[i] <= '9';
      num = num * 10 + (f[0].p[i] - '0');
    }
    ok = ok && num > 0 && f[1].n && f[2].n && f[3].n && valid_date(f[4]) && safe_path(f[5]) &&
         !memchr(f[5].p, '/', (size_t)f[5].n);
    for (int i = 0; ok && i < st->adrs.n; i++)
      ok = st->adrs.v[i].number != num;
    if (!ok) {
      buf_printf(err,
                 "plinth: %s/%s:%d: expected a new record number of 4 digits, slot, choice, status, date "
                 "(YYYY-MM-DD) and file name, separated by tabs\n",
                 d->name, index, no);
      return false;
    }
    AdrEntry *e = push(a, st->adrs.v, st->adrs.n, st->adrs.cap);
    *e = (AdrEntry){num, f[1], f[2], f[3], f[4], f[5], {0}};
    if (str_eqc(e->status, "accepted")) {
      char rel[4096];
      snprintf(rel, sizeof rel, "%s/%.*s", adr_dir, STRF(e->file));
      if (!slurp(a, d, rel, &e->text, &found, err))
        return false;
    }
  }
  return true;
}

bool outdir_load(Arena *a, OutDir *d, const char *adr_dir, OutState *st, Buf *err) {
  memset(st, 0, sizeof *st);
  if (d->empty)
    return true;   /* a first run: no manifest, no index */
  return load_manifest(a, d, st, err) && load_index(a, d, adr_dir ? adr_dir : OUTDIR_ADR_DIR, st, err);
}

bool outdir_safe_path(Str p) { return safe_path(p); }

bool outdir_date(Arena *a, const char *opt, Str *date, Buf *err) {
  if (opt) {
    *date = str_c(opt);
    if (valid_date(*date))
      return true;
    buf_printf(err, "plinth plan: --date needs a date as YYYY-MM-DD, not '%s'\n", opt);
    return false;
  }
  const char *epoch = getenv("SOURCE_DATE_EPOCH");
  if (epoch && *epoch) {
    char *end;
    errno = 0;
    long long v = strtoll(epoch, &end, 10);
    struct tm tm;
    time_t t = (time_t)v;
    if (*end || errno || v < 0 || !gmtime_r(&t, &tm) || tm.tm_year + 1900 > 9999) {
      buf_printf(err, "plinth: SOURCE_DATE_EPOCH must be a number of seconds since 1970, not '%s'\n", epoch);
      return false;
    }
    *date = str_printf(a, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    return true;
  }
  *date = S(ADR_DEFAULT_DATE);
  return true;
}

static const ManifestEntry *recorded(const OutState *st, Str path) {
  for (int i = 0; i < st->n; i++)
    if (str_eq(st->v[i].path, path))
      return &st->v[i];
  return NULL;
}

static int by_path(const void *x, const void *y) {
  return str_cmp(((const ManifestEntry *)x)->path, ((const ManifestEntry *)y)->path);
}

/* Whether `disk` is a content Plinth recorded for this entry. */
static bool ours(const ManifestEntry *rec, const char *disk) {
  return rec && (!strcmp(disk, rec->hash) || (rec->alt[0] && !strcmp(disk, rec->alt)));
}

bool outdir_earlier(OutDir *d, const OutState *st, const char *rel, Buf *into) {
  into->n = 0;
  const ManifestEntry *rec = recorded(st, str_c(rel));
  if (!rec)
    return false;
  Buf ignored = {0};
  bool found, link;
  bool ok = read_rel(d, rel, into, &found, &link, &ignored) && found && !link;
  buf_free(&ignored);
  char disk[65];
  if (ok)
    sha256_hex(into->p, into->n, disk);
  if (!ok || !ours(rec, disk)) {
    into->n = 0;
    return false;
  }
  return true;
}

void outdir_consider(Arena *a, OutDir *d, const OutState *st, const OutFile *f, bool force, bool *write,
                     Buf *warn, Manifest *m) {
  char now[65];
  sha256_hex(f->text.p, f->text.n, now);
  outdir_consider_hash(a, d, st, f->path, now, force, write, warn, m);
}

/* Room for one more element of one of the manifest's heap arrays: a run of
 * 50,000 files leaves no outgrown copies behind (outdir_manifest_free). */
static void *room(void *v, int n, int *cap, size_t size) {
  if (n < *cap)
    return v;
  int nc = *cap ? 2 * *cap : 64;
  void *w = realloc(v, size * (size_t)nc);
  if (!w) {
    fputs("plinth: out of memory\n", stderr);
    exit(2);
  }
  *cap = nc;
  return w;
}

void outdir_manifest_free(Manifest *m) {
  free(m->v);
  free(m->produced);
  m->v = NULL;
  m->produced = NULL;
  m->n = m->cap = m->nproduced = m->pcap = 0;
}

void outdir_consider_hash(Arena *a, OutDir *d, const OutState *st, const char *rel, const char now[65], bool force,
                          bool *write, Buf *warn, Manifest *m) {
  Str path = str_printf(a, "%s", rel);   /* outlives the file's text */
  m->produced = room(m->produced, m->nproduced, &m->pcap, sizeof *m->produced);
  m->produced[m->nproduced++] = path;
  const ManifestEntry *rec = recorded(st, path);
  bool found, link;
  *write = true;
  m->v = room(m->v, m->n, &m->cap, sizeof *m->v);
  ManifestEntry *e = &m->v[m->n++];
  *e = (ManifestEntry){.path = path};
  memcpy(e->hash, now, 65);
  /* The file on disk is compared by its hash, read in chunks: a file of
   * hundreds of megabytes is never held to be compared. */
  char disk[65];
  if (!hash_rel(d, rel, disk, &found, &link) || !found)
    return;   /* new (or unreadable: writing reports the error) */
  if (!link && !strcmp(disk, now)) {
    *write = false;   /* already current */
    return;
  }
  if ((!link && ours(rec, disk)) || force)
    return;
  *write = false;
  m->kept++;
  if (rec && !link) {
    memcpy(e->hash, rec->hash, 65);
    buf_printf(warn, "plinth: warning: %s/%s was edited since plinth wrote it; left alone (--force overwrites it)\n",
               d->name, rel);
  } else {
    m->n--;
    buf_printf(warn, "plinth: warning: %s/%s exists and plinth did not write it; left alone (--force overwrites it)\n",
               d->name, rel);
  }
}

void outdir_manifest(Arena *a, OutDir *d, const OutState *st, Manifest *m, Buf *out) {
  (void)a;   /* the entries are on the heap now */
  /* Earlier files not produced this time stay tracked while they exist,
   * with the hash of the content they have when the journal's matches. */
  for (int i = 0; i < st->n; i++) {
    bool produced = false;
    for (int k = 0; k < m->nproduced && !produced; k++)
      produced = str_eq(st->v[i].path, m->produced[k]);
    if (produced)
      continue;
    char rel[4096];
    snprintf(rel, sizeof rel, "%.*s", STRF(st->v[i].path));
    bool found, link;
    char disk[65];
    if (!hash_rel(d, rel, disk, &found, &link) || !found || link)
      continue;
    m->v = room(m->v, m->n, &m->cap, sizeof *m->v);
    ManifestEntry *e = &m->v[m->n++];
    *e = st->v[i];
    if (e->alt[0] && !strcmp(disk, e->alt))
      memcpy(e->hash, e->alt, 65);
  }
  if (m->n)
    qsort(m->v, (size_t)m->n, sizeof *m->v, by_path);
  for (int i = 0; i < m->n; i++)
    buf_printf(out, "%s  %.*s\n", m->v[i].hash, STRF(m->v[i].path));
}
