/* Archetype components and design decisions (plan/archetype.c): their JSON
 * in `plan --format json` and their sections in DECISIONS.md. */
#include <math.h>

#include "../util/esc.h"
#include "../util/json.h"
#include "emit.h"

void json_components(Json *j, const Plan *p) {
  json_arr(j);
  for (int i = 0; i < p->ncomponents; i++) {
    const Component *c = &p->components[i];
    json_obj(j);
    json_key(j, "name");
    json_str(j, c->name);
    json_key(j, "kind");
    json_str(j, c->kind);
    json_key(j, "purpose");
    json_str(j, c->purpose);
    json_key(j, "sized_by");
    json_str(j, c->sized_by);
    json_key(j, "value");
    json_num(j, round(c->value * 1000) / 1000);
    json_key(j, "unit");
    json_str(j, c->unit);
    json_key(j, "instances");
    json_num(j, c->instances);
    json_key(j, "slot");
    if (c->slot.n)
      json_str(j, c->slot);
    else
      json_null(j);
    json_key(j, "feature");
    json_str(j, str_c(feature_specs[c->feature->kind].name));
    json_end_obj(j);
  }
  json_end_arr(j);
}

void json_designs(Json *j, const Plan *p) {
  json_arr(j);
  for (int i = 0; i < p->ndesigns; i++) {
    const DesignDecision *d = &p->designs[i];
    json_obj(j);
    json_key(j, "topic");
    json_str(j, d->topic);
    json_key(j, "choice");
    json_str(j, d->choice);
    json_key(j, "because");
    json_arr(j);
    for (int k = 0; k < d->nbecause; k++)
      json_str(j, d->because[k]);
    json_end_arr(j);
    json_key(j, "rejected");
    json_arr(j);
    for (int k = 0; k < d->nrejected; k++) {
      json_obj(j);
      json_key(j, "option");
      json_str(j, d->rejected[k].option);
      json_key(j, "why");
      json_str(j, d->rejected[k].why);
      json_end_obj(j);
    }
    json_end_arr(j);
    json_key(j, "revisit");
    json_str(j, d->revisit);
    json_key(j, "flip");
    json_obj(j);
    json_key(j, "parameter");
    json_str(j, d->parameter);
    json_key(j, "at");
    json_num(j, round(d->flip * 1000) / 1000);
    json_end_obj(j);
    json_end_obj(j);
  }
  json_end_arr(j);
}

void md_designs(const Plan *p, Buf *o) {
  if (!p->ndesigns && !p->ncomponents)
    return;
  if (p->ncomponents) {
    buf_puts(o, "## Components\n\nWhat the problem is about, sized from the workload.\n\n"
                "| component | kind | purpose | sized by |\n| --- | --- | --- | --- |\n");
    for (int i = 0; i < p->ncomponents; i++) {
      const Component *c = &p->components[i];
      buf_puts(o, "| ");
      esc_md(o, c->name);
      buf_printf(o, " | %.*s | ", STRF(c->kind));
      esc_md(o, c->purpose);
      buf_puts(o, " | ");
      esc_md(o, c->sized_by);
      buf_puts(o, " |\n");
    }
    buf_putc(o, '\n');
  }
  if (!p->ndesigns)
    return;
  buf_puts(o, "## Design decisions\n\nChoices between designs, not vendors, each with the point where it flips.\n\n");
  for (int i = 0; i < p->ndesigns; i++) {
    const DesignDecision *d = &p->designs[i];
    buf_puts(o, "### ");
    esc_md(o, d->topic);
    buf_puts(o, ": ");
    esc_md(o, d->choice);
    buf_puts(o, "\n\nWhy:\n\n");
    for (int k = 0; k < d->nbecause; k++) {
      buf_puts(o, "- ");
      esc_md(o, d->because[k]);
      buf_putc(o, '\n');
    }
    if (d->nrejected)
      buf_puts(o, "\nAlternatives considered:\n\n");
    for (int k = 0; k < d->nrejected; k++) {
      buf_puts(o, "- ");
      esc_md(o, d->rejected[k].option);
      buf_puts(o, ": ");
      esc_md(o, d->rejected[k].why);
      buf_putc(o, '\n');
    }
    buf_puts(o, "\nWhen to revisit: ");
    esc_md(o, d->revisit);
    buf_puts(o, ".\n\n");
  }
}
