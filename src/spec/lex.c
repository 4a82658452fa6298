/* Spec lexer: a character-class table and one switch (see lex.h). */
#include "lex.h"

#include "../util/esc.h"

enum { C_OTHER, C_SPACE, C_NL, C_LETTER, C_DIGIT, C_HIGH, C_PUNCT, C_QUOTE, C_HASH, C_DOLLAR, C_MINUS, C_LT, C_GT, C_NUL };

static const unsigned char cls[256] = {
  [0] = C_NUL,
  [' '] = C_SPACE, ['\t'] = C_SPACE, ['\r'] = C_SPACE, ['\f'] = C_SPACE, ['\v'] = C_SPACE,
  ['\n'] = C_NL,
  ['_'] = C_LETTER,
  ['"'] = C_QUOTE, ['#'] = C_HASH, ['$'] = C_DOLLAR, ['-'] = C_MINUS, ['<'] = C_LT, ['>'] = C_GT,
  ['{'] = C_PUNCT, ['}'] = C_PUNCT, ['('] = C_PUNCT, [')'] = C_PUNCT, ['['] = C_PUNCT, [']'] = C_PUNCT,
  ['~'] = C_PUNCT, ['='] = C_PUNCT, ['?'] = C_PUNCT, ['.'] = C_PUNCT, [','] = C_PUNCT, [';'] = C_PUNCT,
  [':'] = C_PUNCT, ['/'] = C_PUNCT, ['*'] = C_PUNCT, ['+'] = C_PUNCT,
#define R10(b) [b] = C_DIGIT, [b + 1] = C_DIGIT, [b + 2] = C_DIGIT, [b + 3] = C_DIGIT, [b + 4] = C_DIGIT, \
  [b + 5] = C_DIGIT, [b + 6] = C_DIGIT, [b + 7] = C_DIGIT, [b + 8] = C_DIGIT, [b + 9] = C_DIGIT
  R10('0'),
#undef R10
#define L(c) [c] = C_LETTER, [c + 32] = C_LETTER
  L('A'), L('B'), L('C'), L('D'), L('E'), L('F'), L('G'), L('H'), L('I'), L('J'), L('K'), L('L'), L('M'),
  L('N'), L('O'), L('P'), L('Q'), L('R'), L('S'), L('T'), L('U'), L('V'), L('W'), L('X'), L('Y'), L('Z'),
#undef L
#define H8(b) [b] = C_HIGH, [b + 1] = C_HIGH, [b + 2] = C_HIGH, [b + 3] = C_HIGH, \
  [b + 4] = C_HIGH, [b + 5] = C_HIGH, [b + 6] = C_HIGH, [b + 7] = C_HIGH
#define H64(b) H8(b), H8(b + 8), H8(b + 16), H8(b + 24), H8(b + 32), H8(b + 40), H8(b + 48), H8(b + 56)
  H64(0x80), H64(0xC0),
#undef H64
#undef H8
};

