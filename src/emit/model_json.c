/* The model as JSON: stable key order, declaration order, no addresses. */
#include <math.h>

#include "../spec/parse.h"
#include "../spec/units.h"
#include "../util/json.h"
#include "emit.h"

static int line_of(const Model *m, Span s) {
  int line, col;
  if (!m->file->lines)
    return 0;
  diag_locate(NULL, m->file, s.off, &line, &col);
  return line;
}

static void words(Json *j, const char *key, const Word *w, int n) {
  json_key(j, key);
  json_arr(j);
  for (int i = 0; i < n; i++)
    json_str(j, w[i].word);
  json_end_arr(j);
}

static void num_or_null(Json *j, const char *key, double v, bool set) {
  json_key(j, key);
  if (set)
    json_num(j, v);
  else
    json_null(j);
}

static void project(Json *j, const Model *m) {
  const Project *p = &m->project;
  json_key(j, "project");
  json_obj(j);
  json_key(j, "name");
  json_str(j, p->name);
  json_key(j, "idea");
  json_str(j, p->idea);
  json_key(j, "users");
  json_num(j, p->users);
  json_key(j, "active_share");
  json_num(j, p->active);
  json_key(j, "actions_per_active_user");
  json_num(j, p->actions);
  json_key(j, "requests_per_day");
  json_num(j, p->requests_per_day);
  json_key(j, "requests_given");
  json_bool(j, p->has_requests);
  json_key(j, "reads_per_s");
  json_num(j, p->reads_per_s);
  json_key(j, "writes_per_s");
  json_num(j, p->writes_per_s);
  json_key(j, "seconds_per_month");
  json_num(j, p->month);
  json_key(j, "devices");
  json_num(j, p->devices);
  num_or_null(j, "device_interval_s", p->interval, p->interval > 0);
  json_key(j, "peak_factor");
  json_num(j, p->peak);
  num_or_null(j, "budget_usd_per_month", p->budget, p->has_budget);
  json_key(j, "availability");
  json_num(j, p->availability);
  json_key(j, "latency_ms");
  json_obj(j);
  static const char *const pn[] = {"p50", "p90", "p95", "p99"};
  for (int i = 0; i < 4; i++)
    num_or_null(j, pn[i], p->latency[i] * 1000, p->latency[i] > 0);
  json_end_obj(j);
  json_key(j, "team");
  json_obj(j);
  json_key(j, "size");
  json_num(j, p->team);
  json_key(j, "level");
  json_cstr(j, team_level_name(p->level));
  words(j, "skills", p->skills, p->nskills);
  json_end_obj(j);
  words(j, "prefer", p->prefer, p->nprefer);
  words(j, "compliance", p->compliance, p->ncompliance);
  words(j, "priorities", p->priorities, p->npriorities);
  words(j, "regions", p->regions, p->nregions);
  words(j, "clouds", p->clouds, p->nclouds);
  /* Pins, only when the spec has them (specs without keep their bytes). */
  if (p->src.npins) {
    json_key(j, "use");
    json_arr(j);
    for (int i = 0; i < p->src.npins; i++) {
      json_obj(j);
      json_key(j, "slot");
      json_str(j, p->src.pins[i].slot.word);
      json_key(j, "tech");
      json_str(j, p->src.pins[i].tech.word);
      json_end_obj(j);
    }
    json_end_arr(j);
  }
  if (p->src.navoid)
    words(j, "avoid", p->src.avoid, p->src.navoid);
  num_or_null(j, "deadline_days", p->deadline / SECONDS_PER_DAY, p->deadline > 0);
  json_key(j, "start_date");
  if (p->start_date.n)
    json_str(j, p->start_date);
  else
    json_null(j);
  json_key(j, "deadline_date");
  if (p->deadline_date.n)
    json_str(j, p->deadline_date);
  else
    json_null(j);
  json_end_obj(j);
}

static void literal(Json *j, const Literal *l) {
  switch (l->kind) {
  case LIT_NUMBER: json_num(j, l->num); break;
  case LIT_STRING: case LIT_WORD: json_str(j, l->text); break;
  case LIT_BOOL: json_bool(j, l->b); break;
  default: json_null(j); break;
  }
}

