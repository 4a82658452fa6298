/* schema.sql (PostgreSQL 15) and schema.sqlite.sql (SQLite 3.40) from the
 * model and the names and data facts of p->api, in one emitter with a
 * dialect switch. Every identifier goes through sql_ident and every
 * literal through sql_str. PostgreSQL gets its foreign keys after all the
 * tables (entities may point forwards or in cycles); SQLite, which cannot
 * add them later and checks them only when rows change, gets them inline.
 *
 * The probe scripts (--only sql-probes, sqlite-probes; used by the tests)
 * insert one valid row per table, parents first, then rows that break each
 * NOT NULL, CHECK, length, UNIQUE and FOREIGN KEY constraint: in
 * PostgreSQL each bad row sits in a DO block that fails unless the insert
 * fails with the expected SQLSTATE; for SQLite each bad row is one line
 * preceded by `-- expect: KIND`, for the test to match against sqlite3's
 * error lines. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../util/esc.h"
#include "emit.h"

typedef enum { PG, LITE } Dialect;

static void id(Buf *o, Str s) { sql_ident(o, s); }

static void num(Buf *o, double v) { buf_exact(o, v); }


static const FieldFacts *facts(const Plan *p, const Field *f) { return &p->api.ents[f->entity->index].ff[f->index]; }

static void col_type(Buf *o, const Plan *p, Dialect d, const Field *f) {
  const FieldFacts *ff = facts(p, f);
  buf_str(o, d == LITE ? ff->sql_lite : ff->sql_pg);
  if (d == PG && f->array)
    buf_puts(o, "[]");
}

/* SQLite's CHECK that a column holds JSON (an array where `array`).
 * json_valid(NULL) is 0 before SQLite 3.45: optional columns say IS NULL. */
static void json_check(Buf *o, const Field *f, Str col, bool array) {
  buf_puts(o, " CHECK (");
  if (f->optional) {
    id(o, col);
    buf_puts(o, " IS NULL OR ");
  }
  buf_puts(o, "json_valid(");
  id(o, col);
  if (array) {
    buf_puts(o, ") AND json_type(");
    id(o, col);
    buf_puts(o, ") = 'array')");
  } else
    buf_puts(o, "))");
}

/* " CHECK (col <op>'a', 'b'<close>": an enum's values as a list. */
static void enum_check(Buf *o, const Field *f, Str col, const char *op, const char *close) {
  buf_puts(o, " CHECK (");
  id(o, col);
  buf_puts(o, op);
  for (int i = 0; i < f->nenum; i++) {
    buf_puts(o, i ? ", " : "");
    sql_str(o, f->enum_vals[i]);
  }
  buf_puts(o, close);
}

/* The CHECK of a field, or nothing. */
static void col_check(Buf *o, const Plan *p, Dialect d, const Field *f, Str col) {
  if (f->array) {
    if (d == LITE)
      json_check(o, f, col, true);
    else if (f->type == FT_ENUM)
      enum_check(o, f, col, " <@ ARRAY[", "]::text[])");
    return;
  }
  if (f->type == FT_ENUM)
    enum_check(o, f, col, " IN (", "))");
  else if (f->has_min || f->has_max) {
    buf_puts(o, " CHECK (");
    if (f->has_min) {
      id(o, col);
      buf_puts(o, f->min_excl ? " > " : " >= ");
      num(o, f->min);
    }
    if (f->has_max) {
      buf_puts(o, f->has_min ? " AND " : "");
      id(o, col);
      buf_puts(o, f->max_excl ? " < " : " <= ");
      num(o, f->max);
    }
    buf_putc(o, ')');
  } else if (f->type == FT_EMAIL) {
    buf_puts(o, " CHECK (");
    id(o, col);
    buf_puts(o, " LIKE '%_@_%')");
  }
  /* Lengths: varchar(n) in PostgreSQL; a CHECK in SQLite, and for text max. */
  double len = f->type == FT_SECRET ? 0 : facts(p, f)->max_len;
  if (d == PG && (f->type == FT_EMAIL || f->type == FT_URL || f->type == FT_PHONE))
    len = 0;
  if (len > 0 && (d == LITE || f->type == FT_TEXT)) {
    buf_puts(o, d == LITE ? " CHECK (length(" : " CHECK (char_length(");
    id(o, col);
    buf_printf(o, ") <= %.0f)", len);
  }
  if (d == LITE && f->type == FT_BOOL) {
    buf_puts(o, " CHECK (");
    id(o, col);
    buf_puts(o, " IN (0, 1))");
  }
  if (d == LITE && f->type == FT_JSON)
    json_check(o, f, col, false);
}

static void col_default(Buf *o, Dialect d, const Field *f) {
  const Literal *l = &f->def;
  if (f->sum_of) {
    buf_puts(o, " DEFAULT 0");
    return;
  }
  switch (l->kind) {
  case LIT_NUMBER: buf_puts(o, " DEFAULT "); num(o, l->num); break;
  case LIT_STRING: buf_puts(o, " DEFAULT "); sql_str(o, l->text); break;
  case LIT_BOOL: buf_puts(o, d == PG ? (l->b ? " DEFAULT true" : " DEFAULT false") : (l->b ? " DEFAULT 1" : " DEFAULT 0")); break;
  case LIT_WORD:
    if (f->type == FT_ENUM) {
      buf_puts(o, " DEFAULT ");
      sql_str(o, l->text);
    } else if (str_eqc(l->text, "now"))
      buf_puts(o, d == PG ? (f->type == FT_DATE ? " DEFAULT CURRENT_DATE" : " DEFAULT now()")
                          : (f->type == FT_DATE ? " DEFAULT (date('now'))" : " DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"));
    break;
  default: break;
  }
}

static const char *on_delete(const Entity *e, const Field *f) { return plan_on_delete(e, f); }

static void references(Buf *o, const Plan *p, const Entity *e, const Field *f) {
  buf_puts(o, "REFERENCES ");
  id(o, p->api.ents[f->ref->index].table);
  buf_printf(o, " (\"id\") ON DELETE %s", on_delete(e, f));
}

