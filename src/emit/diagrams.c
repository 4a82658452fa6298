/* The diagrams Plinth draws itself, besides the ER and request paths of
 * dot.c: the C4 context, container and component views and the deployment
 * as Graphviz DOT (laid out by svg.c), from the same parts and relations
 * the Mermaid views and the exports print (c4.c); and three
 * SVG layouts of our own: a sequence diagram per flow and the roadmap as
 * a gantt chart, which Graphviz does not do, and the request paths, a
 * grid that needs no layout engine.
 *
 * C4 notation: people dark blue, the system and its containers blue,
 * components light blue, external systems grey; each box says its kind and
 * technology in brackets; stores are cylinders; a legend lists the kinds
 * the view uses. Labels are HTML-like (esc_dot_html) and wrapped by hand.
 * Every id in our own SVG starts with the diagram's name, so any number of
 * them can sit in one page. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/esc.h"
#include "../util/format.h"
#include "emit.h"

static const char head[] =
    "  graph [fontname=\"Helvetica\", fontsize=12, labelloc=t, nodesep=0.5, ranksep=0.7];\n"
    "  node [fontname=\"Helvetica\", fontsize=10, shape=box, style=\"rounded,filled\", penwidth=1.2];\n"
    "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#707070\", fontcolor=\"#404040\"];\n";

typedef enum { K_PERSON, K_SYSTEM, K_CONTAINER, K_STORE, K_COMPONENT, K_EXTERNAL, K_COUNT } Kind;
static const struct {
  const char *name, *fill, *line, *text;
} kinds[K_COUNT] = {
  {"Person", "#08427b", "#052e56", "#ffffff"},   {"Software System", "#1168bd", "#0b4884", "#ffffff"},
  {"Container", "#438dd5", "#2e6295", "#ffffff"}, {"Container: store", "#438dd5", "#2e6295", "#ffffff"},
  {"Component", "#85bbf0", "#5d82a8", "#000000"}, {"External System", "#999999", "#6b6b6b", "#ffffff"},
};

/* Text wrapped at about `width` characters, lines joined by <br/>. */
static void wrapped(Buf *o, Str s, int width) {
  ptrdiff_t line = 0, i = 0;
  while (i < s.n) {
    ptrdiff_t j = i;
    while (j < s.n && s.p[j] != ' ')
      j++;
    if (line && line + (j - i) > width) {
      buf_puts(o, "<br/>");
      line = 0;
    } else if (line) {
      buf_putc(o, ' ');
      line++;
    }
    esc_dot_html(o, (Str){s.p + i, j - i});
    line += j - i;
    i = j < s.n ? j + 1 : j;
  }
}

/* Node ids are the parts' and modules' own ids ([a-z0-9_]+; "system" for
 * the system as one box), quoted: the names the Mermaid views and the
 * exports give them (c4.c). */

/* A C4 box: name, [kind: technology], description. */
static void c4_node(Buf *o, Str id, Kind k, Str name, Str tech, Str about) {
  buf_printf(o, "  \"%.*s\" [%sfillcolor=\"%s\", color=\"%s\", fontcolor=\"%s\", label=<<b>", STRF(id),
             k == K_STORE ? "shape=cylinder, style=filled, " : "", kinds[k].fill, kinds[k].line, kinds[k].text);
  wrapped(o, name, 28);
  buf_printf(o, "</b><br/><font point-size=\"8\">[%s", k == K_STORE ? "Container" : kinds[k].name);
  if (tech.n) {
    buf_puts(o, ": ");
    wrapped(o, tech, 36);
  }
  buf_puts(o, "]</font>");
  if (about.n) {
    buf_puts(o, "<br/><font point-size=\"9\">");
    wrapped(o, about, 34);
    buf_puts(o, "</font>");
  }
  buf_puts(o, ">];\n");
}

