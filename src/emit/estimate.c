/* `plinth estimate`: the capacity, cost, latency and availability figures,
 * as text for people (with --explain, every formula) or as JSON. */
#include <math.h>
#include <stdio.h>

#include "../util/esc.h"
#include "../util/json.h"
#include "emit.h"

static void line(Buf *o, const char *label, const char *value) { buf_printf(o, "  %-34s %s\n", label, value); }

/* The growth formula of one entity, from the basis the plan recorded. */
static void growth_formula(const Plan *p, const EntityStorage *s, Buf *o) {
  char b1[32], b2[32], b3[32];
  switch (s->basis) {
  case GROWTH_GIVEN:
    buf_printf(o, "grows %s/month, from the spec", fmt_count(b1, s->rows_per_month));
    break;
  case GROWTH_INGEST:
    buf_printf(o, "ingest %s rows/s x %s s per month%s = %s/month", fmt_count(b1, p->load.ingest_rows_per_s),
               fmt_count(b2, p->load.seconds_per_month), p->storage.ningest > 1 ? " / ingested entities" : "",
               fmt_count(b3, s->rows_per_month));
    break;
  case GROWTH_FEATURE:
    buf_printf(o, "%s/s, the rate feature %s %s, x %s s per month = %s/month",
               fmt_count(b1, s->rows_per_month / p->load.seconds_per_month), feature_specs[s->rated_by->kind].name,
               s->rate_assumed ? "assumes" : "states",
               fmt_count(b2, p->load.seconds_per_month), fmt_count(b3, s->rows_per_month));
    break;
  case GROWTH_WRITES:
    buf_printf(o, "the project's writes %s/s, less the rows other entities state, x %s s per month = %s/month",
               fmt_count(b1, s->rows_per_month / p->load.seconds_per_month), fmt_count(b2, p->load.seconds_per_month),
               fmt_count(b3, s->rows_per_month));
    break;
  case GROWTH_PARENT:
    buf_printf(o, "%s new %.*s rows/month x %s per %.*s = %s/month", fmt_count(b1, p->storage.ents[s->entity->parent->index].rows_per_month),
               STRF(s->entity->parent->name), fmt_count(b2, s->entity->rows / s->entity->parent->rows),
               STRF(s->entity->parent->name), fmt_count(b3, s->rows_per_month));
    break;
  case GROWTH_ASSUMED:
    buf_printf(o, "rows now %s x yearly growth %.0f%% / 12 = %s/month (assumed growth)", fmt_count(b1, s->rows_now),
               p->storage.yearly_growth * 100, fmt_count(b2, s->rows_per_month));
    break;
  }
  buf_printf(o, "; after 3 years %s rows x %s = %s", fmt_count(b1, s->rows_3y), fmt_bytes(b2, s->entity->content_bytes),
             fmt_bytes(b3, s->bytes_3y));
  /* A stock above what retention keeps at the rate: the two disagree. */
  if (s->rows_cap > 0 && s->rows_now > s->rows_cap)
    buf_printf(o, " (today's count; retention keeps %s rows at this rate)", fmt_count(b1, s->rows_cap));
  else
    buf_printf(o, "%s",
             !(s->rows_cap > 0 && s->rows_3y >= s->rows_cap) ? ""
             : s->basis == GROWTH_FEATURE && s->rated_by->kind == FK_CRAWL ? " (the URLs fetched within one re-crawl interval)"
                                                                            : " (capped by retention)");
}

