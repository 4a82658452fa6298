#!/bin/sh
# Unicode suite: the policy of docs/language.md ("Unicode") end to end.
#
#   1. names refuse C1 controls, noncharacters, bidirectional controls and
#      the BOM, each with its own message, exit 1, and the diagnostic shows
#      <U+XXXX> in place of the raw code point;
#   2. strings holding every hostile code point (143 of them: C0 but NUL and
#      newlines, DEL, C1, U+2028, U+2029, BOM, 66 noncharacters, 12 bidi
#      controls; tests/unicode/gen.py), with YAML, JSON, HTML and Markdown
#      syntax, reach every artifact of `plan -o` and of the test bundle, and
#      every artifact passes its consumer: UTF-8 with nothing hostile raw and
#      js-yaml / JSON.parse (tests/unicode/check.mjs), promtool (alerts.yaml),
#      xmllint (SVG), node --check (loadtest.js), tsc (types.ts), gofmt
#      (types.go), python3 (types.py), sqlite3 and PostgreSQL (schemas),
#      redocly (openapi.yaml), the Mermaid parser (Markdown);
#   3. limits in each consumer's unit: OpenAPI keys at most 1,024
#      characters for long non-ASCII names, names at most 255 bytes,
#      1,596 columns accepted by PostgreSQL, partitions whose index names
#      PostgreSQL picks never clash with the schema's;
#   4. `check --format json|sarif` with a file name that is not UTF-8
#      prints UTF-8 JSON; `diagnose` does not echo invalid UTF-8.
#
#   PLINTH=./plinth sh tests/unicode/run.sh
set -u
PLINTH=${PLINTH:-./plinth}
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
check() { # NAME COMMAND...
  what=$1
  shift
  if out=$("$@" 2>&1); then ok "$what"; else bad "$what" "$out"; fi
}
export REDOCLY_TELEMETRY=off NODE_NO_WARNINGS=1
NM=$PWD/node_modules/.bin
for t in node python3 promtool xmllint gofmt sqlite3; do
  command -v $t >/dev/null 2>&1 || { bad "setup: $t is missing (sh scripts/install-deps.sh)"; echo "$pass passed, $fail failed"; exit 1; }
done
# Raw hostile code points in text, as a Python check (strict UTF-8 first).
RAW='import sys,re
t=open(sys.argv[1],"rb").read()
try: s=t.decode("utf-8")
except Exception as e: print("not UTF-8:",e); sys.exit(1)
m=re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufdd0-\ufdef\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ufffe\uffff\U0001fffe\U0001ffff\U0010fffe\U0010ffff]",s)
if m: print("raw U+%04X at %d" % (ord(m.group(0)), m.start())); sys.exit(1)'

# ---- 1. names ----
for cp in 85 9B FFFF 1FFFE FDD0 202E 2066 61C FEFF; do
  python3 -c "
import sys
open('$T/name.plinth','w',encoding='utf-8').write('project \"T\" { idea \"x\" }\nentity Us'+chr(0x$cp)+'er { name string(20) }\n')"
  "$PLINTH" check "$T/name.plinth" >/dev/null 2>"$T/err"
  rc=$?
  if [ $rc -eq 1 ] && grep -q "U+0*$cp" "$T/err" && grep -q "<U+0*$cp>" "$T/err" && python3 -c "$RAW" "$T/err" >/dev/null; then
    ok "a name with U+$cp: exit 1, a message naming it, no raw code point on stderr"
  else
    bad "a name with U+$cp (exit $rc)" "$(cat -A "$T/err")"
  fi
done

