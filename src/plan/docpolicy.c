/* Documents' facts, continued: how each external call is protected, the
 * alert thresholds, and the policies the documents state (backups,
 * migrations, secrets, the API style, the realtime protocol, client state).
 * The fixed sentences are kb/documents.kb's `text` records. */
#include <stdio.h>
#include <string.h>

#include "alerts.h"
#include "core.h"
#include "docfacts.h"
#include "explain.h"

#define FIG(p, key, dflt) plan_figure((p), "documents", (key), (dflt))

/* The sentence NAME of kb/documents.kb's `text REC` record; empty if absent. */
Str doc_text(const Plan *p, const char *rec, Str name) {
  const KbRecord *r = kb_record(p->kb, "text", str_c(rec));
  for (int i = 0; r && i < r->nitems; i++)
    if (str_eq(r->items[i].key, name) && r->items[i].nvals)
      return r->items[i].vals[0].text;
  return (Str){0};
}

#define TEXT(rec, name) doc_text(p, (rec), str_c(name))

/* ---- integrations ---- */

static void add_integration(Arena *a, const Plan *p, DocFacts *d, int *cap, Str name, Str kind, const Feature *f) {
  Integration *in = push(a, d->integrations, d->nintegrations, *cap);
  in->name = name;
  in->kind = kind;
  in->feature = f;
  in->timeout = FIG(p, "call-timeout", 3);
  in->attempts = (int)FIG(p, "retry-attempts", 3);
  in->backoff_base = FIG(p, "backoff-base", 0.2);
  in->backoff_max = FIG(p, "backoff-max", 5);
  in->breaker_failures = (int)FIG(p, "breaker-failures", 5);
  in->breaker_open = FIG(p, "breaker-open", 30);
  bool identity = str_eqc(kind, "identity");
  in->auth = TEXT("integrations", identity ? "auth-identity" : str_eqc(kind, "push") ? "auth-push" : "auth-key");
  const Option *r = f ? feature_opt(f, "rate") : NULL;
  if (r)
    in->rate = str_printf(a, "%.0f requests/s (spec); a client-side token bucket keeps us under it", r->args[0].num);
  else
    in->rate = TEXT("integrations", "rate-published");
  const Option *fb = f ? feature_opt(f, "fallback") : NULL;
  if (fb)
    in->fallback = str_printf(a, "fail over to %.*s while the breaker is open", STRF(fb->args[0].text));
  else if (str_eqc(kind, "payments"))
    in->fallback = TEXT("integrations", "fallback-payments");
  else if (str_eqc(kind, "email") || str_eqc(kind, "sms") || str_eqc(kind, "push"))
    in->fallback = TEXT("integrations", "fallback-messages");
  else if (identity)
    in->fallback = TEXT("integrations", "fallback-identity");
  else
    in->fallback = TEXT("integrations", "fallback-other");
  in->idempotency = TEXT("integrations", identity ? "idempotency-token" : "idempotency-write");
  if (f && feature_has(f, "webhooks"))
    in->webhook = TEXT("integrations", "webhook");
}

/* Lookups docfacts.c shares with this file (docfacts.h). */
bool doc_has_kind(const Model *m, FeatureKind k) {
  for (int i = 0; i < m->nfeatures; i++)
    if (m->features[i].kind == k)
      return true;
  return false;
}

Str doc_auth_method(const Model *m) {
  const Option *o = m->auth ? feature_opt(m->auth, "method") : NULL;
  return o ? o->args[0].text : S("jwt");
}

const DesignDecision *doc_design_of(const Plan *p, const Feature *f, const char *topic) {
  for (int i = 0; i < p->ndesigns; i++)
    if (str_has_prefix(p->designs[i].topic, str_c(topic)) && (!f || p->designs[i].feature == f))
      return &p->designs[i];
  return NULL;
}

void docfacts_integrations(Arena *a, const Plan *p, DocFacts *d) {
  const Model *m = p->model;
  int cap = 0;
  const char *slots[][2] = {{"auth", "identity"}, {"email", "email"}, {"sms", "sms"}, {"push", "push"}};
  for (size_t i = 0; i < sizeof slots / sizeof *slots; i++) {
    const Choice *ch = plan_choice(p, slots[i][0]);
    if (ch)
      add_integration(a, p, d, &cap, ch->tech->name, str_c(slots[i][1]), NULL);
  }
  for (int i = 0; i < m->nfeatures; i++)
    if (m->features[i].kind == FK_INTEGRATION) {
      const Option *k = feature_opt(&m->features[i], "kind");
      add_integration(a, p, d, &cap, m->features[i].name, k ? k->args[0].text : S("other"), &m->features[i]);
    }
}


/* ---- alerts ---- */

static void alert(Arena *a, DocFacts *d, int *cap, const char *name, const char *what, Str cond, double thr, const char *unit, const char *why,
                  const char *sev) {
  AlertRule *r = push(a, d->alerts, d->nalerts, *cap);
  *r = (AlertRule){str_c(name), str_c(what), cond, thr, str_c(unit), str_c(why), str_c(sev)};
}

