#!/bin/sh
# Contract artifacts through their real consumers, on every example, the
# golden and contract test specs (hostile names, a wide-column store) and
# the bench generator's 100-entity spec:
#
#   openapi.yaml       redocly lint --extends=spec, then check.mjs (owner-only,
#                      errors, secrets, webhooks, rate limits)
#   schema.sql         applied to a PostgreSQL 15 server started here on a
#                      loopback port (once for the whole run), then the probes
#                      (--only sql-probes): valid rows accepted, and rows that
#                      break NOT NULL, CHECK, length, UNIQUE, FOREIGN KEY
#                      rejected with the expected SQLSTATE
#   schema.sqlite.sql  sqlite3 -bail, then the probes (--only sqlite-probes):
#                      sqlite3 must report exactly the lines marked
#                      `-- expect: KIND`, each with its kind of error
#   types              tsc --strict (zod), gofmt -l, python3 -m py_compile
#   loadtest.js        node --check;  docker-compose.yml  js-yaml;  keys.json
#
# The shop example's contract (check.mjs shop, tests/contracts/shop.sql): its
# order bodies lack status and total, the catalogue reads without sign-in,
# transitions and checkout are operations; on PostgreSQL orders start
# pending, totals are exact sums, an invalid transition is refused, a
# replayed webhook event is ignored, orders outlive a customer's deletion.
# Both checks are first run on a loose variant of the shop and must fail.
# The market's contract (check.mjs market): who writes money by its meaning,
# actors from sign-in, no DELETE of rows that hold money.
# The tenancy contract (check.mjs access): access follows the ownership chain
# to the caller or their company, kept records have no DELETE, and check
# warns on open writes to another user's rows or to money.
#
# Then: the probes fail once a kind of constraint is removed from the schema
# (so they test something), identifiers stay within 63 bytes, -o DIR writes
# the artifacts, --only types follows the chosen language, and a quoted name
# in a spec is a clear error.
#
# Run from the repository root (tests/run.sh does): PLINTH=./plinth sh tests/contracts/run.sh
# Prints "ok NAME" per pass, details per failure, last "N passed, M failed".
set -u
PLINTH=${PLINTH:-./plinth}
case $PLINTH in /*) ;; *) PLINTH=$(pwd)/$PLINTH ;; esac
ROOT=$(pwd)
. tests/lib.sh
T=$(mktemp -d) || exit 2
chmod 755 "$T"
PGBIN=/usr/lib/postgresql/15/bin
PGPORT=
cleanup() {
  if [ -n "$PGPORT" ]; then
    if [ "$(id -u)" -eq 0 ]; then
      su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D $T/pg/data -m fast -w stop" >/dev/null 2>&1
    else
      "$PGBIN/pg_ctl" -D "$T/pg/data" -m fast -w stop >/dev/null 2>&1
    fi
  fi
  rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 2' INT TERM

export REDOCLY_TELEMETRY=off NODE_NO_WARNINGS=1
NM=$ROOT/node_modules/.bin

# ---- the specs ----
mkdir -p "$T/specs"
SPECS=""
for s in examples/*.plinth tests/golden/specs/*.plinth tests/contracts/specs/*.plinth; do
  SPECS="$SPECS $s"
done
GEN=build/bench/gen
if [ ! -x "$GEN" ]; then
  GEN=$T/gen
  cc -O2 -o "$GEN" bench/gen.c 2>"$T/gen.err" || { bad "build bench/gen.c" "$T/gen.err"; GEN=; }
fi
if [ -n "$GEN" ] && "$GEN" 100 1 >"$T/specs/bench100.plinth"; then
  SPECS="$SPECS $T/specs/bench100.plinth"
fi

# A spec without features, one without auth, and one per auth method
# (those only for the OpenAPI checks).
printf 'project "Bare" { idea "Notes, no features." }\nentity Note { body text }\n' >"$T/specs/bare.plinth"
cat >"$T/specs/open.plinth" <<'EOF'
project "Open" { idea "An internal API without sign-in." }
entity Ticket {
  title string(200)
  tags  string(20)[]
  kinds enum(bug, task)[]
  meta  json?
  shot  blob?
}
feature crud Ticket { filter title  sort title }
feature upload Ticket.shot { public }
feature history Ticket
EOF
SPECS="$SPECS $T/specs/bare.plinth $T/specs/open.plinth"
METHOD_YAMLS=""
for m in jwt session oauth oidc apikey magic-link passkey saml; do
  printf 'project "M" { idea "Sign-in by %s." }\nentity User { email email unique; password secret }\nentity Item { owner -> User; name string(20); per User ~ 3 }\nfeature auth { method %s }\nfeature crud Item { owner-only }\n' "$m" "$m" >"$T/specs/m-$m.plinth"
  if "$PLINTH" plan --only openapi "$T/specs/m-$m.plinth" >"$T/specs/m-$m.yaml" 2>"$T/specs/m-$m.err"; then
    METHOD_YAMLS="$METHOD_YAMLS $T/specs/m-$m.yaml"
  else
    bad "auth method $m: plinth plan --only openapi" "$T/specs/m-$m.err"
  fi
done

# ---- PostgreSQL, once for the run ----
start_pg() {
  [ -x "$PGBIN/initdb" ] || return 1
  mkdir -p "$T/pg"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$T/pg"
    RUN="su postgres -s /bin/sh -c"
  else
    RUN="sh -c"
  fi
  $RUN "$PGBIN/initdb -D $T/pg/data -A trust -U postgres --no-instructions" >"$T/pg.log" 2>&1 || return 1
  base=$(( 20000 + $$ % 20000 ))
  for i in 0 1 2 3 4 5 6 7 8 9; do
    port=$((base + i * 7))
    if $RUN "$PGBIN/pg_ctl -D $T/pg/data -l $T/pg/log -o '-c listen_addresses=127.0.0.1 -p $port -k $T/pg -c fsync=off' -w start" >>"$T/pg.log" 2>&1; then
      PGPORT=$port
      return 0
    fi
  done
  return 1
}
psql_() { psql -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }
# Each spec gets a schema of its own (cheaper than a database): in_schema S psql args
in_schema() {
  s=$1
  shift
  PGOPTIONS="-c search_path=$s" psql_ "$@"
}
if start_pg; then
  ok "PostgreSQL 15 started on 127.0.0.1:$PGPORT"
else
  bad "PostgreSQL 15 did not start" "$T/pg.log"
fi

# TypeScript is checked incrementally in a folder that outlives the run, so
# files that did not change since the last run are not checked again.
TSDIR=$ROOT/build/contracts-ts-${SUITE_LABEL:-plain}
mkdir -p "$TSDIR"
[ -e "$TSDIR/node_modules" ] || ln -s "$ROOT/node_modules" "$TSDIR/node_modules"

# ---- artifacts of every spec ----
n=0
YAMLS=""
TSS=""
GOS=""
PYS=""
COMPOSES=""
for spec in $SPECS; do
  n=$((n + 1))
  name=$(basename "$spec" .plinth)
  d=$T/out/$name
  mkdir -p "$d"
  # Two runs per spec: -o DIR, and the test bundle (probes, every language's types).
  if ! "$PLINTH" plan "$spec" -o "$d/o" 2>"$d/o.err"; then
    bad "$name: plinth plan -o DIR" "$d/o.err"
  fi
  if ! "$PLINTH" plan --only test-bundle "$spec" >"$d/bundle" 2>"$d/bundle.err"; then
    bad "$name: plinth plan --only test-bundle" "$d/bundle.err"
  fi
  awk -v d="$d" '/^<!-- [a-z.]+ -->$/ { f = d "/b." $2; next } f { print > f }' "$d/bundle"
  # The bundle separates its files with a blank line: drop it.
  for f in "$d"/b.*; do sed -i '${/^$/d}' "$f"; done
  cp "$d/o/openapi.yaml" "$d/openapi.yaml"
  # A database that is not SQL has no schema.sql, SQLite mirror or probes
  # (tests/stores checks its own contract).
  sql=0
  [ -f "$d/o/schema.sql" ] && sql=1
  if [ $sql = 1 ]; then
    cp "$d/o/schema.sql" "$d/sql"
    cp "$d/o/schema.sqlite.sql" "$d/sqlite"
    cp "$d/b.probes.sql" "$d/sql-probes"
    cp "$d/b.probes.sqlite.sql" "$d/sqlite-probes"
  elif [ -e "$d/o/schema.sqlite.sql" ] || [ -e "$d/b.probes.sql" ]; then
    bad "$name: a SQLite mirror or probes without schema.sql"
  else
    ok "$name: no SQL database, so no schema.sql, SQLite mirror or probes"
  fi
  cp "$d/o/loadtest.js" "$d/loadtest"
  cp "$d/o/.env.example" "$d/env"
  YAMLS="$YAMLS $d/openapi.yaml"
  mkdir -p "$TSDIR/$name" "$T/go/$name"
  cmp -s "$d/b.types.ts" "$TSDIR/$name/types.ts" || cp "$d/b.types.ts" "$TSDIR/$name/types.ts"
  TSS="$TSS $TSDIR/$name/types.ts"
  cp "$d/b.types.go" "$T/go/$name/types.go"
  GOS="$GOS $T/go/$name/types.go"
  cp "$d/b.types.py" "$d/types_$n.py"
  PYS="$PYS $d/types_$n.py"
  if [ -f "$d/o/docker-compose.yml" ]; then
    COMPOSES="$COMPOSES $d/o/docker-compose.yml"
  fi
  for f in types.ts types.go types.py; do
    if [ -f "$d/o/$f" ] && ! cmp -s "$d/o/$f" "$d/b.$f"; then bad "$name: -o DIR's $f differs from --only types-*"; fi
  done

  # PostgreSQL: the schema, then the probes, in a database of its own.
  if [ -n "$PGPORT" ] && [ $sql = 1 ]; then
    db="c$n"
    if psql_ -c "CREATE SCHEMA $db" >"$d/pg.err" 2>&1 &&
      in_schema "$db" -f "$d/sql" >"$d/pg.err" 2>&1; then
      ok "$name: schema.sql applies to PostgreSQL 15"
      if in_schema "$db" -f "$d/sql-probes" >"$d/probe.err" 2>&1; then
        ok "$name: PostgreSQL accepts the valid rows and rejects $(grep -c '^DO ' "$d/sql-probes") that break a constraint"
      else
        bad "$name: PostgreSQL constraint probes" "$d/probe.err"
      fi
    else
      bad "$name: schema.sql on PostgreSQL 15" "$d/pg.err"
    fi
  fi

  # SQLite: the schema with -bail, then the probes without it; the errors
  # must fall exactly on the lines marked `-- expect: KIND`.
  if [ $sql = 0 ]; then
    :
  elif sqlite3 -bail :memory: <"$d/sqlite" >"$d/lite.err" 2>&1; then
    ok "$name: schema.sqlite.sql applies to sqlite3"
    off=$(wc -l <"$d/sqlite")
    cat "$d/sqlite" "$d/sqlite-probes" >"$d/lite-all.sql"
    sqlite3 :memory: <"$d/lite-all.sql" >/dev/null 2>"$d/lite-probe.err"
    awk -v off="$off" '/^-- expect: / { k = substr($0, 12); getline; print NR + off, k }' "$d/sqlite-probes" >"$d/lite-want"
    sed -n 's/^.*near line \([0-9]*\): \(.*\)$/\1 \2/p' "$d/lite-probe.err" |
      awk '{ k = $0; sub(/^[0-9]+ /, "", k);
             kind = k ~ /^NOT NULL/ ? "NOT NULL" : k ~ /^CHECK/ ? "CHECK" : k ~ /^UNIQUE/ ? "UNIQUE" : k ~ /^FOREIGN KEY/ ? "FOREIGN KEY" : "OTHER: " k;
             print $1, kind }' >"$d/lite-got"
    if [ -s "$d/lite-want" ] && cmp -s "$d/lite-want" "$d/lite-got" && [ "$(grep -c . "$d/lite-probe.err")" -eq "$(grep -c . "$d/lite-want")" ]; then
      ok "$name: sqlite3 accepts the valid rows and rejects $(grep -c . "$d/lite-want") that break a constraint"
    else
      diff "$d/lite-want" "$d/lite-got" >"$d/lite.diff" 2>&1
      grep -v 'near line' "$d/lite-probe.err" >>"$d/lite.diff"
      bad "$name: sqlite3 constraint probes (expected vs reported errors)" "$d/lite.diff"
    fi
  else
    bad "$name: schema.sqlite.sql on sqlite3" "$d/lite.err"
  fi

  # PostgreSQL keeps 63 bytes of a name: none may be longer.
  long=$( [ $sql = 1 ] && grep -o '"\([^"]\|""\)*"' "$d/sql" | awk 'length($0) > 65' | head -n 3)
  if [ $sql = 0 ]; then
    :
  elif [ -z "$long" ]; then ok "$name: identifiers within 63 bytes"; else echo "$long" >"$d/long"; bad "$name: identifiers over 63 bytes" "$d/long"; fi

  cp "$d/loadtest" "$d/loadtest.mjs"
  if node --check "$d/loadtest.mjs" 2>"$d/lt.err" && grep -q 'p(95)<' "$d/loadtest" && grep -q 'http_req_failed' "$d/loadtest"; then
    ok "$name: loadtest.js passes node --check, with latency and error thresholds"
  else
    bad "$name: loadtest.js" "$d/lt.err"
  fi
  # Every setting that holds a secret is marked.
  if awk '/^# SECRET: / { s = 1; next } /^#/ { next } /=/ { n = $0; sub(/=.*/, "", n); if (!s && n ~ /(SECRET|PASSWORD|TOKEN|_KEY|CREDENTIALS)$/) { print n; bad = 1 } s = 0 } END { exit bad }' "$d/env" >"$d/env.bad" && grep -q '^DATABASE_\|^TSDB_\|^CASSANDRA_\|^DYNAMODB_' "$d/env"; then
    ok "$name: .env.example names the database settings and marks every secret"
  else
    bad "$name: .env.example" "$d/env.bad"
  fi
