/* Alerting rules (alerts.c). */
#ifndef PLINTH_PLAN_ALERTS_H
#define PLINTH_PLAN_ALERTS_H

#include "core.h"

/* Prometheus rules for the thresholds the plan sets: error-budget burn from
 * the availability target, p95 from the latency target, saturation, queue
 * depth and replication lag where the stack has them. Thresholds come from
 * the spec and kb/reports.kb (`figures alerts`). */
typedef struct PromRule {
  Str name;              /* "ApiErrorBudgetBurnFast" */
  Str what;              /* what it measures, for people: "5xx responses / all requests" */
  Str condition;         /* "> 0.144% over 1h and 5m, for 2m" */
  Str expr;              /* PromQL */
  Str for_;              /* "2m" */
  Str severity;          /* "critical" or "warning" */
  Str summary;
  Str description;       /* the threshold and where it comes from */
  Str runbook;           /* what to do first */
  double window_long, window_short;   /* seconds; burn-rate rules only, else 0 */
  double threshold;
  Str unit;
} PromRule;

void plan_alerts(Arena *a, Plan *p);

#endif
