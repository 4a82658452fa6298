/* Sections the four documents share (SPEC.md, ARCHITECTURE.md,
 * BACKEND-PLAN.md, DESIGN.md): each prints plan facts under the heading the
 * caller gives, so the same fact reads the same everywhere. */
#include <math.h>

#include <string.h>

#include "../util/esc.h"
#include "emit.h"

#define T(o, lit) buf_puts((o), (lit))
#define E(o, s) esc_md((o), (s))

static Str tname(const Choice *c) { return c && c->tech ? c->tech->name : S("none"); }

static void code_cell(Buf *b, Str s) {
  buf_putc(b, '`');
  esc_md_code(b, s);
  buf_putc(b, '`');
}

static Str fig_name(const Plan *p, const char *slot) { return tname(plan_choice(p, slot)); }

void doc_assumptions(Buf *o, const Plan *p) {
  const Model *m = p->model;
  T(o, "Plinth assumed the following where the spec was silent; change the spec to override any of them.\n\n");
  for (int i = 0; i < m->nassumptions; i++) {
    T(o, "- ");
    E(o, m->assumptions[i].text);
    T(o, "\n");
  }
  for (int i = 0; i < p->nassumptions; i++) {
    T(o, "- ");
    E(o, p->assumptions[i].text);
    T(o, "\n");
  }
  char b[32];
  buf_printf(o, "- the design load is the peak times a safety margin of %.0f: %s req/s\n", p->load.margin,
             fmt_count(b, p->load.design_rps));
  buf_printf(o, "- policy figures (coverage %.0f%%, %.0f days of point-in-time recovery, %.0f%% canary) come from kb/planning.kb\n\n",
             p->docs->coverage * 100, p->docs->backup_days, p->docs->canary_share * 100);
}

void doc_stack_table(Buf *o, const Plan *p, bool with_versions) {
  MdTable t;
  /* The reasons live in DECISIONS.md. */
  if (with_versions)
    md_table(&t, 4, "slot", "choice", "version", "monthly cost");
  else
    md_table(&t, 3, "slot", "choice", "monthly cost");
  for (int i = 0; i < p->nchoices; i++) {
    const Choice *c = &p->choices[i];
    md_cells(&t, c->need->slot);
    md_cells(&t, tname(c));
    if (with_versions) {
      Str v = tech_text(c->tech, "version");
      bool ours = c->tech && (str_eqc(c->tech->hosting, "library") || str_eqc(c->tech->hosting, "tool") ||
                              str_eqc(c->tech->hosting, "self-hosted"));
      md_cells(&t, v.n ? v : ours ? S("latest stable, pinned") : S("managed by the provider"));
    }
    char b[32];
    md_cell(&t, "%s", c->cost.usd > 0 ? fmt_usd(b, c->cost.usd) : "included");
  }
  for (int i = 0; i < p->nbills; i++) {   /* the spec's integrations, billed in the total */
    const Bill *bl = &p->bills[i];
    char b[32];
    md_cells(&t, bl->slot);
    md_cells(&t, bl->label);
    if (with_versions)
      md_cells(&t, S("managed by the provider"));
    md_cell(&t, "%s%s", bl->cost.partial ? "at least " : "", fmt_usd(b, bl->cost.usd));
  }
  md_table_end(&t, o);
  doc_see(o, "Why each was chosen, and what it was weighed against", "DECISIONS.md", "Decisions");
}

void doc_dependencies(Buf *o, const Plan *p) {
  static const char *const slots[][2] = {
    {"framework", "HTTP routing and middleware"}, {"orm", "database access and migrations"},
    {"authlib", "token or session verification"}, {"validation", "request validation"},
    {"logging", "structured logs"}, {"testing", "unit and integration tests"},
    {"loadtest", "load tests at the design load"}, {"lint", "lint and format"}};
  MdTable t;
  md_table(&t, 4, "library", "purpose", "version", "install");
  for (size_t i = 0; i < sizeof slots / sizeof *slots; i++) {
    const Choice *c = plan_choice(p, slots[i][0]);
    if (!c)
      continue;
    md_cells(&t, c->tech->name);
    md_cell(&t, "%s", slots[i][1]);
    Str v = tech_text(c->tech, "version");
    md_cells(&t, v.n ? v : S("latest stable"));
    Str in = tech_text(c->tech, "install");
    md_cell_begin(&t);
    if (in.n)
      code_cell(md_cell_buf(&t), in);
    else
      buf_printf(md_cell_buf(&t), "<%.*s>", STRF(c->tech->url));
    md_cell_end(&t);
  }
  md_table_end(&t, o);
}

void doc_entities(Buf *o, const Plan *p) {
  const Model *m = p->model;
  MdTable t;
  md_table(&t, 5, "entity", "fields", "belongs to", "rows now", "rows in 3 years");
  for (int i = 0; i < m->nentities; i++) {
    const Entity *e = &m->entities[i];
    const EntityStorage *es = i < p->storage.nents ? &p->storage.ents[i] : NULL;
    md_cells(&t, e->name);
    md_cell_begin(&t);
    Buf *b = md_cell_buf(&t);
    for (int k = 0; k < e->nfields; k++) {
      if (k)
        buf_puts(b, ", ");
      esc_md(b, e->fields[k].name);
      if (e->fields[k].unique)
        buf_puts(b, " (unique)");
    }
    md_cell_end(&t);
    md_cells(&t, e->parent ? e->parent->name : S("root"));
    char x[32], y[32];
    md_cell(&t, "%s", fmt_count(x, es ? es->rows_now : e->rows));
    md_cell(&t, "%s", fmt_count(y, es ? es->rows_3y : e->rows));
  }
  md_table_end(&t, o);
}

