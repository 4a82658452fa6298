/* Technology decisions: the whole plan as JSON (`plinth plan --format
 * json`), the decision record as Markdown (`--only decisions`) and one slot
 * explained (`plinth explain`). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../util/esc.h"
#include "../util/json.h"
#include "emit.h"

static void str_array(Json *j, const Str *s, int n) {
  json_arr(j);
  for (int i = 0; i < n; i++)
    json_str(j, s[i]);
  json_end_arr(j);
}

static void topology_json(Json *j, const Topology *t) {
  json_obj(j);
  json_key(j, "instance_class");
  json_str(j, t->instance_class);
  json_key(j, "instances");
  json_num(j, t->instances);
  json_key(j, "replicas");
  json_num(j, t->replicas);
  json_key(j, "shards");
  json_num(j, t->shards);
  json_key(j, "shard_key");
  if (t->shard_key.n)
    json_str(j, t->shard_key);
  else
    json_null(j);
  json_key(j, "zones");
  json_num(j, t->zones);
  json_key(j, "standbys");
  json_num(j, t->standbys);
  json_key(j, "ceiling");
  json_str(j, t->ceiling);
  json_key(j, "headroom");
  json_num(j, round(t->headroom * 1000) / 1000);
  json_key(j, "exceeds");
  if (t->exceeds)
    json_str(j, t->exceeds_why);
  else
    json_bool(j, false);
  if (t->why.n) {
    json_key(j, "why");
    json_str(j, t->why);
  }
  if (t->nregions) {
    json_key(j, "regions");
    json_arr(j);
    for (int i = 0; i < t->nregions; i++) {
      json_obj(j);
      json_key(j, "name");
      json_str(j, t->regions[i].name);
      json_key(j, "role");
      json_str(j, t->regions[i].role);
      json_key(j, "instances");
      json_num(j, t->regions[i].instances);
      json_key(j, "replicas");
      json_num(j, t->regions[i].replicas);
      json_end_obj(j);
    }
    json_end_arr(j);
  }
  if (t->memory.n) {
    json_key(j, "memory");
    json_str(j, t->memory);
  }
  if (t->partitioning.n) {
    json_key(j, "partitioning");
    json_str(j, t->partitioning);
  }
  if (t->deployment.n) {
    json_key(j, "deployment");
    json_str(j, t->deployment);
  }
  if (t->load_writes > 0 || t->load_reads > 0 || t->load_bytes > 0) {
    json_key(j, "load");
    json_obj(j);
    json_key(j, "writes_per_s");
    json_num(j, round(t->load_writes * 10) / 10);
    json_key(j, "reads_per_s");
    json_num(j, round(t->load_reads * 10) / 10);
    json_key(j, "bytes");
    json_num(j, round(t->load_bytes));
    json_key(j, "hot_bytes");
    json_num(j, round(t->load_hot));
    if (t->memory.n) {
      json_key(j, "memory_bytes");
      json_num(j, round(t->load_memory));
    }
    if (t->load_stored > 0 && t->load_stored < t->load_bytes) {
      json_key(j, "stored_bytes");
      json_num(j, round(t->load_stored));
    }
    if (t->load_scan > 0) {
      json_key(j, "scan_bytes_per_s");
      json_num(j, round(t->load_scan));
    }
    json_end_obj(j);
  }
  if (t->class_writes > 0 || t->class_reads > 0) {
    json_key(j, "per_instance");
    json_obj(j);
    json_key(j, "writes_per_s");
    json_num(j, t->class_writes);
    json_key(j, "reads_per_s");
    json_num(j, t->class_reads);
    json_key(j, "memory_bytes");
    json_num(j, t->class_memory);
    if (t->class_storage > 0) {
      json_key(j, "storage_bytes");
      json_num(j, t->class_storage);
    }
    if (t->class_scan > 0) {
      json_key(j, "scan_bytes_per_s");
      json_num(j, t->class_scan);
    }
    if (t->memory_ratio > 0) {
      json_key(j, "storage_per_memory");
      json_num(j, t->memory_ratio);
    }
    json_end_obj(j);
  }
  json_end_obj(j);
}

static void decision_json(Json *j, const Choice *c) {
  json_obj(j);
  json_key(j, "slot");
  json_str(j, c->need->slot);
  json_key(j, "need");
  json_str(j, c->need->reason);
  json_key(j, "choice");
  if (c->tech)
    json_str(j, c->tech->id);
  else
    json_null(j);
  json_key(j, "name");
  if (c->tech)
    json_str(j, c->tech->name);
  else
    json_null(j);
  json_key(j, "monthly_usd");
  json_num(j, round(c->cost.usd * 100) / 100);
  if (c->tech && c->cost.ops_engineers > 0) {
    /* the people to run a part the team runs itself (choose.c) */
    json_key(j, "operations");
    json_obj(j);
    json_key(j, "engineers");
    json_num(j, round(c->cost.ops_engineers * 1000) / 1000);
    json_key(j, "monthly_usd");
    json_num(j, round(c->cost.ops_usd * 100) / 100);
    json_end_obj(j);
  }
  if (c->tech && c->cost.topo.set) {
    json_key(j, "topology");
    topology_json(j, &c->cost.topo);
  }
  if (c->cost.tier.n) {
    json_key(j, "tier");
    json_str(j, c->cost.tier);
  }
  json_key(j, "because");
  str_array(j, c->because, c->nbecause);
  json_key(j, "rejected");
  json_arr(j);
  for (int i = 0; i < c->nrejected; i++) {
    json_obj(j);
    json_key(j, "option");
    json_str(j, c->rejected[i].option);
    json_key(j, "why");
    json_str(j, c->rejected[i].why);
    json_end_obj(j);
  }
  json_end_arr(j);
  if (c->cost.topo.set && c->tech) {
    json_key(j, "topology_revisit");
    if (c->revisit.topo_text.n) {
      json_obj(j);
      json_key(j, "factor");
      json_num(j, c->revisit.topo_factor);
      json_key(j, "text");
      json_str(j, c->revisit.topo_text);
      json_end_obj(j);
    } else
      json_null(j);
  }
  json_key(j, "revisit");
  if (c->revisit.found) {
    json_obj(j);
    json_key(j, "parameter");
    json_str(j, c->revisit.parameter);
    json_key(j, "factor");
    json_num(j, c->revisit.factor);
    json_key(j, "value");
    json_num(j, round(c->revisit.value));
    json_key(j, "to");
    json_str(j, c->revisit.to->id);
    json_key(j, "text");
    json_str(j, c->revisit.text);
    json_end_obj(j);
  } else
    json_null(j);
  json_end_obj(j);
}

