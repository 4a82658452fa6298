// Runs several Postman collections with newman, one after the other, in one
// node process (newman's library, as the CLI runs it): newman loads once.
//   node tests/kit/newman-all.cjs NAME=COLLECTION=BASEURL...
// Prints per collection "ok NAME: T tests, A assertions in R requests" or
// "FAIL NAME: ..." with each failing assertion; exits 1 when one failed.
const newman = require("newman");

const runs = process.argv.slice(2).map((arg) => {
  const [name, collection, ...url] = arg.split("=");
  return { name, collection, baseUrl: url.join("=") };
});
let failed = 0;
(function next(i) {
  if (i >= runs.length) process.exit(failed ? 1 : 0);
  const r = runs[i];
  const collection = require(require("path").resolve(r.collection));
  const tests = collection.item.reduce((n, g) => n + (g.item ? g.item.length : 1), 0);
  newman.run({ collection, envVar: [{ key: "baseUrl", value: r.baseUrl }],
    reporters: [], bail: true }, (err, summary) => {
    const st = summary && summary.run.stats;
    const fails = summary ? summary.run.failures : [];
    if (err || !st || fails.length || st.assertions.failed || st.requests.failed) {
      failed++;
      console.log(`FAIL ${r.name}: ${err ? err.message : `${fails.length} failures`}`);
      for (const f of fails.slice(0, 20))
        console.log(`  ${f.source && f.source.name}: ${f.error && f.error.message}`);
    } else
      console.log(`ok ${r.name}: ${tests} tests, ${st.assertions.total} assertions in ${st.requests.total} requests`);
    next(i + 1);
  });
})(0);
