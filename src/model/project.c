/* Resolution of the project block: its figures normalised, defaults filled
 * (each one an Assumption), contradictions and word lists checked. */
#include "resolve.h"
#include "../util/date.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- project ---- */

static bool known(Str w, const char *const *list) {
  for (; *list; list++)
    if (str_eqc(w, *list))
      return true;
  return false;
}

static void check_words(Resolver *r, const Word *w, int n, const char *const *list, const char *what) {
  for (int i = 0; i < n; i++) {
    if (known(w[i].word, list))
      continue;
    const char *best = NULL;
    int bd = 3;
    for (const char *const *x = list; *x; x++) {
      int d = str_distance(w[i].word, str_c(*x), 2);
      if (d < bd)
        bd = d, best = *x;
    }
    char all[256];
    size_t k = 0;
    all[0] = 0;
    for (const char *const *x = list; *x && k + 1 < sizeof all; x++)
      k += (size_t)snprintf(all + k, sizeof all - k, "%s%s", x == list ? "" : ", ", *x);
    if (best)
      ERR(r, w[i].span, "unknown %s '%.*s%s'; did you mean '%s'?", what, NAMEF(w[i].word), best);
    else
      ERR(r, w[i].span, "unknown %s '%.*s%s'; expected one of %s", what, NAMEF(w[i].word), all);
  }
}

/* A rate in rows per second, with per-month rates taken at the project's
 * month length. */
double resolve_rate(const Fig *f, double month) {
  if (!f->set)
    return 0;
  return f->monthly ? f->v * SECONDS_PER_MONTH / month : f->v;
}

static Span whole(Resolver *r) { return r->m->project.src.present ? r->m->project.src.span : (Span){0, 0}; }

/* The month's length first: rates per month are rescaled by it. */
static void project_month(Resolver *r, const AstProject *ap) {
  Project *p = &r->m->project;
  p->month = SECONDS_PER_MONTH;
  if (ap->month.set) {
    if (ap->month.v <= 0)
      ERR(r, ap->month.span, "seconds-per-month must be positive");
    else {
      p->month = ap->month.v;
      if (p->month < 2.3e6 || p->month > 2.7e6)
        WARN(r, ap->month.span, "a month has 2.4M to 2.7M seconds; %g is far from that", p->month);
    }
  }
}

/* Load: users, their active share, actions each, requests a day. */
static void project_load(Resolver *r, const AstProject *ap, Span here) {
  Project *p = &r->m->project;
  if (ap->users.set)
    p->users = ap->users.v;
  else {
    p->users = 1000;
    resolve_assume(r, here, S("project.users"), "1,000 users (the spec gives no users figure)");
  }
  if (ap->users.set && ap->users.v != floor(ap->users.v))
    ERR(r, ap->users.span, "a number of users is a whole number");

  /* active share */
  if (ap->active.set) {
    p->active = ap->active.v;
    if (p->active > 1)
      ERR(r, ap->active.span, "the active share cannot exceed 100%%");
    else if (p->active == 0)
      ERR(r, ap->active.span, "an active share of 0%% means no traffic; give at least 1%%");
  } else {
    p->active = 0.2;
    resolve_assume(r, here, S("project.active"), "20%% of users are active on a typical day");
  }

  /* actions per active user */
  if (ap->actions.set)
    p->actions = ap->actions.v;
  else {
    p->actions = 20;
    if (!ap->requests.set)
      resolve_assume(r, here, S("project.actions"), "each active user makes 20 API requests a day");
  }

  /* requests per day */
  p->reads_per_s = resolve_rate(&ap->reads, p->month);
  if (ap->requests.set) {
    p->has_requests = true;
    p->requests_per_day = resolve_rate(&ap->requests, p->month) * SECONDS_PER_DAY;
    double floor_rq = p->users * p->active;
    if (ap->users.set && p->requests_per_day < floor_rq && floor_rq > 0)
      WARN(r, ap->requests.span, "fewer requests a day (%.0f) than active users (%.0f)", p->requests_per_day,
           floor_rq);
  } else
    p->requests_per_day = p->users * p->active * p->actions;
}

/* Devices and the writes they make. */
static void project_writes(Resolver *r, const AstProject *ap) {
  Project *p = &r->m->project;
  p->devices = ap->devices.set ? ap->devices.v : 0;
  p->interval = ap->interval.set ? ap->interval.v : 0;
  if (ap->interval.set && ap->interval.v == 0)
    ERR(r, ap->interval.span, "a reporting interval must be positive");
  if (ap->interval.set && !ap->devices.set)
    WARN(r, ap->interval.span, "interval applies to devices, and the project gives no devices figure");
  if (ap->writes.set)
    p->writes_per_s = resolve_rate(&ap->writes, p->month);
  else if (p->devices > 0) {
    if (!ap->interval.set) {
      p->interval = 60;
      resolve_assume(r, ap->devices.span, S("project.interval"), "each device reports once a minute");
    }
    p->writes_per_s = p->interval > 0 ? p->devices / p->interval : 0;
  }
  if (ap->writes.set && ap->devices.set && ap->interval.set && ap->interval.v > 0) {
    double implied = ap->devices.v / ap->interval.v;
    double w = resolve_rate(&ap->writes, p->month);
    if (fabs(implied - w) > 0.5 * implied)
      WARN(r, ap->writes.span, "writes (%g/s) disagree with devices / interval (%g/s)", w, implied);
  }
}

