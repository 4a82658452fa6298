/* Needs: from the model's features and the capacity figures to the slots the
 * system must fill, each with the families and capabilities a technology
 * needs to qualify.
 *
 *   always            compute, gateway, database, observability, CI/CD, IaC
 *   auth              an identity service (OAuth/OIDC capable for those methods)
 *   blob fields       object storage with presigned URLs
 *   files, web client a CDN when file downloads and the web client's own
 *                     files (active people x its bundle a day) pass cdn-egress
 *   notify, ingest,   a queue (an event stream when ingest is heavy); also
 *   report            media renditions, fan-out to many recipients, a search
 *                     engine to feed and providers that call back (webhooks)
 *   report, dashboard past warehouse-rows at the horizon   an analytics store
 *   notify email/sms/push   the provider, unless an integration names one
 *   realtime, live dashboard   a realtime channel with fan-out
 *   search with facets or on large tables   a search engine
 *   crud cache, or read-heavy under a tight p95   a cache
 *
 * The database's family follows the workload: thousands of ingested rows a
 * second want a time-series or wide-column store; payments and PCI data want
 * transactions; everything else starts relational. */
#include <math.h>
#include <string.h>

#include "plan.h"

typedef struct {
  Need *v;
  int n, cap;
} Needs;

static Need *add(Arena *a, Needs *ns, const char *slot, Span sp, const char *reason) {
  for (int i = 0; i < ns->n; i++)
    if (str_eqc(ns->v[i].slot, slot))
      return &ns->v[i];
  if (ns->n == ns->cap) {
    int nc = ns->cap ? ns->cap * 2 : 16;
    Need *nv = new(a, Need, nc);
    if (ns->n)
      memcpy(nv, ns->v, sizeof(Need) * (size_t)ns->n);
    ns->v = nv;
    ns->cap = nc;
  }
  Need *n = &ns->v[ns->n++];
  n->slot = str_c(slot);
  n->span = sp;
  n->reason = str_c(reason);
  return n;
}

static Str *strs(Arena *a, const char *const *z, int *n) {
  int k = 0;
  while (z[k])
    k++;
  Str *s = new(a, Str, k);
  for (int i = 0; i < k; i++)
    s[i] = str_c(z[i]);
  *n = k;
  return s;
}

#define FAMILIES(a, need, ...) ((need)->families = strs((a), (const char *const[]){__VA_ARGS__, 0}, &(need)->nfamilies))
#define CAPS(a, need, ...) ((need)->caps = strs((a), (const char *const[]){__VA_ARGS__, 0}, &(need)->ncaps))

/* An upload that accepts images, video or audio: its files need renditions
 * (thumbnails, transcodes) made off the request path. */
static bool media_types(const Feature *f) {
  const Option *t = feature_opt(f, "types");
  for (int i = 0; t && i < t->nargs; i++)
    if (str_eqc(t->args[i].text, "image") || str_eqc(t->args[i].text, "video") || str_eqc(t->args[i].text, "audio"))
      return true;
  return false;
}

/* Half the largest upload limit among E's files: a file that may be this
 * big is handled off the request path, whatever the average. */
static double half_limit(const Entity *e) {
  double m = 0;
  for (int k = 0; k < e->nfields; k++)
    if (e->fields[k].type == FT_BLOB && e->fields[k].max_size / 2 > m)
      m = e->fields[k].max_size / 2;
  return m;
}

/* The rows a search scans at the horizon and its query rate: a search
 * engine past `fts-max-rows` (`fts-facet-rows` with facets) or
 * `fts-max-queries`, else the database's full-text index. */
static bool search_load(const Plan *p, const Feature *f, double *rows, double *qps) {
  const Model *m = p->model;
  const EntityStorage *es = &p->storage.ents[f->entity->index];
  *rows = (es->rows_now + es->rows_per_month * p->horizon_months) * p->ent_scale;
  if (es->rows_cap > 0)
    *rows = fmin(*rows, fmax(es->rows_cap, es->rows_now) * p->ent_scale);
  *qps = p->load.reads_per_s * m->project.peak * p->load.margin / (m->nfeatures ? m->nfeatures : 1);
  double limit = feature_has(f, "facets") ? plan_figure(p, "topology", "fts-facet-rows", 1e6)
                                          : plan_figure(p, "topology", "fts-max-rows", 5e6);
  return *rows >= limit || *qps >= plan_figure(p, "topology", "fts-max-queries", 200);
}

static bool search_engine(const Plan *p, const Feature *f) {
  double rows, qps;
  return f->entity && search_load(p, f, &rows, &qps);
}

/* Whether entity e keeps what only a relational store holds well: money
 * or card data (transactions across rows), or a relation the other store
 * cannot follow: with by_key, any relation but the owner (a key-value
 * store has no joins); else a many-to-many one (a document store nests
 * the rest). */
static bool holds_what_acid_keeps(const Entity *e, bool by_key) {
  for (int k = 0; k < e->nfields; k++) {
    const Field *f = &e->fields[k];
    if (f->type == FT_MONEY || (f->tags & TAG_PCI))
      return true;
    if (by_key ? f->rel != REL_NONE && f != e->parent_field : f->rel == REL_MANY_TO_MANY)
      return true;
  }
  return false;
}

/* Whether the team runs a database of `family` by a skill only such
 * stores list (mongodb, firestore for documents; dynamodb for key-value),
 * not by a cloud or a word stores of other families share. */
static bool knows_store_family(const Plan *p, const char *family) {
  const Project *pr = &p->model->project;
  int ndb;
  const Tech *const *db = kb_slot(p->kb, S("database"), &ndb);   /* the database slot's technologies */
  for (int k = 0; k < pr->nskills; k++) {
    Str w = pr->skills[k].word;
    bool mine = false, other = str_eqc(w, "aws") || str_eqc(w, "gcp") || str_eqc(w, "azure");
    for (int i = 0; i < ndb && !other; i++) {
      const Tech *t = db[i];
      for (int j = 0; j < t->nskills; j++)
        if (str_ieq(t->skills[j], w)) {
          if (str_eqc(t->family, family))
            mine = true;
          else
            other = true;
        }
    }
    if (mine && !other)
      return true;
  }
  return false;
}

/* Whether the databases the team runs are wide-column stores and no
 * relational one (Cassandra, ScyllaDB, HBase): such a team models its
 * records as partitions read by key, as a key-value team does. */
