/* The plan's driver: runs the stages in order (see core.h). */
#include "adr.h"
#include "alerts.h"
#include "core.h"
#include "delivery.h"
#include "explain.h"
#include "services.h"

Plan *plan_estimate(Arena *a, const Model *m, const Kb *kb, DiagSink *sink) {
  if (!plan_pins_check(a, m, kb, sink))
    return NULL;
  Plan *p = new(a, Plan, 1);
  p->model = m;
  p->kb = kb;
  p->scale = p->ent_scale = p->budget_scale = 1;
  plan_figure_cache(a, p);
  plan_cost_memo_keep(p, plan_cost_memo_new(a, p->kb));
  plan_index_rules(a, p);
  plan_regions(a, p);
  plan_capacity(a, p);
  plan_archetypes(a, p);
  plan_needs(a, p);
  plan_choose(a, p);
  plan_archetype_slots(p);
  if (!plan_pins_finish(a, p, sink))
    return NULL;
  plan_absences(a, p);
  plan_network(a, p);
  plan_latency(a, p);
  plan_availability(a, p);
  plan_style(a, p);
  plan_budget(p);
  plan_cost_assumptions(a, p);
  return sink->errors ? NULL : p;
}

Plan *plan_build(Arena *a, const Model *m, const Kb *kb, DiagSink *sink) {
  Plan *p = plan_estimate(a, m, kb, sink);
  if (!p)
    return NULL;
  plan_api(a, p);
  plan_fields_warn(p, sink);
  plan_alerts(a, p);
  plan_services(a, p);   /* lists the contract's endpoints per service */
  return sink->errors ? NULL : p;
}

void plan_delivery_for(Arena *a, Plan *p, int devs) {
  plan_roadmap(a, p, devs);
  plan_risks(a, p);
  plan_review(a, p);
  plan_pins_review(a, p);
}
