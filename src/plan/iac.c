/* The infrastructure the kit declares (part of src/plan/kit.c): one
 * resource per chosen component with the sizes of its topology and the
 * type each tool declares it as, the deployable units, and one policy per
 * unit with only the actions its stores need. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kitint.h"

/* Cloud SQL's custom machine type for a class the provider does not name
 * ("16 vCPU 60 GB"): db-custom-VCPUS-MEMORY_MB, whole vCPUs, memory in MB
 * a multiple of 256. */
static void custom_tier(Arena *a, IacResource *r) {
  if (!str_eqc(r->sku, "db-custom") || str_has_prefix(r->instance_class, S("db-")))
    return;
  /* The class names its memory in Google's GB (GiB: 60 GB is 61440 MB). */
  char b[64];
  double v = r->vcpu, m = r->memory_mb / 1024;
  snprintf(b, sizeof b, "%.*s", (int)(r->instance_class.n < 63 ? r->instance_class.n : 63), r->instance_class.p);
  sscanf(b, "%lf vCPU %lf GB", &v, &m);
  if (v > 0 && m > 0)
    r->instance_class = str_printf(a, "db-custom-%.0f-%.0f", ceil(v), ceil(m * 1024 / 256) * 256);
}

/* The sizes the infrastructure code declares, read from the choice's
 * topology: its class when the provider names it (a kb size of the
 * technology; " (engine)" dropped), else kb iac-instance-class; the counts
 * as the topology has them. */
static void iac_size(Arena *a, const Plan *p, IacResource *r) {
  const Choice *ch = r->choice;
  const Topology *t = &ch->cost.topo;
  r->instance_class = r->sku = kit_vocab(p, "iac-instance-class", ch->tech->id);
  /* A cache's engine: kb iac-engine (the engine the kb prices), unless the
   * sized class names its own; the writers print it as it is. */
  r->engine = kit_vocab(p, "iac-engine", ch->tech->id);
  r->instances = r->shards = r->zones = 1;
  if (!t->set)
    return;
  r->sized = true;
  r->instances = t->instances;
  r->replicas = t->replicas;
  r->standbys = t->standbys;
  /* A cluster's readable copies are its standbys in the code. */
  if (str_eqc(t->deployment, "cluster") && t->standbys < 2) {
    r->standbys += t->replicas;
    r->replicas = 0;
  }
  r->shards = t->shards > 0 ? t->shards : 1;
  r->zones = t->zones > 0 ? t->zones : 1;
  for (int i = 0; i < ch->tech->nfacts; i++) {
    const KbFact *f = &ch->tech->facts[i];
    if (f->keyid != KEY_SIZE || !str_eq(f->name, t->instance_class))
      continue;
    Str cls = f->name;
    for (ptrdiff_t x = 0; x + 1 < cls.n; x++)
      if (cls.p[x] == ' ' && cls.p[x + 1] == '(') {
        r->engine = str_printf(a, "%.*s", (int)(cls.n - x - 3), cls.p + x + 2);
        for (ptrdiff_t y = 0; y < r->engine.n; y++)
          ((char *)r->engine.p)[y] = (char)tolower((unsigned char)r->engine.p[y]);
        cls.n = x;
      }
    Str sized = kit_vocab(p, "iac-pulumi-sized", ch->tech->id);
    if (sized.n && r->managed_here) {
      r->kind = sized;
      r->tf = kit_vocab(p, "iac-terraform-sized", ch->tech->id);
      r->cfn = kit_vocab(p, "iac-cloudformation-sized", ch->tech->id);
    }
    r->vcpu = f->vcpu;
    r->memory_mb = f->memory / 1048576.0;
    /* An Azure size named in the kb ("D2ds_v5"): the sku "Standard_D2ds_v5"
     * with its tier, from the size's series (B burstable, E memory
     * optimized, the others general purpose). */
    if (str_has_prefix(r->sku, S("Standard_")) && cls.n && memchr(r->sku.p, ' ', (size_t)r->sku.n))
      r->sku = str_printf(a, "Standard_%.*s %s", STRF(cls),
                          cls.p[0] == 'B' ? "Burstable" : cls.p[0] == 'E' ? "MemoryOptimized" : "GeneralPurpose");
    /* App Runner and Fargate take CPU units and memory in MB, not a name. */
    r->instance_class = r->instance_class.n && memchr(r->instance_class.p, ' ', (size_t)r->instance_class.n)
                            ? str_printf(a, "%.0f %.0f", f->vcpu * 1024, r->memory_mb)
                            : cls;
    custom_tier(a, r);
    return;
  }
  /* A generic class ("1 vCPU 2 GB task"): its figures from the name. */
  char b[64];
  snprintf(b, sizeof b, "%.*s", (int)(t->instance_class.n < 63 ? t->instance_class.n : 63), t->instance_class.p);
  double v = 0, m = 0;
  if (sscanf(b, "%lf vCPU %lf GB", &v, &m) == 2 || sscanf(b, "%lf vCPU", &v) == 1) {
    r->vcpu = v;
    r->memory_mb = m * 1024;
  }
  custom_tier(a, r);
}

