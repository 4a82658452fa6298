/* plinth diagnose: symptoms to ranked causes (see intake.h).
 *
 * Each line of the input is scanned like an idea text (scan.c): its words,
 * their singulars and hyphenated pairs ("rate limit" -> rate-limit) form
 * the line's word set; numbers keep their units; HTTP status codes ("429s",
 * "HTTP 503", "5xx") become the words http429, http503, http5xx. A rule of
 * kb/symptoms.kb applies when each of its `all` lines has a word in the
 * input; its score is 2 per `all` line, 1 per `any` word present and 3 per
 * `above` threshold met by a number on a line that names the metric. Rules
 * are ranked by score, then by their order in the knowledge base. */
#include <math.h>
#include <string.h>

#include "../spec/units.h"
#include "../util/esc.h"
#include "../util/json.h"
#include "intake.h"
#include "scan.h"

enum { MAX_LINES = 10000, MAX_SHOWN = 3 };

typedef struct {
  Str text;          /* the line as written */
  Str *w;            /* normalised words */
  int nw, cap;
  EnWords toks;
} Line;

typedef struct {
  const KbRecord *rec;
  int score;
  Buf matched;       /* what matched, for people */
  int order;
} Cause;

static Str copy_z(Arena *a, const char *z) {
  Str s = str_c(z);
  char *p = new(a, char, s.n + 1);
  memcpy(p, s.p, (size_t)s.n);
  return (Str){p, s.n};
}

static bool status_code(Str spell, char out[8]) {
  if (spell.n < 3 || spell.p[0] < '1' || spell.p[0] > '5')
    return false;
  bool digits = spell.p[1] >= '0' && spell.p[1] <= '9' && spell.p[2] >= '0' && spell.p[2] <= '9';
  bool xx = (spell.p[1] == 'x' || spell.p[1] == 'X') && (spell.p[2] == 'x' || spell.p[2] == 'X');
  if (!digits && !xx)
    return false;
  if (spell.n > 4 || (spell.n == 4 && spell.p[3] != 's'))
    return false;
  out[0] = 'h', out[1] = 't', out[2] = 't', out[3] = 'p';
  out[4] = spell.p[0];
  out[5] = xx ? 'x' : spell.p[1];
  out[6] = xx ? 'x' : spell.p[2];
  out[7] = 0;
  return true;
}

static void add_word(Arena *a, Line *l, Str w) {
  for (int i = 0; i < l->nw; i++)
    if (str_eq(l->w[i], w))
      return;
  *push(a, l->w, l->nw, l->cap) = w;
}

static bool tok_is(const Line *l, int i, const char *const *list) {
  if (i < 0 || i >= l->toks.n || l->toks.v[i].kind != W_WORD)
    return false;
  for (; *list; list++)
    if (str_eqc(l->toks.v[i].text, *list))
      return true;
  return false;
}

/* A period in the symptoms is evidence: "every hour", "on the hour", "at
 * midnight", "nightly", "on Mondays", "at 02:00", "every 15 minutes". The
 * line gains the word `periodic` (and `on-the-hour`, `midnight`, `weekday`
 * for the kind of period). */