static bool wide_column_team(const Plan *p) {
  if (!knows_store_family(p, "wide-column"))
    return false;
  const Project *pr = &p->model->project;
  int ndb;
  const Tech *const *db = kb_slot(p->kb, S("database"), &ndb);
  /* A skill a relational store lists and no wide-column one does
   * (postgresql, mysql; not linux or java). */
  for (int k = 0; k < pr->nskills; k++) {
    Str w = pr->skills[k].word;
    bool rel = false, wide = false;
    for (int i = 0; i < ndb; i++)
      for (int j = 0; j < db[i]->nskills; j++)
        if (str_ieq(db[i]->skills[j], w)) {
          rel |= str_eqc(db[i]->family, "relational");
          wide |= str_eqc(db[i]->family, "wide-column");
        }
    if (rel && !wide)
      return false;
  }
  return true;
}

/* Whether the system of record may live in a key-value store with ACID
 * transactions: no money or card data, and every access to the record
 * entities is by key or by owner (no report, query or dashboard over them,
 * no search the database itself serves, filters only within one owner's
 * rows; a history pages one owner's rows, a sort key's range). The
 * relations: where the team does not run a key-value store, every one is
 * the owner in the ownership chain (no joins to design around); where it
 * does (DynamoDB), the bar is the document store's: no many-to-many
 * relation, other rows referred to by id and read by key, as such a team
 * models them (an adjacency list for a pair of members). */
static bool key_value_record(const Plan *p, bool payments, bool pci) {
  const Model *m = p->model;
  if (payments || pci)
    return false;
  bool by_key = !knows_store_family(p, "key-value") && !wide_column_team(p);
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    if (p->entity_class[i] != DC_RECORD)
      continue;
    if (holds_what_acid_keeps(e, by_key))
      return false;
    for (int k = 0; k < e->nfeatures; k++) {
      const Feature *f = e->features[k];
      /* A search a search engine serves is no query on the record store. */
      if (f->kind == FK_SEARCH && search_engine(p, f))
        continue;
      if (f->kind == FK_HISTORY && e->parent)
        continue;
      if (f->kind == FK_SEARCH || f->kind == FK_REPORT || f->kind == FK_QUERY || f->kind == FK_DASHBOARD ||
          f->kind == FK_HISTORY)
        return false;
      if (f->kind == FK_CRUD && (feature_opt(f, "search") || feature_opt(f, "filter") || feature_opt(f, "sort")) &&
          !feature_has(f, "owner-only"))
        return false;
    }
  }
  return true;
}

/* Whether a document store is a defensible system of record: nothing
 * moves money or card data between rows (no money, no payments, no PCI:
 * those need transactions across entities and stay relational), no
 * many-to-many relation (a join table is relational by nature), so every
 * entity is an aggregate read and written whole with its children and
 * referring to others by id; no search below the point where a search
 * engine takes it (the database's full-text index would serve it); and
 * the team already runs a document store
 * (a store the team does not know wins nothing over a relational one). */
static bool document_record(const Plan *p, bool payments, bool pci) {
  const Model *m = p->model;
  if (payments || pci || !knows_store_family(p, "document"))
    return false;
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    if (p->entity_class[i] != DC_RECORD)
      continue;
    if (holds_what_acid_keeps(e, false))
      return false;
    /* A search the database itself would serve asks for a relational
     * full-text index; one a search engine serves does not. */
    for (int k = 0; k < e->nfeatures; k++)
      if (e->features[k]->kind == FK_SEARCH && !search_engine(p, e->features[k]))
        return false;
  }
  return true;
}

/* Runs of a report or dashboard a month: its period, or a dashboard's
 * refresh (no more often than hourly over the whole history; rollups serve
 * the refreshes between). */
static double runs_per_month(const Plan *p, const Feature *f) {
  double month = p->load.seconds_per_month;
  if (f->kind == FK_DASHBOARD) {
    const Option *r = feature_opt(f, "refresh");
    double every = r && r->nargs ? fmax(r->args[0].num, 3600) : 3600;
    return month / every;
  }
  Str per = f->period;
  double every = str_eqc(per, "hourly") ? 3600 : str_eqc(per, "weekly") ? 7 * 86400
                 : str_eqc(per, "monthly") ? month : 86400;
  return month / every;
}

/* The bytes of a row a warehouse keeps and reports aggregate: keys,
 * numbers, dates, enums and short strings; free text, JSON and files stay
 * in their stores. */
static double column_bytes(const Entity *e) {
  double b = 0;
  for (int k = 0; k < e->nfields; k++)
    if (e->fields[k].type != FT_TEXT && e->fields[k].type != FT_JSON && e->fields[k].type != FT_BLOB)
      b += e->fields[k].avg_bytes;
  return b;
}

static double rows_by(const Plan *p, const EntityStorage *es, double months) {
  double r = es->rows_now + es->rows_per_month * months;
  if (es->rows_cap > 0)
    r = fmin(r, fmax(es->rows_cap, es->rows_now));
  return r * p->ent_scale;
}

/* Adds e to the class's copies once; true when it was not there yet. */
static bool copy_in(Arena *a, DataClass *c, const Entity *e, int cap) {
  for (int k = 0; k < c->ncopies; k++)
    if (c->copies[k] == e)
      return false;
  if (!c->copies)
    c->copies = new(a, const Entity *, cap);
  c->copies[c->ncopies++] = e;
  return true;
}

/* What the reports and dashboards scan. most: the largest scan of one
 * run (widest's rows, per_owner's share when a report reads one owner's
 * rows); stored: the bytes copied for them; rolled: the rows a time-series
 * store's rollups serve instead. */
typedef struct {
  double most, stored, all_rows, rolled;
  const Entity *widest, *per_owner, *roll;
  const Feature *first;
} Scans;

/* The entity a report or dashboard scans: the one it names, else the
 * largest table that carries money, else the largest that is not files. */
static const Entity *scanned_entity(const Plan *p, const Feature *f) {
  const Model *m = p->model;
  const Entity *e = f->entity ? f->entity : f->name.n ? model_entity(m, f->name) : NULL;
  for (int pass = 0; pass < 2 && !e; pass++)
    for (int k = 0; k < m->nentities; k++) {
      const Entity *c = &m->entities[k];
      bool money = false;
      for (int j = 0; j < c->nfields; j++)
        money |= c->fields[j].type == FT_MONEY;
      if (p->entity_class[k] == DC_BLOBS || (pass == 0 && !money))
        continue;
      if (!e || rows_by(p, &p->storage.ents[k], p->horizon_months) >
                    rows_by(p, &p->storage.ents[e->index], p->horizon_months))
        e = c;
    }
  return e;
}

