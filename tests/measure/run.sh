#!/bin/sh
# Measures every example's documents (issue 13's "say it once" figures):
# words of prose in the top-level documents, the share of 12-word runs
# repeated across documents, and the number of decision records, each beside
# its target (at most 12,000 words, 10%, 10 records), for every example.
#
# The measurer is first shown folders whose figures are known (two documents
# sharing exactly one 12-word run, code fences and tables left out) and must
# report them; then it prints the figures of each example, and an example
# over a target fails.
#
# Run from the repository root: PLINTH=./plinth sh tests/measure/run.sh
# Prints "ok NAME" per pass, details per failure, last "N passed, M failed".
set -u
PLINTH=${PLINTH:-./plinth}
. tests/lib.sh
T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT

# ---- the measurer on known folders ----
mkdir -p "$T/known/adr"
printf '# A\n\none two three four five six seven eight nine ten eleven twelve\n\n```\ncode words not counted here at all\n```\n' >"$T/known/A.md"
printf '# B\n\n| x | y |\n| --- | --- |\n\nzero one two three four five six seven eight nine ten eleven twelve\n' >"$T/known/B.md"
printf '# 1\n' >"$T/known/adr/0001-use-x.md"
printf 'index\n' >"$T/known/adr/README.md"
# Words with a letter or digit: A "A" + 12 = 13; B "B" "x" "y" + 13 = 16 (the
# fence, the separator row, "#" and "|" are not prose): 29. Runs of 12: A has
# 13 - 11 = 2, B has 16 - 11 = 5, and "one ... twelve" is in both: 1 shared of
# 2 + 5 - 1 = 6 distinct = 16.7%.
node tests/measure/measure.mjs "$T/known" >"$T/known.out" 2>&1
if head -n 1 "$T/known.out" | grep -qx 'words 29 repeat 16.7% adrs 1 docs 2'; then
  ok "measure.mjs counts prose, shared 12-word runs and records on a known folder"
else
  bad "measure.mjs on a known folder" "$T/known.out"
fi
printf '# B\n\nsomething else entirely that shares no run of twelve words with the other one\n' >"$T/known/B.md"
node tests/measure/measure.mjs "$T/known" >"$T/known2.out" 2>&1
if head -n 1 "$T/known2.out" | grep -q ' repeat 0.0% '; then
  ok "measure.mjs reports no repetition when none is shared"
else
  bad "measure.mjs with nothing shared" "$T/known2.out"
fi

# ---- every example ----
for spec in examples/*.plinth; do
  name=$(basename "$spec" .plinth)
  if ! "$PLINTH" plan "$spec" -o "$T/$name" >/dev/null 2>"$T/$name.err"; then
    bad "$name: plinth plan -o" "$T/$name.err"
    continue
  fi
  line=$(node tests/measure/measure.mjs "$T/$name" | head -n 1)
  set -- $line
  words=$2 repeat=${4%\%} adrs=$6
  verdict=
  [ "$words" -gt 12000 ] && verdict="$verdict words over 12000;"
  awk -v r="$repeat" 'BEGIN { exit !(r > 10) }' && verdict="$verdict repeat over 10%;"
  [ "$adrs" -gt 10 ] && verdict="$verdict records over 10;"
  if [ -n "$verdict" ]; then
    bad "$name: $line (targets:$verdict)"
  else
    ok "$name: $line (within 12,000 words, 10% and 10 records)"
  fi
done

summary
