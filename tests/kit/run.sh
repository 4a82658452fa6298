#!/bin/sh
# The validation and operations kit through its real consumers, on every
# example and golden spec (and the hostile-names contract spec):
#
#   asyncapi.yaml          @asyncapi/parser, no diagnostic of severity 0
#   contract tests         newman against a Prism mock of openapi.yaml on a
#                          loopback port (prism serves the relative /v1
#                          server's paths at the root); every request passes
#   the alerts file        alerts.yaml as CloudFormation alarms: the schema in
#                          this folder (ajv) and a reference check; as
#                          Prometheus rules: promtool check rules;
#                          alerts.datadog.json and alerts.newrelic.json:
#                          alerts.cjs, the schemas transcribed from the
#                          Datadog Monitors API and New Relic's NerdGraph
#                          (ajv), thresholds and windows cross-checked;
#                          alerts.azure.json and alerts.gcp.json: the schemas
#                          of Azure's prometheusRuleGroups template and the
#                          Monitoring API's AlertPolicy, and their PromQL
#                          through promtool
#   infra/                 Pulumi: tsc --noEmit against the providers' own
#                          types (@pulumi/aws, @pulumi/gcp, @pulumi/azure),
#                          one tsc over every program and the broken one
#                          (tests/kit/batch.sh); Terraform/OpenTofu: hcl2json
#                          and a check that every reference is declared
#   runbooks, documents    markdownlint; validate.sh: sh -n
#   integrity              integrity.cjs: operations, units, events, alerts,
#                          runbooks, tests and files name what exists
#
# Each checker is first shown a broken input and must reject it, in the
# same run as every spec's files (tests/kit/batch.sh): each checker, tsc
# included, starts once. Every spec's Prism mock is served by one node
# process (mocks.cjs) and every collection run by one newman (newman-all.cjs).
# The checkers, mocks and newman run on one lane (tests/lib.sh consumers):
# the other writes the same bytes, and a second set of node processes
# beside the first would crowd two cores.
# Run from the repository root: PLINTH=./plinth sh tests/kit/run.sh
set -u
PLINTH=${PLINTH:-./plinth}
case $PLINTH in /*) ;; *) PLINTH=$(pwd)/$PLINTH ;; esac
ROOT=$(pwd)
BIN=$ROOT/node_modules/.bin
. tests/lib.sh
. tests/kit/batch.sh
T=$(mktemp -d) || exit 2
MOCKS=""
cleanup() {
  for m in $MOCKS; do kill "$m" 2>/dev/null; done
  rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 2' INT TERM
export NODE_NO_WARNINGS=1 NODE_PATH=$ROOT/node_modules

check() { # NAME COMMAND...: passes when the command succeeds
  what=$1
  shift
  if out=$("$@" 2>&1); then ok "$what"; else bad "$what" "$out"; fi
}
rejects() { # NAME COMMAND...: passes when the command fails
  what=$1
  shift
  if out=$("$@" 2>&1); then bad "$what (accepted)" "$out"; else ok "$what"; fi
}

for t in node promtool curl; do
  command -v $t >/dev/null 2>&1 || { echo "skipped: $t is not installed (sh scripts/install-deps.sh)"; exit 0; }
done
[ -x "$BIN/prism" ] && [ -x "$BIN/newman" ] && [ -x "$BIN/tsc" ] && [ -d "$ROOT/node_modules/@pulumi/aws" ] ||
  { echo "skipped: node_modules lacks prism, newman, tsc or @pulumi/aws (npm ci)"; exit 0; }

SPECS="examples/*.plinth tests/golden/specs/*.plinth tests/contracts/specs/hostile.plinth"
# A plan that chooses OpenTofu (HCL): TaskFlow with a team that knows Terraform.
vary examples/taskflow.plinth "$T/tofu.plinth" 's/skills typescript node aws }/skills typescript node aws terraform }/'
# And the services style on App Runner in HCL: Bazaar with a team that knows Terraform.
vary tests/golden/specs/bazaar.plinth "$T/tofu-services.plinth" \
  's/skills java postgresql kubernetes aws }/skills java postgresql kubernetes aws terraform }/'

# The observabilities no example chooses: Datadog (monitors) on the shop,
# self-hosted Prometheus (rules) on the chat (which chooses New Relic).
vary examples/shop.plinth "$T/dd-shop.plinth" 's/^\(project .*{\)$/\1\n  use observability datadog/'
vary examples/chat.plinth "$T/prom-chat.plinth" 's/^\(project .*{\)$/\1\n  use observability prometheus-grafana/'
vary examples/chat.plinth "$T/nr-chat.plinth" 's/^\(project .*{\)$/\1\n  use observability new-relic/'
# Azure Monitor (a Prometheus rule group) on TaskFlow for an Azure team,
# Google Cloud Monitoring (PromQL alert policies) on TaskFlow for a GCP team.
vary examples/taskflow.plinth "$T/az-taskflow.plinth" 's/skills typescript node aws }/skills typescript node azure }/'
vary examples/taskflow.plinth "$T/gcp-taskflow.plinth" 's/skills typescript node aws }/skills typescript node gcp }/'

MOCKING=1
MOCKARGS=""
RUNS=""
BADASYNC=""
consumers || MOCKING=0
# Ports: free ones from this process's id, so two runs side by side differ.
port=$((20000 + $$ % 20000))
names=""
for spec in $SPECS "$T/tofu.plinth" "$T/tofu-services.plinth" "$T/dd-shop.plinth" "$T/prom-chat.plinth" "$T/nr-chat.plinth" "$T/az-taskflow.plinth" "$T/gcp-taskflow.plinth"; do
  name=$(basename "$spec" .plinth)
  d=$T/$name
  if ! "$PLINTH" plan "$spec" -o "$d" >/dev/null 2>"$T/err"; then
    bad "$name: plan -o" "$(cat "$T/err")"
    continue
  fi
  names="$names $name"
  ok "$name: plan -o"
  case $name in tofu* | dd-* | prom-* | az-* | gcp-*) continue ;; esac
  [ $MOCKING -eq 0 ] && continue
  # A port for its mock; the mocks start together below.
  while curl -s -o /dev/null "http://127.0.0.1:$port/"; do port=$((port + 1)); done
  MOCKARGS="$MOCKARGS $port=$d/openapi.yaml"
  echo "$port" >"$d/.port"
  port=$((port + 1))
done
# The checkers read the same bytes on either lane: the lane that does not
# run consumers stops at plinth's own runs.
if ! consumers; then
  summary
  exit
fi
# Every spec's Prism mock in one node process (mocks.cjs: Prism's own
# server, as `prism mock` runs it), started now: they take seconds to come up.
if [ -n "$MOCKARGS" ]; then
  # shellcheck disable=SC2086
  node tests/kit/mocks.cjs $MOCKARGS >"$T/mocks.log" 2>&1 &
  MOCKS="$MOCKS $!"
fi

# ---- the checkers, each first shown a broken input ----
d=$T/taskflow
vary "$d/asyncapi.yaml" "$T/bad-asyncapi.yaml" 's/action: send/action: publish/' &&
  BADASYNC=$T/bad-asyncapi.yaml   # parsed with every spec's below
vary "$d/alerts.yaml" "$T/bad-alerts.yaml" 's/ComparisonOperator: GreaterThanThreshold/ComparisonOperator: Above/' &&
  batch_bad cloudwatch "$T/bad-alerts.yaml" "CloudWatch checker rejects an unknown comparison operator"
vary "$d/alerts.yaml" "$T/bad-ref.yaml" 's/Ref: ApiId/Ref: NoSuchParameter/' &&
  batch_bad cloudwatch "$T/bad-ref.yaml" "CloudWatch checker rejects a Ref to no parameter"
# The provider checkers: a Datadog monitor whose query and threshold differ,
# one with an unknown type; a New Relic term with an unknown operator, one
# that holds for part of a window.
d=$T/dd-shop
if [ -f "$d/alerts.datadog.json" ]; then
  vary "$d/alerts.datadog.json" "$T/bad1.alerts.datadog.json" 's/"critical": 0\.0072/"critical": 0.0073/' &&
    batch_bad alerts "$T/bad1.alerts.datadog.json" "Datadog checker rejects a threshold the query does not compare with"
  vary "$d/alerts.datadog.json" "$T/bad2.alerts.datadog.json" 's/"type": "query alert"/"type": "metric-alert"/' &&
    batch_bad alerts "$T/bad2.alerts.datadog.json" "Datadog checker rejects an unknown monitor type"
else
  bad "dd-shop: no alerts.datadog.json" "$(ls "$d" 2>&1 | head -n 5)"
fi
d=$T/nr-chat
if [ -f "$d/alerts.newrelic.json" ]; then
  vary "$d/alerts.newrelic.json" "$T/bad1.alerts.newrelic.json" 's/"operator": "ABOVE"/"operator": "GREATER_THAN"/' &&
    batch_bad alerts "$T/bad1.alerts.newrelic.json" "New Relic checker rejects an unknown operator"
  vary "$d/alerts.newrelic.json" "$T/bad2.alerts.newrelic.json" 's/"thresholdDuration": 3600/"thresholdDuration": 3630/' &&
    batch_bad alerts "$T/bad2.alerts.newrelic.json" "New Relic checker rejects a term held for part of a window"
else
  bad "nr-chat: no alerts.newrelic.json" "$(ls "$d" 2>&1 | head -n 5)"
fi
for c in az-taskflow:alerts.azure.json:'s/"for": "PT2M"/"for": "2m"/' gcp-taskflow:alerts.gcp.json:'s/"combiner": "OR"/"combiner": "ANY"/'; do
  n=${c%%:*} f=${c#*:}
  e=${f#*:} f=${f%%:*}
  e=${e#\'} e=${e%\'}
  if [ -f "$T/$n/$f" ]; then
    vary "$T/$n/$f" "$T/bad.$f" "$e" &&
      batch_bad alerts "$T/bad.$f" "$f checker rejects what its API refuses ($e)"
  else
    bad "$n: no $f" "$(ls "$T/$n" 2>&1 | head -n 5)"
  fi
done
d=$T/taskflow
mkdir -p "$T/badts" && vary "$d/infra/index.ts" "$T/badts/index.ts" 's/memorySize:/memorySise:/' &&
  tsc_bad "$T/badts/index.ts" "a misspelt resource property (with the programs of every spec below)"
if [ -f "$T/tofu/infra/main.tf" ]; then
  # Checked with every spec's main.tf below (batch.sh hcl_run).
  mkdir -p "$T/hclbad/infra"
  vary "$T/tofu/infra/main.tf" "$T/hclbad/infra/bad.tf" 's/role          = aws_iam_role\./role          = aws_iam_role.no_such_/' &&
    hcl_bad "$T/hclbad/infra/bad.tf" "a reference to an undeclared role"
  printf 'resource "aws_s3_bucket" "x" {\n  bucket = \n' >"$T/hclbad/infra/broken.tf"
  hcl_bad "$T/hclbad/infra/broken.tf" "a syntax error"
fi
# Three broken copies of the folder, each with one fault, checked with
# every spec's folder below (one integrity.cjs).
for b in 1 2 3; do rm -rf "$T/badint$b" && mkdir -p "$T/badint$b" && cp -r "$d/." "$T/badint$b/"; done
node -e '
  const fs = require("fs"), f = process.argv[1], y = require("js-yaml");
  const s = y.load(fs.readFileSync(f, "utf8"));
  s.services[1].operations.pop();
  fs.writeFileSync(f, y.dump(s));' "$T/badint1/services.yaml"
echo 'Check with `aws cloudformation validate-template --template-body file://alerts.cfn.yaml`.' >>"$T/badint2/VALIDATION.md"
rm "$T/badint3/runbooks/$(ls "$T/badint3/runbooks" | head -n 1)"

# ---- every spec ----
# One process per checker over all the specs: node and tsc start slowly.
async=""
cw=""
provider=""
tsfiles=""
tffiles=""
intdirs=""
for name in $names; do
  d=$T/$name
  async="$async $d/asyncapi.yaml"
  if ls "$d"/alerts.*.json >/dev/null 2>&1; then
    provider="$provider $(ls "$d"/alerts.*.json)"
    [ ! -f "$d/alerts.yaml" ] || bad "$name: alerts.yaml beside the provider's alerts file"
  elif grep -q '^AWSTemplateFormatVersion' "$d/alerts.yaml"; then
    cw="$cw $d/alerts.yaml"
  else
    check "$name: alerts.yaml passes promtool check rules" promtool check rules "$d/alerts.yaml"
    if grep -q 'runbook_url:' "$d/alerts.yaml"; then ok "$name: Prometheus rules carry runbook_url"; else bad "$name: no runbook_url"; fi
  fi
  if [ "${name#az-}" != "$name" ] || [ "${name#gcp-}" != "$name" ]; then
    # The Azure and Google Cloud variants are here for their alerts. Their
    # Pulumi program declares that cloud's resources: it must not grant an
    # Azure or Google store's access through AWS roles, and it type-checks
    # with the others.
    if [ -f "$d/infra/index.ts" ] && grep -q 'aws\.iam\.' "$d/infra/index.ts"; then
      bad "$name: AWS roles in the Pulumi skeleton of a stack outside AWS" "$(grep -n 'aws\.iam\.' "$d/infra/index.ts" | head -3)"
    elif [ -f "$d/infra/index.ts" ]; then
      ok "$name: no AWS role in the Pulumi skeleton of a stack outside AWS"
      tsfiles="$tsfiles $d/infra/index.ts"
    fi
  elif [ -f "$d/infra/index.ts" ]; then
    tsfiles="$tsfiles $d/infra/index.ts"
  elif [ -f "$d/infra/main.tf" ]; then
    tffiles="$tffiles $d/infra/main.tf"
  else
    bad "$name: no infrastructure code in infra/"
  fi
  check "$name: validate.sh is valid sh" sh -n "$d/validate.sh"
  intdirs="$intdirs $d"
done
# shellcheck disable=SC2086
node tests/kit/integrity.cjs "$T/badint1" "$T/badint2" "$T/badint3" $intdirs >"$T/integrity.log" 2>&1
for c in "1:an operation no unit serves" "2:VALIDATION.md naming a file the plan does not write" "3:an alert whose runbook is missing"; do
  if batch_rejects "$T/integrity.log" "$T/badint${c%%:*}"; then ok "integrity check rejects ${c#*:}"
  else bad "integrity check rejects ${c#*:} (accepted)" "$(batch_lines "$T/integrity.log" "$T/badint${c%%:*}")"; fi
done
for d in $intdirs; do
  if batch_passes "$T/integrity.log" "$d"; then ok "$(basename "$d"): integrity of units, operations, events, alerts and runbooks"
  else bad "$(basename "$d"): integrity of units, operations, events, alerts and runbooks" "$(grep -F "$d:" "$T/integrity.log")"; fi
done
# shellcheck disable=SC2086
# One @asyncapi/parser over the broken document and every spec's.
# shellcheck disable=SC2086
node tests/kit/asyncapi.cjs $BADASYNC $async >"$T/asyncapi.log" 2>&1
if [ -n "$BADASYNC" ]; then
  if batch_rejects "$T/asyncapi.log" "$BADASYNC"; then ok "asyncapi checker rejects an AsyncAPI 2 action in a 3.0 document"
  else bad "asyncapi checker rejects an AsyncAPI 2 action in a 3.0 document (accepted)" "$(batch_lines "$T/asyncapi.log" "$BADASYNC")"; fi
fi
# shellcheck disable=SC2086
if batch_passes "$T/asyncapi.log" $async; then ok "asyncapi.yaml of every spec parses (@asyncapi/parser)"
else bad "asyncapi.yaml of every spec parses (@asyncapi/parser)" "$(grep -v '^ok ' "$T/asyncapi.log" | head -n 30)"; fi
# shellcheck disable=SC2086
# One run of each alerts checker over the broken files above and every spec's.
# shellcheck disable=SC2046
node tests/kit/cloudwatch.cjs $(batch_bads cloudwatch) $cw >"$T/cloudwatch.log" 2>&1
batch_judge cloudwatch "$T/cloudwatch.log"
if [ -n "$cw" ]; then
  if batch_passes "$T/cloudwatch.log" $cw; then ok "alerts.yaml as CloudWatch alarms fits the CloudFormation schema"
  else bad "alerts.yaml as CloudWatch alarms fits the CloudFormation schema" "$(batch_lines "$T/cloudwatch.log" $cw)"; fi
fi
# shellcheck disable=SC2086
# shellcheck disable=SC2046
node tests/kit/alerts.cjs $(batch_bads alerts) $provider >"$T/alerts.log" 2>&1
batch_judge alerts "$T/alerts.log"
if [ -n "$provider" ]; then
  if batch_passes "$T/alerts.log" $provider; then ok "the Datadog, New Relic, Azure Monitor and Google Cloud alerts fit the schemas of their APIs"
  else bad "the Datadog, New Relic, Azure Monitor and Google Cloud alerts fit the schemas of their APIs" "$(batch_lines "$T/alerts.log" $provider)"; fi
fi
for f in datadog newrelic azure gcp; do
  case $provider in *alerts.$f.json*) ;; *) bad "no plan wrote alerts.$f.json" ;; esac
done
# Azure's rule group and Google Cloud's policies evaluate PromQL: promtool
# checks it, as validate.sh does.
for a in $provider; do
  case $a in *alerts.azure.json | *alerts.gcp.json) ;; *) continue ;; esac
  PROMQL_OUT=$T/promql.json node tests/kit/alerts.cjs "$a" >/dev/null 2>&1 &&
    check "$(basename "$(dirname "$a")"): the PromQL of $(basename "$a") passes promtool check rules" promtool check rules "$T/promql.json" ||
    bad "$a: could not extract its PromQL"
done
# One hcl.cjs over every main.tf and the broken ones.
# shellcheck disable=SC2086
[ -z "$tffiles" ] || hcl_run $tffiles
# Each index.ts is a module, so one tsc program checks them all.
# shellcheck disable=SC2086
if [ -n "$tsfiles" ]; then
  tsc_config "$T/tsconfig.json" true $tsfiles "$T/badts/index.ts"
  tsc_run "$T/tsconfig.json" "infra/index.ts of every Pulumi plan type-checks ($(echo $tsfiles | wc -w) programs, tsc --noEmit against @pulumi/*)"
fi
md=""
for name in $names; do md="$md $T/$name/runbooks/*.md $T/$name/DEPLOYMENT.md $T/$name/VALIDATION.md"; done
# shellcheck disable=SC2086
check "markdownlint on every spec's runbooks, DEPLOYMENT.md and VALIDATION.md" "$BIN/markdownlint-cli2" \
  --config tests/reports/.markdownlint-cli2.jsonc $md

# ---- contract tests against the mocks ----
for name in $names; do
  case $name in tofu* | dd-* | prom-* | az-* | gcp-*) continue ;; esac
  [ $MOCKING -eq 0 ] && continue
  d=$T/$name
  p=$(cat "$d/.port")
  i=0
  while [ $i -lt 240 ] && ! curl -s -o /dev/null "http://127.0.0.1:$p/"; do
    sleep 0.25
    i=$((i + 1))
  done
  if ! curl -s -o /dev/null "http://127.0.0.1:$p/"; then
    # Once more on another port: the first may have been taken meanwhile.
    p=$((p + 1000))
    (cd "$d" && exec "$BIN/prism" mock -h 127.0.0.1 -p "$p" openapi.yaml >"$T/$name.prism.log" 2>&1) &
    MOCKS="$MOCKS $!"
    i=0
    while [ $i -lt 240 ] && ! curl -s -o /dev/null "http://127.0.0.1:$p/"; do
      sleep 0.25
      i=$((i + 1))
    done
  fi
  if ! curl -s -o /dev/null "http://127.0.0.1:$p/"; then
    bad "$name: Prism mock did not start" "$(cat "$T/mocks.log" "$T/$name.prism.log" 2>/dev/null)"
    continue
  fi
  RUNS="$RUNS $name=$d/contract-tests.postman_collection.json=http://127.0.0.1:$p"
done
# The same tests fail against a contract that lost its auth: they test something.
d=$T/taskflow
if [ -f "$d/.port" ]; then
  p=$(cat "$d/.port")
  node -e '
    const c = require(process.argv[1]);
    for (const g of c.item) for (const t of g.item)
      if (/no credentials/.test(t.name)) t.event[0].script.exec[0] = t.event[0].script.exec[0].replace(/status\(401\)/, "status(200)");
    require("fs").writeFileSync(process.argv[2], JSON.stringify(c));' \
    "$d/contract-tests.postman_collection.json" "$T/bad-collection.json"
  RUNS="$RUNS bad-collection=$T/bad-collection.json=http://127.0.0.1:$p"
fi
# Every collection in one newman process (newman-all.cjs: newman's library,
# one run after the other, --bail as the CLI was given).
if [ -n "$RUNS" ]; then
  # shellcheck disable=SC2086
  node tests/kit/newman-all.cjs $RUNS >"$T/newman.log" 2>&1
  for r in $RUNS; do
    name=${r%%=*}
    line=$(grep "^ok $name: \|^FAIL $name: " "$T/newman.log")
    if [ "$name" = bad-collection ]; then
      case $line in
      FAIL*) ok "newman fails a test that expects the wrong status" ;;
      *) bad "newman fails a test that expects the wrong status (accepted)" "$line" ;;
      esac
    else
      case $line in
      ok*) n=${line#ok "$name": }
        ok "$name: ${n%% tests,*} contract tests pass (newman against Prism)" ;;
      *) bad "$name: contract tests (newman against Prism)" "$(sed -n "/^FAIL $name: /,/^[a-zA-Z]/p" "$T/newman.log")" ;;
      esac
    fi
  done
fi

# ---- validate.sh itself, on chat with self-hosted Prometheus (rules), with
# npx mapped to the local tools (no registry here) and without npm, aws
# and k6 ----
d=$T/prom-chat
if [ -f "$d/alerts.yaml" ]; then ok "prom-chat: Prometheus chosen, the alerts are alerts.yaml"; else bad "prom-chat: no alerts.yaml" "$(ls "$d")"; fi
if [ $MOCKING -eq 1 ] && [ -f "$d/validate.sh" ]; then
  mkdir -p "$T/bin"
  for t in sh dirname curl sleep pkill promtool node cat sed grep; do
    p=$(command -v $t) && ln -sf "$p" "$T/bin/$t"
  done
  {
    echo '#!/bin/sh'
    echo '[ "$1" = --yes ] && shift'
    echo 'pkg=$1'
    echo 'shift'
    echo 'case $pkg in'
    echo "  @redocly/cli@*) exec \"$BIN/redocly\" \"\$@\" ;;"
    echo "  @stoplight/prism-cli@*) exec \"$BIN/prism\" \"\$@\" ;;"
    echo "  newman@*) exec \"$BIN/newman\" \"\$@\" ;;"
    echo "  @asyncapi/cli@*) [ \"\$1\" = validate ] && shift; exec node \"$ROOT/tests/kit/asyncapi.cjs\" \"\$@\" ;;"
    echo 'esac'
    echo 'echo "npx shim: $pkg is not installed here" >&2'
    echo 'exit 127'
  } >"$T/bin/npx"
  chmod +x "$T/bin/npx"
  out=$(cd "$d" && PATH=$T/bin REDOCLY_TELEMETRY=off NODE_PATH=$ROOT/node_modules sh validate.sh 2>&1)
  rc=$?
  last=$(printf '%s\n' "$out" | tail -n 1)
  # The two lints, the contract tests and promtool pass; the infrastructure
  # (no npm) and the load test (no deployed build) are skipped, never passed.
  if [ $rc -eq 0 ] && [ "$last" = "4 passed, 0 failed, 2 skipped" ]; then
    ok "prom-chat: validate.sh runs the lints, the contract tests against its mock and promtool (4 passed, 2 skipped)"
  else
    bad "prom-chat: validate.sh: exit $rc, '$last'" "$out"
  fi
  # With a contract test that cannot pass, validate.sh fails.
  vary "$d/contract-tests.postman_collection.json" "$T/failing-contract.json" 's/status(401)/status(299)/' &&
    cp "$T/failing-contract.json" "$d/contract-tests.postman_collection.json"
  # The lints passed in the run above; this run is about the contract
  # tests, so its npx runs the lints as no-ops, and when prom-chat's
  # openapi.yaml is chat's, the tests run against chat's mock (BASE_URL)
  # rather than a Prism validate.sh starts, which takes seconds.
  mkdir -p "$T/bin2" && cp -P "$T/bin/"* "$T/bin2/" &&
    sed '/^case $pkg in$/i case $pkg in @redocly/cli@* | @asyncapi/cli@*) exit 0 ;; esac' "$T/bin/npx" >"$T/bin2/npx" &&
    chmod +x "$T/bin2/npx"
  url=""
  if cmp -s "$d/openapi.yaml" "$T/chat/openapi.yaml"; then
    for r in $RUNS; do case $r in chat=*) url=${r##*=} ;; esac; done
  fi
  out=$(cd "$d" && PATH=$T/bin2 BASE_URL=$url REDOCLY_TELEMETRY=off NODE_PATH=$ROOT/node_modules sh validate.sh 2>&1)
  if [ $? -ne 0 ] && printf '%s\n' "$out" | grep -q '^FAIL contract tests'; then
    ok "prom-chat: validate.sh fails when a contract test fails"
  else
    bad "prom-chat: validate.sh passed a failing contract test" "$(printf '%s\n' "$out" | tail -n 5)"
  fi
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
