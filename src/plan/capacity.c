/* Capacity: load, storage and bandwidth, the figures every later stage
 * prices and sizes against.
 *
 * Load. Three ways a spec states traffic, in order of precedence:
 *   1. reads and/or writes per period (a primer-style exercise): they are the
 *      API traffic; a missing side is what the stated requests leave, else
 *      the stated users' reads or the rows the entities are created at,
 *      never a ratio of the stated side;
 *   2. requests per period, split into reads and writes by the features'
 *      read share;
 *   3. nothing: users x daily active share x actions per active user.
 * Device or stream rows (writes with an ingest feature) come on top of the
 * people's traffic, as writes, and as requests of `batch` rows each.
 * avg = per day / 86,400; peak = avg x peak factor; design = peak x margin.
 *
 * Storage. Per entity: rows now (from the model), new rows per month (from
 * `grows`, from the ingest rate for ingested entities, or else the yearly
 * growth figure applied to today's rows), capped by retention at
 * growth x retention period. Bytes are rows x estimated row bytes; indexes
 * add the index-overhead share, reported separately so the data volume can
 * be compared with published back-of-the-envelope figures.
 *
 * Bandwidth. Ingress: requests x request bytes, plus uploaded blobs and
 * ingested rows. Egress: requests x response bytes, plus blob downloads
 * (downloads-per-upload x uploaded bytes, at most what the active people
 * fetch; an unowned file in a device project, each device's pulls). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../spec/units.h"
#include "plan.h"

static double read_share_of(const Plan *p) {
  const Model *m = p->model;
  double dflt = plan_figure(p, "load", "read-share-default", 0.8);
  double share[FK_COUNT_];
  for (int k = 0; k < FK_COUNT_; k++) {
    char key[64];
    snprintf(key, sizeof key, "read-share-%s", feature_specs[k].name);
    double v = kb_figure(p->kb, "load", key, NULL); /* not plan_figure: the key is not a literal */
    share[k] = isnan(v) ? dflt : v;
  }
  double sum = 0;
  int n = 0;
  for (int i = 0; i < m->nfeatures; i++) {
    const Feature *f = &m->features[i];
    if (f->kind == FK_NOTIFY || f->kind == FK_INTEGRATION || f->kind == FK_INGEST)
      continue;
    /* Everyone reads a public entity's rows; only their owners write them. */
    sum += f->kind == FK_CRUD && feature_has(f, "public") ? plan_figure(p, "load", "read-share-crud-public", 0.95)
                                                          : share[f->kind];
    n++;
  }
  return n ? sum / n : dflt;
}

/* Rows one ingest request carries: the feature's `batch`, else one for
 * rows followed live, else what a device gathers in a flush window, else
 * the knowledge base's, stated (`rated`: ingested rows a second). One
 * figure for the requests capacity counts and the batch the contract
 * accepts. */
static double ingest_batch(Arena *a, Plan *p, double rated) {
  const Model *m = p->model;
  for (int i = 0; i < m->nfeatures; i++)
    if (m->features[i].kind == FK_INGEST) {
      const Option *b = feature_opt(&m->features[i], "batch");
      if (b && b->nargs)
        return b->args[0].num;
      /* Rows others follow one by one (realtime, nearby: a courier's
       * position) are sent as they happen, one a request; a device that
       * reports every `interval` sends what it gathered in one flush
       * window (which also bounds how old a live dashboard's data is). */
      const Entity *e = m->features[i].entity;
      bool live = false;
      for (int k = 0; e && k < e->nfeatures; k++)
        live |= e->features[k]->kind == FK_REALTIME || e->features[k]->kind == FK_NEARBY;
      const Project *pr = &m->project;
      double v = live ? 1 : plan_figure(p, "ingest", "batch", 1000);
      double window = plan_figure(p, "ingest", "flush-window", 60);
      /* A device's interval: stated, else the devices over the rows. */
      double every = pr->interval > 0 ? pr->interval : pr->devices > 0 && rated > 0 ? pr->devices / rated : 0;
      bool device = !live && every > 0 && floor(window / every) < v;
      if (device)
        v = fmax(1, floor(window / every));
      Str en = e ? e->name : S("API");
      if (live)
        plan_assume(a, p, str_printf(a, "feature.ingest.%.*s.batch", STRF(en)).p,
                    "ingest %.*s: clients send each row as it happens (1 a request): others follow it live; say 'batch N' to change it",
                    STRF(en));
      else if (device)
        plan_assume(a, p, str_printf(a, "feature.ingest.%.*s.batch", STRF(en)).p,
                    "ingest %.*s: a device sends the %g rows it gathers in a flush window of %g s (a row every %g s; "
                    "kb/archetypes.kb ingest.flush-window); say 'batch N' to change it",
                    STRF(en), v, window, every);
      else
        plan_assume(a, p, str_printf(a, "feature.ingest.%.*s.batch", STRF(en)).p,
                    "ingest %.*s: clients send %g rows a request (kb/archetypes.kb ingest.batch); say 'batch N' to change it",
                    STRF(en), v);
      return v;
    }
  return 1;
}

static bool has_ingest(const Model *m) {
  for (int i = 0; i < m->nfeatures; i++)
    if (m->features[i].kind == FK_INGEST)
      return true;
  return false;
}

/* Rows a second the ingest features state with `rate`, summed: the
 * ingest rate when the project gives no writes figure. */
