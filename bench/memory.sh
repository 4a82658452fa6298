#!/bin/sh
# Peak resident memory of `plinth plan SPEC -o DIR`, each run into a fresh
# empty folder: the median of RUNS runs (default 3) for a 10,000-entity
# spec (build/bench/gen 10000) and a 100,000-entity compact spec, against
# the budgets (under 300 MB and under 2 GB). Reads GNU time's
# "Maximum resident set size". Prints one line per run, then PASS or FAIL
# per budget; exits 1 when a budget fails. Last measured (2026-12-07,
# bench/README.md): 10,000 entities 285-286 MB (two runs; was 470 MB),
# 100,000 compact entities 613 MB (was 833 MB).
#
#   make plinth build/bench/gen && sh bench/memory.sh
#   RUNS=5 SIZES=10000 sh bench/memory.sh
set -u
PLINTH=${PLINTH:-./plinth}
GEN=${GEN:-build/bench/gen}
RUNS=${RUNS:-3}
SIZES=${SIZES:-"10000 100000"}
[ -x /usr/bin/time ] || { echo "skipped: GNU time (/usr/bin/time) is not installed"; exit 0; }
[ -x "$PLINTH" ] && [ -x "$GEN" ] || { echo "build first: make plinth $GEN" >&2; exit 2; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
failed=0

spec_for() { # $1: entities; the spec's path on stdout
  f=$tmp/spec-$1.plinth
  if [ "$1" -le 30000 ]; then
    "$GEN" "$1" >"$f"
  else
    # gen's specs pass the 16 MiB input limit above ~36,000 entities: a
    # compact one (about 58 bytes an entity).
    awk -v n="$1" 'BEGIN {
      print "project \"Compact\" {\n  idea \"Many small entities.\"\n  users 100k\n}"
      print "entity User { email email unique; password secret }"
      for (i = 1; i <= n; i++) printf "entity E%d { owner -> User; title string(80); n int? }\n", i
      print "feature auth { method jwt }"
    }' >"$f"
  fi
  echo "$f"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

for n in $SIZES; do
  spec=$(spec_for "$n")
  : >"$tmp/rss"
  r=1
  while [ $r -le "$RUNS" ]; do
    out=$tmp/out
    rm -rf "$out"
    /usr/bin/time -f "%M %e" -o "$tmp/time" "$PLINTH" plan "$spec" -o "$out" >/dev/null 2>"$tmp/err"
    rc=$?
    set -- $(cat "$tmp/time" | tail -1)
    files=$(find "$out" -type f | wc -l)
    mb=$(du -sm "$out" | cut -f1)
    echo "plan -o N=$n run $r: exit $rc, peak $(($1 / 1024)) MB, $2 s, $files files, $mb MB written"
    [ $rc -eq 0 ] || { tail -3 "$tmp/err"; failed=1; }
    echo "$1" >>"$tmp/rss"
    r=$((r + 1))
  done
  med=$(($(median <"$tmp/rss") / 1024))
  case $n in
    10000) budget=300 ;;
    100000) budget=2048 ;;
    *) budget= ;;
  esac
  if [ -z "$budget" ]; then
    echo "      N=$n: median peak $med MB (no budget)"
  elif [ "$med" -lt "$budget" ]; then
    echo "PASS  N=$n: median peak $med MB of $RUNS runs, under $budget MB"
  else
    echo "FAIL  N=$n: median peak $med MB of $RUNS runs, over $budget MB"
    failed=1
  fi
done
exit $failed
