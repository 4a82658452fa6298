/* infra/ on Azure, in Terraform or OpenTofu (hashicorp/azurerm) or in
 * Pulumi (@pulumi/azure, bridged from azurerm), both from one description
 * (infra_dual.h): a resource group, a user-assigned identity per
 * deployable unit, every chosen managed component sized by the topology,
 * each unit's built-in roles assigned on only the resource they concern
 * (a queue of one event, a storage account), the compute, and the
 * Prometheus rule group of alerts.azure.json. Nothing here decides: the
 * kit names the resources, their sizes and the roles. */
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
} A;

static bool is(const IacResource *r, const char *tf) { return r && str_eqc(r->tf, tf); }

static void rg(A *a, bool location) {
  d_ref(&a->d, "resource_group_name", "azurerm_resource_group", S("rg"), "", "name");
  if (location)
    d_ref(&a->d, "location", "azurerm_resource_group", S("rg"), "", "location");
}

/* A name: "<project>-<what>"; global: with the deployment's suffix, for
 * the names Azure keeps unique across all its customers. */
static void named(A *a, const char *key, Str what, bool global) {
  D *d = &a->d;
  Buf b = {0};
  buf_printf(&b, "%.*s-%.*s", STRF(a->proj), STRF(what));
  if (!global) {
    d_s(d, key, buf_view(&b));
    buf_free(&b);
    return;
  }
  d_key(d, key);
  buf_putc(d->o, d->ts ? '`' : '"');
  for (ptrdiff_t i = 0; i < (ptrdiff_t)b.n; i++)
    if (b.p[i] != '`' && b.p[i] != '"' && b.p[i] != '$' && b.p[i] != '\\' && b.p[i] != '%')
      buf_putc(d->o, b.p[i]);
  buf_printf(d->o, "-${%s}%c", d->ts ? "suffix" : "var.suffix", d->ts ? '`' : '"');
  d_eol(d);
  buf_free(&b);
}

/* A storage account's name: 3 to 24 lowercase letters and digits. */
static void account_name(A *a, const char *prefix) {
  D *d = &a->d;
  d_key(d, "name");
  buf_printf(d->o, "%c%s", d->ts ? '`' : '"', prefix);
  int n = 0;
  for (ptrdiff_t i = 0; i < a->proj.n && n < 12; i++)
    if ((a->proj.p[i] >= 'a' && a->proj.p[i] <= 'z') || (a->proj.p[i] >= '0' && a->proj.p[i] <= '9'))
      buf_putc(d->o, a->proj.p[i]), n++;
  buf_printf(d->o, "${%s}%c", d->ts ? "suffix" : "var.suffix", d->ts ? '`' : '"');
  d_eol(d);
}

static Str event_name(Buf *b, Str id) {
  b->n = 0;
  for (ptrdiff_t i = 0; i < id.n; i++)
    buf_putc(b, id.p[i] == '.' ? '-' : id.p[i]);
  return buf_view(b);
}

static void identity(A *a, Str u) {
  D *d = &a->d;
  d_open(d, "identity", false);
  d_sc(d, "type", "UserAssigned");
  d_ref_list(d, "identity_ids", "azurerm_user_assigned_identity", u, "_identity", "id");
  d_close(d);
}