/* Each report's and dashboard's scan, recorded in the analytics class. */
static void analytics_scans(Arena *a, Plan *p, Scans *sc) {
  const Model *m = p->model;
  DataClass *an = &p->classes[DC_ANALYTICS];
  double scan_share = plan_figure(p, "workload", "scan-share", 0.2) * plan_figure(p, "workload", "columnar-share", 0.1);
  double rate = plan_figure(p, "workload", "warehouse-scan-bytes", 1e9);
  for (int i = 0; i < m->nfeatures; i++) {
    const Feature *f = &m->features[i];
    if (f->kind != FK_REPORT && f->kind != FK_DASHBOARD)
      continue;
    const Entity *e = scanned_entity(p, f);
    if (!e)
      continue;
    sc->first = sc->first ? sc->first : f;
    if (!p->quiet) {
      if (!an->uses)
        an->uses = new(a, Str, m->nfeatures);
      an->uses[an->nuses++] = f->kind == FK_REPORT ? str_printf(a, "report %.*s", STRF(f->name))
                                                   : str_printf(a, "dashboard %.*s", STRF(e->name));
    }
    const EntityStorage *es = &p->storage.ents[e->index];
    double rows = rows_by(p, es, p->horizon_months);
    /* Ingested rows in a time-series store: its rollups serve them, and
     * they are not copied anywhere. */
    if (p->entity_class[e->index] == DC_EVENTS && p->load.ingest_rows_per_s > 0 &&
        str_eqc(p->classes[DC_EVENTS].slot, "events")) {
      if (rows >= sc->rolled)
        sc->rolled = rows, sc->roll = e;
      continue;
    }
    bool fresh = copy_in(a, an, e, m->nfeatures + 1);
    /* A report per owner (a statement) scans one owner's rows through an
     * index on the owner and time, however long the history. */
    const Entity *own = NULL;
    if (f->kind == FK_REPORT && feature_has(f, "owner-only")) {
      own = e->owner;
      if (!own && e->parent) {   /* nobody signs in: the top of the ownership chain */
        own = e->parent;
        for (int k = 0; k < 16 && own->parent && own->parent != own; k++)
          own = own->parent;
      }
    }
    if (own && own != e) {
      double one = rows / fmax(1, rows_by(p, &p->storage.ents[own->index], p->horizon_months));
      if (one >= sc->most)
        sc->most = one, sc->widest = e, sc->per_owner = own, sc->all_rows = rows;
      continue;
    }
    if (fresh)
      sc->stored += rows_by(p, es, 12) * column_bytes(e);
    /* Each run reads the columns it names over the history a year in. */
    double run = rows_by(p, es, 12) * column_bytes(e) * scan_share, runs = runs_per_month(p, f);
    an->scanned += run * runs;
    an->hours += runs * fmax(60, run / rate) / 3600;
    if (rows >= sc->most)
      sc->most = rows, sc->widest = e, sc->per_owner = NULL;
  }
}

/* Analytics: reports and dashboards scan their entity's history. Past
 * `warehouse-rows` rows at the horizon a columnar warehouse (or a query
 * engine over a batch export to object storage) takes them off the system
 * of record; below it they run as scheduled jobs on the database, and the
 * absence says so with that point as the revisit. Dashboards over ingested
 * rows in a time-series store read its rollups. */
static void plan_analytics(Arena *a, Plan *p, Needs *ns) {
  DataClass *an = &p->classes[DC_ANALYTICS];
  double limit = plan_figure(p, "workload", "warehouse-rows", 100e6);
  Scans scans = {0}, *sc = &scans;
  analytics_scans(a, p, sc);
  if (!sc->first)
    return;
  an->bytes = sc->stored * plan_figure(p, "workload", "columnar-share", 0.1);
  char b1[32], b2[32], b3[32], b4[32];
  double years = p->horizon_months / 12;
  if (sc->widest && sc->most >= limit) {
    Need *n = add(a, ns, "analytics", sc->first->span,
                  "runs the reports that scan long history off the system of record");
    FAMILIES(a, n, "warehouse", "query-engine");
    an->slot = S("analytics");
    if (!p->quiet) {
      an->why = str_printf(a, "reports scan %s %.*s rows after %g years, past the %s rows at which scans of a row "
                              "store take minutes and load the primary: a nightly batch copies the history into "
                              "columnar storage (%s), and reports read %s a month of it",
                           fmt_count(b1, sc->most), STRF(sc->widest->name), years, fmt_count(b2, limit),
                           fmt_bytes(b3, an->bytes), fmt_bytes(b4, an->scanned));
      n->reason = str_printf(a, "runs the reports off the system of record: %.*s", STRF(an->why));
    }
    return;
  }
  if (!sc->widest) {
    an->slot = S("events");
    copy_in(a, an, sc->roll, 1);
    if (!p->quiet)
      an->why = str_printf(a, "dashboards and reports read %s %.*s rows after %g years from the time-series store's "
                              "rollups (continuous aggregates), not a warehouse",
                           fmt_count(b1, sc->rolled), STRF(sc->roll->name), years);
  } else if (sc->per_owner) {
    an->slot = S("database");
    if (!p->quiet)
      an->why = str_printf(a, "each %.*s's report scans their own %s %.*s rows after %g years (%s in all) through an "
                              "index on the owner and time, under the %s at which a warehouse pays; partition the "
                              "history by time so old partitions stay cold",
                           STRF(sc->per_owner->name), fmt_count(b1, sc->most), STRF(sc->widest->name), years,
                           fmt_count(b3, sc->all_rows), fmt_count(b2, limit));
  } else {
    an->slot = S("database");
    if (!p->quiet)
      an->why = str_printf(a, "reports and dashboards run as scheduled jobs on the database (on its read replica when "
                              "it has one): they scan %s %.*s rows after %g years, under the %s at which a warehouse "
                              "pays%s",
                           fmt_count(b1, sc->most), STRF(sc->widest->name), years, fmt_count(b2, limit),
                           sc->roll ? "; the readings' dashboards read the time-series store's rollups" : "");
  }
  if (!p->quiet) {
    Absence *ab = push(a, p->absent, p->nabsent, p->absent_cap);
    ab->slot = S("analytics");
    ab->why = str_printf(a, "no warehouse: %.*s", STRF(an->why));
    ab->revisit = !sc->widest ? S("when reports join the readings with the record's history, or scan what the "
                                  "rollups do not keep")
                  : str_printf(a, "at %s %.*s rows%s (about %.0fx the %s at the horizon)", fmt_count(b1, limit),
                               STRF(sc->widest->name), sc->per_owner ? " per owner" : "",
                               ceil(limit / fmax(sc->most, 1)), fmt_count(b2, sc->most));
  }
}

