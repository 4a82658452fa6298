// Checks of the exports that their tools do not make (tests/exports/run.sh):
//
//   node check.mjs structurizr FILE   the structure of a Structurizr DSL workspace
//                                     (no validator installs from Debian or npm):
//                                     strings closed, braces balanced, statements
//                                     known, identifiers declared once and
//                                     declared before a relation or view uses them
//   node check.mjs plantuml FILE      what PlantUML's -checkonly lets through:
//                                     unclosed braces, strings or diagrams, and
//                                     arrows (Rel) to aliases no element declares
//   node check.mjs dbml FILE SQL      @dbml/core parses FILE; its tables, columns
//                                     and references are schema.sql's
//   node check.mjs same ARCH LIKEC4 PUML DSL
//                                     the three C4 exports have the elements,
//                                     relations and views of ARCHITECTURE.md's
//                                     Mermaid C4 diagrams
// Exit 0 when the check passes; 1 with the reasons on stderr.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const [mode, ...files] = process.argv.slice(2);
const read = (f) => readFileSync(f, "utf8");
const problems = [];
const fail = (m) => problems.push(m);

// Removes the contents of "..." strings (backslash escapes inside) from a line;
// null when a string is left open.
function stripStrings(line, q = '"', escapes = true) {
  let out = "";
  let inside = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inside) {
      if (escapes && c === "\\") i++;
      else if (c === q) {
        inside = false;
        out += q;
      }
    } else {
      if (c === q) inside = true;
      out += c;
    }
  }
  return inside ? null : out;
}

