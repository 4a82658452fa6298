/* The plan: everything Plinth decides about a model, in one structure.
 *
 * plan_build runs the stages in order, each reading what the previous ones
 * wrote:
 *   capacity  load, storage and bandwidth from the model (capacity.c)
 *   needs     which slots the system needs and what each must offer (needs.c)
 *   choose    one technology per slot from the knowledge base (choose.c)
 *   cost      monthly cost of each choice at the computed load (cost.c)
 *   latency   hop-by-hop latency of each request path (latency.c)
 *   avail     composite availability of the request path (latency.c)
 * and plan_delivery, after it, the execution of the plan:
 *   roadmap   task graph, estimates, critical path, schedule (roadmap.c, graph.c)
 *   risks     risk rules and STRIDE per data flow (risks.c)
 *   review    the templates' checklists evaluated (review.c)
 *
 * Every figure a person may question is recorded as an Explain entry: the
 * value, the formula with its inputs filled in, and where the inputs came
 * from (the spec, an assumption, or a knowledge-base fact with its source).
 * Emitters print from here and never recompute. All memory is in the
 * compilation's arena. */
#ifndef PLINTH_PLAN_H
#define PLINTH_PLAN_H

#include "../kb/kb.h"
#include "../model/model.h"
#include "../util/buf.h"

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
  double ingest_batch;                /* rows per ingest request */
  double read_share;                  /* of user requests */
  double margin;                      /* design load = peak x margin */
  double seconds_per_month;
  double email_events, sms_events, push_events;   /* notifications per month */
  double fanout_messages;             /* realtime deliveries per month */
  bool live_dashboards;
} Load;

typedef enum { GROWTH_GIVEN, GROWTH_INGEST, GROWTH_ASSUMED } GrowthBasis;

typedef struct {
  const Entity *entity;
  GrowthBasis basis;     /* where rows_per_month came from */
  double rows_now, rows_per_month, rows_cap;   /* cap: retention limit, 0 none */
  double rows_3y;
  double bytes_now, bytes_1y, bytes_3y, bytes_per_month;   /* rows x content bytes */
  double stored_1y, stored_3y;   /* with per-row and index overhead */
  double blob_now, blob_1y, blob_3y, blob_per_month;
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
} Topology;

/* The load one slot must carry at the design load and horizon (topology.c). */
typedef struct {
  double writes, reads;  /* operations a second at the design load */
  double bytes;          /* stored at the horizon, overheads included */
  double hot_bytes;      /* what must sit in memory */
  double vcpu;           /* compute */
  double throughput;     /* bytes a second through a stream */
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
  double vendor_usd;     /* what reaching it costs: internet egress between the providers */
  Str why_not;           /* when not viable, or when a hard constraint rules it out */
  double score;          /* lower is better; valid when viable */
  double parts[SC_COUNT_];   /* weighted score parts */
} Costed;

typedef struct {
  Str option;            /* knowledge-base id */
  Str why;
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

/* A class of data and the slot that holds it (topology.c). Every entity is
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
  Str shard_key;         /* from the access pattern, or empty */
  double writes, reads;  /* design operations a second on its entities */
  double bytes;          /* stored at the horizon */
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
} AvailPart;

typedef struct {
  AvailPart *parts;
  int nparts;
  double composite, target;
  Str weakest;
  Str advice;            /* what would close the gap, or empty */
} Availability;

typedef struct {
  Str choice;            /* monolith, modular-monolith, serverless, services */
  Str *because;
  int nbecause;
} Style;

/* Who sets a field (fields.c). Client-writable fields are in the create and
 * update bodies; immutable ones in the create body only; server-set ones in
 * neither (ids, owners, parents from the path, files, lifecycle state,
 * derived totals). */
typedef enum { ROLE_CLIENT, ROLE_SERVER, ROLE_IMMUTABLE } FieldRole;

/* What every contract says about one field, decided once (fields.c): the
 * OpenAPI schemas, the SQL, the typed models and the load test print it. */
typedef struct {
  FieldRole role;
  Str why;                 /* for people: "the owner, from the signed-in user" */
  bool in_create, in_update, required;   /* bodies; required: in the create body */
  bool in_response;        /* the row as returned (not secrets, not many-to-many) */
  bool stored;             /* a column of the table (not many-to-many links, not a password
                            * an identity service holds) */
  double max_len;          /* characters; 0: none */
  Str json_type;           /* string, integer, number, boolean; empty: any JSON */
  Str json_format;         /* email, uuid, date-time, decimal, ...; empty: none */
  Str pattern;             /* a regular expression the value matches; empty: none */
  Str sql_pg, sql_lite;    /* column types, without [] for arrays */
  Str sample;              /* a valid value as JSON text */
  int initial;             /* lifecycle: the state new rows start in (the default, else the
                            * first that no transition reaches); -1: any */
  Str guard;               /* lifecycle: name of the SQL function and trigger that guard it */
  Str sum_fn;              /* derived sum: name of the SQL function and triggers that keep it */
  bool ts_tag;             /* in a time-series store: an indexed tag (ids, enums, flags, short
                            * strings), else a field of the point */
} FieldFacts;

/* An enum field's lifecycle as operations (fields.c): one per target state
 * that someone other than the system may reach. */
typedef struct {
  const Entity *entity;
  const Field *field;
  int to;                  /* target state: index into the enum */
  int *from;               /* states it may come from */
  int nfrom;
  Str *by;                 /* owner and roles allowed */
  int nby;
  Str verb;                /* path segment: the target state, kebab case */
} Lifecycle;

