/* The plan: everything Plinth decides about a model, in one structure, and
 * the stages that fill it. plan.h gathers every part of the plan for the
 * emitters; a stage includes only the parts it uses.
 *
 * plan_build runs the stages in order, each reading what the previous ones
 * wrote:
 *   capacity  load, storage and bandwidth from the model (capacity.c)
 *   needs     which slots the system needs and what each must offer (needs.c)
 *   choose    one technology per slot from the knowledge base (choose.c)
 *   cost      monthly cost of each choice at the computed load (cost.c)
 *   latency   hop-by-hop latency of each request path (latency.c)
 *   avail     composite availability of the request path (latency.c)
 *   style     monolith, modular monolith, serverless or services (style.c)
 * plan_revisit, for the decision documents, the load or budget at which
 * each choice would change (revisit.c);
 * and plan_delivery_for, after it, the execution of the plan:
 *   roadmap   task graph, estimates, critical path, schedule (roadmap.c, graph.c)
 *   risks     risk rules and STRIDE per data flow (risks.c)
 *   review    the templates' checklists evaluated (review.c)
 *
 * Every figure a person may question is recorded as an Explain entry: the
 * value, the formula with its inputs filled in, and where the inputs came
 * from (the spec, an assumption, or a knowledge-base fact with its source).
 * Emitters print from here and never recompute. All memory is in the
 * compilation's arena. */
#ifndef PLINTH_PLAN_CORE_H
#define PLINTH_PLAN_CORE_H

#include "../kb/kb.h"
#include "../model/model.h"
#include "../util/buf.h"
#include "api.h"

typedef struct {
  Str key;        /* stable id: "load.peak_rps" */
  Str label;      /* for people: "peak requests per second" */
  double value;
  Str unit;       /* "req/s", "B", "USD/month", "ms", "" */
  Str formula;    /* "avg 0.58 req/s x peak 5 = 2.9 req/s" */
} Explain;

typedef struct {
  double requests_per_day;   /* API requests from people and devices */
  double avg_rps, peak_rps, design_rps;
  double reads_per_s, writes_per_s;   /* average, rows read and written */
  double ingest_rows_per_s;           /* device or stream rows, part of writes */
  double crawl_rows_per_s;            /* fetched pages written by the crawler's workers, part of writes */
  double ingest_batch;                /* rows per ingest request */
  double read_share;                  /* of user requests */
  double margin;                      /* design load = peak x margin */
  double seconds_per_month;
  double email_events, sms_events, push_events;   /* notifications per month */
  double fanout_messages;             /* realtime deliveries per month */
  double fanout_publishes;            /* realtime changes published per month, before fan-out */
  double fanout_recipients;           /* the most recipients one realtime write reaches */
  bool live_dashboards;
} Load;

typedef enum { GROWTH_GIVEN, GROWTH_INGEST, GROWTH_FEATURE, GROWTH_WRITES, GROWTH_PARENT, GROWTH_ASSUMED } GrowthBasis;

typedef struct {
  const Entity *entity;
  GrowthBasis basis;     /* where rows_per_month came from */
  const Feature *rated_by;   /* GROWTH_FEATURE: the feature that states the rate */
  bool rate_assumed;         /* ... or assumes it (the knowledge base's default) */
  double rows_now, rows_per_month, rows_cap;   /* cap: retention limit, 0 none */
  double rows_3y;
  double bytes_now, bytes_1y, bytes_3y, bytes_per_month;   /* rows x content bytes */
  double stored_1y, stored_3y;   /* with per-row and index overhead */
  double blob_now, blob_1y, blob_3y, blob_per_month;
  double upload_bytes;   /* the file a new row brings (a media feature's size when no file field says) */
  double download_per_month;   /* bytes of its files downloaded a month (a media file's views in renditions) */
  enum { DOWNLOAD_UPLOADS, DOWNLOAD_READERS, DOWNLOAD_FLEET } download_bound;   /* what sets a plain file's downloads */
} EntityStorage;

typedef struct {
  EntityStorage *ents;
  int nents;
  double index_overhead;     /* fraction of row bytes added by indexes */
  double yearly_growth;      /* assumed growth of entities without a rate */
  int ningest;               /* ingested entities sharing the ingest rate */
  double bytes_now, bytes_1y, bytes_3y, bytes_per_month;   /* content, without overheads */
  double blob_now, blob_1y, blob_3y, blob_per_month;       /* object storage */
  double db_bytes_3y;        /* stored after 3 years: per-row and index overhead included */
  double stored_1y;
  double written_per_month;  /* stored bytes of the new rows each month */
  double uploads_per_month;  /* new rows that carry a file */
  double search_bytes_1y;    /* content of the searched entities after a year */
} Storage;

