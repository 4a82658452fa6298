#!/bin/sh
# Regenerates tests/kbdiag/CASE.err from the current output, for reviewed
# changes: sh tests/kbdiag/update.sh PLINTH [CASE...] (all cases without names).
set -u
PLINTH=${1:-./plinth}
shift 2>/dev/null
cases=${*:-$(for d in tests/kbdiag/*/; do basename "$d"; done)}
for c in $cases; do
  "$PLINTH" kb check --kb "tests/kbdiag/$c" >/dev/null 2>/tmp/kbdiag.$$
  rc=$?
  { echo "# exit $rc"; cat /tmp/kbdiag.$$; } >"tests/kbdiag/$c.err"
done
rm -f /tmp/kbdiag.$$