function structurizr(text) {
  const declared = new Map();
  const used = [];
  let depth = 0;
  let sawWorkspace = false;
  const S = '"(?:[^"\\\\]|\\\\.)*"';
  const R = (src) => new RegExp(src.replaceAll("STR", S));
  const stmt = [
    R("^workspace( STR){0,2} \\{$"),
    /^(model|views|styles) \{$/,
    R("^element STR \\{$"),
    R("^(\\w[\\w-]*) = (person|softwareSystem|container|component)( STR)+( \\{)?$"),
    R("^(\\w[\\w-]*) -> (\\w[\\w-]*)( STR){1,2}$"),
    /^(systemContext|container|component) (\w[\w-]*) "[\w-]+" \{$/,
    /^include \*$/,
    /^autoLayout (lr|tb|rl|bt)$/,
    /^shape (Person|Cylinder|Pipe|Box|RoundedBox)$/,
    /^background #[0-9a-fA-F]{6}$/,
    /^\}$/,
  ];
  text.split("\n").forEach((raw, n) => {
    const line = raw.trim();
    const where = `line ${n + 1}`;
    if (!line || line.startsWith("#") || line.startsWith("//")) return;
    const bare = stripStrings(line);
    if (bare === null) return fail(`${where}: unterminated string`);
    for (const c of bare) {
      if (c === "{") depth++;
      if (c === "}") depth--;
      if (depth < 0) return fail(`${where}: '}' closes nothing`);
    }
    const m = stmt.findIndex((re) => re.test(line));
    if (m < 0) return fail(`${where}: not a statement this workspace uses: ${line}`);
    if (m === 0) sawWorkspace = true;
    if (m === 3) {
      const id = line.match(stmt[3])[1];
      if (declared.has(id)) fail(`${where}: '${id}' declared again (first at ${declared.get(id)})`);
      declared.set(id, where);
    }
    if (m === 4) {
      const [, a, b] = line.match(stmt[4]);
      used.push([a, where], [b, where]);
    }
    if (m === 5) used.push([line.match(stmt[5])[2], where]);
  });
  if (!sawWorkspace) fail("no workspace");
  if (depth !== 0) fail(`${depth} '{' left open at the end`);
  for (const [id, where] of used) if (!declared.has(id)) fail(`${where}: '${id}' is not declared`);
}

// PlantUML: every diagram closed, braces balanced, strings closed, every Rel
// between aliases the diagram declares.
function plantuml(text) {
  let open = null;
  let depth = 0;
  let aliases = new Set();
  let rels = [];
  let diagrams = 0;
  const el = /^\s*(Person|System|System_Ext|SystemDb_Ext|SystemQueue_Ext|Container|ContainerDb|ContainerQueue|Component|System_Boundary|Container_Boundary)\((\w+),/;
  text.split("\n").forEach((raw, n) => {
    const where = `line ${n + 1}`;
    const line = raw.trim();
    if (line.startsWith("'")) return;
    if (/^@startuml\b/.test(line)) {
      if (open) fail(`${where}: @startuml inside the diagram opened at ${open}`);
      open = where;
      depth = 0;
      aliases = new Set();
      rels = [];
      return;
    }
    if (line === "@enduml") {
      if (!open) fail(`${where}: @enduml without @startuml`);
      if (depth) fail(`${where}: ${depth} '{' left open in the diagram`);
      for (const [a, b, w] of rels)
        for (const x of [a, b]) if (!aliases.has(x)) fail(`${w}: Rel to '${x}', which no element declares`);
      open = null;
      diagrams++;
      return;
    }
    if (!open) {
      if (line) fail(`${where}: text outside @startuml/@enduml`);
      return;
    }
    const bare = stripStrings(line, '"', false);
    if (bare === null) return fail(`${where}: unterminated string`);
    for (const c of bare) {
      if (c === "{") depth++;
      if (c === "}") depth--;
      if (depth < 0) return fail(`${where}: '}' closes nothing`);
    }
    const m = line.match(el);
    if (m) aliases.add(m[2]);
    const r = line.match(/^Rel\((\w+), (\w+),/);
    if (r) rels.push([r[1], r[2], where]);
    else if (/^Rel/.test(line) || /->|<-/.test(bare)) fail(`${where}: not an arrow C4-PlantUML knows: ${line}`);
  });
  if (open) fail(`the diagram opened at ${open} is not closed`);
  if (!diagrams) fail("no diagram");
}

function dbml(text, sql) {
  const { Parser } = require("@dbml/core");
  let db;
  try {
    db = new Parser().parse(text, "dbmlv2");
  } catch (e) {
    for (const d of e.diags || [{ message: String(e), location: { start: {} } }])
      fail(`line ${d.location.start.line}:${d.location.start.column}: ${d.message}`);
    return;
  }
  const tables = new Map();
  for (const t of db.schemas[0].tables) tables.set(t.name, t.fields.map((f) => f.name).sort().join(","));
  // schema.sql: CREATE TABLE "name" ( ... ); one column a line up to the closing line
  const want = new Map();
  let cur = null;
  let fks = 0;
  for (const line of sql.split("\n")) {
    let m = line.match(/^CREATE TABLE "((?:[^"]|"")+)" \($/);
    if (m) {
      cur = m[1].replace(/""/g, '"');
      want.set(cur, []);
      continue;
    }
    if (cur && /^\)/.test(line)) {
      want.set(cur, want.get(cur).sort().join(","));
      cur = null;
      continue;
    }
    if (cur) {
      m = line.match(/^  "((?:[^"]|"")+)" /);
      if (m) want.get(cur).push(m[1].replace(/""/g, '"'));
    }
    if (/ADD FOREIGN KEY/.test(line)) fks++;
  }
  for (const [t, cols] of want) {
    if (!tables.has(t)) fail(`table ${t} of schema.sql is not in the DBML`);
    else if (tables.get(t) !== cols) fail(`table ${t}: DBML columns ${tables.get(t)}, schema.sql ${cols}`);
  }
  for (const t of tables.keys()) if (!want.has(t)) fail(`DBML table ${t} is not in schema.sql`);
  const refs = db.schemas[0].refs.length;
  if (refs !== fks) fail(`${refs} DBML references, ${fks} foreign keys in schema.sql`);
}

