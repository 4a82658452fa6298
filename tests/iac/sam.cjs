// A structural check of an AWS SAM template, for what CloudFormation
// Validate (cfn-validate.cjs) does not read: the Serverless transform's own
// resources. It checks that the template declares the transform; that each
// AWS::Serverless::Function has only properties of the SAM specification,
// with a runtime, a handler, code, integer MemorySize and Timeout and a role;
// that every !Ref, !GetAtt and ${} of !Sub names a parameter, a resource or
// a pseudo parameter; and that every parameter is used.
// Usage: node sam.cjs TEMPLATE...
"use strict";
const fs = require("fs");
const yaml = require("js-yaml");

const tag = (name, kind) => new yaml.Type(name, { kind, construct: (d) => ({ [name]: d }) });
const SCHEMA = yaml.DEFAULT_SCHEMA.extend([
  tag("!Ref", "scalar"), tag("!GetAtt", "scalar"), tag("!Sub", "scalar"), tag("!Sub", "sequence"),
  tag("!Join", "sequence"), tag("!Select", "sequence"), tag("!Split", "sequence"), tag("!If", "sequence"),
  tag("!Equals", "sequence"), tag("!GetAZs", "scalar"), tag("!ImportValue", "scalar"), tag("!FindInMap", "sequence"),
]);
// AWS::Serverless::Function properties (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html).
const FUNCTION_PROPS = new Set(("Architectures AssumeRolePolicyDocument AutoPublishAlias AutoPublishAliasAllProperties " +
  "AutoPublishCodeSha256 CodeSigningConfigArn CodeUri DeadLetterQueue DeploymentPreference Description DurableConfig " +
  "Environment EphemeralStorage EventInvokeConfig Events FileSystemConfigs FunctionName FunctionScalingConfig " +
  "FunctionUrlConfig Handler ImageConfig ImageUri InlineCode KmsKeyArn Layers LoggingConfig MemorySize PackageType " +
  "PermissionsBoundary Policies PropagateTags ProvisionedConcurrencyConfig RecursiveLoop ReservedConcurrentExecutions " +
  "Role RolePath Runtime RuntimeManagementConfig SnapStartConfig SourceKMSKeyArn Tags Timeout Tracing VersionDescription " +
  "VersionDeletionPolicy VpcConfig").split(" "));
const PSEUDO = new Set(["AWS::Region", "AWS::AccountId", "AWS::StackName", "AWS::StackId", "AWS::Partition", "AWS::URLSuffix", "AWS::NoValue"]);

function check(file) {
  const errors = [];
  let t;
  try { t = yaml.load(fs.readFileSync(file, "utf8"), { schema: SCHEMA }); } catch (e) { return [e.message.split("\n")[0]]; }
  if (!t || typeof t !== "object") return ["not a mapping"];
  if (t.Transform !== "AWS::Serverless-2016-10-31") errors.push("no Transform: AWS::Serverless-2016-10-31");
  const params = t.Parameters || {}, res = t.Resources || {};
  if (!Object.keys(res).length) errors.push("no resource");
  const used = new Set();
  const target = (name, where) => {
    if (PSEUDO.has(name)) return;
    if (name in params) used.add(name);
    else if (!(name in res)) errors.push(`${where}: '${name}' is neither a parameter nor a resource`);
  };
  const walk = (v, where) => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${where}[${i}]`));
    if (!v || typeof v !== "object") return;
    for (const [k, x] of Object.entries(v)) {
      if (k === "!Ref" || k === "Ref") target(String(x), where);
      else if (k === "!GetAtt" || k === "Fn::GetAtt") {
        const name = Array.isArray(x) ? x[0] : String(x).split(".")[0];
        if (!(name in res)) errors.push(`${where}: !GetAtt names no resource '${name}'`);
      } else if (k === "!Sub" || k === "Fn::Sub") {
        const s = Array.isArray(x) ? x[0] : x;
        for (const m of String(s).matchAll(/\$\{([^}!]+)\}/g)) target(m[1].split(".")[0], where);
        if (Array.isArray(x)) walk(x[1], where);
      } else walk(x, `${where}.${k}`);
    }
  };
  for (const [id, r] of Object.entries(res)) {
    if (!r || typeof r.Type !== "string" || !/^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/.test(r.Type)) {
      errors.push(`${id}: no valid Type`);
      continue;
    }
    walk(r.Properties, id);
    if (r.Type !== "AWS::Serverless::Function") continue;
    const p = r.Properties || {};
    for (const k of Object.keys(p)) if (!FUNCTION_PROPS.has(k)) errors.push(`${id}: '${k}' is not a property of AWS::Serverless::Function`);
    for (const k of ["Runtime", "Handler"]) if (typeof p[k] !== "string") errors.push(`${id}: no ${k}`);
    if (!p.CodeUri && !p.InlineCode && !p.ImageUri) errors.push(`${id}: no code (CodeUri, InlineCode or ImageUri)`);
    for (const k of ["MemorySize", "Timeout"]) if (k in p && !Number.isInteger(p[k])) errors.push(`${id}: ${k} is not an integer`);
    if (!p.Role && !p.Policies) errors.push(`${id}: neither a Role nor Policies`);
  }
  walk(t.Outputs, "Outputs");
  for (const n of Object.keys(params)) if (!used.has(n)) errors.push(`parameter '${n}' is never used`);
  return errors;
}

let bad = 0;
for (const f of process.argv.slice(2)) {
  const errs = check(f);
  if (errs.length) {
    bad++;
    for (const e of errs.slice(0, 20)) console.log(`${f}: ${e}`);
  } else console.log(`ok ${f}: ${Object.keys(yaml.load(fs.readFileSync(f, "utf8"), { schema: SCHEMA }).Resources).length} resources`);
}
process.exit(bad ? 1 : 0);