/* The validation and operations kit, in brief: units with their
 * operations and events, events with their ends, and the counts of the
 * contract tests, runbooks and managed resources. */
static void json_kit(Json *j, const Plan *p) {
  const Kit *k = p->kit;
  if (!k) {
    json_null(j);
    return;
  }
  json_obj(j);
  json_key(j, "units");
  json_arr(j);
  for (int i = 0; i < k->nunits; i++) {
    const Unit *u = &k->units[i];
    json_obj(j);
    json_key(j, "name");
    json_str(j, u->name);
    json_key(j, "kind");
    json_str(j, u->kind);
    json_key(j, "operations");
    json_arr(j);
    for (int o = 0; o < u->nops; o++)
      json_str(j, p->api.eps[u->ops[o]].op_id);
    json_end_arr(j);
    json_key(j, "publishes");
    str_array(j, u->publishes, u->npublishes);
    json_key(j, "subscribes");
    str_array(j, u->subscribes, u->nsubscribes);
    json_end_obj(j);
  }
  json_end_arr(j);
  json_key(j, "events");
  json_arr(j);
  for (int i = 0; i < k->nevents; i++) {
    const Event *e = &k->events[i];
    json_obj(j);
    json_key(j, "id");
    json_str(j, e->id);
    json_key(j, "kind");
    json_str(j, e->kind);
    json_key(j, "transport");
    json_str(j, e->transport);
    json_key(j, "payload");
    json_str(j, e->payload);
    json_key(j, "producer");
    json_str(j, e->producer);
    json_key(j, "consumer");
    json_str(j, e->consumer);
    json_end_obj(j);
  }
  json_end_arr(j);
  json_key(j, "contract_tests");
  json_num(j, k->ncases);
  json_key(j, "runbooks");
  json_num(j, k->nrunbooks);
  json_key(j, "alert_form");
  json_str(j, k->alert_form);
  json_key(j, "alerts_file");
  json_str(j, k->alerts_file);
  json_key(j, "iac");
  json_str(j, k->iac);
  json_key(j, "resources");
  json_num(j, k->nres);
  json_end_obj(j);
}

