/* Unit tests for numbers with units (src/spec/units.c).
 *
 * Each expectation is the hand-computed value in base units: counts, bytes,
 * seconds, fractions and dollars. Rejections check both the false return and
 * the message, since the parser shows that message to the user. */
#include "harness.h"
#include "spec/units.h"


static Number num(const char *z) { return num_split(str_c(z)); }

/* Relative comparison for values that span many orders of magnitude. */
static void near(double got, double want, const char *what) {
  double tol = fabs(want) * 1e-12 + 1e-12;
  if (fabs(got - want) > tol)
    fail_msg("%s: got %.17g, expected %.17g", what, got, want);
}

typedef bool UnitFn(Number, double *, const char **);

static void accepts(UnitFn *fn, const char *z, double want) {
  double out = -12345;
  const char *why = NULL;
  if (!fn(num(z), &out, &why))
    fail_msg("'%s' was rejected: %s", z, why ? why : "(no message)");
  near(out, want, z);
}

static void rejects(UnitFn *fn, const char *z, const char *msg) {
  double out = -12345;
  const char *why = NULL;
  if (fn(num(z), &out, &why))
    fail_msg("'%s' was accepted as %.17g", z, out);
  assert_non_null(why);
  assert_string_equal(why, msg);
}

static void unit_is(Number n, const char *unit) {
  if (!str_eqc(n.unit, unit))
    fail_msg("unit '%.*s', expected '%s'", (int)n.unit.n, n.unit.p, unit);
}

static void test_num_split(void **state) {
  (void)state;
  Number n = num("50,000");
  near(n.value, 50000, "50,000");
  unit_is(n, "");
  assert_false(n.dollar);

  n = num("1,234,567");
  near(n.value, 1234567, "1,234,567");

  n = num("1.5M");
  near(n.value, 1.5, "1.5M");
  unit_is(n, "M");

  n = num("0.25");
  near(n.value, 0.25, "0.25");

  n = num("99.99%");
  near(n.value, 99.99, "99.99%");
  unit_is(n, "%");

  n = num("200ms");
  near(n.value, 200, "200ms");
  unit_is(n, "ms");

  n = num("$50");
  near(n.value, 50, "$50");
  assert_true(n.dollar);
  unit_is(n, "");

  n = num("$1,000.50");
  near(n.value, 1000.5, "$1,000.50");
  assert_true(n.dollar);

  n = num("-5");
  near(n.value, -5, "-5");
  assert_false(n.dollar);

  n = num("-$5");
  near(n.value, -5, "-$5");
  assert_true(n.dollar);

  n = num("-0.5x");
  near(n.value, -0.5, "-0.5x");
  unit_is(n, "x");

  n = num("10MiB");
  near(n.value, 10, "10MiB");
  unit_is(n, "MiB");

  /* "3." is not a decimal: the dot stays in the unit */
  n = num("3.");
  near(n.value, 3, "3.");
  unit_is(n, ".");

  n = num("");
  near(n.value, 0, "empty");
  unit_is(n, "");

  /* The slice is not NUL-terminated: only n bytes are read. */
  n = num_split((Str){"12345", 2});
  near(n.value, 12, "12|345");
  unit_is(n, "");
  n = num_split((Str){"1.5MB", 4});
  near(n.value, 1.5, "1.5M|B");
  unit_is(n, "M");

  /* 400 digits overflow a double: the value is +infinity, not NaN */
  char big[402];
  big[0] = '1';
  memset(big + 1, '0', 400);
  big[401] = 0;
  n = num(big);
  assert_true(isinf(n.value) && n.value > 0);
}

static void test_count(void **state) {
  (void)state;
  accepts(unit_count, "10", 10);
  accepts(unit_count, "0", 0);
  accepts(unit_count, "50,000", 50000);
  accepts(unit_count, "10k", 1e4);
  accepts(unit_count, "10K", 1e4);
  accepts(unit_count, "1M", 1e6);
  accepts(unit_count, "1.5M", 1.5e6);
  accepts(unit_count, "2B", 2e9);
  accepts(unit_count, "3G", 3e9);
  accepts(unit_count, "0.2", 0.2);
  accepts(unit_count, "-5", -5);
  const char *msg = "expected a count such as 500, 10k, 1.5M or 2B";
  rejects(unit_count, "10MB", msg);
  rejects(unit_count, "5m", msg);   /* minutes, or a typo for M */
  rejects(unit_count, "10kb", msg);
  rejects(unit_count, "20%", msg);
  rejects(unit_count, "5x", msg);
  rejects(unit_count, "1e6", msg);
  rejects(unit_count, "$5", "a '$' amount is not allowed here");
  rejects(unit_count, "$5k", "a '$' amount is not allowed here");
}

