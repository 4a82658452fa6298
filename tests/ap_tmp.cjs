const { Parser } = require('@asyncapi/parser');
const fs = require('fs');
(async () => {
const p = new Parser();
let bad = 0;
for (const f of process.argv.slice(2)) {
  const { document, diagnostics } = await p.parse(fs.readFileSync(f, 'utf8'));
  const errs = diagnostics.filter(d => d.severity === 0);
  if (errs.length || !document) { bad++; console.log('FAIL', f); for (const e of errs.slice(0,5)) console.log('  ', e.code, e.message, JSON.stringify(e.path)); }
  else console.log('ok', f, document.allMessages().length, 'messages', diagnostics.filter(d=>d.severity===1).length, 'warnings');
}
process.exit(bad ? 1 : 0);
})();
