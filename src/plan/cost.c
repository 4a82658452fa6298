/* Cost: a technology's monthly price at this plan's load, from its price
 * facts in the knowledge base.
 *
 * First the usage a slot implies (requests, reads, writes, stored GB,
 * egress, emails, monthly active users, vCPUs and memory needed, ...), then
 * each price fact of the technology is matched to the usage it bills:
 * `price million-requests` bills requests / 1e6, `price gb-month` bills
 * stored GB, and so on; free allowances are taken off first. When the
 * technology lists `size`s and the slot needs capacity, the cheapest
 * combination of one size that meets the vCPU and memory need (and the
 * minimum instance count for availability) is chosen, and its hourly price
 * replaces the per-unit compute prices. On top: transfer (another vendor,
 * zones, NAT, internet egress) and a store's backups with point-in-time
 * recovery. Every term keeps its formula. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "../spec/units.h"
#include "chooseint.h"
#include "plan.h"

typedef struct {
  double requests, reads, writes, messages, gb_month, egress_gb, ingest_gb, emails, sms, mau, gb_seconds, seats,
      build_minutes, hosts, jobs, lcu_hours, scanned_gb, query_hours;
  double connection_minutes;   /* realtime: held connections x minutes a month (archetype.c) */
  double charges, charged_usd;   /* payments: card charges a month and the dollars they move */
  double throughput;     /* bytes per second through the slot */
  double vcpu, memory;   /* capacity needed: vCPUs, bytes */
  int min_instances;
  bool sized;            /* capacity applies to this slot */
} Usage;

enum { GB = 1000000000 };

/* The planning figures pricing reads (plan_figure's record, key and
 * default), looked up once for the plan and its copies. */
enum {
  CF_COMPUTE_DB_QUERIES_PER_VCPU,
  CF_COMPUTE_FUNCTION_DURATION,
  CF_COMPUTE_FUNCTION_MEMORY,
  CF_COMPUTE_HOURS_PER_MONTH,
  CF_COMPUTE_MIN_INSTANCES_HA,
  CF_COMPUTE_QUERIES_PER_READ,
  CF_COMPUTE_QUERIES_PER_WRITE,
  CF_COMPUTE_RPS_PER_VCPU,
  CF_COMPUTE_STREAM_BYTES_PER_VCPU,
  CF_DOCUMENTS_PITR_DAYS,
  CF_DOCUMENTS_SNAPSHOT_DAYS,
  CF_LOAD_DAU_MAU_RATIO,
  CF_NETWORK_SINGLE_NODE_AVAILABILITY,
  CF_PAYLOAD_DOWNLOADS_PER_UPLOAD,
  CF_PAYLOAD_INGEST_ROW_BYTES,
  CF_PAYLOAD_LOG_BYTES_PER_REQUEST,
  CF_PAYLOAD_REQUEST_BYTES,
  CF_PAYLOAD_RESPONSE_BYTES,
  CF_SELF_HOSTED_DISK_GB_MONTH,
  CF_SELF_HOSTED_NODE_VCPU,
  CF_TRANSFER_FREE_INTERNET_EGRESS_GB,
  CF_TRANSFER_INTERNET_EGRESS_GB,
  CF_TRANSFER_INTERZONE_GB,
  CF_TRANSFER_NAT_HOUR,
  CF_TRANSFER_PRIVATELINK_GB,
  CF_TRANSFER_PRIVATELINK_HOUR,
  CF_WORKLOAD_BACKUP_OBJECT_GB_MONTH,
  CF_COUNT
};
static const struct {
  const char *record, *key;
  double dflt;
} cost_figures[CF_COUNT] = {
  [CF_COMPUTE_DB_QUERIES_PER_VCPU] = {"compute", "db-queries-per-vcpu", 1000},
  [CF_COMPUTE_FUNCTION_DURATION] = {"compute", "function-duration", 0.1},
  [CF_COMPUTE_FUNCTION_MEMORY] = {"compute", "function-memory", 536870912.0},
  [CF_COMPUTE_HOURS_PER_MONTH] = {"compute", "hours-per-month", 730},
  [CF_COMPUTE_MIN_INSTANCES_HA] = {"compute", "min-instances-ha", 2},
  [CF_COMPUTE_QUERIES_PER_READ] = {"compute", "queries-per-read", 2},
  [CF_COMPUTE_QUERIES_PER_WRITE] = {"compute", "queries-per-write", 3},
  [CF_COMPUTE_RPS_PER_VCPU] = {"compute", "rps-per-vcpu", 250},
  [CF_COMPUTE_STREAM_BYTES_PER_VCPU] = {"compute", "stream-bytes-per-vcpu", 5e6},
  [CF_DOCUMENTS_PITR_DAYS] = {"documents", "pitr-days", 7},
  [CF_DOCUMENTS_SNAPSHOT_DAYS] = {"documents", "snapshot-days", 30},
  [CF_LOAD_DAU_MAU_RATIO] = {"load", "dau-mau-ratio", 0.4},
  [CF_NETWORK_SINGLE_NODE_AVAILABILITY] = {"network", "single-node-availability", 0.995},
  [CF_PAYLOAD_DOWNLOADS_PER_UPLOAD] = {"payload", "downloads-per-upload", 3},
  [CF_PAYLOAD_INGEST_ROW_BYTES] = {"payload", "ingest-row-bytes", 200},
  [CF_PAYLOAD_LOG_BYTES_PER_REQUEST] = {"payload", "log-bytes-per-request", 500},
  [CF_PAYLOAD_REQUEST_BYTES] = {"payload", "request-bytes", 1000},
  [CF_PAYLOAD_RESPONSE_BYTES] = {"payload", "response-bytes", 4000},
  [CF_SELF_HOSTED_DISK_GB_MONTH] = {"self-hosted", "disk-gb-month", 0.08},
  [CF_SELF_HOSTED_NODE_VCPU] = {"self-hosted", "node-vcpu", 2},
  [CF_TRANSFER_FREE_INTERNET_EGRESS_GB] = {"transfer", "free-internet-egress-gb", 100},
  [CF_TRANSFER_INTERNET_EGRESS_GB] = {"transfer", "internet-egress-gb", 0.09},
  [CF_TRANSFER_INTERZONE_GB] = {"transfer", "interzone-gb", 0.01},
  [CF_TRANSFER_NAT_HOUR] = {"transfer", "nat-hour", 0.045},
  [CF_TRANSFER_PRIVATELINK_GB] = {"transfer", "privatelink-gb", 0.01},
  [CF_TRANSFER_PRIVATELINK_HOUR] = {"transfer", "privatelink-hour", 0.01},
  [CF_WORKLOAD_BACKUP_OBJECT_GB_MONTH] = {"workload", "backup-object-gb-month", 0.023},
};

static inline double figure(const Plan *p, int k);
#define FIG(p, k) figure((p), (k))


/* The slot a price is for, named once per price instead of compared by
 * name at every term. */
typedef enum {
  SK_OTHER, SK_COMPUTE, SK_DATABASE, SK_EVENTS, SK_CACHE, SK_SEARCH, SK_ANALYTICS, SK_OBJECT_STORAGE, SK_CDN,
  SK_GATEWAY, SK_QUEUE, SK_STREAM, SK_EMAIL, SK_SMS, SK_PUSH, SK_REALTIME, SK_OBSERVABILITY, SK_CICD, SK_AUTH,
  SK_PAYMENTS
} SlotKind;
static const char *const slot_names[] = {
  [SK_COMPUTE] = "compute",   [SK_DATABASE] = "database", [SK_EVENTS] = "events",
  [SK_CACHE] = "cache",       [SK_SEARCH] = "search",     [SK_ANALYTICS] = "analytics",
  [SK_OBJECT_STORAGE] = "object-storage", [SK_CDN] = "cdn", [SK_GATEWAY] = "gateway",
  [SK_QUEUE] = "queue",       [SK_STREAM] = "stream",     [SK_EMAIL] = "email",
  [SK_SMS] = "sms",           [SK_PUSH] = "push",         [SK_REALTIME] = "realtime",
  [SK_OBSERVABILITY] = "observability", [SK_CICD] = "cicd", [SK_AUTH] = "auth",
  [SK_PAYMENTS] = "payments",
};

static SlotKind slot_kind(Str slot) {
  for (int k = SK_OTHER + 1; k < (int)(sizeof slot_names / sizeof *slot_names); k++)
    if (str_eqc(slot, slot_names[k]))
      return (SlotKind)k;
  return SK_OTHER;
}

/* A store's usage (database or events): the queries its vCPUs serve, and
 * the reads, writes and data its own class bills. */
static void usage_store(const Plan *p, SlotKind s, Usage *u) {
  const Load *l = &p->load;
  const Project *pr = &p->model->project;
  double month = l->seconds_per_month;
  u->sized = true;
  /* Ingested rows arrive in batches: one statement per batch. */
  double q = l->reads_per_s * FIG(p, CF_COMPUTE_QUERIES_PER_READ) +
             (l->writes_per_s - l->ingest_rows_per_s) * FIG(p, CF_COMPUTE_QUERIES_PER_WRITE) +
             l->ingest_rows_per_s / (l->ingest_batch > 0 ? l->ingest_batch : 1);
  u->vcpu = q * pr->peak * l->margin / FIG(p, CF_COMPUTE_DB_QUERIES_PER_VCPU);
  u->memory = 0;
  u->reads = l->reads_per_s * month;
  u->writes = l->writes_per_s * month;
  u->gb_month = p->storage.stored_1y / GB;
  u->ingest_gb = p->storage.written_per_month / GB;
  u->egress_gb = l->reads_per_s * month * FIG(p, CF_PAYLOAD_RESPONSE_BYTES) / GB;
  /* Growth implies inserts: a store billed per write pays for the larger
   * of the API's writes and the rows its data grows by. */
  if (p->entity_class) {
    double rows = 0;
    for (int i = 0; i < p->storage.nents; i++)
      rows += p->storage.ents[i].rows_per_month * p->ent_scale;
    u->writes = fmax(u->writes, rows);
  }
  /* With an events store, each slot bills its own class's data. */
  const DataClass *ev = &p->classes[DC_EVENTS];
  if (ev->nentities && str_eqc(ev->slot, "events") && p->entity_class) {
    bool mine = s == SK_EVENTS;
    double gb = 0, written = 0, rows = 0;
    for (int i = 0; i < p->storage.nents; i++) {
      bool is_ev = p->entity_class[i] == DC_EVENTS;
      if (is_ev != mine)
        continue;
      const EntityStorage *es = &p->storage.ents[i];
      gb += es->stored_1y * p->ent_scale;
      written += es->rows_per_month * es->entity->row_bytes * p->ent_scale;
      rows += es->rows_per_month * p->ent_scale;
    }
    u->gb_month = gb / GB;
    u->ingest_gb = written / GB;
    u->writes = mine ? rows : fmax(0, u->writes - rows);
    if (mine) {
      u->reads = u->reads * 0.2;
      u->egress_gb *= 0.2;
    }
  }
  if (pr->availability < 0.9995)
    u->min_instances = 1;
}

