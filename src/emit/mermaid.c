/* Mermaid diagrams drawn from the plan's documents facts: the ER diagram
 * from the model, C4 context, container and component views from the parts
 * and modules, sequence diagrams from the flows, the deployment view and the
 * delivery pipeline. Identifiers are the parts' ids or an index plus the
 * sanitised name (esc_mermaid_id), so they are unique and valid whatever the
 * spec's names hold; every label goes through esc_mermaid. */
#include <stdlib.h>

#include "../util/esc.h"
#include "emit.h"

static void q(Buf *o, Str s) {
  buf_putc(o, '"');
  esc_mermaid(o, s);
  buf_putc(o, '"');
}

static void ent_id(Buf *o, const Entity *e) {
  buf_printf(o, "e%d_", e->index);
  esc_mermaid_id(o, e->name);
}

/* ORDER FIELD_TYPES: one ER attribute type per FieldType. */
static const char *const er_types[FT_COUNT_] = {
  [FT_NONE] = "string", [FT_STRING] = "string", [FT_TEXT] = "text", [FT_INT] = "int", [FT_FLOAT] = "float",
  [FT_BOOL] = "bool", [FT_MONEY] = "decimal", [FT_EMAIL] = "string", [FT_URL] = "string", [FT_PHONE] = "string",
  [FT_TIMESTAMP] = "timestamp", [FT_DATE] = "date", [FT_UUID] = "uuid", [FT_JSON] = "json", [FT_BLOB] = "string",
  [FT_SECRET] = "string", [FT_ENUM] = "string", [FT_REF] = "uuid",
};

void mm_er(Buf *o, const Plan *p) {
  const Model *m = p->model;
  buf_puts(o, "```mermaid\nerDiagram\n");
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    buf_puts(o, "  ");
    ent_id(o, e);
    buf_putc(o, '[');
    q(o, e->name);
    buf_puts(o, "] {\n    uuid id PK\n");
    for (int k = 0; k < e->nfields; k++) {
      const Field *f = &e->fields[k];
      if (!p->api.ents[i].ff[k].stored)   /* links, and passwords an identity service holds */
        continue;
      buf_printf(o, "    %s%s f%d_", er_types[f->type], f->array ? "_list" : "", k);
      esc_mermaid_id(o, f->name);
      if (f->rel == REL_MANY_TO_ONE)
        buf_puts(o, f->unique ? " FK, UK" : " FK");
      else if (f->unique)
        buf_puts(o, " UK");
      Buf c = {0};
      buf_str(&c, f->name);
      if (f->tags & TAG_PII)
        buf_puts(&c, ", pii");
      if (f->tags & TAG_PHI)
        buf_puts(&c, ", phi");
      if (f->tags & TAG_PCI)
        buf_puts(&c, ", pci");
      if (f->type == FT_SECRET || (f->tags & TAG_SECRET))
        buf_puts(&c, ", secret: hashed");
      if (f->optional)
        buf_puts(&c, ", optional");
      buf_putc(o, ' ');
      q(o, buf_view(&c));
      buf_free(&c);
      buf_putc(o, '\n');
    }
    buf_puts(o, "    timestamp created_at\n    timestamp updated_at\n  }\n");
  }
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    for (int k = 0; k < e->nfields; k++) {
      const Field *f = &e->fields[k];
      if (f->rel != REL_MANY_TO_ONE || !f->ref)
        continue;
      buf_puts(o, "  ");
      ent_id(o, f->ref);
      buf_puts(o, f->optional ? " |o--" : " ||--");
      buf_puts(o, f->unique ? "o| " : "o{ ");
      ent_id(o, e);
      buf_puts(o, " : ");
      q(o, f->name);
      buf_putc(o, '\n');
    }
  }
  buf_puts(o, "```\n\n");
}

static void part_label(Buf *o, const Part *pt) {
  q(o, pt->name);
  buf_puts(o, ", ");
}

static void c4_element(Buf *o, const Part *pt, bool inside, const char *indent) {
  const char *kw = c4_keyword(pt, inside);
  buf_printf(o, "%s%s(%.*s, ", indent, kw, STRF(pt->id));
  part_label(o, pt);
  if (inside && pt->kind != PART_PERSON && pt->kind != PART_DEVICE && pt->kind != PART_EXTERNAL) {
    q(o, pt->tech.n ? pt->tech : S("managed service"));
    buf_puts(o, ", ");
  }
  q(o, pt->kind == PART_EXTERNAL && pt->tech.n ? pt->tech : pt->purpose);
  buf_puts(o, ")\n");
}

static bool internal(const Part *pt) { return c4_internal(pt); }

static void rels(Buf *o, const C4Rel *r, int n) {
  for (int i = 0; i < n; i++) {
    buf_printf(o, "  Rel(%.*s, %.*s, ", STRF(r[i].from), STRF(r[i].to));
    q(o, r[i].what);
    buf_puts(o, ", ");
    q(o, r[i].how);
    buf_puts(o, ")\n");
  }
}

