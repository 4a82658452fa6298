# The helpers every suite shares; a suite sources it from the repository's
# root (`. tests/lib.sh`), as tests/run.sh runs them.
#   ok NAME               a check that passed
#   bad NAME [DETAIL...]  a check that failed; each DETAIL is a file (its
#                         first lines are shown) or text, shown indented
#   vary SRC DST EDIT...  DST is SRC edited by each sed EDIT in turn; an edit
#                         that changes nothing is a failure (and vary returns
#                         false), so a variant never tests its source again
#   summary               the last line, `N passed, M failed`; false on a failure
#   consumers             true on the lane that runs the artifacts' external
#                         consumers (node tools, Chromium, PostgreSQL,
#                         PlantUML): CONSUMER_LANE, plain unless tests/run.sh
#                         moves a suite's consumers to the sanitized lane to
#                         balance the two. Both lanes write the same bytes
#                         (the golden suite checks it on each), so one lane
#                         feeding them to their consumers is enough.
#   stride                1 on the plain lane, 5 on the sanitized one: the
#                         step of a loop over fault points or records
pass=0
fail=0

ok() {
  echo "ok $1"
  pass=$((pass + 1))
}

bad() {
  echo "FAIL $1"
  shift
  for detail in "$@"; do
    [ -n "$detail" ] || continue
    if [ -f "$detail" ]; then head -n 40 "$detail"; else printf '%s\n' "$detail" | head -n 40; fi | sed 's/^/    /'
  done
  fail=$((fail + 1))
}

vary() {
  vary_src=$1
  vary_dst=$2
  shift 2
  cp "$vary_src" "$vary_dst" || return 1
  for vary_edit in "$@"; do
    sed "$vary_edit" "$vary_dst" >"$vary_dst.vary" || return 1
    if cmp -s "$vary_dst" "$vary_dst.vary"; then
      rm -f "$vary_dst.vary"
      bad "variant $(basename "$vary_dst"): sed '$vary_edit' changed nothing in $vary_src"
      return 1
    fi
    mv "$vary_dst.vary" "$vary_dst"
  done
}

consumers() {
  [ "${SUITE_LABEL:-plain}" = "${CONSUMER_LANE:-plain}" ]
}

stride() {
  if [ "${SUITE_LABEL:-plain}" = plain ]; then echo 1; else echo 5; fi
}

summary() {
  echo "$pass passed, $fail failed"
  [ "$fail" -eq 0 ]
}
