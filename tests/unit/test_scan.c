/* Unit tests for the English scanner of `plinth new` (src/intake/scan.c):
 * numbers with units in their common spellings, periods, number words,
 * singulars and the typo distance. Expected values are in base units:
 * counts, dollars, percent, seconds, bytes. */
#include "harness.h"
#include "intake/scan.h"

static Arena arena;

static int setup(void **state) {
  (void)state;
  arena = arena_make((ptrdiff_t)1 << 28);
  return 0;
}

static int teardown(void **state) {
  (void)state;
  arena_free(&arena);
  return 0;
}

/* The first number of `text`: its value, unit and period. */
static void number(const char *text, double value, NumUnit unit, double per) {
  EnWords w = scan_text(&arena, str_c(text), 0);
  for (int i = 0; i < w.n; i++)
    if (w.v[i].kind == W_NUMBER) {
      double tol = fabs(value) * 1e-9 + 1e-9;
      if (fabs(w.v[i].value - value) > tol || w.v[i].unit != unit || fabs(w.v[i].per - per) > 1e-6)
        fail_msg("'%s': got %.17g unit %d per %g, expected %.17g unit %d per %g", text, w.v[i].value,
                 (int)w.v[i].unit, w.v[i].per, value, (int)unit, per);
      return;
    }
  fail_msg("'%s': no number found", text);
}

static void test_counts(void **state) {
  (void)state;
  number("10k users", 10000, NU_COUNT, 0);
  number("10K users", 10000, NU_COUNT, 0);
  number("50,000 requests", 50000, NU_COUNT, 0);
  number("1,234,567 rows", 1234567, NU_COUNT, 0);
  number("1.5M devices", 1.5e6, NU_COUNT, 0);
  number("5 million users", 5e6, NU_COUNT, 0);
  number("2.5 billion events", 2.5e9, NU_COUNT, 0);
  number("3bn rows", 3e9, NU_COUNT, 0);
  number("a thousand users", 1000, NU_COUNT, 0);
  number("fifty thousand devices", 50000, NU_COUNT, 0);
  number("twenty-five sensors", 25, NU_COUNT, 0);
  number("one hundred and five rooms", 105, NU_COUNT, 0);
  number("half a million readers", 500000, NU_COUNT, 0);
  number("a dozen shops", 12, NU_COUNT, 0);
  number("two developers", 2, NU_COUNT, 0);
  /* approximate and European spellings */
  number("a couple of thousand customers", 2000, NU_COUNT, 0);
  number("a few hundred clinics", 300, NU_COUNT, 0);
  number("several thousand drivers", 5000, NU_COUNT, 0);
  number("three and a half thousand students", 3500, NU_COUNT, 0);
  number("2,5 million users", 2.5e6, NU_COUNT, 0);
  number("1,5 GB", 1.5e9, NU_SIZE, 0);
  number("99,9 % uptime", 99.9, NU_PERCENT, 0);
  number("1,500 users", 1500, NU_COUNT, 0);
}

static void test_money(void **state) {
  (void)state;
  number("under $50 a month", 50, NU_MONEY, 2629800);
  number("$2k/month", 2000, NU_MONEY, 2629800);
  number("$1,200/mo", 1200, NU_MONEY, 2629800);
  number("50 dollars per month", 50, NU_MONEY, 2629800);
  number("500 USD monthly", 500, NU_MONEY, 2629800);
  number("\xe2\x82\xac" "300 a year", 300, NU_MONEY, 31557600);
  number("\xc2\xa3" "40", 40, NU_MONEY, 0);
  number("100$ a day", 100, NU_MONEY, 86400);
}

static void test_percent_and_factor(void **state) {
  (void)state;
  number("99.9% uptime", 99.9, NU_PERCENT, 0);
  number("99.95 % availability", 99.95, NU_PERCENT, 0);
  number("20 percent active", 20, NU_PERCENT, 0);
  number("30 per cent", 30, NU_PERCENT, 0);
  number("5x peak", 5, NU_FACTOR, 0);
  number("4 times the average", 4, NU_FACTOR, 0);
}

