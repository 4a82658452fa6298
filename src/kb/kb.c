/* Knowledge-base loader (see kb.h).
 *
 * Two passes. kb_parse (parse.c) turns each file into generic records
 * (kind, id, items of values) and reports syntax errors. kb_finish then checks every
 * record against the schema of its kind, resolves overrides (a --kb record
 * replaces a built-in one with the same kind and id), collects vocabularies
 * and builds the typed Tech views the planner reads. */
#define _DEFAULT_SOURCE
#include "kb.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../spec/lex.h"
#include "../util/file.h"
#include "../spec/units.h"

#define ERR(sink, f, sp, ...) diag_at((sink), (f), SEV_ERROR, (sp).off, (sp).len ? (sp).len : 1, __VA_ARGS__)

/* ---- schemas ---- KB SCHEMA */

typedef enum {
  SH_STRING,      /* one string */
  SH_WORD,        /* one word */
  SH_WORDS,       /* one or more words */
  SH_LEVEL,       /* a whole number from 1 to 5 */
  SH_PRICE,       /* unit-word amount */
  SH_LIMIT,       /* name-word quantity */
  SH_PERCENTILES, /* (pNN duration)+ */
  SH_PERCENT,     /* one percentage */
  SH_SIZE,        /* "name" (vcpu N | memory SIZE | hour AMOUNT | rps N)+ */
  SH_DESC,        /* vocab entries: the key is the word, one string */
  SH_QUANTITY,    /* figures entries: the key is the name, one quantity */
  SH_WORD_STRING, /* a word, then one quoted string */
  SH_NUMBER,      /* one plain number */
  SH_STRINGS,     /* one or more quoted strings */
  SH_EXAMPLE,     /* a stack word, a fence language word, one quoted line */
  SH_ABOVE,       /* one or more words, then one number */
  SH_STEP,        /* a title and a command: two strings */
  SH_TEXT,        /* table entries: the key is the name, one string */
  SH_TIER,        /* "name" month AMOUNT [includes WORD...]: a plan tier and what it includes */
} Shape;

typedef struct {
  const char *key;
  Shape shape;
  const char *vocab;   /* vocabulary the words must come from, or NULL */
  bool required, repeat, figure;
} KeySpec;

static const KeySpec tech_keys[] = {
  {"name", SH_STRING, 0, true, false, false},
  {"slot", SH_WORD, "slots", true, false, false},
  {"family", SH_WORD, "families", true, false, false},
  {"hosting", SH_WORD, "hosting", true, false, false},
  {"clouds", SH_WORDS, "clouds", true, false, false},
  /* Who runs it when it is not the cloud it runs on (heroku on aws). */
  {"vendor", SH_WORD, 0, false, false, false},
  {"regions", SH_WORDS, "areas", false, false, false},
  {"caps", SH_WORDS, "caps", false, false, false},
  {"skills", SH_WORDS, 0, false, false, false},
  {"speaks", SH_WORDS, 0, false, false, false},
  {"burden", SH_LEVEL, 0, true, false, false},
  {"lockin", SH_LEVEL, 0, true, false, false},
  {"version", SH_STRING, 0, false, false, false},
  {"url", SH_STRING, 0, true, false, false},
  {"summary", SH_STRING, 0, true, false, false},
  {"price", SH_PRICE, "price-units", false, true, true},
  {"limit", SH_LIMIT, "limits", false, true, true},
  {"latency", SH_PERCENTILES, 0, false, true, true},
  {"coldstart", SH_PERCENTILES, 0, false, true, true},
  {"sla", SH_PERCENT, 0, false, false, true},
  /* An instance class; its trailing `modes` words say which deployment
   * modes accept it (single, multi-az, cluster, replica). */
  {"size", SH_SIZE, "deploy-modes", false, true, true},
  /* A plan tier: its monthly fee and what it includes (hipaa, pci, pitr, sla). */
  {"tier", SH_TIER, "tier-features", false, true, true},
  /* Meters the provider bills (its billing page is the source) at a rate
   * the knowledge base does not have: the estimate says each is left out. */
  {"unpriced", SH_WORDS, "price-units", false, false, true},
  /* The code stack's commands, quoted by SPEC.md: adding it to a project,
   * and the everyday command (dev server, tests, lint, migrations). */
  {"install", SH_STRING, 0, false, false, true},
  {"run", SH_STRING, 0, false, false, true},
  {0},
};

typedef struct {
  const char *kind;
  const KeySpec *keys;   /* NULL: free keys, every item of shape `free` */
  KeySpec free;
} KindSpec;

/* Patterns apply when every `when` fact holds and no `unless` fact does. */
static const KeySpec pattern_keys[] = {
  {"name", SH_STRING, 0, true, false, false},
  {"summary", SH_STRING, 0, true, false, false},
  {"when", SH_WORDS, "facts", true, false, false},
  {"unless", SH_WORDS, "facts", false, false, false},
  {"why", SH_STRING, 0, true, false, false},
  {"watch", SH_STRING, 0, true, false, false},
  {"url", SH_STRING, 0, true, false, false},
  {0},
};

/* Compatibility rules: when the facts hold for a candidate, it must have
 * the capability `requires` names (SLOT CAP), or it is ruled out. */
static const KeySpec rule_keys[] = {
  {"when", SH_WORDS, "facts", true, false, false},
  {"requires", SH_WORDS, 0, true, false, false},
  {"says", SH_STRING, 0, true, false, false},
  {"url", SH_STRING, 0, true, false, false},
  {0},
};

/* Intake lexicon (kb/lexicon.kb): domain nouns with their usual fields,
 * the cues that imply features, skills and the words that name a figure. */