void doc_relations(Buf *o, const Plan *p) {
  const Model *m = p->model;
  int n = 0;
  for (int i = 0; i < m->nentities; i++)
    for (int k = 0; k < m->entities[i].nfields; k++) {
      const Field *f = &m->entities[i].fields[k];
      if (f->rel != REL_MANY_TO_ONE || !f->ref)
        continue;
      n++;
      T(o, "- ");
      E(o, m->entities[i].name);
      T(o, ".");
      E(o, f->name);
      T(o, f->optional ? " may reference one " : " references one ");
      E(o, f->ref->name);
      T(o, f->unique ? " (one to one)" : " (many to one)");
      const char *od = plan_on_delete(&m->entities[i], f);
      /* A foreign key where both rows are in one SQL schema; else the application acts. */
      bool fk = api_in_schema(p, &m->entities[i], "database") && api_in_schema(p, f->ref, "database");
      buf_printf(o, fk ? ", ON DELETE %s" : ", on delete the application applies %s", od);
      T(o, od[0] == 'C'   ? " (owned rows go with their owner)"
           : od[0] == 'S' ? " (the reference is cleared)"
           : f->ref->principal && plan_kept_record(&m->entities[i])
               ? " (money records are kept for tax law: the user is anonymised on erasure, not deleted)"
               : " (the referenced row cannot be deleted while in use)");
      T(o, "\n");
    }
  if (!n)
    T(o, "- the entities are independent: no foreign keys\n");
  T(o, "- every entity has a UUID primary key `id` and `created_at`/`updated_at` timestamps\n");
  T(o, "- each field's type, bounds and who sets it: see [Data models](BACKEND-PLAN.md#data-models)\n");
  /* What the store enforces beyond one field: lifecycles and derived sums. */
  for (int i = 0; i < m->nentities; i++) {
    const ApiEntity *ae = &p->api.ents[i];
    for (int k = 0; k < m->entities[i].nfields; k++) {
      const Field *f = &m->entities[i].fields[k];
      const FieldFacts *ff = &ae->ff[k];
      if (!f->ntrans && !f->sum_of)
        continue;
      T(o, "- ");
      E(o, m->entities[i].name);
      T(o, ".");
      E(o, f->name);
      T(o, ": ");
      E(o, ff->why);
      if (f->ntrans) {
        T(o, "; new rows start as ");
        E(o, f->enum_vals[ff->initial >= 0 ? ff->initial : 0]);
        T(o, ae->form == FORM_SQL ? ", and a trigger refuses any other change than"
                                  : ", and a conditional write refuses any other change than");
        for (int t = 0; t < f->ntrans; t++) {
          buf_puts(o, t ? (t == f->ntrans - 1 ? " and " : ", ") : " ");
          E(o, f->enum_vals[f->trans[t].from]);
          T(o, " → ");
          E(o, f->enum_vals[f->trans[t].to]);
          T(o, " (by ");
          E(o, f->trans[t].by);
          T(o, ")");
        }
      }
      if (f->sum_of)
        T(o, ae->form == FORM_SQL ? ", kept by triggers on its rows" : ", kept by the writes of its rows");
      T(o, "\n");
    }
  }
  const Api *api = &p->api;
  if (api->events_table.n) {
    T(o, "- `");
    esc_md_code(o, api->events_table);
    T(o, "`: webhook events already processed, unique by provider and event id; a replay is acknowledged and ignored\n");
  }
  if (api->outbox_table.n) {
    T(o, "- `");
    esc_md_code(o, api->outbox_table);
    T(o, "`: messages to send (");
    for (int k = 0; k < api->noutbox_channels; k++) {
      T(o, k ? ", " : "");
      E(o, api->outbox_channels[k]);
    }
    T(o, "), written in the transaction that causes them; a worker sends the due rows and retries with backoff\n");
  }
  if (api->payable) {
    const ApiEntity *ae = &api->ents[api->payable->index];
    T(o, "- ");
    E(o, api->payable->name);
    T(o, " carries the payment provider's ids: `");
    esc_md_code(o, ae->pay_checkout);
    T(o, "` (the hosted checkout session) and `");
    esc_md_code(o, ae->pay_payment);
    T(o, "` (the payment, from its webhook)\n");
  }
  T(o, "\n");
}

void doc_indexes(Buf *o, const Plan *p) {
  const Model *m = p->model;
  MdTable t;
  md_table(&t, 3, "table", "index on", "serves");
  for (int i = 0; i < m->nentities; i++) {
    const ApiEntity *ae = &p->api.ents[i];
    for (int k = 0; k < ae->nidx; k++) {
      md_cells(&t, ae->table);
      md_cells(&t, ae->idx[k]->name);
      md_cells(&t, ae->idx_why[k]);
    }
    if (ae->nfts) {
      md_cells(&t, ae->table);
      md_cell_begin(&t);
      for (int k = 0; k < ae->nfts; k++) {
        buf_puts(md_cell_buf(&t), k ? ", " : "");
        esc_md(md_cell_buf(&t), ae->fts[k]->name);
      }
      md_cell_end(&t);
      md_cell(&t, "full-text search");
    }
    if (ae->idx_created) {
      md_cells(&t, ae->table);
      md_cell_begin(&t);
      if (ae->created_lead.n) {
        esc_md(md_cell_buf(&t), ae->created_lead);
        buf_puts(md_cell_buf(&t), ", ");
      }
      esc_md(md_cell_buf(&t), ae->created_col.n ? ae->created_col : S("created_at"));
      md_cell_end(&t);
      md_cell(&t, "%s", ae->created_lead.n ? "foreign key, and its rows newest first: history, retention, cursor lists"
                                           : "history, retention and cursor lists");
    }
  }
  if (t.n == t.ncols) {
    md_cell(&t, "every table");
    md_cell(&t, "id");
    md_cell(&t, "primary key lookups");
  }
  md_table_end(&t, o);
  int np = 0;
  for (int i = 0; i < m->nentities; i++)
    if (p->api.ents[i].partitioned || p->api.ents[i].soft_delete || p->api.ents[i].audited) {
      const ApiEntity *ae = &p->api.ents[i];
      T(o, "- ");
      E(o, m->entities[i].name);
      T(o, ":");
      if (ae->partitioned) {
        T(o, " partitioned by ");
        E(o, ae->partition_col);
        T(o, " (");
        E(o, ae->partition_note);
        T(o, ")");
      }
      if (ae->soft_delete)
        T(o, ae->partitioned ? "; soft delete" : " soft delete (deleted\\_at)");
      if (ae->audited)
        T(o, ae->partitioned || ae->soft_delete ? "; changes audited" : " changes audited");
      T(o, "\n");
      np++;
    }
  if (np)
    T(o, "\n");
}

