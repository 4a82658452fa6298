/* Pins: `use SLOT TECH` and `avoid TECH...` in the project block.
 *
 * A pin is the team's decision, not the chooser's: the pinned technology
 * fills its slot even when it breaks the budget, a ceiling or a compliance
 * rule, and `plinth check` warns at the pin's line with what it breaks. An
 * avoided technology is never chosen, not even to fit the budget.
 *
 * Four entry points, in the order the plan runs them:
 *   plan_pins_check   before planning: slots and ids exist in the knowledge
 *                     base, a pin's technology is offered for its slot, and
 *                     `avoid` leaves every slot a candidate (errors at the
 *                     spec line, with "did you mean");
 *   plan_pins_apply   inside the choice of one slot (choose.c), before the
 *                     best candidate is picked: avoided candidates are out,
 *                     and a pinned slot keeps only its pin, priced at the
 *                     load, with what it breaks remembered;
 *   plan_pins_finish  after every slot is chosen: "pinned at line N" leads
 *                     the decision's reasons (the ADR prints them);
 *   plan_pins_review  with the review: one failed item per pin that breaks
 *                     a constraint, or that names a slot the plan does not
 *                     need, at the pin's span. */
#include <string.h>

#include "../util/fmt.h"
#include "core.h"
#include "delivery.h"

/* What one pin did to its slot. */
typedef struct {
  const Pin *pin;
  const Tech *tech;
  Str breach;            /* the constraint it breaks; empty: none */
  double best_usd;       /* the cheapest candidate the pin displaced; < 0: none */
} PinNote;

/* An avoided technology that met every constraint of its slot. */
typedef struct {
  const Need *need;
  const Tech *tech;
  Span span;             /* the avoid word */
} AvoidHit;

struct Pins {
  PinNote *v;
  int n;
  AvoidHit *hits;
  int nhits, hit_cap;
  const Pin *implied;    /* a library pin that chose the language */
};

static struct Pins *state(Arena *a, Plan *p) {
  if (!p->pins) {
    p->pins = new(a, struct Pins, 1);
    int n = p->model->project.src.npins;
    p->pins->v = new(a, PinNote, n > 0 ? n : 1);
  }
  return p->pins;
}

/* The 1-based line of an offset (the file's line map is built lazily and
 * the model holds the file read-only, so count). */
static int line_of(const Model *m, Span s) {
  int line = 1;
  for (ptrdiff_t i = 0; i < s.off && i < m->file->text.n; i++)
    line += m->file->text.p[i] == '\n';
  return line;
}

/* The events store's slot: no technology is its own, it takes the stores
 * of the database slot (choose.c, slot_matches). */
static bool events_slot(Str slot) { return str_eqc(slot, "events"); }

static bool slot_known(const Kb *kb, Str slot) {
  if (events_slot(slot))
    return true;
  for (int i = 0; i < kb->nslots; i++)
    if (str_eq(kb->slots[i].slot, slot))
      return true;
  return false;
}

/* A technology of `slot`: its own, a queue for a stream, a database for
 * the events store. */
static bool offered(const Tech *t, Str slot) {
  return str_eq(t->slot, slot) || (str_eqc(slot, "stream") && str_eqc(t->slot, "queue")) ||
         (events_slot(slot) && str_eqc(t->slot, "database"));
}

/* The technology a mistyped id most likely means: the one it names by a
 * unique part of its id or name (dynamodb -> aws-dynamodb), else the
 * closest id within edit distance 2. */
static const Tech *closest_tech(const Kb *kb, Str w) {
  const Tech *hit[2];
  if (kb_match(kb, w, (Str){0}, hit, 2) == 1)
    return hit[0];
  const Tech *best = NULL;
  int bd = 3;
  for (int i = 0; i < kb->ntechs; i++) {
    int d = str_distance(w, kb->techs[i].id, 2);
    if (d < bd)
      bd = d, best = &kb->techs[i];
  }
  return best;
}

static Str closest_slot(const Kb *kb, Str w) {
  Str best = {0};
  int bd = 3;
  for (int i = 0; i < kb->nslots; i++) {
    int d = str_distance(w, kb->slots[i].slot, 2);
    if (d < bd)
      bd = d, best = kb->slots[i].slot;
  }
  if (str_distance(w, S("events"), 2) < bd)
    best = S("events");
  return best;
}

