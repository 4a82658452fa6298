#!/bin/sh
# Runs every test suite against one plinth binary.
#   [SUITES="unit golden ..."] sh tests/run.sh PLINTH "UNIT_BINARIES" [LABEL]
# Each suite script prints "N passed, M failed" as its last line; this
# script adds them up and prints the total the same way.
set -u
PLINTH=$1
UNITS=$2
LABEL=${3:-plain}
cd "$(dirname "$0")/.." || exit 2
# Suites that keep files in build/ name them by label, so a plain and a
# sanitized run can go side by side.
SUITE_LABEL=$LABEL
export PLINTH SUITE_LABEL
total_pass=0
total_fail=0
failed_suites=""

run_suite() {
  name=$1
  shift
  t0=$(date +%s)
  out=$("$@" 2>&1)
  rc=$?
  secs=$(($(date +%s) - t0))
  printf '%s\n' "$out" | grep -v '^ok ' || true
  last=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -n 1)
  # A suite with nothing to run says "skipped: why" and no count; a suite
  # that skips only some checks still counts the ones it ran.
  why=$(printf '%s\n' "$out" | sed -n 's/^skipped: //p' | tail -n 1)
  if [ $rc -eq 0 ] && [ -z "$last" ] && [ -n "$why" ]; then
    echo "[$LABEL] $name: skipped: $why ($secs s)"
    return
  fi
  p=$(printf '%s' "$last" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
  f=$(printf '%s' "$last" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
  [ -n "$p" ] || p=0
  [ -n "$f" ] || f=1
  if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  total_pass=$((total_pass + p))
  total_fail=$((total_fail + f))
  [ "$f" -eq 0 ] || failed_suites="$failed_suites $name"
  echo "[$LABEL] $name: $p passed, $f failed ($secs s)"
}

unit_suite() {
  if [ -z "$UNITS" ]; then
    echo "skipped: the unit tests run on the sanitized lane (make test), or by make unit"
    return 0
  fi
  p=0
  f=0
  for t in $UNITS; do
    log="build/$LABEL-$(basename "$t").log"
    if "$t" >"$log" 2>&1; then
      n=$(grep -c '^\[       OK \]' "$log")
      p=$((p + n))
    else
      cat "$log"
      n=$(grep -c '^\[  FAILED  \]' "$log")
      [ "$n" -gt 0 ] || n=1
      f=$((f + n))
    fi
  done
  echo "$p passed, $f failed"
  [ $f -eq 0 ]
}

# SUITES, when set, names the suites to run (make check-fast); else all.
want() {
  [ -z "${SUITES:-}" ] && return 0
  case " $SUITES " in *" $1 "*) return 0 ;; esac
  return 1
}
want unit && run_suite unit unit_suite
# When tests/all.sh runs both lanes side by side (BOTH_LANES=1), the
# consumers of the suites in ASAN_CONSUMERS run on the sanitized lane, which
# is otherwise the shorter one; alone, a lane runs every suite's consumers
# only on the plain lane (tests/lib.sh consumers).
ASAN_CONSUMERS="iac exports"
for s in tests/*/run.sh; do
  n=$(basename "$(dirname "$s")")
  CONSUMER_LANE=plain
  if [ "${BOTH_LANES:-}" = 1 ]; then
    case " $ASAN_CONSUMERS " in *" $n "*) CONSUMER_LANE=asan ;; esac
  fi
  export CONSUMER_LANE
  want "$n" && run_suite "$n" sh "$s"
done

[ -z "$failed_suites" ] || echo "[$LABEL] failing suites:$failed_suites"
echo "[$LABEL]"
echo "total: $total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
