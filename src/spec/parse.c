/* Spec parser (see parse.h).
 *
 * The grammar is line-oriented and flat: a file is a list of declarations,
 * each a keyword and a block of items, one item per line. So the parser is a
 * loop per block rather than deep recursion; the only nesting is a team's
 * skills block and a feature's option block, one level each. That keeps the
 * stack flat on any input.
 *
 * Every rule reports at the token it could not use, then the caller skips to
 * the end of the item (sync_item) or, at top level, to the next line that
 * starts a declaration (sync_top). */
#include "parse.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lex.h"
#include "units.h"

typedef struct {
  Arena *a;
  const SourceFile *f;
  DiagSink *d;
  Token *toks;
  ptrdiff_t ntoks, i;
  Ast *ast;
  unsigned char *lex_bad;  /* per line: a lexical error was reported there */
} Parser;

/* Was a lexical error reported on the line holding byte `off`? Parser
 * errors there would only repeat it in other words. */
static bool lex_bad_at(const Parser *p, ptrdiff_t off) {
  if (!p->lex_bad)
    return false;
  int line, col;
  diag_locate(p->d->arena, p->f, off, &line, &col);
  return p->lex_bad[line - 1];
}

/* Limits on adversarial input. */
enum { MAX_ENTITIES = 200000, MAX_FIELDS = 4096, MAX_LIST = 4096, MAX_PINS = 64 };

/* ORDER FIELD_TYPES */
static const char *const type_names[FT_COUNT_] = {
  [FT_NONE] = "none", [FT_STRING] = "string", [FT_TEXT] = "text", [FT_INT] = "int", [FT_FLOAT] = "float",
  [FT_BOOL] = "bool", [FT_MONEY] = "money", [FT_EMAIL] = "email", [FT_URL] = "url", [FT_PHONE] = "phone",
  [FT_TIMESTAMP] = "timestamp", [FT_DATE] = "date", [FT_UUID] = "uuid", [FT_JSON] = "json", [FT_BLOB] = "blob",
  [FT_SECRET] = "secret", [FT_ENUM] = "enum", [FT_REF] = "ref",
};

const char *field_type_name(FieldType t) { return t >= 0 && t < FT_COUNT_ ? type_names[t] : "?"; }

const char *feature_kind_name(FeatureKind k) { return k >= 0 && k < FK_COUNT_ ? feature_specs[k].name : "?"; }

/* ---- token access ---- */

static Token *peek(Parser *p) { return &p->toks[p->i]; }
static Token *peek_at(Parser *p, ptrdiff_t k) {
  ptrdiff_t j = p->i + k;
  return &p->toks[j < p->ntoks ? j : p->ntoks - 1];
}
static Token *next(Parser *p) {
  Token *t = &p->toks[p->i];
  if (t->kind != TK_EOF)
    p->i++;
  return t;
}
static Str text(Parser *p, const Token *t) { return (Str){p->f->text.p + t->off, t->len}; }
static Span span(const Token *t) { return (Span){t->off, t->len}; }
static bool is(Parser *p, TokenKind k) { return peek(p)->kind == k; }
static bool is_word(Parser *p, const char *w) { return is(p, TK_IDENT) && str_eqc(text(p, peek(p)), w); }
static bool accept(Parser *p, TokenKind k) {
  if (!is(p, k))
    return false;
  next(p);
  return true;
}
static bool end_of_item(Parser *p) {
  TokenKind k = peek(p)->kind;
  return k == TK_NEWLINE || k == TK_SEMI || k == TK_RBRACE || k == TK_EOF;
}

#define error_at(p, t, ...)                                                                                   \
  do {                                                                                                        \
    if (!lex_bad_at((p), (t)->off))                                                                           \
      diag_at((p)->d, (p)->f, SEV_ERROR, (t)->off, (t)->len ? (t)->len : 1, __VA_ARGS__);                     \
  } while (0)
#define error_span(p, s, ...)                                                                                 \
  do {                                                                                                        \
    if (!lex_bad_at((p), (s).off))                                                                            \
      diag_at((p)->d, (p)->f, SEV_ERROR, (s).off, (s).len ? (s).len : 1, __VA_ARGS__);                        \
  } while (0)
#define warn_span(p, s, ...) diag_at((p)->d, (p)->f, SEV_WARNING, (s).off, (s).len ? (s).len : 1, __VA_ARGS__)

/* "found 'x'" or "found end of line" for messages. */
static const char *found(Parser *p, const Token *t, char *buf, size_t size) {
  if (t->kind == TK_IDENT || t->kind == TK_NUMBER) {
    Str s = text(p, t);
    snprintf(buf, size, "'%.*s%s'", NAMEF(s));
  } else
    snprintf(buf, size, "%s", lex_kind_name(t->kind));
  return buf;
}

static void expected(Parser *p, const char *what) {
  char b[128];
  Token *t = peek(p);
  /* Lexical errors were reported already; do not pile on. */
  if (t->kind >= TK_BAD_CHAR)
    return;
  error_at(p, t, "expected %s, found %s", what, found(p, t, b, sizeof b));
}

static bool expect(Parser *p, TokenKind k, const char *what) {
  if (accept(p, k))
    return true;
  expected(p, what);
  return false;
}

/* Closest word in a NULL-terminated list within edit distance 2, or NULL. */
static const char *suggest(Str w, const char *const *words) {
  const char *best = NULL;
  int bd = 3;
  for (; *words; words++) {
    int d = str_distance(w, str_c(*words), 2);
    if (d < bd)
      bd = d, best = *words;
  }
  return best;
}

/* Skips the rest of an item. With `nested`, a { } block inside the item
 * (a team's skills, a feature's options) is skipped whole; without, a stray
 * '{' is just another token, so it cannot swallow the enclosing '}'. */
static void sync_item(Parser *p, bool nested) {
  int depth = 0;
  for (;;) {
    TokenKind k = peek(p)->kind;
    if (k == TK_EOF)
      return;
    if (depth == 0 && (k == TK_NEWLINE || k == TK_SEMI)) {
      next(p);
      return;
    }
    if (depth == 0 && k == TK_RBRACE)
      return;
    if (nested && k == TK_LBRACE)
      depth++;
    if (nested && k == TK_RBRACE)
      depth--;
    next(p);
  }
}

static const char *const top_words[] = {"project", "entity", "feature", "integration", 0};

static bool at_line_start(Parser *p) { return p->i == 0 || p->toks[p->i - 1].kind == TK_NEWLINE; }

/* Does the current line start a new declaration? Used to notice a missing
 * '}' without mistaking a field named 'entity' for a declaration. */
static bool starts_decl(Parser *p) {
  if (!at_line_start(p) || !is(p, TK_IDENT))
    return false;
  Str w = text(p, peek(p));
  TokenKind k1 = peek_at(p, 1)->kind, k2 = peek_at(p, 2)->kind;
  if (str_eqc(w, "project"))
    return k1 == TK_STRING;
  if (str_eqc(w, "entity"))
    return k1 == TK_IDENT && k2 == TK_LBRACE;
  if (str_eqc(w, "integration"))
    return k1 == TK_IDENT && (k2 == TK_LBRACE || k2 == TK_NEWLINE || k2 == TK_EOF);
  if (str_eqc(w, "feature") && k1 == TK_IDENT) {
    Str kind = text(p, peek_at(p, 1));
    for (int i = 0; i < FK_INTEGRATION; i++)
      if (str_eqc(kind, feature_specs[i].name))
        return true;
    for (int i = 0; feature_aliases[i].name; i++)
      if (str_eqc(kind, feature_aliases[i].name))
        return true;
  }
  return false;
}

/* Inside a team or option block no item is named like a declaration, so
 * any declaration word at the start of a line ends the block. */
static bool starts_decl_loose(Parser *p) {
  if (starts_decl(p))
    return true;
  if (!at_line_start(p) || !is(p, TK_IDENT))
    return false;
  Str w = text(p, peek(p));
  TokenKind k1 = peek_at(p, 1)->kind;
  for (int i = 0; top_words[i]; i++)
    if (str_eqc(w, top_words[i]) && (k1 == TK_IDENT || k1 == TK_STRING))
      return true;
  return false;
}

/* Skips to the next line that starts a declaration. */
static void sync_top(Parser *p) {
  while (!is(p, TK_EOF)) {
    next(p);
    if (starts_decl(p))
      return;
  }
}

static void skip_newlines(Parser *p) {
  while (is(p, TK_NEWLINE) || is(p, TK_SEMI))
    next(p);
}

/* Reports an unclosed block; `open` is the token that opened it. */
static void unclosed(Parser *p, const Token *open, const char *what) {
  int line, col;
  diag_locate(p->d->arena, p->f, open->off, &line, &col);
  char b[128];
  error_at(p, peek(p), "expected '}' to close %s at line %d, found %s", what, line, found(p, peek(p), b, sizeof b));
}

/* ---- numbers ---- */

typedef bool UnitFn(Number, double *, const char **);