typedef struct {
  double ingress_bytes_per_month, egress_bytes_per_month;
  double blob_egress_bytes_per_month;
} Bandwidth;

/* A slot the system needs, with the capabilities its technology must have. */
typedef struct {
  Str slot;
  Str reason;            /* why the system needs it */
  Str *families;         /* acceptable families; NULL: any */
  int nfamilies;
  Str *caps;             /* required capabilities */
  int ncaps;
  Span span;             /* the spec text that creates the need */
  bool apart;            /* its load scales apart from the request path (plan_style) */
} Need;

typedef struct {
  Str what;              /* "2 x 1 vCPU 2 GB at $0.04937/h x 730 h" */
  double usd;
} CostTerm;

/* Score parts, in the order choose.c weighs them. */
enum { SC_COST, SC_BURDEN, SC_SKILLS, SC_LOCKIN, SC_HOSTING, SC_VENDOR, SC_LATENCY, SC_HEADROOM, SC_COUNT_ };

/* One region a slot is placed in when the plan deploys several
 * (topology.c, plan_place_regions): its role there and its counts. */
typedef struct {
  Str name;              /* the spec's region word */
  Str role;              /* home: takes the writes of record; replica: a read copy of the home's
                          * data; active: takes writes itself (a multi-region store) or serves its
                          * region's requests (compute) */
  int instances;         /* billed there; 0: not instance-based */
  int replicas;          /* read copies there (a replica region's own read replicas) */
} TopoRegion;

/* How a stateful or compute choice is deployed (topology.c): the smallest
 * topology that carries the slot's design load within the knowledge base's
 * ceilings and the provider's limits. */
typedef struct {
  bool set;              /* the slot runs instances, nodes, partitions or functions */
  Str instance_class;    /* a size's name, "on-demand partitions", "function", ... */
  int instances;         /* billed in total: shards x (primary + standbys + replicas) */
  int replicas;          /* read replicas per shard */
  int standbys;          /* failover standbys per shard (zones) */
  int shards;            /* 1: not sharded */
  Str shard_key;         /* empty: not sharded */
  int zones;
  Str ceiling;           /* the limit that sized it: "writes 2,000/s per db.m7g.large" */
  double headroom;       /* fraction of that ceiling left at design load */
  bool exceeds;          /* past a provider limit or ceiling: only a pin can force it */
  Str exceeds_why;
  Str why;               /* why its replicas or standbys, or empty */
  double quota;          /* the provider's default quota on instances it passes (adjustable on
                          * request: an increase to file before launch); 0: within every quota */
  bool quorum;           /* its nodes keep copies by quorum (replication factor
                          * 1 + replicas), not a primary and its replicas */
  Str partitioning;      /* how a history is range-partitioned by time, and why; or empty */
  Str memory;            /* the share of a working set memory holds, and why; or empty */
  Str deployment;        /* the deployment mode (vocab deploy-modes) when its classes name them:
                          * "cluster" is a writer and its replicas as readable standbys */
  /* What it carries and what one instance of its class carries, for the
   * JSON and the laws: demand per second and bytes at the horizon. */
  double load_writes, load_reads, load_bytes, load_hot;
  double load_memory;    /* with `memory`: the bytes of the working set memory holds */
  double load_stored;    /* bytes its disks hold at the horizon: compressed where it compresses */
  double load_scan;      /* column bytes a second its queries read at the design load */
  double class_writes, class_reads, class_memory, class_storage;
  double class_scan;     /* column bytes a second one instance scans; 0: not a scan store */
  double memory_ratio;   /* stored bytes one byte of memory serves (1:N); 0: none applied */
  TopoRegion *regions;   /* per deployed region, home first; none when the plan deploys one region */
  int nregions;
  int region_copies;     /* whole copies of its data kept in other regions (billed storage and
                          * replication transfer) */
} Topology;

/* The load one slot must carry at the design load and horizon (topology.c). */
typedef struct {
  double writes, reads;  /* operations a second at the design load */
  double bytes;          /* stored at the horizon, overheads included */
  double hot_bytes;      /* what must sit in memory */
  double vcpu;           /* compute */
  double sign_ins, refreshes;   /* a self-run identity server's load: what its vCPUs serve */
  double rps_per_vcpu;          /* requests a vCPU serves, where requests size the nodes */
  bool workers;                 /* the nodes also run the background workers */
  double throughput;     /* bytes a second through a stream */
  double scan;           /* column bytes a second the queries over appended rows read */
  double scan_top;       /* of it, the largest tenant's one query (within query-seconds) */
  Str spread_key;        /* the shard key that spreads one tenant over every shard */
  bool queried;          /* people query or watch the appended rows (query, dashboard) */
  double concurrency;    /* function executions in flight */
  Str shard_key;         /* from the access pattern of the slot's data */
  int min_nodes;         /* from the availability target */
  int zones;
} Demand;

