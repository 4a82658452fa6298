/* Unit tests for svg_render (src/emit/svg.c): a graph laid out as SVG, and
 * a syntax error reported without spoiling the next graph. */
#include "harness.h"
#include "emit/emit.h"

static void test_svg_ok(void **state) {
  (void)state;
  Buf out = {0}, err = {0};
  assert_true(svg_render(S("digraph g { a -> b [label=\"x & y\"]; }"), &out, &err));
  buf_putc(&out, 0);
  assert_true(!strncmp(out.p, "<svg", 4));
  assert_non_null(strstr(out.p, "x &amp; y"));
  assert_non_null(strstr(out.p, "</svg>"));
  assert_int_equal(err.n, 0);
  buf_free(&out);
  buf_free(&err);
}

static void test_svg_error(void **state) {
  (void)state;
  Buf out = {0}, err = {0};
  assert_false(svg_render(S("digraph g { a -> ; }"), &out, &err));
  assert_true(err.n > 0);
  buf_putc(&err, 0);
  assert_non_null(strstr(err.p, "syntax error"));
  buf_free(&out);
  buf_free(&err);
  /* A good graph after a bad one still renders. */
  assert_true(svg_render(S("graph h { c -- d }"), &out, &err));
  buf_free(&out);
  buf_free(&err);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_svg_ok),
    cmocka_unit_test(test_svg_error),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