static void test_size(void **state) {
  (void)state;
  accepts(unit_size, "512", 512);
  accepts(unit_size, "10B", 10);
  accepts(unit_size, "10KB", 1e4);
  accepts(unit_size, "10kB", 1e4);
  accepts(unit_size, "10MB", 1e7);
  accepts(unit_size, "1GB", 1e9);
  accepts(unit_size, "2TB", 2e12);
  accepts(unit_size, "1KiB", 1024);
  accepts(unit_size, "1MiB", 1048576);
  accepts(unit_size, "1GiB", 1073741824);
  accepts(unit_size, "1TiB", 1099511627776.0);
  accepts(unit_size, "1.5GiB", 1610612736);
  accepts(unit_size, "0.5KiB", 512);
  const char *msg = "expected a size such as 512, 10KB, 10MB or 1GB";
  rejects(unit_size, "5m", msg);
  rejects(unit_size, "10mb", msg); /* suffixes are case-sensitive */
  rejects(unit_size, "10M", msg);
  rejects(unit_size, "10k", msg);
  rejects(unit_size, "1kib", msg);
  rejects(unit_size, "20%", msg);
  rejects(unit_size, "$5", "a '$' amount is not allowed here");
}

static void test_duration(void **state) {
  (void)state;
  accepts(unit_duration, "200ms", 0.2);
  accepts(unit_duration, "1ms", 0.001);
  accepts(unit_duration, "10s", 10);
  accepts(unit_duration, "10sec", 10);
  accepts(unit_duration, "5m", 300);
  accepts(unit_duration, "5min", 300);
  accepts(unit_duration, "1h", 3600);
  accepts(unit_duration, "1.5h", 5400);
  accepts(unit_duration, "2d", 172800);
  accepts(unit_duration, "30d", 2592000);
  accepts(unit_duration, "3w", 1814400);
  const char *msg = "expected a duration such as 200ms, 30s, 5m, 1h or 2d";
  rejects(unit_duration, "10", msg);   /* a bare number needs a unit */
  rejects(unit_duration, "5x", msg);
  rejects(unit_duration, "5M", msg);   /* M is a million, not minutes */
  rejects(unit_duration, "1y", msg);
  rejects(unit_duration, "5mins", msg);
  rejects(unit_duration, "2H", msg);
  rejects(unit_duration, "$5", "a '$' amount is not allowed here");
}

static void test_duration_word(void **state) {
  (void)state;
  /* "6 weeks": 6 * 7 * 86400 */
  near(6 * unit_duration_word(S("weeks")), 3628800, "6 weeks");
  near(unit_duration_word(S("week")), 604800, "week");
  near(unit_duration_word(S("ms")), 0.001, "ms");
  near(unit_duration_word(S("millisecond")), 0.001, "millisecond");
  near(unit_duration_word(S("milliseconds")), 0.001, "milliseconds");
  near(unit_duration_word(S("second")), 1, "second");
  near(unit_duration_word(S("seconds")), 1, "seconds");
  near(unit_duration_word(S("minute")), 60, "minute");
  near(unit_duration_word(S("minutes")), 60, "minutes");
  near(unit_duration_word(S("hour")), 3600, "hour");
  near(unit_duration_word(S("hours")), 3600, "hours");
  near(unit_duration_word(S("day")), 86400, "day");
  near(unit_duration_word(S("days")), 86400, "days");
  /* a month is 365.25 / 12 days = 30.4375 days = 2,629,800 s */
  near(unit_duration_word(S("month")), 2629800, "month");
  near(unit_duration_word(S("months")), 2629800, "months");
  /* a year is 365.25 days = 31,557,600 s */
  near(unit_duration_word(S("year")), 31557600, "year");
  near(2 * unit_duration_word(S("years")), 63115200, "2 years");
  /* unknown words give 0 */
  near(unit_duration_word(S("fortnight")), 0, "fortnight");
  near(unit_duration_word(S("Weeks")), 0, "Weeks");
  near(unit_duration_word(S("")), 0, "empty");
  near(unit_duration_word(S("s")), 0, "s (a unit, not a word)");
  near(unit_duration_word(S("h")), 0, "h");
  near(unit_duration_word((Str){"weeks", 4}), 604800, "week (slice of weeks)");
}

