// Structural checks of the contract artifacts that the linters do not make.
//   node tests/contracts/check.mjs openapi FILE...   owner-only, errors, secrets, base path
//   node tests/contracts/check.mjs compose FILE...   valid YAML with services, images, ports
//   node tests/contracts/check.mjs keys FILE...      keys.json: every access path has a key
//   node tests/contracts/check.mjs shop FILE         the shop example's contract: the customer
//                                                    cannot set status or totals, the catalogue
//                                                    is public, transitions and checkout exist
//   node tests/contracts/check.mjs market FILE       money by its meaning and actors from sign-in
//   node tests/contracts/check.mjs lectern FILE      checkout of a priced reference, word spelling
//   node tests/contracts/check.mjs access FILE       access along the ownership chain, kept records
// Prints "FILE: problem" for each problem and exits 1 if there was any.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import yaml from "js-yaml";

const [mode, ...files] = process.argv.slice(2);
let problems = 0;
const bad = (f, msg) => {
  problems++;
  console.log(`${f}: ${msg}`);
};
const CODES = ["VALIDATION_ERROR", "UNAUTHORIZED", "FORBIDDEN", "RESOURCE_NOT_FOUND", "CONFLICT", "RATE_LIMIT_EXCEEDED", "INTERNAL_ERROR"];

function openapi(f, doc) {
  if (doc.openapi !== "3.1.0") bad(f, "not OpenAPI 3.1.0");
  if (!doc.servers || !/^\/v[0-9]+$/.test(doc.servers[0].url)) bad(f, "no versioned base path");
  const codes = doc.components.schemas.Error.properties.error.properties.code.enum;
  if (JSON.stringify(codes) !== JSON.stringify(CODES)) bad(f, `error codes ${codes}`);
  const table = doc["x-error-codes"] || [];
  for (const c of table) if (typeof c.retryable !== "boolean") bad(f, `${c.code} has no retryable`);
  if (table.length !== CODES.length) bad(f, "x-error-codes is incomplete");
  const schemes = Object.keys((doc.components.securitySchemes) || {});
  const ops = [];
  for (const [path, item] of Object.entries(doc.paths || {}))
    for (const [method, op] of Object.entries(item)) if (method !== "parameters") ops.push([path, method, op]);
  if (!ops.length && Object.keys(doc.components.schemas).some((n) => n.endsWith("Create"))) bad(f, "entity schemas but no operations");
  for (const [path, method, op] of ops) {
    const where = `${method.toUpperCase()} ${path}`;
    const rs = op.responses || {};
    for (const s of ["429", "500"]) if (!rs[s]) bad(f, `${where} lacks ${s}`);
    const ok = Object.keys(rs).find((s) => s.startsWith("2"));
    if (ok && rs[ok].headers && !rs[ok].headers["RateLimit-Remaining"]) bad(f, `${where} lacks rate-limit headers`);
    const secured = Array.isArray(op.security) && op.security.length > 0;
    if (secured && !rs["401"]) bad(f, `${where} is secured but has no 401`);
    if (secured && !schemes.includes(Object.keys(op.security[0])[0])) bad(f, `${where} uses an undefined scheme`);
    if (op["x-owner-only"] || op["x-tenant-scope"]) {
      // Another user's row is "not found"; changing it is forbidden.
      if (!secured) bad(f, `${where} is owner-only without security`);
      if (/\{[^}]+\}/.test(path) && !rs["404"]) bad(f, `${where} is owner-only without 404`);
      if (method !== "get" && /\{[^}]+\}/.test(path) && !rs["403"]) bad(f, `${where} is an owner-only write without 403`);
    }
    if (path.startsWith("/webhooks/")) {
      const names = (op.parameters || []).map((p) => p.name);
      for (const h of ["Webhook-Signature", "Webhook-Id"]) if (!names.includes(h)) bad(f, `${where} lacks ${h}`);
    }
  }
  // Server-set fields (readOnly in the row) are in no request body, and money is exact.
  const schemas = doc.components.schemas;
  for (const [name, s] of Object.entries(schemas)) {
    const m = /^(.*)(Create|Update|Register)$/.exec(name);
    const row = m && schemas[m[1]];
    for (const [p, v] of Object.entries(s.properties || {})) {
      // A sign-up's new organisation is an object, not the row's id.
      const org = m && m[2] === "Register" && v.type === "object";
      if (row && row.properties && row.properties[p] && row.properties[p].readOnly && !org) bad(f, `${name} lets the client set server-set ${p}`);
      if (v.format === "decimal" && v.type !== "string") bad(f, `${name}.${p}: money is not a decimal string`);
    }
  }
  // Secrets never come back: a row schema (not a request body: Create, Update,
  // a tenant sign-up's Register) has no writeOnly or password property.
  for (const [name, s] of Object.entries(doc.components.schemas)) {
    if (/(Create|Update|Register)$/.test(name) || name === "LoginRequest") continue;
    for (const [p, v] of Object.entries(s.properties || {}))
      if (v.writeOnly || v.format === "password") bad(f, `response schema ${name} exposes ${p}`);
  }
}

