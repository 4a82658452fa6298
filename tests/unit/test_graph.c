/* Unit tests for the task-graph module (src/plan/graph.c): topological
 * order, cycle detection, the critical path method and list scheduling on
 * hand-built graphs whose answers are worked out in the comments. */
#include "harness.h"
#include "plan/graph.h"

#define NEAR(x, y) assert_true(fabs((x) - (y)) < 1e-9)

/* A(3) -> B(2), A -> C(4), B,C -> D(1); E(2) alone.
 * Forward: A 0-3, B 3-5, C 3-7, D 7-8, E 0-2; length 8.
 * Backward: D ls 7; C ls 3 (slack 0); B ls 5 (slack 2); A ls 0; E ls 6.
 * Critical path A C D. Tails: A 8, B 3, C 5, D 1, E 2. */
static Graph classic(Arena *a) {
  Graph g = graph_make();
  int A = graph_add(a, &g, 3), B = graph_add(a, &g, 2), C = graph_add(a, &g, 4), D = graph_add(a, &g, 1);
  graph_add(a, &g, 2);
  graph_need(a, &g, B, A);
  graph_need(a, &g, C, A);
  graph_need(a, &g, D, B);
  graph_need(a, &g, D, C);
  return g;
}

static void test_cpm_classic(void **state) {
  (void)state;
  Arena a = arena_make(1 << 20);
  Graph g = classic(&a);
  GraphAdj j = graph_adj(&a, &g);
  Cpm c;
  assert_true(graph_cpm(&a, &g, &j, &c));
  NEAR(c.length, 8);
  double es[] = {0, 3, 3, 7, 0}, slack[] = {0, 2, 0, 0, 6}, tail[] = {8, 3, 5, 1, 2};
  for (int i = 0; i < 5; i++) {
    NEAR(c.es[i], es[i]);
    NEAR(c.slack[i], slack[i]);
    NEAR(c.tail[i], tail[i]);
  }
  assert_int_equal(c.npath, 3);
  assert_int_equal(c.path[0], 0);
  assert_int_equal(c.path[1], 2);
  assert_int_equal(c.path[2], 3);
  arena_free(&a);
}

/* One worker: A 0-3; then C (tail 5) 3-7, B (3) 7-9, E (2) 9-11, D 11-12.
 * Two workers: A on 0 (0-3), E on 1 (0-2); at 3 C on 0 (3-7), B on 1
 * (3-5); at 7 D on worker 0 (the lowest free) 7-8. Length 8. */
static void test_schedule_classic(void **state) {
  (void)state;
  Arena a = arena_make(1 << 20);
  Graph g = classic(&a);
  GraphAdj j = graph_adj(&a, &g);
  Cpm c;
  assert_true(graph_cpm(&a, &g, &j, &c));
  Schedule s1 = graph_schedule(&a, &g, &j, &c, 1);
  NEAR(s1.length, 12);
  double st1[] = {0, 7, 3, 11, 9};
  for (int i = 0; i < 5; i++)
    NEAR(s1.start[i], st1[i]);
  Schedule s2 = graph_schedule(&a, &g, &j, &c, 2);
  NEAR(s2.length, 8);
  double st2[] = {0, 3, 3, 7, 0};
  int w2[] = {0, 1, 0, 0, 1};
  for (int i = 0; i < 5; i++) {
    NEAR(s2.start[i], st2[i]);
    assert_int_equal(s2.worker[i], w2[i]);
  }
  arena_free(&a);
}

/* 0 needs 2, 1 needs 0, 2 needs 1; 3 alone. The walk from task 0 goes
 * 0 -> 2 -> 1 -> 0: the cycle is 0 needs 2 needs 1 needs 0. */
static void test_cycle(void **state) {
  (void)state;
  Arena a = arena_make(1 << 20);
  Graph g = graph_make();
  for (int i = 0; i < 4; i++)
    graph_add(&a, &g, 1);
  graph_need(&a, &g, 0, 2);
  graph_need(&a, &g, 1, 0);
  graph_need(&a, &g, 2, 1);
  GraphAdj j = graph_adj(&a, &g);
  Cpm c;
  assert_false(graph_cpm(&a, &g, &j, &c));
  assert_int_equal(c.ncycle, 3);
  assert_int_equal(c.cycle[0], 0);
  assert_int_equal(c.cycle[1], 2);
  assert_int_equal(c.cycle[2], 1);
  arena_free(&a);
}

