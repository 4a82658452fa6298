/* Escapers (see esc.h). Each format's special characters come from one
 * table or one switch, so the rules live in one place. */
#include "esc.h"

static const char hex[] = "0123456789ABCDEF";

void esc_yaml(Buf *out, Str s) {
  buf_putc(out, '"');
  for (ptrdiff_t i = 0; i < s.n; i++) {
    unsigned char c = (unsigned char)s.p[i];
    switch (c) {
    case '"': buf_puts(out, "\\\""); break;
    case '\\': buf_puts(out, "\\\\"); break;
    case '\n': buf_puts(out, "\\n"); break;
    case '\t': buf_puts(out, "\\t"); break;
    case '\r': buf_puts(out, "\\r"); break;
    default:
      if (c < 0x20 || c == 0x7f) {
        char e[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
        buf_put(out, e, 4);
      } else
        buf_putc(out, (char)c);
    }
  }
  buf_putc(out, '"');
}

void esc_md(Buf *out, Str s) {
  /* At the start of the text (which may start a line), characters that
   * open a block: list markers, setext underlines, "1." ordered lists. */
  ptrdiff_t digits = 0;
  while (digits < s.n && s.p[digits] >= '0' && s.p[digits] <= '9')
    digits++;
  for (ptrdiff_t i = 0; i < s.n; i++) {
    char c = s.p[i];
    switch (c) {
    case '\\': case '`': case '*': case '_': case '[': case ']':
    case '<': case '>': case '|': case '#': case '~': case '&': case '@':
      buf_putc(out, '\\');
      buf_putc(out, c);
      break;
    case '-': case '+': case '=':
      /* "- x", "+ x", "---", "===" at the start open a list, a rule or a
       * setext heading. */
      if (i == 0 && (s.n == 1 || s.p[1] == ' ' || (c != '+' && s.p[1] == c)))
        buf_putc(out, '\\');
      buf_putc(out, c);
      break;
    case '.': case ')':
      /* "1. " at the start, and "www." anywhere: no list, no autolink. */
      if ((digits && i == digits && (i + 1 == s.n || s.p[i + 1] == ' ')) ||
          (i >= 3 && s.p[i - 1] == 'w' && s.p[i - 2] == 'w' && s.p[i - 3] == 'w'))
        buf_putc(out, '\\');
      buf_putc(out, c);
      break;
    case ':':
      /* "http://" would be an autolink (a bare URL to markdownlint). */
      if (i + 2 < s.n && s.p[i + 1] == '/' && s.p[i + 2] == '/')
        buf_putc(out, '\\');
      buf_putc(out, c);
      break;
    case '\n': case '\r': case '\t':
      buf_putc(out, ' ');
      break;
    default:
      buf_putc(out, c);
    }
  }
}

void esc_md_code(Buf *out, Str s) {
  for (ptrdiff_t i = 0; i < s.n; i++) {
    char c = s.p[i];
    if (c == '|')
      buf_putc(out, '\\');
    buf_putc(out, c == '`' ? '\'' : c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
  }
}

void esc_md_fenced(Buf *out, Str s) {
  for (ptrdiff_t i = 0; i < s.n; i++) {
    char c = s.p[i];
    buf_putc(out, c == '`' ? '\'' : c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
  }
}

void esc_html(Buf *out, Str s) {
  for (ptrdiff_t i = 0; i < s.n; i++) {
    char c = s.p[i];
    switch (c) {
    case '&': buf_puts(out, "&amp;"); break;
    case '<': buf_puts(out, "&lt;"); break;
    case '>': buf_puts(out, "&gt;"); break;
    case '"': buf_puts(out, "&quot;"); break;
    case '\'': buf_puts(out, "&#39;"); break;
    default: buf_putc(out, c);
    }
  }
}

void esc_dot(Buf *out, Str s) {
  buf_putc(out, '"');
  for (ptrdiff_t i = 0; i < s.n; i++) {
    char c = s.p[i];
    if (c == '"' || c == '\\')
      buf_putc(out, '\\');
    if (c == '\n' || c == '\r')
      buf_puts(out, "\\n");
    else
      buf_putc(out, c);
  }
  buf_putc(out, '"');
}

void esc_mermaid(Buf *out, Str s) {
  for (ptrdiff_t i = 0; i < s.n; i++) {
    char c = s.p[i];
    switch (c) {
    case '"': buf_puts(out, "#quot;"); break;
    case '#': buf_puts(out, "#35;"); break;
    case ';': buf_puts(out, "#59;"); break;   /* ends a sequence-diagram statement */
    case '%': buf_puts(out, "#37;"); break;   /* %% starts a comment */
    case '`': buf_puts(out, "#96;"); break;   /* starts a Markdown label, closes the fence */
    case '|': buf_puts(out, "#124;"); break;  /* delimits flowchart edge labels */
    case '<': buf_puts(out, "#lt;"); break;
    case '>': buf_puts(out, "#gt;"); break;
    case '{': buf_puts(out, "#123;"); break;
    case '}': buf_puts(out, "#125;"); break;
    case '\n': case '\r': case '\t': buf_putc(out, ' '); break;
    default: buf_putc(out, c);
    }
  }
}

static void quoted(Buf *out, Str s, char q) {
  buf_putc(out, q);
  for (ptrdiff_t i = 0; i < s.n; i++) {
    if (s.p[i] == q)
      buf_putc(out, q);
    buf_putc(out, s.p[i]);
  }
  buf_putc(out, q);
}

void sql_str(Buf *out, Str s) { quoted(out, s, '\''); }

void sql_ident(Buf *out, Str s) { quoted(out, s, '"'); }

void esc_mermaid_id(Buf *out, Str s) {
  for (ptrdiff_t i = 0; i < s.n; i++) {
    char c = s.p[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    buf_putc(out, ok ? c : '_');
  }
}

void esc_comment(Buf *out, Str s) {
  for (ptrdiff_t i = 0; i < s.n; i++) {
    unsigned char c = (unsigned char)s.p[i];
    buf_putc(out, c < 0x20 || c == 0x7f ? ' ' : (char)c);
  }
}

/* A quoted string of the model-as-code formats: q around, a backslash
 * before q and before a backslash, newlines and tabs as spaces. */
static void backslashed(Buf *out, Str s, char q) {
  buf_putc(out, q);
  for (ptrdiff_t i = 0; i < s.n; i++) {
    char c = s.p[i];
    if (c == q || c == '\\')
      buf_putc(out, '\\');
    buf_putc(out, c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
  }
  buf_putc(out, q);
}

void esc_likec4(Buf *out, Str s) { backslashed(out, s, '\''); }
void esc_structurizr(Buf *out, Str s) { backslashed(out, s, '"'); }
void esc_dbml(Buf *out, Str s) { backslashed(out, s, '\''); }
void esc_dbml_name(Buf *out, Str s) { backslashed(out, s, '"'); }

void esc_plantuml(Buf *out, Str s) {
  buf_putc(out, '"');
  for (ptrdiff_t i = 0; i < s.n; i++) {
    char c = s.p[i];
    buf_putc(out, c == '"' ? '\'' : c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
  }
  buf_putc(out, '"');
}
