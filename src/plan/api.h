/* The contract the plan decides once: per-field facts and lifecycles
 * (fields.c), endpoints and physical names (api.c), error codes and who
 * sets a field (errors.c), the key design (keys.c). */
#ifndef PLINTH_PLAN_API_H
#define PLINTH_PLAN_API_H

#include "../kb/kb.h"
#include "../model/model.h"

/* The plan itself (core.h). */
typedef struct Plan Plan;

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
  Str sql_ch;              /* the ClickHouse type (a MergeTree store), without Nullable or Array */
  Str sample;              /* a valid value as JSON text */
  int initial;             /* lifecycle: the state new rows start in (the default, else the
                            * first that no transition reaches); -1: any */
  Str guard;               /* lifecycle: name of the SQL function and trigger that guard it */
  Str sum_fn;              /* derived sum: name of the SQL function and triggers that keep it */
  bool ts_tag;             /* in a time-series store: an indexed tag (ids, enums, flags, short
                            * strings), else a field of the point */
  Str by_meaning;          /* money its meaning took from the client, with no role written:
                            * that meaning, for plinth check's warning (plan_fields_warn);
                            * empty: none */
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
  EP_NEARBY,               /* nearby: rows within a radius of a point */
  EP_BOOK                  /* exchange: an instrument's order book by price level */
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
  const Entity *tenant;    /* owner_only: the rows are the caller's organisation's (this entity), not the caller's own */
  bool read;               /* reads data only */
  int success;             /* 200, 201, 202 or 204 */
  int errors[8];           /* error statuses, ascending */
  int nerrors;
  Str paginate;            /* lists: "cursor" or "page"; empty: not paginated */
  const Entity *frozen_by; /* a write refused (409) once this record is issued (ApiEntity.frozen) */
} Endpoint;

/* The contract a data store takes (fields.c, plan_stores): SQL DDL for a
 * store that speaks it (relational, or declaring constraints); the key
 * design for a key-value or wide-column store; the measurement and tag
 * schema for a time-series store without DDL; collection validators for a
 * document store; node labels, relationship types and uniqueness
 * constraints in Cypher for a graph store. */
typedef enum { FORM_SQL, FORM_KEYS, FORM_POINTS, FORM_DOCS, FORM_GRAPH } StoreForm;

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
  const Field **ts_order;  /* in a time-series store: the sort key before the time (parents,
                            * then enum tags); ClickHouse's ORDER BY */
  int nts_order;
  Str pay_checkout, pay_payment;   /* the payable entity: the provider's checkout and payment ids */
  bool exposed;            /* some endpoint serves it */
  bool soft_delete;        /* deleted_at instead of DELETE */
  bool delete_withheld;    /* a crud that would offer DELETE does not, for `kept` */
  Str kept;                /* why the API offers no DELETE (its rows hold money or a ledger
                            * points at them: they end by their lifecycle, or are archived);
                            * empty: it does */
  const Entity *frozen_by;  /* the record (itself or an ancestor) whose issued states freeze these
                            * rows' writes: PATCH of its fields, writes of rows under it (409);
                            * NULL: none (fields.c, freeze) */
  Str frozen;              /* for people: "once the Invoice is issued, sent, ... (why)" */
  const Field *frozen_field;   /* frozen_by's lifecycle field, and its states that freeze (bit per value) */
  unsigned long long frozen_states;
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
  Str slot;                /* database, events, cache, queue, stream, search, object-storage */
  const Tech *tech;
  Str image, port;
  Str setting, local;      /* the .env.example setting that points at it, and its local value */
  Str env;                 /* the container's environment: NAME=value,NAME=value */
  Str command;             /* the container's command, or empty */
  Str host_port;           /* the port on 127.0.0.1 (the container's unless the kb gives another) */
  Str load;                /* how its contract is loaded at first start: initdb, cqlsh, dynamodb; empty: none */
  Str load_file;           /* that contract: schema.sql, events.sql, clickhouse.sql, schema.cql,
                            * dynamodb-table.json; empty: nothing to load */
  Str init_image, init_health, init_command, init_env;   /* the one-shot loader (kb compose-init), when not initdb */
} LocalService;

