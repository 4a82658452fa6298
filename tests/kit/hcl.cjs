// Parses HCL with @cdktf/hcl2json (no Terraform or OpenTofu binary exists
// here) and checks that every reference names something declared: each
// TYPE.NAME.attr a resource block (AWS, Google Cloud and Azure types), each
// var.X a variable, each local.X a local; no block is declared twice;
// file() reads a file that exists; every resource's provider (the type's
// prefix) is in required_providers. It cannot check a resource's
// arguments against the provider's schema (no provider here).
const { parse } = require('@cdktf/hcl2json');
const fs = require('fs');
const path = require('path');
(async () => {
  let bad = 0;
  for (const f of process.argv.slice(2)) {
    const problems = [];
    let j;
    try {
      j = await parse(path.basename(f), fs.readFileSync(f, 'utf8'));
    } catch (e) {
      console.log(`${f}: ${e.message || e}`);
      bad++;
      continue;
    }
    const resources = new Set(), vars = new Set(Object.keys(j.variable || {})), locals = new Set();
    for (const [type, byName] of Object.entries(j.resource || {}))
      for (const [name, blocks] of Object.entries(byName)) {
        if (blocks.length > 1) problems.push(`resource ${type}.${name} declared ${blocks.length} times`);
        resources.add(`${type}.${name}`);
      }
    for (const [name, blocks] of Object.entries(j.variable || {}))
      if (blocks.length > 1) problems.push(`variable ${name} declared ${blocks.length} times`);
    for (const l of j.locals || []) for (const k of Object.keys(l)) locals.add(k);
    const providers = new Set();
    for (const t of j.terraform || []) for (const rp of t.required_providers || []) for (const k of Object.keys(rp)) providers.add(k);
    for (const type of Object.keys(j.resource || {})) {
      const prefix = type.split('_')[0];
      if (!providers.has(prefix)) problems.push(`resource type ${type}: provider ${prefix} is not in required_providers`);
    }
    // Every string of the blocks that holds an expression (hcl2json keeps
    // each expression as "${...}" text, nested braces included).
    const exprs = [];
    const walk = (v) => {
      if (typeof v === 'string') { if (v.includes('${')) exprs.push(v); }
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk({ resource: j.resource, locals: j.locals, provider: j.provider, output: j.output, data: j.data });
    for (const expr of exprs) {
      for (const r of expr.matchAll(/(?<![\w.])((?:aws|google|azurerm)_[a-z0-9_]+)\.([A-Za-z_][\w-]*)/g))
        if (!resources.has(`${r[1]}.${r[2]}`)) problems.push(`reference to undeclared resource ${r[1]}.${r[2]}`);
      for (const r of expr.matchAll(/(?<![\w.])var\.([A-Za-z_][\w-]*)/g))
        if (!vars.has(r[1])) problems.push(`reference to undeclared variable var.${r[1]}`);
      for (const r of expr.matchAll(/(?<![\w.])local\.([A-Za-z_][\w-]*)/g))
        if (!locals.has(r[1])) problems.push(`reference to undeclared local local.${r[1]}`);
      for (const r of expr.matchAll(/file\("([^"]+)"\)/g))
        if (!fs.existsSync(path.resolve(path.dirname(f), r[1]))) problems.push(`file(${r[1]}) does not exist`);
    }
    if (problems.length) {
      bad++;
      console.log(`${f}:`);
      for (const p of [...new Set(problems)].slice(0, 10)) console.log('  ' + p);
    } else console.log(`ok ${f} ${resources.size} resources, ${vars.size} variables`);
  }
  process.exit(bad ? 1 : 0);
})();
