/* alerts.yaml: the plan's alerting rules as a Prometheus rule file
 * (`promtool check rules` accepts it). */
#include "../util/esc.h"
#include "emit.h"

static void kv(Buf *o, const char *indent, const char *key, Str v) {
  buf_printf(o, "%s%s: ", indent, key);
  esc_yaml(o, v);
  buf_putc(o, '\n');
}

void emit_alerts_yaml(const Plan *p, Buf *o) {
  if (p->kit && str_eqc(p->kit->alert_form, "cloudwatch")) {
    emit_cloudwatch_alarms(p, o);
    return;
  }
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
    if (p->kit && i < p->kit->nrunbooks)
      kv(o, "          ", "runbook_url", p->kit->runbooks[i].file);
  }
}
