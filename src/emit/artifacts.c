/* The table of artifacts `plinth plan -o DIR` writes and `--only NAME`
 * prints. One row per artifact: adding an emitter means adding a row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

static bool has_keys(const Plan *p) {
  return p->api.keys_slot.n > 0;
}

static bool has_compose(const Plan *p) { return p->api.nlocal > 0; }

static bool has_measurements(const Plan *p) { return p->api.ts_store.n > 0 && !p->api.ts_mergetree; }
static bool has_clickhouse(const Plan *p) { return p->api.ts_mergetree; }

/* SQL DDL only for a store that speaks it (Api.sql, Api.events_sql). */
static bool has_sql(const Plan *p) { return p->api.sql; }
static bool has_events_sql(const Plan *p) { return p->api.events_sql; }

/* The key design's own contract: CloudFormation for DynamoDB, CQL for a
 * wide-column store. */
static bool has_dynamodb(const Plan *p) { return p->api.keys_dynamodb; }
static bool has_cql(const Plan *p) { return emit_has_cql(p); }

static bool has_docs(const Plan *p) {
  for (int i = 0; i < p->model->nentities; i++)
    if (p->api.ents[i].form == FORM_DOCS)
      return true;
  return false;
}

static bool has_graph(const Plan *p) {
  for (int i = 0; i < p->model->nentities; i++)
    if (p->api.ents[i].form == FORM_GRAPH)
      return true;
  return false;
}

static void emit_types_file(const Plan *p, OutFiles *out) { emit_types(p, outfiles_add(out, emit_types_path(p))); }

/* What tests/contracts needs beside -o DIR, in one run: the probes and the
 * types in every language. */
static void emit_test_bundle(const Plan *p, OutFiles *out) {
  if (p->api.sql) {
    emit_sql_probes_pg(p, outfiles_add(out, "probes.sql"));
    emit_sql_probes_sqlite(p, outfiles_add(out, "probes.sqlite.sql"));
  }
  emit_types_ts(p, outfiles_add(out, "types.ts"));
  emit_types_go(p, outfiles_add(out, "types.go"));
  emit_types_py(p, outfiles_add(out, "types.py"));
}