/* A number token read with `fn`; reports and returns false on mismatch. */
static bool number_as(Parser *p, UnitFn *fn, double *out, Span *sp, const char *what) {
  if (!is(p, TK_NUMBER)) {
    expected(p, what);
    return false;
  }
  Token *t = next(p);
  const char *why = NULL;
  Number n = num_split(text(p, t));
  if (!fn(n, out, &why)) {
    Str s = text(p, t);
    error_at(p, t, "%s, found '%.*s%s'", why, NAMEF(s));
    return false;
  }
  if (!isfinite(*out) || fabs(*out) > 1e15) {
    error_at(p, t, "number out of range (largest accepted is 1e15)");
    return false;
  }
  if (sp)
    *sp = span(t);
  return true;
}

/* The length of a date written at offset `off` (YYYY-MM-DD), or 0. */
static ptrdiff_t date_at(Parser *p, ptrdiff_t off) {
  Str t = p->f->text;
  static const char shape[] = "dddd-dd-dd";
  if (off + 10 > t.n)
    return 0;
  for (int i = 0; i < 10; i++) {
    char c = t.p[off + i];
    if (shape[i] == 'd' ? !(c >= '0' && c <= '9') : c != '-')
      return 0;
  }
  if (off + 10 < t.n && ((t.p[off + 10] >= '0' && t.p[off + 10] <= '9') || t.p[off + 10] == '-'))
    return 0;
  return 10;
}

static bool valid_date(Str d) {
  int y = (d.p[0] - '0') * 1000 + (d.p[1] - '0') * 100 + (d.p[2] - '0') * 10 + (d.p[3] - '0');
  int m = (d.p[5] - '0') * 10 + (d.p[6] - '0'), day = (d.p[8] - '0') * 10 + (d.p[9] - '0');
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1970 || m < 1 || m > 12 || day < 1)
    return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return day <= days[m - 1] + (m == 2 && leap);
}

/* A word one edit from w in the list (units are short: two edits would
 * turn "kg" into "ms"), or NULL. */
static const char *near_word(Str w, const char *const *words) {
  for (; *words; words++)
    if (str_distance(w, str_c(*words), 1) <= 1)
      return *words;
  return NULL;
}

/* The period a misspelt or abbreviated period word means ("mo", "hrs",
 * "mins"), or NULL. */
static const char *period_guess(Str w) {
  static const char *const abbr[][2] = {
    {"mo", "month"}, {"mos", "month"}, {"mon", "month"}, {"mth", "month"}, {"mths", "month"}, {"months", "month"},
    {"monthly", "month"}, {"yr", "year"}, {"yrs", "year"}, {"years", "year"}, {"yearly", "year"},
    {"wk", "week"}, {"wks", "week"}, {"weeks", "week"}, {"weekly", "week"}, {"days", "day"}, {"daily", "day"},
    {"hr", "hour"}, {"hrs", "hour"}, {"hours", "hour"}, {"hourly", "hour"}, {"mins", "min"}, {"minutes", "min"},
    {"secs", "s"}, {"seconds", "s"}, {0, 0}};
  for (int i = 0; abbr[i][0]; i++)
    if (str_eqc(w, abbr[i][0]))
      return abbr[i][1];
  static const char *const periods_all[] = {"second", "min", "minute", "hour", "day", "week", "month", "year", 0};
  return near_word(w, periods_all);
}

/* The duration word a misspelt or abbreviated one means ("mins" ->
 * minutes), or NULL. */
static const char *duration_guess(Str w) {
  static const char *const abbr[][2] = {
    {"min", "minutes"}, {"mins", "minutes"}, {"sec", "seconds"}, {"secs", "seconds"}, {"hr", "hours"},
    {"hrs", "hours"}, {"wk", "weeks"}, {"wks", "weeks"}, {"mo", "months"}, {"mos", "months"}, {"mth", "months"},
    {"mths", "months"}, {"yr", "years"}, {"yrs", "years"}, {"msec", "ms"}, {"msecs", "ms"}, {0, 0}};
  for (int i = 0; abbr[i][0]; i++)
    if (str_eqc(w, abbr[i][0]))
      return abbr[i][1];
  static const char *const words[] = {"seconds", "minutes", "hours", "days", "weeks", "months", "years", 0};
  return w.n >= 3 ? near_word(w, words) : NULL;
}

/* duration = NUMBER unit | NUMBER ("weeks" | "days" | ...) */
static bool duration(Parser *p, double *out, Span *sp) {
  if (!is(p, TK_NUMBER)) {
    expected(p, "a duration such as 200ms, 30s, 5m, 1h or 6 weeks");
    return false;
  }
  Token *t = peek(p);
  Number n = num_split(text(p, t));
  if (!n.unit.n && !n.dollar && peek_at(p, 1)->kind == TK_IDENT) {
    double m = unit_duration_word(text(p, peek_at(p, 1)));
    if (m > 0) {
      next(p);
      Token *w = next(p);
      *out = n.value * m;
      if (sp)
        *sp = (Span){t->off, w->off + w->len - t->off};
      return true;
    }
  }
  if (!n.unit.n && !n.dollar && peek_at(p, 1)->kind == TK_IDENT && duration_guess(text(p, peek_at(p, 1)))) {
    Token *w = peek_at(p, 1);
    Str ws = text(p, w);
    error_at(p, w, "unknown unit '%.*s%s' for a duration; did you mean '%.*s %s'?", NAMEF(ws), (int)t->len,
             p->f->text.p + t->off, duration_guess(ws));
    next(p);
    next(p);
    return false;
  }
  if (!n.unit.n && !n.dollar) {
    error_at(p, t, "a duration needs a unit: 200ms, 30s, 5m, 1h, 2d, 3 weeks or 2 years");
    next(p);
    return false;
  }
  if (n.unit.n && !n.dollar && unit_duration_word(n.unit) <= 0) {
    const char *g = duration_guess(n.unit);
    double ok;
    const char *why;
    if (g && !unit_duration(n, &ok, &why)) {
      error_at(p, t, "unknown unit '%.*s%s' for a duration; did you mean '%.*s %s'?", NAMEF(n.unit),
               (int)(t->len - n.unit.n), p->f->text.p + t->off, g);
      next(p);
      return false;
    }
  }
  return number_as(p, unit_duration, out, sp, "a duration");
}

/* rate = COUNT "/" PERIOD  (per-second result; *monthly set for month and year) */
static bool rate(Parser *p, double *out, Span *sp, bool *monthly) {
  Token *t = peek(p);
  double n;
  if (!number_as(p, unit_count, &n, NULL, "a rate such as 50,000/day or 20/s"))
    return false;
  if (!accept(p, TK_SLASH)) {
    expected(p, "'/' and a period after the count, as in 50,000/day or 20/s");
    return false;
  }
  if (!is(p, TK_IDENT)) {
    expected(p, "a period: s, min, hour, day or month");
    return false;
  }
  Token *w = next(p);
  double per = unit_period(text(p, w));
  if (per <= 0) {
    Str s = text(p, w);
    const char *g = period_guess(s);
    if (g)
      error_at(p, w, "unknown period '%.*s%s'; did you mean '%s'?", NAMEF(s), g);
    else
      error_at(p, w, "unknown period '%.*s%s'; use s, min, hour, day, week, month or year", NAMEF(s));
    return false;
  }
  *out = n / per;
  if (monthly)
    *monthly = per >= SECONDS_PER_MONTH;
  if (sp)
    *sp = (Span){t->off, w->off + w->len - t->off};
  return true;
}

/* ---- strings and word lists ---- */

static Str unescape(Parser *p, const Token *t) {
  Str s = text(p, t);
  char *out = new(p->a, char, s.n);
  ptrdiff_t n = 0;
  for (ptrdiff_t i = 1; i + 1 < s.n; i++) {
    char c = s.p[i];
    if (c == '\\' && i + 2 < s.n) {
      c = s.p[++i];
      if (c == 'n')
        c = '\n';
      else if (c == 't')
        c = '\t';
      else if (c != '"' && c != '\\') {
        if ((unsigned char)c < 0x80)
          diag_at(p->d, p->f, SEV_WARNING, t->off + i - 1, 2, "unknown escape '\\%c' kept as '%c'", c, c);
        else
          diag_at(p->d, p->f, SEV_WARNING, t->off + i - 1, 2, "a backslash before a non-ASCII character is kept as is");
      }
    }
    out[n++] = c;
  }
  return (Str){out, n};
}

/* words = IDENT { [","|">"] IDENT }  until the end of the item or '}' */
static Word *words(Parser *p, int *count, const char *what) {
  Word tmp[64];
  Word *out = NULL;
  int n = 0, cap = 0;
  while (!end_of_item(p) && !is(p, TK_LBRACE)) {
    if (n && (is(p, TK_COMMA) || is(p, TK_GT))) {
      next(p);
      continue;
    }
    if (!is(p, TK_IDENT)) {
      expected(p, what);
      return NULL;
    }
    if (n >= MAX_LIST) {
      error_at(p, peek(p), "too many words in one list (limit is %d)", MAX_LIST);
      return NULL;
    }
    Token *t = next(p);
    if (n == cap) {
      int nc = cap ? cap * 2 : 64;
      Word *grown = cap ? new(p->a, Word, nc) : tmp;
      if (cap)
        memcpy(grown, out, sizeof(Word) * (size_t)n);
      out = grown;
      cap = nc;
    }
    out[n++] = (Word){text(p, t), span(t)};
  }
  if (!n) {
    expected(p, what);
    return NULL;
  }
  Word *res = new(p->a, Word, n);
  memcpy(res, out, sizeof(Word) * (size_t)n);
  *count = n;
  return res;
}