static void periodic(Arena *a, Line *l) {
  static const char *const every[] = {"every", "each", 0};
  static const char *const unit[] = {"hour", "hours", "day", "days", "night", "nights", "minute", "minutes", "week",
                                     "weeks", "month", "morning", "evening", "weekend", "sunday", "monday",
                                     "tuesday", "wednesday", "thursday", "friday", "saturday", 0};
  static const char *const adv[] = {"hourly", "nightly", "daily", "weekly", "monthly", "periodically", "cron",
                                    "regularly", 0};
  static const char *const days[] = {"monday", "mondays", "tuesday", "tuesdays", "wednesday", "wednesdays",
                                     "thursday", "thursdays", "friday", "fridays", "saturday", "saturdays",
                                     "sunday", "sundays", "weekend", "weekends", "weekday", "weekdays", 0};
  static const char *const clock[] = {"am", "pm", "utc", "o'clock", "oclock", 0};
  bool per = false;
  for (int i = 0; i < l->toks.n; i++) {
    const EnWord *t = &l->toks.v[i];
    if (tok_is(l, i, every) && (tok_is(l, i + 1, unit) || (i + 1 < l->toks.n && l->toks.v[i + 1].kind == W_NUMBER)))
      per = true;
    if (tok_is(l, i, adv))
      per = true;
    if (tok_is(l, i, (const char *const[]){"on", "at", "top", 0}) && tok_is(l, i + 1, (const char *const[]){"the", "of", 0}) &&
        tok_is(l, i + 2, (const char *const[]){"hour", "the", 0})) {
      per = true;
      add_word(a, l, S("on-the-hour"));
    }
    if (tok_is(l, i, (const char *const[]){"midnight", "noon", 0})) {
      per = true;
      add_word(a, l, S("midnight"));
    }
    if (tok_is(l, i, days) && (tok_is(l, i - 1, (const char *const[]){"on", "every", "each", "at", 0}) ||
                               (t->text.n && t->text.p[t->text.n - 1] == 's'))) {
      per = true;
      add_word(a, l, S("weekday"));
    }
    /* "at 2am", "at 02:00", "at 3 pm" */
    if (tok_is(l, i, (const char *const[]){"at", 0}) && i + 1 < l->toks.n && l->toks.v[i + 1].kind == W_NUMBER) {
      Str sp = l->toks.v[i + 1].text;
      bool am = sp.n > 2 && (str_eqc((Str){sp.p + sp.n - 2, 2}, "am") || str_eqc((Str){sp.p + sp.n - 2, 2}, "pm"));
      if (am || tok_is(l, i + 2, clock) || (i + 2 < l->toks.n && l->toks.v[i + 2].kind == W_NUMBER))
        per = true;
    }
    if (tok_is(l, i, (const char *const[]){"same", 0}) && tok_is(l, i + 1, (const char *const[]){"time", "minute", 0}))
      per = true;
  }
  if (per)
    add_word(a, l, S("periodic"));
}

static Line read_line(Arena *a, Str text) {
  Line l = {.text = text};
  l.toks = scan_text(a, text, 0);
  Str prev = {0};
  for (int i = 0; i < l.toks.n; i++) {
    EnWord *t = &l.toks.v[i];
    char code[8];
    if (t->kind == W_NUMBER && status_code(t->text, code)) {
      add_word(a, &l, copy_z(a, code));
      t->kind = W_WORD;   /* a status code is no figure */
      t->text = copy_z(a, code);
      prev = (Str){0};
      continue;
    }
    if (t->kind != W_WORD) {
      prev = (Str){0};
      continue;
    }
    add_word(a, &l, t->text);
    Str s = scan_singular(a, t->text);
    if (!str_eq(s, t->text))
      add_word(a, &l, s);
    if (prev.n)
      add_word(a, &l, str_printf(a, "%.*s-%.*s", STRF(prev), STRF(t->text)));
    prev = t->text;
  }
  for (ptrdiff_t i = 0; i + 2 < text.n; i++)
    if ((text.p[i] == 'n' || text.p[i] == 'N') && text.p[i + 1] == '+' && text.p[i + 2] == '1')
      add_word(a, &l, S("n-plus-one"));
  periodic(a, &l);
  return l;
}

static bool line_has(const Line *l, Str w) {
  for (int i = 0; i < l->nw; i++)
    if (str_eq(l->w[i], w))
      return true;
  return false;
}

static int any_line(const Line *ls, int n, Str w) {
  for (int i = 0; i < n; i++)
    if (line_has(&ls[i], w))
      return i;
  return -1;
}

/* A threshold as the scanner would read it: percent, seconds or count. */
static bool threshold(const KbVal *v, NumUnit *unit, double *value) {
  Number num = {v->num, v->unit, false};
  const char *why;
  if (str_eqc(v->unit, "%")) {
    *unit = NU_PERCENT;
    *value = v->num;
    return true;
  }
  if (!v->unit.n) {
    *unit = NU_COUNT;
    *value = v->num;
    return true;
  }
  *unit = NU_DURATION;
  return unit_duration(num, value, &why);
}

/* Does a line naming one of the item's words carry a number at or over
 * its threshold? Appends what it found to `m`. */
