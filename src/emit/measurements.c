/* measurements.md: the contract of a time-series store that has no SQL DDL
 * (InfluxDB, Timestream): per entity one measurement, its tags (indexed:
 * ids, enums, flags, short strings), its fields, its time and its
 * retention, with one example point in line protocol. Every decision is
 * the plan's (FieldFacts.ts_tag, ApiEntity.ts_time, Api.ts_store). */
#include <math.h>

#include "../util/esc.h"
#include "emit.h"

/* Line protocol escapes: commas, spaces and = in keys and tags. */
static void lp_key(Buf *o, Str s) {
  for (ptrdiff_t i = 0; i < s.n; i++) {
    if (s.p[i] == ',' || s.p[i] == ' ' || s.p[i] == '=')
      buf_putc(o, '\\');
    buf_putc(o, s.p[i]);
  }
}

static void lp_value(Buf *o, const FieldFacts *ff, const Field *f) {
  switch (f->type) {
  case FT_INT: buf_str(o, ff->sample); buf_putc(o, 'i'); break;
  case FT_FLOAT: buf_str(o, ff->sample); break;
  case FT_MONEY: buf_str(o, (Str){ff->sample.p + 1, ff->sample.n - 2}); break;   /* the decimal, unquoted */
  case FT_BOOL: buf_puts(o, "true"); break;
  default: buf_str(o, ff->sample); break;   /* a JSON string is a line-protocol string */
  }
}

void emit_measurements_md(const Plan *p, Buf *o) {
  const Model *m = p->model;
  buf_puts(o, "# Measurements of ");
  esc_md(o, m->project.name);
  buf_puts(o, " in ");
  esc_md(o, p->api.ts_store);
  buf_puts(o, "\n\n");
  esc_md(o, p->api.ts_store);
  buf_puts(o, " is not an SQL store: this is its contract. Each entity is one measurement; tags are indexed "
              "and identify a series (keep their values few), fields carry the values, and every point has a "
              "time.\n");
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    const ApiEntity *ae = &p->api.ents[i];
    if (ae->form != FORM_POINTS)
      continue;
    buf_puts(o, "\n## ");
    esc_md(o, ae->table);
    buf_puts(o, "\n\n| column | kind | type |\n| --- | --- | --- |\n| time | time | ");
    if (ae->ts_time) {
      esc_md(o, ae->ts_time->name);
      buf_puts(o, " (timestamp) |\n");
    } else
      buf_puts(o, "created\\_at (timestamp) |\n");
    buf_puts(o, "| id | field | string (uuid) |\n");
    for (int k = 0; k < e->nfields; k++) {
      const Field *f = &e->fields[k];
      const FieldFacts *ff = &ae->ff[k];
      if (!ff->stored || f == ae->ts_time)
        continue;
      buf_puts(o, "| ");
      esc_md(o, f->name);
      buf_puts(o, ff->ts_tag ? " | tag | " : " | field | ");
      esc_md(o, ff->json_type.n ? ff->json_type : S("json"));
      if (ff->json_format.n) {
        buf_puts(o, " (");
        esc_md(o, ff->json_format);
        buf_putc(o, ')');
      }
      buf_puts(o, " |\n");
    }
    if (e->retain > 0)
      buf_printf(o, "\nRetention: %.0f days (the bucket's retention policy).\n", e->retain / 86400);
    else
      buf_puts(o, "\nRetention: kept until deleted.\n");
    /* One example point: measurement,tags fields time. */
    buf_puts(o, "\n```text\n");
    lp_key(o, ae->table);
    for (int k = 0; k < e->nfields; k++) {
      const FieldFacts *ff = &ae->ff[k];
      if (!ff->stored || !ff->ts_tag || &e->fields[k] == ae->ts_time)
        continue;
      buf_putc(o, ',');
      lp_key(o, e->fields[k].name);
      buf_putc(o, '=');
      Str v = ff->sample;
      if (v.n >= 2 && v.p[0] == '"')
        v = (Str){v.p + 1, v.n - 2};
      lp_key(o, v);
    }
    buf_puts(o, " id=\"0b7e2a4c-5d1f-4e8a-9c3b-6f2d8e1a7b40\"");
    for (int k = 0; k < e->nfields; k++) {
      const FieldFacts *ff = &ae->ff[k];
      if (!ff->stored || ff->ts_tag || &e->fields[k] == ae->ts_time || e->fields[k].array || e->fields[k].type == FT_JSON)
        continue;
      buf_putc(o, ',');
      lp_key(o, e->fields[k].name);
      buf_putc(o, '=');
      lp_value(o, ff, &e->fields[k]);
    }
    buf_puts(o, " 1767258000000000000\n```\n");
  }
}