/* Each data class, its slot, its entities and the technology that holds them. */
static void json_data_classes(Json *j, const Plan *p) {
  json_arr(j);
  for (int k = 0; k < DC_COUNT_; k++) {
    const DataClass *dc = &p->classes[k];
    if (!dc->slot.n || (!dc->nentities && !dc->ncopies))
      continue;
    json_obj(j);
    json_key(j, "class");
    json_str(j, str_c(data_class_name(dc->kind)));
    json_key(j, "slot");
    json_str(j, dc->slot);
    json_key(j, "entities");
    json_arr(j);
    for (int e = 0; e < dc->nentities; e++)
      json_str(j, dc->entities[e]->name);
    json_end_arr(j);
    if (dc->ncopies) {
      json_key(j, "copies");
      json_arr(j);
      for (int e = 0; e < dc->ncopies; e++)
        json_str(j, dc->copies[e]->name);
      json_end_arr(j);
    }
    if (dc->nuses) {
      json_key(j, "reports");
      json_arr(j);
      for (int u = 0; u < dc->nuses; u++)
        json_str(j, dc->uses[u]);
      json_end_arr(j);
    }
    json_key(j, "choice");
    const Choice *ch = NULL;
    for (int i = 0; i < p->nchoices; i++)
      if (str_eq(p->choices[i].need->slot, dc->slot) && p->choices[i].tech)
        ch = &p->choices[i];
    if (ch)
      json_str(j, ch->tech->id);
    else
      json_null(j);
    json_key(j, "why");
    json_str(j, dc->why);
    json_end_obj(j);
  }
  json_end_arr(j);
}

/* The slots the plan leaves out, each with why and when to revisit. */
static void json_absent(Json *j, const Plan *p) {
  json_arr(j);
  for (int i = 0; i < p->nabsent; i++) {
    if (p->absent[i].minor)
      continue;
    json_obj(j);
    json_key(j, "slot");
    json_str(j, p->absent[i].slot);
    json_key(j, "why");
    json_str(j, p->absent[i].why);
    json_key(j, "revisit");
    json_str(j, p->absent[i].revisit);
    json_end_obj(j);
  }
  json_end_arr(j);
}

/* The design patterns the plan applies. */
static void json_patterns(Json *j, const Plan *p) {
  json_arr(j);
  for (int i = 0; i < p->npatterns; i++) {
    const KbRecord *r = p->patterns[i];
    json_obj(j);
    json_key(j, "id");
    json_str(j, r->id);
    json_key(j, "name");
    json_str(j, pattern_text(r, "name"));
    json_key(j, "why");
    json_str(j, pattern_text(r, "why"));
    json_key(j, "watch");
    json_str(j, pattern_text(r, "watch"));
    json_end_obj(j);
  }
  json_end_arr(j);
}

/* The alert rules with their thresholds. */
static void json_alerts(Json *j, const Plan *p) {
  json_arr(j);
  for (int i = 0; i < p->nalerts; i++) {
    const PromRule *r = &p->alerts[i];
    json_obj(j);
    json_key(j, "name");
    json_str(j, r->name);
    json_key(j, "severity");
    json_str(j, r->severity);
    json_key(j, "threshold");
    json_num(j, r->threshold);
    json_key(j, "unit");
    json_str(j, r->unit);
    json_key(j, "for");
    json_str(j, r->for_);
    json_key(j, "expr");
    json_str(j, r->expr);
    json_key(j, "summary");
    json_str(j, r->summary);
    json_end_obj(j);
  }
  json_end_arr(j);
}

/* The deployable units or modules, with their operations and events. */
static void json_services(Json *j, const Plan *p) {
  json_arr(j);
  for (int i = 0; i < p->nservices; i++) {
    const Service *s = &p->services[i];
    json_obj(j);
    json_key(j, "name");
    json_str(j, s->name);
    json_key(j, "responsibilities");
    str_array(j, s->responsibilities, s->nresponsibilities);
    json_key(j, "entities");
    json_arr(j);
    for (int k = 0; k < s->nentities; k++)
      json_str(j, s->entities[k]->name);
    json_end_arr(j);
    json_key(j, "dependencies");
    str_array(j, s->depends, s->ndepends);
    json_key(j, "apis");
    str_array(j, s->apis, s->napis);
    json_key(j, "publishes");
    str_array(j, s->publishes, s->npublishes);
    json_key(j, "subscribes");
    str_array(j, s->subscribes, s->nsubscribes);
    json_end_obj(j);
  }
  json_end_arr(j);
}

