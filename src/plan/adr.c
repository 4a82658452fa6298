/* Decision records: numbering that survives regeneration.
 *
 * The index of the previous run (AdrIndex, read back from DIR/adr/index.txt
 * by the driver) lists every record ever written: number, slot, choice,
 * status, date and file. For each decision of this plan, in plan order:
 *   - the slot's accepted record names the same choice: keep its number,
 *     date and file;
 *   - it names another choice: a new record (the next free number) that
 *     supersedes it, and the old one's status becomes "superseded by NNNN";
 *   - no record: a new one.
 * An accepted record whose slot the plan no longer has becomes
 * "deprecated". Numbers are never reused: the next free number is one past
 * the highest ever written. Old records whose status changed are rewritten
 * from their text as read back, with only the status line replaced. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../util/fmt.h"
#include "adr.h"
#include "core.h"
#include "explain.h"

/* The file name's title part: str_slug at most 60 bytes, cut at a word
 * boundary when the title was longer. */
static Str slug(Arena *a, Str title) {
  bool cut;
  Str s = str_slug(a, title, 60, &cut);
  if (cut) {
    ptrdiff_t k = s.n;
    while (k > 20 && s.p[k - 1] != '-')
      k--;
    if (k > 20)
      s.n = k - 1;
  }
  return s;
}

static const AdrEntry *accepted_for(const AdrIndex *prev, Str slot) {
  const AdrEntry *best = NULL;
  for (int i = 0; prev && i < prev->n; i++)
    if (str_eq(prev->v[i].slot, slot) && str_eqc(prev->v[i].status, "accepted") &&
        (!best || prev->v[i].number > best->number))
      best = &prev->v[i];
  return best;
}

/* The number of the record that `number` superseded, 0: none. A kept
 * record keeps saying what it replaced, run after run. */
static int superseded_by(const AdrIndex *prev, int number) {
  char want[32];
  snprintf(want, sizeof want, "superseded by %04d", number);
  int found = 0;
  for (int i = 0; i < prev->n; i++)
    if (str_eqc(prev->v[i].status, want) && prev->v[i].number > found)
      found = prev->v[i].number;
  return found;
}

/* `text` with its front matter's status line replaced; empty when the text
 * has no such line (the file is gone or was not ours). */
static Str with_status(Arena *a, Str text, Str status) {
  if (!str_has_prefix(text, S("---\n")))
    return (Str){0};
  for (ptrdiff_t i = 4; i < text.n;) {
    ptrdiff_t e = i;
    while (e < text.n && text.p[e] != '\n')
      e++;
    Str line = {text.p + i, e - i};
    if (str_eqc(line, "---"))
      break;
    if (str_has_prefix(line, S("status:")))
      return str_printf(a, "%.*sstatus: %.*s%.*s", (int)i, text.p, STRF(status), (int)(text.n - e), text.p + e);
    i = e + 1;
  }
  return (Str){0};
}

Str plan_contested(Arena *a, const Plan *p, const Choice *c, const Costed **runner) {
  const Costed *best = NULL;
  for (int i = 0; i < c->ncandidates; i++) {
    const Costed *k = &c->candidates[i];
    if (k->viable && k->tech != c->tech && (!best || k->score < best->score))
      best = k;
  }
  if (runner)
    *runner = best;
  if (!c->tech)
    return (Str){0};
  double margin = plan_figure(p, "adr", "contested-margin", 0.15);
  double span = fabs(c->cost.score) > 1e-9 ? fabs(c->cost.score) : 1;
  /* Libraries and tools are routine: swapping one is a code change, not a migration. */
  bool library = str_eqc(c->tech->hosting, "library") || str_eqc(c->tech->hosting, "tool");
  if (best && !library && best->score - c->cost.score <= margin * span)
    return str_printf(a, "%.*s scores within %.0f%% of it", STRF(best->tech->name), margin * 100);
  double lock = plan_figure(p, "adr", "lasting-lockin", 4);
  if (c->tech->lockin >= lock)
    return str_printf(a, "it is hard to leave (lock-in %d of 5)", c->tech->lockin);
  const KbRecord *r = kb_record(p->kb, "vocab", S("adr-lasting-slots"));
  for (int i = 0; r && i < r->nitems; i++)
    if (str_eq(r->items[i].key, c->need->slot) && r->items[i].nvals)
      return r->items[i].vals[0].text;
  return (Str){0};
}

/* The best alternatives, at most n: viable ones by score, then the others
 * in knowledge-base order; their indices into c->rejected. */
int plan_top_options(const Choice *c, int *out, int n) {
  int k = 0;
  for (int pass = 0; pass < 2 && k < n; pass++)
    for (;;) {
      int best = -1;
      double bs = 0;
      for (int i = 0; i < c->nrejected; i++) {
        bool taken = false;
        for (int j = 0; j < k; j++)
          taken |= out[j] == i;
        const Costed *cd = NULL;
        for (int j = 0; j < c->ncandidates && !cd; j++)
          if (c->candidates[j].tech && str_eq(c->candidates[j].tech->id, c->rejected[i].option))
            cd = &c->candidates[j];
        bool viable = cd && cd->viable;
        if (taken || viable != (pass == 0))
          continue;
        if (pass == 1) {
          best = i;
          break;
        }
        if (best < 0 || cd->score < bs)
          best = i, bs = cd->score;
      }
      if (best < 0 || k == n)
        break;
      out[k++] = best;
    }
  return k;
}