/* "a, b, c" of the technologies of a slot, for messages. */
static Str slot_list(Arena *a, const Kb *kb, Str slot) {
  Buf o = {0};
  for (int i = 0; i < kb->ntechs; i++)
    if (offered(&kb->techs[i], slot))
      buf_printf(&o, "%s%.*s", o.n ? ", " : "", STRF(kb->techs[i].id));
  Str s = str_printf(a, "%.*s", (int)o.n, o.n ? o.p : "");
  buf_free(&o);
  return s;
}

static const Tech *avoided(const Project *pr, const Kb *kb, const Tech *t, Span *where) {
  for (int i = 0; i < pr->src.navoid; i++)
    if (str_eq(pr->src.avoid[i].word, t->id)) {
      if (where)
        *where = pr->src.avoid[i].span;
      return kb_tech(kb, t->id);
    }
  return NULL;
}

bool plan_pins_check(Arena *a, const Model *m, const Kb *kb, DiagSink *sink) {
  const AstProject *ap = &m->project.src;
  const SourceFile *f = m->file;
  int before = sink->errors;
  for (int i = 0; i < ap->npins; i++) {
    const Pin *pn = &ap->pins[i];
    if (!slot_known(kb, pn->slot.word)) {
      Str s = closest_slot(kb, pn->slot.word);
      if (s.n)
        diag_at(sink, f, SEV_ERROR, pn->slot.span.off, pn->slot.span.len, "unknown slot '%.*s'; did you mean '%.*s'?",
                STRF(pn->slot.word), STRF(s));
      else
        diag_at(sink, f, SEV_ERROR, pn->slot.span.off, pn->slot.span.len,
                "unknown slot '%.*s'; slots are compute, database, cache, queue, stream, search and the others "
                "'plinth kb list' shows",
                STRF(pn->slot.word));
      continue;
    }
    const Tech *t = kb_tech(kb, pn->tech.word);
    if (!t) {
      const Tech *c = closest_tech(kb, pn->tech.word);
      if (c)
        diag_at(sink, f, SEV_ERROR, pn->tech.span.off, pn->tech.span.len,
                "unknown technology '%.*s'; did you mean '%.*s'?", STRF(pn->tech.word), STRF(c->id));
      else
        diag_at(sink, f, SEV_ERROR, pn->tech.span.off, pn->tech.span.len,
                "unknown technology '%.*s'; for the %.*s slot: %.*s", STRF(pn->tech.word), STRF(pn->slot.word),
                STRF(slot_list(a, kb, pn->slot.word)));
      continue;
    }
    if (!offered(t, pn->slot.word)) {
      diag_at(sink, f, SEV_ERROR, pn->tech.span.off, pn->tech.span.len,
              "%.*s is offered for the %.*s slot, not %.*s; for %.*s: %.*s", STRF(t->id), STRF(t->slot),
              STRF(pn->slot.word), STRF(pn->slot.word), STRF(slot_list(a, kb, pn->slot.word)));
      continue;
    }
    Span av;
    if (avoided(&m->project, kb, t, &av)) {
      int line = line_of(m, av);
      diag_at(sink, f, SEV_ERROR, pn->tech.span.off, pn->tech.span.len, "%.*s is pinned here and avoided at line %d",
              STRF(t->id), line);
    }
  }
  for (int i = 0; i < ap->navoid; i++) {
    const Word *w = &ap->avoid[i];
    if (kb_tech(kb, w->word))
      continue;
    const Tech *c = closest_tech(kb, w->word);
    if (c)
      diag_at(sink, f, SEV_ERROR, w->span.off, w->span.len, "unknown technology '%.*s'; did you mean '%.*s'?",
              STRF(w->word), STRF(c->id));
    else
      diag_at(sink, f, SEV_ERROR, w->span.off, w->span.len,
              "unknown technology '%.*s'; 'plinth kb list' shows every technology id", STRF(w->word));
  }
  /* A slot whose every technology is avoided cannot be filled. */
  for (int s = 0; s < kb->nslots && ap->navoid; s++) {
    Str slot = kb->slots[s].slot;
    int n = 0, out = 0;
    Span last = {0};
    for (int i = 0; i < kb->ntechs; i++) {
      if (!offered(&kb->techs[i], slot))
        continue;
      n++;
      Span sp;
      if (avoided(&m->project, kb, &kb->techs[i], &sp)) {
        out++;
        if (sp.off >= last.off)
          last = sp;
      }
    }
    if (n && out == n)
      diag_at(sink, f, SEV_ERROR, last.off, last.len,
              "'avoid' rules out every technology for the %.*s slot (%.*s); keep at least one", STRF(slot),
              STRF(slot_list(a, kb, slot)));
  }
  return sink->errors == before;
}

