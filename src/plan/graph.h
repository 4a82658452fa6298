/* Task graphs: topological order with cycle detection, the critical path
 * method (CPM) and list scheduling on N workers.
 *
 * A Graph is a set of tasks 0..n-1, each with a duration, and edges "task
 * needs dep" (dep must finish before task starts). Build it with graph_add
 * and graph_need, then call graph_cpm and graph_schedule; each runs in
 * O((n + e) log n) or better, with no pass over all pairs of tasks. All
 * memory comes from the arena given; results stay valid as long as it.
 *
 * Durations are in any unit (the roadmap uses working days); times start
 * at 0. Ties are broken by task index, so the same graph always gives the
 * same answer. */
#ifndef PLINTH_GRAPH_H
#define PLINTH_GRAPH_H

#include <stdbool.h>

#include "../util/arena.h"

typedef struct {
  int n, ncap;
  double *dur;
  int ne, ecap;
  int *etask, *edep;   /* edge k: etask[k] needs edep[k] */
} Graph;

/* An empty graph in arena `a` (which it keeps for growing). */
Graph graph_make(void);
/* Adds a task; returns its index. */
int graph_add(Arena *a, Graph *g, double dur);
/* Records that `task` needs `dep` to finish first. Self-edges are a cycle. */
void graph_need(Arena *a, Graph *g, int task, int dep);

/* Adjacency in compressed form, built once from the edge list. */
typedef struct {
  int *pred_off, *pred;   /* deps of i: pred[pred_off[i] .. pred_off[i+1]) */
  int *succ_off, *succ;   /* tasks that need i */
} GraphAdj;
GraphAdj graph_adj(Arena *a, const Graph *g);

/* Topological order into order[0..n). Returns true on a DAG; otherwise
 * false with *cycle set to the tasks of one cycle, each needing the next
 * and the last needing the first (*ncycle of them). */
bool graph_toposort(Arena *a, const Graph *g, const GraphAdj *adj, int *order, int **cycle, int *ncycle);

typedef struct {
  double *es, *ef, *ls, *lf;   /* earliest and latest start and finish */
  double *slack;               /* ls - es; 0 on the critical path */
  double *tail;                /* longest path from a task's start to the end */
  double length;               /* the project's length with unlimited workers */
  int *path;                   /* one critical path, first task to last */
  int npath;
  int *order;                  /* the topological order used */
  int *cycle;                  /* on failure: see graph_toposort */
  int ncycle;
} Cpm;

/* Critical path method. Returns false (cycle set) when the graph has a
 * cycle. */
bool graph_cpm(Arena *a, const Graph *g, const GraphAdj *adj, Cpm *out);

typedef struct {
  double *start, *finish;
  int *worker;                 /* 0-based */
  double length;               /* the schedule's makespan */
  int workers;
} Schedule;

/* List scheduling on `workers` workers: whenever a worker is free, it takes
 * the ready task with the longest tail (cpm->tail), lowest index on ties,
 * and the lowest-numbered free worker takes it. Non-preemptive. Needs a
 * successful graph_cpm. */
Schedule graph_schedule(Arena *a, const Graph *g, const GraphAdj *adj, const Cpm *cpm, int workers);

#endif