void doc_data_tags(Buf *o, const Plan *p) {
  const DocFacts *d = p->docs;
  const Model *m = p->model;
  buf_printf(o, "Fields by tag: %d personal (pii), %d health (phi), %d cardholder (pci), %d secret.\n\n", d->npii, d->nphi,
             d->npci, d->nsecret);
  bool listed = false;
  for (int i = 0; i < m->nentities; i++)
    for (int k = 0; k < m->entities[i].nfields; k++) {
      const Field *f = &m->entities[i].fields[k];
      bool secret = f->type == FT_SECRET || (f->tags & TAG_SECRET);
      if (!secret && !(f->tags & (TAG_PII | TAG_PHI | TAG_PCI)))
        continue;
      listed = true;
      T(o, "- ");
      E(o, m->entities[i].name);
      T(o, ".");
      E(o, f->name);
      if (secret && !p->api.ents[i].ff[k].stored) {
        T(o, ": secret, ");
        E(o, p->api.ents[i].ff[k].why);
        T(o, "; never returned or logged\n");
      } else if (secret)
        T(o, ": secret, stored only as an Argon2id hash, never returned or logged\n");
      else if (f->tags & TAG_PCI)
        T(o, ": pci, never stored; the payment provider tokenises it and we keep the token only\n");
      else if (f->tags & TAG_PHI)
        T(o, ": phi, encrypted at rest with a per-environment key, access audited, excluded from logs\n");
      else
        T(o, ": pii, encrypted at rest, masked in logs, exported and erased on request\n");
    }
  if (listed)   /* the list ends with a blank line; without one the sentence already did */
    T(o, "\n");
}

void doc_security(Buf *o, const Plan *p, int level) {
  const Model *m = p->model;
  const DocFacts *d = p->docs;
  md_h(o, level, "Authentication");
  if (m->auth) {
    const Option *meth = feature_opt(m->auth, "method");
    if (str_eqc(p->api.method, "session"))
      buf_printf(o, "Users sign in with session through %.*s, which checks the credentials once; the API then issues an "
                    "HttpOnly session cookie and looks the session up on every request (%.*s). Client state: ",
                 STRF(fig_name(p, "auth")), STRF(fig_name(p, "authlib")));
    else
      buf_printf(o, "Users sign in with %.*s through %.*s; the API verifies every request with %.*s. Client state: ",
                 STRF(meth ? meth->args[0].text : S("jwt")), STRF(fig_name(p, "auth")), STRF(fig_name(p, "authlib")));
    E(o, d->state);
    T(o, ".");
    if (feature_has(m->auth, "mfa"))
      T(o, " A second factor is required.");
    T(o, "\n\n");
  } else
    T(o, "The spec has no auth feature: every endpoint is public, so the gateway's rate limit is the only protection.\n\n");
  md_h(o, level, "Authorization model and roles");
  if (d->nroles) {
    T(o, "Role-based access, with the role carried in the token or session:\n\n");
    for (int i = 0; i < d->nroles; i++) {
      T(o, "- `");
      esc_md_code(o, d->roles[i]);
      T(o, i == 0 ? "`: the default for new accounts\n" : "`: granted by an administrator\n");
    }
    T(o, "\n");
  } else
    T(o, "One role: every signed-in user has the same rights, limited by ownership below.\n\n");
  int owner = 0;
  bool said = false;
  for (int i = 0; i < m->nfeatures; i++) {
    const Feature *f = &m->features[i];
    if (f->kind != FK_CRUD)
      continue;
    const Option *r = feature_opt(f, "roles");
    if (!feature_has(f, "owner-only") && !r && !feature_has(f, "public"))
      continue;
    owner++;
    if (!said)
      T(o, "Rules per resource:\n\n");
    said = true;
    T(o, "- ");
    E(o, f->entity->name);
    T(o, ": ");
    /* the scope the contract gives its reads, as the plan decided it */
    const Endpoint *rd = NULL;
    for (int k = 0; k < p->api.neps && !rd; k++)
      rd = p->api.eps[k].entity == f->entity && p->api.eps[k].read && p->api.eps[k].kind != EP_AUTH ? &p->api.eps[k] : NULL;
    if (feature_has(f, "owner-only") && rd && rd->tenant) {
      T(o, "owner-only asked, but its rows reach no signed-in user through their parents: each query is scoped to "
           "the caller's ");
      E(o, rd->tenant->name);
      T(o, ", and every user of that ");
      E(o, rd->tenant->name);
      T(o, " sees them; another's row answers 404");
    } else if (feature_has(f, "owner-only")) {
      T(o, "owner-only, each query is scoped to the caller's ");
      E(o, f->entity->owner ? f->entity->owner->name : S("account"));
      T(o, " id; another owner's row answers 404, not 403");
    }
    if (r) {
      T(o, feature_has(f, "owner-only") ? "; " : "");
      T(o, "writes need role ");
      for (int k = 0; k < r->nargs; k++) {
        T(o, k ? " or `" : "`");
        esc_md_code(o, r->args[k].text);
        T(o, "`");
      }
    }
    if (feature_has(f, "public"))
      T(o, "; reads are public");
    T(o, "\n");
  }
  if (owner)
    T(o, "\n");
  else
    T(o, "No resource is restricted beyond sign-in.\n\n");
  md_h(o, level, "Data protection");
  T(o, "TLS 1.2 or later on every hop; storage encrypted at rest by each managed service.");
  if (m->project.ncompliance) {
    T(o, " Compliance duties from the spec: ");
    for (int i = 0; i < m->project.ncompliance; i++) {
      T(o, i ? ", " : "");
      E(o, m->project.compliance[i].word);
    }
    T(o, ".");
  }
  T(o, "\n\n");
  doc_data_tags(o, p);
  md_h(o, level, "API security");
  buf_printf(o, "- rate limit of %.0f requests a minute per user (per IP before sign-in) at the %s, 429 with Retry-After beyond it\n",
             d->rate_limit_user, d->gateway >= 0 ? "gateway" : "API");
  T(o, "- every request body validated against its schema");
  if (plan_choice(p, "validation")) {
    T(o, " with ");
    E(o, fig_name(p, "validation"));
  }
  T(o, "; unknown fields rejected\n");
  T(o, "- parameterised queries only; identifiers never built from input\n");
  T(o, "- CORS limited to the product's origins; security headers (HSTS, no-sniff, frame-deny)\n");
  buf_printf(o, "- secrets in the secret store, rotated every %.0f days; nothing secret in the repository or the logs\n\n",
             d->secret_rotation_days);
}

