// Laws every plan must obey, whatever the workload.
//
//   node laws.js PLINTH KNOWN PLAN.json...
//
// For each plan (the output of `plinth plan --format json`) checks:
//   acid      an entity that holds money, accounts, orders or payments is
//             kept in a store with transactions (the `transactions`
//             capability in the knowledge base);
//   finite    every instance count is a finite whole number: the `topology`
//             of a decision when the plan carries one, else the "N x" of
//             its cost formulas;
//   limits    no topology passes a provider limit the knowledge base states
//             for the technology (a `limit` whose name speaks of instances,
//             replicas, shards, dynos or nodes; a function topology's
//             executions in flight against `limit concurrency`; or the `max`
//             of the size it runs, as Heroku Basic's one dyno or DigitalOcean's shared
//             512 MiB container, which does not scale out), nor has negative
//             headroom against the ceiling that sized it; a limit marked
//             `adjustable` (a default quota) may be passed up to the most
//             the provider grants, and only where topology.why names the
//             increase to request before launch; nor runs more than
//             `shared-core-max-instances` (kb/planning.kb) of a shared-core
//             class (a CPU `baseline`, or a store's class under one vCPU);
//   primary   a store with one shard is not sized past the write ceiling
//             the knowledge base states per instance (`limit writes`);
//   reads     a relational store's reads, spread over its primaries and
//             read replicas (standbys serve none), stay within one
//             instance's read ceiling (`topology.per_instance`): no
//             read-bound primary without the replicas its reads need;
//   writes    a store's writes per shard stay within one instance's write
//             ceiling;
//   copies    the availability target sets the copies: from 99.9% every
//             topology spans 2 zones or more, and a store we size in
//             instances keeps a copy in another zone (a standby, a replica,
//             or replication factor 3 for a quorum store, a streaming
//             replica for a store that writes through one primary
//             (`one-writer`); a serverless
//             relational store fails over in its provider's storage); from
//             99.95% a relational store's copy in each other zone is a
//             readable replica;
//   storage   a store's data at the horizon per shard stays within the
//             storage one instance or partition holds (`per_instance.
//             storage_bytes`, else `limit storage` or `partition-storage`):
//             no table past a single instance's storage unsharded; the
//             data counted is what its disks hold (`load.stored_bytes`,
//             compressed, where the store compresses);
//   scans     a store that scans (`per_instance.scan_bytes_per_s`) carries
//             its queries' scans (`load.scan_bytes_per_s`) on one copy of
//             each shard, and holds per shard no more than its memory
//             serves (`memory_bytes` x `storage_per_memory`); and a store
//             whose knowledge base states a scan rate (`limit
//             scan-per-vcpu`) and whose rows people query is sized for it.
// Prints "ok NAME law" or "FAIL NAME law: why"; a failure listed in KNOWN
// ("NAME LAW reason" lines) prints as "known" instead, and a listed one that
// now holds as "stale". Exit 1 on any unlisted failure.
"use strict";
const fs = require("fs");
const path = require("path");
const cp = require("child_process");

