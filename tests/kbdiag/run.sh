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

# Every number in kb/ is a figure with a source and a date (unsourced.js),
# whatever the schema marks: first shown records that state a number bare,
# in a key the schema marks and in one it does not.
if command -v node >/dev/null 2>&1; then
  mkdir "$tmp/bare"
  printf 'noun gadget {\n  per     40\n}\ntech foo {\n  burden  2\n  weight  3kg  # a key no schema marks\n  price   hour 0.1 source "https://foo.example/" date "2026-12-07"\n}\n' >"$tmp/bare/x.kb"
  node "$DIR/unsourced.js" "$tmp/bare" >"$tmp/bare.out"
  if [ $? -eq 1 ] && grep -q "x.kb:2: noun gadget: 'per'" "$tmp/bare.out" && grep -q "x.kb:6: tech foo: 'weight'" "$tmp/bare.out" &&
     [ "$(grep -c '^FAIL' "$tmp/bare.out")" -eq 2 ]; then ok unsourced_rejects_bare_numbers
  else bad unsourced_rejects_bare_numbers "$(cat "$tmp/bare.out")"; fi
  if node "$DIR/unsourced.js" kb >"$tmp/kb.out"; then ok unsourced_builtin_kb
  else bad unsourced_builtin_kb "$(grep '^FAIL' "$tmp/kb.out")"; fi
else
  echo "skipped: unsourced figures: node is not installed"
fi
summary
