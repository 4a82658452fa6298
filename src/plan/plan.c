/* Plan driver, explanations and engineer's number formats (see plan.h). */
#include "plan.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void plan_explain(Arena *a, Plan *p, const char *key, const char *label, double value, const char *unit,
                  const char *fmt, ...) {
  Explain *e = push(a, p->explains, p->nexplains, p->explain_cap);
  e->key = str_printf(a, "%s", key);
  e->label = str_c(label); /* labels and units are string literals */
  e->value = value;
  e->unit = str_c(unit);
  va_list ap;
  va_start(ap, fmt);
  e->formula = str_vprintf(a, fmt, ap);
  va_end(ap);
}

void plan_assume(Arena *a, Plan *p, const char *key, const char *fmt, ...) {
  Assumption *as = push(a, p->assumptions, p->nassumptions, p->assumption_cap);
  as->key = str_printf(a, "%s", key);
  va_list ap;
  va_start(ap, fmt);
  as->text = str_vprintf(a, fmt, ap);
  va_end(ap);
}

const Explain *plan_find_explain(const Plan *p, const char *key) {
  for (int i = 0; i < p->nexplains; i++)
    if (str_eqc(p->explains[i].key, key))
      return &p->explains[i];
  return NULL;
}

/* Figures are looked up over and over (every candidate, every rescaled
 * copy), so each lookup is remembered: by name, and in front of that by the
 * pointers asked with (literals repeat; the same text in two files is two
 * pointers), in a hashed table. */
struct FigureCache {
  struct {
    char record[24], key[40];
    double value;
  } named[160];
  struct {
    const char *rp, *kp;
    double value;
  } hot[512];
};
enum { FIGURE_NAMED = 160, FIGURE_HOT = 512 };

double plan_figure(const Plan *p, const char *record, const char *key, double dflt) {
  struct FigureCache *c = p->figures;
  int *n = p->nfigures;
  size_t h = 0;
  if (c) {
    uint64_t x = ((uint64_t)(uintptr_t)key * 0x9E3779B97F4A7C15u) ^ (uint64_t)(uintptr_t)record;
    h = (size_t)((x * 0x9E3779B97F4A7C15u) >> 55) & (FIGURE_HOT - 1);
    if (c->hot[h].kp == key && c->hot[h].rp == record)
      return c->hot[h].value;
  }
  double v;
  for (int i = 0; c && i < *n; i++)
    if (c->named[i].key[0] == key[0] && !strcmp(c->named[i].key, key) && !strcmp(c->named[i].record, record)) {
      v = c->named[i].value;
      goto remember;
    }
  v = kb_figure(p->kb, record, key, NULL);
  v = isnan(v) ? dflt : v;
  if (c && *n < FIGURE_NAMED && strlen(record) < sizeof c->named[0].record && strlen(key) < sizeof c->named[0].key) {
    strcpy(c->named[*n].record, record);
    strcpy(c->named[*n].key, key);
    c->named[(*n)++].value = v;
  } else
    return v; /* not remembered by name: not by pointer either */
remember:
  c->hot[h].rp = record, c->hot[h].kp = key, c->hot[h].value = v;
  return v;
}

/* Three significant figures, trailing zeros dropped: 12.7, 450, 0.58.
 * Writes at most 20 bytes. */
static void sig3(char *buf, double v) {
  if (v == 0) {
    strcpy(buf, "0");
    return;
  }
  double a = fabs(v);
  int decimals = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : a >= 0.1 ? 3 : a >= 0.01 ? 4 : 6;
  snprintf(buf, 20, "%.*f", decimals, v);
  if (strchr(buf, '.')) {
    size_t n = strlen(buf);
    while (buf[n - 1] == '0')
      buf[--n] = 0;
    if (buf[n - 1] == '.')
      buf[--n] = 0;
  }
}

char *fmt_count(char *buf, double v) {
  static const char *const suffix[] = {"", "k", "M", "B", "T"};
  int i = 0;
  double a = fabs(v);
  while (a >= 1000 && i < 4) {
    a /= 1000;
    v /= 1000;
    i++;
  }
  char n[20];
  sig3(n, v);
  snprintf(buf, 32, "%s%s", n, suffix[i]);
  return buf;
}

char *fmt_bytes(char *buf, double v) {
  static const char *const unit[] = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};
  int i = 0;
  while (fabs(v) >= 1000 && i < 6) {
    v /= 1000;
    i++;
  }
  char n[20];
  sig3(n, v);
  snprintf(buf, 32, "%s %s", n, unit[i]);
  return buf;
}