const Artifact emit_artifacts[] = {
  {"decisions", "DECISIONS.md", "the decision record: one decision per slot with reasons and alternatives",
   NULL, emit_decisions_md, NULL, false},
  {"json", "plan.json", "the whole plan as JSON", NULL, emit_plan_json, NULL, false},
  {"adr", "adr", "decision records in MADR 4 format, one per decision, numbered stably (adr/index.txt)", NULL, NULL,
   emit_adrs, false},
  {"alerts", "alerts.yaml", "the alerts in the chosen observability's form: Prometheus rules or CloudWatch alarms "
   "(alerts.yaml), Datadog monitors (alerts.datadog.json), New Relic NRQL conditions (alerts.newrelic.json)", NULL,
   NULL, emit_alerts_file, false},
  {"services", "services.yaml", "the deployable units or modules: responsibilities, operations, stores, events",
   NULL, emit_services_kit, NULL, false},
  {"asyncapi", "asyncapi.yaml", "every event the plan moves, AsyncAPI 3.0, payloads shared with openapi.yaml", NULL,
   emit_asyncapi, NULL, false},
  {"runbooks", "runbooks", "one runbook per alert (runbooks/ALERT.md) and the deployment guide (DEPLOYMENT.md)", NULL,
   NULL, emit_runbooks, false},
  {"validation", "VALIDATION.md", "the quality gates with their pass criteria and the validation commands", NULL,
   emit_validation_md, NULL, false},
  {"validate-sh", "validate.sh", "the validation commands as one script", NULL, emit_validate_sh, NULL, false},
  {"infra", "infra", "infrastructure as code in the chosen tool: managed components, one role per unit, settings",
   NULL, NULL, emit_infra, false},
  {"contract-tests", "contract-tests.postman_collection.json",
   "contract tests per operation (Postman collection v2.1, run by newman)", NULL, emit_postman, NULL, false},
  {"dot-context", "diagrams/context.dot", "the C4 system context diagram as Graphviz DOT", NULL,
   emit_dot_c4_context, NULL, false},
  {"dot-architecture", "diagrams/architecture.dot", "the C4 container diagram as Graphviz DOT", NULL,
   emit_dot_architecture, NULL, false},
  {"dot-components", "diagrams/components.dot", "the C4 component diagram of the API as Graphviz DOT", NULL,
   emit_dot_c4_component, NULL, false},
  {"dot-deployment", "diagrams/deployment.dot", "the deployment diagram as Graphviz DOT", NULL, emit_dot_deployment,
   NULL, false},
  {"dot-er", "diagrams/er.dot", "the entity-relationship diagram as Graphviz DOT", NULL, emit_dot_er, NULL, false},
  {"dot-paths", "diagrams/paths.dot", "the request paths with p95 per hop as Graphviz DOT", NULL, emit_dot_paths, NULL, false},
  {"svg-context", "diagrams/context.svg", "the C4 system context diagram laid out as SVG", NULL, emit_svg_context,
   NULL, false},
  {"svg-architecture", "diagrams/architecture.svg", "the C4 container diagram laid out as SVG", NULL,
   emit_svg_architecture, NULL, false},
  {"svg-components", "diagrams/components.svg", "the C4 component diagram of the API laid out as SVG", NULL,
   emit_svg_components, NULL, false},
  {"svg-deployment", "diagrams/deployment.svg", "the deployment diagram laid out as SVG", NULL, emit_svg_deployment,
   NULL, false},
  {"svg-sequences", "diagrams", "a sequence diagram per flow as SVG (diagrams/sequence-N.svg)", NULL, NULL,
   emit_svg_sequences, false},
  {"svg-roadmap", "diagrams/roadmap.svg", "the roadmap as a gantt chart in SVG", NULL, emit_svg_gantt, NULL, false},
  {"svg-er", "diagrams/er.svg", "the entity-relationship diagram laid out as SVG", NULL, emit_svg_er, NULL, false},
  {"svg-paths", "diagrams/paths.svg", "the request paths laid out as SVG", NULL, emit_svg_paths, NULL, false},
  {"report", "report.html", "one self-contained page: every document, diagrams as inline SVG, no script", NULL,
   emit_report_html, NULL, false},
  {"openapi", "openapi.yaml", "the API contract, OpenAPI 3.1", NULL, emit_openapi, NULL, true},
  {"sql", "schema.sql", "the PostgreSQL schema of the database, when it speaks SQL", has_sql, emit_sql_pg, NULL, true},
  {"sqlite", "schema.sqlite.sql", "the SQLite schema", has_sql, emit_sql_sqlite, NULL, true},
  {"events-sql", "events.sql", "the SQL schema of a separate events store that speaks SQL", has_events_sql,
   emit_sql_events, NULL, true},
  {"keys", "keys.md", "the key design for a key-value or wide-column store", has_keys, emit_keys_md, NULL, true},
  {"keys-json", "keys.json", "the key design as JSON", has_keys, emit_keys_json, NULL, true},
  {"dynamodb", "dynamodb.cfn.json", "the key design as a CloudFormation DynamoDB table", has_dynamodb,
   emit_dynamodb_cfn, NULL, true},
  {"dynamodb-local", "dynamodb-table.json", "the same table as CreateTable's input, for DynamoDB Local "
   "(docker-compose.yml creates it)", has_dynamodb, emit_dynamodb_local, NULL, true},
  {"cql", "schema.cql", "the key design's tables in CQL, for a wide-column store", has_cql, emit_cql, NULL, true},
  {"collections", "collections.json", "a document store's collections: JSON Schema validators and indexes", has_docs,
   emit_collections, NULL, true},
  {"cypher", "schema.cypher", "a graph store's node labels, relationship types and uniqueness constraints (Cypher)",
   has_graph, emit_graph_cypher, NULL, true},
  {"measurements", "measurements.md", "the measurement and tag schema for a time-series store without SQL DDL",
   has_measurements, emit_measurements_md, NULL, true},
  {"clickhouse", "clickhouse.sql", "the MergeTree tables of a time-series store that takes them (ClickHouse): sort "
   "key, time partitions, TTL", has_clickhouse, emit_clickhouse, NULL, true},
  {"types", "types", "the data types in the chosen language", NULL, NULL, emit_types_file, true},
  {"loadtest", "loadtest.js", "a k6 load test at the peak and design loads", NULL, emit_loadtest, NULL, true},
  {"env", ".env.example", "every setting the stack needs, secrets marked", NULL, emit_env, NULL, true},
  {"compose", "docker-compose.yml", "the data services to run locally in containers", has_compose, emit_compose, NULL, true},
  {"types-ts", NULL, "TypeScript types and zod schemas", NULL, emit_types_ts, NULL, true},
  {"types-go", NULL, "Go structs with json tags", NULL, emit_types_go, NULL, true},
  {"types-py", NULL, "Python dataclasses", NULL, emit_types_py, NULL, true},
  {"sql-probes", NULL, "constraint probes for schema.sql (tests)", has_sql, emit_sql_probes_pg, NULL, true},
  {"sqlite-probes", NULL, "constraint probes for schema.sqlite.sql (tests)", has_sql, emit_sql_probes_sqlite, NULL, true},
  {"test-bundle", NULL, "the probes and the types in every language, as one stream (tests)", NULL, NULL, emit_test_bundle, true},
  {"roadmap", "ROADMAP.md", "the roadmap: milestones, tasks, critical path, schedule, where to start today", NULL,
   emit_roadmap_md, NULL, false},
  {"risks", "RISKS.md", "the risk register, the top risks, STRIDE per data flow and the review checklist", NULL,
   emit_risks_md, NULL, false},
  {"spec", "SPEC.md", "the Technical Foundation Specification", NULL, emit_spec_md, NULL, false},
  {"architecture", "ARCHITECTURE.md", "the architecture document with C4, sequence, ER and deployment diagrams", NULL,
   emit_architecture_md, NULL, false},
  {"backend", "BACKEND-PLAN.md", "the backend implementation plan", NULL, emit_backend_md, NULL, false},
  {"design", "DESIGN.md", "the short architecture-design form", NULL, emit_design_md, NULL, false},
  {"likec4", "exports/model.c4", "the C4 views as a LikeC4 model", NULL, emit_likec4, NULL, false},
  {"structurizr", "exports/workspace.dsl", "the C4 views as a Structurizr DSL workspace", NULL, emit_structurizr, NULL,
   false},
  {"c4-plantuml", "exports/c4.puml", "the C4 views as C4-PlantUML diagrams", NULL, emit_c4_plantuml, NULL, false},
  {"dbml", "exports/schema.dbml", "the SQL schema as DBML", has_sql, emit_dbml, NULL, true},
};
const int emit_nartifacts = (int)(sizeof emit_artifacts / sizeof *emit_artifacts);

