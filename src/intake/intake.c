/* plinth new: an idea text to a draft spec (see intake.h; the passes are
 * described in draft.h). This file runs the passes in order; render.c
 * writes the draft, put.c holds the writing helpers. */
#include "intake.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../util/json.h"
#include "draft.h"

static Str copy_str(Arena *a, Str s) {
  char *p = new(a, char, s.n + 1);
  if (s.n)
    memcpy(p, s.p, (size_t)s.n);
  return (Str){p, s.n};
}

/* ---- the command ---- */

static void json_figures(Json *j, const Draft *d) {
  static const char *const names[] = {"users", "active_percent", "requests_per_day", "writes_per_second",
                                      "devices", "interval_seconds", "peak", "budget_per_month",
                                      "p95_seconds", "p99_seconds", "availability_percent", "deadline_seconds",
                                      "team"};
  json_key(j, "figures");
  json_obj(j);
  for (int i = 0; i < F_COUNT_; i++) {
    if (!d->f[i].given)
      continue;
    json_key(j, names[i]);
    json_num(j, d->f[i].v);
  }
  json_end_obj(j);
}

/* The idea text through every pass: words, nouns, figures, archetypes,
 * features and the project's name. */
static Draft *read_idea(Arena *a, const Kb *kb, Str text) {
  Draft *d = new(a, Draft, 1);
  d->text = text;
  d->lx = lex_load(a, kb);
  d->w = scan_text(a, text, MAX_WORDS);
  dr_bounds(a, d);
  nouns_scan(a, d);
  nouns_build(a, d);
  figures_scan(a, d);
  archetypes_prepare(a, d);
  nouns_finish(a, d);
  features_scan(a, d);
  archetypes_scan(a, d);
  ents_prune_refs(d);
  d->name = dr_project_name(a, d);
  return d;
}

/* Renders the draft into b from `start`. A draft whose settings no stack
 * meets together loses them one by one, the least certain first, until it
 * plans. */
static void render_until_plans(Arena *a, const Kb *kb, Draft *d, const IntakeOut *out, ptrdiff_t start) {
  Buf *b = out->spec;
  dr_render(a, d, NULL, b);
  bool *drops[] = {&d->drop_prefer, &d->drop_region, &d->drop_compliance, &d->drop_skills};   /* the skills the user named go last */
  bool plans = out->no_questions || questions_plans(a, kb, copy_str(a, (Str){b->p + start, b->n - start}), true);
  for (int step = 0; step <= 4 && !plans; step++) {
    for (int k = 0; k < 4; k++)
      *drops[k] = step == 4 || k == step;
    b->n = start;
    dr_render(a, d, NULL, b);
    plans = questions_plans(a, kb, copy_str(a, (Str){b->p + start, b->n - start}), true);
  }
}

/* The draft's entities, the principal first as in the draft. */
static void json_entities(Json *j, const Draft *d) {
  json_key(j, "entities");
  json_arr(j);
  for (int o = -1; o < d->nents; o++) {
    int i = o < 0 ? d->principal : o;
    if (i < 0 || (o >= 0 && i == d->principal))
      continue;
    json_obj(j);
    json_key(j, "name");
    json_str(j, d->ents[i].name);
    json_key(j, "parent");
    if (d->ents[i].parent >= 0)
      json_str(j, d->ents[d->ents[i].parent].name);
    else
      json_null(j);
    json_key(j, "principal");
    json_bool(j, d->ents[i].principal);
    json_key(j, "from_text");
    json_bool(j, !d->ents[i].added);
    json_end_obj(j);
  }
  json_end_arr(j);
}

/* The draft's feature and integration lines, each cut to its first three
 * words ("feature crud Task"). */
static void json_features(Json *j, Str spec) {
  json_key(j, "features");
  json_arr(j);
  for (ptrdiff_t i = 0; i < spec.n;) {
    ptrdiff_t e = i;
    while (e < spec.n && spec.p[e] != '\n')
      e++;
    Str line = {spec.p + i, e - i};
    if (str_has_prefix(line, S("feature ")) || str_has_prefix(line, S("integration "))) {
      ptrdiff_t k = 0, words = 0;
      while (k < line.n && words < 3) {
        if (line.p[k] == ' ' || line.p[k] == '{')
          words++;
        if (words < 3)
          k++;
      }
      while (k > 0 && line.p[k - 1] == ' ')
        k--;
      json_str(j, (Str){line.p, k});
    }
    i = e + 1;
  }
  json_end_arr(j);
}

/* What `plinth new --json` prints: the draft's parts, its questions and
 * the draft itself. */
static void json_new(const IntakeOut *out, const Draft *d, bool empty, Str spec, const Finding *top, int nq) {
  Json j = {.out = out->json, .schema = PLINTH_SCHEMA_BASE "new.schema.json"};
  json_obj(&j);
  json_key(&j, "plinth_new");
  json_num(&j, 1);
  json_key(&j, "empty");
  json_bool(&j, empty);
  json_key(&j, "project");
  json_str(&j, d->name);
  json_entities(&j, d);
  json_features(&j, spec);
  json_key(&j, "skills");
  json_arr(&j);
  for (int i = 0; i < d->nskills; i++)
    json_str(&j, d->skills[i]);
  json_end_arr(&j);
  json_figures(&j, d);
  json_key(&j, "questions");
  json_arr(&j);
  for (int i = 0; i < nq; i++) {
    json_obj(&j);
    json_key(&j, "ask");
    json_cstr(&j, top[i].ask);
    json_key(&j, "at");
    json_str(&j, top[i].at);
    json_key(&j, "flips");
    json_num(&j, top[i].flips);
    json_key(&j, "changes");
    json_str(&j, top[i].changes);
    json_end_obj(&j);
  }
  json_end_arr(&j);
  json_key(&j, "spec");
  json_str(&j, buf_view(out->spec));
  json_end_obj(&j);
  buf_putc(out->json, '\n');
}

void intake_new(Arena *a, const Kb *kb, Str text, IntakeOut *out) {
  Draft *d = read_idea(a, kb, text);
  int given = 0;
  for (int i = 0; i < F_COUNT_; i++)
    given += d->f[i].given;
  bool empty = !d->nents && !given && !d->nskills;
  Buf *b = out->spec;
  buf_puts(b, "# A draft spec written by `plinth new` from an idea text. Lines marked\n"
              "# \"assumed\" are guesses: check each, change it, then run `plinth plan`.\n");
  if (empty) {
    buf_puts(out->msg, "plinth new: found nothing to build on in the text (no domain nouns, features or figures); "
                       "writing a minimal skeleton to fill in\n");
    buf_puts(b, "# The text named no entity, feature or figure Plinth knows: this is a\n"
                "# skeleton: add the records it keeps (see docs/language.md, section 4).\n");
  }
  ptrdiff_t start = b->n;
  render_until_plans(a, kb, d, out, start);
  Str spec = {b->p + start, b->n - start};
  Str copy = copy_str(a, spec);
  Finding top[4];
  int nq = out->no_questions ? 0 : questions_ask(a, kb, d, copy, b, top, 4);
  if (nq < 0)
    buf_puts(out->msg, "plinth new: the draft does not plan cleanly; run 'plinth check' on it\n");
  if (out->json)
    json_new(out, d, empty, copy, top, nq);
}
