/* Entities from the user's own nouns (see draft.h).
 *
 * nouns_scan reads what the text names: lexicon nouns (exact, singular or
 * one slip of the fingers away), feature cues, skills; then the user's own
 * nouns, whether or not the lexicon knows them:
 *   - the objects of verbs that keep things (create, post, list, book,
 *     upload, send, track, sell, rate, manage, ...): "bakers sell cakes and
 *     cookies" names Cake and Cookie; the head of the noun phrase, past
 *     determiners and modifiers, up to a preposition or punctuation, and the
 *     phrases joined to it by "and", "or" or commas;
 *   - the people who do it: a plural word (or a person noun) right before
 *     such a verb ("dispatchers assign", "tutors list") names a role;
 *   - things that "send ... every N seconds" are devices, not people.
 * nouns_build makes one entity per word in the user's spelling (singular,
 * PascalCase); the lexicon adds the fields, kind and parents of the nouns it
 * knows and never renames them (a typo is corrected to the lexicon's word).
 * Two words become one entity only when the text uses both for one thing:
 * the same lexicon noun ("apartments" and "flats"), or a word for the act
 * of a verb the text applies to another noun ("book appointments ... the
 * booking"). Each entity then gets one parent: the owner the text names
 * ("users manage their tasks"), else the one whose verb took it, else the
 * lexicon's preferred parents, else the principal. */
#include <stdio.h>
#include <string.h>

#include "draft.h"
#include "nounsint.h"


/* ---- mentions ---- */

/* Is word i in a list of records, beside a comma and a noun of the
 * lexicon that is no user ("accounts, contacts, deals")? */
static bool listed_record(Arena *a, const Draft *d, int i) {
  bool typo;
  for (int k = i - 1; k <= i + 1; k += 2) {
    int c = k < i ? i : k;   /* the comma is before the later word */
    const EnWord *y = dr_wd(d, k);
    if (!y || y->kind != W_WORD || c <= 0)
      continue;
    const EnWord *p = &d->w.v[c - 1];
    bool comma = false;
    for (ptrdiff_t o = p->off + p->text.n; o < d->w.v[c].off && o < d->text.n; o++)
      comma |= d->text.p[o] == ',';
    if (!comma)
      continue;
    const Noun *m = lex_noun(a, &d->lx, y->text, false, &typo);
    if (m && !str_eqc(m->id, "user"))
      return true;
  }
  return false;
}

/* Is word i an order said of a view a cue names just after it ("ranked
 * home feed", "ranked search results")? */
static bool orders_view(const Draft *d, const Lexicon *lx, int i) {
  for (int k = i + 1; k <= i + 2 && k < d->w.n && !dr_punct_before(d, k); k++)
    for (int c = 0; c < lx->ncues; c++)
      if ((str_eqc(lx->cues[c].feature, "history") || str_eqc(lx->cues[c].feature, "search")) &&
          lex_in(lx->cues[c].words, lx->cues[c].nwords, d->w.v[k].text))
        return true;
  return false;
}

/* What the lexicon says of each distinct word, looked up once: the fuzzy
 * match compares a word with every noun word and the cues are a few
 * hundred words, so a long text repeating its words pays for each word
 * once. */
typedef struct {
  const Noun *noun;
  bool typo;
  uint64_t cues;      /* cues this word is one of the words of */
  uint64_t starts;    /* cues with a phrase starting with this word */
  int skill;          /* index of the skill it names, or -1 */
  bool measure;       /* a word of a measure */
  signed char verb;   /* its VerbUse as a verb, or -1 */
} WordMemo;

typedef struct {
  Str *key;
  WordMemo *val;
  int cap;
} Memo;

static WordMemo memo_word(Arena *a, const Draft *d, Memo *m, Str w) {
  if (!m->cap) {
    m->cap = 1 << 12;
    m->key = new(a, Str, m->cap);
    m->val = new(a, WordMemo, m->cap);
  }
  uint64_t h = str_hash(w);
  int i = (int)(h & (uint64_t)(m->cap - 1)), probes = 0;
  for (; m->key[i].p && probes < m->cap; i = (i + 1) & (m->cap - 1), probes++)
    if (str_eq(m->key[i], w))
      return m->val[i];
  const Lexicon *lx = &d->lx;
  WordMemo r = {.skill = -1};
  Str s = scan_singular(a, w);
  for (int k = 0; k < lx->nmeasures; k++)
    r.measure |= lex_in(lx->measures[k].words, lx->measures[k].nwords, w) ||
                 lex_in(lx->measures[k].words, lx->measures[k].nwords, s);
  for (int c = 0; c < lx->ncues && c < MAX_CUES; c++) {
    if (lex_in(lx->cues[c].words, lx->cues[c].nwords, w))
      r.cues |= (uint64_t)1 << c;
    for (int p = 0; p < lx->cues[c].nphrases; p++)
      if (lx->cues[c].phrases[p].n && str_eq(lx->cues[c].phrases[p].v[0].text, w))
        r.starts |= (uint64_t)1 << c;
  }
  for (int k = 0; k < lx->nskills && r.skill < 0; k++)
    if (lex_in(lx->skills[k].words, lx->skills[k].nwords, w))
      r.skill = k;
  /* a word the lexicon knows as something else is not a typo */
  VerbUse u;
  r.verb = words_verb_of(w, &u) ? (signed char)u : -1;
  bool other = r.measure || r.cues || r.verb >= 0 || words_not_noun(w);
  r.noun = lex_stop_noun(w) ? NULL : lex_noun(a, lx, w, !other && !lex_common_word(a, lx, w), &r.typo);
  if (probes < m->cap / 2 && !m->key[i].p) {   /* a full table just stops remembering */
    m->key[i] = w;
    m->val[i] = r;
  }
  return r;
}

static void add_skill(Draft *d, Str id) {
  for (int k = 0; k < d->nskills; k++)
    if (str_eq(d->skills[k], id))
      return;
  if (d->nskills < MAX_SKILLS)
    d->skills[d->nskills++] = id;
}

void nouns_scan(Arena *a, Draft *d) {
  const Lexicon *lx = &d->lx;
  Memo memo = {0};
  for (int i = 0; i < lx->ncues && d->ncues < MAX_CUES; i++) {
    d->cue_names[d->ncues] = lx->cues[i].feature;
    d->cue_first[d->ncues] = -1;
    d->ncues++;
  }
  int n = d->w.n;
  d->nat = new(a, const Noun *, n + 1);
  d->typo = new(a, bool, n + 1);
  d->eat = new(a, int, n + 1);
  d->verb = new(a, int, n + 1);
  d->subject = new(a, int, n + 1);
  d->device_word = new(a, bool, n + 1);
  d->verb_at = new(a, bool, n + 1);
  d->modifier = new(a, bool, n + 1);
  d->vword = new(a, signed char, n + 1);
  for (int i = 0; i < n; i++)
    d->vword[i] = -1;
  for (int i = 0; i < n; i++)
    d->eat[i] = d->verb[i] = d->subject[i] = -1;
  for (int i = 0; i < n; i++) {
    const EnWord *x = &d->w.v[i];
    if (x->kind != W_WORD)
      continue;
    bool known = false;
    WordMemo wm = memo_word(a, d, &memo, x->text);
    /* "in order to" is not an order */
    bool skip = str_eqc(x->text, "order") && dr_is(d, i - 1, "in") && dr_is(d, i + 1, "to");
    /* nor is "rate limiting" a rating */
    skip |= str_eqc(x->text, "rate") && dr_is_list(d, i + 1, (const char *const[]){"limit", "limits", "limiting",
                                                                                     "limited", "limiter", 0});
    /* nor are "max 10 pages" pages kept: a unit a limit is said in */
    static const char *const limit[] = {"max", "maximum", "most", "to", "under", "limit", "limited", 0};
    skip |= words_unit(x->text) && i >= 2 && d->w.v[i - 1].kind == W_NUMBER && d->w.v[i - 1].value <= 1000 &&
            dr_is_list(d, i - 2, limit);
    const Noun *nn = skip ? NULL : wm.noun;
    /* "accounts, contacts, deals": an account listed among records is a
     * customer company, and says nothing of signing in */
    bool record = nn && str_eqc(nn->id, "user") && str_has_prefix(x->text, S("account")) && listed_record(a, d, i);
    if (record && lex_noun_id(lx, "account"))
      nn = lex_noun_id(lx, "account");
    d->nat[i] = nn;
    d->typo[i] = !skip && wm.typo;
    d->vword[i] = wm.verb;
    known |= nn != NULL;
    for (int c = 0; (wm.cues | wm.starts) && c < lx->ncues && c < MAX_CUES; c++) {
      if (!(((wm.cues | wm.starts) >> c) & 1))
        continue;
      const Cue *cu = &lx->cues[c];
      bool hit = (wm.cues >> c) & 1 && !(record && str_eqc(cu->feature, "auth"));
      int hlen = 1;
      for (int p = 0; !hit && p < cu->nphrases; p++) {
        const EnWords *ph = &cu->phrases[p];
        bool all = ph->n > 0 && i + ph->n <= n;
        int pos = i;
        for (int k = 0; all && k < ph->n; k++, pos++) {
          /* "upload about ten thousand videos": a quantity may stand
           * between a phrase's verb and its noun */
          static const char *const approx[] = {"about", "around", "roughly", "approximately", "some", "over",
                                               "nearly", "up", "to", "more", "than", "almost", 0};
          for (int gap = 0; k > 0 && gap < 3 && pos < n && !dr_punct_before(d, pos) &&
                             (d->w.v[pos].kind == W_NUMBER || dr_is_list(d, pos, approx)) &&
                             !(d->w.v[pos].kind == ph->v[k].kind && str_eq(d->w.v[pos].text, ph->v[k].text));
               gap++)
            pos++;
          all = pos < n && d->w.v[pos].kind == ph->v[k].kind && str_eq(d->w.v[pos].text, ph->v[k].text);
        }
        hit = all;
        hlen = pos - i;
      }
      /* "pay with Apple Pay", "with Google Pay": a wallet, no sign-in */
      if (hit && str_eqc(cu->feature, "oauth") && hlen > 1 &&
          (dr_is(d, i + hlen, "pay") || dr_is(d, i + hlen, "wallet")))
        hit = false;
      /* "go live" is a launch, not a live update */
      if (hit && str_eqc(cu->feature, "live") && (dr_is(d, i - 1, "go") || dr_is(d, i - 1, "goes")))
        hit = false;
      /* "a ranked home feed": the order of a view, no leaderboard */
      if (hit && str_eqc(cu->feature, "leaderboard") && orders_view(d, lx, i))
        hit = false;
      if (hit && !d->cue[c]) {
        d->cue[c] = true;
        d->cue_first[c] = i;
        d->cue_last[c] = i + hlen - 1;
      }
      known |= hit;
    }
    /* "US", "U.S.": the country, not the pronoun "us" */
    Str t = d->text;
    ptrdiff_t o = x->off;
    if ((str_eqc(x->text, "us") || str_eqc(x->text, "u")) && o + 2 <= t.n && t.p[o] == 'U' &&
        ((t.p[o + 1] == 'S' && (o + 2 == t.n || t.p[o + 2] < 'a' || t.p[o + 2] > 'z')) ||
         (o + 3 <= t.n && t.p[o + 1] == '.' && t.p[o + 2] == 'S')))
      for (int c = 0; c < d->ncues; c++)
        if (str_eqc(d->cue_names[c], "us") && !d->cue[c]) {
          d->cue[c] = true;
          d->cue_first[c] = d->cue_last[c] = i;
          known = true;
        }
    /* "we are in NL", "DE and AT": a country code in capitals names its
     * region (measure code-REGION) */
    if (x->text.n == 2 && o + 2 <= t.n && t.p[o] >= 'A' && t.p[o] <= 'Z' && t.p[o + 1] >= 'A' &&
        t.p[o + 1] <= 'Z' && (o + 2 == t.n || t.p[o + 2] < 'a' || t.p[o + 2] > 'z'))
      for (int c = 0; c < d->ncues; c++) {
        char id[40];
        snprintf(id, sizeof id, "code-%.*s", (int)(d->cue_names[c].n < 30 ? d->cue_names[c].n : 30),
                 d->cue_names[c].p);
        if (!d->cue[c] && lex_measure(a, lx, id, x->text)) {
          d->cue[c] = true;
          d->cue_first[c] = d->cue_last[c] = i;
          known = true;
        }
      }
    if (wm.skill >= 0) {
      const WordSet *sk = &lx->skills[wm.skill];
      for (int k = 0; k < sk->nimplies; k++)
        add_skill(d, sk->implies[k].text);
      add_skill(d, sk->id);
      known = true;
    }
    known |= wm.measure;
    d->recognised += known;
  }
}

/* ---- the user's nouns ---- */

typedef struct {
  int word;       /* the noun's word index */
  VerbUse use;    /* what the verb says of it */
  bool actor, object, device;
  int owner;      /* for objects: the actor's word index, or -1 */
  bool inside;    /* `owner` is the container the text puts it in ("photos to albums") */
} Mention;


/* Does verb v say that its subject sends data every N ("sensors send
 * moisture every 30 seconds", "each charger reports its status every
 * minute")? */
bool dr_sends_every(const Draft *d, int v) {
  static const char *const send[] = {"send", "sends", "sending", "report", "reports", "reporting", "sync", "syncs",
                                     "stream", "streams", "push", "pushes", "transmit", "transmits", "emit",
                                     "emits", "publish", "publishes", "ping", "pings", "post", "posts", "log",
                                     "logs", "measure", "measures", "upload", "uploads", "update", "updates",
                                     "beacon", "beacons", 0};
  if (!dr_is_list(d, v, send))
    return false;
  /* more often than daily: people send invoices every month, devices
   * send data every few seconds, minutes or hours */
  for (int k = v + 1; k <= d->send[v] && k <= v + 8; k++) {
    if (dr_punct_before(d, k))
      return false;   /* another clause */
    int len;
    double every = dr_every(d, k, &len);
    if (every > 0 && every < 86400)
      return true;
  }
  return false;
}

/* The subject right before verb v: "home bakers sell", "tutors can list",
 * "each tractor reports", "a scale that sends" (a relative clause names
 * its subject, singular or not). */

static bool plural_word(Arena *a, Str w) { return !str_eq(scan_singular(a, w), w); }

/* "admissions get assigned a bed": an act (-ion) the lexicon does not know
 * is a record, no one acting; bodies and stations named so still act. */
static bool act_noun(Arena *a, const Draft *d, int k) {
  static const char *const body[] = {"organization", "organisation", "association", "institution", "foundation",
                                     "federation", "union", "station", "commission", "corporation", "coalition",
                                     "nation", "region", 0};
  if (k < 0 || k >= d->w.n || d->nat[k] || d->w.v[k].kind != W_WORD)
    return false;
  Str sk = scan_singular(a, d->w.v[k].text);
  return sk.n > 5 && str_eqc((Str){sk.p + sk.n - 3, 3}, "ion") && !lex_list(sk, body);
}