static void header(A *a) {
  Buf *o = a->d.o;
  if (a->d.ts) {
    buf_puts(o, "// Infrastructure of ");
    iac_comment_name(o, a->p);
    buf_puts(o, " on Azure (Pulumi, TypeScript, @pulumi/azure), written by plinth plan: every chosen managed component\n"
                "// with the plan's sizes, a user-assigned identity per deployable unit with its built-in roles on only the\n"
                "// resources it uses, and the settings of .env.example as config (secrets marked).\n"
                "import * as fs from \"fs\";\nimport * as pulumi from \"@pulumi/pulumi\";\nimport * as azure from \"@pulumi/azure\";\n\n"
                "const config = new pulumi.Config();\nconst location = config.get(\"location\") ?? \"westeurope\";\n"
                "// makes the names Azure keeps globally unique (servers, namespaces, accounts) unique\n"
                "const suffix = config.get(\"suffix\") ?? \"dev1\";\nconst client = azure.core.getClientConfigOutput();\n");
    iac_pulumi_settings(a->p, o);
    buf_puts(o, "\nconst rg = new azure.core.ResourceGroup(\"rg\", { name: ");
    Buf b = {0};
    buf_printf(&b, "%.*s-rg", STRF(a->proj));
    iac_ts_str(o, buf_view(&b));
    buf_free(&b);
    buf_puts(o, ", location });\n");
    return;
  }
  buf_puts(o, "# Infrastructure of ");
  iac_comment_name(o, a->p);
  buf_puts(o, " on Azure (HCL, hashicorp/azurerm), written by plinth plan: every chosen managed component with the\n"
              "# plan's sizes, a user-assigned identity per deployable unit with its built-in roles on only the resources\n"
              "# it uses, and the settings of .env.example as variables (secrets sensitive).\n"
              "terraform {\n  required_providers {\n    azurerm = {\n      source  = \"hashicorp/azurerm\"\n"
              "      version = \"~> 4.0\"\n    }\n  }\n}\n\nprovider \"azurerm\" {\n  features {}\n"
              "  subscription_id = var.subscription_id\n}\n\nvariable \"subscription_id\" {\n  type = string\n}\n\n"
              "variable \"location\" {\n  type    = string\n  default = \"westeurope\"\n}\n\n"
              "variable \"suffix\" {\n  type        = string\n"
              "  description = \"makes the names Azure keeps globally unique (servers, namespaces, accounts) unique\"\n"
              "  default     = \"dev1\"\n}\n\ndata \"azurerm_client_config\" \"current\" {}\n\n");
  iac_tf_settings(a->p, o);
  buf_puts(o, "resource \"azurerm_resource_group\" \"rg\" {\n  name     = ");
  Buf b = {0};
  buf_printf(&b, "%.*s-rg", STRF(a->proj));
  iac_tf_str(o, buf_view(&b));
  buf_free(&b);
  buf_puts(o, "\n  location = var.location\n}\n\n");
}

static void identities(A *a) {
  D *d = &a->d;
  d_comment(d, "---- one user-assigned identity per deployable unit ----");
  for (int i = 0; i < a->ndep; i++) {
    d_res(d, "azurerm_user_assigned_identity", "azure.authorization.UserAssignedIdentity", a->dep[i].name, "_identity", NULL);
    named(a, "name", a->dep[i].name, false);
    rg(a, true);
    d_res_end(d);
  }
}

static void postgres(A *a, const IacResource *r) {
  D *d = &a->d;
  Str tier = iac_word(r->sku, 1);
  char sku[96];
  snprintf(sku, sizeof sku, "%s_%.*s", str_eqc(tier, "Burstable") ? "B" : str_eqc(tier, "MemoryOptimized") ? "MO" : "GP",
           STRF(iac_word(r->sku, 0)));
  named(a, "name", S("db"), true);
  rg(a, true);
  d_sc(d, "version", "16");
  d_sc(d, "sku_name", sku);
  d_n(d, "storage_mb", 32768);
  /* The units sign in with their identities (Microsoft Entra authentication), no password. */
  d_open(d, "authentication", false);
  d_b(d, "active_directory_auth_enabled", true);
  d_b(d, "password_auth_enabled", false);
  d_x(d, "tenant_id", "data.azurerm_client_config.current.tenant_id", "client.apply((c) => c.tenantId)");
  d_close(d);
  if (r->standbys > 0) {
    d_open(d, "high_availability", false);
    d_sc(d, "mode", "ZoneRedundant");
    d_close(d);
  }
  d_res_end(d);
  if (r->replicas > 0) {
    d_res_count(d, "azurerm_postgresql_flexible_server", "azure.postgresql.FlexibleServer", r->name, "_replica", r->replicas);
    d_key(d, "name");
    if (d->ts)
      buf_printf(d->o, "`%.*s-db-replica-${i}-${suffix}`", STRF(a->proj));
    else
      buf_printf(d->o, "\"%.*s-db-replica-${count.index}-${var.suffix}\"", STRF(a->proj));
    d_eol(d);
    rg(a, true);
    d_sc(d, "create_mode", "Replica");
    d_ref(d, "source_server_id", "azurerm_postgresql_flexible_server", r->name, "", "id");
    d_sc(d, "sku_name", sku);
    d_n(d, "storage_mb", 32768);
    d_res_end(d);
  }
}