const [plinth, knownFile, ...files] = process.argv.slice(2);
const kbCache = new Map();
// LAWS_KB, a JSON object {id: {caps, limits, quotas, family, sizes}}, stands in for
// the knowledge base where it names a technology (the suite's own tests).
const fake = process.env.LAWS_KB ? JSON.parse(process.env.LAWS_KB) : {};
// The `max` of each size and the `limit`s of each technology, read from the
// knowledge base's files (LAWS_KBDIR, default kb/): `plinth kb show` prints
// no size's max, and a plan is held to the files as they stand.
const kbFiles = new Map();
// The most instances of a shared-core class one topology runs (a CPU
// `baseline`, or a store's class of under one vCPU; a container's fraction
// of a vCPU is its own): kb/planning.kb's shared-core-max-instances.
const STORES = /^(database|events|cache|search)$/;
let sharedMax = Infinity;
{
  const dir = process.env.LAWS_KBDIR || "kb";
  for (const f of fs.existsSync(dir) ? fs.readdirSync(dir).filter(x => x.endsWith(".kb")).sort() : []) {
    const re = /^tech\s+(\S+)\s*\{([\s\S]*?)^\}/mg;
    const text = fs.readFileSync(path.join(dir, f), "utf8");
    let m;
    while ((m = re.exec(text))) {
      const sizes = {}, limits = {}, shared = {};
      for (const z of m[2].matchAll(/^\s*size\s+"([^"]*)"(.*)$/mg)) {
        const mx = z[2].match(/\bmax\s+([0-9.]+)/);
        if (mx) sizes[z[1]] = Number(mx[1]);
        const v = z[2].match(/\bvcpu\s+([0-9.]+)/);
        if (/\bbaseline\s/.test(z[2])) shared[z[1]] = "any";
        else if (v && Number(v[1]) < 1) shared[z[1]] = "store";
      }
      const quotas = {};
      for (const z of m[2].matchAll(/^\s*limit\s+(\S+)\s+([0-9.]+)(\s+adjustable(?:\s+([0-9.]+))?)?\s+source/mg)) {
        limits[z[1]] = Number(z[2]);
        if (z[3]) quotas[z[1]] = z[4] ? Number(z[4]) : Infinity;
      }
      kbFiles.set(m[1], { sizes, limits, quotas, shared });
    }
    const sm = text.match(/^\s*shared-core-max-instances\s+([0-9.]+)/m);
    if (sm) sharedMax = Number(sm[1]);
  }
}
// caps and limits of one technology, from `plinth kb show ID`.
function kb(id) {
  if (kbCache.has(id)) return kbCache.get(id);
  if (fake[id]) return fake[id];
  let caps = [], limits = {}, quotas = {}, family = "", hosting = "";
  try {
    const out = cp.execFileSync(plinth, ["kb", "show", id], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    for (const line of out.split("\n")) {
      let m;
      if ((m = line.match(/^caps\s+(.*)$/))) caps = m[1].trim().split(/\s+/);
      else if ((m = line.match(/^slot\s+\S+\s+\(([^)]+)\)/))) family = m[1];
      else if ((m = line.match(/^hosting\s+(\S+)/))) hosting = m[1];
      else if ((m = line.match(/^\s+limit\s+(\S+)\s+([0-9.eE+-]+)(\s+\(adjustable(?: to ([0-9.eE+-]+))?\))?/))) {
        limits[m[1]] = Number(m[2]);
        if (m[3]) quotas[m[1]] = m[4] ? Number(m[4]) : Infinity;
      }
    }
  } catch (e) {
    // unknown id: no caps, no limits
  }
  const r = { caps, limits, quotas, family, hosting };
  kbCache.set(id, r);
  return r;
}

const known = new Map();
if (knownFile && fs.existsSync(knownFile))
  for (const raw of fs.readFileSync(knownFile, "utf8").split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const m = line.match(/^(\S+)\s+(\S+)\s+(.+)$/);
    if (m) known.set(m[1] + " " + m[2], { reason: m[3], used: false });
  }

const MONEY = /^(accounts?|payments?|orders?|invoices?|transactions?|balances?|ledgers?|wallets?|charges?|refunds?|payouts?|transfers?|trades?)$/i;
function moneyEntity(e) {
  if (MONEY.test(e.name)) return true;
  return (e.fields || []).some(f => f.type === "money");
}

