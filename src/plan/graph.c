/* Task graphs (see graph.h).
 *
 * Everything is linear or n log n in the size of the graph:
 *   adjacency   counting sort of the edge list into two CSR arrays;
 *   toposort    Kahn's algorithm; on a cycle, the tasks left over each
 *               still wait for a leftover dep, so walking from any of them
 *               to a leftover dep must revisit a task: that loop is the
 *               cycle reported;
 *   CPM         one forward pass (earliest times) and one backward pass
 *               (latest times) in topological order; the critical path
 *               follows zero-slack tasks whose start is a dep's finish;
 *   schedule    event simulation with two binary heaps: ready tasks by
 *               tail (longest first), running tasks by finish time. */
#include "graph.h"

#include <string.h>

Graph graph_make(void) { return (Graph){0}; }

int graph_add(Arena *a, Graph *g, double dur) {
  int cap = g->ncap;
  *push(a, g->dur, g->n, cap) = dur;
  g->ncap = cap;
  return g->n - 1;
}

void graph_need(Arena *a, Graph *g, int task, int dep) {
  int cap = g->ecap, n = g->ne;
  *push(a, g->etask, n, cap) = task;
  cap = g->ecap;
  n = g->ne;
  *push(a, g->edep, n, cap) = dep;
  g->ecap = cap;
  g->ne = n;
}

GraphAdj graph_adj(Arena *a, const Graph *g) {
  GraphAdj j;
  int n = g->n;
  j.pred_off = new(a, int, n + 1);
  j.succ_off = new(a, int, n + 1);
  j.pred = new(a, int, g->ne);
  j.succ = new(a, int, g->ne);
  for (int k = 0; k < g->ne; k++) {
    j.pred_off[g->etask[k] + 1]++;
    j.succ_off[g->edep[k] + 1]++;
  }
  for (int i = 0; i < n; i++) {
    j.pred_off[i + 1] += j.pred_off[i];
    j.succ_off[i + 1] += j.succ_off[i];
  }
  int *pf = new(a, int, n), *sf = new(a, int, n);
  for (int k = 0; k < g->ne; k++) {
    int t = g->etask[k], d = g->edep[k];
    j.pred[j.pred_off[t] + pf[t]++] = d;
    j.succ[j.succ_off[d] + sf[d]++] = t;
  }
  return j;
}

bool graph_toposort(Arena *a, const Graph *g, const GraphAdj *j, int *order, int **cycle, int *ncycle) {
  int n = g->n;
  int *left = new(a, int, n);   /* deps not yet ordered */
  int head = 0, tail = 0;
  for (int i = 0; i < n; i++) {
    left[i] = j->pred_off[i + 1] - j->pred_off[i];
    if (!left[i])
      order[tail++] = i;
  }
  while (head < tail) {
    int v = order[head++];
    for (int k = j->succ_off[v]; k < j->succ_off[v + 1]; k++)
      if (--left[j->succ[k]] == 0)
        order[tail++] = j->succ[k];
  }
  *cycle = NULL;
  *ncycle = 0;
  if (tail == n)
    return true;
  /* Walk from a leftover task to a leftover dep until a task repeats. */
  int *seen = new(a, int, n);   /* 1 + position in the walk, 0: not seen */
  int *walk = new(a, int, n);
  int len = 0, v = -1;
  for (int i = 0; i < n && v < 0; i++)
    if (left[i])
      v = i;
  while (!seen[v]) {
    seen[v] = len + 1;
    walk[len++] = v;
    int next = -1;
    for (int k = j->pred_off[v]; k < j->pred_off[v + 1] && next < 0; k++)
      if (left[j->pred[k]])
        next = j->pred[k];
    v = next;
  }
  *cycle = walk + (seen[v] - 1);
  *ncycle = len - (seen[v] - 1);
  return false;
}

