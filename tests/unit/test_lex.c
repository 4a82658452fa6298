/* Unit tests for the spec lexer (src/spec/lex.c).
 *
 * lex_token is pure: each case copies the input into a heap block of exactly
 * `n` bytes, so under ASan any read past the given length is caught. Every
 * expected length and kind below was worked out by hand from the token rules
 * in lex.h, not by running the lexer. */
#include "harness.h"
#include "spec/lex.h"

/* Lexes the first token of s[0..n) from an exact-size heap copy. */
static ptrdiff_t lexn(const char *s, ptrdiff_t n, TokenKind *kind) {
  char *copy = malloc(n ? (size_t)n : 1);
  assert_non_null(copy);
  if (n)
    memcpy(copy, s, (size_t)n);
  ptrdiff_t len = lex_token(copy, n, kind);
  free(copy);
  return len;
}

static ptrdiff_t lex1(const char *z, TokenKind *kind) { return lexn(z, (ptrdiff_t)strlen(z), kind); }

/* Asserts the first token of z has the given kind and length. */
#define TOK(z, k, l)                                                                                                   \
  do {                                                                                                                 \
    TokenKind kind_ = TK_COUNT_;                                                                                       \
    ptrdiff_t len_ = lex1((z), &kind_);                                                                                \
    if (kind_ != (k) || len_ != (l))                                                                                   \
      fail_msg("lex_token(\"%s\"): got kind %d (%s) len %td, expected kind %d (%s) len %td", (z), (int)kind_,         \
               lex_kind_name(kind_), len_, (int)(k), lex_kind_name(k), (ptrdiff_t)(l));                               \
  } while (0)

/* The same with an explicit length, for inputs holding NUL bytes. */
#define TOKN(s, n, k, l)                                                                                               \
  do {                                                                                                                 \
    TokenKind kind_ = TK_COUNT_;                                                                                       \
    ptrdiff_t len_ = lexn((s), (n), &kind_);                                                                           \
    if (kind_ != (k) || len_ != (l))                                                                                   \
      fail_msg("lex_token(%s, %td): got kind %d (%s) len %td, expected kind %d (%s) len %td", #s, (ptrdiff_t)(n),     \
               (int)kind_, lex_kind_name(kind_), len_, (int)(k), lex_kind_name(k), (ptrdiff_t)(l));                   \
  } while (0)

static void test_eof(void **state) {
  (void)state;
  TOKN("", 0, TK_EOF, 0);
  TokenKind k = TK_COUNT_;
  assert_int_equal(lex_token("abc", -1, &k), 0);
  assert_int_equal(k, TK_EOF);
}

static void test_identifiers(void **state) {
  (void)state;
  TOK("abc def", TK_IDENT, 3);
  TOK("_x", TK_IDENT, 2);
  TOK("x1_y2 ", TK_IDENT, 5);
  TOK("User{", TK_IDENT, 4);
  /* inner '-' when a letter or digit follows */
  TOK("owner-only }", TK_IDENT, 10);
  TOK("time-to-market", TK_IDENT, 14);
  TOK("a-b-c", TK_IDENT, 5);
  TOK("x-1", TK_IDENT, 3);
  TOK("per-room,", TK_IDENT, 8);
  /* a trailing, doubled or arrow '-' is not part of the name */
  TOK("a-", TK_IDENT, 1);
  TOK("ab- ", TK_IDENT, 2);
  TOK("a--b", TK_IDENT, 1);
  TOK("a->b", TK_IDENT, 1);
  TOK("a-_", TK_IDENT, 3); /* '_' is a letter */
  /* a name cannot start with '-' */
  TOK("-a", TK_BAD_CHAR, 1);
}

static void test_identifier_limits(void **state) {
  (void)state;
  /* The length bound is respected: "abc" cut to 2 bytes, "a-b" cut before b. */
  TOKN("abc", 2, TK_IDENT, 2);
  TOKN("a-b", 2, TK_IDENT, 1);
  /* A 100,000-byte name is one token. */
  enum { N = 100000 };
  char *big = malloc(N);
  assert_non_null(big);
  memset(big, 'q', N);
  big[N / 2] = '-';
  TokenKind k;
  assert_int_equal(lexn(big, N, &k), N);
  assert_int_equal(k, TK_IDENT);
  free(big);
}