void mm_c4_context(Buf *o, const Plan *p) {
  const DocFacts *d = p->docs;
  buf_puts(o, "```mermaid\nC4Context\n  title ");
  buf_puts(o, "\"System context of ");
  esc_mermaid(o, p->model->project.name);
  buf_putc(o, '"');
  buf_puts(o, "\n");
  for (int i = 0; i < d->nparts; i++)
    if (d->parts[i].kind == PART_PERSON || d->parts[i].kind == PART_DEVICE)
      c4_element(o, &d->parts[i], false, "  ");
  buf_puts(o, "  System(system, ");
  q(o, p->model->project.name);
  buf_puts(o, ", ");
  q(o, p->model->project.idea);
  buf_puts(o, ")\n");
  for (int i = 0; i < d->nparts; i++)
    if (d->parts[i].kind == PART_EXTERNAL)
      c4_element(o, &d->parts[i], false, "  ");
  C4Rel *r = malloc(sizeof *r * (size_t)c4_max_rels(p));
  if (!r)
    abort();
  rels(o, r, c4_context_rels(p, r));
  free(r);
  buf_puts(o, "```\n\n");
}

void mm_c4_container(Buf *o, const Plan *p) {
  const DocFacts *d = p->docs;
  buf_puts(o, "```mermaid\nC4Container\n  title \"Containers\"\n");
  for (int i = 0; i < d->nparts; i++)
    if (d->parts[i].kind == PART_PERSON || d->parts[i].kind == PART_DEVICE)
      c4_element(o, &d->parts[i], false, "  ");
  buf_puts(o, "  System_Boundary(system, ");
  q(o, p->model->project.name);
  buf_puts(o, ") {\n");
  for (int i = 0; i < d->nparts; i++)
    if (internal(&d->parts[i]))
      c4_element(o, &d->parts[i], true, "    ");
  buf_puts(o, "  }\n");
  for (int i = 0; i < d->nparts; i++)
    if (d->parts[i].kind == PART_EXTERNAL)
      c4_element(o, &d->parts[i], false, "  ");
  C4Rel *r = malloc(sizeof *r * (size_t)c4_max_rels(p));
  if (!r)
    abort();
  rels(o, r, c4_container_rels(p, r));
  free(r);
  buf_puts(o, "```\n\n");
}

void mm_c4_component(Buf *o, const Plan *p) {
  const DocFacts *d = p->docs;
  const Part *api = &d->parts[d->api];
  buf_puts(o, "```mermaid\nC4Component\n  title \"Components of the API\"\n  Container_Boundary(api, ");
  q(o, api->tech.n ? api->tech : api->name);
  buf_puts(o, ") {\n");
  for (int i = 0; i < d->nmodules; i++) {
    const Module *mo = &d->modules[i];
    buf_printf(o, "    Component(%.*s, ", STRF(mo->id));
    q(o, mo->name);
    buf_puts(o, ", \"module\", ");
    q(o, mo->duties);
    buf_puts(o, ")\n");
  }
  buf_puts(o, "  }\n");
  /* The parts the modules use, each once. */
  for (int i = 0; i < d->nparts; i++)
    if (c4_component_part(p, i))
      c4_element(o, &d->parts[i], d->parts[i].kind != PART_EXTERNAL, "  ");
  C4Rel *r = malloc(sizeof *r * (size_t)c4_max_rels(p));
  if (!r)
    abort();
  rels(o, r, c4_component_rels(p, r));
  free(r);
  buf_puts(o, "```\n\n");
}

void mm_sequence(Buf *o, const Plan *p, const Flow *f) {
  const DocFacts *d = p->docs;
  buf_puts(o, "```mermaid\nsequenceDiagram\n  autonumber\n");
  for (int i = 0; i < f->nparts; i++) {
    const Part *pt = &d->parts[f->parts[i]];
    buf_printf(o, "  %s %.*s as ", pt->kind == PART_PERSON || pt->kind == PART_DEVICE ? "actor" : "participant",
               STRF(pt->id));
    esc_mermaid(o, pt->name);
    buf_putc(o, '\n');
  }
  int depth = 0;
  for (int i = 0; i < f->nsteps; i++) {
    const Step *s = &f->steps[i];
    buf_fill(o, ' ', 2 + 2 * depth - (s->kind == STEP_ELSE || s->kind == STEP_END ? 2 : 0));
    switch (s->kind) {
    case STEP_CALL:
    case STEP_REPLY:
      buf_printf(o, "%.*s%s%.*s: ", STRF(d->parts[s->from].id), s->kind == STEP_CALL ? "->>" : "-->>",
                 STRF(d->parts[s->to].id));
      esc_mermaid(o, s->text);
      break;
    case STEP_NOTE:
      buf_printf(o, "Note over %.*s: ", STRF(d->parts[s->from].id));
      esc_mermaid(o, s->text);
      break;
    case STEP_ALT:
      buf_puts(o, "alt ");
      esc_mermaid(o, s->text);
      depth++;
      break;
    case STEP_ELSE:
      buf_puts(o, "else ");
      esc_mermaid(o, s->text);
      break;
    case STEP_END:
      buf_puts(o, "end");
      depth--;
      break;
    }
    buf_putc(o, '\n');
  }
  buf_puts(o, "```\n\n");
}

