#!/bin/sh
# CPU medians on the typical example (examples/taskflow.plinth) against the
# targets: `plan --format json` at most 4 ms, `plan -o` at most 12 ms.
# Prints the two medians and PASS/FAIL per target; exits 1 if one fails.
# Run from the top of the tree after `make plinth build/bench/measure`.
# Knobs: PLINTH (default ./plinth), RUNS (default 21), SPEC.
set -u
PLINTH=${PLINTH:-./plinth}
RUNS=${RUNS:-21}
SPEC=${SPEC:-examples/taskflow.plinth}
MEASURE=build/bench/measure
[ -x "$MEASURE" ] || { echo "bench: $MEASURE is missing; run 'make build/bench/measure'" >&2; exit 2; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0
cpu() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n 's/^cpu_ms_med=//p'; }
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
line=$("$MEASURE" -n "$RUNS" -l plan-json -- "$PLINTH" plan --format json "$SPEC")
j=$(cpu "$line")
# plan -o writes into a fresh folder each run (measure -i 1 numbers it): the
# first run's files would otherwise make the others "unchanged" and skip the
# writes. No shell in between: its CPU (2.5 ms at load 16) would count.
line=$("$MEASURE" -n "$RUNS" -i 1 -l plan-o -- "$PLINTH" plan -o "$tmp/o{}" "$SPEC")
o=$(cpu "$line")
for x in "plan --format json:$j:4" "plan -o:$o:12"; do
  name=${x%%:*} rest=${x#*:}
  v=${rest%%:*} target=${rest#*:}
  if awk "BEGIN{exit !($v <= $target)}"; then r=PASS; else r=FAIL; fail=1; fi
  printf '%-4s %-20s %8.2f ms CPU (median of %d), target %s ms\n' "$r" "$name" "$v" "$RUNS" "$target"
done
exit $fail