typedef struct {
  Str base;                /* versioned base path: "/v1" */
  Str method;              /* auth method, or empty without auth */
  const Entity *signup_org;  /* register creates this organisation (the principal's required parent)
                            * with its first user, who takes signup_role; NULL: a plain sign-up */
  Str signup_role;
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
  unsigned ddb_indexes;    /* DynamoDB's table: bit 0 the table, bit g its index GSIg (1 when not DynamoDB) */
  bool ddb_ttl, ddb_stream;   /* it expires items (an entity has `retain`); it streams (the outbox) */
  KeyTable *keys;          /* the key design, when keys_family is key-value or wide-column */
  int nkeys;
  /* The events store's own key design, when the database has one too and
   * the events store is another key-value or wide-column store (DynamoDB
   * for the records, Cassandra for the events): */
  Str ev_keys_family;
  bool ev_keys_dynamodb;
  KeyTable *ev_keys;
  int nev_keys;
  double partition_max_rows;   /* rows one partition should hold at most (kb contracts) */
  LocalService *local;     /* what docker-compose.yml runs */
  int nlocal;
  EnvVar *env;             /* what .env.example lists; SPEC.md prints the same */
  int nenv;
  bool sql;                /* schema.sql (and its SQLite mirror) exists: the database speaks SQL DDL */
  StoreForm db_form;       /* the contract the database takes */
  bool db_constraints;     /* it declares constraints (kb capability): schema.cypher states them */
  bool db_pooler;          /* it pools connections itself (kb capability `connection-pooling`) */
  bool events_sql;         /* events.sql exists: a separate events store that speaks SQL DDL */
  Str ts_store;            /* the chosen time-series store when it speaks no SQL DDL (no
                            * "constraints" capability): measurements.md is its contract */
  bool ts_mergetree;       /* that store takes MergeTree tables (the "mergetree" capability,
                            * ClickHouse): clickhouse.sql is its contract instead */
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
  /* What each sensitivity tag commits a stored column to, by the tag's bit
   * (TAG_PII, TAG_SECRET, TAG_PHI, TAG_PCI): kb/contracts.kb `vocab
   * protection`, else the tag's own word. */
  Str protection[4];
  double pg_version;       /* the PostgreSQL major version schema.sql targets */
  int er_entities;         /* entities the ER diagram draws, the first ones: figures diagrams
                            * er-max-entities, else all */
} Api;

/* The index a key table is on: 0 the table, n for GSIn. */
int api_key_gsi(const KeyTable *t);

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
/* Warns, at the field, of money the server takes by its meaning where the
 * spec wrote no role (plan_build runs it after plan_api). */
void plan_fields_warn(const Plan *p, DiagSink *sink);
/* Whether an entity's rows are in the SQL schema of a store ("database":
 * schema.sql, "events": events.sql). */
bool api_in_schema(const Plan *p, const Entity *e, const char *store);
/* Whether f is a total over child rows the server computes. */
bool plan_field_derived(const Field *f);
/* A ledger entity (kb vocab ledger-records): its rows record what moved. */
bool plan_ledger_record(const Plan *p, const Entity *e);
/* A field's role as the contract decides it, for a stage that runs before
 * the contract (fields.c). */
FieldRole plan_field_role(Arena *a, const Plan *p, const Entity *e, const Field *f);
/* What a checkout pays for when the spec takes payments, NULL: nothing;
 * *bought (may be NULL) the reference to the priced entity it buys
 * (settings.c). The contract's checkout and the payments bill read it. */
const Entity *plan_paid_entity(Arena *a, const Plan *p, const Field **bought);

/* Builds p->api from the model and the choices (run by plan_build). */
void plan_api(Arena *a, Plan *p);
/* The key design for a key-value or wide-column store (keys.c; plan_api runs it). */
void plan_keys(Arena *a, Plan *p);

#endif