/* ---- The contract: endpoints and physical names (api.c) ----
 * Built once per plan, so the OpenAPI document, the SQL, the typed models,
 * the load test and the prose documents all describe the same API. */

typedef enum {
  EP_LIST, EP_GET, EP_CREATE, EP_UPDATE, EP_DELETE, EP_SEARCH, EP_HISTORY, EP_UPLOAD, EP_INGEST, EP_QUERY,
  EP_AUTH, EP_WEBHOOK, EP_TRANSITION, EP_CHECKOUT,
  EP_REDIRECT,             /* shortlink: GET /{code} answers 301 or 302 with Location */
  EP_NEARBY                /* nearby: rows within a radius of a point */
} EndpointKind;

typedef struct {
  Str method;              /* GET, POST, PATCH, DELETE */
  Str path;                /* below Api.base: "/tasks/{taskId}/attachments" */
  Str op_id;               /* unique and URL-safe: "listAttachments" */
  Str summary;             /* one line for people */
  EndpointKind kind;
  Str auth_step;           /* EP_AUTH: register, login, logout, refresh, me, authorize, callback, ... */
  const Entity *entity;    /* the resource; NULL for auth and webhooks */
  const Entity *parent;    /* nested collection: the parent whose id is in the path */
  const Field *field;      /* EP_UPLOAD: the blob field; EP_TRANSITION: the enum */
  const Lifecycle *life;   /* EP_TRANSITION */
  Str *roles;              /* roles allowed to call it; none: any signed-in user */
  int nroles;
  const Feature *feature;  /* crud, search, ...; auth; the integration of a webhook */
  bool auth;               /* needs a signed-in user */
  bool owner_only;         /* other users' rows answer 404 */
  bool read;               /* reads data only */
  int success;             /* 200, 201, 202 or 204 */
  int errors[8];           /* error statuses, ascending */
  int nerrors;
  Str paginate;            /* lists: "cursor" or "page"; empty: not paginated */
} Endpoint;

/* The contract a data store takes (fields.c, plan_stores): SQL DDL for a
 * store that speaks it (relational, or declaring constraints); the key
 * design for a key-value or wide-column store; the measurement and tag
 * schema for a time-series store without DDL; collection validators for a
 * document store. */
typedef enum { FORM_SQL, FORM_KEYS, FORM_POINTS, FORM_DOCS } StoreForm;

/* How an entity is named in the contracts; every name is unique where it
 * must be (types in the API, tables in the schema, columns in a table). */
typedef struct {
  Str type;                /* ASCII type and schema name: "Task", "Order_2" */
  Str plural;              /* path segment: "tasks", "cart-items" */
  Str param;               /* path parameter naming one row: "taskId" */
  Str table;               /* SQL table: at most 63 bytes, unique ignoring ASCII case */
  Str *cols;               /* per field: SQL column, same rules within the table */
  Str *go, *py;            /* per field: Go exported name, Python attribute */
  Str *seg;                /* per field: path segment (uploads) */
  FieldFacts *ff;          /* per field: role, bounds, format, sample, SQL type */
  Str *up;                 /* per field, 3 each: an uploaded file's status, size and sha256
                            * columns (blob fields with an upload feature; else empty); the
                            * JSON names too. Size and sha256 are declared in the create body,
                            * the status is the server's */
  Str *up_go, *up_py;      /* the same, as Go fields and Python attributes */
  Str cur, cur_go, cur_py; /* the row's currency (JSON, SQL), Go and Python names: entities with
                            * money when the spec lists several currencies; else empty */
  bool cur_client;         /* the client gives it at creation (it writes a money field) */
  const Field *ts_time;    /* in a time-series store: the point's time (the first required
                            * timestamp), or NULL for created_at */
  Str pay_checkout, pay_payment;   /* the payable entity: the provider's checkout and payment ids */
  bool exposed;            /* some endpoint serves it */
  bool soft_delete;        /* deleted_at instead of DELETE */
  bool audited;            /* changes go to the audit table */
  bool partitioned;        /* partitioned by time (rows above Api.partition_rows) */
  Str partition_col;       /* the column partitioned on */
  Str partition_note;      /* why it is, or why it is not though large */
  double rows_3y;          /* rows kept after three years (retention applied) */
  const Field **fts;       /* text fields under a full-text index */
  int nfts;
  const Field **idx;       /* fields with a plain index: relations, filters, sorts, ... */
  Str *idx_why;            /* per index: "foreign key", "filter", "sort", ... */
  int nidx;
  bool idx_created;        /* an index on created_at (history, retention, cursor lists) */
  Str created_lead;        /* the parent's column leading that index (it then indexes the foreign key too) */
  Str created_col;         /* its time column: created_at, or the column partitioned on */
  Str *idx_name;           /* per index; then the names below, all unique among relations */
  Str created_idx, fts_idx, fts_table, part_default;
  Str store;               /* the slot whose store holds its rows: database or events */
  StoreForm form;          /* that store's contract: SQL DDL, key design, measurements, documents */
} ApiEntity;

/* One table (wide-column) or index (key-value: of the single table) of the
 * key design, with the access pattern it serves (keys.c). */
