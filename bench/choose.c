/* Times the decision stage in process: for a spec, the knowledge base is
 * loaded and the spec compiled once, then the plan (capacity, needs, the
 * choice of every slot, latency, availability, style, patterns) and the
 * revisit search are built again RUNS times in a fresh arena each. Prints
 * the median and the spread in milliseconds of this thread's CPU time, so
 * other work on the machine does not inflate the figure.
 *   build/bench/choose SPEC [RUNS] */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>

#include "cputime.h"
#include "driver.h"

int main(int argc, char **argv) {
  if (argc < 2) {
    fputs("usage: choose SPEC [RUNS]\n", stderr);
    return 2;
  }
  int runs = argc > 2 ? atoi(argv[2]) : 200;
  if (runs < 1 || runs > 100000)
    runs = 200;
  Compilation c;
  driver_init(&c, NULL, NULL);
  Buf err = {0};
  if (!driver_read(&c, argv[1], &err) || !driver_plan(&c, NULL)) {
    fprintf(stderr, "choose: %s does not plan\n%.*s", argv[1], (int)err.n, err.p ? err.p : "");
    return 1;
  }
  double *t = malloc(sizeof(double) * (size_t)runs);
  if (!t)
    return 2;
  Arena scratch = arena_make((ptrdiff_t)1 << 30);
  for (int i = 0; i < runs; i++) {
    Arena a = scratch; /* rewound each run */
    DiagSink sink = {.arena = &a};
    double t0 = now_ms();
    Plan *p = plan_build(&a, c.model, c.kb, &sink);
    plan_revisit(&a, p);
    t[i] = now_ms() - t0;
  }
  qsort(t, (size_t)runs, sizeof *t, cmp);
  printf("choose spec=%s runs=%d ms_med=%.3f ms_min=%.3f ms_max=%.3f decisions=%d\n", argv[1], runs, t[runs / 2], t[0],
         t[runs - 1], c.plan->nchoices);
  free(t);
  arena_free(&scratch);
  driver_free(&c);
  return 0;
}
