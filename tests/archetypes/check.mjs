// Checks one `plinth plan --format json` document against assertions:
//   node check.mjs PLAN.json ASSERTION...
//   component:NAME            a component with this name, a non-empty
//                             sized_by holding '=' and a number, value > 0
//   design:TOPIC~TEXT         a design decision whose topic starts with
//                             TOPIC, whose choice contains TEXT, with a
//                             reason, an alternative and a revisit text
//   flip:TOPIC=NUMBER         that decision flips at NUMBER (within 1%)
//   risk:ID                   a risk with this id in the register
//   norisk:ID                 no risk with this id in the register
//   nocomponent:NAME          no component with this name
//   sized:NAME~TEXT           that component's sized_by contains TEXT
//   class:CLASS=ENTITY        the entity is kept in that data class
// Prints one line per failed assertion; exit 1 on any.
import { readFileSync } from "node:fs";

const [file, ...asserts] = process.argv.slice(2);
const plan = JSON.parse(readFileSync(file, "utf8"));
let bad = 0;
const fail = (m) => { console.log(`FAIL ${file}: ${m}`); bad++; };
const design = (t) => plan.design_decisions.find((d) => d.topic.startsWith(t));
for (const a of asserts) {
  const i = a.indexOf(":"), kind = a.slice(0, i), arg = a.slice(i + 1);
  if (kind === "component" || kind === "nocomponent") {
    const c = plan.components.find((c) => c.name === arg);
    if (kind === "nocomponent") { if (c) fail(`unexpected component ${arg}`); continue; }
    if (!c) fail(`no component ${arg}; have ${plan.components.map((c) => c.name).join(", ")}`);
    else if (!/=/.test(c.sized_by) || !/[0-9]/.test(c.sized_by) || !(c.value > 0) || !c.purpose)
      fail(`component ${arg} is not sized: ${JSON.stringify(c)}`);
  } else if (kind === "design") {
    const [topic, text] = arg.split("~");
    const d = design(topic);
    if (!d) fail(`no design decision ${topic}; have ${plan.design_decisions.map((d) => d.topic).join(", ")}`);
    else if (!d.choice.includes(text)) fail(`${topic}: choice is "${d.choice}", wanted "${text}"`);
    else if (!d.because.length || !d.rejected.length || !d.revisit) fail(`${topic}: no reason, alternative or revisit`);
  } else if (kind === "flip") {
    const [topic, num] = arg.split("=");
    const d = design(topic);
    if (!d) fail(`no design decision ${topic}`);
    else if (Math.abs(d.flip.at - Number(num)) > Math.abs(Number(num)) * 0.01)
      fail(`${topic}: flips at ${d.flip.at}, wanted ${num}`);
  } else if (kind === "sized") {
    const [name, text] = arg.split("~");
    const c = plan.components.find((c) => c.name === name);
    if (!c || !c.sized_by.includes(text)) fail(`${name}: sized_by ${c ? JSON.stringify(c.sized_by) : "(none)"}, wanted "${text}"`);
  } else if (kind === "risk") {
    if (!plan.risks.register.some((r) => r.id === arg))
      fail(`no risk ${arg}; have ${plan.risks.register.map((r) => r.id).join(", ")}`);
  } else if (kind === "norisk") {
    if (plan.risks.register.some((r) => r.id === arg)) fail(`unexpected risk ${arg}`);
  } else if (kind === "class") {
    const [cls, ent] = arg.split("=");
    const c = plan.data_classes.find((c) => c.entities.includes(ent));
    if (!c || c.class !== cls) fail(`${ent} is in class ${c ? c.class : "none"}, wanted ${cls}`);
  } else fail(`unknown assertion ${a}`);
}
process.exit(bad ? 1 : 0);
