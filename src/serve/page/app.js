// The page of `plinth serve`: an editor, diagnostics as you type, and the
// plan's panels, all from the server's API. No framework, no network but
// this server; every text from the plan goes in through textContent, and
// SVG through DOMParser (never innerHTML).
"use strict";

const $ = (id) => document.getElementById(id);
const state = {
  seq: 0,            // the latest edit; older answers are dropped
  plan: null,
  files: [],         // [{path, type, text}] from POST /api/artifacts
  diagram: null,     // path of the diagram shown
  doc: null,         // path of the document shown
  generation: 0,     // of the watched file, when there is one
  fileText: null,    // the watched file's text as last loaded
  watching: false,
};
const SAVED = "plinth.saved";
const C4 = [
  ["context", "diagrams/context.svg"],
  ["container", "diagrams/architecture.svg"],
  ["component", "diagrams/components.svg"],
];

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const k of kids) if (k != null) e.append(k);
  return e;
}

function usd(v) {
  return "$" + (v >= 100 ? Math.round(v).toLocaleString("en-US") : v.toFixed(2));
}
function num(v) {
  if (v >= 1e9) return (v / 1e9).toFixed(2) + "G";
  if (v >= 1e6) return (v / 1e6).toFixed(2) + "M";
  if (v >= 1e3) return (v / 1e3).toFixed(1) + "k";
  return String(Math.round(v * 100) / 100);
}
function bytes(v) {
  const u = ["B", "KB", "MB", "GB", "TB", "PB"];
  let i = 0;
  while (v >= 1000 && i < u.length - 1) { v /= 1000; i++; }
  return (i ? v.toFixed(1) : v) + " " + u[i];
}

async function post(path, body) {
  const r = await fetch(path, { method: "POST", body, headers: { "Content-Type": "text/plain" } });
  let json = null;
  try { json = await r.json(); } catch (e) { json = null; }
  return { status: r.status, json };
}

// ---- the editor ----

function lineCount(text) {
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function renderGutter(marks) {
  const g = $("gutter");
  const n = lineCount($("spec").value);
  const frag = document.createDocumentFragment();
  for (let i = 1; i <= n; i++) {
    const m = marks && marks.get(i);
    const s = el("span", m ? { class: m.severity, title: m.message, "data-line": String(i) } : { "data-line": String(i) }, String(i));
    frag.append(s);
  }
  g.replaceChildren(frag);
  g.scrollTop = $("spec").scrollTop;
}

function goTo(line, col) {
  const t = $("spec");
  const lines = t.value.split("\n");
  let off = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) off += lines[i].length + 1;
  off += Math.max(0, (col || 1) - 1);
  t.focus();
  t.setSelectionRange(off, off);
  t.scrollTop = Math.max(0, (line - 3) * 20);
}

function showDiagnostics(list) {
  const ol = $("diags");
  const marks = new Map();
  ol.replaceChildren();
  for (const d of list) {
    if (d.line && (!marks.has(d.line) || d.severity === "error")) marks.set(d.line, d);
    const where = d.line ? `${d.line}:${d.col}` : "";
    const li = el("li", { class: d.severity, tabindex: "0", "data-line": String(d.line), "data-col": String(d.col) },
      el("span", { class: "where" }, where), " ", d.severity + ": ", d.message);
    const jump = () => d.line && goTo(d.line, d.col);
    li.addEventListener("click", jump);
    li.addEventListener("keydown", (e) => { if (e.key === "Enter") jump(); });
    ol.append(li);
  }
  renderGutter(marks);
}

function setStatus(text, kind) {
  const s = $("status");
  s.textContent = text;
  s.className = kind || "";
}

let timer = 0;
function edited() {
  renderGutter(null);
  clearTimeout(timer);
  timer = setTimeout(refresh, 300);
  updateDiff();
}

async function refresh() {
  const seq = ++state.seq;
  const text = $("spec").value;
  setStatus("checking…");
  let check;
  try { check = await post("/api/check", text); } catch (e) { setStatus("the server does not answer", "error"); return; }
  if (seq !== state.seq) return;
  const diags = (check.json && check.json.diagnostics) || [];
  showDiagnostics(diags);
  if (check.status !== 200) {
    const n = diags.filter((d) => d.severity === "error").length;
    setStatus(`${n} error${n === 1 ? "" : "s"}: the plan below is the last one without errors`, "error");
    return;
  }
  setStatus("planning…");
  const [plan, files] = await Promise.all([post("/api/plan", text), post("/api/artifacts", text)]);
  if (seq !== state.seq) return;
  if (plan.status !== 200 || files.status !== 200) {
    setStatus("the plan failed: " + ((plan.json && plan.json.error) || plan.status), "error");
    return;
  }
  state.plan = plan.json;
  state.files = files.json.files;
  planDiff(seq);
  const w = diags.filter((d) => d.severity === "warning").length;
  setStatus(`planned: ${state.plan.decisions.length} decisions, ${w} warning${w === 1 ? "" : "s"}`, "ok");
  renderAll();
}