static double ingest_rate(const Model *m) {
  double r = 0;
  for (int i = 0; i < m->nfeatures; i++) {
    const Option *o = m->features[i].kind == FK_INGEST ? feature_opt(&m->features[i], "rate") : NULL;
    if (o && o->nargs)
      r += o->args[0].num;
  }
  return r;
}

/* The option in which an archetype feature states how fast its entity's
 * rows are created; NULL for the other kinds. */
static const char *creation_option(FeatureKind k) {
  switch (k) {
  case FK_CHAT: return "messages";
  case FK_FEED: return "posts";
  case FK_MEDIA: return "uploads";
  case FK_SHORTLINK: return "links";
  case FK_CRAWL: return "pages";
  default: return NULL;
  }
}

/* The rows a second a feature of e states it creates (the largest when
 * several do), and that feature; 0 when none states one. */
static double stated_rows(const Entity *e, const Feature **by) {
  double r = 0;
  for (int k = 0; k < e->nfeatures; k++) {
    const Feature *f = e->features[k];
    const char *name = creation_option(f->kind);
    const Option *o = name ? feature_opt(f, name) : NULL;
    if (o && o->nargs && o->args[0].num > r) {
      r = o->args[0].num;
      *by = f;
    }
  }
  return r;
}

static const Feature *media_of(const Entity *e) {
  const Feature *mf = NULL;
  for (int k = 0; k < e->nfeatures; k++)
    if (e->features[k]->kind == FK_MEDIA)
      mf = e->features[k];
  return mf;
}

/* A media feature's option, else the knowledge base's default. */
static double media_figure(const Plan *p, const Feature *mf, const char *name, double dflt) {
  const Option *o = feature_opt(mf, name);
  return o && o->nargs ? o->args[0].num : plan_figure(p, "media", name, dflt);
}

static bool ingested(const Entity *e) {
  for (int k = 0; k < e->nfeatures; k++)
    if (e->features[k]->kind == FK_INGEST)
      return true;
  return false;
}

/* Rows a second the spec states arrive through ingestion: the largest of
 * the ingest features' `rate`, the project's writes, its devices /
 * interval and the ingested entities' `grows` (*by names the one). */
static double ingest_rows(const Model *m, const char **by) {
  const Project *pr = &m->project;
  double grown = 0;
  for (int i = 0; i < m->nentities; i++)
    if (ingested(&m->entities[i]))
      grown += m->entities[i].grows;
  struct {
    double v;
    const char *what;
  } c[] = {{ingest_rate(m), "ingest features' 'rate'"},
           {pr->writes_per_s, "project's writes"},
           {pr->devices > 0 && pr->interval > 0 ? pr->devices / pr->interval : 0, "project's devices / interval"},
           {grown, "ingested entities' 'grows'"}};
  double r = 0;
  for (size_t k = 0; k < sizeof c / sizeof *c; k++)
    if (c[k].v > r * 1.0001)
      r = c[k].v, *by = c[k].what;
  return r;
}

/* Rows a second the spec says are created, outside ingestion: each
 * entity's `grows`, else the rate its archetype feature states. Pages a
 * crawler fetches are written by its workers (*crawled), the rest through
 * the API (*created), as are the increments a counter states. Reads a
 * feature states (a short link's redirects) are API reads (*read). */
static void stated_creation(const Model *m, double *created, double *crawled, double *read) {
  *created = *crawled = *read = 0;
  for (int i = 0; i < m->nfeatures; i++) {
    const Feature *f = &m->features[i];
    const Option *o = f->kind == FK_SHORTLINK ? feature_opt(f, "redirects")
                      : f->kind == FK_COUNTER ? feature_opt(f, "updates")
                                              : NULL;
    if (o && o->nargs && f->kind == FK_SHORTLINK)
      *read += o->args[0].num;
    else if (o && o->nargs)
      *created += o->args[0].num;
  }
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    const Feature *by = NULL;
    if (ingested(e))
      continue;
    double r = e->grows > 0 ? e->grows : stated_rows(e, &by);
    if (by && by->kind == FK_CRAWL)
      *crawled += r;
    else
      *created += r;
  }
}

/* Rows a second people create, as storage counts them: the rates the
 * spec states (`created`) and, for each entity it states none for, the
 * growth storage assumes (a media feature's uploads, else today's rows
 * growing by the yearly figure). Ingested and crawled rows are not
 * people's writes. */
static double rows_created(const Plan *p, double created, double S) {
  const Model *m = p->model;
  double yearly = plan_figure(p, "storage", "yearly-growth", 1.0);
  double month = p->model->project.month;
  double r = created;
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    const Feature *by = NULL;
    if (ingested(e) || e->grows > 0 || stated_rows(e, &by) > 0)
      continue;
    r += media_of(e) ? plan_figure(p, "media", "uploads-per-month", 10000) * S / month
                     : e->rows * S * yearly / 12 / month;
  }
  return r;
}

