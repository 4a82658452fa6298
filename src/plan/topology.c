/* Topology and data classes: how much of each technology the workload
 * needs, and which store holds which data.
 *
 * Data classes (plan_classes, run by plan_needs). Every entity falls into
 * one class from its facts:
 *   record     the system of record, ACID: every entity with money, secrets
 *              or card and health data, the entity that signs in, and
 *              whatever no other class claims;
 *   events     ingested rows, and append-only histories (realtime or
 *              history features without edits) past `events-rows` rows at
 *              the horizon or `events-writes` writes a second at the design
 *              load: a store built to scale writes out holds them;
 *   blobs      entities that carry a file: object storage;
 * and cache, search and analytics hold copies (needs.c fills them).
 *
 * Sizing (plan_topology). For one candidate of a slot and the slot's
 * demand, the cheapest topology within the ceilings:
 *   1. an instance class (a `size`) whose writes ceiling carries the
 *      writes on one primary; reads that dominate the writes and pass a
 *      mid-size class go to read replicas, not to a bigger primary;
 *   2. else shards, on the axis that is full (writes, storage at the
 *      horizon, a relational store's working set past its largest class's
 *      memory), when the store scales out (key-value, wide-column,
 *      time-series, search, in-memory, streams) or, for a relational store,
 *      when the data has a shard key from its access pattern (owner,
 *      tenant, device and time); a single primary is never sized past
 *      those ceilings; the fewest shards within 25% of the cheapest win;
 *   3. read replicas per shard for the reads one instance cannot carry;
 *   4. copies from the availability target: 2 zones at 99.9%, 3 at 99.99%;
 *      from 99.95% a relational store's copy in each other zone is a
 *      readable replica, below it a standby; quorum stores keep 3;
 * and the provider's limits (instances, replicas, shards, dynos per size)
 * bound every count, and a class is a candidate only in the deployment
 * modes its size names (a writer with two standbys, or readable copies in
 * 3 zones where clusters are offered, is a cluster: RDS takes db.m6gd or
 * db.r6gd there, not burstable db.t4g). When no class fits, the topology is "cannot", with
 * the ceiling that stops it. Worked figures are in tests/unit/test_topology.c. */
#include <math.h>
#include <string.h>

#include "../spec/units.h"
#include "plan.h"

static const char *const class_names[DC_COUNT_] = {"record", "events", "blobs", "cache", "search", "analytics"};

const char *data_class_name(DataClassKind k) { return k >= 0 && k < DC_COUNT_ ? class_names[k] : "record"; }

Str plan_vendor(const Tech *t) {
  if (t->vendor.n)
    return t->vendor;
  if (str_eqc(t->hosting, "self-hosted") || str_eqc(t->hosting, "library") || str_eqc(t->hosting, "tool"))
    return (Str){0};
  if (t->nclouds == 1 &&
      (str_eqc(t->clouds[0], "aws") || str_eqc(t->clouds[0], "gcp") || str_eqc(t->clouds[0], "azure")))
    return t->clouds[0];
  return t->id;
}

static bool has_kind(const Entity *e, FeatureKind k) {
  for (int i = 0; i < e->nfeatures; i++)
    if (e->features[i]->kind == k)
      return true;
  return false;
}


/* Burstable classes (a `baseline` CPU share) are for development and test
 * servers, as AWS recommends: a production plan takes one only below
 * `burstable-below` (a target one instance meets) or under a tight budget. */
bool plan_burst_ok(const Plan *p) {
  return p->model->project.availability < plan_figure(p, "topology", "burstable-below", 0.999) || plan_budget_tight(p);
}

/* The server a self-run component gets: the planning node (a burstable
 * t4g.medium) where a burstable class is fit, else a steady one. */
void plan_self_node(const Plan *p, double *memory, double *hour) {
  bool burst = plan_burst_ok(p);
  *memory = burst ? plan_figure(p, "self-hosted", "node-memory", 4294967296.0)
                  : plan_figure(p, "self-hosted", "steady-node-memory", 8589934592.0);
  *hour = burst ? plan_figure(p, "self-hosted", "node-hour", 0.0336)
                : plan_figure(p, "self-hosted", "steady-node-hour", 0.0816);
}

/* Data that must stay in the ACID system of record: money, secrets (the
 * accounts that sign in), card and health data, and the parents of rows
 * that carry money (an order whose items have prices). */
static bool must_be_record(const Entity *e) {
  if (e->principal)
    return true;
  for (int k = 0; k < e->nfields; k++)
    if (e->fields[k].type == FT_MONEY || e->fields[k].type == FT_SECRET ||
        (e->fields[k].tags & (TAG_SECRET | TAG_PCI | TAG_PHI)))
      return true;
  for (int i = 0; i < e->nincoming; i++) {
    const Entity *c = e->incoming[i].from;
    if (c == e || c->parent != e)
      continue;
    for (int k = 0; k < c->nfields; k++)
      if (c->fields[k].type == FT_MONEY)
        return true;
  }
  return false;
}

/* An entity that is its file: nothing but the file and relations (an
 * attachment). One with its own text, numbers or features beyond upload
 * is a record whose file sits in object storage. */
static bool file_only(const Entity *e) {
  for (int k = 0; k < e->nfields; k++)
    if (e->fields[k].type != FT_BLOB && e->fields[k].rel == REL_NONE)
      return false;
  for (int k = 0; k < e->nfeatures; k++)
    if (e->features[k]->kind != FK_UPLOAD && e->features[k]->kind != FK_CRUD)
      return false;
  return true;
}

static double rows_at(const EntityStorage *s, double months) {
  double r = s->rows_now + s->rows_per_month * months;
  if (s->rows_cap > 0 && r > fmax(s->rows_cap, s->rows_now))
    r = fmax(s->rows_cap, s->rows_now);
  return r;
}

/* The shard key the access pattern gives: the owner at the top of the
 * ownership chain (user, customer, tenant), or the parent plus a time
 * bucket for appended rows. */
static Str shard_key(Arena *a, const Entity *e, bool timed) {
  const Entity *top = e;
  for (int i = 0; i < 16 && top->parent && top->parent != top; i++)
    top = top->parent;
  if (timed && e->parent)
    return str_printf(a, "%.*s_id + time bucket", STRF(e->parent->name));
  if (top != e)
    return str_printf(a, "%.*s_id", STRF(top->name));
  return (Str){0};
}

static void push_entity(Arena *a, const Entity ***v, int *n, int cap, const Entity *e) {
  if (!*v)
    *v = new(a, const Entity *, cap);
  (*v)[(*n)++] = e;
}

/* The figures that place each entity in its data class, and what the
 * placing found: whether the events leave the system of record, and the
 * largest ingested history at the horizon. */
typedef struct {
  double design, ev_rows, ev_writes, ev_ingest, hot_window, hot_share;
  int nreadf;
  bool heavy_events;
  const Entity *big_ingest;
  double big_rows;
} Classing;

/* The bytes of a row a read of the table keeps in memory: a value past
 * `inline-value-bytes` is stored out of line (PostgreSQL's TOAST, InnoDB's
 * off-page columns) and read only when its row is opened, so the row pages
 * and indexes hold a pointer to it, not the value. */
static double inline_row_bytes(const Plan *p, const Entity *e) {
  double inline_max = plan_figure(p, "working-set", "inline-value-bytes", 2000);
  double b = e->row_bytes;
  for (int k = 0; k < e->nfields; k++)
    if (e->fields[k].avg_bytes > inline_max)
      b -= e->fields[k].avg_bytes - inline_max;
  return b;
}