static const Pin *pin_for(const Project *pr, Str slot) {
  for (int i = 0; i < pr->src.npins; i++)
    if (str_eq(pr->src.pins[i].slot.word, slot))
      return &pr->src.pins[i];
  return NULL;
}

static PinNote *note_for(Arena *a, Plan *p, const Pin *pn) {
  state(a, p);
  for (int i = 0; i < p->pins->n; i++)
    if (p->pins->v[i].pin == pn)
      return &p->pins->v[i];
  PinNote *nt = &p->pins->v[p->pins->n++];
  *nt = (PinNote){.pin = pn, .best_usd = -1};
  return nt;
}

/* Whether two technologies share a skill word (a library and the language
 * it is written for: choose.c's test for the code stack). */
static bool share_skill(const Tech *x, const Tech *y) {
  for (int i = 0; i < x->nskills; i++)
    for (int k = 0; k < y->nskills; k++)
      if (str_eq(x->skills[i], y->skills[k]))
        return true;
  return false;
}

/* A library pinned without its language implies it: the languages it is not
 * written for are out, when one it is written for qualifies. */
static void implied_language(Arena *a, Plan *p, Choice *ch) {
  static const char *const code[] = {"framework", "orm", "authlib", "validation", "testing", "lint", "logging", 0};
  const Project *pr = &p->model->project;
  for (int i = 0; i < pr->src.npins; i++) {
    const Pin *pn = &pr->src.pins[i];
    bool lib = false;
    for (int k = 0; code[k]; k++)
      lib |= str_eqc(pn->slot.word, code[k]);
    const Tech *t = lib ? kb_tech(p->kb, pn->tech.word) : NULL;
    if (!t)
      continue;
    bool some = false;
    for (int c = 0; c < ch->ncandidates; c++)
      some |= ch->candidates[c].viable && share_skill(ch->candidates[c].tech, t);
    if (!some)
      continue; /* no language it is written for qualifies: the pin's warning says so */
    if (!p->quiet)
      state(a, p)->implied = pn;
    for (int c = 0; c < ch->ncandidates; c++) {
      Costed *cd = &ch->candidates[c];
      if (cd->viable && !share_skill(cd->tech, t)) {
        cd->viable = false;
        cd->unfamiliar = false;
        cd->why_not = p->quiet ? S("pin") : str_printf(a, "the spec pins %.*s at line %d, which is not written for it",
                                                          STRF(t->name), line_of(p->model, pn->span));
      }
    }
  }
}

