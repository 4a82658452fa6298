// Checks a CloudFormation template of CloudWatch alarms (alerts.yaml when
// CloudWatch is chosen) against cloudwatch-alarms.schema.json, written from
// the CloudFormation reference of AWS::CloudWatch::Alarm and
// AWS::CloudWatch::CompositeAlarm, and checks that every Ref names a
// parameter and every composite's rule names alarms of the template.
const yaml = require('js-yaml');
const fs = require('fs');
const Ajv = require('ajv/dist/2020').default;
const schema = JSON.parse(fs.readFileSync(__dirname + '/cloudwatch-alarms.schema.json', 'utf8'));
const ajv = new Ajv({ allErrors: true, strictTuples: false });
const validate = ajv.compile(schema);
let bad = 0;
for (const f of process.argv.slice(2)) {
  const t = yaml.load(fs.readFileSync(f, 'utf8'));
  const problems = [];
  if (!validate(t)) for (const e of validate.errors.slice(0, 5)) problems.push(`${e.instancePath} ${e.message}`);
  const params = new Set(Object.keys((t && t.Parameters) || {}));
  const names = new Set(Object.values((t && t.Resources) || {}).map((r) => r.Properties && r.Properties.AlarmName));
  const walk = (v, at) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}/${i}`));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (k === 'Ref' && !params.has(x)) problems.push(`${at}: Ref ${x} is not a parameter`);
        walk(x, `${at}/${k}`);
      }
  };
  walk(t && t.Resources, '/Resources');
  for (const [id, r] of Object.entries((t && t.Resources) || {}))
    if (r.Type === 'AWS::CloudWatch::CompositeAlarm')
      for (const m of String(r.Properties.AlarmRule).matchAll(/ALARM\("([^"]+)"\)/g))
        if (!names.has(m[1])) problems.push(`${id}: AlarmRule names ${m[1]}, not an alarm of the template`);
  if (problems.length) {
    bad++;
    console.log(`${f}:`);
    for (const p of problems) console.log('  ' + p);
  } else console.log(`ok ${f} ${Object.keys(t.Resources).length} alarms`);
}
process.exit(bad ? 1 : 0);
