#!/bin/sh
# The calibration set: real architectures companies published about their
# own systems (tests/calibration/specs/NAME.plinth, built from the figures
# each write-up states, with the source in its comments) and the decisions
# they made (NAME.expect). check.js compares them with `plinth plan --format
# json`; mismatches.txt lists, with a reason, each decision Plinth does not
# yet make as the company did. The list is a ratchet: an unlisted mismatch
# fails, a listed one that now matches is reported as stale (and fails with
# CALIBRATION_STRICT=1 in the environment).
#
#   1. the checker is first shown plans that must fail (a wrong store, an
#      unlisted mismatch, a listed line naming no decision);
#   2. every calibration spec plans (exit 0), all of them in under 1 s of
#      CPU together (wall time reported; not asserted under sanitizers);
#   3. per spec and overall, how many decisions match.
#
# Run from the repository root: PLINTH=./plinth sh tests/calibration/run.sh
# Prints "ok NAME" per pass, details per failure, last "N passed, M failed".
set -u
PLINTH=${PLINTH:-./plinth}
dir=tests/calibration
. tests/lib.sh
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT


if ! command -v node >/dev/null 2>&1; then
  echo "FAIL setup: node is required to read the plan JSON"
  echo "0 passed, 1 failed"
  exit 1
fi
if ! "$PLINTH" kb list >"$tmp/kb.txt" 2>"$tmp/err"; then
  bad "kb list" "$(head -n 3 "$tmp/err")"
  echo "$pass passed, $fail failed"
  exit 1
fi

# ---- 1. the checker rejects what it must ----
mkdir -p "$tmp/bad/specs" "$tmp/bad/json"
cat >"$tmp/bad/specs/x.expect" <<'EOF'
source https://example.com/
record relational
cache  yes
EOF
# A plan that keeps the record in a wide-column store and has no cache.
cat >"$tmp/bad/json/x.json" <<'EOF'
{"style": {"choice": "monolith"}, "decisions": [{"slot": "database", "choice": "cassandra", "because": ["wide rows scale  writes out"]}],
 "absent": [{"slot": "cache", "why": "no cache: 50 reads/s at peak"}]}
EOF
: >"$tmp/bad/empty.txt"
if CALIBRATION_STRICT= CALIBRATION_PROPOSE= node "$dir/check.js" "$tmp/kb.txt" "$tmp/bad/empty.txt" "$tmp/bad/specs" "$tmp/bad/json" >"$tmp/out" 2>&1; then
  bad "checker.rejects_unlisted" "a plan with the wrong store passed: $(cat "$tmp/out")"
elif ! grep -q "record: plinth decides wide-column, the company chose relational" "$tmp/out"; then
  bad "checker.rejects_unlisted" "$(cat "$tmp/out")"
else ok "checker.rejects_unlisted"; fi
# Listed, both mismatches pass; a listed line that names no decision fails.
printf 'x record chooser: test output: "Scale writes out"\nx cache chooser: test output: "no cache: 50 reads/s"\n' >"$tmp/bad/listed.txt"
if CALIBRATION_STRICT= CALIBRATION_PROPOSE= node "$dir/check.js" "$tmp/kb.txt" "$tmp/bad/listed.txt" "$tmp/bad/specs" "$tmp/bad/json" >"$tmp/out" 2>&1 &&
  grep -q "calibration: 0 of 2 decisions match" "$tmp/out"; then ok "checker.listed_pass"
else bad "checker.listed_pass" "$(cat "$tmp/out")"; fi
printf 'x record chooser: test output: "scale writes out"\nx cache chooser: test output: "no cache"\nx search chooser: no such decision output: "no cache"\n' >"$tmp/bad/extra.txt"
if CALIBRATION_STRICT= CALIBRATION_PROPOSE= node "$dir/check.js" "$tmp/kb.txt" "$tmp/bad/extra.txt" "$tmp/bad/specs" "$tmp/bad/json" >"$tmp/out" 2>&1; then
  bad "checker.rejects_unused_line" "$(cat "$tmp/out")"
