/* Needs: from the model's features and the capacity figures to the slots the
 * system must fill, each with the families and capabilities a technology
 * needs to qualify.
 *
 *   always            compute, gateway, database, observability, CI/CD, IaC
 *   auth              an identity service (OAuth/OIDC capable for those methods)
 *   blob fields       object storage with presigned URLs; a CDN when downloads
 *                     exceed the cdn-egress threshold or files are public
 *   notify, ingest,   a queue (an event stream when ingest is heavy)
 *   report
 *   notify email/sms/push   the provider, unless an integration names one
 *   realtime, live dashboard   a realtime channel with fan-out
 *   search with facets or on large tables   a search engine
 *   crud cache, or read-heavy under a tight p95   a cache
 *
 * The database's family follows the workload: thousands of ingested rows a
 * second want a time-series or wide-column store; payments and PCI data want
 * transactions; everything else starts relational. */
#include <string.h>

#include "plan.h"

typedef struct {
  Need *v;
  int n, cap;
} Needs;

static Need *add(Arena *a, Needs *ns, const char *slot, Span sp, const char *reason) {
  for (int i = 0; i < ns->n; i++)
    if (str_eqc(ns->v[i].slot, slot))
      return &ns->v[i];
  if (ns->n == ns->cap) {
    int nc = ns->cap ? ns->cap * 2 : 16;
    Need *nv = new(a, Need, nc);
    if (ns->n)
      memcpy(nv, ns->v, sizeof(Need) * (size_t)ns->n);
    ns->v = nv;
    ns->cap = nc;
  }
  Need *n = &ns->v[ns->n++];
  n->slot = str_c(slot);
  n->span = sp;
  n->reason = str_c(reason);
  return n;
}

static Str *strs(Arena *a, const char *const *z, int *n) {
  int k = 0;
  while (z[k])
    k++;
  Str *s = new(a, Str, k);
  for (int i = 0; i < k; i++)
    s[i] = str_c(z[i]);
  *n = k;
  return s;
}

#define FAMILIES(a, need, ...) ((need)->families = strs((a), (const char *const[]){__VA_ARGS__, 0}, &(need)->nfamilies))
#define CAPS(a, need, ...) ((need)->caps = strs((a), (const char *const[]){__VA_ARGS__, 0}, &(need)->ncaps))

static bool integration_of_kind(const Model *m, const char *kind) {
  for (int i = 0; i < m->nfeatures; i++) {
    const Option *k = m->features[i].kind == FK_INTEGRATION ? feature_opt(&m->features[i], "kind") : NULL;
    if (k && str_eqc(k->args[0].text, kind))
      return true;
  }
  return false;
}