// ---- panels ----

function renderAll() {
  renderDecisions();
  renderCost();
  renderDiagrams();
  renderDocs();
  renderFiles();
}

function renderDecisions() {
  const p = state.plan;
  const box = $("panel-decisions");
  const out = [el("h2", {}, `${p.project}: ${p.style.choice}`)];
  out.push(el("ul", {}, ...p.style.because.map((b) => el("li", {}, b))));
  out.push(el("h2", {}, "Decisions"));
  for (const d of p.decisions) {
    const rej = el("details", {}, el("summary", {}, `${d.rejected.length} alternatives rejected`),
      el("ul", {}, ...d.rejected.map((r) => el("li", {}, el("code", {}, r.option), ": " + r.why))));
    out.push(el("div", { class: "decision", "data-slot": d.slot },
      el("h3", {}, el("span", { class: "slot" }, d.slot + ": "), d.name,
        el("span", { class: "usd" }, usd(d.monthly_usd) + "/mo")),
      el("div", { class: "need" }, d.need),
      el("ul", {}, ...d.because.map((b) => el("li", {}, b))),
      rej,
      d.revisit && d.revisit.length ? el("p", { class: "revisit" }, "Revisit: " + [].concat(d.revisit).map((r) => typeof r === "string" ? r : (r.when || r.trigger || JSON.stringify(r))).join("; ")) : null));
  }
  if (p.patterns && p.patterns.length) {
    out.push(el("h2", {}, "Topology and patterns"));
    out.push(el("ul", {}, ...p.patterns.map((q) => el("li", {}, el("strong", {}, q.name), ": " + q.why))));
  }
  box.replaceChildren(...out);
}

function renderCost() {
  const e = state.plan.estimate;
  const box = $("panel-cost");
  const c = e.cost;
  const over = c.budget_usd && c.monthly_usd > c.budget_usd;
  const out = [el("h2", {}, "Cost"),
    el("p", { class: over ? "over" : "" }, `${usd(c.monthly_usd)} a month` + (c.budget_usd ? ` against a ${usd(c.budget_usd)} budget` : ""))];
  out.push(el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, "slot"), el("th", {}, "component"), el("th", {}, "a month"), el("th", {}, "formula"))),
    el("tbody", {}, ...c.lines.map((l) => el("tr", {}, el("td", {}, l.slot), el("td", {}, l.component),
      el("td", { class: "num" }, usd(l.monthly_usd)), el("td", {}, (l.formula || []).join("; ")))))));
  const L = e.load;
  out.push(el("h2", {}, "Capacity"));
  out.push(el("table", {}, el("tbody", {},
    el("tr", {}, el("th", {}, "requests a day"), el("td", { class: "num" }, num(L.requests_per_day))),
    el("tr", {}, el("th", {}, "average / peak / design req/s"), el("td", { class: "num" }, `${num(L.avg_rps)} / ${num(L.peak_rps)} / ${num(L.design_rps)}`)),
    el("tr", {}, el("th", {}, "storage now / 1 y / 3 y"), el("td", { class: "num" }, `${bytes(e.storage.bytes_now)} / ${bytes(e.storage.bytes_1y)} / ${bytes(e.storage.bytes_3y)}`)))));
  out.push(el("h2", {}, "Latency"));
  out.push(el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, "path"), el("th", {}, "p50"), el("th", {}, "p95"), el("th", {}, "target"), el("th", {}, "dominant hop"))),
    el("tbody", {}, ...e.latency.paths.map((q) => el("tr", {}, el("td", {}, q.name), el("td", { class: "num" }, q.p50_ms + " ms"),
      el("td", { class: q.target_ms && q.p95_ms > q.target_ms ? "num over" : "num" }, q.p95_ms + " ms"),
      el("td", { class: "num" }, q.target_ms ? q.target_ms + " ms" : "—"), el("td", {}, q.dominant_hop))))));
  const a = e.availability;
  out.push(el("h2", {}, "Availability"));
  out.push(el("p", { class: a.target && a.composite < a.target ? "over" : "" },
    `${(a.composite * 100).toFixed(3)}% composite` + (a.target ? ` against ${(a.target * 100).toFixed(3)}%` : "")));
  if (a.advice) out.push(el("p", {}, a.advice));
  box.replaceChildren(...out);
}

