/* Unit tests for format_v / format_s (src/util/format.c): the same
 * characters and return value as the C library's snprintf, for every kind
 * of conversion Plinth uses and the ones it sends to the C library, at
 * every buffer size down to none. */
#include "harness.h"
#include "util/format.h"

static int failures;

/* CHECK(fmt, args...): format_s and snprintf agree at sizes 0, 1, 3 and
 * 256 (the text cut short, or whole). */
#define CHECK(...)                                                                                                     \
  do {                                                                                                                 \
    static const size_t sizes_[] = {256, 3, 1, 0};                                                                     \
    for (size_t i_ = 0; i_ < sizeof sizes_ / sizeof *sizes_; i_++) {                                                   \
      char a_[256], b_[256];                                                                                           \
      memset(a_, 'x', sizeof a_);                                                                                      \
      memset(b_, 'x', sizeof b_);                                                                                      \
      int na_ = format_s(a_, sizes_[i_], __VA_ARGS__);                                                                 \
      int nb_ = snprintf(b_, sizes_[i_], __VA_ARGS__);                                                                 \
      if (na_ != nb_ || memcmp(a_, b_, sizeof a_)) {                                                                   \
        if (failures++ < 10)                                                                                           \
          print_error("%s:%d size %zu: format_s gives %d \"%.*s\", snprintf %d \"%.*s\"\n", __FILE__, __LINE__,    \
                      sizes_[i_], na_, (int)(sizes_[i_] ? strnlen(a_, sizes_[i_]) : 0), a_, nb_,                       \
                      (int)(sizes_[i_] ? strnlen(b_, sizes_[i_]) : 0), b_);                                            \
      }                                                                                                                \
    }                                                                                                                  \
  } while (0)

static void test_text(void **state) {
  (void)state;
  failures = 0;
  const char *words[] = {"", "a", "Lambda", "a much longer piece of text than the field", "caf\xc3\xa9"};
  for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
    const char *w = words[i];
    int n = (int)strlen(w);
    CHECK("%s", w);
    CHECK("[%s] and [%s]", w, w);
    CHECK("%.*s|", n, w);
    CHECK("%.*s|", n > 2 ? n - 2 : 0, w);
    CHECK("%-10s|%10s|%9s|%-28.*s|", w, w, w, n, w);
    CHECK("%*s|%-*s|%*s", 12, w, 7, w, -9, w);
    CHECK("%.3s|%5.2s|", w, w);
    CHECK("%c%c|%3c|%-3c|", 'x', w[0] ? w[0] : 'y', 'z', 'q');
  }
  CHECK("100%% of %s", "it");
  CHECK("no conversions at all");
  CHECK("%s", (const char *)NULL);
  CHECK("%10s|", (const char *)NULL);
  /* Str's text is not NUL-terminated: %.*s reads no further. */
  char unterminated[4] = {'a', 'b', 'c', 'd'};
  CHECK("%.*s|", 3, unterminated);
  /* format_v reads %s, %d and %.*s without the general parser: a negative
   * '*' precision is none, a huge one is the whole text, NULL is the C
   * library's. */
  CHECK("%.*s|%.*s|", -1, "whole", -7, "whole");
  CHECK("%.*s|", 2000000, "whole");
  CHECK("%.*s|%.*s|%s|", 3, (const char *)NULL, 6, (const char *)NULL, (const char *)NULL);
  /* An empty Str {NULL, 0}: nothing, in its field (format_v's own path). */
  CHECK("%.*s|%5.0s|%-4.*s|%.0s", 0, (const char *)NULL, (const char *)NULL, 0, (const char *)NULL, (const char *)NULL);
  CHECK("%s%d%s%.*s%d", "a", -5, "", 2, "xyz", 2147483647);
  CHECK("%d%%d%s%%s%.*s%%", 1, "x", 1, "yz");
  assert_int_equal(failures, 0);
}

static void test_integers(void **state) {
  (void)state;
  failures = 0;
  const long long values[] = {0, 1, -1, 7, -42, 99, 100, 12345, -98765, 2147483647, -2147483647 - 1,
                              4294967295LL, 9223372036854775807LL, -9223372036854775807LL - 1};
  for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
    long long v = values[i];
    int iv = (int)v;
    unsigned uv = (unsigned)v;
    CHECK("%d|%i|%5d|%-5d|%05d|%02d|%04d", iv, iv, iv, iv, iv, iv, iv);
    CHECK("%ld|%lld|%zu|%td|%jd", (long)v, v, (size_t)v, (ptrdiff_t)v, (intmax_t)v);
    CHECK("%u|%x|%X|%04X|%02X|%08x|%03x|%o", uv, uv, uv, uv, uv, uv, uv, uv);
    CHECK("%llu|%lx|%zx", (unsigned long long)v, (unsigned long)v, (size_t)v);
    CHECK("%+d|% d|%.3d|%#x|%*d|%-*d|%hd|%hhd|%hu", iv, iv, iv, uv, 6, iv, -6, iv, (short)iv, (signed char)iv,
          (unsigned short)uv);
  }
  assert_int_equal(failures, 0);
}