/* The usage of the slots that carry messages: a queue or stream, email,
 * SMS, push and the realtime channel. */
static void usage_messages(const Plan *p, SlotKind s, Usage *u) {
  const Load *l = &p->load;
  const Project *pr = &p->model->project;
  double month = l->seconds_per_month;
  if (s == SK_QUEUE || s == SK_STREAM) {
    u->throughput = l->ingest_rows_per_s * FIG(p, CF_PAYLOAD_INGEST_ROW_BYTES);
    if (s == SK_STREAM) {
      u->sized = true;
      u->vcpu = u->throughput / FIG(p, CF_COMPUTE_STREAM_BYTES_PER_VCPU);
    }
    double events = (l->email_events + l->sms_events + l->push_events) * p->ent_scale;
    /* Ingested rows travel on the stream when the plan has one; the queue
     * then carries only the jobs. */
    bool streamed = false;
    for (int i = 0; i < p->nneeds; i++)
      streamed |= str_eqc(p->needs[i].slot, "stream");
    /* A device's batch travels as one message (`batch N` on the ingest). */
    double batches = l->ingest_rows_per_s * month / (l->ingest_batch > 1 ? l->ingest_batch : 1);
    u->messages = events + (s == SK_QUEUE && streamed ? 0 : batches);
    /* A send each; receives and deletes in batches. */
    u->requests = u->messages * (1 + 2 / fmax(1, plan_figure(p, "compute", "queue-receive-batch", 10)));
    u->ingest_gb = l->ingest_rows_per_s * month * 200 / GB;
  } else if (s == SK_EMAIL) {
    u->emails = l->email_events * p->ent_scale + u->mau * 0.1; /* plus sign-up and password mail */
  } else if (s == SK_SMS) {
    u->sms = l->sms_events * p->ent_scale;
  } else if (s == SK_PUSH) {
    u->messages = l->push_events * p->ent_scale;
    u->requests = u->messages;   /* a publish each */
  } else if (s == SK_REALTIME) {
    double live = l->live_dashboards ? l->ingest_rows_per_s * month : 0;
    u->messages = l->fanout_messages * p->ent_scale + live;
    u->requests = l->fanout_publishes * p->ent_scale + live;   /* a publish each change, then its deliveries */
    bool gateway = false;
    for (int i = 0; i < p->ncomponents; i++)   /* the peak's connections, held on average a peak factor less */
      if (str_eqc(p->components[i].name, "Connection gateway")) {
        u->connection_minutes += p->components[i].value / pr->peak * p->scale * month / 60;
        gateway = true;
      }
    /* Without one, the people active a day hold a connection for their
     * session (kb `connections session`). */
    if (!gateway)
      u->connection_minutes = pr->users * pr->active * p->scale * plan_figure(p, "connections", "session", 1800) / 60 *
                              month / 86400;
  }
}

/* A payments provider's usage: a charge per new row of what a checkout
 * pays for (plan_paid_entity, found with the bills), each of the amount
 * the integration states (`charge $40`) or the knowledge base's average
 * order (`figures payments`, stated among the assumptions). Nothing paid
 * for: no charges. */
static void usage_payments(const Plan *p, Usage *u) {
  if (!p->charged)
    return;
  u->charges = p->storage.ents[p->charged->index].rows_per_month * p->ent_scale;
  u->charged_usd = u->charges * p->charge_usd;
}

static Usage usage_for(const Plan *p, SlotKind s) {
  const Load *l = &p->load;
  const Model *m = p->model;
  const Project *pr = &m->project;
  double month = l->seconds_per_month;
  Usage u = {0};
  u.min_instances = pr->availability >= 0.999 ? (int)FIG(p, CF_COMPUTE_MIN_INSTANCES_HA) : 1;
  u.requests = l->avg_rps * month;
  u.seats = pr->team;
  double dau_mau = FIG(p, CF_LOAD_DAU_MAU_RATIO);
  double signers = plan_signers(p);
  u.mau = fmin(signers, signers * pr->active / (dau_mau > 0 ? dau_mau : 1));
  if (s == SK_COMPUTE) {
    u.sized = true;
    u.vcpu = l->design_rps / FIG(p, CF_COMPUTE_RPS_PER_VCPU);
    u.gb_seconds = u.requests * FIG(p, CF_COMPUTE_FUNCTION_DURATION) *
                   FIG(p, CF_COMPUTE_FUNCTION_MEMORY) / 1073741824.0;
    /* Background workers (fetchers, transcoders): their vCPUs with the
     * headroom the topology gives them, and as functions every execution
     * in flight, billed while it runs or waits. */
    ComponentWork w = plan_component_work(p);
    u.vcpu += w.vcpu * w.headroom;
    u.gb_seconds += w.function_gb * month;
    u.requests += w.jobs * month;
  } else if (s == SK_DATABASE || s == SK_EVENTS) {
    usage_store(p, s, &u);
  } else if (s == SK_CACHE) {
    u.sized = true;
    u.memory = fmax(p->storage.bytes_now * 0.2, 0.5 * GB);
    /* A cache billed by the data it holds: copies of the record and what
     * the components keep there (the topology's demand, less its floor). */
    Demand kept = {0};
    plan_archetype_demand(p, S("cache"), &kept);
    u.gb_month = (p->classes[DC_CACHE].bytes + kept.hot_bytes) / GB;
  } else if (s == SK_SEARCH) {
    u.sized = true;
    double b = p->storage.search_bytes_1y;
    u.memory = fmax(b * 1.5, 1.0 * GB);
    u.requests = u.requests * 0.2;
    u.gb_month = b * 1.5 / GB;
  } else if (s == SK_ANALYTICS) {
    /* The history copied in, compressed, and what the reports read of it. */
    const DataClass *an = &p->classes[DC_ANALYTICS];
    u.gb_month = an->bytes / GB;
    u.scanned_gb = an->scanned / GB;
    u.query_hours = an->hours;
    u.requests = 0;
  } else if (s == SK_OBJECT_STORAGE) {
    u.gb_month = p->storage.blob_1y / GB;
    /* Behind a CDN the store sends only the CDN's misses. */
    bool cdn = false;
    for (int i = 0; i < p->nneeds; i++)
      cdn |= str_eqc(p->needs[i].slot, "cdn");
    u.egress_gb = p->bw.blob_egress_bytes_per_month / GB *
                  (cdn ? 1 - plan_figure(p, "transfer", "cdn-offload", 0.9) : 1);
    double uploads = p->storage.uploads_per_month;
    u.writes = uploads;
    u.reads = uploads * FIG(p, CF_PAYLOAD_DOWNLOADS_PER_UPLOAD);
    /* What the components keep there (a crawler's fetched pages). */
    ComponentWork w = plan_component_work(p);
    u.gb_month += w.kept / GB;
    u.writes += w.puts * month;
    u.reads += w.gets * month;
    u.requests = u.writes + u.reads;
  } else if (s == SK_CDN) {
    u.egress_gb = (p->bw.blob_egress_bytes_per_month + plan_asset_egress(p)) / GB;
    u.requests = u.requests * 0.1;
  } else if (s == SK_GATEWAY) {
    /* The web client's files leave through the CDN when there is one. */
    bool cdn = false;
    for (int i = 0; i < p->nneeds; i++)
      cdn |= str_eqc(p->needs[i].slot, "cdn");
    double edge = cdn ? plan_asset_egress(p) : 0;
    u.egress_gb = (p->bw.egress_bytes_per_month - p->bw.blob_egress_bytes_per_month - edge) / GB;
    /* Load-balancer capacity units: 25 new connections a second or 1 GB
     * processed an hour each, whichever needs more. */
    double gb_hour = (p->bw.ingress_bytes_per_month + p->bw.egress_bytes_per_month - edge) / GB / (month / 3600);
    u.lcu_hours = fmax(l->avg_rps / 25, gb_hour) * FIG(p, CF_COMPUTE_HOURS_PER_MONTH);
  } else if (s == SK_QUEUE || s == SK_STREAM || s == SK_EMAIL || s == SK_SMS || s == SK_PUSH || s == SK_REALTIME) {
    usage_messages(p, s, &u);
  } else if (s == SK_OBSERVABILITY) {
    u.ingest_gb = u.requests * FIG(p, CF_PAYLOAD_LOG_BYTES_PER_REQUEST) / GB;
    u.hosts = fmax(1, ceil(l->design_rps / FIG(p, CF_COMPUTE_RPS_PER_VCPU) / 2));
  } else if (s == SK_CICD) {
    u.build_minutes = pr->team * 40 * 5.0;
    u.jobs = 1;
  } else if (s == SK_PAYMENTS) {
    usage_payments(p, &u);
  }
  return u;
}

/* What pricing reads of one need whatever the technology: its slot, the
 * usage it implies, the plan's cloud and, once a price asks for it, its
 * demand. They are functions of the plan's load, data, needs, components,
 * features and cloud alone, which stay as they are while one slot's
 * candidates are priced (choose.c), so each is worked out once per slot
 * instead of once per candidate. */
struct PriceNeed {
  const Need *n;
  SlotKind sk;
  Usage u;
  bool demanded;   /* d is set */
  Demand d;
  /* The plan's cloud: AWS; one of the three providers; the team's own
   * servers (`cloud self-hosted`). And whether it calls out of it. */
  bool aws, provider, self_run, calls_out;
};

typedef struct {
  Arena *a;
  Costed *c;
  int cap;
  bool quiet;   /* only the sum: the formulas of a rescaled copy are never shown */
  const struct PriceFacts *pf;   /* the technology's load-free facts */
  SlotKind sk;                   /* the need's slot */
  const struct PriceNeed *pn;    /* the need's usage and the plan's cloud */
} Acc;