static void load(Arena *a, Plan *p) {
  const Project *pr = &p->model->project;
  Load *l = &p->load;
  char b1[32], b2[32], b3[32], b4[32];
  l->seconds_per_month = pr->month;
  l->margin = plan_figure(p, "load", "design-margin", 3);
  l->read_share = read_share_of(p);
  plan_explain(a, p, "load.read_share", "share of requests that read", l->read_share, "",
               "average of the features' read shares = %.0f%%", l->read_share * 100);

  /* People's traffic, per second, then device rows on top. */
  double S = p->scale > 0 ? p->scale : 1;
  /* Device rows: the largest of the rates the spec states for them. */
  const char *rated_by = NULL;
  double rated = has_ingest(p->model) ? ingest_rows(p->model, &rated_by) : 0;
  bool ingest = rated > 0;
  if (ingest && !p->quiet)
    plan_assume(a, p, "load.ingest_rate",
                "ingested rows arrive at %s/s, as the %s state them: the largest rate the spec gives for them "
                "(ingest features' 'rate', the project's writes, its devices / interval, ingested entities' 'grows')",
                fmt_count(b1, rated), rated_by);
  double gr = pr->reads_per_s * S, gw = ingest ? 0 : pr->writes_per_s * S, s = l->read_share;
  double total, r, w;
  const char *how;
  double created, crawled, stated_reads;
  stated_creation(p->model, &created, &crawled, &stated_reads);
  created *= S, crawled *= S, stated_reads *= S;
  if (gr > 0 || gw > 0) {
    /* Given reads and writes come first. A missing side is not a ratio
     * of the given one (docs/language.md: an absent rate is 0): it is what
     * the stated requests leave, else the reads the stated users make, or
     * the writes of the rows the spec's entities are created at. */
    double people = pr->requests_per_day * S / SECONDS_PER_DAY;
    r = gr, w = gw;
    how = "given";
    if (gr > 0 && !(gw > 0) && ingest)
      w = people * (1 - s); /* the people's own writes; the device rows come on top */
    else if (gr > 0 && !(gw > 0)) {
      w = pr->has_requests ? fmax(0, people - gr) : 0;
      how = pr->has_requests ? "reads given, writes the rest of the requests" : "reads given, writes from the rows created";
      if (!pr->has_requests || w <= 0) {
        double rows = rows_created(p, created, S);
        w = rows;
        if (!p->quiet)
          plan_assume(a, p, "load.unstated_writes",
                      "the spec states reads and no writes, so people write the rows its entities are created at: "
                      "%s/s ('writes N/s' states them)", fmt_count(b1, rows));
      }
    } else if (!(gr > 0)) {
      r = fmax(0, pr->has_requests ? people - gw : people * s);
      how = pr->has_requests ? "writes given, reads the rest of the requests"
                             : "writes given, reads from users x active share x actions";
      if (!p->quiet && !pr->has_requests)
        plan_assume(a, p, "load.unstated_reads",
                    "the spec states writes and no reads, so reads are the ones its users make: %s/s (users x active "
                    "share x actions x read share %.0f%%; 'reads N/s' states them)", fmt_count(b1, r), s * 100);
    }
    total = r + w;
    if (total > 0)
      l->read_share = r / total; /* the stated mix, not the features' */
  } else {
    total = pr->requests_per_day * S / SECONDS_PER_DAY;
    r = total * s, w = total * (1 - s);
    how = pr->has_requests ? "requests split by the read share"
                           : "users x active share x actions, split by the read share";
  }
  /* Rows the spec says are created are written: the people's writes carry
   * at least them, and reads follow from the read share unless given. */
  if (stated_reads > r * 1.0001 && !(gr > 0)) {
    plan_assume(a, p, "load.stated_reads",
                "the reads the features state (%s/s: short-link redirects) are more than the %s reads/s the requests "
                "give, so the reads are taken as %s/s",
                fmt_count(b1, stated_reads), fmt_count(b2, r), fmt_count(b3, stated_reads));
    r = stated_reads;
    total = r + w;
    how = "reads from the features' stated rates";
  }
  /* When the spec states how fast its rows are created and gives no
   * reads or writes, those rows bound what people write: each is created
   * and edited a few times (writes-per-created-row), and the rest of the
   * requests read. A review site's 60k reviews a day among 139M requests
   * is a read share of 99.9%, not the features' average. */
  if (!(gr > 0 || gw > 0) && created > 0) {
    double per_row = plan_figure(p, "load", "writes-per-created-row", 3);
    double rows = rows_created(p, created, S), bound = rows * per_row;
    if (bound < w * 0.9999) {
      plan_assume(a, p, "load.written_rows",
                  "the spec's rows are created at %s/s; at %g writes a row (created, then edited) people write "
                  "%s/s, fewer than the %s/s the features' read share gives, so the other %s requests/s read "
                  "(%.1f%% of them)",
                  fmt_count(b1, rows), per_row, fmt_count(b2, bound), fmt_count(b3, w),
                  fmt_count(b4, total - bound), (total - bound) / total * 100);
      w = bound;
      r = total - w;
      l->read_share = r / total;
      how = "requests less the writes of the rows the spec creates";
    }
  }
  if (created > w * 1.0001) {
    plan_assume(a, p, "load.created",
                "the writes the spec states (%s/s: entities' 'grows' and features' rates) are more than the "
                "%s writes/s the %s give, so the writes are taken as %s/s",
                fmt_count(b1, created), fmt_count(b2, w), gw > 0 ? "project's writes" : "requests",
                fmt_count(b3, created));
    w = created;
    if (!(gr > 0 || gw > 0) && s < 1)
      r = fmax(r, w * s / (1 - s));
    total = r + w;
    how = "writes from the rates the spec states";
  }
  double batch = ingest ? ingest_batch(a, p, rated) : 1;
  l->ingest_batch = batch;
  l->ingest_rows_per_s = rated * S;
  l->crawl_rows_per_s = crawled;
  l->reads_per_s = r;
  l->writes_per_s = w + l->ingest_rows_per_s + crawled;
  l->requests_per_day = (total + l->ingest_rows_per_s / batch) * SECONDS_PER_DAY;
  if (S != 1)
    how = "scaled";
  if (gr > 0 && pr->src.reads.monthly && S == 1)
    plan_explain(a, p, "load.reads_per_s", "reads per second", r, "reads/s", "reads %s/month / %s s per month = %s/s",
                 fmt_count(b1, r * pr->month), fmt_count(b2, pr->month), fmt_count(b3, r));
  else
    plan_explain(a, p, "load.reads_per_s", "reads per second", l->reads_per_s, "reads/s", "%s/s (%s)",
                 fmt_count(b1, r), how);
  if (crawled > 0)
    plan_explain(a, p, "load.writes_per_s", "writes per second", l->writes_per_s, "writes/s",
                 "people %s/s + ingest %s rows/s + crawled pages %s/s = %s/s", fmt_count(b1, w),
                 fmt_count(b2, l->ingest_rows_per_s), fmt_count(b3, crawled), fmt_count(b4, l->writes_per_s));
  else if (ingest)
    plan_explain(a, p, "load.writes_per_s", "writes per second", l->writes_per_s, "writes/s",
                 "people %s/s + ingest %s rows/s = %s/s", fmt_count(b1, w), fmt_count(b2, l->ingest_rows_per_s),
                 fmt_count(b3, l->writes_per_s));
  else if (gw > 0 && pr->src.writes.monthly && S == 1)
    plan_explain(a, p, "load.writes_per_s", "writes per second", w, "writes/s",
                 "writes %s/month / %s s per month = %s/s", fmt_count(b1, w * pr->month), fmt_count(b2, pr->month),
                 fmt_count(b3, w));
  else
    plan_explain(a, p, "load.writes_per_s", "writes per second", l->writes_per_s, "writes/s", "%s/s (%s)",
                 fmt_count(b1, w), how);
  if (ingest)
    plan_explain(a, p, "load.requests_per_day", "requests per day", l->requests_per_day, "req/day",
                 "(people %s/s + ingest %s rows/s / batch %g) x 86,400 s = %s/day", fmt_count(b1, total),
                 fmt_count(b2, l->ingest_rows_per_s), batch, fmt_count(b3, l->requests_per_day));
  else if (pr->has_requests && !(gr > 0 || gw > 0))
    plan_explain(a, p, "load.requests_per_day", "requests per day", l->requests_per_day, "req/day",
                 "given in the spec: %s/day", fmt_count(b1, l->requests_per_day));
  else if (gr > 0 || gw > 0)
    plan_explain(a, p, "load.requests_per_day", "requests per day", l->requests_per_day, "req/day",
                 "(reads %s/s + writes %s/s) x 86,400 s = %s/day", fmt_count(b1, r), fmt_count(b2, w),
                 fmt_count(b3, l->requests_per_day));
  else
    plan_explain(a, p, "load.requests_per_day", "requests per day", l->requests_per_day, "req/day",
                 "users %s x active %.0f%% x %g actions = %s/day", fmt_count(b1, pr->users * S), pr->active * 100,
                 pr->actions, fmt_count(b2, l->requests_per_day));
  l->avg_rps = l->requests_per_day / SECONDS_PER_DAY;
  l->peak_rps = l->avg_rps * pr->peak;
  l->design_rps = l->peak_rps * l->margin;
  plan_explain(a, p, "load.avg_rps", "average requests per second", l->avg_rps, "req/s",
               "%s req/day / 86,400 s = %s req/s", fmt_count(b1, l->requests_per_day), fmt_count(b2, l->avg_rps));
  plan_explain(a, p, "load.peak_rps", "peak requests per second", l->peak_rps, "req/s",
               "avg %s req/s x peak factor %g = %s req/s", fmt_count(b1, l->avg_rps), pr->peak,
               fmt_count(b2, l->peak_rps));
  plan_explain(a, p, "load.design_rps", "design load", l->design_rps, "req/s",
               "peak %s req/s x safety margin %g = %s req/s", fmt_count(b1, l->peak_rps), l->margin,
               fmt_count(b2, l->design_rps));
}