/* ---- project ---- */

static bool set_once(Parser *p, Fig *f, Token *kw) {
  if (f->set) {
    Str s = text(p, kw);
    int line, col;
    diag_locate(p->d->arena, p->f, f->span.off, &line, &col);
    error_at(p, kw, "'%.*s%s' is already set at line %d", NAMEF(s), line);
    return false;
  }
  return true;
}

static bool figure(Parser *p, Fig *f, Token *kw, UnitFn *fn, const char *what) {
  if (!set_once(p, f, kw))
    return false;
  if (!number_as(p, fn, &f->v, &f->span, what))
    return false;
  f->set = true;
  return true;
}

/* team = "team" COUNT [LEVEL] ["{" "skills" words "}"] */
static bool team(Parser *p, AstProject *pr, Token *kw) {
  if (!figure(p, &pr->team, kw, unit_count, "a team size such as 3"))
    return false;
  static const char *const levels[] = {"junior", "mid", "senior", "mixed", 0};
  if (is(p, TK_IDENT)) {
    Token *t = next(p);
    Str w = text(p, t);
    for (int i = 0; levels[i]; i++)
      if (str_eqc(w, levels[i]))
        pr->level = (TeamLevel)(LVL_JUNIOR + i);
    if (!pr->level) {
      const char *s = suggest(w, levels);
      error_at(p, t, "unknown team level '%.*s%s'; expected junior, mid, senior or mixed%s%s%s", NAMEF(w),
               s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
      return false;
    }
    pr->level_span = span(t);
  }
  if (accept(p, TK_LBRACE)) {
    Token *open = &p->toks[p->i - 1];
    skip_newlines(p);
    while (!is(p, TK_RBRACE)) {
      if (is(p, TK_EOF) || starts_decl_loose(p) || (at_line_start(p) && !is_word(p, "skills"))) {
        char b[128];
        int line, col;
        diag_locate(p->d->arena, p->f, open->off, &line, &col);
        error_at(p, peek(p), "expected 'skills' or '}' to close 'team' at line %d, found %s", line,
                 found(p, peek(p), b, sizeof b));
        return false;
      }
      if (!is_word(p, "skills")) {
        expected(p, "'skills'");
        /* Skip the rest of the team block, its '}' included. */
        while (!is(p, TK_RBRACE) && !is(p, TK_EOF) && !starts_decl_loose(p))
          next(p);
        accept(p, TK_RBRACE);
        return false;
      }
      Token *sk = next(p);
      Word *w;
      int n;
      if (pr->skills) {
        error_at(p, sk, "'skills' is already given in this team block; list every skill on one line");
        return false;
      }
      if (!(w = words(p, &n, "a skill name")))
        return false;
      pr->skills = w, pr->nskills = n;
      skip_newlines(p);
    }
    next(p);
  }
  return true;
}

/* use = "use" SLOT TECH ; one line per slot. Whether the slot and the
 * technology exist is the knowledge base's to say (plan/pins.c). */
static bool use(Parser *p, AstProject *pr, Token *kw) {
  Word w[2];
  static const char *const what[2] = {"a slot such as database or compute", "a technology id such as aws-dynamodb"};
  for (int i = 0; i < 2; i++) {
    if (!is(p, TK_IDENT)) {
      expected(p, what[i]);
      return false;
    }
    Token *t = next(p);
    w[i] = (Word){text(p, t), span(t)};
  }
  if (!end_of_item(p)) {
    expected(p, "the end of the line: one 'use' line names one slot and one technology");
    return false;
  }
  for (int i = 0; i < pr->npins; i++)
    if (str_eq(pr->pins[i].slot.word, w[0].word)) {
      int line, col;
      diag_locate(p->d->arena, p->f, pr->pins[i].span.off, &line, &col);
      error_at(p, kw, "the %.*s%s slot is already pinned at line %d", NAMEF(w[0].word), line);
      return false;
    }
  if (pr->npins >= MAX_PINS) {
    error_at(p, kw, "too many 'use' lines (limit is %d, more than there are slots)", MAX_PINS);
    return false;
  }
  Pin *grown = new(p->a, Pin, pr->npins + 1);
  if (pr->npins)
    memcpy(grown, pr->pins, sizeof(Pin) * (size_t)pr->npins);
  grown[pr->npins++] = (Pin){w[0], w[1], {kw->off, w[1].span.off + w[1].span.len - kw->off}};
  pr->pins = grown;
  return true;
}

static const char *const project_words[] = {
  "idea", "users", "active", "actions", "requests", "reads", "writes", "seconds-per-month", "devices", "interval", "peak", "budget",
  "latency", "availability", "team", "prefer", "compliance", "region", "cloud", "deadline", "priorities", "currency", "horizon", "use", "avoid", "start", 0};

/* idea = "idea" STRING, once */
static bool idea_item(Parser *p, AstProject *pr, Token *kw) {
  if (pr->idea_span.len) {
    int line, col;
    diag_locate(p->d->arena, p->f, pr->idea_span.off, &line, &col);
    error_at(p, kw, "'idea' is already set at line %d", line);
    return false;
  }
  if (!is(p, TK_STRING)) {
    expected(p, "the idea as a quoted string");
    return false;
  }
  Token *t = next(p);
  pr->idea = unescape(p, t);
  pr->idea_span = span(t);
  return true;
}

/* date_item = ("start" | "deadline") DATE        (DATE: YYYY-MM-DD) */
static bool date_item(Parser *p, AstProject *pr, Token *kw, bool start) {
  Fig *f = start ? &pr->start : &pr->deadline;
  if (!set_once(p, f, kw))
    return false;
  Token *t = peek(p);
  if (!is(p, TK_NUMBER) || date_at(p, t->off) <= 0) {
    expected(p, "the date work starts, as in 2026-03-02 (YYYY-MM-DD)");
    return false;
  }
  ptrdiff_t end = t->off + date_at(p, t->off);
  if (!valid_date((Str){p->f->text.p + t->off, end - t->off})) {
    diag_at(p->d, p->f, SEV_ERROR, t->off, (int)(end - t->off), "'%.*s' is not a calendar date (YYYY-MM-DD)",
            (int)(end - t->off), p->f->text.p + t->off);
    while (peek(p)->kind != TK_EOF && peek(p)->off < end)
      next(p);
    return false;
  }
  while (peek(p)->kind != TK_EOF && peek(p)->off < end)
    next(p);
  *(start ? &pr->start_date : &pr->deadline_date) = (Str){p->f->text.p + t->off, end - t->off};
  f->span = (Span){t->off, end - t->off};
  return true;
}

/* budget = "budget" MONEY ["/" ("day" | "week" | "month" | "year")], kept
 * per month */
static bool budget_item(Parser *p, AstProject *pr, Token *kw) {
  if (!set_once(p, &pr->budget, kw) ||
      !number_as(p, unit_money, &pr->budget.v, &pr->budget.span, "a monthly budget such as $50/month"))
    return false;
  if (accept(p, TK_SLASH)) {
    if (!is(p, TK_IDENT)) {
      expected(p, "'month' or 'year'");
      return false;
    }
    Token *t = next(p);
    double per = unit_period(text(p, t));
    const char *g = per <= 0 ? period_guess(text(p, t)) : NULL;
    if (g) {
      Str ws = text(p, t);
      error_at(p, t, "unknown period '%.*s%s'; did you mean '%s'?", NAMEF(ws), g);
      return false;
    }
    if (per < SECONDS_PER_DAY) {
      error_at(p, t, "a budget is per day, week, month or year");
      return false;
    }
    pr->budget.v *= SECONDS_PER_MONTH / per;
    pr->budget.span.len = t->off + t->len - pr->budget.span.off;
  }
  pr->budget.set = true;
  return true;
}

/* latency = "latency" PCT DURATION { [","] PCT DURATION }
 * PCT = "p50" | "p90" | "p95" | "p99" */
static bool latency_item(Parser *p, AstProject *pr) {
  static const char *const pct[] = {"p50", "p90", "p95", "p99", 0};
  do {
    if (!is(p, TK_IDENT)) {
      expected(p, "a percentile: p50, p90, p95 or p99");
      return false;
    }
    Token *t = next(p);
    Str pw = text(p, t);
    int k = -1;
    for (int i = 0; pct[i]; i++)
      if (str_eqc(pw, pct[i]))
        k = i;
    if (k < 0) {
      error_at(p, t, "unknown percentile '%.*s%s'; expected p50, p90, p95 or p99", NAMEF(pw));
      return false;
    }
    Fig *f = &pr->latency[k];
    if (!set_once(p, f, t) || !duration(p, &f->v, &f->span))
      return false;
    f->set = true;
    f->span = (Span){t->off, f->span.off + f->span.len - t->off};
    accept(p, TK_COMMA);
  } while (!end_of_item(p));
  return true;
}

/* The word list a setting keeps (prefer, compliance, priorities, region,
 * cloud, currency, avoid), with its count and what its words are; NULL
 * when w is no list setting. */
static Word **setting_list(AstProject *pr, Str w, int **count, const char **what) {
  static const struct { const char *name, *what; } lists[] = {
    {"prefer", "a preference such as existing, managed or self-hosted"},
    {"compliance", "a regime such as gdpr, hipaa, pci or soc2"},
    {"priorities", "a priority such as cost, speed or reliability"},
    {"region", "a region such as eu or us-east"},
    {"cloud", "a cloud: aws, gcp, azure or any"},
    {"currency", "a currency code such as EUR or USD"},
    {"avoid", "a technology id such as heroku or aws-dynamodb"},
  };
  Word **v[] = {&pr->prefer, &pr->compliance, &pr->priorities, &pr->regions, &pr->clouds, &pr->currencies, &pr->avoid};
  int *n[] = {&pr->nprefer, &pr->ncompliance, &pr->npriorities, &pr->nregions, &pr->nclouds, &pr->ncurrencies, &pr->navoid};
  for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
    if (str_eqc(w, lists[i].name)) {
      *count = n[i];
      *what = lists[i].what;
      return v[i];
    }
  return NULL;
}

/* list_item = LIST-SETTING WORD { [","] WORD }, on one line, once */
static bool list_item(Parser *p, Token *kw, Str w, Word **list, int *count, const char *what) {
  if (*list) {
    int line, col;
    diag_locate(p->d->arena, p->f, (*list)[0].span.off, &line, &col);
    error_at(p, kw, "'%.*s%s' is already set at line %d; list every value on one line", NAMEF(w), line);
    return false;
  }
  Word *ws = words(p, count, what);
  if (!ws)
    return false;
  *list = ws;
  return true;
}

static bool project_item(Parser *p, AstProject *pr) {
  if (!is(p, TK_IDENT)) {
    expected(p, "a project setting such as users, budget or team");
    return false;
  }
  Token *kw = next(p);
  Str w = text(p, kw);
#define IS(s) str_eqc(w, s)
  if (IS("idea"))
    return idea_item(p, pr, kw);
  if (IS("users"))
    return figure(p, &pr->users, kw, unit_count, "a number of users such as 10k");
  if (IS("seconds-per-month"))
    return figure(p, &pr->month, kw, unit_count, "seconds in a month, such as 2.5M");
  if (IS("devices"))
    return figure(p, &pr->devices, kw, unit_count, "a number of devices such as 50k");
  if (IS("actions"))
    return figure(p, &pr->actions, kw, unit_count, "requests per active user per day, such as 25");
  if (IS("active"))
    return figure(p, &pr->active, kw, unit_percent, "a share of users active on a day, such as 20%");
  if (IS("availability"))
    return figure(p, &pr->availability, kw, unit_percent, "an availability such as 99.9%");
  if (IS("peak"))
    return figure(p, &pr->peak, kw, unit_factor, "a peak factor such as 5x");
  if (IS("requests") || IS("writes") || IS("reads")) {
    Fig *f = IS("requests") ? &pr->requests : IS("reads") ? &pr->reads : &pr->writes;
    if (!set_once(p, f, kw) || !rate(p, &f->v, &f->span, &f->monthly))
      return false;
    f->set = true;
    return true;
  }
  /* deadline = DATE (YYYY-MM-DD); start = DATE */
  if ((IS("deadline") && is(p, TK_NUMBER) && date_at(p, peek(p)->off) > 0) || IS("start"))
    return date_item(p, pr, kw, IS("start"));
  if (IS("interval") || IS("deadline") || IS("horizon")) {
    Fig *f = IS("interval") ? &pr->interval : IS("horizon") ? &pr->horizon : &pr->deadline;
    if (!set_once(p, f, kw) || !duration(p, &f->v, &f->span))
      return false;
    f->set = true;
    return true;
  }
  if (IS("budget"))
    return budget_item(p, pr, kw);
  if (IS("latency"))
    return latency_item(p, pr);
  if (IS("team"))
    return team(p, pr, kw);
  if (IS("use"))
    return use(p, pr, kw);
  int *count = NULL;
  const char *what = NULL;
  Word **list = setting_list(pr, w, &count, &what);
  if (list)
    return list_item(p, kw, w, list, count, what);
  const char *s = suggest(w, project_words);
  if (s)
    error_at(p, kw, "unknown project setting '%.*s%s'; did you mean '%s'?", NAMEF(w), s);
  else
    error_at(p, kw, "unknown project setting '%.*s%s'", NAMEF(w));
  return false;
#undef IS
}

/* project = "project" STRING "{" { project_item NEWLINE } "}" */
static void project(Parser *p, Token *kw) {
  AstProject *pr = &p->ast->project;
  if (pr->present) {
    int line, col;
    diag_locate(p->d->arena, p->f, pr->span.off, &line, &col);
    error_at(p, kw, "a spec has one project block; the first is at line %d", line);
    sync_top(p);
    return;
  }
  pr->present = true;
  pr->span = span(kw);
  if (!is(p, TK_STRING)) {
    expected(p, "the project name as a quoted string");
    sync_top(p);
    return;
  }
  Token *t = next(p);
  pr->name = unescape(p, t);
  pr->name_span = span(t);
  if (!expect(p, TK_LBRACE, "'{' to open the project block")) {
    sync_top(p);
    return;
  }
  for (;;) {
    skip_newlines(p);
    if (p->d->stop)
      return;
    if (accept(p, TK_RBRACE))
      return;
    if (is(p, TK_EOF) || starts_decl(p)) {
      unclosed(p, kw, "'project'");
      return;
    }
    int before = p->d->errors;
    ptrdiff_t at = p->i;
    project_item(p, pr);
    if (p->d->errors == before && !end_of_item(p))
      expected(p, "end of line");
    if (p->i == at)
      next(p); /* always make progress, whatever the item was */
    else if (at_line_start(p))
      continue;
    sync_item(p, true);
  }
}

/* ---- entities ---- */

static FieldType type_by_name(Str w) {
  for (int i = FT_STRING; i < FT_REF; i++)
    if (str_eqc(w, type_names[i]))
      return (FieldType)i;
  return FT_NONE;
}

/* enum_values = "(" IDENT { "," IDENT } [","] ")" */
static bool enum_values(Parser *p, AstField *f) {
  Token *open = peek(p);
  if (!expect(p, TK_LPAREN, "'(' and the values, as in enum(draft, sent)"))
    return false;
  Str vals[MAX_LIST];
  Span spans[MAX_LIST];
  int n = 0;
  while (!accept(p, TK_RPAREN)) {
    if (!is(p, TK_IDENT)) {
      if (end_of_item(p)) {
        int line, col;
        diag_locate(p->d->arena, p->f, open->off, &line, &col);
        char b[128];
        error_at(p, peek(p), "expected ')' to close '(' at line %d, found %s", line, found(p, peek(p), b, sizeof b));
      } else
        expected(p, "an enum value");
      return false;
    }
    Token *t = next(p);
    if (n == MAX_LIST) {
      error_at(p, t, "too many enum values (limit is %d)", MAX_LIST);
      return false;
    }
    Str v = text(p, t);
    for (int i = 0; i < n; i++)
      if (str_eq(vals[i], v)) {
        error_at(p, t, "duplicate enum value '%.*s%s'", NAMEF(v));
        return false;
      }
    vals[n] = v;
    spans[n++] = span(t);
    if (!accept(p, TK_COMMA) && !is(p, TK_RPAREN)) {
      expected(p, "',' or ')'");
      return false;
    }
  }
  if (!n) {
    error_at(p, open, "an enum needs at least one value");
    return false;
  }
  f->enum_vals = new(p->a, Str, n);
  f->enum_spans = new(p->a, Span, n);
  memcpy(f->enum_vals, vals, sizeof(Str) * (size_t)n);
  memcpy(f->enum_spans, spans, sizeof(Span) * (size_t)n);
  f->nenum = n;
  return true;
}

/* literal = NUMBER | STRING | "true" | "false" | IDENT */
static bool literal(Parser *p, Literal *l) {
  Token *t = peek(p);
  l->span = span(t);
  if (t->kind == TK_NUMBER) {
    next(p);
    Number n = num_split(text(p, t));
    if (n.unit.n) {
      error_at(p, t, "a default is a plain number, a string, true, false or a word");
      return false;
    }
    if (!isfinite(n.value) || fabs(n.value) > 1e15) {
      error_at(p, t, "number out of range (largest accepted is 1e15)");
      return false;
    }
    l->kind = LIT_NUMBER;
    l->num = n.value;
    l->dollar = n.dollar;
    return true;
  }
  if (t->kind == TK_STRING) {
    next(p);
    l->kind = LIT_STRING;
    l->text = unescape(p, t);
    return true;
  }
  if (t->kind == TK_IDENT) {
    next(p);
    Str w = text(p, t);
    if (str_eqc(w, "true") || str_eqc(w, "false")) {
      l->kind = LIT_BOOL;
      l->b = str_eqc(w, "true");
    } else {
      l->kind = LIT_WORD;
      l->text = w;
    }
    return true;
  }
  expected(p, "a default value");
  return false;
}

static bool bound(Parser *p, AstField *f, TokenKind op, Token *at) {
  Token *t = peek(p);
  if (!is(p, TK_NUMBER)) {
    expected(p, "a number");
    return false;
  }
  next(p);
  Number n = num_split(text(p, t));
  double v;
  const char *why;
  if (n.dollar ? !unit_money(n, &v, &why) : !unit_count(n, &v, &why)) {
    Str s = text(p, t);
    error_at(p, t, "%s, found '%.*s%s'", why, NAMEF(s));
    return false;
  }
  if (!isfinite(v) || fabs(v) > 1e15) {
    error_at(p, t, "number out of range (largest accepted is 1e15)");
    return false;
  }
  Span sp = {at->off, t->off + t->len - at->off};
  if (op == TK_GE || op == TK_GT) {
    f->has_min = true, f->min = v, f->min_excl = op == TK_GT, f->min_span = sp;
  } else {
    f->has_max = true, f->max = v, f->max_excl = op == TK_LT, f->max_span = sp;
  }
  return true;
}

static const char *const modifier_words[] = {"unique", "index", "optional", "pii", "secret", "phi", "pci", "max", "min", "avg",
                                             "readonly", "immutable", "writable", "was", 0};

/* derived = "sum" "(" IDENT "." IDENT [ "*" IDENT ] ")"  (after "=") */
static bool derived(Parser *p, AstField *f, Token *eq) {
  next(p);
  next(p);
  if (!is(p, TK_IDENT) || peek_at(p, 1)->kind != TK_DOT || peek_at(p, 2)->kind != TK_IDENT) {
    expected(p, "Entity.field, as in sum(OrderItem.price * quantity)");
    return false;
  }
  Token *en = next(p);
  next(p);
  Token *fa = next(p);
  f->sum_entity = text(p, en), f->sum_entity_span = span(en);
  f->sum_a = text(p, fa), f->sum_a_span = span(fa);
  if (accept(p, TK_STAR)) {
    if (!is(p, TK_IDENT)) {
      expected(p, "a field of the same entity after '*'");
      return false;
    }
    Token *fb = next(p);
    f->sum_b = text(p, fb), f->sum_b_span = span(fb);
  }
  Token *close = peek(p);
  if (!expect(p, TK_RPAREN, "')' to close sum("))
    return false;
  f->derived = true;
  f->derived_span = (Span){eq->off, close->off + close->len - eq->off};
  return true;
}

/* lifecycle = "{" { IDENT { "," IDENT } "->" IDENT "by" IDENT (";" | "," | NEWLINE) } "}" */
static bool lifecycle(Parser *p, AstField *f) {
  Token *open = next(p);
  if (f->ntrans) {
    error_at(p, open, "a field has one block of transitions");
    return false;
  }
  f->trans_span = span(open);
  AstTransition v[256];
  int n = 0;
  for (;;) {
    while (accept(p, TK_NEWLINE) || accept(p, TK_SEMI) || accept(p, TK_COMMA))
      ;
    if (accept(p, TK_RBRACE))
      break;
    if (is(p, TK_EOF)) {
      int line, col;
      diag_locate(p->d->arena, p->f, open->off, &line, &col);
      error_at(p, peek(p), "expected '}' to close the transitions opened at line %d", line);
      return false;
    }
    Token *from[16];
    int nf = 0;
    for (;;) {
      if (!is(p, TK_IDENT)) {
        expected(p, "a transition such as pending -> paid by system");
        return false;
      }
      if (nf == 16) {
        error_at(p, peek(p), "too many states before '->' (limit is 16)");
        return false;
      }
      from[nf++] = next(p);
      if (!accept(p, TK_COMMA))
        break;
    }
    if (!expect(p, TK_ARROW, "'->' and the next state"))
      return false;
    if (!is(p, TK_IDENT)) {
      expected(p, "the state after '->'");
      return false;
    }
    Token *to = next(p);
    if (!is_word(p, "by")) {
      expected(p, "'by' and who makes the change (system, owner or a role)");
      return false;
    }
    next(p);
    if (!is(p, TK_IDENT)) {
      expected(p, "who makes the change: system, owner or a role");
      return false;
    }
    Token *by = next(p);
    for (int i = 0; i < nf; i++) {
      if (n == 256) {
        error_at(p, from[i], "too many transitions (limit is 256)");
        return false;
      }
      v[n++] = (AstTransition){text(p, from[i]), text(p, to), text(p, by), span(from[i]), span(to), span(by)};
    }
    if (!is(p, TK_RBRACE) && !is(p, TK_NEWLINE) && !is(p, TK_SEMI) && !is(p, TK_COMMA)) {
      expected(p, "';', a new line or '}' after a transition");
      return false;
    }
  }
  if (!n) {
    error_at(p, open, "an empty block of transitions; write them as { pending -> paid by system }");
    return false;
  }
  f->trans = new(p->a, AstTransition, n);
  memcpy(f->trans, v, sizeof(AstTransition) * (size_t)n);
  f->ntrans = n;
  return true;
}

/* field = IDENT type { modifier }
 * type = "->" IDENT ["?"] | "<->" IDENT | TYPENAME ["(" N ")" | enum_values] ["[" "]"] ["?"]
 * modifier = "unique" | "index" | "optional" | "pii" | "secret" | "phi" | "pci"
 *          | "readonly" | "immutable" | "writable" | lifecycle
 *          | "=" (literal | derived) | (">=" | ">" | "<=" | "<") NUMBER | "max" (SIZE|NUMBER) | "min" NUMBER
 *          | "avg" SIZE | "was" IDENT */
/* type = "->" IDENT ["?"] | "<->" IDENT   (t: the arrow, already read) */
static bool relation_type(Parser *p, AstField *f, Token *t) {
  f->rel = t->kind == TK_ARROW ? REL_MANY_TO_ONE : REL_MANY_TO_MANY;
  f->type = FT_REF;
  f->type_span = span(t);
  if (!is(p, TK_IDENT)) {
    expected(p, "an entity name after the arrow");
    return false;
  }
  Token *r = next(p);
  f->ref = text(p, r);
  f->ref_span = span(r);
  if (accept(p, TK_QUESTION)) {
    if (f->rel == REL_MANY_TO_MANY) {
      error_at(p, &p->toks[p->i - 1], "a many-to-many relation cannot be optional: it may simply be empty");
      return false;
    }
    f->optional = true;
  }
  return true;
}

/* type = TYPENAME ["(" N ")" | enum_values] ["[" "]"] ["?"]   (t: the name) */
static bool named_type(Parser *p, AstField *f, Token *t) {
  next(p);
  Str w = text(p, t);
  f->type = type_by_name(w);
  f->type_span = span(t);
  if (!f->type) {
    static const char *const all[] = {"string", "text", "int", "float", "bool", "money", "email", "url", "phone",
                                      "timestamp", "date", "uuid", "json", "blob", "secret", "enum", 0};
    const char *s = suggest(w, all);
    if (s)
      error_at(p, t, "unknown type '%.*s%s'; did you mean '%s'?", NAMEF(w), s);
    else
      error_at(p, t, "unknown type '%.*s%s'; expected a type such as string(100), int or -> Entity", NAMEF(w));
    return false;
  }
  if (f->type == FT_ENUM) {
    if (!enum_values(p, f))
      return false;
  } else if (is(p, TK_LPAREN)) {
    Token *open = next(p);
    if (f->type != FT_STRING) {
      error_at(p, open, "only string takes a length, as in string(100)");
      return false;
    }
    Token *nt = peek(p);
    if (!number_as(p, unit_count, &f->len, NULL, "a length such as 100"))
      return false;
    if (f->len < 1 || f->len != floor(f->len) || f->len > 10485760) {
      error_at(p, nt, "a string length is a whole number from 1 to 10485760");
      return false;
    }
    f->type_span.len = nt->off + nt->len - f->type_span.off;
    if (!expect(p, TK_RPAREN, "')'"))
      return false;
    f->type_span.len++;
  }
  if (accept(p, TK_LBRACK)) {
    if (!expect(p, TK_RBRACK, "']' (an array is written type[])"))
      return false;
    f->array = true;
  }
  if (accept(p, TK_QUESTION))
    f->optional = true;
  if (f->type == FT_SECRET)
    f->tags |= TAG_SECRET;
  return true;
}

/* modifier = "unique" | "index" | "optional" | "pii" | "secret" | "phi" | "pci"
 *          | "readonly" | "immutable" | "writable" | "was" IDENT
 *          | "avg" SIZE | "min" NUMBER | "max" (SIZE|NUMBER)   (m: the word) */
static bool word_modifier(Parser *p, AstField *f, Token *m) {
  next(p);
  Str w = text(p, m);
  if (str_eqc(w, "unique"))
    f->unique = true;
  else if (str_eqc(w, "index"))
    f->indexed = true;
  else if (str_eqc(w, "optional"))
    f->optional = true;
  else if (str_eqc(w, "pii"))
    f->tags |= TAG_PII;
  else if (str_eqc(w, "secret"))
    f->tags |= TAG_SECRET;
  else if (str_eqc(w, "phi"))
    f->tags |= TAG_PHI;
  else if (str_eqc(w, "pci"))
    f->tags |= TAG_PCI;
  else if (str_eqc(w, "readonly") || str_eqc(w, "immutable") || str_eqc(w, "writable")) {
    RoleMark r = str_eqc(w, "readonly") ? ROLE_MARK_READONLY : str_eqc(w, "immutable") ? ROLE_MARK_IMMUTABLE : ROLE_MARK_WRITABLE;
    if (f->role && f->role != r) {
      error_at(p, m, "a field is one of writable, readonly or immutable");
      return false;
    }
    f->role = r, f->role_span = span(m);
  } else if (str_eqc(w, "was")) {
    if (f->was.n) {
      error_at(p, m, "a field has one earlier name");
      return false;
    }
    if (!is(p, TK_IDENT)) {
      expected(p, "the field's earlier name after 'was'");
      return false;
    }
    Token *old = next(p);
    f->was = text(p, old);
    f->was_span = span(old);
  } else if (str_eqc(w, "avg")) {
    if (!number_as(p, unit_size, &f->avg, &f->avg_span, "an average size such as 300B or 2KB"))
      return false;
    f->avg_span = (Span){m->off, f->avg_span.off + f->avg_span.len - m->off};
  } else if (str_eqc(w, "min")) {
    if (!bound(p, f, TK_GE, m))
      return false;
  } else if (str_eqc(w, "max")) {
    if (f->type == FT_BLOB) {
      if (!number_as(p, unit_size, &f->max_size, &f->max_size_span, "a size such as 10MB"))
        return false;
      f->max_size_span = (Span){m->off, f->max_size_span.off + f->max_size_span.len - m->off};
    } else if (f->type == FT_TEXT || f->type == FT_STRING) {
      Token *nt = peek(p);
      if (!number_as(p, unit_count, &f->max_size, NULL, "a length in characters such as 4000"))
        return false;
      f->max_size_span = (Span){m->off, nt->off + nt->len - m->off};
    } else if (!bound(p, f, TK_LE, m))
      return false;
  } else {
    const char *s = suggest(w, modifier_words);
    if (s)
      error_at(p, m, "unknown modifier '%.*s%s'; did you mean '%s'?", NAMEF(w), s);
    else
      error_at(p, m, "unknown modifier '%.*s%s'; expected unique, index, optional, pii, secret, phi, pci, readonly, immutable, writable, = default, a bound, max or was",
               NAMEF(w));
    return false;
  }
  return true;
}

/* One modifier: "=" (literal | derived), a bound, an enum's lifecycle or a
 * word modifier. */
static bool modifier(Parser *p, AstField *f) {
  Token *m = peek(p);
  if (accept(p, TK_EQ)) {
    if (f->def.kind || f->derived) {
      error_at(p, m, "a field has one default");
      return false;
    }
    if (is_word(p, "sum") && peek_at(p, 1)->kind == TK_LPAREN)
      return derived(p, f, m);
    return literal(p, &f->def);
  }
  if (m->kind == TK_GE || m->kind == TK_GT || m->kind == TK_LE || m->kind == TK_LT) {
    next(p);
    return bound(p, f, m->kind, m);
  }
  if (m->kind == TK_LBRACE && f->type == FT_ENUM && !f->array) {
    if (!lifecycle(p, f)) {
      /* Skip the rest of the block so its lines are not read as fields. */
      while (!is(p, TK_EOF) && !is(p, TK_RBRACE))
        next(p);
      accept(p, TK_RBRACE);
      return false;
    }
    return true;
  }
  if (m->kind != TK_IDENT) {
    expected(p, m->kind == TK_LBRACE ? "a modifier (only an enum takes { transitions })" : "a modifier such as unique, = default, >= 0 or max 10MB");
    return false;
  }
  return word_modifier(p, f, m);
}

static AstField *field(Parser *p, Token *name) {
  AstField *f = new(p->a, AstField, 1);
  f->name = text(p, name);
  f->span = span(name);
  Token *t = peek(p);
  if (accept(p, TK_ARROW) || accept(p, TK_BIARROW)) {
    if (!relation_type(p, f, t))
      return NULL;
  } else if (is(p, TK_IDENT)) {
    if (!named_type(p, f, t))
      return NULL;
  } else {
    expected(p, "a type such as string(100), int or -> Entity");
    return NULL;
  }
  while (!end_of_item(p))
    if (!modifier(p, f))
      return NULL;
  return f;
}

/* entity_item = "per" IDENT "~" COUNT | "count" COUNT | "retain" DURATION | "grows" RATE
 *             | "size" SIZE | field */
static void entity_item(Parser *p, AstEntity *e, AstField ***tail) {
  Token *kw = peek(p);
  if (!is(p, TK_IDENT)) {
    expected(p, "a field name, 'per', 'count' or 'retain'");
    return;
  }
  Str w = text(p, kw);
  TokenKind k1 = peek_at(p, 1)->kind, k2 = peek_at(p, 2)->kind;
  if (str_eqc(w, "per") && k1 == TK_IDENT && k2 == TK_NUMBER) {
    error_at(p, peek_at(p, 2), "expected '~' and a count, as in per %.*s%s ~ 50", NAMEF(text(p, peek_at(p, 1))));
    return;
  }
  if (str_eqc(w, "per") && k1 == TK_IDENT && k2 == TK_TILDE) {
    next(p);
    Token *par = next(p);
    next(p);
    if (e->has_per) {
      int line, col;
      diag_locate(p->d->arena, p->f, e->per_span.off, &line, &col);
      error_at(p, kw, "'per' is already given at line %d", line);
      return;
    }
    Token *nt = peek(p);
    if (!number_as(p, unit_count, &e->per_n, NULL, "a count such as 50 or 0.2"))
      return;
    e->per = text(p, par);
    e->per_name_span = span(par);
    e->per_span = (Span){kw->off, nt->off + nt->len - kw->off};
    e->has_per = true;
    return;
  }
  if (str_eqc(w, "grows") && k1 == TK_NUMBER) {
    next(p);
    if (set_once(p, &e->grows, kw) && rate(p, &e->grows.v, &e->grows.span, &e->grows.monthly)) {
      e->grows.span = (Span){kw->off, e->grows.span.off + e->grows.span.len - kw->off};
      e->grows.set = true;
    }
    return;
  }
  if ((str_eqc(w, "count") || str_eqc(w, "retain") || str_eqc(w, "size")) && k1 == TK_NUMBER) {
    next(p);
    Fig *f = str_eqc(w, "count") ? &e->count : str_eqc(w, "size") ? &e->size : &e->retain;
    if (!set_once(p, f, kw))
      return;
    bool ok = f == &e->count  ? number_as(p, unit_count, &f->v, &f->span, "a row count such as 1000")
              : f == &e->size ? number_as(p, unit_size, &f->v, &f->span, "an average row size such as 50B or 10KB")
                              : duration(p, &f->v, &f->span);
    if (ok) {
      f->span = (Span){kw->off, f->span.off + f->span.len - kw->off};
      f->set = true;
    }
    return;
  }
  next(p);
  AstField *f = field(p, kw);
  if (!f)
    return;
  if (e->nfields >= MAX_FIELDS) {
    error_at(p, kw, "too many fields in one entity (limit is %d)", MAX_FIELDS);
    return;
  }
  for (AstField *o = e->fields; o; o = o->next)
    if (str_eq(o->name, f->name)) {
      int line, col;
      diag_locate(p->d->arena, p->f, o->span.off, &line, &col);
      error_span(p, f->span, "duplicate field '%.*s%s'; the first is at line %d", NAMEF(f->name), line);
      return;
    }
  **tail = f;
  *tail = &f->next;
  e->nfields++;
}

/* entity = "entity" IDENT ["was" IDENT] "{" { entity_item NEWLINE } "}" */
static AstEntity *entity(Parser *p, Token *kw) {
  if (!is(p, TK_IDENT)) {
    expected(p, "an entity name");
    sync_top(p);
    return NULL;
  }
  Token *name = next(p);
  AstEntity *e = new(p->a, AstEntity, 1);
  e->name = text(p, name);
  e->span = span(name);
  if (is_word(p, "was")) {
    next(p);
    if (!is(p, TK_IDENT)) {
      expected(p, "the entity's earlier name after 'was'");
      sync_top(p);
      return e;
    }
    Token *old = next(p);
    e->was = text(p, old);
    e->was_span = span(old);
  }
  if (!expect(p, TK_LBRACE, "'{' to open the entity")) {
    sync_top(p);
    return e;
  }
  AstField **tail = &e->fields;
  for (;;) {
    skip_newlines(p);
    if (p->d->stop || accept(p, TK_RBRACE))
      return e;
    if (is(p, TK_EOF) || starts_decl(p)) {
      unclosed(p, kw, "'entity'");
      return e;
    }
    int before = p->d->errors;
    entity_item(p, e, &tail);
    if (p->d->errors == before && !end_of_item(p))
      expected(p, "end of line");
    sync_item(p, false);
  }
}

/* ---- features ---- */

static const OptSpec *find_opt(const OptSpec *opts, Str w) {
  for (; opts->name; opts++)
    if (str_eqc(w, opts->name))
      return opts;
  return NULL;
}

static bool word_allowed(const OptSpec *o, Str w) {
  if (!o->words)
    return true;
  for (const char *const *x = o->words; *x; x++)
    if (str_eqc(w, *x))
      return true;
  return false;
}

static void list_words(char *buf, size_t size, const char *const *ws) {
  size_t n = 0;
  buf[0] = 0;
  for (int i = 0; ws[i] && n + 1 < size; i++)
    n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? (ws[i + 1] ? ", " : " or ") : "", ws[i]);
}

