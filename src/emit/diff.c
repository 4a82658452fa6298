/* plinth diff: the PlanDiff (plan/diff.c) for people, as JSON, and the
 * migration as SQL. The migration's statements are written with sql.c's
 * pieces, so a column added here reads as schema.sql declares it. */
#include <math.h>
#include <string.h>

#include "../plan/diff.h"
#include "../util/esc.h"
#include "emit.h"

/* ---- the migration ---- */

typedef struct Mig Mig;

/* What PostgreSQL and SQLite write differently: a few words as data, and
 * each group of steps one dialect takes its own way as one printer. */
typedef struct {
  const char *deleted_at_type; /* the soft-delete column's type */
  const char *drop_table_end;  /* PostgreSQL also drops the keys that point at the table */
  bool partitions;             /* PostgreSQL partitions by month; SQLite keeps one table */
  void (*add_column)(const Mig *, const MigStep *);
  void (*keys)(const Mig *, const MigStep *);    /* foreign keys, checks, uniques, their names */
  void (*column)(const Mig *, const MigStep *);  /* NOT NULL, defaults, types */
  void (*notes)(const Mig *, const MigStep *);   /* column comments, partitioning */
  void (*index)(const Mig *, const MigStep *);
  void (*outbox)(const Mig *, const MigStep *);  /* the outbox's channel check */
} Dialect;

struct Mig {
  const PlanDiff *d;
  const Plan *o, *n;
  bool pg;
  const Dialect *dl;
  Buf *out;
};

static void id(Buf *o, Str s) { sql_ident(o, s); }

static const Entity *nent(const Mig *m, const MigStep *s) { return &m->n->model->entities[s->ent]; }
static const ApiEntity *nae(const Mig *m, const MigStep *s) { return &m->n->api.ents[s->ent]; }
static const Field *nfield(const Mig *m, const MigStep *s) { return &nent(m, s)->fields[s->field]; }
static Str ncol(const Mig *m, const MigStep *s) { return nae(m, s)->cols[s->field]; }
static Str otable(const Mig *m, const MigStep *s) { return m->o->api.ents[s->old_ent].table; }

/* ALTER TABLE "t" (the table's name in NEW: renames run first). */
static void alter(Buf *o, Str table) {
  buf_puts(o, "ALTER TABLE ");
  id(o, table);
  buf_putc(o, ' ');
}

/* ALTER TABLE "t" ALTER COLUMN "c" */
static void alter_column(Buf *o, Str table, Str col) {
  alter(o, table);
  buf_puts(o, "ALTER COLUMN ");
  id(o, col);
}

/* RENAME COLUMN "a" TO "b"; (what: COLUMN or CONSTRAINT) */
static void rename_to(Buf *o, const char *what, Str from, Str to) {
  buf_printf(o, "RENAME %s ", what);
  id(o, from);
  buf_puts(o, " TO ");
  id(o, to);
  buf_puts(o, ";\n");
}

static void drop_table(Buf *o, Str table, const char *end) {
  buf_puts(o, "DROP TABLE ");
  id(o, table);
  buf_puts(o, end);
}

static void drop_index(Buf *o, Str name) {
  buf_puts(o, "DROP INDEX IF EXISTS ");
  id(o, name);
  buf_puts(o, ";\n");
}

static void drop_column(Buf *o, Str table, Str col) {
  alter(o, table);
  buf_puts(o, "DROP COLUMN ");
  id(o, col);
  buf_puts(o, ";\n");
}

/* The UPDATE a column made NOT NULL needs first, as a comment. */
static void backfill_note(Buf *o, Str table, Str col) {
  buf_puts(o, "-- Backfill first: existing rows need a value, as in\n-- UPDATE ");
  id(o, table);
  buf_puts(o, " SET ");
  id(o, col);
  buf_puts(o, " = ... WHERE ");
  id(o, col);
  buf_puts(o, " IS NULL;\n");
}

static void constraint(const Mig *m, const MigStep *s, const char *suffix, Buf *o) {
  Arena scratch = arena_make((ptrdiff_t)1 << 16);
  Str t = nae(m, s)->table, c = s->field >= 0 ? ncol(m, s) : (Str){0};
  id(o, plan_pg_constraint_name(&scratch, t, c, suffix));
  arena_free(&scratch);
}

static void column_def(const Mig *m, const MigStep *s, Buf *o, bool not_null) {
  const Field *f = nfield(m, s);
  id(o, ncol(m, s));
  buf_putc(o, ' ');
  sql_col_type(o, m->n, f, m->pg);
  if (not_null)
    buf_puts(o, " NOT NULL");
  sql_col_default(o, f, m->pg);
}