static void field(Json *j, const Model *m, const Field *f) {
  json_obj(j);
  json_key(j, "name");
  json_str(j, f->name);
  json_key(j, "line");
  json_num(j, line_of(m, f->span));
  json_key(j, "type");
  json_cstr(j, field_type_name(f->type));
  num_or_null(j, "length", f->len, f->type == FT_STRING && f->len > 0);
  if (f->type == FT_ENUM) {
    json_key(j, "values");
    json_arr(j);
    for (int i = 0; i < f->nenum; i++)
      json_str(j, f->enum_vals[i]);
    json_end_arr(j);
  }
  json_key(j, "relation");
  if (f->rel)
    json_cstr(j, f->rel == REL_MANY_TO_ONE ? (f->unique ? "one-to-one" : "many-to-one") : "many-to-many");
  else
    json_null(j);
  json_key(j, "ref");
  if (f->ref)
    json_str(j, f->ref->name);
  else
    json_null(j);
  json_key(j, "array");
  json_bool(j, f->array);
  json_key(j, "optional");
  json_bool(j, f->optional);
  json_key(j, "unique");
  json_bool(j, f->unique);
  json_key(j, "indexed");
  json_bool(j, f->indexed || (f->rel == REL_MANY_TO_ONE));
  json_key(j, "tags");
  json_arr(j);
  static const char *const tn[] = {"pii", "secret", "phi", "pci"};
  for (int i = 0; i < 4; i++)
    if (f->tags & (1 << i))
      json_cstr(j, tn[i]);
  json_end_arr(j);
  json_key(j, "default");
  literal(j, &f->def);
  num_or_null(j, "min", f->min, f->has_min);
  json_key(j, "min_exclusive");
  json_bool(j, f->min_excl);
  num_or_null(j, "max", f->max, f->has_max);
  json_key(j, "max_exclusive");
  json_bool(j, f->max_excl);
  num_or_null(j, "max_size", f->max_size, f->max_size > 0);
  json_key(j, "avg_bytes");
  json_num(j, f->avg_bytes);
  if (f->type == FT_BLOB) {
    json_key(j, "blob_bytes");
    json_num(j, f->blob_bytes);
  }
  json_end_obj(j);
}

static void entity(Json *j, const Model *m, const Entity *e) {
  json_obj(j);
  json_key(j, "name");
  json_str(j, e->name);
  json_key(j, "line");
  json_num(j, line_of(m, e->span));
  json_key(j, "principal");
  json_bool(j, e->principal);
  json_key(j, "device");
  json_bool(j, e->device);
  json_key(j, "join");
  json_bool(j, e->join);
  json_key(j, "rows");
  json_num(j, round(e->rows));
  json_key(j, "rows_basis");
  json_str(j, e->rows_basis);
  json_key(j, "content_bytes");
  json_num(j, e->content_bytes);
  json_key(j, "row_bytes");
  json_num(j, e->row_bytes);
  json_key(j, "blob_bytes_per_row");
  json_num(j, e->blob_bytes);
  num_or_null(j, "retain_days", e->retain / SECONDS_PER_DAY, e->retain > 0);
  num_or_null(j, "grows_per_month", e->grows * m->project.month, e->grows > 0);
  json_key(j, "parent");
  if (e->parent)
    json_str(j, e->parent->name);
  else
    json_null(j);
  json_key(j, "parent_field");
  if (e->parent_field)
    json_str(j, e->parent_field->name);
  else
    json_null(j);
  num_or_null(j, "per", e->per_n, e->has_per);
  json_key(j, "owner");
  if (e->owner)
    json_str(j, e->owner->name);
  else
    json_null(j);
  /* The chain itself follows from the parents; printing it whole per
   * entity would be quadratic in a long chain. */
  json_key(j, "ownership_depth");
  json_num(j, e->depth);
  json_key(j, "fields");
  json_arr(j);
  for (int i = 0; i < e->nfields; i++)
    field(j, m, &e->fields[i]);
  json_end_arr(j);
  json_key(j, "referenced_by");
  json_arr(j);
  for (int i = 0; i < e->nincoming; i++) {
    json_obj(j);
    json_key(j, "entity");
    json_str(j, e->incoming[i].from->name);
    json_key(j, "field");
    json_str(j, e->incoming[i].field->name);
    json_end_obj(j);
  }
  json_end_arr(j);
  json_key(j, "features");
  json_arr(j);
  for (int i = 0; i < e->nfeatures; i++)
    json_cstr(j, feature_kind_name(e->features[i]->kind));
  json_end_arr(j);
  json_end_obj(j);
}

static void option(Json *j, const Option *o) {
  json_key(j, o->spec->name);
  switch (o->spec->arity) {
  case OA_FLAG: json_bool(j, true); break;
  case OA_WORD: case OA_FIELD: json_str(j, o->args[0].text); break;
  case OA_OPT_WORD:
    if (o->nargs)
      json_str(j, o->args[0].text);
    else
      json_cstr(j, o->spec->words[0]);
    break;
  case OA_WORDS: case OA_FIELDS:
    json_arr(j);
    for (int i = 0; i < o->nargs; i++)
      json_str(j, o->args[i].text);
    json_end_arr(j);
    break;
  case OA_DURATIONS:
    json_arr(j);
    for (int i = 0; i < o->nargs; i++)
      json_num(j, o->args[i].num);
    json_end_arr(j);
    break;
  default: json_num(j, o->args[0].num); break;
  }
}