static const KeySpec noun_keys[] = {
  {"entity", SH_WORD, 0, true, false, false},
  {"words", SH_WORDS, 0, true, false, false},
  {"kind", SH_WORD, "noun-kinds", true, false, false},
  {"field", SH_WORD_STRING, 0, false, true, false},
  {"parents", SH_WORDS, 0, false, false, false},
  /* an assumed figure: rows per parent, with its source and date */
  {"per", SH_NUMBER, 0, false, false, true},
  {"domain", SH_WORDS, 0, false, false, false},
  {"act", SH_WORDS, 0, false, false, false},
  {0},
};
static const KeySpec cue_keys[] = {
  {"feature", SH_WORD, "cues", true, false, false},
  {"words", SH_WORDS, 0, false, false, false},
  {"phrases", SH_STRINGS, 0, false, false, false},
  {"target", SH_WORDS, 0, false, false, false},
  {"kinds", SH_WORDS, "noun-kinds", false, false, false},
  {"entity", SH_WORD, 0, false, false, false},
  {"field", SH_WORD_STRING, 0, false, true, false},
  {0},
};
static const KeySpec skill_keys[] = {
  {"words", SH_WORDS, 0, true, false, false},
  {"implies", SH_WORDS, 0, false, false, false},
  {0},
};
/* Named outside services ("paypal", "mollie"): an integration of a kind. */
static const KeySpec provider_keys[] = {
  {"kind", SH_WORD, 0, true, false, false},
  {"words", SH_WORDS, 0, true, false, false},
  {0},
};
static const KeySpec measure_keys[] = {
  {"words", SH_WORDS, 0, true, false, false},
  {0},
};
/* Diagnosis rules (kb/symptoms.kb): the signs of a cause and what to do. */
static const KeySpec symptom_keys[] = {
  {"name", SH_STRING, 0, true, false, false},
  {"all", SH_WORDS, 0, false, true, false},
  {"any", SH_WORDS, 0, false, true, false},
  /* a threshold figure: with its source and date */
  {"above", SH_ABOVE, 0, false, true, true},
  {"evidence", SH_STRINGS, 0, true, false, false},
  {"why", SH_STRING, 0, true, false, false},
  {"fix", SH_STRING, 0, true, false, false},
  {"example", SH_EXAMPLE, 0, false, true, false},
  {"now", SH_STRINGS, 0, true, false, false},
  {"later", SH_STRINGS, 0, true, false, false},
  {"expect", SH_STRINGS, 0, false, true, false},
  {"url", SH_STRING, 0, true, false, false},
  {0},
};

/* Roadmap, risk and review records (src/plan/roadmap.c, risks.c, review.c). */
static const KeySpec start_keys[] = {
  {"step", SH_STEP, 0, true, true, false},
  {0},
};

static const KeySpec pitfall_keys[] = {
  {"name", SH_STRING, 0, true, false, false},
  {"stack", SH_WORDS, 0, true, false, false},
  {"levels", SH_WORDS, "team-levels", true, false, false},
  {"says", SH_STRING, 0, true, false, false},
  {"avoid", SH_STRING, 0, true, false, false},
  {"url", SH_STRING, 0, true, false, false},
  {0},
};

static const KeySpec risk_keys[] = {
  {"name", SH_STRING, 0, true, false, false},
  {"when", SH_WORDS, "facts", true, false, false},
  {"unless", SH_WORDS, "facts", false, false, false},
  {"impact", SH_WORD, "levels", true, false, false},
  {"probability", SH_WORD, "levels", true, false, false},
  {"owner", SH_WORD, "roles", true, false, false},
  {"at", SH_WORD, "spec-parts", true, false, false},
  {"why", SH_STRING, 0, true, false, false},
  {"mitigation", SH_STRING, 0, true, false, false},
  {"url", SH_STRING, 0, false, false, false},
  {0},
};

static const KeySpec check_keys[] = {
  {"template", SH_WORD, "templates", true, false, false},
  {"item", SH_STRING, 0, true, false, false},
  {"applies", SH_WORDS, "facts", false, false, false},
  {"passes", SH_WORDS, "facts", true, false, false},
  {"unless", SH_WORDS, "facts", false, false, false},
  {"pass", SH_STRING, 0, true, false, false},
  {"fail", SH_STRING, 0, true, false, false},
  {"severity", SH_WORD, "severities", true, false, false},
  {"at", SH_WORD, "spec-parts", true, false, false},
  {0},
};

static const KeySpec stride_keys[] = {
  {"flow", SH_STRING, 0, true, false, false},
  {"when", SH_WORDS, "facts", false, false, false},
  {"unless", SH_WORDS, "facts", false, false, false},
  {"spoofing", SH_STRING, 0, true, false, false},
  {"tampering", SH_STRING, 0, true, false, false},
  {"repudiation", SH_STRING, 0, true, false, false},
  {"disclosure", SH_STRING, 0, true, false, false},
  {"dos", SH_STRING, 0, true, false, false},
  {"elevation", SH_STRING, 0, true, false, false},
  {0},
};

static const KindSpec kinds[] = {
  {"vocab", NULL, {"", SH_DESC, 0, false, true, false}},
  {"figures", NULL, {"", SH_QUANTITY, 0, false, true, true}},
  {"tech", tech_keys, {0}},
  {"pattern", pattern_keys, {0}},
  {"rule", rule_keys, {0}},
  {"noun", noun_keys, {0}},
  {"cue", cue_keys, {0}},
  {"skill", skill_keys, {0}},
  {"measure", measure_keys, {0}},
  {"provider", provider_keys, {0}},
  {"symptom", symptom_keys, {0}},
  {"start", start_keys, {0}},
  {"table", NULL, {"", SH_TEXT, 0, false, true, false}},
  {"text", NULL, {"", SH_TEXT, 0, false, true, false}},
  {"pitfall", pitfall_keys, {0}},
  {"risk", risk_keys, {0}},
  {"check", check_keys, {0}},
  {"stride", stride_keys, {0}},
};

typedef struct {
  Arena *a;
  Kb *kb;
  DiagSink *d;
  const KbRecord *rec;
  const KbRecord **vocabs;      /* the vocab records, found once */
  int nvocabs;
} Checker;

#define CERR(c, s, ...) ERR((c)->d, (c)->rec->file, (s), __VA_ARGS__)

static const KbRecord *find_vocab(const Checker *c, const char *name) {
  Str n = str_c(name);
  for (int i = 0; i < c->nvocabs; i++)
    if (str_eq(c->vocabs[i]->id, n))
      return c->vocabs[i];
  return NULL;
}

static bool in_vocab(const KbRecord *v, Str w) {
  for (int i = 0; i < v->nitems; i++)
    if (str_eq(v->items[i].key, w))
      return true;
  return false;
}

