/* The budget verdict, decided once: every document, risk and review item
 * that says "within" or "over" the budget reads it (see core.h). */
#include "core.h"
#include "explain.h"

void plan_budget(Plan *p) {
  const Project *pr = &p->model->project;
  if (!pr->has_budget)
    return;
  p->budget_left = pr->budget - p->monthly_usd;
  p->over_budget = p->monthly_usd > pr->budget + 1e-9;
}

bool plan_budget_tight(const Plan *p) {
  const Project *pr = &p->model->project;
  double scale = p->budget_scale > 0 ? p->budget_scale : 1;
  return pr->has_budget && pr->budget * scale < plan_figure(p, "budget", "tight-below", 200);
}