/* Rows after t months: growth added, capped by retention. */
double plan_rows_at(const EntityStorage *s, double months) {
  double r = s->rows_now + s->rows_per_month * months;
  if (s->rows_cap > 0) {
    double cap = s->rows_cap > s->rows_now ? s->rows_cap : s->rows_now;
    if (r > cap)
      r = cap;
  }
  return r;
}

/* The entity that receives the project's stated writes when no entity
 * states its own rate and nothing is ingested: the largest one kept for a
 * `retain` window (runs, events, logs: rows written as things happen),
 * when the writes the other entities' stated rates leave (*rate, rows a
 * second) outrun its assumed growth. NULL otherwise. */
static const Entity *writes_entity(const Plan *p, double *rate) {
  const Model *m = p->model;
  double S = p->scale > 0 ? p->scale : 1, yearly = plan_figure(p, "storage", "yearly-growth", 1.0);
  const Entity *best = NULL;
  *rate = 0;
  if (!(m->project.writes_per_s > 0) || p->load.ingest_rows_per_s > 0)
    return NULL;
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    const Feature *by = NULL;
    if (e->retain > 0 && !(e->grows > 0) && !ingested(e) && !media_of(e) && !(stated_rows(e, &by) > 0) &&
        (!best || e->rows > best->rows))
      best = e;
  }
  double created, crawled, read;
  stated_creation(m, &created, &crawled, &read);
  double left = (m->project.writes_per_s - created - crawled) * S;
  if (!best || left <= best->rows * S * yearly / 12 / m->project.month)
    return NULL;
  *rate = left;
  return best;
}

