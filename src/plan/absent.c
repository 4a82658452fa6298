/* Absences: for every slot the knowledge base knows and the plan leaves
 * out, why, with the plan's own figures, and the point at which the slot
 * would be needed (`plinth explain SPEC SLOT` prints it).
 *
 * A stage that decides a slot is not needed may say why itself with
 * plan_absent_note (needs.c is the natural place); plan_absences keeps
 * those and supplies the rest. Its own conditions restate the ones
 * plan_needs applies; grep 'ORDER NEED THRESHOLDS' in needs.c and here when
 * one changes. tests/pins checks that every absence's revisit point lies
 * beyond the plan's load, which catches the two drifting apart. */
#include <string.h>

#include "../util/fmt.h"
#include "core.h"
#include "explain.h"

/* ORDER NEED THRESHOLDS: the values needs.c decides with. */
enum {
  CACHE_READS = 2000,        /* reads x peak a second */
  STREAM_INGEST = 1000,      /* ingested rows a second */
  SEARCH_ROWS = 1000000,     /* rows of a searched entity */
};
static const double CACHE_P95 = 0.1;   /* with 90% reads or more */

typedef struct {
  Absence *v;
  int n, cap;
} List;

static void add(Arena *a, List *l, Str slot, Str why, Str revisit, bool minor) {
  if (l->n == l->cap) {
    int nc = l->cap ? l->cap * 2 : 16;
    Absence *nv = new(a, Absence, nc);
    if (l->n)
      memcpy(nv, l->v, sizeof(Absence) * (size_t)l->n);
    l->v = nv, l->cap = nc;
  }
  l->v[l->n++] = (Absence){slot, why, revisit, minor};
}

static bool has_feature(const Model *m, FeatureKind k) {
  for (int i = 0; i < m->nfeatures; i++)
    if (m->features[i].kind == k)
      return true;
  return false;
}

/* The factor by which today's figure must grow to reach the threshold, as
 * words: "at 12x today's load". */
static Str times(Arena *a, double now, double at) {
  if (now <= 0)
    return S("");
  double f = at / now;
  return f >= 10 ? str_printf(a, " (about %.0fx today's)", f) : str_printf(a, " (about %.1fx today's)", f);
}

/* No cache: peak reads against the cache threshold, and the p95. */
static Str why_cache(Arena *a, const Plan *p, Str *revisit, bool *minor) {
  const Project *pr = &p->model->project;
  const Load *ld = &p->load;
  char b1[32], b2[32];
  *minor = false;
  double peak_reads = ld->reads_per_s * pr->peak;
  *revisit = str_printf(a, "at %s reads a second at peak%.*s, or when a crud feature asks for `cache`",
                        fmt_count(b1, CACHE_READS), STRF(times(a, peak_reads, CACHE_READS)));
  char b3[32];
  bool tight = pr->latency[PCT_P95] <= CACHE_P95;
  return str_printf(a,
                    "no cache: reads peak at %s a second (%s a second x peak %.3gx), under the %s at which the "
                    "database needs one in front; %.0f%% of requests are reads%s; no crud feature asks for `cache`",
                    fmt_count(b1, peak_reads), fmt_count(b2, ld->reads_per_s), pr->peak, fmt_count(b3, CACHE_READS),
                    ld->read_share * 100,
                    tight ? ", under the 90% at which a cache holds a p95 this tight"
                          : " and the p95 target leaves the database time to answer");
}

/* No event stream: nothing ingested, or ingest under the stream threshold. */
static Str why_stream(Arena *a, const Plan *p, Str *revisit, bool *minor) {
  const Model *m = p->model;
  const Load *ld = &p->load;
  char b1[32], b2[32];
  *revisit = str_printf(a, "at %s ingested rows a second%.*s", fmt_count(b1, STREAM_INGEST),
                        STRF(times(a, ld->ingest_rows_per_s, STREAM_INGEST)));
  if (!has_feature(m, FK_INGEST))
    return S("no event stream: the spec ingests nothing (no `feature ingest`), and nothing else needs an ordered, "
             "replayable log");
  *minor = false;
  return str_printf(a, "no event stream: ingest is %s rows a second, under the %s at which a replayable stream "
                       "pays; a queue buffers it",
                    fmt_count(b1, ld->ingest_rows_per_s), fmt_count(b2, STREAM_INGEST));
}

/* No queue: realtime fan-out small enough to deliver inline, or no work off
 * the request path at all. */