/* Whether the record passes the points at which appended rows leave the
 * ACID store: `events-writes` writes a second at the design load, or
 * `events-rows` rows in one of its tables at the horizon. */
static bool record_past_events_point(const Plan *p) {
  const DataClass *rec = &p->classes[DC_RECORD];
  if (rec->writes >= plan_figure(p, "topology", "events-writes", 2000))
    return true;
  for (int i = 0; i < rec->nentities; i++)
    if (rows_by(p, &p->storage.ents[rec->entities[i]->index], p->horizon_months) >=
        plan_figure(p, "topology", "events-rows", 1e9))
      return true;
  return false;
}

/* The system of record, relational (or key-value when every access is by
 * key) whatever else the system ingests, and the high-volume events in
 * their own slot. */
static void needs_record(Arena *a, Plan *p, Needs *ns) {
  const Model *m = p->model;
  const Project *pr = &m->project;
  Span whole = pr->span;
  Need *db = add(a, ns, "database", whole, "holds the system of record");
  double ingest = p->load.ingest_rows_per_s;
  bool payments = model_integration(m, "payments");
  bool pci = false;
  for (int i = 0; i < pr->ncompliance; i++)
    pci |= str_eqc(pr->compliance[i].word, "pci");
  /* The system of record stays relational whatever else the system
   * ingests: high-volume events get their own slot below. */
  {
    bool kv = key_value_record(p, payments, pci), doc = document_record(p, payments, pci);
    /* A team whose databases are wide-column stores keeps such a record
     * there once it passes the points at which appended rows leave the
     * ACID store (`events-writes` writes a second, `events-rows` rows in
     * one table at the horizon): each aggregate is one partition, written
     * atomically, so the record needs no transactions across rows. Below
     * them a small managed relational store costs the team less than a
     * partitioned one. */
    bool wide = kv && wide_column_team(p) && record_past_events_point(p);
    if (wide && doc)
      FAMILIES(a, db, "relational", "key-value", "wide-column", "document");
    else if (wide)
      FAMILIES(a, db, "relational", "key-value", "wide-column");
    else if (kv && doc)
      FAMILIES(a, db, "relational", "key-value", "document");
    else if (kv)
      FAMILIES(a, db, "relational", "key-value");
    else if (doc)
      FAMILIES(a, db, "relational", "document");
    else
      FAMILIES(a, db, "relational");
    if (doc)
      db->reason = S("holds the system of record: aggregates read and written whole, no money moving between "
                     "them, so the document store the team runs qualifies beside a relational one");
    if (wide && !p->quiet) {
      db->reason = S("holds the system of record: each aggregate one partition read by key and written whole, "
                     "no money moving between them, so the wide-column store the team runs qualifies beside a "
                     "relational one");
      /* The class no longer promises ACID transactions across rows. */
      DataClass *rec = &p->classes[DC_RECORD];
      const char *semi = rec->why.n ? memchr(rec->why.p, ';', (size_t)rec->why.n) : NULL;
      if (semi)
        rec->why = str_printf(a, "the system of record: aggregates each in one partition, no money moving between "
                                 "them%.*s", (int)(rec->why.n - (semi - rec->why.p)), semi);
    }
    /* An availability target of 99.9% or more needs a standby to fail over to. */
    bool ha = pr->availability >= 0.999;
    if (payments || pci) {
      db->reason = S("holds orders and payments, which need ACID transactions");
      if (ha)
        CAPS(a, db, "transactions", "constraints", "replication");
      else
        CAPS(a, db, "transactions", "constraints");
    } else if (wide && ha)
      CAPS(a, db, "replication");
    else if (ha)
      CAPS(a, db, "transactions", "replication");
    else if (!wide)
      CAPS(a, db, "transactions");
  }

  const DataClass *ev = &p->classes[DC_EVENTS];
  if (ev->nentities && str_eqc(ev->slot, "events")) {
    Need *e = add(a, ns, "events", ev->entities[0]->span,
                  "holds the high-volume appended data, partitioned to scale writes out");
    bool timed = ingest > 0;
    if (timed)
      FAMILIES(a, e, "time-series", "wide-column", "key-value");
    /* A history written by the request path may stay in the document
     * store the team runs: it partitions writes out by a shard key as a
     * wide-column store does, and a second store family is one more to
     * run. */
    else if (knows_store_family(p, "document"))
      FAMILIES(a, e, "wide-column", "key-value", "document");
    else
      FAMILIES(a, e, "wide-column", "key-value");
    CAPS(a, e, "batch-writes");
    if (!p->quiet)
      e->reason = str_printf(a, "holds %.*s: %.*s", STRF(ev->entities[0]->name), STRF(ev->why));
  }
}

/* An upload: object storage, and media get a processing pipeline. */
static void needs_upload(Arena *a, Plan *p, Needs *ns, const Feature *f) {
  const Project *pr = &p->model->project;
  Need *n = add(a, ns, "object-storage", f->span, "stores uploaded files; clients upload with presigned URLs");
  CAPS(a, n, "presigned-urls");
  /* Media get a processing pipeline: a queue of jobs (renditions,
   * thumbnails, transcodes, scanning) between the upload and the
   * workers. Images, video and audio always need renditions; any file
   * of `media-bytes` or more takes too long to handle in the upload's
   * request. The pipeline scales apart from the API when the files
   * are large or arrive at `media-uploads` a second at peak. */
  const Entity *e = f->entity;
  double big = plan_figure(p, "topology", "media-bytes", 100e6);
  double ups = e ? p->storage.ents[e->index].rows_per_month * p->ent_scale / p->load.seconds_per_month * pr->peak
                 : 0;
  bool large = e && (e->blob_bytes >= big || half_limit(e) >= big);
  if (e && (large || media_types(f))) {
    Need *q = add(a, ns, "queue", f->span, "carries media processing jobs from each upload to the workers");
    if (large || ups >= plan_figure(p, "workload", "media-uploads", 10))
      q->apart = true;
    if (!q->nfamilies)
      FAMILIES(a, q, "message-queue");
  }
}

