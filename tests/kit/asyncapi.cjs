// Parses each AsyncAPI document with @asyncapi/parser; a diagnostic of
// severity 0 (error) fails it. Prints "ok FILE N messages" or the errors.
require('./ajv-errors-fix.cjs');
const { Parser } = require('@asyncapi/parser');
const fs = require('fs');
(async () => {
  const parser = new Parser();
  let bad = 0;
  for (const f of process.argv.slice(2)) {
    const { document, diagnostics } = await parser.parse(fs.readFileSync(f, 'utf8'));
    const errors = diagnostics.filter((d) => d.severity === 0);
    if (errors.length || !document) {
      bad++;
      console.log(`${f}: ${errors.length} error(s)`);
      for (const e of errors.slice(0, 5)) console.log(`  ${e.code}: ${e.message} at ${JSON.stringify(e.path)}`);
    } else console.log(`ok ${f} ${document.allMessages().length} messages`);
  }
  process.exit(bad ? 1 : 0);
})();
