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

# deterministic
"$PLINTH" diagnose --spec examples/chat.plinth "p95 3s under load" "db cpu 90%" >"$T/a"
"$PLINTH" diagnose --spec examples/chat.plinth "p95 3s under load" "db cpu 90%" >"$T/b"
cmp -s "$T/a" "$T/b" && ok "deterministic" || bad "two runs differ"
# noise does not break it
awk 'BEGIN { srand(3); for (i = 0; i < 102400; i++) printf "%c", int(rand() * 256) }' >"$T/noise"
timeout 10 "$PLINTH" diagnose - <"$T/noise" >/dev/null 2>&1 && ok "100 KB of noise" || bad "noise"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