void emit_estimate_text(const Plan *p, Buf *o, bool explain) {
  const Load *l = &p->load;
  const Storage *s = &p->storage;
  char b[32], c[64];
  buf_puts(o, "Capacity estimate for ");
  esc_comment(o, p->model->project.name);   /* one line of text: nothing may end it */
  buf_puts(o, "\n\nLoad\n");
  snprintf(c, sizeof c, "%s/day", fmt_count(b, l->requests_per_day));
  line(o, "requests", c);
  snprintf(c, sizeof c, "%s req/s", fmt_count(b, l->avg_rps));
  line(o, "average", c);
  snprintf(c, sizeof c, "%s req/s", fmt_count(b, l->peak_rps));
  line(o, "peak", c);
  snprintf(c, sizeof c, "%s req/s (peak x %g)", fmt_count(b, l->design_rps), l->margin);
  line(o, "design load", c);
  snprintf(c, sizeof c, "%s reads/s", fmt_count(b, l->reads_per_s));
  line(o, "reads", c);
  snprintf(c, sizeof c, "%s writes/s", fmt_count(b, l->writes_per_s));
  line(o, "writes", c);
  buf_puts(o, "\nStorage (rows; indexes add ");
  buf_printf(o, "%.0f%%)\n", s->index_overhead * 100);
  snprintf(c, sizeof c, "%s", fmt_bytes(b, s->bytes_now));
  line(o, "now", c);
  snprintf(c, sizeof c, "%s/month", fmt_bytes(b, s->bytes_per_month));
  line(o, "growth", c);
  line(o, "after 1 year", fmt_bytes(b, s->bytes_1y));
  line(o, "after 3 years", fmt_bytes(b, s->bytes_3y));
  if (s->blob_3y > 0) {
    snprintf(c, sizeof c, "%s now, %s after 3 years", fmt_bytes(b, s->blob_now), "");
    char b2[32];
    snprintf(c, sizeof c, "%s now, %s after 3 years", fmt_bytes(b, s->blob_now), fmt_bytes(b2, s->blob_3y));
    line(o, "files", c);
  }
  buf_puts(o, "\nBandwidth\n");
  snprintf(c, sizeof c, "%s/month", fmt_bytes(b, p->bw.ingress_bytes_per_month));
  line(o, "ingress", c);
  snprintf(c, sizeof c, "%s/month", fmt_bytes(b, p->bw.egress_bytes_per_month));
  line(o, "egress", c);
  if (p->ncomponents) {
    buf_puts(o, "\nComponents (what the problem is about)\n");
    for (int i = 0; i < p->ncomponents; i++)
      buf_printf(o, "  %-28.*s %.*s\n", STRF(p->components[i].name), STRF(p->components[i].sized_by));
  }

  buf_puts(o, "\nCost per month\n");
  for (int i = 0; i < p->nchoices; i++) {
    const Choice *ch = &p->choices[i];
    if (ch->tech && (str_eqc(ch->tech->hosting, "library") || str_eqc(ch->tech->hosting, "tool")) && ch->cost.usd <= 0)
      continue; /* the code stack costs nothing to run */
    if (!ch->tech) {
      buf_printf(o, "  %-14.*s no viable candidate in the knowledge base\n", STRF(ch->need->slot));
      continue;
    }
    buf_printf(o, "  %-14.*s %-32.*s %10s\n", STRF(ch->need->slot), STRF(ch->tech->name), fmt_usd(b, ch->cost.usd));
    for (int k = 0; k < ch->cost.nterms && explain; k++)
      buf_printf(o, "      %.*s\n", STRF(ch->cost.terms[k].what));
  }
  for (int pass = 0; pass < 2; pass++) {   /* the bills in the total, then the costs of sales after it */
    for (int i = 0; i < p->nbills; i++) {
      const Bill *bl = &p->bills[i];
      if (bl->sales != (pass == 1))
        continue;
      buf_printf(o, "  %-14.*s %-32.*s %10s%s\n", STRF(bl->slot), STRF(bl->label), fmt_usd(b, bl->cost.usd),
                 bl->cost.partial ? "  at least" : "");
      for (int k = 0; k < bl->cost.nterms && explain; k++)
        buf_printf(o, "      %.*s\n", STRF(bl->cost.terms[k].what));
    }
    if (pass)
      break;
    buf_printf(o, "  %-47s %10s", p->bills_partial ? "total, at least" : "total", fmt_usd(b, p->monthly_usd));
    if (p->model->project.has_budget) {
      char b2[32];
      buf_printf(o, "  (budget %s: %s %s)", fmt_usd(b2, p->model->project.budget),
                 p->over_budget ? "over by" : "within by", fmt_usd(b, fabs(p->budget_left)));
    }
    buf_putc(o, '\n');
    for (int i = 0; i < p->nbills; i++)
      if (p->bills[i].sales) {
        buf_printf(o, "  cost of sales, outside the total and the budget (fees on the money charged):\n");
        break;
      }
  }
  if (p->net.set)
    buf_printf(o, "  network: %.*s\n", STRF(p->net.why));

  buf_puts(o, "\nLatency (p50 / p95, sum of hops)\n");
  for (int i = 0; i < p->npaths; i++) {
    const Path *pa = &p->paths[i];
    char x[32], y[32], z[32];
    buf_printf(o, "  %-10.*s %9s / %-9s target p95 %-8s %s; dominated by %.*s\n", STRF(pa->name), fmt_ms(x, pa->p50),
               fmt_ms(y, pa->p95), fmt_ms(z, pa->target), pa->p95 <= pa->target ? "meets" : "MISSES",
               STRF(pa->dominant));
    for (int k = 0; k < pa->nhops && explain; k++) {
      const Hop *h = &pa->hops[k];
      buf_printf(o, "      %-44.*s %9s / %-9s", STRF(h->name), fmt_ms(x, h->p50), fmt_ms(y, h->p95));
      if (h->note.n)
        buf_printf(o, " %.*s", STRF(h->note));
      buf_putc(o, '\n');
    }
  }
  for (int i = 0; i < p->nregions; i++) {
    const Region *r = &p->regions[i];
    char x[32], y[32], z[32];
    buf_printf(o, "%s  %-10.*s %-14.*s reads %s, writes %s", !i ? "  per region (p95 for its users):\n" : "",
               STRF(r->word), STRF(r->id.n ? r->id : S("?")), fmt_ms(x, r->p95_read), fmt_ms(y, r->p95_write));
    if (r->home)
      buf_puts(o, " (home)");
    else if (r->write_rtt > 0)
      buf_printf(o, " (%s round trip to home)", fmt_ms(z, r->write_rtt));
    else
      buf_puts(o, " (written in the region)");
    buf_printf(o, ": %s\n", r->meets ? "meets" : "MISSES");
  }
  const Availability *av = &p->avail;
  if (av->regions > 1 && av->home_only.n)
    buf_printf(o, "\nAvailability\n  the parts in every region count %d independent regions, %.*s in series at home: "
               "home x (1 - (1 - every region)^2)\n", av->regions, STRF(av->home_only));
  else if (av->regions > 1)
    buf_printf(o, "\nAvailability\n  the path in %d independent regions: 1 - (1 - path)^2\n", av->regions);
  else
    buf_puts(o, "\nAvailability\n");
  buf_printf(o, "  composite %.3f%% against a target of %.3f%%: %s; weakest: %.*s\n", av->composite * 100,
             av->target * 100, av->composite + 1e-9 >= av->target ? "meets" : "MISSES", STRF(av->weakest));
  for (int k = 0; k < av->nparts && explain; k++)
    buf_printf(o, "      %-44.*s %.3f%% x %d = %.4f%%\n", STRF(av->parts[k].name), av->parts[k].sla * 100,
               av->parts[k].replicas, av->parts[k].effective * 100);
  if (av->advice.n)
    buf_printf(o, "  %.*s\n", STRF(av->advice));
  if (p->nassumptions || p->model->nassumptions) {
    buf_puts(o, "\nAssumptions\n");
    for (int i = 0; i < p->model->nassumptions; i++)
      buf_printf(o, "  - %.*s\n", STRF(p->model->assumptions[i].text));
    for (int i = 0; i < p->nassumptions; i++)
      buf_printf(o, "  - %.*s\n", STRF(p->assumptions[i].text));
  }
  if (explain) {
    buf_puts(o, "\nHow each figure was computed\n");
    for (int i = 0; i < p->nexplains; i++)
      buf_printf(o, "  %-40.*s %.*s\n", STRF(p->explains[i].key), STRF(p->explains[i].formula));
    buf_puts(o, "\nGrowth of each entity\n");
    for (int i = 0; i < p->storage.nents; i++) {
      buf_printf(o, "  %-20.*s ", STRF(p->storage.ents[i].entity->name));
      growth_formula(p, &p->storage.ents[i], o);
      buf_putc(o, '\n');
    }
  }
}

