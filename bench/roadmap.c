/* Times the roadmap, risk and review stages in process: the knowledge base
 * is loaded and the spec compiled and planned once, then plan_roadmap,
 * plan_risks and plan_review run RUNS times on a copy of the plan in a
 * rewound arena. Prints the median and spread in milliseconds of this
 * thread's CPU time, and the size of the task graph.
 *   build/bench/roadmap SPEC [RUNS] */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>

#include "cputime.h"
#include "driver.h"

int main(int argc, char **argv) {
  if (argc < 2) {
    fputs("usage: roadmap SPEC [RUNS]\n", stderr);
    return 2;
  }
  int runs = argc > 2 ? atoi(argv[2]) : 21;
  if (runs < 1 || runs > 100000)
    runs = 21;
  Compilation c;
  driver_init(&c, NULL, NULL);
  Buf err = {0};
  if (!driver_read(&c, argv[1], &err) || !driver_plan(&c, NULL)) {
    fprintf(stderr, "roadmap: %s does not plan\n%.*s", argv[1], (int)err.n, err.p ? err.p : "");
    return 1;
  }
  double *t = malloc(sizeof(double) * (size_t)runs);
  if (!t)
    return 2;
  Arena scratch = arena_make((ptrdiff_t)1 << 32);
  int ntasks = 0, nrisks = 0, nreview = 0;
  for (int i = 0; i < runs; i++) {
    Arena a = scratch; /* rewound each run */
    Plan q = *c.plan;
    double t0 = now_ms();
    plan_roadmap(&a, &q, 0);
    plan_risks(&a, &q);
    plan_review(&a, &q);
    t[i] = now_ms() - t0;
    ntasks = q.roadmap->ntasks, nrisks = q.nrisks, nreview = q.nreview;
  }
  qsort(t, (size_t)runs, sizeof *t, cmp);
  printf("roadmap spec=%s runs=%d ms_med=%.3f ms_min=%.3f ms_max=%.3f tasks=%d risks=%d review=%d\n", argv[1], runs,
         t[runs / 2], t[0], t[runs - 1], ntasks, nrisks, nreview);
  free(t);
  arena_free(&scratch);
  driver_free(&c);
  return 0;
}
