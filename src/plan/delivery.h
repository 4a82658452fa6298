/* The plan's delivery: the roadmap (roadmap.c, graph.c), the risks and
 * STRIDE (risks.c), the review (review.c) and the filling of kb texts with
 * the plan's figures (fill.c). plan_delivery_for (core.h) runs them. */
#ifndef PLINTH_PLAN_DELIVERY_H
#define PLINTH_PLAN_DELIVERY_H

#include "core.h"

/* One task of the roadmap. Days are working days; start and finish are
 * days from the first morning, on the schedule for the team. */
typedef struct {
  Str id;                /* stable: "setup", "model-task", "crud-task", ... */
  Str name;              /* for people */
  int phase;             /* milestone it belongs to: 0 MVP, 1 beta, 2 production */
  double days;           /* the estimate */
  Str basis;             /* "base 1.5 d x size 1.2 x complexity 1.17 x team 1.34" */
  int *deps;             /* indices into Roadmap.tasks */
  int ndeps;
  double start, finish;  /* on the schedule */
  int dev;               /* 1-based developer on the schedule */
  double es, slack;      /* CPM: earliest start, slack */
  bool critical;         /* on the critical path */
  bool cuttable;         /* a candidate to cut when the deadline overshoots */
  Span span;             /* the spec text that creates it; len 0: the project */
} Task;

typedef struct {
  Str name;              /* "MVP", "beta", "production" */
  double day;            /* when its last task finishes on the schedule */
  int last;              /* that task */
  Str *criteria;         /* success criteria, with this plan's figures */
  int ncriteria;
  Str date;              /* with the spec's start date: the day it is reached */
} Milestone;

typedef struct Roadmap {
  Task *tasks;           /* in dependency-friendly build order */
  int ntasks, task_cap;
  int *critical;         /* the critical path, first task to last */
  int ncritical;
  double critical_days;  /* CPM length: the floor with unlimited developers */
  double duration_days;  /* the schedule's length for `devs` */
  int devs;              /* developers scheduled (the team, or --devs) */
  double level_factor;   /* the team level's effort multiplier */
  Str level_basis;       /* where it comes from */
  Milestone milestones[3];
  bool has_deadline;     /* the schedule is checked against a deadline */
  double deadline_days;  /* working days to it (0: under one working day) */
  Str deadline_text;     /* "30 working days", "less than one working day" */
  bool past_critical;    /* the critical path alone is longer than the deadline */
  Str deadline_fix;      /* over the deadline: what to do, as a clause */
  Str start_date;        /* the spec's start date, or empty: no calendar */
  Str finish_date;       /* with a start: the last working day of the schedule */
  Str deadline_date;     /* with a start: the deadline's date (given, or start + the duration) */
  bool on_track;
  double overshoot_days; /* duration - deadline when over */
  int *cut;              /* tasks to cut first, best saving first */
  int ncut;
  double cut_duration;   /* the schedule's length without them */
  int devs_needed;       /* developers that would meet the deadline; 0: none up to 64 */
  Str error;             /* set when the task graph has a cycle */
  Str start_title[3];    /* where to start today: kb `start` steps, filled in */
  Str start_command[3];
  int nstart;
  const KbRecord **pitfalls;   /* kb `pitfall` records for this stack and level */
  int npitfalls;
} Roadmap;

/* A fired risk. */
typedef struct Risk {
  const KbRecord *rule;
  Str id, name;
  int impact, probability;   /* 1 low, 2 medium, 3 high */
  Str impact_word, probability_word;
  Str owner;             /* role */
  Str why;               /* with this plan's figures */
  Str mitigation;
  Span span;             /* the spec text responsible */
} Risk;

/* STRIDE for one data flow. */
typedef struct StrideFlow {
  Str flow;              /* "client -> API" */
  Str threat[6];         /* S T R I D E: the mitigation this plan applies */
} StrideFlow;

typedef enum { REVIEW_PASS, REVIEW_FAIL, REVIEW_NA } ReviewStatus;

/* One checklist item evaluated against the plan. */
typedef struct ReviewItem {
  const KbRecord *rule;
  Str id, template_name, item;
  ReviewStatus status;
  Str reason;            /* why it fails, or why it passes / does not apply */
  Severity severity;     /* of a failure, for plinth check */
  Span span;             /* the spec text responsible */
} ReviewItem;

/* Roadmap (roadmap.c): the task graph, estimates, critical path, schedule
 * for `devs` developers (0: the team's size), milestones and the deadline.
 * Needs the choices. */
void plan_roadmap(Arena *a, Plan *p, int devs);
/* Risks (risks.c): fires kb `risk` rules against the plan and writes the
 * STRIDE review of each data flow. Needs the roadmap. */
void plan_risks(Arena *a, Plan *p);
/* Whether a kb record's `when` facts all hold and none of its `unless`
 * facts (NULL: no unless) do; an absent `when` holds. */
bool plan_rule_holds(const Plan *p, const KbRecord *r, const char *when, const char *unless);
/* The percentile the p95 target comes from: p95 when the spec states it,
 * else the one model/project.c derives it from (p99, p90, then p50); -1
 * when none is stated. */
int plan_latency_source(const Plan *p);
/* A path's figure at a percentile: the p50 at p50; the p95 otherwise, an
 * upper bound of the p90 and a lower bound of the p99 (a p95 over a p99
 * target is a sure miss). */
double plan_latency_at(const Path *x, int pct);
/* The first path over the spec's stated target at that percentile, or NULL. */
const Path *plan_latency_miss(const Plan *p, int pct);
/* The spec text a word of `vocab spec-parts` names (budget, deadline,
 * integration, ...); the project block when the spec lacks it. */
Span plan_span(const Plan *p, Str part);
/* A relation no index serves (off a relational store), or NULL. */
const Field *plan_unindexed_relation(const Plan *p);
/* The technology holding an entity's rows: the events store or the database. */
const Tech *plan_store_of(const Plan *p, const Entity *e);
/* Review (review.c): evaluates kb `check` items against the plan. Needs
 * the risks' facts. */
void plan_review(Arena *a, Plan *p);
/* Adds a fact (a word of `vocab facts`) once. */
void plan_add_fact(Arena *a, Plan *p, Str fact);
/* Fills {placeholders} of a kb text from the plan: {SLOT} is the chosen
 * technology's name for that slot, and a few computed figures ({cost},
 * {budget}, {duration}, {deadline}, ...; see fill.c). */
Str plan_fill(Arena *a, const Plan *p, Str text);
/* A kb record's first value of `key` (a string or word), or empty. */
Str rec_text(const KbRecord *r, const char *key);

#endif