static void test_utf8_identifiers(void **state) {
  (void)state;
  TOK("caf\xC3\xA9 x", TK_IDENT, 5);                /* café */
  TOK("\xE6\x97\xA5\xE6\x9C\xAC ", TK_IDENT, 6);    /* 日本 */
  TOK("\xC3\xA9t\xC3\xA9", TK_IDENT, 5);            /* été: starts with a UTF-8 letter */
  TOK("na\xC3\xAFve-x", TK_IDENT, 8);               /* naïve-x */
  TOK("\xC3\xA9-x", TK_IDENT, 4);                   /* é-x */
  TOK("\xF0\x9F\x98\x80", TK_IDENT, 4);             /* U+1F600, 4 bytes */
  TOK("\xC2\xA1", TK_IDENT, 2);                     /* U+00A1, a small 2-byte one */
  /* What no output shows raw is not part of a name (docs/language.md, Unicode). */
  TOK("\xC2\x80", TK_BAD_CHAR, 2);                  /* U+0080, a C1 control */
  TOK("\xEF\xBF\xBF", TK_BAD_CHAR, 3);              /* U+FFFF, a noncharacter */
  TOK("\xE2\x80\xAE", TK_BAD_CHAR, 3);              /* U+202E, a bidi control */
  TOK("\xE2\x81\xA6", TK_BAD_CHAR, 3);              /* U+2066, a bidi isolate */
  TOK("\xF0\x9F\xBF\xBE", TK_BAD_CHAR, 4);          /* U+1FFFE, a noncharacter */
  TOK("\xE0\xA0\x80", TK_IDENT, 3);                 /* U+0800, smallest 3-byte */
  TOK("\xF0\x90\x80\x80", TK_IDENT, 4);             /* U+10000, smallest 4-byte */
  TOK("\xEF\xBF\xBD", TK_IDENT, 3);                 /* U+FFFD */
  TOK("\xED\x9F\xBF", TK_IDENT, 3);                 /* U+D7FF, just below the surrogates */
  TOK("\xEE\x80\x80", TK_IDENT, 3);                 /* U+E000, just above them */
  TOK("\xF4\x8F\xBF\xBD", TK_IDENT, 4);             /* U+10FFFD, the last that is not a noncharacter */
  TOK("\xF4\x8F\xBF\xBF", TK_BAD_CHAR, 4);          /* U+10FFFF, the last code point: a noncharacter */
  /* A name stops before invalid UTF-8; the bad byte is the next token. */
  TOK("ab\xFF", TK_IDENT, 2);
  TOK("ab\xC3(", TK_IDENT, 2);
  TOKN("ab\xC3", 3, TK_IDENT, 2); /* truncated at the end of input */
}

static void test_utf8_rejected(void **state) {
  (void)state;
  TOK("\x80", TK_BAD_UTF8, 1);                      /* lone continuation byte */
  TOK("\xBF" "abc", TK_BAD_UTF8, 1);
  TOK("\xFF", TK_BAD_UTF8, 1);
  TOK("\xFE", TK_BAD_UTF8, 1);
  TOK("\xC3(", TK_BAD_UTF8, 1);                     /* lead byte without continuation */
  TOKN("\xC3", 1, TK_BAD_UTF8, 1);                  /* truncated at end of input */
  TOKN("\xE6\x97", 2, TK_BAD_UTF8, 1);
  TOKN("\xF0\x9F\x98", 3, TK_BAD_UTF8, 1);
  /* overlong encodings */
  TOK("\xC0\x80", TK_BAD_UTF8, 1);                  /* U+0000 in 2 bytes */
  TOK("\xC1\xBF", TK_BAD_UTF8, 1);                  /* U+007F in 2 bytes */
  TOK("\xE0\x80\x80", TK_BAD_UTF8, 1);              /* U+0000 in 3 bytes */
  TOK("\xE0\x9F\xBF", TK_BAD_UTF8, 1);              /* U+07FF in 3 bytes */
  TOK("\xF0\x80\x80\x80", TK_BAD_UTF8, 1);          /* U+0000 in 4 bytes */
  TOK("\xF0\x8F\xBF\xBF", TK_BAD_UTF8, 1);          /* U+FFFF in 4 bytes */
  /* UTF-16 surrogates */
  TOK("\xED\xA0\x80", TK_BAD_UTF8, 1);              /* U+D800 */
  TOK("\xED\xBF\xBF", TK_BAD_UTF8, 1);              /* U+DFFF */
  /* beyond U+10FFFF */
  TOK("\xF4\x90\x80\x80", TK_BAD_UTF8, 1);
  TOK("\xF5\x80\x80\x80", TK_BAD_UTF8, 1);
  /* Inside a name, an overlong or surrogate ends the name. */
  TOK("ab\xC0\x80", TK_IDENT, 2);
  TOK("ab\xED\xA0\x80", TK_IDENT, 2);
}

