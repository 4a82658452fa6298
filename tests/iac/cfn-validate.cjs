// CloudFormation templates (SAM template, synthesized CDK templates, the
// CloudWatch alarms) through AWS CloudFormation Validate, the offline
// validator with the CloudFormation resource schemas that aws-cdk-lib
// bundles (@aws/cloudformation-validate): property names and types, required
// properties, references, SAM's transform. Errors and warnings fail;
// informational findings (tags, deletion policies) are counted, not failed.
// Usage: node cfn-validate.cjs TEMPLATE...
"use strict";
const path = require("path");
const root = path.dirname(require.resolve("aws-cdk-lib/package.json"));
const { CompositeEngine, TemplateFile } = require(path.join(root, "node_modules/@aws/cloudformation-validate"));
const engine = new CompositeEngine();
let bad = 0;
try {
  for (const f of process.argv.slice(2)) {
    const r = engine.validateTemplate(new TemplateFile(f));
    const serious = r.diagnostics.filter((d) => d.severity !== "INFO");
    if (serious.length) {
      bad++;
      for (const d of serious.slice(0, 20)) console.log(`${f}: [${d.severity}] ${d.ruleId}: ${d.message}`);
    } else console.log(`ok ${f}: no error or warning (${r.diagnostics.length} informational)`);
  }
} finally {
  engine.free();
}
process.exit(bad ? 1 : 0);
