/* Shared by cfn.c (the stack, network, queues, roles, compute) and
 * cfn_components.c (the managed components): the writer W, which prints
 * one description of a resource as YAML (SAM) or as a TypeScript object
 * literal (CDK), and the stack's context. The short names below are the
 * cfn_ functions, as both files call them (function-like macros: W's
 * fields of the same names are untouched). */
#ifndef PLINTH_EMIT_CFN_H
#define PLINTH_EMIT_CFN_H

#include "infra.h"

enum { W_MAP, W_LIST };

typedef struct {
  Buf *o;
  bool ts;               /* TypeScript (CDK) or YAML (SAM) */
  int depth;             /* open containers */
  int base;              /* YAML: the indent of depth 0, in levels */
  int kind[32];
  int count[32];
  bool raw[32];          /* keys kept as written (policy documents, environment) */
  const char *key;       /* pending key */
  bool key_raw;          /* the pending key's value is raw */
  bool dash;             /* YAML: a map opened as a list item; its first key follows "- " */
} W;

typedef struct {
  const Plan *p;
  const Kit *k;
  W w;
  bool sam;
  Str proj;
  Buf pool[16];
  int npool;
  const char *dep;       /* the next resource depends on this one (DependsOn), or NULL */
  Buf cur;               /* the TypeScript name of the resource being written */
  const IacDeployable *deps;   /* parallel to Kit.deploys */
} Ctx;

#define key(...) cfn_key(__VA_ARGS__)
#define map(...) cfn_map(__VA_ARGS__)
#define list(...) cfn_list(__VA_ARGS__)
#define end(...) cfn_end(__VA_ARGS__)
#define str(...) cfn_str(__VA_ARGS__)
#define strc(...) cfn_strc(__VA_ARGS__)
#define num(...) cfn_num(__VA_ARGS__)
#define boolean(...) cfn_boolean(__VA_ARGS__)
#define ref(...) cfn_ref(__VA_ARGS__)
#define param(...) cfn_param(__VA_ARGS__)
#define res(...) cfn_res(__VA_ARGS__)
#define res_end(...) cfn_res_end(__VA_ARGS__)
#define nm(...) cfn_nm(__VA_ARGS__)
#define subnet_list(...) cfn_subnet_list(__VA_ARGS__)
#define subnets(...) cfn_subnets(__VA_ARGS__)
#define sg_ref(...) cfn_sg_ref(__VA_ARGS__)
#define store_sg(...) cfn_store_sg(__VA_ARGS__)
#define strs(...) cfn_strs(__VA_ARGS__)
#define att(...) cfn_att(__VA_ARGS__)
#define zone(...) cfn_zone(__VA_ARGS__)
#define rawkey(...) cfn_rawkey(__VA_ARGS__)
#define objects(...) cfn_objects(__VA_ARGS__)
#define arn_of(...) cfn_arn_of(__VA_ARGS__)
#define dbuser(...) cfn_dbuser(__VA_ARGS__)
#define numstr(...) cfn_numstr(__VA_ARGS__)
#define ecs_resource(...) cfn_ecs_resource(__VA_ARGS__)

void cfn_key(W *w, const char *k);
void cfn_map(W *w);
void cfn_list(W *w);
void cfn_end(W *w);
void cfn_str(W *w, Str s);
void cfn_strc(W *w, const char *s);
void cfn_num(W *w, double v);
void cfn_boolean(W *w, bool v);
void cfn_ref(W *w, Str logical);
void cfn_param(W *w, Str name, bool is_list);
void cfn_res(Ctx *c, Str logical, const char *type, const char *comment);
void cfn_res_end(Ctx *c);
Str cfn_nm(Ctx *c, Str a, const char *suffix);
void cfn_subnet_list(Ctx *c, bool public, int n);
void cfn_subnets(Ctx *c);
void cfn_sg_ref(Ctx *c, Str logical);
Str cfn_store_sg(Ctx *c, const IacResource *r);
void cfn_strs(W *w, const char *const *v, int n);
void cfn_att(W *w, Str logical, const char *attr);   /* GetAtt logical.attr */

/* One managed component, sized by the topology, with what it brings along
 * (a cluster's instances, read replicas, a user pool's client). */
void cfn_component(Ctx *c, const IacResource *r);
/* The load balancer's HTTPS listener and its target group: before the
 * compute for Fargate tasks, after it for a function (Kit.lb_deploy). */
void cfn_listener(Ctx *c, bool before_compute);
bool cfn_has_secrets(const Plan *p);
/* The secret settings in Secrets Manager, read by the tasks' execution role. */
void cfn_secrets(Ctx *c);

/* the writer's smaller parts, for cfn.c */
void cfn_zone(W *w, int i);
void cfn_rawkey(W *w, const char *k);
void cfn_objects(W *w, Str logical);
void cfn_arn_of(W *w, const char *service, const char *what, Str logical);
void cfn_dbuser(W *w, const IacResource *r);
void cfn_numstr(W *w, Str s);
void cfn_ecs_resource(W *w, Str service);

#endif