static int actor_before(Arena *a, const Draft *d, int v) {
  if (words_past_form(d->w.v[v].text))
    return -1;   /* "monthly dues paid online": passive, no actor */
  /* "an auction that runs for seven days": a verb that lasts a time keeps
   * nothing, its subject does no work */
  if (v + 2 <= d->send[v] && !dr_punct_before(d, v + 1) && (dr_is(d, v + 1, "for") || dr_is(d, v + 1, "until")) &&
      d->w.v[v + 2].kind == W_NUMBER && d->w.v[v + 2].unit == NU_DURATION)
    return -1;
  static const char *const modal[] = {"can", "will", "may", "should", "must", "could", "would", "also", "then",
                                      "just", "often", "always", "who", "to", "directly", "easily", "quickly",
                                      "each", "both", 0};
  static const char *const relative[] = {"that", "which", "who", 0};
  int k = v - 1, guard = 0;
  bool rel = false;
  while (k >= d->sstart[v] && dr_is_list(d, k, modal) && guard++ < 2)
    k--;
  if (k >= d->sstart[v] && !dr_punct_before(d, k + 1) && dr_is_list(d, k, relative))
    k--, rel = true;
  if (k < d->sstart[v] || dr_punct_before(d, k + 1))
    return -1;
  const EnWord *x = &d->w.v[k];
  if (words_unit(x->text) && dr_wd(d, k - 1) && d->w.v[k - 1].kind == W_NUMBER)
    return -1;   /* "shops within 2 miles get it": a unit is no one */
  /* "see the daily sales report": a noun phrase that ends in a noun also
   * used as a verb names a thing, no one doing it */
  static const char *const nounish[] = {"report", "reports", "log", "logs", "alert", "alerts", "update", "updates",
                                        "summary", "overview", 0};
  static const char *const phrase[] = {"the", "a", "an", "daily", "weekly", "monthly", "yearly", "hourly", "annual",
                                       "quarterly", "nightly", "their", "our", "my", "your", "his", "her", "its", 0};
  if (dr_is_list(d, v, nounish) && k == v - 1 && dr_is_list(d, k - 1, phrase) && !dr_punct_before(d, k) &&
      (v + 1 > d->send[v] || dr_punct_before(d, v + 1) || dr_is_list(d, v + 1, (const char *const[]){"and", "or", "per", "for", "on", "of", 0})))
    return -1;
  if (act_noun(a, d, k))
    return -1;
  bool user = d->nat[k] && str_eqc(d->nat[k]->id, "user") && x->text.n >= 4;
  if (!words_ok(x) && !user)
    return -1;
  VerbUse u;
  /* "hosts list their cabins": a verb form at the start of a clause is the
   * subject */
  bool opens = k == d->sstart[v] || dr_punct_before(d, k) || (dr_wd(d, k - 1) && words_determiner(d->w.v[k - 1].text));
  if (words_wverb(d, k, &u) && !d->nat[k] && !opens)
    return -1;
  bool plural = !str_eq(scan_singular(a, x->text), x->text);
  bool person = d->nat[k] && str_eqc(d->nat[k]->kind, "person");
  bool each = dr_is(d, k - 1, "each") || dr_is(d, k - 1, "every");
  /* "renter reserve it", "owner put his car": a bare agent noun opening a
   * clause before a verb names a role, as a plural would */
  Str w = x->text;
  bool agent = w.n > 4 && (k == d->sstart[v] || dr_punct_before(d, k) || dr_is(d, k - 1, "and")) &&
               (str_eqc((Str){w.p + w.n - 2, 2}, "er") || str_eqc((Str){w.p + w.n - 2, 2}, "or") ||
                str_eqc((Str){w.p + w.n - 3, 3}, "ist"));
  /* "cook see the orders", "the storekeeper give it": a singular noun
   * opening a clause before a verb that does not agree with it is a role,
   * as texts without agreement say it */
  Str vt = d->w.v[v].text;
  bool base = vt.n > 2 && vt.p[vt.n - 1] != 's' && !words_past_form(vt) && !str_eqc(vt, "can") &&
              k == v - 1;
  /* "their manager approves", "the gym charges": a singular noun after a
   * determiner opening its clause, before a verb in -s that agrees */
  static const char *const def[] = {"the", "their", "his", "her", "its", "our", "your", "my", 0};
  bool agrees = k == v - 1 && vt.n > 3 && vt.p[vt.n - 1] == 's' && vt.p[vt.n - 2] != 's' && !plural_word(a, w) &&
                dr_is_list(d, k - 1, def) && !dr_punct_before(d, k) &&
                (k - 1 == d->sstart[v] || dr_punct_before(d, k - 1) || dr_is(d, k - 2, "and"));
  bool the = dr_is(d, k - 1, "the") && (k - 1 == d->sstart[v] || dr_punct_before(d, k - 1) || dr_is(d, k - 2, "and"));
  static const char *const obj[] = {"the", "a", "an", "it", "them", "his", "her", "their", "all", "each", "every",
                                     "new", "any", "some", 0};
  bool bare = base && !plural && w.n > 2 && !words_determiner(w) && !memchr(w.p, '-', (size_t)w.n) &&
              v + 1 <= d->send[v] && !dr_punct_before(d, v + 1) &&
              (dr_is_list(d, v + 1, obj) || d->w.v[v + 1].kind == W_NUMBER) &&
              (the || k == d->sstart[v] || dr_punct_before(d, k) || dr_is(d, k - 1, "and"));
  return plural || person || each || rel || agent || bare || agrees ? k : -1;
}

static Str pascal(Arena *a, Str w) {
  char *p = new(a, char, w.n + 1);
  ptrdiff_t n = 0;
  bool up = true;
  for (ptrdiff_t k = 0; k < w.n && n < 40; k++) {
    char c = w.p[k];
    if (c == '-') {
      up = true;
      continue;
    }
    p[n++] = up && c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
    up = false;
  }
  return (Str){p, n};
}

/* Is v a verb that gives its object to someone ("assign parcels to
 * couriers", "match each load to a carrier")? */
static bool assign_verb(const Draft *d, int v) {
  static const char *const stems[] = {"assign", "match", "allocat", "dispatch", "rout", "pair", 0};
  const EnWord *x = dr_wd(d, v);
  if (!x || x->kind != W_WORD || words_past_form(x->text))
    return false;
  static const char *const ends[] = {"", "s", "e", "es", "ing", 0};   /* not "dispatchers" */
  for (int k = 0; stems[k]; k++) {
    ptrdiff_t n = (ptrdiff_t)strlen(stems[k]);
    if (x->text.n < n || memcmp(x->text.p, stems[k], (size_t)n))
      continue;
    Str tail = {x->text.p + n, x->text.n - n};
    if (lex_list(tail, ends) || !tail.n)
      return true;
  }
  return false;
}

/* The word after an assigning verb's "to" (or "with"), in its clause:
 * the head of its phrase, or the pronoun itself; -1 if none. */
static int assign_to_word(const Draft *d, int v) {
  int end;
  if (!assign_verb(d, v) || words_phrase_head(d, v + 1, &end, false) < 0)
    return -1;
  /* right after the object: "assign parcels to them" */
  for (int k = end + 1; k <= d->send[v] && k <= end + 1; k++) {
    if (dr_punct_before(d, k))
      return -1;
    if (dr_is(d, k, "to") || dr_is(d, k, "with")) {
      if (dr_is_list(d, k + 1, (const char *const[]){"them", "him", "her", "it", 0}) && !dr_punct_before(d, k + 1))
        return k + 1;
      VerbUse u;
      if (words_wverb(d, k + 1, &u) && !d->nat[k + 1])
        return -1;   /* "drivers to deliver": an infinitive */
      return words_phrase_head(d, k + 1, &end, false);
    }
  }
  return -1;
}

static int assign_target(const Draft *d, int v) {
  int t = assign_to_word(d, v);
  return t >= 0 && words_ok(&d->w.v[t]) ? t : -1;
}

/* A light verb whose object is what its subject makes: "buyers make
 * offers", "customers place orders", "owners put their cars" (not "make
 * sure", "make it easy"). */
static bool light_verb(Arena *a, const Draft *d, int v) {
  static const char *const lv[] = {"make", "makes", "making", "place", "places", "placing", "put", "puts",
                                   "putting", "do", "does", "perform", "performs", "conduct", "conducts", 0};
  if (!dr_is_list(d, v, lv))
    return false;
  int end, h = words_phrase_head(d, v + 1, &end, false);
  static const char *const no[] = {"sure", "sense", "money", "use", "way", "decision", "decisions", "change",
                                   "changes", "progress", "difference", "mistake", "mistakes", "choice", "choices",
                                   "room", "space", "effort", "call", "calls", "note", "notes", "friends",
                                   "business", "work", "things", "stuff", "it", "this", "that", 0};
  if (h < 0 || dr_is_list(d, h, no))
    return false;
  bool plural = !str_eq(scan_singular(a, d->w.v[h].text), d->w.v[h].text);
  return plural || dr_is_list(d, v + 1, (const char *const[]){"a", "an", "his", "her", "their", 0});
}

static Mention *mentions(Arena *a, Draft *d, int *count) {
  int cap = 0, n = 0;
  Mention *m = NULL;
  bool *lead_mod = new(a, bool, d->w.n + 1);   /* modifies a verb's first object */
  for (int v = 0; v < d->w.n; v++) {
    int prep_holder = -1, prep_word = -1;
    const EnWord *x = &d->w.v[v];
    VerbUse use;
    if (x->kind == W_WORD && d->nat[v] && d->nat[v]->nacts && (dr_is(d, v + 1, "for") || dr_is(d, v + 1, "of"))) {
      int end, h = words_phrase_head(d, v + 2, &end, false);   /* "booking for treatment sessions" */
      if (h >= 0) {
        Mention *o = push(a, m, n, cap);
        *o = (Mention){h, V_TIME, false, true, false, -1, false};
      }
    }
    /* "each inverter pushes its output every 5 minutes": a verb of sending
     * data, whether or not the list has it */
    bool sends = x->kind == W_WORD && dr_sends_every(d, v);
    /* "dispatchers match each load to a carrier": a verb that gives its
     * object to someone, though "match" is also a noun */
    bool gives = !sends && assign_to_word(d, v) >= 0;
    bool light = !sends && !gives && x->kind == W_WORD && light_verb(a, d, v);
    if (x->kind != W_WORD || (!words_wverb(d, v, &use) && !sends && !gives && !light))
      continue;
    if (lead_mod[v])
      continue;   /* "create purchase orders": the modifier of a verb's first object */
    if (!words_wverb(d, v, &use) || light)
      use = gives || light ? V_KEEP : V_SEE;
    /* "Hosts see ...", "Drivers update ...": a plural opening a clause and
     * followed by a verb is the subject, not a verb */
    VerbUse nu;
    const EnWord *after = dr_wd(d, v + 1);
    if ((v == d->sstart[v] || dr_punct_before(d, v)) && after && after->kind == W_WORD && words_wverb(d, v + 1, &nu) &&
        x->text.n > 3 && x->text.p[x->text.n - 1] == 's')
      continue;
    /* "a shopping list", "a mailing list": a noun after an -ing word */
    const EnWord *pw = dr_wd(d, v - 1);
    if (pw && pw->kind == W_WORD && pw->text.n > 4 && str_eqc((Str){pw->text.p + pw->text.n - 3, 3}, "ing") &&
        !dr_punct_before(d, v))
      continue;
    /* "the booking", "a post", "their orders": a noun, not a verb */
    if (dr_is_list(d, v - 1, (const char *const[]){"a", "an", "the", "their", "his", "her", "its", "our", "my",
                                                     "your", "online", "each", "every", "per", 0}))
      continue;
    /* "notes and checklists sync across devices": data syncs by itself;
     * with no object, its subjects are things people keep, no one */
    static const char *const sync[] = {"sync", "syncs", "syncing", "synced", "synchronise", "synchronises",
                                       "synchronize", "synchronizes", 0};
    static const char *const synced[] = {"the", "a", "an", "their", "his", "her", "its", "our", "my", "your", "all",
                                         "them", "it", "data", 0};
    if (dr_is_list(d, v, sync) && !(v + 1 <= d->send[v] && !dr_punct_before(d, v + 1) && dr_is_list(d, v + 1, synced))) {
      for (int k = v - 1; k >= d->sstart[v] && k >= v - 5 && !dr_punct_before(d, k + 1); k -= 2) {
        if (!words_ok(&d->w.v[k]) || str_eq(scan_singular(a, d->w.v[k].text), d->w.v[k].text))
          break;
        Mention *o = push(a, m, n, cap);
        *o = (Mention){k, V_KEEP, false, true, false, -1, false};
        if (!dr_is(d, k - 1, "and") && !dr_is(d, k - 1, "or"))
          break;
      }
      d->verb_at[v] = true;
      continue;
    }
    bool device = dr_sends_every(d, v), have = use == V_HAVE;
    int actor = actor_before(a, d, v);
    /* the act before its verb is a record of the domain */
    if (actor < 0 && v - 1 >= d->sstart[v] && !dr_punct_before(d, v) && act_noun(a, d, v - 1) &&
        words_ok(&d->w.v[v - 1]) && !str_eq(scan_singular(a, d->w.v[v - 1].text), d->w.v[v - 1].text)) {
      Mention *o = push(a, m, n, cap);
      *o = (Mention){v - 1, V_KEEP, false, true, false, -1, false};
    }
    /* "drivers report defects" files records; "a VAT report every
     * quarter" is a noun: "report" keeps its object only after who reports */
    static const char *const rep[] = {"report", "reports", "reported", "reporting", 0};
    if (actor < 0 && !device && dr_is_list(d, v, rep))
      continue;
    if (actor >= 0) {
      Mention *x2 = push(a, m, n, cap);
      /* "tanks have probes": a thing that holds others, not a person */
      *x2 = (Mention){actor, V_KEEP, use != V_HAVE, use == V_HAVE, device, -1, false};
      d->verb_at[v] = true;
      d->subject[v] = actor;
    }
    if (use == V_HAVE)
      use = V_KEEP;
    /* "subscribe to shows", "enroll kids in activities", "give to local
     * causes", "post photos to albums": plural things after the verb's
     * preposition; after to/in/into an object, they hold that object */
    static const char *const preps[] = {"to", "in", "into", "for", "on", "from", 0};
    for (int k = v + 1; k <= d->send[v] && k <= v + 6 && !device; k++) {
      if (!dr_is_list(d, k, preps))
        continue;
      int end, h = words_phrase_head(d, k + 1, &end, false);
      if (h >= 0 && !str_eq(scan_singular(a, d->w.v[h].text), d->w.v[h].text)) {
        Mention *o = push(a, m, n, cap);
        *o = (Mention){h, V_KEEP, false, true, false, -1, false};
        /* the word before the preposition, when it is the verb's object */
        if (k - 1 > v && dr_is_list(d, k, (const char *const[]){"to", "in", "into", 0}))
          prep_holder = k - 1, prep_word = h;
      }
      break;
    }
    /* "match each load to a carrier", "assign each visit to a caregiver":
     * who or what it is given to is a thing of the domain, singular too */
    int to = assign_target(d, v);
    if (to >= 0) {
      Mention *o = push(a, m, n, cap);
      *o = (Mention){to, V_KEEP, false, true, false, -1, false};
    }
    if (device || !(gives || light || words_object_verb(d, v, &use)))
      continue;
    int k = v + 1;
    for (int objs = 0; objs < 5 && k < d->w.n; objs++) {
      int end;
      int h = words_phrase_head(d, k, &end, objs > 0);
      if (h < 0)
        break;
      VerbUse nv;
      if (objs > 0 && words_wverb(d, end + 1, &nv) && !dr_punct_before(d, end + 1))
        break;   /* "post jobs, candidates apply": a new clause's subject */
      if (objs > 0 && !dr_punct_before(d, end + 1) &&
          dr_is_list(d, end + 1, (const char *const[]){"them", "it", "him", "her", "us", "me", 0}))
        break;   /* "place orders, warehouses ship them": a new clause */
      for (int q = k; q < h; q++)
        if (d->w.v[q].kind == W_WORD && !words_determiner(d->w.v[q].text))
          d->modifier[q] = true, lead_mod[q] = objs == 0;   /* "record match results": match */
      Mention *o = push(a, m, n, cap);
      *o = (Mention){h, use, false, true, false, words_owning_verb(x->text) || have || light ? actor : -1, false};
      if (end == prep_holder || h == prep_holder)
        o->owner = prep_word, o->inside = true;
      d->verb[h] = v;
      d->verb_at[v] = true;
      /* "cakes and cookies", "cases, deadlines and hearings" */
      int nx = end + 1;
      if (nx < d->w.n && !dr_punct_before(d, nx) && (dr_is(d, nx, "and") || dr_is(d, nx, "or")))
        k = nx + 1;
      else if (nx < d->w.n && dr_punct_before(d, nx) && d->w.v[nx].kind == W_WORD &&
               d->text.p[d->w.v[nx - 1].off + d->w.v[nx - 1].text.n] == ',')
        k = dr_is(d, nx, "and") || dr_is(d, nx, "or") ? nx + 1 : nx;
      else
        break;
      VerbUse u2;
      if (k >= d->w.n || d->w.v[k].kind != W_WORD || (words_wverb(d, k, &u2) && !d->nat[k]) ||
          d->sstart[k] != d->sstart[v])
        break;
    }
  }
  *count = n;
  return m;
}


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
    if (d->eat[i] != c)
      continue;
    int s = d->sstart[i];
    bool linked = false, possessive = false;
    for (int k = i - 1; k >= s && k >= i - 6; k--) {
      const EnWord *y = &d->w.v[k];
      if (y->kind != W_WORD)
        continue;
      if (lex_list(y->text, link) && !linked) {
        linked = true;
        possessive = lex_list(y->text, (const char *const[]){"their", "his", "her", 0});
      }
      int p = d->eat[k];
      /* "their", "his", "her" point at a person: "owners book appointments
       * for their dogs" gives the dogs to the owners */
      if (p >= 0 && p != c && linked && possessive && !dr_kind_is(&d->ents[p], "person"))
        continue;
      if (p >= 0 && p != c) {
        /* "agents reply with comments": a role acting, not owning */
        bool with = str_eqc(d->w.v[i - 1 >= 0 ? i - 1 : 0].text, "with");
        if (linked && !dr_kind_is(&d->ents[c], "person") &&
            !(with && dr_kind_is(&d->ents[p], "person") && p != d->principal))
          return p;
        break;
      }
    }
  }
  return -1;
}

