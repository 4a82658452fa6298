#!/bin/sh
# Output folder suite: `plinth plan -o DIR` and `plinth new -o FILE` write
# only inside the folder they were given, never through a planted link, and
# leave every file old or new with a manifest that says which, whatever
# stops them.
#
#   1. -o with an empty or missing value, or naming a file, is a usage or
#      I/O error (exit 2) that writes nothing and names no temporary file;
#   2. links planted at output names, and subfolders (adr/, diagrams/)
#      replaced by links, are never followed out of the folder;
#   3. a full disk (a write failing with ENOSPC, by LD_PRELOAD, and a small
#      tmpfs when mount works) and a refused create (EACCES) leave the old
#      folder as it was, without temporary files;
#   4. SIGKILL before each rename of a run over an older folder: every file
#      is then the old or the new version, and the next run reports no
#      edit, leaves no temporary file and writes a manifest sha256sum
#      accepts; stale temporary files are removed;
#   5. a second run waits for the folder's lock, at most --lock-wait seconds
#      (then exit 2 naming the folder and the holder); plinth new -o takes
#      the same lock; two runs at once leave a consistent folder;
#   6. decision records are idempotent: the same spec twice writes nothing
#      the second time, before and after a superseding change, and a kept
#      record still names the one it superseded.
#
#   PLINTH=./plinth sh tests/outdir/run.sh
set -u
PLINTH=${PLINTH:-./plinth}
case $PLINTH in /*) ;; *) PLINTH=$PWD/$PLINTH ;; esac
. tests/lib.sh
tmp=$(mktemp -d) || exit 2
mnt=
cleanup() {
  [ -z "$mnt" ] || umount "$mnt" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
# The sanitized build must not insist on coming first among preloads.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"

SPEC_A=$PWD/examples/taskflow.plinth
SPEC_B=$tmp/big.plinth
# 5M users, a larger budget and the database pinned to RDS PostgreSQL move
# several decisions, the database among them (a superseding change).
vary "$SPEC_A" "$SPEC_B" 's/^  users .*/  users 5M/' 's/^  budget .*/  budget $20000\/month\n  use database aws-rds-postgresql/'
cc -shared -fPIC -O1 -o "$tmp/faults.so" tests/outdir/faults.c -ldl || { bad "setup: fault shim does not build"; echo "$pass passed, $fail failed"; exit 1; }
FAULTS=$tmp/faults.so

# No temporary file anywhere under $1.
no_tmp() { [ -z "$(find "$1" -name '.plinth-tmp-*' 2>/dev/null)" ]; }
# The manifest matches the folder (sha256sum -c, from inside it).
manifest_ok() { (cd "$1" && sha256sum --quiet -c .plinth-manifest >/dev/null 2>&1); }

# ---- 1. bad -o values ----
mkdir "$tmp/cwd"
cd "$tmp/cwd" || exit 2
# A binary that took '' for a folder wrote into /: the shim refuses its
# first file, so a regression fails here without writing there.
env LD_PRELOAD="$FAULTS" PLINTH_FAULT_CREATE=1 "$PLINTH" plan "$SPEC_A" -o "" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -q -- "-o needs" "$tmp/err" && [ -z "$(ls -A)" ]; then
  ok "plan -o '': usage error (2), nothing written"
else
  bad "plan -o '' (exit $rc)" "$(cat "$tmp/err")"
fi
"$PLINTH" plan "$SPEC_A" -o --force >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && [ -z "$(ls -A)" ]; then ok "plan -o --force: a missing value is a usage error"; else bad "plan -o --force (exit $rc)" "$(cat "$tmp/err"; ls -A)"; fi
"$PLINTH" plan "$SPEC_A" -o >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ]; then ok "plan -o at the end: usage error"; else bad "plan -o (exit $rc)"; fi
echo keep >file
"$PLINTH" plan "$SPEC_A" -o file >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && ! grep -q tmp "$tmp/err" && grep -q "'file'" "$tmp/err" && [ "$(cat file)" = keep ] && [ "$(ls -A)" = file ]; then
  ok "plan -o FILE: exit 2, the message names the file, not a temporary one"
else
  bad "plan -o FILE (exit $rc)" "$(cat "$tmp/err"; ls -A)"