static void storage(Arena *a, Plan *p) {
  const Model *m = p->model;
  Storage *st = &p->storage;
  double month = p->load.seconds_per_month;
  double yearly = plan_figure(p, "storage", "yearly-growth", 1.0);
  st->index_overhead = plan_figure(p, "storage", "index-overhead", 0.3);
  st->ents = new(a, EntityStorage, m->nentities);
  st->nents = m->nentities;
  int ningest = 0;
  for (int i = 0; i < m->nfeatures; i++)
    ningest += m->features[i].kind == FK_INGEST && m->features[i].entity;
  /* Per entity the plan keeps the basis of its growth figure; emitters
   * write the formula from it (one explanation per entity would cost more
   * than the estimate itself on a 10,000-entity spec). */
  st->yearly_growth = yearly;
  st->ningest = ningest;
  double written = 0;
  const Entity *writes_to = writes_entity(p, &written);
  if (writes_to && !p->quiet) {
    char w1[32], w2[32];
    plan_assume(a, p, "storage.writes_entity",
                "the project's writes create %.*s rows, one a write: %s/s after the rates other entities state, "
                "%s a month ('grows N' on %.*s states its own rate)",
                STRF(writes_to->name), fmt_count(w1, written), fmt_count(w2, written * month), STRF(writes_to->name));
  }
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    EntityStorage *s = &st->ents[i];
    s->entity = e;
    s->rows_now = e->rows * (p->scale > 0 ? p->scale : 1);
    const Feature *by = NULL;
    double stated = ingested(e) ? 0 : stated_rows(e, &by);
    if (e->grows > 0) {
      s->basis = GROWTH_GIVEN;
      s->rows_per_month = e->grows * month * (p->scale > 0 ? p->scale : 1);
    } else if (ingested(e) && p->load.ingest_rows_per_s > 0) {
      s->basis = GROWTH_INGEST;
      s->rows_per_month = p->load.ingest_rows_per_s * month / (ningest ? ningest : 1);
    } else if (stated > 0) {
      s->basis = GROWTH_FEATURE;
      s->rated_by = by;
      s->rows_per_month = stated * month * (p->scale > 0 ? p->scale : 1);
    } else if (media_of(e)) {
      /* Media rows come as uploads: the archetype's default rate, which
       * its assumption states (archetype.c). */
      s->basis = GROWTH_FEATURE;
      s->rated_by = media_of(e);
      s->rate_assumed = true;
      s->rows_per_month = plan_figure(p, "media", "uploads-per-month", 10000) * (p->scale > 0 ? p->scale : 1);
    } else if (e == writes_to) {
      s->basis = GROWTH_WRITES;
      s->rows_per_month = written * month;
    } else {
      s->basis = GROWTH_ASSUMED;
      s->rows_per_month = s->rows_now * yearly / 12;
    }
  }
  /* Parents before children: a child with no rate of its own grows with a
   * parent whose rate is stated or derived (its rows per parent row times
   * the parent's new rows), and is kept while its parent is. */
  int *order = new(a, int, m->nentities + 1), maxd = 0;
  for (int i = 0; i < m->nentities; i++)
    maxd = m->entities[i].depth > maxd ? m->entities[i].depth : maxd;
  int *at = new(a, int, maxd + 2);
  for (int i = 0; i < m->nentities; i++)
    at[m->entities[i].depth + 1]++;
  for (int d = 0; d < maxd; d++)
    at[d + 1] += at[d];
  for (int i = 0; i < m->nentities; i++)
    order[at[m->entities[i].depth]++] = i;
  for (int k = 0; k < m->nentities; k++) {
    const Entity *e = &m->entities[order[k]];
    EntityStorage *s = &st->ents[e->index];
    const EntityStorage *ps = e->parent ? &st->ents[e->parent->index] : NULL;
    if (s->basis == GROWTH_ASSUMED && ps && ps->basis != GROWTH_ASSUMED && e->parent->rows > 0 && !e->principal &&
        !(e->device && !e->has_per)) {
      s->basis = GROWTH_PARENT;
      s->rows_per_month = ps->rows_per_month * e->rows / e->parent->rows;
    }
    if (e->retain > 0)
      s->rows_cap = s->rows_per_month * e->retain / month;
    else if (s->basis == GROWTH_PARENT && ps->rows_cap > 0)
      s->rows_cap = ps->rows_cap * e->rows / e->parent->rows;
  }
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    EntityStorage *s = &st->ents[i];
    if (s->basis == GROWTH_FEATURE && s->rated_by->kind == FK_CRAWL) {
      /* A crawled page is fetched again, not added again: the rows are the
       * URLs fetched within one re-crawl interval. */
      const Option *ro = feature_opt(s->rated_by, "recrawl");
      double urls = s->rows_per_month / month * (ro && ro->nargs ? ro->args[0].num : plan_figure(p, "crawl", "recrawl", 30 * 86400.0));
      if (!(s->rows_cap > 0) || urls < s->rows_cap)
        s->rows_cap = urls;
    }
    /* At a stated, derived or assumed rate, retention keeps rate x
     * retention rows, whatever the seeded count says. */
    if (s->rows_cap > 0 && s->basis != GROWTH_ASSUMED && s->rows_now > s->rows_cap)
      s->rows_now = s->rows_cap;
    s->rows_3y = plan_rows_at(s, 36);
    s->bytes_now = s->rows_now * e->content_bytes;
    s->bytes_1y = plan_rows_at(s, 12) * e->content_bytes;
    s->bytes_3y = s->rows_3y * e->content_bytes;
    s->bytes_per_month = s->rows_per_month * e->content_bytes;
    s->stored_3y = s->rows_3y * e->row_bytes * (1 + st->index_overhead);
    s->stored_1y = plan_rows_at(s, 12) * e->row_bytes * (1 + st->index_overhead);
    st->stored_1y += s->stored_1y;
    /* A media feature's rows each bring a file (its `size`, unless a file
     * field states one), keep its renditions beside it, and are viewed
     * `views` times in renditions of `rendition-share` its size; any other
     * file is downloaded `downloads-per-upload` times, within what its
     * readers fetch. */
    double kept = s->upload_bytes = e->blob_bytes;
    const Feature *mf = media_of(e);
    double share = plan_figure(p, "media", "rendition-share", 0.5);
    if (mf) {
      if (!(s->upload_bytes > 0))
        s->upload_bytes = media_figure(p, mf, "size", 200e6);
      kept = s->upload_bytes * (1 + media_figure(p, mf, "renditions", 4) * share);
    }
    s->blob_now = s->rows_now * kept;
    s->blob_1y = plan_rows_at(s, 12) * kept;
    s->blob_3y = s->rows_3y * kept;
    s->blob_per_month = s->rows_per_month * kept;
    if (mf)
      s->download_per_month = s->rows_per_month * s->upload_bytes * media_figure(p, mf, "views", 50) * share;
    else if (s->upload_bytes > 0) {
      /* Downloads are bounded by who reads them: each active person
       * fetches at most `file-fetches-per-day` of an entity's files a day.
       * A file no person or device owns, in a project with devices, goes
       * to the fleet: each device pulls each new one, at most
       * `device-pulls-per-month`. */
      const Project *pr = &m->project;
      double S = p->scale > 0 ? p->scale : 1;
      double people = pr->users * pr->active * S * plan_figure(p, "payload", "file-fetches-per-day", 1) *
                      (month / SECONDS_PER_DAY) * s->upload_bytes;
      double uploads = s->blob_per_month * plan_figure(p, "payload", "downloads-per-upload", 3);
      s->download_per_month = fmin(uploads, people);
      s->download_bound = people < uploads ? DOWNLOAD_READERS : DOWNLOAD_UPLOADS;
      bool shared = pr->devices > 0 && !e->owner && !e->principal && !ingested(e);
      for (const Entity *x = e; x && shared; x = x->parent)
        shared = !x->device;   /* a device's own files are its uploads */
      if (shared) {
        double fleet = pr->devices * S * fmin(s->rows_per_month, plan_figure(p, "payload", "device-pulls-per-month", 1)) *
                       s->upload_bytes;
        if (fleet > s->download_per_month)
          s->download_per_month = fleet, s->download_bound = DOWNLOAD_FLEET;
      }
    }
    if (mf)
      s->download_per_month = fmax(s->download_per_month, plan_media_streamed(p, mf, s->upload_bytes));
    st->bytes_now += s->bytes_now;
    st->bytes_1y += s->bytes_1y;
    st->bytes_3y += s->bytes_3y;
    st->bytes_per_month += s->bytes_per_month;
    st->blob_now += s->blob_now;
    st->blob_1y += s->blob_1y;
    st->blob_3y += s->blob_3y;
    st->blob_per_month += s->blob_per_month;
  }
  char b1[32], b2[32], b3[32];
  int assumed = 0;
  for (int i = 0; i < st->nents; i++)
    assumed += st->ents[i].basis == GROWTH_ASSUMED;
  if (assumed)
    plan_assume(a, p, "storage.growth", "%d entit%s without a growth rate grow%s by %.0f%% a year (add 'grows N/month')",
                assumed, assumed == 1 ? "y" : "ies", assumed == 1 ? "s" : "", yearly * 100);
  /* Downloads set by their readers, not by the uploads: one line per
   * bound, naming the entity that downloads the most under it. */
  const EntityStorage *rd = NULL, *fl = NULL;
  for (int i = 0; i < st->nents; i++) {
    const EntityStorage *s = &st->ents[i];
    if (s->download_bound == DOWNLOAD_READERS && (!rd || s->download_per_month > rd->download_per_month))
      rd = s;
    if (s->download_bound == DOWNLOAD_FLEET && (!fl || s->download_per_month > fl->download_per_month))
      fl = s;
  }
  if (rd && !p->quiet)
    plan_assume(a, p, "storage.downloads",
                "each active person fetches at most %g of an entity's files a day, fewer than %g downloads per "
                "upload (%.*s: %s a month)",
                plan_figure(p, "payload", "file-fetches-per-day", 1), plan_figure(p, "payload", "downloads-per-upload", 3),
                STRF(rd->entity->name), fmt_bytes(b1, rd->download_per_month));
  if (fl && !p->quiet) {
    double pulls = fmin(fl->rows_per_month, plan_figure(p, "payload", "device-pulls-per-month", 1));
    plan_assume(a, p, "storage.fleet_downloads",
                "%.*s files belong to no one and go to the fleet: %s devices each pull %s new one%s a month, %s",
                STRF(fl->entity->name), fmt_count(b1, p->model->project.devices * (p->scale > 0 ? p->scale : 1)),
                fmt_count(b2, pulls), pulls == 1 ? "" : "s", fmt_bytes(b3, fl->download_per_month));
  }
  /* The sizes the bandwidth, queue and storage prices are billed on. */
  {
    const EntityStorage *top = NULL;
    for (int i = 0; i < st->nents; i++)
      if (!top || st->ents[i].rows_per_month > top->rows_per_month)
        top = &st->ents[i];
    char b4[32], b5[32];
    Str wire = p->load.ingest_rows_per_s > 0
                   ? str_printf(a, "; an ingested row %s on the wire",
                                fmt_bytes(b5, plan_figure(p, "payload", "ingest-row-bytes", 200)))
                   : S("");
    if (top && !p->quiet)
      plan_assume(a, p, "payload.sizes",
                  "API requests average %s and responses %s; a row is its fields' average sizes plus %s of "
                  "overhead (%.*s, the fastest-growing, %s a row)%.*s",
                  fmt_bytes(b1, plan_figure(p, "payload", "request-bytes", 1000)),
                  fmt_bytes(b2, plan_figure(p, "payload", "response-bytes", 4000)),
                  fmt_bytes(b3, top->entity->row_bytes - top->entity->content_bytes), STRF(top->entity->name),
                  fmt_bytes(b4, top->entity->row_bytes), STRF(wire));
  }
  for (int i = 0; i < st->nents; i++) {
    const EntityStorage *s = &st->ents[i];
    st->db_bytes_3y += s->stored_3y;
    st->written_per_month += s->rows_per_month * s->entity->row_bytes;
    if (s->upload_bytes > 0)
      st->uploads_per_month += s->rows_per_month;
  }
  for (int i = 0; i < m->nfeatures; i++)
    if (m->features[i].kind == FK_SEARCH && m->features[i].entity)
      st->search_bytes_1y += st->ents[m->features[i].entity->index].bytes_1y;
  plan_explain(a, p, "storage.bytes_now", "data now", st->bytes_now, "B", "sum of rows x row bytes = %s",
               fmt_bytes(b1, st->bytes_now));
  plan_explain(a, p, "storage.bytes_per_month", "new data per month", st->bytes_per_month, "B/month",
               "sum of new rows per month x row bytes = %s", fmt_bytes(b1, st->bytes_per_month));
  plan_explain(a, p, "storage.bytes_1y", "data after 1 year", st->bytes_1y, "B",
               "now %s + 12 months of growth, retention applied = %s", fmt_bytes(b1, st->bytes_now),
               fmt_bytes(b2, st->bytes_1y));
  plan_explain(a, p, "storage.bytes_3y", "data after 3 years", st->bytes_3y, "B",
               "now %s + 36 months of growth, retention applied = %s", fmt_bytes(b1, st->bytes_now),
               fmt_bytes(b2, st->bytes_3y));
  plan_explain(a, p, "storage.db_bytes_3y", "database size after 3 years, overheads included", st->db_bytes_3y, "B",
               "rows x (content + %.0f B per-row overhead) x (1 + index overhead %.0f%%) = %s",
               p->model->nentities ? p->model->entities[0].row_bytes - p->model->entities[0].content_bytes : 0,
               st->index_overhead * 100, fmt_bytes(b1, st->db_bytes_3y));
  if (st->blob_3y > 0)
    plan_explain(a, p, "storage.blob_3y", "files after 3 years", st->blob_3y, "B",
                 "now %s + 36 months of uploads at %s/month = %s", fmt_bytes(b1, st->blob_now),
                 fmt_bytes(b2, st->blob_per_month), fmt_bytes(b3, st->blob_3y));
}

