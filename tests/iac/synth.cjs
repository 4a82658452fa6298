// Synthesizes every CDK app given, in one node process, as `cdk synth`
// does (the app's own App.synth(), writing its cloud assembly to
// CDK_OUTDIR): aws-cdk-lib loads once instead of once per app.
//   node tests/iac/synth.cjs DIR/app.js...   each writes DIR/cdk.out/
// Prints "ok DIR" or "FAIL DIR: why" per app; exits 1 when one failed.
const fs = require("fs");
const path = require("path");
let failed = 0;
for (const app of process.argv.slice(2)) {
  const file = path.resolve(app);
  const dir = path.dirname(file);
  try {
    process.env.CDK_OUTDIR = path.join(dir, "cdk.out");
    // The context the CLI hands an app: cdk.json's, and its own defaults.
    const json = path.join(dir, "cdk.json");
    const context = fs.existsSync(json) ? JSON.parse(fs.readFileSync(json, "utf8")).context || {} : {};
    process.env.CDK_CONTEXT_JSON = JSON.stringify({
      "aws:cdk:enable-path-metadata": true,
      "aws:cdk:enable-asset-metadata": true,
      "aws:cdk:version-reporting": true,
      "aws:cdk:bundling-stacks": ["**"],
      ...context,
    });
    process.chdir(dir);
    require(file);
    const templates = fs.readdirSync(process.env.CDK_OUTDIR).filter((f) => f.endsWith(".template.json"));
    if (!templates.length) throw new Error("no CloudFormation template in " + process.env.CDK_OUTDIR);
    console.log("ok " + dir);
  } catch (e) {
    failed++;
    console.log("FAIL " + dir + ": " + String((e && e.stack) || e).split("\n").slice(0, 8).join("\n  "));
  }
}
process.exit(failed ? 1 : 0);
