// Every technology that runs instances states how far one instance (or
// partition, or database) goes: the sizer needs it to size a topology.
//
//   node ceilings.js KNOWN KBDIR...
//
// A technology of the database, cache, search, queue, stream, realtime or
// compute slot passes when it is run by us (self-hosted, a library, a tool,
// or Kubernetes nodes: the planning figures size its nodes), when one of its
// `size`s states a ceiling (`reads`, `writes`, `rps`, `ops`, `connections`,
// `max`) or the vCPUs and memory the ceilings follow from, or when it states
// a per-unit limit (`partition-reads`, `partition-writes`,
// `partition-storage`, `throughput`, `plan-connections`, `concurrency`,
// `ops`, `rps`, `api-rps`, `connect-rate`, `reads`, `writes`, `connections`,
// `storage`).
// KNOWN lists, one a line with a reason, the technologies that state none
// yet; an unlisted one fails, a listed one that now states one is stale.
// Prints "ok ID", "FAIL ID: why", and a summary line.
"use strict";
const fs = require("fs");
const path = require("path");
const [knownFile, ...dirs] = process.argv.slice(2);
const known = new Map();
if (knownFile && fs.existsSync(knownFile))
  for (const raw of fs.readFileSync(knownFile, "utf8").split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const m = line.match(/^(\S+)\s+(.+)$/);
    if (m) known.set(m[1], m[2]);
  }
const SLOTS = /^(database|cache|search|queue|stream|realtime|compute)$/;
const UNIT = /^(partition-reads|partition-writes|partition-storage|throughput|plan-connections|concurrency|ops|rps|api-rps|connect-rate|reads|writes|connections|storage)$/;
const techs = new Map();
for (const dir of dirs)
  for (const f of fs.readdirSync(dir).filter(f => f.endsWith(".kb")).sort()) {
    const text = fs.readFileSync(path.join(dir, f), "utf8");
    const re = /^tech\s+(\S+)\s*\{([\s\S]*?)^\}/mg;
    let m;
    while ((m = re.exec(text))) techs.set(m[1], { file: f, body: m[2] }); // a later record replaces
  }
let status = 0, ok = 0, all = 0;
for (const [id, { file, body }] of techs) {
  const field = k => (body.match(new RegExp("^\\s*" + k + "\\s+(\\S+)", "m")) || [])[1] || "";
  const slot = field("slot"), hosting = field("hosting"), family = field("family");
  if (!SLOTS.test(slot)) continue;
  all++;
  const sizes = [...body.matchAll(/^\s*size\s+"[^"]*"(.*)$/mg)].map(x => x[1]);
  const limits = [...body.matchAll(/^\s*limit\s+(\S+)/mg)].map(x => x[1]);
  const why = /^(self-hosted|library|tool)$/.test(hosting) || family === "kubernetes" ? "run on planned nodes"
    : sizes.some(s => /\b(reads|writes|rps|ops|connections|max)\s+\d/.test(s)) ? "a size states its ceilings"
    : sizes.some(s => /\bvcpu\s+[\d.]/.test(s) || (/^(cache|search)$/.test(slot) && /\bmemory\s+[\d.]/.test(s))) ? "sizes state vCPUs or memory"
    : limits.some(l => UNIT.test(l)) ? "a per-unit limit" : "";
  const k = known.get(id);
  if (why) {
    ok++;
    console.log(k ? `ok ${id} (stale: listed as '${k}'; delete the line)` : `ok ${id}`);
  } else if (k) {
    console.log(`ok ${id} (known: ${k})`);
  } else {
    console.log(`FAIL ${id}: ${file}: a ${slot} technology (${hosting}) states no ceiling: add a size with reads/writes or vCPUs, or a per-unit limit, each with a source`);
    status = 1;
  }
}
console.log(`ceilings: ${ok} of ${all} technologies that run instances state one`);
process.exit(status);