/* A step SQLite's ALTER TABLE cannot take: said, with the way round it. */
static void lite_cannot(const Mig *m, const MigStep *s, const char *what) {
  buf_printf(m->out, "-- SQLite's ALTER TABLE cannot %s (%.*s.%.*s): rebuild the table (create it anew, copy the\n"
                     "-- rows, drop the old one, rename; https://sqlite.org/lang_altertable.html#otheralter).\n",
             what, STRF(nae(m, s)->table), STRF(s->field >= 0 ? ncol(m, s) : S("*")));
}

/* An extra column (plan/diff.h's EXTRA_*): added nullable unless it has a
 * default, then backfilled and constrained where it is required. */
static void add_extra(const Mig *m, const MigStep *s) {
  Buf *o = m->out;
  const Entity *e = nent(m, s);
  int code = s->index;
  bool required = code <= EXTRA_UP_SHA256 ? !e->fields[s->field].optional : code == EXTRA_CURRENCY;
  bool has_default = code == EXTRA_UP_STATUS || code == EXTRA_CURRENCY;
  alter(o, nae(m, s)->table);
  buf_puts(o, "ADD COLUMN ");
  sql_extra_column(o, m->n, e, code, s->field, m->pg, required && has_default);
  buf_puts(o, ";\n");
  if (required && !has_default) {
    if (!m->pg) {
      buf_printf(m->out, "-- SQLite's ALTER TABLE cannot add a NOT NULL column without a default (%.*s.%.*s): rebuild the\n"
                         "-- table (create it anew, copy the rows, drop the old one, rename).\n",
                 STRF(nae(m, s)->table), STRF(s->to));
      return;
    }
    backfill_note(o, nae(m, s)->table, s->to);
    alter_column(o, nae(m, s)->table, s->to);
    buf_puts(o, " SET NOT NULL;\n");
  }
}

/* The table a step on an OLD table works on: NEW's name where the table
 * continues (the renames ran first). */
static Str table_now(const Mig *m, const MigStep *s) {
  return s->ent >= 0 ? nae(m, s)->table : otable(m, s);
}

static void drop_triggers(const Mig *m, const MigStep *s) {
  Buf *o = m->out;
  if (m->pg) {
    buf_puts(o, "DROP TRIGGER IF EXISTS ");
    id(o, s->to);
    buf_puts(o, " ON ");
    id(o, s->from);
    buf_puts(o, ";\nDROP FUNCTION IF EXISTS ");
    id(o, s->to);
    buf_puts(o, "();\n");
    return;
  }
  static const char *const guard[] = {"", "_start"}, *const sum[] = {"_insert", "_delete", "_update"};
  const char *const *suf = s->index ? sum : guard;
  for (int i = 0; i < (s->index ? 3 : 2); i++) {
    Buf nm = {0};
    buf_printf(&nm, "%.*s%s", STRF(s->to), suf[i]);
    buf_puts(o, "DROP TRIGGER IF EXISTS ");
    id(o, buf_view(&nm));
    buf_puts(o, ";\n");
    buf_free(&nm);
  }
}

static void create_triggers(const Mig *m, const MigStep *s) {
  const Field *f = nfield(m, s);
  if (s->index)
    sql_keep_sum(m->out, m->n, nent(m, s), f, m->pg);
  else
    sql_guard(m->out, m->n, nent(m, s), f, m->pg);
  if (s->index) {
    buf_puts(m->out, "-- Backfill the sum for existing rows: UPDATE ");
    id(m->out, nae(m, s)->table);
    buf_puts(m->out, " SET ");
    id(m->out, ncol(m, s));
    buf_puts(m->out, " = (the sum over its rows).\n");
  }
}

/* -- PostgreSQL's own steps -- */

static void pg_add_column(const Mig *m, const MigStep *s) {
  const Field *f = nfield(m, s);
  alter(m->out, nae(m, s)->table);
  buf_puts(m->out, "ADD COLUMN ");
  column_def(m, s, m->out, !f->optional && f->def.kind != LIT_NONE);
  buf_puts(m->out, ";\n");
}

/* A key or check on a table with rows is added NOT VALID, then validated,
 * so the scan does not block writes; on a new table at once. */
static void validate_later(const Mig *m, const MigStep *s, const char *suffix) {
  Buf *o = m->out;
  bool fresh = s->old_ent < 0;
  buf_puts(o, fresh ? ";\n" : " NOT VALID;\n");
  if (!fresh) {
    alter(o, nae(m, s)->table);
    buf_puts(o, "VALIDATE CONSTRAINT ");
    constraint(m, s, suffix, o);
    buf_puts(o, ";\n");
  }
}