static bool above(const KbItem *it, const Line *ls, int n, Buf *m) {
  NumUnit u;
  double th;
  if (it->nvals < 2 || !threshold(&it->vals[it->nvals - 1], &u, &th))
    return false;
  for (int i = 0; i < n; i++) {
    bool named = false;
    for (int k = 0; k + 1 < it->nvals && !named; k++)
      named = line_has(&ls[i], it->vals[k].text);
    if (!named)
      continue;
    for (int k = 0; k < ls[i].toks.n; k++) {
      const EnWord *t = &ls[i].toks.v[k];
      if (t->kind == W_NUMBER && t->unit == u && t->value >= th) {
        buf_printf(m, "%s'%.*s' is at or over %.*s", m->n ? "; " : "", STRF(t->text),
                   STRF(it->vals[it->nvals - 1].text));
        return true;
      }
    }
  }
  return false;
}

static int score(Arena *a, const KbRecord *r, const Line *ls, int n, Buf *m) {
  int sc = 0, groups = 0;
  for (int i = 0; i < r->nitems; i++) {
    const KbItem *it = &r->items[i];
    if (!str_eqc(it->key, "all"))
      continue;
    groups++;
    Str hit = {0};
    for (int k = 0; k < it->nvals && !hit.n; k++)
      if (any_line(ls, n, it->vals[k].text) >= 0)
        hit = it->vals[k].text;
    if (!hit.n)
      return 0;
    buf_printf(m, "%s'%.*s'", m->n ? ", " : "", STRF(hit));
    sc += 2;
  }
  if (!groups)
    return 0;
  for (int i = 0; i < r->nitems; i++) {
    const KbItem *it = &r->items[i];
    if (str_eqc(it->key, "any")) {
      for (int k = 0; k < it->nvals; k++)
        if (any_line(ls, n, it->vals[k].text) >= 0) {
          buf_printf(m, "%s'%.*s'", m->n ? ", " : "", STRF(it->vals[k].text));
          sc++;
        }
    } else if (str_eqc(it->key, "above") && above(it, ls, n, m))
      sc += 3;
  }
  (void)a;
  return sc;
}

static Str rec_str(const KbRecord *r, const char *key) {
  for (int i = 0; i < r->nitems; i++)
    if (str_eqc(r->items[i].key, key) && r->items[i].nvals)
      return r->items[i].vals[0].text;
  return (Str){0};
}

static const KbItem *rec_item(const KbRecord *r, const char *key) {
  for (int i = 0; i < r->nitems; i++)
    if (str_eqc(r->items[i].key, key))
      return &r->items[i];
  return NULL;
}

/* The plan's technologies and families the examples may be written for. */
typedef struct {
  Str names[24];
  bool iac[24];     /* the name is the IaC tool's, its family's or a language it speaks */
  int n;
  Str db, compute, language, tool;
} Stack;

static Stack stack_of(const Plan *p) {
  Stack s = {0};
  if (!p)
    return s;
  static const char *const slots[] = {"database", "compute", "language", "framework", "orm", "queue", "stream",
                                      "cache", "iac", 0};
  for (int k = 0; slots[k]; k++)
    for (int i = 0; i < p->nchoices; i++) {
      const Choice *c = &p->choices[i];
      if (!c->tech || !str_eqc(c->need->slot, slots[k]) || s.n + 2 > 24)
        continue;
      bool iac = str_eqc(c->need->slot, "iac");
      if (iac)
        s.tool = c->tech->id;
      s.iac[s.n] = iac;
      s.names[s.n++] = c->tech->id;
      s.iac[s.n] = iac;
      s.names[s.n++] = c->tech->family;
      /* OpenTofu speaks terraform: Terraform's examples are its own */
      for (int q = 0; iac && c->tech->rec && q < c->tech->rec->nitems; q++) {
        const KbItem *it = &c->tech->rec->items[q];
        for (int v = 0; str_eqc(it->key, "speaks") && v < it->nvals && s.n < 24; v++)
          s.iac[s.n] = true, s.names[s.n++] = it->vals[v].text;
      }
      /* the cloud a database or compute runs on only there: examples
       * written for that cloud's resources ("pulumi-for-aws") apply */
      if (k <= 1 && c->tech->nclouds == 1 && s.n < 24)
        s.iac[s.n] = false, s.names[s.n++] = c->tech->clouds[0];
      if (k == 0)
        s.db = c->tech->id;
      else if (k == 1)
        s.compute = c->tech->id;
      else if (k == 2)
        s.language = c->tech->id;
    }
  return s;
}