/* The working set of one entity: the rows its reads touch while their
 * pages stay in memory, with their index pages (`index-overhead`).
 *   appended rows (ingested, or a history or realtime feed never edited)
 *     are read at their recent end: the rows of the last
 *     `hot-window-months` at the horizon's growth;
 *   a stated flow of rows (`grows`: orders, jobs, attempts) is edited
 *     while fresh and read as history afterwards, one owner's page at a
 *     time through an index: the recent rows and the `hot-share` of the
 *     rows there are today, not of the history the horizon adds;
 *   a stock of rows edited in place (counted, or per parent) keeps its
 *     `hot-share` hot at the horizon, which holds the recent rows unless
 *     the window is larger. */
static double hot_rows(const Plan *p, const Entity *e, const EntityStorage *s, double es, double rows_h,
                       bool appended, const Classing *cl) {
  double recent = fmin(rows_h, s->rows_per_month * es * cl->hot_window);
  double rows = appended    ? recent
                : e->grows > 0 ? fmin(rows_h, recent + cl->hot_share * s->rows_now * es)
                               : fmax(recent, cl->hot_share * rows_h);
  return rows * inline_row_bytes(p, e) * (1 + p->storage.index_overhead);
}

/* Places entity i in its data class and adds its rows, rates and working
 * set to the class. */
static void place_entity(Arena *a, Plan *p, int i, Classing *cl) {
  const Model *m = p->model;
  const Load *l = &p->load;
  double month = l->seconds_per_month;
  const Entity *e = &m->entities[i];
  const EntityStorage *s = &p->storage.ents[i];
  double es = p->ent_scale > 0 ? p->ent_scale : 1;   /* a rescaled copy shares the entities' figures */
  double rows_h = rows_at(s, p->horizon_months) * es;
  double bytes_h = rows_h * e->row_bytes * (1 + p->storage.index_overhead);
  double writes = s->rows_per_month * es / month * cl->design;
  int rf = 0;
  for (int k = 0; k < e->nfeatures; k++) {
    FeatureKind fk = e->features[k]->kind;
    rf += fk != FK_NOTIFY && fk != FK_INGEST && fk != FK_INTEGRATION;
  }
  double reads = cl->nreadf ? l->reads_per_s * cl->design * rf / cl->nreadf : 0;
  bool ingested = has_kind(e, FK_INGEST);
  bool appended = (has_kind(e, FK_REALTIME) || has_kind(e, FK_HISTORY)) && !has_kind(e, FK_CRUD);
  DataClassKind k = DC_RECORD;
  if (must_be_record(e))
    k = DC_RECORD;
  else if (e->blob_bytes > 0 && file_only(e))
    k = DC_BLOBS;
  else if (ingested)
    k = DC_EVENTS;
  else if (appended && (rows_h >= cl->ev_rows || writes >= cl->ev_writes)) {
    k = DC_EVENTS;
    cl->heavy_events = true;
  }
  if (ingested) {
    writes = l->ingest_rows_per_s * cl->design / (p->storage.ningest ? p->storage.ningest : 1);
    if (rows_h >= cl->ev_rows && rows_h > cl->big_rows) {
      cl->big_rows = rows_h, cl->big_ingest = e;
      cl->heavy_events = true;
    }
  }
  p->entity_class[i] = k;
  DataClass *c = &p->classes[k];
  bool by_time = e->retain > 0 || has_kind(e, FK_HISTORY) || has_kind(e, FK_REPORT) ||
                 has_kind(e, FK_DASHBOARD) || has_kind(e, FK_QUERY);
  if (by_time && s->rows_per_month > 0 && bytes_h > c->timed_bytes)
    c->timed = e, c->timed_bytes = bytes_h;
  push_entity(a, &c->entities, &c->nentities, m->nentities, e);
  c->writes += writes;
  c->reads += reads;
  c->bytes += bytes_h;
  p->entity_hot[i] = hot_rows(p, e, s, es, rows_h, ingested || appended, cl);
  c->hot_bytes += p->entity_hot[i];
  if (!c->shard_key.n)
    c->shard_key = shard_key(a, e, k == DC_EVENTS);
}

/* Each class's slot and the reasons that state its figures. */
static void classes_why(Arena *a, Plan *p, const Classing *cl) {
  const Project *pr = &p->model->project;
  const Load *l = &p->load;
  double month = l->seconds_per_month;
  char b1[32], b2[32], b3[32], b4w[32];
  DataClass *rec = &p->classes[DC_RECORD], *ev = &p->classes[DC_EVENTS], *bl = &p->classes[DC_BLOBS];
  /* Growth implies inserts: the database is sized for the larger of the
   * rows its data grows by and the API's own writes. */
  if (!p->quiet) {
    double api = (l->writes_per_s - l->ingest_rows_per_s) * cl->design;
    plan_explain(a, p, "load.implied_writes", "record writes implied by growth", rec->writes, "writes/s",
                 "new rows a month / %s s x peak %g x margin %g = %s/s, against the API's %s writes/s at the design "
                 "load: the system of record is sized for the larger",
                 fmt_count(b1, month), pr->peak, l->margin, fmt_count(b2, rec->writes), fmt_count(b3, api));
  }
  rec->slot = S("database");
  rec->why = p->quiet ? (Str){0}
                      : str_printf(a, "the system of record: ACID transactions for accounts, money and everything "
                                      "edited in place; %s writes/s and %s reads/s at the design load, %s after "
                                      "%g years, with a working set of %s (appended rows of the last %g month%s, "
                                      "%g%% of the rows edited in place or, for a stated flow of rows, of those "
                                      "there are today, with their in-line values and indexes)",
                                   fmt_count(b1, rec->writes), fmt_count(b2, rec->reads), fmt_bytes(b3, rec->bytes),
                                   p->horizon_months / 12, fmt_bytes(b4w, rec->hot_bytes), cl->hot_window,
                                   cl->hot_window == 1 ? "" : "s", cl->hot_share * 100);
  if (ev->nentities) {
    ev->slot = cl->heavy_events ? S("events") : S("database");
    char b4[32], b5[32];
    if (!p->quiet && cl->heavy_events && cl->big_ingest && l->ingest_rows_per_s < cl->ev_ingest)
      ev->why = str_printf(a, "appended at %s rows/s at the design load, under the %s ingested rows a second at "
                              "which writes alone call for it, but %s %.*s rows after %g years (%s) pass the %s rows "
                              "a table of the system of record holds and scans well: a store built for appended, "
                              "time-ordered rows, partitioned by %.*s",
                           fmt_count(b1, ev->writes), fmt_count(b4, cl->ev_ingest), fmt_count(b5, cl->big_rows),
                           STRF(cl->big_ingest->name), p->horizon_months / 12, fmt_bytes(b2, ev->bytes),
                           fmt_count(b3, cl->ev_rows), STRF(ev->shard_key));
    else if (!p->quiet)
      ev->why = cl->heavy_events
                    ? str_printf(a, "appended at %s rows/s at the design load, %s after %g years: a store built to "
                                    "scale writes out, partitioned by %.*s",
                                 fmt_count(b1, ev->writes), fmt_bytes(b2, ev->bytes), p->horizon_months / 12,
                                 STRF(ev->shard_key))
                    : str_printf(a, "appended at %s rows/s at the design load: the system of record carries them "
                                    "in a time-partitioned table until %s ingested rows a second or %s rows",
                                 fmt_count(b1, ev->writes), fmt_count(b4, cl->ev_ingest), fmt_count(b5, cl->ev_rows));
  }
  if (bl->nentities) {
    bl->slot = S("object-storage");
    if (!p->quiet)
      bl->why = S("files live in object storage behind presigned URLs; their rows keep the key and metadata");
  }
}

