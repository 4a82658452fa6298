/* Lexer for the spec language (and the knowledge-base files, which share it).
 *
 * lex_token is a pure function: given the bytes at the current position it
 * returns the length of the next token and its kind, and allocates nothing.
 * lex_all runs it over a whole file and keeps the tokens that matter to the
 * parser (comments and blanks dropped, newlines kept: they end items). */
#ifndef PLINTH_LEX_H
#define PLINTH_LEX_H

#include <stddef.h>

#include "../util/arena.h"
#include "../util/diag.h"
#include "../util/str.h"

typedef enum {
  TK_EOF,
  TK_NEWLINE,
  TK_IDENT,   /* letters, digits, '_' and inner '-'; UTF-8 letters allowed */
  TK_NUMBER,  /* [-][$]digits[,ddd]*[.digits][unit], e.g. 10k 50,000 $50 20% 10MB 1h */
  TK_STRING,  /* "..." with \" \\ \n \t escapes, one line */
  TK_LBRACE, TK_RBRACE, TK_LPAREN, TK_RPAREN, TK_LBRACK, TK_RBRACK,
  TK_ARROW,   /* -> */
  TK_BIARROW, /* <-> */
  TK_TILDE, TK_EQ, TK_QUESTION, TK_DOT, TK_COMMA, TK_SEMI, TK_COLON,
  TK_GT, TK_GE, TK_LT, TK_LE, TK_SLASH, TK_STAR, TK_PLUS,
  /* Dropped by lex_all: */
  TK_SPACE, TK_COMMENT,
  /* Errors: */
  TK_BAD_CHAR, TK_BAD_UTF8, TK_NUL, TK_UNTERMINATED,
  TK_COUNT_
} TokenKind;

typedef struct {
  TokenKind kind;
  ptrdiff_t off, len;
} Token;

ptrdiff_t lex_token(const char *s, ptrdiff_t n, TokenKind *kind);

/* Tokenizes `f`, reporting lexical errors to `sink`. The array ends with a
 * TK_EOF token; *count includes it. */
Token *lex_all(Arena *a, const SourceFile *f, DiagSink *sink, ptrdiff_t *count);

/* "identifier", "'{'", ... for messages. */
const char *lex_kind_name(TokenKind k);

#endif