function shop(f, doc) {
  const schemas = doc.components.schemas;
  for (const body of ["OrderCreate", "OrderUpdate"])
    for (const p of ["status", "total"])
      if (schemas[body] && schemas[body].properties && p in schemas[body].properties) bad(f, `${body} lets the customer send ${p}`);
  const patch = doc.paths["/orders/{orderId}"] && doc.paths["/orders/{orderId}"].patch;
  if (patch) bad(f, "PATCH /orders/{orderId} exists though no order field is the customer's to change");
  for (const [path, method] of [["/products", "get"], ["/products/{productId}", "get"]]) {
    const op = doc.paths[path] && doc.paths[path][method];
    if (!op) bad(f, `no ${method.toUpperCase()} ${path}`);
    else if (!Array.isArray(op.security) || op.security.length) bad(f, `${method.toUpperCase()} ${path} needs sign-in`);
  }
  const create = doc.paths["/products"] && doc.paths["/products"].post;
  if (!create || JSON.stringify(create["x-roles"]) !== '["staff"]') bad(f, "POST /products does not name the staff role");
  const cancel = doc.paths["/orders/{orderId}/cancel"] && doc.paths["/orders/{orderId}/cancel"].post;
  if (!cancel || !cancel.responses["409"] || !(cancel.security || []).length) bad(f, "no secured POST /orders/{orderId}/cancel answering 409");
  const pack = doc.paths["/orders/{orderId}/pack"] && doc.paths["/orders/{orderId}/pack"].post;
  if (!pack || JSON.stringify(pack["x-roles"]) !== '["staff"]') bad(f, "POST /orders/{orderId}/pack is not staff-only");
  if (doc.paths["/orders/{orderId}/pay"]) bad(f, "payment is the system's (webhook) transition, yet it is an operation");
  const co = doc.paths["/orders/{orderId}/checkout"] && doc.paths["/orders/{orderId}/checkout"].post;
  if (!co || !JSON.stringify(co.responses).includes("CheckoutSession")) bad(f, "no checkout operation returning a CheckoutSession");
  if (!(schemas.WebhookEvent.required || []).includes("id")) bad(f, "webhook events have no id to deduplicate on");
  const total = schemas.Order && schemas.Order.properties.total;
  if (!total || total.type !== "string" || !total.readOnly) bad(f, "Order.total is not a read-only decimal string");
}