static void c4_edges(Buf *o, const C4Rel *r, int n) {
  for (int i = 0; i < n; i++) {
    buf_printf(o, "  \"%.*s\" -> \"%.*s\" [label=<", STRF(r[i].from), STRF(r[i].to));
    wrapped(o, r[i].what, 26);
    if (r[i].how.n) {
      buf_puts(o, "<br/><font point-size=\"8\">[");
      esc_dot_html(o, r[i].how);
      buf_puts(o, "]</font>");
    }
    buf_puts(o, ">];\n");
  }
}

static C4Rel *rels_for(const Plan *p) {
  C4Rel *r = malloc(sizeof *r * (size_t)c4_max_rels(p));
  if (!r)
    abort();
  return r;
}

/* The legend: one row per kind the view drew. */
static void legend(Buf *o, const bool *used) {
  buf_puts(o, "  \"c4 legend\" [shape=plaintext, style=\"\", label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" "
              "cellpadding=\"4\"><tr><td><b>Legend</b></td></tr>");
  for (int k = 0; k < K_COUNT; k++)
    if (used[k])
      buf_printf(o, "<tr><td bgcolor=\"%s\"><font color=\"%s\">%s</font></td></tr>", kinds[k].fill, kinds[k].text,
                 k == K_STORE ? "Container (data store)" : kinds[k].name);
  buf_puts(o, "<tr><td>arrow: uses [protocol]</td></tr></table>>];\n");
}

/* Graph and cluster labels are plain strings: Graphviz 2.42 leaks the
 * parse of an HTML-like one (node labels are fine). */
static void plain_label(Buf *o, Str a, const char *mid, Str b, const char *end) {
  Buf t = {0};
  buf_str(&t, a);
  buf_puts(&t, mid);
  buf_str(&t, b);
  buf_puts(&t, end);
  buf_puts(o, "label=");
  esc_dot(o, buf_view(&t));
  buf_puts(o, ";\n");
  buf_free(&t);
}

static void title(Buf *o, Str project, const char *what) {
  buf_puts(o, "  fontname=\"Helvetica-Bold\"; ");
  plain_label(o, project, ": ", str_c(what), "");
}

static Kind part_kind(const Part *pt) {
  switch (pt->kind) {
  case PART_PERSON: case PART_DEVICE: return K_PERSON;
  case PART_STORE: return K_STORE;
  case PART_EXTERNAL: return K_EXTERNAL;
  default: return K_CONTAINER;
  }
}

static void part_node(Buf *o, const Part *pt, bool inside, bool *used) {
  Kind k = part_kind(pt);
  if (!inside && (k == K_CONTAINER || k == K_STORE))
    k = K_EXTERNAL; /* a part of the system drawn outside the API's boundary */
  used[k] = true;
  Str tech = k == K_PERSON ? (Str){0} : pt->tech.n ? pt->tech : k == K_EXTERNAL ? (Str){0} : S("managed service");
  c4_node(o, pt->id, k, pt->name, tech, pt->purpose);
}

void emit_dot_c4_context(const Plan *p, Buf *o) {
  const DocFacts *d = p->docs;
  const Model *m = p->model;
  bool used[K_COUNT] = {0};
  buf_puts(o, "digraph context {\n  rankdir=TB;\n");
  buf_puts(o, head);
  title(o, m->project.name, "system context");
  for (int i = 0; i < d->nparts; i++)
    if (part_kind(&d->parts[i]) == K_PERSON)
      part_node(o, &d->parts[i], false, used);
  used[K_SYSTEM] = true;
  c4_node(o, S("system"), K_SYSTEM, m->project.name, (Str){0}, m->project.idea);
  for (int i = 0; i < d->nparts; i++)
    if (d->parts[i].kind == PART_EXTERNAL)
      part_node(o, &d->parts[i], false, used);
  C4Rel *r = rels_for(p);
  c4_edges(o, r, c4_context_rels(p, r));
  free(r);
  legend(o, used);
  buf_puts(o, "}\n");
}

/* The containers: the view the Mermaid C4Container block prints, from the
 * same parts and relations. The system's boundary is the one cluster. */
