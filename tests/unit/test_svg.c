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

/* The SVG without its layout key (the key hashes the DOT text). */
static void unkeyed(Buf *svg) {
  buf_putc(svg, 0);
  char *k = strstr(svg->p, "<!-- plinth layout ");
  assert_non_null(k);
  char *e = strstr(k, "-->");
  assert_non_null(e);
  memmove(k, e + 3, strlen(e + 3) + 1);
  svg->n = (ptrdiff_t)strlen(svg->p);
}

/* The graph built through cgraph's calls (the DOT that svg.c reads
 * itself) lays out as the graph agmemread parses: the same text with a
 * comment after it, which svg.c leaves to agmemread. Both through
 * Graphviz's labels and writer (a parsed graph's labels are Graphviz's). */
static void test_svg_built_as_parsed(void **state) {
  (void)state;
  static const char *const dots[] = {
    "digraph a { a -> b; }",
    "digraph \"two words\" {\n  rankdir=LR;\n  graph [fontname=\"Helvetica\", fontsize=12, nodesep=0.5, ranksep=.7];\n"
    "  node [shape=box, style=\"rounded,filled\", penwidth=1.2];\n  edge [color=\"#707070\"];\n"
    "  label=\"T: \\\"quoted\\\" and \\\\ back\"; fontname=\"Helvetica-Bold\";\n"
    "  \"user\" [fillcolor=\"#08427b\", label=<<b>User</b><br/><font point-size=\"8\">[Person]</font>>];\n"
    "  subgraph cluster_s {\n    style=\"dashed\"; color=\"#444444\"; label=\"S\\n[System]\";\n"
    "    node [fillcolor=\"#ffeeee\"];\n    \"api\" [label=\"API\"];\n    \"db\" [shape=cylinder, label=\"D\" + \"B\\l\"];\n"
    "    \"api\" -> \"db\" [label=\"reads\", dir=both, arrowtail=crow];\n  }\n"
    "  \"user\" -> \"api\" -> \"db\" [label=<calls<br/>it>, weight=-0.5];\n"
    "  \"caf\xc3\xa9\" -> user;\n  user [xlabel=\"again\"];\n  e1 -> e2; e2 -> e1\n}\n",
  };
  for (size_t i = 0; i < sizeof dots / sizeof *dots; i++) {
    Buf built = {0}, parsed = {0}, err = {0}, text = {0};
    assert_true(svg_render_graphviz(str_c(dots[i]), &built, &err));
    buf_puts(&text, dots[i]);
    buf_puts(&text, "\n// parsed\n");
    assert_true(svg_render(buf_view(&text), &parsed, &err));
    assert_int_equal(err.n, 0);
    unkeyed(&built);
    unkeyed(&parsed);
    if (strcmp(built.p, parsed.p))
      fail_msg("DOT %zu lays out differently built and parsed:\n%s\n---\n%s", i, built.p, parsed.p);
    buf_free(&built);
    buf_free(&parsed);
    buf_free(&err);
    buf_free(&text);
  }
}

static int count(const char *s, const char *what) {
  int n = 0;
  for (const char *p = strstr(s, what); p; p = strstr(p + 1, what))
    n++;
  return n;
}

/* Labels svg.c draws itself: the texts of HTML-like labels each on a line
 * of their own with their size and weight, the legend's cells, the
 * cluster's label, every id prefixed with the graph's name; a label
 * outside the part svg.c reads goes to Graphviz's labels and writer. */