/* Each space-separated action of acts, on target. */
static void allow_each(Arena *a, Policy *pl, Str acts, Str target) {
  ptrdiff_t i = 0;
  while (i < acts.n) {
    ptrdiff_t j = i;
    while (j < acts.n && acts.p[j] != ' ')
      j++;
    int n = pl->nactions;
    kit_add(a, &pl->actions, &pl->nactions, (Str){acts.p + i, j - i});
    kit_add(a, &pl->resources, &n, target);
    i = j + 1;
  }
}

/* One resource per chosen component that is infrastructure, with the
 * type each tool declares it as and the sizes of its topology. */
static void kit_resources(Arena *a, Plan *p, Kit *k) {
  int cap_res = 0;
  for (int i = 0; i < p->nchoices; i++) {
    const Choice *ch = &p->choices[i];
    if (!ch->tech)
      continue;
    Str kind = kit_vocab(p, "iac-pulumi", ch->tech->id), bicep = kit_vocab(p, "iac-bicep", ch->tech->id);
    bool managed = kind.n > 0 || bicep.n > 0;
    /* Tools, libraries and languages are not infrastructure. */
    if (!managed && (str_eqc(ch->tech->hosting, "library") || str_eqc(ch->tech->hosting, "tool") ||
                     str_eqc(ch->tech->hosting, "language")))
      continue;
    IacResource *r = push(a, k->res, k->nres, cap_res);
    r->name = kit_dash(a, ch->need->slot);
    r->slot = ch->need->slot;
    r->choice = ch;
    r->kind = kind.n ? kind : S("external");
    r->bicep = bicep;
    r->tf = kit_vocab(p, "iac-terraform", ch->tech->id);
    r->cfn = kit_vocab(p, "iac-cloudformation", ch->tech->id);
    r->size = ch->cost.sizing;
    r->managed_here = managed;
    iac_size(a, p, r);
  }
}

/* Deployables, each with one role: a monolith's modules run as one app. */
static void kit_deployables(Arena *a, Kit *k) {
  k->deploys = new(a, Str, k->nunits > 0 ? k->nunits : 1);
  k->deploy_unit = new(a, int, k->nunits > 0 ? k->nunits : 1);
  bool app = false;
  for (int u = 0; u < k->nunits; u++) {
    bool module = str_eqc(k->units[u].kind, "module");
    if (module && app)
      continue;
    app = app || module;
    k->deploys[k->ndeploys] = module ? S("app") : k->units[u].name;
    k->deploy_unit[k->ndeploys++] = module ? -1 : u;
  }
}

/* The load balancer's target: the first deployable serving operations,
 * when an ALB fronts Fargate tasks (by IP) or functions. */
static void kit_lb(Plan *p, Kit *k) {
  k->lb_deploy = -1;
  const Tech *gw = plan_tech(p, "gateway"), *cpu = plan_tech(p, "compute");
  if (!gw || !cpu || !str_eqc(gw->id, "aws-alb"))
    return;
  k->lb_target = str_eqc(cpu->id, "aws-fargate") ? S("ip") : str_eqc(cpu->id, "aws-lambda") ? S("lambda") : (Str){0};
  for (int d = 0; k->lb_target.n && d < k->ndeploys && k->lb_deploy < 0; d++) {
    int u = k->deploy_unit[d];
    bool serves = false;
    for (int x = 0; x < k->nunits; x++)
      serves |= (x == u || (u < 0 && str_eqc(k->units[x].kind, "module"))) && k->units[x].nops > 0;
    if (serves)
      k->lb_deploy = d;
  }
}