void emit_dot_architecture(const Plan *p, Buf *o) {
  const DocFacts *d = p->docs;
  const Model *m = p->model;
  bool used[K_COUNT] = {0};
  buf_puts(o, "digraph architecture {\n  rankdir=TB;\n");
  buf_puts(o, head);
  title(o, m->project.name, "containers");
  for (int i = 0; i < d->nparts; i++)
    if (part_kind(&d->parts[i]) == K_PERSON)
      part_node(o, &d->parts[i], true, used);
  buf_puts(o, "  subgraph cluster_system {\n    style=\"dashed\"; color=\"#444444\"; fontname=\"Helvetica\"; fontsize=11; ");
  plain_label(o, m->project.name, "\n[Software System]", (Str){0}, "");
  for (int i = 0; i < d->nparts; i++)
    if (c4_internal(&d->parts[i])) {
      buf_puts(o, "  ");
      part_node(o, &d->parts[i], true, used);
    }
  buf_puts(o, "  }\n");
  for (int i = 0; i < d->nparts; i++)
    if (d->parts[i].kind == PART_EXTERNAL)
      part_node(o, &d->parts[i], true, used);
  C4Rel *r = rels_for(p);
  c4_edges(o, r, c4_container_rels(p, r));
  free(r);
  legend(o, used);
  buf_puts(o, "}\n");
}

void emit_dot_c4_component(const Plan *p, Buf *o) {
  const DocFacts *d = p->docs;
  bool used[K_COUNT] = {0};
  buf_puts(o, "digraph components {\n  rankdir=TB;\n");
  buf_puts(o, head);
  int shown = d->modules_shown;   /* the first modules: a thousand boxes neither read nor lay out */
  if (shown < d->nmodules) {
    char what[96];
    format_s(what, sizeof what, "components of the API (the first %d of %d modules)", shown, d->nmodules);
    title(o, p->model->project.name, what);
  } else
    title(o, p->model->project.name, "components of the API");
  if (d->api >= 0) {
    const Part *api = &d->parts[d->api];
    buf_puts(o, "  subgraph cluster_api {\n    style=\"dashed\"; color=\"#444444\"; fontname=\"Helvetica\"; fontsize=11; ");
    plain_label(o, api->name, "\n[Container: ", api->tech.n ? api->tech : api->name, "]");
    for (int i = 0; i < shown; i++) {
      buf_puts(o, "  ");
      used[K_COMPONENT] = true;
      c4_node(o, d->modules[i].id, K_COMPONENT, d->modules[i].name, S("module"), d->modules[i].duties);
    }
    buf_puts(o, "  }\n");
  }
  for (int i = 0; i < d->nparts; i++)
    if (c4_component_part(p, i))
      part_node(o, &d->parts[i], d->parts[i].kind != PART_EXTERNAL, used);
  C4Rel *r = rels_for(p);
  c4_edges(o, r, c4_component_rels_upto(p, shown, r));
  free(r);
  legend(o, used);
  buf_puts(o, "}\n");
}

/* Where each part runs: the cloud and region as the one cluster, the
 * external systems outside it, edges labelled with the protocol. */
