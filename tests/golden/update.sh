#!/bin/sh
# Regenerates tests/golden/expected/. Review `git diff tests/golden` after.
set -u
PLINTH=${1:-./plinth}
. tests/golden/outputs.sh
for spec in examples/*.plinth tests/golden/specs/*.plinth; do
  [ -f "$spec" ] || continue
  name=$(basename "$spec" .plinth)
  for out in $OUTPUTS; do
    golden_run "$out" "$spec" >"tests/golden/expected/$name.$out" || echo "failed: $name.$out" >&2
  done
done