else ok "checker.rejects_unused_line"; fi
# A listed mismatch must quote the plan's own words for why it differs: a
# line without output: "PHRASE", or with a phrase the plan does not carry,
# fails.
printf 'x record chooser: test\nx cache chooser: test output: "no cache"\n' >"$tmp/bad/nophrase.txt"
if CALIBRATION_STRICT= CALIBRATION_PROPOSE= node "$dir/check.js" "$tmp/kb.txt" "$tmp/bad/nophrase.txt" "$tmp/bad/specs" "$tmp/bad/json" >"$tmp/out" 2>&1; then
  bad "checker.rejects_no_phrase" "a listed mismatch without the plan's words passed: $(cat "$tmp/out")"
elif ! grep -q 'record: listed on line 1 without output' "$tmp/out"; then
  bad "checker.rejects_no_phrase" "$(cat "$tmp/out")"
else ok "checker.rejects_no_phrase"; fi
printf 'x record chooser: test output: "shards by tenant"\nx cache chooser: test output: "no cache"\n' >"$tmp/bad/wrongphrase.txt"
if CALIBRATION_STRICT= CALIBRATION_PROPOSE= node "$dir/check.js" "$tmp/kb.txt" "$tmp/bad/wrongphrase.txt" "$tmp/bad/specs" "$tmp/bad/json" >"$tmp/out" 2>&1; then
  bad "checker.rejects_absent_phrase" "a phrase the plan does not carry passed: $(cat "$tmp/out")"
elif ! grep -q 'the plan no longer says "shards by tenant"' "$tmp/out"; then
  bad "checker.rejects_absent_phrase" "$(cat "$tmp/out")"
else ok "checker.rejects_absent_phrase"; fi
# A listed mismatch that now matches is reported as stale.
cat >"$tmp/bad/json/x.json" <<'EOF'
{"style": {"choice": "monolith"}, "decisions": [{"slot": "database", "choice": "aws-rds-postgresql"}, {"slot": "cache", "choice": "aws-elasticache"}]}
EOF
if CALIBRATION_STRICT= CALIBRATION_PROPOSE= node "$dir/check.js" "$tmp/kb.txt" "$tmp/bad/listed.txt" "$tmp/bad/specs" "$tmp/bad/json" >"$tmp/out" 2>&1 &&
  grep -q "stale record now matches" "$tmp/out"; then ok "checker.reports_stale"
else bad "checker.reports_stale" "$(cat "$tmp/out")"; fi
# A proposed list marks new mismatches UNREVIEWED, and such a line fails.
# (the plan keeps the record in a wide-column store and has no cache; the
# list knows the first mismatch only)
mkdir -p "$tmp/bad/json2"
echo '{"style": {"choice": "monolith"}, "decisions": [{"slot": "database", "choice": "cassandra", "because": ["scale writes out"]}]}' >"$tmp/bad/json2/x.json"
printf 'x record chooser: test output: "scale writes out"\n' >"$tmp/bad/one.txt"
CALIBRATION_STRICT= CALIBRATION_PROPOSE="$tmp/bad/proposed.txt" node "$dir/check.js" "$tmp/kb.txt" "$tmp/bad/one.txt" \
  "$tmp/bad/specs" "$tmp/bad/json2" >/dev/null 2>&1
if grep -q "^x  *cache  *UNREVIEWED: plinth decides no, the company chose yes" "$tmp/bad/proposed.txt" 2>/dev/null &&
  grep -q '^x  *record  *chooser: test output: "scale writes out"' "$tmp/bad/proposed.txt" &&
  ! CALIBRATION_STRICT= CALIBRATION_PROPOSE= node "$dir/check.js" "$tmp/kb.txt" "$tmp/bad/proposed.txt" "$tmp/bad/specs" "$tmp/bad/json2" >/dev/null 2>&1
then ok "checker.propose_marks_unreviewed"
else bad "checker.propose_marks_unreviewed" "$(cat "$tmp/bad/proposed.txt" 2>/dev/null)"; fi
# CALIBRATION_STRICT=1 fails on a stale line (the list must shrink).
if CALIBRATION_STRICT=1 CALIBRATION_PROPOSE= node "$dir/check.js" "$tmp/kb.txt" "$tmp/bad/listed.txt" "$tmp/bad/specs" "$tmp/bad/json" >"$tmp/out" 2>&1; then
  bad "checker.strict_fails_stale" "$(cat "$tmp/out")"