/* DEFECT (reported): lex.h says identifiers take "inner '-'" and "UTF-8
 * letters", but a '-' is kept only when an ASCII letter or digit follows it,
 * so "x-é" lexes as "x", a bad '-' and "é" (and "über-ölig" likewise), while
 * "café-crème" (ASCII after the '-') is one name. */
static void test_utf8_after_hyphen(void **state) {
  (void)state;
  TOK("caf\xC3\xA9-cr\xC3\xA8me", TK_IDENT, 12); /* c a f é(2) - c r è(2) m e */
  TOK("x-\xC3\xA9", TK_IDENT, 4);                  /* x - é(2) */
  TOK("\xC3\xBC" "ber-\xC3\xB6lig", TK_IDENT, 11); /* ü(2) b e r - ö(2) l i g */
}

static void test_numbers(void **state) {
  (void)state;
  TOK("0", TK_NUMBER, 1);
  TOK("42 ", TK_NUMBER, 2);
  TOK("50,000", TK_NUMBER, 6);
  TOK("50,000/day", TK_NUMBER, 6);
  TOK("1,234,567 x", TK_NUMBER, 9);
  TOK("3.14", TK_NUMBER, 4);
  TOK("0.25)", TK_NUMBER, 4);
  TOK("1,000.5", TK_NUMBER, 7);
  TOK("$50", TK_NUMBER, 3);
  TOK("$15000/month", TK_NUMBER, 6);
  TOK("$1,000.50", TK_NUMBER, 9);
  TOK("-5", TK_NUMBER, 2);
  TOK("-0.5 ", TK_NUMBER, 4);
  TOK("-$5", TK_NUMBER, 3);
  TOK("-1,000", TK_NUMBER, 6);
  /* units */
  TOK("10MB", TK_NUMBER, 4);
  TOK("10MiB ", TK_NUMBER, 5);
  TOK("200ms", TK_NUMBER, 5);
  TOK("20%", TK_NUMBER, 3);
  TOK("99.99%", TK_NUMBER, 6);
  TOK("20%x", TK_NUMBER, 3);  /* nothing after '%' */
  TOK("5x", TK_NUMBER, 2);
  TOK("1M", TK_NUMBER, 2);
  TOK("1.5M,", TK_NUMBER, 4);
  TOK("10k}", TK_NUMBER, 3);
  TOK("3M\n", TK_NUMBER, 2);
  TOK("1h ", TK_NUMBER, 2);
  TOK("12ab3 ", TK_NUMBER, 5);  /* unit letters and digits run together */
  TOK("5_x", TK_NUMBER, 3);     /* '_' counts as a letter */
  /* a dot without a digit after it is not part of the number */
  TOK("3.", TK_NUMBER, 1);
  TOK("3.x", TK_NUMBER, 1);
}