/* Fields a word the lexicon lacks gets from what its verb says of it. */
static void fields_of_use(Arena *a, DEnt *e, VerbUse use) {
  switch (use) {
  case V_TIME:
    if (!dr_field_typed(e, "timestamp").n && !dr_field_typed(e, "date").n)
      dr_add_field(e, S("starts_at"), S("timestamp"), false);
    break;
  case V_FILE:
    if (!dr_field_typed(e, "blob").n)
      dr_add_field(e, S("file"), S("blob"), false);
    break;
  case V_PRICE:
    if (!e->noun && !dr_field_typed(e, "money").n)
      dr_add_field(e, S("price"), S("money"), false);
    break;
  case V_TEXT:
    if (!e->noun && !dr_has_field(e, S("title")))
      dr_add_field(e, S("body"), S("text"), false);
    break;
  case V_LOG:
    if (!e->noun && !dr_field_typed(e, "timestamp").n)
      dr_add_field(e, S("at"), S("timestamp"), false);
    break;
  case V_KEEP:
  case V_SEE:
  case V_HAVE:
    break;
  }
  (void)a;
}

/* Removes entity `gone`, its words now naming `into`. */
static void merge(Draft *d, int gone, int into) {
  for (int i = 0; i < d->w.n; i++)
    if (d->eat[i] == gone)
      d->eat[i] = into;
  for (int i = 0; i < d->nents; i++)
    if (d->ents[i].owner_hint == gone)
      d->ents[i].owner_hint = into == i ? -1 : into;
  DEnt *t = &d->ents[into], *g = &d->ents[gone];
  for (int k = 0; k < g->nf; k++)
    if (!str_has_prefix(g->f[k].type, S("enum")))
      dr_add_field(t, g->f[k].name, g->f[k].type, g->f[k].from_text);
  t->actor |= g->actor;
  memmove(&d->ents[gone], &d->ents[gone + 1], sizeof(DEnt) * (size_t)(d->nents - gone - 1));
  d->nents--;
  for (int i = 0; i < d->w.n; i++)
    if (d->eat[i] > gone)
      d->eat[i]--;
  for (int i = 0; i < d->nents; i++)
    if (d->ents[i].owner_hint > gone)
      d->ents[i].owner_hint--;
    else if (d->ents[i].owner_hint == gone)
      d->ents[i].owner_hint = -1;
}

/* Removes entity `gone`, whose words name nothing any more. */
static void drop_ent(Draft *d, int gone) {
  for (int i = 0; i < d->nents; i++)
    if (d->ents[i].owner_hint == gone)
      d->ents[i].owner_hint = -1;
  memmove(&d->ents[gone], &d->ents[gone + 1], sizeof(DEnt) * (size_t)(d->nents - gone - 1));
  d->nents--;
  for (int i = 0; i < d->w.n; i++)
    if (d->eat[i] == gone)
      d->eat[i] = -1;
    else if (d->eat[i] > gone)
      d->eat[i]--;
  for (int i = 0; i < d->nents; i++)
    if (d->ents[i].owner_hint > gone)
      d->ents[i].owner_hint--;
}

/* A noun for the act of a verb ("booking" for book) names the thing that
 * verb takes in this text, when it takes one ("book appointments"), or the
 * thing after it ("booking for treatment sessions"). */
static void merge_acts(Arena *a, Draft *d) {
  for (int e = d->nents - 1; e >= 0; e--) {
    const Noun *n = d->ents[e].noun;
    if (!n || !n->nacts)
      continue;
    int into = -1;
    for (int i = 0; i < d->w.n && into < 0; i++) {
      int t = d->eat[i];
      if (t < 0 || t == e || d->verb[i] < 0)
        continue;
      Str v = d->w.v[d->verb[i]].text;
      for (int k = 0; k < n->nacts && into < 0; k++)
        if (str_has_prefix(v, n->acts[k].text))
          into = t;
    }
    for (int i = 0; i < d->w.n && into < 0; i++)
      if (d->eat[i] == e && (dr_is(d, i + 1, "for") || dr_is(d, i + 1, "of"))) {
        int end;
        int h = words_phrase_head(d, i + 2, &end, false);
        if (h >= 0 && d->eat[h] >= 0 && d->eat[h] != e)
          into = d->eat[h];
      }
    /* "files sync ...; uploads average 500 KB": an upload names the one
     * file the text keeps */
    int same = 0, other = -1;
    bool kinded = str_eqc(n->kind, "file");
    for (int k = 0; k < d->nents && into < 0 && kinded; k++)
      if (k != e && !d->ents[k].added && str_eq(d->ents[k].kind, d->ents[e].kind))
        same++, other = k;
    if (into < 0 && same == 1)
      into = other;
    if (into >= 0)
      merge(d, e, into);
  }
  (void)a;
}

/* Verbs of a decision on what people submit. */
static const char *const decide[] = {"approve", "approves", "approved", "reject", "rejects", "rejected", "decline",
                                     "declines", "accept", "accepts", 0};

/* Acts that leave a record: "rate the baker" keeps a Rating, "teachers
 * comment on them" a Comment, "bidders bid" a Bid. The record belongs to
 * the one who acts. */
/* Is w a form of the verb v ("replies", "rated", "voting"), not another
 * word that starts alike ("replay")? */
static bool inflects(Str w, const char *v) {
  size_t n = strlen(v);
  static const char *const end[] = {"", "s", "es", "ed", "d", "ing", 0};
  static const char *const y[] = {"ies", "ied", 0};   /* reply: replies, replied */
  for (int k = 0; end[k]; k++) {
    size_t m = strlen(end[k]);
    if ((size_t)w.n == n + m && !memcmp(w.p, v, n) && !memcmp(w.p + n, end[k], m))
      return true;
    /* rate: rating, rated */
    if (v[n - 1] == 'e' && (size_t)w.n == n - 1 + m && m && !memcmp(w.p, v, n - 1) && !memcmp(w.p + n - 1, end[k], m))
      return true;
  }
  for (int k = 0; v[n - 1] == 'y' && y[k]; k++)
    if ((size_t)w.n == n - 1 + 3 && !memcmp(w.p, v, n - 1) && !memcmp(w.p + n - 1, y[k], 3))
      return true;
  return false;
}

static void acts_as_records(Arena *a, Draft *d) {
  static const char *const acts[][4] = {
    {"comment", "Comment", "body", "text"}, {"review", "Review", "body", "text"}, {"rate", "Rating", "score", "int"},
    {"reply", "Reply", "body", "text"},     {"vote", "Vote", "value", "int"},     {"bid", "Bid", "amount", "money"},
    {"apply", "Application", "note", "text?"}, {0, 0, 0, 0}};
  for (int v = 0; v < d->w.n; v++) {
    VerbUse u;
    if (!d->verb_at[v] || !words_wverb(d, v, &u))
      continue;
    Str w = d->w.v[v].text;
    for (int k = 0; acts[k][0]; k++) {
      if (!inflects(w, acts[k][0]) || !words_base_verb(str_c(acts[k][0]), &u))
        continue;
      Str name = str_c(acts[k][1]);
      /* "caseworkers review applications and approve or reject them": a
       * review before a decision inspects, it leaves no opinion */
      bool decided = false;
      for (int q = v + 1; !strcmp(acts[k][0], "review") && q <= d->send[v] && !decided; q++)
        decided = dr_is_list(d, q, decide);
      if (decided)
        break;
      int e = ents_named(d, name);
      if (e < 0) {
        const Noun *ln = NULL;
        for (int q = 0; q < d->lx.nnouns && !ln; q++)
          if (str_eq(d->lx.nouns[q].entity, name))
            ln = &d->lx.nouns[q];
        e = ents_new(d, ln, name, ln ? ln->kind : S("thing"), w, false, v);
        if (e < 0)
          return;
        d->ents[e].strength = 2;
        if (!ln)
          dr_add_field(&d->ents[e], str_c(acts[k][2]), str_c(acts[k][3]), false);
      }
      int actor = actor_before(a, d, v);
      if (actor >= 0 && d->eat[actor] >= 0 && d->ents[e].owner_hint < 0 && d->eat[actor] != e)
        d->ents[e].owner_hint = d->eat[actor];
      break;
    }
  }
}

/* May word i modify the noun after it as the first half of a compound
 * ("soil sensor", "order item", "time slot", "delivery driver")? A word
 * of the noun class: not a function word, an adjective, a place or manner
 * word ("home bakers", "field sensors", "online orders"), a verb form, a
 * number, or a person (a "customer order" is the customer's order). */
/* "a 300-person company", "our 50-employee agency": a word joined to a
 * count by a hyphen says how large the next thing is. */
static bool size_word(const Draft *d, int i) {
  const EnWord *x = dr_wd(d, i), *c = dr_wd(d, i - 1);
  return x && c && c->kind == W_NUMBER && x->kind == W_WORD && x->off > 0 && x->off < d->text.n &&
         d->text.p[x->off - 1] == '-' && c->off + c->text.n >= x->off - 1;
}

static bool compound_modifier(Arena *a, const Draft *d, int i) {
  const EnWord *x = dr_wd(d, i);
  if (size_word(d, i))
    return false;
  if (!x || x->kind != W_WORD || x->text.n < 3 || x->text.n > 30 || dr_punct_before(d, i + 1))
    return false;
  for (ptrdiff_t k = 0; k < x->text.n; k++)
    if (x->text.p[k] < 'a' || x->text.p[k] > 'z')
      return false;
  static const char *const no[] = {
    "new", "old", "short", "long", "big", "small", "large", "huge", "tiny", "little", "live", "online", "offline",
    "public", "private", "local", "remote", "real", "free", "paid", "premium", "simple", "basic", "custom",
    "mobile", "digital", "physical", "active", "main", "other", "own", "same", "different", "favorite",
    "favourite", "popular", "recent", "upcoming", "past", "future", "open", "closed", "full", "empty", "raw",
    "final", "first", "last", "next", "single", "multiple", "many", "several", "more", "most", "few", "top",
    "best", "high", "low", "fast", "slow", "global", "internal", "external", "shared", "personal", "general",
    "special", "social", "secure", "young", "senior", "junior", "available", "nearby", "related", "similar",
    "entire", "whole", "total", "unique", "random", "regular", "annual", "quick", "easy", "automatic", "manual",
    "home", "field", "web", "phone", "office", "outdoor", "indoor", "field", "smart", "connected", "iot",
    "independent", "indie", "freelance", "professional", "amateur", "aspiring", "existing", "potential",
    "prospective", "verified", "busy", "right", "wrong", "correct", "proper", "relevant", "responsible",
    "appropriate", "virtual", "used", "elderly", "direct", "instant", "incoming", "outgoing", "pending",
    "cheap", "expensive", "good", "great", "nice", "cool", "fresh", "hot", "cold", "warm", "green", "red",
    "blue", "black", "white", "daily", "weekly", "monthly", "yearly", "hourly", "nightly", "any", "all", "some",
    "each", "every", "such", "certain", "various", "lots", "both", "either", "neither", "whatever", "which",
    "what", "whose", "just", "only", "also", "even", "still", "very", "too", "quite", "pretty", "really",
    "the", "and", "or", "but", "not", "our", "their", "your", "his", "her", "its", "my", "this", "that",
    "these", "those", "with", "from", "into", "onto", "over", "under", "about", "after", "before", "per",
    "via", "than", "then", "when", "where", "while", "who", "whom", "how", "why", "can", "will", "may", "must",
    "should", "could", "would", "have", "has", "had", "are", "was", "were", "been", "being", "get", "gets",
    "see", "sees", "let", "lets", "make", "makes", "need", "needs", "want", "wants", "use", "uses", "enter",
    "shorten", "manage", "submit", "edit", "delete", "remove", "update", "approve", "reject", "cancel", "assign",
    "schedule", "publish", "upload", "download", "import", "export", "scan", "sign", "join", "invite", "follow",
    "like", "reply", "track", "view", "list", "add", "create", "store", "save", "keep", "show", "display",
    "watch", "read", "write", "please", "check", "compare", "find", "search", "browse", "pick", "choose",
    "select", "rent", "buy", "sell", "pay", "send", "receive", "get", "give", "take", "leave", "attach",
    "throttle", "rank", "paste", "index", "crawl", "scrape", "transcode", "encode", "pdf", "csv", "xlsx", "xls",
    "docx", "jpg", "jpeg", "png", "gif", "mp3", "mp4", "json", "xml", "zip", 0};
  static const char *const when[] = {"time", "day", "date", "night", "week", "month", "year", "season", "morning",
                                    "evening", "weekend", "term", 0};
  if (lex_list(x->text, no) || words_determiner(x->text) || lex_stop_noun(x->text) ||
      (words_not_noun(x->text) && !lex_list(x->text, when)))
    return false;
  Str w = x->text;
  static const char *const suffix[] = {"ly", "ed", "ous", "ful", "ive", "able", "ible", "est", "ish", "less", 0};
  for (int k = 0; suffix[k]; k++) {
    ptrdiff_t n = (ptrdiff_t)strlen(suffix[k]);
    if (w.n > n + 2 && !memcmp(w.p + w.n - n, suffix[k], (size_t)n))
      return false;
  }
  /* a plural is not a modifier ("drivers see"), except nouns always plural */
  if (!str_eq(scan_singular(a, w), w) && !str_eqc(w, "news") && !str_eqc(w, "sales") && !str_eqc(w, "sports"))
    return false;
  const Noun *n = d->nat[i];
  if (n && str_eqc(n->kind, "person"))
    return false;
  if (d->eat[i] >= 0 && dr_kind_is(&d->ents[d->eat[i]], "person"))
    return false;
  if (d->verb_at[i] && !d->modifier[i])
    return false;   /* "drivers accept rides" */
  /* after a plural or a person it is their verb: "buyers place orders" */
  const EnWord *pv = dr_wd(d, i - 1);
  if (pv && pv->kind == W_WORD && !dr_punct_before(d, i) && !words_determiner(pv->text) &&
      ((d->eat[i - 1] >= 0 && dr_kind_is(&d->ents[d->eat[i - 1]], "person")) ||
       (d->nat[i - 1] && str_eqc(d->nat[i - 1]->kind, "person")) ||
       (pv->text.n > 3 && !str_eq(scan_singular(a, pv->text), pv->text) && !lex_stop_noun(pv->text) &&
        !words_not_noun(pv->text) && !(d->verb_at[i - 1] && d->eat[i - 1] < 0))))
    return false;   /* ("each lawyer keeps case files": keeps is the verb, case a modifier) */
  VerbUse u;
  if (words_wverb(d, i, &u) && !d->nat[i] && !d->modifier[i] && d->eat[i] < 0 &&
      !(i > 0 && words_determiner(d->w.v[i - 1].text)))
    return false;   /* "customers book slots": a verb */
  return true;
}

/* A word whose ending makes it a noun, never a verb ("treatment",
 * "inspection", "membership"): after "and" it modifies the next noun. */
static bool noun_suffix(Str w) {
  static const char *const suffix[] = {"ment", "tion", "sion", "ness", "ity", "ance", "ence", "ship", "hood", 0};
  for (int k = 0; suffix[k]; k++) {
    ptrdiff_t n = (ptrdiff_t)strlen(suffix[k]);
    if (w.n > n + 2 && !memcmp(w.p + w.n - n, suffix[k], (size_t)n))
      return true;
  }
  return false;
}

/* Compound nouns. An entity whose name's word (its head) is said, every
 * time, right after the same modifier ("5,000 soil sensors ... the soil
 * sensors") takes the compound's name: SoilSensor, OrderItem, TimeSlot,
 * DeliveryDriver. A head also said bare ("insurance claims app:
 * policyholders file claims") keeps its own name: the text did not use the
 * compound consistently. A verb and its object ("upload documents") and a
 * phrase that goes on ("vacation rental marketplace") are no compounds.
 * The modifier keeps an entity of its own only when the text names it
 * alone ("orders ... order items"); a modifier naming a file ("video
 * lessons") gives the compound its file. */
