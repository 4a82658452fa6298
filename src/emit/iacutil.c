/* The helpers every infrastructure writer shares (infra.h): the
 * deployables and resources of the plan's Kit, policy statements,
 * identifiers and sizes. infra.c, cfn.c, bicep.c and k8s.c call them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/esc.h"
#include "infra.h"

static const Kit *kit(const Plan *p) { return p->kit; }

void iac_comment_name(Buf *o, const Plan *p) { esc_comment(o, p->model->project.name); }

/* ---- shared ---- */

void *iac_alloc(size_t n) {
  void *v = malloc(n);
  if (!v) {
    fputs("plinth: out of memory\n", stderr);
    abort();
  }
  return v;
}

IacDeployable *iac_deployables(const Plan *p, int *n) {
  const Kit *k = kit(p);
  IacDeployable *v = iac_alloc(sizeof *v * (size_t)(k->ndeploys > 0 ? k->ndeploys : 1));
  for (int d = 0; d < k->ndeploys; d++)
    v[d] = (IacDeployable){k->deploys[d], k->deploy_unit[d]};
  *n = k->ndeploys;
  return v;
}

bool iac_runs(const Kit *k, const IacDeployable *d, int u) {
  return d->unit == u || (d->unit < 0 && str_eqc(k->units[u].kind, "module"));
}

bool iac_reads_setting(const Kit *k, const IacDeployable *d, const EnvVar *e) {
  Str slot = e->section;
  for (ptrdiff_t i = 0; i < slot.n; i++)
    if (slot.p[i] == ':') {
      slot.n = i;
      break;
    }
  bool store = false;
  for (int u = 0; u < k->nunits; u++)
    for (int s = 0; s < k->units[u].nstores; s++)
      if (str_eq(k->units[u].store_slots[s], slot)) {
        if (iac_runs(k, d, u))
          return true;
        store = true;
      }
  return !store;
}

const IacResource *iac_res(const Kit *k, const char *slot) {
  for (int i = 0; i < k->nres; i++)
    if (str_eqc(k->res[i].slot, slot) && k->res[i].managed_here)
      return &k->res[i];
  return NULL;
}

const IacResource *iac_res_named(const Kit *k, Str name) {
  const IacResource *r = NULL;
  for (int x = 0; x < k->nres; x++)
    if (str_eq(k->res[x].name, name))
      r = &k->res[x];
  return r;
}

IacTarget iac_target(const Kit *k, Str res, Str type, const IacResource **r) {
  *r = NULL;
  if (str_has_prefix(res, S("queue:")))
    return IAC_QUEUE;
  const IacResource *tr = iac_res_named(k, res);
  *r = tr;
  /* An outside service, or a type this tool does not declare: no ARN to name. */
  if (!tr || !tr->managed_here || !type.n || str_eqc(type, "external"))
    return IAC_ANY;
  /* RDS's rds-db:connect names the database's user: the master user "app". */
  if (str_eqc(tr->choice->tech->id, "aws-rds-postgresql") || str_eqc(tr->choice->tech->id, "aws-aurora-serverless-v2"))
    return IAC_DBUSER;
  return str_eqc(tr->choice->tech->id, "aws-s3") ? IAC_OBJECTS : IAC_ARN;
}

int iac_max_count(const Plan *p, int n) {
  double m = n * kit(p)->scale_margin;
  return m > n ? (int)ceil(m) : n;
}

void iac_ts_ident(Buf *o, Str s, bool upper_first) {
  bool up = upper_first, any = false;
  for (ptrdiff_t i = 0; i < s.n; i++) {
    char c = s.p[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
      up = any;
      continue;
    }
    if (!any && c >= '0' && c <= '9')
      buf_putc(o, '_');
    if (c >= 'A' && c <= 'Z')
      c = (char)(c - 'A' + 'a');
    buf_putc(o, up && c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c);
    up = false;
    any = true;
  }
  if (!any)
    buf_putc(o, upper_first ? 'X' : 'x');
}

void iac_ts_str(Buf *o, Str s) {
  buf_putc(o, '"');
  esc_json(o, s);
  buf_putc(o, '"');
}

Str iac_word(Str s, int n) {
  ptrdiff_t i = 0;
  for (;;) {
    while (i < s.n && s.p[i] == ' ')
      i++;
    ptrdiff_t j = i;
    while (j < s.n && s.p[j] != ' ')
      j++;
    if (!n--)
      return (Str){s.p + i, j - i};
    if (j >= s.n)
      return (Str){0};
    i = j;
  }
}

/* The statements of a deployable's role: each (action, resource) of its
 * units' policies once. Returns how many; acts and ress hold cap. */
