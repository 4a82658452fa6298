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
  Str signal;            /* errors, latency, cpu, db-connections, queue-depth, replication-lag */
  Str tech;              /* the technology whose metric it reads (cpu, database, queue), else empty */
  /* In the chosen observability's own form (plan_alert_queries), when that
   * is neither Prometheus nor CloudWatch: */
  Str query;             /* Datadog: the monitor query with its comparison; New Relic: the NRQL */
  double pthreshold;     /* the threshold in the provider metric's unit */
  double pwindow;        /* seconds each evaluation covers */
  double pfor;           /* seconds the condition holds before it fires */
  bool pcustom;          /* no provider metric: the application (or exporter) publishes it */
} PromRule;

void plan_alerts(Arena *a, Plan *p);
/* The rules in the observability's own query language, for `form`
 * ("datadog", "newrelic"): kb/reports.kb vocab FORM-SIGNAL, keyed by the
 * technology id or family (the API's signals by "api"); a signal without
 * an entry reads a metric named after the rule that the application
 * publishes (FORM-custom). After plan_alerts. */
void plan_alert_queries(Arena *a, Plan *p, Str form);

#endif