void plan_classes(Arena *a, Plan *p) {
  const Model *m = p->model;
  const Project *pr = &m->project;
  const Load *l = &p->load;
  p->horizon_months = pr->horizon > 0 ? pr->horizon / SECONDS_PER_MONTH
                                      : plan_figure(p, "topology", "horizon-years", 3) * 12;
  if (pr->horizon <= 0 && !p->quiet)
    plan_assume(a, p, "plan.horizon", "the design carries %g years of growth (add 'horizon N years' to change it)",
                p->horizon_months / 12);
  memset(p->classes, 0, sizeof p->classes);
  for (int k = 0; k < DC_COUNT_; k++)
    p->classes[k].kind = (DataClassKind)k;
  p->entity_class = new(a, int, m->nentities + 1);
  p->entity_hot = new(a, double, m->nentities + 1);
  Classing cl = {.design = pr->peak * l->margin,
                 .ev_rows = plan_figure(p, "topology", "events-rows", 1e9),
                 .ev_writes = plan_figure(p, "topology", "events-writes", 2000),
                 .hot_window = plan_figure(p, "topology", "hot-window-months", 1),
                 .hot_share = plan_figure(p, "topology", "hot-share", 0.2)};
  for (int i = 0; i < m->nfeatures; i++) {
    FeatureKind k = m->features[i].kind;
    cl.nreadf += k != FK_NOTIFY && k != FK_INGEST && k != FK_INTEGRATION && k != FK_AUTH && m->features[i].entity;
  }
  /* Ingested rows leave the system of record at `events-ingest` rows a
   * second, or when their history at the horizon passes `events-rows`:
   * a billion appended rows scanned by time are no table for the ACID
   * store, however slowly they arrive. */
  cl.ev_ingest = plan_figure(p, "topology", "events-ingest", 1000);
  cl.heavy_events = l->ingest_rows_per_s >= cl.ev_ingest;
  for (int i = 0; i < m->nentities; i++)
    place_entity(a, p, i, &cl);
  classes_why(a, p, &cl);
}

/* ---- demand per slot ---- */

/* Zones from the availability target: 3 from 99.99%, 2 from 99.9%. */
int plan_zones(const Plan *p) {
  double a = p->model->project.availability;
  return a >= 0.9999 ? 3 : a >= 0.999 ? 2 : 1;
}

Demand plan_demand(const Plan *p, const Need *n) {
  const Project *pr = &p->model->project;
  const Load *l = &p->load;
  Demand d = {0};
  d.zones = plan_zones(p);
  d.min_nodes = d.zones;
  double design = pr->peak * l->margin;
  Str s = n->slot;
  bool cache = false;
  for (int i = 0; i < p->nneeds; i++)
    cache |= str_eqc(p->needs[i].slot, "cache");
  double hot_reads = plan_figure(p, "topology", "hot-read-share", 0.8);
  const DataClass *rec = &p->classes[DC_RECORD], *ev = &p->classes[DC_EVENTS];
  if (str_eqc(s, "database")) {
    /* Transactions, not rows: the API's writes (edits as well as new
     * rows), and ingested rows in batches. */
    d.writes = fmax(rec->writes, (l->writes_per_s - l->ingest_rows_per_s) * design);
    d.reads = rec->reads * plan_figure(p, "compute", "queries-per-read", 2) * (cache ? 1 - hot_reads : 1);
    d.bytes = rec->bytes;
    if (ev->nentities && str_eqc(ev->slot, "database")) {
      d.writes += ev->writes / (l->ingest_batch > 1 ? l->ingest_batch : 1);
      d.reads += ev->reads;
      d.bytes += ev->bytes;
      d.hot_bytes += ev->hot_bytes;
    }
    d.hot_bytes += rec->hot_bytes;
    d.shard_key = rec->shard_key;
  } else if (str_eqc(s, "events")) {
    d.writes = ev->writes;
    d.reads = ev->reads;
    d.bytes = ev->bytes;
    d.hot_bytes = ev->hot_bytes;
    d.shard_key = ev->shard_key.n ? ev->shard_key : S("id");
  } else if (str_eqc(s, "compute")) {
    d.vcpu = l->design_rps / plan_figure(p, "compute", "rps-per-vcpu", 250);
    d.concurrency = l->design_rps * plan_figure(p, "compute", "function-duration", 0.1);
    d.min_nodes = pr->availability >= 0.999 ? (int)fmax(plan_figure(p, "compute", "min-instances-ha", 2), d.zones) : 1;
  } else if (str_eqc(s, "cache")) {
    d.hot_bytes = fmax(p->classes[DC_CACHE].bytes, 0.5e9);
    d.reads = l->reads_per_s * design * hot_reads;
    d.shard_key = S("key hash");
  } else if (str_eqc(s, "search")) {
    d.bytes = p->classes[DC_SEARCH].bytes * 1.5;
    d.hot_bytes = d.bytes * plan_figure(p, "topology", "search-memory-share", 0.1);
    d.reads = p->classes[DC_SEARCH].reads;
    d.shard_key = S("document id");
  } else if (str_eqc(s, "stream") || str_eqc(s, "queue")) {
    d.throughput = l->ingest_rows_per_s * pr->peak * plan_figure(p, "payload", "ingest-row-bytes", 200);
    d.shard_key = ev->shard_key.n ? ev->shard_key : S("message key");
  }
  plan_archetype_demand(p, s, &d);   /* fan-out, presence, geo index, counters (archetype.c) */
  return d;
}

/* ---- sizing ---- */

static bool scales_out(const Tech *t) {
  static const char *const fam[] = {"key-value", "wide-column", "document", "time-series", "search-engine",
                                    "in-memory", "event-stream", 0};
  for (int i = 0; fam[i]; i++)
    if (str_eqc(t->family, fam[i]))
      return true;
  return tech_has(t, "multi-region") && tech_has(t, "autoscale");
}

/* Whether a store's nodes own copies of their data, so that a quorum of
 * three copies survives a zone. Nodes over the provider's replicated
 * storage layer (`storage-separated`, Bigtable) keep none: their only
 * copies are whole clusters, one in each other zone the target asks for. */
static bool nodes_own_copies(const Tech *t) { return !tech_has(t, "storage-separated"); }

static double limit_of(const Tech *t, const char *name) {
  const KbFact *f = tech_fact(t, "limit", name);
  return f && f->value > 0 ? f->value : 0;
}

static double hourly(const KbFact *s, double hours) { return s->monthly ? s->value / hours : s->value; }

bool plan_exceeds(const Choice *c) { return c && c->tech && c->cost.topo.set && c->cost.topo.exceeds; }

/* A size as the sizer reads it: its ceilings, stated or from its vCPUs. */
typedef struct {
  const KbFact *f;
  double vcpu, memory, writes, reads, max;
} Class;

