/* Alerting rules: the thresholds the plan sets, as Prometheus rules.
 *
 *   error budget  the availability target leaves 1 - A of requests to fail;
 *                 page when that budget burns burn-fast-rate times too fast
 *                 over both burn-fast-long and burn-fast-short, warn at
 *                 burn-slow-rate over the slow windows (SRE Workbook,
 *                 multiwindow multi-burn-rate alerts);
 *   latency       p95 of the API above the spec's p95 target;
 *   saturation    CPU of the compute (when it has servers) and database
 *                 connections, above their kb/reports.kb shares;
 *   queue depth   more messages waiting than the queue-drain window of the
 *                 plan's message rate (at least queue-min-depth);
 *   replication   standby lag, when the availability target needs a standby.
 *
 * Figures come from kb/reports.kb (`figures alerts`); metric expressions
 * from its `vocab` records, keyed by technology id or family: a technology
 * without an expression gets no rule for that signal (the exporters differ).
 * HTTP metrics follow the OpenTelemetry semantic conventions as exported
 * to Prometheus (http_server_request_duration_seconds). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/fmt.h"
#include "../util/json.h"
#include "alerts.h"
#include "core.h"
#include "explain.h"

static double fig(const Plan *p, const char *name) { return kb_figure(p->kb, "alerts", name, NULL); }

/* A duration as Prometheus writes it: 90s, 5m, 1h. */
static Str dur(Arena *a, double s) {
  if (s >= 3600 && fmod(s, 3600) == 0)
    return str_printf(a, "%.0fh", s / 3600);
  if (s >= 60 && fmod(s, 60) == 0)
    return str_printf(a, "%.0fm", s / 60);
  return str_printf(a, "%.0fs", s);
}

/* The expression a vocab record gives for `key`, with $JOB replaced. */
static Str metric(Arena *a, const Plan *p, const char *vocab, Str key, Str job) {
  const KbRecord *r = kb_record(p->kb, "vocab", str_c(vocab));
  for (int i = 0; r && i < r->nitems; i++) {
    if (!str_eq(r->items[i].key, key) || !r->items[i].nvals)
      continue;
    Str t = r->items[i].vals[0].text;
    Buf b = {0};
    for (ptrdiff_t k = 0; k < t.n; k++)
      if (t.n - k >= 4 && !memcmp(t.p + k, "$JOB", 4)) {
        buf_str(&b, job);
        k += 3;
      } else
        buf_putc(&b, t.p[k]);
    Str s = str_printf(a, "%.*s", (int)b.n, b.p);
    buf_free(&b);
    return s;
  }
  return (Str){0};
}

