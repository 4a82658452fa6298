/* Emitters: pure functions from the model (and, from the plan stage on, the
 * plan) to text. They decide nothing; every fact they print was computed
 * upstream, so two documents cannot disagree. Output goes to a Buf owned by
 * the caller. */
#ifndef PLINTH_EMIT_H
#define PLINTH_EMIT_H

#include "../kb/kb.h"
#include "../model/model.h"
#include "../plan/plan.h"
#include "../util/json.h"
#include "../util/buf.h"

/* The resolved model as JSON (plinth model --json). */
void emit_model_json(const Model *m, Buf *out);
/* A short human summary of the model (plinth model). */
void emit_model_text(const Model *m, Buf *out);

/* `plinth kb list [SLOT]`: one line per technology, in KB order. */
void emit_kb_list(const Kb *kb, Str slot, Buf *out);
/* `plinth kb show ID`: every attribute and figure with its source. */
void emit_kb_show(const Tech *t, Buf *out);

/* `plinth estimate`: figures for people; with `explain`, every formula. */
void emit_estimate_text(const Plan *p, Buf *out, bool explain);
/* `plinth estimate --json`: load, storage, bandwidth, cost, latency, availability. */
void emit_estimate_json(const Plan *p, Buf *out);
/* The same figures as one JSON value at the writer's position. */
void json_estimate(Json *j, const Plan *p);
/* `plinth plan --format json`: style, decisions and the estimate. */
void emit_plan_json(const Plan *p, Buf *out);
/* `plinth plan --only decisions`: the decision record in Markdown. */
void emit_decisions_md(const Plan *p, Buf *out);
/* `plinth compare A B`: the decision matrix and a migration path. */
void emit_compare_md(const Plan *p, const Comparison *c, const CompareMatrix *m, bool default_workload, Buf *out);
/* `plinth explain SPEC SLOT`: one decision in full; false if no such slot. */
bool emit_explain_slot(const Plan *p, Str slot, Buf *out);

/* Contracts (one file each; see docs/contracts.md). */
void emit_openapi(const Plan *p, Buf *out);          /* openapi.yaml, OpenAPI 3.1 */
void emit_sql_pg(const Plan *p, Buf *out);           /* schema.sql, PostgreSQL 15 */
void emit_sql_sqlite(const Plan *p, Buf *out);       /* schema.sqlite.sql */
void emit_sql_events(const Plan *p, Buf *out);       /* events.sql: a separate events store that speaks SQL */
void emit_dynamodb_cfn(const Plan *p, Buf *out);     /* dynamodb.cfn.json: the key design as a CloudFormation table */
void emit_dynamodb_local(const Plan *p, Buf *out);   /* dynamodb-table.json: CreateTable input (keys.c) */
/* schema.cql exists: the database or the events store is wide-column (keys.c). */
bool emit_has_cql(const Plan *p);
void emit_cql(const Plan *p, Buf *out);             /* schema.cql: the key design's tables in CQL */
void emit_collections(const Plan *p, Buf *out);      /* collections.json: a document store's validators and indexes */
void emit_graph_cypher(const Plan *p, Buf *out);     /* schema.cypher: a graph store's labels and constraints */
void emit_sql_probes_pg(const Plan *p, Buf *out);    /* constraint probes, for the tests */
void emit_sql_probes_sqlite(const Plan *p, Buf *out);
/* measurements.md: the measurement and tag schema of a time-series store
 * that has no SQL DDL (measurements.c). */
void emit_measurements_md(const Plan *p, Buf *out);
void emit_clickhouse(const Plan *p, Buf *out);   /* clickhouse.sql: MergeTree tables (measurements.c) */
void emit_keys_md(const Plan *p, Buf *out);          /* keys.md: key design for a key-value or wide-column store */
void emit_keys_json(const Plan *p, Buf *out);        /* keys.json: the same, for machines */
void emit_types(const Plan *p, Buf *out);            /* the types in the chosen language */
void emit_types_ts(const Plan *p, Buf *out);         /* types.ts: TypeScript types and zod schemas */
void emit_types_go(const Plan *p, Buf *out);         /* types.go: Go structs with json tags */
void emit_types_py(const Plan *p, Buf *out);         /* types.py: Python dataclasses */
void emit_loadtest(const Plan *p, Buf *out);         /* loadtest.js, a k6 script */
void emit_env(const Plan *p, Buf *out);              /* .env.example */
void emit_compose(const Plan *p, Buf *out);          /* docker-compose.yml */
/* Component schemas openapi.yaml and asyncapi.yaml share (same bytes, at
 * the indent of components.schemas): the entity's row, Create and Update
 * bodies, and with `page` its Page; the webhook event. */
