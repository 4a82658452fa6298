/* The contracts of stores without SQL DDL, from the plan's key design
 * (p->api.keys, plan/keys.c) and field facts:
 *   keys.md, keys.json   one table or index per access path, its partition
 *                        and sort keys and the endpoints it serves;
 *   schema.cql           a wide-column store's tables;
 *   dynamodb.cfn.json    DynamoDB's single table and its global secondary
 *                        indexes as a CloudFormation resource, with the key
 *                        pattern of every item in its Metadata;
 *   collections.json     a document store's collections: a $jsonSchema
 *                        validator and the indexes of each. */
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

/* The plan as the events store's own key design shows it (Api.ev_keys):
 * the same plan with that design in the key design's place. */
static Plan events_view(const Plan *p) {
  Plan v = *p;
  v.api.keys = p->api.ev_keys, v.api.nkeys = p->api.nev_keys;
  v.api.keys_slot = S("events"), v.api.keys_family = p->api.ev_keys_family;
  v.api.keys_dynamodb = p->api.ev_keys_dynamodb;
  return v;
}

/* The plan whose key design is wide-column (schema.cql's). */
static Plan cql_view(const Plan *p) {
  return str_eqc(p->api.keys_family, "wide-column") || !p->api.nev_keys ? *p : events_view(p);
}

bool emit_has_cql(const Plan *p) {
  return (p->api.keys_slot.n && str_eqc(p->api.keys_family, "wide-column")) ||
         (p->api.nev_keys && str_eqc(p->api.ev_keys_family, "wide-column"));
}

static void keys_md(const Plan *p, Buf *o);

void emit_keys_md(const Plan *p, Buf *o) {
  buf_puts(o, "# Key design for ");
  esc_md(o, p->model->project.name);
  buf_puts(o, "\n\n");
  if (p->api.nev_keys)
    buf_puts(o, "## Database\n\n");
  keys_md(p, o);
  if (p->api.nev_keys) {
    Plan v = events_view(p);
    buf_puts(o, "\n## Events store\n\n");
    keys_md(&v, o);
  }
}

static void keys_md(const Plan *p, Buf *o) {
  const Api *api = &p->api;
  bool events = str_eqc(api->keys_slot, "events");
  const Tech *db = plan_tech(p, events ? "events" : "database");
  bool kv = str_eqc(api->keys_family, "key-value");
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
  if (kv && p->api.keys_dynamodb)
    buf_puts(o, "\nThe table, its indexes and the key pattern of every item are in\n"
                "[dynamodb.cfn.json](dynamodb.cfn.json), a CloudFormation resource.\n");
  else if (!kv)
    buf_puts(o, "\nThe tables are created by [schema.cql](schema.cql).\n");
  buf_puts(o, "\nSearch and time-window aggregates are not served by these keys: they go to the search\n"
              "engine and to rollups written as rows arrive.\n");
}

static void keys_json(const Plan *p, Json *jp);

void emit_keys_json(const Plan *p, Buf *o) {
  Json j = {.out = o};
  json_obj(&j);
  keys_json(p, &j);
  if (p->api.nev_keys) {
    Plan v = events_view(p);
    json_key(&j, "events_store");   /* the events store's own design, in the same form */
    json_obj(&j);
    keys_json(&v, &j);
    json_end_obj(&j);
  }
  json_end_obj(&j);
  buf_putc(o, '\n');
}

/* One design's members, into the object open in *jp. */
static void keys_json(const Plan *p, Json *jp) {
  const Api *api = &p->api;
  const Tech *db = plan_tech(p, str_eqc(api->keys_slot, "events") ? "events" : "database");
  Json j = *jp;
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
  *jp = j;
}

void emit_cql(const Plan *p0, Buf *o) {
  Plan view = cql_view(p0);
  const Plan *p = &view;
  buf_puts(o, "-- CQL tables of ");
  esc_comment(o, p->model->project.name);
  buf_puts(o, "'s ");
  esc_comment(o, plan_tech_name(p, str_eqc(p->api.keys_slot, "events") ? "events" : "database"));
  buf_puts(o, " keyspace, generated by plinth from the spec (keys.md\n"
              "-- says which access path each serves). Each row is written to every table of\n"
              "-- its entity in one logged batch.\n");
  for (int i = 0; i < p->api.nkeys; i++) {
    buf_putc(o, '\n');
    cql_table(o, p, &p->api.keys[i]);
  }
}

/* ---- DynamoDB ---- */

