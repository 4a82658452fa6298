/* Every hostile code point through every escaper (src/util/esc.c).
 *
 * The table of code points: every C0 control and DEL, every C1 control,
 * U+2028, U+2029, the BOM, every noncharacter (U+FDD0..U+FDEF and the last
 * two of all 17 planes) and the bidirectional controls; then byte sequences
 * that are not UTF-8 (stray continuation bytes, overlongs, a surrogate,
 * past U+10FFFF, truncated). Each goes between two letters through each
 * escaper, and the output must be valid UTF-8 with no hostile code point
 * raw (except what the format holds as data: SQL keeps controls but NUL,
 * HTML keeps tab and newlines). Where the format can say the code point
 * (YAML, JSON, HTML, SQL), decoding the output must give the input back. */
#include "harness.h"
#include "util/esc.h"

typedef void EscFn(Buf *out, Str s);

enum { RAW_NONE, RAW_SQL, RAW_HTML };
enum { DEC_NONE, DEC_YAML, DEC_JSON, DEC_HTML, DEC_SQL_STR, DEC_SQL_IDENT };

static const struct {
  const char *name;
  EscFn *fn;
  int raw;      /* what the format may hold raw */
  int decode;   /* how to read the output back */
} escapers[] = {
  {"yaml", esc_yaml, RAW_NONE, DEC_YAML},
  {"json", esc_json, RAW_NONE, DEC_JSON},
  {"comment", esc_comment, RAW_NONE, DEC_NONE},
  {"md", esc_md, RAW_NONE, DEC_NONE},
  {"md_code", esc_md_code, RAW_NONE, DEC_NONE},
  {"md_fenced", esc_md_fenced, RAW_NONE, DEC_NONE},
  {"html", esc_html, RAW_HTML, DEC_HTML},
  {"dot", esc_dot, RAW_NONE, DEC_NONE},
  {"mermaid", esc_mermaid, RAW_NONE, DEC_NONE},
  {"mermaid_id", esc_mermaid_id, RAW_NONE, DEC_NONE},
  {"sql_str", sql_str, RAW_SQL, DEC_SQL_STR},
  {"sql_ident", sql_ident, RAW_SQL, DEC_SQL_IDENT},
  {"likec4", esc_likec4, RAW_NONE, DEC_NONE},
  {"structurizr", esc_structurizr, RAW_NONE, DEC_NONE},
  {"dbml", esc_dbml, RAW_NONE, DEC_NONE},
  {"dbml_name", esc_dbml_name, RAW_NONE, DEC_NONE},
  {"plantuml", esc_plantuml, RAW_NONE, DEC_NONE},
};
enum { NESC = sizeof escapers / sizeof *escapers };

