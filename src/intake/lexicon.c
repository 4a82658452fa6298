/* The lexicon of `plinth new` (kb/lexicon.kb) and the word-stream helpers
 * every pass uses. See draft.h. */
#include <string.h>

#include "draft.h"

static const KbItem *item_of(const KbRecord *r, const char *key) {
  for (int i = 0; i < r->nitems; i++)
    if (str_eqc(r->items[i].key, key))
      return &r->items[i];
  return NULL;
}

Lexicon lex_load(Arena *a, const Kb *kb) {
  Lexicon lx = {0};
  int cn = 0, cc = 0, cs = 0, cm = 0, cp = 0;
  const KbRecord *areas = kb_record(kb, "vocab", S("areas"));
  for (int i = 0; i < kb->nrecs; i++) {
    const KbRecord *r = &kb->recs[i];
    const KbItem *w = item_of(r, "words");
    if (r->kindid == KIND_NOUN) {
      Noun *n = push(a, lx.nouns, lx.nnouns, cn);
      n->id = r->id;
      n->entity = item_of(r, "entity")->vals[0].text;
      n->kind = item_of(r, "kind")->vals[0].text;
      n->words = w->vals;
      n->nwords = w->nvals;
      const KbItem *p = item_of(r, "parents");
      if (p)
        n->parents = p->vals, n->nparents = p->nvals;
      const KbItem *act = item_of(r, "act");
      if (act)
        n->acts = act->vals, n->nacts = act->nvals;
      const KbItem *dom = item_of(r, "domain");
      if (dom)
        n->domain = dom->vals[0].text;
      const KbItem *per = item_of(r, "per");
      n->per = per ? per->vals[0].num : PER_UNKNOWN;
      int nf = 0;
      for (int k = 0; k < r->nitems; k++)
        nf += str_eqc(r->items[k].key, "field");
      n->fields = new(a, const KbItem *, nf + 1);
      for (int k = 0; k < r->nitems; k++)
        if (str_eqc(r->items[k].key, "field"))
          n->fields[n->nfields++] = &r->items[k];
    } else if (r->kindid == KIND_CUE) {
      Cue *c = push(a, lx.cues, lx.ncues, cc);
      c->feature = item_of(r, "feature")->vals[0].text;
      if (w)
        c->words = w->vals, c->nwords = w->nvals;
      const KbItem *ph = item_of(r, "phrases");
      if (ph) {
        c->phrases = new(a, EnWords, ph->nvals);
        for (int k = 0; k < ph->nvals; k++)
          c->phrases[c->nphrases++] = scan_text(a, ph->vals[k].text, 0);
      }
      const KbItem *t = item_of(r, "target"), *kd = item_of(r, "kinds"), *en = item_of(r, "entity");
      if (t)
        c->target = t->vals, c->ntarget = t->nvals;
      if (kd)
        c->kinds = kd->vals, c->nkinds = kd->nvals;
      if (en)
        c->entity = en->vals[0].text;
      for (int k = 0; areas && k < areas->nitems && !c->area; k++)
        c->area = str_eq(areas->items[k].key, c->feature);
      int nf = 0;
      for (int k = 0; k < r->nitems; k++)
        nf += str_eqc(r->items[k].key, "field");
      c->fields = new(a, const KbItem *, nf + 1);
      for (int k = 0; k < r->nitems; k++)
        if (str_eqc(r->items[k].key, "field"))
          c->fields[c->nfields++] = &r->items[k];
    } else if (r->kindid == KIND_SKILL) {
      WordSet *s = push(a, lx.skills, lx.nskills, cs);
      *s = (WordSet){r->id, w->vals, w->nvals, NULL, 0, {0}};
      const KbItem *im = item_of(r, "implies");
      if (im)
        s->implies = im->vals, s->nimplies = im->nvals;
    } else if (r->kindid == KIND_MEASURE) {
      WordSet *s = push(a, lx.measures, lx.nmeasures, cm);
      *s = (WordSet){r->id, w->vals, w->nvals, NULL, 0, {0}};
    } else if (r->kindid == KIND_PROVIDER) {
      WordSet *s = push(a, lx.providers, lx.nproviders, cp);
      *s = (WordSet){r->id, w->vals, w->nvals, NULL, 0, item_of(r, "kind")->vals[0].text};
    }
  }
  return lx;
}