/* A key that is not a literal (json_key takes a C string). */
static void key_s(Json *j, Str k) {
  Buf b = {0};
  buf_str(&b, k);
  buf_putc(&b, '\0');
  json_key(j, b.p);
  buf_free(&b);
}

static void key_attr(Buf *b, int gsi, const char *part) {
  if (gsi)
    buf_printf(b, "GSI%d%s", gsi, part);
  else
    buf_puts(b, part);
}

static void json_attr(Json *j, int gsi, const char *part) {
  Buf b = {0};
  key_attr(&b, gsi, part);
  json_str(j, buf_view(&b));
  buf_free(&b);
}

/* A key's value: the entity's type, then each attribute in braces, joined
 * by '#': "Task#{owner}", "Task#{created_at}#{id}". Without attributes the
 * type alone, so every item has both parts of every key it is under. */
static void pattern(Json *j, const Plan *p, const KeyTable *t, const Str *v, int n) {
  Buf b = {0};
  buf_str(&b, p->api.ents[t->entity->index].type);
  for (int i = 0; i < n; i++) {
    buf_puts(&b, "#{");
    buf_str(&b, bare(v[i]));
    buf_putc(&b, '}');
  }
  json_str(j, buf_view(&b));
  buf_free(&b);
}

static void key_schema(Json *j, int gsi) {
  json_key(j, "KeySchema");
  json_arr(j);
  for (int r = 0; r < 2; r++) {
    json_obj(j);
    json_key(j, "AttributeName");
    json_attr(j, gsi, r ? "SK" : "PK");
    json_key(j, "KeyType");
    json_cstr(j, r ? "RANGE" : "HASH");
    json_end_obj(j);
  }
  json_end_arr(j);
}

/* An item of a table the contracts add (webhook events, the outbox):
 * keyed TABLE + suffix, sorted by the table's name. */
static void fixed_item(Json *j, Str table, const char *suffix, const char *serves) {
  json_obj(j);
  json_key(j, "entity");
  json_str(j, table);
  json_key(j, "index");
  json_cstr(j, "table");
  json_key(j, "keys");
  json_obj(j);
  json_key(j, "PK");
  Buf b = {0};
  buf_printf(&b, "%.*s%s", STRF(table), suffix);
  json_str(j, buf_view(&b));
  json_key(j, "SK");
  json_str(j, table);
  buf_free(&b);
  json_end_obj(j);
  json_key(j, "newest_first");
  json_bool(j, false);
  json_key(j, "serves");
  json_cstr(j, serves);
  json_end_obj(j);
}

/* The table's keys, indexes and stream, as CloudFormation's
 * AWS::DynamoDB::Table properties or CreateTable's input (`create`). */
static void table_properties(Json *j, const bool used[16], bool stream, bool create) {
  json_key(j, "BillingMode");
  json_cstr(j, "PAY_PER_REQUEST");
  json_key(j, "AttributeDefinitions");
  json_arr(j);
  for (int g = 0; g < 16; g++)
    for (int r = 0; used[g] && r < 2; r++) {
      json_obj(j);
      json_key(j, "AttributeName");
      json_attr(j, g, r ? "SK" : "PK");
      json_key(j, "AttributeType");
      json_cstr(j, "S");
      json_end_obj(j);
    }
  json_end_arr(j);
  key_schema(j, 0);
  bool any = false;
  for (int g = 1; g < 16; g++)
    any |= used[g];
  if (any) {
    json_key(j, "GlobalSecondaryIndexes");
    json_arr(j);
    for (int g = 1; g < 16; g++) {
      if (!used[g])
        continue;
      json_obj(j);
      json_key(j, "IndexName");
      Buf b = {0};
      buf_printf(&b, "GSI%d", g);
      json_str(j, buf_view(&b));
      buf_free(&b);
      key_schema(j, g);
      json_key(j, "Projection");
      json_obj(j);
      json_key(j, "ProjectionType");
      json_cstr(j, "ALL");
      json_end_obj(j);
      json_end_obj(j);
    }
    json_end_arr(j);
  }
  if (stream) {
    json_key(j, "StreamSpecification");
    json_obj(j);
    if (create) {   /* CreateTable says it; CloudFormation infers it */
      json_key(j, "StreamEnabled");
      json_bool(j, true);
    }
    json_key(j, "StreamViewType");
    json_cstr(j, "NEW_IMAGE");
    json_end_obj(j);
  }
}

/* The item of one access path in the table's Plinth::Items metadata: its
 * entity, index, key patterns, order and what it serves. */
