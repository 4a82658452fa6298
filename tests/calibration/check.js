// Calibration checker: compares the decisions in `plinth plan --format json`
// with the decisions companies published about their own systems.
//
//   node check.js KBLIST MISMATCHES SPECDIR JSONDIR
//
// KBLIST is the output of `plinth kb list` (id, slot, family per line).
// For each SPECDIR/NAME.expect it reads JSONDIR/NAME.json and prints one line
// per spec; then the total. Exit status 1 when a decision differs and
// MISMATCHES (lines "NAME KEY reason") does not list it, or a listed line
// names a spec or key that does not exist; listed lines that now match are
// reported as "stale" (delete them: the list only shrinks), and fail with
// CALIBRATION_STRICT=1 in the environment.
//
// The plan must say why it differs: each listed line ends with
// `output: "PHRASE"`, words the plan JSON carries (a decision's reason,
// topology.why, an absence, an assumption) that explain the difference.
// A listed mismatch without that phrase, or whose phrase the plan no longer
// carries, fails (the comparison ignores case and runs of spaces).
//
// With CALIBRATION_PROPOSE=FILE, writes the list as it would be now to FILE:
// the header and the reasons of lines that still differ kept, stale lines
// dropped, each new mismatch added with the reason "UNREVIEWED: ...". A
// line whose reason starts with UNREVIEWED fails: a person writes the
// reason (or fixes the chooser) before the list is committed.
//
// Keys of a .expect file (values are alternatives separated by |):
//   record events        store family of that data class (relational,
//                        wide-column, key-value, document, time-series, ...)
//   blobs                yes/no: files kept in object storage
//   replicas sharding    yes/no: read replicas, more than one shard
//   shard_key            a word the chosen shard key must contain
//   cache queue stream search cdn analytics   yes/no: the slot is in the plan
//                        (analytics: a warehouse or query engine apart
//                        from the record store)
//   style                monolith, modular-monolith, services, serverless
// A field the plan does not carry (no `topology`, no `data_classes`) is
// "(no decision)" and counts as a mismatch.
"use strict";
const fs = require("fs");
const path = require("path");

const [kbList, mmFile, specDir, jsonDir] = process.argv.slice(2);
const NONE = "(no decision)";

const family = {};
for (const line of fs.readFileSync(kbList, "utf8").split("\n")) {
  const w = line.trim().split(/\s+/);
  if (w.length >= 3) family[w[0]] = w[2];
}

function readExpect(file) {
  const e = { keys: [], source: "" };
  for (const raw of fs.readFileSync(file, "utf8").split("\n")) {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) continue;
    const m = line.match(/^(\S+)\s+(.+)$/);
    if (!m) throw new Error(`${file}: cannot read '${line}'`);
    if (m[1] === "source") e.source = m[2];
    else e.keys.push({ key: m[1], want: m[2].trim().split("|").map(s => s.trim().toLowerCase()) });
  }
  if (!e.source) throw new Error(`${file}: no source line`);
  return e;
}

function yn(b) {
  return b ? "yes" : "no";
}

// What the plan decided, per key.
function decided(j) {
  const dec = {};
  for (const d of j.decisions || []) dec[d.slot] = d;
  const dc = Array.isArray(j.data_classes) ? j.data_classes : null;
  const cls = c => (dc ? dc.find(x => x.class === c) : undefined);
  const fam = id => (id && family[id]) || (id ? "unknown:" + id : "none");
  // The decision that holds a data class: its slot when data_classes say,
  // else the one database (every entity lives there).
  const holder = c => {
    if (!dc) return dec.database;
    const x = cls(c);
    return x ? dec[x.slot] || { choice: x.choice } : undefined;
  };
  const storeOf = c => {
    if (!dc) return dec.database ? fam(dec.database.choice) : "none";
    const x = cls(c);
    return x ? fam(x.choice) : "none";
  };
  const stateful = [holder("record"), holder("events")].filter(Boolean);
  const topos = stateful.map(d => d.topology).filter(Boolean);
  const rec = holder("record");
  const out = {
    record: storeOf("record"),
    events: storeOf("events"),
    blobs: yn(!!dec["object-storage"] || !!cls("blobs")),
    cache: yn(!!dec.cache || !!(cls("cache") && cls("cache").choice)),
    queue: yn(!!dec.queue),
    stream: yn(!!dec.stream),
    search: yn(!!dec.search || !!(cls("search") && cls("search").choice && fam(cls("search").choice) === "search-engine")),
    cdn: yn(!!dec.cdn),
    analytics: yn(!!dec.analytics),
    style: j.style && j.style.choice ? j.style.choice : NONE,
    replicas: rec && rec.topology && typeof rec.topology.replicas === "number" ? yn(rec.topology.replicas > 0) : NONE,
    sharding: topos.length && topos.some(t => typeof t.shards === "number")
      ? yn(topos.some(t => t.shards > 1)) : NONE,
    shard_key: NONE,
  };
  const keys = topos.filter(t => t.shards > 1 && t.shard_key).map(t => String(t.shard_key).toLowerCase());
  if (keys.length) out.shard_key = keys.join(",");
  else if (topos.length) out.shard_key = "none";
  return out;
}

