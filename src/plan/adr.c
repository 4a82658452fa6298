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
#include <stdio.h>
#include <string.h>

#include "plan.h"

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
  for (int k = -1; k < p->nchoices; k++) {
    const Choice *c = k < 0 ? NULL : &p->choices[k];
    if (c && !c->tech)
      continue;
    Str slot = c ? c->need->slot : S("style");
    Str choice = c ? c->tech->id : p->style.choice;
    Adr *r = &L->adrs[L->nadrs++];
    r->choice = c;
    const AdrEntry *old = accepted_for(prev, slot);
    if (old && str_eq(old->choice, choice)) {
      r->entry = *old;
      r->entry.text = (Str){0};
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