static Class class_of(const Plan *p, const Tech *t, const KbFact *f) {
  Class c = {.f = f};
  c.vcpu = f->vcpu > 0 ? f->vcpu : 1;
  c.memory = f->memory;
  double ops = limit_of(t, "ops");
  /* Rows per vCPU: a commit each for a relational store; log-structured
   * stores append without one; time-series stores take device batches. */
  double per_vcpu = plan_figure(p, "topology", "writes-per-vcpu", 1000);
  if (str_eqc(t->family, "wide-column") || str_eqc(t->family, "key-value"))
    per_vcpu = plan_figure(p, "topology", "lsm-writes-per-vcpu", 3000);
  if (str_eqc(t->family, "time-series") && p->load.ingest_batch > 1)
    per_vcpu = plan_figure(p, "topology", "batched-rows-per-vcpu", 25000);
  c.writes = f->writes > 0 ? f->writes
             : ops > 0     ? ops
                           : c.vcpu * per_vcpu;
  c.reads = f->reads > 0 ? f->reads : ops > 0 ? ops : c.vcpu * plan_figure(p, "topology", "reads-per-vcpu", 5000);
  c.max = f->max;
  return c;
}

/* Whether a class is offered in a deployment mode: a class that names no
 * modes is offered in every one. */
static bool class_offers(const KbFact *f, const char *mode) {
  if (!f->nincludes)
    return true;
  for (int i = 0; i < f->nincludes; i++)
    if (str_eqc(f->includes[i], mode))
      return true;
  return false;
}

/* The deployment mode of a topology: two or more standbys are a cluster (a
 * writer and its standbys in other zones, as RDS Multi-AZ DB clusters),
 * and so are readable copies that are exactly one in each of 3 or more
 * zones, where the provider offers clusters (`cluster3`): the copies the
 * target needs fail over by themselves and serve reads. One standby is a
 * Multi-AZ instance; read replicas otherwise, else a single instance. */
static const char *deploy_mode(const Topology *tp, bool cluster3) {
  if (tp->standbys >= 2 || (cluster3 && tp->standbys == 0 && tp->replicas == tp->zones - 1))
    return "cluster";
  return tp->standbys == 1 ? "multi-az" : tp->replicas > 0 ? "replica" : "single";
}

/* The mode the class is not offered in, or NULL: a Multi-AZ instance with
 * read replicas needs both modes. */
static const char *class_misfit(const KbFact *f, const Topology *tp, const char *mode) {
  if (!class_offers(f, mode))
    return mode;
  if (tp->replicas > 0 && strcmp(mode, "cluster") && !class_offers(f, "replica"))
    return "replica";
  return NULL;
}

static bool is_store(Str slot) {
  return str_eqc(slot, "database") || str_eqc(slot, "events") || str_eqc(slot, "cache") || str_eqc(slot, "search");
}

/* A growing history read or aged out by time, larger than one node's
 * memory (per shard) at the horizon, is range-partitioned by time (by day
 * when rows are kept under 180 days, else by month): reports, history pages and retention then touch whole
 * recent partitions or drop old ones instead of scanning and vacuuming
 * one table that no longer fits in memory (the PostgreSQL manual's rule
 * of thumb: partition once the table is larger than the server's memory). */
static Str time_partitions(Arena *a, const Plan *p, const Need *n, const Class *c, int shards) {
  const DataClass *h = &p->classes[DC_RECORD];
  const DataClass *ev = &p->classes[DC_EVENTS];
  if (str_eqc(n->slot, "events"))
    h = ev;
  else if (!str_eqc(n->slot, "database"))
    return (Str){0};
  else if (ev->timed && str_eqc(ev->slot, "database") && ev->timed_bytes > h->timed_bytes)
    h = ev;
  double ratio = plan_figure(p, "topology", "partition-memory-ratio", 1);
  double per = h->timed_bytes / fmax(1, shards);
  if (!h->timed || c->memory <= 0 || per <= c->memory * ratio)
    return (Str){0};
  char b1[32], b2[32];
  /* Rows kept a few months drop a day at a time; longer histories by month. */
  bool daily = h->timed->retain > 0 && h->timed->retain < 180 * 86400.0;
  return str_printf(a, "%.*s is range-partitioned by %s on its creation time: %s at the horizon%s passes the %s "
                        "memory of one %.*s, so reads by time and retention touch or drop whole partitions",
                     STRF(h->timed->name), daily ? "day" : "month", fmt_bytes(b1, per), shards > 1 ? " per shard" : "",
                     fmt_bytes(b2, c->memory), STRF(c->f->name));
}

/* Cheapest topology over the instance classes; false with *why set when
 * none fits. `stated`: the classes are the knowledge base's sizes, whose
 * memory is a ceiling (a planning node's is not). */