// ---- the same views as ARCHITECTURE.md ----
const C4EL = /^\s*(Person|System|System_Ext|SystemDb_Ext|SystemQueue_Ext|Container|ContainerDb|ContainerQueue|Component)\((\w+),/;
function c4Views(blocks) {
  return blocks.map((b) => ({
    elements: new Set(b.split("\n").map((l) => l.match(C4EL)).filter(Boolean).map((m) => m[2])),
    rels: new Set(b.split("\n").map((l) => l.match(/^\s*Rel\((\w+), (\w+),/)).filter(Boolean).map((m) => `${m[1]}->${m[2]}`)),
  }));
}
const eq = (a, b) => a.size === b.size && [...a].every((x) => b.has(x));
const show = (s) => [...s].sort().join(" ");

function same(arch, lc, pu, dsl) {
  const mm = c4Views([...arch.matchAll(/```mermaid\n(C4(?:Context|Container|Component)\n[\s\S]*?)```/g)].map((m) => m[1]));
  if (mm.length < 2) return fail(`ARCHITECTURE.md has ${mm.length} C4 diagrams`);
  const allEls = new Set(mm.flatMap((v) => [...v.elements]));
  const containerRels = mm[1].rels;
  const componentRels = mm[2] ? mm[2].rels : new Set();
  // C4-PlantUML: one diagram per view, the same elements and relations.
  const pv = c4Views(pu.split(/@enduml/).filter((b) => b.includes("@startuml")));
  if (pv.length !== mm.length) fail(`C4-PlantUML has ${pv.length} views, ARCHITECTURE.md ${mm.length}`);
  pv.forEach((v, i) => {
    if (!mm[i]) return;
    if (!eq(v.elements, mm[i].elements)) fail(`C4-PlantUML view ${i + 1}: elements ${show(v.elements)} != ${show(mm[i].elements)}`);
    if (!eq(v.rels, mm[i].rels)) fail(`C4-PlantUML view ${i + 1}: relations ${show(v.rels)} != ${show(mm[i].rels)}`);
  });
  // LikeC4 and Structurizr: one model; relations at container and component
  // level (the context view's are derived by the tools), views by kind.
  const model = (text, elRe, relRe) => {
    const els = new Set();
    const rels = new Set();
    for (const l of text.split("\n")) {
      const e = l.match(elRe);
      if (e) els.add(e[1]);
      const r = l.match(relRe);
      if (r) rels.add(`${r[1].split(".").pop()}->${r[2].split(".").pop()}`);
    }
    return { els, rels };
  };
  const wantRels = new Set([...containerRels, ...componentRels]);
  const check = (name, m, views) => {
    if (!eq(m.els, allEls)) fail(`${name}: elements ${show(m.els)} != ${show(allEls)}`);
    if (!eq(m.rels, wantRels)) fail(`${name}: relations ${show(m.rels)} != ${show(wantRels)}`);
    if (views !== mm.length) fail(`${name}: ${views} views, ARCHITECTURE.md ${mm.length}`);
  };
  check("LikeC4", model(lc, /^\s*(\w+) = (?:person|softwareSystem|externalSystem|container|database|queue|component) '/,
    /^\s*([\w.]+) -> ([\w.]+) '/), (lc.match(/^  view /gm) || []).length);
  check("Structurizr", model(dsl, /^\s*(\w+) = (?:person|softwareSystem|container|component) "/,
    /^\s*(\w+) -> (\w+) "/), (dsl.match(/^    (systemContext|container|component) \w+ "/gm) || []).length);
}

switch (mode) {
  case "structurizr": structurizr(read(files[0])); break;
  case "plantuml": plantuml(read(files[0])); break;
  case "dbml": dbml(read(files[0]), read(files[1])); break;
  case "same": same(read(files[0]), read(files[1]), read(files[2]), read(files[3])); break;
  default: fail(`unknown mode ${mode}`);
}
for (const p of problems) console.error(p);
process.exit(problems.length ? 1 : 0);