/* Reads one option's values according to its arity. */
static bool option_args(Parser *p, const FeatureSpec *fs, AstOption *o) {
  OptArg tmp[MAX_LIST];
  int n = 0;
  const OptSpec *s = o->spec;
  for (;;) {
    if (is(p, TK_COMMA) && n) {
      next(p);
      continue;
    }
    Token *t = peek(p);
    bool more;
    switch (s->arity) {
    case OA_FLAG:
      more = false;
      break;
    case OA_WORD:
    case OA_FIELD:
      more = n == 0;
      break;
    case OA_OPT_WORD:
      more = n == 0 && t->kind == TK_IDENT && word_allowed(s, text(p, t)) && !find_opt(fs->opts, text(p, t));
      break;
    case OA_WORDS:
    case OA_FIELDS:
      if (n == 0 && t->kind == TK_IDENT && find_opt(fs->opts, text(p, t))) {
        error_at(p, t, "'%s' needs at least one %s before the next option '%.*s%s'", s->name,
                 s->arity == OA_FIELDS ? "field" : "value", NAMEF(text(p, t)));
        return false;
      }
      more = n == 0 || (t->kind == TK_IDENT && !find_opt(fs->opts, text(p, t)));
      break;
    case OA_DURATIONS:
      more = n == 0 || t->kind == TK_NUMBER;
      break;
    default:
      more = n == 0;
      break;
    }
    if (!more)
      break;
    if (n == MAX_LIST) {
      error_at(p, t, "too many values (limit is %d)", MAX_LIST);
      return false;
    }
    OptArg *a = &tmp[n];
    switch (s->arity) {
    case OA_WORD:
    case OA_OPT_WORD:
    case OA_WORDS:
    case OA_FIELD:
    case OA_FIELDS: {
      bool fields = s->arity == OA_FIELD || s->arity == OA_FIELDS;
      if (t->kind != TK_IDENT) {
        char b[160];
        snprintf(b, sizeof b, "%s after '%s'", fields ? "a field name" : "a word", s->name);
        expected(p, b);
        return false;
      }
      next(p);
      a->text = text(p, t);
      a->span = span(t);
      if (!word_allowed(s, a->text)) {
        char b[400];
        list_words(b, sizeof b, s->words);
        const char *sg = suggest(a->text, s->words);
        if (sg)
          error_at(p, t, "unknown value '%.*s%s' for '%s'; did you mean '%s'?", NAMEF(a->text), s->name, sg);
        else
          error_at(p, t, "unknown value '%.*s%s' for '%s'; expected %s", NAMEF(a->text), s->name, b);
        return false;
      }
      break;
    }
    case OA_DURATION:
    case OA_DURATIONS:
      if (!duration(p, &a->num, &a->span))
        return false;
      break;
    case OA_COUNT:
      if (!number_as(p, unit_count, &a->num, &a->span, "a count"))
        return false;
      break;
    case OA_SIZE:
      if (!number_as(p, unit_size, &a->num, &a->span, "a size such as 10MB"))
        return false;
      break;
    case OA_DISTANCE:
    case OA_MONEY: {
      bool money = s->arity == OA_MONEY;
      if (!number_as(p, money ? unit_money : unit_distance, &a->num, &a->span,
                     money ? "an amount such as $40" : "a distance such as 500m or 5km"))
        return false;
      if (a->num <= 0) {
        error_span(p, a->span, money ? "an amount charged must be positive" : "a distance must be positive");
        return false;
      }
      break;
    }
    case OA_RATE:
      if (!rate(p, &a->num, &a->span, NULL))
        return false;
      break;
    case OA_FLAG:
      break;
    }
    n++;
  }
  if (n) {
    o->args = new(p->a, OptArg, n);
    memcpy(o->args, tmp, sizeof(OptArg) * (size_t)n);
    o->nargs = n;
  }
  return true;
}