/* One managed component, sized by the topology. */
static void component(A *a, const IacResource *r) {
  D *d = &a->d;
  const Kit *k = a->k;
  int n = r->instances > 0 ? r->instances : 1;
  char comment[256];
  snprintf(comment, sizeof comment, "%.*s: %.*s%s%.*s", STRF(r->slot), STRF(r->choice->tech->name),
           r->size.n ? ", sized as " : "", STRF(r->size));
  if (is(r, "azurerm_postgresql_flexible_server")) {
    d_res(d, "azurerm_postgresql_flexible_server", "azure.postgresql.FlexibleServer", r->name, "", comment);
    postgres(a, r);
  } else if (is(r, "azurerm_cosmosdb_account")) {
    d_res(d, "azurerm_cosmosdb_account", "azure.cosmosdb.Account", r->name, "", comment);
    named(a, "name", S("cosmos"), true);
    rg(a, true);
    d_sc(d, "offer_type", "Standard");
    d_sc(d, "kind", "GlobalDocumentDB");
    d_open(d, "consistency_policy", false);
    d_sc(d, "consistency_level", "Session");
    d_close(d);
    d_open_list(d, "geo_location", "geoLocations");
    d_item(d);
    d_ref(d, "location", "azurerm_resource_group", S("rg"), "", "location");
    d_n(d, "failover_priority", 0);
    d_b(d, "zone_redundant", r->zones > 1);
    d_close(d);
    d_close(d);
    d_open_list(d, "capabilities", "capabilities");
    d_item(d);
    d_sc(d, "name", "EnableServerless");
    d_close(d);
    d_close(d);
    d_res_end(d);
  } else if (is(r, "azurerm_redis_cache")) {
    Str sku = iac_word(r->sku, 0);   /* "C1": family C, capacity 1 */
    d_res(d, "azurerm_redis_cache", "azure.redis.Cache", r->name, "", comment);
    named(a, "name", S("cache"), true);
    rg(a, true);
    d_n(d, "capacity", sku.n > 1 ? atoi(sku.p + 1) : 1);
    char fam[2] = {sku.n ? sku.p[0] : 'C', 0};
    d_sc(d, "family", fam);
    d_s(d, "sku_name", iac_word(r->sku, 1));
    d_sc(d, "minimum_tls_version", "1.2");
    d_b(d, "non_ssl_port_enabled", false);
    d_res_end(d);
  } else if (is(r, "azurerm_servicebus_namespace") || is(r, "azurerm_eventhub_namespace")) {
    bool hub = is(r, "azurerm_eventhub_namespace");
    d_res(d, hub ? "azurerm_eventhub_namespace" : "azurerm_servicebus_namespace",
          hub ? "azure.eventhub.EventHubNamespace" : "azure.servicebus.Namespace", r->name, "", comment);
    named(a, "name", S(hub ? "hub" : "bus"), true);
    rg(a, true);
    d_sc(d, "sku", "Standard");
    if (hub)
      d_n(d, "capacity", n);
    d_res_end(d);
    for (int i = 0; i < k->nevents; i++) {
      const Event *e = &k->events[i];
      if (!str_eq(e->transport, r->choice->tech->name))
        continue;
      Buf b = {0};
      Str nm = event_name(&b, e->id);
      if (hub) {
        d_res(d, "azurerm_eventhub", "azure.eventhub.EventHub", nm, "_hub", NULL);
        d_s(d, "name", nm);
        d_ref(d, "namespace_id", "azurerm_eventhub_namespace", r->name, "", "id");
        d_n(d, "partition_count", iac_shards(r));
        d_n(d, "message_retention", 1);
      } else {
        char lock[32];
        snprintf(lock, sizeof lock, "PT%.0fS", k->lock_s);
        d_res(d, "azurerm_servicebus_queue", "azure.servicebus.Queue", nm, "_queue", NULL);
        d_s(d, "name", nm);
        d_ref(d, "namespace_id", "azurerm_servicebus_namespace", r->name, "", "id");
        d_n(d, "max_delivery_count", e->attempts > 0 ? e->attempts : 1);
        d_sc(d, "lock_duration", lock);
        d_b(d, "dead_lettering_on_message_expiration", true);
      }
      d_res_end(d);
      buf_free(&b);
    }
  } else if (is(r, "azurerm_web_pubsub")) {
    d_res(d, "azurerm_web_pubsub", "azure.webpubsub.Service", r->name, "", comment);
    named(a, "name", S("pubsub"), true);
    rg(a, true);
    d_sc(d, "sku", "Standard_S1");
    d_n(d, "capacity", n);
    d_res_end(d);
  } else if (is(r, "azurerm_storage_account")) {
    d_res(d, "azurerm_storage_account", "azure.storage.Account", r->name, "", comment);
    account_name(a, "st");
    rg(a, true);
    d_sc(d, "account_tier", "Standard");
    d_sc(d, "account_replication_type", r->zones > 1 ? "ZRS" : "LRS");
    d_sc(d, "min_tls_version", "TLS1_2");
    d_b(d, "allow_nested_items_to_be_public", false);
    d_res_end(d);
    d_res(d, "azurerm_storage_container", "azure.storage.Container", r->name, "_files", NULL);
    d_sc(d, "name", "files");
    d_ref(d, "storage_account_id", "azurerm_storage_account", r->name, "", "id");
    d_sc(d, "container_access_type", "private");
    d_res_end(d);
  } else if (is(r, "azurerm_cdn_frontdoor_profile")) {
    d_res(d, "azurerm_cdn_frontdoor_profile", "azure.cdn.FrontdoorProfile", r->name, "", comment);
    named(a, "name", S("cdn"), false);
    rg(a, false);
    d_sc(d, "sku_name", "Standard_AzureFrontDoor");
    d_res_end(d);
    d_res(d, "azurerm_cdn_frontdoor_endpoint", "azure.cdn.FrontdoorEndpoint", r->name, "_endpoint", NULL);
    named(a, "name", S("cdn"), true);
    d_ref(d, "cdn_frontdoor_profile_id", "azurerm_cdn_frontdoor_profile", r->name, "", "id");
    d_res_end(d);
  }
}

