// The page of plinth serve in the Debian Chromium (puppeteer-core, headless):
//   node tests/serve/browser.js URL SPEC_FILE OUT_DIR
// Types a spec with an error and waits for the diagnostic at its line, fixes
// it and waits for the decisions and diagrams, goes from the C4 context view
// to the container view, downloads openapi.yaml, and leaves screenshots in
// OUT_DIR. Prints "ok NAME" / "FAIL NAME: why" lines; exits 1 on a failure.
"use strict";
const fs = require("fs");
const path = require("path");
const puppeteer = require("puppeteer-core");

const [url, specFile, outDir] = process.argv.slice(2);
const spec = fs.readFileSync(specFile, "utf8");
let failed = 0;
const ok = (name) => console.log("ok " + name);
const bad = (name, why) => { console.log(`FAIL ${name}: ${why}`); failed++; };

async function check(name, fn) {
  try {
    const why = await fn();
    if (why) bad(name, why); else ok(name);
  } catch (e) {
    bad(name, String(e && e.message || e).split("\n")[0]);
  }
}

(async () => {
  const browser = await puppeteer.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage"],
  });
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  const errors = [];
  page.on("pageerror", (e) => errors.push("page error: " + e.message));
  // A spec with errors answers 422 on purpose; any other failed load counts.
  page.on("console", (m) => {
    if (m.type() === "error" && !/^Failed to load resource/.test(m.text())) errors.push("console: " + m.text());
  });
  page.on("response", (r) => { if (r.status() >= 400 && r.status() !== 422) errors.push(`${r.status()} ${r.url()}`); });
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  const dl = path.resolve(outDir, "downloads");
  fs.mkdirSync(dl, { recursive: true });
  const cdp = await page.createCDPSession();
  await cdp.send("Page.setDownloadBehavior", { behavior: "allow", downloadPath: dl });

  // The page keeps an event stream open: wait for its first answer instead of an idle network.
  await page.goto(url, { waitUntil: "domcontentloaded" });
  await page.waitForFunction(() => document.getElementById("status").textContent !== "loading…", { timeout: 10000 });
  await check("page.loads", async () => (await page.title()) === "Plinth" ? "" : "title " + (await page.title()));

  // A spec with an error on a known line: an entity without a name, two
  // lines after the end of the real spec.
  const lines = spec.replace(/\n+$/, "").split("\n");
  const badLine = lines.length + 2;
  const broken = lines.join("\n") + "\n\nentity {\n";
  await page.click("#spec");
  await page.$eval("#spec", (t, v) => { t.value = v; t.dispatchEvent(new Event("input")); }, broken);
  await check("diagnostic.at_line", async () => {
    await page.waitForSelector("#diags li.error", { timeout: 10000 });
    const d = await page.$eval("#diags li.error", (li) => ({ line: li.dataset.line, text: li.textContent }));
    if (d.line !== String(badLine)) return `diagnostic at line ${d.line}, expected ${badLine}: ${d.text}`;
    const mark = await page.$eval(`#gutter span[data-line="${badLine}"]`, (s) => s.className);
    return mark === "error" ? "" : `gutter line ${badLine} is '${mark}', not marked as an error`;
  });
  await check("diagnostic.status", async () => {
    const s = await page.$eval("#status", (e) => e.className + " " + e.textContent);
    return /^error /.test(s) ? "" : "status: " + s;
  });
  await page.screenshot({ path: path.join(outDir, "1-error.png") });

  // Fix it by typing: the keyboard, not a value set from script.
  await page.$eval("#spec", (t) => { t.focus(); t.setSelectionRange(t.value.length, t.value.length); });
  for (let i = 0; i < "entity {\n".length + 1; i++) await page.keyboard.press("Backspace");
  await check("fixed.decisions", async () => {
    await page.waitForFunction(() => document.querySelectorAll("#panel-decisions .decision").length > 3 &&
      !document.querySelector("#diags li.error"), { timeout: 20000 });
    const slots = await page.$$eval("#panel-decisions .decision", (ds) => ds.map((d) => d.dataset.slot));
    return slots.includes("compute") && slots.includes("database") ? "" : "slots: " + slots.join(",");
  });
  await check("decisions.match_api", async () => {
    const names = await page.$$eval("#panel-decisions .decision h3", (hs) => hs.length);
    const plan = await page.evaluate(async (s) => (await (await fetch("/api/plan", { method: "POST", body: s })).json()), spec);
    return names === plan.decisions.length ? "" : `${names} decisions shown, the plan has ${plan.decisions.length}`;
  });
  await page.screenshot({ path: path.join(outDir, "2-decisions.png") });

  // Cost panel.
  await page.click("#tab-cost");
  await check("cost.panel", async () => {
    const t = await page.$eval("#panel-cost", (p) => p.textContent);
    return /a month/.test(t) && /p95/.test(t) ? "" : "cost panel: " + t.slice(0, 120);
  });
  await page.screenshot({ path: path.join(outDir, "3-cost.png") });

  // Diagrams: every SVG file of the plan is offered, and the C4 levels go
  // from context to container by clicking.
  await page.click("#tab-diagrams");
  await check("diagrams.drawn", async () => {
    const n = await page.$$eval("#diagram svg", (s) => s.length);
    const offered = await page.$$eval("#c4 button, #diagram-list button", (b) => b.length);
    return n === 1 && offered >= 3 ? "" : `${n} svg shown, ${offered} diagrams offered`;
  });
  await check("c4.context_to_container", async () => {
    const levels = await page.$$eval("#c4 button", (b) => b.map((x) => x.dataset.level));
    if (!levels.includes("context") || !levels.includes("container")) return "C4 levels offered: " + levels.join(",");
    await page.click('#c4 button[data-level="context"]');
    const shown = await page.$eval("#diagram figcaption", (f) => f.textContent);
    if (shown !== "diagrams/context.svg") return "context button shows " + shown;
    await page.screenshot({ path: path.join(outDir, "4-context.png") });
    await page.click("#diagram svg g.node");
    const next = await page.$eval("#diagram figcaption", (f) => f.textContent);
    return next === "diagrams/architecture.svg" ? "" : "a click in the context view shows " + next;
  });
  await page.screenshot({ path: path.join(outDir, "5-container.png") });

  // Documents.
  await page.click("#tab-docs");
  await check("documents.shown", async () => {
    const docs = await page.$$eval("#doc-list button", (b) => b.map((x) => x.dataset.path));
    const h = await page.$$eval("#doc h2, #doc h3", (x) => x.length);
    return docs.includes("SPEC.md") && h > 2 ? "" : `documents ${docs.join(",")}, ${h} headings`;
  });
  await page.screenshot({ path: path.join(outDir, "6-docs.png") });

  // Download openapi.yaml from the Files tab, by keyboard.
  await page.click("#tab-files");
  await check("download.openapi", async () => {
    await page.focus('#files button[data-path="openapi.yaml"]');
    await page.keyboard.press("Enter");
    const file = path.join(dl, "openapi.yaml");
    for (let i = 0; i < 50 && !fs.existsSync(file); i++) await new Promise((r) => setTimeout(r, 100));
    if (!fs.existsSync(file)) return "no openapi.yaml in " + dl;
    const text = fs.readFileSync(file, "utf8");
    const api = await page.evaluate(async (s) => (await fetch("/api/artifact/openapi.yaml", { method: "POST", body: s })).text(), spec);
    return text === api && /^openapi: 3\.1/m.test(text) ? "" : "the download differs from /api/artifact/openapi.yaml";
  });

  // Tabs by keyboard: ArrowLeft from Files selects Documents.
  await check("tabs.keyboard", async () => {
    await page.focus("#tab-files");
    await page.keyboard.press("ArrowLeft");
    const sel = await page.$eval("[role=tab][aria-selected=true]", (t) => t.id);
    const hidden = await page.$eval("#panel-docs", (p) => p.hidden);
    return sel === "tab-docs" && !hidden ? "" : "selected " + sel;
  });

  // Diff against the saved version.
  await check("diff.saved", async () => {
    await page.click("#save");
    await page.$eval("#spec", (t) => { t.focus(); t.setSelectionRange(t.value.length, t.value.length); });
    await page.keyboard.type("\n# a new line\n");
    await page.click("#tab-diff");
    const add = await page.$$eval("#diff .add", (a) => a.map((x) => x.textContent));
    return add.some((t) => t.includes("# a new line")) ? "" : "added lines: " + JSON.stringify(add);
  });
  // The plan's own changes: 500 times the users and a budget to match flip
  // decisions (more users alone stay over a small budget with every choice).
  await check("diff.plan_changes", async () => {
    await page.$eval("#spec", (t) => {
      t.value = t.value.replace(/users \d+/, "users 5000000").replace(/budget \$\d+\/month/, "budget $20000/month");
      t.dispatchEvent(new Event("input"));
    });
    await page.waitForSelector("#diff-decisions li", { timeout: 20000 });
    const items = await page.$$eval("#diff-decisions li", (l) => l.map((x) => x.textContent));
    return items.length ? "" : "no decision changes listed";
  });
  await page.screenshot({ path: path.join(outDir, "8-plan-diff.png") });
  await page.screenshot({ path: path.join(outDir, "7-diff.png") });

  await check("no_network_elsewhere", async () => {
    const origin = new URL(url).origin;
    const other = requests.filter((r) => !r.startsWith(origin) && !r.startsWith("blob:") && !r.startsWith("data:"));
    return other.length ? "requests elsewhere: " + other.join(" ") : "";
  });
  await check("no_page_errors", async () => (errors.length ? errors.join(" | ") : ""));
  await browser.close();
  process.exit(failed ? 1 : 0);
})().catch((e) => { console.log("FAIL browser: " + e.message); process.exit(1); });