typedef struct {
  Str name;                /* wide-column: "reading_by_device"; key-value: "table", "GSI1", ... */
  const Entity *entity;
  bool main;               /* the entity's own rows live here (the others are copies or indexes) */
  Str pk[3];               /* partition key attributes */
  int npk;
  Str sk[3];               /* sort (clustering) key attributes; time columns newest first */
  int nsk;
  Str bucket;              /* "day" or "hour" when the partition key carries a time bucket */
  Str serves;              /* the access pattern, for people */
  Str ops;                 /* operation ids of the endpoints it serves, comma-separated */
} KeyTable;

/* One setting of .env.example, in order (api.c): the application's, the
 * auth method's (kb contracts env-auth-METHOD), each choice's (env-SLOT-FAMILY,
 * else env-SLOT), then one key per integration and its webhook secret. */
typedef struct {
  Str name;              /* DATABASE_URL */
  Str purpose;
  bool secret;
  Str example;           /* local development value; empty: none (set per environment) */
  Str section;           /* "the application", "sign-in: jwt", "database: Supabase", "integrations" */
} EnvVar;

/* A data service that docker-compose.yml runs locally in place of a chosen
 * technology (kb/contracts.kb compose-images, by one of its skills). */
typedef struct {
  Str slot;                /* database, cache, queue, stream, search, object-storage */
  const Tech *tech;
  Str image, port;
  Str setting, local;      /* the .env.example setting that points at it, and its local value */
  Str env;                 /* the container's environment: NAME=value,NAME=value */
  Str command;             /* the container's command, or empty */
} LocalService;

typedef struct {
  Str base;                /* versioned base path: "/v1" */
  Str method;              /* auth method, or empty without auth */
  Endpoint *eps;
  int neps;
  ApiEntity *ents;         /* parallel to model->entities */
  Str audit_table;         /* empty when no audit is asked for */
  Str audit_idx;           /* its index on (table_name, row_id, at) */
  double partition_rows;   /* time-partition tables above this many rows (kb contracts) */
  double rate_per_min;     /* requests a minute per client before 429 */
  double page_size, max_page_size;
  double error_budget;     /* fraction of requests allowed to fail in a load test */
  Str db_family;           /* chosen database's family: relational, wide-column, ... */
  Str keys_slot;           /* the slot whose store the key design is for: database, events; empty: none */
  Str keys_family;         /* that store's family: key-value or wide-column */
  bool keys_dynamodb;      /* that store is DynamoDB (a skill): dynamodb.cfn.json is its contract */
  KeyTable *keys;          /* the key design, when keys_family is key-value or wide-column */
  int nkeys;
  double partition_max_rows;   /* rows one partition should hold at most (kb contracts) */
  LocalService *local;     /* what docker-compose.yml runs */
  int nlocal;
  EnvVar *env;             /* what .env.example lists; SPEC.md prints the same */
  int nenv;
  bool sql;                /* schema.sql (and its SQLite mirror) exists: the database speaks SQL DDL */
  StoreForm db_form;       /* the contract the database takes */
  bool events_sql;         /* events.sql exists: a separate events store that speaks SQL DDL */
  Str ts_store;            /* the chosen time-series store when it speaks no SQL DDL (no
                            * "constraints" capability): measurements.md is its contract */
  Lifecycle *lives;        /* transition operations, in entity and field order */
  int nlives;
  /* Integrations as contract (api.c): */
  Str events_table;        /* webhook events already processed, unique by provider and
                            * event id (events_idx); empty without webhooks */
  Str events_idx;
  Str outbox_table, outbox_idx;   /* the outbox and its due-rows index; empty when nothing is sent */
  Str *outbox_channels;    /* email, sms, push, ..., search-index */
  int noutbox_channels;
  const Feature *payments; /* the payments integration, or NULL */
  const Entity *payable;   /* what a checkout pays for: the owner's entity with a money
                            * total the server computes; NULL: none */
  /* The load test: whole requests a second at peak and at the design load
   * (at least 1), and the virtual users each needs by Little's law, the
   * rate times the p95 target, doubled, plus 2 (at most 1,000). */
  double lt_peak, lt_design;
  int lt_vus_peak, lt_vus_design;
} Api;
/* ---- roadmap, risks and review (roadmap.c, risks.c, review.c) ---- */

/* One task of the roadmap. Days are working days; start and finish are
 * days from the first morning, on the schedule for the team. */
typedef struct {
  Str id;                /* stable: "setup", "model-task", "crud-task", ... */
  Str name;              /* for people */
  int phase;             /* milestone it belongs to: 0 MVP, 1 beta, 2 production */
  double days;           /* the estimate */
  Str basis;             /* "base 1.5 d x size 1.2 x complexity 1.17 x team 1.34" */
  int *deps;             /* indices into Roadmap.tasks */
  int ndeps;
  double start, finish;  /* on the schedule */
  int dev;               /* 1-based developer on the schedule */
  double es, slack;      /* CPM: earliest start, slack */
  bool critical;         /* on the critical path */
  bool cuttable;         /* a candidate to cut when the deadline overshoots */
  Span span;             /* the spec text that creates it; len 0: the project */
} Task;

typedef struct {
  Str name;              /* "MVP", "beta", "production" */
  double day;            /* when its last task finishes on the schedule */
  int last;              /* that task */
  Str *criteria;         /* success criteria, with this plan's figures */
  int ncriteria;
} Milestone;