static void term(Acc *acc, double usd, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A rescaled copy only sums: its formula arguments are never formatted. */
#define TERM(acc_, usd_, ...)                                                                                          \
  do {                                                                                                                 \
    double term_usd_ = (usd_);                                                                                         \
    if ((acc_)->quiet) {                                                                                               \
      (acc_)->c->usd += term_usd_;                                                                                     \
      (acc_)->c->nterms++;                                                                                             \
    } else                                                                                                             \
      term((acc_), term_usd_, __VA_ARGS__);                                                                            \
  } while (0)

static void term(Acc *acc, double usd, const char *fmt, ...) {
  if (acc->quiet) {
    acc->c->usd += usd;
    acc->c->nterms++;
    return;
  }
  CostTerm *t = push(acc->a, acc->c->terms, acc->c->nterms, acc->cap);
  va_list ap;
  va_start(ap, fmt);
  t->what = str_vprintf(acc->a, fmt, ap);
  va_end(ap);
  t->usd = usd;
  acc->c->usd += usd;
}

/* Units billed by usage; sizes and hourly prices are handled apart. */
typedef struct {
  const char *unit;
  double scale;         /* usage per billed unit */
  const char *what;
  size_t field;         /* offset of the usage figure */
  const char *free;     /* free allowance unit, if any */
  const char *per;      /* the billed unit's name when not 1, 1k or 1M of `what` */
  const char *least;    /* the least quantity billed, if the provider meters one */
} Meter;

#define U(f) offsetof(Usage, f)
static const Meter meters[] = {
  {"million-requests", 1e6, "requests", U(requests), "free-requests", NULL, NULL},
  {"million-reads", 1e6, "reads", U(reads), NULL, NULL, NULL},
  {"million-writes", 1e6, "writes", U(writes), NULL, NULL, NULL},
  {"million-messages", 1e6, "messages", U(messages), NULL, NULL, NULL},
  {"gb-month", 1, "GB stored", U(gb_month), "free-gb-month", NULL, "min-gb-month"},
  {"egress-gb", 1, "GB out", U(egress_gb), "free-egress-gb", NULL, NULL},
  {"ingest-gb", 1, "GB ingested", U(ingest_gb), "free-gb", NULL, NULL},
  {"thousand-emails", 1e3, "emails", U(emails), "free-emails", NULL, NULL},
  {"sms", 1, "messages", U(sms), NULL, NULL, NULL},
  {"sms-carrier-fee", 1, "messages' carrier fees", U(sms), NULL, NULL, NULL},
  {"mau", 1, "monthly active users", U(mau), "free-mau", NULL, NULL},
  {"thousand-mau", 1e3, "monthly active users", U(mau), "free-mau", NULL, NULL},
  {"gb-second", 1, "GB-seconds", U(gb_seconds), NULL, NULL, NULL},
  {"seat-month", 1, "developers", U(seats), NULL, NULL, NULL},
  {"build-minute", 1, "build minutes", U(build_minutes), "free-minutes", NULL, NULL},
  {"host-month", 1, "hosts", U(hosts), NULL, NULL, NULL},
  {"parallel-job", 1, "parallel jobs", U(jobs), NULL, NULL, NULL},
  {"lcu-hour", 1, "capacity-unit hours", U(lcu_hours), NULL, NULL, NULL},
  {"million-connection-minutes", 1e6, "connection-minutes", U(connection_minutes), NULL, NULL, NULL},
  {"tb-scanned", 1e3, "GB scanned", U(scanned_gb), "free-gb-scanned", "TB", NULL},
  {"query-hour", 1, "hours of compute while reports run", U(query_hours), NULL, NULL, NULL},
  {"charge", 1, "card charges", U(charges), NULL, "charge", NULL},
  {"hundred-dollars-charged", 100, "dollars charged", U(charged_usd), NULL, "$100", NULL},
};

enum { NMETERS = sizeof meters / sizeof *meters };

/* What pricing reads of a technology whatever the load: each meter's price
 * fact, free allowance and least quantity, and the other facts the terms
 * look for (each the first of its key and name, as tech_fact finds it).
 * Found once per technology and kept beside the planning figures, which
 * the revisit search's copies share: about a thousand prices a plan. The
 * facts are kept as their index in the technology's list (-1: none), so
 * the table for every technology of the knowledge base stays a few pages. */
enum { PF_HOUR, PF_VCPU_HOUR, PF_GB_HOUR, PF_MONTH, PF_EGRESS_GB, PF_GB_MONTH, PF_PITR_MONTH, PF_PITR_GB_MONTH,
       PF_BACKUP_GB_MONTH, PF_BACKUP_STORED_GB_MONTH, PF_SLA, PF_SIZE, PF_LIMIT_WRITES, PF_LIMIT_PARTITION_WRITES,
       PF_LIMIT_CONCURRENCY, PF_LIMIT_OPS, PF_LIMIT_FILE_SHARE, PF_COUNT };
static const struct {
  KbKey keyid;        /* the key, as kb_key names it */
  const char *name;   /* NULL: any */
} pf_keys[PF_COUNT] = {
  {KEY_PRICE, "hour"},           {KEY_PRICE, "vcpu-hour"},     {KEY_PRICE, "gb-hour"},
  {KEY_PRICE, "month"},          {KEY_PRICE, "egress-gb"},     {KEY_PRICE, "gb-month"},
  {KEY_PRICE, "pitr-month"},     {KEY_PRICE, "pitr-gb-month"}, {KEY_PRICE, "backup-gb-month"},
  {KEY_PRICE, "backup-stored-gb-month"}, {KEY_SLA, NULL},      {KEY_SIZE, NULL},
  {KEY_LIMIT, "writes"},         {KEY_LIMIT, "partition-writes"}, {KEY_LIMIT, "concurrency"},
  {KEY_LIMIT, "ops"},            {KEY_LIMIT, "file-share"},
};

struct PriceFacts {
  bool set;
  bool tiers;         /* any `tier` fact */
  bool paid;          /* a price that is the service's own (not a free allowance or a backup add-on) */
  bool compression, vpc_only;
  short meter[NMETERS], free[NMETERS], least[NMETERS];
  short fact[PF_COUNT];
  /* The meters it prices and those it has an allowance of, in meter
   * order; per allowance, whether a price of the same usage follows it. */
  unsigned char metered[NMETERS], allowed[NMETERS], nmetered, nallowed;
  bool usage_priced[NMETERS];
  Str vendor;         /* plan_vendor's */
  bool saas;          /* hosting saas */
};

struct CostMemo {
  bool figured;
  double figure[CF_COUNT];
  struct PriceFacts tech[];   /* per KB technology */
};

struct CostMemo *plan_cost_memo_new(Arena *a, const Kb *kb) {
  if (!kb)
    return NULL;
  struct CostMemo *m = (struct CostMemo *)arena_alloc(
      a, (ptrdiff_t)(sizeof(struct CostMemo) + sizeof(struct PriceFacts) * (size_t)(kb->ntechs + 1)), 16, 1);
  return m;
}

static void figures_fill(const Plan *p, struct CostMemo *m) {
  for (int i = 0; i < CF_COUNT; i++)
    m->figure[i] = plan_figure(p, cost_figures[i].record, cost_figures[i].key, cost_figures[i].dflt);
  m->figured = true;
}

static inline double figure(const Plan *p, int k) {
  struct CostMemo *m = plan_cost_memo(p);
  if (!m)
    return plan_figure(p, cost_figures[k].record, cost_figures[k].key, cost_figures[k].dflt);
  if (!m->figured)
    figures_fill(p, m);
  return m->figure[k];
}


/* In one pass over the facts, each the first of its key and name, as
 * tech_fact finds it; a meter's price is its first that is not a volume
 * band (price_bands reads the bands). */
static void price_facts_of(const Tech *t, struct PriceFacts *pf) {
  for (size_t i = 0; i < NMETERS; i++)
    pf->meter[i] = pf->free[i] = pf->least[i] = -1;
  for (int k = 0; k < PF_COUNT; k++)
    pf->fact[k] = -1;
  pf->tiers = pf->paid = false;
  for (int i = 0; i < t->nfacts; i++) {
    const KbFact *f = &t->facts[i];
    bool price = f->keyid == KEY_PRICE;
    pf->tiers |= f->keyid == KEY_TIER;
    pf->paid |= price && !str_has_prefix(f->name, S("free-")) && !str_has_prefix(f->name, S("backup-")) &&
                !str_has_prefix(f->name, S("pitr-"));
    if (price)
      for (size_t m = 0; m < NMETERS; m++) {
        if (pf->meter[m] < 0 && f->above <= 0 && str_eqc(f->name, meters[m].unit))
          pf->meter[m] = (short)i;
        if (pf->free[m] < 0 && meters[m].free && str_eqc(f->name, meters[m].free))
          pf->free[m] = (short)i;
        if (pf->least[m] < 0 && meters[m].least && str_eqc(f->name, meters[m].least))
          pf->least[m] = (short)i;
      }
    for (int k = 0; k < PF_COUNT; k++)
      if (pf->fact[k] < 0 && f->keyid == pf_keys[k].keyid && (!pf_keys[k].name || str_eqc(f->name, pf_keys[k].name)))
        pf->fact[k] = (short)i;
  }
  pf->nmetered = pf->nallowed = 0;
  for (size_t m = 0; m < NMETERS; m++) {
    if (pf->meter[m] >= 0)
      pf->metered[pf->nmetered++] = (unsigned char)m;
    if (pf->free[m] >= 0)
      pf->allowed[pf->nallowed++] = (unsigned char)m;
  }
  for (size_t m = 0; m < NMETERS; m++) {
    pf->usage_priced[m] = false;
    for (int x = 0; x < pf->nmetered; x++)
      pf->usage_priced[m] |= meters[pf->metered[x]].field == meters[m].field;
  }
  pf->vendor = plan_vendor(t);
  pf->saas = str_eqc(t->hosting, "saas");
  pf->compression = tech_has(t, CAP_COMPRESSION);
  pf->vpc_only = tech_has(t, CAP_VPC_ONLY);
  pf->set = true;
}

/* The technology's load-free facts: remembered when it is one of the
 * knowledge base's (with fewer facts than a short counts), else found into
 * `scratch`. */
static const struct PriceFacts *facts_for(const Plan *p, const Tech *t, struct PriceFacts *scratch) {
  struct CostMemo *memo = plan_cost_memo(p);
  if (memo && p->kb && t >= p->kb->techs && t < p->kb->techs + p->kb->ntechs && t->nfacts < 32767) {
    struct PriceFacts *pf = &memo->tech[t - p->kb->techs];
    if (!pf->set)
      price_facts_of(t, pf);
    return pf;
  }
  price_facts_of(t, scratch);
  return scratch;
}

/* A fact kept by index, or NULL. */
static const KbFact *fact_at(const Tech *t, short i) { return i >= 0 ? &t->facts[i] : NULL; }
#define PF(t, pf, k) fact_at((t), (pf)->fact[PF_##k])

static double fact_value(const Tech *t, short i, double dflt) { return i >= 0 ? t->facts[i].value : dflt; }

static double usage_of(const Usage *u, size_t off) { return *(const double *)(const void *)((const char *)u + off); }

/* The plan calls out of the cloud: a sign-in provider, integrations or
 * notification providers. */
static bool calls_out(const Plan *p) {
  bool out = p->model->auth != NULL;
  for (int i = 0; i < p->model->nfeatures; i++)
    out |= p->model->features[i].kind == FK_INTEGRATION || p->model->features[i].kind == FK_NOTIFY;
  return out;
}

/* A store reached only inside the cloud's private network. */
static bool in_vpc(const Plan *p, const Tech *t) {
  struct PriceFacts scratch;
  return facts_for(p, t, &scratch)->vpc_only || (str_eqc(t->hosting, "self-hosted") && str_eqc(p->cloud, "aws"));
}

static bool data_slot(Str slot) {
  return str_eqc(slot, "database") || str_eqc(slot, "events") || str_eqc(slot, "cache") || str_eqc(slot, "search");
}

/* A NAT gateway also bills every GB it processes: the calls out (a
 * request-sized message each way per notification sent) and what the
 * workers fetch from the internet (a crawler's pages). */
static void nat_bytes(Acc *acc, const Plan *p) {
  const Load *l = &p->load;
  char b1[32], b2[32], b3[32];
  double calls = (l->email_events + l->sms_events + l->push_events) * p->ent_scale;
  double gb = (calls * 2 * FIG(p, CF_PAYLOAD_REQUEST_BYTES) +
               plan_component_work(p).internet * l->seconds_per_month) / 1e9;
  double usd = gb * plan_figure(p, "transfer", "nat-gb", 0.045);
  if (usd >= 0.005)
    TERM(acc, usd, "NAT data processing: %s GB a month (calls out and fetched pages) at %s per GB = %s",
         fmt_count(b1, gb), fmt_price(b2, plan_figure(p, "transfer", "nat-gb", 0.045)), fmt_usd(b3, usd));
}

/* Data leaving the cloud's network or crossing zones: a second vendor
 * reached over the internet, replication and calls between zones, a NAT
 * gateway for compute in private subnets that calls out, and API responses
 * to the internet. AWS list prices (kb transfer). */
static void transfer_terms(Acc *acc, const Plan *p, const Need *n, const Tech *t, const Usage *u) {
  const Project *pr = &p->model->project;
  const Load *l = &p->load;
  double month = l->seconds_per_month;
  char b1[32], b2[32], b3[32], b4[32];
  const struct PriceNeed *pn = acc->pn;
  bool data = acc->sk == SK_DATABASE || acc->sk == SK_EVENTS || acc->sk == SK_CACHE || acc->sk == SK_SEARCH;
  Str vendor = acc->pf->vendor;
  bool other = vendor.n && !str_eq(vendor, p->cloud) && !pn->self_run && !acc->pf->saas;
  /* This slot's own traffic: the API calls on its data class, averaged
   * (a response per read, a request per write); only a store's is billed. */
  double traffic = 0;
  if (data) {
    double resp = FIG(p, CF_PAYLOAD_RESPONSE_BYTES), req = FIG(p, CF_PAYLOAD_REQUEST_BYTES);
    const DataClass *dc = acc->sk == SK_EVENTS   ? &p->classes[DC_EVENTS]
                          : acc->sk == SK_SEARCH ? &p->classes[DC_SEARCH]
                                                 : &p->classes[DC_RECORD];
    double design = pr->peak * l->margin;
    double creads = acc->sk == SK_CACHE ? l->reads_per_s * design : dc->reads;
    double cwrites = acc->sk == SK_CACHE ? 0 : dc->writes;
    if (acc->sk == SK_DATABASE)
      cwrites = fmax(cwrites, (l->writes_per_s - l->ingest_rows_per_s) * design);
    traffic = (creads * resp + cwrites * req) / (design > 0 ? design : 1) * month / 1e9;
  }
  if (data && other) {
    /* Every query result crosses the internet from the vendor to the API. */
    double gb = traffic;
    double usd = gb * FIG(p, CF_TRANSFER_INTERNET_EGRESS_GB);
    acc->c->other_vendor = true;
    acc->c->vendor_usd = usd;
    TERM(acc, usd, "another vendor over the internet: %s GB a month between %.*s and %.*s at %s per GB = %s",
         fmt_count(b1, gb), STRF(p->cloud), STRF(vendor), fmt_price(b2, FIG(p, CF_TRANSFER_INTERNET_EGRESS_GB)),
         fmt_usd(b3, usd));
  } else if (acc->sk == SK_STREAM && other && u->ingest_gb > 0) {
    /* Every ingested row leaves the cloud for the vendor's brokers: over
     * the internet, or through a private endpoint in each zone. */
    acc->c->other_vendor = true;
    if (tech_has(t, CAP_PRIVATE_LINK) && pn->aws) {
      int zones = plan_zones(p);
      double hours = FIG(p, CF_COMPUTE_HOURS_PER_MONTH);
      double usd = u->ingest_gb * FIG(p, CF_TRANSFER_PRIVATELINK_GB) + zones * FIG(p, CF_TRANSFER_PRIVATELINK_HOUR) * hours;
      acc->c->vendor_usd = usd;
      TERM(acc, usd, "another vendor over a private endpoint: %s GB ingested a month at %s per GB + %d zones x %s/h x %.0f h = %s",
           fmt_count(b1, u->ingest_gb), fmt_price(b2, FIG(p, CF_TRANSFER_PRIVATELINK_GB)), zones,
           fmt_price(b3, FIG(p, CF_TRANSFER_PRIVATELINK_HOUR)), hours, fmt_usd(b4, usd));
    } else {
      double usd = u->ingest_gb * FIG(p, CF_TRANSFER_INTERNET_EGRESS_GB);
      acc->c->vendor_usd = usd;
      TERM(acc, usd, "another vendor over the internet: %s GB ingested a month from %.*s to %.*s at %s per GB = %s",
           fmt_count(b1, u->ingest_gb), STRF(p->cloud), STRF(vendor),
           fmt_price(b2, FIG(p, CF_TRANSFER_INTERNET_EGRESS_GB)), fmt_usd(b3, usd));
    }
  } else if (vendor.n && !str_eq(vendor, p->cloud) && !acc->pf->saas)
    acc->c->other_vendor = true;
  const Topology *tp = &acc->c->topo;
  if (data && !other && tp->set && tp->zones > 1 && !pn->self_run) {
    /* Half the API's queries cross a zone; each copy in another zone
     * receives every write. */
    double gb = traffic * 0.5 * 2 + p->storage.written_per_month / 1e9 * (tp->replicas + tp->standbys);
    double usd = gb * FIG(p, CF_TRANSFER_INTERZONE_GB);
    if (usd >= 0.005)
      TERM(acc, usd, "traffic between zones: %s GB at %s per GB = %s", fmt_count(b1, gb),
           fmt_price(b2, FIG(p, CF_TRANSFER_INTERZONE_GB)), fmt_usd(b3, usd));
  }
  if (data && tp->set && tp->region_copies > 0 && tp->nregions > 1) {
    /* Each other region's copy receives every write (kb/regions.kb). */
    int others = tp->nregions - 1;
    /* this store's share of the bytes written: records or events */
    double held = p->classes[DC_RECORD].bytes + p->classes[DC_EVENTS].bytes;
    double mine = acc->sk == SK_EVENTS ? p->classes[DC_EVENTS].bytes
                  : p->classes[DC_EVENTS].nentities && str_eqc(p->classes[DC_EVENTS].slot, "events") ? p->classes[DC_RECORD].bytes
                                                                                                    : held;
    double gb = p->storage.written_per_month / 1e9 * others * (held > 0 ? mine / held : 1);
    double usd = gb * plan_figure(p, "regions", "transfer-gb", 0.02);
    TERM(acc, usd, "replication to %d other region%s: %s GB at %s per GB = %s", others, others == 1 ? "" : "s",
         fmt_count(b1, gb), fmt_price(b2, plan_figure(p, "regions", "transfer-gb", 0.02)), fmt_usd(b3, usd));
  }
  if (acc->sk == SK_COMPUTE && (str_eqc(t->family, "containers") || str_eqc(t->family, "kubernetes") ||
                                      str_eqc(t->family, "vm")) &&
      !str_eqc(t->hosting, "self-hosted") && !str_eqc(t->family, "paas") && p->model->nfeatures > 0) {
    if ((pn->calls_out || plan_component_work(p).internet > 0) && pn->aws) {
      int zones = plan_zones(p);
      double hours = FIG(p, CF_COMPUTE_HOURS_PER_MONTH);
      double usd = zones * FIG(p, CF_TRANSFER_NAT_HOUR) * hours;
      acc->c->nat = zones;
      TERM(acc, usd, "NAT gateway for calls out of private subnets: %d x %s/h x %.0f h = %s", zones,
           fmt_price(b1, FIG(p, CF_TRANSFER_NAT_HOUR)), hours, fmt_usd(b2, usd));
      nat_bytes(acc, p);
    }
  }
  /* Functions reach a store in private subnets only by joining the VPC;
   * their calls out then leave through a NAT gateway per zone. Billed once:
   * on the first such store in need order, when the compute is functions
   * (containers and VMs pay it with the compute). */
  if (data && pn->aws && in_vpc(p, t) && pn->calls_out) {
    const Tech *compute = NULL;
    bool paid = false;
    ptrdiff_t mine = n >= p->needs && n < p->needs + p->nneeds ? n - p->needs : p->nneeds;
    for (int i = 0; i < p->nchoices; i++) {
      const Choice *c = &p->choices[i];
      if (!c->tech || !c->need)
        continue;
      if (str_eqc(c->need->slot, "compute"))
        compute = c->tech;
      else if (i < mine && data_slot(c->need->slot) && in_vpc(p, c->tech))
        paid = true;
    }
    if (compute && str_eqc(compute->family, "functions") && !paid) {
      int zones = plan_zones(p);
      double hours = FIG(p, CF_COMPUTE_HOURS_PER_MONTH);
      double usd = zones * FIG(p, CF_TRANSFER_NAT_HOUR) * hours;
      acc->c->nat = zones;
      TERM(acc, usd, "NAT gateway: %.*s joins the VPC to reach %.*s, and its calls out need %d x %s/h x %.0f h = %s",
           STRF(compute->name), STRF(t->name), zones, fmt_price(b1, FIG(p, CF_TRANSFER_NAT_HOUR)),
           hours, fmt_usd(b2, usd));
      nat_bytes(acc, p);
    }
  }
  /* Responses leave the cloud through the gateway: internet egress beyond
   * the provider's free allowance, unless the gateway bills it itself. */
  if (acc->sk == SK_GATEWAY && !PF(t, acc->pf, EGRESS_GB) &&
      pn->provider) {
    /* The free allowance is one per account: files object storage sends
     * out itself (no CDN in front) use it first. */
    double free_gb = FIG(p, CF_TRANSFER_FREE_INTERNET_EGRESS_GB);
    bool objects = false, cdn = false;
    for (int i = 0; i < p->nneeds; i++) {
      objects |= str_eqc(p->needs[i].slot, "object-storage");
      cdn |= str_eqc(p->needs[i].slot, "cdn");
    }
    if (objects && !cdn)
      free_gb = fmax(0, free_gb - p->bw.blob_egress_bytes_per_month / 1e9);
    double gb = fmax(0, u->egress_gb - free_gb);
    double rate = FIG(p, CF_TRANSFER_INTERNET_EGRESS_GB);
    /* The provider's volume tiers: a lower rate past 10, 50 and 150 TB a
     * month. */
    static const char *const tier[] = {NULL, "internet-egress-gb-over-10tb", "internet-egress-gb-over-50tb",
                                       "internet-egress-gb-over-150tb"};
    static const double from[] = {0, 10e3, 50e3, 150e3, (double)INFINITY};
    double usd = 0;
    char parts[200];
    int len = 0, nparts = 0;
    parts[0] = 0;
    for (int k = 0; k < 4; k++) {
      double r = k ? plan_figure(p, "transfer", tier[k], rate) : rate;
      double q = fmin(gb, from[k + 1]) - from[k];
      if (q <= 0)
        break;
      usd += q * r;
      nparts++;
      if (!acc->quiet && len < (int)sizeof parts)   /* a copy's terms are never shown */
        len += snprintf(parts + len, sizeof parts - (size_t)len, "%s%s at %s", k ? " + " : "", fmt_count(b1, q),
                        fmt_price(b3, r));
    }
    if (u->egress_gb > 0 && nparts > 1)
      TERM(acc, usd, "internet egress of responses: (%s - %s free) GB: %s per GB = %s", fmt_count(b1, u->egress_gb),
           fmt_count(b2, free_gb), parts, fmt_usd(b4, usd));
    else if (u->egress_gb > 0)
      TERM(acc, usd, "internet egress of responses: (%s - %s free) GB at %s per GB = %s", fmt_count(b1, u->egress_gb),
           fmt_count(b2, free_gb), fmt_price(b3, rate), fmt_usd(b4, usd));
  }
}

/* Backups and point-in-time recovery for a store that keeps the data: the
 * window the documents promise (`pitr-days` of changes for point-in-time
 * recovery and `snapshot-days` of daily snapshots, both incremental). A
 * PITR add-on bills its flat fee, continuous backups bill the table size,
 * backup storage bills the changes beyond the free copy the provider keeps
 * (or, where it keeps none, the base copy too), and a store we run ships a
 * base backup and its changes to object storage. A managed store whose
 * record names no backup price includes them in what it bills. */
static void backup_terms(Acc *acc, const Plan *p, const Tech *t, double data_gb, double written_gb) {
  if (acc->sk != SK_DATABASE && acc->sk != SK_EVENTS)
    return;
  if (data_gb <= 0 && written_gb <= 0)
    return;
  char b1[32], b2[32], b3[32], b4[32];
  double pitr = FIG(p, CF_DOCUMENTS_PITR_DAYS), snap = FIG(p, CF_DOCUMENTS_SNAPSHOT_DAYS);
  double kept = written_gb * (pitr + snap) / 30;
  const KbFact *f;
  if ((f = PF(t, acc->pf, PITR_MONTH)))
    TERM(acc, f->value, "point-in-time recovery add-on (%g days) %s/month", pitr, fmt_usd(b1, f->value));
  else if ((f = PF(t, acc->pf, PITR_GB_MONTH)))
    TERM(acc, data_gb * f->value, "continuous backups with point-in-time recovery: %s GB at %s per GB-month = %s",
         fmt_count(b1, data_gb), fmt_price(b2, f->value), fmt_usd(b3, data_gb * f->value));
  else if ((f = PF(t, acc->pf, BACKUP_GB_MONTH)))
    TERM(acc, kept * f->value,
         "backups beyond the free copy: %s GB of changes kept %g days at %s per GB-month = %s", fmt_count(b1, kept),
         pitr + snap, fmt_price(b2, f->value), fmt_usd(b3, kept * f->value));
  else if ((f = PF(t, acc->pf, BACKUP_STORED_GB_MONTH)))
    TERM(acc, (data_gb + kept) * f->value,
         "backups: a base copy of %s GB and %s GB of changes kept %g days at %s per GB-month = %s",
         fmt_count(b1, data_gb), fmt_count(b2, kept), pitr + snap, fmt_price(b3, f->value),
         fmt_usd(b4, (data_gb + kept) * f->value));
  else if (str_eqc(t->hosting, "self-hosted")) {
    double gbp = FIG(p, CF_WORKLOAD_BACKUP_OBJECT_GB_MONTH), gb = data_gb + kept;
    TERM(acc, gb * gbp,
         "backups we run: a base backup of %s GB and %s GB of changes kept %g days in object storage at %s per "
         "GB-month = %s",
         fmt_count(b1, data_gb), fmt_count(b2, kept), pitr + snap, fmt_price(b3, gbp), fmt_usd(b4, gb * gbp));
  }
}

/* Slots whose sizing text names a replication factor when the topology
 * keeps its copies by quorum (Topology.quorum). */
static bool store_slot(SlotKind s) { return s == SK_DATABASE || s == SK_EVENTS || s == SK_SEARCH; }

/* Slots whose technology runs instances, nodes, partitions or functions. */
static bool topology_slot(SlotKind s, const Tech *t) {
  if (s == SK_COMPUTE || s == SK_DATABASE || s == SK_EVENTS || s == SK_CACHE || s == SK_SEARCH || s == SK_QUEUE ||
      s == SK_STREAM || s == SK_REALTIME)
    return true;
  return (s == SK_GATEWAY || s == SK_AUTH) && str_eqc(t->hosting, "self-hosted");
}

/* The cheapest tier that includes what the spec's compliance needs of the
 * technology: each agreement it claims (`hipaa-eligible`, `pci-compliant`)
 * holds only at a tier that includes it. Whether a slot must be covered at
 * all is the compliance rules' to say (kb/compliance.kb). */
static const KbFact *pick_tier(const Plan *p, const Need *n, const Tech *t, const struct PriceFacts *pf, Str *missing) {
  const Project *pr = &p->model->project;
  const char *need[2];
  int nneed = 0;
  /* an agreement the slot is in scope of (a rule requires it) and the
   * technology claims */
  for (int i = 0; i < pr->ncompliance; i++) {
    if (str_eqc(pr->compliance[i].word, "hipaa") && tech_has(t, CAP_HIPAA_ELIGIBLE) &&
        plan_slot_requires(p, n->slot, "hipaa-eligible") && nneed < 2)
      need[nneed++] = "hipaa";
    else if (str_eqc(pr->compliance[i].word, "pci") && tech_has(t, CAP_PCI_COMPLIANT) &&
             plan_slot_requires(p, n->slot, "pci-compliant") && nneed < 2)
      need[nneed++] = "pci";
  }
  const KbFact *best = NULL;
  bool any = false;
  for (int i = 0; pf->tiers && i < t->nfacts; i++) {
    const KbFact *f = &t->facts[i];
    if (f->keyid != KEY_TIER)
      continue;
    any = true;
    bool ok = true;
    for (int k = 0; k < nneed && ok; k++) {
      bool has = false;
      for (int j = 0; j < f->nincludes; j++)
        has |= str_eqc(f->includes[j], need[k]);
      ok = has;
    }
    if (ok && (!best || f->value < best->value))
      best = f;
  }
  if (any && !best && nneed)
    *missing = str_c(need[0]);
  return best;
}

/* The chosen instance class: its count, the sizing line and the price of
 * the nodes and of every copy of the data they store. */
static void price_instances(Acc *acc, const Plan *p, const Tech *t, Usage *u, const KbFact *best) {
  Arena *a = acc->a;
  Costed *c = acc->c;
  const Topology *tp = &c->topo;
  double hours = FIG(p, CF_COMPUTE_HOURS_PER_MONTH);
  char b1[32], b2[32], b3[32];
  int k = tp->instances;
  double usd = k * (best->monthly ? best->value : best->value * hours);
  c->instances = k;
  if (!p->quiet) {
    c->sizing = tp->shards > 1 && tp->quorum && store_slot(acc->sk)
                   ? str_printf(a, "%d x %.*s: %d shards by %.*s, replication factor %d", k, STRF(best->name),
                                tp->shards, STRF(tp->shard_key), 1 + tp->replicas)
               : tp->shards > 1 ? str_printf(a, "%d x %.*s: %d shards by %.*s, %d replica%s and %d standby each", k,
                                           STRF(best->name), tp->shards, STRF(tp->shard_key), tp->replicas,
                                           tp->replicas == 1 ? "" : "s", tp->standbys)
                : (tp->replicas || tp->standbys) && tp->quorum && store_slot(acc->sk)
                    ? str_printf(a, "%d x %.*s: replication factor %d", k, STRF(best->name), 1 + tp->replicas)
                : str_eqc(tp->deployment, "cluster")
                    ? str_printf(a, "%d x %.*s: a cluster of a writer and %d readable standbys", k, STRF(best->name),
                                 tp->replicas + tp->standbys)
                : tp->replicas && !tp->standbys
                    ? str_printf(a, "%d x %.*s: a primary and %d replica%s", k, STRF(best->name), tp->replicas,
                                 tp->replicas == 1 ? "" : "s")
                : tp->replicas || tp->standbys
                    ? str_printf(a, "%d x %.*s: a primary, %d replica%s and %d standby", k, STRF(best->name),
                                 tp->replicas, tp->replicas == 1 ? "" : "s", tp->standbys)
                    : str_printf(a, "%d x %.*s", k, STRF(best->name));
  }
  if (best->monthly)
    TERM(acc, usd, "%d x %.*s at %s/month = %s", k, STRF(best->name), fmt_price(b1, best->value), fmt_usd(b2, usd));
  else if (str_eqc(t->hosting, "self-hosted") && !PF(t, acc->pf, SIZE))
    TERM(acc, usd, "self-run on %d x %.*s%s at %s/h x %.0f h = %s", k, STRF(best->name), k == 1 ? "" : "s",
         fmt_price(b1, best->value), hours, fmt_usd(b2, usd));
  else
    TERM(acc, usd, "%d x %.*s at %s/h x %.0f h = %s", k, STRF(best->name), fmt_price(b1, best->value), hours,
         fmt_usd(b2, usd));
  /* Every copy of the data is stored: primary, standbys and replicas. */
  int copies = 1 + tp->replicas + tp->standbys + tp->region_copies;   /* and other regions' copies */
  if (copies > 1 && u->gb_month > 0 && PF(t, acc->pf, GB_MONTH) && !str_eqc(t->hosting, "serverless"))
    u->gb_month *= copies;
  /* Functions whose instances at once outnumber the connections of the
   * class sized connect through the pooler the store sells apart. */
  if (acc->sk == SK_DATABASE && !tech_has(t, CAP_CONNECTION_POOLING) && plan_has_fact(p, S("compute-functions")) &&
      plan_function_instances(p) > plan_class_connections(p, t, best)) {
    const KbFact *pv = tech_fact(t, KEY_PRICE, "connection-pooling-vcpu-hour");
    const KbFact *pa = tech_fact(t, KEY_PRICE, "connection-pooling-acu-hour");
    double units = pv ? fmax(best->vcpu, plan_figure(p, "compute", "pooler-min-vcpu", 2))
                      : fmax(best->memory / plan_figure(p, "compute", "acu-memory", 2147483648.0),
                             plan_figure(p, "compute", "pooler-min-acu", 8));
    const KbFact *pf = pv ? pv : pa;
    if (pf) {
      int served = k - (tp->shards > 0 ? tp->shards : 1) * tp->standbys;   /* a failover standby takes no connections */
      if (served < 1)
        served = 1;
      double pusd = units * served * pf->value * hours;
      char b4[32];
      TERM(acc, pusd, "connection pooler for %s function instances at once past the %s connections of one %.*s: "
                      "%g %s x %d at %s/h x %.0f h = %s",
           fmt_count(b1, plan_function_instances(p)), fmt_count(b2, plan_class_connections(p, t, best)),
           STRF(best->name), units, pv ? "vCPU" : "ACU", served, fmt_price(b3, pf->value), hours, fmt_usd(b4, pusd));
    }
  }
  if (str_eqc(t->hosting, "self-hosted") && u->gb_month > 0) {
    double gbp = FIG(p, CF_SELF_HOSTED_DISK_GB_MONTH);
    double dusd = u->gb_month * copies * gbp;
    TERM(acc, dusd, "%s GB stored x %d cop%s on block storage at %s per GB-month = %s", fmt_count(b1, u->gb_month),
         copies, copies == 1 ? "y" : "ies", fmt_price(b2, gbp), fmt_usd(b3, dusd));
  }
}

/* A meter with volume bands (`price mau 0.0046 above 100000`): each rate
 * bills the usage between its start and the next band's, past the free
 * allowance. False when the technology states no band for the meter or the
 * usage stays within the first. */
static bool price_bands(Acc *acc, const Tech *t, const Meter *mt, const KbFact *base, double q, double free_q) {
  const KbFact *band[8];
  int nb = 0;
  band[nb++] = base;
  for (int k = 0; k < t->nfacts && nb < 8; k++) {
    const KbFact *f = &t->facts[k];
    if (f->above > 0 && f->keyid == KEY_PRICE && str_eqc(f->name, mt->unit)) {
      int j = nb++;
      while (j > 1 && band[j - 1]->above > f->above) {
        band[j] = band[j - 1];
        j--;
      }
      band[j] = f;
    }
  }
  if (nb == 1 || q <= band[1]->above)
    return false;   /* the base rate alone bills it */
  char b1[32], b2[32], b3[32], b4[32], parts[256];
  int len = 0;
  double usd = 0;
  parts[0] = 0;
  for (int j = 0; j < nb; j++) {
    double lo = fmax(band[j]->above, free_q), hi = j + 1 < nb ? band[j + 1]->above : q;
    double n = fmax(0, fmin(q, hi) - lo);
    if (n <= 0)
      continue;
    usd += n / mt->scale * band[j]->value;
    if (!acc->quiet && len < (int)sizeof parts)
      len += snprintf(parts + len, sizeof parts - (size_t)len, "%s%s at %s", len ? " + " : "", fmt_count(b1, n),
                      fmt_price(b2, band[j]->value));
  }
  const char *per = mt->per ? mt->per : mt->scale == 1 ? "unit" : mt->scale == 1e3 ? "1k" : "1M";
  if (free_q > 0)
    TERM(acc, usd, "(%s - %s free) %s: %s per %s = %s", fmt_count(b1, q), fmt_count(b2, free_q), mt->what, parts, per,
         fmt_usd(b4, usd));
  else
    TERM(acc, usd, "%s %s: %s per %s = %s", fmt_count(b1, q), mt->what, parts, per, fmt_usd(b3, usd));
  return true;
}

/* Each metered price against the usage it bills, free allowances first. */
static void price_meters(Acc *acc, const Tech *t, const Usage *u, const KbFact *best) {
  char b1[32], b2[32], b3[32];
  const struct PriceFacts *pf = acc->pf;
  for (int x = 0; x < pf->nmetered; x++) {
    size_t i = pf->metered[x];
    const Meter *mt = &meters[i];
    const KbFact *f = fact_at(t, pf->meter[i]);
    /* gb-second bills functions only; sized compute does not run per request. */
    if (!strcmp(mt->unit, "gb-second") && best)
      continue;
    double q = usage_of(u, mt->field);
    double least = fact_value(t, pf->least[i], 0);
    if (q > 0 && q < least)
      q = least;   /* metered at its minimum */
    double free_q = fact_value(t, pf->free[i], 0);
    double billed = fmax(0, q - free_q);
    double usd = billed / mt->scale * f->value;
    if (q <= 0)
      continue;
    char b4[32];
    if (price_bands(acc, t, mt, f, q, free_q))
      continue;
    if (free_q > 0)
      TERM(acc, usd, "(%s - %s free) %s at %s per %s = %s", fmt_count(b1, q), fmt_count(b2, free_q), mt->what,
           fmt_price(b3, f->value), mt->per ? mt->per : mt->scale == 1 ? "unit" : mt->scale == 1e3 ? "1k" : "1M",
           fmt_usd(b4, usd));
    else
      TERM(acc, usd, "%s %s at %s per %s = %s", fmt_count(b1, q), mt->what, fmt_price(b2, f->value),
           mt->per ? mt->per : mt->scale == 1 ? "unit" : mt->scale == 1e3 ? "1k" : "1M", fmt_usd(b3, usd));
  }
}

/* Meters the provider bills at a rate the knowledge base does not have
 * (`unpriced`): each is a term of no dollars that says it is left out, with
 * the usage it would bill where the plan measures it. */
static void price_unpriced(Acc *acc, const Tech *t, const Usage *u) {
  char b1[32];
  for (int k = 0; k < t->nfacts; k++) {
    const KbFact *f = &t->facts[k];
    if (f->keyid != KEY_UNPRICED)
      continue;
    acc->c->partial = true;
    if (acc->quiet)
      continue;
    const Meter *mt = NULL;
    for (size_t i = 0; i < NMETERS && !mt; i++)
      if (str_eqc(f->name, meters[i].unit))
        mt = &meters[i];
    double q = mt ? usage_of(u, mt->field) : 0;
    if (q > 0)
      TERM(acc, 0, "%s %s, billed at a rate the knowledge base does not have (%.*s): not in this estimate",
           fmt_count(b1, q), mt->what, STRF(f->name));
    else if (mt)
      TERM(acc, 0, "%s, billed too at a rate the knowledge base does not have (%.*s): not in this estimate",
           mt->what, STRF(f->name));
    else
      TERM(acc, 0, "billed per %.*s too, at a rate the knowledge base does not have: not in this estimate",
           STRF(f->name));
  }
}

/* A paid plan that includes an allowance of a meter it states no price
 * for: past the allowance the bill is unknown, so the estimate says so and
 * the candidate is out unless pinned (as one with no price at all). */
static void price_beyond_allowance(Acc *acc, const Tech *t, const Usage *u) {
  char b1[32], b2[32];
  for (int x = 0; x < acc->pf->nallowed; x++) {
    size_t i = acc->pf->allowed[x];   /* a meter it has an allowance of */
    double allowance = fact_value(t, acc->pf->free[i], -1);
    double q = usage_of(u, meters[i].field);
    bool priced = acc->pf->usage_priced[i];
    if (allowance < 0 || priced || q <= allowance)
      continue;
    acc->c->partial = true;
    TERM(acc, 0, "%s %s a month pass the %s its plan includes, and no price for more is recorded: not in this estimate",
         fmt_count(b1, q), meters[i].what, fmt_count(b2, allowance));
    if (acc->c->viable) {
      acc->c->viable = false;
      acc->c->why_not = acc->quiet ? S("allowance")
                                   : str_printf(acc->a, "%s %s a month pass the %s its plan includes, and no price "
                                                        "for more is recorded", fmt_count(b1, q), meters[i].what,
                                                fmt_count(b2, allowance));
    }
  }
}

/* Nothing billed: decide whether that means free, self-run or unknown. */
static void price_unbilled(Acc *acc, const Plan *p, const Tech *t, const Usage *u) {
  Arena *a = acc->a;
  Costed *c = acc->c;
  double hours = FIG(p, CF_COMPUTE_HOURS_PER_MONTH);
  char b1[32], b2[32], b3[32];
  if (str_eqc(t->hosting, "self-hosted")) {
    /* We run it ourselves: price the nodes it needs. */
    double node_vcpu = FIG(p, CF_SELF_HOSTED_NODE_VCPU);
    double node_mem, node_hour;
    plan_self_node(p, &node_mem, &node_hour);
    int k = 1;
    double usd = k * node_hour * hours;
    c->instances = k;
    if (!p->quiet)
      c->sizing = str_printf(a, "%d x %g vCPU node", k, node_vcpu);
    TERM(acc, usd, "self-run on %d x %g vCPU node at %s/h x %.0f h = %s", k, node_vcpu, fmt_price(b1, node_hour),
         hours, fmt_usd(b2, usd));
    /* Data we keep ourselves sits on block storage. */
    if (u->gb_month > 0) {
      double gbp = FIG(p, CF_SELF_HOSTED_DISK_GB_MONTH);
      double dusd = u->gb_month * gbp;
      TERM(acc, dusd, "%s GB stored on block storage at %s per GB-month = %s", fmt_count(b1, u->gb_month),
           fmt_price(b2, gbp), fmt_usd(b3, dusd));
    }
  } else if (!str_eqc(t->hosting, "library") && !str_eqc(t->hosting, "tool")) {
    bool has_free = false, within = true;
    for (int x = 0; x < acc->pf->nallowed; x++) {
      size_t i = acc->pf->allowed[x];
      double allowance = fact_value(t, acc->pf->free[i], -1);
      if (allowance < 0)
        continue;
      has_free = true;
      within &= usage_of(u, meters[i].field) <= allowance;
    }
    if (has_free && within)
      TERM(acc, 0, "within the free allowance");
    else {
      /* Kept only when pinned: the estimate says its own fee is missing
       * rather than passing off what is billed around it as its price. */
      c->partial = true;
      TERM(acc, 0, "%s: the service's own fee is not in this estimate",
           has_free ? "the load exceeds its free allowance and no paid price is recorded"
                    : "no published price in the knowledge base");
      if (c->viable) {
        c->viable = false;
        c->why_not = has_free ? S("the load exceeds its free allowance and no paid price is recorded")
                             : S("no published price in the knowledge base");
      }
    }
  }
}

static void price_need_init(struct PriceNeed *pn, const Plan *p, const Need *n) {
  pn->n = n;
  pn->sk = slot_kind(n->slot);
  pn->u = usage_for(p, pn->sk);
  pn->demanded = false;
  pn->aws = str_eqc(p->cloud, "aws");
  pn->provider = pn->aws || str_eqc(p->cloud, "gcp") || str_eqc(p->cloud, "azure");
  pn->self_run = str_eqc(p->cloud, "self-hosted");
  pn->calls_out = calls_out(p);
}

static const Demand *need_demand(const Plan *p, struct PriceNeed *pn) {
  if (!pn->demanded) {
    pn->d = plan_demand(p, pn->n);
    pn->demanded = true;
  }
  return &pn->d;
}

/* What rules a priced technology out: no SLA where the target needs one
 * and limits the design load passes. */
static void price_limits(Arena *a, const Plan *p, struct PriceNeed *pn, SlotKind s, const Tech *t,
                         const struct PriceFacts *pf, const Usage *u, Costed *c) {
  char b1[32], b2[32];
  /* The system of record on the request path must reach the availability
   * target: a store with no published SLA on one instance (the single-node
   * figure) cannot, unless its topology has a standby or replica. */
  double target = p->model->project.availability;
  double single = FIG(p, CF_NETWORK_SINGLE_NODE_AVAILABILITY);
  if (c->viable && s == SK_DATABASE && !PF(t, pf, SLA) && target > single &&
      (!c->topo.set || c->topo.standbys + c->topo.replicas == 0)) {
    c->viable = false;
    c->why_not = p->quiet ? S("sla")
                         : str_printf(a, "publishes no SLA, and one instance (%.1f%%) cannot meet the %.4g%% target",
                                      single * 100, target * 100);
  }
  /* Limits that rule a technology out at the design load. */
  const KbFact *lw = PF(t, pf, LIMIT_WRITES);
  double design_writes = lw && (s == SK_DATABASE || s == SK_EVENTS) ? need_demand(p, pn)->writes : 0;
  if (lw && (s == SK_DATABASE || s == SK_EVENTS) && lw->value < design_writes &&
      !PF(t, pf, LIMIT_PARTITION_WRITES)) {
    c->viable = false;
    c->why_not = p->quiet ? S("limit") : str_printf(a, "%s writes/s at design load exceed its limit of %s/s", fmt_count(b1, design_writes),
                           fmt_count(b2, lw->value));
  }
  const KbFact *cc = PF(t, pf, LIMIT_CONCURRENCY);
  double conc = s == SK_COMPUTE ? need_demand(p, pn)->concurrency : 0;
  if (cc && s == SK_COMPUTE && cc->value < conc) {
    c->viable = false;
    c->why_not = p->quiet ? S("limit") : str_printf(a, "needs %s concurrent executions at design load; the default limit is %s",
                           fmt_count(b1, conc), fmt_count(b2, cc->value));
  }
  /* A queue whose provider throttles the operations of one namespace
   * (`limit ops`: Azure Service Bus Standard, 1,000 credits a second, a
   * send or a receive one each) carries its sends and receives at the
   * design load (the month's average x peak x margin) within it. */
  const KbFact *ops = PF(t, pf, LIMIT_OPS);
  double month = p->load.seconds_per_month;
  double design_ops = ops && s == SK_QUEUE && month > 0
                          ? u->requests / month * p->model->project.peak * p->load.margin
                          : 0;
  if (c->viable && ops && s == SK_QUEUE && design_ops > ops->value) {
    c->viable = false;
    c->why_not = p->quiet ? S("limit")
                          : str_printf(a, "%s operations/s at design load pass its %s/s a namespace", fmt_count(b1, design_ops),
                                       fmt_count(b2, ops->value));
  }
  /* A CDN whose terms cover web pages, not a service whose product is the
   * files (`limit file-share`: the share of its egress that may be user
   * files and video before a paid service or a contract is needed). */
  const KbFact *fs = s == SK_CDN ? PF(t, pf, LIMIT_FILE_SHARE) : NULL;
  double files = fs ? p->bw.blob_egress_bytes_per_month : 0, served = fs ? files + plan_asset_egress(p) : 0;
  if (c->viable && fs && served > 0 && files / served > fs->value) {
    c->viable = false;
    c->why_not = p->quiet ? S("limit")
                          : str_printf(a, "user files are %.0f%% of the %s a month it would serve, and its self-serve "
                                          "terms allow video and a disproportionate share of pictures or files only as "
                                          "a paid service or contract whose price is not published",
                                       files / served * 100, fmt_bytes(b1, served));
  }
}

Costed plan_price(Arena *a, const Plan *p, const Need *n, const Tech *t) {
  struct PriceNeed pn;
  price_need_init(&pn, p, n);
  return plan_price_with(a, p, t, &pn);
}

struct PriceNeed *plan_price_need(Arena *a, const Plan *p, const Need *n) {
  struct PriceNeed *pn = new_unzeroed(a, struct PriceNeed, 1);   /* every field set below */
  price_need_init(pn, p, n);
  return pn;
}

Costed plan_price_with(Arena *a, const Plan *p, const Tech *t, struct PriceNeed *pn) {
  const Need *n = pn->n;
  Costed c = {.tech = t, .viable = true};
  struct PriceFacts scratch;
  const struct PriceFacts *pf = facts_for(p, t, &scratch);
  Acc acc = {a, &c, 0, p->quiet, pf, pn->sk, pn};
  Usage u = pn->u;
  double hours = FIG(p, CF_COMPUTE_HOURS_PER_MONTH);
  char b1[32], b2[32];

  /* The plan tier: its fee, and compliance only at a tier that signs it. */
  Str missing = {0};
  const KbFact *tier = pick_tier(p, n, t, pf, &missing);
  if (missing.n) {
    c.viable = false;
    c.why_not = p->quiet ? S("tier") : str_printf(a, "no plan tier of %.*s includes %.*s, which the spec's compliance needs",
                                                 STRF(t->name), STRF(missing));
  }
  if (tier) {
    c.tier = tier->name;
    if (tier->value > 0)
      TERM(&acc, tier->value, "%.*s plan fee %s/month", STRF(tier->name), fmt_usd(b1, tier->value));
  }

  /* Columnar compression of time-series chunks: the share the sizer counts too. */
  if (pf->compression)
    u.gb_month *= plan_stored_share(p, n->slot, t);
  double data_gb = u.gb_month, written_gb = u.ingest_gb;   /* one copy, before replicas */
  /* The topology: instance class and counts within the ceilings. */
  const KbFact *best = NULL;
  if (topology_slot(acc.sk, t)) {
    Demand d = *need_demand(p, pn);
    if (!plan_topology(a, p, n, t, &d, &c.topo, &best) && c.viable) {
      c.viable = false;
      c.why_not = c.topo.exceeds_why;
    }
  }
  const Topology *tp = &c.topo;
  if (!best && tp->region_copies > 0 && tp->nregions > 1) {
    /* A store billed by use and copied to other regions (global tables)
     * bills every region's copy of each write and each stored byte. */
    u.writes *= tp->nregions;
    u.gb_month *= tp->nregions;
  }
  if (best)
    price_instances(&acc, p, t, &u, best);
  const KbFact *hour = PF(t, pf, HOUR);
  if (hour && !best) {
    int k = tp->set && tp->instances > 0 && str_eqc(tp->instance_class, "shard") ? tp->instances : 1;
    /* a load balancer or platform billed by the hour runs in each region it serves */
    if (p->nregions > 1 && (acc.sk == SK_GATEWAY || acc.sk == SK_COMPUTE || acc.sk == SK_REALTIME))
      k *= p->nregions;
    double usd = k * hour->value * hours;
    c.instances = k;
    TERM(&acc, usd, "%d x %s/h x %.0f h = %s", k, fmt_price(b1, hour->value), hours, fmt_usd(b2, usd));
  }
  if (hour && best && str_eqc(t->family, "kubernetes")) {
    /* The control plane is billed apart from the nodes: a cluster in each region. */
    int k = p->nregions > 1 ? p->nregions : 1;
    if (k > 1)
      TERM(&acc, k * hour->value * hours, "control plane %d clusters (one a region) x %s/h x %.0f h = %s", k,
           fmt_price(b1, hour->value), hours, fmt_usd(b2, k * hour->value * hours));
    else
      TERM(&acc, hour->value * hours, "control plane %s/h x %.0f h = %s", fmt_price(b1, hour->value), hours,
           fmt_usd(b2, hour->value * hours));
  }
  const KbFact *vh = PF(t, pf, VCPU_HOUR), *gh = PF(t, pf, GB_HOUR);
  if (vh && !best && !hour && u.sized) {
    double vcpu = fmax(u.vcpu, 0.25 * u.min_instances);
    double usd = vcpu * vh->value * hours + (gh ? vcpu * 2 * gh->value * hours : 0);
    TERM(&acc, usd, "%.2f vCPU at %s/vCPU-h%s x %.0f h = %s", vcpu, fmt_price(b1, vh->value),
         gh ? " + 2 GB per vCPU" : "", hours, fmt_usd(b2, usd));
  }
  /* A flat monthly price is the plan's fee; where a size was chosen, the
   * size's price is the plan. */
  const KbFact *flat = PF(t, pf, MONTH);
  if (flat && !best && !tier)
    TERM(&acc, flat->value, "flat %s/month", fmt_usd(b1, flat->value));
  price_meters(&acc, t, &u, best);
  price_unpriced(&acc, t, &u);
  transfer_terms(&acc, p, n, t, &u);
  backup_terms(&acc, p, t, data_gb, written_gb);
  /* Nothing billed: free, self-run or unknown. */
  bool paid_fact = best != NULL || tier != NULL || pf->paid;   /* backups are an add-on, not the service's price */
  if (!paid_fact)
    price_unbilled(&acc, p, t, &u);
  else
    price_beyond_allowance(&acc, t, &u);
  price_limits(a, p, pn, acc.sk, t, pf, &u, &c);
  return c;
}

/* The spec's integrations that do the work of a slot the plan does not
 * fill (an sms provider named as `integration twilio { kind sms }`): each
 * priced at the slot's usage as the knowledge base's technology of its
 * name, or said unpriced. Their sum is part of the monthly total, and so
 * of the budget check: a provider's bill is the system's bill. A payments
 * provider's fees are a cost of sales instead (they move with the money
 * charged, not with the system): summed apart, outside the total. */
double plan_bills(Arena *a, Plan *p) {
  const Model *m = p->model;
  int n = 0;
  p->bills = NULL;
  p->nbills = 0;
  p->bills_usd = 0;
  p->sales_usd = 0;
  p->bills_partial = false;
  const Feature *pay = model_integration(m, "payments");
  p->charged = pay ? plan_paid_entity(a, p, NULL) : NULL;
  for (int pass = 0; pass < 2; pass++) {
    for (int i = 0; i < m->nfeatures; i++) {
      const Feature *f = &m->features[i];
      const Option *k = f->kind == FK_INTEGRATION ? feature_opt(f, "kind") : NULL;
      if (!k || k->nargs < 1)
        continue;
      Str slot = k->args[0].text;
      bool filled = false, known = false;
      for (int j = 0; j < p->nneeds && !filled; j++)
        filled = str_eq(p->needs[j].slot, slot);
      for (int t = 0; t < p->kb->ntechs && !known && !filled; t++)
        known = str_eq(p->kb->techs[t].slot, slot);
      if (filled)
        continue;
      if (!pass) {
        n++;
        continue;
      }
      Bill *b = &p->bills[p->nbills++];
      *b = (Bill){.integration = f, .slot = slot};
      const Tech *t = NULL;
      bool named = known && kb_match(p->kb, f->name, slot, &t, 1) == 1;
      if (named) {
        Need need = {.slot = slot, .span = f->span};
        const Option *charge = feature_opt(f, "charge");
        p->charge_usd = charge && charge->nargs ? charge->args[0].num
                                                : plan_figure(p, "payments", "average-order", 0);
        b->tech = t;
        b->cost = plan_price(a, p, &need, t);
        if (!p->quiet && !b->cost.nterms) {   /* say why the line is empty: Stripe where nothing is paid for */
          b->cost.terms = new(a, CostTerm, 1);
          b->cost.terms[b->cost.nterms++] = (CostTerm){S("nothing it bills for happens in this plan"), 0};
        }
      } else {
        b->cost = (Costed){.partial = true};
        if (!p->quiet) {
          b->cost.terms = new(a, CostTerm, 1);
          b->cost.terms[b->cost.nterms++] =
              known ? (CostTerm){str_printf(a, "no %.*s provider of this name in the knowledge base: its bill is not in "
                                               "this estimate", STRF(slot)), 0}
                    : (CostTerm){str_printf(a, "the knowledge base prices no %.*s service: its bill is not in this "
                                               "estimate", STRF(slot)), 0};
        }
      }
      /* Fees on the money a payment moves grow with revenue, not with
       * the system: a cost of sales, reported beside the total. */
      b->sales = named ? tech_value(t, KEY_PRICE, "hundred-dollars-charged", 0) > 0 : str_eqc(slot, "payments");
      if (!p->quiet)
        b->label = str_printf(a, "%.*s (integration %.*s%s)", STRF(named ? t->name : S("unpriced")), STRF(f->name),
                              b->sales ? ", cost of sales" : "");
      if (b->sales) {
        p->sales_usd += b->cost.usd;
        continue;
      }
      p->bills_usd += b->cost.usd;
      p->bills_partial |= b->cost.partial;
    }
    if (!pass && !n)
      break;
    if (!pass)
      p->bills = new(a, Bill, n);
  }
  return p->bills_usd;
}

/* The VPC on AWS: wanted when a chosen store is reached only inside it,
 * when the compute runs in its subnets (containers, Kubernetes, VMs), when
 * a load balancer takes the requests, or when the costs bill a NAT gateway; its NAT gateways are the ones the
 * final choices' transfer terms bill, so the estimate and the
 * infrastructure code count the same. */
void plan_network(Arena *a, Plan *p) {
  Network *nw = &p->net;
  *nw = (Network){.zones = plan_zones(p)};
  if (!str_eqc(p->cloud, "aws"))
    return;
  Str store = {0}, compute = {0}, lb = {0};
  for (int i = 0; i < p->nchoices; i++) {
    const Choice *c = &p->choices[i];
    if (!c->tech || !c->need)
      continue;
    if (c->cost.nat > nw->nat)
      nw->nat = c->cost.nat;
    if (!store.n && data_slot(c->need->slot) && in_vpc(p, c->tech))
      store = c->tech->name;
    const Tech *t = c->tech;
    if (str_eqc(c->need->slot, "compute") &&
        (str_eqc(t->family, "containers") || str_eqc(t->family, "kubernetes") || str_eqc(t->family, "vm")))
      compute = t->name;
    if (str_eqc(t->family, "load-balancer") && str_eqc(plan_vendor(t), "aws"))
      lb = t->name;
  }
  nw->set = store.n || compute.n || lb.n || nw->nat > 0;
  if (!nw->set)
    return;
  double least = plan_figure(p, "network", "min-subnet-zones", 2);
  nw->subnet_zones = nw->zones > least ? nw->zones : (int)least;
  /* The address plan: the VPC 10.0.0.0/16, a /20 per zone (4,091 usable
   * addresses), public subnets from 10.0.0.0 and private ones from
   * 10.0.128.0, so each half holds eight zones. */
  nw->cidr = S("10.0.0.0/16");
  nw->public_cidr = new(a, Str, nw->subnet_zones);
  nw->private_cidr = new(a, Str, nw->subnet_zones);
  for (int z = 0; z < nw->subnet_zones; z++) {
    nw->public_cidr[z] = str_printf(a, "10.0.%d.0/20", 16 * z);
    nw->private_cidr[z] = str_printf(a, "10.0.%d.0/20", 128 + 16 * z);
  }
  if (p->quiet)
    return;
  Str what = store.n && compute.n
                 ? str_printf(a, "%.*s is reached only inside the VPC and %.*s runs in its private subnets", STRF(store),
                              STRF(compute))
             : store.n ? str_printf(a, "%.*s is reached only inside the VPC", STRF(store))
             : compute.n ? str_printf(a, "%.*s runs in the VPC's private subnets", STRF(compute))
             : lb.n      ? str_printf(a, "%.*s takes the requests in the VPC's public subnets", STRF(lb))
                         : S("functions call out through the VPC");
  nw->why = str_printf(a, "%.*s; a public and a private subnet in each of %d zones (%d from the availability target, "
                          "at least %d for subnet groups and load balancers); %d NAT gateway%s%s",
                       STRF(what), nw->subnet_zones, nw->zones, (int)least, nw->nat, nw->nat == 1 ? "" : "s",
                       nw->nat ? " for calls out of the private subnets, as the estimate bills"
                               : " (the estimate bills none: the private subnets have no route out)");
}

/* Figures a chosen technology's provider does not publish: each chosen
 * technology with a sentence in kb/documents.kb's `text assumed-figures`
 * states it among the assumptions. */
void plan_cost_assumptions(Arena *a, Plan *p) {
  /* A provider the spec names but the knowledge base cannot price in
   * full: the total is what is known of the bill. */
  for (int i = 0; i < p->nbills; i++) {
    const Bill *b = &p->bills[i];
    char b1[32];
    if (b->cost.partial && !b->sales)
      plan_assume(a, p, str_printf(a, "cost.integration.%.*s", STRF(b->integration->name)).p,
                  "the spec's integration %.*s (%.*s) is %s: the total of %s a month is a lower bound",
                  STRF(b->integration->name), STRF(b->slot),
                  b->tech ? "priced only in part by the knowledge base" : "not a provider the knowledge base prices",
                  fmt_usd(b1, p->monthly_usd));
    /* A provider's fee per dollar charged bills an order value the spec
     * cannot state: the knowledge base's average is the assumption. */
    const Option *charge = feature_opt(b->integration, "charge");
    if (b->tech && str_eqc(b->slot, "payments") && p->charged && !(charge && charge->nargs))
      plan_assume(a, p, str_printf(a, "cost.payments.%.*s", STRF(b->integration->name)).p,
                  "%.*s's fees are priced on charges of %s each, the average online order the knowledge base holds "
                  "(figures payments average-order): the spec states none (add `charge $N` to the integration)",
                  STRF(b->integration->name), fmt_usd(b1, plan_figure(p, "payments", "average-order", 0)));
  }
  const KbRecord *r = kb_record(p->kb, "text", S("assumed-figures"));
  for (int i = 0; r && i < p->nchoices; i++) {
    const Tech *t = p->choices[i].tech;
    bool seen = false;   /* one technology can fill two slots (a platform is its own gateway) */
    for (int j = 0; t && j < i; j++)
      seen |= p->choices[j].tech == t;
    for (int k = 0; t && !seen && k < r->nitems; k++)
      if (str_eq(r->items[k].key, t->id) && r->items[k].nvals)
        plan_assume(a, p, str_printf(a, "cost.assumed.%.*s", STRF(t->id)).p, "%.*s",
                    STRF(r->items[k].vals[0].text));
  }
}
