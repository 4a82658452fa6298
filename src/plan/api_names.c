/* The physical names every contract artifact shares (see Api in api.h).
 *
 * Names. A spec allows identifiers that no target accepts as they are
 * (`Café`, `cart-item`, `order`, 70-byte names, `User` beside `user`), so
 * each entity and field gets, once, a name per target:
 *   type    ASCII, a capital first ([A-Za-z0-9_]; `-` becomes `_`, a byte
 *           of a non-ASCII character `x` and two hex digits), unique with
 *           its Create/Update/Page variants;
 *   plural  the type in kebab case, pluralised: the path segment;
 *   table   the spec's name, quoted by the SQL emitter; unique ignoring
 *           ASCII case (SQLite folds it) and at most 63 bytes (PostgreSQL
 *           cuts longer names): longer ones keep 54 bytes and add `_` and
 *           8 hex digits of a hash of the whole name;
 *   column  the same rules within a table, beside id and the timestamps.
 * Every clash is settled in declaration order with `_2`, `_3`, ..., so the
 * same spec always gives the same names. Tables, indexes and full-text
 * tables share one namespace, as relations do in PostgreSQL. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../util/fmt.h"
#include "../util/json.h"
#include "api.h"
#include "apiint.h"
#include "core.h"
#include "docfacts.h"
#include "explain.h"

/* ---- a set of names (open addressing, in the arena) ---- */

char names_lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }

static uint64_t hash_name(Str s, bool fold) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (ptrdiff_t i = 0; i < s.n; i++) {
    h ^= (unsigned char)(fold ? names_lower(s.p[i]) : s.p[i]);
    h *= 0x100000001b3ull;
  }
  return h;
}

static bool same(Str a, Str b, bool fold) {
  if (a.n != b.n)
    return false;
  for (ptrdiff_t i = 0; i < a.n; i++)
    if (fold ? names_lower(a.p[i]) != names_lower(b.p[i]) : a.p[i] != b.p[i])
      return false;
  return true;
}

static bool set_has(const NameSet *s, Str k) {
  if (!s->cap)
    return false;
  for (uint64_t i = hash_name(k, s->fold) & (uint64_t)(s->cap - 1);; i = (i + 1) & (uint64_t)(s->cap - 1)) {
    if (!s->keys[i].p)
      return false;
    if (same(s->keys[i], k, s->fold))
      return true;
  }
}

void names_put(Arena *a, NameSet *s, Str k) {
  if (2 * (s->n + 1) > s->cap) {
    /* Small to start: most sets hold one entity's few names. */
    int cap = s->cap ? 2 * s->cap : 16;
    NameSet t = {new(s->table ? s->table : a, Str, cap), 0, cap, s->fold, s->table};
    for (int i = 0; i < s->cap; i++)
      if (s->keys[i].p)
        names_put(a, &t, s->keys[i]);
    *s = t;
  }
  uint64_t i = hash_name(k, s->fold) & (uint64_t)(s->cap - 1);
  while (s->keys[i].p)
    i = (i + 1) & (uint64_t)(s->cap - 1);
  s->keys[i] = k;
  s->n++;
}

/* At most `max` bytes: longer names keep a prefix cut at a character
 * boundary and add `_` and 8 hex digits of a hash of the whole name. */
static Str shorten(Arena *a, Str s, ptrdiff_t max) {
  if (s.n <= max)
    return s;
  ptrdiff_t cut = max - 9;
  while (cut > 0 && ((unsigned char)s.p[cut] & 0xC0) == 0x80)
    cut--;
  return str_printf(a, "%.*s_%08x", (int)cut, s.p, (unsigned)(hash_name(s, false) & 0xffffffffu));
}

/* `base` (shortened to `max`), or base_2, base_3, ... if taken; recorded. */
Str names_claim(Arena *a, NameSet *s, Str base, ptrdiff_t max) {
  Str c = shorten(a, base, max);
  for (int k = 2; set_has(s, c); k++)
    c = shorten(a, str_printf(a, "%.*s_%d", STRF(base), k), max);
  names_put(a, s, c);
  return c;
}

/* ---- identifiers for code and paths ---- */

static bool alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

/* ASCII letters, digits and `_`; `-` as `_`; other bytes as x and hex. */
Str names_ascii(Arena *a, Str s) {
  static const char hex[] = "0123456789abcdef";
  char *o = new(a, char, s.n * 3 + 2);
  ptrdiff_t n = 0;
  for (ptrdiff_t i = 0; i < s.n; i++) {
    unsigned char c = (unsigned char)s.p[i];
    if (alnum((char)c) || c == '_')
      o[n++] = (char)c;
    else if (c == '-')
      o[n++] = '_';
    else {
      o[n++] = 'x';
      o[n++] = hex[c >> 4];
      o[n++] = hex[c & 15];
    }
  }
  return (Str){o, n};
}

