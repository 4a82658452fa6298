/* infra/k8s/: the units on Kubernetes, when the chosen compute is a
 * Kubernetes cluster: per deployable unit a ServiceAccount (bound to its
 * least-privilege role where the cloud has one), a Deployment with the
 * topology's replicas and the kit's pod requests, a Service for units that
 * serve requests, a HorizontalPodAutoscaler up to the scalability margin
 * and a NetworkPolicy of the egress it may open; the settings of .env.example as a ConfigMap, the secrets from a
 * Secret created at deploy time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/esc.h"
#include "infra.h"

static void name(Buf *o, Str s) { esc_yaml(o, s); }

/* The egress deployable di may open, as a NetworkPolicy: DNS, HTTPS
 * anywhere (the cloud's APIs, outside services), the stores it uses in the
 * private subnets on their ports, and the units it calls. Written only on
 * the plan's network, and only when every store its units use is declared
 * or reached over HTTPS: a store we run has ports this code cannot name. */
static void egress(const Plan *p, Buf *o, const IacDeployable *d, int di) {
  const Kit *k = p->kit;
  if (!p->net.set)
    return;
  for (int u = 0; u < k->nunits; u++) {
    if (!iac_runs(k, d, u))
      continue;
    for (int s = 0; s < k->units[u].nstores; s++)
      for (int r = 0; r < k->nres; r++)
        if (str_eq(k->res[r].slot, k->units[u].store_slots[s]) && !k->res[r].port &&
            str_eqc(k->res[r].choice->tech->hosting, "self-hosted"))
          return;
  }
  buf_puts(o, "---\n# Egress: DNS, HTTPS anywhere, the stores its units use (private subnets, their ports), the units it calls.\n"
              "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ");
  name(o, d->name);
  buf_puts(o, "\nspec:\n  podSelector:\n    matchLabels:\n      app: ");
  name(o, d->name);
  buf_puts(o, "\n  policyTypes:\n    - Egress\n  egress:\n    - ports:\n        - protocol: UDP\n          port: 53\n"
              "        - protocol: TCP\n          port: 53\n    - ports:\n        - protocol: TCP\n          port: 443\n");
  for (int i = 0; i < k->nreach; i++) {
    if (k->reach[i].deploy != di)
      continue;
    buf_puts(o, "    - to:\n");
    for (int z = 0; z < p->net.subnet_zones; z++) {
      char b[32];
      snprintf(b, sizeof b, "%.*s", STRF(p->net.private_cidr[z]));
      buf_printf(o, "        - ipBlock:\n            cidr: \"%s\"\n", b);
    }
    buf_printf(o, "      ports:\n        - protocol: TCP\n          port: %d\n", k->res[k->reach[i].res].port);
  }
  /* The units it calls, through their Services. */
  for (int e = 0; e < k->ndeploys; e++) {
    bool calls = false;
    for (int u = 0; u < k->nunits && e != di; u++) {
      if (!iac_runs(k, d, u))
        continue;
      for (int x = 0; x < k->units[u].ndepends; x++)
        for (int v = 0; v < k->nunits; v++)
          if (str_eq(k->units[v].name, k->units[u].depends[x]) &&
              (k->deploy_unit[e] == v || (k->deploy_unit[e] < 0 && str_eqc(k->units[v].kind, "module"))))
            calls = true;
    }
    if (!calls)
      continue;
    buf_puts(o, "    - to:\n        - podSelector:\n            matchLabels:\n              app: ");
    name(o, k->deploys[e]);
    buf_puts(o, "\n      ports:\n        - protocol: TCP\n          port: 8080\n");
  }
}