void openapi_entity_schemas(Buf *o, const Plan *p, const Entity *e, bool page);
void openapi_webhook_schema(Buf *o);
/* The validation and operations kit (kit.c; the plan's Kit). */
void emit_services_kit(const Plan *p, Buf *out);     /* services.yaml, every style */
void emit_asyncapi(const Plan *p, Buf *out);         /* asyncapi.yaml, AsyncAPI 3.0 */
void emit_postman(const Plan *p, Buf *out);          /* contract-tests.postman_collection.json */
void emit_validation_md(const Plan *p, Buf *out);    /* VALIDATION.md */
void emit_validate_sh(const Plan *p, Buf *out);      /* validate.sh */
void emit_cloudwatch_alarms(const Plan *p, Buf *out);   /* alerts.yaml when CloudWatch is chosen */
/* Pieces of the schemas, for the migration `plinth diff` writes (sql.c);
 * pg: PostgreSQL, else SQLite. Each is what schema.sql says for it. */
/* The column type and CHECK from the plan's field facts (p: the plan the field's model belongs to). */
void sql_col_type(Buf *o, const Plan *p, const Field *f, bool pg);
void sql_col_check(Buf *o, const Plan *p, const Field *f, Str col, bool pg);     /* " CHECK (...)" or nothing */
void sql_col_default(Buf *o, const Field *f, bool pg);            /* " DEFAULT ..." or nothing */
void sql_references(Buf *o, const Plan *p, const Entity *e, const Field *f);
void sql_create_table(Buf *o, const Plan *p, const Entity *e, bool pg);   /* with its indexes */
void sql_audit(Buf *o, const Plan *p, bool pg);                   /* the audit table, if any */
/* A column schema.sql adds beside the fields (plan/diff.h's EXTRA_* codes). */
void sql_extra_column(Buf *o, const Plan *p, const Entity *e, int code, int field, bool pg, bool not_null);
void sql_integration_table(Buf *o, const Plan *p, int which, bool pg);   /* 1 webhook events, 2 outbox */
void sql_channel_check(Buf *o, const Plan *p);                    /* the outbox's CHECK on its channel */
void sql_guard(Buf *o, const Plan *p, const Entity *e, const Field *f, bool pg);     /* a lifecycle's guard */
void sql_keep_sum(Buf *o, const Plan *p, const Entity *e, const Field *f, bool pg);  /* a derived sum's triggers */
void sql_comment(Buf *o, const Plan *p, const Entity *e, int k);  /* COMMENT ON COLUMN, if tagged */
/* Index `which`: the plain ones (0..nidx-1), on created_at (nidx), full text (nidx+1, PostgreSQL). */
void sql_index(Buf *o, const Plan *p, const Entity *e, int which, bool concurrently);
/* plinth diff (diff.c): the changes for people, or as JSON; `only` is NULL
 * or one of decisions, cost, api, migration, roadmap. The migration is in
 * PostgreSQL (pg) or SQLite, its data-losing steps commented out unless
 * allow_destructive; nothing when the schemas agree. */
struct PlanDiff;
void emit_diff_text(const struct PlanDiff *d, const char *only, bool pg, bool allow_destructive, Buf *out);
void emit_diff_json(const struct PlanDiff *d, const char *only, bool pg, bool allow_destructive, Buf *out);
void emit_migration(const struct PlanDiff *d, bool pg, bool allow_destructive, Buf *out);
/* The file name of the chosen language's types: types.ts, types.go or types.py. */
const char *emit_types_path(const Plan *p);
/* ROADMAP.md (`plinth roadmap`, `plinth plan --only roadmap`). */
void emit_roadmap_md(const Plan *p, Buf *out);
/* `plinth roadmap --json`: tasks, critical path, duration, milestones. */
void emit_roadmap_json(const Plan *p, Buf *out);
/* RISKS.md: register, top three, STRIDE per data flow, review checklist. */
void emit_risks_md(const Plan *p, Buf *out);
/* The roadmap, and the risks with STRIDE and the review, as JSON values at
 * the writer's position (plan.json carries both). */
void json_roadmap(Json *j, const Plan *p);
void json_risks(Json *j, const Plan *p);
/* Archetype components and design decisions (designs.c). */
void json_components(Json *j, const Plan *p);
void json_designs(Json *j, const Plan *p);
void md_designs(const Plan *p, Buf *o);