static void compounds(Arena *a, Draft *d) {
  for (int e = 0; e < d->nents; e++) {
    DEnt *en = &d->ents[e];
    if (en->added)
      continue;
    int first = -1, n = 0;
    Str m = {0};
    bool same = true;
    for (int i = 0; i < d->w.n && same; i++) {
      if (d->eat[i] != e || d->w.v[i].kind != W_WORD || !str_eq(pascal(a, scan_singular(a, d->w.v[i].text)), en->name))
        continue;
      n++;
      /* "upload documents" is a verb and its object; "has order items",
       * "the time slots" are not: no verb follows those words */
      static const char *const nominal[] = {"has", "have", "had", "with", "of", "for", "the", "a", "an", "each",
                                            "every", "their", "our", "my", "your", "its", "his", "her", "per", "no",
                                            "by", "to", "in", "on", "from", "into", "all", "any", "some", "many", 0};
      bool mod = i > 0 && compound_modifier(a, d, i - 1) && (d->verb[i] != i - 1 || dr_is_list(d, i - 2, nominal));
      /* "sales team", "news feed": nouns always plural keep their s */
      Str mw = mod ? d->w.v[i - 1].text : (Str){0};
      Str mi = !mod ? (Str){0} : str_eqc(mw, "news") || str_eqc(mw, "sales") || str_eqc(mw, "sports") ? mw
                                                                                                     : scan_singular(a, mw);
      /* "purchase orders ... approve any order above": after the compound,
       * a determiner and the bare head refer back to it */
      static const char *const back[] = {"the", "any", "each", "every", "this", "that", "these", "those", "such", 0};
      if (!mod && first >= 0 && dr_is_list(d, i - 1, back))
        continue;
      if (!mod || (m.n && !str_eq(mi, m)))
        same = false;
      else if (first < 0)
        first = i, m = mi;
    }
    if (!same || first < 0 || !n)
      continue;
    /* after "and"/"or" a word the text never names as a thing is a verb
     * ("search the catalog and place orders") unless a verb follows the
     * pair, which is then the subject ("and delivery drivers pick them up") */
    VerbUse vu;
    VerbUse mv;
    if (first >= 2 && (dr_is(d, first - 2, "and") || dr_is(d, first - 2, "or")) && !d->nat[first - 1] &&
        d->eat[first - 1] < 0 && !noun_suffix(d->w.v[first - 1].text) &&
        (words_wverb(d, first - 1, &mv) || light_verb(a, d, first - 1)) &&
        !(first + 1 < d->w.n && words_wverb(d, first + 1, &vu) && !dr_punct_before(d, first + 1)))
      continue;
    /* the phrase ends at the head: "rental marketplace" goes on, and "a
     * clinic booking app" names the product */
    const EnWord *nx = dr_wd(d, first + 1);
    VerbUse nu;
    static const char *const product[] = {"app", "apps", "application", "platform", "site", "website", "system",
                                          "tool", "portal", "marketplace", "service", "software", "saas", 0};
    if (nx && nx->kind == W_WORD && !dr_punct_before(d, first + 1) &&
        ((words_ok(nx) && !words_wverb(d, first + 1, &nu)) || lex_list(nx->text, product)))
      continue;
    Str name = str_printf(a, "%.*s%.*s", STRF(pascal(a, m)), STRF(en->name));
    if (name.n > 60 || ents_named(d, name) >= 0)
      continue;
    en->name = name;
    en->said = dr_said(d, first - 1, first);
    const Noun *mn = d->nat[first - 1];
    /* a modifier of another domain makes another thing ("medication
     * orders" are no shop's orders): the head's usual fields go, and the
     * compound gets none of a template. Money moves in every domain, so a
     * head of finance keeps its fields ("course payments"), and a modifier
     * naming a file only gives its file ("video lessons"). */
    if (mn && !str_eqc(mn->kind, "file") && en->noun && mn != en->noun && mn->domain.n && en->noun->domain.n &&
        !str_eq(mn->domain, en->noun->domain) && !str_eqc(en->noun->domain, "finance")) {
      en->noun = NULL;
      en->kind = S("thing");
      en->nf = 0;
      en->per = PER_UNKNOWN;
    }
    /* "line items", "order items": a line of a record of money names what
     * it sells; it takes the lexicon's line fields, not a product's */
    const Noun *ln = lex_noun_id(&d->lx, "line");
    if (ln && en->noun && str_eqc(en->noun->kind, "thing") && str_eqc(en->noun->domain, "commerce") &&
        (str_eqc(m, "line") || (mn && str_eqc(mn->kind, "money")))) {
      en->noun = ln, en->kind = ln->kind, en->nf = 0, en->per = ln->per;
      for (int k = 0; k < ln->nfields; k++)
        dr_add_field(en, ln->fields[k]->vals[0].text, ln->fields[k]->vals[1].text, false);
    }
    if (mn && str_eqc(mn->kind, "file") && !dr_field_typed(en, "blob").n)
      dr_add_field(en, S("file"), S("blob"), false);
    /* the modifier's words now name the compound; its own entity goes when
     * the text never names it alone */
    int me = d->eat[first - 1];
    bool alone = false;
    for (int i = 0; me >= 0 && i < d->w.n && !alone; i++)
      alone = d->eat[i] == me && !(i + 1 < d->w.n && d->eat[i + 1] == e && !dr_punct_before(d, i + 1));
    for (int i = 1; i < d->w.n; i++)
      if (d->eat[i] == e && d->w.v[i - 1].kind == W_WORD &&
          (str_eq(scan_singular(a, d->w.v[i - 1].text), m) || str_eq(d->w.v[i - 1].text, m)) &&
          !dr_punct_before(d, i))
        d->eat[i - 1] = e;
    if (me >= 0 && me != e && !alone) {
      drop_ent(d, me);
      if (me < e)
        e--;
    }
  }
}

/* What the text does with each word: acts (actor), is acted on (object,
 * with the verb's use and the word that owns it) or reports (a device). */
typedef struct {
  bool *actor, *object;
  VerbUse *use;
  int *owner;            /* word index of the owner, or -1 */
  bool *inside;          /* the owner holds it ("tasks in a project") */
} Roles;

/* The roles of the words the mentions name, in text order. */
static void word_roles(Arena *a, Draft *d, Roles *r) {
  int nm;
  Mention *m = mentions(a, d, &nm);
  r->actor = new(a, bool, d->w.n + 1), r->object = new(a, bool, d->w.n + 1);
  r->use = new(a, VerbUse, d->w.n + 1);
  r->owner = new(a, int, d->w.n + 1);
  r->inside = new(a, bool, d->w.n + 1);
  for (int i = 0; i < d->w.n; i++)
    r->owner[i] = -1;
  for (int k = 0; k < nm; k++) {
    int w = m[k].word;
    if (m[k].device)
      d->device_word[w] = true;
    else if (m[k].actor)
      r->actor[w] = true;
    if (m[k].object) {
      if (!r->object[w] || r->use[w] == V_KEEP)
        r->use[w] = m[k].use;
      r->object[w] = true;
      if (!r->inside[w])
        r->owner[w] = m[k].owner;
      if (m[k].inside)
        r->owner[w] = m[k].owner, r->inside[w] = true;
    }
  }
}

/* A modifier of an object named on its own elsewhere is a thing too:
 * "record match results ... when a match is rescheduled". */
static void modifier_objects(Arena *a, Draft *d, Roles *r) {
  Str mods[16];
  int nmods = 0;
  for (int i = 0; i < d->w.n && nmods < 16; i++)
    if (d->modifier[i] && words_ok(&d->w.v[i]))
      mods[nmods++] = scan_singular(a, d->w.v[i].text);
  for (int i = 1; nmods && i < d->w.n; i++) {
    if (d->w.v[i].kind != W_WORD || d->modifier[i] || r->object[i] || !words_determiner(d->w.v[i - 1].text) ||
        !words_ok(&d->w.v[i]))
      continue;
    const EnWord *nx2 = dr_wd(d, i + 1);
    if (nx2 && nx2->kind == W_WORD && !dr_punct_before(d, i + 1) && words_ok(nx2))
      continue;   /* a modifier here too */
    Str sg = scan_singular(a, d->w.v[i].text);
    for (int q = 0; q < nmods; q++)
      if (str_eq(sg, mods[q]))
        r->object[i] = true;
  }
}

/* "every signature is logged with a timestamp", "the recordings are kept
 * for 6 months": the subject of a passive verb of keeping is a record,
 * as its object would be. */
static void passive_objects(Draft *d, Roles *r) {
  static const char *const be[] = {"is", "are", "was", "were", "gets", "get", "be", "been", 0};
  static const char *const kept[] = {"logged", "kept", "stored", "saved", "recorded", "archived", "created",
                                     "uploaded", "tracked", "signed", "scanned", "attached", "submitted",
                                     "filed", "issued", "published", "generated", "registered", "retained", 0};
  for (int i = 1; i + 2 < d->w.n; i++) {
    if (!dr_is_list(d, i, be))
      continue;
    ptrdiff_t o = d->w.v[i].off;
    while (o > 0 && d->text.p[o - 1] == ' ')
      o--;
    bool paren = o > 0 && d->text.p[o - 1] == ')';
    if (dr_punct_before(d, i) && !paren)
      continue;
    int p = i + 1;
    if (dr_is_list(d, p, (const char *const[]){"also", "then", "always", "automatically", "securely", "all", 0}))
      p++;
    if (p >= d->w.n || !dr_is_list(d, p, kept) || dr_punct_before(d, p))
      continue;
    int n = i - 1;
    /* "the recordings (about 200 MB each) are kept": past a parenthesis */
    if (paren) {
      ptrdiff_t open = o - 1;
      while (open > 0 && open > o - 120 && d->text.p[open] != '(')
        open--;
      while (n > 0 && n > i - 12 && d->w.v[n].off > open)
        n--;
    }
    const EnWord *x = &d->w.v[n];
    if (x->kind != W_WORD || !words_ok(x) || r->actor[n] || d->device_word[n] || n < d->sstart[i])
      continue;
    r->object[n] = true;
    r->use[n] = V_KEEP;
  }
}

/* A word once named as a device is a device wherever it appears (a few
 * distinct words, then one pass over the text). */
static void device_words(Arena *a, Draft *d, Roles *r) {
  Str devs[16];
  int ndev = 0;
  for (int i = 0; i < d->w.n && ndev < 16; i++)
    if (d->device_word[i]) {
      Str sg = scan_singular(a, d->w.v[i].text);
      bool seen = false;
      for (int k = 0; k < ndev && !seen; k++)
        seen = str_eq(devs[k], sg);
      if (!seen)
        devs[ndev++] = sg;
    }
  for (int k = 0; ndev && k < d->w.n; k++)
    if (d->w.v[k].kind == W_WORD) {
      Str sg = scan_singular(a, d->w.v[k].text);
      /* "4,000 e-scooters ... each scooter": the last part of a hyphenated word */
      for (ptrdiff_t h = sg.n - 2; h > 0; h--)
        if (sg.p[h] == '-') {
          sg = (Str){sg.p + h + 1, sg.n - h - 1};
          break;
        }
      for (int q = 0; q < ndev; q++)
        if (str_eq(sg, devs[q]))
          d->device_word[k] = true, r->actor[k] = false;
    }
}

/* "500 studios", "2,500 carriers", "40 trials", "300 moves a month": a
 * plural counted on its own (no noun after it, a rate or none) is a thing
 * of the domain, unless it is a figure's word (users, requests,
 * developers, ...). */
static bool counted_thing(Arena *a, const Draft *d, int i) {
  const EnWord *x = dr_wd(d, i), *c = dr_wd(d, i - 1), *nx = dr_wd(d, i + 1);
  /* "10 aircraft", "200 cattle": plurals spelt as their singular */
  static const char *const same[] = {"sheep", "deer", "fish", "species", "series", "cattle", "livestock", 0};
  bool invariant = x && ((x->text.n > 5 && str_eqc((Str){x->text.p + x->text.n - 5, 5}, "craft")) || lex_list(x->text, same));
  if (!x || !c || c->kind != W_NUMBER || c->unit != NU_COUNT || c->per > 0 || c->value < 2 || !words_ok(x) ||
      dr_punct_before(d, i) || (str_eq(scan_singular(a, x->text), x->text) && !invariant))
    return false;
  int plen;
  if (nx && !dr_punct_before(d, i + 1) && dr_period(d, i + 1, &plen) <= 0 && nx->kind == W_WORD && words_ok(nx))
    return false;   /* "12,000 rooftop solar inverters" */
  if (words_unit(x->text))
    return false;   /* "within 2 miles": a unit, not a thing */
  static const char *const figs[] = {"users", "devices", "requests", "writes", "team", "junior", "mid", "senior",
                                     "solo", "budget", "deadline", "latency", "uptime", "active", "peak", 0};
  for (int k = 0; figs[k]; k++)
    if (lex_measure(a, &d->lx, figs[k], x->text))
      return false;
  return true;
}

/* "syncs across all their devices", "on any device": the generic word for
 * the gadgets people use the product on, after a preposition, is where it
 * runs, not a fleet of devices it keeps records of. */
static bool own_devices(const Draft *d, int i) {
  static const char *const dev[] = {"device", "devices", 0};
  static const char *const prep[] = {"across", "between", "on", "from", "to", "onto", "over", 0};
  static const char *const det[] = {"all", "any", "every", "multiple", "several", "many", "their", "your", "my",
                                    "our", "his", "her", "of", "other", "different", "the", "each", 0};
  if (!dr_is_list(d, i, dev))
    return false;
  int k = i - 1;
  while (k >= d->sstart[i] && k > i - 4 && dr_is_list(d, k, det) && !dr_punct_before(d, k + 1))
    k--;
  return k >= d->sstart[i] && k < i && !dr_punct_before(d, k + 1) && dr_is_list(d, k, prep);
}

/* "pay the invoice online by card or bank transfer", "paid via bank
 * transfer": after a verb of paying and by/via/with, the words name how
 * people pay, not records. */
static bool pay_method(const Draft *d, int i) {
  static const char *const pay[] = {"pay", "pays", "paid", "paying", "payment", "payments", 0};
  static const char *const by[] = {"by", "via", "through", "with", "using", 0};
  VerbUse u;
  for (int k = i - 1; k >= d->sstart[i] && k >= i - 6; k--) {
    if ((dr_punct_before(d, k + 1) && !dr_is(d, k + 1, "or")) || dr_is(d, k, "and") ||
        (words_wverb(d, k, &u) && !dr_is_list(d, k, pay)))
      return false;   /* another clause: "pay by card and leave reviews" */
    if (dr_is_list(d, k, by))
      for (int p = k - 1; p >= d->sstart[i] && p >= k - 4 && !dr_punct_before(d, p + 1); p--)
        if (dr_is_list(d, p, pay))
          return true;
  }
  return false;
}

/* "uploads average 500 KB", "orders average about $40": a word for an
 * average before a figure says how large, and names no thing. */
static bool says_average(const Draft *d, int i) {
  static const char *const avg[] = {"average", "averages", "avg", "mean", "median", 0};
  if (!dr_is_list(d, i, avg))
    return false;
  int k = i + 1;
  if (dr_is_list(d, k, (const char *const[]){"about", "around", "roughly", "of", "at", 0}) && !dr_punct_before(d, k))
    k++;
  const EnWord *x = dr_wd(d, k);
  return x && x->kind == W_NUMBER && !dr_punct_before(d, k);
}

/* "a live board of every ward", "a dashboard of all pumps": what a view
 * shows is a thing of the domain. */
static bool shown_thing(const Draft *d, int i) {
  static const char *const dash[] = {"dashboard", "dashboards", "map", "maps", "overview", 0};
  static const char *const det[] = {"every", "each", "all", "the", "our", "their", 0};
  int k = i - 1;
  if (dr_is_list(d, k, det) && !dr_punct_before(d, k + 1))
    k--;
  return dr_is(d, k, "of") && !dr_punct_before(d, k + 1) && !dr_punct_before(d, k) &&
         (dr_is_list(d, k - 1, dash) || dr_live_view(d, k - 1)) && words_ok(&d->w.v[i]) &&
         !words_determiner(d->w.v[i].text);
}

/* "keep notes per piano", "the counts per dish": what a kept thing is
 * kept for, each, is a thing of the domain (not a period, a unit nor
 * people: "per month", "per page", "per user"). */
static bool per_thing(Arena *a, const Draft *d, const Roles *r, int i) {
  const EnWord *x = &d->w.v[i], *k = dr_wd(d, i - 2);
  int plen;
  return i >= 2 && dr_is(d, i - 1, "per") && !dr_punct_before(d, i) && !dr_punct_before(d, i - 1) &&
         k->kind == W_WORD && (r->object[i - 2] || d->nat[i - 2]) && words_ok(x) && !words_determiner(x->text) &&
         !words_unit(x->text) && dr_period(d, i - 1, &plen) <= 0 && !lex_measure(a, &d->lx, "users", x->text) &&
         x->text.n > 2;
}

/* Word i as an entity: a new one, or the one its name or lexicon noun
 * already has, made stronger when the word is a subject, object or count. */
