/* Knowledge-base parser (see kb.h): kb_parse turns one file into generic
 * records (kind, id, items of values) and reports syntax errors; kb.c
 * checks them against their kind's schema and builds the typed views. */
#define _DEFAULT_SOURCE
#include "kb.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../spec/lex.h"
#include "../spec/units.h"

#define ERR(sink, f, sp, ...) diag_at((sink), (f), SEV_ERROR, (sp).off, (sp).len ? (sp).len : 1, __VA_ARGS__)

/* ---- parsing ---- */

typedef struct {
  Arena *a;
  const SourceFile *f;
  DiagSink *d;
  Token *t;
  ptrdiff_t i, n;
  struct KbItemScratch *scratch; /* one record's items before they are copied */
} P;

static Token *pk(P *p) { return &p->t[p->i]; }
static Token *nx(P *p) {
  Token *t = &p->t[p->i];
  if (t->kind != TK_EOF)
    p->i++;
  return t;
}
static Str tx(P *p, const Token *t) { return (Str){p->f->text.p + t->off, t->len}; }
static Span sp(const Token *t) { return (Span){t->off, t->len}; }

static void skip_line(P *p) {
  while (pk(p)->kind != TK_NEWLINE && pk(p)->kind != TK_EOF && pk(p)->kind != TK_RBRACE)
    nx(p);
}

static Str unquote(P *p, const Token *t) {
  Str s = tx(p, t);
  char *o = new(p->a, char, s.n);
  ptrdiff_t n = 0;
  for (ptrdiff_t i = 1; i + 1 < s.n; i++) {
    if (s.p[i] == '\\' && i + 2 < s.n)
      i++;
    o[n++] = s.p[i];
  }
  return (Str){o, n};
}

enum { MAX_VALS = 256, MAX_ITEMS = 1024 };

struct KbItemScratch {
  KbItem items[MAX_ITEMS];
};

/* item = IDENT { IDENT | NUMBER | STRING | "/" } ["source" STRING] ["date" STRING] */
static bool item(P *p, KbItem *it) {
  Token *k = nx(p);
  it->key = tx(p, k);
  it->span = sp(k);
  KbVal vals[MAX_VALS];
  int n = 0;
  while (pk(p)->kind != TK_NEWLINE && pk(p)->kind != TK_SEMI && pk(p)->kind != TK_EOF && pk(p)->kind != TK_RBRACE) {
    Token *t = nx(p);
    Str w = tx(p, t);
    if (t->kind == TK_COMMA || t->kind == TK_GT)
      continue;
    if (t->kind == TK_IDENT && (str_eqc(w, "source") || str_eqc(w, "date"))) {
      Token *s = pk(p);
      if (s->kind != TK_STRING) {
        ERR(p->d, p->f, sp(s), "expected a quoted string after '%.*s'", STRF(w));
        skip_line(p);
        return false;
      }
      nx(p);
      if (str_eqc(w, "source")) {
        it->source = unquote(p, s);
        it->source_span = sp(s);
      } else {
        it->date = unquote(p, s);
        it->date_span = sp(s);
      }
      continue;
    }
    if (n == MAX_VALS) {
      ERR(p->d, p->f, sp(t), "too many values in one item (limit is %d)", MAX_VALS);
      skip_line(p);
      return false;
    }
    KbVal *v = &vals[n++];
    v->span = sp(t);
    switch (t->kind) {
    case TK_IDENT:
      v->kind = KV_WORD;
      v->text = w;
      break;
    case TK_STRING:
      v->kind = KV_STRING;
      v->text = unquote(p, t);
      break;
    case TK_NUMBER: {
      Number num = num_split(w);
      v->kind = KV_NUMBER;
      v->text = w;
      v->num = num.value;
      v->unit = num.unit;
      v->dollar = num.dollar;
      break;
    }
    case TK_SLASH:
      v->kind = KV_SLASH;
      v->text = w;
      break;
    default:
      if (t->kind < TK_BAD_CHAR)
        ERR(p->d, p->f, sp(t), "unexpected %s in a knowledge-base item", lex_kind_name(t->kind));
      skip_line(p);
      return false;
    }
  }
  it->vals = new(p->a, KbVal, n);
  if (n)
    memcpy(it->vals, vals, sizeof(KbVal) * (size_t)n);
  it->nvals = n;
  return true;
}

/* Does a record start here: a name, an id and '{' at the start of a line? */
static bool starts_record(P *p) {
  return pk(p)->kind == TK_IDENT && (p->i == 0 || p->t[p->i - 1].kind == TK_NEWLINE) &&
         p->i + 2 < p->n && p->t[p->i + 1].kind == TK_IDENT && p->t[p->i + 2].kind == TK_LBRACE;
}