static void test_grouping(void **state) {
  (void)state;
  /* "1,2" is a list of two numbers, not a grouped number */
  TOK("1,2", TK_NUMBER, 1);
  TOK("1,23", TK_NUMBER, 1);
  TOK("12,34", TK_NUMBER, 2);
  TOK("1,2345", TK_NUMBER, 1);   /* four digits after the comma */
  TOK("1,234,5", TK_NUMBER, 5);  /* the second group is short */
  TOK("1,", TK_NUMBER, 1);
  TOK("1,abc", TK_NUMBER, 1);
  TOK("1, 000", TK_NUMBER, 1);
  /* a group that ends exactly at the end of input */
  TOKN("1,234", 5, TK_NUMBER, 5);
  /* and one the length bound cuts short */
  TOKN("50,000", 4, TK_NUMBER, 2);
  TOKN("50,000", 5, TK_NUMBER, 2);
}

static void test_dollar_minus(void **state) {
  (void)state;
  TOK("$", TK_BAD_CHAR, 1);
  TOK("$x", TK_BAD_CHAR, 1);
  TOK("$ 5", TK_BAD_CHAR, 1);
  TOK("-", TK_BAD_CHAR, 1);
  TOK("- 5", TK_BAD_CHAR, 1);
  TOK("-$", TK_BAD_CHAR, 1);
  TOK("-$x", TK_BAD_CHAR, 1);
  TOK("->", TK_ARROW, 2);
  TOK("-> User", TK_ARROW, 2);
  TOK("->5", TK_ARROW, 2);
}

static void test_comparisons_and_arrows(void **state) {
  (void)state;
  TOK("<->", TK_BIARROW, 3);
  TOK("<-> Tag", TK_BIARROW, 3);
  TOK("<-", TK_LT, 1);
  TOK("<-x", TK_LT, 1);
  TOK("<=", TK_LE, 2);
  TOK("<= 5", TK_LE, 2);
  TOK("<", TK_LT, 1);
  TOK("< 5", TK_LT, 1);
  TOK(">=", TK_GE, 2);
  TOK(">", TK_GT, 1);
  TOK("> =", TK_GT, 1);
  TOK(">>", TK_GT, 1);
  TOKN("<->", 2, TK_LT, 1); /* cut before '>' */
}

static void test_punctuation(void **state) {
  (void)state;
  TOK("{", TK_LBRACE, 1);
  TOK("}", TK_RBRACE, 1);
  TOK("(", TK_LPAREN, 1);
  TOK(")", TK_RPAREN, 1);
  TOK("[", TK_LBRACK, 1);
  TOK("]", TK_RBRACK, 1);
  TOK("~", TK_TILDE, 1);
  TOK("=", TK_EQ, 1);
  TOK("==", TK_EQ, 1);
  TOK("?", TK_QUESTION, 1);
  TOK(".", TK_DOT, 1);
  TOK(",", TK_COMMA, 1);
  TOK(";", TK_SEMI, 1);
  TOK(":", TK_COLON, 1);
  TOK("/", TK_SLASH, 1);
  TOK("*", TK_STAR, 1);
  TOK("+", TK_PLUS, 1);
  TOK("+5", TK_PLUS, 1); /* no leading '+' on numbers */
}

static void test_strings(void **state) {
  (void)state;
  TOK("\"\"", TK_STRING, 2);
  TOK("\"abc\" x", TK_STRING, 5);
  TOK("\"a\\\"b\"", TK_STRING, 6);       /* "a\"b" */
  TOK("\"a\\\\\"", TK_STRING, 5);        /* "a\\" */
  TOK("\"a\\\\\" \"", TK_STRING, 5);     /* "a\\" then more */
  TOK("\"a\\nb\\t\"", TK_STRING, 8);     /* "a\nb\t" */
  TOK("\"caf\xC3\xA9\"", TK_STRING, 7);  /* UTF-8 inside */
  TOK("\"# not a comment\"", TK_STRING, 17);
  TOK("\"x\" \"y\"", TK_STRING, 3);
}

static void test_unterminated(void **state) {
  (void)state;
  TOK("\"abc", TK_UNTERMINATED, 4);
  TOK("\"", TK_UNTERMINATED, 1);
  TOK("\"abc\nxyz\"", TK_UNTERMINATED, 4);   /* strings end on their line */
  TOK("\"ab\\\n\"", TK_UNTERMINATED, 4);     /* a backslash does not continue the line */
  TOK("\"a\\\"", TK_UNTERMINATED, 4);        /* "a\" : the quote is escaped */
  TOK("\"a\\", TK_UNTERMINATED, 3);          /* ends on a backslash */
  TOKN("\"a\0b\"", 5, TK_UNTERMINATED, 2);   /* a NUL ends it */
  TOKN("\"a\\\0\"", 5, TK_UNTERMINATED, 3);  /* an escaped NUL too */
  TOKN("\"abc\"", 4, TK_UNTERMINATED, 4);    /* the bound cuts the closing quote */
}