done

# ---- consumers that take every file at once ----
# redocly and tsc on the plain lane (tests/lib.sh, consumers).
if ! consumers; then
  echo "# redocly and tsc: on the plain lane"
elif "$NM/redocly" lint --extends=spec --format=stylish $YAMLS $METHOD_YAMLS >"$T/redocly.out" 2>&1; then
  ok "redocly lint --extends=spec: no error in $n OpenAPI documents and one per auth method"
else
  grep -v '║\|╔\|╚' "$T/redocly.out" | grep -B2 -A3 'error' >"$T/redocly.err"
  bad "redocly lint --extends=spec" "$T/redocly.err"
fi
if node tests/contracts/check.mjs openapi $YAMLS $METHOD_YAMLS >"$T/check.out" 2>&1; then
  ok "openapi.yaml: owner-only, error table, rate limits, webhooks, no secret in a response ($n documents)"
else
  bad "openapi.yaml structure" "$T/check.out"
fi
if ! consumers; then
  :
elif (cd "$TSDIR" && "$NM/tsc" --strict --noEmit --skipLibCheck --incremental --tsBuildInfoFile "$TSDIR/tsbuildinfo" \
  --target es2022 --module nodenext --moduleResolution nodenext $TSS) >"$T/tsc.out" 2>&1; then
  ok "tsc --strict: $n TypeScript files with zod schemas type-check"