typedef struct {
  const Tech *tech;
  double usd;            /* per month at the computed load */
  Topology topo;         /* how it is deployed; topo.set false: not instance-based */
  Str tier;              /* the plan tier priced, or empty */
  CostTerm *terms;
  int nterms;
  Str sizing;            /* "2 instances of 1 vCPU 2 GB" or empty */
  int instances;
  bool viable;
  bool unfamiliar;       /* ruled out only as new to a team that prefers what it knows */
  bool other_vendor;     /* a managed service from another vendor than the stack's cloud */
  bool second_platform;  /* a compute that cannot run the stack's self-hosted parts (choose.c) */
  int burden;            /* the burden scored: the record's, one more for a self-hosted part inside a
                          * compliance scope (choose.c) */
  int skill_fit;         /* 0 new to the team, 1 it knows the ground it stands on (cloud, language),
                          * 2 it knows the technology itself (choose.c) */
  double vendor_usd;     /* what reaching it costs: internet egress between the providers */
  double ops_engineers;  /* engineers a month to operate it (choose.c, kb `figures operations`) */
  double ops_usd;        /* their cost: ops_engineers x engineer-month, scored with usd */
  int nat;               /* NAT gateways its transfer terms bill */
  bool partial;          /* a fee the knowledge base has no price for is left out: usd is a lower bound */
  Str why_not;           /* when not viable, or when a hard constraint rules it out */
  double score;          /* lower is better; valid when viable */
  double parts[SC_COUNT_];   /* weighted score parts */
} Costed;

typedef struct {
  Str option;            /* knowledge-base id */
  Str why;
  Str name;              /* for people: the technology's name */
} Rejected;

typedef struct {
  bool found;            /* the choice flips within 1000x */
  Str parameter;         /* "users and data" or "budget" */
  double factor;         /* the multiplier at which it flips */
  double value;          /* the parameter's value there */
  const Tech *to;        /* what it flips to */
  Str text;              /* one sentence for people */
  double topo_factor;    /* the first multiple at which the topology must change; 0: not within 1000x */
  Str topo_text;         /* "at 8x: db.m7g.large with 2 replicas (from db.t4g.small)", or empty */
} Revisit;

/* A class of data and the slot that holds it (classes.c). Every entity is
 * in exactly one class; cache, search and analytics hold copies. */
typedef enum { DC_RECORD, DC_EVENTS, DC_BLOBS, DC_CACHE, DC_SEARCH, DC_ANALYTICS, DC_COUNT_ } DataClassKind;

typedef struct {
  DataClassKind kind;
  Str slot;              /* the decision that holds it: database, events, object-storage, ... */
  const Entity **entities;   /* its own entities */
  int nentities;
  const Entity **copies;     /* cache, search, analytics: the entities copied in */
  int ncopies;
  Str why;
  Str shard_key;         /* from the access pattern of its largest entity, or empty */
  double key_bytes;      /* the bytes of the entity the key comes from */
  double writes, reads;  /* design operations a second on its entities */
  double bytes;          /* stored at the horizon */
  double hot_bytes;      /* its working set at the horizon: recent rows, a share of the
                          * rows edited in place, and their index pages */
  double scanned;        /* analytics: bytes its reports scan a month (columns read, compressed) */
  double scan;           /* events: column bytes a second its queries read at the design load
                          * (each query its tenant's share of its window) */
  double scan_top;       /* events: column bytes the largest tenant's query reads */
  Str spread_key;        /* events: a key finer than the tenant that spreads one tenant's
                          * rows over every shard ("Person_id hash"), for its scans */
  bool queried;          /* events: a query or dashboard reads them */
  double hours;          /* analytics: warehouse compute hours a month while reports run */
  Str *uses;             /* analytics: the reports and dashboards it serves ("report sales") */
  int nuses;
  /* The largest growing history read by time (history, reports,
   * dashboards, queries) or aged out (`retain`): a relational store
   * range-partitions it by time once it outgrows the node's memory. */
  const Entity *timed;
  double timed_bytes;    /* its bytes at the horizon */
} DataClass;

/* A slot the plan leaves out on purpose, with the figures and the point at
 * which it would be added (needs.c notes the ones it weighs; absent.c the rest;
 * `plinth explain SPEC SLOT`). */
