#!/bin/sh
# plinth diagnose: each symptom set of tests/diagnose/cases.txt must rank
# the pinned cause first (or find none), and contain the listed text; plus
# stack examples with --spec, --json and the documented line format.
# Run from the repository root: PLINTH=./plinth sh tests/diagnose/run.sh
set -u
PLINTH=${PLINTH:-./plinth}
LC_ALL=C
export LC_ALL
T=$(mktemp -d "${TMPDIR:-/tmp}/plinth-diagnose.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
. tests/lib.sh

awk -v dir="$T/c" 'BEGIN { system("mkdir -p " dir) }
  /^#/ { next }
  /^@ / { name = $2; print $3 > (dir "/" name ".top"); printf "" > (dir "/" name ".txt"); next }
  /^= / { print substr($0, 3) > (dir "/" name ".exp"); next }
  /^$/ { next }
  { print >> (dir "/" name ".txt") }' tests/diagnose/cases.txt
n=0
for f in "$T"/c/*.top; do
  name=$(basename "$f" .top)
  n=$((n + 1))
  top=$(cat "$f")
  if ! "$PLINTH" diagnose --json - <"$T/c/$name.txt" >"$T/j" 2>"$T/err"; then
    bad "$name: exit status"
    cat "$T/err"
    continue
  fi
  got=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["causes"]; print(c[0]["id"] if c else "none")' "$T/j")
  "$PLINTH" diagnose - <"$T/c/$name.txt" >"$T/md" 2>/dev/null
  good=1
  [ "$got" = "$top" ] || { echo "  $name: top cause $got, expected $top"; good=0; }
  if [ -f "$T/c/$name.exp" ]; then
    while IFS= read -r want; do
      grep -qF -- "$want" "$T/md" || { echo "  $name: missing: $want"; good=0; }
    done <"$T/c/$name.exp"
  fi
  if [ $good -eq 1 ]; then ok "symptoms $name -> $top"; else bad "symptoms $name"; fi
done
[ $n -ge 45 ] && ok "at least 45 symptom sets ($n)" || bad "only $n symptom sets"

# every shown cause has all the parts
"$PLINTH" diagnose "p95 went from 100 ms to 3 s under load" >"$T/full.md"
missing=""
for part in "**Evidence to look for**" "**Why it happens.**" "**Fix.**" "**Immediate actions, by priority**" \
  "**Long-term improvements**" "| Metric | Before | After the fix |" "Source: <https://"; do
  grep -qF -- "$part" "$T/full.md" || missing="$missing [$part]"
done
[ -z "$missing" ] && ok "a cause has evidence, why, fix, actions, improvements, table, source" || bad "missing:$missing"

# --spec: the example is for the plan's stack
# taskflow runs on Lambda and is built with Pulumi: the Lambda example and
# the Pulumi one, never another tool's files (serverless.yml, template.yaml)
"$PLINTH" diagnose --spec examples/taskflow.plinth "the first request after idle is slow" >"$T/lambda.md"
grep -q "^For aws-lambda:" "$T/lambda.md" && grep -q "^For pulumi:" "$T/lambda.md" &&
  grep -q "ProvisionedConcurrencyConfig" "$T/lambda.md" && grep -q "compute aws-lambda" "$T/lambda.md" &&
  grep -q "infrastructure as code pulumi" "$T/lambda.md" && ! grep -q "serverless.yml\|template.yaml\|^For terraform:\|^For aws-sam:" "$T/lambda.md" &&
  ok "--spec taskflow: Lambda and Pulumi examples, no other tool's files" || bad "--spec taskflow"
"$PLINTH" diagnose --spec examples/taskflow.plinth "p95 went from 100 ms to 3 s under load" >"$T/load.md"
grep -q "^For pulumi:" "$T/load.md" && grep -q "reservedConcurrentExecutions" "$T/load.md" && ok "--spec taskflow under load: Pulumi code" || bad "--spec taskflow under load"
"$PLINTH" diagnose "the site becomes slow every hour on the hour for two minutes" >"$T/hour.md"
grep -q "^Rule \`scheduled-job\`.*'periodic'" "$T/hour.md" && ok "a period in the symptoms is evidence" || bad "periodicity"
"$PLINTH" diagnose "the site becomes slow for two minutes" >"$T/nohour.md"
grep -q "scheduled-job" "$T/nohour.md" && bad "scheduled job without a period" || ok "no period, no scheduled job"
n=$(grep -c '^symptom ' kb/symptoms.kb)
[ "$n" -ge 35 ] && ok "at least 35 causes ($n)" || bad "only $n causes"
nu=$(grep -c '^  url ' kb/symptoms.kb)
[ "$nu" -eq "$n" ] && ok "every cause has a source" || bad "$nu sources for $n causes"
"$PLINTH" diagnose --spec examples/shop.plinth "database cpu at 95%" >"$T/pg.md"
grep -q "^For relational:" "$T/pg.md" && grep -q "pg_stat_statements" "$T/pg.md" && ok "--spec shop: a PostgreSQL example" || bad "--spec shop"
"$PLINTH" diagnose --spec examples/taskflow.plinth "memory grows until restart" >"$T/node.md"
grep -q "^For node-typescript:" "$T/node.md" && grep -q "LRUCache" "$T/node.md" && ok "--spec taskflow: a Node example for a leak" || bad "--spec taskflow leak"
"$PLINTH" diagnose "memory grows until restart" >"$T/any.md"
grep -q "^For any:" "$T/any.md" && ok "no spec: the stack-neutral example" || bad "no spec example"
if "$PLINTH" diagnose --spec no/such.plinth "p95 3s" 2>/dev/null; then bad "missing spec accepted"; else ok "a missing spec is an error"; fi

# ---- the stack's own IaC files, for every cause where IaC applies ----
# every example block parses in its language (HCL, YAML with CloudFormation
# tags, TypeScript syntax); the checker first rejects a broken block of each
if [ -d node_modules/@cdktf/hcl2json ] && [ -d node_modules/js-yaml ] && [ -d node_modules/typescript ]; then
  node tests/diagnose/examples.cjs --self-test >"$T/self" 2>&1 && ok "example checker rejects broken HCL, YAML and TypeScript" ||
    { bad "example checker self-test"; cat "$T/self"; }
  node tests/diagnose/examples.cjs kb/symptoms.kb >"$T/ex" 2>&1 && ok "every example block parses ($(tail -1 "$T/ex"))" ||
    { bad "example blocks"; cat "$T/ex"; }
else
  ok "example syntax not checked: node_modules lacks hcl2json, js-yaml or typescript"
fi
# coverage: causes with a block for each IaC tool (n-plus-one is code only)
for tool in pulumi terraform aws-cdk aws-sam bicep; do
  c=$(awk -v t="$tool" '/^symptom /{c=$2} $1=="example" && ($2==t || index($2, t"-for-")==1) {s[c]=1} END{print length(s)}' kb/symptoms.kb)
  case $tool in pulumi|terraform) min=35 ;; aws-cdk) min=30 ;; *) min=25 ;; esac
  [ "$c" -ge "$min" ] && ok "$tool examples for $c causes (at least $min)" || bad "$tool examples for only $c causes"
done
# a stack built with Terraform gets Terraform, never Pulumi
vary examples/shop.plinth "$T/tf.plinth" 's/^  deadline 4 months$/  deadline 4 months\n  use iac terraform/'
"$PLINTH" diagnose --spec "$T/tf.plinth" "database cpu at 95%" >"$T/tf.md"
grep -q "^For terraform:" "$T/tf.md" && grep -q 'resource "aws_db_parameter_group"' "$T/tf.md" && ! grep -q "^For pulumi:" "$T/tf.md" &&
  ok "--spec with terraform: a Terraform block, no Pulumi" || bad "--spec terraform"
# OpenTofu speaks terraform: Terraform's files are its own
vary "$T/tf.plinth" "$T/tofu.plinth" 's/use iac terraform/use iac opentofu/'
"$PLINTH" diagnose --spec "$T/tofu.plinth" "the queue backlog keeps growing, consumers lag" >"$T/tofu.md"
grep -q "infrastructure as code opentofu" "$T/tofu.md" && grep -q "^For terraform:" "$T/tofu.md" && grep -q "aws_lambda_event_source_mapping" "$T/tofu.md" &&
  ok "--spec with opentofu: the Terraform files it speaks" || bad "--spec opentofu"
# the cloud's own resources: a GCP stack built with Terraform gets Cloud SQL, never aws_*
vary "$T/tf.plinth" "$T/gcp.plinth" 's/use iac terraform/use iac terraform\n  cloud gcp/'
"$PLINTH" diagnose --spec "$T/gcp.plinth" "database cpu at 95%" >"$T/gcp.md"
"$PLINTH" diagnose --spec "$T/gcp.plinth" "the first request after idle is slow" >"$T/gcp2.md"
grep -q "google_sql_database_instance" "$T/gcp.md" && ! grep -q "aws_\|new aws\." "$T/gcp.md" "$T/gcp2.md" &&
  ok "--spec on GCP with terraform: GCP resources, no AWS ones" || bad "--spec gcp"
# Azure with Bicep
vary "$T/tf.plinth" "$T/az.plinth" 's/use iac terraform/use iac bicep\n  cloud azure/'
"$PLINTH" diagnose --spec "$T/az.plinth" "database cpu at 95%" >"$T/az.md"
grep -q "^For bicep:" "$T/az.md" && grep -q "Microsoft.DBforPostgreSQL" "$T/az.md" && ! grep -q "^For pulumi:\|^For terraform:" "$T/az.md" &&
  ok "--spec with bicep: a Bicep block" || bad "--spec bicep"
# a block for one database only: DynamoDB's index for a DynamoDB stack, none for a SQL one
"$PLINTH" diagnose --spec examples/taskflow.plinth "slow query, seq scan on a large table, explain shows it" >"$T/ddb.md"
"$PLINTH" diagnose --spec examples/shop.plinth "slow query, seq scan on a large table, explain shows it" >"$T/sql.md"
grep -q "globalSecondaryIndexes" "$T/ddb.md" && grep -q "^For pulumi:" "$T/ddb.md" && ! grep -q "globalSecondaryIndexes\|^For pulumi-for" "$T/sql.md" &&
  ok "TOOL-for-NEED: the DynamoDB index block only where DynamoDB is chosen" || bad "qualified examples"
# every --spec answer for the examples carries an IaC block for its top cause, where one exists
miss=""
for sym in "database cpu at 95%" "replica lag 30 seconds" "disk full, no space left on device" "deploy broke it, errors since the release" \
  "bots scraping us, traffic from a few ips" "autovacuum cannot keep up, table bloat" "deadlock detected in the logs" "OOMKilled pods restarting"; do
  "$PLINTH" diagnose --spec examples/shop.plinth "$sym" >"$T/iac.md"
  grep -q "^For pulumi:" "$T/iac.md" || miss="$miss [$sym]"
done
[ -z "$miss" ] && ok "--spec shop: a Pulumi block for 8 infrastructure causes" || bad "no Pulumi block for:$miss"

# deterministic
"$PLINTH" diagnose --spec examples/chat.plinth "p95 3s under load" "db cpu 90%" >"$T/a"
"$PLINTH" diagnose --spec examples/chat.plinth "p95 3s under load" "db cpu 90%" >"$T/b"
cmp -s "$T/a" "$T/b" && ok "deterministic" || bad "two runs differ"
# noise does not break it
awk 'BEGIN { srand(3); for (i = 0; i < 102400; i++) printf "%c", int(rand() * 256) }' >"$T/noise"
timeout 10 "$PLINTH" diagnose - <"$T/noise" >/dev/null 2>&1 && ok "100 KB of noise" || bad "noise"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