static void header(Buf *o, const Plan *p, Dialect d, const char *store) {
  const Api *api = &p->api;
  if (d == PG)
    buf_printf(o, "-- PostgreSQL %.0f schema for ", api->pg_version);
  else
    buf_puts(o, "-- SQLite 3 schema for ");
  esc_comment(o, p->model->project.name);
  if (strcmp(store, "database")) {
    buf_printf(o, "'s %s store (", store);
    esc_comment(o, plan_tech_name(p, store));
    buf_putc(o, ')');
  }
  buf_puts(o, ", generated by plinth from the spec. Do not edit by hand;\n");
  buf_puts(o, "-- change the spec and run plinth again.\n--\n");
  buf_puts(o, "-- Foreign keys: ON DELETE CASCADE where the row is owned by its parent (it cannot\n"
              "-- outlive it), SET NULL on optional links, RESTRICT on other required links, so\n"
              "-- deleting a referenced row that others still need fails loudly. Money records\n"
              "-- (rows with a money field) are kept for tax law: RESTRICT to their user, who is\n"
              "-- anonymised on erasure instead of deleted.\n");
  char b[32];
  buf_printf(o, "-- Tables expected to pass %s rows within three years are partitioned by month\n",
             fmt_count(b, api->partition_rows));
  buf_puts(o, d == PG ? "-- (kb/contracts.kb partition-rows).\n" : "-- in PostgreSQL (kb/contracts.kb partition-rows); SQLite has no partitioning.\n");
  if (d == LITE)
    buf_puts(o, "\nPRAGMA foreign_keys = ON;\n");
  else
    buf_puts(o, "\nBEGIN;\n");
}

/* COMMENT ON COLUMN with the protection of a tagged field (PostgreSQL);
 * nothing for an untagged one. */
void sql_comment(Buf *o, const Plan *p, const Entity *e, int k) {
  const ApiEntity *ae = &p->api.ents[e->index];
  const Field *f = &e->fields[k];
  int tags = f->tags & (TAG_PII | TAG_PHI | TAG_PCI | TAG_SECRET);
  if (!tags || !ae->ff[k].stored)   /* links, and passwords an identity service holds */
    return;
  buf_puts(o, "COMMENT ON COLUMN ");
  id(o, ae->table);
  buf_putc(o, '.');
  id(o, ae->cols[k]);
  buf_puts(o, " IS ");
  Buf t = {0};
  static const char *const names[] = {"pii", "secret", "phi", "pci"};
  for (int b = 0; b < 4; b++)
    if (tags & (1 << b))
      buf_printf(&t, "%s%s: %.*s", t.n ? "; " : "", names[b], STRF(p->api.protection[b]));
  sql_str(o, buf_view(&t));
  buf_free(&t);
  buf_puts(o, ";\n");
}

/* Index `which` of an entity: its plain indexes in order, then the one on
 * created_at (which == nidx), then PostgreSQL's full-text index. */
void sql_index(Buf *o, const Plan *p, const Entity *e, int which, bool concurrently) {
  const ApiEntity *ae = &p->api.ents[e->index];
  buf_puts(o, concurrently ? "CREATE INDEX CONCURRENTLY " : "CREATE INDEX ");
  if (which < ae->nidx) {
    id(o, ae->idx_name[which]);
    buf_puts(o, " ON ");
    id(o, ae->table);
    buf_puts(o, " (");
    id(o, ae->cols[ae->idx[which]->index]);
    buf_printf(o, "); -- %.*s\n", STRF(ae->idx_why[which]));
  } else if (which == ae->nidx) {
    id(o, ae->created_idx);
    buf_puts(o, " ON ");
    id(o, ae->table);
    buf_puts(o, " (");
    if (ae->created_lead.n) {
      id(o, ae->created_lead);
      buf_puts(o, ", ");
    }
    id(o, ae->created_col);
    buf_puts(o, ae->created_lead.n ? ", \"id\"); -- foreign key, and newest-first lists of one parent's rows\n"
                                   : ", \"id\"); -- newest-first lists, cursors and retention\n");
  } else {
    id(o, ae->fts_idx);
    buf_puts(o, " ON ");
    id(o, ae->table);
    buf_puts(o, " USING GIN (to_tsvector('simple', ");
    for (int k = 0; k < ae->nfts; k++) {
      buf_puts(o, k ? " || ' ' || coalesce(" : "coalesce(");
      id(o, ae->cols[ae->fts[k]->index]);
      buf_puts(o, ", '')");
    }
    buf_puts(o, ")); -- full-text search\n");
  }
}

/* A column schema.sql adds beside the fields (plan/diff.h's EXTRA_*):
 * code 0-2 the status, size and sha256 of the upload of field k, 3 the
 * row's currency, 4 and 5 the payment provider's checkout and payment ids.
 * nn: NOT NULL where the column is required. */
static void extra_def(Buf *o, const Plan *p, const Entity *e, int code, int k, Dialect d, bool nn) {
  const ApiEntity *ae = &p->api.ents[e->index];
  switch (code) {
  case 0:
    id(o, ae->up[3 * k]);
    buf_puts(o, d == PG ? " text" : " TEXT");
    buf_puts(o, nn ? " NOT NULL" : "");
    buf_puts(o, " DEFAULT 'pending' CHECK (");
    id(o, ae->up[3 * k]);
    buf_puts(o, " IN ('pending', 'stored', 'rejected'))");
    break;
  case 1:
    id(o, ae->up[3 * k + 1]);
    buf_puts(o, d == PG ? " bigint" : " INTEGER");
    buf_puts(o, nn ? " NOT NULL CHECK (" : " CHECK (");
    id(o, ae->up[3 * k + 1]);
    if (e->fields[k].max_size > 0)
      buf_printf(o, " BETWEEN 1 AND %.0f)", e->fields[k].max_size);
    else
      buf_puts(o, " > 0)");
    break;
  case 2:
    id(o, ae->up[3 * k + 2]);
    buf_puts(o, d == PG ? " char(64)" : " TEXT");
    buf_puts(o, nn ? " NOT NULL" : "");
    if (d == LITE) {
      buf_puts(o, " CHECK (length(");
      id(o, ae->up[3 * k + 2]);
      buf_puts(o, ") = 64)");
    }
    break;
  case 3: {
    const Project *pr = &p->model->project;
    id(o, ae->cur);
    buf_puts(o, d == PG ? " char(3)" : " TEXT");
    buf_puts(o, nn ? " NOT NULL DEFAULT " : " DEFAULT ");
    sql_str(o, pr->currencies[0].word);
    buf_puts(o, " CHECK (");
    id(o, ae->cur);
    buf_puts(o, " IN (");
    for (int i = 0; i < pr->ncurrencies; i++) {
      buf_puts(o, i ? ", " : "");
      sql_str(o, pr->currencies[i].word);
    }
    buf_puts(o, "))");
    break;
  }
  default:
    id(o, code == 4 ? ae->pay_checkout : ae->pay_payment);
    buf_puts(o, d == PG ? " varchar(255) UNIQUE" : " TEXT UNIQUE");
    break;
  }
}