static void name_word(Arena *a, Draft *d, const Roles *r, int i) {
  const EnWord *x = &d->w.v[i];
  const Noun *n = d->nat[i];
  if (d->verb_at[i] && !r->actor[i] && !r->object[i])
    n = NULL;   /* "customers order a cake": a verb, not an Order */
  bool named = n || r->actor[i] || r->object[i] || d->device_word[i] || counted_thing(a, d, i) || shown_thing(d, i) ||
               per_thing(a, d, r, i);
  /* "kept for review by proctors", "approved by managers": the agent of a
   * passive is a role, unless the phrase orders or finds ("search by author") */
  bool agent_by = false;
  int by = dr_is(d, i - 1, "by") ? i - 1
           : i >= 3 && dr_is(d, i - 2, "by") && d->w.v[i - 1].kind == W_WORD && !dr_punct_before(d, i - 1) &&
                     words_ok(&d->w.v[i - 1]) ? i - 2 : -1;
  if (!named && x->kind == W_WORD && by >= 1 && !dr_punct_before(d, i) && x->text.n > 5) {
    static const char *const order[] = {"search", "searches", "searched", "filter", "filters", "filtered", "sort",
                                        "sorts", "sorted", "group", "grouped", "order", "ordered", "find", "browse",
                                        "list", "listed", "rank", "ranked", "pay", "paid", "one", "side", 0};
    static const char *const sfx[] = {"ers", "ors", "ists", "ians", 0};
    bool agentw = false;
    for (int k = 0; sfx[k]; k++) {
      ptrdiff_t l = (ptrdiff_t)strlen(sfx[k]);
      agentw |= x->text.n > l + 2 && !memcmp(x->text.p + x->text.n - l, sfx[k], (size_t)l);
    }
    agent_by = agentw && !dr_is_list(d, by - 1, order) && words_ok(x);
    named = agent_by;
  }
  if (x->kind != W_WORD || !named)
    return;
  /* "tens of millions", "hundreds of photos": a quantity, no record */
  if (dr_is(d, i + 1, "of") && lex_measure(a, &d->lx, "quantity", x->text))
    return;
  if (own_devices(d, i) || pay_method(d, i) || says_average(d, i) || dr_live_view(d, i))
    return;
  /* "or refunded if the deal falls through": a past participle names an
   * act done, no record */
  if (!n && x->text.n > 5 && words_past_form(x->text) && !r->actor[i] && !d->device_word[i])
    return;
  /* "our 300-person company": the writer's own organisation, sized, is
   * who uses the tool, no record of it */
  if (i >= 3 && size_word(d, i - 1) && dr_is_list(d, i - 3, (const char *const[]){"our", "my", 0}) &&
      !dr_punct_before(d, i))
    return;
  if (size_word(d, i) && dr_wd(d, i + 1) && d->w.v[i + 1].kind == W_WORD && !dr_punct_before(d, i + 1))
    return;   /* "300-person": the size of what follows */
  /* "sign in with Google Workspace", "through Active Directory": words of
   * an identity provider's name are no record */
  for (int c = 0; c < d->lx.ncues; c++) {
    const Cue *cu = &d->lx.cues[c];
    if (!str_eqc(cu->feature, "oidc") && !str_eqc(cu->feature, "oauth") && !str_eqc(cu->feature, "saml"))
      continue;
    for (int p = 0; p < cu->nphrases; p++) {
      const EnWords *ph = &cu->phrases[p];
      for (int st = i - ph->n + 1; st <= i; st++) {
        bool all = st >= 0 && st + ph->n <= d->w.n;
        for (int k = 0; all && k < ph->n; k++)
          all = d->w.v[st + k].kind == ph->v[k].kind && str_eq(d->w.v[st + k].text, ph->v[k].text);
        if (all)
          return;
      }
    }
  }
  /* "for our company", "our engineering org": the writer's own
   * organisation, one of it, is who uses the tool, no record */
  static const char *const mine[] = {"our", "my", 0};
  if (n && str_eqc(n->kind, "group") && !r->actor[i] && str_eq(scan_singular(a, x->text), x->text) &&
      !dr_punct_before(d, i) &&
      (dr_is_list(d, i - 1, mine) || (i >= 2 && dr_is_list(d, i - 2, mine) && words_ok(&d->w.v[i - 1]) &&
                                       !dr_punct_before(d, i - 1) && !d->nat[i - 1])))
    return;
  /* "players see their global rank": the leaderboard's order, no record */
  for (int c = 0; c < d->lx.ncues; c++)
    if (str_eqc(d->lx.cues[c].feature, "leaderboard") && lex_in(d->lx.cues[c].words, d->lx.cues[c].nwords, x->text))
      return;
  /* "we bill each restaurant", "they list flats": after a subject
   * pronoun, a verb of the intake's list is that verb */
  VerbUse pu;
  if (i > 0 && !dr_punct_before(d, i) && words_wverb(d, i, &pu) &&
      dr_is_list(d, i - 1, (const char *const[]){"we", "they", "i", "you", 0}))
    return;
  /* "we charge cards": a word right after a subject pronoun is its verb */
  if (i > 0 && !dr_punct_before(d, i) && dr_is_list(d, i - 1, (const char *const[]){"we", "they", "i", 0}))
    return;
  /* "sellers accept or reject them", "purchasing gets a weekly report": a
   * verb of the intake's list right after its subject and before what it
   * takes is that verb, not a thing */
  VerbUse sv;
  const EnWord *pw = dr_wd(d, i - 1), *nw = dr_wd(d, i + 1);
  static const char *const takes[] = {"a", "an", "the", "them", "it", "their", "his", "her", "our", "its", "or",
                                      "each", "every", "all", "any", "some", 0};
  if (!n && words_wverb(d, i, &sv) && pw && pw->kind == W_WORD && !dr_punct_before(d, i) && nw &&
      !dr_punct_before(d, i + 1) && dr_is_list(d, i + 1, takes) && !words_determiner(pw->text) &&
      (d->eat[i - 1] >= 0 || !str_eq(scan_singular(a, pw->text), pw->text) ||
       (pw->text.n > 5 && str_eqc((Str){pw->text.p + pw->text.n - 3, 3}, "ing"))))
    return;
  /* "the gym charges cards", "each clinic books rooms": a word in its -s
   * form after a singular noun that opens its clause, before what it
   * takes, is that noun's verb, even a word the lexicon names */
  if (pw && nw && pw->kind == W_WORD && nw->kind == W_WORD && x->text.n > 3 && !dr_punct_before(d, i) &&
      !dr_punct_before(d, i + 1) && x->text.p[x->text.n - 1] == 's' && x->text.p[x->text.n - 2] != 's' &&
      !r->actor[i] && str_eq(scan_singular(a, pw->text), pw->text) && words_ok(pw) &&
      (i - 1 == d->sstart[i] || dr_punct_before(d, i - 1) ||
       dr_is_list(d, i - 2, (const char *const[]){"the", "each", "every", "our", "their", "your", "my", 0})) &&
      (dr_is_list(d, i + 1, takes) || (nw->text.n > 3 && !str_eq(scan_singular(a, nw->text), nw->text))))
    return;
  /* "PCI scope kept minimal": after a verb of keeping, an adjective is its
   * complement */
  static const char *const keepv[] = {"kept", "keep", "keeps", "made", "left", "remain", "remains", "stay",
                                      "stays", "stayed", "remained", 0};
  static const char *const adj[] = {"al", "ive", "ous", "ble", "ic", "ful", "less", "ent", "ant", 0};
  bool adjw = false;
  for (int k = 0; adj[k] && x->text.n > 4; k++) {
    ptrdiff_t l = (ptrdiff_t)strlen(adj[k]);
    adjw |= !memcmp(x->text.p + x->text.n - l, adj[k], (size_t)l);
  }
  if (!n && adjw && i > 0 && dr_is_list(d, i - 1, keepv) && (i + 1 >= d->w.n || dr_punct_before(d, i + 1) ||
                                                              i == d->send[i]))
    return;
  /* "the crawler should visit 50 million pages": after a modal, a verb */
  static const char *const modal[] = {"can", "could", "should", "will", "would", "must", "may", "might", "shall",
                                      "cannot", "cant", "wont", "shouldnt", "mustnt", 0};
  VerbUse mu;
  if (i > 0 && !dr_punct_before(d, i) && dr_is_list(d, i - 1, modal) && words_wverb(d, i, &mu))
    return;
  if (!n && !words_ok(x))
    return;
  Str sing = scan_singular(a, x->text);
  Str name = n && d->typo[i] ? n->entity : pascal(a, sing);
  if (!name.n)
    return;
  /* a word before another noun is a modifier ("rental marketplace",
   * "fleet management"): it names the entity only until a stronger word
   * (a count, an object or a subject) for the same thing comes */
  const EnWord *nx = dr_wd(d, i + 1);
  bool counted = dr_wd(d, i - 1) && dr_wd(d, i - 1)->kind == W_NUMBER;
  VerbUse nu;
  bool modifies = nx && nx->kind == W_WORD && !dr_punct_before(d, i + 1) && words_ok(nx) && !words_determiner(nx->text) &&
                  !(words_wverb(d, i + 1, &nu) && !d->nat[i + 1]);
  int strength = r->actor[i] || r->object[i] || d->device_word[i] || counted ? 2 : modifies ? 0 : 1;
  /* "1 million users", "users and members": the people who sign in, not
   * a record of their own unless they act in the text */
  if (n && str_eqc(n->id, "user") && !r->actor[i] && !r->object[i])
    return;
  /* "push alerts": a notification, not a record; but what a notification
   * or email service sends is its records ("20 million notifications a day") */
  static const char *const sent[] = {"notification", "notifications", "email", "emails", "sms", 0};
  if (words_feature_noun(x->text) && !r->actor[i] && !r->object[i] && !(n && dr_product_is(d, sent)))
    return;
  for (int c = 0; c < d->lx.ncues; c++)
    if (d->lx.cues[c].area && lex_in(d->lx.cues[c].words, d->lx.cues[c].nwords, x->text))
      return;   /* "turbines in Texas": a place, the region */
  /* "Azure AD", "AWS IoT": after a technology's name, written as a name,
   * its product */
  const EnWord *tx = dr_wd(d, i - 1);
  bool cap = tx && tx->off < d->text.n && d->text.p[tx->off] >= 'A' && d->text.p[tx->off] <= 'Z';
  for (int k = 0; cap && tx->kind == W_WORD && !dr_punct_before(d, i) && k < d->lx.nskills; k++)
    if (lex_in(d->lx.skills[k].words, d->lx.skills[k].nwords, tx->text))
      return;
  static const char *const format[] = {"pdf", "pdfs", "csv", "xlsx", "xls", "docx", "jpg", "jpeg", "png", "gif",
                                       "mp3", "mp4", "json", "xml", "zip", 0};
  bool as = dr_is(d, i - 1, "as") || dr_is(d, i - 1, "in") ||
            ((dr_is(d, i - 1, "a") || dr_is(d, i - 1, "an")) && (dr_is(d, i - 2, "as") || dr_is(d, i - 2, "in")));
  const EnWord *fx = dr_wd(d, i + 1);
  if (lex_list(x->text, format) && (as || (fx && fx->kind == W_WORD && !dr_punct_before(d, i + 1) && words_ok(fx))))
    return;   /* "payslips as PDF", "a PDF upload": the file's format, not a record */
  /* "keeps the raw HTML", "contracts (PDF, up to 25 MB)": a format names
   * what a record holds, never a record; a document format is one only as
   * what a verb keeps ("upload PDFs") */
  static const char *const data_format[] = {"html", "htm", "json", "xml", "csv", "tsv", "yaml", "yml", "txt",
                                            "markdown", "parquet", "avro", "ndjson", "jsonl", "xlsx", "xls",
                                            "docx", "jpg", "jpeg", "png", "gif", "webp", "heic", "svg", "mp3",
                                            "mp4", "wav", "mov", "zip", 0};
  if (lex_list(x->text, data_format) || (lex_list(x->text, format) && (!r->object[i] || dr_is(d, i + 1, "of"))))
    return;
  /* "an inverter stops reporting": after a singular determiner and its
   * noun, a word in -s that a gerund follows agrees with that noun: the
   * noun's verb, not a plural thing */
  const EnWord *gx = dr_wd(d, i + 1);
  if (!n && i >= 2 && dr_is_list(d, i - 2, (const char *const[]){"a", "an", "each", "every", "one", 0}) &&
      x->text.n > 3 && x->text.p[x->text.n - 1] == 's' && x->text.p[x->text.n - 2] != 's' && !dr_punct_before(d, i) &&
      gx && gx->kind == W_WORD && gx->text.n > 4 && !memcmp(gx->text.p + gx->text.n - 3, "ing", 3) &&
      !dr_punct_before(d, i + 1))
    return;
  /* "a crawler visits roughly 3,000 sites": after a singular determiner
   * and its noun, a verb in -s followed by its object is that noun's verb */
  VerbUse vu;
  const EnWord *ox = dr_wd(d, i + 1);
  int det = i - 2;   /* "our inspection drone visits": past the noun's modifiers */
  while (det > d->sstart[i] && det > i - 4 && words_ok(&d->w.v[det]) && !dr_punct_before(d, det + 1))
    det--;
  if (i >= 2 && dr_is_list(d, det, (const char *const[]){"a", "an", "the", "each", "every", "one", "our", 0}) &&
      x->text.n > 3 && x->text.p[x->text.n - 1] == 's' && x->text.p[x->text.n - 2] != 's' && words_wverb(d, i, &vu) &&
      !r->object[i] && !dr_punct_before(d, i) && d->w.v[i - 1].kind == W_WORD &&
      str_eq(scan_singular(a, d->w.v[i - 1].text), d->w.v[i - 1].text) && ox && !dr_punct_before(d, i + 1) &&
      (ox->kind == W_NUMBER || words_determiner(ox->text) ||
       dr_is_list(d, i + 1, (const char *const[]){"roughly", "about", "around", "approximately", "over", "up", 0})))
    return;
  static const char *const product[] = {"board", "boards", "marketplace", "portal", "hub", "network", "platform",
                                        "site", "app", "tracker", "finder", "planner", "manager", "tool", "system",
                                        "service", 0};
  if (n && !r->actor[i] && !r->object[i] && lex_list(x->text, product) && i > 0 && d->w.v[i - 1].kind == W_WORD &&
      !dr_punct_before(d, i) && !words_determiner(d->w.v[i - 1].text))
    return;   /* "a job board": the product itself */
  int e = ents_named(d, name);
  if (e < 0 && n) {
    e = ents_of_noun(d, n);   /* another word for the same lexicon noun */
    /* two words both used as subjects or objects are two things
     * ("employees open tickets, agents answer them") */
    if (e >= 0 && strength == 2 && d->ents[e].strength == 2)
      e = -1;
    if (e >= 0 && strength > d->ents[e].strength && !d->ents[e].added && ents_named(d, name) < 0) {
      d->ents[e].name = name;
      d->ents[e].said = x->text;
    }
  }
  if (e >= 0 && strength > d->ents[e].strength)
    d->ents[e].strength = strength;
  if (e < 0) {
    /* a word of a feature's act ("two likes make a match") acts as no one */
    bool acts = (r->actor[i] || agent_by) && !lex_cue_word(&d->lx, x->text);
    Str kind = n ? n->kind : d->device_word[i] ? S("device") : acts ? S("person") : S("thing");
    e = ents_new(d, n, name, kind, x->text, false, i);
    if (e < 0)
      return;
    d->ents[e].strength = strength;
    if (!n && str_eqc(kind, "person")) {
      dr_add_field(&d->ents[e], S("name"), S("string(120)"), false);
      dr_add_field(&d->ents[e], S("email"), S("email unique"), false);
    } else if (!n && str_eqc(kind, "device")) {
      dr_add_field(&d->ents[e], S("serial"), S("string(40) unique"), false);
      dr_add_field(&d->ents[e], S("label"), S("string(80)"), false);
    }
  }
  DEnt *en = &d->ents[e];
  d->eat[i] = e;
  /* named first as an object, then acting: a role ("pick a stylist ...
   * stylists see their agenda") */
  if (r->actor[i] && !en->noun && str_eqc(en->kind, "thing") && !lex_cue_word(&d->lx, x->text)) {
    en->kind = S("person");
    dr_add_field(en, S("email"), S("email unique"), false);
  }
  if (d->device_word[i] && !dr_kind_is(en, "reading"))
    en->kind = S("device");
  en->actor |= r->actor[i] || agent_by;
  if (r->object[i]) {
    fields_of_use(a, en, r->use[i]);
    if (r->owner[i] >= 0 && (en->owner_hint < 0 || r->inside[i]))
      en->owner_hint = r->owner[i];   /* a word index for now */
  }
}

/* A word that names an entity by its name, anywhere ("2 days before a
 * hearing" after "track hearings"). */
static void named_words(Arena *a, Draft *d) {
  char first[MAX_ENTS];
  for (int e = 0; e < d->nents; e++)
    first[e] = (char)(d->ents[e].name.p[0] - 'A' + 'a');
  for (int i = 0; i < d->w.n; i++) {
    bool maybe = false;
    for (int e = 0; e < d->nents && !maybe && d->w.v[i].text.n; e++)
      maybe = first[e] == d->w.v[i].text.p[0];
    if (maybe && d->eat[i] < 0 && d->w.v[i].kind == W_WORD && words_ok(&d->w.v[i])) {
      int e = ents_named(d, pascal(a, scan_singular(a, d->w.v[i].text)));
      if (e >= 0)
        d->eat[i] = e;
    }
  }
}

