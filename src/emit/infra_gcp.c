/* infra/ on Google Cloud, in Terraform or OpenTofu (hashicorp/google) or
 * in Pulumi (@pulumi/gcp), both from one description (infra_dual.h): a
 * service account per deployable unit, Secret Manager secrets for the
 * secret settings with access granted to the units, every chosen managed
 * component sized by the topology, the units' IAM members on the
 * resources they use (a project member with a condition naming the
 * instance where the resource takes none), the compute, the load
 * balancer and the alert policies of alerts.gcp.json. Nothing here
 * decides: the kit names the resources, their sizes and the roles. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "infra_dual.h"

typedef struct {
  const Plan *p;
  const Kit *k;
  D d;
  IacDeployable *dep;
  int ndep;
  Str proj;
} G;

/* "<project>-<what>" as a string argument. */
static void named(G *g, const char *key, Str what) {
  Buf b = {0};
  buf_printf(&b, "%.*s-%.*s", STRF(g->proj), STRF(what));
  d_s(&g->d, key, buf_view(&b));
  buf_free(&b);
}

/* An event's name in the cloud: dots become hyphens. */
static Str event_name(Buf *b, Str id) {
  b->n = 0;
  for (ptrdiff_t i = 0; i < id.n; i++)
    buf_putc(b, id.p[i] == '.' ? '-' : id.p[i]);
  return buf_view(b);
}

static bool is(const IacResource *r, const char *tf) { return r && str_eqc(r->tf, tf); }

/* The unit's member: "serviceAccount:<its account's email>". */
static void member(G *g, Str dep) { d_interp(&g->d, "member", "serviceAccount:", "google_service_account", dep, "_sa", "email", ""); }

static void header(G *g) {
  Buf *o = g->d.o;
  if (g->d.ts) {
    buf_puts(o, "// Infrastructure of ");
    iac_comment_name(o, g->p);
    buf_puts(o, " on Google Cloud (Pulumi, TypeScript, @pulumi/gcp), written by plinth plan: every chosen managed\n"
                "// component with the plan's sizes, a service account per deployable unit with IAM members on only the\n"
                "// resources it uses, and the settings of .env.example as config (secrets in Secret Manager).\n"
                "import * as fs from \"fs\";\nimport * as pulumi from \"@pulumi/pulumi\";\nimport * as gcp from \"@pulumi/gcp\";\n\n"
                "const config = new pulumi.Config();\nconst gcpConfig = new pulumi.Config(\"gcp\");\n"
                "const project = gcpConfig.require(\"project\");\nconst region = gcpConfig.get(\"region\") ?? \"europe-west1\";\n"
                "const apiDomain = config.get(\"apiDomain\") ?? \"api.example.com\";\n");
    iac_pulumi_settings(g->p, o);
    return;
  }
  buf_puts(o, "# Infrastructure of ");
  iac_comment_name(o, g->p);
  buf_puts(o, " on Google Cloud (HCL, hashicorp/google), written by plinth plan: every chosen managed component with\n"
              "# the plan's sizes, a service account per deployable unit with IAM members on only the resources it uses,\n"
              "# and the settings of .env.example as variables (secrets sensitive, kept in Secret Manager).\n"
              "terraform {\n  required_providers {\n    google = {\n      source  = \"hashicorp/google\"\n"
              "      version = \"~> 6.0\"\n    }\n  }\n}\n\nprovider \"google\" {\n  project = var.project\n"
              "  region  = var.region\n}\n\nvariable \"project\" {\n  type = string\n}\n\n"
              "variable \"region\" {\n  type    = string\n  default = \"europe-west1\"\n}\n\n"
              "variable \"api_domain\" {\n  type    = string\n  default = \"api.example.com\"\n}\n\n");
  iac_tf_settings(g->p, o);
}

