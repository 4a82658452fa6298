/* One description of a resource, printed as HCL (Terraform, OpenTofu) or
 * as a TypeScript constructor call (Pulumi): the Azure and Google Cloud
 * writers (infra_azure.c, infra_gcp.c) describe each resource once through
 * D. The Pulumi providers they target (@pulumi/azure, @pulumi/gcp) are
 * bridged from the Terraform ones, so the arguments are the same, in
 * camelCase; a repeated block is a list there, named as Pulumi names it. */
#ifndef PLINTH_EMIT_INFRA_DUAL_H
#define PLINTH_EMIT_INFRA_DUAL_H

#include "infra.h"

typedef struct {
  Buf *o;
  bool ts;               /* TypeScript (Pulumi) or HCL */
  int depth;             /* open levels inside the resource */
  int lv;                /* indentation, in levels */
  char close[16];        /* each open level: 'o' object, 'l' list of one object, 'L' list of blocks,
                            'i' an item of it, 'm' map */
  bool indented[16];     /* whether the level indents its contents */
  const char *blocks[16];   /* HCL: the name each item of an open list of blocks takes */
} D;

/* resource "tf" "name_suffix" { ... / const nameSuffix = new pu("name-suffix", { ... */
void d_res(D *d, const char *tf, const char *pu, Str name, const char *suffix, const char *comment);
/* The same, repeated n times (count in HCL, a loop in TypeScript); d_index
 * prints the copy's index inside a string. */
void d_res_count(D *d, const char *tf, const char *pu, Str name, const char *suffix, int n);
void d_index(D *d);
void d_res_end(D *d);
/* The same, created after another resource (depends_on / dependsOn). */
void d_res_end_after(D *d, const char *tf, Str name, const char *suffix);
/* The name of a resource in the code: HCL "tf.name_suffix", TypeScript nameSuffix. */
void d_name(D *d, const char *tf, Str name, const char *suffix);
/* key = value lines. */
void d_key(D *d, const char *k);
void d_eol(D *d);
void d_s(D *d, const char *k, Str v);
void d_sc(D *d, const char *k, const char *v);
void d_n(D *d, const char *k, double v);
void d_b(D *d, const char *k, bool v);
/* An expression written differently in each language. */
void d_x(D *d, const char *k, const char *hcl, const char *ts);
/* A reference to another resource's attribute (attr in snake_case). */
void d_ref(D *d, const char *k, const char *tf, Str name, const char *suffix, const char *attr);
/* A string made of pre, a reference and post ("serviceAccount:${...}"). */
void d_interp(D *d, const char *k, const char *pre, const char *tf, Str name, const char *suffix, const char *attr,
              const char *post);
/* A setting of .env.example (var.NAME, or its config value). */
void d_setting(D *d, const char *k, Str env);
/* A block (HCL) or nested object (TypeScript); list: a list of one object there. */
void d_open(D *d, const char *k, bool list);
/* A repeated block: HCL name k, TypeScript list key tk; each item opened by d_item. */
void d_open_list(D *d, const char *k, const char *tk);
void d_item(D *d);
/* A map attribute: its keys are written as they are. */
void d_open_map(D *d, const char *k);
void d_close(D *d);
/* The settings that are not secrets, as a map. */
void d_plain_settings(D *d, const char *k, const Plan *p);
/* A list value [ref] of one reference. */
void d_ref_list(D *d, const char *k, const char *tf, Str name, const char *suffix, const char *attr);
/* A TypeScript or HCL comment line. */
void d_comment(D *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Each deployable's statements (iac_statements), handed to fn with the
 * deployable's index: the permissions of every unit, one after the other. */
void d_each_unit_policy(const Kit *k, int ndep, void (*fn)(void *ctx, int u, Str *acts, Str *ress, int cap), void *ctx);
/* TypeScript only: export const NAME = { "unit": unitSuffix.attr, ... }. */
void d_export_units(D *d, const char *export, const IacDeployable *dep, int ndep, const char *suffix, const char *attr);

void iac_aws_network(const Plan *p, D *d);   /* the VPC of Plan.net on AWS (infra_awsnet.c) */
void iac_aws_paths(const Plan *p, D *d);     /* the security group rules into the stores */
void iac_azure(const Plan *p, Buf *o, bool ts);   /* infra/main.tf or infra/index.ts on Azure */
void iac_gcp(const Plan *p, Buf *o, bool ts);     /* the same on Google Cloud */

#endif