static void test_comments_space_newlines(void **state) {
  (void)state;
  TOK("# hi\nx", TK_COMMENT, 4);
  TOK("#", TK_COMMENT, 1);
  TOK("#\n", TK_COMMENT, 1);
  TOK("# \"unterminated", TK_COMMENT, 15);
  TOK("  \t\r x", TK_SPACE, 5);
  TOK("\f\v", TK_SPACE, 2);
  TOK("\r\n", TK_SPACE, 1);
  TOK("\n\n", TK_NEWLINE, 1);
}

static void test_nul_and_bad_chars(void **state) {
  (void)state;
  TOKN("\0x", 2, TK_NUL, 1);
  TOKN("\0\0", 2, TK_NUL, 1);
  TOKN("# a\0b\n", 6, TK_COMMENT, 5); /* a comment runs to the newline */
  TOK("@", TK_BAD_CHAR, 1);
  TOK("!", TK_BAD_CHAR, 1);
  TOK("%", TK_BAD_CHAR, 1);
  TOK("&&", TK_BAD_CHAR, 1);
  TOK("|", TK_BAD_CHAR, 1);
  TOK("'", TK_BAD_CHAR, 1);
  TOK("`", TK_BAD_CHAR, 1);
  TOK("\\", TK_BAD_CHAR, 1);
  TOK("^", TK_BAD_CHAR, 1);
  TOK("\x01", TK_BAD_CHAR, 1);
  TOK("\x1b[0m", TK_BAD_CHAR, 1);
  TOK("\x7f", TK_BAD_CHAR, 1);
}

/* ---- lex_all ---- */

typedef struct {
  int n;
  Severity sev[16];
  ptrdiff_t off[16], len[16];
  int line[16], col[16];
  char msg[16][128];
} Seen;

static void record(void *ctx, const Diagnostic *d) {
  Seen *s = ctx;
  if (s->n < 16) {
    s->sev[s->n] = d->sev;
    s->off[s->n] = d->off;
    s->len[s->n] = d->len;
    s->line[s->n] = d->line;
    s->col[s->n] = d->col;
    snprintf(s->msg[s->n], sizeof s->msg[0], "%s", d->msg);
  }
  s->n++;
}

typedef struct {
  Arena arena;
  SourceFile file;
  DiagSink sink;
  Seen seen;
  Token *toks;
  ptrdiff_t count;
} LexRun;

static void run_lex(LexRun *r, const char *text, ptrdiff_t n) {
  memset(r, 0, sizeof *r);
  r->arena = arena_make((ptrdiff_t)1 << 26);
  r->file.name = "t.plinth";
  r->file.text = (Str){text, n};
  r->sink.fn = record;
  r->sink.ctx = &r->seen;
  r->sink.arena = &r->arena;
  r->toks = lex_all(&r->arena, &r->file, &r->sink, &r->count);
}

static void expect_kinds(const LexRun *r, const TokenKind *kinds, ptrdiff_t n) {
  assert_int_equal(r->count, n);
  for (ptrdiff_t i = 0; i < n; i++)
    if (r->toks[i].kind != kinds[i])
      fail_msg("token %td: got %s, expected %s", i, lex_kind_name(r->toks[i].kind), lex_kind_name(kinds[i]));
}