else
  bad "tsc --strict" "$T/tsc.out"
fi
if command -v gofmt >/dev/null 2>&1; then
  if gofmt -e -l $GOS >"$T/gofmt.out" 2>&1 && [ ! -s "$T/gofmt.out" ]; then
    ok "gofmt -l: $n Go files are gofmt-clean"
  else
    bad "gofmt -l" "$T/gofmt.out"
  fi
else
  echo "skip gofmt: not installed (golang-go), so the Go types are not checked"
fi
if python3 -m py_compile $PYS 2>"$T/py.out"; then
  ok "python3 -m py_compile: $n Python files compile"
else
  bad "python3 -m py_compile" "$T/py.out"
fi
# The compose checker first refuses a folder whose CQL no service loads and
# a loader that waits for a store without a healthcheck.
c1=$(for c in $COMPOSES; do grep -l 'events-init:' "$c"; done | head -n 1)
if [ -n "$c1" ]; then
  mkdir -p "$T/badc1" "$T/badc2"
  cp "$(dirname "$c1")"/* "$T/badc1/" 2>/dev/null
  cp "$(dirname "$c1")"/* "$T/badc2/" 2>/dev/null
  vary "$c1" "$T/badc1/docker-compose.yml" '/events-init:/,$d' &&
    { node tests/contracts/check.mjs compose "$T/badc1/docker-compose.yml" >"$T/bc.out" 2>&1 &&
      bad "compose checker accepts schema.cql that no service loads" || ok "compose checker refuses schema.cql that no service loads"; }
  vary "$c1" "$T/badc2/docker-compose.yml" '/healthcheck:/,/retries:/d' &&
    { node tests/contracts/check.mjs compose "$T/badc2/docker-compose.yml" >"$T/bc.out" 2>&1 &&
      bad "compose checker accepts a loader waiting on a store without a healthcheck" ||
      ok "compose checker refuses a loader waiting on a store without a healthcheck"; }
else
  bad "no example's docker-compose.yml has an events-init loader (Murmur's Cassandra)"
fi
if [ -n "$COMPOSES" ] && node tests/contracts/check.mjs compose $COMPOSES >"$T/compose.out" 2>&1; then
  ok "docker-compose.yml parses (js-yaml) with images, loopback ports, environment, and every store's contract loaded"
else
  bad "docker-compose.yml" "$T/compose.out"
fi

# ---- the probes test something: drop one kind of constraint, they fail ----
spec=tests/golden/specs/features.plinth
d=$T/out/features
if [ -n "$PGPORT" ] && [ -f "$d/sql" ]; then
  i=0
  for kind in "NOT NULL" CHECK UNIQUE "FOREIGN KEY"; do
    i=$((i + 1))
    case $kind in
      "NOT NULL") sed 's/ NOT NULL//' "$d/sql" >"$d/mut.sql" ;;
      CHECK) sed 's/ CHECK (.*)//' "$d/sql" >"$d/mut.sql" ;;
      UNIQUE) sed 's/ UNIQUE//' "$d/sql" >"$d/mut.sql" ;;
      "FOREIGN KEY") grep -v '^ALTER TABLE .* ADD FOREIGN KEY' "$d/sql" >"$d/mut.sql" ;;
    esac
    psql_ -c "CREATE SCHEMA mut$i" >/dev/null 2>&1
    if in_schema "mut$i" -f "$d/mut.sql" >/dev/null 2>&1 && ! in_schema "mut$i" -f "$d/sql-probes" >"$d/mut.err" 2>&1 &&
      grep -q "breaks $kind" "$d/mut.err"; then
      ok "PostgreSQL probes fail when schema.sql loses its $kind constraints"
    else
      bad "PostgreSQL probes did not notice missing $kind constraints" "$d/mut.err"
    fi
  done
fi
for kind in "NOT NULL" CHECK UNIQUE "FOREIGN KEY"; do
  case $kind in
    "NOT NULL") sed 's/ NOT NULL\( DEFAULT\| UNIQUE\| CHECK\|,\| REFERENCES\)/\1/' "$d/sqlite" >"$d/mut.sql" ;;
    CHECK) sed 's/ CHECK (.*)\(,\| REFERENCES\)/\1/' "$d/sqlite" >"$d/mut.sql" ;;
    UNIQUE) sed 's/ UNIQUE//' "$d/sqlite" >"$d/mut.sql" ;;
    "FOREIGN KEY") sed 's/ REFERENCES "[^"]*" ("id") ON DELETE [A-Z ]*,$/,/' "$d/sqlite" >"$d/mut.sql" ;;
  esac
  cat "$d/mut.sql" "$d/sqlite-probes" | sqlite3 :memory: >/dev/null 2>"$d/mut.err"
  got=$(sed -n 's/^.*near line [0-9]*: //p' "$d/mut.err" | grep -c "^$kind")
  want=$(grep -c "^-- expect: $kind" "$d/sqlite-probes")
  if [ "$want" -gt 0 ] && [ "$got" -lt "$want" ]; then
    ok "sqlite3 probes fail when schema.sqlite.sql loses its $kind constraints ($got of $want still rejected)"
  else
    bad "sqlite3 probes did not notice missing $kind constraints ($got of $want rejected)" "$d/mut.err"
  fi
done

# ---- the key design, where the decision engine picks a wide-column store ----
spec=tests/contracts/specs/ledger.plinth
if "$PLINTH" plan --only keys-json "$spec" >"$T/keys.json" 2>"$T/keys.err" &&
  "$PLINTH" plan --only keys "$spec" >"$T/keys.md" 2>>"$T/keys.err" &&
  node tests/contracts/check.mjs keys "$T/keys.json" >>"$T/keys.err" 2>&1 &&
  grep -q '"family": "wide-column"' "$T/keys.json" && "$PLINTH" plan --only cql "$spec" 2>>"$T/keys.err" | grep -q 'PRIMARY KEY (('; then
  ok "ledger: keys.json, keys.md and schema.cql for the wide-column store (every entity keyed, buckets in the key)"
else
  bad "ledger: key design" "$T/keys.err"
fi
# The readings go to the events store (Cassandra); alerts and devices stay in
# the relational system of record, so the key design covers readings only.
if grep -q '"bucket": "day"' "$T/keys.json" && grep -q '"slot": "events"' "$T/keys.json" && ! grep -q 'listAlerts' "$T/keys.json"; then
  ok "ledger: readings are bucketed by day in the events store; alerts stay relational"
else
  bad "ledger: expected a day bucket for readings in the events store and no key for alerts" "$T/keys.json"
fi
cp "$T/keys.md" "$T/keys-ledger.md"
if "$NM/markdownlint-cli2" --config "$ROOT/.markdownlint-cli2.jsonc" "$T/keys-ledger.md" >"$T/keys-lint.out" 2>&1; then
  ok "ledger: keys.md passes markdownlint-cli2"
else
  bad "ledger: markdownlint-cli2 keys.md" "$T/keys-lint.out"
fi
if ! "$PLINTH" plan --only keys examples/shop.plinth >/dev/null 2>"$T/nokeys.err" && grep -q 'has no keys' "$T/nokeys.err"; then
  ok "shop (relational): no key design, with a message"
else
  bad "shop: --only keys should say the plan has none" "$T/nokeys.err"
fi

# ---- -o DIR and the chosen language ----
if "$PLINTH" plan examples/taskflow.plinth -o "$T/dir" 2>"$T/dir.err"; then
  missing=""
  # TaskFlow's records live in DynamoDB (key and owner access only): keys.md
  # and the table's CloudFormation, no SQL.
  for f in openapi.yaml dynamodb.cfn.json types.ts loadtest.js .env.example docker-compose.yml keys.md; do
    [ -s "$T/dir/$f" ] || missing="$missing $f"
  done
  for f in types.go types.py probes.sql schema.sql schema.sqlite.sql; do
    [ -e "$T/dir/$f" ] && missing="$missing (unexpected $f)"
  done
  if [ -z "$missing" ]; then ok "taskflow: -o DIR writes every contract"; else echo "$missing" >"$T/dir.err"; bad "taskflow: -o DIR" "$T/dir.err"; fi
else
  bad "taskflow: -o DIR" "$T/dir.err"
fi
if "$PLINTH" plan tests/contracts/specs/ledger.plinth -o "$T/dir2" 2>"$T/dir.err" && [ -s "$T/dir2/keys.md" ] && [ -s "$T/dir2/keys.json" ]; then
  ok "ledger: -o DIR writes keys.md and keys.json"
else
  bad "ledger: -o DIR" "$T/dir.err"
fi
lang_ok=1
for pair in "examples/taskflow.plinth:zod" "examples/chat.plinth:package model" "tests/contracts/specs/hostile.plinth:@dataclass"; do
  s=${pair%%:*}
  w=${pair#*:}
  "$PLINTH" plan --only types "$s" 2>/dev/null | grep -q "$w" || { echo "$s: no '$w'"; lang_ok=0; }
done >"$T/lang.err"
if [ $lang_ok = 1 ] && [ ! -s "$T/lang.err" ]; then
  ok "--only types follows the chosen language (TypeScript, Go, Python)"
else
  bad "--only types and the chosen language" "$T/lang.err"
fi

# ---- the shop's contract, as a customer and a replayed webhook try it ----
# First on a shop without the contract's rules (the catalogue private, the
# order's status and total plain fields): both checks must fail there.
if ! vary examples/shop.plinth "$T/loose.plinth" 's/crud Product        { public /crud Product        { /' \
  's/ = sum(OrderItem.price \* quantity)//' '/^    pending -> paid by system$/,/^  }$/d' 's/ = pending {$/ = pending/' ||
  grep -q -e ' public ' -e 'sum(' -e ' -> paid' "$T/loose.plinth"; then
  bad "the loose shop variant: a substitution did not apply (examples/shop.plinth changed?)"
elif ! "$PLINTH" plan --only openapi "$T/loose.plinth" >"$T/loose.yaml" 2>"$T/loose.err"; then
  bad "the loose shop variant does not compile" "$T/loose.err"
elif node tests/contracts/check.mjs shop "$T/loose.yaml" >"$T/loose.out" 2>&1; then
  bad "check.mjs shop accepts a shop whose customer sets status and totals"
else
  ok "check.mjs shop rejects the loose shop ($(grep -c . "$T/loose.out") problems)"
fi
if node tests/contracts/check.mjs shop "$T/out/shop/openapi.yaml" >"$T/shop.out" 2>&1; then
  ok "shop OpenAPI: no status or total in order bodies, public catalogue, staff-only writes, cancel/pack operations, checkout"
else
  bad "shop OpenAPI contract" "$T/shop.out"
fi
if [ -n "$PGPORT" ]; then
  if "$PLINTH" plan --only sql "$T/loose.plinth" >"$T/loose.sql" 2>"$T/loose.err" &&
    psql_ -c "CREATE SCHEMA shop_loose" >/dev/null 2>&1 && in_schema shop_loose -f "$T/loose.sql" >"$T/loose.pg" 2>&1 &&
    ! in_schema shop_loose -f tests/contracts/shop.sql >"$T/loose.pg" 2>&1; then
    ok "shop.sql fails on the loose shop's schema ($(grep -o 'ERROR: .*' "$T/loose.pg" | head -n 1))"
  else
    bad "shop.sql passes on the loose shop's schema" "$T/loose.pg"
  fi
  if psql_ -c "CREATE SCHEMA shop_contract" >/dev/null 2>&1 && in_schema shop_contract -f "$T/out/shop/sql" >"$T/shop.pg" 2>&1 &&
    in_schema shop_contract -f tests/contracts/shop.sql >"$T/shop.pg" 2>&1; then
    ok "shop on PostgreSQL: orders start pending, exact totals, invalid transitions refused, a replayed webhook ignored, orders kept"
  else
    bad "shop contract on PostgreSQL" "$T/shop.pg"
  fi
fi

# ---- what a payment buys, and paths spelled as words (check.mjs lectern) ----
# The contract's batch is the plan's: a stated `batch 1` takes one row a
# request, not the 1,000 of the default.
sed 's/batch 100 /batch 1 /' examples/telemetry.plinth >"$T/batch1.plinth"
grep -q 'batch 1 ' "$T/batch1.plinth" || bad "setup: telemetry states no batch 100"
if "$PLINTH" plan --only openapi "$T/batch1.plinth" 2>/dev/null | grep -q '^ *maxItems: 1$'; then
  ok "ingest OpenAPI: maxItems is the plan's batch (1)"
else
  bad "ingest OpenAPI: maxItems is not the plan's batch of 1"
fi
# openapi_case NAME MODE OK BAD: plan NAME's contract and judge it with
# check.mjs MODE; the plan's stderr stays in $T/NAME.err.
openapi_case() {
  if "$PLINTH" plan --only openapi "$T/$1.plinth" >"$T/$1.yaml" 2>"$T/$1.err" &&
    node tests/contracts/check.mjs "$2" "$T/$1.yaml" >"$T/$1.out" 2>&1; then
    ok "$3"
  else
    cat "$T/$1.err" >>"$T/$1.out"
    bad "$4" "$T/$1.out"
  fi
}
cat >"$T/lectern.plinth" <<'EOF'
project "Lectern" { idea "Students enrol in paid courses and take quizzes; offers pass through many states." }
entity User { email email unique; password secret }
entity Person { name string(80) }
entity Course { instructor -> User; title string(200); price money; per User ~ 1 }
entity Enrolment { course -> Course; student -> User; per User ~ 3 }
entity Quiz { course -> Course; per Course ~ 5 }
entity Attempt { quiz -> Quiz; student -> User; score int readonly; per Quiz ~ 100 }
entity Offer { owner -> User; status enum(open, declined, expired, reversed, retired, licensed, cancelled, shipped, completed, edited, enabled, queued, agreed) = open { open -> declined by owner; open -> expired by owner; open -> reversed by owner; open -> retired by owner; open -> licensed by owner; open -> cancelled by owner; open -> shipped by owner; open -> completed by owner; open -> edited by owner; open -> enabled by owner; open -> queued by owner; open -> agreed by owner } }
feature auth { method jwt roles student instructor }
feature crud Course { roles instructor }
feature crud Person
feature crud Enrolment { owner-only }
feature crud Quiz
feature crud Attempt { owner-only }
feature crud Offer { owner-only }
integration stripe { kind payments webhooks }
EOF
openapi_case lectern lectern \
  "lectern OpenAPI: a checkout for the enrolment in a priced course, its course fixed, the attempt's student from sign-in, states and plurals spelled as words" \
  "lectern OpenAPI: checkout, signed-in student, spelling"

# ---- money by its meaning and actors from sign-in (check.mjs market) ----
if node tests/contracts/check.mjs market "$T/out/market/openapi.yaml" >"$T/market.out" 2>&1; then
  ok "market OpenAPI: balance, fee and a line's price copy server-set, a payout's amount given once, bids and prices the client's, actors from sign-in, no DELETE of money rows"
else
  bad "market OpenAPI: who writes money and actors" "$T/market.out"
fi

# ---- access along the ownership chain, kept records (check.mjs access) ----
cat >"$T/tenancy.plinth" <<'EOF'
project "Tenancy" {
  idea "Agents of client companies answer tickets; charts are medical records."
  users 10k
  compliance hipaa
}
entity Company { name string(80) ; count 100 }
entity Agent { company -> Company ; email email unique ; password secret ; per Company ~ 5 }
entity Ticket { company -> Company ; subject string(200) ; per Company ~ 100 }
entity Reply { ticket -> Ticket ; body text ; per Ticket ~ 3 }
entity Chart { ticket -> Ticket ; body text ; retain 10 years ; per Ticket ~ 1 }
entity Log { ticket -> Ticket ; body text ; per Ticket ~ 1 }
entity Entry { ticket -> Ticket ; body text ; per Ticket ~ 1 }
entity Wallet { agent -> Agent unique ; cash money ; per Agent ~ 1 }
entity Note { agent -> Agent ; body text ; per Agent ~ 5 }
entity Memo { note -> Note ; body text ; per Note ~ 2 }
entity Rate { name string(40) ; amount money ; count 10 }
feature auth { method jwt roles agent admin }
feature crud Ticket
feature crud Reply
feature crud Chart
feature crud Log { audit }
feature crud Entry
feature history Entry
feature crud Wallet { owner-only }
feature crud Note { owner-only }
feature crud Memo
feature crud Rate
EOF
openapi_case tenancy access \
  "tenancy OpenAPI: rows reaching the agent's company are the company's, a child of an owner-only row is the owner's, audited, historied and HIPAA-retained rows have no DELETE, an account's cash is the server's" \
  "tenancy OpenAPI: access along the ownership chain, kept records"
if grep -q 'tenancy.plinth:[0-9]*:[0-9]*: warning: any signed-in user may write Rate.amount' "$T/tenancy.err" &&
  grep -q 'market.plinth:[0-9]*:[0-9]*: warning: any signed-in user may write another user.s Bid rows' "$T/out/market/o.err"; then
  ok "check: writes open to every signed-in user on another user's rows, or on money, are warnings at the crud line"
else
  cat "$T/out/market/o.err" >>"$T/tenancy.err"
  bad "check: open writes on rows that are not the caller's" "$T/tenancy.err"
fi

# ---- tallies the server keeps (check.mjs tallies) ----
cat >"$T/tallies.plinth" <<'EOF'
project "Tallies" { idea "People post pictures, comment, like and review them, and book tables." }
entity User { email email unique; password secret }
entity Post { author -> User; caption text; lat float; comments_count int; like_count int; views int; avg_rating float; per User ~ 20 }
entity Comment { post -> Post; body text; per Post ~ 3 }
entity Like { post -> Post; per Post ~ 10 }
entity Review { post -> Post; rating int; per Post ~ 1 }
entity Ping { post -> Post; lat float; per Post ~ 1 }
entity Booking { guest -> User; guest_count int; per User ~ 1 }
feature auth { method jwt roles user }
feature crud Post
feature crud Comment
feature crud Like
feature crud Review
feature crud Ping
feature crud Booking
EOF
openapi_case tallies tallies \
  "tallies OpenAPI: counts of the rows that point at a post, an aggregate of their ratings and its views are the server's; its position and a party size the client's" \
  "tallies OpenAPI: who writes counts"

# ---- parties, role grants, sign-up, kept and issued records (check.mjs parties) ----
cat >"$T/parties.plinth" <<'EOF'
project "Parties" { idea "Firms bill their clients and keep signed sheets; members order meals from kitchens, riders bring them." }
entity Firm { name string(80) }
entity Member { firm -> Firm; email email unique; password secret; level enum(boss, clerk, viewer) = viewer; per Firm ~ 5 }
entity Kitchen { name string(80) }
entity Rider { name string(80) }
entity Meal { member -> Member; kitchen -> Kitchen; rider -> Rider?; note string(200); per Member ~ 3 }
entity Bill { firm -> Firm; memo string(200); status enum(draft, issued, void) = draft { draft -> issued by owner; issued -> void by owner }; per Firm ~ 50 }
entity BillLine { bill -> Bill; text string(100); qty int; per Bill ~ 4 }
entity Payment { bill -> Bill; amount money immutable; per Bill ~ 1 }
entity Archive { member -> Member; body text; retain 2 years; per Member ~ 2 }
entity Leaf { archive -> Archive; body text; per Archive ~ 2 }
entity Sheet { member -> Member; title string(80); signed timestamp? readonly; per Member ~ 2 }
entity Form { member -> Member; status enum(open, signed) = open { open -> signed by clerk }; signed_at timestamp? readonly; per Member ~ 2 }
feature auth { method jwt roles boss clerk viewer kitchen rider }
feature crud Meal { owner-only }
feature crud Bill
feature crud BillLine
feature crud Payment
feature crud Archive { owner-only }
feature crud Leaf
feature crud Sheet { owner-only }
feature crud Form { owner-only }
EOF
openapi_case parties parties \
  "parties OpenAPI: a meal's kitchen picked at creation and its rider assigned, the level (auth roles) never in a body, sign-up creates the firm, retained rows and their children kept, an issued bill's writes and its lines' refused (409), a form signed by a clerk" \
  "parties OpenAPI: parties, grants, sign-up, kept and issued records"
if grep -q 'parties.plinth:12:[0-9]*: warning: .signed. is set by the server (readonly), but no operation' "$T/parties.err" &&
  ! grep -q "'signed_at' is set by the server" "$T/parties.err"; then
  ok "check: a readonly field that nothing writes (Sheet.signed) is a warning at its line; one a transition records (Form.signed_at) is not"
else
  bad "check: no warning for a readonly field that nothing writes" "$T/parties.err"
fi

# ---- names the language refuses are clear spec errors ----
printf 'project "Q" { idea "x" }\nentity "user" { name string }\n' >"$T/q.plinth"
"$PLINTH" plan --only sql "$T/q.plinth" >"$T/q.out" 2>"$T/q.err"
rc=$?
if [ $rc -eq 1 ] && [ ! -s "$T/q.out" ] && grep -q 'q.plinth:2:8: error: ' "$T/q.err"; then
  ok "a quoted entity name is a file:line:col error, with no output"
else
  bad "a quoted entity name (exit $rc)" "$T/q.err"
fi

summary