function fileText(path) {
  const f = state.files.find((x) => x.path === path);
  return f ? f.text : null;
}

function svgNode(text) {
  const doc = new DOMParser().parseFromString(text, "image/svg+xml");
  const svg = doc.documentElement;
  if (svg.nodeName !== "svg") return el("p", {}, "this diagram could not be read");
  for (const s of svg.querySelectorAll("script, foreignObject")) s.remove();
  return document.importNode(svg, true);
}

function showDiagram(path) {
  state.diagram = path;
  const text = fileText(path);
  const fig = $("diagram");
  if (text == null) { fig.replaceChildren(el("p", {}, "no such diagram in this plan")); return; }
  const svg = svgNode(text);
  fig.replaceChildren(svg, el("figcaption", {}, path));
  const level = C4.findIndex(([, p]) => p === path);
  // C4: a node of one level opens the next.
  if (level >= 0 && level < C4.length - 1 && fileText(C4[level + 1][1]) != null)
    for (const g of svg.querySelectorAll("g.node")) {
      g.style.cursor = "pointer";
      g.addEventListener("click", () => showDiagram(C4[level + 1][1]));
    }
  for (const b of document.querySelectorAll("#c4 button, #diagram-list button"))
    b.setAttribute("aria-pressed", String(b.dataset.path === path));
}

