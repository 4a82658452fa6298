/* plinth new: an idea text to a draft spec (see intake.h).
 *
 * The steps, each a pass over the scanned words:
 *   lexicon   the noun, cue, skill and measure records of the KB
 *   mentions  which nouns (exact, singular, or one typo away), cues and
 *             skills the text names, in order
 *   figures   each number bound to the figure its neighbouring words name
 *             (users, devices, requests, budget, latency, uptime, ...)
 *   team      the team's size, level and skills
 *   entities  the nouns as entities, a principal that signs in, and one
 *             parent each: from the text ("users manage their tasks"), else
 *             from the noun's preferred parents, else the principal
 *   features  from the cues and the kinds of the entities
 *   render    the spec text, every guess with an `# assumed:` comment
 *   questions the draft planned again with each assumed figure varied; the
 *             figures whose change flips decisions become the questions
 * Windows around a number are a few words wide and lookups are over the
 * lexicon, so the cost is linear in the text. */
#include "intake.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../model/model.h"
#include "../spec/parse.h"
#include "../util/json.h"
#include "scan.h"

enum { MAX_ENTS = 24, MAX_SKILLS = 16, MAX_WORDS = 200000, IDEA_MAX = 400 };

/* ---- lexicon ---- */

typedef struct {
  Str id, entity, kind;
  const KbVal *words;
  int nwords;
  const KbItem **fields;
  int nfields;
  const KbVal *parents;
  int nparents;
  double per;
} Noun;

typedef struct {
  Str feature;
  const KbVal *words;
  int nwords;
  EnWords *phrases;
  int nphrases;
} Cue;

typedef struct {
  Str id;
  const KbVal *words;
  int nwords;
} WordSet;

typedef struct {
  Noun *nouns;
  int nnouns;
  Cue *cues;
  int ncues;
  WordSet *skills, *measures;
  int nskills, nmeasures;
} Lexicon;

static const KbItem *item_of(const KbRecord *r, const char *key) {
  for (int i = 0; i < r->nitems; i++)
    if (str_eqc(r->items[i].key, key))
      return &r->items[i];
  return NULL;
}

static Lexicon lexicon_load(Arena *a, const Kb *kb) {
  Lexicon lx = {0};
  int cn = 0, cc = 0, cs = 0, cm = 0;
  for (int i = 0; i < kb->nrecs; i++) {
    const KbRecord *r = &kb->recs[i];
    const KbItem *w = item_of(r, "words");
    if (str_eqc(r->kind, "noun")) {
      Noun *n = push(a, lx.nouns, lx.nnouns, cn);
      n->id = r->id;
      n->entity = item_of(r, "entity")->vals[0].text;
      n->kind = item_of(r, "kind")->vals[0].text;
      n->words = w->vals;
      n->nwords = w->nvals;
      const KbItem *p = item_of(r, "parents");
      if (p)
        n->parents = p->vals, n->nparents = p->nvals;
      const KbItem *per = item_of(r, "per");
      n->per = per ? per->vals[0].num : 10;
      int nf = 0;
      for (int k = 0; k < r->nitems; k++)
        nf += str_eqc(r->items[k].key, "field");
      n->fields = new(a, const KbItem *, nf + 1);
      for (int k = 0; k < r->nitems; k++)
        if (str_eqc(r->items[k].key, "field"))
          n->fields[n->nfields++] = &r->items[k];
    } else if (str_eqc(r->kind, "cue")) {
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
    } else if (str_eqc(r->kind, "skill")) {
      WordSet *s = push(a, lx.skills, lx.nskills, cs);
      *s = (WordSet){r->id, w->vals, w->nvals};
    } else if (str_eqc(r->kind, "measure")) {
      WordSet *s = push(a, lx.measures, lx.nmeasures, cm);
      *s = (WordSet){r->id, w->vals, w->nvals};
    }
  }
  return lx;
}

static bool word_is_list(Str w, const char *const *list) {
  for (; *list; list++)
    if (str_eqc(w, *list))
      return true;
  return false;
}

static bool in_set(const KbVal *v, int n, Str w) {
  for (int i = 0; i < n; i++)
    if (str_eq(v[i].text, w))
      return true;
  return false;
}

static const WordSet *measure(const Lexicon *lx, const char *id) {
  for (int i = 0; i < lx->nmeasures; i++)
    if (str_eqc(lx->measures[i].id, id))
      return &lx->measures[i];
  return NULL;
}

/* Is word w (or its singular) in measure `id`? */
static bool is_measure(Arena *a, const Lexicon *lx, const char *id, Str w) {
  const WordSet *m = measure(lx, id);
  return m && (in_set(m->words, m->nwords, w) || in_set(m->words, m->nwords, scan_singular(a, w)));
}

/* ---- the draft ---- */

typedef struct {
  double v;
  bool given;
  Str said;       /* the words of the text that gave it */
} Figure;

typedef enum {
  F_USERS, F_ACTIVE, F_REQUESTS, F_WRITES, F_DEVICES, F_INTERVAL, F_PEAK, F_BUDGET, F_P95, F_P99, F_UPTIME,
  F_DEADLINE, F_TEAM, F_COUNT_
} FigId;

typedef struct {
  const Noun *noun;
  Str name;
  int parent;          /* index into ents, or -1 */
  bool parent_said;    /* the text said so */
  bool added;          /* not named by the text: the features need it */
  bool principal;
  Str relname;         /* the relation field to the parent */
  Str said;            /* the word that named it */
} DEnt;

typedef struct {
  Str text;
  EnWords w;
  Lexicon lx;
  Figure f[F_COUNT_];
  Str level;
  bool level_given, solo;
  Str skills[MAX_SKILLS];
  int nskills;
  bool cue[64];
  Str cue_names[64];
  int ncues;
  int cue_first[64];   /* word index of the cue's first mention */
  int cue_last[64];    /* and of its last word */
  DEnt ents[MAX_ENTS];
  int nents;
  int principal;       /* -1: none */
  bool active_count;   /* users came from a daily-active figure */
  int recognised;      /* words the lexicon knew */
  const Noun **nat;    /* the noun each word names, or NULL */
  /* Settings left out because no stack meets them with the rest: */
  bool drop_region, drop_skills, drop_prefer, drop_compliance;
} Draft;

static bool has_cue(const Draft *d, const char *name) {
  for (int i = 0; i < d->ncues; i++)
    if (str_eqc(d->cue_names[i], name))
      return d->cue[i];
  return false;
}

static int cue_pos(const Draft *d, const char *name) {
  for (int i = 0; i < d->ncues; i++)
    if (str_eqc(d->cue_names[i], name) && d->cue[i])
      return d->cue_first[i];
  return -1;
}

static int cue_end(const Draft *d, const char *name) {
  for (int i = 0; i < d->ncues; i++)
    if (str_eqc(d->cue_names[i], name) && d->cue[i])
      return d->cue_last[i];
  return -1;
}

static const EnWord *wd(const Draft *d, int i) { return i >= 0 && i < d->w.n ? &d->w.v[i] : NULL; }

static bool is_word(const Draft *d, int i, const char *z) {
  const EnWord *x = wd(d, i);
  return x && x->kind == W_WORD && str_eqc(x->text, z);
}

/* ---- mentions ---- */

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

/* The noun a word names: itself, its singular, or (five letters or more,
 * same first letter) one edit away from a noun word. */
static const Noun *noun_of(Arena *a, const Lexicon *lx, Str w, bool fuzzy) {
  Str s = scan_singular(a, w);
  for (int i = 0; i < lx->nnouns; i++) {
    const Noun *n = &lx->nouns[i];
    if (in_set(n->words, n->nwords, w) || in_set(n->words, n->nwords, s))
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
      /* four letters: only a swap of two letters ("tsak") */
      if (w.n == 4 && !(x.n == 4 && scan_distance(w, x, 1) == 1 && same_letters(w, x)))
        continue;
      if (scan_distance(s, x, 1) <= 1 || scan_distance(w, x, 1) <= 1)
        return n;
    }
  }
  return NULL;
}

static int ent_of_noun(const Draft *d, const Noun *n) {
  for (int i = 0; i < d->nents; i++)
    if (d->ents[i].noun == n)
      return i;
  return -1;
}

static int add_ent(Draft *d, const Noun *n, Str said, bool added) {
  int k = ent_of_noun(d, n);
  if (k >= 0 || d->nents == MAX_ENTS)
    return k;
  d->ents[d->nents] = (DEnt){.noun = n, .name = n->entity, .parent = -1, .added = added, .said = said};
  return d->nents++;
}

static const Noun *noun_id(const Lexicon *lx, const char *id) {
  for (int i = 0; i < lx->nnouns; i++)
    if (str_eqc(lx->nouns[i].id, id))
      return &lx->nouns[i];
  return NULL;
}