void emit_dot_deployment(const Plan *p, Buf *o) {
  const DocFacts *d = p->docs;
  char id[24];
  buf_puts(o, "digraph deployment {\n  rankdir=LR;\n");
  buf_puts(o, head);
  title(o, p->model->project.name, "deployment");
  for (int i = 0; i < d->nparts; i++)
    if (part_kind(&d->parts[i]) == K_PERSON) {
      buf_printf(o, "  p%d [shape=box, fillcolor=\"%s\", fontcolor=\"#ffffff\", label=<", i, kinds[K_PERSON].fill);
      esc_dot_html(o, d->parts[i].name);
      buf_puts(o, ">];\n");
    }
  Str region = d->region;
  buf_puts(o, "  subgraph cluster_cloud {\n    style=\"rounded\"; color=\"#ff9900\"; fontname=\"Helvetica\"; ");
  plain_label(o, d->cloud_name, ", ", region, "");
  for (int i = 0; i < d->nparts; i++) {
    const Part *pt = &d->parts[i];
    if (!c4_internal(pt))
      continue;
    const Choice *c = pt->choice;
    buf_printf(o, "    p%d [%sfillcolor=\"#eef3fb\", color=\"#5b7bb5\", label=<<b>", i,
               pt->kind == PART_STORE ? "shape=cylinder, style=filled, " : "");
    esc_dot_html(o, pt->name);
    buf_puts(o, "</b><br/>");
    wrapped(o, c ? c->tech->name : pt->tech, 30);
    if (c && c->cost.sizing.n) {
      buf_puts(o, "<br/><font point-size=\"8\">");
      esc_dot_html(o, c->cost.sizing);
      buf_puts(o, "</font>");
    }
    buf_puts(o, ">];\n");
  }
  buf_puts(o, "  }\n");
  for (int i = 0; i < d->nparts; i++)
    if (d->parts[i].kind == PART_EXTERNAL) {
      buf_printf(o, "  p%d [shape=hexagon, style=filled, fillcolor=\"#f2f2f2\", color=\"#888888\", label=<", i);
      esc_dot_html(o, d->parts[i].tech.n ? d->parts[i].tech : d->parts[i].name);
      buf_puts(o, ">];\n");
    }
  for (int i = 0; i < d->nparts; i++)
    for (int k = 0; k < d->parts[i].ndeps; k++) {
      format_s(id, sizeof id, "p%d", d->parts[i].deps[k].to);
      buf_printf(o, "  p%d -> %s [label=<", i, id);
      esc_dot_html(o, d->parts[i].deps[k].how);
      buf_puts(o, ">];\n");
    }
  buf_puts(o, "}\n");
}

/* ---- our own layouts ---- */

/* Width of a text in pixels at `size`: Helvetica's average advance. */
static double text_w(Str s, double size) {
  ptrdiff_t n = 0;
  for (ptrdiff_t i = 0; i < s.n; i++)
    n += ((unsigned char)s.p[i] & 0xC0) != 0x80;
  return (double)n * size * 0.6;
}

static void svg_text(Buf *o, double x, double y, const char *anchor, double size, const char *extra, Str s) {
  buf_printf(o, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%.0f\"%s>", x, y, anchor, size, extra);
  esc_html(o, s);
  buf_puts(o, "</text>\n");
}

static void svg_open(Buf *o, const char *id, double w, double h, Str title_text) {
  buf_printf(o,
             "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"%s\" width=\"%.0f\" height=\"%.0f\" "
             "viewBox=\"0 0 %.0f %.0f\" font-family=\"Helvetica,Arial,sans-serif\">\n<title>",
             id, w, h, w, h);
  esc_html(o, title_text);
  buf_printf(o, "</title>\n<defs><marker id=\"%s-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
                "markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" "
                "fill=\"#333333\"/></marker></defs>\n<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n",
             id);
}

/* A sequence diagram: one column per participant, one row per step; calls
 * solid, replies dashed, notes boxed, alt/else frames across the columns. */
