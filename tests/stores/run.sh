#!/bin/sh
# Each store gets the contract of its own technology (issue 13, item 6):
# SQL DDL only for a store that speaks SQL, and only for the entities it
# holds; DynamoDB a CloudFormation table with its indexes and item keys;
# a wide-column store CQL; a document store collection validators.
#
#   - tests/stores/check.mjs is first shown bad files and must reject each:
#     a DynamoDB template CloudFormation's schema refuses (through
#     aws-cdk-lib), an attribute that is no key, an item on an index the
#     table lacks; CQL with an undeclared key column, a type CQL lacks, a
#     clustering order that is not the clustering columns;
#   - the examples: TaskFlow (DynamoDB) has dynamodb.cfn.json, which passes,
#     and no schema.sql, schema.sqlite.sql or DBML; Murmur (Cassandra for
#     messages) has schema.cql, which passes, and a schema.sql without the
#     messages; Gauge with TimescaleDB pinned for readings has events.sql with the
#     readings and a schema.sql without them; both apply to PostgreSQL 15;
#   - DynamoDB for the records and Cassandra for the events (Murmur, pinned):
#     two key designs, each entity in one, each store its own contract;
#   - pinned variants: Cassandra as the database gives schema.cql and no
#     SQL; MongoDB gives collections.json whose validators compile (ajv,
#     bsonType read as JSON Schema types) and no SQL; ClickHouse as Gauge's
#     events store gives clickhouse.sql (MergeTree, sort key from the access
#     path, monthly partitions, TTL from the retention), which check.mjs
#     accepts after refusing an undeclared sort column and an unknown type.
#
# Run from the repository root: PLINTH=./plinth sh tests/stores/run.sh
# Prints "ok NAME" per pass, details per failure, last "N passed, M failed".
set -u
PLINTH=${PLINTH:-./plinth}
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
export NODE_NO_WARNINGS=1
CHECK="node tests/stores/check.mjs"
# with_line SRC DST LINE: SRC with LINE first in its project block; fails
# (and counts a failure) when nothing changed.
with_line() {
  vary "$1" "$2" "s/^\(project .*{\)\$/\1\n  $3/"
}

# expect_reject NAME KIND FILE WANT: the checker refuses FILE, saying WANT.
expect_reject() {
  if $CHECK "$2" "$3" >"$T/r.out" 2>&1; then
    bad "$1: the checker accepts it"
  elif grep -q "$4" "$T/r.out"; then
    ok "$1 is rejected: $(grep "$4" "$T/r.out" | head -n 1 | sed 's/^[^:]*: //')"
  else
    bad "$1: rejected for another reason" "$T/r.out"
  fi
}

# The specs: the examples, and variants pinning each store.
with_line examples/telemetry.plinth "$T/telemetry.plinth" "use events timescaledb"
for v in cassandra mongodb-atlas neo4j-aura aws-neptune; do
  vary examples/taskflow.plinth "$T/$v.plinth" "s/^  deadline 6 weeks/  deadline 6 weeks\n  use database $v/" \
    's/budget \$50\/month/budget $2000\/month/'
done
with_line examples/chat.plinth "$T/dynamo-cassandra.plinth" "use database aws-dynamodb"
with_line examples/telemetry.plinth "$T/clickhouse.plinth" "use events clickhouse"