void plan_needs(Arena *a, Plan *p) {
  const Model *m = p->model;
  const Project *pr = &m->project;
  Needs ns = {0};
  Span whole = pr->span;

  Need *c = add(a, &ns, "compute", whole, "runs the API and its background workers");
  FAMILIES(a, c, "functions", "containers", "kubernetes", "vm", "paas");
  Need *g = add(a, &ns, "gateway", whole, "terminates TLS and routes requests to the compute");
  FAMILIES(a, g, "load-balancer", "api-gateway");

  Need *api = add(a, &ns, "api", whole, "is the contract browsers, apps and integrations call");
  CAPS(a, api, "browser-clients", "stateless-http");

  Need *db = add(a, &ns, "database", whole, "holds the system of record");
  double ingest = p->load.ingest_rows_per_s;
  /* Integrations that already provide a slot, looked up once. */
  bool payments = integration_of_kind(m, "payments"), has_email = integration_of_kind(m, "email"),
       has_sms = integration_of_kind(m, "sms"), has_push = integration_of_kind(m, "push");
  bool pci = false;
  for (int i = 0; i < pr->ncompliance; i++)
    pci |= str_eqc(pr->compliance[i].word, "pci");
  if (ingest >= 1000) {
    db->reason = str_printf(a, "stores %.0f ingested rows a second with time-window queries", ingest);
    FAMILIES(a, db, "time-series", "wide-column");
    CAPS(a, db, "batch-writes");
  } else {
    FAMILIES(a, db, "relational");
    /* An availability target of 99.9% or more needs a standby to fail over to. */
    bool ha = pr->availability >= 0.999;
    if (payments || pci) {
      db->reason = S("holds orders and payments, which need ACID transactions");
      if (ha)
        CAPS(a, db, "transactions", "constraints", "replication");
      else
        CAPS(a, db, "transactions", "constraints");
    } else if (ha)
      CAPS(a, db, "transactions", "replication");
    else
      CAPS(a, db, "transactions");
  }

  for (int i = 0; i < m->nfeatures; i++) {
    const Feature *f = &m->features[i];
    switch (f->kind) {
    case FK_AUTH: {
      Need *n = add(a, &ns, "auth", f->span, "signs users in and issues tokens");
      const Option *meth = feature_opt(f, "method");
      if (meth && (str_eqc(meth->args[0].text, "oauth") || str_eqc(meth->args[0].text, "oidc")))
        CAPS(a, n, "oauth");
      if (feature_has(f, "mfa"))
        CAPS(a, n, "mfa");
      break;
    }
    case FK_UPLOAD: {
      Need *n = add(a, &ns, "object-storage", f->span, "stores uploaded files; clients upload with presigned URLs");
      CAPS(a, n, "presigned-urls");
      break;
    }
    case FK_NOTIFY: {
      Need *q = add(a, &ns, "queue", f->span, "carries notification jobs to a worker, with retries");
      FAMILIES(a, q, "message-queue");
      const char *slot = str_eqc(f->name, "email") ? "email" : str_eqc(f->name, "sms") ? "sms"
                         : str_eqc(f->name, "push") ? "push" : NULL;
      bool provided = slot && (!strcmp(slot, "email") ? has_email : !strcmp(slot, "sms") ? has_sms : has_push);
      if (slot && !provided)
        add(a, &ns, slot, f->span, "delivers the notifications");
      break;
    }
    case FK_INGEST: {
      Need *q = add(a, &ns, "queue", f->span, "buffers ingested rows between the API and the writers");
      if (ingest >= 1000) {
        q->slot = S("stream");
        q->reason = S("buffers thousands of ingested rows a second, ordered per device and replayable");
        FAMILIES(a, q, "event-stream");
      } else
        FAMILIES(a, q, "message-queue");
      break;
    }
    case FK_REPORT: {
      Need *q = add(a, &ns, "queue", f->span, "runs scheduled report jobs off the request path");
      if (!q->nfamilies)
        FAMILIES(a, q, "message-queue");
      break;
    }
    case FK_REALTIME: {
      Need *n = add(a, &ns, "realtime", f->span, "pushes new rows to connected clients as they happen");
      CAPS(a, n, "fan-out");
      break;
    }
    case FK_DASHBOARD:
      if (feature_has(f, "live")) {
        Need *n = add(a, &ns, "realtime", f->span, "pushes live readings to open dashboards");
        CAPS(a, n, "fan-out");
      }
      break;
    case FK_SEARCH:
      if (feature_has(f, "facets") || feature_has(f, "fuzzy") || (f->entity && f->entity->rows * p->ent_scale >= 1e6)) {
        Need *n = add(a, &ns, "search", f->span, "ranks full-text matches with facets, off the database");
        if (feature_has(f, "facets"))
          CAPS(a, n, "facets");
      }
      break;
    case FK_CRUD:
      if (feature_has(f, "cache"))
        add(a, &ns, "cache", f->span, "serves cached reads within the requested TTL");
      break;
    default:
      break;
    }
  }
  /* Blob fields need object storage even without an upload feature. */
  for (int i = 0; i < m->nentities; i++)
    if (m->entities[i].blob_bytes > 0) {
      Need *n = add(a, &ns, "object-storage", m->entities[i].span, "stores files outside the database");
      CAPS(a, n, "presigned-urls");
    }
  /* A read-heavy API under a tight p95, or heavy reads, gets a cache. */
  if ((p->load.read_share >= 0.9 && pr->latency[PCT_P95] <= 0.1) || p->load.reads_per_s * pr->peak >= 2000)
    add(a, &ns, "cache", whole, "keeps hot reads off the database to hold the p95 target");
  /* Large downloads go through a CDN. */
  if (p->bw.blob_egress_bytes_per_month >= plan_figure(p, "network", "cdn-egress", 100e9))
    add(a, &ns, "cdn", whole, "serves file downloads from the edge");

  Need *obs = add(a, &ns, "observability", whole, "collects metrics, logs and traces and raises alerts");
  CAPS(a, obs, "metrics", "logs", "alerting");
  add(a, &ns, "cicd", whole, "builds, tests and deploys every change");
  add(a, &ns, "iac", whole, "keeps the infrastructure reviewable and repeatable");

  /* The code stack: the language first, so the rest can share it. */
  Span team = pr->src.team.set ? pr->src.team.span : whole;
  Need *lang = add(a, &ns, "language", team, "is what the team writes the backend in");
  FAMILIES(a, lang, "runtime");
  Need *fw = add(a, &ns, "framework", team, "serves the HTTP API");
  FAMILIES(a, fw, "web-framework");
  if (ingest < 1000) {
    Need *orm = add(a, &ns, "orm", team, "maps rows to types and runs versioned migrations");
    FAMILIES(a, orm, "data-access");
  }
  if (m->auth) {
    Need *al = add(a, &ns, "authlib", m->auth->span, "verifies the tokens or sessions of signed-in users in every request");
    FAMILIES(a, al, "auth-library");
    const Option *meth = feature_opt(m->auth, "method");
    if (meth && (str_eqc(meth->args[0].text, "oauth") || str_eqc(meth->args[0].text, "oidc")))
      CAPS(a, al, "oidc-discovery");
  }
  Need *val = add(a, &ns, "validation", team, "checks every request body against the contract");
  FAMILIES(a, val, "schema-validation");
  Need *test = add(a, &ns, "testing", team, "runs unit and integration tests");
  FAMILIES(a, test, "test-framework");
  Need *load = add(a, &ns, "loadtest", team, "drives the API at the design load before launch");
  FAMILIES(a, load, "load-generator");
  Need *lint = add(a, &ns, "lint", team, "keeps the code consistent and catches mistakes before review");
  FAMILIES(a, lint, "code-quality");
  Need *log = add(a, &ns, "logging", team, "writes structured logs the observability stack can search");
  FAMILIES(a, log, "log-library");
  p->needs = ns.v;
  p->nneeds = ns.n;
}
