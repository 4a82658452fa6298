/* Latency budget and availability of the request paths.
 *
 * A path is a list of hops, each with a p50 and a p95 from the chosen
 * technology's latency facts (or a planning figure when the knowledge base
 * has none). A path's p50 is the sum of hop p50s; its p95 is the sum of hop
 * p95s, which is an upper bound (tails rarely coincide) and therefore the
 * safe figure to hold against a target.
 *
 * Paths: read and write always; upload, search, realtime and ingest when a
 * feature asks for them; checkout when a payments integration is called
 * inside the request (an external-call hop from the planning figures).
 *
 * Two hops depend on traffic:
 *   - functions: a request lands on a cold instance with probability
 *     1 / (1 + avg req/s x warm window); when that reaches 5% the cold start
 *     enters the p95, at 50% the p50;
 *   - cache: hits take the cache's latency; when misses (1 - hit ratio)
 *     reach 5%, the p95 includes the database behind the cache.
 *
 * Availability multiplies the SLAs of the components in series on the
 * request path (gateway, compute, database). A self-hosted component has
 * the single-node availability and, with n instances, 1 - (1 - a)^n. A
 * plan deployed in several regions counts two of them for the parts that
 * run in every region, and keeps the others (a database at home with read
 * replicas promoted by hand) in series.
 *
 * Per region (plan_region_latency): reads at the read path's p95; writes
 * from a replica region add one round trip to the home region. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../util/fmt.h"
#include "core.h"
#include "delivery.h"
#include "docfacts.h"
#include "explain.h"

static const Tech *chosen(const Plan *p, const char *slot) {
  for (int i = 0; i < p->nchoices; i++)
    if (str_eqc(p->choices[i].need->slot, slot))
      return p->choices[i].tech;
  return NULL;
}

static const Choice *choice_of(const Plan *p, const char *slot) {
  for (int i = 0; i < p->nchoices; i++)
    if (str_eqc(p->choices[i].need->slot, slot))
      return &p->choices[i];
  return NULL;
}

typedef struct {
  Arena *a;
  Path *path;
  int cap;
} Builder;

static void hop(Builder *b, Str name, double p50, double p95, Str note) {
  if (b->path->nhops == b->cap) {
    int nc = b->cap ? b->cap * 2 : 8;
    Hop *h = new(b->a, Hop, nc);
    if (b->path->nhops)
      memcpy(h, b->path->hops, sizeof(Hop) * (size_t)b->path->nhops);
    b->path->hops = h;
    b->cap = nc;
  }
  b->path->hops[b->path->nhops++] = (Hop){name, p50, p95, note};
}

/* A technology's hop: its latency facts, or the default figures. */
static void tech_hop(Builder *b, const Plan *p, const char *role, const Tech *t, double times) {
  if (!t || (!strcmp(role, "gateway") && t == chosen(p, "compute")))
    return;
  double d50 = plan_figure(p, "network", "hop-default-p50", 0.001);
  double d95 = plan_figure(p, "network", "hop-default-p95", 0.005);
  const KbFact *f50 = tech_fact(t, KEY_LATENCY, "p50"), *f95 = tech_fact(t, KEY_LATENCY, "p95");
  double p50 = f50 ? f50->value : d50, p95 = f95 ? f95->value : (f50 ? f50->value * 3 : d95);
  Str name = times > 1 ? str_printf(b->a, "%s: %.*s (x%g)", role, STRF(t->name), times)
                       : str_printf(b->a, "%s: %.*s", role, STRF(t->name));
  hop(b, name, p50 * times, p95 * times, f50 ? (Str){0} : S("no published figure; planning default"));
}

/* The cold starts of compute `t` at the plan's load: the share of
 * requests that start an instance (returned; -1 when `t` has no cold
 * starts) and what they add to the p50 and the p95. The choice weighs the
 * same figure (choose.c). */
