/* Escapers (see esc.h). Every escaper walks its text code point by code
 * point: ASCII through the format's table (a replacement string per byte,
 * NULL for the byte itself), everything else that no format shows as it is
 * (esc_hostile) and every byte that is not UTF-8 through the format's rule
 * for those. The rules of each format live in one table and one rule. */
#include "esc.h"

#include <pthread.h>
#include <stdio.h>

static const char hex[] = "0123456789ABCDEF";

int esc_next(Str s, ptrdiff_t i, int32_t *cp) {
  const unsigned char *p = (const unsigned char *)s.p + i;
  ptrdiff_t n = s.n - i;
  unsigned c = p[0];
  if (c < 0x80) {
    *cp = (int32_t)c;
    return 1;
  }
  int len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
  uint32_t v = c & (0x7Fu >> len), min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
  for (int k = 1; k < len; k++) {
    if (k >= n || (p[k] & 0xC0) != 0x80) {
      len = 0;
      break;
    }
    v = v << 6 | (p[k] & 0x3Fu);
  }
  if (!len || v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
    *cp = -1;
    return 1;
  }
  *cp = (int32_t)v;
  return len;
}

bool esc_bidi(int32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

bool esc_noncharacter(int32_t cp) { return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE; }

bool esc_hostile(int32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF ||
         esc_noncharacter(cp) || esc_bidi(cp);
}

/* One format: its ASCII table and its rule for the rest. `other` gets the
 * code point (-1: a byte that is not UTF-8). */
typedef struct {
  const char *const *ascii;
  void (*other)(Buf *out, int32_t cp);
  unsigned char *plain;   /* plain[b]: printable ASCII the table leaves alone (escapers_init) */
} Escaper;

static pthread_once_t escapers_once = PTHREAD_ONCE_INIT;
static void escapers_init(void);

static void run(Buf *out, Str s, const Escaper *e) {
  /* Printable ASCII the table leaves alone (never hostile) is copied a
   * run at a time, found four bytes a step. */
  if (s.n <= 0)
    return;   /* (Str){NULL, 0}: no pointer arithmetic on NULL */
  pthread_once(&escapers_once, escapers_init);
  const unsigned char *p = (const unsigned char *)s.p, *plain = e->plain;
  ptrdiff_t from = 0;
  for (ptrdiff_t i = 0;;) {
    while (i + 4 <= s.n && (plain[p[i]] & plain[p[i + 1]] & plain[p[i + 2]] & plain[p[i + 3]]))
      i += 4;
    while (i < s.n && plain[p[i]])
      i++;
    if (i == s.n)
      break;
    buf_put(out, s.p + from, i - from);
    int32_t cp;
    int len = esc_next(s, i, &cp);
    if (cp >= 0 && cp < 0x80 && e->ascii[cp])
      buf_puts(out, e->ascii[cp]);
    else if (cp < 0 || esc_hostile(cp))
      e->other(out, cp);
    else
      buf_put(out, s.p + i, len);
    i += len;
    from = i;
  }
  buf_put(out, s.p + from, s.n - from);
}

static void put_u(Buf *out, const char *pre, uint32_t v, int digits) {
  buf_puts(out, pre);
  for (int k = digits - 1; k >= 0; k--)
    buf_putc(out, hex[(v >> (4 * k)) & 15]);
}

/* JSON's escapes in lowercase, as the writer has always printed them. */
static void put_u_lower(Buf *out, uint32_t v) {
  static const char lower[] = "0123456789abcdef";
  buf_puts(out, "\\u");
  for (int k = 3; k >= 0; k--)
    buf_putc(out, lower[(v >> (4 * k)) & 15]);
}

static void replacement(Buf *out, int32_t cp) {
  (void)cp;
  buf_puts(out, "\xEF\xBF\xBD");   /* U+FFFD */
}

static void space_or_replacement(Buf *out, int32_t cp) {
  if (cp < 0 || esc_noncharacter(cp))
    replacement(out, cp);
  else
    buf_putc(out, ' ');
}

/* ---- YAML: a double-quoted scalar; YAML 1.2's escapes keep every code
 * point, and the output stays in its printable set ---- */
static const char *const yaml_ascii[128] = {
  ['"'] = "\\\"", ['\\'] = "\\\\", ['\n'] = "\\n", ['\t'] = "\\t", ['\r'] = "\\r",
};
static void yaml_other(Buf *out, int32_t cp) {
  if (cp < 0)
    buf_puts(out, "\\uFFFD");
  else if (cp == 0x85)
    buf_puts(out, "\\N");
  else if (cp == 0x2028)
    buf_puts(out, "\\L");
  else if (cp == 0x2029)
    buf_puts(out, "\\P");
  else if (cp < 0x100)
    put_u(out, "\\x", (uint32_t)cp, 2);
  else if (cp < 0x10000)
    put_u(out, "\\u", (uint32_t)cp, 4);
  else
    put_u(out, "\\U", (uint32_t)cp, 8);
}
static unsigned char yaml_plain[256];
static const Escaper yaml = {yaml_ascii, yaml_other, yaml_plain};

void esc_yaml(Buf *out, Str s) {
  buf_putc(out, '"');
  run(out, s, &yaml);
  buf_putc(out, '"');
}

/* ---- JSON (and JavaScript and TypeScript string literals) ---- */
static const char *const json_ascii[128] = {
  ['"'] = "\\\"", ['\\'] = "\\\\", ['\n'] = "\\n", ['\t'] = "\\t", ['\r'] = "\\r",
};
static void json_other(Buf *out, int32_t cp) {
  if (cp < 0)
    put_u_lower(out, 0xFFFD);
  else if (cp < 0x10000)
    put_u_lower(out, (uint32_t)cp);
  else {
    uint32_t v = (uint32_t)cp - 0x10000;
    put_u_lower(out, 0xD800 + (v >> 10));
    put_u_lower(out, 0xDC00 + (v & 0x3FF));
  }
}
static unsigned char json_plain[256];
static const Escaper json = {json_ascii, json_other, json_plain};

void esc_json(Buf *out, Str s) { run(out, s, &json); }

/* ---- line comments: nothing may end the line ---- */
static const char *const comment_ascii[128] = {0};
static unsigned char comment_plain[256];
static const Escaper comment = {comment_ascii, space_or_replacement, comment_plain};

void esc_comment(Buf *out, Str s) { run(out, s, &comment); }

/* ---- Markdown ---- */
static const char *const md_ascii[128] = {
  ['\\'] = "\\\\", ['`'] = "\\`", ['*'] = "\\*", ['_'] = "\\_", ['['] = "\\[", [']'] = "\\]",
  ['<'] = "\\<", ['>'] = "\\>", ['|'] = "\\|", ['#'] = "\\#", ['~'] = "\\~", ['&'] = "\\&", ['@'] = "\\@",
};
static unsigned char md_plain[256];
static const Escaper md = {md_ascii, space_or_replacement, md_plain};

void esc_md(Buf *out, Str s) {
  /* At the start of the text (which may start a line), characters that
   * open a block: list markers, setext underlines, "1." ordered lists;
   * "www." and "://" anywhere (no autolinks). The table does the rest. */
  if (s.n <= 0)
    return;   /* (Str){NULL, 0}: no pointer arithmetic on NULL */
  ptrdiff_t digits = 0;
  while (digits < s.n && s.p[digits] >= '0' && s.p[digits] <= '9')
    digits++;
  /* The bytes that may need a backslash before them here. */
  static const unsigned char mark[256] = {['-'] = 1, ['+'] = 1, ['='] = 1, ['.'] = 1, [')'] = 1, [':'] = 1};
  const unsigned char *u = (const unsigned char *)s.p;
  ptrdiff_t from = 0;
  for (ptrdiff_t i = 0; i < s.n; i++) {
    while (i + 4 <= s.n && !(mark[u[i]] | mark[u[i + 1]] | mark[u[i + 2]] | mark[u[i + 3]]))
      i += 4;
    while (i < s.n && !mark[u[i]])
      i++;
    if (i == s.n)
      break;
    char c = s.p[i];
    bool slash = false;
    if (c == '-' || c == '+' || c == '=')
      slash = i == 0 && (s.n == 1 || s.p[1] == ' ' || (c != '+' && s.p[1] == c));
    else if (c == '.' || c == ')')
      slash = (digits && i == digits && (i + 1 == s.n || s.p[i + 1] == ' ')) ||
              (i >= 3 && s.p[i - 1] == 'w' && s.p[i - 2] == 'w' && s.p[i - 3] == 'w');
    else if (c == ':')
      slash = i + 2 < s.n && s.p[i + 1] == '/' && s.p[i + 2] == '/';
    if (slash) {
      run(out, (Str){s.p + from, i - from}, &md);
      buf_putc(out, '\\');
      from = i;
    }
  }
  run(out, (Str){s.p + from, s.n - from}, &md);
}

static const char *const md_code_ascii[128] = {['|'] = "\\|", ['`'] = "'"};
static unsigned char md_code_plain[256];
static const Escaper md_code = {md_code_ascii, space_or_replacement, md_code_plain};

void esc_md_code(Buf *out, Str s) { run(out, s, &md_code); }

static const char *const md_fenced_ascii[128] = {['`'] = "'"};
static unsigned char md_fenced_plain[256];
static const Escaper md_fenced = {md_fenced_ascii, space_or_replacement, md_fenced_plain};

void esc_md_fenced(Buf *out, Str s) { run(out, s, &md_fenced); }

/* ---- HTML: text and attribute values ---- */
static const char *const html_ascii[128] = {
  ['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;", ['\''] = "&#39;",
  ['\n'] = "\n", ['\t'] = "\t", ['\r'] = "\r",
};
static void html_other(Buf *out, int32_t cp) {
  /* Controls and noncharacters are parse errors in HTML; the others are
   * shown by reference, so the page's source holds none raw. */
  if (cp < 0 || cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || esc_noncharacter(cp))
    buf_puts(out, "&#xFFFD;");
  else {
    char b[16];
    snprintf(b, sizeof b, "&#x%X;", (unsigned)cp);
    buf_puts(out, b);
  }
}
static unsigned char html_plain[256];
static const Escaper html = {html_ascii, html_other, html_plain};

void esc_html(Buf *out, Str s) { run(out, s, &html); }

/* Graphviz's HTML-like labels: HTML's escapes for markup, but a hostile code
 * point becomes U+FFFD, since Graphviz writes a character reference back out
 * raw into the SVG (the DOT policy). */
static unsigned char dot_html_plain[256];
static const Escaper dot_html = {html_ascii, replacement, dot_html_plain};

void esc_dot_html(Buf *out, Str s) { run(out, s, &dot_html); }

/* ---- DOT: laid out by Graphviz into SVG, so only what XML 1.0 allows ---- */
static const char *const dot_ascii[128] = {
  ['"'] = "\\\"", ['\\'] = "\\\\", ['\n'] = "\\n", ['\r'] = "\\n", ['\t'] = " ",
};
static unsigned char dot_plain[256];
static const Escaper dot = {dot_ascii, replacement, dot_plain};

void esc_dot(Buf *out, Str s) {
  buf_putc(out, '"');
  run(out, s, &dot);
  buf_putc(out, '"');
}

/* ---- Mermaid labels ---- */
static const char *const mermaid_ascii[128] = {
  ['"'] = "#quot;", ['#'] = "#35;",
  [';'] = "#59;",   /* ends a sequence-diagram statement */
  ['%'] = "#37;",   /* %% starts a comment */
  ['`'] = "#96;",   /* starts a Markdown label, closes the fence */
  ['|'] = "#124;",  /* delimits flowchart edge labels */
  ['<'] = "#lt;", ['>'] = "#gt;", ['{'] = "#123;", ['}'] = "#125;",
};
static unsigned char mermaid_plain[256];
static const Escaper mermaid = {mermaid_ascii, space_or_replacement, mermaid_plain};

void esc_mermaid(Buf *out, Str s) { run(out, s, &mermaid); }

void esc_mermaid_id(Buf *out, Str s) {
  for (ptrdiff_t i = 0; i < s.n; i++) {
    char c = s.p[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    buf_putc(out, ok ? c : '_');
  }
}

/* ---- SQL: quotes doubled; any scalar value but NUL is data ---- */
static const char *const sql_str_ascii[128] = {['\''] = "''", ['\0'] = "\xEF\xBF\xBD"};
static const char *const sql_ident_ascii[128] = {['"'] = "\"\"", ['\0'] = "\xEF\xBF\xBD"};
static void sql_other(Buf *out, int32_t cp) {
  if (cp < 0)
    replacement(out, cp);
  else {
    char b[4];
    int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (n == 1)
      b[0] = (char)cp;
    else {
      for (int k = n - 1; k > 0; k--, cp >>= 6)
        b[k] = (char)(0x80 | (cp & 0x3F));
      b[0] = (char)((0xF00u >> n & 0xF0) | (unsigned)cp);
    }
    buf_put(out, b, n);
  }
}
static unsigned char sql_s_plain[256];
static const Escaper sql_s = {sql_str_ascii, sql_other, sql_s_plain};
static unsigned char sql_i_plain[256];
static const Escaper sql_i = {sql_ident_ascii, sql_other, sql_i_plain};

void sql_str(Buf *out, Str s) {
  buf_putc(out, '\'');
  run(out, s, &sql_s);
  buf_putc(out, '\'');
}

void sql_ident(Buf *out, Str s) {
  buf_putc(out, '"');
  run(out, s, &sql_i);
  buf_putc(out, '"');
}

/* ---- the model-as-code formats: a quoted string, a backslash before
 * the quote and before a backslash, newlines and tabs as spaces ---- */
static const char *const sq_ascii[128] = {['\''] = "\\'", ['\\'] = "\\\\", ['\n'] = " ", ['\r'] = " ", ['\t'] = " "};
static const char *const dq_ascii[128] = {['"'] = "\\\"", ['\\'] = "\\\\", ['\n'] = " ", ['\r'] = " ", ['\t'] = " "};
static unsigned char single_quoted_plain[256];
static const Escaper single_quoted = {sq_ascii, space_or_replacement, single_quoted_plain};
static unsigned char double_quoted_plain[256];
static const Escaper double_quoted = {dq_ascii, space_or_replacement, double_quoted_plain};

static void quoted_with(Buf *out, Str s, char q, const Escaper *e) {
  buf_putc(out, q);
  run(out, s, e);
  buf_putc(out, q);
}

void esc_likec4(Buf *out, Str s) { quoted_with(out, s, '\'', &single_quoted); }
void esc_structurizr(Buf *out, Str s) { quoted_with(out, s, '"', &double_quoted); }
void esc_dbml(Buf *out, Str s) { quoted_with(out, s, '\'', &single_quoted); }
void esc_dbml_name(Buf *out, Str s) { quoted_with(out, s, '"', &double_quoted); }

/* PlantUML has no escape inside "...": a quote becomes an apostrophe. */
static const char *const plantuml_ascii[128] = {['"'] = "'", ['\n'] = " ", ['\r'] = " ", ['\t'] = " "};
static unsigned char plantuml_plain[256];
static const Escaper plantuml = {plantuml_ascii, space_or_replacement, plantuml_plain};

void esc_plantuml(Buf *out, Str s) { quoted_with(out, s, '"', &plantuml); }

/* Every escaper's plain bytes, from its table: once per process. */
static void escapers_init(void) {
  static const Escaper *const all[] = {&yaml, &json, &comment, &md, &md_code, &md_fenced, &html, &dot_html, &dot, &mermaid, &sql_s, &sql_i, &single_quoted, &double_quoted, &plantuml};
  for (size_t k = 0; k < sizeof all / sizeof *all; k++)
    for (int b = 0x20; b < 0x7F; b++)
      all[k]->plain[b] = !all[k]->ascii[b];
}
