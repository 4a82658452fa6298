/* The plan's alerting rules in the chosen observability's own form, in the
 * file the plan names (Kit.alerts_file):
 *   prometheus  alerts.yaml, a Prometheus rule file (promtool check rules);
 *   cloudwatch  alerts.yaml, a CloudFormation template of alarms (kit.c);
 *   datadog     alerts.datadog.json, one Monitors API body per rule;
 *   newrelic    alerts.newrelic.json, one NerdGraph static NRQL condition
 *               input per rule;
 *   azure       alerts.azure.json, an ARM template of a Prometheus rule group;
 *   gcp         alerts.gcp.json, one Monitoring API AlertPolicy per rule.
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

/* A duration as ISO 8601 ("PT2M", "PT1H"), from Prometheus' "2m", "1h". */
static void iso_dur(Buf *b, Str d) {
  ptrdiff_t i = 0;
  while (i < d.n && d.p[i] >= '0' && d.p[i] <= '9')
    i++;
  char u = i < d.n ? d.p[i] : 's';
  buf_printf(b, "PT%.*s%c", (int)i, d.p, u == 'h' ? 'H' : u == 'm' ? 'M' : 'S');
}

static void str_kv(Json *j, const char *key, Str v) {
  json_key(j, key);
  json_str(j, v);
}

/* Azure Monitor: an ARM template of one Prometheus rule group
 * (Microsoft.AlertsManagement/prometheusRuleGroups) over the Azure Monitor
 * workspace, each rule the plan's PromQL with its runbook annotation. */
static void azure(const Plan *p, Buf *o) {
  Json j = {.out = o};
  Buf tmp = {0};
  json_obj(&j);
  str_kv(&j, "$schema", S("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"));
  str_kv(&j, "contentVersion", S("1.0.0.0"));
  json_key(&j, "parameters");
  json_obj(&j);
  json_key(&j, "monitorWorkspaceId");
  json_obj(&j);
  str_kv(&j, "type", S("string"));
  json_end_obj(&j);
  json_key(&j, "actionGroupId");
  json_obj(&j);
  str_kv(&j, "type", S("string"));
  json_end_obj(&j);
  json_key(&j, "location");
  json_obj(&j);
  str_kv(&j, "type", S("string"));
  str_kv(&j, "defaultValue", S("[resourceGroup().location]"));
  json_end_obj(&j);
  json_end_obj(&j);
  json_key(&j, "resources");
  json_arr(&j);
  json_obj(&j);
  str_kv(&j, "type", S("Microsoft.AlertsManagement/prometheusRuleGroups"));
  str_kv(&j, "apiVersion", S("2023-03-01"));
  buf_printf(&tmp, "%.*s-alerts", STRF(p->kit->project_id));
  str_kv(&j, "name", buf_view(&tmp));
  str_kv(&j, "location", S("[parameters('location')]"));
  json_key(&j, "properties");
  json_obj(&j);
  tmp.n = 0;
  buf_printf(&tmp, "Alerting rules of %.*s, written by plinth plan from the spec's targets and kb/reports.kb",
             STRF(p->model->project.name));
  str_kv(&j, "description", buf_view(&tmp));
  json_key(&j, "scopes");
  json_arr(&j);
  json_cstr(&j, "[parameters('monitorWorkspaceId')]");
  json_end_arr(&j);
  json_key(&j, "enabled");
  json_bool(&j, true);
  str_kv(&j, "interval", S("PT1M"));
  json_key(&j, "rules");
  json_arr(&j);
  for (int i = 0; i < p->nalerts; i++) {
    const PromRule *r = &p->alerts[i];
    json_obj(&j);
    str_kv(&j, "alert", r->name);
    str_kv(&j, "expression", r->expr);
    tmp.n = 0;
    iso_dur(&tmp, r->for_);
    str_kv(&j, "for", buf_view(&tmp));
    json_key(&j, "severity");
    json_num(&j, str_eqc(r->severity, "critical") ? 1 : 3);
    json_key(&j, "enabled");
    json_bool(&j, true);
    json_key(&j, "labels");
    json_obj(&j);
    str_kv(&j, "severity", r->severity);
    json_end_obj(&j);
    json_key(&j, "annotations");
    json_obj(&j);
    str_kv(&j, "summary", r->summary);
    str_kv(&j, "description", r->description);
    str_kv(&j, "runbook", r->runbook);
    if (runbook_url(p, i).n)
      str_kv(&j, "runbook_url", runbook_url(p, i));
    json_end_obj(&j);
    json_key(&j, "actions");
    json_arr(&j);
    json_obj(&j);
    str_kv(&j, "actionGroupId", S("[parameters('actionGroupId')]"));
    json_end_obj(&j);
    json_end_arr(&j);
    json_end_obj(&j);
  }
  json_end_arr(&j);
  json_end_obj(&j);
  json_end_obj(&j);
  json_end_arr(&j);
  json_end_obj(&j);
  buf_putc(o, '\n');
  buf_free(&tmp);
}

