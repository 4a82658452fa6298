/* Cost: a technology's monthly price at this plan's load, from its price
 * facts in the knowledge base.
 *
 * First the usage a slot implies (requests, reads, writes, stored GB,
 * egress, emails, monthly active users, vCPUs and memory needed, ...), then
 * each price fact of the technology is matched to the usage it bills:
 * `price million-requests` bills requests / 1e6, `price gb-month` bills
 * stored GB, and so on; free allowances are taken off first. When the
 * technology lists `size`s and the slot needs capacity, the cheapest
 * combination of one size that meets the vCPU and memory need (and the
 * minimum instance count for availability) is chosen, and its hourly price
 * replaces the per-unit compute prices. Every term keeps its formula. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "../spec/units.h"
#include "plan.h"

typedef struct {
  double requests, reads, writes, messages, gb_month, egress_gb, ingest_gb, emails, sms, mau, gb_seconds, seats,
      build_minutes, hosts, jobs, lcu_hours;
  double throughput;     /* bytes per second through the slot */
  double vcpu, memory;   /* capacity needed: vCPUs, bytes */
  int min_instances;
  bool sized;            /* capacity applies to this slot */
} Usage;

enum { GB = 1000000000 };

static Usage usage_for(const Plan *p, const Need *n) {
  const Load *l = &p->load;
  const Model *m = p->model;
  const Project *pr = &m->project;
  double month = l->seconds_per_month;
  Usage u = {0};
  u.min_instances = pr->availability >= 0.999 ? (int)plan_figure(p, "compute", "min-instances-ha", 2) : 1;
  u.requests = l->avg_rps * month;
  u.seats = pr->team;
  double dau_mau = plan_figure(p, "load", "dau-mau-ratio", 0.4);
  u.mau = fmin(pr->users, pr->users * pr->active / (dau_mau > 0 ? dau_mau : 1));
  Str s = n->slot;
  if (str_eqc(s, "compute")) {
    u.sized = true;
    u.vcpu = l->design_rps / plan_figure(p, "compute", "rps-per-vcpu", 250);
    u.gb_seconds = u.requests * plan_figure(p, "compute", "function-duration", 0.1) *
                   plan_figure(p, "compute", "function-memory", 536870912.0) / 1073741824.0;
  } else if (str_eqc(s, "database")) {
    u.sized = true;
    /* Ingested rows arrive in batches: one statement per batch. */
    double q = l->reads_per_s * plan_figure(p, "compute", "queries-per-read", 2) +
               (l->writes_per_s - l->ingest_rows_per_s) * plan_figure(p, "compute", "queries-per-write", 3) +
               l->ingest_rows_per_s / (l->ingest_batch > 0 ? l->ingest_batch : 1);
    u.vcpu = q * pr->peak * l->margin / plan_figure(p, "compute", "db-queries-per-vcpu", 1000);
    u.memory = 0;
    u.reads = l->reads_per_s * month;
    u.writes = l->writes_per_s * month;
    u.gb_month = p->storage.stored_1y / GB;
    u.ingest_gb = p->storage.written_per_month / GB;
    u.egress_gb = l->reads_per_s * month * plan_figure(p, "payload", "response-bytes", 4000) / GB;
    if (pr->availability < 0.9995)
      u.min_instances = 1;
  } else if (str_eqc(s, "cache")) {
    u.sized = true;
    u.memory = fmax(p->storage.bytes_now * 0.2, 0.5 * GB);
  } else if (str_eqc(s, "search")) {
    u.sized = true;
    double b = p->storage.search_bytes_1y;
    u.memory = fmax(b * 1.5, 1.0 * GB);
    u.requests = u.requests * 0.2;
    u.gb_month = b * 1.5 / GB;
  } else if (str_eqc(s, "object-storage")) {
    u.gb_month = p->storage.blob_1y / GB;
    u.egress_gb = p->bw.blob_egress_bytes_per_month / GB;
    double uploads = p->storage.uploads_per_month;
    u.writes = uploads;
    u.reads = uploads * plan_figure(p, "payload", "downloads-per-upload", 3);
    u.requests = u.writes + u.reads;
  } else if (str_eqc(s, "cdn")) {
    u.egress_gb = p->bw.blob_egress_bytes_per_month / GB;
    u.requests = u.requests * 0.1;
  } else if (str_eqc(s, "gateway")) {
    u.egress_gb = (p->bw.egress_bytes_per_month - p->bw.blob_egress_bytes_per_month) / GB;
    /* Load-balancer capacity units: 25 new connections a second or 1 GB
     * processed an hour each, whichever needs more. */
    double gb_hour = (p->bw.ingress_bytes_per_month + p->bw.egress_bytes_per_month) / GB / (month / 3600);
    u.lcu_hours = fmax(l->avg_rps / 25, gb_hour) * plan_figure(p, "compute", "hours-per-month", 730);
  } else if (str_eqc(s, "queue") || str_eqc(s, "stream")) {
    u.throughput = l->ingest_rows_per_s * plan_figure(p, "payload", "ingest-row-bytes", 200);
    if (str_eqc(s, "stream")) {
      u.sized = true;
      u.vcpu = u.throughput / plan_figure(p, "compute", "stream-bytes-per-vcpu", 5e6);
    }
    double events = (l->email_events + l->sms_events + l->push_events) * p->ent_scale;
    u.messages = events + l->ingest_rows_per_s * month;
    u.requests = u.messages * 3; /* send, receive, delete */
    u.ingest_gb = l->ingest_rows_per_s * month * 200 / GB;
  } else if (str_eqc(s, "email")) {
    u.emails = l->email_events * p->ent_scale + u.mau * 0.1; /* plus sign-up and password mail */
  } else if (str_eqc(s, "sms")) {
    u.sms = l->sms_events * p->ent_scale;
  } else if (str_eqc(s, "push")) {
    u.messages = l->push_events * p->ent_scale;
  } else if (str_eqc(s, "realtime")) {
    u.messages = l->fanout_messages * p->ent_scale + (l->live_dashboards ? l->ingest_rows_per_s * month : 0);
    u.requests = u.messages;
  } else if (str_eqc(s, "observability")) {
    u.ingest_gb = u.requests * plan_figure(p, "payload", "log-bytes-per-request", 500) / GB;
    u.hosts = fmax(1, ceil(l->design_rps / plan_figure(p, "compute", "rps-per-vcpu", 250) / 2));
  } else if (str_eqc(s, "cicd")) {
    u.build_minutes = pr->team * 40 * 5.0;
    u.jobs = 1;
  }
  return u;
}

