/* keys.md and keys.json: the key design of p->api.keys (plan/keys.c) for a
 * key-value or wide-column store: one table or index per access path, its
 * partition and sort keys and the endpoints it serves; for a wide-column
 * store also the CQL of each table. */
#include <string.h>

#include "../util/esc.h"
#include "emit.h"

static const char *cql_type(const Field *f) {
  switch (f->type) {
  case FT_INT: return "bigint";
  case FT_FLOAT: return "double";
  case FT_MONEY: return "decimal";
  case FT_BOOL: return "boolean";
  case FT_TIMESTAMP: return "timestamp";
  case FT_DATE: return "date";
  case FT_UUID: case FT_REF: return "uuid";
  default: return "text";
  }
}

/* A key column without its " DESC". */
static Str bare(Str s) {
  if (s.n > 5 && !memcmp(s.p + s.n - 5, " DESC", 5))
    s.n -= 5;
  return s;
}

static void cql_table(Buf *o, const Plan *p, const KeyTable *t) {
  const Entity *e = t->entity;
  const ApiEntity *ae = &p->api.ents[e->index];
  buf_puts(o, "CREATE TABLE ");
  sql_ident(o, t->name);
  buf_puts(o, " (\n  \"id\" uuid,\n");
  for (int k = 0; k < e->nfields; k++) {
    const Field *f = &e->fields[k];
    if (f->rel == REL_MANY_TO_MANY)
      continue;
    buf_puts(o, "  ");
    sql_ident(o, ae->cols[k]);
    buf_printf(o, f->array ? " list<%s>,\n" : " %s,\n", cql_type(f));
  }
  buf_puts(o, "  \"created_at\" timestamp,\n  \"updated_at\" timestamp,\n");
  if (t->bucket.n) {
    buf_puts(o, "  ");
    sql_ident(o, t->pk[t->npk - 1]);
    buf_puts(o, t->bucket.p[0] == 'd' ? " date,\n" : " timestamp,\n");
  }
  buf_puts(o, "  PRIMARY KEY ((");
  for (int i = 0; i < t->npk; i++) {
    buf_puts(o, i ? ", " : "");
    sql_ident(o, t->pk[i]);
  }
  buf_putc(o, ')');
  for (int i = 0; i < t->nsk; i++) {
    buf_puts(o, ", ");
    sql_ident(o, bare(t->sk[i]));
  }
  buf_puts(o, ")\n)");
  bool desc = false;
  for (int i = 0; i < t->nsk; i++)
    desc |= !str_eq(bare(t->sk[i]), t->sk[i]);
  if (desc) {
    buf_puts(o, " WITH CLUSTERING ORDER BY (");
    for (int i = 0; i < t->nsk; i++) {
      buf_puts(o, i ? ", " : "");
      sql_ident(o, bare(t->sk[i]));
      buf_puts(o, str_eq(bare(t->sk[i]), t->sk[i]) ? " ASC" : " DESC");
    }
    buf_putc(o, ')');
  }
  if (e->retain > 0)
    buf_printf(o, "%s default_time_to_live = %.0f", desc ? " AND" : " WITH", e->retain);
  buf_puts(o, ";\n");
}

static void key_list(Buf *o, const Str *v, int n) {
  for (int i = 0; i < n; i++) {
    buf_puts(o, i ? ", " : "");
    buf_putc(o, '`');
    buf_str(o, v[i]);
    buf_putc(o, '`');
  }
  if (!n)
    buf_puts(o, "none");
}

