/* infra/k8s/: the units on Kubernetes, when the chosen compute is a
 * Kubernetes cluster: per deployable unit a ServiceAccount (bound to its
 * least-privilege role where the cloud has one), a Deployment with the
 * topology's replicas and the kit's pod requests, a Service for units that
 * serve requests, and a HorizontalPodAutoscaler up to the scalability
 * margin; the settings of .env.example as a ConfigMap, the secrets from a
 * Secret created at deploy time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/esc.h"
#include "infra.h"

static void name(Buf *o, Str s) { esc_yaml(o, s); }

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
    deployable(p, outfiles_add(out, path.p), &dep[d], replicas, serves);
    buf_free(&path);
  }
  free(dep);
}