/* Rows that -o makes from the other rows' files (see EmitFrom). */
static const struct {
  const char *only;
  EmitFrom *from;
} derived[] = {
  {"report", emit_report_from},
};

/* The rows of diagrams Graphviz lays out, and the DOT of each: with -o, a
 * layout an earlier run made from the same DOT is taken from the folder. */
static const struct {
  EmitFile *svg, *dot;
} laid_out[] = {
  {emit_svg_context, emit_dot_c4_context},   {emit_svg_architecture, emit_dot_architecture},
  {emit_svg_components, emit_dot_c4_component}, {emit_svg_deployment, emit_dot_deployment},
  {emit_svg_er, emit_dot_er},
};

enum { NLAID = sizeof laid_out / sizeof *laid_out };

static EmitFile *laid_out_from(const Artifact *a) {
  for (size_t i = 0; i < NLAID; i++)
    if (a->emit && a->emit == laid_out[i].svg)
      return laid_out[i].dot;
  return NULL;
}

/* The laid_out entry whose DOT row (dot) or SVG row (!dot) `a` is, or -1. */
static int laid_out_row(const Artifact *a, bool dot) {
  for (int i = 0; i < NLAID; i++)
    if (a->emit && a->emit == (dot ? laid_out[i].dot : laid_out[i].svg))
      return i;
  return -1;
}

/* Rows whose writer only appends, or takes back only what it has just
 * written (the JSON writer, the YAML contracts and services, the SQL, the
 * long Markdown documents, the gantt; openapi.yaml holds its Buf while it
 * compares a mark): with -o their text goes to the file in parts as it is
 * made (Buf.spill). */