static void sequence_svg(const Plan *p, const Flow *f, const char *id, Buf *o) {
  const DocFacts *d = p->docs;
  enum { ROW = 30, TOP = 40, HEAD = 40 };
  /* Column of each part in this flow. */
  int *col = malloc(sizeof *col * (size_t)(d->nparts + 1));
  double *x = malloc(sizeof *x * (size_t)(f->nparts + 1));
  if (!col || !x)
    abort();
  for (int i = 0; i < d->nparts; i++)
    col[i] = -1;
  for (int i = 0; i < f->nparts; i++)
    col[f->parts[i]] = i;
  /* Columns as wide as their names and the messages between neighbours. */
  double gap = 150;
  for (int i = 0; i < f->nparts; i++) {
    double w = text_w(d->parts[f->parts[i]].name, 12) + 30;
    if (w > gap)
      gap = w;
  }
  for (int i = 0; i < f->nsteps; i++) {
    const Step *s = &f->steps[i];
    if ((s->kind == STEP_CALL || s->kind == STEP_REPLY) && col[s->from] >= 0 && col[s->to] >= 0) {
      int span = abs(col[s->from] - col[s->to]);
      double w = text_w(s->text, 11) / (span ? span : 1) + 20;
      if (w > gap && w < 420)
        gap = w;
    }
  }
  double left = gap / 2 + 10;
  for (int i = 0; i < f->nparts; i++)
    x[i] = left + gap * i;
  double width = left * 2 + gap * (f->nparts > 0 ? f->nparts - 1 : 0);
  double height = TOP + HEAD + ROW * (f->nsteps + 1) + 10;
  svg_open(o, id, width, height, f->title);
  svg_text(o, 10, 22, "start", 14, " font-weight=\"bold\"", f->title);
  double bottom = height - 10;
  for (int i = 0; i < f->nparts; i++) {
    const Part *pt = &d->parts[f->parts[i]];
    Kind k = part_kind(pt);
    double w = text_w(pt->name, 12) + 20;
    buf_printf(o, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999999\" stroke-dasharray=\"4 3\"/>\n",
               x[i], TOP + HEAD - 8, x[i], bottom);
    buf_printf(o, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"28\" rx=\"%d\" fill=\"%s\" stroke=\"%s\"/>\n",
               x[i] - w / 2, TOP, w, k == K_PERSON ? 14 : 4, kinds[k].fill, kinds[k].line);
    char fill[40];
    format_s(fill, sizeof fill, " fill=\"%s\"", kinds[k].text);
    svg_text(o, x[i], TOP + 18, "middle", 12, fill, pt->name);
  }
  /* Open alt frames: their top y and label. */
  double frame_y[16];
  int depth = 0;
  double y = TOP + HEAD + ROW * 0.5;
  int n = 0;
  for (int i = 0; i < f->nsteps; i++) {
    const Step *s = &f->steps[i];
    y += ROW;
    switch (s->kind) {
    case STEP_CALL:
    case STEP_REPLY: {
      if (col[s->from] < 0 || col[s->to] < 0)
        break;
      double x1 = x[col[s->from]], x2 = x[col[s->to]];
      n++;
      char label[16];
      format_s(label, sizeof label, "%d. ", n);
      Buf t = {0};
      buf_puts(&t, label);
      buf_str(&t, s->text);
      if (x1 == x2) {
        buf_printf(o, "<path d=\"M%.1f,%.1f h30 v10 h-30\" fill=\"none\" stroke=\"#333333\" marker-end=\"url(#%s-arrow)\"/>\n",
                   x1, y - 6, id);
        svg_text(o, x1 + 36, y, "start", 11, "", buf_view(&t));
      } else {
        buf_printf(o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333333\"%s marker-end=\"url(#%s-arrow)\"/>\n",
                   x1, y, x2 + (x2 > x1 ? -1 : 1), y, s->kind == STEP_REPLY ? " stroke-dasharray=\"5 3\"" : "", id);
        svg_text(o, (x1 + x2) / 2, y - 5, "middle", 11, "", buf_view(&t));
      }
      buf_free(&t);
      break;
    }
    case STEP_NOTE: {
      if (col[s->from] < 0)
        break;
      double w = text_w(s->text, 11) + 16;
      buf_printf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"22\" fill=\"#fff8c5\" stroke=\"#b59f3b\"/>\n",
                 x[col[s->from]] - w / 2, y - 15, w);
      svg_text(o, x[col[s->from]], y, "middle", 11, "", s->text);
      break;
    }
    case STEP_ALT:
      if (depth < 16)
        frame_y[depth] = y - 18;
      depth++;
      buf_printf(o, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" font-weight=\"bold\">alt</text>\n", 6.0 + depth * 4, y);
      svg_text(o, 34 + depth * 4, y, "start", 11, " font-style=\"italic\"", s->text);
      break;
    case STEP_ELSE:
      buf_printf(o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#777777\" stroke-dasharray=\"6 3\"/>\n",
                 2.0 + depth * 4, y - 18, width - 2 - depth * 4, y - 18);
      svg_text(o, 10 + depth * 4, y, "start", 11, " font-style=\"italic\"", s->text);
      break;
    case STEP_END:
      if (depth > 0) {
        depth--;
        double top = depth < 16 ? frame_y[depth] : y - ROW;
        buf_printf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#777777\"/>\n",
                   2.0 + (depth + 1) * 4, top, width - 4 - (depth + 1) * 8, y - 18 - top);
      }
      y -= ROW / 2;
      break;
    }
  }
  buf_puts(o, "</svg>\n");
  free(col);
  free(x);
}