function laws(j) {
  const res = {};
  const dec = {};
  for (const d of j.decisions || []) dec[d.slot] = d;
  const dc = Array.isArray(j.data_classes) ? j.data_classes : null;
  // acid
  const bad = [];
  for (const e of (j.model && j.model.entities) || []) {
    if (!moneyEntity(e)) continue;
    let choice = dec.database && dec.database.choice;
    if (dc) {
      const c = dc.find(x => (x.entities || []).includes(e.name));
      choice = c ? c.choice : choice;
    }
    if (!choice) continue;
    if (!kb(choice).caps.includes("transactions")) bad.push(`${e.name} is kept in ${choice}, which has no transactions`);
  }
  res.acid = bad;
  // finite, limits and primary
  const fin = [], lim = [], prim = [], rd = [], wr = [], st = [], sc = [], cp = [];
  const target = j.estimate && j.estimate.availability ? j.estimate.availability.target || 0 : 0;
  const counts = (d, t) => ["instances", "replicas", "shards"].filter(k => t[k] !== undefined && t[k] !== null);
  for (const d of j.decisions || []) {
    const t = d.topology;
    if (t) {
      for (const k of counts(d, t)) {
        const v = t[k];
        if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || Math.floor(v) !== v)
          fin.push(`${d.slot} ${d.choice}: topology.${k} is ${JSON.stringify(v)}`);
      }
      const L = Object.assign({}, (kbFiles.get(d.choice) || {}).limits, kb(d.choice).limits);
      // An adjustable limit is a default quota: past it only up to the most
      // the provider grants, and only with the increase in topology.why.
      const Q = Object.assign({}, (kbFiles.get(d.choice) || {}).quotas, kb(d.choice).quotas || {});
      const sizes = (fake[d.choice] && fake[d.choice].sizes) || (kbFiles.get(d.choice) || {}).sizes || {};
      const smax = sizes[t.instance_class];
      if (smax !== undefined && typeof t.instances === "number" && t.instances > smax && !t.exceeds)
        lim.push(`${d.slot} ${d.choice}: ${t.instances} x ${t.instance_class}, over the ${smax} that size allows`);
      // A function topology counts executions in flight, which the
      // provider bounds by `limit concurrency`; its `limit instances` (Azure
      // Functions' 200, each running many executions) is another unit.
      const fn = t.instance_class === "function";
      for (const [name, max] of Object.entries(L)) {
        const axis = /replica/.test(name) ? "replicas" : /shard/.test(name) ? "shards"
          : fn ? (name === "concurrency" ? "instances" : null)
          : /(instance|dyno|node)/.test(name) ? "instances" : null;
        if (!axis || typeof t[axis] !== "number" || t[axis] <= max) continue;
        const most = Q[name];
        if (most === undefined)
          lim.push(`${d.slot} ${d.choice}: ${t[axis]} ${axis}, over its limit ${name} ${max}`);
        else if (t[axis] > most)
          lim.push(`${d.slot} ${d.choice}: ${t[axis]} ${axis}, over the ${most} the provider grants past its default quota ${name} ${max}`);
        else if (!(t.why || "").includes(`pass the provider's default quota of ${max} ${axis}: request an increase before launch`))
          lim.push(`${d.slot} ${d.choice}: ${t[axis]} ${axis}, past its default quota ${name} ${max} with no increase to request in topology.why`);
      }
      // A topology the plan itself marks as past a limit is allowed only
      // where a pin forces it (plinth check warns there).
      const pinned = (d.because || []).some(b => /^pinned at line /.test(b));
      // `exceeds` is false, or true or the reason when past a limit.
      // A shared-core class is a development server, never a fleet.
      const shared = (fake[d.choice] && fake[d.choice].shared) || (kbFiles.get(d.choice) || {}).shared || {};
      const core = shared[t.instance_class];
      if ((core === "any" || (core === "store" && STORES.test(d.slot))) && typeof t.instances === "number" && t.instances > sharedMax && !pinned)
        lim.push(`${d.slot} ${d.choice}: ${t.instances} x ${t.instance_class}, a shared-core class, past the ${sharedMax} a topology runs`);
      if (t.exceeds && !pinned)
        lim.push(`${d.slot} ${d.choice}: topology marked as exceeding ${typeof t.exceeds === "string" ? t.exceeds : t.ceiling || "a limit"}`);
      // A store that writes through one primary (`one-writer`: TimescaleDB
      // since 2.14) does not shard, unless a pin forces it.
      if (kb(d.choice).caps.includes("one-writer") && typeof t.shards === "number" && t.shards > 1 && !pinned)
        lim.push(`${d.slot} ${d.choice}: ${t.shards} shards of a store that writes through one primary (one-writer)`);
      // A topology sized past the limit that sized it has negative headroom.
      if (typeof t.headroom === "number" && t.headroom < 0)
        lim.push(`${d.slot} ${d.choice}: headroom ${t.headroom} against ${t.ceiling || "its ceiling"}`);
      if (target >= 0.999 && typeof t.zones === "number" && t.zones < 2)
        cp.push(`${d.slot} ${d.choice}: ${t.zones} zone for a ${(target * 100).toFixed(2)}% target`);
      const info = kb(d.choice);
      if (target >= 0.999 && /^(database|events)$/.test(d.slot) && t.per_instance && !pinned && !t.exceeds) {
        const copies = (t.replicas || 0) + (t.standbys || 0);
        const serverlessRel = info.family === "relational" && info.hosting === "serverless";
        // A copy the target asks for must fail over by itself: where the
        // provider names deployment modes, read replicas alone ("replica")
        // are promoted by hand, so a standby (multi-az) or a cluster is
        // needed; elsewhere readable copies in each other zone from 99.95%.
        if (info.family === "relational" && !serverlessRel && t.deployment === "replica")
          cp.push(`${d.slot} ${d.choice}: only read replicas (promoted by hand) for a ${(target * 100).toFixed(2)}% target: no copy fails over by itself`);
        else if (info.family === "relational" && target >= 0.9995 && !t.deployment && (t.replicas || 0) < (t.zones || 1) - 1)
          cp.push(`${d.slot} ${d.choice}: ${t.replicas || 0} readable replicas in ${t.zones} zones for a ${(target * 100).toFixed(2)}% target`);
        else if (info.family !== "relational" && !info.caps.includes("one-writer") && (t.replicas || 0) < 2)
          cp.push(`${d.slot} ${d.choice}: replication factor ${1 + (t.replicas || 0)} for a ${(target * 100).toFixed(2)}% target`);
        else if ((info.family === "relational" || info.caps.includes("one-writer")) && !serverlessRel && copies < 1)
          cp.push(`${d.slot} ${d.choice}: no standby or replica in another zone for a ${(target * 100).toFixed(2)}% target`);
      }
      const ld = t.load, per = t.per_instance;
      const shards = typeof t.shards === "number" && t.shards > 0 ? t.shards : 1;
      const forced = pinned || t.exceeds;
      if (ld && per && !forced) {
        const copies = shards * (1 + (t.replicas || 0));
        if (kb(d.choice).family === "relational" && per.reads_per_s > 0 &&
            ld.reads_per_s / copies > per.reads_per_s * (1 + 1e-9))
          rd.push(`${d.slot} ${d.choice}: ${ld.reads_per_s} reads/s over ${shards} shard(s) x (1 + ${t.replicas || 0} replicas) ` +
                  `is ${(ld.reads_per_s / copies).toFixed(0)} per instance, over the ${per.reads_per_s}/s one ${t.instance_class} serves`);
        if (per.writes_per_s > 0 && ld.writes_per_s / shards > per.writes_per_s * (1 + 1e-9))
          wr.push(`${d.slot} ${d.choice}: ${(ld.writes_per_s / shards).toFixed(0)} writes/s per shard, over the ` +
                  `${per.writes_per_s}/s one ${t.instance_class} takes`);
      }
      if (ld && !forced && /^(database|events)$/.test(d.slot)) {
        const cap = (per && per.storage_bytes) || L["partition-storage"] || L.storage;
        const held = ld.stored_bytes > 0 ? ld.stored_bytes : ld.bytes;
        if (cap && held / shards > cap * (1 + 1e-9))
          st.push(`${d.slot} ${d.choice}: ${held} bytes at the horizon over ${shards} shard(s), past the ${cap} one instance holds`);
      }
      if (ld && !forced && per && per.scan_bytes_per_s > 0) {
        if (ld.scan_bytes_per_s / shards > per.scan_bytes_per_s * (1 + 1e-9))
          sc.push(`${d.slot} ${d.choice}: ${ld.scan_bytes_per_s} bytes/s of scans over ${shards} shard(s), past the ` +
                  `${per.scan_bytes_per_s}/s one ${t.instance_class} scans`);
        const held = ld.stored_bytes > 0 ? ld.stored_bytes : ld.bytes;
        if (per.storage_per_memory > 0 && per.memory_bytes > 0 &&
            held / shards > per.memory_bytes * per.storage_per_memory * (1 + 1e-9))
          sc.push(`${d.slot} ${d.choice}: ${held} bytes stored over ${shards} shard(s), past the 1:${per.storage_per_memory} ` +
                  `one ${t.instance_class}'s memory serves`);
      }
      if (ld && !forced && per && L["scan-per-vcpu"] > 0 && ld.scan_bytes_per_s > 0 && !(per.scan_bytes_per_s > 0))
        sc.push(`${d.slot} ${d.choice}: its rows are queried (${ld.scan_bytes_per_s} bytes/s) and it scans ` +
                `${L["scan-per-vcpu"]} bytes/s a vCPU, yet its topology states no scan ceiling`);
      const writes = j.estimate && j.estimate.load ? j.estimate.load.writes_per_s : 0;
      if ((t.shards === undefined || t.shards <= 1) && L.writes && d.slot === "database" && writes > L.writes)
        prim.push(`${d.choice}: ${writes.toFixed(0)} writes/s on one primary, over its ceiling of ${L.writes}`);
    }
  }
  const lines = (j.estimate && j.estimate.cost && j.estimate.cost.lines) || [];
  for (const l of lines)
    for (const f of l.formula || []) {
      const m = f.match(/(^|\s)([0-9.eE+]+|inf|nan|Infinity|NaN) x /i);
      if (!m) continue;
      const v = Number(m[2]);
      if (!Number.isFinite(v) || v < 0) fin.push(`${l.slot} ${l.component}: '${f}'`);
    }
  res.finite = fin;
  res.limits = lim;
  res.primary = prim;
  res.reads = rd;
  res.writes = wr;
  res.storage = st;
  res.scans = sc;
  res.copies = cp;
  return res;
}

let status = 0;
for (const f of files) {
  const name = path.basename(f, ".json");
  const r = laws(JSON.parse(fs.readFileSync(f, "utf8")));
  for (const [law, why] of Object.entries(r)) {
    const k = known.get(name + " " + law);
    if (k) k.used = true;
    if (!why.length) {
      if (k) console.log(`ok ${name} ${law} (stale: listed in known-violations as '${k.reason}'; delete the line)`);
      else console.log(`ok ${name} ${law}`);
    } else if (k) console.log(`ok ${name} ${law} (known: ${k.reason}: ${why[0]})`);
    else {
      console.log(`FAIL ${name} ${law}: ${why.join("; ")}`);
      status = 1;
    }
  }
}
process.exit(status);