/* The comment above a table: its rows, retention, partitioning, soft delete. */
static void table_comment(Buf *o, const Entity *e, const ApiEntity *ae) {
  buf_putc(o, '\n');
  char rows[32];
  buf_printf(o, "-- %.*s%s: about %s rows now", STRF(e->name), e->join ? " (join table)" : "", fmt_count(rows, e->rows));
  if (e->retain > 0)
    buf_printf(o, "; rows older than %.0f days are deleted by a daily job (retain)", e->retain / 86400);
  buf_puts(o, "\n");
  if (ae->partition_note.n)
    buf_printf(o, "-- %.*s\n", STRF(ae->partition_note));
  if (ae->soft_delete)
    buf_puts(o, "-- Soft delete: rows are marked with deleted_at and hidden from reads.\n");
}

/* SQLite has no COMMENT ON: the protection goes beside the column. */
static void lite_protection(Buf *o, const Plan *p, int tags) {
  buf_puts(o, " --");
  static const char *const names[] = {"pii", "secret", "phi", "pci"};
  for (int b = 0; b < 4; b++)
    if (tags & (1 << b)) {
      buf_printf(o, " %s: ", names[b]);
      esc_comment(o, p->api.protection[b]);
      buf_putc(o, ';');
    }
  o->n--;
}

/* A stored field's column line. */
static void field_column(Buf *o, const Plan *p, const Entity *e, int k, Dialect d) {
  const ApiEntity *ae = &p->api.ents[e->index];
  const Field *f = &e->fields[k];
  buf_puts(o, "  ");
  id(o, ae->cols[k]);
  buf_putc(o, ' ');
  col_type(o, p, d, f);
  if (!f->optional)
    buf_puts(o, " NOT NULL");
  col_default(o, d, f);
  if (f->unique && !f->array)
    buf_puts(o, " UNIQUE");
  col_check(o, p, d, f, ae->cols[k]);
  if (d == LITE && f->rel == REL_MANY_TO_ONE && api_in_schema(p, f->ref, str_eqc(ae->store, "events") ? "events" : "database")) {
    buf_putc(o, ' ');
    references(o, p, e, f);
  }
  buf_putc(o, ',');
  int tags = f->tags & (TAG_PII | TAG_PHI | TAG_PCI | TAG_SECRET);
  if (d == LITE && tags)
    lite_protection(o, p, tags);
  buf_putc(o, '\n');
}

/* The columns beside the fields: uploads, the currency, the payment ids. */
static void extra_columns(Buf *o, const Plan *p, const Entity *e, Dialect d) {
  const ApiEntity *ae = &p->api.ents[e->index];
  for (int k = 0; k < e->nfields; k++)
    for (int x = 0; ae->up[3 * k].n && x < 3; x++) {
      buf_puts(o, "  ");
      extra_def(o, p, e, x, k, d, !e->fields[k].optional);
      buf_puts(o, x ? ",\n" : ", -- the upload: pending until confirmed\n");
    }
  if (ae->cur.n) {
    buf_puts(o, "  ");
    extra_def(o, p, e, 3, -1, d, true);
    buf_puts(o, ", -- the currency of every amount in the row\n");
  }
  if (ae->pay_checkout.n) {
    buf_puts(o, "  ");
    extra_def(o, p, e, 4, -1, d, true);
    buf_puts(o, ", -- ");
    esc_comment(o, p->api.payments->name);
    buf_puts(o, "'s checkout session\n  ");
    extra_def(o, p, e, 5, -1, d, true);
    buf_puts(o, ", -- ");
    esc_comment(o, p->api.payments->name);
    buf_puts(o, "'s payment, from its webhook\n");
  }
}

/* The timestamps, then the end of the table: partitioned by month, or plain. */
static void table_end(Buf *o, const ApiEntity *ae, Dialect d, bool part) {
  const char *ts = d == PG ? "timestamptz" : "TEXT";
  const char *now = d == PG ? "now()" : "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))";
  buf_printf(o, "  \"created_at\" %s NOT NULL DEFAULT %s,\n", ts, now);
  buf_printf(o, "  \"updated_at\" %s NOT NULL DEFAULT %s", ts, now);
  if (ae->soft_delete)
    buf_printf(o, ",\n  \"deleted_at\" %s", ts);
  if (part) {
    buf_puts(o, ",\n  PRIMARY KEY (\"id\", ");
    id(o, ae->partition_col);
    buf_puts(o, ")\n) PARTITION BY RANGE (");
    id(o, ae->partition_col);
    buf_puts(o, ");\n-- Create a partition per month ahead of time (pg_partman or a scheduled job); the\n"
                "-- default partition (at the end) catches rows outside them.\n");
  } else
    buf_puts(o, "\n);\n");
}

/* The searched columns, each after `sep`. */
static void fts_cols(Buf *o, const ApiEntity *ae, const char *sep) {
  for (int k = 0; k < ae->nfts; k++) {
    buf_puts(o, sep);
    id(o, ae->cols[ae->fts[k]->index]);
  }
}

/* SQLite's `CREATE TRIGGER "base_suffix" AFTER INSERT ON "table" BEGIN`
 * (event: 0 INSERT, 1 DELETE, 2 UPDATE). */
static void after_trigger(Buf *o, Str base, const char *suffix, int event, Str table) {
  buf_puts(o, "CREATE TRIGGER ");
  Buf nm = {0};
  buf_printf(&nm, "%.*s_%s", STRF(base), suffix);
  id(o, buf_view(&nm));
  buf_free(&nm);
  buf_printf(o, " AFTER %s ON ", event == 0 ? "INSERT" : event == 1 ? "DELETE" : "UPDATE");
  id(o, table);
  buf_puts(o, " BEGIN");
}

/* One of the triggers that keep the FTS5 index in step (t: 0 insert, 1
 * delete, 2 update); a delete or update first removes the old text. */
