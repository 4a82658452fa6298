#!/bin/sh
# Language examples: runs every example in docs/language.md.
#
# An example is a fenced block tagged `plinth` (a complete spec) followed,
# with only blank lines between, by one or both of:
#   ```expect        the exact stderr of `plinth check example.plinth`;
#                    exit status 1 if its last line reports errors, else 0
#   ```expect-model  the exact stdout of `plinth model example.plinth`;
#                    exit status 0
# Each example runs in its own directory with the spec saved as
# example.plinth, so diagnostics read "example.plinth:LINE:COL: ...".
#
# Run from the repository root (tests/run.sh does):
#   PLINTH=./plinth sh tests/lang/run.sh
#   PLINTH=build/asan/plinth sh tests/lang/run.sh
# Prints "ok lang-N" per pass, a unified diff (expected, then actual) per
# failure, and last "N passed, M failed"; exits non-zero on any failure,
# and fails when the page holds no examples.
set -u
PLINTH=${PLINTH:-./plinth}
DOC=${DOC:-docs/language.md}
case $PLINTH in
*/*) case $PLINTH in /*) ;; *) PLINTH=$(pwd)/$PLINTH ;; esac ;;
esac
. tests/lib.sh
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
if command -v timeout >/dev/null 2>&1; then TMO="timeout 30"; else TMO=; fi

if [ ! -f "$DOC" ]; then
  echo "FAIL: no $DOC"
  echo "0 passed, 1 failed"
  exit 1
fi

# Split the page into $tmp/N/{example.plinth,expect,expect-model}.
# Malformed examples are listed in $tmp/bad, one "N reason" a line.
awk -v dir="$tmp" '
function finish_example() {
  if (n > 0 && !has_expect[n])
    print n " line " start[n] ": a plinth block with no expect or expect-model block after it" >> (dir "/bad")
}
/^```/ && !inblock {
  tag = substr($0, 4)
  sub(/[ \t]+$/, "", tag)
  if (tag == "plinth") {
    finish_example()
    n++
    start[n] = NR
    system("mkdir -p \"" dir "/" n "\"")
    out = dir "/" n "/example.plinth"
    printf "" > out
    inblock = 1
    attach = 0
    next
  }
  if ((tag == "expect" || tag == "expect-model") && attach) {
    out = dir "/" n "/" tag
    if (seen[n, tag]++)
      print n " line " NR ": a second " tag " block" >> (dir "/bad")
    printf "" > out
    has_expect[n] = 1
    inblock = 1
    next
  }
  if (tag == "expect" || tag == "expect-model")
    print (n ? n : 0) " line " NR ": an " tag " block that follows no plinth block" >> (dir "/bad")
  out = ""
  inblock = 1
  attach = 0
  next
}
/^```/ && inblock {
  if (out != "") close(out)
  inblock = 0
  attach = n > 0 && (out != "")
  out = ""
  next
}
inblock { if (out != "") print > out; next }
/^[ \t]*$/ { next }
{ attach = 0 }
END {
  if (inblock)
    print (n ? n : 0) " line " NR ": a fenced block is not closed" >> (dir "/bad")
  finish_example()
  print n + 0 > (dir "/count")
}
' "$DOC"

count=$(cat "$tmp/count")
if [ "$count" -eq 0 ]; then
  echo "FAIL: no examples in $DOC"
  echo "0 passed, 1 failed"
  exit 1
fi
if [ -f "$tmp/bad" ]; then
  while read -r num why; do
    bad "lang-$num: $why"
  done <"$tmp/bad"
fi

i=1
while [ "$i" -le "$count" ]; do
  d=$tmp/$i
  ok=1
  if grep -q "^$i " "$tmp/bad" 2>/dev/null; then
    i=$((i + 1))
    continue
  fi
  if [ -f "$d/expect" ]; then
    (cd "$d" && $TMO "$PLINTH" check example.plinth >/dev/null 2>got-check)
    rc=$?
    if tail -n 1 "$d/expect" | grep -Eq ': [0-9]+ errors?, [0-9]+ warnings?$'; then want=1; else want=0; fi
    if ! cmp -s "$d/expect" "$d/got-check"; then
      echo "FAIL lang-$i (check, stderr)"
      diff -u "$d/expect" "$d/got-check" | sed "s|$d/got-check|actual|; s|$d/expect|expected|"
      ok=0
    fi
    if [ "$rc" -ne "$want" ]; then
      echo "FAIL lang-$i (check): exit status $rc, expected $want"
      ok=0
    fi
  fi
  if [ -f "$d/expect-model" ]; then
    (cd "$d" && $TMO "$PLINTH" model example.plinth >got-model 2>got-model-err)
    rc=$?
    if ! cmp -s "$d/expect-model" "$d/got-model"; then
      echo "FAIL lang-$i (model, stdout)"
      diff -u "$d/expect-model" "$d/got-model" | sed "s|$d/got-model|actual|; s|$d/expect-model|expected|"
      ok=0
    fi
    if [ "$rc" -ne 0 ]; then
      echo "FAIL lang-$i (model): exit status $rc, expected 0"
      cat "$d/got-model-err"
      ok=0
    fi
  fi
  if [ $ok -eq 1 ]; then
    ok "lang-$i"
  else
    fail=$((fail + 1))
  fi
  i=$((i + 1))
done
summary