else ok "checker.strict_fails_stale"; fi

# ---- 2. every spec plans, all within the time budget ----
mkdir -p "$tmp/json"
# The loop runs in a subshell that ends with `times`: its second line is the
# CPU time (user, system) of the plinth processes, which the shared machine's
# load does not inflate as it does wall time.
t0=$(date +%s%N)
(
  for spec in "$dir"/specs/*.plinth; do
    name=$(basename "$spec" .plinth)
    if ! "$PLINTH" plan "$spec" --format json >"$tmp/json/$name.json" 2>"$tmp/$name.err"; then
      echo "$name" >>"$tmp/planfail"
      rm -f "$tmp/json/$name.json"
    fi
  done
  times >"$tmp/times"
)
t1=$(date +%s%N)
wall=$(((t1 - t0) / 1000000))
cpu=$(sed -n 2p "$tmp/times" | awk '{ n = 0; for (i = 1; i <= 2; i++) { split($i, a, "m"); n += a[1] * 60 + a[2] } printf "%d", n * 1000 }')
n=$(ls "$dir"/specs/*.plinth | wc -l)
if [ -s "$tmp/planfail" ]; then
  for name in $(cat "$tmp/planfail"); do bad "plan.$name" "$(head -n 4 "$tmp/$name.err")"; done
else ok "plan.all ($n specs)"; fi
[ "$n" -ge 25 ] && ok "specs.count ($n)" || bad "specs.count" "$n calibration specs; the set needs at least 25"
case $PLINTH in
*asan* | *ubsan* | *valgrind*) echo "note: $n specs planned in $cpu ms CPU, $wall ms wall (sanitized build: not asserted)" ;;
*) if [ "$cpu" -lt 1000 ]; then ok "time ($n specs in $cpu ms CPU, $wall ms wall)"
   else bad "time" "$n specs took $cpu ms of CPU ($wall ms wall); the budget is 1000 ms"; fi ;;
esac

# When a spec states how fast its rows are created, those rows bound what
# people write and the rest of the requests read: Yelp 2014's 139M
# requests a day against 60k reviews and 30k photos read 99%, not the
# features' average share (docs/capacity.md#read-write-mix).
if [ -s "$tmp/json/yelp-2014.json" ] &&
  grep -q "at 3 writes a row (created, then edited) people write 16.5/s, fewer than the 308/s the features' read share gives, so the other 1.59k requests/s read (99.0% of them)" "$tmp/json/yelp-2014.json"
then ok "load.created_rows_bound_writes"
else bad "load.created_rows_bound_writes" "yelp-2014's plan does not bound its writes by the rows it creates"; fi

# A public entity is read by everyone and written by its owner: its crud
# reads 95%. Let's Encrypt 2021's certificates, read by every client that
# checks one: its stated requests less its stated writes are reads, 47x
# the writes (not a ratio of the writes), and the copy its availability
# target keeps carries them.
if [ -s "$tmp/json/letsencrypt-2021.json" ] &&
  grep -q "reads (20.8k/s) are 47x the writes: the copy in each other zone the 99.9% target keeps is a readable replica" "$tmp/json/letsencrypt-2021.json"
then ok "load.public_crud_reads"
else bad "load.public_crud_reads" "letsencrypt-2021's public certificates do not make its reads dominate"; fi

# ---- 3. decisions against the companies' ----
node "$dir/check.js" "$tmp/kb.txt" "$dir/mismatches.txt" "$dir/specs" "$tmp/json" >"$tmp/check.out" 2>&1
rc=$?
grep -v '^ok \|^FAIL ' "$tmp/check.out"
p=$(grep -c '^ok ' "$tmp/check.out")
f=$(grep -c '^FAIL ' "$tmp/check.out")
grep '^ok \|^FAIL ' "$tmp/check.out" | sed 's/^FAIL /FAIL /'
pass=$((pass + p))
fail=$((fail + f))
if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then bad "check.js" "exit $rc: $(tail -n 3 "$tmp/check.out")"; fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