double plan_cold_starts(const Plan *p, const Tech *t, double *add50, double *add95) {
  *add50 = *add95 = 0;
  const KbFact *c50 = t ? tech_fact(t, KEY_COLDSTART, "p50") : NULL, *c95 = t ? tech_fact(t, KEY_COLDSTART, "p95") : NULL;
  if (!c50)
    return -1;
  double window = plan_figure(p, "compute", "warm-window", 300);
  double cold = 1 / (1 + p->load.avg_rps * window);
  *add50 = cold >= 0.5 ? c50->value : 0;
  *add95 = cold >= 0.05 ? (c95 ? c95->value : c50->value * 3) : 0;
  return cold;
}

static void compute_hop(Builder *b, const Plan *p) {
  const Tech *t = chosen(p, "compute");
  if (!t)
    return;
  tech_hop(b, p, "compute", t, 1);
  double app50 = plan_figure(p, "compute", "app-p50", 0.005), app95 = plan_figure(p, "compute", "app-p95", 0.02);
  hop(b, S("application code"), app50, app95, S("request handling in our own code"));
  double add50, add95, cold = plan_cold_starts(p, t, &add50, &add95);
  if (cold < 0)
    return;
  char b1[32];
  hop(b, S("cold starts"), add50, add95,
      str_printf(b->a, "%.2f%% of requests start an instance (1 / (1 + %s req/s x %.0f s))", cold * 100,
                 fmt_count(b1, p->load.avg_rps), plan_figure(p, "compute", "warm-window", 300)));
}

static void data_hops(Builder *b, const Plan *p, bool read) {
  const Tech *db = chosen(p, "database"), *cache = chosen(p, "cache");
  double q = read ? plan_figure(p, "compute", "queries-per-read", 2) : plan_figure(p, "compute", "queries-per-write", 3);
  if (read && cache) {
    double hit = plan_figure(p, "compute", "cache-hit-ratio", 0.8);
    tech_hop(b, p, "cache", cache, 1);
    if (db) {
      const KbFact *f50 = tech_fact(db, KEY_LATENCY, "p50"), *f95 = tech_fact(db, KEY_LATENCY, "p95");
      double d50 = plan_figure(p, "network", "hop-default-p50", 0.001);
      double d95 = plan_figure(p, "network", "hop-default-p95", 0.005);
      double p50 = (f50 ? f50->value : d50) * q, p95 = (f95 ? f95->value : f50 ? f50->value * 3 : d95) * q;
      hop(b, str_printf(b->a, "database on cache miss: %.*s (x%g)", STRF(db->name), q), hit >= 0.5 ? 0 : p50,
          1 - hit >= 0.05 ? p95 : 0, str_printf(b->a, "%.0f%% of reads miss the cache", (1 - hit) * 100));
    }
    return;
  }
  tech_hop(b, p, "database", db, q);
}

static void finish(Plan *p, Path *path) {
  double worst = -1;
  for (int i = 0; i < path->nhops; i++) {
    path->p50 += path->hops[i].p50;
    path->p95 += path->hops[i].p95;
    if (path->hops[i].p95 > worst) {
      worst = path->hops[i].p95;
      path->dominant = path->hops[i].name;
    }
  }
  path->target = p->model->project.latency[PCT_P95];
}

