/* Data classes (plan_classes, run by plan_needs): which store holds which
 * data. Every entity falls into one class from its facts:
 *   record     the system of record, ACID: every entity with money, secrets
 *              or card and health data, the entity that signs in, and
 *              whatever no other class claims;
 *   events     ingested rows, and append-only histories (realtime or
 *              history features without edits) past `events-rows` rows at
 *              the horizon or `events-writes` writes a second at the design
 *              load: a store built for appended, time-ordered rows holds them;
 *   blobs      entities that carry a file: object storage;
 * and cache, search and analytics hold copies (needs.c fills them). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../spec/units.h"
#include "plan.h"

static const char *const class_names[DC_COUNT_] = {"record", "events", "blobs", "cache", "search", "analytics"};

const char *data_class_name(DataClassKind k) { return k >= 0 && k < DC_COUNT_ ? class_names[k] : "record"; }

static bool has_kind(const Entity *e, FeatureKind k) {
  for (int i = 0; i < e->nfeatures; i++)
    if (e->features[i]->kind == k)
      return true;
  return false;
}

/* Data that must stay in the ACID system of record: money, secrets (the
 * accounts that sign in), card and health data, and the parents of rows
 * that carry money (an order whose items have prices). */
static bool must_be_record(const Entity *e) {
  if (e->principal)
    return true;
  for (int k = 0; k < e->nfields; k++)
    if (e->fields[k].type == FT_MONEY || e->fields[k].type == FT_SECRET ||
        (e->fields[k].tags & (TAG_SECRET | TAG_PCI | TAG_PHI)))
      return true;
  for (int i = 0; i < e->nincoming; i++) {
    const Entity *c = e->incoming[i].from;
    if (c == e || c->parent != e)
      continue;
    for (int k = 0; k < c->nfields; k++)
      if (c->fields[k].type == FT_MONEY)
        return true;
  }
  return false;
}

/* An entity that is its file: nothing but the file and relations (an
 * attachment). One with its own text, numbers or features beyond upload
 * is a record whose file sits in object storage. */
static bool file_only(const Entity *e) {
  for (int k = 0; k < e->nfields; k++)
    if (e->fields[k].type != FT_BLOB && e->fields[k].rel == REL_NONE)
      return false;
  for (int k = 0; k < e->nfeatures; k++)
    if (e->features[k]->kind != FK_UPLOAD && e->features[k]->kind != FK_CRUD)
      return false;
  return true;
}

/* The owner at the top of e's ownership chain, e itself when it has none. */
static const Entity *owner_root(const Entity *e) {
  const Entity *top = e;
  for (int i = 0; i < 16 && top->parent && top->parent != top; i++)
    top = top->parent;
  return top;
}

/* The shard key the access pattern gives: the owner at the top of the
 * ownership chain (user, customer, tenant), or the parent plus a time
 * bucket for appended rows. */
static Str shard_key(Arena *a, const Entity *e, bool timed) {
  const Entity *top = owner_root(e);
  if (timed && e->parent)
    return str_printf(a, "%.*s_id + time bucket", STRF(e->parent->name));
  if (top != e)
    return str_printf(a, "%.*s_id", STRF(top->name));
  return (Str){0};
}

static void push_entity(Arena *a, const Entity ***v, int *n, int cap, const Entity *e) {
  if (!*v)
    *v = new(a, const Entity *, cap);
  (*v)[(*n)++] = e;
}

/* The figures that place each entity in its data class, and what the
 * placing found: whether the events leave the system of record, and the
 * largest ingested history at the horizon. */
typedef struct {
  double design, ev_rows, ev_writes, ev_ingest, hot_window, hot_share;
  int nreadf;
  bool heavy_events;
  const Entity *big_ingest;
  double big_rows;
} Classing;

/* The bytes of a row a read of the table keeps in memory: a value past
 * `inline-value-bytes` is stored out of line (PostgreSQL's TOAST, InnoDB's
 * off-page columns) and read only when its row is opened, so the row pages
 * and indexes hold a pointer to it, not the value. */