static void check_word(Checker *c, const KeySpec *k, const KbVal *v) {
  if (v->kind != KV_WORD) {
    CERR(c, v->span, "'%s' takes words", k->key);
    return;
  }
  if (!k->vocab)
    return;
  const KbRecord *voc = find_vocab(c, k->vocab);
  if (!voc) {
    CERR(c, v->span, "no 'vocab %s' record defines the words of '%s'", k->vocab, k->key);
    return;
  }
  if (in_vocab(voc, v->text))
    return;
  const char *best = NULL;
  int bd = 3;
  for (int i = 0; i < voc->nitems; i++) {
    int dd = str_distance(v->text, voc->items[i].key, 2);
    if (dd < bd) {
      bd = dd;
      best = str_dupz(c->a, voc->items[i].key);
    }
  }
  static const char *const nouns[][2] = {{"caps", "capability"}, {"slots", "slot"}, {"families", "family"},
                                         {"clouds", "cloud"}, {"price-units", "price unit"}, {"tier-features", "tier feature"}, {"deploy-modes", "deployment mode"}, {"limits", "limit"},
                                         {"facts", "fact"}, {"areas", "area"}, {"levels", "level"},
                                         {"team-levels", "team level"}, {"roles", "role"},
                                         {"spec-parts", "spec part"}, {"templates", "template"},
                                         {"severities", "severity"}};
  const char *what = k->vocab;
  for (size_t i = 0; i < sizeof nouns / sizeof *nouns; i++)
    if (!strcmp(k->vocab, nouns[i][0]))
      what = nouns[i][1];
  if (best)
    CERR(c, v->span, "unknown %s '%.*s%s'; did you mean '%s'?", what, NAMEF(v->text), best);
  else
    CERR(c, v->span, "unknown %s '%.*s%s' (add it to 'vocab %s' first)", what, NAMEF(v->text), k->vocab);
}