/* The scope of a role: an event's queue or hub, or a declared resource. */
static bool scope(A *a, Str res) {
  D *d = &a->d;
  d_key(d, "scope");
  if (str_has_prefix(res, S("queue:"))) {
    Str ev = {res.p + 6, res.n - 6};
    const IacResource *qr = NULL;
    for (int i = 0; i < a->k->nevents; i++)
      if (str_eq(a->k->events[i].id, ev))
        for (int r = 0; r < a->k->nres; r++)
          if (str_eq(a->k->res[r].choice->tech->name, a->k->events[i].transport))
            qr = &a->k->res[r];
    Buf b = {0};
    Str nm = event_name(&b, ev);
    bool hub = is(qr, "azurerm_eventhub_namespace");
    d_name(d, hub ? "azurerm_eventhub" : "azurerm_servicebus_queue", nm, hub ? "_hub" : "_queue");
    buf_free(&b);
  } else {
    const IacResource *r = iac_res_named(a->k, res);
    if (!r || !r->tf.n || !str_has_prefix(r->tf, S("azurerm_")))
      return false;
    Buf t = {0};
    buf_printf(&t, "%.*s", STRF(r->tf));
    buf_putc(&t, 0);
    d_name(d, t.p, r->name, "");
    buf_free(&t);
  }
  buf_puts(d->o, ".id");
  d_eol(d);
  return true;
}

/* role_definition_id of the built-in role NAME:ROLE-ID. */
static void role_definition(A *a, Str role) {
  D *d = &a->d;
  Str id;
  iac_role_split(role, &id);
  d_key(d, "role_definition_id");
  buf_printf(d->o, "%s/subscriptions/${%s}/providers/Microsoft.Authorization/roleDefinitions/%.*s%s",
             d->ts ? "pulumi.interpolate`" : "\"", d->ts ? "client.apply((c) => c.subscriptionId)" : "var.subscription_id", STRF(id),
             d->ts ? "`" : "\"");
  d_eol(d);
}

/* A role's name, before its ":ROLE-ID". */
static Str role_name(Str role) {
  Str id;
  return iac_role_split(role, &id);
}