static Str type_name(Arena *a, Str name) {
  Str s = names_ascii(a, name);
  char *o = (char *)s.p;
  if (o[0] >= 'a' && o[0] <= 'z')
    o[0] = (char)(o[0] - 32);
  else if (!(o[0] >= 'A' && o[0] <= 'Z'))
    return str_printf(a, "T%.*s", STRF(s));
  return s;
}

/* Kebab case of an ASCII type name: CartItem -> cart-item. */
Str names_kebab(Arena *a, Str s) {
  char *o = new(a, char, s.n * 2 + 1);
  ptrdiff_t n = 0;
  for (ptrdiff_t i = 0; i < s.n; i++) {
    char c = s.p[i];
    bool up = c >= 'A' && c <= 'Z';
    if (up && i > 0 && n > 0 && o[n - 1] != '-' && (names_lower(s.p[i - 1]) == s.p[i - 1] && s.p[i - 1] != '_'))
      o[n++] = '-';
    if (c == '_') {
      if (n > 0 && o[n - 1] != '-')
        o[n++] = '-';
    } else
      o[n++] = names_lower(c);
  }
  while (n > 1 && o[n - 1] == '-')
    n--;
  return (Str){o, n};
}

/* The plural of a kebab-case name: its last word as kb `vocab plurals`
 * spells it (person -> people, quiz -> quizzes), else by the regular
 * rules (-s, -x, -z, -ch, -sh take -es; a consonant and -y take -ies). */
Str names_plural(Arena *a, const Kb *kb, Str s) {
  ptrdiff_t w = s.n;
  while (w > 0 && s.p[w - 1] != '-')
    w--;
  const KbRecord *r = kb_record(kb, "vocab", S("plurals"));
  for (int i = 0; r && i < r->nitems; i++)
    if (r->items[i].nvals && str_ieq(r->items[i].key, (Str){s.p + w, s.n - w}))
      return str_printf(a, "%.*s%.*s", (int)w, s.p, STRF(r->items[i].vals[0].text));
  char l = s.n ? s.p[s.n - 1] : 0, l2 = s.n > 1 ? s.p[s.n - 2] : 0;
  if (l == 's' || l == 'x' || l == 'z' || (l == 'h' && (l2 == 'c' || l2 == 's')))
    return str_printf(a, "%.*ses", STRF(s));
  if (l == 'y' && l2 && !strchr("aeiou", l2))
    return str_printf(a, "%.*sies", (int)(s.n - 1), s.p);
  return str_printf(a, "%.*ss", STRF(s));
}

/* Go: exported CamelCase. */
Str names_go(Arena *a, Str name) {
  Str s = names_ascii(a, name);
  char *o = new(a, char, s.n + 2);
  ptrdiff_t n = 0;
  bool up = true;
  for (ptrdiff_t i = 0; i < s.n; i++) {
    char c = s.p[i];
    if (c == '_') {
      up = true;
      continue;
    }
    o[n++] = up && c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
    up = false;
  }
  if (!n || !(o[0] >= 'A' && o[0] <= 'Z'))
    return str_printf(a, "F%.*s", (int)n, o);
  return (Str){o, n};
}

static const char *const py_keywords[] = {
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
  "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
  "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "match", "case", "type", "field", 0,
};

static Str py_name(Arena *a, Str name) {
  Str s = names_ascii(a, name);
  for (int i = 0; py_keywords[i]; i++)
    if (str_eqc(s, py_keywords[i]))
      return str_printf(a, "%.*s_", STRF(s));
  return s;
}

