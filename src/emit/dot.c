/* Diagrams as Graphviz DOT text, for report.html (laid out by svg.c) and
 * for anyone who runs `dot` themselves: the entity-relationship diagram
 * and the request paths with their latency (paths.svg is drawn by
 * diagrams.c from the plan, not from this DOT; the C4 views and the
 * deployment are in diagrams.c).
 * Labels go through esc_dot; node ids are generated (n3, e12), never taken
 * from the spec. At most one cluster per graph: Graphviz orders clusters by
 * the address of their names, so several would lay out differently from
 * run to run. */
#include <string.h>

#include "../spec/parse.h"
#include "../util/esc.h"
#include "emit.h"

static const char head[] = "  graph [fontname=\"Helvetica\", fontsize=12, labelloc=t, nodesep=0.4, ranksep=0.6];\n"
                           "  node [fontname=\"Helvetica\", fontsize=11, shape=box, style=\"rounded,filled\", "
                           "fillcolor=\"#eef3fb\", color=\"#5b7bb5\"];\n"
                           "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\"];\n";

static void title(Buf *o, Str project, const char *what) {
  buf_puts(o, "  label=");
  Buf t = {0};
  buf_str(&t, project);
  buf_printf(&t, ": %s", what);
  esc_dot(o, buf_view(&t));
  buf_free(&t);
  buf_puts(o, ";\n");
}

void emit_dot_er(const Plan *p, Buf *o) {
  const Model *m = p->model;
  int shown = p->api.er_entities;
  buf_puts(o, "digraph er {\n  rankdir=LR;\n");
  buf_puts(o, head);
  Buf t = {0};
  buf_str(&t, m->project.name);
  if (shown < m->nentities)
    buf_printf(&t, ": entities and relations (the first %d of %d entities)", shown, m->nentities);
  else
    buf_puts(&t, ": entities and relations");
  buf_puts(o, "  label=");
  esc_dot(o, buf_view(&t));
  buf_puts(o, ";\n  node [shape=box, style=filled, fillcolor=\"#f4f8ee\", color=\"#6b8f3e\"];\n");
  for (int i = 0; i < shown; i++) {
    const Entity *e = &m->entities[i];
    buf_printf(o, "  e%d [label=", i);
    t.n = 0;
    buf_str(&t, e->name);
    buf_putc(&t, '\n');
    esc_dot(o, buf_view(&t));
    for (int k = 0; k < e->nfields; k++) {
      const Field *f = &e->fields[k];
      t.n = 0;
      buf_str(&t, f->name);
      buf_puts(&t, ": ");
      if (f->ref)
        buf_str(&t, f->ref->name);
      else
        buf_puts(&t, field_type_name(f->type));
      if (f->optional)
        buf_putc(&t, '?');
      if (f->unique)
        buf_puts(&t, " unique");
      buf_puts(o, " + ");
      esc_dot(o, buf_view(&t));
      buf_puts(o, " + \"\\l\"");
    }
    buf_puts(o, "];\n");
  }
  for (int i = 0; i < shown; i++) {
    const Entity *e = &m->entities[i];
    for (int k = 0; k < e->nfields; k++) {
      const Field *f = &e->fields[k];
      if (!f->ref || f->ref->index >= shown)
        continue;
      buf_printf(o, "  e%d -> e%d [dir=both, arrowtail=crow, arrowhead=%s, label=", i, f->ref->index,
                 f->optional ? "odot" : "tee");
      esc_dot(o, f->name);
      buf_puts(o, "];\n");
    }
  }
  buf_free(&t);
  buf_puts(o, "}\n");
}

/* One column per path, headed by its total; no clusters: Graphviz orders
 * clusters by the address of their names, which differs from run to run,
 * while plain nodes keep the order they are declared in. */
void emit_dot_paths(const Plan *p, Buf *o) {
  char b1[32], b2[32];
  buf_puts(o, "digraph paths {\n  rankdir=TB;\n");
  buf_puts(o, head);
  title(o, p->model->project.name, "request paths, p95 per hop");
  Buf t = {0};
  for (int i = 0; i < p->npaths; i++) {
    const Path *pa = &p->paths[i];
    t.n = 0;
    buf_str(&t, pa->name);
    buf_printf(&t, "\np95 %s", fmt_ms(b1, pa->p95));
    buf_printf(&t, " of %s target", fmt_ms(b2, pa->target));
    bool miss = pa->p95 > pa->target;
    buf_printf(o, "  p%d [shape=box, style=\"filled,bold\", fillcolor=\"%s\", color=\"%s\", fontsize=12, label=", i,
               miss ? "#fbe3e0" : "#e3f1e6", miss ? "#c0392b" : "#3e8f57");
    esc_dot(o, buf_view(&t));
    buf_puts(o, "];\n");
    for (int k = 0; k < pa->nhops; k++) {
      t.n = 0;
      buf_str(&t, pa->hops[k].name);
      buf_printf(&t, "\np95 %s", fmt_ms(b1, pa->hops[k].p95));
      bool dom = str_eq(pa->hops[k].name, pa->dominant);
      buf_printf(o, "  p%dh%d [%slabel=", i, k, dom ? "fillcolor=\"#fdf0c4\", " : "");
      esc_dot(o, buf_view(&t));
      buf_puts(o, "];\n");
    }
    if (pa->nhops)
      buf_printf(o, "  p%d -> p%dh0 [style=dotted, arrowhead=none];\n", i, i);
    for (int k = 1; k < pa->nhops; k++)
      buf_printf(o, "  p%dh%d -> p%dh%d;\n", i, k - 1, i, k);
  }
  buf_free(&t);
  buf_puts(o, "}\n");
}