/* The files `plinth plan SPEC -o DIR` writes, in the order written. `only`
 * names the artifact for `plinth plan --only NAME`; `path` is relative to
 * DIR (it may name a subfolder, as adr/ does); `applies` says whether this
 * plan has the artifact at all (NULL: always); `emit` writes it. An
 * artifact whose `emit` writes several files (the ADRs) sets `emit_many`
 * instead and leaves `path` as the folder. */
typedef void EmitFile(const Plan *p, Buf *out);
typedef struct {
  char *path;            /* owned copy */
  Buf text;
  char *disk;            /* owned; set when the text was written out and
                          * freed: where EmitIO.reread finds it again */
} OutFile;
typedef struct OutFiles {
  OutFile *v;
  int n, cap;
  /* When set, outfiles_add first hands the files made so far to flush,
   * which empties the list (emit_each: a row of thousands of files is
   * written one file at a time). */
  void (*flush)(void *ctx, struct OutFiles *out);
  void *flush_ctx;
} OutFiles;
typedef void EmitMany(const Plan *p, OutFiles *out);
/* The kit's many-file artifacts (kit.c). */
void emit_runbooks(const Plan *p, OutFiles *out);    /* runbooks/ALERT.md each, DEPLOYMENT.md */
void emit_infra(const Plan *p, OutFiles *out);       /* infra/: the chosen IaC tool's files */
/* How -o's derived rows read the files the earlier rows wrote (their text
 * no longer in memory) and hand over their own text in parts. */
typedef struct {
  /* The text of a file whose `disk` is set, into `into` (reset first):
   * its bytes from `off` on, at most `max` of them (max < 0: all). */
  bool (*reread)(void *ctx, const char *disk, ptrdiff_t off, ptrdiff_t max, Buf *into);
  /* Takes what the derived file `path` has so far (`text` is then
   * emptied); NULL: the whole text stays in `text`. */
  void (*part)(void *ctx, const char *path, Buf *text);
  void *ctx;
  const char *path;      /* the file being made (set by emit_each) */
  /* The text an earlier run left at `path` (relative to the folder) into
   * `into`, when the folder's manifest records it unedited; else false.
   * NULL: no folder. A diagram laid out from the same DOT text is taken
   * from there instead of being laid out again. */
  bool (*earlier)(void *ctx, const char *path, Buf *into);
} EmitIO;
/* A document made of the others (report.html): with -o, emit_each writes
 * it last from the files the other rows wrote, instead of emitting them
 * again (the rows named in `derived`, artifacts.c). `io` may be NULL. */
typedef void EmitFrom(const Plan *p, const OutFiles *done, const EmitIO *io, Buf *out);

typedef struct {
  const char *only;
  const char *path;
  const char *summary;
  bool (*applies)(const Plan *p);
  EmitFile *emit;
  EmitMany *emit_many;
  bool contract;         /* reads the figures, choices and contract only: `--only`
                          * skips the revisit search and the documents' facts */
} Artifact;
/* A row with a NULL path is printed by --only but not written by -o (test
 * aids, the types of the languages not chosen). */

extern const Artifact emit_artifacts[];
extern const int emit_nartifacts;
const Artifact *emit_artifact(const char *only);
/* Appends a file named `path` (copied) to `out`; returns its text. */
Buf *outfiles_add(OutFiles *out, const char *path);
void outfiles_free(OutFiles *out);
/* Every file of every artifact that applies to this plan, in table order. */
void emit_all(const Plan *p, OutFiles *out);
/* The same files, handed to `each` one row at a time (`batch`) and then
 * freed, so no more than one row's files are held at once. The Markdown
 * and SVG the derived rows read are kept until the end, unless `each`
 * wrote one out and set its `disk` (freeing its text), from where
 * io->reread gives it back. The derived rows' text goes to io->part as it
 * is made, its rest to `each`. */
typedef void EmitEach(void *ctx, OutFiles *batch);
void emit_each(const Plan *p, EmitEach *each, const EmitIO *io, void *ctx);

/* The resolved model as one JSON value at the writer's position. */
void json_model(Json *j, const Model *m);

/* Decision records (adr.c): adr/NNNN-title.md for each record of the
 * plan's AdrLedger, older records whose status changed, adr/index.txt. */
void emit_adrs(const Plan *p, OutFiles *out);
/* Whether `path` (adr/FILE) is an older record emit_adrs rewrote only for
 * its status, not one of the plan's current decisions. */
bool emit_adr_rewritten(const Plan *p, const char *path);
/* The alerts in the chosen observability's form (alerts.c): the text, and
 * the file it is written to (Kit.alerts_file). */
