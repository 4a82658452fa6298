/* The data model's facts: indexes, full-text tables, partitions and the
 * other per-entity physical choices (see ApiEntity in api.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../util/fmt.h"
#include "../util/json.h"
#include "api.h"
#include "apiint.h"
#include "core.h"
#include "docfacts.h"
#include "explain.h"

static bool text_like(const Field *f) {
  return !f->array && (f->type == FT_STRING || f->type == FT_TEXT || f->type == FT_EMAIL || f->type == FT_URL ||
                       f->type == FT_PHONE || f->type == FT_ENUM);
}

static bool compliance(const Model *m, const char *w) {
  for (int i = 0; i < m->project.ncompliance; i++)
    if (str_eqc(m->project.compliance[i].word, w))
      return true;
  return false;
}

static void add_idx(Arena *a, ApiEntity *ae, bool *mark, const Field *f, const char *why, int cap) {
  if (mark[f->index] || (f->unique && !f->array))
    return;
  mark[f->index] = true;
  (void)cap;
  ae->idx[ae->nidx] = f;
  ae->idx_why[ae->nidx++] = str_c(why);
  (void)a;
}

static void add_fields(Arena *a, ApiEntity *ae, bool *mark, const Option *o, const char *why, int cap) {
  for (int k = 0; o && k < o->nargs; k++)
    if (o->fields && o->fields[k])
      add_idx(a, ae, mark, o->fields[k], why, cap);
}

static void add_fts(ApiEntity *ae, bool *mark, const Field *f) {
  if (!text_like(f) || mark[f->index])
    return;
  mark[f->index] = true;
  ae->fts[ae->nfts++] = f;
}

/* The searched fields of option o: text goes to the full-text index, the
 * rest to plain indexes (why). */
static void add_searched(Arena *a, ApiEntity *ae, bool *mark, bool *tmark, const Option *o, const char *why, int cap) {
  for (int k = 0; o && k < o->nargs; k++)
    if (o->fields[k] && text_like(o->fields[k]))
      add_fts(ae, tmark, o->fields[k]);
    else if (o->fields[k])
      add_idx(a, ae, mark, o->fields[k], why, cap);
}

/* The indexes one feature asks of its entity: filters, sorts, searches,
 * facets, time windows and newest-first lists; and whether the API
 * exposes the entity. */
static void feature_indexes(Arena *a, const Entity *e, ApiEntity *ae, bool *mark, bool *tmark, const Feature *f) {
  int cap = e->nfields;
  switch (f->kind) {
  case FK_CRUD:
    add_fields(a, ae, mark, feature_opt(f, "filter"), "filter", cap);
    add_fields(a, ae, mark, feature_opt(f, "sort"), "sort", cap);
    add_searched(a, ae, mark, tmark, feature_opt(f, "search"), "search", cap);
    ae->soft_delete |= feature_has(f, "soft-delete");
    ae->audited |= feature_has(f, "audit");
    if (!feature_has(f, "paginate") || feature_opt(f, "paginate")->nargs == 0 ||
        str_eqc(feature_opt(f, "paginate")->args[0].text, "cursor"))
      ae->idx_created = true;
    break;
  case FK_SEARCH: {
    const Option *fl = feature_opt(f, "fields");
    if (fl)
      add_searched(a, ae, mark, tmark, fl, "search", cap);
    else
      for (int k = 0; k < e->nfields; k++)
        if (e->fields[k].type == FT_STRING || e->fields[k].type == FT_TEXT)
          add_fts(ae, tmark, &e->fields[k]);
    add_fields(a, ae, mark, feature_opt(f, "facets"), "facet", cap);
    break;
  }
  case FK_HISTORY:
    ae->idx_created = true;
    add_searched(a, ae, mark, tmark, feature_opt(f, "search"), "history search", cap);
    break;
  case FK_QUERY: {
    add_fields(a, ae, mark, feature_opt(f, "group"), "group", cap);
    const Field *t = NULL;
    for (int k = 0; k < e->nfields && !t; k++)
      if ((e->fields[k].type == FT_TIMESTAMP || e->fields[k].type == FT_DATE) && !e->fields[k].array)
        t = &e->fields[k];
    if (t)
      add_idx(a, ae, mark, t, "time window", cap);
    else
      ae->idx_created = true;
    break;
  }
  default:
    break;
  }
  ae->exposed |= f->kind == FK_CRUD || f->kind == FK_SEARCH || f->kind == FK_HISTORY || f->kind == FK_UPLOAD ||
                 f->kind == FK_INGEST || f->kind == FK_QUERY || f->kind == FK_SHORTLINK || f->kind == FK_NEARBY ||
                 f->kind == FK_EXCHANGE;
}