static double inline_row_bytes(const Plan *p, const Entity *e) {
  double inline_max = plan_figure(p, "working-set", "inline-value-bytes", 2000);
  double b = e->row_bytes;
  for (int k = 0; k < e->nfields; k++)
    if (e->fields[k].avg_bytes > inline_max)
      b -= e->fields[k].avg_bytes - inline_max;
  return b;
}

/* The working set of one entity: the rows its reads touch while their
 * pages stay in memory, with their index pages (`index-overhead`).
 *   appended rows (ingested, or a history or realtime feed never edited)
 *     are read at their recent end: the rows of the last
 *     `hot-window-months` at the horizon's growth;
 *   a stated flow of rows (`grows`: orders, jobs, attempts) is edited
 *     while fresh and read as history afterwards, one owner's page at a
 *     time through an index: the recent rows and the `hot-share` of the
 *     rows there are today, not of the history the horizon adds;
 *   a stock of rows edited in place (counted, or per parent) keeps its
 *     `hot-share` hot at the horizon, which holds the recent rows unless
 *     the window is larger. */
static double hot_rows(const Plan *p, const Entity *e, const EntityStorage *s, double es, double rows_h,
                       bool appended, const Classing *cl) {
  double recent = fmin(rows_h, s->rows_per_month * es * cl->hot_window);
  double rows = appended    ? recent
                : e->grows > 0 ? fmin(rows_h, recent + cl->hot_share * s->rows_now * es)
                               : fmax(recent, cl->hot_share * rows_h);
  return rows * inline_row_bytes(p, e) * (1 + p->storage.index_overhead);
}

/* Places entity i in its data class and adds its rows, rates and working
 * set to the class. */
static void place_entity(Arena *a, Plan *p, int i, Classing *cl) {
  const Model *m = p->model;
  const Load *l = &p->load;
  double month = l->seconds_per_month;
  const Entity *e = &m->entities[i];
  const EntityStorage *s = &p->storage.ents[i];
  double es = p->ent_scale > 0 ? p->ent_scale : 1;   /* a rescaled copy shares the entities' figures */
  double rows_h = plan_rows_at(s, p->horizon_months) * es;
  double bytes_h = rows_h * e->row_bytes * (1 + p->storage.index_overhead);
  double writes = s->rows_per_month * es / month * cl->design;
  int rf = 0;
  for (int k = 0; k < e->nfeatures; k++) {
    FeatureKind fk = e->features[k]->kind;
    rf += fk != FK_NOTIFY && fk != FK_INGEST && fk != FK_INTEGRATION;
  }
  double reads = cl->nreadf ? l->reads_per_s * cl->design * rf / cl->nreadf : 0;
  bool ingested = has_kind(e, FK_INGEST);
  bool appended = (has_kind(e, FK_REALTIME) || has_kind(e, FK_HISTORY) || has_kind(e, FK_CHAT)) && !has_kind(e, FK_CRUD);
  DataClassKind k = DC_RECORD;
  if (must_be_record(e))
    k = DC_RECORD;
  else if (e->blob_bytes > 0 && file_only(e))
    k = DC_BLOBS;
  else if (ingested)
    k = DC_EVENTS;
  else if (appended && (rows_h >= cl->ev_rows || writes >= cl->ev_writes)) {
    k = DC_EVENTS;
    cl->heavy_events = true;
  }
  if (ingested) {
    writes = l->ingest_rows_per_s * cl->design / (p->storage.ningest ? p->storage.ningest : 1);
    if (rows_h >= cl->ev_rows && rows_h > cl->big_rows) {
      cl->big_rows = rows_h, cl->big_ingest = e;
      cl->heavy_events = true;
    }
  }
  p->entity_class[i] = k;
  DataClass *c = &p->classes[k];
  bool by_time = e->retain > 0 || has_kind(e, FK_HISTORY) || has_kind(e, FK_REPORT) ||
                 has_kind(e, FK_DASHBOARD) || has_kind(e, FK_QUERY);
  if (by_time && s->rows_per_month > 0 && bytes_h > c->timed_bytes)
    c->timed = e, c->timed_bytes = bytes_h;
  push_entity(a, &c->entities, &c->nentities, m->nentities, e);
  c->writes += writes;
  c->reads += reads;
  c->bytes += bytes_h;
  p->entity_hot[i] = hot_rows(p, e, s, es, rows_h, ingested || appended, cl);
  c->hot_bytes += p->entity_hot[i];
  /* The shards split the data the class holds most of: its largest
   * entity's key, or none when that entity has no owner to key it by (a
   * small table's owner is not the big one's access pattern). */
  if (bytes_h >= c->key_bytes) {
    c->shard_key = shard_key(a, e, k == DC_EVENTS);
    c->key_bytes = bytes_h;
  }
}

