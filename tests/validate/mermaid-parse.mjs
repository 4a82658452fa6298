// Parses every Mermaid block of the given Markdown (or .mmd) files with the
// real Mermaid parser under jsdom. Prints "FILE:LINE: error" for each block
// that does not parse and exits 1 if any failed.
//   node tests/validate/mermaid-parse.mjs FILE...
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>", { pretendToBeVisual: true });
globalThis.window = dom.window;
globalThis.document = dom.window.document;
for (const k of ["Element", "HTMLElement", "SVGElement", "Node", "DOMParser", "XMLSerializer", "MutationObserver"])
  if (!(k in globalThis) && k in dom.window) globalThis[k] = dom.window[k];

const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

function blocks(path, text) {
  if (!path.endsWith(".md")) return [{ line: 1, body: text }];
  const out = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== "```mermaid") continue;
    const start = i + 2;
    const body = [];
    for (i++; i < lines.length && lines[i].trim() !== "```"; i++) body.push(lines[i]);
    out.push({ line: start, body: body.join("\n") });
  }
  return out;
}

let bad = 0, good = 0;
for (const path of process.argv.slice(2)) {
  for (const b of blocks(path, readFileSync(path, "utf8"))) {
    try {
      await mermaid.parse(b.body);
      good++;
    } catch (e) {
      bad++;
      const msg = String(e && e.message ? e.message : e).split("\n").slice(0, 4).join(" | ");
      console.log(`${path}:${b.line}: error: ${msg}`);
    }
  }
}
console.log(`mermaid: ${good} blocks parsed, ${bad} failed`);
process.exit(bad ? 1 : 0);
