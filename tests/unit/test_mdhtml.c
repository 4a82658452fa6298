/* Unit tests for report.html's Markdown (src/emit/report.c): md4c's parser
 * with report.c's HTML gives the bytes md4c-html's md_html gives, for
 * every construct the documents use and the ones it hands back to md_html
 * (entities, images). */
#include "harness.h"
#include "emit/emit.h"

static const char *const cases[] = {
  "# Title\n\nA paragraph with & < > \" and ' quotes.\n",
  "## Two\n### Three\n#### Four\n##### Five\n###### Six\n",
  "Text *em* **strong** ***both*** `code & <b>` ~~gone~~ and_under_scores.\n",
  "A line  \nwith a hard break\nand a soft one.\\\nBackslash break.\n",
  "Escapes: \\* \\_ \\# \\< \\> \\& \\| \\` \\\\ \\[x\\]\n",
  "[a link](https://example.com/a b?x=1&y=2#frag \"its title & more\") and [rel](docs/ADR.md)\n",
  "<https://example.com/q?a=1&b=\xc3\xa9> and www.example.org/path and https://x.io/a_b(c) and me@example.com\n",
  "| left | centre | right | none |\n| :--- | :---: | ---: | --- |\n| a & b | `c|d` | **e** | [f](g) |\n| 1 | 2 | 3 | 4 |\n",
  "1. one\n2. two\n   - nested *x*\n   - nested y\n3. three\n\n7. seven\n8. eight\n",
  "- [ ] open task\n- [x] done task\n- [X] done too\n- plain item\n\n- loose\n\n- list\n",
  "```mermaid\ngraph TD\n  A[\"a & b\"] --> B<br/>\n```\n\n```\nplain <code>\n```\n\n    indented & code\n",
  "```c\nint x = a < b && c > d;\n```\n\n~~~ yaml\nkey: \"v\"\n~~~\n",
  "```mermaid with words\nA --> B\n```\n\n```mermaidx\nC\n```\n\n~~~Mermaid\nD\n~~~\n",
  "> a quote with **bold**\n> > nested\n\n---\n\n***\n",
  "Entities: &amp; &copy; &#123; &#x41; &nbsp; &bogus; and &#0; &#x110000;\n",
  "An image ![alt *text*](img.png \"t\") inside text, and [![inner](i.png)](out)\n",
  "```a&amp;b\ncode\n```\n[x](http://h/&amp;q \"t&quot;\")\n",
  "<div>html is text</div> <span>inline</span>\n",
  "Setext\n======\n\nOther\n-----\n",
  "| only | head |\n| --- | --- |\n",
  "",
};

/* A NUL in the text (md4c reports it apart), and UTF-8. */
static const char nul_case[] = "NUL here: a\0b and caf\xc3\xa9 \xe2\x80\x94 dash\n[l](a\0b)\n";

static void test_same_as_md_html(void **state) {
  (void)state;
  for (size_t i = 0; i <= sizeof cases / sizeof *cases; i++) {
    Str md = i < sizeof cases / sizeof *cases ? (Str){cases[i], (ptrdiff_t)strlen(cases[i])}
                                              : (Str){nul_case, (ptrdiff_t)sizeof nul_case - 1};
    Buf a = {0}, b = {0};
    if (!report_md_html(md, true, &a)) {
      print_message("md4c is not installed: skipped\n");
      return;
    }
    assert_true(report_md_html(md, false, &b));
    if (a.n != b.n || (a.n > 0 && memcmp(a.p, b.p, (size_t)a.n))) {
      print_error("case %zu:\nmd_html:\n%.*s\nplinth:\n%.*s\n", i, (int)a.n, a.p, (int)b.n, b.p);
      fail();
    }
    buf_free(&a);
    buf_free(&b);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_same_as_md_html),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