/* An integration's call policy, one line per aspect ("rate limits: ..."). */
static void policy_lines(const Integration *in, Buf line[4]) {
  for (int k = 0; k < 4; k++)
    line[k].n = 0;
  buf_puts(&line[0], "rate limits: ");
  buf_str(&line[0], in->rate);
  buf_printf(&line[1], "error handling: %.0f s timeout per call; 4xx other than 429 are not retried", in->timeout);
  buf_printf(&line[2], "retry with backoff: up to %d attempts, exponential from %.0f ms to %.0f s with full jitter",
             in->attempts, in->backoff_base * 1000, in->backoff_max);
  buf_printf(&line[3], "circuit breaker: opens after %d consecutive failures, half-opens after %.0f s",
             in->breaker_failures, in->breaker_open);
}

void doc_integrations(Buf *o, const Plan *p, int level) {
  const DocFacts *d = p->docs;
  if (!d->nintegrations) {
    T(o, "The system calls no external service.\n\n");
    return;
  }
  /* A policy line every integration shares is said once, before them. */
  Buf first[4] = {{0}}, line[4] = {{0}};
  bool shared[4] = {true, true, true, true};
  policy_lines(&d->integrations[0], first);
  for (int i = 1; i < d->nintegrations; i++) {
    policy_lines(&d->integrations[i], line);
    for (int k = 0; k < 4; k++)
      shared[k] &= line[k].n == first[k].n && !memcmp(line[k].p, first[k].p, (size_t)line[k].n);
  }
  bool any = false;
  for (int k = 0; k < 4 && d->nintegrations > 1; k++)
    if (shared[k]) {
      if (!any)
        T(o, "Every call to an outside service follows the same policy:\n\n");
      any = true;
      T(o, "- ");
      E(o, buf_view(&first[k]));
      T(o, "\n");
    }
  if (any)
    T(o, "\n");
  for (int i = 0; i < d->nintegrations; i++) {
    const Integration *in = &d->integrations[i];
    md_hs(o, level, "", in->name, "");
    T(o, "- kind: ");
    E(o, in->kind);
    T(o, "\n- authentication: ");
    E(o, in->auth);
    T(o, "\n");
    policy_lines(in, line);
    for (int k = 0; k < 4; k++)
      if (!any || !shared[k]) {
        T(o, "- ");
        E(o, buf_view(&line[k]));
        T(o, "\n");
      }
    T(o, "- fallback: ");
    E(o, in->fallback);
    T(o, "\n- idempotency: ");
    E(o, in->idempotency);
    T(o, "\n");
    if (in->webhook.n) {
      T(o, "- webhook signatures: ");
      E(o, in->webhook);
      T(o, "\n");
    }
    T(o, "\n");
  }
  for (int k = 0; k < 4; k++) {
    buf_free(&first[k]);
    buf_free(&line[k]);
  }
}