void plan_pins_apply(Arena *a, Plan *p, Choice *ch) {
  const Project *pr = &p->model->project;
  if (!pr->src.npins && !pr->src.navoid)
    return;
  const Model *m = p->model;
  if (str_eqc(ch->need->slot, "language") && !pin_for(pr, ch->need->slot))
    implied_language(a, p, ch);
  for (int c = 0; c < ch->ncandidates; c++) {
    Costed *cd = &ch->candidates[c];
    Span sp;
    if (avoided(pr, p->kb, cd->tech, &sp)) {
      bool seen = false;
      for (int k = 0; p->pins && k < p->pins->nhits; k++)
        seen |= p->pins->hits[k].need == ch->need && p->pins->hits[k].tech == cd->tech;
      if (cd->viable && !p->quiet && !seen) {
        struct Pins *ps = state(a, p);
        if (ps->nhits == ps->hit_cap) {
          int nc = ps->hit_cap ? ps->hit_cap * 2 : 8;
          AvoidHit *nv = new(a, AvoidHit, nc);
          if (ps->nhits)
            memcpy(nv, ps->hits, sizeof(AvoidHit) * (size_t)ps->nhits);
          ps->hits = nv, ps->hit_cap = nc;
        }
        ps->hits[ps->nhits++] = (AvoidHit){ch->need, cd->tech, sp};
      }
      cd->viable = false;
      cd->unfamiliar = false;
      cd->why_not = p->quiet ? S("avoid") : str_printf(a, "avoided at line %d", line_of(m, sp));
    }
  }
  const Pin *pn = pin_for(pr, ch->need->slot);
  if (!pn)
    return;
  Costed *pinned = NULL;
  for (int c = 0; c < ch->ncandidates; c++)
    if (str_eq(ch->candidates[c].tech->id, pn->tech.word))
      pinned = &ch->candidates[c];
  if (!pinned)
    return;
  /* Remember what the pin breaks, and what it displaces. */
  Str breach = pinned->viable ? (Str){0} : pinned->unfamiliar ? (Str){0} : pinned->why_not;
  Costed priced = plan_price(a, p, ch->need, pinned->tech);
  if (!breach.n && !priced.viable)
    breach = priced.why_not;
  double best = -1;
  int line = line_of(m, pn->span);
  for (int c = 0; c < ch->ncandidates; c++) {
    Costed *cd = &ch->candidates[c];
    /* A candidate set aside only as new to the team is displaced too:
     * the budget pass may call on it, and the pin outranks the budget. */
    if (cd == pinned || (!cd->viable && !cd->unfamiliar))
      continue;
    if (cd->viable && (best < 0 || cd->usd < best))
      best = cd->usd;
    cd->viable = false;
    cd->unfamiliar = false;
    cd->why_not = p->quiet ? S("pin") : str_printf(a, "the spec pins %.*s at line %d", STRF(pinned->tech->name), line);
  }
  *pinned = priced;
  pinned->viable = true;
  pinned->unfamiliar = false;
  pinned->why_not = (Str){0};
  if (p->quiet)
    return;
  PinNote *nt = note_for(a, p, pn);
  nt->tech = pinned->tech;
  nt->breach = breach;
  nt->best_usd = best;
}

bool plan_pins_finish(Arena *a, Plan *p, DiagSink *sink) {
  if (!p->pins || p->quiet)
    return true;
  /* A slot left empty where an avoided technology would have qualified:
   * the avoid line is why, and the plan cannot stand. */
  int before = sink->errors;
  for (int c = 0; c < p->nchoices; c++) {
    const Choice *ch = &p->choices[c];
    if (ch->tech)
      continue;
    const AvoidHit *last = NULL;
    Buf names = {0};
    for (int k = 0; k < p->pins->nhits; k++)
      if (p->pins->hits[k].need == ch->need) {
        buf_printf(&names, "%s%.*s", names.n ? ", " : "", STRF(p->pins->hits[k].tech->id));
        if (!last || p->pins->hits[k].span.off > last->span.off)
          last = &p->pins->hits[k];
      }
    if (last)
      diag_at(sink, p->model->file, SEV_ERROR, last->span.off, last->span.len,
              "'avoid' leaves the %.*s slot with no candidate: every technology that qualifies for this spec is "
              "avoided (%.*s)",
              STRF(ch->need->slot), (int)names.n, names.p);
    buf_free(&names);
  }
  for (int i = 0; i < p->pins->n; i++) {
    const PinNote *nt = &p->pins->v[i];
    for (int c = 0; c < p->nchoices; c++) {
      Choice *ch = &p->choices[c];
      if (!str_eq(ch->need->slot, nt->pin->slot.word) || ch->tech != nt->tech)
        continue;
      Str *b = new(a, Str, ch->nbecause + 1);
      b[0] = str_printf(a, "pinned at line %d: `use %.*s %.*s`", line_of(p->model, nt->pin->span),
                        STRF(nt->pin->slot.word), STRF(nt->pin->tech.word));
      for (int k = 0; k < ch->nbecause; k++)
        b[k + 1] = ch->because[k];
      /* The chooser's "only candidate that meets every constraint" is not
       * why a pinned technology is there. */
      int n = 1;
      for (int k = 1; k <= ch->nbecause; k++)
        if (!str_eqc(b[k], "the only candidate that meets every constraint"))
          b[n++] = b[k];
      ch->because = b;
      ch->nbecause = n;
    }
  }
  /* The language a library pin implied says so first. */
  const Choice *lang = NULL;
  for (int c = 0; c < p->nchoices; c++)
    if (str_eqc(p->choices[c].need->slot, "language"))
      lang = &p->choices[c];
  if (p->pins->implied && lang && lang->tech) {
    Choice *ch = &p->choices[lang - p->choices];
    const Pin *pn = p->pins->implied;
    Str *b = new(a, Str, ch->nbecause + 1);
    const Tech *lib = kb_tech(p->kb, pn->tech.word);
    b[0] = str_printf(a, "the spec pins %.*s at line %d, which is written for %.*s",
                      STRF(lib ? lib->name : pn->tech.word), line_of(p->model, pn->span), STRF(ch->tech->name));
    for (int k = 0; k < ch->nbecause; k++)
      b[k + 1] = ch->because[k];
    ch->because = b;
    ch->nbecause++;
  }
  return sink->errors == before;
}

