#!/bin/sh
# CPU medians on the typical example (examples/taskflow.plinth) against the
# targets: `plan --format json` at most 4 ms, `plan -o` at most 12 ms (into
# a fresh folder). Also `plan -o` again into the folder of an earlier run
# of the same spec (the edit loop: unchanged diagrams are not laid out
# again), which has no target of its own.
# Prints the medians and PASS/FAIL per target; exits 1 if one fails.
# Run from the top of the tree after `make plinth build/bench/measure`.
#
# Where the folders go: creating 63 files costs what the file system makes
# it cost, and on a disk's ext4 that depends on the disk's state (with many
# recently deleted inodes around, ext4's inode allocator alone takes 10 to
# 30 ms a run), not on Plinth. So the folders go into a memory file system:
# TMPDIR when it is set, else /dev/shm when it is a writable tmpfs, else
# the default temporary folder; the script names the folder and its file
# system first. Plinth's own system time (creating, writing and renaming
# the files, page faults, loading the libraries) is still counted there.
# `plan -o` into a fresh folder is also measured once on DISKDIR (default
# /tmp), printed as info with its file system.
# Knobs: PLINTH (default ./plinth), RUNS (default 21), SPEC, DISKDIR, and BEFORE: a
# second binary (an older build) measured in turns with PLINTH, ROUNDS
# times (default 3), each figure then the median of the rounds' medians,
# with the ratio before/after. INSTR=1 also counts instructions with
# valgrind's callgrind (one run each, the same on a busy machine): for
# `plan --format json`, and for `plan -o` into a fresh folder without
# SHA-256 (valgrind runs its portable code, about 50M instructions, where
# the processor's SHA instructions take a few hundred thousand cycles).
set -u
PLINTH=${PLINTH:-./plinth}
RUNS=${RUNS:-21}
SPEC=${SPEC:-examples/taskflow.plinth}
BEFORE=${BEFORE:-}
ROUNDS=${ROUNDS:-3}
MEASURE=build/bench/measure
[ -x "$MEASURE" ] || { echo "bench: $MEASURE is missing; run 'make build/bench/measure'" >&2; exit 2; }
[ -z "$BEFORE" ] || [ -x "$BEFORE" ] || { echo "bench: BEFORE=$BEFORE is not an executable" >&2; exit 2; }
fstype() { stat -f -c %T "$1" 2>/dev/null || echo unknown; }
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ] && [ "$(fstype /dev/shm)" = tmpfs ]; then
  TMPDIR=/dev/shm
  export TMPDIR
fi
DISKDIR=${DISKDIR:-/tmp}
tmp=$(mktemp -d) || exit 2
disk=$(mktemp -d "$DISKDIR/plinth-bench.XXXXXX") || disk=
trap 'rm -rf "$tmp" ${disk:+"$disk"}' EXIT
fail=0
cpu() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n 's/^cpu_ms_med=//p'; }
# median of the numbers on stdin
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# measure BIN TAG: one round of the three figures for BIN into $tmp/TAG.*
measure() {
  line=$("$MEASURE" -n "$RUNS" -l plan-json -- "$1" plan --format json "$SPEC")
  cpu "$line" >>"$tmp/$2.json"
  # plan -o writes into a fresh folder each run (measure -i 1 numbers it):
  # the first run's files would otherwise make the others "unchanged" and
  # skip the writes. No shell in between: its CPU (2.5 ms at load 16)
  # would count.
  line=$("$MEASURE" -n "$RUNS" -i 1 -l plan-o -- "$1" plan -o "$tmp/$2-o{}" "$SPEC")
  cpu "$line" >>"$tmp/$2.o"
  rm -rf "$tmp/$2"-o*
  # Again into one folder: measure's warm-up run writes it first.
  line=$("$MEASURE" -n "$RUNS" -l plan-o-again -- "$1" plan -o "$tmp/$2-again" "$SPEC")
  cpu "$line" >>"$tmp/$2.again"
  rm -rf "$tmp/$2-again"
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
echo "output folders in $tmp ($(fstype "$tmp"))"
rounds=1
[ -z "$BEFORE" ] || rounds=$ROUNDS
i=0
while [ "$i" -lt "$rounds" ]; do
  [ -z "$BEFORE" ] || measure "$BEFORE" before
  measure "$PLINTH" after
  i=$((i + 1))
done
for x in "plan --format json:json:4" "plan -o:o:12" "plan -o again:again:"; do
  name=${x%%:*} rest=${x#*:}
  tag=${rest%%:*} target=${rest#*:}
  v=$(median <"$tmp/after.$tag")
  if [ -z "$target" ]; then
    r=info
  elif awk "BEGIN{exit !($v <= $target)}"; then r=PASS; else r=FAIL; fail=1; fi
  printf '%-4s %-20s %8.2f ms CPU (median of %d' "$r" "$name" "$v" "$RUNS"
  [ -z "$BEFORE" ] || printf ', median of %d rounds' "$rounds"
  printf ')'
  [ -z "$target" ] || printf ', target %s ms' "$target"
  if [ -n "$BEFORE" ]; then
    b=$(median <"$tmp/before.$tag")
    printf '; before %.2f ms, %.2fx' "$b" "$(awk "BEGIN{print $b / $v}")"
  fi
  printf '\n'
done
# plan -o into fresh folders on the disk, for information: its figure
# depends on the file system's state as much as on Plinth.
if [ -n "$disk" ]; then
  for bin in ${BEFORE:+"$BEFORE"} "$PLINTH"; do
    line=$("$MEASURE" -n "$RUNS" -i 1 -l plan-o-disk -- "$bin" plan -o "$disk/o{}" "$SPEC")
    printf 'info %-20s %8.2f ms CPU (median of %d) into %s (%s), %s\n' "plan -o on disk" "$(cpu "$line")" "$RUNS" \
      "$DISKDIR" "$(fstype "$disk")" "$(basename "$bin")"
    rm -rf "$disk"/o*
  done
fi
# instructions BIN ARGS...: the instructions callgrind counts, SHA-256's
# block function left out.
instructions() {
  out=$tmp/cg.out
  rm -f "$out"
  valgrind --tool=callgrind --callgrind-out-file="$out" "$@" >/dev/null 2>&1 || { echo "?"; return; }
  callgrind_annotate --inclusive=yes "$out" 2>/dev/null |
    awk '/PROGRAM TOTALS/ { gsub(",", "", $1); total = $1 }
         /sha256.c:blocks / && !sha { gsub(",", "", $1); sha = $1 }
         END { printf "%.2fM", (total - sha) / 1e6 }'
}
if [ "${INSTR:-0}" = 1 ] && command -v valgrind >/dev/null 2>&1; then
  k=0
  for bin in ${BEFORE:+"$BEFORE"} "$PLINTH"; do
    k=$((k + 1))
    j=$(instructions "$bin" plan --format json "$SPEC")
    o=$(instructions "$bin" plan -o "$tmp/instr-$k" "$SPEC")
    printf 'instr %-20s plan --format json %s, plan -o (fresh folder, SHA-256 aside) %s\n' "$(basename "$bin")" "$j" "$o"
  done
fi
exit $fail