void emit_keys_md(const Plan *p, Buf *o) {
  const Api *api = &p->api;
  bool events = str_eqc(api->keys_slot, "events");
  const Tech *db = plan_tech(p, events ? "events" : "database");
  bool kv = str_eqc(api->keys_family, "key-value");
  buf_puts(o, "# Key design for ");
  esc_md(o, p->model->project.name);
  buf_puts(o, "\n\n");
  char b[32];
  buf_printf(o, "The %s is %.*s, a %.*s store. It answers only the queries its keys were\n"
                "designed for, so every access path of the API has its own %s below, derived from\n"
                "the endpoints in openapi.yaml. Partitions are kept under %s rows\n"
                "(kb/contracts.kb `partition-max-rows`): where a parent would collect more within three\n"
                "years, the partition key adds a time bucket.\n\n",
             events ? "events store (the high-volume data; the rest is in the database)" : "database",
             db ? (int)db->name.n : 8, db ? db->name.p : "the store", STRF(api->keys_family), kv ? "index" : "table",
             fmt_count(b, api->partition_max_rows));
  if (kv)
    buf_puts(o, "Every row lives in one table keyed `PK` and `SK`; keys are written `Type#value`, so\n"
                "entities share the table and three overloaded global secondary indexes (GSI1 by id,\n"
                "GSI2 by unique value, GSI3 by relation or filter) serve any number of them.\n\n");
  else
    buf_puts(o, "Each row is written to every table of its entity in one logged batch; a unique value\n"
                "is claimed first with a lightweight transaction (`INSERT ... IF NOT EXISTS`).\n\n");
  buf_printf(o, "| %s | Entity | Partition key | %s | Serves | Endpoints |\n| --- | --- | --- | --- | --- | --- |\n", kv ? "Index" : "Table",
             kv ? "Sort key" : "Clustering");
  for (int i = 0; i < api->nkeys; i++) {
    const KeyTable *t = &api->keys[i];
    buf_puts(o, "| ");
    esc_md(o, t->name);
    buf_puts(o, " | ");
    esc_md(o, t->entity->name);
    buf_puts(o, " | ");
    key_list(o, t->pk, t->npk);
    buf_puts(o, " | ");
    key_list(o, t->sk, t->nsk);
    buf_puts(o, " | ");
    esc_md(o, t->serves);
    buf_puts(o, " | ");
    if (t->ops.n)
      esc_md(o, t->ops);
    else
      buf_puts(o, "(internal)");
    buf_puts(o, " |\n");
  }
  if (!kv) {
    buf_puts(o, "\n## Tables in CQL\n\n```sql\n");
    for (int i = 0; i < api->nkeys; i++)
      cql_table(o, p, &api->keys[i]);
    buf_puts(o, "```\n");
  }
  buf_puts(o, "\nSearch and time-window aggregates are not served by these keys: they go to the search\n"
              "engine and to rollups written as rows arrive.\n");
}

void emit_keys_json(const Plan *p, Buf *o) {
  const Api *api = &p->api;
  const Tech *db = plan_tech(p, str_eqc(api->keys_slot, "events") ? "events" : "database");
  Json j = {.out = o};
  json_obj(&j);
  json_key(&j, "store");
  json_str(&j, db ? db->id : S(""));
  json_key(&j, "slot");
  json_str(&j, api->keys_slot);
  json_key(&j, "family");
  json_str(&j, api->keys_family);
  json_key(&j, "partition_max_rows");
  json_num(&j, api->partition_max_rows);
  json_key(&j, "tables");
  json_arr(&j);
  for (int i = 0; i < api->nkeys; i++) {
    const KeyTable *t = &api->keys[i];
    json_obj(&j);
    json_key(&j, "name");
    json_str(&j, t->name);
    json_key(&j, "entity");
    json_str(&j, t->entity->name);
    json_key(&j, "main");
    json_bool(&j, t->main);
    json_key(&j, "partition_key");
    json_arr(&j);
    for (int k = 0; k < t->npk; k++)
      json_str(&j, t->pk[k]);
    json_end_arr(&j);
    json_key(&j, "sort_key");
    json_arr(&j);
    for (int k = 0; k < t->nsk; k++)
      json_str(&j, t->sk[k]);
    json_end_arr(&j);
    json_key(&j, "bucket");
    if (t->bucket.n)
      json_str(&j, t->bucket);
    else
      json_null(&j);
    json_key(&j, "serves");
    json_str(&j, t->serves);
    json_key(&j, "endpoints");
    json_arr(&j);
    for (ptrdiff_t s = 0, e = 0; s < t->ops.n; s = e + 2) {
      for (e = s; e < t->ops.n && t->ops.p[e] != ','; e++)
        ;
      json_str(&j, (Str){t->ops.p + s, e - s});
    }
    json_end_arr(&j);
    json_end_obj(&j);
  }
  json_end_arr(&j);
  json_end_obj(&j);
  buf_putc(o, '\n');
}