void docfacts_alerts(Arena *a, const Plan *p, DocFacts *d) {
  const Model *m = p->model;
  int cap = 0;
  double sat = FIG(p, "alert-saturation", 0.8);
  /* The rules of alerts.yaml (plan/alerts.c), so the documents quote the
   * thresholds Prometheus enforces; then what needs no Prometheus rule. */
  for (int i = 0; i < p->nalerts; i++) {
    const PromRule *r = &p->alerts[i];
    AlertRule *e = push(a, d->alerts, d->nalerts, cap);
    *e = (AlertRule){r->name, r->what, r->condition, r->threshold, r->unit, r->description,
                     str_eqc(r->severity, "critical") ? S("page") : S("ticket")};
  }
  if (d->queue >= 0 || d->stream >= 0)
    alert(a, d, &cap, "DeadLetters", "messages in the dead-letter queue", S("> 0 for 10 minutes"), 0, "count",
          "a job failed every retry and needs a person", "ticket");
  if (m->project.has_budget)
    alert(a, d, &cap, "BudgetBurn", "forecast monthly spend", str_printf(a, "> %.0f%% of $%.0f", sat * 100, m->project.budget),
          sat * m->project.budget, "USD", "the spec's budget", "ticket");
}

/* ---- policies ---- */

void docfacts_policy(Arena *a, Plan *p, DocFacts *d, bool receipts) {
  const Choice *db = plan_choice(p, "database");
  if (db && (str_eqc(db->tech->hosting, "self-hosted") || str_eqc(db->tech->hosting, "library")))
    d->backup = str_printf(a, "continuous WAL archiving and a nightly base backup to object storage, %.0f days of point-in-time recovery and %.0f days of snapshots, run by the team",
                           d->backup_days, d->snapshot_days);
  else if (db)
    d->backup = str_printf(a, "%.*s automated backups with point-in-time recovery over %.0f days, plus daily snapshots kept %.0f days; a restore is rehearsed every quarter",
                           STRF(db->tech->name), d->backup_days, d->snapshot_days);
  const Choice *orm = plan_choice(p, "orm");
  if (p->api.db_form == FORM_KEYS)
    d->migrations = str_printf(a, "No schema to migrate: the tables and indexes are declared in %s and deployed by the "
                                  "infrastructure code; a new access path is a new index, backfilled before the code that reads it ships",
                               p->api.keys_dynamodb ? "dynamodb.cfn.json" : "schema.cql");
  else if (orm)
    d->migrations = str_printf(a, "Versioned migrations generated with %.*s, reviewed as code, applied by the pipeline before the new code ships (expand, migrate, contract)",
                               STRF(orm->tech->name));
  else if (db)
    d->migrations = str_printf(a, "Schema changes for %.*s as versioned scripts applied by the pipeline, additive first, removals a release later",
                               STRF(db->tech->name));
  /* A thousand boxes neither read nor lay out (dot's ordering grows
   * faster than the graph): the components diagram draws the first
   * modules, as many as the figure says. */
  double cap = plan_figure(p, "diagrams", "components-max-modules", 0);
  d->modules_shown = cap >= 1 && d->nmodules > (int)cap ? (int)cap : d->nmodules;
  Str cloud = doc_text(p, "cloud-names", p->cloud), store = doc_text(p, "secret-stores", p->cloud);
  d->cloud_name = cloud.n ? cloud : p->cloud;
  if (p->nregions > 1)
    d->region = plan_region_list(a, p, true);
  else
    d->region = p->model->project.nregions ? p->model->project.regions[0].word : S("one region");
  d->secret_store = store.n ? store : TEXT("policies", "secret-store");
  const Choice *api = plan_choice(p, "api");
  d->api_style = api ? str_printf(a, "%.*s, versioned under /v1", STRF(api->tech->name))
                     : TEXT("policies", "api-style");
  if (d->api >= 0)
    d->parts[d->api].iface = d->api_style;
  d->realtime_transport = d->realtime >= 0 ? str_printf(a, "WebSocket through %.*s", STRF(d->parts[d->realtime].choice->tech->name)) : (Str){0};
  /* Chat and presence: the protocol the connection gateway speaks. */
  const DesignDecision *tr = doc_design_of(p, NULL, "realtime transport");
  if (tr) {
    bool chat = doc_has_kind(p->model, FK_CHAT);
    d->realtime_transport = str_printf(
        a, "%.*s%s%.*s%s. Frames: connect (token, last-seen offset), heartbeat every %.0f s, presence (online, offline: a user is "
           "offline two missed heartbeats after the last)%s%s%s; clients reconnect with jittered backoff and resume from the offset",
        STRF(tr->choice), d->realtime >= 0 ? " (" : "", d->realtime >= 0 ? (int)d->parts[d->realtime].choice->tech->name.n : 0,
        d->realtime >= 0 ? d->parts[d->realtime].choice->tech->name.p : "", d->realtime >= 0 ? ")" : "", plan_figure(p, "connections", "heartbeat", 30),
        chat ? ", message (client id, conversation, body; acked once stored)" : "",
        receipts ? ", receipt (delivered, read, per member)" : "",
        chat ? ", offline delivery (the inbox drains on reconnect, oldest first)" : "");
  }
  Str method = doc_auth_method(p->model);
  if (!p->model->auth)
    d->state = TEXT("policies", "state-none");
  else if (str_eqc(method, "session"))
    d->state = TEXT("policies", "state-session");
  else
    d->state = TEXT("policies", "state-token");
}

/* The deployed regions for people: "us (home), eu and asia". */
Str plan_region_list(Arena *a, const Plan *p, bool mark_home) {
  Buf o = {0};
  for (int i = 0; i < p->nregions; i++)
    buf_printf(&o, "%s%.*s%s", !i ? "" : i == p->nregions - 1 ? " and " : ", ", STRF(p->regions[i].word),
               mark_home && p->regions[i].home ? " (home)" : "");
  Str s = str_printf(a, "%.*s", (int)o.n, o.p);
  buf_free(&o);
  return s;
}