/* EnWords that are never read as a noun (too common to mean an entity). */
static bool stop_noun(Str w) {
  static const char *const stop[] = {"a", "an", "the", "and", "or", "for", "with", "of", "to", "in", "on", "is",
                                     "are", "be", "it", "we", "i", "my", "our", "their", "can", "will", "that",
                                     "this", "from", "by", "at", "as", "app", "apps", "application", "system",
                                     "platform", "service", "website", "site", "tool", "api", "thing", "things", 0};
  return word_is_list(w, stop);
}

/* Everyday words one letter away from a noun of the lexicon. */
static bool common_word(Str w) {
  static const char *const common[] = {"senior", "seniors", "things", "those", "these", "where", "there", "their",
                                       "other", "others", "shows", "stores", "hosts", "costs", "lists", "takes",
                                       "makes", "gives", "notes", "votes", "texts", "tests", "teams", "terms",
                                       "items", "times", "lines", "rules", "types", "pages", "parts", "ports",
                                       "posted", "places", "plans", "price", "prices", "words", "works", "world",
                                       "alerted", "course", "sender", "render", "member", "number", "numbers",
                                       "card", "cards", "cares", "shares", "boards", "roles", "rates", 0};
  return word_is_list(w, common);
}

static void scan_mentions(Arena *a, Draft *d) {
  const Lexicon *lx = &d->lx;
  for (int i = 0; i < lx->ncues && d->ncues < 64; i++) {
    d->cue_names[d->ncues] = lx->cues[i].feature;
    d->cue_first[d->ncues] = -1;
    d->ncues++;
  }
  d->nat = new(a, const Noun *, d->w.n + 1);
  for (int i = 0; i < d->w.n; i++) {
    const EnWord *x = &d->w.v[i];
    if (x->kind != W_WORD)
      continue;
    bool known = false;
    /* "in order to" is not an order */
    bool skip = str_eqc(x->text, "order") && is_word(d, i - 1, "in") && is_word(d, i + 1, "to");
    bool other = false;   /* a word the lexicon knows as something else is not a typo */
    for (int m = 0; m < lx->nmeasures && !other; m++)
      other = is_measure(a, lx, str_dupz(a, lx->measures[m].id), x->text);
    for (int c = 0; c < lx->ncues && !other; c++)
      other = in_set(lx->cues[c].words, lx->cues[c].nwords, x->text);
    const Noun *n = skip || stop_noun(x->text) ? NULL : noun_of(a, lx, x->text, !other && !common_word(x->text));
    d->nat[i] = n;
    if (n) {
      add_ent(d, n, x->text, false);
      known = true;
    }
    for (int c = 0; c < lx->ncues; c++) {
      const Cue *cu = &lx->cues[c];
      bool hit = in_set(cu->words, cu->nwords, x->text);
      int hlen = 1;
      for (int p = 0; !hit && p < cu->nphrases; p++) {
        const EnWords *ph = &cu->phrases[p];
        bool all = ph->n > 0 && i + ph->n <= d->w.n;
        for (int k = 0; all && k < ph->n; k++)
          all = d->w.v[i + k].kind == ph->v[k].kind && str_eq(d->w.v[i + k].text, ph->v[k].text);
        hit = all;
        hlen = ph->n;
      }
      /* "go live" is a launch, not a live update */
      if (hit && str_eqc(cu->feature, "live") && (is_word(d, i - 1, "go") || is_word(d, i - 1, "goes")))
        hit = false;
      if (hit && !d->cue[c]) {
        d->cue[c] = true;
        d->cue_first[c] = i;
        d->cue_last[c] = i + hlen - 1;
      }
      known |= hit;
    }
    for (int s = 0; s < lx->nskills; s++)
      if (in_set(lx->skills[s].words, lx->skills[s].nwords, x->text)) {
        bool dup = false;
        for (int k = 0; k < d->nskills; k++)
          dup |= str_eq(d->skills[k], lx->skills[s].id);
        if (!dup && d->nskills < MAX_SKILLS)
          d->skills[d->nskills++] = lx->skills[s].id;
        known = true;
      }
    for (int m = 0; m < lx->nmeasures && !known; m++)
      known = in_set(lx->measures[m].words, lx->measures[m].nwords, x->text);
    d->recognised += known;
  }
}

/* ---- figures ---- */

/* The original text from word i to the end of word j. */
static Str said(const Draft *d, int i, int j) {
  if (j < i)
    j = i;
  ptrdiff_t s = d->w.v[i].off, e = d->w.v[j].off + d->w.v[j].text.n;
  if (e > d->text.n)
    e = d->text.n;
  if (e - s > 80)
    e = s + 80;
  return (Str){d->text.p + s, e - s};
}

static void set_fig(Draft *d, FigId f, double v, Str s, bool keep_max) {
  Figure *g = &d->f[f];
  if (g->given && !(keep_max && v > g->v))
    return;
  *g = (Figure){v, true, s};
}

/* EnWords skipped between a number and the noun it counts. */
static bool adjective(Arena *a, const Draft *d, Str w) {
  static const char *const adj[] = {"daily", "monthly", "weekly", "active", "concurrent", "registered", "paying",
                                    "unique", "total", "new", "more", "field", "connected", "iot", "smart",
                                    "expected", "initial", "simultaneous", "online", "regular", "happy", "other",
                                    "different", "or", "so", "local", "remote", "full-time", "part-time", "backend",
                                    "frontend", "full-stack", "fullstack", "software", "web", "mobile", "ios",
                                    "android", "api", 0};
  return word_is_list(w, adj) || is_measure((Arena *)a, &d->lx, "junior", w) ||
         is_measure((Arena *)a, &d->lx, "mid", w) || is_measure((Arena *)a, &d->lx, "senior", w);
}

static int sentence_start(const Draft *d, int i) {
  while (i > 0 && d->w.v[i - 1].kind != W_BREAK)
    i--;
  return i;
}

static int sentence_end(const Draft *d, int i) {
  while (i + 1 < d->w.n && d->w.v[i + 1].kind != W_BREAK)
    i++;
  return i;
}

/* Is a word of measure `id` within `back` words before or `fwd` after i? */
static bool near(Arena *a, const Draft *d, int i, const char *id, int back, int fwd) {
  int s = sentence_start(d, i), e = sentence_end(d, i);
  for (int k = i - 1; k >= s && k >= i - back; k--)
    if (d->w.v[k].kind == W_WORD && is_measure(a, &d->lx, id, d->w.v[k].text))
      return true;
  for (int k = i + 1; k <= e && k <= i + fwd; k++)
    if (d->w.v[k].kind == W_WORD && is_measure(a, &d->lx, id, d->w.v[k].text))
      return true;
  return false;
}

static bool near_word(const Draft *d, int i, const char *const *list, int back, int fwd) {
  int s = sentence_start(d, i), e = sentence_end(d, i);
  for (int k = i - 1; k >= s && k >= i - back; k--)
    if (d->w.v[k].kind == W_WORD && word_is_list(d->w.v[k].text, list))
      return true;
  for (int k = i + 1; k <= e && k <= i + fwd; k++)
    if (d->w.v[k].kind == W_WORD && word_is_list(d->w.v[k].text, list))
      return true;
  return false;
}

/* A period phrase at word i ("a day", "per second", "/month", "daily"):
 * its seconds, and *len words; 0 if none. */
static double period_words(const Draft *d, int i, int *len) {
  static const char *const lead[] = {"per", "a", "an", "each", "every", "/", 0};
  static const char *const pw[] = {"s", "sec", "second", "min", "minute", "h", "hour", "day", "week",
                                   "month", "year", "night", 0};
  static const double ps[] = {1, 1, 1, 60, 60, 3600, 3600, 86400, 604800, 2629800, 31557600, 86400};
  static const char *const adv[] = {"daily", "hourly", "weekly", "monthly", "yearly", "annually", 0};
  static const double as[] = {86400, 3600, 604800, 2629800, 31557600, 31557600};
  const EnWord *x = wd(d, i), *y = wd(d, i + 1);
  if (!x || x->kind != W_WORD)
    return 0;
  for (int k = 0; adv[k]; k++)
    if (str_eqc(x->text, adv[k])) {
      *len = 1;
      return as[k];
    }
  if (!y || y->kind != W_WORD || !word_is_list(x->text, lead))
    return 0;
  for (int k = 0; pw[k]; k++)
    if (str_eqc(y->text, pw[k])) {
      *len = 2;
      return ps[k];
    }
  return 0;
}