static void test_percent(void **state) {
  (void)state;
  accepts(unit_percent, "20%", 0.2);
  accepts(unit_percent, "0%", 0);
  accepts(unit_percent, "100%", 1);
  accepts(unit_percent, "99.9%", 0.999);
  accepts(unit_percent, "99.99%", 0.9999);
  accepts(unit_percent, "0.5%", 0.005);
  accepts(unit_percent, "150%", 1.5); /* range checks are the resolver's */
  const char *msg = "expected a percentage such as 20%";
  rejects(unit_percent, "20", msg);
  rejects(unit_percent, "0.2", msg);
  rejects(unit_percent, "20x", msg);
  rejects(unit_percent, "$20%", "a '$' amount is not allowed here");
}

static void test_factor(void **state) {
  (void)state;
  accepts(unit_factor, "5x", 5);
  accepts(unit_factor, "5", 5);
  accepts(unit_factor, "1.5x", 1.5);
  accepts(unit_factor, "0x", 0);
  const char *msg = "expected a factor such as 5x";
  rejects(unit_factor, "5X", msg);
  rejects(unit_factor, "5k", msg);
  rejects(unit_factor, "5%", msg);
  rejects(unit_factor, "5xx", msg);
  rejects(unit_factor, "$5x", "a '$' amount is not allowed here");
}

static void test_money(void **state) {
  (void)state;
  accepts(unit_money, "$50", 50);
  accepts(unit_money, "$0", 0);
  accepts(unit_money, "$1,000", 1000);
  accepts(unit_money, "$15000", 15000);
  accepts(unit_money, "$9.99", 9.99);
  accepts(unit_money, "-$5", -5);
  accepts(unit_money, "$50k", 50000);
  accepts(unit_money, "$2M", 2e6);
  const char *msg = "expected an amount in dollars such as $50 or $2k";
  rejects(unit_money, "50", msg);
  rejects(unit_money, "$50MB", msg);
  rejects(unit_money, "50$", msg);
  rejects(unit_money, "$5%", msg);
}

static void test_period(void **state) {
  (void)state;
  near(unit_period(S("s")), 1, "s");
  near(unit_period(S("sec")), 1, "sec");
  near(unit_period(S("second")), 1, "second");
  near(unit_period(S("min")), 60, "min");
  near(unit_period(S("minute")), 60, "minute");
  near(unit_period(S("h")), 3600, "h");
  near(unit_period(S("hour")), 3600, "hour");
  near(unit_period(S("day")), 86400, "day");
  near(unit_period(S("d")), 86400, "d");
  near(unit_period(S("week")), 604800, "week");
  /* 86400 * 365.25 / 12 */
  near(unit_period(S("month")), 2629800, "month");
  near(unit_period(S("year")), 31557600, "year");
  near(unit_period(S("days")), 0, "days");
  near(unit_period(S("m")), 0, "m");
  near(unit_period(S("Day")), 0, "Day");
  near(unit_period(S("")), 0, "empty");
  /* a rate: 50,000/day is 50000 / 86400 per second */
  Number n = num("50,000");
  double c;
  const char *why;
  assert_true(unit_count(n, &c, &why));
  near(c / unit_period(S("day")), 0.5787037037037037, "50,000/day");
}

static void test_constants(void **state) {
  (void)state;
  near(SECONDS_PER_DAY, 86400, "SECONDS_PER_DAY");
  near(SECONDS_PER_MONTH, 2629800, "SECONDS_PER_MONTH");
  near(SECONDS_PER_YEAR, 31557600, "SECONDS_PER_YEAR");
  near(SECONDS_PER_YEAR / SECONDS_PER_MONTH, 12, "12 months a year");
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_num_split),
    cmocka_unit_test(test_count),
    cmocka_unit_test(test_size),
    cmocka_unit_test(test_duration),
    cmocka_unit_test(test_duration_word),
    cmocka_unit_test(test_percent),
    cmocka_unit_test(test_factor),
    cmocka_unit_test(test_money),
    cmocka_unit_test(test_period),
    cmocka_unit_test(test_constants),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