static void path_item(Json *j, const Plan *p, const KeyTable *t, int g) {
  json_obj(j);
  json_key(j, "entity");
  json_str(j, t->entity->name);
  json_key(j, "index");
  json_str(j, g ? t->name : S("table"));
  json_key(j, "keys");
  json_obj(j);
  Buf an = {0};
  key_attr(&an, g, "PK");
  key_s(j, buf_view(&an));
  pattern(j, p, t, t->pk, t->npk);
  an.n = 0;
  key_attr(&an, g, "SK");
  key_s(j, buf_view(&an));
  pattern(j, p, t, t->sk, t->nsk);
  buf_free(&an);
  json_end_obj(j);
  json_key(j, "newest_first");
  json_bool(j, t->nsk && !str_eq(bare(t->sk[0]), t->sk[0]));
  json_key(j, "serves");
  json_str(j, t->serves);
  json_end_obj(j);
}

/* A unique attribute's guard item: an index does not enforce uniqueness,
 * a guard item per value does, put with attribute_not_exists(PK) in the
 * transaction that writes the row. */
static void guard_item(Json *j, const Plan *p, const KeyTable *t) {
  const ApiEntity *ae = &p->api.ents[t->entity->index];
  json_obj(j);
  json_key(j, "entity");
  json_str(j, t->entity->name);
  json_key(j, "index");
  json_cstr(j, "table");
  json_key(j, "keys");
  json_obj(j);
  Buf b = {0};
  buf_printf(&b, "%.*s#%.*s#{%.*s}", STRF(ae->type), STRF(t->pk[0]), STRF(t->pk[0]));
  json_key(j, "PK");
  json_str(j, buf_view(&b));
  b.n = 0;
  buf_printf(&b, "%.*s#%.*s", STRF(ae->type), STRF(t->pk[0]));
  json_key(j, "SK");
  json_str(j, buf_view(&b));
  buf_free(&b);
  json_end_obj(j);
  json_key(j, "newest_first");
  json_bool(j, false);
  json_key(j, "serves");
  b = (Buf){0};
  buf_printf(&b, "keeps %.*s unique: a guard item put with attribute_not_exists(PK) in the transaction that "
                 "writes the %.*s, deleted with it", STRF(t->pk[0]), STRF(t->entity->name));
  json_str(j, buf_view(&b));
  buf_free(&b);
  json_end_obj(j);
}

void emit_dynamodb_cfn(const Plan *p, Buf *o) {
  const Api *api = &p->api;
  const Model *m = p->model;
  bool ttl = api->ddb_ttl, stream = api->ddb_stream;
  unsigned mask = api->ddb_indexes;
  bool used[16];
  for (int g = 0; g < 16; g++)
    used[g] = (mask >> g) & 1;
  Json j = {.out = o};
  json_obj(&j);
  json_key(&j, "AWSTemplateFormatVersion");
  json_cstr(&j, "2010-09-09");
  json_key(&j, "Description");
  Buf d = {0};
  buf_printf(&d, "The DynamoDB table of %.*s, generated by plinth from the spec: one table keyed PK and SK, "
                 "a global secondary index per kind of access path (keys.md).", STRF(m->project.name));
  json_str(&j, buf_view(&d));
  buf_free(&d);
  json_key(&j, "Resources");
  json_obj(&j);
  json_key(&j, "Table");
  json_obj(&j);
  json_key(&j, "Type");
  json_cstr(&j, "AWS::DynamoDB::Table");
  json_key(&j, "DeletionPolicy");
  json_cstr(&j, "Retain");
  json_key(&j, "UpdateReplacePolicy");
  json_cstr(&j, "Retain");
  json_key(&j, "Metadata");
  json_obj(&j);
  json_key(&j, "Plinth::Items");
  json_arr(&j);
  for (int i = 0; i < api->nkeys; i++) {
    const KeyTable *t = &api->keys[i];
    int g = api_key_gsi(t);
    path_item(&j, p, t, g);
    if (g == 2 && t->npk == 1)
      guard_item(&j, p, t);
  }
  if (api->events_table.n)
    fixed_item(&j, api->events_table, "#{provider}#{event_id}",
               "webhook events already processed: put with attribute_not_exists(PK) in the transaction that "
               "applies the event; a replay fails the condition and is acknowledged without being applied");
  if (api->outbox_table.n)
    fixed_item(&j, api->outbox_table, "#{id}",
               "the outbox: written in the transaction that causes the message; the worker reads new items "
               "from the table's stream, sends them and deletes them");
  json_end_arr(&j);
  json_end_obj(&j);
  json_key(&j, "Properties");
  json_obj(&j);
  table_properties(&j, used, stream, false);
  if (ttl) {
    json_key(&j, "TimeToLiveSpecification");
    json_obj(&j);
    json_key(&j, "AttributeName");
    json_cstr(&j, "expires_at");
    json_key(&j, "Enabled");
    json_bool(&j, true);
    json_end_obj(&j);
  }
  json_end_obj(&j);
  json_end_obj(&j);
  json_end_obj(&j);
  json_key(&j, "Outputs");
  json_obj(&j);
  json_key(&j, "TableName");
  json_obj(&j);
  json_key(&j, "Description");
  json_cstr(&j, "the DYNAMODB_TABLE setting of .env.example");
  json_key(&j, "Value");
  json_obj(&j);
  json_key(&j, "Ref");
  json_cstr(&j, "Table");
  json_end_obj(&j);
  json_end_obj(&j);
  json_end_obj(&j);
  json_end_obj(&j);
  buf_putc(o, '\n');
}