static void test_durations_and_sizes(void **state) {
  (void)state;
  number("p95 under 200 ms", 0.2, NU_DURATION, 0);
  number("200ms", 0.2, NU_DURATION, 0);
  number("0.2s", 0.2, NU_DURATION, 0);
  number("2 seconds", 2, NU_DURATION, 0);
  number("every ten seconds", 10, NU_DURATION, 0);
  number("in 6 weeks", 6 * 604800.0, NU_DURATION, 0);
  number("3 months", 3 * 2629800.0, NU_DURATION, 0);
  number("5 min", 300, NU_DURATION, 0);
  number("10MB files", 10e6, NU_SIZE, 0);
  number("2 GB", 2e9, NU_SIZE, 0);
}

static void test_rates(void **state) {
  (void)state;
  number("2.5k/s", 2500, NU_COUNT, 1);
  number("20 per second", 20, NU_COUNT, 1);
  number("100 an hour", 100, NU_COUNT, 3600);
  number("3000 daily", 3000, NU_COUNT, 86400);
}

static void test_words(void **state) {
  (void)state;
  EnWords w = scan_text(&arena, S("I'm a Junior dev. Users sign-in; Caf\xc3\xa9 \xff\xfe ok"), 0);
  const char *want[] = {"im", "a", "junior", "dev", ".", "users", "sign-in", ";", "caf", "ok"};
  int k = 0;
  for (int i = 0; i < w.n && k < 10; i++, k++) {
    Str t = w.v[i].text;
    if (w.v[i].kind == W_BREAK) {
      assert_true(k == 4 || k == 7);
      continue;
    }
    if (!str_eqc(t, want[k]))
      fail_msg("word %d: got '%.*s', expected '%s'", k, (int)t.n, t.p, want[k]);
  }
  assert_int_equal(k, 10);
  /* a dot inside a name breaks no sentence */
  w = scan_text(&arena, S("node.js apps"), 0);
  for (int i = 0; i < w.n; i++)
    assert_int_not_equal(w.v[i].kind, W_BREAK);
  /* the limit on words */
  w = scan_text(&arena, S("a b c d e f"), 3);
  assert_int_equal(w.n, 3);
  /* nothing, and only punctuation */
  assert_int_equal(scan_text(&arena, S(""), 0).n, 0);
  assert_int_equal(scan_text(&arena, S("..."), 0).n, 0);
}

static void test_singular(void **state) {
  (void)state;
  const char *pairs[][2] = {{"tasks", "task"}, {"categories", "category"}, {"boxes", "box"},
                            {"matches", "match"}, {"people", "person"}, {"status", "status"},
                            {"class", "class"}, {"analyses", "analysis"}, {"messages", "message"},
                            {"addresses", "address"}, {"data", "data"}, {"bus", "bus"}, {"is", "is"}};
  for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
    Str s = scan_singular(&arena, str_c(pairs[i][0]));
    if (!str_eqc(s, pairs[i][1]))
      fail_msg("singular of '%s': got '%.*s', expected '%s'", pairs[i][0], (int)s.n, s.p, pairs[i][1]);
  }
}

static void test_distance(void **state) {
  (void)state;
  assert_int_equal(scan_distance(S("usres"), S("users"), 2), 1);   /* a swap is one edit */
  assert_int_equal(scan_distance(S("tsak"), S("task"), 2), 1);
  assert_int_equal(scan_distance(S("managment"), S("management"), 2), 1);
  assert_int_equal(scan_distance(S("order"), S("order"), 2), 0);
  assert_int_equal(scan_distance(S("abc"), S("xyz"), 1), 2);       /* over the limit: limit + 1 */
  assert_int_equal(scan_distance(S("a"), S("abcdef"), 2), 3);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_counts),         cmocka_unit_test(test_money),
    cmocka_unit_test(test_percent_and_factor), cmocka_unit_test(test_durations_and_sizes),
    cmocka_unit_test(test_rates),          cmocka_unit_test(test_words),
    cmocka_unit_test(test_singular),       cmocka_unit_test(test_distance),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