static const char *const appends_only[] = {
  "json",    "contract-tests", "openapi", "asyncapi",     "services", "svg-roadmap", "sql",    "sqlite",
  "roadmap", "risks",          "spec",    "architecture", "backend",  "design",      "dbml"};

static bool streams(const Artifact *a) {
  for (size_t i = 0; i < sizeof appends_only / sizeof *appends_only; i++)
    if (!strcmp(appends_only[i], a->only))
      return true;
  return false;
}

/* The text so far to the file, but for its trailing newlines: md_end
 * trims them, so they stay in the buffer until more text follows. */
static void spill_part(void *ctx, Buf *b) {
  const EmitIO *io = ctx;
  ptrdiff_t nl = 0;
  while (nl < b->n && b->p[b->n - 1 - nl] == '\n')
    nl++;
  if (nl == b->n)
    return;
  b->n -= nl;
  io->part(io->ctx, io->path, b);
  memset(b->p, '\n', (size_t)nl);
  b->n = nl;
}

static EmitFrom *derived_from(const Artifact *a) {
  for (size_t i = 0; i < sizeof derived / sizeof *derived; i++)
    if (!strcmp(derived[i].only, a->only))
      return derived[i].from;
  return NULL;
}

const Artifact *emit_artifact(const char *only) {
  for (int i = 0; i < emit_nartifacts; i++)
    if (!strcmp(emit_artifacts[i].only, only))
      return &emit_artifacts[i];
  return NULL;
}

Buf *outfiles_add(OutFiles *out, const char *path) {
  if (out->flush && out->n)
    out->flush(out->flush_ctx, out);
  if (out->n == out->cap) {
    out->cap = out->cap ? out->cap * 2 : 16;
    OutFile *v = realloc(out->v, sizeof *v * (size_t)out->cap);
    if (!v) {
      fputs("plinth: out of memory\n", stderr);
      abort();
    }
    out->v = v;
  }
  size_t n = strlen(path) + 1;
  char *copy = malloc(n);
  if (!copy) {
    fputs("plinth: out of memory\n", stderr);
    abort();
  }
  memcpy(copy, path, n);
  out->v[out->n] = (OutFile){copy, {0}, NULL};
  return &out->v[out->n++].text;
}

/* Frees the files, keeps the list. */
static void outfiles_clear(OutFiles *out) {
  for (int i = 0; i < out->n; i++) {
    buf_free(&out->v[i].text);
    free(out->v[i].path);
    free(out->v[i].disk);
  }
  out->n = 0;
}

void outfiles_free(OutFiles *out) {
  outfiles_clear(out);
  free(out->v);
  *out = (OutFiles){0};
}

void emit_all(const Plan *p, OutFiles *out) {
  for (int i = 0; i < emit_nartifacts; i++) {
    const Artifact *a = &emit_artifacts[i];
    if (!a->path || (a->applies && !a->applies(p)) || derived_from(a))
      continue;
    if (a->emit_many)
      a->emit_many(p, out);
    else
      a->emit(p, outfiles_add(out, a->path));
  }
  /* Documents made of the others, from what was just emitted. */
  for (int i = 0; i < emit_nartifacts; i++) {
    const Artifact *a = &emit_artifacts[i];
    EmitFrom *from = derived_from(a);
    if (!a->path || (a->applies && !a->applies(p)) || !from)
      continue;
    Buf text = {0};
    from(p, out, NULL, &text);
    *outfiles_add(out, a->path) = text;
  }
}

/* The rows whose diagrams report.html shows as their files have them:
 * Graphviz's layouts and Plinth's own. */
static bool page_shows(const Artifact *a) {
  return laid_out_from(a) || !strcmp(a->only, "svg-sequences") || !strcmp(a->only, "svg-paths") ||
         !strcmp(a->only, "svg-roadmap");
}

/* What a derived row reads from the files the others wrote: the
 * Markdown, and the diagrams of the rows page_shows. */
static bool read_later(const char *path, bool shown) {
  size_t n = strlen(path);
  return (n > 3 && !strcmp(path + n - 3, ".md")) || (shown && n > 4 && !strcmp(path + n - 4, ".svg"));
}