/* A shard key must keep every uniqueness constraint inside one shard: a
 * unique index holds per shard, so the rows that contend for one target
 * of a `unique` relation (the tickets of one seat) must share a shard.
 * They do when the entity's owner is the target's own root (a hold owned
 * by its seat); when it is not (a ticket owned by a fan's order, unique on
 * a seat of an event), the owner key would let two shards sell one seat,
 * so the record shards by the target's root and places those rows by it.
 * Constraints with different roots cannot all hold: the key takes the
 * one on the most bytes, and the others need one arbiter, said as an
 * assumption. */
static void unique_key(Arena *a, Plan *p) {
  DataClass *c = &p->classes[DC_RECORD];
  const Entity *root = NULL, *by = NULL;
  const Field *on = NULL;
  double most = -1;
  for (int i = 0; i < c->nentities; i++) {
    const Entity *e = c->entities[i];
    const Entity *own = owner_root(e);
    for (int k = 0; k < e->nfields; k++) {
      const Field *f = &e->fields[k];
      if (!f->unique || f->rel != REL_MANY_TO_ONE || !f->ref || f->ref == e || owner_root(f->ref) == own)
        continue;
      double b = p->storage.ents[e->index].rows_now * e->row_bytes;
      if (b > most)
        most = b, root = owner_root(f->ref), by = e, on = f;
    }
  }
  if (!root || p->quiet)
    goto key;
  char others[512];
  int n = 0, nothers = 0;
  others[0] = 0;
  for (int i = 0; i < c->nentities; i++) {
    const Entity *e = c->entities[i];
    for (int k = 0; k < e->nfields; k++) {
      const Field *f = &e->fields[k];
      if (f->unique && f->rel == REL_MANY_TO_ONE && f->ref && f->ref != e && owner_root(f->ref) != owner_root(e) &&
          owner_root(f->ref) != root && n < (int)sizeof others - 80) {
        nothers++;
        n += snprintf(others + n, sizeof others - (size_t)n, "%s%.*s.%.*s", n ? ", " : "", STRF(e->name),
                      STRF(f->name));
      }
    }
  }
  bool self = root == on->ref;
  Str owns = self ? (Str){0} : str_printf(a, ", and a %.*s belongs to its %.*s", STRF(on->ref->name), STRF(root->name));
  Str with = self ? root->name : str_printf(a, "%.*s's %.*s", STRF(on->ref->name), STRF(root->name));
  plan_assume(a, p, "database.shard_key",
              "%.*s.%.*s is unique%.*s: a unique index holds within one shard, so should the record shard, it shards "
              "by %.*s_id, not by the rows' owner (%.*s), and %.*s rows go with their %.*s; a write that spans "
              "several %.*s rows crosses shards%s%s%s",
              STRF(by->name), STRF(on->name), STRF(owns), STRF(root->name), STRF(owner_root(by)->name),
              STRF(by->name), STRF(with), STRF(root->name), n ? "; " : "", others,
              !n ? "" : nothers == 1 ? " cannot share that key and needs one arbiter (one unique table or a lock service)"
                                     : " cannot share that key and need one arbiter (one unique table or a lock service)");
key:
  if (root) {
    c->shard_key = str_printf(a, "%.*s_id", STRF(root->name));
    c->key_bytes = most;
  }
}