/* options = "{" { IDENT args } "}"  (separated by spaces, newlines, ';' or ',')
 * Returns false when the block was left unclosed (already reported). */
static bool options(Parser *p, AstFeature *f) {
  const FeatureSpec *fs = &feature_specs[f->kind];
  Token *open = peek(p);
  if (!accept(p, TK_LBRACE))
    return true;
  AstOption **tail = &f->opts;
  for (;;) {
    while (is(p, TK_NEWLINE) || is(p, TK_SEMI) || is(p, TK_COMMA))
      next(p);
    if (p->d->stop || accept(p, TK_RBRACE))
      return true;
    if (is(p, TK_EOF) || starts_decl_loose(p)) {
      unclosed(p, open, "the option block");
      return false;
    }
    Token *t = peek(p);
    const OptSpec *s = t->kind == TK_IDENT ? find_opt(fs->opts, text(p, t)) : NULL;
    if (!s) {
      if (t->kind == TK_IDENT) {
        Str w = text(p, t);
        const char *names[64];
        int k = 0;
        for (const OptSpec *o = fs->opts; o->name && k < 63; o++)
          names[k++] = o->name;
        names[k] = 0;
        const char *sg = suggest(w, names);
        char b[400];
        list_words(b, sizeof b, names);
        if (sg)
          error_at(p, t, "unknown option '%.*s%s' for %s; did you mean '%s'?", NAMEF(w), fs->name, sg);
        else
          error_at(p, t, "unknown option '%.*s%s' for %s; expected %s", NAMEF(w), fs->name, b);
      } else
        expected(p, "an option name");
      /* Resume at the next option name, line or '}'. */
      next(p);
      while (!is(p, TK_RBRACE) && !is(p, TK_EOF) && !is(p, TK_NEWLINE) && !starts_decl_loose(p) &&
             !(is(p, TK_IDENT) && find_opt(fs->opts, text(p, peek(p)))))
        next(p);
      continue;
    }
    next(p);
    for (AstOption *o = f->opts; o; o = o->next)
      if (o->spec == s) {
        error_at(p, t, "option '%s' is given twice", s->name);
        break;
      }
    AstOption *o = new(p->a, AstOption, 1);
    o->spec = s;
    o->span = span(t);
    if (!option_args(p, fs, o)) {
      while (!is(p, TK_RBRACE) && !is(p, TK_EOF) && !is(p, TK_NEWLINE) &&
             !(is(p, TK_IDENT) && find_opt(fs->opts, text(p, peek(p)))))
        next(p);
      continue;
    }
    *tail = o;
    tail = &o->next;
  }
}

