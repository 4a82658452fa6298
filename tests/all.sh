#!/bin/sh
# The whole suite twice at once, on the plain build and on the ASan+UBSan
# build (one run per core), then both logs in turn and the grand total.
#   sh tests/all.sh "UNIT_BINARIES" "UNIT_BINARIES_ASAN"
set -u
cd "$(dirname "$0")/.." || exit 2
mkdir -p build
BOTH_LANES=1
export BOTH_LANES
sh tests/run.sh ./plinth "$1" plain >build/test-plain.log 2>&1 &
plain=$!
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp" \
  sh tests/run.sh build/asan/plinth "$2" asan >build/test-asan.log 2>&1 &
asan=$!
wait $plain
rc1=$?
wait $asan
rc2=$?
cat build/test-plain.log build/test-asan.log
p=0
f=0
for l in build/test-plain.log build/test-asan.log; do
  last=$(grep -E '^total: [0-9]+ passed, [0-9]+ failed$' "$l" | tail -n 1)
  if [ -z "$last" ]; then
    f=$((f + 1))
    continue
  fi
  p=$((p + $(printf '%s' "$last" | sed 's/^total: \([0-9]*\) passed.*/\1/')))
  f=$((f + $(printf '%s' "$last" | sed 's/.* \([0-9]*\) failed$/\1/')))
done
[ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] || [ $f -gt 0 ] || f=1
echo "plain and sanitized, added up:"
echo "$p passed, $f failed"
[ $f -eq 0 ]