/* diagrams/sequence-N.svg, one per flow (authentication first). */
void emit_svg_sequences(const Plan *p, OutFiles *out) {
  const DocFacts *d = p->docs;
  Arena scratch = arena_make(DOCFACTS_FLOW_ARENA);
  for (int i = 0; d && i < d->nflows; i++) {
    char path[48], id[32];
    format_s(path, sizeof path, "diagrams/sequence-%d.svg", i + 1);
    format_s(id, sizeof id, "sequence-%d", i + 1);
    Arena a = scratch;   /* one flow's steps at a time */
    Flow f = docfacts_flow(&a, p, i);
    sequence_svg(p, &f, id, outfiles_add(out, path));
  }
  arena_free(&scratch);
}

/* The sequence diagram of flow `i` alone (report.html), its steps made in
 * `scratch` (passed by value: rewound on return). */
void emit_svg_sequence(const Plan *p, Arena scratch, int i, Buf *o) {
  char id[32];
  format_s(id, sizeof id, "sequence-%d", i + 1);
  Flow f = docfacts_flow(&scratch, p, i);
  sequence_svg(p, &f, id, o);
}

/* The roadmap as a gantt chart: one bar per task on the schedule (critical
 * tasks red), a row per task in build order, milestones as diamonds, the
 * deadline as a line, a scale in working weeks. */