typedef struct {
  Str slot;
  Str why;
  Str revisit;
  bool minor;            /* absent only because the spec asks for nothing the slot provides (no
                          * notify email, no auth): `plinth explain` says so; the JSON and the
                          * documents list the others, which the workload decided */
} Absence;

typedef struct {
  const Need *need;
  const Tech *tech;      /* NULL when no candidate is viable */
  Costed cost;
  Costed *candidates;    /* every technology of the slot, in KB order */
  int ncandidates;
  Str *because;          /* the facts that decided it */
  int nbecause;
  Rejected *rejected;    /* every other candidate, with its reason */
  int nrejected;
  Revisit revisit;
} Choice;

/* A provider the spec names as an integration doing the work of a slot the
 * plan then leaves out (twilio for sms): priced as that slot's technology
 * would be, from the knowledge base's technology of that name. */
typedef struct {
  const Feature *integration;
  Str slot;              /* its kind: email, sms, push, ... */
  const Tech *tech;      /* NULL: the knowledge base does not know it */
  Str label;             /* as the estimate and the stack table name it */
  Costed cost;
  bool sales;            /* a cost of sales: fees on the money charged, outside the total and the budget */
} Bill;

typedef struct {
  Str name;              /* "browser edge", "gateway: AWS ALB", ... */
  double p50, p95;       /* seconds */
  Str note;
} Hop;

typedef struct {
  Str name;              /* read, write, upload, search, realtime, ingest */
  Hop *hops;
  int nhops;
  double p50, p95, target;   /* seconds */
  Str dominant;
} Path;

typedef struct {
  Str name;
  double sla;            /* fraction */
  int replicas;
  double effective;      /* after redundancy */
  bool self_run;         /* we run it: more instances are ours to add */
  bool everywhere;       /* runs and takes requests in every deployed region */
} AvailPart;

/* A region the plan deploys (plan_regions): the first the spec names is
 * home, where the system of record takes its writes. */
typedef struct {
  Str word;              /* the spec's region word */
  Str site;              /* the metro kb/regions.kb maps it to, or empty when unknown */
  Str id;                /* the chosen cloud's region id, or empty */
  Span span;
  double share;          /* of the users: stated shares are not in the language yet, so equal */
  double rtt;            /* seconds of one round trip to the home region; 0 at home; -1 unknown */
  double write_rtt;      /* what its writes pay to reach the home region: rtt, or 0 when written here */
  bool home;
  double p95_read, p95_write;   /* the request paths' p95 for its users (plan_latency) */
  bool meets;            /* both within the p95 target */
} Region;

typedef struct {
  AvailPart *parts;
  int nparts;
  double composite, target;
  int regions;           /* independent regions the parts in every region count (1 or 2) */
  Str home_only;         /* with several regions, the parts that stay in series at home, or empty */
  Str weakest;
  Str advice;            /* what would close the gap, or empty */
} Availability;

/* Decimals of a percentage that tell the composite from the target (3 to
 * 6: 99.9499% below a 99.95% target, not 99.950%). */
int plan_avail_digits(const Availability *av);

/* The private network the stack runs in, decided once (plan_network):
 * the estimate bills its NAT gateways and the infrastructure code
 * declares the same network. */
typedef struct {
  bool set;              /* a VPC: a store reached only inside it, or compute in its subnets */
  int zones;             /* zones of the topology, from the availability target */
  int subnet_zones;      /* zones with a public and a private subnet: zones, at least kb network min-subnet-zones */
  int nat;               /* NAT gateways the estimate bills, in the first nat zones' public subnets */
  Str why;               /* for people: why the network, and why its NAT gateways */
  /* The address plan every writer prints: the VPC's block, and each
   * zone's public and private subnet (subnet_zones of each). */
  Str cidr;
  Str *public_cidr, *private_cidr;
} Network;

typedef struct {
  Str choice;            /* monolith, modular-monolith, serverless, services */
  Str *because;
  int nbecause;
} Style;

/* ---- Archetypes (archetype.c) ----
 * The component each classic problem is about (fan-out, connections, geo
 * index, frontier, key generator, counters, transcoding, rate limiter),
 * sized from the workload, and the design choices it implies, each with the
 * computed point where the choice flips. */