static void pg_keys(const Mig *m, const MigStep *s) {
  Buf *o = m->out;
  if (s->kind == MIG_RENAME_CONSTRAINT && str_eq(s->from, s->to))
    return;
  alter(o, nae(m, s)->table);
  switch (s->kind) {
  case MIG_RENAME_CONSTRAINT:
    rename_to(o, "CONSTRAINT", s->from, s->to);
    break;
  case MIG_DROP_FK: case MIG_DROP_CHECK: case MIG_DROP_UNIQUE:
    buf_puts(o, "DROP CONSTRAINT ");
    constraint(m, s, s->kind == MIG_DROP_FK ? "fkey" : s->kind == MIG_DROP_CHECK ? "check" : "key", o);
    buf_puts(o, ";\n");
    break;
  case MIG_ADD_CHECK:
    buf_puts(o, "ADD");
    sql_col_check(o, m->n, nfield(m, s), ncol(m, s), true);
    validate_later(m, s, "check");
    break;
  case MIG_ADD_UNIQUE:
    buf_puts(o, "ADD UNIQUE (");
    id(o, ncol(m, s));
    buf_puts(o, ");\n");
    break;
  default: /* MIG_ADD_FK */
    buf_puts(o, "ADD FOREIGN KEY (");
    id(o, ncol(m, s));
    buf_puts(o, ") ");
    sql_references(o, m->n, nent(m, s), nfield(m, s));
    validate_later(m, s, "fkey");
    break;
  }
}

static void pg_column(const Mig *m, const MigStep *s) {
  Buf *o = m->out;
  Str table = nae(m, s)->table, col = ncol(m, s);
  switch (s->kind) {
  case MIG_ALTER_TYPE: case MIG_NARROW_TYPE:
    alter_column(o, table, col);
    buf_puts(o, " TYPE ");
    sql_col_type(o, m->n, nfield(m, s), true);
    buf_puts(o, " USING ");
    id(o, col);
    buf_puts(o, "::");
    sql_col_type(o, m->n, nfield(m, s), true);
    buf_puts(o, ";\n");
    break;
  case MIG_SET_DEFAULT:
    alter_column(o, table, col);
    buf_puts(o, " SET");
    sql_col_default(o, nfield(m, s), true);
    buf_puts(o, ";\n");
    break;
  default: /* MIG_DROP_NOT_NULL, MIG_DROP_DEFAULT, MIG_SET_NOT_NULL */
    if (s->backfill)
      backfill_note(o, table, col);
    alter_column(o, table, col);
    buf_puts(o, s->kind == MIG_DROP_NOT_NULL ? " DROP NOT NULL;\n" : s->kind == MIG_DROP_DEFAULT ? " DROP DEFAULT;\n"
                                                                                                 : " SET NOT NULL;\n");
    break;
  }
}

static void pg_notes(const Mig *m, const MigStep *s) {
  Buf *o = m->out;
  if (s->kind == MIG_PARTITIONING) {
    buf_printf(o, "-- %.*s: the plan %s partitions this table by month. PostgreSQL cannot change that in\n"
                  "-- place: create the table as schema.sql declares it, copy the rows, swap the names.\n",
               STRF(nae(m, s)->table), nae(m, s)->partitioned ? "now" : "no longer");
  } else if (nfield(m, s)->tags & (TAG_PII | TAG_PHI | TAG_PCI | TAG_SECRET)) {
    sql_comment(o, m->n, nent(m, s), s->field);
  } else {
    buf_puts(o, "COMMENT ON COLUMN ");
    id(o, nae(m, s)->table);
    buf_putc(o, '.');
    id(o, ncol(m, s));
    buf_puts(o, " IS NULL;\n");
  }
}

static void pg_index(const Mig *m, const MigStep *s) {
  Buf *o = m->out;
  switch (s->kind) {
  case MIG_DROP_INDEX:
    /* nor drops one of a partitioned table concurrently */
    buf_puts(o, m->o->api.ents[s->old_ent].partitioned ? "DROP INDEX IF EXISTS " : "DROP INDEX CONCURRENTLY IF EXISTS ");
    id(o, s->from);
    buf_puts(o, ";\n");
    break;
  case MIG_RENAME_INDEX:
    buf_puts(o, "ALTER INDEX ");
    id(o, s->from);
    buf_puts(o, " RENAME TO ");
    id(o, s->to);
    buf_puts(o, ";\n");
    break;
  default: /* MIG_CREATE_INDEX */
    /* PostgreSQL builds an index on a partitioned table only without CONCURRENTLY. */
    sql_index(o, m->n, nent(m, s), s->index, !nae(m, s)->partitioned);
    break;
  }
}

static void pg_outbox(const Mig *m, const MigStep *s) {
  (void)s;
  Buf *o = m->out;
  Arena scratch = arena_make((ptrdiff_t)1 << 12);
  alter(o, m->n->api.outbox_table);
  buf_puts(o, "DROP CONSTRAINT ");
  id(o, plan_pg_constraint_name(&scratch, m->o->api.outbox_table, S("channel"), "check"));
  arena_free(&scratch);
  buf_puts(o, ";\n");
  alter(o, m->n->api.outbox_table);
  buf_puts(o, "ADD ");
  sql_channel_check(o, m->n);
  buf_puts(o, ";\n");
}

/* -- SQLite's own steps -- */