/* Each unit's built-in roles (NAME:ROLE-ID), each assigned on the one resource it concerns. */
static void roles(void *ctx, int u, Str *acts, Str *ress, int cap) {
  A *a = ctx;
  D *d = &a->d;
  Str dep = a->dep[u].name;
  int n = iac_statements(a->k, &a->dep[u], acts, ress, cap);
  for (int i = 0; i < n; i++) {
    Str id, role = iac_role_split(acts[i], &id);
    if (!id.n)
      continue;
    char suf[32], comment[160];
    snprintf(suf, sizeof suf, "_role_%d", i);
    snprintf(comment, sizeof comment, "%.*s: %.*s", STRF(dep), STRF(role));
    const IacResource *cosmos = iac_res_named(a->k, ress[i]);
    if (is(cosmos, "azurerm_cosmosdb_account")) {
      /* Cosmos DB's data plane: its own role definition, assigned on the account. */
      char tail[96];
      snprintf(tail, sizeof tail, "/sqlRoleDefinitions/%.*s", STRF(id));
      d_res(d, "azurerm_cosmosdb_sql_role_assignment", "azure.cosmosdb.SqlRoleAssignment", dep, suf, comment);
      rg(a, false);
      d_ref(d, "account_name", "azurerm_cosmosdb_account", cosmos->name, "", "name");
      d_interp(d, "role_definition_id", "", "azurerm_cosmosdb_account", cosmos->name, "", "id", tail);
      d_ref(d, "principal_id", "azurerm_user_assigned_identity", dep, "_identity", "principal_id");
      d_ref(d, "scope", "azurerm_cosmosdb_account", cosmos->name, "", "id");
      d_res_end(d);
      continue;
    }
    size_t mark = d->o->n;
    d_res(d, "azurerm_role_assignment", "azure.authorization.Assignment", dep, suf, comment);
    if (!scope(a, ress[i])) {
      d->o->n = mark;
      d->depth = d->lv = 0;
      continue;
    }
    role_definition(a, acts[i]);
    d_ref(d, "principal_id", "azurerm_user_assigned_identity", dep, "_identity", "principal_id");
    d_sc(d, "principal_type", "ServicePrincipal");
    d_res_end(d);
  }
}

/* A secret setting's name where Azure keeps it: lowercase, '-' for '_'. */
static Str secret_name(Buf *b, Str env) {
  b->n = 0;
  for (ptrdiff_t x = 0; x < env.n; x++)
    buf_putc(b, env.p[x] == '_' ? '-' : (env.p[x] >= 'A' && env.p[x] <= 'Z') ? (char)(env.p[x] + 32) : env.p[x]);
  return buf_view(b);
}

static bool has_secrets(const Plan *p) {
  for (int i = 0; i < p->api.nenv; i++)
    if (p->api.env[i].secret)
      return true;
  return false;
}

/* The secret settings of Azure Functions and App Service in Key Vault: the
 * vault (Azure RBAC), a secret each, the deployment's role to write them,
 * and each unit's role to read, on each secret it uses, and no other. */
static void vault(A *a) {
  D *d = &a->d;
  const Kit *k = a->k;
  char comment[160];
  d_res(d, "azurerm_key_vault", "azure.keyvault.KeyVault", S("settings"), "_vault",
        "the secret settings, read through Key Vault references by the units' identities");
  account_name(a, "kv");
  rg(a, true);
  d_x(d, "tenant_id", "data.azurerm_client_config.current.tenant_id", "client.apply((c) => c.tenantId)");
  d_sc(d, "sku_name", "standard");
  d_b(d, "rbac_authorization_enabled", true);
  d_b(d, "purge_protection_enabled", true);
  d_res_end(d);
  snprintf(comment, sizeof comment, "the deployment: %.*s, to write the secrets", STRF(role_name(k->kv_secret_writer)));
  d_res(d, "azurerm_role_assignment", "azure.authorization.Assignment", S("deployer"), "_secrets", comment);
  d_ref(d, "scope", "azurerm_key_vault", S("settings"), "_vault", "id");
  role_definition(a, k->kv_secret_writer);
  d_x(d, "principal_id", "data.azurerm_client_config.current.object_id", "client.apply((c) => c.objectId)");
  d_res_end(d);
  for (int i = 0; i < a->p->api.nenv; i++) {
    const EnvVar *e = &a->p->api.env[i];
    if (!e->secret)
      continue;
    Buf b = {0};
    d_res(d, "azurerm_key_vault_secret", "azure.keyvault.Secret", e->name, "_secret", NULL);
    d_s(d, "name", secret_name(&b, e->name));
    d_setting(d, "value", e->name);
    d_ref(d, "key_vault_id", "azurerm_key_vault", S("settings"), "_vault", "id");
    if (!d->ts)
      d_x(d, "depends_on", "[azurerm_role_assignment.deployer_secrets]", "");
    d_res_end(d);
    buf_free(&b);
    for (int u = 0; u < a->ndep; u++) {
      if (!iac_reads_setting(k, &a->dep[u], e))
        continue;
      char suf[32];
      snprintf(suf, sizeof suf, "_reader_%d", u);
      snprintf(comment, sizeof comment, "%.*s: %.*s", STRF(a->dep[u].name), STRF(role_name(k->kv_secret_reader)));
      d_res(d, "azurerm_role_assignment", "azure.authorization.Assignment", e->name, suf, comment);
      d_ref(d, "scope", "azurerm_key_vault_secret", e->name, "_secret", "resource_versionless_id");
      role_definition(a, k->kv_secret_reader);
      d_ref(d, "principal_id", "azurerm_user_assigned_identity", a->dep[u].name, "_identity", "principal_id");
      d_sc(d, "principal_type", "ServicePrincipal");
      d_res_end(d);
    }
  }
}

