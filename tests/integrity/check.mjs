// Cross-artifact integrity of one output folder (plinth plan -o DIR): what
// the documents and their flows name must exist, with the same value, in the
// artifact that owns it.
//   endpoints   "METHOD /v1/path" in a document      -> openapi.yaml paths
//   settings    UPPER_SNAKE names in a document       -> .env.example (error codes aside)
//   tables      "INSERT T" / "UPDATE T" / "INSERT ... into T" in a flow -> CREATE TABLE "T"
//               in schema.sql or events.sql; "INSERT T into each of its tables"
//               -> CQL tables T_by_... in schema.cql; "PutItem T" / "UpdateItem T"
//               -> an item of T in dynamodb.cfn.json: the words of the store
//               that holds T, never SQL for a store that is not SQL
//   files       a contract file a document names (schema.sql, events.sql,
//               schema.cql, dynamodb.cfn.json, ...) -> exists in the folder
//   columns     "T.c" after "in"                      -> column c of table T
//               "INSERT T with status S"              -> a status column of T allowing 'S'
//               "mark T stored with its size and checksum" -> T's size and checksum columns
//               "an outbox row"                       -> an outbox table
//   versions    "PostgreSQL N" anywhere               -> docker-compose.yml's postgres:N
//   thresholds  "under X% errors", "p95 under N ms"   -> loadtest.js's thresholds
// node tests/integrity/check.mjs DIR   prints "DIR: problem" per problem, exits 1 on any.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";

const dir = process.argv[2];
let problems = 0;
const bad = (msg) => {
  problems++;
  console.log(`${dir}: ${msg}`);
};
const read = (f) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), "utf8") : null);
// Mermaid writes { } ; as #123; #125; #59;: read them back.
const docs = readdirSync(dir)
  .filter((f) => f.endsWith(".md"))
  .map((f) => [f, read(f).replace(/#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))]);
const api = yaml.load(read("openapi.yaml") || "paths: {}");
const base = api.servers ? api.servers[0].url : "";
const sql = (read("schema.sql") || "") + (read("events.sql") || "");
const cql = read("schema.cql") || "";
const cfn = JSON.parse(read("dynamodb.cfn.json") || "{}");
const env = read(".env.example") || "";
const compose = read("docker-compose.yml");
const load = read("loadtest.js");

// Tables and their columns, from schema.sql.
const tables = new Map();
for (const m of sql.matchAll(/^CREATE TABLE "((?:[^"]|"")+)" \(\n([\s\S]*?)\n\)/gm))
  tables.set(m[1].replace(/""/g, '"'), m[2].split("\n"));
// Entities in other stores: CQL tables (ENTITY_by_...), DynamoDB items.
const cqlTables = [...cql.matchAll(/^CREATE TABLE "((?:[^"]|"")+)"/gm)].map((m) => m[1].replace(/""/g, '"'));
const inCql = (t) => cqlTables.some((n) => n.startsWith(`${t}_by_`));
const items = new Set();
for (const r of Object.values(cfn.Resources || {}))
  for (const it of ((r.Metadata || {})["Plinth::Items"] || [])) items.add(it.entity);
const schemas = (api.components || {}).schemas || {};
const props = (t) => Object.keys((schemas[t] || {}).properties || {});
const cols = (t) => (tables.get(t) || []).map((l) => [/^\s*"((?:[^"]|"")+)"/.exec(l), l]).filter(([m]) => m).map(([m, l]) => [m[1], l]);

const ops = new Set();
for (const [p, item] of Object.entries(api.paths || {}))
  for (const m of Object.keys(item)) ops.add(`${m.toUpperCase()} ${base}${p}`);