/* Ingested rows: a queue, or an event stream past `stream-rows` a second. */
static void needs_ingest(Arena *a, Plan *p, Needs *ns, const Feature *f) {
  const Project *pr = &p->model->project;
  double ingest = p->load.ingest_rows_per_s;
  /* Rows that arrive at `stream-rows` a second at peak go through a
   * log the writers read in batches, ordered per key and replayable
   * when a writer falls behind or a new consumer (an analytics copy)
   * starts; below it a queue buffers them. */
  Need *q = add(a, ns, "queue", f->span, "buffers ingested rows between the API and the writers");
  double at_peak = ingest * pr->peak, stream_rows = plan_figure(p, "topology", "stream-rows", 1000);
  if (at_peak >= stream_rows) {
    char b1[32], b2[32];
    q->slot = S("stream");
    q->reason = p->quiet ? S("x")
                         : str_printf(a, "buffers %s ingested rows a second at peak (past %s), ordered per key "
                                         "and replayable for the writers and any later consumer",
                                      fmt_count(b1, at_peak), fmt_count(b2, stream_rows));
    FAMILIES(a, q, "event-stream");
  } else
    FAMILIES(a, q, "message-queue");
}

/* Bytes a search index keeps of one row: the fields it indexes (`fields`,
 * else the string and text fields), not the whole row; the row's own
 * bytes when it indexes none of them. */
static double indexed_bytes(const Feature *f) {
  const Entity *e = f->entity;
  const Option *o = feature_opt(f, "fields");
  double b = 0;
  if (o && o->fields)
    for (int k = 0; k < o->nargs; k++)
      b += o->fields[k] ? o->fields[k]->avg_bytes : 0;
  else
    for (int k = 0; k < e->nfields; k++)
      if (e->fields[k].type == FT_STRING || e->fields[k].type == FT_TEXT)
        b += e->fields[k].avg_bytes;
  return b > 0 && b < e->content_bytes ? b : e->content_bytes;
}

/* A search: a search engine, or the database's full-text index. */
static void needs_search(Arena *a, Plan *p, Needs *ns, const Feature *f) {
  const Model *m = p->model;
  double fts_rows = plan_figure(p, "topology", "fts-max-rows", 5e6);
  double facet_rows = plan_figure(p, "topology", "fts-facet-rows", 1e6);
  double fts_qps = plan_figure(p, "topology", "fts-max-queries", 200);
  /* A search engine only past the point where the database's
   * full-text index falls short: rows at the horizon, facet counts
   * over large sets, or the query rate; below it, the database. */
  if (!f->entity)
    return;
  DataClass *sc = &p->classes[DC_SEARCH];
  double rows, qps;
  bool engine = search_load(p, f, &rows, &qps);
  bool facets = feature_has(f, "facets");
  double limit = facets ? facet_rows : fts_rows;
  if (!sc->copies)
    sc->copies = new(a, const Entity *, m->nentities);
  sc->copies[sc->ncopies++] = f->entity;
  /* Rows an events store of their own keeps in full are not copied in
   * full: the index keeps the `search-window` people search most. */
  const DataClass *ev = &p->classes[DC_EVENTS];
  const EntityStorage *es = &p->storage.ents[f->entity->index];
  bool held = false;
  for (int i = 0; i < ev->nentities && str_eqc(ev->slot, "events"); i++)
    held |= ev->entities[i] == f->entity;
  double window = plan_figure(p, "topology", "search-window", 7 * 86400.0);
  double recent = es->rows_per_month * window / p->load.seconds_per_month * p->ent_scale;
  char b1[32], b2[32], b3[32], b4[32];
  double kept = rows;
  if (held && engine && recent < rows) {
    if (!p->quiet)
      plan_assume(a, p, str_printf(a, "search.window.%.*s", STRF(f->entity->name)).p,
                  "the search index keeps the last %g days of %.*s (%s rows, not all %s): the events store holds "
                  "every row and answers older searches by scanning",
                  window / 86400, STRF(f->entity->name), fmt_count(b2, recent), fmt_count(b3, rows));
    kept = recent;
  }
  sc->bytes += kept * indexed_bytes(f);
  sc->reads += qps;
  if (engine) {
    Need *n = add(a, ns, "search", f->span, "ranks full-text matches with facets, off the database");
    if (facets)
      CAPS(a, n, "facets");
    /* An engine apart from the record store is fed by an indexing job
     * per write, so a write never waits on (or is lost by) the index. */
    if (p->storage.ents[f->entity->index].rows_per_month > 0) {
      Need *q = add(a, ns, "queue", f->span, "carries an indexing job from each write to the search engine");
      if (!q->nfamilies)
        FAMILIES(a, q, "message-queue");
    }
    sc->slot = S("search");
    if (!p->quiet)
      sc->why = str_printf(a, "%s %.*s rows after %g years and %s searches/s at the design load pass what the "
                              "database's full-text index serves (%s rows%s, %s queries/s)",
                           fmt_count(b1, rows), STRF(f->entity->name), p->horizon_months / 12, fmt_count(b2, qps),
                           fmt_count(b3, limit), facets ? " with facet counts" : "", fmt_count(b4, fts_qps));
  } else if (!sc->slot.n || str_eqc(sc->slot, "database")) {
    sc->slot = S("database");
    if (!p->quiet) {
      double at = fmin(limit / (rows > 0 ? rows : 1), fts_qps / (qps > 0 ? qps : 1));
      sc->why = str_printf(a, "%s %.*s rows after %g years and %s searches/s: the database's full-text index "
                              "serves them%s", fmt_count(b1, rows), STRF(f->entity->name), p->horizon_months / 12,
                           fmt_count(b2, qps), facets ? ", facet counts included" : "");
      Absence *ab = push(a, p->absent, p->nabsent, p->absent_cap);
      ab->slot = S("search");
      ab->why = sc->why;
      ab->revisit = str_printf(a, "at %s rows%s or %s searches/s (about %.0fx today's)", fmt_count(b1, limit),
                               facets ? " with facets" : "", fmt_count(b3, fts_qps), ceil(at));
    }
  }
}