/* An App Service app's settings: the plain ones, and each secret it reads
 * as a Key Vault reference. */
static void app_settings(A *a, const IacDeployable *dep) {
  D *d = &a->d;
  const Plan *p = a->p;
  if (!has_secrets(p)) {
    d_x(d, "app_settings", "local.settings", "settings");
    return;
  }
  d_ref(d, "key_vault_reference_identity_id", "azurerm_user_assigned_identity", dep->name, "_identity", "id");
  d_open_map(d, "app_settings");
  for (int i = 0; i < p->api.nenv; i++) {
    const EnvVar *e = &p->api.env[i];
    char k[128];
    snprintf(k, sizeof k, "%.*s", STRF(e->name));
    if (!e->secret)
      d_setting(d, k, e->name);
    else if (iac_reads_setting(a->k, dep, e))
      d_interp(d, k, "@Microsoft.KeyVault(SecretUri=", "azurerm_key_vault_secret", e->name, "_secret", "versionless_id", ")");
  }
  d_close(d);
}

/* A Container App's secrets (the secret settings) and its container. */
static void container_app(A *a, const IacResource *cr, Str u, int n) {
  D *d = &a->d;
  const Plan *p = a->p;
  d_res(d, "azurerm_container_app", "azure.containerapp.App", u, "_app", NULL);
  named(a, "name", u, false);
  d_ref(d, "container_app_environment_id", "azurerm_container_app_environment", S("env"), "", "id");
  rg(a, false);
  d_sc(d, "revision_mode", "Single");
  identity(a, u);
  d_open_list(d, "secret", "secrets");
  for (int i = 0; i < p->api.nenv; i++) {
    const EnvVar *e = &p->api.env[i];
    if (!e->secret)
      continue;
    d_item(d);
    Buf s = {0};
    for (ptrdiff_t x = 0; x < e->name.n; x++)
      buf_putc(&s, e->name.p[x] == '_' ? '-' : (e->name.p[x] >= 'A' && e->name.p[x] <= 'Z') ? (char)(e->name.p[x] + 32) : e->name.p[x]);
    d_s(d, "name", buf_view(&s));
    d_setting(d, "value", e->name);
    d_close(d);
    buf_free(&s);
  }
  d_close(d);
  d_open(d, "ingress", false);
  d_b(d, "external_enabled", true);
  d_n(d, "target_port", 8080);
  d_open_list(d, "traffic_weight", "trafficWeights");
  d_item(d);
  d_n(d, "percentage", 100);
  d_b(d, "latest_revision", true);
  d_close(d);
  d_close(d);
  d_close(d);
  d_open(d, "template", false);
  d_n(d, "min_replicas", n);
  d_n(d, "max_replicas", iac_max_count(p, n));
  d_open_list(d, "container", "containers");
  d_item(d);
  d_s(d, "name", u);
  Buf img = {0};
  buf_printf(&img, "%.*s:latest", STRF(u));
  d_s(d, "image", buf_view(&img));
  buf_free(&img);
  d_n(d, "cpu", cr->vcpu > 0 ? cr->vcpu : a->k->pod_cpu);
  char mem[32];
  snprintf(mem, sizeof mem, "%gGi", (cr->memory_mb > 0 ? cr->memory_mb : a->k->pod_memory_mb) / 1024);
  d_sc(d, "memory", mem);
  d_open_list(d, "env", "envs");
  for (int i = 0; i < p->api.nenv; i++) {
    const EnvVar *e = &p->api.env[i];
    d_item(d);
    d_s(d, "name", e->name);
    if (e->secret) {
      Buf s = {0};
      for (ptrdiff_t x = 0; x < e->name.n; x++)
        buf_putc(&s, e->name.p[x] == '_' ? '-' : (e->name.p[x] >= 'A' && e->name.p[x] <= 'Z') ? (char)(e->name.p[x] + 32) : e->name.p[x]);
      d_s(d, "secret_name", buf_view(&s));
      buf_free(&s);
    } else
      d_setting(d, "value", e->name);
    d_close(d);
  }
  d_res_end(d);
}