static void test_svg_own_labels(void **state) {
  (void)state;
  static const char dot[] =
      "digraph ctx {\n  node [fontname=\"Helvetica\", fontsize=10, shape=box, style=\"rounded,filled\"];\n"
      "  edge [fontsize=9, color=\"#707070\"];\n  label=\"T: view\";\n"
      "  \"user\" [fillcolor=\"#08427b\", fontcolor=\"#ffffff\", label=<<b>User &amp; admin</b><br/>"
      "<font point-size=\"8\">[Person]</font>>];\n"
      "  subgraph cluster_s {\n    style=\"dashed\"; label=\"S\\n[Software System]\";\n"
      "    \"db\" [shape=cylinder, style=filled, label=<<b>Database</b><br/><font point-size=\"8\">[Container: "
      "PostgreSQL]</font>>];\n  }\n"
      "  \"user\" -> \"db\" [label=<reads<br/><font point-size=\"8\">[TLS]</font>>];\n"
      "  \"legend\" [shape=plaintext, style=\"\", label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" "
      "cellpadding=\"4\"><tr><td><b>Legend</b></td></tr><tr><td bgcolor=\"#08427b\"><font "
      "color=\"#ffffff\">Person</font></td></tr></table>>];\n}\n";
  Buf out = {0}, err = {0};
  assert_true(svg_render(str_c(dot), &out, &err));
  assert_int_equal(err.n, 0);
  buf_putc(&out, 0);
  const char *s = out.p;
  assert_true(!strncmp(s, "<svg", 4));
  assert_null(strstr(s, "rotate(0)"));   /* not Graphviz's writer */
  assert_non_null(strstr(s, "font-weight=\"bold\" font-size=\"10\" fill=\"#ffffff\">User &amp; admin</text>"));
  assert_non_null(strstr(s, "font-size=\"8\" fill=\"#ffffff\">[Person]</text>"));
  assert_non_null(strstr(s, ">[Container: PostgreSQL]</text>"));
  assert_non_null(strstr(s, ">reads</text>"));
  assert_non_null(strstr(s, "font-size=\"8\">[TLS]</text>"));
  assert_non_null(strstr(s, ">[Software System]</text>"));
  assert_non_null(strstr(s, ">T: view</text>"));
  assert_non_null(strstr(s, "fill=\"#08427b\" stroke=\"black\"/>"));   /* the legend's cell */
  assert_int_equal(count(s, "class=\"node\""), 3);
  assert_int_equal(count(s, "class=\"edge\""), 1);
  assert_int_equal(count(s, "class=\"cluster\""), 1);
  assert_int_equal(count(s, " id=\""), count(s, " id=\"ctx-"));
  assert_int_equal(count(s, "<text"), count(s, "</text>"));
  assert_non_null(strstr(s, "<!-- plinth layout "));
  buf_free(&out);
  /* <i> is not in the part svg.c reads: Graphviz draws the graph. */
  Buf other = {0};
  buf_puts(&other, dot);
  char *at = strstr(other.p, "<b>User");
  assert_non_null(at);
  memcpy(at, "<i>User", 7);
  memcpy(strstr(at, "</b>"), "</i>", 4);
  assert_true(svg_render(buf_view(&other), &out, &err));
  buf_putc(&out, 0);
  assert_non_null(strstr(out.p, "rotate(0)"));
  assert_non_null(strstr(out.p, "User &amp; admin"));
  assert_int_equal(count(out.p, " id=\""), count(out.p, " id=\"ctx-"));
  buf_free(&out);
  /* So do an entity XML does not know and a font attribute svg.c does
   * not draw. */
  static const char *const outside[][2] = {{"[Person]", "[Person&nbsp;]"}, {"<font point-size=\"8\">[Person]",
                                                                               "<font face=\"Times\">[Person]"}};
  for (size_t i = 0; i < sizeof outside / sizeof *outside; i++) {
    Buf t = {0};
    const char *at2 = strstr(dot, outside[i][0]);
    assert_non_null(at2);
    buf_put(&t, dot, at2 - dot);
    buf_puts(&t, outside[i][1]);
    buf_puts(&t, at2 + strlen(outside[i][0]));
    assert_true(svg_render(buf_view(&t), &out, &err));
    buf_putc(&out, 0);
    if (!strstr(out.p, "rotate(0)"))
      fail_msg("variant %zu drawn by svg.c: %s", i, t.p);
    buf_free(&out);
    buf_free(&t);
  }
  buf_free(&other);
  buf_free(&err);
}

/* Graphviz 2.42's gvprintdouble, as its source has it: the reference
 * svg_number must match character for character. */
static void reference(char *b, double x) {
  if (x > -1e-8 && x < 1e-8)
    x = 0;
  snprintf(b, 50, "%.02f", x);
  char *p = strchr(b, '.');
  if (p) {
    char *e = b + strlen(b) - 1;
    while (*e == '0')
      *e-- = 0;
    if (*e == '.')
      *e = 0;
  }
}

static void check_number(double x) {
  char a[50], b[64];
  int n = svg_number(a, x);
  reference(b, x);
  if (strcmp(a, b))
    fail_msg("svg_number(%.17g) = \"%s\", Graphviz prints \"%s\"", x, a, b);
  assert_int_equal(n, (int)strlen(a));
}

static void test_svg_number(void **state) {
  (void)state;
  static const double fixed[] = {0,      -0.0,    1e-9,    -1e-9,   0.004,    -0.004,   0.005,    -0.005,
                                 0.015,  0.125,   -0.125,  1.005,   2.675,    1.5,      -7.25,    10,
                                 100.1,  999.995, 1e6,     -1e6,    1e6 + 0.005, 123456.785, 1e7, 1e15,
                                 1e300,  -1e300,  4e-3,    0.0049999999, 36.005000000000003, 0.1 + 0.2};
  for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
    check_number(fixed[i]);
  check_number(INFINITY);
  check_number(-INFINITY);
  check_number(NAN);
  /* Every hundredth and every tie of the ranges an SVG coordinate takes,
   * then values of every magnitude. */
  for (int k = -200000; k <= 200000; k++) {
    check_number(k / 100.0);
    check_number((k + 0.5) / 100.0);
    check_number(k / 8.0);
    check_number(k / 64.0);   /* exact ties of every parity, k * 25 / 16 */
    check_number(k * 1.25 + k / 128.0);
  }
  uint64_t s = 88172645463325252u;
  for (int i = 0; i < 200000; i++) {
    s ^= s << 13, s ^= s >> 7, s ^= s << 17;
    double u = (double)(s >> 11) / 9007199254740992.0;
    double x = (u - 0.5) * pow(10, (double)(i % 14) - 3);
    check_number(x);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_svg_ok),
    cmocka_unit_test(test_svg_error),
    cmocka_unit_test(test_svg_built_as_parsed),
    cmocka_unit_test(test_svg_own_labels),
    cmocka_unit_test(test_svg_number),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
