// Every technology that runs instances states its sizes and the provider's
// limit on how many it runs, or says why it needs none.
//
//   node instances.js README KBDIR...
//
// A technology of the database, cache, search, queue, stream, realtime,
// compute or analytics slot needs, by how it runs (its `hosting` and
// `family`):
//   managed, on instances   a `size` with `vcpu` or `memory` (none for a
//                           service bought in `limit throughput` units), a price
//                           (`hour` or `month`) on at least one size, and the
//                           provider's limit on instances: `limit` instances,
//                           replicas, shards, nodes or dynos, or a size's
//                           `max`;
//   Kubernetes              `limit instances`, the nodes one cluster holds;
//   serverless or SaaS      a per-unit limit (partitions, throughput,
//                           concurrency, connections, storage, instances,
//                           shards...) or a size's `max`;
//   self-hosted             none: it runs on planned nodes (planning.kb);
//   library or tool         none.
// README's table "Sizes and limits" lists, one row each, the technologies
// that lack one today, with what they lack and why: an unlisted gap fails,
// a row whose "lacks" differs from the record fails, and a listed one that
// lacks nothing is stale (fails: delete its row). Prints "ok ID" or
// "FAIL ID: why" and a summary line.
"use strict";
const fs = require("fs");
const path = require("path");
const [readme, ...dirs] = process.argv.slice(2);

// | `id` | slot | lacks | why |  rows after the "Sizes and limits" heading.
const listed = new Map();
{
  const text = fs.readFileSync(readme, "utf8");
  const at = text.search(/^#+ Sizes and limits/m);
  if (at < 0) {
    console.log(`FAIL ${readme}: no "Sizes and limits" section`);
    process.exit(1);
  }
  const rest = text.slice(at).split("\n").slice(1);
  const end = rest.findIndex(l => /^#/.test(l));
  for (const line of end < 0 ? rest : rest.slice(0, end)) {
    const m = line.match(/^\|\s*`([^`]+)`\s*\|\s*([^|]*)\|\s*([^|]*)\|\s*([^|]*)\|\s*$/);
    if (m) listed.set(m[1], { lacks: m[3].trim(), why: m[4].trim() });
  }
}

const SLOTS = /^(database|cache|search|queue|stream|realtime|compute|analytics)$/;
const PER_UNIT = /^(partition-reads|partition-writes|partition-storage|throughput|plan-connections|concurrency|ops|rps|api-rps|connect-rate|reads|writes|connections|storage|instances|shards|replicas)$/;
const techs = new Map();
for (const dir of dirs)
  for (const f of fs.readdirSync(dir).filter(x => x.endsWith(".kb")).sort()) {
    const text = fs.readFileSync(path.join(dir, f), "utf8");
    const re = /^tech\s+(\S+)\s*\{([\s\S]*?)^\}/mg;
    let m;
    while ((m = re.exec(text))) techs.set(m[1], { file: f, body: m[2] });
  }

function lacks(body) {
  const field = k => (body.match(new RegExp("^\\s*" + k + "\\s+(\\S+)", "m")) || [])[1] || "";
  const host = field("hosting"), family = field("family");
  const sizes = [...body.matchAll(/^\s*size\s+"[^"]*"(.*)$/mg)].map(x => x[1]);
  const limits = [...body.matchAll(/^\s*limit\s+(\S+)/mg)].map(x => x[1]);
  const sizeMax = sizes.some(s => /\bmax\s+[\d.]/.test(s));
  const out = [];
  if (/^(library|tool)$/.test(host)) return out;
  if (family === "kubernetes") {
    if (!limits.includes("instances")) out.push("node limit");
  } else if (host === "self-hosted") {
    return out;
  } else if (/^(serverless|saas)$/.test(host)) {
    if (!limits.some(l => PER_UNIT.test(l)) && !sizeMax) out.push("per-unit limit");
  } else {
    // A service bought in throughput units (`limit throughput` a unit)
    // needs no instance class, only the most units it allows.
    if (limits.includes("throughput")) {}
    else if (!sizes.some(s => /\b(vcpu|memory)\s+[\d.]/.test(s))) out.push("size");
    else if (!sizes.some(s => /\b(hour|month)\s+[\d.]/.test(s))) out.push("priced size");
    if (!limits.some(l => /^(instances|replicas|shards|nodes|dynos)$/.test(l)) && !sizeMax) out.push("instance limit");
  }
  return out;
}

let status = 0, ok = 0, all = 0;
for (const [id, { file, body }] of techs) {
  const slot = (body.match(/^\s*slot\s+(\S+)/m) || [])[1] || "";
  if (!SLOTS.test(slot)) continue;
  all++;
  const miss = lacks(body).join(", ");
  const row = listed.get(id);
  listed.delete(id);
  if (!miss && !row) { ok++; console.log(`ok ${id}`); }
  else if (!miss) { console.log(`FAIL ${id}: stale: listed as lacking '${row.lacks}' but ${file} states it; delete its row`); status = 1; }
  else if (!row) { console.log(`FAIL ${id}: ${file}: a ${slot} technology lacks ${miss}: add it with a source, or a row in the README table saying why`); status = 1; }
  else if (row.lacks !== miss) { console.log(`FAIL ${id}: the README row says it lacks '${row.lacks}'; ${file} lacks '${miss}'`); status = 1; }
  else if (!row.why) { console.log(`FAIL ${id}: the README row gives no reason`); status = 1; }
  else console.log(`ok ${id} (lacks ${miss}: ${row.why})`);
}
for (const id of listed.keys()) {
  console.log(`FAIL ${id}: listed in the README table but no such technology runs instances`);
  status = 1;
}
console.log(`instances: ${ok} of ${all} technologies that run instances state their sizes and limits`);
process.exit(status);
