/* Choice: one technology per needed slot.
 *
 * Hard constraints first: the slot, an acceptable family, every required
 * capability, the project's cloud (or a technology that runs anywhere), and
 * viability at the design load (cost.c). Then a weighted score, lower is
 * better, over what remains:
 *
 *   cost     monthly cost / the dearest candidate's cost        weight 3
 *   burden   operational burden (1-5) / 5       weight 2; 4 for juniors, 1 for seniors
 *   skills   0 when the team lists one of its skills, else 1   weight 2; 4 with `prefer existing`
 *   lock-in  lock-in (1-5) / 5                                 weight 1
 *   hosting  position of its hosting in `prefer` / list size   weight 1
 *   vendor   1 for a managed service outside the chosen cloud  weight 1
 *            (another account, another bill, egress between providers)
 *
 * A `priorities` list puts weight on its first entry: cost doubles the cost
 * weight, simplicity the burden weight. The cloud is chosen once for the
 * whole stack (the spec's `cloud`, else the one in the team's skills, else
 * AWS) so the choices fit together. */
#include <math.h>
#include <string.h>

#include "plan.h"

static bool has_word(const Word *w, int n, const char *z) {
  for (int i = 0; i < n; i++)
    if (str_eqc(w[i].word, z))
      return true;
  return false;
}

static bool has_str(const Str *s, int n, Str z) {
  for (int i = 0; i < n; i++)
    if (str_eq(s[i], z))
      return true;
  return false;
}

static Str primary_cloud(const Project *pr) {
  static const char *const clouds[] = {"aws", "gcp", "azure"};
  for (int i = 0; i < pr->nclouds; i++)
    if (!str_eqc(pr->clouds[i].word, "any"))
      return pr->clouds[i].word;
  for (int k = 0; k < 3; k++)
    if (has_word(pr->skills, pr->nskills, clouds[k]))
      return str_c(clouds[k]);
  return S("aws");
}

static bool qualifies(const Need *n, const Tech *t, Str cloud) {
  if (!str_eq(t->slot, n->slot) && !(str_eqc(n->slot, "stream") && str_eqc(t->slot, "queue")))
    return false;
  if (n->nfamilies && !has_str(n->families, n->nfamilies, t->family))
    return false;
  for (int i = 0; i < n->ncaps; i++) {
    bool ok = false;
    for (int k = 0; k < t->ncaps; k++)
      ok |= str_eq(t->caps[k], n->caps[i]);
    if (!ok)
      return false;
  }
  return has_str(t->clouds, t->nclouds, cloud) || has_str(t->clouds, t->nclouds, S("any"));
}

static double skill_match(const Project *pr, const Tech *t) {
  for (int i = 0; i < t->nskills; i++)
    for (int k = 0; k < pr->nskills; k++)
      if (str_ieq(t->skills[i], pr->skills[k].word))
        return 0;
  return 1;
}

static double hosting_rank(const Project *pr, const Tech *t) {
  if (!pr->nprefer)
    return str_eqc(t->hosting, "self-hosted") ? 1 : 0;
  for (int i = 0; i < pr->nprefer; i++) {
    Str w = pr->prefer[i].word;
    bool hit = str_eq(w, t->hosting) || (str_eqc(w, "managed") && (str_eqc(t->hosting, "serverless") ||
                                                                    str_eqc(t->hosting, "saas")));
    if (hit)
      return (double)i / pr->nprefer;
  }
  return 1;
}

void plan_choose(Arena *a, Plan *p) {
  const Project *pr = &p->model->project;
  Str cloud = primary_cloud(pr);
  double w_cost = 3, w_burden = 2, w_skill = 2, w_lock = 1, w_host = 1;
  if (pr->level == LVL_JUNIOR)
    w_burden = 4;
  else if (pr->level == LVL_SENIOR)
    w_burden = 1;
  if (has_word(pr->prefer, pr->nprefer, "existing"))
    w_skill = 4;
  if (pr->npriorities) {
    Str top = pr->priorities[0].word;
    if (str_eqc(top, "cost"))
      w_cost *= 2;
    else if (str_eqc(top, "simplicity") || str_eqc(top, "speed") || str_eqc(top, "time-to-market"))
      w_burden *= 2;
  }
  if (pr->has_budget && pr->budget < 200)
    w_cost *= 2;

  p->choices = new(a, Choice, p->nneeds);
  p->nchoices = p->nneeds;
  p->monthly_usd = 0;
  for (int i = 0; i < p->nneeds; i++) {
    const Need *n = &p->needs[i];
    Choice *ch = &p->choices[i];
    ch->need = n;
    int k = 0;
    for (int t = 0; t < p->kb->ntechs; t++)
      k += qualifies(n, &p->kb->techs[t], cloud);
    ch->candidates = new(a, Costed, k);
    double dearest = 0;
    for (int t = 0; t < p->kb->ntechs; t++) {
      const Tech *tech = &p->kb->techs[t];
      if (!qualifies(n, tech, cloud))
        continue;
      Costed c = plan_price(a, p, n, tech);
      ch->candidates[ch->ncandidates++] = c;
      if (c.viable && c.usd > dearest)
        dearest = c.usd;
    }
    double best = INFINITY;
    for (int c = 0; c < ch->ncandidates; c++) {
      const Costed *cd = &ch->candidates[c];
      if (!cd->viable)
        continue;
      const Tech *t = cd->tech;
      bool other_vendor = !has_str(t->clouds, t->nclouds, cloud) && !str_eqc(t->hosting, "self-hosted") &&
                          !str_eqc(t->hosting, "library") && !str_eqc(t->hosting, "tool");
      double score = w_cost * (dearest > 0 ? cd->usd / dearest : 0) + w_burden * t->burden / 5.0 +
                     w_skill * skill_match(pr, t) + w_lock * t->lockin / 5.0 + w_host * hosting_rank(pr, t) +
                     (other_vendor ? 1 : 0);
      if (score < best - 1e-9) {
        best = score;
        ch->tech = t;
        ch->cost = *cd;
      }
    }
    p->monthly_usd += ch->cost.usd;
  }
}
