#!/bin/sh
# Cross-artifact integrity (tests/integrity/check.mjs): every endpoint,
# setting, table, column, version and load-test threshold a document or flow
# names is found, with the same value, in the artifact that owns it
# (openapi.yaml, .env.example, schema.sql, docker-compose.yml, loadtest.js).
#
# The checker is first shown broken pairs, one per kind, made from the shop's
# output folder by a substitution that must apply, and must reject each; then
# it runs on every example, golden and contract spec.
#
# Run from the repository root: PLINTH=./plinth sh tests/integrity/run.sh
# Prints "ok NAME" per pass, details per failure, last "N passed, M failed".
set -u
PLINTH=${PLINTH:-./plinth}
. tests/lib.sh
T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT
export NODE_NO_WARNINGS=1

# ---- broken pairs ----
if "$PLINTH" plan examples/shop.plinth -o "$T/shop" >/dev/null 2>"$T/shop.err"; then
  # kind|file|sed expression|what the checker must say
  while IFS='|' read -r kind file expr want; do
    rm -rf "$T/broken"
    cp -r "$T/shop" "$T/broken"
    if ! vary "$T/shop/$file" "$T/broken/$file" "$expr"; then
      :
    elif node tests/integrity/check.mjs "$T/broken" >"$T/broken.out" 2>&1; then
      bad "broken $kind: the checker accepts it"
    elif grep -q "$want" "$T/broken.out"; then
      ok "broken $kind is rejected: $(grep "$want" "$T/broken.out" | head -n 1 | sed 's/^[^:]*: //')"
    else
      bad "broken $kind: rejected for another reason" "$T/broken.out"
    fi
  done <<'EOF2'
endpoint|openapi.yaml|s#^  "/orders/{orderId}/cancel":#  "/orders/{orderId}/annul":#|cancel, which openapi.yaml does not have
setting|.env.example|/^DATABASE_URL=/d|.env.example does not have
table|schema.sql|s/CREATE TABLE "outbox"/CREATE TABLE "mailbox"/|outbox
column|schema.sql|s/"stripe_payment_id" varchar/"payment_ref" varchar/|stripe_payment_id
version|docker-compose.yml|s/postgres:15/postgres:16/|versions disagree
threshold|loadtest.js|s/rate<0.001/rate<0.01/|loadtest.js allows
EOF2
else
  bad "plinth plan examples/shop.plinth -o" "$T/shop.err"
fi

# ---- broken pairs on stores that are not SQL ----
# example|kind|file|sed expression|what the checker must say
while IFS='|' read -r ex kind file expr want; do
  [ -d "$T/$ex" ] || "$PLINTH" plan "examples/$ex.plinth" -o "$T/$ex" >/dev/null 2>"$T/$ex.err" || { bad "plinth plan examples/$ex.plinth" "$T/$ex.err"; continue; }
  rm -rf "$T/broken"
  cp -r "$T/$ex" "$T/broken"
  sed -e "$expr" "$T/$ex/$file" >"$T/broken/$file"
  if cmp -s "$T/$ex/$file" "$T/broken/$file"; then
    bad "broken $kind: the substitution on $ex/$file did not apply"
  elif node tests/integrity/check.mjs "$T/broken" >"$T/broken.out" 2>&1; then
    bad "broken $kind: the checker accepts it"
  elif grep -q "$want" "$T/broken.out"; then
    ok "broken $kind is rejected: $(grep "$want" "$T/broken.out" | head -n 1 | sed 's/^[^:]*: //')"
  else
    bad "broken $kind: rejected for another reason" "$T/broken.out"
  fi
done <<'EOF2'
taskflow|DynamoDB item|dynamodb.cfn.json|s/"entity": "Task"/"entity": "Job"/|Task to DynamoDB
taskflow|SQL words for DynamoDB|ARCHITECTURE.md|s/PutItem Task with/INSERT Task with/|is not in an SQL store
taskflow|a file the plan lacks|ARCHITECTURE.md|s/^## Security/See schema.sql.\n\n## Security/|names schema.sql, which this plan does not have
chat|CQL table|schema.cql|s/"Message_by_/"Msg_by_/|Message in CQL
EOF2
rm -rf "$T/taskflow" "$T/chat"

# ---- every example, golden and contract spec ----
for spec in examples/*.plinth tests/golden/specs/*.plinth tests/contracts/specs/*.plinth; do
  name=$(basename "$spec" .plinth)
  if ! "$PLINTH" plan "$spec" -o "$T/$name" >/dev/null 2>"$T/$name.err"; then
    bad "$name: plinth plan -o" "$T/$name.err"
  elif node tests/integrity/check.mjs "$T/$name" >"$T/$name.out" 2>&1; then
    ok "$name: documents and flows agree with the artifacts"
  else
    bad "$name: integrity" "$T/$name.out"
  fi
done

# ---- a time-series store without SQL DDL gets its own contract ----
# measurements.md only where the database is a time-series store, with one
# example point per measurement; never for the relational shop.
mbad=
for d in "$T"/*/; do
  [ -f "$d/measurements.md" ] || continue
  grep -q '"database-time-series"' "$d/plan.json" || mbad="$mbad $(basename "$d")(not time-series)"
  [ "$(grep -c '^## ' "$d/measurements.md")" -eq "$(grep -c ' 1767258000000000000$' "$d/measurements.md")" ] ||
    mbad="$mbad $(basename "$d")(points)"
done
[ -e "$T/shop/measurements.md" ] && mbad="$mbad shop"
if [ -z "$mbad" ]; then
  ok "measurements.md only for a time-series database, one example point per measurement; none for the relational shop"
else
  bad "measurements.md:$mbad"
fi

summary