function matches(key, got, want) {
  if (got === NONE) return false;
  if (key === "shard_key") return want.some(w => got.includes(w));
  return want.includes(got);
}

// The committed list of known mismatches.
const listed = new Map();
let status = 0;
for (const [i, raw] of fs.readFileSync(mmFile, "utf8").split("\n").entries()) {
  const line = raw.trim();
  if (!line || line.startsWith("#")) continue;
  const m = line.match(/^(\S+)\s+(\S+)\s+(.+)$/);
  if (!m) {
    console.log(`FAIL mismatches line ${i + 1}: expected 'NAME KEY reason', found '${line}'`);
    status = 1;
    continue;
  }
  const said = m[3].match(/\boutput:\s*"([^"]+)"\s*$/);
  listed.set(m[1] + " " + m[2], { reason: m[3], said: said ? said[1] : "", used: false, line: i + 1 });
  if (/^UNREVIEWED/.test(m[3])) {
    console.log(`FAIL mismatches line ${i + 1}: '${m[1]} ${m[2]}' has no reviewed reason yet`);
    status = 1;
  }
}
const proposed = [];

let total = 0, matched = 0;
const byCause = {};
const names = fs.readdirSync(specDir).filter(f => f.endsWith(".expect")).map(f => f.slice(0, -7)).sort();
for (const name of names) {
  const e = readExpect(path.join(specDir, name + ".expect"));
  const jf = path.join(jsonDir, name + ".json");
  if (!fs.existsSync(jf)) {
    console.log(`FAIL calibration ${name}: no plan (plinth plan failed)`);
    status = 1;
    continue;
  }
  const raw = fs.readFileSync(jf, "utf8");
  const got = decided(JSON.parse(raw));
  // Every string of the plan, lower case with runs of spaces as one.
  const flat = s => String(s).toLowerCase().replace(/\s+/g, " ");
  const strings = [];
  (function walk(v) {
    if (typeof v === "string") strings.push(flat(v));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  })(JSON.parse(raw));
  let ok = 0;
  const news = [], stale = [], known = [];
  for (const { key, want } of e.keys) {
    if (!(key in got)) {
      news.push(`unknown key '${key}'`);
      continue;
    }
    total++;
    const l = listed.get(name + " " + key);
    if (l) l.used = true;
    if (matches(key, got[key], want)) {
      ok++;
      matched++;
      if (l) stale.push(`${key} now matches (${got[key]}); delete line ${l.line} of the mismatch list`);
    } else if (l) {
      proposed.push(`${name.padEnd(18)} ${key.padEnd(9)} ${l.reason}`);
      known.push(`${key}: plinth ${got[key]}, company ${want.join("|")} (${l.reason})`);
      if (!l.said)
        news.push(`${key}: listed on line ${l.line} without output: "PHRASE", the words in the plan that say why it differs`);
      else if (!strings.some(t => t.includes(flat(l.said))))
        news.push(`${key}: the plan no longer says "${l.said}" (line ${l.line} of the mismatch list): it must say why it differs`);
      const cause = l.reason.split(":")[0];
      (byCause[cause] = byCause[cause] || []).push(`${name} ${key}`);
    } else {
      proposed.push(`${name.padEnd(18)} ${key.padEnd(9)} UNREVIEWED: plinth decides ${got[key]}, the company chose ${want.join("|")}`);
      news.push(`${key}: plinth decides ${got[key]}, the company chose ${want.join("|")} (not in the mismatch list)`);
    }
  }
  const head = `${name} ${ok}/${e.keys.length}`;
  if (process.env.CALIBRATION_STRICT === "1")
    for (const st of stale) news.push("stale: " + st);
  if (news.length) {
    console.log(`FAIL calibration ${head}`);
    for (const n of news) console.log("    " + n);
    status = 1;
  } else console.log(`ok calibration ${head}`);
  for (const k of known) console.log("    known " + k);
  for (const s of stale) console.log("    stale " + s);
}
for (const [k, l] of listed)
  if (!l.used) {
    console.log(`FAIL mismatches line ${l.line}: '${k}' is not a decision of any calibration spec`);
    status = 1;
  }
if (process.env.CALIBRATION_PROPOSE) {
  const head = fs.readFileSync(mmFile, "utf8").split("\n").filter(l => l.startsWith("#"));
  fs.writeFileSync(process.env.CALIBRATION_PROPOSE, head.concat(proposed).join("\n") + "\n");
}
const pct = total ? ((100 * matched) / total).toFixed(1) : "0";
console.log(`calibration: ${matched} of ${total} decisions match (${pct}%) across ${names.length} specs`);
for (const c of Object.keys(byCause).sort()) console.log(`  known mismatches, ${c}: ${byCause[c].length}: ${byCause[c].join(", ")}`);
process.exit(status);