static void deployable(const Plan *p, Buf *o, const IacDeployable *d, int replicas, bool serves) {
  const Kit *k = p->kit;
  buf_puts(o, "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ");
  name(o, d->name);
  buf_puts(o, "\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ");
  name(o, d->name);
  buf_puts(o, "\n  labels:\n    app: ");
  name(o, d->name);
  buf_printf(o, "\nspec:\n  replicas: %d\n  selector:\n    matchLabels:\n      app: ", replicas);
  name(o, d->name);
  buf_puts(o, "\n  template:\n    metadata:\n      labels:\n        app: ");
  name(o, d->name);
  buf_puts(o, "\n    spec:\n      serviceAccountName: ");
  name(o, d->name);
  buf_puts(o, "\n      topologySpreadConstraints:\n        - maxSkew: 1\n          topologyKey: topology.kubernetes.io/zone\n"
              "          whenUnsatisfiable: ScheduleAnyway\n          labelSelector:\n            matchLabels:\n              app: ");
  name(o, d->name);
  buf_puts(o, "\n      containers:\n        - name: ");
  name(o, d->name);
  Buf img = {0};
  buf_printf(&img, "%.*s:latest", STRF(d->name));
  buf_puts(o, "\n          image: ");
  name(o, buf_view(&img));
  buf_free(&img);
  if (serves)
    buf_puts(o, "\n          ports:\n            - containerPort: 8080");
  buf_printf(o, "\n          envFrom:\n            - configMapRef:\n                name: settings\n"
                "            - secretRef:\n                name: settings-secrets\n"
                "          resources:\n            requests:\n              cpu: \"%.0fm\"\n              memory: \"%.0fMi\"\n"
                "            limits:\n              memory: \"%.0fMi\"\n",
             k->pod_cpu * 1000, k->pod_memory_mb, k->pod_memory_mb);
  if (serves) {
    buf_puts(o, "          readinessProbe:\n            httpGet:\n              path: /health\n              port: 8080\n"
                "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ");
    name(o, d->name);
    buf_puts(o, "\nspec:\n  selector:\n    app: ");
    name(o, d->name);
    buf_puts(o, "\n  ports:\n    - port: 80\n      targetPort: 8080\n");
  }
  buf_puts(o, "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: ");
  name(o, d->name);
  buf_puts(o, "\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: ");
  name(o, d->name);
  buf_printf(o, "\n  minReplicas: %d\n  maxReplicas: %d\n  metrics:\n    - type: Resource\n      resource:\n"
                "        name: cpu\n        target:\n          type: Utilization\n          averageUtilization: %.0f\n",
             replicas, iac_max_count(p, replicas), p->kit->hpa_cpu * 100);
}

void iac_k8s(const Plan *p, OutFiles *out) {
  const Kit *k = p->kit;
  const Choice *compute = plan_choice(p, "compute");
  if (!k || !compute || !str_eqc(compute->tech->family, "kubernetes"))
    return;
  int replicas = compute->cost.topo.set && compute->cost.topo.instances > 0 ? compute->cost.topo.instances : 1;
  Buf *s = outfiles_add(out, "infra/k8s/settings.yaml");
  buf_puts(s, "# The settings of .env.example; the secrets go in the Secret settings-secrets, created at deploy time:\n"
              "#   kubectl create secret generic settings-secrets --from-env-file=.env.secrets\n"
              "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n");
  int nplain = 0;
  for (int i = 0; i < p->api.nenv; i++) {
    const EnvVar *e = &p->api.env[i];
    if (e->secret)
      continue;
    buf_puts(s, "  ");
    name(s, e->name);
    buf_puts(s, ": ");
    esc_yaml(s, e->example);
    buf_putc(s, '\n');
    nplain++;
  }
  if (!nplain)
    buf_puts(s, "  {}\n");
  int ndep = 0;
  IacDeployable *dep = iac_deployables(p, &ndep);
  for (int d = 0; d < ndep; d++) {
    Buf path = {0};
    buf_printf(&path, "infra/k8s/%.*s.yaml", STRF(dep[d].name));
    buf_putc(&path, 0);
    bool serves = dep[d].unit < 0 || k->units[dep[d].unit].nops > 0;
    Buf *o = outfiles_add(out, path.p);
    deployable(p, o, &dep[d], replicas, serves);
    egress(p, o, &dep[d], d);
    buf_free(&path);
  }
  free(dep);
}
