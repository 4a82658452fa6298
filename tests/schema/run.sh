#!/bin/sh
# Every JSON output against its JSON Schema (docs/schema/, draft 2020-12)
# with ajv: model, plan (and plan.json under -o), estimate, roadmap, check,
# new, diagnose and diff, for every example (and diff between examples,
# and each against itself). Each output must name its schema in "$schema".
# ajv is first shown broken documents (a wrong type, a missing required
# key, a wrong "$schema") and must reject each.
#
# Run from the repository root: PLINTH=./plinth sh tests/schema/run.sh
set -u
PLINTH=${PLINTH:-./plinth}
case $PLINTH in /*) ;; *) PLINTH=$(pwd)/$PLINTH ;; esac
V="node tests/schema/validate.mjs"
pass=0
fail=0
T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT
export NODE_NO_WARNINGS=1
ok() {
  echo "ok $1"
  pass=$((pass + 1))
}
bad() {
  echo "FAIL $1"
  [ $# -gt 1 ] && [ -f "$2" ] && head -n 20 "$2" | sed 's/^/    /'
  fail=$((fail + 1))
}

# ---- broken documents first ----
"$PLINTH" plan --format json examples/taskflow.plinth >"$T/plan.json"
"$PLINTH" roadmap --json examples/taskflow.plinth >"$T/roadmap.json"
node -e '
  const fs = require("fs");
  const p = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  fs.writeFileSync(process.argv[2], JSON.stringify({ ...p, plinth_plan: "one" }));
  const { decisions, ...rest } = p;
  fs.writeFileSync(process.argv[3], JSON.stringify(rest));
  const r = JSON.parse(fs.readFileSync(process.argv[4], "utf8"));
  r.tasks[0].days = "two";
  fs.writeFileSync(process.argv[5], JSON.stringify(r));
  fs.writeFileSync(process.argv[6], JSON.stringify({ ...p, $schema: "https://plinth.dev/schema/1/model.schema.json" }));
  const t = JSON.parse(JSON.stringify(p));
  const d = t.decisions.find(x => x.topology);
  d.topology.replicas = 0.5;
  fs.writeFileSync(process.argv[7], JSON.stringify(t));
' "$T/plan.json" "$T/bad-type.json" "$T/bad-missing.json" "$T/roadmap.json" "$T/bad-nested.json" "$T/bad-name.json" "$T/bad-topology.json"
for b in bad-type:plan bad-missing:plan bad-nested:roadmap bad-name:plan bad-topology:plan; do
  if $V "${b#*:}.schema.json" "$T/${b%%:*}.json" >"$T/out" 2>&1 || ! grep -Eq 'must|"\$schema" is' "$T/out"; then
    bad "ajv accepted a broken document (${b%%:*}), or failed for another reason" "$T/out"
  else
    ok "ajv rejects a broken document (${b%%:*}): $(head -c 150 "$T/out")"
  fi
done

# ---- every example's outputs ----
i=0
for s in examples/*.plinth; do
  n=$(basename "$s" .plinth)
  "$PLINTH" model --json "$s" >"$T/$n.model.json"
  "$PLINTH" plan --format json "$s" >"$T/$n.plan.json"
  "$PLINTH" estimate --json "$s" >"$T/$n.estimate.json"
  "$PLINTH" roadmap --json "$s" >"$T/$n.roadmap.json"
  "$PLINTH" check --format json "$s" >"$T/$n.check.json"
  "$PLINTH" diagnose --json --spec "$s" "p95 3s under load" "database cpu 95%" >"$T/$n.diagnose.json"
  idea=$(sed -n 's/^ *idea "\(.*\)"$/\1/p' "$s" | head -n 1)
  "$PLINTH" new --json "$idea" >"$T/$n.new.json" 2>/dev/null
  "$PLINTH" diff --json "$s" "$s" >"$T/$n.self.diff.json"
  for o in examples/*.plinth; do
    [ "$o" = "$s" ] || "$PLINTH" diff --json "$s" "$o" >"$T/$n.$(basename "$o" .plinth).diff.json"
  done
done
"$PLINTH" plan examples/shop.plinth -o "$T/dir" >/dev/null 2>&1
cp "$T/dir/plan.json" "$T/shop-o.plan.json"
"$PLINTH" diagnose --json "error rate 5%" >"$T/nospec.diagnose.json"
"$PLINTH" check --format json tests/diag/modifier_unknown.plinth >"$T/error.check.json"
for kind in model plan estimate roadmap check new diagnose diff; do
  files=$(ls "$T"/*."$kind".json)
  count=$(echo "$files" | wc -l)
  # shellcheck disable=SC2086
  if $V "$kind.schema.json" $files >"$T/out" 2>&1; then
    ok "$kind: $count outputs valid against docs/schema/$kind.schema.json"
  else
    bad "$kind: outputs invalid" "$T/out"
  fi
done

# Every schema is itself a valid 2020-12 schema and names its id.
for f in docs/schema/*.schema.json; do
  if node -e '
    const Ajv = require("ajv/dist/2020").default;
    const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const ok = new Ajv({ strictTuples: false, allowUnionTypes: true }).validateSchema(s) &&
      s.$id === "https://plinth.dev/schema/1/" + require("path").basename(process.argv[1]);
    process.exit(ok ? 0 : 1);' "$f"; then
    ok "$(basename "$f"): a 2020-12 schema with its \$id"
  else
    bad "$(basename "$f") is not a valid schema or misnames its \$id"
  fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
