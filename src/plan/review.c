/* Review: the classic templates' checklists (kb `check` records) evaluated
 * against the plan.
 *
 * An item does not apply unless all its `applies` facts hold; it passes
 * when all its `passes` facts hold and fails otherwise, with its `fail`
 * text filled in. `plinth check` reports the failures at the spec text
 * the item's `at` names, with the item's severity. */
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "delivery.h"

/* "does not apply: ..." from the vocabulary's description of the first
 * `applies` fact that does not hold. */
static Str not_applicable(Arena *a, const Plan *p, const KbRecord *r) {
  const KbRecord *voc = kb_record(p->kb, "vocab", S("facts"));
  for (int i = 0; i < r->nitems; i++) {
    if (!str_eqc(r->items[i].key, "applies"))
      continue;
    for (int k = 0; k < r->items[i].nvals; k++) {
      Str f = r->items[i].vals[k].text;
      if (plan_has_fact(p, f))
        continue;
      for (int v = 0; voc && v < voc->nitems; v++)
        if (str_eq(voc->items[v].key, f) && voc->items[v].nvals)
          return str_printf(a, "applies only when %.*s", STRF(voc->items[v].vals[0].text));
      return str_printf(a, "applies only when %.*s holds", STRF(f));
    }
  }
  return S("does not apply");
}

void plan_review(Arena *a, Plan *p) {
  const Kb *kb = p->kb;
  int n = 0;
  for (int i = 0; i < kb->nrecs; i++)
    n += kb->recs[i].kindid == KIND_CHECK;
  p->review = new(a, ReviewItem, n);
  p->nreview = 0;
  for (int i = 0; i < kb->nrecs; i++) {
    const KbRecord *r = &kb->recs[i];
    if (r->kindid != KIND_CHECK)
      continue;
    ReviewItem *it = &p->review[p->nreview++];
    it->rule = r;
    it->id = r->id;
    it->template_name = rec_text(r, "template");
    it->item = rec_text(r, "item");
    it->severity = str_eqc(rec_text(r, "severity"), "error") ? SEV_ERROR : SEV_WARNING;
    it->span = plan_span(p, rec_text(r, "at"));
    if (!plan_rule_holds(p, r, "applies", NULL)) {
      it->status = REVIEW_NA;
      it->reason = not_applicable(a, p, r);
    } else if (plan_rule_holds(p, r, "passes", "unless")) {
      it->status = REVIEW_PASS;
      it->reason = plan_fill(a, p, rec_text(r, "pass"));
    } else {
      it->status = REVIEW_FAIL;
      it->reason = plan_fill(a, p, rec_text(r, "fail"));
    }
  }
}