/* The network: the stores in its private subnets, the deployables with a
 * security group of their own, and the paths between them. */
static void kit_network(Arena *a, Plan *p, Kit *k) {
  const IacResource *cr = NULL;
  for (int r = 0; r < k->nres; r++) {
    IacResource *x = &k->res[r];
    if (str_eqc(x->slot, "compute"))
      cr = x;
    Str port = x->managed_here && x->cfn.n && p->net.set ? kit_vocab(p, "vpc-port", x->choice->tech->id) : (Str){0};
    for (ptrdiff_t i = 0; i < port.n && port.p[i] >= '0' && port.p[i] <= '9'; i++)
      x->port = x->port * 10 + (port.p[i] - '0');
  }
  k->deploy_sg = new(a, bool, k->ndeploys > 0 ? k->ndeploys : 1);
  int cap_reach = 0;
  for (int d = 0; d < k->ndeploys; d++) {
    int first = k->nreach;
    for (int u = 0; u < k->nunits; u++) {
      if (k->deploy_unit[d] != u && !(k->deploy_unit[d] < 0 && str_eqc(k->units[u].kind, "module")))
        continue;
      for (int s = 0; s < k->units[u].nstores; s++)
        for (int r = 0; r < k->nres; r++) {
          if (!k->res[r].port || !str_eq(k->res[r].slot, k->units[u].store_slots[s]))
            continue;
          bool seen = false;
          for (int x = first; x < k->nreach; x++)
            seen |= k->reach[x].res == r;
          if (!seen)
            *push(a, k->reach, k->nreach, cap_reach) = (IacReach){.deploy = d, .res = r};
        }
    }
    /* Containers always run in the private subnets; functions and App
     * Runner join them only to reach a store there. */
    Str ct = cr && cr->managed_here ? cr->cfn : (Str){0};
    k->deploy_sg[d] = p->net.set && (str_eqc(ct, "AWS::ECS::Service") ||
                                     ((str_eqc(ct, "AWS::Lambda::Function") || str_eqc(ct, "AWS::AppRunner::Service")) &&
                                      k->nreach > first));
  }
}

/* One policy per unit: on a queue or stream, send on the events it
 * publishes and receive on those it consumes; elsewhere the actions its
 * stores need, on them only. */
static void kit_policies(Arena *a, Plan *p, Kit *k) {
  k->policies = new(a, Policy, k->nunits > 0 ? k->nunits : 1);
  for (int u = 0; u < k->nunits; u++) {
    const Unit *un = &k->units[u];
    Policy *pl = &k->policies[k->npolicies++];
    pl->unit = un->name;
    for (int s = 0; s < un->nstores; s++) {
      for (int r = 0; r < k->nres; r++) {
        if (!str_eq(k->res[r].slot, un->store_slots[s]))
          continue;
        const Tech *tt = k->res[r].choice->tech;
        Str send = kit_vocab(p, "iam-send", tt->id), recv = kit_vocab(p, "iam-receive", tt->id);
        if (send.n || recv.n) {
          /* Per queue: send where the unit publishes, receive where it consumes. */
          for (int e = 0; e < k->nevents; e++) {
            const Event *ev = &k->events[e];
            if (!str_eq(ev->transport, tt->name))
              continue;
            for (int dir = 0; dir < 2; dir++) {
              Str who = dir ? ev->consumer : ev->producer;
              if (!kit_names(un->name, who, ','))
                continue;
              /* SQS carries each event on a queue of its own; a stream or
               * topic carries them all on the one resource. Named only for
               * the units that use the event: every unit meets every event. */
              Str target = str_eqc(k->res[r].kind, "aws.sqs.Queue") ? str_printf(a, "queue:%.*s", STRF(ev->id))
                                                                    : k->res[r].name;
              Str acts = dir ? recv : send;
              kit_add(a, &pl->allow, &pl->nallow,
                  str_printf(a, "%.*s %s: %.*s", STRF(tt->name), dir ? "receive" : "send", STRF(ev->id)));
              allow_each(a, pl, acts, target);
            }
          }
          continue;
        }
        Str acts = kit_vocab(p, "iam-actions", tt->id);
        if (!acts.n) {
          kit_add(a, &pl->allow, &pl->nallow,
              str_printf(a, "%.*s: the credentials in its settings only (outside the cloud's IAM)",
                         STRF(k->res[r].choice->tech->name)));
          continue;
        }
        kit_add(a, &pl->allow, &pl->nallow, str_printf(a, "%.*s: %.*s", STRF(k->res[r].choice->tech->name), STRF(acts)));
        allow_each(a, pl, acts, k->res[r].name);
      }
    }
  }
}

