// Checks the alerts file of a provider other than Prometheus and CloudWatch
// against the schema transcribed from its API reference (the schema's
// $comment cites the page), by the file's name:
//   alerts.datadog.json   datadog-monitors.schema.json, and each query's
//                         comparison has the threshold of options.thresholds.critical
//   alerts.newrelic.json  newrelic-conditions.schema.json, and each term
//                         holds for whole aggregation windows
//   alerts.azure.json     azure-prometheus-rules.schema.json (an ARM template)
//   alerts.gcp.json       gcp-alert-policies.schema.json
// With PROMQL_OUT=FILE, the PromQL of the Azure and Google Cloud files is
// written there as one Prometheus rule file, for promtool.
// Usage: node alerts.cjs FILE...   (exit 1 when any file fails)
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv/dist/2020').default;
const ajv = new Ajv({ allErrors: true, strictTuples: false });
const schemas = {
  'alerts.datadog.json': 'datadog-monitors.schema.json',
  'alerts.newrelic.json': 'newrelic-conditions.schema.json',
  'alerts.azure.json': 'azure-prometheus-rules.schema.json',
  'alerts.gcp.json': 'gcp-alert-policies.schema.json',
};
// The PromQL of Azure's rule group and Google Cloud's policies, as a
// Prometheus rule file for promtool (run.sh checks it).
const promql = (base, doc) =>
  base === 'alerts.azure.json'
    ? doc.resources.flatMap((r) => r.properties.rules.map((x) => ({ alert: x.alert, expr: x.expression })))
    : doc.map((p) => ({ alert: p.displayName, expr: p.conditions[0].conditionPrometheusQueryLanguage.query }));
const promOut = process.env.PROMQL_OUT;
const promRules = [];
const compiled = {};
let bad = 0;
for (const f of process.argv.slice(2)) {
  const base = Object.keys(schemas).find((s) => path.basename(f).endsWith(s));
  const problems = [];
  let doc;
  try {
    doc = JSON.parse(fs.readFileSync(f, 'utf8'));
  } catch (e) {
    problems.push(`not JSON: ${e.message}`);
  }
  if (!base) problems.push('no schema for this file name');
  else if (doc !== undefined) {
    compiled[base] = compiled[base] || ajv.compile(JSON.parse(fs.readFileSync(path.join(__dirname, schemas[base]), 'utf8')));
    const v = compiled[base];
    if (!v(doc)) for (const e of v.errors.slice(0, 5)) problems.push(`${e.instancePath} ${e.message}`);
    else if (base === 'alerts.datadog.json') {
      for (const m of doc) {
        const t = Number(m.query.match(/ (?:>|>=|<|<=|==|!=) (\S+)$/)[1]);
        if (t !== m.options.thresholds.critical) problems.push(`${m.name}: query compares with ${t}, thresholds.critical is ${m.options.thresholds.critical}`);
      }
    } else if (base === 'alerts.azure.json' || base === 'alerts.gcp.json') {
      promRules.push(...promql(base, doc));
    } else {
      for (const c of doc)
        for (const t of c.terms) {
          const w = (c.signal && c.signal.aggregationWindow) || 60;
          if (t.thresholdDuration % w) problems.push(`${c.name}: thresholdDuration ${t.thresholdDuration} is not whole windows of ${w} s`);
        }
    }
  }
  if (problems.length) {
    bad++;
    console.log(`${f}:`);
    for (const p of problems) console.log('  ' + p);
  } else console.log(`ok ${f} ${Array.isArray(doc) ? doc.length : promql(base, doc).length} alerts`);
}
if (promOut) fs.writeFileSync(promOut, JSON.stringify({ groups: [{ name: 'alerts', rules: promRules }] }));
process.exit(bad ? 1 : 0);