void mm_deployment(Buf *o, const Plan *p) {
  const DocFacts *d = p->docs;
  buf_puts(o, "```mermaid\nflowchart TB\n");
  for (int i = 0; i < d->nparts; i++)
    if (d->parts[i].kind == PART_PERSON || d->parts[i].kind == PART_DEVICE) {
      buf_printf(o, "  %.*s([", STRF(d->parts[i].id));
      q(o, d->parts[i].name);
      buf_puts(o, "])\n");
    }
  buf_puts(o, "  subgraph cloud[");
  Str region = d->region;
  q(o, d->cloud_name);
  buf_puts(o, "]\n    subgraph region_box[");
  q(o, region);
  buf_puts(o, "]\n");
  for (int i = 0; i < d->nparts; i++) {
    const Part *pt = &d->parts[i];
    if (!internal(pt))
      continue;
    const Choice *c = pt->choice;
    buf_printf(o, "      %.*s", STRF(pt->id));
    buf_puts(o, pt->kind == PART_STORE ? "[(" : pt->kind == PART_QUEUE ? "[/" : "[");
    Buf l = {0};
    buf_str(&l, pt->name);
    buf_puts(&l, ": ");
    buf_str(&l, c ? c->tech->name : pt->tech);
    if (c && c->cost.sizing.n) {
      buf_puts(&l, ", ");
      buf_str(&l, c->cost.sizing);
    }
    q(o, buf_view(&l));
    buf_free(&l);
    buf_puts(o, pt->kind == PART_STORE ? ")]\n" : pt->kind == PART_QUEUE ? "/]\n" : "]\n");
  }
  buf_puts(o, "    end\n  end\n");
  for (int i = 0; i < d->nparts; i++)
    if (d->parts[i].kind == PART_EXTERNAL) {
      buf_printf(o, "  %.*s{{", STRF(d->parts[i].id));
      q(o, d->parts[i].tech.n ? d->parts[i].tech : d->parts[i].name);
      buf_puts(o, "}}\n");
    }
  for (int i = 0; i < d->nparts; i++)
    for (int k = 0; k < d->parts[i].ndeps; k++) {
      buf_printf(o, "  %.*s -->|", STRF(d->parts[i].id));
      q(o, d->parts[i].deps[k].how);
      buf_printf(o, "| %.*s\n", STRF(d->parts[d->parts[i].deps[k].to].id));
    }
  buf_puts(o, "```\n\n");
}

static Str slot_name(const Plan *p, const char *slot, const char *dflt) {
  const Choice *c = plan_choice(p, slot);
  return c ? c->tech->name : str_c(dflt);
}

void mm_pipeline(Buf *o, const Plan *p) {
  const DocFacts *d = p->docs;
  buf_puts(o, "```mermaid\nflowchart LR\n  push([\"push or pull request\"]) --> lint[");
  Buf l = {0};
  buf_puts(&l, "lint: ");
  buf_str(&l, slot_name(p, "lint", "the linter"));
  q(o, buf_view(&l));
  l.n = 0;
  buf_puts(o, "]\n  lint --> test[");
  buf_printf(&l, "unit and integration tests: %.*s, coverage at least %.0f%%", STRF(slot_name(p, "testing", "the test runner")),
             d->coverage * 100);
  q(o, buf_view(&l));
  l.n = 0;
  buf_puts(o, "]\n  test --> build[\"build the artifact once, tag it with the commit\"]\n");
  buf_puts(o, "  build --> migrate[\"apply migrations to staging\"]\n  migrate --> staging[\"deploy to staging\"]\n");
  buf_puts(o, "  staging --> smoke[");
  buf_printf(&l, "smoke and load test: %.*s at the design load", STRF(slot_name(p, "loadtest", "the load generator")));
  q(o, buf_view(&l));
  l.n = 0;
  buf_puts(o, "]\n  smoke --> gate{\"p95 and error rate within target?\"}\n  gate -->|yes| canary[");
  buf_printf(&l, "production canary: %.0f%% of traffic for %.0f minutes", d->canary_share * 100, d->canary_minutes);
  q(o, buf_view(&l));
  buf_puts(o, "]\n  gate -->|no| stop[\"stop: fix forward on main\"]\n");
  buf_puts(o, "  canary --> watch{\"alerts quiet?\"}\n  watch -->|yes| promote[\"promote to all traffic\"]\n");
  buf_puts(o, "  watch -->|no| rollback[\"roll back to the previous artifact\"]\n```\n\n");
  buf_free(&l);
}