static void test_lex_all_counts(void **state) {
  (void)state;
  LexRun r;
  const char *src = "entity A {\n  x int\n}\n";
  run_lex(&r, src, (ptrdiff_t)strlen(src));
  static const TokenKind k1[] = {TK_IDENT, TK_IDENT, TK_LBRACE, TK_NEWLINE, TK_IDENT, TK_IDENT,
                                 TK_NEWLINE, TK_RBRACE, TK_NEWLINE, TK_EOF};
  expect_kinds(&r, k1, 10);
  /* offsets and lengths */
  assert_int_equal(r.toks[0].off, 0);
  assert_int_equal(r.toks[0].len, 6);
  assert_int_equal(r.toks[1].off, 7);
  assert_int_equal(r.toks[1].len, 1);
  assert_int_equal(r.toks[2].off, 9);
  assert_int_equal(r.toks[4].off, 13);
  assert_int_equal(r.toks[5].off, 15);
  assert_int_equal(r.toks[5].len, 3);
  assert_int_equal(r.toks[9].off, 21); /* EOF at the end, length 0 */
  assert_int_equal(r.toks[9].len, 0);
  assert_int_equal(r.sink.errors, 0);
  assert_int_equal(r.seen.n, 0);
  arena_free(&r.arena);

  /* comments and blanks are dropped, newlines kept */
  run_lex(&r, "# c\nx # d\n  \n", 13);
  static const TokenKind k2[] = {TK_NEWLINE, TK_IDENT, TK_NEWLINE, TK_NEWLINE, TK_EOF};
  expect_kinds(&r, k2, 5);
  assert_int_equal(r.toks[1].off, 4);
  assert_int_equal(r.toks[2].off, 9);
  arena_free(&r.arena);

  /* empty input: only EOF */
  run_lex(&r, "", 0);
  assert_int_equal(r.count, 1);
  assert_int_equal(r.toks[0].kind, TK_EOF);
  assert_int_equal(r.toks[0].off, 0);
  arena_free(&r.arena);

  /* a field line */
  const char *f = "  price money >= 0 = 9.99 # note\r\n";
  run_lex(&r, f, (ptrdiff_t)strlen(f));
  static const TokenKind k3[] = {TK_IDENT, TK_IDENT, TK_GE, TK_NUMBER, TK_EQ, TK_NUMBER, TK_NEWLINE, TK_EOF};
  expect_kinds(&r, k3, 8);
  assert_int_equal(r.toks[5].off, 21);
  assert_int_equal(r.toks[5].len, 4);
  arena_free(&r.arena);

  /* relations and lists */
  const char *g = "tags <-> Tag\nowner -> User?\nroles a, b\nw 1,2\n";
  run_lex(&r, g, (ptrdiff_t)strlen(g));
  static const TokenKind k4[] = {TK_IDENT, TK_BIARROW, TK_IDENT, TK_NEWLINE, TK_IDENT, TK_ARROW, TK_IDENT,
                                 TK_QUESTION, TK_NEWLINE, TK_IDENT, TK_IDENT, TK_COMMA, TK_IDENT, TK_NEWLINE,
                                 TK_IDENT, TK_NUMBER, TK_COMMA, TK_NUMBER, TK_NEWLINE, TK_EOF};
  expect_kinds(&r, k4, 20);
  assert_int_equal(r.sink.errors, 0);
  arena_free(&r.arena);
}

static void test_lex_all_errors(void **state) {
  (void)state;
  LexRun r;
  /* line 1: "a @ b"; line 2: an unterminated string; line 3: a NUL; line 4: a bad byte */
  static const char src[] = "a @ b\n  \"abc\n\0\nx\xFFy\n";
  run_lex(&r, src, (ptrdiff_t)sizeof src - 1);
  static const TokenKind k[] = {TK_IDENT, TK_BAD_CHAR, TK_IDENT, TK_NEWLINE, TK_UNTERMINATED, TK_NEWLINE,
                                TK_NUL, TK_NEWLINE, TK_IDENT, TK_BAD_UTF8, TK_IDENT, TK_NEWLINE, TK_EOF};
  expect_kinds(&r, k, 13);
  assert_int_equal(r.toks[4].off, 8);
  assert_int_equal(r.toks[4].len, 4);
  assert_int_equal(r.sink.errors, 4);
  assert_int_equal(r.seen.n, 4);

  assert_int_equal(r.seen.sev[0], SEV_ERROR);
  assert_string_equal(r.seen.msg[0], "unexpected character '@'");
  assert_int_equal(r.seen.off[0], 2);
  assert_int_equal(r.seen.len[0], 1);
  assert_int_equal(r.seen.line[0], 1);
  assert_int_equal(r.seen.col[0], 3);

  assert_string_equal(r.seen.msg[1], "unterminated string (strings end on the same line)");
  assert_int_equal(r.seen.off[1], 8);
  assert_int_equal(r.seen.len[1], 1); /* points at the opening quote */
  assert_int_equal(r.seen.line[1], 2);
  assert_int_equal(r.seen.col[1], 3);

  assert_string_equal(r.seen.msg[2], "NUL byte in input");
  assert_int_equal(r.seen.off[2], 13);
  assert_int_equal(r.seen.line[2], 3);
  assert_int_equal(r.seen.col[2], 1);

  assert_string_equal(r.seen.msg[3], "invalid UTF-8 byte 0xFF");
  assert_int_equal(r.seen.off[3], 16);
  assert_int_equal(r.seen.line[3], 4);
  assert_int_equal(r.seen.col[3], 2);
  arena_free(&r.arena);
}