typedef struct {
  Task *tasks;           /* in dependency-friendly build order */
  int ntasks, task_cap;
  int *critical;         /* the critical path, first task to last */
  int ncritical;
  double critical_days;  /* CPM length: the floor with unlimited developers */
  double duration_days;  /* the schedule's length for `devs` */
  int devs;              /* developers scheduled (the team, or --devs) */
  double level_factor;   /* the team level's effort multiplier */
  Str level_basis;       /* where it comes from */
  Milestone milestones[3];
  double deadline_days;  /* working days to the deadline; 0: none */
  bool on_track;
  double overshoot_days; /* duration - deadline when over */
  int *cut;              /* tasks to cut first, best saving first */
  int ncut;
  double cut_duration;   /* the schedule's length without them */
  int devs_needed;       /* developers that would meet the deadline; 0: none up to 64 */
  Str error;             /* set when the task graph has a cycle */
  Str start_title[3];    /* where to start today: kb `start` steps, filled in */
  Str start_command[3];
  int nstart;
  const KbRecord **pitfalls;   /* kb `pitfall` records for this stack and level */
  int npitfalls;
} Roadmap;

/* A fired risk. */
typedef struct {
  const KbRecord *rule;
  Str id, name;
  int impact, probability;   /* 1 low, 2 medium, 3 high */
  Str impact_word, probability_word;
  Str owner;             /* role */
  Str why;               /* with this plan's figures */
  Str mitigation;
  Span span;             /* the spec text responsible */
} Risk;

/* STRIDE for one data flow. */
typedef struct {
  Str flow;              /* "client -> API" */
  Str threat[6];         /* S T R I D E: the mitigation this plan applies */
} StrideFlow;

typedef enum { REVIEW_PASS, REVIEW_FAIL, REVIEW_NA } ReviewStatus;

/* One checklist item evaluated against the plan. */
typedef struct {
  const KbRecord *rule;
  Str id, template_name, item;
  ReviewStatus status;
  Str reason;            /* why it fails, or why it passes / does not apply */
  Severity severity;     /* of a failure, for plinth check */
  Span span;             /* the spec text responsible */
} ReviewItem;

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
  bool quiet;            /* a rescaled copy: choices only, no texts */
  Str cloud;             /* the cloud the stack is built on */
  const Tech *excluded[4];   /* computes set aside because they left a slot empty (choose.c) */
  Str excluded_why[4];
  int nexcluded;
  Str area;              /* the area of the spec's region, or empty */
  Load load;
  Storage storage;
  Bandwidth bw;
  double horizon_months;     /* growth horizon: the spec's `horizon`, else 3 years */
  DataClass classes[DC_COUNT_];   /* by kind; a class with no entities and no copies is absent */
  int *entity_class;         /* per model entity: its DataClassKind */
  Absence *absent;           /* slots left out, with why and when to revisit */
  int nabsent, absent_cap;
  Need *needs;
  int nneeds;
  Choice *choices;       /* one per need, same order */
  int nchoices;
  double monthly_usd;
  Path *paths;
  int npaths;
  Availability avail;
  Style style;
  Explain *explains;
  int nexplains, explain_cap;
  Assumption *assumptions;   /* made by the plan stage, beside the model's */
  int nassumptions, assumption_cap;
  struct FigureCache *figures;   /* planning figures looked up so far, shared by copies */
  int *nfigures;
  const struct RuleIndex *rule_index;   /* the compatibility rules' items (facts.c), shared by copies */
  int nrule_index;
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
  Roadmap *roadmap;      /* plan_roadmap; NULL before */
  Risk *risks;           /* plan_risks: highest score first */
  int nrisks;
  StrideFlow *stride;
  int nstride;
  ReviewItem *review;    /* plan_review, in KB order */
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

/* The API's error codes (errors.c), shared by the OpenAPI document and the
 * documents' error references. */
typedef struct {
  int status;
  const char *code, *ref, *text;   /* ref: the OpenAPI response component */
  bool retry;
} ApiError;
enum { API_NERRORS = 7 };
extern const ApiError api_errors[API_NERRORS];
/* The entry for an HTTP status (500's for one not in the table). */
const ApiError *api_error(int status);

/* A money record its owner cannot delete with their account (errors.c). */
bool plan_kept_record(const Entity *e);
/* A foreign key's ON DELETE action (errors.c): schema and documents. */
const char *plan_on_delete(const Entity *e, const Field *f);
/* Whether the server sets a field in create and update bodies (the owner,
 * a nested collection's parent, files): the contract and plinth diff. */
bool api_server_set(const Plan *p, const Entity *e, const Field *f);
/* A number inside a numeric field's range (examples in the contract, valid
 * rows in the schema probes). */
double api_sample_number(const Field *f);
/* The longest string a field accepts (0: no limit in the contract). */
double api_str_max(const Field *f);
/* Whether the client sends the field in create and update bodies. */
bool api_client_writes(const Plan *p, const Entity *e, const Field *f);

/* Per-field facts and lifecycles (fields.c; plan_api runs it after naming). */
void plan_fields(Arena *a, Plan *p);
/* Whether an entity's rows are in the SQL schema of a store ("database":
 * schema.sql, "events": events.sql). */
bool api_in_schema(const Plan *p, const Entity *e, const char *store);
/* Whether f is a total over child rows the server computes. */
bool plan_field_derived(const Field *f);

/* Builds p->api from the model and the choices (run by plan_build). */
void plan_api(Arena *a, Plan *p);
/* The key design for a key-value or wide-column store (keys.c; plan_api runs it). */
void plan_keys(Arena *a, Plan *p);

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
 * search calls it. */
Plan *plan_rescaled(Arena *a, const Plan *base, double scale, double budget_scale);