static void num(Json *j, const char *k, double v) {
  json_key(j, k);
  json_num(j, isfinite(v) ? round(v * 1e6) / 1e6 : v);
}

void emit_estimate_json(const Plan *p, Buf *o) {
  Json j = {.out = o, .schema = PLINTH_SCHEMA_BASE "estimate.schema.json"};
  json_estimate(&j, p);
}

static void load_json(Json *j, const Load *l) {
  json_key(j, "load");
  json_obj(j);
  num(j, "requests_per_day", l->requests_per_day);
  num(j, "avg_rps", l->avg_rps);
  num(j, "peak_rps", l->peak_rps);
  num(j, "design_rps", l->design_rps);
  num(j, "reads_per_s", l->reads_per_s);
  num(j, "writes_per_s", l->writes_per_s);
  num(j, "ingest_rows_per_s", l->ingest_rows_per_s);
  num(j, "read_share", l->read_share);
  num(j, "safety_margin", l->margin);
  num(j, "seconds_per_month", l->seconds_per_month);
  json_end_obj(j);
}

static void entity_storage_json(Json *j, const Plan *p, const EntityStorage *e) {
  json_obj(j);
  json_key(j, "name");
  json_str(j, e->entity->name);
  num(j, "rows_now", e->rows_now);
  num(j, "rows_per_month", e->rows_per_month);
  num(j, "content_bytes", e->entity->content_bytes);
  num(j, "row_bytes", e->entity->row_bytes);
  num(j, "bytes_3y", e->bytes_3y);
  if (e->download_per_month > 0)
    num(j, "download_bytes_per_month", e->download_per_month);
  static const char *const basis[] = {[GROWTH_GIVEN] = "given", [GROWTH_INGEST] = "ingest", [GROWTH_FEATURE] = "feature",
                                       [GROWTH_WRITES] = "writes", [GROWTH_PARENT] = "parent", [GROWTH_ASSUMED] = "assumed"};
  json_key(j, "growth_basis");
  json_cstr(j, basis[e->basis]);
  Buf f = {0};
  growth_formula(p, e, &f);
  json_key(j, "formula");
  json_str(j, buf_view(&f));
  buf_free(&f);
  json_end_obj(j);
}