/* The per-field facts every contract prints. */
static void json_fields(Json *j, const Plan *p) {
  json_arr(j);
  for (int i = 0; i < p->model->nentities; i++) {
    const Entity *e = &p->model->entities[i];
    for (int k = 0; k < e->nfields; k++) {
      const FieldFacts *ff = &p->api.ents[i].ff[k];
      static const char *const roles[] = {"client-writable", "server-set", "immutable"};
      json_obj(j);
      json_key(j, "entity");
      json_str(j, e->name);
      json_key(j, "field");
      json_str(j, e->fields[k].name);
      json_key(j, "role");
      json_str(j, str_c(roles[ff->role]));
      json_key(j, "why");
      json_str(j, ff->why);
      json_key(j, "max_length");
      if (ff->max_len > 0)
        json_num(j, ff->max_len);
      else
        json_null(j);
      json_key(j, "json_type");
      json_str(j, ff->json_type);
      json_key(j, "json_format");
      json_str(j, ff->json_format);
      json_key(j, "sql_type");
      json_str(j, ff->sql_pg);
      json_key(j, "stored");
      json_bool(j, ff->stored);
      json_end_obj(j);
    }
  }
  json_end_arr(j);
}

/* Each lifecycle transition and the operation that makes it. */
static void json_lifecycles(Json *j, const Plan *p) {
  json_arr(j);
  for (int i = 0; i < p->api.neps; i++) {
    const Endpoint *x = &p->api.eps[i];
    if (x->kind != EP_TRANSITION)
      continue;
    const Lifecycle *l = x->life;
    json_obj(j);
    json_key(j, "entity");
    json_str(j, l->entity->name);
    json_key(j, "field");
    json_str(j, l->field->name);
    json_key(j, "to");
    json_str(j, l->field->enum_vals[l->to]);
    json_key(j, "from");
    json_arr(j);
    for (int k = 0; k < l->nfrom; k++)
      json_str(j, l->field->enum_vals[l->from[k]]);
    json_end_arr(j);
    json_key(j, "by");
    str_array(j, l->by, l->nby);
    json_key(j, "operation");
    Buf op = {0};
    buf_printf(&op, "%.*s %.*s%.*s", STRF(x->method), STRF(p->api.base), STRF(x->path));
    json_str(j, buf_view(&op));
    buf_free(&op);
    json_end_obj(j);
  }
  json_end_arr(j);
}

/* The decision records of the index. */
static void json_records(Json *j, const Plan *p) {
  json_arr(j);
  for (int i = 0; p->adr && i < p->adr->nindex; i++) {
    const AdrEntry *e = &p->adr->index[i];
    json_obj(j);
    json_key(j, "number");
    json_num(j, e->number);
    json_key(j, "slot");
    json_str(j, e->slot);
    json_key(j, "choice");
    json_str(j, e->choice);
    json_key(j, "status");
    json_str(j, e->status);
    json_key(j, "date");
    json_str(j, e->date);
    json_key(j, "file");
    json_str(j, e->file);
    json_end_obj(j);
  }
  json_end_arr(j);
}

