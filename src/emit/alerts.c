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
  buf_puts(o, "# Prometheus alerting rules for ");
  esc_comment(o, p->model->project.name);
  buf_puts(o, ", written by plinth plan from the spec's targets and kb/reports.kb.\n"
              "# Check with: promtool check rules alerts.yaml\n"
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
  }
}

/* services.yaml: the services of the services style. */
static void list(Buf *o, const char *key, const Str *v, int n) {
  buf_printf(o, "    %s:", key);
  if (!n) {
    buf_puts(o, " []\n");
    return;
  }
  buf_putc(o, '\n');
  for (int i = 0; i < n; i++) {
    buf_puts(o, "      - ");
    esc_yaml(o, v[i]);
    buf_putc(o, '\n');
  }
}

bool emit_has_services(const Plan *p) { return p->nservices > 0; }

void emit_services_yaml(const Plan *p, Buf *o) {
  buf_puts(o, "# Services of ");
  esc_comment(o, p->model->project.name);
  buf_puts(o, " (architecture style: services), written by plinth plan.\n"
              "# Each service owns its entities' data; others reach it through its API or its events.\n"
              "project: ");
  esc_yaml(o, p->model->project.name);
  buf_puts(o, "\nservices:\n");
  for (int i = 0; i < p->nservices; i++) {
    const Service *s = &p->services[i];
    buf_puts(o, "  - name: ");
    esc_yaml(o, s->name);
    buf_putc(o, '\n');
    list(o, "responsibilities", s->responsibilities, s->nresponsibilities);
    buf_puts(o, "    entities:");
    if (!s->nentities)
      buf_puts(o, " []");
    buf_putc(o, '\n');
    for (int k = 0; k < s->nentities; k++) {
      buf_puts(o, "      - ");
      esc_yaml(o, s->entities[k]->name);
      buf_putc(o, '\n');
    }
    list(o, "dependencies", s->depends, s->ndepends);
    list(o, "apis", s->apis, s->napis);
    const char *keys[3] = {"datastore", "cache", "queue"};
    const Str vals[3] = {s->datastore, s->cache, s->queue};
    for (int k = 0; k < 3; k++) {
      buf_printf(o, "    %s: ", keys[k]);
      if (vals[k].n)
        esc_yaml(o, vals[k]);
      else
        buf_puts(o, "null");
      buf_putc(o, '\n');
    }
    buf_puts(o, "    events:\n");
    buf_puts(o, "  ");
    list(o, "publishes", s->publishes, s->npublishes);
    buf_puts(o, "  ");
    list(o, "subscribes", s->subscribes, s->nsubscribes);
  }
}