static void storage_json(Json *j, const Plan *p) {
  const Storage *s = &p->storage;
  json_key(j, "storage");
  json_obj(j);
  num(j, "bytes_now", s->bytes_now);
  num(j, "bytes_1y", s->bytes_1y);
  num(j, "bytes_3y", s->bytes_3y);
  num(j, "bytes_per_month", s->bytes_per_month);
  num(j, "index_overhead", s->index_overhead);
  num(j, "db_bytes_3y", s->db_bytes_3y);
  num(j, "blob_bytes_now", s->blob_now);
  num(j, "blob_bytes_3y", s->blob_3y);
  json_key(j, "entities");
  json_arr(j);
  for (int i = 0; i < s->nents; i++)
    entity_storage_json(j, p, &s->ents[i]);
  json_end_arr(j);
  json_end_obj(j);
}

/* One line of the cost: a slot's choice, or an integration's bill (which
 * names the integration and says whether it is a lower bound). */
static void cost_line_json(Json *j, Str slot, const Tech *t, const Feature *integration, const Costed *c, bool sales) {
  json_obj(j);
  json_key(j, "slot");
  json_str(j, slot);
  json_key(j, "component");
  if (t)
    json_str(j, t->id);
  else
    json_null(j);
  if (integration) {
    json_key(j, "integration");
    json_str(j, integration->name);
  }
  num(j, "monthly_usd", c->usd);
  if (integration) {
    json_key(j, "lower_bound");
    json_bool(j, c->partial);
    json_key(j, "cost_of_sales");
    json_bool(j, sales);
  }
  json_key(j, "formula");
  json_arr(j);
  for (int k = 0; k < c->nterms; k++)
    json_str(j, c->terms[k].what);
  json_end_arr(j);
  json_end_obj(j);
}

static void cost_json(Json *j, const Plan *p) {
  json_key(j, "cost");
  json_obj(j);
  num(j, "monthly_usd", p->monthly_usd);
  num(j, "cost_of_sales_usd", p->sales_usd);
  json_key(j, "budget_usd");
  if (p->model->project.has_budget)
    json_num(j, p->model->project.budget);
  else
    json_null(j);
  json_key(j, "lines");
  json_arr(j);
  for (int i = 0; i < p->nchoices; i++)
    cost_line_json(j, p->choices[i].need->slot, p->choices[i].tech, NULL, &p->choices[i].cost, false);
  for (int i = 0; i < p->nbills; i++)
    cost_line_json(j, p->bills[i].slot, p->bills[i].tech, p->bills[i].integration, &p->bills[i].cost, p->bills[i].sales);
  json_end_arr(j);
  json_key(j, "lower_bound");
  json_bool(j, p->bills_partial);
  json_key(j, "network");
  if (p->net.set) {
    json_obj(j);
    num(j, "zones", p->net.zones);
    num(j, "subnet_zones", p->net.subnet_zones);
    num(j, "nat_gateways", p->net.nat);
    json_key(j, "why");
    json_str(j, p->net.why);
    json_end_obj(j);
  } else
    json_null(j);
  json_end_obj(j);
}

