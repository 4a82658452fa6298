// Measures the documents of an output folder (plinth plan -o DIR):
//   words    words of prose in the top-level Markdown documents, outside code
//            fences (```), table separator rows and HTML comments
//   repeat   the share of distinct 12-word runs that stand in more than one
//            top-level document (case folded, punctuation kept)
//   adrs     decision records in adr/ (NNNN-*.md)
// node tests/measure/measure.mjs DIR  prints "words N repeat P% adrs K docs D"
// and, per document, "  FILE words N".
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";

const RUN = 12;
const dir = process.argv[2];
const prose = (text) => {
  const out = [];
  let fence = false;
  for (const line of text.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) {
      fence = !fence;
      continue;
    }
    if (fence || /^\s*\|?\s*:?-{3,}/.test(line)) continue;
    out.push(line.replace(/<!--.*?-->/g, " "));
  }
  return out.join("\n").split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w));
};
const docs = readdirSync(dir).filter((f) => f.endsWith(".md")).sort();
const seen = new Map(); // run -> first document index, or -1 when in several
let words = 0;
const per = [];
docs.forEach((f, i) => {
  const w = prose(readFileSync(join(dir, f), "utf8"));
  words += w.length;
  per.push(`  ${f} words ${w.length}`);
  const lower = w.map((x) => x.toLowerCase());
  const mine = new Set();
  for (let k = 0; k + RUN <= lower.length; k++) mine.add(lower.slice(k, k + RUN).join(" "));
  for (const r of mine) {
    if (!seen.has(r)) seen.set(r, i);
    else if (seen.get(r) !== i) seen.set(r, -1);
  }
});
let shared = 0;
for (const v of seen.values()) if (v === -1) shared++;
const adrDir = join(dir, "adr");
const adrs = existsSync(adrDir) ? readdirSync(adrDir).filter((f) => /^\d{4}-.*\.md$/.test(f)).length : 0;
const pct = seen.size ? (100 * shared) / seen.size : 0;
console.log(`words ${words} repeat ${pct.toFixed(1)}% adrs ${adrs} docs ${docs.length}`);
for (const l of per) console.log(l);
