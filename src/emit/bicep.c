/* infra/main.bicep: the plan on Azure in Bicep. Every chosen managed
 * component with the topology's sizes, one user-assigned identity per
 * deployable unit with a role assignment for each built-in role its units
 * need (kb iam-actions, iam-send, iam-receive: NAME:ROLE-ID), scoped to
 * the one resource, and the settings of .env.example as parameters
 * (@secure() for secrets). Nothing here decides. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/esc.h"
#include "infra.h"

/* A Bicep identifier: letters and digits in camelCase. */
static void sym(Buf *o, Str s) { iac_ts_ident(o, s, false); }

/* The inside of a Bicep string: backslash escapes, ${ kept literal. */
static void bpart(Buf *o, Str s) {
  for (ptrdiff_t i = 0; i < s.n; i++) {
    unsigned char c = (unsigned char)s.p[i];
    if (c == '\'' || c == '\\')
      buf_printf(o, "\\%c", c);
    else if (c == '$' && i + 1 < s.n && s.p[i + 1] == '{')
      buf_puts(o, "\\$");
    else if (c == '\n')
      buf_puts(o, "\\n");
    else if (c == '\r')
      buf_puts(o, "\\r");
    else if (c == '\t')
      buf_puts(o, "\\t");
    else if (c < 0x20)
      buf_printf(o, "\\u{%x}", c);
    else
      buf_putc(o, (char)c);
  }
}

/* A Bicep string. */
static void bstr(Buf *o, Str s) {
  buf_putc(o, '\'');
  bpart(o, s);
  buf_putc(o, '\'');
}

/* The type of a resource without its version: "Microsoft.App/containerApps". */
static Str type_of(Str t) {
  for (ptrdiff_t i = 0; i < t.n; i++)
    if (t.p[i] == '@')
      return (Str){t.p, i};
  return t;
}
static Str version_of(Str t) {
  for (ptrdiff_t i = 0; i < t.n; i++)
    if (t.p[i] == '@')
      return (Str){t.p + i + 1, t.n - i - 1};
  return (Str){0};
}

static void open_res(Buf *o, Str name, const char *suffix, Str type, const char *child) {
  buf_puts(o, "resource ");
  sym(o, name);
  buf_printf(o, "%s '%.*s%s@%.*s' = {\n", suffix, STRF(type_of(type)), child, STRF(version_of(type)));
}

/* A resource's name in Azure: the project and the component, unique in the group. */
static void az_name(Buf *o, const Plan *p, const char *what) {
  buf_printf(o, "  name: '%.*s-%s-${uniqueString(resourceGroup().id)}'\n", STRF(p->kit->project_id), what);
}

static const IacResource *az_res(const Kit *k, const char *slot) {
  for (int i = 0; i < k->nres; i++)
    if (str_eqc(k->res[i].slot, slot) && k->res[i].bicep.n)
      return &k->res[i];
  return NULL;
}

/* One queue (Service Bus) or event hub (Event Hubs) per event the component
 * carries, as a child of it: the delivery attempts and lock, or the partitions. */
static void event_children(Buf *o, const Kit *k, const IacResource *r, const char *child) {
  for (int i = 0; i < k->nevents; i++) {
    const Event *e = &k->events[i];
    if (!str_eq(e->transport, r->choice->tech->name))
      continue;
    buf_puts(o, "resource ");
    sym(o, e->id);
    buf_printf(o, "Queue '%.*s/%s@%.*s' = {\n  parent: ", STRF(type_of(r->bicep)), child, STRF(version_of(r->bicep)));
    sym(o, r->name);
    buf_puts(o, "\n  name: ");
    bstr(o, e->id);
    if (!strcmp(child, "eventhubs"))
      buf_printf(o, "\n  properties: {\n    partitionCount: %d\n  }\n}\n", iac_shards(r));
    else
      buf_printf(o, "\n  properties: {\n    maxDeliveryCount: %d\n    deadLetteringOnMessageExpiration: true\n"
                    "    lockDuration: 'PT%.0fS'\n  }\n}\n",
                 e->attempts > 0 ? e->attempts : 1, k->lock_s);
  }
}