fi
"$PLINTH" plan "$SPEC_A" -o file/sub >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && ! grep -q tmp "$tmp/err"; then ok "plan -o FILE/sub: exit 2"; else bad "plan -o FILE/sub (exit $rc)" "$(cat "$tmp/err")"; fi
"$PLINTH" new "a todo list for teams" -o "" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && [ "$(ls -A)" = file ]; then ok "new -o '': usage error"; else bad "new -o '' (exit $rc)" "$(cat "$tmp/err")"; fi
cd - >/dev/null || exit 2

# ---- 2. planted links ----
d=$tmp/links
mkdir -p "$d" "$tmp/outside"
ln -s "$tmp/outside/victim-spec" "$d/SPEC.md"
ln -s "$tmp/outside/victim-tmp" "$d/.plinth-tmp-1-0"
"$PLINTH" plan "$SPEC_A" -o "$d" >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ] && [ -z "$(ls -A "$tmp/outside")" ] && [ -L "$d/SPEC.md" ] && grep -q "SPEC.md exists and plinth did not write it" "$tmp/err"; then
  ok "a link at an output name is left alone, its target never written"
else
  bad "link at SPEC.md (exit $rc)" "$(cat "$tmp/err"; ls -la "$tmp/outside" "$d")"
fi
"$PLINTH" plan "$SPEC_A" -o "$d" --force >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ] && [ -z "$(ls -A "$tmp/outside")" ] && [ -f "$d/SPEC.md" ] && [ ! -L "$d/SPEC.md" ] && manifest_ok "$d"; then
  ok "--force replaces the link itself, not its target"
else
  bad "--force over a link (exit $rc)" "$(cat "$tmp/err"; ls -la "$tmp/outside")"
fi
for sub in adr diagrams; do
  d=$tmp/sub-$sub
  mkdir -p "$d" "$tmp/outside-$sub"
  ln -s "$tmp/outside-$sub" "$d/$sub"
  "$PLINTH" plan "$SPEC_A" -o "$d" >/dev/null 2>"$tmp/err"
  rc=$?
  if [ $rc -eq 2 ] && [ -z "$(ls -A "$tmp/outside-$sub")" ] && grep -q "symbolic link" "$tmp/err" && no_tmp "$d"; then
    ok "$sub/ replaced by a link: exit 2, nothing written through it"
  else
    bad "$sub/ as a link (exit $rc)" "$(cat "$tmp/err"; ls -la "$tmp/outside-$sub")"
  fi
done
# plinth new -o: a link at the name is never followed.
ln -s "$tmp/outside/victim-new" "$tmp/draft.plinth"
"$PLINTH" new "a todo list for teams" -o "$tmp/draft.plinth" >/dev/null 2>"$tmp/err"
rc1=$?
"$PLINTH" new "a todo list for teams" -o "$tmp/draft.plinth" --force >/dev/null 2>>"$tmp/err"
rc2=$?
if [ $rc1 -eq 2 ] && [ $rc2 -eq 0 ] && [ ! -e "$tmp/outside/victim-new" ] && [ ! -L "$tmp/draft.plinth" ] &&
   grep -q '^project' "$tmp/draft.plinth" && no_tmp "$tmp"; then
  ok "new -o LINK: refused, --force replaces the link, its target never written"
else
  bad "new -o over a link ($rc1, $rc2)" "$(cat "$tmp/err"; ls -la "$tmp/outside")"
fi

# ---- 3. full disk, refused create ----
ref=$tmp/ref-a
"$PLINTH" plan "$SPEC_A" -o "$ref" >/dev/null 2>&1
same_as() { diff -r -x '.plinth-tmp-*' "$1" "$2" >/dev/null 2>&1; }
for fault in PLINTH_FAULT_WRITE=3 PLINTH_FAULT_WRITE=20 PLINTH_FAULT_CREATE=2 PLINTH_FAULT_CREATE=15; do
  d=$tmp/fault
  rm -rf "$d"
  cp -r "$ref" "$d"
  env LD_PRELOAD="$FAULTS" "$fault" "$PLINTH" plan "$SPEC_B" -o "$d" >/dev/null 2>"$tmp/err"
  rc=$?
  if [ $rc -eq 2 ] && same_as "$ref" "$d" && no_tmp "$d" && ! grep -q 'plinth-tmp' "$tmp/err" && manifest_ok "$d"; then
    ok "$fault: exit 2, the old folder untouched, no temporary file"
  else
    bad "$fault (exit $rc)" "$(cat "$tmp/err"; diff -rq "$ref" "$d")"
  fi
