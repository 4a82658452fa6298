/* Architecture style: monolith, modular monolith, serverless or services,
 * from the team, the compute chosen and the parts of the load that must
 * scale apart. */
#include "../util/fmt.h"
#include "core.h"
#include "explain.h"

/* Monolith, modular monolith, serverless or services, from the team, the
 * compute chosen and how many independent parts the domain has (entities
 * with no owner are the roots of separate areas). */
void plan_style(Arena *a, Plan *p) {
  const Model *m = p->model;
  const Project *pr = &m->project;
  int roots = 0;
  for (int i = 0; i < m->nentities; i++)
    roots += !m->entities[i].parent && !m->entities[i].join;
  /* Parts whose load has its own shape (heavy ingest into an events store,
   * a stream, pushed connections) must scale, deploy and fail apart from
   * the request path: the one reason a split pays for itself. Team size
   * alone does not: GitHub, Shopify and Stack Overflow run one deployable
   * with hundreds of engineers (tests/calibration). */
  const Tech *compute = NULL;
  Str apart = {0};
  char b1[32], b2[32];
  const DataClass *ev = &p->classes[DC_EVENTS];
  double ev_ingest = plan_figure(p, "topology", "events-ingest", 1000),
         ev_writes = plan_figure(p, "topology", "events-writes", 2000);
  int apart_n = (int)plan_figure(p, "style", "apart-instances", 4);
  for (int i = 0; i < p->nchoices; i++) {
    Str slot = p->choices[i].need->slot;
    if (str_eqc(slot, "compute"))
      compute = p->choices[i].tech;
    else if (apart.n || !p->choices[i].tech)
      continue;
    /* An events store splits the system only when its writers carry a
     * load of their own; one held for its volume (a long history written
     * slowly) is another table the one deployable writes to. */
    else if (str_eqc(slot, "events") && p->load.ingest_rows_per_s > 0 &&
             (p->load.ingest_rows_per_s >= ev_ingest || ev->writes >= ev_writes))
      apart = str_printf(a, "the ingest path into the events store (%s rows/s at the design load)",
                         fmt_count(b1, ev->writes));
    else if (str_eqc(slot, "events") && ev->writes >= ev_writes)
      apart = str_printf(a, "the writers of the appended history (%s writes/s at the design load, past %s)",
                         fmt_count(b1, ev->writes), fmt_count(b2, ev_writes));
    else if (str_eqc(slot, "stream"))
      apart = S("the event stream's consumers");
    /* Pushed connections scale apart on a tier the team runs, or through
     * the delivery workers of a fan-out past the point a request delivers
     * inline; a provider's service holds them otherwise, and the one
     * deployable publishes to it. */
    else if (str_eqc(slot, "realtime") && (str_eqc(p->choices[i].tech->hosting, "self-hosted") || plan_fans_out(p)))
      apart = S("the pushed connections");
    else if (p->choices[i].need->apart)
      apart = S("the media processing pipeline");
  }
  /* An archetype's worker pool sized on a load of its own (deliveries =
   * posts x followers, not requests) at several instances scales apart. */
  for (int i = 0; i < p->ncomponents && !apart.n; i++) {
    const Component *c = &p->components[i];
    if (str_eqc(c->kind, "service") && c->instances >= apart_n)
      apart = str_printf(a, "the %.*s (%d instances for %s %.*s)", STRF(c->name), c->instances,
                         fmt_count(b1, c->value), STRF(c->unit));
  }
  Str *b = new(a, Str, 4);
  int n = 0;
  /* A part that scales apart gets its own deployable when a team can own
   * it: at least two teams (`services-team` engineers), or four
   * independent areas of the domain with ten engineers. */
  int two_teams = (int)plan_figure(p, "style", "services-team", 16);
  if (apart.n && ((pr->team >= 10 && roots >= 4) || pr->team >= two_teams)) {
    p->style.choice = S("services");
    b[n++] = str_printf(a, "%.*s must scale, deploy and fail apart from the request path", STRF(apart));
    b[n++] = pr->team >= two_teams && roots < 4
                 ? str_printf(a, "%d engineers are at least two teams (%d): one can own that part as a service "
                                 "without serialising the others' releases", pr->team, two_teams)
                 : str_printf(a, "%d independent areas of the domain give natural service boundaries", roots);
  } else if (pr->team >= 25) {
    p->style.choice = S("modular-monolith");
    b[n++] = str_printf(a, "a team of %d works as several teams, each owning modules of one deployable", pr->team);
    b[n++] = S("team size alone does not call for services: no part of the load must scale or fail apart from the request path");
    b[n++] = str_printf(a, "modules along the %d area%s of the domain keep the boundaries a later split needs", roots,
                        roots == 1 ? "" : "s");
  } else if (compute && str_eqc(compute->family, "functions") && pr->team <= 5) {
    p->style.choice = S("serverless");
    b[n++] = str_printf(a, "%.*s runs each endpoint as a function, billed per request", STRF(compute->name));
    b[n++] = str_printf(a, "at %s req/s on average, paying per request is cheaper than idle servers",
                        fmt_count(b1, p->load.avg_rps));
    b[n++] = str_printf(a, "a team of %d writes one codebase deployed as functions, not services to operate",
                        pr->team);
  } else if (pr->team >= 4 || roots >= 4) {
    p->style.choice = S("modular-monolith");
    b[n++] = str_printf(a, "one deployable keeps operations simple for a team of %d", pr->team);
    b[n++] = str_printf(a, "modules along the %d areas of the domain keep the boundaries a later split needs", roots);
    if (apart.n)
      b[n++] = str_printf(a, "%.*s must scale apart, but %d engineers are one team (services from %d): it runs as its "
                             "own process of the one codebase, scaled on its own load",
                          STRF(apart), pr->team, two_teams);
  } else {
    p->style.choice = S("monolith");
    b[n++] = str_printf(a, "a team of %d moves fastest with one codebase and one deployable", pr->team);
    b[n++] = str_printf(a, "%d entities and %s req/s at peak fit comfortably in one service", m->nentities,
                        fmt_count(b1, p->load.peak_rps));
  }
  p->style.because = b;
  p->style.nbecause = n;
  plan_choice_fact(a, p, &(Need){.slot = S("style")}, &(Tech){.family = p->style.choice});
  plan_patterns(a, p);
}