bool graph_cpm(Arena *a, const Graph *g, const GraphAdj *j, Cpm *c) {
  int n = g->n;
  *c = (Cpm){0};
  c->order = new(a, int, n);
  if (!graph_toposort(a, g, j, c->order, &c->cycle, &c->ncycle))
    return false;
  c->es = new(a, double, n);
  c->ef = new(a, double, n);
  c->ls = new(a, double, n);
  c->lf = new(a, double, n);
  c->slack = new(a, double, n);
  c->tail = new(a, double, n);
  for (int x = 0; x < n; x++) {
    int v = c->order[x];
    double es = 0;
    for (int k = j->pred_off[v]; k < j->pred_off[v + 1]; k++)
      if (c->ef[j->pred[k]] > es)
        es = c->ef[j->pred[k]];
    c->es[v] = es;
    c->ef[v] = es + g->dur[v];
    if (c->ef[v] > c->length)
      c->length = c->ef[v];
  }
  for (int x = n - 1; x >= 0; x--) {
    int v = c->order[x];
    double lf = c->length, tail = 0;
    for (int k = j->succ_off[v]; k < j->succ_off[v + 1]; k++) {
      int s = j->succ[k];
      if (c->ls[s] < lf)
        lf = c->ls[s];
      if (c->tail[s] > tail)
        tail = c->tail[s];
    }
    c->lf[v] = lf;
    c->ls[v] = lf - g->dur[v];
    c->slack[v] = c->ls[v] - c->es[v];
    c->tail[v] = tail + g->dur[v];
  }
  /* One critical path: from the lowest-numbered zero-slack task that starts
   * at 0, follow the lowest-numbered zero-slack successor that starts when
   * the current task finishes. */
  double eps = 1e-9 * (1 + c->length);
  c->path = new(a, int, n);
  int v = -1;
  for (int i = 0; i < n && v < 0; i++)
    if (c->es[i] <= eps && c->slack[i] <= eps)
      v = i;
  while (v >= 0) {
    c->path[c->npath++] = v;
    int next = -1;
    for (int k = j->succ_off[v]; k < j->succ_off[v + 1]; k++) {
      int s = j->succ[k];
      if (c->slack[s] <= eps && c->es[s] - c->ef[v] <= eps && c->es[s] - c->ef[v] >= -eps && (next < 0 || s < next))
        next = s;
    }
    v = next;
  }
  return true;
}

/* ---- binary heaps of task or worker indices ---- */

typedef struct {
  int *v;
  int n;
  const double *key;   /* ready: tail (larger first); running: finish (smaller first) */
  bool max;
} Heap;

static bool before(const Heap *h, int x, int y) {
  double kx = h->key ? h->key[x] : 0, ky = h->key ? h->key[y] : 0;
  if (kx != ky)
    return h->max ? kx > ky : kx < ky;
  return x < y;
}

static void heap_push(Heap *h, int x) {
  int i = h->n++;
  h->v[i] = x;
  while (i > 0) {
    int p = (i - 1) / 2;
    if (!before(h, h->v[i], h->v[p]))
      break;
    int t = h->v[i];
    h->v[i] = h->v[p];
    h->v[p] = t;
    i = p;
  }
}

static int heap_pop(Heap *h) {
  int top = h->v[0];
  h->v[0] = h->v[--h->n];
  int i = 0;
  for (;;) {
    int l = 2 * i + 1, r = l + 1, m = i;
    if (l < h->n && before(h, h->v[l], h->v[m]))
      m = l;
    if (r < h->n && before(h, h->v[r], h->v[m]))
      m = r;
    if (m == i)
      break;
    int t = h->v[i];
    h->v[i] = h->v[m];
    h->v[m] = t;
    i = m;
  }
  return top;
}

Schedule graph_schedule(Arena *a, const Graph *g, const GraphAdj *j, const Cpm *c, int workers) {
  int n = g->n;
  if (workers < 1)
    workers = 1;
  Schedule s = {.workers = workers};
  s.start = new(a, double, n);
  s.finish = new(a, double, n);
  s.worker = new(a, int, n);
  int *left = new(a, int, n);
  Heap ready = {new(a, int, n), 0, c->tail, true};
  Heap running = {new(a, int, n), 0, s.finish, false};
  Heap idle = {new(a, int, workers), 0, NULL, false};
  for (int i = 0; i < n; i++) {
    left[i] = j->pred_off[i + 1] - j->pred_off[i];
    if (!left[i])
      heap_push(&ready, i);
  }
  for (int w = 0; w < workers; w++)
    heap_push(&idle, w);
  double now = 0;
  int done = 0;
  while (done < n) {
    while (idle.n && ready.n) {
      int t = heap_pop(&ready), w = heap_pop(&idle);
      s.start[t] = now;
      s.finish[t] = now + g->dur[t];
      s.worker[t] = w;
      heap_push(&running, t);
    }
    if (!running.n)
      break; /* a cycle: graph_cpm would have failed first */
    now = s.finish[running.v[0]];
    /* Every task finishing now frees its worker before anyone is assigned. */
    while (running.n && s.finish[running.v[0]] <= now) {
      int t = heap_pop(&running);
      done++;
      heap_push(&idle, s.worker[t]);
      for (int k = j->succ_off[t]; k < j->succ_off[t + 1]; k++)
        if (--left[j->succ[k]] == 0)
          heap_push(&ready, j->succ[k]);
    }
    if (now > s.length)
      s.length = now;
  }
  return s;
}
