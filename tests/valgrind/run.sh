#!/bin/sh
# Memory errors the sanitizers do not see, under valgrind memcheck
# (uninitialised reads, invalid accesses, leaks): plan -o (every stage and
# emitter) on two examples (one with a single store, one with a separate
# events store), check, model and estimate on one, and plan --format json
# on the others.
# Runs against the plain build only; the sanitized binary cannot run
# under valgrind, so the ASan pass skips it.
set -u
PLINTH=${PLINTH:-./plinth}
. tests/lib.sh
case $PLINTH in
  *asan*) echo "skipped: $PLINTH is the sanitized build (valgrind runs on the plain one)"
          exit 0 ;;
esac
if ! command -v valgrind >/dev/null 2>&1; then
  echo "FAIL setup: valgrind is not installed (scripts/install-deps.sh installs it)"
  echo "0 passed, 1 failed"
  exit 1
fi
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
SUPP=
[ -f tests/valgrind/plinth.supp ] && SUPP=--suppressions=tests/valgrind/plinth.supp
# Without the inlined frames' debug information (--read-inline-info=no):
# reading it was a third of a short run's CPU, and memcheck finds the same
# errors without it (a report names the enclosing function and line).
vg() {
  name=$1
  shift
  if valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
      --read-inline-info=no $SUPP \
      "$PLINTH" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null; then
    ok "$name"
  else
    rc=$?
    if [ $rc -eq 99 ] || grep -q '^==[0-9]*==' "$tmp/err"; then
      bad "$name: valgrind reports errors" "$(grep '^==' "$tmp/err")"
    elif [ $rc -eq 1 ]; then
      # a spec error is a normal outcome for some commands; only memory errors fail
      ok "$name (exit 1)"
    else
      bad "$name: exit $rc" "$(head -n 10 "$tmp/err")"
    fi
  fi
}
# plan -o writes every artifact through the same emitters whatever the
# spec: it runs on two examples (a serverless key-value stack; telemetry
# with an events store, a stream and realtime dashboards); the other
# examples run the plan's own stages (plan --format json) here, and plan -o
# under the sanitizers on both lanes.
# check, model and estimate print through their own code on TaskFlow; plan
# -o runs every stage of plan --format json and writes plan.json itself.
for spec in examples/*.plinth; do
  n=$(basename "$spec" .plinth)
  case $n in
    taskflow)
      vg "$n.check" check "$spec"
      vg "$n.model" model --json "$spec"
      vg "$n.estimate" estimate --explain "$spec" ;;
  esac
  case $n in
    taskflow | telemetry) vg "$n.out" plan -o "$tmp/out-$n" "$spec" ;;
    *) vg "$n.plan" plan --format json "$spec" ;;
  esac
done
vg kb.check kb check
vg compare compare aws-rds-postgresql aws-dynamodb
vg diag.bad check tests/diag/decl_did_you_mean.plinth
vg diff diff --json --allow-destructive examples/taskflow.plinth tests/diff/migrate/rename-table-and-column.plinth
vg diff.sqlite diff --sqlite tests/diff/migrate/old.plinth tests/diff/migrate/add-search.plinth
vg gen-man --gen-man diff
vg gen-completions --gen-completions zsh
summary