/* Compute: a Container App, a function app or a web app per deployable,
 * sized by the topology; on AKS the cluster and a federated credential
 * per unit (the pods: infra/k8s/). */
static void compute(A *a) {
  D *d = &a->d;
  const IacResource *cr = iac_res(a->k, "compute");
  if (!cr || !cr->managed_here || !str_has_prefix(cr->tf, S("azurerm_")))
    return;
  int n = cr->instances > 0 ? cr->instances : 1;
  d_comment(d, "---- compute: %.*s, one per deployable unit%s%.*s%s ----", STRF(cr->choice->tech->name),
            cr->size.n ? " (" : "", STRF(cr->size), cr->size.n ? ")" : "");
  if (is(cr, "azurerm_container_app")) {
    d_res(d, "azurerm_container_app_environment", "azure.containerapp.Environment", S("env"), "", NULL);
    named(a, "name", S("env"), false);
    rg(a, true);
    d_res_end(d);
  } else if (is(cr, "azurerm_linux_function_app") || is(cr, "azurerm_linux_web_app")) {
    bool fn = is(cr, "azurerm_linux_function_app");
    d_res(d, "azurerm_service_plan", "azure.appservice.ServicePlan", S("plan"), "", NULL);
    named(a, "name", S("plan"), false);
    rg(a, true);
    d_sc(d, "os_type", "Linux");
    d_s(d, "sku_name", fn ? S("Y1") : cr->sku.n ? cr->sku : S("P1v3"));
    if (!fn)
      d_n(d, "worker_count", n);
    d_res_end(d);
    if (fn) {
      d_res(d, "azurerm_storage_account", "azure.storage.Account", S("functions"), "", "the function apps' own storage");
      account_name(a, "fn");
      rg(a, true);
      d_sc(d, "account_tier", "Standard");
      d_sc(d, "account_replication_type", "LRS");
      d_sc(d, "min_tls_version", "TLS1_2");
      d_res_end(d);
    }
    if (has_secrets(a->p))
      vault(a);
  } else if (is(cr, "azurerm_kubernetes_cluster")) {
    char comment[200];
    snprintf(comment, sizeof comment, "the nodes: %d x %.*s across the zones, up to %d under load (the pods: k8s/)", n,
             STRF(cr->sku), iac_max_count(a->p, n));
    d_res(d, "azurerm_kubernetes_cluster", "azure.containerservice.KubernetesCluster", S("cluster"), "", comment);
    named(a, "name", S("aks"), false);
    rg(a, true);
    d_s(d, "dns_prefix", a->proj);
    d_b(d, "oidc_issuer_enabled", true);
    d_b(d, "workload_identity_enabled", true);
    d_open(d, "default_node_pool", false);
    d_sc(d, "name", "nodes");
    d_s(d, "vm_size", cr->sku);
    d_b(d, "auto_scaling_enabled", true);
    d_n(d, "node_count", n);
    d_n(d, "min_count", n);
    d_n(d, "max_count", iac_max_count(a->p, n));
    d_close(d);
    d_open(d, "identity", false);
    d_sc(d, "type", "SystemAssigned");
    d_close(d);
    d_res_end(d);
  }
  for (int i = 0; i < a->ndep; i++) {
    Str u = a->dep[i].name;
    if (is(cr, "azurerm_container_app"))
      container_app(a, cr, u, n);
    else if (is(cr, "azurerm_linux_function_app") || is(cr, "azurerm_linux_web_app")) {
      bool fn = is(cr, "azurerm_linux_function_app");
      d_res(d, fn ? "azurerm_linux_function_app" : "azurerm_linux_web_app",
            fn ? "azure.appservice.LinuxFunctionApp" : "azure.appservice.LinuxWebApp", u, fn ? "_function" : "_web", NULL);
      named(a, "name", u, true);
      rg(a, true);
      d_ref(d, "service_plan_id", "azurerm_service_plan", S("plan"), "", "id");
      if (fn) {
        d_ref(d, "storage_account_name", "azurerm_storage_account", S("functions"), "", "name");
        d_ref(d, "storage_account_access_key", "azurerm_storage_account", S("functions"), "", "primary_access_key");
      }
      identity(a, u);
      app_settings(a, &a->dep[i]);
      d_open(d, "site_config", false);
      d_close(d);
      d_res_end(d);
    } else if (is(cr, "azurerm_kubernetes_cluster")) {
      d_res(d, "azurerm_federated_identity_credential", "azure.armmsi.FederatedIdentityCredential", u, "_federation", NULL);
      d_sc(d, "name", "aks");
      rg(a, false);
      d_ref(d, "parent_id", "azurerm_user_assigned_identity", u, "_identity", "id");
      d_x(d, "audience", "[\"api://AzureADTokenExchange\"]", "\"api://AzureADTokenExchange\"");
      d_ref(d, "issuer", "azurerm_kubernetes_cluster", S("cluster"), "", "oidc_issuer_url");
      Buf sub = {0};
      buf_printf(&sub, "system:serviceaccount:default:%.*s", STRF(u));
      d_s(d, "subject", buf_view(&sub));
      buf_free(&sub);
      d_res_end(d);
    }
  }
}

