/* Shared by the infrastructure writers (infra.c, cfn.c, bicep.c). */
#ifndef PLINTH_EMIT_INFRA_H
#define PLINTH_EMIT_INFRA_H

#include "emit.h"

/* What runs as one process: each unit of a services or serverless plan;
 * in a monolith, one "app" for every module, and each worker apart. */
typedef struct {
  Str name;
  int unit;              /* index into Kit.units, or -1: the app (every module) */
} IacDeployable;

/* What a policy statement's resource names in the code: a queue of one event,
 * a bucket's objects, a declared resource's ARN, or anything ("*"). */
typedef enum { IAC_QUEUE, IAC_OBJECTS, IAC_ARN, IAC_DBUSER, IAC_ANY } IacTarget;
/* The database user the units connect as (rds-db:connect names it). */
#define IAC_DB_USER "app"
/* Whether the relational store is declared as a cluster (Aurora, or a
 * Multi-AZ DB cluster: a writer and two or more standbys). */
bool iac_db_cluster(const IacResource *r);
/* The target of a statement on res ("queue:EVENT" or a resource name), with
 * type the resource's type in the writer's tool (empty: not declared by it);
 * *r is the resource, or NULL. */
IacTarget iac_target(const Kit *k, Str res, Str type, const IacResource **r);
/* malloc, or abort when memory runs out. */
void *iac_alloc(size_t n);
/* The deployables of the plan (Kit.deploys), malloc'd: the caller frees. */
IacDeployable *iac_deployables(const Plan *p, int *n);
/* Whether unit u runs inside deployable d. */
bool iac_runs(const Kit *k, const IacDeployable *d, int u);
/* Whether d reads setting e: a store's setting (its section "SLOT: name"
 * names a slot some unit keeps among its stores) only the deployables whose
 * units use that store; every other setting, every deployable. */
bool iac_reads_setting(const Kit *k, const IacDeployable *d, const EnvVar *e);

/* The managed resource of a slot, or NULL. */
const IacResource *iac_res(const Kit *k, const char *slot);
/* The IacResource of a policy's target name, or NULL. */
const IacResource *iac_res_named(const Kit *k, Str name);

void iac_comment_name(Buf *o, const Plan *p);
/* A TypeScript identifier: "object-storage" -> objectStorage (ObjectStorage). */
void iac_ts_ident(Buf *o, Str s, bool upper_first);
/* A JSON/TypeScript string literal. */
void iac_ts_str(Buf *o, Str s);
/* The n-th space-separated word of s, or empty. */
Str iac_word(Str s, int n);
/* The most instances an autoscaler may add: the design count times the kit's
 * scalability margin. */
int iac_max_count(const Plan *p, int n);

/* The statements of a deployable's role: each (action, resource) of its
 * units' policies once; returns how many (at most cap). */
int iac_statements(const Kit *k, const IacDeployable *d, Str *acts, Str *ress, int cap);
int iac_nactions(const Kit *k);   /* a cap for iac_statements */
double iac_acu(const IacResource *r);   /* Aurora Serverless v2's least ACUs */
int iac_shards(const IacResource *r);   /* a stream's shards */
const char *iac_principal(const Plan *p);   /* the units' trust policy service */
bool iac_needs_subnets(const Plan *p);
/* Where a path into a store starts: the deployable's own security group,
 * the Kubernetes cluster's (pods share their nodes'), or the private
 * subnets (compute this code does not declare). */
typedef enum { IAC_FROM_SG, IAC_FROM_CLUSTER, IAC_FROM_SUBNETS } IacFrom;
IacFrom iac_from(const Kit *k, const IacReach *x);
/* Whether Kit.reach[i] is the first path of its source into its store
 * (a shared source opens each store once). */
bool iac_reach_first(const Kit *k, int i);
/* A path into a store: the store, where it comes from (a unit's group, the
 * cluster's, the private subnets) and that source's name. */
typedef struct {
  const IacResource *res;
  IacFrom from;
  Str src;
} IacPath;
/* The next path after reach i (-1: the first), each opened once; its
 * reach's index, or -1 when none is left. */
int iac_next_path(const Kit *k, int i, IacPath *path);
/* How many of the private subnets a store spans: all of them, but a
 * zone-aware search domain takes 2 (its default zone count), brokers 3
 * when their count divides by 3 else 2, a serverless cache at most 3. */
int iac_store_subnets(const Plan *p, const IacResource *r);
/* Whether deployable d reaches a store in the private subnets. */
bool iac_reaches(const Kit *k, int d);
bool iac_apart(const IacResource *r);   /* compute, queues, alarms: declared apart */

/* How a tool writes one policy statement: its Effect/Action/Resource line,
 * the queue of one event, a bucket's objects and a resource's ARN. */
typedef struct {
  const char *open, *resource, *close;   /* around the action and the resource */
  void (*str)(Buf *o, Str s);
  void (*queue)(Buf *o, Str event);
  void (*objects)(Buf *o, const IacResource *r);
  void (*arn)(Buf *o, const IacResource *r);
  void (*indexes)(Buf *o, const IacResource *r); /* a table's ARN and its indexes' */
  void (*dbuser)(Buf *o, const IacResource *r);  /* the database user's ARN (rds-db:connect) */
  Str (*type)(const IacResource *r);     /* the resource's type in the tool */
} IacDialect;
/* The n statements (acts[i] on ress[i]) of a role's policy, in dl's form. */
void iac_print_statements(Buf *o, const Plan *p, const Str *acts, const Str *ress, int n, const IacDialect *dl);
/* The attribute names of the key design's table: PK, SK, then GSIgPK and
 * GSIgSK for each index g in mask; returns how many (at most cap). */
int iac_ddb_attrs(unsigned mask, char names[][16], int cap);
/* Whether a policy names the database user (a declared RDS or Aurora store). */
bool iac_db_user_named(const Kit *k);
/* An HCL identifier (letters, digits, underscores; not starting with a digit). */
void iac_tf_ident(Buf *o, Str s);
/* An HCL string: JSON escapes, and ${ and %{ doubled so they stay literal. */
void iac_tf_str(Buf *o, Str s);

/* The settings of .env.example as Pulumi config (secrets required as
 * secrets) and the `settings` map of them. */
void iac_pulumi_settings(const Plan *p, Buf *o);
bool iac_has_setting(const Plan *p, const char *name);   /* .env.example names it */
/* A built-in role NAME:ROLE-ID (kb iam-actions on Azure): the name, and the
 * id (empty when there is no ':'). */
Str iac_role_split(Str role, Str *id);
void iac_pulumi(const Plan *p, OutFiles *out);          /* infra/ for Pulumi (TypeScript) */
/* The settings of .env.example as HCL variables (secrets sensitive) and
 * local.settings. */
void iac_tf_settings(const Plan *p, Buf *o);
void iac_terraform(const Plan *p, Buf *o);              /* infra/main.tf for Terraform or OpenTofu */
void iac_cfn(const Plan *p, OutFiles *out, bool sam);   /* infra/ for AWS CDK (sam false) or AWS SAM */
void iac_bicep(const Plan *p, OutFiles *out);           /* infra/main.bicep */
void iac_k8s(const Plan *p, OutFiles *out);             /* infra/k8s/: the units on Kubernetes */

#endif