/* ---- document stores ---- */

static const char *bson_type(const Field *f, const FieldFacts *ff) {
  if (f->type == FT_MONEY)
    return "decimal";
  if (f->type == FT_TIMESTAMP)
    return "date";
  if (str_eqc(ff->json_type, "integer"))
    return "long";
  if (str_eqc(ff->json_type, "number"))
    return "double";
  if (str_eqc(ff->json_type, "boolean"))
    return "bool";
  if (!ff->json_type.n)
    return "object";
  return "string";
}

void emit_collections(const Plan *p, Buf *o) {
  const Model *m = p->model;
  Json j = {.out = o};
  json_obj(&j);
  json_key(&j, "store");
  const Tech *db = plan_tech(p, "database");
  json_str(&j, db ? db->id : S(""));
  json_key(&j, "collections");
  json_arr(&j);
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    const ApiEntity *ae = &p->api.ents[i];
    if (ae->form != FORM_DOCS)
      continue;
    json_obj(&j);
    json_key(&j, "name");
    json_str(&j, ae->table);
    json_key(&j, "validator");
    json_obj(&j);
    json_key(&j, "$jsonSchema");
    json_obj(&j);
    json_key(&j, "bsonType");
    json_cstr(&j, "object");
    json_key(&j, "required");
    json_arr(&j);
    json_cstr(&j, "_id");
    for (int k = 0; k < e->nfields; k++)
      if (ae->ff[k].stored && !e->fields[k].optional)
        json_str(&j, ae->cols[k]);
    json_cstr(&j, "created_at");
    json_end_arr(&j);
    json_key(&j, "properties");
    json_obj(&j);
    json_key(&j, "_id");
    json_obj(&j);
    json_key(&j, "bsonType");
    json_cstr(&j, "string");
    json_end_obj(&j);
    for (int k = 0; k < e->nfields; k++) {
      const Field *f = &e->fields[k];
      const FieldFacts *ff = &ae->ff[k];
      if (!ff->stored)
        continue;
      key_s(&j, ae->cols[k]);
      json_obj(&j);
      json_key(&j, "bsonType");
      if (f->optional) {
        json_arr(&j);
        json_cstr(&j, f->array ? "array" : bson_type(f, ff));
        json_cstr(&j, "null");
        json_end_arr(&j);
      } else
        json_cstr(&j, f->array ? "array" : bson_type(f, ff));
      if (f->type == FT_ENUM && !f->array) {
        json_key(&j, "enum");
        json_arr(&j);
        for (int v = 0; v < f->nenum; v++)
          json_str(&j, f->enum_vals[v]);
        json_end_arr(&j);
      }
      if (ff->max_len > 0 && !f->array && str_eqc(ff->json_type, "string") && f->type != FT_ENUM) {
        json_key(&j, "maxLength");
        json_num(&j, ff->max_len);
      }
      json_end_obj(&j);
    }
    json_key(&j, "created_at");
    json_obj(&j);
    json_key(&j, "bsonType");
    json_cstr(&j, "date");
    json_end_obj(&j);
    json_key(&j, "updated_at");
    json_obj(&j);
    json_key(&j, "bsonType");
    json_cstr(&j, "date");
    json_end_obj(&j);
    json_end_obj(&j);
    json_end_obj(&j);
    json_end_obj(&j);
    json_key(&j, "indexes");
    json_arr(&j);
    for (int k = 0; k < e->nfields; k++) {
      const Field *f = &e->fields[k];
      bool idx = f->unique && !f->array;
      for (int x = 0; x < ae->nidx && !idx; x++)
        idx = ae->idx[x] == f;
      if (!idx || !ae->ff[k].stored)
        continue;
      json_obj(&j);
      json_key(&j, "key");
      json_obj(&j);
      key_s(&j, ae->cols[k]);
      json_num(&j, 1);
      json_end_obj(&j);
      json_key(&j, "unique");
      json_bool(&j, f->unique && !f->array);
      json_end_obj(&j);
    }
    json_end_arr(&j);
    json_end_obj(&j);
  }
  json_end_arr(&j);
  json_end_obj(&j);
  buf_putc(o, '\n');
}

