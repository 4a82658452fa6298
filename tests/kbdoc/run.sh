#!/bin/sh
# kb/README.md stays true: its worked example loads, competes and is shown,
# a misspelt capability in it gives the error the page shows, and every
# kind of the loader's schema table (src/kb/kb.c, kinds[]) is described.
set -u
PLINTH=${PLINTH:-./plinth}
DOC=kb/README.md
. tests/lib.sh
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# The first ``` block that opens with "tech " is the worked example.
mkdir -p "$tmp/mykb"
awk '/^```/{ if (inb && seen) exit; inb = !inb; next } inb && /^tech /{ seen=1 } inb && seen' "$DOC" >"$tmp/mykb/cockroach.kb"
if grep -q '^tech cockroachdb-serverless {' "$tmp/mykb/cockroach.kb" && grep -q '^}' "$tmp/mykb/cockroach.kb"; then
  ok example_extracted
else
  bad "example_extracted: no tech block found in $DOC"
fi

if "$PLINTH" kb check --kb "$tmp/mykb" >"$tmp/out" 2>"$tmp/err"; then ok example_checks; else bad "example_checks: $(cat "$tmp/err")"; fi
if "$PLINTH" kb show cockroachdb-serverless --kb "$tmp/mykb" >"$tmp/out" 2>&1 && grep -q 'cockroachlabs.com/pricing' "$tmp/out"; then
  ok example_shown_with_source
else
  bad "example_shown_with_source"
fi
if "$PLINTH" plan --format json examples/shop.plinth --kb "$tmp/mykb" >"$tmp/plan.json" 2>"$tmp/err" &&
   grep -q '"cockroachdb-serverless"' "$tmp/plan.json"; then
  ok example_competes_in_database_slot
else
  bad "example_competes_in_database_slot: not among the database candidates"
fi

# The misspelling the page shows, and its exact error line.
vary "$tmp/mykb/cockroach.kb" "$tmp/bad.kb" 's/secondary-indexes/secondary-indexs/'
if cmp -s "$tmp/bad.kb" "$tmp/mykb/cockroach.kb"; then
  bad "misspelling: the substitution did not happen"
else
  mkdir -p "$tmp/badkb/mykb"
  cp "$tmp/bad.kb" "$tmp/badkb/mykb/cockroach.kb"
  (cd "$tmp/badkb" && "$OLDPWD/$PLINTH" kb check --kb mykb) >/dev/null 2>"$tmp/err"
  rc=$?
  want=$(grep '^mykb/cockroach.kb:' "$DOC" | head -n 1)
  got=$(grep '^mykb/cockroach.kb:' "$tmp/err" | head -n 1)
  if [ $rc -eq 1 ] && [ -n "$want" ] && [ "$want" = "$got" ]; then
    ok misspelling_error_as_documented
  else
    bad "misspelling_error_as_documented: exit $rc, documented '$want', got '$got'"
  fi
fi

# Every kind in the schema table is described on the page.
kinds=$(awk '/static const KindSpec kinds\[\]/{on=1; next} on && /^};/{exit} on' src/kb/kb.c | sed -n 's/^ *{"\([a-z-]*\)".*/\1/p')
[ -n "$kinds" ] || bad "kinds: none read from src/kb/kb.c"
for k in $kinds; do
  if grep -q "\`$k\`" "$DOC"; then ok "kind_documented $k"; else bad "kind_documented $k: not described in $DOC"; fi
done

summary
