#!/bin/sh
# Regenerates tests/diag/NAME.err from the current binary, in the format
# described at the top of tests/diag/run.sh (a "# args" line is kept).
#   sh tests/diag/update.sh PLINTH [NAME...]
# With no NAME, every case is rewritten. Some .err files hold the output we
# EXPECT after a fix, not what the binary prints today; name the cases you
# mean to update, and read `git diff tests/diag` before committing.
set -u
PLINTH=${1:-./plinth}
[ $# -gt 0 ] && shift
DIR=tests/diag
if [ $# -eq 0 ]; then
  set --
  for spec in "$DIR"/*.plinth; do
    [ -f "$spec" ] && set -- "$@" "$(basename "$spec" .plinth)"
  done
fi
for name in "$@"; do
  spec=$DIR/$name.plinth
  exp=$DIR/$name.err
  if [ ! -f "$spec" ]; then
    echo "update.sh: no $spec" >&2
    continue
  fi
  args=
  [ -f "$exp" ] && args=$(sed -n '2s/^# args //p' "$exp")
  # shellcheck disable=SC2086
  "$PLINTH" check $args "$spec" >/dev/null 2>"$exp.tmp"
  rc=$?
  {
    echo "# exit $rc"
    [ -z "$args" ] || echo "# args $args"
    cat "$exp.tmp"
  } >"$exp"
  rm -f "$exp.tmp"
done
