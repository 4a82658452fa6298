#!/bin/sh
# Diagnostics tests: every tests/diag/NAME.plinth is checked with
#
#   $PLINTH check [ARGS] tests/diag/NAME.plinth
#
# and its stderr and exit status must equal tests/diag/NAME.err byte for byte.
#
# Format of NAME.err:
#   line 1            "# exit N"      the expected exit status (0, 1 or 2)
#   line 2, optional  "# args A B"    extra arguments put before the spec path
#                                     (e.g. "# args --werror")
#   the rest          the exact expected stderr, carets included
#
# Run from the repository root (tests/run.sh does):
#   PLINTH=./plinth sh tests/diag/run.sh
#   PLINTH=build/asan/plinth sh tests/diag/run.sh
# Prints "ok NAME" per pass, a unified diff (expected, then actual) per
# failure, and last "N passed, M failed"; exits non-zero on any failure.
# Each run is bounded by `timeout` when it is installed, so a hang shows up
# as "# exit 124". Regenerate reviewed expectations with tests/diag/update.sh.
set -u
PLINTH=${PLINTH:-./plinth}
DIR=tests/diag
. tests/lib.sh
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
if command -v timeout >/dev/null 2>&1; then TMO="timeout 30"; else TMO=; fi

for spec in "$DIR"/*.plinth; do
  [ -f "$spec" ] || continue
  name=$(basename "$spec" .plinth)
  exp=$DIR/$name.err
  if [ ! -f "$exp" ]; then
    bad "$name: no expected file $exp"
    continue
  fi
  args=$(sed -n '2s/^# args //p' "$exp")
  # $args is split on purpose: it holds plain option words.
  # shellcheck disable=SC2086
  $TMO "$PLINTH" check $args "$spec" >/dev/null 2>"$tmp/stderr"
  rc=$?
  {
    echo "# exit $rc"
    [ -z "$args" ] || echo "# args $args"
    cat "$tmp/stderr"
  } >"$tmp/got"
  if cmp -s "$exp" "$tmp/got"; then
    ok "$name"
  else
    bad "$name" "$(diff -u "$exp" "$tmp/got" | sed "s|$tmp/got|actual|")"
  fi
done
summary