static bool size_classes(Arena *a, const Plan *p, const Need *n, const Tech *t, const Demand *d, const Class *cls,
                         int ncls, bool stated, Topology *out, const KbFact **chosen) {
  double hours = plan_figure(p, "compute", "hours-per-month", 730);
  double usable = plan_figure(p, "topology", "memory-usable", 0.75);
  double lim_inst = limit_of(t, "instances"), lim_rep = limit_of(t, "replicas"), lim_sh = limit_of(t, "shards");
  double lim_store = limit_of(t, "partition-storage");
  if (lim_store <= 0)
    lim_store = limit_of(t, "storage");
  bool store = is_store(n->slot);
  /* A self-run store keeps its data on the node's own volume. A
   * wide-column node holding rows edited in place keeps only what
   * compaction, repair and streaming to a replacement node keep up with
   * (`wide-node-data`); appended rows read by time window (the events
   * slot: time-window compaction) may fill the volume. */
  if (lim_store <= 0 && store && str_eqc(t->hosting, "self-hosted"))
    lim_store = str_eqc(t->family, "wide-column") && !str_eqc(n->slot, "events")
                    ? plan_figure(p, "self-hosted", "wide-node-data", 2e12)
                    : plan_figure(p, "self-hosted", "node-disk", 17592186044416.0);
  bool relational = str_eqc(t->family, "relational");
  bool can_shard = store && (scales_out(t) || (relational && d->shard_key.n));
  bool quorum = store && !relational && !str_eqc(t->family, "in-memory") && nodes_own_copies(t);
  /* A relational store's working set at the horizon (its hot share) must
   * fit in memory: past the largest class's it shards, a structure that is
   * hard to change later. Below it, the class follows today's load: a
   * bigger class is a restart away, and the revisit names it. */
  double top_mem = 0, mid_reads = 0, mid_vcpu = plan_figure(p, "topology", "vertical-read-vcpu", 8);
  for (int i = 0; i < ncls; i++) {
    top_mem = fmax(top_mem, cls[i].memory * usable);
    if (cls[i].vcpu <= mid_vcpu)
      mid_reads = fmax(mid_reads, cls[i].reads);
  }
  bool working_set = relational && stated && str_eqc(n->slot, "database") && top_mem > 0 && d->hot_bytes > top_mem;
  /* From 99.95% the copy in each other zone is a readable replica (Aurora
   * readers, RDS Multi-AZ DB clusters): the providers' multi-zone SLAs are
   * stated for it, and a copy that serves reads is known to be warm. */
  bool readable = relational && d->zones >= 2 && (tech_has(t, "replication") || !str_eqc(t->hosting, "serverless")) &&
                  p->model->project.availability >= plan_figure(p, "topology", "readable-standby", 0.9995);
  /* Classes that name their deployment modes; clusters where one does. */
  bool named_modes = false, cluster3 = false;
  for (int i = 0; i < ncls; i++) {
    named_modes |= cls[i].f->nincludes > 0;
    cluster3 |= cls[i].f->nincludes > 0 && class_offers(cls[i].f, "cluster");
  }
  cluster3 = cluster3 && readable && d->zones >= 3 && !str_eqc(t->hosting, "serverless");
  /* Where the provider tells its modes apart (RDS, Azure), a read replica
   * is promoted by hand: a target that asks for a copy asks for automatic
   * failover, so a readable copy that cannot be a cluster (fewer than 3
   * zones, or no class offered as one) gives way to a Multi-AZ standby,
   * with replicas only for the reads. */
  bool keep_standby = relational && named_modes && !cluster3 && d->zones >= 2 && !str_eqc(t->hosting, "serverless");
  bool failover_standby = readable && keep_standby;
  if (failover_standby)
    readable = false;
  /* Burstable classes (a `baseline` CPU share) are for development and
   * test servers, as AWS recommends: a production plan takes one only
   * below `burstable-below` (a target one instance meets) or under a
   * tight budget, with the CPU-credit risk stated. */
  bool burst_ok = plan_burst_ok(p);
  double avail = p->model->project.availability, burst_below = plan_figure(p, "topology", "burstable-below", 0.999);
  double ratio = plan_figure(p, "topology", "replica-read-ratio", 5);
  double best = (double)INFINITY;
  char b1[32], b2[32], b3[32];
  Str stop = {0}, burst_stop = {0};
  /* Passes: 0 one shard, the primary sized for writes and reads past a
   * mid-size class on replicas; 1 one shard, any class; 2 and 3 the same
   * with shards (only when nothing fits unsharded). */
  Topology *cand = new(a, Topology, ncls);
  const KbFact **cand_f = new(a, const KbFact *, ncls);
  double *cand_usd = new(a, double, ncls);
  int *cand_i = new(a, int, ncls), chosen_i = -1;
  /* Round 0 weighs every class without words; round 1 describes the
   * chosen one (its ceiling and why), unless the plan is quiet. */
  for (int pass = 0; pass < 4 && !*chosen; pass++)
  for (int round = 0; round < 2; round++) {
    bool words = round == 1;
    if (words && (p->quiet || !*chosen))
      break;
    int ncand = 0;
    best = (double)INFINITY;
    for (int i = 0; i < ncls; i++) {
      if (words && i != chosen_i)
        continue;
      const Class *c = &cls[i];
      if (c->f->baseline > 0 && !burst_ok) {
        if (!burst_stop.n && !p->quiet)
          burst_stop = str_printf(a, "%.*s is burstable, a class AWS recommends only for development and test servers; "
                                "a plan takes one only below the %g%% target or under a tight budget",
                            STRF(c->f->name), burst_below * 100);
        continue;
      }
      bool sharded = pass >= 2, replicas_first = pass % 2 == 0;
      Topology tp = {.set = true, .zones = d->zones, .shards = 1};
      Str ceiling = {0};
      double used = 0, cap = 1;
      if (store) {
        double sw = d->writes > 0 ? ceil(d->writes / c->writes) : 1;
        double sb = lim_store > 0 && d->bytes > 0 ? ceil(d->bytes / lim_store) : 1;
        double sm = ((str_eqc(n->slot, "cache") || str_eqc(n->slot, "search")) || working_set) && c->memory > 0
                        ? ceil(d->hot_bytes / (c->memory * usable))
                        : 1;
        double shards = fmax(1, fmax(sw, fmax(sb, sm)));
        if (shards > 1 && !can_shard) {
          if (!stop.n && !p->quiet)
            stop = sw >= sb && sw >= sm
                       ? str_printf(a, "one primary of %.*s carries %s writes/s; the design load is %s writes/s and %s",
                                    STRF(c->f->name), fmt_count(b1, c->writes), fmt_count(b2, d->writes),
                                    relational ? "the data has no shard key from its access pattern"
                                               : "it does not shard")
                   : sb >= sm ? str_printf(a, "one instance holds %s; the data grows to %s and %s", fmt_bytes(b1, lim_store),
                                           fmt_bytes(b2, d->bytes),
                                           relational ? "has no shard key from its access pattern" : "it does not shard")
                              : str_printf(a, "the working set of %s passes the %s the largest class holds in memory, "
                                              "and %s",
                                           fmt_bytes(b1, d->hot_bytes), fmt_bytes(b2, top_mem),
                                           relational ? "the data has no shard key from its access pattern"
                                                      : "it does not shard");
          continue;
        }
        if ((lim_sh > 0 && shards > lim_sh) || (!sharded && shards > 1))
          continue;
        /* Shards split the working set too: each shard's class holds its
         * share in memory, whatever axis called for the shards. */
        if (shards > 1 && relational && stated && str_eqc(n->slot, "database") && c->memory > 0 &&
            c->memory * usable < d->hot_bytes / shards)
          continue;
        tp.shards = (int)fmin(shards, 1e6);
        double rshard = d->reads / shards, wshard = d->writes / shards;
        /* Reads that dominate writes and pass what a mid-size primary
         * serves go to replicas; the primary stays sized for its writes. */
        bool read_bound = replicas_first && relational && rshard > mid_reads && mid_reads > 0 && rshard >= ratio * wshard;
        if (read_bound) {
          double wneed = 0;
          for (int k = 0; k < ncls; k++)
            if (cls[k].writes >= wshard && (!working_set || cls[k].memory * usable >= d->hot_bytes / shards) &&
                (wneed == 0 || cls[k].vcpu < wneed))
              wneed = cls[k].vcpu;
          if (c->vcpu > fmax(wneed, mid_vcpu) || rshard <= c->reads)
            continue;
        }
        double reps = rshard > 0 ? fmax(0, ceil(rshard / c->reads) - 1) : 0;
        if (str_eqc(n->slot, "cache") || quorum || readable || !nodes_own_copies(t))
          reps = fmax(reps, d->zones - 1); /* a copy in each other zone */
        if (quorum && d->zones >= 2)
          reps = fmax(reps, 2); /* replication factor 3: a quorum survives a zone */
        if (lim_rep > 0 && reps > lim_rep)
          continue;
        tp.replicas = (int)reps;
        /* Serverless relational stores fail over within the provider's
         * replicated storage; a non-serverless one keeps a standby in each
         * other zone that no replica is in. */
        bool serverless = str_eqc(t->hosting, "serverless");
        tp.standbys = !relational || serverless ? 0
                      : keep_standby             ? (int)fmax(1, d->zones - 1 - reps)
                                                 : (int)fmax(0, d->zones - 1 - reps);
        /* More readable copies than a cluster holds are read replicas, and
         * a read replica is promoted by hand: where the provider tells its
         * modes apart, a target that asks for a copy in another zone keeps
         * a Multi-AZ standby beside them. */
        bool beside = relational && !serverless && named_modes && d->zones >= 2 && tp.standbys == 0 &&
                      tp.replicas > 0 && strcmp(deploy_mode(&tp, cluster3), "cluster");
        if (beside)
          tp.standbys = 1;
        tp.instances = tp.shards * (1 + tp.replicas + tp.standbys);
        const char *mode = deploy_mode(&tp, cluster3);
        const char *misfit = class_misfit(c->f, &tp, mode);
        if (named_modes)
          tp.deployment = str_c(mode);
        if (misfit) {
          if (!stop.n && !p->quiet)
            stop = str_printf(a, "%.*s is not offered in the %s deployment mode this topology needs", STRF(c->f->name),
                              misfit);
          continue;
        }
        double from_reads = rshard > 0 ? fmax(0, ceil(rshard / c->reads) - 1) : 0;
        double target = p->model->project.availability * 100;
        if (!words || !relational)
          ;
        else if (failover_standby) {
          Str reads = tp.replicas > 0 ? str_printf(a, "; %d read replica%s the reads (%s/s%s)", tp.replicas,
                                                   tp.replicas == 1 ? " carries" : "s carry", fmt_count(b1, rshard),
                                                   tp.shards > 1 ? " a shard" : "")
                                      : S("; no read replica, as the reads do not need one");
          tp.why = str_printf(a, "a Multi-AZ standby fails over by itself for the %g%% target: a readable copy in "
                                 "%d zones cannot be a cluster (a writer and two readable standbys need 3 zones and "
                                 "a class offered as one), and a read replica is promoted by hand%.*s",
                              target, d->zones, STRF(reads));
        }
        else if (read_bound)
          tp.why = str_printf(a, "reads (%s/s%s) are %.0fx the writes and pass the %s/s a mid-size primary serves: "
                                 "%d read replica%s them and the primary stays sized for its writes",
                              fmt_count(b1, rshard), tp.shards > 1 ? " a shard" : "", wshard > 0 ? rshard / wshard : 0,
                              fmt_count(b2, mid_reads), tp.replicas, tp.replicas == 1 ? " carries" : "s carry");
        else if (tp.replicas > 0 && from_reads >= tp.replicas)
          tp.why = str_printf(a, "%d read replica%s the reads (%s/s%s) one %.*s cannot", tp.replicas,
                              tp.replicas == 1 ? " carries" : "s carry", fmt_count(b1, rshard),
                              tp.shards > 1 ? " a shard" : "",
                              STRF(c->f->name));
        else if (tp.replicas > 0 && !strcmp(mode, "cluster"))
          tp.why = str_printf(a, "a cluster of a writer and a readable standby in each other zone for the %g%% "
                                 "target: the copies the target needs fail over by themselves and carry reads",
                              target);
        else if (tp.replicas > 0)
          tp.why = str_printf(a, "a readable replica in each other zone for the %g%% target: the copy the target "
                                 "needs carries reads and is known to be warm",
                              target);
        else if (tp.standbys > 0)
          tp.why = str_printf(a, "a standby in each other zone for the %g%% target", target);
        if (words && (keep_standby || beside) && !failover_standby && tp.replicas > 0)
          tp.why = str_printf(a, "%.*s; a Multi-AZ standby fails over by itself for the %g%% target, as a read "
                                 "replica is promoted by hand", STRF(tp.why), target);
        if (words && relational)
          tp.partitioning = time_partitions(a, p, n, c, tp.shards);
        if (sw >= sb && sw >= sm) {
          used = wshard, cap = c->writes;
          ceiling = !words ? (Str){0}
                             : str_printf(a, "writes %s/s per %.*s%s", fmt_count(b1, c->writes), STRF(c->f->name),
                                          tp.shards > 1 ? " shard" : " primary");
        } else if (sb >= sm) {
          used = d->bytes / shards, cap = lim_store;
          ceiling = !words ? (Str){0}
                             : str_printf(a, "storage %s per shard (%s at the horizon)", fmt_bytes(b1, lim_store),
                                          fmt_bytes(b2, d->bytes));
        } else {
          used = d->hot_bytes / shards, cap = c->memory * usable;
          ceiling = !words ? (Str){0}
                    : working_set
                        ? str_printf(a, "memory %s usable per %.*s for a working set of %s (recent appended "
                                        "rows, the hot share of rows edited in place, and their indexes)", fmt_bytes(b1, cap),
                                     STRF(c->f->name), fmt_bytes(b3, d->hot_bytes))
                        : str_printf(a, "memory %s usable per %.*s", fmt_bytes(b1, cap), STRF(c->f->name));
        }
        if (tp.replicas > 0 && rshard / (1 + tp.replicas) / c->reads > used / cap) {
          used = rshard / (1 + tp.replicas), cap = c->reads;
          ceiling = !words ? (Str){0}
                             : str_printf(a, "reads %s/s per %.*s: %s reads/s on a primary and %d replica%s",
                                          fmt_count(b1, c->reads), STRF(c->f->name), fmt_count(b2, rshard), tp.replicas,
                                          tp.replicas == 1 ? "" : "s");
        }
      } else {
        if (pass % 2)
          continue;
        /* compute and other stateless or self-run services */
        double k = d->min_nodes;
        if (d->vcpu > 0)
          k = fmax(k, ceil(d->vcpu / c->vcpu));
        if (d->throughput > 0) {
          double tput = c->vcpu * plan_figure(p, "compute", "stream-bytes-per-vcpu", 5e6);
          k = fmax(k, ceil(d->throughput / tput));
        }
        if (c->max > 0 && k > c->max) {
          if (!stop.n && !p->quiet)
            stop = str_printf(a, "%.*s allows at most %g per process type; the design load needs %g",
                              STRF(c->f->name), c->max, k);
          continue;
        }
        if (k > 10000)
          continue;
        tp.instances = (int)k;
        used = d->vcpu, cap = k * c->vcpu;
        ceiling = !words ? (Str){0}
                           : d->vcpu > 0 && ceil(d->vcpu / c->vcpu) >= d->min_nodes
                                 ? str_printf(a, "%g vCPU per %.*s at %g req/s per vCPU", c->vcpu, STRF(c->f->name),
                                              plan_figure(p, "compute", "rps-per-vcpu", 250))
                                 : str_printf(a, "%d instances for %d zone%s (availability target)", d->min_nodes,
                                              d->zones, d->zones == 1 ? "" : "s");
      }
      if (lim_inst > 0 && tp.instances > lim_inst) {
        if (!stop.n && !p->quiet)
          stop = str_printf(a, "%d instances pass the provider's limit of %g", tp.instances, lim_inst);
        continue;
      }
      if (words && c->f->baseline > 0) {
        Str ok = avail < burst_below ? str_printf(a, "below the %g%% target", burst_below * 100)
                                     : S("under a tight budget");
        Str burst = str_printf(a, "%.*s is burstable: once its CPU credits run out it runs at its %g%% baseline "
                                  "(its ceilings assume it); accepted %.*s, though AWS recommends burstable classes "
                                  "only for development and test servers",
                               STRF(c->f->name), c->f->baseline * 100, STRF(ok));
        tp.why = tp.why.n ? str_printf(a, "%.*s; %.*s", STRF(tp.why), STRF(burst)) : burst;
      }
      double usd = tp.instances * hourly(c->f, hours) * hours;
      tp.instance_class = c->f->name;
      tp.ceiling = ceiling;
      tp.headroom = cap > 0 ? fmax(0, 1 - used / cap) : 1;
      tp.shard_key = tp.shards > 1 ? d->shard_key : (Str){0};
      tp.class_writes = store ? c->writes : 0;
      tp.class_reads = store ? c->reads : 0;
      tp.class_memory = c->memory;
      tp.class_storage = store ? lim_store : 0;
      cand[ncand] = tp;
      cand_f[ncand] = c->f;
      cand_i[ncand] = i;
      cand_usd[ncand++] = usd;
      best = fmin(best, usd);
    }
    if (words) {
      if (ncand)
        *out = cand[0];
      break;
    }
    /* Each shard is another primary to run, back up and rebalance: the
     * fewest shards within `fewer-shards-share` of the cheapest price, then
     * the cheapest, then (at equal prices) the fewest instances. */
    if (ncand) {
      double band = best * (1 + plan_figure(p, "topology", "fewer-shards-share", 0.25)) + 1e-9;
      int k = -1;
      for (int i = 0; i < ncand; i++) {
        if (cand_usd[i] > band)
          continue;
        if (k < 0 || cand[i].shards < cand[k].shards ||
            (cand[i].shards == cand[k].shards &&
             (cand_usd[i] < cand_usd[k] - 1e-9 ||
              (cand_usd[i] <= cand_usd[k] + 1e-9 && cand[i].instances < cand[k].instances))))
          k = i;
      }
      *out = cand[k];
      *chosen = cand_f[k];
      chosen_i = cand_i[k];
    }
  }
  if (*chosen)
    return true;
  if (!stop.n)
    stop = burst_stop;
  *out = (Topology){.set = true, .exceeds = true, .zones = d->zones, .shards = 1,
                    .exceeds_why = stop.n ? stop : S("no instance class fits the design load within the provider's limits"),
                    .ceiling = stop.n ? stop : S("every instance class")};
  return false;
}

