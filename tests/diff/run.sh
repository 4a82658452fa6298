#!/bin/sh
# plinth diff:
#
#   migrate/   each CASE.plinth is one kind of change from migrate/old.plinth.
#              On a PostgreSQL 15 started here on a loopback port, old's
#              schema.sql plus `plinth diff --only migration
#              --allow-destructive` must give the same schema as NEW's
#              schema.sql (pg_dump --schema-only of both, compared with the
#              columns of each table taken as a set: ALTER TABLE ADD COLUMN
#              appends). Without --allow-destructive the data-losing steps
#              must be commented out and the rest must still apply. On
#              SQLite, the --sqlite migration must apply to old's schema and
#              leave the tables and columns NEW's schema has, where SQLite's
#              ALTER TABLE can make the change. derived/ adds, then removes,
#              what schema.sql derives from the spec beside the fields
#              (lifecycle guards, derived sums, upload columns, webhook
#              events, provider ids, the outbox), both ways on PostgreSQL.
#              partition/ does the same both
#              ways for a table partitioned by month (indexes there are built
#              and dropped without CONCURRENTLY, which PostgreSQL refuses).
#   api.cases  a table of spec changes and the API changes each must give,
#              breaking or not, operation and field named.
#   a spec diffed with itself is empty (text, JSON, --exit-code 0); two
#   that differ exit 1 with --exit-code; the JSON has the shape the docs
#   give; bad usage exits 2; a spec error exits 1.
#
# Run from the repository root: PLINTH=./plinth sh tests/diff/run.sh
set -u
PLINTH=${PLINTH:-./plinth}
case $PLINTH in /*) ;; *) PLINTH=$(pwd)/$PLINTH ;; esac
D=tests/diff
. tests/lib.sh
T=$(mktemp -d) || exit 2
chmod 755 "$T"
PGBIN=/usr/lib/postgresql/15/bin
PGPORT=
RUN="sh -c"
cleanup() {
  [ -n "$PGPORT" ] && $RUN "$PGBIN/pg_ctl -D $T/pg/data -m fast -w stop" >/dev/null 2>&1
  rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 2' INT TERM

start_pg() {
  [ -x "$PGBIN/initdb" ] || return 1
  mkdir -p "$T/pg"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$T/pg"
    RUN="su postgres -s /bin/sh -c"
  fi
  $RUN "$PGBIN/initdb -D $T/pg/data -A trust -U postgres --no-instructions" >"$T/pg.log" 2>&1 || return 1
  base=$((20000 + $$ % 20000 + 3))
  for i in 0 1 2 3 4 5 6 7 8 9; do
    port=$((base + i * 11))
    if $RUN "$PGBIN/pg_ctl -D $T/pg/data -l $T/pg/log -o '-c listen_addresses=127.0.0.1 -p $port -k $T/pg -c fsync=off' -w start" >>"$T/pg.log" 2>&1; then
      PGPORT=$port
      return 0
    fi
  done
  return 1
}
psql_() { psql -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 "$@"; }

# pg_dump's schema without comments and settings, each CREATE TABLE's
# lines sorted (column order is where ADD COLUMN put it, not a difference).
normalize() {
  awk '
    /^--/ || /^SET / || /^SELECT pg_catalog/ || /^$/ || /^\\(un)?restrict / { next }
    /^CREATE TABLE / { intable = 1; print; n = 0; next }
    intable && /^\)/ {
      # insertion sort of the collected lines
      for (i = 1; i <= n; i++) for (k = i + 1; k <= n; k++) if (l[k] < l[i]) { t = l[i]; l[i] = l[k]; l[k] = t }
      for (i = 1; i <= n; i++) print l[i]
      print; intable = 0; next
    }
    intable { sub(/,$/, ""); l[++n] = $0; next }
    { print }
  ' "$1"
}

# migrate_case NAME OLD-SPEC NEW-SPEC: the migration on PostgreSQL (see the top).
migrate_case() {
  name=$1
  old=$2
  new=$3
  "$PLINTH" plan --only sql "$old" >"$T/old.sql" 2>"$T/err" || { bad "$name: OLD's schema.sql" "$T/err"; return; }
    db=$(printf '%s' "$name" | tr -c 'a-z0-9\n' '_')
    if ! "$PLINTH" plan --only sql "$new" >"$T/$name.new.sql" 2>"$T/err" ||
       ! "$PLINTH" diff --only migration --allow-destructive "$old" "$new" >"$T/$name.mig.sql" 2>"$T/err" ||
       ! "$PLINTH" diff --only migration "$old" "$new" >"$T/$name.safe.sql" 2>"$T/err"; then
      bad "migrate/$name: plinth failed" "$T/err"
      return
    fi
    if ! [ -s "$T/$name.mig.sql" ]; then
      bad "migrate/$name: the migration is empty"
      return
    fi
    psql_ -d postgres -c "CREATE DATABASE m_$db" -c "CREATE DATABASE n_$db" >/dev/null 2>"$T/err"
    if ! psql_ -d "m_$db" -f "$T/old.sql" >/dev/null 2>"$T/err" ||
       ! psql_ -d "m_$db" -f "$T/$name.mig.sql" >/dev/null 2>"$T/err"; then
      bad "migrate/$name: the migration does not apply" "$T/err"
      return
    fi
    psql_ -d "n_$db" -f "$T/$name.new.sql" >/dev/null 2>"$T/err" || { bad "migrate/$name: NEW's schema.sql" "$T/err"; return; }
    pg_dump -s -h 127.0.0.1 -p "$PGPORT" -U postgres "m_$db" >"$T/$name.m.dump" 2>"$T/err"
    pg_dump -s -h 127.0.0.1 -p "$PGPORT" -U postgres "n_$db" >"$T/$name.n.dump" 2>>"$T/err"
    normalize "$T/$name.m.dump" >"$T/$name.m"
    normalize "$T/$name.n.dump" >"$T/$name.n"
    if diff -u "$T/$name.n" "$T/$name.m" >"$T/$name.diff"; then
      ok "migrate/$name: old schema + migration == new schema (pg_dump)"
    else
      bad "migrate/$name: old schema + migration != new schema (pg_dump, - new + migrated)" "$T/$name.diff"
    fi
    # Without --allow-destructive: nothing that loses data runs, the rest applies
    # (the same text as above when the change loses no data).
    if cmp -s "$T/$name.safe.sql" "$T/$name.mig.sql"; then
      if grep -q 'WARNING' "$T/$name.safe.sql"; then
        bad "migrate/$name: a warning, yet nothing commented out" "$T/$name.safe.sql"
      else
        ok "migrate/$name: no data-losing step, the same migration without --allow-destructive"
      fi
    elif grep -Eq '^(ALTER TABLE .* DROP COLUMN|DROP TABLE|ALTER TABLE .* TYPE .*\(50\))' "$T/$name.safe.sql"; then
      bad "migrate/$name: a data-losing step is not commented out" "$T/$name.safe.sql"
    elif ! psql_ -d postgres -c "CREATE DATABASE s_$db" >/dev/null 2>"$T/err" ||
         ! psql_ -d "s_$db" -f "$T/old.sql" >/dev/null 2>"$T/err" ||
         ! psql_ -d "s_$db" -f "$T/$name.safe.sql" >/dev/null 2>"$T/err"; then
      bad "migrate/$name: the migration without destructive steps does not apply" "$T/err"
    else
      ok "migrate/$name: without --allow-destructive, data-losing steps are comments"
    fi
}

# ---- migrations on PostgreSQL ----
old=$D/migrate/old.plinth
"$PLINTH" plan --only sql "$old" >"$T/old.sql" 2>"$T/err" || bad "schema.sql of migrate/old.plinth" "$T/err"
"$PLINTH" plan --only sqlite "$old" >"$T/old.sqlite.sql" 2>"$T/err" || bad "schema.sqlite.sql of migrate/old.plinth" "$T/err"
ncases=0
if ! consumers; then
  echo "# migrations on PostgreSQL: on the plain lane (tests/lib.sh, consumers)"
elif start_pg; then
  ok "PostgreSQL 15 started on 127.0.0.1:$PGPORT"
  # The comparison must tell a missing column, and only that: column
  # order alone is no difference.
  psql_ -d postgres -c "CREATE DATABASE probe_a" -c "CREATE DATABASE probe_b" -c "CREATE DATABASE probe_c" >/dev/null 2>&1
  psql_ -d probe_a -c 'CREATE TABLE t (a int, b int)' >/dev/null 2>&1
  psql_ -d probe_b -c 'CREATE TABLE t (b int, a int)' >/dev/null 2>&1
  psql_ -d probe_c -c 'CREATE TABLE t (a int)' >/dev/null 2>&1
  for x in a b c; do
    pg_dump -s -h 127.0.0.1 -p "$PGPORT" -U postgres probe_$x 2>/dev/null | normalize /dev/stdin >"$T/p$x"
  done
  if cmp -s "$T/pa" "$T/pb" && ! cmp -s "$T/pa" "$T/pc" && grep -q 'CREATE TABLE' "$T/pa"; then
    ok "the schema comparison ignores column order and tells a missing column"
  else
    bad "the schema comparison is wrong on column order or a missing column" "$T/pc"
  fi
  for new in $D/migrate/*.plinth; do
    case $new in */old.plinth) continue ;; esac
    ncases=$((ncases + 1))
    migrate_case "$(basename "$new" .plinth)" "$D/migrate/old.plinth" "$new"
  done
  migrate_case partition "$D/partition/old.plinth" "$D/partition/new.plinth"
  migrate_case partition-back "$D/partition/new.plinth" "$D/partition/old.plinth"
  # What schema.sql derives from the spec, added and then removed: a
  # lifecycle's guard, a derived sum's triggers, an upload's columns, the
  # payments' webhook events, provider ids and outbox.
  for new in $D/derived/*.plinth; do
    n=$(basename "$new" .plinth)
    migrate_case "derived-$n" "$D/migrate/old.plinth" "$new"
    migrate_case "derived-$n-back" "$new" "$D/migrate/old.plinth"
  done
  old=$D/migrate/old.plinth
  "$PLINTH" plan --only sql "$old" >"$T/old.sql" 2>"$T/err"
else
  bad "PostgreSQL 15 did not start" "$T/pg.log"
fi

# Destructive kinds are commented out by default, with a warning.
for name in drop-table drop-column narrow-type; do
  "$PLINTH" diff --only migration "$old" "$D/migrate/$name.plinth" >"$T/w.sql" 2>&1
  if grep -q '^-- WARNING: .* lose.* data' "$T/w.sql" && grep -Eq '^-- (DROP TABLE|ALTER TABLE)' "$T/w.sql"; then
    ok "migrate/$name: destructive steps commented out under a warning"
  else
    bad "migrate/$name: no warning or not commented out" "$T/w.sql"
  fi
done

# New indexes are built CONCURRENTLY, outside the transaction.
"$PLINTH" diff --only migration "$old" "$D/migrate/add-index.plinth" >"$T/i.sql" 2>&1
if grep -q '^CREATE INDEX CONCURRENTLY ' "$T/i.sql" && [ "$(sed -n '/CONCURRENTLY/,$p' "$T/i.sql" | grep -c '^COMMIT;')" -eq 0 ]; then
  ok "new indexes: CREATE INDEX CONCURRENTLY after the transaction"
else
  bad "new indexes are not built concurrently outside the transaction" "$T/i.sql"
fi
# Expand/contract: a new required column is added nullable, backfilled, then constrained.
"$PLINTH" diff --only migration "$old" "$D/migrate/add-required-column.plinth" >"$T/r.sql" 2>&1
if awk '/ADD COLUMN "rank" bigint;/ { a = NR } /^-- Backfill/ { b = NR } /"rank" SET NOT NULL/ { c = NR }
        END { exit !(a && b && c && a < b && b < c) }' "$T/r.sql"; then
  ok "a new required column: added nullable, backfill note, then SET NOT NULL"
else
  bad "a new required column is not migrated in expand/contract order" "$T/r.sql"
fi
# A rename without 'was' is a drop and an add; with 'was' a RENAME.
if "$PLINTH" diff --only migration --allow-destructive "$old" "$D/migrate/rename-column.plinth" | grep -q 'RENAME COLUMN "title" TO "heading"'; then
  ok "was title: RENAME COLUMN"
else
  bad "was title did not give RENAME COLUMN"
fi
vary "$D/migrate/rename-column.plinth" "$T/norename.plinth" 's/ was title//'
if grep -q 'was title' "$T/norename.plinth"; then
  bad "the variant without 'was' still has it"
elif "$PLINTH" diff --only migration --allow-destructive "$old" "$T/norename.plinth" | grep -q 'RENAME COLUMN'; then
  bad "a rename was guessed without 'was'"
else
  ok "without 'was', no rename is guessed"
fi

# A 'was' that names nothing in OLD: a note, and a new column (no rename).
vary "$D/migrate/rename-column.plinth" "$T/typo.plinth" 's/ was title/ was titel/'
if ! grep -q 'was titel' "$T/typo.plinth"; then
  bad "the variant with a mistyped 'was' was not made"
elif "$PLINTH" diff --json "$old" "$T/typo.plinth" | node -e '
    const j = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const noted = j.notes.some((n) => n.includes("was titel") && n.includes("new column"));
    process.exit(noted && !/RENAME COLUMN/.test(j.migration) && /ADD COLUMN "heading"/.test(j.migration) ? 0 : 1);'; then
  ok "a 'was' naming nothing in OLD: a note, and an added column"
else
  bad "a 'was' naming nothing in OLD"
fi

# ---- SQLite ----
if command -v sqlite3 >/dev/null 2>&1; then
  lite_ok=0
  lite_cannot=0
  for new in $D/migrate/*.plinth; do
    name=$(basename "$new" .plinth)
    [ "$name" = old ] && continue
    "$PLINTH" diff --sqlite --only migration --allow-destructive "$old" "$new" >"$T/l.sql" 2>"$T/err"
    "$PLINTH" plan --only sqlite "$new" >"$T/ln.sql" 2>>"$T/err"
    rm -f "$T/l.db" "$T/n.db"
    if ! sqlite3 -bail "$T/l.db" <"$T/old.sqlite.sql" >"$T/err" 2>&1 || ! sqlite3 -bail "$T/l.db" <"$T/l.sql" >"$T/err" 2>&1; then
      bad "sqlite/$name: the migration does not apply" "$T/err"
      continue
    fi
    sqlite3 -bail "$T/n.db" <"$T/ln.sql" >/dev/null 2>&1
    q="SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE '%fts%' ORDER BY 1;"
    sqlite3 "$T/l.db" "$q" >"$T/lc"
    sqlite3 "$T/n.db" "$q" >"$T/nc"
    grep -q "SQLite's ALTER TABLE cannot" "$T/l.sql" && lite_cannot=$((lite_cannot + 1))
    if cmp -s "$T/lc" "$T/nc"; then
      lite_ok=$((lite_ok + 1))
    else
      diff "$T/nc" "$T/lc" >"$T/d"
      bad "sqlite/$name: tables and columns differ from NEW's, and the migration does not say why" "$T/d"
    fi
  done
  ok "sqlite: $lite_ok migrations apply and give NEW's tables and columns; $lite_cannot of them also name a change SQLite's ALTER TABLE cannot make"
else
  echo "skipped: sqlite3 is not installed (SQLite migrations)"
fi

# ---- the API classification ----
# api.cases: NAME|OLD-SPEC-FILE|NEW-SPEC-FILE|breaking or non_breaking|operation|field|change (a fixed string)
while IFS='|' read -r name o n kind op field change; do
  case $name in '#'* | '') continue ;; esac
  "$PLINTH" diff --json --only api "$D/$o" "$D/$n" >"$T/api.json" 2>"$T/err" || { bad "api/$name: plinth failed" "$T/err"; continue; }
  if node -e '
    const [f, kind, op, field, change] = process.argv.slice(1);
    const j = JSON.parse(require("fs").readFileSync(f, "utf8"));
    const other = kind === "breaking" ? "non_breaking" : "breaking";
    const hit = (x) => (x.operation || "") === op && (x.field || "") === field && x.change.includes(change);
    process.exit(j.api[kind].some(hit) && !j.api[other].some(hit) ? 0 : 1);
  ' "$T/api.json" "$kind" "$op" "$field" "$change"; then
    ok "api/$name: $kind $op $field ($change)"
  else
    cp "$T/api.json" "$T/api.out"
    bad "api/$name: expected $kind $op $field '$change'" "$T/api.out"
  fi
done <"$D/api.cases"

# ---- a spec against itself, exit codes, shape ----
# (stdout only: the spec's own warnings, which check prints too, go to stderr)
for s in examples/*.plinth; do
  out=$("$PLINTH" diff --exit-code "$s" "$s" 2>/dev/null)
  rc=$?
  if [ $rc -eq 0 ] && [ -z "$out" ] &&
     "$PLINTH" diff --json "$s" "$s" | node -e '
       const j = JSON.parse(require("fs").readFileSync(0, "utf8"));
       const empty = !j.differ && j.decisions.length === 0 && j.cost.lines.length === 0 && j.cost.figures.length === 0 &&
         j.api.breaking.length === 0 && j.api.non_breaking.length === 0 && j.migration === "" &&
         j.roadmap.added.length + j.roadmap.removed.length + j.roadmap.reestimated.length === 0;
       process.exit(empty ? 0 : 1);'; then
    ok "$(basename "$s") diffed with itself: empty, exit 0"
  else
    bad "$(basename "$s") diffed with itself is not empty (rc $rc)"
  fi
done
"$PLINTH" diff --exit-code "$old" "$D/migrate/add-table.plinth" >/dev/null 2>&1
[ $? -eq 1 ] && ok "--exit-code: 1 when the plans differ" || bad "--exit-code did not exit 1 on a difference"
"$PLINTH" diff "$old" "$D/migrate/add-table.plinth" >/dev/null 2>&1
[ $? -eq 0 ] && ok "without --exit-code: 0 when the plans differ" || bad "plinth diff without --exit-code did not exit 0"
"$PLINTH" diff --json examples/chat.plinth examples/shop.plinth >"$T/shape.json" 2>"$T/err"
if node -e '
  const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const d = j.decisions[0];
  const ok = Array.isArray(j.decisions) && d && ["slot", "before", "after", "why"].every((k) => k in d) &&
    ["before", "after", "lines"].every((k) => k in j.cost) && Array.isArray(j.cost.lines) &&
    Array.isArray(j.api.breaking) && Array.isArray(j.api.non_breaking) && typeof j.migration === "string" &&
    j.migration.length > 0 && typeof j.roadmap === "object";
  process.exit(ok ? 0 : 1);' "$T/shape.json"; then
  ok "JSON shape: decisions[slot,before,after,why], cost{before,after,lines}, api{breaking,non_breaking}, migration, roadmap"
else
  bad "JSON shape differs from the documented one" "$T/shape.json"
fi
for only in decisions cost api migration roadmap; do
  if "$PLINTH" diff --json --only $only examples/taskflow.plinth examples/shop.plinth | node -e '
    const j = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const parts = ["decisions", "cost", "api", "migration", "roadmap"];
    process.exit(parts.every((p) => (p in j) === (p === process.argv[1])) ? 0 : 1);' $only; then
    ok "--json --only $only: that part alone"
  else
    bad "--json --only $only printed other parts"
  fi
done
"$PLINTH" diff --only nonsense "$old" "$old" >/dev/null 2>"$T/err"
[ $? -eq 2 ] && ok "--only with an unknown part: exit 2" || bad "--only nonsense did not exit 2" "$T/err"
"$PLINTH" diff "$old" >/dev/null 2>"$T/err"
[ $? -eq 2 ] && ok "one spec only: exit 2" || bad "diff with one spec did not exit 2" "$T/err"
printf 'entity {\n' >"$T/broken.plinth"
"$PLINTH" diff "$old" "$T/broken.plinth" >/dev/null 2>"$T/err"
[ $? -eq 1 ] && grep -q 'broken.plinth:1:8: error' "$T/err" && ok "a spec error: file:line:col and exit 1" || bad "a spec error in NEW" "$T/err"

summary