/* The lookups below run for every word of the text against lists of a
 * few hundred words: the first byte is compared inline before a call. */
bool lex_list(Str w, const char *const *list) {
  char c = w.n ? w.p[0] : 0;
  for (; *list; list++)
    if ((*list)[0] == c && str_eqc(w, *list))
      return true;
  return false;
}

bool lex_in(const KbVal *v, int n, Str w) {
  for (int i = 0; i < n; i++)
    if (v[i].text.n == w.n && (!w.n || v[i].text.p[0] == w.p[0]) && str_eq(v[i].text, w))
      return true;
  return false;
}

bool lex_cue_word(const Lexicon *lx, Str w) {
  for (int i = 0; i < lx->ncues; i++)
    if (lex_in(lx->cues[i].words, lx->cues[i].nwords, w))
      return true;
  return false;
}

bool lex_measure(Arena *a, const Lexicon *lx, const char *id, Str w) {
  for (int i = 0; i < lx->nmeasures; i++)
    if (str_eqc(lx->measures[i].id, id)) {
      const WordSet *m = &lx->measures[i];
      return lex_in(m->words, m->nwords, w) || lex_in(m->words, m->nwords, scan_singular(a, w));
    }
  return false;
}

static bool same_letters(Str a, Str b) {
  int c[256] = {0};
  for (ptrdiff_t i = 0; i < a.n; i++)
    c[(unsigned char)a.p[i]]++;
  for (ptrdiff_t i = 0; i < b.n; i++)
    c[(unsigned char)b.p[i]]--;
  for (int i = 0; i < 256; i++)
    if (c[i])
      return false;
  return true;
}

/* Neighbouring keys on a QWERTY keyboard. */
static bool keys_near(char a, char b) {
  static const char *const rows[] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
  int ra = -1, ca = 0, rb = -1, cb = 0;
  for (int r = 0; r < 3; r++)
    for (int c = 0; rows[r][c]; c++) {
      if (rows[r][c] == a)
        ra = r, ca = c;
      if (rows[r][c] == b)
        rb = r, cb = c;
    }
  if (ra < 0 || rb < 0)
    return false;
  int dc = ca - cb;
  return (ra == rb && (dc == 1 || dc == -1)) || ((ra - rb == 1 || rb - ra == 1) && dc >= -1 && dc <= 1);
}

/* Is w one slip of the fingers away from x: a letter left out or doubled,
 * two letters swapped, or a neighbouring key struck? A substitution of far
 * keys is a different word ("cakes", "cases"), not a typo. */
static bool one_typo(Str w, Str x) {
  if (str_eq(w, x))
    return false;
  /* a word made from the noun is no typo of it: charge -> charger, chat -> chats */
  static const char *const suffix[] = {"r", "er", "d", "ed", "s", "y", "ing", "or", 0};
  for (int k = 0; suffix[k]; k++) {
    ptrdiff_t n = (ptrdiff_t)strlen(suffix[k]);
    if (w.n == x.n + n && !memcmp(w.p, x.p, (size_t)x.n) && !memcmp(w.p + x.n, suffix[k], (size_t)n))
      return false;
  }
  ptrdiff_t i = 0;
  while (i < w.n && i < x.n && w.p[i] == x.p[i])
    i++;
  if (w.n == x.n) {
    if (i + 1 < w.n && w.p[i] == x.p[i + 1] && w.p[i + 1] == x.p[i] &&
        !memcmp(w.p + i + 2, x.p + i + 2, (size_t)(w.n - i - 2)))
      return true;
    /* a vowel for the vowel beside it spells another word: shipper is
     * not shopper, pin is not pun */
    bool vowels = strchr("aeiou", w.p[i]) && strchr("aeiou", x.p[i]);
    return !vowels && keys_near(w.p[i], x.p[i]) && !memcmp(w.p + i + 1, x.p + i + 1, (size_t)(w.n - i - 1));
  }
  if (w.n == x.n + 1)
    return !memcmp(w.p + i + 1, x.p + i, (size_t)(x.n - i));
  if (x.n == w.n + 1)
    return !memcmp(w.p + i, x.p + i + 1, (size_t)(w.n - i));
  return false;
}