/* Google Cloud Monitoring: one AlertPolicy per rule (the Monitoring API's
 * projects.alertPolicies), a PromQL condition over Managed Service for
 * Prometheus, the runbook as the documentation's link. */
static void gcp(const Plan *p, Buf *o) {
  Json j = {.out = o};
  Buf tmp = {0};
  json_arr(&j);
  for (int i = 0; i < p->nalerts; i++) {
    const PromRule *r = &p->alerts[i];
    json_obj(&j);
    str_kv(&j, "displayName", r->name);
    json_key(&j, "documentation");
    json_obj(&j);
    tmp.n = 0;
    buf_printf(&tmp, "%.*s\n\n%.*s\n\n%.*s", STRF(r->summary), STRF(r->description), STRF(r->runbook));
    str_kv(&j, "content", buf_view(&tmp));
    str_kv(&j, "mimeType", S("text/markdown"));
    if (runbook_url(p, i).n) {
      json_key(&j, "links");
      json_arr(&j);
      json_obj(&j);
      str_kv(&j, "displayName", S("Runbook"));
      str_kv(&j, "url", runbook_url(p, i));
      json_end_obj(&j);
      json_end_arr(&j);
    }
    json_end_obj(&j);
    json_key(&j, "userLabels");
    json_obj(&j);
    str_kv(&j, "severity", r->severity);
    json_end_obj(&j);
    json_key(&j, "conditions");
    json_arr(&j);
    json_obj(&j);
    str_kv(&j, "displayName", r->what);
    json_key(&j, "conditionPrometheusQueryLanguage");
    json_obj(&j);
    str_kv(&j, "query", r->expr);
    tmp.n = 0;
    char num[32];
    fmt_num(num, r->pfor > 0 ? r->pfor : 0);
    buf_printf(&tmp, "%ss", num);
    str_kv(&j, "duration", buf_view(&tmp));
    str_kv(&j, "evaluationInterval", S("60s"));
    str_kv(&j, "alertRule", r->name);
    json_end_obj(&j);
    json_end_obj(&j);
    json_end_arr(&j);
    str_kv(&j, "combiner", S("OR"));
    json_key(&j, "enabled");
    json_bool(&j, true);
    str_kv(&j, "severity", str_eqc(r->severity, "critical") ? S("CRITICAL") : S("WARNING"));
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
  else if (str_eqc(form, "azure"))
    azure(p, o);
  else if (str_eqc(form, "gcp"))
    gcp(p, o);
  else
    prometheus(p, o);
}

void emit_alerts_file(const Plan *p, OutFiles *out) {
  char path[128];
  Str f = p->kit && p->kit->alerts_file.n ? p->kit->alerts_file : S("alerts.yaml");
  snprintf(path, sizeof path, "%.*s", STRF(f));
  emit_alerts_yaml(p, outfiles_add(out, path));
}