static void fts_trigger(Buf *o, const ApiEntity *ae, int t) {
  static const char *const tg[] = {"ai", "ad", "au"};
  after_trigger(o, ae->fts_table, tg[t], t, ae->table);
  for (int pass = 0; pass < 2; pass++) {
    bool del = (t == 1 && pass == 0) || (t == 2 && pass == 0);
    bool ins = (t == 0 && pass == 0) || (t == 2 && pass == 1);
    if (!del && !ins)
      continue;
    buf_puts(o, " INSERT INTO ");
    id(o, ae->fts_table);
    buf_putc(o, '(');
    if (del) {
      id(o, ae->fts_table);
      buf_puts(o, ", ");
    }
    buf_puts(o, "rowid");
    fts_cols(o, ae, ", ");
    buf_puts(o, del ? ") VALUES ('delete', old.rowid" : ") VALUES (new.rowid");
    fts_cols(o, ae, del ? ", old." : ", new.");
    buf_puts(o, ");");
  }
  buf_puts(o, " END;\n");
}

/* SQLite's full-text search: an FTS5 table over the table, and its triggers. */
static void lite_fts(Buf *o, const ApiEntity *ae) {
  buf_puts(o, "-- Full-text search: an FTS5 index over the table, kept in step by triggers.\n");
  buf_puts(o, "CREATE VIRTUAL TABLE ");
  id(o, ae->fts_table);
  buf_puts(o, " USING fts5(");
  for (int k = 0; k < ae->nfts; k++) {
    id(o, ae->cols[ae->fts[k]->index]);
    buf_puts(o, ", ");
  }
  buf_puts(o, "content=");
  sql_str(o, ae->table);
  buf_puts(o, ", content_rowid='rowid');\n");
  for (int t = 0; t < 3; t++)
    fts_trigger(o, ae, t);
}

static void table(Buf *o, const Plan *p, const Entity *e, Dialect d) {
  const ApiEntity *ae = &p->api.ents[e->index];
  table_comment(o, e, ae);
  buf_puts(o, "CREATE TABLE ");
  id(o, ae->table);
  buf_puts(o, " (\n");
  bool part = d == PG && ae->partitioned;
  if (d == PG)
    buf_printf(o, "  \"id\" uuid NOT NULL DEFAULT gen_random_uuid()%s,\n", part ? "" : " PRIMARY KEY");
  else
    buf_puts(o, "  \"id\" TEXT NOT NULL PRIMARY KEY DEFAULT (lower(hex(randomblob(16)))),\n");
  for (int k = 0; k < e->nfields; k++)
    if (ae->ff[k].stored)
      field_column(o, p, e, k, d);
  extra_columns(o, p, e, d);
  table_end(o, ae, d, part);
  for (int k = 0; k < ae->nidx + 1 + (ae->nfts && d == PG); k++)
    if (k < ae->nidx || (k == ae->nidx && ae->idx_created) || k > ae->nidx)
      sql_index(o, p, e, k, false);
  if (ae->nfts && d == LITE)
    lite_fts(o, ae);
  if (d == PG)
    for (int k = 0; k < e->nfields; k++)
      sql_comment(o, p, e, k);
}

static void audit(Buf *o, const Plan *p, Dialect d) {
  const Api *api = &p->api;
  if (!api->audit_table.n)
    return;
  buf_puts(o, "\n-- The audit log: one row per change to an audited table, written in the same\n"
              "-- transaction as the change; never updated or deleted by the application.\nCREATE TABLE ");
  id(o, api->audit_table);
  if (d == PG)
    buf_puts(o, " (\n  \"id\" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,\n  \"table_name\" text NOT NULL,\n"
                "  \"row_id\" uuid NOT NULL,\n  \"action\" text NOT NULL CHECK (\"action\" IN ('insert', 'update', 'delete')),\n"
                "  \"actor_id\" uuid,\n  \"at\" timestamptz NOT NULL DEFAULT now(),\n  \"before\" jsonb,\n  \"after\" jsonb\n);\n");
  else
    buf_puts(o, " (\n  \"id\" TEXT NOT NULL PRIMARY KEY DEFAULT (lower(hex(randomblob(16)))),\n  \"table_name\" TEXT NOT NULL,\n"
                "  \"row_id\" TEXT NOT NULL,\n  \"action\" TEXT NOT NULL CHECK (\"action\" IN ('insert', 'update', 'delete')),\n"
                "  \"actor_id\" TEXT,\n  \"at\" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),\n"
                "  \"before\" TEXT CHECK (json_valid(\"before\")),\n  \"after\" TEXT CHECK (json_valid(\"after\"))\n);\n");
  buf_puts(o, "CREATE INDEX ");
  id(o, api->audit_idx);
  buf_puts(o, " ON ");
  id(o, api->audit_table);
  buf_puts(o, " (\"table_name\", \"row_id\", \"at\");\n");
  buf_puts(o, "-- Audited tables:");
  for (int i = 0; i < p->model->nentities; i++)
    if (api->ents[i].audited)
      buf_printf(o, " %.*s", STRF(api->ents[i].table));
  buf_putc(o, '\n');
}

/* A lifecycle: new rows start in the initial state, and the state changes
 * only along the declared transitions. */