/* "4,000 e-scooters ... each scooter": a hyphenated word and its last
 * part name one thing, by the name said first. */
static void hyphen_heads(Arena *a, Draft *d) {
  for (int e = 0; e < d->nents; e++) {
    Str w = scan_singular(a, d->ents[e].said);
    ptrdiff_t h = w.n - 2;
    while (h > 0 && w.p[h] != '-')
      h--;
    if (h <= 0)
      continue;
    int t = ents_named(d, pascal(a, (Str){w.p + h + 1, w.n - h - 1}));
    if (t < 0 || t == e || d->ents[t].added || !str_eq(d->ents[t].kind, d->ents[e].kind))
      continue;
    merge(d, t, e);
    if (t < e)
      e--;
  }
}

/* Owner hints: word indexes to entities. */
static void owner_hints(Draft *d) {
  for (int e = 0; e < d->nents; e++) {
    int w = d->ents[e].owner_hint;
    d->ents[e].owner_hint = w >= 0 ? d->eat[w] : -1;
    if (d->ents[e].owner_hint == e)
      d->ents[e].owner_hint = -1;
  }
}

static Str snake(Arena *a, Str n);
static int pronoun_ent(Arena *a, const Draft *d, int p, int before, int not);

/* A word that names a field of another entity is that field, not a record
 * of its own ("staff manage stock" with Product.stock; "track the status
 * of orders"): dropped when the text gives it no count, nothing that
 * belongs to it, and it is no person. */
static void field_words(Arena *a, Draft *d) {
  for (int e = d->nents - 1; e >= 0; e--) {
    const DEnt *en = &d->ents[e];
    if (en->added || en->noun || en->actor || dr_kind_is(en, "person") || dr_kind_is(en, "device") ||
        en->strength > 2)
      continue;
    Str low = snake(a, en->name);
    bool field = false, held = false;
    for (int j = 0; j < d->nents && !field; j++)
      for (int k = 0; j != e && k < d->ents[j].nf && !field; k++)   /* a file is kept as a record */
        field = str_eq(d->ents[j].f[k].name, low) && !str_eqc(d->ents[j].f[k].type, "blob") &&
                !str_eqc(d->ents[j].f[k].type, "blob?");
    for (int j = 0; j < d->nents && !held; j++)
      held = d->ents[j].owner_hint == e;
    for (int i = 0; i + 1 < d->w.n && !held; i++)
      held = d->eat[i] == e && i > 0 && d->w.v[i - 1].kind == W_NUMBER;
    if (field && !held)
      drop_ent(d, e);
  }
}

/* Words for things that are themselves a time (booked as they are). */
static const char *const time_words[] = {
  "session", "class", "lesson", "slot", "appointment", "visit", "meeting", "tour", "trip", "ride", "stay",
  "ticket", "event", "shift", "course", "consultation", "treatment", "workshop", "training", "time", "date",
  "booking", "reservation", "rental", "loan", "pickup", "delivery", "service", "call", "interview", "flight",
  "game", "match", "seat", "spot", "place", "night", "day", "week", "month", "hour", "it", "them", 0};

/* Booking a thing that stays ("members reserve desks", "guests book rooms",
 * "neighbours borrow tools") makes a record of each booking that refers to
 * it and belongs to whoever booked: the thing itself belongs to no booker
 * and has no start time. A thing that is itself a time (an appointment, a
 * session, a class) is the booking, as before. */
static void booked_things(Arena *a, Draft *d) {
  static const struct { const char *stem, *name; } acts[] = {
    {"book", "Booking"}, {"reserv", "Reservation"}, {"rent", "Rental"}, {"borrow", "Loan"}};
  const char *const *times = time_words;
  for (int e = 0; e < d->nents; e++) {
    DEnt *en = &d->ents[e];
    bool reports = false;   /* a vehicle rented is a thing; one that reports is a device */
    for (int i = 0; i < d->w.n && !reports; i++)
      reports = d->eat[i] == e && d->device_word[i];
    if (en->added || dr_kind_is(en, "person") || reports || dr_kind_is(en, "reading") ||
        dr_kind_is(en, "event") || lex_list(snake(a, en->name), times))
      continue;
    int at = en->first;   /* "donation slots": the head names what is booked */
    if (at >= 0 && at < d->w.n && lex_list(scan_singular(a, d->w.v[at].text), times))
      continue;
    int act = -1, vw = -1;
    for (int i = 0; i < d->w.n && act < 0; i++) {
      if (d->eat[i] != e || d->verb[i] < 0)
        continue;
      Str v = d->w.v[d->verb[i]].text;
      for (int k = 0; k < 4 && act < 0; k++) {
        size_t n = strlen(acts[k].stem);
        if ((size_t)v.n >= n && !memcmp(v.p, acts[k].stem, n) && (size_t)v.n <= n + 4)
          act = k, vw = d->verb[i];
      }
    }
    /* "renter reserve it for dates": the pronoun names the thing */
    VerbUse vu;
    for (int v = 0; v < d->w.n && act < 0; v++) {
      if (!words_wverb(d, v, &vu) || !dr_is_list(d, v + 1, (const char *const[]){"it", "them", 0}) ||
          dr_punct_before(d, v + 1))
        continue;
      Str w = d->w.v[v].text;
      for (int k = 0; k < 4 && act < 0; k++) {
        size_t n = strlen(acts[k].stem);
        if ((size_t)w.n >= n && !memcmp(w.p, acts[k].stem, n) && (size_t)w.n <= n + 4 &&
            pronoun_ent(a, d, v + 1, v, -1) == e)
          act = k, vw = v;
      }
    }
    if (act < 0)
      continue;
    Str name = {acts[act].name, (ptrdiff_t)strlen(acts[act].name)};
    int b = ents_named(d, name);
    if (b < 0) {
      /* added: the text says the verb, not the record's name */
      b = ents_new(d, NULL, name, S("event"), d->w.v[vw].text, true, vw);
      if (b < 0)
        return;
      const Noun *bn = lex_noun_id(&d->lx, "booking");   /* the booking's fields */
      for (int k = 0; bn && k < bn->nfields; k++)
        dr_add_field(&d->ents[b], bn->fields[k]->vals[0].text, bn->fields[k]->vals[1].text, false);
      d->ents[b].per = bn ? bn->per : 4;
    }
    DEnt *bk = &d->ents[b];
    bk->strength = 2;
    dr_add_field(bk, snake(a, en->name), str_printf(a, "-> %.*s", STRF(en->name)), false);
    int who = actor_before(a, d, vw);   /* the booking is its booker's */
    if (bk->owner_hint < 0 && who >= 0 && d->eat[who] >= 0 && d->eat[who] != b)
      bk->owner_hint = d->eat[who];
    en->booked = true;
    for (int k = 0; k < en->nf; k++)   /* the start time is the booking's */
      if (str_eqc(en->f[k].name, "starts_at") && !en->f[k].from_text) {
        memmove(&en->f[k], &en->f[k + 1], sizeof(DField) * (size_t)(en->nf - k - 1));
        en->nf--;
        break;
      }
  }
}

/* "patients pick a store", "fans pick seats": what people pick from is
 * there before them, no one's own (as a thing booked is) */
static void picked_things(Draft *d) {
  static const char *const pick[] = {"pick", "picks", "picking", "picked", 0};
  for (int i = 0; i < d->w.n; i++) {
    int e = d->eat[i], v = d->verb[i];
    if (e < 0 || v < 0 || !dr_is_list(d, v, pick) || dr_is(d, v + 1, "up"))
      continue;
    DEnt *en = &d->ents[e];
    if (!dr_kind_is(en, "person") && !dr_kind_is(en, "device") && en->owner_hint < 0)
      en->booked = true;
  }
}

/* What a pronoun at word p names: the entity of the nearest word before
 * `before` that agrees with it ("them": a plural, "it": a thing said in
 * the singular), not `not`; -1 if none within the sentence and the one
 * before. */
static int pronoun_ent(Arena *a, const Draft *d, int p, int before, int not) {
  bool plural = dr_is(d, p, "them"), thing = dr_is(d, p, "it");
  int from = d->sstart[before] > 0 ? d->sstart[d->sstart[before] - 1] : 0;
  for (int k = before - 1; k >= from && k >= before - 40; k--) {
    int e = d->eat[k];
    if (e < 0 || e == not || d->w.v[k].kind != W_WORD)
      continue;
    bool pl = !str_eq(scan_singular(a, d->w.v[k].text), d->w.v[k].text);
    bool person = dr_kind_is(&d->ents[e], "person");
    if (plural ? pl : thing ? !person && !pl : person && !pl)
      return e;
  }
  return -1;
}

/* "assign parcels to them", "match each load to a carrier": the thing
 * given refers to whom it is given (parcel: courier -> Courier); a pronoun
 * names the nearest entity before it that agrees. */
static void assigned_to(Arena *a, Draft *d) {
  for (int o = 0; o < d->w.n; o++) {
    int v = d->verb[o], x = d->eat[o];
    if (v < 0 || x < 0)
      continue;
    int t = assign_to_word(d, v);
    if (t < 0 || t <= o)
      continue;
    int y = words_ok(&d->w.v[t]) ? d->eat[t] : pronoun_ent(a, d, t, v, x);
    if (y < 0 || y == x)
      continue;
    /* "assign drivers to routes": the route refers to its driver */
    if (dr_kind_is(&d->ents[x], "person") && !dr_kind_is(&d->ents[y], "person")) {
      int sw = x;
      x = y, y = sw;
    }
    DEnt *en = &d->ents[x];
    Str type = str_printf(a, "-> %.*s", STRF(d->ents[y].name));
    bool has = false;
    for (int k = 0; k < en->nf && !has; k++)
      has = str_eq(en->f[k].type, type);
    if (!has)
      dr_add_field(en, snake(a, d->ents[y].name), type, true);
  }
}

/* The entity named `name` for the compound ending at word i (a price
 * alert, a report card): the one the text already has, else a new one of
 * the two words; -1 when no more fit. */
static int compound_entity(Draft *d, Str name, int i) {
  int e = ents_named(d, name);
  if (e < 0) {
    e = ents_new(d, NULL, name, S("thing"), dr_said(d, i - 1, i), false, i - 1);
    if (e >= 0)
      d->ents[e].strength = 2;
  }
  return e;
}

/* "users set a price alert", "job seekers create job alerts": an alert
 * people set up is a record they keep (PriceAlert), not only a message. */
static void kept_alerts(Arena *a, Draft *d) {
  static const char *const setv[] = {"set", "sets", "setting", "create", "creates", "creating", "save", "saves",
                                     "saving", "add", "adds", "adding", "manage", "manages", "configure",
                                     "configures", "define", "defines", 0};
  static const char *const alert[] = {"alert", "alerts", "reminder", "reminders", "watch", "watches", 0};
  for (int i = 2; i < d->w.n; i++) {
    if (!dr_is_list(d, i, alert) || dr_punct_before(d, i) || !words_ok(&d->w.v[i - 1]) ||
        dr_punct_before(d, i - 1) || words_feature_noun(d->w.v[i - 1].text))
      continue;
    int v = i - 2;
    while (v > d->sstart[i] && v > i - 4 && words_determiner(d->w.v[v].text) && !dr_punct_before(d, v + 1))
      v--;
    if (!dr_is_list(d, v, setv))
      continue;
    Str name = str_printf(a, "%.*sAlert", STRF(pascal(a, scan_singular(a, d->w.v[i - 1].text))));
    int e = compound_entity(d, name, i);
    if (e < 0)
      return;
    int m = d->eat[i - 1];
    d->eat[i - 1] = d->eat[i] = e;
    if (m >= 0 && m != e) {   /* the modifier named nothing else */
      bool alone = false;
      for (int k = 0; k < d->w.n && !alone; k++)
        alone = d->eat[k] == m;
      if (!alone) {
        drop_ent(d, m);
        if (m < e)
          e--;
      }
    }
    int who = actor_before(a, d, v);
    if (who >= 0 && d->eat[who] >= 0 && d->eat[who] != e && d->ents[e].owner_hint < 0)
      d->ents[e].owner_hint = d->eat[who];
  }
}

/* "a report card", "loyalty cards", "a gift card": a card said after the
 * noun it is for is a record the system keeps (ReportCard), not a way to
 * pay; "credit card", "pay by card" stay payment words. The payment cue
 * goes when no other payment word is left. */
static void card_records(Arena *a, Draft *d) {
  static const char *const pay_mod[] = {"credit", "debit", "bank", "payment", "prepaid", "virtual", "by", "with",
                                        "via", "or", "and", "per", "of", "in", "on", "at", "for", "to", "from",
                                        "sim", "sd", "memory", "graphics", "video", "business", 0};
  bool made = false;
  for (int i = 1; i < d->w.n; i++) {
    if (!dr_is(d, i, "card") && !dr_is(d, i, "cards"))
      continue;
    const EnWord *m = &d->w.v[i - 1];
    if (m->kind != W_WORD || dr_punct_before(d, i) || m->text.n < 3 || m->text.n > 30 ||
        words_determiner(m->text) || lex_stop_noun(m->text) || lex_list(m->text, pay_mod) ||
        (d->eat[i - 1] >= 0 && dr_kind_is(&d->ents[d->eat[i - 1]], "person")))
      continue;
    bool alpha = true;
    for (ptrdiff_t k = 0; k < m->text.n; k++)
      alpha &= m->text.p[k] >= 'a' && m->text.p[k] <= 'z';
    VerbUse u;
    if (!alpha || (words_wverb(d, i - 1, &u) && !words_feature_noun(m->text) && !d->nat[i - 1]))
      continue;   /* "top up cards", "scan cards": a verb's object */
    /* "we charge cards", "accepts cards": a way to pay */
    static const char *const charge[] = {"charge", "charges", "charging", "charged", "accept", "accepts",
                                         "accepting", "accepted", "process", "processes", "processing", 0};
    if (lex_list(m->text, charge) || (i > 1 && dr_is_list(d, i - 2, (const char *const[]){"we", "they", "i", 0})))
      continue;
    Str name = str_printf(a, "%.*sCard", STRF(pascal(a, scan_singular(a, m->text))));
    int e = compound_entity(d, name, i);
    if (e < 0)
      return;
    d->eat[i - 1] = d->eat[i] = e;
    made = true;
  }
  if (!made)
    return;
  for (int c = 0; c < d->ncues; c++) {
    if (!str_eqc(d->cue_names[c], "pay") || !d->cue[c])
      continue;
    const Cue *cu = NULL;
    for (int k = 0; k < d->lx.ncues && !cu; k++)
      if (str_eq(d->lx.cues[k].feature, d->cue_names[c]))
        cu = &d->lx.cues[k];
    bool other = !cu;
    for (int i = 0; i < d->w.n && !other; i++)
      other = d->w.v[i].kind == W_WORD && d->eat[i] < 0 && lex_in(cu->words, cu->nwords, d->w.v[i].text);
    d->cue[c] = other;
  }
}

/* "librarians manage the catalogue ... search the catalogue by title": a
 * collection word names the set of the domain's main records (the books),
 * not a record of its own, when the text names those records. */
static void collections(Arena *a, Draft *d) {
  static const char *const coll[] = {"catalogue", "catalog", "catalogues", "catalogs", "inventory", "directory", 0};
  for (int i = 0; i < d->w.n; i++) {
    int c = d->eat[i];
    if (c < 0 || !dr_is_list(d, i, coll) || !str_eq(pascal(a, scan_singular(a, d->w.v[i].text)), d->ents[c].name))
      continue;
    int m = -1;
    for (int k = 0; k < d->nents && m < 0; k++)
      if (k != c && d->ents[k].strength == 2 && !d->ents[k].added && dr_kind_is(&d->ents[k], "thing") &&
          d->ents[k].first >= 0)
        m = k;
    if (m < 0)
      continue;
    for (int k = 0; k < d->w.n; k++)
      if (d->eat[k] == c)
        d->eat[k] = m;
    for (int k = 0; k < d->nents; k++)
      if (d->ents[k].owner_hint == c)
        d->ents[k].owner_hint = -1;
    drop_ent(d, c);
  }
}

/* "staff approve or reject the refund", "managers approve expenses": what
 * people approve waits for a decision, a state of its own. */
