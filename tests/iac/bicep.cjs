// A structural check of Bicep files (no Bicep compiler installs here: it
// ships as a .NET binary, not on Debian or npm). It checks what it can read
// without Azure's type definitions:
//   - the text lexes: strings closed, brackets balanced, ${} closed;
//   - the top level holds only targetScope, decorators, param, var,
//     resource, output and module declarations, each name declared once;
//   - every resource type reads Namespace.Provider/type[/child]@yyyy-mm-dd[-preview];
//     a child type has a `parent:` whose type it extends, or a name with '/';
//   - every resource declares a name;
//   - every identifier an expression uses names a declaration, a loop
//     variable or a Bicep function; every param is used;
//   - a @secure() param is never an output.
// It cannot check property names, property types or API versions against
// Azure's resource schemas, nor what `az deployment group what-if` would.
// Usage: node bicep.cjs FILE...
"use strict";
const fs = require("fs");

const FUNCS = new Set(("resourceGroup subscription tenant managementGroup deployment environment uniqueString guid " +
  "subscriptionResourceId resourceId tenantResourceId extensionResourceId json concat string int bool length toLower " +
  "toUpper format union intersection empty contains split replace first last base64 uri skip take range min max " +
  "listKeys listSecrets reference substring trim startsWith endsWith indexOf lastIndexOf array createArray createObject " +
  "items filter map reduce sort coalesce dateTimeAdd utcNow newGuid loadTextContent loadJsonContent any").split(" "));
const KEYWORDS = new Set(["true", "false", "null", "if", "for", "in", "existing"]);
const TYPES = new Set(["string", "int", "bool", "object", "array"]);

function lex(src) {
  const toks = [];
  let i = 0, line = 1;
  const stack = [];
  const err = (m) => { throw new Error(`line ${line}: ${m}`); };
  while (i < src.length) {
    const c = src[i];
    if (c === "\n") { toks.push({ t: "nl", line }); line++; i++; continue; }
    if (c === " " || c === "\t" || c === "\r") { i++; continue; }
    if (src.startsWith("//", i)) { while (i < src.length && src[i] !== "\n") i++; continue; }
    if (src.startsWith("/*", i)) {
      const j = src.indexOf("*/", i + 2);
      if (j < 0) err("unclosed comment");
      line += (src.slice(i, j).match(/\n/g) || []).length;
      i = j + 2;
      continue;
    }
    if (c === "'") {
      // A string with ${...} holes: the holes are lexed as expressions.
      const parts = [];
      let s = "";
      i++;
      for (;;) {
        if (i >= src.length || src[i] === "\n") err("unclosed string");
        if (src[i] === "\\") { s += src[i + 1]; i += 2; continue; }
        if (src[i] === "'") { i++; break; }
        if (src.startsWith("${", i)) {
          let depth = 1, j = i + 2;
          while (j < src.length && depth) {
            if (src[j] === "{") depth++;
            else if (src[j] === "}") depth--;
            else if (src[j] === "\n") err("unclosed ${ in a string");
            j++;
          }
          if (depth) err("unclosed ${ in a string");
          parts.push(src.slice(i + 2, j - 1));
          s += "\u0000";
          i = j;
          continue;
        }
        s += src[i++];
      }
      const tok = { t: "str", v: s, line, holes: [] };
      for (const h of parts) tok.holes.push(...lex(h).filter((x) => x.t !== "nl").map((x) => ({ ...x, line })));
      toks.push(tok);
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < src.length && /[A-Za-z0-9_]/.test(src[j])) j++;
      toks.push({ t: "id", v: src.slice(i, j), line });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c)) {
      let j = i;
      while (j < src.length && /[0-9.]/.test(src[j])) j++;
      toks.push({ t: "num", v: src.slice(i, j), line });
      i = j;
      continue;
    }
    if ("{[(".includes(c)) stack.push({ c, line });
    if ("}])".includes(c)) {
      const o = stack.pop();
      if (!o || "{[(".indexOf(o.c) !== "}])".indexOf(c)) err(`unbalanced '${c}'`);
    }
    toks.push({ t: "p", v: c, line });
    i++;
  }
  if (stack.length) throw new Error(`line ${stack[stack.length - 1].line}: unclosed '${stack[stack.length - 1].c}'`);
  return toks;
}

