// Checks the contracts of stores that are not SQL (tests/stores/run.sh).
//   node check.mjs dynamodb FILE [KEYS_JSON]
//     FILE is a CloudFormation template: aws-cdk-lib includes it
//     (cloudformation-include) with CloudFormation's own resource schemas
//     turned into errors, then ours: every attribute definition is a key of
//     the table or of an index and every key is defined; HASH first, at most
//     one RANGE; at most 20 global secondary indexes, names unique; every
//     item pattern names the key attributes of the index it is on. With
//     KEYS_JSON (keys.json), every access path there has its item pattern.
//   node check.mjs cql FILE
//     a structural check of CREATE TABLE statements: balanced parentheses,
//     column types CQL has, no column twice, every primary-key column
//     declared, CLUSTERING ORDER BY naming the clustering columns in order,
//     table names unique and at most 48 characters, TTL a whole number.
// Prints one line per problem and exits 1 on any.
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const [, , kind, file, keysFile] = process.argv;
let problems = 0;
const bad = (m) => {
  problems++;
  console.log(`${file}: ${m}`);
};

function dynamodb() {
  const text = readFileSync(file, "utf8");
  let t;
  try {
    t = JSON.parse(text);
  } catch (e) {
    return bad(`not JSON: ${e.message}`);
  }
  // CloudFormation's own schema, through aws-cdk-lib.
  const cdk = require("aws-cdk-lib");
  const inc = require("aws-cdk-lib/cloudformation-include");
  const out = mkdtempSync(join(tmpdir(), "cdk-"));
  try {
    const app = new cdk.App({ outdir: out, context: { "@aws-cdk/core:validateAgainstDefaultRules": true } });
    const stack = new cdk.Stack(app, "S");
    new inc.CfnInclude(stack, "T", { templateFile: file });
    app.synth();
  } catch (e) {
    bad(`aws-cdk-lib: ${String(e.message).split("\n").filter((l) => l.trim()).slice(0, 3).join(" / ")}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const tables = Object.entries(t.Resources || {}).filter(([, r]) => r.Type === "AWS::DynamoDB::Table");
  if (!tables.length) bad("no AWS::DynamoDB::Table resource");
  for (const [id, r] of tables) {
    const p = r.Properties || {};
    const defs = new Map((p.AttributeDefinitions || []).map((d) => [d.AttributeName, d.AttributeType]));
    const used = new Set();
    const schema = (ks, where) => {
      if (!Array.isArray(ks) || !ks.length) return bad(`${id} ${where}: no KeySchema`);
      if (ks[0].KeyType !== "HASH") bad(`${id} ${where}: the first key is not HASH`);
      if (ks.length > 2 || (ks.length === 2 && ks[1].KeyType !== "RANGE")) bad(`${id} ${where}: keys other than one HASH and one RANGE`);
      for (const k of ks) {
        used.add(k.AttributeName);
        if (!defs.has(k.AttributeName)) bad(`${id} ${where}: key ${k.AttributeName} has no attribute definition`);
      }
      return ks.map((k) => k.AttributeName);
    };
    const indexKeys = new Map([["table", schema(p.KeySchema, "table")]]);
    const gsis = p.GlobalSecondaryIndexes || [];
    if (gsis.length > 20) bad(`${id}: ${gsis.length} global secondary indexes, DynamoDB allows 20`);
    for (const g of gsis) {
      if (indexKeys.has(g.IndexName)) bad(`${id}: index ${g.IndexName} twice`);
      indexKeys.set(g.IndexName, schema(g.KeySchema, g.IndexName));
    }
    for (const [n, ty] of defs) {
      if (!used.has(n)) bad(`${id}: attribute ${n} is defined but is no key (DynamoDB refuses it)`);
      if (!["S", "N", "B"].includes(ty)) bad(`${id}: attribute ${n} has type ${ty}`);
    }
    const items = ((r.Metadata || {})["Plinth::Items"]) || [];
    if (!items.length) bad(`${id}: no item patterns in Metadata`);
    for (const it of items) {
      const ks = indexKeys.get(it.index);
      if (!ks) {
        bad(`${id}: ${it.entity} is on index ${it.index}, which the table does not have`);
        continue;
      }
      const names = Object.keys(it.keys || {});
      if (names.sort().join() !== [...ks].sort().join())
        bad(`${id}: ${it.entity} on ${it.index} gives keys ${names.join(", ")}, the index has ${ks.join(", ")}`);
      for (const v of Object.values(it.keys || {}))
        if (typeof v !== "string" || !v.startsWith(it.entity.replace(/[^A-Za-z0-9_]/g, "_")) && !v.startsWith(it.entity))
          bad(`${id}: ${it.entity}'s key pattern ${v} does not start with its type`);
    }
    if (keysFile) {
      const k = JSON.parse(readFileSync(keysFile, "utf8"));
      for (const kt of k.tables || [])
        if (!items.some((it) => it.entity === kt.entity && it.index === kt.name))
          bad(`${id}: keys.json's ${kt.name} for ${kt.entity} has no item pattern`);
    }
  }
}