void api_name_entities(Arena *a, Plan *p) {
  const Model *m = p->model;
  Api *api = &p->api;
  NameSet types = {0}, plurals = {0}, rels = {.fold = true};
  /* The contract's own schemas (grep 'ORDER SCHEMAS' in openapi.c). */
  static const char *const own[] = {"Error", "PageInfo", "AuthTokens", "LoginRequest", "RefreshRequest",
                                    "MagicLinkRequest", "MagicLinkVerify", "PasskeyCredential", "ApiKey",
                                    "UploadRequest", "UploadUrl", "DownloadUrl", "IngestAccepted", "Aggregate",
                                    "WebhookEvent", "Received", "CheckoutSession", "BookDepth", 0};
  for (int k = 0; own[k]; k++)
    names_put(a, &types, str_c(own[k]));
  names_put(a, &plurals, S("auth"));
  names_put(a, &plurals, S("webhooks"));
  api->ents = new(a, ApiEntity, m->nentities);
  /* One entity's sets of column, Go, Python and path names are dropped
   * after it: their tables grow in a scratch arena, reset per entity. */
  Arena scratch = arena_make((ptrdiff_t)1 << 28);
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    ApiEntity *ae = &api->ents[i];
    /* Bounded: types are OpenAPI keys and make the paths (plural, param). */
    Str base = shorten(a, type_name(a, e->name), 100);
    Str t = base;
    for (int k = 2;; k++) {
      if (!set_has(&types, t) && !set_has(&types, str_printf(a, "%.*sCreate", STRF(t))) &&
          !set_has(&types, str_printf(a, "%.*sUpdate", STRF(t))) && !set_has(&types, str_printf(a, "%.*sPage", STRF(t))))
        break;
      t = str_printf(a, "%.*s_%d", STRF(base), k);
    }
    names_put(a, &types, t);
    names_put(a, &types, str_printf(a, "%.*sCreate", STRF(t)));
    names_put(a, &types, str_printf(a, "%.*sUpdate", STRF(t)));
    names_put(a, &types, str_printf(a, "%.*sPage", STRF(t)));
    ae->type = t;
    ae->plural = names_claim(a, &plurals, names_plural(a, p->kb, names_kebab(a, t)), 1 << 20);
    Str lc = str_printf(a, "%.*s", STRF(t));
    ((char *)lc.p)[0] = names_lower(lc.p[0]);
    ae->param = str_printf(a, "%.*sId", STRF(lc));
    ae->table = names_claim(a, &rels, e->name, 63);
    ae->cols = new(a, Str, e->nfields);
    ae->go = new(a, Str, e->nfields);
    ae->py = new(a, Str, e->nfields);
    ae->seg = new(a, Str, e->nfields);
    Arena tables = scratch;
    NameSet cols = {.fold = true, .table = &tables}, gos = {.table = &tables}, pys = {.table = &tables},
            segs = {.table = &tables};
    static const char *const sys[] = {"id", "created_at", "updated_at", "deleted_at"};
    static const char *const gsys[] = {"ID", "CreatedAt", "UpdatedAt", "DeletedAt"};
    for (int k = 0; k < 4; k++) {
      names_put(a, &cols, str_c(sys[k]));
      names_put(a, &pys, str_c(sys[k]));
      names_put(a, &gos, str_c(gsys[k]));
    }
    for (int k = 0; k < e->nfields; k++) {
      const Field *f = &e->fields[k];
      ae->cols[k] = names_claim(a, &cols, f->name, 63);
      ae->go[k] = names_claim(a, &gos, names_go(a, f->name), 1 << 20);
      ae->py[k] = names_claim(a, &pys, py_name(a, f->name), 1 << 20);
      ae->seg[k] = names_claim(a, &segs, names_kebab(a, names_ascii(a, f->name)), 100);
    }
    /* The row's currency, when the spec has several. */
    bool money = false;
    for (int k = 0; k < e->nfields; k++)
      money |= e->fields[k].type == FT_MONEY;
    if (money && m->project.ncurrencies > 1) {
      ae->cur = names_claim(a, &cols, S("currency"), 63);
      ae->cur_go = names_claim(a, &gos, names_go(a, ae->cur), 1 << 20);
      ae->cur_py = names_claim(a, &pys, py_name(a, ae->cur), 1 << 20);
    }
    /* An uploaded file's state beside its key (status, size, checksum). */
    ae->up = new(a, Str, 3 * e->nfields);
    ae->up_go = new(a, Str, 3 * e->nfields);
    ae->up_py = new(a, Str, 3 * e->nfields);
    for (int fi = 0; fi < e->nfeatures; fi++) {
      const Feature *up = e->features[fi];
      if (up->kind != FK_UPLOAD || !up->field || up->field->entity != e)
        continue;
      static const char *const sfx[] = {"status", "size", "sha256"};
      for (int j = 0; j < 3; j++) {
        Str c = ae->up[3 * up->field->index + j] = names_claim(a, &cols, str_printf(a, "%.*s_%s", STRF(up->field->name), sfx[j]), 63);
        ae->up_go[3 * up->field->index + j] = names_claim(a, &gos, names_go(a, c), 1 << 20);
        ae->up_py[3 * up->field->index + j] = names_claim(a, &pys, py_name(a, c), 1 << 20);
      }
    }
  }
  arena_free(&scratch);
}
