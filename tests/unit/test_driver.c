/* Unit tests for the one pipeline (src/driver.c, driver_plan_with): each
 * depth runs its stages and no more, --devs reaches the roadmap, and a
 * quiet run reports nothing while still counting the errors it stops on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "driver.h"

static void count(void *ctx, const Diagnostic *d) {
  (void)d;
  ++*(int *)ctx;
}

static const char shop[] =
    "project \"S\" {\n  idea \"A small shop.\"\n  users 20k\n  team 4 mid\n  deadline 3 months\n}\n"
    "entity User { email email unique; password secret }\n"
    "entity Order { owner -> User; total money; per User ~ 3 }\n"
    "feature auth { method jwt }\n"
    "feature crud Order { owner-only }\n";

/* A field of a type the language does not have: an error at resolve. */
static const char broken[] =
    "project \"B\" { idea \"Broken.\" }\n"
    "entity User { email nosuchtype }\n";

static Plan *run(Compilation *c, int *ndiag, const char *text, DriveOpts o) {
  *ndiag = 0;
  driver_init(c, count, ndiag);
  driver_set_text(c, "test.plinth", str_c(text));
  return driver_plan_with(c, &o);
}

static void test_depths(void **state) {
  (void)state;
  Compilation c;
  int n;
  Plan *p = run(&c, &n, shop, (DriveOpts){.depth = DRIVE_FIGURES});
  assert_non_null(p);
  assert_true(p->nchoices > 0 && p->monthly_usd > 0);
  assert_int_equal(p->api.neps, 0);     /* no contract before plan_build */
  assert_null(p->roadmap);
  driver_free(&c);

  p = run(&c, &n, shop, (DriveOpts){.depth = DRIVE_BUILT});
  assert_non_null(p);
  assert_true(p->api.neps > 0);
  assert_null(p->roadmap);              /* no delivery */
  assert_int_equal(p->nreview, 0);
  driver_free(&c);

  p = run(&c, &n, shop, (DriveOpts){.depth = DRIVE_WHOLE});
  assert_non_null(p);
  assert_non_null(p->roadmap);
  assert_true(p->nreview > 0);
  assert_null(p->docs);                 /* documents' facts only when decided */
  assert_null(p->adr);
  driver_free(&c);

  p = run(&c, &n, shop, (DriveOpts){.depth = DRIVE_DECIDED});
  assert_non_null(p);
  assert_non_null(p->roadmap);
  assert_non_null(p->docs);
  assert_non_null(p->kit);
  assert_non_null(p->adr);
  driver_free(&c);
}

static void test_devs(void **state) {
  (void)state;
  Compilation c;
  int n;
  Plan *p = run(&c, &n, shop, (DriveOpts){.depth = DRIVE_WHOLE});
  assert_non_null(p);
  assert_int_equal(p->roadmap->devs, 4);   /* the team's size */
  double team_days = p->roadmap->duration_days;
  driver_free(&c);

  p = run(&c, &n, shop, (DriveOpts){.depth = DRIVE_WHOLE, .devs = 1});
  assert_non_null(p);
  assert_int_equal(p->roadmap->devs, 1);
  assert_true(p->roadmap->duration_days > team_days);   /* one developer takes longer */
  driver_free(&c);
}

static void test_quiet(void **state) {
  (void)state;
  Compilation c;
  int n;
  assert_null(run(&c, &n, broken, (DriveOpts){.depth = DRIVE_WHOLE}));
  assert_true(n > 0);
  assert_true(c.sink.errors > 0);
  driver_free(&c);

  assert_null(run(&c, &n, broken, (DriveOpts){.depth = DRIVE_WHOLE, .quiet = true}));
  assert_int_equal(n, 0);               /* nothing reported */
  assert_true(c.sink.errors > 0);       /* but the error stopped it */
  driver_free(&c);

  assert_non_null(run(&c, &n, shop, (DriveOpts){.depth = DRIVE_BUILT, .quiet = true}));
  driver_free(&c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_depths),
    cmocka_unit_test(test_devs),
    cmocka_unit_test(test_quiet),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
