// A structural check of the Kubernetes manifests in a k8s/ folder (no
// kubeconform or kubectl installs here): every document has apiVersion,
// kind and metadata.name, of a kind and version this checker knows; a
// Deployment's selector matches its pod labels, has replicas, a
// serviceAccountName declared in the folder, containers with an image and
// CPU and memory requests, and envFrom ConfigMaps declared in the folder
// (Secrets are created at deploy time); a Service selects a Deployment's
// pods; a HorizontalPodAutoscaler scales a Deployment of the folder with
// minReplicas <= maxReplicas; a NetworkPolicy selects a Deployment's pods
// and lets them call only pods of the folder. It cannot check fields against the API's
// OpenAPI schema. Usage: node k8s.cjs DIR...
"use strict";
const fs = require("fs");
const path = require("path");
const yaml = require("js-yaml");

const KNOWN = { ServiceAccount: "v1", ConfigMap: "v1", Service: "v1", Deployment: "apps/v1", HorizontalPodAutoscaler: "autoscaling/v2",
  NetworkPolicy: "networking.k8s.io/v1" };
const matches = (sel, labels) => sel && Object.keys(sel).length && Object.entries(sel).every(([k, v]) => labels && labels[k] === v);

function check(dir) {
  const errors = [], docs = [];
  for (const f of fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    try {
      for (const d of yaml.loadAll(fs.readFileSync(path.join(dir, f), "utf8"))) if (d) docs.push({ f, d });
    } catch (e) {
      errors.push(`${f}: ${e.message.split("\n")[0]}`);
    }
  }
  const names = (kind) => new Set(docs.filter((x) => x.d.kind === kind).map((x) => x.d.metadata && x.d.metadata.name));
  const seen = new Set();
  for (const { f, d } of docs) {
    const where = `${f}: ${d.kind} ${d.metadata && d.metadata.name}`;
    if (!d.apiVersion || !d.kind || !d.metadata || !d.metadata.name) { errors.push(`${f}: a document without apiVersion, kind or metadata.name`); continue; }
    if (KNOWN[d.kind] !== d.apiVersion) errors.push(`${where}: unknown kind or apiVersion ${d.apiVersion}`);
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(d.metadata.name)) errors.push(`${where}: the name is not a DNS label`);
    const key = `${d.kind}/${d.metadata.name}`;
    if (seen.has(key)) errors.push(`${where}: declared twice`);
    seen.add(key);
    if (d.kind === "Deployment") {
      const s = d.spec || {}, t = (s.template || {}), pod = t.spec || {};
      if (!Number.isInteger(s.replicas) || s.replicas < 1) errors.push(`${where}: no replicas`);
      if (!matches((s.selector || {}).matchLabels, (t.metadata || {}).labels)) errors.push(`${where}: the selector does not match the pod labels`);
      if (pod.serviceAccountName && !names("ServiceAccount").has(pod.serviceAccountName)) errors.push(`${where}: no ServiceAccount ${pod.serviceAccountName}`);
      if (!(pod.containers || []).length) errors.push(`${where}: no container`);
      for (const c of pod.containers || []) {
        if (!c.name || !c.image) errors.push(`${where}: a container without a name or image`);
        const r = (c.resources || {}).requests || {};
        if (!r.cpu || !r.memory) errors.push(`${where}: container ${c.name} requests no CPU or memory`);
        for (const e of c.envFrom || [])
          if (e.configMapRef && !names("ConfigMap").has(e.configMapRef.name)) errors.push(`${where}: no ConfigMap ${e.configMapRef.name}`);
      }
    }
    if (d.kind === "Service") {
      const sel = (d.spec || {}).selector;
      if (!docs.some((x) => x.d.kind === "Deployment" && matches(sel, (((x.d.spec || {}).template || {}).metadata || {}).labels)))
        errors.push(`${where}: selects no Deployment's pods`);
      if (!((d.spec || {}).ports || []).length) errors.push(`${where}: no port`);
    }
    if (d.kind === "NetworkPolicy") {
      const sel = ((d.spec || {}).podSelector || {}).matchLabels;
      if (!docs.some((x) => x.d.kind === "Deployment" && matches(sel, (((x.d.spec || {}).template || {}).metadata || {}).labels)))
        errors.push(`${where}: selects no Deployment's pods`);
      for (const e of (d.spec || {}).egress || [])
        for (const t of e.to || [])
          if (t.podSelector && !docs.some((x) => x.d.kind === "Deployment" && matches(t.podSelector.matchLabels, (((x.d.spec || {}).template || {}).metadata || {}).labels)))
            errors.push(`${where}: lets its pods call pods no Deployment of the folder has`);
    }
    if (d.kind === "HorizontalPodAutoscaler") {
      const s = d.spec || {}, ref = s.scaleTargetRef || {};
      if (ref.kind !== "Deployment" || !names("Deployment").has(ref.name)) errors.push(`${where}: scales no Deployment of the folder`);
      if (!(s.minReplicas >= 1 && s.maxReplicas >= s.minReplicas)) errors.push(`${where}: minReplicas ${s.minReplicas}, maxReplicas ${s.maxReplicas}`);
    }
  }
  if (!docs.some((x) => x.d.kind === "Deployment")) errors.push("no Deployment");
  return { errors, n: docs.length };
}

let bad = 0;
for (const dir of process.argv.slice(2)) {
  const { errors, n } = check(dir);
  if (errors.length) {
    bad++;
    for (const e of errors.slice(0, 20)) console.log(`${dir}: ${e}`);
  } else console.log(`ok ${dir}: ${n} objects`);
}
process.exit(bad ? 1 : 0);