# The checkers read the same bytes on either lane: the lane that runs no
# consumers (tests/lib.sh) plans every spec, under the sanitizers, and stops.
if ! consumers; then
  for f in examples/taskflow.plinth examples/chat.plinth "$T"/*.plinth; do
    n=$(basename "$f" .plinth)
    if "$PLINTH" plan "$f" -o "$T/$n" >/dev/null 2>"$T/$n.err"; then ok "$n: plan -o"; else bad "$n: plinth plan -o" "$T/$n.err"; fi
  done
  summary
  exit
fi

# ---- bad files first ----
cat >"$T/type.json" <<'J'
{"Resources": {"Table": {"Type": "AWS::DynamoDB::Table", "Metadata": {"Plinth::Items": [{"entity": "A", "index": "table", "keys": {"PK": "A#{id}"}}]},
 "Properties": {"BillingMode": "PAY_PER_REQUEST", "AttributeDefinitions": [{"AttributeName": "PK", "AttributeType": "STRING"}],
  "KeySchema": [{"AttributeName": "PK", "KeyType": "HASH"}]}}}}
J
expect_reject "DynamoDB attribute type CloudFormation does not have" dynamodb "$T/type.json" "aws-cdk-lib"
cat >"$T/unused.json" <<'J'
{"Resources": {"Table": {"Type": "AWS::DynamoDB::Table", "Metadata": {"Plinth::Items": [{"entity": "A", "index": "table", "keys": {"PK": "A#{id}"}}]},
 "Properties": {"BillingMode": "PAY_PER_REQUEST", "AttributeDefinitions": [{"AttributeName": "PK", "AttributeType": "S"}, {"AttributeName": "SK", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "PK", "KeyType": "HASH"}]}}}}
J
expect_reject "DynamoDB attribute that is no key" dynamodb "$T/unused.json" "defined but is no key"
cat >"$T/index.json" <<'J'
{"Resources": {"Table": {"Type": "AWS::DynamoDB::Table", "Metadata": {"Plinth::Items": [{"entity": "A", "index": "GSI1", "keys": {"GSI1PK": "A#{id}"}}]},
 "Properties": {"BillingMode": "PAY_PER_REQUEST", "AttributeDefinitions": [{"AttributeName": "PK", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "PK", "KeyType": "HASH"}]}}}}
J
expect_reject "DynamoDB item on an index the table lacks" dynamodb "$T/index.json" "which the table does not have"
printf 'CREATE TABLE "a_by_id" (\n  "id" uuid,\n  PRIMARY KEY (("id"), "created_at")\n);\n' >"$T/key.cql"
expect_reject "CQL key column not declared" cql "$T/key.cql" "created_at is not declared"
printf 'CREATE TABLE "a_by_id" (\n  "id" uuid,\n  "n" numeric,\n  PRIMARY KEY (("id"))\n);\n' >"$T/type.cql"
expect_reject "CQL type CQL does not have" cql "$T/type.cql" "numeric, which CQL"
printf 'CREATE TABLE "a_by_b" (\n  "id" uuid,\n  "b" uuid,\n  "t" timestamp,\n  PRIMARY KEY (("b"), "t", "id")\n) WITH CLUSTERING ORDER BY ("id" ASC, "t" DESC);\n' >"$T/order.cql"
expect_reject "CQL clustering order not the clustering columns" cql "$T/order.cql" "CLUSTERING ORDER BY does not list"
printf 'CREATE CONSTRAINT A_id_unique IF NOT EXISTS FOR (n:A) REQUIRE m.id IS UNIQUE;\n' >"$T/var.cypher"
expect_reject "Cypher constraint on a variable FOR does not bind" cypher "$T/var.cypher" "but FOR binds n"
printf 'CREATE TABLE "A" ("id" uuid PRIMARY KEY);\n' >"$T/sql.cypher"
expect_reject "SQL DDL given as a graph schema" cypher "$T/sql.cypher" "not a Cypher uniqueness constraint"
printf '//   (:A)-[:OWNER]->(:B)\nCREATE CONSTRAINT A_id_unique IF NOT EXISTS FOR (n:A) REQUIRE n.id IS UNIQUE;\n' >"$T/rel.cypher"
expect_reject "Cypher relationship to an undeclared label" cypher "$T/rel.cypher" "B, which is no declared label"
printf 'CREATE CONSTRAINT A_email IF NOT EXISTS FOR (n:A) REQUIRE n.email IS UNIQUE;\n' >"$T/noid.cypher"
expect_reject "Cypher label without its id constraint" cypher "$T/noid.cypher" "has no id uniqueness"

# ---- the examples ----
for n in taskflow chat; do
  "$PLINTH" plan "examples/$n.plinth" -o "$T/$n" >/dev/null 2>"$T/$n.err" || bad "$n: plinth plan -o" "$T/$n.err"
done
# Gauge's readings pass one TimescaleDB node's disk at the horizon, and
# TimescaleDB writes through one primary, so the example takes ClickHouse
# (checked below); its TimescaleDB contract is checked with the store
# pinned.
"$PLINTH" plan "$T/telemetry.plinth" -o "$T/telemetry" >/dev/null 2>"$T/telemetry.err" ||
  bad "telemetry: plinth plan -o (TimescaleDB pinned)" "$T/telemetry.err"
if [ -f "$T/taskflow/dynamodb.cfn.json" ] && $CHECK dynamodb "$T/taskflow/dynamodb.cfn.json" "$T/taskflow/keys.json" >"$T/d.out" 2>&1; then
  ok "taskflow: dynamodb.cfn.json passes aws-cdk-lib's CloudFormation validation and the key checks"
else
  bad "taskflow: dynamodb.cfn.json" "$T/d.out"
fi
# DynamoDB Local's table (dynamodb-table.json, docker-compose.yml loads it):
# CreateTable's input, the same keys and indexes as the template; the
# checker first refuses an attribute type CreateTable lacks and a key
# attribute left undefined.
f=$T/taskflow/dynamodb-table.json
if [ -f "$f" ]; then
  sed 's/"AttributeType": "S"/"AttributeType": "STRING"/' "$f" >"$T/ct1.json"
  cmp -s "$f" "$T/ct1.json" || expect_reject "CreateTable attribute type it lacks" createtable "$T/ct1.json" "must be equal to one of"
  sed '0,/"AttributeName": "GSI1PK"/s//"AttributeName": "GSI9PK"/' "$f" >"$T/ct2.json"
  cmp -s "$f" "$T/ct2.json" || expect_reject "CreateTable key attribute not defined" createtable "$T/ct2.json" "is not in AttributeDefinitions"
  $CHECK createtable "$f" >"$T/ct.out" 2>&1 && ok "taskflow: dynamodb-table.json is valid CreateTable input" || bad "taskflow: dynamodb-table.json" "$T/ct.out"
  if node -e '
    const fs = require("fs");
    const a = JSON.parse(fs.readFileSync(process.argv[1], "utf8")).Resources.Table.Properties;
    const b = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
    for (const k of ["AttributeDefinitions", "KeySchema", "GlobalSecondaryIndexes", "BillingMode"])
      if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) { console.log(k + " differs"); process.exit(1); }' \
    "$T/taskflow/dynamodb.cfn.json" "$f" >"$T/ct.out" 2>&1; then
    ok "taskflow: DynamoDB Local gets the template's keys and indexes"
  else
    bad "taskflow: dynamodb-table.json and dynamodb.cfn.json differ" "$T/ct.out"
  fi
  grep -q 'dynamodb-table.json:/init/dynamodb-table.json' "$T/taskflow/docker-compose.yml" &&
    ok "taskflow: docker-compose.yml creates the table in DynamoDB Local" || bad "taskflow: docker-compose.yml does not create the table" "$T/taskflow/docker-compose.yml"
else
  bad "taskflow: no dynamodb-table.json"
fi
# The infrastructure code builds the same table: its keys and indexes.
if node -e '
  const fs = require("fs");
  const t = JSON.parse(fs.readFileSync(process.argv[1], "utf8")).Resources.Table.Properties;
  const want = ["PK", "SK", ...(t.GlobalSecondaryIndexes || []).map((g) => g.IndexName)].join(",");
  const line = fs.readFileSync(process.argv[2], "utf8").split("\n").find((l) => l.includes("aws.dynamodb.Table"));
  const got = ["PK", "SK"].filter((k) => line.includes(`Key: "${k}"`))
    .concat([...line.matchAll(/name: "(GSI[0-9]+)"/g)].map((m) => m[1])).join(",");
  if (got !== want) { console.log(`infra/index.ts has ${got}, dynamodb.cfn.json ${want}`); process.exit(1); }
' "$T/taskflow/dynamodb.cfn.json" "$T/taskflow/infra/index.ts" >"$T/inf.out" 2>&1; then
  ok "taskflow: infra/index.ts builds the table dynamodb.cfn.json declares (keys and indexes)"
else
  bad "taskflow: infra/index.ts and dynamodb.cfn.json disagree" "$T/inf.out"
fi
left=$(cd "$T/taskflow" && ls schema.sql schema.sqlite.sql events.sql exports/schema.dbml 2>/dev/null | tr '\n' ' ')
[ -z "$left" ] && ok "taskflow: no SQL schema, SQLite mirror or DBML for a DynamoDB database" || bad "taskflow: SQL for DynamoDB: $left"
if [ -f "$T/chat/schema.cql" ] && $CHECK cql "$T/chat/schema.cql" >"$T/c.out" 2>&1; then
  ok "chat: schema.cql passes the CQL checks"
else
  bad "chat: schema.cql" "$T/c.out"
fi
if grep -q '^CREATE TABLE "Message' "$T/chat/schema.sql" || ! grep -q '^CREATE TABLE "Room"' "$T/chat/schema.sql"; then
  bad "chat: schema.sql should hold Room and not Message (Cassandra holds messages)"
else
  ok "chat: schema.sql holds the database's tables, not the messages Cassandra holds"
fi
if [ -f "$T/telemetry/events.sql" ] && grep -q '^CREATE TABLE "Reading"' "$T/telemetry/events.sql" &&
   ! grep -q '^CREATE TABLE "Reading"' "$T/telemetry/schema.sql"; then
  ok "telemetry: readings in events.sql (TimescaleDB), not in schema.sql"
else
  bad "telemetry: readings must be in events.sql only"
fi

# Both SQL files apply, each to its own database.
start_pg() {
  [ -x "$PGBIN/initdb" ] || return 1
  mkdir -p "$T/pg"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$T/pg"
    RUN="su postgres -s /bin/sh -c"
  fi
  $RUN "$PGBIN/initdb -D $T/pg/data -A trust -U postgres --no-instructions" >"$T/pg.log" 2>&1 || return 1
  base=$((20000 + $$ % 20000 + 5))
  for i in 0 1 2 3 4 5 6 7 8 9; do
    port=$((base + i * 13))
    if $RUN "$PGBIN/pg_ctl -D $T/pg/data -l $T/pg/log -o '-c listen_addresses=127.0.0.1 -p $port -k $T/pg -c fsync=off' -w start" >>"$T/pg.log" 2>&1; then
      PGPORT=$port
      return 0
    fi
  done
  return 1
}
psql_() { psql -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 "$@"; }
# PostgreSQL is a consumer of the files: one lane feeds it (tests/lib.sh).
if [ ! -x "$PGBIN/initdb" ]; then
  echo "skipped: PostgreSQL 15 is not installed (applying schema.sql and events.sql)"
elif start_pg; then
  for f in telemetry/schema.sql telemetry/events.sql chat/schema.sql; do
    db=$(printf '%s' "$f" | tr -c 'a-z0-9\n' '_')
    if psql_ -d postgres -c "CREATE DATABASE $db" >/dev/null 2>"$T/err" && psql_ -d "$db" -f "$T/$f" >/dev/null 2>"$T/err"; then
      ok "$f applies to PostgreSQL 15 on its own"
    else
      bad "$f does not apply to PostgreSQL 15 on its own" "$T/err"
    fi
  done
else
  bad "PostgreSQL 15 did not start" "$T/pg.log"
fi

# ---- pinned stores ----
for v in cassandra mongodb-atlas; do
  "$PLINTH" plan "$T/$v.plinth" -o "$T/$v" >/dev/null 2>"$T/$v.err" || bad "$v: plinth plan -o" "$T/$v.err"
  grep -q "\"choice\": \"$v\"" "$T/$v/plan.json" || bad "$v: the pin did not hold"
  left=$(cd "$T/$v" && ls schema.sql schema.sqlite.sql events.sql exports/schema.dbml 2>/dev/null | tr '\n' ' ')
  [ -z "$left" ] && ok "$v: no SQL schema for a database that is not SQL" || bad "$v: SQL for $v: $left"
  node tests/integrity/check.mjs "$T/$v" >"$T/i.out" 2>&1 && ok "$v: documents and flows name what its contract holds" ||
    bad "$v: integrity" "$T/i.out"
done
$CHECK cql "$T/cassandra/schema.cql" >"$T/c.out" 2>&1 && ok "cassandra: schema.cql passes the CQL checks" || bad "cassandra: schema.cql" "$T/c.out"
if node -e '
  const Ajv = require("ajv");
  const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const types = { string: "string", long: "integer", double: "number", decimal: "string", bool: "boolean", date: "string",
                  object: "object", array: "array", null: "null" };
  const conv = (s) => {
    if (Array.isArray(s)) return s.map(conv);
    if (s && typeof s === "object") {
      const o = {};
      for (const [k, v] of Object.entries(s)) {
        if (k === "bsonType") {
          const t = [].concat(v).map((x) => { if (!types[x]) throw new Error("bsonType " + x); return types[x]; });
          o.type = t.length === 1 ? t[0] : t;
        } else o[k] = conv(v);
      }
      return o;
    }
    return s;
  };
  if (!c.collections.length) throw new Error("no collections");
  for (const col of c.collections) {
    const s = conv(col.validator.$jsonSchema);
    new Ajv({ strict: false }).compile(s);
    for (const r of s.required) if (!s.properties[r]) throw new Error(col.name + ": required " + r + " has no property");
  }' "$T/mongodb-atlas/collections.json" >"$T/m.out" 2>&1; then
  ok "mongodb-atlas: collections.json validators compile and every required field has a property"
else
  bad "mongodb-atlas: collections.json" "$T/m.out"
fi

# A graph store gets schema.cypher (labels, relationship types, uniqueness
# constraints): never PostgreSQL DDL (Neo4j declares constraints) nor
# document validators (Neptune declares none, so its file keeps them as
# comments the writes enforce).
for v in neo4j-aura aws-neptune; do
  "$PLINTH" plan "$T/$v.plinth" -o "$T/$v" >/dev/null 2>"$T/$v.err" || bad "$v: plinth plan -o" "$T/$v.err"
  grep -q "\"choice\": \"$v\"" "$T/$v/plan.json" || bad "$v: the pin did not hold"
  left=$(cd "$T/$v" && ls schema.sql schema.sqlite.sql events.sql collections.json exports/schema.dbml 2>/dev/null | tr '\n' ' ')
  [ -z "$left" ] && ok "$v: no SQL schema or document validators for a graph store" || bad "$v: wrong contract for a graph store: $left"
  if [ -f "$T/$v/schema.cypher" ] && $CHECK cypher "$T/$v/schema.cypher" >"$T/g.out" 2>&1; then
    ok "$v: schema.cypher passes the Cypher checks"
  else
    bad "$v: schema.cypher missing or wrong" "$T/g.out"
  fi
  node tests/integrity/check.mjs "$T/$v" >"$T/i.out" 2>&1 && ok "$v: documents and flows name what its contract holds" ||
    bad "$v: integrity" "$T/i.out"
done

# DynamoDB for the records and Cassandra for the events (Murmur with the
# database pinned to DynamoDB): each store gets its own key design. The
# DynamoDB table holds no message, schema.cql holds the messages and passes
# the CQL checks, keys.json carries both designs, and docker-compose.yml
# loads both.
v=dynamo-cassandra
if "$PLINTH" plan "$T/$v.plinth" -o "$T/$v" >/dev/null 2>"$T/$v.err"; then
  d=$T/$v
  if node -e '
    const k = require(process.argv[1]);
    const ents = (x) => new Set(x.tables.map((t) => t.entity));
    if (k.family !== "key-value" || ents(k).has("Message")) throw new Error("the DynamoDB design holds Message");
    if (!k.events_store || k.events_store.family !== "wide-column" || !ents(k.events_store).has("Message"))
      throw new Error("no wide-column design for the events store");
    for (const e of ents(k.events_store)) if (ents(k).has(e)) throw new Error(e + " is in both designs");' "$d/keys.json" >"$T/dc.out" 2>&1; then
    ok "$v: two key designs, Message only in the events store's (Cassandra)"
  else
    bad "$v: keys.json" "$T/dc.out"
  fi
  grep -q '"entity": "Message"' "$d/dynamodb.cfn.json" && bad "$v: dynamodb.cfn.json holds Message items" ||
    ok "$v: dynamodb.cfn.json holds no Message item"
  $CHECK dynamodb "$d/dynamodb.cfn.json" "$d/keys.json" >"$T/dc.out" 2>&1 && ok "$v: dynamodb.cfn.json passes aws-cdk-lib and the key checks" ||
    bad "$v: dynamodb.cfn.json" "$T/dc.out"
  if [ -f "$d/schema.cql" ] && grep -q '^CREATE TABLE "Message_by_' "$d/schema.cql" && $CHECK cql "$d/schema.cql" >"$T/dc.out" 2>&1; then
    ok "$v: schema.cql has the messages' tables and passes the CQL checks"
  else
    bad "$v: schema.cql missing or wrong" "$T/dc.out"
  fi
  grep -q 'dynamodb-table.json:/init/' "$d/docker-compose.yml" && grep -q 'schema.cql:/init/' "$d/docker-compose.yml" &&
    ok "$v: docker-compose.yml creates the DynamoDB table and loads the CQL" || bad "$v: docker-compose.yml loaders" "$d/docker-compose.yml"
  node tests/integrity/check.mjs "$d" >"$T/i.out" 2>&1 && ok "$v: documents and flows name what its contracts hold" ||
    bad "$v: integrity" "$T/i.out"
else
  bad "$v: plinth plan -o" "$T/$v.err"
fi

# ClickHouse as the events store (Gauge's own choice, pinned as well):
# clickhouse.sql with MergeTree tables, not measurements.md or events.sql;
# the checker first refuses an ORDER BY on an undeclared column and a type
# ClickHouse lacks.
v=clickhouse
if "$PLINTH" plan "$T/$v.plinth" -o "$T/$v" >/dev/null 2>"$T/$v.err"; then
  f=$T/$v/clickhouse.sql
  if [ -f "$f" ]; then
    sed 's/^ORDER BY ("[a-z_]*"/ORDER BY ("no_such"/' "$f" >"$T/order.ch.sql"
    cmp -s "$f" "$T/order.ch.sql" || expect_reject "ClickHouse ORDER BY an undeclared column" clickhouse "$T/order.ch.sql" "which is not declared"
    sed 's/ Float64$/ float8/' "$f" >"$T/type.ch.sql"
    cmp -s "$f" "$T/type.ch.sql" || expect_reject "ClickHouse type it does not have" clickhouse "$T/type.ch.sql" "which ClickHouse does not have"
    $CHECK clickhouse "$f" >"$T/ch.out" 2>&1 && ok "clickhouse: clickhouse.sql passes the MergeTree checks" || bad "clickhouse: clickhouse.sql" "$T/ch.out"
    # The readings: sorted by their device then time, 13 months' retention.
    if grep -qxF 'ORDER BY ("device", "at")' "$f" && grep -qxF 'TTL toDateTime("at") + INTERVAL 396 DAY;' "$f"; then
      ok "clickhouse: Reading sorted by device then time, TTL of 13 months (396 days)"
    else
      bad "clickhouse: Reading's sort key or TTL" "$f"
    fi
  else
    bad "clickhouse: no clickhouse.sql" "$T/$v.err"
  fi
  left=$(cd "$T/$v" && ls measurements.md events.sql 2>/dev/null | tr '\n' ' ')
  [ -z "$left" ] && ok "clickhouse: no measurements.md or events.sql beside clickhouse.sql" || bad "clickhouse: also $left"
else
  bad "clickhouse: plinth plan -o" "$T/$v.err"
fi

summary