double plan_asset_egress(const Plan *p) {
  const Project *pr = &p->model->project;
  double S = p->scale > 0 ? p->scale : 1;
  return pr->users * pr->active * S * plan_figure(p, "payload", "client-asset-loads-per-day", 1) *
         plan_figure(p, "payload", "client-assets-bytes", 800e3) * (p->load.seconds_per_month / SECONDS_PER_DAY);
}

double plan_signers(const Plan *p) {
  const Model *m = p->model;
  double users = m->project.users;
  if (m->principal && m->principal->rows > 0 && m->principal->rows < users)
    users = m->principal->rows;
  return users * (p->scale > 0 ? p->scale : 1);
}

double plan_fanout_peak(const Plan *p) {
  return p->load.fanout_messages * p->ent_scale / p->load.seconds_per_month * p->model->project.peak;
}

bool plan_fans_out(const Plan *p) {
  return p->load.fanout_recipients >= plan_figure(p, "workload", "fanout-recipients", 100) ||
         plan_fanout_peak(p) >= plan_figure(p, "workload", "fanout-deliveries", 1000);
}

static void bandwidth(Arena *a, Plan *p) {
  Bandwidth *bw = &p->bw;
  const Load *l = &p->load;
  double month = l->seconds_per_month;
  double req = plan_figure(p, "payload", "request-bytes", 1000);
  double resp = plan_figure(p, "payload", "response-bytes", 4000);
  double wresp = plan_figure(p, "payload", "write-response-bytes", 500);
  double downloads = plan_figure(p, "payload", "downloads-per-upload", 3);
  double requests = l->avg_rps * month;
  /* A read answers with a page or a resource; a write with the row's id,
   * version and times, a batch of ingested rows with their count. */
  double wreqs = fmin(requests, ((l->writes_per_s - l->ingest_rows_per_s - l->crawl_rows_per_s) +
                                 l->ingest_rows_per_s / (l->ingest_batch > 0 ? l->ingest_batch : 1)) * month);
  double rreqs = requests - wreqs;
  double ingest_bytes = 0;
  for (int i = 0; i < p->storage.nents; i++)
    for (int k = 0; k < p->storage.ents[i].entity->nfeatures; k++)
      if (p->storage.ents[i].entity->features[k]->kind == FK_INGEST)
        ingest_bytes += p->storage.ents[i].bytes_per_month;
  double uploaded = 0;
  for (int i = 0; i < p->storage.nents; i++)
    uploaded += p->storage.ents[i].rows_per_month * p->storage.ents[i].upload_bytes;
  bw->ingress_bytes_per_month = requests * req + uploaded + ingest_bytes;
  bw->blob_egress_bytes_per_month = 0;
  for (int i = 0; i < p->storage.nents; i++)
    bw->blob_egress_bytes_per_month += p->storage.ents[i].download_per_month;
  double assets = plan_asset_egress(p);
  bw->egress_bytes_per_month = rreqs * resp + wreqs * wresp + assets + bw->blob_egress_bytes_per_month;
  char b1[32], b2[32], b3[32], b4[32], b5[32], b6[32], b7[32];
  plan_explain(a, p, "bandwidth.ingress_bytes_per_month", "ingress per month", bw->ingress_bytes_per_month, "B/month",
               "%s requests x %s + uploads %s + ingested rows %s = %s", fmt_count(b1, requests), fmt_bytes(b2, req),
               fmt_bytes(b3, uploaded), fmt_bytes(b4, ingest_bytes),
               fmt_bytes(b5, bw->ingress_bytes_per_month));
  plan_explain(a, p, "bandwidth.egress_bytes_per_month", "egress per month", bw->egress_bytes_per_month, "B/month",
               "%s reads x %s + %s writes x %s + the web client's files %s + file downloads %s (%g per file, at most what "
               "the active people fetch; an unowned file one pull a device; a media file its views in renditions) = %s",
               fmt_count(b1, rreqs), fmt_bytes(b2, resp), fmt_count(b5, wreqs),
               fmt_bytes(b7, wresp), fmt_bytes(b6, assets), fmt_bytes(b3, bw->blob_egress_bytes_per_month), downloads,
               fmt_bytes(b4, bw->egress_bytes_per_month));
}