void plan_latency(Arena *a, Plan *p) {
  const Model *m = p->model;
  bool upload = false, search = false, realtime = false, ingest = false;
  for (int i = 0; i < m->nfeatures; i++) {
    FeatureKind k = m->features[i].kind;
    upload |= k == FK_UPLOAD;
    search |= k == FK_SEARCH || (k == FK_CRUD && feature_has(&m->features[i], "search"));
    realtime |= k == FK_REALTIME || (k == FK_DASHBOARD && feature_has(&m->features[i], "live"));
    ingest |= k == FK_INGEST;
  }
  const Feature *payments = NULL;
  for (int k = 0; k < m->nfeatures && !payments; k++) {
    const Option *kind = m->features[k].kind == FK_INTEGRATION ? feature_opt(&m->features[k], "kind") : NULL;
    if (kind && str_eqc(kind->args[0].text, "payments"))
      payments = &m->features[k];
  }
  static const char *const names[] = {"read", "write", "upload", "search", "realtime", "ingest", "checkout"};
  bool on[] = {true, true, upload, search, realtime, ingest, payments != NULL};
  int n = 0;
  for (int i = 0; i < 7; i++)
    n += on[i];
  p->paths = new(a, Path, n);
  double rtt50 = plan_figure(p, "network", "client-rtt-p50", 0.04);
  double rtt95 = plan_figure(p, "network", "client-rtt-p95", 0.12);
  for (int i = 0; i < 7; i++) {
    if (!on[i])
      continue;
    Path *path = &p->paths[p->npaths++];
    path->name = str_c(names[i]);
    Builder b = {a, path, 0};
    hop(&b, S("client to region"), rtt50, rtt95, S("one round trip over the internet"));
    tech_hop(&b, p, "gateway", chosen(p, "gateway"), 1);
    compute_hop(&b, p);
    switch (i) {
    case 0: data_hops(&b, p, true); break;
    case 1: data_hops(&b, p, false); break;
    case 6:
      /* A payment is confirmed with the provider inside the request. */
      data_hops(&b, p, false);
      hop(&b, str_printf(a, "external call: %.*s", STRF(payments->name)),
          plan_figure(p, "network", "external-api-p50", 0.15), plan_figure(p, "network", "external-api-p95", 0.6),
          S("the payment provider's API, called during checkout"));
      break;
    case 2:
      data_hops(&b, p, false);
      tech_hop(&b, p, "object storage", chosen(p, "object-storage"), 1);
      break;
    case 3:
      if (chosen(p, "search"))
        tech_hop(&b, p, "search", chosen(p, "search"), 1);
      else
        data_hops(&b, p, true);
      break;
    case 4:
      data_hops(&b, p, false);
      tech_hop(&b, p, "fan-out", chosen(p, "realtime"), 1);
      hop(&b, S("delivery to subscribers"), rtt50 / 2, rtt95 / 2, S("one way to each connected client"));
      break;
    case 5: {
      const Tech *q = chosen(p, "stream") ? chosen(p, "stream") : chosen(p, "queue");
      if (q)
        tech_hop(&b, p, "buffer", q, 1);
      else
        data_hops(&b, p, false);
      break;
    }
    }
    finish(p, path);
  }
  plan_region_latency(a, p);
}

/* Each deployed region's p95 for its users: reads are served in the region
 * (its compute, its read copy or cache); a write from a replica region
 * pays one round trip to the home region, where the system of record
 * takes it, unless that store writes in every region. The region ids are
 * the chosen cloud's (kb/regions.kb). */
void plan_region_latency(Arena *a, Plan *p) {
  const Path *rd = NULL, *wr = NULL;
  for (int i = 0; i < p->npaths; i++) {
    if (str_eqc(p->paths[i].name, "read"))
      rd = &p->paths[i];
    if (str_eqc(p->paths[i].name, "write"))
      wr = &p->paths[i];
  }
  const Choice *db = choice_of(p, "database");
  bool everywhere = p->multi_writer && db && db->tech && tech_has(db->tech, CAP_MULTI_REGION);
  char rec[64];
  snprintf(rec, sizeof rec, "region-ids-%.*s", (int)(p->cloud.n < 40 ? p->cloud.n : 40), p->cloud.p);
  for (int i = 0; i < p->nregions; i++) {
    Region *r = &p->regions[i];
    r->p95_read = rd ? rd->p95 : 0;
    r->write_rtt = r->home || everywhere || r->rtt < 0 ? 0 : r->rtt;
    r->p95_write = (wr ? wr->p95 : 0) + r->write_rtt;
    r->meets = fmax(r->p95_read, r->p95_write) <= p->model->project.latency[PCT_P95] + 1e-12;
    r->id = r->site.n ? doc_text(p, rec, r->site) : (Str){0};
  }
  (void)a;
}