/* SQLite's ADD COLUMN: NOT NULL needs a default, a REFERENCES column a
 * NULL default, UNIQUE an index. */
static void lite_add_column(const Mig *m, const MigStep *s) {
  Buf *o = m->out;
  const Field *f = nfield(m, s);
  bool fk = f->rel == REL_MANY_TO_ONE && f->ref;
  alter(o, nae(m, s)->table);
  buf_puts(o, "ADD COLUMN ");
  column_def(m, s, o, !f->optional && f->def.kind != LIT_NONE && !fk);
  sql_col_check(o, m->n, f, ncol(m, s), false);
  if (fk) {
    buf_putc(o, ' ');
    sql_references(o, m->n, nent(m, s), f);
  }
  buf_puts(o, ";\n");
  if (!f->optional && (f->def.kind == LIT_NONE || fk))
    lite_cannot(m, s, "add a NOT NULL column without a default");
  if (f->unique && !f->array) {
    buf_puts(o, "CREATE UNIQUE INDEX ");
    Buf name = {0};
    buf_printf(&name, "%.*s_%.*s_key", STRF(nae(m, s)->table), STRF(ncol(m, s)));
    id(o, buf_view(&name));
    buf_free(&name);
    buf_puts(o, " ON ");
    id(o, nae(m, s)->table);
    buf_puts(o, " (");
    id(o, ncol(m, s));
    buf_puts(o, "); -- SQLite cannot add a UNIQUE column: a unique index does the same\n");
  }
}

/* SQLite names no constraints: a key or check comes with its column or
 * table, and changing one on a table that stays needs a rebuild. */
static void lite_keys(const Mig *m, const MigStep *s) {
  switch (s->kind) {
  case MIG_DROP_FK: case MIG_ADD_FK:
    if (s->old_ent >= 0 && !(s->kind == MIG_ADD_FK && s->old_field < 0))
      lite_cannot(m, s, "change a foreign key");
    break;
  case MIG_DROP_CHECK: case MIG_ADD_CHECK:
    if (s->old_field >= 0 && s->kind == MIG_ADD_CHECK)
      lite_cannot(m, s, "change a CHECK constraint");
    break;
  case MIG_DROP_UNIQUE:
    lite_cannot(m, s, "drop a UNIQUE constraint");
    break;
  case MIG_ADD_UNIQUE:
    if (s->old_field >= 0)
      lite_cannot(m, s, "add a UNIQUE constraint");
    break;
  default: /* MIG_RENAME_CONSTRAINT */
    break;
  }
}

static void lite_column(const Mig *m, const MigStep *s) {
  switch (s->kind) {
  case MIG_DROP_NOT_NULL: case MIG_SET_NOT_NULL:
    lite_cannot(m, s, s->kind == MIG_SET_NOT_NULL ? "make a column NOT NULL" : "drop NOT NULL");
    break;
  case MIG_DROP_DEFAULT: case MIG_SET_DEFAULT:
    lite_cannot(m, s, "change a default");
    break;
  default: /* MIG_ALTER_TYPE, MIG_NARROW_TYPE */
    lite_cannot(m, s, "change a column's type");
    break;
  }
}

/* SQLite keeps no comments and has no partitions. */
static void lite_notes(const Mig *m, const MigStep *s) {
  (void)m;
  (void)s;
}

/* A full-text index is an FTS5 table with triggers; the rest are plain. */
static void lite_index(const Mig *m, const MigStep *s) {
  Buf *o = m->out;
  if (s->kind == MIG_DROP_INDEX) {
    const ApiEntity *oa = &m->o->api.ents[s->old_ent];
    if (s->index > oa->nidx) {
      buf_puts(o, "DROP TABLE IF EXISTS ");
      id(o, oa->fts_table);
      buf_puts(o, ";\n");
      static const char *const tg[] = {"ai", "ad", "au"};
      for (int t = 0; t < 3; t++)
        buf_printf(o, "DROP TRIGGER IF EXISTS \"%.*s_%s\";\n", STRF(oa->fts_table), tg[t]);
      return;
    }
    drop_index(o, s->from);
    return;
  }
  if (s->index > nae(m, s)->nidx) {
    buf_puts(o, "-- Full-text search changed: build the FTS5 table and its triggers as schema.sqlite.sql does.\n");
    return;
  }
  if (s->kind == MIG_RENAME_INDEX)
    drop_index(o, s->from);
  sql_index(o, m->n, nent(m, s), s->index, false);
}

static void lite_outbox(const Mig *m, const MigStep *s) {
  (void)s;
  buf_printf(m->out, "-- SQLite's ALTER TABLE cannot change a CHECK constraint (%.*s.channel): rebuild the table.\n",
             STRF(m->n->api.outbox_table));
}