/* Targets: the peak factor, the budget and availability. */
static void project_targets(Resolver *r, const AstProject *ap, Span here) {
  Project *p = &r->m->project;
  if (ap->peak.set) {
    p->peak = ap->peak.v;
    if (p->peak < 1 && p->peak >= 0)
      ERR(r, ap->peak.span, "a peak factor is at least 1x (the peak is never below the average)");
    else if (p->peak > 1000)
      WARN(r, ap->peak.span, "a peak of %gx the average is unusual; check the figure", p->peak);
  } else {
    p->peak = 3;
    resolve_assume(r, here, S("project.peak"), "the busiest hour carries 3x the average load");
  }

  /* budget */
  if (ap->budget.set) {
    p->budget = ap->budget.v;
    p->has_budget = true;
    if (p->budget == 0)
      WARN(r, ap->budget.span, "a budget of $0 leaves only free tiers");
  } else
    resolve_assume(r, here, S("project.budget"), "no budget limit: cost is minimised but not capped");

  /* availability */
  if (ap->availability.set) {
    p->availability = ap->availability.v;
    if (p->availability >= 1)
      ERR(r, ap->availability.span, "100%% availability cannot be met by any system; use 99.99%% or less");
    else if (p->availability < 0.9 && p->availability >= 0)
      WARN(r, ap->availability.span, "an availability below 90%% allows over 36 days of downtime a year");
  } else {
    p->availability = 99.9 / 100.0;   /* as "99.9%" is read, so both compare alike */
    resolve_assume(r, here, S("project.availability"), "99.9%% availability (about 43 minutes of downtime a month)");
  }
}

/* Latency targets by percentile; p95 derived from another or assumed. */
static void project_latency(Resolver *r, const AstProject *ap, Span here) {
  Project *p = &r->m->project;
  static const char *const pname[] = {"p50", "p90", "p95", "p99"};
  bool any = false;
  for (int i = 0; i < 4; i++) {
    if (!ap->latency[i].set)
      continue;
    any = true;
    p->latency[i] = ap->latency[i].v;
    if (p->latency[i] <= 0)
      ERR(r, ap->latency[i].span, "a latency target must be positive");
    if (p->latency[i] < 0)
      p->latency[i] = 0;
  }
  for (int hi = 1; hi < 4; hi++)
    for (int lo = 0; lo < hi; lo++)
      if (ap->latency[lo].set && ap->latency[hi].set && ap->latency[hi].v < ap->latency[lo].v)
        ERR(r, ap->latency[lo].span, "%s (%gms) is above %s (%gms): a lower percentile cannot be slower",
            pname[lo], ap->latency[lo].v * 1000, pname[hi], ap->latency[hi].v * 1000);
  if (!ap->latency[PCT_P95].set) {
    /* Derive p95 from what was given, or assume it. */
    if (ap->latency[PCT_P99].set)
      p->latency[PCT_P95] = ap->latency[PCT_P99].v * 0.7;
    else if (ap->latency[PCT_P90].set)
      p->latency[PCT_P95] = ap->latency[PCT_P90].v * 1.3;
    else if (ap->latency[PCT_P50].set)
      p->latency[PCT_P95] = ap->latency[PCT_P50].v * 3;
    else
      p->latency[PCT_P95] = 0.3;
    resolve_assume(r, here, S("project.latency.p95"), any ? "a p95 target of %.0fms, derived from the given percentile"
                                                  : "a p95 latency target of %.0fms",
           p->latency[PCT_P95] * 1000);
  }
}

/* The team: its size, level and skills. */
static void project_team(Resolver *r, const AstProject *ap, Span here) {
  Project *p = &r->m->project;
  if (ap->team.set) {
    if (ap->team.v >= 0 && (ap->team.v < 1 || ap->team.v != floor(ap->team.v) || ap->team.v > 10000))
      ERR(r, ap->team.span, "a team is a whole number of people from 1 to 10000");
    p->team = ap->team.v >= 1 && ap->team.v <= 10000 ? (int)ap->team.v : 1;
  } else {
    p->team = 2;
    resolve_assume(r, here, S("project.team"), "a team of 2 developers");
  }
  if (ap->level)
    p->level = ap->level;
  else {
    p->level = LVL_MID;
    resolve_assume(r, here, S("project.team.level"), "the team is of mid level");
  }
  if (!ap->nskills)
    resolve_assume(r, here, S("project.team.skills"), "the team's skills are not known, so no stack is preferred for familiarity");
  p->skills = ap->skills, p->nskills = ap->nskills;
}

/* Word lists: each word from the knowledge base's vocabulary, currencies
 * as ISO 4217 codes. */