static void guard(Buf *o, const Plan *p, const Entity *e, const Field *f, Dialect d) {
  const ApiEntity *ae = &p->api.ents[e->index];
  const FieldFacts *ff = &ae->ff[f->index];
  Str col = ae->cols[f->index];
  buf_printf(o, "\n-- %.*s.%.*s changes only along its transitions:", STRF(e->name), STRF(f->name));
  for (int t = 0; t < f->ntrans; t++)
    buf_printf(o, "%s %.*s -> %.*s (%.*s)", t ? "," : "", STRF(f->enum_vals[f->trans[t].from]), STRF(f->enum_vals[f->trans[t].to]),
               STRF(f->trans[t].by));
  buf_puts(o, ".\n");
  if (ff->initial >= 0)
    buf_printf(o, "-- New rows start as %.*s.\n", STRF(f->enum_vals[ff->initial]));
  Buf pairs = {0};   /* (old = 'a' AND new = 'b') OR ... */
  for (int t = 0; t < f->ntrans; t++) {
    buf_puts(&pairs, t ? " OR (" : "(");
    buf_puts(&pairs, d == PG ? "OLD." : "old.");
    id(&pairs, col);
    buf_puts(&pairs, " = ");
    sql_str(&pairs, f->enum_vals[f->trans[t].from]);
    buf_puts(&pairs, d == PG ? " AND NEW." : " AND new.");
    id(&pairs, col);
    buf_puts(&pairs, " = ");
    sql_str(&pairs, f->enum_vals[f->trans[t].to]);
    buf_putc(&pairs, ')');
  }
  Buf msg = {0};
  buf_printf(&msg, "CHECK constraint failed: %.*s.%.*s", STRF(e->name), STRF(f->name));
  if (d == PG) {
    buf_puts(o, "CREATE FUNCTION ");
    id(o, ff->guard);
    buf_puts(o, "() RETURNS trigger LANGUAGE plpgsql AS $guard$\nBEGIN\n");
    if (ff->initial >= 0) {
      buf_puts(o, "  IF TG_OP = 'INSERT' AND NEW.");
      id(o, col);
      buf_puts(o, " <> ");
      sql_str(o, f->enum_vals[ff->initial]);
      buf_puts(o, " THEN\n    RAISE EXCEPTION USING ERRCODE = 'check_violation', MESSAGE = ");
      Buf m2 = {0};
      buf_printf(&m2, "%.*s: new rows start as %.*s", (int)msg.n, msg.p, STRF(f->enum_vals[ff->initial]));
      sql_str(o, buf_view(&m2));
      buf_free(&m2);
      buf_puts(o, ";\n  END IF;\n");
    }
    buf_puts(o, "  IF TG_OP = 'UPDATE' AND NEW.");
    id(o, col);
    buf_puts(o, " IS DISTINCT FROM OLD.");
    id(o, col);
    buf_puts(o, " AND NOT (");
    buf_str(o, buf_view(&pairs));
    buf_puts(o, ") THEN\n    RAISE EXCEPTION USING ERRCODE = 'check_violation', MESSAGE = ");
    sql_str(o, buf_view(&msg));
    buf_puts(o, " || ': ' || OLD.");
    id(o, col);
    buf_puts(o, " || ' -> ' || NEW.");
    id(o, col);
    buf_puts(o, " || ' is not a declared transition';\n  END IF;\n  RETURN NEW;\nEND\n$guard$;\nCREATE TRIGGER ");
    id(o, ff->guard);
    buf_puts(o, " BEFORE INSERT OR UPDATE OF ");
    id(o, col);
    buf_puts(o, " ON ");
    id(o, ae->table);
    buf_puts(o, " FOR EACH ROW EXECUTE FUNCTION ");
    id(o, ff->guard);
    buf_puts(o, "();\n");
  } else {
    for (int ins = ff->initial >= 0 ? 1 : 0; ins >= 0; ins--) {
      buf_puts(o, "CREATE TRIGGER ");
      Buf nm = {0};
      buf_printf(&nm, "%.*s%s", STRF(ff->guard), ins ? "_start" : "");
      id(o, buf_view(&nm));
      buf_free(&nm);
      buf_puts(o, ins ? " BEFORE INSERT ON " : " BEFORE UPDATE OF ");
      if (!ins) {
        id(o, col);
        buf_puts(o, " ON ");
      }
      id(o, ae->table);
      buf_puts(o, " WHEN new.");
      id(o, col);
      if (ins) {
        buf_puts(o, " <> ");
        sql_str(o, f->enum_vals[ff->initial]);
      } else {
        buf_puts(o, " IS NOT old.");
        id(o, col);
        buf_puts(o, " AND NOT (");
        buf_str(o, buf_view(&pairs));
        buf_putc(o, ')');
      }
      buf_puts(o, " BEGIN SELECT RAISE(ABORT, ");
      sql_str(o, buf_view(&msg));
      buf_puts(o, "); END;\n");
    }
  }
  buf_free(&pairs);
  buf_free(&msg);
}

/* UPDATE parent SET total = (SELECT coalesce(sum(a * b), 0) FROM child
 * WHERE link = REF.link) WHERE id = REF.link; */
static void resum(Buf *o, const Field *f, const ApiEntity *ae, const ApiEntity *ce, Str lc, const char *ref) {
  buf_puts(o, "UPDATE ");
  id(o, ae->table);
  buf_puts(o, " SET ");
  id(o, ae->cols[f->index]);
  buf_puts(o, " = (SELECT coalesce(sum(");
  id(o, ce->cols[f->sum_a->index]);
  if (f->sum_b) {
    buf_puts(o, " * ");
    id(o, ce->cols[f->sum_b->index]);
  }
  buf_puts(o, "), 0) FROM ");
  id(o, ce->table);
  buf_puts(o, " WHERE ");
  id(o, lc);
  buf_printf(o, " = %s", ref);
  id(o, lc);
  buf_printf(o, ") WHERE \"id\" = %s", ref);
  id(o, lc);
  buf_putc(o, ';');
}

/* A derived sum, kept by triggers on the child rows. */
static void keep_sum(Buf *o, const Plan *p, const Entity *e, const Field *f, Dialect d) {
  const ApiEntity *ae = &p->api.ents[e->index];
  const FieldFacts *ff = &ae->ff[f->index];
  const Entity *c = f->sum_of;
  const ApiEntity *ce = &p->api.ents[c->index];
  const Field *link = c->parent == e ? c->parent_field : NULL;
  for (int k = 0; k < c->nfields && !link; k++)
    if (c->fields[k].rel == REL_MANY_TO_ONE && c->fields[k].ref == e)
      link = &c->fields[k];
  Str lc = ce->cols[link->index];
  buf_printf(o, "\n-- %.*s.%.*s is the sum of %.*s.%.*s%s%.*s over its rows, kept by the database.\n", STRF(e->name),
             STRF(f->name), STRF(c->name), STRF(f->sum_a->name), f->sum_b ? " x " : "", STRF(f->sum_b ? f->sum_b->name : (Str){0}));
  for (int pass = 0; pass < (d == PG ? 2 : 3); pass++) {
    if (d == PG) {
      if (!pass) {
        buf_puts(o, "CREATE FUNCTION ");
        id(o, ff->sum_fn);
        buf_puts(o, "() RETURNS trigger LANGUAGE plpgsql AS $sum$\nBEGIN\n");
      }
      buf_printf(o, "  IF TG_OP <> '%s' THEN\n    ", pass ? "DELETE" : "INSERT");
      resum(o, f, ae, ce, lc, pass ? "NEW." : "OLD.");
      buf_puts(o, "\n  END IF;\n");
      if (pass) {
        buf_puts(o, "  RETURN NULL;\nEND\n$sum$;\nCREATE TRIGGER ");
        id(o, ff->sum_fn);
        buf_puts(o, " AFTER INSERT OR UPDATE OR DELETE ON ");
        id(o, ce->table);
        buf_puts(o, " FOR EACH ROW EXECUTE FUNCTION ");
        id(o, ff->sum_fn);
        buf_puts(o, "();\n");
      }
    } else {
      /* SQLite: after insert (new), delete (old), update (old, then new). */
      static const char *const ev[] = {"insert", "delete", "update"};
      after_trigger(o, ff->sum_fn, ev[pass], pass, ce->table);
      buf_putc(o, ' ');
      if (pass >= 1) {
        resum(o, f, ae, ce, lc, "old.");
        buf_putc(o, ' ');
      }
      if (pass != 1) {
        resum(o, f, ae, ce, lc, "new.");
        buf_putc(o, ' ');
      }
      buf_puts(o, "END;\n");
    }
  }
}