static void test_lex_all_bad_runs(void **state) {
  (void)state;
  LexRun r;
  /* a run of unexpected characters is one token and one error; separated
   * ones are reported each */
  run_lex(&r, "@@@ x @ !\n", 10);
  static const TokenKind k[] = {TK_BAD_CHAR, TK_IDENT, TK_BAD_CHAR, TK_BAD_CHAR, TK_NEWLINE, TK_EOF};
  expect_kinds(&r, k, 6);
  assert_int_equal(r.toks[0].off, 0);
  assert_int_equal(r.toks[0].len, 3);
  assert_int_equal(r.toks[2].off, 6);
  assert_int_equal(r.toks[3].off, 8);
  assert_int_equal(r.sink.errors, 3);
  assert_string_equal(r.seen.msg[0], "unexpected character '@'");
  assert_string_equal(r.seen.msg[2], "unexpected character '!'");
  arena_free(&r.arena);

  /* control characters are named by code */
  run_lex(&r, "a\x01\x1b", 3);
  assert_int_equal(r.sink.errors, 1);
  assert_string_equal(r.seen.msg[0], "unexpected control character '\\x01'");
  assert_int_equal(r.toks[1].len, 2);
  arena_free(&r.arena);
}

static void test_kind_names(void **state) {
  (void)state;
  assert_string_equal(lex_kind_name(TK_EOF), "end of file");
  assert_string_equal(lex_kind_name(TK_NEWLINE), "end of line");
  assert_string_equal(lex_kind_name(TK_IDENT), "a name");
  assert_string_equal(lex_kind_name(TK_BIARROW), "'<->'");
  assert_string_equal(lex_kind_name(TK_LE), "'<='");
  assert_string_equal(lex_kind_name(TK_UNTERMINATED), "an unterminated string");
  assert_string_equal(lex_kind_name(TK_COUNT_), "a token");
  assert_string_equal(lex_kind_name((TokenKind)-1), "a token");
  /* every real kind has a name of its own */
  for (int k = 0; k < TK_COUNT_; k++)
    assert_string_not_equal(lex_kind_name((TokenKind)k), "a token");
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_eof),
    cmocka_unit_test(test_identifiers),
    cmocka_unit_test(test_identifier_limits),
    cmocka_unit_test(test_utf8_identifiers),
    cmocka_unit_test(test_utf8_rejected),
    cmocka_unit_test(test_numbers),
    cmocka_unit_test(test_grouping),
    cmocka_unit_test(test_dollar_minus),
    cmocka_unit_test(test_comparisons_and_arrows),
    cmocka_unit_test(test_punctuation),
    cmocka_unit_test(test_strings),
    cmocka_unit_test(test_unterminated),
    cmocka_unit_test(test_comments_space_newlines),
    cmocka_unit_test(test_nul_and_bad_chars),
    cmocka_unit_test(test_lex_all_counts),
    cmocka_unit_test(test_lex_all_errors),
    cmocka_unit_test(test_lex_all_bad_runs),
    cmocka_unit_test(test_kind_names),
    cmocka_unit_test(test_utf8_after_hyphen), /* known defect: see the test */
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
