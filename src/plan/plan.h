/* The whole plan, for the emitters and the driver: every part's header.
 * The stages include only the parts they use (core.h, explain.h, api.h,
 * delivery.h, ...). */
#ifndef PLINTH_PLAN_H
#define PLINTH_PLAN_H

#include "../util/fmt.h"
#include "adr.h"
#include "alerts.h"
#include "api.h"
#include "core.h"
#include "delivery.h"
#include "docfacts.h"
#include "explain.h"
#include "services.h"

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
  Str cfn;               /* CloudFormation type ("AWS::RDS::DBCluster"), or empty */
  Str bicep;             /* Azure resource type with its API version, or empty */
  Str engine;            /* from the class's "(Valkey)", lowercase, or empty */
  Str size;              /* the topology's size, or empty */
  Str instance_class;    /* the topology's class when the provider names it (a kb size), else kb
                            iac-instance-class, else empty; App Runner: "CPU MEMORY" */
  Str sku;               /* kb iac-instance-class: the provider's size name where the class is generic */
  int instances;         /* the topology's: billed in total (0: not instance-based) */
  int replicas, standbys, shards, zones;
  double vcpu, memory_mb;   /* of the class, from its kb size; 0: not stated */
  bool sized;            /* the choice has a topology */
  bool managed_here;     /* declared through the cloud provider; false: an outside service, config only */
  int port;              /* in the VPC's private subnets, reached on this port (kb vpc-port); 0: not in the VPC */
} IacResource;

/* A path the network opens: deployable deploy reaches resource res on its port. */
typedef struct {
  int deploy, res;
} IacReach;

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
  int *first_event;      /* per feature (model order): its first event, or -1 */
  int *event_next;       /* per event: the next of the same feature, or -1 */
  /* The contract-test cases: only their count in the plan (cases NULL);
   * the cases, one operation's at a time, from plan_kit_cases. */
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
  Str *deploys;          /* what runs as one process: each unit of a services or serverless plan;
                            in a monolith "app" for every module, and each worker apart */
  int *deploy_unit;      /* parallel: the unit's index, or -1 for the app */
  int ndeploys;
  /* The deployable an application load balancer forwards to (its HTTPS
   * listener's target group): the first that serves operations; -1 when
   * the gateway is no load balancer the code declares, or the compute
   * registers no targets (EKS's controller, App Runner's own endpoint). */
  int lb_deploy;
  Str lb_target;         /* "ip" (Fargate tasks) or "lambda" */
  /* Plan.net as the code declares it: whether each deployable runs in the
   * private subnets with a security group of its own, and the stores each
   * reaches there (every other path stays closed). */
  bool *deploy_sg;       /* parallel to deploys */
  IacReach *reach;
  int nreach;
  Str iac;               /* chosen iac technology id */
  Str iac_dir;           /* "infra" */
  Str iac_command;       /* how the tool applies it (kb kit-iac-commands) */
  Str rollback;          /* how the compute rolls back a release (kb kit-rollback) */
  double function_mb, function_timeout;   /* each function's memory (MiB) and timeout (s) */
  Str runtime;           /* each function's runtime (kb lambda-runtime by language) */
  Str gcf_runtime;       /* on Google Cloud Functions (kb cloud-functions-runtime by language) */
  double dlq_retention, visibility_timeout;   /* seconds, for the queues */
  double scale_margin;   /* an autoscaler's most instances: the design count times this */
  double acu_factor;     /* Aurora Serverless v2: most ACUs, times the topology's least */
  double pod_cpu, pod_memory_mb;   /* each Kubernetes pod's request */
  double hpa_cpu;        /* the pod autoscaler's CPU target, a fraction */
  double lock_s;         /* a queue message's lock while worked on: the visibility timeout within the
                            provider's cap (Service Bus), seconds */
  Str alert_form;        /* "prometheus", "cloudwatch", "datadog" or "newrelic" (kb kit-alert-form) */
  Str alerts_file;       /* where that form is written: alerts.yaml, alerts.datadog.json, ... */
  Str alert_note;        /* when the chosen observability has no form of its own: what to do with the rules */
  CwAlarm *alarms;       /* when alert_form is cloudwatch */
  int nalarms;
  Check *checks;         /* validate.sh, in order */
  int nchecks;
  Str mock_command;      /* the contract tests' mock server */
  Str kv_secret_reader;  /* Azure Key Vault's built-in roles for the secret settings, NAME:ROLE-ID: */
  Str kv_secret_writer;  /* a unit reads, the deployment writes (kb azure-key-vault-roles) */
  Str *new_techs;        /* choices new to the team: proof of concept each */
  int nnew;
} Kit;

/* Sets p->kit; after plan_docfacts (it reads the modules and flows). */
void plan_kit(Arena *a, Plan *p);
/* The contract-test cases of endpoint `op` (Api.eps), made in `a`: *out
 * points to them; returns how many. */
int plan_kit_cases(Arena *a, const Plan *p, int op, const ContractCase **out);
/* Whether the team already knows a technology: one of its skills, or a
 * pin, names it (not merely a language the technology is written in). */
bool plan_team_knows(const Plan *p, const Tech *t);

#endif