static void approvals(Draft *d) {
  static const char *const approve[] = {"approve", "approves", "approved", 0};
  for (int i = 0; i < d->w.n; i++) {
    int e = d->eat[i], v = d->verb[i];
    if (e < 0 || v < 0 || dr_kind_is(&d->ents[e], "person") || !dr_is_list(d, v, decide))
      continue;
    /* an approval: "approve", or "accept or reject" with approve nearby */
    bool appr = dr_is_list(d, v, approve) || (v >= 2 && dr_is_list(d, v - 1, (const char *const[]){"or", "and", 0}) &&
                                              dr_is_list(d, v - 2, decide));
    if (!appr)
      continue;
    DEnt *en = &d->ents[e];
    Str have = {0};
    for (int k = 0; k < en->nf; k++)
      if (str_eqc(en->f[k].name, "status") || str_eqc(en->f[k].name, "approval"))
        have = en->f[k].type;
    bool decided = false;
    for (ptrdiff_t k = 0; k + 8 <= have.n && !decided; k++)
      decided = !memcmp(have.p + k, "approved", 8) || !memcmp(have.p + k, "confirme", 8);
    if (decided)
      continue;
    dr_add_field(en, dr_has_field(en, S("status")) ? S("approval") : S("status"),
                 S("enum(pending, approved, rejected) = pending"), true);
  }
}

/* "check-in and check-out dates", "a pickup date", "start and end
 * times": the words before a word of dates name date fields of the record
 * being booked or ordered (else the main record), not records; a pair is a
 * range and takes the place of the record's assumed starts and ends. */
static void date_words(Arena *a, Draft *d) {
  static const char *const dates[] = {"date", "dates", "day", "time", "times", 0};
  static const char *const booked[] = {"Booking", "Reservation", "Rental", "Order", "Loan", "Stay", "Appointment",
                                       0};
  for (int i = 1; i < d->w.n; i++) {
    if (!dr_is_list(d, i, dates) || dr_punct_before(d, i))
      continue;
    int m[2] = {i - 1, -1}, nm = 1;
    if (i >= 3 && (dr_is(d, i - 2, "and") || dr_is(d, i - 2, "or") || dr_is(d, i - 2, "to")) &&
        !dr_punct_before(d, i - 1) && !dr_punct_before(d, i - 2))
      m[0] = i - 3, m[1] = i - 1, nm = 2;
    bool ok = true;
    for (int k = 0; k < nm; k++) {
      const EnWord *x = &d->w.v[m[k]];
      int e = d->eat[m[k]];   /* a word of its own, or one that named a record of its own */
      ok &= words_ok(x) && !words_determiner(x->text) &&
            (e < 0 ? !d->nat[m[k]] : !d->ents[e].noun && !dr_kind_is(&d->ents[e], "person"));
    }
    if (!ok)
      continue;
    int t = -1;
    for (int e = 0; e < d->nents && t < 0; e++)
      for (int k = 0; booked[k] && t < 0; k++) {
        Str n = d->ents[e].name, b = str_c(booked[k]);
        if (n.n >= b.n && str_eq((Str){n.p + n.n - b.n, b.n}, b))
          t = e;
      }
    /* the words' own entities go: each names a date, nothing else */
    for (int k = 0; k < nm; k++) {
      int e = d->eat[m[k]];
      bool other = false;
      for (int w = 0; w < d->w.n && e >= 0 && !other; w++)
        other = d->eat[w] == e && w != m[k];
      if (e >= 0 && !other && e != t) {
        drop_ent(d, e);
        if (t > e)
          t--;
      }
    }
    if (t < 0)
      t = dr_main_ent(d);
    if (t < 0)
      continue;
    DEnt *en = &d->ents[t];
    for (int k = 0; k < nm; k++) {
      Str f = snake(a, pascal(a, d->w.v[m[k]].text));
      bool put = false;
      for (int q = 0; nm == 2 && q < en->nf && !put; q++)
        if (!en->f[q].from_text && str_eqc(en->f[q].name, k ? "ends" : "starts"))
          en->f[q] = (DField){f, S("date"), true}, put = true;
      if (!put)
        dr_add_field(en, f, S("date"), true);
    }
  }
}

/* "guests can request extra towels or an airport transfer": things
 * requested that the text names nowhere else are what a request asks for:
 * one Request record, belonging to who asks, with the things as its item,
 * not records of their own. */
static void requested_things(Arena *a, Draft *d) {
  static const char *const req[] = {"request", "requests", "requested", "requesting", 0};
  for (int v = 0; v < d->w.n; v++) {
    if (!dr_is_list(d, v, req) || !d->vword || d->vword[v] < 0 || dr_is_list(d, v - 1, (const char *const[]){
                                                                     "a", "an", "the", "each", "every", "their",
                                                                     "his", "her", "your", "my", "our", 0}))
      continue;
    int items[MAX_ENTS], ni = 0;
    for (int e = 0; e < d->nents; e++) {
      DEnt *en = &d->ents[e];
      if (en->added || en->booked || en->actor || dr_kind_is(en, "person") || dr_kind_is(en, "device") ||
          dr_kind_is(en, "reading") || dr_kind_is(en, "event") || lex_list(snake(a, en->name), time_words))
        continue;
      int words = 0, obj = -1;
      for (int i = 0; i < d->w.n; i++)   /* mentions: runs of words ("an airport transfer") */
        if (d->eat[i] == e) {
          words += i == 0 || d->eat[i - 1] != e;
          obj = d->verb[i] == v ? i : obj;
        }
      bool holds = false;
      for (int k = 0; k < d->nents && !holds; k++)
        holds = d->ents[k].owner_hint == e;
      if (words == 1 && obj >= 0 && !holds && !lex_list(scan_singular(a, d->w.v[obj].text), time_words))
        items[ni++] = e;
    }
    if (!ni)
      continue;
    Buf t = {0};
    buf_puts(&t, "enum(");
    for (int k = 0; k < ni; k++)
      buf_printf(&t, "%s%.*s", k ? ", " : "", STRF(snake(a, d->ents[items[k]].name)));
    buf_puts(&t, ")");
    Str type = str_printf(a, "%.*s", (int)t.n, t.p);
    buf_free(&t);
    int who = actor_before(a, d, v), owner = who >= 0 ? d->eat[who] : -1;
    for (int k = ni - 1; k >= 0; k--) {   /* the things go; their words name the request */
      for (int i = 0; i < d->w.n; i++)
        if (d->eat[i] == items[k])
          d->eat[i] = -1;
      drop_ent(d, items[k]);
      if (owner > items[k])
        owner--;
    }
    int r = ents_named(d, S("Request"));
    if (r < 0 && (r = ents_new(d, NULL, S("Request"), S("thing"), d->w.v[v].text, false, v)) < 0)
      return;
    DEnt *re = &d->ents[r];
    re->strength = 2;
    dr_add_field(re, S("item"), type, true);
    dr_add_field(re, S("status"), S("enum(open, done) = open"), false);
    if (re->owner_hint < 0 && owner >= 0 && owner != r)
      re->owner_hint = owner;
    d->eat[v] = r;
  }
}

void nouns_build(Arena *a, Draft *d) {
  Roles r;
  word_roles(a, d, &r);
  modifier_objects(a, d, &r);
  device_words(a, d, &r);
  passive_objects(d, &r);
  for (int i = 0; i < d->w.n; i++)
    name_word(a, d, &r, i);
  named_words(a, d);
  hyphen_heads(a, d);
  /* "notes per piano": the notes belong to the piano, unless a parent the
   * lexicon gives them is in the text ("contacts and deals per company":
   * each deal stays its contact's) */
  for (int i = 2; i < d->w.n; i++) {
    if (!dr_is(d, i - 1, "per") || d->eat[i] < 0 || d->eat[i - 2] < 0 || d->eat[i] == d->eat[i - 2] ||
        !per_thing(a, d, &r, i))
      continue;
    DEnt *k = &d->ents[d->eat[i - 2]];
    bool parent = false;
    for (int p = 0; k->noun && p < k->noun->nparents && !parent; p++) {
      Str id = k->noun->parents[p].text;
      for (int q = 0; q < d->lx.nnouns && !parent; q++)
        parent = str_eq(d->lx.nouns[q].id, id) && ents_of_noun(d, &d->lx.nouns[q]) >= 0 &&
                 ents_of_noun(d, &d->lx.nouns[q]) != d->eat[i];
    }
    if (k->owner_hint < 0 && !parent && !dr_kind_is(k, "person"))
      k->owner_hint = i;
  }
  owner_hints(d);
  kept_alerts(a, d);
  acts_as_records(a, d);
  merge_acts(a, d);
  compounds(a, d);
  card_records(a, d);
  collections(a, d);
  approvals(d);
  field_words(a, d);
  booked_things(a, d);
  picked_things(d);
  date_words(a, d);
  requested_things(a, d);
  assigned_to(a, d);
}

/* SoilSensor -> soil_sensor */
static Str snake(Arena *a, Str n) {
  char *p = new(a, char, 2 * n.n + 1);
  ptrdiff_t k = 0;
  for (ptrdiff_t i = 0; i < n.n; i++) {
    char c = n.p[i];
    if (c >= 'A' && c <= 'Z') {
      if (i > 0)
        p[k++] = '_';
      c = (char)(c - 'A' + 'a');
    }
    p[k++] = c;
  }
  return (Str){p, k};
}

/* The tenant: the things the text counts people in ("3,000 agencies with 5
 * to 50 staff each", figures.c), else what a product sold to organisations
 * keeps apart ("each school gets its own workspace", "each agency's data
 * must stay separate", "a SaaS for dental clinics"). Never a person, a
 * device or a reading; -1 when none. */
static int tenant_of(Arena *a, Draft *d) {
  int t = -1;
  if (d->tenant_said && d->tenant_word >= 0 && d->tenant_word < d->w.n) {
    t = d->eat[d->tenant_word];
    if (t < 0) {
      Str w = scan_singular(a, d->w.v[d->tenant_word].text);
      if (!lex_stop_noun(w) && !nouns_is_verb(w) && !lex_common_word(a, &d->lx, w)) {
        Str name = pascal(a, w);
        for (int k = 0; k < d->nents && t < 0; k++)
          if (str_eq(d->ents[k].name, name))
            t = k;
        if (t < 0)
          t = dr_add_entity(d, name, S("group"));
      }
    }
  }
  if (t >= 0 && dr_kind_is(&d->ents[t], "person"))
    t = -1;   /* "200 managers with 10 drivers each": people, not a tenant */
  static const char *const apart[] = {"own", "separate", "separated", "isolated", "private", "apart", 0};
  static const char *const saas[] = {"saas", "b2b", "multi-tenant", "multitenant", "tenant", "tenants", 0};
  bool sold = false;
  for (int i = 0; i < d->w.n && !sold; i++)
    sold = dr_is_list(d, i, saas);
  for (int i = 0; i + 1 < d->w.n && t < 0; i++) {
    /* each X ... its own / separate */
    if (dr_is(d, i, "each") && d->eat[i + 1] >= 0) {
      for (int k = i + 2; k <= d->send[i] && k <= i + 7; k++)
        if (dr_is_list(d, k, apart)) {
          t = d->eat[i + 1];
          break;
        }
    }
    /* a SaaS for Xs */
    if (sold && t < 0 && dr_is(d, i, "for") && d->sstart[i] == d->sstart[0]) {
      for (int k = i + 1; k <= d->send[i] && k <= i + 3; k++) {
        int q = d->eat[k];
        if (q >= 0 && !str_eq(scan_singular(a, d->w.v[k].text), d->w.v[k].text)) {
          t = q;
          break;
        }
        if (d->w.v[k].kind != W_WORD || dr_punct_before(d, k))
          break;
      }
    }
    if (t >= 0 && ((d->ents[t].noun && str_eqc(d->ents[t].noun->kind, "person")) ||
                   dr_kind_is(&d->ents[t], "device") || dr_kind_is(&d->ents[t], "reading")))
      t = -1;
  }
  if (t >= 0 && (dr_kind_is(&d->ents[t], "device") || dr_kind_is(&d->ents[t], "reading")))
    return -1;
  return t;
}

/* "boat owners book berths", "pet owners ... their pets": what the owners
 * own is a thing of the domain, and theirs. Pairs (thing, owner) in own[]. */
static int owned_things(Arena *a, Draft *d, int own[][2], int max) {
  int n = 0;
  for (int i = 1; i < d->w.n && n < max; i++) {
    int p = d->eat[i];
    if (!(dr_is(d, i, "owner") || dr_is(d, i, "owners")) || p < 0 || !dr_kind_is(&d->ents[p], "person") ||
        dr_punct_before(d, i))
      continue;
    const EnWord *m = &d->w.v[i - 1];
    if (d->eat[i - 1] == p ? !(words_ok(m) && str_eq(scan_singular(a, m->text), m->text) && !words_determiner(m->text))
                           : !compound_modifier(a, d, i - 1))
      continue;
    const Noun *mn = d->nat[i - 1];
    if (mn && !str_eqc(mn->kind, "thing") && !str_eqc(mn->kind, "device") && !str_eqc(mn->kind, "group"))
      continue;
    Str name = pascal(a, scan_singular(a, d->w.v[i - 1].text));
    int x = ents_named(d, name);
    if (x < 0 && mn)
      x = ents_of_noun(d, mn);
    if (x < 0) {
      x = mn ? ents_new(d, mn, name, mn->kind, d->w.v[i - 1].text, false, i - 1)
             : ents_new(d, NULL, name, S("thing"), d->w.v[i - 1].text, false, i - 1);
      if (x < 0)
        break;
      if (!dr_text_field(&d->ents[x]).n)
        dr_add_field(&d->ents[x], S("name"), S("string(200)"), false);
    }
    if (x == p || dr_kind_is(&d->ents[x], "person"))
      continue;
    bool dup = false;
    for (int k = 0; k < n; k++)
      dup |= own[k][0] == x;
    if (!dup)
      own[n][0] = x, own[n][1] = p, n++;
  }
  return n;
}

/* How many of entity e the text counts ("12 hospitals", "40,000
 * clinicians"), or -1. */
static double said_count(Arena *a, const Draft *d, const DEnt *e) {
  if (!e->said.n)
    return -1;
  Str w = scan_singular(a, e->said);
  for (int k = 0; k < d->ncounted; k++)
    if (str_eq(d->counted[k], w))
      return d->counted_f[k].v;
  for (int k = 0; k < d->nroles; k++)
    if (str_eq(d->role_name[k], w))
      return d->role_v[k];
  return -1;
}

/* "authors submit papers (PDF, max 10 pages)", "tenants send their
 * contract as PDF": a document format said right after what people hand
 * in makes it a file, which they upload. */
static void handed_in_files(Draft *d) {
  static const char *const doc[] = {"pdf", "pdfs", "docx", "doc", "odt", "pptx", "stl", 0};
  static const char *const hand[] = {"submit", "submits", "send", "sends", "share", "shares", "provide", "provides",
                                     "hand", "hands", 0};
  for (int i = 1; i < d->w.n; i++) {
    if (!dr_is_list(d, i, doc))
      continue;
    int k = i - 1;
    bool paren = false;
    for (ptrdiff_t o = d->w.v[k].off + d->w.v[k].text.n; o < d->w.v[i].off && o < d->text.n; o++)
      paren |= d->text.p[o] == '(';
    if (!paren && (dr_is(d, k, "as") || dr_is(d, k, "in")) && !dr_punct_before(d, k))
      k--;
    else if (!paren)
      continue;
    int e = k >= 0 ? d->eat[k] : -1, v = k >= 0 ? d->verb[k] : -1;
    if (e < 0 || v < 0 || !dr_is_list(d, v, hand) || dr_kind_is(&d->ents[e], "person") ||
        dr_field_typed(&d->ents[e], "blob").n)
      continue;
    dr_add_field(&d->ents[e], S("file"), S("blob"), false);
  }
}