/* emit_each's hand-over: the files to `each`, those the derived rows read
 * into `kept` (their text, or where `each` put it), the rest freed. Of a
 * row of many diagrams (a sequence per flow) only the first ones `each`
 * left in memory are kept, up to MANY_HOLD bytes: report.html draws the
 * others again rather than hold more, or thousands of names to read them
 * back. */
enum { MANY_HOLD = 1 << 16 };
typedef struct {
  EmitEach *each;
  void *ctx;
  OutFiles *kept;
  bool shown;            /* the row's diagrams are shown as written (page_shows) */
  bool many;             /* the row writes many files */
  bool dropped;          /* one of them was not kept: nor are those after it */
  ptrdiff_t held;        /* the bytes of the row's files kept */
} HandOver;

static void hand_over(void *c, OutFiles *batch) {
  HandOver *h = c;
  h->each(h->ctx, batch);
  for (int k = 0; k < batch->n; k++) {
    const char *path = batch->v[k].path;
    if (h->shown && h->many && read_later(path, true)) {
      ptrdiff_t n = batch->v[k].text.n;
      h->dropped |= batch->v[k].disk || !n || h->held + n > MANY_HOLD;
      if (h->dropped)
        continue;
      h->held += n;
    }
    if (read_later(path, h->shown)) {
      OutFile *f = &h->kept->v[(outfiles_add(h->kept, path), h->kept->n - 1)];
      f->text = batch->v[k].text;
      f->disk = batch->v[k].disk;
      batch->v[k].text = (Buf){0};
      batch->v[k].disk = NULL;
    }
  }
  outfiles_clear(batch);
}

void emit_each(const Plan *p, EmitEach *each, const EmitIO *io, void *ctx) {
  OutFiles batch = {0}, kept = {0};
  HandOver h = {each, ctx, &kept, false, false, false, 0};
  Buf dots[NLAID] = {{0}};   /* the DOT rows' texts, until their SVG rows lay them out */
  for (int i = 0; i < emit_nartifacts; i++) {
    const Artifact *a = &emit_artifacts[i];
    if (!a->path || (a->applies && !a->applies(p)) || derived_from(a))
      continue;
    EmitIO row = io ? *io : (EmitIO){0};
    row.path = a->path;
    h.shown = page_shows(a);
    h.many = a->emit_many != NULL;
    h.dropped = false;
    h.held = 0;
    if (a->emit_many) {
      batch.flush = hand_over;   /* one file at a time */
      batch.flush_ctx = &h;
      a->emit_many(p, &batch);
    } else if (row.part && streams(a)) {
      Buf *b = outfiles_add(&batch, a->path);
      b->spill = spill_part;
      b->spill_ctx = &row;
      a->emit(p, b);
      b->spill = NULL;
    } else if (row.earlier && laid_out_row(a, false) >= 0) {
      Buf *dot = &dots[laid_out_row(a, false)];
      if (!dot->n)
        laid_out[laid_out_row(a, false)].dot(p, dot);
      emit_svg_reusing(buf_view(dot), &row, outfiles_add(&batch, a->path));
      buf_free(dot);
    } else {
      a->emit(p, outfiles_add(&batch, a->path));
      if (row.earlier && laid_out_row(a, true) >= 0)
        buf_str(&dots[laid_out_row(a, true)], buf_view(&batch.v[batch.n - 1].text));
    }
    hand_over(&h, &batch);
    outfiles_free(&batch);
  }
  for (int i = 0; i < emit_nartifacts; i++) {
    const Artifact *a = &emit_artifacts[i];
    EmitFrom *from = derived_from(a);
    if (!a->path || (a->applies && !a->applies(p)) || !from)
      continue;
    Buf text = {0};
    EmitIO row = io ? *io : (EmitIO){0};
    row.path = a->path;
    from(p, &kept, &row, &text);
    *outfiles_add(&batch, a->path) = text;
    each(ctx, &batch);
    outfiles_free(&batch);
  }
  outfiles_free(&kept);
  for (int i = 0; i < NLAID; i++)
    buf_free(&dots[i]);
}
