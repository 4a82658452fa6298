// Reads every output of one spec the way its consumer does:
//   node tests/unicode/check.mjs DIR
// Every file must be UTF-8 (decoded with fatal errors) and hold no raw
// hostile code point (C0 but tab and newlines, DEL, C1, U+2028, U+2029, BOM,
// noncharacters, bidirectional controls) outside SQL's string literals;
// YAML files load with js-yaml (YAML 1.2, every document of a stream), JSON files with JSON.parse.
// Prints one line per failure, exits 1 if any.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";

const dir = process.argv[2];
const hostile = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\uFEFF\uFDD0-\uFDEF\uFFFE\uFFFF\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]/u;
let bad = 0, files = 0;
function fail(f, why) { console.log(`${f}: ${why}`); bad++; }
function walk(d) {
  for (const n of readdirSync(d)) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) { walk(p); continue; }
    if (n.startsWith(".plinth-")) continue;
    files++;
    let text;
    try { text = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(p)); }
    catch { fail(p, "not UTF-8"); continue; }
    // SQL string literals are data ('...' with '' inside): PostgreSQL and
    // SQLite read them whole; the rest of the file must be clean.
    const body = /\.sql$/.test(n) ? text.replace(/'(?:[^']|'')*'/g, "''") : text;
    const m = body.match(hostile);
    if (m) fail(p, `raw U+${m[0].codePointAt(0).toString(16).toUpperCase().padStart(4, "0")} at offset ${m.index}`);
    try {
      if (/\.ya?ml$/.test(n)) yaml.loadAll(text); // a stream: Kubernetes manifests hold several documents
      if (/\.json$/.test(n)) JSON.parse(text);
    } catch (e) { fail(p, String(e.message).split("\n")[0]); }
  }
}
walk(dir);
console.log(`${files} files, ${bad} failures`);
process.exit(bad ? 1 : 0);