/* An example's stack word is a technology or family, or TOOL-for-NEED:
 * for TOOL, and only in a stack that also has NEED ("pulumi-for-aws-dynamodb":
 * a Pulumi example that applies to DynamoDB only). */
static Str tool_part(Str w) {
  for (ptrdiff_t k = 0; k + 5 <= w.n; k++)
    if (!memcmp(w.p + k, "-for-", 5))
      return (Str){w.p, k};
  return w;
}

static bool need_met(Str w, const Stack *st) {
  Str t = tool_part(w);
  if (t.n == w.n)
    return true;
  Str need = {w.p + t.n + 5, w.n - t.n - 5};
  for (int k = 0; k < st->n; k++)
    if (str_eq(need, st->names[k]))
      return true;
  return false;
}

/* The stack word of the first example written for this stack: in the
 * rule's order, the first whose word names a chosen technology or family;
 * else `any`; else the first example. */
static Str example_key_of(const KbRecord *r, const Stack *st, int want_iac) {
  for (int i = 0; i < r->nitems; i++) {
    const KbItem *it = &r->items[i];
    if (!str_eqc(it->key, "example") || it->nvals != 3 || !need_met(it->vals[0].text, st))
      continue;
    for (int k = 0; k < st->n; k++)
      if (str_eq(tool_part(it->vals[0].text), st->names[k]) && (want_iac < 0 || st->iac[k] == (want_iac == 1)))
        return it->vals[0].text;
  }
  return (Str){0};
}

/* With a spec: the example for the stack's code (language, database,
 * compute...) and, when the rule has one, the one for its IaC tool, so a
 * stack built with Pulumi gets Pulumi code, never another tool's files. */
static int example_keys(const KbRecord *r, const Stack *st, Str out[2]) {
  int n = 0;
  Str code = example_key_of(r, st, 0), iac = example_key_of(r, st, 1);
  /* no example in the stack's code: the stack-neutral one, beside the IaC */
  for (int i = 0; !code.n && iac.n && i < r->nitems; i++)
    if (str_eqc(r->items[i].key, "example") && r->items[i].nvals == 3 && str_eqc(r->items[i].vals[0].text, "any"))
      code = S("any");
  if (code.n)
    out[n++] = code;
  if (iac.n)
    out[n++] = iac;
  return n;
}

static Str example_key(const KbRecord *r, const Stack *st) {
  Str k = example_key_of(r, st, -1);
  if (k.n)
    return k;
  for (int i = 0; i < r->nitems; i++)
    if (str_eqc(r->items[i].key, "example") && r->items[i].nvals == 3 && str_eqc(r->items[i].vals[0].text, "any"))
      return S("any");
  const KbItem *first = rec_item(r, "example");
  return first && first->nvals == 3 ? first->vals[0].text : (Str){0};
}

/* Does one of the space-separated `words` name this word? */
static bool names(Str words, Str w) {
  for (ptrdiff_t s = 0; s < words.n;) {
    ptrdiff_t e = s;
    while (e < words.n && words.p[e] != ' ')
      e++;
    if (e > s && str_eq((Str){words.p + s, e - s}, w))
      return true;
    s = e + 1;
  }
  return false;
}

/* The figure the symptoms give for a metric: on the first line naming one
 * of `words`, the first number after the name (else the last before it). */