void emit_svg_gantt(const Plan *p, Buf *o) {
  const Roadmap *r = p->roadmap;
  const char *id = "roadmap";
  enum { ROW = 22, TOP = 56, MAX_TICKS = 60 };
  double label_w = 0;
  for (int i = 0; i < r->ntasks; i++) {
    double w = text_w(r->tasks[i].name, 11);
    if (w > label_w)
      label_w = w;
  }
  if (label_w > 420)
    label_w = 420;
  label_w += 20;
  double days = r->duration_days > r->deadline_days ? r->duration_days : r->deadline_days;
  if (days < 1)
    days = 1;
  double scale = 700 / days;
  if (scale > 40)
    scale = 40;
  double width = label_w + days * scale + 120;
  double height = TOP + ROW * (r->ntasks + 1) + 20;
  Buf t = {0};
  buf_str(&t, p->model->project.name);
  buf_printf(&t, ": roadmap for %d developer%s, %.1f working days", r->devs, r->devs == 1 ? "" : "s",
             r->duration_days);
  svg_open(o, id, width, height, buf_view(&t));
  svg_text(o, 10, 22, "start", 14, " font-weight=\"bold\"", buf_view(&t));
  /* Weeks, every `step` of them so that a far deadline draws at most
   * MAX_TICKS lines. */
  double step = ceil(days / 5 / MAX_TICKS);
  for (double w = 0; w * 5 <= days + 0.001; w += step) {
    double gx = label_w + w * 5 * scale;
    buf_printf(o, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e1e4e8\"/>\n", gx, TOP - 8, gx,
               height - 20);
    t.n = 0;
    buf_printf(&t, "week %.0f", w + 1);
    if (w * 5 < days)
      svg_text(o, gx + 2, TOP - 12, "start", 10, " fill=\"#5a6677\"", buf_view(&t));
  }
  for (int i = 0; i < r->ntasks; i++) {
    const Task *k = &r->tasks[i];
    double y = TOP + ROW * i;
    Str name = k->name;
    if (text_w(name, 11) > label_w - 20) { /* the full name is in the bar's title */
      ptrdiff_t keep = (ptrdiff_t)((label_w - 30) / (11 * 0.6));
      while (keep > 0 && ((unsigned char)name.p[keep] & 0xC0) == 0x80)
        keep--;
      t.n = 0;
      buf_put(&t, name.p, keep);
      buf_puts(&t, "\xe2\x80\xa6");
      name = buf_view(&t);
    }
    svg_text(o, label_w - 8, y + 14, "end", 11, "", name);
    double bx = label_w + k->start * scale, bw = (k->finish - k->start) * scale;
    if (bw < 2)
      bw = 2;
    buf_printf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" rx=\"3\" fill=\"%s\"><title>", bx, y + 3,
               bw, k->critical ? "#d9534f" : "#5b7bb5");
    esc_html(o, k->name);
    buf_printf(o, ": day %.1f to %.1f, developer %d%s</title></rect>\n", k->start, k->finish, k->dev,
               k->critical ? ", critical" : "");
  }
  double ybot = TOP + ROW * r->ntasks;
  for (int m = 0; m < 3; m++) {
    const Milestone *ms = &r->milestones[m];
    if (!ms->name.n)
      continue;
    double mx = label_w + ms->day * scale;
    buf_printf(o, "<path d=\"M%.1f,%.1f l6,6 l-6,6 l-6,-6 z\" fill=\"#2d7d46\"/>\n", mx, ybot + 2);
    svg_text(o, mx + 8, ybot + 13, "start", 10, " fill=\"#2d7d46\"", ms->name);
  }
  if (r->has_deadline) {
    double dx = label_w + r->deadline_days * scale;
    buf_printf(o, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#a12a1d\" stroke-width=\"2\" "
                  "stroke-dasharray=\"6 3\"/>\n", dx, TOP - 8, dx, ybot + 18);
    svg_text(o, dx + 3, ybot + 28 > height - 2 ? height - 4 : ybot + 28, "start", 10, " fill=\"#a12a1d\"", S("deadline"));
  }
  /* Legend. */
  double lx = width - 110;
  buf_printf(o, "<rect x=\"%.1f\" y=\"30\" width=\"12\" height=\"10\" fill=\"#d9534f\"/>\n", lx);
  svg_text(o, lx + 16, 39, "start", 10, "", S("critical path"));
  buf_printf(o, "<rect x=\"%.1f\" y=\"44\" width=\"12\" height=\"10\" fill=\"#5b7bb5\"/>\n", lx);
  svg_text(o, lx + 16, 53, "start", 10, "", S("with slack"));
  buf_free(&t);
  buf_puts(o, "</svg>\n");
}

/* ---- the request paths ----
 * One column per path: its total against the target, then its hops in
 * order, each with its p95 (the dominant one shaded), joined by arrows.
 * A grid needs no layout engine: every row across the columns is as
 * tall as its tallest box, every column as wide as its widest. */
typedef struct {
  Str name;
  char p95[64];            /* the second line */
  double size, w, h;
} PathBox;

static void path_box(PathBox *x, Str name, double size) {
  x->name = name;
  x->size = size;
  Str b = str_c(x->p95);
  double wa = text_w(name, size), wb = text_w(b, size);
  x->w = (wa > wb ? wa : wb) + 16;
  x->w = x->w < 54 ? 54 : x->w;
  x->h = 2 * 1.2 * size + 8;
  x->h = x->h < 36 ? 36 : x->h;
}

static void path_node(Buf *o, const char *title, const PathBox *b, double cx, double cy, const char *shape) {
  buf_printf(o, "<g class=\"node\"><title>%s</title>\n<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" %s/>\n",
             title, cx - b->w / 2, cy - b->h / 2, b->w, b->h, shape);
  double top = cy - b->h / 2 + (b->h - 2 * 1.2 * b->size) / 2;
  svg_text(o, cx, top + 0.9 * b->size, "middle", b->size, "", b->name);
  svg_text(o, cx, top + 2.1 * b->size, "middle", b->size, "", str_c(b->p95));
  buf_puts(o, "</g>\n");
}