/* A request path and its hops, in milliseconds. */
static void path_json(Json *j, const Path *pa) {
  json_obj(j);
  json_key(j, "name");
  json_str(j, pa->name);
  num(j, "p50_ms", pa->p50 * 1000);
  num(j, "p95_ms", pa->p95 * 1000);
  num(j, "target_ms", pa->target * 1000);
  json_key(j, "dominant_hop");
  json_str(j, pa->dominant);
  json_key(j, "hops");
  json_arr(j);
  for (int k = 0; k < pa->nhops; k++) {
    json_obj(j);
    json_key(j, "name");
    json_str(j, pa->hops[k].name);
    num(j, "p50_ms", pa->hops[k].p50 * 1000);
    num(j, "p95_ms", pa->hops[k].p95 * 1000);
    json_end_obj(j);
  }
  json_end_arr(j);
  json_end_obj(j);
}

static void availability_json(Json *j, const Plan *p) {
  json_key(j, "availability");
  json_obj(j);
  num(j, "composite", p->avail.composite);
  num(j, "target", p->avail.target);
  json_key(j, "weakest");
  json_str(j, p->avail.weakest);
  json_key(j, "advice");
  json_str(j, p->avail.advice);
  if (p->avail.regions > 1)
    num(j, "regions", p->avail.regions);
  if (p->avail.home_only.n) {
    json_key(j, "home_only");
    json_str(j, p->avail.home_only);
  }
  json_end_obj(j);
}

static void explain_json(Json *j, const Plan *p) {
  json_key(j, "explain");
  json_arr(j);
  for (int i = 0; i < p->nexplains; i++) {
    json_obj(j);
    json_key(j, "key");
    json_str(j, p->explains[i].key);
    num(j, "value", p->explains[i].value);
    json_key(j, "unit");
    json_str(j, p->explains[i].unit);
    json_key(j, "formula");
    json_str(j, p->explains[i].formula);
    json_end_obj(j);
  }
  json_end_arr(j);
}

void json_estimate(Json *jp, const Plan *p) {
  Json j = *jp; /* written back at the end */
  json_obj(&j);
  load_json(&j, &p->load);
  storage_json(&j, p);
  json_key(&j, "bandwidth");
  json_obj(&j);
  num(&j, "egress_bytes_per_month", p->bw.egress_bytes_per_month);
  num(&j, "ingress_bytes_per_month", p->bw.ingress_bytes_per_month);
  json_end_obj(&j);
  cost_json(&j, p);
  json_key(&j, "latency");
  json_obj(&j);
  json_key(&j, "paths");
  json_arr(&j);
  for (int i = 0; i < p->npaths; i++)
    path_json(&j, &p->paths[i]);
  json_end_arr(&j);
  if (p->nregions > 1) {
    json_key(&j, "regions");
    json_arr(&j);
    for (int i = 0; i < p->nregions; i++) {
      const Region *r = &p->regions[i];
      json_obj(&j);
      json_key(&j, "name");
      json_str(&j, r->word);
      json_key(&j, "id");
      if (r->id.n)
        json_str(&j, r->id);
      else
        json_null(&j);
      json_key(&j, "home");
      json_bool(&j, r->home);
      num(&j, "share", r->share);
      num(&j, "rtt_to_home_ms", r->rtt < 0 ? -1 : r->rtt * 1000);
      num(&j, "p95_read_ms", r->p95_read * 1000);
      num(&j, "p95_write_ms", r->p95_write * 1000);
      num(&j, "target_ms", p->model->project.latency[PCT_P95] * 1000);
      json_key(&j, "meets");
      json_bool(&j, r->meets);
      json_end_obj(&j);
    }
    json_end_arr(&j);
  }
  json_end_obj(&j);
  availability_json(&j, p);
  json_key(&j, "assumptions");
  json_arr(&j);
  for (int i = 0; i < p->model->nassumptions; i++)
    json_str(&j, p->model->assumptions[i].text);
  for (int i = 0; i < p->nassumptions; i++)
    json_str(&j, p->assumptions[i].text);
  json_end_arr(&j);
  explain_json(&j, p);
  json_end_obj(&j);
  *jp = j;
}
