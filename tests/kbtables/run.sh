#!/bin/sh
# The built-in knowledge base as static tables (tools/kbgen.c) against the
# same knowledge base parsed at run time: `--kb` with an empty folder makes
# plinth parse and check every built-in file, so each command must print
# the same bytes both ways. This catches a field of the KB structures that
# kbgen does not write (grep 'KB TABLES').
# Run from the repository root: PLINTH=./plinth sh tests/kbtables/run.sh
# Prints "ok NAME" per pass and last "N passed, M failed".
set -u
PLINTH=${PLINTH:-./plinth}
. tests/lib.sh
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/empty"

# same NAME ARGS...: the command with the tables, then parsed (--kb empty).
same() {
  name=$1
  shift
  "$PLINTH" "$@" >"$tmp/a" 2>"$tmp/a.err"
  ra=$?
  "$PLINTH" "$@" --kb "$tmp/empty" >"$tmp/b" 2>"$tmp/b.err"
  rb=$?
  if [ $ra -eq $rb ] && cmp -s "$tmp/a" "$tmp/b" && cmp -s "$tmp/a.err" "$tmp/b.err" && [ -s "$tmp/a" ]; then ok "$name"
  else bad "$name" "exit $ra/$rb, $(cmp "$tmp/a" "$tmp/b" 2>&1 | head -n 1)"; fi
}

# The checker itself: a different knowledge base must show as a difference.
awk '/^tech supabase \{/,/^}/' kb/data.kb >"$tmp/supabase.kb"
vary "$tmp/supabase.kb" "$tmp/other.kb" 's/"Micro" vcpu 2 memory 1GB month 10/"Micro" vcpu 2 memory 1GB month 11/'
mkdir "$tmp/other" && cp "$tmp/other.kb" "$tmp/other/x.kb"
"$PLINTH" kb show supabase >"$tmp/a" 2>/dev/null
"$PLINTH" kb show supabase --kb "$tmp/other" >"$tmp/b" 2>/dev/null
if [ -s "$tmp/a" ] && ! cmp -s "$tmp/a" "$tmp/b"; then ok detects_difference; else bad detects_difference "a changed price showed the same record"; fi