/* One step of the migration, in either dialect. */
static void step(const Mig *m, const MigStep *s) {
  Buf *o = m->out;
  const Dialect *dl = m->dl;
  switch (s->kind) {
  case MIG_RENAME_TABLE:
    /* a month-partitioned table's default partition is PostgreSQL's alone */
    if (!dl->partitions && s->old_ent >= 0 && str_eq(s->from, m->o->api.ents[s->old_ent].part_default))
      break;
    alter(o, s->from);
    buf_puts(o, "RENAME TO ");
    id(o, s->to);
    buf_puts(o, ";\n");
    break;
  case MIG_RENAME_COLUMN:
    alter(o, nae(m, s)->table);
    rename_to(o, "COLUMN", s->from, s->to);
    break;
  case MIG_CREATE_TABLE:
    sql_create_table(o, m->n, nent(m, s), m->pg);
    break;
  case MIG_ADD_COLUMN:
    dl->add_column(m, s);
    break;
  case MIG_ADD_DELETED_AT:
    alter(o, nae(m, s)->table);
    buf_printf(o, "ADD COLUMN \"deleted_at\" %s;\n", dl->deleted_at_type);
    break;
  case MIG_CREATE_AUDIT:
    sql_audit(o, m->n, m->pg);
    break;
  case MIG_RENAME_CONSTRAINT: case MIG_DROP_FK: case MIG_DROP_CHECK: case MIG_DROP_UNIQUE:
  case MIG_ADD_CHECK: case MIG_ADD_UNIQUE: case MIG_ADD_FK:
    dl->keys(m, s);
    break;
  case MIG_DROP_NOT_NULL: case MIG_DROP_DEFAULT: case MIG_SET_NOT_NULL: case MIG_SET_DEFAULT:
  case MIG_ALTER_TYPE: case MIG_NARROW_TYPE:
    dl->column(m, s);
    break;
  case MIG_COMMENT: case MIG_PARTITIONING:
    dl->notes(m, s);
    break;
  case MIG_DROP_INDEX: case MIG_RENAME_INDEX: case MIG_CREATE_INDEX:
    dl->index(m, s);
    break;
  case MIG_DROP_COLUMN:
    drop_column(o, nae(m, s)->table, m->o->api.ents[s->old_ent].cols[s->old_field]);
    break;
  case MIG_DROP_DELETED_AT:
    drop_column(o, nae(m, s)->table, S("deleted_at"));
    break;
  case MIG_DROP_EXTRA:
    drop_column(o, table_now(m, s), s->to);
    break;
  case MIG_DROP_AUDIT:
    drop_table(o, m->o->api.audit_table, ";\n");
    break;
  case MIG_DROP_TABLE:
    drop_table(o, otable(m, s), dl->drop_table_end);
    break;
  case MIG_DROP_INTEGRATION:
    drop_table(o, s->from, ";\n");
    break;
  case MIG_DROP_TRIGGERS:
    drop_triggers(m, s);
    break;
  case MIG_CREATE_TRIGGERS:
    create_triggers(m, s);
    break;
  case MIG_ADD_EXTRA:
    add_extra(m, s);
    break;
  case MIG_CREATE_INTEGRATION:
    sql_integration_table(o, m->n, s->index ? 2 : 1, m->pg);
    break;
  case MIG_OUTBOX_CHANNELS:
    dl->outbox(m, s);
    break;
  }
}

/* Prefixes every line written since `from` with "-- ". */
static void comment_out(Buf *o, ptrdiff_t from) {
  Buf t = {0};
  buf_put(&t, o->p + from, o->n - from);
  o->n = from;
  ptrdiff_t i = 0;
  while (i < t.n) {
    const char *nl = memchr(t.p + i, '\n', (size_t)(t.n - i));
    ptrdiff_t end = nl ? nl - t.p + 1 : t.n;
    buf_puts(o, "-- ");
    buf_put(o, t.p + i, end - i);
    i = end;
  }
  buf_free(&t);
}

static bool in_phase(MigKind k, int phase) {
  switch (phase) {
  case 0: return k <= MIG_CREATE_TRIGGERS;
  case 1: return k >= MIG_DROP_INDEX && k <= MIG_PARTITIONING;
  default: return k >= MIG_NARROW_TYPE;
  }
}