static bool date_ok(Str d) {
  if (d.n != 10 && d.n != 7)
    return false;
  for (ptrdiff_t i = 0; i < d.n; i++) {
    bool dash = i == 4 || i == 7;
    if (dash ? d.p[i] != '-' : (d.p[i] < '0' || d.p[i] > '9'))
      return false;
  }
  int month = (d.p[5] - '0') * 10 + (d.p[6] - '0');
  int day = d.n == 10 ? (d.p[8] - '0') * 10 + (d.p[9] - '0') : 1;
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

static bool number(Checker *c, const KbVal *v, const char *what) {
  if (v->kind != KV_NUMBER) {
    CERR(c, v->span, "expected %s", what);
    return false;
  }
  return true;
}

/* Any quantity: a count, a size, a duration or a percentage, to base units. */
static bool quantity(const KbVal *v, double *out) {
  Number n = {v->num, v->unit, false};
  const char *why;
  if (str_eqc(v->unit, "%"))
    return unit_percent(n, out, &why);
  return unit_count(n, out, &why) || unit_size(n, out, &why) || unit_duration(n, out, &why);
}

/* 'latency p50 2ms p95 8ms': percentile and duration pairs. */
static void check_percentiles(Checker *c, const KeySpec *k, const KbVal *v, int n, Span at) {
  if (!n || n % 2) {
    CERR(c, at, "'%s' takes percentile and duration pairs, as in 'p50 2ms p95 8ms'", k->key);
    return;
  }
  for (int i = 0; i < n; i += 2) {
    static const char *const pct[] = {"p50", "p90", "p95", "p99", 0};
    bool ok = v[i].kind == KV_WORD;
    bool found = false;
    for (int j = 0; ok && pct[j]; j++)
      found |= str_eqc(v[i].text, pct[j]);
    if (!found)
      CERR(c, v[i].span, "expected a percentile: p50, p90, p95 or p99");
    double s;
    const char *why;
    Number num = {v[i + 1].num, v[i + 1].unit, false};
    if (number(c, &v[i + 1], "a duration") && !unit_duration(num, &s, &why))
      CERR(c, v[i + 1].span, "%s", why);
  }
}

/* 'size "small" vcpu 2 memory 4GB hour 0.08': a name, then key and value
 * pairs, then optionally 'modes' and the deployment modes that accept it. */
static int size_pairs_end(const KbVal *v, int n) {
  for (int i = 1; i < n; i += 2)
    if (v[i].kind == KV_WORD && str_eqc(v[i].text, "modes"))
      return i;
  return n;
}

static void check_size(Checker *c, const KeySpec *k, const KbVal *v, int n, Span at) {
  int end = size_pairs_end(v, n);
  if (end < 3 || end % 2 == 0 || v[0].kind != KV_STRING) {
    CERR(c, at, "a size is a quoted name then pairs, as in 'size \"small\" vcpu 2 memory 4GB hour 0.08'");
    return;
  }
  for (int i = 1; i + 1 < end; i += 2) {
    static const char *const keys[] = {"vcpu", "memory", "hour", "month", "rps", "reads", "writes", "connections", "max", "baseline", 0};
    bool found = false;
    for (int j = 0; keys[j]; j++)
      found |= v[i].kind == KV_WORD && str_eqc(v[i].text, keys[j]);
    double q;
    if (!found)
      CERR(c, v[i].span, "expected vcpu, memory, hour, month, rps, reads, writes, connections, max, baseline or modes in a size");
    else if (number(c, &v[i + 1], "a number") && !quantity(&v[i + 1], &q))
      CERR(c, v[i + 1].span, "unknown unit in '%.*s'", STRF(v[i + 1].text));
  }
  if (end < n && end + 1 == n)
    CERR(c, v[end].span, "expected the deployment modes after 'modes', as in 'modes single multi-az'");
  for (int i = end + 1; i < n; i++)
    if (v[i].kind != KV_WORD)
      CERR(c, v[i].span, "expected a deployment mode word after 'modes'");
    else
      check_word(c, k, &v[i]);
}

/* A figure's source and date; nothing else takes them. */
static void check_provenance(Checker *c, const KeySpec *k, const KbItem *it) {
  Span at = it->span;
  if (k->figure) {
    if (!it->source.n)
      CERR(c, at, "this figure has no source: add source \"URL\" date \"YYYY-MM-DD\"");
    else if (!str_has_prefix(it->source, S("https://")) && !str_has_prefix(it->source, S("http://")) &&
             !str_has_prefix(it->source, S("docs/")))
      CERR(c, it->source_span, "a source is a URL starting with https:// or, for Plinth's own policy figures, a docs/ page");
    if (!it->date.n)
      CERR(c, at, "this figure has no date: add date \"YYYY-MM-DD\"");
    else if (!date_ok(it->date))
      CERR(c, it->date_span, "'%.*s' is not a date: write YYYY-MM-DD or YYYY-MM with a real month and day",
           STRF(it->date));
  } else if (it->source.n || it->date.n)
    CERR(c, at, "only figures take a source and a date");
}

/* 'tier "Team" month 599 includes hipaa pitr': a name, its monthly fee, what it includes. */
static void check_tier(Checker *c, const KeySpec *k, const KbVal *v, int n, Span at) {
  if (n < 3 || v[0].kind != KV_STRING || v[1].kind != KV_WORD || !str_eqc(v[1].text, "month")) {
    CERR(c, at, "a tier is a quoted name, 'month' and its fee, then 'includes' and what it includes, as in 'tier \"Team\" month 599 includes hipaa pitr'");
    return;
  }
  if (number(c, &v[2], "an amount in dollars") && (v[2].unit.n || v[2].num < 0))
    CERR(c, v[2].span, "an amount is a plain non-negative number of dollars");
  if (n > 3 && (v[3].kind != KV_WORD || !str_eqc(v[3].text, "includes") || n == 4))
    CERR(c, v[3].span, "expected 'includes' and what the tier includes");
  for (int i = 4; i < n; i++)
    check_word(c, k, &v[i]);
}

static void check_item(Checker *c, const KeySpec *k, const KbItem *it) {
  const KbVal *v = it->vals;
  int n = it->nvals;
  Span at = it->span;
  switch (k->shape) {
  case SH_STRING:
    if (n != 1 || v[0].kind != KV_STRING)
      CERR(c, at, "'%s' takes one quoted string", k->key);
    break;
  case SH_WORD:
    if (n != 1)
      CERR(c, at, "'%s' takes one word", k->key);
    else
      check_word(c, k, &v[0]);
    break;
  case SH_WORDS:
    if (!n)
      CERR(c, at, "'%s' takes one or more words", k->key);
    for (int i = 0; i < n; i++)
      check_word(c, k, &v[i]);
    break;
  case SH_LEVEL:
    if (n != 1 || v[0].kind != KV_NUMBER || v[0].unit.n || v[0].num < 1 || v[0].num > 5 || v[0].num != floor(v[0].num))
      CERR(c, n ? v[0].span : at, "'%s' is a whole number from 1 to 5", k->key);
    break;
  case SH_PRICE: {
    /* 'price mau 0.0046 above 100000': a volume band's rate past that usage */
    double q;
    if (n != 2 && (n != 4 || v[2].kind != KV_WORD || !str_eqc(v[2].text, "above"))) {
      CERR(c, at,
           "a price is a unit and an amount, as in 'price hour 0.0416', and for a volume band 'above' and the usage "
           "past which it applies, as in 'price mau 0.0046 above 100000'");
      break;
    }
    check_word(c, k, &v[0]);
    if (number(c, &v[1], "an amount in dollars") && (v[1].unit.n || v[1].num < 0))
      CERR(c, v[1].span, "an amount is a plain non-negative number of dollars");
    if (n == 4 && number(c, &v[3], "a usage") && (!quantity(&v[3], &q) || q <= 0))
      CERR(c, v[3].span, "a band starts past a positive usage, as in 'above 100000'");
    break;
  }
  case SH_LIMIT: {
    /* 'limit instances 40 adjustable 1002': a default quota the provider
     * raises on request, to the most it grants when its page states one. */
    double q = 0, g;
    if ((n != 2 && n != 3 && n != 4) || (n > 2 && (v[2].kind != KV_WORD || !str_eqc(v[2].text, "adjustable")))) {
      CERR(c, at,
           "a limit is a name and a quantity, as in 'limit connections 100', and for a default quota the provider "
           "raises on request 'adjustable' and the most it grants, as in 'limit instances 40 adjustable 1002'");
      break;
    }
    check_word(c, k, &v[0]);
    /* A quantity reads 'B' as a billion, which a limit in bytes is not. */
    if (number(c, &v[1], "a quantity") && str_eqc(v[1].unit, "B"))
      CERR(c, v[1].span, "'%.*s' reads as billions: write bytes as a plain number or in KB or MB, a billion as 1000M",
           STRF(v[1].text));
    else if (v[1].kind == KV_NUMBER && !quantity(&v[1], &q))
      CERR(c, v[1].span, "unknown unit in '%.*s'", STRF(v[1].text));
    else if (n == 4 && number(c, &v[3], "the most the provider grants")) {
      if (str_eqc(v[3].unit, "B"))
        CERR(c, v[3].span, "'%.*s' reads as billions: write bytes as a plain number or in KB or MB, a billion as 1000M",
             STRF(v[3].text));
      else if (!quantity(&v[3], &g) || g <= q)
        CERR(c, v[3].span, "the most the provider grants is a quantity past the default %.*s, as in 'adjustable 1002'",
             STRF(v[1].text));
    }
    break;
  }
  case SH_PERCENTILES:
    check_percentiles(c, k, v, n, at);
    break;
  case SH_PERCENT: {
    double q;
    const char *why;
    if (n != 1 || v[0].kind != KV_NUMBER || !unit_percent((Number){v[0].num, v[0].unit, false}, &q, &why) || q > 1)
      CERR(c, n ? v[0].span : at, "'%s' takes one percentage such as 99.95%%", k->key);
    break;
  }
  case SH_SIZE:
    check_size(c, k, v, n, at);
    break;
  case SH_TIER:
    check_tier(c, k, v, n, at);
    break;
  case SH_DESC:
    if (n != 1 || v[0].kind != KV_STRING)
      CERR(c, at, "a vocabulary entry is a word and a quoted description");
    break;
  case SH_WORD_STRING:
    if (n != 2 || v[0].kind != KV_WORD || v[1].kind != KV_STRING)
      CERR(c, at, "'%s' takes a word and a quoted string", k->key);
    break;
  case SH_EXAMPLE:
    if (n != 3 || v[0].kind != KV_WORD || v[1].kind != KV_WORD || v[2].kind != KV_STRING)
      CERR(c, at, "'%s' takes a stack word, a language word and a quoted line", k->key);
    break;
  case SH_ABOVE:
    if (n < 2 || v[n - 1].kind != KV_NUMBER)
      CERR(c, at, "'%s' takes metric words and then a threshold, as in 'above cpu 80%%'", k->key);
    for (int i = 0; i + 1 < n; i++)
      if (v[i].kind != KV_WORD)
        CERR(c, v[i].span, "'%s' takes words before the threshold", k->key);
    break;
  case SH_NUMBER:
    if (n != 1 || v[0].kind != KV_NUMBER || v[0].unit.n || v[0].dollar)
      CERR(c, n ? v[0].span : at, "'%s' takes one plain number", k->key);
    break;
  case SH_STRINGS:
    if (!n)
      CERR(c, at, "'%s' takes one or more quoted strings", k->key);
    for (int i = 0; i < n; i++)
      if (v[i].kind != KV_STRING)
        CERR(c, v[i].span, "'%s' takes quoted strings", k->key);
    break;
  case SH_STEP:
    if (n != 2 || v[0].kind != KV_STRING || v[1].kind != KV_STRING)
      CERR(c, at, "a step is a quoted title and a quoted command, as in 'step \"Create the module\" \"go mod init app\"'");
    break;
  case SH_TEXT:
    if (n != 1 || v[0].kind != KV_STRING)
      CERR(c, at, "a table entry is a name and one quoted string");
    break;
  case SH_QUANTITY: {
    double q;
    if (n != 1 || v[0].kind != KV_NUMBER)
      CERR(c, at, "a figure is a name and one quantity, as in 'rps-per-vcpu 250'");
    else if (!quantity(&v[0], &q))
      CERR(c, v[0].span, "unknown unit in '%.*s'", STRF(v[0].text));
    break;
  }
  }
  check_provenance(c, k, it);
}

static void check_record(Checker *c, const KbRecord *r) {
  c->rec = r;
  const KindSpec *ks = NULL;
  for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
    if (str_eqc(r->kind, kinds[i].kind))
      ks = &kinds[i];
  if (!ks) {
    const char *best = NULL;
    int bd = 3;
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
      int dd = str_distance(r->kind, str_c(kinds[i].kind), 2);
      if (dd < bd)
        bd = dd, best = kinds[i].kind;
    }
    if (best)
      CERR(c, r->kind_span, "unknown record kind '%.*s%s'; did you mean '%s'?", NAMEF(r->kind), best);
    else
      CERR(c, r->kind_span, "unknown record kind '%.*s%s'; expected tech, figures, vocab, pattern, rule, start, table, text, pitfall, risk, check, stride, noun, cue, skill, measure, provider or symptom",
           NAMEF(r->kind));
    return;
  }
  if (!ks->keys) {
    for (int i = 0; i < r->nitems; i++) {
      check_item(c, &ks->free, &r->items[i]);
      for (int j = 0; j < i; j++)
        if (str_eq(r->items[j].key, r->items[i].key))
          CERR(c, r->items[i].span, "'%.*s%s' is listed twice", NAMEF(r->items[i].key));
    }
    return;
  }
  for (int i = 0; i < r->nitems; i++) {
    const KbItem *it = &r->items[i];
    const KeySpec *k = NULL;
    for (const KeySpec *x = ks->keys; x->key; x++)
      if (str_eqc(it->key, x->key))
        k = x;
    if (!k) {
      const char *best = NULL;
      int bd = 3;
      for (const KeySpec *x = ks->keys; x->key; x++) {
        int dd = str_distance(it->key, str_c(x->key), 2);
        if (dd < bd)
          bd = dd, best = x->key;
      }
      if (best)
        CERR(c, it->span, "unknown item '%.*s%s' in %.*s; did you mean '%s'?", NAMEF(it->key), STRF(r->kind), best);
      else
        CERR(c, it->span, "unknown item '%.*s%s' in %.*s", NAMEF(it->key), STRF(r->kind));
      continue;
    }
    if (!k->repeat)
      for (int j = 0; j < i; j++)
        if (str_eqc(r->items[j].key, k->key)) {
          CERR(c, it->span, "'%s' is given twice", k->key);
          break;
        }
    check_item(c, k, it);
  }
  if (r->kindid == KIND_RULE)
    for (int i = 0; i < r->nitems; i++) {
      const KbItem *it = &r->items[i];
      if (!str_eqc(it->key, "requires"))
        continue;
      if (it->nvals != 2) {
        CERR(c, it->span, "'requires' names a slot and a capability, as in 'requires database connection-pooling'");
        continue;
      }
      static const KeySpec slot = {"requires", SH_WORD, "slots", false, false, false};
      static const KeySpec cap = {"requires", SH_WORD, "caps", false, false, false};
      check_word(c, &slot, &it->vals[0]);
      check_word(c, &cap, &it->vals[1]);
    }
  for (const KeySpec *x = ks->keys; x->key; x++) {
    if (!x->required)
      continue;
    bool have = false;
    for (int i = 0; i < r->nitems && !have; i++)
      have = str_eqc(r->items[i].key, x->key);
    if (!have)
      CERR(c, r->span, "%.*s '%.*s%s' lacks '%s'", STRF(r->kind), NAMEF(r->id), x->key);
  }
}