for spec in examples/*.plinth tests/golden/specs/*.plinth; do
  n=$(basename "$spec" .plinth)
  same "$n.plan_json" plan --format json "$spec"
  same "$n.estimate" estimate --json --explain "$spec"
  same "$n.roadmap" roadmap --json "$spec"
done
same kb.list kb list
# Every technology; every fifth on the sanitized lane (tests/lib.sh, stride).
for id in $("$PLINTH" kb list | awk -v step="$(stride)" '(NR - 1) % step == 0 {print $1}'); do
  "$PLINTH" kb show "$id" >>"$tmp/show.a" 2>&1
  "$PLINTH" kb show "$id" --kb "$tmp/empty" >>"$tmp/show.b" 2>&1
done
if [ -s "$tmp/show.a" ] && cmp -s "$tmp/show.a" "$tmp/show.b"; then ok kb.show_every_technology; else bad kb.show_every_technology "$(cmp "$tmp/show.a" "$tmp/show.b" 2>&1)"; fi
same compare compare aws-rds-postgresql aws-dynamodb
same new new --json "a marketplace where makers sell furniture, paid by card, with reviews"
same diagnose diagnose --json --spec examples/shop.plinth "p95 3s under load" "database cpu 95%"
# ---- meters once unpriced now carry a dated price ----
# `kb show ID` of each prints a price (or a priced size) and no unpriced line.
for id in aws-sns-sms gcp-memorystore; do
  "$PLINTH" kb show "$id" >"$tmp/priced" 2>&1
  if grep -Eq '^  (price|size) ' "$tmp/priced" && ! grep -q 'unpriced' "$tmp/priced"; then ok "priced.$id"
  else bad "priced.$id" "$(grep -E '^  (price|size|unpriced) ' "$tmp/priced")"; fi
done
# ---- volume bands and burstable baselines reach the cost lines ----
# A catalogue of 40M users at 99.95%: Identity Platform bills its band past
# 10M monthly active users, OpenSearch sizes no burstable T3 node and
# Compute Engine no shared-core E2.
cat >"$tmp/bands.plinth" <<'EOF'
project "Catalogue" {
  idea "Shoppers sign in and search a product catalogue."
  users 40M
  active 20%
  requests 5M/day
  availability 99.95%
}
entity Product {
  name  string(100)
}
feature search Product
EOF
# Every rate the record states is on the line, and it states more than one.
rates=$("$PLINTH" kb show firebase-auth | awk '$1 == "price" && $2 == "mau" {print $3}')
"$PLINTH" compare firebase-auth aws-cognito --spec "$tmp/bands.plinth" >"$tmp/bands.out" 2>&1
missing=$(for r in $rates; do grep -q "^firebase-auth: .* at \$$r[ ]" "$tmp/bands.out" || echo "$r"; done)
if [ "$(echo "$rates" | wc -w)" -gt 1 ] && [ -z "$missing" ]; then ok bands.firebase-auth
else bad bands.firebase-auth "rates $(echo $rates), not billed: $missing; $(grep '^firebase-auth:' "$tmp/bands.out")"; fi
"$PLINTH" compare aws-opensearch elastic-cloud --spec "$tmp/bands.plinth" >"$tmp/bands.out" 2>&1
if grep -q '^aws-opensearch: [0-9]* x ' "$tmp/bands.out" && ! grep -q '^aws-opensearch: .*t3\.' "$tmp/bands.out"; then ok baseline.opensearch-t3
else bad baseline.opensearch-t3 "$(grep '^aws-opensearch:' "$tmp/bands.out")"; fi
"$PLINTH" compare gcp-compute-engine gcp-cloud-run --spec "$tmp/bands.plinth" >"$tmp/bands.out" 2>&1
if grep -q '^gcp-compute-engine: [0-9]* x ' "$tmp/bands.out" && ! grep -Eq '^gcp-compute-engine: .*e2-(micro|small|medium)' "$tmp/bands.out"; then ok baseline.gce-shared-core
else bad baseline.gce-shared-core "$(grep '^gcp-compute-engine:' "$tmp/bands.out")"; fi
# A ledger on GCP whose working set (188 GB), nearly all of which its
# reads and writes keep in memory (the volume serves 750 of them a second),
# passes Cloud SQL's standard shapes: one high-memory primary and its
# standby hold it unsharded, where 18 standard instances in 9 shards did
# before.
cat >"$tmp/ledger.plinth" <<'EOF'
project "Ledger" {
  idea "Members record payments against their accounts and read their history."
  users 20M
  active 30%
  requests 400M/day
  availability 99.95%
  cloud gcp
}
entity Account {
  owner string(64)
  balance money
}
entity Payment {
  account -> Account
  amount money
  memo string(200)
  count 1B
}
feature crud Payment
EOF
"$PLINTH" compare gcp-cloud-sql-postgresql postgresql --spec "$tmp/ledger.plinth" >"$tmp/ledger.out" 2>&1
if grep -Eq '^gcp-cloud-sql-postgresql: 2 x [0-9]+ vCPU [0-9]+ GB \(high memory\) ' "$tmp/ledger.out"; then ok sizes.cloud-sql-high-memory
else bad sizes.cloud-sql-high-memory "$(grep '^gcp-cloud-sql-postgresql:' "$tmp/ledger.out")"; fi
# Canva's 4.2 TB of hot index: OpenSearch's larger data nodes hold it
# within the domain's default quota of 80 instances (246 r6g.2xlarge
# nodes, past it, before r6g.12xlarge was sized).
"$PLINTH" compare aws-opensearch elastic-cloud --spec tests/calibration/specs/canva-2022.plinth >"$tmp/canva.out" 2>&1
n=$(sed -n 's/^aws-opensearch: \([0-9][0-9]*\) x .*/\1/p' "$tmp/canva.out" | head -n 1)
if [ -n "$n" ] && [ "$n" -le 80 ]; then ok sizes.opensearch-within-quota
else bad sizes.opensearch-within-quota "$(grep '^aws-opensearch:' "$tmp/canva.out")"; fi
# Memorystore's Standard price covers a primary and its replica: a
# single-zone cache (99.5%) is one Basic node at the Basic rate, not half
# a Standard instance.
sed 's/^  availability 99.95%$/  availability 99.5%/; /^[[:space:]]*users[[:space:]]/a\  cloud gcp' examples/shop.plinth >"$tmp/shop-gcp.plinth"
if grep -q '^  availability 99.5%$' "$tmp/shop-gcp.plinth" && grep -q '^  cloud gcp$' "$tmp/shop-gcp.plinth"; then
  "$PLINTH" compare gcp-memorystore redis --spec "$tmp/shop-gcp.plinth" >"$tmp/ms.out" 2>&1
  if grep -q '^gcp-memorystore: 1 x M[1-5] Basic ' "$tmp/ms.out"; then ok sizes.memorystore-basic-single
  else bad sizes.memorystore-basic-single "$(grep '^gcp-memorystore:' "$tmp/ms.out")"; fi
else bad sizes.memorystore-basic-single "the 99.5% GCP variant of examples/shop.plinth was not written"; fi
# ---- every technology that runs instances states its sizes and limits ----
# (instances.js): a gap must be a row of kb/README.md's "Sizes and limits"
# table, with what it lacks and why. The checker first meets a knowledge
# base with a managed store with no size, and rows that are wrong or stale.
if command -v node >/dev/null 2>&1; then
  mkdir "$tmp/inst"
  cat >"$tmp/inst/x.kb" <<'EOF'