// Money by its meaning (tests/contracts/specs/market.plinth): the seller's
// balance, a payout's fee and a line's copy of the listing's price are the
// server's; a payout's amount is given once; a bid and a listing's price
// are the client's; actors (a bid's bidder, a review's staff approver) come
// from sign-in; rows holding money are never deleted through the API.
function market(f, doc) {
  const schemas = doc.components.schemas;
  const props = (n) => Object.keys((schemas[n] && schemas[n].properties) || {});
  const lacks = (n, p) => { if (props(n).includes(p)) bad(f, `${n} lets the client send ${p}`); };
  const has = (n, p) => { if (!props(n).includes(p)) bad(f, `${n} lacks ${p}, which the client proposes`); };
  for (const n of ["SellerCreate", "SellerUpdate"]) lacks(n, "balance");
  if (!(schemas.Seller && schemas.Seller.properties.balance && schemas.Seller.properties.balance.readOnly)) bad(f, "Seller.balance is not read-only");
  has("PayoutCreate", "amount");
  lacks("PayoutCreate", "fee");
  lacks("PayoutUpdate", "amount");
  for (const n of ["LineCreate", "LineUpdate"]) lacks(n, "amount");
  for (const n of ["BidCreate", "BidUpdate"]) { has(n, "amount"); lacks(n, "bidder"); }
  for (const n of ["ListingCreate", "ListingUpdate"]) has(n, "price");
  for (const n of ["ReviewCreate", "ReviewUpdate"]) { lacks(n, "approver"); lacks(n, "author"); }
  for (const n of ["SellerCreate", "SellerUpdate"]) lacks(n, "kyc");
  for (const n of ["FavouriteCreate", "FavouriteUpdate"]) lacks(n, "seller");
  has("PayoutCreate", "reference");
  lacks("PayoutUpdate", "reference");
  for (const path of ["/payouts/{payoutId}", "/purchases/{purchaseId}"])
    if (doc.paths[path] && doc.paths[path].delete) bad(f, `DELETE ${path}: a row that holds money is deleted`);
  if (!(doc.paths["/bids/{bidId}"] || {}).delete) bad(f, "DELETE /bids/{bidId} is missing: a bid holds no money the server set");
}

// A course shop (tests/contracts/run.sh, lectern): what a payment buys is
// paid through a checkout and fixed once bought; a student's attempt is
// the caller's own; states and collections are spelled as words.
function lectern(f, doc) {
  const schemas = doc.components.schemas;
  const props = (n) => Object.keys((schemas[n] && schemas[n].properties) || {});
  if (!(doc.paths["/enrolments/{enrolmentId}/checkout"] || {}).post) bad(f, "no POST /enrolments/{enrolmentId}/checkout");
  if (props("EnrolmentUpdate").includes("course")) bad(f, "a paid enrolment can be moved to another course");
  if (props("AttemptCreate").includes("student")) bad(f, "AttemptCreate lets the client say which student");
  const want = ["/courses/{courseId}/quizzes", "/people/{personId}"].concat(
    ["decline", "expire", "reverse", "retire", "license", "cancel", "ship", "complete", "edit", "enable", "queue", "agree"].map((v) => "/offers/{offerId}/" + v));
  for (const w of want) if (!doc.paths[w]) bad(f, `no path ${w}: ${Object.keys(doc.paths).filter((p) => p.startsWith(w.slice(0, 8))).join(" ")}`);
}

// A store is published on loopback; a one-shot loader (restart "no")
// waits for its store (healthy when it has a healthcheck) and publishes
// nothing. Every mounted file is beside docker-compose.yml, and each store
// contract in the folder (events.sql, clickhouse.sql, schema.cql,
// dynamodb-table.json) is mounted by some service: the stores start with
// their schemas loaded.
function compose(f, doc) {
  if (!doc || typeof doc.services !== "object") return bad(f, "no services");
  const dir = dirname(f);
  const mounted = new Set();
  const hosts = new Set();
  for (const [name, s] of Object.entries(doc.services)) {
    if (typeof s.image !== "string" || !s.image.includes(":")) bad(f, `${name}: image without a tag`);
    const loader = s.restart === "no";
    if (loader) {
      if (s.ports) bad(f, `${name}: a loader publishes ports`);
      const deps = Object.entries(s.depends_on || {});
      if (!deps.length) bad(f, `${name}: a loader that waits for no store`);
      for (const [dep, c] of deps) {
        const t = doc.services[dep];
        if (!t) bad(f, `${name}: depends on ${dep}, which is no service`);
        else if (c.condition === "service_healthy" && !t.healthcheck) bad(f, `${name}: waits for ${dep} to be healthy, which has no healthcheck`);
      }
    } else if (!Array.isArray(s.ports) || !s.ports.every((p) => /^127\.0\.0\.1:\d+:\d+$/.test(p))) bad(f, `${name}: ports`);
    else
      for (const p of s.ports) {
        const h = p.split(":")[1];
        if (hosts.has(h)) bad(f, `${name}: host port ${h} is published twice`);
        hosts.add(h);
      }
    for (const v of Object.values(s.environment || {})) if (typeof v !== "string") bad(f, `${name}: environment value not a string`);
    for (const v of s.volumes || []) {
      const m = /^\.\/([^:]+):(\/[^:]+)(:ro)?$/.exec(v);
      if (!m) { bad(f, `${name}: volume ${v}`); continue; }
      if (!existsSync(join(dir, m[1]))) bad(f, `${name}: mounts ${m[1]}, which is not beside docker-compose.yml`);
      mounted.add(m[1]);
    }
  }
  for (const c of ["events.sql", "clickhouse.sql", "schema.cql", "dynamodb-table.json"])
    if (existsSync(join(dir, c)) && !mounted.has(c)) bad(f, `${c} is loaded by no service`);
}