/* Webhook events already processed, and the email outbox. */
/* The CHECK of the outbox's channel column. */
static void channel_check(Buf *o, const Plan *p) {
  const Api *api = &p->api;
  buf_puts(o, "CHECK (\"channel\" IN (");
  for (int k = 0; k < api->noutbox_channels; k++) {
    buf_puts(o, k ? ", " : "");
    sql_str(o, api->outbox_channels[k]);
  }
  buf_puts(o, "))");
}

/* which: 1 the webhook-events table, 2 the outbox, 3 both. */
static void integration_tables(Buf *o, const Plan *p, Dialect d, int which) {
  const Api *api = &p->api;
  const char *uuid = d == PG ? "uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY" : "TEXT NOT NULL PRIMARY KEY DEFAULT (lower(hex(randomblob(16))))";
  const char *ts = d == PG ? "timestamptz" : "TEXT";
  const char *now = d == PG ? "now()" : "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))";
  const char *str = d == PG ? "varchar(255)" : "TEXT";
  if (api->events_table.n && (which & 1)) {
    buf_puts(o, "\n-- Webhook events already processed: the receiver inserts the event's id in the\n"
                "-- transaction that applies it, ON CONFLICT DO NOTHING; a replay inserts nothing\n"
                "-- and is acknowledged without being applied again.\nCREATE TABLE ");
    id(o, api->events_table);
    buf_printf(o, " (\n  \"id\" %s,\n  \"provider\" %s NOT NULL,\n  \"event_id\" %s NOT NULL,\n"
                  "  \"event_type\" %s NOT NULL,\n  \"received_at\" %s NOT NULL DEFAULT %s\n);\n",
               uuid, str, str, str, ts, now);
    buf_puts(o, "CREATE UNIQUE INDEX ");
    id(o, api->events_idx);
    buf_puts(o, " ON ");
    id(o, api->events_table);
    buf_puts(o, " (\"provider\", \"event_id\");\n");
  }
  if (api->outbox_table.n && (which & 2)) {
    buf_puts(o, "\n-- The outbox: rows written in the transaction that causes the message; a worker\n"
                "-- sends the due ones, marks them sent with the provider's message id, and retries\n"
                "-- failures with backoff (attempts, next_attempt_at).\nCREATE TABLE ");
    id(o, api->outbox_table);
    buf_printf(o, " (\n  \"id\" %s,\n", uuid);
    buf_printf(o, "  \"channel\" %s NOT NULL ", d == PG ? "text" : "TEXT");
    channel_check(o, p);
    buf_puts(o, ",\n");
    buf_printf(o, "  \"recipient\" %s,\n  \"template\" %s NOT NULL,\n"
                  "  \"payload\" %s NOT NULL DEFAULT '{}'%s,\n"
                  "  \"status\" %s NOT NULL DEFAULT 'pending' CHECK (\"status\" IN ('pending', 'sent', 'failed')),\n"
                  "  \"attempts\" %s NOT NULL DEFAULT 0 CHECK (\"attempts\" >= 0),\n"
                  "  \"next_attempt_at\" %s NOT NULL DEFAULT %s,\n  \"sent_at\" %s,\n  \"provider_message_id\" %s,\n"
                  "  \"created_at\" %s NOT NULL DEFAULT %s\n);\n",
               d == PG ? "varchar(320)" : "TEXT", str, d == PG ? "jsonb" : "TEXT",
               d == PG ? "" : " CHECK (json_valid(\"payload\"))", d == PG ? "text" : "TEXT", d == PG ? "integer" : "INTEGER",
               ts, now, ts, str, ts, now);
    buf_puts(o, "CREATE INDEX ");
    id(o, api->outbox_idx);
    buf_puts(o, " ON ");
    id(o, api->outbox_table);
    buf_puts(o, " (\"status\", \"next_attempt_at\"); -- the worker's due rows\n");
  }
}

/* The SQL schema of one store: its entities only ("database": with the
 * audit, webhook-event and outbox tables). A relation to a row in another
 * store keeps its column but has no foreign key: no database can check
 * one across stores. */
static void schema(const Plan *p, Buf *o, Dialect d, const char *store) {
  const Model *m = p->model;
  bool db = !strcmp(store, "database");
  header(o, p, d, store);
  for (int i = 0; i < m->nentities; i++)
    if (api_in_schema(p, &m->entities[i], store))
      table(o, p, &m->entities[i], d);
  if (db) {
    audit(o, p, d);
    integration_tables(o, p, d, 3);
  }
  for (int i = 0; i < m->nentities; i++)
    for (int k = 0; k < m->entities[i].nfields && api_in_schema(p, &m->entities[i], store); k++) {
      const Field *f = &m->entities[i].fields[k];
      if (f->ntrans)
        guard(o, p, &m->entities[i], f, d);
      if (f->sum_of && api_in_schema(p, f->sum_of, store))
        keep_sum(o, p, &m->entities[i], f, d);
    }
  if (d == PG) {
    bool any = false;
    for (int i = 0; i < m->nentities; i++) {
      const Entity *e = &m->entities[i];
      for (int k = 0; k < e->nfields && api_in_schema(p, e, store); k++) {
        const Field *f = &e->fields[k];
        if (f->rel != REL_MANY_TO_ONE || !f->ref)
          continue;
        if (!api_in_schema(p, f->ref, store)) {
          buf_printf(o, "\n-- %.*s.%.*s refers to a %.*s kept in the %.*s: no foreign key across stores; the\n"
                        "-- application applies its ON DELETE %s when the %.*s is deleted.\n",
                     STRF(e->name), STRF(f->name), STRF(f->ref->name), STRF(p->api.ents[f->ref->index].store),
                     on_delete(e, f), STRF(f->ref->name));
          continue;
        }
        if (!any)
          buf_puts(o, "\n-- Foreign keys, after every table exists.\n");
        any = true;
        buf_puts(o, "ALTER TABLE ");
        id(o, p->api.ents[i].table);
        buf_puts(o, " ADD FOREIGN KEY (");
        id(o, p->api.ents[i].cols[k]);
        buf_puts(o, ") ");
        references(o, p, e, f);
        buf_puts(o, ";\n");
      }
    }
    /* PostgreSQL names a partition's copies of the table's indexes itself
     * (TABLE_default_COLUMN_idx), avoiding names that exist: the partitions
     * come last, so its names never take one this schema gives. */
    any = false;
    for (int i = 0; i < m->nentities; i++) {
      const ApiEntity *ae = &p->api.ents[i];
      if (!ae->partitioned || !api_in_schema(p, &m->entities[i], store))
        continue;
      if (!any)
        buf_puts(o, "\n-- Default partitions, after every index: they catch rows outside the monthly ones.\n");
      any = true;
      buf_puts(o, "CREATE TABLE ");
      id(o, ae->part_default);
      buf_puts(o, " PARTITION OF ");
      id(o, ae->table);
      buf_puts(o, " DEFAULT;\n");
    }
    buf_puts(o, "\nCOMMIT;\n");
  }
}