void emit_plan_json(const Plan *p, Buf *out) {
  Json j = {.out = out, .schema = PLINTH_SCHEMA_BASE "plan.schema.json"};
  json_obj(&j);
  json_key(&j, "plinth_plan");
  json_num(&j, 1);
  json_key(&j, "project");
  json_str(&j, p->model->project.name);
  json_key(&j, "cloud");
  json_str(&j, p->cloud);
  json_key(&j, "style");
  json_obj(&j);
  json_key(&j, "choice");
  json_str(&j, p->style.choice);
  json_key(&j, "because");
  str_array(&j, p->style.because, p->style.nbecause);
  json_end_obj(&j);
  json_key(&j, "decisions");
  json_arr(&j);
  for (int i = 0; i < p->nchoices; i++)
    decision_json(&j, &p->choices[i]);
  json_end_arr(&j);
  json_key(&j, "data_classes");
  json_data_classes(&j, p);
  json_key(&j, "components");
  json_components(&j, p);
  json_key(&j, "design_decisions");
  json_designs(&j, p);
  json_key(&j, "absent");
  json_absent(&j, p);
  json_key(&j, "patterns");
  json_patterns(&j, p);
  json_key(&j, "facts");
  str_array(&j, p->facts, p->nfacts);
  json_key(&j, "estimate");
  json_estimate(&j, p);
  json_key(&j, "model");
  json_model(&j, p->model);
  json_key(&j, "alerts");
  json_alerts(&j, p);
  json_key(&j, "services");
  json_services(&j, p);
  /* The per-field facts every contract prints, and the lifecycles. */
  json_key(&j, "fields");
  json_fields(&j, p);
  json_key(&j, "lifecycles");
  json_lifecycles(&j, p);
  json_key(&j, "kit");
  json_kit(&j, p);
  json_key(&j, "records");
  json_records(&j, p);
  if (p->roadmap) {
    json_key(&j, "roadmap");
    json_roadmap(&j, p);
    json_key(&j, "risks");
    json_risks(&j, p);
  }
  json_end_obj(&j);
}

static void md_choice(const Plan *p, const Choice *c, Buf *o, bool detail) {
  char b[32];
  if (!c->tech) {
    buf_printf(o, "### %.*s: no choice\n\nNo technology in the knowledge base meets this slot's constraints.\n\n",
               STRF(c->need->slot));
    if (c->nrejected)
      buf_puts(o, "What rules each candidate out:\n\n");
    for (int i = 0; i < c->nrejected; i++) {
      buf_printf(o, "- %.*s: %.*s\n", STRF(c->rejected[i].name), STRF(c->rejected[i].why));
    }
    if (c->nrejected)
      buf_putc(o, '\n');
    return;
  }
  buf_printf(o, "### %.*s: %.*s\n\n", STRF(c->need->slot), STRF(c->tech->name));
  buf_printf(o, "The system needs it because it %.*s.", STRF(c->need->reason));
  if (c->cost.usd > 0 || c->cost.nterms) {
    /* Said once: not when a reason below already gives the month's cost. */
    char want[64];
    snprintf(want, sizeof want, "%s a month at this load", fmt_usd(b, c->cost.usd));
    bool said = false;
    for (int i = 0; i < c->nbecause; i++)
      said |= str_has_prefix(c->because[i], str_c(want));
    if (!said)
      buf_printf(o, " Cost at this load: %s a month.", b);
  }
  const Topology *tp = &c->cost.topo;
  if (tp->set && tp->instance_class.n && !tp->instances)
    buf_printf(o, "\n\nTopology: %.*s, %d zone%s.", STRF(tp->instance_class), tp->zones, tp->zones == 1 ? "" : "s");
  else if (tp->set && tp->instance_class.n) {
    buf_printf(o, "\n\nTopology: %d x %.*s", tp->instances, STRF(tp->instance_class));
    if (tp->shards > 1)
      buf_printf(o, ", %d shards by %.*s", tp->shards, STRF(tp->shard_key));
    if (tp->replicas && tp->quorum)
      buf_printf(o, ", replication factor %d", 1 + tp->replicas);
    else if (tp->replicas)
      buf_printf(o, ", %d read replica%s%s", tp->replicas, tp->replicas == 1 ? "" : "s",
                 tp->shards > 1 ? " per shard" : "");
    if (tp->standbys)
      buf_printf(o, ", %d standby", tp->standbys);
    buf_printf(o, ", %d zone%s; sized by %.*s, %.0f%% headroom at the design load.", tp->zones,
               tp->zones == 1 ? "" : "s", STRF(tp->ceiling), tp->headroom * 100);
    if (tp->why.n)
      buf_printf(o, " Copies: %.*s.", STRF(tp->why));
    for (int i = 0; i < tp->nregions; i++) {
      const TopoRegion *r = &tp->regions[i];
      buf_printf(o, "%s%.*s %.*s", !i ? " Regions: " : ", ", STRF(r->name), STRF(r->role));
      if (r->instances)
        buf_printf(o, " (%d instance%s)", r->instances, r->instances == 1 ? "" : "s");
      buf_puts(o, i == tp->nregions - 1 ? "." : "");
    }
    if (tp->memory.n)
      buf_printf(o, " Memory: %.*s.", STRF(tp->memory));
    if (tp->partitioning.n)
      buf_printf(o, " Partitions: %.*s.", STRF(tp->partitioning));
    if (tp->exceeds)
      buf_printf(o, " Exceeds: %.*s.", STRF(tp->exceeds_why));
  }
  buf_puts(o, "\n\nWhy:\n\n");
  for (int i = 0; i < c->nbecause; i++)
    buf_printf(o, "- %.*s\n", STRF(c->because[i]));
  if (c->nrejected) {
    /* The best alternatives, as the decision record lists them; every one with detail. */
    buf_puts(o, "\nAlternatives considered:\n\n");
    int top[64];
    int want = detail ? (c->nrejected < 64 ? c->nrejected : 64) : (p->adr ? p->adr->options - 1 : 2);
    int shown = plan_top_options(c, top, want < 64 ? want : 64);
    for (int i = 0; i < shown; i++) {
      buf_printf(o, "- %.*s: %.*s\n", STRF(c->rejected[top[i]].name), STRF(c->rejected[top[i]].why));
    }
    if (shown < c->nrejected)
      buf_printf(o, "- and %d more: `plinth explain SPEC %.*s`\n", c->nrejected - shown, STRF(c->need->slot));
  }
  if (c->revisit.found || detail)
    buf_printf(o, "\nWhen to revisit: %.*s.\n", STRF(c->revisit.text));
  if (c->revisit.topo_text.n)
    buf_printf(o, "\nWhen the topology changes: %.*s.\n", STRF(c->revisit.topo_text));
  for (int i = 0; p->adr && i < p->adr->nadrs; i++)
    if (p->adr->adrs[i].choice == c)
      buf_printf(o, "\nRecord: [adr/%.*s](adr/%.*s), because %.*s.\n", STRF(p->adr->adrs[i].entry.file),
                 STRF(p->adr->adrs[i].entry.file), STRF(p->adr->adrs[i].contested));
  buf_putc(o, '\n');
}