/* Stages, in the order plan_build runs them. */
void plan_capacity(Arena *a, Plan *p);
void plan_needs(Arena *a, Plan *p);
void plan_choose(Arena *a, Plan *p);
void plan_latency(Arena *a, Plan *p);
void plan_availability(Arena *a, Plan *p);
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

/* Facts (facts.c): computed from needs and the model before choosing, one
 * more per choice as it is made; then the patterns that apply. */
void plan_base_facts(Arena *a, Plan *p);
void plan_choice_fact(Arena *a, Plan *p, const Need *n, const Tech *t);
bool plan_has_fact(const Plan *p, Str fact);
/* Looks the compatibility rules' items up once (plan_estimate runs it). */
void plan_index_rules(Arena *a, Plan *p);
/* The `says` of the first compatibility rule `t` breaks in slot `n`, or an
 * empty Str. */
Str plan_rule_violation(Arena *a, const Plan *p, const Need *n, const Tech *t);
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

/* Data classes and absences (topology.c): run by plan_needs before it
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
/* The vendor that runs a technology: its `vendor`, else its one big cloud,
 * else its id (a third party on several clouds). */
Str plan_vendor(const Tech *t);

/* Prices one technology for this plan's load (cost.c). */
Costed plan_price(Arena *a, const Plan *p, const Need *n, const Tech *t);

/* Records a figure with its formula; fmt builds the formula text. The key
 * is copied; label and unit must be string literals. */
void plan_explain(Arena *a, Plan *p, const char *key, const char *label, double value, const char *unit,
                  const char *fmt, ...) __attribute__((format(printf, 7, 8)));