const CQL_TYPES = new Set(["ascii", "bigint", "blob", "boolean", "counter", "date", "decimal", "double", "duration",
  "float", "inet", "int", "smallint", "text", "time", "timestamp", "timeuuid", "tinyint", "uuid", "varchar", "varint"]);
const cqlType = (t) => {
  const m = /^(list|set|frozen)<\s*(\w+)\s*>$/.exec(t);
  return m ? CQL_TYPES.has(m[2]) : CQL_TYPES.has(t);
};
const ident = (s) => {
  const m = /^"((?:[^"]|"")+)"$/.exec(s.trim());
  if (m) return m[1].replace(/""/g, '"');
  return /^[A-Za-z][A-Za-z0-9_]*$/.test(s.trim()) ? s.trim().toLowerCase() : null;
};
// Splits on commas outside parentheses and angle brackets.
const split = (s) => {
  const out = [];
  let depth = 0, cur = "";
  for (const ch of s) {
    if (ch === "(" || ch === "<") depth++;
    if (ch === ")" || ch === ">") depth--;
    if (ch === "," && depth === 0) {
      out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
};

function cql() {
  const text = readFileSync(file, "utf8").replace(/--[^\n]*/g, "");
  const stmts = text.split(";").map((s) => s.trim()).filter(Boolean);
  if (!stmts.length) bad("no statements");
  const names = new Set();
  for (const st of stmts) {
    const h = /^CREATE TABLE\s+("(?:[^"]|"")+"|\w+)\s*\(/.exec(st);
    if (!h) {
      bad(`not a CREATE TABLE: ${st.slice(0, 60)}`);
      continue;
    }
    // The column list runs to the parenthesis that closes the first one.
    let depth = 1, i = h[0].length;
    for (; i < st.length && depth; i++) {
      if (st[i] === "(") depth++;
      if (st[i] === ")") depth--;
    }
    const rest = st.slice(i).trim();
    let d2 = 0;
    for (const ch of rest) d2 += ch === "(" ? 1 : ch === ")" ? -1 : 0;
    if (depth !== 0 || d2 !== 0) {
      bad(`unbalanced parentheses in ${h[1]}`);
      continue;
    }
    if (rest && !/^WITH\s/.test(rest)) bad(`${h[1]}: ${rest.slice(0, 30)} after the columns`);
    const m = [st, h[1], st.slice(h[0].length, i - 1), rest.replace(/^WITH\s+/, "")];
    const name = ident(m[1]);
    if (!name) bad(`bad table name ${m[1]}`);
    else {
      if (name.length > 48) bad(`table name ${name} is longer than 48 characters`);
      if (names.has(name)) bad(`table ${name} twice`);
      names.add(name);
    }
    const cols = new Map();
    let pk = null, ck = [];
    for (const part of split(m[2])) {
      const k = /^PRIMARY KEY\s*\(([\s\S]*)\)$/.exec(part);
      if (k) {
        if (pk) bad(`${name}: two primary keys`);
        const items = split(k[1]);
        const first = /^\(([\s\S]*)\)$/.exec(items[0]);
        pk = (first ? split(first[1]) : [items[0]]).map(ident);
        ck = items.slice(1).map(ident);
        continue;
      }
      const c = /^("(?:[^"]|"")+"|\w+)\s+(.+)$/.exec(part);
      if (!c) {
        bad(`${name}: cannot read column ${part}`);
        continue;
      }
      const cn = ident(c[1]);
      if (cols.has(cn)) bad(`${name}: column ${cn} twice`);
      if (!cqlType(c[2].trim())) bad(`${name}: column ${cn} has type ${c[2].trim()}, which CQL does not have`);
      cols.set(cn, c[2].trim());
    }
    if (!pk || !pk.length) bad(`${name}: no primary key`);
    for (const c of [...(pk || []), ...ck]) if (!c || !cols.has(c)) bad(`${name}: key column ${c} is not declared`);
    const w = m[3] || "";
    const ord = /CLUSTERING ORDER BY\s*\(([^)]*)\)/.exec(w);
    if (ord) {
      const o = split(ord[1]).map((x) => /^("(?:[^"]|"")+"|\w+)\s+(ASC|DESC)$/i.exec(x));
      if (o.some((x) => !x)) bad(`${name}: CLUSTERING ORDER BY is not COLUMN ASC|DESC, ...`);
      else if (o.map((x) => ident(x[1])).join() !== ck.join()) bad(`${name}: CLUSTERING ORDER BY does not list the clustering columns in order`);
    }
    const ttl = /default_time_to_live\s*=\s*([^\s;]+)/.exec(w);
    if (ttl && !/^\d+$/.test(ttl[1])) bad(`${name}: default_time_to_live ${ttl[1]} is not a whole number of seconds`);
  }
}

