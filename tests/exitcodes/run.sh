#!/bin/sh
# Exit statuses, one table for every command (docs/language.md, section 9):
# 0 success, 1 errors in the spec or a --kb file or findings denied, 2 usage
# or I/O errors. Each row below is: expected status, then the arguments.
#
#   PLINTH=./plinth sh tests/exitcodes/run.sh
set -u
PLINTH=${PLINTH:-./plinth}
. tests/lib.sh
tmp=$(mktemp -d) || exit 2
holder=
trap '[ -z "$holder" ] || kill $holder 2>/dev/null; rm -rf "$tmp"' EXIT

GOOD=examples/taskflow.plinth
BAD=tests/diag/duplicate_field.plinth
WARN=$tmp/warn.plinth
printf 'project "Quiet" { idea "Warnings only." }\nentity Flag { on bool unique }\n' >"$WARN"
BADKB=$tmp/badkb
mkdir -p "$BADKB" "$tmp/emptykb"
cp tests/kbdiag/duplicate_id/*.kb "$BADKB/"
echo x >"$tmp/file"
NOKB=$tmp/nonexistent
# A folder another process keeps locked while the rows run (flock -o: the
# lock is flock's own, freed when it is killed).
mkdir -p "$tmp/locked"
flock -o "$tmp/locked" sleep 60 >/dev/null 2>&1 &
holder=$!

while IFS='|' read -r want args; do
  case $want in ''|'#'*) continue ;; esac
  eval "set -- $args"
  "$PLINTH" "$@" >/dev/null 2>"$tmp/err" </dev/null
  rc=$?
  if [ "$rc" = "$want" ]; then
    ok "$want: plinth $args"
  else
    bad "plinth $args: exit $rc, expected $want" "$(head -5 "$tmp/err")"
  fi
done <<ROWS
# success
0|check $GOOD
0|check $WARN
0|model $GOOD
0|estimate $GOOD
0|plan $GOOD
0|plan $GOOD -o $tmp/out
0|plan $GOOD -o $tmp/out --lock-wait 0
0|explain $GOOD database
0|roadmap $GOOD
0|compare aws-s3 backblaze-b2
0|kb list
0|kb show aws-s3
0|kb check
0|kb check --kb $tmp/emptykb
0|new 'a todo list for teams'
0|diagnose 'p95 3s under load'
0|diff $GOOD $GOOD
0|diff --exit-code $GOOD $GOOD
# errors in the spec
1|check $BAD
1|model $BAD
1|estimate $BAD
1|plan $BAD
1|plan $BAD -o $tmp/out2
1|explain $BAD database
1|roadmap $BAD
1|compare aws-s3 backblaze-b2 --spec $BAD
1|diagnose --spec $BAD slow
1|diff $GOOD $BAD
1|diff --exit-code $GOOD $WARN
# findings denied
1|check --deny warnings $WARN
1|check --werror $WARN
1|model --werror $WARN
# errors in a --kb file
1|estimate $GOOD --kb $BADKB
1|plan $GOOD --kb $BADKB
1|kb check --kb $BADKB
1|compare aws-s3 backblaze-b2 --kb $BADKB
1|new 'a todo list' --kb $BADKB
1|diagnose slow --kb $BADKB
# usage
2|
2|nosuchcommand
2|check
2|check --nosuch $GOOD
2|check $GOOD $GOOD
2|check --format xml $GOOD
2|model --nosuch $GOOD
2|estimate --kb
2|plan $GOOD -o ''
2|plan $GOOD -o
2|plan $GOOD -o --force
2|plan $GOOD --only nosuch
2|plan $GOOD --format pdf
2|plan $GOOD --force
2|explain $GOOD
2|explain $GOOD nosuchslot
2|roadmap --devs 0 $GOOD
2|compare aws-s3
2|compare nosuch aws-s3
2|compare aws-s3 aws-lambda
2|kb
2|kb show
2|kb show nosuch
2|kb list nosuchslot
2|new -o '' 'a todo list'
2|new --nosuch 'a todo list'
2|diagnose --nosuch slow
2|diff $GOOD
2|diff --nosuch $GOOD $GOOD
2|diff --only nosuch $GOOD $GOOD
# I/O
2|check $tmp/missing.plinth
2|model $tmp/missing.plinth
2|estimate $tmp/missing.plinth
2|plan $tmp/missing.plinth
2|roadmap $tmp/missing.plinth
2|explain $tmp/missing.plinth database
2|compare aws-s3 backblaze-b2 --spec $tmp/missing.plinth
2|diagnose --spec $tmp/missing.plinth slow
2|estimate $GOOD --kb $NOKB
2|plan $GOOD --kb $NOKB
2|plan $GOOD -o $tmp/out3 --kb $NOKB
2|explain $GOOD database --kb $NOKB
2|roadmap $GOOD --kb $NOKB
2|compare aws-s3 backblaze-b2 --kb $NOKB
2|kb list --kb $NOKB
2|kb show aws-s3 --kb $NOKB
2|kb check --kb $NOKB
2|new 'a todo list' --kb $NOKB
2|diagnose slow --kb $NOKB
2|plan $GOOD -o $tmp/file
2|new 'a todo list' -o $tmp/nosuchdir/draft.plinth
# I/O: the output folder stays locked by another run past --lock-wait
2|plan $GOOD -o $tmp/locked --lock-wait 0
2|plan $GOOD -o $tmp/locked --lock-wait 1
2|new 'a todo list' -o $tmp/locked/draft.plinth --lock-wait 0
# usage: --lock-wait without -o or without a number of seconds
2|plan $GOOD --lock-wait 5
2|plan $GOOD -o $tmp/out --lock-wait soon
2|new 'a todo list' --lock-wait -3
2|diff $GOOD $tmp/missing.plinth
2|diff $GOOD $GOOD --kb $NOKB
ROWS

summary