/* The styles a style record weighs, in its order: those plan_style
 * chooses among (grep 'p->style.choice = S(' in src/plan/style.c). */
static const char *const style_names[] = {"monolith", "modular-monolith", "serverless", "services"};

static void con(AdrConsequence *v, int *n, const char *verdict, Str why, Str quote) {
  v[(*n)++] = (AdrConsequence){verdict, why, quote};
}

/* A technology record's consequences: its reasons, then what it costs
 * (lock-in, operating burden, a large share of the budget, a revisit
 * point), with thresholds from kb/planning.kb `figures adr`. */
static void tech_consequences(Arena *a, const Plan *p, Adr *r) {
  const Choice *c = r->choice;
  const Tech *t = c->tech;
  const Project *pr = &p->model->project;
  r->cons = new(a, AdrConsequence, c->nbecause + 5);
  for (int i = 0; i < c->nbecause; i++)
    con(r->cons, &r->ncons, "Good", (Str){0}, c->because[i]);
  int good = r->ncons;
  if (t->lockin >= plan_figure(p, "adr", "bad-lockin", 4))
    con(r->cons, &r->ncons, "Bad",
        str_printf(a, "it ties the system to its provider (lock-in %d of 5): leaving it means a migration", t->lockin),
        (Str){0});
  if (t->burden >= plan_figure(p, "adr", "bad-burden", 3))
    con(r->cons, &r->ncons, "Bad",
        str_printf(a, "the team operates it (burden %d of 5): upgrades, backups and on-call are ours", t->burden),
        (Str){0});
  if (pr->has_budget && pr->budget > 0 && c->cost.usd > plan_figure(p, "adr", "bad-budget-share", 0.25) * pr->budget) {
    char b[32];
    con(r->cons, &r->ncons, "Bad",
        str_printf(a, "it takes %.0f%% of the monthly budget (%s)", 100 * c->cost.usd / pr->budget, fmt_usd(b, c->cost.usd)),
        (Str){0});
  }
  if (c->revisit.found)
    con(r->cons, &r->ncons, "Bad", S("it has to be revisited: "), c->revisit.text);
  if (r->ncons == good)
    con(r->cons, &r->ncons, "Neutral", S("no other candidate overtakes it within 1000x of today's load, data or budget"),
        (Str){0});
}

/* What a style would bring: the plan's reasons when it is the chosen one,
 * then its costs from kb/reports.kb `vocab style-consequences`. Returns
 * how many costs were added. */
static int style_costs(const Plan *p, Str style, AdrConsequence *v, int *n) {
  const KbRecord *cons = kb_record(p->kb, "vocab", S("style-consequences"));
  int bad = 0;
  for (int i = 0; cons && i < cons->nitems; i++)
    if (str_eq(cons->items[i].key, style) && cons->items[i].nvals) {
      con(v, n, "Bad", (Str){0}, cons->items[i].vals[0].text);
      bad++;
    }
  return bad;
}

static int nstyle_costs(const Plan *p) {
  const KbRecord *cons = kb_record(p->kb, "vocab", S("style-consequences"));
  return cons ? cons->nitems : 0;
}

/* The style record's consequences, and each option it weighs. */
static void style_consequences(Arena *a, const Plan *p, AdrLedger *L, Adr *r) {
  int cap = p->style.nbecause + nstyle_costs(p) + 1;
  r->cons = new(a, AdrConsequence, cap);
  for (int i = 0; i < p->style.nbecause; i++)
    con(r->cons, &r->ncons, "Good", (Str){0}, p->style.because[i]);
  if (!style_costs(p, p->style.choice, r->cons, &r->ncons))
    con(r->cons, &r->ncons, "Neutral", S("the style can change later; the plan states when"), (Str){0});
  enum { N = sizeof style_names / sizeof *style_names };
  L->styles = new(a, AdrStyleOption, N);
  for (int i = 0; i < N; i++) {
    AdrStyleOption *s = &L->styles[L->nstyles++];
    s->name = str_c(style_names[i]);
    s->cons = new(a, AdrConsequence, cap);
    bool chosen = str_eq(p->style.choice, s->name);
    for (int k = 0; chosen && k < p->style.nbecause; k++)
      con(s->cons, &s->ncons, "Good", (Str){0}, p->style.because[k]);
    style_costs(p, s->name, s->cons, &s->ncons);
    if (!s->ncons)
      con(s->cons, &s->ncons, "Neutral", S("the plan's facts do not call for it"), (Str){0});
  }
}

/* Whether a pattern touches `slot`: a `when` fact "slot-SLOT" or
 * "SLOT-FAMILY". */
