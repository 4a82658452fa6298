/* The harness every unit test includes: cmocka with the headers it needs
 * before it, and helpers that compile a spec held in a string. */
#ifndef PLINTH_TEST_HARNESS_H
#define PLINTH_TEST_HARNESS_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "driver.h"

/* A diagnostic sink that counts into the int at ctx (none when ctx is NULL). */
static inline void harness_count(void *ctx, const Diagnostic *d) {
  (void)d;
  if (ctx)
    ++*(int *)ctx;
}

/* Starts a compilation of TEXT as test.plinth, counting diagnostics into
 * *ndiag (or not, when ndiag is NULL). */
static inline void harness_load(Compilation *c, const char *text, int *ndiag) {
  driver_init(c, harness_count, ndiag);
  driver_set_text(c, "test.plinth", str_c(text));
}

/* The plan of TEXT with the knowledge base in KBDIR (NULL: the built-in
 * one); the test fails when the spec does not plan. */
static inline Plan *harness_plan(Compilation *c, const char *text, const char *kbdir) {
  harness_load(c, text, NULL);
  Plan *p = driver_plan(c, kbdir);
  if (!p)
    fail_msg("the spec did not plan (%d errors):\n%s", c->sink.errors, text);
  return p;
}

#endif