/* An entity's indexes: foreign keys, declared indexes, then what its
 * features ask; the created_at index leads with the parent when it can. */
static void entity_indexes(Arena *a, const Entity *e, ApiEntity *ae) {
  int cap = e->nfields;
  ae->idx = new(a, const Field *, cap);
  ae->idx_why = new(a, Str, cap);
  ae->fts = new(a, const Field *, cap);
  bool *mark = new(a, bool, cap + 1), *tmark = new(a, bool, cap + 1);
  for (int k = 0; k < e->nfields; k++) {
    const Field *f = &e->fields[k];
    if (f->rel == REL_MANY_TO_ONE)
      add_idx(a, ae, mark, f, "foreign key", cap);
  }
  for (int k = 0; k < e->nfields; k++)
    if (e->fields[k].indexed)
      add_idx(a, ae, mark, &e->fields[k], "index", cap);
  for (int fi = 0; fi < e->nfeatures; fi++)
    feature_indexes(a, e, ae, mark, tmark, e->features[fi]);
  if (e->retain > 0)
    ae->idx_created = true;
  /* Newest-first lists of one parent's rows: (parent, created_at, id) also
   * serves the parent's foreign key, which then needs no index of its own. */
  const Field *pf = e->parent_field;
  if (ae->idx_created && pf && pf->rel == REL_MANY_TO_ONE && !pf->unique) {
    ae->created_lead = ae->cols[pf->index];
    int w = 0;
    for (int k = 0; k < ae->nidx; k++)
      if (ae->idx[k] != pf) {
        ae->idx[w] = ae->idx[k];
        ae->idx_why[w++] = ae->idx_why[k];
      }
    ae->nidx = w;
  }
}

/* Time partitioning: rows kept after three years above the threshold are
 * partitioned by month, unless a foreign key or a unique constraint
 * forbids it; either way the note says why. */
static void partition(Arena *a, const Plan *p, const Entity *e, ApiEntity *ae) {
  const Api *api = &p->api;
  const EntityStorage *st = e->index < p->storage.nents ? &p->storage.ents[e->index] : NULL;
  ae->rows_3y = st ? st->rows_3y : e->rows;
  if (!(ae->rows_3y >= api->partition_rows) || e->principal)
    return;
  bool unique = false;
  for (int k = 0; k < e->nfields; k++)
    unique |= e->fields[k].unique;
  char b1[32], b2[32];
  if (e->nincoming || unique)
    ae->partition_note =
        str_printf(a, "%s rows after three years, above the %s-row partitioning threshold, but not partitioned: %s",
                   fmt_count(b1, ae->rows_3y), fmt_count(b2, api->partition_rows),
                   e->nincoming ? "other tables reference it, and a foreign key cannot point into a partitioned table by id alone"
                                : "a unique constraint on a partitioned table must include the partition key");
  else {
    ae->partitioned = true;
    ae->partition_col = S("created_at");
    for (int k = 0; k < e->nfields; k++)
      if (e->fields[k].type == FT_TIMESTAMP && !e->fields[k].optional && !e->fields[k].array) {
        ae->partition_col = ae->cols[k];
        break;
      }
    ae->partition_note = str_printf(a, "%s rows after three years, above the %s-row partitioning threshold: partitioned by month on %.*s",
                                    fmt_count(b1, ae->rows_3y), fmt_count(b2, api->partition_rows),
                                    STRF(ae->partition_col));
  }
}