typedef struct {
  Str name;              /* "Fan-out service" */
  Str kind;              /* service, store, queue, job, edge */
  Str purpose;
  Str sized_by;          /* "deliveries 12k/s = posts 60/s x followers 200" */
  double value;          /* the sizing figure */
  Str unit;
  int instances;         /* nodes or workers the figure needs; 0: not a node count */
  Str want;              /* the slot it runs on */
  Str slot;              /* that slot once chosen (plan_archetype_slots), or empty */
  double writes, reads, hot_bytes, throughput;   /* at peak, added to its slot's demand */
  double worker_vcpu;    /* vCPUs its background work keeps busy on average, on the compute */
  double worker_running; /* its executions in flight on average (a function is billed for each) */
  double worker_jobs;    /* its jobs a second on average (a function's invocations) */
  double kept_bytes;     /* what it keeps in object storage */
  double internet_bytes; /* bytes a second its workers fetch from the internet */
  double puts, gets;     /* its object writes and reads a second */
  Str key;               /* the key its slot's data shards by, when it decides one */
  const Feature *feature;
} Component;

typedef struct {
  Str option, why;
} DesignAlt;

typedef struct {
  Str topic;             /* "feed fan-out" */
  Str choice;
  Str *because;
  int nbecause;
  DesignAlt *rejected;
  int nrejected;
  Str revisit;           /* the computed point where the choice flips */
  Str parameter;         /* what crosses it: "followers" */
  double flip;           /* the value where it flips */
  const Feature *feature;
} DesignDecision;

typedef struct Plan {
  const Model *model;
  const Kb *kb;
  double scale;          /* load and data multiplier (1; the revisit search raises it) */
  double ent_scale;      /* multiplier for the per-entity figures, which scaled copies share */
  double budget_scale;   /* budget multiplier (1; the revisit search lowers it) */
  Str hosted_parts;      /* the self-hosted parts a first choice of the stack holds, named, when its
                          * compute cannot run them (choose.c); empty otherwise */
  bool quiet;            /* a rescaled copy: choices only, no texts */
  Str cloud;             /* the cloud the stack is built on */
  const Tech *excluded[4];   /* computes set aside because they left a slot empty (choose.c) */
  Str excluded_why[4];
  int nexcluded;
  Str area;              /* the area of the spec's region, or empty */
  Region *regions;       /* the regions deployed, home first: none or one is a single region */
  int nregions;
  bool multi_writer;     /* the system of record takes writes in every region (a multi-region store) */
  Load load;
  Storage storage;
  Bandwidth bw;
  double horizon_months;     /* growth horizon: the spec's `horizon`, else 3 years */
  DataClass classes[DC_COUNT_];   /* by kind; a class with no entities and no copies is absent */
  int *entity_class;         /* per model entity: its DataClassKind */
  double *entity_hot;        /* per model entity: its working set at the horizon, bytes with indexes */
  Absence *absent;           /* slots left out, with why and when to revisit */
  int nabsent, absent_cap;
  Need *needs;
  int nneeds;
  Choice *choices;       /* one per need, same order */
  int nchoices;
  Bill *bills;           /* the spec's integrations that do a slot's work (plan_bills) */
  int nbills;
  double bills_usd;      /* their sum but the costs of sales, part of monthly_usd */
  double sales_usd;      /* the bills that are costs of sales (card fees): not in monthly_usd */
  bool bills_partial;    /* one of them is unpriced or priced in part: monthly_usd is a lower bound */
  const Entity *charged; /* what a payments provider charges for (plan_paid_entity), set with the bills */
  double charge_usd;     /* what one of its charges moves: the integration's `charge`, else kb's average order */
  double monthly_usd;    /* the choices' costs and the bills */
  double pay_sales;      /* sales a second at peak that each call a payments integration (reserve) */
  double pay_rate;       /* the calls a second that integration takes: its stated rate, else kb's */
  double pay_admit;      /* past it, the buyers a second the waiting room lets in (0: not bound by it) */
  double pay_queue;      /* and the buyers still queued when the rush ends, */
  double pay_wait;       /* and the seconds the last of them waits */
  /* The budget verdict (plan_budget), with a budget: what is left of it a
   * month (negative: over), and whether the stack is over it by more than
   * the rounding of a sum of prices. */
  double budget_left;
  bool over_budget;
  Path *paths;
  int npaths;
  Availability avail;
  Network net;           /* plan_network */
  Style style;
  Explain *explains;
  int nexplains, explain_cap;
  Assumption *assumptions;   /* made by the plan stage, beside the model's */
  int nassumptions, assumption_cap;
  struct FigureCache *figures;   /* planning figures looked up so far, shared by copies */
  int *nfigures;
  const struct RuleIndex *rule_index;   /* the compatibility rules' items (facts.c), shared by copies */
  int nrule_index;
  struct PriceMemo *prices;   /* prices shared by the copies of the revisit's budget pass (revisit.c) */
  signed char *skilled;       /* per KB technology: 0 not known yet, 1 none of the team's skills, 2 one of
                               * them (choose.c); shared by copies */
  Str *skill_canon;           /* per team skill, its lexicon name (postgres: postgresql, k8s: kubernetes) */
  struct Verdicts *verdicts;  /* the revisit copies' load-free verdicts per need and technology (revisit.c) */
  Str *facts;            /* words of `vocab facts` that hold for this plan (facts.c) */
  int nfacts, fact_cap;
  const KbRecord **patterns;   /* patterns that apply, in KB order */
  int npatterns;
  struct AdrLedger *adr;       /* decision records (adr.c); set by plan_adrs */
  struct PromRule *alerts;    /* alerting rules (alerts.c) */
  int nalerts;
  struct Service *services;    /* services style only (services.c) */
  int nservices;
  Api api;               /* the contract (api.c) */
  struct Roadmap *roadmap;      /* plan_roadmap; NULL before */
  struct Risk *risks;           /* plan_risks: highest score first */
  int nrisks;
  struct StrideFlow *stride;
  int nstride;
  struct ReviewItem *review;    /* plan_review, in KB order */
  int nreview;
  struct DocFacts *docs;       /* what the documents describe (docfacts.c); NULL until plan_docfacts */
  struct Kit *kit;             /* the validation and operations kit (kit.c); NULL until plan_kit */
  struct Pins *pins;     /* what `use` pins did to their slots (pins.c); NULL without pins */
  Component *components;       /* archetype components (archetype.c) */
  int ncomponents, component_cap;
  DesignDecision *designs;     /* design-level decisions (archetype.c) */
  int ndesigns, design_cap;
} Plan;

