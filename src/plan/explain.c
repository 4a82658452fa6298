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
  struct CostMemo *cost;   /* pricing facts and figures (cost.c) */
  struct {
    double vcpu, gib;
    bool memory;
    char text[48];
    ptrdiff_t n;
  } node[32];   /* plan_node_name's, kept here: a copy's arena may be a scratch one */
  int nnodes;
};
enum { FIGURE_NAMED = 160, FIGURE_HOT = 512, FIGURE_PROBES = 8 };

void plan_figure_cache(Arena *a, Plan *p) {
  p->figures = new(a, struct FigureCache, 1);
  p->nfigures = new(a, int, 1);
}

void plan_cost_memo_keep(Plan *p, struct CostMemo *m) {
  if (p->figures)
    p->figures->cost = m;
}

struct CostMemo *plan_cost_memo(const Plan *p) { return p->figures ? p->figures->cost : NULL; }

/* A self-run node's name ("4 vCPU 16 GiB node"), formatted once for the
 * plan and its copies. */
Str plan_node_name(Arena *a, const Plan *p, double vcpu, double gib, bool memory) {
  struct FigureCache *m = p->figures;
  for (int i = 0; m && i < m->nnodes; i++)
    if (m->node[i].vcpu == vcpu && m->node[i].memory == memory && (!memory || m->node[i].gib == gib))
      return (Str){m->node[i].text, m->node[i].n};
  Str name = memory ? str_printf(a, "%g vCPU %g GiB node", vcpu, gib) : str_printf(a, "%g vCPU node", vcpu);
  int cap = (int)(sizeof m->node / sizeof m->node[0]);
  if (m && m->nnodes < cap && name.n < (ptrdiff_t)sizeof m->node[0].text) {
    memcpy(m->node[m->nnodes].text, name.p, (size_t)name.n);
    m->node[m->nnodes].vcpu = vcpu, m->node[m->nnodes].gib = gib, m->node[m->nnodes].memory = memory;
    m->node[m->nnodes].n = name.n;
    return (Str){m->node[m->nnodes++].text, name.n};
  }
  return name;
}

/* A figure not in the hot table: by name, else from the knowledge base;
 * remembered in the hot table at slot h (c may be NULL). Kept out of
 * plan_figure so that a hit saves no registers. */
__attribute__((noinline)) static double figure_miss(const Plan *p, struct FigureCache *c, size_t h, const char *record,
                                                    const char *key, double dflt) {
  int *n = p->nfigures;
  double v;
  for (int i = 0; c && i < *n; i++)
    if (c->named[i].key[0] == key[0] && !strcmp(c->named[i].key, key) && !strcmp(c->named[i].record, record)) {
      v = c->named[i].value;
      goto remember;
    }
  v = kb_figure(p->kb, record, key, NULL);
  v = isnan(v) ? dflt : v;
  if (!c)
    return v;
  /* By name while there is room; by pointer always (the pointers asked
   * with are literals, so a pointer names one figure for the run). */
  if (*n < FIGURE_NAMED && strlen(record) < sizeof c->named[0].record && strlen(key) < sizeof c->named[0].key) {
    strcpy(c->named[*n].record, record);
    strcpy(c->named[*n].key, key);
    c->named[(*n)++].value = v;
  }
remember:
  c->hot[h].rp = record, c->hot[h].kp = key, c->hot[h].value = v;
  return v;
}

double plan_figure(const Plan *p, const char *record, const char *key, double dflt) {
  struct FigureCache *c = p->figures;
  size_t h = 0;
  if (c) {
    uint64_t x = ((uint64_t)(uintptr_t)key * 0x9E3779B97F4A7C15u) ^ (uint64_t)(uintptr_t)record;
    h = (size_t)((x * 0x9E3779B97F4A7C15u) >> 55) & (FIGURE_HOT - 1);
    /* A few slots on from the hashed one: two pointers hashed alike no
     * longer push each other out. */
    for (size_t k = 0; k < FIGURE_PROBES; k++) {
      size_t at = (h + k) & (FIGURE_HOT - 1);
      if (c->hot[at].kp == key && c->hot[at].rp == record)
        return c->hot[at].value;
      if (!c->hot[at].kp) {
        h = at;   /* the free slot it is remembered in */
        break;
      }
    }
  }
  return figure_miss(p, c, h, record, key, dflt);
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