int iac_statements(const Kit *k, const IacDeployable *d, Str *acts, Str *ress, int cap) {
  int n = 0;
  for (int u = 0; u < k->npolicies; u++) {
    if (!iac_runs(k, d, u))
      continue;
    const Policy *pl = &k->policies[u];
    for (int a = 0; a < pl->nactions; a++) {
      bool seen = false;
      for (int x = 0; x < n && !seen; x++)
        seen = str_eq(acts[x], pl->actions[a]) && str_eq(ress[x], pl->resources[a]);
      if (!seen && n < cap) {
        acts[n] = pl->actions[a];
        ress[n++] = pl->resources[a];
      }
    }
  }
  return n;
}

int iac_nactions(const Kit *k) {
  int n = 0;
  for (int u = 0; u < k->npolicies; u++)
    n += k->policies[u].nactions;
  return n > 0 ? n : 1;
}

/* The least capacity of an Aurora Serverless v2 topology ("0.5 ACU"). */
double iac_acu(const IacResource *r) {
  char b[32];
  snprintf(b, sizeof b, "%.*s", STRF(iac_word(r->instance_class, 0)));
  double v = atof(b);
  return v > 0 ? v : 0.5;
}

/* A stream's shards: the topology's shards when it splits, else its count. */
int iac_shards(const IacResource *r) { return r->shards > 1 ? r->shards : r->instances > 0 ? r->instances : 1; }

/* The trust policy's service, by the compute the plan chose. */
const char *iac_principal(const Plan *p) {
  const Choice *c = plan_choice(p, "compute");
  if (!c)
    return "ecs-tasks.amazonaws.com";
  return str_eqc(c->tech->id, "aws-lambda")       ? "lambda.amazonaws.com"
         : str_eqc(c->tech->id, "aws-app-runner") ? "tasks.apprunner.amazonaws.com"
         : str_eqc(c->tech->id, "aws-eks")        ? "pods.eks.amazonaws.com"
                                                  : "ecs-tasks.amazonaws.com";
}

/* Whether the code declares the network (Plan.net). */
bool iac_needs_subnets(const Plan *p) { return p->net.set; }

IacFrom iac_from(const Kit *k, const IacReach *x) {
  if (k->deploy_sg[x->deploy])
    return IAC_FROM_SG;
  const IacResource *cr = iac_res(k, "compute");
  return cr && str_eqc(cr->cfn, "AWS::EKS::Cluster") ? IAC_FROM_CLUSTER : IAC_FROM_SUBNETS;
}

bool iac_reach_first(const Kit *k, int i) {
  IacFrom f = iac_from(k, &k->reach[i]);
  if (f == IAC_FROM_SG)
    return true;
  for (int j = 0; j < i; j++)
    if (k->reach[j].res == k->reach[i].res && iac_from(k, &k->reach[j]) == f)
      return false;
  return true;
}

bool iac_reaches(const Kit *k, int d) {
  for (int i = 0; i < k->nreach; i++)
    if (k->reach[i].deploy == d)
      return true;
  return false;
}

/* Resources declared per unit, per queue or as alarms, not in the component list. */
bool iac_apart(const IacResource *r) {
  return str_eqc(r->slot, "compute") || str_eqc(r->cfn, "AWS::CloudWatch::Alarm") || str_eqc(r->cfn, "AWS::SQS::Queue");
}


int iac_store_subnets(const Plan *p, const IacResource *r) {
  int n = r->instances > 0 ? r->instances : 1, z = p->net.subnet_zones;
  if (str_eqc(r->cfn, "AWS::OpenSearchService::Domain"))
    return n > 1 && r->zones > 1 ? 2 : 1;
  if (str_eqc(r->cfn, "AWS::MSK::Cluster"))
    return n % 3 == 0 && z >= 3 ? 3 : 2;
  return z < 3 || !str_eqc(r->cfn, "AWS::ElastiCache::ServerlessCache") ? z : 3;
}

bool iac_db_cluster(const IacResource *r) {
  return str_eqc(r->choice->tech->id, "aws-aurora-serverless-v2") || r->standbys >= 2;
}

Str iac_role_split(Str role, Str *id) {
  *id = (Str){0};
  for (ptrdiff_t x = 0; x < role.n; x++)
    if (role.p[x] == ':') {
      *id = (Str){role.p + x + 1, role.n - x - 1};
      return (Str){role.p, x};
    }
  return role;
}

int iac_next_path(const Kit *k, int i, IacPath *path) {
  for (i++; i < k->nreach; i++) {
    if (!iac_reach_first(k, i))
      continue;
    const IacReach *x = &k->reach[i];
    path->res = &k->res[x->res];
    path->from = iac_from(k, x);
    path->src = path->from == IAC_FROM_SG ? k->deploys[x->deploy]
              : path->from == IAC_FROM_CLUSTER ? S("cluster") : S("private-subnets");
    return i;
  }
  return -1;
}