void emit_migration(const PlanDiff *d, bool pg, bool allow_destructive, Buf *out) {
  if (!d->nsteps)
    return;
  static const Dialect postgres = {"timestamptz", " CASCADE;\n", true, pg_add_column, pg_keys, pg_column,
                                   pg_notes, pg_index, pg_outbox};
  static const Dialect sqlite = {"TEXT", ";\n", false, lite_add_column, lite_keys, lite_column,
                                 lite_notes, lite_index, lite_outbox};
  Mig m = {d, d->before, d->after, pg, pg ? &postgres : &sqlite, out};
  buf_printf(out, "-- Migration for %s from ", pg ? "PostgreSQL 15" : "SQLite 3");
  esc_comment(out, d->before->model->project.name);
  buf_puts(out, " (");
  esc_comment(out, str_c(d->before->model->file->name));
  buf_puts(out, ") to ");
  esc_comment(out, d->after->model->project.name);
  buf_puts(out, " (");
  esc_comment(out, str_c(d->after->model->file->name));
  buf_puts(out, "), written by plinth diff.\n");
  buf_puts(out, pg ? "-- Expand, then constrain (new checks and keys NOT VALID, then validated), then\n"
                     "-- indexes, then contract: the steps that lose data come last.\n"
                   : "-- Expand, then indexes, then contract: the steps that lose data come last. What\n"
                     "-- SQLite's ALTER TABLE cannot do is said where it would go.\n");
  if (!pg)
    buf_puts(out, "PRAGMA foreign_keys = OFF;\n");
  for (int phase = 0; phase < 3; phase++) {
    int n = 0;
    for (int i = 0; i < d->nsteps; i++)
      n += in_phase(d->steps[i].kind, phase);
    if (!n)
      continue;
    ptrdiff_t from = out->n;
    bool cut = phase == 2 && !allow_destructive;
    if (phase == 0)
      buf_puts(out, "\nBEGIN;\n");
    else if (phase == 1)
      buf_puts(out, pg ? "\n-- Indexes, outside a transaction: CONCURRENTLY does not block writes.\n"
                       : "\n-- Indexes.\n");
    else {
      buf_puts(out, "\n");
      if (cut)
        buf_printf(out, "-- WARNING: %d step%s below lose%s data and %s commented out. Back up, check that\n"
                        "-- nothing reads %s any more, then run %s (plinth diff --allow-destructive writes %s).\n",
                   d->ndestructive, d->ndestructive == 1 ? "" : "s", d->ndestructive == 1 ? "s" : "",
                   d->ndestructive == 1 ? "is" : "are", d->ndestructive == 1 ? "it" : "them",
                   d->ndestructive == 1 ? "it" : "them", d->ndestructive == 1 ? "it" : "them");
      from = out->n;
      buf_puts(out, "BEGIN;\n");
    }
    for (int i = 0; i < d->nsteps; i++)
      if (in_phase(d->steps[i].kind, phase))
        step(&m, &d->steps[i]);
    if (phase != 1)
      buf_puts(out, "COMMIT;\n");
    if (cut)
      comment_out(out, from);
  }
  if (!pg)
    buf_puts(out, "PRAGMA foreign_keys = ON;\n");
}

/* ---- for people ---- */

static void usd(Buf *o, double v) {
  char b[32];
  buf_puts(o, fmt_usd(b, v));
}

static void figure(Buf *o, double v, Str unit) {
  char b[32];
  if (str_eqc(unit, "B") || str_eqc(unit, "B/month"))
    buf_printf(o, "%s%s", fmt_bytes(b, v), unit.n > 1 ? "/month" : "");
  else if (str_eqc(unit, "USD/month"))
    buf_printf(o, "%s/month", fmt_usd(b, v));
  else {
    fmt_num(b, v);
    buf_printf(o, "%s%s%.*s", b, unit.n ? " " : "", STRF(unit));
  }
}

static void sec_decisions(const PlanDiff *d, Buf *o) {
  if (!d->ndecisions)
    return;
  buf_puts(o, "## Decisions\n\n");
  for (int i = 0; i < d->ndecisions; i++) {
    const DiffDecision *x = &d->decisions[i];
    buf_printf(o, "- %.*s: ", STRF(x->slot));
    if (!str_eq(x->before, x->after))
      buf_printf(o, "%.*s -> %.*s", STRF(x->before.n ? x->before_name : S("(none)")),
                 STRF(x->after.n ? x->after_name : S("(none)")));
    else
      buf_printf(o, "%.*s, resized", STRF(x->after_name));
    if ((x->before_sizing.n || x->after_sizing.n) && !str_eq(x->before_sizing, x->after_sizing))
      buf_printf(o, " (topology: %.*s -> %.*s)", STRF(x->before_sizing.n ? x->before_sizing : S("none")),
                 STRF(x->after_sizing.n ? x->after_sizing : S("none")));
    if (x->why.n)
      buf_printf(o, "\n  why: %.*s", STRF(x->why));
    buf_putc(o, '\n');
  }
  buf_putc(o, '\n');
}

static void sec_cost(const PlanDiff *d, Buf *o) {
  if (!d->ncosts && !d->nfigures && fabs(d->cost_before - d->cost_after) < 0.005)
    return;
  buf_puts(o, "## Cost and capacity\n\n");
  buf_puts(o, "- total: ");
  usd(o, d->cost_before);
  buf_puts(o, " -> ");
  usd(o, d->cost_after);
  buf_puts(o, " a month\n");
  for (int i = 0; i < d->ncosts; i++) {
    const DiffCost *x = &d->costs[i];
    buf_printf(o, "- %.*s (%.*s -> %.*s): ", STRF(x->slot), STRF(x->before_tech.n ? x->before_tech : S("none")),
               STRF(x->after_tech.n ? x->after_tech : S("none")));
    usd(o, x->before);
    buf_puts(o, " -> ");
    usd(o, x->after);
    buf_putc(o, '\n');
  }
  for (int i = 0; i < d->nfigures; i++) {
    const DiffFigure *x = &d->figures[i];
    buf_printf(o, "- %.*s: ", STRF(x->label));
    figure(o, x->before, x->unit);
    buf_puts(o, " -> ");
    figure(o, x->after, x->unit);
    buf_putc(o, '\n');
  }
  buf_putc(o, '\n');
}

