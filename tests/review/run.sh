#!/bin/sh
# Design-review tests: the decisions a principal architect would send back,
# asserted as principles over ten idea texts and specs unlike the examples
# (tests/review/specs: EU invoicing SaaS, HIPAA clinic on Azure, a game
# backend, an internal dashboard, an IoT fleet on GCP, a news site, a
# ride-hailing dispatch, a PCI marketplace, a video course platform, a
# 40-engineer logistics platform) and the four examples.
#
#   vendor_cost_stated  a managed service of another vendor than the stack's
#                       cloud is chosen only with that cost in its reasons
#   compute_home        the compute runs in the stack's cloud, named or assumed
#                       (the archetype specs name none)
#   parts_have_host     self-hosted parts run on the compute's platform, or
#                       the compute's reasons say they need a second one
#   budget_swap_fits    a swap made for the budget leaves the stack within it
#                       (no burden or vendor traded for part of an overrun)
#   slots_filled        compute and gateway are always chosen
#   skill_is_specific   "the team already knows X" outside the code stack
#                       names the technology, not its cloud or language
#   reason_not_shared   a compute is not rejected for the team's language
#                       when it runs containers, which run every language
#   functions_front     functions are not fronted by a self-hosted proxy
#   pattern_nouns       a pattern's texts name no shop, stock, checkout,
#                       device or reading the spec does not name
#
# Each check is first shown a doctored plan it must reject.
#
#   PLINTH=./plinth sh tests/review/run.sh
# Prints ok/FAIL per check and input, last "N passed, M failed".
set -u
PLINTH=${PLINTH:-./plinth}
export PLINTH
. tests/lib.sh
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

if ! command -v node >/dev/null 2>&1; then
  echo "skipped: node is required to read the plan JSON"
  echo "0 passed, 0 failed"
  exit 0
fi

J=$tmp/review.js
cat >"$J" <<'EOF'
const fs = require("fs"), cp = require("child_process");
const PL = process.env.PLINTH;
const [names, planFile, specFile, label] = process.argv.slice(2);
const p = JSON.parse(fs.readFileSync(planFile, "utf8"));
const spec = fs.readFileSync(specFile, "utf8");
const shown = {};
function tech(id) {
  if (!shown[id]) {
    const s = cp.execFileSync(PL, ["kb", "show", id], {encoding: "utf8"});
    const line = k => ((s.match(new RegExp("^" + k + " +(.*)$", "m")) || [, ""])[1]).trim();
    shown[id] = {id, hosting: line("hosting"), clouds: line("clouds").split(/\s+/).filter(Boolean),
                 caps: line("caps").split(/\s+/).filter(Boolean), family: (line("slot").match(/\((.*)\)/) || [, ""])[1],
                 vendor: line("vendor")};
  }
  return shown[id];
}
const CODE = ["api", "language", "framework", "orm", "authlib", "validation", "testing", "loadtest", "lint",
              "logging", "iac", "cicd"];
const LANGS = ["go", "python", "java", "node", "typescript", "javascript", "csharp", "dotnet", "rust", "ruby",
               "kotlin", "php"];
const CLOUDS = ["aws", "gcp", "azure"];
const infra = p.decisions.filter(d => !CODE.includes(d.slot) && d.choice);
const dec = slot => p.decisions.find(d => d.slot === slot);
const selfRun = t => t.hosting === "self-hosted";
const unowned = t => ["self-hosted", "library", "tool"].includes(t.hosting);
/* A managed service outside the stack's cloud: offered elsewhere, or
 * another vendor's service that runs on it (Neon, Supabase, Heroku). */
const abroad = t => !unowned(t) && !(t.clouds.length === 1 && t.clouds[0] === p.cloud && !t.vendor);
let bad = [];
const checks = {
  vendor_cost_stated() {
    for (const d of infra)
      if (d.choice !== (dec("compute") || {}).choice || d.slot === "compute")
        if (abroad(tech(d.choice)) && !d.because.some(b => /^another vendor than /.test(b)))
          bad.push(d.slot + ": " + d.choice + " is outside " + p.cloud + " and its reasons do not state that cost");
  },
  compute_home() {
    /* named or assumed: the stores, queues and caches live in p.cloud */
    const c = dec("compute");
    if (c && c.choice && p.cloud !== "self-hosted" && abroad(tech(c.choice)))
      bad.push("compute " + c.choice + " runs outside " + p.cloud + ", the stack's cloud");
  },
  parts_have_host() {
    const c = dec("compute");
    if (!c || !c.choice || p.cloud === "self-hosted") return;
    const ct = tech(c.choice);
    const parts = infra.filter(d => d.slot !== "compute" && selfRun(tech(d.choice))).map(d => d.choice);
    const hosts = ct.caps.includes("containers") && ct.caps.includes("long-running");
    if (parts.length && !hosts && !c.because.some(b => /second platform/.test(b)))
      bad.push("compute " + c.choice + " cannot run the self-hosted " + parts.join(", ") + " and does not say so");
  },
  budget_swap_fits() {
    const budget = p.estimate.cost.budget_usd;
    const swapped = infra.filter(d => /^the \$[\d,.]+ budget:/.test(d.because[0] || ""));
    if (swapped.length && budget && p.estimate.cost.monthly_usd > budget + 0.01)
      bad.push("swapped " + swapped.map(d => d.slot + " to " + d.choice).join(", ") + " for the budget, and the stack " +
               "still costs $" + p.estimate.cost.monthly_usd + " against $" + budget);
  },
  slots_filled() {
    for (const s of ["compute", "gateway"]) {
      const d = dec(s);
      if (!d || !d.choice) bad.push(s + " has no choice");
    }
  },
  skill_is_specific() {
    for (const d of infra)
      for (const b of d.because) {
        const m = b.match(/^the team already knows (\S+)$/);
        if (m && (CLOUDS.includes(m[1]) || LANGS.includes(m[1])))
          bad.push(d.slot + ": \"" + b + "\" names the ground " + d.choice + " stands on, not " + d.choice);
      }
  },
  pattern_nouns() {
    /* A pattern's texts speak of what the plan has: no shop, stock,
     * checkout, device or reading unless the spec itself names it. */
    const said = spec.toLowerCase();
    for (const pt of p.patterns || [])
      for (const k of ["name", "summary", "why", "watch"])
        for (const w of ["shop", "stock", "checkout", "device", "reading", "metric"])
          if (new RegExp("\\b" + w, "i").test(pt[k] || "") && !said.includes(w))
            bad.push("pattern " + pt.id + " speaks of " + w + ", which the spec never names: " + pt[k]);
  },
  reason_not_shared() {
    const c = dec("compute");
    if (!c) return;
    for (const r of c.rejected || []) {
      const m = r.why.match(/^the team lists none of its skills, while .* matches its (\S+)$/);
      if (m && LANGS.includes(m[1]) && tech(r.option).caps.includes("containers"))
        bad.push("compute: " + r.option + " runs containers in any language, yet is rejected as \"" + r.why + "\"");
    }
  },
  functions_front() {
    const c = dec("compute"), g = dec("gateway");
    if (c && c.choice && g && g.choice && tech(c.choice).family === "functions" && selfRun(tech(g.choice)))
      bad.push("gateway " + g.choice + " is a self-hosted proxy in front of " + c.choice);
  },
};
/* One line per check: "ok NAME_LABEL", or "FAIL NAME_LABEL" and its
 * details indented; exit 1 when any failed. */