static Str why_queue(Arena *a, const Plan *p, Str *revisit, bool *minor) {
  const Load *ld = &p->load;
  char b1[32], b2[32];
  double fr = plan_figure(p, "workload", "fanout-recipients", 100),
         fd = plan_figure(p, "workload", "fanout-deliveries", 1000);
  double per = ld->fanout_recipients, at_peak = plan_fanout_peak(p);
  char b3[32], b4[32];
  if (per > 0) {
    *minor = false;
    *revisit = str_printf(a, "at %s recipients a write or %s deliveries a second at peak%.*s, or when work leaves "
                             "the request path (notifications, reports, ingest, media renditions, a search engine "
                             "to feed)",
                          fmt_count(b1, fr), fmt_count(b2, fd), STRF(times(a, at_peak, fd)));
    return str_printf(a, "no queue: a realtime write reaches at most %s recipients, %s deliveries a second at peak, "
                         "which the request delivers inline (a queue of fan-out jobs past %s recipients or %s a "
                         "second); nothing else runs off the request path",
                      fmt_count(b1, per), fmt_count(b2, at_peak), fmt_count(b3, fr), fmt_count(b4, fd));
  }
  *revisit = S("when work leaves the request path: notifications, reports, ingest, media renditions, fan-out to "
               "many recipients or a search engine to feed");
  return S("no queue: nothing runs off the request path (no notify, ingest or report feature, no image, video or "
           "audio upload to process, no write that fans out to many recipients, no search engine to index, no "
           "provider that calls back), so there are no jobs to carry to a worker");
}

/* No search engine: no search feature, or the largest searched entity under
 * the engine threshold. */
static Str why_search(Arena *a, const Plan *p, Str *revisit, bool *minor) {
  const Model *m = p->model;
  char b1[32], b2[32];
  double rows = 0;
  Str which = {0};
  bool any = false;
  for (int i = 0; i < m->nfeatures; i++)
    if (m->features[i].kind == FK_SEARCH && m->features[i].entity) {
      any = true;
      if (m->features[i].entity->rows * p->ent_scale >= rows)
        rows = m->features[i].entity->rows * p->ent_scale, which = m->features[i].entity->name;
    }
  if (!any) {
    *revisit = S("when the spec adds `feature search`");
    return S("no search engine: the spec has no search feature; lists filter and sort in the database");
  }
  *minor = false;
  *revisit = str_printf(a, "at %s %.*s rows%.*s, or when search needs facets or typo tolerance",
                        fmt_count(b1, SEARCH_ROWS), STRF(which), STRF(times(a, rows, SEARCH_ROWS)));
  return str_printf(a,
                    "no search engine: the database's full-text index serves search: %.*s has %s rows, under the %s "
                    "at which ranking and index size call for an engine, and no search asks for facets or fuzzy "
                    "matching",
                    STRF(which), fmt_count(b1, rows), fmt_count(b2, SEARCH_ROWS));
}

/* No CDN: no files served, or downloads under the CDN's break-even. */
static Str why_cdn(Arena *a, const Plan *p, Str *revisit, bool *minor) {
  char b1[32], b2[32];
  double at = plan_figure(p, "network", "cdn-egress", 100e9);
  double files = p->bw.blob_egress_bytes_per_month, assets = plan_asset_egress(p), now = files + assets;
  *revisit = str_printf(a, "at %s of file downloads and web client files a month%.*s", fmt_bytes(b1, at),
                        STRF(times(a, now, at)));
  if (now <= 0)
    return S("no CDN: the API serves no files (no blob fields), and its JSON responses are per user, not cacheable "
             "at the edge");
  *minor = false;
  if (files <= 0)
    return str_printf(a, "no CDN: the web client's files come to %s a month, under the %s at which a CDN pays for "
                      "itself; the API's JSON responses are per user, not cacheable at the edge",
                      fmt_bytes(b1, assets), fmt_bytes(b2, at));
  return str_printf(a, "no CDN: file downloads and the web client's files come to %s a month, under the %s at which "
                    "a CDN pays for itself",
                    fmt_bytes(b1, now), fmt_bytes(b2, at));
}

/* No email, SMS or push provider: an integration delivers it, or nothing
 * sends it. */
static Str why_messaging(Arena *a, const Plan *p, Str slot, Str *revisit) {
  const Model *m = p->model;
  const char *what = str_eqc(slot, "email") ? "email" : str_eqc(slot, "sms") ? "sms" : "push";
  const Feature *via = model_integration(m, what);
  if (via) {
    *revisit = S("if that integration goes");
    return str_printf(a, "no %s provider chosen: the spec's integration %.*s delivers %s", what, STRF(via->name),
                      str_eqc(slot, "sms") ? "text messages" : str_eqc(slot, "push") ? "push notifications" : "email");
  }
  *revisit = str_printf(a, "when the spec adds `feature notify %s`", what);
  return str_printf(a, "no %s provider: nothing in the spec sends %s (no `feature notify %s`)", what,
                    str_eqc(slot, "sms") ? "text messages" : str_eqc(slot, "push") ? "push notifications" : "email",
                    what);
}