// schema.cypher: each statement a Neo4j 5 uniqueness constraint whose
// REQUIRE names the variable FOR binds; constraint names unique; every
// label has its id constraint; every relationship joins declared labels.
// A store without constraints keeps the statements as comments.
function cypher() {
  const text = readFileSync(file, "utf8");
  const names = new Set(), labels = new Set(), idLabels = new Set(), rels = [];
  let n = 0;
  for (const [i, raw] of text.split("\n").entries()) {
    const line = raw.trim().replace(/^\/\/\s*(?=CREATE\b)/, "");
    const at = `line ${i + 1}`;
    if (!line) continue;
    const r = /^\/\/\s+\(:(\w+)\)-\[:(\w+)\]->\(:(\w+)\)$/.exec(line);
    if (r) { rels.push([at, r[1], r[2], r[3]]); continue; }
    if (line.startsWith("//")) continue;
    const m = /^CREATE CONSTRAINT (\w+) IF NOT EXISTS FOR \((\w+):(\w+)\) REQUIRE (\w+)\.(\w+) IS UNIQUE;$/.exec(line);
    if (!m) { bad(`${at}: not a Cypher uniqueness constraint: ${line}`); continue; }
    n++;
    if (m[4] !== m[2]) bad(`${at}: REQUIRE uses ${m[4]}, but FOR binds ${m[2]}`);
    if (names.has(m[1])) bad(`${at}: constraint ${m[1]} is declared twice`);
    names.add(m[1]);
    labels.add(m[3]);
    if (m[5] === "id") idLabels.add(m[3]);
  }
  if (!n) bad("no constraint at all");
  for (const l of labels) if (!idLabels.has(l)) bad(`label ${l} has no id uniqueness constraint`);
  for (const [at, a, t, b] of rels)
    for (const l of [a, b]) if (!labels.has(l)) bad(`${at}: relationship ${t} joins ${l}, which is no declared label`);
}

