/* Topology: how much of each technology the workload needs (the demand
 * per slot, and the cheapest topology that carries it). Which store
 * holds which data is decided in classes.c.
 *
 * Sizing (plan_topology). For one candidate of a slot and the slot's
 * demand, the cheapest topology within the ceilings:
 *   1. an instance class (a `size`) whose writes ceiling carries the
 *      writes on one primary and, for a relational system of record,
 *      whose usable memory holds the share of the working set at the
 *      horizon that the reads and writes the volume cannot serve need; reads
 *      that dominate the writes and pass a mid-size class go to read
 *      replicas, not to a bigger primary (at least one when the primary
 *      is past mid-size for its writes or memory);
 *   2. else shards, on the axis that is full (writes, storage at the
 *      horizon, a relational store's working set past its largest class's
 *      memory), when the store scales out (key-value, wide-column,
 *      time-series, search, in-memory, streams) or, for a relational store,
 *      when the data has a shard key from its access pattern (owner,
 *      tenant, device and time); a single primary is never sized past
 *      those ceilings; the fewest shards within 25% of the cheapest win,
 *      a relational store's shards each weighed with a DBA's share;
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

#include "plan.h"

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

/* Burstable classes (a `baseline` CPU share) are for development and test
 * servers, as AWS recommends: a production plan takes one only below
 * `burstable-below` (a target one instance meets) or under a tight budget. */
bool plan_burst_ok(const Plan *p) {
  if (!(p->model->project.availability < plan_figure(p, "topology", "burstable-below", 0.999) || plan_budget_tight(p)))
    return false;
  /* Background workers (transcoding, fetching) keep CPUs busy around the
   * clock: on a burstable class they would run at its baseline. Asked
   * second: summing the components' work is the dearer question. */
  return !(plan_component_work(p).vcpu > 0);
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
      d.scan = ev->scan;
      d.queried = ev->queried;
    }
    d.hot_bytes += rec->hot_bytes;
    d.shard_key = rec->shard_key;
  } else if (str_eqc(s, "events")) {
    d.writes = ev->writes;
    d.reads = ev->reads;
    d.bytes = ev->bytes;
    d.hot_bytes = ev->hot_bytes;
    d.scan = ev->scan;
    d.scan_top = ev->scan_top / plan_figure(p, "topology", "query-seconds", 1);
    d.spread_key = ev->spread_key;
    d.queried = ev->queried;
    d.shard_key = ev->shard_key.n ? ev->shard_key : S("id");
  } else if (str_eqc(s, "compute")) {
    d.rps_per_vcpu = plan_figure(p, "compute", "rps-per-vcpu", 250);
    d.vcpu = l->design_rps / d.rps_per_vcpu;
    d.workers = true;
    d.concurrency = l->design_rps * plan_figure(p, "compute", "function-duration", 0.1);
    d.min_nodes = pr->availability >= 0.999 ? (int)fmax(plan_figure(p, "compute", "min-instances-ha", 2), d.zones) : 1;
  } else if (str_eqc(s, "gateway")) {
    /* A proxy we run terminates TLS on every request (a managed one
     * scales itself and bills per request or capacity unit). */
    d.rps_per_vcpu = plan_figure(p, "gateway", "proxy-rps-per-vcpu", 10000);
    d.vcpu = l->design_rps / d.rps_per_vcpu;
  } else if (str_eqc(s, "cache")) {
    d.hot_bytes = fmax(p->classes[DC_CACHE].bytes, 0.5e9);
    d.reads = l->reads_per_s * design * hot_reads;
    d.shard_key = S("key hash");
  } else if (str_eqc(s, "search")) {
    d.bytes = p->classes[DC_SEARCH].bytes * 1.5;
    d.hot_bytes = d.bytes * plan_figure(p, "topology", "search-memory-share", 0.1);
    d.reads = p->classes[DC_SEARCH].reads;
    d.shard_key = S("document id");
  } else if (str_eqc(s, "auth")) {
    /* A self-run identity server: password sign-ins and the token
     * refreshes of the people signed in (a managed one bills per user). */
    double dau = plan_signers(p) * pr->active, day = 86400;
    double ins = dau * plan_figure(p, "auth", "sign-ins-per-day", 1) / day * design;
    double refresh = dau * plan_figure(p, "auth", "active-minutes", 30) * 60 /
                     plan_figure(p, "auth", "token-lifetime", 300) / day * design;
    double per_in = plan_figure(p, "auth", "sign-ins-per-vcpu", 15), per_refresh = plan_figure(p, "auth", "refreshes-per-vcpu", 120);
    d.vcpu = ins / per_in + refresh / per_refresh;
    d.sign_ins = ins, d.refreshes = refresh;
  } else if (str_eqc(s, "stream") || str_eqc(s, "queue")) {
    d.throughput = l->ingest_rows_per_s * pr->peak * plan_figure(p, "payload", "ingest-row-bytes", 200);
    d.shard_key = ev->shard_key.n ? ev->shard_key : S("message key");
  }
  plan_archetype_demand(p, s, &d);   /* fan-out, presence, geo index, counters (archetype.c) */
  return d;
}

/* ---- sizing ---- */

/* Whether a store spreads its data over nodes itself. The families that do
 * so by design, unless the knowledge base says the technology writes
 * through one primary (`one-writer`: TimescaleDB since multi-node left it
 * in 2.14): such a store scales up and partitions by time on that node,
 * and past the largest node it does not fit, so the chooser passes it by. */
static bool scales_out(const Tech *t) {
  static const char *const fam[] = {"key-value", "wide-column", "document", "time-series", "search-engine",
                                    "in-memory", "event-stream", 0};
  if (tech_has(t, CAP_ONE_WRITER))
    return false;
  for (int i = 0; fam[i]; i++)
    if (str_eqc(t->family, fam[i]))
      return true;
  return tech_has(t, CAP_MULTI_REGION) && tech_has(t, CAP_AUTOSCALE);
}

/* Whether a technology keeps its copies by quorum (replication factor
 * 1 + replicas) rather than as a primary and its replicas: relational and
 * in-memory stores, and stores that write through one primary, copy the
 * primary by streaming replication. */
static bool copies_by_quorum(const Tech *t) {
  return !str_eqc(t->family, "relational") && !str_eqc(t->family, "in-memory") && !tech_has(t, CAP_ONE_WRITER);
}

/* Whether a store's nodes own copies of their data, so that a quorum of
 * three copies survives a zone. Nodes over the provider's replicated
 * storage layer (`storage-separated`, Bigtable) keep none: their only
 * copies are whole clusters, one in each other zone the target asks for. */
static bool nodes_own_copies(const Tech *t) { return !tech_has(t, CAP_STORAGE_SEPARATED); }

/* Past a million nodes a topology is no design, and its counts would
 * overflow an int. */
static const double MAX_NODES = 1e6;

static double limit_of(const Tech *t, const char *name) {
  const KbFact *f = tech_fact(t, KEY_LIMIT, name);
  return f && f->value > 0 ? f->value : 0;
}

/* The share of its bytes a store keeps on disk: a store that compresses
 * (`compression`: columnar chunks of time-series rows) keeps
 * `compressed-share` of them in the database and events slots. The sizer
 * counts disks and the estimate bills storage from this one figure. */
double plan_stored_share(const Plan *p, Str slot, const Tech *t) {
  if (!tech_has(t, CAP_COMPRESSION) || !(str_eqc(slot, "database") || str_eqc(slot, "events")))
    return 1;
  return plan_figure(p, "topology", "compressed-share", 0.1);
}

static double hourly(const KbFact *s, double hours) { return s->monthly ? s->value / hours : s->value; }

bool plan_exceeds(const Choice *c) { return c && c->tech && c->cost.topo.set && c->cost.topo.exceeds; }

/* A size as the sizer reads it: its ceilings, stated or from its vCPUs. */
typedef struct {
  const KbFact *f;
  double vcpu, memory, writes, reads, max;
} Class;

/* What a technology's classes read of it and of the plan, found once per
 * sizing rather than per class: its `limit ops`, and the writes and reads
 * a vCPU carries where a size states none. */
typedef struct {
  double ops, writes_per_vcpu, reads_per_vcpu;
} Rates;

static Rates rates_of(const Plan *p, const Tech *t) {
  Rates r = {.ops = limit_of(t, "ops")};
  /* Rows per vCPU: a commit each for a relational store; log-structured
   * stores append without one; time-series stores take device batches. */
  r.writes_per_vcpu = plan_figure(p, "topology", "writes-per-vcpu", 1000);
  if (str_eqc(t->family, "wide-column") || str_eqc(t->family, "key-value"))
    r.writes_per_vcpu = plan_figure(p, "topology", "lsm-writes-per-vcpu", 3000);
  if (str_eqc(t->family, "time-series") && p->load.ingest_batch > 1)
    r.writes_per_vcpu = plan_figure(p, "topology", "batched-rows-per-vcpu", 25000);
  r.reads_per_vcpu = plan_figure(p, "topology", "reads-per-vcpu", 5000);
  return r;
}

