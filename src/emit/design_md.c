/* DESIGN.md: the short architecture-design form: requirements, an ASCII
 * high-level diagram, components, technology table, data model, security,
 * trade-offs and when to revisit. */
#include "../util/esc.h"
#include "emit.h"

#define T(o, lit) buf_puts((o), (lit))
#define E(o, s) esc_md((o), (s))

/* Inside a ```text block nothing is markup but a fence. */
static void plain(Buf *o, Str s) { esc_md_fenced(o, s); }

static void box(Buf *o, const Part *pt) {
  T(o, "[");
  plain(o, pt->name);
  if (pt->choice) {
    T(o, ": ");
    plain(o, pt->choice->tech->name);
  }
  T(o, "]");
}

void emit_design_md(const Plan *p, Buf *o) {
  const Model *m = p->model;
  const DocFacts *d = p->docs;
  char a[32], b[32], c[32];
  md_hs(o, 1, "Design: ", m->project.name, "");
  md_h(o, 2, "Requirements summary");
  md_h(o, 3, "Functional");
  for (int i = 0; i < d->nflows; i++) {
    T(o, "- ");
    E(o, d->flows[i].title);
    T(o, "\n");
  }
  if (!d->nflows)
    T(o, "- the entities below, stored and served through the API\n");
  T(o, "\n");
  md_h(o, 3, "Non-functional");
  buf_printf(o, "- %s users, %s req/s on average, %s at peak, designed for %s req/s\n", fmt_count(a, m->project.users),
             fmt_count(b, p->load.avg_rps), fmt_count(c, p->load.peak_rps), fmt_count((char[32]){0}, p->load.design_rps));
  buf_printf(o, "- p95 latency %s, availability %.3f%%\n", fmt_ms(a, m->project.latency[PCT_P95]), m->project.availability * 100);
  buf_printf(o, "- data: %s now, %s after three years\n", fmt_bytes(a, p->storage.bytes_now), fmt_bytes(b, p->storage.db_bytes_3y));
  if (m->project.has_budget)
    buf_printf(o, "- budget %s a month; the stack costs %s\n", fmt_usd(a, m->project.budget), fmt_usd(b, p->monthly_usd));
  buf_printf(o, "- team of %d %s", m->project.team, team_level_name(m->project.level));
  if (m->project.deadline > 0)
    buf_printf(o, ", %.0f weeks", m->project.deadline / (7 * 86400.0));
  T(o, "\n\n");
  md_h(o, 3, "Assumptions");
  doc_see(o, "What Plinth assumed where the spec was silent", "SPEC.md", "Assumptions");

  md_h(o, 2, "High-Level Architecture");
  T(o, "```text\n");
  for (int i = 0; i < d->nparts; i++) {
    const Part *pt = &d->parts[i];
    if (!pt->ndeps)
      continue;
    for (int k = 0; k < pt->ndeps; k++) {
      box(o, pt);
      T(o, " --");
      plain(o, pt->deps[k].how);
      T(o, "--> ");
      box(o, &d->parts[pt->deps[k].to]);
      T(o, "\n");
    }
  }
  T(o, "```\n\n");

  md_h(o, 2, "Key components");
  for (int i = 0; i < d->nparts; i++) {
    const Part *pt = &d->parts[i];
    if (pt->kind == PART_PERSON || pt->kind == PART_DEVICE)
      continue;
    T(o, "- ");
    E(o, pt->name);
    T(o, ": ");
    E(o, pt->purpose);
    if (pt->tech.n) {
      T(o, " (");
      E(o, pt->tech);
      T(o, ")");
    }
    T(o, "\n");
  }
  T(o, "\n");

  md_h(o, 2, "Technology");
  doc_see(o, "One choice per slot, with its version and monthly cost", "SPEC.md", "Every slot");

  md_h(o, 2, "Data model");
  doc_see(o, "Entities, relations, constraints and who sets each field", "SPEC.md", "Data model");

  md_h(o, 2, "Security considerations");
  doc_see(o, "Authentication, roles, data protection and threats", "ARCHITECTURE.md", "Security");

  md_h(o, 2, "Trade-offs");
  md_h(o, 3, "Pros");
  doc_see(o, "Why this style fits", "ARCHITECTURE.md", "Architecture pattern");
  md_h(o, 3, "Cons and what to watch");
  int ncons = 0;
  if (p->npatterns) {
    buf_printf(o, "- the %d patterns this design relies on, each with what to watch: see [Patterns](DECISIONS.md#patterns)\n",
               p->npatterns);
    ncons++;
  }
  if (p->avail.advice.n) {
    T(o, "- the availability target is not met by the components in series: see "
         "[Performance requirements and strategy](ARCHITECTURE.md#performance-requirements-and-strategy)\n");
    ncons++;
  }
  if (p->nregions > 1 && p->multi_writer) {
    T(o, "- every region takes writes: two regions writing the same row at once are reconciled by the store "
         "(last writer wins unless the schema says otherwise)\n");
    ncons++;
  } else if (p->nregions > 1) {
    T(o, "- one home region takes the writes: a write from another region pays the round trip to it, and a home "
         "outage stops writes until a replica region is promoted\n");
    ncons++;
  }
  if (!ncons)
    T(o, "- one region and one database: a regional outage stops the service until it is restored\n");
  T(o, "\n");

  md_h(o, 2, "Design review");
  doc_verdict(o, p);

  md_h(o, 2, "When to revisit");
  doc_see(o, "The load, data or budget at which each choice flips", "BACKEND-PLAN.md", "When to revisit");
  md_end(o);
}