static void sec_api(const PlanDiff *d, Buf *o) {
  if (!d->napi)
    return;
  buf_printf(o, "## API: %d breaking, %d not\n\n", d->nbreaking, d->napi - d->nbreaking);
  for (int i = 0; i < d->napi; i++) {
    const DiffApi *x = &d->api[i];
    buf_printf(o, "- %s ", x->breaking ? "breaking:" : "non-breaking:");
    if (x->endpoint.n)
      buf_printf(o, "%.*s (%.*s)", STRF(x->endpoint), STRF(x->op));
    else
      buf_puts(o, "the API");
    if (x->field.n)
      buf_printf(o, " %.*s", STRF(x->field));
    buf_printf(o, ": %.*s\n", STRF(x->change));
  }
  buf_putc(o, '\n');
}

static void sec_roadmap(const PlanDiff *d, Buf *o) {
  if (!d->ntasks && fabs(d->days_before - d->days_after) < 0.05)
    return;
  buf_puts(o, "## Roadmap\n\n");
  buf_printf(o, "- duration: %.1f -> %.1f working days\n", d->days_before, d->days_after);
  static const char *const what[] = {"added", "removed", "re-estimated"};
  for (int i = 0; i < d->ntasks; i++) {
    const DiffTask *t = &d->tasks[i];
    buf_printf(o, "- %s: %.*s (%.*s)", what[t->change], STRF(t->name), STRF(t->id));
    if (t->change == TASK_REESTIMATED)
      buf_printf(o, ": %.1f -> %.1f days", t->before, t->after);
    else
      buf_printf(o, ": %.1f days", t->change == TASK_ADDED ? t->after : t->before);
    buf_putc(o, '\n');
  }
  buf_putc(o, '\n');
}

void emit_diff_text(const PlanDiff *d, const char *only, bool pg, bool allow_destructive, Buf *out) {
  bool all = !only;
  if (only && !strcmp(only, "migration")) {
    emit_migration(d, pg, allow_destructive, out);
    return;
  }
  if (all && plan_diff_empty(d))
    return;
  if (all)
    buf_printf(out, "# Changes from %s to %s\n\n", d->before->model->file->name, d->after->model->file->name);
  if (all || !strcmp(only, "decisions"))
    sec_decisions(d, out);
  if (all || !strcmp(only, "cost"))
    sec_cost(d, out);
  if (all || !strcmp(only, "api"))
    sec_api(d, out);
  if (all && d->nsteps) {
    buf_printf(out, "## Migration (%s)\n\n```sql\n", pg ? "PostgreSQL" : "SQLite");
    emit_migration(d, pg, allow_destructive, out);
    buf_puts(out, "```\n\n");
  }
  if (all || !strcmp(only, "roadmap"))
    sec_roadmap(d, out);
  for (int i = 0; all && i < d->nnotes; i++)
    buf_printf(out, "note: %.*s\n", STRF(d->notes[i]));
  if (out->n > 1 && out->p[out->n - 1] == '\n' && out->p[out->n - 2] == '\n')
    out->n--;
}

/* ---- JSON ---- */

static void opt_str(Json *j, Str s) {
  if (s.n)
    json_str(j, s);
  else
    json_null(j);
}

static void decisions_json(Json *j, const PlanDiff *d) {
  json_key(j, "decisions");
  json_arr(j);
  for (int i = 0; i < d->ndecisions; i++) {
    const DiffDecision *x = &d->decisions[i];
    json_obj(j);
    json_key(j, "slot");
    json_str(j, x->slot);
    json_key(j, "before");
    opt_str(j, x->before);
    json_key(j, "after");
    opt_str(j, x->after);
    json_key(j, "why");
    json_str(j, x->why);
    json_key(j, "topology");
    json_obj(j);
    json_key(j, "before");
    opt_str(j, x->before_sizing);
    json_key(j, "after");
    opt_str(j, x->after_sizing);
    json_key(j, "instances_before");
    json_num(j, x->before_instances);
    json_key(j, "instances_after");
    json_num(j, x->after_instances);
    json_end_obj(j);
    json_end_obj(j);
  }
  json_end_arr(j);
}

/* Money in cents, days in tenths: the figures people compare. */
static double cents(double v) { return round(v * 100) / 100; }
static double tenths(double v) { return round(v * 10) / 10; }