static Str before_of(Str words, const Line *ls, int n) {
  for (int i = 0; i < n; i++) {
    bool named = false;
    for (int k = 0; k < ls[i].nw && !named; k++)
      named = names(words, ls[i].w[k]);
    if (!named)
      continue;
    int at = -1;
    for (int k = 0; k < ls[i].toks.n && at < 0; k++)
      if (ls[i].toks.v[k].kind == W_WORD && names(words, ls[i].toks.v[k].text))
        at = k;
    const EnWords *t = &ls[i].toks;
    for (int k = at < 0 ? 0 : at; k < t->n; k++)
      if (t->v[k].kind == W_NUMBER) {
        /* "from 100 ms to 3 s": the figure now is the last of the run */
        while (k + 2 < t->n && t->v[k + 1].kind == W_WORD && str_eqc(t->v[k + 1].text, "to") &&
               t->v[k + 2].kind == W_NUMBER)
          k += 2;
        return t->v[k].text;
      }
    for (int k = ls[i].toks.n - 1; k >= 0; k--)
      if (ls[i].toks.v[k].kind == W_NUMBER)
        return ls[i].toks.v[k].text;
    return S("as reported");
  }
  return S("not measured");
}

static void md_list(Buf *md, const KbItem *it, bool numbered) {
  for (int k = 0; it && k < it->nvals; k++) {
    if (numbered)
      buf_printf(md, "%d. ", k + 1);
    else
      buf_puts(md, "- ");
    buf_printf(md, "%.*s\n", STRF(it->vals[k].text));
  }
}

/* Markdown text from a symptom line (esc_md: markup escaped, controls and
 * bytes that are not UTF-8 never echoed). */
static void md_text(Buf *md, Str s) { esc_md(md, s); }

/* The lines of a symptom text, blank and # lines skipped. */
static int read_lines(Arena *a, Str text, Line *ls, int cap) {
  int n = 0;
  for (ptrdiff_t i = 0; i < text.n && n < cap;) {
    ptrdiff_t e = i;
    while (e < text.n && text.p[e] != '\n')
      e++;
    Str t = {text.p + i, e - i};
    while (t.n && (unsigned char)t.p[t.n - 1] <= ' ')
      t.n--;
    while (t.n && (unsigned char)t.p[0] <= ' ')
      t.p++, t.n--;
    if (t.n && t.p[0] != '#')
      ls[n++] = read_line(a, t);
    i = e + 1;
  }
  return n;
}

/* Every rule with a positive score, best first (ties: KB order); *nr is
 * the number of rules in the set. */
static int rank(Arena *a, const Kb *kb, const Line *ls, int n, Cause **out, int *nr) {
  *nr = 0;
  for (int i = 0; i < kb->nrecs; i++)
    *nr += kb->recs[i].kindid == KIND_SYMPTOM;
  Cause *cs = new(a, Cause, *nr + 1);
  int nc = 0, order = 0;
  for (int i = 0; i < kb->nrecs; i++) {
    const KbRecord *r = &kb->recs[i];
    if (r->kindid != KIND_SYMPTOM)
      continue;
    Cause c = {.rec = r, .order = order++};
    c.score = score(a, r, ls, n, &c.matched);
    if (c.score > 0)
      cs[nc++] = c;
    else
      buf_free(&c.matched);
  }
  for (int i = 1; i < nc; i++)
    for (int j = i; j > 0 && (cs[j].score > cs[j - 1].score); j--) {
      Cause t = cs[j];
      cs[j] = cs[j - 1];
      cs[j - 1] = t;
    }
  *out = cs;
  return nc;
}

int intake_rank(Arena *a, const Kb *kb, Str text, const KbRecord **out, int max) {
  int cap = 1;
  for (ptrdiff_t i = 0; i < text.n && cap < MAX_LINES; i++)
    cap += text.p[i] == '\n';
  Line *ls = new(a, Line, cap);
  int n = read_lines(a, text, ls, cap), nr;
  Cause *cs;
  int nc = rank(a, kb, ls, n, &cs, &nr);
  int k = 0;
  for (int i = 0; i < nc; i++) {
    if (k < max)
      out[k++] = cs[i].rec;
    buf_free(&cs[i].matched);
  }
  return k;
}