static void bind_number(Arena *a, Draft *d, int i) {
  const EnWord *x = &d->w.v[i];
  int s = sentence_start(d, i), e = sentence_end(d, i);
  double v = x->value;
  /* the noun a count counts, past adjectives */
  int j = i + 1;
  bool active_adj = false;
  Str level = {0};
  while (j <= e && d->w.v[j].kind == W_WORD && adjective(a, d, d->w.v[j].text)) {
    Str w = d->w.v[j].text;
    active_adj |= str_eqc(w, "active") || str_eqc(w, "daily") || str_eqc(w, "concurrent");
    if (is_measure(a, &d->lx, "junior", w))
      level = S("junior");
    else if (is_measure(a, &d->lx, "mid", w))
      level = S("mid");
    else if (is_measure(a, &d->lx, "senior", w))
      level = S("senior");
    j++;
  }
  Str noun = j <= e && d->w.v[j].kind == W_WORD ? d->w.v[j].text : (Str){0};
  /* "4 seniors": the level word is the noun */
  if (!noun.n && level.n && j - 1 > i)
    noun = d->w.v[j - 1].text, j--;
  double per = x->per;
  int plen = 0;
  if (per == 0 && noun.n)
    per = period_words(d, j + 1, &plen);
  static const char *const price[] = {"price", "priced", "prices", "fee", "fees", "sell", "sells", "selling",
                                      "charge", "charges", "ticket", "tickets", "costs", "worth", "pay", "pays",
                                      "salary", "salaries", "earn", "earns", 0};
  static const char *const pct[] = {"p50", "p90", "p95", "p99", 0};
  static const char *const every[] = {"every", "each", 0};
  static const char *const within[] = {"in", "within", "by", "after", "next", 0};
  switch (x->unit) {
  case NU_MONEY: {
    if (near_word(d, i, price, 3, 0) || is_word(d, i + 1, "per") || is_word(d, i + 1, "each"))
      return;
    double month = per > 0 ? v * 2629800.0 / per : v;
    set_fig(d, F_BUDGET, month, said(d, i, i), false);
    return;
  }
  case NU_PERCENT:
    if ((near(a, d, i, "uptime", 3, 3) || v >= 99) && v >= 90 && v < 100)
      set_fig(d, F_UPTIME, v, said(d, i, i + 1 <= e ? i + 1 : i), false);
    else if (near(a, d, i, "active", 3, 4) && v > 0 && v <= 100)
      set_fig(d, F_ACTIVE, v, said(d, i, i + 1 <= e ? i + 1 : i), false);
    return;
  case NU_DURATION: {
    for (int k = i - 1; k >= s && k >= i - 3; k--)
      if (d->w.v[k].kind == W_WORD && word_is_list(d->w.v[k].text, pct)) {
        if (v > 0 && v <= 600)
          set_fig(d, str_eqc(d->w.v[k].text, "p99") ? F_P99 : F_P95, v, said(d, k, i), false);
        return;
      }
    if (near_word(d, i, every, 2, 0) && v <= 86400 && v > 0) {
      set_fig(d, F_INTERVAL, v, said(d, i - 1 >= s ? i - 1 : i, i), false);
      return;
    }
    if (near(a, d, i, "latency", 4, 2) && v > 0 && v <= 60) {
      set_fig(d, F_P95, v, said(d, i, i), false);
      return;
    }
    if (v >= 86400 && (near(a, d, i, "deadline", 6, 2) || near_word(d, i, within, 1, 0))) {
      set_fig(d, F_DEADLINE, v, said(d, i - 1 >= s ? i - 1 : i, i), false);
      return;
    }
    if (v > 0 && v < 10 && x->text.n && str_has_prefix((Str){x->text.p + x->text.n - 2, 2}, S("ms")))
      set_fig(d, F_P95, v, said(d, i, i), false);
    return;
  }
  case NU_FACTOR:
    if (v >= 1 && v <= 1000)
      set_fig(d, F_PEAK, v, said(d, i, i + 1 <= e ? i + 1 : i), false);
    return;
  case NU_SIZE:
    return;
  case NU_COUNT:
    break;
  }
  if (v <= 0 || v > 1e12)
    return;
  static const char *const rps[] = {"rps", "qps", "tps", "req", "reqs", 0};
  if (noun.n && word_is_list(noun, rps)) {
    set_fig(d, F_REQUESTS, v * 86400, said(d, i, j), true);
    return;
  }
  static const char *const team_of[] = {"team", "crew", 0};
  bool team_before = i >= 2 && is_word(d, i - 1, "of") && d->w.v[i - 2].kind == W_WORD &&
                     word_is_list(d->w.v[i - 2].text, team_of);
  bool team_noun = noun.n && (is_measure(a, &d->lx, "team", noun) || is_measure(a, &d->lx, "junior", noun) ||
                              is_measure(a, &d->lx, "mid", noun) || is_measure(a, &d->lx, "senior", noun));
  if ((team_before || team_noun) && v >= 1 && v <= 10000 && v == floor(v)) {
    set_fig(d, F_TEAM, v, said(d, team_before ? i - 2 : i, noun.n ? j : i), false);
    if (level.n && !d->level_given)
      d->level = level, d->level_given = true;
    if (noun.n && !d->level_given) {
      if (is_measure(a, &d->lx, "junior", noun))
        d->level = S("junior"), d->level_given = true;
      else if (is_measure(a, &d->lx, "senior", noun))
        d->level = S("senior"), d->level_given = true;
    }
    return;
  }
  if (!noun.n)
    return;
  const Noun *n = noun_of(a, &d->lx, noun, false);
  bool person = (n && str_eqc(n->kind, "person")) || is_measure(a, &d->lx, "users", noun);
  bool device = (n && str_eqc(n->kind, "device")) || is_measure(a, &d->lx, "devices", noun);
  if (per > 0 && is_measure(a, &d->lx, "requests", noun)) {
    set_fig(d, F_REQUESTS, v * 86400 / per, said(d, i, j + plen), true);
    return;
  }
  if (per > 0 && is_measure(a, &d->lx, "writes", noun) && !person) {
    set_fig(d, F_WRITES, v / per, said(d, i, j + plen), true);
    return;
  }
  if (person) {
    if (active_adj || per > 0) {
      d->active_count = true;
      set_fig(d, F_ACTIVE, v, said(d, i, j + plen), true);
    } else
      set_fig(d, F_USERS, v, said(d, i, j), true);
    return;
  }
  if (device) {
    set_fig(d, F_DEVICES, v, said(d, i, j), true);
    return;
  }
  if (per > 0 && n)   /* "2,000 orders a day": writes */
    set_fig(d, F_WRITES, v / per, said(d, i, j + plen), true);
}

static void scan_figures(Arena *a, Draft *d) {
  for (int i = 0; i < d->w.n; i++)
    if (d->w.v[i].kind == W_NUMBER)
      bind_number(a, d, i);
  /* A daily-active count, or an active percentage read as a count. */
  Figure *act = &d->f[F_ACTIVE];
  if (d->active_count && act->given) {
    if (d->f[F_USERS].given && d->f[F_USERS].v >= act->v)
      act->v = 100 * act->v / d->f[F_USERS].v;
    else {
      d->f[F_USERS] = (Figure){act->v * 5, false, act->said};
      act->v = 20;
      act->given = false;
    }
    if (act->v < 1)
      act->v = 1;
  }
  /* team: "I'm a junior developer", "just me"; "every minute" */
  for (int i = 0; i < d->w.n; i++) {
    const EnWord *x = &d->w.v[i];
    if (x->kind != W_WORD)
      continue;
    int plen;
    double every = str_eqc(x->text, "every") ? period_words(d, i, &plen) : 0;
    if (every > 0 && every <= 86400 && !d->f[F_INTERVAL].given)
      d->f[F_INTERVAL] = (Figure){every, true, said(d, i, i + 1)};
    bool solo = is_measure(a, &d->lx, "solo", x->text) ||
                (str_eqc(x->text, "i") && (is_word(d, i + 1, "am") || is_word(d, i + 1, "know"))) ||
                (str_eqc(x->text, "just") && is_word(d, i + 1, "me"));
    if (solo && !d->f[F_TEAM].given) {
      d->f[F_TEAM] = (Figure){1, true, said(d, i, i + 3 < d->w.n ? i + 3 : d->w.n - 1)};
      d->solo = true;
    }
    if (!d->level_given && (near(a, d, i, "team", 3, 3) || near(a, d, i, "solo", 3, 0))) {
      if (is_measure(a, &d->lx, "junior", x->text))
        d->level = S("junior"), d->level_given = true;
      else if (is_measure(a, &d->lx, "mid", x->text))
        d->level = S("mid"), d->level_given = true;
      else if (is_measure(a, &d->lx, "senior", x->text))
        d->level = S("senior"), d->level_given = true;
    }
  }
}

/* ---- entities ---- */

static bool kind_is(const DEnt *e, const char *k) { return str_eqc(e->noun->kind, k); }

/* Would making p the parent of c close a cycle? */
static bool cycle(const Draft *d, int c, int p) {
  for (int k = p, steps = 0; k >= 0 && steps <= MAX_ENTS; k = d->ents[k].parent, steps++)
    if (k == c)
      return true;
  return false;
}