/* Appends one failed review item at a pin's line. */
static void finding(Arena *a, Plan *p, const Pin *pn, Str id, Str item, Str reason) {
  ReviewItem *v = new(a, ReviewItem, p->nreview + 1);
  if (p->nreview)
    memcpy(v, p->review, sizeof(ReviewItem) * (size_t)p->nreview);
  v[p->nreview++] = (ReviewItem){.id = id, .template_name = S("pins"), .item = item, .status = REVIEW_FAIL,
                                 .reason = reason, .severity = SEV_WARNING, .span = pn->span};
  p->review = v;
}

void plan_pins_review(Arena *a, Plan *p) {
  const Project *pr = &p->model->project;
  char b1[32], b2[32];
  for (int i = 0; i < pr->src.npins; i++) {
    const Pin *pn = &pr->src.pins[i];
    bool needed = false;
    for (int k = 0; k < p->nneeds; k++)
      needed |= str_eq(p->needs[k].slot, pn->slot.word);
    if (!needed) {
      finding(a, p, pn, str_printf(a, "pin-unneeded-%.*s", STRF(pn->slot.word)), S("every pin names a slot the plan fills"),
              str_printf(a, "the spec pins %.*s, but this plan has no %.*s slot: nothing in the spec calls for one",
                         STRF(pn->tech.word), STRF(pn->slot.word)));
      continue;
    }
    const PinNote *nt = NULL;
    for (int k = 0; p->pins && k < p->pins->n; k++)
      if (p->pins->v[k].pin == pn)
        nt = &p->pins->v[k];
    if (!nt) {
      /* The slot was filled without a choice among candidates (a platform
       * that routes its own requests fills the gateway): say so. */
      const Choice *ch = NULL;
      for (int k = 0; k < p->nchoices; k++)
        if (str_eq(p->choices[k].need->slot, pn->slot.word))
          ch = &p->choices[k];
      if (ch && ch->tech && !str_eq(ch->tech->id, pn->tech.word))
        finding(a, p, pn, str_printf(a, "pin-unapplied-%.*s", STRF(pn->slot.word)),
                S("every pin fills its slot"),
                str_printf(a, "the spec pins %.*s, but %.*s fills the %.*s slot: %.*s", STRF(pn->tech.word),
                           STRF(ch->tech->name), STRF(pn->slot.word),
                           STRF(ch->nbecause ? ch->because[0] : S("no candidate was weighed"))));
      continue;
    }
    if (nt->breach.n)
      finding(a, p, pn, str_printf(a, "pin-constraint-%.*s", STRF(pn->slot.word)), S("every pinned technology meets the plan's constraints"),
              str_printf(a, "the pinned %.*s breaks a constraint the chooser enforces: %.*s", STRF(nt->tech->name),
                         STRF(nt->breach)));
    double usd = 0;
    for (int k = 0; k < p->nchoices; k++)
      if (p->choices[k].tech == nt->tech && str_eq(p->choices[k].need->slot, pn->slot.word))
        usd = p->choices[k].cost.usd;
    if (p->over_budget && nt->best_usd >= 0 && usd > nt->best_usd + 1e-9)
      finding(a, p, pn, str_printf(a, "pin-budget-%.*s", STRF(pn->slot.word)), S("every pinned technology fits the budget"),
              str_printf(a, "the pinned %.*s costs %s a month where the best alternative costs %s, and the stack is over "
                            "the budget",
                         STRF(nt->tech->name), fmt_usd(b1, usd), fmt_usd(b2, nt->best_usd)));
  }
}