/* ---- typed views ---- */

static Str one_str(const KbRecord *r, const char *key) {
  for (int i = 0; i < r->nitems; i++)
    if (str_eqc(r->items[i].key, key) && r->items[i].nvals)
      return r->items[i].vals[0].text;
  return (Str){0};
}

static Str *words_of(Arena *a, const KbRecord *r, const char *key, int *n) {
  *n = 0;
  for (int i = 0; i < r->nitems; i++)
    if (str_eqc(r->items[i].key, key)) {
      Str *w = new(a, Str, r->items[i].nvals);
      for (int k = 0; k < r->items[i].nvals; k++)
        w[(*n)++] = r->items[i].vals[k].text;
      return w;
    }
  return NULL;
}

/* The capabilities the code tests, as bits. */
static uint32_t capset_of(const Str *caps, int n) {
#define KB_NAME(e, s) [e] = s,
  static const char *const names[] = {KB_CAPS(KB_NAME)};
#undef KB_NAME
  uint32_t set = 0;
  for (int i = 0; i < n; i++)
    for (int c = 0; c < CAP_COUNT_; c++)
      if (str_eqc(caps[i], names[c]))
        set |= (uint32_t)1 << c;
  return set;
}

static void build_tech(Arena *a, Tech *t, const KbRecord *r) {
  t->rec = r;
  t->id = r->id;
  t->name = one_str(r, "name");
  t->slot = one_str(r, "slot");
  t->family = one_str(r, "family");
  t->hosting = one_str(r, "hosting");
  t->vendor = one_str(r, "vendor");
  t->version = one_str(r, "version");
  t->url = one_str(r, "url");
  t->summary = one_str(r, "summary");
  t->clouds = words_of(a, r, "clouds", &t->nclouds);
  t->caps = words_of(a, r, "caps", &t->ncaps);
  t->capset = capset_of(t->caps, t->ncaps);
  t->skills = words_of(a, r, "skills", &t->nskills);
  t->regions = words_of(a, r, "regions", &t->nregions);
  for (int i = 0; i < r->nitems; i++) {
    const KbItem *it = &r->items[i];
    if (str_eqc(it->key, "burden"))
      t->burden = (int)it->vals[0].num;
    if (str_eqc(it->key, "lockin"))
      t->lockin = (int)it->vals[0].num;
  }
  int nf = 0;
  for (int i = 0; i < r->nitems; i++)
    if (r->items[i].source.n)
      nf += r->items[i].nvals;
  t->facts = new(a, KbFact, nf);
  for (int i = 0; i < r->nitems; i++) {
    const KbItem *it = &r->items[i];
    if (!it->source.n)
      continue;
    KbFact base = {.key = it->key, .keyid = kb_key(it->key), .source = it->source, .date = it->date, .span = it->span};
    const KbVal *v = it->vals;
    if (str_eqc(it->key, "price") || str_eqc(it->key, "limit")) {
      KbFact f = base;
      f.name = v[0].text;
      if (!quantity(&v[1], &f.value))
        f.value = v[1].num;
      if (str_eqc(it->key, "limit") && it->nvals >= 3) {
        f.adjustable = true;
        if (it->nvals == 4)
          quantity(&v[3], &f.granted);
      }
      if (str_eqc(it->key, "price")) {
        f.value = v[1].num;
        if (it->nvals == 4)
          quantity(&v[3], &f.above);
      }
      t->facts[t->nfacts++] = f;
    } else if (str_eqc(it->key, "latency") || str_eqc(it->key, "coldstart")) {
      for (int k = 0; k + 1 < it->nvals; k += 2) {
        KbFact f = base;
        f.name = v[k].text;
        quantity(&v[k + 1], &f.value);
        t->facts[t->nfacts++] = f;
      }
    } else if (str_eqc(it->key, "sla")) {
      KbFact f = base;
      f.name = S("availability");
      quantity(&v[0], &f.value);
      t->facts[t->nfacts++] = f;
    } else if (str_eqc(it->key, "size")) {
      KbFact f = base;
      f.name = v[0].text;
      int end = size_pairs_end(v, it->nvals);
      if (end + 1 < it->nvals) {
        /* the deployment modes that accept the class, kept as its includes */
        f.includes = new(a, Str, it->nvals - end - 1);
        for (int k = end + 1; k < it->nvals; k++)
          f.includes[f.nincludes++] = v[k].text;
      }
      for (int k = 1; k + 1 < end; k += 2) {
        double q = 0;
        quantity(&v[k + 1], &q);
        if (str_eqc(v[k].text, "vcpu"))
          f.vcpu = q;
        else if (str_eqc(v[k].text, "memory"))
          f.memory = q;
        else if (str_eqc(v[k].text, "hour"))
          f.value = v[k + 1].num;
        else if (str_eqc(v[k].text, "month")) {
          f.value = v[k + 1].num;
          f.monthly = true;
        }
        else if (str_eqc(v[k].text, "rps"))
          f.rps = q;
        else if (str_eqc(v[k].text, "reads"))
          f.reads = q;
        else if (str_eqc(v[k].text, "writes"))
          f.writes = q;
        else if (str_eqc(v[k].text, "connections"))
          f.connections = q;
        else if (str_eqc(v[k].text, "max"))
          f.max = q;
        else if (str_eqc(v[k].text, "baseline"))
          f.baseline = q;
      }
      t->facts[t->nfacts++] = f;
    } else if (str_eqc(it->key, "unpriced")) {
      for (int k = 0; k < it->nvals; k++) {
        KbFact f = base;
        f.name = v[k].text;
        t->facts[t->nfacts++] = f;
      }
    } else if (str_eqc(it->key, "tier")) {
      KbFact f = base;
      f.name = v[0].text;
      f.value = it->nvals > 2 ? v[2].num : 0;
      if (it->nvals > 4) {
        f.includes = new(a, Str, it->nvals - 4);
        for (int k = 4; k < it->nvals; k++)
          f.includes[f.nincludes++] = v[k].text;
      }
      t->facts[t->nfacts++] = f;
    }
  }
}