char *fmt_usd(char *buf, double v) {
  if (fabs(v) >= 100)
    snprintf(buf, 32, "$%.0f", v);
  else if (fabs(v) >= 0.01 || v == 0)
    snprintf(buf, 32, "$%.2f", v);
  else {
    char n[20];
    sig3(n, v);
    snprintf(buf, 32, "$%s", n);
  }
  return buf;
}

char *fmt_price(char *buf, double v) {
  if (v >= 100 || v <= 0) {
    snprintf(buf, 32, "$%.0f", v);
    return buf;
  }
  /* Four significant figures, at least two decimals: $0.016, $0.04937, $0.20. */
  int d = 3 - (int)floor(log10(v));
  if (d < 2)
    d = 2;
  if (d > 12)
    d = 12;
  snprintf(buf, 32, "$%.*f", d, v);
  size_t n = strlen(buf);
  char *dot = strchr(buf, '.');
  while (dot && buf[n - 1] == '0' && (size_t)(buf + n - 1 - dot) > 2)
    buf[--n] = 0;
  return buf;
}

char *fmt_ms(char *buf, double seconds) {
  char n[20];
  sig3(n, seconds * 1000);
  snprintf(buf, 32, "%s ms", n);
  return buf;
}

Plan *plan_rescaled(Arena *a, const Plan *base, double f, double bf, struct PriceMemo *prices) {
  Plan *q = new(a, Plan, 1);
  q->prices = prices;
  q->skilled = base->skilled;
  q->verdicts = base->verdicts;
  q->model = base->model;
  q->kb = base->kb;
  q->figures = base->figures;
  q->nfigures = base->nfigures;
  q->rule_index = base->rule_index;
  q->nrule_index = base->nrule_index;
  q->scale = f;
  q->ent_scale = f;
  q->quiet = true;
  q->budget_scale = bf;
  q->load = base->load;
  Load *l = &q->load;
  l->requests_per_day *= f, l->avg_rps *= f, l->peak_rps *= f, l->design_rps *= f;
  l->reads_per_s *= f, l->writes_per_s *= f, l->ingest_rows_per_s *= f;
  q->storage = base->storage;
  Storage *s = &q->storage;
  s->bytes_now *= f, s->bytes_1y *= f, s->bytes_3y *= f, s->bytes_per_month *= f;
  s->blob_now *= f, s->blob_1y *= f, s->blob_3y *= f, s->blob_per_month *= f;
  s->db_bytes_3y *= f, s->stored_1y *= f, s->written_per_month *= f, s->uploads_per_month *= f;
  s->search_bytes_1y *= f;
  q->bw = base->bw;
  q->bw.ingress_bytes_per_month *= f, q->bw.egress_bytes_per_month *= f, q->bw.blob_egress_bytes_per_month *= f;
  plan_needs(a, q);
  plan_choose(a, q);
  return q;
}

Plan *plan_estimate(Arena *a, const Model *m, const Kb *kb, DiagSink *sink) {
  if (!plan_pins_check(a, m, kb, sink))
    return NULL;
  Plan *p = new(a, Plan, 1);
  p->model = m;
  p->kb = kb;
  p->scale = p->ent_scale = p->budget_scale = 1;
  p->figures = new(a, struct FigureCache, 1);
  p->nfigures = new(a, int, 1);
  plan_index_rules(a, p);
  plan_capacity(a, p);
  plan_archetypes(a, p);
  plan_needs(a, p);
  plan_choose(a, p);
  plan_archetype_slots(p);
  if (!plan_pins_finish(a, p, sink))
    return NULL;
  plan_absences(a, p);
  plan_latency(a, p);
  plan_availability(a, p);
  plan_style(a, p);
  return sink->errors ? NULL : p;
}

Plan *plan_build(Arena *a, const Model *m, const Kb *kb, DiagSink *sink) {
  Plan *p = plan_estimate(a, m, kb, sink);
  if (!p)
    return NULL;
  plan_api(a, p);
  plan_alerts(a, p);
  plan_services(a, p);   /* lists the contract's endpoints per service */
  return sink->errors ? NULL : p;
}

void plan_delivery(Arena *a, Plan *p) {
  plan_roadmap(a, p, 0);
  plan_risks(a, p);
  plan_review(a, p);
  plan_pins_review(a, p);
}

const Choice *plan_choice(const Plan *p, const char *slot) {
  for (int i = 0; i < p->nchoices; i++)
    if (str_eqc(p->choices[i].need->slot, slot) && p->choices[i].tech)
      return &p->choices[i];
  return NULL;
}

const Tech *plan_tech(const Plan *p, const char *slot) {
  const Choice *c = plan_choice(p, slot);
  return c ? c->tech : NULL;
}

Str plan_tech_name(const Plan *p, const char *slot) {
  const Tech *t = plan_tech(p, slot);
  return t ? t->name : (Str){0};
}