/* clickhouse.sql: the contract of a time-series store that takes MergeTree
 * tables (Api.ts_mergetree): per entity one table, sorted by the plan's
 * access path (ApiEntity.ts_order, then the time), partitioned by month of
 * the time (ClickHouse's advice for most tables:
 * https://clickhouse.com/docs/engines/table-engines/mergetree-family/custom-partitioning-key),
 * rows expiring with the entity's retention. */
static void ch_ident(Buf *o, Str s) {
  buf_putc(o, '"');
  for (ptrdiff_t i = 0; i < s.n; i++) {
    if (s.p[i] == '"' || s.p[i] == '\\')
      buf_putc(o, '\\');
    buf_putc(o, s.p[i]);
  }
  buf_putc(o, '"');
}

void emit_clickhouse(const Plan *p, Buf *o) {
  const Model *m = p->model;
  buf_puts(o, "-- ClickHouse tables of ");
  esc_comment(o, m->project.name);
  buf_puts(o, "'s ");
  esc_comment(o, p->api.ts_store);
  buf_puts(o, ", written by plinth plan: MergeTree, sorted by the access path, partitioned by month, expiring "
              "with the retention.\n-- Check with: clickhouse client --multiquery < clickhouse.sql\n");
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    const ApiEntity *ae = &p->api.ents[i];
    if (ae->form != FORM_POINTS)
      continue;
    Str time = ae->ts_time ? ae->cols[ae->ts_time - e->fields] : S("created_at");
    buf_puts(o, "\nCREATE TABLE IF NOT EXISTS ");
    ch_ident(o, ae->table);
    buf_puts(o, "\n(\n    \"id\" UUID");
    if (!ae->ts_time)
      buf_puts(o, ",\n    \"created_at\" DateTime64(3, 'UTC')");
    for (int k = 0; k < e->nfields; k++) {
      const Field *f = &e->fields[k];
      const FieldFacts *ff = &ae->ff[k];
      if (!ff->stored)
        continue;
      buf_puts(o, ",\n    ");
      ch_ident(o, ae->cols[k]);
      buf_putc(o, ' ');
      if (f->array)
        buf_printf(o, "Array(%.*s)", STRF(ff->sql_ch));
      else if (f->optional)
        buf_printf(o, "Nullable(%.*s)", STRF(ff->sql_ch));
      else
        buf_str(o, ff->sql_ch);
    }
    buf_puts(o, "\n)\nENGINE = MergeTree\nPARTITION BY toYYYYMM(");
    ch_ident(o, time);
    buf_puts(o, ")\nORDER BY (");
    for (int k = 0; k < ae->nts_order; k++) {
      ch_ident(o, ae->cols[ae->ts_order[k] - e->fields]);
      buf_puts(o, ", ");
    }
    ch_ident(o, time);
    buf_putc(o, ')');
    if (e->retain > 0) {
      buf_puts(o, "\nTTL toDateTime(");
      ch_ident(o, time);
      buf_printf(o, ") + INTERVAL %.0f DAY", ceil(e->retain / 86400));
    }
    buf_puts(o, ";\n");
  }
}