# ---- 2. every artifact through its consumer ----
mkdir -p "$T/specs"
n=$(python3 tests/unicode/gen.py "$T/specs") || bad "gen.py"
[ "$n" = 143 ] || bad "gen.py wrote $n code points, expected 143"
start_pg() {
  [ -x "$PGBIN/initdb" ] || return 1
  mkdir -p "$T/pg"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$T/pg"
    RUN="su postgres -s /bin/sh -c"
  else
    RUN="sh -c"
  fi
  $RUN "$PGBIN/initdb -D $T/pg/data -A trust -U postgres -E UTF8 --no-instructions" >"$T/pg.log" 2>&1 || return 1
  base=$((20000 + ($$ * 3) % 20000))
  for i in 0 1 2 3 4 5 6 7 8 9; do
    port=$((base + i * 11))
    if $RUN "$PGBIN/pg_ctl -D $T/pg/data -l $T/pg/log -o '-c listen_addresses=127.0.0.1 -p $port -k $T/pg -c fsync=off' -w start" >>"$T/pg.log" 2>&1; then
      PGPORT=$port
      return 0
    fi
  done
  return 1
}
start_pg || echo "note: no PostgreSQL server here; schema.sql is checked by sqlite3 only"
mdfiles=
tsfiles=
first=1
TSDIR=$PWD/build/unicode-ts-${SUITE_LABEL:-plain}
rm -rf "$TSDIR"
mkdir -p "$TSDIR"
for spec in "$T"/specs/*.plinth; do
  s=$(basename "$spec" .plinth)
  d=$T/$s
  if ! "$PLINTH" plan "$spec" -o "$d" >/dev/null 2>"$T/err"; then
    bad "$s: plan -o" "$(cat "$T/err")"
    continue
  fi
  "$PLINTH" plan "$spec" --only test-bundle >"$T/bundle.txt" 2>/dev/null
  mkdir -p "$d/bundle"
  # The bundle prints "<!-- FILE -->" before each file.
  awk -v d="$d/bundle" '/^<!-- [^ ]+ -->$/ { f = d "/" $2; next } f { print > f }' "$T/bundle.txt"
  check "$s: every file UTF-8, nothing hostile raw, YAML and JSON load" node tests/unicode/check.mjs "$d"
  # alerts.yaml is Prometheus rules, or CloudWatch alarms for an AWS stack;
  # Datadog and New Relic get their own JSON.
  if [ -f "$d/alerts.yaml" ] && head -n 1 "$d/alerts.yaml" | grep -q '^# Prometheus'; then
    check "$s: promtool accepts alerts.yaml" promtool check rules "$d/alerts.yaml"
  fi
  for a in "$d"/alerts.*.json; do
    [ -f "$a" ] && check "$s: $(basename "$a") fits its API's schema" node tests/kit/alerts.cjs "$a"
  done
  for svg in "$d"/diagrams/*.svg; do
    check "$s: xmllint accepts $(basename "$svg")" xmllint --noout "$svg"
  done
  check "$s: node --check loadtest.js" node --check "$d/loadtest.js"
  # tsc runs once at the end, from a folder in the tree (zod resolves there).
  cp "$d/bundle/types.ts" "$TSDIR/$s.ts"
  tsfiles="$tsfiles $s.ts"
  check "$s: gofmt types.go" sh -c "gofmt -e '$d/bundle/types.go' >/dev/null"
  check "$s: python3 compiles types.py" python3 -c "import ast,sys; ast.parse(open(sys.argv[1],encoding='utf-8').read())" "$d/bundle/types.py"
  # A SQL store meets SQLite and PostgreSQL; a DynamoDB one its template
  # (JSON, loaded by check.mjs above). One of the two must be there.
  if [ -f "$d/schema.sql" ]; then
    check "$s: sqlite3 runs schema.sqlite.sql" sh -c "sqlite3 -bail :memory: < '$d/schema.sqlite.sql'"
    if [ -n "$PGPORT" ]; then
      check "$s: PostgreSQL runs schema.sql" psql -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
        -c "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;" -f "$d/schema.sql"
    fi
  elif [ -f "$d/dynamodb.cfn.json" ]; then
    ok "$s: no schema.sql; the DynamoDB template loaded as JSON"
  else
    bad "$s: neither schema.sql nor dynamodb.cfn.json"
  fi
  if [ $first = 1 ] && consumers; then
    check "$s: redocly lints openapi.yaml" "$NM/redocly" lint --extends=spec --format=stylish "$d/openapi.yaml"
    first=0
  fi
  mdfiles="$mdfiles $d/*.md"
done
# The two slow Node consumers run on the plain lane (tests/lib.sh, consumers).
if consumers; then
  # shellcheck disable=SC2086
  check "tsc --strict type-checks every types.ts" sh -c "cd '$TSDIR' && '$NM/tsc' --noEmit --strict --skipLibCheck \
    --target es2022 --module nodenext --moduleResolution nodenext $tsfiles"
  # shellcheck disable=SC2086
  check "Mermaid parses every diagram of every document" node tests/validate/mermaid-parse.mjs $mdfiles
fi

# ---- mutants of the emit fuzzer through the consumers ----
# tests/fuzz/emit-corpus/mutant-*.plinth: valid specs the custom mutator of
# tests/fuzz/fuzz_emit.c made (names, strings, numbers swapped); their
# artifacts go through the same quick consumers.
mbad=0
mn=0
for spec in tests/fuzz/emit-corpus/mutant-*.plinth; do
  [ -f "$spec" ] || continue
  mn=$((mn + 1))
  d=$T/m-$(basename "$spec" .plinth)
  "$PLINTH" plan "$spec" -o "$d" >/dev/null 2>"$T/err" || { bad "$spec: plan -o" "$(cat "$T/err")"; mbad=$((mbad + 1)); continue; }
  if consumers; then
    out=$(node tests/unicode/check.mjs "$d" 2>&1) || { bad "$spec: check.mjs" "$out"; mbad=$((mbad + 1)); }
    out=$(node --check "$d/loadtest.js" 2>&1) || { bad "$spec: node --check" "$out"; mbad=$((mbad + 1)); }
  fi
  if [ -f "$d/alerts.yaml" ] && head -n 1 "$d/alerts.yaml" | grep -q '^# Prometheus'; then
    out=$(promtool check rules "$d/alerts.yaml" 2>&1) || { bad "$spec: promtool" "$out"; mbad=$((mbad + 1)); }
  fi
  for svg in "$d"/diagrams/*.svg; do
    out=$(xmllint --noout "$svg" 2>&1) || { bad "$spec: xmllint $(basename "$svg")" "$out"; mbad=$((mbad + 1)); }
  done
  out=$(sqlite3 -bail :memory: <"$d/schema.sqlite.sql" 2>&1) || { bad "$spec: sqlite3" "$out"; mbad=$((mbad + 1)); }
done
[ $mbad -ne 0 ] || ok "$mn fuzzer mutants: every artifact UTF-8, YAML and JSON load, promtool (Prometheus rules), xmllint, node --check, sqlite3"

# ---- limits in the consumers' units ----
# Names: long non-ASCII names give bounded OpenAPI keys (YAML: 1,024
# characters an implicit key); a name over 255 bytes is an error.
python3 -c "
n='É'+'é'*126
f='ñ'*127
print('project \"T\" { idea \"x\" }\nentity User { email email unique; password secret }\nentity %s { owner -> User; title string(20); %s blob }\nentity Sub { parent -> %s; body text }\nfeature auth { method jwt }\nfeature crud %s\nfeature crud Sub\nfeature upload %s.%s' % (n,f,n,n,n,f))" >"$T/long.plinth"
"$PLINTH" plan --only openapi "$T/long.plinth" >"$T/long.yaml" 2>"$T/err"
longest=$(awk '/^ *"[^"]*":/ { k = $0; sub(/^ *"/, "", k); sub(/":.*/, "", k); if (length(k) > m) m = length(k) } END { print m + 0 }' "$T/long.yaml")
if [ "$longest" -gt 0 ] && [ "$longest" -le 1024 ] && node -e 'require("js-yaml").load(require("fs").readFileSync(process.argv[1], "utf8"))' "$T/long.yaml"; then
  ok "long non-ASCII names: the longest OpenAPI key is $longest characters (at most 1024)"
