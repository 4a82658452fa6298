#!/bin/sh
# Fuzz regression suite: every libFuzzer harness replays its corpus without
# libFuzzer (tests/fuzz/replay.c; make test builds build/replay/ and, for
# the sanitized pass, build/replay-asan/), so a finding once fixed stays
# fixed. A harness's oracle aborts on a finding.
#   fuzz_spec    tests/fuzz/corpus and tests/fuzz/regress
#   fuzz_intake  tests/fuzz/intake-corpus
#   fuzz_emit    tests/fuzz/emit-corpus (every artifact row, with oracles)
#
#   SUITE_LABEL=plain sh tests/fuzz/run.sh
set -u
case ${SUITE_LABEL:-plain} in
  asan) dir=build/replay-asan ;;
  *) dir=build/replay ;;
esac
# Graphviz and its font stack keep allocations they never free.
LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp}
export LSAN_OPTIONS
. tests/lib.sh
ran=0
for h in spec:"tests/fuzz/corpus tests/fuzz/regress" intake:tests/fuzz/intake-corpus emit:tests/fuzz/emit-corpus; do
  name=${h%%:*}
  corpora=${h#*:}
  bin=$dir/fuzz_$name
  [ -x "$bin" ] || continue
  ran=$((ran + 1))
  log=$(mktemp)
  # shellcheck disable=SC2086
  if out=$(timeout 120 "$bin" $corpora 2>"$log"); then
    ok "fuzz_$name: $out replayed"
  else
    bad "fuzz_$name (exit $?): last input $(grep '^replay: ' "$log" | tail -n 1 | sed 's/^replay: //')" \
      "$(grep -v '^replay: ' "$log" | head -30)"
  fi
  rm -f "$log"
done
if [ $ran -eq 0 ]; then
  echo "skipped: no replay binaries in $dir (make replay, or make test, builds them)"
  exit 0
fi
summary