function keys(f, doc) {
  if (!["key-value", "wide-column"].includes(doc.family)) bad(f, `family ${doc.family}`);
  const entities = new Set(doc.tables.map((t) => t.entity));
  for (const e of entities)
    if (!doc.tables.some((t) => t.entity === e && t.main)) bad(f, `${e} has no main table`);
  for (const t of doc.tables) {
    if (!t.partition_key.length) bad(f, `${t.name} has no partition key`);
    if (t.bucket && !t.partition_key.some((k) => k.endsWith("_" + t.bucket))) bad(f, `${t.name}: bucket not in the key`);
  }
  const served = new Set(doc.tables.flatMap((t) => t.endpoints));
  for (const op of served) if (!/^[A-Za-z0-9_]+$/.test(op)) bad(f, `odd endpoint ${op}`);
  if (!served.size) bad(f, "no endpoint is served");
}

// Access follows the ownership chain (tests/contracts/run.sh, tenancy):
// rows reaching the agent's Company are that Company's; a child of an
// owner-only row is owner-only; audited, historied and HIPAA-retained rows
// have no DELETE; an account that is one row of money per user is the
// server's to write.
function access(f, doc) {
  const op = (path, m) => (doc.paths[path] || {})[m];
  const scope = (path, m, want) => {
    const o = op(path, m);
    if (!o) return bad(f, `${m.toUpperCase()} ${path} is missing`);
    const got = o["x-tenant-scope"] ? `tenant ${o["x-tenant-scope"]}` : o["x-owner-only"] ? "owner" : "signed in";
    if (got !== want) bad(f, `${m.toUpperCase()} ${path} is ${got}, not ${want}`);
  };
  for (const [path, m] of [["/tickets/{ticketId}", "get"], ["/tickets/{ticketId}", "patch"], ["/companies/{companyId}/tickets", "get"],
                           ["/replies/{replyId}", "delete"], ["/charts/{chartId}", "get"]])
    scope(path, m, "tenant Company");
  for (const [path, m] of [["/notes", "get"], ["/memos/{memoId}", "patch"], ["/notes/{noteId}/memos", "post"]]) scope(path, m, "owner");
  for (const path of ["/charts/{chartId}", "/logs/{logId}", "/entries/{entryId}"])
    if (op(path, "delete")) bad(f, `DELETE ${path}: a kept record is deleted`);
  if (!op("/replies/{replyId}", "delete")) bad(f, "DELETE /replies/{replyId} is missing: nothing keeps a reply");
  const props = (n) => Object.keys((doc.components.schemas[n] || {}).properties || {});
  for (const n of ["WalletCreate", "WalletUpdate"]) if (props(n).includes("cash")) bad(f, `${n} lets the client send cash`);
  if (!props("RateCreate").includes("amount")) bad(f, "RateCreate lacks amount, which the client writes");
}

// Tallies (tests/contracts/run.sh, tallies): counts named after the rows
// that point at an entity, aggregates of those rows' numbers and kb
// tallies (views, followers) are the server's; a number that only shares
// a name with a child's (a position) and a party size stay the client's.
function tallies(f, doc) {
  const props = (n) => Object.keys((doc.components.schemas[n] || {}).properties || {});
  for (const n of ["PostCreate", "PostUpdate"]) {
    for (const p of ["comments_count", "like_count", "views", "avg_rating"]) if (props(n).includes(p)) bad(f, `${n} lets the client send ${p}`);
    for (const p of ["caption", "lat"]) if (!props(n).includes(p)) bad(f, `${n} lacks ${p}, which the client writes`);
  }
  for (const n of ["ReviewCreate", "PingCreate", "BookingCreate"]) {
    const want = { ReviewCreate: "rating", PingCreate: "lat", BookingCreate: "guest_count" }[n];
    if (!props(n).includes(want)) bad(f, `${n} lacks ${want}, which the client writes`);
  }
}

