// Validates SARIF logs against the official SARIF 2.1.0 JSON schema
// (tests/check/sarif-schema-2.1.0.json, draft-07, from the OASIS TC's
// Schemata/ folder) with ajv:
//   node tests/check/sarif.mjs FILE...
// Prints "FILE: valid" or the schema errors; exits 1 if any file fails.
import { readFileSync } from "node:fs";
import Ajv from "ajv";
import addFormats from "ajv-formats";

const schema = JSON.parse(readFileSync(new URL("./sarif-schema-2.1.0.json", import.meta.url), "utf8"));
// The schema's `language` pattern has a stray "]" that is an error in a
// unicode regular expression; ajv's non-unicode mode reads it as the
// schema's authors' JavaScript did.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);
let bad = 0;
for (const f of process.argv.slice(2)) {
  const log = JSON.parse(readFileSync(f, "utf8"));
  if (validate(log)) console.log(`${f}: valid`);
  else {
    bad++;
    console.log(`${f}: invalid`);
    for (const e of validate.errors.slice(0, 10)) console.log(`  ${e.instancePath || "/"} ${e.message}`);
  }
}
process.exit(bad ? 1 : 0);