void emit_alerts_yaml(const Plan *p, Buf *out);
void emit_alerts_file(const Plan *p, OutFiles *out);
/* Diagrams as Graphviz DOT (dot.c, diagrams.c). */
void emit_dot_architecture(const Plan *p, Buf *out);   /* the C4 container view */
void emit_dot_c4_context(const Plan *p, Buf *out);
void emit_dot_c4_component(const Plan *p, Buf *out);
void emit_dot_deployment(const Plan *p, Buf *out);
/* Plinth's own SVG layouts (diagrams.c): a sequence diagram per flow
 * (diagrams/sequence-N.svg) and the roadmap's gantt chart. */
void emit_svg_sequences(const Plan *p, OutFiles *out);
void emit_svg_sequence(const Plan *p, Arena scratch, int flow, Buf *out);
void emit_svg_gantt(const Plan *p, Buf *out);
void emit_dot_er(const Plan *p, Buf *out);
void emit_dot_paths(const Plan *p, Buf *out);
/* DOT laid out as inline SVG by libgvc (svg.c): the <svg> element only.
 * False with Graphviz's messages in err when it cannot be laid out. */
bool svg_render(Str dot, Buf *out, Buf *err);
/* The same with Graphviz's own labels and SVG writer (kept for any DOT
 * whose labels svg.c does not draw itself); for tests. */
bool svg_render_graphviz(Str dot, Buf *out, Buf *err);
/* The process lays out each diagram once and then ends (the command
 * line): svg_render keeps no copy of its layouts for later requests (the
 * server keeps the last 64). */
void svg_one_shot(void);
/* x as Graphviz 2.42 prints an SVG coordinate ("%.02f", trailing zeros of
 * the fraction trimmed, at most 49 characters), into out (50 bytes);
 * returns the length. */
int svg_number(char *out, double x);
/* The key of a layout: the SHA-256 of the DOT text and of the layout
 * engine (Graphviz's version, svg.c's revision). svg_render writes it into
 * the SVG, as a comment before </svg>. */
/* The first line of an SVG that Graphviz could not lay out. */
#define SVG_FAILED "<!-- plinth: this diagram could not be laid out -->\n"
void svg_layout_key(Str dot, char key[65]);
/* Whether `svg` was laid out under `key`. */
bool svg_laid_out_as(Str svg, const char key[65]);
/* The diagrams as SVG files (report.c). */
void emit_svg_architecture(const Plan *p, Buf *out);
void emit_svg_er(const Plan *p, Buf *out);
void emit_svg_paths(const Plan *p, Buf *out);
void emit_svg_context(const Plan *p, Buf *out);
void emit_svg_components(const Plan *p, Buf *out);
void emit_svg_deployment(const Plan *p, Buf *out);
/* The SVG file of the DOT text `dot` (an emit_dot_* text), with -o: the earlier
 * run's file (io->earlier at io->path) when it was laid out from the same
 * DOT text by the same engine, else laid out now. */
void emit_svg_reusing(Str dot, const EmitIO *io, Buf *out);
/* Every Markdown artifact in one document with a table of contents
 * (`plinth plan --format md`), and report.html (report.c). */
void emit_combined_md(const Plan *p, Buf *out);
void emit_report_html(const Plan *p, Buf *out);
void emit_report_from(const Plan *p, const OutFiles *done, const EmitIO *io, Buf *out);
/* Markdown as report.html shows it: md4c's parser and report.c's HTML, or
 * md4c-html's md_html itself when `md4c_html` (the two agree byte for
 * byte); false when md4c cannot be loaded. */
bool report_md_html(Str text, bool md4c_html, Buf *out);
/* ---- Markdown helpers (md.c) ----
 * Headings and bullets take literal text; spec-derived text goes through
 * md_s (esc_md) or the Str variants. */