/* Archetypes: the stores their components run on (archetype.c). */
static void needs_archetype(Arena *a, Needs *ns, const Feature *f) {
  static const char *const why[] = {[FK_FEED] = "carries fan-out jobs from each post to the timeline writers",
                                    [FK_CRAWL] = "holds the URL frontier and the fetch jobs",
                                    [FK_MEDIA] = "carries transcoding jobs from each upload to the workers",
                                    [FK_SHORTLINK] = "carries click events and expiry sweeps off the redirect path"};
  Need *q = add(a, ns, "queue", f->span, why[f->kind]);
  if (!q->nfamilies)
    FAMILIES(a, q, "message-queue");
  if (f->kind == FK_FEED || f->kind == FK_SHORTLINK || f->kind == FK_CRAWL)
    add(a, ns, "cache", f->span, f->kind == FK_FEED ? "holds the precomputed timelines"
                                  : f->kind == FK_CRAWL ? "holds the seen-URL set"
                                                        : "answers redirects from memory");
  if (f->kind == FK_CRAWL || f->kind == FK_MEDIA) {
    Need *o = add(a, ns, "object-storage", f->span, f->kind == FK_CRAWL ? "stores fetched pages" : "stores uploads and renditions");
    CAPS(a, o, "presigned-urls");
  }
  if (f->kind == FK_MEDIA) {
    Need *c = add(a, ns, "cdn", f->span, "serves renditions from the edge");
    CAPS(a, c, "video-delivery");
  }
}

/* The slots one feature needs. */
static void needs_of_feature(Arena *a, Plan *p, Needs *ns, const Feature *f) {
  const Model *m = p->model;
  bool has_email = model_integration(m, "email"), has_sms = model_integration(m, "sms"),
       has_push = model_integration(m, "push");
  switch (f->kind) {
  case FK_AUTH: {
    Need *n = add(a, ns, "auth", f->span, "signs users in and issues tokens");
    const Option *meth = feature_opt(f, "method");
    if (meth && (str_eqc(meth->args[0].text, "oauth") || str_eqc(meth->args[0].text, "oidc")))
      CAPS(a, n, "oauth");
    /* SAML federation and passkey sign-in are features of a provider (and
       of its plan: Cognito's Lite has no passkeys), not of the API. */
    if (meth && str_eqc(meth->args[0].text, "saml"))
      CAPS(a, n, "saml");
    if (meth && str_eqc(meth->args[0].text, "passkey"))
      CAPS(a, n, "passkeys");
    if (feature_has(f, "mfa"))
      CAPS(a, n, "mfa");
    break;
  }
  case FK_UPLOAD:
    needs_upload(a, p, ns, f);
    break;
  case FK_NOTIFY: {
    Need *q = add(a, ns, "queue", f->span, "carries notification jobs to a worker, with retries");
    FAMILIES(a, q, "message-queue");
    const char *slot = str_eqc(f->name, "email") ? "email" : str_eqc(f->name, "sms") ? "sms"
                       : str_eqc(f->name, "push") ? "push" : NULL;
    bool provided = slot && (!strcmp(slot, "email") ? has_email : !strcmp(slot, "sms") ? has_sms : has_push);
    if (slot && !provided)
      add(a, ns, slot, f->span, "delivers the notifications");
    break;
  }
  case FK_INGEST:
    needs_ingest(a, p, ns, f);
    break;
  case FK_REPORT: {
    Need *q = add(a, ns, "queue", f->span, "runs scheduled report jobs off the request path");
    if (!q->nfamilies)
      FAMILIES(a, q, "message-queue");
    break;
  }
  case FK_REALTIME: {
    Need *n = add(a, ns, "realtime", f->span, "pushes new rows to connected clients as they happen");
    CAPS(a, n, "fan-out");
    break;
  }
  case FK_DASHBOARD:
    if (feature_has(f, "live")) {
      Need *n = add(a, ns, "realtime", f->span, "pushes live readings to open dashboards");
      CAPS(a, n, "fan-out");
    }
    break;
  case FK_SEARCH:
    needs_search(a, p, ns, f);
    break;
  case FK_INTEGRATION:
    /* A provider that calls back: the receiver verifies and stores each
     * event and answers at once; a worker processes it from a queue, so
     * a slow or failing step is retried instead of timing the provider out. */
    if (feature_has(f, "webhooks")) {
      Need *q = add(a, ns, "queue", f->span, "carries each received webhook event to a worker, with retries");
      if (!q->nfamilies)
        FAMILIES(a, q, "message-queue");
    }
    break;
  case FK_CRUD:
    if (feature_has(f, "cache"))
      add(a, ns, "cache", f->span, "serves cached reads within the requested TTL");
    break;
  case FK_FEED:
  case FK_CRAWL:
  case FK_MEDIA:
  case FK_SHORTLINK:
    needs_archetype(a, ns, f);
    break;
  case FK_PRESENCE:
  case FK_CHAT: {
    Need *n = add(a, ns, "realtime", f->span, "holds client connections and delivers messages and presence");
    CAPS(a, n, "fan-out");
    add(a, ns, "cache", f->span, "keeps presence keys with a heartbeat TTL");
    break;
  }
  case FK_COLLAB: {
    /* the document sessions hold sockets and documents in memory */
    Need *n = add(a, ns, "compute", f->span, "runs the API and its background workers");
    CAPS(a, n, "long-running");
    break;
  }
  case FK_EXCHANGE:
    /* the engines hold the books in memory and read the journal; the
     * market data goes out over sockets (archetype.c exchange) */
    for (int i = 0; i < p->ncomponents; i++) {
      const Component *k = &p->components[i];
      if (k->feature != f)
        continue;
      if (str_eqc(k->name, "Matching engine"))
        CAPS(a, add(a, ns, "compute", f->span, "runs the API and its background workers"), "long-running");
      else if (str_eqc(k->name, "Sequencer and journal")) {
        Need *q = add(a, ns, "queue", f->span, "journals every order in sequence, replicated, replayed on restart");
        q->slot = S("stream");
        FAMILIES(a, q, "event-stream");
      } else if (str_eqc(k->name, "Market data fan-out"))
        CAPS(a, add(a, ns, "realtime", f->span, "streams trades and book changes to the traders watching"), "fan-out");
    }
    break;
  case FK_RESERVE:
    /* the holds or the waiting room in memory, as archetype.c decided */
    for (int i = 0; i < p->ncomponents; i++)
      if (p->components[i].feature == f && str_eqc(p->components[i].want, "cache")) {
        add(a, ns, "cache", f->span, str_eqc(p->components[i].name, "Waiting room")
                                       ? "keeps the waiting room's places and entry tokens"
                                       : "holds the units buyers are paying for, each with an expiry");
        break;
      }
    break;
  case FK_NEARBY:
  case FK_LEADERBOARD:
  case FK_COUNTER:
  case FK_RATELIMIT:
    add(a, ns, "cache", f->span, f->kind == FK_NEARBY ? "holds the geo index of moving items"
                                  : f->kind == FK_RATELIMIT ? "holds the rate-limit counters"
                                                            : "holds hot counters and sorted rankings");
    break;
  default:
    break;
  }
}