// Parties, grants and issued records (tests/contracts/run.sh, parties):
// only the relation to the row's creator is the caller (a meal's kitchen is
// the client's pick at creation, its rider the server's assignment); the
// member's level, whose values are the auth roles, is never in a body;
// sign-up creates the firm; `retain` and a retained parent withhold DELETE;
// an issued bill freezes its own writes and its lines', not its payments.
function parties(f, doc) {
  const s = doc.components.schemas;
  const props = (n) => Object.keys((s[n] || {}).properties || {});
  const req = (n) => (s[n] || {}).required || [];
  if (!req("MealCreate").includes("kitchen")) bad(f, "MealCreate does not require kitchen, the party the member picks");
  for (const n of ["MealCreate", "MealUpdate"]) for (const p of ["member", "rider"]) if (props(n).includes(p)) bad(f, `${n} lets the client send ${p}`);
  if (props("MealUpdate").includes("kitchen")) bad(f, "MealUpdate lets the client change kitchen, fixed at creation");
  for (const n of ["MemberCreate", "MemberUpdate", "MemberRegister"]) if (props(n).includes("level")) bad(f, `${n} lets the caller pick their own level (an auth role)`);
  const body = doc.paths["/auth/register"]?.post?.requestBody?.content?.["application/json"]?.schema?.$ref || "";
  if (!body.endsWith("/MemberRegister")) bad(f, `register takes ${body || "no body"}, not the tenant sign-up MemberRegister`);
  if (!req("MemberRegister").includes("firm") || !Object.keys(s.MemberRegister?.properties?.firm?.properties || {}).includes("name"))
    bad(f, "MemberRegister does not create the member's Firm (firm.name)");
  for (const p of ["/archives/{archiveId}", "/leaves/{leafId}"]) if (doc.paths[p]?.delete) bad(f, `DELETE ${p}: kept by retain`);
  const frozen = (m, p) => (doc.paths[p]?.[m] || {})["x-frozen-when"];
  for (const [m, p] of [["patch", "/bills/{billId}"], ["post", "/bills/{billId}/bill-lines"], ["patch", "/bill-lines/{billLineId}"]]) {
    const x = frozen(m, p);
    if (!x || x.record !== "Bill" || JSON.stringify(x.states) !== '["issued","void"]') bad(f, `${m} ${p} is not frozen once the Bill is issued or void`);
    else if (!(doc.paths[p][m].responses || {})["409"]) bad(f, `${m} ${p} lacks its 409`);
  }
  if (frozen("post", "/bills/{billId}/payments")) bad(f, "a payment against an issued bill is refused");
  if (frozen("patch", "/meals/{mealId}")) bad(f, "a meal without an issued state is frozen");
  // A party who is not the owner acts through a transition `by ROLE`.
  const sign = doc.paths["/forms/{formId}/sign"]?.post;
  if (!sign || JSON.stringify(sign["x-roles"]) !== '["clerk"]' || sign["x-owner-only"]) bad(f, "no operation for the clerk who signs a form");
}

for (const f of files) {
  try {
    const text = readFileSync(f, "utf8");
    if (mode === "openapi") openapi(f, yaml.load(text));
    else if (mode === "compose") compose(f, yaml.load(text));
    else if (mode === "keys") keys(f, JSON.parse(text));
    else if (mode === "shop") shop(f, yaml.load(text));
    else if (mode === "market") market(f, yaml.load(text));
    else if (mode === "lectern") lectern(f, yaml.load(text));
    else if (mode === "access") access(f, yaml.load(text));
    else if (mode === "tallies") tallies(f, yaml.load(text));
    else if (mode === "parties") parties(f, yaml.load(text));
    else bad(f, `unknown mode ${mode}`);
  } catch (e) {
    bad(f, e.message.split("\n")[0]);
  }
}
process.exit(problems ? 1 : 0);