/* Components and design decisions, after capacity and before the needs,
 * so the slots they run on are sized with their load. */
void plan_archetypes(Arena *a, Plan *p);
/* After choosing: each component's slot, where the slot was chosen. */
void plan_archetype_slots(Plan *p);
/* Adds the archetype components' load on `slot` to its demand. */
void plan_archetype_demand(const Plan *p, Str slot, Demand *d);
/* Bytes a month the audience streams of a media feature's files of
 * `bytes` each: active users x play time x the medium's bitrate, shared
 * among the streamed media; 0 when the files are delivered per view. */
double plan_media_streamed(const Plan *p, const Feature *mf, double bytes);
/* The medium a media feature plays (audio, clip, image, video) and the
 * name or option that says so in `from` (empty: the default). */
Str plan_media_medium(const Plan *p, const Feature *mf, Str *from);
/* What the components' background work adds up to (archetype.c), at
 * its average load: vCPUs busy and `headroom` (worker-headroom) for the
 * queue's peaks; executions in flight and the GB they hold as functions
 * (at least the function memory, at least the memory that buys their
 * vCPUs); jobs a second; what they keep in object storage (bytes, object
 * writes and reads a second); bytes a second fetched from the internet. */
typedef struct {
  double vcpu, headroom, running, function_gb, jobs;
  double kept, puts, gets;
  double internet;
} ComponentWork;
ComponentWork plan_component_work(const Plan *p);

/* Builds the whole plan but the revisit search, which costs a dozen rebuilds
 * and only decision documents need: call plan_revisit for it. Reports
 * problems to sink; returns NULL only on errors. */
Plan *plan_build(Arena *a, const Model *m, const Kb *kb, DiagSink *sink);
/* The stages up to the architecture style only (capacity, needs, choices,
 * latency, availability, style): what `plinth estimate` and `plinth compare`
 * print, without the contract, alerts and services. */
Plan *plan_estimate(Arena *a, const Model *m, const Kb *kb, DiagSink *sink);

/* A copy of `base` at `scale` times its load and data and `budget_scale`
 * times its budget, with needs and choices made again (capacity figures are
 * linear in the load, so they are scaled, not recomputed). The revisit
 * search calls it; `prices`, when given, holds candidates' prices already
 * computed at this same load (NULL: none). */
Plan *plan_rescaled(Arena *a, const Plan *base, double scale, double budget_scale, struct PriceMemo *prices);

/* Stages, in the order plan_build runs them. */
void plan_capacity(Arena *a, Plan *p);
/* An entity's rows after t months: growth added, capped by retention. */
double plan_rows_at(const EntityStorage *s, double months);
/* Bytes a month of the browser client's own files (its JavaScript, CSS and
 * fonts) fetched by the people active each day (kb/planning.kb's payload
 * figures); 0 without people. */
double plan_asset_egress(const Plan *p);
/* The people who hold accounts and sign in: the principal's rows when the
 * spec counts fewer of them than its users (readers who never sign in),
 * else the users; at the revisit's scale. */
