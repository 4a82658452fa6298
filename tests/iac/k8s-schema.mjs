// Every document of every manifest in the k8s/ folders given, validated
// against its kind's schema from the Kubernetes API's OpenAPI definitions
// (kubernetes-models, offline): the apiVersion names the module (v1,
// apps/v1, networking.k8s.io/v1 ...) and the kind its class; a kind or
// version the package does not have is an error. The API's schemas allow
// fields they do not name, so a misspelt field passes here (k8s.cjs checks
// the fields Plinth relies on). Usage: node k8s-schema.mjs DIR...
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(path.join(process.cwd(), "package.json"));
const yaml = require("js-yaml");

async function model(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string" || !/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion)) return null;
  try {
    const m = await import(`kubernetes-models/${apiVersion}`);
    return typeof m[kind] === "function" && m[kind].kind === kind ? m[kind] : null;
  } catch {
    return null;
  }
}

let bad = 0;
for (const dir of process.argv.slice(2)) {
  const errors = [];
  let n = 0;
  for (const f of fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    let docs;
    try {
      docs = yaml.loadAll(fs.readFileSync(path.join(dir, f), "utf8"));
    } catch (e) {
      errors.push(`${f}: ${e.message.split("\n")[0]}`);
      continue;
    }
    for (const d of docs) {
      if (d === null || d === undefined) continue;
      n++;
      const where = `${f}: ${d.kind} ${d.metadata && d.metadata.name}`;
      const M = await model(d.apiVersion, d.kind);
      if (!M) { errors.push(`${where}: no schema for kind ${d.kind} in ${d.apiVersion}`); continue; }
      try {
        new M(d).validate();
      } catch (e) {
        errors.push(`${where}: ${e.message}`);
      }
    }
  }
  if (!n) errors.push("no document");
  if (errors.length) {
    bad++;
    for (const e of errors.slice(0, 20)) console.log(`${dir}: ${e}`);
  } else console.log(`ok ${dir}: ${n} documents valid against their kinds' schemas`);
}
process.exit(bad ? 1 : 0);