static void feature(Json *j, const Model *m, const Feature *f) {
  static const char *const trig[] = {NULL, "on", "before", "every"};
  json_obj(j);
  json_key(j, "kind");
  json_cstr(j, feature_kind_name(f->kind));
  json_key(j, "line");
  json_num(j, line_of(m, f->span));
  json_key(j, "entity");
  if (f->entity)
    json_str(j, f->entity->name);
  else
    json_null(j);
  json_key(j, "field");
  if (f->field)
    json_str(j, f->field->name);
  else
    json_null(j);
  if (f->nvia) {   /* notify before E.rel.f: the relations followed */
    json_key(j, "via");
    json_arr(j);
    for (int k = 0; k < f->nvia; k++)
      if (f->via[k])
        json_str(j, f->via[k]->name);
    json_end_arr(j);
  }
  json_key(j, "name");
  if (f->name.n)
    json_str(j, f->name);
  else
    json_null(j);
  if (f->kind == FK_REPORT) {
    json_key(j, "period");
    json_str(j, f->period.n ? f->period : S("daily"));
  }
  if (f->kind == FK_NOTIFY) {
    json_key(j, "trigger");
    json_cstr(j, trig[f->trigger]);
    num_or_null(j, "lead_s", f->lead, f->trigger == TRIG_BEFORE || f->trigger == TRIG_EVERY);
  }
  json_key(j, "options");
  json_obj(j);
  for (int i = 0; i < f->nopts; i++)
    option(j, &f->opts[i]);
  json_end_obj(j);
  json_end_obj(j);
}

void emit_model_json(const Model *m, Buf *out) {
  Json j = {.out = out, .schema = PLINTH_SCHEMA_BASE "model.schema.json"};
  json_model(&j, m);
}

void json_model(Json *jp, const Model *m) {
  Json j = *jp;
  json_obj(&j);
  json_key(&j, "plinth_model");
  json_num(&j, 1);
  project(&j, m);
  json_key(&j, "principal");
  if (m->principal)
    json_str(&j, m->principal->name);
  else
    json_null(&j);
  json_key(&j, "entities");
  json_arr(&j);
  for (int i = 0; i < m->nentities; i++)
    entity(&j, m, &m->entities[i]);
  json_end_arr(&j);
  json_key(&j, "features");
  json_arr(&j);
  for (int i = 0; i < m->nfeatures; i++)
    feature(&j, m, &m->features[i]);
  json_end_arr(&j);
  json_key(&j, "assumptions");
  json_arr(&j);
  for (int i = 0; i < m->nassumptions; i++) {
    const Assumption *a = &m->assumptions[i];
    json_obj(&j);
    json_key(&j, "key");
    json_str(&j, a->key);
    json_key(&j, "text");
    json_str(&j, a->text);
    json_key(&j, "line");
    if (a->span.len)
      json_num(&j, line_of(m, a->span));
    else
      json_null(&j);
    json_end_obj(&j);
  }
  json_end_arr(&j);
  json_end_obj(&j);
  *jp = j;
}

void emit_model_text(const Model *m, Buf *out) {
  const Project *p = &m->project;
  if (p->name.n)
    buf_printf(out, "project %.*s\n", STRF(p->name));
  else
    buf_puts(out, "project (no project block)\n");
  buf_printf(out, "  %.0f users, %.0f%% active, %.0f requests/day, peak %gx\n", p->users, p->active * 100,
             p->requests_per_day, p->peak);
  if (p->start_date.n || p->deadline_date.n) {
    buf_puts(out, "  schedule:");
    if (p->start_date.n)
      buf_printf(out, " starts %.*s,", STRF(p->start_date));
    if (p->deadline_date.n)
      buf_printf(out, " deadline %.*s", STRF(p->deadline_date));
    else if (p->deadline > 0)
      buf_printf(out, " deadline %.0f days later", p->deadline / SECONDS_PER_DAY);
    if (p->deadline > 0 && p->deadline_date.n)
      buf_printf(out, " (%.0f calendar days)", p->deadline / SECONDS_PER_DAY);
    else if (!p->start_date.n)
      buf_puts(out, " (no start date: not checked)");
    buf_putc(out, '\n');
  }
  buf_printf(out, "entities (%d):\n", m->nentities);
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    char rows[32];
    fmt_num(rows, round(e->rows));
    buf_printf(out, "  %-20.*s %14s rows  %6.0f B/row", STRF(e->name), rows, e->row_bytes);
    if (e->parent)
      buf_printf(out, "  owned by %.*s", STRF(e->parent->name));
    buf_putc(out, '\n');
  }
  buf_printf(out, "features (%d):\n", m->nfeatures);
  for (int i = 0; i < m->nfeatures; i++) {
    const Feature *f = &m->features[i];
    buf_printf(out, "  %s", feature_kind_name(f->kind));
    if (f->name.n)
      buf_printf(out, " %.*s", STRF(f->name));
    if (f->entity)
      buf_printf(out, " %.*s", STRF(f->entity->name));
    for (int k = 0; k < f->nvia; k++)
      if (f->via[k])
        buf_printf(out, ".%.*s", STRF(f->via[k]->name));
    if (f->field)
      buf_printf(out, ".%.*s", STRF(f->field->name));
    buf_putc(out, '\n');
  }
  buf_printf(out, "assumptions (%d):\n", m->nassumptions);
  for (int i = 0; i < m->nassumptions; i++)
    buf_printf(out, "  - %.*s\n", STRF(m->assumptions[i].text));
}