bool kb_finish(Arena *a, Kb *kb, DiagSink *sink) {
  int before = sink->errors;
  /* Overrides: a later record with the same kind and id from another file
   * replaces the earlier one; within one file it is an error. */
  bool *dead = new(a, bool, kb->nrecs + 1);
  for (int i = 0; i < kb->nrecs; i++)
    for (int j = 0; j < i; j++) {
      if (dead[j] || !str_eq(kb->recs[i].kind, kb->recs[j].kind) || !str_eq(kb->recs[i].id, kb->recs[j].id))
        continue;
      if (kb->recs[i].file == kb->recs[j].file || kb->recs[i].layer == kb->recs[j].layer) {
        int line, col;
        diag_locate(sink->arena, kb->recs[j].file, kb->recs[j].span.off, &line, &col);
        ERR(sink, kb->recs[i].file, kb->recs[i].span, "duplicate %.*s '%.*s%s'; the first is at line %d",
            STRF(kb->recs[i].kind), NAMEF(kb->recs[i].id), line);
      }
      dead[j] = true;
    }
  int n = 0;
  for (int i = 0; i < kb->nrecs; i++)
    if (!dead[i])
      kb->recs[n++] = kb->recs[i];
  kb->nrecs = n;
  Checker c = {.a = a, .kb = kb, .d = sink};
  c.vocabs = new(a, const KbRecord *, kb->nrecs + 1);
  for (int i = 0; i < kb->nrecs; i++)
    if (kb->recs[i].kindid == KIND_VOCAB)
      c.vocabs[c.nvocabs++] = &kb->recs[i];
  for (int i = 0; i < kb->nrecs; i++)
    check_record(&c, &kb->recs[i]);
  if (sink->errors > before)
    return false;
  int nt = 0;
  for (int i = 0; i < kb->nrecs; i++)
    nt += kb->recs[i].kindid == KIND_TECH;
  kb->techs = new(a, Tech, nt);
  for (int i = 0; i < kb->nrecs; i++)
    if (kb->recs[i].kindid == KIND_TECH)
      build_tech(a, &kb->techs[kb->ntechs++], &kb->recs[i]);
  /* Technologies grouped by slot, in KB order, for the planner. */
  kb->slots = new(a, KbSlot, kb->ntechs + 1);
  for (int i = 0; i < kb->ntechs; i++) {
    KbSlot *s = NULL;
    for (int k = 0; k < kb->nslots && !s; k++)
      if (str_eq(kb->slots[k].slot, kb->techs[i].slot))
        s = &kb->slots[k];
    if (!s) {
      s = &kb->slots[kb->nslots++];
      s->slot = kb->techs[i].slot;
      for (int k = i; k < kb->ntechs; k++)
        s->n += str_eq(kb->techs[k].slot, s->slot);
      s->techs = new(a, const Tech *, s->n);
      s->n = 0;
    }
    s->techs[s->n++] = &kb->techs[i];
  }
  /* Records that name technologies: start ids, pitfall stacks, table keys. */
  for (int i = 0; i < kb->nrecs; i++) {
    const KbRecord *r = &kb->recs[i];
    c.rec = r;
    if (r->kindid == KIND_START && !kb_tech(kb, r->id))
      CERR(&c, r->span, "no technology '%.*s%s' for this start record", NAMEF(r->id));
    if (r->kindid == KIND_TABLE)
      for (int k = 0; k < r->nitems; k++)
        if (!kb_tech(kb, r->items[k].key))
          CERR(&c, r->items[k].span, "no technology '%.*s%s' (table rows are named after technologies)",
               NAMEF(r->items[k].key));
    if (r->kindid == KIND_PITFALL)
      for (int k = 0; k < r->nitems; k++)
        if (str_eqc(r->items[k].key, "stack"))
          for (int v = 0; v < r->items[k].nvals; v++)
            if (!kb_tech(kb, r->items[k].vals[v].text)) {
              Str w = r->items[k].vals[v].text;
              const Tech *best = NULL;
              int bd = 3;
              for (int t = 0; t < kb->ntechs; t++) {
                int dd = str_distance(w, kb->techs[t].id, 2);
                if (dd < bd)
                  bd = dd, best = &kb->techs[t];
              }
              if (best)
                CERR(&c, r->items[k].vals[v].span, "no technology '%.*s%s' in this pitfall's stack; did you mean '%.*s'?",
                     NAMEF(w), STRF(best->id));
              else
                CERR(&c, r->items[k].vals[v].span, "no technology '%.*s%s' in this pitfall's stack", NAMEF(w));
            }
  }
  if (sink->errors > before)
    return false;
  kb->rules = new(a, const KbRecord *, kb->nrecs);
  for (int i = 0; i < kb->nrecs; i++)
    if (kb->recs[i].kindid == KIND_RULE) {
      const KbRecord *r = &kb->recs[i];
      kb->rules[kb->nrules++] = r;
    }
  return true;
}