static bool pattern_about(const KbRecord *r, Str slot) {
  for (int i = 0; i < r->nitems; i++) {
    if (!str_eqc(r->items[i].key, "when"))
      continue;
    for (int k = 0; k < r->items[i].nvals; k++) {
      Str w = r->items[i].vals[k].text;
      if (w.n == slot.n + 5 && str_has_prefix(w, S("slot-")) && !memcmp(w.p + 5, slot.p, (size_t)slot.n))
        return true;
      if (w.n > slot.n + 1 && !memcmp(w.p, slot.p, (size_t)slot.n) && w.p[slot.n] == '-')
        return true;
    }
  }
  return false;
}

/* The patterns a record's More Information names. */
static void adr_patterns(Arena *a, const Plan *p, Adr *r, Str slot) {
  r->patterns = new(a, const KbRecord *, p->npatterns + 1);
  for (int i = 0; i < p->npatterns; i++)
    if (pattern_about(p->patterns[i], slot))
      r->patterns[r->npatterns++] = p->patterns[i];
}

void plan_adrs(Arena *a, Plan *p, const AdrIndex *prev, Str date) {
  AdrLedger *L = new(a, AdrLedger, 1);
  p->adr = L;
  L->dir = S("adr");
  int next = 1;
  for (int i = 0; prev && i < prev->n; i++)
    if (prev->v[i].number >= next)
      next = prev->v[i].number + 1;
  /* The index to write starts as the previous one; statuses change below. */
  int cap = (prev ? prev->n : 0) + p->nchoices + 1;
  L->index = new(a, AdrEntry, cap);
  for (int i = 0; prev && i < prev->n; i++) {
    L->index[L->nindex] = prev->v[i];
    L->index[L->nindex++].text = (Str){0};
  }
  L->adrs = new(a, Adr, p->nchoices + 1);
  L->rewrite = new(a, AdrEntry, cap);
  L->routine = new(a, const Choice *, p->nchoices + 1);
  L->runner = new(a, const Costed *, p->nchoices + 1);
  L->options = (int)plan_figure(p, "adr", "options", 3);
  for (int k = -1; k < p->nchoices; k++) {
    const Choice *c = k < 0 ? NULL : &p->choices[k];
    if (c && !c->tech)
      continue;
    Str slot = c ? c->need->slot : S("style");
    Str choice = c ? c->tech->id : p->style.choice;
    const Costed *runner = NULL;
    Str why = c ? plan_contested(a, p, c, &runner) : S("it shapes every other decision");
    const AdrEntry *old = accepted_for(prev, slot);
    /* A routine choice gets no record; one recorded before keeps it while
     * the choice stands, so numbers and files stay put. */
    if (!why.n && !(old && str_eq(old->choice, choice))) {
      L->runner[L->nroutine] = runner;
      L->routine[L->nroutine++] = c;
      continue;
    }
    Adr *r = &L->adrs[L->nadrs++];
    r->choice = c;
    r->contested = why.n ? why : S("it was recorded before");
    if (c)
      tech_consequences(a, p, r);
    else
      style_consequences(a, p, L, r);
    adr_patterns(a, p, r, slot);
    if (old && str_eq(old->choice, choice)) {
      r->entry = *old;
      r->entry.text = (Str){0};
      r->supersedes = superseded_by(prev, old->number);
      continue;
    }
    Str title = c ? str_printf(a, "use %.*s for %.*s", STRF(c->tech->name), STRF(slot))
                  : str_printf(a, "architecture style %.*s", STRF(choice));
    int num = next++;
    r->entry = (AdrEntry){num, slot, choice, S("accepted"), date,
                          str_printf(a, "%04d-%.*s.md", num, STRF(slug(a, title))), {0}};
    L->index[L->nindex++] = r->entry;
    if (old) {
      r->supersedes = old->number;
      Str status = str_printf(a, "superseded by %04d", num);
      for (int i = 0; i < L->nindex; i++)
        if (L->index[i].number == old->number)
          L->index[i].status = status;
      Str text = with_status(a, old->text, status);
      if (text.n) {
        L->rewrite[L->nrewrite] = *old;
        L->rewrite[L->nrewrite].status = status;
        L->rewrite[L->nrewrite++].text = text;
      }
    }
  }
  /* Accepted records of slots this plan no longer has are deprecated. */
  for (int i = 0; prev && i < prev->n; i++) {
    const AdrEntry *e = &prev->v[i];
    if (!str_eqc(e->status, "accepted"))
      continue;
    bool live = false;
    for (int k = 0; k < L->nadrs && !live; k++)
      live = str_eq(L->adrs[k].entry.slot, e->slot);
    if (live)
      continue;
    for (int k = 0; k < L->nindex; k++)
      if (L->index[k].number == e->number)
        L->index[k].status = S("deprecated");
    Str text = with_status(a, e->text, S("deprecated"));
    if (text.n) {
      L->rewrite[L->nrewrite] = *e;
      L->rewrite[L->nrewrite].status = S("deprecated");
      L->rewrite[L->nrewrite++].text = text;
    }
  }
}