/* The symptom lines read, each with its count of figures. */
static void md_symptoms(Buf *md, const Line *ls, int n) {
  buf_printf(md, "Symptoms read (%d line%s):\n\n", n, n == 1 ? "" : "s");
  for (int i = 0; i < n; i++) {
    buf_puts(md, "- ");
    md_text(md, ls[i].text.n > 200 ? (Str){ls[i].text.p, 200} : ls[i].text);
    int nn = 0;
    for (int k = 0; k < ls[i].toks.n; k++)
      if (ls[i].toks.v[k].kind == W_NUMBER)
        nn++;
    if (nn)
      buf_printf(md, " (%d figure%s)", nn, nn == 1 ? "" : "s");
    buf_putc(md, '\n');
  }
  if (!n)
    buf_puts(md, "- (none given)\n");
}

/* A cause's examples for the stack: one fenced block of consecutive
 * `example` lines per tool. */
static void md_examples(Buf *md, const KbRecord *r, const Stack *st) {
  Str keys[2];
  int nk = example_keys(r, st, keys);
  if (!nk)
    keys[nk++] = example_key(r, st);
  for (int q = 0; q < nk; q++) {
    bool open = false;
    for (int k = 0; k < r->nitems; k++) {
      const KbItem *it = &r->items[k];
      if (!str_eqc(it->key, "example") || it->nvals != 3 || !str_eq(it->vals[0].text, keys[q]))
        continue;
      if (open && !str_eq(r->items[k - 1].key, it->key))
        break;   /* one block: consecutive lines */
      if (!open)
        buf_printf(md, "\nFor %.*s:\n\n```%.*s\n", STRF(tool_part(keys[q])), STRF(it->vals[1].text));
      open = true;
      buf_printf(md, "%.*s\n", STRF(it->vals[2].text));
    }
    if (open)
      buf_puts(md, "```\n");
  }
}

/* One ranked cause: its evidence, why, fix, examples, actions and the
 * figures expected before and after the fix. */
static void md_cause(Buf *md, int rank, const Cause *cz, const Stack *st, const Line *ls, int n) {
  const KbRecord *r = cz->rec;
  const char *likely = cz->score >= 8 ? "likely" : cz->score >= 5 ? "possible" : "weak";
  buf_printf(md, "\n## %d. %.*s\n\n", rank, STRF(rec_str(r, "name")));
  buf_printf(md, "Rule `%.*s`, score %d (%s): matched ", STRF(r->id), cz->score, likely);
  buf_put(md, cz->matched.p, cz->matched.n);
  buf_puts(md, ".\n\n**Evidence to look for**\n\n");
  md_list(md, rec_item(r, "evidence"), false);
  buf_printf(md, "\n**Why it happens.** %.*s\n\n**Fix.** %.*s\n", STRF(rec_str(r, "why")), STRF(rec_str(r, "fix")));
  md_examples(md, r, st);
  buf_puts(md, "\n**Immediate actions, by priority**\n\n");
  md_list(md, rec_item(r, "now"), true);
  buf_puts(md, "\n**Long-term improvements**\n\n");
  md_list(md, rec_item(r, "later"), false);
  bool table = false;
  for (int k = 0; k < r->nitems; k++) {
    const KbItem *it = &r->items[k];
    if (!str_eqc(it->key, "expect") || it->nvals != 3)
      continue;
    if (!table)
      buf_puts(md, "\n**Expected before and after**\n\n| Metric | Before | After the fix |\n|---|---|---|\n");
    table = true;
    buf_printf(md, "| %.*s | ", STRF(it->vals[0].text));
    md_text(md, before_of(it->vals[1].text, ls, n));
    buf_printf(md, " | %.*s |\n", STRF(it->vals[2].text));
  }
  buf_printf(md, "\nSource: <%.*s>\n", STRF(rec_str(r, "url")));
}