double plan_signers(const Plan *p);
/* Realtime deliveries a second at peak, and whether a realtime write fans
 * out through delivery workers (past `fanout-recipients` a write or
 * `fanout-deliveries` a second at peak) rather than inside the request. */
double plan_fanout_peak(const Plan *p);
bool plan_fans_out(const Plan *p);
void plan_needs(Arena *a, Plan *p);
void plan_choose(Arena *a, Plan *p);
void plan_latency(Arena *a, Plan *p);
/* The share of requests that start an instance of compute `t` at the
 * plan's load (-1 without cold starts), and the p50 and p95 they add. */
double plan_cold_starts(const Plan *p, const Tech *t, double *add50, double *add95);
void plan_availability(Arena *a, Plan *p);
/* Zones the availability target asks for: 1, 2 at 99.9%, 3 at 99.99%. */
int plan_zones(const Plan *p);
/* The regions the plan deploys (topology.c), before the choices: every
 * region the spec names, the first as home, with the round trips to it. */
void plan_regions(Arena *a, Plan *p);
/* The deployed regions for prose, "us, eu and asia", home marked "(home)" if asked. */
Str plan_region_list(Arena *a, const Plan *p, bool mark_home);
/* Each deployed region's p95 and the chosen cloud's region ids (latency.c). */
void plan_region_latency(Arena *a, Plan *p);
/* The private network (Plan.net), from the final choices and their costs. */
void plan_network(Arena *a, Plan *p);
void plan_style(Arena *a, Plan *p);
/* For each choice, the users (or budget) at which it would change. */
void plan_revisit(Arena *a, Plan *p);

/* Two technologies of one slot side by side for this plan's workload. */
typedef struct {
  const Need *need;      /* the plan's need for the slot, or a bare one */
  Costed c[2];           /* priced and scored; why_not set where ruled out */
  Str ruled_out[2];      /* hard constraint each fails, or empty */
  int winner;            /* 0 or 1; -1 when neither qualifies */
} Comparison;

/* Compares a and b (same slot) under this plan's weights and constraints. */
Comparison plan_compare(Arena *a, Plan *p, const Tech *ta, const Tech *tb);

/* The rows of `plinth compare`'s decision matrix, in its order. */
enum { CMP_CONSTRAINTS, CMP_COST, CMP_BURDEN, CMP_SKILLS, CMP_LOCKIN, CMP_HOSTING, CMP_P95, CMP_SLA, CMP_ROWS_ };

/* A comparison's decision matrix (matrix.c): what each row compares, its
 * winner, and the migration from the loser to the winner. */
typedef struct {
  bool qualifies[2];        /* meets the hard constraints */
  int burden[2];            /* the burden scored, else the technology's own */
  const KbFact *p95[2];     /* the published p95 latency, or NULL */
  const KbFact *sla[2];     /* the published SLA, or NULL */
  int winner[CMP_ROWS_];    /* 0 or 1; -1 for a tie or when it cannot be told */
  int from;                 /* migrated from: the loser, the second when neither wins */
  double migration_days;    /* developer-days, whole (kb figures migration) */
} CompareMatrix;

CompareMatrix plan_compare_matrix(const Plan *p, const Comparison *c);

/* Facts (facts.c): computed from needs and the model before choosing, one
 * more per choice as it is made; then the patterns that apply. */
void plan_base_facts(Arena *a, Plan *p);
/* The people to run a part, as the reasons say them: "0.6 engineer" (buf of 32). */
char *plan_engineers_fmt(char *buf, double engineers);
/* The shards of a relational store the application routes to, or 0 (choose.c). */
int plan_routed_shards(const Costed *c);
void plan_choice_fact(Arena *a, Plan *p, const Need *n, const Tech *t);
bool plan_has_fact(const Plan *p, Str fact);
/* Function instances at once at the design load (design load x duration). */
double plan_function_instances(const Plan *p);
/* The connections one instance of class `f` of `t` accepts (NULL: its largest class). */
double plan_class_connections(const Plan *p, const Tech *t, const KbFact *f);
/* Looks the compatibility rules' items up once (plan_estimate runs it). */
void plan_index_rules(Arena *a, Plan *p);
/* The `says` of the first compatibility rule `t` breaks in slot `n`, or an
 * empty Str. This and plan_rules_may_bind read the index plan_index_rules
 * made (every plan and copy holds it). */
Str plan_rule_violation(Arena *a, const Plan *p, const Need *n, const Tech *t);
/* Whether some rule of n's slot requires a capability t lacks: when not,
 * no rule can rule t out, whatever the plan's facts. */