done
if [ "$(id -u)" = 0 ] && mkdir -p "$tmp/mnt" && mount -t tmpfs -o size=256k tmpfs "$tmp/mnt" 2>/dev/null; then
  mnt=$tmp/mnt
  "$PLINTH" plan "$SPEC_A" -o "$mnt/out" >/dev/null 2>"$tmp/err"
  rc=$?
  if [ $rc -eq 2 ] && grep -q 'No space left' "$tmp/err" && no_tmp "$mnt" && [ ! -e "$mnt/out/.plinth-manifest" ]; then
    ok "a 256 KiB tmpfs: exit 2, no space, nothing half-written"
  else
    bad "small tmpfs (exit $rc)" "$(cat "$tmp/err"; ls -la "$mnt/out")"
  fi
  umount "$mnt"
  mnt=
fi

# ---- 4. SIGKILL before each rename ----
rm -f "$tmp/count"
d=$tmp/count-run
cp -r "$ref" "$d"
env LD_PRELOAD="$FAULTS" PLINTH_FAULT_COUNT="$tmp/count" "$PLINTH" plan "$SPEC_B" -o "$d" >/dev/null 2>&1
nren=$(cat "$tmp/count" 2>/dev/null || echo 0)
newref=$d
if [ "$nren" -lt 5 ]; then bad "the changed spec renames only $nren files"; fi
# Every rename point on the plain lane; every fifth and the last on the
# sanitized one (the same code paths, a fifth of the runs).
step=$(stride)
k=1
killed_bad=0
tried=0
while [ "$k" -le "$nren" ]; do
  tried=$((tried + 1))
  d=$tmp/kill-$k
  cp -r "$ref" "$d"
  env LD_PRELOAD="$FAULTS" PLINTH_FAULT_KILL=$k "$PLINTH" plan "$SPEC_B" -o "$d" >/dev/null 2>&1
  rc=$?
  # Every file is the old or the new version.
  mixed=$(cd "$d" && find . -type f ! -name '.plinth-*' | while read -r f; do
    cmp -s "$f" "$ref/$f" || cmp -s "$f" "$newref/$f" || echo "$f"
  done)
  "$PLINTH" plan "$SPEC_B" -o "$d" >/dev/null 2>"$tmp/err"
  rc2=$?
  if [ $rc -ne 137 ] || [ -n "$mixed" ] || [ $rc2 -ne 0 ] || grep -q 'left alone (' "$tmp/err" || ! no_tmp "$d" ||
     ! manifest_ok "$d" || [ -e "$d/.plinth-journal" ] || ! same_as "$newref" "$d"; then
    bad "SIGKILL before rename $k of $nren (exit $rc, then $rc2)" "$mixed
$(cat "$tmp/err")"
    killed_bad=$((killed_bad + 1))
  fi
  rm -rf "$d"
  if [ "$k" -lt "$nren" ] && [ $((k + step)) -gt "$nren" ]; then k=$nren; else k=$((k + step)); fi
done
[ $killed_bad -ne 0 ] || ok "SIGKILL before $tried of $nren renames: each file old or new; the next run recovers without a false edit"
d=$tmp/stale
cp -r "$ref" "$d"
echo x >"$d/.plinth-tmp-99999-0"
echo x >"$d/adr/.plinth-tmp-99999-1"
"$PLINTH" plan "$SPEC_A" -o "$d" >/dev/null 2>&1
if no_tmp "$d"; then ok "a killed run's temporary files are removed by the next run"; else bad "stale temporary files stay" "$(find "$d" -name '.plinth-tmp*')"; fi