static Class class_of(const Rates *r, const KbFact *f) {
  Class c = {.f = f};
  c.vcpu = f->vcpu > 0 ? f->vcpu : 1;
  c.memory = f->memory;
  c.writes = f->writes > 0 ? f->writes : r->ops > 0 ? r->ops : c.vcpu * r->writes_per_vcpu;
  c.reads = f->reads > 0 ? f->reads : r->ops > 0 ? r->ops : c.vcpu * r->reads_per_vcpu;
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

/* What the sizer knows of a need before it weighs a class: the provider's
 * limits, the shape the availability target asks for, and the first
 * reason a class was passed over (`stop`, `burst_stop`); where instance
 * counts stop every class, the count of the class that came closest
 * (`stop_need`), so the reason names the largest class, not the smallest. */
typedef struct {
  const Plan *p;
  const Need *n;
  const Tech *t;
  const Demand *d;
  const Class *cls;
  int ncls;
  bool stated;
  double hours, usable, lim_inst, lim_rep, lim_sh, lim_store;
  /* `limit instances` as a default quota the provider raises on request:
   * the most it grants (INFINITY: no stated most); lim_inst when hard. */
  double max_inst;
  bool past_quota;   /* the round that lets a topology pass the default quota */
  /* A store that scans (`scan-per-vcpu`): the column bytes a second one
   * vCPU reads, the stored bytes one byte of memory serves, and the
   * share of its bytes on disk. */
  double scan_rate, mem_ratio, stored;
  bool store, relational, can_shard, quorum;
  double top_mem, mid_reads, mid_vcpu;
  bool holds_ws;   /* a relational system of record: its class holds its working set */
  /* The reads a second the volume serves from disk within the latency
   * target, the share of the working set memory holds for the rest, and
   * the bytes that makes (all of a cache's or search index's hot set). */
  double miss_reads, touches, mem_share, mem_need;
  bool read_copy;  /* the copy in each other zone is readable because reads dominate */
  bool working_set, readable, named_modes, cluster3, keep_standby, failover_standby, burst_ok;
  double avail, burst_below, ratio, shared_max;
  Str stop, burst_stop;
  double stop_need;
} Sizer;

/* What weighing one class works out: the shards each axis calls for
 * (writes, storage, memory), the load on each shard, the copies, and the
 * axis that is fullest (`used` of `cap`, named by `ceiling`). */
typedef struct {
  double sw, sb, sm, sq, sr, shards, rshard, wshard;
  bool read_bound, beside;
  const char *mode;
  double used, cap;
  Str ceiling;
} Fit;

/* The storage one shard holds: the provider's limit per partition or per
 * database. A self-run store keeps its data on the node's own volume. A
 * wide-column node holding rows edited in place keeps only what
 * compaction, repair and streaming to a replacement node keep up with
 * (`wide-node-data`); appended rows read by time window (the events
 * slot: time-window compaction) may fill the volume. */
static double shard_storage(const Plan *p, const Need *n, const Tech *t, bool store) {
  double lim_store = limit_of(t, "partition-storage");
  if (lim_store <= 0)
    lim_store = limit_of(t, "storage");
  if (lim_store <= 0 && store && str_eqc(t->hosting, "self-hosted"))
    lim_store = str_eqc(t->family, "wide-column") && !str_eqc(n->slot, "events")
                    ? plan_figure(p, "self-hosted", "wide-node-data", 2e12)
                    : plan_figure(p, "self-hosted", "node-disk", 17592186044416.0);
  return lim_store;
}

/* The copies a relational store keeps for its target, and in which
 * deployment mode. */
static void sizer_copies(Sizer *s) {
  const Plan *p = s->p;
  const Tech *t = s->t;
  const Demand *d = s->d;
  /* From 99.95% the copy in each other zone is a readable replica (Aurora
   * readers, RDS Multi-AZ DB clusters): the providers' multi-zone SLAs are
   * stated for it, and a copy that serves reads is known to be warm. */
  bool copy = s->relational && d->zones >= 2 && (tech_has(t, CAP_REPLICATION) || !str_eqc(t->hosting, "serverless"));
  s->readable = copy && p->model->project.availability >= plan_figure(p, "topology", "readable-standby", 0.9995);
  /* Classes that name their deployment modes; clusters where one does. */
  s->named_modes = false, s->cluster3 = false;
  for (int i = 0; i < s->ncls; i++) {
    s->named_modes |= s->cls[i].f->nincludes > 0;
    s->cluster3 |= s->cls[i].f->nincludes > 0 && class_offers(s->cls[i].f, "cluster");
  }
  /* Below it, reads that dominate the writes are served by the copy in
   * each other zone the target keeps anyway (a hot standby): it costs no
   * more, and a copy that serves reads is known to be warm. Not where the
   * provider's standby serves no reads (an RDS Multi-AZ standby) or where
   * a serverless store keeps no copy. */
  s->read_copy = !s->readable && copy && !s->named_modes && !str_eqc(t->hosting, "serverless") && d->reads > 0 &&
                 d->reads >= plan_figure(p, "topology", "replica-read-ratio", 5) * d->writes;
  s->readable |= s->read_copy;
  s->cluster3 = s->cluster3 && s->readable && d->zones >= 3 && !str_eqc(t->hosting, "serverless");
  /* Where the provider tells its modes apart (RDS, Azure), a read replica
   * is promoted by hand: a target that asks for a copy asks for automatic
   * failover, so a readable copy that cannot be a cluster (fewer than 3
   * zones, or no class offered as one) gives way to a Multi-AZ standby,
   * with replicas only for the reads. */
  s->keep_standby =
      s->relational && s->named_modes && !s->cluster3 && d->zones >= 2 && !str_eqc(t->hosting, "serverless");
  s->failover_standby = s->readable && s->keep_standby;
  if (s->failover_standby)
    s->readable = s->read_copy = false;
}

/* A relational store's memory need: its reads, and its writes (which
 * read the index and table pages they change), that miss memory go to the
 * volume, `pages-per-miss` page reads each, and it serves the
 * `read-iops-share` of its `storage-iops` to them; only those past that
 * must hit memory. They spread over the working set, so memory holds the
 * same share of it. A latency target tighter than the pages' reads from
 * the volume takes it all. */
static void memory_share(Sizer *s) {
  const Plan *p = s->p;
  const Demand *d = s->d;
  s->mem_share = 1;
  if (s->holds_ws) {
    double pages = plan_figure(p, "topology", "pages-per-miss", 2);
    double p95 = p->model->project.latency[PCT_P95];
    s->miss_reads = plan_figure(p, "topology", "storage-iops", 3000) *
                    plan_figure(p, "topology", "read-iops-share", 0.5) / pages;
    if (p95 > 0 && p95 < pages * plan_figure(p, "topology", "storage-latency", 0.01))
      s->miss_reads = 0;
    s->touches = d->reads + d->writes;
    s->mem_share = s->touches > 0 ? fmax(0, 1 - s->miss_reads / s->touches) : 0;
  }
  s->mem_need = d->hot_bytes * s->mem_share;
}

static Sizer sizer_of(const Plan *p, const Need *n, const Tech *t, const Demand *d, const Class *cls, int ncls,
                      bool stated) {
  Sizer s = {.p = p, .n = n, .t = t, .d = d, .cls = cls, .ncls = ncls, .stated = stated};
  s.hours = plan_figure(p, "compute", "hours-per-month", 730);
  s.usable = plan_figure(p, "topology", "memory-usable", 0.75);
  s.lim_inst = limit_of(t, "instances"), s.lim_rep = limit_of(t, "replicas"), s.lim_sh = limit_of(t, "shards");
  const KbFact *qf = tech_fact(t, KEY_LIMIT, "instances");
  s.max_inst = qf && qf->adjustable ? (qf->granted > 0 ? qf->granted : (double)INFINITY) : s.lim_inst;
  s.store = is_store(n->slot);
  s.lim_store = shard_storage(p, n, t, s.store);
  s.relational = str_eqc(t->family, "relational");
  s.stored = d->bytes * plan_stored_share(p, n->slot, t);
  /* A store built for analytic scans is sized for its queries' scans and
   * holds no more data than its memory serves at ClickHouse's published
   * ratios: 1:50 for data people query often, 1:130 for long retention. */
  s.scan_rate = s.store ? limit_of(t, "scan-per-vcpu") : 0;
  if (s.scan_rate > 0)
    s.mem_ratio = d->queried ? plan_figure(p, "topology", "scan-memory-ratio", 50)
                             : plan_figure(p, "topology", "cold-memory-ratio", 130);
  s.can_shard = s.store && (scales_out(t) || (s.relational && d->shard_key.n));
  s.quorum = s.store && copies_by_quorum(t) && nodes_own_copies(t);
  /* A relational system of record holds its working set at the horizon
   * (its hot share) in memory: its class is one whose usable memory
   * holds it, and past the largest class's it shards, a structure that
   * is hard to change later. Its CPUs follow today's load. */
  s.mid_vcpu = plan_figure(p, "topology", "vertical-read-vcpu", 8);
  for (int i = 0; i < ncls; i++) {
    s.top_mem = fmax(s.top_mem, cls[i].memory * s.usable);
    if (cls[i].vcpu <= s.mid_vcpu)
      s.mid_reads = fmax(s.mid_reads, cls[i].reads);
  }
  s.holds_ws = s.relational && stated && str_eqc(n->slot, "database") && s.top_mem > 0;
  memory_share(&s);
  s.working_set = s.holds_ws && s.mem_need > s.top_mem;   /* it shards for it */
  sizer_copies(&s);
  /* Burstable classes (a `baseline` CPU share) are for development and
   * test servers, as AWS recommends: a production plan takes one only
   * below `burstable-below` (a target one instance meets) or under a
   * tight budget, with the CPU-credit risk stated. */
  s.burst_ok = plan_burst_ok(p);
  s.shared_max = plan_figure(p, "topology", "shared-core-max-instances", 2);
  s.avail = p->model->project.availability, s.burst_below = plan_figure(p, "topology", "burstable-below", 0.999);
  s.ratio = plan_figure(p, "topology", "replica-read-ratio", 5);
  return s;
}

/* The shards a store needs on one class: false when it needs more than it
 * can have in this pass (`sharded`: shards allowed). */
static bool store_shards(Arena *a, Sizer *s, const Class *c, bool sharded, Fit *f) {
  const Demand *d = s->d;
  const Need *n = s->n;
  char b1[32], b2[32];
  f->sw = d->writes > 0 ? ceil(d->writes / c->writes) : 1;
  f->sb = s->lim_store > 0 && s->stored > 0 ? ceil(s->stored / s->lim_store) : 1;
  /* A cache, a search index and a relational system of record hold
   * their working set in memory: each shard its share. */
  f->sm = (str_eqc(n->slot, "cache") || str_eqc(n->slot, "search") || s->holds_ws) && c->memory > 0
              ? ceil(s->mem_need / (c->memory * s->usable))
              : 1;
  f->sq = s->scan_rate > 0 && d->scan > 0 ? ceil(d->scan / (c->vcpu * s->scan_rate)) : 1;
  f->sr = s->mem_ratio > 0 && c->memory > 0 && s->stored > 0 ? ceil(s->stored / (c->memory * s->mem_ratio)) : 1;
  double shards = f->shards = fmax(1, fmax(fmax(f->sw, f->sb), fmax(f->sm, fmax(f->sq, f->sr))));
  if (shards > 1 && !s->can_shard && (f->sq >= shards || f->sr >= shards) && f->sw < shards && f->sb < shards &&
      f->sm < shards) {
    /* Scans or the memory the data needs: a store that writes through one
     * primary cannot spread them. */
    if (!s->stop.n && !s->p->quiet)
      s->stop = f->sq >= f->sr
                    ? str_printf(a, "one %.*s scans %s/s; the queries read %s/s at the design load and %s",
                                 STRF(c->f->name), fmt_bytes(b1, c->vcpu * s->scan_rate), fmt_bytes(b2, d->scan),
                                 tech_has(s->t, CAP_ONE_WRITER) ? "it writes through one primary (it does not shard)"
                                                              : "it does not shard")
                    : str_printf(a, "one %.*s serves %s of stored data from its memory (1:%g); the data grows to %s "
                                    "and %s",
                                 STRF(c->f->name), fmt_bytes(b1, c->memory * s->mem_ratio), s->mem_ratio,
                                 fmt_bytes(b2, s->stored),
                                 tech_has(s->t, CAP_ONE_WRITER) ? "it writes through one primary (it does not shard)"
                                                              : "it does not shard");
    return false;
  }
  if (shards > 1 && !s->can_shard) {
    /* Memory stops the technology only past its largest class; below it
     * a larger class holds the working set. */
    bool by_mem = !(f->sw >= f->sb && f->sw >= f->sm) && f->sb < f->sm;
    if (!s->stop.n && !s->p->quiet && (!by_mem || s->mem_need > s->top_mem))
      s->stop = f->sw >= f->sb && f->sw >= f->sm
                    ? str_printf(a, "one primary of %.*s carries %s writes/s; the design load is %s writes/s and %s",
                                 STRF(c->f->name), fmt_count(b1, c->writes), fmt_count(b2, d->writes),
                                 s->relational ? "the data has no shard key from its access pattern"
                                 : tech_has(s->t, CAP_ONE_WRITER) ? "it writes through one primary (it does not shard)"
                                                               : "it does not shard")
                : f->sb >= f->sm ? str_printf(a, "one instance holds %s; the data grows to %s and %s",
                                              fmt_bytes(b1, s->lim_store), fmt_bytes(b2, s->stored),
                                              s->relational ? "has no shard key from its access pattern"
                                              : tech_has(s->t, CAP_ONE_WRITER) ? "it writes through one primary (it does not shard)"
                                                                            : "it does not shard")
                                 : str_printf(a, "the working set of %s passes the %s the largest class holds in memory, "
                                                 "and %s",
                                              fmt_bytes(b1, s->mem_need), fmt_bytes(b2, s->top_mem),
                                              s->relational ? "the data has no shard key from its access pattern"
                                                            : "it does not shard");
    return false;
  }
  if ((s->lim_sh > 0 && shards > s->lim_sh) || (!sharded && shards > 1))
    return false;
  f->rshard = d->reads / shards, f->wshard = d->writes / shards;
  return true;
}

/* Replicas and standbys per shard on one class, and the deployment mode
 * they make: false when the provider's limits or the class's modes refuse
 * them (`replicas_first`: reads past a mid-size primary go to replicas). */
static bool store_copies(Arena *a, Sizer *s, const Class *c, bool replicas_first, Fit *f, Topology *tp) {
  const Demand *d = s->d;
  const Tech *t = s->t;
  double rshard = f->rshard, wshard = f->wshard;
  /* Reads that dominate writes and pass what a mid-size primary
   * serves go to replicas; the primary stays sized for its writes. */
  f->read_bound = replicas_first && s->relational && rshard > s->mid_reads && s->mid_reads > 0 &&
                  rshard >= s->ratio * wshard;
  if (f->read_bound) {
    double wneed = 0;
    for (int k = 0; k < s->ncls; k++)
      if (s->cls[k].writes >= wshard && (!s->holds_ws || s->cls[k].memory * s->usable >= s->mem_need / f->shards) &&
          (wneed == 0 || s->cls[k].vcpu < wneed))
        wneed = s->cls[k].vcpu;
    if (c->vcpu > fmax(wneed, s->mid_vcpu) || (rshard <= c->reads && c->vcpu <= s->mid_vcpu))
      return false;
  }
  double reps = rshard > 0 ? fmax(0, ceil(rshard / c->reads) - 1) : 0;
  /* A primary past the mid-size class for its writes or its working set
   * could carry such reads alone; they still go to a replica. */
  if (f->read_bound)
    reps = fmax(reps, 1);
  if (str_eqc(s->n->slot, "cache") || s->quorum || s->readable || !nodes_own_copies(t) || tech_has(t, CAP_ONE_WRITER))
    reps = fmax(reps, d->zones - 1); /* a copy in each other zone */
  if (s->quorum && d->zones >= 2)
    reps = fmax(reps, 2); /* replication factor 3: a quorum survives a zone */
  if ((s->lim_rep > 0 && reps > s->lim_rep) || f->shards * (1 + reps + d->zones) > MAX_NODES)
    return false;
  tp->replicas = (int)reps;
  /* Serverless relational stores fail over within the provider's
   * replicated storage; a non-serverless one keeps a standby in each
   * other zone that no replica is in. */
  bool serverless = str_eqc(t->hosting, "serverless");
  tp->standbys = !s->relational || serverless ? 0
                 : s->keep_standby            ? (int)fmax(1, d->zones - 1 - reps)
                                              : (int)fmax(0, d->zones - 1 - reps);
  /* More readable copies than a cluster holds are read replicas, and
   * a read replica is promoted by hand: where the provider tells its
   * modes apart, a target that asks for a copy in another zone keeps
   * a Multi-AZ standby beside them. */
  f->beside = s->relational && !serverless && s->named_modes && d->zones >= 2 && tp->standbys == 0 &&
              tp->replicas > 0 && strcmp(deploy_mode(tp, s->cluster3), "cluster");
  if (f->beside)
    tp->standbys = 1;
  tp->instances = tp->shards * (1 + tp->replicas + tp->standbys);
  f->mode = deploy_mode(tp, s->cluster3);
  const char *misfit = class_misfit(c->f, tp, f->mode);
  if (s->named_modes)
    tp->deployment = str_c(f->mode);
  if (misfit) {
    /* One class's mode is why the technology fails only when no class is
     * offered in it; else the classes that are offered say what stops them. */
    bool any = false;
    for (int i = 0; i < s->ncls && !any; i++)
      any = class_offers(s->cls[i].f, misfit);
    if (!any && !s->stop.n && !s->p->quiet)
      s->stop = str_printf(a, "no class of %.*s is offered in the %s deployment mode this topology needs",
                           STRF(t->name), misfit);
    return false;
  }
  return true;
}

/* The share of its working set a relational store keeps in memory, in
 * words: the reads the volume serves from disk, and the rest. */
static Str memory_words(Arena *a, const Sizer *s) {
  const Plan *p = s->p;
  char b1[32], b2[32], b3[32];
  Str volume = str_printf(a, "%s IOPS, %g%% of them for pages memory misses, %g page reads each",
                          fmt_count(b1, plan_figure(p, "topology", "storage-iops", 3000)),
                          plan_figure(p, "topology", "read-iops-share", 0.5) * 100,
                          plan_figure(p, "topology", "pages-per-miss", 2));
  if (s->mem_share <= 0)
    return str_printf(a, "the %s working set need not stay in memory: its %s reads and writes a second are within the %s/s "
                         "the volume serves from disk (%.*s)",
                      fmt_bytes(b1, s->d->hot_bytes), fmt_count(b2, s->touches), fmt_count(b3, s->miss_reads),
                      STRF(volume));
  return str_printf(a, "it holds %.0f%% of the %s working set, for the pages past the %s/s the volume "
                       "serves from disk (%.*s) of its %s reads and writes a second",
                    ceil(s->mem_share * 100), fmt_bytes(b1, s->d->hot_bytes), fmt_count(b2, s->miss_reads),
                    STRF(volume), fmt_count(b3, s->touches));
}

/* Why a relational store keeps the copies it keeps, in words, and how its
 * history is partitioned. */
static void store_why(Arena *a, const Sizer *s, const Class *c, const Fit *f, Topology *tp) {
  const Demand *d = s->d;
  char b1[32], b2[32];
  double rshard = f->rshard, wshard = f->wshard;
  double from_reads = rshard > 0 ? fmax(0, ceil(rshard / c->reads) - 1) : 0;
  double target = s->p->model->project.availability * 100;
  if (!s->relational)
    ;
  else if (s->failover_standby) {
    Str reads = tp->replicas > 0 ? str_printf(a, "; %d read replica%s the reads (%s/s%s)", tp->replicas,
                                              tp->replicas == 1 ? " carries" : "s carry", fmt_count(b1, rshard),
                                              tp->shards > 1 ? " a shard" : "")
                                 : S("; no read replica, as the reads do not need one");
    tp->why = str_printf(a, "a Multi-AZ standby fails over by itself for the %g%% target: a readable copy in "
                            "%d zones cannot be a cluster (a writer and two readable standbys need 3 zones and "
                            "a class offered as one), and a read replica is promoted by hand%.*s",
                         target, d->zones, STRF(reads));
  }
  else if (f->read_bound)
    tp->why = str_printf(a, "reads (%s/s%s) are %.0fx the writes and pass the %s/s a mid-size primary serves: "
                            "%d read replica%s them and the primary stays sized for its writes",
                         fmt_count(b1, rshard), tp->shards > 1 ? " a shard" : "", wshard > 0 ? rshard / wshard : 0,
                         fmt_count(b2, s->mid_reads), tp->replicas, tp->replicas == 1 ? " carries" : "s carry");
  else if (tp->replicas > 0 && from_reads >= tp->replicas)
    tp->why = str_printf(a, "%d read replica%s the reads (%s/s%s) one %.*s cannot", tp->replicas,
                         tp->replicas == 1 ? " carries" : "s carry", fmt_count(b1, rshard),
                         tp->shards > 1 ? " a shard" : "",
                         STRF(c->f->name));
  else if (tp->replicas > 0 && !strcmp(f->mode, "cluster"))
    tp->why = str_printf(a, "a cluster of a writer and a readable standby in each other zone for the %g%% "
                            "target: the copies the target needs fail over by themselves and carry reads",
                         target);
  else if (tp->replicas > 0 && s->read_copy)
    tp->why = str_printf(a, "reads (%s/s%s) are %.0fx the writes: the copy in each other zone the %g%% target "
                            "keeps is a readable replica that carries them, at no more cost than a standby",
                         fmt_count(b1, rshard), tp->shards > 1 ? " a shard" : "", wshard > 0 ? rshard / wshard : 0,
                         target);
  else if (tp->replicas > 0)
    tp->why = str_printf(a, "a readable replica in each other zone for the %g%% target: the copy the target "
                            "needs carries reads and is known to be warm",
                         target);
  else if (tp->standbys > 0)
    tp->why = str_printf(a, "a standby in each other zone for the %g%% target", target);
  if ((s->keep_standby || f->beside) && !s->failover_standby && tp->replicas > 0)
    tp->why = str_printf(a, "%.*s; a Multi-AZ standby fails over by itself for the %g%% target, as a read "
                            "replica is promoted by hand", STRF(tp->why), target);
  /* Said where the class does not hold the whole working set. */
  if (s->holds_ws && s->mem_share < 1 && d->hot_bytes / tp->shards > c->memory * s->usable)
    tp->memory = memory_words(a, s), tp->load_memory = s->mem_need;
  if (s->relational)
    tp->partitioning = time_partitions(a, s->p, s->n, c, tp->shards);
}

/* The axis that is fullest on one class of a store (writes, storage at the
 * horizon, memory, or reads over the replicas), named in words. */
static void store_ceiling(Arena *a, const Sizer *s, const Class *c, bool words, const Topology *tp, Fit *f) {
  const Demand *d = s->d;
  char b1[32], b2[32], b3[32];
  /* The axis that called for the most shards; among those that call for
   * as many, the one whose ceiling is fullest. */
  double fw = c->writes > 0 ? f->wshard / c->writes : 0;
  double fb = s->lim_store > 0 ? s->stored / f->shards / s->lim_store : 0;
  double fm = c->memory > 0 ? s->mem_need / f->shards / (c->memory * s->usable) : 0;
  bool by_w = f->sw > f->sb || (f->sw == f->sb && fw >= fb);
  bool w_over_m = f->sw > f->sm || (f->sw == f->sm && (fw >= fm || !s->holds_ws));
  bool b_over_m = f->sb > f->sm || (f->sb == f->sm && (fb >= fm || !s->holds_ws));
  if (by_w && w_over_m) {
    f->used = f->wshard, f->cap = c->writes;
    f->ceiling = !words ? (Str){0}
                        : str_printf(a, "writes %s/s per %.*s%s", fmt_count(b1, c->writes), STRF(c->f->name),
                                     tp->shards > 1 ? " shard" : " primary");
  } else if (!by_w && b_over_m) {
    f->used = s->stored / f->shards, f->cap = s->lim_store;
    f->ceiling = !words ? (Str){0}
                        : str_printf(a, "storage %s per shard (%s at the horizon%s)", fmt_bytes(b1, s->lim_store),
                                     fmt_bytes(b2, s->stored), s->stored < d->bytes ? ", compressed" : "");
  } else {
    f->used = s->mem_need / f->shards, f->cap = c->memory * s->usable;
    f->ceiling = !words ? (Str){0}
                 : s->holds_ws && s->mem_share < 1
                     ? str_printf(a, "memory %s usable per %.*s for %.0f%% of a working set of %s (recent appended "
                                     "rows, the hot share of rows edited in place, and their indexes): the pages "
                                     "its reads and writes touch past what the volume serves",
                                  fmt_bytes(b1, f->cap), STRF(c->f->name), ceil(s->mem_share * 100),
                                  fmt_bytes(b3, d->hot_bytes))
                 : s->holds_ws
                     ? str_printf(a, "memory %s usable per %.*s for a working set of %s (recent appended "
                                     "rows, the hot share of rows edited in place, and their indexes)",
                                  fmt_bytes(b1, f->cap), STRF(c->f->name), fmt_bytes(b3, d->hot_bytes))
                     : str_printf(a, "memory %s usable per %.*s", fmt_bytes(b1, f->cap), STRF(c->f->name));
  }
  /* A scan store: its queries' scans, or the data its memory serves,
   * when either is fuller than the axis above. Scans run on one copy of
   * each shard, so they still fit when a zone's copies are lost. */
  double scan_cap = c->vcpu * s->scan_rate, ratio_cap = c->memory * s->mem_ratio;
  if (scan_cap > 0 && d->scan > 0 && d->scan / f->shards / scan_cap > f->used / f->cap &&
      d->scan / scan_cap >= s->stored / fmax(1, ratio_cap)) {
    f->used = d->scan / f->shards, f->cap = scan_cap;
    bool top = d->scan_top >= d->scan * (1 - 1e-9) && d->spread_key.n;
    f->ceiling = !words ? (Str){0}
                 : top ? str_printf(a, "scans %s/s per %.*s (%s/s a vCPU): the largest tenant's query reads %s of "
                                       "columns within %g s, on every shard as %.*s spreads its rows",
                                    fmt_bytes(b1, scan_cap), STRF(c->f->name), fmt_bytes(b2, s->scan_rate),
                                    fmt_bytes(b3, d->scan * plan_figure(s->p, "topology", "query-seconds", 1)),
                                    plan_figure(s->p, "topology", "query-seconds", 1), STRF(d->spread_key))
                       : str_printf(a, "scans %s/s per %.*s (%s/s a vCPU): the queries read %s/s of columns at the "
                                       "design load",
                                    fmt_bytes(b1, scan_cap), STRF(c->f->name), fmt_bytes(b2, s->scan_rate),
                                    fmt_bytes(b3, d->scan));
  } else if (ratio_cap > 0 && s->stored / f->shards / ratio_cap > f->used / f->cap) {
    f->used = s->stored / f->shards, f->cap = ratio_cap;
    f->ceiling = !words ? (Str){0}
                        : str_printf(a, "memory: one %.*s serves %s of stored data (1:%g memory to storage for data "
                                        "%s; %s at the horizon, compressed)",
                                     STRF(c->f->name), fmt_bytes(b1, ratio_cap), s->mem_ratio,
                                     d->queried ? "people query often" : "kept long", fmt_bytes(b2, s->stored));
  }
  if (tp->replicas > 0 && f->rshard / (1 + tp->replicas) / c->reads > f->used / f->cap) {
    f->used = f->rshard / (1 + tp->replicas), f->cap = c->reads;
    f->ceiling = !words ? (Str){0}
                        : str_printf(a, "reads %s/s per %.*s: %s reads/s on a primary and %d replica%s",
                                     fmt_count(b1, c->reads), STRF(c->f->name), fmt_count(b2, f->rshard), tp->replicas,
                                     tp->replicas == 1 ? "" : "s");
  }
}

/* A store on one class: shards, copies, why and ceiling; false when the
 * class does not fit in this pass. */
static bool size_store(Arena *a, Sizer *s, const Class *c, int pass, bool words, Topology *tp, Fit *f) {
  bool sharded = pass >= 2, replicas_first = pass % 2 == 0;
  if (!store_shards(a, s, c, sharded, f) || f->shards > MAX_NODES)
    return false;
  tp->shards = (int)f->shards;
  if (!store_copies(a, s, c, replicas_first, f, tp))
    return false;
  if (words)
    store_why(a, s, c, f, tp);
  store_ceiling(a, s, c, words, tp, f);
  return true;
}

/* Compute and other stateless or self-run services on one class: as many
 * instances as the vCPUs, the stream bytes and the zones ask for. */
static bool size_service(Arena *a, Sizer *s, const Class *c, int pass, bool words, Topology *tp, Fit *f) {
  const Plan *p = s->p;
  const Demand *d = s->d;
  if (pass % 2)
    return false;
  double k = d->min_nodes;
  if (d->vcpu > 0)
    k = fmax(k, ceil(d->vcpu / c->vcpu));
  /* what its workers keep in memory (open documents) */
  bool by_memory = d->hot_bytes > 0 && c->memory > 0 && ceil(d->hot_bytes / (c->memory * s->usable)) > k;
  if (by_memory)
    k = ceil(d->hot_bytes / (c->memory * s->usable));
  if (d->throughput > 0) {
    double tput = c->vcpu * plan_figure(p, "compute", "stream-bytes-per-vcpu", 5e6);
    k = fmax(k, ceil(d->throughput / tput));
  }
  if (c->max > 0 && k > c->max) {
    if ((!s->stop.n || (s->stop_need > 0 && k < s->stop_need)) && !p->quiet) {
      s->stop = str_printf(a, "%.*s allows at most %g per process type; the design load needs %g",
                           STRF(c->f->name), c->max, k);
      s->stop_need = k;
    }
    return false;
  }
  if (k > 10000)
    return false;
  tp->instances = (int)k;
  f->used = d->vcpu, f->cap = k * c->vcpu;
  ComponentWork w = words && d->workers ? plan_component_work(p) : (ComponentWork){0};
  char b1[32], b2[32];
  Str workers = w.vcpu > 0 ? str_printf(a, ", and %s vCPU for the background workers (%s busy on average, x %g headroom)",
                                        fmt_count(b1, w.vcpu * w.headroom), fmt_count(b2, w.vcpu), w.headroom)
                           : S("");
  f->ceiling = !words ? (Str){0}
                      : by_memory ? str_printf(a, "memory %s usable per %.*s for %s its workers keep in memory",
                                               fmt_bytes(b1, c->memory * s->usable), STRF(c->f->name),
                                               fmt_bytes(b2, d->hot_bytes))
                      : d->vcpu > 0 && ceil(d->vcpu / c->vcpu) >= d->min_nodes && d->sign_ins > 0
                            ? str_printf(a, "%g vCPU per %.*s for %s sign-ins/s at %g per vCPU and %s token refreshes/s "
                                            "at %g per vCPU", c->vcpu, STRF(c->f->name), fmt_count(b1, d->sign_ins),
                                         plan_figure(p, "auth", "sign-ins-per-vcpu", 15), fmt_count(b2, d->refreshes),
                                         plan_figure(p, "auth", "refreshes-per-vcpu", 120))
                      : d->vcpu > 0 && ceil(d->vcpu / c->vcpu) >= d->min_nodes && d->rps_per_vcpu > 0
                            ? str_printf(a, "%g vCPU per %.*s at %g req/s per vCPU%.*s", c->vcpu, STRF(c->f->name),
                                         d->rps_per_vcpu, STRF(workers))
                      : d->vcpu > 0 && ceil(d->vcpu / c->vcpu) >= d->min_nodes
                            ? str_printf(a, "%g vCPU per %.*s for %s vCPU of load", c->vcpu, STRF(c->f->name),
                                         fmt_count(b1, d->vcpu))
                            : str_printf(a, "%d instances for %d zone%s (availability target)", d->min_nodes,
                                         d->zones, d->zones == 1 ? "" : "s");
  return true;
}

/* Who says a burstable class is for development and test: AWS says so of
 * its own; of another provider's shared-core class it is Plinth's rule. */
static const char *burst_advice(const Tech *t) {
  return t->nclouds == 1 && str_eqc(t->clouds[0], "aws") ? "AWS recommends" : "Plinth takes";
}

/* One class weighed in one pass: the topology it takes and its monthly
 * price, or false when it does not fit. */
static bool weigh_class(Arena *a, Sizer *s, const Class *c, int pass, bool words, Topology *out, double *usd) {
  const Plan *p = s->p;
  if (c->f->baseline > 0 && !s->burst_ok) {
    if (!s->burst_stop.n && !p->quiet)
      s->burst_stop = str_printf(a, "%.*s is burstable, a class %s only for development and test servers; "
                                    "a plan takes one only below the %g%% target or under a tight budget",
                                 STRF(c->f->name), burst_advice(s->t), s->burst_below * 100);
    return false;
  }
  /* Built in place: a class that does not fit leaves *out to be overwritten. */
  Topology *tp = out;
  *tp = (Topology){.set = true, .zones = s->d->zones, .shards = 1};
  Fit f = {.cap = 1};
  if (!(s->store ? size_store(a, s, c, pass, words, tp, &f) : size_service(a, s, c, pass, words, tp, &f)))
    return false;
  /* A shared-core class (a CPU baseline, or a store's class of a fraction
   * of one vCPU; a container's fraction is its own) is one development
   * server, never a fleet: past `shared-core-max-instances` a larger class
   * carries the load. */
  if ((c->f->baseline > 0 || (s->store && c->vcpu > 0 && c->vcpu < 1)) && tp->instances > s->shared_max) {
    if (!s->burst_stop.n && !p->quiet)
      s->burst_stop = str_printf(a, "%.*s shares its CPU core: %d instances of it pass the %g a plan runs of a "
                                    "shared-core class, which is for development servers",
                                 STRF(c->f->name), tp->instances, s->shared_max);
    return false;
  }
  if (s->lim_inst > 0 && tp->instances > s->max_inst) {
    if ((!s->stop.n || (s->stop_need > 0 && tp->instances < s->stop_need)) && !p->quiet) {
      s->stop = s->max_inst > s->lim_inst
                    ? str_printf(a, "%d instances of %.*s pass the most the provider grants on request, %g "
                                    "(its default quota is %g)", tp->instances, STRF(c->f->name), s->max_inst, s->lim_inst)
                    : str_printf(a, "%d instances of %.*s pass the provider's limit of %g", tp->instances,
                                 STRF(c->f->name), s->lim_inst);
      s->stop_need = tp->instances;
    }
    return false;
  }
  /* Past a default quota the provider raises on request: the plan carries
   * the increase to file before launch. */
  if (s->lim_inst > 0 && tp->instances > s->lim_inst) {
    if (!s->past_quota)
      return false;
    tp->quota = s->lim_inst;
    if (words) {
      Str g = isfinite(s->max_inst) ? str_printf(a, " (adjustable to %g)", s->max_inst) : S("");
      Str q = str_printf(a, "%d instances pass the provider's default quota of %g instances: request an increase "
                            "before launch%.*s", tp->instances, s->lim_inst, STRF(g));
      tp->why = tp->why.n ? str_printf(a, "%.*s; %.*s", STRF(tp->why), STRF(q)) : q;
    }
  }
  if (words && c->f->baseline > 0) {
    Str ok = s->avail < s->burst_below ? str_printf(a, "below the %g%% target", s->burst_below * 100)
                                       : S("under a tight budget");
    Str burst = str_printf(a, "%.*s is burstable: once its CPU credits run out it runs at its %g%% baseline "
                              "(its ceilings assume it); accepted %.*s, though it is a class %s only for "
                              "development and test servers",
                           STRF(c->f->name), c->f->baseline * 100, STRF(ok), burst_advice(s->t));
    tp->why = tp->why.n ? str_printf(a, "%.*s; %.*s", STRF(tp->why), STRF(burst)) : burst;
  }
  *usd = tp->instances * hourly(c->f, s->hours) * s->hours;
  tp->instance_class = c->f->name;
  tp->ceiling = f.ceiling;
  tp->headroom = f.cap > 0 ? fmax(0, 1 - f.used / f.cap) : 1;
  tp->shard_key = tp->shards > 1 ? s->d->shard_key : (Str){0};
  /* Shards for the largest tenant's query: they serve it only when its
   * rows spread over all of them, so the key is finer than the tenant. */
  if (tp->shards > 1 && f.sq >= tp->shards && s->d->spread_key.n && s->d->scan_top >= s->d->scan * (1 - 1e-9))
    tp->shard_key = s->d->spread_key;
  tp->class_writes = s->store ? c->writes : 0;
  tp->class_reads = s->store ? c->reads : 0;
  tp->class_memory = c->memory;
  tp->class_storage = s->store ? s->lim_store : 0;
  tp->class_scan = s->store ? c->vcpu * s->scan_rate : 0;
  tp->memory_ratio = s->mem_ratio;
  return true;
}

/* Each shard is another primary to run, back up and rebalance: the
 * fewest shards within `fewer-shards-share` of the cheapest price, then
 * the cheapest, then (at equal prices) the fewest instances. A service
 * priced per vCPU costs the same in many small instances as in a few
 * large ones, and each instance holds its own database connections,
 * warm-up and health checks: within `fewer-instances-share` of the
 * cheapest, it runs on the fewest. */
static int fewest_shards(const Plan *p, const Topology *cand, const double *cand_usd, int ncand, double best,
                         bool service) {
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
  if (!service || k < 0)
    return k;
  double near = cand_usd[k] * (1 + plan_figure(p, "topology", "fewer-instances-share", 0.05)) + 1e-9;
  for (int i = 0; i < ncand; i++)
    if (cand_usd[i] <= near && cand[i].shards == cand[k].shards && cand[i].instances < cand[k].instances)
      k = i;
  return k;
}

/* Cheapest topology over the instance classes; false with *why set when
 * none fits. `stated`: the classes are the knowledge base's sizes, whose
 * memory is a ceiling (a planning node's is not). */
static bool size_classes(Arena *a, const Plan *p, const Need *n, const Tech *t, const Demand *d, const Class *cls,
                         int ncls, bool stated, Topology *out, const KbFact **chosen) {
  Sizer s = sizer_of(p, n, t, d, cls, ncls, stated);
  /* Passes: 0 one shard, the primary sized for writes and reads past a
   * mid-size class on replicas; 1 one shard, any class; 2 and 3 the same
   * with shards (only when nothing fits unsharded). */
  /* Entry k is written by weigh_class before it is read. */
  Topology *cand = new_unzeroed(a, Topology, ncls);
  const KbFact **cand_f = new_unzeroed(a, const KbFact *, ncls);
  double *cand_usd = new_unzeroed(a, double, ncls);
  int *cand_i = new_unzeroed(a, int, ncls), chosen_i = -1;
  /* Round 0 weighs every class without words; round 1 describes the
   * chosen one (its ceiling and why), unless the plan is quiet. */
  /* A cache shards from the start: its shards keep no backups and
   * reshard online, so a cluster of small nodes competes with one large. */
  int first = str_eqc(n->slot, "cache") ? 2 : 0;
  /* Topologies past a default quota compete only when no pass fits within
   * it: an increase is a request the provider may refuse or grant late. */
  for (int q = 0; q < 2 && !*chosen; q++) {
    s.past_quota = q == 1;
    if (s.past_quota && !(s.lim_inst > 0 && s.max_inst > s.lim_inst))
      break;
    for (int pass = first; pass < 4 && !*chosen; pass++)
    for (int round = 0; round < 2; round++) {
      bool words = round == 1;
      if (words && (p->quiet || !*chosen))
        break;
      int ncand = 0;
      double best = (double)INFINITY;
      for (int i = 0; i < ncls; i++) {
        if (words && i != chosen_i)
          continue;
        if (!weigh_class(a, &s, &cls[i], pass, words, &cand[ncand], &cand_usd[ncand]))
          continue;
        /* Each shard of a relational store the application shards is
         * another database whose schema changes, backups and rebalancing
         * the team runs: a DBA's share of it (`parts-per-engineer`), whoever
         * hosts it, weighs in which class it takes. */
        if (s.relational && s.store && cand[ncand].shards > 1)
          cand_usd[ncand] += cand[ncand].shards * plan_figure(p, "budget", "engineer-month", 15700) /
                             plan_figure(p, "operations", "parts-per-engineer", 40);
        cand_f[ncand] = cls[i].f;
        cand_i[ncand] = i;
        best = fmin(best, cand_usd[ncand++]);
      }
      if (words) {
        if (ncand)
          *out = cand[0];
        break;
      }
      if (ncand) {
        int k = fewest_shards(p, cand, cand_usd, ncand, best, !s.store);
        *out = cand[k];
        *chosen = cand_f[k];
        chosen_i = cand_i[k];
      }
    }
  }
  if (*chosen)
    return true;
  Str stop = s.stop.n ? s.stop : s.burst_stop;
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

/* Functions: executions in flight against the concurrency quota. */
static bool functions_topology(Arena *a, const Plan *p, const Tech *t, const Demand *d, Topology *topo) {
  char b1[32], b2[32];
  double lim = limit_of(t, "concurrency");
  Topology tp = {.set = true,
                 .instance_class = S("function"),
                 .instances = (int)fmin(fmax(1, ceil(d->concurrency)), MAX_NODES),
                 .shards = 1,
                 .zones = d->zones};
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

/* Whether a store is a partitioned serverless one: per-partition limits
 * and no sizes. */
static bool partitioned(const Need *n, const Tech *t) {
  bool sized = tech_fact(t, KEY_SIZE, NULL) != NULL;
  return !sized && is_store(n->slot) && (limit_of(t, "partition-writes") > 0 || limit_of(t, "partition-reads") > 0);
}

/* Partitioned serverless stores: partitions from their per-partition limits. */
static bool partition_topology(Arena *a, const Plan *p, const Tech *t, const Demand *d, Topology *topo) {
  char b1[32];
  double pw = limit_of(t, "partition-writes"), pr = limit_of(t, "partition-reads"), ps = limit_of(t, "partition-storage");
  double kw = pw > 0 ? ceil(d->writes / pw) : 0, kr = pr > 0 ? ceil(d->reads / pr) : 0,
         kb = ps > 0 ? ceil(d->bytes / ps) : 0;
  double k = fmax(1, fmax(kw, fmax(kr, kb)));
  Topology tp = {.set = true, .instance_class = S("on-demand partitions"), .instances = (int)fmin(k, 1e6),
                 .shards = (int)fmin(k, 1e6), .zones = 3};
  /* Without a key from the access pattern, items spread by their own key. */
  tp.shard_key = k <= 1 ? (Str){0} : d->shard_key.n ? d->shard_key : S("id");
  if (!p->quiet)
    tp.ceiling = kw >= kr && kw >= kb ? str_printf(a, "partition writes %s/s", fmt_count(b1, pw))
                 : kr >= kb           ? str_printf(a, "partition reads %s/s", fmt_count(b1, pr))
                                      : str_printf(a, "partition storage %s", fmt_bytes(b1, ps));
  double used = kw >= kr && kw >= kb ? d->writes / (k * pw) : kr >= kb ? d->reads / (k * pr) : d->bytes / (k * ps);
  tp.headroom = fmax(0, 1 - used);
  *topo = tp;
  return true;
}

/* The knowledge base's sizes of a technology as classes; 0 when it
 * states none. */
static int stated_classes(Arena *a, const Plan *p, const Tech *t, Class **out) {
  int nsz = 0;
  for (int i = 0; i < t->nfacts; i++)
    nsz += t->facts[i].keyid == KEY_SIZE && t->facts[i].value > 0;
  if (!nsz)
    return 0;
  Class *cls = new(a, Class, nsz);
  int k = 0;
  Rates r = rates_of(p, t);
  for (int i = 0; i < t->nfacts; i++)
    if (t->facts[i].keyid == KEY_SIZE && t->facts[i].value > 0)
      cls[k++] = class_of(&r, &t->facts[i]);
  *out = cls;
  return k;
}

/* Containers billed per vCPU-hour: one-vCPU tasks. */
static bool task_topology(Arena *a, const Plan *p, const Need *n, const Tech *t, const Demand *d, const KbFact *vh,
                          Topology *topo, const KbFact **size) {
  KbFact *f = new(a, KbFact, 1);
  f->key = S("size"), f->keyid = KEY_SIZE;
  f->vcpu = 1;
  f->value = vh->value + 2 * tech_value(t, KEY_PRICE, "gb-hour", 0);
  f->name = S("1 vCPU 2 GB task");
  Rates r = rates_of(p, t);
  Class c = class_of(&r, f);
  return size_classes(a, p, n, t, d, &c, 1, false, topo, size);
}

/* A self-run store: virtual machines of the planning figures from the
 * smallest node up to `node-max-vcpu`, priced and sized in proportion
 * (an instance family is priced per vCPU). A relational one runs on
 * memory-optimised or memory-heavy nodes (`db-node-*`, `db-bignode-*`)
 * up to `db-node-max-vcpu`, whose
 * memory bounds its working set as a managed class's does, and whose
 * writes stop at `primary-max-writes` however many vCPUs. */
static bool self_store_topology(Arena *a, const Plan *p, const Need *n, const Tech *t, const Demand *d,
                                Topology *topo, const KbFact **size) {
  bool rel = str_eqc(t->family, "relational"), wide = str_eqc(t->family, "wide-column");
  /* A store that scans runs on the database nodes as well: its memory
   * serves its scans (ClickHouse recommends memory-optimised servers,
   * 8 GB a core, for analytic queries). */
  bool db = rel || limit_of(t, "scan-per-vcpu") > 0;
  double v0 = plan_figure(p, "self-hosted", "node-vcpu", 2);
  double vmax = db ? plan_figure(p, "self-hosted", "db-node-max-vcpu", 64)
                   : plan_figure(p, "self-hosted", "node-max-vcpu", 16);
  /* A wide-column node starts at its production minimum of memory. */
  double node_mem, node_hour;
  plan_self_node(p, &node_mem, &node_hour);
  double mem = db     ? plan_figure(p, "self-hosted", "db-node-memory", 17179869184.0)
               : wide ? plan_figure(p, "self-hosted", "wide-node-memory", 8589934592.0)
                      : node_mem;
  double hour = db     ? plan_figure(p, "self-hosted", "db-node-hour", 0.1071)
                : wide ? plan_figure(p, "self-hosted", "wide-node-hour", 0.0816)
                       : node_hour;
  double wmax = plan_figure(p, "topology", "primary-max-writes", 25000);
  int ncls = 0;
  Rates r = rates_of(p, t);
  Class *cls = new(a, Class, 32);
  /* A node of no vCPUs (a --kb figure of 0) gives no class: none fits. */
  for (int fam = 0; fam < (db ? 2 : 1); fam++)
  for (double v = v0; v0 > 0 && v <= vmax && ncls < 32; v *= 2) {
    /* the second family: memory-heavy nodes (`db-bignode-*`) */
    double m = fam ? plan_figure(p, "self-hosted", "db-bignode-memory", 34359738368.0) : mem;
    double h = fam ? plan_figure(p, "self-hosted", "db-bignode-hour", 0.167) : hour;
    KbFact *f = new(a, KbFact, 1);
    f->key = S("size"), f->keyid = KEY_SIZE;
    f->vcpu = v;
    f->memory = m * v / v0;
    f->value = h * v / v0;
    f->name = plan_node_name(a, p, v, f->memory / 1073741824.0, db || wide);
    cls[ncls] = class_of(&r, f);
    if (rel)
      cls[ncls].writes = fmin(cls[ncls].writes, wmax);
    ncls++;
  }
  return size_classes(a, p, n, t, d, cls, ncls, rel, topo, size);
}

/* Nodes of the planning figures: a 2-vCPU virtual machine, and for the
 * compute on steady nodes the larger sizes of its family up to
 * `node-max-vcpu`, priced in proportion (a cluster of thousands of small
 * nodes is one of hundreds of large ones at the same price). */
static bool node_topology(Arena *a, const Plan *p, const Need *n, const Tech *t, const Demand *d, Topology *topo,
                          const KbFact **size) {
  double v0 = plan_figure(p, "self-hosted", "node-vcpu", 2);
  bool steady = str_eqc(n->slot, "compute") || str_eqc(n->slot, "gateway");
  double vmax = steady && !plan_burst_ok(p) ? plan_figure(p, "self-hosted", "node-max-vcpu", 16) : v0;
  double mem, hour;
  plan_self_node(p, &mem, &hour);
  int ncls = 0;
  Rates r = rates_of(p, t);
  Class *cls = new(a, Class, 16);
  for (double v = v0; v0 > 0 && v <= vmax && ncls < 16; v *= 2) {
    KbFact *f = new(a, KbFact, 1);
    f->key = S("size"), f->keyid = KEY_SIZE;
    f->vcpu = v;
    f->memory = mem * v / v0;
    f->value = hour * v / v0;
    f->name = plan_node_name(a, p, v, 0, false);
    cls[ncls] = class_of(&r, f);
    if (!is_store(n->slot) && !str_eqc(n->slot, "compute"))
      cls[ncls].reads = cls[ncls].writes = plan_figure(p, "topology", "self-hosted-node-ops", 20000);
    ncls++;
  }
  Demand dd = *d;
  if (!is_store(n->slot) && !str_eqc(n->slot, "compute") && !str_eqc(n->slot, "gateway")) {
    /* Brokers, identity and realtime servers: a quorum of 3 at 99.99%,
     * a pair at 99.9%. */
    dd.min_nodes = d->zones;
  }
  return size_classes(a, p, n, t, &dd, cls, ncls, false, topo, size);
}

/* Streams with a per-shard throughput limit. */
static bool shard_topology(Arena *a, const Plan *p, const Tech *t, const Demand *d, double tp_lim, Topology *topo) {
  char b1[32];
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

/* Managed per-request services: the provider scales them, within the
 * storage one database holds when the knowledge base states it. */
static bool managed_topology(Arena *a, const Plan *p, const Need *n, const Tech *t, const Demand *d, Topology *topo) {
  char b1[32], b2[32];
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
  return true;
}

static bool topology_of(Arena *a, const Plan *p, const Need *n, const Tech *t, const Demand *d, Topology *topo,
                        const KbFact **size) {
  *size = NULL;
  *topo = (Topology){0};
  char b1[32], b2[32];
  if (str_eqc(t->hosting, "library") || str_eqc(t->hosting, "tool"))
    return true;
  if (str_eqc(t->family, "functions"))
    return functions_topology(a, p, t, d, topo);
  if (partitioned(n, t))
    return partition_topology(a, p, t, d, topo);
  /* Instance classes: the knowledge base's sizes, or self-run nodes. */
  Class *cls;
  int ncls = stated_classes(a, p, t, &cls);
  if (ncls)
    return size_classes(a, p, n, t, d, cls, ncls, true, topo, size);
  const KbFact *vh = tech_fact(t, KEY_PRICE, "vcpu-hour");
  if (str_eqc(n->slot, "compute") && vh && !str_eqc(t->family, "kubernetes"))
    return task_topology(a, p, n, t, d, vh, topo, size);
  if (str_eqc(t->hosting, "self-hosted") && is_store(n->slot))
    return self_store_topology(a, p, n, t, d, topo, size);
  if (str_eqc(t->hosting, "self-hosted") || str_eqc(t->family, "kubernetes"))
    return node_topology(a, p, n, t, d, topo, size);
  double tp_lim = limit_of(t, "throughput");
  if (tp_lim > 0 && d->throughput > 0 && throughput_is_quota(t))
    return quota_topology(a, p, t, d, tp_lim, topo);
  if (tp_lim > 0 && d->throughput > 0)
    return shard_topology(a, p, t, d, tp_lim, topo);
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
  if (is_store(n->slot) || str_eqc(n->slot, "compute") || str_eqc(n->slot, "queue") ||
      str_eqc(n->slot, "stream") || str_eqc(n->slot, "realtime"))
    return managed_topology(a, p, n, t, d, topo);
  return true;
}

static void place_regions(Arena *a, const Plan *p, const Need *n, const Tech *t, const Demand *d, Topology *tp);

bool plan_topology(Arena *a, const Plan *p, const Need *n, const Tech *t, const Demand *d, Topology *topo,
                   const KbFact **size) {
  bool ok = topology_of(a, p, n, t, d, topo, size);
  if (topo->set && p->nregions > 1)
    place_regions(a, p, n, t, d, topo);
  if (topo->set) {
    topo->quorum = copies_by_quorum(t);
    topo->load_writes = d->writes;
    topo->load_reads = d->reads;
    topo->load_bytes = d->bytes;
    topo->load_hot = d->hot_bytes;
    topo->load_stored = d->bytes * plan_stored_share(p, n->slot, t);
    topo->load_scan = d->scan;
  }
  return ok;
}

/* ---- regions ----
 *
 * A spec that names several regions (`region us eu asia`) is deployed in
 * each (plan_regions): the first named is home, where the system of record
 * takes its writes; every other region keeps a read copy of it, a cache
 * and the compute that serves its users, and a write from there pays one
 * round trip to home (kb/regions.kb holds the round trips). The users are
 * shared equally among the regions: the language states no shares yet.
 * When one home cannot serve the targets (99.99% or more, or the client's
 * round trip and the one to home past the p95 target), the system of
 * record is a store that writes in every region (`multi-region-writes`, kb/rules.kb). */

/* Seconds of one round trip between two sites; -1 when kb/regions.kb has
 * no figure for the pair. */
static double site_rtt(const Kb *kb, Str x, Str y) {
  if (!x.n || !y.n)
    return -1;
  if (str_eq(x, y))
    return 0;
  char k[96];
  for (int o = 0; o < 2; o++) {
    Str u = o ? y : x, w = o ? x : y;
    if (u.n + w.n + 2 > (ptrdiff_t)sizeof k)
      return -1;
    memcpy(k, u.p, (size_t)u.n);
    k[u.n] = '_';
    memcpy(k + u.n + 1, w.p, (size_t)w.n);
    k[u.n + 1 + w.n] = 0;
    double v = kb_figure(kb, "region-rtt", k, NULL);
    if (v == v)
      return v;
  }
  return -1;
}

void plan_regions(Arena *a, Plan *p) {
  const Project *pr = &p->model->project;
  p->regions = NULL;
  p->nregions = 0;
  p->multi_writer = false;
  if (pr->nregions < 2)
    return;
  /* Only a region kb/regions.kb places (a site with a region id and round
   * trips) is deployed; two words for one site are one deployment. The
   * sites are few, so the regions are. */
  Str unknown = {0};
  int nunknown = 0;
  for (int i = 0; i < pr->nregions; i++) {
    Str site = doc_text(p, "region-sites", pr->regions[i].word);
    if (!site.n) {
      unknown = nunknown++ ? unknown : pr->regions[i].word;
      continue;
    }
    bool dup = false;
    for (int k = 0; k < p->nregions && !dup; k++)
      dup = str_eq(p->regions[k].site, site);
    if (dup)
      continue;
    if (!p->regions)
      p->regions = new(a, Region, pr->nregions < 16 ? pr->nregions : 16);
    if (p->nregions == 16)
      break;
    Region *r = &p->regions[p->nregions++];
    *r = (Region){.word = pr->regions[i].word, .site = site, .span = pr->regions[i].span, .home = p->nregions == 1};
    r->rtt = r->home ? 0 : site_rtt(p->kb, p->regions[0].site, site);
  }
  if (nunknown && !p->quiet && p->nregions > 1)
    plan_assume(a, p, "stack.regions", "region %.*s (and %d other%s) is not a site kb/regions.kb knows: the plan does "
                "not deploy it", STRF(unknown), nunknown - 1, nunknown == 2 ? "" : "s");
  if (p->nregions < 2) {
    p->nregions = 0;
    return;
  }
  double worst = 0;
  for (int i = 0; i < p->nregions; i++) {
    p->regions[i].share = 1.0 / p->nregions;
    worst = fmax(worst, p->regions[i].rtt);
  }
  /* A write from the farthest region pays at least the client's round
   * trip and the one to home: past the target, one home cannot serve it. */
  double target = pr->latency[PCT_P95];
  double floor = worst + plan_figure(p, "network", "client-rtt-p95", 0.12);
  p->multi_writer = pr->availability >= 0.9999 - 1e-12 || (target > 0 && floor > target);
  if (p->quiet)
    return;
  plan_assume(a, p, "stack.regions",
              "users are shared equally among %.*s (%.0f%% each; the spec states no shares); %.*s, %s, is the "
              "home region for the writes of the system of record",
              STRF(plan_region_list(a, p, false)), 100.0 / p->nregions, STRF(p->regions[0].word),
              str_eq(p->regions[0].word, pr->regions[0].word) ? "named first" : "the first named it deploys");
}

/* Whether a slot's part runs in every region (it serves its region's
 * requests), keeps a copy there (the system of record, a cache), or stays
 * at home (queues, streams, search, identity, analytics: reached from the
 * other regions across the round trip). */
typedef enum { PLACE_HOME, PLACE_SERVE, PLACE_COPY, PLACE_CACHE } Placement;

static Placement placement(Str slot) {
  if (str_eqc(slot, "compute") || str_eqc(slot, "gateway") || str_eqc(slot, "realtime"))
    return PLACE_SERVE;
  if (str_eqc(slot, "database") || str_eqc(slot, "events"))
    return PLACE_COPY;
  if (str_eqc(slot, "cache"))
    return PLACE_CACHE;
  return PLACE_HOME;
}

/* Places a sized topology in the plan's regions: the home keeps what
 * plan_topology sized; the other regions add their own parts, counted in
 * `instances` so the estimate bills every region's nodes. */
static void place_regions(Arena *a, const Plan *p, const Need *n, const Tech *t, const Demand *d, Topology *tp) {
  Placement pl = placement(n->slot);
  int nr = pl == PLACE_HOME ? 1 : p->nregions;   /* a home-only part is reached across the round trip */
  tp->regions = new(a, TopoRegion, nr);
  tp->nregions = nr;
  bool active = pl == PLACE_COPY && p->multi_writer && tech_has(t, CAP_MULTI_REGION);
  int shards = tp->shards > 0 ? tp->shards : 1, home = tp->instances, extra = 0;
  /* A store that writes in every region keeps a quorum in each: no region
   * runs fewer nodes than the technology's minimum (kb `limit region-quorum`). */
  double least = active && home > 0 ? limit_of(t, "region-quorum") : 0;
  if (least > home) {
    tp->instances += (int)least - home;
    home = (int)least;
  }
  /* Functions and serverless platforms scale themselves in each region:
   * their counts are not nodes to add. */
  if (pl == PLACE_SERVE && (str_eqc(t->family, "functions") || str_eqc(t->hosting, "serverless")))
    home = 0;
  for (int i = 0; i < nr; i++) {
    const Region *r = &p->regions[i];
    TopoRegion *x = &tp->regions[i];
    x->name = r->word;
    if (pl == PLACE_SERVE && home > 0) {
      /* Each region's nodes carry its share of the requests, within the
       * zones its availability target asks for. */
      x->role = S("active");
      x->instances = (int)fmax(d->min_nodes, ceil(home * r->share - 1e-9));
      extra += x->instances;
      continue;
    }
    if (pl == PLACE_SERVE) {
      x->role = S("active");   /* functions or a platform: it scales itself in each region */
      continue;
    }
    if (r->home || active) {
      x->role = r->home ? S("home") : S("active");
      x->instances = home, x->replicas = tp->replicas;
      if (!r->home)
        extra += home, tp->region_copies += 1 + tp->replicas + tp->standbys;
      continue;
    }
    x->role = S("replica");
    if (pl == PLACE_CACHE) {
      /* The hot set is the same in each region: a cache of the home's size. */
      x->instances = home;
      extra += home;
      continue;
    }
    /* A read copy of each shard, and more where one instance cannot carry
     * the region's share of the reads. */
    int per = 1;
    if (tp->class_reads > 0)
      per = (int)fmax(1, ceil(d->reads * r->share / shards / tp->class_reads - 1e-9));
    x->replicas = per;
    x->instances = home > 0 ? shards * per : 0;
    extra += x->instances;
    tp->region_copies += per;   /* each read copy holds the whole data */
  }
  if (pl == PLACE_SERVE && home > 0)
    tp->instances = extra;
  else if (pl != PLACE_SERVE)
    tp->instances += extra;
}