static bool routine(const Plan *p, const Choice *c) {
  for (int i = 0; p->adr && i < p->adr->nroutine; i++)
    if (p->adr->routine[i] == c)
      return true;
  return false;
}

static bool ends_with(Str s, Str tail) {
  return s.n >= tail.n && !memcmp(s.p + s.n - tail.n, tail.p, (size_t)tail.n);
}

void emit_decisions_md(const Plan *p, Buf *o) {
  buf_puts(o, "# Technology decisions for ");
  esc_md(o, p->model->project.name);
  buf_puts(o, "\n\n");
  buf_printf(o, "## Architecture style: %.*s\n\n", STRF(p->style.choice));
  doc_see(o, "Why this style", "ARCHITECTURE.md", "Architecture pattern");
  o->n--;   /* one blank line before the cloud's, as after a list */
  buf_printf(o, "\nThe stack is built on %.*s.\n\n## Decisions\n\n", STRF(p->docs->cloud_name));
  for (int i = 0; i < p->nchoices; i++)
    if (!routine(p, &p->choices[i]))
      md_choice(p, &p->choices[i], o, false);
  if (p->adr && p->adr->nroutine) {
    /* Routine choices: no close runner-up, no lasting lock-in. */
    buf_puts(o, "### Routine choices\n\nNo alternative comes close and none is hard to leave, so these have no "
                "decision record.\n\n");
    MdTable t;
    md_table(&t, 4, "slot", "choice", "because", "runner-up");
    char b[32];
    for (int i = 0; i < p->adr->nroutine; i++) {
      const Choice *c = p->adr->routine[i];
      const Costed *runner = p->adr->runner[i];
      md_cells(&t, c->need->slot);
      md_cells(&t, c->tech->name);
      md_cell_begin(&t);
      if (c->nbecause)
        esc_md(md_cell_buf(&t), c->because[0]);
      if (c->cost.usd > 0 && !(c->nbecause && memchr(c->because[0].p, '$', (size_t)c->because[0].n)))
        buf_printf(md_cell_buf(&t), "%s%s a month", c->nbecause ? "; " : "", fmt_usd(b, c->cost.usd));
      md_cell_end(&t);
      if (runner)
        md_cells(&t, runner->tech->name);
      else
        md_cell(&t, "none viable");
    }
    md_table_end(&t, o);
  }
  buf_puts(o, "## Data classes\n\n| class | held in | entities | why |\n| --- | --- | --- | --- |\n");
  for (int k = 0; k < DC_COUNT_; k++) {
    const DataClass *dc = &p->classes[k];
    if (!dc->slot.n || (!dc->nentities && !dc->ncopies))
      continue;
    buf_printf(o, "| %s | %.*s | ", data_class_name(dc->kind), STRF(dc->slot));
    const Entity *const *es = dc->nentities ? dc->entities : dc->copies;
    int ne = dc->nentities ? dc->nentities : dc->ncopies;
    for (int e = 0; e < ne; e++)
      buf_printf(o, "%s%.*s", e ? ", " : "", STRF(es[e]->name));
    if (!dc->nentities) {
      buf_puts(o, " (copies");
      for (int u = 0; u < dc->nuses; u++)
        buf_printf(o, "%s%.*s", u ? ", " : " for ", STRF(dc->uses[u]));
      buf_puts(o, ")");
    }
    buf_puts(o, " | ");
    esc_md(o, dc->why);
    buf_puts(o, " |\n");
  }
  buf_putc(o, '\n');
  int nshown = 0;
  for (int i = 0; i < p->nabsent; i++)
    nshown += !p->absent[i].minor;
  for (int i = 0, k = 0; i < p->nabsent; i++) {
    if (p->absent[i].minor)
      continue;
    /* The reason already stands in the table above when a class says it. */
    bool said = false;
    for (int c = 0; c < DC_COUNT_; c++)
      said |= p->absent[i].why.n && p->classes[c].why.n && ends_with(p->absent[i].why, p->classes[c].why);
    if (said)
      buf_printf(o, "- Not used: %.*s (see its class above); revisit %.*s.\n%s", STRF(p->absent[i].slot),
                 STRF(p->absent[i].revisit), ++k == nshown ? "\n" : "");
    else
      buf_printf(o, "- Not used: %.*s. %.*s; revisit %.*s.\n%s", STRF(p->absent[i].slot), STRF(p->absent[i].why),
                 STRF(p->absent[i].revisit), ++k == nshown ? "\n" : "");
  }
  md_designs(p, o);
  if (p->npatterns) {
    buf_puts(o, "## Patterns\n\n");
    for (int i = 0; i < p->npatterns; i++) {
      const KbRecord *r = p->patterns[i];
      Str name = pattern_text(r, "name"), sum = pattern_text(r, "summary");
      Str why = pattern_text(r, "why"), watch = pattern_text(r, "watch");
      buf_printf(o, "### %.*s\n\n%.*s\n\n- Why here: %.*s\n- Watch out: %.*s\n\n", STRF(name), STRF(sum), STRF(why),
                 STRF(watch));
    }
  }
  /* The records, where plan -o writes them (adr/, or --adr-dir). */
  if (p->adr && p->adr->nadrs) {
    buf_puts(o, "## Decision records\n\n");
    for (int i = 0; i < p->adr->nadrs; i++) {
      const AdrEntry *e = &p->adr->adrs[i].entry;
      buf_printf(o, "- [%04d: %.*s](%.*s/%.*s)\n", e->number, STRF(e->slot), STRF(p->adr->dir), STRF(e->file));
    }
    buf_putc(o, '\n');
  }
  md_end(o);   /* one newline at the end, not a blank line */
}

bool emit_explain_slot(const Plan *p, Str slot, Buf *o) {
  for (int i = 0; i < p->nchoices; i++)
    if (str_eq(p->choices[i].need->slot, slot)) {
      md_choice(p, &p->choices[i], o, true);
      if (p->choices[i].cost.nterms)
        buf_puts(o, "Cost:\n\n");
      for (int k = 0; k < p->choices[i].cost.nterms; k++)
        buf_printf(o, "- %.*s\n", STRF(p->choices[i].cost.terms[k].what));
      return true;
    }
  const Absence *ab = plan_absence(p, slot);
  if (ab) {
    buf_printf(o, "### %.*s: none\n\n%.*s.\n\nRevisit %.*s.\n", STRF(slot), STRF(ab->why), STRF(ab->revisit));
    return true;
  }
  return false;
}