function renderDiagrams() {
  const c4 = $("c4"), list = $("diagram-list");
  c4.replaceChildren(...C4.filter(([, p]) => fileText(p) != null).map(([name, p]) =>
    el("button", { type: "button", "data-path": p, "data-level": name, onclick: () => showDiagram(p) }, name)));
  const others = state.files.filter((f) => f.path.endsWith(".svg") && !C4.some(([, p]) => p === f.path));
  list.replaceChildren(...others.map((f) =>
    el("button", { type: "button", "data-path": f.path, onclick: () => showDiagram(f.path) }, f.path.replace(/^diagrams\//, "").replace(/\.svg$/, ""))));
  const first = C4.find(([, p]) => fileText(p) != null);
  showDiagram(state.diagram && fileText(state.diagram) != null ? state.diagram : first ? first[1] : (others[0] || {}).path);
}

// A small Markdown renderer for the documents: headings, paragraphs, lists,
// tables, code blocks and inline code, bold and links as text.
function inline(text) {
  const frag = document.createDocumentFragment();
  const re = /(`[^`]+`|\*\*[^*]+\*\*|\[[^\]]+\]\([^)]*\))/g;
  let last = 0, m;
  while ((m = re.exec(text))) {
    if (m.index > last) frag.append(text.slice(last, m.index));
    const t = m[0];
    if (t[0] === "`") frag.append(el("code", {}, t.slice(1, -1)));
    else if (t[0] === "*") frag.append(el("strong", {}, t.slice(2, -2)));
    else frag.append(t.slice(1, t.indexOf("]")));
    last = re.lastIndex;
  }
  frag.append(text.slice(last));
  return frag;
}
function markdown(src) {
  const out = [];
  const lines = src.split("\n");
  for (let i = 0; i < lines.length;) {
    const l = lines[i];
    if (/^```/.test(l)) {
      const body = [];
      for (i++; i < lines.length && !/^```/.test(lines[i]); i++) body.push(lines[i]);
      i++;
      out.push(el("pre", {}, el("code", {}, body.join("\n"))));
    } else if (/^#{1,6} /.test(l)) {
      const n = l.match(/^#+/)[0].length;
      out.push(el("h" + Math.min(6, n + 1), {}, inline(l.slice(n + 1))));
      i++;
    } else if (/^\s*\|/.test(l)) {
      const rows = [];
      for (; i < lines.length && /^\s*\|/.test(lines[i]); i++)
        if (!/^\s*\|[\s:|-]+\|\s*$/.test(lines[i])) rows.push(lines[i].trim().replace(/^\||\|$/g, "").split("|"));
      out.push(el("table", {}, ...rows.map((r, k) => el("tr", {}, ...r.map((c) => el(k ? "td" : "th", {}, inline(c.trim())))))));
    } else if (/^\s*([-*]|\d+\.) /.test(l)) {
      const items = [];
      for (; i < lines.length && /^\s*([-*]|\d+\.) /.test(lines[i]); i++) items.push(el("li", {}, inline(lines[i].replace(/^\s*([-*]|\d+\.) /, ""))));
      out.push(el("ul", {}, ...items));
    } else if (l.trim() === "") i++;
    else {
      const para = [];
      for (; i < lines.length && lines[i].trim() !== "" && !/^(#|```|\s*\||\s*([-*]|\d+\.) )/.test(lines[i]); i++) para.push(lines[i]);
      out.push(el("p", {}, inline(para.join(" "))));
    }
  }
  return out;
}

function showDoc(path) {
  state.doc = path;
  const text = fileText(path);
  $("doc").replaceChildren(...(text == null ? [] : markdown(text)));
  for (const b of document.querySelectorAll("#doc-list button")) b.setAttribute("aria-pressed", String(b.dataset.path === path));
  const sel = $("doc-records");
  if (sel) sel.value = path && path.includes("/") ? path : "";
}

function renderDocs() {
  const docs = state.files.filter((f) => f.path.endsWith(".md"));
  // The documents first, the decision records (a folder) in one list.
  const top = docs.filter((f) => !f.path.includes("/"));
  const nested = docs.filter((f) => f.path.includes("/"));
  const kids = top.map((f) => el("button", { type: "button", "data-path": f.path, onclick: () => showDoc(f.path) }, f.path));
  if (nested.length) {
    const sel = el("select", { id: "doc-records", "aria-label": "Decision records" },
      el("option", { value: "" }, `decision records (${nested.length})…`),
      ...nested.map((f) => el("option", { value: f.path }, f.path.replace(/^adr\//, ""))));
    sel.addEventListener("change", () => sel.value && showDoc(sel.value));
    kids.push(sel);
  }
  $("doc-list").replaceChildren(...kids);
  const first = top.length ? top[0].path : docs.length ? docs[0].path : null;
  showDoc(state.doc && fileText(state.doc) != null ? state.doc : first);
}

function download(f) {
  const blob = new Blob([f.text], { type: f.type });
  const a = el("a", { href: URL.createObjectURL(blob), download: f.path.replace(/\//g, "_") });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

function renderFiles() {
  $("files").replaceChildren(...state.files.map((f) => el("li", {},
    el("button", { type: "button", "data-path": f.path, onclick: () => download(f) }, "Download " + f.path), " ",
    el("span", { class: "size" }, bytes(new Blob([f.text]).size)))));
}

// ---- the diff against the last saved version (a line LCS) ----

function lineDiff(a, b) {
  const n = a.length, m = b.length;
  if (n * m > 4e6) return null;
  const L = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) L[i][j] = a[i] === b[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
  const out = [];
  let i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) { out.push([" ", a[i]]); i++; j++; }
    else if (j < m && (i === n || L[i][j + 1] >= L[i + 1][j])) out.push(["+", b[j++]]);
    else out.push(["-", a[i++]]);
  }
  return out;
}

function updateDiff() {
  const saved = localStorage.getItem(SAVED);
  const about = $("diff-about"), pre = $("diff");
  if (saved == null) {
    about.textContent = "No saved version yet: Save version (Ctrl+S) keeps one to compare against.";
    pre.replaceChildren();
    return;
  }
  const d = lineDiff(saved.split("\n"), $("spec").value.split("\n"));
  if (!d) { about.textContent = "The texts are too large to compare here."; return; }
  const changed = d.filter(([k]) => k !== " ").length;
  about.textContent = changed ? `${changed} line${changed === 1 ? "" : "s"} changed since the saved version.` : "No change since the saved version.";
  pre.replaceChildren(...d.filter(([k], i) => k !== " " || d.slice(Math.max(0, i - 2), i + 3).some(([x]) => x !== " "))
    .map(([k, t]) => el("span", { class: k === "+" ? "add" : k === "-" ? "del" : "" }, k + " " + t + "\n")));
}

// What the plan changes since the saved version: POST /api/diff with both
// texts (plinth diff --json), after the same debounce as the plan.
async function planDiff(seq) {
  const saved = localStorage.getItem(SAVED);
  const box = $("plan-diff");
  if (saved == null) { box.replaceChildren(); return; }
  const form = new FormData();
  form.append("old", new Blob([saved]), "saved.plinth");
  form.append("new", new Blob([$("spec").value]), "current.plinth");
  let r;
  try { r = await fetch("/api/diff", { method: "POST", body: form }); } catch (e) { return; }
  if (seq !== state.seq) return;
  if (!r.ok) { box.replaceChildren(el("p", {}, "The plan changes show once both versions plan without errors.")); return; }
  const d = await r.json();
  const out = [el("h2", {}, "Plan changes")];
  if (!d.differ) out.push(el("p", {}, "The plans agree."));
  if (d.decisions.length)
    out.push(el("ul", { id: "diff-decisions" }, ...d.decisions.map((x) =>
      el("li", {}, el("strong", {}, x.slot + ": "), `${x.before || "none"} → ${x.after || "none"}`, x.why ? " (" + x.why + ")" : ""))));
  if (d.cost.before !== d.cost.after)
    out.push(el("p", {}, `Cost: ${usd(d.cost.before)} → ${usd(d.cost.after)} a month`));
  const api = d.api.breaking.length + d.api.non_breaking.length;
  if (api) out.push(el("p", {}, `API: ${d.api.breaking.length} breaking, ${d.api.non_breaking.length} other change${api === 1 ? "" : "s"}`));
  if (d.migration) out.push(el("details", {}, el("summary", {}, "PostgreSQL migration"), el("pre", {}, d.migration)));
  if (d.roadmap.days_before !== d.roadmap.days_after)
    out.push(el("p", {}, `Roadmap: ${d.roadmap.days_before} → ${d.roadmap.days_after} working days`));
  box.replaceChildren(...out);
}

function save() {
  localStorage.setItem(SAVED, $("spec").value);
  updateDiff();
  planDiff(state.seq);
  setStatus("saved as the version to compare against", "ok");
}

// ---- tabs (arrow keys move between them) ----

function selectTab(tab) {
  for (const t of document.querySelectorAll("[role=tab]")) {
    const on = t === tab;
    t.setAttribute("aria-selected", String(on));
    t.tabIndex = on ? 0 : -1;
    $(t.getAttribute("aria-controls")).hidden = !on;
  }
  tab.focus();
}

function setupTabs() {
  const tabs = [...document.querySelectorAll("[role=tab]")];
  for (const t of tabs) {
    t.addEventListener("click", () => selectTab(t));
    t.addEventListener("keydown", (e) => {
      const i = tabs.indexOf(t);
      if (e.key === "ArrowRight") selectTab(tabs[(i + 1) % tabs.length]);
      else if (e.key === "ArrowLeft") selectTab(tabs[(i + tabs.length - 1) % tabs.length]);
      else if (e.key === "Home") selectTab(tabs[0]);
      else if (e.key === "End") selectTab(tabs[tabs.length - 1]);
    });
  }
}

// ---- the watched file ----

async function loadFile(force) {
  const r = await fetch("/api/spec");
  if (!r.ok) return;
  const j = await r.json();
  const t = $("spec");
  state.generation = j.generation;
  // Replace the text only when it has no edits of its own.
  if (force || state.fileText === null || t.value === state.fileText) {
    t.value = j.text;
    state.fileText = j.text;
    $("load-file").hidden = true;
    edited();
  } else {
    state.pending = j.text;
    $("load-file").hidden = false;
  }
}

async function start() {
  setupTabs();
  const t = $("spec");
  t.addEventListener("input", edited);
  t.addEventListener("scroll", () => { $("gutter").scrollTop = t.scrollTop; });
  t.addEventListener("keydown", (e) => {
    if (e.key === "Tab" && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey && !state.tabEscapes) {
      e.preventDefault();
      t.setRangeText("  ", t.selectionStart, t.selectionEnd, "end");
      edited();
    } else if (e.key === "Escape") state.tabEscapes = true; // Esc, then Tab leaves the editor
  });
  t.addEventListener("blur", () => { state.tabEscapes = false; });
  document.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === "s") { e.preventDefault(); save(); }
  });
  $("save").addEventListener("click", save);
  $("load-file").addEventListener("click", () => loadFile(true));
  renderGutter(null);
  updateDiff();
  let health = {};
  try { health = await (await fetch("/api/health")).json(); } catch (e) { setStatus("the server does not answer", "error"); return; }
  state.watching = !!health.watching;
  if (state.watching) {
    await loadFile(true);
    const es = new EventSource("/api/events");
    es.addEventListener("spec", (ev) => {
      const g = JSON.parse(ev.data).generation;
      if (g !== state.generation) loadFile(false);
    });
  } else {
    setStatus("type a spec, or paste one", "");
  }
}

document.addEventListener("DOMContentLoaded", start);