const Explain *plan_find_explain(const Plan *p, const char *key);
/* The plan's choice for a slot that has a technology, or NULL (plan.c). */
const Choice *plan_choice(const Plan *p, const char *slot);
/* Its technology, or NULL; its name, or an empty Str. */
const Tech *plan_tech(const Plan *p, const char *slot);
Str plan_tech_name(const Plan *p, const char *slot);
/* Records an assumption the plan made (key: a stable id). */
void plan_assume(Arena *a, Plan *p, const char *key, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* A planning constant from kb/planning.kb (`figures NAME { key value }`),
 * or `dflt` if the knowledge base lacks it. Lookups are cached by the
 * address of record and key: pass string literals, never a reused buffer
 * (use kb_figure for a computed key). */
double plan_figure(const Plan *p, const char *record, const char *key, double dflt);

/* Engineer's notation: 4, 12.7k, 1.3M for counts; 12.7 GB, 1.3 TB for bytes;
 * $412 for money. Writes into buf (at least 32 bytes) and returns it. */
char *fmt_count(char *buf, double v);
char *fmt_bytes(char *buf, double v);
char *fmt_usd(char *buf, double v);
/* A unit price with four significant figures: $0.016, $0.04937, $0.0000167. */
char *fmt_price(char *buf, double v);
char *fmt_ms(char *buf, double seconds);

/* The roadmap, the risks and the review, in that order, for the team's
 * size (driver_plan calls it after plan_build). */
void plan_delivery(Arena *a, Plan *p);
/* ---- decision records (adr.c) ----
 * One record (ADR) per decision: the architecture style, then every slot
 * with a technology. Numbers are stable across regenerations: the index of
 * the previous run (read from the output folder by the driver) maps each
 * slot to its number; a new slot takes the next free number; a slot whose
 * choice changed gets a new record that supersedes the old one, and a slot
 * the plan no longer has is deprecated. */
typedef struct {
  int number;
  Str slot;              /* "style" or a need's slot */
  Str choice;            /* technology id, or the style */
  Str status;            /* "accepted", "superseded by 0012", "deprecated" */
  Str date;              /* YYYY-MM-DD */
  Str file;              /* "0003-use-aws-lambda-for-compute.md", relative to the records' folder (adr/) */
  Str text;              /* previous index only: the file as read back, or empty */
} AdrEntry;

typedef struct {
  AdrEntry *v;
  int n, cap;
} AdrIndex;

typedef struct {
  AdrEntry entry;
  const Choice *choice;  /* NULL for the style */
  int supersedes;        /* the number this record replaces, 0: none */
  Str contested;         /* why this decision gets a record: a close runner-up, lock-in, data */
} Adr;

typedef struct AdrLedger {
  Adr *adrs;             /* the current records, in plan order (style first) */
  int nadrs;
  AdrEntry *index;       /* every record ever written, by number */
  int nindex;
  AdrEntry *rewrite;     /* older records whose status changed: their text with the new status */
  int nrewrite;
  const Choice **routine;   /* choices without a record: no close runner-up, no lasting lock-in */
  const Costed **runner;    /* per routine choice: the best viable alternative, or NULL */
  int nroutine;
  int options;           /* options a record lists: the chosen one and the best others */
  Str dir;               /* the records' folder, relative to the output folder: "adr" (plan -o --adr-dir) */
} AdrLedger;

/* The best alternatives of a choice, at most n: viable ones by score, then
 * the others in knowledge-base order; writes indices into c->rejected and
 * returns how many (adr.c). Records and DECISIONS.md list the same ones. */
int plan_top_options(const Choice *c, int *out, int n);
/* Why a choice is contested enough for a decision record, or an empty Str
 * (adr.c); `runner` gets the best viable alternative, or NULL. */
Str plan_contested(Arena *a, const Plan *p, const Choice *c, const Costed **runner);

/* The date new records get when neither --date nor SOURCE_DATE_EPOCH is
 * given (docs/outputs.md): fixed, so output never depends on the clock. */
#define ADR_DEFAULT_DATE "2026-01-01"

/* Numbers the plan's decisions against `prev` (NULL: a first run). New
 * records are dated `date`; kept ones keep their recorded date. */
void plan_adrs(Arena *a, Plan *p, const AdrIndex *prev, Str date);

/* ---- alerting rules (alerts.c) ----
 * Prometheus rules for the thresholds the plan sets: error-budget burn from
 * the availability target, p95 from the latency target, saturation, queue
 * depth and replication lag where the stack has them. Thresholds come from
 * the spec and kb/reports.kb (`figures alerts`). */
typedef struct PromRule {
  Str name;              /* "ApiErrorBudgetBurnFast" */
  Str what;              /* what it measures, for people: "5xx responses / all requests" */
  Str condition;         /* "> 0.144% over 1h and 5m, for 2m" */
  Str expr;              /* PromQL */
  Str for_;              /* "2m" */
  Str severity;          /* "critical" or "warning" */
  Str summary;
  Str description;       /* the threshold and where it comes from */
  Str runbook;           /* what to do first */
  double window_long, window_short;   /* seconds; burn-rate rules only, else 0 */
  double threshold;
  Str unit;
} PromRule;

void plan_alerts(Arena *a, Plan *p);

/* ---- services (services.c) ----
 * With the services style: one service per independent area of the domain
 * (an entity without an owner and everything it owns), plus identity when
 * the spec signs people in. */
typedef struct {
  Str name;              /* "catalog-service" */
  Str topic;             /* "catalog.product.created" */
} ServiceEvent;

typedef struct Service {
  Str name;
  Str *responsibilities;
  int nresponsibilities;
  const Entity **entities;
  int nentities;
  Str *apis;             /* "GET /v1/products" */
  int napis;
  Str *depends;          /* other services' names */
  int ndepends;
  Str datastore, cache, queue;   /* technology names; empty: none */
  Str *publishes, *subscribes;   /* event topics */
  int npublishes, nsubscribes;
} Service;

void plan_services(Arena *a, Plan *p);
/* Roadmap (roadmap.c): the task graph, estimates, critical path, schedule
 * for `devs` developers (0: the team's size), milestones and the deadline.
 * Needs the choices. */
void plan_roadmap(Arena *a, Plan *p, int devs);
/* Risks (risks.c): fires kb `risk` rules against the plan and writes the
 * STRIDE review of each data flow. Needs the roadmap. */
void plan_risks(Arena *a, Plan *p);
/* Whether a kb record's `when` facts all hold and none of its `unless`
 * facts (NULL: no unless) do; an absent `when` holds. */
bool plan_rule_holds(const Plan *p, const KbRecord *r, const char *when, const char *unless);
/* The spec text a word of `vocab spec-parts` names (budget, deadline,
 * integration, ...); the project block when the spec lacks it. */
Span plan_span(const Plan *p, Str part);
/* A relation no index serves (off a relational store), or NULL. */
const Field *plan_unindexed_relation(const Plan *p);
/* The technology holding an entity's rows: the events store or the database. */
const Tech *plan_store_of(const Plan *p, const Entity *e);
/* Review (review.c): evaluates kb `check` items against the plan. Needs
 * the risks' facts. */
void plan_review(Arena *a, Plan *p);
/* Adds a fact (a word of `vocab facts`) once. */
void plan_add_fact(Arena *a, Plan *p, Str fact);
/* Fills {placeholders} of a kb text from the plan: {SLOT} is the chosen
 * technology's name for that slot, and a few computed figures ({cost},
 * {budget}, {duration}, {deadline}, ...; see review.c). */
Str plan_fill(Arena *a, const Plan *p, Str text);
/* A kb record's first value of `key` (a string or word), or empty. */
Str rec_text(const KbRecord *r, const char *key);
/* ---- Documents' facts (docfacts.c) ----
 * The system as the documents draw and describe it: its parts (people,
 * containers, stores, external systems) with their duties and dependencies,
 * the main flow of authentication and of each feature, what is cached and
 * how it is invalidated, how each external call is protected, the alert
 * thresholds, the configuration and the policy figures (coverage, backups,
 * rollout) the documents quote. Computed once, after the choices, so every
 * document and diagram tells the same story. */
typedef enum { PART_PERSON, PART_DEVICE, PART_CONTAINER, PART_STORE, PART_QUEUE, PART_EXTERNAL } PartKind;

typedef struct {
  int to;                /* index into DocFacts.parts */
  Str what;              /* "reads and writes rows" */
  Str how;               /* "SQL over TLS" */
} PartDep;

typedef struct {
  Str id;                /* Mermaid-safe: [a-z0-9_]+ */
  Str name;              /* "API", "Database", "Stripe" */
  PartKind kind;
  const Choice *choice;  /* the decision behind it, or NULL */
  Str tech;              /* "Hono 4 (TypeScript on Node.js 22)"; empty for people */
  Str purpose;
  Str *duties;
  int nduties;
  Str iface;             /* what it offers the parts that call it */
  Str errors;            /* how its failures are handled */
  PartDep *deps;
  int ndeps;
} Part;

/* One module of the API: an entity with features, or auth, jobs, adapters. */
typedef struct {
  Str id, name;
  const Entity *entity;  /* NULL for auth, jobs and integrations */
  Str duties;            /* "crud, search, notify" */
  int *uses;             /* parts it calls */
  int nuses;
} Module;

typedef enum { STEP_CALL, STEP_REPLY, STEP_NOTE, STEP_ALT, STEP_ELSE, STEP_END } StepKind;

typedef struct {
  StepKind kind;
  int from, to;          /* parts; for NOTE, from only */
  Str text;
} Step;

typedef struct {
  Str title;             /* "Authentication (jwt)", "crud Task" */
  const Feature *feature;   /* NULL for authentication */
  int *parts;            /* participants in order of appearance */
  int nparts;
  Step *steps;
  int nsteps;
} Flow;

typedef struct {
  const Entity *entity;
  double ttl;            /* seconds */
  bool ttl_given;        /* from the spec's `cache` option */
  Str item_key, list_key;   /* key patterns */
  Str invalidate;        /* what each write does */
} CacheEntry;

typedef struct {
  Str name;              /* "Stripe", "Amazon SES" */
  Str kind;              /* payments, email, identity, ... */
  const Feature *feature;   /* the integration, or NULL for a chosen provider */
  Str auth;              /* how we authenticate to it */
  Str rate;              /* its rate limit and how we stay under it */
  double timeout;        /* seconds */
  int attempts;
  double backoff_base, backoff_max;   /* seconds */
  int breaker_failures;
  double breaker_open;   /* seconds */
  Str fallback;
  Str idempotency;
  Str webhook;           /* signature check, or empty without webhooks */
} Integration;

typedef struct {
  Str name;              /* "HighErrorRate" */
  Str what;              /* "5xx responses / all responses" */
  Str condition;         /* "> 1% for 5m" */
  double threshold;
  Str unit;
  Str why;
  Str severity;          /* page, ticket */
} AlertRule;


typedef struct {
  Str name;              /* "notify_email_task" */
  Str what;
} FeatureFlag;

typedef struct {
  Str text;
  const Choice *choice;  /* the decision it belongs to, or NULL */
} DocNote;

typedef struct DocFacts {
  Part *parts;
  int nparts;
  int user, api, worker, gateway, db, events, cache, search, objects, queue, stream, realtime, idp, cdn, obs;   /* -1: none */
  Module *modules;
  int nmodules;
  Flow *flows;           /* authentication first, then one per feature */
  int nflows;
  CacheEntry *cache_entries;
  int ncache;
  Integration *integrations;
  int nintegrations;
  AlertRule *alerts;
  int nalerts;
  FeatureFlag *flags;
  int nflags;
  Str *roles;            /* from the auth feature, default role first */
  int nroles;
  int npii, nphi, npci, nsecret;   /* fields carrying each tag */
  double coverage;       /* line coverage the CI gate requires, fraction */
  double backup_days;    /* point-in-time recovery window */
  double snapshot_days;  /* retention of daily snapshots */
  double rpo, rto;       /* seconds */
  double canary_share;   /* traffic share of the first production step */
  double canary_minutes; /* how long the canary runs before promotion */
  double rate_limit_user;   /* requests per minute per user at the gateway */
  double secret_rotation_days;
  Str backup;            /* how the database is backed up, for this hosting */
  Str migrations;        /* how schema changes ship */
  Str api_style;         /* "REST over HTTPS with JSON" */
  Str realtime_transport;   /* "WebSocket", or empty */
  Str state;             /* where session or token state lives */
  Str cloud_name;        /* "AWS", "Google Cloud", ... */
  Str secret_store;      /* "AWS Secrets Manager", ... */
  Str *feature_titles;   /* per feature (model order): "notify email before Task.due" */
} DocFacts;

/* Sets p->docs; driver_decide calls it after plan_revisit, since only the
 * documents read it. */
void plan_docfacts(Arena *a, Plan *p);

/* ---- The validation and operations kit (kit.c) ----
 * What services.yaml, asyncapi.yaml, the contract tests, the runbooks, the
 * infrastructure code and VALIDATION.md print: the deployable units (or
 * modules) with the operations each serves, the events the plan moves,
 * the contract-test cases per operation, a runbook per alert, the managed
 * resources with one permission policy per unit, and the quality gates.
 * Built from the plan's own lists (endpoints, choices, features, alerts),
 * so what those lists gain flows in here without new code. */
typedef struct {
  Str name;              /* "task", "auth", "catalog-service" */
  Str kind;              /* "service", "module", "worker" */
  Str deploy;            /* how it ships */
  Str *duties;
  int nduties;
  Str *depends;          /* other units */
  int ndepends;
  const Entity **entities;   /* whose rows it owns */
  int nentities;
  int *ops;              /* indices into Api.eps; every endpoint in exactly one unit */
  int nops;
  Str *stores;           /* "database: Supabase", "cache: Upstash Redis" */
  Str *store_slots;      /* parallel: "database", "cache" */
  int nstores;
  Str *publishes, *subscribes;   /* event ids */
  int npublishes, nsubscribes;
} Unit;

typedef struct {
  Str id;                /* channel and message name: "task.due-reminder" */
  Str kind;              /* "queue", "change", "webhook-in", "realtime", "stream" */
  Str summary;
  Str transport;         /* the technology that carries it, or "HTTPS" */
  Str payload;           /* schema name, shared with openapi.yaml where the entity is there */
  const Entity *entity;  /* whose row the payload carries, or NULL */
  bool own_schema;       /* payload is defined by asyncapi.yaml (wraps the entity) */
  Str key;               /* ordering key */
  Str delivery;          /* "at-least-once, consumers idempotent by event id" */
  int attempts;
  double backoff_base, backoff_max;   /* seconds */
  Str dead_letter;       /* where a message goes after the last attempt */
  Str producer, consumer;   /* unit names, or an external system */
  int op;                /* endpoint that receives it (webhooks), or -1 */
  const Feature *feature;   /* the feature that moves it, or NULL */
} Event;

typedef enum { CT_VALID, CT_REQUIRED, CT_BOUNDS, CT_NO_AUTH, CT_NOT_OWNER } ContractKind;

typedef struct {
  int op;                /* index into Api.eps */
  ContractKind kind;
  Str name;              /* "createTask: title missing" */
  Str path;              /* below the base, ids filled in, with its query */
  Str body;              /* JSON, or empty */
  Str headers;           /* extra "Name: value" lines, '\n'-separated */
  int token;             /* 0 none, 1 the user's, 2 another user's */
  Str prefer;            /* Prefer header (the mock's chosen example), or empty */
  int expect;            /* HTTP status */
} ContractCase;

typedef struct {
  Str alert;             /* the alert's name */
  Str file;              /* "runbooks/ApiLatencyP95AboveTarget.md" */
  Str meaning;           /* what it means in this system */
  Str *queries;          /* what to open */
  int nqueries;
  const KbRecord **causes;   /* kb symptom rules, most likely first */
  int ncauses;
  Str *steps;            /* mitigation in this stack's commands */
  int nsteps;
  Str escalate;
} Runbook;

typedef struct {
  Str name;              /* "scalability" */
  Str criterion;         /* the pass criterion, with the plan's figures */
  Str how;               /* the command or review that checks it */
} Gate;

/* A CloudWatch alarm (alerts.yaml as CloudFormation when CloudWatch is
 * chosen). A ratio divides metric by metric2 with metric math; a composite
 * alarm fires when all of `of` do (the two windows of a burn-rate alert). */
typedef struct {
  Str name;
  int rule;              /* index into Plan.alerts */
  Str ns, metric, dim;   /* dim: the dimension, a template parameter; empty: none */
  Str ns2, metric2;      /* the denominator of a ratio, or empty */
  Str stat;              /* "Sum", "Maximum", "p95" */
  double period;         /* seconds */
  int evals;
  double threshold;      /* in the metric's unit */
  bool custom;           /* published by the application (embedded metric format) */
  int of[2];             /* composite: indices of the alarms it joins; -1: not composite */
} CwAlarm;

/* One command of validate.sh, with its pass criterion. */
typedef struct {
  Str name;              /* "contract tests" */
  Str command;           /* kb kit-checks, or empty: no command for this choice */
  Str criterion;         /* with the plan's figures */
  Str note;              /* what the check cannot see */
} Check;

typedef struct {
  Str name;              /* resource name in the code: "database" */
  Str slot;
  const Choice *choice;
  Str kind;              /* Pulumi type ("aws.rds.Cluster"), or "external" */
  Str tf;                /* Terraform type ("aws_rds_cluster"), or empty */
  Str size;              /* the topology's size, or empty */
  Str instance_class;    /* kb iac-instance-class, or empty; App Runner: "CPU MEMORY" */
  bool managed_here;     /* declared through the cloud provider; false: an outside service, config only */
} IacResource;

typedef struct {
  Str unit;
  Str *allow;            /* "read and write: database", ... for people */
  Str *actions;          /* provider actions */
  Str *resources;        /* per action: an IacResource name, or "queue:EVENT" for one event's queue */
  int nallow, nactions;
} Policy;

typedef struct Kit {
  Str project_id;        /* the project name in lowercase letters, digits and hyphens */
  Unit *units;
  int nunits;
  Event *events;
  int nevents;
  ContractCase *cases;
  int ncases;
  Str auth_header;       /* "Authorization", "Cookie", "X-API-Key", or empty */
  Str auth_format;       /* "Bearer %s", "session=%s", "%s" */
  Runbook *runbooks;     /* parallel to p->alerts */
  int nrunbooks;
  Gate *gates;
  int ngates;
  IacResource *res;
  int nres;
  Policy *policies;      /* one per unit */
  int npolicies;
  Str iac;               /* chosen iac technology id */
  Str iac_dir;           /* "infra" */
  Str iac_command;       /* how the tool applies it (kb kit-iac-commands) */
  Str rollback;          /* how the compute rolls back a release (kb kit-rollback) */
  double function_mb, function_timeout;   /* each function's memory (MiB) and timeout (s) */
  double dlq_retention, visibility_timeout;   /* seconds, for the queues */
  Str alert_form;        /* "prometheus" or "cloudwatch" */
  Str alert_note;        /* when the chosen observability has no form of its own: what to do with the rules */
  CwAlarm *alarms;       /* when alert_form is cloudwatch */
  int nalarms;
  Check *checks;         /* validate.sh, in order */
  int nchecks;
  Str mock_command;      /* the contract tests' mock server */
  Str *new_techs;        /* choices new to the team: proof of concept each */
  int nnew;
} Kit;

/* Sets p->kit; after plan_docfacts (it reads the modules and flows). */
void plan_kit(Arena *a, Plan *p);
/* Whether the team already knows a technology: one of its skills, or a
 * pin, names it (not merely a language the technology is written in). */
bool plan_team_knows(const Plan *p, const Tech *t);
/* A string item of a technology's record (install, run, version...), or empty. */
Str tech_text(const Tech *t, const char *key);

#endif