static void component(const Plan *p, Buf *o, const IacResource *r) {
  const Kit *k = p->kit;
  Str t = type_of(r->bicep);
  int n = r->instances > 0 ? r->instances : 1;
  buf_printf(o, "// %.*s: %.*s", STRF(r->slot), STRF(r->choice->tech->name));
  if (r->size.n)
    buf_printf(o, ", sized as %.*s", STRF(r->size));
  buf_putc(o, '\n');
  if (str_eqc(t, "Microsoft.DBforPostgreSQL/flexibleServers")) {
    open_res(o, r->name, "", r->bicep, "");
    az_name(o, p, "db");
    buf_printf(o, "  location: location\n  sku: {\n    name: '%.*s'\n    tier: '%.*s'\n  }\n"
                  "  properties: {\n    version: '16'\n    administratorLogin: 'app'\n"
                  "    administratorLoginPassword: databasePassword\n    storage: {\n      storageSizeGB: 32\n    }\n"
                  "    highAvailability: {\n      mode: '%s'\n    }\n  }\n}\n",
               STRF(iac_word(r->sku, 0)), STRF(iac_word(r->sku, 1)), r->standbys > 0 ? "ZoneRedundant" : "Disabled");
    for (int i = 0; i < r->replicas; i++) {
      buf_puts(o, "resource ");
      sym(o, r->name);
      buf_printf(o, "Replica%d '%.*s' = {\n", i, STRF(r->bicep));
      buf_printf(o, "  name: '%.*s-db-replica-%d-${uniqueString(resourceGroup().id)}'\n", STRF(k->project_id), i);
      buf_printf(o, "  location: location\n  sku: {\n    name: '%.*s'\n    tier: '%.*s'\n  }\n"
                    "  properties: {\n    createMode: 'Replica'\n    sourceServerResourceId: ",
                 STRF(iac_word(r->sku, 0)), STRF(iac_word(r->sku, 1)));
      sym(o, r->name);
      buf_puts(o, ".id\n  }\n}\n");
    }
  } else if (str_eqc(t, "Microsoft.Cache/redis")) {
    open_res(o, r->name, "", r->bicep, "");
    az_name(o, p, "cache");
    Str sku = iac_word(r->sku, 0);
    buf_printf(o, "  location: location\n  properties: {\n    sku: {\n      name: '%.*s'\n      family: '%.*s'\n"
                  "      capacity: %.*s\n    }\n    enableNonSslPort: false\n    minimumTlsVersion: '1.2'\n",
               STRF(iac_word(r->sku, 1)), sku.n ? 1 : 0, sku.p, (int)(sku.n > 1 ? sku.n - 1 : 1), sku.n > 1 ? sku.p + 1 : "1");
    if (r->replicas > 0)
      buf_printf(o, "    replicasPerPrimary: %d\n", r->replicas);
    buf_puts(o, "  }\n}\n");
  } else if (str_eqc(t, "Microsoft.ServiceBus/namespaces")) {
    open_res(o, r->name, "", r->bicep, "");
    az_name(o, p, "bus");
    buf_puts(o, "  location: location\n  sku: {\n    name: 'Standard'\n  }\n}\n");
    event_children(o, k, r, "queues");
  } else if (str_eqc(t, "Microsoft.EventHub/namespaces")) {
    open_res(o, r->name, "", r->bicep, "");
    az_name(o, p, "hub");
    buf_printf(o, "  location: location\n  sku: {\n    name: 'Standard'\n    capacity: %d\n  }\n}\n", n);
    event_children(o, k, r, "eventhubs");
  } else if (str_eqc(t, "Microsoft.Storage/storageAccounts")) {
    open_res(o, r->name, "", r->bicep, "");
    buf_printf(o, "  name: 'st${uniqueString(resourceGroup().id)}'\n  location: location\n  kind: 'StorageV2'\n"
                  "  sku: {\n    name: '%s'\n  }\n  properties: {\n    allowBlobPublicAccess: false\n"
                  "    minimumTlsVersion: 'TLS1_2'\n  }\n}\n",
               r->zones > 1 ? "Standard_ZRS" : "Standard_LRS");
  } else if (str_eqc(t, "Microsoft.DocumentDB/databaseAccounts")) {
    open_res(o, r->name, "", r->bicep, "");
    az_name(o, p, "cosmos");
    buf_printf(o, "  location: location\n  properties: {\n    databaseAccountOfferType: 'Standard'\n"
                  "    locations: [\n      {\n        locationName: location\n        isZoneRedundant: %s\n      }\n    ]\n"
                  "    capabilities: [\n      {\n        name: 'EnableServerless'\n      }\n    ]\n  }\n}\n",
               r->zones > 1 ? "true" : "false");
  } else if (str_eqc(t, "Microsoft.SignalRService/webPubSub")) {
    open_res(o, r->name, "", r->bicep, "");
    az_name(o, p, "pubsub");
    buf_printf(o, "  location: location\n  sku: {\n    name: 'Standard_S1'\n    capacity: %d\n  }\n}\n", n);
  } else if (str_eqc(t, "Microsoft.Cdn/profiles")) {
    open_res(o, r->name, "", r->bicep, "");
    az_name(o, p, "cdn");
    buf_puts(o, "  location: 'global'\n  sku: {\n    name: 'Standard_AzureFrontDoor'\n  }\n}\n");
  }
}