/* Whether a slot's part runs, and takes its requests, in every deployed
 * region: each region's role in its topology is `active` (compute, or a
 * store that writes in each), or it has no topology there and serves
 * requests (a managed gateway or platform in each region); the home
 * region comes first. A home and its read replicas (promoted by hand), or
 * a part placed at home only, is not. */
static bool every_region(const Plan *p, const Choice *c) {
  const Topology *tp = &c->cost.topo;
  if (!tp->nregions)
    return str_eqc(c->need->slot, "compute") || str_eqc(c->need->slot, "gateway");
  if (tp->nregions < p->nregions)
    return false;
  for (int i = 1; i < tp->nregions; i++)
    if (!str_eqc(tp->regions[i].role, "active"))
      return false;
  return tp->nregions > 1;
}

static void part(Arena *a, Availability *av, int *n, Str name, double sla, int replicas, bool self_run) {
  AvailPart *x = &av->parts[(*n)++];
  x->self_run = self_run;
  x->name = name;
  x->sla = sla;
  x->replicas = replicas < 1 ? 1 : replicas;
  x->effective = 1 - pow(1 - sla, x->replicas);
  (void)a;
}

int plan_avail_digits(const Availability *av) {
  int d = 3;
  while (d < 6 && fabs(av->composite - av->target) > 1e-9 &&
         round(av->composite * 100 * pow(10, d)) == round(av->target * 100 * pow(10, d)))
    d++;
  return d;
}