/* The Prometheus rule group of alerts.azure.json, deployed as its ARM
 * template on an Azure Monitor workspace with an action group. */
static void alerts(A *a) {
  if (!str_eqc(a->k->alert_form, "azure"))
    return;
  D *d = &a->d;
  d_res(d, "azurerm_monitor_workspace", "azure.monitoring.Workspace", S("prometheus"), "", "alerts: alerts.azure.json on an Azure Monitor workspace");
  named(a, "name", S("metrics"), false);
  rg(a, true);
  d_res_end(d);
  d_res(d, "azurerm_monitor_action_group", "azure.monitoring.ActionGroup", S("alerts"), "", NULL);
  named(a, "name", S("alerts"), false);
  rg(a, false);
  d_sc(d, "short_name", "alerts");
  d_res_end(d);
  d_res(d, "azurerm_resource_group_template_deployment", "azure.core.ResourceGroupTemplateDeployment", S("alert_rules"), "", NULL);
  named(a, "name", S("alerts"), false);
  rg(a, false);
  d_sc(d, "deployment_mode", "Incremental");
  d_x(d, "template_content", "file(\"../alerts.azure.json\")", "fs.readFileSync(\"../alerts.azure.json\", \"utf8\")");
  d_key(d, "parameters_content");
  if (d->ts)
    buf_puts(d->o, "pulumi.jsonStringify({ monitorWorkspaceId: { value: prometheus.id }, actionGroupId: { value: alerts.id } })");
  else
    buf_puts(d->o, "jsonencode({\n    monitorWorkspaceId = { value = azurerm_monitor_workspace.prometheus.id }\n"
                   "    actionGroupId      = { value = azurerm_monitor_action_group.alerts.id }\n  })");
  d_eol(d);
  d_res_end(d);
}

void iac_azure(const Plan *p, Buf *o, bool ts) {
  A a = {.p = p, .k = p->kit, .d = {.o = o, .ts = ts}, .proj = p->kit->project_id};
  a.dep = iac_deployables(p, &a.ndep);
  header(&a);
  identities(&a);
  D *d = &a.d;
  d_comment(d, "---- managed components ----");
  for (int i = 0; i < a.k->nres; i++) {
    const IacResource *r = &a.k->res[i];
    if (!r->managed_here || !str_has_prefix(r->tf, S("azurerm_")))
      d_comment(d, "%.*s: %.*s, outside this subscription; reached through its settings.", STRF(r->slot),
                STRF(r->choice->tech->name));
    else if (!str_eqc(r->slot, "compute"))
      component(&a, r);
  }
  d_comment(d, "---- each unit's roles, assigned on only the resources it uses ----");
  d_each_unit_policy(a.k, a.ndep, roles, &a);
  compute(&a);
  alerts(&a);
  d_export_units(d, "identities", a.dep, a.ndep, "_identity", "clientId");
  free(a.dep);
}