/* The role assignments of one deployable: each built-in role on the one resource. */
static void roles(const Plan *p, Buf *o, const IacDeployable *d, Str *acts, Str *ress, int cap) {
  const Kit *k = p->kit;
  int n = iac_statements(k, d, acts, ress, cap);
  for (int a = 0; a < n; a++) {
    Str id, role = iac_role_split(acts[a], &id);
    if (!id.n)
      continue;
    Buf scope = {0};
    if (str_has_prefix(ress[a], S("queue:"))) {
      sym(&scope, (Str){ress[a].p + 6, ress[a].n - 6});
      buf_puts(&scope, "Queue");
    } else {
      const IacResource *tr = iac_res_named(k, ress[a]);
      if (!tr || !tr->bicep.n) {
        buf_free(&scope);
        continue;
      }
      sym(&scope, tr->name);
      if (str_eqc(type_of(tr->bicep), "Microsoft.DocumentDB/databaseAccounts")) {
        /* Cosmos DB's data plane: its own role definition, assigned on the account. */
        buf_puts(o, "resource ");
        sym(o, d->name);
        buf_printf(o, "%.*s%d 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {\n  parent: ", STRF(role), a);
        buf_str(o, buf_view(&scope));
        buf_puts(o, "\n  name: guid(");
        buf_str(o, buf_view(&scope));
        buf_puts(o, ".id, ");
        sym(o, d->name);
        buf_printf(o, "Identity.id, '%.*s')\n  properties: {\n    roleDefinitionId: '${", STRF(id));
        buf_str(o, buf_view(&scope));
        buf_printf(o, ".id}/sqlRoleDefinitions/%.*s'\n    principalId: ", STRF(id));
        sym(o, d->name);
        buf_puts(o, "Identity.properties.principalId\n    scope: ");
        buf_str(o, buf_view(&scope));
        buf_puts(o, ".id\n  }\n}\n");
        buf_free(&scope);
        continue;
      }
    }
    buf_puts(o, "resource ");
    sym(o, d->name);
    buf_printf(o, "%.*s%d 'Microsoft.Authorization/roleAssignments@2022-04-01' = {\n  name: guid(", STRF(role), a);
    buf_str(o, buf_view(&scope));
    buf_puts(o, ".id, ");
    sym(o, d->name);
    buf_printf(o, "Identity.id, '%.*s')\n  scope: ", STRF(id));
    buf_str(o, buf_view(&scope));
    buf_printf(o, "\n  properties: {\n    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', "
                  "'%.*s')\n    principalId: ", STRF(id));
    sym(o, d->name);
    buf_printf(o, "Identity.properties.principalId\n    principalType: 'ServicePrincipal'\n  }\n}\n");
    buf_free(&scope);
  }
}

