#!/bin/sh
# Golden tests: every example and every spec in tests/golden/specs is run
# through each output named in OUTPUTS; the result must equal the reviewed
# file tests/golden/expected/NAME.OUTPUT byte for byte, and a second run
# must give the same bytes (determinism). Regenerate with
# `make golden-update`, then read the diff before committing.
set -u
PLINTH=${PLINTH:-./plinth}
. tests/golden/outputs.sh
. tests/lib.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for spec in examples/*.plinth tests/golden/specs/*.plinth; do
  [ -f "$spec" ] || continue
  name=$(basename "$spec" .plinth)
  for out in $OUTPUTS; do
    exp=tests/golden/expected/$name.$out
    if [ ! -f "$exp" ]; then
      bad "$name.$out: no expected file $exp"
      continue
    fi
    golden_run "$out" "$spec" >"$tmp/a" 2>"$tmp/err"
    rc=$?
    golden_run "$out" "$spec" >"$tmp/b" 2>/dev/null
    if [ $rc -ne 0 ]; then
      bad "$name.$out: exit $rc" "$tmp/err"
    elif ! cmp -s "$tmp/a" "$tmp/b"; then
      bad "$name.$out: two runs differ"
    elif ! cmp -s "$tmp/a" "$exp"; then
      bad "$name.$out: differs from $exp" "$(diff -u "$exp" "$tmp/a")"
    else
      ok "$name.$out"
    fi
  done
done
summary