const codes = new Set((api["x-error-codes"] || []).map((c) => c.code));
// Settings: the application's (.env.example) and the load test's own (__ENV.NAME in loadtest.js).
const settings = new Set([...env.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
for (const m of (load || "").matchAll(/__ENV\.([A-Z][A-Z0-9_]*)/g)) settings.add(m[1]);

for (const [f, text] of docs) {
  for (const m of text.matchAll(/\b(GET|POST|PUT|PATCH|DELETE) `?(\/v[0-9]+\/[^\s`|),;]*)/g)) {
    const op = `${m[1]} ${m[2].replace(/[.:]$/, "")}`;
    if (!ops.has(op)) bad(`${f} names ${op}, which openapi.yaml does not have`);
  }
  for (const m of new Set([...text.matchAll(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9]\b/g)].map((x) => x[0])))
    if (!codes.has(m) && !settings.has(m)) bad(`${f} names the setting ${m}, which .env.example does not have`);
  // A column of a SQL table; a row in another store carries the API's fields.
  for (const m of text.matchAll(/ in ([^\s.`]+)\.([A-Za-z0-9_]+)/g))
    if (tables.has(m[1]) ? !cols(m[1]).some(([c]) => c === m[2])
        : items.has(m[1]) || inCql(m[1]) ? !props(m[1]).includes(m[2]) : /^[a-z_]+_id$/.test(m[2]))
      bad(`${f} names the column ${m[1]}.${m[2]}, which the store holding ${m[1]} does not have`);
  for (const m of text.matchAll(/INSERT the event id into (\S+)/g))
    if (!tables.has(m[1])) bad(`${f}: a flow records webhook events in ${m[1]}, which schema.sql has no table for`);
  for (const m of text.matchAll(/PutItem the event id into (\S+)/g))
    if (!items.has(m[1])) bad(`${f}: a flow records webhook events in ${m[1]}, which dynamodb.cfn.json has no items for`);
  for (const m of text.matchAll(/(?<!ON )\b(?:INSERT|UPDATE) (?!the )([^\s.`][^\s`]*)(?: with status (\w+))?( into each of its tables| in each of its tables)?/g)) {
    if (m[3]) {
      if (!inCql(m[1])) bad(`${f}: a flow writes ${m[1]} in CQL, which schema.cql has no table for`);
      continue;
    }
    if (!tables.has(m[1])) {
      bad(`${f}: a flow writes ${m[1]} in SQL, which ${items.has(m[1]) || inCql(m[1]) ? "is not in an SQL store" : "schema.sql has no table for"}`);
      continue;
    }
    if (m[2] && !cols(m[1]).some(([c, l]) => /(^|_)status$/.test(c) && l.includes(`'${m[2]}'`)))
      bad(`${f}: a flow sets ${m[1]} status ${m[2]}, which no status column of ${m[1]} allows`);
  }
  for (const m of text.matchAll(/\b(?:PutItem|UpdateItem) (?!the )([^\s.`][^\s`]*)/g))
    if (!items.has(m[1])) bad(`${f}: a flow writes ${m[1]} to DynamoDB, which dynamodb.cfn.json has no items for`);
  for (const m of text.matchAll(/mark (\S+) stored with its size and checksum/g)) {
    const c = tables.has(m[1]) ? cols(m[1]).map(([n]) => n) : props(m[1]);
    if (!c.some((n) => /(^|_)size$/.test(n)) || !c.some((n) => /(sha256|checksum)$/.test(n)))
      bad(`${f}: a flow records ${m[1]}'s size and checksum, which ${m[1]} has no columns for`);
  }
  const anyTable = (re) => [...tables.keys()].some((t) => re.test(t));
  if (/an outbox row/.test(text) && !anyTable(/outbox/)) bad(`${f}: a flow writes an outbox row; schema.sql has no outbox table`);
  if (/an outbox item/.test(text) && ![...items].some((t) => /outbox/.test(t)))
    bad(`${f}: a flow writes an outbox item; dynamodb.cfn.json has no outbox items`);
  // Contract files named in a document exist.
  for (const n of new Set([...text.matchAll(/\b(schema\.sql|schema\.sqlite\.sql|events\.sql|schema\.cql|dynamodb\.cfn\.json|keys\.md|keys\.json|measurements\.md|collections\.json)\b/g)].map((x) => x[1])))
    if (!existsSync(join(dir, n))) bad(`${f} names ${n}, which this plan does not have`);
  if (/skip event ids already seen|store its id|record the provider's id/.test(text))
    bad(`${f}: a flow stores ids without naming where`);
}

// One version per technology.
const pg = new Set();
for (const t of [sql, ...docs.map(([, t]) => t)]) for (const m of t.matchAll(/PostgreSQL (\d+)\b/g)) pg.add(m[1]);
if (compose) for (const m of compose.matchAll(/image: "?postgres:(\d+)/g)) pg.add(m[1]);
if (pg.size > 1) bad(`PostgreSQL versions disagree: ${[...pg].join(", ")}`);

// The load test's thresholds.
if (load) {
  const rate = /http_req_failed: \["rate<([0-9.]+)"\]/.exec(load);
  const p95 = /http_req_duration: \["p\(95\)<([0-9.]+)"\]/.exec(load);
  for (const [f, text] of docs) {
    for (const m of text.matchAll(/under ([0-9.]+)% errors/g))
      if (!rate || Math.abs(Number(m[1]) / 100 - Number(rate[1])) > 1e-12)
        bad(`${f} says under ${m[1]}% errors; loadtest.js allows ${rate ? rate[1] : "nothing"}`);
    for (const m of text.matchAll(/load test holds p95 under ([0-9.]+) ms/g))
      if (!p95 || Number(m[1]) !== Number(p95[1])) bad(`${f} says p95 under ${m[1]} ms; loadtest.js checks ${p95 ? p95[1] : "nothing"}`);
  }
}
process.exit(problems ? 1 : 0);
