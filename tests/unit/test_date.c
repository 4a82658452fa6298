/* Unit tests for calendar dates (src/util/date.c). Every expected value was
 * read off a printed calendar: 1970-01-01 was a Thursday, 2000 and 2024 are
 * leap years and 1900 and 2100 are not, 2026-03-02 is a Monday. */
#include "harness.h"

#include "util/date.h"

static void test_days(void **state) {
  (void)state;
  assert_int_equal(date_days(S("1970-01-01")), 0);
  assert_int_equal(date_days(S("1970-01-02")), 1);
  assert_int_equal(date_days(S("2000-03-01")) - date_days(S("2000-02-28")), 2);   /* 2000 is leap */
  assert_int_equal(date_days(S("2100-03-01")) - date_days(S("2100-02-28")), 1);   /* 2100 is not */
  assert_int_equal(date_days(S("2026-06-01")) - date_days(S("2026-03-02")), 91);  /* 13 weeks */
  assert_int_equal(date_days(S("2027-01-01")) - date_days(S("2026-01-01")), 365);
  assert_int_equal(date_days(S("2025-01-01")) - date_days(S("2024-01-01")), 366);
  /* not dates */
  assert_int_equal(date_days(S("2026-02-29")), -1);
  assert_int_equal(date_days(S("2026-13-01")), -1);
  assert_int_equal(date_days(S("2026-00-10")), -1);
  assert_int_equal(date_days(S("2026-04-31")), -1);
  assert_int_equal(date_days(S("1969-12-31")), -1);
  assert_int_equal(date_days(S("2026-6-01")), -1);
  assert_int_equal(date_days(S("2026/06/01")), -1);
  assert_int_equal(date_days((Str){"2026-06-01x", 10}), date_days(S("2026-06-01")));   /* a slice */
  assert_int_equal(date_days((Str){NULL, 0}), -1);
}

static void test_format(void **state) {
  (void)state;
  char b[DATE_BYTES];
  static const char *const all[] = {"1970-01-01", "2000-02-29", "2024-12-31", "2026-03-02", "2099-07-15", 0};
  for (int i = 0; all[i]; i++) {
    date_format(date_days(str_c(all[i])), b);
    assert_string_equal(b, all[i]);
  }
  /* every day of four years round-trips */
  long from = date_days(S("2023-01-01")), to = date_days(S("2027-01-01"));
  for (long d = from; d < to; d++) {
    date_format(d, b);
    assert_int_equal(date_days(str_c(b)), d);
  }
}

static void test_weekday(void **state) {
  (void)state;
  assert_int_equal(date_weekday(date_days(S("1970-01-01"))), 3);   /* Thursday */
  assert_int_equal(date_weekday(date_days(S("2026-03-02"))), 0);   /* Monday */
  assert_int_equal(date_weekday(date_days(S("2026-03-08"))), 6);   /* Sunday */
  assert_int_equal(date_weekday(date_days(S("2000-01-01"))), 5);   /* Saturday */
}

static void test_working(void **state) {
  (void)state;
  long mon = date_days(S("2026-03-02"));
  assert_int_equal(date_working_between(mon, mon), 0);
  assert_int_equal(date_working_between(mon, mon + 7), 5);
  assert_int_equal(date_working_between(mon, date_days(S("2026-06-01"))), 65);
  assert_int_equal(date_working_between(mon + 5, mon + 7), 0);       /* a weekend */
  assert_int_equal(date_working_between(mon + 4, mon + 8), 2);       /* Fri, Mon */
  assert_int_equal(date_working_between(mon + 7, mon), 0);
  /* the n-th working day from a Monday */
  char b[DATE_BYTES];
  date_format(date_after_working(mon, 1), b);
  assert_string_equal(b, "2026-03-02");
  date_format(date_after_working(mon, 5), b);
  assert_string_equal(b, "2026-03-06");
  date_format(date_after_working(mon, 6), b);
  assert_string_equal(b, "2026-03-09");
  date_format(date_after_working(mon, 15), b);
  assert_string_equal(b, "2026-03-20");
  /* from a Saturday the first working day is Monday */
  date_format(date_after_working(mon + 5, 1), b);
  assert_string_equal(b, "2026-03-09");
  /* the two agree: n working days from a Monday end on the day before
   * which n-1 working days have passed */
  for (long n = 1; n < 400; n++)
    assert_int_equal(date_working_between(mon, date_after_working(mon, n) + 1), n);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_days),
    cmocka_unit_test(test_format),
    cmocka_unit_test(test_weekday),
    cmocka_unit_test(test_working),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