let failed = 0;
for (const c of names.split(",")) {
  bad = [];
  checks[c]();
  console.log((bad.length ? "FAIL " : "ok ") + c + (label ? "_" + label : ""));
  for (const l of bad) console.log("    " + l);
  failed += bad.length > 0;
}
process.exit(failed ? 1 : 0);
EOF

CHECKS=vendor_cost_stated,compute_home,parts_have_host,budget_swap_fits,slots_filled,skill_is_specific,reason_not_shared,functions_front,pattern_nouns

# run CHECKS PLAN SPEC LABEL: the checks' lines, counted
run() {
  node "$J" "$@" >"$tmp/out" 2>&1
  while IFS= read -r line; do
    case $line in
      "ok "*) ok "${line#ok }" ;;
      "FAIL "*) bad "${line#FAIL }" ;;
      *) echo "$line" ;;
    esac
  done <"$tmp/out"
}

# --- each checker first rejects a doctored plan (the chat example's JSON,
# edited the way the defect looks) ---
if $PLINTH plan --format json examples/chat.plinth >"$tmp/chat.json" 2>/dev/null; then
  doctor() {   # NAME CHECK 'JS edit of p' [SPEC]
    node -e '
      const fs = require("fs"); const p = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
      const dec = s => p.decisions.find(d => d.slot === s);
      (new Function("p", "dec", process.argv[2]))(p, dec);
      fs.writeFileSync(process.argv[3], JSON.stringify(p));' "$tmp/chat.json" "$3" "$tmp/bad_$1.json"
    if node "$J" "$2" "$tmp/bad_$1.json" "${4:-examples/chat.plinth}" >/dev/null 2>&1; then
      bad "checker_rejects_$1" "the $2 check accepted a doctored plan"
    else
      ok "checker_rejects_$1"
    fi
  }
  doctor vendor vendor_cost_stated 'const d = dec("database"); d.choice = "neon"; d.because = ["cheap"];'
  doctor home compute_home 'dec("compute").choice = "fly-io"; p.cloud = "gcp";' tests/review/specs/iot.plinth
  doctor home_assumed compute_home 'dec("compute").choice = "heroku";' tests/archetypes/ratelimit.plinth
  doctor host parts_have_host 'const c = dec("compute"); c.choice = "aws-lambda"; c.because = []; dec("auth").choice = "keycloak";'
  doctor budget budget_swap_fits 'dec("queue").because = ["the $10 budget: SQS, the first choice, costs $1 a month here"]; p.estimate.cost.budget_usd = 10;'
  doctor filled slots_filled 'dec("gateway").choice = null;'
  doctor skill skill_is_specific 'dec("gateway").because.push("the team already knows aws");'
  doctor shared reason_not_shared 'dec("compute").rejected.push({option: "aws-fargate", why: "the team lists none of its skills, while AWS Lambda matches its go"});'
  doctor nouns pattern_nouns 'p.patterns.push({id: "x", name: "x", why: "while the rest of the shop keeps working"});'
  doctor front functions_front 'dec("compute").choice = "aws-lambda"; dec("gateway").choice = "nginx";'
else
  bad "plan_chat" "plinth plan --format json examples/chat.plinth failed"
fi

# --- the principles over the review inputs and the examples ---
for spec in tests/review/specs/*.plinth examples/*.plinth tests/archetypes/*.plinth; do
  name=$(basename "$spec" .plinth)
  if ! $PLINTH plan --format json "$spec" >"$tmp/$name.json" 2>"$tmp/$name.err"; then
    bad "plan_$name" "$(head -n 3 "$tmp/$name.err")"
    continue
  fi
  run "$CHECKS" "$tmp/$name.json" "$spec" "$name"
done

summary