static void test_numbers(void **state) {
  (void)state;
  failures = 0;
  static const double fixed[] = {0,        -0.0,      0.05,     -0.05,  0.15,    0.25,    0.35,   1.005,
                                 2.675,    1.5,       2.5,      -2.5,   0.125,   9.995,   99.95,  1e9,
                                 123456.785, 1e14,    1e15,     1e16,   1e300,   -1e300,  5e-324, 0.1 + 0.2,
                                 4.63,     36.005000000000003, 12.5, 0.5, 1234.5678, 7.0000000001};
  for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) {
    double x = fixed[i];
    CHECK("%.0f|%.1f|%.2f|%.3f|%.4f|%.9f", x, x, x, x, x, x);
    CHECK("$%.0f|$%.2f|%.*f|%.*f", x, x, 2, x, 6, x);
    CHECK("%f|%g|%.17g|%.4g|%e|%6.0f|%-8.1f|%08.2f|%+.1f|%a", x, x, x, x, x, x, x, x, x, x);
  }
  CHECK("%.1f|%.0f|%g", INFINITY, -INFINITY, NAN);
  CHECK("%.2f", NAN);
  CHECK("%Lf|%.3Lg", 1.5L, 2.25L);
  /* Every tenth and hundredth of the ranges printed, their ties, then
   * values of every magnitude. */
  for (int k = -30000; k <= 30000; k++) {
    CHECK("%.1f %.2f %.0f", k / 10.0, k / 100.0, k / 2.0);
    CHECK("%.1f %.2f", (k + 0.5) / 10.0, (k + 0.5) / 100.0);
  }
  uint64_t s = 88172645463325252u;
  for (int i = 0; i < 100000; i++) {
    s ^= s << 13, s ^= s >> 7, s ^= s << 17;
    double u = (double)(s >> 11) / 9007199254740992.0;
    double x = (u - 0.5) * pow(10, (double)(i % 20) - 6);
    CHECK("%.0f|%.1f|%.2f|%.3f|%.4f", x, x, x, x, x);
    CHECK("%g|%.1g|%.3g|%.4g|%.10g|%.0g|%.16g", x, x, x, x, x, x, x);
  }
  /* %g where its digits carry into the next power of ten, at and near
   * the powers, and the values json_num prints. */
  static const double general[] = {1,       9.5,        9.9999995,   99999.95,   999999.5,   9999999999.5,
                                   99.99995, 999.9999999996, 1e5,   1e6,        123456.5,   1234567,
                                   10,      100.00000001, 2.5,        0.5,        1.0000005,  -9.99999951,
                                   1e10,    9999999999,  12345678901, 1e16,       4.35,       33.3333333333333};
  for (size_t i = 0; i < sizeof general / sizeof *general; i++) {
    double x = general[i];
    CHECK("%g|%.1g|%.2g|%.3g|%.6g|%.9g|%.10g|%.15g|%.16g|%.17g", x, x, x, x, x, x, x, x, x, x);
    CHECK("%g|%.3g|%.10g", -x, -x, -x);
  }
  for (int k = 1; k <= 30000; k++)
    CHECK("%g %.3g %.4g %.10g", k / 8.0, k / 1000.0 + 1, k * 1.0005, k / 3.0);
  assert_int_equal(failures, 0);
}

static void test_other(void **state) {
  (void)state;
  failures = 0;
  int x = 0;
  CHECK("%p|%s|%d", (void *)&x, "then", 3);
  CHECK("%5%|%d", 4);
  CHECK("trailing %");
  CHECK("%.0s|%.s|", "gone", "gone");
  /* A negative '*' precision is none; a negative '*' width is '-'. */
  CHECK("%.*s|%.*f|%.*d|%*.*s|", -1, "abc", -3, 2.5, -2, 7, -5, -1, "ab");
  CHECK("%1000000d|%.1000000s|", 1, "a");
  assert_int_equal(failures, 0);
  /* Longer than the C library's path's stack buffer. */
  char big[600];
  memset(big, 'q', sizeof big - 1);
  big[sizeof big - 1] = 0;
  char a[700], b[700];
  assert_int_equal(format_s(a, sizeof a, "<%+600s>", big), snprintf(b, sizeof b, "<%+600s>", big));
  assert_string_equal(a, b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_text),
    cmocka_unit_test(test_integers),
    cmocka_unit_test(test_numbers),
    cmocka_unit_test(test_other),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