void doc_cache(Buf *o, const Plan *p, int level) {
  const DocFacts *d = p->docs;
  if (d->cache < 0) {
    T(o, "No cache is chosen: the database serves every read within the latency budget (see Performance).\n\n");
    return;
  }
  md_h(o, level, "Layers");
  if (d->cdn >= 0) {
    T(o, "- edge: ");
    E(o, fig_name(p, "cdn"));
    T(o, " caches files and public GET responses by URL\n");
  }
  T(o, "- application: ");
  E(o, fig_name(p, "cache"));
  T(o, ", read-through from the API\n- database: its own buffer cache; no query cache is relied upon\n\n");
  md_h(o, level, "Keys, TTLs and invalidation");
  if (!d->ncache) {
    T(o, "The cache holds sessions and rate-limit counters only; no entity is cached.\n\n");
    return;
  }
  MdTable t;
  md_table(&t, 5, "entity", "item key", "list key", "TTL", "invalidation per write");
  for (int i = 0; i < d->ncache; i++) {
    const CacheEntry *ce = &d->cache_entries[i];
    md_cells(&t, ce->entity->name);
    md_cell_begin(&t);
    code_cell(md_cell_buf(&t), ce->item_key);
    md_cell_end(&t);
    md_cell_begin(&t);
    code_cell(md_cell_buf(&t), ce->list_key);
    md_cell_end(&t);
    md_cell(&t, "%.0f s%s", ce->ttl, ce->ttl_given ? " (spec)" : " (default)");
    md_cells(&t, ce->invalidate);
  }
  md_table_end(&t, o);
}

/* The rules of alerts.yaml and the alerts that need no Prometheus rule
 * (docfacts.c derives both from plan/alerts.c). */
void doc_alerts(Buf *o, const Plan *p) {
  const DocFacts *d = p->docs;
  MdTable t;
  md_table(&t, 5, "alert", "measures", "fires when", "severity", "why this threshold");
  for (int i = 0; i < d->nalerts; i++) {
    const AlertRule *r = &d->alerts[i];
    md_cells(&t, r->name);
    md_cells(&t, r->what);
    md_cells(&t, r->condition);
    md_cells(&t, r->severity);
    md_cells(&t, r->why);
  }
  md_table_end(&t, o);
}

/* The settings of .env.example (p->api.env). */
void doc_env(Buf *o, const Plan *p) {
  MdTable t;
  md_table(&t, 4, "variable", "purpose", "secret", "development value");
  for (int i = 0; i < p->api.nenv; i++) {
    const EnvVar *v = &p->api.env[i];
    md_cell_begin(&t);
    code_cell(md_cell_buf(&t), v->name);
    md_cell_end(&t);
    md_cells(&t, v->purpose);
    md_cell(&t, "%s", v->secret ? "yes" : "no");
    if (v->example.n) {
      md_cell_begin(&t);
      code_cell(md_cell_buf(&t), v->example);
      md_cell_end(&t);
    } else
      md_cell(&t, "%s", v->secret ? "from the secret store" : "set per environment");
  }
  md_table_end(&t, o);
}

void doc_flags(Buf *o, const Plan *p) {
  const DocFacts *d = p->docs;
  if (!d->nflags) {
    T(o, "No flags: every feature is plain CRUD and ships with its endpoints.\n\n");
    return;
  }
  T(o, "Each feature beyond CRUD ships behind a flag, on in development and staging, turned on in production after its canary:\n\n");
  for (int i = 0; i < d->nflags; i++) {
    T(o, "- `");
    buf_str(o, d->flags[i].name);
    T(o, "`: ");
    E(o, d->flags[i].what);
    T(o, "\n");
  }
  T(o, "\n");
}

void doc_perf(Buf *o, const Plan *p) {
  char a[32], b[32], c[32];
  buf_printf(o, "Load: %s req/s on average, %s at peak, designed for %s req/s.\n\n", fmt_count(a, p->load.avg_rps),
             fmt_count(b, p->load.peak_rps), fmt_count(c, p->load.design_rps));
  MdTable t;
  md_table(&t, 6, "path", "p50", "p95", "target p95", "headroom", "largest hop");
  for (int i = 0; i < p->npaths; i++) {
    const Path *pa = &p->paths[i];
    md_cells(&t, pa->name);
    md_cell(&t, "%s", fmt_ms(a, pa->p50));
    md_cell(&t, "%s", fmt_ms(b, pa->p95));
    md_cell(&t, "%s", fmt_ms(c, pa->target));
    if (pa->target >= pa->p95)
      md_cell(&t, "%s", fmt_ms(a, pa->target - pa->p95));
    else
      md_cell(&t, "over by %s", fmt_ms(a, pa->p95 - pa->target));
    md_cells(&t, pa->dominant);
  }
  md_table_end(&t, o);
  if (p->nregions > 1) {
    /* Each region's users: reads served in the region, writes at home. */
    T(o, "Per region, for the users each serves (reads in the region; a write from a replica region goes to the "
         "home region):\n\n");
    MdTable r;
    md_table(&r, 6, "region", "cloud region", "role", "round trip to home", "read p95", "write p95");
    for (int i = 0; i < p->nregions; i++) {
      const Region *g = &p->regions[i];
      md_cells(&r, g->word);
      md_cells(&r, g->id.n ? g->id : S("unknown"));
      md_cells(&r, g->home ? S("home") : g->write_rtt > 0 ? S("replica") : S("writes here"));
      if (g->rtt < 0)
        md_cells(&r, S("unknown"));
      else
        md_cell(&r, "%s", fmt_ms(a, g->rtt));
      md_cell(&r, "%s", fmt_ms(b, g->p95_read));
      md_cell(&r, "%s%s", fmt_ms(c, g->p95_write), g->meets ? "" : " (misses the p95 target)");
    }
    md_table_end(&r, o);
  }
  /* The budget of the slowest path, hop by hop. */
  const Path *w = NULL;
  for (int i = 0; i < p->npaths; i++)
    if (!w || p->paths[i].p95 > w->p95)
      w = &p->paths[i];
  if (w && w->nhops) {
    T(o, "Where the p95 of the slowest path (");
    E(o, w->name);
    T(o, ") goes:\n\n");
    MdTable h;
    md_table(&h, 3, "hop", "p50", "p95");
    for (int k = 0; k < w->nhops; k++) {
      md_cells(&h, w->hops[k].name);
      md_cell(&h, "%s", fmt_ms(a, w->hops[k].p50));
      md_cell(&h, "%s", fmt_ms(b, w->hops[k].p95));
    }
    md_table_end(&h, o);
  }
}

