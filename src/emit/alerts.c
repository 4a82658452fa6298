/* The plan's alerting rules in the chosen observability's own form, in the
 * file the plan names (Kit.alerts_file):
 *   prometheus  alerts.yaml, a Prometheus rule file (promtool check rules);
 *   cloudwatch  alerts.yaml, a CloudFormation template of alarms (kit.c);
 *   datadog     alerts.datadog.json, one Monitors API body per rule;
 *   newrelic    alerts.newrelic.json, one NerdGraph static NRQL condition
 *               input per rule.
 * Thresholds, windows and queries are the plan's (plan/alerts.c). */
#include <math.h>
#include <stdio.h>

#include "../util/esc.h"
#include "../util/json.h"
#include "emit.h"

static void kv(Buf *o, const char *indent, const char *key, Str v) {
  buf_printf(o, "%s%s: ", indent, key);
  esc_yaml(o, v);
  buf_putc(o, '\n');
}

static Str runbook_url(const Plan *p, int i) {
  return p->kit && i < p->kit->nrunbooks ? p->kit->runbooks[i].file : (Str){0};
}

static void prometheus(const Plan *p, Buf *o) {
  buf_puts(o, "# Prometheus alerting rules for ");
  esc_comment(o, p->model->project.name);
  buf_puts(o, ", written by plinth plan from the spec's targets and kb/reports.kb.\n");
  if (p->kit && p->kit->alert_note.n) {
    buf_puts(o, "# ");
    esc_comment(o, p->kit->alert_note);
    buf_putc(o, '\n');
  }
  buf_puts(o, "# Check with: promtool check rules alerts.yaml\n"
              "groups:\n  - name: ");
  esc_yaml(o, p->model->project.name);
  buf_puts(o, "\n    rules:\n");
  for (int i = 0; i < p->nalerts; i++) {
    const PromRule *r = &p->alerts[i];
    buf_printf(o, "      - alert: %.*s\n", STRF(r->name));
    kv(o, "        ", "expr", r->expr);
    buf_printf(o, "        for: %.*s\n        labels:\n          severity: %.*s\n        annotations:\n", STRF(r->for_),
               STRF(r->severity));
    kv(o, "          ", "summary", r->summary);
    kv(o, "          ", "description", r->description);
    kv(o, "          ", "runbook", r->runbook);
    if (runbook_url(p, i).n)
      kv(o, "          ", "runbook_url", runbook_url(p, i));
  }
}

/* What a provider's notification says: the summary, the threshold's
 * reason, what to do first and the runbook. */
static Str message(const Plan *p, const PromRule *r, int i, Buf *tmp) {
  tmp->n = 0;
  buf_printf(tmp, "%.*s. %.*s %.*s", STRF(r->summary), STRF(r->description), STRF(r->runbook));
  if (r->pcustom)
    buf_printf(tmp, " The application publishes this metric (%.*s has no built-in one).", STRF(p->kit->alert_form));
  if (runbook_url(p, i).n)
    buf_printf(tmp, " Runbook: %.*s", STRF(runbook_url(p, i)));
  return (Str){tmp->p, tmp->n};
}

static void tag(Json *j, Buf *tmp, const char *key, Str v) {
  tmp->n = 0;
  buf_printf(tmp, "%s:%.*s", key, STRF(v));
  json_str(j, (Str){tmp->p, tmp->n});
}