void plan_availability(Arena *a, Plan *p) {
  Availability *av = &p->avail;
  av->parts = new(a, AvailPart, 3);
  av->target = p->model->project.availability;
  double single = plan_figure(p, "network", "single-node-availability", 0.995);
  static const char *const slots[] = {"gateway", "compute", "database"};
  int n = 0;
  for (int i = 0; i < 3; i++) {
    const Choice *c = choice_of(p, slots[i]);
    if (!c || !c->tech)
      continue;
    if (i == 0 && choice_of(p, "compute") && choice_of(p, "compute")->tech == c->tech)
      continue; /* the platform is its own gateway: count it once */
    const KbFact *sla = tech_fact(c->tech, KEY_SLA, NULL);
    /* Stateless compute instances back each other up; a database's extra
     * nodes hold different data, so only a standby adds redundancy. */
    int inst = c->cost.instances ? c->cost.instances : 1;
    const Topology *tp = &c->cost.topo;
    int replicas = i == 2 ? (tp->set ? 1 + tp->standbys + tp->replicas : inst >= 2 ? 2 : 1) : inst;
    bool self_run = str_eqc(c->tech->hosting, "self-hosted");
    if (sla)
      part(a, av, &n, c->tech->name, sla->value, 1, false);
    else
      part(a, av, &n, str_printf(a, "%.*s (no published SLA; %g%% per instance, %d redundant)", STRF(c->tech->name),
                                 single * 100, replicas),
           single, replicas, self_run);
    av->parts[n - 1].everywhere = p->nregions > 1 && every_region(p, c);
  }
  av->nparts = n;
  /* Deployed in several regions, the parts that run in every region
   * count two independent ones (when one fails, its users fail over to
   * the other): 1 - (1 - their product)^2. A part that stays at home stays
   * in series: home-only x (1 - (1 - everywhere)^2). */
  double home = 1, spread = 1;
  int nspread = 0;
  double weakest = 2;
  Buf hn = {0};
  for (int i = 0; i < n; i++) {
    const AvailPart *x = &av->parts[i];
    if (x->everywhere)
      spread *= x->effective, nspread++;
    else
      home *= x->effective;
    if (p->nregions > 1 && !x->everywhere)
      buf_printf(&hn, "%s%.*s", hn.n ? ", " : "", STRF(x->name));
  }
  /* The weakest among the parts in series (all of them in one region). */
  for (int i = 0; i < n; i++) {
    const AvailPart *x = &av->parts[i];
    if ((!x->everywhere || nspread == n) && x->effective < weakest) {
      weakest = x->effective;
      av->weakest = x->name;
    }
  }
  av->regions = nspread ? 2 : 1;
  av->composite = home * (nspread ? 1 - pow(1 - spread, 2) : 1);
  av->home_only = hn.n ? str_printf(a, "%.*s", (int)hn.n, hn.p) : (Str){0};
  buf_free(&hn);
  if (n && av->composite + 1e-9 < av->target) {
    /* Among the weakest, a part we run ourselves is the one we can fix. */
    const AvailPart *w = NULL;
    for (int i = 0; i < n; i++)
      if (av->parts[i].effective == weakest && (!av->parts[i].everywhere || nspread == n) &&
          (!w || (av->parts[i].self_run && !w->self_run)))
        w = &av->parts[i];
    av->weakest = w->name;
    if (w->self_run && w->replicas == 1) {
      /* Self-run with one instance: a second one is the fix. */
      double a2 = 1 - pow(1 - weakest, 2);
      double with = av->composite / weakest * a2;
      av->advice = str_printf(a,
                              "%.*s limits the path to %.3f%%; a second instance (1 - (1 - %.4f)^2 = %.4f%%) lifts "
                              "the path to %.3f%%%s",
                              STRF(av->weakest), weakest * 100, weakest, a2 * 100, with * 100,
                              with >= av->target ? ", which meets the target"
                                                 : "; more redundancy or a second region is needed");
    } else if (av->home_only.n) {
      /* Several regions already: what stays at home is what fails them. */
      av->advice = str_printf(a,
                              "the regions fail over for the parts that run in each, but %.*s stay%s in the home "
                              "region (a read replica is promoted by hand, past the downtime the target allows), "
                              "which holds the path to %.*f%%, below the %.3f%% target; a store that writes in "
                              "every region, or a higher SLA there, is needed",
                              STRF(av->home_only), n - nspread > 1 ? "" : "s", plan_avail_digits(av),
                              av->composite * 100, av->target * 100);
    } else {
      /* Published SLAs in series: the fix is a component with a higher SLA,
       * or a second region that fails over. */
      double two = 1 - pow(1 - av->composite, 2);
      av->advice = str_printf(a,
                              "the SLAs in series allow %.3f%%, below the %.3f%% target, and %.*s (%.3f%%) is the "
                              "weakest; choose a component with a higher SLA there, or run a second region with "
                              "failover (two independent regions: 1 - (1 - %.5f)^2 = %.4f%%)",
                              av->composite * 100, av->target * 100, STRF(av->weakest), weakest * 100, av->composite,
                              two * 100);
    }
  }
}

/* The percentile the p95 target comes from (the spec's p95, else the first
 * of p99, p90, p50 it states); -1: none. */
int plan_latency_source(const Plan *p) {
  const AstProject *s = &p->model->project.src;
  static const int order[] = {PCT_P95, PCT_P99, PCT_P90, PCT_P50};
  for (int i = 0; i < 4; i++)
    if (s->latency[order[i]].set)
      return order[i];
  return -1;
}

double plan_latency_at(const Path *x, int pct) { return pct == PCT_P50 ? x->p50 : x->p95; }

const Path *plan_latency_miss(const Plan *p, int pct) {
  const Fig *f = &p->model->project.src.latency[pct];
  for (int i = 0; f->set && i < p->npaths; i++)
    if (plan_latency_at(&p->paths[i], pct) > f->v + 1e-12)
      return &p->paths[i];
  return NULL;
}