/* target = IDENT ["." IDENT] */
static bool target(Parser *p, AstFeature *f, bool need_field, const char *what) {
  if (!is(p, TK_IDENT)) {
    expected(p, what);
    return false;
  }
  Token *t = next(p);
  f->entity = text(p, t);
  f->entity_span = span(t);
  if (accept(p, TK_DOT)) {
    if (!is(p, TK_IDENT)) {
      expected(p, "a field name after '.'");
      return false;
    }
    Token *ft = next(p);
    f->field = text(p, ft);
    f->field_span = span(ft);
    /* E.rel.f: relations followed to the field (notify before) */
    while (need_field && accept(p, TK_DOT)) {
      if (!is(p, TK_IDENT)) {
        expected(p, "a field name after '.'");
        return false;
      }
      if (f->nvia == 4) {
        error_at(p, peek(p), "a path follows at most 4 relations");
        return false;
      }
      f->via[f->nvia] = f->field;
      f->via_span[f->nvia++] = f->field_span;
      ft = next(p);
      f->field = text(p, ft);
      f->field_span = span(ft);
    }
  } else if (need_field) {
    expected(p, "'.' and a field, as in Attachment.file");
    return false;
  }
  return true;
}

static const char *const channels[] = {"email", "sms", "push", "webhook", "in-app", "slack", 0};
static const char *const periods[] = {"hourly", "daily", "weekly", "monthly", 0};