/* A read-heavy API under a tight p95, or heavy reads, gets a cache,
 * sized from the data its reads touch: the record's working set at the
 * horizon (recent rows and the hot share of rows edited in place), less
 * the index pages the cache does not keep. */
static void needs_cache(Arena *a, Plan *p, Needs *ns) {
  const Project *pr = &p->model->project;
  Span whole = pr->span;
  double cache_reads = plan_figure(p, "topology", "cache-reads", 2000);
  DataClass *cc = &p->classes[DC_CACHE];
  cc->bytes = p->classes[DC_RECORD].hot_bytes / (1 + p->storage.index_overhead);
  bool tight = p->load.read_share >= 0.9 && pr->latency[PCT_P95] <= 0.1;
  double peak_reads = p->load.reads_per_s * pr->peak;
  bool reads_need = tight || peak_reads >= cache_reads;
  if (reads_need) {
    Need *n = add(a, ns, "cache", whole, "keeps hot reads off the database to hold the p95 target");
    char b1[32], b2[32];
    if (!p->quiet && str_eqc(n->reason, "keeps hot reads off the database to hold the p95 target"))
      n->reason = peak_reads >= cache_reads
                      ? str_printf(a, "keeps hot reads off the database: %s reads/s at peak pass %s (cache-reads)",
                                   fmt_count(b1, peak_reads), fmt_count(b2, cache_reads))
                      : str_printf(a, "keeps hot reads off the database to hold the p95 target: %.0f%% of requests "
                                      "are reads under a p95 of %.0f ms",
                                   p->load.read_share * 100, pr->latency[PCT_P95] * 1000);
  }
  bool has_cache = false;
  for (int i = 0; i < ns->n; i++)
    has_cache |= str_eqc(ns->v[i].slot, "cache");
  /* Without read load to take off the database, the cache holds what the
   * spec asks cached (`cache TTL` on a feature): those entities' hot rows,
   * not copies of the whole record. */
  const Model *m = p->model;
  int nttl = 0;
  double ttl_bytes = 0;
  const Entity **ttl = new(a, const Entity *, m->nentities + 1);
  for (int i = 0; !tight && peak_reads < cache_reads && i < m->nfeatures; i++) {
    const Feature *f = &m->features[i];
    if (f->kind != FK_CRUD || !feature_has(f, "cache") || !f->entity)
      continue;
    int e = (int)(f->entity - m->entities);
    bool seen = false;
    for (int k = 0; k < nttl; k++)
      seen |= ttl[k] == f->entity;
    if (seen || p->entity_class[e] != DC_RECORD)
      continue;
    ttl[nttl++] = f->entity;
    ttl_bytes += p->entity_hot[e] / (1 + p->storage.index_overhead);
  }
  if (has_cache && nttl) {
    cc->slot = S("cache");
    cc->copies = ttl;
    cc->ncopies = nttl;
    cc->bytes = ttl_bytes;
    if (!p->quiet) {
      char b1[32], b2[32];
      Buf names = {0};
      for (int k = 0; k < nttl; k++)
        buf_printf(&names, "%s%.*s", k ? ", " : "", STRF(ttl[k]->name));
      Str list = buf_view(&names);
      cc->why = str_printf(a, "what the spec caches with a TTL (%.*s): their working set, %s after %g years; %s reads/s "
                              "at peak need no cache for the rest",
                           STRF(list), fmt_bytes(b1, ttl_bytes), p->horizon_months / 12, fmt_count(b2, peak_reads));
      buf_free(&names);
    }
  } else if (has_cache && !reads_need) {
    /* The cache is there for a component (a seen-URL set, timelines,
     * presence keys): it holds that, not copies of the record, which its
     * reads do not call for. */
    cc->slot = S("cache");
    cc->bytes = 0;
    if (!p->quiet) {
      char b1[32], b2[32];
      cc->why = str_printf(a, "holds what the components keep (see Components), no copies of the record: %s reads/s at "
                              "peak are under the %s at which hot reads leave the database (cache-reads)",
                           fmt_count(b1, peak_reads), fmt_count(b2, cache_reads));
    }
  } else if (has_cache) {
    cc->slot = S("cache");
    cc->copies = p->classes[DC_RECORD].entities;
    cc->ncopies = p->classes[DC_RECORD].nentities;
    /* An entry lives its TTL: the cache holds at most the entries its
     * reads touch within it, one response each, however large the
     * record's working set. */
    double life = plan_figure(p, "documents", "cache-ttl-default", 60);
    for (int i = 0; i < m->nfeatures; i++) {
      const Option *o = m->features[i].kind == FK_CRUD ? feature_opt(&m->features[i], "cache") : NULL;
      if (o && o->nargs && o->args[0].num > life)
        life = o->args[0].num;
    }
    double hot_reads = plan_figure(p, "topology", "hot-read-share", 0.8);
    double cached_reads = p->load.reads_per_s * pr->peak * p->load.margin * hot_reads;
    double entry = plan_figure(p, "payload", "response-bytes", 4000);
    double touched = cached_reads * life * entry, ws = cc->bytes;
    cc->bytes = fmin(ws, touched);
    if (!p->quiet) {
      char b1[32], b2[32], b3[32], b4[32];
      cc->why = touched < ws
                    ? str_printf(a, "the entries %.0f%% of %s reads/s at the design load touch within their %g s TTL, "
                                    "one %s response each: %s (the record's working set, %s after %g years, is more "
                                    "than an entry's lifetime of reads can hold)",
                                 hot_reads * 100, fmt_count(b1, cached_reads / hot_reads), life, fmt_bytes(b3, entry),
                                 fmt_bytes(b4, touched), fmt_bytes(b2, ws), p->horizon_months / 12)
                    : str_printf(a, "the working set of the system of record (%s after %g years: recent rows and the "
                                    "hot %.0f%% of rows edited in place) serves %.0f%% of %s reads/s",
                                 fmt_bytes(b1, cc->bytes), p->horizon_months / 12,
                                 plan_figure(p, "topology", "hot-share", 0.2) * 100, hot_reads * 100,
                                 fmt_count(b2, p->load.reads_per_s * pr->peak));
    }
  } else if (!p->quiet) {
    char b1[32], b2[32];
    Absence *ab = push(a, p->absent, p->nabsent, p->absent_cap);
    ab->slot = S("cache");
    ab->why = str_printf(a, "no cache: %s reads/s at peak; the hot set of %s fits the database's memory",
                         fmt_count(b1, p->load.reads_per_s * pr->peak), fmt_bytes(b2, cc->bytes));
    ab->revisit = str_printf(a, "at %s reads/s at peak", fmt_count(b1, cache_reads));
  }
}

