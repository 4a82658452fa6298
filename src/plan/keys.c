/* The key design for a key-value or wide-column store: the queries such a
 * store answers are the ones its keys were designed for, so the design
 * follows the endpoints (p->api.eps), one table or index per access path:
 *
 *   by parent  an owned entity's rows, partitioned by the parent's id and
 *              sorted newest first: lists, histories and ingest batches.
 *              When a partition would pass partition-max-rows within three
 *              years (kb/contracts.kb), the partition key adds a time
 *              bucket: a day, or an hour when a day is still too many;
 *   by id      get, update and delete of one row (the main table of a root
 *              entity);
 *   by FIELD   each unique field (a lookup, and the conditional write that
 *              keeps it unique), each filtered field (with the parent) and
 *              each other required relation (rows of the related row).
 *
 * In a wide-column store (Cassandra) each is a table written together with
 * the others; in a key-value store (DynamoDB) the rows live in one table
 * keyed PK/SK and the others are global secondary indexes. */
#include <math.h>
#include <string.h>

#include "../util/fmt.h"
#include "api.h"
#include "core.h"
#include "explain.h"

typedef struct {
  Arena *a;
  Plan *p;
  bool kv;
  KeyTable *v;
  int n, cap;
  Buf *coll, *item, *create;   /* per entity: operation ids, comma-separated */
} Keys;

static Str ops_of(Arena *a, const Buf *x, const Buf *y) {
  Str s = str_printf(a, "%.*s%s%.*s", (int)x->n, x->p ? x->p : "", x->n && y && y->n ? ", " : "",
                     y ? (int)y->n : 0, y && y->p ? y->p : "");
  return s;
}

/* kv: which shared index of the single table (0: the table itself). */
static KeyTable *add(Keys *k, const Entity *e, const char *what, Str field, int kv) {
  KeyTable *t = push(k->a, k->v, k->n, k->cap);
  t->entity = e;
  const ApiEntity *ae = &k->p->api.ents[e->index];
  if (k->kv)
    t->name = kv ? str_printf(k->a, "GSI%d", kv) : S("table");
  else {
    /* Cassandra table names: letters, digits and _, at most 48. */
    Str n = field.n ? str_printf(k->a, "%.*s_%s_%.*s", STRF(ae->type), what, STRF(field))
                    : str_printf(k->a, "%.*s_%s", STRF(ae->type), what);
    if (n.n > 48)
      n = str_printf(k->a, "%.39s_%08x", n.p, (unsigned)(str_hash(n) & 0xffffffffu));
    t->name = n;
  }
  return t;
}