/* The harmonic number H(n): tenant sizes follow Zipf's law (the sizes of
 * firms do: Axtell, "Zipf distribution of U.S. firm sizes", Science 293,
 * 2001), so the largest of n tenants holds 1/H(n) of the rows. */
static double harmonic(double n) {
  if (n <= 1)
    return 1;
  if (n > 10000)
    return log(n) + 0.5772156649 + 1 / (2 * n);
  double h = 0;
  for (double k = 1; k <= n; k++)
    h += 1 / k;
  return h;
}

/* The scan load of the queries over appended rows (`feature query` on an
 * entity of the events class), in column bytes a second: the larger of
 *   all queries at the design load, each reading its tenant's rows (the
 *     top of the ownership chain: the project, site or service such a
 *     query filters on; one of that many shares) over its shortest window
 *     (the view people land on; a longer window is a zoom-out, and with
 *     `downsample` it reads rollups), and of each row the columns it names
 *     (`scan-share`): queries a second are the feature's share of the
 *     API's reads at the design load;
 *   one query of the largest tenant (1/H(n) of the rows) returning within
 *     `query-seconds`.
 * Without a window a query reads `query-window` (a day), stated in the
 * assumptions. Dashboards and reports read the store's rollups. */
static void events_scans(Arena *a, Plan *p, const Classing *cl) {
  const Model *m = p->model;
  const Load *l = &p->load;
  DataClass *ev = &p->classes[DC_EVENTS];
  double es = p->ent_scale > 0 ? p->ent_scale : 1;
  double share = plan_figure(p, "workload", "scan-share", 0.2);
  double deflt = plan_figure(p, "topology", "query-window", 86400);
  double wait = plan_figure(p, "topology", "query-seconds", 1);
  double all = 0;
  char b1[32], b2[32], b3[32];
  for (int i = 0; i < m->nfeatures; i++) {
    const Feature *f = &m->features[i];
    const Entity *e = f->entity;
    if (!e || p->entity_class[e->index] != DC_EVENTS)
      continue;
    if (f->kind == FK_DASHBOARD || f->kind == FK_QUERY)
      ev->queried = true;
    if (f->kind != FK_QUERY || !cl->nreadf)
      continue;
    const Option *w = feature_opt(f, "window");
    double window = 0;
    for (int k = 0; w && k < w->nargs; k++)
      if (w->args[k].num > 0 && (window == 0 || w->args[k].num < window))
        window = w->args[k].num;
    if (window <= 0) {
      window = deflt;
      if (!p->quiet) {
        bool days = window >= 86400;
        double n = days ? window / 86400 : window / 3600;
        Str span = n == 1 ? S(days ? "day" : "hour") : str_printf(a, "%g %s", n, days ? "days" : "hours");
        plan_assume(a, p, "events.window", "queries over %.*s read its last %.*s of rows, each its tenant's share "
                    "(no window stated; `window 1h 24h` states them)", STRF(e->name), STRF(span));
      }
    }
    if (e->retain > 0)
      window = fmin(window, e->retain);
    const Entity *top = e;
    for (int k = 0; k < 16 && top->parent && top->parent != top; k++)
      top = top->parent;
    double tenants = top != e ? fmax(1, plan_rows_at(&p->storage.ents[top->index], p->horizon_months) * es) : 1;
    double rows = p->storage.ents[e->index].rows_per_month * es / l->seconds_per_month * window;
    double queries = l->reads_per_s * cl->design / cl->nreadf;
    double each = queries * rows / tenants * e->row_bytes * share, one = rows / harmonic(tenants) * e->row_bytes * share;
    all += each;
    if (one > ev->scan_top) {
      /* The largest tenant's query runs on every shard only when its rows
       * spread over them: by a finer key (the rows' other owner, as
       * PostHog hashes the person), else by the row's id. */
      ev->spread_key = S("id hash");
      for (int k = 0; k < e->nfields; k++)
        if (e->fields[k].rel == REL_MANY_TO_ONE && e->fields[k].ref && e->fields[k].ref != e->parent &&
            e->fields[k].ref != e) {
          ev->spread_key = str_printf(a, "%.*s_id hash", STRF(e->fields[k].ref->name));
          break;
        }
    }
    ev->scan_top = fmax(ev->scan_top, one);
    if (!p->quiet) {
      char t1[32], t2[32], t3[32], t4[32], t5[32], t6[32];
      plan_explain(a, p, "events.scan", "column bytes a second the queries over the events read", fmax(each, one / wait),
                   "B/s",
                   "%.*s: the larger of %s queries/s x %s rows in %g h / %s tenants x %.0f B a row x %g%% of its "
                   "columns = %s/s and the largest tenant's rows (1/H(%s) of them) x %.0f B x %g%% = %s within %g s",
                   STRF(e->name), fmt_count(t1, queries), fmt_count(t2, rows), window / 3600, fmt_count(t3, tenants),
                   e->row_bytes, share * 100, fmt_bytes(t4, each), fmt_count(t5, tenants), e->row_bytes, share * 100,
                   fmt_bytes(t6, one), wait);
    }
  }
  ev->scan = fmax(all, ev->scan_top / wait);
  if (!p->quiet && ev->scan > 0 && ev->why.n)
    ev->why = str_printf(a, "%.*s; its queries read %s/s of columns: %s/s at the design load, each its tenant's "
                            "share of its window, and %s for the largest tenant's query within %g s",
                         STRF(ev->why), fmt_bytes(b1, ev->scan), fmt_bytes(b2, all), fmt_bytes(b3, ev->scan_top), wait);
  if (!p->quiet && !ev->queried && ev->nentities && str_eqc(ev->slot, "events") && l->ingest_rows_per_s > 0)
    plan_assume(a, p, "events.scans", "no query or dashboard reads %.*s, so its store is sized for ingest and storage "
                "(`feature query %.*s { window 1h 24h }` sizes its scans)", STRF(ev->entities[0]->name),
                STRF(ev->entities[0]->name));
}