const Noun *lex_noun(Arena *a, const Lexicon *lx, Str w, bool fuzzy, bool *typo) {
  Str s = scan_singular(a, w);
  *typo = false;
  for (int i = 0; i < lx->nnouns; i++) {
    const Noun *n = &lx->nouns[i];
    if (lex_in(n->words, n->nwords, w) || lex_in(n->words, n->nwords, s))
      return n;
  }
  if (!fuzzy || w.n < 4)
    return NULL;
  for (int i = 0; i < lx->nnouns; i++) {
    const Noun *n = &lx->nouns[i];
    for (int k = 0; k < n->nwords; k++) {
      Str x = n->words[k].text;
      if (x.n < 4 || x.p[0] != w.p[0])
        continue;
      /* four letters, or a plural of four: only a swap of two letters
       * ("tsak"); a short word one letter off is another word ("moves" is
       * no "movies") */
      Str b = w.n == 4 ? w : s;
      if (b.n == 4 && !(x.n == 4 && scan_distance(b, x, 1) == 1 && same_letters(b, x)))
        continue;
      if (one_typo(s, x) || one_typo(w, x)) {
        *typo = true;
        return n;
      }
    }
  }
  return NULL;
}

const Noun *lex_noun_id(const Lexicon *lx, const char *id) {
  for (int i = 0; i < lx->nnouns; i++)
    if (str_eqc(lx->nouns[i].id, id))
      return &lx->nouns[i];
  return NULL;
}

/* Words that are never read as a noun (too common to mean an entity). */
bool lex_stop_noun(Str w) {
  static const char *const stop[] = {"a", "an", "the", "and", "or", "for", "with", "of", "to", "in", "on", "is",
                                     "are", "be", "it", "we", "i", "my", "our", "their", "can", "will", "that",
                                     "this", "from", "by", "at", "as", "app", "apps", "application", "system",
                                     "platform", "service", "website", "site", "tool", "api", "thing", "things", "software",
                                     "saas", "crm", "erp", "webapp", "solution", "etc", 0};
  return lex_list(w, stop);
}

/* Everyday words one letter away from a noun of the lexicon (measure
 * everyday of kb/lexicon.kb): words of their own, never typos. */
bool lex_common_word(Arena *a, const Lexicon *lx, Str w) { return lex_measure(a, lx, "everyday", w); }

/* ---- the word stream ---- */

void dr_bounds(Arena *a, Draft *d) {
  int n = d->w.n;
  d->sstart = new(a, int, n + 1);
  d->send = new(a, int, n + 1);
  for (int i = 0; i < n; i++)
    d->sstart[i] = i > 0 && d->w.v[i - 1].kind != W_BREAK ? d->sstart[i - 1] : i;
  for (int i = n - 1; i >= 0; i--)
    d->send[i] = i + 1 < n && d->w.v[i + 1].kind != W_BREAK ? d->send[i + 1] : i;
}

const EnWord *dr_wd(const Draft *d, int i) { return i >= 0 && i < d->w.n ? &d->w.v[i] : NULL; }

bool dr_is(const Draft *d, int i, const char *z) {
  const EnWord *x = dr_wd(d, i);
  return x && x->kind == W_WORD && str_eqc(x->text, z);
}

bool dr_is_list(const Draft *d, int i, const char *const *list) {
  const EnWord *x = dr_wd(d, i);
  return x && x->kind == W_WORD && lex_list(x->text, list);
}

Str dr_said(const Draft *d, int i, int j) {
  if (i < 0)
    return (Str){0};
  if (j < i)
    j = i;
  if (j >= d->w.n)
    j = d->w.n - 1;
  ptrdiff_t s = d->w.v[i].off, e = d->w.v[j].off + d->w.v[j].text.n;
  if (e > d->text.n)
    e = d->text.n;
  if (e - s > 80)
    e = s + 80;
  return (Str){d->text.p + s, e - s};
}