/* integration = "integration" NAME [options] */
static bool integration_name(Parser *p, AstFeature *f) {
  f->kind = FK_INTEGRATION;
  if (!is(p, TK_IDENT)) {
    expected(p, "the service's name, as in integration stripe");
    return false;
  }
  Token *t = next(p);
  f->name = text(p, t);
  f->name_span = span(t);
  return true;
}

/* KIND = auth | crud | search | ... | rate-limit, or one of their aliases */
static bool feature_kind(Parser *p, AstFeature *f) {
  if (!is(p, TK_IDENT)) {
    expected(p, "a feature kind such as auth, crud or upload");
    return false;
  }
  Token *t = next(p);
  Str w = text(p, t);
  int k = -1;
  const char *names[FK_COUNT_];
  for (int i = 0; i < FK_INTEGRATION; i++) {
    names[i] = feature_specs[i].name;
    if (str_eqc(w, names[i]))
      k = i;
  }
  names[FK_INTEGRATION] = 0;
  for (int i = 0; k < 0 && feature_aliases[i].name; i++)
    if (str_eqc(w, feature_aliases[i].name))
      k = (int)feature_aliases[i].kind;
  if (k < 0) {
    const char *s = suggest(w, names);
    if (s)
      error_at(p, t, "unknown feature '%.*s%s'; did you mean '%s'?", NAMEF(w), s);
    else
      error_at(p, t,
               "unknown feature '%.*s%s'; expected auth, crud, search, upload, notify, realtime, history, "
               "ingest, query, report, dashboard, feed, presence, chat, nearby, crawl, shortlink, leaderboard, "
               "counter, media or rate-limit",
               NAMEF(w));
    return false;
  }
  f->kind = (FeatureKind)k;
  f->span = span(t);
  return true;
}