/* A serverless service that states a throughput limit but no shards is
 * held to a quota of its project or account (Pub/Sub's publisher quota per
 * region), which adding partitions does not raise: one allowance, passed
 * only by asking the provider for more. */
static bool throughput_is_quota(const Tech *t) {
  return str_eqc(t->hosting, "serverless") && limit_of(t, "shards") <= 0;
}

static bool quota_topology(Arena *a, const Plan *p, const Tech *t, const Demand *d, double quota, Topology *topo) {
  char b1[32], b2[32];
  Topology tp = {.set = true, .instance_class = S("serverless (the provider scales it)"), .shards = 1,
                 .zones = d->zones, .headroom = fmax(0, 1 - d->throughput / quota)};
  tp.ceiling = p->quiet ? S("throughput")
                        : str_printf(a, "throughput %s/s (the default quota of %.*s)", fmt_bytes(b1, quota),
                                     STRF(t->name));
  if (d->throughput > quota) {
    tp.exceeds = true;
    tp.exceeds_why = p->quiet ? S("x")
                              : str_printf(a, "the design load sends %s/s; the default quota is %s/s", fmt_bytes(b1, d->throughput),
                                           fmt_bytes(b2, quota));
  }
  *topo = tp;
  return !tp.exceeds;
}

static bool topology_of(Arena *a, const Plan *p, const Need *n, const Tech *t, const Demand *d, Topology *topo,
                        const KbFact **size) {
  *size = NULL;
  *topo = (Topology){0};
  char b1[32], b2[32];
  if (str_eqc(t->hosting, "library") || str_eqc(t->hosting, "tool"))
    return true;

  /* Functions: executions in flight against the concurrency quota. */
  if (str_eqc(t->family, "functions")) {
    double lim = limit_of(t, "concurrency");
    Topology tp = {.set = true, .instance_class = S("function"), .instances = (int)fmax(1, ceil(d->concurrency)),
                   .shards = 1, .zones = d->zones};
    tp.ceiling = p->quiet || lim <= 0 ? S("concurrent executions")
                                  : str_printf(a, "concurrency %s (the account's default quota)", fmt_count(b1, lim));
    tp.headroom = lim > 0 ? fmax(0, 1 - d->concurrency / lim) : 1;
    if (lim > 0 && d->concurrency > lim) {
      tp.exceeds = true;
      tp.exceeds_why = p->quiet ? S("x")
                                : str_printf(a, "needs %s concurrent executions at the design load; the default quota is %s",
                                             fmt_count(b1, d->concurrency), fmt_count(b2, lim));
    }
    *topo = tp;
    return !tp.exceeds;
  }
  /* Partitioned serverless stores: partitions from their per-partition limits. */
  double pw = limit_of(t, "partition-writes"), pr = limit_of(t, "partition-reads"), ps = limit_of(t, "partition-storage");
  bool sized = tech_fact(t, "size", NULL) != NULL;
  if (!sized && is_store(n->slot) && (pw > 0 || pr > 0)) {
    double kw = pw > 0 ? ceil(d->writes / pw) : 0, kr = pr > 0 ? ceil(d->reads / pr) : 0,
           kb = ps > 0 ? ceil(d->bytes / ps) : 0;
    double k = fmax(1, fmax(kw, fmax(kr, kb)));
    Topology tp = {.set = true, .instance_class = S("on-demand partitions"), .instances = (int)fmin(k, 1e6),
                   .shards = (int)fmin(k, 1e6), .zones = 3};
    tp.shard_key = k > 1 ? d->shard_key : (Str){0};
    if (!p->quiet)
      tp.ceiling = kw >= kr && kw >= kb ? str_printf(a, "partition writes %s/s", fmt_count(b1, pw))
                   : kr >= kb           ? str_printf(a, "partition reads %s/s", fmt_count(b1, pr))
                                        : str_printf(a, "partition storage %s", fmt_bytes(b1, ps));
    double used = kw >= kr && kw >= kb ? d->writes / (k * pw) : kr >= kb ? d->reads / (k * pr) : d->bytes / (k * ps);
    tp.headroom = fmax(0, 1 - used);
    *topo = tp;
    return true;
  }
  /* Instance classes: the knowledge base's sizes, or self-run nodes. */
  int nsz = 0;
  for (int i = 0; i < t->nfacts; i++)
    nsz += str_eqc(t->facts[i].key, "size") && t->facts[i].value > 0;
  if (nsz) {
    Class *cls = new(a, Class, nsz);
    int k = 0;
    for (int i = 0; i < t->nfacts; i++)
      if (str_eqc(t->facts[i].key, "size") && t->facts[i].value > 0)
        cls[k++] = class_of(p, t, &t->facts[i]);
    return size_classes(a, p, n, t, d, cls, k, true, topo, size);
  }
  const KbFact *vh = tech_fact(t, "price", "vcpu-hour");
  if (str_eqc(n->slot, "compute") && vh && !str_eqc(t->family, "kubernetes")) {
    /* Containers billed per vCPU-hour: one-vCPU tasks. */
    KbFact *f = new(a, KbFact, 1);
    f->key = S("size");
    f->vcpu = 1;
    f->value = vh->value + 2 * tech_value(t, "price", "gb-hour", 0);
    f->name = S("1 vCPU 2 GB task");
    Class c = class_of(p, t, f);
    return size_classes(a, p, n, t, d, &c, 1, false, topo, size);
  }
  if (str_eqc(t->hosting, "self-hosted") && is_store(n->slot)) {
    /* A self-run store: virtual machines of the planning figures from the
     * smallest node up to `node-max-vcpu`, priced and sized in proportion
     * (an instance family is priced per vCPU). A relational one runs on
     * memory-optimised or memory-heavy nodes (`db-node-*`, `db-bignode-*`)
     * up to `db-node-max-vcpu`, whose
     * memory bounds its working set as a managed class's does, and whose
     * writes stop at `primary-max-writes` however many vCPUs. */
    bool rel = str_eqc(t->family, "relational"), wide = str_eqc(t->family, "wide-column");
    double v0 = plan_figure(p, "self-hosted", "node-vcpu", 2);
    double vmax = rel ? plan_figure(p, "self-hosted", "db-node-max-vcpu", 64)
                      : plan_figure(p, "self-hosted", "node-max-vcpu", 16);
    /* A wide-column node starts at its production minimum of memory. */
    double node_mem, node_hour;
    plan_self_node(p, &node_mem, &node_hour);
    double mem = rel    ? plan_figure(p, "self-hosted", "db-node-memory", 17179869184.0)
                 : wide ? plan_figure(p, "self-hosted", "wide-node-memory", 8589934592.0)
                        : node_mem;
    double hour = rel    ? plan_figure(p, "self-hosted", "db-node-hour", 0.1071)
                  : wide ? plan_figure(p, "self-hosted", "wide-node-hour", 0.0816)
                         : node_hour;
    double wmax = plan_figure(p, "topology", "primary-max-writes", 25000);
    int ncls = 0;
    Class *cls = new(a, Class, 32);
    for (int fam = 0; fam < (rel ? 2 : 1); fam++)
    for (double v = v0; v <= vmax && ncls < 32; v *= 2) {
      /* the second family: memory-heavy nodes (`db-bignode-*`) */
      double m = fam ? plan_figure(p, "self-hosted", "db-bignode-memory", 34359738368.0) : mem;
      double h = fam ? plan_figure(p, "self-hosted", "db-bignode-hour", 0.167) : hour;
      KbFact *f = new(a, KbFact, 1);
      f->key = S("size");
      f->vcpu = v;
      f->memory = m * v / v0;
      f->value = h * v / v0;
      f->name = rel || wide ? str_printf(a, "%g vCPU %g GiB node", v, f->memory / 1073741824.0)
                          : str_printf(a, "%g vCPU node", v);
      cls[ncls] = class_of(p, t, f);
      if (rel)
        cls[ncls].writes = fmin(cls[ncls].writes, wmax);
      ncls++;
    }
    return size_classes(a, p, n, t, d, cls, ncls, rel, topo, size);
  }
  if (str_eqc(t->hosting, "self-hosted") || str_eqc(t->family, "kubernetes")) {
    /* A node of the planning figures: a 2-vCPU virtual machine. */
    KbFact *f = new(a, KbFact, 1);
    f->key = S("size");
    f->vcpu = plan_figure(p, "self-hosted", "node-vcpu", 2);
    plan_self_node(p, &f->memory, &f->value);
    f->name = str_printf(a, "%g vCPU node", f->vcpu);
    Class c = class_of(p, t, f);
    if (!is_store(n->slot) && !str_eqc(n->slot, "compute"))
      c.reads = c.writes = plan_figure(p, "topology", "self-hosted-node-ops", 20000);
    Demand dd = *d;
    if (!is_store(n->slot) && !str_eqc(n->slot, "compute") && !str_eqc(n->slot, "gateway")) {
      /* Brokers, identity and realtime servers: a quorum of 3 at 99.99%,
       * a pair at 99.9%. */
      dd.min_nodes = d->zones;
    }
    return size_classes(a, p, n, t, &dd, &c, 1, false, topo, size);
  }
  /* Streams with a per-shard throughput limit. */
  double tp_lim = limit_of(t, "throughput");
  if (tp_lim > 0 && d->throughput > 0 && throughput_is_quota(t))
    return quota_topology(a, p, t, d, tp_lim, topo);
  if (tp_lim > 0 && d->throughput > 0) {
    double k = fmax(1, ceil(d->throughput / tp_lim)), lim = limit_of(t, "shards");
    Topology tp = {.set = true, .instance_class = S("shard"), .instances = (int)fmin(k, 1e6), .shards = (int)fmin(k, 1e6),
                   .zones = 3, .shard_key = d->shard_key};
    tp.ceiling = p->quiet ? (Str){0} : str_printf(a, "throughput %s/s per shard", fmt_bytes(b1, tp_lim));
    tp.headroom = fmax(0, 1 - d->throughput / (k * tp_lim));
    if (lim > 0 && k > lim) {
      tp.exceeds = true;
      tp.exceeds_why = p->quiet ? S("x") : str_printf(a, "%g shards pass the account's limit of %g", k, lim);
    }
    *topo = tp;
    return !tp.exceeds;
  }
  /* A flat-priced plan that holds a fixed number of connections. */
  double conn_lim = limit_of(t, "plan-connections");
  if (conn_lim > 0 && d->concurrency > conn_lim) {
    *topo = (Topology){.set = true, .exceeds = true, .instance_class = S("plan"), .shards = 1, .zones = d->zones};
    topo->ceiling = topo->exceeds_why =
        p->quiet ? S("x")
                 : str_printf(a, "needs %s concurrent connections; the priced plan holds %s", fmt_count(b1, d->concurrency),
                              fmt_count(b2, conn_lim));
    return false;
  }
  /* Managed per-request services: the provider scales them, within the
   * storage one database holds when the knowledge base states it. */
  if (is_store(n->slot) || str_eqc(n->slot, "compute") || str_eqc(n->slot, "queue") ||
      str_eqc(n->slot, "stream") || str_eqc(n->slot, "realtime")) {
    *topo = (Topology){.set = true, .instance_class = S("serverless (the provider scales it)"), .shards = 1,
                       .zones = d->zones, .ceiling = S("none published for this load"), .headroom = 1};
    /* A usage plan's write rate limit, in bytes a second of rows. */
    double rate = is_store(n->slot) ? limit_of(t, "throughput") : 0;
    double wbytes = d->writes * plan_figure(p, "payload", "ingest-row-bytes", 200);
    if (rate > 0 && wbytes > 0) {
      topo->ceiling = p->quiet ? S("throughput")
                               : str_printf(a, "writes %s/s per database (the plan's rate limit)", fmt_bytes(b1, rate));
      topo->headroom = fmax(0, 1 - wbytes / rate);
      if (wbytes > rate) {
        topo->exceeds = true;
        topo->exceeds_why = p->quiet ? S("x")
                                     : str_printf(a, "the plan takes %s/s of writes; the design load writes %s/s",
                                                  fmt_bytes(b1, rate), fmt_bytes(b2, wbytes));
        return false;
      }
    }
    double cap = is_store(n->slot) ? limit_of(t, "storage") : 0;
    double need = str_eqc(n->slot, "cache") ? d->hot_bytes : d->bytes;
    if (cap > 0 && need > 0) {
      topo->ceiling = p->quiet ? S("storage") : str_printf(a, "storage %s per database", fmt_bytes(b1, cap));
      topo->headroom = fmax(0, 1 - need / cap);
      if (need > cap) {
        topo->exceeds = true;
        topo->exceeds_why = p->quiet ? S("x")
                                     : str_printf(a, "one database holds %s; the design needs %s", fmt_bytes(b1, cap),
                                                  fmt_bytes(b2, need));
        return false;
      }
    }
  }
  return true;
}

bool plan_topology(Arena *a, const Plan *p, const Need *n, const Tech *t, const Demand *d, Topology *topo,
                   const KbFact **size) {
  bool ok = topology_of(a, p, n, t, d, topo, size);
  if (topo->set) {
    topo->load_writes = d->writes;
    topo->load_reads = d->reads;
    topo->load_bytes = d->bytes;
    topo->load_hot = d->hot_bytes;
  }
  return ok;
}
