/* What docfacts.c and flows.c share: the state plan_docfacts builds the
 * facts with, kept in DocFacts.ctx so a flow's steps can be made again when
 * a document draws it (docfacts_flow). */
#ifndef PLINTH_PLAN_DOCINT_H
#define PLINTH_PLAN_DOCINT_H

#include "plan.h"

typedef struct DocCtx {
  Arena *a;              /* where the facts go; a scratch arena while a flow is drawn */
  const Plan *p;
  DocFacts *d;
  int cap_parts, cap_flows, cap_mods, cap_int, cap_flags, cap_alerts, cap_cache;
  int *dcap, *depcap;    /* per part: capacity of duties and deps */
  int *feature_part;     /* per feature: its integration's part, or -1 */
  int *entity_cache;     /* per entity: its cache entry, or -1 */
  int device, email, sms, push;
  int *comp_part;        /* per archetype component: its part */
  Str kinds[16];         /* integration kinds seen, with their first part */
  int kind_part[16], nkinds;
} DocCtx;

#define FIG(p, key, dflt) plan_figure((p), "documents", (key), (dflt))

/* The store part an entity's rows are in (NULL: the database's own tables). */
int docfacts_store_part(const DocCtx *c, const Entity *e);
/* The part of the first integration of `kind` (the notify channels are
 * email, sms and push), from the table build_parts fills; -1 if none. */
int docfacts_provider_of_kind(const DocCtx *c, Str kind);
/* The part of the archetype component named `name`, or -1. */
int docfacts_comp_part(const DocCtx *c, const char *name);
/* DocFacts.flows (titles and features, authentication first), the feature
 * titles and the feature flags; the steps are docfacts_flow's. */
void docfacts_flows(DocCtx *c);

#endif