function check(file) {
  const src = fs.readFileSync(file, "utf8");
  const errors = [];
  let toks;
  try { toks = lex(src); } catch (e) { return [e.message]; }
  // Split the top level into declarations: each starts at depth 0 after a newline.
  const decls = [];
  let depth = 0, cur = null, decorators = [];
  for (let k = 0; k < toks.length; k++) {
    const tk = toks[k];
    if (tk.t === "nl") {
      if (depth === 0 && cur) { decls.push(cur); cur = null; }
      continue;
    }
    if (!cur) {
      if (depth === 0 && tk.t === "p" && tk.v === "@") {
        // a decorator: @name(...) up to the end of its line
        const d = { toks: [], line: tk.line };
        let dd = 0;
        for (k++; k < toks.length; k++) {
          const x = toks[k];
          if (x.t === "nl" && dd === 0) break;
          if (x.t === "p" && "([{".includes(x.v)) dd++;
          if (x.t === "p" && ")]}".includes(x.v)) dd--;
          d.toks.push(x);
        }
        decorators.push(d);
        continue;
      }
      cur = { toks: [], line: tk.line, decorators };
      decorators = [];
    }
    if (tk.t === "p" && "([{".includes(tk.v)) depth++;
    if (tk.t === "p" && ")]}".includes(tk.v)) depth--;
    cur.toks.push(tk);
  }
  if (cur) decls.push(cur);
  const declared = new Map(); // name -> {kind, type, secure, used}
  const resources = [];
  for (const d of decls) {
    const [kw, name] = d.toks;
    if (kw.t !== "id") { errors.push(`line ${d.line}: a declaration starts with '${kw.v}'`); continue; }
    if (kw.v === "targetScope") continue;
    if (!["param", "var", "resource", "output", "module"].includes(kw.v)) {
      errors.push(`line ${d.line}: unknown declaration '${kw.v}'`);
      continue;
    }
    if (!name || name.t !== "id") { errors.push(`line ${d.line}: ${kw.v} without a name`); continue; }
    d.kind = kw.v;
    d.name = name.v;
    if (kw.v === "output") continue;
    if (declared.has(name.v)) errors.push(`line ${d.line}: '${name.v}' is declared twice`);
    const info = { kind: kw.v, used: false, line: d.line, secure: d.decorators.some((x) => x.toks[0] && x.toks[0].v === "secure") };
    if (kw.v === "resource") {
      const ty = d.toks[2];
      if (!ty || ty.t !== "str") { errors.push(`line ${d.line}: resource '${name.v}' has no type`); continue; }
      info.type = ty.v;
      const m = /^([A-Za-z][A-Za-z0-9]*\.[A-Za-z][A-Za-z0-9.]*)\/([A-Za-z][A-Za-z0-9]*(?:\/[A-Za-z][A-Za-z0-9]*)*)@(\d{4}-\d{2}-\d{2}(?:-preview)?)$/.exec(ty.v);
      if (!m) errors.push(`line ${d.line}: resource '${name.v}' has a malformed type '${ty.v}'`);
      else info.segments = m[2].split("/").length;
      d.body = d.toks.slice(3);
      resources.push(d);
    }
    if (kw.v === "param") {
      const ty = d.toks[2];
      if (!ty || ty.t !== "id" || !TYPES.has(ty.v)) errors.push(`line ${d.line}: param '${name.v}' has no type`);
    }
    declared.set(name.v, info);
  }
  // Top-level keys of a resource body: identifier followed by ':' at depth 1.
  const topKeys = (body) => {
    const keys = new Map();
    let dd = 0;
    for (let k = 0; k < body.length; k++) {
      const x = body[k];
      if (x.t === "p" && "([{".includes(x.v)) dd++;
      else if (x.t === "p" && ")]}".includes(x.v)) dd--;
      else if (dd === 1 && x.t === "id" && body[k + 1] && body[k + 1].v === ":") keys.set(x.v, body.slice(k + 2));
    }
    return keys;
  };
  for (const d of resources) {
    const info = declared.get(d.name);
    const keys = topKeys(d.body);
    if (!keys.has("name")) errors.push(`line ${d.line}: resource '${d.name}' declares no name`);
    if (info.segments > 1) {
      const parent = keys.get("parent");
      const nameTok = keys.get("name") && keys.get("name")[0];
      if (parent) {
        const p = declared.get(parent[0].v);
        const base = info.type.split("@")[0];
        if (!p || p.kind !== "resource") errors.push(`line ${d.line}: the parent of '${d.name}' is not a resource`);
        else if (base.slice(0, base.lastIndexOf("/")) !== p.type.split("@")[0])
          errors.push(`line ${d.line}: '${d.name}' (${base}) is not a child of its parent's type ${p.type.split("@")[0]}`);
      } else if (!(nameTok && nameTok.t === "str" && nameTok.v.includes("/")) && !/^Microsoft\.Authorization\//.test(info.type))
        errors.push(`line ${d.line}: child resource '${d.name}' has neither a parent nor a name with '/'`);
    }
  }
  // Identifier uses in every expression.
  const use = (x, locals) => {
    if (declared.has(x.v)) declared.get(x.v).used = true;
    else if (!locals.has(x.v)) errors.push(`line ${x.line}: '${x.v}' is not declared`);
  };
  for (const d of decls) {
    if (!d.kind) continue;
    const start = d.kind === "resource" ? 3 : d.kind === "param" || d.kind === "output" ? 3 : 2;
    const body = d.toks.slice(start);
    const locals = new Set();
    const walk = (ts) => {
      for (let k = 0; k < ts.length; k++) {
        const x = ts[k], prev = ts[k - 1], next = ts[k + 1];
        if (x.t === "str") { walk(x.holes); continue; }
        if (x.t !== "id") continue;
        if (x.v === "for" && ts[k + 1] && ts[k + 1].t === "id") locals.add(ts[k + 1].v);
        if (prev && prev.t === "p" && prev.v === ".") continue; // a property
        if (next && next.t === "p" && next.v === ":" ) continue; // an object key
        if (next && next.t === "p" && next.v === "(" && FUNCS.has(x.v)) continue;
        if (next && next.t === "p" && next.v === "(") { errors.push(`line ${x.line}: unknown function '${x.v}'`); continue; }
        if (KEYWORDS.has(x.v) || TYPES.has(x.v)) continue;
        use(x, locals);
      }
    };
    walk(body);
    for (const dec of d.decorators) walk(dec.toks.slice(1));
    if (d.kind === "output")
      for (const x of body)
        if (x.t === "id" && declared.has(x.v) && declared.get(x.v).secure)
          errors.push(`line ${x.line}: output '${d.name}' exposes the @secure() param '${x.v}'`);
  }
  for (const [n, info] of declared)
    if (info.kind === "param" && !info.used) errors.push(`line ${info.line}: param '${n}' is never used`);
  if (!resources.length) errors.push("no resource is declared");
  return errors;
}

let bad = 0;
for (const f of process.argv.slice(2)) {
  const errs = check(f);
  if (errs.length) {
    bad++;
    for (const e of errs.slice(0, 20)) console.log(`${f}: ${e}`);
  } else {
    const n = (fs.readFileSync(f, "utf8").match(/^resource /gm) || []).length;
    console.log(`ok ${f}: ${n} resources`);
  }
}
process.exit(bad ? 1 : 0);