static void env_list(const Plan *p, Buf *o, int ind) {
  buf_puts(o, "[\n");
  for (int i = 0; i < p->api.nenv; i++) {
    const EnvVar *e = &p->api.env[i];
    buf_fill(o, ' ', ind + 2);
    buf_puts(o, "{\n");
    buf_fill(o, ' ', ind + 4);
    buf_puts(o, "name: ");
    bstr(o, e->name);
    buf_putc(o, '\n');
    buf_fill(o, ' ', ind + 4);
    if (e->secret) {
      buf_puts(o, "secretRef: ");
      Buf lower = {0};
      for (ptrdiff_t x = 0; x < e->name.n; x++) {
        char c = e->name.p[x];
        buf_putc(&lower, c == '_' ? '-' : (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c);
      }
      bstr(o, buf_view(&lower));
      buf_free(&lower);
    } else {
      buf_puts(o, "value: ");
      sym(o, e->name);
    }
    buf_putc(o, '\n');
    buf_fill(o, ' ', ind + 2);
    buf_puts(o, "}\n");
  }
  buf_fill(o, ' ', ind);
  buf_puts(o, "]\n");
}

static void compute(const Plan *p, Buf *o, const IacDeployable *dep, int ndep) {
  const Kit *k = p->kit;
  const IacResource *cr = az_res(k, "compute");
  if (!cr)
    return;
  int n = cr->instances > 0 ? cr->instances : 1;
  Str t = type_of(cr->bicep);
  buf_printf(o, "\n// ---- compute: %.*s", STRF(cr->choice->tech->name));
  if (cr->size.n)
    buf_printf(o, " (%.*s)", STRF(cr->size));
  buf_puts(o, " ----\n");
  if (str_eqc(t, "Microsoft.ContainerService/managedClusters")) {
    open_res(o, S("cluster"), "", cr->bicep, "");
    az_name(o, p, "aks");
    buf_printf(o, "  location: location\n  identity: {\n    type: 'SystemAssigned'\n  }\n  properties: {\n"
                  "    dnsPrefix: '%.*s'\n    oidcIssuerProfile: {\n      enabled: true\n    }\n"
                  "    securityProfile: {\n      workloadIdentity: {\n        enabled: true\n      }\n    }\n"
                  "    agentPoolProfiles: [\n      {\n        name: 'nodes'\n        mode: 'System'\n"
                  "        vmSize: '%.*s'\n        count: %d\n        minCount: %d\n        maxCount: %d\n"
                  "        enableAutoScaling: true\n        availabilityZones: [\n",
               STRF(k->project_id), STRF(cr->sku), n, n, iac_max_count(p, n));
    for (int z = 1; z <= (cr->zones > 0 ? cr->zones : 1); z++)
      buf_printf(o, "          '%d'\n", z);
    buf_puts(o, "        ]\n      }\n    ]\n  }\n}\n");
    for (int d = 0; d < ndep; d++) {
      buf_puts(o, "resource ");
      sym(o, dep[d].name);
      buf_puts(o, "Federation 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {\n"
                  "  parent: ");
      sym(o, dep[d].name);
      buf_puts(o, "Identity\n  name: 'aks'\n  properties: {\n    issuer: cluster.properties.oidcIssuerProfile.issuerURL\n"
                  "    subject: 'system:serviceaccount:default:");
      bpart(o, dep[d].name);
      buf_puts(o, "'\n    audiences: [\n      'api://AzureADTokenExchange'\n    ]\n  }\n}\n");
    }
    return;
  }
  if (str_eqc(t, "Microsoft.Web/sites")) {
    buf_puts(o, "resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {\n");
    az_name(o, p, "plan");
    buf_puts(o, "  location: location\n  sku: {\n    name: 'Y1'\n    tier: 'Dynamic'\n  }\n  properties: {}\n}\n");
    for (int d = 0; d < ndep; d++) {
      open_res(o, dep[d].name, "Functions", cr->bicep, "");
      buf_printf(o, "  name: '%.*s-", STRF(k->project_id));
      bpart(o, dep[d].name);
      buf_puts(o, "-${uniqueString(resourceGroup().id)}'\n  location: location\n  kind: 'functionapp'\n"
                  "  identity: {\n    type: 'UserAssigned'\n    userAssignedIdentities: {\n      '${");
      sym(o, dep[d].name);
      buf_puts(o, "Identity.id}': {}\n    }\n  }\n  properties: {\n    serverFarmId: plan.id\n    httpsOnly: true\n"
                  "    siteConfig: {\n      appSettings: [\n");
      for (int i = 0; i < p->api.nenv; i++) {
        buf_puts(o, "        {\n          name: ");
        bstr(o, p->api.env[i].name);
        buf_puts(o, "\n          value: ");
        sym(o, p->api.env[i].name);
        buf_puts(o, "\n        }\n");
      }
      buf_puts(o, "      ]\n    }\n  }\n}\n");
    }
    return;
  }
  if (!str_eqc(t, "Microsoft.App/containerApps"))
    return;
  buf_puts(o, "resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {\n");
  az_name(o, p, "env");
  buf_puts(o, "  location: location\n  properties: {}\n}\n");
  for (int d = 0; d < ndep; d++) {
    bool serves = dep[d].unit < 0 || k->units[dep[d].unit].nops > 0;
    open_res(o, dep[d].name, "App", cr->bicep, "");
    buf_puts(o, "  name: ");
    bstr(o, dep[d].name);
    buf_puts(o, "\n  location: location\n  identity: {\n    type: 'UserAssigned'\n    userAssignedIdentities: {\n      '${");
    sym(o, dep[d].name);
    buf_puts(o, "Identity.id}': {}\n    }\n  }\n  properties: {\n    managedEnvironmentId: environment.id\n"
                "    configuration: {\n");
    if (serves)
      buf_puts(o, "      ingress: {\n        external: true\n        targetPort: 8080\n      }\n");
    buf_puts(o, "      secrets: [\n");
    for (int i = 0; i < p->api.nenv; i++) {
      const EnvVar *e = &p->api.env[i];
      if (!e->secret)
        continue;
      Buf lower = {0};
      for (ptrdiff_t x = 0; x < e->name.n; x++) {
        char c = e->name.p[x];
        buf_putc(&lower, c == '_' ? '-' : (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c);
      }
      buf_puts(o, "        {\n          name: ");
      bstr(o, buf_view(&lower));
      buf_puts(o, "\n          value: ");
      sym(o, e->name);
      buf_puts(o, "\n        }\n");
      buf_free(&lower);
    }
    buf_puts(o, "      ]\n    }\n    template: {\n      containers: [\n        {\n          name: ");
    bstr(o, dep[d].name);
    buf_puts(o, "\n          image: '${registry}/");
    bpart(o, dep[d].name);
    buf_printf(o, ":latest'\n          resources: {\n            cpu: json('%g')\n            memory: '%gGi'\n          }\n"
                  "          env: ",
               cr->vcpu > 0 ? cr->vcpu : 0.5, cr->memory_mb > 0 ? cr->memory_mb / 1024 : 1.0);
    env_list(p, o, 10);
    buf_printf(o, "        }\n      ]\n      scale: {\n        minReplicas: %d\n        maxReplicas: %d\n      }\n    }\n  }\n}\n",
               n, iac_max_count(p, n));
  }
}

void iac_bicep(const Plan *p, OutFiles *out) {
  const Kit *k = p->kit;
  Buf *o = outfiles_add(out, "infra/main.bicep");
  buf_puts(o, "// Infrastructure of ");
  iac_comment_name(o, p);
  buf_puts(o, " (Bicep), written by plinth plan: every chosen managed Azure component with the plan's sizes,\n"
              "// one user-assigned identity per deployable unit with only the built-in roles its units need, and the\n"
              "// settings of .env.example as parameters (@secure() for secrets). Outside services are configured\n"
              "// through their settings only. Deploy: az deployment group create --template-file main.bicep\n"
              "targetScope = 'resourceGroup'\n\n@description('the region of every resource')\n"
              "param location string = resourceGroup().location\n\n");
  const IacResource *cr = az_res(k, "compute");
  if (cr && str_eqc(type_of(cr->bicep), "Microsoft.App/containerApps"))
    buf_puts(o, "@description('the container registry the images are pushed to')\nparam registry string\n\n");
  if (az_res(k, "database") && str_eqc(type_of(az_res(k, "database")->bicep), "Microsoft.DBforPostgreSQL/flexibleServers"))
    buf_puts(o, "@secure()\n@description('the database administrator password')\nparam databasePassword string\n\n");
  bool apps = cr && (str_eqc(type_of(cr->bicep), "Microsoft.App/containerApps") || str_eqc(type_of(cr->bicep), "Microsoft.Web/sites"));
  buf_puts(o, apps ? "// ---- settings (.env.example) ----\n"
                   : "// ---- settings (.env.example); the secrets go to the cluster's Secret (k8s/settings.yaml) ----\n");
  for (int i = 0; i < p->api.nenv; i++) {
    const EnvVar *e = &p->api.env[i];
    if (e->secret && !apps)
      continue;
    if (e->secret)
      buf_puts(o, "@secure()\n");
    buf_puts(o, "@description(");
    bstr(o, e->purpose);
    buf_puts(o, ")\nparam ");
    sym(o, e->name);
    buf_puts(o, " string");
    if (!e->secret) {
      buf_puts(o, " = ");
      bstr(o, e->example);
    }
    buf_putc(o, '\n');
  }
  buf_puts(o, "\n// ---- managed components ----\n");
  for (int i = 0; i < k->nres; i++) {
    const IacResource *r = &k->res[i];
    if (!r->bicep.n) {
      buf_printf(o, "// %.*s: %.*s, outside this resource group; reached through its settings.\n", STRF(r->slot),
                 STRF(r->choice->tech->name));
      continue;
    }
    if (!str_eqc(r->slot, "compute"))
      component(p, o, r);
  }
  int ndep = 0;
  IacDeployable *dep = iac_deployables(p, &ndep);
  buf_puts(o, "\n// ---- one identity per deployable unit, with only the roles its units need ----\n");
  int cap = iac_nactions(k);
  Str *acts = iac_alloc(sizeof *acts * (size_t)cap), *ress = iac_alloc(sizeof *ress * (size_t)cap);
  for (int d = 0; d < ndep; d++) {
    buf_puts(o, "resource ");
    sym(o, dep[d].name);
    buf_puts(o, "Identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {\n  name: ");
    Buf nm = {0};
    buf_printf(&nm, "%.*s-identity", STRF(dep[d].name));
    bstr(o, buf_view(&nm));
    buf_free(&nm);
    buf_puts(o, "\n  location: location\n}\n");
    roles(p, o, &dep[d], acts, ress, cap);
  }
  free(acts);
  free(ress);
  compute(p, o, dep, ndep);
  free(dep);
  if (!apps) {
    /* The settings reach the units through the compute's own configuration. */
    buf_puts(o, "\noutput settings object = {\n");
    for (int i = 0; i < p->api.nenv; i++) {
      if (p->api.env[i].secret)
        continue;
      buf_puts(o, "  ");
      bstr(o, p->api.env[i].name);
      buf_puts(o, ": ");
      sym(o, p->api.env[i].name);
      buf_putc(o, '\n');
    }
    buf_puts(o, "}\n");
  }
}