void doc_availability(Buf *o, const Plan *p) {
  const Availability *av = &p->avail;
  buf_printf(o, "The request path's SLAs compose to %.*f%%", plan_avail_digits(av), av->composite * 100);
  if (av->regions > 1 && av->home_only.n) {
    T(o, " with the parts that run in every region counted in two independent regions, and ");
    E(o, av->home_only);
    T(o, ", in the home region only, in series (home x (1 - (1 - every region)^2))");
  } else if (av->regions > 1)
    T(o, " across two independent regions (1 - (1 - path)^2)");
  else if (p->nregions > 1)
    T(o, " in series: no part of the path fails over to another region");
  buf_printf(o, " against a target of %.3f%%", av->target * 100);
  if (p->avail.advice.n) {
    T(o, ": ");
    E(o, p->avail.advice);
  } else
    T(o, ", which meets it");
  T(o, ".\n\n");
}

void doc_cost(Buf *o, const Plan *p) {
  char a[32], b[32];
  buf_printf(o, "The stack costs %s%s a month at this load", p->bills_partial ? "at least " : "", fmt_usd(a, p->monthly_usd));
  if (p->model->project.has_budget)
    buf_printf(o, " against a budget of %s", fmt_usd(b, p->model->project.budget));
  if (p->bills_usd > 0)
    buf_printf(o, "; %s of it is the bills of the spec's integrations", fmt_usd(b, p->bills_usd));
  T(o, ".");
  if (p->sales_usd > 0)
    buf_printf(o, " The payment provider's fees, %s a month on the money charged, are a cost of sales: they grow with "
                  "revenue, and are outside that total and the budget.", fmt_usd(b, p->sales_usd));
  T(o, "\n\n");
}

void doc_errors(Buf *o) {
  T(o, "Every error has one body: `{\"error\": {\"code\", \"message\", \"details\", \"request_id\"}}`.\n\n");
  MdTable t;
  md_table(&t, 4, "code", "HTTP", "retry", "meaning");
  for (int i = 0; i < API_NERRORS; i++) {
    md_cell(&t, "%s", api_errors[i].code);
    md_cell(&t, "%d", api_errors[i].status);
    md_cell(&t, "%s", api_errors[i].retry ? "yes, with backoff" : "no");
    md_cell(&t, "%s", api_errors[i].text);
  }
  md_table_end(&t, o);
}

/* Whether every endpoint may answer `status` (429, 500): said once, above
 * the tables, not in each row. */
static bool every_endpoint(const Plan *p, int status) {
  for (int i = 0; i < p->api.neps; i++) {
    bool has = false;
    for (int k = 0; k < p->api.eps[i].nerrors; k++)
      has |= p->api.eps[i].errors[k] == status;
    if (!has)
      return false;
  }
  return p->api.neps > 1;
}

static void common_errors(Buf *o, const Plan *p) {
  int n = 0;
  for (int k = 0; k < p->api.neps && k < 1; k++)
    for (int x = 0; x < p->api.eps[k].nerrors; x++) {
      int st = p->api.eps[k].errors[x];
      if (!every_endpoint(p, st))
        continue;
      T(o, n++ ? " and " : "Besides the errors each row lists, every endpoint may answer ");
      buf_printf(o, "%d %s", st, api_error(st)->code);
    }
  if (n)
    T(o, ".\n\n");
}

static void errors_cell(MdTable *t, const Plan *p, const Endpoint *e) {
  md_cell_begin(t);
  Buf *b = md_cell_buf(t);
  int n = 0;
  for (int k = 0; k < e->nerrors; k++)
    if (!every_endpoint(p, e->errors[k]))
      buf_printf(b, "%s%d %s", n++ ? ", " : "", e->errors[k], api_error(e->errors[k])->code);
  if (!n)
    buf_puts(b, "none other");
  md_cell_end(t);
}

static void route_cell(MdTable *t, const Plan *p, const Endpoint *e) {
  md_cell_begin(t);
  Buf *b = md_cell_buf(t);
  buf_putc(b, '`');
  buf_str(b, e->method);
  buf_putc(b, ' ');
  if (e->kind != EP_REDIRECT)   /* short URLs live at the domain's root */
    buf_str(b, p->api.base);
  esc_md_code(b, e->path);
  buf_putc(b, '`');
  md_cell_end(t);
}

/* The fields a new row of `e` takes: all but relations to the owner chain. */
static void fields_of(Buf *b, const Plan *p, const Entity *e, bool secret_only) {
  int n = 0;
  for (int k = 0; e && k < e->nfields; k++) {
    const Field *f = &e->fields[k];
    bool secret = f->type == FT_SECRET;
    if (secret_only && !secret && !(f->unique && f->type == FT_EMAIL))
      continue;
    if (!secret_only && !p->api.ents[e->index].ff[k].in_create)   /* the plan's register body */
      continue;
    buf_puts(b, n++ ? ", " : "");
    esc_md(b, f->name);
  }
  if (!secret_only && e && p->api.signup_org) {
    buf_puts(b, n++ ? ", " : "");
    esc_md(b, e->parent_field->name);
    buf_printf(b, " (the new %.*s)", STRF(p->api.signup_org->name));
  }
  if (!n)
    buf_puts(b, "none");
}

