/* The C4 views every diagram format draws (Mermaid, LikeC4, Structurizr,
 * C4-PlantUML): which parts each view shows and its relations, read from
 * the plan's documents facts, so the diagrams of all formats carry the
 * same elements, relations and views. */
#include <stdlib.h>

#include "emit.h"

bool c4_internal(const Part *pt) {
  return pt->kind == PART_CONTAINER || pt->kind == PART_STORE || pt->kind == PART_QUEUE;
}

/* The element's macro in C4 notation, the same in Mermaid's C4 diagrams and
 * C4-PlantUML: inside the system's boundary a container, outside a system. */
const char *c4_keyword(const Part *pt, bool inside) {
  switch (pt->kind) {
  case PART_PERSON: case PART_DEVICE: return "Person";
  case PART_STORE: return inside ? "ContainerDb" : "SystemDb_Ext";
  case PART_QUEUE: return inside ? "ContainerQueue" : "SystemQueue_Ext";
  case PART_EXTERNAL: return "System_Ext";
  default: return inside ? "Container" : "System";
  }
}

int c4_max_rels(const Plan *p) {
  const DocFacts *d = p->docs;
  int n = 2 * d->nmodules + 1;
  for (int i = 0; i < d->nparts; i++)
    n += d->parts[i].ndeps;
  for (int k = 0; k < d->nmodules; k++)
    n += d->modules[k].nuses;
  return n;
}

/* Context: internal parts collapsed into the system ("system"), each pair
 * once; only the API and the worker speak for the system outwards. */
int c4_context_rels(const Plan *p, C4Rel *out) {
  const DocFacts *d = p->docs;
  int n = 0;
  bool *in = calloc((size_t)d->nparts + 1, 1), *outw = calloc((size_t)d->nparts + 1, 1);
  if (!in || !outw)
    abort();
  for (int i = 0; i < d->nparts; i++) {
    const Part *pt = &d->parts[i];
    bool from_in = c4_internal(pt);
    for (int k = 0; k < pt->ndeps; k++) {
      const Part *to = &d->parts[pt->deps[k].to];
      bool to_in = c4_internal(to);
      if (from_in && to_in)
        continue;
      if (from_in && i != d->api && i != d->worker)
        continue;
      bool *seen = from_in ? &in[pt->deps[k].to] : to_in ? &outw[i] : NULL;
      if (seen && *seen)
        continue;
      if (seen)
        *seen = true;
      out[n++] = (C4Rel){from_in ? S("system") : pt->id, to_in ? S("system") : to->id, pt->deps[k].what, pt->deps[k].how};
    }
  }
  free(in);
  free(outw);
  return n;
}

int c4_container_rels(const Plan *p, C4Rel *out) {
  const DocFacts *d = p->docs;
  int n = 0;
  for (int i = 0; i < d->nparts; i++)
    for (int k = 0; k < d->parts[i].ndeps; k++) {
      const PartDep *dp = &d->parts[i].deps[k];
      out[n++] = (C4Rel){d->parts[i].id, d->parts[dp->to].id, dp->what, dp->how};
    }
  return n;
}

bool c4_component_part(const Plan *p, int i) {
  const DocFacts *d = p->docs;
  if (i == d->api)
    return false;
  bool used = i == d->idp && d->nmodules && d->modules[0].entity == NULL;
  for (int k = 0; k < d->nmodules && !used; k++)
    for (int j = 0; j < d->modules[k].nuses; j++)
      used |= d->modules[k].uses[j] == i;
  return used || (i == d->queue && d->worker >= 0);
}

int c4_component_rels(const Plan *p, C4Rel *out) { return c4_component_rels_upto(p, p->docs->nmodules, out); }

int c4_component_rels_upto(const Plan *p, int nmodules, C4Rel *out) {
  const DocFacts *d = p->docs;
  int n = 0;
  for (int k = 0; k < nmodules && k < d->nmodules; k++) {
    const Module *mo = &d->modules[k];
    if (!mo->entity && str_eqc(mo->id, "mod_auth") && d->idp >= 0)
      out[n++] = str_eqc(p->api.method, "session")
                     ? (C4Rel){mo->id, d->parts[d->idp].id, S("checks credentials at sign-in"), S("HTTPS")}
                     : (C4Rel){mo->id, d->parts[d->idp].id, S("verifies tokens"), S("JWKS")};
    if (!mo->entity && str_eqc(mo->id, "mod_jobs") && d->queue >= 0)
      out[n++] = (C4Rel){mo->id, d->parts[d->queue].id, S("consumes jobs"), S("TLS")};
    for (int j = 0; j < mo->nuses; j++)
      out[n++] = (C4Rel){mo->id, d->parts[mo->uses[j]].id, S("uses"), S("")};
  }
  return n;
}