void emit_sql_pg(const Plan *p, Buf *o) { schema(p, o, PG, "database"); }
void emit_sql_events(const Plan *p, Buf *o) { schema(p, o, PG, "events"); }

/* The pieces the migration of plinth diff is written with (emit/diff.c). */
void sql_col_type(Buf *o, const Plan *p, const Field *f, bool pg) { col_type(o, p, pg ? PG : LITE, f); }
void sql_col_check(Buf *o, const Plan *p, const Field *f, Str col, bool pg) { col_check(o, p, pg ? PG : LITE, f, col); }
void sql_col_default(Buf *o, const Field *f, bool pg) { col_default(o, pg ? PG : LITE, f); }
void sql_references(Buf *o, const Plan *p, const Entity *e, const Field *f) { references(o, p, e, f); }
void sql_create_table(Buf *o, const Plan *p, const Entity *e, bool pg) { table(o, p, e, pg ? PG : LITE); }
void sql_audit(Buf *o, const Plan *p, bool pg) { audit(o, p, pg ? PG : LITE); }
void sql_extra_column(Buf *o, const Plan *p, const Entity *e, int code, int field, bool pg, bool not_null) {
  extra_def(o, p, e, code, field, pg ? PG : LITE, not_null);
}
void sql_integration_table(Buf *o, const Plan *p, int which, bool pg) { integration_tables(o, p, pg ? PG : LITE, which); }
void sql_channel_check(Buf *o, const Plan *p) { channel_check(o, p); }
void sql_guard(Buf *o, const Plan *p, const Entity *e, const Field *f, bool pg) { guard(o, p, e, f, pg ? PG : LITE); }
void sql_keep_sum(Buf *o, const Plan *p, const Entity *e, const Field *f, bool pg) { keep_sum(o, p, e, f, pg ? PG : LITE); }
void emit_sql_sqlite(const Plan *p, Buf *o) { schema(p, o, LITE, "database"); }

/* ---- probes ---- */

static void probe_id(Buf *o, int table, int row) {
  buf_printf(o, "'00000000-0000-4000-8%03x-%012x'", row & 0xfff, table);
}

static double in_bounds(const Field *f) { return api_sample_number(f); }

/* A valid value for a required column. */
static void value(Buf *o, const Plan *p, Dialect d, const Field *f, int row, int self) {
  if (f->array) {
    buf_puts(o, d == PG ? "'{}'" : "'[]'");
    return;
  }
  switch (f->type) {
  case FT_INT: case FT_FLOAT: case FT_MONEY: num(o, in_bounds(f)); break;
  case FT_BOOL: buf_puts(o, d == PG ? "true" : "1"); break;
  case FT_EMAIL: buf_printf(o, "'probe%d@example.com'", row); break;
  case FT_URL: buf_printf(o, "'https://example.com/%d'", row); break;
  case FT_PHONE: buf_printf(o, "'+1555010%04d'", row % 10000); break;
  case FT_TIMESTAMP: buf_puts(o, "'2026-01-01T00:00:00Z'"); break;
  case FT_DATE: buf_puts(o, "'2026-01-01'"); break;
  case FT_UUID: probe_id(o, 0xfffff, row); break;
  case FT_JSON: buf_puts(o, "'{}'"); break;
  case FT_ENUM: sql_str(o, f->enum_vals[facts(p, f)->initial >= 0 ? facts(p, f)->initial : 0]); break;
  case FT_REF: probe_id(o, f->ref == f->entity ? self : f->ref->index, 0); break;
  default:
    buf_printf(o, "'p%d'", row);
  }
}

typedef struct {
  const Plan *p;
  Dialect d;
  Buf *o;
  signed char *state;   /* 0 new, 1 visiting, 2 done, 3 skipped */
  int nvalid, nbad;
} Probe;

static void columns(Buf *o, const Entity *e, const ApiEntity *ae, int skip_optional) {
  buf_puts(o, "(\"id\"");
  for (int k = 0; k < e->nfields; k++) {
    const Field *f = &e->fields[k];
    if (!ae->ff[k].stored || (skip_optional && (f->optional || f->def.kind != LIT_NONE)))
      continue;
    buf_puts(o, ", ");
    id(o, ae->cols[k]);
  }
  for (int k = 0; k < e->nfields; k++)
    for (int j = 1; j < 3 && ae->up[3 * k].n && !e->fields[k].optional; j++) {
      buf_puts(o, ", ");
      id(o, ae->up[3 * k + j]);
    }
  buf_putc(o, ')');
}

/* INSERT of row `row` with column `bad` replaced by `badv` (-1: none). */
static void insert(Probe *pr, const Entity *e, int row, int bad, const char *badv, int dup_of) {
  const ApiEntity *ae = &pr->p->api.ents[e->index];
  Buf *o = pr->o;
  buf_puts(o, "INSERT INTO ");
  id(o, ae->table);
  buf_putc(o, ' ');
  columns(o, e, ae, 1);
  buf_puts(o, " VALUES (");
  probe_id(o, e->index, row);
  for (int k = 0; k < e->nfields; k++) {
    const Field *f = &e->fields[k];
    if (!ae->ff[k].stored || f->optional || f->def.kind != LIT_NONE)
      continue;
    buf_puts(o, ", ");
    if (k == bad)
      buf_puts(o, badv);
    else
      value(o, pr->p, pr->d, f, dup_of >= 0 ? dup_of : row, e->index);
  }
  for (int k = 0; k < e->nfields; k++)   /* a declared upload: 1 byte, a 64-digit checksum */
    if (ae->up[3 * k].n && !e->fields[k].optional)
      buf_puts(o, ", 1, '0000000000000000000000000000000000000000000000000000000000000000'");
  buf_puts(o, ");");
}

