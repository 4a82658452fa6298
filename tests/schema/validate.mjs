// Validates Plinth's JSON outputs against docs/schema/ with ajv (JSON Schema
// 2020-12, formats): node validate.mjs EXPECTED-SCHEMA FILE...
// Each FILE must name EXPECTED-SCHEMA (e.g. plan.schema.json) in "$schema"
// and be valid against it. Prints one line per file; exit 1 on any failure.
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const Ajv = require("ajv/dist/2020").default;
const formats = require("ajv-formats");
const dir = new URL("../../docs/schema/", import.meta.url);
const ajv = new Ajv({ allErrors: true, strictTuples: false, allowUnionTypes: true });
(formats.default || formats)(ajv);
for (const f of readdirSync(dir).filter((f) => f.endsWith(".schema.json")))
  ajv.addSchema(JSON.parse(readFileSync(new URL(f, dir), "utf8")));
const [expected, ...files] = process.argv.slice(2);
const base = "https://plinth.dev/schema/1/";
let bad = 0;
for (const f of files) {
  let doc;
  try {
    doc = JSON.parse(readFileSync(f, "utf8"));
  } catch (e) {
    console.log(`FAIL ${f}: not JSON: ${e.message}`);
    bad++;
    continue;
  }
  if (doc.$schema !== base + expected) {
    console.log(`FAIL ${f}: "$schema" is ${JSON.stringify(doc.$schema)}, not ${base + expected}`);
    bad++;
    continue;
  }
  const validate = ajv.getSchema(doc.$schema);
  if (!validate) {
    console.log(`FAIL ${f}: no schema ${doc.$schema} in docs/schema`);
    bad++;
  } else if (!validate(doc)) {
    console.log(`FAIL ${f}: ${ajv.errorsText(validate.errors, { separator: "; " })}`);
    bad++;
  }
}
process.exit(bad ? 1 : 0);
