/* Replays a libFuzzer harness's corpus without libFuzzer, for make test:
 * links with one tests/fuzz/fuzz_*.c and runs LLVMFuzzerTestOneInput once
 * on every file named (or in every folder named, one level down). The
 * harness's oracles abort on a finding, as they would under the fuzzer.
 *   build/replay/fuzz_emit tests/fuzz/emit-corpus
 * Prints "N inputs" at the end. */
#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max);

/* Only the custom mutator calls it, and replay never mutates. */
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max) {
  (void)data, (void)max;
  return size;
}

static long inputs;

static int run_file(const char *path) {
  FILE *fp = fopen(path, "rb");
  if (!fp) {
    fprintf(stderr, "replay: cannot open '%s'\n", path);
    return 1;
  }
  size_t cap = 1 << 16, n = 0;
  uint8_t *buf = malloc(cap);
  size_t got;
  while (buf && (got = fread(buf + n, 1, cap - n, fp)) > 0)
    if ((n += got) == cap)
      buf = realloc(buf, cap *= 2);
  fclose(fp);
  if (!buf)
    abort();
  /* An exact-size copy, so ASan sees a read past the end. */
  uint8_t *exact = malloc(n ? n : 1);
  if (!exact)
    abort();
  memcpy(exact, buf, n);
  free(buf);
  fprintf(stderr, "replay: %s\n", path);
  LLVMFuzzerTestOneInput(exact, n);
  free(exact);
  inputs++;
  return 0;
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv) {
  LLVMFuzzerInitialize(&argc, &argv);
  int rc = 0;
  for (int i = 1; i < argc; i++) {
    struct stat st;
    if (stat(argv[i], &st) != 0) {
      fprintf(stderr, "replay: no '%s'\n", argv[i]);
      rc = 1;
      continue;
    }
    if (!S_ISDIR(st.st_mode)) {
      rc |= run_file(argv[i]);
      continue;
    }
    DIR *d = opendir(argv[i]);
    char **names = NULL;
    size_t nn = 0;
    struct dirent *e;
    while (d && (e = readdir(d))) {
      if (e->d_name[0] == '.')
        continue;
      names = realloc(names, sizeof *names * (nn + 1));
      size_t l = strlen(argv[i]) + strlen(e->d_name) + 2;
      names[nn] = malloc(l);
      snprintf(names[nn++], l, "%s/%s", argv[i], e->d_name);
    }
    if (d)
      closedir(d);
    if (nn)
      qsort(names, nn, sizeof *names, cmp);
    for (size_t k = 0; k < nn; k++) {
      struct stat fs;
      if (stat(names[k], &fs) == 0 && S_ISREG(fs.st_mode))
        rc |= run_file(names[k]);
      free(names[k]);
    }
    free(names);
  }
  printf("%ld inputs\n", inputs);
  return rc;
}