else
  bad "long non-ASCII names: longest key $longest" "$(cat "$T/err")"
fi
python3 -c "print('project \"T\" { idea \"x\" }\nentity %s { title string(20) }' % ('É'+'é'*200))" >"$T/long2.plinth"
"$PLINTH" check "$T/long2.plinth" >/dev/null 2>"$T/err"
rc=$?
if [ $rc -eq 1 ] && grep -q 'the limit is 255' "$T/err"; then ok "a 401-byte name: exit 1, the limit named"; else bad "a 401-byte name (exit $rc)" "$(cat "$T/err")"; fi
if [ -n "$PGPORT" ]; then
  # 1,596 columns is PostgreSQL's most (1,600 with Plinth's 4); partitions
  # whose index names PostgreSQL chooses never take one of the schema's.
  python3 -c "
print('project \"W\" { idea \"x\" }\nentity Wide {')
for i in range(1596): print('  f%d int' % i)
print('}')" >"$T/wide.plinth"
  "$PLINTH" plan --only sql "$T/wide.plinth" >"$T/wide.sql" 2>"$T/err"
  check "1,596 fields: PostgreSQL creates the table" psql -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;" -f "$T/wide.sql"
  vary tests/diff/partition/new.plinth "$T/part.plinth" '/^entity Event/,/^}/{s/^  device -> Device/  device -> Device\n  default_device -> Device\n  default -> Device/}'
  "$PLINTH" plan --only sql "$T/part.plinth" >"$T/part.sql" 2>"$T/err"
  if grep -q 'PARTITION OF' "$T/part.sql"; then
    check "fields default and default_author on a partitioned table: PostgreSQL runs the schema" \
      psql -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
      -c "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;" -f "$T/part.sql"
  else
    bad "the partition spec is not partitioned any more (update the test)" "$(cat "$T/err")"
  fi
fi

# ---- 3. file names and symptoms that are not UTF-8 ----
bn=$(printf 'bad\377\205name.plinth')
cp tests/diag/duplicate_field.plinth "$T/$bn"
for fmt in json sarif; do
  "$PLINTH" check --format $fmt "$T/$bn" >"$T/out.$fmt" 2>/dev/null
  check "check --format $fmt with a file name that is not UTF-8: strict UTF-8 JSON" \
    python3 -c "import json,sys; json.loads(open(sys.argv[1],'rb').read().decode('utf-8'))" "$T/out.$fmt"
done
"$PLINTH" check "$T/$bn" 2>"$T/err" >/dev/null
check "check: the file name's bad bytes are shown as escapes" python3 -c "$RAW" "$T/err"
printf 'slow \377\376 page \302\205 and \342\200\256 here\n' | "$PLINTH" diagnose - >"$T/diag.md" 2>/dev/null
check "diagnose: no invalid UTF-8 or raw control echoed into Markdown" python3 -c "$RAW" "$T/diag.md"

summary