typedef struct {
  Arena *a;
  Costed *c;
  int cap;
  bool quiet;   /* only the sum: the formulas of a rescaled copy are never shown */
} Acc;

static void term(Acc *acc, double usd, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void term(Acc *acc, double usd, const char *fmt, ...) {
  if (acc->quiet) {
    acc->c->usd += usd;
    acc->c->nterms++;
    return;
  }
  CostTerm *t = push(acc->a, acc->c->terms, acc->c->nterms, acc->cap);
  va_list ap;
  va_start(ap, fmt);
  t->what = str_vprintf(acc->a, fmt, ap);
  va_end(ap);
  t->usd = usd;
  acc->c->usd += usd;
}

/* Units billed by usage; sizes and hourly prices are handled apart. */
typedef struct {
  const char *unit;
  double scale;         /* usage per billed unit */
  const char *what;
  size_t field;         /* offset of the usage figure */
  const char *free;     /* free allowance unit, if any */
} Meter;

#define U(f) offsetof(Usage, f)
static const Meter meters[] = {
  {"million-requests", 1e6, "requests", U(requests), "free-requests"},
  {"million-reads", 1e6, "reads", U(reads), NULL},
  {"million-writes", 1e6, "writes", U(writes), NULL},
  {"million-messages", 1e6, "messages", U(messages), NULL},
  {"gb-month", 1, "GB stored", U(gb_month), "free-gb-month"},
  {"egress-gb", 1, "GB out", U(egress_gb), "free-egress-gb"},
  {"ingest-gb", 1, "GB ingested", U(ingest_gb), "free-gb"},
  {"thousand-emails", 1e3, "emails", U(emails), "free-emails"},
  {"sms", 1, "messages", U(sms), NULL},
  {"mau", 1, "monthly active users", U(mau), "free-mau"},
  {"thousand-mau", 1e3, "monthly active users", U(mau), "free-mau"},
  {"gb-second", 1, "GB-seconds", U(gb_seconds), NULL},
  {"seat-month", 1, "developers", U(seats), NULL},
  {"build-minute", 1, "build minutes", U(build_minutes), "free-minutes"},
  {"host-month", 1, "hosts", U(hosts), NULL},
  {"parallel-job", 1, "parallel jobs", U(jobs), NULL},
  {"lcu-hour", 1, "capacity-unit hours", U(lcu_hours), NULL},
};

static double usage_of(const Usage *u, size_t off) { return *(const double *)(const void *)((const char *)u + off); }

Costed plan_price(Arena *a, const Plan *p, const Need *n, const Tech *t) {
  Costed c = {.tech = t, .viable = true};
  Acc acc = {a, &c, 0, p->quiet};
  Usage u = usage_for(p, n);
  /* A database we run ourselves needs a standby to meet 99.9%. */
  if ((str_eqc(n->slot, "database") || str_eqc(n->slot, "gateway")) && str_eqc(t->hosting, "self-hosted") &&
      p->model->project.availability >= 0.999) {
    u.min_instances = 2;
    u.sized = true;
  }
  double hours = plan_figure(p, "compute", "hours-per-month", 730);
  char b1[32], b2[32], b3[32];

  /* Sized capacity: cheapest count x size meeting vCPU and memory needs. */
  const KbFact *best = NULL;
  int best_n = 0;
  double best_usd = (double)INFINITY;
  if (u.sized)
    for (int i = 0; i < t->nfacts; i++) {
      const KbFact *f = &t->facts[i];
      if (!str_eqc(f->key, "size") || f->value <= 0)
        continue;
      double k = u.min_instances;
      /* A size without a published vCPU figure counts as one vCPU. */
      double vcpu = f->vcpu > 0 ? f->vcpu : 1;
      if (u.vcpu > 0)
        k = fmax(k, ceil(u.vcpu / vcpu));
      if (f->memory > 0 && u.memory > 0)
        k = fmax(k, ceil(u.memory / f->memory));
      if (k > 10000)
        continue;
      double usd = k * (f->monthly ? f->value : f->value * hours);
      if (usd < best_usd)
        best_usd = usd, best = f, best_n = (int)k;
    }
  bool has_sizes = tech_fact(t, "size", NULL) != NULL;
  if (best) {
    c.instances = best_n;
    if (!p->quiet)
      c.sizing = str_printf(a, "%d x %.*s", best_n, STRF(best->name));
    if (best->monthly)
      term(&acc, best_usd, "%d x %.*s at %s/month = %s", best_n, STRF(best->name), fmt_price(b1, best->value),
           fmt_usd(b2, best_usd));
    else
      term(&acc, best_usd, "%d x %.*s at %s/h x %.0f h = %s", best_n, STRF(best->name), fmt_price(b1, best->value),
           hours, fmt_usd(b2, best_usd));
  } else if (u.sized && has_sizes) {
    c.viable = false;
    c.why_not = S("no size meets the capacity needed within 10,000 instances");
  }
  const KbFact *hour = tech_fact(t, "price", "hour");
  if (hour && !best) {
    int k = u.sized ? u.min_instances : 1;
    /* Shards or partitions with a per-unit throughput limit. */
    const KbFact *tp = tech_fact(t, "limit", "throughput");
    if (tp && tp->value > 0 && u.throughput > 0)
      k = (int)fmax(k, ceil(fmin(u.throughput / tp->value, 100000)));
    double usd = k * hour->value * hours;
    c.instances = k;
    term(&acc, usd, "%d x %s/h x %.0f h = %s", k, fmt_price(b1, hour->value), hours, fmt_usd(b2, usd));
    /* A Kubernetes control plane is billed apart from the nodes it runs. */
    if (str_eqc(t->family, "kubernetes") && u.sized) {
      double node_vcpu = plan_figure(p, "self-hosted", "node-vcpu", 2);
      double node_hour = plan_figure(p, "self-hosted", "node-hour", 0.0336);
      int nodes = (int)fmax(u.min_instances, ceil(fmin(u.vcpu / node_vcpu, 10000)));
      double nusd = nodes * node_hour * hours;
      c.instances = nodes;
      term(&acc, nusd, "%d x %g vCPU worker node%s at %s/h x %.0f h = %s", nodes, node_vcpu, nodes == 1 ? "" : "s",
           fmt_price(b1, node_hour), hours, fmt_usd(b2, nusd));
    }
  }
  const KbFact *vh = tech_fact(t, "price", "vcpu-hour"), *gh = tech_fact(t, "price", "gb-hour");
  if (vh && !best && !hour && u.sized) {
    double vcpu = fmax(u.vcpu, 0.25 * u.min_instances);
    double usd = vcpu * vh->value * hours + (gh ? vcpu * 2 * gh->value * hours : 0);
    term(&acc, usd, "%.2f vCPU at %s/vCPU-h%s x %.0f h = %s", vcpu, fmt_price(b1, vh->value),
         gh ? " + 2 GB per vCPU" : "", hours, fmt_usd(b2, usd));
  }
  /* A flat monthly price is the plan's fee; where a size was chosen, the
   * size's price is the plan. */
  const KbFact *flat = tech_fact(t, "price", "month");
  if (flat && !best)
    term(&acc, flat->value, "flat %s/month", fmt_usd(b1, flat->value));
  for (size_t i = 0; i < sizeof meters / sizeof *meters; i++) {
    const Meter *mt = &meters[i];
    const KbFact *f = tech_fact(t, "price", mt->unit);
    if (!f)
      continue;
    /* gb-second bills functions only; sized compute does not run per request. */
    if (!strcmp(mt->unit, "gb-second") && best)
      continue;
    double q = usage_of(&u, mt->field);
    double free_q = mt->free ? tech_value(t, "price", mt->free, 0) : 0;
    double billed = fmax(0, q - free_q);
    double usd = billed / mt->scale * f->value;
    if (q <= 0)
      continue;
    char b4[32];
    if (free_q > 0)
      term(&acc, usd, "(%s - %s free) %s at %s per %s = %s", fmt_count(b1, q), fmt_count(b2, free_q), mt->what,
           fmt_price(b3, f->value), mt->scale == 1 ? "unit" : mt->scale == 1e3 ? "1k" : "1M", fmt_usd(b4, usd));
    else
      term(&acc, usd, "%s %s at %s per %s = %s", fmt_count(b1, q), mt->what, fmt_price(b2, f->value),
           mt->scale == 1 ? "unit" : mt->scale == 1e3 ? "1k" : "1M", fmt_usd(b3, usd));
  }
  /* Nothing billed: decide whether that means free, self-run or unknown. */
  bool paid_fact = best != NULL;
  for (int i = 0; i < t->nfacts && !paid_fact; i++)
    paid_fact = str_eqc(t->facts[i].key, "price") && !str_has_prefix(t->facts[i].name, S("free-"));
  if (!paid_fact) {
    if (str_eqc(t->hosting, "self-hosted")) {
      /* We run it ourselves: price the nodes it needs. */
      double node_vcpu = plan_figure(p, "self-hosted", "node-vcpu", 2);
      double node_mem = plan_figure(p, "self-hosted", "node-memory", 4294967296.0);
      double node_hour = plan_figure(p, "self-hosted", "node-hour", 0.0336);
      int k = u.sized ? u.min_instances : 1;
      if (u.sized && u.vcpu > 0)
        k = (int)fmax(k, ceil(fmin(u.vcpu / node_vcpu, 10000)));
      if (u.sized && u.memory > 0)
        k = (int)fmax(k, ceil(fmin(u.memory / node_mem, 10000)));
      double usd = k * node_hour * hours;
      c.instances = k;
      if (!p->quiet)
        c.sizing = str_printf(a, "%d x %g vCPU node%s", k, node_vcpu, k == 1 ? "" : "s");
      term(&acc, usd, "self-run on %d x %g vCPU node%s at %s/h x %.0f h = %s", k, node_vcpu, k == 1 ? "" : "s",
           fmt_price(b1, node_hour), hours, fmt_usd(b2, usd));
      /* Data we keep ourselves sits on block storage, on every replica. */
      if (u.gb_month > 0) {
        double gbp = plan_figure(p, "self-hosted", "disk-gb-month", 0.08);
        int copies = k < 2 ? k : 2;
        double dusd = u.gb_month * copies * gbp;
        term(&acc, dusd, "%s GB stored x %d cop%s on block storage at %s per GB-month = %s", fmt_count(b1, u.gb_month),
             copies, copies == 1 ? "y" : "ies", fmt_price(b2, gbp), fmt_usd(b3, dusd));
      }
    } else if (!str_eqc(t->hosting, "library") && !str_eqc(t->hosting, "tool")) {
      bool has_free = false, within = true;
      for (size_t i = 0; i < sizeof meters / sizeof *meters; i++) {
        double allowance = meters[i].free ? tech_value(t, "price", meters[i].free, -1) : -1;
        if (allowance < 0)
          continue;
        has_free = true;
        within &= usage_of(&u, meters[i].field) <= allowance;
      }
      if (has_free && within)
        term(&acc, 0, "within the free allowance");
      else {
        c.viable = false;
        c.why_not = has_free ? S("the load exceeds its free allowance and no paid price is recorded")
                             : S("no published price in the knowledge base");
      }
    }
  }
  /* Limits that rule a technology out at the design load. */
  double design_writes = p->load.writes_per_s * p->model->project.peak * p->load.margin;
  const KbFact *lw = tech_fact(t, "limit", "writes");
  if (lw && str_eqc(n->slot, "database") && lw->value < design_writes) {
    c.viable = false;
    c.why_not = p->quiet ? S("limit") : str_printf(a, "%s writes/s at design load exceed its limit of %s/s", fmt_count(b1, design_writes),
                           fmt_count(b2, lw->value));
  }
  const KbFact *cc = tech_fact(t, "limit", "concurrency");
  double conc = p->load.design_rps * plan_figure(p, "compute", "function-duration", 0.1);
  if (cc && str_eqc(n->slot, "compute") && cc->value < conc) {
    c.viable = false;
    c.why_not = p->quiet ? S("limit") : str_printf(a, "needs %s concurrent executions at design load; the default limit is %s",
                           fmt_count(b1, conc), fmt_count(b2, cc->value));
  }
  return c;
}