static int cmp_names(const void *x, const void *y) { return strcmp(*(char *const *)x, *(char *const *)y); }

/* The hash of a record's kind and id (FNV-1a over the kind, a zero byte,
 * the id): kbgen and the loader index with it, kb_record looks up with it. */
static uint32_t name_hash(const char *kind, Str id) {
  uint32_t h = 2166136261u;
  for (const char *k = kind; *k; k++)
    h = (h ^ (unsigned char)*k) * 16777619u;
  h *= 16777619u;
  for (ptrdiff_t i = 0; i < id.n; i++)
    h = (h ^ (unsigned char)id.p[i]) * 16777619u;
  return h ^ (h >> 16);
}

/* Records by kind and id in a hash table (the plan looks records up by name
 * hundreds of times): the first record of a kind and id is found, as a scan
 * would. kbgen writes the table into the static tables. */
static void index_records(Arena *a, Kb *kb) {
  unsigned size = 16;
  while (size < 2 * (unsigned)kb->nrecs)
    size *= 2;
  int *slots = new(a, int, size);
  char kind[64];
  for (int i = 0; i < kb->nrecs; i++) {
    const KbRecord *r = &kb->recs[i];
    if (r->kind.n >= (ptrdiff_t)sizeof kind)
      continue;   /* no such kind: kb_record scans for it */
    memcpy(kind, r->kind.p, (size_t)r->kind.n);
    kind[r->kind.n] = 0;
    unsigned at = name_hash(kind, r->id) & (size - 1);
    for (; slots[at]; at = (at + 1) & (size - 1))
      if (str_eq(kb->recs[slots[at] - 1].kind, r->kind) && str_eq(kb->recs[slots[at] - 1].id, r->id))
        break;
    if (!slots[at])
      slots[at] = i + 1;
  }
  kb->by_name = slots;
  kb->name_mask = size - 1;
}

/* The built-in knowledge base as static tables (build/gen/kb_static.c,
 * written by tools/kbgen.c from this loader's result). Weak: kbgen itself
 * is linked without them and parses. */
extern const Kb kb_static __attribute__((weak));

const Kb *kb_load(Arena *a, const char *dir, DiagSink *sink) {
  if (!dir && &kb_static)
    return &kb_static;
  return kb_parse_all(a, dir, sink);
}