# ---- 5. the lock ----
d=$tmp/lock
cp -r "$ref" "$d"
flock "$d" sleep 2 >/dev/null 2>&1 &
holder=$!
sleep 0.3
t0=$(date +%s)
"$PLINTH" plan "$SPEC_B" -o "$d" >/dev/null 2>"$tmp/err"
rc=$?
t1=$(date +%s)
wait $holder
if [ $rc -eq 0 ] && grep -q "waiting up to 120 s for another run (process $holder) to finish writing '$d'" "$tmp/err" &&
  [ $((t1 - t0)) -ge 1 ]; then
  ok "a second run waits for the folder's lock and names the folder and the holder"
else
  bad "lock (exit $rc, $((t1 - t0)) s)" "$(cat "$tmp/err")"
fi
# A bounded wait: the holder keeps the lock past --lock-wait, the run gives up
# (exit 2) naming both, writes nothing and leaves no temporary file.
locked_try() { # $1: seconds the holder keeps the lock; then the command
  hold=$1
  shift
  # -o: flock itself holds the lock (not the sleep), so killing it frees it.
  flock -o "$d" sleep "$hold" >/dev/null 2>&1 &
  holder=$!
  sleep 0.3
  t0=$(date +%s)
  "$@" >/dev/null 2>"$tmp/err"
  rc=$?
  t1=$(date +%s)
  kill $holder 2>/dev/null
  wait $holder 2>/dev/null
}
find "$d" -type f -exec sha256sum {} + | sort >"$tmp/before"
locked_try 4 "$PLINTH" plan "$SPEC_A" -o "$d" --lock-wait 1
find "$d" -type f -exec sha256sum {} + | sort >"$tmp/after"
if [ $rc -eq 2 ] && [ $((t1 - t0)) -lt 5 ] &&
  grep -q "'$d' is locked by another run (process $holder); gave up after 1 s" "$tmp/err" &&
  cmp -s "$tmp/before" "$tmp/after" && no_tmp "$d"; then
  ok "--lock-wait 1 under a held lock: exit 2 after about 1 s, folder and holder named, nothing written"
else
  bad "--lock-wait 1 (exit $rc, $((t1 - t0)) s)" "$(cat "$tmp/err")"
fi
locked_try 4 "$PLINTH" plan "$SPEC_A" -o "$d" --lock-wait 0
if [ $rc -eq 2 ] && [ $((t1 - t0)) -lt 2 ] && grep -q "'$d' is locked by another run (process $holder)" "$tmp/err" &&
  ! grep -q waiting "$tmp/err"; then
  ok "--lock-wait 0 under a held lock: exit 2 at once"
else
  bad "--lock-wait 0 (exit $rc, $((t1 - t0)) s)" "$(cat "$tmp/err")"
fi
locked_try 4 "$PLINTH" new -o "$d/draft.plinth" --lock-wait 0 "a book club where members share reviews"
if [ $rc -eq 2 ] && [ ! -e "$d/draft.plinth" ] && grep -q "plinth new: '$d' is locked by another run (process $holder)" "$tmp/err" &&
  no_tmp "$d"; then
  ok "plinth new -o takes the folder's lock too: exit 2, no draft written"
else
  bad "plinth new -o under a held lock (exit $rc)" "$(cat "$tmp/err"; ls -a "$d")"
fi
locked_try 2 "$PLINTH" new -o "$d/draft.plinth" "a book club where members share reviews"
if [ $rc -eq 0 ] && [ -s "$d/draft.plinth" ] && [ $((t1 - t0)) -ge 1 ] && grep -q "waiting up to 120 s" "$tmp/err"; then
  ok "plinth new -o waits for the lock, then writes the draft"
else
  bad "plinth new -o after a short lock (exit $rc, $((t1 - t0)) s)" "$(cat "$tmp/err")"
fi
bad_wait=0
for v in -1 x 86401 ''; do
  "$PLINTH" plan "$SPEC_A" -o "$d" --lock-wait "$v" >/dev/null 2>"$tmp/err"
  r1=$?
  "$PLINTH" new -o "$d/x.plinth" --lock-wait "$v" "a shop" >/dev/null 2>"$tmp/err2"
  r2=$?
  if [ $r1 -ne 2 ] || [ $r2 -ne 2 ] || ! grep -q -- '--lock-wait' "$tmp/err" || [ -e "$d/x.plinth" ]; then
    bad_wait=$((bad_wait + 1))
    bad "--lock-wait '$v' (exit $r1, $r2)" "$(cat "$tmp/err" "$tmp/err2")"
  fi
