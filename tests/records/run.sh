#!/bin/sh
# plan -o DIR --adr-dir D: the decision records and their index go to DIR/D
# (a folder inside DIR, such as docs/adr), DECISIONS.md links to them there,
# a second run reads the index back from DIR/D (numbers stable, nothing
# rewritten), a changed decision supersedes its record there; without the
# option they stay in DIR/adr; a folder outside DIR is a usage error.
#
# Run from the repository root: PLINTH=./plinth sh tests/records/run.sh
set -u
PLINTH=${PLINTH:-./plinth}
case $PLINTH in /*) ;; *) PLINTH=$(pwd)/$PLINTH ;; esac
. tests/lib.sh
T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT
# links_resolve DIR: every (target) of DECISIONS.md's record links is a file in DIR.
links_resolve() {
  n=0
  for l in $(grep -o '^- \[[0-9]*: [^]]*\]([^)]*)' "$1/DECISIONS.md" | sed 's/.*(\(.*\))/\1/'); do
    [ -f "$1/$l" ] || return 1
    n=$((n + 1))
  done
  [ $n -gt 0 ]
}
S=examples/taskflow.plinth

"$PLINTH" plan "$S" -o "$T/a" >/dev/null 2>"$T/err" || bad "plan -o" "$T/err"
[ -s "$T/a/adr/index.txt" ] && ok "default: records in adr/" || bad "default: no adr/index.txt"
links_resolve "$T/a" && ok "default: DECISIONS.md links to each record in adr/" || bad "default: DECISIONS.md links" "$T/a/DECISIONS.md"

"$PLINTH" plan "$S" -o "$T/b" --adr-dir docs/adr/ >/dev/null 2>"$T/err" || bad "plan -o --adr-dir" "$T/err"
if [ -s "$T/b/docs/adr/index.txt" ] && [ ! -e "$T/b/adr" ] && [ "$(ls "$T/b/docs/adr" | wc -l)" -eq "$(ls "$T/a/adr" | wc -l)" ]; then
  ok "--adr-dir docs/adr: every record and the index in docs/adr, no adr/"
else
  bad "--adr-dir docs/adr: records not where asked" "$T/err"
fi
links_resolve "$T/b" && grep -q '](docs/adr/0001-' "$T/b/DECISIONS.md" && ok "--adr-dir: DECISIONS.md links follow it" ||
  bad "--adr-dir: DECISIONS.md links" "$T/b/DECISIONS.md"
cmp -s "$T/a/adr/index.txt" "$T/b/docs/adr/index.txt" && ok "--adr-dir: the same records, the same numbers" ||
  bad "--adr-dir changed the index"
"$PLINTH" plan "$S" -o "$T/b" --adr-dir docs/adr >/dev/null 2>"$T/err2"
grep -q ' 0 written' "$T/err2" && ok "--adr-dir: a second run reads the index back (0 written)" || bad "--adr-dir: second run" "$T/err2"
# A changed decision supersedes its record in the same folder (5M users and
# a $20,000 budget move the database off Supabase, as tests/reports shows).
if ! vary "$S" "$T/big.plinth" 's/^  users .*/  users 5M/' 's/^  budget .*/  budget $20000\/month/'; then
  bad "the larger variant of taskflow was not made"
else
  "$PLINTH" plan "$T/big.plinth" -o "$T/b" --adr-dir docs/adr --date 2026-12-01 >/dev/null 2>"$T/err" || bad "larger run" "$T/err"
  if grep -q 'superseded by' "$T/b/docs/adr/index.txt" && [ ! -e "$T/b/adr" ]; then
    ok "--adr-dir: a changed decision supersedes its record in docs/adr"
  else
    bad "--adr-dir: no supersede in docs/adr" "$T/b/docs/adr/index.txt"
  fi
fi
for d in ../outside /abs/adr . 'a b'; do
  "$PLINTH" plan "$S" -o "$T/c" --adr-dir "$d" >/dev/null 2>"$T/err"
  rc=$?
  [ $rc -eq 2 ] && [ ! -e "$T/c" ] && ok "--adr-dir '$d': usage error, nothing written" || bad "--adr-dir '$d' (rc $rc)" "$T/err"
done
"$PLINTH" plan "$S" --adr-dir docs/adr >/dev/null 2>"$T/err"
[ $? -eq 2 ] && ok "--adr-dir without -o: usage error" || bad "--adr-dir without -o" "$T/err"

summary