void md_h(Buf *o, int level, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* "## " prefix, the escaped name, suffix. */
void md_hs(Buf *o, int level, const char *prefix, Str name, const char *suffix);
void md_s(Buf *o, Str s);
/* Ends a document with exactly one newline. */
void md_end(Buf *o);
void md_bullet(Buf *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
typedef struct {
  Buf text;
  ptrdiff_t *off;
  int n, cap, ncols;
  ptrdiff_t open;
} MdTable;
/* Starts a table with ncols header cells (literal strings). */
void md_table(MdTable *t, int ncols, ...);
void md_cell(MdTable *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A cell of spec-derived text, escaped. */
void md_cells(MdTable *t, Str s);
/* A cell written piece by piece into md_cell_buf (escape what needs it). */
void md_cell_begin(MdTable *t);
Buf *md_cell_buf(MdTable *t);
void md_cell_end(MdTable *t);
/* Prints the table (aligned pipes) and a blank line; frees it. */
void md_table_end(MdTable *t, Buf *o);

/* The command line's own documents (cli_docs.c), from main.c's command
 * table: plinth(1) (which < 0) or plinth-NAME(1) for cmds[which], and the
 * completions for bash, zsh or fish (false for another shell). */
typedef struct {
  const char *name, *summary, *usage, *brief;
} CliCommand;
void emit_man(const CliCommand *cmds, int ncmds, int which, const char *version, Buf *out);
bool emit_completions(const CliCommand *cmds, int ncmds, const char *shell, Buf *out);

/* Exports (exports.c): the C4 views as LikeC4, Structurizr DSL and
 * C4-PlantUML, the schema as DBML. */
void emit_likec4(const Plan *p, Buf *out);          /* exports/model.c4 */
void emit_structurizr(const Plan *p, Buf *out);     /* exports/workspace.dsl */
void emit_c4_plantuml(const Plan *p, Buf *out);     /* exports/c4.puml */
void emit_dbml(const Plan *p, Buf *out);            /* exports/schema.dbml */

/* ---- The C4 views (c4.c): what every diagram format draws ----
 * Relations between part or module ids; "system" is the whole system in
 * the context view. Arrays hold at least c4_max_rels(p) relations. */
typedef struct {
  Str from, to, what, how;
} C4Rel;
bool c4_internal(const Part *pt);               /* inside the system's boundary */
const char *c4_keyword(const Part *pt, bool inside); /* Person, Container, SystemDb_Ext, ... */
int c4_max_rels(const Plan *p);
int c4_context_rels(const Plan *p, C4Rel *out);   /* internal parts collapsed, each pair once */
int c4_container_rels(const Plan *p, C4Rel *out); /* every dependency between parts */
int c4_component_rels(const Plan *p, C4Rel *out); /* modules of the API to the parts they use */
int c4_component_rels_upto(const Plan *p, int nmodules, C4Rel *out); /* those of the first nmodules modules */
bool c4_component_part(const Plan *p, int i);     /* part i appears in the component view */

/* ---- Mermaid diagrams (mermaid.c), each a fenced ```mermaid block ---- */
void mm_er(Buf *o, const Plan *p);
void mm_c4_context(Buf *o, const Plan *p);
void mm_c4_container(Buf *o, const Plan *p);
void mm_c4_component(Buf *o, const Plan *p);
void mm_sequence(Buf *o, const Plan *p, const Flow *f);
void mm_deployment(Buf *o, const Plan *p);
void mm_pipeline(Buf *o, const Plan *p);

/* Sections the documents share (docparts.c). */
void doc_assumptions(Buf *o, const Plan *p);
void doc_stack_table(Buf *o, const Plan *p, bool with_versions);
void doc_dependencies(Buf *o, const Plan *p);
void doc_entities(Buf *o, const Plan *p);
void doc_relations(Buf *o, const Plan *p);
void doc_indexes(Buf *o, const Plan *p);
void doc_data_tags(Buf *o, const Plan *p);
void doc_security(Buf *o, const Plan *p, int level);
void doc_integrations(Buf *o, const Plan *p, int level);
void doc_cache(Buf *o, const Plan *p, int level);
void doc_alerts(Buf *o, const Plan *p);
void doc_env(Buf *o, const Plan *p);
void doc_flags(Buf *o, const Plan *p);
void doc_perf(Buf *o, const Plan *p);
void doc_availability(Buf *o, const Plan *p);
void doc_cost(Buf *o, const Plan *p);
void doc_errors(Buf *o);
void doc_auth_endpoints(Buf *o, const Plan *p);
void doc_api_summary(Buf *o, const Plan *p);
void doc_risks(Buf *o, const Plan *p);
void doc_revisit(Buf *o, const Plan *p);
void doc_checklist(Buf *o, const Plan *p, const char *template_name);
/* One line pointing at a fact's home: "WHAT: see [HEADING](FILE#anchor)." */
void doc_see(Buf *o, const char *what, const char *file, const char *heading);
/* The review's one verdict, pointing at the checklist in RISKS.md. */
void doc_verdict(Buf *o, const Plan *p);
void doc_estimates(Buf *o, const Plan *p);
void doc_milestones(Buf *o, const Plan *p);
void doc_start(Buf *o, const Plan *p);

/* The four documents. */
void emit_spec_md(const Plan *p, Buf *out);
void emit_architecture_md(const Plan *p, Buf *out);
void emit_backend_md(const Plan *p, Buf *out);
void emit_design_md(const Plan *p, Buf *out);

#endif
