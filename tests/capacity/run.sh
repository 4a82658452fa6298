#!/bin/sh
# Capacity figures against published back-of-the-envelope results.
# Each NAME.plinth encodes an exercise of the System Design Primer
# (github.com/donnemartin/system-design-primer, solutions/system_design/);
# NAME.expect lists `key published tolerance "quote"`. The key's first
# occurrence in `plinth estimate --json` must be within the tolerance.
# The primer counts 2.5 million seconds in a month; the specs select that
# convention with `seconds-per-month 2.5M` (Plinth's default is 30.44 days).
# child_growth is not from the primer: its figures follow from its own
# stated rates (a child grows with its parent; retain caps an assumed rate).
set -u
PLINTH=${PLINTH:-./plinth}
. tests/lib.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for spec in tests/capacity/*.plinth; do
  name=$(basename "$spec" .plinth)
  if ! "$PLINTH" estimate --json "$spec" >"$tmp/out.json" 2>"$tmp/err"; then
    bad "$name: plinth estimate failed" "$tmp/err"
    continue
  fi
  while read -r key want tol quote; do
    case $key in '#'*|'') continue ;; esac
    got=$(sed -n "s/^ *\"$key\": \\([-0-9.e+]*\\),\\{0,1\\}\$/\\1/p" "$tmp/out.json" | head -n 1)
    if [ -z "$got" ]; then
      bad "$name.$key: not in the output"
      continue
    fi
    if awk -v g="$got" -v w="$want" -v t="$tol" 'BEGIN { d = (g - w) / w; if (d < 0) d = -d; exit !(d <= t) }'; then
      ok "$name.$key: $got (published $want)"
    else
      bad "$name.$key: got $got, published $want $quote (tolerance $tol)"
    fi
  done <"tests/capacity/$name.expect"
done
summary