/* Notifications and realtime deliveries a month, from the features and the
 * growth of the entities they watch. Text messages are billed one by one,
 * so the assumptions state how many the plan counts, per person. */
static void events(Arena *a, Plan *p) {
  const Model *m = p->model;
  Load *l = &p->load;
  for (int i = 0; i < m->nfeatures; i++) {
    const Feature *f = &m->features[i];
    if (f->kind == FK_NOTIFY) {
      double ev = f->entity ? p->storage.ents[f->entity->index].rows_per_month
                            : m->project.users * m->project.active * 30; /* a periodic digest */
      if (str_eqc(f->name, "sms") && ev > 0 && !p->quiet) {
        char b1[32], b2[32];
        Str per = m->project.users > 0
                      ? str_printf(a, ", %s per person a month over %s people", fmt_count(b2, ev / m->project.users),
                                   fmt_count(b1, m->project.users))
                      : S("");
        Str what = f->entity ? str_printf(a, "each new %.*s sends one text message", STRF(f->entity->name))
                             : S("each person active that day gets one text message");
        /* An integration of kind sms sends them instead of an sms slot:
         * its bill is priced with the costs (plan_bills). */
        Str via = S("each billed by the SMS provider");
        const Feature *sms = model_integration(m, "sms");
        if (sms)
          via = str_printf(a, "sent through the spec's integration %.*s, whose bill is a line of the cost and of "
                              "the total", STRF(sms->name));
        plan_assume(a, p, str_printf(a, "notify.sms.%d", i).p,
                    "%.*s of one part (160 characters): %s text messages a month%.*s, %.*s", STRF(what),
                    fmt_count(b1, ev), STRF(per), STRF(via));
      }
      if (str_eqc(f->name, "email"))
        l->email_events += ev;
      else if (str_eqc(f->name, "sms"))
        l->sms_events += ev;
      else if (str_eqc(f->name, "push"))
        l->push_events += ev;
    } else if (f->kind == FK_REALTIME && f->entity) {
      /* Recipients per message: the most rows that point at the room entity
       * per room (members of a room, say). */
      double fan = 1;
      const Option *d = feature_opt(f, "deliver");
      const Entity *room = d && d->fields && d->fields[0] ? d->fields[0]->ref : NULL;
      for (int k = 0; room && k < room->nincoming; k++)
        if (room->incoming[k].from->has_per && room->incoming[k].from != f->entity)
          fan = fmax(fan, room->incoming[k].from->per_n);
      /* What watchers see change: the entity's new rows and the rows
       * written under it (a bid under its lot moves the lot's price), each
       * pushed to the row's watchers (kb `realtime watchers`) when no
       * `deliver` names who receives it. */
      double changes = p->storage.ents[f->entity->index].rows_per_month;
      for (int k = 0; k < f->entity->nincoming; k++)
        if (f->entity->incoming[k].from != f->entity)
          changes += p->storage.ents[f->entity->incoming[k].from->index].rows_per_month;
      if (!d)
        fan = fmax(fan, plan_figure(p, "realtime", "watchers", 5));
      l->fanout_messages += changes * fan;
      l->fanout_publishes += changes;
      l->fanout_recipients = fmax(l->fanout_recipients, fan);
    } else if (f->kind == FK_DASHBOARD && feature_has(f, "live"))
      l->live_dashboards = true;
  }
}

void plan_capacity(Arena *a, Plan *p) {
  load(a, p);
  storage(a, p);
  bandwidth(a, p);
  events(a, p);
}