/* Fan-out: a write that reaches many recipients (followers, members) is
 * delivered by workers from a queue, not inside the request. */
static void needs_fanout(Arena *a, Plan *p, Needs *ns) {
  const Model *m = p->model;
  const Project *pr = &m->project;
  Span whole = pr->span;
  double per = p->load.fanout_recipients;
  double at_peak = plan_fanout_peak(p);
  double fr = plan_figure(p, "workload", "fanout-recipients", 100),
         fd = plan_figure(p, "workload", "fanout-deliveries", 1000);
  Span sp = whole;
  for (int i = 0; i < m->nfeatures; i++)
    if (m->features[i].kind == FK_REALTIME) {
      sp = m->features[i].span;
      break;
    }
  if (plan_fans_out(p)) {
    char b1[32], b2[32], b3[32], b4[32];
    Need *q = add(a, ns, "queue", sp, "carries fan-out jobs from each write to the delivery workers");
    if (!q->nfamilies)
      FAMILIES(a, q, "message-queue");
    if (!p->quiet && str_eqc(q->reason, "carries fan-out jobs from each write to the delivery workers"))
      q->reason = str_printf(a, "carries fan-out jobs: one write reaches up to %s recipients, %s deliveries a second "
                                "at peak, more than a request delivers inline (%s recipients or %s a second)",
                             fmt_count(b1, per), fmt_count(b2, at_peak), fmt_count(b3, fr), fmt_count(b4, fd));
  }
}

/* The code stack: the language first, so the rest can share it. */
static void needs_code(Arena *a, Plan *p, Needs *ns) {
  const Model *m = p->model;
  const Project *pr = &m->project;
  Span whole = pr->span;
  Span team = pr->src.team.set ? pr->src.team.span : whole;
  Need *lang = add(a, ns, "language", team, "is what the team writes the backend in");
  FAMILIES(a, lang, "runtime");
  Need *fw = add(a, ns, "framework", team, "serves the HTTP API");
  FAMILIES(a, fw, "web-framework");
  Need *orm = add(a, ns, "orm", team, "maps rows to types and runs versioned migrations");
  FAMILIES(a, orm, "data-access");
  if (m->auth) {
    Need *al = add(a, ns, "authlib", m->auth->span, "verifies the tokens or sessions of signed-in users in every request");
    FAMILIES(a, al, "auth-library");
    const Option *meth = feature_opt(m->auth, "method");
    if (meth && (str_eqc(meth->args[0].text, "oauth") || str_eqc(meth->args[0].text, "oidc")))
      CAPS(a, al, "oidc-discovery");
  }
  Need *val = add(a, ns, "validation", team, "checks every request body against the contract");
  FAMILIES(a, val, "schema-validation");
  Need *test = add(a, ns, "testing", team, "runs unit and integration tests");
  FAMILIES(a, test, "test-framework");
  Need *load = add(a, ns, "loadtest", team, "drives the API at the design load before launch");
  FAMILIES(a, load, "load-generator");
  Need *lint = add(a, ns, "lint", team, "keeps the code consistent and catches mistakes before review");
  FAMILIES(a, lint, "code-quality");
  Need *log = add(a, ns, "logging", team, "writes structured logs the observability stack can search");
  FAMILIES(a, log, "log-library");
}

void plan_needs(Arena *a, Plan *p) {
  const Model *m = p->model;
  const Project *pr = &m->project;
  Needs ns = {0};
  Span whole = pr->span;

  Need *c = add(a, &ns, "compute", whole, "runs the API and its background workers");
  FAMILIES(a, c, "functions", "containers", "kubernetes", "vm", "paas");
  Need *g = add(a, &ns, "gateway", whole, "terminates TLS and routes requests to the compute");
  FAMILIES(a, g, "load-balancer", "api-gateway");

  Need *api = add(a, &ns, "api", whole, "is the contract browsers, apps and integrations call");
  CAPS(a, api, "browser-clients", "stateless-http");

  plan_classes(a, p);
  p->nabsent = 0;
  needs_record(a, p, &ns);
  for (int i = 0; i < m->nfeatures; i++)
    needs_of_feature(a, p, &ns, &m->features[i]);
  /* Blob fields need object storage even without an upload feature. */
  for (int i = 0; i < m->nentities; i++)
    if (m->entities[i].blob_bytes > 0) {
      Need *n = add(a, &ns, "object-storage", m->entities[i].span, "stores files outside the database");
      CAPS(a, n, "presigned-urls");
    }
  needs_cache(a, p, &ns);
  needs_fanout(a, p, &ns);
  plan_analytics(a, p, &ns);
  /* What the edge would serve, files and the browser client's own assets,
   * past the point where a CDN pays for itself goes through one. A web
   * client's bundle is the same bytes for everyone: the edge serves it
   * from cache whether or not the API has files. */
  double files = p->bw.blob_egress_bytes_per_month, assets = plan_asset_egress(p);
  if (files + assets >= plan_figure(p, "network", "cdn-egress", 100e9))
    add(a, &ns, "cdn", whole,
        assets <= 0  ? "serves file downloads from the edge"
        : files <= 0 ? "serves the web client's files from the edge"
                     : "serves file downloads and the web client's files from the edge");

  Need *obs = add(a, &ns, "observability", whole, "collects metrics, logs and traces and raises alerts");
  CAPS(a, obs, "metrics", "logs", "alerting");
  add(a, &ns, "cicd", whole, "builds, tests and deploys every change");
  add(a, &ns, "iac", whole, "keeps the infrastructure reviewable and repeatable");

  needs_code(a, p, &ns);
  p->needs = ns.v;
  p->nneeds = ns.n;
}