// ClickHouse MergeTree DDL (clickhouse.sql): every table is MergeTree,
// its columns have types ClickHouse has (https://clickhouse.com/docs/sql-reference/data-types),
// ORDER BY names declared columns and ends with the time PARTITION BY
// takes by month, and a TTL adds a whole number of days to that time.
function clickhouse() {
  const text = readFileSync(file, "utf8");
  const base = /^(UUID|String|Bool|Int(8|16|32|64)|UInt(8|16|32|64)|Float(32|64)|Decimal\(\d+, \d+\)|Date|Date32|DateTime|DateTime64\(\d, '[A-Za-z/_]+'\)|LowCardinality\(String\))$/;
  const type = (t) => base.test(t) || /^(Nullable|Array)\((.+)\)$/.test(t) && base.test(/^(?:Nullable|Array)\((.+)\)$/.exec(t)[1]);
  const tables = [...text.matchAll(/^CREATE TABLE IF NOT EXISTS "(\w+)"\n\(\n([\s\S]*?)\n\)\n([\s\S]*?);$/gm)];
  if (!tables.length) bad("no CREATE TABLE at all");
  for (const [, name, colText, rest] of tables) {
    const cols = new Map();
    for (const line of colText.split(",\n")) {
      const m = /^\s+"(\w+)" (.+)$/.exec(line);
      if (!m) { bad(`${name}: not a column: ${line.trim()}`); continue; }
      if (!type(m[2])) bad(`${name}.${m[1]}: ${m[2]}, which ClickHouse does not have`);
      cols.set(m[1], m[2]);
    }
    if (!/^ENGINE = MergeTree$/m.test(rest)) bad(`${name}: ENGINE is not MergeTree`);
    const part = /^PARTITION BY toYYYYMM\("(\w+)"\)$/m.exec(rest);
    if (!part) bad(`${name}: no monthly PARTITION BY`);
    else if (!/^DateTime64|^Date/.test(cols.get(part[1]) || "")) bad(`${name}: PARTITION BY ${part[1]}, which is no time column`);
    const order = /^ORDER BY \(([^)]*)\)$/m.exec(rest);
    if (!order) bad(`${name}: no ORDER BY`);
    else {
      const keys = order[1].split(", ").map((k) => k.replace(/^"|"$/g, ""));
      for (const k of keys) if (!cols.has(k)) bad(`${name}: ORDER BY ${k}, which is not declared`);
      if (part && keys[keys.length - 1] !== part[1]) bad(`${name}: ORDER BY does not end with the time ${part[1]}`);
    }
    const ttl = /^TTL toDateTime\("(\w+)"\) \+ INTERVAL (\d+) DAY$/m.exec(rest);
    if (/^TTL/m.test(rest) && !ttl) bad(`${name}: TTL is not the time plus whole days`);
    if (ttl && part && ttl[1] !== part[1]) bad(`${name}: TTL on ${ttl[1]}, not the partition time ${part[1]}`);
  }
}

// CreateTable's input (dynamodb-table.json): the schema transcribed from
// the API reference (ajv), and every key attribute defined, every
// definition a key (CreateTable refuses both).
function createtable() {
  const t = JSON.parse(readFileSync(file, "utf8"));
  const Ajv = require("ajv/dist/2020").default;
  const schema = JSON.parse(readFileSync(new URL("./dynamodb-createtable.schema.json", import.meta.url), "utf8"));
  const v = new Ajv({ allErrors: true, strictTuples: false }).compile(schema);
  if (!v(t)) for (const e of v.errors.slice(0, 5)) bad(`${e.instancePath} ${e.message}`);
  const defined = new Set((t.AttributeDefinitions || []).map((a) => a.AttributeName));
  const keys = new Set();
  for (const ks of [t.KeySchema || [], ...(t.GlobalSecondaryIndexes || []).map((g) => g.KeySchema || [])])
    for (const k of ks) keys.add(k.AttributeName);
  for (const k of keys) if (!defined.has(k)) bad(`key ${k} is not in AttributeDefinitions`);
  for (const d of defined) if (!keys.has(d)) bad(`${d} is defined but is no key`);
}

if (kind === "dynamodb") dynamodb();
else if (kind === "createtable") createtable();
else if (kind === "clickhouse") clickhouse();
else if (kind === "cql") cql();
else if (kind === "cypher") cypher();
else {
  console.log("usage: check.mjs dynamodb|createtable|cql|cypher|clickhouse FILE [KEYS_JSON]");
  process.exit(2);
}
process.exit(problems ? 1 : 0);