/* Length of a valid UTF-8 sequence at s, or 0. Rejects overlongs and surrogates. */
static int utf8_len(const unsigned char *s, ptrdiff_t n) {
  unsigned c = s[0];
  int len;
  unsigned min;
  if (c >= 0xC2 && c <= 0xDF)
    len = 2, min = 0x80;
  else if (c >= 0xE0 && c <= 0xEF)
    len = 3, min = 0x800;
  else if (c >= 0xF0 && c <= 0xF4)
    len = 4, min = 0x10000;
  else
    return 0;
  if (n < len)
    return 0;
  unsigned cp = c & (0x7F >> len);
  for (int i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80)
      return 0;
    cp = cp << 6 | (s[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return len;
}

static int is_ident_byte(unsigned char c) { return cls[c] == C_LETTER || cls[c] == C_DIGIT; }

/* The code point of a valid sequence of `len` bytes. */
static unsigned decode(const unsigned char *s, int len) {
  unsigned cp = s[0] & (0x7F >> len);
  for (int i = 1; i < len; i++)
    cp = cp << 6 | (s[i] & 0x3F);
  return cp;
}

/* Never part of a name: spaces and format characters that look like
 * nothing, and what no output shows raw (C1 controls, separators, the BOM,
 * noncharacters, bidirectional controls: esc_hostile). */
static bool invisible(unsigned cp) {
  return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) || cp == 0x205F ||
         cp == 0x2060 || cp == 0x3000 || cp == 0xFEFF || cp == 0x1680 || cp == 0x180E || esc_hostile((int32_t)cp);
}

/* An identifier: starts with a letter, continues with letters, digits, '_',
 * and '-' when a letter or digit follows (owner-only, self-hosted). */
static ptrdiff_t ident(const unsigned char *s, ptrdiff_t n, TokenKind *kind) {
  ptrdiff_t i = 0;
  while (i < n) {
    if (is_ident_byte(s[i]))
      i++;
    else if (s[i] == '-' && i + 1 < n && i > 0 &&
             (is_ident_byte(s[i + 1]) || (s[i + 1] >= 0x80 && utf8_len(s + i + 1, n - i - 1) &&
                                          !invisible(decode(s + i + 1, utf8_len(s + i + 1, n - i - 1))))))
      i++;
    else if (s[i] >= 0x80) {
      int l = utf8_len(s + i, n - i);
      if (!l) {
        if (i == 0) {
          *kind = TK_BAD_UTF8;
          return 1;
        }
        break;
      }
      if (invisible(decode(s + i, l))) {
        if (i == 0) {
          *kind = TK_BAD_CHAR;
          return l;
        }
        break;
      }
      i += l;
    } else
      break;
  }
  *kind = TK_IDENT;
  return i;
}

static ptrdiff_t digits(const unsigned char *s, ptrdiff_t n, ptrdiff_t i) {
  while (i < n && cls[s[i]] == C_DIGIT)
    i++;
  return i;
}

/* [-][$]digits(,ddd)*(.digits)?[unit letters or %] */
static ptrdiff_t number(const unsigned char *s, ptrdiff_t n) {
  ptrdiff_t i = 0;
  if (i < n && s[i] == '-')
    i++;
  if (i < n && s[i] == '$')
    i++;
  i = digits(s, n, i);
  while (i + 3 < n && s[i] == ',' && cls[s[i + 1]] == C_DIGIT && cls[s[i + 2]] == C_DIGIT &&
         cls[s[i + 3]] == C_DIGIT && (i + 4 >= n || cls[s[i + 4]] != C_DIGIT))
    i += 4;
  if (i + 1 < n && s[i] == '.' && cls[s[i + 1]] == C_DIGIT)
    i = digits(s, n, i + 1);
  if (i < n && s[i] == '%')
    return i + 1;
  while (i < n && (cls[s[i]] == C_LETTER || cls[s[i]] == C_DIGIT))
    i++;
  return i;
}

ptrdiff_t lex_token(const char *cs, ptrdiff_t n, TokenKind *kind) {
  const unsigned char *s = (const unsigned char *)cs;
  if (n <= 0) {
    *kind = TK_EOF;
    return 0;
  }
  ptrdiff_t i;
  switch (cls[s[0]]) {
  case C_SPACE:
    for (i = 1; i < n && cls[s[i]] == C_SPACE; i++)
      ;
    *kind = TK_SPACE;
    return i;
  case C_NL:
    *kind = TK_NEWLINE;
    return 1;
  case C_HASH:
    for (i = 1; i < n && s[i] != '\n'; i++)
      ;
    *kind = TK_COMMENT;
    return i;
  case C_LETTER:
  case C_HIGH:
    return ident(s, n, kind);
  case C_DIGIT:
    *kind = TK_NUMBER;
    return number(s, n);
  case C_DOLLAR:
    if (n > 1 && cls[s[1]] == C_DIGIT) {
      *kind = TK_NUMBER;
      return number(s, n);
    }
    *kind = TK_BAD_CHAR;
    return 1;
  case C_MINUS:
    if (n > 1 && s[1] == '>') {
      *kind = TK_ARROW;
      return 2;
    }
    if (n > 1 && (cls[s[1]] == C_DIGIT || (s[1] == '$' && n > 2 && cls[s[2]] == C_DIGIT))) {
      *kind = TK_NUMBER;
      return number(s, n);
    }
    *kind = TK_BAD_CHAR;
    return 1;
  case C_LT:
    if (n > 2 && s[1] == '-' && s[2] == '>') {
      *kind = TK_BIARROW;
      return 3;
    }
    if (n > 1 && s[1] == '=') {
      *kind = TK_LE;
      return 2;
    }
    *kind = TK_LT;
    return 1;
  case C_GT:
    if (n > 1 && s[1] == '=') {
      *kind = TK_GE;
      return 2;
    }
    *kind = TK_GT;
    return 1;
  case C_QUOTE:
    for (i = 1; i < n; i++) {
      if (s[i] == '"') {
        *kind = TK_STRING;
        return i + 1;
      }
      if (s[i] == '\n' || s[i] == 0)
        break;
      if (s[i] == '\\' && i + 1 < n && s[i + 1] != '\n' && s[i + 1] != 0)
        i++;
    }
    *kind = TK_UNTERMINATED;
    return i;
  case C_PUNCT:
    switch (s[0]) {
    case '{': *kind = TK_LBRACE; break;
    case '}': *kind = TK_RBRACE; break;
    case '(': *kind = TK_LPAREN; break;
    case ')': *kind = TK_RPAREN; break;
    case '[': *kind = TK_LBRACK; break;
    case ']': *kind = TK_RBRACK; break;
    case '~': *kind = TK_TILDE; break;
    case '=': *kind = TK_EQ; break;
    case '?': *kind = TK_QUESTION; break;
    case '.': *kind = TK_DOT; break;
    case ',': *kind = TK_COMMA; break;
    case ';': *kind = TK_SEMI; break;
    case ':': *kind = TK_COLON; break;
    case '/': *kind = TK_SLASH; break;
    case '*': *kind = TK_STAR; break;
    default: *kind = TK_PLUS; break;
    }
    return 1;
  case C_NUL:
    *kind = TK_NUL;
    return 1;
  default:
    *kind = TK_BAD_CHAR;
    return 1;
  }
}

Token *lex_all(Arena *a, const SourceFile *f, DiagSink *sink, ptrdiff_t *count) {
  /* First pass counts, second fills: no reallocation in the arena. */
  ptrdiff_t n = 0;
  for (ptrdiff_t off = 0; off < f->text.n;) {
    TokenKind k;
    ptrdiff_t len = lex_token(f->text.p + off, f->text.n - off, &k);
    n += k != TK_SPACE && k != TK_COMMENT;
    off += len;
  }
  Token *toks = new(a, Token, n + 1);
  ptrdiff_t t = 0;
  for (ptrdiff_t off = 0; off < f->text.n;) {
    TokenKind k;
    ptrdiff_t len = lex_token(f->text.p + off, f->text.n - off, &k);
    switch (k) {
    case TK_SPACE:
    case TK_COMMENT:
      break;
    case TK_BAD_CHAR: {
      /* One error for a run of unexpected characters. */
      if (t > 0 && toks[t - 1].kind == TK_BAD_CHAR && toks[t - 1].off + toks[t - 1].len == off) {
        toks[t - 1].len += len;
        off += len;
        continue;
      }
      unsigned char ch = (unsigned char)f->text.p[off];
      unsigned cp = ch >= 0x80 ? decode((const unsigned char *)f->text.p + off, (int)len) : ch;
      if (ch >= 0x80 && cp <= 0x9F)
        diag_at(sink, f, SEV_ERROR, off, len, "unexpected control character U+%04X", cp);
      else if (ch >= 0x80 && esc_noncharacter((int32_t)cp))
        diag_at(sink, f, SEV_ERROR, off, len, "unexpected noncharacter U+%04X", cp);
      else if (ch >= 0x80 && esc_bidi((int32_t)cp))
        diag_at(sink, f, SEV_ERROR, off, len,
                "unexpected bidirectional control U+%04X (it changes the order text is shown in); names cannot "
                "hold one, strings can",
                cp);
      else if (cp == 0xFEFF)
        diag_at(sink, f, SEV_ERROR, off, len, "unexpected byte order mark U+FEFF; save the file without it");
      else if (ch >= 0x80)
        diag_at(sink, f, SEV_ERROR, off, len, "unexpected invisible character U+%04X; use a plain space", cp);
      else if (ch >= 0x20 && ch < 0x7f)
        diag_at(sink, f, SEV_ERROR, off, len, "unexpected character '%c'", ch);
      else
        diag_at(sink, f, SEV_ERROR, off, len, "unexpected control character '\\x%02X'", ch);
      break;
    }
    case TK_BAD_UTF8:
      diag_at(sink, f, SEV_ERROR, off, len, "invalid UTF-8 byte 0x%02X", (unsigned char)f->text.p[off]);
      break;
    case TK_NUL:
      diag_at(sink, f, SEV_ERROR, off, len, "NUL byte in input");
      break;
    case TK_UNTERMINATED:
      diag_at(sink, f, SEV_ERROR, off, 1, "unterminated string (strings end on the same line)");
      break;
    case TK_STRING:
      /* Strings reach every output: they must be valid UTF-8. */
      for (ptrdiff_t i = off + 1; i < off + len - 1;) {
        const unsigned char *s = (const unsigned char *)f->text.p + i;
        int l = *s < 0x80 ? 1 : utf8_len(s, off + len - 1 - i);
        if (!l) {
          diag_at(sink, f, SEV_ERROR, i, 1, "invalid UTF-8 byte 0x%02X in a string", *s);
          break;
        }
        i += l;
      }
      break;
    default:
      break;
    }
    if (k != TK_SPACE && k != TK_COMMENT)
      toks[t++] = (Token){k, off, len};
    off += len;
  }
  toks[t] = (Token){TK_EOF, f->text.n, 0};
  *count = t + 1;
  return toks;
}

const char *lex_kind_name(TokenKind k) {
  static const char *names[TK_COUNT_] = {
    [TK_EOF] = "end of file", [TK_NEWLINE] = "end of line", [TK_IDENT] = "a name", [TK_NUMBER] = "a number",
    [TK_STRING] = "a string", [TK_LBRACE] = "'{'", [TK_RBRACE] = "'}'", [TK_LPAREN] = "'('", [TK_RPAREN] = "')'",
    [TK_LBRACK] = "'['", [TK_RBRACK] = "']'", [TK_ARROW] = "'->'", [TK_BIARROW] = "'<->'", [TK_TILDE] = "'~'",
    [TK_EQ] = "'='", [TK_QUESTION] = "'?'", [TK_DOT] = "'.'", [TK_COMMA] = "','", [TK_SEMI] = "';'",
    [TK_COLON] = "':'", [TK_GT] = "'>'", [TK_GE] = "'>='", [TK_LT] = "'<'", [TK_LE] = "'<='", [TK_SLASH] = "'/'",
    [TK_STAR] = "'*'", [TK_PLUS] = "'+'", [TK_SPACE] = "white space", [TK_COMMENT] = "a comment",
    [TK_BAD_CHAR] = "an unexpected character", [TK_BAD_UTF8] = "invalid UTF-8", [TK_NUL] = "a NUL byte",
    [TK_UNTERMINATED] = "an unterminated string",
  };
  return k >= 0 && k < TK_COUNT_ && names[k] ? names[k] : "a token";
}