static void test_self_cycle(void **state) {
  (void)state;
  Arena a = arena_make(1 << 20);
  Graph g = graph_make();
  graph_add(&a, &g, 1);
  graph_add(&a, &g, 1);
  graph_need(&a, &g, 1, 1);
  GraphAdj j = graph_adj(&a, &g);
  Cpm c;
  assert_false(graph_cpm(&a, &g, &j, &c));
  assert_int_equal(c.ncycle, 1);
  assert_int_equal(c.cycle[0], 1);
  arena_free(&a);
}

static void test_single(void **state) {
  (void)state;
  Arena a = arena_make(1 << 20);
  Graph g = graph_make();
  graph_add(&a, &g, 5);
  GraphAdj j = graph_adj(&a, &g);
  Cpm c;
  assert_true(graph_cpm(&a, &g, &j, &c));
  NEAR(c.length, 5);
  assert_int_equal(c.npath, 1);
  assert_int_equal(c.path[0], 0);
  Schedule s = graph_schedule(&a, &g, &j, &c, 3);
  NEAR(s.start[0], 0);
  NEAR(s.finish[0], 5);
  assert_int_equal(s.worker[0], 0);
  NEAR(s.length, 5);
  arena_free(&a);
}

/* 10,000 unit tasks in 100 chains of 100 (task i needs i-1 within a
 * chain), then one final task of 1 needing every chain's end: 10,001 tasks.
 * CPM: 100 + 1 = 101. One worker: 10,001. Ten workers: the chains' 10,000
 * tasks keep all ten busy (longest tail first keeps the chains level), so
 * 1,000, then the final task: 1,001. A hundred workers: 101. */
static void test_ten_thousand(void **state) {
  (void)state;
  Arena a = arena_make(64 << 20);
  Graph g = graph_make();
  for (int i = 0; i < 10000; i++) {
    graph_add(&a, &g, 1);
    if (i % 100)
      graph_need(&a, &g, i, i - 1);
  }
  int end = graph_add(&a, &g, 1);
  for (int k = 0; k < 100; k++)
    graph_need(&a, &g, end, k * 100 + 99);
  GraphAdj j = graph_adj(&a, &g);
  Cpm c;
  assert_true(graph_cpm(&a, &g, &j, &c));
  NEAR(c.length, 101);
  assert_int_equal(c.npath, 101);
  assert_int_equal(c.path[0], 0);
  assert_int_equal(c.path[100], end);
  NEAR(graph_schedule(&a, &g, &j, &c, 1).length, 10001);
  NEAR(graph_schedule(&a, &g, &j, &c, 10).length, 1001);
  NEAR(graph_schedule(&a, &g, &j, &c, 100).length, 101);
  /* Every dependency is respected. */
  Schedule s = graph_schedule(&a, &g, &j, &c, 7);
  for (int k = 0; k < g.ne; k++)
    assert_true(s.start[g.etask[k]] >= s.finish[g.edep[k]] - 1e-9);
  arena_free(&a);
}

/* Zero-length tasks (a cut task, a milestone) take no worker time. */
static void test_zero_length(void **state) {
  (void)state;
  Arena a = arena_make(1 << 20);
  Graph g = graph_make();
  int x = graph_add(&a, &g, 2), m = graph_add(&a, &g, 0), y = graph_add(&a, &g, 3);
  graph_need(&a, &g, m, x);
  graph_need(&a, &g, y, m);
  GraphAdj j = graph_adj(&a, &g);
  Cpm c;
  assert_true(graph_cpm(&a, &g, &j, &c));
  NEAR(c.length, 5);
  Schedule s = graph_schedule(&a, &g, &j, &c, 1);
  NEAR(s.start[m], 2);
  NEAR(s.start[y], 2);
  NEAR(s.length, 5);
  arena_free(&a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_cpm_classic), cmocka_unit_test(test_schedule_classic), cmocka_unit_test(test_cycle),
    cmocka_unit_test(test_self_cycle),  cmocka_unit_test(test_single),           cmocka_unit_test(test_ten_thousand),
    cmocka_unit_test(test_zero_length),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