void nouns_finish(Arena *a, Draft *d) {
  handed_in_files(d);
  /* a thing with no field of its own gets a name */
  for (int e = 0; e < d->nents; e++)
    if (!d->ents[e].noun && !dr_text_field(&d->ents[e]).n)
      dr_add_field(&d->ents[e], S("name"), S("string(200)"), false);
  /* What the features need, when the text names it only by a verb. */
  if (dr_has_cue(d, "chat") && dr_first_of_kind(d, "message") < 0) {
    if (dr_first_of_kind(d, "group") < 0)
      dr_ensure(d, "room");
    dr_ensure(d, "message");
  }
  bool blob = false;
  for (int e = 0; e < d->nents; e++)
    blob |= dr_field_typed(&d->ents[e], "blob").n > 0;
  if (dr_has_cue(d, "upload") && !blob)
    dr_ensure(d, "attachment");
  /* "students subscribe monthly to a teacher for $12": a subscription
   * that takes money is a record of who pays, renewed each period */
  if (dr_has_cue(d, "subscribe") && dr_money_taken(a, d)) {
    int sub = dr_ensure(d, "subscription");
    int who = sub >= 0 ? actor_before(a, d, d->sub_at) : -1;   /* who subscribes pays */
    if (who >= 0 && d->eat[who] >= 0 && d->eat[who] != sub && d->ents[sub].owner_hint < 0)
      d->ents[sub].owner_hint = d->eat[who];
  }
  /* "a monthly subscription per location", "800 members in 3 locations":
   * with nothing that sends readings (no device, interval, ingest or
   * tracking), a word the lexicon knows as a reading names a place or a
   * thing people keep */
  bool sent = d->f[F_DEVICES].given || d->f[F_INTERVAL].given || dr_has_cue(d, "ingest") || dr_has_cue(d, "track") ||
              dr_has_cue(d, "nearby") || (d->f[F_WRITES].given && !d->writes_records);
  for (int e = 0; e < d->nents && !sent; e++)
    sent = dr_kind_is(&d->ents[e], "device");
  for (int e = 0; e < d->nents && !sent; e++) {
    DEnt *x = &d->ents[e];
    if (!dr_kind_is(x, "reading") || !x->noun || !str_eqc(x->noun->kind, "reading") || x->added)
      continue;
    x->kind = S("thing");
    x->per = PER_UNKNOWN;
    int k = 0;
    for (int f = 0; f < x->nf; f++)
      if (!str_eqc(x->f[f].name, "at"))
        x->f[k++] = x->f[f];
    x->nf = k;
    if (!dr_text_field(x).n)
      dr_add_field(x, S("name"), S("string(120)"), false);
  }
  /* data from devices: a count of devices, or things or words for data
   * that arrive every N ("sensors send readings every minute") */
  bool devices = d->f[F_DEVICES].given;
  for (int e = 0; e < d->nents; e++)
    devices |= (dr_kind_is(&d->ents[e], "device") || dr_kind_is(&d->ents[e], "reading")) &&
               (d->f[F_INTERVAL].given || dr_has_cue(d, "ingest"));
  if (devices) {
    if (dr_first_of_kind(d, "device") < 0)
      dr_ensure(d, "device");
    if (dr_first_of_kind(d, "reading") < 0)
      dr_ensure(d, "reading");
  }
  /* "a pipeline ingesting 50 million events per day": what is ingested is
   * a stream of rows written by machines (kind reading), whatever sends it */
  static const char *const ingest[] = {"ingest", "ingests", "ingesting", "ingested", "ingestion", 0};
  static const char *const gap[] = {"about", "around", "roughly", "some", "over", "up", "to", "of", "the", "all",
                                    "our", "their", "raw", "million", "billion", "thousand", 0};
  for (int i = 0; i < d->w.n; i++) {
    if (!dr_is_list(d, i, ingest))
      continue;
    for (int k = i + 1; k <= d->send[i] && k <= i + 5; k++) {
      int x = d->eat[k];
      if (x >= 0) {
        if (!dr_kind_is(&d->ents[x], "person") && !dr_kind_is(&d->ents[x], "device") && !d->ents[x].principal)
          d->ents[x].kind = S("reading");
        break;
      }
      if (d->w.v[k].kind != W_NUMBER && !dr_is_list(d, k, gap))
        break;
    }
  }
  /* "ad clicks arrive as events", "orders come in as messages": what
   * arrives is a stream of rows written by machines; a word for rows after
   * "as" names that same stream, under the name of what arrives */
  static const char *const arrive[] = {"arrive", "arrives", "arriving", "come", "comes", "coming", "flow", "flows",
                                       "flowing", 0};
  for (int i = 1; i + 2 < d->w.n; i++) {
    if (!dr_is_list(d, i, arrive) || dr_punct_before(d, i))
      continue;
    int as = dr_is(d, i + 1, "as") ? i + 1 : dr_is(d, i + 1, "in") && dr_is(d, i + 2, "as") ? i + 2 : -1;
    if (as < 0)
      continue;
    int sj = d->eat[i - 1], t = -1;
    for (int k = as + 1; k <= d->send[i] && k <= as + 3 && !dr_punct_before(d, k) && t < 0; k++)
      if (d->eat[k] >= 0 && d->eat[k] != sj && lex_measure(a, &d->lx, "writes", d->w.v[k].text))
        t = d->eat[k];
    if (sj >= 0 && (dr_kind_is(&d->ents[sj], "person") || dr_kind_is(&d->ents[sj], "device")))
      continue;
    if (sj >= 0 && t >= 0) {   /* one stream: the words for the rows name what arrives */
      for (int w = 0; w < d->w.n; w++)
        if (d->eat[w] == t)
          d->eat[w] = sj;
      drop_ent(d, t);
      sj = d->eat[i - 1];
    } else if (sj < 0 && t >= 0) {
      const EnWord *x = &d->w.v[i - 1];
      Str sg = scan_singular(a, x->text);
      if (words_ok(x) && !str_eq(sg, x->text) && ents_named(d, pascal(a, sg)) < 0) {
        DEnt *e = &d->ents[t];
        e->name = pascal(a, sg), e->said = x->text, e->noun = NULL, e->nf = 0;
        d->eat[i - 1] = t;
      }
      sj = t;
    }
    if (sj < 0 || dr_kind_is(&d->ents[sj], "person") || dr_kind_is(&d->ents[sj], "device"))
      continue;
    DEnt *e = &d->ents[sj];
    if (!dr_kind_is(e, "reading") && !(e->noun && str_eqc(e->noun->kind, "reading"))) {
      e->nf = 0;   /* a row of the stream: when it came and what it is */
      dr_add_field(e, S("at"), S("timestamp"), false);
      dr_add_field(e, S("kind"), S("string(40)"), false);
    }
    e->kind = S("reading");
  }
  /* The principal: the first person named who belongs to no one (a
   * candidate belongs to a job, a contact to a company), else a User. */
  d->principal = -1;
  /* the tenant first: an organisation that acts ("each salon keeps its own
   * clients") is no person who signs in */
  int tn = tenant_of(a, d);
  if (tn >= 0 && dr_kind_is(&d->ents[tn], "person") && !(d->ents[tn].noun && str_eqc(d->ents[tn].noun->kind, "person")))
    d->ents[tn].kind = S("group");
  /* a person said only in the singular before another noun ("consumer
   * electronics", "a vet clinic") comes last */
  for (int pass = 0; pass < 2; pass++)
    for (int i = 0; i < d->nents && d->principal < 0; i++)
      if (dr_kind_is(&d->ents[i], "person") && !(d->ents[i].noun && d->ents[i].noun->nparents) &&
          (pass || d->ents[i].strength > 0 || !str_eq(scan_singular(a, d->ents[i].said), d->ents[i].said)))
        d->principal = i;
  if (d->principal < 0 && (d->nents || dr_has_cue(d, "auth"))) {
    const Noun *u = lex_noun_id(&d->lx, "user");
    if (u && d->nents < MAX_ENTS) {
      /* put it first: it owns the rest */
      memmove(&d->ents[1], &d->ents[0], sizeof(DEnt) * (size_t)d->nents);
      d->nents++;
      for (int i = 0; i < d->w.n; i++)
        if (d->eat[i] >= 0)
          d->eat[i]++;
      for (int i = 1; i < d->nents; i++)
        if (d->ents[i].owner_hint >= 0)
          d->ents[i].owner_hint++;
      ents_init(&d->ents[0], u, u->entity, u->kind, (Str){0}, true, -1);
      d->principal = 0;
      if (tn >= 0)
        tn++;
    }
  }
  if (d->principal >= 0)
    d->ents[d->principal].principal = true;
  d->tenant = tn >= 0 && !d->ents[tn].principal && !dr_kind_is(&d->ents[tn], "person") ? tn : -1;
  int own[4][2];
  int nown = owned_things(a, d, own, 4);
  bool made_by[MAX_ENTS] = {0};   /* the parent is who the text has make it */
  /* Parents. */
  for (int c = 0; c < d->nents; c++) {
    DEnt *e = &d->ents[c];
    if (e->principal)
      continue;
    int p = parent_from_text(d, c);
    if (p >= 0 && !cycle(d, c, p) && p != c) {
      e->parent = p;
      e->parent_said = true;
      continue;
    }
    if (dr_kind_is(e, "person") && !e->noun)
      continue;   /* a role the text names stands on its own */
    int h = e->owner_hint;
    /* "customers track the courier": a role that acts is tracked, not owned */
    if (h >= 0 && h != c && !cycle(d, c, h) && !dr_kind_is(e, "device") && !(dr_kind_is(e, "person") && e->actor)) {
      e->parent = h;
      e->parent_said = true;
      made_by[c] = true;
      continue;
    }
    /* readings belong to what the text has send them ("every turbine
     * streams 40 sensor values": the Turbine), before the lexicon's parents */
    for (int i = 0; i < d->w.n && e->parent < 0 && dr_kind_is(e, "reading"); i++) {
      int q = d->eat[i];
      if (q >= 0 && q != c && d->device_word[i] && dr_kind_is(&d->ents[q], "device") && !cycle(d, c, q))
        e->parent = q;
    }
    for (int k = 0; e->noun && k < e->noun->nparents && e->parent < 0; k++)
      for (int q = 0; q < d->nents; q++)
        if (q != c && d->ents[q].noun && str_eq(d->ents[q].noun->id, e->noun->parents[k].text) && !cycle(d, c, q)) {
          e->parent = q;
          break;
        }
    /* readings belong to the things that send them, else any device */
    for (int pass = 0; pass < 2 && e->parent < 0 && dr_kind_is(e, "reading"); pass++)
      for (int q = 0; q < d->nents && e->parent < 0; q++)
        if (q != c && dr_kind_is(&d->ents[q], "device") && !cycle(d, c, q) && (pass || d->ents[q].strength == 2))
          e->parent = q;
    /* things people keep belong to the principal */
    bool keeps = (e->noun ? e->noun->nparents > 0 : !dr_kind_is(e, "device")) && !e->booked &&
                 !dr_kind_is(e, "reading") && !(dr_kind_is(e, "person") && e->actor);   /* a role that acts is its own */
    if (e->parent < 0 && d->principal >= 0 && keeps && !cycle(d, c, d->principal))
      e->parent = d->principal;
  }
  for (int k = 0; k < nown; k++) {
    DEnt *e = &d->ents[own[k][0]];
    if (made_by[own[k][0]] || (e->parent >= 0 && e->parent == d->principal && d->ents[e->parent].noun &&
                               str_eqc(d->ents[e->parent].noun->id, "user")))
      continue;   /* "users create projects ... project owners": the owners are the users */
    int was = e->parent;
    e->parent = -1;   /* the owners' word is plainer than a possessive's guess */
    if (!cycle(d, own[k][0], own[k][1]))
      e->parent = own[k][1], e->parent_said = true;
    else
      e->parent = was;
  }
  /* "owners book visits for their pets": the visit is the pet's */
  for (int i = 0; i + 2 < d->w.n; i++) {
    int x = d->eat[i];
    if (x < 0 || !dr_is(d, i + 1, "for") || dr_punct_before(d, i + 1) || dr_kind_is(&d->ents[x], "person") ||
        d->ents[x].principal || d->ents[x].booked)
      continue;
    int k = i + 2;
    if (dr_is_list(d, k, (const char *const[]){"their", "his", "her", "its", "each", "every", "the", "a", "an", 0}))
      k++;
    int y = k < d->w.n && !dr_punct_before(d, k) ? d->eat[k] : -1;
    if (y < 0 || y == x || dr_kind_is(&d->ents[y], "person") || dr_kind_is(&d->ents[y], "reading") ||
        d->ents[y].principal || y == d->tenant || cycle(d, x, y) || d->ents[x].parent == y)
      continue;
    /* one step past the thing's word: "for their pets and cats" keeps the first */
    d->ents[x].parent = y, d->ents[x].parent_said = true;
  }
  /* a tenant owns everything that belongs to nothing else, the people who
   * sign in included; it belongs to no one */
  int t = d->tenant;
  if (t >= 0) {
    d->ents[t].parent = -1;
    d->ents[t].parent_said = false;
    for (int c = 0; c < d->nents; c++)
      if (c != t && d->ents[c].parent < 0 && !dr_kind_is(&d->ents[c], "reading") && !cycle(d, c, t))
        d->ents[c].parent = t;
    /* "5 to 50 staff each": the people in each tenant, at the mean */
    int pe = d->tenant_said && d->tenant_people >= 0 && d->tenant_people < d->w.n ? d->eat[d->tenant_people] : -1;
    if (pe >= 0 && d->ents[pe].parent == t && d->tenant_per >= 1)
      d->ents[pe].per = d->tenant_per, d->ents[pe].per_said = d->tenant_per_said;
  }
  /* "tweets can include images", "a post may have a photo": rows a
   * parent may have are about one per parent, not the lexicon's usual */
  static const char *const may[] = {"can", "may", "might", "optionally", 0};
  static const char *const incl[] = {"include", "contain", "have", "carry", "attach", "embed", 0};
  for (int i = 1; i + 2 < d->w.n; i++) {
    if (!dr_is_list(d, i, may))
      continue;
    int v = dr_is(d, i + 1, "also") || dr_is(d, i + 1, "optionally") ? i + 2 : i + 1;
    if (!dr_is_list(d, v, incl) || dr_punct_before(d, i) || dr_punct_before(d, v))
      continue;
    int pw = d->eat[i - 1], cw = -1, end;
    int h = words_phrase_head(d, v + 1, &end, false);
    cw = h >= 0 && h <= d->send[v] ? d->eat[h] : -1;
    if (pw >= 0 && cw >= 0 && pw != cw && d->ents[cw].parent == pw && !d->ents[cw].per_said.n) {
      d->ents[cw].per = 1;
      d->ents[cw].may_said = dr_said(d, i - 1, h);
    }
  }
  /* "a payments service for merchants": one payment per order says nothing
   * of a merchant's payments; a noun's one-per-record figure (its first
   * parent a record) under a person is unknown */
  for (int c = 0; c < d->nents; c++) {
    DEnt *e = &d->ents[c];
    const DEnt *p = e->parent >= 0 ? &d->ents[e->parent] : NULL;
    const Noun *first = NULL;
    for (int k = 0; e->noun && e->noun->nparents && k < d->lx.nnouns && !first; k++)
      if (str_eq(d->lx.nouns[k].id, e->noun->parents[0].text))
        first = &d->lx.nouns[k];
    if (p && first && !str_eqc(first->kind, "person") && e->per <= 1 && !e->per_said.n && !e->may_said.n &&
        dr_kind_is(p, "person"))
      e->per = PER_UNKNOWN;
  }
  /* "about 200 follows on average", "30 photos each": how many of a thing
   * each of its parent has */
  for (int i = 0; i + 2 < d->w.n; i++) {
    const EnWord *x = &d->w.v[i];
    int e = d->eat[i + 1];
    if (x->kind != W_NUMBER || x->unit != NU_COUNT || x->per > 0 || x->value < 1 || e < 0 ||
        d->ents[e].parent < 0 || d->ents[e].per_said.n || dr_punct_before(d, i + 1) || dr_punct_before(d, i + 2))
      continue;
    int end = dr_is(d, i + 2, "on") && dr_is(d, i + 3, "average") && !dr_punct_before(d, i + 3) ? i + 3
              : dr_is_list(d, i + 2, (const char *const[]){"each", "apiece", 0}) ? i + 2 : -1;
    if (end < 0)
      continue;
    d->ents[e].per = x->value;
    d->ents[e].per_said = dr_said(d, i, end);
  }
  /* "a network of 12 hospitals" for "40,000 clinicians": a thing the text
   * counts fewer of than its parent's rows belongs to none of them */
  for (int c = 0; c < d->nents; c++) {
    DEnt *e = &d->ents[c];
    double n = e->parent >= 0 && !e->parent_said ? said_count(a, d, e) : -1;
    if (n >= 1 && said_count(a, d, &d->ents[e->parent]) > n)
      e->parent = -1;
  }
  for (int c = 0; c < d->nents; c++) {
    DEnt *e = &d->ents[c];
    if (e->parent < 0)
      continue;
    Str rel = e->parent == d->principal ? S("owner") : snake(a, d->ents[e->parent].name);
    /* "parcels assigned to couriers" owned by the Courier: one relation,
     * named as the text said it */
    Str to = str_printf(a, "-> %.*s", STRF(d->ents[e->parent].name));
    bool said = false;
    for (int k = 0; k < e->nf && !said; k++)
      if (str_eq(e->f[k].type, to)) {
        rel = e->f[k].name;
        memmove(&e->f[k], &e->f[k + 1], sizeof(DField) * (size_t)(e->nf - k - 1));
        e->nf--;
        said = e->parent_said = true;
      }
    if (!said && dr_has_field(e, rel))
      rel = str_printf(a, "%.*s_ref", STRF(rel));
    e->relname = rel;
  }
}
