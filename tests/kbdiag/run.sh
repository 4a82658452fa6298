#!/bin/sh
# Knowledge-base diagnostics: every tests/kbdiag/CASE/ directory holds one or
# more small, broken .kb files, and is checked with
#
#   $PLINTH kb check --kb tests/kbdiag/CASE
#
# Its stderr and exit status must equal tests/kbdiag/CASE.err byte for byte.
#
# Format of CASE.err:
#   line 1     "# exit N"    the expected exit status
#   the rest   the exact expected stderr, carets included
#
# Regenerate with `sh tests/kbdiag/update.sh PLINTH [CASE...]` and read the diff.
#
# Run from the repository root (tests/run.sh does):
#   PLINTH=./plinth sh tests/kbdiag/run.sh
#   PLINTH=build/asan/plinth sh tests/kbdiag/run.sh
# Prints "ok CASE" per pass, a unified diff (expected, then actual) per
# failure, and last "N passed, M failed"; exits non-zero on any failure.
set -u
PLINTH=${PLINTH:-./plinth}
DIR=tests/kbdiag
. tests/lib.sh
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
if command -v timeout >/dev/null 2>&1; then TMO="timeout 30"; else TMO=; fi

for dir in "$DIR"/*/; do
  [ -d "$dir" ] || continue
  dir=${dir%/}
  name=$(basename "$dir")
  exp=$DIR/$name.err
  if [ ! -f "$exp" ]; then
    bad "$name: no expected file $exp"
    continue
  fi
  $TMO "$PLINTH" kb check --kb "$dir" >/dev/null 2>"$tmp/stderr"
  rc=$?
  {
    echo "# exit $rc"
    cat "$tmp/stderr"
  } >"$tmp/got"
  if cmp -s "$exp" "$tmp/got"; then
    ok "$name"
  else
    bad "$name" "$(diff -u "$exp" "$tmp/got" | sed "s|$tmp/got|actual|")"
  fi
done
summary