/* The text says B belongs to A: A, then a possessive or a verb of having,
 * then B, in one sentence ("users manage their tasks", "rooms have
 * messages", "a patient's appointments"). */
static int parent_from_text(const Draft *d, int c) {
  static const char *const link[] = {"their", "its", "his", "her", "own", "owns", "have", "has", "with",
                                     "contain", "contains", "hold", "holds", "s", 0};
  for (int i = 0; i < d->w.n; i++) {
    const EnWord *x = &d->w.v[i];
    if (x->kind != W_WORD || d->nat[i] != d->ents[c].noun)
      continue;
    /* look back in the sentence: link word, then an entity before it */
    int s = sentence_start(d, i);
    bool linked = false;
    for (int k = i - 1; k >= s && k >= i - 6; k--) {
      const EnWord *y = &d->w.v[k];
      if (y->kind != W_WORD)
        continue;
      if (word_is_list(y->text, link))
        linked = true;
      const Noun *n = d->nat[k];
      if (n && n != d->ents[c].noun) {
        int p = ent_of_noun(d, n);
        if (p >= 0 && linked && !kind_is(&d->ents[c], "person"))
          return p;
        break;
      }
    }
  }
  return -1;
}

static bool noun_in(const KbVal *v, int n, const Noun *x) {
  for (int i = 0; i < n; i++)
    if (str_eq(v[i].text, x->id))
      return true;
  return false;
}

static bool ent_has_field(const DEnt *e, Str name) {
  for (int i = 0; i < e->noun->nfields; i++)
    if (str_eq(e->noun->fields[i]->vals[0].text, name))
      return true;
  return false;
}

static int first_of_kind(const Draft *d, const char *kind) {
  for (int i = 0; i < d->nents; i++)
    if (kind_is(&d->ents[i], kind) && !d->ents[i].principal)
      return i;
  return -1;
}

static int ensure(Draft *d, const char *id) {
  const Noun *n = noun_id(&d->lx, id);
  if (!n)
    return -1;
  int k = ent_of_noun(d, n);
  return k >= 0 ? k : add_ent(d, n, (Str){0}, true);
}

static void build_entities(Arena *a, Draft *d) {
  /* What the features need, when the text names it only by a verb. */
  if ((has_cue(d, "chat")) && first_of_kind(d, "message") < 0) {
    if (first_of_kind(d, "group") < 0)
      ensure(d, "room");
    ensure(d, "message");
  }
  if (has_cue(d, "upload") && first_of_kind(d, "file") < 0)
    ensure(d, "attachment");
  if (has_cue(d, "ingest") || d->f[F_DEVICES].given) {
    if (first_of_kind(d, "device") < 0)
      ensure(d, "device");
    if (first_of_kind(d, "reading") < 0)
      ensure(d, "reading");
  }
  /* The principal: the first person named who belongs to no one (a
   * candidate belongs to a job, a contact to a company), else a User. */
  d->principal = -1;
  for (int i = 0; i < d->nents && d->principal < 0; i++)
    if (kind_is(&d->ents[i], "person") && !d->ents[i].noun->nparents)
      d->principal = i;
  if (d->principal < 0 && (d->nents || has_cue(d, "auth"))) {
    const Noun *u = noun_id(&d->lx, "user");
    if (u && d->nents < MAX_ENTS) {
      /* put it first: it owns the rest */
      memmove(&d->ents[1], &d->ents[0], sizeof(DEnt) * (size_t)d->nents);
      d->ents[0] = (DEnt){.noun = u, .name = u->entity, .parent = -1, .added = true};
      d->nents++;
      d->principal = 0;
    }
  }
  if (d->principal >= 0)
    d->ents[d->principal].principal = true;
  /* Parents. */
  for (int c = 0; c < d->nents; c++) {
    DEnt *e = &d->ents[c];
    if (e->principal)
      continue;
    int p = parent_from_text(d, c);
    if (p >= 0 && !cycle(d, c, p) && p != c) {
      e->parent = p;
      e->parent_said = true;
    }
    for (int k = 0; k < e->noun->nparents && e->parent < 0; k++)
      for (int q = 0; q < d->nents; q++)
        if (q != c && str_eq(d->ents[q].noun->id, e->noun->parents[k].text) && !cycle(d, c, q)) {
          e->parent = q;
          break;
        }
    /* things people keep belong to the principal */
    if (e->parent < 0 && d->principal >= 0 && e->noun->nparents && !cycle(d, c, d->principal))
      e->parent = d->principal;
  }
  for (int c = 0; c < d->nents; c++) {
    DEnt *e = &d->ents[c];
    if (e->parent < 0)
      continue;
    Str rel = e->parent == d->principal ? S("owner") : str_lower_first(a, d->ents[e->parent].name);
    if (ent_has_field(e, rel))
      rel = str_printf(a, "%.*s_ref", STRF(rel));
    e->relname = rel;
  }
  (void)noun_in;
}

/* Does e's chain of parents reach the principal? */
static bool owned(const Draft *d, int e) {
  for (int k = e, steps = 0; k >= 0 && steps <= MAX_ENTS; k = d->ents[k].parent, steps++)
    if (k == d->principal)
      return true;
  return false;
}

/* The first string field of e named title or name, or any string field. */
static Str text_field(const DEnt *e) {
  Str any = {0};
  for (int i = 0; i < e->noun->nfields; i++) {
    Str n = e->noun->fields[i]->vals[0].text, t = e->noun->fields[i]->vals[1].text;
    bool str = str_has_prefix(t, S("string")) || str_has_prefix(t, S("text"));
    if (str && (str_eqc(n, "title") || str_eqc(n, "name")))
      return n;
    if (str && !any.n)
      any = n;
  }
  return any;
}

static Str time_field(const DEnt *e) {
  for (int i = 0; i < e->noun->nfields; i++) {
    Str t = e->noun->fields[i]->vals[1].text;
    if (str_has_prefix(t, S("timestamp")) || str_has_prefix(t, S("date")))
      return e->noun->fields[i]->vals[0].text;
  }
  return (Str){0};
}

static Str blob_field(const DEnt *e) {
  for (int i = 0; i < e->noun->nfields; i++)
    if (str_has_prefix(e->noun->fields[i]->vals[1].text, S("blob")))
      return e->noun->fields[i]->vals[0].text;
  return (Str){0};
}

/* The entity named nearest after word `at` (within 6 words), else -1. */
static int ent_after(const Draft *d, int at) {
  for (int k = at + 1; at >= 0 && k < d->w.n && k <= at + 6; k++) {
    if (d->w.v[k].kind == W_BREAK)
      break;
    const Noun *n = d->nat[k];
    int e = n ? ent_of_noun(d, n) : -1;
    if (e >= 0)
      return e;
  }
  return -1;
}

/* The main record: the first entity named that is not a person. */
static int main_ent(const Draft *d) {
  for (int i = 0; i < d->nents; i++)
    if (!kind_is(&d->ents[i], "person") && !d->ents[i].added)
      return i;
  for (int i = 0; i < d->nents; i++)
    if (!d->ents[i].principal)
      return i;
  return -1;
}

/* ---- render ---- */

/* A value changed for the sensitivity search. */
typedef struct {
  int fig;        /* FigId, or -1 for none; F_COUNT_ for the team level */
  double v;
  Str level;
} Vary;

/* Copies s as valid UTF-8 without control characters or quotes, for a
 * string or a comment (invalid bytes become '?', newlines spaces). */
static void put_clean(Buf *b, Str s, bool in_string) {
  for (ptrdiff_t i = 0; i < s.n;) {
    unsigned char c = (unsigned char)s.p[i];
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7f)
        buf_putc(b, ' ');
      else if (in_string && (c == '"' || c == '\\'))
        buf_putc(b, '\'');
      else
        buf_putc(b, (char)c);
      i++;
      continue;
    }
    int len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    bool ok = len && i + len <= s.n;
    for (int k = 1; ok && k < len; k++)
      ok = ((unsigned char)s.p[i + k] & 0xC0) == 0x80;
    if (ok && len == 3) {
      unsigned char c1 = (unsigned char)s.p[i + 1];
      ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
    }
    if (ok && len == 4) {
      unsigned char c1 = (unsigned char)s.p[i + 1];
      ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
    }
    if (ok) {
      buf_put(b, s.p + i, len);
      i += len;
    } else {
      buf_putc(b, '?');
      i++;
    }
  }
}

/* Pads the current line to column `col` for a trailing comment. */
static void pad_to(Buf *b, int col) {
  ptrdiff_t ls = b->n;
  while (ls > 0 && b->p[ls - 1] != '\n')
    ls--;
  ptrdiff_t w = b->n - ls;
  buf_fill(b, ' ', w < col ? col - w : 1);
}

static void from_text(Buf *b, Str s) {
  pad_to(b, 30);
  buf_puts(b, "# from the text: \"");
  put_clean(b, s, true);
  buf_puts(b, "\"\n");
}

