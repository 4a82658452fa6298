/* Unit tests for the validation and operations kit (src/plan/kit.c): every
 * endpoint in exactly one unit, events with their producers and consumers,
 * the contract-test cases of one operation counted by hand, and the rule
 * that a technology is "existing" only when a team skill names it. */
#include "harness.h"

static int ndiag;

static Plan *kit_of(Compilation *c, const char *text) {
  harness_load(c, text, &ndiag);
  return driver_decide(c, NULL);
}

static const char spec[] =
    "project \"T\" { idea \"Tasks.\"\n team 1 junior { skills typescript node aws postgresql } }\n"
    "entity User { email email unique; password secret }\n"
    "entity Task { owner -> User; title string(200); points int >= 1 <= 10; due timestamp?; per User ~ 5 }\n"
    "feature auth { method jwt }\n"
    "feature crud Task { owner-only }\n"
    "feature notify email before Task.due 1h\n";

static void test_units_cover_every_endpoint_once(void **state) {
  (void)state;
  Compilation c;
  Plan *p = kit_of(&c, spec);
  assert_non_null(p);
  assert_non_null(p->kit);
  int *seen = calloc((size_t)p->api.neps, sizeof *seen);
  for (int u = 0; u < p->kit->nunits; u++)
    for (int o = 0; o < p->kit->units[u].nops; o++)
      seen[p->kit->units[u].ops[o]]++;
  for (int i = 0; i < p->api.neps; i++)
    assert_int_equal(seen[i], 1);
  free(seen);
  driver_free(&c);
}

static void test_events(void **state) {
  (void)state;
  Compilation c;
  Plan *p = kit_of(&c, spec);
  assert_non_null(p);
  /* One notification event, produced and consumed by the worker (a
   * reminder before a date is scheduled, not sent by the Task module). */
  assert_int_equal(p->kit->nevents, 1);
  const Event *e = &p->kit->events[0];
  assert_true(str_eqc(e->id, "task.email-notification"));
  assert_true(str_eqc(e->producer, "jobs"));
  assert_true(str_eqc(e->consumer, "jobs"));
  assert_true(str_eqc(e->payload, "TaskNotification"));
  assert_int_equal(e->attempts, 5);
  driver_free(&c);
}

static void test_create_cases(void **state) {
  (void)state;
  Compilation c;
  Plan *p = kit_of(&c, spec);
  assert_non_null(p);
  /* createTask: valid; title missing; points missing; title 201 characters;
   * points 0 and 11 and "text"; no credentials = 8 cases. Owner-only
   * without an id in the path has no not-owner case. */
  int n = 0, op = -1;
  for (int i = 0; i < p->api.neps; i++)
    if (str_eqc(p->api.eps[i].op_id, "createTask"))
      op = i;
  assert_true(op >= 0);
  const ContractCase *cases;
  n = plan_kit_cases(&c.arena, p, op, &cases);
  assert_int_equal(n, 8);
  for (int i = 0; i < n; i++)
    assert_int_equal(cases[i].op, op);
  /* The plan's count is the sum over every operation. */
  int total = 0;
  for (int i = 0; i < p->api.neps; i++)
    total += plan_kit_cases(&c.arena, p, i, &cases);
  assert_int_equal(total, p->kit->ncases);
  assert_true(total > n);
  driver_free(&c);
}

static void test_existing_only_when_named(void **state) {
  (void)state;
  Compilation c;
  Plan *p = kit_of(&c, spec);
  assert_non_null(p);
  const Kb *kb = p->kb;
  /* "aws" names a vendor, "typescript" and "node" a language: Lambda and
   * Pulumi are new; the language itself and a PostgreSQL store are known. */
  assert_false(plan_team_knows(p, kb_tech(kb, S("aws-lambda"))));
  assert_false(plan_team_knows(p, kb_tech(kb, S("pulumi"))));
  assert_false(plan_team_knows(p, kb_tech(kb, S("hono"))));
  assert_true(plan_team_knows(p, kb_tech(kb, S("node-typescript"))));
  assert_true(plan_team_knows(p, kb_tech(kb, S("aws-rds-postgresql"))));
  driver_free(&c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_units_cover_every_endpoint_once),
    cmocka_unit_test(test_events),
    cmocka_unit_test(test_create_cases),
    cmocka_unit_test(test_existing_only_when_named),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
