/* What the in-process benchmarks share: this thread's CPU time, so other
 * work on the machine does not inflate the figures, and the sort for
 * medians. Header-only: each benchmark is one translation unit. */
#ifndef PLINTH_BENCH_CPUTIME_H
#define PLINTH_BENCH_CPUTIME_H

#include <time.h>

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

#endif