bool dr_punct_before(const Draft *d, int i) {
  if (i <= 0 || i >= d->w.n)
    return true;
  const EnWord *p = &d->w.v[i - 1], *x = &d->w.v[i];
  for (ptrdiff_t k = p->off + p->text.n; k < x->off && k < d->text.n; k++) {
    char c = d->text.p[k];
    if (c != ' ' && c != '\t' && c != '\'' && c != '\r')
      return true;
  }
  return false;
}

/* "a live view per turbine", "real-time charts": a view said live is a
 * live dashboard, no record. */
bool dr_live_view(const Draft *d, int i) {
  static const char *const view[] = {"view", "views", "screen", "screens", "display", "displays", "wall", "chart",
                                     "charts", "graph", "graphs", "board", 0};
  return dr_is_list(d, i, view) && !dr_punct_before(d, i) &&
         (dr_is(d, i - 1, "live") || dr_is(d, i - 1, "realtime") || dr_is(d, i - 1, "real-time") ||
          (dr_is(d, i - 1, "time") && dr_is(d, i - 2, "real")));
}

double dr_period(const Draft *d, int i, int *len) {
  static const char *const lead[] = {"per", "a", "an", "each", "every", "/", 0};
  static const char *const pw[] = {"s", "sec", "second", "min", "minute", "h", "hour", "day", "week",
                                   "month", "year", "night", 0};
  static const double ps[] = {1, 1, 1, 60, 60, 3600, 3600, 86400, 604800, 2629800, 31557600, 86400};
  static const char *const adv[] = {"daily", "hourly", "weekly", "monthly", "yearly", "annually", "nightly", 0};
  static const double as[] = {86400, 3600, 604800, 2629800, 31557600, 31557600, 86400};
  const EnWord *x = dr_wd(d, i), *y = dr_wd(d, i + 1);
  if (!x || x->kind != W_WORD)
    return 0;
  for (int k = 0; adv[k]; k++)
    if (str_eqc(x->text, adv[k])) {
      *len = 1;
      return as[k];
    }
  if (!y || y->kind != W_WORD || !lex_list(x->text, lead))
    return 0;
  for (int k = 0; pw[k]; k++)
    if (str_eqc(y->text, pw[k])) {
      *len = 2;
      return ps[k];
    }
  return 0;
}

/* How often something happens, said at word i: "every 5 minutes", "every
 * minute", "once per second", "twice an hour", "3 times a minute". */
double dr_every(const Draft *d, int i, int *len) {
  const EnWord *x = dr_wd(d, i), *y = dr_wd(d, i + 1);
  if (!x)
    return 0;
  if (x->kind == W_WORD && (str_eqc(x->text, "every") || str_eqc(x->text, "each"))) {
    if (y && y->kind == W_NUMBER && y->unit == NU_DURATION && y->value > 0) {
      *len = 2;
      return y->value;
    }
    return dr_period(d, i, len);
  }
  /* "3 times a minute" is one number: a factor with its period */
  if (x->kind == W_NUMBER && x->unit == NU_FACTOR && x->per > 0 && x->value >= 1) {
    *len = 1;
    return x->per / x->value;
  }
  double times = x->kind != W_WORD ? 0 : str_eqc(x->text, "once") ? 1 : str_eqc(x->text, "twice") ? 2 : 0;
  int plen;
  double p = times > 0 ? dr_period(d, i + 1, &plen) : 0;
  if (p <= 0)
    return 0;
  *len = 1 + plen;
  return p / times;
}

bool dr_has_cue(const Draft *d, const char *name) {
  for (int i = 0; i < d->ncues; i++)
    if (str_eqc(d->cue_names[i], name))
      return d->cue[i];
  return false;
}

int dr_cue_pos(const Draft *d, const char *name) {
  for (int i = 0; i < d->ncues; i++)
    if (str_eqc(d->cue_names[i], name) && d->cue[i])
      return d->cue_first[i];
  return -1;
}

int dr_cue_end(const Draft *d, const char *name) {
  for (int i = 0; i < d->ncues; i++)
    if (str_eqc(d->cue_names[i], name) && d->cue[i])
      return d->cue_last[i];
  return -1;
}
