#!/bin/sh
# Capacity figures against published back-of-the-envelope results.
# Each NAME.plinth encodes an exercise of the System Design Primer
# (github.com/donnemartin/system-design-primer, solutions/system_design/);
# NAME.expect lists `key published tolerance "quote"`. The key's first
# occurrence in `plinth estimate --json` must be within the tolerance.
# The primer counts 2.5 million seconds in a month; the specs select that
# convention with `seconds-per-month 2.5M` (Plinth's default is 30.44 days).
set -u
PLINTH=${PLINTH:-./plinth}
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for spec in tests/capacity/*.plinth; do
  name=$(basename "$spec" .plinth)
  if ! "$PLINTH" estimate --json "$spec" >"$tmp/out.json" 2>"$tmp/err"; then
    echo "FAIL $name: plinth estimate failed"
    cat "$tmp/err"
    fail=$((fail + 1))
    continue
  fi
  while read -r key want tol quote; do
    case $key in '#'*|'') continue ;; esac
    got=$(sed -n "s/^ *\"$key\": \\([-0-9.e+]*\\),\\{0,1\\}\$/\\1/p" "$tmp/out.json" | head -n 1)
    if [ -z "$got" ]; then
      echo "FAIL $name.$key: not in the output"
      fail=$((fail + 1))
      continue
    fi
    if awk -v g="$got" -v w="$want" -v t="$tol" 'BEGIN { d = (g - w) / w; if (d < 0) d = -d; exit !(d <= t) }'; then
      echo "ok $name.$key: $got (published $want)"
      pass=$((pass + 1))
    else
      echo "FAIL $name.$key: got $got, published $want $quote (tolerance $tol)"
      fail=$((fail + 1))
    fi
  done <"tests/capacity/$name.expect"
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