static int utf8(uint32_t cp, char *b) {
  if (cp < 0x80)
    return b[0] = (char)cp, 1;
  if (cp < 0x800)
    return b[0] = (char)(0xC0 | cp >> 6), b[1] = (char)(0x80 | (cp & 0x3F)), 2;
  if (cp < 0x10000)
    return b[0] = (char)(0xE0 | cp >> 12), b[1] = (char)(0x80 | (cp >> 6 & 0x3F)), b[2] = (char)(0x80 | (cp & 0x3F)), 3;
  b[0] = (char)(0xF0 | cp >> 18), b[1] = (char)(0x80 | (cp >> 12 & 0x3F));
  b[2] = (char)(0x80 | (cp >> 6 & 0x3F)), b[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

/* The hostile code points, by hand from the policy (not from esc_hostile). */
static int hostile_list(uint32_t *v) {
  int n = 0;
  for (uint32_t c = 0; c < 0x20; c++)
    v[n++] = c;
  for (uint32_t c = 0x7F; c <= 0x9F; c++)
    v[n++] = c;
  v[n++] = 0x2028, v[n++] = 0x2029, v[n++] = 0xFEFF;
  for (uint32_t c = 0xFDD0; c <= 0xFDEF; c++)
    v[n++] = c;
  for (uint32_t plane = 0; plane <= 16; plane++)
    v[n++] = plane << 16 | 0xFFFE, v[n++] = plane << 16 | 0xFFFF;
  static const uint32_t bidi[] = {0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                                  0x2066, 0x2067, 0x2068, 0x2069};
  for (size_t k = 0; k < sizeof bidi / sizeof *bidi; k++)
    v[n++] = bidi[k];
  return n;
}

static const char *const invalid[] = {
  "\x80", "\xBF", "\xC0\x80", "\xC1\xBF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF", "\xFE", "\xE2\x82",
  "\xF0\x9F\x98",
};
enum { NINVALID = sizeof invalid / sizeof *invalid };

/* Valid UTF-8, and no hostile code point outside what `raw` allows. */
static const char *check_output(Str out, int raw) {
  for (ptrdiff_t i = 0; i < out.n;) {
    int32_t cp;
    int len = esc_next(out, i, &cp);
    if (cp < 0)
      return "a byte that is not UTF-8";
    if (esc_hostile(cp)) {
      bool ok = (raw == RAW_SQL && cp != 0) || (raw == RAW_HTML && (cp == '\t' || cp == '\n' || cp == '\r'));
      if (!ok)
        return "a raw hostile code point";
    }
    i += len;
  }
  return NULL;
}

static int hexval(char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1; }

static uint32_t hexn(const char *p, int n) {
  uint32_t v = 0;
  for (int k = 0; k < n; k++)
    v = v << 4 | (uint32_t)hexval(p[k]);
  return v;
}

/* Reads the output back into `back`; false when it does not parse. */
static bool decode(Str o, int how, Buf *back) {
  ptrdiff_t i = 0, n = o.n;
  if (how == DEC_YAML || how == DEC_SQL_STR || how == DEC_SQL_IDENT) {
    char q = how == DEC_YAML ? '"' : how == DEC_SQL_STR ? '\'' : '"';
    if (n < 2 || o.p[0] != q || o.p[n - 1] != q)
      return false;
    i = 1, n--;
  }
  char b[4];
  uint32_t hi = 0;
  while (i < n) {
    char c = o.p[i];
    if ((how == DEC_SQL_STR || how == DEC_SQL_IDENT) && c == o.p[0]) {
      if (i + 1 >= n || o.p[i + 1] != c)
        return false;
      buf_putc(back, c);
      i += 2;
      continue;
    }
    if (how == DEC_HTML && c == '&') {
      const char *semi = memchr(o.p + i, ';', (size_t)(n - i));
      if (!semi)
        return false;
      Str ent = {o.p + i, semi - (o.p + i) + 1};
      if (str_eqc(ent, "&amp;")) buf_putc(back, '&');
      else if (str_eqc(ent, "&lt;")) buf_putc(back, '<');
      else if (str_eqc(ent, "&gt;")) buf_putc(back, '>');
      else if (str_eqc(ent, "&quot;")) buf_putc(back, '"');
      else if (str_eqc(ent, "&#39;")) buf_putc(back, '\'');
      else if (ent.n > 4 && ent.p[1] == '#' && ent.p[2] == 'x')
        buf_put(back, b, utf8(hexn(ent.p + 3, (int)ent.n - 4), b));
      else
        return false;
      i += ent.n;
      continue;
    }
    if ((how == DEC_YAML || how == DEC_JSON) && c == '\\') {
      if (i + 1 >= n)
        return false;
      char e = o.p[i + 1];
      int len = 0;
      uint32_t cp = 0;
      switch (e) {
      case 'n': cp = '\n'; break;
      case 't': cp = '\t'; break;
      case 'r': cp = '\r'; break;
      case '"': cp = '"'; break;
      case '\\': cp = '\\'; break;
      case 'N': cp = 0x85; break;
      case 'L': cp = 0x2028; break;
      case 'P': cp = 0x2029; break;
      case 'x': len = 2; break;
      case 'u': len = 4; break;
      case 'U': len = 8; break;
      default: return false;
      }
      if ((how == DEC_JSON && (e == 'N' || e == 'L' || e == 'P' || e == 'x' || e == 'U')) || i + 2 + len > n)
        return false;
      if (len)
        cp = hexn(o.p + i + 2, len);
      i += 2 + len;
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        hi = cp;
        continue;
      }
      if (cp >= 0xDC00 && cp <= 0xDFFF) {
        if (!hi)
          return false;
        cp = 0x10000 + ((hi - 0xD800) << 10) + (cp - 0xDC00);
        hi = 0;
      }
      buf_put(back, b, utf8(cp, b));
      continue;
    }
    if (how == DEC_YAML && c == '"')
      return false;   /* an unescaped quote ends the scalar early */
    if (how == DEC_JSON && (c == '"' || (unsigned char)c < 0x20))
      return false;
    buf_putc(back, c);
    i++;
  }
  return true;
}

static void test_every_hostile_code_point(void **state) {
  (void)state;
  uint32_t cps[256];
  int ncp = hostile_list(cps);
  int checked = 0;
  for (int k = 0; k < ncp; k++) {
    char in[16];
    int len = utf8(cps[k], in + 1);
    in[0] = 'a';
    in[1 + len] = 'b';
    Str s = {in, len + 2};
    for (int e = 0; e < NESC; e++) {
      Buf out = {0}, back = {0};
      escapers[e].fn(&out, s);
      const char *why = check_output(buf_view(&out), escapers[e].raw);
      if (why)
        fail_msg("U+%04X through %s: %s", cps[k], escapers[e].name, why);
      int how = escapers[e].decode;
      bool nul = cps[k] == 0 && (how == DEC_SQL_STR || how == DEC_SQL_IDENT);
      bool lossy = how == DEC_HTML && (cps[k] < 0x20 || (cps[k] >= 0x7F && cps[k] <= 0x9F) || (cps[k] & 0xFFFE) == 0xFFFE ||
                                        (cps[k] >= 0xFDD0 && cps[k] <= 0xFDEF));
      if (how != DEC_NONE && !nul && !lossy) {
        if (!decode(buf_view(&out), how, &back))
          fail_msg("U+%04X through %s: the output does not read back", cps[k], escapers[e].name);
        if (!str_eq(buf_view(&back), s))
          fail_msg("U+%04X through %s: reads back as something else", cps[k], escapers[e].name);
      }
      buf_free(&out);
      buf_free(&back);
      checked++;
    }
  }
  /* 146 code points by 17 escapers. */
  assert_int_equal(ncp, 146);
  assert_int_equal(NESC, 17);
  assert_int_equal(checked, 146 * NESC);
}

static void test_invalid_utf8(void **state) {
  (void)state;
  for (int k = 0; k < NINVALID; k++) {
    char in[16];
    size_t len = strlen(invalid[k]);
    in[0] = 'a';
    memcpy(in + 1, invalid[k], len);
    in[1 + len] = 'b';
    for (int e = 0; e < NESC; e++) {
      Buf out = {0};
      escapers[e].fn(&out, (Str){in, (ptrdiff_t)len + 2});
      const char *why = check_output(buf_view(&out), escapers[e].raw);
      if (why)
        fail_msg("invalid sequence %d through %s: %s", k, escapers[e].name, why);
      buf_free(&out);
    }
  }
}

/* The policy's classes, one by one, against the hand-made list. */
static void test_classes(void **state) {
  (void)state;
  uint32_t cps[256];
  int ncp = hostile_list(cps);
  for (int k = 0; k < ncp; k++)
    assert_true(esc_hostile((int32_t)cps[k]));
  /* Printable neighbours are not hostile. */
  static const uint32_t fine[] = {' ', '~', 0xA0, 0xE9, 0x2027, 0x202F, 0xFDCF, 0xFDF0, 0xFFFD, 0x10000, 0x1F600,
                                  0x10FFFD, 0x2065, 0x206A};
  for (size_t k = 0; k < sizeof fine / sizeof *fine; k++)
    assert_false(esc_hostile((int32_t)fine[k]));
}

/* What the YAML escaper wrote before the policy, kept: quotes, backslashes
 * and newlines. */
static void test_yaml_plain(void **state) {
  (void)state;
  Buf out = {0};
  esc_yaml(&out, S("a \"b\"\n\\ é"));
  assert_true(str_eqc(buf_view(&out), "\"a \\\"b\\\"\\n\\\\ é\""));
  buf_free(&out);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_every_hostile_code_point),
    cmocka_unit_test(test_invalid_utf8),
    cmocka_unit_test(test_classes),
    cmocka_unit_test(test_yaml_plain),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
