// Prism mock servers of several OpenAPI documents in one node process, as
// `prism mock` serves each (@stoplight/prism-cli's single-process server,
// with the CLI's defaults): Prism loads once instead of once per document.
//   node tests/kit/mocks.cjs PORT=FILE...   listens on 127.0.0.1:PORT each
// Logs to stdout; a document that cannot be served is logged and the
// others go on (the caller polls each port).
const path = require("path");
const { createSingleProcessPrism } = require("@stoplight/prism-cli/dist/util/createServer");

for (const arg of process.argv.slice(2)) {
  const eq = arg.indexOf("=");
  const port = Number(arg.slice(0, eq)), document = path.resolve(arg.slice(eq + 1));
  createSingleProcessPrism({
    cors: true, dynamic: false, port, host: "127.0.0.1", document, multiprocess: false, errors: false,
    verboseLevel: "info", ignoreExamples: false, seed: null, jsonSchemaFakerFillProperties: undefined,
  }).catch((e) => console.log(`FAIL ${port} ${document}: ${e && e.message}`));
}
