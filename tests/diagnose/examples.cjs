// Syntax of the stack examples of kb/symptoms.kb, block by block (a block:
// consecutive example lines of one cause and one stack word): HCL through
// @cdktf/hcl2json, YAML through js-yaml, TypeScript through the compiler's
// parser (syntax only: the snippets name resources declared elsewhere, and
// `/* ... */` stands for the rest). Bicep has no parser here.
// Usage: node examples.cjs kb/symptoms.kb [--self-test]
const fs = require('fs');
const { parse } = require('@cdktf/hcl2json');
const yaml = require('js-yaml');
const ts = require('typescript');

// CloudFormation's short forms (!Ref, !GetAtt, !Sub, ...) as YAML tags
const CFN = yaml.DEFAULT_SCHEMA.extend(
  ['Ref', 'GetAtt', 'Sub', 'Join', 'If', 'Equals', 'Select', 'Split', 'FindInMap', 'ImportValue', 'Base64', 'GetAZs', 'Not', 'And', 'Or', 'Condition']
    .flatMap(n => ['scalar', 'sequence', 'mapping'].map(kind => new yaml.Type('!' + n, { kind, construct: d => ({ [n]: d }) }))));

function blocks(text) {
  const out = [];
  let cause = null, cur = null;
  for (const line of text.split('\n')) {
    const s = line.match(/^symptom (\S+) \{/);
    if (s) { cause = s[1]; cur = null; continue; }
    const m = line.match(/^  example\s+(\S+)\s+(\S+)\s+"(.*)"$/);
    if (!m) { cur = null; continue; }
    const body = JSON.parse('"' + m[3] + '"');
    if (cur && cur.stack === m[1]) cur.lines.push(body);
    else { cur = { cause, stack: m[1], lang: m[2], lines: [body] }; out.push(cur); }
  }
  return out;
}

async function check(b) {
  const src = b.lines.join('\n') + '\n';
  if (b.lang === 'hcl') {
    await parse('x.tf', src);
  } else if (b.lang === 'yaml') {
    yaml.load(src, { schema: CFN });
  } else if (b.lang === 'typescript' && /^(pulumi|aws-cdk)/.test(b.stack)) {
    const sf = ts.createSourceFile('x.ts', src, ts.ScriptTarget.Latest, true);
    const d = sf.parseDiagnostics;
    if (d.length) throw new Error(ts.flattenDiagnosticMessageText(d[0].messageText, ' '));
  } else return false;
  return true;
}

(async () => {
  if (process.argv.includes('--self-test')) {
    // every checker rejects a broken block
    const broken = [
      { lang: 'hcl', stack: 'terraform', lines: ['resource "a" "b" {', '  x = 1  y = 2', '}'] },
      { lang: 'yaml', stack: 'aws-sam', lines: ['A:', '  B: { C: 1', 'D: ]'] },
      { lang: 'typescript', stack: 'pulumi', lines: ['new aws.x.Y("a", { b: 1 ;'] },
    ];
    let caught = 0;
    for (const b of broken) { try { await check(b); } catch (e) { caught++; } }
    console.log(caught === broken.length ? 'self-test ok' : `self-test: only ${caught} of ${broken.length} rejected`);
    process.exit(caught === broken.length ? 0 : 1);
  }
  const all = blocks(fs.readFileSync(process.argv[2], 'utf8'));
  let n = 0, bad = 0;
  for (const b of all) {
    try {
      if (await check(b)) n++;
    } catch (e) {
      bad++;
      console.log(`${b.cause} ${b.stack} (${b.lang}): ${String(e.message || e).split('\n')[0]}`);
    }
  }
  console.log(`${n} blocks parsed, ${bad} broken`);
  process.exit(bad ? 1 : 0);
})();