/* Each class's slot and the reasons that state its figures. */
static void classes_why(Arena *a, Plan *p, const Classing *cl) {
  const Project *pr = &p->model->project;
  const Load *l = &p->load;
  double month = l->seconds_per_month;
  char b1[32], b2[32], b3[32], b4w[32];
  DataClass *rec = &p->classes[DC_RECORD], *ev = &p->classes[DC_EVENTS], *bl = &p->classes[DC_BLOBS];
  /* Growth implies inserts: the database is sized for the larger of the
   * rows its data grows by and the API's own writes. */
  if (!p->quiet) {
    double api = (l->writes_per_s - l->ingest_rows_per_s) * cl->design;
    plan_explain(a, p, "load.implied_writes", "record writes implied by growth", rec->writes, "writes/s",
                 "new rows a month / %s s x peak %g x margin %g = %s/s, against the API's %s writes/s at the design "
                 "load: the system of record is sized for the larger",
                 fmt_count(b1, month), pr->peak, l->margin, fmt_count(b2, rec->writes), fmt_count(b3, api));
  }
  rec->slot = S("database");
  /* The writes it states are those the database is sized for (the larger). */
  rec->why = p->quiet ? (Str){0}
                      : str_printf(a, "the system of record: ACID transactions for accounts, money and everything "
                                      "edited in place; %s writes/s and %s reads/s at the design load, %s after "
                                      "%g years, with a working set of %s (appended rows of the last %g month%s, "
                                      "%g%% of the rows edited in place or, for a stated flow of rows, of those "
                                      "there are today, with their in-line values and indexes)",
                                   fmt_count(b1, fmax(rec->writes, (l->writes_per_s - l->ingest_rows_per_s) * cl->design)),
                                   fmt_count(b2, rec->reads), fmt_bytes(b3, rec->bytes),
                                   p->horizon_months / 12, fmt_bytes(b4w, rec->hot_bytes), cl->hot_window,
                                   cl->hot_window == 1 ? "" : "s", cl->hot_share * 100);
  if (ev->nentities) {
    ev->slot = cl->heavy_events ? S("events") : S("database");
    char b4[32], b5[32];
    if (!p->quiet && cl->heavy_events && cl->big_ingest && l->ingest_rows_per_s < cl->ev_ingest)
      ev->why = str_printf(a, "appended at %s rows/s at the design load, under the %s ingested rows a second at "
                              "which writes alone call for it, but %s %.*s rows after %g years (%s) pass the %s rows "
                              "a table of the system of record holds and scans well: a store built for appended, "
                              "time-ordered rows, partitioned by %.*s",
                           fmt_count(b1, ev->writes), fmt_count(b4, cl->ev_ingest), fmt_count(b5, cl->big_rows),
                           STRF(cl->big_ingest->name), p->horizon_months / 12, fmt_bytes(b2, ev->bytes),
                           fmt_count(b3, cl->ev_rows), STRF(ev->shard_key));
    else if (!p->quiet)
      ev->why = cl->heavy_events
                    ? str_printf(a, "appended at %s rows/s at the design load, %s after %g years: a store built "
                                    "for appended, time-ordered rows, partitioned by %.*s",
                                 fmt_count(b1, ev->writes), fmt_bytes(b2, ev->bytes), p->horizon_months / 12,
                                 STRF(ev->shard_key))
                    : str_printf(a, "appended at %s rows/s at the design load: the system of record carries them "
                                    "in a time-partitioned table until %s ingested rows a second or %s rows",
                                 fmt_count(b1, ev->writes), fmt_count(b4, cl->ev_ingest), fmt_count(b5, cl->ev_rows));
  }
  if (bl->nentities) {
    bl->slot = S("object-storage");
    if (!p->quiet)
      bl->why = S("files live in object storage behind presigned URLs; their rows keep the key and metadata");
  }
}