done
"$PLINTH" plan "$SPEC_A" --lock-wait 5 >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] || { bad_wait=$((bad_wait + 1)); bad "--lock-wait without -o is accepted"; }
[ $bad_wait -ne 0 ] || ok "--lock-wait takes 0 to 86400 seconds and only with -o: anything else is exit 2"
# Two runs at once, the second not waiting: one writes, the other exits 2
# naming the lock, and the folder is one run's, whole.
d=$tmp/race0
"$PLINTH" plan "$SPEC_A" -o "$d" >/dev/null 2>&1
bad_race=0
for i in 1 2 3; do
  "$PLINTH" plan "$SPEC_B" -o "$d" >/dev/null 2>"$tmp/err1" &
  p1=$!
  sleep 0.05
  "$PLINTH" plan "$SPEC_A" -o "$d" --lock-wait 0 >/dev/null 2>"$tmp/err2"
  r2=$?
  wait $p1
  r1=$?
  if [ $r1 -ne 0 ] || { [ $r2 -ne 0 ] && ! { [ $r2 -eq 2 ] && grep -q "is locked by another" "$tmp/err2"; }; } ||
    ! manifest_ok "$d" || ! no_tmp "$d"; then
    bad_race=$((bad_race + 1))
    bad "two runs at once, the second with --lock-wait 0, round $i ($r1, $r2)" "$(cat "$tmp/err1" "$tmp/err2")"
  fi
done
[ $bad_race -ne 0 ] || ok "two runs at once, the second not waiting: it succeeds or exits 2 on the lock; the folder stays whole"
d=$tmp/race
bad_race=0
for i in 1 2 3 4 5; do
  "$PLINTH" plan "$SPEC_A" -o "$d" >/dev/null 2>"$tmp/err1" &
  p1=$!
  "$PLINTH" plan "$SPEC_B" -o "$d" >/dev/null 2>"$tmp/err2" &
  p2=$!
  wait $p1
  r1=$?
  wait $p2
  r2=$?
  if [ $r1 -ne 0 ] || [ $r2 -ne 0 ] || ! manifest_ok "$d" || ! no_tmp "$d" || grep -q 'left alone (' "$tmp/err1" "$tmp/err2"; then
    bad_race=$((bad_race + 1))
    bad "two runs at once, round $i ($r1, $r2)" "$(cat "$tmp/err1" "$tmp/err2")"
  fi
done
[ $bad_race -ne 0 ] || ok "two runs at once, 5 rounds: both succeed, the manifest matches the folder"

# ---- 6. idempotent decision records ----
d=$tmp/idem
msg=
for s in A A B B A A B B; do
  eval spec=\$SPEC_$s
  "$PLINTH" plan "$spec" -o "$d" >/dev/null 2>"$tmp/err"
  msg="$msg $s:$(sed -n 's/.* files, \([0-9]*\) written.*/\1/p' "$tmp/err")"
done
# The second run touches nothing at all: not even the manifest.
find "$d" -type f -exec stat -c '%n %Y %i' {} + | sort >"$tmp/stat.1"
sleep 1
"$PLINTH" plan "$SPEC_B" -o "$d" >/dev/null 2>&1
find "$d" -type f -exec stat -c '%n %Y %i' {} + | sort >"$tmp/stat.2"
if cmp -s "$tmp/stat.1" "$tmp/stat.2"; then ok "a run with nothing to change leaves every file untouched (times, inodes)"; else
  bad "a run with nothing to change touched files" "$(diff "$tmp/stat.1" "$tmp/stat.2")"; fi
case $msg in
  " A:"*" A:0 B:"*" B:0 A:"*" A:0 B:"*" B:0") ok "the same spec twice writes nothing the second time ($msg)" ;;
  *) bad "idempotence: files written per run:$msg" ;;
esac
# A record accepted again after a superseding change still names the one it superseded.
db=$(awk -F'\t' '$2 == "database" && $4 == "accepted" { print $6 }' "$d/adr/index.txt")
if grep -q "^- Supersedes record" "$d/adr/$db"; then
  ok "a kept record keeps its 'Supersedes record' line"
else
  bad "the kept database record lost its Supersedes line" "$(head -20 "$d/adr/$db")"
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