static void bad(Probe *pr, const Entity *e, int field, const char *val, const char *state, const char *kind, int dup) {
  Buf *o = pr->o;
  pr->nbad++;
  if (pr->d == PG) {
    buf_puts(o, "DO $probe$ BEGIN ");
    insert(pr, e, 1, field, val, dup);
    Buf msg = {0};
    buf_printf(&msg, "accepted a row that breaks %s in %.*s", kind, STRF(pr->p->api.ents[e->index].table));
    buf_puts(o, " RAISE EXCEPTION USING MESSAGE = ");
    sql_str(o, buf_view(&msg));
    buf_printf(o, "; EXCEPTION WHEN %s THEN NULL; END $probe$;\n", state);
    buf_free(&msg);
  } else {
    buf_printf(o, "-- expect: %s\n", kind);
    insert(pr, e, 1, field, val, dup);
    buf_putc(o, '\n');
  }
}

/* The probe rows of one table whose parents already have their rows. */
static void rows_for(Probe *pr, const Entity *e) {
  const Plan *p = pr->p;
  Buf *o = pr->o;
  const ApiEntity *ae = &p->api.ents[e->index];
  buf_printf(o, "-- %.*s\n", STRF(e->name));
  insert(pr, e, 0, -1, NULL, -1);
  buf_putc(o, '\n');
  pr->nvalid++;
  bool pg = pr->d == PG;
  char v[256];
  for (int k = 0; k < e->nfields; k++) {
    const Field *f = &e->fields[k];
    if (!ae->ff[k].stored || f->optional || f->def.kind != LIT_NONE)
      continue;
    bad(pr, e, k, "NULL", "not_null_violation", "NOT NULL", -1);
    if (f->rel == REL_MANY_TO_ONE && api_in_schema(p, f->ref, "database"))
      bad(pr, e, k, "'00000000-0000-4000-8fff-ffffffffffff'", "foreign_key_violation", "FOREIGN KEY", -1);
    if (f->array)
      continue;
    if (f->type == FT_ENUM)
      bad(pr, e, k, "'not-a-listed-value'", "check_violation", "CHECK", -1);
    if (f->has_min || f->has_max) {
      double x = f->has_min ? f->min - 1 : f->max + 1;
      snprintf(v, sizeof v, x == floor(x) ? "%.0f" : "%.17g", x);
      bad(pr, e, k, v, "check_violation", "CHECK", -1);
    }
    double len = f->type == FT_STRING || f->type == FT_TEXT ? facts(p, f)->max_len : 0;
    if (len > 0 && len < 100000) {
      if (pg)
        snprintf(v, sizeof v, "repeat('x', %.0f)", len + 1);
      else
        snprintf(v, sizeof v, "replace(hex(zeroblob(%.0f)), '00', 'x')", len + 1);
      bool varchar = pg && f->type == FT_STRING;
      bad(pr, e, k, v, varchar ? "string_data_right_truncation" : "check_violation", varchar ? "LENGTH" : "CHECK", -1);
    }
    if (f->type == FT_EMAIL)
      bad(pr, e, k, "'not-an-address'", "check_violation", "CHECK", -1);
    if (!pg && f->type == FT_BOOL)
      bad(pr, e, k, "2", "check_violation", "CHECK", -1);
    if (f->unique)
      bad(pr, e, -1, NULL, "unique_violation", "UNIQUE", 0);
  }
}

typedef struct {
  const Entity *e;
  int k;           /* next field to look at */
} Frame;

/* Parents first, without recursion (chains may be long): a depth-first walk
 * over the required links with an explicit stack. A table on a cycle of
 * required links, or below one, gets no rows (state 3). */
static void visit(Probe *pr, const Entity *root, Frame *stack) {
  signed char *st = pr->state;
  if (st[root->index])
    return;
  int top = 0;
  stack[top++] = (Frame){root, 0};
  st[root->index] = 1;
  while (top) {
    Frame *fr = &stack[top - 1];
    const Entity *e = fr->e;
    bool pushed = false;
    while (st[e->index] != 3 && fr->k < e->nfields) {
      const Field *f = &e->fields[fr->k++];
      if (f->rel != REL_MANY_TO_ONE || f->optional || !f->ref || f->ref == e || !api_in_schema(pr->p, f->ref, "database"))
        continue;
      int s = st[f->ref->index];
      if (s == 0) {
        st[f->ref->index] = 1;
        stack[top++] = (Frame){f->ref, 0};
        pushed = true;
        break;
      }
      if (s != 2)
        st[e->index] = 3;
    }
    if (pushed)
      continue;
    if (st[e->index] != 3) {
      st[e->index] = 2;
      rows_for(pr, e);
    }
    top--;
    if (top && st[e->index] == 3)
      st[stack[top - 1].e->index] = 3;
  }
}

static void probes(const Plan *p, Buf *o, Dialect d) {
  const Model *m = p->model;
  Probe pr = {p, d, o, NULL, 0, 0};
  Buf st = {0};
  buf_fill(&st, 0, m->nentities + 1);
  pr.state = (signed char *)st.p;
  buf_puts(o, "-- Constraint probes for ");
  esc_comment(o, m->project.name);
  buf_printf(o, " (%s): valid rows must be accepted, the others rejected.\n", d == PG ? "PostgreSQL" : "SQLite");
  if (d == LITE)
    buf_puts(o, "PRAGMA foreign_keys = ON;\n");
  Buf frames = {0};
  buf_fill(&frames, 0, (ptrdiff_t)sizeof(Frame) * (m->nentities + 1));
  for (int i = 0; i < m->nentities; i++)
    if (api_in_schema(p, &m->entities[i], "database"))
      visit(&pr, &m->entities[i], (Frame *)(void *)frames.p);
  buf_free(&frames);
  for (int i = 0; i < m->nentities; i++)
    if (pr.state[i] == 3)
      buf_printf(o, "-- %.*s: skipped, its required links lead into a cycle\n", STRF(m->entities[i].name));
  buf_printf(o, "-- %d valid rows, %d rejected rows\n", pr.nvalid, pr.nbad);
  buf_free(&st);
}

void emit_sql_probes_pg(const Plan *p, Buf *o) { probes(p, o, PG); }
void emit_sql_probes_sqlite(const Plan *p, Buf *o) { probes(p, o, LITE); }