/* *minor: absent only because the spec asks for nothing the slot provides. */
static Str why_slot(Arena *a, const Plan *p, Str slot, Str *revisit, bool *minor) {
  const Load *ld = &p->load;
  char b1[32];
  *revisit = (Str){0};
  *minor = true;
  if (str_eqc(slot, "cache"))
    return why_cache(a, p, revisit, minor);
  if (str_eqc(slot, "stream"))
    return why_stream(a, p, revisit, minor);
  if (str_eqc(slot, "queue"))
    return why_queue(a, p, revisit, minor);
  if (str_eqc(slot, "search"))
    return why_search(a, p, revisit, minor);
  if (str_eqc(slot, "cdn"))
    return why_cdn(a, p, revisit, minor);
  if (str_eqc(slot, "analytics")) {
    *revisit = S("when the spec adds `feature report` or `feature dashboard` over a history past the warehouse point");
    /* A history past the warehouse point is worth naming: analysis of it
     * would need a copy off the system of record, though nothing asks. */
    double limit = plan_figure(p, "workload", "warehouse-rows", 100e6), most = 0;
    const Entity *widest = NULL;
    for (int i = 0; i < p->model->nentities; i++) {
      const EntityStorage *es = &p->storage.ents[i];
      double rows = plan_rows_at(es, p->horizon_months) * p->ent_scale;
      if (rows > most)
        most = rows, widest = &p->model->entities[i];
    }
    if (widest && most >= limit) {
      char b2[32];
      *minor = false;
      return str_printf(a, "no warehouse: the spec asks for no report or dashboard, so nothing scans history; %s "
                           "%.*s rows after %g years pass the %s rows at which scanning them calls for a "
                           "columnar copy (a warehouse)",
                        fmt_count(b1, most), STRF(widest->name), p->horizon_months / 12, fmt_count(b2, limit));
    }
    return S("no warehouse: nothing scans history (no report or dashboard feature); lists and exports read the "
             "database");
  }
  if (str_eqc(slot, "object-storage")) {
    *revisit = S("when an entity gets a blob field or the spec adds `feature upload`");
    return S("no object storage: no entity has a blob field and nothing is uploaded; every row fits the database");
  }
  if (str_eqc(slot, "realtime")) {
    *revisit = S("when the spec adds `feature realtime` or a live dashboard");
    return S("no realtime channel: nothing is pushed to clients (no realtime feature, no live dashboard); clients "
             "read through the API");
  }
  if (str_eqc(slot, "auth") || str_eqc(slot, "authlib")) {
    *revisit = S("when the spec adds `feature auth`");
    return str_printf(a, "no %s: the spec has no `feature auth`, so every endpoint is open and nobody signs in",
                      str_eqc(slot, "auth") ? "identity service" : "token library");
  }
  if (str_eqc(slot, "orm")) {
    *minor = false;
    *revisit = str_printf(a, "under %s ingested rows a second", fmt_count(b1, STREAM_INGEST));
    return str_printf(a, "no ORM: %s rows a second are written in batches straight to a %.*s store, whose driver's "
                         "batch writes an ORM would only slow",
                      fmt_count(b1, ld->ingest_rows_per_s),
                      STRF(plan_tech(p, "database") ? plan_tech(p, "database")->family : S("non-relational")));
  }
  if (str_eqc(slot, "email") || str_eqc(slot, "sms") || str_eqc(slot, "push"))
    return why_messaging(a, p, slot, revisit);
  *revisit = S("when the spec asks for what it provides");
  return str_printf(a, "no %.*s: nothing in the spec calls for one", STRF(slot));
}

void plan_absent_note(Arena *a, Plan *p, Str slot, Str why, Str revisit) {
  if (p->quiet || plan_absence(p, slot))
    return;
  List l = {p->absent, p->nabsent, p->absent_cap};
  add(a, &l, slot, why, revisit, false);
  p->absent = l.v;
  p->nabsent = l.n;
  p->absent_cap = l.cap;
}

void plan_absences(Arena *a, Plan *p) {
  if (p->quiet)
    return;
  /* In KB slot order: the notes a stage left first where they apply. */
  List l = {0};
  const Kb *kb = p->kb;
  for (int s = 0; s < kb->nslots; s++) {
    Str slot = kb->slots[s].slot;
    bool needed = false;
    for (int i = 0; i < p->nneeds && !needed; i++)
      needed = str_eq(p->needs[i].slot, slot);
    if (needed)
      continue;
    const Absence *noted = plan_absence(p, slot);
    if (noted) {
      add(a, &l, slot, noted->why, noted->revisit, noted->minor);
      continue;
    }
    Str revisit;
    bool minor;
    Str why = why_slot(a, p, slot, &revisit, &minor);
    add(a, &l, slot, why, revisit, minor);
  }
  p->absent = l.v;
  p->nabsent = l.n;
  p->absent_cap = l.cap;
}

const Absence *plan_absence(const Plan *p, Str slot) {
  for (int i = 0; i < p->nabsent; i++)
    if (str_eq(p->absent[i].slot, slot))
      return &p->absent[i];
  return NULL;
}