/* One cause in the JSON answer. */
static void json_cause(Json *j, const Cause *cz, const Stack *st, const Line *ls, int n) {
  const KbRecord *r = cz->rec;
  json_obj(j);
  json_key(j, "id");
  json_str(j, r->id);
  json_key(j, "name");
  json_str(j, rec_str(r, "name"));
  json_key(j, "score");
  json_num(j, cz->score);
  json_key(j, "matched");
  json_str(j, buf_view(&cz->matched));
  json_key(j, "why");
  json_str(j, rec_str(r, "why"));
  json_key(j, "fix");
  json_str(j, rec_str(r, "fix"));
  json_key(j, "example_for");
  json_str(j, tool_part(example_key(r, st)));
  static const char *const lists[] = {"evidence", "now", "later", 0};
  for (int k = 0; lists[k]; k++) {
    json_key(j, lists[k]);
    json_arr(j);
    const KbItem *it = rec_item(r, lists[k]);
    for (int v = 0; it && v < it->nvals; v++)
      json_str(j, it->vals[v].text);
    json_end_arr(j);
  }
  json_key(j, "expect");
  json_arr(j);
  for (int k = 0; k < r->nitems; k++) {
    const KbItem *it = &r->items[k];
    if (!str_eqc(it->key, "expect") || it->nvals != 3)
      continue;
    json_obj(j);
    json_key(j, "metric");
    json_str(j, it->vals[0].text);
    json_key(j, "before");
    json_str(j, before_of(it->vals[1].text, ls, n));
    json_key(j, "after");
    json_str(j, it->vals[2].text);
    json_end_obj(j);
  }
  json_end_arr(j);
  json_key(j, "url");
  json_str(j, rec_str(r, "url"));
  json_end_obj(j);
}

/* The whole diagnosis as JSON: the causes, or what to measure next. */
static void json_diagnosis(Buf *json, const Cause *cs, int nc, const Stack *st, const Line *ls, int n,
                           const KbRecord *next) {
  Json j = {.out = json, .schema = PLINTH_SCHEMA_BASE "diagnose.schema.json"};
  json_obj(&j);
  json_key(&j, "plinth_diagnose");
  json_num(&j, 1);
  json_key(&j, "lines");
  json_num(&j, n);
  json_key(&j, "causes");
  json_arr(&j);
  for (int i = 0; i < nc; i++)
    json_cause(&j, &cs[i], st, ls, n);
  json_end_arr(&j);
  json_key(&j, "measure_next");
  json_arr(&j);
  for (int i = 0; !nc && next && i < next->nitems; i++)
    json_str(&j, next->items[i].vals[0].text);
  json_end_arr(&j);
  json_end_obj(&j);
  buf_putc(json, '\n');
}

int intake_diagnose(Arena *a, const Kb *kb, const Plan *plan, Str text, Buf *md, Buf *json) {
  Line *ls = new(a, Line, MAX_LINES);
  int n = read_lines(a, text, ls, MAX_LINES), nr;
  Cause *cs;
  int nc = rank(a, kb, ls, n, &cs, &nr);
  Stack st = stack_of(plan);
  const KbRecord *next = kb_record(kb, "vocab", S("measure-next"));

  buf_puts(md, "# Diagnosis\n\n");
  if (plan)
    buf_printf(md, "Stack from the spec: database %.*s, compute %.*s, language %.*s, infrastructure as code %.*s.\n\n",
               STRF(st.db), STRF(st.compute), STRF(st.language), STRF(st.tool.n ? st.tool : S("none")));
  md_symptoms(md, ls, n);
  if (!nc) {
    buf_printf(md, "\n## No known cause\n\nNone of the %d causes in the rule set (kb/symptoms.kb) has all its signs in "
                   "these symptoms, so Plinth does not guess. Measure these next and run `plinth diagnose` again "
                   "with the figures, one per line (`p95 3s`, `db cpu 95%%`):\n\n", nr);
    for (int i = 0; next && i < next->nitems; i++)
      buf_printf(md, "- **%.*s**: %.*s\n", STRF(next->items[i].key), STRF(next->items[i].vals[0].text));
  }
  int shown = nc < MAX_SHOWN ? nc : MAX_SHOWN;
  for (int i = 0; i < shown; i++)
    md_cause(md, i + 1, &cs[i], &st, ls, n);
  if (nc > shown) {
    buf_puts(md, "\n## Less likely\n\n");
    for (int i = shown; i < nc; i++)
      buf_printf(md, "- %.*s (`%.*s`, score %d)\n", STRF(rec_str(cs[i].rec, "name")), STRF(cs[i].rec->id),
                 cs[i].score);
  }
  if (json)
    json_diagnosis(json, cs, nc, &st, ls, n, next);
  for (int i = 0; i < nc; i++)
    buf_free(&cs[i].matched);
  return nc;
}