static void assumed(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void assumed(Buf *b, const char *fmt, ...) {
  pad_to(b, 30);
  buf_puts(b, "# assumed: ");
  va_list ap;
  va_start(ap, fmt);
  char tmp[512];
  vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  buf_puts(b, tmp);
  buf_puts(b, " \xe2\x80\x94 change me\n");
}

static double fig(const Draft *d, const Vary *vy, FigId id, double dflt, bool *given) {
  if (vy && vy->fig == (int)id) {
    *given = false;
    return vy->v;
  }
  *given = d->f[id].given;
  return d->f[id].given || d->f[id].v > 0 ? d->f[id].v : dflt;
}

/* Figures as the spec writes them. */
static void put_num(Buf *b, double v) {
  if (v == floor(v) && fabs(v) < 1e15)
    buf_printf(b, "%.0f", v);
  else
    buf_printf(b, "%.4g", v);
}

static void put_duration(Buf *b, double s) {
  if (s < 1)
    buf_printf(b, "%.0fms", s * 1000 < 1 ? 1 : s * 1000);
  else if (s < 120 && s == floor(s))
    buf_printf(b, "%.0fs", s);
  else if (s < 7200)
    buf_printf(b, "%.0fm", s / 60 < 1 ? 1 : floor(s / 60 + 0.5));
  else if (s < 2 * 86400)
    buf_printf(b, "%.0fh", floor(s / 3600 + 0.5));
  else if (s < 8 * 7 * 86400)
    buf_printf(b, "%.0f days", floor(s / 86400 + 0.5));
  else if (fabs(s / 2629800.0 - floor(s / 2629800.0 + 0.5)) < 0.02)
    buf_printf(b, "%.0f months", floor(s / 2629800.0 + 0.5));
  else
    buf_printf(b, "%.0f weeks", floor(s / 604800 + 0.5));
}

static Str project_name(Arena *a, const Draft *d) {
  for (int i = 0; i + 1 < d->w.n; i++)
    if ((is_word(d, i, "called") || is_word(d, i, "named")) && d->w.v[i + 1].kind == W_WORD) {
      Str w = d->w.v[i + 1].text;
      char *p = new(a, char, w.n);
      ptrdiff_t n = 0;
      for (ptrdiff_t k = 0; k < w.n && n < 40; k++)
        if ((w.p[k] >= 'a' && w.p[k] <= 'z') || (w.p[k] >= '0' && w.p[k] <= '9'))
          p[n++] = w.p[k];
      if (n) {
        p[0] = (char)(p[0] >= 'a' && p[0] <= 'z' ? p[0] - 'a' + 'A' : p[0]);
        return (Str){p, n};
      }
    }
  return S("Draft");
}

static bool compliance(const Draft *d, const char *w) { return has_cue(d, w); }

static bool health(const Draft *d) {
  for (int i = 0; i < d->nents; i++)
    if (str_eqc(d->ents[i].noun->id, "patient") || str_eqc(d->ents[i].noun->id, "prescription"))
      return true;
  return false;
}

static void render_project(Arena *a, const Draft *d, const Vary *vy, Buf *b) {
  bool g;
  buf_puts(b, "project \"");
  put_clean(b, project_name(a, d), true);
  buf_puts(b, "\" {\n  idea \"");
  Str idea = d->text;
  while (idea.n && (unsigned char)idea.p[0] <= ' ')
    idea.p++, idea.n--;
  while (idea.n && (unsigned char)idea.p[idea.n - 1] <= ' ')
    idea.n--;
  if (idea.n > IDEA_MAX) {
    idea.n = IDEA_MAX;
    while (idea.n && ((unsigned char)idea.p[idea.n] & 0xC0) == 0x80)
      idea.n--;
  }
  if (!idea.n)
    idea = S("Describe the idea here.");
  put_clean(b, idea, true);
  buf_puts(b, "\"\n");

  double users = fig(d, vy, F_USERS, 1000, &g);
  buf_puts(b, "  users ");
  put_num(b, floor(users + 0.5));
  if (g)
    from_text(b, d->f[F_USERS].said);
  else if (d->active_count && !(vy && vy->fig == F_USERS))
    assumed(b, "the %s daily active are 20%% of all users", "stated");
  else
    assumed(b, "%.0f users", users);
  double active = fig(d, vy, F_ACTIVE, 20, &g);
  buf_printf(b, "  active %.0f%%", active < 1 ? 1 : active > 100 ? 100 : active);
  if (g)
    from_text(b, d->f[F_ACTIVE].said);
  else
    assumed(b, "%.0f%% daily active users", active);
  if (d->f[F_REQUESTS].given && !(vy && vy->fig == F_USERS)) {
    double rq = d->f[F_REQUESTS].v;
    double au = users * active / 100;
    if (rq < au)
      rq = au;
    buf_puts(b, "  requests ");
    put_num(b, floor(rq + 0.5));
    buf_puts(b, "/day");
    from_text(b, d->f[F_REQUESTS].said);
  }
  if (d->f[F_DEVICES].given || (vy && vy->fig == F_DEVICES)) {
    double dv = fig(d, vy, F_DEVICES, 0, &g);
    buf_puts(b, "  devices ");
    put_num(b, floor(dv + 0.5));
    if (g)
      from_text(b, d->f[F_DEVICES].said);
    else
      assumed(b, "%.0f devices", dv);
  }
  if (d->f[F_WRITES].given) {
    buf_puts(b, "  writes ");
    double wr = d->f[F_WRITES].v;
    put_num(b, wr >= 10 ? floor(wr + 0.5) : floor(wr * 1000 + 0.5) / 1000);
    buf_puts(b, "/s");
    from_text(b, d->f[F_WRITES].said);
  }
  if (d->f[F_INTERVAL].given && d->f[F_DEVICES].given) {
    buf_puts(b, "  interval ");
    put_duration(b, d->f[F_INTERVAL].v);
    from_text(b, d->f[F_INTERVAL].said);
  }
  double peak = fig(d, vy, F_PEAK, 3, &g);
  buf_puts(b, "  peak ");
  put_num(b, peak);
  buf_putc(b, 'x');
  if (g)
    from_text(b, d->f[F_PEAK].said);
  else
    assumed(b, "the busiest hour carries %gx the average load", peak);
  if (d->f[F_BUDGET].given || (vy && vy->fig == F_BUDGET)) {
    double bu = fig(d, vy, F_BUDGET, 0, &g);
    buf_puts(b, "  budget $");
    put_num(b, floor(bu + 0.5));
    buf_puts(b, "/month");
    if (g)
      from_text(b, d->f[F_BUDGET].said);
    else
      assumed(b, "a budget of $%.0f a month", bu);
  } else
    buf_puts(b, "  # assumed: no budget cap (add 'budget $N/month' if there is one) \xe2\x80\x94 change me\n");
  double p95 = fig(d, vy, F_P95, 0, &g);
  bool g99;
  double p99 = fig(d, vy, F_P99, 0, &g99);
  if (p95 > 0 && p99 > 0 && p99 < p95)
    p99 = p95;
  if (p95 > 0 || p99 > 0) {
    buf_puts(b, "  latency");
    if (p95 > 0)
      buf_puts(b, " p95 "), put_duration(b, p95);
    if (p99 > 0)
      buf_puts(b, " p99 "), put_duration(b, p99);
    if (g || g99)
      from_text(b, d->f[g ? F_P95 : F_P99].said);
    else
      assumed(b, "a p95 target of %.0f ms", p95 * 1000);
  } else {
    buf_puts(b, "  latency p95 300ms");
    assumed(b, "a p95 latency target of 300 ms");
  }
  double up = fig(d, vy, F_UPTIME, 99.9, &g);
  buf_puts(b, "  availability ");
  buf_printf(b, "%.10g%%", up);
  if (g)
    from_text(b, d->f[F_UPTIME].said);
  else
    assumed(b, "%.10g%% availability", up);
  double team = fig(d, vy, F_TEAM, 2, &g);
  Str level = vy && vy->fig == F_COUNT_ ? vy->level : d->level_given ? d->level : S("mid");
  bool lg = d->level_given && !(vy && vy->fig == F_COUNT_);
  buf_printf(b, "  team %.0f %.*s", team < 1 ? 1 : team > 10000 ? 10000 : floor(team), STRF(level));
  if (d->nskills && !d->drop_skills) {
    buf_puts(b, " { skills");
    for (int i = 0; i < d->nskills; i++)
      buf_printf(b, " %.*s", STRF(d->skills[i]));
    buf_puts(b, " }");
  }
  if (g && lg)
    from_text(b, d->f[F_TEAM].said);
  else if (g)
    assumed(b, "the team is of %.*s level (the text gives %.0f)", STRF(level), team);
  else if (lg)
    assumed(b, "a team of %.0f (the text gives the level)", team);
  else
    assumed(b, "a team of %.0f %.*s-level developers", team, STRF(level));
  if (d->nskills && !d->drop_prefer && !d->drop_skills) {
    buf_puts(b, "  prefer existing > managed > self-hosted");
    assumed(b, "what the team knows comes first");
  } else if (has_cue(d, "selfhost")) {
    buf_puts(b, "  prefer self-hosted > managed\n");
  } else if (has_cue(d, "opensource")) {
    buf_puts(b, "  prefer open-source > managed\n");
  }
  static const char *const regimes[] = {"gdpr", "hipaa", "pci", "soc2", "ccpa", "ferpa", 0};
  Buf said_c = {0}, assumed_c = {0};
  for (int i = 0; regimes[i]; i++)
    if (compliance(d, regimes[i]))
      buf_printf(&said_c, " %s", regimes[i]);
  if (!compliance(d, "hipaa") && health(d))
    buf_puts(&assumed_c, " hipaa");
  if (!compliance(d, "gdpr") && has_cue(d, "eu"))
    buf_puts(&assumed_c, " gdpr");
  if ((said_c.n || assumed_c.n) && !d->drop_compliance) {
    buf_puts(b, "  compliance");
    buf_put(b, said_c.p, said_c.n);
    buf_put(b, assumed_c.p, assumed_c.n);
    if (assumed_c.n)
      assumed(b, "%.*s applies to this data", (int)(assumed_c.n - 1), assumed_c.p + 1);
    else
      buf_putc(b, '\n');
  }
  buf_free(&said_c);
  buf_free(&assumed_c);
  if (has_cue(d, "eu") && !d->drop_region) {
    buf_puts(b, "  region eu");
    from_text(b, said(d, cue_pos(d, "eu"), cue_end(d, "eu")));
  }
  if (d->drop_region || d->drop_skills || d->drop_prefer || d->drop_compliance)
    buf_printf(b, "  # left out: %s%s%s%s(no technology in the knowledge base meets them with the rest) \xe2\x80\x94 check\n",
               d->drop_region ? "region " : "", d->drop_skills ? "skills " : "", d->drop_prefer ? "prefer " : "",
               d->drop_compliance ? "compliance " : "");
  if (d->f[F_DEADLINE].given) {
    buf_puts(b, "  deadline ");
    put_duration(b, d->f[F_DEADLINE].v < 2 * 86400 ? 2 * 86400 : d->f[F_DEADLINE].v);
    from_text(b, d->f[F_DEADLINE].said);
  }
  buf_puts(b, "}\n");
}

/* "a" or "an" before a name. */
static const char *article(Str name) {
  char c = name.n ? name.p[0] : 'x';
  return strchr("AEIOUaeiou", c) ? "an" : "a";
}

static void render_entities(Arena *a, const Draft *d, Buf *b) {
  bool pw = !has_cue(d, "oauth") && !has_cue(d, "oidc");
  for (int o = -1; o < d->nents; o++) {
    int i = o < 0 ? d->principal : o;
    if (i < 0 || (o >= 0 && i == d->principal))
      continue;
    const DEnt *e = &d->ents[i];
    buf_printf(b, "\nentity %.*s {", STRF(e->name));
    if (e->said.n)
      from_text(b, e->said);
    else if (e->principal && e->added)
      assumed(b, "people sign in as %.*s", STRF(e->name));
    else
      assumed(b, "the features need %.*s", STRF(e->name));
    if (e->parent >= 0) {
      const DEnt *p = &d->ents[e->parent];
      buf_printf(b, "  %.*s -> %.*s", STRF(e->relname), STRF(p->name));
      if (e->parent_said)
        buf_puts(b, "\n");
      else
        assumed(b, "each %.*s belongs to %s %.*s", STRF(e->name), article(p->name), STRF(p->name));
    }
    if (kind_is(e, "message") && d->principal >= 0 && e->parent != d->principal && e->parent >= 0) {
      buf_printf(b, "  author -> %.*s", STRF(d->ents[d->principal].name));
      assumed(b, "%s %.*s writes each %.*s", article(d->ents[d->principal].name), STRF(d->ents[d->principal].name),
              STRF(e->name));
    }
    for (int k = 0; k < e->noun->nfields; k++) {
      Str n = e->noun->fields[k]->vals[0].text, t = e->noun->fields[k]->vals[1].text;
      if (str_eq(n, e->relname) || (str_eqc(n, "author") && kind_is(e, "message")))
        continue;
      buf_printf(b, "  %.*s %.*s", STRF(n), STRF(t));
      if (k == 0)
        assumed(b, "the usual fields for %.*s", STRF(e->name));
      else
        buf_putc(b, '\n');
    }
    if (e->principal && pw) {
      buf_puts(b, "  password secret");
      assumed(b, "people sign in with a password");
    }
    if (e->parent >= 0) {
      const DEnt *p = &d->ents[e->parent];
      buf_printf(b, "  per %.*s ~ ", STRF(p->name));
      put_num(b, e->noun->per);
      assumed(b, "about %g %.*s rows per %.*s", e->noun->per, STRF(e->name), STRF(p->name));
    }
    buf_puts(b, "}\n");
  }
  (void)a;
}

static void render_features(const Draft *d, Buf *b) {
  if (!d->nents)
    return;
  buf_putc(b, '\n');
  int pr = d->principal;
  if (pr >= 0) {
    const char *method = has_cue(d, "oidc") ? "oidc" : has_cue(d, "oauth") ? "oauth" : "jwt";
    buf_printf(b, "feature auth { method %s  principal %.*s%s }", method, STRF(d->ents[pr].name),
               !strcmp(method, "oauth") ? "  providers google" : "");
    if (has_cue(d, "auth") || has_cue(d, "oauth") || has_cue(d, "oidc"))
      from_text(b, said(d, cue_pos(d, has_cue(d, "auth") ? "auth" : has_cue(d, "oidc") ? "oidc" : "oauth"),
                        cue_pos(d, has_cue(d, "auth") ? "auth" : has_cue(d, "oidc") ? "oidc" : "oauth")));
    else
      assumed(b, "%.*s signs in with %s tokens", STRF(d->ents[pr].name), method);
  }
  bool ingest = false;
  for (int i = 0; i < d->nents; i++)
    ingest |= kind_is(&d->ents[i], "reading");
  for (int i = 0; i < d->nents; i++) {
    const DEnt *e = &d->ents[i];
    if (e->principal || kind_is(e, "reading"))
      continue;
    bool own = pr >= 0 && owned(d, i) && !kind_is(e, "group") && !kind_is(e, "message") && !kind_is(e, "person");
    buf_printf(b, "feature crud %.*s { %spaginate }", STRF(e->name), own ? "owner-only  " : "");
    if (own)
      assumed(b, "each %.*s sees only their own %.*s rows", STRF(d->ents[pr].name), STRF(e->name));
    else
      buf_putc(b, '\n');
  }
  /* search: the entity named after the word, else the main one */
  if (has_cue(d, "search")) {
    int t = ent_after(d, cue_pos(d, "search"));
    if (t < 0 || !text_field(&d->ents[t]).n || kind_is(&d->ents[t], "reading"))
      t = main_ent(d);
    if (t >= 0 && text_field(&d->ents[t]).n && !kind_is(&d->ents[t], "reading")) {
      buf_printf(b, "feature search %.*s { full-text }", STRF(d->ents[t].name));
      from_text(b, said(d, cue_pos(d, "search"), cue_end(d, "search")));
    }
  }
  for (int i = 0; i < d->nents; i++) {
    const DEnt *e = &d->ents[i];
    Str blob = blob_field(e);
    if (!blob.n)
      continue;
    buf_printf(b, "feature upload %.*s.%.*s", STRF(e->name), STRF(blob));
    if (has_cue(d, "upload"))
      from_text(b, said(d, cue_pos(d, "upload"), cue_end(d, "upload")));
    else
      assumed(b, "people upload the %.*s files", STRF(e->name));
  }
  bool chat = has_cue(d, "chat"), live = has_cue(d, "live");
  int msg = first_of_kind(d, "message");
  bool realtime_done = false;
  if ((chat || live) && msg >= 0 && d->ents[msg].parent >= 0 && kind_is(&d->ents[d->ents[msg].parent], "group")) {
    buf_printf(b, "feature realtime %.*s { deliver %.*s  order per-room }", STRF(d->ents[msg].name),
               STRF(d->ents[msg].relname));
    from_text(b, said(d, cue_pos(d, chat ? "chat" : "live"), cue_end(d, chat ? "chat" : "live")));
    realtime_done = true;
  }
  if (has_cue(d, "history") || (chat && msg >= 0)) {
    int t = msg >= 0 ? msg : main_ent(d);
    if (t >= 0 && !kind_is(&d->ents[t], "reading")) {
      buf_printf(b, "feature history %.*s { paginate }", STRF(d->ents[t].name));
      if (has_cue(d, "history"))
        from_text(b, said(d, cue_pos(d, "history"), cue_end(d, "history")));
      else
        assumed(b, "people scroll back through %.*s history", STRF(d->ents[t].name));
    }
  }
  for (int i = 0; i < d->nents; i++)
    if (kind_is(&d->ents[i], "reading")) {
      buf_printf(b, "feature ingest %.*s { at-least-once }", STRF(d->ents[i].name));
      assumed(b, "devices send %.*s rows, retried on failure", STRF(d->ents[i].name));
      buf_printf(b, "feature query %.*s { window 1h 24h 30d  downsample }", STRF(d->ents[i].name));
      assumed(b, "people look at the last hour, day and month");
    }
  if (has_cue(d, "dashboard")) {
    int t = -1;
    for (int i = 0; i < d->nents && t < 0; i++)
      if (kind_is(&d->ents[i], "reading"))
        t = i;
    if (t < 0)
      t = main_ent(d);
    if (t >= 0) {
      buf_printf(b, "feature dashboard %.*s%s", STRF(d->ents[t].name), live ? " { live }" : "");
      from_text(b, said(d, cue_pos(d, "dashboard"), cue_end(d, "dashboard")));
    }
  } else if (live && !realtime_done) {
    int t = main_ent(d);
    if (t >= 0 && !kind_is(&d->ents[t], "reading")) {
      buf_printf(b, "feature realtime %.*s", STRF(d->ents[t].name));
      from_text(b, said(d, cue_pos(d, "live"), cue_end(d, "live")));
    }
  }
  bool notify = has_cue(d, "notify") || has_cue(d, "remind") || has_cue(d, "push") || has_cue(d, "sms");
  if (notify) {
    const char *ch = has_cue(d, "push") || (has_cue(d, "mobile") && !has_cue(d, "email") && !has_cue(d, "sms"))
                         ? "push"
                         : has_cue(d, "sms") ? "sms" : "email";
    int t = -1;
    Str tf = {0};
    if (has_cue(d, "remind"))
      for (int i = 0; i < d->nents && t < 0; i++)
        if (!d->ents[i].principal && (tf = time_field(&d->ents[i])).n)
          t = i;
    const char *at = has_cue(d, "remind") ? "remind" : has_cue(d, "notify") ? "notify" : has_cue(d, "push") ? "push" : "sms";
    if (t >= 0) {
      buf_printf(b, "feature notify %s before %.*s.%.*s 1h", ch, STRF(d->ents[t].name), STRF(tf));
      assumed(b, "a reminder an hour before %.*s.%.*s", STRF(d->ents[t].name), STRF(tf));
    } else {
      t = msg >= 0 ? msg : first_of_kind(d, "event") >= 0 ? first_of_kind(d, "event") : main_ent(d);
      if (t >= 0) {
        buf_printf(b, "feature notify %s on %.*s", ch, STRF(d->ents[t].name));
        from_text(b, said(d, cue_pos(d, at), cue_end(d, at)));
      }
    }
  }
  if (has_cue(d, "report")) {
    bool weekly = false;
    for (int i = 0; i < d->w.n; i++)
      weekly |= is_word(d, i, "weekly");
    buf_printf(b, "feature report activity %s", weekly ? "weekly" : "daily");
    from_text(b, said(d, cue_pos(d, "report"), cue_end(d, "report")));
  }
  if (has_cue(d, "pay")) {
    buf_puts(b, "integration stripe { kind payments  webhooks }");
    from_text(b, said(d, cue_pos(d, "pay"), cue_end(d, "pay")));
  }
  (void)ingest;
}

/* ---- questions: which assumptions the plan is sensitive to ---- */

enum { MAX_SLOTS = 48 };

typedef struct {
  bool ok;
  Str style;
  Str slot[MAX_SLOTS], tech[MAX_SLOTS];
  int n;
  double usd;
} Summary;

static void quiet_diag(void *ctx, const Diagnostic *dg) {
  (void)ctx;
  (void)dg;
}

static Str copy_str(Arena *a, Str s) {
  char *p = new(a, char, s.n + 1);
  if (s.n)
    memcpy(p, s.p, (size_t)s.n);
  return (Str){p, s.n};
}

/* Plans `spec` in an arena of its own and keeps what the questions
 * compare: the style and the technology of each slot. */
static Summary summarise(Arena *keep, const Kb *kb, Str spec, bool review) {
  Summary s = {0};
  Arena a = arena_make((ptrdiff_t)1 << 32);
  SourceFile f = {.name = "<draft>", .text = spec};
  DiagSink sink = {.fn = quiet_diag, .arena = &a};
  Ast *ast = parse_spec(&a, &f, &sink);
  Model *m = sink.errors ? NULL : model_resolve(&a, ast, &f, &sink);
  Plan *p = m && !sink.errors ? plan_build(&a, m, kb, &sink) : NULL;
  /* `plinth check` also fails on the review's errors (a slot no
   * technology fills, a budget the stack cannot meet): so do we. */
  bool review_ok = true;
  if (p && review)
    plan_delivery(&a, p);
  for (int i = 0; p && review && i < p->nreview; i++)
    if (p->review[i].status == REVIEW_FAIL && p->review[i].severity == SEV_ERROR && p->review[i].span.len)
      review_ok = false;
  if (p && review_ok) {
    s.ok = true;
    s.style = copy_str(keep, p->style.choice);
    s.usd = p->monthly_usd;
    for (int i = 0; i < p->nchoices && s.n < MAX_SLOTS; i++) {
      s.slot[s.n] = copy_str(keep, p->choices[i].need->slot);
      s.tech[s.n] = p->choices[i].tech ? copy_str(keep, p->choices[i].tech->id) : S("none");
      s.n++;
    }
  }
  arena_free(&a);
  return s;
}

static Str tech_in(const Summary *s, Str slot) {
  for (int i = 0; i < s->n; i++)
    if (str_eq(s->slot[i], slot))
      return s->tech[i];
  return S("none");
}

/* The decisions that differ, as "database supabase -> aws-rds-postgresql". */
static int diff(Arena *a, const Summary *base, const Summary *v, Buf *out) {
  int n = 0;
  if (!str_eq(base->style, v->style)) {
    buf_printf(out, "style %.*s -> %.*s", STRF(base->style), STRF(v->style));
    n++;
  }
  for (int pass = 0; pass < 2; pass++) {
    const Summary *x = pass ? v : base, *y = pass ? base : v;
    for (int i = 0; i < x->n; i++) {
      Str other = tech_in(y, x->slot[i]);
      if (pass && !str_eqc(other, "none"))
        continue;   /* slots in both were compared in the first pass */
      if (str_eq(other, x->tech[i]))
        continue;
      if (n < 4)
        buf_printf(out, "%s%.*s %.*s -> %.*s", n ? "; " : "", STRF(x->slot[i]),
                   STRF(pass ? other : x->tech[i]), STRF(pass ? x->tech[i] : other));
      n++;
    }
  }
  (void)a;
  return n;
}

typedef struct {
  int fig;
  const char *ask;
  Vary v[3];
  int nv;
} Probe;

typedef struct {
  const char *ask;       /* a literal: outlives the probe table */
  int flips;
  int which;
  Str changes;
  Str at;
} Finding;

static Str vary_text(Arena *a, const Vary *v) {
  switch (v->fig) {
  case F_USERS: return str_printf(a, "%.0f users", v->v);
  case F_ACTIVE: return str_printf(a, "%.0f%% active a day", v->v);
  case F_PEAK: return str_printf(a, "a %gx peak", v->v);
  case F_BUDGET: return str_printf(a, "a budget of $%.0f/month", v->v);
  case F_P95: return str_printf(a, "a p95 of %.0f ms", v->v * 1000);
  case F_UPTIME: return str_printf(a, "%.10g%% availability", v->v);
  case F_TEAM: return str_printf(a, "a team of %.0f", v->v);
  case F_DEVICES: return str_printf(a, "%.0f devices", v->v);
  default: return str_printf(a, "a %.*s team", STRF(v->level));
  }
}

static void render(Arena *a, const Draft *d, const Vary *vy, Buf *b) {
  render_project(a, d, vy, b);
  render_entities(a, d, b);
  render_features(d, b);
}

static int questions(Arena *a, const Kb *kb, const Draft *d, Str base_text, Buf *b, Finding *top, int max) {
  Summary base = summarise(a, kb, base_text, false);
  if (!base.ok)
    return -1;
  bool g;
  double users = fig(d, NULL, F_USERS, 1000, &g);
  double team = fig(d, NULL, F_TEAM, 2, &g);
  Str level = d->level_given ? d->level : S("mid");
  Probe probes[] = {
    {F_USERS, "How many users will it have", {{F_USERS, floor(users / 10) < 10 ? 10 : floor(users / 10), {0}}, {F_USERS, users * 10, {0}}, {F_USERS, users * 100, {0}}}, 3},
    {F_ACTIVE, "What share of the users is active on a typical day", {{F_ACTIVE, 5, {0}}, {F_ACTIVE, 60, {0}}}, 2},
    {F_PEAK, "How much busier than average is the busiest hour", {{F_PEAK, 1.5, {0}}, {F_PEAK, 10, {0}}}, 2},
    {F_BUDGET, "What may it cost to run each month", {{F_BUDGET, 25, {0}}, {F_BUDGET, 20000, {0}}}, 2},
    {F_P95, "How fast must a request be answered (p95)", {{F_P95, 0.1, {0}}, {F_P95, 1, {0}}}, 2},
    {F_UPTIME, "How much downtime can it afford", {{F_UPTIME, 99, {0}}, {F_UPTIME, 99.99, {0}}}, 2},
    {F_TEAM, "How many developers will build it", {{F_TEAM, 1, {0}}, {F_TEAM, team < 8 ? 10 : team * 3, {0}}}, 2},
    {F_COUNT_, "How experienced is the team",
     {{F_COUNT_, 0, str_eqc(level, "junior") ? S("mid") : S("junior")}, {F_COUNT_, 0, str_eqc(level, "senior") ? S("mid") : S("senior")}}, 2},
  };
  Finding found[16];
  int nf = 0;
  for (size_t k = 0; k < sizeof probes / sizeof *probes; k++) {
    const Probe *pr = &probes[k];
    bool given = pr->fig == F_COUNT_ ? d->level_given : d->f[pr->fig].given;
    if (pr->fig == F_USERS && d->active_count)
      given = true;
    if (given)
      continue;
    Finding best = {pr->ask, 0, -1, {0}, {0}};
    for (int i = 0; i < pr->nv; i++) {
      Buf t = {0};
      render(a, d, &pr->v[i], &t);
      Summary s = summarise(a, kb, buf_view(&t), false);
      buf_free(&t);
      if (!s.ok)
        continue;
      Buf ch = {0};
      int n = diff(a, &base, &s, &ch);
      if (n > best.flips) {
        best.flips = n;
        best.which = i;
        best.changes = copy_str(a, buf_view(&ch));
        best.at = vary_text(a, &pr->v[i]);
      }
      buf_free(&ch);
    }
    if (best.flips)
      found[nf++] = best;
  }
  /* most flips first; ties keep the probe order */
  for (int i = 1; i < nf; i++)
    for (int j = i; j > 0 && found[j].flips > found[j - 1].flips; j--) {
      Finding t = found[j];
      found[j] = found[j - 1];
      found[j - 1] = t;
    }
  int nq = nf < max ? nf : max;
  buf_puts(b, "\n# Questions whose answers would change the plan most. Plinth planned this draft\n"
              "# again with each assumed figure pushed down and up; these flip decisions:\n");
  for (int i = 0; i < nq; i++) {
    top[i] = found[i];
    buf_printf(b, "# %d. %s? With %.*s the plan changes %d decision%s: ", i + 1, found[i].ask,
               STRF(found[i].at), found[i].flips, found[i].flips == 1 ? "" : "s");
    buf_str(b, found[i].changes);
    buf_puts(b, ".\n");
  }
  if (!nq)
    buf_puts(b, "# None: no assumed figure flips a decision when pushed down or up, so the plan\n"
                "# holds; check the assumed lines above all the same.\n");
  return nq;
}

/* ---- the command ---- */

static void json_figures(Json *j, const Draft *d) {
  static const char *const names[] = {"users", "active_percent", "requests_per_day", "writes_per_second",
                                      "devices", "interval_seconds", "peak", "budget_per_month",
                                      "p95_seconds", "p99_seconds", "availability_percent", "deadline_seconds",
                                      "team"};
  json_key(j, "figures");
  json_obj(j);
  for (int i = 0; i < F_COUNT_; i++) {
    if (!d->f[i].given)
      continue;
    json_key(j, names[i]);
    json_num(j, d->f[i].v);
  }
  json_end_obj(j);
}

void intake_new(Arena *a, const Kb *kb, Str text, IntakeOut *out) {
  Draft *d = new(a, Draft, 1);
  d->text = text;
  d->lx = lexicon_load(a, kb);
  d->w = scan_text(a, text, MAX_WORDS);
  scan_mentions(a, d);
  scan_figures(a, d);
  build_entities(a, d);
  int given = 0;
  for (int i = 0; i < F_COUNT_; i++)
    given += d->f[i].given;
  bool empty = !d->nents && !given && !d->nskills;
  Buf *b = out->spec;
  buf_puts(b, "# A draft spec written by `plinth new` from an idea text. Lines marked\n"
              "# \"assumed\" are guesses: check each, change it, then run `plinth plan`.\n");
  if (empty) {
    buf_puts(out->msg, "plinth new: found nothing to build on in the text (no domain nouns, features or figures); "
                       "writing a minimal skeleton to fill in\n");
    buf_puts(b, "# The text named no entity, feature or figure Plinth knows: this is a\n"
                "# skeleton: add the records it keeps (see docs/language.md, section 4).\n");
  }
  ptrdiff_t start = b->n;
  render(a, d, NULL, b);
  /* A draft whose settings no stack meets together loses them one by one,
   * the least certain first, until it plans. */
  bool *drops[] = {&d->drop_region, &d->drop_skills, &d->drop_prefer, &d->drop_compliance};
  bool plans = out->no_questions || summarise(a, kb, copy_str(a, (Str){b->p + start, b->n - start}), true).ok;
  for (int step = 0; step <= 4 && !plans; step++) {
    for (int k = 0; k < 4; k++)
      *drops[k] = step == 4 || k == step;
    b->n = start;
    render(a, d, NULL, b);
    plans = summarise(a, kb, copy_str(a, (Str){b->p + start, b->n - start}), true).ok;
  }
  Str spec = {b->p + start, b->n - start};
  Str copy = copy_str(a, spec);
  Finding top[3];
  int nq = out->no_questions ? 0 : questions(a, kb, d, copy, b, top, 3);
  if (nq < 0)
    buf_puts(out->msg, "plinth new: the draft does not plan cleanly; run 'plinth check' on it\n");
  if (out->json) {
    Json j = {.out = out->json, .schema = PLINTH_SCHEMA_BASE "new.schema.json"};
    json_obj(&j);
    json_key(&j, "plinth_new");
    json_num(&j, 1);
    json_key(&j, "empty");
    json_bool(&j, empty);
    json_key(&j, "entities");
    json_arr(&j);
    for (int o = -1; o < d->nents; o++) {   /* the principal first, as in the draft */
      int i = o < 0 ? d->principal : o;
      if (i < 0 || (o >= 0 && i == d->principal))
        continue;
      json_obj(&j);
      json_key(&j, "name");
      json_str(&j, d->ents[i].name);
      json_key(&j, "parent");
      if (d->ents[i].parent >= 0)
        json_str(&j, d->ents[d->ents[i].parent].name);
      else
        json_null(&j);
      json_key(&j, "principal");
      json_bool(&j, d->ents[i].principal);
      json_key(&j, "from_text");
      json_bool(&j, !d->ents[i].added);
      json_end_obj(&j);
    }
    json_end_arr(&j);
    json_key(&j, "features");
    json_arr(&j);
    for (ptrdiff_t i = 0; i < copy.n;) {
      ptrdiff_t e = i;
      while (e < copy.n && copy.p[e] != '\n')
        e++;
      Str line = {copy.p + i, e - i};
      if (str_has_prefix(line, S("feature ")) || str_has_prefix(line, S("integration "))) {
        ptrdiff_t k = 0, words = 0;
        while (k < line.n && words < 3) {
          if (line.p[k] == ' ' || line.p[k] == '{')
            words++;
          if (words < 3)
            k++;
        }
        while (k > 0 && line.p[k - 1] == ' ')
          k--;
        json_str(&j, (Str){line.p, k});
      }
      i = e + 1;
    }
    json_end_arr(&j);
    json_key(&j, "skills");
    json_arr(&j);
    for (int i = 0; i < d->nskills; i++)
      json_str(&j, d->skills[i]);
    json_end_arr(&j);
    json_figures(&j, d);
    json_key(&j, "questions");
    json_arr(&j);
    for (int i = 0; i < nq; i++) {
      json_obj(&j);
      json_key(&j, "ask");
      json_cstr(&j, top[i].ask);
      json_key(&j, "at");
      json_str(&j, top[i].at);
      json_key(&j, "flips");
      json_num(&j, top[i].flips);
      json_key(&j, "changes");
      json_str(&j, top[i].changes);
      json_end_obj(&j);
    }
    json_end_arr(&j);
    json_key(&j, "spec");
    json_str(&j, buf_view(b));
    json_end_obj(&j);
    buf_putc(out->json, '\n');
  }
}