void plan_kit_iac(Arena *a, Plan *p, Kit *k) {
  const Tech *iac = plan_tech(p, "iac");
  k->iac = iac ? iac->id : S("pulumi");
  k->iac_dir = S("infra");
  k->iac_command = kit_vocab(p, "kit-iac-commands", k->iac);
  k->function_mb = plan_figure(p, "compute", "function-memory", 536870912.0) / 1048576.0;
  k->function_timeout = kit_fig(p, "function-timeout", 30);
  k->dlq_retention = kit_fig(p, "dlq-retention", 1209600);
  k->visibility_timeout = kit_fig(p, "visibility-factor", 6) * k->function_timeout;
  const Tech *lang = plan_tech(p, "language");
  k->runtime = lang ? kit_vocab(p, "lambda-runtime", lang->id) : (Str){0};
  if (!k->runtime.n)
    k->runtime = kit_vocab(p, "lambda-runtime", S("node-typescript"));
  k->gcf_runtime = lang ? kit_vocab(p, "cloud-functions-runtime", lang->id) : (Str){0};
  if (!k->gcf_runtime.n)
    k->gcf_runtime = kit_vocab(p, "cloud-functions-runtime", S("node-typescript"));
  k->scale_margin = kit_fig(p, "scalability-margin", 3);
  k->acu_factor = kit_fig(p, "acu-factor", 4);
  k->pod_cpu = kit_fig(p, "pod-cpu", 0.5);
  k->hpa_cpu = kit_fig(p, "hpa-cpu-target", 0.7);
  double cap = kit_fig(p, "servicebus-max-lock", 300);
  k->lock_s = k->visibility_timeout < cap ? k->visibility_timeout : cap;
  k->pod_memory_mb = kit_fig(p, "pod-memory", 536870912.0) / 1048576.0;
  k->kv_secret_reader = kit_vocab(p, "azure-key-vault-roles", S("reader"));
  k->kv_secret_writer = kit_vocab(p, "azure-key-vault-roles", S("writer"));
  kit_resources(a, p, k);
  kit_deployables(a, k);
  kit_lb(p, k);
  kit_network(a, p, k);
  kit_policies(a, p, k);
}


/* ---- CloudWatch alarms: alerts.yaml when the observability is CloudWatch ---- */

/* A cw-SIGNAL vocab entry for the technology: namespace, metric,
 * dimension, factor. False when the technology has none. */
static bool cw_metric(const Plan *p, const char *signal, const Tech *t, Str out[3], double *factor) {
  if (!t)
    return false;
  Str v = kit_vocab(p, signal, t->id);
  if (!v.n)
    return false;
  Str w[4] = {{0}};
  int n = 0;
  for (ptrdiff_t i = 0; i < v.n && n < 4;) {
    ptrdiff_t j = i;
    while (j < v.n && v.p[j] != ' ')
      j++;
    w[n++] = (Str){v.p + i, j - i};
    i = j + 1;
  }
  if (n < 4)
    return false;
  out[0] = w[0], out[1] = w[1], out[2] = w[2];
  char buf[32];
  snprintf(buf, sizeof buf, "%.*s", STRF(w[3]));
  *factor = atof(buf);
  return true;
}

