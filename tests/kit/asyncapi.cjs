// Parses each AsyncAPI document with @asyncapi/parser; a diagnostic of
// severity 0 (error) fails it. Prints "ok FILE N messages" or the errors.
// The parser is deterministic: a document with the same bytes as one
// already parsed (a variant spec that changes only its infrastructure)
// gets that one's verdict without a second parse.
require('./ajv-errors-fix.cjs');
const { Parser } = require('@asyncapi/parser');
const fs = require('fs');
(async () => {
  const parser = new Parser();
  const seen = new Map();
  let bad = 0;
  for (const f of process.argv.slice(2)) {
    const text = fs.readFileSync(f, 'utf8');
    let v = seen.get(text);
    if (!v) {
      const { document, diagnostics } = await parser.parse(text);
      const errors = diagnostics.filter((d) => d.severity === 0);
      v = errors.length || !document
        ? { ok: false, lines: [`${errors.length} error(s)`,
          ...errors.slice(0, 5).map((e) => `  ${e.code}: ${e.message} at ${JSON.stringify(e.path)}`)] }
        : { ok: true, messages: document.allMessages().length };
      seen.set(text, v);
    }
    if (v.ok) console.log(`ok ${f} ${v.messages} messages`);
    else {
      bad++;
      console.log(`${f}: ${v.lines[0]}`);
      for (const l of v.lines.slice(1)) console.log(l);
    }
  }
  process.exit(bad ? 1 : 0);
})();
