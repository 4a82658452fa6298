// Every number in the knowledge base is a figure with a source and a date.
//
//   node tests/kbdiag/unsourced.js KBDIR...
//
// The loader requires `source` and `date` on the keys its schema marks as
// figures (src/kb/kb.c, KB SCHEMA); this reads the files themselves, so a
// key that carries a number but is not marked (or a new kind whose schema
// forgets it) is caught too. Levels set by judgement are not figures:
// LEVELS below, each with its reason. Prints "FAIL file:line: ..." per item
// and a summary line; exits 1 on any.
"use strict";
const fs = require("fs");
const path = require("path");
const LEVELS = {
  burden: "a 1-5 level of the work to operate a technology, set by judgement (docs/decisions.md)",
  lockin: "a 1-5 level of the cost of leaving it, set by judgement (docs/decisions.md)",
};
let bad = 0, figures = 0;
for (const dir of process.argv.slice(2))
  for (const f of fs.readdirSync(dir).filter(f => f.endsWith(".kb")).sort()) {
    let kind = "", id = "";
    fs.readFileSync(path.join(dir, f), "utf8").split("\n").forEach((raw, i) => {
      const line = raw.replace(/"(\\.|[^"\\])*"/g, '""').replace(/#.*$/, "");
      const open = line.match(/^(\S+)\s+(\S+)\s*\{/);
      if (open) { kind = open[1]; id = open[2]; return; }
      const t = line.trim().split(/\s+/);
      if (t.length < 2 || t[0] === "}") return;
      if (!t.slice(1).some(v => /^\$?[0-9]/.test(v))) return;
      if (/\bsource\s+""/.test(line) && /\bdate\s+""/.test(line)) { figures++; return; }
      if (LEVELS[t[0]]) return;
      console.log(`FAIL ${path.join(dir, f)}:${i + 1}: ${kind} ${id}: '${t[0]}' carries a number without source and date`);
      bad++;
    });
  }
console.log(`unsourced: ${bad} of ${figures + bad} numbered items without source and date`);
process.exit(bad ? 1 : 0);
