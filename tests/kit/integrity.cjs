// Cross-artifact integrity of the kit in a `plinth plan -o DIR` folder:
//   operations  every operationId of openapi.yaml is served by exactly one
//               unit of services.yaml, and every unit's operation exists
//   events      every event of asyncapi.yaml is published or subscribed by a
//               unit of services.yaml (or comes from outside), and every
//               event a unit names is in asyncapi.yaml; payload schemas that
//               openapi.yaml also has are the same shape; the flows of
//               ARCHITECTURE.md name every event a feature moves
//   alerts      every alert (Prometheus rule, CloudWatch alarm, Datadog monitor,
//               New Relic condition, Azure rule, Google Cloud policy) links a
//               runbook that exists, and every runbook belongs to an alert
//   tests       every request group of the contract tests is an operation
//   validation  VALIDATION.md and validate.sh name only files of the folder
// node integrity.cjs DIR...: "ok DIR: counts" for each folder that passes,
// "DIR: problem" lines for one that fails; exit 1 when one failed.
const fs = require('fs');
const path = require('path');
const yaml = require('js-yaml');
function check(dir) {
  const read = (f) => fs.readFileSync(path.join(dir, f), 'utf8');
  const problems = [];
  const openapi = yaml.load(read('openapi.yaml'));
  const services = yaml.load(read('services.yaml'));
  const asyncapi = yaml.load(read('asyncapi.yaml'));
  const ops = new Map();
  for (const [p, item] of Object.entries(openapi.paths || {}))
    for (const [m, op] of Object.entries(item)) if (op && op.operationId) ops.set(op.operationId, `${m.toUpperCase()} ${p}`);
  const served = new Map();
  const units = new Set();
  for (const u of services.services || []) {
    units.add(u.name);
    for (const o of u.operations || []) {
      if (!ops.has(o.operationId)) problems.push(`services.yaml: ${u.name} serves ${o.operationId}, not in openapi.yaml`);
      served.set(o.operationId, (served.get(o.operationId) || []).concat(u.name));
    }
  }
  for (const id of ops.keys()) {
    const by = served.get(id) || [];
    if (by.length !== 1) problems.push(`openapi.yaml: ${id} is served by ${by.length} units (${by.join(', ')})`);
  }
  const events = new Set(Object.values(asyncapi.channels || {}).map((c) => c.address));
  const named = new Set();
  for (const u of services.services || [])
    for (const k of ['publishes', 'subscribes'])
      for (const e of (u.events && u.events[k]) || []) {
        named.add(e);
        if (!events.has(e)) problems.push(`services.yaml: ${u.name} ${k} ${e}, not in asyncapi.yaml`);
      }
  for (const [id, op] of Object.entries(asyncapi.operations || {})) {
    const unit = op['x-unit'];
    const ch = op.channel.$ref.split('/').pop();
    const addr = asyncapi.channels[ch].address;
    if (units.has(unit) && !named.has(addr)) problems.push(`asyncapi.yaml: ${id} by ${unit}, but services.yaml does not list ${addr}`);
  }
  for (const e of events)
    if (![...Object.values(asyncapi.operations || {})].some((o) => asyncapi.channels[o.channel.$ref.split('/').pop()].address === e))
      problems.push(`asyncapi.yaml: ${e} has no operation`);
  const shared = asyncapi.components && asyncapi.components.schemas ? asyncapi.components.schemas : {};
  for (const [name, s] of Object.entries(shared))
    if (openapi.components.schemas[name] && JSON.stringify(openapi.components.schemas[name]) !== JSON.stringify(s))
      problems.push(`asyncapi.yaml: schema ${name} differs from openapi.yaml's`);
  // the flows of ARCHITECTURE.md name every event a feature moves
  const arch = fs.existsSync(path.join(dir, 'ARCHITECTURE.md')) ? read('ARCHITECTURE.md') : '';
  for (const [id, m] of Object.entries((asyncapi.components && asyncapi.components.messages) || {}))
    if (m['x-kind'] !== 'change' && !arch.includes(`event ${m.name} (asyncapi.yaml)`))
      problems.push(`ARCHITECTURE.md: no flow names event ${m.name}`);
  // alerts and runbooks
  // The alerts file of the chosen form: alerts.yaml (Prometheus rules or
  // CloudWatch alarms), alerts.datadog.json or alerts.newrelic.json.
  const afiles = fs.readdirSync(dir).filter((f) => /^alerts(\.[a-z]+)?\.(yaml|json)$/.test(f));
  if (afiles.length !== 1) problems.push(`expected one alerts file, found ${afiles.length}: ${afiles.join(' ')}`);
  const afile = afiles[0] || 'alerts.yaml';
  const alerts = yaml.load(read(afile));
  const links = new Map();
  if (afile === 'alerts.datadog.json')
    for (const m of alerts) {
      const r = (m.message || '').match(/Runbook: (\S+)$/);
      links.set(m.name, r ? r[1] : undefined);
    }
  else if (afile === 'alerts.newrelic.json')
    for (const c of alerts) links.set(c.name, c.runbookUrl);
  else if (afile === 'alerts.azure.json')
    for (const g of alerts.resources)
      for (const r of g.properties.rules) links.set(r.alert, r.annotations && r.annotations.runbook_url);
  else if (afile === 'alerts.gcp.json')
    for (const pol of alerts) links.set(pol.displayName, ((pol.documentation && pol.documentation.links) || [{}])[0].url);
  else if (alerts.groups)
    for (const g of alerts.groups)
      for (const r of g.rules) links.set(r.alert, r.annotations && r.annotations.runbook_url);
  else
    for (const [id, r] of Object.entries(alerts.Resources || {})) {
      const d = r.Properties.AlarmDescription || '';
      const m = d.match(/Runbook: (\S+)$/);
      if (m) links.set(r.Properties.AlarmName, m[1]);
      else if (!/^One window of /.test(d)) links.set(r.Properties.AlarmName, undefined);
    }
  const books = new Set(fs.existsSync(path.join(dir, 'runbooks')) ? fs.readdirSync(path.join(dir, 'runbooks')).map((f) => 'runbooks/' + f) : []);
  const linked = new Set();
  for (const [a, link] of links) {
    if (!link) problems.push(`${afile}: ${a} has no runbook link`);
    else if (!books.has(link)) problems.push(`${afile}: ${a} links ${link}, which does not exist`);
    else linked.add(link);
  }
  for (const b of books) if (!linked.has(b)) problems.push(`${b} belongs to no alert`);
  // contract tests
  const coll = JSON.parse(read('contract-tests.postman_collection.json'));
  for (const g of coll.item) if (!ops.has(g.name)) problems.push(`contract tests: ${g.name} is not an operation`);
  const tested = new Set(coll.item.map((g) => g.name));
  // validation files
  for (const f of ['VALIDATION.md', 'validate.sh']) {
    const t = read(f);
    for (const m of t.matchAll(/(?<![\w.-])((?:[\w-]+\/)*[\w.-]+\.(?:yaml|json|js|md|sh|tf|ts))\b/g)) {
      const name = m[1];
      if (/^(RISKS|DEPLOYMENT|VALIDATION)\.md$/.test(name) || name.startsWith('runbooks/')) { if (!fs.existsSync(path.join(dir, name))) problems.push(`${f} names ${name}, not in the folder`); continue; }
      if (!fs.existsSync(path.join(dir, name)) && !fs.existsSync(path.join(dir, 'infra', name))) problems.push(`${f} names ${name}, not in the folder`);
    }
  }
  return { problems, summary: `${ops.size} operations in ${units.size} units (${tested.size} with contract tests), ${events.size} events, ${links.size} alerts with runbooks` };
}

let bad = 0;
for (const dir of process.argv.slice(2)) {
  let r;
  try {
    r = check(dir);
  } catch (e) {
    r = { problems: [String((e && e.message) || e)] };
  }
  if (r.problems.length) {
    bad++;
    for (const p of r.problems.slice(0, 20)) console.log(`${dir}: ${p}`);
  } else console.log(`ok ${dir}: ${r.summary}`);
}
process.exit(bad ? 1 : 0);
