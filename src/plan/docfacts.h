/* Documents' facts (docfacts.c). */
#ifndef PLINTH_PLAN_DOCFACTS_H
#define PLINTH_PLAN_DOCFACTS_H

#include "core.h"

/* The system as the documents draw and describe it: its parts (people,
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

/* A flow: DocFacts.flows holds its title and feature; its participants
 * and steps are docfacts_flow's. */
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
  int user, api, worker, gateway, db, events, cache, search, objects, queue, stream, realtime, idp, cdn, obs, analytics;   /* -1: none */
  Module *modules;
  int nmodules;
  int modules_shown;     /* how many of them the components diagram draws (kb diagrams components-max-modules) */
  Flow *flows;           /* authentication first, then one per feature: titles only */
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
  Str region;            /* where it runs: the plan's regions, home first ("us (home), eu and asia"),
                          * the one region the spec names, or "one region" */
  Str secret_store;      /* "AWS Secrets Manager", ... */
  Str *feature_titles;   /* per feature (model order): "notify email before Task.due" */
  const struct DocCtx *ctx;   /* what docfacts_flow draws a flow's steps with */
} DocFacts;

/* Sets p->docs; driver_decide calls it after plan_revisit, since only the
 * documents read it. */
void plan_docfacts(Arena *a, Plan *p);

/* Flow i of p->docs->flows with its participants and steps (and the events
 * plan_kit says it moves), made in `a`: a scratch arena the caller rewinds
 * after drawing it. */
Flow docfacts_flow(Arena *a, const Plan *p, int i);
/* A scratch arena's reservation for docfacts_flow (address space only). */
#define DOCFACTS_FLOW_ARENA ((ptrdiff_t)1 << 30)

/* Parts of plan_docfacts (docpolicy.c) and the helpers they share. */
void docfacts_integrations(Arena *a, const Plan *p, DocFacts *d);
void docfacts_alerts(Arena *a, const Plan *p, DocFacts *d);
void docfacts_policy(Arena *a, Plan *p, DocFacts *d, bool receipts);
bool doc_has_kind(const Model *m, FeatureKind k);
Str doc_auth_method(const Model *m);
const DesignDecision *doc_design_of(const Plan *p, const Feature *f, const char *topic);
/* The sentence NAME of kb/documents.kb's `text REC` record; empty if absent. */
Str doc_text(const Plan *p, const char *rec, Str name);
/* A string item of a technology's record (install, run, version...), or empty. */
Str tech_text(const Tech *t, const char *key);

#endif