static double seconds(Str d) {
  double v = 0;
  ptrdiff_t i = 0;
  while (i < d.n && d.p[i] >= '0' && d.p[i] <= '9')
    v = v * 10 + (d.p[i++] - '0');
  char u = i < d.n ? d.p[i] : 's';
  return u == 'h' ? v * 3600 : u == 'm' ? v * 60 : v;
}

static CwAlarm *alarm(Arena *ar, Kit *k, int *cap, Str name, int rule) {
  CwAlarm *a = push(ar, k->alarms, k->nalarms, *cap);
  a->name = name;
  a->rule = rule;
  a->of[0] = a->of[1] = -1;
  a->evals = 1;
  return a;
}

/* The custom metric a rule falls back on: the application publishes it. */
static void custom(Arena *ar, const Plan *p, const Kit *k, CwAlarm *a, const PromRule *r) {
  (void)k;
  a->custom = true;
  a->ns = str_printf(ar, "%.*s", STRF(kit_dash(ar, p->model->project.name)));
  a->metric = r->name;
  a->stat = S("Maximum");
  a->threshold = r->threshold;
}

void plan_kit_cloudwatch(Arena *ar, Plan *p, Kit *k) {
  if (!str_eqc(k->alert_form, "cloudwatch"))
    return;
  int cap = 0;
  const Tech *gw = plan_tech(p, "gateway"), *cpu = plan_tech(p, "compute"), *db = plan_tech(p, "database");
  const Tech *q = plan_tech(p, "queue"), *st = plan_tech(p, "stream");
  for (int i = 0; i < p->nalerts; i++) {
    const PromRule *r = &p->alerts[i];
    Str m[3];
    double f = 1;
    double forsec = seconds(r->for_);
    if (str_has_prefix(r->name, S("ApiErrorBudgetBurn"))) {
      Str m2[3];
      double f2;
      bool aws = cw_metric(p, "cw-errors", gw, m, &f) && cw_metric(p, "cw-requests", gw, m2, &f2);
      int first = k->nalarms;
      for (int w = 0; w < 2; w++) {
        CwAlarm *a = alarm(ar, k, &cap, str_printf(ar, "%.*s-%s", STRF(r->name), w ? "short" : "long"), i);
        if (aws) {
          a->ns = m[0], a->metric = m[1], a->dim = m[2];
          a->ns2 = m2[0], a->metric2 = m2[1];
          a->stat = S("Sum");
          a->threshold = r->threshold;
        } else
          custom(ar, p, k, a, r);
        a->period = w ? r->window_short : r->window_long;
        if (a->period > 86400)
          a->period = 86400;
      }
      CwAlarm *comp = alarm(ar, k, &cap, r->name, i);
      comp->of[0] = first, comp->of[1] = first + 1;
      continue;
    }
    CwAlarm *a = alarm(ar, k, &cap, r->name, i);
    const char *sig = str_eqc(r->name, "ApiLatencyP95AboveTarget") ? "cw-latency"
                      : str_eqc(r->name, "ComputeCpuSaturation") ? "cw-cpu"
                      : str_eqc(r->name, "QueueDepthHigh") ? "cw-queue-depth"
                      : str_eqc(r->name, "StreamConsumerLagHigh") ? "cw-queue-depth"
                      : str_eqc(r->name, "DatabaseReplicationLagHigh") ? "cw-replication-lag"
                                                                        : NULL;
    const Tech *t = str_eqc(sig ? str_c(sig) : S(""), "cw-latency") ? gw
                    : sig && !strcmp(sig, "cw-cpu") ? cpu
                    : sig && !strcmp(sig, "cw-queue-depth") ? (str_eqc(r->name, "QueueDepthHigh") ? q : st)
                    : db;
    if (sig && cw_metric(p, sig, t, m, &f)) {
      a->ns = m[0], a->metric = m[1], a->dim = m[2];
      a->stat = !strcmp(sig, "cw-latency") ? S("p95") : S("Maximum");
      a->threshold = r->threshold * f;
    } else
      custom(ar, p, k, a, r);
    a->period = 60;
    a->evals = forsec >= 60 ? (int)(forsec / 60) : 1;
  }
}