tech fake-bare {
  slot     database
  hosting  managed
}
tech fake-full {
  slot     cache
  hosting  managed
  size     "n" vcpu 2 memory 8GiB hour 0.1 source "https://example.com/" date "2026-12-07"
  limit    shards 10 source "https://example.com/" date "2026-12-07"
}
tech fake-k8s {
  slot     compute
  family   kubernetes
  hosting  self-hosted
}
tech fake-lib {
  slot     database
  hosting  library
}
tech fake-units {
  slot     stream
  hosting  managed
  limit    throughput 1MB source "https://example.com/" date "2026-12-07"
  limit    shards 20 source "https://example.com/" date "2026-12-07"
}
EOF
  printf '## Sizes and limits\n\n| technology | slot | lacks | why |\n|---|---|---|---|\n' >"$tmp/inst/none.md"
  node tests/kbtables/instances.js "$tmp/inst/none.md" "$tmp/inst" >"$tmp/inst.out" 2>&1
  if grep -q '^FAIL fake-bare: x.kb: a database technology lacks size, instance limit' "$tmp/inst.out" &&
    grep -q '^FAIL fake-k8s: x.kb: a compute technology lacks node limit' "$tmp/inst.out" &&
    grep -q '^ok fake-full$' "$tmp/inst.out" && grep -q '^ok fake-lib$' "$tmp/inst.out" &&
    grep -q '^ok fake-units$' "$tmp/inst.out"; then ok instances.rejects_unlisted_gaps
  else bad instances.rejects_unlisted_gaps "$(cat "$tmp/inst.out")"; fi
  cp "$tmp/inst/none.md" "$tmp/inst/rows.md"
  printf '| `fake-bare` | database | size, instance limit | not searched |\n| `fake-k8s` | compute | size | wrong |\n| `fake-full` | cache | size | stale |\n' >>"$tmp/inst/rows.md"
  node tests/kbtables/instances.js "$tmp/inst/rows.md" "$tmp/inst" >"$tmp/inst.out" 2>&1
  if grep -q '^ok fake-bare (lacks size, instance limit: not searched)' "$tmp/inst.out" &&
    grep -q "^FAIL fake-k8s: the README row says it lacks 'size'; x.kb lacks 'node limit'" "$tmp/inst.out" &&
    grep -q '^FAIL fake-full: stale' "$tmp/inst.out"; then ok instances.rows_checked
  else bad instances.rows_checked "$(cat "$tmp/inst.out")"; fi
  if node tests/kbtables/instances.js kb/README.md kb >"$tmp/inst.out" 2>&1; then ok "instances.kb ($(tail -n 1 "$tmp/inst.out"))"
  else bad instances.kb "$(grep '^FAIL' "$tmp/inst.out")"; fi
else
  bad instances "node is required to read the knowledge base files"
fi
# Every language the knowledge base offers has a library for every slot
# of the code stack: a team that knows only Ruby got no validation.
for lang in $("$PLINTH" kb list language | awk '{ print $1 }'); do
  skill=$("$PLINTH" kb show "$lang" | awk '$1 == "skills" { print $2; exit }')
  printf 'project "L" {\n  users 1000\n  team 2 mid { skills %s }\n  prefer existing > managed > self-hosted\n}\nentity User {\n  email email unique\n}\nentity Note {\n  owner -> User\n  body text\n}\nfeature auth { method jwt principal User }\nfeature crud Note { owner-only }\n' "$skill" >"$tmp/lang.plinth"
  got=$("$PLINTH" plan --format json "$tmp/lang.plinth" 2>/dev/null | node -e '
    const p = JSON.parse(require("fs").readFileSync(0));
    const code = ["language", "framework", "orm", "authlib", "validation", "testing", "lint", "logging"];
    const d = s => (p.decisions.find(x => x.slot === s) || {}).choice;
    const missing = code.filter(s => !d(s));
    console.log(d("language") + (missing.length ? " lacks " + missing.join(",") : " whole"))' 2>&1)
  case $got in "$lang whole") ok "codestack.$lang" ;; *) bad "codestack.$lang" "got: $got" ;; esac
done
# A family's instance classes leave no gap: neighbours (same prefix, by
# memory) under 3x the memory (AWS's own steps are 2x, 2.7x for the
# smallest burstable caches), or a compared option is sized on a class
# of 4x the memory.
gaps=$(cat kb/*.kb | awk '/^tech /{ t = $2 }
  /^ *size +"[^"]*\.[^".]*"/ { match($0, /"[^"]*"/); n = substr($0, RSTART + 1, RLENGTH - 2)
    f = n; sub(/\.[^.]*$/, "", f); m = $0; sub(/.* memory /, "", m); sub(/ .*/, "", m); v = m + 0
    if (m ~ /TiB/) v *= 1024; else if (m ~ /MiB|MB/) v /= 1024; print t, f, v, n }' |
  sort -k1,1 -k2,2 -k3,3n | awk '{ k = $1 " " $2; if (k == pk && $3 >= 3 * pv) printf "%s %s->%s; ", $1, pn, $4; pk = k; pv = $3; pn = $4 }')
if [ -z "$gaps" ]; then ok class_ladders; else bad class_ladders "$gaps"; fi
summary
