/* Reading back the output folder (see outdir.h). Files are read whole into
 * the arena; a missing file is not an error, an unreadable or malformed one
 * is. */
#include "outdir.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../util/sha256.h"

/* Reads DIR/rel into the arena. *found is false when it does not exist;
 * false on any other error. */
static bool slurp(Arena *a, const char *dir, const char *rel, Str *out, bool *found, Buf *err) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, rel);
  *found = false;
  *out = (Str){0};
  FILE *fp = fopen(path, "rb");
  if (!fp) {
    if (errno == ENOENT || errno == ENOTDIR)
      return true;
    buf_printf(err, "plinth: cannot read '%s': %s\n", path, strerror(errno));
    return false;
  }
  Buf b = {0};
  char chunk[65536];
  size_t got;
  while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
    buf_put(&b, chunk, (ptrdiff_t)got);
  bool bad = ferror(fp);
  fclose(fp);
  if (bad) {
    buf_free(&b);
    buf_printf(err, "plinth: cannot read '%s'\n", path);
    return false;
  }
  char *p = new(a, char, b.n + 1);
  if (b.n)
    memcpy(p, b.p, (size_t)b.n);
  *out = (Str){p, b.n};
  buf_free(&b);
  *found = true;
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

static bool load_manifest(Arena *a, const char *dir, OutState *st, Buf *err) {
  Str text, line;
  bool found;
  if (!slurp(a, dir, OUTDIR_MANIFEST, &text, &found, err))
    return false;
  for (int no = 1; next_line(&text, &line); no++) {
    if (!line.n)
      continue;
    Str hash = {line.p, line.n < 64 ? line.n : 64};
    Str path = {line.p + 66, line.n - 66};
    if (line.n < 67 || !is_hex64(hash) || line.p[64] != ' ' || line.p[65] != ' ' || !safe_path(path)) {
      buf_printf(err, "plinth: %s/%s:%d: expected a SHA-256 in hex, two spaces and a path\n", dir, OUTDIR_MANIFEST,
                 no);
      return false;
    }
    ManifestEntry *e = push(a, st->v, st->n, st->cap);
    memcpy(e->hash, hash.p, 64);
    e->hash[64] = 0;
    e->path = path;
  }
  return true;
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
static bool load_index(Arena *a, const char *dir, const char *adr_dir, OutState *st, Buf *err) {
  Str text, line;
  bool found;
  char index[4096];
  snprintf(index, sizeof index, "%s/index.txt", adr_dir);
  if (!slurp(a, dir, index, &text, &found, err))
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
                 dir, index, no);
      return false;
    }
    AdrEntry *e = push(a, st->adrs.v, st->adrs.n, st->adrs.cap);
    *e = (AdrEntry){num, f[1], f[2], f[3], f[4], f[5], {0}};
    if (str_eqc(e->status, "accepted")) {
      char rel[4096];
      snprintf(rel, sizeof rel, "%s/%.*s", adr_dir, STRF(e->file));
      if (!slurp(a, dir, rel, &e->text, &found, err))
        return false;
    }
  }
  return true;
}

bool outdir_load(Arena *a, const char *dir, const char *adr_dir, OutState *st, Buf *err) {
  memset(st, 0, sizeof *st);
  return load_manifest(a, dir, st, err) && load_index(a, dir, adr_dir ? adr_dir : OUTDIR_ADR_DIR, st, err);
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

int outdir_select(Arena *a, const char *dir, const OutFiles *files, const OutState *st, bool force, bool *write,
                  Buf *warn, Buf *manifest) {
  ManifestEntry *m = new(a, ManifestEntry, files->n + st->n);
  int nm = 0, kept = 0;
  Buf ignored = {0};
  for (int i = 0; i < files->n; i++) {
    const OutFile *f = &files->v[i];
    Str path = str_c(f->path);
    char now[65];
    sha256_hex(f->text.p, f->text.n, now);
    const ManifestEntry *rec = recorded(st, path);
    Str cur;
    bool found;
    write[i] = true;
    ManifestEntry *e = &m[nm++];
    e->path = path;
    memcpy(e->hash, now, 65);
    ignored.n = 0;
    if (!slurp(a, dir, f->path, &cur, &found, &ignored) || !found)
      continue;   /* new (or unreadable: writing reports the error) */
    if (cur.n == f->text.n && (!cur.n || !memcmp(cur.p, f->text.p, (size_t)cur.n))) {
      write[i] = false;   /* already current */
      continue;
    }
    char disk[65];
    sha256_hex(cur.p, cur.n, disk);
    if ((rec && !strcmp(disk, rec->hash)) || force)
      continue;
    write[i] = false;
    kept++;
    if (rec) {
      memcpy(e->hash, rec->hash, 65);
      buf_printf(warn, "plinth: warning: %s/%s was edited since plinth wrote it; left alone (--force overwrites it)\n",
                 dir, f->path);
    } else {
      nm--;
      buf_printf(warn, "plinth: warning: %s/%s exists and plinth did not write it; left alone (--force overwrites it)\n",
                 dir, f->path);
    }
  }
  buf_free(&ignored);
  /* Earlier files not produced this time stay tracked while they exist. */
  for (int i = 0; i < st->n; i++) {
    bool produced = false;
    for (int k = 0; k < files->n && !produced; k++)
      produced = str_eqc(st->v[i].path, files->v[k].path);
    if (produced)
      continue;
    char full[4096];
    snprintf(full, sizeof full, "%s/%.*s", dir, STRF(st->v[i].path));
    FILE *fp = fopen(full, "rb");
    if (!fp)
      continue;
    fclose(fp);
    m[nm++] = st->v[i];
  }
  qsort(m, (size_t)nm, sizeof *m, by_path);
  for (int i = 0; i < nm; i++)
    buf_printf(manifest, "%s  %.*s\n", m[i].hash, STRF(m[i].path));
  return kept;
}
