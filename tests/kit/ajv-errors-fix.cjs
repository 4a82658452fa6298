// The shared install resolves ajv-errors against the top-level ajv (8.17.1,
// pinned for the project's own checks) while @stoplight/spectral-core, which
// @asyncapi/parser loads, compiles with its own nested ajv (8.20.0); their
// code generators differ and every parse dies with "Unexpected token ':'".
// This hook gives each ajv its own copy of ajv-errors, bound to that ajv.
// Required before @asyncapi/parser; remove once npm dedupes the two ajvs.
const Module = require('module');
const path = require('path');
const resolve = Module._resolveFilename;
const load = Module._load;
const copies = new Map();
let bound = null;
Module._resolveFilename = function (req, parent, ...rest) {
  if (bound && parent && parent.filename && parent.filename.includes(`${path.sep}ajv-errors${path.sep}`) &&
      (req === 'ajv' || req.startsWith('ajv/')))
    return resolve.call(this, bound + req.slice(3), parent, ...rest);
  return resolve.call(this, req, parent, ...rest);
};
Module._load = function (req, parent, isMain) {
  if (req !== 'ajv-errors' || !parent)
    return load.apply(this, arguments);
  const ajv = path.dirname(resolve.call(Module, 'ajv/package.json', parent));
  if (!copies.has(ajv)) {
    for (const k of Object.keys(require.cache))
      if (k.includes(`${path.sep}ajv-errors${path.sep}`))
        delete require.cache[k];
    bound = ajv;
    try {
      copies.set(ajv, load.call(this, req, parent, isMain));
    } finally {
      bound = null;
    }
  }
  return copies.get(ajv);
};
