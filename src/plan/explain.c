/* What every stage records and looks up: explanations, assumptions,
 * planning figures and the choice for a slot (see explain.h). */
#include "explain.h"

#include <math.h>
#include <stdarg.h>
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
 * copy), so each lookup is remembered. */
struct FigureCache {
  const char *rp, *kp;   /* the pointers last asked with: literals repeat */
  char record[24], key[40];
  double value;
};
enum { FIGURE_CACHE = 160 };

void plan_figure_cache(Arena *a, Plan *p) {
  p->figures = new(a, struct FigureCache, FIGURE_CACHE);
  p->nfigures = new(a, int, 1);
}

double plan_figure(const Plan *p, const char *record, const char *key, double dflt) {
  struct FigureCache *c = p->figures;
  int *n = p->nfigures;
  for (int i = 0; c && i < *n; i++)
    if (c[i].kp == key && c[i].rp == record)
      return c[i].value;
  for (int i = 0; c && i < *n; i++)
    if (!strcmp(c[i].key, key) && !strcmp(c[i].record, record)) {
      c[i].kp = key, c[i].rp = record;
      return c[i].value;
    }
  double v = kb_figure(p->kb, record, key, NULL);
  v = isnan(v) ? dflt : v;
  if (c && *n < FIGURE_CACHE && strlen(record) < sizeof c->record && strlen(key) < sizeof c->key) {
    struct FigureCache *e = &c[(*n)++];
    strcpy(e->record, record);
    strcpy(e->key, key);
    e->rp = record, e->kp = key;
    e->value = v;
  }
  return v;
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