/* A relationship type: the field's name in upper snake case, as Cypher
 * conventions write it ("project" -> PROJECT, "assignedTo" -> ASSIGNED_TO). */
static void rel_type(Buf *o, Str name) {
  for (ptrdiff_t i = 0; i < name.n; i++) {
    char ch = name.p[i];
    if (ch >= 'A' && ch <= 'Z' && i > 0)
      buf_printf(o, "_");
    if (ch >= 'a' && ch <= 'z')
      ch = (char)(ch - 'a' + 'A');
    else if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')))
      ch = '_';
    buf_printf(o, "%c", ch);
  }
}

/* schema.cypher: a graph store's contract. Each entity it holds is a node
 * label, each reference a relationship type (listed, since Cypher declares
 * none), and the id and every unique field a uniqueness constraint: a
 * statement where the store declares constraints (Neo4j), a comment the
 * writes must keep where it has none (Neptune). */
void emit_graph_cypher(const Plan *p, Buf *o) {
  const Model *m = p->model;
  const Tech *db = plan_tech(p, "database");
  bool cons = db && p->api.db_constraints;
  const char *lead = cons ? "" : "// ";
  buf_printf(o, "// The graph schema for %.*s: node labels, relationship types, uniqueness constraints.\n",
             STRF(db ? db->name : S("the graph store")));
  if (!cons)
    buf_printf(o, "// %.*s declares no constraints: each write checks the uniqueness below before it creates a node.\n",
               STRF(db ? db->name : S("The store")));
  buf_printf(o, "// Relationship types (created with their nodes; Cypher declares none):\n");
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    const ApiEntity *ae = &p->api.ents[i];
    if (ae->form != FORM_GRAPH)
      continue;
    for (int k = 0; k < e->nfields; k++) {
      const Field *f = &e->fields[k];
      if (f->rel == REL_NONE || !f->ref)
        continue;
      buf_printf(o, "//   (:%.*s)-[:", STRF(ae->type));
      rel_type(o, f->name);
      buf_printf(o, "]->(:%.*s)\n", STRF(p->api.ents[f->ref->index].type));
    }
  }
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    const ApiEntity *ae = &p->api.ents[i];
    if (ae->form != FORM_GRAPH)
      continue;
    buf_printf(o, "\n// :%.*s\n", STRF(ae->type));
    buf_printf(o, "%sCREATE CONSTRAINT %.*s_id_unique IF NOT EXISTS FOR (n:%.*s) REQUIRE n.id IS UNIQUE;\n", lead,
               STRF(ae->type), STRF(ae->type));
    for (int k = 0; k < e->nfields; k++) {
      const Field *f = &e->fields[k];
      if (!f->unique || f->array || f->rel != REL_NONE || !ae->ff[k].stored)
        continue;
      buf_printf(o, "%sCREATE CONSTRAINT %.*s_%.*s_unique IF NOT EXISTS FOR (n:%.*s) REQUIRE n.%.*s IS UNIQUE;\n", lead,
                 STRF(ae->type), STRF(ae->cols[k]), STRF(ae->type), STRF(ae->cols[k]));
    }
  }
}

/* dynamodb-table.json: the same table as the input of CreateTable
 * (aws dynamodb create-table --cli-input-json), which docker-compose.yml's
 * loader gives DynamoDB Local; the table is named after the project. */
void emit_dynamodb_local(const Plan *p, Buf *o) {
  const Api *api = &p->api;
  bool used[16];
  for (int g = 0; g < 16; g++)
    used[g] = (api->ddb_indexes >> g) & 1;
  Json j = {.out = o};
  json_obj(&j);
  json_key(&j, "TableName");
  json_str(&j, p->kit ? p->kit->project_id : S("app"));
  table_properties(&j, used, api->ddb_stream, true);
  json_end_obj(&j);
  buf_putc(o, '\n');
}
