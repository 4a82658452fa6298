// Checks `plinth roadmap --json` output against the schedule's invariants:
//   node tests/roadmap/schedule.mjs DEVS FILE.json
// Every task has id, name, days, deps, start, finish, dev; a task starts
// after each dep finishes; no developer works on two tasks at once; there
// are DEVS developers at most; duration_days is the last finish; the
// critical path is a chain of deps whose days add up to the CPM length and
// is no longer than the schedule. Prints "ok" or the first violation.
import { readFileSync } from "node:fs";

const [devs, file] = process.argv.slice(2);
const r = JSON.parse(readFileSync(file, "utf8"));
const fail = (m) => { console.log(`FAIL ${file}: ${m}`); process.exit(1); };
const eps = 1e-6;
for (const k of ["tasks", "critical_path", "duration_days", "devs", "milestones"])
  if (!(k in r)) fail(`no ${k}`);
if (r.devs !== Number(devs)) fail(`devs ${r.devs}, expected ${devs}`);
const byId = new Map(r.tasks.map((t) => [t.id, t]));
if (byId.size !== r.tasks.length) fail("task ids are not unique");
let last = 0;
for (const t of r.tasks) {
  for (const k of ["id", "name", "days", "deps", "start", "finish", "dev"]) if (!(k in t)) fail(`task without ${k}`);
  if (Math.abs(t.finish - t.start - t.days) > eps) fail(`${t.id}: finish - start != days`);
  if (t.dev < 1 || t.dev > r.devs) fail(`${t.id}: developer ${t.dev} of ${r.devs}`);
  for (const d of t.deps) {
    const dep = byId.get(d);
    if (!dep) fail(`${t.id}: unknown dep ${d}`);
    if (t.start < dep.finish - eps) fail(`${t.id} starts at ${t.start} before ${d} finishes at ${dep.finish}`);
  }
  last = Math.max(last, t.finish);
}
if (Math.abs(last - r.duration_days) > eps) fail(`duration ${r.duration_days}, last finish ${last}`);
const perDev = new Map();
for (const t of r.tasks) {
  if (t.days === 0) continue;
  const l = perDev.get(t.dev) || [];
  l.push(t);
  perDev.set(t.dev, l);
}
for (const [d, l] of perDev) {
  l.sort((a, b) => a.start - b.start);
  for (let i = 1; i < l.length; i++)
    if (l[i].start < l[i - 1].finish - eps) fail(`developer ${d} works on ${l[i - 1].id} and ${l[i].id} at once`);
}
let sum = 0;
for (let i = 0; i < r.critical_path.length; i++) {
  const t = byId.get(r.critical_path[i]);
  if (!t) fail(`critical path names unknown ${r.critical_path[i]}`);
  if (i && !t.deps.includes(r.critical_path[i - 1])) fail(`critical path: ${t.id} does not need ${r.critical_path[i - 1]}`);
  sum += t.days;
}
if (Math.abs(sum - r.critical_days) > eps) fail(`critical path adds up to ${sum}, CPM says ${r.critical_days}`);
if (r.critical_days > r.duration_days + eps) fail("critical path longer than the schedule");
const names = r.milestones.map((m) => m.name).join(",");
if (names !== "MVP,beta,production") fail(`milestones ${names}`);
for (const m of r.milestones) if (!m.criteria.length) fail(`milestone ${m.name} has no criteria`);
console.log("ok");