/* Relation names after the tables, so an entity called audit_log or
 * Task_title_idx keeps its name: the audit log, then each entity's
 * indexes, full-text table, default partition and trigger functions. */
static void relation_names(Arena *a, Plan *p, bool any_audit) {
  const Model *m = p->model;
  Api *api = &p->api;
  NameSet rels = {.fold = true};
  for (int i = 0; i < m->nentities; i++)
    names_put(a, &rels, api->ents[i].table);
  if (any_audit) {
    api->audit_table = names_claim(a, &rels, S("audit_log"), 63);
    api->audit_idx = names_claim(a, &rels, str_printf(a, "%.*s_row_idx", STRF(api->audit_table)), 63);
  }
  for (int i = 0; i < m->nentities; i++) {
    ApiEntity *ae = &api->ents[i];
    ae->idx_name = new(a, Str, ae->nidx);
    for (int k = 0; k < ae->nidx; k++)
      ae->idx_name[k] = names_claim(a, &rels, str_printf(a, "%.*s_%.*s_idx", STRF(ae->table), STRF(ae->cols[ae->idx[k]->index])), 63);
    if (ae->idx_created)
      ae->created_idx = names_claim(a, &rels, ae->created_lead.n ? str_printf(a, "%.*s_%.*s_%.*s_idx", STRF(ae->table), STRF(ae->created_lead), STRF(ae->created_col))
                                                           : str_printf(a, "%.*s_%.*s_idx", STRF(ae->table), STRF(ae->created_col)), 63);
    if (ae->nfts) {
      ae->fts_idx = names_claim(a, &rels, str_printf(a, "%.*s_fts_idx", STRF(ae->table)), 63);
      ae->fts_table = names_claim(a, &rels, str_printf(a, "%.*s_fts", STRF(ae->table)), 63);
    }
    if (ae->partitioned)
      ae->part_default = names_claim(a, &rels, str_printf(a, "%.*s_default", STRF(ae->table)), 63);
    const Entity *e = &m->entities[i];
    for (int k = 0; k < e->nfields; k++) {
      if (e->fields[k].ntrans)
        ae->ff[k].guard = names_claim(a, &rels, str_printf(a, "%.*s_%.*s_transition", STRF(ae->table), STRF(ae->cols[k])), 63);
      if (e->fields[k].sum_of)
        ae->ff[k].sum_fn = names_claim(a, &rels, str_printf(a, "%.*s_%.*s_sum", STRF(ae->table), STRF(ae->cols[k])), 63);
    }
  }
}

void api_data_facts(Arena *a, Plan *p) {
  const Model *m = p->model;
  Api *api = &p->api;
  api->partition_rows = plan_figure(p, "contracts", "partition-rows", 1e8);
  bool comp_audit = compliance(m, "hipaa") || compliance(m, "pci") || compliance(m, "sox") || compliance(m, "soc2");
  bool any_audit = false;
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    ApiEntity *ae = &api->ents[i];
    entity_indexes(a, e, ae);
    bool tagged = false;
    for (int k = 0; k < e->nfields; k++)
      tagged |= (e->fields[k].tags & (TAG_PHI | TAG_PCI)) != 0;
    if (comp_audit && tagged)
      ae->audited = true;
    any_audit |= ae->audited;
    partition(a, p, e, ae);
  }
  for (int i = 0; i < m->nentities; i++)
    api->ents[i].created_col = api->ents[i].partitioned ? api->ents[i].partition_col : S("created_at");
  relation_names(a, p, any_audit);
}