void emit_svg_paths(const Plan *p, Buf *o) {
  enum { GAP_X = 28, GAP_Y = 40, TOP = 40, SIDE = 8 };
  int rows = 1;
  for (int i = 0; i < p->npaths; i++)
    rows = p->paths[i].nhops + 1 > rows ? p->paths[i].nhops + 1 : rows;
  PathBox *box = malloc(sizeof *box * (size_t)(p->npaths * rows + 1));
  double *colw = calloc((size_t)p->npaths + 1, sizeof *colw), *rowh = calloc((size_t)rows + 1, sizeof *rowh);
  if (!box || !colw || !rowh)
    abort();
  char b1[32], b2[32];
  for (int i = 0; i < p->npaths; i++) {
    const Path *pa = &p->paths[i];
    PathBox *total = &box[i * rows];
    format_s(total->p95, sizeof total->p95, "p95 %s of %s target", fmt_ms(b1, pa->p95), fmt_ms(b2, pa->target));
    path_box(total, pa->name, 12);
    for (int k = 0; k < pa->nhops; k++) {
      PathBox *hop = &box[i * rows + k + 1];
      format_s(hop->p95, sizeof hop->p95, "p95 %s", fmt_ms(b1, pa->hops[k].p95));
      path_box(hop, pa->hops[k].name, 11);
    }
    for (int k = 0; k <= pa->nhops; k++) {
      const PathBox *b = &box[i * rows + k];
      colw[i] = b->w > colw[i] ? b->w : colw[i];
      rowh[k] = b->h > rowh[k] ? b->h : rowh[k];
    }
  }
  double width = 2 * SIDE, height = TOP + SIDE;
  for (int i = 0; i < p->npaths; i++)
    width += colw[i] + (i ? GAP_X : 0);
  for (int k = 0; k < rows; k++)
    height += rowh[k] + (k ? GAP_Y : 0);
  Buf title = {0};
  buf_str(&title, p->model->project.name);
  buf_puts(&title, ": request paths, p95 per hop");
  double tw = text_w(buf_view(&title), 12) + 2 * SIDE;
  width = width < tw ? tw : width;
  svg_open(o, "paths", width, height, buf_view(&title));
  svg_text(o, width / 2, 22, "middle", 12, "", buf_view(&title));
  double x = SIDE;
  char id[48];
  for (int i = 0; i < p->npaths; i++) {
    const Path *pa = &p->paths[i];
    double cx = x + colw[i] / 2, y = TOP, prev = 0;
    for (int k = 0; k <= pa->nhops; k++) {
      const PathBox *b = &box[i * rows + k];
      double cy = y + rowh[k] / 2;
      if (k == 1)
        buf_printf(o, "<path d=\"M%.1f,%.1f V%.1f\" fill=\"none\" stroke=\"#555555\" stroke-dasharray=\"1,5\"/>\n", cx, prev,
                   cy - b->h / 2);
      else if (k > 1)
        buf_printf(o, "<path d=\"M%.1f,%.1f V%.1f\" fill=\"none\" stroke=\"#555555\" marker-end=\"url(#paths-arrow)\"/>\n", cx,
                   prev, cy - b->h / 2);
      if (k == 0) {
        bool miss = pa->p95 > pa->target;
        format_s(id, sizeof id, "p%d", i);
        path_node(o, id, b, cx, cy,
                  miss ? "fill=\"#fbe3e0\" stroke=\"#c0392b\" stroke-width=\"2\""
                       : "fill=\"#e3f1e6\" stroke=\"#3e8f57\" stroke-width=\"2\"");
      } else {
        bool dom = str_eq(pa->hops[k - 1].name, pa->dominant);
        format_s(id, sizeof id, "p%dh%d", i, k - 1);
        path_node(o, id, b, cx, cy,
                  dom ? "rx=\"6\" fill=\"#fdf0c4\" stroke=\"#5b7bb5\"" : "rx=\"6\" fill=\"#eef3fb\" stroke=\"#5b7bb5\"");
      }
      prev = cy + b->h / 2;
      y += rowh[k] + GAP_Y;
    }
    x += colw[i] + GAP_X;
  }
  buf_puts(o, "</svg>\n");
  buf_free(&title);
  free(box);
  free(colw);
  free(rowh);
}