void plan_classes(Arena *a, Plan *p) {
  const Model *m = p->model;
  const Project *pr = &m->project;
  const Load *l = &p->load;
  p->horizon_months = pr->horizon > 0 ? pr->horizon / SECONDS_PER_MONTH
                                      : plan_figure(p, "topology", "horizon-years", 3) * 12;
  if (pr->horizon <= 0 && !p->quiet)
    plan_assume(a, p, "plan.horizon", "the design carries %g years of growth (add 'horizon N years' to change it)",
                p->horizon_months / 12);
  memset(p->classes, 0, sizeof p->classes);
  for (int k = 0; k < DC_COUNT_; k++)
    p->classes[k].kind = (DataClassKind)k;
  p->entity_class = new(a, int, m->nentities + 1);
  p->entity_hot = new(a, double, m->nentities + 1);
  Classing cl = {.design = pr->peak * l->margin,
                 .ev_rows = plan_figure(p, "topology", "events-rows", 1e9),
                 .ev_writes = plan_figure(p, "topology", "events-writes", 2000),
                 .hot_window = plan_figure(p, "topology", "hot-window-months", 1),
                 .hot_share = plan_figure(p, "topology", "hot-share", 0.2)};
  for (int i = 0; i < m->nfeatures; i++) {
    FeatureKind k = m->features[i].kind;
    cl.nreadf += k != FK_NOTIFY && k != FK_INGEST && k != FK_INTEGRATION && k != FK_AUTH && m->features[i].entity;
  }
  /* Ingested rows leave the system of record at `events-ingest` rows a
   * second, or when their history at the horizon passes `events-rows`:
   * a billion appended rows scanned by time are no table for the ACID
   * store, however slowly they arrive. */
  cl.ev_ingest = plan_figure(p, "topology", "events-ingest", 1000);
  cl.heavy_events = l->ingest_rows_per_s >= cl.ev_ingest;
  for (int i = 0; i < m->nentities; i++)
    place_entity(a, p, i, &cl);
  unique_key(a, p);
  classes_why(a, p, &cl);
  events_scans(a, p, &cl);
}