static void project_words(Resolver *r, const AstProject *ap, Span here) {
  Project *p = &r->m->project;
  if (&spec_words) { /* absent only in tools/kbgen, which resolves no spec */
    check_words(r, ap->compliance, ap->ncompliance, spec_words.compliance, "compliance regime");
    check_words(r, ap->prefer, ap->nprefer, spec_words.preferences, "preference");
    check_words(r, ap->priorities, ap->npriorities, spec_words.priorities, "priority");
    check_words(r, ap->clouds, ap->nclouds, spec_words.clouds, "cloud");
  }
  p->compliance = ap->compliance, p->ncompliance = ap->ncompliance;
  p->prefer = ap->prefer, p->nprefer = ap->nprefer;
  p->priorities = ap->priorities, p->npriorities = ap->npriorities;
  p->regions = ap->regions, p->nregions = ap->nregions;
  p->clouds = ap->clouds, p->nclouds = ap->nclouds;
  p->currencies = ap->currencies, p->ncurrencies = ap->ncurrencies;
  for (int i = 0; i < ap->ncurrencies; i++) {
    Str c = ap->currencies[i].word;
    bool iso = c.n == 3;
    for (ptrdiff_t k = 0; iso && k < 3; k++)
      iso = c.p[k] >= 'A' && c.p[k] <= 'Z';
    if (!iso)
      ERR(r, ap->currencies[i].span, "a currency is a three-letter ISO 4217 code in capitals, such as EUR or USD; found '%.*s%s'",
          NAMEF(c));
    for (int k = 0; k < i; k++)
      if (str_eq(ap->currencies[k].word, c))
        ERR(r, ap->currencies[i].span, "currency '%.*s%s' is listed twice", NAMEF(c));
  }
  if (!ap->nprefer)
    resolve_assume(r, here, S("project.prefer"), "managed services are preferred over self-hosted ones");
  if (!ap->nregions)
    resolve_assume(r, here, S("project.region"), "one region, close to most users");
}

/* The growth horizon and the deadline. */
static void project_schedule(Resolver *r, const AstProject *ap, Span here) {
  Project *p = &r->m->project;
  if (ap->horizon.set) {
    p->horizon = ap->horizon.v;
    if (p->horizon < SECONDS_PER_MONTH || p->horizon > 20 * 12 * SECONDS_PER_MONTH)
      ERR(r, ap->horizon.span, "a growth horizon is 1 month to 20 years, such as 'horizon 5 years'");
  }

  /* deadline */
  p->start_date = ap->start_date;
  if (ap->deadline_date.n && ap->start_date.n) {
    /* Both dates are the spec's: the calendar days between them are the
     * deadline, the same whatever day the plan is made. */
    long from = date_days(ap->start_date), to = date_days(ap->deadline_date);
    p->deadline_date = ap->deadline_date;
    if (to <= from)
      ERR(r, ap->deadline.span, "the deadline %.*s is not after the start %.*s", STRF(ap->deadline_date),
          STRF(ap->start_date));
    else
      p->deadline = (double)(to - from) * SECONDS_PER_DAY;
  } else if (ap->deadline_date.n) {
    /* A calendar date needs a first day to become a duration, and the
     * same spec must always give the same plan: without a start the date
     * is kept and shown, and no duration is assumed from it. */
    p->deadline_date = ap->deadline_date;
    resolve_assume(r, here, S("project.deadline"),
           "the deadline is the date %.*s, but the spec has no start date: add 'start YYYY-MM-DD' to have the "
           "roadmap scheduled and checked against it", STRF(ap->deadline_date));
  } else if (ap->deadline.set) {
    p->deadline = ap->deadline.v;
    if (p->deadline == 0)
      ERR(r, ap->deadline.span, "a deadline must be in the future");
  } else
    resolve_assume(r, here, S("project.deadline"), "no deadline: the roadmap reports its duration only");
}

void resolve_project(Resolver *r, const AstProject *ap) {
  Project *p = &r->m->project;
  p->src = *ap;
  p->name = ap->name;
  p->idea = ap->idea;
  p->span = ap->span;
  Span here = whole(r);
  if (!ap->present)
    WARN(r, ((Span){0, 0}), "no project block: every project figure below is assumed");
  else if (!ap->idea.n)
    WARN(r, ap->name_span, "the project has no idea line; documents will lack a one-sentence summary");

  const Fig *nonneg[] = {&ap->users, &ap->active, &ap->actions, &ap->requests, &ap->reads, &ap->writes, &ap->devices,
                         &ap->interval, &ap->peak, &ap->budget, &ap->availability, &ap->deadline, &ap->team};
  for (size_t i = 0; i < sizeof nonneg / sizeof *nonneg; i++)
    if (nonneg[i]->set && nonneg[i]->v < 0)
      ERR(r, nonneg[i]->span, "this figure must not be negative");
  project_month(r, ap);
  project_load(r, ap, here);
  project_writes(r, ap);
  project_targets(r, ap, here);
  project_latency(r, ap, here);
  project_team(r, ap, here);
  project_words(r, ap, here);
  project_schedule(r, ap, here);
}