/* report header = NAME [PERIOD]   (PERIOD = hourly | daily | weekly | monthly) */
static bool report_header(Parser *p, AstFeature *f) {
  if (!is(p, TK_IDENT)) {
    expected(p, "the report's name, as in report sales daily");
    return false;
  }
  Token *n = next(p);
  f->name = text(p, n);
  f->name_span = span(n);
  if (is(p, TK_IDENT)) {
    Token *pt = next(p);
    f->period = text(p, pt);
    f->period_span = span(pt);
    bool ok = false;
    for (int i = 0; periods[i]; i++)
      ok |= str_eqc(f->period, periods[i]);
    if (!ok) {
      error_at(p, pt, "unknown report period '%.*s%s'; expected hourly, daily, weekly or monthly",
               NAMEF(f->period));
      return false;
    }
  }
  return true;
}

/* notify header = CHANNEL ("on" E ["." f] | "before" E ("." rel)* "." f DURATION
 *               | "every" DURATION) */
static bool notify_header(Parser *p, AstFeature *f) {
  if (!is(p, TK_IDENT)) {
    expected(p, "a channel: email, sms, push, webhook, in-app or slack");
    return false;
  }
  Token *c = next(p);
  f->name = text(p, c);
  f->name_span = span(c);
  bool ok = false;
  for (int i = 0; channels[i]; i++)
    ok |= str_eqc(f->name, channels[i]);
  if (!ok) {
    const char *s = suggest(f->name, channels);
    if (s)
      error_at(p, c, "unknown channel '%.*s%s'; did you mean '%s'?", NAMEF(f->name), s);
    else
      error_at(p, c, "unknown channel '%.*s%s'; expected email, sms, push, webhook, in-app or slack",
               NAMEF(f->name));
    return false;
  }
  if (is_word(p, "on")) {
    next(p);
    f->trigger = TRIG_ON;
    if (!target(p, f, false, "the entity whose changes trigger it, as in on Order.status"))
      return false;
  } else if (is_word(p, "before")) {
    next(p);
    f->trigger = TRIG_BEFORE;
    if (!target(p, f, true, "a date field, as in before Task.due 1h") || !duration(p, &f->lead, &f->lead_span))
      return false;
  } else if (is_word(p, "every")) {
    next(p);
    f->trigger = TRIG_EVERY;
    if (!duration(p, &f->lead, &f->lead_span))
      return false;
  } else {
    expected(p, "'on', 'before' or 'every'");
    return false;
  }
  return true;
}

/* The header after the kind: nothing for auth, the field for upload, a
 * report's name, a notification's channel and trigger, else the entity. */
static bool feature_header(Parser *p, AstFeature *f) {
  switch (f->kind) {
  case FK_AUTH:
    break;
  case FK_RATELIMIT:
    /* the whole API, or one entity's endpoints */
    if (is(p, TK_IDENT) && !target(p, f, false, "the entity it applies to"))
      return false;
    if (f->field.n) {
      error_span(p, f->field_span, "rate-limit applies to a whole entity, not a field");
      return false;
    }
    break;
  case FK_UPLOAD:
    if (!target(p, f, true, "the blob field to upload, as in Attachment.file"))
      return false;
    break;
  case FK_REPORT:
    return report_header(p, f);
  case FK_NOTIFY:
    return notify_header(p, f);
  default:
    if (!target(p, f, false, "the entity it applies to"))
      return false;
    if (f->field.n) {
      error_span(p, f->field_span, "%s applies to a whole entity, not a field", feature_specs[f->kind].name);
      return false;
    }
    break;
  }
  return true;
}

/* feature = "feature" KIND header [options]
 * header: auth: nothing | upload: E "." f | report: NAME [PERIOD]
 *       | notify: CHANNEL ("on" E ["." f] | "before" E ("." rel)* "." f DURATION | "every" DURATION)
 *       | others: E */
static AstFeature *feature(Parser *p, Token *kw, bool integration) {
  AstFeature *f = new(p->a, AstFeature, 1);
  f->span = span(kw);
  if (integration) {
    if (!integration_name(p, f))
      return NULL;
  } else if (!feature_kind(p, f) || !feature_header(p, f))
    return NULL;
  if (is(p, TK_LBRACE) && !options(p, f))
    return f; /* unclosed: reported, and the next declaration starts here */
  if (!end_of_item(p)) {
    expected(p, "'{' or the end of the line");
    return NULL;
  }
  return f;
}

/* file = { NEWLINE | project | entity | feature | integration } EOF */
Ast *parse_spec(Arena *a, const SourceFile *f, DiagSink *sink) {
  Parser p = {.a = a, .f = f, .d = sink};
  p.ast = new(a, Ast, 1);
  if (f->text.n > SPEC_MAX_BYTES) {
    diag_at(sink, f, SEV_ERROR, 0, 0, "input is too large (%td bytes; the limit is %d MiB)", f->text.n,
            SPEC_MAX_BYTES >> 20);
    return p.ast;
  }
  /* The tokens are only the parser's: in their own arena, gone after it. */
  Arena toks = arena_make((ptrdiff_t)sizeof(Token) * (f->text.n + 2) + 4096);
  p.toks = lex_all(&toks, f, sink, &p.ntoks);
  if (sink->errors) {
    p.lex_bad = new(a, unsigned char, f->nlines ? f->nlines : 1);
    for (ptrdiff_t i = 0; i < p.ntoks; i++)
      if (p.toks[i].kind >= TK_BAD_CHAR) {
        int line, col;
        diag_locate(sink->arena, f, p.toks[i].off, &line, &col);
        p.lex_bad[line - 1] = 1;
      }
  }
  AstEntity **etail = &p.ast->entities;
  AstFeature **ftail = &p.ast->features;
  for (;;) {
    skip_newlines(&p);
    if (is(&p, TK_EOF) || sink->stop)
      break;
    Token *kw = peek(&p);
    if (kw->kind != TK_IDENT) {
      if (kw->kind < TK_BAD_CHAR) {
        char b[128];
        error_at(&p, kw, "expected 'project', 'entity', 'feature' or 'integration', found %s",
                 found(&p, kw, b, sizeof b));
      }
      sync_top(&p);
      continue;
    }
    next(&p);
    Str w = text(&p, kw);
    if (str_eqc(w, "project")) {
      project(&p, kw);
    } else if (str_eqc(w, "entity")) {
      if (p.ast->nentities >= MAX_ENTITIES) {
        error_at(&p, kw, "too many entities (limit is %d)", MAX_ENTITIES);
        break;
      }
      AstEntity *e = entity(&p, kw);
      if (e) {
        *etail = e;
        etail = &e->next;
        p.ast->nentities++;
      }
    } else if (str_eqc(w, "feature") || str_eqc(w, "integration")) {
      AstFeature *ft = feature(&p, kw, str_eqc(w, "integration"));
      if (ft) {
        *ftail = ft;
        ftail = &ft->next;
        p.ast->nfeatures++;
      } else {
        /* Stay on a '{' line only if the error left us inside the block. */
        sync_item(&p, true);
        if (is(&p, TK_RBRACE))
          next(&p);
      }
    } else {
      const char *s = suggest(w, top_words);
      if (s)
        error_at(&p, kw, "unknown declaration '%.*s%s'; did you mean '%s'?", NAMEF(w), s);
      else
        error_at(&p, kw, "expected 'project', 'entity', 'feature' or 'integration', found '%.*s%s'", NAMEF(w));
      sync_top(&p);
    }
  }
  arena_free(&toks);
  return p.ast;
}