/* Datadog: the bodies of POST /api/v1/monitor, one per rule. */
static void datadog(const Plan *p, Buf *o) {
  Json j = {.out = o};
  Buf tmp = {0};
  Str job = p->kit->project_id;
  json_arr(&j);
  for (int i = 0; i < p->nalerts; i++) {
    const PromRule *r = &p->alerts[i];
    if (!r->query.n)
      continue;
    bool crit = str_eqc(r->severity, "critical");
    json_obj(&j);
    json_key(&j, "name");
    json_str(&j, r->name);
    json_key(&j, "type");
    json_cstr(&j, "query alert");
    json_key(&j, "query");
    json_str(&j, r->query);
    json_key(&j, "message");
    json_str(&j, message(p, r, i, &tmp));
    json_key(&j, "tags");
    json_arr(&j);
    tag(&j, &tmp, "service", job);
    tag(&j, &tmp, "severity", r->severity);
    tag(&j, &tmp, "signal", r->signal);
    json_end_arr(&j);
    json_key(&j, "priority");
    json_num(&j, crit ? 1 : 3);
    json_key(&j, "options");
    json_obj(&j);
    json_key(&j, "thresholds");
    json_obj(&j);
    json_key(&j, "critical");
    json_num(&j, r->pthreshold);
    json_end_obj(&j);
    json_key(&j, "notify_no_data");
    json_bool(&j, false);
    json_key(&j, "require_full_window");
    json_bool(&j, false);
    json_key(&j, "include_tags");
    json_bool(&j, true);
    json_end_obj(&j);
    json_end_obj(&j);
  }
  json_end_arr(&j);
  buf_putc(o, '\n');
  buf_free(&tmp);
}

/* New Relic: NerdGraph's NrqlConditionStaticInput, one per rule; each
 * evaluation window is the rule's, and the threshold must hold for the
 * rule's "for" (at least one window). */
static void newrelic(const Plan *p, Buf *o) {
  Json j = {.out = o};
  Buf tmp = {0};
  json_arr(&j);
  for (int i = 0; i < p->nalerts; i++) {
    const PromRule *r = &p->alerts[i];
    if (!r->query.n)
      continue;
    double window = r->window_long > 0 ? r->pwindow : 60;
    double hold = r->pfor > window ? window * ceil(r->pfor / window) : window;
    json_obj(&j);
    json_key(&j, "name");
    json_str(&j, r->name);
    json_key(&j, "enabled");
    json_bool(&j, true);
    json_key(&j, "description");
    json_str(&j, message(p, r, i, &tmp));
    if (runbook_url(p, i).n) {
      json_key(&j, "runbookUrl");
      json_str(&j, runbook_url(p, i));
    }
    json_key(&j, "nrql");
    json_obj(&j);
    json_key(&j, "query");
    json_str(&j, r->query);
    json_end_obj(&j);
    json_key(&j, "signal");
    json_obj(&j);
    json_key(&j, "aggregationWindow");
    json_num(&j, window);
    json_key(&j, "aggregationMethod");
    json_cstr(&j, "EVENT_FLOW");
    json_key(&j, "aggregationDelay");
    json_num(&j, 120);
    json_end_obj(&j);
    json_key(&j, "terms");
    json_arr(&j);
    json_obj(&j);
    json_key(&j, "priority");
    json_cstr(&j, str_eqc(r->severity, "critical") ? "CRITICAL" : "WARNING");
    json_key(&j, "operator");
    json_cstr(&j, "ABOVE");
    json_key(&j, "threshold");
    json_num(&j, r->pthreshold);
    json_key(&j, "thresholdDuration");
    json_num(&j, hold);
    json_key(&j, "thresholdOccurrences");
    json_cstr(&j, "ALL");
    json_end_obj(&j);
    json_end_arr(&j);
    json_key(&j, "violationTimeLimitSeconds");
    json_num(&j, 86400);
    json_end_obj(&j);
  }
  json_end_arr(&j);
  buf_putc(o, '\n');
  buf_free(&tmp);
}

void emit_alerts_yaml(const Plan *p, Buf *o) {
  Str form = p->kit ? p->kit->alert_form : S("prometheus");
  if (str_eqc(form, "cloudwatch"))
    emit_cloudwatch_alarms(p, o);
  else if (str_eqc(form, "datadog"))
    datadog(p, o);
  else if (str_eqc(form, "newrelic"))
    newrelic(p, o);
  else
    prometheus(p, o);
}

void emit_alerts_file(const Plan *p, OutFiles *out) {
  char path[128];
  Str f = p->kit && p->kit->alerts_file.n ? p->kit->alerts_file : S("alerts.yaml");
  snprintf(path, sizeof path, "%.*s", STRF(f));
  emit_alerts_yaml(p, outfiles_add(out, path));
}