static void design(Keys *k, const Entity *e) {
  Arena *a = k->a;
  Plan *p = k->p;
  const ApiEntity *ae = &p->api.ents[e->index];
  const Entity *par = e->parent;
  Str t = ae->type;
  Buf *coll = &k->coll[e->index], *item = &k->item[e->index], *cre = &k->create[e->index];
  Str time_col = ae->partitioned ? ae->partition_col : S("created_at");
  if (par) {
    const ApiEntity *pa = &p->api.ents[par->index];
    KeyTable *x = add(k, e, "by", pa->type, 0);
    x->main = true;
    x->pk[x->npk++] = ae->cols[e->parent_field->index];
    /* Rows per partition after three years (retention applied). */
    double parents = p->api.ents[par->index].rows_3y > 1 ? p->api.ents[par->index].rows_3y : 1;
    double per = ae->rows_3y / parents;
    double per_day = p->storage.ents[e->index].rows_per_month / 30.44 / parents;
    if (per > p->api.partition_max_rows)
      x->bucket = per_day > p->api.partition_max_rows ? S("hour") : S("day");
    if (x->bucket.n)
      x->pk[x->npk++] = str_printf(a, "%.*s_%.*s", STRF(time_col), STRF(x->bucket));
    x->sk[x->nsk++] = str_printf(a, "%.*s DESC", STRF(time_col));
    x->sk[x->nsk++] = S("id");
    char b1[32], b2[32];
    if (x->bucket.n)
      x->serves = str_printf(a, "%.*s of one %.*s, newest first (%s rows a parent after three years: one partition a %.*s of %s rows)",
                             STRF(ae->plural), STRF(par->name), fmt_count(b1, per), STRF(x->bucket),
                             fmt_count(b2, x->bucket.p[0] == 'd' ? per_day : per_day / 24));
    else
      x->serves = str_printf(a, "%.*s of one %.*s, newest first (%s rows a partition after three years)", STRF(ae->plural),
                             STRF(par->name), fmt_count(b1, per));
    x->ops = ops_of(a, coll, cre);
    x = add(k, e, "by_id", (Str){0}, 1);
    x->pk[x->npk++] = S("id");
    x->serves = str_printf(a, "one %.*s by id: get, update, delete", STRF(e->name));
    x->ops = ops_of(a, item, NULL);
  } else {
    KeyTable *x = add(k, e, "by_id", (Str){0}, 0);
    x->main = true;
    x->pk[x->npk++] = S("id");
    x->serves = str_printf(a, "one %.*s by id: get, update, delete; lists page through the table's token ranges", STRF(e->name));
    x->ops = ops_of(a, item, coll);
  }
  for (int i = 0; i < e->nfields; i++) {
    const Field *f = &e->fields[i];
    if (f->unique && !f->array) {
      KeyTable *x = add(k, e, "by", ae->py[i], 2);
      x->pk[x->npk++] = ae->cols[i];
      x->serves = str_printf(a, k->kv ? "look a %.*s up by %.*s; a guard item written in the same transaction keeps it unique"
                                      : "look a %.*s up by %.*s; a conditional insert (IF NOT EXISTS) keeps it unique",
                             STRF(e->name), STRF(f->name));
      x->ops = ops_of(a, cre, NULL);
    } else if (f->rel == REL_MANY_TO_ONE && f != e->parent_field && f->ref) {
      KeyTable *x = add(k, e, "by", ae->py[i], 3);
      x->pk[x->npk++] = ae->cols[i];
      x->sk[x->nsk++] = str_printf(a, "%.*s DESC", STRF(time_col));
      x->sk[x->nsk++] = S("id");
      x->serves = str_printf(a, "%.*s of one %.*s (through %.*s), newest first", STRF(ae->plural), STRF(f->ref->name),
                             STRF(f->name));
    }
  }
  for (int fi = 0; fi < e->nfeatures; fi++) {
    const Option *fl = e->features[fi]->kind == FK_CRUD ? feature_opt(e->features[fi], "filter") : NULL;
    for (int j = 0; fl && j < fl->nargs; j++) {
      const Field *f = fl->fields[j];
      if (!f || f->unique || f->rel == REL_MANY_TO_ONE)
        continue;
      KeyTable *x = add(k, e, "by", ae->py[f->index], 3);
      if (par)
        x->pk[x->npk++] = ae->cols[e->parent_field->index];
      x->pk[x->npk++] = ae->cols[f->index];
      x->sk[x->nsk++] = str_printf(a, "%.*s DESC", STRF(time_col));
      x->sk[x->nsk++] = S("id");
      x->serves = str_printf(a, "%.*s filtered by %.*s%s, newest first", STRF(ae->plural), STRF(f->name),
                             par ? " within their parent" : "");
      x->ops = ops_of(a, coll, NULL);
    }
  }
  (void)t;
}

void plan_keys(Arena *a, Plan *p) {
  const Model *m = p->model;
  Api *api = &p->api;
  api->partition_max_rows = plan_figure(p, "contracts", "partition-max-rows", 1e5);
  Keys k = {a, p, str_eqc(api->keys_family, "key-value"), NULL, 0, 0, NULL, NULL, NULL};
  bool events_only = str_eqc(api->keys_slot, "events") && p->entity_class;
  Buf *bufs = new(a, Buf, 3 * (ptrdiff_t)m->nentities);
  k.coll = bufs, k.item = bufs + m->nentities, k.create = bufs + 2 * m->nentities;
  for (int i = 0; i < api->neps; i++) {
    const Endpoint *x = &api->eps[i];
    if (!x->entity || x->kind == EP_AUTH)
      continue;
    Buf *b = x->kind == EP_CREATE || x->kind == EP_INGEST ? &k.create[x->entity->index]
             : x->kind == EP_GET || x->kind == EP_UPDATE || x->kind == EP_DELETE || x->kind == EP_UPLOAD
                 ? &k.item[x->entity->index] : &k.coll[x->entity->index];
    if (x->kind == EP_SEARCH || x->kind == EP_QUERY)
      continue; /* served by the search engine or the rollups, not by keys */
    if (b->n)
      buf_puts(b, ", ");
    buf_str(b, x->op_id);
  }
  /* The database's design leaves out the rows a separate events store
   * holds (that store has its own contract). */
  bool db_only = str_eqc(api->keys_slot, "database");
  for (int i = 0; i < m->nentities; i++)
    if ((api->ents[i].exposed || m->entities[i].principal || m->entities[i].nincoming) &&
        (!events_only || p->entity_class[i] == DC_EVENTS) && !(db_only && str_eqc(api->ents[i].store, "events")))
      design(&k, &m->entities[i]);
  /* The operation lists were copied into the arena; the scratch buffers go. */
  for (int i = 0; i < 3 * m->nentities; i++)
    buf_free(&bufs[i]);
  api->keys = k.v;
  api->nkeys = k.n;
}