void doc_auth_endpoints(Buf *o, const Plan *p) {
  const Model *m = p->model;
  if (!m->auth) {
    T(o, "There is no sign-in, so there are no authentication endpoints.\n\n");
    return;
  }
  bool cookie = str_eqc(p->api.method, "session") || str_eqc(p->api.method, "passkey") || str_eqc(p->api.method, "saml");
  common_errors(o, p);
  MdTable t;
  md_table(&t, 5, "endpoint", "purpose", "request", "response", "errors");
  for (int i = 0; i < p->api.neps; i++) {
    const Endpoint *e = &p->api.eps[i];
    if (e->kind != EP_AUTH)
      continue;
    Str s = e->auth_step;
    route_cell(&t, p, e);
    md_cells(&t, e->summary);
    md_cell_begin(&t);
    Buf *b = md_cell_buf(&t);
    if (str_eqc(s, "register") && e->entity && !str_eqc(p->api.method, "apikey") && !str_eqc(p->api.method, "passkey"))
      fields_of(b, p, e->entity, false);
    else if (str_eqc(s, "login") && (str_eqc(p->api.method, "jwt") || str_eqc(p->api.method, "session")))
      fields_of(b, p, e->entity, true);
    else if (str_eqc(s, "refresh"))
      buf_puts(b, "refresh\\_token");
    else if (str_eqc(s, "authorize"))
      buf_puts(b, "redirect\\_uri, code\\_challenge (PKCE), state");
    else if (str_eqc(s, "callback"))
      buf_puts(b, str_eqc(p->api.method, "saml") ? "SAMLResponse, RelayState" : "code, state, code\\_verifier");
    else if (str_eqc(s, "request"))
      buf_puts(b, "email");
    else
      buf_puts(b, cookie ? "the session cookie" : "the bearer token");
    md_cell_end(&t);
    md_cell_begin(&t);
    b = md_cell_buf(&t);
    bool tokens = str_eqc(s, "login") || str_eqc(s, "refresh") || str_eqc(s, "callback");
    buf_printf(b, "%d", e->success);
    if (e->success == 302)
      buf_puts(b, ", Location: the provider's sign-in page");
    else if (e->success == 204)
      ;
    else if (tokens && !cookie)
      buf_puts(b, ", access\\_token, refresh\\_token, expires\\_in");
    else if (tokens || (cookie && str_eqc(s, "register")))
      buf_puts(b, ", Set-Cookie: HttpOnly, Secure, SameSite=Lax session");
    else if (str_eqc(s, "register") && str_eqc(p->api.method, "apikey"))
      buf_puts(b, ", the key, shown once");
    else if (e->entity) {
      buf_puts(b, ", the ");
      esc_md(b, e->entity->name);
      buf_puts(b, " without secrets");
    }
    md_cell_end(&t);
    errors_cell(&t, p, e);
  }
  md_table_end(&t, o);
}

void doc_api_summary(Buf *o, const Plan *p) {
  int nauth = 0;
  for (int i = 0; i < p->api.neps; i++)
    nauth += p->api.eps[i].kind == EP_AUTH;
  buf_printf(o, "%d endpoints under `%.*s` (%d of them for sign-in, above); lists return %.0f rows a page by default, at most %.0f; %.0f requests a minute per client.\n\n",
             p->api.neps, STRF(p->api.base), nauth, p->api.page_size, p->api.max_page_size, p->api.rate_per_min);
  if (!p->model->auth)
    common_errors(o, p);
  MdTable t;
  md_table(&t, 5, "endpoint", "does", "access", "success", "errors");
  for (int i = 0; i < p->api.neps; i++) {
    const Endpoint *e = &p->api.eps[i];
    if (e->kind == EP_AUTH)
      continue;
    route_cell(&t, p, e);
    md_cell_begin(&t);
    esc_md(md_cell_buf(&t), e->summary);
    if (e->paginate.n)
      buf_printf(md_cell_buf(&t), " (%.*s pagination)", STRF(e->paginate));
    md_cell_end(&t);
    if (e->nroles) {
      md_cell_begin(&t);
      buf_puts(md_cell_buf(&t), "role ");
      for (int r = 0; r < e->nroles; r++) {
        buf_puts(md_cell_buf(&t), r ? " or " : "");
        esc_md(md_cell_buf(&t), e->roles[r]);
      }
      if (e->kind == EP_TRANSITION && e->life && e->life->nby > e->nroles)
        buf_puts(md_cell_buf(&t), " or the owner");
      if (e->tenant)
        buf_printf(md_cell_buf(&t), ", in the caller's %.*s", STRF(e->tenant->name));
      md_cell_end(&t);
    } else if (e->tenant)
      md_cell(&t, "the caller's %.*s only", STRF(e->tenant->name));
    else
      md_cell(&t, "%s", e->kind == EP_WEBHOOK ? "signed by the provider" : e->owner_only ? "owner only" : e->auth ? "signed in" : "public");
    md_cell(&t, "%d", e->success);
    errors_cell(&t, p, e);
  }
  md_table_end(&t, o);
  /* Rows the contract keeps: no DELETE, and why. */
  for (int i = 0; i < p->model->nentities; i++)
    if (p->api.ents[i].delete_withheld)
      buf_printf(o, "%.*s rows are never deleted through the API: %.*s.\n\n", STRF(p->model->entities[i].name),
                 STRF(p->api.ents[i].kept));
}

void doc_risks(Buf *o, const Plan *p) {
  if (!p->nrisks) {
    T(o, "No risk rule of the knowledge base fires for this plan.\n\n");
    return;
  }
  buf_printf(o, "%d risks fire against this plan, highest impact times probability first:\n\n", p->nrisks);
  MdTable t;
  md_table(&t, 5, "risk", "impact", "probability", "owner", "mitigation");
  for (int i = 0; i < p->nrisks; i++) {
    const Risk *r = &p->risks[i];
    md_cells(&t, r->name);
    md_cells(&t, r->impact_word);
    md_cells(&t, r->probability_word);
    md_cells(&t, r->owner);
    md_cells(&t, r->mitigation);
  }
  md_table_end(&t, o);
}