/* "murmur": the project name in lowercase letters, digits and hyphens. */
static Str job_name(Arena *a, Str name) {
  char *s = new(a, char, name.n + 4);
  int n = 0;
  for (ptrdiff_t i = 0; i < name.n; i++) {
    char c = name.p[i];
    if (c >= 'A' && c <= 'Z')
      c = (char)(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      s[n++] = c;
    else if (n && s[n - 1] != '-')
      s[n++] = '-';
  }
  while (n && s[n - 1] == '-')
    n--;
  if (!n) {
    memcpy(s, "api", 3);
    n = 3;
  }
  return (Str){s, n};
}

/* What the rules share: the plan they are added to, and the project's
 * job as the metrics name it. */
typedef struct {
  Arena *a;
  Plan *p;
  int cap;
  Str base;   /* "murmur" */
  Str job;    /* "murmur-api" */
} Rules;

static const char *const req = "http_server_request_duration_seconds";

/* A new rule with what every rule states. */
static PromRule *rule(Rules *rs, const char *name, const char *signal, const char *severity, const char *unit,
                      double threshold, Str for_) {
  PromRule *r = push(rs->a, rs->p->alerts, rs->p->nalerts, rs->cap);
  r->name = str_c(name);
  r->signal = str_c(signal);
  r->severity = str_c(severity);
  r->unit = str_c(unit);
  r->threshold = threshold;
  r->for_ = for_;
  return r;
}

/* Error budget burn: a fast (k 0) and a slow (k 1) pair of windows. */
static void burn_rule(Rules *rs, int k) {
  Arena *a = rs->a;
  const Project *pr = &rs->p->model->project;
  const char *speed = k ? "slow" : "fast";
  double budget = 1 - pr->availability;
  char key[32];
  snprintf(key, sizeof key, "burn-%s-rate", speed);
  double rate = fig(rs->p, key);
  snprintf(key, sizeof key, "burn-%s-long", speed);
  double lw = fig(rs->p, key);
  snprintf(key, sizeof key, "burn-%s-short", speed);
  double sw = fig(rs->p, key);
  if (isnan(rate) || isnan(lw) || isnan(sw))
    return;
  double th = rate * budget;
  Str ratio[2];
  for (int w = 0; w < 2; w++) {
    Str win = dur(a, w ? sw : lw);
    ratio[w] = str_printf(a,
                          "sum(rate(%s_count{job=\"%.*s\",http_response_status_code=~\"5..\"}[%.*s])) / "
                          "sum(rate(%s_count{job=\"%.*s\"}[%.*s])) > %.6g",
                          req, STRF(rs->job), STRF(win), req, STRF(rs->job), STRF(win), th);
  }
  PromRule *r = rule(rs, k ? "ApiErrorBudgetBurnSlow" : "ApiErrorBudgetBurnFast", "errors", k ? "warning" : "critical",
                     "ratio", th, k ? S("15m") : S("2m"));
  r->what = S("5xx responses / all requests");
  r->condition = str_printf(a, "> %.4g%% over %.*s and %.*s, for %s", th * 100, STRF(dur(a, lw)), STRF(dur(a, sw)),
                            k ? "15m" : "2m");
  r->expr = str_printf(a, "(%.*s) and (%.*s)", STRF(ratio[0]), STRF(ratio[1]));
  r->window_long = lw;
  r->window_short = sw;
  r->summary = str_printf(a, "%.*s is failing %.4g%% of requests, burning its error budget %gx too fast",
                          STRF(rs->job), th * 100, rate);
  r->description = str_printf(a,
                              "The %.10g%% availability target leaves %.4g%% of requests to fail; at %gx that rate "
                              "over %.*s (and %.*s) the month's budget is gone in %.3g days.",
                              pr->availability * 100, budget * 100, rate, STRF(dur(a, lw)), STRF(dur(a, sw)),
                              pr->month / rate / 86400);
  r->runbook = S("Check the latest deploy and roll it back if the errors started with it; otherwise find the "
                 "failing route in the error logs and the failing dependency in the traces.");
}

/* p95 latency against the target. */
static void latency_rule(Rules *rs) {
  Arena *a = rs->a;
  const Plan *p = rs->p;
  double target = p->model->project.latency[PCT_P95], lfor = fig(p, "latency-for");
  if (!(target > 0) || isnan(lfor))
    return;
  PromRule *r = rule(rs, "ApiLatencyP95AboveTarget", "latency", "warning", "s", target, dur(a, lfor));
  r->what = S("p95 request latency");
  r->condition = str_printf(a, "> %.0f ms for %.*s", target * 1000, STRF(dur(a, lfor)));
  r->expr = str_printf(a, "histogram_quantile(0.95, sum by (le) (rate(%s_bucket{job=\"%.*s\"}[5m]))) > %.6g", req,
                       STRF(rs->job), target);
  r->summary = str_printf(a, "%.*s p95 latency is above the %.0f ms target", STRF(rs->job), target * 1000);
  const Path *slow = NULL;
  for (int i = 0; i < p->npaths; i++)
    if (!slow || p->paths[i].p95 > slow->p95)
      slow = &p->paths[i];
  r->description = slow ? str_printf(a, "The spec sets a p95 of %.0f ms; the plan puts the slowest path, %.*s, at "
                                        "%.0f ms.", target * 1000, STRF(slow->name), slow->p95 * 1000)
                        : str_printf(a, "The spec sets a p95 of %.0f ms.", target * 1000);
  r->runbook = S("Compare the slow routes with the latency budget in the plan; look for the dominant hop in "
                 "traces (database queries first), then scale out or add the index the query needs.");
}

/* Saturation of the compute's CPU. */
static void cpu_rule(Rules *rs) {
  Arena *a = rs->a;
  const Plan *p = rs->p;
  double sat = fig(p, "cpu-saturation"), sfor = fig(p, "saturation-for");
  const Choice *compute = plan_choice(p, "compute");
  Str cpu = compute ? metric(a, p, "alert-cpu", compute->tech->id, rs->base) : (Str){0};
  if (compute && !cpu.n)
    cpu = metric(a, p, "alert-cpu", compute->tech->family, rs->base);
  if (!cpu.n || isnan(sat) || isnan(sfor))
    return;
  char b1[32];
  PromRule *r = rule(rs, "ComputeCpuSaturation", "cpu", "warning", "ratio", sat, dur(a, sfor));
  r->tech = compute->tech->id;
  r->what = str_printf(a, "CPU in use on %.*s", STRF(compute->tech->name));
  r->condition = str_printf(a, "> %.0f%% for %.*s", sat * 100, STRF(dur(a, sfor)));
  r->expr = str_printf(a, "%.*s > %.6g", STRF(cpu), sat);
  r->summary = str_printf(a, "%.*s CPU is above %.0f%%", STRF(compute->tech->name), sat * 100);
  r->description = str_printf(a, "Sized as %.*s for a design load of %s requests a second; sustained CPU above "
                                  "%.0f%% leaves no room for the peak.",
                              STRF(compute->cost.sizing.n ? compute->cost.sizing : compute->tech->name),
                              fmt_count(b1, p->load.design_rps), sat * 100);
  r->runbook = S("Add instances (or raise the autoscaling maximum), then find what grew: traffic, a slow query "
                 "holding workers, or a hot loop in a recent deploy.");
}

/* Saturation of the database's connections. */
static void connections_rule(Rules *rs) {
  Arena *a = rs->a;
  const Plan *p = rs->p;
  double sfor = fig(p, "saturation-for");
  const Choice *db = plan_choice(p, "database");
  double conns = fig(p, "db-connections");
  Str dbsat = db ? metric(a, p, "alert-db-connections", db->tech->id, rs->base) : (Str){0};
  if (!dbsat.n || isnan(conns) || isnan(sfor))
    return;
  PromRule *r = rule(rs, "DatabaseConnectionsSaturation", "db-connections", "warning", "ratio", conns, dur(a, sfor));
  r->tech = db->tech->id;
  r->what = S("database connections in use / the maximum");
  r->condition = str_printf(a, "> %.0f%% for %.*s", conns * 100, STRF(dur(a, sfor)));
  r->expr = str_printf(a, "%.*s > %.6g", STRF(dbsat), conns);
  r->summary = str_printf(a, "%.*s connections are above %.0f%% of the maximum", STRF(db->tech->name), conns * 100);
  r->description = str_printf(a, "New connections fail at the maximum; %.0f%% leaves room for a deploy's overlap.",
                              conns * 100);
  r->runbook = S("Check for leaked or idle-in-transaction sessions; put a connection pooler in front or lower "
                 "the pool size per instance before raising max_connections.");
}

/* Queue depth of the queue (k 0) or the stream (k 1): more waiting than
 * the drain window of the message rate. */
static void depth_rule(Rules *rs, int k) {
  Arena *a = rs->a;
  const Plan *p = rs->p;
  double drain = fig(p, "queue-drain"), mind = fig(p, "queue-min-depth"), qfor = fig(p, "queue-for");
  const Choice *q = plan_choice(p, k ? "stream" : "queue");
  Str depth = q ? metric(a, p, "alert-queue-depth", q->tech->id, rs->base) : (Str){0};
  if (!depth.n || isnan(drain) || isnan(mind) || isnan(qfor))
    return;
  const Load *l = &p->load;
  double rate = (l->email_events + l->sms_events + l->push_events) / l->seconds_per_month;
  if (k == 1 || !plan_choice(p, "stream"))
    rate += l->ingest_rows_per_s / (l->ingest_batch > 1 ? l->ingest_batch : 1);
  double th = ceil(fmax(mind, rate * drain));
  PromRule *r = rule(rs, k ? "StreamConsumerLagHigh" : "QueueDepthHigh", "queue-depth", "warning", "messages", th,
                     dur(a, qfor));
  r->tech = q->tech->id;
  r->what = k ? S("messages the consumers have not read") : S("messages waiting in the queue");
  r->condition = str_printf(a, "> %.0f for %.*s", th, STRF(dur(a, qfor)));
  r->expr = str_printf(a, "%.*s > %.0f", STRF(depth), th);
  r->summary = str_printf(a, "%.*s has more than %.0f messages waiting", STRF(q->tech->name), th);
  r->description = str_printf(a, "At the plan's %.4g messages a second, %.0f waiting is more than %.*s of work "
                                 "(at least %.0f).",
                              rate, th, STRF(dur(a, drain)), mind);
  r->runbook = S("Check that the consumers are running and not failing on one poison message (see the "
                 "dead-letter queue); add consumers if the backlog keeps growing.");
}

/* Replication lag, when the availability target needs a standby. */
static void lag_rule(Rules *rs) {
  Arena *a = rs->a;
  const Plan *p = rs->p;
  const Choice *db = plan_choice(p, "database");
  double lag = fig(p, "replication-lag"), rfor = fig(p, "replication-for");
  bool standby = false;
  for (int i = 0; db && i < db->need->ncaps; i++)
    standby |= str_eqc(db->need->caps[i], "replication");
  Str lagm = standby ? metric(a, p, "alert-replication-lag", db->tech->id, rs->base) : (Str){0};
  if (!lagm.n || isnan(lag) || isnan(rfor))
    return;
  PromRule *r = rule(rs, "DatabaseReplicationLagHigh", "replication-lag", "critical", "s", lag, dur(a, rfor));
  r->tech = db->tech->id;
  r->what = S("standby replication lag");
  r->condition = str_printf(a, "> %.0f s for %.*s", lag, STRF(dur(a, rfor)));
  r->expr = str_printf(a, "%.*s > %.6g", STRF(lagm), lag);
  r->summary = str_printf(a, "%.*s standby is more than %.0f s behind", STRF(db->tech->name), lag);
  r->description = str_printf(a, "The %.10g%% availability target relies on failing over to the standby; a "
                                 "standby this far behind loses that much data on failover.",
                              p->model->project.availability * 100);
  r->runbook = S("Look for long transactions or heavy writes on the primary and for a standby short of I/O; do "
                 "not fail over while the lag is high unless the primary is lost.");
}

void plan_alerts(Arena *a, Plan *p) {
  Rules rs = {.a = a, .p = p, .base = job_name(a, p->model->project.name)};
  rs.job = str_printf(a, "%.*s-api", STRF(rs.base));
  for (int k = 0; k < 2 && 1 - p->model->project.availability > 0; k++)
    burn_rule(&rs, k);
  latency_rule(&rs);
  cpu_rule(&rs);
  connections_rule(&rs);
  depth_rule(&rs, 0);
  depth_rule(&rs, 1);
  lag_rule(&rs);
}

/* ---- the rules in the observability's own query language ---- */

/* A vocab entry "FACTOR QUERY": the factor from the rule's unit to the
 * metric's, then the query with $JOB, $W (the window as the provider
 * writes it: 1h, 5m) and $ALERT to fill. */
static bool template(const Plan *p, const char *vocab, Str key, double *factor, Str *query) {
  const KbRecord *r = kb_record(p->kb, "vocab", str_c(vocab));
  for (int i = 0; r && key.n && i < r->nitems; i++) {
    if (!str_eq(r->items[i].key, key) || !r->items[i].nvals)
      continue;
    Str t = r->items[i].vals[0].text;
    ptrdiff_t sp = 0;
    while (sp < t.n && t.p[sp] != ' ')
      sp++;
    char num[32];
    snprintf(num, sizeof num, "%.*s", (int)(sp < 31 ? sp : 31), t.p);
    *factor = atof(num);
    *query = sp < t.n ? (Str){t.p + sp + 1, t.n - sp - 1} : (Str){0};
    return query->n > 0 && *factor > 0;
  }
  return false;
}

static Str fill(Arena *a, Str t, Str job, Str win, Str alert) {
  Buf b = {0};
  for (ptrdiff_t k = 0; k < t.n; k++) {
    if (t.n - k >= 4 && !memcmp(t.p + k, "$JOB", 4))
      buf_str(&b, job), k += 3;
    else if (t.n - k >= 6 && !memcmp(t.p + k, "$ALERT", 6))
      buf_str(&b, alert), k += 5;
    else if (t.n - k >= 2 && !memcmp(t.p + k, "$W", 2))
      buf_str(&b, win), k += 1;
    else
      buf_putc(&b, t.p[k]);
  }
  Str s = str_printf(a, "%.*s", (int)b.n, b.n ? b.p : "");
  buf_free(&b);
  return s;
}

static double for_seconds(Str d) {
  double v = 0;
  ptrdiff_t i = 0;
  while (i < d.n && d.p[i] >= '0' && d.p[i] <= '9')
    v = v * 10 + (d.p[i++] - '0');
  char u = i < d.n ? d.p[i] : 's';
  return u == 'h' ? v * 3600 : u == 'm' ? v * 60 : v;
}

void plan_alert_queries(Arena *a, Plan *p, Str form) {
  Str job = job_name(a, p->model->project.name);
  for (int i = 0; i < p->nalerts; i++) {
    PromRule *r = &p->alerts[i];
    r->pfor = for_seconds(r->for_);
    char vocab[64];
    snprintf(vocab, sizeof vocab, "%.*s-%.*s", STRF(form), STRF(r->signal));
    double factor = 1;
    Str q = {0};
    const Tech *t = r->tech.n ? kb_tech(p->kb, r->tech) : NULL;
    bool found = r->tech.n ? template(p, vocab, r->tech, &factor, &q) || (t && template(p, vocab, t->family, &factor, &q))
                           : template(p, vocab, S("api"), &factor, &q);
    if (!found) {
      snprintf(vocab, sizeof vocab, "%.*s-custom", STRF(form));
      r->pcustom = template(p, vocab, S("any"), &factor, &q);
      if (!r->pcustom)
        continue;
    }
    /* Burn rates evaluate over their long window; the others over the
     * time they must hold (the provider's "for"). */
    r->pwindow = r->window_long > 0 ? r->window_long : r->pfor;
    r->pthreshold = r->threshold * factor;
    r->query = fill(a, q, job, dur(a, r->pwindow), r->name);
    if (str_eqc(form, "datadog")) {
      char num[32];
      fmt_num(num, r->pthreshold);   /* as options.thresholds.critical prints it */
      r->query = str_printf(a, "%.*s > %s", STRF(r->query), num);
    }
  }
}