static void cost_json(Json *j, const PlanDiff *d) {
  json_key(j, "cost");
  json_obj(j);
  json_key(j, "before");
  json_num(j, cents(d->cost_before));
  json_key(j, "after");
  json_num(j, cents(d->cost_after));
  json_key(j, "lines");
  json_arr(j);
  for (int i = 0; i < d->ncosts; i++) {
    const DiffCost *x = &d->costs[i];
    json_obj(j);
    json_key(j, "slot");
    json_str(j, x->slot);
    json_key(j, "tech_before");
    opt_str(j, x->before_tech);
    json_key(j, "tech_after");
    opt_str(j, x->after_tech);
    json_key(j, "before");
    json_num(j, cents(x->before));
    json_key(j, "after");
    json_num(j, cents(x->after));
    json_end_obj(j);
  }
  json_end_arr(j);
  json_key(j, "figures");
  json_arr(j);
  for (int i = 0; i < d->nfigures; i++) {
    const DiffFigure *x = &d->figures[i];
    json_obj(j);
    json_key(j, "key");
    json_str(j, x->key);
    json_key(j, "label");
    json_str(j, x->label);
    json_key(j, "unit");
    json_str(j, x->unit);
    json_key(j, "before");
    json_num(j, x->before);
    json_key(j, "after");
    json_num(j, x->after);
    json_end_obj(j);
  }
  json_end_arr(j);
  json_end_obj(j);
}

static void api_json(Json *j, const PlanDiff *d) {
  json_key(j, "api");
  json_obj(j);
  for (int pass = 0; pass < 2; pass++) {
    json_key(j, pass ? "non_breaking" : "breaking");
    json_arr(j);
    for (int i = 0; i < d->napi; i++) {
      const DiffApi *x = &d->api[i];
      if (x->breaking != (pass == 0))
        continue;
      json_obj(j);
      json_key(j, "operation");
      opt_str(j, x->op);
      json_key(j, "endpoint");
      opt_str(j, x->endpoint);
      json_key(j, "field");
      opt_str(j, x->field);
      json_key(j, "change");
      json_str(j, x->change);
      json_end_obj(j);
    }
    json_end_arr(j);
  }
  json_end_obj(j);
}

static void migration_json(Json *j, const PlanDiff *d, bool pg, bool allow_destructive) {
  Buf sql = {0};
  emit_migration(d, pg, allow_destructive, &sql);
  json_key(j, "migration");
  json_str(j, buf_view(&sql));
  json_key(j, "destructive_steps");
  json_num(j, d->ndestructive);
  buf_free(&sql);
}

static void roadmap_json(Json *j, const PlanDiff *d) {
  json_key(j, "roadmap");
  json_obj(j);
  json_key(j, "days_before");
  json_num(j, tenths(d->days_before));
  json_key(j, "days_after");
  json_num(j, tenths(d->days_after));
  static const char *const keys[] = {"added", "removed", "reestimated"};
  for (int c = 0; c < 3; c++) {
    json_key(j, keys[c]);
    json_arr(j);
    for (int i = 0; i < d->ntasks; i++) {
      const DiffTask *t = &d->tasks[i];
      if ((int)t->change != c)
        continue;
      json_obj(j);
      json_key(j, "id");
      json_str(j, t->id);
      json_key(j, "name");
      json_str(j, t->name);
      json_key(j, "days_before");
      json_num(j, tenths(t->before));
      json_key(j, "days_after");
      json_num(j, tenths(t->after));
      json_end_obj(j);
    }
    json_end_arr(j);
  }
  json_end_obj(j);
}

void emit_diff_json(const PlanDiff *d, const char *only, bool pg, bool allow_destructive, Buf *out) {
  Json j = {.out = out, .schema = PLINTH_SCHEMA_BASE "diff.schema.json"};
  json_obj(&j);
  json_key(&j, "plinth_diff");
  json_num(&j, 1);
  json_key(&j, "before");
  json_cstr(&j, d->before->model->file->name);
  json_key(&j, "after");
  json_cstr(&j, d->after->model->file->name);
  json_key(&j, "differ");
  json_bool(&j, !plan_diff_empty(d));
  if (!only || !strcmp(only, "decisions"))
    decisions_json(&j, d);
  if (!only || !strcmp(only, "cost"))
    cost_json(&j, d);
  if (!only || !strcmp(only, "api"))
    api_json(&j, d);
  if (!only || !strcmp(only, "migration"))
    migration_json(&j, d, pg, allow_destructive);
  if (!only || !strcmp(only, "roadmap"))
    roadmap_json(&j, d);
  json_key(&j, "notes");
  json_arr(&j);
  for (int i = 0; i < d->nnotes; i++)
    json_str(&j, d->notes[i]);
  json_end_arr(&j);
  json_end_obj(&j);
  buf_putc(out, '\n');
}