void doc_revisit(Buf *o, const Plan *p) {
  int n = 0;
  for (int i = 0; i < p->nchoices; i++) {
    const Choice *c = &p->choices[i];
    if (!c->tech || !c->revisit.found)
      continue;
    T(o, "- ");
    E(o, c->need->slot);
    T(o, " (");
    E(o, c->tech->name);
    T(o, "): ");
    E(o, c->revisit.text);
    T(o, "\n");
    n++;
  }
  if (!n)
    T(o, "- no decision changes within 1000x of today's load, data or budget\n");
  T(o, "\n");
}

void doc_see(Buf *o, const char *what, const char *file, const char *heading) {
  buf_printf(o, "%s: see [%s](%s#", what, heading, file);
  for (const char *c = heading; *c; c++)
    if ((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-' || *c == '_')
      buf_putc(o, *c);
    else if (*c >= 'A' && *c <= 'Z')
      buf_putc(o, (char)(*c + 32));
    else if (*c == ' ')
      buf_putc(o, '-');
  buf_puts(o, ").\n\n");
}

void doc_verdict(Buf *o, const Plan *p) {
  int pass = 0, fail = 0;
  for (int i = 0; i < p->nreview; i++)
    pass += p->review[i].status == REVIEW_PASS, fail += p->review[i].status == REVIEW_FAIL;
  buf_printf(o, "%d checks pass and %d fail. ", pass, fail);
  doc_see(o, "Each with its evidence", "RISKS.md", "Review checklist");
}

/* The review items of one template (tfs, architecture, backend-plan,
 * design); NULL: every item. */
void doc_checklist(Buf *o, const Plan *p, const char *template_name) {
  int pass = 0, fail = 0;
  for (int i = 0; i < p->nreview; i++) {
    if (template_name && !str_eqc(p->review[i].template_name, template_name))
      continue;
    pass += p->review[i].status == REVIEW_PASS, fail += p->review[i].status == REVIEW_FAIL;
  }
  buf_printf(o, "%d checks pass and %d fail against this plan.\n\n", pass, fail);
  MdTable t;
  md_table(&t, 3, "check", "result", "evidence");
  for (int i = 0; i < p->nreview; i++) {
    const ReviewItem *r = &p->review[i];
    if (template_name && !str_eqc(r->template_name, template_name))
      continue;
    md_cells(&t, r->item);
    md_cell(&t, "%s", r->status == REVIEW_PASS ? "pass" : r->status == REVIEW_FAIL ? "fail" : "not applicable");
    md_cells(&t, r->reason);
  }
  if (t.n == t.ncols) {
    md_cell(&t, "checklist");
    md_cell(&t, "not applicable");
    md_cell(&t, "the knowledge base has no review items");
  }
  md_table_end(&t, o);
}

void doc_estimates(Buf *o, const Plan *p) {
  const Roadmap *r = p->roadmap;
  if (!r || r->error.n) {
    T(o, "No schedule: ");
    E(o, r ? r->error : S("the roadmap was not built"));
    T(o, ".\n\n");
    return;
  }
  buf_printf(o, "%d tasks take %.1f working days for %d developer%s; the critical path is %.1f working days. ", r->ntasks,
             r->duration_days, r->devs, r->devs == 1 ? "" : "s", r->critical_days);
  T(o, "Team factor: ");
  E(o, r->level_basis);
  T(o, ".\n\n");
  if (r->has_deadline) {
    if (r->on_track)
      buf_printf(o, "On track: %.1f working days against %.0f to the deadline.\n\n", r->duration_days, r->deadline_days);
    else {
      if (r->deadline_days >= 1)
        buf_printf(o, "Over the deadline by %.1f working days (%.0f available).", r->overshoot_days, r->deadline_days);
      else
        buf_printf(o, "Over the deadline by %.1f working days (%.*s available).", r->overshoot_days,
                   STRF(r->deadline_text));
      if (r->past_critical)
        buf_printf(o, " The critical path alone takes %.1f working days, longer than the deadline for any team.",
                   r->critical_days);
      if (r->ncut) {
        T(o, " Cut first: ");
        for (int i = 0; i < r->ncut; i++) {
          T(o, i ? ", " : "");
          E(o, r->tasks[r->cut[i]].name);
        }
        buf_printf(o, " (then %.1f days).", r->cut_duration);
      }
      if (r->devs_needed)
        buf_printf(o, " %d developers would fit the full scope.", r->devs_needed);
      T(o, "\n\n");
    }
  }
  doc_see(o, "Every task with its estimate, how it was made, its dependencies and its place in the schedule", "ROADMAP.md",
          "Tasks");
}

void doc_milestones(Buf *o, const Plan *p) {
  const Roadmap *r = p->roadmap;
  if (!r || r->error.n) {
    doc_estimates(o, p);
    return;
  }
  for (int i = 0; i < 3; i++) {
    const Milestone *ms = &r->milestones[i];
    buf_printf(o, "%d. ", i + 1);
    E(o, ms->name);
    buf_printf(o, ", day %.1f (%d criteria)\n", ms->day, ms->ncriteria);
  }
  T(o, "\n");
  doc_see(o, "What each milestone must show", "ROADMAP.md", "Milestones");
}

void doc_start(Buf *o, const Plan *p) {
  (void)p;
  doc_see(o, "The first commands, and the pitfalls of this stack for this team", "ROADMAP.md", "Where to start today");
}