Kb *kb_parse_all(Arena *a, const char *dir, DiagSink *sink) {
  Kb *kb = new(a, Kb, 1);
  for (int i = 0; i < kb_nembedded; i++) {
    SourceFile *f = new(a, SourceFile, 1);
    f->name = kb_embedded[i].name;
    f->text = (Str){kb_embedded[i].text, kb_embedded[i].len};
    kb_parse(a, kb, f, sink);
  }
  if (dir) {
    kb->layer = 1;
    DIR *d = opendir(dir);
    if (!d) {
      diag_at(sink, NULL, SEV_ERROR, 0, 0, "cannot open knowledge-base directory '%s': %s", dir, strerror(errno));
      sink->io_errors++;
      return NULL;
    }
    /* Every .kb file of the folder, in name order, however many. */
    char **names = NULL;
    int nn = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
      size_t len = strlen(e->d_name);
      if (len > 3 && !strcmp(e->d_name + len - 3, ".kb"))
        *push(a, names, nn, cap) = str_dupz(a, str_printf(a, "%s/%s", dir, e->d_name));
    }
    closedir(d);
    if (nn)
      qsort(names, (size_t)nn, sizeof *names, cmp_names);
    for (int i = 0; i < nn; i++) {
      FILE *fp = file_open_read(names[i]);
      if (!fp) {
        diag_at(sink, NULL, SEV_ERROR, 0, 0, "cannot open '%s': %s", names[i], strerror(errno));
        sink->io_errors++;
        continue;
      }
      /* Each file costs its own size, not the limit. */
      enum { KB_MAX = 4 << 20 };
      Str text;
      int rc = file_slurp(a, fp, KB_MAX, &text);
      fclose(fp);
      if (rc) {
        diag_at(sink, NULL, SEV_ERROR, 0, 0, rc == 1 ? "cannot read '%s'" : "'%s' is larger than 4 MiB", names[i]);
        sink->io_errors++;
        continue;
      }
      SourceFile *f = new(a, SourceFile, 1);
      f->name = names[i];
      f->text = text;
      int line, col;
      diag_locate(a, f, 0, &line, &col);
      kb_parse(a, kb, f, sink);
    }
  }
  bool ok = !sink->errors && kb_finish(a, kb, sink);
  diag_flush(sink);
  if (ok)
    index_records(a, kb);
  return ok ? kb : NULL;
}

/* ---- lookups ---- */

double kb_figure(const Kb *kb, const char *record, const char *name, const KbItem **where) {
  const KbRecord *r = kb_record(kb, "figures", str_c(record));
  for (int i = 0; r && i < r->nitems; i++)
    if (str_eqc(r->items[i].key, name)) {
      double q = 0;
      quantity(&r->items[i].vals[0], &q);
      if (where)
        *where = &r->items[i];
      return q;
    }
  return (double)NAN;
}

const KbRecord *kb_record(const Kb *kb, const char *kind, Str id) {
  if (kb->by_name && strlen(kind) < 64) {
    for (unsigned at = name_hash(kind, id) & kb->name_mask; kb->by_name[at]; at = (at + 1) & kb->name_mask) {
      const KbRecord *r = &kb->recs[kb->by_name[at] - 1];
      if (str_eq(r->id, id) && str_eqc(r->kind, kind))
        return r;
    }
    return NULL;
  }
  /* Lengths first: most records differ there. */
  ptrdiff_t kn = (ptrdiff_t)strlen(kind);
  for (int i = 0; i < kb->nrecs; i++) {
    const KbRecord *r = &kb->recs[i];
    if (r->id.n == id.n && r->kind.n == kn && str_eq(r->id, id) && str_eqc(r->kind, kind))
      return r;
  }
  return NULL;
}

const Tech *const *kb_slot(const Kb *kb, Str slot, int *n) {
  for (int i = 0; i < kb->nslots; i++)
    if (str_eq(kb->slots[i].slot, slot)) {
      *n = kb->slots[i].n;
      return kb->slots[i].techs;
    }
  *n = 0;
  return NULL;
}

const Tech *kb_tech(const Kb *kb, Str id) {
  for (int i = 0; i < kb->ntechs; i++)
    if (str_eq(kb->techs[i].id, id))
      return &kb->techs[i];
  return NULL;
}

/* Where `q` occurs in `hay`, ignoring ASCII case, from `from` on; -1: nowhere. */
static ptrdiff_t find_icase(Str hay, Str q, ptrdiff_t from) {
  if (!q.n)
    return -1;
  for (ptrdiff_t i = from; i + q.n <= hay.n; i++) {
    ptrdiff_t k = 0;
    while (k < q.n && tolower((unsigned char)hay.p[i + k]) == tolower((unsigned char)q.p[k]))
      k++;
    if (k == q.n)
      return i;
  }
  return -1;
}

/* How well `q` names `t`: 5 its id or name, 4 the start of its id, 3 a
 * whole part that ends its id or name (dynamodb in aws-dynamodb), 2 a
 * whole part elsewhere (between '-', ' ' or '(' and the end of a word), 1
 * anywhere in them, 0 not at all. */
static int match_tier(const Tech *t, Str q) {
  if (str_ieq(t->id, q) || str_ieq(t->name, q))
    return 5;
  if (find_icase(t->id, q, 0) == 0)
    return 4;
  int best = 0;
  const Str hs[2] = {t->id, t->name};
  for (int h = 0; h < 2; h++)
    for (ptrdiff_t i = find_icase(hs[h], q, 0); i >= 0; i = find_icase(hs[h], q, i + 1)) {
      char before = i ? hs[h].p[i - 1] : ' ';
      char after = i + q.n < hs[h].n ? hs[h].p[i + q.n] : ' ';
      bool whole = (before == '-' || before == ' ' || before == '(') && !isalnum((unsigned char)after);
      int tier = whole ? (i + q.n == hs[h].n ? 3 : 2) : 1;
      best = best > tier ? best : tier;
    }
  return best;
}

int kb_match(const Kb *kb, Str q, Str slot, const Tech **out, int max) {
  int n = 0;
  for (int tier = 5; tier >= 1 && !n; tier--)
    for (int i = 0; i < kb->ntechs; i++) {
      const Tech *t = &kb->techs[i];
      if (slot.n && !str_eq(t->slot, slot))
        continue;
      if (match_tier(t, q) == tier) {
        if (n < max)
          out[n] = t;
        n++;
      }
    }
  return n;
}

const KbFact *tech_fact(const Tech *t, KbKey key, const char *name) {
  /* The first byte rejects most names without a call. */
  for (int i = 0; i < t->nfacts; i++) {
    const KbFact *f = &t->facts[i];
    if (f->keyid == key &&
        (!name || (f->name.n ? f->name.p[0] == name[0] && str_eqc(f->name, name) : !name[0])))
      return f;
  }
  return NULL;
}

double tech_value(const Tech *t, KbKey key, const char *name, double dflt) {
  const KbFact *f = tech_fact(t, key, name);
  return f ? f->value : dflt;
}