/* A service account per deployable; a secret per secret setting, readable by the units. */
static void identities(G *g) {
  D *d = &g->d;
  d_comment(d, "---- one service account per deployable unit ----");
  for (int i = 0; i < g->ndep; i++) {
    Str u = g->dep[i].name;
    d_res(d, "google_service_account", "gcp.serviceaccount.Account", u, "_sa", NULL);
    named(g, "account_id", u);
    Buf b = {0};
    buf_printf(&b, "%.*s: the identity its code runs as", STRF(u));
    d_s(d, "display_name", buf_view(&b));
    buf_free(&b);
    d_res_end(d);
  }
  d_comment(d, "---- the secret settings in Secret Manager, each readable by the units that read it ----");
  for (int i = 0; i < g->p->api.nenv; i++) {
    const EnvVar *e = &g->p->api.env[i];
    if (!e->secret)
      continue;
    Buf id = {0};
    for (ptrdiff_t x = 0; x < e->name.n; x++) {
      char c = e->name.p[x];
      buf_putc(&id, c == '_' ? '-' : (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c);
    }
    d_res(d, "google_secret_manager_secret", "gcp.secretmanager.Secret", e->name, "_secret", NULL);
    d_s(d, "secret_id", buf_view(&id));
    d_open(d, "replication", false);
    d_open(d, "auto", false);
    d_close(d);
    d_close(d);
    d_res_end(d);
    d_res(d, "google_secret_manager_secret_version", "gcp.secretmanager.SecretVersion", e->name, "_value", NULL);
    d_ref(d, "secret", "google_secret_manager_secret", e->name, "_secret", "id");
    d_setting(d, "secret_data", e->name);
    d_res_end(d);
    for (int u = 0; u < g->ndep; u++) {
      if (!iac_reads_setting(g->k, &g->dep[u], e))
        continue;
      char suf[32];
      snprintf(suf, sizeof suf, "_reader_%d", u);
      d_res(d, "google_secret_manager_secret_iam_member", "gcp.secretmanager.SecretIamMember", e->name, suf, NULL);
      d_ref(d, "secret_id", "google_secret_manager_secret", e->name, "_secret", "secret_id");
      d_sc(d, "role", "roles/secretmanager.secretAccessor");
      member(g, g->dep[u].name);
      d_res_end(d);
    }
    buf_free(&id);
  }
}

static void sql(G *g, const IacResource *r) {
  D *d = &g->d;
  named(g, "name", S("db"));
  d_sc(d, "database_version", "POSTGRES_16");
  d_x(d, "region", "var.region", "region");
  d_b(d, "deletion_protection", true);
  d_open(d, "settings", false);
  d_s(d, "tier", r->instance_class);
  d_sc(d, "availability_type", r->standbys > 0 ? "REGIONAL" : "ZONAL");
  d_b(d, "disk_autoresize", true);
  d_open_list(d, "database_flags", "databaseFlags");
  d_item(d);
  d_sc(d, "name", "cloudsql.iam_authentication");
  d_sc(d, "value", "on");
  d_close(d);
  d_close(d);
  d_open(d, "ip_configuration", false);
  d_b(d, "ipv4_enabled", true);
  d_sc(d, "ssl_mode", "ENCRYPTED_ONLY");
  d_close(d);
  d_open(d, "backup_configuration", false);
  d_b(d, "enabled", true);
  d_b(d, "point_in_time_recovery_enabled", true);
  d_close(d);
  d_close(d);
  d_res_end(d);
  if (r->replicas > 0) {
    d_res_count(d, "google_sql_database_instance", "gcp.sql.DatabaseInstance", r->name, "_replica", r->replicas);
    d_sc(d, "database_version", "POSTGRES_16");
    d_x(d, "region", "var.region", "region");
    d_ref(d, "master_instance_name", "google_sql_database_instance", r->name, "", "name");
    d_open(d, "settings", false);
    d_s(d, "tier", r->instance_class);
    d_close(d);
    d_res_end(d);
  }
  /* Each unit signs in as its service account (IAM database authentication). */
  for (int u = 0; u < g->ndep; u++) {
    d_res(d, "google_sql_user", "gcp.sql.User", g->dep[u].name, "_db_user", u ? NULL : "the units' database users: their service accounts");
    d_key(d, "name");   /* the account's email without its domain */
    if (d->ts) {
      d_name(d, "", g->dep[u].name, "_sa");
      buf_puts(d->o, ".email.apply((e) => e.replace(\".gserviceaccount.com\", \"\"))");
    } else {
      buf_puts(d->o, "trimsuffix(");
      d_name(d, "google_service_account", g->dep[u].name, "_sa");
      buf_puts(d->o, ".email, \".gserviceaccount.com\")");
    }
    d_eol(d);
    d_ref(d, "instance", "google_sql_database_instance", r->name, "", "name");
    d_sc(d, "type", "CLOUD_IAM_SERVICE_ACCOUNT");
    d_res_end(d);
  }
}

/* One managed component, sized by the topology. */
static void component(G *g, const IacResource *r) {
  D *d = &g->d;
  int n = r->instances > 0 ? r->instances : 1;
  char comment[256];
  snprintf(comment, sizeof comment, "%.*s: %.*s%s%.*s", STRF(r->slot), STRF(r->choice->tech->name),
           r->size.n ? ", sized as " : "", STRF(r->size));
  if (is(r, "google_storage_bucket")) {
    d_res(d, "google_storage_bucket", "gcp.storage.Bucket", r->name, "", comment);
    d_key(d, "name");   /* bucket names are global: the project's id first */
    buf_printf(d->o, "%s%.*s-", d->ts ? "`${project}-" : "\"${var.project}-", STRF(g->proj));
    for (ptrdiff_t x = 0; x < r->name.n; x++)
      buf_putc(d->o, r->name.p[x] == '`' || r->name.p[x] == '"' || r->name.p[x] == '$' ? '-' : r->name.p[x]);
    buf_putc(d->o, d->ts ? '`' : '"');
    d_eol(d);
    d_x(d, "location", "var.region", "region");
    d_b(d, "uniform_bucket_level_access", true);
    d_sc(d, "public_access_prevention", "enforced");
    d_res_end(d);
  } else if (is(r, "google_sql_database_instance")) {
    d_res(d, "google_sql_database_instance", "gcp.sql.DatabaseInstance", r->name, "", comment);
    sql(g, r);
  } else if (is(r, "google_redis_instance")) {
    d_res(d, "google_redis_instance", "gcp.redis.Instance", r->name, "", comment);
    named(g, "name", S("cache"));
    d_sc(d, "tier", n > 1 || r->standbys > 0 ? "STANDARD_HA" : "BASIC");
    d_n(d, "memory_size_gb", r->memory_mb > 1024 ? ceil(r->memory_mb / 1024) : 1);
    d_x(d, "region", "var.region", "region");
    d_b(d, "auth_enabled", true);
    d_sc(d, "transit_encryption_mode", "SERVER_AUTHENTICATION");
    d_res_end(d);
  } else if (is(r, "google_firestore_database")) {
    d_res(d, "google_firestore_database", "gcp.firestore.Database", r->name, "", comment);
    d_sc(d, "name", "(default)");
    d_x(d, "location_id", "var.region", "region");
    d_sc(d, "type", "FIRESTORE_NATIVE");
    d_res_end(d);
  } else if (is(r, "google_bigtable_instance")) {
    d_res(d, "google_bigtable_instance", "gcp.bigtable.Instance", r->name, "", comment);
    named(g, "name", r->name);
    d_b(d, "deletion_protection", true);
    d_open_list(d, "cluster", "clusters");
    d_item(d);
    named(g, "cluster_id", S("c1"));
    d_x(d, "zone", "\"${var.region}-b\"", "`${region}-b`");
    d_n(d, "num_nodes", n);
    d_sc(d, "storage_type", "SSD");
    d_close(d);
    d_close(d);
    d_res_end(d);
  } else if (is(r, "google_bigquery_dataset")) {
    Buf id = {0};
    for (ptrdiff_t x = 0; x < g->proj.n; x++)
      buf_putc(&id, g->proj.p[x] == '-' ? '_' : g->proj.p[x]);
    buf_puts(&id, "_analytics");
    d_res(d, "google_bigquery_dataset", "gcp.bigquery.Dataset", r->name, "", comment);
    d_s(d, "dataset_id", buf_view(&id));
    d_x(d, "location", "var.region", "region");
    d_res_end(d);
    buf_free(&id);
  } else if (is(r, "google_identity_platform_config")) {
    d_res(d, "google_identity_platform_config", "gcp.identityplatform.Config", r->name, "", comment);
    d_x(d, "project", "var.project", "project");
    d_open(d, "sign_in", false);
    d_open(d, "email", false);
    d_b(d, "enabled", true);
    d_b(d, "password_required", true);
    d_close(d);
    d_close(d);
    d_res_end(d);
  }
}

/* Pub/Sub: a topic per event the plan carries on it, its subscription
 * with a dead-letter topic (Pub/Sub takes 5 to 100 deliveries; its
 * service agent needs publisher on the dead-letter topic and subscriber on
 * the subscription, granted once per project outside this code). */
static void topics(G *g) {
  const Kit *k = g->k;
  const IacResource *qr = iac_res(k, "queue");
  if (!is(qr, "google_pubsub_topic"))
    return;
  D *d = &g->d;
  d_comment(d, "---- a topic per event carried by %.*s, its subscription and dead-letter topic ----",
            STRF(qr->choice->tech->name));
  for (int i = 0; i < k->nevents; i++) {
    const Event *e = &k->events[i];
    if (!str_eq(e->transport, qr->choice->tech->name))
      continue;
    Buf b = {0};
    Str nm = event_name(&b, e->id);
    int attempts = e->attempts < 5 ? 5 : e->attempts > 100 ? 100 : e->attempts;
    d_res(d, "google_pubsub_topic", "gcp.pubsub.Topic", nm, "", NULL);
    d_s(d, "name", nm);
    d_res_end(d);
    d_res(d, "google_pubsub_topic", "gcp.pubsub.Topic", nm, "_dead", NULL);
    Buf dl = {0};
    buf_printf(&dl, "%.*s-dead-letter", STRF(nm));
    d_s(d, "name", buf_view(&dl));
    buf_free(&dl);
    d_res_end(d);
    d_res(d, "google_pubsub_subscription", "gcp.pubsub.Subscription", nm, "_sub", NULL);
    d_s(d, "name", nm);
    d_ref(d, "topic", "google_pubsub_topic", nm, "", "id");
    d_n(d, "ack_deadline_seconds", k->visibility_timeout > 600 ? 600 : k->visibility_timeout < 10 ? 10 : k->visibility_timeout);
    d_open(d, "dead_letter_policy", false);
    d_ref(d, "dead_letter_topic", "google_pubsub_topic", nm, "_dead", "id");
    d_n(d, "max_delivery_attempts", attempts);
    d_close(d);
    d_res_end(d);
    buf_free(&b);
  }
}

/* The IAM members of one deployable: each role on the one resource. */
static void grants(void *ctx, int u, Str *acts, Str *ress, int cap) {
  G *g = ctx;
  D *d = &g->d;
  Str dep = g->dep[u].name;
  int n = iac_statements(g->k, &g->dep[u], acts, ress, cap);
  for (int a = 0; a < n; a++) {
    char suf[32];
    snprintf(suf, sizeof suf, "_grant_%d", a);
    bool sub = str_eqc(acts[a], "roles/pubsub.subscriber");   /* pulling is granted on the subscription */
    if (str_has_prefix(ress[a], S("queue:"))) {
      Buf b = {0};
      Str ev = event_name(&b, (Str){ress[a].p + 6, ress[a].n - 6});
      if (sub) {
        d_res(d, "google_pubsub_subscription_iam_member", "gcp.pubsub.SubscriptionIAMMember", dep, suf, NULL);
        d_ref(d, "subscription", "google_pubsub_subscription", ev, "_sub", "name");
      } else {
        d_res(d, "google_pubsub_topic_iam_member", "gcp.pubsub.TopicIAMMember", dep, suf, NULL);
        d_ref(d, "topic", "google_pubsub_topic", ev, "", "name");
      }
      buf_free(&b);
    } else {
      const IacResource *r = iac_res_named(g->k, ress[a]);
      if (!r || !r->tf.n || !r->managed_here)
        continue;
      if (is(r, "google_storage_bucket")) {
        d_res(d, "google_storage_bucket_iam_member", "gcp.storage.BucketIAMMember", dep, suf, NULL);
        d_ref(d, "bucket", "google_storage_bucket", r->name, "", "name");
      } else if (is(r, "google_bigquery_dataset")) {
        d_res(d, "google_bigquery_dataset_iam_member", "gcp.bigquery.DatasetIamMember", dep, suf, NULL);
        d_ref(d, "dataset_id", "google_bigquery_dataset", r->name, "", "dataset_id");
      } else if (is(r, "google_bigtable_instance")) {
        d_res(d, "google_bigtable_instance_iam_member", "gcp.bigtable.InstanceIamMember", dep, suf, NULL);
        d_ref(d, "instance", "google_bigtable_instance", r->name, "", "name");
      } else if (is(r, "google_sql_database_instance") || is(r, "google_firestore_database")) {
        /* No binding on the instance: the project's, on a condition naming it. */
        bool db = is(r, "google_firestore_database");
        d_res(d, "google_project_iam_member", "gcp.projects.IAMMember", dep, suf, NULL);
        d_x(d, "project", "var.project", "project");
        d_s(d, "role", acts[a]);
        member(g, dep);
        d_open(d, "condition", false);
        d_s(d, "title", r->name);
        d_key(d, "expression");
        buf_printf(d->o, "%s\"projects/${%s}/%s/${", d->ts ? "pulumi.interpolate`resource.name == " : "\"resource.name == \\",
                   d->ts ? "project" : "var.project", db ? "databases" : "instances");
        d_name(d, db ? "google_firestore_database" : "google_sql_database_instance", r->name, "");
        buf_puts(d->o, d->ts ? ".name}\"`" : ".name}\\\"\"");
        d_eol(d);
        d_close(d);
        d_res_end(d);
        continue;
      } else
        continue;
    }
    d_s(d, "role", acts[a]);
    member(g, dep);
    d_res_end(d);
  }
}

static void container(G *g, const IacDeployable *dep, bool functions) {
  D *d = &g->d;
  const Plan *p = g->p;
  Str u = dep->name;
  (void)functions;
  d_open_list(d, "containers", "containers");
  d_item(d);
  Buf img = {0};
  buf_printf(&img, "%.*s:latest", STRF(u));
  d_s(d, "image", buf_view(&img));
  buf_free(&img);
  const IacResource *cr = iac_res(g->k, "compute");
  d_open(d, "resources", false);
  d_open_map(d, "limits");
  char b[32];
  snprintf(b, sizeof b, "%g", cr && cr->vcpu > 0 ? cr->vcpu : g->k->pod_cpu);
  d_sc(d, "cpu", b);
  snprintf(b, sizeof b, "%.0fMi", cr && cr->memory_mb > 0 ? cr->memory_mb : g->k->pod_memory_mb);
  d_sc(d, "memory", b);
  d_close(d);
  d_close(d);
  d_open_list(d, "env", "envs");
  for (int i = 0; i < p->api.nenv; i++) {
    const EnvVar *e = &p->api.env[i];
    if (e->secret && !iac_reads_setting(g->k, dep, e))
      continue;   /* another unit's secret: not granted to this one */
    d_item(d);
    d_s(d, "name", e->name);
    if (e->secret) {
      d_open(d, "value_source", false);
      d_open(d, "secret_key_ref", false);
      d_ref(d, "secret", "google_secret_manager_secret", e->name, "_secret", "secret_id");
      d_sc(d, "version", "latest");
      d_close(d);
      d_close(d);
    } else
      d_setting(d, "value", e->name);
    d_close(d);
  }
  d_close(d);
  d_close(d);
  d_close(d);
}

/* Compute: a Cloud Run service or a function per deployable, sized by the
 * topology; on GKE Autopilot the cluster, each unit's Kubernetes service
 * account bound to its Google one (the pods: infra/k8s/). */
static void compute(G *g) {
  const Kit *k = g->k;
  D *d = &g->d;
  const IacResource *cr = iac_res(k, "compute");
  if (!cr || !cr->managed_here || !cr->tf.n)
    return;
  int n = cr->instances > 0 ? cr->instances : 1;
  d_comment(d, "---- compute: %.*s, one per deployable unit%s%.*s%s ----", STRF(cr->choice->tech->name),
            cr->size.n ? " (" : "", STRF(cr->size), cr->size.n ? ")" : "");
  if (is(cr, "google_container_cluster")) {
    d_res(d, "google_container_cluster", "gcp.container.Cluster", S("cluster"), "", NULL);
    named(g, "name", S("cluster"));
    d_x(d, "location", "var.region", "region");
    d_b(d, "enable_autopilot", true);
    d_b(d, "deletion_protection", false);
    d_res_end(d);
  }
  if (is(cr, "google_cloudfunctions2_function")) {
    d_res(d, "google_storage_bucket", "gcp.storage.Bucket", S("artifacts"), "", "the functions' source archives");
    d_key(d, "name");
    buf_printf(d->o, "%s%.*s-artifacts%s", d->ts ? "`${project}-" : "\"${var.project}-", STRF(g->proj), d->ts ? "`" : "\"");
    d_eol(d);
    d_x(d, "location", "var.region", "region");
    d_b(d, "uniform_bucket_level_access", true);
    d_res_end(d);
  }
  for (int i = 0; i < g->ndep; i++) {
    Str u = g->dep[i].name;
    if (is(cr, "google_cloud_run_v2_service")) {
      d_res(d, "google_cloud_run_v2_service", "gcp.cloudrunv2.Service", u, "_service", NULL);
      named(g, "name", u);
      d_x(d, "location", "var.region", "region");
      d_b(d, "deletion_protection", false);
      d_sc(d, "ingress", "INGRESS_TRAFFIC_ALL");
      d_open(d, "template", false);
      d_ref(d, "service_account", "google_service_account", u, "_sa", "email");
      d_open(d, "scaling", false);
      d_n(d, "min_instance_count", n);
      d_n(d, "max_instance_count", iac_max_count(g->p, n));
      d_close(d);
      container(g, &g->dep[i], false);
      d_close(d);
      d_res_end(d);
    } else if (is(cr, "google_cloudfunctions2_function")) {
      d_res(d, "google_cloudfunctions2_function", "gcp.cloudfunctionsv2.Function", u, "_function", NULL);
      named(g, "name", u);
      d_x(d, "location", "var.region", "region");
      d_open(d, "build_config", false);
      d_s(d, "runtime", k->gcf_runtime);
      d_sc(d, "entry_point", "handler");
      d_open(d, "source", false);
      d_open(d, "storage_source", false);
      d_ref(d, "bucket", "google_storage_bucket", S("artifacts"), "", "name");
      Buf zip = {0};
      buf_printf(&zip, "%.*s.zip", STRF(u));
      d_s(d, "object", buf_view(&zip));
      buf_free(&zip);
      d_close(d);
      d_close(d);
      d_close(d);
      d_open(d, "service_config", false);
      char mem[32];
      snprintf(mem, sizeof mem, "%.0fM", k->function_mb);
      d_sc(d, "available_memory", mem);
      d_n(d, "timeout_seconds", k->function_timeout);
      d_n(d, "max_instance_count", iac_max_count(g->p, n));
      d_ref(d, "service_account_email", "google_service_account", u, "_sa", "email");
      d_plain_settings(d, "environment_variables", g->p);
      d_open_list(d, "secret_environment_variables", "secretEnvironmentVariables");
      for (int e = 0; e < g->p->api.nenv; e++) {
        if (!g->p->api.env[e].secret || !iac_reads_setting(k, &g->dep[i], &g->p->api.env[e]))
          continue;
        d_item(d);
        d_s(d, "key", g->p->api.env[e].name);
        d_x(d, "project_id", "var.project", "project");
        d_ref(d, "secret", "google_secret_manager_secret", g->p->api.env[e].name, "_secret", "secret_id");
        d_sc(d, "version", "latest");
        d_close(d);
      }
      d_close(d);
      d_close(d);
      d_res_end(d);
    } else if (is(cr, "google_container_cluster")) {
      d_res(d, "google_service_account_iam_member", "gcp.serviceaccount.IAMMember", u, "_workload", NULL);
      d_ref(d, "service_account_id", "google_service_account", u, "_sa", "name");
      d_sc(d, "role", "roles/iam.workloadIdentityUser");
      d_key(d, "member");
      buf_printf(d->o, "%sserviceAccount:${%s}.svc.id.goog[default/", d->ts ? "`" : "\"", d->ts ? "project" : "var.project");
      for (ptrdiff_t x = 0; x < u.n; x++)
        buf_putc(d->o, u.p[x] == '`' || u.p[x] == '"' || u.p[x] == '$' || u.p[x] == '\\' ? '-' : u.p[x]);
      buf_puts(d->o, d->ts ? "]`" : "]\"");
      d_eol(d);
      d_res_end(d);
    }
  }
}

/* The load balancer: a global address, a managed certificate, the first
 * unit's serverless endpoint group behind a backend service (with Cloud
 * CDN when chosen), the URL map, the HTTPS proxy and the forwarding rule.
 * On GKE the Gateway of infra/k8s/ attaches the backends. */
static void gateway(G *g) {
  const Kit *k = g->k;
  D *d = &g->d;
  const IacResource *gw = iac_res(k, "gateway"), *cr = iac_res(k, "compute"), *cdn = iac_res(k, "cdn");
  if (!is(gw, "google_compute_url_map"))
    return;
  d_comment(d, "---- gateway: %.*s ----", STRF(gw->choice->tech->name));
  d_res(d, "google_compute_global_address", "gcp.compute.GlobalAddress", gw->name, "_address", NULL);
  named(g, "name", S("lb"));
  d_res_end(d);
  d_res(d, "google_compute_managed_ssl_certificate", "gcp.compute.ManagedSslCertificate", gw->name, "_certificate", NULL);
  named(g, "name", S("lb"));
  d_open(d, "managed", false);
  d_x(d, "domains", "[var.api_domain]", "[apiDomain]");
  d_close(d);
  d_res_end(d);
  bool serverless = is(cr, "google_cloud_run_v2_service") || is(cr, "google_cloudfunctions2_function");
  if (!serverless || g->ndep == 0)
    return;
  Str api = g->dep[0].name;
  d_res(d, "google_compute_region_network_endpoint_group", "gcp.compute.RegionNetworkEndpointGroup", api, "_endpoints", NULL);
  named(g, "name", api);
  d_x(d, "region", "var.region", "region");
  d_sc(d, "network_endpoint_type", "SERVERLESS");
  d_open(d, "cloud_run", false);
  if (is(cr, "google_cloud_run_v2_service"))
    d_ref(d, "service", "google_cloud_run_v2_service", api, "_service", "name");
  else
    d_ref(d, "service", "google_cloudfunctions2_function", api, "_function", "name");
  d_close(d);
  d_res_end(d);
  d_res(d, "google_compute_backend_service", "gcp.compute.BackendService", gw->name, "_backend", NULL);
  named(g, "name", S("api"));
  d_sc(d, "protocol", "HTTPS");
  d_sc(d, "load_balancing_scheme", "EXTERNAL_MANAGED");
  d_b(d, "enable_cdn", is(cdn, "google_compute_backend_bucket"));
  d_open_list(d, "backend", "backends");
  d_item(d);
  d_ref(d, "group", "google_compute_region_network_endpoint_group", api, "_endpoints", "id");
  d_close(d);
  d_close(d);
  d_res_end(d);
  d_res(d, "google_compute_url_map", "gcp.compute.URLMap", gw->name, "", NULL);
  named(g, "name", S("lb"));
  d_ref(d, "default_service", "google_compute_backend_service", gw->name, "_backend", "id");
  d_res_end(d);
  d_res(d, "google_compute_target_https_proxy", "gcp.compute.TargetHttpsProxy", gw->name, "_proxy", NULL);
  named(g, "name", S("lb"));
  d_ref(d, "url_map", "google_compute_url_map", gw->name, "", "id");
  d_ref_list(d, "ssl_certificates", "google_compute_managed_ssl_certificate", gw->name, "_certificate", "id");
  d_res_end(d);
  d_res(d, "google_compute_global_forwarding_rule", "gcp.compute.GlobalForwardingRule", gw->name, "_https", NULL);
  named(g, "name", S("lb"));
  d_ref(d, "target", "google_compute_target_https_proxy", gw->name, "_proxy", "id");
  d_ref(d, "ip_address", "google_compute_global_address", gw->name, "_address", "id");
  d_sc(d, "port_range", "443");
  d_sc(d, "load_balancing_scheme", "EXTERNAL_MANAGED");
  d_res_end(d);
}

/* Cloud CDN: in front of the object bucket, and on the API's backend service. */
static void cdn(G *g) {
  const IacResource *c = iac_res(g->k, "cdn"), *b = iac_res(g->k, "object-storage");
  if (!is(c, "google_compute_backend_bucket") || !is(b, "google_storage_bucket"))
    return;
  D *d = &g->d;
  d_res(d, "google_compute_backend_bucket", "gcp.compute.BackendBucket", c->name, "", "cdn: Cloud CDN in front of the bucket");
  named(g, "name", S("files"));
  d_ref(d, "bucket_name", "google_storage_bucket", b->name, "", "name");
  d_b(d, "enable_cdn", true);
  d_res_end(d);
}

/* The alert policies of alerts.gcp.json, each with its PromQL condition. */
static void alerts(G *g) {
  if (!str_eqc(g->k->alert_form, "gcp"))
    return;
  Buf *o = g->d.o;
  if (g->d.ts) {
    buf_puts(o, "\n// ---- alerts: alerts.gcp.json, one policy per rule ----\n"
                "type Policy = { displayName: string; combiner: string; severity: string; userLabels: Record<string, string>;\n"
                "  documentation: { content: string; mimeType: string };\n"
                "  conditions: { displayName: string; conditionPrometheusQueryLanguage: { query: string; duration: string; "
                "evaluationInterval: string; alertRule: string } }[] };\n"
                "for (const a of JSON.parse(fs.readFileSync(\"../alerts.gcp.json\", \"utf8\")) as Policy[])\n"
                "  new gcp.monitoring.AlertPolicy(a.displayName, { displayName: a.displayName, combiner: a.combiner, "
                "severity: a.severity, userLabels: a.userLabels,\n    documentation: a.documentation, "
                "conditions: a.conditions.map((c) => ({ displayName: c.displayName, conditionPrometheusQueryLanguage: "
                "c.conditionPrometheusQueryLanguage })) });\n");
    return;
  }
  buf_puts(o, "# alerts: alerts.gcp.json, one policy per rule\n"
              "resource \"google_monitoring_alert_policy\" \"alerts\" {\n"
              "  for_each     = { for a in jsondecode(file(\"../alerts.gcp.json\")) : a.displayName => a }\n"
              "  display_name = each.value.displayName\n  combiner     = each.value.combiner\n"
              "  severity     = each.value.severity\n  user_labels  = each.value.userLabels\n"
              "  documentation {\n    content   = each.value.documentation.content\n"
              "    mime_type = each.value.documentation.mimeType\n  }\n"
              "  dynamic \"conditions\" {\n    for_each = each.value.conditions\n    content {\n"
              "      display_name = conditions.value.displayName\n      condition_prometheus_query_language {\n"
              "        query               = conditions.value.conditionPrometheusQueryLanguage.query\n"
              "        duration            = conditions.value.conditionPrometheusQueryLanguage.duration\n"
              "        evaluation_interval = conditions.value.conditionPrometheusQueryLanguage.evaluationInterval\n"
              "        alert_rule          = conditions.value.conditionPrometheusQueryLanguage.alertRule\n"
              "      }\n    }\n  }\n}\n\n");
}

void iac_gcp(const Plan *p, Buf *o, bool ts) {
  G g = {.p = p, .k = p->kit, .d = {.o = o, .ts = ts}, .proj = p->kit->project_id};
  g.dep = iac_deployables(p, &g.ndep);
  header(&g);
  identities(&g);
  D *d = &g.d;
  d_comment(d, "---- managed components ----");
  for (int i = 0; i < g.k->nres; i++) {
    const IacResource *r = &g.k->res[i];
    if (!r->managed_here || !r->tf.n || !str_has_prefix(r->tf, S("google_")))
      d_comment(d, "%.*s: %.*s, outside this project; reached through its settings.", STRF(r->slot),
                STRF(r->choice->tech->name));
    else if (!iac_apart(r) && !str_eqc(r->slot, "gateway") && !str_eqc(r->slot, "cdn"))
      component(&g, r);
  }
  topics(&g);
  d_comment(d, "---- each unit's roles, on only the resources it uses ----");
  d_each_unit_policy(g.k, g.ndep, grants, &g);
  compute(&g);
  gateway(&g);
  cdn(&g);
  alerts(&g);
  d_export_units(d, "serviceAccounts", g.dep, g.ndep, "_sa", "email");
  free(g.dep);
}