/* Skips to the next record after a broken header: one error, not one a line. */
static void sync_record(P *p) {
  while (pk(p)->kind != TK_EOF) {
    nx(p);
    if (starts_record(p))
      return;
  }
}

/* record = IDENT IDENT "{" { item NEWLINE } "}" */
static void record(P *p, Kb *kb, KbRecord *r) {
  Token *k = nx(p);
  r->kind = tx(p, k);
  r->kindid = kb_kind(r->kind);
  r->span = sp(k);
  r->kind_span = sp(k);
  r->layer = kb->layer;
  r->file = p->f;
  if (pk(p)->kind != TK_IDENT) {
    ERR(p->d, p->f, sp(pk(p)), "expected an id after '%.*s'", STRF(r->kind));
    sync_record(p);
    return;
  }
  Token *id = nx(p);
  r->id = tx(p, id);
  r->span = sp(id);
  if (pk(p)->kind != TK_LBRACE) {
    ERR(p->d, p->f, sp(pk(p)), "expected '{' after '%.*s %.*s'", STRF(r->kind), STRF(r->id));
    sync_record(p);
    return;
  }
  nx(p);
  KbItem *items = p->scratch->items;
  int n = 0;
  for (;;) {
    while (pk(p)->kind == TK_NEWLINE || pk(p)->kind == TK_SEMI)
      nx(p);
    if (p->d->stop)
      return;
    if (pk(p)->kind == TK_RBRACE) {
      nx(p);
      break;
    }
    if (pk(p)->kind == TK_EOF || starts_record(p)) {
      int line, col;
      diag_locate(p->d->arena, p->f, k->off, &line, &col);
      char found[96];
      if (pk(p)->kind == TK_EOF)
        snprintf(found, sizeof found, "end of file");
      else
        snprintf(found, sizeof found, "'%.*s'", STRF(tx(p, pk(p))));
      ERR(p->d, p->f, sp(pk(p)), "expected '}' to close '%.*s %.*s' at line %d, found %s", STRF(r->kind), STRF(r->id),
          line, found);
      break;
    }
    if (pk(p)->kind != TK_IDENT) {
      if (pk(p)->kind < TK_BAD_CHAR)
        ERR(p->d, p->f, sp(pk(p)), "expected an item name, found %s", lex_kind_name(pk(p)->kind));
      nx(p);
      skip_line(p);
      continue;
    }
    if (n == MAX_ITEMS) {
      ERR(p->d, p->f, sp(pk(p)), "too many items in one record (limit is %d)", MAX_ITEMS);
      skip_line(p);
      continue;
    }
    items[n] = (KbItem){0};
    if (item(p, &items[n]))
      n++;
  }
  r->items = new(p->a, KbItem, n);
  if (n)
    memcpy(r->items, items, sizeof(KbItem) * (size_t)n);
  r->nitems = n;
  kb->nrecs++;
}

void kb_parse(Arena *a, Kb *kb, const SourceFile *f, DiagSink *sink) {
  P p = {.a = a, .f = f, .d = sink};
  /* One scratch record for the whole knowledge base, made on first use. */
  if (!kb->scratch)
    kb->scratch = new(a, struct KbItemScratch, 1);
  p.scratch = kb->scratch;
  p.t = lex_all(a, f, sink, &p.n);
  /* Records are kept in one growing array: count first, and double when
   * short, so a folder of many small files is not copied once a file. */
  ptrdiff_t need = kb->nrecs + 1;
  for (ptrdiff_t i = 0; i < p.n; i++)
    need += p.t[i].kind == TK_LBRACE;
  if (need > kb->rec_cap) {
    ptrdiff_t cap = need > 2 * (ptrdiff_t)kb->rec_cap ? need : 2 * (ptrdiff_t)kb->rec_cap;
    KbRecord *recs = new(a, KbRecord, cap);
    if (kb->nrecs)
      memcpy(recs, kb->recs, sizeof(KbRecord) * (size_t)kb->nrecs);
    kb->recs = recs;
    kb->rec_cap = (int)cap;
  }
  for (;;) {
    while (pk(&p)->kind == TK_NEWLINE || pk(&p)->kind == TK_SEMI)
      nx(&p);
    if (pk(&p)->kind == TK_EOF || sink->stop)
      return;
    if (pk(&p)->kind != TK_IDENT) {
      if (pk(&p)->kind < TK_BAD_CHAR)
        ERR(sink, f, sp(pk(&p)), "expected a record such as 'tech ID {', found %s", lex_kind_name(pk(&p)->kind));
      while (pk(&p)->kind != TK_EOF && !(pk(&p)->kind == TK_IDENT && p.i > 0 && p.t[p.i - 1].kind == TK_NEWLINE))
        nx(&p);
      continue;
    }
    record(&p, kb, &kb->recs[kb->nrecs]);
  }
}