bool plan_rules_may_bind(Arena *a, const Plan *p, const Need *n, const Tech *t);
/* The agreement (`hipaa-eligible`, `pci-compliant`) a compliance rule that
 * holds for this plan requires of the slot's provider, or an empty Str:
 * the slot is then in the regime's scope, and another vendor in it is
 * another agreement and another party to assess. */
Str plan_slot_agreement(Arena *a, const Plan *p, Str slot);
/* Does a rule of the knowledge base require capability `cap` of `slot`
 * (under some condition)? Compliance tiers are needed only then. */
bool plan_slot_requires(const Plan *p, Str slot, const char *cap);
void plan_patterns(Arena *a, Plan *p);
/* A pattern record's string item (name, summary, why, watch, url). */
Str pattern_text(const KbRecord *r, const char *key);

/* Pins (pins.c): `use SLOT TECH` and `avoid TECH...`. plan_pins_check
 * reports unknown slots and ids and impossible pins as errors at the spec
 * line (false after errors); plan_pins_apply, inside the choice of a slot,
 * rules out avoided candidates and keeps only a pinned one; plan_pins_finish
 * puts "pinned at line N" first in the decision's reasons and reports a slot
 * that `avoid` leaves empty (false after errors); plan_pins_review
 * adds a warning at the pin's line for each constraint a pin breaks. */
bool plan_pins_check(Arena *a, const Model *m, const Kb *kb, DiagSink *sink);
void plan_pins_apply(Arena *a, Plan *p, Choice *ch);
bool plan_pins_finish(Arena *a, Plan *p, DiagSink *sink);
void plan_pins_review(Arena *a, Plan *p);

/* Why each slot the plan leaves out is absent (absent.c; run by
 * plan_estimate after the choices), and the absence of one slot, or NULL.
 * A stage that decides a slot is not needed may record its own reason
 * first with plan_absent_note (ignored in a rescaled copy); plan_absences
 * keeps it. */
void plan_absences(Arena *a, Plan *p);
void plan_absent_note(Arena *a, Plan *p, Str slot, Str why, Str revisit);
const Absence *plan_absence(const Plan *p, Str slot);

/* Data classes (classes.c): run by plan_needs before it
 * lists the slots, so each class can get its own. */
void plan_classes(Arena *a, Plan *p);
const char *data_class_name(DataClassKind k);
/* The load a slot carries, and the smallest topology of `t` for it; false
 * (with topo->exceeds and why) when no topology fits the ceilings and
 * limits. *size gets the instance class priced, *nodes the billed count. */
Demand plan_demand(const Plan *p, const Need *n);
bool plan_topology(Arena *a, const Plan *p, const Need *n, const Tech *t, const Demand *d, Topology *topo,
                   const KbFact **size);
/* Whether a candidate's topology passes a provider limit or a ceiling: the
 * check a pin must answer to (plinth check reports it). */
bool plan_exceeds(const Choice *c);
double plan_stored_share(const Plan *p, Str slot, const Tech *t);
/* The vendor that runs a technology: its `vendor`, else its one big cloud,
 * else its id (a third party on several clouds). */
Str plan_vendor(const Tech *t);

/* The budget verdict: p->budget_left and p->over_budget from the monthly
 * cost (budget.c; plan_estimate runs it last). */
void plan_budget(Plan *p);
/* The figures the chosen technologies' providers do not publish, as
 * assumptions (kb/documents.kb `text assumed-figures`; cost.c). */
void plan_cost_assumptions(Arena *a, Plan *p);
/* Whether the budget, times budget_scale, is under kb/planning.kb's
 * budget.tight-below: cost then weighs double in every choice. */
bool plan_budget_tight(const Plan *p);
/* Whether a burstable class is fit for this plan (topology.c), and the
 * memory and hourly price of the server a self-run component gets. */
bool plan_burst_ok(const Plan *p);
void plan_self_node(const Plan *p, double *memory, double *hour);

/* Prices one technology for this plan's load (cost.c). */
Costed plan_price(Arena *a, const Plan *p, const Need *n, const Tech *t);
double plan_bills(Arena *a, Plan *p);
char *plan_wait_fmt(char *buf, double seconds);
/* The entity an exchange's order is matched within: what the order points
 * at besides its owner (an Instrument, a Market, a Symbol); NULL if none. */
const Entity *plan_exchange_book(const Entity *order);
/* A self-run node's name, "2 vCPU node" or with its memory "4 vCPU 16 GiB
 * node": formatted once for the plan and its copies (cost.c), which size
 * the same nodes at every load. */
/* The roadmap, the risks and the review, in that order, with the roadmap
 * scheduled for `devs` developers (0: the team's size); driver_plan_with
 * calls it after plan_build. */
void plan_delivery_for(Arena *a, Plan *p, int devs);

#endif
